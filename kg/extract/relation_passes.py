"""Relation passes: document-wide candidates made after the rules have read every sentence.

Every pass is a `relation-pass` component (kg.extract.registry), `(ctx, best) -> Iterator[Candidate]`,
registered with its keep condition (`keep=`, one of `KEEP`): `kg.extract.relations.relate` runs the
passes a `Pipeline` names, in order, and keeps a candidate of a pass when that condition holds for the
facts kept so far (`best`, which grows as the pass yields). `prune` is no pass: it is the final step of
`relate`, after every pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from kg.extract.divisions import divisions
from kg.extract.registry import component
from kg.extract.relation_context import (ACTORS, PARTICIPANTS, Candidate, M, RelationContext, clause_start,
                                         document_place, is_subject, place_key, whole_key)
from kg.extract.relation_words import DE
from kg.extract.resolve import LEVEL_WORD, division_of
from kg.records import EntityKey, Mention, Sentence

Key = tuple[str, str, str]


@component("relation-pass", "hierarchy", data=("divisions",), keep="not-implied")
def hierarchy(ctx: RelationContext, best: dict[Key, Candidate]) -> Iterator[Candidate]:
    """partOf from the official division list: each place to its nearest ancestor the document names,
    where a sentence names both (kept when no stated partOf chain implies it already); zones that name no
    place in the county or city the document is about; a group's projects through its subsidiaries.

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("嵊州市和绍兴市召开会议。", pipeline=rules_only(passes=("hierarchy",)))
    >>> [(x.subject, x.predicate, x.object, x.evidence.rule) for x in g.relations]
    [('Locality/嵊州市', 'partOf', 'Locality/绍兴市', 'divisions')]
    """
    r, d = ctx.resolved, divisions()
    places = division_index(ctx)
    by_div = {i: k for k, i in places.items()}
    together: dict[tuple[str, str], int] = {}     # two keys → the first sentence that names both
    for si, ms in sorted(ctx.by_sentence.items()):
        keys = {x.key for x in ms}
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
    # (kg.graph.ground), with the list, not this document, as its evidence
    for k, i in sorted(places.items()):
        parent = next((by_div[a] for a in d.ancestors(i) if a in by_div), None)
        if parent is not None and (k, parent) in together:
            yield Candidate(k, "partOf", parent, together[(k, parent)], 0.9, "divisions")
    for k, town in sorted(villages_of.items()):
        if (k, town) in together:
            yield Candidate(k, "partOf", town, together[(k, town)], 0.85, "divisions")
    yield from _unplaced_zones(ctx, best, places)
    yield from _group_projects(best)


def _group_projects(best: dict[Key, Candidate]) -> Iterator[Candidate]:
    """A group develops the projects of its subsidiaries (X集团旗下的Y公司将建设Z项目: X develops Z too;
    rule "group-develops", read from the sentence that names Y's project).

    >>> from kg.extract import extract_text
    >>> t = "北京甲乙投资集团有限公司旗下的丙丁科技有限公司，将在天津滨海高新区建设年产10万台智能终端项目。"
    >>> g = extract_text(t)
    >>> sorted(x.subject for x in g.relations if x.predicate == "develops")
    ['Company/丙丁科技有限公司', 'Company/北京甲乙投资集团有限公司']
    """
    parents = [(c, p) for (c, pred, p) in best if pred == "subsidiaryOf" and c != p]
    for child, parent in parents:
        for (sub, pred, obj), cand in list(best.items()):
            if sub == child and pred == "develops":
                yield Candidate(parent, "develops", obj, cand.sentence, 0.5, "group-develops")


def _unplaced_zones(ctx: RelationContext, best: dict[Key, Candidate], places: dict[str, int]) -> Iterator[Candidate]:
    """A zone whose name holds no place (艇湖科技城, 沿海工业城) and that no rule placed is part of the county or
    city the document is about (rule "document-zone"); in a province's news it stays unplaced.

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("嵊州市召开会议。嵊州市将加快推进艇湖科技城建设。", pipeline=rules_only(passes=("hierarchy",)))
    >>> [(x.subject, x.object, x.evidence.rule) for x in g.relations if x.subject.endswith("城")]
    [('Locality/艇湖科技城', 'Locality/嵊州市', 'document-zone')]
    """
    home = document_place(ctx)
    d = divisions()
    if home is None or home not in places or d.items[places[home]].level not in ("prefecture", "county"):
        return
    placed = {k[0] for k in best if k[1] == "partOf"}
    first: dict[str, int] = {}
    for m, k in ctx.resolved.mentions:
        first.setdefault(k, m.sentence)
    for e in ctx.resolved.entities:
        if e.cls == "Locality" and e.key not in places and e.key not in placed and e.key in first \
                and e.label.endswith(ctx.res.zone_suffixes) and e.label not in ctx.res.generic_places:
            yield Candidate(e.key, "partOf", home, first[e.key], 0.5, "document-zone")


@component("relation-pass", "enumerations", data=("lexicon/programme_verb_uses.txt",), keep="not-reversed")
def enumerations(ctx: RelationContext, best: dict[Key, Candidate]) -> Iterator[Candidate]:
    """A plan's sections: a paragraph that opens 实施“优化产业体系行动”， heads the paragraphs after it up to
    the next heading; the programmes they launch (举办“十链百场万企”活动, 打造…品牌) are its parts.
    Programmes they only promote or deepen (打响…品牌, 深化…改革) are not (rule "enumeration"; kept
    when not stated the other way round).

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("实施“产业提升行动”，推动发展。\\n\\n举办“百场万企”活动。", pipeline=rules_only(passes=("enumerations",)))
    >>> [(x.subject, x.predicate, x.object) for x in g.relations]
    [('Programme/百场万企', 'subProgrammeOf', 'Programme/产业提升行动')]
    """
    doc, c = ctx.doc, ctx.cues
    head: M | None = None
    first: dict[int, int] = {}
    for si, s in enumerate(ctx.sentences):
        first.setdefault(s.paragraph, si)
    for si, s in enumerate(ctx.sentences):
        ms = ctx.by_sentence.get(si, [])
        opening = first[s.paragraph] == si
        if opening and "。" not in s.text and "，" not in s.text and "," not in s.text and len(s.text) <= 24:
            head = None          # a section title line ends the previous section
        if opening:
            lead = [x for x in ms if x.cls == "Programme" and c.heading.fullmatch(doc.text[s.start:x.start])]
            if lead:
                head = lead[0]
                continue
        if head is None:
            continue
        for x in ms:
            if x.cls == "Programme" and x.key != head.key and c.launch.search(doc.text[max(s.start, x.start - 8):x.start]):
                yield Candidate(x.key, "subProgrammeOf", head.key, si, 0.45, "enumeration")


@dataclass
class _Topic:
    """What topic_subjects carries from sentence to sentence."""
    place: tuple[int, M, str] | None = None     # (paragraph, place, its level) of the last place subject
    subject: tuple[int, M] | None = None        # (paragraph, place or body) that last opened a sentence
    author: M | None = None                     # the body of the signed article's byline
    home: str | None = None                     # the place the document is about (document_place)
    home_seen: int = -99                        # the paragraph that last named it
    acting: frozenset[tuple[str, int]] = frozenset()    # (place, sentence): a programme carried out by its own clause
    author_at: int = 0                          # the sentence of the byline's body
    bylines: tuple[int, ...] = ()               # the sentences that open a signed article (■ …, a name line)
    home_acts: bool | None = None               # does the author's place act in the article (None: not yet known)


@dataclass(frozen=True)
class _TopicPatterns:
    opener: re.Pattern        # the sentence's first clause opens with a programme verb (实施“…”行动)
    verb_first: re.Pattern    # a clause of a subject-less sentence opens with a verb (推动…，深化…)
    local: re.Pattern         # 当地着手打造“…”
    connective: re.Pattern    # 同时，… : the sentence is read after it
    openers: tuple[str, ...]  # the clause openers and programme verbs a subject-less sentence opens with


def _topic_patterns(ctx: RelationContext) -> _TopicPatterns:
    res, c = ctx.res, ctx.cues
    verbs = "|".join(map(re.escape, res.programme_verbs + c.topic_verbs))
    openers = "|".join(map(re.escape, res.clause_openers))
    rest = "[^，。；" + DE + "]"
    return _TopicPatterns(
        opener=re.compile("(?:" + c.opener_class + "{0,6}?)(?:" + verbs + ")" + rest + "{0,6}"),
        verb_first=re.compile("(?:" + c.verb_first_class + "{0,3}?)(?:" + verbs + "|" + openers + ")" + rest + "{0,8}"),
        local=re.compile(c.local + "(?:" + rest + "{0,3}?)(?:" + verbs + "|" + openers + ")" + rest + "{0,8}"),
        connective=re.compile(r"(?:" + "|".join(map(re.escape, res.connectives)) + r")[，,]"),
        openers=res.clause_openers + res.programme_verbs,
    )


_OWN_CLAUSE = ("subject-verb", "whole-place", "carried-subject", "framed-subject")


@component("relation-pass", "topic-subjects", keep="new",
           data=("lexicon/programme_verbs.txt", "lexicon/programme_verb_uses.txt", "lexicon/clause_openers.txt",
                 "lexicon/place_anaphora.txt", "lexicon/level_words.txt", "lexicon/company_groups.txt",
                 "lexicon/region_words.txt", "lexicon/framing_words.txt"))
def topic_subjects(ctx: RelationContext, best: dict[Key, Candidate]) -> Iterator[Candidate]:
    """Magazine prose drops the subject: 深入实施“415X”先进制造业集群培育工程… under a department head's
    byline, or a paragraph after 湖州… . A programme no rule gave an actor is carried out by the
    article's topic: the place that last opened a sentence as its subject in the last paragraphs, and the
    body of the byline above it (lower confidence, rule "topic-subject"; kept when new).

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("嵊州市召开会议。深入实施“千万工程”。", pipeline=rules_only(passes=("topic-subjects",)))
    >>> [(x.subject, x.predicate, x.object, x.evidence.rule) for x in g.relations]
    [('Locality/嵊州市', 'implements', 'Programme/千万工程', 'topic-subject')]
    """
    # a place in the programme's own name (“浙江数商”) says nothing about who carries it out in this sentence
    done = {(c.object, c.sentence) for c in best.values() if c.predicate in ("implements", "participatesIn")
            and c.rule != "name"}
    pats = _topic_patterns(ctx)
    state = _Topic(home=document_place(ctx), acting=frozenset(
        (c.subject, c.sentence) for c in best.values() if c.predicate == "implements" and c.rule in _OWN_CLAUSE
        and c.confidence >= 0.6), bylines=tuple(
        i for i, s in enumerate(ctx.sentences) if s.text.startswith("■") or _name_line(ctx, i, s)))
    for si, s in enumerate(ctx.sentences):
        ms = ctx.by_sentence.get(si, [])
        _byline(ctx, si, s, ms, state)
        actors = [x for x in ms if x.cls in ACTORS + PARTICIPANTS]
        free = [x for x in ms if x.cls == "Programme" and (x.key, si) not in done]
        if any(x.key == state.home for x in ms):
            state.home_seen = s.paragraph
        yield from _authored(ctx, si, free, actors, state)
        yield from _topic_acts(ctx, si, s, free, actors, pats, state)
        yield from _topic_places(ctx, si, s, ms, best, state)
        _next_topic(ctx, s, ms, state)
    yield from _region_parties(ctx, best)
    yield from _part_actors(ctx, best)


def _part_actors(ctx: RelationContext, best: dict[Key, Candidate]) -> Iterator[Candidate]:
    """省工信厅负责人表示，将深入实施“万企融合”赋能行动…。作为“万企融合”赋能行动的重要内容，“云上贵州·企业上云”
    专项行动今年计划…: a programme no rule gave an actor, part of a programme that an actor carries out in the
    same paragraph, is carried out by that actor (rule "part-actor").

    >>> from kg.extract import extract_text
    >>> t = "贵州省工信厅将深入实施“万企融合”赋能行动。作为“万企融合”赋能行动的重要内容，“云上贵州”专项行动今年计划新增上云企业。"
    >>> g = extract_text(t)
    >>> [(x.subject, x.object) for x in g.relations if x.evidence.rule == "part-actor"]
    [('GovernmentBody/贵州省工业和信息化厅', 'Programme/云上贵州专项行动')]
    """
    acted = {k[2] for k in best if k[1] in ("implements", "participatesIn")}
    para = [x.paragraph for x in ctx.sentences]
    actors: dict[str, list[Candidate]] = {}
    for (who, pred, obj), a in best.items():
        if pred == "implements" and a.rule not in ("name", "document-place", "topic-subject"):
            actors.setdefault(obj, []).append(a)
    out = [Candidate(a.subject, "implements", child, c.sentence, 0.65, "part-actor")
           for (child, pred, parent), c in best.items()
           if pred == "subProgrammeOf" and child not in acted and child.startswith("Programme/")
           for a in actors.get(parent, ()) if para[a.sentence] == para[c.sentence]]
    yield from out


def _region_parties(ctx: RelationContext, best: dict[Key, Candidate]) -> Iterator[Candidate]:
    """推动京津冀协同发展是重大国家战略: a programme whose name opens with a region of provinces
    (region_words.txt) and that no rule gave an actor is carried out by each member the document names
    (rule "region-name", the lowest tier).

    >>> ctx = RelationContext.of_text("北京市、天津市和河北省签署协议。推动京津冀协同发展是重大国家战略。")
    >>> sorted(c.subject for c in _region_parties(ctx, {}))
    ['Locality/北京市', 'Locality/天津市', 'Locality/河北省']
    """
    regions, r = ctx.cues.regions, ctx.resolved
    acted = {k[2] for k in best if k[1] in ("implements", "participatesIn")}
    named = {}
    for e in r.entities:
        label = e.label.split("@")[0].lstrip("\u201c\"")
        region = max((g for g in regions if label.startswith(g)), key=len, default=None) \
            if e.cls == "Programme" and e.key not in acted else None
        if region is not None:
            named[e.key] = region
    for key, region in named.items():
        at = next((m.sentence for m, k in r.mentions if k == key), None)
        for name in regions[region] if at is not None else ():
            place = place_key(name, [], r)
            if place is not None:
                yield Candidate(place, "implements", key, at, 0.6, "region-name")


def _byline(ctx: RelationContext, si: int, s: Sentence, ms: list[M], state: _Topic) -> None:
    """A new signed article (■ 叶建国) forgets the topic; the body that opens the line after it is its author.
    So is a line holding only a name, followed by a line of the author's body and title (宋启明 /
    山东省工业和信息化厅党组书记、厅长)."""
    if s.text.startswith("■") or _name_line(ctx, si, s):
        state.author, state.place, state.subject = None, None, None
    if si > 0 and ms and ms[0].start == s.start and ms[0].cls == "GovernmentBody" \
            and (state.author is None and ctx.sentences[si - 1].text.startswith("■") or _title_line(ctx, si, s, ms)):
        state.author, state.author_at, state.home_acts = ms[0], si, None


def _name_line(ctx: RelationContext, si: int, s: Sentence) -> bool:
    """Is the sentence a line holding only a person's name (a signed article's byline, 俞帅锋)?"""
    names = ctx.by_sentence.get(si, [])
    return len(names) == 1 and names[0].cls == "Person" \
        and s.text.strip() == ctx.doc.text[names[0].start:names[0].end] \
        and all(x.paragraph != s.paragraph for x in ctx.sentences[max(0, si - 1):si + 2] if x is not s)


def _title_line(ctx: RelationContext, si: int, s: Sentence, ms: list[M]) -> bool:
    """Is the sentence a byline's second line: a line of a body and its titles only, after a line holding
    only a person's name?"""
    text = ctx.doc.text
    if not _name_line(ctx, si - 1, ctx.sentences[si - 1]) or len(s.text) > 30 \
            or any(x.cls != "GovernmentBody" for x in ms) or re.search(r"[。；：，,]", s.text):
        return False
    rest = text[ms[-1].end:s.end]
    return bool(rest) and all(t.strip() == "" or t.strip() in ctx.res.titles or t.strip().endswith(ctx.res.titles)
                              for t in re.split("[、 ]", rest))


