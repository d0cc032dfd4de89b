"""Rough edges a new user meets (issue 14 item 5): piped analysis output, empty diffs, a confidence
threshold that keeps nothing, the HTML report, Chinese class names and -n in the Python API."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.analysis import centrality, communities, paths

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "data" / "corpus" / "002_2b029fc627423ae0.txt"


def run_kg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env if env is not None else os.environ)


def piped_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "COLUMNS"}


# ---- analysis commands piped into a file or another program ---------------------------------------
def test_piped_tables_have_no_trailing_spaces(corpus_exports):
    r = run_kg("top", "-g", str(corpus_exports), "-n", "5", env=piped_env())
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("top 5 entities by pagerank") and len(lines) == 5 + 5
    assert [line for line in lines if line != line.rstrip()] == []


def test_piped_sentences_are_not_wrapped(corpus_exports, corpus_graph):
    r = run_kg("near", "嵊州市", "-g", str(corpus_exports), env=piped_env())
    assert r.returncode == 0, r.stderr
    # every sentence printed is one whole line, even the ones longer than any terminal
    sentences = [line.strip() for line in r.stdout.splitlines() if line.startswith("      ")]
    assert sentences and max(len(s) for s in sentences) > 160
    text = {e.sentence for f in corpus_graph.relations() for e in f.evidence}
    assert all(s.rsplit(" [", 1)[0] in text for s in sentences)
    assert [line for line in r.stdout.splitlines() if line != line.rstrip()] == []


def test_diff_of_a_graph_with_itself_says_no_differences(corpus_exports):
    r = run_kg("diff", str(corpus_exports), str(corpus_exports), env=piped_env())
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().endswith(": no differences") and "nothing found" not in r.stdout
    r = run_kg("diff", str(corpus_exports), str(corpus_exports), "--json")
    assert '"entities_added": []' in r.stdout


# ---- kg build edges --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_exports(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("small")
    r = run_kg("build", str(SMALL), "-o", str(out), "--report", "report.html")
    assert r.returncode == 0, r.stderr
    return out


def test_min_confidence_that_keeps_nothing_is_an_error_and_writes_nothing(small_exports):
    # .lock names the build holding the folder (every build writes its pid there, from its start)
    before = {p.name: p.stat().st_mtime_ns for p in small_exports.iterdir() if p.name != ".lock"}
    r = run_kg("build", str(SMALL), "-o", str(small_exports), "--min-confidence", "1")
    assert r.returncode == 1
    assert r.stderr.startswith("kg build: --min-confidence 1 left no entity") and "nothing written" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and not r.stdout
    assert {p.name: p.stat().st_mtime_ns for p in small_exports.iterdir() if p.name != ".lock"} == before


def test_min_confidence_says_what_it_kept(tmp_path):
    r = run_kg("build", str(SMALL), "-o", str(tmp_path), "--min-confidence", "0.7")
    assert r.returncode == 0, r.stderr
    assert "kept only entities and relations with confidence ≥ 0.7" in r.stdout


def test_html_report_is_html_not_markdown_in_pre(small_exports):
    page = (small_exports / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<pre" not in page
    assert "<h1>zhkg build report</h1>" in page and "<h2>Entities per class</h2>" in page
    assert "<table>" in page and "<td>Locality</td>" in page
    assert "| Locality |" not in page and "**" not in page and "<strong>" in page


def test_html_report_escapes_what_the_text_says():
    from kg.export.report import report_html
    page = report_html("# t\n\n- **<script>alert(1)</script>** ← a|b\n")
    assert "<script>" not in page and "&lt;script&gt;" in page


# ---- the Python API speaks like the CLI ------------------------------------------------------------
def test_entities_accept_chinese_class_names(corpus_graph):
    assert corpus_graph.entities("企业") == corpus_graph.entities("Company") != []
    assert corpus_graph.entities("地区") == corpus_graph.entities("locality") == corpus_graph.entities("Locality")
    assert corpus_graph.entities("官员") == corpus_graph.entities("Official") != []
    with pytest.raises(ValueError, match="unknown class '公司'.*企业"):
        corpus_graph.entities("公司")
    assert [r.cls for r in centrality(corpus_graph, "degree", cls="企业", n=3).ranking] == ["Company"] * 3


def test_n_is_the_count_everywhere_and_old_names_still_work(corpus_graph):
    by_n = centrality(corpus_graph, "pagerank", n=4)
    assert len(by_n.ranking) == 4
    assert centrality(corpus_graph, "pagerank", top=4) == by_n
    assert centrality(corpus_graph, "pagerank", None, 4) == by_n             # positional, as before
    assert len(centrality(corpus_graph, "degree", n=None).ranking) == len(corpus_graph.entities())
    one = paths(corpus_graph, "三界镇", "浙江省", n=1)
    assert len(one.paths) == 1 and paths(corpus_graph, "三界镇", "浙江省", limit=1) == one
    assert len(paths(corpus_graph, "三界镇", "浙江省", n=3).paths) == 3
    all_parts = communities(corpus_graph, seed=0)
    assert communities(corpus_graph, seed=0, n=2).communities == all_parts.communities[:2]
    with pytest.raises(ValueError, match="whole number"):
        centrality(corpus_graph, n=-1)


def test_leiden_without_igraph_is_one_line(corpus_exports):
    """igraph (GPL) is optional: without it `--method leiden` says how to get it, in one line."""
    try:
        import igraph  # noqa: F401
    except ImportError:
        r = run_kg("communities", "--method", "leiden", "-g", str(corpus_exports))
        assert r.returncode == 1 and r.stdout == ""
        assert r.stderr.splitlines() == [r.stderr.strip()] and "pip install 'zhkg[igraph]'" in r.stderr
    else:
        r = run_kg("communities", "--method", "leiden", "-n", "2", "-g", str(corpus_exports))
        assert r.returncode == 0 and "leiden" in r.stdout
