"""Where the package finds its data: one function, so that every reader (and the cache key) agree.

``ZHKG_DATA_DIR`` names another data folder (a copy of ``data/``, as the tests make); without it the
folder is ``data/`` beside the package.

>>> (data_dir() / "lexicon").is_dir()
True
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_ENV = "ZHKG_DATA_DIR"


def data_dir() -> Path:
    """The data folder extraction reads: ``$ZHKG_DATA_DIR`` if set, else ``data/`` beside the package.

    Read on every call (not at import), so a test can point it at a changed copy.

    >>> data_dir().name
    'data'
    """
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else ROOT / "data"
