"""graph.trig: the merged graph as the default graph plus one named graph per document."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from kg.export.rdf import (DERIVED_FROM_T, HOLDS_T, LABEL_T, MENTIONED_IN_T, OBJECT_T, PREDICATE_T, SUBJECT_T,
                           TYPE_T, ExportData, Term, export_data, iri, merged_statements, sorted_triples, triple_set,
                           turtle_block, write_rendered)
from kg.export.registry import ExportJob, exporter
from kg.terms import PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph

#: A quad: subject, predicate, object and graph name (None for the default graph), in N-Triples syntax.
Quad = tuple[Term, Term, Term, "Term | None"]

_EV_PARTS = {SUBJECT_T: 0, PREDICATE_T: 1, OBJECT_T: 2}


def document_graphs(g: "KnowledgeGraph", merged: Iterable[tuple[Term, Term, Term]]) -> dict[Term, set[tuple[Term, Term, Term]]]:
    """Each document's slice of the merged graph, keyed by the document IRI.

    A slice holds the document's own description, its evidence nodes, the typed relations and
    posts those support, and its mentions (`?e kg:mentionedIn <doc>` with `?e`'s type and label),
    so `GRAPH ?doc { … }` answers "what does this document say" without joining back.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> slices = document_graphs(g, sorted_triples(g))
    >>> [(doc, LABEL_T in {p for _, p, _ in spo}) for doc, spo in slices.items()]
    [('<https://w3id.org/zhkg/id/doc/text>', True)]
    """
    merged = list(merged)
    docs = {iri(g.doc_iri(d)) for d in g.documents}
    by_subject: dict[Term, list[tuple[Term, Term, Term]]] = defaultdict(list)
    for t in merged:
        by_subject[t[0]].append(t)
    ev_doc = {s: o for s, p, o in merged if p == DERIVED_FROM_T and o in docs}
    out: dict[Term, set[tuple[Term, Term, Term]]] = {d: set() for d in docs}
    for doc in docs:
        out[doc].update(by_subject.get(doc, ()))
    for ev, doc in ev_doc.items():
        own = by_subject[ev]
        out[doc].update(own)
        spo: list[Term] = ["", "", ""]
        for _, p, o in own:
            if p in _EV_PARTS:
                spo[_EV_PARTS[p]] = o
        if all(spo):
            out[doc].add((spo[0], spo[1], spo[2]))
            if spo[1] == HOLDS_T:  # the post node travels with the evidence of holding it
                out[doc].update(by_subject.get(spo[2], ()))
    named: dict[Term, list[tuple[Term, Term, Term]]] = {}   # entity → its type and label triples
    for s, p, o in merged:
        if p == MENTIONED_IN_T and o in docs:
            out[o].add((s, p, o))
            own = named.get(s)
            if own is None:
                own = named[s] = [t for t in by_subject[s] if t[1] in (TYPE_T, LABEL_T)]
            out[o].update(own)
    return out


def _document_graphs(g: "KnowledgeGraph | ExportData") -> dict[Term, set[tuple[Term, Term, Term]]]:
    """document_graphs of the merged triples (shared when `g` is an ExportData); the slices are sets,
    so the triples need no order."""
    return export_data(g).document_graphs


def quads(g: "KnowledgeGraph | ExportData") -> list[Quad]:
    """The merged graph in the default graph, then every document graph; sorted and deduplicated.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> q = quads(merge([extract_text("浙江省嵊州市。")]))
    >>> q[0][3] is None, q[-1][3]
    (True, '<https://w3id.org/zhkg/id/doc/text>')
    """
    data = export_data(g)
    merged = sorted_triples(data)
    out: list[Quad] = [(s, p, o, None) for s, p, o in merged]
    per_doc = _document_graphs(data)
    for doc in sorted(per_doc):
        out.extend((s, p, o, doc) for s, p, o in sorted(per_doc[doc]))
    return out


def to_nquads(g: "KnowledgeGraph | ExportData") -> str:
    """The quads as sorted N-Quads text.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> to_nquads(merge([extract_text("浙江省嵊州市。")])).splitlines()[-1].endswith("<https://w3id.org/zhkg/id/doc/text> .")
    True
    """
    return "".join(f"{s} {p} {o} .\n" if c is None else f"{s} {p} {o} {c} .\n" for s, p, o, c in quads(g))


def store_nquads(g: "KnowledgeGraph | ExportData") -> str:
    """The same quads as N-Quads text in no particular order, for loading into a store: the store
    orders them itself, and skipping the sort lets its load start sooner (kg.query.store).

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> sorted(store_nquads(g).splitlines()) == sorted(to_nquads(g).splitlines())
    True
    """
    data = export_data(g)
    out = [f"{s} {p} {o} .\n" for s, p, o in triple_set(data)]
    for doc, spo in _document_graphs(data).items():
        out.extend(f"{s} {p} {o} {doc} .\n" for s, p, o in spo)
    return "".join(out)


def to_trig(g: "KnowledgeGraph | ExportData") -> str:
    """TriG text: prefixes, the default graph, then `GRAPH <doc> { … }` blocks in document order.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> "GRAPH <https://w3id.org/zhkg/id/doc/text> {" in to_trig(merge([extract_text("浙江省嵊州市。")]))
    True
    """
    data = export_data(g)
    head = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    compact = data.compact
    out = ["\n".join(head) + "\n", "# default graph: the merged graph (the same triples as graph.nt)\n"]
    out.extend(f"{compact(s)}\n{rest}" for s, rest in merged_statements(data))
    per_doc = _document_graphs(data)
    for doc in sorted(per_doc):
        out.append(f"# document graph: its evidence, mentions and the relations it supports\nGRAPH {doc} {{\n")
        out.extend(turtle_block(per_doc[doc], indent="    ", compact=compact))
        out.append("}\n")
    return "\n".join(out)


@exporter("trig", files=("graph.trig",))
def write_trig(job: ExportJob) -> list[Path]:
    """Exporter: graph.trig (`to_trig`, written by `kg.export.rdf.write_rendered`).

    >>> import tempfile
    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_trig(ExportJob(g, Path(tmp), ExportData(g)))]
    ['graph.trig']
    """
    return write_rendered(job, "graph.trig", to_trig)


__all__ = ["quads", "to_nquads", "store_nquads", "to_trig", "write_trig", "document_graphs", "turtle_block"]
