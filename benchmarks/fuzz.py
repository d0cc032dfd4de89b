"""Long fuzz runs of the properties in tests/test_fuzz.py: hostile text and bytes through the whole
pipeline (read → normalise → extract → export), hostile queries and headers against `kg serve`.

    python benchmarks/fuzz.py --pipeline 2000 --endpoint 10000

Prints the inputs tried and the failures found (each with its shrunk input) per property.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/html.py would shadow the standard library's html module for everything imported below
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT / "tests"))

import test_fuzz as props  # noqa: E402  (the properties live with the tests)


def glued_service(url: str):
    """Queries with SERVICE glued to what follows, in any case (Oxigraph needs no word boundary after a
    keyword): `SERVICESILENT<url>`, `SERVICEex:a`, `SERVICE:x`, `servicesilent`, a declared prefix
    `SERVICE:`, with noise before and after. Every one must be refused and reach no listener."""
    base, name = url.rsplit("/", 1)
    case = st.sampled_from([str.upper, str.lower, str.title, lambda w: "".join(
        c.upper() if i % 2 else c for i, c in enumerate(w))])
    target = st.sampled_from([f"<{url}>", f"ex:{name}", f":{name}", "?u"])
    silent = st.sampled_from(["", "SILENT", "silent", " SILENT", "Silent "])
    gap = st.sampled_from(["", " ", "\t", "\n", "#c\n"])
    noise = st.sampled_from(["", "?x ?y ?z .", "BIND(1 AS ?b)", "FILTER(true)", "OPTIONAL { ?x ?y ?z }"])
    prologue = st.sampled_from(["", "PREFIX SERVICE: <http://x/> ", "PREFIX service: <http://x/> ",
                                "PREFIX SERVICEex: <http://x/> "])

    @st.composite
    def query(draw):
        keyword = draw(case)("service") + draw(case)(draw(silent)) if draw(st.booleans()) else "SERVICE" + draw(silent)
        t = draw(target)
        glue = "" if t[0] in "<:?" or keyword[-1:] in " " else draw(gap)
        return (f"{draw(prologue)}PREFIX ex: <{base}/> PREFIX : <{base}/> SELECT * WHERE {{ {draw(noise)} "
                f"BIND(<{url}> AS ?u) {keyword}{glue}{t} {{ ?x ?y ?z }} {draw(noise)} }}")
    return query()


def check_glued(graph: Path, stub, q: str) -> None:
    """A glued SERVICE query: refused by the library's check, and nothing reached the listener."""
    from kg.query.errors import QueryError, QueryRefused
    from kg.query.sparql import run_query
    try:
        run_query(graph, q)
    except QueryRefused:
        pass
    except QueryError:  # a syntax error is harmless too, as long as nothing was sent
        pass
    assert not stub.hits, f"reached the listener: {q!r}"


#: Units of flat repetition, each with the query around it: {} is replaced by the repeated units.
REPEATED = [
    ("SELECT * {{ {} }}", "BIND({i} AS ?v{i})"), ("DESCRIBE {}", "<http://x/{i}>"),
    ("SELECT * {{ {} }}", "?s <http://x/p{i}> ?o{i} ."), ("SELECT * {{ ?s ?p ?o {} }}", "FILTER(?o != {i})"),
    ("SELECT * {{ ?s {} ?o }}", "<http://x/p{i}>/"), ("SELECT * {{ ?s <http://x/p> {} 0 }}", "{i},"),
    ("SELECT * {{ ?s {} <http://x/p> ?o }}", "<http://x/p{i}> ?o{i} ;"), ("SELECT {} {{ ?s ?p ?o }}", "(1 AS ?v{i})"),
    ("SELECT * {{ ?s ?p ?o {} }}", "GRAPH ?g{i} {{ }}"), ("SELECT * {{ ?s ?p ?o {} }}", "{{ }}"),
    ("SELECT * {{ ?s ?p ?o {} }}", "OPTIONAL {{ ?s <http://x/{i}> ?o{i} }}"), ("SELECT * {{ VALUES ?v {{ {} }} }}", "{i}"),
    ("SELECT * {{ ?s ?p ({}) }}", "{i} "), ("SELECT * {{ ?s ?p ?o FILTER(?o IN ({} 0)) }}", "{i},"),
    ("SELECT ?s {{ ?s ?p ?o }} GROUP BY ?s {}", "?v{i} "), ("SELECT * {{ ?s ?p ?o }} ORDER BY {}", "?v{i} "),
]


def repetition():
    """Queries of one unit repeated 100 to 25,000 times (issue 23: flat repetition crashed Oxigraph)."""
    @st.composite
    def query(draw):
        outer, unit = draw(st.sampled_from(REPEATED))
        n = draw(st.sampled_from([100, 1000, 1999, 2500, 4000, 10_000, 25_000]))
        return outer.format(" ".join(unit.format(i=i) for i in range(n)))
    return query()


