"""Typed relations and posts, each with the sentence it was read from; co-occurrence counts.

`relate` runs the relation rules a `Pipeline` names (kg.extract.relation_rules) over every sentence's
mentions, keeps the best evidence per fact, then runs the pipeline's relation passes
(kg.extract.relation_passes) under their keep conditions, prunes place facts a more specific one
implies, and reads the posts (kg.extract.posts). The confidence a relation's evidence carries is its
rule's calibrated one (kg.extract.calibration).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import combinations

from kg.extract import relation_passes, relation_rules  # noqa: F401  (they register the components)
from kg.extract.calibration import calibrated
from kg.extract.posts import posts
from kg.extract.registry import Pipeline
from kg.extract.relation_context import Candidate, M, RelationContext, r_nested  # noqa: F401
from kg.extract.relation_passes import KEEP, listed_ancestors, prune
from kg.extract.resolve import Resolved
from kg.extract.resources import Resources
from kg.records import Document, Evidence, Post, Relation, Sentence

Fact = tuple[str, str, str]


def relate(doc: Document, sentences: list[Sentence], r: Resolved, res: Resources,
           pipeline: Pipeline | None = None) -> tuple[list[Relation], list[Post], list[tuple[str, str, int]]]:
    """The document's relations (best evidence per fact), posts and co-occurrence counts, from the
    rules and passes `pipeline` names (default: `Pipeline.default()`).

    >>> from kg.extract import extract_text
    >>> g = extract_text("嵊州市三界镇位于浙江省。")
    >>> [(x.subject, x.predicate, x.object) for x in g.relations if x.object == "Locality/嵊州市"]
    [('Locality/三界镇', 'partOf', 'Locality/嵊州市')]
    """
    pipeline = pipeline if pipeline is not None else Pipeline.default()
    ctx = RelationContext.of(doc, sentences, r, res)
    best = _rules(ctx, pipeline)
    for p in pipeline.components("relation-pass"):
        keep = KEEP[p.keep]
        for c in p(ctx, best):
            if keep(best, c):
                best[c.fact] = c
    best = prune(best, listed_ancestors(ctx))
    relations = []
    for (sk, p, ok), c in sorted(best.items()):
        s = sentences[c.sentence]
        conf = calibrated(c.rule, p, c.confidence)
        relations.append(Relation(sk, p, ok, Evidence(doc.id, s.text, s.start, s.end, conf, c.rule)))
    return relations, posts(ctx), _cooccurrences(ctx)


def rules_only(*rules: str, passes: tuple[str, ...] = ()) -> Pipeline:
    """The default pipeline with only these relation rules and passes (every recogniser kept): one rule
    or pass at a time, in tests and examples.

    >>> rules_only("acts").relation_rules, rules_only("acts").relation_passes
    (('acts',), ())
    """
    return replace(Pipeline.default(), relation_rules=tuple(rules), relation_passes=tuple(passes))


def _rules(ctx: RelationContext, pipeline: Pipeline) -> dict[Fact, Candidate]:
    """Every sentence through the pipeline's rules: the most confident candidate per fact."""
    rules = pipeline.components("relation-rule")
    best: dict[Fact, Candidate] = {}
    for si, ms in sorted(ctx.by_sentence.items()):
        s = ctx.sentences[si]
        for rule in rules:
            for c in rule(ctx, s, ms):
                if c.subject == c.object:
                    continue
                k = c.fact
                if k not in best or c.confidence > best[k].confidence:
                    best[k] = c
    return best


def _cooccurrences(ctx: RelationContext) -> list[tuple[str, str, int]]:
    """How many sentences name both of two entities, for every pair a sentence names."""
    cooc: Counter[tuple[str, str]] = Counter()
    for ms in ctx.by_sentence.values():
        for a, b in combinations(sorted({x.key for x in ms}), 2):
            cooc[(a, b)] += 1
    return sorted((a, b, w) for (a, b), w in cooc.items())
