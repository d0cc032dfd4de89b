"""Resolution: mentions → entities of the document (stub, being replaced)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kg.model import Document, Entity, Mention, Sentence, entity_key


@dataclass(frozen=True)
class Resolved:
    entities: list[Entity]
    mentions: list[tuple[Mention, str]]   # each kept mention with its entity key


def resolve(doc: Document, sentences: list[Sentence], mentions: list[Mention], res) -> Resolved:
    counts = Counter(entity_key(m.cls, m.text) for m in mentions)
    ents = [Entity(k, k.split("/", 1)[0], k.split("/", 1)[1], (), n) for k, n in sorted(counts.items())]
    return Resolved(ents, [(m, entity_key(m.cls, m.text)) for m in mentions])
