"""Queries run in worker processes: pyoxigraph cannot cancel a running query, but a process can be killed."""
from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

from kg.query.errors import QueryError, QueryTimeout
from kg.query.results import QueryResult

START_TIMEOUT = 120.0  # seconds a new worker may take to import and open the graph


@dataclass(frozen=True)
class Job:
    query: str
    max_rows: int | None = None
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def _worker_main(conn: Any, source: str, engine: str) -> None:
    """The loop of one worker process: open the graph once, then answer jobs until told to stop."""
    from kg.query.dataset import open_dataset
    from kg.query.sparql import run_query
    try:
        ds = open_dataset(source, engine)
    except Exception as e:  # reported to the parent, which refuses to start
        conn.send(("error", QueryError(str(e))))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            r = run_query(ds, job.query, engine, max_rows=job.max_rows,
                          default_graph=list(job.default_graph) or None, named_graphs=list(job.named_graphs) or None)
            conn.send(("ok", r))
        except QueryError as e:
            conn.send(("error", e))
        except Exception as e:  # never let one bad query end the worker
            conn.send(("error", QueryError(f"the query failed: {e}")))


class Worker:
    """One process and the pipe to it."""

    def __init__(self, ctx: Any, source: str, engine: str) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, source, engine), daemon=True,
                                   name="kg-query-worker")
        self.process.start()
        child.close()

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
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """A fixed number of worker processes; `run` gives a query to an idle one and waits at most `timeout`.

    A query past its time limit gets its worker killed and replaced (in the background), so the
    CPU it used is freed at once and the other workers keep answering.
    """

    def __init__(self, source: str, size: int = 2, engine: str = "oxigraph") -> None:
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.source, self.engine, self.size = source, engine, size
        self._ctx = multiprocessing.get_context("spawn")  # fork is unsafe in a threaded server
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._closed = False
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        workers = [self._spawn() for _ in range(size)]
        try:
            for w in workers:
                w.wait_ready()
        except BaseException:
            self.close()
            raise
        for w in workers:
            self._idle.put(w)

    def _spawn(self) -> Worker:
        w = Worker(self._ctx, self.source, self.engine)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, dead: Worker) -> None:
        dead.kill()
        with self._lock:
            self._all.discard(dead)

        def start() -> None:
            if self._closed:
                return
            try:
                w = self._spawn()
                w.wait_ready()
                self._idle.put(w)
            except QueryError:
                pass  # the pool runs one worker short rather than crash the server
        threading.Thread(target=start, daemon=True, name="kg-query-respawn").start()

    def run(self, job: Job, timeout: float) -> QueryResult:
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
            raise QueryError("the query worker stopped unexpectedly (out of memory?)") from None
        self._idle.put(w)
        if status == "ok":
            return payload
        raise payload

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.kill()
