"""Split normalised text into sentences with offsets; quotes and brackets stay with their sentence."""
from __future__ import annotations

import re

from kg.records import Sentence

_END = re.compile(r"[。！？!?]+[”’」』）)]*")
# semicolons and ellipses join parts of one sentence (…展示城市魅力；创设“嘉乐大讲堂”): no split there
MAX_LEN = 300


def split_sentences(text: str, doc_id: str = "") -> list[Sentence]:
    """The sentences of a normalised text (paragraphs on lines), each with its offsets in `text` and its
    paragraph. A sentence ends at 。！？ (with the closing quotes after them); one longer than MAX_LEN
    characters is cut at a comma.

    >>> s = split_sentences("嵊州市召开会议。会议指出：“要抓好落实！”\\n三界镇参加。", "d")
    >>> [(x.start, x.end, x.text, x.paragraph) for x in s]
    [(0, 8, '嵊州市召开会议。', 0), (8, 21, '会议指出：“要抓好落实！”', 0), (22, 28, '三界镇参加。', 1)]
    """
    out: list[Sentence] = []
    pos = 0
    for pi, para in enumerate(text.split("\n")):
        start = pos
        pos += len(para) + 1
        spans: list[tuple[int, int]] = []
        last = 0
        for m in _END.finditer(para):
            spans.append((last, m.end()))
            last = m.end()
        if last < len(para):
            spans.append((last, len(para)))
        for a, b in spans:
            # very long runs without a full stop (tables, lists) are cut at commas
            while b - a > MAX_LEN:
                cut = max(para.rfind("，", a, a + MAX_LEN), para.rfind("、", a, a + MAX_LEN))
                cut = cut + 1 if cut > a else a + MAX_LEN
                _add(out, para, a, cut, start, doc_id, pi)
                a = cut
            _add(out, para, a, b, start, doc_id, pi)
    return out


def _add(out: list[Sentence], para: str, a: int, b: int, base: int, doc_id: str, pi: int) -> None:
    seg = para[a:b]
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    if seg:
        out.append(Sentence(doc_id, len(out), base + a + lead, base + a + lead + len(seg), seg, pi))
