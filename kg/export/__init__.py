"""Exports of a KnowledgeGraph, switched as a set: readers see the old exports or the new ones, never a mix.

Layout of an export folder `DIR/`:

    DIR/.generations/<id>/   one complete set of files per build (graph.ttl, graph.nt, store/, …)
    DIR/.current             symlink to the generation in use: replacing it is the one atomic step
    DIR/.previous            symlink to the generation before (a running `kg serve` may still read it)
    DIR/graph.ttl, …         symlinks to .current/graph.ttl, …: the names users and tools open
    DIR/.lock                held (flock) by the build writing into DIR
    DIR/.generations/<id>/.build   what the generation was built from (a key) and its files' sizes and
                             times: a `kg build` with the same key finds the set untouched and keeps it,
                             and the next store starts from this one's only while its files are untouched

A build killed at any point leaves either the old set or the new one in use; its half-written
generation and any older leftovers are removed by the next build. Readers that open several
files (`kg query`, `kg serve`, `kg.load`) resolve `.current` once (see `resolve_export`).

The formats are exporters registered by name (kg/export/registry.py; docs/exporters.md): a set holds
exactly the formats it was written with (`write_exports(formats=...)`, `kg build --format`).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping

from kg.export.registry import (Exporter, ExportJob, FormatError, exporter, lookup, parse_formats,
                                plain_options, registered, resolve_options)
from kg.generations import CURRENT, GENERATIONS, LOCK, PREVIOUS, FolderBusy, folder_lock, resolve_export

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph

# The exporters are registered by format name: see kg.export.registry (`exporter`, `registered`,
# `lookup`) and docs/exporters.md.

#: In a generation: the build key it was written for ("-" for none), then one line per file (path, size, mtime in ns).
BUILD_FILE = ".build"
#: Distributions whose code writes the exports (their versions are part of the export key).
EXPORT_LIBRARIES = ("pyoxigraph", "rdflib", "pyvis")


class Written(dict):
    """The export files by name (dict[str, Path]); `unchanged` when the set in place was kept."""
    unchanged: bool = False


def export_key(build_key: str, formats: list[str], options: Mapping[str, object] | None = None) -> str | None:
    """What an export set depends on besides the graph's inputs: zhkg's code and assets, the versions
    of the libraries that write it, which formats are written and their options (format → options
    object). None when an option is not a plain value (it cannot be compared across runs).

    >>> export_key("k", ["ttl"]) == export_key("k", ["ttl"]) != export_key("k", ["ttl", "nt"])
    True
    """
    from kg.cache import hash_sources, hash_versions

    opts = plain_options(options or {})
    if opts is None:
        return None
    h = hashlib.sha256(f"{build_key}\0{sorted(formats)!r}\0{opts!r}\0".encode())
    hash_sources(h)                       # all of kg/, the page's assets too
    hash_versions(h, EXPORT_LIBRARIES)
    return h.hexdigest()


def _listing(gen: Path) -> list[str]:
    """Every file of a generation (but BUILD_FILE) with its size and modification time."""
    rows = []
    for root, _dirs, files in os.walk(gen):
        for name in files:
            path = Path(root) / name
            rel = path.relative_to(gen).as_posix()
            if rel == BUILD_FILE:
                continue
            st = os.lstat(path)
            rows.append(f"{rel}\t{st.st_size}\t{st.st_mtime_ns}")
    return sorted(rows)


def _recorded(gen: Path) -> list[str] | None:
    """A generation's BUILD_FILE lines (its key first), when its files are as its build wrote them
    (same sizes and times as listed); None when they are not, or when there is no such file."""
    try:
        recorded = (gen / BUILD_FILE).read_text(encoding="utf-8").splitlines()
        return recorded if recorded and recorded[1:] == _listing(gen) else None
    except (OSError, UnicodeDecodeError):
        return None


def _kept(directory: Path, key: str) -> Written | None:
    """The export set in use, when it was written for `key` and nothing in it changed since; else None."""
    target = _link_target(directory / CURRENT)
    if target is None:
        return None
    gen = directory / target
    recorded = _recorded(gen)
    if recorded is None or recorded[0] != key:
        return None
    written = Written()
    for name in sorted(p.name for p in gen.iterdir() if not p.name.startswith(".")):
        if _link_target(directory / name) != f"{CURRENT}/{name}":
            return None
        written[name] = directory / name
    written.unchanged = True
    return written


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
        """Start `work` in a thread; returns Deferred, for the exporter to return.

        >>> later, done = Background(), []
        >>> later.run(lambda: done.append(1)) is Deferred
        True
        >>> later.wait(); done
        [1]
        """
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
        """Remember a checkpoint phase to pass once the deferred work is done.

        >>> later = Background(); later.name("wrote:store"); later.names
        ['wrote:store']
        """
        self.names.append(phase)

    def wait(self) -> None:
        """Join every thread; raise the first error one of them met.

        >>> later = Background()
        >>> later.run(lambda: 1 / 0) is Deferred
        True
        >>> later.wait()
        Traceback (most recent call last):
        ZeroDivisionError: division by zero
        """
        for t in self._threads:
            t.join()
        self._threads.clear()
        if self._errors:
            raise self._errors[0]


class ExportError(OSError):
    """The exports could not be written (the folder is busy, read-only, full…); one-line message."""


@contextmanager
def export_lock(directory: Path) -> Iterator[None]:
    """Hold DIR/.lock for one build; a second build into DIR fails at once with one line
    (kg.generations.folder_lock; re-entrant: `kg build` holds it for the whole build).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, export_lock(Path(tmp)):
    ...     (Path(tmp) / LOCK).read_text().strip() == str(os.getpid())
    True
    """
    try:
        with folder_lock(directory):
            yield
    except FolderBusy as e:
        raise ExportError(str(e)) from None


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


def write_exports(kg: "KnowledgeGraph", directory: Path, formats: list[str] | None = None,
                  build_key: str | None = None, options: Mapping[str, Any] | None = None) -> Written:
    """Write the exports of `kg` in `formats` (None: every registered format) into a new generation
    of `directory` and switch to it in one step; the set holds those formats' files only.

    `options` maps a format to its options (its options object, or a dict of its option names), e.g.
    `{"html": {"max_nodes": 500}}`; each exporter receives only its own. An unknown format or option
    is a FormatError (a ValueError with a one-line message) before anything is written.

    `build_key` names everything `kg` was built from (kg.pipeline.BuildReport.build_key). When the
    set in use was written for the same key, formats and options, by the same code, and none of its
    files has changed size or time since, it is kept as it is (`Written.unchanged`): a rebuild with
    nothing changed writes nothing.

    >>> import tempfile
    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     sorted(write_exports(merge([extract_text("浙江省嵊州市。")]), Path(tmp), formats=["nt", "ttl"]))
    ['graph.nt', 'graph.ttl']
    """
    chosen = lookup(formats)
    opts = resolve_options(chosen, options)
    key = export_key(build_key, [e.format for e in chosen], opts) if build_key else None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with export_lock(directory):
            _clean(directory)
            kept = _kept(directory, key) if key is not None else None
            if kept is not None:
                return kept
            gens = directory / GENERATIONS
            gens.mkdir(exist_ok=True)
            name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
            gen = gens / name
            gen.mkdir()
            try:
                _checkpoint("start")
                # an exporter may start from the set in use (the store does), if nothing touched it since its build
                in_use = resolve_export(directory)
                start_from = in_use if in_use != directory and _recorded(in_use) is not None else None
                _write_set(kg, gen, chosen, opts, start_from)
                # the listing is written whether or not there is a key ("-"): the next build checks it before
                # starting from these files
                (gen / BUILD_FILE).write_text("\n".join([key or "-", *_listing(gen)]) + "\n", encoding="utf-8")
                return _switch(directory, name, gen)
            except BaseException:   # a failed export (a full disk…) leaves no partial generation behind
                if _link_target(directory / CURRENT) != f"{GENERATIONS}/{name}":
                    shutil.rmtree(gen, ignore_errors=True)
                raise
    except ExportError:
        raise
    except OSError as e:
        raise ExportError(f"{directory}: cannot write the exports: {e.strerror or e}") from None


def _write_set(kg: "KnowledgeGraph", gen: Path, chosen: list[Exporter], options: Mapping[str, object],
               previous: Path | None) -> None:
    """Run the chosen exporters into the generation `gen`, each with its own options; what several of
    them read (the sorted triples, the document graphs) is computed once, in one ExportData."""
    from kg.export.rdf import ExportData
    later = Background()
    job = ExportJob(kg, gen, ExportData(kg), previous=previous, defer=later.run)
    try:
        for e in chosen:
            if e.run(job, options.get(e.format)) is not Deferred:
                _checkpoint(f"wrote:{e.format}")
            else:
                later.name(f"wrote:{e.format}")
    finally:
        later.wait()   # an exporter's work in a thread is done (or failed) before anything else
    for phase in later.names:
        _checkpoint(phase)
    for e in chosen:
        for f in e.files:
            if not (gen / f).exists():
                raise ExportError(f"{gen}: the {e.format} exporter did not write {f}")


def _switch(directory: Path, name: str, gen: Path) -> Written:
    """Make the generation `name` (written, listed) the one in use, link its files, and clean up."""
    previous = _link_target(directory / CURRENT)
    if previous is not None:
        _point(directory / PREVIOUS, previous)
    _checkpoint("before-switch")
    _point(directory / CURRENT, f"{GENERATIONS}/{name}")  # the switch
    _checkpoint("switched")
    written = Written()
    for item in sorted(gen.iterdir()):
        if item.name.startswith("."):
            continue
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


__all__ = ["write_exports", "Written", "ExportError", "FormatError", "ExportJob", "Exporter", "exporter",
           "registered", "lookup", "parse_formats", "export_key", "resolve_export", "EXPORT_LIBRARIES"]
