"""Grounding of the merged graph in the official division list: every listed place gets its chain of
kg:partOf up to its province, with the list (not an article) as the evidence, and places that share
a name across the country (三界镇 ×3) stay separate nodes (the merge, kg.graph.merge, keeps them apart).

In RDF the list is a `kg:ReferenceSource` (a `prov:Entity`, not a `kg:Document`: no article says
these links), and each link it adds is a `kg:Evidence` derived from it with `kg:rule "division-list"`
and no sentence. Ancestors that no article names (浙江省 above 绍兴市) are entities with
`kg:mentionCount 0` and no `kg:mentionedIn`."""
from __future__ import annotations

from collections import defaultdict

from kg.extract.divisions import Divisions, divisions
from kg.extract.resources import LEXICON, read_lines
from kg.graph.knowledge_graph import KnowledgeGraph
from kg.records import DocumentInfo, Entity, EntityKey, Evidence, entity_key

# village endings (村, 社区): the lines of use "village" of the level words
_VILLAGE_ENDS = tuple(r[0] for r in read_lines(LEXICON / "level_words.txt") if len(r) > 1 and "village" in r[1].split(","))

# the division list as a reference source: its id, source and title (data/lexicon/reference_sources.txt)
DIVISIONS_DOC, DIVISIONS_SOURCE, DIVISIONS_TITLE = next(r for r in read_lines(LEXICON / "reference_sources.txt")
                                                        if r[0] == "divisions")[:3]


def complete_hierarchy(kg: KnowledgeGraph) -> int:
    """Add each listed place's missing ancestors and kg:partOf links up to the province. Returns links added.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("嵊州市三界镇召开会议。")])
    >>> complete_hierarchy(g)
    2
    >>> sorted((f.subject, f.object) for f in g.relations("partOf"))[-2:]
    [('Locality/嵊州市', 'Locality/绍兴市'), ('Locality/绍兴市', 'Locality/浙江省')]
    """
    d = divisions()
    by_path: dict[str, str] = {}
    for e in kg.entities("Locality"):
        p = e.attr("adminPath")
        if p:
            by_path[p] = e.key
    by_path.update(_village_paths(kg, d, by_path))
    parents: dict[str, set[str]] = defaultdict(set)
    for (s, p, o) in kg._facts:
        if p == "partOf":
            parents[s].add(o)
    added = 0
    for path, key in sorted(by_path.items()):
        parts = path.split("/")
        child = key
        for n in range(len(parts) - 1, 0, -1):
            parent_path = "/".join(parts[:n])
            parent = by_path.get(parent_path)
            if parent is None:
                parent = _ancestor(kg, d, parent_path)
                by_path[parent_path] = parent
            if not _reaches(parents, child, parent):
                parents[child].add(parent)
                kg.documents.setdefault(DIVISIONS_DOC, DocumentInfo(DIVISIONS_DOC, DIVISIONS_SOURCE, DIVISIONS_TITLE,
                                                                    kind="reference"))
                kg._facts[(child, "partOf", parent)].append(Evidence(DIVISIONS_DOC, "", 0, 0, 1.0, "division-list"))
                added += 1
            child = parent
    kg._invalidate()
    return added


