"""The graph page's map tab: China from the coordinate table's county points, the graph's places on it."""
from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

from kg import geo
from kg.graph.ground import DIVISIONS_DOC

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph

# Albers equal-area conic for China (standard parallels 25° and 47° N, central meridian 105° E), the
# projection China's national maps use: the country keeps its familiar shape, areas stay true.
_LON0, _PAR1, _PAR2 = 105.0, 25.0, 47.0
_N = (math.sin(math.radians(_PAR1)) + math.sin(math.radians(_PAR2))) / 2
_C = math.cos(math.radians(_PAR1)) ** 2 + 2 * _N * math.sin(math.radians(_PAR1))
_RHO0 = math.sqrt(_C) / _N
EARTH_KM = 6371.0


def albers(lon: float, lat: float) -> tuple[int, int]:
    """A point's map position in whole kilometres east and north of (105° E, 0°), by Albers' conic.

    >>> albers(105.0, 0.0)
    (0, 0)
    >>> x, y = albers(120.8269, 29.564)   # 嵊州市: east and north of the origin
    >>> 1400 < x < 1600 and 3200 < y < 3500
    True
    """
    rho = math.sqrt(_C - 2 * _N * math.sin(math.radians(lat))) / _N
    theta = _N * math.radians(lon - _LON0)
    return round(EARTH_KM * rho * math.sin(theta)), round(EARTH_KM * (_RHO0 - rho * math.cos(theta)))


def county_xy() -> list[int]:
    """Every county of the coordinate table, projected, as one flat list x0, y0, x1, y1, … (the outline
    of the country comes from these points alone: no tiles, no boundary file, no network).

    >>> xy = county_xy()
    >>> len(xy) > 5000 and len(xy) % 2 == 0
    True
    """
    return [v for _, _, lon, lat in geo.county_points() for v in albers(lon, lat)]


def map_data(kg: "KnowledgeGraph", nodes: list[str], doc_index: dict[str, int]) -> dict | None:
    """The map tab's data for the page's `nodes` (entity keys; a place record names its node by index),
    None when no place among them has a point.

    places: [node, x, y, mentions, approximate (0/1), programmes it implements, documents]
    programmes: [label, places implementing it], most places first; docOrder: the documents by date.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市实施“千万工程”。")])
    >>> keys = sorted(e.key for e in g.entities())
    >>> m = map_data(g, keys, {})
    >>> [keys[p[0]] for p in m["places"]], m["programmes"]
    (['Locality/嵊州市', 'Locality/浙江省'], [['“千万工程”', 1]])
    """
    index = {k: i for i, k in enumerate(nodes)}
    implements: dict[str, set[str]] = defaultdict(set)
    for f in kg.relations("implements"):
        if f.subject in index and kg.entity(f.object).cls in ("Programme", "PolicyDocument"):
            implements[f.subject].add(f.object)
    places = []
    for key in nodes:
        e = kg.entity(key)
        p = geo.place_point(e.attr("adminCode"), e.attr("adminLevel"), e.attr("adminPath")) \
            if e.cls == "Locality" else None
        if p is not None:
            places.append((key, p))
    if not places:
        return None
    counts: dict[str, int] = defaultdict(int)
    for key, _ in places:
        for prog in implements[key]:
            counts[prog] += 1
    progs = sorted(counts, key=lambda k: (-counts[k], kg.entity(k).label, k))
    prog_index = {k: i for i, k in enumerate(progs)}
    rows = []
    for key, p in places:
        x, y = albers(p.lon, p.lat)
        docs = sorted(doc_index[d] for d in kg.entity_docs.get(key, ()) if d in doc_index)
        rows.append([index[key], x, y, kg.entity(key).mentions, int(p.approximate),
                     sorted(prog_index[k] for k in implements[key]), docs])
    # the slider plays the reports: the division list (a reference, not a report) is not one of them
    dates = {i: kg.documents[d].date or "" for d, i in doc_index.items() if d != DIVISIONS_DOC}
    return {"counties": county_xy(), "places": rows,
            "programmes": [[kg.entity(k).label, counts[k]] for k in progs],
            "docOrder": sorted(dates, key=lambda i: (dates[i] == "", dates[i], i)),
            "unplaced": sum(1 for k in nodes if kg.entity(k).cls == "Locality") - len(rows)}
