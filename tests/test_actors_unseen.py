"""Actors of programmes, third round (issue 21, item 1): the place of a party committee or government that
carries a programme out, and the other tiers added in this round. Each sentence is written for these tests
in the style of a province's news; each case names facts the rules must find (with the evidence's rule)
and facts, or rules, they must not give."""
from __future__ import annotations

import pytest
from test_actors import facts

CASES = [
    # a place's party committee and government carry out a programme: so does the place (湖南, 四川, 广西)
    ("湖南省召开全省乡村振兴大会。省委、省政府把乡村振兴作为头等大事，深入实施“千村示范”工程。",
     [("湖南省", "implements", "千村示范", "organ-place")], []),
    ("绵阳市召开科技城建设推进会。绵阳市委、市政府坚持把科技创新摆在突出位置，全面实行“链长制”。",
     [("绵阳市", "implements", "链长制", "organ-place")], []),
    ("南宁市人民政府印发《南宁市中小企业数字化转型城市试点实施方案》，扎实推进中小企业数字化转型城市试点。",
     [("南宁市", "implements", "中小企业数字化转型城市试点", "organ-place")], []),
    # ... not a department's, nor its discipline commission's, place (四川, 浙江)
    ("绵阳市召开会议。市经信局牵头推行“链长制”，市纪委监委推行“清廉单位”建设。",
     [], [("organ-place",)]),
    # 全 and a level word right before a programme own it: the place of that level (广东, 江西, 河南)
    ("肇庆市举行新闻发布会。《若干措施》是全市民营经济“1+N”政策体系中的“1”。",
     [("肇庆市", "implements", "1+N政策体系", "whole-owner")], []),
    ("赣州市召开会议。会上通报了全市“放管服”改革进展情况。",
     [("赣州市", "implements", "放管服", "whole-owner")], []),
    ("北舞渡镇召开项目推进会。镇党委书记汇报了全镇“千万工程”推进情况。",
     [("北舞渡镇", "implements", "千万工程", "whole-owner")], []),
    # ... not 全省首个“…” (a rank), nor 全X after a verb (在全市推广“…”)
    ("丽水市召开会议。遂昌县成为全省首个“无证明城市”改革试点县。",
     [], [("whole-owner",)]),
    ("漳州市召开会议。会议要求在全市推广“一件事”集成改革经验。",
     [], [("whole-owner",)]),
    # a programme named after a region of provinces that no clause gives an actor: each member named (川渝, 长三角)
    ("四川省和重庆市签署合作协议。“成渝地区双城经济圈建设”战略是重大国家战略。",
     [("四川省", "implements", "“成渝地区双城经济圈建设”战略", "region-name"),
      ("重庆市", "implements", "“成渝地区双城经济圈建设”战略", "region-name")], []),
    ("上海市、江苏省、浙江省和安徽省签署协议。长三角一体化发展进入新阶段。",
     [("江苏省", "implements", "长三角一体化发展", "region-name"),
      ("安徽省", "implements", "长三角一体化发展", "region-name")], []),
    # ... not when a clause names its actor, nor a member the document does not name
    ("浙江省深入推进“长三角一体化发展”。江苏省召开会议。",
     [], [("江苏省", "implements", "长三角一体化发展"), ("region-name",)]),
    # 省里的/市里的 + a few words + a programme: the document's place of that level (陕西, 安徽); not 省里 as a
    # subject with a verb between (省里部署“…”)
    ("陕西省科技厅印发方案。宝鸡市召开会议。我们全面落实省里的科技成果转化“三项改革”，推动成果就地转化。",
     [("陕西省", "implements", "三项改革", "level-owner")], []),
    ("安徽省召开大会。芜湖市召开会议。我们认真落实省里的“亩均论英雄”改革，推动企业提质增效。",
     [("安徽省", "implements", "亩均论英雄", "level-owner")], []),
    ("安徽省召开大会。芜湖市召开会议。省里部署开展“亩均论英雄”改革以后，芜湖市迅速行动。",
     [], [("level-owner",)]),
    # 该县, 这个…县级市 as the clause's subject: the place of that level named last (浙江, 福建, 广东); not 该市场…
    ("今年以来，安吉县召开会议。该县深入实施“千万工程”，推动乡村全面振兴。",
     [("安吉县", "implements", "千万工程", "anaphor-subject")], []),
    ("这是晋江市优化营商环境的一个缩影。今年以来，这个泉州下辖的县级市以“一件事”集成改革为牵引，提升服务效能。",
     [("晋江市", "implements", "一件事集成改革", "anaphor-subject")], [("泉州市", "implements", "一件事集成改革")]),
    ("佛山市召开会议。南海区持续优化营商环境，该区全面推行“拿地即开工”模式。",
     [("南海区", "implements", "拿地即开工", ("anaphor-subject", "subject-verb", "carried-subject"))], []),
    ("嵊州市召开会议。该市场主体积极参与“企情日记”活动。",
     [], [("anaphor-subject",)]),
    # 该局, 该中心 as the clause's subject: the body of that head named last (贵州, 湖南); not 应该 (我们应该办好…)
    ("贵阳市召开会议。市大数据局负责人介绍了情况。会议指出，该局今年将全面推行“数据券”制度。",
     [("贵阳市大数据发展管理局", "implements", "数据券", "anaphor-subject")], []),
    ("长沙市召开会议。市政务服务中心负责人介绍了情况。目前，该中心已全面推行“一件事一次办”改革。",
     [("长沙市政务服务中心", "implements", "一件事一次办", "anaphor-subject")], []),
    ("长沙市政务服务中心召开会议。我们应该办好“民生实事”工程。",
     [], [("anaphor-subject",)]),
    # the places of a locative list that run a pilot naming no programme: the programme of the sentence before,
    # in its paragraph (浙江, 江西); not across a paragraph, nor without a programme before
    ("浙江省推进改革。推进“无证明城市”建设。在杭州市、宁波市开展省级试点，形成可复制经验。",
     [("杭州市", "implements", "无证明城市", "pilot-sites"), ("宁波市", "implements", "无证明城市", "pilot-sites")],
     []),
    ("江西省召开会议。四是深化“标准地”改革。今年将在赣州市、吉安市开展试点，倒逼企业提质增效。",
     [("赣州市", "implements", "标准地", "pilot-sites"), ("吉安市", "implements", "标准地", "pilot-sites")], []),
    ("浙江省推进改革。推进“无证明城市”建设。\n在杭州市、宁波市开展省级试点，形成可复制经验。",
     [], [("pilot-sites",)]),
    ("浙江省推进改革。会议研究了有关工作。在杭州市、宁波市开展省级试点，形成可复制经验。",
     [], [("pilot-sites",)]),
    # a body opening a sentence that names no programme with 牵头: the programmes of the sentence before it, or
    # of the item heading its paragraph (四川, 湖南, 河北); not with 负责, nor across a paragraph
    ("甘孜藏族自治州召开会议。今年将在色达县开展“飞地经济”试点。州发展改革委牵头制定实施方案，州财政局负责统筹资金。",
     [("甘孜藏族自治州发展和改革委员会", "implements", "飞地经济", "lead-body")],
     [("甘孜藏族自治州财政局", "implements", "飞地经济")]),
    ("湖南省召开会议。\n二是实施“智赋湖南”专项行动。依托龙头企业打造一批行业平台，推动企业“上云用数”。"
     "长沙市工业和信息化局牵头建设工程机械行业平台。",
     [("长沙市工业和信息化局", "implements", "智赋湖南", "lead-body")],
     [("长沙市工业和信息化局", "implements", "上云用数")]),
    ("河北省召开会议。今年将开展“万企转型”行动。\n省工业和信息化厅牵头制定实施方案。",
     [], [("lead-body",)]),
    # in a numbered item's paragraph, the bodies issuing a document and the sites of a pilot carry out the item's
    # programme (河北, 江苏); not the sites of a programme that is no pilot, nor without a numbered heading
    ("河北省召开会议。\n一是深入开展“数字车间”培育行动。今年新培育省级数字车间100家。"
     "省工业和信息化厅会同省财政厅制定《河北省数字车间认定管理办法》，给予奖补。",
     [("河北省财政厅", "implements", "数字车间培育行动", "item-issuer")], []),
    ("江苏省召开会议。\n四是深化“亩均论英雄”改革。对规模以上工业企业开展综合评价。"
     "今年将在常州市、南通市开展评价结果应用试点，倒逼低效企业转型。",
     [("常州市", "implements", "亩均论英雄", "item-site"), ("南通市", "implements", "亩均论英雄", "item-site")], []),
    ("江苏省召开会议。\n四是深化“亩均论英雄”改革。对规模以上工业企业开展综合评价。"
     "今年将在常州市、南通市推行“一企一策”改造模式。",
     [], [("item-site",)]),
    ("江苏省召开会议。\n深化“亩均论英雄”改革。对规模以上工业企业开展综合评价。"
     "今年将在常州市、南通市开展评价结果应用试点，倒逼低效企业转型。",
     [], [("item-site",)]),
    # 全市各级各部门 as the clause's subject is the city (四川)
    ("成都市召开会议。全市各级各部门要深入推进“蓉易办”平台建设。",
     [("成都市", "implements", "蓉易办", "whole-place")], []),
    # partners joined to the subject by 与, acting 共同/携手: each carries the programme out (安徽, 广东); not without
    # a word of together, nor a company partner
    ("合肥市召开会议。合肥市与芜湖市签署协议，共同推进“合芜同城化”工程。",
     [("芜湖市", "implements", "合芜同城化", "partner-subject")], []),
    ("广州市召开会议。广州市与佛山市携手推进“广佛同城化”工程，共建先进制造业集群。",
     [("佛山市", "implements", "广佛同城化", "partner-subject")], []),
    ("合肥市召开会议。合肥市与芜湖市签署协议后，合肥市推进“合芜同城化”工程。",
     [], [("partner-subject",)]),
    ("武进区召开会议。武进区与江苏鼎晟储能科技有限公司签署协议，共同推进“储能产业园”工程。",
     [], [("partner-subject",)]),
    # a quotation that opens with 我们, then the speaker's body and 说: the body carries out the quotation's
    # programmes (江西, 云南); not a quotation of another subject, nor a body that does not speak
    ("南康区召开会议。“我们以家具产业为依托，构建了‘1+N’产业服务体系。”南康区工业和信息化局副局长李某说。",
     [("南康区工业和信息化局", "implements", "1+N产业服务体系", "quoted-speaker")], []),
    ("玉溪市召开会议。“我们全面推行‘一窗通办’改革，企业办事更便捷。”玉溪市政务服务管理局负责人介绍。",
     [("玉溪市政务服务管理局", "implements", "一窗通办", "quoted-speaker")], []),
    ("南康区召开会议。“企业构建了‘1+N’产业服务体系。”南康区工业和信息化局副局长李某说。",
     [], [("quoted-speaker",)]),
    ("南康区召开会议。“我们构建了‘1+N’产业服务体系。”南康区工业和信息化局随后召开会议。",
     [], [("quoted-speaker",)]),
    # a programme no rule gave an actor, part of one an actor carries out in the paragraph: that actor's (湖南, 江西);
    # not across a paragraph
    ("湖南省工信厅将深入实施“万企融合”赋能行动。作为“万企融合”赋能行动的重要内容，"
     "“湘企上云”专项行动今年计划新增上云企业2000户。",
     [("湖南省工业和信息化厅", "implements", "湘企上云专项行动", "part-actor")], []),
    ("江西省工信厅将深入实施“万企融合”赋能行动。\n作为“万企融合”赋能行动的重要内容，"
     "“赣企上云”专项行动今年计划新增上云企业2000户。",
     [], [("part-actor",)]),
    # a clause of purpose (针对…，为加快…，) opening a subject-less sentence: the clause after it is carried out by
    # the topic (四川, 浙江); not when that clause names its own subject
    ("宜宾市召开会议。宜宾市持续优化营商环境。为加快推动产业转型升级，全面实施“链长制”工作机制。",
     [("宜宾市", "implements", "链长制", "topic-subject")], []),
    ("浙江省召开会议。浙江省持续优化营商环境。针对涉企负面舆情处置问题，开展“清风护企”专项行动。",
     [("浙江省", "implements", "清风护企专项行动", "topic-subject")], []),
    ("宜宾市召开会议。宜宾市持续优化营商环境。为加快推动产业转型升级，泸州市全面实施“链长制”工作机制。",
     [], [("宜宾市", "implements", "链长制")]),
    # 作为<province>…试点城市，近年来，<city>…: the city, after the frame, is the topic of the subject-less
    # sentences after it, not the province of the frame (湖南, 浙江)
    ("湖南省召开优化营商环境大会。湖南省推进改革。\n作为湖南省营商环境创新试点城市，近年来，长沙市持续优化营商环境。"
     "依托政务服务中心，构建“湘易办”平台，促进服务精准匹配。",
     [("长沙市", "implements", "湘易办", "topic-subject")], [("湖南省", "implements", "湘易办")]),
    ("浙江省召开数字化改革大会。浙江省推进改革。\n作为浙江省数字化改革试点城市，近年来，丽水市推动数字化转型。"
     "依托企业服务中心，构建“浙丽办”平台，促进服务精准匹配。",
     [("丽水市", "implements", "浙丽办", "topic-subject")], [("浙江省", "implements", "浙丽办")]),
]


@pytest.mark.parametrize("text,found,absent", CASES, ids=[c[0][:14] for c in CASES])
def test_actors_unseen(text, found, absent):
    got = facts(text)
    for s, p, o, rule in found:
        assert (s, p, o) in got, f"missing {s} {p} {o}; got {sorted(got.items())}"
        rules = rule if isinstance(rule, tuple) else (rule,)
        assert got[(s, p, o)] in rules, f"{s} {p} {o} by {got[(s, p, o)]}, expected {rule}"
    for f in absent:
        if len(f) == 1:     # a rule that must give nothing here
            assert f[0] not in got.values(), f"unexpected rule {f[0]}: {sorted(got.items())}"
        else:
            assert f not in got, f"unexpected {f} by {got.get(f)}"
