"""graph.html: the knowledge graph as one offline, self-contained interactive network page."""
from __future__ import annotations

import dataclasses
import html
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from kg.export.layout import layout
from kg.export.map import map_data
from kg.export.registry import ExportJob, exporter
from kg.records import PREDICATES, Evidence

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph

ASSETS = Path(__file__).with_name("html_assets")

#: Display classes: the contract's classes with officials (persons holding a public post) apart.
#: class → (Chinese label, colour, vis-network shape, legend symbol)
CLASS_STYLE: dict[str, tuple[str, str, str, str]] = {
    "Locality": ("地区", "#1f77b4", "dot", "●"),
    "Programme": ("政策项目", "#ff7f0e", "diamond", "◆"),
    "Company": ("企业", "#2ca02c", "square", "■"),
    "GovernmentBody": ("政府机构", "#d62728", "triangle", "▲"),
    "Organization": ("组织", "#9467bd", "triangleDown", "▼"),
    "Person": ("人物", "#8c564b", "hexagon", "⬢"),
    "Official": ("官员", "#e377c2", "star", "★"),
    "Project": ("项目", "#17becf", "dot", "◉"),
    "PolicyDocument": ("政策文件", "#bcbd22", "custom", "▭"),   # app.js draws a small page, not a title-long bar
}
#: Edge kinds: the typed predicates, posts ("holds") and co-occurrence. → (Chinese label, colour)
PREDICATE_STYLE: dict[str, tuple[str, str]] = {
    "partOf": ("隶属于", "#4a7ab0"),
    "locatedIn": ("位于", "#17a2b8"),
    "implements": ("实施", "#e07b00"),
    "participatesIn": ("参与", "#a0a020"),
    "subProgrammeOf": ("子项目", "#c05010"),
    "subsidiaryOf": ("子公司", "#2e8b2e"),
    "develops": ("开发", "#7d4fb0"),
    "issuedBy": ("发布", "#6b6b00"),
    "holds": ("任职", "#d0509f"),
    "relatedTo": ("共现", "#c4c4c4"),
}
#: Administrative levels of the division list, as the page shows them.
LEVEL_ZH: dict[str, str] = {"province": "省", "prefecture": "市", "county": "县", "township": "乡镇", "village": "村"}
DISPLAY_CLASSES: tuple[str, ...] = tuple(CLASS_STYLE)
EDGE_KINDS: tuple[str, ...] = (*PREDICATES, "holds", "relatedTo")
FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
MAX_NODES = 2000          # past this the page starts from the most central entities
FOCUS_MAX_NODES = 150     # a --focus page starts from this many, nearest and most central first
SHORT_CHARS = 12          # longer names are shortened on the canvas (the tooltip and panel keep them whole)
EVIDENCE_PER_EDGE = 5     # sentences kept per edge in the page (the count says how many exist)
NO_SENTENCE = "（参考列表所载，无原文句子）"  # evidence from the division list, which has no sentence
SENTENCE_CHARS = 300      # longer sentences are cut: the page is for browsing, the RDF keeps them whole


@dataclass
class View:
    """The part of a graph a page shows: nodes (entity keys, sorted) and edges between them."""
    nodes: list[str]
    cls: dict[str, str]                                  # key → display class
    edges: list[tuple[str, str, str, str, tuple[Evidence, ...], int]] = field(default_factory=list)
    # (subject, object, kind, label, evidence, weight)
    root: str | None = None                              # the entity a --focus view is centred on


def display_class(kg: "KnowledgeGraph", officials: set[str], key: str) -> str:
    """The class the page shows an entity in: a person holding a public post (in `officials`) is an Official.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> display_class(g, set(), "Locality/嵊州市")
    'Locality'
    """
    e = kg.entity(key)
    return "Official" if e.cls == "Person" and key in officials else e.cls


