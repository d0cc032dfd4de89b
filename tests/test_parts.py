"""Parts of programmes, companies' projects and places (kg/extract/relation_parts.py and the rules of
relation_rules.py it sits beside): sentences written for these tests in the style of several provinces'
government news, each with the fact a rule must find, the facts it must not, and a check that the fact
comes from the rule (gone without it)."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sentence import document

from kg.extract.registry import Pipeline
from kg.records import EntityKey


def facts(text: str, pipeline: Pipeline | None = None) -> set[tuple[str, str, str]]:
    """(subject label, predicate, object label) of every relation of the text."""
    lab = lambda k: EntityKey.parse(k).label  # noqa: E731
    return {(lab(r.subject), r.predicate, lab(r.object)) for r in document(text, pipeline).relations}


def without(*names: str) -> Pipeline:
    """The default pipeline without these relation rules and passes."""
    d = Pipeline.default()
    return replace(d, relation_rules=tuple(r for r in d.relation_rules if r not in names),
                   relation_passes=tuple(p for p in d.relation_passes if p not in names))


SUB = "subProgrammeOf"

PARTS = [
    # component, text, facts it finds, facts it must not find
    ("parts", "作为“放管服”改革的重要内容，“证照分离”改革今年在全省推开。",
     [("证照分离改革", SUB, "放管服改革")], [("放管服改革", SUB, "证照分离改革")]),
    ("parts", "作为“智改数转”行动的重要组成部分，“工业互联网”专项行动今年计划新增上云企业2000家。",
     [("工业互联网专项行动", SUB, "智改数转行动")], []),
    ("parts", "如果说“放管服”改革让企业少跑腿，那么作为其中重要一环的“证照分离”改革，则让企业早开业。",
     [("证照分离改革", SUB, "放管服改革")], [("放管服改革", SUB, "证照分离改革")]),
    ("parts", "“一网统管”平台是推进“城市大脑”建设的重要抓手。",
     [("一网统管", SUB, "城市大脑")], [("城市大脑", SUB, "一网统管")]),
    ("parts", "成都市深入实施“幸福美好生活十大工程”，以“城市更新”行动、“公园城市”行动为抓手，加快建设示范区。",
     [("城市更新行动", SUB, "幸福美好生活十大工程"), ("公园城市行动", SUB, "幸福美好生活十大工程")],
     [("幸福美好生活十大工程", SUB, "城市更新行动")]),
    ("parts", "以“强链补链”行动、“企业上市”行动为抓手，全市深入推进“制造强市”战略。",
     [("强链补链行动", SUB, "制造强市战略"), ("企业上市行动", SUB, "制造强市战略")], []),
    ("parts", "今年全省推进“三大行动”，即“工业强基”行动、“数字赋能”行动和“绿色制造”行动。",
     [("工业强基行动", SUB, "三大行动"), ("绿色制造行动", SUB, "三大行动")], [("三大行动", SUB, "工业强基行动")]),
    ("parts", "全市开展“万人助万企”、“千人进千村”等“两大行动”。",
     [("万人助万企", SUB, "两大行动"), ("千人进千村", SUB, "两大行动")], []),
    ("parts", "县里组织开展“送政策”、“送技术”、“送服务”等“三送”活动。",
     [("送政策", SUB, "三送"), ("送服务", SUB, "三送")], [("三送", SUB, "送政策")]),
    ("parts", "全省实施以“产业倍增”计划、“千企提升”计划和“新兴产业培育”工程为主要内容的“两计划一工程”。",
     [("产业倍增计划", SUB, "两计划一工程"), ("千企提升计划", SUB, "两计划一工程")], []),
    ("parts", "江苏全面推进“放管服”改革。两年来，这项改革形成了“一网通办”平台、“企业开办一件事”等一批创新举措。",
     [("一网通办", SUB, "放管服改革"), ("企业开办一件事", SUB, "放管服改革")], []),
    ("parts", "《南宁市促进民营经济发展若干措施》是全市民营经济“1+N”政策体系中的“1”。",
     [("南宁市促进民营经济发展若干措施", SUB, "1+N政策体系")], []),
    ("parts", "我省已形成“1+N”政策体系，即在《湖南省优化营商环境条例》这个“1”的基础上，各部门出台配套细则。",
     [("湖南省优化营商环境条例", SUB, "1+N政策体系")], []),
    ("parts", "“一网统管”平台成为推进“城市大脑”建设的重要抓手。",
     [("一网统管", SUB, "城市大脑")], []),
    ("parts", "《江西省优化营商环境条例》是“营商环境优化升级一号改革工程”的重要组成部分。",
     [("江西省优化营商环境条例", SUB, "营商环境优化升级一号改革工程")], []),
    ("parts", "南昌市将“城市更新”行动纳入“强省会”战略。",
     [("城市更新行动", SUB, "强省会战略")], [("强省会战略", SUB, "城市更新行动")]),
    ("parts", "“强省会”战略包括“强产业”行动、“强功能”行动和“强治理”行动。",
     [("强产业行动", SUB, "强省会战略"), ("强治理行动", SUB, "强省会战略")], []),
    ("parts", "全省公安机关深入实施“全员人才”计划，以“1+6”全员人才政策体系为支撑，打造人才高地。",
     [("1+6全员人才政策体系", SUB, "全员人才计划")], [("全员人才计划", SUB, "1+6全员人才政策体系")]),
    ("parts", "我市深入实施乡村振兴战略。今年，全市加快构建乡村振兴“1+N”政策体系。",
     [("乡村振兴1+N政策体系", SUB, "乡村振兴战略")], []),
    ("parts", "广西实施“强首府”战略，推出“十大工程”，其中“南宁都市圈建设”工程进展顺利。",
     [("南宁都市圈建设工程", SUB, "十大工程")], [("南宁都市圈建设工程", SUB, "强首府战略")]),
    ("parts", "省里部署“八大行动”，其中，“数字经济”行动由省大数据局牵头。", [("数字经济行动", SUB, "八大行动")], []),
    ("parts", "江苏省推进“智改数转网联”行动，其中“智能化改造”行动已覆盖1.2万家企业。",
     [("智能化改造行动", SUB, "智改数转网联行动")], []),
    ("parts", "甘肃省全面推进“强科技”行动。该行动主要包括“科技攻关”工程和“人才引育”工程。",
     [("科技攻关工程", SUB, "强科技行动"), ("人才引育工程", SUB, "强科技行动")], []),
    ("parts", "全市深入推进“放管服”改革，这项改革包括“一网通办”改革、“证照分离”改革等内容。",
     [("一网通办改革", SUB, "放管服改革"), ("证照分离改革", SUB, "放管服改革")], []),
    # more part words: 关键一招, 配套活动, 升级版; 其 pointing back; a list mixing programmes and other items
    ("parts", "“证照分离”改革是深化“放管服”改革的关键一招。", [("证照分离改革", SUB, "放管服改革")],
     [("放管服改革", SUB, "证照分离改革")]),
    ("parts", "作为“优化营商环境”行动的配套活动，“企业服务月”活动将在全市开展。",
     [("企业服务月", SUB, "优化营商环境行动")], []),
    ("parts", "作为“千万工程”的升级版，“千村精品”工程全面启动。", [("千村精品工程", SUB, "千万工程")], []),
    ("parts", "“智能工厂”行动是“智改数转”行动的子工程。", [("智能工厂行动", SUB, "智改数转行动")], []),
    ("parts", "作为“乡村振兴”战略的有力抓手，“千村示范”工程持续推进。", [("千村示范工程", SUB, "乡村振兴战略")], []),
    ("parts", "河南省深化“放管服”改革，“证照分离”改革作为其重要内容全面推开。",
     [("证照分离改革", SUB, "放管服改革")], [("放管服改革", SUB, "证照分离改革")]),
    ("parts", "浙江谋划实施“数字政府”改革。一年多来，这项改革形成了企业综合服务中心、“证照分离”改革、涉企问题"
              "高效闭环解决机制、“一网通办”改革等一批创新性举措。",
     [("证照分离改革", SUB, "数字政府改革"), ("一网通办改革", SUB, "数字政府改革")], []),
    ("parts", "湖南推进“数字政府”改革。一年来，这项改革形成了政务服务中心、“证照分离”改革、涉企问题闭环解决机制、"
              "服务场景等一批举措。", [("证照分离改革", SUB, "数字政府改革")], []),
    ("parts", "浙江谋划实施“数字政府”改革。这项改革依托“证照分离”改革打造了企业综合服务中心、“一网通办”平台等一批"
              "创新性举措。",                # 依托A打造了…: A is a means, no item of the list
     [("一网通办", SUB, "数字政府改革")], [("证照分离改革", SUB, "数字政府改革")]),
]

NOT_PARTS = [
    # sentences that name programmes side by side: no part of another
    "我省围绕三个“一号工程”“十项重大工程”等中心工作，培养一批复合型人才。",
    "广东全面落实“百千万工程”，即“百县千镇万村高质量发展工程”。",
    "“一网通办”改革让群众少跑腿，“放管服”改革让企业更便利。",
    "要坚持把“乡村振兴”战略作为“三农”工作总抓手，深入实施“百村示范”工程。",
    "以“科学发展”为主题，以“两计划一工程”为抓手，以壮大规模为主攻方向。",
    "全市推进“放管服”改革。这项工作由市政务服务中心牵头，“一网通办”平台等系统同步上线。",
    # names holding one another without a coded formula; a formula system of another stem
    "省里培育“浙江制造”品牌，推出“浙江制造天工鼎”。",
    "全省推进“数字政府”建设，构建营商环境“1+N”政策体系。",
    # 以A为牵引: A guides B, no part of it
    "今年以来，我县以“高效办成一件事”为牵引，全面推行“一件事”集成改革。",
    # the head word pointing back names no programme named before
    "全市推进“放管服”改革。该行动主要包括“一网通办”改革。",
    "全县推广“枫桥经验”，其中“民情日记”受到好评。",
    # 作为其…举措 with no programme named before
    "“证照分离”改革作为其中一项重要举措，在全省推开。",
    "“放管服”改革是当前的重要任务，“证照分离”改革全面推开。",
]

NUMBERED = ("山东省深入实施“制造业数字化转型提标”工程。今年，提标工程将重点实施三项子行动。\n\n"
            "一是深入开展“智能工厂”梯度培育行动。省工业和信息化厅会同省财政厅制定《山东省智能工厂梯度培育管理办法》。\n\n"
            "二是实施“工赋山东”专项行动。推动5万家企业上云，山东甲乙重工集团有限公司建成远程运维平台。\n\n"
            "三是深化“亩产效益”评价改革。")


@pytest.mark.parametrize("component,text,found,not_found", PARTS)
def test_part_rules(component, text, found, not_found):
    got = facts(text)
    for f in found:
        assert f in got, (f, sorted(got))
    for f in not_found:
        assert f not in got, f
    gone = facts(text, without(component, "list-siblings"))     # (the list pass spreads a part over its list)
    assert not all(f in gone for f in found), "the facts should come from " + component


@pytest.mark.parametrize("text", NOT_PARTS)
def test_no_part_between_programmes_side_by_side(text):
    assert not [f for f in facts(text) if f[1] == SUB]


def test_numbered_items_are_parts_of_the_announced_programme():
    got = facts(NUMBERED)
    for item in ("智能工厂梯度培育行动", "工赋山东专项行动", "亩产效益评价改革"):
        assert (item, SUB, "制造业数字化转型提标工程") in got, sorted(got)
    assert ("山东省智能工厂梯度培育管理办法", SUB, "智能工厂梯度培育行动") in got
    assert ("山东省智能工厂梯度培育管理办法", SUB, "工赋山东专项行动") not in got
    assert ("山东甲乙重工集团有限公司", "participatesIn", "工赋山东专项行动") in got
    assert ("山东甲乙重工集团有限公司", "participatesIn", "亩产效益评价改革") not in got
    gone = facts(NUMBERED, without("numbered-parts"))
    assert ("工赋山东专项行动", SUB, "制造业数字化转型提标工程") not in gone


def test_numbered_items_within_one_sentence():
    text = "全县深入实施“农村人居环境整治”行动，重点抓好三方面工作：一是开展“厕所革命”行动；二是实施“清洁家园”行动；三是加强队伍建设。"
    got = facts(text)
    assert ("厕所革命行动", SUB, "农村人居环境整治行动") in got, sorted(got)
    assert ("清洁家园行动", SUB, "农村人居环境整治行动") in got


@pytest.mark.parametrize("text,items,whole", [
    ("全市深入实施“八大行动”，加快推进农业农村现代化。\n一、实施“生态农业提效”行动\n坚持把粮食安全作为头等大事。\n"
     "二、实施“和美乡村提质”行动\n推进乡村建设。", ("生态农业提效行动", "和美乡村提质行动"), "八大行动"),
    ("全县推进“农村人居环境整治”行动，重点抓好三方面工作。第一，开展“厕所革命”行动。第二，实施“清洁家园”行动。",
     ("厕所革命行动", "清洁家园行动"), "农村人居环境整治行动"),
    ("市里深入推进“制造强市”工程，今年重点抓好以下三项工作：1.实施“技改焕新”行动；2.开展“链主培育”行动；3.加强要素保障。",
     ("技改焕新行动", "链主培育行动"), "制造强市工程"),
])
def test_other_numbering_series(text, items, whole):
    got = facts(text)
    for item in items:
        assert (item, SUB, whole) in got, sorted(got)


def test_numbered_sections_of_a_report_are_no_items():
    # the sections of a work report after a counted name: their programmes are not in their first clause
    text = ("县政府强力实施“九大行动”，持续强化“四项举措”，全县经济保持良好态势。\n（一）坚持科学发展，综合实力显著提升。\n"
            "（二）坚持精准施策，“精准扶贫”工程扎实有效。")
    assert not [f for f in facts(text) if f[1] == SUB]


def test_numbered_items_need_an_announcement():
    text = ("全县实施“乡村建设”行动。\n\n一是开展“厕所革命”行动。\n\n二是实施“清洁家园”行动。")
    assert not [f for f in facts(text) if f[1] == SUB]


def test_a_leader_who_designs_a_programme_takes_part():
    got = facts("省委书记王某亲自擘画“强省会”战略。")
    assert ("王某", "participatesIn", "强省会战略") in got
    assert ("王某", "participatesIn", "强省会战略") not in facts("省委书记王某亲自擘画“强省会”战略。", without("acts"))


def test_the_items_listed_with_a_part_are_parts_too():
    text = "作为“放管服”改革的重要内容，“证照分离”改革、“多证合一”改革今年在全省推开。"
    assert ("多证合一改革", SUB, "放管服改革") in facts(text)
    assert ("多证合一改革", SUB, "放管服改革") not in facts(text, without("list-siblings"))


def test_a_company_that_belongs_to_a_group():
    text = "四川甲乙电子科技有限公司隶属于四川丙丁控股集团有限公司。"
    assert ("四川甲乙电子科技有限公司", "subsidiaryOf", "四川丙丁控股集团有限公司") in facts(text)
    assert ("四川丙丁控股集团有限公司", "subsidiaryOf", "四川甲乙电子科技有限公司") not in facts(text)


def test_a_company_founded_in_a_place_is_there():
    text = "贵州甲乙新材料有限公司在遵义市汇川区注册成立。"
    assert ("贵州甲乙新材料有限公司", "locatedIn", "汇川区") in facts(text)
    assert ("贵州甲乙新材料有限公司", "locatedIn", "汇川区") not in facts(text, without("sited"))
    # what it founds elsewhere is not where it is
    assert not [f for f in facts("贵州甲乙新材料有限公司在杭州市成立研发中心。") if f[1] == "locatedIn" and f[2] == "杭州市"]


DEV = "develops"


@pytest.mark.parametrize("text,found,not_found", [
    ("四川甲乙食品有限公司总经理李某介绍，公司今年在眉山市东坡区投资建设了年产2万吨泡菜生产线项目。",
     [("四川甲乙食品有限公司", DEV, "年产2万吨泡菜生产线项目")], []),
    ("广东甲乙电子有限公司与深圳丙丁科技有限公司合作，在肇庆高新区建设年产300万片新型显示模组项目。",
     [("广东甲乙电子有限公司", DEV, "年产300万片新型显示模组项目"), ("深圳丙丁科技有限公司", DEV, "年产300万片新型显示模组项目")],
     []),
    ("山东甲乙集团有限公司联合山东丙丁化工有限公司投资建设年产10万吨新材料项目。",
     [("山东甲乙集团有限公司", DEV, "年产10万吨新材料项目")], []),
    ("吉林甲乙汽车零部件有限公司投资5亿元，在长春市汽开区建设年产50万套汽车座椅项目。",
     [("吉林甲乙汽车零部件有限公司", DEV, "年产50万套汽车座椅项目")], []),
    ("甘肃甲乙能源有限公司计划投资30亿元，建设年产10万吨绿氢项目。", [("甘肃甲乙能源有限公司", DEV, "年产10万吨绿氢项目")], []),
    ("年产5万吨新材料项目由山东甲乙集团有限公司与山东丙丁化工有限公司共同投资建设。",
     [("山东甲乙集团有限公司", DEV, "年产5万吨新材料项目"), ("山东丙丁化工有限公司", DEV, "年产5万吨新材料项目")], []),
])
def test_developers_named_back_or_together(text, found, not_found):
    got = facts(text)
    for f in found:
        assert f in got, (f, sorted(got))
    gone = facts(text, without("companies"))
    assert not any(f in gone for f in found)


@pytest.mark.parametrize("text", [
    "广东甲乙电子有限公司负责人说，企业用工需求旺盛。区里在高新区建设年产5万台空调项目。",
    "江苏甲乙科技有限公司与江苏丙丁电气有限公司签约，常州市政府在武进区建设年产10万套储能设备项目。",
    "福建甲乙石材有限公司负责人表示，公司将持续关注年产20万平方米石材项目的进展。",
    # an amount invested, then a clause that builds nothing
    "宁夏甲乙光伏有限公司总投资10亿元，其中一期已投产，年产2GW光伏组件项目在银川市开工。",
    "年产5万吨新材料项目由山东甲乙集团有限公司与山东丙丁化工有限公司签约，预计明年投产。",
    # two companies named before 该公司: which one builds is not said
    "贵州甲乙科技有限公司与贵州丙丁数据有限公司签署战略合作协议。该公司将在贵安新区投资建设年产5000台服务器项目。",
])
def test_no_developer_without_the_pattern(text):
    assert not [f for f in facts(text) if f[1] == DEV]


def test_a_company_that_joins_a_programme():
    text = "内蒙古甲乙乳业有限公司积极参加“科技兴蒙”行动。"
    assert ("内蒙古甲乙乳业有限公司", "participatesIn", "科技兴蒙行动") in facts(text)
    assert ("内蒙古甲乙乳业有限公司", "participatesIn", "科技兴蒙行动") not in facts(text, without("acts"))


@pytest.mark.parametrize("text,company,place", [
    ("沈阳市铁西区今年引进辽宁甲乙重工有限公司。", "辽宁甲乙重工有限公司", "铁西区"),
    ("今年以来，成都市新都区成功招引四川甲乙航空科技有限公司、四川丙丁材料有限公司等12家企业。", "四川丙丁材料有限公司", "新都区"),
    ("2023年，台州市黄岩区大力实施模具产业提升项目，完成新前街道工业区块基础设施建设，引进投资20亿元的浙江甲乙模塑科技有限公司。",
     "浙江甲乙模塑科技有限公司", "黄岩区"),
])
def test_a_company_a_place_brings_in_is_there(text, company, place):
    assert (company, "locatedIn", place) in facts(text), sorted(facts(text))
    assert (company, "locatedIn", place) not in facts(text, without("sited"))


@pytest.mark.parametrize("text", [
    "市商务局引进广东甲乙电子有限公司的管理经验。",
    "江苏甲乙科技有限公司引进德国丙丁机械有限公司的生产线。",
])
def test_no_site_from_bringing_in_without_a_place_subject(text):
    assert not [f for f in facts(text) if f[1] == "locatedIn" and f[0] != f[2] and "公司" in f[0]
                and not f[2].startswith(("江苏", "广东", "德国"))]
