"""graph.html in a real headless Chromium: offline, complete, searchable, filterable, safe; and `kg html` views."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from kg.export.html import node_fields, render_html, save_html
from kg.records import DocumentGraph, Document, Entity, Evidence, Relation

from cdp import Browser, Page, page_data

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"


def field(name: str) -> int:
    """The index of a field of the page's node record (html_assets/app.js defines them)."""
    return node_fields().index(name)


def open_page(browser: Browser, path: Path) -> Page:
    page = browser.new_page()
    page.goto(path.resolve().as_uri())
    page.wait_for("window.zhkg && window.zhkg.firstDraw", timeout=20)
    return page


@pytest.fixture(scope="module")
def corpus_page(browser, corpus_exports):
    page = open_page(browser, corpus_exports / "graph.html")
    yield page
    page.close()


def tiny_graph(labels: list[str], pairs: list[tuple[int, int]], sentence: str = "甲与乙的句子。"):
    """A KnowledgeGraph of companies named `labels`, joined by subsidiaryOf `pairs`."""
    from kg import KnowledgeGraph
    doc = Document("d0", "d0.txt", sentence * 3, title="测试<文档>")
    ents = tuple(Entity(f"Company/{x}", "Company", x, mentions=1) for x in labels)
    rels = tuple(Relation(f"Company/{labels[a]}", "subsidiaryOf", f"Company/{labels[b]}",
                          Evidence("d0", sentence, 0, len(sentence), 0.9)) for a, b in pairs)
    return KnowledgeGraph.from_documents([DocumentGraph(doc, ents, rels, ())])


# ---- the file -------------------------------------------------------------------------------------
def test_build_writes_self_contained_page(corpus_exports):
    html = (corpus_exports / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "<script src" not in html and 'rel="stylesheet"' not in html
    assert "vis-network" in html and "Noto Sans CJK SC" in html
    assert "default-src 'none'" in html  # the page itself forbids any fetch


def test_same_graph_gives_identical_page(corpus_graph, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    save_html(corpus_graph, a)
    save_html(corpus_graph, b)
    assert a.read_bytes() == b.read_bytes()


# ---- the corpus page in the browser ----------------------------------------------------------
def test_corpus_page_draws_every_entity_offline(corpus_page, corpus_graph, corpus_exports):
    p = corpus_page
    total, max_nodes, drawn, edges = p.evaluate(
        "[zhkg.total, zhkg.data.maxNodes, zhkg.drawnNodes(), zhkg.drawnEdges()]")
    assert total == len(corpus_graph)
    assert drawn == min(total, max_nodes) == p.evaluate("zhkg.nodes.length")
    if drawn == total:
        s = corpus_graph.summary()
        assert edges == sum(s["relations"].values()) + s["posts"] + s["cooccurrences"]
    # how fast it draws is measured by benchmarks/html.py, not asserted here
    assert p.evaluate("zhkg.firstDraw") > 0
    assert p.requests() == [(corpus_exports / "graph.html").resolve().as_uri()]
    assert p.errors() == []
    p.screenshot(ARTIFACTS / "graph.png")


def test_search_by_alias_focuses_entity(corpus_page):
    p = corpus_page
    p.evaluate("document.getElementById('q').focus()")
    p.type_text("嵊州")
    assert "嵊州市" in p.evaluate("[...document.querySelectorAll('#hits li')].map(li => li.textContent).join('|')")
    p.press("Enter", 13)
    node = p.wait_for("zhkg.selected !== null && zhkg.selected + 1") - 1
    assert p.evaluate(f"zhkg.data.nodes[{node}][0]") == "嵊州市"
    assert p.evaluate("zhkg.network.getSelectedNodes()") == [node]
    # the view ends centred on it, and the side panel shows it
    p.wait_for(f"""(() => {{ const a = zhkg.network.getViewPosition(), b = zhkg.network.getPositions([{node}])[{node}];
                    return Math.hypot(a.x - b.x, a.y - b.y) < 2; }})()""", timeout=30)
    assert p.evaluate("document.querySelector('#panel h2').textContent") == "嵊州市"
    assert not p.evaluate("document.getElementById('panel').hidden")
    # its neighbourhood stays vivid and the rest fades: read the pixels at node centres
    neighbours = set(p.evaluate(f"zhkg.network.getConnectedNodes({node})"))
    assert set(p.evaluate("zhkg.highlighted")) == neighbours | {node}
    time.sleep(0.2)  # the redraw after the focus animation
    far = p.evaluate(FAR_NODES)
    # how many non-neighbours stay on screen depends on the layout (the corpus graph grows): enough to sample
    assert len(far) >= 5
    assert _own_colour(p, [node]) == 1
    # the fade is drawn on a later frame: on a busy machine that can take more than the 0.2 s above
    deadline = time.monotonic() + 10
    while _own_colour(p, far) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _own_colour(p, far) == 0, "the rest of the graph did not fade"
    p.screenshot(ARTIFACTS / "focus.png")
    p.evaluate("zhkg.clear()")
    # the panel closes and the canvas grows (the view may shift): sample after the next frames,
    # and only the far nodes still on screen
    p.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))", await_promise=True)
    # the view zooms when the canvas grows, so the far nodes may have left it: take the on-screen
    # nodes outside the old neighbourhood now
    visible = p.evaluate(ON_SCREEN % (sorted(neighbours | {node}),))
    assert len(visible) >= 3, "the view lost the graph when the panel closed"
    # a centre can be under another entity's label, so not all of them, but most show their colour again
    assert _own_colour(p, visible) * 2 >= len(visible), "clearing did not restore the graph"
    assert p.evaluate("zhkg.highlighted") == []


