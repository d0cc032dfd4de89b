"""Typed relations and posts, each with the sentence it was read from; co-occurrence counts.

Each rule is a small function over one sentence's entity mentions (or the document's names)
yielding candidate facts; `relate` runs them all and keeps the best evidence per fact.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Iterator

from kg.extract.divisions import divisions
from kg.extract.resolve import _LEVEL_WORD, Resolved, _body, _level_place, division_of
from kg.extract.resources import Resources
from kg.records import Document, Evidence, Mention, Post, Relation, Sentence

ACTORS = ("Locality", "GovernmentBody")
PARTICIPANTS = ("Company", "Organization", "Person")
SITED = ("Company", "GovernmentBody", "Organization", "Project")


@dataclass(frozen=True)
class M:
    """A mention with its entity key, as the rules see it."""
    m: Mention
    key: str

    @property
    def cls(self) -> str:
        return self.m.cls

    @property
    def start(self) -> int:
        return self.m.start

    @property
    def end(self) -> int:
        return self.m.end


@dataclass(frozen=True)
class Candidate:
    subject: str
    predicate: str
    object: str
    sentence: int
    confidence: float
    rule: str


def _between(doc: Document, a: M, b: M) -> str:
    return doc.text[a.end:b.start]


def _clause_start(doc: Document, s: Sentence, pos: int) -> int:
    i = max(doc.text.rfind(c, s.start, pos) for c in "，；：,")
    return i + 1 if i >= 0 else s.start


LOCATIVE_BEFORE = re.compile(r"(在|位于|于|从|到|来自|赴|至|与)$")


def _is_subject(doc: Document, s: Sentence, x: M) -> bool:
    """Does this mention open its clause as its subject (嵊州还…, 黄泽镇将…), not a locative (在嵊州…)?"""
    cs = _clause_start(doc, s, x.start)
    lead = doc.text[cs:x.start]
    return len(lead) <= 4 and not LOCATIVE_BEFORE.search(lead) and "的" not in lead


# ---- rules ---------------------------------------------------------------------------------

def names(doc: Document, s: Sentence, ms: list[M], r: Resolved, res: Resources, nested: dict) -> Iterator[Candidate]:
    """Facts a name states by itself: 嵊州市人社局 locatedIn 嵊州市, 比亚迪…项目 developed by 比亚迪."""
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


def _place_key(name: str, ms: list[M], r: Resolved) -> str | None:
    """The document's Locality entity a place name (full or short) refers to."""
    for e in r.entities:
        if e.cls == "Locality" and (e.label == name or name in e.aliases):
            return e.key
    return None


def adjacent(doc: Document, s: Sentence, ms: list[M], r: Resolved, res: Resources, nested: dict) -> Iterator[Candidate]:
    """A place written right before another name: 嵊州市剡湖街道, 剡湖街道贝达药业…项目, 黄泽镇星耀纺机."""
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


def _last_zone(r: Resolved, head: str, pos: int, window: int = 1200) -> str | None:
    """The zone a bare 园区 refers to: the last one named in the preceding text."""
    best = None
    for m, key in r.mentions:
        if m.cls == "Locality" and m.end <= pos and pos - m.end <= window and key.endswith(head):
            if best is None or m.end > best[0]:
                best = (m.end, key)
    return best[1] if best else None


def _after_locative(doc: Document, s: Sentence, a: M, ms: list[M]) -> bool:
    """Is `a` (or the chain of places it ends: 嵊州市剡湖街道) introduced by 位于 or 在?"""
    start = a.start
    for x in reversed([x for x in ms if x.cls == "Locality" and x.end <= a.start]):
        if x.end == start:
            start = x.start
    return doc.text[max(s.start, start - 2):start].endswith(("位于", "在"))


_SETTLE = re.compile(r"(落户|入驻|落地|坐落于|坐落在|扎根|布局|新厂房|投产|开工)")


def sited(doc: Document, s: Sentence, ms: list[M], r: Resolved, res: Resources, nested: dict) -> Iterator[Candidate]:
    """在嵊州市三界镇，X公司…; …项目落户嵊州; 园区拥有A、B等企业 (the zone the paragraph is about)."""
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


