"""`kg serve`: a read-only SPARQL endpoint and query page over the built graph."""
from __future__ import annotations

import argparse
import os
import sys

from kg.cli import CliError

EPILOG = """examples:
  kg serve                              serve exports/ on http://127.0.0.1:7878/
  kg serve -g exports/store --port 8000 --timeout 10 --cors
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/sparql

A query runs in a worker process; past --timeout the worker is killed (the client gets 503)
and replaced, so the server keeps answering. Updates, LOAD and SERVICE are refused (403), and
workers have no network at all. Requests naming another host (DNS rebinding) and POSTs from
pages of other origins are refused (403) unless --allow-host / --cors."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the graph over the SPARQL 1.1 Protocol",
                       description="Serve the graph read-only: SPARQL at /sparql, a query page at /.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-g", "--graph", default="exports", metavar="STORE|GRAPH",
                   help="export folder, store folder, or .ttl/.nt/.trig/.nq file (default: exports/)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S", help="seconds a query may run (default: 30)")
    p.add_argument("--max-results", type=int, default=100_000, metavar="N",
                   help="refuse results with more rows or triples (default: 100000)")
    p.add_argument("--workers", type=int, default=max(2, min(4, os.cpu_count() or 2)), metavar="N",
                   help="query worker processes (default: 2 to 4, by CPU count)")
    p.add_argument("--max-bytes", type=int, default=50_000_000, metavar="N",
                   help="refuse results larger than N bytes once serialised (default: 50000000)")
    p.add_argument("--max-memory", type=int, default=2048, metavar="MB",
                   help="memory (address space) of one query worker; past it the worker is replaced (default: 2048)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="accept requests whose Host header is NAME (besides IP addresses, localhost and --host)")
    p.add_argument("--max-connections", type=int, default=64, metavar="N",
                   help="connections served at once (one thread each); past it 503 at once (default: 64)")
    p.add_argument("--max-buffered", type=int, default=256, metavar="MB",
                   help="answers held for clients that have not read them yet, in all; past it 503 (default: 256)")
    p.add_argument("--cors", action="store_true", help="allow queries from web pages of any origin")
    p.add_argument("-q", "--quiet", action="store_true", help="do not log requests")
    p.set_defaults(func=run)


def run(a: argparse.Namespace) -> int:
    from kg.query.errors import QueryError
    from kg.query.server import ServerConfig, make_server

    if (a.timeout <= 0 or a.max_results < 1 or a.workers < 1 or a.max_bytes < 1 or a.max_memory < 256
            or a.max_connections < 1 or a.max_buffered < 1 or not 0 <= a.port < 65536):
        raise CliError("--timeout, --max-results, --max-bytes, --workers, --max-connections and --max-buffered must "
                       "be positive, --max-memory at least 256 (MB) and --port a port number")
    cfg = ServerConfig(a.graph, a.host, a.port, a.timeout, a.max_results, a.cors, a.workers, quiet=a.quiet,
                       max_bytes=a.max_bytes, max_memory=a.max_memory << 20, allow_hosts=tuple(a.allow_host),
                       max_connections=a.max_connections, max_buffered=a.max_buffered << 20)
    try:
        server = make_server(cfg)
    except QueryError as e:
        raise CliError(str(e), 1) from None
    except OSError as e:
        raise CliError(f"cannot listen on {a.host}:{a.port}: {e.strerror or e}", 1) from None
    from kg.query.clean import clean
    print(clean(f"serving {a.graph} at {server.url} (SPARQL endpoint {server.url}sparql); Ctrl-C stops"),
          file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
