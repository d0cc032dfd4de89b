"""Benchmark graph.html in headless Chromium: render time, first draw, settle and frame time, for the corpus
graph and synthetic 1k/5k graphs. Run: python3 benchmarks/html.py [--runs 3] [--graph exports/]"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# this file is named html.py: drop its folder from the path so `import html` finds the standard library
sys.path = [str(ROOT), str(ROOT / "tests")] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]

from cdp import Browser  # noqa: E402  (tests/cdp.py: the tiny DevTools client the tests use)

from kg.export.html import render_html  # noqa: E402
from kg.records import CLASSES, Document, DocumentGraph, Entity, Evidence, Relation  # noqa: E402

REDRAW = """(() => {
  // synchronous cost of one full redraw of the fitted view
  const net = zhkg.network, t0 = performance.now();
  for (let i = 0; i < 10; i++) net.renderer._redraw();
  const redraw = (performance.now() - t0) / 10;
  // search, select and highlight the most connected entity, with its side panel
  const t1 = performance.now();
  zhkg.focus(zhkg.data.initial.reduce((a, b) => (zhkg.data.nodes[b][8] > zhkg.data.nodes[a][8] ? b : a)));
  net.renderer._redraw();
  const select = performance.now() - t1;
  zhkg.clear();
  return { firstDraw: zhkg.firstDraw, settled: zhkg.settled, redraw: redraw, select: select,
           drawn: zhkg.drawnNodes(), total: zhkg.total, edges: zhkg.drawnEdges() };
})()"""
RECORD = """(() => {
  // the cost of each redraw vis-network makes while the user interacts (idle frames cost nothing)
  window.__draws = []; let t0 = 0;
  zhkg.network.on("beforeDrawing", () => { t0 = performance.now(); });
  zhkg.network.on("afterDrawing", () => { __draws.push(performance.now() - t0); });
})()"""
STOP = """(() => { const f = __draws.slice().sort((a, b) => a - b);
  return [f[Math.floor(f.length / 2)], f[Math.floor(f.length * 0.95)], f.length]; })()"""


def interact(page) -> tuple[float, float]:
    """Time per redraw (median, p95 in ms) while a user zooms in with the wheel and drags the view."""
    w, h = page.evaluate("(() => { const r = document.getElementById('graph').getBoundingClientRect(); "
                         "return [r.x + r.width / 2, r.y + r.height / 2]; })()")
    page.evaluate(RECORD)
    for _ in range(10):
        page.send("Input.dispatchMouseEvent", type="mouseWheel", x=w, y=h, deltaX=0, deltaY=-120)
        time.sleep(0.05)
    page.send("Input.dispatchMouseEvent", type="mousePressed", x=w, y=h, button="left", clickCount=1)
    for i in range(1, 21):
        page.send("Input.dispatchMouseEvent", type="mouseMoved", x=w + 10 * i, y=h + 5 * i, button="left", buttons=1)
        time.sleep(0.03)
    page.send("Input.dispatchMouseEvent", type="mouseReleased", x=w + 200, y=h + 100, button="left", clickCount=1)
    time.sleep(0.3)
    median, p95, frames = page.evaluate(STOP)
    assert frames > 5, "the page did not redraw while zoomed and dragged"
    return median, p95


def synthetic_graph(n: int, seed: int = 7):
    """A KnowledgeGraph of `n` entities with a heavy-tailed degree distribution (preferential attachment),
    ~30 % typed relations with evidence and the rest co-occurrences, like the corpus graph."""
    import networkx as nx
    from kg import KnowledgeGraph

    rnd = random.Random(seed)
    sentence = "嵊州市推进“最多跑一次”改革，比亚迪在当地投资建设新能源动力电池生产基地项目。"
    doc = Document("syn", "synthetic.txt", sentence, title="合成图")
    ents = [Entity(f"{c}/实体{i:05d}", c, f"实体{i:05d}", aliases=(f"别名{i:05d}",), mentions=rnd.randint(1, 50))
            for i, c in ((i, rnd.choice(CLASSES)) for i in range(n))]
    rels, co = [], []
    for a, b in sorted(nx.barabasi_albert_graph(n, 2, seed=seed).edges()):
        if rnd.random() < 0.3:
            rels.append(Relation(ents[a].key, rnd.choice(("partOf", "locatedIn", "implements")), ents[b].key,
                                 Evidence("syn", sentence, 0, len(sentence), round(rnd.uniform(0.5, 0.99), 2))))
        else:
            x, y = sorted((ents[a].key, ents[b].key))
            co.append((x, y, rnd.randint(1, 6)))
    return KnowledgeGraph.from_documents([DocumentGraph(doc, tuple(ents), tuple(rels), (), tuple(co))])


def corpus_graph(path: Path | None):
    import kg
    if path is not None:
        return kg.load(path)
    if (ROOT / "exports" / "graph.nt").exists():
        return kg.load(ROOT / "exports")
    return kg.build([str(ROOT / "data" / "corpus")], jobs=2)


def measure(browser: Browser, page_file: Path) -> dict:
    page = browser.new_page()
    try:
        t = time.perf_counter()
        page.goto(page_file.as_uri(), timeout=120)
        page.wait_for("window.zhkg && zhkg.firstDraw", timeout=120)
        wall = time.perf_counter() - t
        out = page.evaluate(REDRAW)
        out["wall"] = wall * 1000
        out["frameMedian"], out["frameP95"] = interact(page)
        assert page.errors() == [], page.errors()
        assert page.requests() == [page_file.as_uri()], page.requests()
        return out
    finally:
        page.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="page loads per case; medians are printed")
    ap.add_argument("--graph", type=Path, help="corpus export folder (default exports/, else build data/corpus)")
    a = ap.parse_args()
    cases = [("corpus", corpus_graph(a.graph), {}),
             ("synthetic 1k", synthetic_graph(1000), {}),
             ("synthetic 5k", synthetic_graph(5000), {}),
             ("synthetic 5k, all drawn", synthetic_graph(5000), {"max_nodes": 5000})]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Browser() as browser:
        for name, g, opts in cases:
            t = time.perf_counter()
            html = render_html(g, **opts)
            render = time.perf_counter() - t
            f = Path(tmp) / "page.html"
            f.write_text(html, encoding="utf-8")
            runs = [measure(browser, f) for _ in range(a.runs)]
            med = {k: statistics.median(r[k] for r in runs) for k in ("firstDraw", "settled", "redraw", "select", "frameMedian", "frameP95", "wall")}
            r0 = runs[0]
            rows.append((name, f"{r0['drawn']:,}/{r0['total']:,}", f"{r0['edges']:,}", f"{render:.1f} s",
                         f"{len(html.encode()) / 1e6:.1f} MB", f"{med['firstDraw'] / 1000:.2f} s",
                         f"{med['settled'] / 1000:.2f} s", f"{med['redraw']:.0f} ms", f"{med['select']:.0f} ms",
                         f"{med['frameMedian']:.0f} / {med['frameP95']:.0f} ms"))
            print(f"{name}: done", file=sys.stderr)
    head = ("graph", "nodes drawn/total", "edges drawn", "render (Python)", "page", "first draw", "settled",
            "redraw", "select + highlight", "frame time median / p95 (wheel zoom + drag)")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
