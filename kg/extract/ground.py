"""Moved: the grounding of the merged graph in the division list works on a KnowledgeGraph, so it
lives beside the merge, in `kg.graph.ground`. This module only forwards its names (for kg/pipeline.py
until it imports `kg.graph.ground`), without importing `kg.graph` itself: nothing in kg.extract does."""
from __future__ import annotations

_MOVED = ("complete_hierarchy", "merge_short_names", "DIVISIONS_DOC", "DIVISIONS_SOURCE", "DIVISIONS_TITLE")


def __getattr__(name: str):
    if name in _MOVED:
        import importlib
        return getattr(importlib.import_module("kg.graph.ground"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
