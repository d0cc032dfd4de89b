"""Benchmark a JSON Lines feed built again and again: cold, rebuilt unchanged, one article added at the top.

    python benchmarks/feed.py [--records 300]

The feed's records are made by recombining the paragraphs of data/corpus (2–4 a record, fixed seed),
each with an `id`. Every build is the real command (`python -m kg build FEED -o OUT`) in a fresh
process with a cache folder of its own, timed from start to exit; the summary's first and last lines
say how many documents came from the cache and whether the exports were written or kept.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_feed(path: Path, n: int) -> list[dict]:
    """n records of 2–4 corpus paragraphs each, ids r0…r{n-1}."""
    paragraphs = [p for f in sorted((ROOT / "data" / "corpus").glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n") if len(p) > 40]
    rnd = random.Random(7)
    rows = [{"id": f"r{i}", "title": f"第{i}篇", "text": "\n".join(rnd.sample(paragraphs, rnd.randint(2, 4)))}
            for i in range(n)]
    write(path, rows)
    return rows


def write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def build(feed: Path, out: Path, cache: Path) -> tuple[float, str, str]:
    """(seconds, first line, last line) of one `kg build`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZHKG_CACHE_DIR": str(cache)}
    t = time.perf_counter()
    # cwd: `python -m` puts the current folder before PYTHONPATH on sys.path
    p = subprocess.run([sys.executable, "-m", "kg", "build", str(feed), "-o", str(out)], env=env, cwd=ROOT,
                       capture_output=True, text=True, check=True)
    lines = p.stdout.strip().splitlines()
    return time.perf_counter() - t, lines[0], lines[-1].split(" ")[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=300, help="records in the feed (default 300)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-feed-") as d:
        work = Path(d)
        feed, out, cache = work / "feed.jsonl", work / "out", work / "cache"
        rows = make_feed(feed, a.records)
        print(f"feed: {a.records} records, {feed.stat().st_size:,} bytes (machine load {os.getloadavg()[0]:.1f})")
        print(f"{'build':34s} {'seconds':>8s}  exports  summary")
        for name, change in (("cold", None), ("rebuilt, nothing changed", None),
                             ("one article added at the top", "add")):
            if change == "add":
                write(feed, [{"id": "new", "text": "嵊州市人力资源和社会保障局推出引才政策，剡湖街道积极参与。"}] + rows)
            s, first, last = build(feed, out, cache)
            print(f"{name:34s} {s:8.1f}  {last:7s}  {first}", flush=True)


if __name__ == "__main__":
    main()
