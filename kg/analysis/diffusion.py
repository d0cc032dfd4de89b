"""How a programme spread: per place, its first and last dated report of implementing it, and per month."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from kg.analysis._base import Result, resolve
from kg.geo import place_point
from kg.graph.knowledge_graph import KnowledgeGraph
from kg.records import Evidence


@dataclass(frozen=True)
class Report:
    """One sentence saying a place (or a body seated there, `via`) implements the programme."""
    date: str | None         # the document's dcterms:date (yyyy-mm-dd), None when it has none
    doc_id: str
    title: str | None        # the document's title
    sentence: str
    char_start: int
    via: str | None = None   # the government body that implements it, when the place is its seat


@dataclass(frozen=True)
class PlaceDiffusion:
    """A place that implements the programme: its first and last report (dated ones before undated
    ones), how many reports, and its point (kg.geo; None for a place without one)."""
    key: str
    label: str
    admin_code: str | None
    admin_level: str | None
    lon: float | None
    lat: float | None
    approximate: bool | None
    reports: int
    first: Report
    last: Report


@dataclass(frozen=True)
class DiffusionMonth:
    """A month of dated reports: how many, how many places reported for the first time, and how many
    places had been reported by the month's end."""
    month: str               # yyyy-mm
    reports: int
    new_places: int
    places: int


@dataclass(frozen=True)
class Diffusion(Result):
    """`diffusion`'s answer: places by date of their first report (undated ones last), and months."""
    key: str
    label: str
    places: tuple[PlaceDiffusion, ...]
    months: tuple[DiffusionMonth, ...]

    def rows(self) -> list[dict[str, Any]]:
        """One row per place, in order: first and last date, place, code, point, reports, first document."""
        return [{"first": p.first.date or "", "last": p.last.date or "", "place": p.label,
                 "code": p.admin_code or "", "lon": p.lon, "lat": p.lat,
                 "approx": "" if p.approximate is None else "yes" if p.approximate else "no",
                 "reports": p.reports, "via": p.first.via or "", "document": p.first.title or p.first.doc_id}
                for p in self.places]

    def month_rows(self) -> list[dict[str, Any]]:
        """One row per month: reports, places first reported that month, places so far."""
        return [{"month": m.month, "reports": m.reports, "new places": m.new_places, "places": m.places}
                for m in self.months]


def diffusion(g: KnowledgeGraph, programme: str) -> Diffusion:
    """Where and when a programme was implemented: for every place that implements it (a kg:implements
    from the place, or from a government body seated there by kg:locatedIn), its first and last report
    by document date, with the sentence and document; places ordered by their first date (places only
    reported in undated documents last), and per month the reports, the places new that month and
    the places so far. Sub-programmes are not folded in (``programme_map`` lists them).

    Parameters
    ----------
    g : KnowledgeGraph
        The graph (document dates live in the graph, not in its networkx view).
    programme : str
        The programme's label, alias or key.

    Returns
    -------
    Diffusion

    Raises
    ------
    kg.UnknownEntity
        When the name is unknown, ambiguous, or not a Programme.

    Examples
    --------
    >>> from kg.analysis import diffusion, example_graph
    >>> d = diffusion(example_graph(), "一号改革工程")
    >>> sorted(p.label for p in d.places)
    ['嵊州市', '浙江省', '越城区']
    >>> shengzhou = next(p for p in d.places if p.label == "嵊州市")
    >>> shengzhou.reports, (shengzhou.lon, shengzhou.lat), "一号改革工程" in shengzhou.first.sentence
    (2, (120.8269, 29.564), True)
    """
    if not isinstance(g, KnowledgeGraph):
        raise TypeError(f"diffusion needs the KnowledgeGraph (document dates), not {type(g).__name__}")
    key = resolve(g, programme, "Programme")
    reports = _reports(g, key)
    places = sorted((_place(g, k, rs) for k, rs in reports.items()), key=_order)
    return Diffusion(key, g.entity(key).label, tuple(places), _months(reports))


def _report(g: KnowledgeGraph, ev: Evidence, via: str | None) -> Report:
    d = g.documents.get(ev.doc_id)
    return Report(d.date if d else None, ev.doc_id, d.title if d else None, ev.sentence, ev.start, via)


def _reports(g: KnowledgeGraph, key: str) -> dict[str, list[Report]]:
    """place key → its reports: its own implements evidence, and that of bodies seated there."""
    seats: dict[str, list[str]] = defaultdict(list)
    for f in g.relations("locatedIn"):
        if f.subject.startswith("GovernmentBody/") and f.object.startswith("Locality/"):
            seats[f.subject].append(f.object)
    out: dict[str, list[Report]] = defaultdict(list)
    for f in g.relations("implements"):
        if f.object != key:
            continue
        if f.subject.startswith("Locality/"):
            places, via = [f.subject], None
        else:
            places, via = seats.get(f.subject, []), g.entity(f.subject).label
        for place in places:
            out[place] += [_report(g, ev, via) for ev in f.evidence if ev.sentence]
    return {k: _distinct(v) for k, v in out.items() if v}


def _distinct(reports: list[Report]) -> list[Report]:
    """One report per sentence (a place and a body seated there may rest on the same one): the place's own."""
    seen: dict[tuple[str, int], Report] = {}
    for r in sorted(reports, key=lambda r: (r.doc_id, r.char_start, r.via is not None, r.via or "")):
        seen.setdefault((r.doc_id, r.char_start), r)
    return list(seen.values())


def _when(r: Report) -> tuple:
    return (r.date is None, r.date or "", r.doc_id, r.char_start)


def _place(g: KnowledgeGraph, key: str, reports: list[Report]) -> PlaceDiffusion:
    e = g.entity(key)
    code, level = e.attr("adminCode"), e.attr("adminLevel")
    pt = place_point(code, level, e.attr("adminPath"))
    ordered = sorted(reports, key=_when)
    dated = [r for r in ordered if r.date]
    last = dated[-1] if dated else ordered[-1]
    return PlaceDiffusion(key, e.label, code, level, pt.lon if pt else None, pt.lat if pt else None,
                          pt.approximate if pt else None, len(reports), ordered[0], last)


def _order(p: PlaceDiffusion) -> tuple:
    return (*_when(p.first)[:2], p.label, p.key)


def _months(reports: dict[str, list[Report]]) -> tuple[DiffusionMonth, ...]:
    per_month: dict[str, int] = defaultdict(int)
    first_month: dict[str, str] = {}
    for place, rs in reports.items():
        for r in rs:
            if r.date:
                per_month[r.date[:7]] += 1
                first_month[place] = min(first_month.get(place, r.date[:7]), r.date[:7])
    new: dict[str, int] = defaultdict(int)
    for m in first_month.values():
        new[m] += 1
    out, so_far = [], 0
    for m in sorted(per_month):
        so_far += new[m]
        out.append(DiffusionMonth(m, per_month[m], new[m], so_far))
    return tuple(out)
