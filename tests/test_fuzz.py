"""Property tests (hypothesis): hostile text through read → normalise → extract → export, and hostile
queries and headers against the SPARQL endpoint. A few dozen inputs here; `benchmarks/fuzz.py`
runs the same properties on thousands."""
from __future__ import annotations

import http.client
import tempfile
import urllib.parse
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import kg
from kg.pipeline import BuildReport

ROOT = Path(__file__).resolve().parent.parent
KG_ONT = "https://w3id.org/zhkg/ontology#"

# ---- inputs: the corpus's own vocabulary mixed with anything Unicode has ------------------------
_PIECES = ["浙江省", "嵊州市", "三界镇", "人民政府", "有限公司", "集团", "项目", "计划", "工程", "书记", "市长",
           "主任", "张伟", "王芳", "委员会", "发展和改革局", "投资", "亿元", "位于", "隶属于", "实施", "。", "，",
           "、", "：", "（", "）", "“", "”", "《", "》", "\n", "\n\n", " ", "\u3000", "\ufeff", "\u200b", "\x00",
           "\r\n", "<b>", "&amp;", "\ud7ff", "𠀀", "ｱ", "Ａ", "⼈", "\u202e", "%zz", "\\", "\"", "'", "@zh", "> .",
           "<http://x/>", "_:b", "^^", "1.5e3"]
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=5)), max_size=80).map("".join),
)
BYTES = st.binary(max_size=600)


def check_build(data: bytes, workdir: Path) -> str:
    """Build one file holding `data`; every outcome other than a documented input error must give
    evidence offsets inside the text and exports that parse. Returns "built" or "refused"."""
    import pyoxigraph as ox
    import rdflib
    src = workdir / "in" / "doc.txt"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_bytes(data)
    report = BuildReport()
    try:
        g = kg.build([src], report=report, on_skip=lambda m: None)
    except kg.InputError as e:
        assert str(e) and "\n" not in str(e)
        return "refused"
    n = report.characters
    for rel in g.relations():
        for ev in rel.evidence:
            assert 0 <= ev.start <= ev.end <= n and ev.end - ev.start == len(ev.sentence), ev
    out = workdir / "out"
    g.save(out)
    nt = (out / "graph.nt").read_bytes()
    list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    list(ox.parse((out / "graph.trig").read_bytes(), format=ox.RdfFormat.TRIG))
    rdflib.Graph().parse(data=nt.decode("utf-8"), format="nt")
    rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert kg.load(out).documents.keys() == g.documents.keys()
    return "built"


def conforms(out: Path) -> tuple[bool, str]:
    import rdflib
    from pyshacl import validate
    shapes = rdflib.Graph().parse(ROOT / "schemas" / "shapes.ttl")
    ok, _, text = validate(rdflib.Graph().parse(out / "graph.ttl"), shacl_graph=shapes,
                           ont_graph=rdflib.Graph().parse(ROOT / "schemas" / "zhkg.ttl"), inference="rdfs")
    return ok, text


FUZZ = settings(max_examples=12, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(TEXTS)
def test_any_text_builds_or_is_refused_with_one_line(text):
    with tempfile.TemporaryDirectory() as d:
        if check_build(text.encode("utf-8", "surrogatepass"), Path(d)) == "built":
            ok, report = conforms(Path(d) / "out")
            assert ok, report


@FUZZ
@given(BYTES)
def test_any_bytes_build_or_are_refused_with_one_line(data):
    with tempfile.TemporaryDirectory() as d:
        check_build(data, Path(d))


# ---- the endpoint: random queries and headers -----------------------------------------------------
_QTOKENS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", "[", "]", "?s", "?p", "?o", "*",
            "a", "kg:Locality", "rdfs:label", "ex:a\\'", "'", '"', "'''", "<http://127.0.0.1:1/>", "SERVICE",
            "INSERT", "DATA", "LOAD", "FILTER", "BIND", "AS", "UNION", "OPTIONAL", "GRAPH", "VALUES", "LIMIT", "1",
            "||", "&&", "!", "+", "^^", "@zh", "#", "\n", ".", ";", ",", "PREFIX", "x:", "_:b", "<<", ">>", "REGEX",
            "COUNT", "GROUP", "BY", "ORDER", "\\", "%", "\u0000", "嵊州"]
QUERIES = st.one_of(st.text(max_size=200),
                    st.lists(st.sampled_from(_QTOKENS), max_size=60).map(" ".join))
HEADER = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=60)
ACCEPT = st.one_of(st.none(), HEADER, st.sampled_from(["text/csv", "application/sparql-results+json", "*/*",
                                                       "text/turtle;q=0", "application/ld+json", "image/png"]))
FORMAT = st.one_of(st.none(), HEADER, st.sampled_from(["json", "csv", "turtle", "xml", "nt", "foo"]))
OK_STATUS = {200, 400, 403, 404, 405, 406, 411, 413, 415, 503}


def check_request(srv, query: str, accept: str | None, fmt: str | None, post: bool) -> int:
    """One request; the server answers with a 2xx/4xx (503 only for time limits), never a 5xx or a crash."""
    host, port = srv.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=60)
    params = {"query": query} | ({"format": fmt} if fmt is not None else {})
    headers = {"Accept": accept} if accept is not None else {}
    try:
        if post:
            body = urllib.parse.urlencode(params).encode()
            conn.request("POST", "/sparql", body, {**headers, "Content-Type": "application/x-www-form-urlencoded"})
        else:
            conn.request("GET", "/sparql?" + urllib.parse.urlencode(params), headers=headers)
        r = conn.getresponse()
        body = r.read().decode("utf-8", "replace")
    finally:
        conn.close()
    assert r.status in OK_STATUS, (r.status, body)
    if r.status >= 400:
        assert body.endswith("\n") and body.count("\n") == 1, body  # one line
    return r.status


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory):
    from kg.query.server import ServerConfig
    from loopback import serving
    p = tmp_path_factory.mktemp("fz") / "graph.nt"
    p.write_text("".join(f'<https://w3id.org/zhkg/id/locality/{i}> <http://www.w3.org/2000/01/rdf-schema#label> '
                         f'"嵊州{i}"@zh .\n' for i in range(30)), encoding="utf-8")
    with serving(ServerConfig(str(p), port=0, workers=1, timeout=10, quiet=True)) as srv:
        yield srv


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES, accept=ACCEPT, fmt=FORMAT, post=st.booleans())
def test_endpoint_answers_any_query_and_headers_with_4xx_at_worst(fuzz_server, query, accept, fmt, post):
    check_request(fuzz_server, query, accept, fmt, post)
