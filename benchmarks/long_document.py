"""Time one long single-line article (the corpus repeated) through process_document, to check time is linear in length.

    python benchmarks/long_document.py 200000 2000000     # characters; prints seconds and chars/s per size

Issue 11 measured 2 MB at 26–41 s, 4 MB at 93 s and 20 MB at 700 s+ (worse than linear): a 20 MB
article should take about 10× a 2 MB one.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(sizes: list[int]) -> None:
    from kg.pipeline import process_document
    from kg.text.inputs import collect_inputs
    from kg.text.read import DEFAULT_MAX_BYTES

    base = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "corpus").glob("*.txt")))
    base = base.replace("\n", "")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"one_line_{n}.txt"
            path.write_text((base * (n // len(base) + 1))[:n], encoding="utf-8")
            inp = collect_inputs([path], max(DEFAULT_MAX_BYTES, 4 * n))[0][0]
            t0, c0 = time.perf_counter(), time.process_time()
            g = process_document(inp)
            sec, cpu = time.perf_counter() - t0, time.process_time() - c0
            stages = " ".join(f"{k} {v:.1f}" for k, v in g.timings)
            # CPU seconds are what to compare on a shared machine: wall time grows with the load
            print(f"{n:>10,} chars {path.stat().st_size / 1e6:6.1f} MB {sec:8.1f} s {cpu:8.1f} CPU s "
                  f"{n / cpu:8,.0f} chars/CPU s  entities {len(g.entities):,}  [{stages}]", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200_000, 2_000_000])
