"""Issue 23, items 3, 6 and 7: one build per export folder, no partial generation after a failed export,
a cache of data that cannot run code, and per-document budgets with long texts in bounded pieces.
Real `kg build` processes, real files and locks, RSS from the kernel (wait4)."""
from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg
from kg.extract import parsed
from kg.generations import CURRENT, GENERATIONS, LOCK

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
from hostile_inputs import SENTENCE, one_line


def env(cache: Path | None = None) -> dict[str, str]:
    e = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    if cache is not None:
        e["ZHKG_CACHE_DIR"] = str(cache)
    return e


def kg_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def run(*args: str, cache: Path | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(kg_cmd(*args), capture_output=True, text=True, env=env(cache), **kw)


def wait_for(pred, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


# --- 7. one build per folder -------------------------------------------------------------------------

def test_a_second_build_into_the_same_folder_exits_at_once_and_wait_waits(tmp_path):
    out = tmp_path / "out"
    first = subprocess.Popen(kg_cmd("build", str(CORPUS), "-o", str(out), "--no-cache", "-q"),
                             env=env(tmp_path / "c"), stderr=subprocess.PIPE, text=True)
    try:
        # the lock file names the running build once it holds the lock (before it reads anything)
        wait_for(lambda: (out / LOCK).exists() and (out / LOCK).read_text().strip() == str(first.pid))
        t0 = time.monotonic()
        second = run("build", str(CORPUS / "002_2b029fc627423ae0.txt"), "-o", str(out), "--no-cache", "-q",
                     cache=tmp_path / "c")
        assert first.poll() is None, "the first build ended before the second was tried; the test proves nothing"
        assert second.returncode == 1
        assert second.stderr.splitlines() == [f"kg build: {out}: another build (pid {first.pid}) is writing into "
                                              "this folder; wait for it to finish (kg build --wait) or use another -o"]
        assert time.monotonic() - t0 < 30
        assert not (out / CURRENT).exists()          # it wrote nothing
        waiting = subprocess.Popen(kg_cmd("build", str(CORPUS / "002_2b029fc627423ae0.txt"), "-o", str(out),
                                          "--no-cache", "-q", "--wait"),
                                   env=env(tmp_path / "c"), stderr=subprocess.PIPE, text=True)
        _, err = waiting.communicate(timeout=600)
        assert first.poll() is not None, "--wait returned before the running build ended"
        assert waiting.returncode == 0, err
        assert err.splitlines() == [f"kg build: {out}: waiting for the build (pid {first.pid}) writing into this folder"]
    finally:
        if first.poll() is None:
            first.kill()
        first.communicate()
    assert first.returncode == 0
    gens = list((out / GENERATIONS).iterdir())
    assert len(gens) == 2        # the first build's and the waiting one's (now current)
    assert {d.id for d in kg.load(out).input_documents()} == {"002_2b029fc627423ae0"}


def _limit_file_size(nbytes: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))   # Python ignores SIGXFSZ: EFBIG
    return limit


def test_a_failed_export_leaves_no_partial_generation(tmp_path):
    out = tmp_path / "out"
    src = CORPUS / "002_2b029fc627423ae0.txt"
    ok = run("build", str(src), "-o", str(out), "--no-cache", "-q", "--format", "ttl,nt", cache=tmp_path / "c")
    assert ok.returncode == 0, ok.stderr
    before = sorted(p.name for p in (out / GENERATIONS).iterdir())
    current = os.readlink(out / CURRENT)
    size = (out / "graph.nt").stat().st_size
    assert size > 20_000
    # a "full disk": no file may grow past 10 kB (the lock file and the graph's first bytes fit)
    failed = subprocess.run(kg_cmd("build", str(src), "-o", str(out), "--no-cache", "-q", "--format", "ttl,nt"),
                            capture_output=True, text=True, env=env(tmp_path / "c"),
                            preexec_fn=_limit_file_size(10_000))
    assert failed.returncode == 1
    assert len(failed.stderr.splitlines()) == 1 and "cannot write the exports: File too large" in failed.stderr, \
        failed.stderr
    assert sorted(p.name for p in (out / GENERATIONS).iterdir()) == before      # its partial one is gone
    assert os.readlink(out / CURRENT) == current and (out / "graph.nt").stat().st_size == size
    assert not [p for p in out.iterdir() if p.name.startswith((".staging-", ".old-"))]


# --- 6. a cache that cannot run code or lie -------------------------------------------------------------

class _Boom:
    """Unpickling this creates the marker file: proof that a pickle was executed."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_damaged_and_foreign_parsed_files_are_reported_rebuilt_and_never_run(tmp_path):
    cache = tmp_path / "cache"
    src = CORPUS / "002_2b029fc627423ae0.txt"
    first = run("build", str(src), "-o", str(tmp_path / "out"), "-q", cache=cache)
    assert first.returncode == 0, first.stderr
    divisions = next(cache.glob("divisions-*[0-9a-f].json"))
    words = next(cache.glob("jieba-words-*.json"))
    clean = {p: p.read_bytes() for p in (divisions, words)}
    data = bytearray(divisions.read_bytes())
    at = data.index("嵊州市".encode()) + 1
    data[at] ^= 0x01                                  # one flipped bit inside the division list
    divisions.write_bytes(bytes(data))
    marker = tmp_path / "executed"
    words.write_bytes(pickle.dumps(_Boom(marker)))    # a foreign file (a pickle that runs a command) in its place
    legacy = cache / "divisions-1-2-abc.pickle"
    legacy.write_bytes(pickle.dumps(_Boom(marker)))   # an earlier version's pickle
    info = run("cache", "info", cache=cache)
    assert info.returncode == 0
    lines = info.stdout.splitlines()
    assert f"{cache}/{divisions.name}: its checksum does not match (a damaged file); parsed again by the next build" in lines
    assert f"{cache}/{words.name}: not a parsed data file (no header); parsed again by the next build" in lines
    assert f"{cache}/{legacy.name}: a pickle (never read; removed by the next build); parsed again by the next build" in lines
    again = run("build", str(src), "-o", str(tmp_path / "out2"), "-q", "--no-cache", cache=cache)
    assert again.returncode == 0, again.stderr
    assert not marker.exists(), "a pickle from the cache folder was executed"
    assert {p: p.read_bytes() for p in (divisions, words)} == clean       # repaired: parsed again, rewritten
    assert not legacy.exists()
    assert run("cache", "info", cache=cache).stdout.count("\n") == 1      # nothing damaged any more
    assert (tmp_path / "out" / "graph.nt").read_bytes() == (tmp_path / "out2" / "graph.nt").read_bytes()


def test_cache_clear_on_a_cache_that_cannot_be_cleared_is_one_line(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    r = run("cache", "clear", cache=f / "cache")      # under a file: fails for root too
    assert r.returncode == 1 and r.stderr.splitlines() == [f"kg cache: {f}/cache: cannot clear the cache: Not a directory"]
    assert run("cache", "info", cache=f / "cache").returncode == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root may remove files from a read-only folder")
def test_cache_clear_on_a_read_only_cache_is_one_line(tmp_path):
    cache = tmp_path / "cache"
    c = kg.cache.Cache(cache)
    from kg.records import Document, DocumentGraph
    c.put("k", DocumentGraph(Document("d", "d.txt", "嵊州市。"), (), (), ()))
    c.close()
    cache.chmod(0o555)
    try:
        r = run("cache", "clear", cache=cache)
    finally:
        cache.chmod(0o755)
    assert r.returncode == 1 and len(r.stderr.splitlines()) == 1
    assert r.stderr.startswith(f"kg cache: {cache}: cannot clear the cache: Permission denied"), r.stderr


# --- 3. per-document budgets, long texts in pieces ------------------------------------------------------

@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_over_its_time_budget_is_skipped_and_the_rest_builds(tmp_path, jobs):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("嵊州市人民政府召开常务会议。", encoding="utf-8")
    (d / "b.txt").write_text("三界镇党委书记张伟在嵊州市三界镇调研。", encoding="utf-8")
    (d / "long.txt").write_text(one_line(1_500_000), encoding="utf-8")   # ~520,000 characters: 15 s or more
    report = kg.BuildReport()
    g = kg.build([d], cache=False, report=report, jobs=jobs, doc_seconds=5.0)
    assert sorted(x.source for x in g.input_documents()) == ["a.txt", "b.txt"], (report.built, report.skipped)
    assert report.skipped == [f"{d / 'long.txt'}: reading and extracting it took more than 5 CPU s (the per-document "
                              "time budget; raise it with kg build --doc-time); skipped"]


def test_a_document_over_its_memory_budget_is_skipped_with_one_line(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("嵊州市人民政府召开常务会议。", encoding="utf-8")
    (d / "long.txt").write_text(one_line(400_000), encoding="utf-8")
    # a budget of 64 kB: the first piece of the long text alone takes more (a fresh process: its peak grows)
    r = run("build", str(d), "-o", str(tmp_path / "out"), "--no-cache", "-q", "--doc-memory", "0.0625",
            cache=tmp_path / "c")
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kg build: skipped {d / 'long.txt'}: extracting it took ")
    assert "over the per-document budget of 0 MB (raise it with kg build --doc-memory); skipped" in lines[0]
    assert {d.id for d in kg.load(tmp_path / "out").input_documents()} == {"a"}


def test_a_long_text_is_extracted_in_pieces_with_its_evidence_in_place(tmp_path):
    from kg.pipeline import LONG, PIECE
    p = tmp_path / "long.txt"
    p.write_text(one_line(int(LONG * 3.5)), encoding="utf-8")      # ~120,000 characters: over LONG
    g = kg.build([p], cache=False, doc_seconds=None)
    text = (tmp_path / "long.txt").read_text(encoding="utf-8")
    assert len(text) > LONG
    facts = g.relations()
    assert facts
    last = 0
    for f in facts:
        for ev in f.evidence:
            assert text[ev.start:ev.end] == ev.sentence
            last = max(last, ev.end)
    assert last > 2 * PIECE                 # evidence of later pieces, moved to its place in the whole text
    # the pieces' entities are one: every sentence's 嵊州市 counted once, in one entity
    assert g.resolve("嵊州市").mentions >= text.count("。")


def _peak_of_build(path: Path, out: Path, cache: Path) -> tuple[int, int]:
    proc = subprocess.Popen(kg_cmd("build", str(path), "-o", str(out), "--no-cache", "-q", "--doc-time", "0"),
                            env=env(cache), stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = status
    return status, usage.ru_maxrss * 1024


def test_a_long_single_line_text_builds_in_bounded_memory(tmp_path):
    small = tmp_path / "small.txt"
    small.write_text(SENTENCE, encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(one_line(2 << 20), encoding="utf-8")          # 2 MB, one line
    chars = len(big.read_text(encoding="utf-8"))
    status, base = _peak_of_build(small, tmp_path / "o1", tmp_path / "c")
    assert status == 0
    status, peak = _peak_of_build(big, tmp_path / "o2", tmp_path / "c")
    assert status == 0
    assert {d.id for d in kg.load(tmp_path / "o2").input_documents()} == {"big"}
    assert peak - base < 100 * chars, (peak - base) / chars
