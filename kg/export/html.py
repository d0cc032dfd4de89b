"""graph.html: the knowledge graph as one offline, self-contained interactive network page."""
from __future__ import annotations

import dataclasses
import html
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import numpy as np

from kg.export.registry import ExportJob, exporter
from kg.records import CLASSES, PREDICATES, Evidence

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph

ASSETS = Path(__file__).with_name("html_assets")

#: Display classes: the contract's classes with officials (persons holding a post) apart.
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
    "PolicyDocument": ("政策文件", "#bcbd22", "box", "▭"),
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
EVIDENCE_PER_EDGE = 5     # sentences kept per edge in the page (the count says how many exist)
NO_SENTENCE = "（参考列表所载，无原文句子）"  # evidence from the division list, which has no sentence
SENTENCE_CHARS = 300      # longer sentences are cut: the page is for browsing, the RDF keeps them whole
LAYOUT_SEED = 20240601


@dataclass
class View:
    """The part of a graph a page shows: nodes (entity keys, sorted) and edges between them."""
    nodes: list[str]
    cls: dict[str, str]                                  # key → display class
    edges: list[tuple[str, str, str, str, tuple[Evidence, ...], int]] = field(default_factory=list)
    # (subject, object, kind, label, evidence, weight)


def display_class(kg: "KnowledgeGraph", officials: set[str], key: str) -> str:
    e = kg.entity(key)
    return "Official" if e.cls == "Person" and key in officials else e.cls


def select_view(kg: "KnowledgeGraph", classes: Iterable[str] | None = None, predicates: Iterable[str] | None = None,
                min_degree: int = 0, focus: str | None = None, hops: int = 1, keep_isolated: bool = False) -> View:
    """Choose nodes and edges: keep `classes` and edge kinds `predicates`, the `hops`-neighbourhood of
    `focus` (any name; kg.UnknownEntity if it names nothing), then drop nodes under `min_degree`.

    With `predicates`, entities left without any edge are dropped too (a page of isolated dots
    says nothing about those relations), unless `keep_isolated`."""
    for given, known, what in ((classes, DISPLAY_CLASSES, "class"), (predicates, EDGE_KINDS, "predicate")):
        unknown = sorted(set(given or ()) - set(known))
        if unknown:
            raise ValueError(f"unknown {what} {unknown[0]!r}; expected one of {', '.join(known)}")
    officials = {p.person for p in kg.posts()}
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
    return View(sorted(nodes), {k: cls[k] for k in nodes}, edges)


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


def _degrees(edges: list) -> dict[str, int]:
    degree: dict[str, int] = defaultdict(int)
    for s, o, *_ in edges:
        degree[s] += 1
        degree[o] += 1
    return degree


