"""Designated pilots and the places a pilot chooses (kg/extract/relation_pilots.py, called by the rule
`pilots`): sentences written for these tests in the style of several provinces' government news, each with
the facts the rule must find (and from that rule: gone without it), and the facts it must not find."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sentence import document

from kg.extract.registry import Pipeline
from kg.records import EntityKey

IMP, PART = "implements", "participatesIn"


def facts(text: str, pipeline: Pipeline | None = None, rule: str | None = None) -> set[tuple[str, str, str]]:
    """(subject label, predicate, object label) of the text's relations (those whose evidence names `rule`)."""
    lab = lambda k: EntityKey.parse(k).label  # noqa: E731
    return {(lab(r.subject), r.predicate, lab(r.object)) for r in document(text, pipeline).relations
            if rule is None or r.evidence.rule == rule}


def without_pilots() -> Pipeline:
    """The default pipeline without the rule `pilots`."""
    d = Pipeline.default()
    return replace(d, relation_rules=tuple(r for r in d.relation_rules if r != "pilots"))


DESIGNATED = [
    # text, facts the rule finds, facts that must not be found (and whether the other rules miss them)
    ("今年，潍坊市被山东省工业和信息化厅确定为全省“数字经济”改革试点城市。",          # 山东: passive, agent, 全省
     [("潍坊市", IMP, "数字经济改革"), ("山东省工业和信息化厅", IMP, "数字经济改革")],
     []),
    ("省发展改革委确定嘉兴市、湖州市为全省“共同富裕”改革试点。",                     # 浙江: active, a list
     [("嘉兴市", IMP, "共同富裕改革"), ("湖州市", IMP, "共同富裕改革")], []),
    ("2023年，沛县、睢宁县先后入选全国“数字乡村”改革试点名单。",                       # 江苏: a list 入选…名单
     [("沛县", IMP, "数字乡村改革"), ("睢宁县", IMP, "数字乡村改革")], []),
    ("福建仑海卫浴科技有限公司入选省级“专精特新”改革试点企业。",                      # 福建: a company takes part
     [("福建仑海卫浴科技有限公司", PART, "专精特新改革")], [("福建仑海卫浴科技有限公司", IMP, "专精特新改革")], False),
    ("湄潭县被贵州省人民政府评为全省“四在农家”建设示范县。",                          # 贵州: a name ending 示范县
     [("湄潭县", IMP, "四在农家建设示范县")], []),
    ("遵义市2022年被列为“强省会”行动示范城市。",                                       # a year between
     [("遵义市", IMP, "强省会行动")], [], False),
    ("省工业和信息化厅将淄博市、潍坊市列为全省“数字经济”改革试点城市。",              # 将…列为
     [("淄博市", IMP, "数字经济改革"), ("潍坊市", IMP, "数字经济改革"), ("山东省工业和信息化厅", IMP, "数字经济改革")],
     []),
    ("贵州省把湄潭县确定为全省“四在农家”建设示范县。",                                # 把…确定为
     [("湄潭县", IMP, "四在农家建设示范县")], []),
    ("去年，寿光市成为全国“数字乡村”改革试点县。",                                    # 成为
     [("寿光市", IMP, "数字乡村改革")], [], False),
    ("青岛啤酒股份有限公司、海信集团有限公司等企业入选“智能制造”行动试点名单。",      # companies, 等企业
     [("青岛啤酒股份有限公司", PART, "智能制造行动"), ("海信集团有限公司", PART, "智能制造行动")],
     [("青岛啤酒股份有限公司", IMP, "智能制造行动")], False),
    ("宁波市被工业和信息化部确定为国家首批“智能制造”行动城市试点、首批“中小企业数字化转型”改革试点。",  # two pilots
     [("宁波市", IMP, "智能制造行动"), ("宁波市", IMP, "中小企业数字化转型改革")], []),
    ("这是安吉县实验小学打造的“强村公司”改革试点。",                                   # 浙江: a school's pilot
     [("安吉县实验小学", PART, "强村公司改革")], [("安吉县实验小学", IMP, "强村公司改革")]),
    ("这是福建泓岩石材科技有限公司承担的“智能制造”行动试点项目。",                    # a company's pilot
     [("福建泓岩石材科技有限公司", PART, "智能制造行动")], []),
]

