"""`kg export`: a built graph in the formats other tools read (GraphML, GEXF, CSV)."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Callable

from kg.cli import CliError

EPILOG = """examples:
  kg export --format graphml -o out/          out/graph.graphml (Gephi, Cytoscape, yEd, networkx)
  kg export --format gexf -o out/             out/graph.gexf (Gephi)
  kg export --format csv -g news-out -o out/  out/nodes.csv and out/edges.csv (Excel, pandas, Gephi)
"""


def _graphml(g: Any, out: Path, cooccurrence: bool) -> list[Path]:
    from kg.graph.nx import write_graphml
    return [write_graphml(g, out / "graph.graphml", cooccurrence=cooccurrence)]


def _gexf(g: Any, out: Path, cooccurrence: bool) -> list[Path]:
    from kg.graph.nx import write_gexf
    return [write_gexf(g, out / "graph.gexf", cooccurrence=cooccurrence)]


def _csv(g: Any, out: Path, cooccurrence: bool) -> list[Path]:
    from kg.graph.tabular import write_csv
    return list(write_csv(g, out, cooccurrence=cooccurrence))


#: Format name → writer(graph, output folder, cooccurrence, entity IRIs) returning the files written.
FORMATS: dict[str, Callable[[Any, Path, bool, dict[str, str]], list[Path]]] = {"graphml": _graphml, "gexf": _gexf, "csv": _csv}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a built graph as GraphML, GEXF or CSV for other tools",
                       description="Write a built graph for other tools: GraphML (graph.graphml), GEXF "
                                   "(graph.gexf) or CSV (nodes.csv and edges.csv, UTF-8 with a BOM for Excel). "
                                   "Attributes are plain strings and numbers; see docs/export.md.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", dest="format", metavar="FORMAT",
                   help=f"one of {', '.join(FORMATS)}")
    p.add_argument("-g", "--graph", default="exports", metavar="GRAPH",
                   help="export folder or graph file (.nt, .ttl, .trig, .nq; default: exports/)")
    p.add_argument("-o", "--output", metavar="OUT", help="folder to write into (created if missing)")
    p.add_argument("--cooccurrence", action="store_true",
                   help="also write kg:relatedTo edges (entities named in the same sentences)")
    p.set_defaults(func=run)


def run(a: argparse.Namespace) -> int:
    """Check the arguments, load the graph, write the files and say what was written."""
    import kg

    if a.format not in FORMATS:
        given = "no --format" if a.format is None else f"unknown format {a.format!r}"
        raise CliError(f"{given}; expected one of {', '.join(FORMATS)}")
    if not a.output:
        raise CliError("no output folder; give one with -o OUT")
    out = Path(a.output)
    if out.exists() and not out.is_dir():
        raise CliError(f"{out}: is a file; -o takes a folder")
    try:
        g = kg.load(a.graph)
    except kg.GraphFileError as e:
        raise CliError(str(e)) from None
    written = FORMATS[a.format](g, out, a.cooccurrence)
    edges = len(g.relations()) + len(g.posts()) + (len(g.cooccurrence) if a.cooccurrence else 0)
    print(f"wrote {', '.join(str(p) for p in written)}: {len(g)} entities, {edges} edges")
    return 0
