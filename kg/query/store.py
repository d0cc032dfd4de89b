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


def write_store(g: "KnowledgeGraph", staging: Path, defer=None, **_: object):
    """Bulk-load the graph's quads (merged default graph + document graphs) into staging/store/.

    The N-Quads text is made here; the load itself (Oxigraph, native code that releases the GIL)
    is handed to `defer` when the caller gives one (kg.export.write_exports runs it in a thread while
    the other exporters write), else it runs now."""
    import pyoxigraph as ox

    from kg.export.trig import store_nquads

    target = staging / STORE_DIR
    data = store_nquads(g).encode("utf-8")

    def load() -> list[Path]:
        store = ox.Store(str(target))
        store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
        store.flush()
        # RocksDB keeps its files open until the Store is dropped; write_exports then renames the folder
        del store
        gc.collect()
        return [target]
    if defer is not None:
        return defer(load)
    return load()


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
