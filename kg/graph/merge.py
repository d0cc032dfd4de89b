"""The merge step: document graphs, consumed one at a time in any order, become one KnowledgeGraph.

The result does not depend on the order documents arrive in (results of a process pool or a Dask
cluster come back as they finish): where documents disagree, the one with the smallest id wins, and
the graph's dictionaries are put in sorted order at the end. Memory holds the merged graph, never
the documents' texts or their whole extractions."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Iterable

from kg.graph.knowledge_graph import KnowledgeGraph
from kg.records import DocumentGraph, DocumentInfo, Entity, EntityKey, Evidence
from kg.terms import KGR_IRI


class Merge:
    """Accumulates document graphs (`add`) and returns the merged graph (`finish`).

    With `separate_homonyms`, places that share a name but not a division path keep their own keys
    (Locality/三界镇@嵊州市); since that is only known once every document is in, each listed place
    is held under its path-qualified key and folded back into the plain key at the end when its name
    turned out to be unique.
    """

    def __init__(self, base_iri: str = KGR_IRI, separate_homonyms: bool = True) -> None:
        self.base_iri = base_iri
        self.separate_homonyms = separate_homonyms
        self.documents: dict[str, DocumentInfo] = {}
        self._entities: dict[str, tuple[str, Entity]] = {}          # key → (doc id it came from first, entity)
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._mentions: dict[str, int] = defaultdict(int)
        self._confidence: dict[str, float] = {}
        self._attrs: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)   # key → attr → (doc id, value)
        self._entity_docs: dict[str, set[str]] = defaultdict(set)
        self._facts: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
        self._posts: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
        self._cooccurrence: dict[tuple[str, str], int] = defaultdict(int)
        self._paths: dict[str, set[str]] = defaultdict(set)         # plain Locality key → division paths seen
        self._qualified: dict[str, str] = {}                        # path-qualified key → plain key

    def add(self, g: DocumentGraph) -> None:
        d = g.document
        self.documents[d.id] = DocumentInfo(d.id, d.source, d.title, len(d.text), date=d.date,
                                            publisher=d.publisher, url=d.url, meta_title=d.meta_title,
                                            date_source=d.date_source)
        moves = self._qualify(g) if self.separate_homonyms else {}
        m = moves.get
        for e in g.entities:
            key = m(e.key, e.key)
            self._add_entity(d.id, replace(e, key=key) if key != e.key else e)
            self._entity_docs[key].add(d.id)
        for r in g.relations:
            self._facts[(m(r.subject, r.subject), r.predicate, m(r.object, r.object))].append(r.evidence)
        for p in g.posts:
            self._posts[(m(p.person, p.person), p.title, m(p.org, p.org))].append(p.evidence)
        for a, b, w in g.cooccurrences:
            a, b = sorted((m(a, a), m(b, b)))
            self._cooccurrence[(a, b)] += w

    def _qualify(self, g: DocumentGraph) -> dict[str, EntityKey]:
        """Each listed place's path-qualified key (Locality/三界镇@嵊州市: the name and its parent),
        noting the paths each plain key is seen with."""
        moves: dict[str, EntityKey] = {}
        for e in g.entities:
            p = e.attr("adminPath")
            if e.cls == "Locality" and p:
                self._paths[e.key].add(p)
                q = EntityKey(e.cls, f"{EntityKey.parse(e.key).label}@{p.split('/')[-2] if '/' in p else p}")
                moves[e.key] = q
                self._qualified[q] = e.key
        return moves

    def _add_entity(self, doc_id: str, e: Entity) -> None:
        k = e.key
        first = self._entities.get(k)
        if first is None or doc_id < first[0]:
            self._entities[k] = (doc_id, e)
        self._aliases[k].update(e.aliases)
        self._mentions[k] += e.mentions
        self._confidence[k] = max(self._confidence.get(k, e.confidence), e.confidence)
        attrs = self._attrs[k]
        for name, value in e.attrs:
            if name not in attrs or doc_id < attrs[name][0]:
                attrs[name] = (doc_id, value)

    def finish(self) -> KnowledgeGraph:
        """The merged graph; `add` may not be called afterwards."""
        # a listed place whose name has a single path is the plain key again
        fold = {q: plain for q, plain in self._qualified.items() if len(self._paths[plain]) == 1}
        if fold:
            for q, plain in sorted(fold.items()):
                self._fold_entity(q, plain)
        f = fold.get
        kg = KnowledgeGraph(self.base_iri)
        for doc_id in sorted(self.documents):
            kg.documents[doc_id] = self.documents[doc_id]
        for k in sorted(self._entities):
            _, e = self._entities[k]
            aliases = tuple(sorted(self._aliases[k] - {e.label}))
            attrs = tuple(sorted((n, v) for n, (_, v) in self._attrs[k].items()))
            kg._entities[k] = replace(e, aliases=aliases, mentions=self._mentions[k],
                                      confidence=self._confidence[k], attrs=attrs)
            kg.entity_docs[k] = set(self._entity_docs[k])
        facts: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
        for (s, p, o), evs in self._facts.items():
            facts[(f(s, s), p, f(o, o))].extend(evs)
        for t in sorted(facts):
            kg._facts[t] = facts[t]
        posts: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
        for (s, t, o), evs in self._posts.items():
            posts[(f(s, s), t, f(o, o))].extend(evs)
        for t in sorted(posts):
            kg._posts[t] = posts[t]
        co: dict[tuple[str, str], int] = defaultdict(int)
        for (a, b), w in self._cooccurrence.items():
            a, b = sorted((f(a, a), f(b, b)))
            co[(a, b)] += w
        for t in sorted(co):
            kg.cooccurrence[t] = co[t]
        kg._merge_aliases()
        return kg

    def _fold_entity(self, q: str, plain: str) -> None:
        """Merge the entity held under `q` into `plain` (as if it had been added under that key)."""
        doc_q, e = self._entities.pop(q)
        e = replace(e, key=plain)
        first = self._entities.get(plain)
        if first is None or doc_q < first[0]:
            self._entities[plain] = (doc_q, e)
        self._aliases[plain] |= self._aliases.pop(q)
        self._mentions[plain] += self._mentions.pop(q)
        c = self._confidence.pop(q)
        self._confidence[plain] = max(self._confidence.get(plain, c), c)
        attrs = self._attrs[plain]
        for name, (doc_id, value) in self._attrs.pop(q).items():
            if name not in attrs or doc_id < attrs[name][0]:
                attrs[name] = (doc_id, value)
        self._entity_docs[plain] |= self._entity_docs.pop(q)


def merge(graphs: Iterable[DocumentGraph], base_iri: str = KGR_IRI, separate_homonyms: bool = True) -> KnowledgeGraph:
    """Merge document graphs (any iterable, consumed one at a time) into a KnowledgeGraph.

    >>> from kg.records import Document, entity_key
    >>> def doc(i, town, path):
    ...     e = Entity(entity_key("Locality", town), "Locality", town, mentions=1, attrs=(("adminPath", path),))
    ...     return DocumentGraph(Document(i, f"{i}.txt", town), (e,), (), ())
    >>> g = merge([doc("b", "三界镇", "浙江省/绍兴市/嵊州市/三界镇"), doc("a", "三界镇", "安徽省/滁州市/明光市/三界镇")])
    >>> [e.key for e in g.entities()]      # one name, two places: two nodes
    ['Locality/三界镇@嵊州市', 'Locality/三界镇@明光市']
    >>> [e.key for e in merge([doc("a", "三界镇", "浙江省/绍兴市/嵊州市/三界镇")]).entities()]
    ['Locality/三界镇']
    """
    m = Merge(base_iri, separate_homonyms=separate_homonyms)
    for g in graphs:
        m.add(g)
    return m.finish()


def add_document(kg: KnowledgeGraph, g: DocumentGraph) -> None:
    """Add one document's extraction to an existing graph: entities merge by key, earlier attributes win.

    >>> from kg.records import Document, entity_key
    >>> e = Entity(entity_key("Company", "贝达药业"), "Company", "贝达药业", ("贝达",), 1)
    >>> g = KnowledgeGraph()
    >>> add_document(g, DocumentGraph(Document("a", "a.txt", "贝达药业"), (e,), (), ()))
    >>> add_document(g, DocumentGraph(Document("b", "b.txt", "贝达药业"), (e,), (), ()))
    >>> [(x.key, x.mentions, sorted(g.entity_docs[x.key])) for x in g.entities()]
    [('Company/贝达药业', 2, ['a', 'b'])]
    """
    d = g.document
    kg.documents[d.id] = DocumentInfo(d.id, d.source, d.title, len(d.text), date=d.date,
                                      publisher=d.publisher, url=d.url, meta_title=d.meta_title,
                                      date_source=d.date_source)
    for e in g.entities:
        old = kg._entities.get(e.key)
        if old is None:
            kg._entities[e.key] = e
        else:
            attrs = dict(e.attrs)
            attrs.update(dict(old.attrs))
            kg._entities[e.key] = replace(
                old, aliases=tuple(sorted((set(old.aliases) | set(e.aliases)) - {old.label})),
                mentions=old.mentions + e.mentions, confidence=max(old.confidence, e.confidence),
                attrs=tuple(sorted(attrs.items())))
        kg.entity_docs[e.key].add(d.id)
    for r in g.relations:
        kg._facts[(r.subject, r.predicate, r.object)].append(r.evidence)
    for p in g.posts:
        kg._posts[(p.person, p.title, p.org)].append(p.evidence)
    for a, b, w in g.cooccurrences:
        kg.cooccurrence[(a, b)] += w
    kg._invalidate()
