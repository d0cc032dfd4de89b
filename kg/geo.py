"""Coordinates of China's divisions: the point (WGS 84) of a division code, from data/geo/points.csv.

The table holds every province, prefecture and county with a known point (see data/geo/README.md for
its source, licence and date). A township or village has no point of its own there: it takes its
county's, marked approximate; so does a coded place the table lacks (a development zone with a
statistical code, 330371), which takes its prefecture's, else its province's.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.paths import data_dir

#: the shipped table: code (6 digits), name, lon, lat (WGS 84, 4 decimals), source, same_as (its README)
TABLE = Path("geo") / "points.csv"


@dataclass(frozen=True)
class Point:
    """A place's point, longitude first (WGS 84); `approximate` when it is an enclosing division's."""
    lon: float
    lat: float
    approximate: bool = False

    @property
    def wkt(self) -> str:
        """The point as WKT (GeoSPARQL's geo:wktLiteral without a CRS IRI means WGS 84 lon/lat).

        >>> Point(120.83, 29.5600, False).wkt
        'POINT(120.83 29.56)'
        """
        return f"POINT({_num(self.lon)} {_num(self.lat)})"


def _num(x: float) -> str:
    s = f"{x:.4f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, float, float]]:
    """code → (name, lon, lat), read once per process."""
    path = data_dir() / TABLE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise RuntimeError(f"the coordinate table {path} cannot be read: {e.strerror}") from None
    out = {}
    for row in csv.DictReader(text.splitlines()):
        out[row["code"]] = (row["name"], float(row["lon"]), float(row["lat"]))
    return out


def point(code: str) -> Point | None:
    """The point of a division code (6, 9 or 12 digits), or None for a code the table cannot place.

    A county-level or higher code with a point of its own gives it exactly; a township or village code
    (12 digits not ending in 000000, or 9 digits) gives its county's, approximate; a county-level code
    the table lacks (a zone with a statistical code) gives its prefecture's, else its province's,
    approximate.

    >>> point("330683")
    Point(lon=120.8269, lat=29.564, approximate=False)
    >>> point("330683000000") == point("330683"), point("330683101000").approximate
    (True, True)
    >>> point("330371").approximate, point("990000"), point("no code")
    (True, None, None)
    """
    code = (code or "").strip()
    if not code.isdigit() or len(code) not in (6, 9, 12):
        return None
    approximate = len(code) > 6 and code[6:] != "0" * (len(code) - 6)
    county = code[:6]
    for c in (county, county[:4] + "00", county[:2] + "0000"):
        hit = _table().get(c)
        if hit is not None:
            return Point(hit[1], hit[2], approximate or c != county)
    return None


def county_points() -> list[tuple[str, str, float, float]]:
    """(code, name, lon, lat) of every county-level place in the table, sorted by code.

    >>> rows = county_points()
    >>> next(r for r in rows if r[0] == "330683")
    ('330683', '嵊州市', 120.8269, 29.564)
    >>> all(not r[0].endswith("00") for r in rows), rows == sorted(rows)
    (True, True)
    """
    return sorted((c, n, lon, lat) for c, (n, lon, lat) in _table().items() if c[4:] != "00")


def place_point(code: str | None, level: str | None = None, path: str | None = None) -> Point | None:
    """The point of a grounded place from its kg:adminCode, kg:adminLevel and kg:adminPath: its code's,
    else (a township or village, which the division list gives no code) its nearest coded ancestor's,
    approximate. None for a place with neither (a foreign place, a zone without a code).

    >>> place_point("330683", "county") == point("330683")
    True
    >>> place_point(None, "township", "浙江省/绍兴市/嵊州市/三界镇") == Point(120.8269, 29.564, True)
    True
    >>> place_point(None, None, None), place_point(None, "township", "火星/某镇")
    (None, None)
    """
    if code:
        return point(code)
    if level not in ("township", "village") or not path:
        return None
    ancestor = _coded_ancestor(path)
    p = point(ancestor) if ancestor else None
    return Point(p.lon, p.lat, True) if p else None


def _coded_ancestor(path: str) -> str | None:
    """The code of the nearest coded division above the one at `path` in the division list (a village,
    which the list indexes under its township only, is found through its township)."""
    from kg.extract.divisions import divisions    # late: the list is read only for uncoded places
    d = divisions()
    names = path.split("/")
    for k in range(len(names), 0, -1):
        for i in d.by_name.get(names[k - 1], ()):
            up = [d.items[a] for a in d.ancestors(i)]
            if [a.name for a in reversed(up)] == names[:k - 1]:
                chain = up if k == len(names) else [d.items[i], *up]
                return next((a.code for a in chain if a.code), None)
    return None
