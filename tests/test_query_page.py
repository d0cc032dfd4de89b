"""The query page of `kg serve`: YASGUI bundled offline, the examples, the results table, links to the graph page."""
from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kg.query.page import ASSETS, YASGUI_VERSION, load_examples, page_asset
from kg.query.server import ServerConfig
from kg.vocab import PREFIXES

from cdp import Page
from loopback import serving

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = load_examples()   # the page's own: kg/query/page_assets/examples/
#: A small text of another county (not in the corpus): every example must return rows on its graph too.
OTHER_TEXT = """歙县推进茶产业高质量发展

歙县位于安徽省黄山市。近日，歙县召开乡村振兴工作推进会，歙县县长王明华出席会议并讲话。
会议指出，歙县深入实施“千村引领、万村升级”工程，推动徽州茶业有限公司等龙头企业做大做强。
徽州茶业有限公司位于歙县雄村镇，是黄山市重点农业产业化企业。
雄村镇党委书记李建国介绍，雄村镇全面落实《关于加快茶产业高质量发展的实施意见》。
"""
LOCALITIES = ("SELECT ?place ?label ?code WHERE { ?place a kg:Locality ; rdfs:label ?label ; kg:adminCode ?code } "
              "ORDER BY ?code LIMIT 5")


@pytest.fixture(scope="module")
def server(corpus_exports):
    with serving(ServerConfig(str(corpus_exports), port=0, workers=1, quiet=True)) as srv:
        yield srv


@pytest.fixture()
def page(browser, server):
    p = browser.new_page()
    p.goto(server.url)
    p.wait_for("window.zhkgQuery && zhkgQuery.ready", timeout=30)
    yield p
    p.close()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def run_in_page(p: Page, query: str | None = None) -> list[list[str]]:
    """Run the current tab's query (or `query`) with YASGUI; the results table as rows of cell texts."""
    if query is not None:
        p.evaluate(f"zhkgQuery.yasgui.getTab().getYasqe().setValue({query!r}); 1")
    p.evaluate("document.querySelectorAll('table.zhkg-results').forEach((t) => t.remove()); "
               "zhkgQuery.yasgui.getTab().getYasqe().query(); 1")
    p.wait_for("document.querySelector('.tab-panel.active table.zhkg-results, table.zhkg-results') !== null", 30)
    return p.evaluate("[...document.querySelector('table.zhkg-results').rows]"
                      ".map((r) => [...r.cells].map((c) => c.textContent))")


