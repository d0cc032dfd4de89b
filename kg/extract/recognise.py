"""Recognisers: each finds mentions of entity classes in a document's sentences (stub, being replaced)."""
from __future__ import annotations

from kg.extract import lac
from kg.model import Document, Mention, Sentence


def recognise(doc: Document, sentences: list[Sentence], res) -> list[Mention]:
    out = []
    tagged = lac.tag([s.text for s in sentences])
    for s, toks in zip(sentences, tagged):
        pos = s.start
        for w, t in toks:
            if t in ("PER", "LOC", "ORG") and len(w) >= 2:
                cls = {"PER": "Person", "LOC": "Locality"}.get(t) or ("Company" if w.endswith(("公司", "集团")) else "GovernmentBody")
                out.append(Mention(w, pos, pos + len(w), cls, s.index, "lac"))
            pos += len(w)
    return out
