"""Parsed data files kept as pickles in the user's cache folder (kg.cache.cache_dir(): ~/.cache/zhkg, or $ZHKG_CACHE_DIR), so that a process
reads in a fraction of a second what would take a second to parse (the division list, jieba's
word table). The names carry what the pickle was made from; a missing or damaged one is parsed again."""
from __future__ import annotations

import os
import pickle
from pathlib import Path


def folder() -> Path:
    """The cache folder (kg.cache.cache_dir: $ZHKG_CACHE_DIR, else the platform's, ~/.cache/zhkg on Linux).

    >>> import os; from unittest import mock
    >>> with mock.patch.dict(os.environ, {"ZHKG_CACHE_DIR": "/tmp/zhkg-cache-example"}):
    ...     str(folder())
    '/tmp/zhkg-cache-example'
    """
    from kg.cache import cache_dir
    return cache_dir()


def save(path: Path, obj: object) -> None:
    """Pickle `obj` to `path` atomically (a temporary file renamed); a folder that cannot be written is no error.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.pickle"; save(p, {"a": 1}); p.exists()
    True
    >>> save(Path("/proc/no-such-folder/x.pickle"), 1)   # not writable: nothing happens
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
