"""Hostile queries and requests against `kg query` and `kg serve`: nothing leaves the machine, every
query is bounded, every refusal is one line. Real servers on 127.0.0.1 only."""
from __future__ import annotations

import http.server as httpserver
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.query import run_query
from kg.query.errors import QueryRefused, QuerySyntaxError, ResultTooLarge
from kg.query.server import ServerConfig
from loopback import http, serving
from procs import alive, children

KG = "https://w3id.org/zhkg/"
NT = "".join(f'<{KG}id/locality/{i}> <http://www.w3.org/2000/01/rdf-schema#label> "地{i}"@zh .\n'
             f'<{KG}id/locality/{i}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}ontology#Locality> .\n'
             for i in range(50))


class Stub(httpserver.ThreadingHTTPServer):
    """An HTTP server on loopback that records every request it receives (it must receive none)."""
    daemon_threads = True

    def __init__(self) -> None:
        self.hits: list[str] = []
        stub = self

        class H(httpserver.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                stub.hits.append(f"{self.command} {self.path}")
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            do_GET = do_POST

            def log_message(self, *a):
                pass
        super().__init__(("127.0.0.1", 0), H)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sparql"


@pytest.fixture()
def stub():
    s = Stub()
    t = threading.Thread(target=s.serve_forever, daemon=True)
    t.start()
    yield s
    s.shutdown()
    s.server_close()


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("g") / "graph.nt"
    p.write_text(NT, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def server(graph):
    with serving(ServerConfig(str(graph), port=0, timeout=10, workers=1, quiet=True,
                                 max_bytes=20_000, idle_timeout=1.0)) as srv:
        yield srv


def get(srv, query: str, **params):
    return http(srv, "/sparql?" + urllib.parse.urlencode({"query": query, **params}))


def bypasses(url: str) -> list[str]:
    """SERVICE hidden from a text scanner by legal escapes in prefixed names (issue 11)."""
    return [
        f"SELECT ?x WHERE {{ BIND(rdfs:x\\' AS ?q) SERVICE <{url}> {{?x ?y ?z}} BIND('a' AS ?r) }}",
        f"SELECT ?x WHERE {{ BIND(rdfs:a\\# AS ?q) SERVICE <{url}> {{?x ?y ?z}} }}",
        f"SELECT ?x WHERE {{ BIND(rdfs:x\\) AS ?q) SERVICE <{url}> {{?x ?y ?z}} }}",
        f"SELECT ?x WHERE {{ service <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ SERVICE SILENT <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?x ?y ?z }} }}",
    ] + glued(url)


def glued(url: str) -> list[str]:
    """SERVICE glued to what follows: Oxigraph needs no word boundary after a keyword (issue 23)."""
    base, name = url.rsplit("/", 1)
    return [
        f"SELECT ?x WHERE {{ SERVICESILENT<{url}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ servicesilent<{url}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ SERVICE<{url}> {{ ?x ?y ?z }} }}",
        f"PREFIX ex: <{base}/> SELECT ?x WHERE {{ SERVICEex:{name} {{ ?x ?y ?z }} }}",
        f"PREFIX : <{base}/> SELECT ?x WHERE {{ SERVICE:{name} {{ ?x ?y ?z }} }}",
        f"PREFIX : <{base}/> SELECT ?x WHERE {{ ServiceSilent:{name} {{ ?x ?y ?z }} }}",
        # the prefix declared, so that the glued name is also a valid prefixed name: still SERVICE
        f"PREFIX SERVICE: <http://x/> PREFIX : <{base}/> SELECT ?x WHERE {{ SERVICE:{name} {{ ?x ?y ?z }} }}",
        f"PREFIX ex: <{base}/> SELECT ?x WHERE {{ ?x ?y ?z . SERVICEex:{name} {{ ?x ?y ?z }} }}",
    ]


# ---- no request leaves the machine ---------------------------------------------------------------
def test_service_bypasses_refused_by_run_query(graph, stub):
    for q in bypasses(stub.url):
        with pytest.raises(QueryRefused, match="SERVICE"):
            run_query(graph, q)
    assert stub.hits == []


def test_glued_service_reaches_the_listener_without_the_check(graph, stub):
    # the test can fail: the same glued queries, run by the engine with no check, do call out
    from kg.query.dataset import open_dataset
    ds = open_dataset(graph, "oxigraph")
    for q in glued(stub.url)[:1]:
        ds.query(q)
    assert stub.hits


def test_glued_service_refused_by_the_library(graph, stub, tmp_path_factory):
    from built import build_texts
    g = build_texts(tmp_path_factory, "lib", a="嵊州市人民政府印发《嵊州市数字经济发展行动计划》。")
    for q in glued(stub.url):
        for engine in ("oxigraph", "rdflib"):
            with pytest.raises(QueryRefused, match="SERVICE"):
                g.sparql(q, engine=engine)
            with pytest.raises(QueryRefused, match="SERVICE"):
                run_query(graph, q, engine=engine)
    assert stub.hits == []


def test_from_clauses_fetch_nothing(graph, stub):
    # rdflib loads FROM <url> over the network unless told not to; Oxigraph reads FROM as graph names
    for engine in ("rdflib", "oxigraph"):
        for q in (f"SELECT * FROM <{stub.url}> WHERE {{ ?s ?p ?o }}",
                  f"SELECT * FROM NAMED <{stub.url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
            run_query(graph, q, engine=engine)
    assert stub.hits == []


def test_codepoint_escapes_do_not_spell_service(graph, stub):
    # SPARQL's \\u escapes outside strings: Oxigraph does not unescape them there (a syntax error)
    from kg.query.errors import QueryError
    for q in (f"SELECT * {{ \\u0053ERVICE <{stub.url}> {{ ?s ?p ?o }} }}",
              f"SELECT * {{ SERVIC\\u0045 <{stub.url}> {{ ?s ?p ?o }} }}"):
        with pytest.raises(QueryError):
            run_query(graph, q)
    assert stub.hits == []


def test_names_that_only_start_with_service_are_allowed(graph):
    q = "PREFIX service: <http://x/> SELECT ?s WHERE { ?s rdfs:label ?l . OPTIONAL { ?s service:a ?o } } LIMIT 1"
    assert len(run_query(graph, q).rows) == 1


def test_service_bypasses_refused_by_server(server, stub):
    for q in bypasses(stub.url):
        st, _, body = get(server, q)
        assert st == 403 and "SERVICE" in body and body.count("\n") == 1, body
    assert stub.hits == []


def test_service_bypasses_refused_by_cli(graph, stub):
    for q in bypasses(stub.url):
        r = subprocess.run([sys.executable, "-m", "kg", "query", "-g", str(graph), q], capture_output=True, text=True)
        assert r.returncode == 1 and r.stderr.startswith("kg query: SERVICE") and r.stderr.count("\n") == 1, r.stderr
    assert stub.hits == []


SANDBOXED = """
import sys, pyoxigraph as ox
from kg.query.sandbox import deny_network
assert deny_network()
try:
    list(ox.Store().query("SELECT * WHERE { SERVICE <%s> { ?s ?p ?o } }"))
except OSError as e:
    print("refused:", e)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the seccomp sandbox is Linux only")
def test_engine_without_network_cannot_call_out_even_unchecked(stub):
    # the engine itself, given SERVICE with no check in front: the sandbox is the second wall
    r = subprocess.run([sys.executable, "-c", SANDBOXED % stub.url], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("refused: Operation not permitted"), r.stdout + r.stderr
    assert stub.hits == []
    # the same query without the sandbox does reach the stub: the test can tell the difference
    unsandboxed = SANDBOXED.replace("assert deny_network()", "")
    subprocess.run([sys.executable, "-c", unsandboxed % stub.url], capture_output=True, text=True, timeout=60)
    assert stub.hits


# ---- Host and Origin ---------------------------------------------------------------------------
def test_host_header_must_name_this_server(server):
    q = "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})
    assert http(server, q, headers={"Host": "evil.example:7878"})[0] == 403
    st, _, body = http(server, q, headers={"Host": "rebind.attacker.test"})
    assert st == 403 and "--allow-host rebind.attacker.test" in body
    assert http(server, "/", headers={"Host": "evil.example"})[0] == 403
    for ok in ("localhost:1", "127.0.0.1", "[::1]:8000"):
        assert http(server, q, headers={"Host": ok})[0] == 200, ok


def test_allow_host(graph):
    with serving(ServerConfig(str(graph), port=0, workers=1, quiet=True, allow_hosts=("kg.lan",))) as srv:
        q = "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})
        assert http(srv, q, headers={"Host": "kg.lan:7878"})[0] == 200
        assert http(srv, q, headers={"Host": "other.lan"})[0] == 403


def test_cross_origin_post_refused_unless_cors(server, graph):
    body = urllib.parse.urlencode({"query": "ASK {}"}).encode()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    st, _, msg = http(server, "/sparql", body, {**form, "Origin": "http://evil.example"})
    assert st == 403 and "--cors" in msg
    assert http(server, "/sparql", body, {**form, "Origin": "null"})[0] == 403
    host = server.url.split("//")[1].rstrip("/")
    assert http(server, "/sparql", body, {**form, "Origin": f"http://{host}"})[0] == 200  # the query page itself
    assert http(server, "/sparql", body, form)[0] == 200  # curl, SPARQLWrapper: no Origin
    with serving(ServerConfig(str(graph), port=0, workers=1, quiet=True, cors=True)) as srv:
        assert http(srv, "/sparql", body, {**form, "Origin": "http://evil.example"})[0] == 200


def test_service_description_does_not_echo_host(server):
    st, _, body = http(server, "/sparql", headers={"Host": "localhost:1"})
    assert st == 200 and "localhost:1" not in body and server.url + "sparql" in body


# ---- formats and empty queries (issue 14) -------------------------------------------------------
def test_unknown_format_is_400_listing_the_accepted_ones(server):
    st, _, body = get(server, "SELECT * { ?s ?p ?o } LIMIT 1", format="foo")
    assert st == 400 and "format='foo'" in body and "csv" in body and "json" in body
    st, _, body = get(server, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", format="csv")
    assert st == 400 and "CONSTRUCT" in body and "turtle" in body
    st, h, _ = get(server, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1", format="nt")
    assert st == 200 and h["Content-Type"].startswith("application/n-triples")
    st, h, _ = get(server, "SELECT * { ?s ?p ?o } LIMIT 1", format="text/csv")
    assert st == 200 and h["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize("q", ["", "   \n", "# only a comment\n"])
def test_empty_query_says_so(server, graph, q):
    st, _, body = get(server, q)
    assert st == 400 and "the query is empty" in body
    with pytest.raises(QuerySyntaxError, match="the query is empty"):
        run_query(graph, q)


# ---- bounded in time, depth and size ------------------------------------------------------------
def test_deep_nesting_is_one_line_not_a_crash(graph):
    for q in ["SELECT * WHERE { BIND(" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) }",
              "SELECT * WHERE { FILTER(" + "!" * 20000 + "true) }",
              "SELECT * WHERE { FILTER(" + "1 + " * 20000 + "1) }",
              "SELECT * WHERE " + "{" * 5000 + "}" * 5000]:
        r = subprocess.run([sys.executable, "-m", "kg", "query", "-g", str(graph), q], capture_output=True, text=True)
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and "the limit is" in r.stderr, (r.returncode, r.stderr)
    assert run_query(graph, "SELECT * WHERE { BIND(" + "(" * 50 + "1" + ")" * 50 + " AS ?x) }").rows == [(1,)]


def test_long_garbage_query_is_answered_400(server):
    # issue 11: 40 KB of "_" took 8.3 s to check (quadratic) outside the time limit
    st, _, body = http(server, "/sparql", ("_" * 40_000).encode(), {"Content-Type": "application/sparql-query"})
    assert st == 400 and body.count("\n") == 1


def test_result_bytes_are_limited(server, graph):
    big = "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y }"  # 10,000 rows of two IRIs
    st, _, body = get(server, big)
    assert st == 413 and "bytes" in body
    with pytest.raises(ResultTooLarge, match="bytes"):
        run_query(graph, big, max_bytes=10_000)
    assert len(run_query(graph, big, max_bytes=10_000_000)) == 10_000
    assert get(server, "SELECT ?l WHERE { ?x rdfs:label ?l } LIMIT 3")[0] == 200


def test_idle_connection_is_closed(server):
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(b"GET /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finishes its headers
        assert s.recv(100) == b""  # closed by the server after idle_timeout (1 s here), not after 10


# ---- workers die with the server ----------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_busy_workers_die_when_the_server_is_killed(graph):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = subprocess.Popen([sys.executable, "-m", "kg", "serve", "-g", str(graph), "--port", str(port),
                            "--workers", "2", "--timeout", "600", "-q"], stderr=subprocess.PIPE, text=True)
    try:
        assert "serving" in srv.stderr.readline()
        workers = [p for p in children(srv.pid) if "kg-query-worker" in Path(f"/proc/{p}/cmdline").read_text()
                   or "multiprocessing" in Path(f"/proc/{p}/cmdline").read_text()]
        assert workers
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"

        def ask() -> None:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": slow}),
                                       timeout=600).read()
            except OSError:
                pass  # the server is killed under it
        threading.Thread(target=ask, daemon=True).start()
        time.sleep(1.0)  # the query is running in a worker
        os.kill(srv.pid, signal.SIGKILL)
        srv.wait(10)
        deadline = time.monotonic() + 15
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(alive(w) for w in workers)
    finally:
        if srv.poll() is None:
            srv.kill()


# ---- kg push -------------------------------------------------------------------------------------
class Recorder(Stub):
    """A Graph Store stub: answers every PUT/POST with `status` (and `location`) after reading the body."""

    def __init__(self, status: int = 204, location: str | None = None, read_body: bool = True) -> None:
        super().__init__()
        rec = self

        class H(httpserver.BaseHTTPRequestHandler):
            def do_PUT(self):  # noqa: N802
                if read_body:
                    self.rfile.read(int(self.headers.get("Content-Length", 0)))
                rec.hits.append(f"{self.command} {self.path} {self.headers.get('Authorization')}")
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
            do_POST = do_GET = do_PUT

            def log_message(self, *a):
                pass
        self.RequestHandlerClass = H


def _running(srv: Stub) -> Stub:
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def test_push_does_not_follow_redirects_nor_carry_credentials(graph):
    from kg.query.push import PushError, push
    other = _running(Recorder(204))
    redirecting = _running(Recorder(302, location=other.url.replace("/sparql", "/elsewhere")))
    try:
        for append in (True, False):
            with pytest.raises(PushError, match="redirected \\(HTTP 302\\).*not re-sent"):
                push(graph, redirecting.url, auth="u:secret", append=append)
        assert other.hits == [] and len(redirecting.hits) == 2
        r = subprocess.run([sys.executable, "-m", "kg", "push", "--endpoint", redirecting.url, "-g", str(graph),
                            "--append"], capture_output=True, text=True, env={**os.environ, "KG_PUSH_AUTH": "u:secret"})
        assert r.returncode == 1 and "HTTP 302" in r.stderr and r.stderr.count("\n") == 1 and "secret" not in r.stderr
        assert other.hits == [] and redirecting.hits[-1].endswith("Basic dTpzZWNyZXQ=")  # u:secret, from the env
    finally:
        for s in (other, redirecting):
            s.shutdown()
            s.server_close()


def test_push_password_in_url_is_never_printed(graph):
    from kg.query.push import PushError, push
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(PushError) as e:
        push(graph, f"http://user:hunter2@127.0.0.1:{port}/store", timeout=5)
    assert "hunter2" not in str(e.value) and "cannot reach http://127.0.0.1:" in str(e.value)


def test_push_times_out_on_a_silent_endpoint(graph):
    from kg.query.push import PushError, push
    with socket.socket() as silent:  # accepts (the kernel does) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        with pytest.raises(PushError, match="no answer within 1 s"):
            push(graph, f"http://127.0.0.1:{silent.getsockname()[1]}/store", timeout=1)


def test_push_trig_needs_replace_all(graph, tmp_path):
    from kg.query.push import PushError, push
    trig = tmp_path / "graph.trig"
    trig.write_text(NT, encoding="utf-8")
    rec = _running(Recorder(204))
    try:
        with pytest.raises(PushError, match="replaces every graph.*--replace-all"):
            push(trig, rec.url, fmt="trig")
        assert rec.hits == []
        assert push(trig, rec.url, fmt="trig", replace_all=True).method == "PUT"
        assert push(trig, rec.url, fmt="trig", append=True).method == "POST"
    finally:
        rec.shutdown()
        rec.server_close()


def test_push_to_read_only_endpoint_reports_405(server, tmp_path):
    # issue 14: a large upload to kg serve ended in "cannot reach … Broken pipe" although it answered 405
    big = tmp_path / "graph.nt"
    big.write_text(NT * 400, encoding="utf-8")  # ~3 MB
    r = subprocess.run([sys.executable, "-m", "kg", "push", "--endpoint", server.url + "sparql", "-g", str(big)],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "HTTP 405" in r.stderr and "read-only" in r.stderr, r.stderr


def test_runs_of_name_characters_are_one_token():
    # issue 11's quadratic check: each position of a long name re-scanned to its end
    from kg.query.lexer import tokens
    for run in ("中" * 40_000, "a-" * 20_000, "_" * 40_000, "x" * 40_000):
        assert len(list(tokens(run))) == 1


# ---- flat repetition: one-line refusals, crashes reported as crashes (issue 23) ------------------
def crashers() -> dict[str, str]:
    """Queries of flat repetition that crashed Oxigraph 0.5 (SIGSEGV) before the item limit."""
    return {
        "3,000 BINDs": "SELECT * { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(3000)) + " }",
        "3,000 DESCRIBE IRIs": "DESCRIBE " + " ".join(f"<http://x/{i}>" for i in range(3000)),
        "10,000 triple patterns": "SELECT * { " + " . ".join(f"?s <http://x/p{i}> ?o{i}" for i in range(10_000)) + " }",
        "10,000 FILTERs": "SELECT * { ?s ?p ?o " + " ".join(f"FILTER(?o != {i})" for i in range(10_000)) + " }",
        "20,000 ; groups": "SELECT * { ?s " + " ; ".join(f"kg:p{i} ?o{i}" for i in range(20_000)) + " }",
        "20,000 , groups": "SELECT * { ?s kg:p " + " , ".join(f"{i}" for i in range(20_000)) + " }",
        "4,000 SELECT expressions": "SELECT " + " ".join(f"(1 AS ?v{i})" for i in range(4000)) + " { ?s ?p ?o }",
        "4,000 GRAPH blocks": "SELECT * { ?s ?p ?o " + " ".join(f"GRAPH ?g{i} {{ }}" for i in range(4000)) + " }",
        # found by benchmarks/fuzz.py --repetition: a collection expands to two patterns per member
        "10,000 collection members": "SELECT * { ?s ?p (" + " ".join(str(i) for i in range(10_000)) + ") }",
    }


def test_flat_repetition_is_refused_in_one_line(graph):
    for name, q in crashers().items():
        with pytest.raises(QueryRefused, match=r"^the query (holds|chains) [\d,]+ .*the limit is [\d,]+") as e:
            run_query(graph, q)
        assert "\n" not in str(e.value), name


def test_values_data_and_moderate_queries_still_run(graph):
    values = "SELECT ?v WHERE { VALUES ?v { " + " ".join(f"<http://x/{i}>" for i in range(20_000)) + " } }"
    assert len(run_query(graph, values).rows) == 20_000
    binds = "SELECT * { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(900)) + " }"
    assert len(run_query(graph, binds).rows) == 1
    calls = "SELECT ?l { ?x rdfs:label ?l FILTER(STRLEN(?l) > 0) FILTER(?l IN (" + ", ".join(
        f'"{i}"' for i in range(1500)) + ")) }"  # function arguments are not collection members
    assert run_query(graph, calls).rows == []


UNCHECKED_CLI = """
import sys
import kg.query.sparql as s
s.check_query = lambda q: None  # the engine itself, given a query that crashes it
from kg.cli import main
sys.exit(main(["query", "-g", sys.argv[1], sys.stdin.read()], standalone=True))
"""


def test_kg_query_reports_an_engine_crash_in_one_line(graph):
    q = crashers()["3,000 BINDs"].replace("3000", "4000")
    r = subprocess.run([sys.executable, "-c", UNCHECKED_CLI, str(graph)], input=q, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert r.stderr.startswith("kg query: the query engine crashed (SIGSEGV)") and r.stderr.count("\n") == 1, r.stderr
    r = subprocess.run([sys.executable, "-m", "kg", "query", "-g", str(graph), q], capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.startswith("kg query: the query holds") and r.stderr.count("\n") == 1


def test_server_reports_a_crashed_worker_as_a_crash(graph):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?s ?w }"  # 10^8 rows
    with serving(ServerConfig(str(graph), port=0, timeout=60, workers=1, quiet=True)) as srv:
        out: list = []
        t = threading.Thread(target=lambda: out.append(get(srv, slow)))
        t.start()
        time.sleep(2.0)
        workers = [p for p in children(os.getpid()) if "spawn_main" in _cmdline(p)]
        assert workers
        for p in workers:
            os.kill(p, signal.SIGSEGV)
        t.join(60)
        st, _, body = out[0]
        assert st == 500 and "crashed the query engine (SIGSEGV)" in body and body.count("\n") == 1, (st, body)
        assert get(srv, "SELECT ?l WHERE { ?x rdfs:label ?l } LIMIT 1")[0] == 200  # replaced


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


# ---- escape codes never reach a terminal or a log (issue 23) -------------------------------------
def test_request_line_is_escaped_in_the_log(graph, capfd):
    with serving(ServerConfig(str(graph), port=0, timeout=10, workers=1, quiet=False)) as srv:
        host, port = srv.server_address[:2]
        with socket.create_connection((host, port), timeout=10) as s:
            s.sendall(b"GET /\x1b]0;owned\x07/\x1b[2J HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            while s.recv(65536):
                pass
        time.sleep(0.2)
    err = capfd.readouterr().err
    assert "\\x1b]0;owned\\x07" in err and "\x1b" not in err and "\x07" not in err, err


def test_kg_query_table_escapes_control_characters(tmp_path):
    p = tmp_path / "graph.nt"
    p.write_text('<http://x/a> <http://www.w3.org/2000/01/rdf-schema#label> "a\\u001B]0;owned\\u0007b\\u001B[2J 嵊州\\u3000市" .\n',
                 encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kg", "query", "-g", str(p), "SELECT ?l { ?x rdfs:label ?l }"],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "\x1b" not in r.stdout and "\x07" not in r.stdout, r.stdout
    assert "a\\x1b]0;owned\\x07b\\x1b[2J 嵊州\u3000市" in r.stdout
    # machine formats keep the data as it is (JSON escapes it by its own rules)
    r = subprocess.run([sys.executable, "-m", "kg", "query", "-g", str(p), "--format", "json",
                        "SELECT ?l { ?x rdfs:label ?l }"], capture_output=True, text=True)
    assert "\\u001b]0;owned" in r.stdout
