"""Upload the graph to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol (PUT or POST)."""
from __future__ import annotations

import base64
import http.client
import netrc
import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from kg.generations import resolve_export
from kg.query.clean import clean
from kg.query.store import is_store

AUTH_ENV = "KG_PUSH_AUTH"  # user:password, kept out of the process list
CONTENT_TYPES = {"nt": "application/n-triples", "ttl": "text/turtle", "trig": "application/trig"}


class PushError(Exception):
    """The graph could not be uploaded; the message says why in one sentence."""


@dataclass(frozen=True)
class PushResult:
    url: str
    method: str
    status: int
    bytes: int
    file: str


def graph_file(source: str | Path, fmt: str) -> tuple[bytes, str]:
    """The bytes to upload in `fmt` (nt, ttl or trig) from an export folder, store folder or graph file."""
    p = Path(source)
    p = resolve_export(p) if p.is_dir() else p
    if is_store(p) or (p.is_dir() and not (p / f"graph.{fmt}").exists() and is_store(p / "store")):
        import pyoxigraph as ox
        from kg.query.store import open_store
        store = open_store(p if is_store(p) else p / "store")
        rdf = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG}[fmt]
        kw = {} if fmt == "trig" else {"from_graph": ox.DefaultGraph()}
        return store.dump(format=rdf, **kw), f"{p} (store)"
    f = p / f"graph.{fmt}" if p.is_dir() else p
    if not f.is_file():
        raise PushError(f"no graph at {f}: run `kg build` first")
    if f.suffix != f".{fmt}":
        raise PushError(f"{f} is not a .{fmt} file; pass --format {f.suffix.lstrip('.')} or an export folder")
    return f.read_bytes(), str(f)


def target_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL: `?graph=IRI` for a named graph, `?default` for the default one,
    nothing for a whole dataset (TriG)."""
    if graph == "":
        return endpoint
    sep = "&" if urlsplit(endpoint).query else "?"
    return f"{endpoint}{sep}default" if graph is None else f"{endpoint}{sep}graph={quote(graph, safe='')}"


def _redact(url: str) -> str:
    """`url` without its user:password part, for messages."""
    u = urlsplit(url)
    if u.username is None and u.password is None:
        return url
    host = u.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{u.port}" if u.port else "")
    return urlunsplit((u.scheme, netloc, u.path, u.query, u.fragment))


def credentials(endpoint: str, auth: str | None = None) -> str | None:
    """user:password for the endpoint: `auth`, else $KG_PUSH_AUTH, else the URL's own, else ~/.netrc."""
    if auth:
        return auth
    if os.environ.get(AUTH_ENV):
        return os.environ[AUTH_ENV]
    u = urlsplit(endpoint)
    if u.username is not None:
        return f"{unquote(u.username)}:{unquote(u.password or '')}"
    try:
        found = netrc.netrc().authenticators(u.hostname or "")
    except (OSError, netrc.NetrcParseError):
        return None
    return f"{found[0]}:{found[2]}" if found else None


def push(source: str | Path, endpoint: str, graph: str | None = None, auth: str | None = None,
         append: bool = False, fmt: str = "nt", timeout: float = 60.0, replace_all: bool = False) -> PushResult:
    """Replace (PUT) or add to (POST, `append=True`) a graph of the store at `endpoint`.

    `graph` is the target graph IRI (default: the default graph). `fmt` "trig" uploads the whole
    dataset, document graphs included, to the endpoint itself (no graph parameter); a PUT of a
    dataset replaces *every* graph of the store, so it needs `replace_all=True` (POST adds instead).
    `auth` is "user:password" for HTTP Basic authentication (see `credentials` for the other sources);
    it is sent to the endpoint's origin only: redirects are reported, never followed.
    """
    u = urlsplit(endpoint)
    shown = _redact(endpoint)
    if u.scheme not in ("http", "https") or not u.hostname:
        raise PushError(f"--endpoint {shown!r} is not an http(s) URL")
    if fmt not in CONTENT_TYPES:
        raise PushError(f"unknown format {fmt!r}; use nt, ttl or trig")
    if fmt == "trig" and graph:
        raise PushError("a TriG upload holds its own graphs; leave out --graph")
    if fmt == "trig" and not append and not replace_all:
        raise PushError("--format trig without --append replaces every graph of the target store, including graphs "
                        "this build did not write; add --replace-all to do that, or --append to add the graphs")
    if timeout <= 0:
        raise PushError("--timeout must be positive")
    data, name = graph_file(source, fmt)
    url = target_url(_redact(endpoint), "" if fmt == "trig" else graph)
    method = "POST" if append else "PUT"
    headers = _headers(endpoint, auth, fmt, len(data))
    status = _exchange(method, url, shown, data, headers, timeout)
    return PushResult(url, method, status, len(data), name)