def select_view(kg: "KnowledgeGraph", classes: Iterable[str] | None = None, predicates: Iterable[str] | None = None,
                min_degree: int = 0, focus: str | None = None, hops: int = 1, keep_isolated: bool = False) -> View:
    """Choose nodes and edges: keep `classes` and edge kinds `predicates`, the `hops`-neighbourhood of
    `focus` (any name; kg.UnknownEntity if it names nothing), then drop nodes under `min_degree`.

    With `predicates`, entities left without any edge are dropped too (a page of isolated dots
    says nothing about those relations), unless `keep_isolated`.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> v = select_view(g)
    >>> v.nodes, [e[2] for e in v.edges]
    (['Locality/嵊州市', 'Locality/浙江省'], ['partOf', 'relatedTo'])
    >>> select_view(g, predicates=["develops"]).nodes
    []
    """
    for given, known, what in ((classes, DISPLAY_CLASSES, "class"), (predicates, EDGE_KINDS, "predicate")):
        unknown = sorted(set(given or ()) - set(known))
        if unknown:
            raise ValueError(f"unknown {what} {unknown[0]!r}; expected one of {', '.join(known)}")
    officials = kg.officials()
    cls = {e.key: display_class(kg, officials, e.key) for e in kg.entities()}
    keep_cls = set(DISPLAY_CLASSES if classes is None else classes)
    if "Person" in keep_cls and classes is not None and "Official" not in set(classes):
        keep_cls.add("Official")  # officials are persons: asking for persons includes them
    kinds = set(EDGE_KINDS if predicates is None else predicates)
    edges = [(f.subject, f.object, f.predicate, "", f.evidence, len(f.evidence))
             for f in kg.relations() if f.predicate in kinds]
    if "holds" in kinds:
        edges += [(p.person, p.org, "holds", p.title, p.evidence, len(p.evidence)) for p in kg.posts()]
    if "relatedTo" in kinds:
        edges += [(a, b, "relatedTo", "", (), w) for (a, b), w in sorted(kg.cooccurrence.items())]
    nodes = {k for k, c in cls.items() if c in keep_cls}
    root = kg.resolve(focus).key if focus else None
    if root is not None:
        nodes.add(root)
    edges = [e for e in edges if e[0] in nodes and e[1] in nodes and e[0] != e[1]]
    if root is not None:
        nodes = _neighbourhood(root, edges, hops)
        edges = [e for e in edges if e[0] in nodes and e[1] in nodes]
    if predicates is not None and not keep_isolated:
        linked = {n for e in edges for n in e[:2]}
        nodes = {n for n in nodes if n in linked or n == root}
    if min_degree > 0:
        degree = _degrees(edges)
        nodes = {n for n in nodes if degree.get(n, 0) >= min_degree or n == root}
        edges = [e for e in edges if e[0] in nodes and e[1] in nodes]
    edges.sort(key=lambda e: (e[0], e[1], EDGE_KINDS.index(e[2]), e[3]))
    return View(sorted(nodes), {k: cls[k] for k in nodes}, edges, root)


def _neighbourhood(root: str, edges: list, hops: int) -> set[str]:
    adj: dict[str, set[str]] = defaultdict(set)
    for s, o, *_ in edges:
        adj[s].add(o)
        adj[o].add(s)
    seen, frontier = {root}, {root}
    for _ in range(max(hops, 0)):
        frontier = {m for n in frontier for m in adj[n]} - seen
        seen |= frontier
    return seen


def _hops_from(root: int, n: int, edges: list) -> list[int]:
    """Each node's distance in edges from node `root` (n + 1 where it is not reached)."""
    adj: dict[int, list[int]] = defaultdict(list)
    for a, b, *_ in edges:
        adj[a].append(b)
        adj[b].append(a)
    dist, frontier = [n + 1] * n, [root]
    dist[root] = 0
    while frontier:
        nxt = []
        for a in frontier:
            for b in adj[a]:
                if dist[b] > n:
                    dist[b] = dist[a] + 1
                    nxt.append(b)
        frontier = nxt
    return dist


#: Words a document title starts or ends with that say nothing on the canvas (the panel keeps them).
_TITLE_HEAD = ("关于印发", "关于转发", "关于")
_TITLE_TAIL = ("的通知", "的函")


def short_label(label: str, cls: str, limit: int = SHORT_CHARS) -> str:
    """The name the canvas draws: a policy document without 关于…的通知, and any name longer than
    `limit` characters cut in the middle (its head and its kind, e.g. 实施意见, stay).

    >>> short_label("关于加快安全应急产业高质量发展的实施意见", "PolicyDocument")
    '加快安全应急产…实施意见'
    >>> short_label("关于健全困难老年人补贴制度的通知", "PolicyDocument")
    '健全困难老年人补贴制度'
    >>> short_label("嵊州市", "Locality")
    '嵊州市'
    """
    if cls == "PolicyDocument":
        core = next((label[len(h):] for h in _TITLE_HEAD if label.startswith(h) and len(label) > len(h) + 2), label)
        label = next((core[:-len(t)] for t in _TITLE_TAIL if core.endswith(t) and len(core) > len(t) + 2), core)
    return label if len(label) <= limit else label[:limit - 5] + "…" + label[-4:]


