"""The sample corpus graph that the examples in these docstrings run on."""
from __future__ import annotations

from functools import lru_cache

from kg.graph.knowledge_graph import KnowledgeGraph


@lru_cache(maxsize=1)  # the examples of every function share one graph: building it takes half a minute
def example_graph() -> KnowledgeGraph:
    """The graph of the sample corpus: ``exports/`` if `kg build` has written it, else built from ``data/corpus/``.

    Returns
    -------
    KnowledgeGraph
        The same object on every call (it is cached); treat it as read-only.

    Examples
    --------
    >>> g = example_graph()
    >>> g.resolve("嵊州").label
    '嵊州市'
    """
    import kg
    from kg.pipeline import DEFAULT_CORPUS, ROOT

    try:
        return kg.load(ROOT / "exports")
    except kg.GraphFileError:
        # not built yet (or being rewritten right now): build the corpus in memory instead
        return kg.build([str(DEFAULT_CORPUS)], jobs=2)
