"""Queries run in worker processes: pyoxigraph cannot cancel a running query, but a process can be killed.

A worker checks, runs and serialises the query, so all three count against the time limit; it has
no network (kg.query.sandbox), a memory cap (RLIMIT_AS: past it the engine aborts, the worker dies
and is replaced) and dies with the server.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass
from typing import Any

from kg.query.errors import EngineCrashed, QueryError, QueryTimeout, ResultTooLarge

START_TIMEOUT = 120.0  # seconds a new worker may take to import and open the graph


@dataclass(frozen=True)
class Job:
    query: str
    max_rows: int | None = None
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_bytes: int | None = None
    accept: str | None = None       # the client's Accept header
    format_name: str | None = None  # ?format= or ?output=


@dataclass(frozen=True)
class Answer:
    """A serialised result, ready to send."""
    media_type: str
    body: bytes
    kind: str


def answer(ds: Any, job: Job, engine: str = "oxigraph") -> Answer:
    """Check, run and serialise one job (in the worker; also usable in-process)."""
    from kg.query.formats import render
    from kg.query.negotiate import negotiate
    from kg.query.sparql import run_query
    r = run_query(ds, job.query, engine, max_rows=job.max_rows, max_bytes=job.max_bytes,
                  default_graph=list(job.default_graph) or None, named_graphs=list(job.named_graphs) or None)
    fmt, media = negotiate(r.kind, job.accept, job.format_name)
    body = render(r, fmt).encode("utf-8")
    if job.max_bytes is not None and len(body) > job.max_bytes:
        raise ResultTooLarge(f"the result is {len(body):,} bytes, more than {job.max_bytes:,}, the limit here; "
                             "add a LIMIT to the query or select fewer variables")
    charset = "" if media.endswith("json") else "; charset=utf-8"
    return Answer(media + charset, body, r.kind)


def _limit_memory(max_memory: int | None) -> None:
    if not max_memory:
        return
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the time limit still bounds the worker


def _watch_parent(parent: int) -> None:
    # where the kernel's parent-death signal is missing, a thread notices the server is gone
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _worker_main(conn: Any, source: str, engine: str, parent: int, max_memory: int | None) -> None:
    """The loop of one worker process: open the graph once, then answer jobs until told to stop."""
    from kg.query.sandbox import deny_network, die_with_parent
    die_with_parent(parent)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    from kg.query.dataset import open_dataset
    try:
        ds = open_dataset(source, engine)
    except Exception as e:  # reported to the parent, which refuses to start
        conn.send(("error", QueryError(str(e))))
        return
    deny_network()
    _limit_memory(max_memory)
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            conn.send(("ok", answer(ds, job, engine)))
        except QueryError as e:
            conn.send(("error", e))
        except MemoryError:
            conn.send(("error", QueryError("the query needed more memory than a worker may use here")))
        except Exception as e:  # never let one bad query end the worker
            conn.send(("error", QueryError(f"the query failed: {e}")))


class Worker:
    """One process and the pipe to it."""

    def __init__(self, ctx: Any, source: str, engine: str, max_memory: int | None = None) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, source, engine, os.getpid(), max_memory),
                                   daemon=True, name="kg-query-worker")
        self.process.start()
        child.close()
        self._kill_lock = threading.Lock()

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise QueryError(f"a query worker did not start within {timeout:.0f} s")
        try:
            status, payload = self.conn.recv()
        except EOFError:
            self.kill()
            raise QueryError("a query worker stopped while opening the graph") from None
        if status != "ready":
            self.kill()
            raise payload

    def kill(self) -> None:
        """Stop the process and close the pipe, once: a handler replacing a worker that timed out and the
        pool closing at shutdown may both kill it, and a second close of the pipe's descriptor would fail
        (EBADF) or, worse, close a descriptor the process has reused meanwhile."""
        with self._kill_lock:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(5)
            if not self.conn.closed:
                self.conn.close()


def died(exitcode: int | None, max_memory: int | None = None) -> str:
    """One line for a worker that ended in the middle of a query, from its exit code.

    >>> died(-11)
    'the query crashed the query engine (SIGSEGV); its worker was replaced. Simplify the query (fewer repeated patterns, BINDs or FILTERs)'
    >>> died(-6, 2048 << 20)
    'the query made the query engine abort (SIGABRT), most likely past the memory a worker may use here (2,048 MB); its worker was replaced'
    """
    if exitcode is None or exitcode >= 0:
        return f"the query worker stopped unexpectedly (exit status {exitcode}) and was replaced"
    try:
        name = signal.Signals(-exitcode).name
    except ValueError:
        name = f"signal {-exitcode}"
    if -exitcode == signal.SIGABRT:
        limit = f" ({max_memory >> 20:,} MB)" if max_memory else ""
        return (f"the query made the query engine abort ({name}), most likely past the memory a worker may use "
                f"here{limit}; its worker was replaced")
    if -exitcode == signal.SIGKILL:
        return "the query worker was killed (SIGKILL: by the system, out of memory?) and was replaced"
    return (f"the query crashed the query engine ({name}); its worker was replaced. "
            "Simplify the query (fewer repeated patterns, BINDs or FILTERs)")


class QueryPool:
    """A fixed number of worker processes; `run` gives a job to an idle one and waits at most `timeout`.

    A query past its time limit gets its worker killed and replaced, so the CPU it used is freed
    at once and the other workers keep answering. Replacements are started by one long-lived
    thread: the kernel's parent-death signal fires when the *thread* that started a worker ends.
    """

    def __init__(self, source: str, size: int = 2, engine: str = "oxigraph", max_memory: int | None = None) -> None:
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.source, self.engine, self.size, self.max_memory = source, engine, size, max_memory
        self._ctx = multiprocessing.get_context("spawn")  # fork is unsafe in a threaded server
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._closed = False
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._respawn: queue.Queue[bool] = queue.Queue()
        self._spawner = threading.Thread(target=self._spawn_loop, daemon=True, name="kg-query-spawner")
        self._spawner.start()
        done: queue.Queue[BaseException | list[Worker]] = queue.Queue()
        self._respawn.put(done)  # type: ignore[arg-type]  # the first request starts them all
        out = done.get()
        if isinstance(out, BaseException):
            self.close()
            raise out
        for w in out:
            self._idle.put(w)

    def _spawn(self) -> Worker:
        w = Worker(self._ctx, self.source, self.engine, self.max_memory)
        with self._lock:
            self._all.add(w)
        return w

    def _spawn_loop(self) -> None:
        while True:
            req = self._respawn.get()
            if req is None or self._closed:
                return
            if isinstance(req, queue.Queue):  # the pool's start: all workers, errors reported
                try:
                    workers = [self._spawn() for _ in range(self.size)]
                    for w in workers:
                        w.wait_ready()
                    req.put(workers)
                except BaseException as e:  # noqa: BLE001 (handed to the constructor)
                    req.put(e)
                continue
            try:
                w = self._spawn()
                w.wait_ready()
                self._idle.put(w)
            except QueryError:
                pass  # the pool runs one worker short rather than crash the server

    def _replace(self, dead: Worker) -> None:
        dead.kill()
        with self._lock:
            self._all.discard(dead)
        if not self._closed:
            self._respawn.put(True)

    def run(self, job: Job, timeout: float) -> Answer:
        deadline = time.monotonic() + timeout
        try:
            w = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(f"the server is busy: no query worker became free within {timeout:g} s; "
                               "try again later") from None
        try:
            w.conn.send(job)
            if not w.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(w)
                raise QueryTimeout(f"the query took longer than {timeout:g} s, the time limit here, and was stopped")
            status, payload = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(w)
            raise EngineCrashed(died(w.process.exitcode, self.max_memory)) from None
        self._idle.put(w)
        if status == "ok":
            return payload
        raise payload

    def close(self) -> None:
        self._closed = True
        self._respawn.put(None)  # type: ignore[arg-type]
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.kill()
