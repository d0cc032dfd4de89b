"""A document's date and where it came from: publication metadata, else a date in the text's opening, else a file's creation date."""
from __future__ import annotations

import re
from datetime import date

#: Where a document's date came from (kg:dateSource, docs/inputs.md): the input's publication metadata
#: (an HTML page's meta tags, a JSON Lines `date`, DOCX core properties, Markdown front matter) …
METADATA = "metadata"
#: … a date written in the text's opening or byline (2024年3月22日, 2024-03-22) …
TEXT = "text"
#: … or, when nothing else gives one, the file's creation date (a PDF's CreationDate: often the day it was printed).
FILE_CREATED = "file-created"
SOURCES = (METADATA, TEXT, FILE_CREATED)

#: The opening searched for a written date: the first paragraphs, up to this many characters.
OPENING_CHARS = 400
OPENING_PARAGRAPHS = 6

_NUM = "〇零一二三四五六七八九十"
_DATE = re.compile(
    r"(?<![\d])(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([-/.])(\d{1,2})\4(\d{1,2})(?![\d]))"
    rf"|([{_NUM}]{{4}})年([{_NUM}]{{1,2}})月([{_NUM}]{{1,3}})日")


def _cn_number(s: str) -> int:
    """二〇二四 → 2024 (digit by digit), 二十二 → 22, 十 → 10, 三十一 → 31."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits["零"] = 0
    if "十" not in s:
        return int("".join(str(digits[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def _whole(y: int, m: int, d: int) -> str | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def written_date(text: str) -> str | None:
    """The first whole calendar date written in `text`, ISO; None when there is none.

    >>> written_date("来源：嵊州市人民政府 发布时间：2024-03-22 10:30"), written_date("2024年3月22日，市政府召开会议。")
    ('2024-03-22', '2024-03-22')
    >>> written_date("二〇二四年三月二十二日"), written_date("2024年3月召开"), written_date("2024-2026年行动计划")
    ('2024-03-22', None, None)
    """
    for m in _DATE.finditer(text):
        if m.group(1):
            got = _whole(int(m.group(1)), int(m.group(2) or m.group(5)), int(m.group(3) or m.group(6)))
        else:
            try:
                got = _whole(_cn_number(m.group(7)), _cn_number(m.group(8)), _cn_number(m.group(9)))
            except (KeyError, ValueError):
                got = None
        if got:
            return got
    return None


def opening(paragraphs: list[str]) -> str:
    """The text's opening, where a byline or dateline stands: the first paragraphs, at most OPENING_CHARS.

    >>> opening(["标题", "2024年3月22日", "正文。"])
    '标题\\n2024年3月22日\\n正文。'
    """
    return "\n".join(paragraphs[:OPENING_PARAGRAPHS])[:OPENING_CHARS]


def document_date(meta_date: str | None, meta_source: str | None, paragraphs: list[str]
                  ) -> tuple[str | None, str | None]:
    """(date, source): the publication metadata's date, else one written in the opening, else the
    file's creation date; the source is one of SOURCES (None with no date).

    >>> document_date("2024-01-05", METADATA, ["2024年3月22日"])
    ('2024-01-05', 'metadata')
    >>> document_date("2026-12-06", FILE_CREATED, ["关于开展工作的通知", "2024年3月22日"])
    ('2024-03-22', 'text')
    >>> document_date("2026-12-06", FILE_CREATED, ["市政府印发通知。"]), document_date(None, None, ["通知"])
    (('2026-12-06', 'file-created'), (None, None))
    """
    if meta_date and meta_source != FILE_CREATED:
        return meta_date, meta_source or METADATA
    written = written_date(opening(paragraphs))
    if written:
        return written, TEXT
    if meta_date:
        return meta_date, FILE_CREATED
    return None, None
