"""`kg serve`: the SPARQL 1.1 Protocol on a real server bound to a free loopback port."""
from __future__ import annotations

import csv
import io
import json
import re
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

from kg.query import run_query
from kg.query.server import ServerConfig, negotiate
from loopback import http, serving

ROOT = Path(__file__).resolve().parent.parent
SHENGZHOU = 'SELECT ?x WHERE { ?x a kg:Locality ; rdfs:label "嵊州市"@zh }'
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"   # a cross join of all triples
TIMEOUT = 2.0


@pytest.fixture(scope="module")
def server(corpus_exports):
    with serving(ServerConfig(str(corpus_exports), port=0, timeout=TIMEOUT, max_results=5000,
                                 workers=2, quiet=True)) as srv:
        yield srv


def get(srv, query: str, accept: str = "application/sparql-results+json"):
    return http(srv, "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})


def wrapper(srv, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    s = SPARQLWrapper(srv.url + "sparql")
    s.setQuery(query)
    s.setReturnFormat(fmt)
    s.setMethod(method)
    return s


# ---- SPARQLWrapper, every result format ---------------------------------------------------------
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_formats(server, corpus_exports, method):
    q = "SELECT ?l ?n WHERE { ?x a kg:Locality ; rdfs:label ?l ; kg:mentionCount ?n } ORDER BY DESC(?n) ?l LIMIT 20"
    local = run_query(corpus_exports, q)
    labels = [row[0] for row in local.rows]
    assert "嵊州市" in labels or len(labels) == 20
    j = wrapper(server, q, JSON, method).query().convert()
    assert j["head"]["vars"] == ["l", "n"] and [b["l"]["value"] for b in j["results"]["bindings"]] == labels
    assert j["results"]["bindings"][0]["l"]["xml:lang"] == "zh"
    x = wrapper(server, q, XML, method).query().convert()
    ns = "http://www.w3.org/2005/sparql-results#"
    assert [e.firstChild.data for e in x.getElementsByTagNameNS(ns, "literal")][::2] == labels
    c = wrapper(server, q, CSV, method).query().convert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(c, newline="")))
    assert rows[0] == ["l", "n"] and [r[0] for r in rows[1:]] == labels
    t = wrapper(server, q, TSV, method).query().convert().decode("utf-8").splitlines()
    assert t[0] == "?l\t?n" and [line.split("\t")[0] for line in t[1:]] == [f'"{x}"@zh' for x in labels]


def test_sparqlwrapper_ask_and_construct(server):
    assert wrapper(server, 'ASK { ?x rdfs:label "嵊州市"@zh }', JSON).query().convert()["boolean"] is True
    assert wrapper(server, 'ASK { ?x rdfs:label "no such name"@zh }', XML).query().convert() \
        .getElementsByTagName("boolean")[0].firstChild.data == "false"
    q = "CONSTRUCT { ?d a kg:Document ; kg:source ?s } WHERE { ?d a kg:Document ; kg:source ?s }"
    for fmt in (TURTLE, JSONLD, XML):
        out = wrapper(server, q, fmt).query().convert()
        g = out if isinstance(out, rdflib.Graph) else rdflib.Graph().parse(data=out.decode("utf-8"), format="turtle")
        docs = set(g.subjects(rdflib.RDF.type, rdflib.URIRef("https://w3id.org/zhkg/ontology#Document")))
        assert len(docs) >= 1 and len(g) == 2 * len(docs), fmt


