"""The query page of `kg serve`: YASGUI bundled offline, the examples, the results table, links to the graph page."""
from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kg.query.page import ASSETS, YASGUI_VERSION, page_asset
from kg.query.server import ServerConfig, serve_in_thread
from kg.vocab import PREFIXES

from cdp import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "queries").glob("*.rq"))
LOCALITIES = ("SELECT ?place ?label ?code WHERE { ?place a kg:Locality ; rdfs:label ?label ; kg:adminCode ?code } "
              "ORDER BY ?code LIMIT 5")


@pytest.fixture(scope="module")
def server(corpus_exports):
    srv, thread = serve_in_thread(ServerConfig(str(corpus_exports), port=0, workers=1, quiet=True))
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(10)


@pytest.fixture(scope="module")
def browser(chromium):
    with Browser(chromium) as b:
        yield b


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
    for f in EXAMPLES:
        assert f.read_text(encoding="utf-8").splitlines()[0].lstrip("# ") in page
    for p, iri in PREFIXES.items():
        assert f'"{p}": "{iri}"' in page


# ---- in the browser ----------------------------------------------------------------------------
def test_example_runs_through_yasgui_and_fills_the_table(page, server):
    p = page
    assert p.evaluate("document.querySelector('.CodeMirror') !== null"), "no YASGUI editor"
    # the menu names what the editor holds: the first example
    assert p.evaluate("document.getElementById('examples').value") == "0"
    assert p.evaluate("zhkgQuery.yasgui.getTab().getYasqe().getValue()").endswith(
        EXAMPLES[0].read_text(encoding="utf-8"))
    n = [f.name for f in EXAMPLES].index("companies_in_shengzhou.rq")
    p.evaluate(f"(() => {{ const s = document.getElementById('examples'); s.value = '{n}'; "
               "s.dispatchEvent(new Event('change')); })()")
    text = p.evaluate("zhkgQuery.yasgui.getTab().getYasqe().getValue()")
    assert text.endswith(EXAMPLES[n].read_text(encoding="utf-8")) and "PREFIX kg: <" in text
    # the editor's checker sees no error: the prefixes the query uses are declared
    assert p.evaluate("zhkgQuery.yasgui.getTab().getYasqe().queryValid") is True
    rows = run_in_page(p)
    assert rows[0] == ["company", "site"] and len(rows) > 5
    labels = {r[0] for r in rows[1:]}
    assert "嵊州市森诚纺织有限公司" in labels
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
