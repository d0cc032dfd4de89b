"""Relation passes: document-wide candidates made after the rules have read every sentence.

Every pass is a `relation-pass` component (kg.extract.registry), `(ctx, best) -> Iterator[Candidate]`,
registered with its keep condition (`keep=`, see `KEEP`): `kg.extract.relations.relate` runs the passes
a `Pipeline` names, in order, and keeps a candidate of a pass when that condition holds for the facts
kept so far. `prune` is no pass: it is the final step of `relate`, after every pass.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

from kg.extract.divisions import divisions
from kg.extract.registry import component
from kg.extract.relation_context import (ACTORS, PARTICIPANTS, Candidate, M, RelationContext,
                                         _clause_start, _is_subject)
from kg.extract.resolve import _LEVEL_WORD, division_of

Key = tuple[str, str, str]


_LIST_GAP = re.compile(r"\s*(?:、|和|及|与|以及)\s*[0-9A-Za-z]{0,6}\s*")


@component("relation-pass", "list-siblings", keep="new")
def list_siblings(ctx: RelationContext, best: dict) -> Iterator[Candidate]:
    """整合“四下基层”、“亲清直通车”、12345“湖商通”专线等: an actor that carries out one item of a list of
    programmes carries out the items listed with it in that sentence (confidence a little lower,
    rule "list")."""
    doc, by_sentence = ctx.doc, ctx.by_sentence
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


@component("relation-pass", "topic-subjects", keep="new")
def topic_subjects(ctx: RelationContext, best: dict) -> Iterator[Candidate]:
    """Magazine prose drops the subject: 深入实施“415X”先进制造业集群培育工程… under a department head's
    byline, or a paragraph after 湖州… . A programme no rule gave an actor is carried out by the
    article's topic: the place that last opened a sentence as its subject in the last paragraphs, and the
    body of the byline above it (lower confidence, rule "topic-subject")."""
    doc, sentences, r, res, by_sentence = ctx.doc, ctx.sentences, ctx.resolved, ctx.res, ctx.by_sentence
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


@component("relation-pass", "enumerations", keep="not-reversed")
def enumerations(ctx: RelationContext, best: dict) -> Iterator[Candidate]:
    """A plan's sections: a paragraph that opens 实施“优化产业体系行动”， heads the paragraphs after it up to
    the next heading; the programmes they launch (举办“十链百场万企”活动, 打造…品牌) are its parts.
    Programmes they only promote or deepen (打响…品牌, 深化…改革) are not (rule "enumeration")."""
    doc, sentences, by_sentence = ctx.doc, ctx.sentences, ctx.by_sentence
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


@component("relation-pass", "hierarchy", keep="not-implied")
def hierarchy(ctx: RelationContext, best: dict) -> Iterator[Candidate]:
    """partOf from the official division list: each place to its nearest ancestor the document names."""
    r, by_sentence = ctx.resolved, ctx.by_sentence
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
