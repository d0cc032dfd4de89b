"""kg.analysis and its commands on the real corpus graph, plus a small hand-made graph for exact expectations."""
from __future__ import annotations

import copy
import json

import networkx as nx
import pytest

import kg
from kg.analysis import (
    centrality, communities, compare, locality_profile, neighbourhood, paths, programme_map, resolve,
)
from kg.cli import main
from kg.graph.knowledge_graph import KnowledgeGraph
from kg.records import Document, DocumentGraph, Entity, Evidence, Post, Relation

TOWNS = {"剡湖街道", "下王镇", "三界镇"}


# ---- a tiny graph where every answer is known -------------------------------------------------
def _ev(text: str) -> Evidence:
    return Evidence("t", text, 0, len(text))


def _tiny() -> KnowledgeGraph:
    E = [Entity("Locality/嵊州市", "Locality", "嵊州市", ("嵊州",)), Entity("Locality/下王镇", "Locality", "下王镇"),
         Entity("Locality/石溪村", "Locality", "石溪村"),
         Entity("Programme/一号改革工程", "Programme", "一号改革工程"),
         Entity("Programme/增值化改革", "Programme", "增值化改革"), Entity("Programme/八八战略", "Programme", "八八战略"),
         Entity("Company/比亚迪", "Company", "比亚迪"), Entity("Person/孟超峰", "Person", "孟超峰"),
         Entity("GovernmentBody/下王镇政府", "GovernmentBody", "下王镇政府"),
         Entity("GovernmentBody/双名", "GovernmentBody", "双名"), Entity("Company/双名", "Company", "双名"),
         Entity("Project/电池基地", "Project", "电池基地", (), 1, 0.8,
                (("investment", "13000000000"), ("investmentText", "总投资130亿元")))]
    R = [("Locality/下王镇", "partOf", "Locality/嵊州市"), ("Locality/石溪村", "partOf", "Locality/下王镇"),
         ("Programme/增值化改革", "subProgrammeOf", "Programme/一号改革工程"),
         ("Programme/一号改革工程", "subProgrammeOf", "Programme/八八战略"),
         ("Locality/嵊州市", "implements", "Programme/一号改革工程"),
         ("GovernmentBody/下王镇政府", "implements", "Programme/增值化改革"),
         ("GovernmentBody/下王镇政府", "locatedIn", "Locality/下王镇"),
         ("Company/比亚迪", "participatesIn", "Programme/增值化改革"), ("Company/比亚迪", "locatedIn", "Locality/石溪村"),
         ("Person/孟超峰", "participatesIn", "Programme/一号改革工程"),
         ("Company/比亚迪", "develops", "Project/电池基地"), ("Project/电池基地", "locatedIn", "Locality/石溪村")]
    rels = tuple(Relation(s, p, o, _ev(f"{s}{p}{o}。")) for s, p, o in R)
    posts = (Post("Person/孟超峰", "镇长", "Locality/下王镇", _ev("下王镇镇长孟超峰。")),)
    doc = Document("t", "t.txt", "text")
    return KnowledgeGraph.from_documents([DocumentGraph(doc, tuple(E), rels, posts)])


def test_programme_map_sections_on_a_known_graph():
    pm = programme_map(_tiny(), "一号改革工程")
    labels = {s: {m.label for m in ms} for s, ms in pm.sections().items()}
    assert labels["parents"] == {"八八战略"} and labels["sub_programmes"] == {"增值化改革"}
    assert labels["implementers"] == {"嵊州市", "下王镇政府"}
    assert labels["companies"] == {"比亚迪"} and labels["people"] == {"孟超峰"}
    assert labels["localities"] == {"嵊州市", "下王镇", "石溪村"}
    # a sub-programme's members say which sub-programme they come through
    assert {m.label: m.via for m in pm.implementers} == {"嵊州市": "", "下王镇政府": "增值化改革"}
    assert pm.counts == {s: len(ms) for s, ms in pm.sections().items()}
    with pytest.raises(kg.UnknownEntity, match="not a Programme"):
        programme_map(_tiny(), "嵊州")


