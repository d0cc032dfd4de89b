"""SPARQL queries: engines, prefixes, errors, result formats, named graphs, the store and `kg query`."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from kg.cli import main as kg_main
from kg.graph.knowledge_graph import KnowledgeGraph
from kg.records import Document, DocumentGraph, Entity, Evidence, Post, Relation
from kg.query import IRI, QueryRefused, QuerySyntaxError, ResultTooLarge, run_query
from kg.query.dataset import from_nquads

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "queries").glob("*.rq"))


def _doc(doc_id: str, text: str, ents, rels=(), posts=()) -> DocumentGraph:
    return DocumentGraph(Document(doc_id, f"data/{doc_id}.txt", text, title=doc_id),
                         tuple(Entity(f"{c}/{n}", c, n, mentions=1) for c, n in ents), tuple(rels), tuple(posts))


@pytest.fixture(scope="module")
def tiny() -> KnowledgeGraph:
    """A small graph with every shape the example queries look for (the corpus may not have all yet)."""
    s1 = "巴贝集团位于嵊州市三界镇，嵊州市推进一号改革工程。"
    s2 = "绍兴市推进一号改革工程，三界镇镇长孟超峰介绍。"
    ev1 = lambda a, b: Evidence("d1", s1, a, b, 0.9, "test")  # noqa: E731
    ev2 = lambda a, b: Evidence("d2", s2, a, b, 0.9, "test")  # noqa: E731
    d1 = _doc("d1", s1, [("Locality", "嵊州市"), ("Locality", "三界镇"), ("Company", "巴贝集团"), ("Programme", "一号改革工程")],
              [Relation("Company/巴贝集团", "locatedIn", "Locality/三界镇", ev1(0, 12)),
               Relation("Locality/三界镇", "partOf", "Locality/嵊州市", ev1(6, 12)),
               Relation("Locality/嵊州市", "implements", "Programme/一号改革工程", ev1(13, 25))])
    d2 = _doc("d2", s2, [("Locality", "绍兴市"), ("Locality", "三界镇"), ("Programme", "一号改革工程"), ("Person", "孟超峰")],
              [Relation("Locality/绍兴市", "implements", "Programme/一号改革工程", ev2(0, 11))],
              [Post("Person/孟超峰", "镇长", "Locality/三界镇", ev2(12, 21))])
    g = KnowledgeGraph.from_documents([d1, d2])
    from dataclasses import replace
    g.documents["d1"] = replace(g.documents["d1"], date="2024-02-10")   # for programmes_by_month.rq
    return g


def _canon(r):
    """Rows as comparable values (engine order of ties may differ, blank node labels always do)."""
    if r.kind == "ask":
        return r.boolean
    if r.kind == "graph":
        return sorted(tuple(t.n3() for t in tr) for tr in r.triples)
    return r.vars, sorted(repr(row) for row in r.rows)


# ---- engines agree ------------------------------------------------------------------------------
@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_examples_agree_and_answer_on_tiny_graph(tiny, path):
    q = path.read_text(encoding="utf-8")
    assert q.startswith("#"), "every example query opens with a comment header"
    ox, rl = run_query(tiny, q, "oxigraph"), run_query(tiny, q, "rdflib")
    assert ox.engine == "oxigraph" and rl.engine == "rdflib"
    assert _canon(ox) == _canon(rl)
    assert len(ox) > 0, f"{path.name} finds nothing in a graph made for it"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_examples_agree_on_corpus(corpus_exports, path):
    q = path.read_text(encoding="utf-8")
    # oxigraph reads exports/store/, rdflib reads exports/graph.trig: the two must say the same
    assert _canon(run_query(corpus_exports, q, "oxigraph")) == _canon(run_query(corpus_exports, q, "rdflib"))


def test_tiny_answers(tiny):
    r = run_query(tiny, (ROOT / "queries/companies_in_shengzhou.rq").read_text(encoding="utf-8"))
    assert r.dicts() == [{"company": "巴贝集团", "site": "三界镇"}]
    r = run_query(tiny, (ROOT / "queries/officials.rq").read_text(encoding="utf-8"), "rdflib")
    assert r.rows == [("孟超峰", "镇长", "三界镇")]
    r = run_query(tiny, (ROOT / "queries/shared_programmes.rq").read_text(encoding="utf-8"))
    assert r.rows == [("一号改革工程", "嵊州市", "绍兴市")] or r.rows == [("一号改革工程", "绍兴市", "嵊州市")]


# ---- the corpus graph ---------------------------------------------------------------------------
def test_corpus_facts(corpus_exports, corpus_graph):
    assert (corpus_exports / "store").is_dir() and (corpus_exports / "graph.trig").is_file()
    for engine in ("oxigraph", "rdflib"):
        assert run_query(corpus_exports, 'ASK { ?x a kg:Locality ; rdfs:label "嵊州市"@zh }', engine).boolean
        r = run_query(corpus_exports, "SELECT ?d ?s WHERE { ?d a kg:Document ; kg:source ?s }", engine)
        assert len(r) == len(corpus_graph.input_documents()) > 0
        assert all(isinstance(d, IRI) and isinstance(s, str) for d, s in r.rows)
    assert corpus_graph.sparql('ASK { ?x a kg:Locality ; rdfs:label "嵊州市"@zh }').boolean
    n = corpus_graph.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    assert isinstance(n, int) and n > 1000


def test_named_graphs(corpus_exports, corpus_graph):
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    expect = sorted(corpus_graph.doc_iri(d) for d in corpus_graph.documents)
    for engine in ("oxigraph", "rdflib"):
        assert [row[0] for row in run_query(corpus_exports, q, engine).rows] == expect
    # a document graph holds that document's evidence only
    bad = run_query(corpus_exports, "ASK { GRAPH ?g { ?ev a kg:Evidence ; prov:wasDerivedFrom ?d } FILTER (?d != ?g) }")
    assert bad.boolean is False


def test_trig_default_graph_is_graph_nt_and_deterministic(corpus_exports, corpus_graph):
    import pyoxigraph as ox
    from kg.export.trig import to_trig
    trig = (corpus_exports / "graph.trig").read_bytes()
    quads = list(ox.parse(trig, format=ox.RdfFormat.TRIG))
    default = {(q.subject, q.predicate, q.object) for q in quads if q.graph_name == ox.DefaultGraph()}
    nt = {(t.subject, t.predicate, t.object) for t in ox.parse(path=str(corpus_exports / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert default == nt
    # rdflib reads the same file in test_examples_agree_on_corpus
    assert to_trig(corpus_graph) == to_trig(corpus_graph)


# ---- prefixes, errors, refusals -------------------------------------------------------------------
@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_own_prefix_lines_work(tiny, engine):
    q = "PREFIX k: <https://w3id.org/zhkg/ontology#>\nPREFIX kg: <urn:other#>\nSELECT ?l WHERE { ?x a k:Company ; rdfs:label ?l }"
    assert run_query(tiny, q, engine).rows == [("巴贝集团",)]
    assert run_query(tiny, "PREFIX kg: <urn:other#> ASK { ?x a kg:Company }", engine).boolean is False


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_syntax_error_gives_line_and_column(tiny, engine):
    with pytest.raises(QuerySyntaxError) as e:
        run_query(tiny, "SELECT ?x\nWHERE { ?x a kg:Company ", engine)
    assert e.value.line == 2 and e.value.column > 1
    assert str(e.value).startswith(f"SPARQL syntax error at line 2, column {e.value.column}: ")


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("query", ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "prefix x: <urn:x#> delete where { ?s ?p ?o }",
                                   "LOAD <http://example.org/x.ttl>", "CLEAR ALL",
                                   "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"])
def test_updates_and_service_refused(tiny, engine, query):
    with pytest.raises(QueryRefused):
        run_query(tiny, query, engine)


def test_keywords_in_strings_and_names_are_not_refused(tiny):
    q = 'PREFIX s: <urn:SERVICE#> SELECT ?x WHERE { ?x rdfs:label "INSERT SERVICE"@zh } # SERVICE'
    assert len(run_query(tiny, q)) == 0


def test_max_rows(tiny):
    with pytest.raises(ResultTooLarge, match="more than 3 rows"):
        run_query(tiny, "SELECT * WHERE { ?s ?p ?o }", max_rows=3)
    assert len(run_query(tiny, "SELECT * WHERE { ?s ?p ?o } LIMIT 3", max_rows=3)) == 3


# ---- results and formats ---------------------------------------------------------------------
def test_python_values(tiny):
    r = run_query(tiny, "SELECT ?x ?n ?c ?none WHERE { ?x rdfs:label \"巴贝集团\"@zh ; kg:mentionCount ?n ; kg:confidence ?c "
                        "OPTIONAL { ?x kg:adminCode ?none } }")
    (x, n, c, none), = r.rows
    assert isinstance(x, IRI) and x.startswith("https://w3id.org/zhkg/id/company/")
    assert n == 1 and isinstance(n, int) and c == Decimal("0.8") and none is None
    assert r.dicts() == [{"x": x, "n": 1, "c": Decimal("0.8")}]


def test_select_formats(tiny):
    r = run_query(tiny, "SELECT ?l ?n WHERE { ?x a kg:Locality ; rdfs:label ?l ; kg:mentionCount ?n } ORDER BY ?l")
    labels = sorted(["嵊州市", "三界镇", "绍兴市"])
    assert [row[0] for row in r.rows] == labels
    doc = json.loads(r.format("json"))
    assert doc["head"]["vars"] == ["l", "n"]
    assert doc["results"]["bindings"][0]["l"] == {"type": "literal", "value": labels[0], "xml:lang": "zh"}
    rows = list(csv.reader(io.StringIO(r.format("csv"), newline="")))
    assert rows[0] == ["l", "n"] and [x[0] for x in rows[1:]] == labels
    tsv = r.format("tsv").splitlines()
    assert tsv[0] == "?l\t?n" and tsv[1].startswith(f'"{labels[0]}"@zh\t')
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(r.format("xml"))
    assert [v.get("name") for v in root.find("s:head", ns)] == ["l", "n"]
    assert len(root.find("s:results", ns)) == 3
    table = r.format("table")
    assert table.splitlines()[0].split() == ["l", "n"] and table.rstrip().endswith("(3 rows)")
    assert json.loads(run_query(tiny, "ASK { ?x a kg:Company }").format("json")) == {"head": {}, "boolean": True}


def test_graph_formats(tiny):
    import rdflib
    r = run_query(tiny, "CONSTRUCT { ?x rdfs:label ?l ; a ?c } WHERE { ?x a kg:Locality , ?c ; rdfs:label ?l }")
    assert r.kind == "graph" and len(r) == 6
    for fmt, parser in (("nt", "nt"), ("ttl", "turtle"), ("jsonld", "json-ld"), ("rdfxml", "xml")):
        g = rdflib.Graph().parse(data=r.format(fmt), format=parser)
        assert len(g) == 6, fmt
    with pytest.raises(ValueError, match="does not fit"):
        r.format("xml-nonsense")


# ---- kg query -----------------------------------------------------------------------------------
def test_cli_query(corpus_exports, capsys, tmp_path):
    assert kg_main(["query", "-g", str(corpus_exports), "--format", "csv",
                    'SELECT ?l WHERE { ?x a kg:Locality ; rdfs:label ?l FILTER (?l = "嵊州市"@zh) }']) == 0
    assert capsys.readouterr().out == "l\r\n嵊州市\r\n"
    f = tmp_path / "q.rq"
    f.write_text("# a comment\nASK { ?d a kg:Document }\n", encoding="utf-8")
    for g, engine in ((corpus_exports / "store", "oxigraph"), (corpus_exports / "graph.ttl", "oxigraph"),
                      (corpus_exports, "rdflib")):
        assert kg_main(["query", "-g", str(g), "-f", str(f), "--engine", engine]) == 0
        assert capsys.readouterr().out == "true\n"


@pytest.mark.parametrize("args, message", [
    (["-g", "/nonexistent/exports", "ASK {}"], "run `kg build`"),
    (["SELECT * WHERE { ?s ?p "], "SPARQL syntax error at line 1, column"),
    (["INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "read-only"),
    ([], "no query"),
])
def test_cli_errors_are_one_line(corpus_exports, args, message):
    args = args if args[:1] == ["-g"] else ["-g", str(corpus_exports), *args]
    r = subprocess.run([sys.executable, "-m", "kg", "query", *args], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode != 0 and r.stdout == ""
    assert message in r.stderr and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_in_memory_dataset_doctest_shape():
    ds = from_nquads('<urn:a> <urn:p> "x" .\n', "rdflib")
    assert run_query(ds, "SELECT ?o WHERE { ?s ?p ?o }", "rdflib").rows == [("x",)]


def test_printed_iris_paste_back_into_a_query(corpus_exports, capsys):
    """Every IRI the table prints (prefixed name or <IRI>) reads back as the same term in a query: the
    officials example's people, posts and bodies, documents (kgr:doc/… is no prefixed name) and classes."""
    q = ("SELECT ?person ?post ?body ?doc ?cls WHERE { ?person a kg:Official ; a ?cls ; org:holds ?post ; "
         "kg:mentionedIn ?doc . ?post org:postIn ?body } ORDER BY ?person ?post LIMIT 12")
    assert kg_main(["query", "-g", str(corpus_exports), q]) == 0
    lines = capsys.readouterr().out.splitlines()
    cells = {c for line in lines[2:] if not line.startswith("(") for c in line.split()}
    assert any(c.startswith("<") for c in cells) and any(c.startswith("kg:") for c in cells)
    for cell in sorted(cells):
        assert kg_main(["query", "-g", str(corpus_exports), f"ASK {{ {{ {cell} ?p ?o }} UNION {{ ?s ?p {cell} }} }}"]) == 0, cell
        assert capsys.readouterr().out == "true\n", cell
