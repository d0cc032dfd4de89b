"""Projects, their developers and companies in sentences written for these tests in the style of news
from several provinces (each rule: what it must find and what it must not)."""
from __future__ import annotations

from sentence import graph, has, names


def _labels(text: str, cls: str) -> set[str]:
    return {label for c, label in names(text) if c == cls}


# --- a project's name does not start on the body acting ----------------------------------------------

def test_body_holding_an_event_is_no_project():
    # 辽宁: a bureau holds a ceremony for the key projects; the body stays, no project of kinds
    text = "望花区信访局举行重点项目集中开工仪式。"
    assert not _labels(text, "Project")
    assert "望花区信访局" in _labels(text, "GovernmentBody")
    # 广东, 四川, 贵州: other event verbs after a body
    # (bodies are labelled with their full official name since the organs' full forms: 工信局 → 工业和信息化局)
    for text, body in (("广州市黄埔区工信局组织智能装备产业园项目观摩活动。", "广州市黄埔区工业和信息化局"),
                       ("贵阳市大数据局举办数据中心项目签约仪式。", "贵阳市大数据发展管理局")):
        assert not any("局" in p for p in _labels(text, "Project")), text   # no project opens on the bureau
        assert body in _labels(text, "GovernmentBody"), text


def test_body_approving_a_project_stays_out_of_its_name():
    # 陕西: 发改委|审批|华润光伏电站项目
    text = "西安市发改委审批华润光伏电站项目。"
    assert _labels(text, "Project") == {"华润光伏电站项目"}
    assert "西安市发展和改革委员会" in _labels(text, "GovernmentBody")   # 发改委's full name


def test_company_with_annual_capacity_keeps_its_project():
    # 河南: 公司|年产…项目 — 年产 is no verb of the company acting
    text = "郭振华来到河南甲乙新材料科技有限公司年产5万吨盐化工新材料项目建设现场。"
    assert any(p.endswith("年产5万吨盐化工新材料项目") for p in _labels(text, "Project"))


def test_trade_name_industry_park_project():
    # 河南, 江苏: an unknown trade name, industry words, 产业园项目
    assert "甲乙智能制造产业园项目" in _labels("甲乙智能制造产业园项目落户郑州。", "Project")
    assert "鑫磊新能源汽车零部件产业园项目" in _labels("推进鑫磊新能源汽车零部件产业园项目建设。", "Project")
    # a programme-like kind of park: no trade name, no project
    assert not _labels("全力推进乡村振兴示范产业园项目。", "Project")


# --- developers guessed from a project's name ---------------------------------------------------------

def test_no_developer_from_common_or_place_words():
    # 天津: 智能网联 is an industry, 陕西: 宝鸡钛谷 a place's brand — no company invented
    assert not _labels("将在天津滨海高新区建设智能网联汽车域控制器生产基地项目。", "Company")
    assert not _labels("另外，宝鸡钛谷新材料产业园二期项目正在陈仓区加快建设。", "Company")


def test_developer_from_a_trade_name():
    assert "鑫磊新能源" in _labels("推进鑫磊新能源汽车零部件产业园项目建设。", "Company")
    assert "贝达药业" in _labels("贝达药业创新药产业化基地项目开工。", "Company")


# --- a parent company, the words linking it and its subsidiary ---------------------------------------

def test_parent_and_subsidiary_split():
    # 湖北, 江西: the tagger glues both legal names and 控股子公司 into one word
    g = graph("湖北甲乙集团有限责任公司控股子公司宜昌丙丁投资有限公司揭牌。")
    assert has(g, "宜昌丙丁投资有限公司", "subsidiaryOf", "湖北甲乙集团有限责任公司")
    found = _labels("江西丙丁集团有限公司控股子公司江西丙丁股份有限公司发布公告。", "Company")
    assert found == {"江西丙丁集团有限公司", "江西丙丁股份有限公司"}, found


def test_group_subsidiary_word():
    # 四川: A是B旗下公司 / 旗下企业
    g = graph("恒信新材料是四川甲乙集团旗下公司。")
    assert "四川甲乙集团" in {e.label for e in g.entities() if e.cls == "Company"}
    assert has(g, "恒信新材料", "subsidiaryOf", "四川甲乙集团")
    assert has(graph("丙丁科技是甲乙集团旗下企业。"), "丙丁科技", "subsidiaryOf", "甲乙集团")


def test_one_company_name_is_not_split():
    assert _labels("浙江华友控股集团有限公司召开年度会议。", "Company") == {"浙江华友控股集团有限公司"}


# --- data: list kinds and issuing verbs -------------------------------------------------------------

