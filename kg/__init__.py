"""zhkg: knowledge graphs from Chinese policy and government news.

    >>> import kg
    >>> g = kg.build(["data/corpus/002_2b029fc627423ae0.txt"])
    >>> g.resolve("嵊州").label
    '嵊州市'

`pipeline` names the extraction's components (`kg build --rules` lists the registered ones):

    >>> p = kg.Pipeline.default()
    >>> g = kg.build(["data/corpus/002_2b029fc627423ae0.txt"], pipeline=p)
    >>> g.resolve("嵊州").label
    '嵊州市'
"""
from __future__ import annotations

from kg.extract.registry import Pipeline
from kg.graph.load import GraphFileError, load
from kg.graph.knowledge_graph import KnowledgeGraph, UnknownEntity
from kg.pipeline import BuildReport, build
from kg.text.read import InputError

__all__ = ["build", "load", "KnowledgeGraph", "BuildReport", "InputError", "GraphFileError", "UnknownEntity",
           "Pipeline"]
__version__ = "0.1.0"
