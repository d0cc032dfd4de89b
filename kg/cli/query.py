"""`kg query`: run a SPARQL query on the built graph and print the result."""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from kg.cli import CliError

EPILOG = """examples:
  kg query 'SELECT ?l WHERE { ?x a kg:Locality ; rdfs:label ?l } LIMIT 5'
  kg query -f queries/officials.rq --format csv
  kg query -g exports/graph.ttl --engine rdflib 'ASK { ?x rdfs:label "嵊州市"@zh }'

prefixes kg: kgr: org: prov: schema: skos: rdfs: rdf: xsd: owl: are predeclared."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="run a SPARQL query on the graph",
                       description="Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the built graph.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", nargs="?", help="the query text (or use -f)")
    p.add_argument("-f", "--file", metavar="FILE", help="read the query from FILE (- for standard input)")
    p.add_argument("-g", "--graph", default="exports", metavar="GRAPH",
                   help="export folder, store folder, or .ttl/.nt/.trig/.nq file (default: exports/)")
    p.add_argument("--format", default="table", choices=("table", "csv", "tsv", "json", "xml", "nt", "ttl", "jsonld"),
                   help="output format (default: table; nt, ttl, jsonld for CONSTRUCT/DESCRIBE)")
    p.add_argument("--engine", default="oxigraph", choices=("oxigraph", "rdflib"), help="query engine (default: oxigraph)")
    p.set_defaults(func=run)


def read_query(a: argparse.Namespace) -> str:
    if (a.query is None) == (a.file is None):
        raise CliError("give the query as an argument or with -f FILE, not both" if a.query else
                       "no query: give it as an argument or with -f FILE")
    if a.file is None:
        return a.query
    if a.file == "-":
        return sys.stdin.read()
    try:
        return Path(a.file).read_text(encoding="utf-8")
    except OSError as e:
        raise CliError(f"cannot read {a.file}: {e.strerror}", 1) from None


def run(a: argparse.Namespace) -> int:
    text = read_query(a)
    if getattr(a, "standalone", False) and hasattr(os, "fork"):  # the kg command: one thread, safe to fork
        out = _run_in_child(a, text)
    else:  # called in-process (tests, other threads) or no fork here: the query runs in this process
        out = _answer(a, text)
    sys.stdout.write(out)
    return 0


def _answer(a: argparse.Namespace, text: str) -> str:
    """The formatted answer, or CliError with the one-line reason."""
    from kg.query.errors import QueryError
    from kg.query.formats import FormatError
    from kg.query.sparql import run_query
    if getattr(a, "standalone", False):
        from kg.query.sandbox import deny_network
        deny_network()  # the query is the user's: no parser slip may make the engine call out
    try:
        return run_query(a.graph, text, engine=a.engine).format(a.format)
    except (QueryError, FormatError) as e:
        raise CliError(str(e), 1) from None


def _run_in_child(a: argparse.Namespace, text: str) -> str:
    """Run the query in a forked child, so that an engine crash (SIGSEGV, an abort) is a message.

    The child sends back b"o" + the answer or b"e" + the one-line error, UTF-8, over a pipe; a
    child that dies before sending is reported with the signal that ended it."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(r)
        _child(a, text, w)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    if data[:1] in (b"o", b"e"):
        if data[:1] == b"e":
            raise CliError(data[1:].decode("utf-8", "replace"), 1)
        return data[1:].decode("utf-8")
    raise CliError(_death(status), 1)


def _child(a: argparse.Namespace, text: str, w: int) -> None:
    code = 0
    try:
        try:
            payload = b"o" + _answer(a, text).encode("utf-8")
        except CliError as e:
            payload = b"e" + str(e).encode("utf-8")
        except MemoryError:
            payload = b"e" + b"the query needed more memory than this machine gave it"
        except Exception as e:  # noqa: BLE001 (reported in one line, as in this process)
            payload = b"e" + f"the query failed: {type(e).__name__}: {e}".encode("utf-8", "replace")
        with os.fdopen(w, "wb") as f:
            f.write(payload)
    except BaseException:  # noqa: BLE001 (a child must not go back into the parent's code)
        code = 1
    finally:
        os._exit(code)


def _death(status: int) -> str:
    """One line for a child that ended without an answer."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        return (f"the query engine crashed ({name}) on this query; nothing was answered. "
                "Simplify the query (fewer repeated patterns, BINDs or FILTERs) and try again")
    return f"the query engine stopped without an answer (exit status {os.WEXITSTATUS(status)})"
