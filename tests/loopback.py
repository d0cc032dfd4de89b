"""A `kg serve` server in a thread on 127.0.0.1 and a plain HTTP client for it (tests only talk to loopback)."""
from __future__ import annotations

import contextlib
import urllib.error
import urllib.request

from kg.query.server import ServerConfig, serve_in_thread


@contextlib.contextmanager
def serving(config: ServerConfig):
    """The running server for `config`, shut down and joined on exit."""
    srv, thread = serve_in_thread(config)
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(10)


def http(srv, path: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body text) of one request; HTTP errors are answers too."""
    req = urllib.request.Request(srv.url.rstrip("/") + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")