def _degrees(edges: list) -> dict[str, int]:
    degree: dict[str, int] = defaultdict(int)
    for s, o, *_ in edges:
        degree[s] += 1
        degree[o] += 1
    return degree


# ---- page data ---------------------------------------------------------------------------------
@cache
def node_fields() -> tuple[str, ...]:
    """The fields of the page's node record, in order, as html_assets/app.js defines them once
    (`const L = 0, CLS = 1, …;`): page_data fills a record by these names, so a field added to or
    dropped from the script without page_data (or the reverse) fails at once.

    >>> node_fields()[:3], node_fields()[-1]
    (('L', 'CLS', 'ALIASES'), 'SHORT')
    """
    m = re.search(r"^\s*const (L = 0(?:, [A-Z_]+ = \d+)*);", _asset(ASSETS / "app.js"), re.M)
    if m is None:
        raise ValueError("html_assets/app.js does not define the node record (const L = 0, …;)")
    pairs = [part.split(" = ") for part in m.group(1).split(", ")]
    if [int(i) for _, i in pairs] != list(range(len(pairs))):
        raise ValueError("html_assets/app.js: the node record's indices are not 0, 1, 2, …")
    return tuple(name for name, _ in pairs)


def _record(fields: dict[str, object]) -> list:
    """A node as the page's positional record (see node_fields)."""
    order = node_fields()
    if set(fields) != set(order):
        raise ValueError(f"node record fields {sorted(fields)} differ from app.js's {list(order)}")
    return [fields[name] for name in order]


class _Numbering:
    """The page's documents and evidence sentences, numbered in the order the page lists them."""

    def __init__(self, kg: "KnowledgeGraph") -> None:
        self.docs = sorted(kg.documents)
        self.doc_index = {d: i for i, d in enumerate(self.docs)}
        self.sentences: dict[str, int] = {}

    def ev(self, e: Evidence) -> list:
        """[sentence number, document number (-1: none), confidence]."""
        text = e.sentence or NO_SENTENCE
        text = text if len(text) <= SENTENCE_CHARS else text[:SENTENCE_CHARS] + "…"
        return [self.sentences.setdefault(text, len(self.sentences)), self.doc_index.get(e.doc_id, -1),
                round(e.confidence, 3)]


def _edge_rows(view: View, numbering: _Numbering) -> tuple[list, list, list[int], dict[int, list]]:
    """The page's edge rows, the layout's weighted pairs, each node's degree and its best evidence."""
    index = {k: i for i, k in enumerate(view.nodes)}
    edges, pairs = [], []
    degree = [0] * len(view.nodes)
    best: dict[int, list[tuple[float, Evidence]]] = defaultdict(list)
    for s, o, kind, label, evidence, weight in view.edges:
        a, b = index[s], index[o]
        degree[a] += 1
        degree[b] += 1
        top = sorted(evidence, key=lambda e: (not e.sentence, -e.confidence))[:EVIDENCE_PER_EDGE]
        edges.append([a, b, EDGE_KINDS.index(kind), label, weight, [numbering.ev(e) for e in top]])
        # typed relations pull harder than co-occurrence, so the layout shows structure first
        pairs.append((a, b, 1.0 if kind == "relatedTo" else 3.0))
        for e in top[:3]:
            best[a].append((e.confidence, e))
            best[b].append((e.confidence, e))
    return edges, pairs, degree, best


def _node_fields(kg: "KnowledgeGraph", key: str, view: View, numbering: _Numbering, degree: int,
                 best: list[tuple[float, Evidence]], size_by: str) -> dict[str, object]:
    """One node's fields by name (but its position X, Y)."""
    e = kg.entity(key)
    attrs = dict(e.attrs)
    # [code, level in Chinese] (each may be empty): the panel shows them on lines of their own
    level = attrs.get("adminLevel", "")
    admin = [attrs.get("adminCode", ""), LEVEL_ZH.get(level, level)] if attrs.keys() & {"adminCode", "adminLevel"} else []
    measure = degree if size_by == "degree" else e.mentions
    top_ev = sorted(best, key=lambda ce: (not ce[1].sentence, -ce[0], ce[1].doc_id, ce[1].start))
    seen, node_ev = set(), []
    for _, x in top_ev:
        if x.sentence not in seen and len(node_ev) < 3:
            seen.add(x.sentence)
            node_ev.append(numbering.ev(x)[:2])
    node_docs = sorted(numbering.doc_index[d] for d in kg.entity_docs.get(key, ()) if d in numbering.doc_index)
    return {"L": e.label, "SHORT": short_label(e.label, e.cls), "CLS": DISPLAY_CLASSES.index(view.cls[key]),
            "ALIASES": list(e.aliases),
            "SIZE": round(min(10 + 4 * math.sqrt(measure), 48), 1), "MENTIONS": e.mentions, "ADMIN": admin,
            "DEGREE": degree, "DOCS": node_docs, "EV": node_ev, "IRI": kg.iri(key)[len(kg.base_iri):]}


