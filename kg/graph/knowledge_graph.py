"""KnowledgeGraph: the merged graph, a plain data structure with its views; nothing here imports exports or queries."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from kg.records import (
    CLASSES, PREDICATES, DocumentGraph, DocumentInfo, Entity, Evidence, Fact, PostFact,
)
from kg.terms import KGR_IRI

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import rdflib

    from kg.export import Written


def short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


class UnknownEntity(LookupError):
    """A name that matches no entity, or several (the message lists the candidates)."""


class KnowledgeGraph:
    """Entities, typed relations with evidence, posts and co-occurrences of a corpus.

    Build one with :func:`kg.build` or read one back with :func:`kg.load`.
    """

    def __init__(self, base_iri: str = KGR_IRI) -> None:
        self.base_iri = base_iri
        self.documents: dict[str, DocumentInfo] = {}
        self._entities: dict[str, Entity] = {}
        self.entity_docs: dict[str, set[str]] = defaultdict(set)
        self._facts: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
        self._posts: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
        self.cooccurrence: dict[tuple[str, str], int] = defaultdict(int)
        self._store: Any = None
        self._alias_index: dict[str, set[str]] | None = None

    # ---- construction (the merge itself is kg.graph.merge) ---------------------------------
    @classmethod
    def from_documents(cls, graphs: Iterable[DocumentGraph], base_iri: str = KGR_IRI) -> "KnowledgeGraph":
        """Merge document graphs into a new graph (see :func:`kg.graph.merge.merge`)."""
        from kg.graph.merge import merge
        return merge(graphs, base_iri=base_iri, separate_homonyms=False)

    def add_document(self, g: DocumentGraph) -> None:
        """Add one more document's extraction to this graph (its entities merge by key)."""
        from kg.graph.merge import add_document
        add_document(self, g)

    def _merge_aliases(self) -> None:
        """Merge an entity into another of its class when its name is that one's unambiguous alias."""
        by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
        for e in self._entities.values():
            for n in (e.label, *e.aliases):
                by_name[(e.cls, n)].add(e.key)
        moves: dict[str, str] = {}
        for e in sorted(self._entities.values(), key=lambda e: e.key):
            if e.attr("local"):
                continue    # 县委 of an article naming no county: never another document's 中共X县委
            owners = by_name[(e.cls, e.label)] - {e.key}
            if len(owners) == 1:
                target = next(iter(owners))
                other = self._entities[target]
                # the entity whose canonical label is the longer (fuller) name absorbs the other
                if e.label in other.aliases and len(other.label) >= len(e.label) and target not in moves:
                    moves[e.key] = target
        if moves:
            self.rename(moves)

    def rename(self, moves: dict[str, str]) -> None:
        """Merge entities: every key in `moves` is folded into its target."""
        def m(k: str) -> str:
            seen = set()
            while k in moves and k not in seen:
                seen.add(k)
                k = moves[k]
            return k
        for src in sorted(moves):
            dst = m(src)
            e = self._entities.pop(src, None)
            if e is None or dst == src:
                continue
            t = self._entities[dst]
            self._entities[dst] = replace(t, aliases=tuple(sorted((set(t.aliases) | {e.label, *e.aliases}) - {t.label})),
                                          mentions=t.mentions + e.mentions, confidence=max(t.confidence, e.confidence),
                                          attrs=tuple(sorted({**dict(e.attrs), **dict(t.attrs)}.items())))
            self.entity_docs[dst] |= self.entity_docs.pop(src, set())
        facts: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
        for (s, p, o), evs in self._facts.items():
            s2, o2 = m(s), m(o)
            if s2 != o2:
                facts[(s2, p, o2)].extend(evs)
        self._facts = facts
        posts: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
        for (s, t, o), evs in self._posts.items():
            posts[(m(s), t, m(o))].extend(evs)
        self._posts = posts
        co: dict[tuple[str, str], int] = defaultdict(int)
        for (a, b), w in self.cooccurrence.items():
            a2, b2 = sorted((m(a), m(b)))
            if a2 != b2:
                co[(a2, b2)] += w
        self.cooccurrence = co
        self._invalidate()

    def _invalidate(self) -> None:
        self._store = None
        self._alias_index = None

    # ---- views ----------------------------------------------------------------------------
    def entities(self, cls: str | None = None) -> list[Entity]:
        """Entities sorted by key; `cls` keeps one class ("Person" includes officials), in English or
        Chinese as `kg html --classes` takes it ("Company" or "企业")."""
        if cls is not None:
            from kg.terms import class_name
            cls = class_name(cls)
        out = [e for e in self._entities.values() if cls is None or e.cls == cls
               or (cls == "Official" and e.cls == "Person" and self.is_official(e.key))]
        return sorted(out, key=lambda e: e.key)

    def entity(self, key: str) -> Entity:
        return self._entities[key]

    def is_official(self, key: str) -> bool:
        """Does the person `key` hold a public post (kg.graph.officials: a company or academic role alone
        makes no official)?"""
        return key in self.officials()

    def officials(self) -> frozenset[str]:
        """The persons holding a public post (worked out again when posts were added since)."""
        cached = getattr(self, "_officials", None)
        if cached is None or cached[0] != len(self._posts):
            from kg.graph.officials import officials
            cached = self._officials = (len(self._posts), frozenset(officials(self.posts())))
        return cached[1]

    def relations(self, predicate: str | None = None) -> list[Fact]:
        """Typed relations with their evidence, sorted; `predicate` is a local name such as "partOf"."""
        if predicate is not None and predicate not in PREDICATES:
            raise ValueError(f"unknown predicate {predicate!r}; expected one of {', '.join(PREDICATES)}")
        return [Fact(s, p, o, tuple(sorted(set(evs), key=_ev_order)))
                for (s, p, o), evs in sorted(self._facts.items()) if predicate is None or p == predicate]

    def posts(self) -> list[PostFact]:
        return [PostFact(s, t, o, tuple(sorted(set(evs), key=_ev_order)))
                for (s, t, o), evs in sorted(self._posts.items())]

    def find(self, name: str, cls: str | None = None) -> list[Entity]:
        """Entities whose label or any alias equals `name` (spaces and quotes ignored)."""
        if self._alias_index is None:
            idx: dict[str, set[str]] = defaultdict(set)
            for e in self._entities.values():
                for n in (e.label, *e.aliases):
                    idx[fold(n)].add(e.key)
            self._alias_index = idx
        keys = self._alias_index.get(fold(name), set())
        return sorted((self._entities[k] for k in keys if cls is None or self._entities[k].cls == cls),
                      key=lambda e: (-e.mentions, e.key))

    def resolve(self, name: str, cls: str | None = None) -> Entity:
        """The one entity `name` names, or UnknownEntity saying why not (with candidates)."""
        if name in self._entities:
            return self._entities[name]
        found = self.find(name, cls)
        if len(found) == 1:
            return found[0]
        if not found:
            folded = fold(name)
            near = sorted({e.label for e in self._entities.values()
                           if folded and (folded in fold(e.label) or any(folded in fold(a) for a in e.aliases))})[:10]
            hint = f"; did you mean: {'、'.join(near)}" if near else ""
            raise UnknownEntity(f"no entity is named {name!r}{hint}")
        exact = [e for e in found if e.label == name]
        if len(exact) == 1:
            return exact[0]
        raise UnknownEntity(f"{name!r} is ambiguous: " + "; ".join(f"{e.label} ({e.cls})" for e in found))

    def __len__(self) -> int:
        return len(self._entities)

    def __repr__(self) -> str:
        n = len(self.input_documents())
        return (f"<KnowledgeGraph {n} document{'s' if n != 1 else ''}, {len(self._entities)} entities, "
                f"{len(self._facts)} relations, {len(self._posts)} posts>")

    def summary(self) -> dict[str, Any]:
        per_class = {c: 0 for c in CLASSES}
        officials = 0
        for e in self._entities.values():
            per_class[e.cls] += 1
            officials += e.cls == "Person" and self.is_official(e.key)
        per_pred = {p: 0 for p in PREDICATES}
        for (_, p, _) in self._facts:
            per_pred[p] += 1
        docs = self.input_documents()
        return {"documents": len(docs), "characters": sum(d.chars for d in docs),
                "entities": per_class, "officials": officials, "relations": per_pred,
                "posts": len(self._posts), "cooccurrences": len(self.cooccurrence)}

    # ---- identifiers --------------------------------------------------------------------
    def iri(self, key: str) -> str:
        cls, _, label = key.partition("/")
        return f"{self.base_iri}{cls.lower()}/{short_hash(cls, label)}"

    def doc_iri(self, doc_id: str) -> str:
        d = self.documents.get(doc_id)
        return f"{self.base_iri}{'source' if d is not None and d.kind == 'reference' else 'doc'}/{doc_id}"

    def input_documents(self) -> list[DocumentInfo]:
        """The input texts, without reference sources such as the division list."""
        return [d for d in self.documents.values() if d.kind == "document"]

    # ---- other forms ------------------------------------------------------------------------
    def to_ntriples(self) -> str:
        from kg.export.rdf import to_ntriples
        return to_ntriples(self)

    def to_rdflib(self) -> "rdflib.Graph":
        import rdflib
        g = rdflib.Graph()
        from kg.terms import PREFIXES
        for p, iri in PREFIXES.items():
            g.bind(p, iri)
        g.parse(data=self.to_ntriples(), format="nt")
        return g

    def to_networkx(self, cooccurrence: bool = False, flat: bool = False) -> "networkx.MultiDiGraph":
        from kg.graph.nx import to_networkx
        return to_networkx(self, cooccurrence=cooccurrence, flat=flat)

    def sparql(self, query: str, engine: str = "oxigraph") -> Any:
        from kg.query.sparql import run_query
        return run_query(self, query, engine=engine)

    def save(self, directory: str | Path, build_key: str | None = None, formats: Iterable[str] | None = None,
             options: dict[str, Any] | None = None) -> "Written":
        """Write the exports into `directory` (kg.export.write_exports): every registered format, or
        only `formats` (names such as "ttl", "nt", "trig", "html", "store"); an unknown one is a
        kg.export.FormatError (ValueError) before anything is written. `options` gives a format its
        options, e.g. `{"html": {"max_nodes": 500}}`. `build_key`, from the BuildReport of the build
        that made this graph, keeps the exports in place when they were written from the same inputs
        and are untouched; give it only for the graph as built. The result maps file names to paths;
        its `unchanged` says whether the set in place was kept.

        >>> import tempfile
        >>> from kg.extract import extract_text
        >>> g = KnowledgeGraph.from_documents([extract_text("浙江省嵊州市。")])
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     sorted(g.save(tmp, formats=["ttl"]))
        ['graph.ttl']
        """
        from kg.export import write_exports
        return write_exports(self, Path(directory), formats=None if formats is None else list(formats),
                             build_key=build_key, options=options)


def fold(s: str) -> str:
    import unicodedata
    s = unicodedata.normalize("NFKC", s)
    return "".join(ch for ch in s if ch not in " \t\u3000“”\"'‘’「」『』《》〈〉")


def _ev_order(e: Evidence) -> tuple:
    return (e.doc_id, e.start, e.end, e.rule)
