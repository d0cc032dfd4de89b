"""Where the current set of exports of an export folder lives (see kg.export for the layout)."""
from __future__ import annotations

from pathlib import Path

GENERATIONS, CURRENT, PREVIOUS, LOCK = ".generations", ".current", ".previous", ".lock"


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
