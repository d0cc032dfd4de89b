"""Relations on text in the style of other provinces (issue 21, items 3 and 4): companies, projects and
places; issuers. Each sentence is written for these tests; each case names a fact the rule must find and
one it must not."""
from __future__ import annotations

import pytest
from sentence import document

from kg.extract.relations import rules_only
from kg.records import EntityKey


class Facts(set):
    """(subject label, predicate, object label) triples; `(s, p, o) in facts` also holds when s and o are
    any names (label or alias) of the related entities: 州政府 is 甘孜藏族自治州政府 by its alias."""

    def __init__(self, triples, names: dict[str, set[str]]):
        super().__init__(triples)
        self.names = names

    def __contains__(self, f) -> bool:
        s, p, o = f
        return any(q == p and s in self.names.get(a, {a}) and o in self.names.get(b, {b}) for a, q, b in set(self))


def facts(text: str, *rules: str) -> Facts:
    """The relations of the text (only these rules, if given), looked up by any name of their entities."""
    lab = lambda k: EntityKey.parse(k).label.split("@")[0]  # noqa: E731
    pipeline = rules_only(*rules) if rules else None
    g = document(text, pipeline)
    names = {e.label.split("@")[0]: {e.label.split("@")[0], *e.aliases} for e in g.entities}
    return Facts({(lab(r.subject), r.predicate, lab(r.object)) for r in g.relations}, names)


ISSUERS = [
    # joint issuers: one issuedBy each
    ("县委、县政府印发的《关于发展壮大村级集体经济的实施意见》明确了目标。",
     [("关于发展壮大村级集体经济的实施意见", "issuedBy", "县委"), ("关于发展壮大村级集体经济的实施意见", "issuedBy", "县政府")], []),
    ("市委和市政府联合印发《关于加快建设制造强市的意见》。",
     [("关于加快建设制造强市的意见", "issuedBy", "市委"), ("关于加快建设制造强市的意见", "issuedBy", "市政府")], []),
    ("山东省工业和信息化厅会同省财政厅制定《山东省智能工厂梯度培育管理办法》。",
     [("山东省智能工厂梯度培育管理办法", "issuedBy", "山东省工业和信息化厅"),
      ("山东省智能工厂梯度培育管理办法", "issuedBy", "省财政厅")], []),
    # 审议通过 by a body
    ("市政府常务会议审议通过《宝鸡市钛产业发展条例》。",
     [("宝鸡市钛产业发展条例", "issuedBy", "市政府")], []),
    # the bodies a title opens with, before 关于, when the text names them (浙江; central bodies)
    ("嵊州市人民政府召开常务会议。会议学习了《嵊州市人民政府关于加快工业发展的意见》。",
     [("嵊州市人民政府关于加快工业发展的意见", "issuedBy", "嵊州市人民政府")], []),
    ("中共中央、国务院高度重视民营经济。《中共中央 国务院关于促进民营经济发展壮大的意见》提出多项举措。",
     [("中共中央国务院关于促进民营经济发展壮大的意见", "issuedBy", "中共中央"),
      ("中共中央国务院关于促进民营经济发展壮大的意见", "issuedBy", "国务院")], []),
    # central bodies a title opens with issued it even when the text names them nowhere else (广东, 浙江, 四川)
    ("《若干措施》是肇庆贯彻落实《中共中央 国务院关于促进民营经济发展壮大的意见》的具体举措。",
     [("中共中央国务院关于促进民营经济发展壮大的意见", "issuedBy", "中共中央"),
      ("中共中央国务院关于促进民营经济发展壮大的意见", "issuedBy", "国务院")], []),
    ("会议传达学习了《国务院办公厅关于进一步优化营商环境的通知》。",
     [("国务院办公厅关于进一步优化营商环境的通知", "issuedBy", "国务院办公厅")], []),
    # ... but not a local body the text does not name, nor a head that is not bodies only
    ("会议学习了《嵊州市人民政府关于加快工业发展的意见》。", [],
     [("嵊州市人民政府关于加快工业发展的意见", "issuedBy", "嵊州市人民政府")]),
    ("州里学习了《国务院大督查发现的典型经验关于营商环境的做法》。", [],
     [("国务院大督查发现的典型经验关于营商环境的做法", "issuedBy", "国务院")]),
    # a title opening with a place and a word that is no body of the text: no issuer read from it
    ("嵊州市人民政府召开会议。会议学习了《嵊州市工业强市建设关于人才的若干意见》。", [],
     [("嵊州市工业强市建设关于人才的若干意见", "issuedBy", "嵊州市人民政府")]),
    # 《…》由<body>(会同<body>)制定/印发 (陕西)
    ("《陕西省科技成果转化实施方案》由陕西省科技厅会同陕西省财政厅制定。",
     [("陕西省科技成果转化实施方案", "issuedBy", "陕西省科技厅"), ("陕西省科技成果转化实施方案", "issuedBy", "陕西省财政厅")],
     []),
    ("《关于促进消费的若干措施》近日由市政府印发。", [("关于促进消费的若干措施", "issuedBy", "市政府")], []),
    # 由<body> then no issuing verb: the body does something else with it
    ("《宝鸡市钛产业发展条例》由市政府负责组织实施。", [], [("宝鸡市钛产业发展条例", "issuedBy", "市政府")]),
    # a body that only applies a document issued by another is no issuer
    ("县政府认真贯彻省政府印发的《湖北省乡村振兴促进条例》。",
     [("湖北省乡村振兴促进条例", "issuedBy", "省政府")], [("湖北省乡村振兴促进条例", "issuedBy", "县政府")]),
]


