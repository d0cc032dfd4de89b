"""The vocabulary's IRIs, prefixes and class names as plain strings: what building, exporting and
querying need, without importing rdflib (0.2 s of every command). kg.vocab has the same terms as
an rdflib DefinedNamespace."""
from __future__ import annotations

KG_IRI = "https://w3id.org/zhkg/ontology#"
KGR_IRI = "https://w3id.org/zhkg/id/"

#: Prefixes predeclared for queries and written at the top of Turtle exports.
PREFIXES: dict[str, str] = {
    "kg": KG_IRI,
    "kgr": KGR_IRI,
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "geo": "http://www.opengis.net/ont/geosparql#",
}


def sparql_prologue() -> str:
    """The PREFIX lines of every query (the contract's prefixes).

    >>> sparql_prologue().splitlines()[0]
    'PREFIX kg: <https://w3id.org/zhkg/ontology#>'
    """
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


class Terms:
    """A vocabulary's terms as plain IRI strings. A subclass is named after its prefix in `PREFIXES`
    (`class ORG(Terms)` is org:, whose namespace it takes; one named otherwise sets `_NS` itself) and
    declares each term as an annotation (`partOf: str`); the class then has that attribute set to the
    full IRI, and a term it does not declare is an AttributeError where it is used (exporters build their
    terms at import, so a misspelt one fails there, not in a SHACL test on the whole corpus).

    >>> KG.partOf
    'https://w3id.org/zhkg/ontology#partOf'
    >>> KG.Localty
    Traceback (most recent call last):
    AttributeError: type object 'KG' has no attribute 'Localty'
    >>> KG.term("Locality") == KG.Locality, "Company" in KG.TERMS
    (True, True)
    >>> class OWL(Terms):
    ...     sameAs: str
    >>> OWL.sameAs
    'http://www.w3.org/2002/07/owl#sameAs'
    """
    _NS = ""
    #: The local names the class declares, in order.
    TERMS: tuple[str, ...] = ()

    def __init_subclass__(cls) -> None:
        if "_NS" not in cls.__dict__:
            cls._NS = PREFIXES[cls.__name__.lower()]    # a KeyError at import for a name that is no prefix
        names = tuple(n for n in cls.__dict__.get("__annotations__", {}) if not n.startswith("_") and n != "TERMS")
        cls.TERMS = names
        for name in names:
            setattr(cls, name, cls._NS + name)

    @classmethod
    def term(cls, name: str) -> str:
        """The IRI of a term named at run time (a class or predicate from a record); AttributeError
        for a name the vocabulary does not declare."""
        if name not in cls.TERMS:
            raise AttributeError(f"{name!r} is not a term of {cls.__name__} ({cls._NS})")
        return getattr(cls, name)


class KG(Terms):
    """zhkg ontology terms (schemas/zhkg.ttl declares each one; tests/test_schema.py keeps the two in
    step). kg.vocab.KG is made from this list, as an rdflib DefinedNamespace."""

    # classes
    Locality: str       # administrative division, development zone, new area or park
    Programme: str      # named policy, reform, strategy, campaign, plan, brand or platform
    Company: str        # enterprise of any form
    GovernmentBody: str  # party or state organ, department, office, court, service centre
    Organization: str   # university, institute, laboratory, association, international body
    Person: str         # named person
    Official: str       # a person who holds a public post
    Project: str        # named investment or construction project
    PolicyDocument: str  # law, regulation, plan, opinion, notice or guideline cited by its title
    Document: str       # an input document
    ReferenceSource: str  # a reference list relations are taken from (the official division list)
    Evidence: str       # the sentence a relation was read from
    Cooccurrence: str   # two entities named in the same sentences, with a weight

    # relations between entities
    partOf: str
    locatedIn: str
    implements: str
    participatesIn: str
    subProgrammeOf: str
    subsidiaryOf: str
    develops: str
    issuedBy: str       # PolicyDocument → the GovernmentBody that issued it
    relatedTo: str

    # attributes
    mentionCount: str
    mentionedIn: str
    adminCode: str
    adminLevel: str
    adminPath: str      # the place's chain in the division list: 浙江省/绍兴市/嵊州市/三界镇
    confidence: str
    investment: str
    investmentText: str
    weight: str
    source: str
    approximateGeometry: str   # the place's geo:hasGeometry is an enclosing division's point (a township's county's)
    dateSource: str     # where a document's dcterms:date came from: "metadata", "text" or "file-created"

    # evidence
    subject: str
    predicate: str
    object: str
    sentence: str
    charStart: str
    charEnd: str
    rule: str


class ORG(Terms):
    """The W3C Organization Ontology terms zhkg writes (posts)."""
    Post: str
    holds: str
    heldBy: str
    postIn: str


class PROV(Terms):
    """PROV-O terms zhkg writes (documents, evidence)."""
    Entity: str
    wasDerivedFrom: str


class DCTERMS(Terms):
    """Dublin Core terms of an input's own metadata."""
    title: str
    date: str
    publisher: str


class SCHEMA(Terms):
    """schema.org terms zhkg writes."""
    url: str


class RDF(Terms):
    """RDF terms zhkg writes or reads."""
    type: str


class RDFS(Terms):
    """RDFS terms zhkg writes."""
    label: str


class SKOS(Terms):
    """SKOS terms zhkg writes."""
    altLabel: str


class XSD(Terms):
    """XML Schema datatypes of zhkg's literals."""
    string: str
    integer: str
    decimal: str
    date: str
    anyURI: str
    boolean: str


class GEO(Terms):
    """OGC GeoSPARQL terms of a place's point (docs/geo.md)."""
    Feature: str
    Geometry: str
    hasGeometry: str
    asWKT: str
    wktLiteral: str


#: Chinese names of the entity classes, as the graph page and `kg html --classes` show them,
#: with the ontology's rdfs:label@zh where it differs (地方, 政策计划).
CLASS_NAMES_ZH: dict[str, tuple[str, ...]] = {
    "Locality": ("地区", "地方"),
    "Programme": ("政策项目", "政策计划"),
    "Company": ("企业",),
    "GovernmentBody": ("政府机构",),
    "Organization": ("组织",),
    "Person": ("人物",),
    "Official": ("官员",),
    "Project": ("项目",),
    "PolicyDocument": ("政策文件",),
}


def class_name(name: str) -> str:
    """The English class name for an English (any case) or Chinese one; ValueError for anything else.

    >>> class_name("企业"), class_name("locality"), class_name("Official")
    ('Company', 'Locality', 'Official')
    """
    if not isinstance(name, str):
        raise ValueError(f"a class is named by a string such as 'Company' or '企业', not {name!r}")
    folded = name.strip().lower()
    for cls, zh in CLASS_NAMES_ZH.items():
        if folded == cls.lower() or name.strip() in zh:
            return cls
    raise ValueError(f"unknown class {name!r}; expected one of {', '.join(CLASS_NAMES_ZH)} "
                     f"(or {' '.join(z[0] for z in CLASS_NAMES_ZH.values())})")
