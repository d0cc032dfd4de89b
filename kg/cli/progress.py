"""The build's progress on stderr: a rich bar on a terminal, a plain line every few seconds otherwise."""
from __future__ import annotations

import sys
import time
from typing import TextIO

from kg.pipeline import Progress

#: A build shorter than this shows nothing.
DELAY = 1.0
#: Seconds between plain lines when stderr is not a terminal.
EVERY = 10.0


def _eta(p: Progress) -> str:
    if not p.bytes_done or p.bytes_done >= p.bytes_total:
        return "--:--"
    left = p.seconds * (p.bytes_total - p.bytes_done) / p.bytes_done
    return f"{int(left) // 60}:{int(left) % 60:02d}"


def _rate(p: Progress) -> float:
    return p.characters / p.seconds if p.seconds > 0 else 0.0


class ProgressDisplay:
    """A callable for `kg.build(progress=...)`; call `close()` when the build returns."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._bar = None
        self._task = None
        self._last = 0.0
        self._start = time.monotonic()
        self._shown = False

    def __call__(self, p: Progress) -> None:
        now = time.monotonic()
        if now - self._start < DELAY and p.done < p.total:
            return
        if self.tty:
            self._draw(p)
        elif (now - self._last >= EVERY or p.done == p.total) and (self._shown or p.done < p.total):
            self._last = now
            self._shown = True
            cached = f", {p.cached} from the cache" if p.cached else ""
            print(f"kg build: {p.done}/{p.total} documents{cached}, {_rate(p):,.0f} characters/s, "
                  f"{_eta(p)} left", file=self.stream, flush=True)

    def _draw(self, p: Progress) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress as Bar, TextColumn, TimeRemainingColumn

        if self._bar is None:
            self._bar = Bar(TextColumn("building"), BarColumn(),
                            TextColumn("{task.fields[docs]} documents"),
                            TextColumn("{task.fields[rate]} characters/s"), TimeRemainingColumn(),
                            console=Console(file=self.stream), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("build", total=max(p.bytes_total, 1), docs="", rate="")
        self._bar.update(self._task, completed=p.bytes_done, docs=f"{p.done}/{p.total}", rate=f"{_rate(p):,.0f}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