def page_data(kg: "KnowledgeGraph", view: View, max_nodes: int | None = None, size_by: str = "degree",
              title: str = "zhkg 知识图谱", tab: str = "graph") -> dict:
    """Everything the page script needs, in compact sorted arrays (indices instead of keys).

    `rank` orders the nodes as the page draws and labels them: nearest the focus first (a --focus
    view), then by relations and mentions; `initial` is the first `max_nodes` of it (default
    MAX_NODES, FOCUS_MAX_NODES for a focus view), and `note` says so on the page. `map` is the map
    tab's data (kg.export.map; None when no place has a point); `tab` the tab the page opens on.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> data = page_data(g, select_view(g))
    >>> sorted(n[node_fields().index("L")] for n in data["nodes"]), data["focus"]
    (['嵊州市', '浙江省'], None)
    """
    numbering = _Numbering(kg)
    edges, pairs, degree, best = _edge_rows(view, numbering)
    pos = layout(len(view.nodes), pairs)
    nodes = [_record({**_node_fields(kg, key, view, numbering, degree[i], best[i], size_by),
                      "X": int(pos[i][0]), "Y": int(pos[i][1])})
             for i, key in enumerate(view.nodes)]
    mentions = [kg.entity(key).mentions for key in view.nodes]
    root = view.nodes.index(view.root) if view.root in view.nodes else None
    hops = _hops_from(root, len(nodes), pairs) if root is not None else [0] * len(nodes)
    order = sorted(range(len(nodes)), key=lambda i: (hops[i], -degree[i], -mentions[i], i))
    if max_nodes is None:
        max_nodes = MAX_NODES if root is None else FOCUS_MAX_NODES
    initial = sorted(order[:max_nodes]) if len(nodes) > max_nodes else list(range(len(nodes)))
    docs = numbering.docs
    return {
        "title": title,
        "base": kg.base_iri,   # node IRIs are base + their last field: graph.html#IRI opens one
        "font": FONT_STACK,
        "classes": [[c, *CLASS_STYLE[c]] for c in DISPLAY_CLASSES],
        "kinds": [[k, *PREDICATE_STYLE[k]] for k in EDGE_KINDS],
        "docs": [kg.documents[d].title or Path(kg.documents[d].source).name for d in docs],
        "docDates": [kg.documents[d].date or "" for d in docs],   # dcterms:date, for the date filter
        "sentences": list(numbering.sentences),
        "nodes": nodes,
        "edges": edges,
        "rank": order,
        "focus": root,
        "initial": initial,
        "maxNodes": max_nodes,
        "note": _note(len(nodes), len(initial), None if root is None else kg.entity(view.root).label),
        "map": map_data(kg, view.nodes, numbering.doc_index),
        "tab": tab,
    }


def _note(total: int, first: int, root: str | None) -> str:
    """What the page draws first, and why, in a line of Chinese (empty when it draws everything).

    >>> _note(462, 150, "嵊州市")
    '先画 462 个中的 150 个：离 嵊州市 最近、关系最多的在前；双击节点或点“全部展开”看其余'
    """
    if first >= total:
        return ""
    order = f"离 {root} 最近、关系最多的在前" if root else "关系最多、提及最多的在前"
    return f"先画 {total} 个中的 {first} 个：{order}；双击节点或点“全部展开”看其余"


