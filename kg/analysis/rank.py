"""Who matters and what belongs together: centrality rankings and communities, fast on 100k-entity graphs."""
from __future__ import annotations

import itertools
import random
import warnings
from dataclasses import dataclass
from typing import Any, Iterable

import networkx as nx
import numpy as np

from kg.analysis._base import UNSET, GraphLike, Result, _Unset, pick_count, relation_counts, sentences
from kg.graph.knowledge_graph import KnowledgeGraph
from kg.terms import class_name

MEASURES = ("pagerank", "degree", "betweenness", "eigenvector")
METHODS = ("louvain", "leiden", "label_propagation")
#: Above this many entities betweenness is estimated from `samples` source entities, not computed exactly.
EXACT_BETWEENNESS_MAX = 10_000


@dataclass(frozen=True)
class Ranked:
    rank: int
    key: str
    label: str
    cls: str
    score: float


@dataclass(frozen=True)
class Centrality(Result):
    """The `top` entities by `measure` (of class `cls`, when given), best first."""
    measure: str
    cls: str | None
    engine: str
    ranking: tuple[Ranked, ...]

    def rows(self) -> list[dict[str, Any]]:
        return [{"rank": r.rank, "label": r.label, "class": r.cls, "score": r.score, "key": r.key}
                for r in self.ranking]


@dataclass(frozen=True)
class Community:
    id: int
    label: str                   # its most central members' labels, joined by " / "
    size: int
    members: tuple[str, ...]     # keys, most central first
    classes: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Communities(Result):
    """Communities of the graph, largest first; entities without any relation are left out."""
    method: str
    engine: str
    modularity: float
    communities: tuple[Community, ...]

    def rows(self) -> list[dict[str, Any]]:
        return [{"id": c.id, "label": c.label, "size": c.size,
                 "classes": ", ".join(f"{k} {n}" for k, n in c.classes)} for c in self.communities]


# ---- the graph as arrays ---------------------------------------------------------------------
@dataclass(frozen=True)
class _Arrays:
    keys: list[str]
    cls: list[str]
    label: list[str]
    official: list[bool]
    src: list[int]         # one entry per edge, directed; igraph takes these lists as they are
    dst: list[int]
    weight: list[float]


def _arrays(g: GraphLike, cooccurrence: bool) -> _Arrays:
    # straight from the KnowledgeGraph when given one: building its networkx view would double the time
    if isinstance(g, KnowledgeGraph):
        ents = g.entities()
        keys = [e.key for e in ents]
        cls = [e.cls for e in ents]
        label = [e.label for e in ents]
        posts = g.posts()
        officials = {p.person for p in posts}
        edges: Iterable[tuple[str, str, float]] = itertools.chain(
            ((s, o, float(n or 1)) for s, _, o, n in relation_counts(g)),
            ((p.person, p.org, float(len(p.evidence) or 1)) for p in posts),
            ((a, b, float(w)) for (a, b), w in (g.cooccurrence.items() if cooccurrence else ())),
        )
    else:
        nodes = list(g.nodes(data=True))
        keys = [k for k, _ in nodes]
        cls = [d.get("cls", "") for _, d in nodes]
        label = [d.get("label", k) for k, d in nodes]
        officials = {k for k, d in nodes if d.get("official")}
        edges = ((u, v, float(d.get("weight") or sentences(d) or 1))
                 for u, v, d in g.edges(data=True) if cooccurrence or d.get("predicate") != "relatedTo")
    index = {k: i for i, k in enumerate(keys)}
    src, dst, weight = [], [], []
    for u, v, w in edges:
        i, j = index.get(u), index.get(v)
        if i is not None and j is not None and i != j:
            src.append(i)
            dst.append(j)
            weight.append(w)
    return _Arrays(keys, cls, label, [k in officials for k in keys], src, dst, weight)


def _igraph() -> Any:
    try:
        import igraph
        return igraph
    except ImportError:
        return None