NOT_DESIGNATED = [
    "会议要求，被确定为“强村公司”改革试点的乡镇要先行先试。",          # no pilot named
    "潍坊市部署入选“数字经济”改革试点的企业开展培训。",                # 部署: the city is no pilot
    "潍坊市召开会议，被确定为“数字经济”改革试点的企业参加。",          # another clause
    "嘉兴市被纳入“共同富裕”改革实施范围。",                            # not a pilot
    "省发展改革委确定2024年为全省“共同富裕”改革试点年。",               # no place named
    "该项目成为“数字经济”改革试点的重要支撑。",                         # a project is no pilot
    "寿光市召开会议，推动更多企业成为“数字乡村”改革试点单位。",         # 推动: the companies are unnamed
    "这是安吉县实验小学打造的“强村公司”改革成果。",                     # no pilot
]


DESIGNATED = [d if len(d) == 4 else (*d, True) for d in DESIGNATED]


@pytest.mark.parametrize("text,found,absent,new", DESIGNATED)
def test_designated_pilots(text, found, absent, new):
    got = facts(text, rule="designated-pilot")
    for f in found:
        assert f in got, (f, got)
    everything = facts(text)
    for f in absent:
        assert f not in everything, (f, everything)


def test_whole_province_frame():
    """全省 before the pilot: the document's province carries it out too (rule designated-pilot, or whole-owner,
    which reads the same 全省“…” and is kept when both give the fact)."""
    assert ("山东省", IMP, "数字经济改革") in facts(DESIGNATED[0][0])


@pytest.mark.parametrize("text,found", [(d[0], d[1]) for d in DESIGNATED if d[3]])
def test_designated_pilots_come_from_the_rule(text, found):
    before = facts(text, without_pilots())
    assert any(f not in before for f in found), before


@pytest.mark.parametrize("text", NOT_DESIGNATED)
def test_no_designation(text):
    assert not facts(text, rule="designated-pilot")


FORERUNNERS = [
    # text, facts the rule finds, facts that must not be found
    ("天荒坪镇被确定为全省“强村公司”改革试点乡镇。镇里选取余村、大溪村为先行村，推进改革。",
     [("余村", IMP, "强村公司改革"), ("大溪村", IMP, "强村公司改革")], []),
    ("天荒坪镇被确定为全省“强村公司”改革试点乡镇。天荒坪镇选取余村、大溪村为先行村，推进改革。",
     [("余村", IMP, "强村公司改革"), ("大溪村", IMP, "强村公司改革")], []),
    ("安吉县被确定为全省“强村公司”改革试点县。县里选取鲁家村、大溪村为先行村，推进改革。",      # 县里
     [("鲁家村", IMP, "强村公司改革"), ("大溪村", IMP, "强村公司改革")], []),
]

NOT_FORERUNNERS = [
    # no pilot named before: the villages carry out nothing
    "天荒坪镇召开会议。镇里选取余村、大溪村为先行村，推进改革。",
    # the town named last is another one than the pilot
    "天荒坪镇被确定为全省“强村公司”改革试点乡镇。孝丰镇召开会议，镇里选取余村、大溪村为先行村。",
]


@pytest.mark.parametrize("text,found,absent", FORERUNNERS)
def test_forerunners(text, found, absent):
    got = facts(text, rule="forerunner")
    for f in found:
        assert f in got, (f, got)
    assert not set(found) & facts(text, without_pilots())


@pytest.mark.parametrize("text", NOT_FORERUNNERS)
def test_no_forerunners(text):
    assert not facts(text, rule="forerunner")


ROLES = [
    # text, facts the rule finds (the other rules miss them)
    ("福建泓岩石材科技有限公司是“拿地即开工”改革的受益者。",                       # 福建
     [("福建泓岩石材科技有限公司", PART, "拿地即开工改革")]),
    ("西安交通大学、西北工业大学是“秦创原”平台建设的重要参与单位。",               # 陕西: a list
     [("西安交通大学", PART, "秦创原"), ("西北工业大学", PART, "秦创原")]),
    ("李明是“拿地即开工”改革的受益者。",                                           # a person
     [("李明", PART, "拿地即开工改革")]),
]

NOT_ROLES = [
    "嵊州市是“拿地即开工”改革的受益者。",                  # a place: no company takes part
    "福建泓岩石材科技有限公司表示，“拿地即开工”改革的受益者越来越多。",   # another clause
    "福建泓岩石材科技有限公司推动“拿地即开工”改革惠及更多受益企业。",     # no copula
]


@pytest.mark.parametrize("text,found", ROLES)
def test_roles(text, found):
    got = facts(text, rule="role")
    for f in found:
        assert f in got, (f, got)
    assert not set(found) & facts(text, without_pilots())


@pytest.mark.parametrize("text", NOT_ROLES)
def test_no_roles(text):
    assert not facts(text, rule="role")