SITES = [
    # 总部所在地 (广东)
    ("北滘镇是美的集团股份有限公司总部所在地。",
     [("美的集团股份有限公司", "locatedIn", "北滘镇")], [("北滘镇", "locatedIn", "美的集团股份有限公司")]),
    # 选址 (江苏)
    ("中国电信武进智算中心项目选址武进经济开发区。",
     [("中国电信武进智算中心项目", "locatedIn", "武进经济开发区")], []),
    # 总部在 (浙江)
    ("浙江丙丁集团有限公司总部在杭州市滨江区。", [("浙江丙丁集团有限公司", "locatedIn", "滨江区")], []),
    # 落户 an organisation (浙江)
    ("浙江人形机器人创新中心落户宁波。", [("浙江人形机器人创新中心", "locatedIn", "宁波市")], []),
    # 总部位于 a chain of places: the last one (广东)
    ("华为技术有限公司总部位于深圳市龙岗区坂田街道。", [("华为技术有限公司", "locatedIn", "坂田街道")],
     [("华为技术有限公司", "locatedIn", "深圳市")]),
    # a zone 位于 a place is part of it (江苏)
    ("苏州工业园区位于江苏省苏州市。", [("苏州工业园区", "partOf", "苏州市")], []),
    # a head word pointing back to the name of the paragraph (陕西, 浙江)
    ("去年与西安交通大学共建了西安交通大学宝鸡钛合金研究院。研究院设在宝鸡高新区，由市科技局保障运行经费。",
     [("西安交通大学宝鸡钛合金研究院", "locatedIn", "宝鸡高新区")], []),
    ("比亚迪新能源动力电池生产基地项目签约。该项目选址嵊州经济开发区。",
     [("比亚迪新能源动力电池生产基地项目", "locatedIn", "嵊州经济开发区")], []),
    ("比亚迪新能源动力电池生产基地项目签约。\n\n该项目选址嵊州经济开发区。", [],
     [("比亚迪新能源动力电池生产基地项目", "locatedIn", "嵊州经济开发区")]),
    # 位于 before 的 describes the name after it, not the subject (京津冀)
    ("河北冀星汽车零部件股份有限公司与位于北京经济技术开发区的北京智行鸿远科技有限公司合作。", [],
     [("河北冀星汽车零部件股份有限公司", "locatedIn", "北京经济技术开发区")]),
    # 在<place>建设/开工 (陕西, 贵州)
    ("宝鸡钛谷新材料产业园二期项目正在陈仓区加快建设。", [("宝鸡钛谷新材料产业园二期项目", "locatedIn", "陈仓区")], []),
    ("黔南州智算中心项目将在都匀经济开发区开工。", [("黔南州智算中心项目", "locatedIn", "都匀经济开发区")], []),
    # a project signed with a town's government is in the town (江苏); a government merely named is no site
    ("常州瑞思达精密机械有限公司与常州市武进区礼嘉镇人民政府签约，计划投资8.5亿元建设瑞思达智能传动零部件项目。",
     [("瑞思达智能传动零部件项目", "locatedIn", "礼嘉镇")], []),
    ("常州市武进区礼嘉镇人民政府负责人介绍，瑞思达智能传动零部件项目进展顺利。", [],
     [("瑞思达智能传动零部件项目", "locatedIn", "礼嘉镇")]),
    # a place that builds a project as its clause's subject (浙江, 四川)
    ("三门县大力实施大周塘片区土地整治提升项目，推动土地集约利用。",
     [("大周塘片区土地整治提升项目", "locatedIn", "三门县")], []),
]