# The ten shown nodes farthest from the selected one that are on screen and outside its neighbourhood.
FAR_NODES = """(() => {
  const net = zhkg.network, sel = zhkg.selected, hl = new Set(zhkg.highlighted);
  const w = net.canvas.frame.canvas.clientWidth, h = net.canvas.frame.canvas.clientHeight;
  const c = net.getPositions([sel])[sel];
  const pos = net.getPositions(zhkg.nodes.getIds());
  return Object.keys(pos).map(Number).filter((id) => !hl.has(id)).map((id) => {
      const d = net.canvasToDOM(pos[id]);
      return [id, d.x > 30 && d.y > 30 && d.x < w - 30 && d.y < h - 30, Math.hypot(pos[id].x - c.x, pos[id].y - c.y)];
    }).filter((x) => x[1]).sort((a, b) => b[2] - a[2] || a[0] - b[0]).slice(0, 10).map((x) => x[0]);
})()"""
# Up to ten shown nodes, not in the given list, whose centre is inside the canvas (lowest ids first).
ON_SCREEN = """(() => {
  const net = zhkg.network, w = net.canvas.frame.canvas.clientWidth, h = net.canvas.frame.canvas.clientHeight;
  const skip = new Set(%s), pos = net.getPositions(zhkg.nodes.getIds());
  return Object.keys(pos).map(Number).filter((id) => { if (skip.has(id)) return false;
      const d = net.canvasToDOM(pos[id]); return d.x > 30 && d.y > 30 && d.x < w - 30 && d.y < h - 30; })
    .sort((a, b) => a - b).slice(0, 10);
})()"""
# For each node id: the RGB pixel at its centre and its class colour.
PIXELS = """(() => {
  const net = zhkg.network, canvas = net.canvas.frame.canvas, ctx = canvas.getContext("2d");
  const ratio = canvas.width / canvas.clientWidth;
  return %s.map((id) => {
    const d = net.canvasToDOM(net.getPositions([id])[id]);
    const hex = zhkg.data.classes[zhkg.data.nodes[id][1]][2];
    return [Array.from(ctx.getImageData(Math.round(d.x * ratio), Math.round(d.y * ratio), 1, 1).data).slice(0, 3),
            [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))];
  });
})()"""


def _own_colour(p: Page, ids: list[int]) -> int:
    """How many of these nodes show their class colour at their centre (faded ones do not)."""
    return sum(max(abs(a - b) for a, b in zip(px, colour)) < 40 for px, colour in p.evaluate(PIXELS % ids))


def _click_box(p: Page, selector: str) -> None:
    x, y = p.evaluate(f"""(() => {{ const r = document.querySelector("{selector}").getBoundingClientRect();
                          return [r.x + r.width / 2, r.y + r.height / 2]; }})()""")
    p.click(x, y)