# ---- layout ------------------------------------------------------------------------------------
def layout(n: int, pairs: list[tuple[int, int, float]], seed: int = LAYOUT_SEED, spacing: float = 90.0) -> np.ndarray:
    """Integer positions (n×2) for nodes 0..n-1 joined by weighted `pairs`: each connected component is
    laid out by force-directed placement, then components are packed in rings around the largest.
    Seeded and computed here so the page draws at once, with physics off, identically every time."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for a, b, _ in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[find(i)].append(i)
    comps = sorted(members.values(), key=lambda m: (-len(m), m[0]))
    local = {i: (j, c) for c, m in enumerate(comps) for j, i in enumerate(m)}
    comp_pairs: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for a, b, w in pairs:
        ja, c = local[a]
        comp_pairs[c].append((ja, local[b][0], w))
    pos = np.zeros((n, 2))
    rng = np.random.default_rng(seed)
    placed: list[tuple[np.ndarray, float]] = []
    ring = _Rings(spacing * 0.5)
    for c, m in enumerate(comps):
        p = (_force_layout(len(m), comp_pairs[c], rng, iterations=80 if len(m) > 30 else 30)
             if len(m) > 1 else np.zeros((1, 2)))
        # a disc whose area gives each node about spacing² of room
        radius = spacing * math.sqrt(len(m) / math.pi) if len(m) > 2 else spacing * 0.5 * (len(m) - 1)
        # scale by a high percentile, not the maximum, so one stray leaf does not shrink the rest
        extent = float(np.percentile(np.sqrt((p * p).sum(1)), 95)) if len(m) > 2 else float(np.abs(p).max())
        p = p / (extent or 1.0) * radius
        centre = ring.place(max(radius, spacing * 0.3))
        pos[m] = p + centre
        placed.append((centre, radius))
    return np.rint(pos).astype(int)


class _Rings:
    """Places discs on concentric rings around the first (largest) one."""

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self.inner = -1.0        # radius of the central disc, once placed
        self.ring_r = 0.0        # centre line of the current ring
        self.ring_w = 0.0        # widest disc on the current ring
        self.angle = 0.0

    def place(self, r: float) -> np.ndarray:
        if self.inner < 0:
            self.inner = r
            return np.zeros(2)
        if self.angle == 0.0:
            self.ring_r = self.inner + self.gap + r
        step = (2 * r + self.gap) / self.ring_r
        if self.angle + step > 2 * math.pi:
            self.inner = self.ring_r + self.ring_w
            self.ring_r = self.inner + self.gap + r
            self.ring_w, self.angle = r, 0.0
            step = (2 * r + self.gap) / self.ring_r
        a = self.angle + step / 2
        self.angle += step
        self.ring_w = max(self.ring_w, r)
        return np.array([self.ring_r * math.cos(a), self.ring_r * math.sin(a)])


def _force_layout(n: int, pairs: list[tuple[int, int, float]], rng: np.random.Generator,
                  iterations: int = 80, pivots: int = 1000) -> np.ndarray:
    """Fruchterman–Reingold in numpy. Repulsion is exact up to `pivots` nodes; past that it is
    estimated from a seeded sample of pivot nodes, so cost grows as n·pivots instead of n²."""
    pos = rng.random((n, 2)) - 0.5
    k = 1.0 / math.sqrt(n)
    src = np.array([a for a, _, _ in pairs])
    dst = np.array([b for _, b, _ in pairs])
    w = np.array([wt for _, _, wt in pairs], dtype=float)
    sample = np.arange(n) if n <= pivots else np.sort(rng.choice(n, pivots, replace=False))
    scale = n / len(sample)
    t = 0.1
    cooling = t / (iterations + 1)
    chunk = max(1, 2_000_000 // len(sample))
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        # float32 and x, y apart: the n×pivots repulsion arrays are the whole cost of the layout
        p32 = pos.astype(np.float32)
        px, py = p32[sample, 0], p32[sample, 1]
        for s in range(0, n, chunk):
            dx = p32[s:s + chunk, 0, None] - px
            dy = p32[s:s + chunk, 1, None] - py
            f = np.float32(k * k * scale) / np.maximum(dx * dx + dy * dy, np.float32(1e-6))
            disp[s:s + chunk, 0] = (dx * f).sum(1)
            disp[s:s + chunk, 1] = (dy * f).sum(1)
        d = pos[src] - pos[dst]
        f = d * (np.sqrt((d * d).sum(-1)) * w / k)[:, None]
        np.add.at(disp, src, -f)
        np.add.at(disp, dst, f)
        # a weak pull to the centre keeps loosely tied leaves from drifting off
        disp -= pos * (0.05 * k * n)
        length = np.maximum(np.sqrt((disp * disp).sum(-1)), 1e-9)
        pos += disp * (np.minimum(length, t) / length)[:, None]
        t -= cooling
    return pos - pos.mean(0)


# ---- page data ---------------------------------------------------------------------------------
def page_data(kg: "KnowledgeGraph", view: View, max_nodes: int = MAX_NODES, size_by: str = "degree",
              title: str = "zhkg 知识图谱") -> dict:
    """Everything the page script needs, in compact sorted arrays (indices instead of keys)."""
    index = {k: i for i, k in enumerate(view.nodes)}
    docs = sorted(kg.documents)
    doc_index = {d: i for i, d in enumerate(docs)}
    sentences: dict[str, int] = {}

    def ev(e: Evidence) -> list:
        text = e.sentence or NO_SENTENCE
        text = text if len(text) <= SENTENCE_CHARS else text[:SENTENCE_CHARS] + "…"
        return [sentences.setdefault(text, len(sentences)), doc_index.get(e.doc_id, -1), round(e.confidence, 3)]

    edges, pairs = [], []
    degree = [0] * len(view.nodes)
    best: dict[int, list[tuple[float, Evidence]]] = defaultdict(list)
    for s, o, kind, label, evidence, weight in view.edges:
        a, b = index[s], index[o]
        degree[a] += 1
        degree[b] += 1
        top = sorted(evidence, key=lambda e: (not e.sentence, -e.confidence))[:EVIDENCE_PER_EDGE]
        edges.append([a, b, EDGE_KINDS.index(kind), label, weight, [ev(e) for e in top]])
        # typed relations pull harder than co-occurrence, so the layout shows structure first
        pairs.append((a, b, 1.0 if kind == "relatedTo" else 3.0))
        for e in top[:3]:
            best[a].append((e.confidence, e))
            best[b].append((e.confidence, e))
    pos = layout(len(view.nodes), pairs)
    nodes = []
    for i, key in enumerate(view.nodes):
        e = kg.entity(key)
        attrs = dict(e.attrs)
        # [code, level in Chinese] (each may be empty): the panel shows them on lines of their own
        level = attrs.get("adminLevel", "")
        admin = [attrs.get("adminCode", ""), LEVEL_ZH.get(level, level)] if attrs.keys() & {"adminCode", "adminLevel"} else []
        measure = degree[i] if size_by == "degree" else e.mentions
        size = round(min(10 + 4 * math.sqrt(measure), 48), 1)
        top_ev = sorted(best[i], key=lambda ce: (not ce[1].sentence, -ce[0], ce[1].doc_id, ce[1].start))
        seen, node_ev = set(), []
        for _, x in top_ev:
            if x.sentence not in seen and len(node_ev) < 3:
                seen.add(x.sentence)
                node_ev.append(ev(x)[:2])
        node_docs = sorted(doc_index[d] for d in kg.entity_docs.get(key, ()) if d in doc_index)
        nodes.append([e.label, DISPLAY_CLASSES.index(view.cls[key]), list(e.aliases), size,
                      int(pos[i][0]), int(pos[i][1]), e.mentions, admin, degree[i], node_docs, node_ev,
                      kg.iri(key)[len(kg.base_iri):]])
    order = sorted(range(len(nodes)), key=lambda i: (-degree[i], -nodes[i][6], i))
    initial = sorted(order[:max_nodes]) if len(nodes) > max_nodes else list(range(len(nodes)))
    return {
        "title": title,
        "base": kg.base_iri,   # node IRIs are base + their last field: graph.html#IRI opens one
        "font": FONT_STACK,
        "classes": [[c, *CLASS_STYLE[c]] for c in DISPLAY_CLASSES],
        "kinds": [[k, *PREDICATE_STYLE[k]] for k in EDGE_KINDS],
        "docs": [kg.documents[d].title or Path(kg.documents[d].source).name for d in docs],
        "docDates": [kg.documents[d].date or "" for d in docs],   # dcterms:date, for the date filter
        "sentences": list(sentences),
        "nodes": nodes,
        "edges": edges,
        "initial": initial,
        "maxNodes": max_nodes,
    }


def _asset(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the installed pyvis package (never fetched)."""
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
                predicates: Iterable[str] | None = None, min_degree: int = 0, max_nodes: int = MAX_NODES,
                focus: str | None = None, hops: int = 1, size_by: str = "degree", title: str | None = None,
                keep_isolated: bool = False) -> str:
    """The page for a view of `kg` (see :func:`select_view`), as a string; deterministic."""
    view = select_view(kg, classes, predicates, min_degree, focus, hops, keep_isolated)
    if title is None:
        title = "zhkg 知识图谱" + (f" · {kg.resolve(focus).label} {hops} 跳邻域" if focus else "")
    data = page_data(kg, view, max_nodes=max_nodes, size_by=size_by, title=title)
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
    }
    # one pass, so text inserted for one marker is never searched for the next
    return re.sub(r"/\*ZHKG:[A-Z_]+\*/", lambda m: parts.get(m.group(0), m.group(0)), page)


def save_html(kg: "KnowledgeGraph", path: str | Path, **view: object) -> Path:
    """Write the page for a view of `kg` to `path` (utf-8, whatever the locale)."""
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


@exporter("html", files=("graph.html",), options=HtmlOptions)
def write_html(job: ExportJob, options: HtmlOptions) -> Path:
    """Exporter: graph.html, the page of the graph's view that `options` choose."""
    return save_html(job.graph, Path(job.directory) / "graph.html", **dataclasses.asdict(options))