def test_locality_profile_is_transitive_on_a_known_graph():
    p = locality_profile(_tiny(), "嵊州")
    assert {(m.label, m.via) for m in p.sub_localities} == {("下王镇", ""), ("石溪村", "下王镇")}
    assert {m.label for m in p.companies} == {"比亚迪"} and {m.label for m in p.bodies} == {"下王镇政府"}
    assert [(m.label, m.detail, m.via) for m in p.officials] == [("孟超峰", "镇长", "下王镇")]
    # programmes of a body located in a town of the city count, with the body as `via`
    assert {(m.label, m.via) for m in p.programmes} == {("一号改革工程", ""), ("增值化改革", "下王镇政府")}
    assert p.investment_total == 13e9 and p.projects[0].detail == "总投资130亿元"
    # the town's profile does not reach up to the city
    assert "一号改革工程" not in {m.label for m in locality_profile(_tiny(), "下王镇").programmes}


def test_a_body_seated_in_two_places_counts_once():
    g = _tiny()
    ev = _ev("嵊州市下王镇政府。")
    g.add_document(DocumentGraph(Document("u", "u.txt", "x"), (),
                                 (Relation("GovernmentBody/下王镇政府", "locatedIn", "Locality/嵊州市", ev),), ()))
    p = locality_profile(g, "嵊州")
    assert [m.label for m in p.bodies] == ["下王镇政府"]
    assert [(m.label, m.count) for m in p.programmes if m.label == "增值化改革"] == [("增值化改革", 1)]


def test_ambiguous_name_lists_the_candidates():
    for g in (_tiny(), _tiny().to_networkx()):
        with pytest.raises(kg.UnknownEntity) as e:
            paths(g, "双名", "嵊州")
        assert "GovernmentBody" in str(e.value) and "Company" in str(e.value)


# ---- the real corpus -----------------------------------------------------------------------------
def test_alias_resolves_to_the_full_name(corpus_graph):
    assert resolve(corpus_graph, "嵊州", "Locality") == "Locality/嵊州市"
    assert resolve(corpus_graph.to_networkx(), "嵊州", "Locality") == "Locality/嵊州市"


def test_unknown_name_error_lists_candidates(corpus_graph):
    assert not corpus_graph.find("州市")
    for g in (corpus_graph, corpus_graph.to_networkx()):
        with pytest.raises(kg.UnknownEntity, match="did you mean.*嵊州市"):
            locality_profile(g, "州市")


def test_locality_profile_includes_towns_and_their_programmes(corpus_graph):
    p = locality_profile(corpus_graph, "嵊州")
    assert p.key == "Locality/嵊州市"
    subs = {m.key for m in p.sub_localities}
    assert TOWNS <= {m.label for m in p.sub_localities}
    # every programme implemented by a sub-locality (or the city) is in the profile, computed independently
    places = subs | {p.key}
    expected = {f.object for f in corpus_graph.relations("implements") if f.subject in places}
    assert expected and expected <= {m.key for m in p.programmes}
    officials = {(m.label, m.via) for m in p.officials if "镇长" in m.detail}
    assert ("孟超峰", "下王镇") in officials
    known = [float(corpus_graph.entity(m.key).attr("investment")) for m in p.projects
             if corpus_graph.entity(m.key).attr("investment")]
    assert p.investment_total == pytest.approx(sum(known))
    # the networkx view gives the same answer
    assert locality_profile(corpus_graph.to_networkx(), "嵊州").to_dict() == p.to_dict()


def test_paths_have_evidence_for_every_hop(corpus_graph):
    found = paths(corpus_graph, "比亚迪", "一号改革工程", max_hops=4)
    assert found.paths and found.source == "Company/比亚迪"
    lengths = [p.length for p in found.paths]
    assert lengths == sorted(lengths) and max(lengths) <= 4
    for p in found.paths:
        assert p.nodes[0] == found.source and p.nodes[-1] == found.target and len(set(p.nodes)) == len(p.nodes)
        for (a, b), h in zip(zip(p.nodes, p.nodes[1:]), p.hops):
            assert {h.subject, h.object} == {a, b}
            assert h.sentence and h.doc_id in corpus_graph.documents and h.evidence >= 1
    assert not paths(corpus_graph, "比亚迪", "一号改革工程", max_hops=0).paths


