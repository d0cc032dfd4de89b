"""The networkx view: entities as nodes, typed relations (with evidence) and posts as edges.

Two forms: the default view keeps Python objects (tuples of aliases, `kg.records.Evidence`) for the
analysis functions; the flat view (``flat=True``) has only strings, ints and floats, so networkx's
writers (`nx.write_graphml`, `nx.write_gexf`) and other tools (Gephi, Cytoscape) take it as it is.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple

import networkx as nx

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph
    from kg.records import Evidence

#: Attributes of every node of the flat view, in the order they are written.
FLAT_NODE_ATTRS: tuple[str, ...] = ("label", "class", "iri", "aliases", "adminCode", "adminLevel", "adminPath",
                                    "mentions", "confidence", "official")
#: Attributes of every edge of the flat view, in the order they are written.
FLAT_EDGE_ATTRS: tuple[str, ...] = ("predicate", "postTitle", "confidence", "evidenceCount", "sentence", "docId",
                                    "docTitle", "docSource", "docUrl")


def to_networkx(g: "KnowledgeGraph", cooccurrence: bool = False, flat: bool = False) -> nx.MultiDiGraph:
    """A MultiDiGraph keyed by entity key ("Locality/嵊州市"), nodes and edges in sorted order.

    Node attributes: cls, label, aliases, mentions, confidence, official, docs and the entity's attrs.
    Edge attributes: predicate (edge key too), evidence (tuple of kg.records.Evidence), confidence;
    posts are edges person → org with predicate "holds" and the title; with `cooccurrence=True`
    kg:relatedTo edges carry their weight. The graph attribute "documents" maps a document id to
    its (title, source, url), so that an edge's evidence can name its document.

    With `flat=True`, every attribute is a plain string, int or float (see :func:`flat_view`), so
    that ``nx.write_graphml`` and ``nx.write_gexf`` accept the view.

    >>> from kg.extract import extract_text
    >>> from kg.graph.knowledge_graph import KnowledgeGraph
    >>> g = KnowledgeGraph.from_documents([extract_text("下王镇积极推进“一号改革工程”。")])
    >>> G = to_networkx(g)
    >>> [(G.nodes[u]["label"], d["predicate"], G.nodes[v]["label"]) for u, v, d in G.edges(data=True)]
    [('下王镇', 'implements', '营商环境优化提升“一号改革工程”')]
    >>> G.nodes["Locality/下王镇"]["aliases"], G.graph["documents"]["text"]
    (('下王',), ('', 'text.txt', ''))
    >>> F = to_networkx(g, flat=True)   # plain strings and numbers: nx.write_graphml / write_gexf take it
    >>> F.nodes["Locality/下王镇"]["aliases"], F.nodes["Locality/下王镇"]["official"]
    ('下王', 0)
    >>> sorted(F.edges(keys=True, data="evidenceCount"))
    [('Locality/下王镇', 'Programme/营商环境优化提升一号改革工程', 'implements', 1)]
    """
    if flat:
        return flat_view(g, cooccurrence=cooccurrence)
    G = nx.MultiDiGraph()
    G.graph["documents"] = {d: document_of(g, d) for d in g.documents}
    officials = g.officials()
    for e in g.entities():
        G.add_node(e.key, cls=e.cls, label=e.label, aliases=e.aliases, mentions=e.mentions,
                   confidence=e.confidence, official=e.key in officials,
                   docs=tuple(sorted(g.entity_docs.get(e.key, ()))), **dict(e.attrs))
    for e in edges(g, cooccurrence):
        # a post's title, a co-occurrence's weight: only on the edges that have one
        extra = {"title": e.title} if e.predicate == "holds" else {"weight": e.weight} if e.weight is not None else {}
        G.add_edge(e.subject, e.object, key=e.key, predicate=e.predicate, **extra, evidence=e.evidence,
                   confidence=e.confidence)
    return G


def edge_key(predicate: str, title: str = "") -> str:
    """The key of an edge of the networkx views: its predicate, and "holds:<title>" for a post (a person
    may hold several posts in one body).

    >>> edge_key("partOf"), edge_key("holds", "镇长")
    ('partOf', 'holds:镇长')
    """
    return f"holds:{title}" if predicate == "holds" else predicate


class Edge(NamedTuple):
    """One edge of both views: a relation, a post (predicate "holds") or a co-occurrence (relatedTo)."""
    key: str                          # the edge key (`edge_key`)
    subject: str
    object: str
    predicate: str
    title: str                        # a post's title, else ""
    confidence: float
    evidence: tuple["Evidence", ...]
    weight: int | None = None         # a co-occurrence's number of sentences, else None


def edges(g: "KnowledgeGraph", cooccurrence: bool = False) -> Iterator[Edge]:
    """The edges of both views, in their order: relations sorted, then posts, then (with `cooccurrence`)
    co-occurrences sorted.

    >>> from kg.extract import extract_text
    >>> from kg.graph.knowledge_graph import KnowledgeGraph
    >>> text = "嵊州市市长张三出席。下王镇积极推进“一号改革工程”。"
    >>> g = KnowledgeGraph.from_documents([extract_text(text)])
    >>> [(e.key, e.predicate, e.weight) for e in edges(g, cooccurrence=True)][:2]
    [('implements', 'implements', None), ('holds:市长', 'holds', None)]
    """
    for f in g.relations():
        yield Edge(f.predicate, f.subject, f.object, f.predicate, "", f.confidence, f.evidence)
    for p in g.posts():
        confidence = max((e.confidence for e in p.evidence), default=0.8)
        yield Edge(edge_key("holds", p.title), p.person, p.org, "holds", p.title, confidence, p.evidence)
    if cooccurrence:
        for (a, b), w in sorted(g.cooccurrence.items()):
            yield Edge("relatedTo", a, b, "relatedTo", "", 0.5, (), w)


def flat_view(g: "KnowledgeGraph", cooccurrence: bool = False) -> nx.MultiDiGraph:
    """The view of :func:`to_networkx` with plain strings, ints and floats as attributes only.

    Nodes (keyed by entity key, sorted) carry `FLAT_NODE_ATTRS`: label, class, iri, aliases joined
    with "|", adminCode, adminLevel, adminPath ("" when the entity has none), mentions, confidence,
    official (1 for a person holding a public post, else 0). Edges carry `FLAT_EDGE_ATTRS`: predicate
    ("holds" for a post, then postTitle is its title), confidence, evidenceCount (sentences stating
    it; for relatedTo the sentences sharing both), and the first evidence sentence with its
    document's id, title, source and URL. Relations come sorted, then posts, then co-occurrences.

    >>> from kg.extract import extract_text
    >>> from kg.graph.knowledge_graph import KnowledgeGraph
    >>> g = KnowledgeGraph.from_documents([extract_text("下王镇积极推进“一号改革工程”。")])
    >>> G = flat_view(g)
    >>> G.nodes["Locality/下王镇"]["aliases"], G.nodes["Locality/下王镇"]["adminLevel"]
    ('下王', 'township')
    >>> [(d["predicate"], d["evidenceCount"], d["sentence"], d["docSource"]) for _, _, d in G.edges(data=True)]
    [('implements', 1, '下王镇积极推进“一号改革工程”。', 'text.txt')]
    >>> import io; nx.write_graphml(G, io.BytesIO())   # plain attributes: the writer accepts them
    """
    G = nx.MultiDiGraph()
    for key, attrs in flat_nodes(g):
        G.add_node(key, **attrs)
    for key, (s, o, attrs) in flat_edges(g, cooccurrence=cooccurrence):
        G.add_edge(s, o, key=key, **attrs)
    return G


def flat_nodes(g: "KnowledgeGraph") -> Iterable[tuple[str, dict[str, Any]]]:
    """(entity key, flat attributes) of every entity, sorted by key (the nodes of :func:`flat_view`).

    >>> from kg.extract import extract_text
    >>> from kg.graph.knowledge_graph import KnowledgeGraph
    >>> g = KnowledgeGraph.from_documents([extract_text("下王镇积极推进“一号改革工程”。")])
    >>> key, attrs = next(iter(flat_nodes(g)))
    >>> key, attrs["class"], attrs["official"], list(attrs) == list(FLAT_NODE_ATTRS)
    ('Locality/下王镇', 'Locality', 0, True)
    """
    officials = g.officials()
    for e in g.entities():
        yield e.key, {"label": e.label, "class": e.cls, "iri": g.iri(e.key), "aliases": "|".join(e.aliases),
                      "adminCode": e.attr("adminCode") or "", "adminLevel": e.attr("adminLevel") or "",
                      "adminPath": e.attr("adminPath") or "", "mentions": int(e.mentions),
                      "confidence": float(e.confidence), "official": int(e.key in officials)}


def flat_edges(g: "KnowledgeGraph", cooccurrence: bool = False) -> Iterable[tuple[str, tuple[str, str, dict[str, Any]]]]:
    """(edge key, (subject key, object key, flat attributes)) of every relation, post and, with
    `cooccurrence`, co-occurrence: the edges of :func:`flat_view`, in its order.

    >>> from kg.extract import extract_text
    >>> from kg.graph.knowledge_graph import KnowledgeGraph
    >>> g = KnowledgeGraph.from_documents([extract_text("下王镇积极推进“一号改革工程”。")])
    >>> [(k, s, 0 < attrs["confidence"] <= 1) for k, (s, o, attrs) in flat_edges(g)]
    [('implements', 'Locality/下王镇', True)]
    """
    for e in edges(g, cooccurrence):
        yield e.key, (e.subject, e.object, _flat_edge(g, e))


def _flat_edge(g: "KnowledgeGraph", e: Edge) -> dict[str, Any]:
    sentence, doc_id = first_evidence(e.evidence)
    title, source, url = document_of(g, doc_id)
    # a co-occurrence keeps no sentences, only how many there were
    count = len(e.evidence) if e.weight is None else int(e.weight)
    return {"predicate": e.predicate, "postTitle": e.title, "confidence": float(e.confidence),
            "evidenceCount": count, "sentence": sentence, "docId": doc_id, "docTitle": title,
            "docSource": source, "docUrl": url}


def first_evidence(evidence: tuple["Evidence", ...]) -> tuple[str, str]:
    """(sentence, document id) of the first piece of evidence read from a text (else of the first
    piece, with an empty sentence: the division list), or empty strings when there is none.

    >>> from kg.records import Evidence
    >>> first_evidence((Evidence("ref", "", 0, 0), Evidence("a", "下王镇隶属嵊州市。", 0, 9)))
    ('下王镇隶属嵊州市。', 'a')
    >>> first_evidence(())
    ('', '')
    """
    if not evidence:
        return "", ""
    e = next((e for e in evidence if e.sentence), evidence[0])
    return e.sentence, e.doc_id


def document_of(g: "KnowledgeGraph", doc_id: str) -> tuple[str, str, str]:
    """(title, source, url) of a document of `g`, "" for what it lacks (all "" for an unknown id).

    >>> from kg.extract import extract_text
    >>> from kg.graph.knowledge_graph import KnowledgeGraph
    >>> g = KnowledgeGraph.from_documents([extract_text("下王镇积极推进“一号改革工程”。", doc_id="a")])
    >>> document_of(g, "a"), document_of(g, "nowhere")
    (('', 'a.txt', ''), ('', '', ''))
    """
    d = g.documents.get(doc_id)
    if d is None:
        return "", "", ""
    return d.title or "", d.source or "", d.url or ""


def write_graphml(g: "KnowledgeGraph", path: str | Path, cooccurrence: bool = False) -> Path:
    """Write the flat view of `g` as GraphML (UTF-8) to `path`, atomically; returns the path.

    >>> import tempfile
    >>> from kg.extract import extract_text
    >>> from kg.graph.knowledge_graph import KnowledgeGraph
    >>> g = KnowledgeGraph.from_documents([extract_text("下王镇积极推进“一号改革工程”。")])
    >>> out = write_graphml(g, Path(tempfile.mkdtemp()) / "graph.graphml")
    >>> sorted(d["label"] for _, d in nx.read_graphml(out).nodes(data=True))
    ['下王镇', '营商环境优化提升“一号改革工程”']
    """
    return _write_flat(g, path, cooccurrence, nx.write_graphml)


def write_gexf(g: "KnowledgeGraph", path: str | Path, cooccurrence: bool = False) -> Path:
    """Write the flat view of `g` as GEXF 1.2 (UTF-8, Gephi's own format) to `path`, atomically.

    >>> import tempfile
    >>> from kg.extract import extract_text
    >>> from kg.graph.knowledge_graph import KnowledgeGraph
    >>> g = KnowledgeGraph.from_documents([extract_text("下王镇积极推进“一号改革工程”。")])
    >>> out = write_gexf(g, Path(tempfile.mkdtemp()) / "graph.gexf")
    >>> [d["predicate"] for _, _, d in nx.read_gexf(out).edges(data=True)]
    ['implements']
    """
    return _write_flat(g, path, cooccurrence, nx.write_gexf)


def _write_flat(g: "KnowledgeGraph", path: str | Path, cooccurrence: bool, write: Any) -> Path:
    """`write(view, file, encoding="utf-8")` of the flat view, atomically: networkx's GraphML and GEXF writers."""
    G = flat_view(g, cooccurrence=cooccurrence)
    return atomic_write(Path(path), lambda f: write(G, f, encoding="utf-8"))


def atomic_write(path: Path, write: Any, mode: str = "wb", **open_args: Any) -> Path:
    """Call `write(file)` on a temporary file next to `path`, then rename it to `path`: a reader sees
    the old file or the whole new one, never half of it; on an error the old file stays.

    >>> import tempfile
    >>> p = atomic_write(Path(tempfile.mkdtemp()) / "a.txt", lambda f: f.write("下王镇"), "w", encoding="utf-8")
    >>> p.read_text(encoding="utf-8")
    '下王镇'
    """
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **open_args) as f:
            write(f)
        os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes it private; give it an ordinary file's mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    import os
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
