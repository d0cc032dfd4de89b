"""Where companies are, beyond the sentence patterns the rule `sited` (kg.extract.relation_rules) reads from
the shared cues: X公司在<place>注册成立 (rule "founded-at"). `sited` calls the functions here; the words
are in data/lexicon/site_words.txt."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from kg.extract.relation_context import Candidate, M, RelationContext, clause_start
from kg.extract.relation_words import alt, words
from kg.extract.resources import Resources
from kg.records import Sentence


@dataclass(frozen=True)
class SiteWords:
    """The compiled patterns of the functions here (one set per `Resources`)."""
    at: tuple[str, ...]     # 在, before the place
    found: re.Pattern       # 注册成立, right after the place
    found_end: str          # what may follow the verb: the clause's end (not an object)


_CACHE: dict[int, tuple[Resources, SiteWords]] = {}


def site_words(res: Resources) -> SiteWords:
    """The patterns of these resources, compiled once per resources object.

    >>> from kg.extract.resources import resources
    >>> bool(site_words(resources()).found.match("注册成立"))
    True
    """
    hit = _CACHE.get(id(res))
    if hit is None or hit[0] is not res:
        if len(_CACHE) >= 8:
            _CACHE.pop(next(iter(_CACHE)))
        found = tuple(sorted(words(res, "site_words", "found"), key=len, reverse=True))
        pats = SiteWords(at=words(res, "locatives", "at"), found=re.compile(alt(found)), found_end="，。；,;")
        hit = _CACHE[id(res)] = (res, pats)
    return hit[1]


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
