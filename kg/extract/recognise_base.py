"""The recognisers' shared ground: the context of a document (its tagged tokens), the word families
read from data/lexicon, and the checks of names every recogniser uses (endings, places, surnames).

Word families are read with `lexicon(file, use)` (kg.extract.resources.read_lines): one entry a line,
the second field naming the uses of an entry, so that one family (level_words.txt) serves several rules.
Names with a leading underscore are shared by the recognition modules (kg.extract.recognise_*) only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from kg.extract import lac, words
from kg.extract.resources import LEXICON, Resources, read_lines
from kg.records import Document, Mention, Sentence


# parts of speech (LAC tag set) that can be inside a name
NOUNISH = {"n", "nz", "nw", "ns", "nt", "nr", "vn", "an", "j", "s", "LOC", "ORG", "f"}
NAME_PUNCT = set("()（）·")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=None)
def lexicon_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of data/lexicon/`name` (fields of each line), read once a process.

    >>> lexicon_rows("list_kinds.txt")[0]
    ('企业', 'company', '家')
    """
    return tuple(tuple(r) for r in read_lines(LEXICON / name))


@lru_cache(maxsize=None)
def lexicon(name: str, use: str | None = None) -> tuple[str, ...]:
    """The words of data/lexicon/`name` in the file's order; with `use`, only those whose second field
    (their uses, comma-separated) names it.

    >>> lexicon("framing_words.txt", "event-edge")
    ('探索', '创新', '聚焦', '围绕')
    """
    return tuple(r[0] for r in lexicon_rows(name) if use is None or (len(r) > 1 and use in r[1].split(",")))


def alternation(entries: tuple[str, ...]) -> str:
    """A regex alternation of the entries, in their order.

    >>> alternation(("省", "市", "街道"))
    '省|市|街道'
    """
    return "|".join(map(re.escape, entries))


def chars(entries: tuple[str, ...]) -> str:
    """A regex character class's inside made of one-character entries.

    >>> print(chars(("、", "·", ".")))
    、·\\.
    >>> re.findall(f"[{chars(('、', '.'))}]", "甲、乙.丙")
    ['、', '.']
    """
    return "".join(map(re.escape, entries))


# ---- word families, from data/lexicon (see its README) -----------------------------------
FUNCTION = "function_words.txt"
_PLACE_CONJUNCTIONS = frozenset(lexicon(FUNCTION, "place-conjunction"))
CLAUSE_VERBS = frozenset(lexicon("clause_verbs.txt"))


@dataclass(frozen=True)
class Token:
    """A word the tagger found: its text, its part of speech (LAC tag set) and its span in the document."""
    text: str
    tag: str
    start: int
    end: int


@dataclass
class Context:
    """What every recogniser and mention pass reads: the document, its sentences, their tagged words
    and the lexicons (`context(text)` makes one for a short text)."""
    doc: Document
    sentences: list[Sentence]
    tokens: list[list[Token]]        # per sentence
    res: Resources
    _given_names: frozenset[str] | None = field(default=None, repr=False, compare=False)
    # the mentions the recognisers found, before any mention pass (set by recognise())
    recognised: list[Mention] | None = field(default=None, repr=False, compare=False)

    def given_names(self) -> frozenset[str]:
        """The last two characters of every three-character person the tagger found with a surname
        (王炳奎 gives 炳奎), computed once per document: asking the tokens per name was quadratic.

        >>> sorted(context("王炳奎说，炳奎是好人。").given_names())
        ['炳奎']
        """
        if self._given_names is None:
            self._given_names = frozenset(t.text[1:] for row in self.tokens for t in row
                                          if t.tag == "PER" and len(t.text) == 3 and has_surname(t.text, self.res))
        return self._given_names


Recogniser = Callable[[Context], list[Mention]]


def context(text: str, res: Resources | None = None) -> Context:
    """The recognisers' context of one short text, read as a document would be (normalised, split
    into sentences, tagged): for trying a single component.

    >>> ctx = context("嵊州市召开会议。")
    >>> [(t.text, t.tag) for t in ctx.tokens[0]][:2]
    [('嵊州市', 'LOC'), ('召开', 'v')]
    """
    from kg.extract.resources import resources
    from kg.text.normalise import normalise
    from kg.text.sentences import split_sentences
    doc = Document("text", "text.txt", normalise(text).text)
    sentences = split_sentences(doc.text, doc.id)
    return Context(doc, sentences, tokenise(sentences), res if res is not None else resources())