# ---- the files ---------------------------------------------------------------------------------
def test_yasgui_is_bundled_pinned_and_licensed():
    folder = ASSETS / "yasgui"
    notice = (folder / "NOTICE.md").read_text(encoding="utf-8")
    assert f"@zazuko/yasgui {YASGUI_VERSION}" in notice
    for name in ("yasgui.min.js", "yasgui.min.css"):
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}" in notice, f"{name} differs from the pinned release"
    assert (folder / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_assets_are_served_and_nothing_else(server):
    status, body = fetch(server.url + "assets/yasgui/yasgui.min.js")
    assert status == 200 and body == (ASSETS / "yasgui" / "yasgui.min.js").read_bytes()
    for path in ("assets/../page.py", "assets/yasgui/LICENSE", "assets/.hidden.js", "assets/query.html",
                 "assets/%2e%2e/page.py", "assets/yasgui/../../server.py"):
        assert fetch(server.url + path)[0] == 404, path
    assert page_asset("/assets/yasgui/../../page.py") is None


def test_page_offers_examples_prefixes_and_no_foreign_source(server):
    status, body = fetch(server.url)
    page = body.decode("utf-8")
    assert status == 200 and YASGUI_VERSION in page
    # every script and stylesheet is this server's
    assert re.findall(r'(?:src|href)="([^"]+)"', page) == [
        "data:,", "/assets/yasgui/yasgui.min.css", "/assets/query.css", "/graph.html",
        "/assets/yasgui/yasgui.min.js", "/assets/query.js"]
    assert "connect-src 'self'" in page
    for e in EXAMPLES:
        assert e.title in page and re.search(r"[\u4e00-\u9fff]", e.title), "examples have Chinese titles"
    for p, iri in PREFIXES.items():
        assert f'"{p}": "{iri}"' in page


# ---- in the browser ----------------------------------------------------------------------------
def test_example_runs_through_yasgui_and_fills_the_table(page, server, corpus_graph):
    p = page
    assert p.evaluate("document.querySelector('.CodeMirror') !== null"), "no YASGUI editor"
    # the menu names what the editor holds: the first example
    assert p.evaluate("document.getElementById('examples').value") == "0"
    assert p.evaluate("zhkgQuery.yasgui.getTab().getName()") == EXAMPLES[0].title
    assert p.evaluate("zhkgQuery.yasgui.getTab().getYasqe().getValue()").endswith(EXAMPLES[0].text)
    n = len(EXAMPLES) - 1
    p.evaluate(f"(() => {{ const s = document.getElementById('examples'); s.value = '{n}'; "
               "s.dispatchEvent(new Event('change')); })()")
    text = p.evaluate("zhkgQuery.yasgui.getTab().getYasqe().getValue()")
    assert text.endswith(EXAMPLES[n].text) and "PREFIX kg: <" in text
    # the editor's checker sees no error: the prefixes the query uses are declared
    assert p.evaluate("zhkgQuery.yasgui.getTab().getYasqe().queryValid") is True
    # the first example lists the documents and their titles
    p.evaluate("zhkgQuery.openExample(0); 1")
    rows = run_in_page(p)
    assert rows[0] == ["source", "title", "date"]
    titles = {d.source: d.title for d in corpus_graph.documents.values()}
    assert [r[0] for r in rows[1:]] == sorted(f.name for f in (ROOT / "data" / "corpus").iterdir())
    assert all(r[1] == titles[r[0]] and r[1] for r in rows[1:])
    assert not [c for r in rows for c in r if "@zh" in c or c.startswith('"')], "labels are shown plainly"
    assert p.errors() == []
    local = ("http://127.0.0.1:", "data:")
    assert [u for u in p.requests() if not u.startswith(local)] == [], "the page reached off the machine"


def test_entity_iris_open_the_graph_page(page, server, corpus_graph):
    p = page
    rows = run_in_page(p, LOCALITIES)
    assert rows[0] == ["place", "label", "code"] and len(rows) == 6
    assert rows[1][0].startswith("kgr:locality/"), "IRIs are shortened with the contract's prefixes"
    links = p.evaluate("[...document.querySelectorAll('table.zhkg-results a.entity')]"
                       ".map((a) => [a.getAttribute('href'), a.title])")
    assert len(links) == 5
    href, title = links[0]
    assert href.startswith("/graph.html#") and title.startswith(PREFIXES["kgr"] + "locality/")
    # the link opens the graph page with that entity selected
    g = p.browser.new_page()
    try:
        g.goto(server.url.rstrip("/") + href)
        g.wait_for("window.zhkg && zhkg.selected !== null", 20)
        selected = g.evaluate("zhkg.data.nodes[zhkg.selected][0]")
        assert selected == rows[1][1]
        assert g.evaluate("zhkg.iri(zhkg.selected)") == title.split("（")[0]
        assert g.evaluate("document.querySelector('#panel h2').textContent") == selected
    finally:
        g.close()


def _rows_of_every_example(p: Page) -> dict[str, int]:
    out = {}
    for i, e in enumerate(EXAMPLES):
        p.evaluate(f"zhkgQuery.openExample({i}); 1")
        out[e.title] = len(run_in_page(p)) - 1
    return out


def test_every_example_returns_rows_on_the_corpus(page):
    rows = _rows_of_every_example(page)
    assert min(rows.values()) >= 1, rows
    assert page.errors() == []


def test_every_example_returns_rows_on_another_text(browser, tmp_path):
    import subprocess
    import sys
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "shexian.txt").write_text(OTHER_TEXT, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "in"), "-o", str(tmp_path / "out")],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    with serving(ServerConfig(str(tmp_path / "out"), port=0, workers=1, quiet=True)) as srv:
        p = browser.new_page()
        try:
            p.goto(srv.url)
            p.wait_for("window.zhkgQuery && zhkgQuery.ready", timeout=30)
            rows = _rows_of_every_example(p)
            assert min(rows.values()) >= 1, rows
            assert rows["文档及其标题"] == 1
            assert p.errors() == []
            assert [u for u in p.requests() if not u.startswith(("http://127.0.0.1:", "data:"))] == []
        finally:
            p.close()
