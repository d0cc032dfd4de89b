"""Times every kg.analysis function on a synthetic graph shaped like ours (100k entities, 500k relations).

    python3 benchmarks/analysis.py [--entities 100000] [--relations 500000]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, Callable

# run as a script, this folder comes first on sys.path, and its html.py would shadow the standard library's
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE] + [str(_HERE.parent)]

import numpy as np  # noqa: E402

from kg.graph.knowledge_graph import KnowledgeGraph  # noqa: E402
from kg.records import Document, DocumentGraph, Entity, Evidence, Post, Relation  # noqa: E402

# the mix of classes and predicates of the real corpus, roughly
CLASS_SHARE = {"Locality": 0.30, "GovernmentBody": 0.25, "Company": 0.15, "Person": 0.15,
               "Organization": 0.05, "Programme": 0.05, "Project": 0.05}
RULES = [  # predicate, subject class, object class, share of relations
    ("partOf", "Locality", "Locality", 0.10), ("locatedIn", "Company", "Locality", 0.15),
    ("locatedIn", "GovernmentBody", "Locality", 0.15), ("locatedIn", "Project", "Locality", 0.05),
    ("implements", "Locality", "Programme", 0.10), ("implements", "GovernmentBody", "Programme", 0.10),
    ("participatesIn", "Company", "Programme", 0.10), ("participatesIn", "Person", "Programme", 0.05),
    ("participatesIn", "Organization", "Programme", 0.05), ("subProgrammeOf", "Programme", "Programme", 0.03),
    ("subsidiaryOf", "Company", "Company", 0.04), ("develops", "Company", "Project", 0.08),
]


def synthetic_graph(entities: int = 100_000, relations: int = 500_000, regions: int = 1000,
                    seed: int = 0) -> KnowledgeGraph:
    """A KnowledgeGraph with `entities` entities and about `relations` typed relations.

    Entities fall into `regions`; 85% of relations stay inside one region and endpoints are
    Zipf-weighted, so the graph has both communities and hubs, like news about many places.
    """
    rng = np.random.default_rng(seed)
    by_cls: dict[str, np.ndarray] = {}
    start = 0
    ents = []
    for cls, share in CLASS_SHARE.items():
        n = int(entities * share)
        ids = np.arange(start, start + n)
        by_cls[cls] = ids
        for i in ids:
            attrs = (("investment", str(int(rng.integers(1, 100)) * 10**8)),) if cls == "Project" else ()
            ents.append(Entity(f"{cls}/{cls[:3]}{i}", cls, f"{cls[:3]}{i}", (f"a{i}",), 1, 0.8, attrs))
        start += n
    region = rng.integers(0, regions, size=start)
    keys = [e.key for e in ents]
    rels: dict[tuple[str, str, str], Relation] = {}
    for pred, sc, oc, share in RULES:
        want = int(relations * share)
        before = len(rels)
        for _ in range(20):  # duplicates are dropped, so top up; bounded in case the pairs run out
            if len(rels) - before >= want:
                break
            _add_relations(rng, rels, pred, by_cls[sc], by_cls[oc], region, regions, keys, want - (len(rels) - before))
    people = by_cls["Person"]
    posts = [Post(keys[p], "镇长", keys[int(rng.choice(by_cls["Locality"]))], Evidence("d0", "任职。", 0, 1))
             for p in people[: len(people) // 3]]
    doc = Document("d0", "synthetic", "synthetic")
    return KnowledgeGraph.from_documents([DocumentGraph(doc, tuple(ents), tuple(rels.values()), tuple(posts))])


def _add_relations(rng: np.random.Generator, rels: dict, pred: str, subjects: np.ndarray, objects: np.ndarray,
                   region: np.ndarray, regions: int, keys: list[str], n: int) -> None:
    s = _pick(rng, subjects, n)
    local = rng.random(n) < 0.85
    o = _pick(rng, objects, n)
    # local relations stay in the subject's region: the object is drawn among that region's members
    members = _members_by_region(objects, region, regions)
    for j in np.nonzero(local)[0]:
        pool = members[region[s[j]]]
        if len(pool):
            o[j] = pool[int(rng.integers(0, len(pool)))]
    for a, b in zip(s.tolist(), o.tolist()):
        if a != b and (keys[a], pred, keys[b]) not in rels:
            rels[(keys[a], pred, keys[b])] = Relation(keys[a], pred, keys[b],
                                                      Evidence("d0", f"{keys[a]} {pred} {keys[b]}。", 0, 1))


def _pick(rng: np.random.Generator, ids: np.ndarray, n: int) -> np.ndarray:
    # Zipf-like popularity: a few hubs, a long tail
    w = 1.0 / np.arange(1, len(ids) + 1) ** 0.8
    return rng.choice(ids, size=n, p=w / w.sum())


def _members_by_region(ids: np.ndarray, region: np.ndarray, regions: int) -> list[np.ndarray]:
    r = region[ids]
    order = np.argsort(r, kind="stable")
    bounds = np.searchsorted(r[order], np.arange(regions + 1))
    return [ids[order[bounds[k]:bounds[k + 1]]] for k in range(regions)]


def timed(label: str, f: Callable[[], Any]) -> Any:
    # CPU time too: on a shared 2-core machine wall time mostly measures the neighbours
    t0, c0 = time.perf_counter(), time.process_time()
    out = f()
    print(f"{label:<48} {time.perf_counter() - t0:8.2f} s wall {time.process_time() - c0:8.2f} s cpu", flush=True)
    return out


def main() -> None:
    from kg.analysis import (centrality, communities, compare, locality_profile, neighbourhood, paths,
                             programme_map)
    from kg.graph.nx import to_networkx

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--entities", type=int, default=100_000)
    ap.add_argument("--relations", type=int, default=500_000)
    ap.add_argument("--networkx", action="store_true", help="also time the networkx engine (minutes)")
    a = ap.parse_args()
    g = timed("synthetic graph", lambda: synthetic_graph(a.entities, a.relations))
    print(g)
    G = timed("networkx view (with co-occurrence)", lambda: to_networkx(g, cooccurrence=True))
    hub_loc = centrality(G, "degree", cls="Locality", top=1).ranking[0].key
    hub_prog = centrality(G, "degree", cls="Programme", top=1).ranking[0].key
    company = centrality(G, "degree", cls="Company", top=50).ranking[-1].key
    print("on the KnowledgeGraph (every call reads its relations):")
    timed("  centrality pagerank", lambda: centrality(g, "pagerank"))
    timed("  communities louvain (includes pagerank)", lambda: communities(g, "louvain"))
    timed("  pagerank + louvain", lambda: (centrality(g, "pagerank"), communities(g, "louvain")))
    print("on the networkx view:")
    for m in ("pagerank", "degree", "eigenvector", "betweenness"):
        r = timed(f"  centrality {m}", lambda: centrality(G, m))
        print(f"{'':<8}engine: {r.engine}")
    for m in ("louvain", "leiden", "label_propagation"):
        r = timed(f"  communities {m}", lambda: communities(G, m))
        print(f"{'':<8}{len(r.communities)} communities, modularity {r.modularity}, engine {r.engine}")
    timed("  pagerank + louvain", lambda: (centrality(G, "pagerank"), communities(G, "louvain")))
    timed("  neighbourhood, 2 hops of the largest locality", lambda: neighbourhood(G, hub_loc, hops=2))
    timed("  paths, company to largest programme", lambda: paths(G, company, hub_prog, max_hops=4))
    timed("  programme_map, largest programme", lambda: programme_map(G, hub_prog))
    timed("  locality_profile, largest locality", lambda: locality_profile(G, hub_loc))
    timed("  locality_profile on the KnowledgeGraph", lambda: locality_profile(g, hub_loc))
    timed("  compare with itself (KnowledgeGraph)", lambda: compare(g, g))
    if a.networkx:
        import kg.analysis.rank as rank
        real = rank._igraph
        rank._igraph = lambda: None  # as if igraph were not installed
        try:
            for m in ("pagerank", "eigenvector"):
                timed(f"  networkx engine: centrality {m}", lambda: centrality(G, m))
            for m in ("label_propagation", "louvain"):
                timed(f"  networkx engine: communities {m}", lambda: communities(G, m))
        finally:
            rank._igraph = real


if __name__ == "__main__":
    main()
