"""The data that flows between pipeline steps: plain frozen dataclasses, no behaviour."""
from __future__ import annotations

from dataclasses import dataclass, field

#: The entity classes of the public contract (../shared/ONTOLOGY.md), in display order.
CLASSES: tuple[str, ...] = (
    "Locality", "Programme", "Company", "GovernmentBody", "Organization", "Person", "Project",
    "PolicyDocument",
)
#: Typed relations of the contract (kg:relatedTo is kept apart as co-occurrence).
PREDICATES: tuple[str, ...] = (
    "partOf", "locatedIn", "implements", "participatesIn", "subProgrammeOf", "subsidiaryOf", "develops",
    "issuedBy",
)


@dataclass(frozen=True)
class Document:
    """One input document after normalisation; every offset elsewhere points into `text`."""
    id: str            # unique in the build, stable: derived from the file name (docs/inputs.md)
    source: str        # the path relative to the argument it was found under (+ "#line" for a JSON Lines record)
    text: str          # normalised text
    title: str | None = None       # the metadata's title, else the heading the article opens with
    raw_chars: int = 0
    date: str | None = None        # ISO date from the input's metadata (dcterms:date)
    publisher: str | None = None   # site or publisher name from the metadata (dcterms:publisher)
    url: str | None = None         # canonical URL from the metadata (schema:url)
    meta_title: str | None = None  # the title as the metadata gives it (dcterms:title)
    warnings: tuple[str, ...] = field(default=(), compare=False)   # e.g. invalid bytes replaced, by position
    date_source: str | None = None # where `date` came from: "metadata", "text", "file-created" (kg.text.dates)


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True)
class Mention:
    """A span of a sentence recognised as naming an entity of class `cls`."""
    text: str
    start: int         # offsets into Document.text
    end: int
    cls: str
    sentence: int
    source: str        # which recogniser found it
    score: float = 0.8
    canonical: str | None = None   # a recogniser may already know the canonical name
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Entity:
    """A resolved entity of one document (or, after merging, of the whole corpus)."""
    key: str           # "Class/canonical name": identity across documents
    cls: str
    label: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    confidence: float = 0.8
    attrs: tuple[tuple[str, str], ...] = ()   # adminCode, adminLevel, investment, investmentText, official

    def attr(self, name: str) -> str | None:
        return dict(self.attrs).get(name)


@dataclass(frozen=True)
class Evidence:
    doc_id: str
    sentence: str
    start: int
    end: int
    confidence: float = 0.8
    rule: str = ""


@dataclass(frozen=True)
class Relation:
    subject: str       # Entity.key
    predicate: str     # one of PREDICATES
    object: str        # Entity.key
    evidence: Evidence


@dataclass(frozen=True)
class Post:
    """org:Post: a person's title in a body, company or locality."""
    person: str        # Entity.key
    title: str
    org: str           # Entity.key
    evidence: Evidence


@dataclass(frozen=True)
class DocumentGraph:
    """Everything extracted from one document: the unit that `-j N` processes in parallel."""
    document: Document
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    posts: tuple[Post, ...]
    cooccurrences: tuple[tuple[str, str, int], ...] = ()   # (key, key, sentences), key < key
    timings: tuple[tuple[str, float], ...] = field(default=(), compare=False)


#: Quotation marks and title brackets: an entity key's label is written without them.
QUOTES = "“”\"‘’「」『』《》"


def unquote(s: str) -> str:
    """The text without quotation marks and title brackets (as an entity key's label is written).

    >>> unquote("《关于推进“最多跑一次”改革的意见》")
    '关于推进最多跑一次改革的意见'
    """
    return "".join(ch for ch in s if ch not in QUOTES)


class EntityKey(str):
    """An entity's identity across documents: the string "Class/canonical name", with its two parts
    as attributes, so nothing splits keys on "/" by hand. It is a `str`, so keys sort, hash, print
    and serialise as before.

    >>> k = EntityKey("Locality", "嵊州市")
    >>> k, k.cls, k.label
    ('Locality/嵊州市', 'Locality', '嵊州市')
    >>> EntityKey.parse("Programme/一号改革工程").label
    '一号改革工程'
    """
    __slots__ = ()

    def __new__(cls, entity_class: str, label: str) -> "EntityKey":
        if "/" in entity_class or entity_class not in CLASSES:
            raise ValueError(f"not an entity class: {entity_class!r}")
        return super().__new__(cls, f"{entity_class}/{label}")

    @classmethod
    def parse(cls, key: str) -> "EntityKey":
        """The key written as "Class/label" (a plain string read back from a file or a graph)."""
        if isinstance(key, EntityKey):
            return key
        entity_class, sep, label = key.partition("/")
        if not sep:
            raise ValueError(f"not an entity key (Class/label): {key!r}")
        return cls(entity_class, label)

    def __getnewargs__(self) -> tuple[str, str]:
        return (self.cls, self.label)

    @property
    def cls(self) -> str:
        return self[:self.index("/")]

    @property
    def label(self) -> str:
        return self[self.index("/") + 1:]


def entity_key(cls: str, label: str) -> EntityKey:
    """The key of the entity of class `cls` named `label` (see `EntityKey`)."""
    return EntityKey(cls, label)


@dataclass(frozen=True)
class Fact:
    """A typed relation of the merged graph with every piece of evidence behind it."""
    subject: str
    predicate: str
    object: str
    evidence: tuple[Evidence, ...]

    @property
    def confidence(self) -> float:
        # independent sources: 1 - prod(1 - c)
        p = 1.0
        for e in self.evidence:
            p *= 1.0 - e.confidence
        return round(1.0 - p, 3)


@dataclass(frozen=True)
class PostFact:
    person: str
    title: str
    org: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class DocumentInfo:
    """What the merged graph keeps of a document (the text itself stays in the build)."""
    id: str
    source: str
    title: str | None = None
    chars: int = 0
    kind: str = "document"   # "document": an input text; "reference": a reference list (the division list)
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    meta_title: str | None = None
    date_source: str | None = None   # kg:dateSource: "metadata", "text" or "file-created" (kg.text.dates)
