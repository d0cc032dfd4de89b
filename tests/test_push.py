"""`kg push` against a real `oxigraph serve` on a free loopback port (and a tiny recorder for auth)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.query.push import PushError, push

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.fail("the `oxigraph` command is missing: install the test extra, pip install -e '.[test]' "
                    "(PyPI package oxigraph provides `oxigraph serve`)")
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # up to 10 s to start
            if proc.poll() is not None:
                pytest.fail(f"oxigraph serve exited: {proc.stderr.read().decode(errors='replace')}")
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not answer within 10 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def count(base: str, where: str) -> int:
    s = SPARQLWrapper(base + "/query")
    s.setQuery(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    s.setReturnFormat(JSON)
    return int(s.queryAndConvert()["results"]["bindings"][0]["n"]["value"])


def nt_lines(folder: Path) -> int:
    return sum(1 for line in (folder / "graph.nt").read_text(encoding="utf-8").splitlines() if line.strip())


def test_push_default_graph_put_replaces(oxigraph_server, corpus_exports):
    n = nt_lines(corpus_exports)
    r = push(corpus_exports, oxigraph_server + "/store")
    assert r.method == "PUT" and r.status in (200, 201, 204) and r.url.endswith("/store?default")
    assert count(oxigraph_server, "?s ?p ?o") == n
    push(corpus_exports, oxigraph_server + "/store")  # PUT again: replaced, not doubled
    assert count(oxigraph_server, "?s ?p ?o") == n
    assert count(oxigraph_server, '?x a <https://w3id.org/zhkg/ontology#Locality> ; '
                                  '<http://www.w3.org/2000/01/rdf-schema#label> "嵊州市"@zh') >= 1


def test_push_named_graph_turtle_and_append(oxigraph_server, corpus_exports):
    n = nt_lines(corpus_exports)
    g = "https://w3id.org/zhkg/graph/test"
    push(corpus_exports, oxigraph_server + "/store", graph=g, fmt="ttl")
    assert count(oxigraph_server, f"GRAPH <{g}> {{ ?s ?p ?o }}") == n
    extra = corpus_exports.parent / "extra.nt"
    extra.write_text('<urn:x:a> <urn:x:b> "c" .\n', encoding="utf-8")
    push(extra, oxigraph_server + "/store", graph=g, append=True)
    assert count(oxigraph_server, f"GRAPH <{g}> {{ ?s ?p ?o }}") == n + 1


def test_push_dataset_trig(oxigraph_server, corpus_exports, corpus_graph):
    push(corpus_exports, oxigraph_server + "/store", fmt="trig", replace_all=True)
    docs = count(oxigraph_server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <https://w3id.org/zhkg/ontology#Document> } }")
    assert docs == len(corpus_graph.input_documents())


def test_push_cli_and_http_errors(oxigraph_server, corpus_exports):
    r = subprocess.run([sys.executable, "-m", "kg", "push", "--endpoint", oxigraph_server + "/store",
                        "-g", str(corpus_exports / "store")], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and "HTTP 20" in r.stdout, r.stderr
    r = subprocess.run([sys.executable, "-m", "kg", "push", "--endpoint", oxigraph_server + "/no-such-path",
                        "-g", str(corpus_exports)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 1 and "HTTP 404" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    with pytest.raises(PushError, match="cannot reach"):
        push(corpus_exports, f"http://127.0.0.1:{free_port()}/store", timeout=5)
    with pytest.raises(PushError, match="run `kg build`"):
        push(corpus_exports / "missing", oxigraph_server + "/store")


def test_push_sends_basic_auth_and_explains_401(corpus_exports):
    seen: list[tuple[str, str, str | None, int]] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_PUT(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            seen.append((self.path, self.headers["Content-Type"], self.headers.get("Authorization"), len(body)))
            ok = self.headers.get("Authorization") == "Basic dTpw"  # u:p
            self.send_response(204 if ok else 401)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass
    srv = HTTPServer(("127.0.0.1", 0), Recorder)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    url = f"http://127.0.0.1:{srv.server_address[1]}/ds/data"
    try:
        assert push(corpus_exports, url, graph="urn:g:1", auth="u:p").status == 204
        with pytest.raises(PushError, match="HTTP 401.*check --auth"):
            push(corpus_exports, url, auth="u:wrong")
    finally:
        srv.shutdown()
        srv.server_close()
    assert seen[0][0] == "/ds/data?graph=urn%3Ag%3A1" and seen[0][1].startswith("application/n-triples")
    assert seen[0][3] == (corpus_exports / "graph.nt").stat().st_size


# ---- hostile servers: the whole push is bounded, malformed answers are one line (issue 23) -------
class RawServer:
    """A TCP server on 127.0.0.1 that reads the upload, then sends `answer` (bytes, or a callable
    writing to the socket) on every connection."""

    def __init__(self, answer) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.answer = answer
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/store"

    def _serve(self) -> None:
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(c,), daemon=True).start()

    def _one(self, c: socket.socket) -> None:
        with c:
            try:
                c.settimeout(30)
                got = b""
                while b"\r\n\r\n" not in got:
                    got += c.recv(65536)
                length = int(got.split(b"Content-Length: ", 1)[1].split(b"\r\n", 1)[0])
                body = len(got.split(b"\r\n\r\n", 1)[1])
                while body < length:
                    body += len(c.recv(65536))
                self.answer(c) if callable(self.answer) else c.sendall(self.answer)
            except OSError:
                pass

    def close(self) -> None:
        self.sock.close()


def _nt(tmp_path: Path) -> Path:
    p = tmp_path / "graph.nt"
    p.write_text('<http://x/a> <http://x/p> "1" .\n', encoding="utf-8")
    return p


def test_push_timeout_bounds_the_whole_push_against_a_trickling_server(tmp_path):
    def trickle(c: socket.socket) -> None:
        for b in b"HTTP/1.1 204 No Content\r\nX-Slow: " + b"a" * 1000:
            c.sendall(bytes([b]))
            time.sleep(0.3)  # each byte well within the per-read timeout
    srv = RawServer(trickle)
    try:
        t0 = time.monotonic()
        with pytest.raises(PushError, match=r"no answer within 2 s \(--timeout\)") as e:
            push(_nt(tmp_path), srv.url, timeout=2)
        assert time.monotonic() - t0 < 6 and "\n" not in str(e.value)
    finally:
        srv.close()


@pytest.mark.parametrize("answer", [
    b"HTTP/1.1 204 No Content\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(150)) + b"\r\n",
    b"HTTP/1.1 204 No Content\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n",
    b"\x1b]0;owned\x07 garbage\r\n\r\n",
], ids=["150 headers", "70 KB header line", "no status line"])
def test_malformed_answers_are_one_line(tmp_path, answer):
    srv = RawServer(answer)
    try:
        r = subprocess.run([sys.executable, "-m", "kg", "push", "-g", str(_nt(tmp_path)), "--endpoint", srv.url,
                            "--timeout", "10"], capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
        assert r.stderr.startswith("kg push: PUT ") and "not valid HTTP" in r.stderr and "\x1b" not in r.stderr
    finally:
        srv.close()