def acts(doc: Document, s: Sentence, ms: list[M], r: Resolved, res: Resources, nested: dict) -> Iterator[Candidate]:
    """Who carries out a programme: the clause's or sentence's subject (a place or body implements,
    a company, organisation or person participates)."""
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


def nests(doc: Document, s: Sentence, ms: list[M], r: Resolved, res: Resources, nested: dict) -> Iterator[Candidate]:
    """Programmes within programmes: 以A牵引B, A是B的抓手, 升级版“A” after B, B——A系列赛."""
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


def companies(doc: Document, s: Sentence, ms: list[M], r: Resolved, res: Resources, nested: dict) -> Iterator[Candidate]:
    """Parents and projects: A的母公司B, B旗下A, A是B的子公司; A投资/建设…项目."""
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


def policies(doc: Document, s: Sentence, ms: list[M], r: Resolved, res: Resources, nested: dict) -> Iterator[Candidate]:
    """Who issued or applies a policy document: <body>印发/出台/制定《…》 gives issuedBy (a place that
    制定 one implements it: a place is no issuing body); <place or body>贯彻落实/依据《…》 gives implements."""
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


def pilots(doc: Document, s: Sentence, ms: list[M], r: Resolved, res: Resources, nested: dict) -> Iterator[Candidate]:
    """作为全省“企呼我应”…试点，湖州市以… / 磐安县作为全国首个…试点: the pilot carries the programme out
    (a place or body implements it, a company takes part), and so does the place that chose it
    (浙江省…, 全省 = the document's province)."""
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


RULES = (names, adjacent, sited, acts, nests, companies, policies, pilots)


# ---- posts ---------------------------------------------------------------------------------

_TITLE_LEAD = re.compile(r"(相关|常务|主要)?")
_TITLE_BODY = re.compile(r"(党委|党工委|政府|办公室|支部|[\u4e00-\u9fff]{1,6}?(?:科|处|室|股|所|队|组))")


def _titles_at(text: str, pos: int, res: Resources) -> int:
    """End of a run of titles starting at pos (党委副书记、镇长), or pos when none."""
    end = pos
    i = pos
    while True:
        m = _TITLE_LEAD.match(text, i)   # match at i, never text[i:]: slicing made long documents quadratic
        j = i + (len(m.group(0)) if m else 0)
        t = next((t for t in res.titles if text.startswith(t, j)), None)
        if t is None:
            # 党委|副书记: a body word followed by a title
            # 发展科|科长, 防汛抗旱处|处长: a section of the body, then its title
            pre = _TITLE_BODY.match(text, j)
            if pre:
                t2 = next((t for t in res.titles if text.startswith(t, j + len(pre.group(0)))), None)
                if t2:
                    t = pre.group(0) + t2
            if t is None:
                return end
        end = j + len(t)
        if text[end:end + 1] in ("、", "兼"):
            i = end + 1
            continue
        return end


