"""Exporters registered by format name: `kg build --format`, `KnowledgeGraph.save(formats=)`, each
exporter with only its own options, and the vocabulary's terms as named constants."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import kg.terms
from kg.export import ExportError, FormatError, exporter, lookup, registered, write_exports
from kg.export.html import HtmlOptions
from kg.export.registry import unregister
from kg.extract import extract_text
from kg.graph.merge import merge

ROOT = Path(__file__).resolve().parent.parent
TEXT = "浙江省绍兴市嵊州市人民政府印发《嵊州市数字乡村建设实施方案》。星河纺织有限公司位于嵊州市经济开发区。\n"


@pytest.fixture(scope="module")
def graph():
    return merge([extract_text(TEXT)])


def names(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if not p.name.startswith("."))


def kg_build(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    text = tmp_path / "notice.txt"
    text.write_text(TEXT, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "kg", "build", str(text), "-q", "--no-cache", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_format_option_writes_only_those_files(tmp_path):
    out = tmp_path / "out"
    r = kg_build(tmp_path, "-o", str(out), "--format", "ttl,html")
    assert r.returncode == 0, r.stderr
    assert names(out) == ["graph.html", "graph.ttl"]          # no store unless asked
    r = kg_build(tmp_path, "-o", str(out), "--format", "nt, store")
    assert r.returncode == 0, r.stderr
    assert names(out) == ["graph.nt", "store"]                 # the set is the formats asked, nothing older


def test_unknown_format_exits_2_with_one_line(tmp_path):
    out = tmp_path / "out"
    r = kg_build(tmp_path, "-o", str(out), "--format", "ttl,turtle")
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert "unknown export format 'turtle'" in r.stderr and "ttl" in r.stderr
    assert not out.exists()                                    # checked before anything is built or written


def test_save_formats_and_the_kept_set(graph, tmp_path):
    out = tmp_path / "out"
    first = graph.save(out, build_key="key", formats=["trig", "nt"])
    assert sorted(first) == ["graph.nt", "graph.trig"] and not first.unchanged
    again = graph.save(out, build_key="key", formats=["nt", "trig"])
    assert again.unchanged and sorted(again) == ["graph.nt", "graph.trig"]
    other = graph.save(out, build_key="key", formats=["nt"])   # the formats are part of the key
    assert not other.unchanged and names(out) == ["graph.nt"]
    with pytest.raises(FormatError, match="unknown export format 'ntriples'"):
        graph.save(out, formats=["ntriples"])
    with pytest.raises(FormatError, match="no export format"):
        graph.save(out, formats=[])


def test_default_is_every_registered_format(graph, tmp_path):
    assert list(registered())[:5] == ["store", "ttl", "nt", "trig", "html"]
    written = graph.save(tmp_path / "all")
    assert sorted(written) == ["graph.html", "graph.nt", "graph.trig", "graph.ttl", "store"]


@dataclasses.dataclass(frozen=True)
class EchoOptions:
    greeting: str = "hello"


def test_each_exporter_receives_only_its_own_options(graph, tmp_path):
    seen: dict[str, object] = {}

    @exporter("echo-test", files=("echo.txt",), options=EchoOptions)
    def write_echo(job, options):
        seen["echo"] = options
        (job.directory / "echo.txt").write_text(options.greeting, encoding="utf-8")

    @exporter("plain-test", files=("plain.txt",))
    def write_plain(job):          # no options declared: called with the job alone
        seen["plain"] = job.graph
        (job.directory / "plain.txt").write_text("x", encoding="utf-8")
    try:
        out = tmp_path / "out"
        write_exports(graph, out, formats=["echo-test", "plain-test", "html"],
                      options={"echo-test": {"greeting": "你好"}, "html": HtmlOptions(max_nodes=7)})
        assert seen == {"echo": EchoOptions("你好"), "plain": graph}
        assert (out / "echo.txt").read_text(encoding="utf-8") == "你好"
        assert '"maxNodes":7' in (out / "graph.html").read_text(encoding="utf-8")
        with pytest.raises(FormatError, match="has no option 'max_nodes'"):
            write_exports(graph, out, formats=["echo-test"], options={"echo-test": {"max_nodes": 3}})
        with pytest.raises(FormatError, match="'html', which is not written"):
            write_exports(graph, out, formats=["echo-test"], options={"html": {"max_nodes": 3}})
        with pytest.raises(FormatError, match="takes none"):
            write_exports(graph, out, formats=["plain-test"], options={"plain-test": {}})
    finally:
        unregister("echo-test")
        unregister("plain-test")


def test_an_exporter_that_misses_its_file_fails_and_keeps_the_set_in_use(graph, tmp_path):
    out = tmp_path / "out"
    graph.save(out, formats=["nt"])

    @exporter("lazy-test", files=("lazy.txt",))
    def write_lazy(job):
        pass
    try:
        with pytest.raises(ExportError, match="lazy-test exporter did not write lazy.txt"):
            write_exports(graph, out, formats=["lazy-test"])
        assert names(out) == ["graph.nt"]
    finally:
        unregister("lazy-test")


def test_options_must_be_a_frozen_dataclass():
    with pytest.raises(TypeError, match="frozen dataclass"):
        exporter("bad-test", files=("x",), options=dict)


def test_a_misspelt_term_fails_where_it_is_named():
    assert kg.terms.KG.Locality == kg.terms.KG_IRI + "Locality"
    with pytest.raises(AttributeError):
        getattr(kg.terms.KG, "Localty")
    with pytest.raises(AttributeError, match="'Localty' is not a term of KG"):
        kg.terms.KG.term("Localty")
    with pytest.raises(AttributeError):
        getattr(kg.terms.ORG, "hold")
    assert kg.terms.ORG.holds == kg.terms.PREFIXES["org"] + "holds"


def test_exporters_write_no_iri_by_hand():
    """Every namespace IRI the exporters write comes from kg.terms: no namespace in their string
    constants (docstrings and their examples aside)."""
    import ast
    for path in sorted((ROOT / "kg" / "export").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                for ns in kg.terms.PREFIXES.values():
                    assert ns not in node.value, f"{path.name}:{node.lineno} spells out {ns}: use kg.terms"


def test_lookup_orders_and_rejects():
    assert [e.format for e in lookup(["html", "store", "nt"])] == ["store", "nt", "html"]
    with pytest.raises(FormatError):
        lookup(["svg"])


def test_a_missing_exporter_module_is_an_error_not_a_skipped_format(monkeypatch):
    from kg.export import registry
    monkeypatch.setattr(registry, "BUILTIN_MODULES", (*registry.BUILTIN_MODULES, "kg.export.no_such_format"))
    monkeypatch.setattr(registry, "_loaded", False)
    with pytest.raises(ModuleNotFoundError, match="no_such_format"):
        registry.registered()


def test_options_are_part_of_the_key(graph, tmp_path):
    out = tmp_path / "out"
    view = {"html": {"classes": ["Locality"], "max_nodes": 10}}      # a list: kept as a plain tuple
    assert not graph.save(out, build_key="key", formats=["html"], options=view).unchanged
    assert graph.save(out, build_key="key", formats=["html"], options=view).unchanged
    assert not graph.save(out, build_key="key", formats=["html"], options={"html": {"max_nodes": 11}}).unchanged
