"""Parsed data files kept in the user's cache folder (kg.cache.cache_dir(): ~/.cache/zhkg, or
$ZHKG_CACHE_DIR), so that a process reads in a fraction of a second what would take a second to parse
(the division list, jieba's word table).

A file holds data only, never code: one line of JSON naming its format, its kind, the key it was made
for (what it was parsed from) and the SHA-256 of the rest, then the data as JSON. One that is missing,
of another key or kind, fails its checksum or is not JSON at all (a pickle put in its place) is
parsed again and rewritten: whoever can write the cache folder cannot make a build run anything.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

FORMAT = 1
SUFFIX = ".json"
#: the names of the parsed files (their kinds) and of the pickles earlier versions kept instead
KINDS = ("divisions-", "jieba-words-")


class Damaged(ValueError):
    """A parsed file that is not what its name says (a flipped byte, another key, a foreign file)."""


def folder() -> Path:
    """The cache folder (kg.cache.cache_dir: $ZHKG_CACHE_DIR, else the platform's, ~/.cache/zhkg on Linux).

    >>> import os; from unittest import mock
    >>> with mock.patch.dict(os.environ, {"ZHKG_CACHE_DIR": "/tmp/zhkg-cache-example"}):
    ...     str(folder())
    '/tmp/zhkg-cache-example'
    """
    from kg.cache import cache_dir
    return cache_dir()


def save(path: Path, key: str, obj: object) -> None:
    """Write `obj` (JSON values only) to `path` for `key`, atomically (a temporary file renamed); a
    folder that cannot be written is no error. The pickles earlier versions left of the same kind go.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.json"; save(p, "k", {"a": 1}); load(p, "k")
    {'a': 1}
    >>> save(Path("/proc/no-such-folder/x.json"), "k", 1)   # not writable: nothing happens
    """
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    head = {"format": FORMAT, "kind": _kind(path), "key": key, "sha256": hashlib.sha256(data).hexdigest()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            f.write(json.dumps(head).encode("ascii") + b"\n" + data)
        os.replace(tmp, path)
        for old in path.parent.glob(f"{_kind(path)}*.pickle"):
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _kind(path: Path) -> str:
    return next((k for k in KINDS if path.name.startswith(k)), "")


def load(path: Path, key: str) -> object | None:
    """The data of `path` if it is a file of this format made for `key` whose checksum holds; None when
    it is missing; Damaged (with the reason) when it is anything else.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.json"; save(p, "k", [1, 2])
    >>> load(p, "other")
    Traceback (most recent call last):
    ...
    kg.extract.parsed.Damaged: made for another key
    >>> _ = p.write_bytes(p.read_bytes()[:-2] + b"3]"); load(p, "k")
    Traceback (most recent call last):
    ...
    kg.extract.parsed.Damaged: its checksum does not match (a damaged file)
    """
    try:
        with path.open("rb") as f:
            head_line, data = f.readline(4096), f.read()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise Damaged(f"unreadable: {e.strerror or e}") from None
    try:
        head = json.loads(head_line)
    except ValueError:
        raise Damaged("not a parsed data file (no header)") from None
    if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("kind") != _kind(path):
        raise Damaged("not a parsed data file of this format")
    if head.get("key") != key:
        raise Damaged("made for another key")
    if head.get("sha256") != hashlib.sha256(data).hexdigest():
        raise Damaged("its checksum does not match (a damaged file)")
    try:
        return json.loads(data)
    except ValueError as e:
        raise Damaged(f"not JSON: {e}") from None


def check(path: Path) -> str | None:
    """Why the parsed file (or leftover pickle) `path` is not sound, or None when it is (kg cache info).

    >>> import tempfile; d = Path(tempfile.mkdtemp()); save(d / "jieba-words-x.json", "x", {})
    >>> check(d / "jieba-words-x.json") is None
    True
    >>> _ = (d / "jieba-words-y.pickle").write_bytes(b"\\x80\\x04"); check(d / "jieba-words-y.pickle")
    'a pickle (never read; removed by the next build)'
    """
    if path.suffix == ".pickle":
        return "a pickle (never read; removed by the next build)"
    try:
        with path.open("rb") as f:
            head = json.loads(f.readline(4096))
        key = head["key"] if isinstance(head, dict) else None
    except (OSError, ValueError, KeyError, TypeError):
        return "not a parsed data file (no header)"
    try:
        load(path, key)
    except Damaged as e:
        return str(e)
    return None


def files(directory: Path) -> list[Path]:
    """The parsed data files (and leftover pickles) in the cache folder `directory`, sorted.

    >>> files(Path("/no/such/folder"))
    []
    """
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir()
                  if p.name.startswith(KINDS) and p.suffix in (SUFFIX, ".pickle") and p.is_file())