def _asset(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the installed pyvis package (never fetched).

    >>> js, css = vis_assets()
    >>> "vis" in js and ".vis-network" in css
    True
    """
    from importlib.util import find_spec
    # only the package's folder is needed: importing pyvis pulls in IPython (seconds on every build)
    root = Path(next(iter(find_spec("pyvis").submodule_search_locations)))
    for lib in (root / "lib", root / "templates" / "lib"):
        found = sorted(lib.glob("vis-*/vis-network.min.js"), key=lambda p: [int(x) for x in p.parent.name[4:].split(".")])
        if found:
            js = found[-1]
            return _asset(js), _asset(js.with_name("vis-network.css"))
    raise FileNotFoundError(f"vis-network is not shipped with pyvis in {root}")


def _inline(text: str, element: str) -> str:
    # only "</script" (or "</style") ends the element early; "<\/" means the same in JS strings and regexes
    return re.sub(f"</({element})", r"<\\/\1", text, flags=re.IGNORECASE)


def render_html(kg: "KnowledgeGraph", *, classes: Iterable[str] | None = None,
                predicates: Iterable[str] | None = None, min_degree: int = 0, max_nodes: int | None = None,
                focus: str | None = None, hops: int = 1, size_by: str = "degree", title: str | None = None,
                keep_isolated: bool = False, tab: str = "graph") -> str:
    """The page for a view of `kg` (see :func:`select_view`), as a string; deterministic. It opens on
    its graph, or with `tab="map"` on its map.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> page = render_html(g, title="两地")
    >>> "<title>两地</title>" in page, page == render_html(g, title="两地")
    (True, True)
    """
    view = select_view(kg, classes, predicates, min_degree, focus, hops, keep_isolated)
    if title is None:
        title = "zhkg 知识图谱" + (f" · {kg.resolve(focus).label} {hops} 跳邻域" if focus else "")
    if tab not in ("graph", "map"):
        raise ValueError(f"unknown tab {tab!r}; expected graph or map")
    data = page_data(kg, view, max_nodes=max_nodes, size_by=size_by, title=title, tab=tab)
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # inside <script type="application/json"> only "<" could end the element; \u003c is the same JSON
    blob = blob.replace("<", "\\u003c")
    vis_js, vis_css = vis_assets()
    page = _asset(ASSETS / "page.html")
    parts = {
        "/*ZHKG:TITLE*/": html.escape(title),
        "/*ZHKG:VIS_CSS*/": _inline(vis_css, "style"),
        "/*ZHKG:CSS*/": _asset(ASSETS / "style.css").replace("/*ZHKG:FONT*/", FONT_STACK),
        "/*ZHKG:VIS_JS*/": _inline(vis_js, "script"),
        "/*ZHKG:DATA*/": blob,
        "/*ZHKG:APP_JS*/": _inline(_asset(ASSETS / "app.js"), "script"),
        "/*ZHKG:MAP_JS*/": _inline(_asset(ASSETS / "map.js"), "script"),
    }
    # one pass, so text inserted for one marker is never searched for the next
    return re.sub(r"/\*ZHKG:[A-Z_]+\*/", lambda m: parts.get(m.group(0), m.group(0)), page)


def save_html(kg: "KnowledgeGraph", path: str | Path, **view: object) -> Path:
    """Write the page for a view of `kg` to `path` (utf-8, whatever the locale).

    >>> import tempfile
    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     save_html(g, Path(tmp) / "view.html", max_nodes=1).read_text(encoding="utf-8").count('"maxNodes":1')
    1
    """
    path = Path(path)
    path.write_text(render_html(kg, **view), encoding="utf-8", newline="\n")  # type: ignore[arg-type]
    return path


@dataclass(frozen=True)
class HtmlOptions:
    """The options of the `html` export format: which view of the graph graph.html shows (see
    :func:`select_view` and :func:`page_data`); the defaults show the whole graph."""
    classes: tuple[str, ...] | None = None
    predicates: tuple[str, ...] | None = None
    min_degree: int = 0
    max_nodes: int = MAX_NODES
    size_by: str = "degree"
    title: str | None = None

    def __post_init__(self) -> None:
        # lists given for classes or predicates become tuples: the options stay plain values (the export key)
        for name in ("classes", "predicates"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))


@exporter("html", files=("graph.html",), options=HtmlOptions)
def write_html(job: ExportJob, options: HtmlOptions) -> Path:
    """Exporter: graph.html, the page of the graph's view that `options` choose.

    >>> import tempfile
    >>> from kg.export.rdf import ExportData
    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_html(ExportJob(g, Path(tmp), ExportData(g)), HtmlOptions(title="嵊州")).name
    'graph.html'
    """
    return save_html(job.graph, Path(job.directory) / "graph.html", **dataclasses.asdict(options))
