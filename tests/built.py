"""Build a graph from texts written for a test (each a file in a fresh folder), as a module fixture does."""
from __future__ import annotations

import kg


def build_texts(tmp_path_factory, folder: str, **files: str):
    """kg.build over `folder` holding one `NAME.txt` per keyword argument."""
    d = tmp_path_factory.mktemp(folder)
    for name, text in files.items():
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
    return kg.build([d])
