"""Recognisers: each finds mentions of one kind in a document's sentences.

Every recogniser is a component registered with `@component("recogniser", name)` (kg.extract.registry),
a small function with the same interface, `(ctx) -> list[Mention]`, fed by lexicons in data/; the
checks, the selection of the longest non-overlapping mentions and the additions after them are
`mention-pass` components, `(ctx, mentions) -> list[Mention]`. `recognise` runs the recognisers and
then the passes a `Pipeline` names (its default: `kg.extract.registry.DEFAULT`). The shared context
carries the tagger's tokens so that each recogniser can respect word boundaries.

The components live by what they recognise; importing this module registers them all:

- kg.extract.recognise_base: the context, the word families of data/lexicon, shared checks of names
- kg.extract.recognise_organisations: known, tagger, suffix, place-bodies, lists
- kg.extract.recognise_places: gazetteer
- kg.extract.recognise_people: bylines; passes unsupported-people, people-inside-names
- kg.extract.recognise_programmes: programmes, plain-programmes; pass repeated-programmes
- kg.extract.recognise_documents: policy-documents
- kg.extract.recognise_projects: projects
- kg.extract.recognise_passes: passes well-formed, anonymous, select
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.recognise_base import (Context, Recogniser, Token, classify_name, context, drop_bracketed_tail,
                                       lexicon, longest_suffix, tokenise)
from kg.extract.recognise_documents import policy_documents
from kg.extract.recognise_organisations import known_names, listed_names, place_bodies, suffix_chunks, tagger_names
from kg.extract.recognise_passes import PRIORITY, anonymous_names, select, select_longest, well_formed, well_formed_names
from kg.extract.recognise_people import bylines, people_in_programmes, people_inside_names, unsupported_people
from kg.extract.recognise_places import document_places, gazetteer
from kg.extract.recognise_programmes import plain_programmes, programmes, repeated_programmes
from kg.extract.recognise_projects import projects
from kg.extract.resources import Resources
from kg.records import Document, Mention, Sentence

if TYPE_CHECKING:
    from kg.extract.registry import Pipeline

__all__ = ["Context", "Recogniser", "Token", "classify_name", "context", "drop_bracketed_tail", "lexicon",
           "longest_suffix", "tokenise", "recognise", "document_places", "PRIORITY", "select", "well_formed",
           # recognisers
           "known_names", "programmes", "policy_documents", "plain_programmes", "projects", "suffix_chunks",
           "place_bodies", "listed_names", "tagger_names", "gazetteer", "bylines",
           # mention passes
           "well_formed_names", "anonymous_names", "select_longest", "unsupported_people", "people_in_programmes",
           "people_inside_names", "repeated_programmes"]


def recognise(doc: Document, sentences: list[Sentence], res: Resources,
              pipeline: "Pipeline | tuple[str, ...] | None" = None,
              tokens: list[list[Token]] | None = None) -> list[Mention]:
    """The mentions of a document: every recogniser of the pipeline, then its mention passes in order
    (a tuple of recogniser names runs those with the default passes).

    >>> from kg.extract.resources import resources
    >>> from kg.text.sentences import split_sentences
    >>> doc = Document("d", "d.txt", "嵊州市人民政府召开会议。")
    >>> [(m.text, m.cls) for m in recognise(doc, split_sentences(doc.text, "d"), resources())]
    [('嵊州市人民政府', 'GovernmentBody')]
    """
    from kg.extract.registry import Pipeline
    if pipeline is None:
        pipeline = Pipeline.default()
    if not isinstance(pipeline, Pipeline):
        pipeline = replace(Pipeline.default(), recognisers=tuple(pipeline))
    ctx = Context(doc, sentences, tokenise(sentences) if tokens is None else tokens, res)
    found: list[Mention] = []
    for c in pipeline.components("recogniser"):
        found.extend(c(ctx))
    ctx.recognised = found
    mentions = found
    for c in pipeline.components("mention-pass"):
        mentions = c(ctx, mentions)
    return mentions