def posts(doc: Document, sentences: list[Sentence], r: Resolved, res: Resources,
          by_sentence: dict[int, list[M]]) -> list[Post]:
    text = doc.text
    out: list[Post] = []
    for si, ms in by_sentence.items():
        s = sentences[si]
        people = [x for x in ms if x.cls == "Person"]
        for p in people:
            # backwards: <org><titles><person>
            orgs = [x for x in ms if x.cls in ("GovernmentBody", "Company", "Organization", "Locality") and x.end <= p.start
                    and p.start - x.end <= 16]
            title_span = None
            org = None
            for o in reversed(orgs):
                t0 = o.end + 1 if text[o.end:o.end + 1] == "的" else o.end     # 工坊的创办人李华英
                end = _titles_at(text, t0, res)
                if end > t0 and end == p.start:
                    org, title_span = o, (t0, end)
                    break
            if org is None:
                # <titles><person> with the sentence's company or body as the organisation: 负责人王肇锋,
                # 吉尔吉斯斯坦籍调解员米卡
                for k in range(max(s.start, p.start - 12), p.start):
                    end = _titles_at(text, k, res)
                    if end != p.start or end == k:
                        continue
                    cands = [x for x in ms if x.cls in ("Company", "GovernmentBody", "Organization") and x.end <= k]
                    if k == s.start or not re.match(r"[\u4e00-\u9fff]", text[k - 1]) or text[k - 1] in "，的、籍":
                        if cands:
                            org, title_span = cands[-1], (k, end)
                        break
                    # 在外调委副主任周垚忠: a short form of a body the sentence named in full
                    short = next((text[j:k] for j in range(max(s.start, k - 5), k - 1)
                                  if re.fullmatch(r"[\u4e00-\u9fff]+", text[j:k])
                                  and any(_short_of(text[j:k], x) for x in cands)), None)
                    if short:
                        org, title_span = next(x for x in cands if _short_of(short, x)), (k, end)
                        break
                    # 企业负责人陈威说: the company the text named last
                    lead = re.search(r"(?:^|[^\u4e00-\u9fff]|[，、])((?:该|这家|此)?(?:企业|公司))$", text[max(s.start, k - 5):k])
                    if lead or (k - s.start in (2, 3) and re.fullmatch(r"(该|这家|此)?(企业|公司)", text[s.start:k])):
                        near = [(m.end, key) for m, key in r.mentions if m.cls == "Company" and m.end <= k and k - m.end <= 300]
                        if near:
                            key = max(near)[1]
                            org, title_span = M(Mention(key.split("/", 1)[1], k, k, "Company", s.index, "context"), key), (k, end)
                    break
            if org is None:
                # title after the name: 孟超峰（下王镇镇长）, 金晓明，浙江省委改革办常务副主任，
                after = [x for x in ms if x.cls in ("GovernmentBody", "Company", "Organization", "Locality")
                         and x.start in (p.end + 1,) and text[p.end] in "（(，,"]
                if after:
                    o = after[0]
                    end = _titles_at(text, o.end, res)
                    close = text[end:end + 1]
                    if end > o.end and (close in "）)" if text[p.end] in "（(" else close in "，,。；"):
                        org, title_span = o, (o.end, end)
            if org is None:
                org, title_span = _level_post(doc, s, p, r, res)
            if org is None:
                continue
            title = text[title_span[0]:title_span[1]]
            org_key = org.key
            # 下王镇党委 + 副书记 → the post is the town's: 党委副书记 in 下王镇
            body = org.key.split("/", 1)[1]
            lead = re.match(r"^(.+?(?:镇|乡|街道|县|市|区|省|村))(党委|党工委|政府|人民政府)$", body)
            if org.cls == "GovernmentBody" and lead:
                locs = [x.key for x in ms if x.cls == "Locality" and x.key.split("/", 1)[1] == lead.group(1)]
                inner = [k for k, c in r_nested(r).get(org.key, ()) if c == "Locality"]
                target = (locs or inner or [None])[0]
                if target:
                    org_key = target
                    title = lead.group(2) + title
            if title.startswith("相关"):
                if org.cls != "Company":
                    continue      # 有关部门相关负责人: no one body
                title = title[2:]
            out.append(Post(p.key, title, org_key, Evidence(doc.id, s.text, s.start, s.end, 0.75, "title-before-name")))
    # bylines: ■金晓明 followed by a line <body><title>
    for si, s in enumerate(sentences):
        if not s.text.startswith("■"):
            continue
        people = [x for x in by_sentence.get(si, []) if x.cls == "Person"]
        # ■ 詹敏 浙江省经信厅党组书记、厅长 (or ■ 詹敏 / …): the title on the byline's own line
        same = [x for x in by_sentence.get(si, []) if len(people) == 1 and x.start > people[0].end
                and x.cls in ("GovernmentBody", "Company", "Organization", "Locality")
                and re.fullmatch(r"\s*[/／|]?\s*", text[people[0].end:x.start]) and x.start > people[0].end]
        if same:
            o = same[0]
            end = _titles_at(text, o.end, res)
            if end > o.end and not text[end:s.end].strip("。 \n"):
                out.append(Post(people[0].key, text[o.end:end], o.key,
                                Evidence(doc.id, s.text, s.start, s.end, 0.7, "byline")))
                continue
        if si + 1 >= len(sentences):
            continue
        nxt = sentences[si + 1]
        nms = by_sentence.get(si + 1, [])
        if len(people) != 1 or not nms or nxt.paragraph == s.paragraph:
            continue
        o = nms[0]
        if o.start != nxt.start or o.cls not in ("GovernmentBody", "Company", "Organization", "Locality"):
            continue
        end = _titles_at(text, o.end, res)
        if end > o.end and end >= nxt.end - 1:
            out.append(Post(people[0].key, text[o.end:end], o.key,
                            Evidence(doc.id, text[s.start:nxt.end], s.start, nxt.end, 0.7, "byline")))
    return out