SITES = [
    # text, facts the rule finds (the other rules miss them)
    ("三是开展“数字乡村”改革试点。在淄博、潍坊、临沂3市开展省级试点，每市遴选300家企业。",       # 山东
     [("淄博市", IMP, "数字乡村改革"), ("潍坊市", IMP, "数字乡村改革"), ("临沂市", IMP, "数字乡村改革")]),
    ("肇庆市推进“标准地”改革试点。今年将在四会市、高要区率先开展试点。",                          # 广东
     [("四会市", IMP, "标准地改革"), ("高要区", IMP, "标准地改革")]),
    ("全省推进“数字乡村”行动。在淄博、潍坊、临沂3市开展试点。",                                   # no pilot: the programme before
     [("淄博市", IMP, "数字乡村行动"), ("潍坊市", IMP, "数字乡村行动"), ("临沂市", IMP, "数字乡村行动")]),
]

NOT_SITES = [
    "全市召开会议。在四会市、高要区开展试点。",                        # no pilot named before
    "全省推进“数字乡村”行动。\n在淄博、潍坊、临沂3市开展试点。",       # no pilot before, another paragraph
    "全省开展“数字乡村”改革试点。在淄博开展“智改数转”行动试点。",     # the clause names its own programme
]


@pytest.mark.parametrize("text,found", SITES)
def test_pilot_sites(text, found):
    got = facts(text, rule="pilot-sites")
    for f in found:
        assert f in got, (f, got)
    assert not set(found) & facts(text, without_pilots())


@pytest.mark.parametrize("text", NOT_SITES)
def test_no_pilot_sites(text):
    assert not facts(text, rule="pilot-sites")


LISTED = [
    # text, facts the rule finds (the other rules miss at least one)
    ("今年，浙江又布局杭州上城友好城区、海盐澉浦友好乡镇、绍兴友好企业、温州三垟友好湿地等“生物多样性友好”改革试点。",
     [("上城区", IMP, "生物多样性友好改革"), ("澉浦镇", IMP, "生物多样性友好改革"), ("绍兴市", IMP, "生物多样性友好改革"),
      ("温州市", IMP, "生物多样性友好改革")]),
]

NOT_LISTED = [
    "推动嘉兴、湖州等地企业参与“数字乡村”改革试点。",                  # the companies take part, not the places
    "浙江布局杭州上城友好城区、海盐澉浦友好乡镇等“生物多样性友好”品牌。",  # no pilot
]


@pytest.mark.parametrize("text,found", LISTED)
def test_listed_pilots(text, found):
    got = facts(text, rule="listed-pilots")
    for f in found:
        assert f in got, (f, got)
    assert not set(found) <= facts(text, without_pilots())


@pytest.mark.parametrize("text", NOT_LISTED)
def test_no_listed_pilots(text):
    assert not facts(text, rule="listed-pilots")


ROLLS = [
    # text, facts the rule finds (the other rules miss at least one)
    ("四川省农业农村厅公布“数字乡村”改革试点名单，眉山市东坡区、成都市郫都区等12个县榜上有名。",        # 四川
     [("四川省农业农村厅", IMP, "数字乡村改革"), ("东坡区", IMP, "数字乡村改革"), ("郫都区", IMP, "数字乡村改革")]),
    ("农业农村部日前公布2024年“强村公司”改革试点名单，宁波市象山县、台州市温岭市两个项目名列其中。",       # 浙江
     [("农业农村部", IMP, "强村公司改革"), ("象山县", IMP, "强村公司改革"), ("温岭市", IMP, "强村公司改革")]),
]

NOT_ROLLS = [
    # text, facts that must not be found
    ("四川省农业农村厅公布“数字乡村”改革试点名单，眉山市东坡区召开会议部署工作。",
     [("东坡区", IMP, "数字乡村改革")]),
    ("四川省农业农村厅公布“数字乡村”改革工作方案，眉山市东坡区、成都市郫都区榜上有名。",            # no list
     [("东坡区", IMP, "数字乡村改革"), ("四川省农业农村厅", IMP, "数字乡村改革")]),
]


@pytest.mark.parametrize("text,found", ROLLS)
def test_pilot_lists(text, found):
    got = facts(text, rule="pilot-list")
    for f in found:
        assert f in got, (f, got)
    assert not set(found) <= facts(text, without_pilots())


@pytest.mark.parametrize("text,absent", NOT_ROLLS)
def test_no_pilot_lists(text, absent):
    got = facts(text, rule="pilot-list")
    assert not set(absent) & got, got