def test_class_and_predicate_filters_hide_what_they_should(corpus_page, corpus_graph):
    p = corpus_page
    # the entities on the page, as graph keys (officials are persons in the graph)
    nodes = p.evaluate("zhkg.nodes.get().map(n => [n.label, zhkg.data.classes[zhkg.data.nodes[n.id][1]][0]])")
    labels = {("Person" if c == "Official" else c) + "/" + label for label, c in nodes}
    # as graph keys: two articles' own 县政府 (keys 县政府@doc) are two nodes with one label
    shown = {e.key for e in corpus_graph.entities() if f"{e.cls}/{e.label}" in labels}
    assert p.evaluate("zhkg.drawnNodes()") == len(nodes) == len(shown)
    localities = {e.key for e in corpus_graph.entities("Locality")} & shown
    assert localities, "the corpus has localities"
    typed = [(f.subject, f.object) for f in corpus_graph.relations()] + [(x.person, x.org) for x in corpus_graph.posts()]
    cooc = list(corpus_graph.cooccurrence)

    def expected(pairs: list) -> int:
        return len([e for e in pairs if {e[0], e[1]} <= shown - localities and e[0] != e[1]])
    _click_box(p, "input[data-cls=Locality]")
    assert p.evaluate("zhkg.drawnNodes()") == len(shown) - len(localities)
    assert p.evaluate("zhkg.drawnEdges()") == expected(typed + cooc)
    _click_box(p, "input[data-kind=relatedTo]")
    assert p.evaluate("zhkg.drawnEdges()") == expected(typed)
    _click_box(p, "input[data-cls=Locality]")
    _click_box(p, "input[data-kind=relatedTo]")
    assert p.evaluate("zhkg.drawnNodes()") == len(shown)
    assert p.errors() == []


# ---- small synthetic pages --------------------------------------------------------------------
def test_markup_in_names_and_sentences_stays_text(browser, tmp_path):
    evil = '<img src=x onerror="window.pwned=1">'
    g = tiny_graph([evil, "</script><b>乙</b>"], [(0, 1)], sentence=f"句子{evil}。")
    html = render_html(g)
    (tmp_path / "evil.html").write_text(html, encoding="utf-8")
    p = open_page(browser, tmp_path / "evil.html")
    try:
        node = p.evaluate(f"zhkg.search({json.dumps(evil)})[0]")
        p.evaluate(f"zhkg.focus({node})")
        assert p.evaluate("document.querySelector('#panel h2').textContent") == evil
        assert evil in p.evaluate("document.getElementById('panel').textContent")
        assert p.evaluate("document.querySelectorAll('img, #panel b').length") == 0
        assert p.evaluate("zhkg.edges.get(0).title instanceof HTMLElement")
        assert p.evaluate("window.pwned") is None
        assert p.errors() == []
    finally:
        p.close()


def test_large_graph_starts_from_central_entities_and_expands(browser, tmp_path):
    labels = [f"公司{i:03d}" for i in range(120)]
    # a hub with 60 spokes, and a chain among the rest: the hub must be among the first drawn
    pairs = [(i, 0) for i in range(1, 61)] + [(i, i + 1) for i in range(61, 119)]
    html = render_html(tiny_graph(labels, pairs), max_nodes=20)
    (tmp_path / "big.html").write_text(html, encoding="utf-8")
    p = open_page(browser, tmp_path / "big.html")
    try:
        assert p.evaluate("[zhkg.total, zhkg.drawnNodes()]") == [120, 20]
        hub = p.evaluate("zhkg.search('公司000')[0]")
        assert p.evaluate(f"zhkg.nodes.get({hub}) !== null")
        # a real double-click on the hub adds its 60 neighbours
        x, y = p.evaluate(f"""(() => {{ const c = zhkg.network.getPositions([{hub}])[{hub}],
                              d = zhkg.network.canvasToDOM(c), r = document.getElementById('graph').getBoundingClientRect();
                              return [r.x + d.x, r.y + d.y]; }})()""")
        p.click(x, y)  # a real click selects it and dims everything beyond its neighbourhood
        p.wait_for(f"zhkg.selected === {hub}", timeout=30)
        time.sleep(0.4)  # past the double-tap interval, so the next two clicks are a fresh double-click
        p.click(x, y, count=2)
        p.wait_for("zhkg.drawnNodes() > 20", timeout=30)
        shown = set(p.evaluate("zhkg.nodes.get().map(n => n.label)"))
        assert set(labels[:61]) <= shown
        assert p.errors() == []
    finally:
        p.close()


# ---- kg html ----------------------------------------------------------------------------------
def kg_html(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "html", *args], capture_output=True, text=True, cwd=cwd)