def tokenise(sentences: list[Sentence]) -> list[list[Token]]:
    """The sentences' words and their parts of speech from the tagger (LAC), with their offsets in the
    document: one row of tokens a sentence.

    >>> [(t.text, t.tag, t.start) for t in tokenise(context("嵊州市召开会议。").sentences)[0]][:2]
    [('嵊州市', 'LOC', 0), ('召开', 'v', 3)]
    """
    out = []
    for s, toks in zip(sentences, lac.tag([s.text for s in sentences])):
        pos = s.start
        row = []
        for w, t in toks:
            row.append(Token(w, t, pos, pos + len(w)))
            pos += len(w)
        out.append(row)
    return out


def longest_suffix(name: str, suffixes: tuple[str, ...]) -> str | None:
    """The first of `suffixes` (sorted longest first) that `name` ends with.

    Looks up the name's last L characters for each length L the list has, instead of trying every
    ending: the same answer as `next(s for s in suffixes if name.endswith(s))`.

    >>> longest_suffix("嵊州市人民政府", ("人民政府", "政府", "局"))
    '人民政府'
    """
    index = _SUFFIXES.get(id(suffixes))
    if index is None or index[0] is not suffixes:
        index = _suffix_index(suffixes)
    _, lengths, position, ordered = index
    best = None
    for n in lengths:
        if n > len(name):
            continue
        s = name[len(name) - n:]
        p = position.get(s)
        if p is not None:
            if ordered:
                return s          # longest first: the first hit is the first in the list
            if best is None or p < position[best]:
                best = s
    return best


#: id(suffix list) → (the list, its lengths longest first, ending → first position, sorted longest first?)
_SUFFIXES: dict[int, tuple[tuple[str, ...], tuple[int, ...], dict[str, int], bool]] = {}


def _suffix_index(suffixes: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[int, ...], dict[str, int], bool]:
    if len(_SUFFIXES) > 64:       # lists made on the fly: keep the cache small
        _SUFFIXES.clear()
    position: dict[str, int] = {}
    for i, s in enumerate(suffixes):
        position.setdefault(s, i)
    ordered = all(len(a) >= len(b) for a, b in zip(suffixes, suffixes[1:]))
    index = (suffixes, tuple(sorted({len(s) for s in suffixes}, reverse=True)), position, ordered)
    _SUFFIXES[id(suffixes)] = index
    return index


def classify_name(name: str, res: Resources, tagged: bool = False) -> str | None:
    """The class a name's ending implies (the longest matching ending over all lists wins).

    One-character endings (局, 厅) count only for names the tagger marked as organisations.

    >>> from kg.extract.resources import resources
    >>> classify_name("嵊州市人民政府", resources()), classify_name("浙江长鸿生物科技有限公司", resources())
    ('GovernmentBody', 'Company')
    """
    cands = []
    for cls, suffixes, rank in (("Company", res.company_legal, 5), ("Organization", res.org_suffixes, 4),
                                ("GovernmentBody", res.body_suffixes, 3), ("Locality", res.zone_suffixes, 2),
                                ("Company", res.company_short, 1)):
        s = longest_suffix(name, suffixes)
        if s and len(name) - len(s) >= (2 if cls == "Company" else 1) and (len(s) > 1 or tagged):
            cands.append((len(s), rank, cls))
    if not cands:
        return None
    return max(cands)[2]


def common_word(name: str) -> bool:
    """Does jieba's dictionary know this as an everyday word rather than a name (公平, 文脉, 社长)?

    >>> common_word("公平"), common_word("王琴英")
    (True, False)
    """
    tag = words.known_tag(name)
    return tag is not None and not tag.startswith("nr")


def conjunction_place(text: str, start: int, name: str) -> bool:
    """县级市和县: a two-character division name that starts with a conjunction right after a word
    is the conjunction and a word (和县, 与县), not the division.

    >>> conjunction_place("县级市和县", 3, "和县"), conjunction_place("和县", 0, "和县")
    (True, False)
    """
    return len(name) == 2 and name[0] in _PLACE_CONJUNCTIONS and start > 0 and bool(CJK_RE.match(text[start - 1]))


def everyday_word(word: str) -> bool:
    """A word jieba knows well as something other than a proper name (来宾 n, not 上海 ns).

    >>> everyday_word("来宾"), everyday_word("上海")
    (True, False)
    """
    tag = words.known_tag(word)
    return tag is not None and tag[:2] not in ("ns", "nr", "nt", "nz")


