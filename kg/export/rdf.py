"""RDF in the public contract (ONTOLOGY.md): sorted N-Triples and Turtle, byte-identical per corpus (the
`nt` and `ttl` export formats), and ExportData: what one export set computes once for its exporters."""
from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from kg.export.registry import ExportJob, exporter
from kg.geo import place_point
from kg.graph.knowledge_graph import short_hash
from kg.records import CLASSES, PREDICATES
from kg.terms import DCTERMS, GEO, KG, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph

Term = str  # a term already in N-Triples syntax


def iri(s: str) -> Term:
    """An IRI in N-Triples syntax.

    >>> iri(KG.partOf)
    '<https://w3id.org/zhkg/ontology#partOf>'
    """
    return f"<{s}>"


# The vocabulary's terms in N-Triples syntax, made at import from kg.terms: a term the vocabulary does
# not declare fails here (AttributeError), and a misspelt constant below is a NameError.
TYPE_T, LABEL_T, ALT_T = iri(RDF.type), iri(RDFS.label), iri(SKOS.altLabel)
DOCUMENT_T, REFERENCE_SOURCE_T, PROV_ENTITY_T = iri(KG.Document), iri(KG.ReferenceSource), iri(PROV.Entity)
SOURCE_T, TITLE_T, DATE_T = iri(KG.source), iri(DCTERMS.title), iri(DCTERMS.date)
PUBLISHER_T, URL_T = iri(DCTERMS.publisher), iri(SCHEMA.url)
DATE_SOURCE_T = iri(KG.dateSource)
MENTION_COUNT_T, CONFIDENCE_T, MENTIONED_IN_T = iri(KG.mentionCount), iri(KG.confidence), iri(KG.mentionedIn)
ADMIN_T = (("adminCode", iri(KG.adminCode)), ("adminLevel", iri(KG.adminLevel)), ("adminPath", iri(KG.adminPath)))
INVESTMENT_T, INVESTMENT_TEXT_T = iri(KG.investment), iri(KG.investmentText)
HOLDS_T, POST_T, POST_IN_T, HELD_BY_T = iri(ORG.holds), iri(ORG.Post), iri(ORG.postIn), iri(ORG.heldBy)
RELATED_TO_T, COOCCURRENCE_T, WEIGHT_T = iri(KG.relatedTo), iri(KG.Cooccurrence), iri(KG.weight)
EVIDENCE_T, SUBJECT_T, PREDICATE_T, OBJECT_T = iri(KG.Evidence), iri(KG.subject), iri(KG.predicate), iri(KG.object)
DERIVED_FROM_T, SENTENCE_T, RULE_T = iri(PROV.wasDerivedFrom), iri(KG.sentence), iri(KG.rule)
CHAR_START_T, CHAR_END_T = iri(KG.charStart), iri(KG.charEnd)
HAS_GEOMETRY_T, GEOMETRY_T, AS_WKT_T = iri(GEO.hasGeometry), iri(GEO.Geometry), iri(GEO.asWKT)
APPROXIMATE_T = iri(KG.approximateGeometry)
#: An entity's class (officials apart) and a relation's predicate, by the local name records use.
CLASS_T: dict[str, Term] = {c: iri(KG.term(c)) for c in (*CLASSES, "Official")}
RELATION_T: dict[str, Term] = {p: iri(KG.term(p)) for p in PREDICATES}


