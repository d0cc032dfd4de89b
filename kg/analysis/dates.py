"""Documents by date (dcterms:date): which documents fall in a period, and which entities appear per month."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kg.analysis._base import Result
from kg.graph.knowledge_graph import KnowledgeGraph
from kg.records import CLASSES


@dataclass(frozen=True)
class DatedDocument:
    id: str
    title: str | None
    date: str | None        # ISO yyyy-mm-dd, None when the input carried no date
    publisher: str | None
    url: str | None
    source: str


@dataclass(frozen=True)
class Documents(Result):
    """Input documents in a date range, oldest first (undated ones last, when asked for)."""
    since: str | None
    until: str | None
    documents: tuple[DatedDocument, ...]

    def rows(self) -> list[dict[str, Any]]:
        return [{"date": d.date, "title": d.title, "publisher": d.publisher, "url": d.url, "source": d.source,
                 "id": d.id} for d in self.documents]


@dataclass(frozen=True)
class MonthCount:
    month: str              # yyyy-mm
    key: str
    label: str
    documents: int          # documents of that month that mention the entity


@dataclass(frozen=True)
class Timeline(Result):
    """Entities of one class per month of their documents' dates, busiest first within a month."""
    cls: str
    since: str | None
    until: str | None
    months: tuple[MonthCount, ...]

    def rows(self) -> list[dict[str, Any]]:
        return [{"month": m.month, "label": m.label, "documents": m.documents, "key": m.key} for m in self.months]


def _check_bound(name: str, value: str | None) -> None:
    import re
    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(f"{name}={value!r}: give a year, month or day as 2024, 2024-03 or 2024-03-05")


def in_range(date: str | None, since: str | None = None, until: str | None = None) -> bool:
    """Whether an ISO date lies in [since, until]; bounds may be a year, a month or a day (inclusive).

    >>> in_range("2024-03-05", "2024", "2024-03"), in_range("2024-04-01", until="2024-03"), in_range(None, "2024")
    (True, False, False)
    """
    if date is None:
        return since is None and until is None
    return (since is None or date >= since) and (until is None or date[:len(until)] <= until)


def documents(g: KnowledgeGraph, since: str | None = None, until: str | None = None, *,
              undated: bool = False) -> Documents:
    """The input documents dated within [since, until] (inclusive; a year, month or day each).

    Parameters
    ----------
    g : the graph (document dates live in the graph, not in its networkx view)
    since, until : bounds such as ``"2024"``, ``"2024-01"``, ``"2024-03-31"``; None for open
    undated : also list documents without a date (after the dated ones)

    Examples
    --------
    >>> from kg.analysis import documents, example_graph
    >>> documents(example_graph(), since="2024-01", until="2024-03").documents   # the corpus has no dates
    ()
    >>> len(documents(example_graph(), undated=True).documents) > 0
    True
    """
    _check_bound("since", since)
    _check_bound("until", until)
    docs = [d for d in g.input_documents()
            if (d.date is not None and in_range(d.date, since, until)) or (undated and d.date is None)]
    docs.sort(key=lambda d: (d.date is None, d.date or "", d.id))
    return Documents(since, until, tuple(DatedDocument(d.id, d.title, d.date, d.publisher, d.url, d.source)
                                         for d in docs))


def timeline(g: KnowledgeGraph, cls: str = "Programme", since: str | None = None,
             until: str | None = None) -> Timeline:
    """Which entities of a class appear in each month, counted in documents (``queries/programmes_by_month.rq``).

    Examples
    --------
    >>> from kg.analysis import example_graph, timeline
    >>> timeline(example_graph(), "Programme").months   # the corpus has no dates
    ()
    """
    if cls not in CLASSES:
        raise ValueError(f"unknown class {cls!r}; one of {', '.join(CLASSES)}")
    dated = {d.id: d.date[:7] for d in documents(g, since, until).documents if d.date}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for e in g.entities():
        if e.cls != cls:
            continue
        for doc in g.entity_docs.get(e.key, ()):
            if doc in dated:
                counts[(dated[doc], e.key)] += 1
    rows = sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], g.entity(kv[0][1]).label))
    return Timeline(cls, since, until, tuple(MonthCount(m, k, g.entity(k).label, n) for (m, k), n in rows))