# ---- the protocol with plain urllib ------------------------------------------------------------
def test_get_post_forms_and_negotiation(server):
    st, h, body = get(server, SHENGZHOU)
    assert st == 200 and h["Content-Type"].startswith("application/sparql-results+json")
    expect = json.loads(body)
    assert expect["results"]["bindings"]
    form = urllib.parse.urlencode({"query": SHENGZHOU}).encode()
    st, _, body = http(server, "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert st == 200 and json.loads(body) == expect
    st, _, body = http(server, "/sparql", SHENGZHOU.encode(), {"Content-Type": "application/sparql-query",
                                                                "Accept": "application/json"})
    assert st == 200 and json.loads(body) == expect
    st, h, body = get(server, SHENGZHOU, "text/csv;q=0.5, text/tab-separated-values")
    assert st == 200 and h["Content-Type"].startswith("text/tab-separated-values") and body.startswith("?x\n")
    st, h, body = get(server, "DESCRIBE ?x WHERE { ?x a kg:Document } LIMIT 1", "application/n-triples")
    assert st == 200 and len(rdflib.Graph().parse(data=body, format="nt")) > 0
    st, h, body = get(server, "CONSTRUCT WHERE { ?x a kg:Document }", "application/ld+json")
    assert st == 200 and all("@id" in n for n in json.loads(body))
    assert get(server, SHENGZHOU, "image/png")[0] == 406
    assert negotiate("graph", "*/*", None) == ("ttl", "text/turtle")
    assert negotiate("select", "text/*", None)[0] == "csv"


def test_bad_requests(server):
    st, _, body = get(server, "SELECT * WHERE { ?s ?p ")
    assert st == 400 and "line 1, column" in body
    assert http(server, "/sparql", b"x", {"Content-Type": "text/plain"})[0] == 415
    assert http(server, "/sparql", b"", {"Content-Type": "application/x-www-form-urlencoded"})[0] == 400
    assert http(server, "/nothing")[0] == 404
    st, _, body = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert st == 413 and "LIMIT" in body


def test_updates_and_service_rejected(server):
    ins = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    cases = [
        ("/sparql", urllib.parse.urlencode({"update": ins}).encode(), {"Content-Type": "application/x-www-form-urlencoded"}),
        ("/sparql", ins.encode(), {"Content-Type": "application/sparql-update"}),
        ("/sparql", ins.encode(), {"Content-Type": "application/sparql-query"}),
        ("/sparql", urllib.parse.urlencode({"query": "LOAD <http://example.org/x.ttl>"}).encode(),
         {"Content-Type": "application/x-www-form-urlencoded"}),
        ("/sparql?" + urllib.parse.urlencode({"query": "SELECT * { SERVICE <http://example.org/s> { ?s ?p ?o } }"}), None, {}),
    ]
    for path, data, headers in cases:
        st, _, body = http(server, path, data, headers)
        assert st == 403 and ("read-only" in body or "SERVICE" in body), body
    assert http(server, "/sparql", b"<a> <b> <c> .", {"Content-Type": "text/turtle"}, method="PUT")[0] == 405
    assert get(server, "ASK { <urn:a> <urn:b> <urn:c> }")[2].count("false") == 1


def test_service_description_page_and_no_cors(server):
    st, h, body = http(server, "/sparql")
    assert st == 200 and h["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, rdflib.RDF.type, sd.Service) in g and (None, sd.supportedLanguage, sd.SPARQL11Query) in g
    assert "Access-Control-Allow-Origin" not in h
    st, h, page = http(server, "/")
    assert st == 200 and h["Content-Type"].startswith("text/html")
    # scripts and styles come from this server only (the bundled YASGUI: tests/test_query_page.py)
    assert all(u.startswith(("/", "data:")) for u in re.findall(r'(?:src|href)="([^"]*)"', page))
    assert "http://" not in page.split("<script type=\"application/json\"")[0]
    # the page's own examples (Chinese titles, written to work on any graph), not the corpus's queries/
    examples = sorted((ROOT / "kg" / "query" / "page_assets" / "examples").glob("*.rq"))
    assert examples
    for f in examples:
        title = f.read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
        assert title in page
    st, _, _ = http(server, "/graph.html")
    assert st == (200 if (Path(server.config.graph) / "graph.html").exists() else 404)


def test_cors_only_when_asked(corpus_exports):
    with serving(ServerConfig(str(corpus_exports / "store"), port=0, cors=True, workers=1, quiet=True)) as srv:
        st, h, _ = get(srv, SHENGZHOU)
        assert st == 200 and h["Access-Control-Allow-Origin"] == "*"
        st, h, _ = http(srv, "/sparql", method="OPTIONS")
        assert st == 204 and "POST" in h["Access-Control-Allow-Methods"]


# ---- time limit and load -----------------------------------------------------------------------
def test_slow_query_times_out_while_others_are_answered(server):
    with ThreadPoolExecutor(max_workers=1) as ex:
        t0 = time.monotonic()
        slow = ex.submit(get, server, SLOW)
        time.sleep(0.3)
        st, _, _ = get(server, SHENGZHOU)   # the other worker answers meanwhile
        assert st == 200 and time.monotonic() - t0 < TIMEOUT
        st, h, body = slow.result(timeout=30)
    assert st == 503 and "time limit" in body and h["Retry-After"]
    assert TIMEOUT <= time.monotonic() - t0 < TIMEOUT + 5
    assert get(server, SHENGZHOU)[0] == 200


def test_200_concurrent_queries(server, corpus_exports):
    queries = [SHENGZHOU, "ASK { ?d a kg:Document }",
               "SELECT (COUNT(*) AS ?n) WHERE { ?x a kg:Locality }",
               "SELECT ?l WHERE { ?x a kg:Document ; kg:source ?l } ORDER BY ?l"]
    expect = [json.loads(run_query(corpus_exports, q).format("json")) for q in queries]
    deadline = time.monotonic() + 60
    while get(server, "ASK {}")[0] != 200 and time.monotonic() < deadline:  # a replaced worker may still be starting
        time.sleep(0.2)

    def one(i: int):
        st, _, body = get(server, queries[i % len(queries)])
        return i, st, body
    with ThreadPoolExecutor(max_workers=16) as ex:
        results = list(ex.map(one, range(200)))
    assert [st for _, st, _ in results] == [200] * 200
    for i, _, body in results:
        assert json.loads(body) == expect[i % len(queries)]


# ---- the server outlives rebuilds and bounds itself (issue 23) ----------------------------------
DOCS = "SELECT ?d WHERE { ?d a kg:Document } ORDER BY ?d"


def served_docs(srv) -> list[str]:
    st, _, body = get(srv, DOCS)
    assert st == 200, body
    return [b["d"]["value"].rsplit("/", 1)[-1] for b in json.loads(body)["results"]["bindings"]]


@pytest.mark.parametrize("inside", ["store", "graph.nt"])
def test_serving_a_link_inside_an_export_folder_follows_later_builds(tmp_path_factory, tmp_path, inside):
    from built import build_texts
    a = build_texts(tmp_path_factory, "ga", alpha="嵊州市人民政府印发《嵊州市数字经济发展行动计划》。")
    b = build_texts(tmp_path_factory, "gb", beta="绍兴市发展和改革委员会召开会议。")
    out = tmp_path / "out"
    a.save(out)
    with serving(ServerConfig(str(out / inside), port=0, timeout=30, workers=1, quiet=True)) as srv:
        assert served_docs(srv) == ["alpha"]
        for _ in range(2):  # each generation served is deleted two builds later
            b.save(out)
            b.save(out)
            assert served_docs(srv) == ["beta"]
            a.save(out)
            a.save(out)
            assert served_docs(srv) == ["alpha"]


def _raw(srv, request: bytes) -> bytes:
    import socket
    host, port = srv.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


def test_connections_past_the_cap_get_503_at_once(corpus_exports):
    import socket
    with serving(ServerConfig(str(corpus_exports), port=0, timeout=10, workers=1, quiet=True,
                              max_connections=8, idle_timeout=30)) as srv:
        host, port = srv.server_address[:2]
        slow = [socket.create_connection((host, port), timeout=10) for _ in range(8)]  # never finish a request
        try:
            for s in slow:
                s.sendall(b"GET /sparql HTTP/1.1\r\n")
            time.sleep(0.5)
            t0 = time.monotonic()
            got = _raw(srv, b"GET /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            assert got.startswith(b"HTTP/1.1 503 ") and b"connections are open" in got, got[:300]
            assert time.monotonic() - t0 < 3
        finally:
            for s in slow:
                s.close()
        time.sleep(0.5)  # their threads end, the slots come back
        assert get(srv, "ASK { ?s ?p ?o }")[0] == 200


def test_unread_answers_are_bounded(corpus_exports):
    import socket
    big = "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y } LIMIT 60000"  # about 8 MB: more than socket buffers hold
    with serving(ServerConfig(str(corpus_exports), port=0, timeout=30, workers=1, quiet=True,
                              max_buffered=16 << 20, max_results=100_000, idle_timeout=30)) as srv:
        host, port = srv.server_address[:2]
        size = len(get(srv, big, "text/tab-separated-values")[2].encode("utf-8"))
        assert size > 6_000_000
        q = urllib.parse.urlencode({"query": big})
        hogs = []
        for _ in range(6):  # each asks for the answer and never reads it
            s = socket.create_connection((host, port), timeout=10)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.sendall(f"GET /sparql?{q} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/tab-separated-values\r\n\r\n".encode())
            hogs.append(s)
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                st, _, body = get(srv, big, "text/tab-separated-values")
                if st == 503:
                    break
                time.sleep(0.2)
            assert st == 503 and "answers that clients have not read yet" in body and body.count("\n") == 1, (st, body[:200])
            assert srv._buffered <= (16 << 20) + size
        finally:
            for s in hogs:
                s.close()
