"""The per-document budget: how long the reading and extraction of one document may take and how much
memory they may add, so that one hostile file is skipped with a one-line reason while the rest builds.

Time is enforced two ways: a timer (SIGALRM, where the document runs in a process's main thread: the
in-process build and every pool worker) that interrupts the reader or the extraction wherever it is,
and a check between the pieces a long document is extracted in (everywhere, Dask's threads too).
Memory is checked between pieces: the process's peak resident size may grow by at most the budget
while the document runs. A long document's pieces are bounded (kg.pipeline.PIECE), so the checks
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


def peak_rss() -> int:
    """This process's peak resident size in bytes (the kernel's count).

    >>> peak_rss() > 0
    True
    """
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


@dataclass
class Budget:
    """One document's budget, started when its reading starts. `seconds`/`memory` None: no limit.

    >>> b = Budget("a.txt", seconds=None, memory=None); b.check()      # no limits: never over
    >>> Budget("a.txt", seconds=0.0, memory=None).check()
    Traceback (most recent call last):
    ...
    kg.budget.OverBudget: a.txt: reading and extracting it took more than 0 s (the per-document time budget; raise it with kg build --doc-time); skipped
    """
    label: str
    seconds: float | None = DEFAULT_SECONDS
    memory: int | None = DEFAULT_MEMORY
    t0: float = field(default_factory=time.monotonic)
    rss0: int = field(default_factory=peak_rss)

    def _late(self) -> OverBudget:
        return OverBudget(f"{self.label}: reading and extracting it took more than {self.seconds:g} s (the "
                          "per-document time budget; raise it with kg build --doc-time); skipped")

    def check(self) -> None:
        """Raise OverBudget when the document's time is up or the process's peak grew past its memory."""
        if self.seconds is not None and time.monotonic() - self.t0 >= self.seconds:
            raise self._late()
        if self.memory is not None:
            grown = peak_rss() - self.rss0
            if grown > self.memory:
                raise OverBudget(f"{self.label}: extracting it took {grown / (1 << 20):,.0f} MB more memory, over "
                                 f"the per-document budget of {self.memory / (1 << 20):,.0f} MB (raise it with "
                                 "kg build --doc-memory); skipped")

    @contextmanager
    def alarm(self) -> Iterator[None]:
        """Run the block under a timer for the time left: past it, OverBudget is raised wherever the
        block is (main thread only; elsewhere the block runs untimed and `check` alone holds)."""
        if self.seconds is None or threading.current_thread() is not threading.main_thread() \
                or not hasattr(signal, "setitimer"):
            yield
            return
        left = self.seconds - (time.monotonic() - self.t0)
        if left <= 0:
            raise self._late()

        def ring(signum, frame):
            raise self._late()
        old = signal.signal(signal.SIGALRM, ring)
        signal.setitimer(signal.ITIMER_REAL, left)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
