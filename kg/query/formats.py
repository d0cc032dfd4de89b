"""Text forms of a QueryResult: table, SPARQL JSON/XML/CSV/TSV results, N-Triples, Turtle, JSON-LD."""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from typing import Callable
from xml.sax.saxutils import escape as xml_escape, quoteattr

from kg.query.clean import clean
from kg.query.results import QueryResult, Term
from kg.terms import PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"

#: Formats for SELECT/ASK and for CONSTRUCT/DESCRIBE results, with their media types.
RESULT_MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA_TYPES: dict[str, str] = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
#: Every format name `render` accepts (table is for people).
FORMATS = ("table", "csv", "tsv", "json", "xml", "nt", "ttl", "jsonld", "rdfxml")


class FormatError(ValueError):
    """A format that does not exist or does not fit the kind of result."""


def render(r: QueryResult, fmt: str) -> str:
    """`r` as text in format `fmt` (see FORMATS)."""
    table: dict[str, Callable[[QueryResult], str]]
    if r.kind == "graph":
        table = {"table": graph_table, "csv": lambda r: graph_sv(r, ","), "tsv": lambda r: graph_sv(r, "\t"),
                 "json": to_jsonld, "jsonld": to_jsonld, "nt": to_ntriples, "ttl": to_turtle, "rdfxml": to_rdfxml,
                 "xml": to_rdfxml}
    else:
        table = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}
    if fmt not in table:
        kind = "CONSTRUCT/DESCRIBE" if r.kind == "graph" else r.kind.upper()
        article = "an" if kind[0] in "AEIOU" else "a"
        raise FormatError(f"format {fmt!r} does not fit {article} {kind} result; use one of {', '.join(table)}")
    return table[fmt](r)


# ---- for people ---------------------------------------------------------------------------
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


# a SPARQL prefixed name's local part (PN_LOCAL without escapes): what can be pasted back into a query
_PN_CHARS = "A-Za-z0-9_\\-\u00b7\u00c0-\ufffd"
_LOCAL = re.compile(f"[A-Za-z0-9_:\u00c0-\ufffd](?:[{_PN_CHARS}.:]*[{_PN_CHARS}:])?")


def display(t: Term | None) -> str:
    """A short form for tables: prefixed names where the IRI has one that a query can read back (else
    ``<IRI>``), literal values without quotes.

    >>> display(Term("uri", "https://w3id.org/zhkg/id/locality/ab12"))     # "/" is no prefixed name's
    '<https://w3id.org/zhkg/id/locality/ab12>'
    >>> display(Term("uri", "https://w3id.org/zhkg/ontology#Locality"))
    'kg:Locality'
    """
    if t is None:
        return ""
    if t.kind == "uri":
        for p, ns in _BY_LENGTH:
            if t.value.startswith(ns) and len(t.value) > len(ns):
                local = t.value[len(ns):]
                if _LOCAL.fullmatch(local):
                    return f"{p}:{local}"
                break
        return clean(f"<{t.value}>")
    if t.kind == "bnode":
        return clean(f"_:{t.value}")
    return clean(t.value.replace("\n", " "))


def _width(s: str) -> int:
    # CJK characters take two columns in a terminal
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def _grid(header: list[str], rows: list[list[str]], noun: str) -> str:
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(_pad(c, w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} {noun}{'' if len(rows) == 1 else 's'})")
    return "\n".join(out) + "\n"


def to_table(r: QueryResult) -> str:
    if r.kind == "ask":
        return ("true" if r.boolean else "false") + "\n"
    return _grid(list(r.vars), [[display(t) for t in row] for row in r.bindings], "row")


def graph_table(r: QueryResult) -> str:
    return _grid(["subject", "predicate", "object"], [[display(t) for t in tr] for tr in r.triples], "triple")


# ---- SPARQL 1.1 query results formats ------------------------------------------------------
def _plain(t: Term | None) -> str:
    if t is None:
        return ""
    return f"_:{t.value}" if t.kind == "bnode" else t.value


def to_csv(r: QueryResult) -> str:
    if r.kind == "ask":
        return ("true" if r.boolean else "false") + "\r\n"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")  # the SPARQL CSV format asks for CRLF
    w.writerow(r.vars)
    for row in r.bindings:
        w.writerow([_plain(t) for t in row])
    return buf.getvalue()


