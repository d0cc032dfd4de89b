"""Resolution and grounding, one behaviour a test, on short texts of our own (tests/sentence.py):
one entity one node, a homonymous township grounded by its document's places, typed entity keys."""
from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.resolve import Place, body_name, context_dependent, level_place
from kg.extract.resources import resources
from kg.graph.merge import merge
from kg.records import EntityKey
from tests.sentence import document, graph


def entities(text: str, cls: str) -> dict[str, object]:
    return {e.key: e for e in document(text).entities if e.cls == cls}


# --- the same entity is one node ---------------------------------------------------------------

def test_county_and_its_short_form_are_one_node():
    g = graph("嵊州市位于浙江省绍兴市。近年来，嵊州大力发展越剧文化产业。")
    e = g.resolve("嵊州")
    assert e.key == "Locality/嵊州市"
    assert "嵊州" in e.aliases
    assert [x.key for x in g.entities("Locality") if x.label.startswith("嵊州")] == ["Locality/嵊州市"]
    assert e.mentions >= 2


def test_company_short_name_merges_with_its_legal_name():
    found = entities("嵊州市的嵊州陌桑高科股份有限公司是一家蚕桑企业。陌桑高科今年产量大增。", "Company")
    assert list(found) == ["Company/嵊州陌桑高科股份有限公司"]
    assert "陌桑高科" in found["Company/嵊州陌桑高科股份有限公司"].aliases


def test_company_cited_without_its_place_merges_with_the_placed_name():
    found = entities("绍兴市越鲜食品有限公司与嵊州市政府签约。越鲜食品有限公司将投资建厂。", "Company")
    assert list(found) == ["Company/绍兴市越鲜食品有限公司"]
    assert "越鲜食品有限公司" in found["Company/绍兴市越鲜食品有限公司"].aliases


def test_short_form_without_place_context_stays_apart():
    # no place in the text: 嵊州 at the start of the legal name is not known to be a place prefix
    found = entities("嵊州陌桑高科股份有限公司是一家蚕桑企业。陌桑高科今年产量大增。", "Company")
    assert set(found) == {"Company/嵊州陌桑高科股份有限公司", "Company/陌桑高科"}


# --- grounding of a homonymous township --------------------------------------------------------

@pytest.mark.parametrize("county, path", [
    ("明光市", "安徽省/滁州市/明光市/三界镇"),
    ("嵊州市", "浙江省/绍兴市/嵊州市/三界镇"),
])
def test_homonymous_township_is_grounded_by_the_documents_county(county, path):
    # 三界镇 is the name of three townships; the county the article is about says which
    town = entities(f"{county}召开全市农业工作会议。会后，市领导到三界镇调研。", "Locality")["Locality/三界镇"]
    assert town.attr("adminPath") == path
    assert town.attr("adminLevel") == "township"


def test_homonymous_township_without_context_is_not_grounded():
    town = entities("今天在三界镇召开会议。", "Locality")["Locality/三界镇"]
    assert town.attr("adminPath") is None


def test_two_homonymous_townships_stay_two_nodes_after_the_merge():
    g = merge([extract_text("明光市召开全市农业工作会议。会后，市领导到三界镇调研。", "a"),
               extract_text("嵊州市召开全市农业工作会议。会后，市领导到三界镇调研。", "b")])
    towns = {e.key: e.attr("adminPath") for e in g.entities("Locality") if e.label == "三界镇"}
    assert towns == {"Locality/三界镇@明光市": "安徽省/滁州市/明光市/三界镇",
                     "Locality/三界镇@嵊州市": "浙江省/绍兴市/嵊州市/三界镇"}
    assert g.entity_docs["Locality/三界镇@明光市"] == {"a"}


def test_one_township_in_two_documents_keeps_its_plain_key():
    g = merge([extract_text("嵊州市三界镇召开会议。", "a"), extract_text("嵊州市三界镇举行活动。", "b")])
    assert [e.key for e in g.entities("Locality") if e.label == "三界镇"] == ["Locality/三界镇"]
    assert g.entity_docs["Locality/三界镇"] == {"a", "b"}


# --- level words and context-dependent bodies --------------------------------------------------

def test_level_word_stands_for_the_documents_place():
    place = Place("浙江省", "绍兴市", "嵊州市")
    assert level_place("市", place) == "嵊州市"          # the county-level city, not the prefecture
    assert level_place("市", Place("浙江省", "绍兴市", "德清县")) == "绍兴市"
    assert level_place("县", place) is None
    assert body_name("县人社局", Place("浙江省", "湖州市", "德清县"), resources()) == ("德清县人力资源和社会保障局", ("县人社局", "德清县人社局"))


def test_short_body_of_no_place_is_local_to_its_document():
    found = entities("县委召开全体会议。县经信局负责人参加。", "GovernmentBody")
    assert set(found) == {"GovernmentBody/县委@text", "GovernmentBody/县经信局@text"}
    assert context_dependent("县经信局", resources()) and not context_dependent("市场监管局", resources())


# --- typed keys --------------------------------------------------------------------------------

def test_entity_keys_are_typed():
    g = document("县委召开会议，书记到三界镇调研。")    # no county named: 县委 is this document's own
    assert g.entities
    for e in g.entities:
        assert isinstance(e.key, EntityKey), e.key
        assert (e.key.cls, e.key.label.split("@")[0]) == (e.cls, e.label), e.key
    local = next(e.key for e in g.entities if e.key.label.endswith("@text"))
    assert local.cls == "GovernmentBody" and local.label == "县委@text"


def test_merged_and_qualified_keys_are_typed():
    g = merge([extract_text("明光市三界镇召开会议。", "a"), extract_text("嵊州市三界镇召开会议。", "b")])
    keys = [e.key for e in g.entities()]
    assert keys and all(isinstance(k, EntityKey) for k in keys)
    town = next(k for k in keys if k.label == "三界镇@嵊州市")
    assert town.cls == "Locality" and EntityKey.parse(str(town)) == town