def _escape(s: str) -> str:
    return (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t"))


def lit(s: str, lang: str | None = None, dtype: str | None = None) -> Term:
    """A literal in N-Triples syntax, with a language tag or a datatype (a full IRI, from kg.terms.XSD).

    >>> lit('say "hi"'), lit("7", dtype=XSD.integer)
    ('"say \\\\"hi\\\\""', '"7"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """
    out = f'"{_escape(s)}"'
    if lang:
        return f"{out}@{lang}"
    if dtype:
        return f"{out}^^<{dtype}>"
    return out


def zh(s: str) -> Term:
    """A literal tagged @zh.

    >>> zh("嵊州市")
    '"嵊州市"@zh'
    """
    return lit(s, lang="zh")


def integer(n: int) -> Term:
    """An xsd:integer literal.

    >>> integer(3)
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    return lit(str(int(n)), dtype=XSD.integer)


def decimal(x: float | str | Decimal) -> Term:
    """An xsd:decimal literal in its canonical form (always a point, no exponent).

    >>> decimal(0.9), decimal("1E+2")
    ('"0.9"^^<http://www.w3.org/2001/XMLSchema#decimal>', '"100.0"^^<http://www.w3.org/2001/XMLSchema#decimal>')
    """
    d = Decimal(str(x)).normalize()
    s = format(d, "f")
    if "." not in s:
        s += ".0"
    return lit(s, dtype=XSD.decimal)


def triples(g: "KnowledgeGraph") -> Iterator[tuple[Term, Term, Term]]:
    """Every triple of the merged graph (unsorted).

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> sum(1 for s, p, o in triples(g) if o == CLASS_T["Locality"])
    2
    """
    yield from _document_triples(g)
    yield from _entity_triples(g)
    for f in g.relations():
        s, o = iri(g.iri(f.subject)), iri(g.iri(f.object))
        p = RELATION_T[f.predicate]
        yield s, p, o
        for ev in f.evidence:
            yield from _evidence(g, ev, s, p, o)
    yield from _post_triples(g)
    yield from _cooccurrence_triples(g)


def _document_triples(g: "KnowledgeGraph") -> Iterator[tuple[Term, Term, Term]]:
    for d in g.documents.values():
        s = iri(g.doc_iri(d.id))
        yield s, TYPE_T, DOCUMENT_T if d.kind == "document" else REFERENCE_SOURCE_T
        yield s, TYPE_T, PROV_ENTITY_T
        yield s, SOURCE_T, lit(d.source)
        if d.title:
            yield s, LABEL_T, zh(d.title)
        # the input's own metadata (docs/inputs.md), only where it carries them
        if d.meta_title:
            yield s, TITLE_T, zh(d.meta_title)
        if d.date:
            yield s, DATE_T, lit(d.date, dtype=XSD.date)
            if d.date_source:   # metadata, a date written in the text, or a file's creation date
                yield s, DATE_SOURCE_T, lit(d.date_source)
        if d.publisher:
            yield s, PUBLISHER_T, lit(d.publisher)
        if d.url:
            yield s, URL_T, lit(d.url, dtype=XSD.anyURI)


def _entity_triples(g: "KnowledgeGraph") -> Iterator[tuple[Term, Term, Term]]:
    officials = g.officials()
    for e in g.entities():
        s = iri(g.iri(e.key))
        yield s, TYPE_T, CLASS_T[e.cls]
        if e.key in officials:      # a person holding a public post; typed kg:Person too, so plain SPARQL finds them
            yield s, TYPE_T, CLASS_T["Official"]
        yield s, LABEL_T, zh(e.label)
        for a in e.aliases:
            yield s, ALT_T, zh(a)
        yield s, MENTION_COUNT_T, integer(e.mentions)
        yield s, CONFIDENCE_T, decimal(round(e.confidence, 3))
        for doc in sorted(g.entity_docs.get(e.key, ())):
            yield s, MENTIONED_IN_T, iri(g.doc_iri(doc))
        attrs = dict(e.attrs)
        for name, p in ADMIN_T:
            if name in attrs:
                yield s, p, lit(attrs[name])
        if e.cls == "Locality":
            yield from _geometry_triples(s, attrs)
        if "investment" in attrs:
            yield s, INVESTMENT_T, decimal(attrs["investment"])
        if "investmentText" in attrs:
            yield s, INVESTMENT_TEXT_T, zh(attrs["investmentText"])


def _geometry_triples(s: Term, attrs: dict[str, str]) -> Iterator[tuple[Term, Term, Term]]:
    """A grounded place's point (kg.geo.place_point) as GeoSPARQL: a geo:Geometry named by the place's
    IRI + "/geometry" (a stable IRI, not a blank node, so exports stay byte-identical and a store can
    be updated in place), and kg:approximateGeometry on the place (true for a county's point lent to
    a township). Nothing for a place the division list does not place (a country, a zone without a code).

    >>> t = list(_geometry_triples(iri("https://w3id.org/zhkg/id/locality/x"), {"adminCode": "330683"}))
    >>> [o for _, _, o in t][1:]
    ['"false"^^<http://www.w3.org/2001/XMLSchema#boolean>', '<http://www.opengis.net/ont/geosparql#Geometry>', '"POINT(120.8269 29.564)"^^<http://www.opengis.net/ont/geosparql#wktLiteral>']
    >>> list(_geometry_triples(iri("https://w3id.org/zhkg/id/locality/y"), {}))
    []
    """
    p = place_point(attrs.get("adminCode"), attrs.get("adminLevel"), attrs.get("adminPath"))
    if p is None:
        return
    node = iri(s[1:-1] + "/geometry")
    yield s, HAS_GEOMETRY_T, node
    yield s, APPROXIMATE_T, lit("true" if p.approximate else "false", dtype=XSD.boolean)
    yield node, TYPE_T, GEOMETRY_T
    yield node, AS_WKT_T, lit(p.wkt, dtype=GEO.wktLiteral)


def _post_triples(g: "KnowledgeGraph") -> Iterator[tuple[Term, Term, Term]]:
    for p in g.posts():
        person = iri(g.iri(p.person))
        post = iri(f"{g.base_iri}post/{short_hash(p.person, p.title, p.org)}")
        yield person, HOLDS_T, post
        yield post, TYPE_T, POST_T
        yield post, LABEL_T, zh(p.title)
        yield post, POST_IN_T, iri(g.iri(p.org))
        yield post, HELD_BY_T, person
        for ev in p.evidence:
            yield from _evidence(g, ev, person, HOLDS_T, post)


def _cooccurrence_triples(g: "KnowledgeGraph") -> Iterator[tuple[Term, Term, Term]]:
    for (a, b), w in sorted(g.cooccurrence.items()):
        sa, sb = iri(g.iri(a)), iri(g.iri(b))
        yield sa, RELATED_TO_T, sb
        c = iri(f"{g.base_iri}cooccurrence/{short_hash(a, b)}")
        yield c, TYPE_T, COOCCURRENCE_T
        yield c, SUBJECT_T, sa
        yield c, OBJECT_T, sb
        yield c, WEIGHT_T, integer(w)


def _evidence(g: "KnowledgeGraph", ev, s: Term, p: Term, o: Term) -> Iterator[tuple[Term, Term, Term]]:
    node = iri(f"{g.base_iri}evidence/{short_hash(ev.doc_id, s, p, o, str(ev.start), str(ev.end))}")
    yield node, TYPE_T, EVIDENCE_T
    yield node, SUBJECT_T, s
    yield node, PREDICATE_T, p
    yield node, OBJECT_T, o
    yield node, DERIVED_FROM_T, iri(g.doc_iri(ev.doc_id))
    if ev.sentence:  # evidence from a reference list (the division list) has no sentence
        yield node, SENTENCE_T, zh(ev.sentence)
        yield node, CHAR_START_T, integer(ev.start)
        yield node, CHAR_END_T, integer(ev.end)
    yield node, CONFIDENCE_T, decimal(round(ev.confidence, 3))
    if ev.rule:
        yield node, RULE_T, lit(ev.rule)


class ExportData:
    """What one export set computes once from a graph and several exporters read: its triples (as a
    set and sorted), the Turtle statements of the merged graph and the document graphs. Made by
    `kg.export.write_exports` for one set of exports and passed to every exporter (`ExportJob.data`);
    the graph must not change while it is in use. The functions below take a graph (and compute
    afresh) or one of these (and share its results).

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> data = ExportData(merge([extract_text("浙江省嵊州市。")]))
    >>> data.sorted_triples is data.sorted_triples, len(data.triple_set) == len(data.sorted_triples)
    (True, True)
    """

    def __init__(self, graph: "KnowledgeGraph") -> None:
        self.graph = graph

    @cached_property
    def triple_set(self) -> set[tuple[Term, Term, Term]]:
        """The graph's triples, deduplicated, in no order.

        >>> from kg.extract import extract_text
        >>> from kg.graph.merge import merge
        >>> g = merge([extract_text("浙江省嵊州市。")])
        >>> (TYPE_T in {p for _, p, _ in ExportData(g).triple_set})
        True
        """
        return set(triples(self.graph))

    @cached_property
    def sorted_triples(self) -> list[tuple[Term, Term, Term]]:
        """The graph's triples, deduplicated and sorted.

        >>> from kg.extract import extract_text
        >>> from kg.graph.merge import merge
        >>> g = merge([extract_text("浙江省嵊州市。")])
        >>> t = ExportData(g).sorted_triples
        >>> t == sorted(set(t))
        True
        """
        return sorted(self.triple_set)

    @cached_property
    def compact(self) -> Callable[[Term], Term]:
        """One `compacter` for every Turtle block of the set (it remembers its answers).

        >>> ExportData(None).compact(iri(KG.partOf))
        'kg:partOf'
        """
        return compacter()

    @cached_property
    def statements(self) -> list[tuple[Term, str]]:
        """`statements` of the merged graph, for graph.ttl and graph.trig.

        >>> from kg.extract import extract_text
        >>> from kg.graph.merge import merge
        >>> g = merge([extract_text("浙江省嵊州市。")])
        >>> ExportData(g).statements[0][1].startswith("    a kg:")
        True
        """
        return statements(self.sorted_triples, compact=self.compact)

    @cached_property
    def document_graphs(self) -> dict[Term, set[tuple[Term, Term, Term]]]:
        """Each document's slice of the merged graph (kg.export.trig.document_graphs).

        >>> from kg.extract import extract_text
        >>> from kg.graph.merge import merge
        >>> g = merge([extract_text("浙江省嵊州市。")])
        >>> list(ExportData(g).document_graphs)
        ['<https://w3id.org/zhkg/id/doc/text>']
        """
        from kg.export.trig import document_graphs
        return document_graphs(self.graph, self.triple_set)


def export_data(g: "KnowledgeGraph | ExportData") -> ExportData:
    """`g` itself when it is an ExportData, else a new one for the graph `g`.

    >>> data = ExportData(None)
    >>> export_data(data) is data, export_data(None) is data
    (True, False)
    """
    return g if isinstance(g, ExportData) else ExportData(g)


def triple_set(g: "KnowledgeGraph | ExportData") -> set[tuple[Term, Term, Term]]:
    """The graph's triples, deduplicated, in no order (shared when `g` is an ExportData).

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> data = ExportData(g)
    >>> triple_set(data) is triple_set(data), triple_set(g) == triple_set(data)
    (True, True)
    """
    return export_data(g).triple_set


def sorted_triples(g: "KnowledgeGraph | ExportData") -> list[tuple[Term, Term, Term]]:
    """The graph's triples, deduplicated and sorted (shared when `g` is an ExportData).

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> sorted_triples(merge([extract_text("浙江省嵊州市。")]))[0][1] == TYPE_T
    True
    """
    return export_data(g).sorted_triples


def to_ntriples(g: "KnowledgeGraph | ExportData") -> str:
    """The graph as sorted N-Triples text (graph.nt).

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> nt = to_ntriples(merge([extract_text("浙江省嵊州市。")]))
    >>> '"嵊州市"@zh .' in nt, nt.endswith(" .\\n")
    (True, True)
    """
    return "".join(f"{s} {p} {o} .\n" for s, p, o in sorted_triples(g))


def _compact(term: Term, prefixes: list[tuple[str, str]]) -> Term:
    if term.startswith("<"):
        body = term[1:-1]
        for p, ns in prefixes:
            if body.startswith(ns):
                local = body[len(ns):]
                if local and all(c.isalnum() or c == "_" for c in local) and local[0].isalpha():
                    return f"{p}:{local}"
        return term
    if "^^<" in term:
        value, _, dt = term.rpartition("^^")
        return f"{value}^^{_compact(dt, prefixes)}"
    return term


def compacter(prefixes: list[tuple[str, str]] | None = None) -> Callable[[Term], Term]:
    """`_compact` with these prefixes (default: the contract's, longest namespace first), remembering the
    answer for IRIs and typed literals (they repeat: predicates, classes, entities); other literals are
    not kept.

    >>> compact = compacter()
    >>> compact(iri(ORG.holds)), compact(integer(3)), compact(iri("https://example.org/x"))
    ('org:holds', '"3"^^xsd:integer', '<https://example.org/x>')
    """
    if prefixes is None:
        prefixes = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
    known: dict[Term, Term] = {}

    def compact(term: Term) -> Term:
        r = known.get(term)
        if r is None:
            r = _compact(term, prefixes)
            if r is not term or term.startswith("<"):
                known[term] = r
        return r
    return compact


def statements(spo: Iterable[tuple[Term, Term, Term]], indent: str = "",
               compact: Callable[[Term], Term] | None = None) -> list[tuple[Term, str]]:
    """Triples as Turtle statements grouped by subject, sorted: (subject, the rest of its statement).
    The subject is left as it is, for the caller to write in full or compacted.

    >>> spo = [(iri("https://w3id.org/zhkg/id/a"), TYPE_T, CLASS_T["Company"]),
    ...        (iri("https://w3id.org/zhkg/id/a"), LABEL_T, zh("甲"))]
    >>> statements(spo)
    [('<https://w3id.org/zhkg/id/a>', '    a kg:Company ;\\n    rdfs:label "甲"@zh .\\n')]
    """
    if compact is None:
        compact = compacter()
    out: list[tuple[Term, str]] = []
    lines: list[str] = []
    subject = prev = None
    more = f" ,\n{indent}        "
    for s, p, o in sorted(set(spo)):
        if s != subject:
            if lines:
                out.append((subject, " ;\n".join(lines) + " .\n"))
            subject, prev, lines = s, None, []
        if p == prev:
            lines[-1] += more + compact(o)
        else:
            lines.append(f"{indent}    {'a' if p == TYPE_T else compact(p)} {compact(o)}")
            prev = p
    if lines:
        out.append((subject, " ;\n".join(lines) + " .\n"))
    return out


def turtle_block(spo: Iterable[tuple[Term, Term, Term]], indent: str = "",
                 compact: Callable[[Term], Term] | None = None) -> list[str]:
    """Sorted triples as Turtle statements grouped by subject, subjects compacted (prefixes from
    kg.vocab.PREFIXES; `compact`, from `compacter`, may be shared by several blocks).

    >>> spo = [(iri("https://w3id.org/zhkg/id/a"), TYPE_T, CLASS_T["Company"]),
    ...        (iri("https://w3id.org/zhkg/id/a"), LABEL_T, zh("甲"))]
    >>> print(turtle_block(spo)[0], end="")
    kgr:a
        a kg:Company ;
        rdfs:label "甲"@zh .
    """
    if compact is None:
        compact = compacter()
    return [f"{indent}{compact(s)}\n{rest}" for s, rest in statements(spo, indent, compact)]


def merged_statements(g: "KnowledgeGraph | ExportData") -> list[tuple[Term, str]]:
    """`statements` of the merged graph (shared when `g` is an ExportData: graph.ttl and graph.trig).

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> merged_statements(g) == statements(sorted_triples(g))
    True
    """
    return export_data(g).statements


def to_turtle(g: "KnowledgeGraph | ExportData") -> str:
    """Turtle text: the prefixes, then one statement per subject, subjects written in full.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> ttl = to_turtle(merge([extract_text("浙江省嵊州市。")]))
    >>> ttl.splitlines()[0], "    a kg:Locality ;" in ttl
    ('@prefix kg: <https://w3id.org/zhkg/ontology#> .', True)
    """
    out = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    out.append("")
    out.extend(f"{s}\n{rest}" for s, rest in merged_statements(g))
    return "\n".join(out)


def write_rendered(job: ExportJob, name: str, render: Callable[["ExportData"], str]) -> list[Path]:
    """Write `render(job.data)` as UTF-8 to the file `name` of the job's folder; returns [its path].
    The text exporters (graph.ttl, graph.nt, graph.trig) are this with their own renderer.

    >>> import tempfile
    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     job = ExportJob(g, Path(tmp), ExportData(g))
    ...     [p.name for write in (write_ttl, write_nt) for p in write(job)]
    ...     (Path(tmp) / "graph.nt").read_text(encoding="utf-8") == to_ntriples(g)
    ['graph.ttl', 'graph.nt']
    True
    """
    path = job.directory / name
    path.write_text(render(job.data), encoding="utf-8")
    return [path]


@exporter("ttl", files=("graph.ttl",))
def write_ttl(job: ExportJob) -> list[Path]:
    """Exporter: graph.ttl (`to_turtle`, written by `write_rendered`).

    >>> import tempfile; from kg.extract import extract_text; from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> write_ttl(ExportJob(g, Path(tempfile.mkdtemp()), ExportData(g)))[0].read_text(encoding="utf-8")[:7]
    '@prefix'
    """
    return write_rendered(job, "graph.ttl", to_turtle)


@exporter("nt", files=("graph.nt",))
def write_nt(job: ExportJob) -> list[Path]:
    """Exporter: graph.nt (`to_ntriples`, written by `write_rendered`): one triple a line.

    >>> import tempfile; from kg.extract import extract_text; from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> lines = write_nt(ExportJob(g, Path(tempfile.mkdtemp()), ExportData(g)))[0].read_text(encoding="utf-8").splitlines()
    >>> len(lines) > 5 and all(x.endswith(" .") for x in lines)
    True
    """
    return write_rendered(job, "graph.nt", to_ntriples)
