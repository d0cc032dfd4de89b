"""A read-only SPARQL 1.1 Protocol endpoint over the graph, on the standard library's HTTP server."""
from __future__ import annotations

import os
import queue
import socket
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.generations import CURRENT
from kg.query.clean import clean
from kg.query.dataset import locate
from kg.query.errors import (
    EngineCrashed, GraphNotFound, NotAcceptable, QueryError, QueryRefused, QuerySyntaxError, QueryTimeout, ResultTooLarge,
    UnknownFormat,
)
from kg.query.guard import HostGuard
from kg.query.negotiate import negotiate  # noqa: F401 (re-exported: kg.query.server.negotiate)
from kg.query.page import Example, load_examples, page_asset, render_page
from kg.query.store import is_store
from kg.query.workers import Answer, Job, QueryPool

MAX_BODY = 1 << 20  # a query larger than 1 MiB is not a query a person wrote

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
    max_bytes: int = 50_000_000          # a serialised result larger than this is refused (413)
    max_memory: int | None = 2 << 30     # address space of one query worker (RLIMIT_AS), bytes
    allow_hosts: tuple[str, ...] = ()    # Host header values accepted besides the bind address
    idle_timeout: float = 30.0           # seconds a connection may stay silent before it is closed
    max_connections: int = 64            # connections (threads) served at once; past it 503 at once
    max_buffered: int = 256 << 20        # bytes of answers held for clients that have not read them; past it 503


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
        self.guard = HostGuard(config.host, config.allow_hosts, config.cors)
        self.pool = QueryPool(str(loc.path), size=config.workers, max_memory=config.max_memory)
        # an export folder written by `kg build` switches generations through one link: watch it,
        # also when -g names a link inside it (DIR/store, DIR/graph.ttl)
        self._watched = watched_link(Path(config.graph))
        self._generation = self._read_generation()
        self._switch_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(config.max_connections)
        self._buffered, self._buffer_lock = 0, threading.Lock()
        self._refused: queue.Queue = queue.Queue(maxsize=1024)
        threading.Thread(target=_drain_refused, args=(self._refused,), daemon=True, name="kg-refused").start()
        try:
            super().__init__((config.host, config.port), SparqlHandler)
        except BaseException:
            self.pool.close()
            raise

    def _read_generation(self) -> str | None:
        try:
            return os.readlink(self._watched) if self._watched else None
        except OSError:
            return None

    def current_pool(self) -> QueryPool:
        """The pool answering queries: when a build has switched the export folder to a new
        generation, a pool on it is started and swapped in whole, so every answer comes from one
        build (the old pool finishes its running queries, then stops)."""
        if self._watched is None or self._read_generation() == self._generation:
            return self.pool
        with self._switch_lock:
            gen = self._read_generation()
            if gen != self._generation and gen is not None:
                try:
                    loc = locate(self.config.graph, "oxigraph")
                    new = QueryPool(str(loc.path), size=self.config.workers, max_memory=self.config.max_memory)
                except QueryError as e:  # a broken new build: keep answering from the old one
                    sys.stderr.write(clean(f"kg serve: keeping the previous graph: {e}") + "\n")
                    self._generation = gen
                    return self.pool
                old, self.pool, self._generation = self.pool, new, gen
                timer = threading.Timer(self.config.timeout + 1.0, old.close)
                timer.daemon = True
                timer.start()
                if not self.config.quiet:
                    sys.stderr.write(clean(f"kg serve: now serving the new build ({gen})") + "\n")
        return self.pool

    # ---- bounds: connections and unsent bytes --------------------------------------------------
    def process_request(self, request, client_address) -> None:  # type: ignore[override]
        """One thread per connection, at most `max_connections`; past that a 503 is sent at once from
        this (the accepting) thread, which never blocks on the client."""
        if not self._slots.acquire(blocking=False):
            self._refuse_busy(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:  # type: ignore[override]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def _refuse_busy(self, request) -> None:
        n = self.config.max_connections
        body = (f"the server is busy: {n} connections are open, the most it serves at once; "
                "try again later\n").encode("utf-8")
        head = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\nRetry-After: 5\r\nConnection: close\r\n\r\n").encode("ascii")
        try:
            request.setblocking(False)
            request.send(head + body)  # small: fits the socket's buffer, never waits for the client
            request.shutdown(socket.SHUT_WR)
            self._refused.put_nowait(request)  # read what the client sent, then close (no reset)
        except (OSError, queue.Full):
            self.shutdown_request(request)

    def hold(self, n: int) -> bool:
        """Count `n` bytes of an answer about to be sent; False when that would pass `max_buffered`."""
        with self._buffer_lock:
            if self._buffered and self._buffered + n > self.config.max_buffered:
                return False
            self._buffered += n
            return True

    def release(self, n: int) -> None:
        with self._buffer_lock:
            self._buffered -= n

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # a client that hung up or went silent is no server error
        super().handle_error(request, client_address)


def watched_link(graph: Path) -> Path | None:
    """The `.current` link to follow for `-g graph`: the export folder's own, or the one of the export
    folder a link such as DIR/store or DIR/graph.ttl goes through. None for anything else.

    >>> watched_link(Path("/nonexistent/store")) is None
    True
    """
    if (graph / CURRENT).is_symlink():
        return graph / CURRENT
    if graph.is_symlink() and (graph.parent / CURRENT).is_symlink():
        return graph.parent / CURRENT
    return None


def _drain_refused(q: "queue.Queue[socket.socket]") -> None:
    """Close refused connections after reading what their clients sent (within 0.2 s each), so that
    the 503 is read rather than lost in a connection reset."""
    while True:
        sock = q.get()
        try:
            sock.settimeout(0.2)
            sock.recv(65536)
        except OSError:
            pass
        finally:
            sock.close()


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "zhkg-sparql/0.1"

    def setup(self) -> None:
        self.timeout = self.server.config.idle_timeout  # idle keep-alive connections are closed
        super().setup()

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        refusal = self.server.guard.refuse(self.command, self.headers.get("Host"), self.headers.get("Origin"))
        if refusal:
            self._error(403, refusal)
            return False
        return True

    # ---- plumbing ---------------------------------------------------------------------------
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        if not self.server.config.quiet:
            # the request line is the client's: escape codes in it must not reach the terminal
            sys.stderr.write(clean(f"{self.address_string()} {format % args}") + "\n")

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
        self._drain()
        self._error(405, f"{self.command} is not allowed: this endpoint is read-only", {"Allow": "GET, POST, OPTIONS, HEAD"})

    def _drain(self, limit: int = 64 << 20) -> None:
        """Read and drop a body we refuse: closing with it unread resets the connection, and the
        client (kg push, curl) would report a broken pipe instead of our answer."""
        length = self.headers.get("Content-Length", "")
        n = int(length) if length.isdigit() else 0
        if n > limit:
            self.close_connection = True
            return
        while n > 0:
            chunk = self.rfile.read(min(n, 1 << 16))
            if not chunk:
                break
            n -= len(chunk)

    do_PUT = do_DELETE = do_PATCH = _read_only

    # ---- queries ------------------------------------------------------------------------------
    def _endpoint(self) -> str:
        # the bind address, never the client's Host header: that would be echoed into Turtle
        return self.server.url + "sparql"

    def _answer(self, params: dict[str, list[str]]) -> None:
        queries = params["query"]
        if len(queries) != 1:
            self._error(400, "give exactly one query parameter")
            return
        cfg = self.server.config
        names = params.get("format") or params.get("output") or [None]
        job = Job(queries[0], cfg.max_results, tuple(params.get("default-graph-uri", ())),
                  tuple(params.get("named-graph-uri", ())), max_bytes=cfg.max_bytes,
                  accept=self.headers.get("Accept"), format_name=names[0])
        try:
            # checked, run and serialised in a worker: all of it within the time limit
            result = self.server.current_pool().run(job, cfg.timeout)
        except QueryRefused as e:
            self._error(403, str(e))
        except ResultTooLarge as e:
            self._error(413, str(e))
        except QueryTimeout as e:
            self._error(503, str(e), {"Retry-After": "5"})
        except (GraphNotFound, EngineCrashed) as e:
            self._error(500, str(e))
        except NotAcceptable as e:
            self._error(406, str(e))
        except (QuerySyntaxError, UnknownFormat, QueryError) as e:
            self._error(400, str(e))
        else:
            self._reply(result)

    def _reply(self, result: Answer) -> None:
        n = len(result.body)
        if not self.server.hold(n):
            self._error(503, f"the server holds {self.server.config.max_buffered:,} bytes of answers that clients have "
                             "not read yet, the most it keeps; try again later", {"Retry-After": "5"})
            return
        try:
            self._send(200, result.body, result.media_type)
        finally:
            self.server.release(n)


def make_server(config: ServerConfig) -> SparqlServer:
    """A bound server, not yet serving: call serve_forever() (or use `serve`)."""
    return SparqlServer(config)


def serve_in_thread(config: ServerConfig) -> tuple[SparqlServer, threading.Thread]:
    """Start a server in a daemon thread (for tests and notebooks); stop it with server.shutdown()."""
    server = make_server(config)
    t = threading.Thread(target=server.serve_forever, daemon=True, name="kg-sparql-server")
    t.start()
    return server, t