def _short_of(short: str, x: M) -> bool:
    """Is `short` (外调委) a short form of the body `x` names (义乌市涉外纠纷人民调解委员会)? Its characters
    appear in order in the name, it ends like the name's head and is much shorter."""
    full = x.key.split("/", 1)[1].split("@")[0]
    it = iter(full)
    return (len(short) >= 3 and len(full) >= len(short) + 4 and short[-1] in "委办会院局所站"
            and short[-1] in full[-4:] and all(ch in it for ch in short) and not full.startswith(short))


_LEVEL_HEAD = re.compile(r"(省|市|县|区|镇|乡)(委|政府|党委|人大常委会|政协)?")


def _level_post(doc: Document, s: Sentence, p: M, r: Resolved, res: Resources) -> tuple[M | None, tuple[int, int] | None]:
    """县长王琴英, 县委书记项乐民 with no body named: 县长 holds a post in the document's county,
    县委书记 in the document's 县委 (中共X县委, or its document-local 县委)."""
    text = doc.text
    for k in range(max(s.start, p.start - 12), p.start):
        if k > s.start and re.match(r"[\u4e00-\u9fff]", text[k - 1]) and text[k - 1] not in "的、和及与":
            continue
        mm = _LEVEL_HEAD.match(text, k + (text[k] == "副"))
        if not mm:
            continue
        level, body = mm.group(1), mm.group(2)
        if body:
            end = _titles_at(text, mm.end(), res)
            if end != p.start or end == mm.end():
                continue
            short = level + body
            owner = _level_place(level, r.place)
            names = {short, _body(short, r.place, res)[0]} | ({owner + body, "中共" + owner + body} if owner else set())
            target = next((e for e in r.entities if e.cls == "GovernmentBody"
                           and (e.label in names or short in e.aliases)), None)
            span = (mm.end(), end)
        else:
            if text[k:p.start] not in (level + "长", "副" + level + "长", "常务副" + level + "长"):
                continue
            name = {"省": r.place.province, "市": r.place.county if (r.place.county or "").endswith("市") else r.place.city,
                    "县": r.place.county, "区": r.place.county}.get(level)
            target = next((e for e in r.entities if e.cls == "Locality" and name and e.label == name), None)
            span = (k, p.start)
        if target is None:
            return None, None
        return M(Mention(target.label, k, k, target.cls, s.index, "context"), target.key), span
    return None, None


def r_nested(r: Resolved) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for outer, inner, m in r.nested:
        out.setdefault(outer, []).append((inner, m.cls))
    return out


# ---- driver --------------------------------------------------------------------------------

def relate(doc: Document, sentences: list[Sentence], r: Resolved, res: Resources, pipeline=None,
           ) -> tuple[list[Relation], list[Post], list[tuple[str, str, int]]]:
    nested_mentions = {id(m) for _, _, m in r.nested}
    by_sentence: dict[int, list[M]] = {}
    for m, key in r.mentions:
        if id(m) in nested_mentions:
            continue
        by_sentence.setdefault(m.sentence, []).append(M(m, key))
    for ms in by_sentence.values():
        ms.sort(key=lambda x: (x.start, x.end))
    nested = r_nested(r)
    best: dict[tuple[str, str, str], Candidate] = {}
    for si, ms in sorted(by_sentence.items()):
        s = sentences[si]
        for rule in RULES:
            for c in rule(doc, s, ms, r, res, nested):
                if c.subject == c.object:
                    continue
                k = (c.subject, c.predicate, c.object)
                if k not in best or c.confidence > best[k].confidence:
                    best[k] = c
    for c in hierarchy(doc, sentences, r, by_sentence):
        k = (c.subject, c.predicate, c.object)
        if k not in best and not _implied(best, c):
            best[k] = c
    for c in enumerations(doc, sentences, by_sentence):
        k = (c.subject, c.predicate, c.object)
        if k not in best and (c.object, c.predicate, c.subject) not in best:
            best[k] = c
    for c in topic_subjects(doc, sentences, r, res, by_sentence, best):
        k = (c.subject, c.predicate, c.object)
        if k not in best:
            best[k] = c
    for c in list_siblings(doc, by_sentence, best):
        k = (c.subject, c.predicate, c.object)
        if k not in best:
            best[k] = c
    best = prune(best)
    relations = []
    for (sk, p, ok), c in sorted(best.items()):
        s = sentences[c.sentence]
        relations.append(Relation(sk, p, ok, Evidence(doc.id, s.text, s.start, s.end, c.confidence, c.rule)))
    post_list = posts(doc, sentences, r, res, by_sentence)
    cooc: Counter[tuple[str, str]] = Counter()
    for ms in by_sentence.values():
        for a, b in combinations(sorted({x.key for x in ms}), 2):
            cooc[(a, b)] += 1
    return relations, post_list, sorted((a, b, w) for (a, b), w in cooc.items())


