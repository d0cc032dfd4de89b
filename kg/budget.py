"""The per-document budget: how long the reading and extraction of one document may take and how much
memory they may add, so that one hostile file is skipped with a one-line reason while the rest builds.

Time is CPU time of the process, not the clock's: on a loaded machine the same document is given the
same work, and a build that would not skip it on an idle machine does not skip it then either. It is
enforced two ways: a timer of CPU time (SIGPROF, where the document runs in a process's main thread:
the in-process build and every pool worker) that interrupts the reader or the extraction wherever it
is, and a check between the pieces a long document is extracted in (everywhere, Dask's threads too).
Memory is checked between pieces: the process's resident size may grow by at most the budget while
the document runs. A long document's pieces are bounded (kg.pipeline.PIECE), so the checks
come at bounded intervals.
"""
from __future__ import annotations

import resource
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

#: Defaults of `kg build --doc-time` and `--doc-memory`.
DEFAULT_SECONDS = 30.0
DEFAULT_MEMORY = 512 << 20


class OverBudget(BaseException):
    """A document went past its time or memory budget; the message is the one-line reason.

    A BaseException, like KeyboardInterrupt: a broad `except Exception` in a reader or a rule must not
    swallow it."""


def rss() -> int:
    """This process's resident size in bytes now (Linux: /proc/self/statm), else its peak so far.

    >>> rss() > 0
    True
    """
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


@dataclass
class Budget:
    """One document's budget, started when its reading starts. `seconds`/`memory` None: no limit.

    >>> b = Budget("a.txt", seconds=None, memory=None); b.check()      # no limits: never over
    >>> Budget("a.txt", seconds=0.0, memory=None).check()     # its time is up before it began
    Traceback (most recent call last):
    ...
    kg.budget.OverBudget: a.txt: reading and extracting it took more than 0 CPU s (the per-document time budget; raise it with kg build --doc-time); skipped
    """
    label: str
    seconds: float | None = DEFAULT_SECONDS
    memory: int | None = DEFAULT_MEMORY
    rss0: int = field(default_factory=rss)
    spent: float = 0.0                 # seconds of the document's work so far (the `alarm` blocks)
    since: float | None = None         # the CPU time when the running `alarm` block began

    def _late(self) -> OverBudget:
        return OverBudget(f"{self.label}: reading and extracting it took more than {self.seconds:g} CPU s (the "
                          "per-document time budget; raise it with kg build --doc-time); skipped")

    def used(self) -> float:
        """CPU seconds of the document's own work so far: the time other documents of its batch take
        between its reading and its extraction is not counted."""
        return self.spent + (time.process_time() - self.since if self.since is not None else 0.0)

    def check(self) -> None:
        """Raise OverBudget when the document's time is up or the process grew by more than its memory."""
        if self.seconds is not None and self.used() >= self.seconds:
            raise self._late()
        if self.memory is not None:
            grown = rss() - self.rss0
            if grown > self.memory:
                raise OverBudget(f"{self.label}: extracting it took {grown / (1 << 20):,.0f} MB more memory, over "
                                 f"the per-document budget of {self.memory / (1 << 20):,.0f} MB (raise it with "
                                 "kg build --doc-memory); skipped")

    @contextmanager
    def alarm(self) -> Iterator[None]:
        """Run a part of the document's work, counted in its time, under a CPU timer for the time left:
        past it, OverBudget is raised wherever the block is (main thread only; elsewhere the block
        runs untimed and `check` alone holds)."""
        if self.seconds is not None and self.used() >= self.seconds:
            raise self._late()
        timed = self.seconds is not None and threading.current_thread() is threading.main_thread() \
            and hasattr(signal, "setitimer")
        self.since = time.process_time()
        if timed:
            def ring(signum, frame):
                raise self._late()
            old = signal.signal(signal.SIGPROF, ring)
            signal.setitimer(signal.ITIMER_PROF, self.seconds - self.spent)
        try:
            yield
        finally:
            if timed:
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.signal(signal.SIGPROF, old)
            self.spent += time.process_time() - self.since
            self.since = None