def test_focus_view_holds_the_neighbourhood(corpus_exports, corpus_graph, tmp_path):
    out = tmp_path / "shengzhou.html"
    r = kg_html("-g", str(corpus_exports), "-o", str(out), "--focus", "嵊州", "--hops", "1")
    assert r.returncode == 0, r.stderr
    data = page_data(out.read_text(encoding="utf-8"))
    root = corpus_graph.resolve("嵊州")
    near = {root.key}
    for f in corpus_graph.relations():
        if root.key in (f.subject, f.object):
            near |= {f.subject, f.object}
    for a, b in corpus_graph.cooccurrence:
        if root.key in (a, b):
            near |= {a, b}
    for x in corpus_graph.posts():
        if root.key in (x.person, x.org):
            near |= {x.person, x.org}
    assert sorted(n[field("L")] for n in data["nodes"]) == sorted(corpus_graph.entity(k).label for k in near)


def test_class_view_keeps_only_that_class(corpus_exports, tmp_path):
    out = tmp_path / "companies.html"
    r = kg_html("-g", str(corpus_exports), "-o", str(out), "--classes", "Company", "--max-nodes", "5")
    assert r.returncode == 0, r.stderr
    data = page_data(out.read_text(encoding="utf-8"))
    classes = {data["classes"][n[field("CLS")]][0] for n in data["nodes"]}
    assert classes == {"Company"}
    assert len(data["initial"]) == min(5, len(data["nodes"]))


def test_unknown_focus_is_one_line_with_candidates(corpus_exports, tmp_path):
    r = kg_html("-g", str(corpus_exports), "-o", str(tmp_path / "x.html"), "--focus", "州市")
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("kg html: ")
    assert "嵊州市" in r.stderr
    assert not (tmp_path / "x.html").exists()


# ---- the side panel, a hub's labels, a predicate view (issue 14 item 3) --------------------------
def test_panel_shows_level_in_chinese_and_code_on_their_own_lines(corpus_page, corpus_graph):
    p = corpus_page
    for name, level in (("嵊州市", "县"), ("三界镇", "乡镇"), ("浙江省", "省"), ("绍兴市", "市")):
        code = dict(corpus_graph.resolve(name).attrs).get("adminCode")   # the list gives townships none
        p.evaluate(f"zhkg.focus(zhkg.search({name!r})[0]); 1")
        p.wait_for(f"document.querySelector('#panel h2').textContent === {name!r}", 5)
        lines = p.evaluate("[...document.querySelectorAll('#panel > div')].map((d) => d.textContent)")
        assert f"行政级别：{level}" in lines, lines
        assert [x for x in lines if x.startswith("行政区划代码")] == ([f"行政区划代码：{code}"] if code else [])
        panel = p.evaluate("document.getElementById('panel').textContent")
        assert not re.search(r"province|prefecture|county|township|village", panel)
        tip = p.evaluate(f"zhkg.nodes.get(zhkg.search({name!r})[0]).title.textContent")
        assert f"行政级别：{level}" in tip and (code is None or f"行政区划代码：{code}" in tip)
    p.evaluate("zhkg.clear()")


def test_hub_neighbourhood_labels_do_not_overlap(corpus_page):
    p = corpus_page
    hub = p.evaluate("zhkg.search('浙江省')[0]")
    p.evaluate(f"zhkg.focus({hub}); 1")
    p.wait_for(f"zhkg.selected === {hub} && (zhkg.labelBoxes || []).length > 0", 5)
    time.sleep(0.5)   # the focus animation ends with a redraw
    boxes = p.evaluate("zhkg.labelBoxes")
    highlighted = p.evaluate("zhkg.highlighted.length")
    assert highlighted > 100 and boxes[0]["id"] == hub, "the selected entity's label comes first"
    overlapping = [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]
    assert overlapping == []
    # a readable share is labelled; the rest are left to the hover tooltip
    assert 30 <= len(boxes) < highlighted
    hidden = set(p.evaluate("zhkg.highlighted")) - {b["id"] for b in boxes}
    assert all(p.evaluate(f"zhkg.nodes.get({i}).title.textContent.length > 0") for i in sorted(hidden)[:20])
    p.screenshot(ARTIFACTS / "hub.png")
    p.evaluate("zhkg.clear()")