# what may stand between two items of one list: 、和及与 (a hotline's number or a code may open the next item)
_LIST_GAP = re.compile(r"\s*(?:、|和|及|与|以及)\s*[0-9A-Za-z]{0,6}\s*")


def list_siblings(doc: Document, by_sentence: dict[int, list[M]], best: dict) -> Iterator[Candidate]:
    """整合“四下基层”、“亲清直通车”、12345“湖商通”专线等: an actor that carries out one item of a list of
    programmes carries out the items listed with it in that sentence (confidence a little lower,
    rule "list")."""
    runs: dict[tuple[int, str], list[str]] = {}       # (sentence, programme key) -> the keys of its list
    for si, ms in by_sentence.items():
        progs = [x for x in ms if x.cls == "Programme"]
        run: list[M] = []
        for x in progs + [None]:
            if x is not None and run and _LIST_GAP.fullmatch(doc.text[run[-1].end:x.start]):
                run.append(x)
                continue
            if len(run) > 1:
                keys = [y.key for y in run]
                for y in run:
                    runs[(si, y.key)] = keys
            run = [x] if x is not None else []
    for c in sorted(best.values(), key=lambda c: (c.sentence, c.subject, c.object)):
        if c.predicate not in ("implements", "participatesIn") or (c.sentence, c.object) not in runs:
            continue
        for k in runs[(c.sentence, c.object)]:
            if k != c.object and k != c.subject:
                yield Candidate(c.subject, c.predicate, k, c.sentence, round(c.confidence * 0.9, 3), "list")


