"""Extraction: mentions → entities → relations with evidence, for one document."""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.records import Document, DocumentGraph, Sentence

if TYPE_CHECKING:
    from kg.extract.registry import Pipeline


def extract(doc: Document, sentences: list[Sentence], timings: dict[str, float] | None = None,
            user_dir: Path | None = None, tokens: list | None = None,
            pipeline: "Pipeline | None" = None) -> DocumentGraph:
    """One document's graph. `tokens` are the sentences' tagged words (kg.extract.recognise.tokenise),
    when the caller tagged several documents' sentences together; without them they are tagged here.
    `pipeline` names the components to run (kg.extract.registry.Pipeline; default: all of them).

    >>> from kg.text.sentences import split_sentences
    >>> doc = Document("d", "d.txt", "下王镇积极推进“一号改革工程”。")
    >>> g = extract(doc, split_sentences(doc.text, doc.id))
    >>> [(r.subject, r.predicate, r.object) for r in g.relations]
    [('Locality/下王镇', 'implements', 'Programme/营商环境优化提升一号改革工程')]
    """
    from kg.extract.recognise import recognise
    from kg.extract.relations import relate
    from kg.extract.resolve import resolve
    from kg.extract.resources import resources

    timings = timings if timings is not None else {}
    res = resources(user_dir)
    t0 = time.perf_counter()
    mentions = recognise(doc, sentences, res, pipeline=pipeline, tokens=tokens)
    t1 = time.perf_counter()
    resolved = resolve(doc, sentences, mentions, res)
    t2 = time.perf_counter()
    relations, posts, cooc = relate(doc, sentences, resolved, res, pipeline=pipeline)
    t3 = time.perf_counter()
    timings["recognise"] = t1 - t0
    timings["resolve"] = t2 - t1
    timings["relations"] = t3 - t2
    return DocumentGraph(doc, tuple(resolved.entities), tuple(relations), tuple(posts), tuple(cooc))


def filter_confidence(g: DocumentGraph, minimum: float) -> DocumentGraph:
    """Keep relations and posts whose evidence reaches `minimum`; entities below it go too.

    >>> g = extract_text("下王镇积极推进“一号改革工程”。")
    >>> len(filter_confidence(g, 0.5).relations), len(filter_confidence(g, 1.0).relations)
    (1, 0)
    """
    ents = tuple(e for e in g.entities if e.confidence >= minimum)
    keys = {e.key for e in ents}
    rels = tuple(r for r in g.relations if r.evidence.confidence >= minimum and r.subject in keys and r.object in keys)
    posts = tuple(p for p in g.posts if p.evidence.confidence >= minimum and p.person in keys and p.org in keys)
    cooc = tuple(c for c in g.cooccurrences if c[0] in keys and c[1] in keys)
    return replace(g, entities=ents, relations=rels, posts=posts, cooccurrences=cooc)


def extract_text(text: str, doc_id: str = "text", pipeline: "Pipeline | None" = None,
                 user_dir: Path | None = None) -> DocumentGraph:
    """The graph of one short text, read as a document would be (normalised, split into sentences),
    without files or a cache: the entry point of sentence-level tests and experiments.

    >>> g = extract_text("嵊州市人民政府印发《嵊州市营商环境优化提升行动方案》。")
    >>> sorted(e.key for e in g.entities)[:2]
    ['GovernmentBody/嵊州市人民政府', 'Locality/嵊州市']
    """
    from kg.text.normalise import normalise
    from kg.text.sentences import split_sentences

    doc = Document(doc_id, f"{doc_id}.txt", normalise(text).text)
    return extract(doc, split_sentences(doc.text, doc.id), user_dir=user_dir, pipeline=pipeline)
