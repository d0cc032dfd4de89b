"""Normalise raw extracted text: page furniture, column line breaks, spaced names, widths, duplicates."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from kg.paths import data_dir

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")
_PAGE_NUMBER = re.compile(r"^[\s\-—–·•]*(?:第\s*)?\d{1,4}(?:\s*页)?[\s\-—–·•]*$|^[\s\-—–]*[IVXLC]{1,6}[\s\-—–]*$")
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0b\uff0e\uff0d\uff1d]")
_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


@dataclass(frozen=True)
class Normalised:
    """A normalised text: its paragraphs, the column width detected and what was dropped (see `normalise`)."""
    text: str                  # paragraphs joined by "\n"
    paragraphs: tuple[str, ...]
    column_width: int | None   # the detected column width of hard-broken text, if any
    dropped_duplicates: int
    dropped_furniture: int


def width(s: str) -> float:
    """Display width in full-width cells: a Chinese character is 1, an ASCII or half-width one 0.5.

    >>> width("嵊州ab")
    3.0
    """
    return sum(0.5 if ord(ch) < 0x2E80 and unicodedata.east_asian_width(ch) in "NaH" else 1.0 for ch in s)


def unify_widths(s: str) -> str:
    """Full-width letters and digits to ASCII; ASCII , ; : ? ! between Chinese text to full-width.

    >>> unify_widths("ＡＢＣ１２３,共3,000人,下午12:30")
    'ABC123,共3,000人，下午12:30'
    """
    s = _FULLWIDTH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), s)
    s = s.replace("\u3000", " ").replace("\u00a0", " ")

    def punct(m: re.Match) -> str:
        return m.group(1) + _HALF_PUNCT[m.group(2)]
    # only where a Chinese character (or closing quote) stands before: 12:30 and 3,000 stay
    return re.sub(f"([{CJK}”’）》])([,;:?!])(?![0-9])", punct, s)


_RADICAL_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fd5]")


@lru_cache(maxsize=1)
def _radical_table() -> dict[int, str]:
    table = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}
    for raw in (data_dir() / "text" / "radicals.txt").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            radical, char = raw.split("\t")[:2]
            table[ord(radical)] = char.strip()
    return table


def unify_radicals(s: str) -> str:
    """Kangxi and supplementary radicals that PDF text layers emit (⼈ ⻓ ⾦) to the ordinary characters (人 长 金).

    The supplementary ones are listed in data/text/radicals.txt (read from `kg.paths.data_dir()`).

    >>> unify_radicals("⻓江⼈民")
    '长江人民'
    """
    return s.translate(_radical_table()) if _RADICAL_RE.search(s) else s


def _is_single(t: str) -> bool:
    return len(t) == 1 and bool(_CJK_RE.match(t))


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """The single-character surnames of data/lexicon/surnames.txt (a spaced name opens with one)."""
    text = (data_dir() / "lexicon" / "surnames.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split() if len(w) == 1)


def _pair_singles(segment: str) -> str:
    tokens = [t for t in segment.split(" ") if t]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if not _is_single(tokens[i]):
            out.append(tokens[i])
            i += 1
            continue
        j = i
        while j < len(tokens) and _is_single(tokens[j]):
            j += 1
        run = tokens[i:j]
        if len(run) % 2 == 0 and all(run[k] in _surnames() for k in range(0, len(run), 2)):
            # 袁 卫 夏 靓 → 袁卫 夏靓 (two-character names are the common case; each opens with a surname)
            out.extend(run[k] + run[k + 1] for k in range(0, len(run), 2))
        elif len(run) >= 4 and j < len(tokens):
            # 浙 江 省 文 化 … 厅联办: a phrase spaced out, its last characters glued to its end
            out.append("".join(run) + tokens[j])
            j += 1
        else:                        # 杨 晨 蔡建军 → 杨晨 蔡建军 only when paired with a neighbour is impossible
            out.append("".join(run))
        i = j
    return " ".join(out)


def is_spaced_heading(line: str) -> bool:
    """A line of single Chinese characters set apart by spaces (a heading spaced out: 高 层 要 论).

    >>> is_spaced_heading("高 层 要 论"), is_spaced_heading("袁卫 夏靓")
    (True, False)
    """
    tokens = [t for t in line.strip().split(" ") if t]
    return len(tokens) >= 2 and all(_is_single(t) for t in tokens)


def collapse_spaced_names(line: str) -> str:
    """“袁 卫” → 袁卫, “■杨 晨 蔡建军” → ■杨晨 蔡建军, “/叶 慧 林 莉” → /叶慧 林莉, “高 层 要 论” → 高层要论.

    >>> collapse_spaced_names("■杨 晨 蔡建军"), collapse_spaced_names("/叶 慧 林 莉")
    ('■杨晨 蔡建军', '/叶慧 林莉')
    >>> collapse_spaced_names("出席会议的有：袁 卫 王 强、李 明"), collapse_spaced_names("浙 江 省 文 化 厅联办")
    ('出席会议的有：袁卫 王强、李明', '浙江省文化厅联办')
    """
    lead = line[: len(line) - len(line.lstrip())]
    body = line.strip()
    if " " not in body:
        return line
    if is_spaced_heading(body):
        return lead + body.replace(" ", "")
    # a mark or a clause's punctuation starts a run of names too (出席的有：袁 卫 王 强)
    parts = re.split(r"([/■|｜：:，、；])", body)
    return lead + "".join(p if p in "/■|｜：:，、；" else _pair_singles(p) if " " in p.strip() else p for p in parts)


_DOUBLED = re.compile(f"([{CJK}]{{4,}})\\1")


def undouble(line: str) -> str:
    """Text layers extracted twice: a line written twice (S S) or runs doubled (第三届中国第三届中国).

    >>> undouble("浙江省嵊州市浙江省嵊州市"), undouble("第三届中国第三届中国博览会")
    ('浙江省嵊州市', '第三届中国博览会')
    """
    body = line.strip()
    half = len(body) // 2
    if len(body) >= 8 and len(body) % 2 == 0 and body[:half] == body[half:]:
        return line[: len(line) - len(line.lstrip())] + body[:half]
    if not _DOUBLED.search(line):
        return line
    # a line from a doubled text layer is doubled throughout: its short words too (储伏龙储伏龙 摄摄)
    words = re.split(r"(\s+)", _DOUBLED.sub(r"\1", line))
    return "".join(w[: len(w) // 2] if w.strip() and len(w) % 2 == 0 and w[: len(w) // 2] == w[len(w) // 2:] else w
                   for w in words)


def _tidy_spaces(s: str) -> str:
    # 2023 年 9 月 → 2023年9月; keep one space between two ASCII words
    s = re.sub(f"(?<=[{CJK}，。：；、“”])\\s+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])\\s+(?=[{CJK}，。：；、“”])", "", s)
    s = re.sub(r"[ \t]{2,}", " ", s)
    return s.strip()


def detect_column_width(lines: list[str]) -> int | None:
    """The width of hard-broken column text, else None: most lines about one width, in at least 40 lines;
    or, in a short excerpt (5 lines or more), most lines of exactly one width of 10 or more that mostly
    end inside a sentence (an excerpt of a PDF column: 江西省宜春市宜丰县 | 黄岗镇召开会议…).

    >>> detect_column_width(["一二三四五六七八九十一二三四五六七八九十"] * 40), detect_column_width(["短句。"] * 3)
    (20, None)
    >>> detect_column_width(["湖北省恩施州利川市谋道镇党", "委书记刘建华到村里调研，要", "求抓好防汛工作。"] * 2)
    13
    >>> detect_column_width(["一、加强组织领导。要求各地。", "二、强化要素保障。确保落地。"] * 3)
    """
    widths = [round(width(l.strip())) for l in lines if l.strip()]
    if len(widths) < 5:
        return None
    mode, _ = Counter(w for w in widths if w >= 8).most_common(1)[0] if any(w >= 8 for w in widths) else (0, 0)
    if not 8 <= mode <= 40:
        return None
    if len(widths) < 40:
        return mode if mode >= 10 and _short_column(lines, mode) else None
    near = sum(1 for w in widths if abs(w - mode) <= 2)
    return mode if near / len(widths) >= 0.35 else None


def _short_column(lines: list[str], mode: int) -> bool:
    """Do most lines of a short text have the width `mode`, and do most of those end inside a sentence?"""
    full = [l.strip() for l in lines if l.strip() and round(width(l.strip())) == mode]
    inside = sum(1 for l in full if l[-1] not in _TERMINAL and l[-1] not in "，、")
    return len(full) * 2 > len([l for l in lines if l.strip()]) and inside * 10 >= len(full) * 7


def _furniture(lines: list[str], column: int | None) -> set[int]:
    """Indexes of page numbers and running headers (a short line repeated three times or more)."""
    drop = {i for i, l in enumerate(lines) if l.strip() and _PAGE_NUMBER.match(l)}
    counts = Counter(l.strip() for l in lines if l.strip())
    for i, l in enumerate(lines):
        s = l.strip()
        if counts[s] >= 3 and 5 <= len(s) <= 30 and not re.search(r"[，。、；：！？,;:“”\"■]", s) \
                and (column is None or width(s) < column - 2.5):
            drop.add(i)
    # keep the first occurrence of a repeated header: it may be the article's real title
    first: dict[str, int] = {}
    for i in sorted(drop):
        s = lines[i].strip()
        if not _PAGE_NUMBER.match(lines[i]) and s not in first:
            first[s] = i
    return drop - set(first.values())


_TERMINAL = "。！？!?；;…”’）)】」』：:"


def _join_broken(paragraphs: list[str]) -> list[str]:
    """Join a paragraph cut mid-sentence by a page break (陌桑高科的母公司 | 巴贝集团…) to the next one."""
    out: list[str] = []
    for p in paragraphs:
        prev = out[-1] if out else ""
        if (len(prev) >= 40 and prev[-1] not in _TERMINAL and _CJK_RE.match(prev[-1])
                and p[:1] and _CJK_RE.match(p[:1]) and len(p) >= 20):
            out[-1] = prev + p
        else:
            out.append(p)
    return out


def normalise(raw: str) -> Normalised:
    """Raw extracted text to the text evidence offsets refer to: control characters, radicals and widths
    unified, page furniture and repeated paragraphs dropped, column lines joined into paragraphs.

    >>> n = normalise("第 1 页\\n\\n嵊州市召开会议。\\n\\n嵊州市召开会议。\\n\\n会议要求,抓好落实。")
    >>> n.paragraphs, n.dropped_duplicates, n.dropped_furniture
    (('嵊州市召开会议。', '会议要求，抓好落实。'), 1, 1)
    """
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    # in chunks: a join over every character holds one string object (~80 bytes) per character at once
    raw = "".join("".join(ch for ch in raw[i:i + 65536] if ch in "\n\t"
                          or unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs"))
                  for i in range(0, len(raw), 65536))
    lines = [undouble(unify_widths(unify_radicals(l.rstrip()))) for l in raw.split("\n")]
    column = detect_column_width(lines)
    drop = _furniture(lines, column)
    kept = [l for i, l in enumerate(lines) if i not in drop]
    paragraphs: list[str] = []
    buf = ""
    for l in kept:
        if not l.strip():
            if column is None and buf:       # blank line ends a paragraph in flowing text
                paragraphs.append(buf)
                buf = ""
            continue
        heading = is_spaced_heading(l)
        indented = l[:1] in (" ", "\t") or l.lstrip().startswith("■") or heading \
            or bool(re.match(r"\s*\d{1,3}\s+\S", l))
        line = collapse_spaced_names(l)
        if column is None:
            if buf:
                paragraphs.append(buf)
            buf = line.strip()
            continue
        if buf and not indented:
            buf += line.strip()
        else:
            if buf:
                paragraphs.append(buf)
            buf = line.strip()
        if width(l.strip()) < column - 2.5 or heading:   # a short line ends its paragraph
            paragraphs.append(buf)
            buf = ""
    if buf:
        paragraphs.append(buf)
    if column is None:
        paragraphs = _join_broken(paragraphs)
    out: list[str] = []
    seen: set[str] = set()
    dups = 0
    for p in paragraphs:
        p = _tidy_spaces(p)
        if not p:
            continue
        key = re.sub(r"\s+", "", p)
        if len(key) >= 6 and key in seen:
            dups += 1
            continue
        seen.add(key)
        out.append(p)
    return Normalised("\n".join(out), tuple(out), column, dups, len(drop))