def _authored(ctx: RelationContext, si: int, free: list[M], actors: list[M], state: _Topic) -> Iterator[Candidate]:
    """A signed article is its author's body's plan, and its place's when the article shows the place acting
    (全省深入实施…, 浙江推出…: a place that carries out a programme by its own clause and verb, in the article's
    lede or after the byline and before the next one, not only
    owns one: 依托浙江“公安大脑”…); a department's
    own programmes (全省公安机关…) are not the province's."""
    author = state.author
    if author is not None and free and not any(x.end <= free[0].start for x in actors):
        label = EntityKey.parse(author.key).label
        home = max((e for e in ctx.resolved.entities if e.cls == "Locality" and label.startswith(e.label)
                    and len(label) > len(e.label) + 1), key=lambda e: len(e.label), default=None)
        for p in free:
            yield Candidate(author.key, "implements", p.key, si, 0.45, "topic-subject")
            if home is not None and state.home_acts is None:
                state.home_acts = _home_acts(ctx, state, home.key)
            if home is not None and state.home_acts:
                yield Candidate(home.key, "implements", p.key, si, 0.4, "topic-subject")


def _home_acts(ctx: RelationContext, state: _Topic, home: str) -> bool:
    """Does the author's place carry out a programme by a clause of its own in the signed article (its lede,
    up to five sentences before the byline's body, to the next byline): 全省深入实施…, 浙江聚焦重点，深入实施…?"""
    start = state.author_at - 5
    end = next((b for b in state.bylines if b > state.author_at + 1), len(ctx.sentences))
    if any(k == home and start <= i < end for k, i in state.acting):
        return True
    for i in range(max(0, start), end):
        s, ms = ctx.sentences[i], ctx.by_sentence.get(i, [])
        whole = _whole_opening(ctx, s)
        if whole is not None and whole.key == home or any(
                x.key == home and is_subject(ctx, s, x) and any(p.cls == "Programme" and p.start > x.end for p in ms)
                for x in ms):
            return True
    return False


