"""`kg query`: run a SPARQL query on the built graph and print the result."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli import CliError

EPILOG = """examples:
  kg query 'SELECT ?l WHERE { ?x a kg:Locality ; rdfs:label ?l } LIMIT 5'
  kg query -f queries/officials.rq --format csv
  kg query -g exports/graph.ttl --engine rdflib 'ASK { ?x rdfs:label "嵊州市"@zh }'

prefixes kg: kgr: org: prov: schema: skos: rdfs: rdf: xsd: owl: are predeclared."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="run a SPARQL query on the graph",
                       description="Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the built graph.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", nargs="?", help="the query text (or use -f)")
    p.add_argument("-f", "--file", metavar="FILE", help="read the query from FILE (- for standard input)")
    p.add_argument("-g", "--graph", default="exports", metavar="GRAPH",
                   help="export folder, store folder, or .ttl/.nt/.trig/.nq file (default: exports/)")
    p.add_argument("--format", default="table", choices=("table", "csv", "tsv", "json", "xml", "nt", "ttl", "jsonld"),
                   help="output format (default: table; nt, ttl, jsonld for CONSTRUCT/DESCRIBE)")
    p.add_argument("--engine", default="oxigraph", choices=("oxigraph", "rdflib"), help="query engine (default: oxigraph)")
    p.set_defaults(func=run)


def read_query(a: argparse.Namespace) -> str:
    if (a.query is None) == (a.file is None):
        raise CliError("give the query as an argument or with -f FILE, not both" if a.query else
                       "no query: give it as an argument or with -f FILE")
    if a.file is None:
        return a.query
    if a.file == "-":
        return sys.stdin.read()
    try:
        return Path(a.file).read_text(encoding="utf-8")
    except OSError as e:
        raise CliError(f"cannot read {a.file}: {e.strerror}", 1) from None


def run(a: argparse.Namespace) -> int:
    from kg.query.errors import QueryError
    from kg.query.formats import FormatError
    from kg.query.sparql import run_query

    text = read_query(a)
    if getattr(a, "standalone", False):
        from kg.query.sandbox import deny_network
        deny_network()  # the query is the user's: no parser slip may make the engine call out
    try:
        result = run_query(a.graph, text, engine=a.engine)
        out = result.format(a.format)
    except (QueryError, FormatError) as e:
        raise CliError(str(e), 1) from None
    sys.stdout.write(out)
    return 0
