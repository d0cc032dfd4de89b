"""Around one entity and between two: neighbourhoods and evidenced paths."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import networkx as nx

from kg.analysis._base import (UNSET, GraphLike, Result, _Unset, as_networkx, cls_of, first_sentence, is_class,
                               label_of, pick_count, resolve, sentences)
from kg.graph.nx import edge_key
from kg.records import CLASSES, PREDICATES

#: What a walk follows unless told otherwise: typed relations and posts, not co-occurrence.
DEFAULT_PREDICATES: tuple[str, ...] = (*PREDICATES, "holds")


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    cls: str
    distance: int


@dataclass(frozen=True)
class Hop:
    """One typed edge, as stated (subject → object), with the sentence it was read from."""
    subject: str
    predicate: str
    object: str
    subject_label: str
    object_label: str
    title: str          # the post's title for "holds", else ""
    sentence: str       # "" for co-occurrence, which keeps no sentence
    doc_id: str
    evidence: int       # how many sentences state it (for relatedTo: share it)
    confidence: float
    doc_title: str = ""    # the title of the document `sentence` was read from ("" when it has none)
    doc_source: str = ""   # where that document came from: its file (relative) or "file#line" of a feed
    doc_url: str = ""      # its address, when the input's metadata gave one


@dataclass(frozen=True)
class Neighbourhood(Result):
    """The entities within `hops` of `centre` and the edges among them.

    Plain data; ``to_networkx()`` turns it into a MultiDiGraph keyed like the graph's own view.
    """
    centre: str
    hops: int
    nodes: tuple[Node, ...]
    edges: tuple[Hop, ...]

    def rows(self) -> list[dict[str, Any]]:
        return [{"subject": e.subject_label, "predicate": e.predicate + (f" ({e.title})" if e.title else ""),
                 "object": e.object_label, "evidence": e.evidence, "sentence": e.sentence} for e in self.edges]

    def to_networkx(self) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph()
        for n in self.nodes:
            G.add_node(n.key, label=n.label, cls=n.cls, distance=n.distance)
        for e in self.edges:
            G.add_edge(e.subject, e.object, key=edge_key(e.predicate, e.title),
                       predicate=e.predicate, title=e.title, sentence=e.sentence, doc_id=e.doc_id,
                       doc_title=e.doc_title, doc_source=e.doc_source, doc_url=e.doc_url,
                       evidence=e.evidence, confidence=e.confidence)
        return G


@dataclass(frozen=True)
class Path:
    length: int
    nodes: tuple[str, ...]     # keys, from source to target
    labels: tuple[str, ...]
    hops: tuple[Hop, ...]      # one per step, each with its sentence


@dataclass(frozen=True)
class Paths(Result):
    """Simple paths from `source` to `target` of at most `max_hops` steps, shortest first."""
    source: str
    target: str
    max_hops: int
    paths: tuple[Path, ...]

    def rows(self) -> list[dict[str, Any]]:
        return [{"hop": f"{i + 1}.{j + 1}", "subject": h.subject_label,
                 "predicate": h.predicate + (f" ({h.title})" if h.title else ""), "object": h.object_label,
                 "sentence": h.sentence, "doc": h.doc_id, "doc_title": h.doc_title, "doc_source": h.doc_source}
                for i, p in enumerate(self.paths) for j, h in enumerate(p.hops)]


def _hop(G: nx.MultiDiGraph, u: str, v: str, d: dict) -> Hop:
    sentence, doc = first_sentence(d.get("evidence", ()))
    # co-occurrence keeps no sentences, only how many there were
    count = int(d.get("weight", 0)) if d.get("predicate") == "relatedTo" else sentences(d)
    # the view names each document's (title, source, url); a view made by hand may not
    title, source, url = G.graph.get("documents", {}).get(doc, ("", "", ""))
    return Hop(u, d.get("predicate", ""), v, label_of(G, u), label_of(G, v), d.get("title", ""), sentence, doc,
               count, float(d.get("confidence", 0.0)), title, source, url)


def _check(predicates: Iterable[str] | None, classes: Iterable[str] | None) -> tuple[set[str], set[str] | None]:
    preds = set(DEFAULT_PREDICATES if predicates is None else predicates)
    unknown = preds - {*DEFAULT_PREDICATES, "relatedTo"}
    if unknown:
        raise ValueError(f"unknown predicate {sorted(unknown)[0]!r}; expected some of "
                         f"{', '.join(DEFAULT_PREDICATES)}, relatedTo")
    cls = None if classes is None else set(classes)
    if cls is not None and cls - {*CLASSES, "Official"}:
        raise ValueError(f"unknown class {sorted(cls - {*CLASSES, 'Official'})[0]!r}; expected some of "
                         f"{', '.join(CLASSES)}, Official")
    return preds, cls


def _incident(G: nx.MultiDiGraph, k: str, preds: set[str]) -> Iterable[tuple[str, str, dict]]:
    """Edges touching `k` in either direction, as (subject, object, data)."""
    for _, v, d in G.out_edges(k, data=True):
        if d.get("predicate") in preds:
            yield k, v, d
    for u, _, d in G.in_edges(k, data=True):
        if d.get("predicate") in preds:
            yield u, k, d


def neighbourhood(g: GraphLike, name: str, hops: int = 1, predicates: Iterable[str] | None = None,
                  classes: Iterable[str] | None = None) -> Neighbourhood:
    """The entities reachable from `name` in at most `hops` steps, in either direction.

    Parameters
    ----------
    g : KnowledgeGraph or networkx.MultiDiGraph
        The graph or its networkx view.
    name : str
        A label, alias or key ("嵊州" finds 嵊州市).
    hops : int
        Steps to walk.
    predicates : iterable of str, optional
        Edges to follow: typed relations ("partOf", ...), "holds" (posts) and "relatedTo"
        (co-occurrence, only when asked for). Default: every typed relation and posts.
    classes : iterable of str, optional
        Only enter entities of these classes ("Official" included); the centre is always kept.

    Returns
    -------
    Neighbourhood
        Plain data: ``.nodes`` (Node with its distance from the centre) and ``.edges`` (Hop with
        its first evidence sentence) among them; ``.to_networkx()`` gives a MultiDiGraph.

    Raises
    ------
    kg.UnknownEntity
        When `name` names no entity or several (the message lists candidates).

    Examples
    --------
    >>> from kg.analysis import example_graph, neighbourhood
    >>> near = neighbourhood(example_graph(), "嵊州", predicates=["partOf"], classes=["Locality"])
    >>> near.centre
    'Locality/嵊州市'
    >>> {"剡湖街道", "下王镇", "三界镇"} <= {n.label for n in near.nodes}
    True
    >>> near.to_networkx().number_of_nodes() == len(near.nodes)
    True
    """
    if hops < 0:
        raise ValueError("hops must be 0 or more")
    preds, cls = _check(predicates, classes)
    centre = resolve(g, name)
    G = as_networkx(g, cooccurrence="relatedTo" in preds)
    dist = _walk(G, centre, hops, preds, cls)
    nodes = tuple(Node(k, label_of(G, k), cls_of(G, k), d) for k, d in sorted(dist.items(), key=lambda kv: (kv[1], kv[0])))
    return Neighbourhood(centre, hops, nodes, _edges_among(G, dist, preds))


def _walk(G: nx.MultiDiGraph, centre: str, hops: int, preds: set[str], cls: set[str] | None) -> dict[str, int]:
    """Entity key → distance from `centre` of every entity within `hops` steps along `preds` (entering
    only entities of the classes `cls`, when given), breadth first."""
    dist = {centre: 0}
    frontier = [centre]
    for step in range(1, hops + 1):
        nxt = []
        for k in frontier:
            for u, v, _ in _incident(G, k, preds):
                o = v if u == k else u
                if o not in dist and (cls is None or any(is_class(G, o, c) for c in cls)):
                    dist[o] = step
                    nxt.append(o)
        frontier = nxt
    return dist


def _edges_among(G: nx.MultiDiGraph, keys: Iterable[str], preds: set[str]) -> tuple[Hop, ...]:
    """The edges along `preds` whose two ends are both in `keys`, as hops, sorted."""
    inside = set(keys)
    edges: dict[tuple[str, str, str, str], Hop] = {}
    for k in inside:
        for u, v, d in _incident(G, k, preds):
            e = (u, v, d.get("predicate", ""), d.get("title", ""))
            if e not in edges and u in inside and v in inside:  # each edge is met from both ends: build it once
                edges[e] = _hop(G, u, v, d)
    return tuple(edges[e] for e in sorted(edges))


def paths(g: GraphLike, a: str, b: str, max_hops: int = 4, *, n: int = 10,
          predicates: Iterable[str] | None = None, limit: int | _Unset = UNSET) -> Paths:
    """How two entities are connected: simple paths of at most `max_hops` steps, with evidence for every hop.

    Edges are walked in either direction; each hop keeps its stated direction and the sentence
    it was read from. Between two entities joined by several relations, a hop shows the one
    with most evidence.

    Parameters
    ----------
    g : KnowledgeGraph or networkx.MultiDiGraph
        The graph or its networkx view.
    a, b : str
        Labels, aliases or keys of the two ends.
    max_hops : int
        Longest path returned.
    n : int
        At most this many paths, shortest first (`kg path -n`). ``limit=`` is the older name, still accepted.
    predicates : iterable of str, optional
        Edges to walk, as in :func:`neighbourhood` (default: typed relations and posts, so
        that every hop has a sentence; "relatedTo" hops have none).

    Returns
    -------
    Paths
        ``.paths``: tuple of Path(length, nodes, hops), shortest first; empty when the two are
        not connected within `max_hops`.

    Raises
    ------
    kg.UnknownEntity
        When a name is unknown or ambiguous.

    Examples
    --------
    >>> from kg.analysis import example_graph, paths
    >>> found = paths(example_graph(), "下王镇", "三界镇", max_hops=2)
    >>> via_city = next(p for p in found.paths if p.labels == ("下王镇", "嵊州市", "三界镇"))
    >>> [(h.subject_label, h.predicate, h.object_label) for h in via_city.hops]
    [('下王镇', 'partOf', '嵊州市'), ('三界镇', 'partOf', '嵊州市')]
    >>> all(h.sentence for p in found.paths for h in p.hops)
    True

    Every hop names the document its sentence comes from, by id, title and source:

    >>> h = via_city.hops[0]
    >>> (h.doc_title, h.doc_source) == (example_graph().documents[h.doc_id].title,
    ...                                 example_graph().documents[h.doc_id].source)
    True
    """
    preds, _ = _check(predicates, None)
    count = pick_count(n, limit, "limit")
    s, t = resolve(g, a), resolve(g, b)
    G = as_networkx(g, cooccurrence="relatedTo" in preds)
    H = _strongest(G, preds)
    if s not in H or t not in H or s == t:
        return Paths(s, t, max_hops, ())
    return Paths(s, t, max_hops, tuple(_simple_paths(G, H, s, t, max_hops, count)))


def _strongest(G: nx.MultiDiGraph, preds: set[str]) -> nx.Graph:
    """An undirected graph with one edge per linked pair: the edge along `preds` with most evidence,
    kept as (subject, object, data) in the edge's "data"."""
    H = nx.Graph()
    for u, v, d in G.edges(data=True):
        if d.get("predicate") in preds and u != v:
            best = H.edges[u, v]["data"] if H.has_edge(u, v) else None
            if best is None or sentences(d) > sentences(best[2]):
                H.add_edge(u, v, data=(u, v, d))
    return H


def _simple_paths(G: nx.MultiDiGraph, H: nx.Graph, s: str, t: str, max_hops: int, count: int | None) -> list[Path]:
    """At most `count` simple paths from `s` to `t` in `H` of at most `max_hops` steps, shortest first."""
    # only entities on some short enough path matter: prune before enumerating
    ds = nx.single_source_shortest_path_length(H, s, cutoff=max_hops)
    dt = nx.single_source_shortest_path_length(H, t, cutoff=max_hops)
    near = H.subgraph(k for k in ds if k in dt and ds[k] + dt[k] <= max_hops)
    out: list[Path] = []
    if t in near:
        for nodes in nx.shortest_simple_paths(near, s, t):
            if len(nodes) - 1 > max_hops or (count is not None and len(out) >= count):
                break
            hops = tuple(_hop(G, *near.edges[x, y]["data"]) for x, y in zip(nodes, nodes[1:]))
            out.append(Path(len(hops), tuple(nodes), tuple(label_of(G, k) for k in nodes), hops))
    return out
