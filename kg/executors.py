"""Where the per-document work runs: this process, a local process pool, or a Dask cluster.

All three take a pure function and its inputs and hand results back as they finish (any order),
with only a bounded number in flight, so memory holds what is being worked on, not the corpus.
One process per core with one thread each: extraction is Python code holding the GIL, and
onnxruntime is told to use one thread (kg.extract.lac), so N processes use N cores.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any, Protocol


_PR_SET_PDEATHSIG = 1
WATCH_INTERVAL = 1.0  # seconds between a worker's checks that the build is still there


class ExecutorError(RuntimeError):
    """The executor itself failed (a cluster that cannot be reached); the message says which and why."""


class Executor(Protocol):
    workers: int      # how many items run at once

    def map_unordered(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]: ...
    def close(self) -> None: ...


class InProcess:
    """Run everything here, in order."""
    workers = 1

    def map_unordered(self, fn, items):
        return map(fn, items)

    def close(self) -> None:
        pass


def _init_worker(parent: int | None = None, death_signal: bool = False) -> None:
    """Set up a pool worker: one onnxruntime thread, and death with the build that started it."""
    os.environ.setdefault("ZHKG_ONNX_THREADS", "1")
    if parent is not None:
        die_with(parent, death_signal)


def die_with(parent: int, death_signal: bool = True) -> None:
    """End this process when `parent` ends, however it ends (SIGKILL, SIGTERM, a crash).

    Linux: the kernel's parent-death signal (SIGKILL), when `death_signal` says the pool was started
    by the parent's main thread (the signal fires when the starting *thread* ends). Everywhere: a
    watchdog thread that exits within a second once the parent is gone (this process is re-parented).

    >>> die_with(os.getppid(), death_signal=False)  # the parent is alive: nothing happens
    """
    if death_signal and sys.platform == "linux":
        try:
            import ctypes
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still holds
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="kg-parent-watch").start()


def _watch(parent: int) -> None:
    while True:
        time.sleep(WATCH_INTERVAL)
        if os.getppid() != parent:
            os._exit(1)


class ProcessPool:
    """A local pool of `jobs` processes; at most `2 × jobs` inputs are submitted ahead. The workers
    die with this process however it ends (`die_with`): no orphan keeps running after a kill."""

    def __init__(self, jobs: int) -> None:
        self.jobs = self.workers = jobs
        main = threading.current_thread() is threading.main_thread()
        self._pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(os.getpid(), main))

    def map_unordered(self, fn, items):
        """Submits the first `2 × jobs` items at once (work starts before the results are asked for)."""
        it = iter(items)
        pending = set()
        for item in it:
            pending.add(self._pool.submit(fn, item))
            if len(pending) >= 2 * self.jobs:
                break
        return self._results(fn, it, pending)

    def _results(self, fn, it, pending):
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                for item in it:
                    pending.add(self._pool.submit(fn, item))
                    break
                yield f.result()

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class DaskCluster:
    """A Dask distributed cluster: `address` of a running scheduler, or "local" for a LocalCluster
    of `jobs` single-threaded worker processes on 127.0.0.1. The scheduler re-runs the inputs of a
    worker that dies on another worker; `retries` covers errors raised inside a task."""

    def __init__(self, address: str, jobs: int | None = None, retries: int = 2) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ExecutorError("--dask needs dask.distributed: pip install 'zhkg[dask]'") from None
        self._cluster = None
        self.retries = retries
        try:
            if address == "local":
                self._cluster = LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1,
                                             processes=True, host="127.0.0.1", dashboard_address=None,
                                             env={"ZHKG_ONNX_THREADS": "1"}, silence_logs=logging.ERROR)
                self.client = Client(self._cluster)
            else:
                self.client = Client(address, timeout=30)
        except (OSError, TimeoutError, ValueError) as e:
            self.close()
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {e}") from None
        self._threads = self.workers = max(1, sum(self.client.nthreads().values()))
        self._check_versions()

    def _check_versions(self) -> None:
        """Every worker must run the same extraction: same code, lexicons, tagger and division list."""
        from kg.cache import resources_fingerprint

        ours = resources_fingerprint(None)   # the pipeline's code and data, the lexicons
        try:
            theirs = self.client.run(resources_fingerprint, None)
        except Exception as e:   # a worker without zhkg, or an older one
            self.close()
            raise ExecutorError(f"the Dask workers cannot run zhkg's pipeline: {type(e).__name__}: {e}") from None
        other = sorted(w for w, v in theirs.items() if v != ours)
        if other:
            self.close()
            raise ExecutorError(f"Dask worker {other[0]} runs another zhkg version ({len(other)} of {len(theirs)} "
                                "workers); install the same zhkg, lexicons and division list everywhere")

    def map_unordered(self, fn, items):
        """Submits the first `2 × threads` items at once (work starts before the results are asked for)."""
        from distributed import as_completed

        ahead = 2 * self._threads
        it = iter(items)
        first = [item for _, item in zip(range(ahead), it)]
        if not first:
            return iter(())
        # pure=False: the same path given twice is two tasks; keys stay unique
        return self._results(fn, it, as_completed(self.client.map(fn, first, pure=False, retries=self.retries)))

    def _results(self, fn, it, ac):
        from distributed import KilledWorker

        for f in ac:
            for item in it:
                ac.add(self.client.submit(fn, item, pure=False, retries=self.retries))
                break
            try:
                result = f.result()
            except KilledWorker as e:   # the scheduler gave up: an input killed worker after worker
                raise ExecutorError(f"an input killed each Dask worker that tried it ({e}); "
                                    "run the inputs alone with `kg build FILE` to find which") from None
            f.release()
            yield result

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def executor(jobs: int = 1, dask: str | None = None, n_items: int | None = None, beside: bool = False) -> Executor:
    """The executor for a build: Dask when `dask` is given, else a pool for jobs > 1, else this process.

    `beside`: the caller has work of its own meanwhile (merging cached documents); on a machine with
    a spare core even one job then runs in a worker process, so that the two overlap (an incremental
    build's new documents are extracted while the cached ones are read and merged)."""
    if dask:
        return DaskCluster(dask, jobs if jobs > 1 else None)
    cores = os.cpu_count() or 1
    n = min(jobs, n_items if n_items is not None else jobs, cores)
    return ProcessPool(n) if n > 1 or (beside and cores > 1) else InProcess()
