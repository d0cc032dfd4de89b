"""The networkx view: entities as nodes, typed relations (with evidence) and posts as edges."""
from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph


def to_networkx(g: "KnowledgeGraph", cooccurrence: bool = False) -> nx.MultiDiGraph:
    """A MultiDiGraph keyed by entity key ("Locality/嵊州市").

    Node attributes: cls, label, aliases, mentions, confidence, official, docs and the entity's attrs.
    Edge attributes: predicate (edge key too), evidence (tuple of kg.records.Evidence), confidence;
    posts are edges person → org with predicate "holds" and the title; with `cooccurrence=True`
    kg:relatedTo edges carry their weight.
    """
    G = nx.MultiDiGraph()
    officials = {p.person for p in g.posts()}
    for e in g.entities():
        G.add_node(e.key, cls=e.cls, label=e.label, aliases=e.aliases, mentions=e.mentions,
                   confidence=e.confidence, official=e.key in officials,
                   docs=tuple(sorted(g.entity_docs.get(e.key, ()))), **dict(e.attrs))
    for f in g.relations():
        G.add_edge(f.subject, f.object, key=f.predicate, predicate=f.predicate, evidence=f.evidence,
                   confidence=f.confidence)
    for p in g.posts():
        G.add_edge(p.person, p.org, key=f"holds:{p.title}", predicate="holds", title=p.title, evidence=p.evidence,
                   confidence=max((e.confidence for e in p.evidence), default=0.8))
    if cooccurrence:
        for (a, b), w in sorted(g.cooccurrence.items()):
            G.add_edge(a, b, key="relatedTo", predicate="relatedTo", weight=w, evidence=(), confidence=0.5)
    return G
