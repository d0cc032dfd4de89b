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
