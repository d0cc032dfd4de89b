"""`kg html`: render a view of a built graph as one offline HTML page."""
from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli import CliError

EPILOG = """examples:
  kg html -o view.html                                   the whole graph of exports/
  kg html --focus 嵊州 --hops 2 -o shengzhou.html         a county's 2-hop neighbourhood
  kg html --classes Company --predicates subsidiaryOf develops -o companies.html
  kg html --min-degree 3 --max-nodes 500                 only connected entities, 500 drawn first
  kg html --map -o map.html                              the same page, opened on its map of China
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("html", help="render a view of the graph as an offline HTML page",
                       description="Render the graph (or part of it) as one self-contained HTML page that "
                                   "needs no network: search, filters, highlight, evidence.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-g", "--graph", default="exports", metavar="GRAPH",
                   help="export folder or graph file (.nt, .ttl, .trig, .nq; default: exports/)")
    p.add_argument("-o", "--output", default="view.html", metavar="FILE", help="page to write (default: view.html)")
    p.add_argument("--classes", nargs="+", metavar="CLASS",
                   help="entity classes to keep: Locality Programme Company GovernmentBody Organization Person "
                        "Official Project (or 地区 企业 …)")
    p.add_argument("--predicates", nargs="+", metavar="PRED",
                   help="relations to keep: partOf locatedIn implements participatesIn subProgrammeOf subsidiaryOf "
                        "develops holds relatedTo (or 隶属于 位于 …)")
    p.add_argument("--keep-isolated", action="store_true",
                   help="with --predicates, keep entities left without any of those relations (dropped by default)")
    p.add_argument("--min-degree", type=int, default=0, metavar="N", help="drop entities with fewer than N relations")
    p.add_argument("--max-nodes", type=int, default=None, metavar="N",
                   help="draw at most N most central entities first; the rest expand on double-click "
                        "(default 2000; 150 with --focus, nearest first)")
    p.add_argument("--focus", metavar="NAME", help="only the neighbourhood of this entity (any name or alias)")
    p.add_argument("--hops", type=int, default=1, metavar="K", help="neighbourhood radius with --focus (default 1)")
    p.add_argument("--size-by", choices=("degree", "mentions"), default="degree", help="node size (default: degree)")
    p.add_argument("--title", help="page title")
    p.add_argument("--map", action="store_true",
                   help="open the page on its map tab: the view's places on China, drawn offline")
    p.set_defaults(func=run)


def _names(values: list[str] | None, styles: dict[str, tuple], what: str) -> list[str] | None:
    """English names from English or Chinese ones, case-insensitively; CliError for anything else."""
    if values is None:
        return None
    lookup = {k.lower(): k for k in styles} | {s[0]: k for k, s in styles.items()}
    out = []
    for v in values:
        for part in v.split(","):
            if part.strip():
                if part.strip().lower() not in lookup:
                    raise CliError(f"unknown {what} {part.strip()!r}; expected one of {', '.join(styles)}")
                out.append(lookup[part.strip().lower()])
    return out


def run(a: argparse.Namespace) -> int:
    import kg
    from kg.export.html import CLASS_STYLE, FOCUS_MAX_NODES, MAX_NODES, PREDICATE_STYLE, save_html, select_view

    if a.hops < 0 or a.min_degree < 0:
        raise CliError("--hops and --min-degree must be 0 or more")
    if a.max_nodes is not None and a.max_nodes < 1:
        raise CliError("--max-nodes must be 1 or more")
    classes = _names(a.classes, CLASS_STYLE, "class")
    predicates = _names(a.predicates, PREDICATE_STYLE, "predicate")
    try:
        g = kg.load(a.graph)
    except kg.GraphFileError as e:
        raise CliError(str(e), 1) from None
    view = dict(classes=classes, predicates=predicates, min_degree=a.min_degree, focus=a.focus, hops=a.hops,
                keep_isolated=a.keep_isolated)
    try:
        shown = select_view(g, **view)
    except kg.UnknownEntity as e:
        raise CliError(str(e), 1) from None
    if a.map:
        from kg.export.map import map_data
        if map_data(g, shown.nodes, {}) is None:
            raise CliError("--map: no place in this view has coordinates (a coded division of China)", 1)
    out = Path(a.output)
    if out.is_dir():
        raise CliError(f"{out}: is a folder; give a file name such as {out / 'view.html'}", 1)
    max_nodes = a.max_nodes or (FOCUS_MAX_NODES if a.focus else MAX_NODES)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_html(g, out, **view, max_nodes=max_nodes, size_by=a.size_by, title=a.title, tab="map" if a.map else "graph")
    first = min(len(shown.nodes), max_nodes)
    print(f"wrote {out}: {len(shown.nodes)} entities, {len(shown.edges)} edges"
          + (f" ({first} drawn first; double-click expands)" if first < len(shown.nodes) else ""))
    return 0
