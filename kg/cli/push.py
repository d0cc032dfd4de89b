"""`kg push`: upload the graph to a triple store (SPARQL 1.1 Graph Store HTTP Protocol)."""
from __future__ import annotations

import argparse

from kg.cli import CliError

EPILOG = """examples:
  kg push --endpoint http://localhost:7878/store                      Oxigraph
  kg push --endpoint http://localhost:3030/zhkg/data --auth admin:pw  Fuseki
  kg push --endpoint http://localhost:7200/repositories/zhkg/rdf-graphs/service --graph https://w3id.org/zhkg/graph
  kg push --endpoint http://localhost:7878/store --format trig --append  add the whole dataset, document graphs too
  kg push --endpoint http://localhost:7878/store --format trig --replace-all   replace EVERY graph of the store

credentials: --auth, else $KG_PUSH_AUTH (user:password; not visible in `ps`), else the URL's
user:password, else ~/.netrc. They go to the endpoint only: redirects are reported, never followed."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("push", help="upload the graph to a triple store",
                       description="Upload the graph with the SPARQL 1.1 Graph Store HTTP Protocol: "
                                   "PUT replaces the target graph, --append POSTs into it.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--endpoint", required=True, metavar="URL", help="the store's Graph Store Protocol URL")
    p.add_argument("--graph", metavar="IRI", help="target graph IRI (default: the default graph)")
    p.add_argument("--auth", metavar="USER:PASS", help="HTTP Basic authentication (better: $KG_PUSH_AUTH or ~/.netrc)")
    p.add_argument("-g", "--source", default="exports", metavar="GRAPH",
                   help="export folder, store folder or graph file (default: exports/)")
    p.add_argument("--format", default="nt", choices=("nt", "ttl", "trig"), help="what to upload (default: nt)")
    p.add_argument("--append", action="store_true", help="add to the graph (POST) instead of replacing it (PUT)")
    p.add_argument("--replace-all", action="store_true",
                   help="with --format trig: replace every graph of the store, also those this build did not write")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds to wait for the store (default: 60)")
    p.set_defaults(func=run)


def run(a: argparse.Namespace) -> int:
    from kg.query.push import PushError, push
    try:
        r = push(a.source, a.endpoint, graph=a.graph, auth=a.auth, append=a.append, fmt=a.format, timeout=a.timeout,
                 replace_all=a.replace_all)
    except PushError as e:
        raise CliError(str(e), 1) from None
    from kg.query.clean import clean
    print(clean(f"{r.method} {r.url}: HTTP {r.status}, {r.bytes:,} bytes from {r.file}"))
    return 0
