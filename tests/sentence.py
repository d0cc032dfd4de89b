"""Sentence-level tests: a short text through the whole extraction, or through chosen components,
with no corpus build, no files and no cache (kg.extract.extract_text)."""
from __future__ import annotations

from kg.extract import extract_text
from kg.extract.registry import Pipeline
from kg.graph.knowledge_graph import KnowledgeGraph
from kg.graph.merge import merge
from kg.records import DocumentGraph


def graph(text: str, pipeline: Pipeline | None = None) -> KnowledgeGraph:
    """The merged graph of one text, as `kg build` would make it from a file holding only this text."""
    return merge([extract_text(text, pipeline=pipeline)])


def document(text: str, pipeline: Pipeline | None = None) -> DocumentGraph:
    """The document graph of one text (entities, relations and posts before the merge)."""
    return extract_text(text, pipeline=pipeline)


def only(*recognisers: str) -> Pipeline:
    """The default pipeline with only these recognisers (every pass and relation rule kept)."""
    from dataclasses import replace
    return replace(Pipeline.default(), recognisers=tuple(recognisers))


def without(*names: str) -> Pipeline:
    """The default pipeline without these relation rules and passes (every recogniser kept)."""
    from dataclasses import replace
    d = Pipeline.default()
    return replace(d, relation_rules=tuple(r for r in d.relation_rules if r not in names),
                   relation_passes=tuple(p for p in d.relation_passes if p not in names))


def names(text: str, pipeline: Pipeline | None = None) -> set[tuple[str, str]]:
    """(class, label) of every entity found in the text."""
    return {(e.cls, e.label) for e in extract_text(text, pipeline=pipeline).entities}


def has(g: KnowledgeGraph, s: str, p: str, o: str) -> bool:
    """Does the graph link the entity named `s` to the one named `o` by `p`?"""
    S, O = g.resolve(s).key, g.resolve(o).key
    return any(f.subject == S and f.object == O for f in g.relations(p))
