"""The server's offline query page (YASGUI, bundled), its assets and the example queries it offers."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Example:
    """One query of queries/: its file name, its title (first comment line) and its text."""
    name: str
    title: str
    text: str


def default_queries_dir() -> Path:
    """The page's own examples (page_assets/examples/): Chinese titles, and written to return rows on
    any graph `kg build` makes, not only the sample corpus (queries/ holds the corpus's worked examples)."""
    return Path(__file__).with_name("page_assets") / "examples"


def load_examples(folder: Path | None = None) -> list[Example]:
    """The *.rq files of `folder` (default: the page's own examples) in name order, each titled by its
    first comment line.

    >>> [e.title for e in load_examples()][:2]
    ['文档及其标题', '各类实体的数量']
    """
    folder = default_queries_dir() if folder is None else folder
    out = []
    for f in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
        text = f.read_text(encoding="utf-8")
        first = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")), f.stem)
        out.append(Example(f.name, first, text))
    return out


ASSETS = Path(__file__).with_name("page_assets")
#: The bundled YASGUI (kg/query/page_assets/yasgui/NOTICE.md says where it comes from).
YASGUI_VERSION = "4.6.2"
#: What `kg serve` serves under /assets/: the page's own files and YASGUI's, nothing else.
ASSET_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def render_page(examples: list[Example], has_graph_html: bool = False) -> str:
    """The query page: YASGUI on /sparql, with the examples and the contract's prefixes as page data."""
    from kg.records import CLASSES
    from kg.terms import PREFIXES
    data = {"examples": [{"name": e.name, "title": e.title, "text": e.text} for e in examples],
            "prefixes": PREFIXES,
            "entityPaths": [c.lower() for c in CLASSES],
            "graphPage": "/graph.html" if has_graph_html else None}
    # inside <script type="application/json"> only "<" could end the element; \u003c is the same JSON
    blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    link = '<a href="/graph.html">关系图</a>' if has_graph_html else ""
    page = (ASSETS / "query.html").read_text(encoding="utf-8")
    parts = {"__DATA__": blob, "__GRAPHLINK__": link, "__YASGUI_VERSION__": html.escape(YASGUI_VERSION)}
    return re.sub(r"__[A-Z_]+__", lambda m: parts.get(m.group(0), m.group(0)), page)


def page_asset(path: str) -> tuple[bytes, str] | None:
    """(content, media type) of /assets/NAME (query.js, query.css, yasgui/yasgui.min.js…), or None.

    Only files of page_assets/ with a known suffix are served; "..", hidden names and anything
    else get None (the server answers 404).
    """
    if not path.startswith("/assets/"):
        return None
    parts = path[len("/assets/"):].split("/")
    if not all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", p) for p in parts):
        return None
    f = ASSETS.joinpath(*parts)
    ctype = ASSET_TYPES.get(f.suffix)
    if ctype is None or not f.is_file():
        return None
    return f.read_bytes(), ctype