def test_neighbourhood_walks_hops_and_filters(corpus_graph):
    near = neighbourhood(corpus_graph, "嵊州", hops=2, predicates=["partOf"], classes=["Locality"])
    dist = {n.key: n.distance for n in near.nodes}
    assert dist["Locality/嵊州市"] == 0 and TOWNS <= {n.label for n in near.nodes if n.distance == 1}
    assert all(n.cls == "Locality" for n in near.nodes) and all(e.predicate == "partOf" for e in near.edges)
    # every entity at distance 2 hangs off one at distance 1
    G = near.to_networkx()
    for k, d in dist.items():
        if d == 2:
            assert any(dist.get(o) == 1 for o in nx.all_neighbors(G, k))
    assert set(G) == set(dist)
    with pytest.raises(ValueError, match="unknown predicate"):
        neighbourhood(corpus_graph, "嵊州", predicates=["partof"])
    co = neighbourhood(corpus_graph, "嵊州", predicates=["relatedTo"])
    assert co.edges and all(e.predicate == "relatedTo" and not e.sentence for e in co.edges)
    assert all(e.evidence == corpus_graph.cooccurrence[(e.subject, e.object)] for e in co.edges)


def test_centrality_agrees_with_networkx(corpus_graph):
    G = corpus_graph.to_networkx()
    simple = nx.Graph(G.to_undirected())
    simple.remove_edges_from(nx.selfloop_edges(simple))
    expected = nx.degree_centrality(simple)
    got = {r.key: r.score for r in centrality(G, "degree", top=None, cooccurrence=False).ranking}
    assert got == pytest.approx({k: round(v, 6) for k, v in expected.items()}, abs=1e-6)
    D = nx.DiGraph()
    D.add_nodes_from(G)
    for u, v, d in G.edges(data=True):
        if u != v:
            w = len(d["evidence"]) or 1
            D.add_edge(u, v, weight=D[u][v]["weight"] + w if D.has_edge(u, v) else w)
    # converged tightly: networkx's default tolerance leaves near-ties (衢州市/丽水市) in either order
    pr = nx.pagerank(D, weight="weight", tol=1e-13, max_iter=10000)
    top = centrality(G, "pagerank", top=10, cooccurrence=False).ranking
    assert [r.key for r in top] == sorted(pr, key=lambda k: (-pr[k], k))[:10]
    companies = centrality(corpus_graph, "pagerank", cls="Company", top=5)
    assert companies.ranking and all(r.cls == "Company" for r in companies.ranking)
    assert [r.score for r in companies.ranking] == sorted((r.score for r in companies.ranking), reverse=True)
    for measure in ("betweenness", "eigenvector"):
        assert len(centrality(corpus_graph, measure, top=3).ranking) == 3


def test_communities_partition_and_are_reproducible(corpus_graph):
    a = communities(corpus_graph, "louvain", seed=1)
    members = [k for c in a.communities for k in c.members]
    assert len(members) == len(set(members))
    assert a.communities[0].size >= a.communities[-1].size and 0 < a.modularity < 1
    assert all(c.label.split(" / ")[0] == corpus_graph.entity(c.members[0]).label for c in a.communities)
    assert communities(corpus_graph, "louvain", seed=1) == a
    assert communities(corpus_graph, "label_propagation").communities
    try:
        import igraph  # noqa: F401  (optional: GPL, never in the default install)
    except ImportError:
        with pytest.raises(ImportError, match=r"zhkg\[igraph\]"):
            communities(corpus_graph, "leiden")
    else:
        assert communities(corpus_graph, "leiden").communities