def check_repetition(q: str, seconds: float = 20.0) -> None:
    """The check refuses the query in one line, or the engine runs it (in a forked child, killed past
    `seconds`) without dying of a signal."""
    import os
    import signal as sig
    from kg.query.errors import QueryError
    from kg.query.sparql import check_query
    try:
        check_query(q)
    except QueryError as e:
        assert "\n" not in str(e)
        return
    pid = os.fork()
    if pid == 0:  # the child: run it, whatever comes of it
        try:
            import pyoxigraph as ox
            st_ = ox.Store()
            st_.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1")))
            r = st_.query(q)
            if not isinstance(r, ox.QueryBoolean):
                for _ in r:
                    pass
        except BaseException:  # noqa: BLE001 (an error is an answer; only a signal is a crash)
            pass
        os._exit(0)
    deadline = time.monotonic() + seconds
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:  # slow is the time limit's business, not a crash
            os.kill(pid, sig.SIGKILL)
            os.waitpid(pid, 0)
            return
        time.sleep(0.05)
    assert not os.WIFSIGNALED(status), f"the check let through a query that crashed the engine " \
        f"({sig.Signals(os.WTERMSIG(status)).name}): {q[:120]!r}… ({len(q):,} characters)"


def run(name: str, strategy, check, total: int, batch: int = 200) -> tuple[int, list[str]]:
    tried, failures = 0, []
    while tried < total:
        n = min(batch, total - tried)
        count = [0]

        @settings(max_examples=n, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def prop(x):
            count[0] += 1
            check(x)
        try:
            prop()
        except Exception as e:  # a failing input: hypothesis has shrunk it and says which
            failures.append(f"{type(e).__name__}: {' '.join(str(e).split())[:300]}")
            traceback.print_exc(limit=3)
        tried += count[0]
        print(f"{name}: {tried} inputs, {len(failures)} failures", file=sys.stderr)
        if count[0] == 0:
            break
    return tried, failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pipeline", type=int, default=500, help="inputs for the pipeline properties (text, bytes)")
    ap.add_argument("--endpoint", type=int, default=2000, help="inputs for the endpoint property")
    ap.add_argument("--service", type=int, default=500, help="inputs for the glued-SERVICE property")
    ap.add_argument("--repetition", type=int, default=100, help="inputs for the flat-repetition property")
    ap.add_argument("--shapes", action="store_true", help="also validate every built export against the SHACL shapes")
    a = ap.parse_args()
    results = {}
    t0 = time.perf_counter()

    def text_check(text: str) -> None:
        with tempfile.TemporaryDirectory() as d:
            if props.check_build(text.encode("utf-8", "surrogatepass"), Path(d)) == "built" and a.shapes:
                ok, report = props.conforms(Path(d) / "out")
                assert ok, report

    def bytes_check(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as d:
            props.check_build(data, Path(d))
    if a.pipeline:
        results["pipeline: any text"] = run("text", props.TEXTS, text_check, a.pipeline)
        results["pipeline: any bytes"] = run("bytes", props.BYTES, bytes_check, a.pipeline)
    if a.endpoint:
        from kg.query.server import ServerConfig, serve_in_thread
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "graph.nt"
            p.write_text("".join(f'<https://w3id.org/zhkg/id/locality/{i}> <http://www.w3.org/2000/01/rdf-schema#label> '
                                 f'"嵊州{i}"@zh .\n' for i in range(30)), encoding="utf-8")
            srv, _ = serve_in_thread(ServerConfig(str(p), port=0, workers=2, timeout=10, quiet=True))
            try:
                req = st.tuples(props.QUERIES, props.ACCEPT, props.FORMAT, st.booleans())
                results["endpoint: queries and headers"] = run(
                    "endpoint", req, lambda x: props.check_request(srv, *x), a.endpoint)
            finally:
                srv.shutdown()
                srv.server_close()
    if a.service:
        results["library: glued SERVICE"] = service_property(a.service)
    if a.repetition:
        results["engine: flat repetition"] = run("repetition", repetition(), check_repetition, a.repetition)
    print(f"fuzzing took {time.perf_counter() - t0:.0f} s")
    for name, (tried, failures) in results.items():
        print(f"{name}: {tried:,} inputs tried, {len(failures)} failures")
        for f in failures:
            print(f"  {f}")
    return 1 if any(f for _, f in results.values()) else 0


def service_property(total: int) -> tuple[int, list[str]]:
    """Glued SERVICE queries through kg.query.run_query, with a listener on 127.0.0.1 that must hear nothing."""
    import threading
    from test_security import Stub
    stub = Stub()
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as d:
            graph = Path(d) / "graph.nt"
            graph.write_text('<https://w3id.org/zhkg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n',
                             encoding="utf-8")
            return run("service", glued_service(stub.url), lambda q: check_glued(graph, stub, q), total)
    finally:
        stub.shutdown()
        stub.server_close()


if __name__ == "__main__":
    sys.exit(main())
