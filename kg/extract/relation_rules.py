"""Relation rules: each reads one sentence's mentions and yields candidate facts.

Every rule is a `relation-rule` component (kg.extract.registry) with one signature,
`(ctx, sentence, mentions) -> Iterator[Candidate]`; `kg.extract.relations.relate` runs the ones a
`Pipeline` names on every sentence and keeps the best evidence per fact.
"""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import combinations
from typing import Iterator

from kg.extract.divisions import divisions
from kg.extract.registry import component
from kg.extract.relation_context import (ACTORS, PARTICIPANTS, SITED, Candidate, M, RelationContext,
                                         after_locative, text_between, clause_start, is_subject, last_zone,
                                         document_place, modifier, place_key, previous, whole_key)
from kg.extract.relation_developers import anaphor_builds, invests_and_builds, partners, subject_gap
from kg.extract.relation_parts import part_words
from kg.extract.relation_pilots import designated, forerunners, listed_pilots, pilot_sites, roles, rolls
from kg.extract.relation_sites import attracted, attracted_by, founded_at
from kg.extract.relation_words import DE, alt, words
from kg.extract.resources import Resources, per_resources
from kg.extract.recognise_base import lexicon
from kg.extract.resolve import division_of, leading_place, level_place
from kg.records import EntityKey, Mention, Sentence


_LOC = "lexicon/locatives.txt"


@component("relation-rule", "names", data=("lexicon/university_words.txt", "lexicon/level_words.txt",
                                          "lexicon/policy_binding.txt", "lexicon/body_levels.txt",
                                          "lexicon/zone_words.txt", "lexicon/org_suffixes.txt"))
