"""`kg export --format graphml|gexf|csv` and the flat networkx view, on a small graph built from texts
written here; path steps that name their document's title and source."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import kg
from built import build_texts
from kg.analysis import neighbourhood, paths

ROOT = Path(__file__).resolve().parent.parent

TOWN = """下王镇扎实推进营商环境改革

2024年3月5日，嵊州市人民政府印发《嵊州市营商环境优化提升行动方案》。
下王镇党委书记王建国表示，下王镇积极推进营商环境优化提升“一号改革工程”，为企业提供全链条服务。
浙江长鸿生物材料有限公司位于嵊州市三界镇，今年新建年产10万吨生物降解材料项目。
"""
COUNTY = """嵊州市召开数字化改革推进会

会上，嵊州市委书记李明强调，各乡镇要以数字化改革为契机，推动“最多跑一次”改革向纵深发展。
三界镇、下王镇相关负责人作交流发言。
"""
#: The relation the tests look for, its sentence and its document.
SUBJECT, PREDICATE, OBJECT = "下王镇", "implements", "营商环境优化提升“一号改革工程”"
SENTENCE = "下王镇党委书记王建国表示，下王镇积极推进营商环境优化提升“一号改革工程”，为企业提供全链条服务。"
TITLE, SOURCE = "下王镇扎实推进营商环境改革", "town.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[kg.KnowledgeGraph, Path]:
    """The graph of the two texts and the export folder `kg build` would write for it."""
    g = build_texts(tmp_path_factory, "export-texts", town=TOWN, county=COUNTY)
    out = tmp_path_factory.mktemp("export-graph")
    g.save(out)
    return g, out


def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT)


def export(graph_dir: Path, fmt: str, out: Path, *more: str) -> subprocess.CompletedProcess:
    r = run_kg("export", "--format", fmt, "-g", str(graph_dir), "-o", str(out), *more)
    assert r.returncode == 0, r.stderr
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "a temporary file was left behind"
    return r


def by_label(G: nx.MultiDiGraph) -> dict[str, dict]:
    return {d["label"]: d for _, d in G.nodes(data=True)}


def check_view(G: nx.MultiDiGraph) -> None:
    """Labels, classes, codes, a relation with its evidence and document, a post: as a tool reads them back."""
    nodes = by_label(G)
    assert nodes["下王镇"]["class"] == "Locality" and nodes["下王镇"]["adminLevel"] == "township"
    assert nodes["嵊州市"]["adminCode"] == "330683" and nodes["嵊州市"]["class"] == "Locality"
    assert nodes["嵊州市人民政府"]["class"] == "GovernmentBody" and nodes["王建国"]["official"] == 1
    edges = [(G.nodes[u]["label"], d["predicate"], G.nodes[v]["label"], d) for u, v, d in G.edges(data=True)]
    rel = next(d for s, p, o, d in edges if (s, p, o) == (SUBJECT, PREDICATE, OBJECT))
    assert rel["sentence"] == SENTENCE and rel["evidenceCount"] == 1
    assert (rel["docTitle"], rel["docSource"], rel["docId"]) == (TITLE, SOURCE, "town")
    assert 0 < rel["confidence"] <= 1
    assert any((s, p, o, d["postTitle"]) == ("王建国", "holds", "下王镇党委", "书记") for s, p, o, d in edges)


def test_graphml_opens_in_networkx(built, tmp_path):
    g, graph_dir = built
    r = export(graph_dir, "graphml", tmp_path)
    assert "graph.graphml" in r.stdout and f"{len(g)} entities" in r.stdout
    G = nx.read_graphml(tmp_path / "graph.graphml")
    check_view(G)
    # the IRIs of the RDF exports, quoted names included (a graph read back keys “最多跑一次”改革 with its quotes)
    nt = (graph_dir / "graph.nt").read_text(encoding="utf-8")
    assert all(f"<{d['iri']}>" in nt for _, d in G.nodes(data=True))


def test_gexf_opens_in_networkx(built, tmp_path):
    _, graph_dir = built
    export(graph_dir, "gexf", tmp_path)
    check_view(nx.read_gexf(tmp_path / "graph.gexf"))


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file as strings, read with pandas when it is installed (else the csv module)."""
    assert path.read_bytes().startswith("\ufeff".encode("utf-8")), "no byte-order mark: Excel would garble Chinese"
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the installation
        with path.open(encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))
    return pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records")


def test_csv_nodes_and_edges(built, tmp_path):
    g, graph_dir = built
    export(graph_dir, "csv", tmp_path)
    nodes, edges = read_table(tmp_path / "nodes.csv"), read_table(tmp_path / "edges.csv")
    assert list(nodes[0])[:7] == ["id", "label", "class", "adminCode", "adminLevel", "mentions", "confidence"]
    assert list(edges[0])[:9] == ["source", "target", "sourceLabel", "targetLabel", "predicate", "confidence",
                                  "evidenceCount", "sentence", "docTitle"]
    assert len(nodes) == len(g) and len(edges) == len(g.relations()) + len(g.posts())
    row = {n["label"]: n for n in nodes}
    assert row["嵊州市"]["class"] == "Locality" and row["嵊州市"]["adminCode"] == "330683"
    # ids are the IRIs of the RDF exports, so a row can be looked up with `kg query`
    nt = (graph_dir / "graph.nt").read_text(encoding="utf-8")
    assert all(f"<{n['id']}>" in nt for n in nodes)
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    rel = next(e for e in edges if (e["sourceLabel"], e["predicate"], e["targetLabel"]) == (SUBJECT, PREDICATE, OBJECT))
    assert (rel["source"], rel["target"]) == (row[SUBJECT]["id"], row[OBJECT]["id"])
    assert (rel["sentence"], rel["docTitle"], rel["docSource"], rel["evidenceCount"]) == (SENTENCE, TITLE, SOURCE, "1")