DEVELOPERS = [
    # a project named after a company's trade name (江苏): the company develops it, whatever the verb
    ("江苏鼎晟储能科技集团有限公司与武进高新区管委会签订投资协议，总投资58亿元的鼎晟储能年产10GWh储能电池产业园项目正式落户武进高新区。",
     [("江苏鼎晟储能科技集团有限公司", "develops", "鼎晟储能年产10GWh储能电池产业园项目")], []),
    ("常州瑞思达精密机械有限公司与礼嘉镇人民政府签约，计划投资8.5亿元建设瑞思达智能传动零部件项目。",
     [("常州瑞思达精密机械有限公司", "develops", "瑞思达智能传动零部件项目")], []),
    # 由<company>负责开发运营 (陕西): the project named before
    ("宝鸡钛谷新材料产业园二期项目正在陈仓区加快建设，由宝鸡钛谷产业发展投资有限公司负责开发运营。",
     [("宝鸡钛谷产业发展投资有限公司", "develops", "宝鸡钛谷新材料产业园二期项目")], []),
    # 由<company>投资建设的<project> (贵州): the project named after
    ("由贵州黔数智算科技有限公司投资建设的黔南州智算中心项目将在都匀经济开发区开工。",
     [("贵州黔数智算科技有限公司", "develops", "黔南州智算中心项目")], []),
    # names that share only 中国 are not one company's project
    ("中国建筑股份有限公司与中国电信武进智算中心项目签约。", [],
     [("中国建筑股份有限公司", "develops", "中国电信武进智算中心项目")]),
    # 新能源 is the company's trade, not its trade name: no link to another 新能源… project
    ("嵊州市新能源科技有限公司参加了新能源汽车零部件项目推介会。", [],
     [("嵊州市新能源科技有限公司", "develops", "新能源汽车零部件项目")]),
    # 浙江: 正泰新能…项目 is 正泰新能科技's, not 正泰电气's, though both are 正泰 companies
    ("海宁市推进光伏产业发展。正泰新能科技股份有限公司和浙江正泰电气科技有限公司出席签约，正泰新能四期项目开工。",
     [("正泰新能科技股份有限公司", "develops", "正泰新能四期项目")],
     [("浙江正泰电气科技有限公司", "develops", "正泰新能四期项目")]),
]


GROUPS = [
    # 另一家子公司 between parent and subsidiary (京津冀)
    ("燕都集团另一家子公司燕都新材料（沧州）有限公司将在沧州投资建设负极材料项目。",
     [("燕都新材料（沧州）有限公司", "subsidiaryOf", "燕都集团")], [("燕都集团", "subsidiaryOf", "燕都新材料（沧州）有限公司")]),
    # 旗下的 (京津冀)
    ("北京燕都科技投资集团有限公司旗下的燕都智驾（天津）科技有限公司将在天津建设基地项目。",
     [("燕都智驾（天津）科技有限公司", "subsidiaryOf", "北京燕都科技投资集团有限公司")], []),
    # a group and a legal-named company of its trade name (江苏)
    ("江苏鼎晟储能科技集团有限公司董事长说，常州鼎晟储能科技有限公司将负责运营。",
     [("常州鼎晟储能科技有限公司", "subsidiaryOf", "江苏鼎晟储能科技集团有限公司")],
     [("江苏鼎晟储能科技集团有限公司", "subsidiaryOf", "常州鼎晟储能科技有限公司")]),
    # A是B的全资子公司 (浙江): A belongs to B, not the other way round
    ("浙江甲乙科技有限公司是浙江丙丁集团有限公司的全资子公司。",
     [("浙江甲乙科技有限公司", "subsidiaryOf", "浙江丙丁集团有限公司")],
     [("浙江丙丁集团有限公司", "subsidiaryOf", "浙江甲乙科技有限公司")]),
    ("浙江甲乙科技有限公司是浙江丙丁集团有限公司的合作伙伴。", [],
     [("浙江甲乙科技有限公司", "subsidiaryOf", "浙江丙丁集团有限公司")]),
    # a branch (分公司) of the company it opens with
    ("中国电信股份有限公司常州分公司和中国电信股份有限公司签约。",
     [("中国电信股份有限公司常州分公司", "subsidiaryOf", "中国电信股份有限公司")], []),
    # two groups sharing no trade name: nothing
    ("海尔集团和海信视像科技股份有限公司参加活动。", [],
     [("海信视像科技股份有限公司", "subsidiaryOf", "海尔集团")]),
]


