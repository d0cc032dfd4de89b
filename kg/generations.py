"""Where the current set of exports of an export folder lives (see kg.export for the layout), and the
lock that keeps one build at a time writing into it."""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

GENERATIONS, CURRENT, PREVIOUS, LOCK = ".generations", ".current", ".previous", ".lock"


class FolderBusy(OSError):
    """Another build holds the export folder's lock; the message names it (one line)."""


_held: dict[str, int] = {}        # export folders whose lock this process holds → how many holders
_held_guard = threading.Lock()


def lock_holder(directory: Path) -> str:
    """The pid written in DIR/.lock by the build holding it ("?" when there is none or it is unreadable).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     lock_holder(Path(tmp))
    '?'
    """
    try:
        with open(Path(directory) / LOCK, "rb") as f:
            text = f.read(32).decode("ascii", "replace").strip()
    except OSError:
        return "?"
    return text if text.isdigit() else "?"


@contextmanager
def folder_lock(directory: Path, wait: bool = False,
                on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold DIR/.lock (flock) for as long as the block runs: one build at a time writes into DIR.

    Another process holding it: FolderBusy at once naming its pid, or, with `wait`, block until it
    ends (`on_wait` is called once with the holder's pid first). Taking it again in the process that
    holds it (the build holds it, then its export takes it) is a no-op. DIR must exist.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, folder_lock(Path(tmp)):
    ...     with folder_lock(Path(tmp)):           # the same process: re-entrant
    ...         lock_holder(Path(tmp)) == str(os.getpid())
    True
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    key = os.path.realpath(directory)
    with _held_guard:
        if key in _held:
            _held[key] += 1
            inner = True
        else:
            inner = False
    if inner:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    fd = os.open(Path(directory) / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            if not wait:
                raise FolderBusy(f"{directory}: another build (pid {holder}) is writing into this folder; "
                                 "wait for it to finish (kg build --wait) or use another -o") from None
            if on_wait is not None:
                on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        with _held_guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _held_guard:
                _held.pop(key, None)
    finally:
        os.close(fd)  # closing releases the lock


def resolve_export(folder: Path) -> Path:
    """The generation folder `folder/.current` points to, resolved once, or `folder` itself when it
    is not a generation-managed export folder (the older layout, a store folder, a file).

    Readers that open more than one file of an export resolve it first, so a build that switches
    generations meanwhile cannot hand them files of two different builds.
    """
    cur = Path(folder) / CURRENT
    if cur.is_symlink():
        real = cur.resolve()
        if real.is_dir():
            return real
    return Path(folder)