def test_investment_institutions_list_companies():
    assert {"东方资产", "交银资本"} <= _labels("东方资产、交银资本等投资机构参与。", "Company")
    # 医疗机构, 科研机构: hospitals and universities stay organisations
    assert not _labels("县人民医院、县中医院等医疗机构开展义诊。", "Company")
    assert not _labels("郑州大学、河南农业大学等科研机构参与。", "Company")


def test_forwarded_notice_title():
    assert "关于加快推进农村产权交易的通知" in _labels("县政府办公室转发关于加快推进农村产权交易的通知。", "PolicyDocument")


def test_company_with_bracketed_place():
    # 京津冀, 四川: trade name（place）legal form, which the tagger splits at the bracket
    assert "燕都智驾（天津）科技有限公司" in _labels("旗下的燕都智驾（天津）科技有限公司将在天津建设基地项目。", "Company")
    assert "宁德时代（四川）新能源科技有限公司" in _labels("宁德时代（四川）新能源科技有限公司在宜宾投产。", "Company")
    # 四川: the tagger opens the company's name inside the bracket (成都）科技有限公司)
    found = _labels("其中，省属国有企业四川甲乙投资集团有限公司旗下的甲乙智造（成都）科技有限公司，将在成都建设基地项目。",
                    "Company")
    assert "甲乙智造（成都）科技有限公司" in found and not any(c.startswith("成都") for c in found), found
    # a bracketed place after a body is no company's
    assert not _labels("市发改委（天津）办公室召开会议。", "Company")


def test_verb_glued_to_the_project_name():
    # 广东: the tagger glues 签约 to the project's first words (签约智能网联汽车): the developer stays apart
    g = graph("广州市黄埔区政府与小鹏汽车签约智能网联汽车产业园项目。")
    projects = {e.label for e in g.entities() if e.cls == "Project"}
    assert projects == {"智能网联汽车产业园项目"}, projects
    assert not {e.label for e in g.entities() if e.cls == "Locality" and "签约" in e.label}
    assert has(g, "小鹏汽车", "develops", "智能网联汽车产业园项目")


# --- programmes quoted inside a quotation -------------------------------------------------------------

def test_programme_in_single_quotes_inside_speech():
    # 广东, 浙江: a speaker names the reform in single quotes
    assert any("拿地即开工" in p for p in _labels("“我们全面推行‘拿地即开工’改革，效果很好。”局长说。", "Programme"))
    assert any("2+X" in p for p in _labels("“我们构建了‘2+X’传统产业创新服务体系。”他说。", "Programme"))
    # an everyday word in single quotes is no programme
    assert not _labels("“还有很多新颖的‘打卡’活动，玩得很开心。”游客说。", "Programme")


def test_body_and_company_glued_with_a_holding_word():
    # 新疆: the tagger glues 州政府与 to the parent and leaves 控股 on it (…股份有限公司控股|子公司)
    g = graph("新疆昌吉州政府与特变电工股份有限公司控股子公司新疆众和股份有限公司签约。")
    companies = {e.label for e in g.entities() if e.cls == "Company"}
    assert companies == {"特变电工股份有限公司", "新疆众和股份有限公司"}, companies
    assert "新疆昌吉州政府" in {e.label for e in g.entities() if e.cls == "GovernmentBody"}
    assert has(g, "新疆众和股份有限公司", "subsidiaryOf", "特变电工股份有限公司")


def test_place_led_short_names_in_a_list_of_companies():
    # 浙江, 四川: short company names made of a place and a trade word, listed before 等…企业
    assert {"嘉兴斯达", "台州钱江"} <= _labels("园区集聚了宁波均胜、嘉兴斯达、台州钱江等龙头企业。", "Company")
    assert {"成都先进", "绵阳九洲"} <= _labels("引进了成都先进、绵阳九洲等重点企业。", "Company")
    # places, bodies and hospitals in such lists stay what they are
    assert not _labels("杭州湾新区、宁波高新区等园区企业参加。", "Company")
    assert not _labels("嵊州市人民医院、新昌县中医院等单位参加。", "Company")


def test_unknown_first_word_needs_a_park_head():
    # a word the dictionary lacks (低碳) before an ordinary 项目 is no trade name
    assert not _labels("推动金融资源向低碳高效项目培育。", "Project")
    assert "甲乙新能源电池生产基地项目" in _labels("甲乙新能源电池生产基地项目开工。", "Project")


def test_place_and_trade_name_before_a_capacity():
    # 浙江: a place, a trade name and an industry word, then 年产…: the developer
    g = graph("海宁晶科能源年产11GW高效电池和15GW高效电池组件项目开工。")
    assert "海宁晶科能源" in {e.label for e in g.entities() if e.cls == "Company"}
