"""Where companies are, beyond the sentence patterns the rule `sited` (kg.extract.relation_rules) reads from
the shared cues: X公司在<place>注册成立 (rule "founded-at"), <place>…引进X公司 and X公司是<place>引进的…
(rule "attracted"). `sited` calls the functions here; the words are in data/lexicon/site_words.txt."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from kg.extract.relation_context import Candidate, M, RelationContext, clause_start, is_subject
from kg.extract.relation_words import DE, alt, words
from kg.extract.resources import Resources, per_resources
from kg.records import Sentence


@dataclass(frozen=True)
class SiteWords:
    """The compiled patterns of the functions here (one set per `Resources`)."""
    at: tuple[str, ...]     # 在, before the place
    found: re.Pattern       # 注册成立, right after the place
    found_end: str          # what may follow the verb: the clause's end (not an object)
    attract: re.Pattern     # 引进投资50亿元的: the verb bringing a company in, up to the company
    attracted_by: re.Pattern  # 是<place>今年引进的: after a company, a copula, then a place; after the place, the verb


@per_resources
def site_words(res: Resources) -> SiteWords:
    """The patterns of these resources, compiled once per resources object.

    >>> from kg.extract.resources import resources
    >>> bool(site_words(resources()).found.match("注册成立"))
    True
    """
    found = tuple(sorted(words(res, "site_words", "found"), key=len, reverse=True))
    return SiteWords(at=words(res, "locatives", "at"), found=re.compile(alt(found)), found_end="，。；,;",
                     attract=re.compile(alt(words(res, "site_words", "attract")) + "[^，。；,;]{0,14}$"),
                     attracted_by=re.compile("[^，。；,;]{0,6}?" + alt(words(res, "site_words", "attract")) + DE))


def founded_at(ctx: RelationContext, s: Sentence, ms: list[M], places: list[M]) -> Iterator[Candidate]:
    """X公司在遵义市汇川区注册成立: the company (or organisation) right before 在 is in the last place of the
    chain after it, when a founding verb ends the clause there (not 在杭州成立研发中心).

    >>> ctx = RelationContext.of_text("贵州甲乙新材料有限公司在遵义市汇川区注册成立。")
    >>> ms = ctx.by_sentence[0]
    >>> [(c.subject, c.object) for c in founded_at(ctx, ctx.sentences[0], ms, [x for x in ms if x.cls == "Locality"])]
    [('Company/贵州甲乙新材料有限公司', 'Locality/汇川区')]
    """
    text, p = ctx.doc.text, site_words(ctx.res)
    for first in places:
        if text[first.start - 1:first.start] not in p.at or any(x.end == first.start for x in places):
            continue
        where = first
        for x in places:
            if x.start == where.end:
                where = x
        verb = p.found.match(text, where.end)
        if not verb or text[verb.end():verb.end() + 1] not in p.found_end:
            continue          # 在杭州成立研发中心: what is founded is the object, not the company
        cs = clause_start(ctx.doc, s, first.start)
        who = [x for x in ms if x.cls in ("Company", "Organization") and cs <= x.start and x.end == first.start - 1]
        for x in who:
            yield Candidate(x.key, "locatedIn", where.key, s.index, 0.7, "founded-at")


def attracted(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """三门县大力实施…，引进投资50亿元的建兴科技: a company brought in (引进, 招引) by the sentence's subject
    place (the last subject before the verb) is in the place.

    >>> ctx = RelationContext.of_text("沈阳市铁西区今年引进辽宁甲乙重工有限公司。")
    >>> [(c.subject, c.object) for c in attracted(ctx, ctx.sentences[0], ctx.by_sentence[0])]
    [('Company/辽宁甲乙重工有限公司', 'Locality/铁西区')]
    """
    text, p = ctx.doc.text, site_words(ctx.res)
    for x in ms:
        if x.cls != "Company":
            continue
        mm = p.attract.search(text, clause_start(ctx.doc, s, x.start), x.start)
        if mm is None:
            continue
        # (完成沿海工业城…建设，引进…: a name after a verb opening its clause is no subject)
        subj = [y for y in ms if y.end <= mm.start() and is_subject(ctx, s, y)
                and (y is ms[0] or not text[clause_start(ctx.doc, s, y.start):y.start].strip())]
        if subj and subj[-1].cls == "Locality":
            where = subj[-1]
            for y in ms:       # 沈阳市铁西区: the chain's last place
                if y.cls == "Locality" and y.start == where.end:
                    where = y
            yield Candidate(x.key, "locatedIn", where.key, s.index, 0.6, "attracted")


def attracted_by(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """X食品有限公司是城东工业园区今年引进的…项目: a company a place brought in, said with a copula, is in the
    place (the chain's last; rule "attracted").

    >>> ctx = RelationContext.of_text("湖北甲乙食品有限公司是城东工业园区今年引进的重点项目。")
    >>> [(c.subject, c.object) for c in attracted_by(ctx, ctx.sentences[0], ctx.by_sentence[0])]
    [('Company/湖北甲乙食品有限公司', 'Locality/城东工业园区')]
    """
    text, p = ctx.doc.text, site_words(ctx.res)
    for i, x in enumerate(ms[:-1]):
        where = ms[i + 1]
        if x.cls != "Company" or where.cls != "Locality" or not ctx.cues.seat_copula.match(text[x.end:where.start]):
            continue
        for y in ms[i + 2:]:        # 沈阳市铁西区: the chain's last place
            if y.cls == "Locality" and y.start == where.end:
                where = y
        if p.attracted_by.match(text, where.end, s.end):
            yield Candidate(x.key, "locatedIn", where.key, s.index, 0.6, "attracted")
