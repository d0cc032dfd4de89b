"""One programme or one locality at a glance: who implements and joins it, what lies within it."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable

import networkx as nx

from kg.analysis._base import GraphLike, Result, as_networkx, cls_of, label_of, resolve, sentences


@dataclass(frozen=True)
class Member:
    """An entity linked to the one profiled, through `via` (itself, a sub-programme, a sub-locality, a body)."""
    key: str
    label: str
    cls: str
    via: str = ""            # label of the entity the link goes through; "" when direct
    count: int = 0           # sentences (or linked entities, for localities reached) behind it
    detail: str = ""         # post title, investment phrase, depth below the locality, ...
    value: float | None = None   # investment in yuan, for projects


def _rows(sections: dict[str, tuple[Member, ...]]) -> list[dict[str, Any]]:
    return [{"section": s, "label": m.label, "class": m.cls, "via": m.via, "count": m.count, "detail": m.detail}
            for s, ms in sections.items() for m in ms]


@dataclass(frozen=True)
class ProgrammeMap(Result):
    """Everything around one programme; sections include what its sub-programmes reach (see `via`)."""
    key: str
    label: str
    parents: tuple[Member, ...]          # subProgrammeOf, upwards
    sub_programmes: tuple[Member, ...]   # transitively
    implementers: tuple[Member, ...]
    companies: tuple[Member, ...]
    organisations: tuple[Member, ...]
    people: tuple[Member, ...]
    localities: tuple[Member, ...]       # implementing, or seat of an implementer or participant
    counts: dict[str, int] = field(default_factory=dict)

    def sections(self) -> dict[str, tuple[Member, ...]]:
        return {"parents": self.parents, "sub_programmes": self.sub_programmes, "implementers": self.implementers,
                "companies": self.companies, "organisations": self.organisations, "people": self.people,
                "localities": self.localities}

    def rows(self) -> list[dict[str, Any]]:
        return _rows(self.sections())


@dataclass(frozen=True)
class LocalityProfile(Result):
    """One locality with everything in it, its sub-localities (transitive partOf) included (see `via`)."""
    key: str
    label: str
    attrs: dict[str, str]
    parents: tuple[Member, ...]          # partOf, upwards
    sub_localities: tuple[Member, ...]
    bodies: tuple[Member, ...]
    organisations: tuple[Member, ...]
    officials: tuple[Member, ...]        # detail: the post's title; via: where the post is
    companies: tuple[Member, ...]
    projects: tuple[Member, ...]         # value: investment in yuan; detail: as written
    programmes: tuple[Member, ...]       # via: who implements it there
    investment_total: float = 0.0        # yuan, over projects with a known investment
    counts: dict[str, int] = field(default_factory=dict)

    def sections(self) -> dict[str, tuple[Member, ...]]:
        return {"parents": self.parents, "sub_localities": self.sub_localities, "bodies": self.bodies,
                "organisations": self.organisations, "officials": self.officials, "companies": self.companies,
                "projects": self.projects, "programmes": self.programmes}

    def rows(self) -> list[dict[str, Any]]:
        return _rows(self.sections())


# ---- walking the view --------------------------------------------------------------------------
#: One step of a walk: the neighbours of an entity along one predicate, with the edge data.
Step = Callable[[nx.MultiDiGraph, str], Iterable[tuple[str, dict]]]


def _in(G: nx.MultiDiGraph, k: str, pred: str) -> Iterable[tuple[str, dict]]:
    """Subjects `s` of `s pred k`, with the edge data."""
    for s, _, d in G.in_edges(k, data=True):
        if d.get("predicate") == pred:
            yield s, d


def _out(G: nx.MultiDiGraph, k: str, pred: str) -> Iterable[tuple[str, dict]]:
    for _, o, d in G.out_edges(k, data=True):
        if d.get("predicate") == pred:
            yield o, d


def _closure(G: nx.MultiDiGraph, start: str, step: Step) -> dict[str, tuple[str, int, int]]:
    """Entities reachable by repeating `step`: (the entity it was reached from, depth, sentences behind that edge).

    Cycles are safe: each entity is reached once, at its smallest depth.
    """
    seen: dict[str, tuple[str, int, int]] = {}
    frontier = [start]
    depth = 0
    while frontier:
        depth += 1
        nxt = []
        for k in frontier:
            for o, d in step(G, k):
                if o != start and o not in seen:
                    seen[o] = (k, depth, sentences(d))
                    nxt.append(o)
        frontier = nxt
    return seen


def _below_and_above(G: nx.MultiDiGraph, key: str, pred: str) -> tuple[dict[str, tuple[str, int, int]], ...]:
    """The closures of `key` along a hierarchy predicate (partOf, subProgrammeOf): (below it, above it)."""
    return _closure(G, key, lambda G, k: _in(G, k, pred)), _closure(G, key, lambda G, k: _out(G, k, pred))


def _chain(G: nx.MultiDiGraph, start: str, found: dict[str, tuple[str, int, int]]) -> tuple[Member, ...]:
    """Members of a closure, nearest first; `via` is the entity each one hangs from, `detail` its depth."""
    return tuple(sorted((_member(G, k, via if via != start else "", n, f"depth {depth}")
                         for k, (via, depth, n) in found.items()), key=lambda m: (int(m.detail[6:]), m.label)))


def _member(G: nx.MultiDiGraph, key: str, via: str = "", count: int = 0, detail: str = "",
            value: float | None = None) -> Member:
    return Member(key, label_of(G, key), cls_of(G, key), label_of(G, via) if via else "", count, detail, value)


def _sorted(ms: Iterable[Member]) -> tuple[Member, ...]:
    return tuple(sorted(ms, key=lambda m: (-m.count, m.label, m.via)))


def _merge(items: Iterable[tuple[str, str, int, str]], G: nx.MultiDiGraph) -> tuple[Member, ...]:
    """(key, via, count, detail) → one Member per key: counts summed, the first via kept."""
    acc: dict[str, list] = {}
    for key, via, count, detail in items:
        if key in acc:
            acc[key][1] += count
        else:
            acc[key] = [via, count, detail]
    return _sorted(_member(G, k, v, c, d) for k, (v, c, d) in acc.items())


def _investment(d: dict) -> float | None:
    try:
        return float(d["investment"])
    except (KeyError, TypeError, ValueError):
        return None


# ---- programme --------------------------------------------------------------------------------
def programme_map(g: GraphLike, programme: str) -> ProgrammeMap:
    """Who implements a programme, its parent and sub-programmes, who takes part, and where it reaches.

    Sub-programmes count as part of it: their implementers and participants are listed with
    ``via`` naming the sub-programme.

    Parameters
    ----------
    g : KnowledgeGraph or networkx.MultiDiGraph
        The graph or its networkx view.
    programme : str
        The programme's label, alias or key.

    Returns
    -------
    ProgrammeMap
        Sections of Member (``count``: sentences behind the link; for localities, how many
        implementers and participants lead there) and ``counts`` per section.

    Raises
    ------
    kg.UnknownEntity
        When the name is unknown, ambiguous, or names something that is not a Programme.

    Examples
    --------
    >>> from kg.analysis import example_graph, programme_map
    >>> pm = programme_map(example_graph(), "一号改革工程")
    >>> "一号改革工程" in pm.label
    True
    >>> sorted(pm.counts) == sorted(pm.sections())
    True
    """
    G = as_networkx(g)
    key = resolve(g, programme, "Programme")
    subs, parents = _below_and_above(G, key, "subProgrammeOf")
    scope = {key: "", **{k: k for k in subs}}
    implementers, takers = [], []
    for p, via in scope.items():
        implementers += [(s, via, sentences(d), "") for s, d in _in(G, p, "implements")]
        takers += [(s, via, sentences(d), "") for s, d in _in(G, p, "participatesIn")]
    by_cls: dict[str, list] = {"Company": [], "Organization": [], "Person": []}
    for t in takers:
        by_cls.setdefault(cls_of(G, t[0]), []).append(t)
    localities = _reached(G, [s for s, *_ in implementers + takers])
    pm = ProgrammeMap(
        key, label_of(G, key),
        parents=_chain(G, key, parents), sub_programmes=_chain(G, key, subs),
        implementers=_merge(implementers, G), companies=_merge(by_cls["Company"], G),
        organisations=_merge(by_cls["Organization"], G), people=_merge(by_cls["Person"], G), localities=localities,
    )
    return _with_counts(pm)


def _reached(G: nx.MultiDiGraph, members: list[str]) -> tuple[Member, ...]:
    """The localities a programme reaches: implementing localities, and the seats of its implementers
    and participants (`members`), each with how many of them lead there and through which."""
    reached: dict[str, set[str]] = {}
    for s in members:
        if cls_of(G, s) == "Locality":
            reached.setdefault(s, set()).add(s)
        for o, _ in _out(G, s, "locatedIn"):
            reached.setdefault(o, set()).add(s)
        for o, d in _out(G, s, "holds"):
            if cls_of(G, o) == "Locality":
                reached.setdefault(o, set()).add(s)
    return _sorted(_member(G, loc, "" if by == {loc} else sorted(by - {loc})[0], len(by))
                   for loc, by in reached.items())


def _with_counts(r: Any) -> Any:
    return replace(r, counts={s: len(ms) for s, ms in r.sections().items()})


# ---- locality ---------------------------------------------------------------------------------
def locality_profile(g: GraphLike, locality: str) -> LocalityProfile:
    """A locality with its sub-localities (transitively, through partOf) and what is in any of them.

    Bodies, organisations, companies and projects are those locatedIn the locality or a
    sub-locality; officials hold a post there or in one of those bodies; programmes are
    implemented by the locality, a sub-locality or one of those bodies. ``via`` names the
    sub-locality or body each one comes through.

    Parameters
    ----------
    g : KnowledgeGraph or networkx.MultiDiGraph
        The graph or its networkx view.
    locality : str
        The locality's label, alias or key ("嵊州" finds 嵊州市).

    Returns
    -------
    LocalityProfile
        Sections of Member, ``investment_total`` (yuan, over projects whose investment is
        known) and ``counts`` per section.

    Raises
    ------
    kg.UnknownEntity
        When the name is unknown, ambiguous, or names something that is not a Locality.

    Examples
    --------
    >>> from kg.analysis import example_graph, locality_profile
    >>> p = locality_profile(example_graph(), "嵊州")
    >>> p.label
    '嵊州市'
    >>> {"剡湖街道", "下王镇", "三界镇"} <= {m.label for m in p.sub_localities}
    True
    """
    G = as_networkx(g)
    key = resolve(g, locality, "Locality")
    subs, parents = _below_and_above(G, key, "partOf")
    places = [key, *subs]
    located = _located(G, key, places)
    bodies = list(dict.fromkeys(b for b, *_ in located.get("GovernmentBody", [])))  # once, if seated in two places
    officials, programmes = _posts_and_programmes(G, key, places + bodies)
    projects_by_key = _projects(G, located.get("Project", []))
    lp = LocalityProfile(
        key, label_of(G, key), {a: str(G.nodes[key][a]) for a in ("adminCode", "adminLevel", "adminPath") if a in G.nodes[key]},
        parents=_chain(G, key, parents), sub_localities=_chain(G, key, subs),
        bodies=_merge(located.get("GovernmentBody", []), G), organisations=_merge(located.get("Organization", []), G),
        # a person may hold several posts: one row per post
        officials=tuple(sorted((_member(G, p, via, c, t) for p, via, c, t in set(officials)),
                               key=lambda m: (m.via, m.label, m.detail))),
        companies=_merge(located.get("Company", []), G),
        projects=_sorted(projects_by_key.values()), programmes=_merge(programmes, G),
        investment_total=float(sum(m.value for m in projects_by_key.values() if m.value is not None)),
    )
    return _with_counts(lp)


def _located(G: nx.MultiDiGraph, key: str, places: list[str]) -> dict[str, list[tuple[str, str, int, str]]]:
    """Class → (entity, via, sentences, "") of what is locatedIn one of `places` (`via` is "" for `key` itself)."""
    located: dict[str, list] = {}
    for place in places:
        for s, d in _in(G, place, "locatedIn"):
            located.setdefault(cls_of(G, s), []).append((s, place if place != key else "", sentences(d), ""))
    return located


def _posts_and_programmes(G: nx.MultiDiGraph, key: str, orgs: list[str]) -> tuple[list, list]:
    """(person, via, sentences, title) of the posts held in `orgs` and (programme, via, sentences, "")
    of the programmes they implement; `via` is the org, "" for `key` itself."""
    officials, programmes = [], []
    for org in orgs:
        via = org if org != key else ""
        officials += [(person, via, sentences(d), d.get("title", "")) for person, d in _in(G, org, "holds")]
        programmes += [(p, via, sentences(d), "") for p, d in _out(G, org, "implements")]
    return officials, programmes


def _projects(G: nx.MultiDiGraph, located: list[tuple[str, str, int, str]]) -> dict[str, Member]:
    """Key → Member (with its investment) of the projects located in the places; one project counts
    once, however many places it is located in (the last one met gives its `via`)."""
    projects = []
    for p, via, count, _ in located:
        d = G.nodes[p]
        projects.append(_member(G, p, via, count, d.get("investmentText", ""), _investment(d)))
    return {m.key: m for m in projects}