def topic_subjects(doc: Document, sentences: list[Sentence], r: Resolved, res: Resources,
                   by_sentence: dict[int, list[M]], best: dict) -> Iterator[Candidate]:
    """Magazine prose drops the subject: 深入实施“415X”先进制造业集群培育工程… under a department head's
    byline, or a paragraph after 湖州… . A programme no rule gave an actor is carried out by the
    article's topic: the place that last opened a sentence as its subject in the last paragraphs, and the
    body of the byline above it (lower confidence, rule "topic-subject")."""
    d = divisions()
    # a place in the programme's own name (“浙江数商”) says nothing about who carries it out in this sentence
    done = {(c.object, c.sentence) for c in best.values() if c.predicate in ("implements", "participatesIn")
            and c.rule != "name"}
    verbs = "|".join(map(re.escape, res.programme_verbs + ("实施", "推进", "构建", "打造", "创设", "开展", "举办",
                                                          "推出", "建立", "深化", "迭代", "启动")))
    opener = r"(?:[^，。；的在]{0,6}?)(?:" + verbs + r")[^，。；的]{0,6}"
    verb_first = r"(?:[^，。；的在省市县区镇村]{0,3}?)(?:" + verbs + "|" + "|".join(map(re.escape, res.clause_openers)) \
        + r")[^，。；的]{0,8}"
    local = r"当地(?:[^，。；的]{0,3}?)(?:" + verbs + "|" + "|".join(map(re.escape, res.clause_openers)) + r")[^，。；的]{0,8}"
    connective = re.compile(r"(?:" + "|".join(map(re.escape, res.connectives)) + r")[，,]")
    topic: tuple[int, M, str] | None = None   # (paragraph, place, its level) of the last place subject
    subject: tuple[int, M] | None = None      # (paragraph, place or body) that last opened a sentence
    author: M | None = None
    for si in range(len(sentences)):
        s = sentences[si]
        ms = by_sentence.get(si, [])
        if s.text.startswith("■"):
            author, topic, subject = None, None, None       # a new signed article
        if author is None and si > 0 and sentences[si - 1].text.startswith("■") and ms and ms[0].start == s.start \
                and ms[0].cls == "GovernmentBody":
            author = ms[0]
        actors = [x for x in ms if x.cls in ACTORS + PARTICIPANTS]
        lead = connective.match(doc.text, s.start)
        first = doc.text[lead.end() if lead else s.start:s.end]
        subjectless = any(first.startswith(w) for w in res.clause_openers + res.programme_verbs)
        free = [x for x in ms if x.cls == "Programme" and (x.key, si) not in done]
        if author is not None and free and not any(x.end <= free[0].start for x in actors):
            label = author.key.split("/", 1)[1]
            home = max((e for e in r.entities if e.cls == "Locality" and label.startswith(e.label)
                        and len(label) > len(e.label) + 1), key=lambda e: len(e.label), default=None)
            for p in free:      # a signed article is its author's body's plan, and its place's
                yield Candidate(author.key, "implements", p.key, si, 0.45, "topic-subject")
                if home is not None:
                    yield Candidate(home.key, "implements", p.key, si, 0.4, "topic-subject")
        # the topic only for a clause that opens with its verb (实施“…”行动, 构建…体系): the sentence's first
        # clause, or any clause of a sentence that opens with no subject (推动…，深化…“一件事”改革) and
        # names no actor
        progs = [x for x in free if not any(a.end <= x.start or _is_subject(doc, s, a) for a in actors)
                 and (_clause_start(doc, s, x.start) == s.start and re.fullmatch(opener, doc.text[s.start:x.start])
                      or subjectless and re.fullmatch(verb_first, doc.text[_clause_start(doc, s, x.start):x.start])
                      or re.fullmatch(local, doc.text[_clause_start(doc, s, x.start):x.start]))]
        for p in progs:
            who = subject[1].key if subject is not None and s.paragraph - subject[0] <= 3 else None
            if "当地" in doc.text[_clause_start(doc, s, p.start):p.start]:
                # 当地着手打造“…”: the place named last, not the section's topic
                near = [(m.end, k) for m, k in r.mentions if m.cls == "Locality" and m.end <= p.start
                        and p.start - m.end <= 400]
                who = max(near)[1] if near else None
            if who is not None and who != p.key:
                yield Candidate(who, "implements", p.key, si, 0.45, "topic-subject")
        if topic and s.paragraph - topic[0] <= 3 and topic[2] != "province" \
                and not any(x.cls == "Locality" and x.key != topic[1].key for x in ms):
            # companies and institutes of a section about a city, not sited by any other rule: in that city
            for x in ms:
                if x.cls in ("Company", "Organization") and not any(k[0] == x.key and k[1] == "locatedIn" for k in best) \
                        and x.key.split("/", 1)[1] not in res.known and not _LEVEL_WORD.match(x.key.split("/", 1)[1]):
                    # (省环科院 names its level: the province's, not the city's)
                    yield Candidate(x.key, "locatedIn", topic[1].key, si, 0.4, "topic-place")
        for x in ms:
            if _is_subject(doc, s, x) and x.start - s.start <= 4:
                i = division_of(x.key.split("/", 1)[1].split("@")[0], r.place, d) if x.cls == "Locality" else None
                if i is not None and d.items[i].level in ("province", "prefecture", "county"):
                    topic = (s.paragraph, x, d.items[i].level)
                    subject = (s.paragraph, x)
                elif x.cls == "GovernmentBody" and not re.match(r"(国家|中央|中共中央|国务院|全国)", x.key.split("/", 1)[1]):
                    subject = (s.paragraph, x)     # 浙江法院将…。创设…机制: a local body is the topic too
                elif x.cls in PARTICIPANTS:
                    subject = None                 # a company's or person's paragraph: not the place's acts
            break


_NEW_PART = re.compile(r"(举办|打造|构建|培育|建设|推出|开展|实施|创建|建立|谋划|创设)[^，。；、]{0,4}$")