def _topic_acts(ctx: RelationContext, si: int, s: Sentence, free: list[M], actors: list[M],
                pats: _TopicPatterns, state: _Topic) -> Iterator[Candidate]:
    """The topic carries out a programme of a clause that opens with its verb (实施“…”行动, 构建…体系): the
    sentence's first clause, or any clause of a sentence that opens with no subject (推动…，深化…“一件事”
    改革) and names no actor; 当地 is the place named last."""
    text = ctx.doc.text
    lead = pats.connective.match(text, s.start)
    # (针对涉企负面舆情处置问题，开展“…”专项行动: the clause after a clause of purpose)
    lead = ctx.cues.purpose.match(text, lead.end() if lead else s.start) or lead
    first = text[lead.end() if lead else s.start:s.end]
    subjectless = first.startswith(pats.openers)
    progs = [x for x in free if not any(a.end <= x.start or is_subject(ctx, s, a) for a in actors)
             and (clause_start(ctx.doc, s, x.start) == s.start and pats.opener.fullmatch(text[s.start:x.start])
                  or subjectless and pats.verb_first.fullmatch(text[clause_start(ctx.doc, s, x.start):x.start])
                  or pats.local.fullmatch(text[clause_start(ctx.doc, s, x.start):x.start]))]
    for p in progs:
        subject = state.subject
        who = subject[1].key if subject is not None and s.paragraph - subject[0] <= 3 else None
        if state.author is not None and subject is not None and subject[1].cls == "GovernmentBody" \
                and subject[0] != s.paragraph:
            who = None      # a signed article: a body that opened an earlier paragraph yields to the author
        if ctx.cues.local in text[clause_start(ctx.doc, s, p.start):p.start]:
            # 当地着手打造“…”: the place named last, not the section's topic
            near = [(m.end, k) for m, k in ctx.resolved.mentions if m.cls == "Locality" and m.end <= p.start
                    and p.start - m.end <= 400]
            who = max(near)[1] if near else None
        if who is not None and who != p.key:
            yield Candidate(who, "implements", p.key, si, 0.45, "topic-subject")
        elif who is None and subject is None and state.author is None and state.home is not None \
                and s.paragraph - state.home_seen <= 4:
            # no topic at all: the place the document is about, named in the last paragraphs (the lowest tier)
            yield Candidate(state.home, "implements", p.key, si, 0.35, "document-place")


