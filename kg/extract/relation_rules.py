"""Relation rules: each reads one sentence's mentions and yields candidate facts.

Every rule is a `relation-rule` component (kg.extract.registry) with one signature,
`(ctx, sentence, mentions) -> Iterator[Candidate]`; `kg.extract.relations.relate` runs the ones a
`Pipeline` names on every sentence and keeps the best evidence per fact.
"""
from __future__ import annotations

import re
from itertools import combinations
from typing import Iterator

from kg.extract.divisions import divisions
from kg.extract.registry import component
from kg.extract.relation_context import (ACTORS, LOCATIVE_BEFORE, PARTICIPANTS, SITED, Candidate, M,
                                         RelationContext, _after_locative, _between, _clause_start,
                                         _is_subject, _last_zone, _place_key)
from kg.extract.resolve import _level_place, division_of
from kg.records import Mention, Sentence


@component("relation-rule", "names")
def names(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """Facts a name states by itself: 嵊州市人社局 locatedIn 嵊州市, 比亚迪…项目 developed by 比亚迪."""
    doc, r, res, nested = ctx.doc, ctx.resolved, ctx.res, ctx.nested
    d = divisions()
    for x in ms:
        inner = [(k, c) for k, c in nested.get(x.key, ()) if k != x.key]
        chain = [k for k, c in inner if c == "Locality"]
        for a, b in zip(chain, chain[1:]):          # 嵊州市三界镇…: 三界镇 partOf 嵊州市
            if a != b:
                yield Candidate(b, "partOf", a, s.index, 0.85, "name")
        label = x.key.split("/", 1)[1]
        if chain and x.cls == "Organization" and re.match(r"^.{2,8}?(大学|学院|交大)", label):
            chain = []   # 苏州大学…实验室: the place belongs to the university's name, not to the site
        if chain and x.cls in SITED:
            # 嵊州经济开发区(高新区)管委会: a name that opens with a longer place of the document (a zone
            # the tagger did not nest) is in that place
            head = chain[-1].split("/", 1)[1]
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
        if chain:
            place = chain[-1]
            i = division_of(place.split("/", 1)[1], r.place, d)
            provincial = i is not None and d.items[i].level == "province"
            if x.cls == "Locality":
                yield Candidate(x.key, "partOf", place, s.index, 0.85, "name")
            elif x.cls in SITED and not (x.cls in ("Company", "Project") and provincial):
                # 浙江XX有限公司 names the province it is registered in, not where it is
                yield Candidate(x.key, "locatedIn", place, s.index, 0.85, "name")
            elif x.cls == "Programme" or x.cls == "PolicyDocument" and label.endswith(res.policy_binding):
                yield Candidate(place, "implements", x.key, s.index, 0.7, "name")
        if not chain and x.cls == "GovernmentBody" and label.split("@")[0] != x.m.text:
            # 省经信厅 read as 浙江省经信厅 from the document's place: located in that place
            bare = label.removeprefix("中共")
            owner = max((e for e in r.entities if e.cls == "Locality" and bare.startswith(e.label)
                         and len(bare) > len(e.label) and division_of(e.label, r.place, d) is not None),
                        key=lambda e: len(e.label), default=None)
            if owner is not None:
                yield Candidate(x.key, "locatedIn", owner.key, s.index, 0.7, "name-context")
        if not chain and x.cls == "Organization" and re.match(r"(省|市|县|区)[^委政]", label):
            # 省环科院 in a Zhejiang article: the organisation of the document's province (like 省经信厅)
            owner = _level_place(label[0], r.place)
            target = next((e for e in r.entities if e.cls == "Locality" and owner
                           and (e.label == owner or owner in e.aliases)), None)
            if target is not None:
                yield Candidate(x.key, "locatedIn", target.key, s.index, 0.6, "name-context")
        for k, c in inner:
            if c == "Company" and x.cls == "Project":
                yield Candidate(k, "develops", x.key, s.index, 0.85, "name")
        # 贝达(嵊州)创新药…项目: a place in brackets is the site
        if x.cls in SITED:
            for mm in re.finditer(r"[（(]([\u4e00-\u9fff]{2,8})[）)]", label):
                place = _place_key(mm.group(1), ms, r)
                if place:
                    yield Candidate(x.key, "locatedIn", place, s.index, 0.75, "name")


@component("relation-rule", "adjacent")
def adjacent(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """A place written right before another name: 嵊州市剡湖街道, 剡湖街道贝达药业…项目, 黄泽镇星耀纺机."""
    doc, r, res, nested = ctx.doc, ctx.resolved, ctx.res, ctx.nested
    d = divisions()
    for a, b in zip(ms, ms[1:]):
        if a.cls != "Locality" or a.key == b.key:
            continue
        gap = _between(doc, a, b)
        located = gap in ("", "——", "—", "·", "•") or (gap == "的" and _after_locative(doc, s, a, ms))
        if not located:
            continue
        if b.cls == "Locality":
            ia, ib = (division_of(x.key.split("/", 1)[1], r.place, d) for x in (a, b))
            if ia is not None and ib is not None and ia not in d.ancestors(ib):
                continue   # 石溪村下王镇 or two unrelated places
            yield Candidate(b.key, "partOf", a.key, s.index, 0.8, "adjacent")
        elif b.cls in SITED:
            yield Candidate(b.key, "locatedIn", a.key, s.index, 0.75, "adjacent")


_SETTLE = re.compile(r"(落户|入驻|落地|坐落于|坐落在|扎根|布局|新厂房|投产|开工)")


@component("relation-rule", "sited")
def sited(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """在嵊州市三界镇，X公司…; …项目落户嵊州; 园区拥有A、B等企业 (the zone the paragraph is about)."""
    doc, r, res, nested = ctx.doc, ctx.resolved, ctx.res, ctx.nested
    places = [x for x in ms if x.cls == "Locality"]
    text = doc.text[s.start:s.end]
    # sentence opening with 在 <place>，: everything sited in the sentence is there
    opening = re.match(r"^(?:[^，。]{0,8}，)?在", text)
    if opening:
        comma = text.find("，", opening.end())
        stop = s.start + (comma if comma >= 0 else len(text))
        first = [x for x in places if s.start + opening.end() <= x.start and x.end <= stop]
        if first:
            where = max(first, key=lambda x: x.end)
            for x in ms:
                if x.cls in SITED and x.start > where.end and x.key != where.key:
                    yield Candidate(x.key, "locatedIn", where.key, s.index, 0.65, "sentence-locative")
    for mm in re.finditer(r"(园区|开发区|新区|科技城)(拥有|内|里|已有|还有|集聚)", text):
        pos = s.start + mm.start()
        if any(x.start <= pos < x.end for x in ms):
            continue
        zone = _last_zone(r, mm.group(1), pos)
        if zone:
            for x in ms:
                if x.cls in ("Company", "Project") and x.start > pos:
                    yield Candidate(x.key, "locatedIn", zone, s.index, 0.55, "anaphora")
    # 镇里“越都戏剧”工坊: 镇里 / 村里 is the last town / village named before
    for mm in re.finditer(r"(镇|乡|村|县)里", text):
        pos = s.start + mm.start()
        if any(x.start <= pos < x.end for x in ms):
            continue
        place = _last_zone(r, mm.group(1), pos)
        x = next((x for x in ms if x.cls in SITED and 0 <= x.start - (pos + 2) <= 3), None)
        if place and x is not None:
            yield Candidate(x.key, "locatedIn", place, s.index, 0.55, "anaphora")
    # X是嵊州的真丝领带龙头企业, X作为嵊州本土企业: a company described as a place's
    for x in ms:
        if x.cls != "Company":
            continue
        mm = re.match(r"(是|为|作为|系)", doc.text[x.end:x.end + 2])
        if not mm:
            continue
        where = next((y for y in places if y.start == x.end + mm.end()), None)
        if where is not None and re.match(r"(的|本土|本地)?[^，。；、]{0,12}?(企业|公司)", doc.text[where.end:s.end]):
            yield Candidate(x.key, "locatedIn", where.key, s.index, 0.6, "described-as")
    # X公司…成为嵊州首家…: the company is in the place it is the first of
    for mm in re.finditer(r"成为", text):
        pos = s.start + mm.end()
        where = next((x for x in places if x.start == pos), None)
        if where is None or not re.match(r"(首家|第一家|首批|唯一一家|唯一)", doc.text[where.end:where.end + 4]):
            continue
        who = [x for x in ms if x.cls in ("Company", "Organization") and x.end <= mm.start() + s.start
               and _is_subject(doc, s, x)]
        if who:
            yield Candidate(who[-1].key, "locatedIn", where.key, s.index, 0.6, "first-in-place")
    for mm in _SETTLE.finditer(text):
        pos = s.start + mm.end()
        after = [x for x in places if 0 <= x.start - pos <= 2]
        before = [x for x in places if 0 <= pos - x.end <= 12 and mm.group(1) in ("新厂房",)]
        target = (after or before or [None])[0]
        if target is None:
            continue
        for x in ms:
            if x.cls in ("Company", "Project") and x.key != target.key:
                yield Candidate(x.key, "locatedIn", target.key, s.index, 0.6, "settles-in")


PARTICIPATION = r"(通过|借助|依托|享受|参与|加入|入选|受益|使用|点赞|申报|获得)"


@component("relation-rule", "acts")
def acts(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """Who carries out a programme: the clause's or sentence's subject (a place or body implements,
    a company, organisation or person participates)."""
    doc, r, res, nested = ctx.doc, ctx.resolved, ctx.res, ctx.nested
    progs = [x for x in ms if x.cls == "Programme"]
    subjects = [x for x in ms if x.cls in ACTORS + PARTICIPANTS and _is_subject(doc, s, x)]
    for p in progs:
        before = [x for x in subjects if x.end <= p.start]
        # the nearest preceding actor in the same clause takes precedence over the sentence subject
        cs = _clause_start(doc, s, p.start)
        in_clause = [x for x in ms if x.cls in ACTORS + PARTICIPANTS and cs <= x.start and x.end <= p.start
                     and not LOCATIVE_BEFORE.search(doc.text[max(s.start, x.start - 2):x.start])]
        subj = (in_clause[-1] if in_clause else before[-1] if before else None)
        if subj is not None and subj.cls in ACTORS and doc.text[max(s.start, subj.start - 2):subj.start].endswith(("成为", "为")):
            rest = [x for x in before if x is not subj]
            subj = rest[-1] if rest else None   # 成为嵊州首家…: the place is no actor; the one who became is
        if subj is None:
            # 以…“一号改革工程”大突破为契机，嵊州立足…: the subject follows the framing phrase
            frame = re.search(r"为(契机|抓手|引领|牵引|目标|主线|突破口)，", doc.text[p.end:s.end])
            if frame and "以" in doc.text[s.start:p.start]:
                after = [x for x in subjects if x.start >= p.end + frame.end() and x.cls in ACTORS]
                if after and after[0].start - (p.end + frame.end()) <= 2:
                    subj = after[0]
        if subj is None:
            # 通过“企情日记”了解情况后，嵊州市人社局…: the subject of the clause after the means
            cs = _clause_start(doc, s, p.start)
            if re.match(r"(通过|依托|借助|利用|运用|凭借)", doc.text[cs:p.start]):
                end = re.search(r"[，,；]", doc.text[p.end:s.end])
                nxt = p.end + end.end() if end else None
                after = [x for x in ms if nxt is not None and x.start >= nxt and x.start - nxt <= 2 and x.cls in ACTORS + PARTICIPANTS]
                if after and _is_subject(doc, s, after[0]):
                    who = after[0]
                    pred = "implements" if who.cls in ACTORS else "participatesIn"
                    yield Candidate(who.key, pred, p.key, s.index, 0.6, "means-subject")
                    continue
        if subj is None:
            # 在浙江省实施…: a locative place right before the verb acts too
            loc = [x for x in ms if x.cls in ACTORS and x.end <= p.start and re.match(r"^(在|于)$", doc.text[x.start - 1:x.start])]
            gap = doc.text[loc[-1].end:p.start] if loc else ""
            if loc and re.search("(" + "|".join(res.programme_verbs) + ")", gap) and not re.search(r"[，；：]", gap):
                subj = loc[-1]
        if subj is None or subj.key == p.key:
            continue
        gap = doc.text[subj.end:p.start]
        verb = any(v in gap for v in res.programme_verbs) or re.search(r"(开展|举办|实施|推进|打造|推行|启动|创设|建立|构建|"
                                                                        r"擦亮|打响|发布|推出|组建|扩大|壮大|深化|推广|是)", gap)
        conf = 0.7 if verb else 0.5
        if subj.cls in ACTORS:
            yield Candidate(subj.key, "implements", p.key, s.index, conf, "subject-verb")
        else:
            if re.search(PARTICIPATION, gap):
                yield Candidate(subj.key, "participatesIn", p.key, s.index, conf, "subject-verb")
                # a company's 负责人 acting for it: the company takes part too
                if subj.cls == "Person":
                    head = next((x for x in ms if x.cls in ("Company", "Organization") and x.end <= subj.start
                                 and _is_subject(doc, s, x)), None)
                    if head is not None:
                        yield Candidate(head.key, "participatesIn", p.key, s.index, 0.5, "subject-verb")
    # the sentence's company or person subject that 享受/通过/参与 a programme later in the sentence
    first = next((x for x in ms if _is_subject(doc, s, x)), None)
    if first is not None and first.cls in PARTICIPANTS:
        for p in progs:
            near = doc.text[max(first.end, p.start - 16):p.start]
            praised = near.endswith("为") and doc.text[p.end:p.end + 2] == "点赞"   # 为“企情日记”点赞
            if p.start > first.end and (re.search(PARTICIPATION, near) or praised):
                yield Candidate(first.key, "participatesIn", p.key, s.index, 0.55, "subject-verb")
    # 在省委省政府的推动下，…“千万工程”: the body that drives it carries it out
    for mm in re.finditer(r"在([^，。；]{2,24}?)的?(推动|带动|指导|部署|领导|引领|主导)下", doc.text[s.start:s.end]):
        a, b = s.start + mm.start(1), s.start + mm.end(1)
        drivers = [x for x in ms if x.cls in ACTORS and a <= x.start and x.end <= b]
        for x in drivers:
            for p in progs:
                if p.start >= s.start + mm.end():
                    yield Candidate(x.key, "implements", p.key, s.index, 0.55, "driven-by")
    # 由最高人民检察院向全国推广: the agent of a passive
    for mm in re.finditer(r"由", doc.text[s.start:s.end]):
        pos = s.start + mm.end()
        agent = next((x for x in ms if x.start == pos and x.cls in ACTORS), None)
        if agent and re.match(r"[^，。]{0,8}(推广|实施|推行|推出|部署|牵头)", doc.text[agent.end:s.end]):
            targets = [p for p in progs if p.end <= agent.start]
            if not targets:
                # 并由最高人民检察院向全国推广: what is promoted is the programme the passage is about
                prev = [(m.end, k) for m, k in r.mentions if m.cls == "Programme" and m.end <= agent.start
                        and agent.start - m.end <= 500]
                targets = [M(m, k) for m, k in r.mentions if prev and k == max(prev)[1]][:1]
            for p in targets:
                yield Candidate(agent.key, "implements", p.key, s.index, 0.55, "passive-agent")


@component("relation-rule", "nests")
def nests(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """Programmes within programmes: 以A牵引B, A是B的抓手, 升级版“A” after B, B——A系列赛."""
    doc, r, res, nested = ctx.doc, ctx.resolved, ctx.res, ctx.nested
    progs = [x for x in ms if x.cls == "Programme"]
    for a, b in combinations(progs, 2):
        if a.key == b.key:
            continue
        gap = doc.text[a.end:b.start]
        if re.search(r"(牵引|为抓手|作为抓手|带动)", gap) and len(gap) <= 8:
            yield Candidate(a.key, "subProgrammeOf", b.key, s.index, 0.7, "pattern")
        elif re.search(r"升级版$", gap):
            yield Candidate(b.key, "subProgrammeOf", a.key, s.index, 0.7, "pattern")
        elif gap in ("——", "—", "－－"):
            yield Candidate(b.key, "subProgrammeOf", a.key, s.index, 0.65, "pattern")
        elif re.search(r"^(是|为|作为)(.{0,6})?的?(重要)?(抓手|组成部分|内容|举措)", gap):
            yield Candidate(a.key, "subProgrammeOf", b.key, s.index, 0.7, "pattern")
        elif re.search(r"作为$", gap) and re.match(r"^的[^，。]{0,6}(抓手|组成部分|突破口|牵引)", doc.text[b.end:s.end]):
            # 谋划实施A，作为B的牵引性抓手
            yield Candidate(a.key, "subProgrammeOf", b.key, s.index, 0.7, "pattern")


_PARENT = re.compile(r"^(的)?(母公司|控股股东|控股方)(是|为)?$")
_CHILD = re.compile(r"^(旗下|下属|的子公司|的全资子公司|的控股子公司|控股的|投资的|下属的)$")


@component("relation-rule", "companies")
def companies(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """Parents and projects: A的母公司B, B旗下A, A是B的子公司; A投资/建设…项目."""
    doc, r, res, nested = ctx.doc, ctx.resolved, ctx.res, ctx.nested
    comps = [x for x in ms if x.cls == "Company"]
    for a, b in combinations(comps, 2):
        if a.key == b.key:
            continue
        gap = doc.text[a.end:b.start]
        if _PARENT.match(gap):
            yield Candidate(a.key, "subsidiaryOf", b.key, s.index, 0.8, "pattern")
        elif _CHILD.match(gap):
            yield Candidate(b.key, "subsidiaryOf", a.key, s.index, 0.8, "pattern")
        elif re.match(r"^(是|为|系)(.{0,4})?的?(全资|控股)?子公司$", gap):
            yield Candidate(a.key, "subsidiaryOf", b.key, s.index, 0.8, "pattern")
    for c in comps:
        for p in (x for x in ms if x.cls == "Project" and x.start > c.end):
            gap = doc.text[c.end:p.start]
            if len(gap) <= 20 and re.search(r"(投资|投建|建设|打造|实施|开工|签约|的)", gap) and "，" not in gap \
                    and not any(o.cls == "Company" and c.end <= o.start < p.start for o in ms):
                yield Candidate(c.key, "develops", p.key, s.index, 0.6, "pattern")
                break


_ISSUE = re.compile(r"(印发|出台|制定|制订|发布|颁布|修订|出炉|推出)(了|的)?$")
_APPLY = re.compile(r"(贯彻落实|贯彻|落实|执行|依据|根据|按照|实施|施行|对照|遵照)(好|了)?$")


@component("relation-rule", "policies")
def policies(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """Who issued or applies a policy document: <body>印发/出台/制定《…》 gives issuedBy (a place that
    制定 one implements it: a place is no issuing body); <place or body>贯彻落实/依据《…》 gives implements."""
    doc, r, res, nested = ctx.doc, ctx.resolved, ctx.res, ctx.nested
    for p in (x for x in ms if x.cls == "PolicyDocument"):
        cs = _clause_start(doc, s, p.start)
        lead = doc.text[max(s.start, p.start - 12):p.start]
        issue, apply = _ISSUE.search(lead), _APPLY.search(lead)
        if not (issue or apply):
            continue
        verb_at = p.start - len((issue or apply).group(0))
        actors = [x for x in ms if x.cls in ACTORS and x.end <= verb_at and x.start >= cs
                  and not LOCATIVE_BEFORE.search(doc.text[max(s.start, x.start - 2):x.start])]
        subject = not actors
        if subject:
            actors = [x for x in ms if x.cls in ACTORS and x.end <= verb_at and _is_subject(doc, s, x)]
        if not actors:
            continue
        who = actors[-1]
        gap = doc.text[who.end:verb_at]
        if (len(gap) > 20 and not subject) or re.search(r"[。；]", gap):
            continue
        conf = 0.75 if len(gap) <= 6 else 0.6
        if issue and who.cls == "GovernmentBody":
            yield Candidate(p.key, "issuedBy", who.key, s.index, conf, "issued-by")
        else:
            yield Candidate(who.key, "implements", p.key, s.index, conf, "applies-document")


_PILOT = re.compile(r"作为([^，。；,;]{0,40}?)(试点|示范|样板)")
_QUOTED = re.compile(r"“([^“”]{2,20})”")


@component("relation-rule", "pilots")
def pilots(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """作为全省“企呼我应”…试点，湖州市以… / 磐安县作为全国首个…试点: the pilot carries the programme out
    (a place or body implements it, a company takes part), and so does the place that chose it
    (浙江省…, 全省 = the document's province)."""
    doc, r, res, nested = ctx.doc, ctx.resolved, ctx.res, ctx.nested
    text = doc.text
    for mm in _PILOT.finditer(text, s.start, s.end):
        a, b = mm.start(1), mm.end(1)
        progs = [x for x in ms if x.cls == "Programme" and a <= x.start and x.end <= b + len(mm.group(2))]
        if not progs:
            # 作为全省“企呼我应”涉企问题…机制试点: a quoted name the document gives a programme elsewhere
            known = {n: e.key for e in r.entities if e.cls == "Programme" for n in (e.label, *e.aliases)}
            progs = [M(Mention(q.group(1), q.start(), q.end(), "Programme", s.index, "context"), known[q.group(1)])
                     for q in _QUOTED.finditer(text, a, b) if q.group(1) in known]
        if not progs:
            continue
        # the pilot: the name right before 作为, or the subject of the clauses after the frame
        who = [x for x in ms if x.end <= mm.start() and mm.start() - x.end <= 1 and x.cls in ACTORS + PARTICIPANTS
               and _clause_start(doc, s, x.start) == _clause_start(doc, s, mm.start())]
        if not who:
            cs = _clause_start(doc, s, mm.start())
            if cs != mm.start() and not re.fullmatch(r"[^\u4e00-\u9fff]*(此外|同时|近年来|目前)?", text[cs:mm.start()]):
                continue
            after = [x for x in ms if x.start >= mm.end() and x.cls in ACTORS + PARTICIPANTS and _is_subject(doc, s, x)]
            who = [x for x in after[:1] if not re.search(r"[。；]", text[mm.end():x.start]) and x.start - mm.end() <= 12]
        frame = [x for x in ms if x.cls == "Locality" and a <= x.start and x.end <= progs[0].start]
        if not frame and text.startswith("全省", a):
            frame = [M(Mention(e.label, a, a + 2, e.cls, s.index, "context"), e.key) for e in r.entities
                     if e.cls == "Locality" and r.place.province and e.label in (r.place.province, _short_province(r.place.province))][:1]
        for p in progs:
            for x in who:
                pred = "implements" if x.cls in ACTORS else "participatesIn"
                yield Candidate(x.key, pred, p.key, s.index, 0.65, "pilot")
            for x in frame:
                yield Candidate(x.key, "implements", p.key, s.index, 0.55, "pilot")


def _short_province(name: str) -> str:
    return re.sub(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$", "", name)

