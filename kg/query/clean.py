"""Text fit for a terminal or a log line: control characters shown as escapes, never sent raw.

An escape sequence in a request line, a file name or a literal (`ESC ] 0 ; … BEL` sets a
terminal's title; `ESC [ 2 J` clears it) would act on the terminal of whoever reads the log or the
table. C0 and C1 controls, DEL and the bidirectional overrides are escaped; Chinese text,
ideographic spaces and every other printable character are kept as they are.

    >>> clean('GET /\\x1b]0;owned\\x07 HTTP/1.1')
    'GET /\\\\x1b]0;owned\\\\x07 HTTP/1.1'
    >>> clean("嵊州市\\u3000人民政府")
    '嵊州市\\u3000人民政府'
"""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def clean(text: str) -> str:
    """`text` with its control characters escaped (see the module's docstring).

    >>> print(clean("a\\x1b[2Jb\\u202e.txt"))
    a\\x1b[2Jb\\u202e.txt
    """
    return _CONTROL.sub(_escape, text)