def _topic_places(ctx: RelationContext, si: int, s: Sentence, ms: list[M], best: dict[Key, Candidate],
                  state: _Topic) -> Iterator[Candidate]:
    """Companies and institutes of a section about a city, not sited by any other rule: in that city."""
    topic = state.place
    if topic and s.paragraph - topic[0] <= 3 and topic[2] != "province" \
            and not any(x.cls == "Locality" and x.key != topic[1].key for x in ms):
        for x in ms:
            label = EntityKey.parse(x.key).label
            if x.cls in ("Company", "Organization") and not any(k[0] == x.key and k[1] == "locatedIn" for k in best) \
                    and label not in ctx.res.known and not LEVEL_WORD.match(label) and not _partner(ctx, label):
                # (省环科院 names its level: the province's, not the city's; a university or a financial
                # group named in a city's section is often one of elsewhere working with it)
                yield Candidate(x.key, "locatedIn", topic[1].key, si, 0.4, "topic-place")


def _partner(ctx: RelationContext, label: str) -> bool:
    """A financial group (华泰证券) or a university or its school (复旦大学, 西安交大材料学院): named in a city's
    section as a partner, seldom one of the city."""
    c = ctx.cues
    return label.endswith(c.finance_words + c.university_words) or \
        label.endswith(c.school_words) and any(w in label for w in c.university_words)


