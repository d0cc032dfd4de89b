"""Upload the graph to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol (PUT or POST)."""
from __future__ import annotations

import base64
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from kg.query.store import is_store

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


def push(source: str | Path, endpoint: str, graph: str | None = None, auth: str | None = None,
         append: bool = False, fmt: str = "nt", timeout: float = 300.0) -> PushResult:
    """Replace (PUT) or add to (POST, `append=True`) a graph of the store at `endpoint`.

    `graph` is the target graph IRI (default: the default graph). `fmt` "trig" uploads the whole
    dataset, document graphs included, to the endpoint itself (no graph parameter).
    `auth` is "user:password" for HTTP Basic authentication.
    """
    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise PushError(f"--endpoint {endpoint!r} is not an http(s) URL")
    if fmt not in CONTENT_TYPES:
        raise PushError(f"unknown format {fmt!r}; use nt, ttl or trig")
    if fmt == "trig" and graph:
        raise PushError("a TriG upload holds its own graphs; leave out --graph")
    data, name = graph_file(source, fmt)
    url = target_url(endpoint, "" if fmt == "trig" else graph)
    method = "POST" if append else "PUT"
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": CONTENT_TYPES[fmt] + "; charset=utf-8"})
    if auth:
        if ":" not in auth:
            raise PushError("--auth must be user:password")
        req.add_header("Authorization", "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii"))
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return PushResult(url, method, r.status, len(data), name)
    except urllib.error.HTTPError as e:
        detail = " ".join(e.read(300).decode("utf-8", "replace").split())
        hint = {401: "; check --auth", 403: "; the account may not write", 404: "; is this the graph store URL?",
                405: "; is this the graph store URL (not the query endpoint)?"}.get(e.code, "")
        raise PushError(f"{method} {url} failed: HTTP {e.code} {e.reason}{hint}" + (f" ({detail})" if detail else "")) from None
    except urllib.error.URLError as e:
        raise PushError(f"cannot reach {endpoint}: {e.reason}") from None
    except OSError as e:  # timeouts, resets
        raise PushError(f"cannot reach {endpoint}: {e}") from None