def _undirected(a: _Arrays) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Simple undirected edges (u < v) with summed weights, for the networkx fallback."""
    src, dst = np.array(a.src, dtype=np.int64), np.array(a.dst, dtype=np.int64)
    u, v = np.minimum(src, dst), np.maximum(src, dst)
    n = max(len(a.keys), 1)
    uniq, inv = np.unique(u * n + v, return_inverse=True)
    return uniq // n, uniq % n, np.bincount(inv, weights=np.array(a.weight, dtype=float))


def _ig_graphs(ig: Any, a: _Arrays) -> tuple[Any, Any]:
    """The directed multigraph and its simple undirected form (weights summed), built in C."""
    D = ig.Graph(n=len(a.keys), edges=list(zip(a.src, a.dst)), directed=True, edge_attrs={"weight": a.weight})
    return D, D.as_undirected(mode="collapse", combine_edges={"weight": "sum"})


def _scores(a: _Arrays, measure: str, seed: int, samples: int) -> tuple[np.ndarray, str]:
    n = len(a.keys)
    if n == 0:
        return np.zeros(0), "none"
    ig = _igraph()
    if ig is not None:
        D, U = _ig_graphs(ig, a)
        if measure == "degree":
            # distinct neighbours over (n - 1), as networkx's degree_centrality
            return np.array(U.degree(), dtype=float) / max(n - 1, 1), "igraph"
        if measure == "pagerank":
            return np.array(D.pagerank(weights="weight")), "igraph"
        if measure == "eigenvector":
            with warnings.catch_warnings():
                # news graphs are never connected; the scores still rank the main component, as documented
                warnings.simplefilter("ignore", RuntimeWarning)
                return np.array(U.eigenvector_centrality(weights="weight")), "igraph"
        if n <= EXACT_BETWEENNESS_MAX:
            b = np.array(U.betweenness(directed=False))
            return b * 2 / max((n - 1) * (n - 2), 1), "igraph"
        sources = random.Random(seed).sample(range(n), min(samples, n))
        b = np.array(U.betweenness(directed=False, sources=sources)) * (n / len(sources))
        return b * 2 / max((n - 1) * (n - 2), 1), f"igraph, {len(sources)} sampled sources"
    # networkx fallback: same measures, slower
    u, v, w = _undirected(a)
    if measure == "degree":
        deg = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
        return deg / max(n - 1, 1), "numpy"
    if measure == "pagerank":
        D = nx.DiGraph()
        D.add_nodes_from(range(n))
        for s, d, x in zip(a.src, a.dst, a.weight):
            D.add_edge(s, d, weight=D[s][d]["weight"] + x if D.has_edge(s, d) else x)
        pr = nx.pagerank(D, weight="weight")
        return np.array([pr[i] for i in range(n)]), "networkx"
    U = _nx_undirected(n, u, v, w)
    if measure == "eigenvector":
        # networkx refuses disconnected graphs: score the largest component, zero elsewhere, largest 1.0 (as igraph)
        main = max(nx.connected_components(U), key=len) if U.number_of_edges() else set()
        ev = nx.eigenvector_centrality_numpy(U.subgraph(main), weight="weight") if len(main) > 1 else {}
        x = np.array([abs(ev.get(i, 0.0)) for i in range(n)])
        return x / (x.max() or 1.0), "networkx"
    k = None if n <= EXACT_BETWEENNESS_MAX else min(samples, n)
    bc = nx.betweenness_centrality(U, k=k, seed=seed)
    return np.array([bc[i] for i in range(n)]), "networkx" + (f", {k} sampled sources" if k else "")


def _nx_undirected(n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> nx.Graph:
    U = nx.Graph()
    U.add_nodes_from(range(n))
    U.add_weighted_edges_from(zip(u.tolist(), v.tolist(), w.tolist()))
    return U


def centrality(g: GraphLike, measure: str = "pagerank", cls: str | None = None, n: int | None = 20, *,
               cooccurrence: bool = True, samples: int = 32, seed: int = 0, top: int | None | _Unset = UNSET
               ) -> Centrality:
    """Rank entities by a centrality measure.

    Typed relations and posts count as edges weighted by their number of evidence sentences;
    with `cooccurrence`, co-occurrence in a sentence counts too (weighted by sentences), since
    much of what news says is never typed.

    Parameters
    ----------
    g : KnowledgeGraph or networkx.MultiDiGraph
        The graph or its networkx view.
    measure : {"pagerank", "degree", "betweenness", "eigenvector"}
        PageRank follows relation direction (a town partOf a city gives rank to the city);
        the others see the graph as undirected. Eigenvector scores (largest 1.0) are near zero
        outside the largest connected component. Betweenness is exact up to 10,000 entities and
        estimated from `samples` random source entities above that.
    cls : str, optional
        Keep only entities of this class ("Official" keeps persons who hold a post); English or
        Chinese ("Company" or "企业").
    n : int or None
        How many to return (`kg top -n`); None returns all. ``top=`` is the older name, still accepted.
    cooccurrence : bool
        Count co-occurrence edges (ignored for a networkx view built without them).
    samples, seed : int
        Source entities sampled for betweenness on large graphs, and the random seed.

    Returns
    -------
    Centrality
        ``.ranking``: tuple of Ranked(rank, key, label, cls, score), best first; ``.engine``
        says what computed it (igraph when installed, else networkx).

    Examples
    --------
    >>> from kg.analysis import centrality, example_graph
    >>> top = centrality(example_graph(), "pagerank", cls="Locality", n=5)
    >>> len(top.ranking), top.ranking[0].cls
    (5, 'Locality')
    >>> top.ranking[0].score >= top.ranking[-1].score
    True
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; expected one of {', '.join(MEASURES)}")
    if cls is not None:
        cls = class_name(cls)
    n = pick_count(n, top, "top")
    a = _arrays(g, cooccurrence)
    scores, engine = _scores(a, measure, seed, samples)
    idx = [i for i, (c, o) in enumerate(zip(a.cls, a.official))
           if cls is None or c == cls or (cls == "Official" and c == "Person" and o)]
    # best first, then by key so ties are stable across runs
    order = sorted(idx, key=lambda i: (-scores[i], a.keys[i]))
    if n is not None:
        order = order[:n]
    ranking = tuple(Ranked(r + 1, a.keys[i], a.label[i], a.cls[i], round(float(scores[i]), 6))
                    for r, i in enumerate(order))
    return Centrality(measure, cls, engine, ranking)