def _next_topic(ctx: RelationContext, s: Sentence, ms: list[M], state: _Topic) -> None:
    """The sentence's opening subject becomes the topic: a province, city or county is the place and the
    subject, a local body the subject (浙江法院将…。创设…机制), a company or person ends the place's acts."""
    d = divisions()
    whole = _whole_opening(ctx, s)
    if whole is not None:
        state.subject = (s.paragraph, whole)
        return
    text = ctx.doc.text
    framed = False
    for x in ms:
        if text[max(s.start, x.start - 2):x.start].endswith(ctx.cues.became_as):
            framed = True   # 作为浙江省…试点城市，近年来，衢州市推动…: the subject comes after the frame
            continue
        if framed and x.cls not in ACTORS + PARTICIPANTS and text.find("，", x.end, s.end) >= 0:
            continue        # (作为浙江省数字化改革试点城市，…: a programme of the frame)
        opening = x.start - s.start <= 4
        # (…试点城市，近年来，衢州市推动…: the first name after the frame, opening a later clause, is the subject
        # too; it does not set the section's place)
        if is_subject(ctx, s, x) and (opening or (framed or x is ms[0]) and text[x.start - 1] in "，,"):
            label = EntityKey.parse(x.key).label
            i = division_of(label.split("@")[0], ctx.resolved.place, d) if x.cls == "Locality" else None
            if i is not None and d.items[i].level in ("province", "prefecture", "county"):
                if opening:
                    state.place = (s.paragraph, x, d.items[i].level)
                state.subject = (s.paragraph, x)
            elif x.cls == "GovernmentBody" and not ctx.cues.national.match(label):
                state.subject = (s.paragraph, x)
            elif x.cls in PARTICIPANTS:
                state.subject = None
        break