def to_tsv(r: QueryResult) -> str:
    if r.kind == "ask":
        return ("true" if r.boolean else "false") + "\n"
    out = ["\t".join(f"?{v}" for v in r.vars)]
    out += ["\t".join("" if t is None else t.n3() for t in row) for row in r.bindings]
    return "\n".join(out) + "\n"


def json_term(t: Term) -> dict[str, object]:
    if t.kind == "literal":
        d: dict[str, object] = {"type": "literal", "value": t.value}
        if t.lang:
            d["xml:lang"] = t.lang
        elif t.datatype:
            d["datatype"] = t.datatype
        return d
    return {"type": t.kind, "value": t.value}


def to_json(r: QueryResult) -> str:
    if r.kind == "ask":
        doc: dict[str, object] = {"head": {}, "boolean": bool(r.boolean)}
    else:
        doc = {"head": {"vars": list(r.vars)},
               "results": {"bindings": [{v: json_term(t) for v, t in zip(r.vars, row) if t is not None}
                                        for row in r.bindings]}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _xml_term(t: Term) -> str:
    if t.kind == "uri":
        return f"<uri>{xml_escape(t.value)}</uri>"
    if t.kind == "bnode":
        return f"<bnode>{xml_escape(t.value)}</bnode>"
    attr = f" xml:lang={quoteattr(t.lang)}" if t.lang else (f" datatype={quoteattr(t.datatype)}" if t.datatype else "")
    return f"<literal{attr}>{xml_escape(t.value)}</literal>"


def to_xml(r: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if r.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if r.boolean else 'false'}</boolean>"]
    else:
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in r.vars) + "</head>")
        out.append("<results>")
        for row in r.bindings:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(r.vars, row) if t is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


# ---- graphs ---------------------------------------------------------------------------------
def graph_sv(r: QueryResult, sep: str) -> str:
    """A CONSTRUCT result as a three-column CSV (plain values) or TSV (N-Triples terms) table."""
    as_select = QueryResult("select", ("subject", "predicate", "object"), r.triples, engine=r.engine)
    return to_csv(as_select) if sep == "," else to_tsv(as_select)


def to_ntriples(r: QueryResult) -> str:
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in r.triples)


def to_turtle(r: QueryResult) -> str:
    from kg.export.trig import turtle_block
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    return head + "\n" + "\n".join(turtle_block((s.n3(), p.n3(), o.n3()) for s, p, o in r.triples))


def _jsonld_object(t: Term) -> dict[str, str]:
    if t.kind == "uri":
        return {"@id": t.value}
    if t.kind == "bnode":
        return {"@id": f"_:{t.value}"}
    d = {"@value": t.value}
    if t.lang:
        d["@language"] = t.lang
    elif t.datatype:
        d["@type"] = t.datatype
    return d


def to_jsonld(r: QueryResult) -> str:
    """Expanded, flattened JSON-LD: one node object per subject, in sorted order."""
    nodes: dict[str, dict[str, list]] = {}
    for s, p, o in r.triples:
        sid = s.value if s.kind == "uri" else f"_:{s.value}"
        node = nodes.setdefault(sid, {"@id": sid})  # type: ignore[arg-type]
        if p.value == RDF_TYPE and o.kind in ("uri", "bnode"):
            node.setdefault("@type", []).append(_jsonld_object(o)["@id"])
        else:
            node.setdefault(p.value, []).append(_jsonld_object(o))
    return json.dumps([nodes[k] for k in sorted(nodes)], ensure_ascii=False, indent=1) + "\n"


def to_rdfxml(r: QueryResult) -> str:
    import pyoxigraph as ox

    def term(t: Term):
        if t.kind == "uri":
            return ox.NamedNode(t.value)
        if t.kind == "bnode":
            return ox.BlankNode(t.value)
        if t.lang:
            return ox.Literal(t.value, language=t.lang)
        return ox.Literal(t.value, datatype=ox.NamedNode(t.datatype) if t.datatype else None)
    data = ox.serialize([ox.Triple(term(s), term(p), term(o)) for s, p, o in r.triples], format=ox.RdfFormat.RDF_XML)
    return data.decode("utf-8")