def names(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """Facts a name states by itself: 嵊州市人社局 locatedIn 嵊州市, 比亚迪…项目 developed by 比亚迪.

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("嵊州市人社局召开会议。", pipeline=rules_only("names"))
    >>> ("GovernmentBody/嵊州市人力资源和社会保障局", "locatedIn", "Locality/嵊州市") in {(x.subject, x.predicate, x.object) for x in g.relations}
    True
    """
    for x in ms:
        inner = [(k, c) for k, c in ctx.nested.get(x.key, ()) if k != x.key]
        chain = [k for k, c in inner if c == "Locality"]
        if x.cls == "Locality" and (shared := _shared_zone(ctx, x, ms)) is not None:
            chain = [shared]        # 温岭—三门产业合作园: in the place after the dash, not under the first
        for a, b in zip(chain, chain[1:]):          # 嵊州市三界镇…: 三界镇 partOf 嵊州市
            if a != b:
                yield Candidate(b, "partOf", a, s.index, 0.85, "name")
        label = EntityKey.parse(x.key).label
        # 贝达(嵊州)创新药…项目: a place in brackets is the site; a place before it belongs to the brand (宁德时代)
        sites = [p for mm in re.finditer(r"[（(]([\u4e00-\u9fff]{2,8})[）)]", label)
                 if (p := place_key(mm.group(1), ms, ctx.resolved))] if x.cls in SITED else []
        if x.cls in ("Company", "Project"):
            chain = [k for k in chain if k in sites or not _in_brand(ctx, k, inner)]
        if x.cls == "Organization" and ctx.cues.university.match(label):
            # 苏州大学…实验室: the place belongs to the university's name, not to the site; 常州大学 (and its
            # 材料学院) named after a place of the document, with no other place in the name, is there
            chain = [] if chain else [k for k in [_university_place(ctx, label, ms)] if k]
        elif x.cls == "Organization" and not chain and label.endswith(_PUBLISHER_ENDS):
            chain = [k for k in [_publisher_place(ctx, label, ms)] if k]
        if chain and x.cls in SITED:
            chain = yield from _longer_places(ctx, s, x, label, chain)
        parents = [k for k, c in inner if c == "GovernmentBody"] if x.cls == "GovernmentBody" else []
        if chain:
            yield from _with_parents(ctx, _named_place(ctx, s, x, label, chain[-1]), parents)
        else:
            yield from _with_parents(ctx, _context_place(ctx, s, x, label), parents)
        yield from _branch_place(ctx, s, ms, x, label)
        for k, c in inner:
            if c == "Company" and x.cls == "Project":
                yield Candidate(k, "develops", x.key, s.index, 0.85, "name")
                yield from _developer_place(ctx, s, x, k, [p for p, pc in inner if pc == "Locality"])
        for place in sites:
            yield Candidate(x.key, "locatedIn", place, s.index, 0.75, "name")


_ZONE_DASH = re.compile("[" + re.escape("".join(lexicon("zone_words.txt", "dash"))) + "]")


def _shared_zone(ctx: RelationContext, x: M, ms: list[M]) -> str | None:
    """The place written after the dash of a zone two places share (温岭—三门产业合作园 → 三门): the zone
    is the second's, where the first's partners build it; None for any other name.

    >>> ctx = RelationContext.of_text("三门县打造温岭—三门产业合作园。")
    >>> _shared_zone(ctx, ctx.by_sentence[0][-1], ctx.by_sentence[0])
    'Locality/三门县'
    """
    dash = _ZONE_DASH.search(x.m.text, 2)
    if dash is None:
        return None
    lead = leading_place(x.m.text[dash.end():], ctx.resolved.place, divisions(), ctx.res)
    return _branch_key(ctx, lead, ms) if lead else None


_PUBLISHER_ENDS = lexicon("org_suffixes.txt", "publisher")


def _publisher_place(ctx: RelationContext, label: str, ms: list[M]) -> str | None:
    """The document's place a publisher's title names (今日浙江杂志社 → 浙江省), the longest place name in
    the title; None when it names none.

    >>> ctx = RelationContext.of_text("浙江省召开会议。《今日浙江》杂志社报道。")
    >>> _publisher_place(ctx, "今日浙江杂志社", []), _publisher_place(ctx, "半月谈杂志社", [])
    ('Locality/浙江省', None)
    """
    title = label[:-len(next(w for w in _PUBLISHER_ENDS if label.endswith(w)))]
    spans = sorted(((a, b) for a in range(len(title)) for b in range(a + 2, len(title) + 1)), key=lambda t: t[0] - t[1])
    return next((k for a, b in spans if (k := _branch_key(ctx, title[a:b], ms))), None)


def _university_place(ctx: RelationContext, label: str, ms: list[M]) -> str | None:
    """The document's place a university (or its school) is named after: 常州大学 → 常州市 where the
    document names 常州; None for an institute it runs (…大学…研究院) or a place the document does not name.

    >>> ctx = RelationContext.of_text("常州市举行签约仪式，常州大学副校长出席。")
    >>> _university_place(ctx, "常州大学", ctx.by_sentence[0]), _university_place(ctx, "常州大学研究院", [])
    ('Locality/常州市', None)
    """
    c = ctx.cues
    if not label.endswith(c.university_words + c.school_words):
        return None
    lead = leading_place(label, ctx.resolved.place, divisions(), ctx.res)
    key = _branch_key(ctx, lead, ms) if lead else None
    # the place written somewhere in the document outside universities' names (西安 only in 西安交大: none)
    r = ctx.resolved
    names = [(m.start, m.end) for m, k in r.mentions if m.cls == "Organization" and c.university.match(m.text)]
    return key if any(k == key and not any(a <= m.start < b for a, b in names) for m, k in r.mentions) else None


def _developer_place(ctx: RelationContext, s: Sentence, x: M, company: str, places: list[str]) -> Iterator[Candidate]:
    """The place written right before a developer inside a project's name (舞阳县|鑫禾包装材料有限公司…生产线
    项目: the company is in 舞阳县), as for a company written by itself.

    >>> ctx = RelationContext.of_text("舞阳县鑫禾包装材料有限公司食品级包装材料生产线项目加紧建设。")
    >>> x = ctx.by_sentence[0][0]
    >>> [c.object for c in _developer_place(ctx, ctx.sentences[0], x, "Company/舞阳县鑫禾包装材料有限公司", ["Locality/舞阳县"])]
    ['Locality/舞阳县']
    """
    inner = [(k, m) for outer, k, m in ctx.resolved.nested if outer == x.key]
    starts = {m.start for k, m in inner if k == company}
    text = ctx.doc.text
    for k, m in inner:          # (舞阳县|鑫禾包装…, or the company's name written with the place: 舞阳县鑫禾…)
        # a legal name right after the place: the place is the company's (剡湖街道|贝达药业…项目: the project's)
        legal = any(text.startswith(e, m.end + n) for n in range(2, 13) for e in ctx.res.company_legal if len(e) >= 4)
        if k in places and (m.end in starts or m.start in starts) and legal:
            label = EntityKey.parse(company).label
            yield from _named_place(ctx, s, M(replace(x.m, cls="Company"), company), label, k)
            return


def _with_parents(ctx: RelationContext, cands: Iterator[Candidate], parents: list[str]) -> Iterator[Candidate]:
    """Each candidate, and the place of a sub-unit's body nested in its name (南安市人民政府 of
    南安市人民政府办公室, 浙江省应急厅 of …防汛抗旱处) for each locatedIn, when the body's name holds the
    place's (not 中国人民银行 of 中国人民银行肇庆市分行)."""
    for c in cands:
        yield c
        if c.predicate != "locatedIn" or not parents:
            continue
        e = next((e for e in ctx.resolved.entities if e.key == c.object), None)
        names = (e.label, *e.aliases) if e else ()
        for k in parents:
            if k != c.subject and any(n in EntityKey.parse(k).label for n in names):
                yield replace(c, subject=k)


def _in_brand(ctx: RelationContext, place: str, inner: list[tuple[str, str]]) -> bool:
    """Does a company nested in the name open with this place (宁德时代: 宁德)? Then the place is the brand's."""
    names = next(((e.label, *e.aliases) for e in ctx.resolved.entities if e.key == place), ())
    return any(EntityKey.parse(k).label.startswith(names) for k, c in inner if c == "Company" and names)


def _longer_places(ctx: RelationContext, s: Sentence, x: M, label: str, chain: list[str]):
    """The places a sited name opens with beyond the nested ones (a generator; returns the chain)."""
    r = ctx.resolved
    # 嵊州经济开发区(高新区)管委会: a name that opens with a longer place of the document (a zone
    # the tagger did not nest) is in that place
    head = EntityKey.parse(chain[-1]).label
    longer = max((e for e in r.entities if e.cls == "Locality" and len(e.label) > len(head)
                  and e.key not in chain and label.startswith(e.label) and len(label) > len(e.label) + 1),
                 key=lambda e: len(e.label), default=None)
    if longer is not None:
        chain = chain + [longer.key]
    # 江北区甬江街道河西村梅竹路幼儿园: a place of the document written right after the last nested one
    # (in the name as written: an address before an organisation is an alias, not its label)
    e_last = next((e for e in r.entities if e.key == chain[-1]), None)
    names_last = (e_last.label, *e_last.aliases) if e_last else ()
    full = label if any(n in label for n in names_last) else x.m.text
    at = max((full.find(n) + len(n) for n in names_last if n in full), default=-1)
    if at > 0:
        then = max((e for e in r.entities if e.cls == "Locality" and e.key not in chain
                    and full.startswith(e.label, at) and len(full) > at + len(e.label) + 1),
                   key=lambda e: len(e.label), default=None)
        if then is not None:
            yield Candidate(then.key, "partOf", chain[-1], s.index, 0.8, "name")
            chain = chain + [then.key]
    return chain


def _named_place(ctx: RelationContext, s: Sentence, x: M, label: str, place: str) -> Iterator[Candidate]:
    """The fact between a name and the last place it names: partOf, locatedIn or implements."""
    d = divisions()
    i = division_of(EntityKey.parse(place).label, ctx.resolved.place, d)
    provincial = i is not None and d.items[i].level == "province" and d.items[i].name not in ctx.cues.municipalities
    if x.cls == "Locality":
        yield Candidate(x.key, "partOf", place, s.index, 0.85, "name")
    elif x.cls in SITED and not (x.cls in ("Company", "Project") and provincial):
        # 浙江XX有限公司 names the province it is registered in, not where it is
        yield Candidate(x.key, "locatedIn", place, s.index, 0.85, "name")
    elif x.cls == "Programme" or x.cls == "PolicyDocument" and label.endswith(ctx.res.policy_binding):
        if not _applied_by_other(ctx, s, x, place):
            yield Candidate(place, "implements", x.key, s.index, 0.7 if x.cls == "Programme" else 0.45, "name")


def _applied_by_other(ctx: RelationContext, s: Sentence, x: M, place: str) -> bool:
    """成都市认真贯彻落实《四川省…条例》: the clause names who applies the document, another place or body
    than the one its title opens with: the name tier (that place implements its own regulation) is not made.

    >>> ctx = RelationContext.of_text("成都市认真贯彻落实《四川省优化营商环境条例》。")
    >>> ms = ctx.by_sentence[0]
    >>> _applied_by_other(ctx, ctx.sentences[0], ms[-1], "Locality/四川省")
    True
    """
    text = ctx.doc.text
    lead = text[max(s.start, x.start - 12):x.start]
    apply = ctx.cues.apply.search(lead)
    if x.cls != "PolicyDocument" or apply is None:
        return False
    ms = ctx.by_sentence.get(s.index, [])
    subj, _ = _clause_subject(ctx, s, ms, x, [y for y in ms if y.cls in ACTORS and is_subject(ctx, s, y)])
    return subj is not None and subj.cls in ACTORS and subj.key != place \
        and not re.search(r"[。；]", text[subj.end:x.start])


def _branch_place(ctx: RelationContext, s: Sentence, ms: list[M], x: M, label: str) -> Iterator[Candidate]:
    """中国电信股份有限公司常州分公司, …银行宁波分行: a branch is in the place written before its branch word."""
    branch = next((b for b in ctx.cues.branch_words if label.endswith(b)), None)
    if branch is None or x.cls not in SITED:
        return
    head = label[:-len(branch)]
    place = next((k for n in range(min(len(head) - 2, 8), 1, -1) if (k := _branch_key(ctx, head[-n:], ms))), None)
    if place is not None:
        yield Candidate(x.key, "locatedIn", place, s.index, 0.8, "name")


def _branch_key(ctx: RelationContext, name: str, ms: list[M]) -> str | None:
    """The document's place a branch's place word names: as written (常州市), or the division its short
    form means when the document names that place in full only (常州 of …常州分公司, 常州市 of 常州市委)."""
    key = place_key(name, ms, ctx.resolved)
    if key is None and (i := division_of(name, ctx.resolved.place, divisions())) is not None:
        key = place_key(divisions().items[i].name, ms, ctx.resolved)
    return key


def _context_place(ctx: RelationContext, s: Sentence, x: M, label: str) -> Iterator[Candidate]:
    """A body or organisation that names no place, read from the document's place, is in that place."""
    r, d = ctx.resolved, divisions()
    if x.cls == "GovernmentBody" and label.split("@")[0] != x.m.text:
        # 省经信厅 read as 浙江省经信厅 from the document's place: located in that place
        bare = label.removeprefix(ctx.cues.party)
        owner = max((e for e in r.entities if e.cls == "Locality" and bare.startswith(e.label)
                     and len(bare) > len(e.label) and division_of(e.label, r.place, d) is not None),
                    key=lambda e: len(e.label), default=None)
        if owner is not None:
            yield Candidate(x.key, "locatedIn", owner.key, s.index, 0.7, "name-context")
    zone = next((z for z in ctx.cues.zone_bodies if label.startswith(z)), None)
    if zone and x.cls in ("GovernmentBody", "Organization"):
        # 高新区管委会: the body of the zone named last
        place = last_zone(r, zone, x.start)
        if place is not None:
            yield Candidate(x.key, "locatedIn", place, s.index, 0.6, "name-context")
    if x.cls == "Organization" and ctx.cues.org_level.match(label):
        # 省环科院 in a Zhejiang article: the organisation of the document's province (like 省经信厅)
        owner = level_place(label[0], r.place)
        target = next((e for e in r.entities if e.cls == "Locality" and owner
                       and (e.label == owner or owner in e.aliases)), None)
        if target is not None:
            yield Candidate(x.key, "locatedIn", target.key, s.index, 0.6, "name-context")


@component("relation-rule", "adjacent", data=(_LOC,))
def adjacent(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """A place written right before another name: 嵊州市剡湖街道, 剡湖街道贝达药业…项目, 黄泽镇星耀纺机.

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("嵊州市三界镇召开会议。", pipeline=rules_only("adjacent"))
    >>> [(x.subject, x.predicate, x.object, x.evidence.rule) for x in g.relations]
    [('Locality/三界镇', 'partOf', 'Locality/嵊州市', 'adjacent')]
    """
    r, d = ctx.resolved, divisions()
    for a, b in zip(ms, ms[1:]):
        if a.cls != "Locality" or a.key == b.key:
            continue
        gap = text_between(ctx.doc, a, b)
        located = gap in ("", "——", "—", "·", "•") or (gap == DE and after_locative(ctx, s, a, ms))
        if not located:
            continue
        if b.cls == "Locality":
            ia, ib = (division_of(EntityKey.parse(x.key).label, r.place, d) for x in (a, b))
            if ia is not None and ib is not None and ia not in d.ancestors(ib):
                continue   # 石溪村下王镇 or two unrelated places
            yield Candidate(b.key, "partOf", a.key, s.index, 0.8, "adjacent")
        elif b.cls in SITED:
            yield Candidate(b.key, "locatedIn", a.key, s.index, 0.75, "adjacent")


@component("relation-rule", "sited", data=(_LOC, "lexicon/place_anaphora.txt", "lexicon/level_words.txt",
                                          "lexicon/copulas.txt", "lexicon/company_words.txt",
                                          "lexicon/settle_verbs.txt", "lexicon/site_words.txt"))
def sited(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """在嵊州市三界镇，X公司…; …项目落户/选址/位于嵊州; 在陈仓区建设…项目; <place>是X总部所在地; 园区拥有A、B等企业;
    X公司在…注册成立.

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("浙江星耀纺机有限公司落户嵊州市。", pipeline=rules_only("sited"))
    >>> [(x.subject, x.predicate, x.object, x.evidence.rule) for x in g.relations]
    [('Company/浙江星耀纺机有限公司', 'locatedIn', 'Locality/嵊州市', 'site-word')]
    """
    places = [x for x in ms if x.cls == "Locality"]
    yield from _sentence_locative(ctx, s, ms, places)
    yield from _inside_place(ctx, s, ms, places)
    yield from _place_de(ctx, s, ms, places)
    for first in places:      # 在…产业园内的X公司, as 位于…内的 (rule site-word)
        if ctx.cues.at.match(ctx.doc.text[first.start - 1:first.start]) and not any(x.end == first.start for x in places):
            yield from _inside_before(ctx, s, ms, _chain_end(places, first))
    yield from _anaphora(ctx, s, ms)
    yield from _described_as(ctx, s, ms, places)
    yield from _first_in_place(ctx, s, ms, places)
    yield from _settles_in(ctx, s, ms, places)
    yield from _site_word(ctx, s, ms, places)
    yield from _built_at(ctx, s, ms, places)
    yield from _place_builds(ctx, s, ms, places)
    yield from _seat(ctx, s, ms, places)
    yield from _signed_with(ctx, s, ms)
    yield from founded_at(ctx, s, ms, places)
    yield from attracted(ctx, s, ms)
    yield from attracted_by(ctx, s, ms)


def _sentence_locative(ctx: RelationContext, s: Sentence, ms: list[M], places: list[M]) -> Iterator[Candidate]:
    """A sentence opening with 在 <place>，: everything sited in the sentence is there."""
    text = ctx.doc.text[s.start:s.end]
    opening = ctx.cues.opening.match(text)
    if opening:
        comma = text.find("，", opening.end())
        stop = s.start + (comma if comma >= 0 else len(text))
        first = [x for x in places if s.start + opening.end() <= x.start and x.end <= stop]
        where = max(first, key=lambda x: x.end) if first else None
        label = EntityKey.parse(where.key).label if where is not None else ""
        if where is None or label in ctx.res.known and division_of(label, ctx.resolved.place, divisions()) is None:
            return       # 在中国酒泉卫星发射基地，…: a country or world place sites no company of the text
        for x in ms:
            if x.cls in SITED and x.start > where.end and x.key != where.key \
                    and not (x.cls == "Company" and ctx.cues.investor.match(ctx.doc.text[x.end:s.end])):
                # (在仑苍镇，X公司投资…的项目: the project is there, not necessarily its investor)
                yield Candidate(x.key, "locatedIn", where.key, s.index, 0.65, "sentence-locative")


def _inside_place(ctx: RelationContext, s: Sentence, ms: list[M], places: list[M]) -> Iterator[Candidate]:
    """晋江经济开发区内，X集团加快技改: a sentence (or its clause after a short opening, 近日，) that opens with
    places and an inside word (内, 里) before a comma: what it names after the comma is in the last place.

    >>> ctx = RelationContext.of_text("嵊州经济开发区内，浙江星耀纺机有限公司加快技改。")
    >>> ms = ctx.by_sentence[0]
    >>> [(c.subject, c.object) for c in _inside_place(ctx, ctx.sentences[0], ms, ms[:1])]
    [('Company/浙江星耀纺机有限公司', 'Locality/嵊州经济开发区')]
    """
    text = ctx.doc.text
    lead = text.find("，", s.start, s.start + 9)
    for start in [s.start] + ([lead + 1] if lead >= 0 else []):
        first = next((x for x in places if x.start == start), None)
        if first is None:
            continue
        where = _chain_end(places, first)
        bracket = re.match(r"[（(][^（）()，。]{1,10}[）)]", text[where.end:where.end + 12])   # 开发区（五里园）内
        end = where.end + (bracket.end() if bracket else 0)
        word = next((w for w in words(ctx.res, "site_words", "inside") if text.startswith(w + "，", end)), None)
        if word is None and not (text.startswith("，", end) and _local(ctx, where)):
            continue          # (嵊州市黄泽镇，工人们在X公司车间…: a county's or town's caption opening sites too)
        for x in ms:
            if x.cls in SITED and x.start > where.end:
                yield Candidate(x.key, "locatedIn", where.key, s.index, 0.65, "inside-place")


def _local(ctx: RelationContext, place: M) -> bool:
    """Is the place a county, township or village of the list, or a place the list lacks (a zone)?"""
    d = divisions()
    i = division_of(EntityKey.parse(place.key).label, ctx.resolved.place, d)
    return i is None or d.items[i].level in ("county", "township", "village")


def _place_de(ctx: RelationContext, s: Sentence, ms: list[M], places: list[M]) -> Iterator[Candidate]:
    """黄泽镇的X有限公司, 来自舞阳县的X公司: a county's, town's or zone's company or project, written with 的
    right before its name, is there (rule "place-de"; a province's or city's 的 is often "of" its economy).

    >>> ctx = RelationContext.of_text("记者走访了黄泽镇的浙江星耀纺机有限公司。")
    >>> ms = ctx.by_sentence[0]
    >>> [(c.subject, c.object) for c in _place_de(ctx, ctx.sentences[0], ms, [x for x in ms if x.cls == "Locality"])]
    [('Company/浙江星耀纺机有限公司', 'Locality/黄泽镇')]
    """
    text = ctx.doc.text
    starts = {x.start: x for x in ms}
    for where in places:
        x = starts.get(where.end + len(DE))
        if x is not None and x.cls in ("Company", "Project") and text.startswith(DE, where.end) and _local(ctx, where):
            yield Candidate(x.key, "locatedIn", where.key, s.index, 0.6, "place-de")


def _anaphora(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """园区拥有A、B等企业: the zone named last; 镇里“越都戏剧”工坊: the town or village named last."""
    text, r = ctx.doc.text[s.start:s.end], ctx.resolved
    for mm in ctx.cues.zone_anaphora.finditer(text):
        pos = s.start + mm.start()
        if any(x.start <= pos < x.end for x in ms):
            continue
        zone = last_zone(r, mm.group(1), pos)
        if zone:
            for x in ms:
                if x.cls in ("Company", "Project") and x.start > pos:
                    yield Candidate(x.key, "locatedIn", zone, s.index, 0.55, "anaphora")
    for mm in ctx.cues.here.finditer(text):
        pos = s.start + mm.start()
        if any(x.start <= pos < x.end for x in ms):
            continue
        place = last_zone(r, mm.group(1), pos)
        x = next((x for x in ms if x.cls in SITED and 0 <= x.start - (pos + 2) <= 3), None)
        if place and x is not None:
            yield Candidate(x.key, "locatedIn", place, s.index, 0.55, "anaphora")


def _described_as(ctx: RelationContext, s: Sentence, ms: list[M], places: list[M]) -> Iterator[Candidate]:
    """X是嵊州的真丝领带龙头企业, X作为嵊州本土企业: a company described as a place's."""
    text = ctx.doc.text
    for x in ms:
        if x.cls != "Company":
            continue
        mm = ctx.cues.described_verb.match(text[x.end:x.end + 2])
        if not mm:
            continue
        where = next((y for y in places if y.start == x.end + mm.end()), None)
        if where is not None and ctx.cues.described_kind.match(text[where.end:s.end]):
            yield Candidate(x.key, "locatedIn", where.key, s.index, 0.6, "described-as")


def _first_in_place(ctx: RelationContext, s: Sentence, ms: list[M], places: list[M]) -> Iterator[Candidate]:
    """X公司…成为嵊州首家…: the company is in the place it is the first of."""
    text = ctx.doc.text
    for mm in ctx.cues.became.finditer(text[s.start:s.end]):
        pos = s.start + mm.end()
        where = next((x for x in places if x.start == pos), None)
        if where is None or not ctx.cues.firsts.match(text[where.end:where.end + 4]):
            continue
        who = [x for x in ms if x.cls in ("Company", "Organization") and x.end <= mm.start() + s.start
               and is_subject(ctx, s, x)]
        if who:
            yield Candidate(who[-1].key, "locatedIn", where.key, s.index, 0.6, "first-in-place")


def _settles_in(ctx: RelationContext, s: Sentence, ms: list[M], places: list[M]) -> Iterator[Candidate]:
    """…项目落户嵊州: what settles in a place is there (the place before a few words: 嵊州新厂房)."""
    for mm in ctx.cues.settle.finditer(ctx.doc.text[s.start:s.end]):
        pos = s.start + mm.end()
        after = [x for x in places if 0 <= x.start - pos <= 2]
        before = [x for x in places if 0 <= pos - x.end <= 12 and mm.group(1) in ctx.cues.settle_before]
        target = (after or before or [None])[0]
        if target is None:
            continue
        if after:
            target = _chain_end(places, target)     # 坐落于鄂尔多斯市康巴什区: the chain's last place
        # the names of the verb's clause before it settle (X与Y签约，…项目落户Z: the project), else the sentence's
        cs = clause_start(ctx.doc, s, s.start + mm.start())
        sited = [x for x in ms if x.cls in ("Company", "Project") and x.key != target.key]
        own = _not_owners(ctx, [x for x in sited if cs <= x.start < s.start + mm.start()])
        for x in own or sited:
            yield Candidate(x.key, "locatedIn", target.key, s.index, 0.6, "settles-in")


def _not_owners(ctx: RelationContext, xs: list[M]) -> list[M]:
    """The names of a clause less those that only own a later one (甲集团全资子公司乙公司落户…, 甲公司的
    乙项目落户…: 乙 settles, not 甲).

    >>> ctx = RelationContext.of_text("陕西甲乙集团全资子公司丙丁科技有限公司落户西咸新区。")
    >>> [x.key for x in _not_owners(ctx, [x for x in ctx.by_sentence[0] if x.cls == "Company"])]
    ['Company/丙丁科技有限公司']
    """
    text, c = ctx.doc.text, ctx.cues
    def owns(x: M, y: M) -> bool:
        gap = text[x.end:y.start]
        return gap == DE or bool(c.child.match(gap) or c.counted_child.match(gap))
    return [x for i, x in enumerate(xs) if not any(owns(x, y) for y in xs[i + 1:])]


def _chain_end(places: list[M], first: M) -> M:
    """The last place of the chain written from `first` on (嵊州市三界镇: 三界镇)."""
    last = first
    for x in places:
        if x.start == last.end:
            last = x
    return last


def _site_word(ctx: RelationContext, s: Sentence, ms: list[M], places: list[M]) -> Iterator[Candidate]:
    """…创新中心落户宁波, …项目选址武进经济开发区, 总部位于…: the name right before the site word in its
    clause (a company, project, organisation or body; a zone is partOf) is in the place right after it."""
    text, r, d = ctx.doc.text, ctx.resolved, divisions()
    for mm in ctx.cues.site.finditer(text, s.start, s.end):
        first = next((x for x in places if x.start == mm.end()), None)
        if first is not None:
            yield from _inside_before(ctx, s, ms, _chain_end(places, first))
        cs = clause_start(ctx.doc, s, mm.start())
        before = [x for x in ms if cs <= x.start and x.end <= mm.start()] or _head_anaphor(ctx, s, cs, mm.start())
        if not before and first is not None and not text[cs:mm.start()].strip():
            before = _sentence_subject(ctx, s, ms, cs)
        elif first is None or not before or len(text[before[-1].end:mm.start()]) > 10:
            continue
        if not before:
            continue
        x, where = before[-1], _chain_end(places, first)
        if text.startswith(DE, where.end):
            continue      # 与位于北京经济技术开发区的X公司合作: 位于 describes what follows (rule "adjacent")
        if x.cls in SITED and x.key != where.key:
            yield Candidate(x.key, "locatedIn", where.key, s.index, 0.7, "site-word")
        elif x.cls == "Locality" and x.key != where.key:
            ix, iw = (division_of(EntityKey.parse(y.key).label, r.place, d) for y in (x, where))
            if ix is None or iw is not None and iw in d.ancestors(ix):
                yield Candidate(x.key, "partOf", where.key, s.index, 0.7, "site-word")


def _inside_before(ctx: RelationContext, s: Sentence, ms: list[M], where: M) -> Iterator[Candidate]:
    """位于高河街道金东产业园内的X公司: 位于 <places> 内的 describes the name right after it, which is in the
    chain's last place (rule "adjacent" reads 位于…的X without the inside word).

    >>> ctx = RelationContext.of_text("位于嵊州经济开发区内的浙江星耀纺机有限公司扩产。")
    >>> ms = ctx.by_sentence[0]
    >>> [(c.subject, c.object) for c in _inside_before(ctx, ctx.sentences[0], ms, ms[0])]
    [('Company/浙江星耀纺机有限公司', 'Locality/嵊州经济开发区')]
    """
    text = ctx.doc.text
    word = next((w for w in words(ctx.res, "site_words", "inside") if text.startswith(w + DE, where.end)), None)
    x = next((y for y in ms if word and y.start == where.end + len(word) + len(DE)), None)
    if x is not None and x.cls in SITED:
        yield Candidate(x.key, "locatedIn", where.key, s.index, 0.75, "site-word")


def _sentence_subject(ctx: RelationContext, s: Sentence, ms: list[M], cs: int) -> list[M]:
    """X公司成立于1958年，位于湘潭市岳塘区: a clause opening with the site word goes on with the sentence's
    subject, a company, project or organisation opening the sentence with no other such name before the clause.

    >>> ctx = RelationContext.of_text("湖南华菱湘潭钢铁有限公司成立于1958年，位于湘潭市岳塘区。")
    >>> [x.key for x in _sentence_subject(ctx, ctx.sentences[0], ctx.by_sentence[0], 20)]
    ['Company/湖南华菱湘潭钢铁有限公司']
    """
    named = [x for x in ms if x.end <= cs and x.cls in SITED]
    if len({x.key for x in named}) != 1 or not is_subject(ctx, s, named[0]) \
            or clause_start(ctx.doc, s, named[0].start) != s.start:
        return []
    return named[:1]


def _head_anaphor(ctx: RelationContext, s: Sentence, cs: int, end: int) -> list[M]:
    """研究院设在…, 该项目选址…: the name of the paragraph named last that ends with the clause's head word."""
    mm = ctx.cues.head_anaphor.fullmatch(ctx.doc.text, cs, end)
    if not mm:
        return []
    head = mm.group(2)
    prev = [(m.end, M(m, k)) for m, k in ctx.resolved.mentions if m.cls in SITED and m.end <= cs
            and ctx.sentences[m.sentence].paragraph == s.paragraph and EntityKey.parse(k).label.endswith(head)]
    return [max(prev, key=lambda t: t[0])[1]] if prev else []


def _built_at(ctx: RelationContext, s: Sentence, ms: list[M], places: list[M]) -> Iterator[Candidate]:
    """…项目正在陈仓区加快建设, 将在都匀经济开发区开工, 在滨海高新区投资建设…项目: the projects of the
    clause 在<place>建设 are in the place."""
    text, doc = ctx.doc.text, ctx.doc
    for first in places:
        if not ctx.cues.at.match(text[first.start - 1:first.start]) or \
                any(x.end == first.start for x in places):
            continue
        where = _chain_end(places, first)
        if not ctx.cues.built_at.match(text[where.end:s.end]):
            continue
        cs = clause_start(doc, s, first.start)
        stop = re.search(r"[，,；。]", text[where.end:s.end])
        ce = where.end + stop.start() if stop else s.end
        for x in ms:
            if x.cls == "Project" and cs <= x.start and x.end <= ce:
                yield Candidate(x.key, "locatedIn", where.key, s.index, 0.7, "built-at")


def _place_builds(ctx: RelationContext, s: Sentence, ms: list[M], places: list[M]) -> Iterator[Candidate]:
    """三门县大力实施…项目, 嵊州市加快建设…项目: a place that builds a project, as its clause's subject, has it."""
    text = ctx.doc.text
    for x in places:
        nxt = next((y for y in ms if y.start >= x.end), None)
        if nxt is None or nxt.cls != "Project" or not is_subject(ctx, s, x):
            continue
        gap = text[x.end:nxt.start]
        if len(gap) <= 10 and ctx.cues.builds.search(gap) and not re.search(r"[，,；。、与和]", gap):
            yield Candidate(nxt.key, "locatedIn", x.key, s.index, 0.65, "place-builds")


def _signed_with(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """X公司与礼嘉镇人民政府签约，计划…建设Y项目: the projects after a signing with a place's government are
    in that place (the last place the government's name holds)."""
    text = ctx.doc.text
    for b in ms:
        chain = [k for k, c in ctx.nested.get(b.key, ()) if c == "Locality"]
        if b.cls != "GovernmentBody" or not chain or not text[b.start - 1:b.start] in ctx.cues.sign_with \
                or not ctx.cues.signs.match(text[b.end:s.end]):
            continue
        for x in ms:
            if x.cls == "Project" and x.start > b.end:
                yield Candidate(x.key, "locatedIn", chain[-1], s.index, 0.6, "signed-with")


def _seat(ctx: RelationContext, s: Sentence, ms: list[M], places: list[M]) -> Iterator[Candidate]:
    """北滘镇是美的集团股份有限公司总部所在地: the company is in the place."""
    text = ctx.doc.text
    for x in ms:
        if x.cls not in ("Company", "Organization") or not ctx.cues.seat.match(text[x.end:s.end]):
            continue
        where = [y for y in places if y.end <= x.start and ctx.cues.seat_copula.match(text[y.end:x.start])]
        if where:
            yield Candidate(x.key, "locatedIn", where[-1].key, s.index, 0.75, "seat")


@component("relation-rule", "acts", data=(_LOC, "lexicon/programme_verbs.txt", "lexicon/programme_verb_uses.txt",
                                         "lexicon/participation_verbs.txt", "lexicon/framing_words.txt",
                                         "lexicon/copulas.txt", "lexicon/beneficiary_words.txt",
                                         "lexicon/pilot_words.txt", "lexicon/programme_links.txt"))
def acts(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """Who carries out a programme: the clause's or sentence's subject (a place or body implements,
    a company, organisation or person participates).

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("嵊州市深入实施“千万工程”。", pipeline=rules_only("acts"))
    >>> [(x.subject, x.predicate, x.object) for x in g.relations if x.predicate == "implements"]
    [('Locality/嵊州市', 'implements', 'Programme/千万工程')]
    """
    progs = [x for x in ms if x.cls == "Programme"]
    subjects = [x for x in ms if x.cls in ACTORS + PARTICIPANTS and is_subject(ctx, s, x)]
    for p in progs:
        yield from _actor_of(ctx, s, ms, p, subjects)
        yield from _locative_sites(ctx, s, ms, p)
        yield from _whole_owner(ctx, s, p)
    yield from _subject_takes_part(ctx, s, ms, progs)
    yield from _driven_by(ctx, s, ms, progs)
    yield from _passive_agent(ctx, s, ms, progs)
    yield from _company_anaphor(ctx, s, ms, progs)
    yield from _lead_body(ctx, s, ms)


def _lead_body(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """…开展村级集体经济“强村富民”试点。州农业农村局牵头制定年度工作方案: the bodies opening a sentence that names
    no programme, with a verb of leading (programme_verb_uses.txt lead), carry out the programmes of the
    sentence before it in the paragraph (rule "lead-body").

    >>> ctx = RelationContext.of_text("甘孜藏族自治州开展“强村富民”试点。州农业农村局牵头制定年度工作方案。")
    >>> [c.subject for c in _lead_body(ctx, ctx.sentences[1], ctx.by_sentence[1])]
    ['GovernmentBody/甘孜藏族自治州农业农村局']
    """
    if not ms or ms[0].cls != "GovernmentBody" or ms[0].start - s.start > 2 or s.index == 0 \
            or any(x.cls in ("Programme", "PolicyDocument") for x in ms) \
            or ctx.sentences[s.index - 1].paragraph != s.paragraph:
        return
    bodies = _joint_bodies(ctx, ms, ms[0])
    if not ctx.cues.lead.match(ctx.doc.text, max(x.end for x in bodies)):
        return
    # (二是实施“工赋山东”专项行动。依托…。青岛市工业和信息化局牵头…: the programme of the item's heading)
    heading = _item_heading(ctx, s)
    progs = [heading] if heading else dict.fromkeys(x.key for x in ctx.by_sentence.get(s.index - 1, ())
                                                    if x.cls == "Programme")
    for key in progs:
        for b in bodies:
            yield Candidate(b.key, "implements", key, s.index, 0.6, "lead-body")


def _item_heading(ctx: RelationContext, s: Sentence) -> str | None:
    """The programme of the numbered item the sentence's paragraph opens with (二是实施“工赋山东”专项行动。…),
    if it is in an earlier sentence.

    >>> ctx = RelationContext.of_text("山东省召开会议。\\n二是实施“工赋山东”专项行动。依托平台推动企业上云。")
    >>> _item_heading(ctx, ctx.sentences[2])
    'Programme/工赋山东专项行动'
    """
    first = s.index
    while first > 0 and ctx.sentences[first - 1].paragraph == s.paragraph:
        first -= 1
    if first == s.index or not ctx.sentences[first].text.lstrip().startswith(
            tuple(o for series in part_words(ctx.res).ordinals for o in series)):
        return None
    return next((x.key for x in ctx.by_sentence.get(first, ()) if x.cls == "Programme"), None)


def _company_anaphor(ctx: RelationContext, s: Sentence, ms: list[M], progs: list[M]) -> Iterator[Candidate]:
    """…宏骏五金制品有限公司总经理陈志远说，得益于“一照通行”改革，公司…; 企业通过“X”活动…: the company the
    sentence (or the one before, in the paragraph) named takes part in the programme."""
    text, c, r = ctx.doc.text, ctx.cues, ctx.resolved
    for p in progs:
        cs = clause_start(ctx.doc, s, p.start)
        lead = c.benefit_lead.search(text[cs:p.start])
        if not lead or any(cs <= x.start and x.end <= p.start for x in ms):
            continue
        if lead.group(1) is None and not c.benefit_after.match(text[p.end:s.end]):
            continue
        prev = [(m.end, k) for m, k in r.mentions if m.cls == "Company" and m.end <= cs
                and s.index - 1 <= m.sentence <= s.index and ctx.sentences[m.sentence].paragraph == s.paragraph]
        if prev:
            yield Candidate(max(prev)[1], "participatesIn", p.key, s.index, 0.6, "company-anaphor")


def _actor_of(ctx: RelationContext, s: Sentence, ms: list[M], p: M, subjects: list[M]) -> Iterator[Candidate]:
    """Who carries out one programme of the sentence, in tiers (each its own evidence rule): the clause's
    subject ("subject-verb"), 全省/全县上下 as the clause's subject ("whole-place"), the subject carried
    over from an earlier clause ("carried-subject"), the subject after a framing phrase or after the means,
    or a locative place right before the verb. An official's party organ stands for its place ("official")."""
    subj, tier = _clause_subject(ctx, s, ms, p, subjects)
    whole = _whole_place(ctx, s, p) if tier != "subject-verb" else None
    if whole is not None:
        yield Candidate(whole, "implements", p.key, s.index, 0.65, "whole-place")
    anaphor = _anaphor_place(ctx, s, p) if subj is None and whole is None else None
    if anaphor is not None:
        yield Candidate(anaphor, "implements", p.key, s.index, 0.65, "anaphor-subject")
        return
    speaker = _speaker_place(ctx, s, p) if subj is None and whole is None else None
    if speaker is not None:
        yield Candidate(speaker, "implements", p.key, s.index, 0.45, "speaker-place")
        quoted = _quoted_body(ctx, s, p)
        if quoted is not None:
            yield Candidate(quoted, "implements", p.key, s.index, 0.65, "quoted-speaker")
        return
    if subj is None:
        subj = _framed_subject(ctx, s, p, subjects)
        tier = "framed-subject" if subj is not None else tier
    if subj is None and whole is None:
        # 通过“企情日记”了解情况后，嵊州市人社局…: the subject of the clause after the means
        who = _means_subject(ctx, s, ms, p)
        if who is not None:
            pred = "implements" if who.cls in ACTORS else "participatesIn"
            yield Candidate(who.key, pred, p.key, s.index, 0.6, "means-subject")
            return
    if subj is None and whole is None:
        subj = _locative_actor(ctx, s, ms, p)
    if subj is None or subj.key == p.key:
        return
    official = _official(ctx, ms, subj)
    if official is None and subj.cls == "Person":
        official = _official_before(ctx, s, subj)
    if official is not None:
        yield Candidate(official.key, "implements", p.key, s.index, 0.55, "official")
        return
    if tier == "carried-subject" and any(ctx.cues.issued_by.match(ctx.doc.text[subj.end + i:subj.end + 8])
                                         for i in (0, 1)):
        return      # 市政府办公室印发《…》…，为全市深入实施“…”: the issuer of a document is no carried actor
    for c in _subject_verb(ctx, s, ms, p, subj):
        if tier == "subject-verb":
            yield c
        else:
            # (the organ's place is as sure whatever the tier of its organs; a partner is one tier lower)
            yield c if c.rule == "organ-place" else replace(c, confidence=round(c.confidence - 0.1, 2),
                                                             rule=c.rule if c.rule == "partner-subject" else tier)


def _clause_subject(ctx: RelationContext, s: Sentence, ms: list[M], p: M,
                    subjects: list[M]) -> tuple[M | None, str]:
    """The nearest preceding actor in the programme's clause ("subject-verb"), else the sentence's
    subject before it ("carried-subject"); a place of a locative list (在四会市、高要区开展…) is none, nor
    the object of a causative verb (依托浙江大学…推行“…”) unless it owns the programme (依托广东省“粤商通”)."""
    doc = ctx.doc
    before = [x for x in subjects if x.end <= p.start]
    # the nearest preceding actor in the same clause takes precedence over the sentence subject
    cs = clause_start(doc, s, p.start)
    in_clause = [x for x in ms if x.cls in ACTORS + PARTICIPANTS and cs <= x.start and x.end <= p.start
                 and not _in_locative(ctx, s, ms, x) and not modifier(ctx, x, p)
                 and (_owner(ctx, ms, x, p) or not doc.text[cs:x.start].endswith(ctx.cues.causative
                                                                                 + ctx.cues.object_markers))]
    subj = (in_clause[-1] if in_clause else before[-1] if before else None)
    if subj is not None and subj.cls in ACTORS \
            and doc.text[max(s.start, subj.start - 2):subj.start].endswith(ctx.cues.became_as):
        rest = [x for x in before if x is not subj]
        subj = rest[-1] if rest else None   # 成为嵊州首家…: the place is no actor; the one who became is
    return subj, "subject-verb" if in_clause and subj is in_clause[-1] else "carried-subject"


def _owner(ctx: RelationContext, ms: list[M], x: M, p: M) -> bool:
    """Does the name own the programme: right before it, or before a list of programmes it ends
    (省委三个“一号工程”“十项重大工程”)?

    >>> ctx = RelationContext.of_text("围绕服务省委三个“一号工程”“十项重大工程”等全省中心工作。")
    >>> ms = ctx.by_sentence[0]
    >>> [_owner(ctx, ms, ms[0], p) for p in ms[1:]]
    [True, True]
    """
    text = ctx.doc.text
    inner = [y for y in ms if y.cls == "Programme" and x.end <= y.start and y.end <= p.start]
    first = inner[0].start if inner else p.start
    if first - x.end > 3 or re.search(r"[，。；：,]", text[x.end:first]):
        return False
    ends = [y.end for y in inner]
    starts = [y.start for y in inner[1:]] + [p.start]
    return all(text[a:b] in ("", "、") for a, b in zip(ends, starts))


def _in_locative(ctx: RelationContext, s: Sentence, ms: list[M], x: M) -> bool:
    """Is the mention introduced by 在/于 …, itself or as a later item of the list (在四会市、高要区)?

    >>> ctx = RelationContext.of_text("肇庆将在四会市、高要区开展试点。")
    >>> [(EntityKey.parse(x.key).label, _in_locative(ctx, ctx.sentences[0], ctx.by_sentence[0], x))
    ...  for x in ctx.by_sentence[0]]
    [('肇庆市', False), ('四会市', True), ('高要区', True)]
    """
    text, c = ctx.doc.text, ctx.cues
    for _ in range(8):
        if c.locative_before.search(text[max(s.start, x.start - 2):x.start]):
            return True
        prev = previous(ctx, s, x)
        gap = text[prev.end:x.start] if prev is not None and prev.cls == x.cls else "-"
        if gap and not c.locative_list.match(gap):      # (a chain 乡城县青德镇 is one item)
            return False
        x = prev
    return False


def _whole_place(ctx: RelationContext, s: Sentence, p: M) -> str | None:
    """全省深入实施“…”工程, 全县上下要以“…”为抓手: a clause whose subject is 全 and a level word is carried
    out by the document's place of that level (省: its province), else the place of that level named last.

    >>> ctx = RelationContext.of_text("舞阳县召开会议。全县上下要深入实施“项目建设攻坚年”行动。")
    >>> p = ctx.by_sentence[1][-1]
    >>> _whole_place(ctx, ctx.sentences[1], p)
    'Locality/舞阳县'
    """
    text, c, r = ctx.doc.text, ctx.cues, ctx.resolved
    own = cs = clause_start(ctx.doc, s, p.start)
    mm = c.whole.search(text, cs, p.start)
    if mm is None or mm.start() - cs > 4:
        # 全省上下深入学习…，持续推动“八八战略”: the subject of an earlier clause, carried over
        found = [(m, clause_start(ctx.doc, s, m.start())) for m in c.whole.finditer(text, s.start, cs)]
        mm, cs = next(((m, b) for m, b in reversed(found) if m.start() - b <= 4), (None, cs))
    if mm is None or mm.start() - cs > 4 or DE in text[max(mm.end(), own):p.start] \
            or c.locative_before.search(text[cs:mm.start()]):
        return None
    gap = text[mm.end():p.start]
    if any(mm.end() <= x.start and x.end <= p.start and x.cls in ACTORS + PARTICIPANTS and is_subject(ctx, s, x)
           for x in ctx.by_sentence.get(s.index, ())) \
            or not gap.startswith(c.whole_next + ctx.res.programme_verbs + ctx.res.clause_openers):
        return None
    return whole_key(ctx, mm.group(2), mm.start())


def _whole_owner(ctx: RelationContext, s: Sentence, p: M) -> Iterator[Candidate]:
    """汇报了全镇“三个一批”项目推进情况, 全市民营经济“1+N”政策体系: 全 and a level word right before the
    programme (a few words between, no verb) own it: the place of that level carries it out (rule
    "whole-owner"); not 全省首个“…” (actor_words.txt whole-not), nor 在全市推广“…”.

    >>> ctx = RelationContext.of_text("北舞渡镇召开会议。会上汇报了全镇“千万工程”推进情况。")
    >>> [c.subject for c in _whole_owner(ctx, ctx.sentences[1], ctx.by_sentence[1][-1])]
    ['Locality/北舞渡镇']
    """
    text, c = ctx.doc.text, ctx.cues
    lead = max(s.start, clause_start(ctx.doc, s, p.start), p.start - 12)
    mm = c.whole.match(text, p.start, p.end)        # (全镇“千万工程”: a mention that holds 全镇)
    for mm in c.whole.finditer(text, lead, p.start) if mm is None else ():
        pass
    # 落实省里的科技成果转化“三项改革”: the province's (actor_words.txt level-owner)
    own = None if mm is not None else c.level_owner.search(text, lead, p.start)
    mm = mm or own
    if mm is None:
        return
    gap = text[mm.end():max(p.start, mm.end())]
    if len(gap) > (8 if own else 6) or re.search(r"[，。；：、,]", gap) or gap.startswith(c.whole_not) \
            or any(v in gap for v in ctx.res.programme_verbs) or DE in gap[:-1]:
        return
    key = whole_key(ctx, c.level_owners[mm.group(1)] if own else mm.group(2), mm.start())
    if key is not None:
        yield Candidate(key, "implements", p.key, s.index, 0.65, "level-owner" if own else "whole-owner")


def _anaphor_place(ctx: RelationContext, s: Sentence, p: M) -> str | None:
    """该县深入实施“…”, 这个泉州下辖的县级市以“…”为牵引, 该局将推行“…”: a clause whose subject is 该/这个 and a
    level noun or a body's head (actor_words.txt anaphor, anaphor-level) is carried out by the place of that
    level, or the body of that head, named last before it.

    >>> ctx = RelationContext.of_text("这是南安市的缩影。这个泉州下辖的县级市以“高效办成一件事”为牵引。")
    >>> _anaphor_place(ctx, ctx.sentences[1], ctx.by_sentence[1][-1])
    'Locality/南安市'
    """
    text, c = ctx.doc.text, ctx.cues
    found = [(m, clause_start(ctx.doc, s, m.start())) for m in c.anaphor.finditer(text, s.start, p.start)]
    mm, cs = next(((m, b) for m, b in reversed(found) if m.start() - b <= 4
                   and not c.locative_before.search(text[b:m.start()])), (None, 0))
    if mm is None or any(mm.end() <= x.start and x.end <= p.start and x.cls in ACTORS + PARTICIPANTS
                         and is_subject(ctx, s, x) for x in ctx.by_sentence.get(s.index, ())):
        return None
    ending = c.anaphor_levels[mm.group(3)]
    # (该局, 该中心: the body of that head named last)
    near = [(m.end, k) for m, k in ctx.resolved.mentions if m.cls in ACTORS and m.end <= cs
            and EntityKey.parse(k).label.split("@")[0].endswith(ending)]
    return max(near)[1] if near else None


_QUOTE_END = re.compile("[\u3002\uff01\uff1f\uff0c]\u201d")     # 。” ！” ？” ，”: the end of a quotation


def _quoted_body(ctx: RelationContext, s: Sentence, p: M) -> str | None:
    """“我们…构建了‘2+X’服务体系…。”三门县经济和信息化局副局长叶某说: the body of the speaker right after the
    quotation that opens with 我们 carries out its programmes (rule "quoted-speaker"; actor_words.txt speech).

    >>> ctx = RelationContext.of_text("三门县召开会议。“我们构建了‘2+X’创新服务体系。”三门县经济和信息化局副局长叶某说。")
    >>> _quoted_body(ctx, ctx.sentences[1], ctx.by_sentence[1][-1])
    'GovernmentBody/三门县经济和信息化局'
    """
    text, c = ctx.doc.text, ctx.cues
    opening = text.rfind("\u201c", s.start, p.start)
    mm = c.speaker.match(text, opening + 1) if opening >= 0 else None
    if mm is None or mm.group(1) in c.speaker_level:
        return None
    close = _QUOTE_END.search(text, p.end, p.end + 300)
    if close is None:
        return None
    body = next((M(m, k) for m, k in ctx.resolved.mentions
                 if close.end() <= m.start <= close.end() + 2 and m.cls == "GovernmentBody"), None)
    if body is None:
        return None
    stop = re.search(r"[，。；：,]", text[body.end:body.end + 30])
    said = text[body.end:body.end + (stop.start() if stop else 30)]
    return body.key if said.endswith(c.speech) else None


def _speaker_place(ctx: RelationContext, s: Sentence, p: M) -> str | None:
    """我们将继续用好…，实施“钛材+”应用拓展工程 (an interview, a speech): a clause whose subject is 我们 is
    carried out by the place the document is about; 我市/我省 by the document's place of that level.

    >>> ctx = RelationContext.of_text("宝鸡市召开会议。宝鸡市推进改革。我们将实施“钛材+”应用拓展工程。")
    >>> _speaker_place(ctx, ctx.sentences[2], ctx.by_sentence[2][-1])
    'Locality/宝鸡市'
    """
    text, c = ctx.doc.text, ctx.cues
    found = [(m, clause_start(ctx.doc, s, m.start())) for m in c.speaker.finditer(text, s.start, p.start)]
    mm = next((m for m, b in reversed(found) if m.start() - b <= 4
               and not c.locative_before.search(text[b:m.start()])), None)
    if mm is None or text.startswith(DE, mm.end()) \
            or any(mm.end() <= x.start and x.end <= p.start and x.cls in ACTORS + PARTICIPANTS and is_subject(ctx, s, x)
                   for x in ctx.by_sentence.get(s.index, ())):
        return None
    level = c.speaker_level.get(mm.group(1))
    return whole_key(ctx, level, mm.start()) if level else document_place(ctx)


def _titled(ctx: RelationContext, ms: list[M], body: M) -> bool:
    """Is the body part of an official's title (县委书记…, 国务院总理…): a title or a person right after it?

    >>> ctx = RelationContext.of_text("青德镇党委书记王建国介绍情况。")
    >>> _titled(ctx, ctx.by_sentence[0], ctx.by_sentence[0][0])
    True
    """
    return any(ctx.doc.text.startswith(ctx.res.titles, body.end + i) for i in (0, 1))


def _official(ctx: RelationContext, ms: list[M], subj: M) -> M | None:
    """An official named with a party organ in the title (青德镇党委书记洛绒泽仁, 巨水村党支部书记…): what
    the official reports is done by the place or body the organ belongs to, not by the organ.

    >>> ctx = RelationContext.of_text("青德镇党委书记王建国介绍，全镇推行“强村富民”。")
    >>> ms = ctx.by_sentence[0]
    >>> _official(ctx, ms, ms[1]).key
    'Locality/青德镇'
    """
    text = ctx.doc.text
    body = subj
    if subj.cls == "Person":
        prev = [x for x in ms if x.end <= subj.start]
        if not prev or prev[-1].cls != "GovernmentBody" or subj.start - prev[-1].end > 12 \
                or re.search(r"[，。；：,]", text[prev[-1].end:subj.start]) or not _titled(ctx, ms, prev[-1]):
            return None
        body = prev[-1]
    elif subj.cls != "GovernmentBody" or not _titled(ctx, ms, subj):
        return None
    label = EntityKey.parse(body.key).label.split("@")[0]
    organ = next((o for o in ctx.cues.party_organs if label.endswith(o) and len(label) > len(o)), None)
    if organ is not None:
        owner = label[:-len(organ)]
        e = next((e for e in ctx.resolved.entities if e.cls in ACTORS and (e.label == owner or owner in e.aliases)),
                 None)
        if e is not None:
            return M(replace(body.m, cls=e.cls), e.key)
    elif not label.endswith(ctx.cues.committees):
        return None
    # 镇党委书记, 县委书记…: the place of the committee
    place = _body_place(ctx, body)
    return M(replace(body.m, cls="Locality"), place) if place else None


def _official_before(ctx: RelationContext, s: Sentence, person: M) -> M | None:
    """钟立衡强调，要深入实施… after 州委书记钟立衡出席会议: an official named again without a title speaks for
    the place or body of the title the document first gave them (in an earlier sentence).

    >>> ctx = RelationContext.of_text("英山县委书记周启帆出席会议。周启帆强调，要深入推进“共同缔造”活动。")
    >>> _official_before(ctx, ctx.sentences[1], ctx.by_sentence[1][0]).key
    'Locality/英山县'
    """
    first = next((m for m, k in ctx.resolved.mentions if k == person.key and m.sentence < s.index), None)
    if first is None:
        return None
    ms = ctx.by_sentence.get(first.sentence, [])
    return next((_official(ctx, ms, x) for x in ms if x.key == person.key and x.start == first.start), None)


def _body_place(ctx: RelationContext, body: M) -> str | None:
    """The place a body belongs to: the last place nested in its name, else the longest place of the
    document its name holds (中共英山县委 → 英山县)."""
    label = EntityKey.parse(body.key).label.split("@")[0]
    inner = [k for k, c in ctx.nested.get(body.key, ()) if c == "Locality"]
    named = max((e for e in ctx.resolved.entities if e.cls == "Locality" and e.label.split("@")[0] in label),
                key=lambda e: len(e.label), default=None)
    return inner[-1] if inner else named.key if named is not None else None


def _framed_subject(ctx: RelationContext, s: Sentence, p: M, subjects: list[M]) -> M | None:
    """以…“一号改革工程”大突破为契机，嵊州立足…, 在推进“千万工程”方面，安吉县…: the subject follows the
    framing phrase.

    >>> ctx = RelationContext.of_text("在推进“千万工程”方面，安吉县积累了经验。")
    >>> ms = ctx.by_sentence[0]
    >>> _framed_subject(ctx, ctx.sentences[0], ms[0], ms[1:]).key
    'Locality/安吉县'
    """
    text, c = ctx.doc.text, ctx.cues
    frame = c.frame_goal.search(text[p.end:s.end])
    if not (frame and c.frame_open in text[s.start:p.start]):
        # 在推进“千万工程”方面，安吉县…: the aspect's frame opens its clause
        cs = clause_start(ctx.doc, s, p.start)
        frame = c.aspect.match(text[p.end:s.end]) if text.startswith(c.aspect_open, cs) else None
    if frame:
        after = [x for x in subjects if x.start >= p.end + frame.end() and x.cls in ACTORS]
        if after and after[0].start - (p.end + frame.end()) <= 2:
            x = after[0]
            for y in after[1:]:         # the end of a chain: 佛山市南海区
                if y.start != x.end:
                    break
                x = y
            return x
    return None


def _means_subject(ctx: RelationContext, s: Sentence, ms: list[M], p: M) -> M | None:
    """通过“企情日记”了解情况后，嵊州市人社局…: the subject of the clause after the means."""
    text = ctx.doc.text
    cs = clause_start(ctx.doc, s, p.start)
    if ctx.cues.means.match(text[cs:p.start]):
        end = re.search(r"[，,；]", text[p.end:s.end])
        nxt = p.end + end.end() if end else None
        after = [x for x in ms if nxt is not None and x.start >= nxt and x.start - nxt <= 2
                 and x.cls in ACTORS + PARTICIPANTS]
        if after and is_subject(ctx, s, after[0]):
            return after[0]
    return None


def _locative_actor(ctx: RelationContext, s: Sentence, ms: list[M], p: M) -> M | None:
    """在浙江省实施…: a locative place right before the verb acts too."""
    text = ctx.doc.text
    loc = [x for x in ms if x.cls in ACTORS and x.end <= p.start and ctx.cues.at.match(text[x.start - 1:x.start])]
    gap = text[loc[-1].end:p.start] if loc else ""
    if loc and re.search("(" + "|".join(ctx.res.programme_verbs) + ")", gap) and not re.search(r"[，；：]", gap):
        return loc[-1]
    return None


def _locative_sites(ctx: RelationContext, s: Sentence, ms: list[M], p: M) -> Iterator[Candidate]:
    """肇庆将在四会市、高要区开展“标准地”出让试点: the places of a locative list right before the verb
    carry the programme out where it is done (besides the subject).

    >>> ctx = RelationContext.of_text("肇庆将在四会市、高要区开展“标准地”出让试点。")
    >>> s, ms = ctx.sentences[0], ctx.by_sentence[0]
    >>> [c.subject for c in _locative_sites(ctx, s, ms, ms[-1])]
    ['Locality/四会市', 'Locality/高要区']
    """
    text = ctx.doc.text
    cs = clause_start(ctx.doc, s, p.start)
    places = [x for x in ms if x.cls == "Locality" and cs <= x.start and x.end <= p.start
              and _in_locative(ctx, s, ms, x)]
    if not places or any(x.start > places[-1].end and x.end <= p.start for x in ms):
        return
    gap = text[places[-1].end:p.start]
    if len(gap) <= 12 and any(v in gap for v in ctx.res.programme_verbs):
        # (a pilot of the item's programme: 四是深化“亩产效益”评价改革。…在济宁市、泰安市开展评价结果应用试点)
        pilot = EntityKey.parse(p.key).label.split("@")[0].endswith(ctx.cues.pilot_words)
        heading = _item_heading(ctx, s) if pilot else None
        for x in places:
            # (the last place of a chain: 乡城县青德镇 is 青德镇)
            if all(y.cls == "Locality" for y in ms if x.end <= y.start and y.end <= places[-1].start) \
                    and not any(y.start == x.end for y in places):
                yield Candidate(x.key, "implements", p.key, s.index, 0.55, "locative-site")
                if heading is not None and heading != p.key:
                    yield Candidate(x.key, "implements", heading, s.index, 0.6, "item-site")


def _subject_verb(ctx: RelationContext, s: Sentence, ms: list[M], p: M, subj: M) -> Iterator[Candidate]:
    """The subject implements the programme (a place or body) or takes part in it (with a verb of
    taking part); a verb between them makes the fact surer."""
    gap = ctx.doc.text[subj.end:p.start]
    verb = any(v in gap for v in ctx.res.programme_verbs) or ctx.cues.confirms.search(gap)
    conf = 0.7 if verb else 0.5
    if subj.cls in ACTORS:
        yield Candidate(subj.key, "implements", p.key, s.index, conf, "subject-verb")
        bodies = _joint_bodies(ctx, ms, subj) if subj.cls == "GovernmentBody" else []
        for x in bodies[1:]:
            # 市委、市政府把…，实行…; 省工信厅会同省发展改革委…: each body of the joint subject
            yield Candidate(x.key, "implements", p.key, s.index, conf, "joint-subject")
        yield from _organ_place(ctx, s, p, bodies)
        for x in _partners(ctx, s, ms, subj, p):
            yield Candidate(x.key, "implements", p.key, s.index, conf - 0.1, "partner-subject")
    elif ctx.cues.participation.search(gap):
        yield Candidate(subj.key, "participatesIn", p.key, s.index, conf, "subject-verb")
        # a company's 负责人 acting for it: the company takes part too
        if subj.cls == "Person":
            head = next((x for x in ms if x.cls in ("Company", "Organization") and x.end <= subj.start
                         and is_subject(ctx, s, x)), None)
            if head is not None:
                yield Candidate(head.key, "participatesIn", p.key, s.index, 0.5, "subject-verb")


def _partners(ctx: RelationContext, s: Sentence, ms: list[M], subj: M, p: M) -> list[M]:
    """合肥市与芜湖市签署协议，共同推进“…”: the places or bodies joined to the subject by 与/和 (actor_words.txt
    partner) when 共同/联合 (together) comes before the programme: each carries it out (rule "partner-subject").

    >>> ctx = RelationContext.of_text("合肥市与芜湖市签署协议，共同推进“合芜同城化”工程。")
    >>> ms = ctx.by_sentence[0]
    >>> [x.key for x in _partners(ctx, ctx.sentences[0], ms, ms[0], ms[-1])]
    ['Locality/芜湖市']
    """
    text, c = ctx.doc.text, ctx.cues
    out, last = [], subj
    for x in (x for x in ms if subj.end <= x.start and x.end <= p.start):
        if x.cls != subj.cls or not c.partner.fullmatch(text, last.end, x.start):
            break
        out.append(x)
        last = x
    return out if out and c.together.search(text, last.end, p.start) else []


def _organ_place(ctx: RelationContext, s: Sentence, p: M, bodies: list[M]) -> Iterator[Candidate]:
    """市委、市政府把钛产业作为“一号产业”，实行“链长制”: what a place's party committee or government carries
    out, the place carries out (rule "organ-place"; the organs are actor_words.txt's issuer-place, not an office).

    >>> ctx = RelationContext.of_text("宝鸡市委、市政府实行“链长制”。")
    >>> ms = ctx.by_sentence[0]
    >>> [c.subject for c in _organ_place(ctx, ctx.sentences[0], ms[-1], ms[:-1])]
    ['Locality/宝鸡市']
    """
    places: list[str] = []
    for b in bodies:
        label = EntityKey.parse(b.key).label.split("@")[0]
        if b.cls != "GovernmentBody" or not label.endswith(ctx.cues.issuer_place) or label.endswith(ctx.cues.offices):
            continue
        place = _body_place(ctx, b)
        if place is not None and place not in places:
            places.append(place)
            yield Candidate(place, "implements", p.key, s.index, 0.65, "organ-place")


def _subject_takes_part(ctx: RelationContext, s: Sentence, ms: list[M], progs: list[M]) -> Iterator[Candidate]:
    """The sentence's company or person subject that 享受/通过/参与 a programme later in the sentence."""
    text, c = ctx.doc.text, ctx.cues
    first = next((x for x in ms if is_subject(ctx, s, x)), None)
    if first is not None and first.cls in PARTICIPANTS:
        for p in progs:
            near = text[max(first.end, p.start - 16):p.start]
            praised = near.endswith(c.praise_before) and text[p.end:p.end + len(c.praise)] == c.praise  # 为“X”点赞
            if p.start > first.end and (c.participation.search(near) or praised):
                yield Candidate(first.key, "participatesIn", p.key, s.index, 0.55, "subject-verb")


def _driven_by(ctx: RelationContext, s: Sentence, ms: list[M], progs: list[M]) -> Iterator[Candidate]:
    """在省委省政府的推动下，…“千万工程”: the body that drives it carries it out."""
    for mm in ctx.cues.driven_by.finditer(ctx.doc.text[s.start:s.end]):
        a, b = s.start + mm.start(1), s.start + mm.end(1)
        drivers = [x for x in ms if x.cls in ACTORS and a <= x.start and x.end <= b]
        for x in drivers:
            for p in progs:
                if p.start >= s.start + mm.end():
                    yield Candidate(x.key, "implements", p.key, s.index, 0.55, "driven-by")


def _passive_agent(ctx: RelationContext, s: Sentence, ms: list[M], progs: list[M]) -> Iterator[Candidate]:
    """由最高人民检察院向全国推广; …，由市发展改革局、市财政局按职责分工负责: the agents of a passive (each
    body of the list) carry out the programmes and documents named before them in the sentence, else the
    programme the passage is about.

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("肇庆将深化“一照通行”改革，由市市场监管局、市政务服务数据管理局牵头实施。",
    ...                  pipeline=rules_only("acts"))
    >>> sorted(x.subject for x in g.relations if x.evidence.rule == "passive-agent")
    ['GovernmentBody/肇庆市市场监督管理局', 'GovernmentBody/肇庆市政务服务数据管理局']
    """
    doc, r = ctx.doc, ctx.resolved
    for mm in ctx.cues.passive_by.finditer(doc.text[s.start:s.end]):
        pos = s.start + mm.end()
        agent = next((x for x in ms if x.start == pos and x.cls in ACTORS), None)
        agents = [agent] if agent is None or agent.cls != "GovernmentBody" else _joint_bodies(ctx, ms, agent)
        if agent and ctx.cues.passive.match(doc.text[agents[-1].end:s.end]):
            targets = [p for p in progs + [x for x in ms if x.cls == "PolicyDocument"] if p.end <= agent.start]
            if not targets:
                # 并由最高人民检察院向全国推广: what is promoted is the programme the passage is about
                prev = [(m.end, k) for m, k in r.mentions if m.cls == "Programme" and m.end <= agent.start
                        and agent.start - m.end <= 500]
                targets = [M(m, k) for m, k in r.mentions if prev and k == max(prev)[1]][:1]
            for p in targets:
                for x in agents:
                    yield Candidate(x.key, "implements", p.key, s.index, 0.55, "passive-agent")
                    if p.cls == "PolicyDocument":     # 印发《…“拿地即开工”…方案》，明确由市自然资源局牵头
                        yield from _title_programmes(ctx, s, p, x)


@component("relation-rule", "nests", data=("lexicon/programme_links.txt", "lexicon/copulas.txt"))
def nests(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """Programmes within programmes: 以A牵引B, A是B的抓手, 升级版“A” after B, B——A系列赛.

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("嵊州市以“数字化改革”牵引“共同富裕示范区建设”。", pipeline=rules_only("nests"))
    >>> [(x.subject, x.predicate, x.object) for x in g.relations]
    [('Programme/数字化改革', 'subProgrammeOf', 'Programme/共同富裕示范区建设')]
    """
    c, guide = ctx.cues, part_words(ctx.res).guide
    progs = [x for x in ms if x.cls == "Programme"]
    for a, b in combinations(progs, 2):
        if a.key == b.key:
            continue
        gap = ctx.doc.text[a.end:b.start]
        if c.leads.search(gap) and len(gap) <= 8 and not gap.startswith(guide):     # (以A为牵引，推行B: no part)
            yield Candidate(a.key, "subProgrammeOf", b.key, s.index, 0.7, "pattern")
        elif c.upgrade.search(gap):
            yield Candidate(b.key, "subProgrammeOf", a.key, s.index, 0.7, "pattern")
        elif gap in ("——", "—", "－－"):
            yield Candidate(b.key, "subProgrammeOf", a.key, s.index, 0.65, "pattern")
        elif c.part.search(gap):
            yield Candidate(a.key, "subProgrammeOf", b.key, s.index, 0.7, "pattern")
        elif c.as_end.search(gap) and c.part_after.match(ctx.doc.text[b.end:s.end]):
            # 谋划实施A，作为B的牵引性抓手
            yield Candidate(a.key, "subProgrammeOf", b.key, s.index, 0.7, "pattern")


@component("relation-rule", "companies", data=("lexicon/company_links.txt", "lexicon/copulas.txt",
                                              "lexicon/programme_verb_uses.txt", "lexicon/developer_words.txt",
                                              "lexicon/company_suffixes.txt", "divisions"))
def companies(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """Parents and projects: A的母公司B, B旗下A, A是B的子公司, 集团 and its 有限公司, 分公司; A投资/建设…项目, 由A负责建设, A's trade name in a project's name.

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("浙江甲乙科技有限公司的母公司是浙江丙丁集团有限公司。", pipeline=rules_only("companies"))
    >>> [(x.subject, x.predicate, x.object) for x in g.relations]
    [('Company/浙江甲乙科技有限公司', 'subsidiaryOf', 'Company/浙江丙丁集团有限公司')]
    """
    c, text = ctx.cues, ctx.doc.text
    comps = [x for x in ms if x.cls == "Company"]
    for a, b in combinations(comps, 2):
        if a.key == b.key:
            continue
        gap = text[a.end:b.start]
        if c.parent.match(gap):
            yield Candidate(a.key, "subsidiaryOf", b.key, s.index, 0.8, "pattern")
        elif c.child.match(gap):
            yield Candidate(b.key, "subsidiaryOf", a.key, s.index, 0.8, "pattern")
        elif c.subsidiary.match(gap):
            yield Candidate(a.key, "subsidiaryOf", b.key, s.index, 0.8, "pattern")
        elif c.counted_child.match(gap):     # 燕都集团另一家子公司燕都新材料…, 鼎晟集团全资子公司常州…
            yield Candidate(b.key, "subsidiaryOf", a.key, s.index, 0.8, "pattern")
        elif c.copula.match(gap) and c.subsidiary_after.match(text[b.end:s.end]):     # A是B的全资子公司
            yield Candidate(a.key, "subsidiaryOf", b.key, s.index, 0.8, "pattern")
        elif c.copula.match(gap) and _parent_after(ctx.res).match(text, b.end, s.end):   # A是B的母公司
            yield Candidate(b.key, "subsidiaryOf", a.key, s.index, 0.8, "pattern")
    for co in comps:
        for p in (x for x in ms if x.cls == "Project" and x.start > co.end):
            gap = subject_gap(ctx, text[co.end:p.start])
            if len(gap) <= 20 and c.develops.search(gap) and "，" not in gap \
                    and not any(o.cls == "Company" and co.end <= o.start < p.start for o in ms):
                yield Candidate(co.key, "develops", p.key, s.index, 0.6, "pattern")
                break
    for part in (_developed_by, anaphor_builds, partners, invests_and_builds, _brand_projects, _groups):
        yield from part(ctx, s, ms)


@per_resources
def _parent_after(res: Resources) -> re.Pattern:
    """的母公司, 的控股股东 right after B in A是B的母公司: A is B's parent (company_links.txt, use parent).

    >>> from kg.extract.resources import resources
    >>> bool(_parent_after(resources()).match("的母公司。")), bool(_parent_after(resources()).match("的子公司"))
    (True, False)
    """
    return re.compile(DE + alt(tuple(sorted(words(res, "company_links", "parent"), key=len, reverse=True))))


def _developed_by(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """该项目由X公司负责建设运营, 由X公司投资建设的Y项目: the company develops the project (the one named
    right after the verb, else the last one named before)."""
    text, c, r = ctx.doc.text, ctx.cues, ctx.resolved
    for co in ms:
        if co.cls != "Company" or text[co.start - len(c.dev_by):co.start] != c.dev_by:
            continue
        verb = c.developed_by.match(text[co.end:s.end])
        if not verb:
            continue
        after = co.end + verb.end()
        nxt = next((x for x in ms if x.start >= after), None)
        if nxt is not None and nxt.cls == "Project" and text[after:nxt.start] in (DE, ""):
            yield Candidate(co.key, "develops", nxt.key, s.index, 0.7, "developed-by")
            continue
        # 该项目…，由X负责建设: the project named last (in this sentence or the one before)
        prev = [(m.end, k) for m, k in r.mentions if m.cls == "Project" and m.end <= co.start
                and co.start - m.end <= 120 and m.sentence >= s.index - 1]
        if prev and not any(x.cls == "Company" and max(prev)[0] <= x.start < co.start for x in ms):
            yield Candidate(co.key, "develops", max(prev)[1], s.index, 0.7, "developed-by")


def _brand_projects(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """鼎晟储能年产10GWh…项目 where the text names 江苏鼎晟储能科技集团有限公司: a project whose name (after
    its places) opens with a company's trade name (after its places, before its legal form) is the company's."""
    r = ctx.resolved
    if not any(x.cls == "Project" for x in ms):
        return
    brands = [(e.key, _unplaced(ctx, _trade_name(ctx, e.label))) for e in r.entities
              if e.cls == "Company" and not _two_names(ctx, e.label)]
    for p in (x for x in ms if x.cls == "Project"):
        name = _unplaced(ctx, EntityKey.parse(p.key).label)
        nested = {k for k, _ in ctx.nested.get(p.key, ())}      # the developer the name holds: rule "names"
        shared = {key: _same_trade(ctx, brand, name) for key, brand in brands}
        most = max(shared.values(), default=0)
        # only the companies sharing the longest part (正泰新能…项目: 正泰新能科技, not 正泰电气)
        for key, n in shared.items():
            if n and n == most and len(name) > n and key not in nested:
                yield Candidate(key, "develops", p.key, s.index, 0.7, "trade-name")


def _groups(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """常州鼎晟储能科技有限公司 in a text naming 江苏鼎晟储能科技集团有限公司: a company with a legal name and a
    group's trade name belongs to the group; 中国电信股份有限公司常州分公司 is a branch of 中国电信."""
    c, res = ctx.cues, ctx.res
    if not any(x.cls == "Company" for x in ms):
        return
    firms = [(e.key, e.label, _unplaced(ctx, _trade_name(ctx, e.label))) for e in ctx.resolved.entities
             if e.cls == "Company" and not _two_names(ctx, e.label)]
    for b in (x for x in ms if x.cls == "Company"):
        label = EntityKey.parse(b.key).label
        branch = label.endswith(c.branch_words)
        if not branch and (any(g in label for g in c.group_words) or not label.endswith(res.company_legal)):
            continue
        trade = _unplaced(ctx, _trade_name(ctx, label))
        for key, other, brand in firms:
            if key == b.key or other.endswith(c.branch_words) or not _same_trade(ctx, brand, trade):
                continue
            if branch and label.startswith(other):
                yield Candidate(b.key, "subsidiaryOf", key, s.index, 0.8, "branch")
            elif not branch and any(g in other for g in c.group_words):
                yield Candidate(b.key, "subsidiaryOf", key, s.index, 0.6, "group-trade")


def _two_names(ctx: RelationContext, label: str) -> bool:
    """A parent's and its subsidiary's names run together (鼎晟集团全资子公司常州鼎晟…): a branch word
    before the end."""
    return any(0 <= label.find(w) < len(label) - len(w) for w in ctx.cues.branch_words)


def _same_trade(ctx: RelationContext, brand: str, name: str) -> int:
    """How many leading characters `name` shares with the trade name `brand`, when they are a trade name
    (two characters or more beyond 中国/国家…, no place, no industry word); else 0."""
    n = next((i for i, (a, b) in enumerate(zip(brand, name)) if a != b), min(len(brand), len(name)))
    shared = brand[:n]
    bare = next((shared[len(w):] for w in ctx.cues.not_brand if shared.startswith(w)), shared)
    place = leading_place(shared + "+", ctx.resolved.place, divisions(), ctx.res) == shared
    if len(bare) >= 2 and not place and not bare.startswith(ctx.res.company_short):
        return n
    return 0


def _trade_name(ctx: RelationContext, label: str) -> str:
    """The company's name up to its first legal form, without it (中国电信股份有限公司常州分公司 → 中国电信)."""
    cut = min((i for i in range(1, len(label)) if label.startswith(ctx.res.company_legal, i)), default=len(label))
    head = label[:cut]
    return head


def _unplaced(ctx: RelationContext, name: str) -> str:
    """The name without the places it opens with (常州瑞思达… → 瑞思达…)."""
    r, d = ctx.resolved, divisions()
    for _ in range(3):
        lead = leading_place(name, r.place, d, ctx.res)
        if not lead or len(name) - len(lead) < 2:
            break
        name = re.sub(r"^[（(][^）)]*[）)]", "", name[len(lead):])
    return name


@component("relation-rule", "policies", data=(_LOC, "lexicon/issuing_verbs.txt", "lexicon/apply_verbs.txt",
                                            "lexicon/issuer_words.txt"))
def policies(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """Who issued or applies a policy document: <body>印发/出台/制定《…》 gives issuedBy (a place that
    制定 one implements it: a place is no issuing body); <place or body>贯彻落实/依据《…》 gives implements.

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("嵊州市人民政府印发《嵊州市营商环境优化提升行动方案》。", pipeline=rules_only("policies"))
    >>> [(x.predicate, x.object) for x in g.relations]
    [('issuedBy', 'GovernmentBody/嵊州市人民政府')]
    """
    doc = ctx.doc
    for p in (x for x in ms if x.cls == "PolicyDocument"):
        for body in _title_issuers(ctx, EntityKey.parse(p.key).label):
            yield Candidate(p.key, "issuedBy", body, s.index, 0.8, "title-issuer")
        yield from _issued_by_passive(ctx, s, ms, p)
        cs = clause_start(doc, s, p.start)
        lead = doc.text[max(s.start, p.start - 12):p.start]
        issue, apply = ctx.cues.issue.search(lead), ctx.cues.apply.search(lead)
        if not (issue or apply):
            continue
        verb_at = p.start - len((issue or apply).group(0))
        actors = [x for x in ms if x.cls in ACTORS and x.end <= verb_at and x.start >= cs
                  and not ctx.cues.locative_before.search(doc.text[max(s.start, x.start - 2):x.start])]
        subject = not actors
        if subject:
            actors = [x for x in ms if x.cls in ACTORS and x.end <= verb_at and is_subject(ctx, s, x)]
        if not actors:
            continue
        who = actors[-1]
        gap = doc.text[who.end:verb_at]
        if (len(gap) > 20 and not subject) or re.search(r"[。；]", gap):
            continue
        conf = 0.75 if len(gap) <= 6 else 0.6
        if issue and who.cls == "GovernmentBody":
            bodies = _joint_issuers(ctx, ms, who)
            party = any(v in issue.group(0) for v in ctx.cues.parties)
            heading = _item_heading(ctx, s)
            for body in bodies:
                yield Candidate(p.key, "issuedBy", body.key, s.index, conf, "issued-by")
                yield from _title_programmes(ctx, s, p, body)
                if heading is not None:     # 一是开展“…”行动。…省工信厅会同省财政厅制定《…办法》: the item's programme
                    yield Candidate(body.key, "implements", heading, s.index, 0.6, "item-issuer")
                if party:       # 三地工信部门签署《…合作协议》: its parties carry it out
                    yield Candidate(body.key, "implements", p.key, s.index, conf - 0.1, "party")
            yield from _issuer_place(ctx, s, p, bodies)
            yield from _supporting(ctx, s, ms, p)
        else:
            yield Candidate(who.key, "implements", p.key, s.index, conf, "applies-document")


def _supporting(ctx: RelationContext, s: Sentence, ms: list[M], p: M) -> Iterator[Candidate]:
    """省科技厅印发《…实施方案》后，市科技局出台配套细则: the body that then makes its own supporting rules
    carries out the document (rule "supporting"), and the programmes its title quotes.

    >>> ctx = RelationContext.of_text("省科技厅印发《陕西省深化科技成果转化实施方案》后，宝鸡市科技局出台配套细则。")
    >>> s, ms = ctx.sentences[0], ctx.by_sentence[0]
    >>> [(c.subject, c.rule) for c in _supporting(ctx, s, ms, ms[1])]
    [('GovernmentBody/宝鸡市科学技术局', 'supporting')]
    """
    text = ctx.doc.text
    then = ctx.cues.then_doc.match(text, p.end)
    who = next((x for x in ms if then and 0 <= x.start - then.end() <= 4 and x.cls in ACTORS), None)
    if who is None or not is_subject(ctx, s, who):
        return
    end = re.search(r"[，。；]", text[who.end:s.end])
    if any(w in text[who.end:who.end + (end.start() if end else s.end)] for w in ctx.cues.supporting):
        yield Candidate(who.key, "implements", p.key, s.index, 0.6, "supporting")
        yield from _title_programmes(ctx, s, p, who)


def _title_programmes(ctx: RelationContext, s: Sentence, p: M, body: M) -> Iterator[Candidate]:
    """《陕西省深化科技成果转化“三项改革”实施方案》: the body that issues or supports a document carries out the
    programmes its title quotes by a name the document gives a programme (rule "title-programme"); an office
    (市政府办公室) issues for its government: its place carries them out."""
    title = EntityKey.parse(p.key).label.split("@")[0]
    who = body.key
    if EntityKey.parse(body.key).label.split("@")[0].endswith(ctx.cues.offices):
        who = _body_place(ctx, body)
        if who is None:
            return
    known = {n: e.key for e in ctx.resolved.entities if e.cls == "Programme" for n in (e.label, *e.aliases)}
    keys = [known[q.group(1)] for q in _QUOTED.finditer(ctx.doc.text, p.start, p.end)
            if q.group(1) in known and q.group(1) in title]
    # (《潍坊市中小企业数字化转型城市试点实施方案》: a programme's whole name of six characters or more)
    keys += [k for n, k in known.items() if len(n) >= 6 and n in title and k not in keys]
    for key in dict.fromkeys(keys):
        yield Candidate(who, "implements", key, s.index, 0.5, "title-programme")
        if who == body.key:     # 潍坊市人民政府印发《…城市试点实施方案》: the government's place too
            yield from _organ_place(ctx, s, M(p.m, key), [body])


def _issuer_place(ctx: RelationContext, s: Sentence, p: M, bodies: list[M]) -> Iterator[Candidate]:
    """县委、县政府印发的《关于发展壮大村级集体经济的实施意见》: a document whose title names no place is
    carried out by the place of the local bodies that issue it (rule "issuer-place", a low tier).

    >>> ctx = RelationContext.of_text("英山县召开会议。英山县委、县政府印发《关于发展壮大村级集体经济的实施意见》。")
    >>> s, ms = ctx.sentences[1], ctx.by_sentence[1]
    >>> [c.subject for c in _issuer_place(ctx, s, ms[-1], ms[:-1])]
    ['Locality/英山县']
    """
    if any(c == "Locality" for _, c in ctx.nested.get(p.key, ())):
        return
    places = []
    for b in bodies:
        if not EntityKey.parse(b.key).label.split("@")[0].endswith(ctx.cues.issuer_place):
            continue
        place = _body_place(ctx, b)
        if place is not None and place not in places:
            places.append(place)
            yield Candidate(place, "implements", p.key, s.index, 0.5, "issuer-place")


def _issued_by_passive(ctx: RelationContext, s: Sentence, ms: list[M], p: M) -> Iterator[Candidate]:
    """《…办法》由省科技厅会同省财政厅制定: the bodies after 由, right after the title's clause, issued it."""
    text, c = ctx.doc.text, ctx.cues
    after = [x for x in ms if x.start > p.end and x.cls == "GovernmentBody"]
    first = next((x for x in after if text[x.start - len(c.dev_by):x.start] == c.dev_by), None)
    if first is None or first.start - p.end > 8 or re.search(r"[，。；,]", text[p.end:first.start]):
        return
    bodies = [first]
    for x in after[after.index(first) + 1:]:
        if not c.joint.match(text[bodies[-1].end:x.start]):
            break
        bodies.append(x)
    if c.issued_by.match(text[bodies[-1].end:s.end]):
        for b in bodies:
            yield Candidate(p.key, "issuedBy", b.key, s.index, 0.75, "issued-by")


def _title_issuers(ctx: RelationContext, title: str) -> list[str]:
    """《嵊州市人民政府关于…的意见》, 《中共中央 国务院关于…》: the bodies of the text the title opens with,
    before 关于 (all of it: bodies and the words between them), issued it."""
    at = min((i for i in (title.find(w) for w in ctx.cues.about) if i > 0), default=-1)
    if at < 0:
        return []
    names = {n: e.key for e in ctx.resolved.entities if e.cls == "GovernmentBody"
             for n in (e.label.split("@")[0], *e.aliases)}
    head, out = title[:at], []
    while head:
        if head.startswith(ctx.cues.title_joints):
            head = head[1:]
            continue
        n = max((n for n in names if head.startswith(n)), key=len, default=None)
        if n is None:
            return []
        out.append(names[n])
        head = head[len(n):]
    return out


def _joint_bodies(ctx: RelationContext, ms: list[M], who: M) -> list[M]:
    """The body and the bodies listed with it, before (县委、县政府) and after (市委、市政府把…).

    >>> ctx = RelationContext.of_text("宝鸡市委、市政府把钛产业作为一号产业。")
    >>> [EntityKey.parse(x.key).label for x in _joint_bodies(ctx, ctx.by_sentence[0], ctx.by_sentence[0][0])]
    ['中共宝鸡市委', '宝鸡市人民政府']
    """
    out = _joint_issuers(ctx, ms, who)
    last = who
    for x in (x for x in ms if x.start >= who.end):
        if x.cls != "GovernmentBody" or not ctx.cues.joint.match(ctx.doc.text[last.end:x.start]):
            break
        out.append(x)
        last = x
    return out


def _joint_issuers(ctx: RelationContext, ms: list[M], who: M) -> list[M]:
    """The issuing body and the bodies listed right before it (县委、县政府印发; A会同B制定): each issues it."""
    out = [who]
    for x in reversed([x for x in ms if x.end <= who.start]):
        if x.cls != "GovernmentBody" or not ctx.cues.joint.match(ctx.doc.text[x.end:out[-1].start]):
            break
        out.append(x)
    return out


_QUOTED = re.compile(r"“([^“”]{2,20})”")


@component("relation-rule", "pilots", data=(_LOC, "lexicon/copulas.txt", "lexicon/pilot_words.txt",
                                           "lexicon/level_words.txt", "lexicon/participation_verbs.txt",
                                           "lexicon/list_words.txt", "lexicon/programme_links.txt"))
def pilots(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """作为全省“企呼我应”…试点，湖州市以… / 磐安县作为全国首个…试点: the pilot carries the programme out
    (a place or body implements it, a company takes part), and so does the place that chose it
    (浙江省…, 全省 = the document's province); so do pilots named by a body (被…确定为…试点, 入选…试点) and the
    places a pilot chooses (kg.extract.relation_pilots).

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("磐安县作为全国“千万工程”试点，成效明显。", pipeline=rules_only("pilots"))
    >>> [(x.subject, x.predicate, x.object) for x in g.relations]
    [('Locality/磐安县', 'implements', 'Programme/千万工程')]
    """
    for mm in ctx.cues.pilot.finditer(ctx.doc.text, s.start, s.end):
        progs = _piloted(ctx, s, ms, mm)
        if not progs:
            continue
        who = _pilot_of(ctx, s, ms, mm)
        if who is None:
            continue
        frame = _pilot_frame(ctx, s, ms, mm, progs[0])
        for p in progs:
            for x in who:
                pred = "implements" if x.cls in ACTORS else "participatesIn"
                yield Candidate(x.key, pred, p.key, s.index, 0.65, "pilot")
            for x in frame:
                yield Candidate(x.key, "implements", p.key, s.index, 0.55, "pilot")
    for part in (_chosen_pilots, designated, forerunners, roles, pilot_sites, listed_pilots, rolls):
        yield from part(ctx, s, ms)


def _chosen_pilots(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """青德镇以仲德村、白龚村为试点 (after 在…青德镇…开展“强村富民”试点): the places a pilot chooses as its own
    pilots carry out the pilot programme it was named with in an earlier sentence (rule "chosen-pilot").

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("全州在青德镇开展“强村富民”试点。青德镇以仲德村、白龚村为试点，发展产业。",
    ...                  pipeline=rules_only("pilots"))
    >>> sorted(x.subject for x in g.relations if x.evidence.rule == "chosen-pilot")
    ['Locality/仲德村', 'Locality/白龚村']
    """
    text, r = ctx.doc.text, ctx.resolved
    for mm in ctx.cues.chosen.finditer(text, s.start, s.end):
        chooser = next((x for x in ms if x.end == mm.start() and x.cls in ACTORS), None)
        pilots = [x for x in ms if x.cls == "Locality" and mm.start(2) <= x.start and x.end <= mm.end(2)]
        if chooser is None or not pilots or any(x.cls == "Programme" and mm.start() <= x.start < mm.end() for x in ms):
            continue
        named = {m.sentence for m, k in r.mentions if k == chooser.key and m.sentence < s.index}
        earlier = [(m.end, k) for m, k in r.mentions if m.cls == "Programme" and m.sentence in named
                   and s.start - m.end <= 600 and _is_pilot(ctx, m, k)]
        if earlier:
            for x in pilots:
                if not any(y.start == x.end for y in pilots):     # (乡城县青德镇: the chain's last place)
                    yield Candidate(x.key, "implements", max(earlier)[1], s.index, 0.5, "chosen-pilot")


def _is_pilot(ctx: RelationContext, m: Mention, key: str) -> bool:
    """Is the programme a pilot: its name ends with a pilot word (…试点), or one follows it (“强村富民”试点)?"""
    label = EntityKey.parse(key).label.split("@")[0]
    pilot = ctx.cues.pilot_words
    return label.endswith(pilot) or ctx.doc.text.startswith(pilot, m.end)


def _piloted(ctx: RelationContext, s: Sentence, ms: list[M], mm: re.Match) -> list[M]:
    """The programmes a pilot frame (作为…试点) names: mentions in it, or quoted names the document gives
    a programme elsewhere (作为全省“企呼我应”涉企问题…机制试点)."""
    a, b = mm.start(1), mm.end(1)
    progs = [x for x in ms if x.cls == "Programme" and a <= x.start and x.end <= b + len(mm.group(2))]
    if not progs:
        known = {n: e.key for e in ctx.resolved.entities if e.cls == "Programme" for n in (e.label, *e.aliases)}
        progs = [M(Mention(q.group(1), q.start(), q.end(), "Programme", s.index, "context"), known[q.group(1)])
                 for q in _QUOTED.finditer(ctx.doc.text, a, b) if q.group(1) in known]
    return progs


def _pilot_of(ctx: RelationContext, s: Sentence, ms: list[M], mm: re.Match) -> list[M] | None:
    """The pilot: the name right before 作为, or the subject of the clauses after the frame (None: the
    frame is inside a clause of its own and names no pilot)."""
    text, doc = ctx.doc.text, ctx.doc
    who = [x for x in ms if x.end <= mm.start() and mm.start() - x.end <= 1 and x.cls in ACTORS + PARTICIPANTS
           and clause_start(doc, s, x.start) == clause_start(doc, s, mm.start())]
    if not who:
        cs = clause_start(doc, s, mm.start())
        if cs != mm.start() and not ctx.cues.pilot_lead.fullmatch(text[cs:mm.start()]):
            return None
        after = [x for x in ms if x.start >= mm.end() and x.cls in ACTORS + PARTICIPANTS and is_subject(ctx, s, x)]
        who = [x for x in after[:1] if not re.search(r"[。；]", text[mm.end():x.start]) and x.start - mm.end() <= 12]
    return who


def _pilot_frame(ctx: RelationContext, s: Sentence, ms: list[M], mm: re.Match, first: M) -> list[M]:
    """The place that chose the pilot: a place in the frame before the programme (浙江省…), or 全省 as the
    document's province."""
    a, r, whole = mm.start(1), ctx.resolved, ctx.cues.province_wide
    frame = [x for x in ms if x.cls == "Locality" and a <= x.start and x.end <= first.start]
    if not frame and ctx.doc.text.startswith(whole, a):
        province = r.place.province
        frame = [M(Mention(e.label, a, a + len(whole), e.cls, s.index, "context"), e.key) for e in r.entities
                 if e.cls == "Locality" and province
                 and e.label in (province, ctx.cues.province_suffix.sub("", province))][:1]
    return frame