def test_csv_with_cooccurrence_adds_related_to(built, tmp_path):
    g, graph_dir = built
    export(graph_dir, "csv", tmp_path, "--cooccurrence")
    related = [e for e in read_table(tmp_path / "edges.csv") if e["predicate"] == "relatedTo"]
    assert len(related) == len(g.cooccurrence) > 0
    assert all(int(e["evidenceCount"]) >= 1 and e["sentence"] == "" for e in related)


def test_export_overwrites_and_is_the_same_twice(built, tmp_path):
    _, graph_dir = built
    export(graph_dir, "graphml", tmp_path)
    first = (tmp_path / "graph.graphml").read_bytes()
    (tmp_path / "graph.graphml").write_text("old", encoding="utf-8")
    export(graph_dir, "graphml", tmp_path)
    assert (tmp_path / "graph.graphml").read_bytes() == first


@pytest.mark.parametrize("args, message", [
    (["--format", "xls"], "unknown format 'xls'; expected one of graphml, gexf, csv"),
    ([], "no --format; expected one of graphml, gexf, csv"),
])
def test_unknown_format_is_one_line_and_exit_2(built, tmp_path, args, message):
    _, graph_dir = built
    r = run_kg("export", *args, "-g", str(graph_dir), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.splitlines() == [f"kg export: {message}"]
    assert not (tmp_path / "out").exists()


def test_bad_graph_folder_or_output_is_one_line_and_exit_2(built, tmp_path):
    _, graph_dir = built
    r = run_kg("export", "--format", "csv", "-g", str(tmp_path / "missing"), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1 and "missing: no such file" in r.stderr
    r = run_kg("export", "--format", "csv", "-g", str(tmp_path), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and len(r.stderr.splitlines()) == 1 and "no graph.nt or graph.ttl" in r.stderr
    (tmp_path / "file").write_text("x", encoding="utf-8")
    r = run_kg("export", "--format", "csv", "-g", str(graph_dir), "-o", str(tmp_path / "file"))
    assert r.returncode == 2 and r.stderr.splitlines() == [f"kg export: {tmp_path / 'file'}: is a file; -o takes a folder"]


def test_flat_view_has_plain_attributes_only(built):
    g, _ = built
    G = g.to_networkx(flat=True)
    values = [v for _, d in G.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in G.edges(data=True) for v in d.values()]
    assert {type(v) for v in values} <= {str, int, float}
    with pytest.raises(TypeError):   # the default view keeps tuples and Evidence objects: writers refuse it
        nx.write_graphml(g.to_networkx(), io.BytesIO())
    a, b = io.BytesIO(), io.BytesIO()
    nx.write_graphml(G, a)
    nx.write_graphml(g.to_networkx(flat=True), b)
    assert a.getvalue() == b.getvalue()
    assert list(G) == sorted(G)


def test_path_steps_carry_title_and_source(built):
    g, graph_dir = built
    for graph in (g, kg.load(graph_dir), g.to_networkx()):
        found = paths(graph, "王建国", "一号改革工程", max_hops=3)
        hops = found.paths[0].hops
        assert [(h.subject_label, h.predicate, h.object_label) for h in hops] == [
            ("王建国", "holds", "下王镇党委"), ("下王镇党委", "locatedIn", "下王镇"), (SUBJECT, PREDICATE, OBJECT)]
        assert {(h.doc_id, h.doc_title, h.doc_source) for h in hops} == {("town", TITLE, SOURCE)}
        assert found.rows()[0]["doc_title"] == TITLE and found.to_dict()["paths"][0]["hops"][2]["doc_source"] == SOURCE
    near = neighbourhood(g, "嵊州市", predicates=["implements"])
    assert {(e.doc_title, e.doc_source) for e in near.edges} == {("嵊州市召开数字化改革推进会", "county.txt"), (TITLE, SOURCE)}
    assert {d["doc_title"] for _, _, d in near.to_networkx().edges(data=True)} == {"嵊州市召开数字化改革推进会", TITLE}


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    from kg.graph.nx import atomic_write

    target = tmp_path / "graph.graphml"
    target.write_text("old", encoding="utf-8")

    def half(f):
        f.write("<graphml>")
        raise OSError("disk full")
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, half, "w", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_a_loaded_graph_names_entities_by_their_exported_iris(built):
    """kg.load gives each entity the key the build gave it, so g.iri(key) is the IRI in the files, also
    for labels with quotation marks (“最多跑一次”改革) and document-local bodies."""
    g, out = built
    back = kg.load(out)
    import pyoxigraph as ox
    subjects = {q.subject.value for q in ox.parse(path=str(out / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)}
    quoted = [e for e in back.entities() if "“" in e.label]
    assert quoted, "the texts name a quoted programme"
    assert [e.key for e in back.entities() if back.iri(e.key) not in subjects] == []
    assert {back.iri(e.key) for e in back.entities()} == {g.iri(e.key) for e in g.entities()}