COMPANY_ANAPHORS = [
    # 广东: the speaker's company is 公司 after the frame
    ("肇庆市高要区宏骏五金制品有限公司总经理陈志远说，得益于“一照通行”改革，公司办理许可证变更实现全程网上办理。",
     [("肇庆市高要区宏骏五金制品有限公司", "participatesIn", "一照通行改革")], []),
    # 河南: 企业 before the frame
    ("河南澧源新材料科技有限公司董事长韩志刚介绍，去年企业通过“万人助万企”活动获得技改贷款。",
     [("河南澧源新材料科技有限公司", "participatesIn", "万人助万企")], []),
]


def test_company_anaphor_needs_a_company_nearby():
    # 企业 in general, no company named: no fact; a company two paragraphs back is not the one meant
    assert not {f for f in facts("得益于“最多跑一次”改革，企业办事更加便捷。", "acts") if f[1] == "participatesIn"}
    got = facts("河南澧源新材料科技有限公司开工。\n\n得益于“一照通行”改革，企业办事更加便捷。", "acts")
    assert not {f for f in got if f[1] == "participatesIn"}, got


TOPIC_PLACES = [
    # 陕西: a university named in a city's section works with the city; it is not sited there by the topic
    ("宝鸡市加快发展钛产业。西北工业大学与宝钛集团共建联合实验室。",
     [("宝钛集团", "locatedIn", "宝鸡市")], [("西北工业大学", "locatedIn", "宝鸡市")]),
    # 陕西: the project is in 陈仓区; 宝鸡 (read from its name) is implied by the division list, not repeated
    ("宝鸡钛谷新材料产业园二期项目正在陈仓区加快建设。",
     [("宝鸡钛谷新材料产业园二期项目", "locatedIn", "陈仓区")], [("宝鸡钛谷新材料产业园二期项目", "locatedIn", "宝鸡市")]),
    # 浙江: securities and asset firms that work with a city are seldom of it; a local maker is
    ("衢州市加快发展锂电产业。华泰证券与金瑞泓科技有限公司签署合作协议。",
     [("金瑞泓科技有限公司", "locatedIn", "衢州市")], [("华泰证券", "locatedIn", "衢州市")]),
    # a 技师学院 of the county is the county's (浙江); a university's school is not (the first case)
    ("长兴县加快发展新能源汽车产业。长兴技师学院与企业共建实训基地。", [("长兴技师学院", "locatedIn", "长兴县")], []),
    ("宝鸡市加快发展钛产业。西安交大材料学院与企业共建实验室。", [], [("西安交大材料学院", "locatedIn", "宝鸡市")]),
]


LEVEL_BODIES = [
    # 州政府 in a text about an autonomous prefecture (四川, 云南)
    ("甘孜藏族自治州召开会议。州政府要求州发展改革委做好工作。",
     [("州政府", "locatedIn", "甘孜藏族自治州"), ("州发展改革委", "locatedIn", "甘孜藏族自治州")], []),
    ("大理白族自治州召开会议。州政府部署工作，州农业农村局参加。", [("州农业农村局", "locatedIn", "大理白族自治州")], []),
    # 区政府 in a text about a district (江苏)
    ("常州市武进区召开大会。区政府印发了文件。", [("区政府", "locatedIn", "武进区")], []),
    # 州 in 杭州 is no level word: nothing
    ("杭州市召开会议。州政府要求各地做好工作。", [], [("州政府", "locatedIn", "杭州市")]),
]


NAMED_PLACES = [
    # a company named after a province-level city is there (京津冀); one named after a province is not sited by it
    ("北京燕都科技投资集团有限公司召开会议。", [("北京燕都科技投资集团有限公司", "locatedIn", "北京市")], []),
    ("浙江甲乙科技有限公司召开会议。", [], [("浙江甲乙科技有限公司", "locatedIn", "浙江省")]),
    # a project with its site in brackets is there, not in the place its developer's brand opens with (河南)
    ("总投资50亿元的宁德时代（洛阳）新能源电池生产基地项目在洛阳市开工建设。",
     [("宁德时代（洛阳）新能源电池生产基地项目", "locatedIn", "洛阳市")],
     [("宁德时代（洛阳）新能源电池生产基地项目", "locatedIn", "宁德市")]),
    # a branch is in the place before its branch word (江苏, 浙江)
    ("中国电信股份有限公司常州分公司负责运营，常州市委书记出席。",
     [("中国电信股份有限公司常州分公司", "locatedIn", "常州市")], []),
    # the body a sub-unit's name opens with is where the sub-unit is (福建, 浙江, 江苏), not a central one (广东)
    ("南安市人民政府办公室印发了实施方案。", [("南安市人民政府", "locatedIn", "南安市")], []),
    ("浙江省应急厅防汛抗旱处负责会商。", [("浙江省应急厅", "locatedIn", "浙江省")], []),
    ("南京市人民政府办公厅印发通知。", [("南京市人民政府", "locatedIn", "南京市")], []),
    ("中国人民银行肇庆市分行召开会议。", [("中国人民银行肇庆市分行", "locatedIn", "肇庆市")],
     [("中国人民银行", "locatedIn", "肇庆市")]),
    # 高新区管委会: the body of the zone named last (陕西)
    ("宝鸡高新区召开大会。高新区管委会负责保障。", [("高新区管委会", "locatedIn", "宝鸡高新区")], []),
]


