"""Build a graph from texts written for a test (each a file in a fresh folder), as a module fixture does."""
from __future__ import annotations

from pathlib import Path

import kg


def write_texts(folder: Path, **files: str) -> Path:
    """Write one `NAME.txt` (UTF-8) per keyword argument into `folder`; returns the folder."""
    for name, text in files.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def build_texts(tmp_path_factory, folder: str, **files: str):
    """kg.build over `folder` holding one `NAME.txt` per keyword argument."""
    return kg.build([write_texts(tmp_path_factory.mktemp(folder), **files)])