def enumerations(doc: Document, sentences: list[Sentence], by_sentence: dict[int, list[M]]) -> Iterator[Candidate]:
    """A plan's sections: a paragraph that opens 实施“优化产业体系行动”， heads the paragraphs after it up to
    the next heading; the programmes they launch (举办“十链百场万企”活动, 打造…品牌) are its parts.
    Programmes they only promote or deepen (打响…品牌, 深化…改革) are not (rule "enumeration")."""
    head: M | None = None
    first: dict[int, int] = {}
    for si, s in enumerate(sentences):
        first.setdefault(s.paragraph, si)
    for si, s in enumerate(sentences):
        ms = by_sentence.get(si, [])
        opening = first[s.paragraph] == si
        if opening and "。" not in s.text and "，" not in s.text and "," not in s.text and len(s.text) <= 24:
            head = None          # a section title line ends the previous section
        if opening:
            lead = [x for x in ms if x.cls == "Programme" and re.fullmatch(r"(实施|开展|推进|深入实施)", doc.text[s.start:x.start])]
            if lead:
                head = lead[0]
                continue
        if head is None:
            continue
        for x in ms:
            if x.cls == "Programme" and x.key != head.key and _NEW_PART.search(doc.text[max(s.start, x.start - 8):x.start]):
                yield Candidate(x.key, "subProgrammeOf", head.key, si, 0.45, "enumeration")


def prune(best: dict[tuple[str, str, str], Candidate]) -> dict[tuple[str, str, str], Candidate]:
    """Drop a place relation that a more specific one implies: X locatedIn 三界镇 makes X locatedIn 嵊州市
    redundant when 三界镇 partOf 嵊州市 is stated too (queries follow kg:partOf chains)."""
    parents: dict[str, set[str]] = {}
    for (s, p, o) in best:
        if p == "partOf":
            parents.setdefault(s, set()).add(o)

    def above(x: str) -> set[str]:
        seen: set[str] = set()
        todo = list(parents.get(x, ()))
        while todo:
            y = todo.pop()
            if y not in seen:
                seen.add(y)
                todo.extend(parents.get(y, ()))
        return seen
    out = {}
    for (s, p, o), c in best.items():
        if p in ("locatedIn", "partOf"):
            siblings = [o2 for (s2, p2, o2) in best if s2 == s and p2 == p and o2 != o]
            if any(o in above(o2) for o2 in siblings):
                continue
        out[(s, p, o)] = c
    return out


def _implied(best: dict, c: Candidate) -> bool:
    """Is child partOf parent already reachable through another stated partOf?"""
    seen = {c.subject}
    todo = [c.subject]
    while todo:
        x = todo.pop()
        for (s, p, o) in best:
            if s == x and p == "partOf" and o not in seen:
                if o == c.object:
                    return True
                seen.add(o)
                todo.append(o)
    return False


def hierarchy(doc: Document, sentences: list[Sentence], r: Resolved, by_sentence: dict[int, list[M]]) -> Iterator[Candidate]:
    """partOf from the official division list: each place to its nearest ancestor the document names."""
    d = divisions()
    places: dict[str, int] = {}
    for e in r.entities:
        if e.cls == "Locality":
            i = division_of(e.label, r.place, d)
            if i is not None:
                places[e.key] = i
    by_div = {i: k for k, i in places.items()}
    first_sentence: dict[str, int] = {}
    together: dict[tuple[str, str], int] = {}
    for si, ms in sorted(by_sentence.items()):
        keys = {x.key for x in ms}
        for k in keys:
            first_sentence.setdefault(k, si)
        for a in keys:
            for b in keys:
                together.setdefault((a, b), si)
    villages_of: dict[str, str] = {}
    for e in r.entities:
        if e.cls == "Locality" and e.key not in places:
            for town_key, ti in places.items():
                if d.items[ti].level == "township" and e.label in d.villages.get(ti, ()):
                    villages_of[e.key] = town_key
    # only where a sentence names both: the rest of the chain comes from the division list itself
    # (kg.extract.ground), with the list, not this document, as its evidence
    for k, i in sorted(places.items()):
        parent = next((by_div[a] for a in d.ancestors(i) if a in by_div), None)
        if parent is not None and (k, parent) in together:
            yield Candidate(k, "partOf", parent, together[(k, parent)], 0.9, "divisions")
    for k, town in sorted(villages_of.items()):
        if (k, town) in together:
            yield Candidate(k, "partOf", town, together[(k, town)], 0.85, "divisions")
