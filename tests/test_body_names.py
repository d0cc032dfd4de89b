"""A government body is one entity under its official full name with its place (市发改委 in a 常德市
article → 常德市发展和改革委员会), every form the text writes kept as an alias (skos:altLabel), and
located in its place; a department written with no place (市场监管局) takes the document's place of its
level when the document has one; a sub-unit (…厅办公室, …厅某某处) is a body of its own, named in full
and located like its parent. Sentences written in the style of several provinces' news."""
from __future__ import annotations

import pytest

from sentence import document, graph, has


def bodies(text: str) -> dict[str, tuple[str, ...]]:
    return {e.label: e.aliases for e in document(text).entities if e.cls == "GovernmentBody"}


@pytest.mark.parametrize("text, label, written, place", [
    # Hunan, a prefecture: a level word and a short form
    ("湖南省常德市召开优化营商环境大会。会上，市发改委主任李明通报了重点项目进展。",
     "常德市发展和改革委员会", "市发改委", "常德市"),
    # Inner Mongolia: 自治区 stands for the province
    ("内蒙古自治区召开全区经济工作会议。自治区发改委主任王建军作报告。",
     "内蒙古自治区发展和改革委员会", "自治区发改委", "内蒙古自治区"),
    # Sichuan: 州 for an autonomous prefecture
    ("四川省凉山彝族自治州召开防汛工作会议。州人社局局长吉克阿呷介绍就业情况。",
     "凉山彝族自治州人力资源和社会保障局", "州人社局", "凉山彝族自治州"),
    # Inner Mongolia: 盟 and 旗
    ("锡林郭勒盟召开招商推介会。盟发改委主任张强出席。", "锡林郭勒盟发展和改革委员会", "盟发改委", "锡林郭勒盟"),
    ("正蓝旗召开招商推介会。旗住建局局长张强出席。", "正蓝旗住房和城乡建设局", "旗住建局", "正蓝旗"),
    # Jiangxi, a county: 县 + a sub-unit's short form (政府办 → 人民政府办公室)
    ("江西省于都县召开安全生产会议。县政府办主任刘伟主持会议。", "于都县人民政府办公室", "县政府办", "于都县"),
    # Fujian, a county-level city: 市 is the city itself, not the prefecture
    ("福建省泉州市南安市召开会议。市市场监管局局长陈强发言。", "南安市市场监督管理局", "市市场监管局", "南安市"),
    # Yunnan: the place written with the short organ (no level word)
    ("石屏县文旅局组织开展非遗展演。", "石屏县文化和旅游局", "石屏县文旅局", "石屏县"),
    # Guangdong, a township's office
    ("佛山市顺德区北滘镇党政办主任陈明出席。", "佛山市顺德区北滘镇党政综合办公室", "佛山市顺德区北滘镇党政办", "北滘镇"),
])
def test_short_form_is_named_in_full_and_located(text, label, written, place):
    got = bodies(text)
    assert label in got and written in got[label], got
    assert has(graph(text), label, "locatedIn", place)


def test_full_and_short_forms_are_one_entity():
    # Shandong: the full name first, the short form after it
    got = bodies("山东省工业和信息化厅印发通知。省工信厅副厅长王刚解读政策。")
    assert "山东省工业和信息化厅" in got and {"省工信厅"} <= set(got["山东省工业和信息化厅"])
    assert not any(label.endswith("工信厅") for label in got)


def test_sub_units_are_bodies_named_in_full():
    # Guizhou: a province department's division; Sichuan: a department's office
    got = bodies("贵州省应急厅防汛抗旱处处长王刚介绍汛情。")
    assert "贵州省应急管理厅防汛抗旱处" in got and "贵州省应急管理厅" in got
    assert has(graph("贵州省应急厅防汛抗旱处处长王刚介绍汛情。"), "贵州省应急管理厅防汛抗旱处", "locatedIn", "贵州省")
    got = bodies("四川省召开会议。省经信厅办公室主任赵明介绍情况。")
    assert "四川省经济和信息化厅办公室" in got and "省经信厅办公室" in got["四川省经济和信息化厅办公室"]


@pytest.mark.parametrize("text, label, place", [
    # Jiangxi, a county's news: the county's bureau
    ("江西省于都县召开优化营商环境大会。会上，市场监管局通报了上半年市场主体发展情况。", "于都县市场监督管理局", "于都县"),
    # Henan: a centre of organs.txt inside a county's hall
    ("走进河南省舞阳县行政审批服务中心，企业综合服务中心的窗口一字排开。", "舞阳县企业综合服务中心", "舞阳县"),
    # Guangdong, a prefecture's news: the prefecture's bureau
    ("广东省肇庆市召开民营经济大会。市场监管局负责人介绍了登记改革。", "肇庆市市场监督管理局", "肇庆市"),
    # Gansu: a 厅 is the province's
    ("甘肃省召开全省工业经济运行会议。会上，工信厅通报了一季度运行情况。", "甘肃省工业和信息化厅", "甘肃省"),
])
def test_bare_department_takes_the_documents_place(text, label, place):
    got = bodies(text)
    assert label in got, got
    assert has(graph(text), label, "locatedIn", place)


@pytest.mark.parametrize("text", [
    "会上，市场监管局通报了上半年市场主体发展情况。",                        # no place at all
    "江西省于都县和宁都县召开联席会议。会上，市场监管局通报了情况。",          # two counties: which one?
    "城市管理局加强巡查。",
])
def test_bare_department_without_one_place_is_no_body(text):
    assert not any("管理局" in label for label in bodies(text)), bodies(text)


def test_an_enumeration_of_bare_departments_is_not_named():
    # 住建局、交通局等部门: kinds of department in a list, not bodies the text names
    got = bodies("湖南省常德市召开会议。会上，住建局、交通局等部门负责人发言。")
    assert not any(label.endswith(("住房和城乡建设局", "交通运输局")) for label in got), got


def test_a_provinces_courts_are_not_renamed():
    # 浙江法院: the courts of the province, no 人民法院 of that name
    got = bodies("浙江法院上线执行和解监管平台。")
    assert not any(label.endswith("人民法院") for label in got), got


def test_a_kind_of_places_organ_keeps_its_written_name():
    # 高新区管委会 with no zone named: 高新区 is a kind of place (generic_places.txt), not a division
    got = bodies("会上，高新区管委会负责人介绍了园区建设情况。")
    assert not any(label.startswith("高新区管理委员会") for label in got), got
