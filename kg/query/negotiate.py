"""Which format to answer in: the SPARQL Protocol's Accept header, or a ?format=/?output= name."""
from __future__ import annotations

from kg.query.errors import NotAcceptable, UnknownFormat
from kg.query.formats import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES

__all__ = ["negotiate", "NotAcceptable", "UnknownFormat"]

#: Names a client may give in ?format= or ?output= (SPARQLWrapper sends these), per kind of result.
RESULT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_NAMES = {"turtle": "ttl", "ttl": "ttl", "n3": "ttl", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
               "json-ld": "jsonld", "jsonld": "jsonld", "json": "jsonld", "xml": "rdfxml", "rdf+xml": "rdfxml",
               "rdf": "rdfxml", "rdfxml": "rdfxml"}
#: Media types a client may ask for, per kind of result (more than we name, for lenient clients).
RESULT_ACCEPT = {**{m: f for f, m in RESULT_MEDIA_TYPES.items()}, "application/json": "json",
                 "application/xml": "xml", "text/xml": "xml"}
GRAPH_ACCEPT = {**{m: f for f, m in GRAPH_MEDIA_TYPES.items()}, "application/x-turtle": "ttl", "text/n3": "ttl",
                "text/plain": "nt", "application/json": "jsonld", "application/xml": "rdfxml", "text/xml": "rdfxml"}


def _accept_list(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped, ties keep their order)."""
    out = []
    for i, part in enumerate(accept.split(",")):
        items = [x.strip() for x in part.split(";")]
        if not items[0]:
            continue
        q = 1.0
        for p in items[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            out.append((-q, i, items[0].lower()))
    return [m for _, _, m in sorted(out)]


def negotiate(kind: str, accept: str | None, name: str | None) -> tuple[str, str]:
    """(format, media type) for a result of `kind` given the Accept header and a ?format= name."""
    graph = kind == "graph"
    names, by_type = (GRAPH_NAMES, GRAPH_ACCEPT) if graph else (RESULT_NAMES, RESULT_ACCEPT)
    media = GRAPH_MEDIA_TYPES if graph else RESULT_MEDIA_TYPES
    default = "ttl" if graph else "json"
    if name:
        key = name.strip().lower()
        fmt = names.get(key) or by_type.get(key)
        if fmt is None:
            what = "a CONSTRUCT or DESCRIBE result (a graph)" if graph else f"a{'n' if kind == 'ask' else ''} {kind.upper()} result"
            raise UnknownFormat(f"format={name!r} does not fit {what}; accepted: {', '.join(sorted(names))} "
                                f"(or a media type: {', '.join(media.values())})")
        return fmt, media[fmt]
    ranges = _accept_list(accept or "*/*")
    for m in ranges:
        if m in by_type:
            return by_type[m], media[by_type[m]]
        if m == "*/*" or (m.endswith("/*") and media[default].startswith(m[:-1])):
            return default, media[default]
        if m.endswith("/*"):
            for f, t in media.items():
                if t.startswith(m[:-1]):
                    return f, t
    offered = ", ".join(media.values())
    raise NotAcceptable(f"none of the requested types ({accept}) fits this result; offered: {offered}")
