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


def write_store(g: "KnowledgeGraph", staging: Path, **_: object) -> list[Path]:
    """Bulk-load the graph's quads (merged default graph + document graphs) into staging/store/."""
    import pyoxigraph as ox
    from kg.export.trig import to_nquads

    target = staging / STORE_DIR
    store = ox.Store(str(target))
    store.bulk_load(input=to_nquads(g).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    # RocksDB keeps its files open until the Store is dropped; write_exports then renames the folder
    del store
    gc.collect()
    return [target]


def open_store(path: Path) -> "pyoxigraph.Store":
    """Open a store read-only: several readers (server workers, `kg query`) may share it."""
    import pyoxigraph as ox
    return ox.Store.read_only(str(path))
