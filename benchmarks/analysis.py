"""Times every kg.analysis function on a synthetic graph shaped like ours (100k entities, 500k relations).

    python3 benchmarks/analysis.py [--entities 100000] [--relations 500000]
"""
from __future__ import annotations

import argparse
import time
from typing import Any, Callable

import numpy as np

from kg.graph.model import KnowledgeGraph
from kg.model import Document, DocumentGraph, Entity, Evidence, Post, Relation

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
    t0 = time.perf_counter()
    out = f()
    print(f"{label:<48} {time.perf_counter() - t0:8.2f} s", flush=True)
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--entities", type=int, default=100_000)
    ap.add_argument("--relations", type=int, default=500_000)
    a = ap.parse_args()
    g = timed("synthetic graph", lambda: synthetic_graph(a.entities, a.relations))
    print(g)
