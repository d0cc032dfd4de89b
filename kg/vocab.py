"""The kg: vocabulary as one rdflib DefinedNamespace: a misspelt term fails at import, not in a query."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.terms import CLASS_NAMES_ZH, KG_IRI, KGR_IRI, PREFIXES, class_name, sparql_prologue

__all__ = ["KG", "ORG", "PROV", "SCHEMA", "KGR", "KG_IRI", "KGR_IRI", "PREFIXES", "CLASS_NAMES_ZH",
           "class_name", "sparql_prologue"]


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
