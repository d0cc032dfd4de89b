"""What changed between two builds of the graph: entities and relations added, removed and changed."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from kg.analysis._base import GraphLike, Result, relation_counts, sentences
from kg.graph.knowledge_graph import KnowledgeGraph
from kg.graph.nx import edge_key


@dataclass(frozen=True)
class EntityChange:
    key: str
    label: str
    cls: str
    changes: tuple[tuple[str, str, str], ...] = ()   # (field, old, new) for a changed entity


@dataclass(frozen=True)
class RelationChange:
    """A typed relation or a post (predicate "holds:<title>"); evidence = sentences behind it in each build."""
    subject: str
    predicate: str
    object: str
    old_evidence: int
    new_evidence: int


@dataclass(frozen=True)
class Diff(Result):
    """Changes from `old` to `new`; an entity is the same when its key ("Class/label") is."""
    entities_added: tuple[EntityChange, ...]
    entities_removed: tuple[EntityChange, ...]
    entities_changed: tuple[EntityChange, ...]
    relations_added: tuple[RelationChange, ...]
    relations_removed: tuple[RelationChange, ...]
    relations_changed: tuple[RelationChange, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(self.counts.values())

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for kind in ("added", "removed", "changed"):
            for e in getattr(self, f"entities_{kind}"):
                out.append({"change": kind, "kind": e.cls, "what": e.label,
                            "detail": "; ".join(f"{f}: {o} → {n}" for f, o, n in e.changes)})
            for r in getattr(self, f"relations_{kind}"):
                out.append({"change": kind, "kind": r.predicate, "what": f"{_name(r.subject)} → {_name(r.object)}",
                            "detail": f"evidence {r.old_evidence} → {r.new_evidence}" if kind == "changed" else ""})
        return out


def _name(key: str) -> str:
    return key.partition("/")[2] or key


def _snapshot(g: GraphLike) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str, str], int]]:
    """Entities (key → comparable fields) and relations ((s, p, o) → evidence count) of either form."""
    ents: dict[str, dict[str, Any]] = {}
    rels: dict[tuple[str, str, str], int] = {}
    if isinstance(g, KnowledgeGraph):
        for e in g.entities():
            ents[e.key] = {"label": e.label, "cls": e.cls, "aliases": "、".join(sorted(e.aliases)),
                           "mentions": str(e.mentions), **{f"attr {k}": str(v) for k, v in e.attrs}}
        for s, p, o, n in relation_counts(g):
            rels[(s, p, o)] = n
        for p in g.posts():
            rels[(p.person, edge_key("holds", p.title), p.org)] = len(p.evidence)
        return ents, rels
    skip = {"cls", "label", "aliases", "mentions", "confidence", "official", "docs"}
    for k, d in g.nodes(data=True):
        ents[k] = {"label": d.get("label", k), "cls": d.get("cls", ""), "aliases": "、".join(sorted(d.get("aliases", ()))),
                   "mentions": str(d.get("mentions", 0)), **{f"attr {a}": str(v) for a, v in d.items() if a not in skip}}
    for u, v, d in g.edges(data=True):
        p = d.get("predicate", "")
        if p == "relatedTo":
            continue
        rels[(u, edge_key(p, d.get("title", "")), v)] = sentences(d)
    return ents, rels


def compare(old: GraphLike, new: GraphLike) -> Diff:
    """Entities and relations added, removed and changed from one build to another.

    Co-occurrence is left out: it changes with every tweak of extraction and says little alone.

    Parameters
    ----------
    old, new : KnowledgeGraph or networkx.MultiDiGraph
        Two graphs (for instance ``kg.load("exports-old")`` and ``kg.load("exports")``).

    Returns
    -------
    Diff
        ``entities_added/removed/changed`` (EntityChange; a changed one lists (field, old, new)
        for aliases, mentions and attributes), ``relations_added/removed/changed`` (RelationChange;
        changed = different number of evidence sentences), ``counts`` and ``empty``.

    Examples
    --------
    >>> from kg.analysis import compare, example_graph
    >>> compare(example_graph(), example_graph()).empty
    True
    """
    e1, r1 = _snapshot(old)
    e2, r2 = _snapshot(new)

    def ent(k: str, d: dict[str, Any], changes: tuple = ()) -> EntityChange:
        return EntityChange(k, d["label"], d["cls"], changes)

    changed = []
    for k in sorted(e1.keys() & e2.keys()):
        a, b = e1[k], e2[k]
        diffs = tuple((f, a.get(f, ""), b.get(f, "")) for f in sorted(a.keys() | b.keys()) if a.get(f, "") != b.get(f, ""))
        if diffs:
            changed.append(ent(k, b, diffs))

    def rel(t: tuple[str, str, str]) -> RelationChange:
        return RelationChange(t[0], t[1], t[2], r1.get(t, 0), r2.get(t, 0))

    d = Diff(
        entities_added=tuple(ent(k, e2[k]) for k in sorted(e2.keys() - e1.keys())),
        entities_removed=tuple(ent(k, e1[k]) for k in sorted(e1.keys() - e2.keys())),
        entities_changed=tuple(changed),
        relations_added=tuple(rel(t) for t in sorted(r2.keys() - r1.keys())),
        relations_removed=tuple(rel(t) for t in sorted(r1.keys() - r2.keys())),
        relations_changed=tuple(rel(t) for t in sorted(r1.keys() & r2.keys()) if r1[t] != r2[t]),
    )
    return replace(d, counts={f: len(getattr(d, f)) for f in ("entities_added", "entities_removed", "entities_changed",
                                                                "relations_added", "relations_removed",
                                                                "relations_changed")})
