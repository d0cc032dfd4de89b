"""Read bytes from regular files within a size limit and decode them: UTF-8, UTF-16, GB18030/GBK, Big5."""
from __future__ import annotations

import os
import stat
from pathlib import Path

#: Default per-document size limit (bytes). Generous: the largest magazine issue we have is 0.3 MB.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: More invalid UTF-8 sequences than this (per MB, at least 8) means the file is not UTF-8 at all.
_BAD_UTF8_PER_MB = 64


class InputError(ValueError):
    """An input file that cannot be used; the message names the file and says why."""


def printable(path: str | Path) -> str:
    """A path fit for one line of a terminal: control characters (escape sequences, newlines) escaped.

    >>> print(printable("通知\\x1b[31m.txt\\n"))
    通知\\x1b[31m.txt\\n
    """
    s = str(path)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in s)


def file_kind(mode: int) -> str:
    """What a non-regular file is, for the one-line refusal.

    >>> file_kind(stat.S_IFIFO | 0o644), file_kind(stat.S_IFDIR | 0o755)
    ('a FIFO (named pipe)', 'a folder')
    """
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The whole content of a regular file of at most `max_bytes`; anything else is an InputError.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_bytes("通知".encode())
    >>> read_bytes(d / "a.txt")
    b'\\xe9\\x80\\x9a\\xe7\\x9f\\xa5'
    >>> read_bytes(d / "a.txt", max_bytes=3)
    Traceback (most recent call last):
    kg.text.read.InputError: ...: 6 bytes is over the per-document limit of 3 (raise it with --max-size)
    >>> read_bytes(d)
    Traceback (most recent call last):
    kg.text.read.InputError: ...: a folder, not a regular file; only regular files are read
    """
    p = Path(path)
    name = printable(p)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror or e}") from None
    if not stat.S_ISREG(st.st_mode):
        # opening a FIFO blocks and a device never ends: refuse before open()
        raise InputError(f"{name}: {file_kind(st.st_mode)}, not a regular file; only regular files are read")
    if st.st_size > max_bytes:
        raise InputError(f"{name}: {st.st_size:,} bytes is over the per-document limit of {max_bytes:,} "
                         f"(raise it with --max-size)")
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since stat(), open() must not hang
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read: {e.strerror or e}") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise InputError(f"{name}: not a regular file; only regular files are read")
        # as many bytes as stat() said (a buffer of max_bytes for a small file is wasted memory), then
        # the rest should the file have grown since
        data = f.read(min(st.st_size, max_bytes) + 1)
        if len(data) > st.st_size:
            data += f.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:
        raise InputError(f"{name}: over the per-document limit of {max_bytes:,} bytes (raise it with --max-size)")
    return data


def _utf8_lenient(data: bytes, limit: int) -> tuple[str, list[int]] | None:
    """Decode UTF-8 replacing invalid bytes with U+FFFD; None when there are more than `limit` of them."""
    out: list[str] = []
    bad: list[int] = []
    pos = 0
    while True:
        try:
            out.append(data[pos:].decode("utf-8"))
            return "".join(out), bad
        except UnicodeDecodeError as e:
            if len(bad) >= limit:
                return None
            out.append(data[pos:pos + e.start].decode("utf-8"))
            out.append("\ufffd")
            bad.append(pos + e.start)
            pos += e.end


def _gb_common(ch: str) -> bool:
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7   # GB2312 level 1: the 3,755 most used characters


def _big5_common(ch: str) -> bool:
    try:
        b = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xA4 <= b[0] <= 0xC6   # Big5 level 1: the 5,401 most used characters


def _plausibility(text: str, encoding: str) -> float:
    """Share of characters a real Chinese text is made of; mojibake is mostly rare characters."""
    sample = text[:20000]
    if not sample:
        return 0.0
    good = 0
    for ch in sample:
        o = ord(ch)
        if ch in "\n\r\t" or 0x20 <= o < 0x7F or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E \
                or 0x2010 <= o <= 0x2027 or ch in "·×—":
            good += 1
        elif 0x4E00 <= o <= 0x9FFF:
            if encoding == "gb18030":
                good += _gb_common(ch)
            elif encoding == "big5":
                good += _big5_common(ch)
            else:
                good += _gb_common(ch) or _big5_common(ch)
    return good / len(sample)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str, list[str]]:
    """Return (text, encoding, warnings). Raises InputError for binary or undecodable data.

    UTF-8 with a few invalid bytes is kept, the bytes replaced by U+FFFD and reported by position;
    otherwise the most plausible of GB18030, Big5 and BOM-less UTF-16 is chosen, and a text that
    is none of them is refused rather than turned into mojibake.

    >>> decode("市政府印发通知。".encode("gbk")), decode("市政府印發通知。".encode("big5"))
    (('市政府印发通知。', 'gb18030', []), ('市政府印發通知。', 'big5', []))
    >>> decode("通知".encode() + b"\\xff" + "全文".encode(), "a.txt")
    ('通知\\ufffd全文', 'utf-8', ['a.txt: 1 invalid UTF-8 byte sequence replaced with U+FFFD (byte 6)'])
    >>> decode(b"%PDF-1.4 ...", "a.txt")
    Traceback (most recent call last):
    kg.text.read.InputError: a.txt: a PDF file; give it the extension .pdf
    """
    name = printable(name)
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: UTF-16 byte order mark, but invalid UTF-16 at byte {e.start + 2}") from None
    if data.startswith(b"%PDF-"):
        raise InputError(f"{name}: a PDF file; give it the extension .pdf")
    if data.startswith(b"PK\x03\x04"):
        raise InputError(f"{name}: a ZIP container (DOCX?); give a Word file the extension .docx")
    nul = b"\x00" in data[:4096]
    if not nul:
        limit = max(8, len(data) * _BAD_UTF8_PER_MB // 1_000_000)
        got = _utf8_lenient(data, limit)
        if got is not None:
            text, bad = got
            if bad:
                # a mostly-ASCII GBK or Big5 file has few invalid UTF-8 sequences too: prefer a clean legacy decoding
                for enc in ("gb18030", "big5"):
                    try:
                        legacy = data.decode(enc)
                    except UnicodeDecodeError:
                        continue
                    if _plausibility(legacy, enc) >= 0.9 and _plausibility(legacy, enc) > _plausibility(text, "utf-8"):
                        return legacy, enc, []
            warnings = []
            if bad:
                where = ", ".join(f"byte {b}" for b in bad[:5]) + (" …" if len(bad) > 5 else "")
                warnings.append(f"{name}: {len(bad)} invalid UTF-8 byte sequence{'s' if len(bad) > 1 else ''} "
                                f"replaced with U+FFFD ({where})")
            return text, "utf-8", warnings
    candidates: list[tuple[float, str, str]] = []
    for enc in (("utf-16-le", "utf-16-be") if nul else ("gb18030", "big5", "utf-16-le", "utf-16-be")):
        if enc.startswith("utf-16") and len(data) % 2:
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text, enc), enc, text))
    if candidates:
        score, enc, text = max(candidates, key=lambda c: c[0])
        if score >= 0.6:   # mojibake scores about 0.3; short texts of rare place names (嵊, 剡) about 0.7
            return text, enc, []
    if nul:
        raise InputError(f"{name}: binary file (NUL bytes), not text in UTF-8, UTF-16, GB18030 or Big5")
    raise InputError(f"{name}: not text in UTF-8, GB18030/GBK, Big5 or UTF-16")


def read_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """(text, encoding) of a plain-text file; warnings about replaced bytes are dropped here.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_bytes("市政府印发通知。".encode("gbk"))
    >>> read_text(d / "a.txt")
    ('市政府印发通知。', 'gb18030')
    """
    text, enc, _ = decode(read_bytes(path, max_bytes), str(path))
    if not text.strip():
        raise InputError(f"{printable(path)}: empty file")
    return text, enc
