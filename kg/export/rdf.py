"""RDF in the public contract (ONTOLOGY.md): sorted N-Triples and Turtle, byte-identical per corpus."""
from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TypeVar

from kg.graph.knowledge_graph import short_hash
from kg.terms import KG_IRI, PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph

RDF_TYPE = PREFIXES["rdf"] + "type"
LABEL = PREFIXES["rdfs"] + "label"
ALT = PREFIXES["skos"] + "altLabel"
XSD = PREFIXES["xsd"]
ORG = PREFIXES["org"]
PROV = PREFIXES["prov"]
DCTERMS = PREFIXES["dcterms"]
SCHEMA = PREFIXES["schema"]

Term = str  # a term already in N-Triples syntax
T = TypeVar("T")


def iri(s: str) -> Term:
    return f"<{s}>"


def kg(local: str) -> Term:
    return f"<{KG_IRI}{local}>"


def _escape(s: str) -> str:
    return (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t"))


def lit(s: str, lang: str | None = None, dtype: str | None = None) -> Term:
    out = f'"{_escape(s)}"'
    if lang:
        return f"{out}@{lang}"
    if dtype:
        return f"{out}^^<{XSD}{dtype}>"
    return out


def zh(s: str) -> Term:
    return lit(s, lang="zh")


def integer(n: int) -> Term:
    return lit(str(int(n)), dtype="integer")


def decimal(x: float | str | Decimal) -> Term:
    d = Decimal(str(x)).normalize()
    s = format(d, "f")
    if "." not in s:
        s += ".0"
    return lit(s, dtype="decimal")


ADMIN_ATTRS = {"adminCode": "adminCode", "adminLevel": "adminLevel"}


def triples(g: "KnowledgeGraph") -> Iterator[tuple[Term, Term, Term]]:
    """Every triple of the merged graph (unsorted)."""
    t = TYPE_T
    for d in g.documents.values():
        s = iri(g.doc_iri(d.id))
        yield s, t, kg("Document" if d.kind == "document" else "ReferenceSource")
        yield s, t, iri(PROV + "Entity")
        yield s, kg("source"), lit(d.source)
        if d.title:
            yield s, LABEL_T, zh(d.title)
        # the input's own metadata (docs/inputs.md), only where it carries them
        if d.meta_title:
            yield s, iri(DCTERMS + "title"), zh(d.meta_title)
        if d.date:
            yield s, iri(DCTERMS + "date"), lit(d.date, dtype="date")
        if d.publisher:
            yield s, iri(DCTERMS + "publisher"), lit(d.publisher)
        if d.url:
            yield s, iri(SCHEMA + "url"), lit(d.url, dtype="anyURI")
    officials = {p.person for p in g.posts()}
    for e in g.entities():
        s = iri(g.iri(e.key))
        yield s, t, kg("Official" if e.key in officials else e.cls)
        yield s, LABEL_T, zh(e.label)
        for a in e.aliases:
            yield s, ALT_T, zh(a)
        yield s, kg("mentionCount"), integer(e.mentions)
        yield s, kg("confidence"), decimal(round(e.confidence, 3))
        for doc in sorted(g.entity_docs.get(e.key, ())):
            yield s, kg("mentionedIn"), iri(g.doc_iri(doc))
        attrs = dict(e.attrs)
        for name in ("adminCode", "adminLevel", "adminPath"):
            if name in attrs:
                yield s, kg(name), lit(attrs[name])
        if "investment" in attrs:
            yield s, kg("investment"), decimal(attrs["investment"])
        if "investmentText" in attrs:
            yield s, kg("investmentText"), zh(attrs["investmentText"])
    for f in g.relations():
        s, o = iri(g.iri(f.subject)), iri(g.iri(f.object))
        yield s, kg(f.predicate), o
        for ev in f.evidence:
            yield from _evidence(g, ev, s, kg(f.predicate), o)
    for p in g.posts():
        person = iri(g.iri(p.person))
        post = iri(f"{g.base_iri}post/{short_hash(p.person, p.title, p.org)}")
        yield person, iri(ORG + "holds"), post
        yield post, t, iri(ORG + "Post")
        yield post, LABEL_T, zh(p.title)
        yield post, iri(ORG + "postIn"), iri(g.iri(p.org))
        yield post, iri(ORG + "heldBy"), person
        for ev in p.evidence:
            yield from _evidence(g, ev, person, iri(ORG + "holds"), post)
    for (a, b), w in sorted(g.cooccurrence.items()):
        sa, sb = iri(g.iri(a)), iri(g.iri(b))
        yield sa, kg("relatedTo"), sb
        c = iri(f"{g.base_iri}cooccurrence/{short_hash(a, b)}")
        yield c, t, kg("Cooccurrence")
        yield c, kg("subject"), sa
        yield c, kg("object"), sb
        yield c, kg("weight"), integer(w)


LABEL_T = iri(LABEL)
TYPE_T = iri(RDF_TYPE)
ALT_T = iri(ALT)


def _evidence(g: "KnowledgeGraph", ev, s: Term, p: Term, o: Term) -> Iterator[tuple[Term, Term, Term]]:
    node = iri(f"{g.base_iri}evidence/{short_hash(ev.doc_id, s, p, o, str(ev.start), str(ev.end))}")
    yield node, TYPE_T, kg("Evidence")
    yield node, kg("subject"), s
    yield node, kg("predicate"), p
    yield node, kg("object"), o
    yield node, iri(PROV + "wasDerivedFrom"), iri(g.doc_iri(ev.doc_id))
    if ev.sentence:  # evidence from a reference list (the division list) has no sentence
        yield node, kg("sentence"), zh(ev.sentence)
        yield node, kg("charStart"), integer(ev.start)
        yield node, kg("charEnd"), integer(ev.end)
    yield node, kg("confidence"), decimal(round(ev.confidence, 3))
    if ev.rule:
        yield node, kg("rule"), lit(ev.rule)


def triple_set(g: "KnowledgeGraph") -> set[tuple[Term, Term, Term]]:
    """The graph's triples, deduplicated, in no order (computed once per export set, see `shared`)."""
    return memo(g, "triple_set", lambda: set(triples(g)))


def sorted_triples(g: "KnowledgeGraph") -> list[tuple[Term, Term, Term]]:
    """The graph's triples, deduplicated and sorted (computed once per export set, see `shared`)."""
    return memo(g, "sorted_triples", lambda: sorted(triple_set(g)))


#: id(graph) → (graph, results): what one export set computes once and every exporter reads.
_SHARED: dict[int, tuple["KnowledgeGraph", dict[str, object]]] = {}


@contextmanager
def shared(g: "KnowledgeGraph") -> Iterator[None]:
    """While the exports of `g` are written, compute its sorted triples (and document graphs) once;
    the graph must not change meanwhile. Outside this block every call computes afresh."""
    _SHARED[id(g)] = (g, {})
    try:
        yield
    finally:
        _SHARED.pop(id(g), None)


def memo(g: "KnowledgeGraph", name: str, make: Callable[[], T]) -> T:
    """`make()`, or its result from earlier in the same export set of `g`."""
    entry = _SHARED.get(id(g))
    if entry is None or entry[0] is not g:
        return make()
    results = entry[1]
    if name not in results:
        results[name] = make()
    return results[name]  # type: ignore[return-value]


def to_ntriples(g: "KnowledgeGraph") -> str:
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
    not kept."""
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
    The subject is left as it is, for the caller to write in full or compacted."""
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
    kg.vocab.PREFIXES; `compact`, from `compacter`, may be shared by several blocks)."""
    if compact is None:
        compact = compacter()
    return [f"{indent}{compact(s)}\n{rest}" for s, rest in statements(spo, indent, compact)]


def merged_statements(g: "KnowledgeGraph") -> list[tuple[Term, str]]:
    """`statements` of the merged graph, made once per export set for graph.ttl and graph.trig."""
    return memo(g, "statements", lambda: statements(sorted_triples(g), compact=memo(g, "compacter", compacter)))


def to_turtle(g: "KnowledgeGraph") -> str:
    """Turtle text: the prefixes, then one statement per subject, subjects written in full."""
    out = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    out.append("")
    out.extend(f"{s}\n{rest}" for s, rest in merged_statements(g))
    return "\n".join(out)


def write_rdf(g: "KnowledgeGraph", staging: Path, **_: object) -> list[Path]:
    ttl, nt = staging / "graph.ttl", staging / "graph.nt"
    ttl.write_text(to_turtle(g), encoding="utf-8")
    nt.write_text(to_ntriples(g), encoding="utf-8")
    return [ttl, nt]
