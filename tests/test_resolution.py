"""Context-dependent short forms (县委, 县经信局) resolve inside their document, never across documents;
posts from a level title with no body named (县长王琴英, 县委书记项乐民); clauses are not projects."""
from __future__ import annotations

import pytest

import kg
from kg.records import EntityKey

# two county articles that never name their county, and a third that names its own
ARTICLES = {
    "a.txt": "县委召开全体会议，研究部署全年经济工作。\n"
             "会上，县委书记项乐民宣布项目开工，县长王琴英作工作报告。县经信局局长张伟介绍了工业发展情况。\n",
    "b.txt": "近日，县委常委会议审议通过乡村振兴实施方案。\n"
             "县委副书记李红梅主持会议，县政府办公室主任刘海涛汇报了有关情况。\n",
    "c.txt": "筠连县位于四川省宜宾市南部。筠连县委、县政府高度重视产业发展。\n"
             "县委书记陈建国在筠连县调研时强调，要抓好项目建设。会上，县长王强宣布项目开工。\n",
}


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    d = tmp_path_factory.mktemp("three")
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    return kg.build([d]), d


def test_no_entity_is_shared_by_unrelated_articles(three):
    g, _ = three
    for e in g.entities():
        docs = g.entity_docs[e.key]
        assert not {"a", "b"} <= docs, (e.key, docs)
        if "c" in docs:
            assert docs == {"c"}, (e.key, docs)
    local = [e for e in g.entities("GovernmentBody") if e.label == "县委"]
    assert sorted(d for e in local for d in g.entity_docs[e.key]) == ["a", "b"]


def test_posts_stay_in_their_document(three):
    g, _ = three
    posts = {(EntityKey.parse(p.person).label, p.title): p.org for p in g.posts()}
    assert posts[("项乐民", "书记")] == "GovernmentBody/县委@a"
    assert posts[("李红梅", "副书记")] == "GovernmentBody/县委@b"
    # 筠连县委 and 县委 are one body, named in full (中共筠连县委)
    assert posts[("陈建国", "书记")] == "GovernmentBody/中共筠连县委"
    assert posts[("王强", "县长")] == "Locality/筠连县"
    # the county head of an article that names no county has no county to hold a post in
    assert not [p for p in g.posts() if p.person == "Person/王琴英"]
    for p in g.posts():
        assert g.entity_docs[p.org] & g.entity_docs[p.person], p


def test_no_relation_crosses_articles(three):
    g, _ = three
    for f in g.relations():
        assert g.entity_docs[f.subject] & g.entity_docs[f.object], f
        assert {e.doc_id for e in f.evidence} <= g.entity_docs[f.subject] | {"divisions"}, f


def test_clauses_are_not_projects(three):
    g, _ = three
    assert not [e.label for e in g.entities("Project") if "宣布" in e.label or "书记" in e.label]
    assert g.find("项乐民", "Person")


def test_document_local_entities_survive_export_and_load(three, tmp_path):
    g, _ = three
    g.save(tmp_path)
    back = kg.load(tmp_path)
    assert {e.key for e in back.entities("GovernmentBody")} == {e.key for e in g.entities("GovernmentBody")}
    assert {(p.person, p.title, p.org) for p in back.posts()} == {(p.person, p.title, p.org) for p in g.posts()}


def test_short_form_resolves_from_the_paragraph(tmp_path):
    """An article about several counties: 县委 after 德清县 in the same paragraph is 德清's."""
    (tmp_path / "d.txt").write_text(
        "湖州市德清县、长兴县和安吉县都在推进营商环境改革。\n"
        "德清县把企业诉求作为头等大事，县委专门成立工作专班。\n"
        "长兴县则聚焦项目审批提速。\n", encoding="utf-8")
    g = kg.build([tmp_path])
    bodies = [e for e in g.entities("GovernmentBody") if "县委" in e.aliases or e.label == "县委"]
    assert [e.label for e in bodies] == ["中共德清县委"]
