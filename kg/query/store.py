"""The persistent Oxigraph store that `kg build` writes into exports/store/, and opening it."""
from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    from kg.graph.knowledge_graph import KnowledgeGraph

STORE_DIR = "store"


def is_store(path: Path) -> bool:
    """True when `path` is a folder holding an Oxigraph (RocksDB) store."""
    return path.is_dir() and (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))


def _oxigraph_version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("pyoxigraph")
    except PackageNotFoundError:
        return "none"


#: In a generation, beside store/: the quads loaded into it, as N-Quads text compressed with zlib.
#: The next build starts its store from a copy of this one when the quads differ little; the name
#: carries the Oxigraph version that wrote the store, so another version never starts from its files.
SNAPSHOT = f".store-quads-{_oxigraph_version()}.nq.z"


def write_store(g: "KnowledgeGraph", staging: Path, defer=None, previous: Path | None = None, **_: object):
    """Load the graph's quads (merged default graph + document graphs) into staging/store/.

    With `previous` (the generation in use) holding a store and its quads' snapshot, a separate
    process (kg.query.store_update) makes the new store as a copy of that one (its immutable SST
    files hard-linked) with the difference removed and added: one document added to 2,000 changes a
    few hundred quads of 200,000. A process, not a thread, because the difference is Python work
    that would hold this process's GIL while the other exports are written. When there is no
    previous store, the difference is over a quarter of the quads, or that process fails for any
    reason, every quad is bulk-loaded instead. Either way the store holds exactly these quads
    (tests/test_scale.py compares the two ways).

    The N-Quads text is made here; the load (Oxigraph's bulk load is native code that releases the
    GIL, the update runs in its process) is handed to `defer` when the caller gives one
    (kg.export.write_exports runs it in a thread while the other exporters write), else it runs now."""
    from kg.export.trig import store_nquads

    target = staging / STORE_DIR
    update = _start_update(previous, target) if previous is not None else None   # reads the old quads meanwhile
    try:
        data = store_nquads(g).encode("utf-8")
    except BaseException:
        if update is not None:
            update.kill()
            update.wait()
        raise

    def load() -> list[Path]:
        import zlib
        sent = update is not None and _send(update, data)
        (staging / SNAPSHOT).write_bytes(zlib.compress(data, 1))   # while the update process works
        if not (update is not None and _finished(update, sent, target)):
            _bulk_load(target, data)
        return [target]
    if defer is not None:
        return defer(load)
    return load()


def _bulk_load(target: Path, data: bytes) -> None:
    import pyoxigraph as ox
    store = ox.Store(str(target))
    store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
    store.flush()
    # RocksDB keeps its files open until the Store is dropped; write_exports then renames the folder
    del store
    gc.collect()


def _start_update(previous: Path, target: Path):
    """Start kg/query/store_update.py on `previous`'s store and quads snapshot; None if there are none."""
    import subprocess
    import sys

    old_store, snapshot = previous / STORE_DIR, previous / SNAPSHOT
    if not is_store(old_store) or not snapshot.is_file():
        return None
    script = Path(__file__).with_name("store_update.py")
    try:
        return subprocess.Popen([sys.executable, str(script), str(old_store), str(snapshot), str(target)],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return None


def _send(update, data: bytes) -> bool:
    """Write the new quads to the update process (it has been reading the old ones meanwhile)."""
    try:
        update.stdin.write(data)
        update.stdin.close()
        return True
    except (OSError, ValueError):   # it died: _finished reaps it
        return False


def _finished(update, sent: bool, target: Path) -> bool:
    """Wait for the update process; False (and no `target`) unless it made the store."""
    import shutil
    import subprocess
    try:
        if not sent:
            update.kill()
        done = update.wait(timeout=600) == 0 and sent
    except subprocess.TimeoutExpired:
        update.kill()
        update.wait()
        done = False
    if not done:
        shutil.rmtree(target, ignore_errors=True)
    return done


def open_store(path: Path) -> "pyoxigraph.Store":
    """Open a store read-only: several readers (server workers, `kg query`) may share it."""
    import pyoxigraph as ox

    from kg.query.errors import GraphNotFound
    try:
        store = ox.Store.read_only(str(path))
        # a store whose MANIFEST lost its tail opens fine and holds nothing: say so instead of answering 0 rows
        empty = next(iter(store.quads_for_pattern(None, None, None)), None) is None
    except (OSError, RuntimeError, ValueError) as e:
        raise GraphNotFound(f"{path}: the Oxigraph store is damaged ({' '.join(str(e).split())[:200]}); "
                            "rebuild it with `kg build`") from None
    if empty:
        raise GraphNotFound(f"{path}: the Oxigraph store is empty or damaged; rebuild it with `kg build`")
    return store
