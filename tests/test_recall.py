"""Recall of places, bodies and institutes on magazine prose (issue 10, entity side): one error class
a test, on corpus sentences and sentences written to show the class."""
from __future__ import annotations

from kg.extract.recognise import recognise
from kg.extract.resolve import resolve
from kg.extract.resources import resources
from kg.records import Document
from kg.text.sentences import split_sentences


def _doc(text: str):
    doc = Document("t", "t.txt", text, None, len(text))
    sentences = split_sentences(text, "t")
    return doc, sentences, recognise(doc, sentences, resources())


def names(text: str, cls: str) -> set[str]:
    return {m.text for m in _doc(text)[2] if m.cls == cls}


def labels(text: str, cls: str) -> set[str]:
    doc, sentences, found = _doc(text)
    return {e.label for e in resolve(doc, sentences, found, resources()).entities if e.cls == cls}


# corpus 003: short forms confirmed by the places the sentence already has
PILOTS = "今年，浙江又布局杭州上城友好城区、海盐澉浦友好乡镇、开化高田坑友好乡村等生物多样性友好试点。"


def test_short_form_confirmed_by_a_confirmed_place():
    # 杭州 is confirmed by 浙江, then 上城 by 杭州: 上城区 of 杭州市, not 源城区's 上城街道
    assert "上城" in names(PILOTS, "Locality")
    assert "上城区" in labels(PILOTS, "Locality")


def test_place_and_its_township_confirm_each_other():
    # 海盐 is also a word ("sea salt"); 澉浦 right after it is 澉浦镇 of 海盐县: both are places
    found = names(PILOTS, "Locality")
    assert {"海盐", "澉浦"} <= found
    assert {"海盐县", "澉浦镇"} <= labels(PILOTS, "Locality")


def test_everyday_word_alone_is_no_place():
    assert "海盐" not in names("浙江的渔民用海盐腌制鱼干。", "Locality")


def test_level_word_body_with_office_ending():
    # corpus 003 and 004: 省/市 stands for the document's place, the ending makes the body
    assert "省防指" in names("这期间，省防指领导坐镇指挥调度，气象、水利部门联动。", "GovernmentBody")
    assert "省防指办" in names("省防指办负责人说，防汛物资保障要坚持。", "GovernmentBody")
    assert "省营商环境专班" in names("问题逐级上报至市企业综合服务中心、省营商环境专班，最终闭环解决。",
                                "GovernmentBody")


def test_level_body_resolves_to_the_documents_province():
    text = "浙江省防汛防台抗旱工作有序开展。这期间，省防指领导坐镇指挥调度。"
    assert "浙江省防指" in labels(text, "GovernmentBody")


def test_task_force_of_no_place_is_no_body():
    # corpus 002: 组建工作专班 is a kind of team, not a named body
    assert not any(n.endswith("专班") for n in names("还专门协调多部门组建工作专班“一对一”跟踪服务。", "GovernmentBody"))


def test_place_body_ending_in_an_office_word_before_a_noun():
    # corpus 003 and 004: the name ends on its office ending although a noun follows
    assert any(n.endswith("新宅镇应急管理站") for n in
               names("接到预警后，武义县新宅镇应急管理站工作人员加密风险点巡查。", "GovernmentBody"))
    assert "德清县企业综合服务中心" in names("企业所在辖区德清县企业综合服务中心第一时间交办市场监管部门。",
                                      "GovernmentBody")


def test_institute_with_one_character_ending():
    # corpus 003: 院/所 count for names the tagger marks as organisations
    assert "省环科院" in names("“避免人为过度干预。”省环科院首席专家刘瑜说。", "Organization")
