"""Facts of the corpus, asserted by SPARQL over the exported graph file (rdflib), and the Python API."""
from __future__ import annotations

import pytest
import rdflib

from kg.vocab import sparql_prologue


@pytest.fixture(scope="module")
def rdf(corpus_exports) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(corpus_exports / "graph.nt", format="nt")
    return g


def ask(g: rdflib.Graph, body: str) -> bool:
    return bool(g.query(sparql_prologue() + "ASK {" + body + "}").askAnswer)


#: Facts of the corpus export: (name, the body of a SPARQL ASK, its answer).
CORPUS_FACTS = [
    ("town_part_of_county",
     '?t rdfs:label "剡湖街道"@zh ; kg:partOf ?c . ?c rdfs:label "嵊州市"@zh ; kg:adminCode "330683" ;'
     ' kg:adminLevel "county" ; skos:altLabel "嵊州"@zh .',
     True),
    ("county_part_of_prefecture_and_province",
     '?c rdfs:label "嵊州市"@zh ; kg:partOf ?s . ?s rdfs:label "绍兴市"@zh ; kg:partOf ?p .'
     ' ?p rdfs:label "浙江省"@zh ; kg:adminLevel "province" .',
     True),
    ("official_with_post_in_town",
     '?p a kg:Official ; rdfs:label "孟超峰"@zh ; org:holds ?post . ?post org:postIn ?t ;'
     ' rdfs:label ?title . ?t rdfs:label "下王镇"@zh . FILTER(CONTAINS(STR(?title), "镇长"))',
     True),
    ("post_read_across_broken_column_lines",
     '?p rdfs:label "金晓明"@zh ; org:holds ?post . ?post org:postIn ?b ; rdfs:label "常务副主任"@zh .'
     ' ?b a kg:GovernmentBody ; rdfs:label "浙江省委全面深化改革委员会办公室"@zh ; skos:altLabel "省委改革办"@zh , "浙江省委改革办"@zh .',
     True),
    ("subsidiary_across_page_break",
     '?a skos:altLabel "陌桑高科"@zh ; rdfs:label "嵊州陌桑高科股份有限公司"@zh ; kg:subsidiaryOf ?b .'
     ' ?b rdfs:label "巴贝集团"@zh . ?ev kg:subject ?a ; kg:predicate kg:subsidiaryOf ; kg:object ?b ;'
     ' kg:sentence ?s . FILTER(CONTAINS(STR(?s), "母公司"))',
     True),
    ("project_developer_site_investment",
     '?c rdfs:label "比亚迪"@zh ; a kg:Company ; kg:develops ?p . ?p a kg:Project ;'
     ' rdfs:label "比亚迪新能源动力电池生产基地项目"@zh ; kg:investment ?v ; kg:investmentText ?t .'
     ' FILTER(?v = 13000000000)',
     True),
    ("body_located_in_its_place_by_name",
     '?b rdfs:label "嵊州市人力资源和社会保障局"@zh ; skos:altLabel "嵊州市人社局"@zh ; a kg:GovernmentBody ; kg:locatedIn ?c . ?c rdfs:label "嵊州市"@zh .',
     True),
    # 省委 in a Zhejiang magazine is 中共浙江省委; 习近平总书记 is 习近平
    ("short_forms_resolved_in_context-1",
     '?b rdfs:label "中共浙江省委"@zh ; skos:altLabel "省委"@zh , "浙江省委"@zh .',
     True),
    ("short_forms_resolved_in_context-2",
     '?p rdfs:label "习近平"@zh ; skos:altLabel "习近平总书记"@zh .',
     True),
    ("short_forms_resolved_in_context-3",
     '?p rdfs:label "习近平总书记"@zh .',
     False),
    ("programme_forms_merge-1",
     '?p a kg:Programme ; rdfs:label "“最多跑一次”改革"@zh ; skos:altLabel "最多跑一次"@zh .',
     True),
    ("programme_forms_merge-2",
     '?p a kg:Programme ; skos:altLabel "一号改革工程"@zh ; kg:mentionedIn ?d1, ?d2 . FILTER(?d1 != ?d2)',
     True),
    # “4173”产业集群 and “4173”专项行动 are two programmes
    ("programme_forms_merge-3",
     '?a rdfs:label "“4173”产业集群"@zh . ?b skos:altLabel "4173专项行动"@zh . FILTER(?a != ?b)',
     True),
    ("place_implements_programme_with_evidence",
     '?l rdfs:label "剡湖街道"@zh ; kg:implements ?p . ?p skos:altLabel "4173专项行动"@zh .'
     ' ?ev a kg:Evidence ; kg:subject ?l ; kg:predicate kg:implements ; kg:object ?p ;'
     ' prov:wasDerivedFrom ?doc ; kg:charStart ?a ; kg:charEnd ?b . ?doc kg:source ?src .',
     True),
]


@pytest.mark.parametrize("query,answer", [pytest.param(q, a, id=name) for name, q, a in CORPUS_FACTS])
def test_corpus_fact(rdf, query, answer):
    assert ask(rdf, query) is answer, query


def test_entities_merge_across_documents(corpus_graph):
    e = corpus_graph.resolve("嵊州")
    assert e.label == "嵊州市"
    assert len(corpus_graph.entity_docs[e.key]) >= 3
    # one node per name and class, except short forms kept apart per document (县委 of two articles)
    local = {x.key for x in corpus_graph.entities()
             if [x.key.endswith("@" + d) for d in corpus_graph.entity_docs[x.key]] == [True]}
    labels = [(x.cls, x.label) for x in corpus_graph.entities() if x.key not in local]
    assert len(labels) == len(set(labels))
    # (bodies, and organisations named by their level alone: 省环科院, 县工商联)
    assert all(x.startswith(("GovernmentBody/", "Organization/")) for x in local)
    assert all(x.split("/", 1)[1][0] in "省市县区镇乡村" for x in local if x.startswith("Organization/"))


def test_every_class_and_predicate_is_extracted(corpus_graph):
    s = corpus_graph.summary()
    assert all(n > 0 for n in s["entities"].values()), s["entities"]
    for p in ("partOf", "locatedIn", "implements", "participatesIn", "subProgrammeOf", "subsidiaryOf", "develops"):
        assert s["relations"][p] > 0, p
    assert s["officials"] > 0 and s["cooccurrences"] > 0


def test_python_api(corpus_graph):
    import networkx as nx

    g = corpus_graph
    assert all(e.cls == "Company" for e in g.entities("Company"))
    facts = g.relations("partOf")
    assert facts and all(f.evidence for f in facts)
    # evidence without a sentence only comes from the division list, never from an article
    bare = {e.doc_id for f in facts for e in f.evidence if not e.sentence}
    assert bare and all(g.documents[d].kind == "reference" for d in bare)
    assert len(g.input_documents()) == 5 == g.summary()["documents"]
    G = g.to_networkx()
    assert isinstance(G, nx.MultiDiGraph) and G.number_of_nodes() == len(g)
    town = g.resolve("剡湖街道").key
    assert any(d["predicate"] == "partOf" for _, _, d in G.out_edges(town, data=True))
    with pytest.raises(ValueError, match="unknown class"):
        g.entities("Planet")
    import kg
    with pytest.raises(kg.UnknownEntity, match="did you mean"):
        g.resolve("陌桑")
    rg = g.to_rdflib()
    assert len(rg) > 1000