def _whole_opening(ctx: RelationContext, s: Sentence) -> M | None:
    """The place of a sentence that opens with 全 and a level word as its subject (全县上下要…): the topic of
    the subject-less sentences after it."""
    c, text = ctx.cues, ctx.doc.text
    comma = text.find("，", s.start, s.end)
    # (郭某强调，全县上下要…: after what introduces a speech)
    mm = c.whole.match(text, s.start) or (c.whole.match(text, comma + 1) if comma >= 0 else None)
    if mm is None or not text.startswith(c.whole_next + ctx.res.programme_verbs + ctx.res.clause_openers, mm.end()):
        return None
    key = whole_key(ctx, mm.group(2), mm.start())
    return M(Mention(mm.group(0), mm.start(), mm.end(), "Locality", s.index, "context"), key) if key else None


@component("relation-pass", "list-siblings", data=("lexicon/list_words.txt",), keep="new")
def list_siblings(ctx: RelationContext, best: dict[Key, Candidate]) -> Iterator[Candidate]:
    """整合“四下基层”、“亲清直通车”、12345“湖商通”专线等: an actor that carries out one item of a list of
    programmes carries out the items listed with it in that sentence, and the items listed with a part of a
    programme are parts of it too (confidence a little lower, rule "list"; kept when new).

    >>> ctx = RelationContext.of_text("嵊州市推出“企情日记”、“民情日记”等服务。")
    >>> one = Candidate("Locality/嵊州市", "implements", "Programme/企情日记", 0, 0.7, "subject-verb")
    >>> [(c.object, c.confidence, c.rule) for c in list_siblings(ctx, {one.fact: one})]
    [('Programme/民情日记', 0.63, 'list')]
    """
    runs: dict[tuple[int, str], list[str]] = {}       # (sentence, programme key) -> the keys of its list
    for si, ms in ctx.by_sentence.items():
        progs = [x for x in ms if x.cls == "Programme"]
        run: list[M] = []
        for x in progs + [None]:
            if x is not None and run and ctx.cues.list_gap.fullmatch(ctx.doc.text[run[-1].end:x.start]):
                run.append(x)
                continue
            if len(run) > 1:
                keys = [y.key for y in run]
                for y in run:
                    runs[(si, y.key)] = keys
            run = [x] if x is not None else []
    for c in sorted(best.values(), key=lambda c: (c.sentence, c.subject, c.object)):
        if c.predicate == "subProgrammeOf" and (c.sentence, c.subject) in runs:
            # 作为X的重要内容，A、B专项行动…: A's list siblings are parts of X too (not when X is in the list)
            run = runs[(c.sentence, c.subject)]
            for k in run if c.object not in run else ():
                if k != c.subject:
                    yield Candidate(k, c.predicate, c.object, c.sentence, round(c.confidence * 0.9, 3), "list")
        if c.predicate not in ("implements", "participatesIn") or (c.sentence, c.object) not in runs:
            continue
        for k in runs[(c.sentence, c.object)]:
            if k != c.object and k != c.subject:
                yield Candidate(c.subject, c.predicate, k, c.sentence, round(c.confidence * 0.9, 3), "list")