def _headers(endpoint: str, auth: str | None, fmt: str, length: int) -> dict[str, str]:
    headers = {"Content-Type": CONTENT_TYPES[fmt] + "; charset=utf-8", "Content-Length": str(length)}
    cred = credentials(endpoint, auth)
    if cred:
        if ":" not in cred:
            raise PushError(f"the credentials (--auth or ${AUTH_ENV}) must be user:password")
        headers["Authorization"] = "Basic " + base64.b64encode(cred.encode("utf-8")).decode("ascii")
    return headers


class _Deadline:
    """Bounds a whole exchange: at the deadline the socket is shut, so a server that trickles one
    byte at a time (each read within the per-read timeout) cannot hold the push past `timeout`."""

    def __init__(self, conn: http.client.HTTPConnection, timeout: float) -> None:
        self.conn, self.expired = conn, False
        self.timer = threading.Timer(timeout, self._expire)
        self.timer.daemon = True
        self.timer.start()

    def _expire(self) -> None:
        self.expired = True
        sock = self.conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        self.timer.cancel()


def _exchange(method: str, url: str, shown: str, data: bytes, headers: dict[str, str], timeout: float) -> int:
    """Send the upload and read the answer, all of it within `timeout` seconds; the HTTP status."""
    t = urlsplit(url)
    conn_cls = http.client.HTTPSConnection if t.scheme == "https" else http.client.HTTPConnection
    conn = conn_cls(t.hostname, t.port, timeout=timeout)
    path = (t.path or "/") + (f"?{t.query}" if t.query else "")
    deadline = _Deadline(conn, timeout)
    late = PushError(f"{method} {url}: no answer within {timeout:g} s (--timeout)")
    try:
        status = _send(conn, method, path, url, data, headers)
        if deadline.expired:
            raise late
        return status
    except PushError:
        if deadline.expired:
            raise late from None
        raise
    except (TimeoutError, socket.timeout):
        raise late from None
    except http.client.HTTPException as e:  # more than 100 headers, a 64 KB header line, a bad status line
        if deadline.expired:
            raise late from None
        why = clean(" ".join(str(e).split()))[:120] or type(e).__name__
        raise PushError(f"{method} {url}: the server's answer is not valid HTTP ({type(e).__name__}: {why})") from None
    except (ConnectionRefusedError, socket.gaierror) as e:
        raise PushError(f"cannot reach {shown}: {e.strerror or e}") from None
    except OSError as e:  # resets, unreachable networks, TLS failures
        if deadline.expired:
            raise late from None
        raise PushError(f"cannot reach {shown}: {e}") from None
    finally:
        deadline.cancel()
        conn.close()


def _send(conn: http.client.HTTPConnection, method: str, path: str, url: str, data: bytes,
          headers: dict[str, str]) -> int:
    try:
        conn.request(method, path, body=data, headers=headers)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server answered (and closed) before reading the whole upload: read its answer below
    try:
        r = conn.getresponse()
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as e:
        raise PushError(f"{method} {url}: the server closed the connection without an answer ({e})") from None
    detail = clean(" ".join(r.read(300).decode("utf-8", "replace").split()))
    if 300 <= r.status < 400:
        where = clean(_redact(r.getheader("Location") or "?"))[:300]
        raise PushError(f"{method} {url} was redirected (HTTP {r.status}) to {where}; uploads are not re-sent "
                        "(a redirect would drop the body or carry the credentials elsewhere): use that URL as --endpoint")
    if r.status >= 400:
        hint = {401: "; check --auth", 403: "; the account may not write",
                404: "; is this the graph store URL?",
                405: "; the server does not accept uploads here (read-only, or the query endpoint rather than "
                     "the graph store URL?)"}.get(r.status, "")
        reason = clean(r.reason or "")[:100]
        raise PushError(f"{method} {url} failed: HTTP {r.status} {reason}{hint}" + (f" ({detail})" if detail else ""))
    return r.status