OPENING_PLACES = [
    # 在<place>，… sites the sentence's names (浙江) ...
    ("在慈溪市一个不起眼的厂区，宁波健信超导科技股份有限公司用了7年时间研发超导磁体。",
     [("宁波健信超导科技股份有限公司", "locatedIn", "慈溪市")], []),
    # ... but a country sites no company of the text
    ("在中国酒泉卫星发射基地，浙江蔚星空间科技有限公司研发的卫星发射升空。", [],
     [("浙江蔚星空间科技有限公司", "locatedIn", "中国")]),
    # ... nor an investor, whose project is there (福建)
    ("在仑苍镇，福建仑海卫浴科技有限公司投资8.5亿元建设卫浴生产线。", [],
     [("福建仑海卫浴科技有限公司", "locatedIn", "仑苍镇")]),
    # 落户: what the verb's clause names settles, not the company that signed in another clause (安徽)
    ("合肥市与蔚来汽车签约，蔚来中国总部项目正式落户合肥经济技术开发区。", [],
     [("蔚来汽车", "locatedIn", "合肥经济技术开发区")]),
]


BRANCHES = [
    # a branch (分公司) of a company whose legal name its own opens with (江苏, 浙江)
    ("中国电信股份有限公司常州分公司负责运营。",
     [("中国电信股份有限公司常州分公司", "subsidiaryOf", "中国电信股份有限公司")], []),
    ("中国移动通信集团浙江有限公司湖州分公司承建了5G基站。",
     [("中国移动通信集团浙江有限公司湖州分公司", "subsidiaryOf", "中国移动通信集团浙江有限公司")], []),
    # the branch's developer fact stays the branch's, and the company it belongs to is named (江苏)
    ("中国电信股份有限公司常州分公司投资12亿元建设的中国电信武进智算中心项目开工。",
     [("中国电信股份有限公司常州分公司", "develops", "中国电信武进智算中心项目")], []),
]


#: Each table of (text, facts it must have, facts it must not have), with the rule passes it runs (none: all).
TABLES = {
    "issuers": (("policies",), ISSUERS),
    "sites": (("sited",), SITES),
    "developers": (("companies",), DEVELOPERS),
    "groups": (("companies",), GROUPS),
    "company-anaphors": (("acts",), COMPANY_ANAPHORS),
    "topic-places": ((), TOPIC_PLACES),
    "level-bodies": (("names",), LEVEL_BODIES),
    "named-places": (("names",), NAMED_PLACES),
    "opening-places": (("sited",), OPENING_PLACES),
    "branches": ((), BRANCHES),
}


@pytest.mark.parametrize("rules,text,must,must_not", [
    pytest.param(rules, *case, id=f"{name}-{i}")
    for name, (rules, cases) in TABLES.items() for i, case in enumerate(cases)])
def test_facts(rules, text, must, must_not):
    assert must or must_not, "a case that names no fact cannot fail"
    got = facts(text, *rules)
    for f in must:
        assert f in got, (f, got)
    for f in must_not:
        assert f not in got, (f, got)


def test_no_parent_without_a_legal_name():
    # 顺丰速运 is a trade name, not a legal one: no company is read from the branch's name (广东)
    assert not {f for f in facts("顺丰速运常州分公司开展业务。") if f[1] == "subsidiaryOf"}


@pytest.mark.parametrize("text,company", [
    # a project named after its developer's legal name, place first: the company keeps its place (河南, 湖北, 广东)
    ("在北舞渡镇，舞阳县鑫禾包装材料有限公司食品级包装材料生产线项目正在安装调试。", "舞阳县鑫禾包装材料有限公司"),
    ("宜都市兴发化工有限公司年产10万吨磷酸铁项目开工建设。", "宜都市兴发化工有限公司"),
    ("江门市蓬江区华盛电器有限公司智能家电生产线项目顺利投产。", "江门市蓬江区华盛电器有限公司"),
])
def test_a_developer_named_first_keeps_its_place(text, company):
    got = facts(text)
    assert any(f[0] == company and f[1] == "develops" for f in got), got