def prune(best: dict[Key, Candidate], listed: dict[str, set[str]] | None = None) -> dict[Key, Candidate]:
    """Drop a place relation that a more specific one implies: X locatedIn 三界镇 makes X locatedIn 嵊州市
    redundant when 三界镇 partOf 嵊州市 is stated too, or when the division list puts 三界镇 under 嵊州市
    (`listed`: a place's key → the keys of the document's places above it in the list; the merged graph
    gets that chain from the list, kg.graph.ground). Queries follow kg:partOf chains. Not a pass:
    the final step of `relate`, after every pass, whatever the pipeline.

    >>> c = lambda s, p, o: Candidate(s, p, o, 0, 0.8, "example")
    >>> best = {x.fact: x for x in (c("X", "locatedIn", "三界镇"), c("X", "locatedIn", "嵊州市"),
    ...                             c("三界镇", "partOf", "嵊州市"))}
    >>> sorted(prune(best))
    [('X', 'locatedIn', '三界镇'), ('三界镇', 'partOf', '嵊州市')]
    """
    parents: dict[str, set[str]] = {k: set(v) for k, v in (listed or {}).items()}
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


def listed_ancestors(ctx: RelationContext) -> dict[str, set[str]]:
    """The document's listed places → the keys of its places above them in the division list.

    >>> ctx = RelationContext.of_text("浙江省绍兴市嵊州市三界镇召开会议。")
    >>> sorted(listed_ancestors(ctx)["Locality/三界镇"])
    ['Locality/嵊州市', 'Locality/浙江省', 'Locality/绍兴市']
    >>> listed_ancestors(ctx)["Locality/浙江省"]
    set()
    """
    d = divisions()
    index = division_index(ctx)
    by_div = {i: k for k, i in index.items()}
    return {k: {by_div[a] for a in d.ancestors(i) if a in by_div} for k, i in index.items()}


def division_index(ctx: RelationContext) -> dict[str, int]:
    """Each of the document's places that the division list knows → its index there (used by the
    hierarchy pass and by prune's ancestors).

    >>> ctx = RelationContext.of_text("浙江省嵊州市三界镇召开会议。")
    >>> sorted(division_index(ctx))
    ['Locality/三界镇', 'Locality/嵊州市', 'Locality/浙江省']
    """
    r, d = ctx.resolved, divisions()
    index: dict[str, int] = {}
    for e in r.entities:
        if e.cls == "Locality":
            i = division_of(e.label, r.place, d)
            if i is not None:
                index[e.key] = i
    return index


def _implied(best: dict[Key, Candidate], c: Candidate) -> bool:
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


def _new(best: dict[Key, Candidate], c: Candidate) -> bool:
    return c.fact not in best


def _not_implied(best: dict[Key, Candidate], c: Candidate) -> bool:
    return c.fact not in best and not _implied(best, c)


def _not_reversed(best: dict[Key, Candidate], c: Candidate) -> bool:
    return c.fact not in best and (c.object, c.predicate, c.subject) not in best


# the keep conditions a pass registers with (keep=...): is a pass's candidate kept, given the facts so far?
KEEP: dict[str, Callable[[dict[Key, Candidate], Candidate], bool]] = {
    "new": _new,                    # a fact no rule or earlier pass stated
    "not-implied": _not_implied,    # new, and no chain of stated partOf reaches it already
    "not-reversed": _not_reversed,  # new, and not stated the other way round
}
