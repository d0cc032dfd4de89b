"""The kg: vocabulary as one rdflib DefinedNamespace: a misspelt term fails at import, not in a query."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

KG_IRI = "https://w3id.org/zhkg/ontology#"
KGR_IRI = "https://w3id.org/zhkg/id/"


class KG(DefinedNamespace):
    """zhkg ontology terms (schemas/zhkg.ttl declares each one; tests keep the two in step)."""

    _NS = Namespace(KG_IRI)
    _fail = True

    # classes
    Locality: URIRef       # administrative division, development zone, new area or park
    Programme: URIRef      # named policy, reform, strategy, campaign, plan, brand or platform
    Company: URIRef        # enterprise of any form
    GovernmentBody: URIRef  # party or state organ, department, office, court, service centre
    Organization: URIRef   # university, institute, laboratory, association, international body
    Person: URIRef         # named person
    Official: URIRef       # a person who holds a public post
    Project: URIRef        # named investment or construction project
    PolicyDocument: URIRef  # law, regulation, plan, opinion, notice or guideline cited by its title
    Document: URIRef       # an input document
    ReferenceSource: URIRef  # a reference list relations are taken from (the official division list)
    Evidence: URIRef       # the sentence a relation was read from
    Cooccurrence: URIRef   # two entities named in the same sentences, with a weight

    # relations between entities
    partOf: URIRef
    locatedIn: URIRef
    implements: URIRef
    participatesIn: URIRef
    subProgrammeOf: URIRef
    subsidiaryOf: URIRef
    develops: URIRef
    issuedBy: URIRef       # PolicyDocument → the GovernmentBody that issued it
    relatedTo: URIRef

    # attributes
    mentionCount: URIRef
    mentionedIn: URIRef
    adminCode: URIRef
    adminLevel: URIRef
    adminPath: URIRef      # the place's chain in the division list: 浙江省/绍兴市/嵊州市/三界镇
    confidence: URIRef
    investment: URIRef
    investmentText: URIRef
    weight: URIRef
    source: URIRef

    # evidence
    subject: URIRef
    predicate: URIRef
    object: URIRef
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    rule: URIRef


ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
KGR = Namespace(KGR_IRI)

#: Prefixes predeclared for queries and written at the top of Turtle exports.
PREFIXES: dict[str, str] = {
    "kg": KG_IRI,
    "kgr": KGR_IRI,
    "org": str(ORG),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def sparql_prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


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
