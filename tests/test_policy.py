"""Policy documents: titles in 《》 and bare titles, short citations, issuedBy and implements; books are not documents."""
from __future__ import annotations

import pytest

import kg
from built import build_texts

TEXT = (
    # sentences written for the test
    "浙江省人民政府印发《浙江省优化营商环境条例》。\n"
    "嵊州市全面贯彻落实《浙江省优化营商环境条例》，《条例》明确了各级政府的责任。\n"
    "他小时候爱读《西游记》，也爱看电影《新龙门客栈》，如今每期都读《今日浙江》。\n"
    # corpus sentences (data/corpus/003_…, ../shared/eval/texts/s004_l7800_8400)
    "台州市人民检察院联合多部门出台《台州市强制亲职教育“1+X”协同工作体系实施方案》。\n"
    "江北区重塑制度体系，健全产权交易机制，出台农村集体经济数字管理系统管理暂行办法、农村产权交易管理办法。\n"
    "同时，《办法》还对交易流程作出规定。\n"
)


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return build_texts(tmp_path_factory, "policy", p=TEXT)


def test_titles_are_policy_documents_not_programmes(graph):
    docs = {e.label for e in graph.entities("PolicyDocument")}
    assert {"浙江省优化营商环境条例", "台州市强制亲职教育“1+X”协同工作体系实施方案",
            "农村集体经济数字管理系统管理暂行办法", "农村产权交易管理办法"} <= docs
    assert not [e for e in graph.entities("Programme") if e.label.endswith(("条例", "方案", "办法"))]


def test_books_films_and_magazines_are_not_documents(graph):
    names = {n for e in graph.entities() for n in (e.label, *e.aliases)}
    for title in ("西游记", "新龙门客栈", "今日浙江"):
        assert not any(title in n for n in names), title


def test_short_citations_resolve_to_the_full_title(graph):
    docs = {e.label: e for e in graph.entities("PolicyDocument")}
    assert "条例" not in docs and "办法" not in docs
    assert docs["浙江省优化营商环境条例"].mentions >= 3      # twice in full, once as 《条例》
    assert "《条例》" in docs["浙江省优化营商环境条例"].aliases
    assert "《办法》" in docs["农村产权交易管理办法"].aliases   # the nearest full title before it


def test_issued_by_and_implements(graph):
    facts = {(f.subject, f.predicate, f.object) for f in graph.relations()}
    assert ("PolicyDocument/浙江省优化营商环境条例", "issuedBy", "GovernmentBody/浙江省人民政府") in facts
    assert ("PolicyDocument/台州市强制亲职教育1+X协同工作体系实施方案", "issuedBy",
            "GovernmentBody/台州市人民检察院") in facts
    assert ("Locality/嵊州市", "implements", "PolicyDocument/浙江省优化营商环境条例") in facts
    # a place is no issuing body: a place that issues a document carries it out
    assert ("Locality/江北区", "implements", "PolicyDocument/农村集体经济数字管理系统管理暂行办法") in facts
    assert not [f for f in graph.relations("issuedBy") if not f.object.startswith("GovernmentBody/")]


def test_exports_and_load_keep_the_class_and_predicate(graph, tmp_path):
    graph.save(tmp_path)
    ttl = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "kg:PolicyDocument" in ttl and "kg:issuedBy" in ttl
    back = kg.load(tmp_path)
    assert back.summary()["entities"]["PolicyDocument"] == graph.summary()["entities"]["PolicyDocument"]
    assert back.summary()["relations"]["issuedBy"] == graph.summary()["relations"]["issuedBy"] >= 2
    html = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert "政策文件" in html and "浙江省优化营商环境条例" in html
    from kg.export.report import report_markdown
    report = report_markdown(graph)
    assert "| PolicyDocument | 4 |" in report
