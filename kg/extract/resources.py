"""Shared, read-only resources of the extractors (lexicons from data/, the division list), loaded once a process."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "data"


@dataclass(frozen=True)
class Resources:
    user_dir: Path | None


@lru_cache(maxsize=4)
def resources(user_dir: Path | None = None) -> Resources:
    return Resources(user_dir)
