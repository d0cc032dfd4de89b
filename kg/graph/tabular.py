"""The graph as two tables, nodes.csv and edges.csv, for spreadsheets, pandas and Gephi's importer.

The rows are the flat networkx view's (kg.graph.nx.flat_nodes / flat_edges), with entities named
by IRI. Files are UTF-8 with a byte-order mark (``utf-8-sig``): Excel reads a CSV file without one in
the system's legacy code page, which turns Chinese into mojibake; pandas, Python's csv module with
``encoding="utf-8-sig"``, LibreOffice and Gephi read the mark and drop it.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from kg.graph.nx import atomic_write, flat_edges, flat_nodes

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph

#: The encoding of both files: UTF-8 with a byte-order mark, so that Excel reads Chinese correctly.
ENCODING = "utf-8-sig"
#: Columns of nodes.csv.
NODE_COLUMNS: tuple[str, ...] = ("id", "label", "class", "adminCode", "adminLevel", "mentions", "confidence",
                                 "aliases", "adminPath", "official", "key")
#: Columns of edges.csv.
EDGE_COLUMNS: tuple[str, ...] = ("source", "target", "sourceLabel", "targetLabel", "predicate", "confidence",
                                 "evidenceCount", "sentence", "docTitle", "docId", "docSource", "docUrl",
                                 "postTitle")


def node_rows(g: "KnowledgeGraph") -> Iterable[dict[str, Any]]:
    """One dict per entity, keyed by `NODE_COLUMNS`, sorted by entity key.

    >>> from kg.extract import extract_text
    >>> from kg.graph.knowledge_graph import KnowledgeGraph
    >>> g = KnowledgeGraph.from_documents([extract_text("下王镇积极推进“一号改革工程”。")])
    >>> row = next(iter(node_rows(g)))
    >>> row["label"], row["class"], row["adminLevel"], row["id"].startswith("http")
    ('下王镇', 'Locality', 'township', True)
    """
    for key, attrs in flat_nodes(g):
        yield {"id": attrs["iri"], **{c: attrs[c] for c in NODE_COLUMNS[1:-1]}, "key": key}


def edge_rows(g: "KnowledgeGraph", cooccurrence: bool = False) -> Iterable[dict[str, Any]]:
    """One dict per relation and post (and co-occurrence, when asked for), keyed by `EDGE_COLUMNS`:
    subject and object by IRI and by label, the first evidence sentence and its document.

    >>> from kg.extract import extract_text
    >>> from kg.graph.knowledge_graph import KnowledgeGraph
    >>> g = KnowledgeGraph.from_documents([extract_text("下王镇积极推进“一号改革工程”。")])
    >>> [(r["sourceLabel"], r["predicate"], r["targetLabel"], r["evidenceCount"]) for r in edge_rows(g)]
    [('下王镇', 'implements', '营商环境优化提升“一号改革工程”', 1)]
    """
    nodes = dict(flat_nodes(g))
    for _, (s, o, attrs) in flat_edges(g, cooccurrence=cooccurrence):
        yield {"source": _iri(g, nodes, s), "target": _iri(g, nodes, o), "sourceLabel": _label(nodes, s),
               "targetLabel": _label(nodes, o), **{c: attrs[c] for c in EDGE_COLUMNS[4:]}}


def write_csv(g: "KnowledgeGraph", directory: str | Path, cooccurrence: bool = False) -> tuple[Path, Path]:
    """Write nodes.csv and edges.csv into `directory` (each atomically); returns their paths.

    >>> import tempfile
    >>> from kg.extract import extract_text
    >>> from kg.graph.knowledge_graph import KnowledgeGraph
    >>> g = KnowledgeGraph.from_documents([extract_text("下王镇积极推进“一号改革工程”。")])
    >>> nodes, edges = write_csv(g, tempfile.mkdtemp())
    >>> with open(edges, encoding="utf-8-sig", newline="") as f:
    ...     [(r["sourceLabel"], r["predicate"]) for r in csv.DictReader(f)]
    [('下王镇', 'implements')]
    """
    d = Path(directory)
    nodes = _write_table(d / "nodes.csv", NODE_COLUMNS, node_rows(g))
    edges = _write_table(d / "edges.csv", EDGE_COLUMNS, edge_rows(g, cooccurrence=cooccurrence))
    return nodes, edges


def _iri(g: "KnowledgeGraph", nodes: dict[str, dict[str, Any]], key: str) -> str:
    return nodes[key]["iri"] if key in nodes else g.iri(key)


def _label(nodes: dict[str, dict[str, Any]], key: str) -> str:
    return nodes[key]["label"] if key in nodes else key.partition("/")[2]


def _write_table(path: Path, columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> Path:
    def write(f: Any) -> None:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
    return atomic_write(path, write, "w", encoding=ENCODING, newline="")