def text_of(ctx: Context, span: tuple[int, int]) -> str:
    """The document's text of a (start, end) span.

    >>> text_of(context("嵊州市召开会议。"), (0, 3))
    '嵊州市'
    """
    return ctx.doc.text[span[0]:span[1]]


def word_not_name(name: str) -> bool:
    """A two-character word jieba knows well, which it calls a name only from its first character
    (徐缓, 岑寂, 胡笳, 陶然 are words; its foreign names, nrt, are left to the other checks).

    >>> word_not_name("徐缓"), word_not_name("陶然"), word_not_name("王琴")
    (True, True, False)
    """
    return len(name) == 2 and words.known_tag(name) == "nr"


def has_surname(name: str, res: Resources) -> bool:
    """Does the name start with a surname of data/lexicon/surnames.txt (one or two characters)?

    >>> from kg.extract.resources import resources
    >>> has_surname("王琴英", resources()), has_surname("欧阳修", resources()), has_surname("嵊州市", resources())
    (True, True, False)
    """
    return name[:1] in res.surnames or name[:2] in res.surnames


def make_mention(ctx: Context, si: int, start: int, end: int, cls: str, source: str, score: float,
       canonical: str | None = None) -> Mention:
    """A mention of the context's text from `start` to `end` in sentence `si`.

    >>> m = make_mention(context("嵊州市召开会议。"), 0, 0, 3, "Locality", "test", 0.9)
    >>> m.text, m.start, m.end, m.cls, m.source, m.score
    ('嵊州市', 0, 3, 'Locality', 'test', 0.9)
    """
    return Mention(ctx.doc.text[start:end], start, end, cls, si, source, score, canonical)


def person_known(name: str, res: Resources) -> bool:
    """Is the name a person of the well-known entities (data/lexicon/leaders.txt …)?

    >>> from kg.extract.resources import resources
    >>> person_known("习近平", resources()), person_known("嵊州市", resources())
    (True, False)
    """
    return res.known.get(name, ("", ""))[0] == "Person"


BODY_PARTS = "body_parts.txt"


def drop_bracketed_tail(name: str) -> str:
    """开发区(园区) → 开发区: the name without a closing bracketed part.

    >>> drop_bracketed_tail("开发区(园区)")
    '开发区'
    """
    return re.sub(r"[（(][^）)]*[）)]$", "", name)


def strip_bracket(name: str) -> str:
    """嵊州经济开发区（高新园区） → 嵊州经济开发区（高新园区 for classifying by ending; plain names unchanged.

    >>> strip_bracket("嵊州经济开发区（高新园区）")
    '嵊州经济开发区（高新园区'
    """
    return name[:-1] if name.endswith(("）", ")")) else name


def close_paren(text: str, start: int, end: int) -> int:
    """Extend a name to the bracket it leaves open: 嵊州经济开发区（高新园区 → …（高新园区）.

    >>> close_paren("嵊州经济开发区（高新园区）成立", 0, 12), close_paren("嵊州市召开", 0, 3)
    (13, 3)
    """
    name = text[start:end]
    for o, c in (("（", "）"), ("(", ")")):
        if name.count(o) > name.count(c) and text[end:end + 1] == c:
            return end + 1
    return end


@lru_cache(maxsize=1)
def division_names() -> frozenset[str]:
    """Every name of the division list, full (嵊州市) or short (嵊州).

    >>> names = division_names()
    >>> "嵊州市" in names, "嵊州" in names, "会议" in names
    (True, True, False)
    """
    from kg.extract.divisions import divisions
    d = divisions()
    return frozenset(d.by_name.keys() | d.by_short.keys())


def full_division(name: str) -> bool:
    """Is the name a full name of the division list (嵊州市, not 嵊州)?

    >>> full_division("嵊州市"), full_division("嵊州")
    (True, False)
    """
    from kg.extract.divisions import divisions
    return name in divisions().by_name


def is_place(name: str) -> bool:
    """Is the name a name of the division list, full or short?

    >>> is_place("嵊州市"), is_place("嵊州"), is_place("会议")
    (True, True, False)
    """
    from kg.extract.divisions import divisions
    d = divisions()
    return name in d.by_name or name in d.by_short


PLACE_END = lexicon("level_words.txt", "place-end")


ETC = lexicon(FUNCTION, "list-end")


UNITS = "quantity_units.txt"
