"""Which requests the server answers at all: the Host header (DNS rebinding) and the Origin of POSTs.

A web page on another site can make the browser send requests to 127.0.0.1 under its own domain
name once that name resolves to 127.0.0.1 (DNS rebinding); such requests carry that name in
`Host`. A name is accepted only when it is `localhost`, the bound name or one given with
`--allow-host`; an IP literal is always accepted, since rebinding needs a name.

    >>> g = HostGuard("127.0.0.1")
    >>> g.refuse("GET", "127.0.0.1:7878", None) is None, g.refuse("GET", "localhost:7878", None) is None
    (True, True)
    >>> g.refuse("GET", "evil.example:7878", None)
    "Host evil.example is not this server's name (start kg serve with --allow-host evil.example to accept it)"
    >>> g.refuse("POST", "127.0.0.1:7878", "http://evil.example")
    'a POST from a page of another origin (http://evil.example) is refused; start kg serve with --cors to allow it'
"""
from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def _split_host(value: str) -> str:
    """The host part of a Host header or URL netloc, lower case, brackets kept off IPv6."""
    v = value.strip().lower()
    if v.startswith("["):
        return v[1:v.find("]")] if "]" in v else v
    return v.rsplit(":", 1)[0] if v.count(":") == 1 else v


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


class HostGuard:
    """Decides, before any routing, whether a request may be answered."""

    def __init__(self, bind: str, allow_hosts: tuple[str, ...] | list[str] = (), cors: bool = False) -> None:
        self.names = {"localhost", _split_host(bind)} | {_split_host(h) for h in allow_hosts}
        self.cors = cors

    def host_ok(self, host_header: str | None) -> bool:
        if host_header is None:  # HTTP/1.0 clients; browsers always send Host
            return True
        host = _split_host(host_header)
        return host in self.names or _is_ip(host)

    def refuse(self, method: str, host_header: str | None, origin: str | None) -> str | None:
        """None when the request may go on, else the one-line reason for a 403."""
        if not self.host_ok(host_header):
            name = _split_host(host_header or "")
            shown = name.encode("ascii", "backslashreplace").decode("ascii")[:100]
            return f"Host {shown} is not this server's name (start kg serve with --allow-host {shown} to accept it)"
        if method == "POST" and not self.cors and origin is not None:
            o = urlsplit(origin.strip())
            same = o.scheme == "http" and host_header is not None and o.netloc.lower() == host_header.strip().lower()
            if not same:
                shown = origin.encode("ascii", "backslashreplace").decode("ascii")[:100]
                return (f"a POST from a page of another origin ({shown}) is refused; "
                        "start kg serve with --cors to allow it")
        return None