def _village_paths(kg: KnowledgeGraph, d: Divisions, by_path: dict[str, str]) -> dict[str, str]:
    """Villages (the list has no codes for them) under the one township of their documents that the
    list puts them in: the township named, or one of the county named (塘民村 in an article about
    江北区 is 甬江街道's). Their path in the list → their key.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("湖北省英山县陶家河乡召开会议，詹家河村代表发言。")])
    >>> complete_hierarchy(g) > 0, ("Locality/詹家河村", "partOf", "Locality/陶家河乡") in g._facts
    (True, True)
    """
    places: dict[str, list[int]] = defaultdict(list)       # document → the listed places it names
    for path, key in by_path.items():
        i = next((i for i in d.by_name.get(path.rsplit("/", 1)[-1], ()) if _path_of(d, i) == path), None)
        if i is not None and d.items[i].level in ("county", "township"):
            for doc in kg.entity_docs.get(key, ()):
                places[doc].append(i)
    out: dict[str, str] = {}
    for e in kg.entities("Locality"):
        if e.attr("adminPath") or not e.label.endswith(_VILLAGE_ENDS):
            continue
        near = {i for doc in kg.entity_docs.get(e.key, ()) for i in places.get(doc, ())}
        towns = {t for i in near for t in ([i] if d.items[i].level == "township" else _townships(d, i))
                 if e.label in d.villages.get(t, ())}
        named = {t for t in towns if t in near}           # the township the document names, if any
        towns = named or towns
        if len(towns) == 1:
            out[_path_of(d, towns.pop()) + "/" + e.label] = e.key
    return out


def _townships(d: Divisions, county: int) -> list[int]:
    return [c for c in _children(d).get(county, ()) if d.items[c].level == "township"]


_CHILDREN: dict[int, dict[int, list[int]]] = {}


def _children(d: Divisions) -> dict[int, list[int]]:
    if id(d) not in _CHILDREN:
        out: dict[int, list[int]] = defaultdict(list)
        for it in d.items:
            if it.parent is not None:
                out[it.parent].append(it.index)
        _CHILDREN[id(d)] = out
    return _CHILDREN[id(d)]


def _ancestor(kg: KnowledgeGraph, d: Divisions, path: str) -> EntityKey:
    """The entity for a listed ancestor no article names (浙江省 above 绍兴市), added with its codes."""
    names = path.split("/")
    idx = next((i for i in d.by_name.get(names[-1], ()) if _path_of(d, i) == path), None)
    key = entity_key("Locality", names[-1])
    if key in kg._entities and kg._entities[key].attr("adminPath") not in (None, path):
        key = EntityKey("Locality", f"{names[-1]}@{names[-2]}") if len(names) > 1 else key
    if key not in kg._entities:
        attrs = {"adminPath": path}
        if idx is not None:
            attrs["adminLevel"] = d.items[idx].level
            if d.items[idx].code:
                attrs["adminCode"] = d.items[idx].code
        kg._entities[key] = Entity(key, "Locality", names[-1], (), 0, 1.0, tuple(sorted(attrs.items())))
    return key


def _path_of(d: Divisions, i: int) -> str:
    return "/".join([d.items[a].name for a in reversed(d.ancestors(i))] + [d.items[i].name])


def _reaches(parents: dict[str, set[str]], a: str, b: str) -> bool:
    seen, todo = {a}, [a]
    while todo:
        for o in parents.get(todo.pop(), ()):
            if o == b:
                return True
            if o not in seen:
                seen.add(o)
                todo.append(o)
    return False


def merge_short_names(kg: KnowledgeGraph, user_dir=None) -> int:
    """Across documents, a company cited without its trade word (贝达) is the one with it (贝达药业)
    when exactly one such company exists. Returns how many were merged.

    >>> from kg.graph.merge import merge
    >>> from kg.records import Document, DocumentGraph
    >>> companies = tuple(Entity(entity_key("Company", n), "Company", n) for n in ("贝达", "贝达药业"))
    >>> g = merge([DocumentGraph(Document("a", "a.txt", "贝达药业、贝达"), companies, (), ())])
    >>> merge_short_names(g), [(e.key, e.aliases) for e in g.entities("Company")]
    (1, [('Company/贝达药业', ('贝达',))])
    """
    from kg.extract.resources import resources

    trades = resources(user_dir).company_short
    companies = {e.label: e.key for e in kg.entities("Company")}
    moves: dict[str, str] = {}
    for label, key in sorted(companies.items()):
        fuller = [companies[label + t] for t in trades if label + t in companies]
        if len(fuller) == 1 and len(label) >= 2:
            moves[key] = fuller[0]
    if moves:
        kg.rename(moves)
    return len(moves)
