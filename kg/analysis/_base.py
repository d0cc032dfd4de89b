"""What every analysis shares: accepting a graph or its networkx view, resolving names, result conversion."""
from __future__ import annotations

import dataclasses
import json
from typing import Any, Iterable, Union

import networkx as nx

from kg.graph.knowledge_graph import KnowledgeGraph, UnknownEntity, fold

#: Anything the analysis functions accept: the graph itself or its networkx view (``g.to_networkx()``).
GraphLike = Union[KnowledgeGraph, nx.MultiDiGraph]


class Result:
    """Mixin of the frozen result dataclasses: ``to_dict()``, ``to_json()``, ``rows()`` and ``to_pandas()``.

    Examples
    --------
    >>> from kg.analysis import centrality, example_graph
    >>> r = centrality(example_graph(), "degree", cls="Locality", top=3)
    >>> r.to_dict()["ranking"][0]["cls"]
    'Locality'
    >>> import json; json.loads(r.to_json())["measure"]
    'degree'
    >>> list(r.to_pandas().columns)  # doctest: +SKIP
    ['rank', 'label', 'class', 'score', 'key']
    """

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def rows(self) -> list[dict[str, Any]]:
        """The result as one flat table (a list of dicts), the form ``to_pandas`` and the CLI use."""
        raise NotImplementedError

    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame`` (needs the optional extra ``zhkg[analysis]``)."""
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the installation
            raise ImportError("to_pandas() needs pandas: pip install 'zhkg[analysis]'") from None
        return pd.DataFrame(self.rows())


class _Unset:
    """The default of a keyword kept for its old name (``top=``, ``limit=``): tells "not given" from None."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()


def pick_count(n: int | None, old: "int | None | _Unset", old_name: str) -> int | None:
    """The count asked for: `n` (the CLI's -n), or the value given under its older name `old_name`.

    >>> pick_count(5, UNSET, "top"), pick_count(20, 3, "top"), pick_count(20, None, "top")
    (5, 3, None)
    """
    value = n if isinstance(old, _Unset) else old
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValueError(f"n (or {old_name}) must be a whole number, 0 or more, or None; not {value!r}")
    return value


def as_networkx(g: GraphLike, cooccurrence: bool = False) -> nx.MultiDiGraph:
    """The networkx view of `g` (returned as is when it already is one)."""
    if isinstance(g, KnowledgeGraph):
        from kg.graph.nx import to_networkx
        return to_networkx(g, cooccurrence=cooccurrence)
    if isinstance(g, nx.Graph):
        return g
    raise TypeError(f"expected a KnowledgeGraph or its networkx view, not {type(g).__name__}")


def relation_counts(g: KnowledgeGraph) -> Iterable[tuple[str, str, str, int]]:
    """(subject, predicate, object, number of evidence sentences) of every typed relation, unordered.

    The same numbers as ``g.relations()`` without building and sorting a Fact per relation,
    which is most of the time of centrality and communities on 500k relations (4.5 s of 6 s).
    """
    facts = getattr(g, "_facts", None)
    if not isinstance(facts, dict):  # another implementation of the graph: the public, slower view
        return ((f.subject, f.predicate, f.object, len(f.evidence)) for f in g.relations())
    return ((s, p, o, len(set(evs))) for (s, p, o), evs in facts.items() if evs)


def resolve(g: GraphLike, name: str, cls: str | None = None) -> str:
    """The key of the one entity that `name` names, by key, label or alias.

    Parameters
    ----------
    g : KnowledgeGraph or networkx.MultiDiGraph
        The graph or its networkx view.
    name : str
        A key ("Locality/嵊州市"), label or alias; spaces and quotes are ignored.
    cls : str, optional
        The class the entity must have; narrows down names shared across classes.

    Returns
    -------
    str
        The entity's key.

    Raises
    ------
    kg.UnknownEntity
        When no entity has that name (the message suggests similar names), several do (it
        lists them), or the one that does is of another class.

    Examples
    --------
    >>> from kg.analysis import example_graph, resolve
    >>> resolve(example_graph(), "嵊州", "Locality")
    'Locality/嵊州市'
    >>> resolve(example_graph(), "嵊州", "Programme")
    Traceback (most recent call last):
    ...
    kg.graph.knowledge_graph.UnknownEntity: '嵊州' is a Locality (嵊州市), not a Programme
    """
    if isinstance(g, KnowledgeGraph):
        try:
            e = g.resolve(name, cls)
        except UnknownEntity:
            others = g.find(name)
            if cls is None or not others or any(o.cls == cls for o in others):
                raise  # its message already lists the candidates
            e = others[0]
        if cls is not None and e.cls != cls:
            raise UnknownEntity(f"{name!r} is a {e.cls} ({e.label}), not a {cls}")
        return e.key
    return _resolve_nx(as_networkx(g), name, cls)


def _resolve_nx(G: nx.Graph, name: str, cls: str | None) -> str:
    # the same rules as KnowledgeGraph.resolve, over node attributes
    if name in G and (cls is None or G.nodes[name].get("cls") == cls):
        return name
    folded = fold(name)
    found = sorted((k for k, d in G.nodes(data=True)
                    if any(fold(n) == folded for n in (d.get("label", k), *d.get("aliases", ())))),
                   key=lambda k: (-G.nodes[k].get("mentions", 0), k))
    typed = [k for k in found if cls is None or G.nodes[k].get("cls") == cls]
    if len(typed) == 1:
        return typed[0]
    if not typed:
        if found:
            d = G.nodes[found[0]]
            raise UnknownEntity(f"{name!r} is a {d.get('cls')} ({d.get('label')}), not a {cls}")
        near = sorted({d.get("label", k) for k, d in G.nodes(data=True)
                       if folded and any(folded in fold(n) for n in (d.get("label", k), *d.get("aliases", ())))})[:10]
        hint = f"; did you mean: {'、'.join(near)}" if near else ""
        raise UnknownEntity(f"no {cls or 'entity'} is named {name!r}{hint}")
    exact = [k for k in typed if G.nodes[k].get("label") == name]
    if len(exact) == 1:
        return exact[0]
    raise UnknownEntity(f"{name!r} is ambiguous: "
                        + "; ".join(f"{G.nodes[k].get('label')} ({G.nodes[k].get('cls')})" for k in typed))


def label_of(G: nx.Graph, key: str) -> str:
    return G.nodes[key].get("label", key.partition("/")[2] or key) if key in G else key.partition("/")[2] or key


def cls_of(G: nx.Graph, key: str) -> str:
    return G.nodes[key].get("cls", key.partition("/")[0]) if key in G else key.partition("/")[0]


def is_class(G: nx.Graph, key: str, cls: str | None) -> bool:
    """Whether `key` is of class `cls` ("Official" is a person holding a post)."""
    if cls is None:
        return True
    d = G.nodes[key]
    if cls == "Official":
        return d.get("cls") == "Person" and bool(d.get("official"))
    return d.get("cls") == cls


def sentences(d: dict) -> int:
    """How many sentences state an edge of the networkx view (the length of its evidence; 0 for a
    co-occurrence, which keeps none).

    >>> sentences({"predicate": "partOf", "evidence": ("e1", "e2")}), sentences({"weight": 3})
    (2, 0)
    """
    return len(d.get("evidence", ()))


def first_sentence(evidence: tuple) -> tuple[str, str]:
    """(sentence, document id) of the first piece of evidence read from a text (else of the first piece,
    with an empty sentence: the division list), or empty strings."""
    from kg.graph.nx import first_evidence
    return first_evidence(evidence)
