"""Exports of a KnowledgeGraph, switched as a set: readers see the old exports or the new ones, never a mix.

Layout of an export folder `DIR/`:

    DIR/.generations/<id>/   one complete set of files per build (graph.ttl, graph.nt, store/, …)
    DIR/.current             symlink to the generation in use: replacing it is the one atomic step
    DIR/.previous            symlink to the generation before (a running `kg serve` may still read it)
    DIR/graph.ttl, …         symlinks to .current/graph.ttl, …: the names users and tools open
    DIR/.lock                held (flock) by the build writing into DIR

A build killed at any point leaves either the old set or the new one in use; its half-written
generation and any older leftovers are removed by the next build. Readers that open several
files (`kg query`, `kg serve`, `kg.load`) resolve `.current` once (see `resolve_export`).
"""
from __future__ import annotations

import importlib
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from kg.generations import CURRENT, GENERATIONS, LOCK, PREVIOUS, resolve_export

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph

#: (module, function): each function(kg, staging_dir, **options) writes its files into staging_dir.
#: A module that does not exist yet is skipped, so exporters can be added one by one. An exporter may
#: pass its slow native part to `options["defer"]` and return what that returns (`Deferred`): it then
#: runs in a thread while the next exporters write, and is finished before the switch. The store
#: comes first so that its load overlaps the Python work of the others.
EXPORTERS: list[tuple[str, str]] = [
    ("kg.query.store", "write_store"),     # store/: persistent Oxigraph store (loaded in a thread)
    ("kg.export.rdf", "write_rdf"),        # graph.ttl, graph.nt
    ("kg.export.trig", "write_trig"),      # graph.trig: one named graph per document
    ("kg.export.html", "write_html"),      # graph.html: the interactive network
]



#: Testing hook: `KG_EXPORT_KILL_AT=<phase>` makes the build SIGKILL itself at that point, so a test
#: can check that a build killed anywhere leaves a consistent export (see `_checkpoint` calls).
KILL_AT_ENV = "KG_EXPORT_KILL_AT"


def _checkpoint(phase: str) -> None:
    if os.environ.get(KILL_AT_ENV) == phase:
        import signal
        os.kill(os.getpid(), signal.SIGKILL)


class Deferred:
    """Returned by an exporter that handed its slow part to `defer` (it finishes before the switch)."""


class Background:
    """Runs an exporter's deferred work in a thread, alongside the other exporters: the work must be
    native code that releases the GIL (Oxigraph's bulk load), so the two use two cores. `wait` joins
    every thread and raises the first error."""

    def __init__(self) -> None:
        self._threads: list[threading.Thread] = []
        self._errors: list[BaseException] = []
        self.names: list[str] = []

    def run(self, work: Callable[[], object]) -> type[Deferred]:
        def target() -> None:
            try:
                work()
            except BaseException as e:   # re-raised by wait() in the exporting thread
                self._errors.append(e)
        t = threading.Thread(target=target, name="kg-export", daemon=True)
        t.start()
        self._threads.append(t)
        return Deferred

    def name(self, phase: str) -> None:
        self.names.append(phase)

    def wait(self) -> None:
        for t in self._threads:
            t.join()
        self._threads.clear()
        if self._errors:
            raise self._errors[0]


class ExportError(OSError):
    """The exports could not be written (the folder is busy, read-only, full…); one-line message."""


def exporters(only: set[str] | None = None) -> list[Callable[..., object]]:
    out = []
    for mod, fn in EXPORTERS:
        if only is not None and mod not in only:
            continue
        try:
            m = importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name == mod:
                continue
            raise
        out.append(getattr(m, fn))
    return out


@contextmanager
def export_lock(directory: Path) -> Iterator[None]:
    """Hold DIR/.lock for one build; a second build into DIR fails at once with one line."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before
        yield
        return
    path = directory / LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise ExportError(f"{directory}: another build (pid {holder}) is writing into this folder; "
                              "wait for it to finish or use another -o") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _link_target(path: Path) -> str | None:
    try:
        return os.readlink(path)
    except OSError:
        return None


def _point(link: Path, target: str) -> None:
    """Make `link` a symlink to `target` atomically (a temporary link renamed over it)."""
    if _link_target(link) == target:
        return
    tmp = link.with_name(f"{link.name}.tmp-{os.getpid()}")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    if link.is_dir() and not link.is_symlink():  # the layout before generations: a real store/ folder
        old = link.with_name(f".old-{link.name}-{os.getpid()}")
        os.replace(link, old)
        os.replace(tmp, link)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, link)


def _clean(directory: Path) -> None:
    """Remove what killed builds left: staging folders, old folders, generations no link points to."""
    for p in directory.iterdir():
        if p.name.startswith((".staging-", ".old-")):
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
        elif p.is_symlink() and ".tmp-" in p.name:
            p.unlink(missing_ok=True)
    gens = directory / GENERATIONS
    if gens.is_dir():
        keep = {_link_target(directory / CURRENT), _link_target(directory / PREVIOUS)}
        for g in gens.iterdir():
            if f"{GENERATIONS}/{g.name}" not in keep:
                shutil.rmtree(g, ignore_errors=True) if g.is_dir() else g.unlink(missing_ok=True)


def write_exports(kg: "KnowledgeGraph", directory: Path, only: set[str] | None = None, **options: object) -> dict[str, Path]:
    """Write every export of `kg` into a new generation of `directory` and switch to it in one step."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with export_lock(directory):
            _clean(directory)
            gens = directory / GENERATIONS
            gens.mkdir(exist_ok=True)
            name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
            gen = gens / name
            gen.mkdir()
            _checkpoint("start")
            from kg.export.rdf import shared
            later = Background()
            try:
                with shared(kg):   # the sorted triples and document graphs, computed once for every exporter
                    for write in exporters(only):
                        if write(kg, gen, defer=later.run, **options) is not Deferred:
                            _checkpoint(f"wrote:{write.__name__}")
                        else:
                            later.name(f"wrote:{write.__name__}")
            finally:
                later.wait()   # an exporter's work in a thread is done (or failed) before anything else
            for phase in later.names:
                _checkpoint(phase)
            old = resolve_export(directory)
            if only is not None and old != directory:  # a partial export keeps the other files of the set
                for item in old.iterdir():
                    if not (gen / item.name).exists():
                        (shutil.copytree if item.is_dir() else shutil.copy2)(item, gen / item.name)
            previous = _link_target(directory / CURRENT)
            if previous is not None:
                _point(directory / PREVIOUS, previous)
            _checkpoint("before-switch")
            _point(directory / CURRENT, f"{GENERATIONS}/{name}")  # the switch
            _checkpoint("switched")
            written: dict[str, Path] = {}
            for item in sorted(gen.iterdir()):
                _point(directory / item.name, f"{CURRENT}/{item.name}")
                written[item.name] = directory / item.name
                _checkpoint(f"linked:{item.name}")
            for p in directory.iterdir():  # names the new set no longer has
                t = _link_target(p)
                if t is not None and t.startswith(CURRENT + "/") and not p.exists():
                    p.unlink()
            _checkpoint("before-clean")
            _clean(directory)
            return written
    except ExportError:
        raise
    except OSError as e:
        raise ExportError(f"{directory}: cannot write the exports: {e.strerror or e}") from None
