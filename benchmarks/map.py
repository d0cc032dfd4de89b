"""Benchmark the graph page's map tab in headless Chromium: N synthetic coded places (counties, then
prefectures) over the 2,926 county points. Prints render time, page size, time to the map's first
draw, full redraws, programme colouring and a slider step. Run: python3 benchmarks/map.py [--places 3000]"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/html.py would shadow the standard library's html: this folder leaves the path
sys.path = [str(ROOT), str(ROOT / "tests")] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]

from cdp import Browser  # noqa: E402
from test_map import synthetic_places  # noqa: E402  (the same graph tests/test_map.py draws)

from kg.export.html import render_html  # noqa: E402

TIMINGS = """(() => {
  const m = zhkg.map, out = {};
  const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };
  out.redraw = Array.from({ length: 20 }, () => time(() => m.draw())).sort((a, b) => a - b);
  out.choose = time(() => m.choose("工程3"));
  out.classOf = time(() => m.choose("工程"));
  out.step = time(() => m.setStep(5));
  return out;
})()"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--places", type=int, default=3000)
    a = ap.parse_args()
    t = time.perf_counter()
    html = render_html(synthetic_places(a.places), tab="map")
    render = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp, Browser() as b:
        path = Path(tmp) / "map.html"
        path.write_text(html, encoding="utf-8")
        p = b.new_page()
        p.goto(path.as_uri())
        p.wait_for("window.zhkg && zhkg.map && zhkg.map.tab === 'map' && zhkg.map.drawTime !== null", 60)
        shown = p.evaluate("performance.now()")
        r = p.evaluate(TIMINGS)
    red = r["redraw"]
    print(f"map, {a.places} places + 2,926 county points: render (Python) {render:.1f} s, page {len(html.encode()) / 1e6:.1f} MB, "
          f"map shown {shown / 1000:.2f} s after navigation; redraw median {statistics.median(red):.1f} ms, "
          f"p95 {red[int(len(red) * 0.95) - 1]:.1f} ms; colour one programme {r['choose']:.1f} ms, "
          f"a class of them {r['classOf']:.1f} ms; slider step {r['step']:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