def test_predicate_view_drops_entities_left_without_an_edge(browser, corpus_exports, corpus_graph, tmp_path):
    out, kept = tmp_path / "part_of.html", tmp_path / "part_of_all.html"
    r = kg_html("-g", str(corpus_exports), "-o", str(out), "--predicates", "隶属于")
    assert r.returncode == 0, r.stderr
    linked = {k for f in corpus_graph.relations("partOf") for k in (f.subject, f.object)}
    assert r.stdout.startswith(f"wrote {out}: {len(linked)} entities, ")
    p = open_page(browser, out)
    try:
        total, isolated = p.evaluate("[zhkg.total, zhkg.data.nodes.filter((n) => n[8] === 0).length]")
        assert total == len(linked) and isolated == 0
        assert p.evaluate("zhkg.drawnNodes()") == total and p.evaluate("zhkg.drawnEdges()") > 0
    finally:
        p.close()
    r = kg_html("-g", str(corpus_exports), "-o", str(kept), "--predicates", "partOf", "--keep-isolated")
    assert r.returncode == 0, r.stderr
    data = page_data(kept.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == len(corpus_graph) and sum(1 for n in data["nodes"] if n[field("DEGREE")] == 0) > 0


def test_graph_page_opens_the_entity_named_in_its_address(browser, corpus_exports, corpus_graph):
    e = corpus_graph.resolve("三界镇")
    page = (corpus_exports / "graph.html").resolve().as_uri()
    p = browser.new_page()
    try:
        p.goto(page + "#" + urllib.parse.quote(corpus_graph.iri(e.key), safe=""))
        p.wait_for("window.zhkg && zhkg.selected !== null", 20)
        assert p.evaluate("zhkg.data.nodes[zhkg.selected][0]") == "三界镇"
        p.evaluate("location.hash = encodeURIComponent(zhkg.data.base + 'locality/nothing'); 1")
        p.wait_for("document.getElementById('status').textContent.startsWith('此页面没有该实体')", 5)
    finally:
        p.close()


# ---- a page that opens readable (issue 22 item 6) ------------------------------------------------
def _overlapping(boxes: list[dict]) -> list[tuple[int, int]]:
    return [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


def test_first_view_labels_the_most_central_entities_without_overlap(corpus_page):
    p = corpus_page
    p.evaluate("zhkg.clear(); zhkg.network.fit({animation: false}); 1")
    p.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))", await_promise=True)
    boxes, rank, size = p.evaluate("[zhkg.labelBoxes, zhkg.data.rank, [zhkg.network.canvas.frame.canvas.clientWidth,"
                                   " zhkg.network.canvas.frame.canvas.clientHeight]]")
    assert 20 <= len(boxes) <= 80, len(boxes)
    assert _overlapping(boxes) == []
    assert all(0 <= b["right"] and b["left"] <= size[0] and 0 <= b["bottom"] and b["top"] <= size[1] for b in boxes)
    # the page's own ranking decides: the top-ranked entity is labelled, and what is labelled ranks high
    ids = [b["id"] for b in boxes]
    assert ids[0] == rank[0]
    position = {n: r for r, n in enumerate(rank)}
    assert sorted(position[i] for i in ids)[len(ids) // 2] < len(rank) // 4
    # the drawn text is the short label (policy documents lose 关于…的通知)
    short = field("SHORT")
    assert p.evaluate(f"zhkg.data.nodes.every((n) => n[{short}].length <= 12)")
    # zooming in makes room for labels that did not fit at the overview
    first = set(ids)
    p.evaluate(f"zhkg.network.moveTo({{position: zhkg.network.getPositions([{rank[0]}])[{rank[0]}], scale: 2.5}}); 1")
    p.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))", await_promise=True)
    zoomed = p.evaluate("zhkg.labelBoxes")
    assert _overlapping(zoomed) == [] and {b["id"] for b in zoomed} - first
    p.evaluate("zhkg.network.fit({animation: false}); 1")
    assert p.errors() == []


def test_policy_documents_draw_as_small_sheets(corpus_page):
    p = corpus_page
    docs = p.evaluate("zhkg.data.nodes.map((n, i) => [i, zhkg.data.classes[n[1]][0]])"
                      ".filter((x) => x[1] === 'PolicyDocument').map((x) => x[0])")
    assert docs, "the corpus cites policy documents"
    widths = p.evaluate(f"{docs}.map((i) => zhkg.network.body.nodes[i] ? zhkg.network.body.nodes[i].shape.width : 0)")
    # each one a sheet within a node box of 2 × its size (at most 16), whatever its title's length
    # (box drew a bar as long as the title: 200-400 px)
    assert 0 < max(widths) <= 32, widths


