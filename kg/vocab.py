"""The kg: vocabulary as one rdflib DefinedNamespace: a misspelt term fails at import, not in a query.
Its terms are kg.terms.KG's (the one list of them, with what each means)."""
from __future__ import annotations

import types

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg import terms
from kg.terms import CLASS_NAMES_ZH, KG_IRI, KGR_IRI, PREFIXES, class_name, sparql_prologue

__all__ = ["KG", "ORG", "PROV", "SCHEMA", "KGR", "KG_IRI", "KGR_IRI", "PREFIXES", "CLASS_NAMES_ZH",
           "class_name", "sparql_prologue"]


def defined_namespace(vocabulary: type[terms.Terms]) -> type[DefinedNamespace]:
    """A closed rdflib namespace with the terms of a kg.terms vocabulary.

    >>> defined_namespace(terms.ORG).holds
    rdflib.term.URIRef('http://www.w3.org/ns/org#holds')
    """
    def body(ns: dict) -> None:
        ns.update({"__module__": __name__, "__doc__": vocabulary.__doc__, "_NS": Namespace(vocabulary._NS),
                   "_fail": True, "__annotations__": {name: URIRef for name in vocabulary.TERMS}})
    return types.new_class(vocabulary.__name__, (DefinedNamespace,), {}, body)


#: zhkg ontology terms (kg.terms.KG lists them; schemas/zhkg.ttl declares each one).
KG = defined_namespace(terms.KG)


ORG = Namespace(PREFIXES["org"])
PROV = Namespace(PREFIXES["prov"])
SCHEMA = Namespace(PREFIXES["schema"])
KGR = Namespace(KGR_IRI)