def communities(g: GraphLike, method: str = "louvain", seed: int = 0, *, cooccurrence: bool = True,
                label_size: int = 3, n: int | None = None) -> Communities:
    """Partition the entities into communities of densely related ones.

    Parameters
    ----------
    g : KnowledgeGraph or networkx.MultiDiGraph
        The graph or its networkx view; edges as in :func:`centrality`, seen as undirected.
    method : {"louvain", "leiden", "label_propagation"}
        Modularity optimisation by Louvain or Leiden, or label propagation. networkx runs them
        (Louvain: 20 s on 100k entities and 500k relations); with the optional igraph installed
        (``pip install 'zhkg[igraph]'``, GPL-2.0-or-later) igraph does (2 s; Leiden needs it).
    seed : int
        Random seed: the same seed gives the same communities.
    cooccurrence : bool
        Count co-occurrence edges.
    label_size : int
        How many of the most central members (by weighted degree) name a community.
    n : int or None
        Keep the `n` largest communities (`kg communities -n`); None keeps all. The modularity
        is that of the whole partition either way.

    Returns
    -------
    Communities
        ``.communities``: tuple of Community(id, label, size, members, classes), largest first,
        members most central (highest weighted degree) first; ``.modularity`` of the partition.

    Examples
    --------
    >>> from kg.analysis import communities, example_graph
    >>> parts = communities(example_graph(), "louvain", seed=0)
    >>> parts.communities[0].size >= parts.communities[-1].size
    True
    >>> parts.communities[0].members[0].split("/")[1] in parts.communities[0].label
    True
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    a = _arrays(g, cooccurrence)
    membership, strength, modularity, engine = _partition(a, method, seed)
    groups: dict[int, list[int]] = {}
    # entities without any relation would each be a community of one: leave them out
    for i in np.nonzero(strength > 0)[0].tolist():
        groups.setdefault(int(membership[i]), []).append(i)
    ordered = sorted(groups.values(), key=lambda m: (-len(m), min(a.keys[i] for i in m)))[:n]
    out = []
    for cid, members in enumerate(ordered):
        members.sort(key=lambda i: (-strength[i], a.keys[i]))
        counts: dict[str, int] = {}
        for i in members:
            counts[a.cls[i]] = counts.get(a.cls[i], 0) + 1
        out.append(Community(cid, " / ".join(a.label[i] for i in members[:label_size]), len(members),
                             tuple(a.keys[i] for i in members),
                             tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))))
    return Communities(method, engine, round(modularity, 4), tuple(out))


def _partition(a: _Arrays, method: str, seed: int) -> tuple[np.ndarray, np.ndarray, float, str]:
    """(community per entity, weighted degree per entity, modularity, engine)."""
    n = len(a.keys)
    ig = _igraph()
    if ig is not None and n:
        _, U = _ig_graphs(ig, a)
        # igraph draws from the module-level `random` unless told otherwise: give it its own, seeded
        ig.set_random_number_generator(random.Random(seed))
        try:
            if method == "louvain":
                parts = U.community_multilevel(weights="weight")
            elif method == "leiden":
                parts = U.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
            else:
                parts = U.community_label_propagation(weights="weight")
        finally:
            ig.set_random_number_generator(random)
        membership = np.array(parts.membership)
        return (membership, np.array(U.strength(weights="weight"), dtype=float),
                U.modularity(parts.membership, weights="weight") if U.ecount() else 0.0, "igraph")
    if method == "leiden":
        raise ImportError("method='leiden' needs igraph, which is GPL-2.0-or-later and not installed by default: "
                          "pip install 'zhkg[igraph]'")
    u, v, w = _undirected(a)
    U = _nx_undirected(n, u, v, w)
    if method == "louvain":
        sets = nx.community.louvain_communities(U, weight="weight", seed=seed)
    else:
        sets = nx.community.fast_label_propagation_communities(U, weight="weight", seed=seed)
    membership = np.zeros(n, dtype=np.int64)
    for c, members in enumerate(sets):
        membership[list(members)] = c
    strength = np.bincount(u, weights=w, minlength=n) + np.bincount(v, weights=w, minlength=n)
    return membership, strength, _modularity(n, u, v, w, membership), "networkx"


def _modularity(n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray, membership: np.ndarray) -> float:
    # Newman modularity of an undirected weighted graph, in linear time
    m = w.sum()
    if m == 0:
        return 0.0
    strength = np.bincount(u, weights=w, minlength=n) + np.bincount(v, weights=w, minlength=n)
    inside = w[membership[u] == membership[v]].sum()
    per = np.bincount(membership, weights=strength)
    return float(inside / m - (per ** 2).sum() / (4 * m * m))
