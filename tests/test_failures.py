"""Every failure is one line naming the path (or option) and the cause: bad --base-iri, damaged exports and stores."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.iri import BadIRI, check_base_iri
from kg.query import run_query
from kg.query.errors import GraphNotFound

ROOT = Path(__file__).resolve().parent.parent
TEXT = sorted((ROOT / "data" / "corpus").glob("*.txt"), key=lambda p: p.stat().st_size)[0]


def kg_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("base, cause", [
    ("http://example.org/kg", 'must end with "/" or "#"'),   # issue 14: gave http://example.org/kgcompany/…
    ("http://x", 'must end with "/" or "#"'),                 # issue 11: became http://xdoc/…
    ("http://e.org/a\n/", "U+000A"),
    ("http://e.org/%zz/", "% at position 13"),
    ("http://[::1/", "Invalid IPv6 URL"),
    ("http://e.org:99999/", "Port out of range"),
    ("example.org/", "not an absolute IRI"),
    ("http://e.org/a b/", "U+0020"),
])
def test_bad_base_iri_is_one_line_before_building(tmp_path, base, cause):
    r = kg_cli("build", str(TEXT), "-o", str(tmp_path / "out"), "--base-iri", base)
    assert r.returncode == 2 and r.stderr.startswith("kg build: --base-iri ") and cause in r.stderr, r.stderr
    assert r.stderr.count("\n") == 1 and not (tmp_path / "out").exists()


def test_good_base_iris():
    for ok in ("https://w3id.org/zhkg/id/", "http://example.org/kg#", "urn:example:kg/", "http://例子.中国/实体/"):
        assert check_base_iri(ok) == ok
    with pytest.raises(BadIRI):
        check_base_iri("urn:x:")


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fail") / "out"
    kg.build([TEXT]).save(out)
    return out


def test_load_of_an_export_missing_lines_names_the_file(export, tmp_path):
    lines = (export / "graph.nt").read_text(encoding="utf-8").splitlines(keepends=True)
    cut = tmp_path / "graph.nt"
    cut.write_text("".join(x for x in lines if "#source>" not in x and "mentionCount" not in x), encoding="utf-8")
    with pytest.raises(kg.GraphFileError, match=f"^{cut}: not a complete zhkg export"):
        kg.load(cut)
    broken = tmp_path / "broken.nt"
    broken.write_text("".join(lines[:10]) + lines[10][:25] + "\n" + "".join(lines[11:]), encoding="utf-8")
    with pytest.raises(kg.GraphFileError, match=f"^{broken}: not readable as RDF.*11"):
        kg.load(broken)


def test_damaged_store_is_one_line_not_zero_rows(export, tmp_path):
    import shutil
    for damage in ("manifest", "current"):
        st = tmp_path / damage
        shutil.copytree(export / "store", st)
        if damage == "manifest":
            manifest = next(st.glob("MANIFEST-*"))
            manifest.write_bytes(manifest.read_bytes()[:10])  # issue 11: kg query said 0 documents
        else:
            (st / "CURRENT").write_text("garbage\n")
        with pytest.raises(GraphNotFound, match=f"^{st}: the Oxigraph store is"):
            run_query(st, "SELECT * { ?d a kg:Document }")
        r = kg_cli("query", "-g", str(st), "SELECT * { ?d a kg:Document }")
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and "rebuild it" in r.stderr, r.stderr


def test_report_outside_the_export_folder_is_refused(tmp_path):
    r = kg_cli("build", str(TEXT), "-o", str(tmp_path / "out"), "--report", "../../x.md")
    assert r.returncode == 2 and "inside the export folder" in r.stderr and not (tmp_path / "out").exists()


def test_terminal_escapes_in_file_names_are_shown_escaped(tmp_path):
    r = kg_cli("build", str(tmp_path / "a\x1b[2Jb.txt"), "-o", str(tmp_path / "out"))
    assert r.returncode == 1 and "\x1b" not in r.stderr and "a\\x1b[2Jb.txt" in r.stderr
