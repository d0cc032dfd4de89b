"""Exports of a KnowledgeGraph. Each exporter writes into a staging folder; `write_exports` moves
the finished files into place only when every exporter succeeded, so a failed build never
half-writes the previous exports."""
from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph

#: (module, function): each function(kg, staging_dir, **options) writes its files into staging_dir.
#: A module that does not exist yet is skipped, so exporters can be added one by one.
EXPORTERS: list[tuple[str, str]] = [
    ("kg.export.rdf", "write_rdf"),        # graph.ttl, graph.nt
    ("kg.export.trig", "write_trig"),      # graph.trig: one named graph per document
    ("kg.query.store", "write_store"),     # store/: persistent Oxigraph store
    ("kg.export.html", "write_html"),      # graph.html: the interactive network
]


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


def write_exports(kg: "KnowledgeGraph", directory: Path, only: set[str] | None = None, **options: object) -> dict[str, Path]:
    """Write every export of `kg` into `directory`; all-or-nothing per build."""
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=directory))
    try:
        for write in exporters(only):
            write(kg, staging, **options)
        written: dict[str, Path] = {}
        for item in sorted(staging.iterdir()):
            target = directory / item.name
            if item.is_dir():
                old = None
                if target.exists():
                    old = directory / f".old-{item.name}-{os.getpid()}"
                    os.replace(target, old)
                os.replace(item, target)
                if old is not None:
                    shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(item, target)
            written[item.name] = target
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
