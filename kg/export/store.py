"""The `store` export format: the persistent Oxigraph store (store/) that `kg query` and `kg serve` open.

The store itself is written by kg.query.store.write_store; this module registers it as an exporter.
"""
from __future__ import annotations

from pathlib import Path

from kg.export.registry import ExportJob, exporter


@exporter("store", files=("store",))
def write_store(job: ExportJob) -> object:
    """Exporter: store/, loaded from the export set's quads (kg.export.trig.store_nquads of `job.data`,
    computed once with the other exports). Its load is handed to `job.defer` (a thread) when there is
    one, starting from `job.previous`'s store when that one differs little (kg.query.store).

    >>> import tempfile
    >>> from kg.export.rdf import ExportData
    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> from kg.query.store import is_store
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [is_store(p) for p in write_store(ExportJob(g, Path(tmp), ExportData(g)))]
    [True]
    """
    from kg.query.store import write_store as load_store
    # write_store reads the graph only through kg.export.trig.store_nquads, which takes the export data
    return load_store(job.data, Path(job.directory), defer=job.defer, previous=job.previous)  # type: ignore[arg-type]