def test_compare_self_is_empty_and_shows_a_change(corpus_graph):
    assert compare(corpus_graph, corpus_graph).empty
    new = copy.deepcopy(corpus_graph)
    ev = Evidence("zz", "嵊州市新建测试园区。", 0, 10)
    new.add_document(DocumentGraph(Document("zz", "zz.txt", "嵊州市新建测试园区。"),
                                   (Entity("Locality/测试园区", "Locality", "测试园区"),
                                    Entity("Locality/嵊州市", "Locality", "嵊州市", ("嵊州新名",))),
                                   (Relation("Locality/测试园区", "partOf", "Locality/嵊州市", ev),), ()))
    d = compare(corpus_graph, new)
    assert [e.key for e in d.entities_added] == ["Locality/测试园区"]
    assert [(r.subject, r.predicate, r.object) for r in d.relations_added] == [
        ("Locality/测试园区", "partOf", "Locality/嵊州市")]
    changed = {e.key: dict((f, (o, n)) for f, o, n in e.changes) for e in d.entities_changed}
    assert "嵊州新名" in changed["Locality/嵊州市"]["aliases"][1]
    assert not d.entities_removed and not d.relations_removed
    assert compare(new, corpus_graph).counts["entities_removed"] == 1


def test_results_convert_to_json_and_pandas(corpus_graph):
    pd = pytest.importorskip("pandas")
    r = locality_profile(corpus_graph, "嵊州")
    assert json.loads(r.to_json())["key"] == "Locality/嵊州市"
    df = r.to_pandas()
    assert isinstance(df, pd.DataFrame) and set(df["section"]) >= {"sub_localities", "programmes"}


# ---- commands ------------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [
    ["top", "--by", "pagerank", "--class", "Company", "-n", "5"], ["path", "比亚迪", "一号改革工程"],
    ["profile", "嵊州"], ["programme", "一号改革工程"], ["communities", "-n", "3"], ["near", "下王镇"],
])
def test_commands_print_tables_and_json(corpus_exports, capsys, argv):
    assert main([*argv, "-g", str(corpus_exports)]) == 0
    assert capsys.readouterr().out.strip()
    assert main([*argv, "-g", str(corpus_exports), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)


def test_diff_command(corpus_exports, capsys):
    assert main(["diff", str(corpus_exports), str(corpus_exports / "graph.ttl"), "--json"]) == 0
    assert not any(json.loads(capsys.readouterr().out)["counts"].values())


@pytest.mark.parametrize("argv", [["profile", "州市"], ["programme", "嵊州"], ["path", "比亚迪", "没有这个名字"]])
def test_unknown_names_exit_1_with_one_line(corpus_exports, capsys, argv):
    assert main([*argv, "-g", str(corpus_exports)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"kg {argv[0]}: ") and "\n" not in err


def test_missing_graph_exits_1(tmp_path, capsys):
    assert main(["top", "-g", str(tmp_path / "nowhere")]) == 1
    assert "kg build" in capsys.readouterr().err


def test_relation_counts_match_the_public_view(corpus_graph):
    from kg.analysis._base import relation_counts
    expected = sorted((f.subject, f.predicate, f.object, len(f.evidence)) for f in corpus_graph.relations())
    assert sorted(relation_counts(corpus_graph)) == expected


def test_networkx_fallback_gives_the_same_rankings(corpus_graph, monkeypatch):
    pytest.importorskip("igraph", reason="igraph is optional (pip install 'zhkg[igraph]'): nothing to compare with")
    import kg.analysis.rank as rank
    with_igraph = {m: centrality(corpus_graph, m, top=10) for m in ("pagerank", "degree", "eigenvector")}
    parts = communities(corpus_graph, "louvain")
    monkeypatch.setattr(rank, "_igraph", lambda: None)
    for m, r in with_igraph.items():
        fallback = centrality(corpus_graph, m, top=10)
        assert fallback.engine != "igraph"
        assert [x.score for x in fallback.ranking] == pytest.approx([x.score for x in r.ranking], abs=1e-4)
    nx_parts = communities(corpus_graph, "louvain")
    assert nx_parts.engine == "networkx" and abs(nx_parts.modularity - parts.modularity) < 0.05
    assert sum(c.size for c in nx_parts.communities) == sum(c.size for c in parts.communities)
    with pytest.raises(ImportError, match="igraph"):
        communities(corpus_graph, "leiden")
