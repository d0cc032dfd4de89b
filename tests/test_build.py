"""`kg build` and `kg normalise` from the command line: outputs, bad input, atomic exports, -j."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
SMALL = CORPUS / "002_2b029fc627423ae0.txt"


def kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def small_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("small")
    r = kg("build", str(SMALL), "-o", str(out))
    assert r.returncode == 0, r.stderr
    return out, r


def test_summary_and_files(small_build):
    out, r = small_build
    assert "built 1 document (" in r.stdout
    for word in ("entities:", "Locality", "relations:", "partOf", "posts"):
        assert word in r.stdout
    assert (out / "graph.ttl").stat().st_size > 1000 and (out / "graph.nt").stat().st_size > 1000
    # the summary names exactly the exports in the folder (the rest of it is hidden: .current, .generations)
    wrote = r.stdout.splitlines()[-1]
    assert wrote.startswith("wrote ")
    assert sorted(Path(f).name for f in wrote[len("wrote "):].split(", ")) == \
        sorted(p.name for p in out.iterdir() if not p.name.startswith("."))


def test_empty_file_is_one_line_error(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("", encoding="utf-8")
    r = kg("build", str(f), "-o", str(tmp_path / "out"))
    assert r.returncode == 1
    assert "empty.txt" in r.stderr and "empty" in r.stderr
    assert "Traceback" not in r.stderr


def test_missing_path(tmp_path):
    r = kg("build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"))
    assert r.returncode == 1 and "nope.txt" in r.stderr and "Traceback" not in r.stderr


def test_bad_file_among_good_is_skipped(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_bytes(SMALL.read_bytes())
    (d / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    r = kg("build", str(d), "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert "skipped" in r.stderr and "binary.txt" in r.stderr
    assert "built 1 document (" in r.stdout


def test_failed_build_keeps_previous_exports(tmp_path, small_build):
    out, _ = small_build
    target = tmp_path / "out"
    target.mkdir()
    before = (out / "graph.nt").read_bytes()
    (target / "graph.nt").write_bytes(before)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    r = kg("build", str(bad), "-o", str(target))
    assert r.returncode != 0
    assert (target / "graph.nt").read_bytes() == before


def test_gb18030_input_gives_the_same_graph(tmp_path, small_build):
    out, _ = small_build
    src = tmp_path / SMALL.name        # same file name: same document IRI
    src.write_bytes(SMALL.read_text(encoding="utf-8").encode("gb18030"))
    r = kg("build", str(src), "-o", str(tmp_path / "gb"))
    assert r.returncode == 0, r.stderr
    a = (out / "graph.nt").read_text(encoding="utf-8")
    b = (tmp_path / "gb" / "graph.nt").read_text(encoding="utf-8")
    # only kg:source (the path as given) differs
    strip = lambda s: "\n".join(l for l in s.splitlines() if "ontology#source>" not in l)
    assert strip(a) == strip(b)


def test_parallel_build_is_byte_identical(tmp_path):
    # both extract every document (no cache): the -j 2 build really runs two worker processes
    files = [str(CORPUS / "000_a992b1c169855092.txt"), str(SMALL)]
    r1 = kg("build", *files, "-o", str(tmp_path / "j1"), "--no-cache")
    r2 = kg("build", *files, "-o", str(tmp_path / "j2"), "-j", "2", "--no-cache")
    assert r1.returncode == 0 and r2.returncode == 0, r1.stderr + r2.stderr
    assert "from the cache" not in r1.stdout + r2.stdout
    for name in ("graph.nt", "graph.ttl"):
        assert (tmp_path / "j1" / name).read_bytes() == (tmp_path / "j2" / name).read_bytes()


def test_bad_options(tmp_path):
    assert kg("build", str(SMALL), "-j", "0").returncode == 2
    r = kg("build", str(SMALL), "--base-iri", "not an iri", "-o", str(tmp_path))
    assert r.returncode == 2 and "--base-iri" in r.stderr


def test_rules_lists_every_registered_component():
    from kg.extract.registry import registered

    r = kg("build", "--rules")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    rows = [line.split("\t") for line in r.stdout.splitlines()]
    assert all(len(row) == 4 for row in rows), r.stdout
    assert [(row[0], row[1]) for row in rows] == [(c.kind, c.name) for c in registered()]


def test_normalise_command():
    r = kg("normalise", str(CORPUS / "004_4e43489e28990827.txt"))
    assert r.returncode == 0
    assert "营商环境优化提升“一号改革工程”" in r.stdout
    r = kg("normalise", "--sentences", str(SMALL))
    start, end, text = r.stdout.splitlines()[3].split("\t")
    assert int(end) - int(start) == len(text)
    assert kg("normalise", "nope.txt").returncode == 1
