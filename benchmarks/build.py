"""Benchmark the build: characters/s per pipeline stage and for the whole build, and peak memory.

    python benchmarks/build.py [PATHS...] [--repeat N] [-j N]

Each stage is timed inside every document's processing (kg.pipeline.process_document), so
the per-stage figures are per process; the whole-build figure includes merging and exports.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# run as a script, this folder is sys.path[0]; benchmarks/html.py would shadow the stdlib html module
sys.path[0] = str(ROOT)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "corpus")])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("-j", "--jobs", type=int, default=1)
    a = ap.parse_args()

    import kg
    from kg.pipeline import BuildReport

    t0 = time.perf_counter()
    from kg.extract.divisions import divisions
    from kg.extract.lac import _model
    divisions()
    _model()
    print(f"resources (division list, LAC model) loaded in {time.perf_counter() - t0:.2f} s")

    runs = []
    stages: dict[str, list[float]] = {}
    chars = 0
    for _ in range(a.repeat):
        report = BuildReport()
        t = time.perf_counter()
        g = kg.build(a.paths, jobs=a.jobs, report=report)
        with tempfile.TemporaryDirectory() as out:
            te = time.perf_counter()
            g.save(out)
            report.stages["exports"] = time.perf_counter() - te
        runs.append(time.perf_counter() - t)
        chars = report.characters
        for k, v in report.stages.items():
            stages.setdefault(k, []).append(v)
    print(f"{len(report.built)} documents, {chars:,} characters (normalised), {a.repeat} runs, -j {a.jobs}")
    print(f"{'stage':18s} {'median s':>9s} {'chars/s':>12s}")
    for k, v in stages.items():
        m = statistics.median(v)
        print(f"{k:18s} {m:9.3f} {chars / m if m else float('inf'):12,.0f}")
    m = statistics.median(runs)
    print(f"{'whole build':18s} {m:9.3f} {chars / m:12,.0f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB in this process" + (f", {child:.0f} MB in a worker" if a.jobs > 1 and child else ""))


if __name__ == "__main__":
    main()
