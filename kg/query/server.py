"""A read-only SPARQL 1.1 Protocol endpoint over the graph, on the standard library's HTTP server."""
from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.query.dataset import locate
from kg.query.errors import (
    GraphNotFound, QueryError, QueryRefused, QuerySyntaxError, QueryTimeout, ResultTooLarge,
)
from kg.query.formats import GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES, render
from kg.query.page import Example, load_examples, page_asset, render_page
from kg.query.results import QueryResult
from kg.query.sparql import check_query
from kg.query.store import is_store
from kg.query.workers import Job, QueryPool

MAX_BODY = 1 << 20  # a query larger than 1 MiB is not a query a person wrote

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


@dataclass
class ServerConfig:
    """What `kg serve` was asked for."""
    graph: str = "exports"
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0
    max_results: int = 100_000
    cors: bool = False
    workers: int = 2
    queries_dir: Path | None = None
    quiet: bool = False


class NotAcceptable(Exception):
    """The client accepts no format this kind of result has."""


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
    if name and name.lower() in names:
        fmt = names[name.lower()]
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


def service_description(endpoint: str) -> str:
    """SPARQL 1.1 Service Description of this endpoint, in Turtle."""
    formats = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
               "Turtle", "N-Triples", "JSON-LD", "RDF_XML"]
    return (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
        "@prefix fmt: <http://www.w3.org/ns/formats/> .\n\n"
        f"<{endpoint}> a sd:Service ;\n"
        f"    sd:endpoint <{endpoint}> ;\n"
        "    sd:supportedLanguage sd:SPARQL11Query ;\n"
        "    sd:resultFormat " + ", ".join(f"fmt:{f}" for f in formats) + " ;\n"
        "    sd:defaultDataset [\n"
        "        a sd:Dataset ;\n"
        "        sd:defaultGraph [ a sd:Graph ]   # the merged graph; GRAPH <document IRI> reaches each document\n"
        "    ] .\n")


class SparqlServer(ThreadingHTTPServer):
    """ThreadingHTTPServer holding the query pool, the examples and the limits."""
    daemon_threads = True
    request_queue_size = 256  # bursts of clients must queue, not be refused

    def __init__(self, config: ServerConfig) -> None:
        loc = locate(config.graph, "oxigraph")  # fails here, before binding, if there is no graph
        self.config = config
        self.examples: list[Example] = load_examples(config.queries_dir)
        folder = Path(config.graph)
        folder = folder.parent if (not folder.is_dir() or is_store(folder)) else folder
        self.graph_html = folder / "graph.html"
        self.pool = QueryPool(str(loc.path), size=config.workers)
        try:
            super().__init__((config.host, config.port), SparqlHandler)
        except BaseException:
            self.pool.close()
            raise

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "zhkg-sparql/0.1"

    # ---- plumbing ---------------------------------------------------------------------------
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        if not self.server.config.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _send(self, status: int, body: str | bytes, ctype: str = "text/plain; charset=utf-8",
              extra: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if self.server.config.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: int, message: str, extra: dict[str, str] | None = None) -> None:
        self._send(status, message.rstrip() + "\n", extra=extra)

    # ---- routes -------------------------------------------------------------------------------
    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/":
            self._send(200, render_page(self.server.examples, self.server.graph_html.is_file()),
                       "text/html; charset=utf-8")
        elif url.path == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            if "update" in params:
                self._error(403, "SPARQL updates are not allowed: this endpoint is read-only")
            elif "query" not in params:
                self._send(200, service_description(self._endpoint()), "text/turtle; charset=utf-8")
            else:
                self._answer(params)
        elif url.path.startswith("/assets/"):
            self._asset(url.path)
        elif url.path == "/graph.html":
            if self.server.graph_html.is_file():
                self._send(200, self.server.graph_html.read_bytes(), "text/html; charset=utf-8")
            else:
                self._error(404, "no graph.html next to this graph: run `kg build` to write it")
        else:
            self._error(404, f"nothing at {url.path}; the SPARQL endpoint is /sparql and the query page is /")

    do_HEAD = do_GET

    def _asset(self, path: str) -> None:
        """The query page's scripts and styles (YASGUI), from the package: the page needs no network."""
        found = page_asset(path)
        if found is None:
            self._error(404, f"no asset at {path}")
        else:
            self._send(200, found[0], found[1], {"Cache-Control": "max-age=3600"})

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._error(404, f"nothing at {url.path}; POST queries to /sparql")
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._error(411, "a POST needs a Content-Length")
            return
        if int(length) > MAX_BODY:
            self._error(413, f"the request body is larger than {MAX_BODY} bytes")
            return
        body = self.rfile.read(int(length)).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            params["query"] = params.get("query", []) + [body]
        elif ctype == "application/sparql-update":
            self._error(403, "SPARQL updates are not allowed: this endpoint is read-only")
            return
        else:
            self._error(415, "send the query as application/sparql-query or application/x-www-form-urlencoded")
            return
        if "update" in params:
            self._error(403, "SPARQL updates are not allowed: this endpoint is read-only")
        elif "query" not in params:
            self._error(400, "no query: send query=… (form) or the query itself as application/sparql-query")
        else:
            self._answer(params)

    def do_OPTIONS(self) -> None:
        self._send(204, b"", extra={"Allow": "GET, POST, OPTIONS, HEAD"})

    def _read_only(self) -> None:
        self._error(405, f"{self.command} is not allowed: this endpoint is read-only", {"Allow": "GET, POST, OPTIONS, HEAD"})

    do_PUT = do_DELETE = do_PATCH = _read_only

    # ---- queries ------------------------------------------------------------------------------
    def _endpoint(self) -> str:
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        return f"http://{host}/sparql"

    def _answer(self, params: dict[str, list[str]]) -> None:
        queries = params["query"]
        if len(queries) != 1:
            self._error(400, "give exactly one query parameter")
            return
        cfg = self.server.config
        job = Job(queries[0], cfg.max_results, tuple(params.get("default-graph-uri", ())),
                  tuple(params.get("named-graph-uri", ())))
        try:
            check_query(job.query)  # refused at once, without using a worker
            result = self.server.pool.run(job, cfg.timeout)
        except QueryRefused as e:
            self._error(403, str(e))
            return
        except ResultTooLarge as e:
            self._error(413, str(e))
            return
        except QueryTimeout as e:
            self._error(503, str(e), {"Retry-After": "5"})
            return
        except GraphNotFound as e:
            self._error(500, str(e))
            return
        except QuerySyntaxError as e:
            self._error(400, str(e))
            return
        except QueryError as e:
            self._error(400, str(e))
            return
        self._reply(result, params)

    def _reply(self, result: QueryResult, params: dict[str, list[str]]) -> None:
        name = (params.get("format") or params.get("output") or [None])[0]
        try:
            fmt, media = negotiate(result.kind, self.headers.get("Accept"), name)
        except NotAcceptable as e:
            self._error(406, str(e))
            return
        charset = "" if media.endswith("json") else "; charset=utf-8"
        self._send(200, render(result, fmt), media + charset)


def make_server(config: ServerConfig) -> SparqlServer:
    """A bound server, not yet serving: call serve_forever() (or use `serve`)."""
    return SparqlServer(config)


def serve_in_thread(config: ServerConfig) -> tuple[SparqlServer, threading.Thread]:
    """Start a server in a daemon thread (for tests and notebooks); stop it with server.shutdown()."""
    server = make_server(config)
    t = threading.Thread(target=server.serve_forever, daemon=True, name="kg-sparql-server")
    t.start()
    return server, t
