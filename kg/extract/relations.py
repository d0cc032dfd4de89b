"""Relations with evidence (stub, being replaced)."""
from __future__ import annotations

from collections import Counter
from itertools import combinations

from kg.model import Evidence, Relation


def relate(doc, sentences, resolved, res):
    rels = []
    by_sent = {}
    for m, k in resolved.mentions:
        by_sent.setdefault(m.sentence, []).append((m, k))
    cooc = Counter()
    for si, ms in by_sent.items():
        s = sentences[si]
        for (a, ka), (b, kb) in zip(ms, ms[1:]):
            if a.cls == b.cls == "Locality" and a.end == b.start and ka != kb:
                rels.append(Relation(kb, "partOf", ka, Evidence(doc.id, s.text, s.start, s.end, 0.9, "adjacent")))
        for x, y in combinations(sorted({k for _, k in ms}), 2):
            cooc[(x, y)] += 1
    return rels, [], [(a, b, w) for (a, b), w in sorted(cooc.items())]
