"""Pilots beyond 作为…试点 (the rule `pilots` in kg.extract.relation_rules calls the functions here):
陶家河乡被湖北省农业农村厅确定为全省…改革试点乡镇, 省发展改革委确定嘉兴市为…试点, 省里将嘉兴市列为…试点, 沛县入选…试点名单,
这是安文小学打造的…试点 (rule "designated-pilot"); 乡里选取A、B为先行村 after the township was named a pilot
(rule "forerunner"); X是“A”改革的受益者 (rule "role"); 在淄博、潍坊3市开展省级试点 after the pilot was named
(rule "pilot-sites"); 布局A友好城区、B友好乡镇等…试点 (rule "listed-pilots"); A公布…试点名单，X、Y榜上有名
(rule "pilot-list"). The words are in data/lexicon/pilot_words.txt (all its uses but pilot, lead, choose and
chosen: see its header), participation_verbs.txt (role, role-copula), list_words.txt and programme_links.txt
(numeral).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from kg.extract.relation_context import ACTORS, Candidate, M, RelationContext, clause_start, is_subject
from kg.extract.relation_words import DE, alt, words
from kg.extract.resources import Resources, per_resources
from kg.records import EntityKey, Mention, Sentence

_STOP = "[^，。；,;：:]"
_HAN = chr(0x4E00) + "-" + chr(0x9FFF)             # the range of CJK ideographs, for character classes
_PILOTS = ACTORS + ("Company", "Organization")       # who may be named a pilot (a company or school takes part)


@dataclass(frozen=True)
class PilotWords:
    """The compiled patterns of the functions here (one set per `Resources`)."""
    passive: re.Pattern     # 被<agent>确定为<frame>, up to the programme
    active: re.Pattern      # 确定<who>为<frame>, up to the programme
    put: re.Pattern         # 将<who>列为<frame>, up to the programme
    enter: re.Pattern       # 入选<frame>, up to the programme
    made: re.Pattern        # 打造的<frame>, up to the programme
    publish: re.Pattern     # 公布<frame>, up to a pilot list's programme
    listed: re.Pattern      # 榜上有名, closing the clause that names who is on the list
    roll: re.Pattern        # after the programme: 试点名单
    here: re.Pattern        # 乡里, 区里 right before the verb that chooses forerunners
    next_pilot: re.Pattern  # between two pilots of one frame: [试点]、首批
    etc: re.Pattern         # 等 (a count, 地, a programme verb) up to the programme, closing a list of pilots
    after: re.Pattern       # after the programme: a pilot word (建设试点, 试点乡镇) or 名单
    lead: re.Pattern        # between the pilot and 被 / 入选: words of time (去年, 已, 成功, 2023年)
    tail: re.Pattern        # the end of a pilot's name: a pilot word and at most two characters (示范县, 试点)
    forerunner: re.Pattern  # 选取<places>为先行村 / 为试点村
    role: re.Pattern        # after a programme: 的受益者, 首批受益企业
    role_copula: re.Pattern  # between who and the programme: 是, 成为 (a few words of frame after)
    sited: re.Pattern       # 开展省级试点 (a programme verb, a few words, a pilot word) ending a clause's text
    pilot_end: re.Pattern   # a pilot word (where a clause's 开展…试点 ends)
    list_words: tuple[str, ...]  # 、 和 及: the words between the items of a list (list_words.txt)


@per_resources
def pilot_words(res: Resources) -> PilotWords:
    """The patterns of these resources, compiled once per resources object.

    >>> from kg.extract.resources import resources
    >>> p = pilot_words(resources())
    >>> p.passive.search("陶家河乡被湖北省农业农村厅确定为全省").group("agent")
    '湖北省农业农村厅'
    >>> p.active.search("省发改委确定嘉兴市、湖州市为全省").group("who")
    '嘉兴市、湖州市'
    """
    def w(use: str) -> tuple[str, ...]:
        return tuple(sorted(words(res, "pilot_words", use), key=len, reverse=True))

    frame = "(?P<frame>" + _STOP + "{0,16})$"
    pilot = alt(w("pilot"))
    return PilotWords(
        passive=re.compile(alt(w("by")) + "(?P<agent>" + _STOP + "{0,24}?)" + alt(w("designate")) + frame),
        put=re.compile(alt(w("put")) + "(?P<who>" + _STOP + "{2,24}?)" + alt(w("designate")) + frame),
        active=re.compile(alt(w("designate-active")) + "(?P<who>" + _STOP + "{2,24}?)" + alt(w("chosen")) + frame),
        enter=re.compile(alt(w("enter")) + frame),
        etc=re.compile(alt(w("etc")) + "(?:(?:[0-9]|" + alt(words(res, "programme_links", "numeral")) + ")+"
                       + alt(w("classifier")) + ")?" + alt(w("etc-kind")) + "?"
                       + alt(res.programme_verbs) + "?$"),
        publish=re.compile(alt(w("publish")) + "(?P<frame>" + _STOP + "{0,12})$"),
        listed=re.compile(alt(w("listed")) + "[，。；,;]"),
        next_pilot=re.compile("[^，。；,;：:“”]{0,6}?" + alt(words(res, "list_words")) + "[^，。；,;：:“”]{0,6}"),
        here=re.compile(alt(w("here")) + "$"),
        roll=re.compile("[^，。；,;“”]{0,6}?" + alt(w("roll"))),
        made=re.compile(alt(w("made")) + DE + "(?P<frame>" + _STOP + "{0,8})$"),
        after=re.compile("[^，。；,;“”]{0,4}?(?:" + pilot + "|" + alt(w("roll")) + ")"),
        lead=re.compile("(?:[^，。；,;" + _HAN + "]|" + alt(w("between")) + ")*"),
        forerunner=re.compile(alt(w("choose")) + "(?P<places>" + _STOP + "{2,40}?)" + alt(w("chosen"))
                              + "(?:" + alt(w("forerunner")) + "|" + pilot + ")"),
        tail=re.compile(pilot + "[" + _HAN + "]{0,2}$"),
        role=re.compile("[^，。；,;“”]{0,6}?" + alt(tuple(sorted(words(res, "participation_verbs", "role"), key=len,
                                                                reverse=True)))),
        sited=re.compile(alt(res.programme_verbs) + _STOP + "{0,6}?" + pilot + "$"),
        pilot_end=re.compile(pilot),
        role_copula=re.compile(alt(words(res, "participation_verbs", "role-copula")) + _STOP + "{0,8}$"),
        list_words=words(res, "list_words"),
    )


def designated(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """陶家河乡被湖北省农业农村厅确定为全省…改革试点乡镇 / 省发展改革委确定嘉兴市为全省…试点 / 沛县入选国家…试点
    名单: the pilot carries out the programme (a place or body implements it, a company or school takes part),
    so do the body that named it and the place of the frame (全省: the document's province); rule
    "designated-pilot".

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("去年，张湾镇被湖北省农业农村厅确定为全省“强村公司”改革试点乡镇。", pipeline=rules_only("pilots"))
    >>> sorted((x.subject, x.predicate) for x in g.relations if x.evidence.rule == "designated-pilot")
    [('GovernmentBody/湖北省农业农村厅', 'implements'), ('Locality/张湾镇', 'implements'), ('Locality/湖北省', 'implements')]
    """
    p, text = pilot_words(ctx.res), ctx.doc.text
    last: tuple[M, tuple] | None = None       # the last pilot found and its frame (成为A试点、首批B试点: B's too)
    for prog in (x for x in ms if x.cls == "Programme"):
        if not _is_pilot(ctx, p, prog.m, prog.key):
            continue
        cs = clause_start(ctx.doc, s, prog.start)
        found = _frame(ctx, s, ms, p, cs, prog)
        if found is None and last is not None and last[0].start >= cs and p.next_pilot.fullmatch(text, last[0].end,
                                                                                                 prog.start):
            found = last[1][0], last[1][1], prog.start
        if found is None:
            continue
        last = prog, found
        who, agents, frame_at = found
        for x in who:
            yield Candidate(x.key, _predicate(x), prog.key, s.index, 0.65, "designated-pilot")
        for x in agents:
            yield Candidate(x.key, _predicate(x), prog.key, s.index, 0.6, "designated-pilot")
        for x in _frame_places(ctx, s, ms, frame_at, prog):
            yield Candidate(x.key, "implements", prog.key, s.index, 0.55, "designated-pilot")


def _frame(ctx: RelationContext, s: Sentence, ms: list[M], p: PilotWords, cs: int, prog: M):
    """The pilots, the bodies that named them and where the frame starts, for the clause before `prog`
    (None: no designation there)."""
    text = ctx.doc.text
    mm = p.passive.search(text, cs, prog.start)
    if mm:
        agents = [x for x in ms if mm.start("agent") <= x.start and x.end <= mm.end("agent") and x.cls in _PILOTS]
        return _before(ctx, s, ms, p, cs, mm.start()), agents, mm.start("frame")
    mm = p.put.search(text, cs, prog.start) or p.active.search(text, cs, prog.start)
    if mm:
        who = [x for x in ms if mm.start("who") <= x.start and x.end <= mm.end("who") and x.cls in _PILOTS]
        agents = [x for x in _before(ctx, s, ms, p, cs, mm.start()) if x.cls != "Company"]
        return (who, agents, mm.start("frame")) if who else None
    for pattern in (p.enter, p.made):
        mm = pattern.search(text, cs, prog.start)
        who = _before(ctx, s, ms, p, cs, mm.start()) if mm else []
        if who:
            return who, [], mm.start("frame")
    return None


def _before(ctx: RelationContext, s: Sentence, ms: list[M], p: PilotWords, cs: int, pos: int,
            kinds: tuple[str, ...] = _PILOTS) -> list[M]:
    """The names right before `pos` in the clause (a few words of time between), with those listed with
    them (淄博、潍坊入选…)."""
    text = ctx.doc.text
    last = next((x for x in reversed(ms) if cs <= x.start and x.end <= pos), None)
    if last is None or last.cls not in kinds or not p.lead.fullmatch(text, last.end, pos):
        return []
    run = [last]
    for x in reversed([x for x in ms if cs <= x.start and x.end <= run[0].start]):
        if x.cls not in kinds or text[x.end:run[-1].start] not in p.list_words:
            break
        run.append(x)
    return run[::-1]


def _frame_places(ctx: RelationContext, s: Sentence, ms: list[M], a: int, prog: M) -> list[M]:
    """The place that chose the pilot: a place in the frame before the programme (浙江省…), or 全省 as the
    document's province."""
    frame = [x for x in ms if x.cls == "Locality" and a <= x.start and x.end <= prog.start]
    whole, province = ctx.cues.province_wide, ctx.resolved.place.province
    if not frame and province and ctx.doc.text.startswith(whole, a):
        short = ctx.cues.province_suffix.sub("", province)
        frame = [M(Mention(e.label, a, a + len(whole), e.cls, s.index, "context"), e.key)
                 for e in ctx.resolved.entities if e.cls == "Locality" and e.label in (province, short)][:1]
    return frame


def forerunners(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """乡里选取桦树沟村、詹家河村为先行村 (after 陶家河乡被…确定为…试点乡镇): the places a pilot chooses as its
    first ones carry out the pilot programme named with it before; the chooser is named (陶家河乡选取…) or
    is the place of that level named last (乡里); rule "forerunner".

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> t = "天荒坪镇被确定为全省“强村公司”改革试点乡镇。镇里选取余村、大溪村为先行村，推进改革。"
    >>> sorted(x.subject for x in extract_text(t, pipeline=rules_only("pilots")).relations
    ...        if x.evidence.rule == "forerunner")
    ['Locality/余村', 'Locality/大溪村']
    """
    p, text, r = pilot_words(ctx.res), ctx.doc.text, ctx.resolved
    for mm in p.forerunner.finditer(text, s.start, s.end):
        places = [x for x in ms if x.cls == "Locality" and mm.start("places") <= x.start and x.end <= mm.end("places")]
        if not places or any(x.cls == "Programme" and mm.start() <= x.start < mm.end() for x in ms):
            continue
        chooser = _chooser(ctx, s, ms, mm.start())
        if chooser is None:
            continue
        named = {m.sentence for m, k in r.mentions if k == chooser and m.sentence < s.index}
        earlier = [(m.end, k) for m, k in r.mentions if m.cls == "Programme" and m.sentence in named
                   and s.start - m.end <= 600 and _is_pilot(ctx, p, m, k)]
        for x in places if earlier else ():
            if not any(y.start == x.end for y in places):     # (乡城县青德镇: the chain's last place)
                yield Candidate(x.key, "implements", max(earlier)[1], s.index, 0.5, "forerunner")


def _chooser(ctx: RelationContext, s: Sentence, ms: list[M], pos: int) -> str | None:
    """Who chooses: the place or body right before `pos`, or for 乡里/镇里 the place of that level named last
    before (within 600 characters)."""
    named = next((x for x in ms if x.end == pos and x.cls in ACTORS), None)
    if named is not None:
        return named.key
    cs = clause_start(ctx.doc, s, pos)
    mm = pilot_words(ctx.res).here.search(ctx.doc.text, max(cs, pos - 2), pos)
    if mm is None:
        return None
    level = mm.group(1)[:-1]
    prev = [(m.end, k) for m, k in ctx.resolved.mentions if m.cls == "Locality" and m.end <= pos
            and pos - m.end <= 600 and _label(k).endswith(level)]
    return max(prev)[1] if prev else None


def _is_pilot(ctx: RelationContext, p: PilotWords, m: Mention, key: str) -> bool:
    """Is the programme a pilot: its name ends with a pilot word (…示范县), or one follows it (“强村公司”改革试点)?"""
    return bool(p.tail.search(_label(key)) or p.after.match(ctx.doc.text, m.end))


def _predicate(x: M) -> str:
    """A place or government body implements a pilot programme; a company or organisation takes part."""
    return "implements" if x.cls in ACTORS else "participatesIn"


def _label(key: str) -> str:
    """The label of an entity key, without a disambiguation suffix.

    >>> _label("Programme/强村公司改革@x")
    '强村公司改革'
    """
    return EntityKey.parse(key).label.split("@")[0]


def roles(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """福建泓岩石材科技有限公司是“拿地即开工”改革的受益者 / 成为“企情日记”首批受益企业: the company (organisation,
    person) named before takes part in the programme; rule "role".

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("福建泓岩石材科技有限公司是“拿地即开工”改革的受益者。", pipeline=rules_only("pilots"))
    >>> [(x.subject, x.predicate) for x in g.relations if x.evidence.rule == "role"]
    [('Company/福建泓岩石材科技有限公司', 'participatesIn')]
    """
    p, text = pilot_words(ctx.res), ctx.doc.text
    for prog in (x for x in ms if x.cls == "Programme"):
        if not p.role.match(text, prog.end, s.end):
            continue
        cs = clause_start(ctx.doc, s, prog.start)
        mm = p.role_copula.search(text, cs, prog.start)
        if mm is None:
            continue
        for x in _before(ctx, s, ms, p, cs, mm.start(), ("Company", "Organization", "Person")):
            yield Candidate(x.key, "participatesIn", prog.key, s.index, 0.6, "role")


def pilot_sites(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """三是开展中小企业数字化转型城市试点。在淄博、潍坊、临沂3市开展省级试点: the places where a clause that
    names no programme carries out “试点” carry out the pilot named last before (this sentence or the two
    before, within 300 characters), or else the programme named last in this sentence or the one before it in
    the paragraph (推进“无证明城市”建设。在杭州市、宁波市开展省级试点); rule "pilot-sites".

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> t = "全省开展“数字乡村”改革试点。在淄博、潍坊、临沂3市开展省级试点。"
    >>> sorted(x.subject for x in extract_text(t, pipeline=rules_only("pilots")).relations
    ...        if x.evidence.rule == "pilot-sites")
    ['Locality/临沂市', 'Locality/淄博市', 'Locality/潍坊市']
    """
    p, text, r = pilot_words(ctx.res), ctx.doc.text, ctx.resolved
    for w in p.pilot_end.finditer(text, s.start, s.end):
        cs = clause_start(ctx.doc, s, w.start())
        verb = p.sited.search(text, cs, w.end())
        if verb is None or any(x.cls == "Programme" and cs <= x.start < w.end() for x in ms):
            continue
        places = _before(ctx, s, ms, p, cs, verb.start(), ("Locality",))
        if not places:
            continue
        earlier = [(m.end, k) for m, k in r.mentions if m.cls == "Programme" and m.end <= cs and cs - m.end <= 300
                   and s.index - 2 <= m.sentence <= s.index and _is_pilot(ctx, p, m, k)] \
            or [(m.end, k) for m, k in r.mentions if m.cls == "Programme" and m.end <= cs    # (推进“X”建设。在A、B开展试点)
                and s.index - 1 <= m.sentence <= s.index and ctx.sentences[m.sentence].paragraph == s.paragraph]
        for x in places if earlier else ():
            yield Candidate(x.key, "implements", max(earlier)[1], s.index, 0.55, "pilot-sites")


def listed_pilots(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """浙江又布局杭州上城友好城区、海盐澉浦友好乡镇、绍兴友好企业等生物多样性友好试点: the last place of each item
    of a list closed by 等 right before a pilot programme carries it out; rule "listed-pilots".

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> t = "浙江布局杭州上城友好城区、海盐澉浦友好乡镇、绍兴友好企业等“生物多样性友好”改革试点。"
    >>> sorted(x.subject for x in extract_text(t, pipeline=rules_only("pilots")).relations
    ...        if x.evidence.rule == "listed-pilots")
    ['Locality/上城区', 'Locality/澉浦镇', 'Locality/绍兴市']
    """
    p, text = pilot_words(ctx.res), ctx.doc.text
    for prog in (x for x in ms if x.cls == "Programme"):
        cs = clause_start(ctx.doc, s, prog.start)
        mm = p.etc.search(text, cs, prog.start) if _is_pilot(ctx, p, prog.m, prog.key) else None
        cuts = [i for i in range(cs, mm.start()) if text[i] == "、"] if mm else []
        if len(cuts) < 1:
            continue
        first = next((x for x in ms if x.start >= cs), None)
        first = first if first is not None and is_subject(ctx, s, first) else None     # (浙江布局…: not an item)
        for a, b in zip([cs] + [i + 1 for i in cuts], cuts + [mm.start()]):
            item = [x for x in ms if a <= x.start and x.end <= b and x.cls in ("Locality", "Company", "Organization")]
            if item and item[-1] is not first and b - a <= 16:
                yield Candidate(item[-1].key, _predicate(item[-1]), prog.key, s.index, 0.55, "listed-pilots")


def rolls(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """农业农村部公布2024年…试点名单，温州市龙港、舟山市定海两个…项目榜上有名: the body that publishes a pilot
    list carries the pilot out, and so does the last place (company) of each item of the clause that says
    who is on it; rule "pilot-list".

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> t = "四川省农业农村厅公布“数字乡村”改革试点名单，眉山市东坡区、成都市郫都区等12个县榜上有名。"
    >>> sorted(x.subject for x in extract_text(t, pipeline=rules_only("pilots")).relations
    ...        if x.evidence.rule == "pilot-list")
    ['GovernmentBody/四川省农业农村厅', 'Locality/东坡区', 'Locality/郫都区']
    """
    p, text = pilot_words(ctx.res), ctx.doc.text
    for prog in (x for x in ms if x.cls == "Programme"):
        roll = p.roll.match(text, prog.end, s.end) if _is_pilot(ctx, p, prog.m, prog.key) else None
        if roll is None:
            continue
        cs = clause_start(ctx.doc, s, prog.start)
        mm = p.publish.search(text, cs, prog.start)
        for x in _before(ctx, s, ms, p, cs, mm.start()) if mm else ():
            yield Candidate(x.key, _predicate(x), prog.key, s.index, 0.55, "pilot-list")
        nxt = text.find("，", roll.end(), s.end) + 1
        end = p.listed.search(text, nxt, min(s.end, nxt + 40)) if nxt else None
        if end is None or any(c in text[nxt:end.start()] for c in "，,；;"):
            continue
        for a, b in zip([nxt] + [i + 1 for i in range(nxt, end.start()) if text[i] == "、"],
                        [i for i in range(nxt, end.start()) if text[i] == "、"] + [end.start()]):
            item = [x for x in ms if a <= x.start and x.end <= b and x.cls in ("Locality", "Company", "Organization")]
            if item:
                yield Candidate(item[-1].key, _predicate(item[-1]), prog.key, s.index, 0.55, "pilot-list")
