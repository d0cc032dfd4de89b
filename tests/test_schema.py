"""schemas/zhkg.ttl and schemas/shapes.ttl: in step with kg.vocab and ONTOLOGY.md, and exports conform."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD

from kg.vocab import KG, KG_IRI, KGR_IRI

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "zhkg.ttl"
SHAPES = ROOT / "schemas" / "shapes.ttl"
CONSISTENCY = ROOT / "schemas" / "consistency.ttl"   # SHACL-SPARQL: a query per focus node, slow
CONTRACT = ROOT.parent / "shared" / "ONTOLOGY.md"

ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
KGR = Namespace(KGR_IRI)

ENTITY_CLASSES = ["Locality", "Programme", "Company", "GovernmentBody", "Organization", "Person",
                  "Official", "Project", "PolicyDocument"]
TYPED_RELATIONS = ["partOf", "locatedIn", "implements", "participatesIn", "subProgrammeOf",
                   "subsidiaryOf", "develops", "issuedBy"]
PROPERTY_KINDS = {OWL.ObjectProperty, OWL.DatatypeProperty}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(SCHEMA)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES).parse(CONSISTENCY)


def kg_terms_in(g: Graph) -> set[str]:
    """Local names of the kg: terms the schema declares as a class or a property."""
    kinds = {OWL.Class} | PROPERTY_KINDS
    return {str(s)[len(KG_IRI):] for k in kinds for s in g.subjects(RDF.type, k)
            if isinstance(s, URIRef) and str(s).startswith(KG_IRI)}


def vocab_terms() -> set[str]:
    return {n for n in KG.__annotations__ if not n.startswith("_")}


def conforms(data: Graph, consistency: bool = True) -> tuple[bool, Graph, str]:
    """pyshacl with the ontology mixed in and RDFS inference (so kg:Official is a kg:Person)."""
    shacl = Graph().parse(SHAPES)
    if consistency:
        shacl.parse(CONSISTENCY)
    ok, report, text = validate(data, shacl_graph=shacl, ont_graph=Graph().parse(SCHEMA),
                                inference="rdfs", allow_warnings=False)
    return ok, report, text


# --- (a) kg.vocab and the ontology declare the same terms -----------------------------------

def test_vocab_terms_are_all_declared_in_schema(ontology):
    missing = vocab_terms() - kg_terms_in(ontology)
    assert not missing, f"kg/vocab.py terms missing from schemas/zhkg.ttl: {sorted(missing)}"


def test_plain_terms_are_the_vocabularys():
    """kg.terms.KG (plain strings, for building and exporting) and kg.vocab.KG (rdflib) list the same terms."""
    from kg import terms
    assert list(terms.KG.TERMS) == [n for n in KG.__annotations__ if not n.startswith("_")]
    assert all(getattr(terms.KG, n) == str(KG[n]) for n in terms.KG.TERMS)


def test_schema_declares_no_term_missing_from_vocab(ontology):
    extra = kg_terms_in(ontology) - vocab_terms()
    assert not extra, f"schemas/zhkg.ttl terms missing from kg/vocab.py (KG): {sorted(extra)}"


def test_every_kg_iri_used_in_the_schema_files_is_declared(ontology, shapes):
    declared = kg_terms_in(ontology)
    used = {str(t)[len(KG_IRI):] for g in (ontology, shapes) for triple in g for t in triple
            if isinstance(t, URIRef) and str(t).startswith(KG_IRI)}
    assert used - declared == set(), f"kg: terms used but not declared (typos?): {sorted(used - declared)}"


def test_every_term_has_labels_and_comments_in_zh_and_en(ontology):
    problems = []
    for name in sorted(kg_terms_in(ontology)):
        term = KG[name]
        for prop in (RDFS.label, RDFS.comment):
            langs = [o.language for o in ontology.objects(term, prop) if isinstance(o, Literal)]
            if sorted(langs) != ["en", "zh"]:
                problems.append(f"kg:{name} {prop.n3(ontology.namespace_manager)} languages {sorted(map(str, langs))}")
    assert not problems, "\n".join(problems)


def test_classes_and_properties_are_typed_and_ranged(ontology):
    for name in ENTITY_CLASSES + ["Document", "Evidence", "Cooccurrence"]:
        assert (KG[name], RDF.type, OWL.Class) in ontology, name
    for name in TYPED_RELATIONS:
        assert (KG[name], RDF.type, OWL.ObjectProperty) in ontology, name
        assert ontology.value(KG[name], RDFS.domain) is not None, f"kg:{name} has no domain"
        assert ontology.value(KG[name], RDFS.range) is not None, f"kg:{name} has no range"
    for name in ("mentionCount", "adminCode", "adminLevel", "confidence", "investment", "investmentText",
                 "weight", "source", "sentence", "charStart", "charEnd", "rule"):
        assert (KG[name], RDF.type, OWL.DatatypeProperty) in ontology, name
        rng = ontology.value(KG[name], RDFS.range)
        assert rng is not None and (str(rng).startswith(str(XSD)) or rng == RDF.langString), name
    for name in ("mentionedIn", "subject", "predicate", "object", "relatedTo"):
        assert (KG[name], RDF.type, OWL.ObjectProperty) in ontology, name
    for s in ontology.subjects(RDF.type, OWL.ObjectProperty):
        assert (s, RDF.type, OWL.DatatypeProperty) not in ontology, s


def test_alignment_is_by_subclass(ontology):
    sub = lambda a, b: (a, RDFS.subClassOf, b) in ontology  # noqa: E731
    assert sub(KG.Official, KG.Person)
    assert sub(KG.Document, PROV.Entity)
    assert sub(KG.Locality, URIRef("https://schema.org/Place"))
    assert any(sub(KG.GovernmentBody, c) for c in (ORG.Organization, ORG.FormalOrganization))
    # nothing outside kg: is redefined here
    foreign = {s for s in ontology.subjects(RDF.type, None)
               if isinstance(s, URIRef) and not str(s).startswith("https://w3id.org/zhkg/")}
    assert not foreign, f"schema types terms it does not own: {sorted(foreign)}"


def test_ontology_header_has_a_version(ontology):
    onts = list(ontology.subjects(RDF.type, OWL.Ontology))
    assert onts == [URIRef("https://w3id.org/zhkg/ontology")]
    assert re.fullmatch(r"\d+\.\d+\.\d+", str(ontology.value(onts[0], OWL.versionInfo)))
    assert ontology.value(onts[0], OWL.versionIRI) is not None


# --- (b) every term of the public contract is in the schema ---------------------------------

def contract_terms(text: str) -> set[tuple[str, str]]:
    return set(re.findall(r"(?<![\w/#])(kg|org|prov|skos|rdfs|rdf|schema):([A-Za-z][A-Za-z0-9_]*)", text))


def test_contract_parser_finds_terms():
    sample = "| kg:partOf | Locality → Locality |\n    ?post a org:Post ; rdfs:label \"镇长\"@zh ; org:postIn ?b .\n kgr: <x>"
    assert contract_terms(sample) == {("kg", "partOf"), ("org", "Post"), ("rdfs", "label"), ("org", "postIn")}


@pytest.mark.skipif(not CONTRACT.exists(), reason=f"the public contract {CONTRACT} is not checked out next to the repo")
def test_every_contract_term_is_in_the_schemas(ontology, shapes):
    terms = contract_terms(CONTRACT.read_text(encoding="utf-8"))
    kg_names = {local for pfx, local in terms if pfx == "kg"}
    assert len(kg_names) >= 25, f"ONTOLOGY.md parsed suspiciously few kg: terms: {sorted(kg_names)}"
    missing = kg_names - kg_terms_in(ontology)
    assert not missing, f"ONTOLOGY.md terms not declared in schemas/zhkg.ttl: {sorted(missing)}"
    # other vocabularies' terms of the contract must be constrained or used by the schema files
    ns = {"org": ORG, "prov": PROV, "skos": SKOS, "rdfs": RDFS, "rdf": RDF,
          "schema": Namespace("https://schema.org/")}
    used = {t for g in (ontology, shapes) for triple in g for t in triple if isinstance(t, URIRef)}
    foreign_missing = sorted(f"{p}:{n}" for p, n in terms if p != "kg" and ns[p][n] not in used)
    assert not foreign_missing, f"ONTOLOGY.md terms the schema files never mention: {foreign_missing}"


# --- (c) the corpus export conforms to the shapes -------------------------------------------

@pytest.fixture(scope="module")
def export_graph(corpus_exports) -> Graph:
    return Graph().parse(corpus_exports / "graph.nt", format="nt")


@pytest.fixture(scope="module")
def corpus_validation(export_graph) -> tuple[bool, Graph, str]:
    # consistency.ttl's cross-node checks are done over the corpus by tests/test_rdf.py in Python:
    # pyshacl would run (and parse) one SPARQL query per evidence node
    return conforms(export_graph, consistency=False)


def test_corpus_export_conforms_to_shapes(corpus_validation):
    ok, _, text = corpus_validation
    assert ok, text


# --- (d) the shapes bite --------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_export(export_graph) -> Graph:
    """A small self-consistent slice of the corpus export: the documents, the two ends of a few
    evidence nodes, a company, a few localities; relations leaving the slice are cut with their evidence."""
    g = export_graph
    rel_preds = {KG[p] for p in TYPED_RELATIONS} | {ORG.holds}
    evidence = sorted(g.subjects(RDF.type, KG.Evidence))[:4]
    keep = {t for ev in evidence for t in (g.value(ev, KG.subject), g.value(ev, KG.object)) if t is not None}
    # localities the documents mention (an ancestor added from the division list needs its children kept)
    mentioned = [x for x in sorted(g.subjects(RDF.type, KG.Locality)) if (x, KG.mentionedIn, None) in g]
    keep |= set(sorted(g.subjects(RDF.type, KG.Company))[:1]) | set(mentioned[:3])
    keep |= {o for post in list(keep) for o in g.objects(post, ORG.postIn)}
    keep |= {s for post in list(keep) for s in g.subjects(ORG.holds, post)}
    keep |= set(g.subjects(RDF.type, KG.Document)) | set(g.subjects(RDF.type, KG.ReferenceSource))
    out = Graph()
    for s in keep:
        for p, o in g.predicate_objects(s):
            if p == KG.relatedTo or (p in rel_preds and o not in keep) or (p == ORG.heldBy and o not in keep):
                continue
            out.add((s, p, o))
    for geometry in list(out.objects(None, GEO.hasGeometry)):   # a kept place's point travels with it
        for p, o in g.predicate_objects(geometry):
            out.add((geometry, p, o))
    for ev in g.subjects(RDF.type, KG.Evidence):
        if (g.value(ev, KG.subject), g.value(ev, KG.predicate), g.value(ev, KG.object)) in out:
            for p, o in g.predicate_objects(ev):
                out.add((ev, p, o))
    return out


def _copy(g: Graph) -> Graph:
    c = Graph()
    for t in g:
        c.add(t)
    return c


def _first(g: Graph, cls: URIRef) -> URIRef:
    nodes = sorted(g.subjects(RDF.type, cls))
    assert nodes, f"the test slice has no {cls}"
    return nodes[0]


def _add_entity(g: Graph, cls: str, label: str) -> URIRef:
    node = KGR[f"test/{cls.lower()}/{len(g)}"]
    doc = _first(g, KG.Document)
    g.add((node, RDF.type, KG[cls]))
    g.add((node, RDFS.label, Literal(label, lang="zh")))
    g.add((node, KG.mentionCount, Literal(1)))
    g.add((node, KG.mentionedIn, doc))
    return node


def _add_relation(g: Graph, s: URIRef, p: URIRef, o: URIRef, sentence: str = "测试句子。") -> URIRef:
    g.add((s, p, o))
    ev = KGR[f"test/evidence/{len(g)}"]
    doc = _first(g, KG.Document)
    g.add((s, KG.mentionedIn, doc))
    for pp, oo in ((RDF.type, KG.Evidence), (KG.subject, s), (KG.predicate, p), (KG.object, o),
                   (PROV.wasDerivedFrom, doc), (KG.sentence, Literal(sentence, lang="zh")),
                   (KG.charStart, Literal(10)), (KG.charEnd, Literal(10 + len(sentence)))):
        g.add((ev, pp, oo))
    return ev


def _add_post(g: Graph, person: URIRef, n: int, place: URIRef | None = None) -> URIRef:
    """Post number `n` (镇长, in `place` when given), held by `person` with its evidence."""
    post = KGR[f"test/post/{n}"]
    g.add((post, RDF.type, ORG.Post))
    g.add((post, RDFS.label, Literal("镇长", lang="zh")))
    if place is not None:
        g.add((post, ORG.postIn, place))
    _add_relation(g, person, ORG.holds, post)
    return post


def _set_first(g: Graph, cls: URIRef, p: URIRef, value: Literal) -> URIRef:
    """Give the first node of `cls` the one value `value` of `p`; the node (the culprit of a mutation)."""
    node = _first(g, cls)
    g.set((node, p, value))
    return node


def _remove_first(g: Graph, cls: URIRef, p: URIRef) -> URIRef:
    """Remove every value of `p` from the first node of `cls`; the node."""
    node = _first(g, cls)
    g.remove((node, p, None))
    return node


def test_small_export_is_a_valid_starting_point(small_export):
    assert len(set(small_export.subjects(RDF.type, KG.Evidence))) >= 1
    ok, _, text = conforms(small_export)
    assert ok, text


def test_official_is_accepted_where_a_person_is(small_export):
    """The export types a person with a public post kg:Official and kg:Person; the shapes accept it."""
    g = _copy(small_export)
    official = _add_entity(g, "Official", "张三")
    g.add((official, RDF.type, KG.Person))
    programme = _add_entity(g, "Programme", "测试计划")
    _add_post(g, official, 1, _first(g, KG.Locality))
    _add_relation(g, official, KG.participatesIn, programme)
    g.add((programme, KG.mentionCount, Literal(1)))
    ok, _, text = conforms(g)
    assert ok, text


def _mutate_part_of_from_company(g):
    company, loc = _first(g, KG.Company), _first(g, KG.Locality)
    _add_relation(g, company, KG.partOf, loc)
    return company


def _mutate_missing_label(g):
    return _remove_first(g, KG.Locality, RDFS.label)


def _mutate_english_label(g):
    loc = _first(g, KG.Locality)
    label = g.value(loc, RDFS.label)
    g.remove((loc, RDFS.label, None))
    g.add((loc, RDFS.label, Literal(str(label), lang="en")))
    return loc


def _mutate_two_labels(g):
    loc = _first(g, KG.Locality)
    g.add((loc, RDFS.label, Literal("另一个名字", lang="zh")))
    return loc


def _mutate_relation_without_evidence(g):
    ev = _first(g, KG.Evidence)
    s = g.value(ev, KG.subject)
    for e in list(g.subjects(KG.subject, s)):
        if (e, RDF.type, KG.Evidence) in g:
            g.remove((e, None, None))
    return s


def _mutate_evidence_offsets_reversed(g):
    ev = _first(g, KG.Evidence)
    g.set((ev, KG.charStart, Literal(int(g.value(ev, KG.charEnd)) + 5)))
    return ev


def _mutate_evidence_sentence_too_short(g):
    ev = _first(g, KG.Evidence)
    g.set((ev, KG.sentence, Literal(str(g.value(ev, KG.sentence))[:-1], lang="zh")))
    return ev


def _mutate_evidence_for_missing_triple(g):
    ev = _first(g, KG.Evidence)
    g.remove((g.value(ev, KG.subject), g.value(ev, KG.predicate), g.value(ev, KG.object)))
    return ev


def _mutate_locality_part_of_itself(g):
    loc = _first(g, KG.Locality)
    _add_relation(g, loc, KG.partOf, loc)
    return loc


def _mutate_evidence_not_zh(g):
    ev = _first(g, KG.Evidence)
    g.set((ev, KG.sentence, Literal(str(g.value(ev, KG.sentence)))))
    return ev


def _mutate_evidence_without_document(g):
    return _remove_first(g, KG.Evidence, PROV.wasDerivedFrom)


def _mutate_bad_admin_code(g):
    return _set_first(g, KG.Locality, KG.adminCode, Literal("33068"))


def _mutate_bad_admin_level(g):
    return _set_first(g, KG.Locality, KG.adminLevel, Literal("city"))


def _mutate_confidence_above_one(g):
    return _set_first(g, KG.Locality, KG.confidence, Literal(Decimal("1.5")))


def _mutate_mention_count_not_integer(g):
    return _set_first(g, KG.Locality, KG.mentionCount, Literal("3"))


def _mutate_no_mentioned_in(g):
    return _remove_first(g, KG.Locality, KG.mentionedIn)


def _mutate_unmentioned_programme(g):
    """Only a listed ancestor of a place may go unmentioned."""
    programme = _add_entity(g, "Programme", "测试计划")
    g.remove((programme, KG.mentionedIn, None))
    g.set((programme, KG.mentionCount, Literal(0)))
    return programme


def _mutate_evidence_without_sentence(g):
    """Evidence read from a document keeps its sentence; only reference lists go without."""
    ev = _first(g, KG.Evidence)
    doc = g.value(ev, PROV.wasDerivedFrom)
    if (doc, RDF.type, KG.Document) not in g:
        ev = next(e for e in sorted(g.subjects(RDF.type, KG.Evidence))
                  if (g.value(e, PROV.wasDerivedFrom), RDF.type, KG.Document) in g)
    g.remove((ev, KG.sentence, None))
    return ev


def _mutate_reference_evidence_with_a_sentence(g):
    """A link taken from the division list must not pretend to have been read from a sentence."""
    loc, other = sorted(g.subjects(RDF.type, KG.Locality))[:2]
    ev = _add_relation(g, loc, KG.partOf, other)
    ref = KGR["source/test-list"]
    g.add((ref, RDF.type, KG.ReferenceSource))
    g.add((ref, RDF.type, PROV.Entity))
    g.add((ref, KG.source, Literal("test.zip")))
    g.set((ev, PROV.wasDerivedFrom, ref))
    g.add((ev, KG.rule, Literal("division-list")))
    return ev


def _mutate_document_without_source(g):
    return _remove_first(g, KG.Document, KG.source)


def _mutate_investment_as_string(g):
    project = _add_entity(g, "Project", "测试项目")
    g.add((project, KG.investment, Literal("130亿元")))
    return project


def _mutate_develops_from_locality(g):
    loc = _first(g, KG.Locality)
    project = _add_entity(g, "Project", "测试项目")
    _add_relation(g, loc, KG.develops, project)
    return loc


def _mutate_post_without_post_in(g):
    return _add_post(g, _add_entity(g, "Official", "张三"), 2)


def test_official_shape_asks_for_the_person_type(small_export):
    """kgsh:OfficialShape: every kg:Official is asserted kg:Person too (checked without inference, which
    would add the type from rdfs:subClassOf)."""
    g = _copy(small_export)
    official = _add_entity(g, "Official", "张三")
    _add_post(g, official, 3, _first(g, KG.Locality))

    def has_value_failures(data: Graph) -> set:
        _, report, _ = validate(data, shacl_graph=Graph().parse(SHAPES), inference="none")
        return {f for r in report.subjects(SH.sourceConstraintComponent, SH.HasValueConstraintComponent)
                for f in report.objects(r, SH.focusNode)}
    assert official in has_value_failures(g)
    g.add((official, RDF.type, KG.Person))
    assert official not in has_value_failures(g)


def _mutate_two_entity_classes(g):
    loc = _first(g, KG.Locality)
    g.add((loc, RDF.type, KG.Company))
    return loc


@pytest.mark.parametrize("mutate", [
    _mutate_part_of_from_company, _mutate_missing_label, _mutate_english_label, _mutate_two_labels,
    _mutate_relation_without_evidence, _mutate_evidence_offsets_reversed, _mutate_evidence_not_zh,
    _mutate_evidence_sentence_too_short, _mutate_evidence_for_missing_triple, _mutate_locality_part_of_itself,
    _mutate_evidence_without_document, _mutate_bad_admin_code, _mutate_bad_admin_level,
    _mutate_confidence_above_one, _mutate_mention_count_not_integer, _mutate_no_mentioned_in,
    _mutate_unmentioned_programme, _mutate_evidence_without_sentence, _mutate_reference_evidence_with_a_sentence,
    _mutate_document_without_source, _mutate_investment_as_string, _mutate_develops_from_locality,
    _mutate_post_without_post_in, _mutate_two_entity_classes,
], ids=lambda f: f.__name__.removeprefix("_mutate_"))
def test_broken_export_does_not_conform(small_export, mutate):
    g = _copy(small_export)
    culprit = mutate(g)
    ok, report, text = conforms(g)
    assert not ok, f"{mutate.__name__}: the shapes accepted a broken export"
    focus = set(report.objects(None, SH.focusNode))
    assert culprit in focus, f"{mutate.__name__}: violations are not about {culprit}:\n{text}"
