"""Actors of programmes and policies, by clause (issue 21, item 1): the clause's subject, 全省/全县上下 as a
subject, the subject carried over from an earlier clause, the bodies of a joint subject, the places of a
locative list, and the place an official's party organ stands for. Each sentence is written for these
tests in the style of a province's news; each case names facts the rules must find and ones they must not."""
from __future__ import annotations

import pytest
from sentence import document

from kg.records import EntityKey


def facts(text: str) -> dict[tuple[str, str, str], str]:
    """(subject, predicate, object) → the evidence's rule, with every name (label or alias) of both ends."""
    g = document(text)
    names = {e.key: {e.label.split("@")[0], *e.aliases} for e in g.entities}
    out = {}
    for r in g.relations:
        for a in names.get(r.subject, {EntityKey.parse(r.subject).label}):
            for b in names.get(r.object, {EntityKey.parse(r.object).label}):
                out[(a, r.predicate, b)] = r.evidence.rule
    return out


CASES = [
    # 全省/全市/全县(上下) as the clause's subject: the document's place of that level (山东, 广东, 河南, 四川)
    ("山东省召开制造业大会。全省深入实施“制造业数字化转型提标”工程，推动产业升级。",
     [("山东省", "implements", "制造业数字化转型提标", "whole-place")], []),
    ("肇庆市出台新政。全市深入实施“百县千镇万村高质量发展工程”，推动城乡协调发展。",
     [("肇庆市", "implements", "百县千镇万村高质量发展工程", "whole-place")], []),
    ("舞阳县召开项目建设推进会。全县上下要以“三个一批”项目建设活动为抓手，加快项目落地。",
     [("舞阳县", "implements", "三个一批", "whole-place")], []),
    ("甘孜藏族自治州召开乡村振兴推进会。全州上下深入实施“强村富民”工程。",
     [("甘孜藏族自治州", "implements", "强村富民", "whole-place")], []),
    # 全X as the subject of an earlier clause, carried over (河南, 浙江, 贵州)
    ("舞阳县召开会议。郭建华强调，全县上下要以“三个一批”活动为抓手，深入实施“项目建设攻坚年”行动。",
     [("舞阳县", "implements", "项目建设攻坚年行动", "whole-place")], []),
    ("贵州省召开大会。全省上下认真贯彻落实决策部署，深入实施“东数西算”工程。",
     [("贵州省", "implements", "东数西算", "whole-place")], []),
    # 全X opening a sentence is the topic of the subject-less sentences after it (河南)
    ("舞阳县召开会议。全县上下要加快项目建设。要持续深化“万人助万企”活动。",
     [("舞阳县", "implements", "万人助万企活动", "topic-subject")], []),
    # no topic at all: the place the document is about, at the lowest tier (四川)
    ("会议在四川省甘孜藏族自治州康定市召开，来自甘孜州各县的代表参加。要擦亮“圣洁甘孜”文旅品牌。",
     [("甘孜藏族自治州", "implements", "圣洁甘孜文旅品牌", "document-place")], [("康定市", "implements", "圣洁甘孜文旅品牌")]),
    ("会议在山东省济南市召开，来自山东省各市的代表参加。一是深入开展“智能工厂”培育行动。",
     [("山东省", "implements", "智能工厂", "document-place")], [("济南市", "implements", "智能工厂")]),
    # ... but not 全省 + the organs it qualifies (全省公安机关以实施…), whose subject is the organs
    ("浙江省公安厅召开会议。全省公安机关以实施“全员人才”计划为主线。", [],
     [("浙江省", "implements", "全员人才")]),
    # ... nor 全省 as a modifier (全省首个) nor after 在
    ("嵊州市召开会议。嵊州市获评全省首个“无证明城市”试点。", [],
     [("浙江省", "implements", "无证明城市")]),
    # the places of a locative list do the pilot; the subject too (广东, 山东)
    ("肇庆市将在四会市、高要区开展工业用地“标准地”出让试点。",
     [("肇庆市", "implements", "标准地", "subject-verb"), ("四会市", "implements", "标准地", "locative-site"),
      ("高要区", "implements", "标准地", "locative-site")], []),
    ("潍坊市将在青州市、寿光市推行“亩均论英雄”改革。",
     [("潍坊市", "implements", "亩均论英雄", "subject-verb"), ("青州市", "implements", "亩均论英雄", "locative-site")],
     []),
    # 在推进“X”方面，<subject>…: the subject after the aspect's frame (浙江, 广东)
    ("在推进“千万工程”方面，安吉县积累了丰富经验。", [("安吉县", "implements", "千万工程", "framed-subject")], []),
    ("在深化“最多跑一次”改革方面，佛山市南海区走在全省前列。",
     [("南海区", "implements", "最多跑一次改革", "framed-subject")], []),
    # a chain of places is one item of the list: the town is the site, not the county (四川)
    ("甘孜州召开会议。今年全州将在乡城县青德镇、稻城县吉呷镇开展村级集体经济“强村富民”试点。",
     [("青德镇", "implements", "强村富民", "locative-site"), ("吉呷镇", "implements", "强村富民", "locative-site"),
      ("甘孜藏族自治州", "implements", "强村富民", "whole-place")],
     [("乡城县", "implements", "强村富民"), ("稻城县", "implements", "强村富民")]),
    # a later item of a locative list is no subject (山东); the pilot of 以…为试点 is (浙江)
    ("在淄博、潍坊、临沂3市开展省级试点，每市遴选300家企业实施“小快轻准”数字化改造。", [],
     [("潍坊市", "implements", "小快轻准"), ("临沂市", "implements", "小快轻准")]),
    ("温州市召开会议。以乐清市为试点，研究谋划“办事不找熟人”改革。",
     [("乐清市", "implements", "办事不找熟人", "carried-subject")], []),
    # a joint subject: each body (陕西, 北京/天津/河北)
    ("宝鸡市委、市政府把钛产业作为“一号产业”，实行产业链“链长制”。",
     [("宝鸡市委", "implements", "链长制", ("joint-subject", "carried-subject")),
      ("宝鸡市人民政府", "implements", "链长制", ("joint-subject", "carried-subject"))],
     []),
    ("北京市经信局、天津市工信局、河北省工信厅将建立产业链“链长”协同机制。",
     [("北京市经信局", "implements", "链长", "joint-subject"), ("河北省工信厅", "implements", "链长", "subject-verb")],
     []),
    # an official's party organ stands for its place (四川, 湖北): not the organ
    ("青德镇党委书记王建国介绍，全镇推行“强村富民”试点。",
     [("青德镇", "implements", "强村富民", "whole-place")], [("青德镇党委", "implements", "强村富民")]),
    ("稻城县吉呷镇巨水村党支部书记李明说，村里深入推进“强村富民”工程。",
     [("巨水村", "implements", "强村富民", "official")], [("稻城县吉呷镇巨水村党支部", "implements", "强村富民")]),
    ("英山县陶家河乡党委书记张伟说，乡里全面推行“共富工坊”建设。",
     [("陶家河乡", "implements", "共富工坊", "official")],
     [("英山县陶家河乡党委", "implements", "共富工坊")]),
    # the bodies of a passive's agent list carry out what the sentence names before them (广东, 浙江, 江苏)
    ("肇庆将深化“一照通行”改革，由市市场监管局、市政务服务数据管理局牵头实施。",
     [("肇庆市市场监管局", "implements", "一照通行改革", "passive-agent"),
      ("肇庆市政务服务数据管理局", "implements", "一照通行改革", "passive-agent")], []),
    ("《常州市支持民营经济发展若干措施》明确给予奖励，由市发展改革委、市财政局按职责分工负责。",
     [("市发展改革委", "implements", "常州市支持民营经济发展若干措施", "passive-agent"),
      ("市财政局", "implements", "常州市支持民营经济发展若干措施", "passive-agent")], []),
    # a name after 推动/支持 is the verb's object, not the clause's subject (陕西, 山东)
    ("宝鸡市召开会议。我们将用好平台，推动市科学技术局与西安交大建立对接机制，实施“钛材+”应用拓展工程。", [],
     [("宝鸡市科学技术局", "implements", "钛材+")]),
    ("浙江省召开会议。在线下，落实国务院“高效办成一件事”部署要求，打造产业链“一类事”服务场景。", [],
     [("国务院", "implements", "一类事")]),
    ("山东省召开会议。一是扩大试点，支持青岛、烟台等市实施“灯塔工厂”培育行动。", [],
     [("青岛市", "implements", "灯塔工厂")]),
    # 我们 in an interview: the place the document is about; 我市: the document's city (陕西, 江苏)
    ("宝鸡市召开会议。宝鸡市推进改革。我们将继续用好平台，推动市科学技术局与高校建立对接机制，实施“钛材+”应用拓展工程。",
     [("宝鸡市", "implements", "钛材+", "speaker-place")], [("宝鸡市科学技术局", "implements", "钛材+")]),
    ("常州市召开会议。常州市推进改革。我市将深入实施“532”发展战略。",
     [("常州市", "implements", "532", "speaker-place")], []),
    # ... but not 我们的 (a possessive) nor when the clause names its own subject
    ("宝鸡市召开会议。宝鸡市推进改革。我们的企业积极参与“钛材+”应用拓展工程。", [],
     [("宝鸡市", "implements", "钛材+")]),
    # the place of the committee and government that issue a document naming no place carries it out (湖北, 贵州);
    # not the province of a department's standard (浙江)
    ("英山县召开会议。英山县委、县政府印发《关于发展壮大村级集体经济的实施意见》。",
     [("英山县", "implements", "关于发展壮大村级集体经济的实施意见", "issuer-place")], []),
    ("贵州省召开会议。贵州省委、省政府印发《关于加快推进新型工业化的实施意见》。",
     [("贵州省", "implements", "关于加快推进新型工业化的实施意见", "issuer-place")], []),
    ("浙江省召开会议。浙江省建设厅发布《绿色生态城区评价标准》。", [],
     [("浙江省", "implements", "绿色生态城区评价标准")]),
    # a place that only qualifies the subject (这个泉州下辖的县级市) is none; the owner of a programme is (福建, 浙江)
    ("南安市召开会议。今年以来，这个泉州下辖的县级市以“高效办成一件事”为牵引，全面推行“一件事”集成改革。", [],
     [("泉州市", "implements", "高效办成一件事"), ("泉州市", "implements", "一件事集成改革")]),
    ("宁波市召开会议。宁波加快构建“361”万亿级产业集群。", [("宁波市", "implements", "361万亿级产业集群", "subject-verb")], []),
    # the issuer of a document is not carried to the clauses after it (广东)
    ("近日，肇庆市人民政府办公室印发《肇庆市支持民营经济高质量发展若干措施》，为全市深入实施“百县千镇万村高质量发展工程”提供支撑。",
     [("肇庆市", "implements", "百县千镇万村高质量发展工程", "whole-place")],
     [("肇庆市人民政府办公室", "implements", "百县千镇万村高质量发展工程")]),
    # a place implements its own regulation by name only when the clause names no other actor (四川, 湖北, 河南)
    ("成都市认真贯彻落实《四川省优化营商环境条例》，持续改善营商环境。",
     [("成都市", "implements", "四川省优化营商环境条例", "applies-document")],
     [("四川省", "implements", "四川省优化营商环境条例")]),
    ("武汉市严格执行《湖北省安全生产条例》。",
     [("武汉市", "implements", "湖北省安全生产条例", "applies-document")], [("湖北省", "implements", "湖北省安全生产条例")]),
    ("《河南省优化营商环境条例》自2021年1月1日起施行。",
     [("河南省", "implements", "河南省优化营商环境条例", "name")], []),
    # a local party committee in an official's title stands for its place (湖北, 陕西), not a body only named
    # before a person's name (浙江)
    ("英山县召开会议。县委书记周启帆强调，要深入推进“共同缔造”活动。",
     [("英山县", "implements", "共同缔造", "official")], [("中共英山县委", "implements", "共同缔造")]),
    ("宝鸡市召开会议。市委书记张伟指出，要深入实施“产业链链长制”。",
     [("宝鸡市", "implements", "产业链链长制", "official")], [("中共宝鸡市委", "implements", "产业链链长制")]),
    ("浙江历届省委、省政府坚定不移沿着习近平总书记指引的路子走下去，先后推出“最多跑一次”改革。",
     [("中共浙江省委", "implements", "最多跑一次改革", ("carried-subject", "joint-subject"))], []),
    # a body of the state in an official's title is no actor of what a visiting leader sees (浙江)
    ("国务院总理李强在我省调研“政务服务增值化改革”时给予充分肯定。", [],
     [("国务院", "implements", "政务服务增值化改革")]),
    # 创建 and 贯彻 open a subject-less clause carried out by the topic, and confirm a subject's act
    ("宝鸡市召开会议。创建“四好农村路”全国示范县，提升城乡品质。",
     [("宝鸡市", "implements", "四好农村路全国示范县", "topic-subject")], []),
    ("贵州省召开会议。贯彻“千万工程”经验，推动乡村振兴。", [("贵州省", "implements", "千万工程", "topic-subject")], []),
    # a body that makes supporting rules after a document is issued carries it out, and the programmes its
    # title quotes (as does the issuer; an office's place, not the office)
    ("宝鸡市召开会议。宝鸡市推进“三项改革”。省科技厅印发《陕西省深化科技成果转化“三项改革”实施方案》后，"
     "市科技局第一时间出台配套细则。",
     [("宝鸡市科技局", "implements", "陕西省深化科技成果转化三项改革实施方案", "supporting"),
      ("宝鸡市科技局", "implements", "三项改革", "title-programme"),
      ("陕西省科技厅", "implements", "三项改革", "title-programme")], []),
    ("山东省召开会议。全省开展中小企业数字化转型城市试点。潍坊市人民政府印发《潍坊市中小企业数字化转型城市试点实施方案》。",
     [("潍坊市人民政府", "implements", "中小企业数字化转型城市试点", "title-programme")], []),
    ("龙岩市召开会议。龙岩市推进“拿地即开工”改革。龙岩市人民政府办公室印发《龙岩市工业项目“拿地即开工”审批服务改革实施方案》，"
     "明确由市自然资源局牵头实施。",
     [("龙岩市自然资源局", "implements", "拿地即开工改革", "title-programme")], []),
    ("江门市召开会议。省发展改革委印发《广东省促进民营经济发展若干措施》后，江门市发展改革局召开座谈会。", [],
     [("江门市发展改革局", "implements", "广东省促进民营经济发展若干措施")]),
    ("南安市召开会议。南安市推进“拿地即开工”。南安市人民政府办公室印发《南安市工业项目“拿地即开工”审批服务改革实施方案》。",
     [("南安市", "implements", "拿地即开工", ("subject-verb", "title-programme"))],
     [("南安市人民政府办公室", "implements", "拿地即开工")]),
    # the signers of an agreement are its parties: they carry it out (an issuer of a plan does not, by that)
    ("上海市经济和信息化委员会、浙江省经济和信息化厅在杭州签署《长三角新能源汽车产业链协同发展合作协议》。",
     [("上海市经济和信息化委员会", "implements", "长三角新能源汽车产业链协同发展合作协议", "party"),
      ("浙江省经济和信息化厅", "implements", "长三角新能源汽车产业链协同发展合作协议", "party")], []),
    ("贵州省人民政府印发《贵州省数字经济发展规划》。", [],
     [("贵州省人民政府", "implements", "贵州省数字经济发展规划")]),
    # an official named again without a title speaks for the place of the title given first
    ("舞阳县召开项目建设推进会。县委书记李华出席会议并讲话。李华强调，要深入实施“项目建设攻坚年”行动。",
     [("舞阳县", "implements", "项目建设攻坚年", "official")], [("李华", "implements", "项目建设攻坚年")]),
    ("宝鸡市召开会议。市委副书记、市长王强主持会议。王强指出，要全面推行“产业链链长制”。",
     [("宝鸡市", "implements", "产业链链长制", "official")], []),
    # the places a pilot chooses as its own pilots carry out its pilot programme (not a programme it merely runs)
    ("甘孜州召开会议。今年全州将在乡城县青德镇开展“强村富民”试点。青德镇以仲德村、白龚村为试点，发展集体经济。",
     [("仲德村", "implements", "强村富民", "chosen-pilot"), ("白龚村", "implements", "强村富民", "chosen-pilot")], []),
    ("湖北省召开会议。今年将在英山县陶家河乡开展“共同缔造”示范。陶家河乡以桦树沟村、詹家河村为示范，推进村庄整治。",
     [("桦树沟村", "implements", "共同缔造", "chosen-pilot"), ("詹家河村", "implements", "共同缔造", "chosen-pilot")],
     []),
    ("湖北省召开会议。陶家河乡深入推进“共同缔造”活动。陶家河乡以桦树沟村、詹家河村为试点，推进清产核资。", [],
     [("桦树沟村", "implements", "共同缔造"), ("詹家河村", "implements", "共同缔造")]),
    # a byline of a name line and a line of the author's body and titles: the body's article (and its
    # place's, when the article shows the place acting: 全省深入实施…)
    ("李明\n河北省工业和信息化厅党组书记、厅长\n近年来，全省深入实施“制造业数字化转型”工程。\n"
     "一是深入开展“智能工厂”梯度培育行动。",
     [("河北省工业和信息化厅", "implements", "智能工厂梯度培育行动", "topic-subject"),
      ("河北省", "implements", "智能工厂梯度培育行动", "topic-subject")], []),
    # (a body that opened an earlier paragraph of a signed article yields to the author)
    ("李明\n河北省工业和信息化厅党组书记、厅长\n今年，全省深入实施“制造业数字化转型”工程。\n"
     "石家庄市工业和信息化局牵头建设工业互联网平台。\n二是实施“工赋河北”专项行动。",
     [("河北省工业和信息化厅", "implements", "工赋河北", "topic-subject")],
     [("石家庄市工业和信息化局", "implements", "工赋河北")]),
    # (a new byline, a name line alone, ends the signed article)
    ("李明\n河北省工业和信息化厅党组书记、厅长\n一是深入开展“智能工厂”梯度培育行动。\n王芳\n"
     "近年来，石家庄市加快发展。\n持续深化“一件事”改革。",
     [("石家庄市", "implements", "一件事改革", "topic-subject")],
     [("河北省工业和信息化厅", "implements", "一件事改革")]),
    # (the owner of a list of programmes after a causative verb: 围绕服务省委三个“一号工程”“十项重大工程”)
    ("湖南省召开会议。围绕服务省委“强省会”战略、“千万工程”等全省中心工作，培养人才。",
     [("中共湖南省委", "implements", "千万工程", "subject-verb")], []),
    ("王强\n江苏省公安厅党委副书记、常务副厅长\n全省公安机关以人才工作为主线。\n实行新警“青蓝工程”成长帮带。",
     [("江苏省公安厅", "implements", "新警青蓝工程", "topic-subject")],
     [("江苏省", "implements", "新警青蓝工程")]),
    # the object of a causative verb is no subject of its clause, unless it owns the programme right after it
    ("肇庆市召开会议。市发展改革局将依托广东省“粤商通”平台推行“免申即享”。",
     [("广东省", "implements", "粤商通", "subject-verb"),
      ("肇庆市发展改革局", "implements", "免申即享", ("subject-verb", "carried-subject"))],
     [("广东省", "implements", "免申即享")]),
    ("成都市召开会议。市经信局将围绕服务四川省“5+1”现代工业体系，持续推行“链长制”。",
     [("成都市经信局", "implements", "链长制", ("subject-verb", "carried-subject"))],
     [("四川省", "implements", "链长制")]),
]


@pytest.mark.parametrize("text,found,absent", CASES, ids=[c[0][:14] for c in CASES])
def test_actors(text, found, absent):
    got = facts(text)
    for s, p, o, rule in found:
        assert (s, p, o) in got, f"missing {s} {p} {o}; got {sorted(got)}"
        rules = rule if isinstance(rule, tuple) else (rule,)
        assert got[(s, p, o)] in rules, f"{s} {p} {o} by {got[(s, p, o)]}, expected {rule}"
    for f in absent:
        assert f not in got, f"unexpected {f} by {got.get(f)}"


def test_title_line():
    """A byline's second line holds only a body and its titles, after a line holding only a name."""
    from kg.extract.relation_context import RelationContext
    from kg.extract.relation_passes import _title_line

    def second(text):
        ctx = RelationContext.of_text(text)
        return _title_line(ctx, 1, ctx.sentences[1], ctx.by_sentence.get(1, []))
    assert second("王强\n江苏省公安厅党委副书记、常务副厅长\n全省公安机关以人才工作为主线。")
    assert not second("王强\n江苏省公安厅召开会议\n全省公安机关以人才工作为主线。")
    assert not second("王强说\n江苏省公安厅党委副书记\n全省公安机关以人才工作为主线。")