def test_focus_page_selects_marks_and_labels_the_entity(browser, corpus_exports, corpus_graph, tmp_path):
    out = tmp_path / "shengzhou2.html"
    r = kg_html("-g", str(corpus_exports), "-o", str(out), "--focus", "嵊州", "--hops", "2")
    assert r.returncode == 0, r.stderr
    data = page_data(out.read_text(encoding="utf-8"))
    root = data["focus"]
    assert data["nodes"][root][field("L")] == "嵊州市" and data["rank"][0] == root
    assert len(data["nodes"]) > 150 and len(data["initial"]) == 150 and "150 drawn first" in r.stdout
    p = open_page(browser, out)
    try:
        p.wait_for(f"zhkg.selected === {root} && zhkg.labelBoxes.length > 0", 10)
        time.sleep(0.3)
        assert p.evaluate("zhkg.network.getSelectedNodes()") == [root]
        assert p.evaluate("zhkg.drawnNodes()") == 150
        # the page says what it drew first and why
        note = p.evaluate("document.getElementById('note').textContent")
        assert "150" in note and "嵊州市" in note and not p.evaluate("document.getElementById('note').hidden")
        assert p.evaluate("document.querySelector('#panel h2').textContent") == "嵊州市"
        boxes = p.evaluate("zhkg.labelBoxes")
        assert boxes[0]["id"] == root and len(boxes) >= 20 and _overlapping(boxes) == []
        near = set(p.evaluate(f"zhkg.network.getConnectedNodes({root})"))
        assert {b["id"] for b in boxes[1:]} <= near, "the labels are its neighbourhood's"
        # the mark: a red ring (#d62728) just outside the node
        ring = p.evaluate(f"""(() => {{ const net = zhkg.network, n = net.body.nodes[{root}], c = net.canvas.frame.canvas;
            const ratio = c.width / c.clientWidth, r = n.shape.height / 2 + 6;
            const out = [];
            for (let a = 0; a < 6.28; a += 0.5) {{
              const d = net.canvasToDOM({{x: n.x + r * Math.cos(a), y: n.y + r * Math.sin(a)}});
              out.push(Array.from(c.getContext('2d').getImageData(Math.round(d.x * ratio), Math.round(d.y * ratio), 1, 1).data).slice(0, 3));
            }}
            return out; }})()""")
        assert sum(abs(px[0] - 0xd6) < 30 and abs(px[1] - 0x27) < 40 and abs(px[2] - 0x28) < 40 for px in ring) >= 6, ring
        assert p.requests() == [out.resolve().as_uri()] and p.errors() == []
        p.screenshot(ARTIFACTS / "focus2.png")
    finally:
        p.close()


def test_date_filter_speaks_chinese_and_reads_chinese_dates(browser, tmp_path):
    from kg import KnowledgeGraph
    docs = [Document(f"d{i}", f"d{i}.txt", "甲公司。", title=f"第{i}篇", date=day)
            for i, day in enumerate(("2024-01-05", "2024-03-20"))]
    graphs = [DocumentGraph(d, (Entity(f"Company/公司{i}", "Company", f"公司{i}", mentions=1),), (), ())
              for i, d in enumerate(docs)]
    out = tmp_path / "dated.html"
    out.write_text(render_html(KnowledgeGraph.from_documents(graphs)), encoding="utf-8")
    p = open_page(browser, out)
    try:
        fields = p.evaluate("[...document.querySelectorAll('#date-filter input')].map((x) => [x.type, x.placeholder])")
        assert [t for t, _ in fields] == ["text", "text"], "a date input shows the browser's mm/dd/yyyy"
        assert all(re.search(r"[\u4e00-\u9fff]", ph) and "mm" not in ph.lower() for _, ph in fields), fields
        assert not p.evaluate("document.getElementById('date-filter').hidden")
        assert p.evaluate("[zhkg.parseDay('2024年3月1日', false), zhkg.parseDay('2024-2', true), "
                          "zhkg.parseDay('2024', false), zhkg.parseDay('2024-13-01', false)]") == [
            "2024-03-01", "2024-02-29", "2024-01-01", None]
        p.evaluate("const f = document.getElementById('date-from'); f.value = '2024年2月1日'; "
                   "f.dispatchEvent(new Event('change')); 1")
        assert p.evaluate("zhkg.nodeView.length") == 1
        assert p.errors() == []
    finally:
        p.close()


def test_docs_screenshots_are_small_pngs():
    """tools/screenshots.py writes them from a fresh build; they stay small enough for the repository."""
    for name in ("graph.png", "focus.png", "map.png"):
        data = (ROOT / "docs" / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 300_000, (name, len(data))
