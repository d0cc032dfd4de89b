"""Zones, companies, universities and where they are, in sentences written for these tests in the style of
news from several provinces (each rule: what it must find and what it must not)."""
from __future__ import annotations

from sentence import document, graph, has, names


def _labels(text: str, cls: str) -> set[str]:
    return {label for c, label in names(text) if c == cls}


def _written(text: str, cls: str) -> set[str]:
    """Every written form (label and aliases) of the entities of a class."""
    return {n for e in document(text).entities if e.cls == cls for n in (e.label, *e.aliases)}


# --- a zone named after a place, over adjectives the tagger puts inside (recogniser suffix) -------------

def test_zone_after_place_over_adjectives():
    # 湖北, 贵州, 浙江: 武汉|大|健康产业园, 贵阳|大|数据科创城, 宁波|微电子|创新|产业园
    for text, zone, place in (("武汉市加快建设武汉大健康产业园。", "武汉大健康产业园", "武汉市"),
                              ("贵州推动贵阳大数据科创城与贵阳国家高新区共建算力产业园。", "贵阳大数据科创城", "贵阳市"),
                              ("宁波微电子创新产业园短短两年就构建起完整产业链。", "宁波微电子创新产业园", "宁波市")):
        assert zone in _written(text, "Locality"), text
        assert has(graph(text), zone, "partOf", place), text


def test_no_zone_without_a_place():
    # a kind of park, no place opening it: no zone, adjectives or not
    for text in ("大力发展新型显示产业园。", "推动大健康产业园建设。"):
        assert not any(z.endswith("产业园") for z in _written(text, "Locality")), text


def test_zone_shared_by_two_places_is_the_second_ones():
    # 浙江 山海协作, 辽宁: X—Y产业合作园 is in Y, and Y is not made part of X
    for text, zone, second, first in (
            ("海宁市与衢州市合作共建衢州—海宁山海协作产业园。", "衢州—海宁山海协作产业园", "海宁市", "衢州市"),
            ("三门县打造占地642亩的温岭—三门产业合作园。", "温岭—三门产业合作园", "三门县", "温岭市")):
        g = graph(text)
        assert zone in _written(text, "Locality"), text
        assert has(g, zone, "partOf", second), text
        assert not has(g, zone, "partOf", first), text
        assert not has(g, second, "partOf", first), text


# --- a chain of places followed by a zone's ending (recogniser place-chains) --------------------------

def test_zone_after_a_place_chain_where_the_tagger_glues_it():
    # 天津, 四川: 天津滨海|高新区建设…, 四川成都|高新区: the zone is one place, the project is in it
    text = "燕都智驾（天津）科技有限公司，将在天津滨海高新区建设智能网联汽车域控制器生产基地项目。"
    assert "天津滨海高新区" in _written(text, "Locality")
    g = graph(text)
    assert has(g, "智能网联汽车域控制器生产基地项目", "locatedIn", "天津滨海高新区")
    assert not any(f.object.endswith("滨海新区") for f in g.relations("locatedIn"))


def test_place_chain_without_zone_ending_stays_places():
    text = "湘西州凤凰县沱江镇党委书记介绍了情况。"
    assert not any("凤凰县沱江镇" in z for z in _written(text, "Locality"))


# --- a university named after a place of the document (rule names) ----------------------------------

def test_university_named_after_the_documents_place():
    # 江苏, 浙江, 四川: 常州大学 in 常州, its school too; 四川大学 in 四川
    for text, org, place in (("常州市举行签约仪式，常州大学副校长出席。", "常州大学", "常州市"),
                             ("常州市举行签约仪式，常州大学材料科学与工程学院与企业签约。", "常州大学材料科学与工程学院", "常州市"),
                             ("四川省科技厅与四川大学等高校合作。", "四川大学", "四川省")):
        assert has(graph(text), org, "locatedIn", place), text


def test_university_place_only_inside_names_is_not_its_site():
    # 陕西: 西安 written only inside 西安交大's names is no place of the document; 复旦大学 names none
    g = graph("宝鸡市与西安交大材料学院签约，西安交大教授出席。")
    assert not any(f.object.endswith("西安市") for f in g.relations("locatedIn"))
    g = graph("上海市科委与复旦大学合作。")
    assert not any(f.subject.endswith("复旦大学") for f in g.relations("locatedIn"))


def test_university_institute_in_another_place_is_not_the_universitys_place():
    # 陕西: 西安交通大学宝鸡钛合金研究院 is not in 西安 by its name
    g = graph("西安市和宝鸡市共建西安交通大学宝鸡钛合金研究院。")
    assert not has(g, "西安交通大学宝鸡钛合金研究院", "locatedIn", "西安市")


# --- a company's clause going on after a comma (rule companies) -------------------------------------

def test_company_then_comma_then_builds():
    # 天津, 四川, 广东: X公司，将在/拟在/计划在…建设Y项目
    for text, co, proj in (
            ("燕都智驾（天津）科技有限公司，将在天津滨海高新区建设智能网联汽车域控制器生产基地项目。",
             "燕都智驾（天津）科技有限公司", "智能网联汽车域控制器生产基地项目"),
            ("四川甲乙新能源科技有限公司，拟在眉山市彭山区投资建设年产10万吨锂电池材料项目。",
             "四川甲乙新能源科技有限公司", "年产10万吨锂电池材料项目")):
        assert has(graph(text), co, "develops", proj), text


def test_company_then_comma_then_another_subject_does_not_build():
    # the clause after the comma has a subject of its own (a place, a person speaking): not the company's
    for text, co, proj in (
            ("四川甲乙新能源科技有限公司，眉山市彭山区投资建设年产10万吨锂电池材料项目。",
             "四川甲乙新能源科技有限公司", "年产10万吨锂电池材料项目"),
            ("走访四川甲乙新能源科技有限公司，彭山区将建设年产10万吨锂电池材料项目。",
             "四川甲乙新能源科技有限公司", "年产10万吨锂电池材料项目")):
        assert not has(graph(text), co, "develops", proj), text


# --- a zone whose name holds no place, in a county's or city's news (pass hierarchy) -----------------

def test_unplaced_zone_is_part_of_the_documents_county():
    # 河南, 江苏: 贾湖科技城 in a 舞阳县 report, 西太湖科技产业园 in a 武进区 report
    for text, zone, home in (("舞阳县召开项目推进会。会议要求加快贾湖科技城建设。", "贾湖科技城", "舞阳县"),
                             ("武进区召开招商推介会。武进区加快推进西太湖科技产业园建设。", "西太湖科技产业园", "武进区")):
        assert has(graph(text), zone, "partOf", home), text


def test_unplaced_zone_in_a_provinces_news_stays_unplaced():
    # 山东: a province's news names zones of many cities: no guess
    g = graph("山东省召开会议。加快推进齐鲁科创城建设。")
    assert not any(f.subject.endswith("齐鲁科创城") for f in g.relations("partOf"))


def test_zone_with_its_place_is_not_placed_twice():
    # 湖北: 武汉大健康产业园 is in 武汉市 by its name, not in the county the report is about
    g = graph("江夏区召开会议。江夏区推进武汉大健康产业园建设。")
    assert not any(f.subject.endswith("健康产业园") and f.object.endswith("江夏区") for f in g.relations("partOf"))


# --- zone endings as provinces write them (zone_suffixes.txt) ----------------------------------------

def test_zone_endings_of_other_provinces():
    # 四川, 重庆, 河南, 广西: 生物城, 工业园, 产业集聚区, 工业集中区
    for text, zone in (("成都高新区加快建设成都天府国际生物城。", "成都天府国际生物城"),
                       ("重庆两江新区鱼复工业园内，新能源汽车项目加快建设。", "重庆两江新区鱼复工业园"),
                       ("项目落户漯河经济技术开发区和舞阳产业集聚区。", "舞阳产业集聚区"),
                       ("南宁市推动武鸣工业集中区协同发展。", "武鸣工业集中区")):
        assert zone in _written(text, "Locality"), text


# --- 位于<place>的<name> (rule adjacent; coverage of the pattern in other provinces) ---------------------

def test_located_at_before_the_name():
    # 江苏, 北京: 位于南京江北新区的X公司, 与位于北京经济技术开发区的X公司合作
    for text, co, place in (("位于南京江北新区的扬子江药业集团有限公司近日投产。", "扬子江药业集团有限公司", "江北新区"),
                            ("与位于北京经济技术开发区的北京京东方科技有限公司合作。", "北京京东方科技有限公司",
                             "北京经济技术开发区")):
        assert has(graph(text), co, "locatedIn", place), text


def test_located_at_describes_only_the_name_after_it():
    # 位于…的 describes what follows, not the clause's subject before it
    g = graph("江苏甲乙药业有限公司与位于南京江北新区的扬子江药业集团有限公司签约。")
    assert not has(g, "江苏甲乙药业有限公司", "locatedIn", "江北新区")


# --- what settles is the subsidiary, not its owner (rule sited) -------------------------------------

def test_owner_does_not_settle_with_its_subsidiary():
    # 陕西: 甲集团全资子公司乙公司落户西咸新区
    g = graph("陕西甲乙集团全资子公司丙丁科技有限公司落户西咸新区。")
    assert has(g, "丙丁科技有限公司", "locatedIn", "西咸新区")
    assert not has(g, "陕西甲乙集团", "locatedIn", "西咸新区")


# --- a developer written inside a project's name (rule names) ---------------------------------------

def test_developer_inside_a_project_name_is_in_its_place():
    # 河南, 湖北: 舞阳县X有限公司…项目: the company is in 舞阳县
    for text, co, place in (("舞阳县鑫禾包装材料有限公司食品级包装材料生产线项目正在加紧安装调试。",
                             "舞阳县鑫禾包装材料有限公司", "舞阳县"),
                            ("英山县甲乙茶叶有限公司年产500吨茶叶深加工项目开工。", "英山县甲乙茶叶有限公司", "英山县")):
        assert has(graph(text), co, "locatedIn", place), text


def test_developer_named_after_its_province_is_not_placed_there():
    # 浙江XX有限公司 names the province it is registered in, not where it is
    g = graph("浙江甲乙新材料有限公司年产10万吨新材料项目开工。")
    assert not any(f.subject.startswith("Company/") for f in g.relations("locatedIn"))


# --- parents and subsidiaries (rule companies, company_links.txt) -----------------------------------

def test_a_is_b_parent():
    # 贵州: A是B的母公司 / 控股股东: B is A's subsidiary, not the other way round
    for text, child, parent in (("贵州磷化集团是瓮福集团的母公司。", "瓮福集团", "贵州磷化集团"),
                                ("陕西甲乙投资集团有限公司是丙丁科技有限公司的控股股东。", "丙丁科技有限公司",
                                 "陕西甲乙投资集团有限公司")):
        g = graph(text)
        assert has(g, child, "subsidiaryOf", parent), text
        assert not has(g, parent, "subsidiaryOf", child), text


def test_belonging_words():
    # 湖北: A所属的B, A出资设立的B
    for text, child, parent in (("湖北宜化集团有限责任公司所属的宜昌新发投资有限公司扩大产能。", "宜昌新发投资有限公司",
                                 "湖北宜化集团有限责任公司"),
                                ("安徽江淮汽车集团有限公司出资设立的合肥甲乙汽车零部件有限公司投产。",
                                 "合肥甲乙汽车零部件有限公司", "安徽江淮汽车集团有限公司")):
        assert has(graph(text), child, "subsidiaryOf", parent), text


def test_two_companies_side_by_side_are_not_linked():
    g = graph("湖北宜化集团有限责任公司与宜昌新发投资有限公司签约。")
    assert not g.relations("subsidiaryOf")


# --- a settled name is in the last place of the chain after the verb (rule sited) -------------------

def test_settles_in_the_chains_last_place():
    # 内蒙古, 安徽: 坐落于鄂尔多斯市康巴什区的…, …项目落户安徽省合肥市长丰县
    for text, x, place in (("坐落于鄂尔多斯市康巴什区的内蒙古伊泰集团有限公司。", "内蒙古伊泰集团有限公司", "康巴什区"),):
        g = graph(text)
        assert has(g, x, "locatedIn", place), text
        assert not has(g, x, "locatedIn", "鄂尔多斯市"), text


# --- <zone>内，… (rule sited, inside-place) -----------------------------------------------------------

def test_inside_a_zone_opening_the_sentence():
    # 福建, 重庆: 晋江经济开发区（五里园）内，X集团…; 近日，…工业园内，…项目加快建设
    for text, x, zone in (("晋江经济开发区（五里园）内，恒安集团加快技改。", "恒安集团", "晋江经济开发区"),
                          ("近日，重庆两江新区鱼复工业园内，长安汽车新能源汽车项目加快建设。", "长安汽车新能源汽车项目",
                           "重庆两江新区鱼复工业园")):
        assert has(graph(text), x, "locatedIn", zone), text


def test_inside_word_not_opening_the_sentence_sites_nothing():
    # the place inside a later clause (…在园区内，): not this rule's; a city with no inside word: nothing
    # (a county's, town's or zone's caption opening does site: test_caption_opening_with_a_towns_places)
    for text in ("恒安集团表示，晋江经济开发区内，配套完善。", "泉州市，恒安集团加快技改。"):
        assert not any(f.evidence.rule == "inside-place" for f in document(text).relations), text


def test_taiwan_investment_zone():
    # 福建: 漳州台商投资区 is a zone of 漳州
    text = "漳州台商投资区角美镇的项目进展顺利。"
    assert "漳州台商投资区" in _written(text, "Locality")


# --- a clause opening with a site word goes on with the sentence's subject (rule sited) -------------

def test_site_clause_after_the_subjects_first_clause():
    # 湖南, 湖北: X公司成立于1958年，位于…; …项目总投资15亿元，位于…工业园
    for text, x, place in (("湖南华菱湘潭钢铁有限公司成立于1958年，位于湘潭市岳塘区，是国家重点钢铁企业。",
                            "湖南华菱湘潭钢铁有限公司", "岳塘区"),
                           ("年产20万吨生物基材料项目总投资15亿元，位于潜江市江汉盐化工业园，预计明年投产。",
                            "年产20万吨生物基材料项目", "潜江市江汉盐化工业园")):
        assert has(graph(text), x, "locatedIn", place), text


def test_site_clause_with_two_names_before_sites_neither():
    # two companies before the clause: which one? none; a name that is no subject (调研X公司): none
    for text in ("湖南甲乙钢铁有限公司与湖南丙丁矿业有限公司签约，位于湘潭市岳塘区。",
                 "县委书记张三调研湖南甲乙钢铁有限公司，位于湘潭市岳塘区。"):
        assert not any(f.evidence.rule == "site-word" for f in document(text).relations), text


# --- short company names of county news (company_suffixes.txt) and the zone written before them -----

def test_short_names_with_industry_words():
    # 四川, 湖南: 戈葡酒业, 国德塑业 (after the zone it is in), 三一重工
    text = "代表们先后来到县经济开发区国德塑业、利达丰服装公司、戈葡酒业等地。"
    companies = _labels(text, "Company")
    assert {"国德塑业", "戈葡酒业"} <= companies
    assert not any(c.startswith("县经济开发区") for c in companies)
    assert "三一重工" in _labels("三一重工、中联重科等企业参展。", "Company")


def test_registered_name_with_a_zone_is_kept_whole():
    # 苏州工业园区X有限公司 is a registered name: its zone stays in it
    text = "苏州工业园区甲乙科技有限公司扩产。"
    assert not any(c == "甲乙科技有限公司" for c in _labels(text, "Company"))


def test_investment_zone():
    # 福建: 元洪投资区
    assert "元洪投资区" in _written("元洪投资区以回归创业园为载体，加快推进园区经济跨越发展。", "Locality")


# --- 位于/在 <places> 内的 <name> (rule sited, site-word) -----------------------------------------------

def test_inside_the_zone_before_the_name():
    # 安徽, 海南: 位于…产业园内的X公司; 在…开发区内的X公司
    for text, x, zone in (("8月14日，位于高河街道金东产业园内的创元科技有限公司正在进行厂房吊装工作。", "创元科技有限公司",
                           "金东产业园"),
                          ("在海口国家高新区药谷工业园内的齐鲁制药（海南）有限公司，工人们正在加班。",
                           "齐鲁制药（海南）有限公司", "海口国家高新区药谷工业园")):
        assert has(graph(text), x, "locatedIn", zone), text


def test_inside_the_place_before_no_name():
    # 在嵊州市内的时间: no name after 内的, nothing sited
    assert not document("他在嵊州市内的时间很短。").relations


# --- a publisher named by its publication (recogniser suffix; rule names) ---------------------------

def test_publisher_of_a_titled_publication():
    # 浙江, 四川: 《今日浙江》杂志社, 《四川党的建设》杂志社: an organisation, in the place its title names
    for text, org, place in (("浙江法院推进改革。本期策划 《今日浙江》杂志社", "今日浙江杂志社", "浙江省"),
                             ("四川省召开会议，《四川党的建设》杂志社记者报道。", "四川党的建设杂志社", "四川省")):
        assert org in _labels(text, "Organization"), text
        assert has(graph(text), org, "locatedIn", place), text


def test_publisher_title_with_no_place():
    text = "《半月谈》杂志社记者走访浙江。"
    assert "半月谈杂志社" in _labels(text, "Organization")
    assert not graph(text).relations("locatedIn")


# --- a group develops its subsidiaries' projects (pass hierarchy, group-develops) --------------------

def test_group_develops_its_subsidiarys_project():
    # 河北, 江苏: X集团另一家子公司Y将在…建设Z项目; X集团全资子公司Y投资建设Z项目
    for text, group, proj in (
            ("河北甲乙投资集团有限公司全资子公司丙丁新材料有限公司投资建设年产5万吨负极材料项目。",
             "河北甲乙投资集团有限公司", "年产5万吨负极材料项目"),
            ("江苏甲乙科技集团有限公司旗下的常州丙丁储能有限公司，将在武进经济开发区建设年产10GWh储能电池项目。",
             "江苏甲乙科技集团有限公司", "年产10GWh储能电池项目")):
        assert has(graph(text), group, "develops", proj), text


def test_partner_is_no_group():
    # two companies signing, one building: the other does not develop it
    text = "唐山三友集团有限公司与河北丙丁新材料有限公司签订战略合作协议。河北丙丁新材料有限公司投资建设年产5万吨负极材料项目。"
    g = graph(text)
    assert has(g, "河北丙丁新材料有限公司", "develops", "年产5万吨负极材料项目")
    assert not has(g, "唐山三友集团有限公司", "develops", "年产5万吨负极材料项目")


# --- 工业区, and a company a zone brought in, said with a copula (rule sited, attracted) --------------

def test_industrial_district_zone():
    # 江西, 陕西: 吴都工业区; a kind of district with no name (老工业区) is none
    assert "吴都工业区" in _written("吴都工业区规划总面积为2500亩。", "Locality")
    assert not _written("加快老工业区改造。", "Locality")


def test_company_the_zone_brought_in():
    # 江苏, 湖北: X公司是城东工业园区今年引进的…项目
    for text, co, zone in (("鸿鹰食品有限公司是城东工业园区今年引进的一个大规模民资项目。", "鸿鹰食品有限公司", "城东工业园区"),
                           ("湖北甲乙新材料有限公司是孝感高新区去年招引的重点企业。", "湖北甲乙新材料有限公司", "孝感高新区")):
        assert has(graph(text), co, "locatedIn", zone), text


def test_company_a_body_brought_in_is_not_in_a_place_by_this_rule():
    text = "甲乙科技有限公司是嵊州市人民政府引进的企业。"
    assert not any(f.evidence.rule == "attracted" for f in document(text).relations)


# --- <county or town>的<company>; a caption opening with a county's or town's places (rule sited) --

def test_towns_company_with_de():
    # 浙江, 河南: 黄泽镇的X有限公司, 来自舞阳县的X公司
    for text, co, place in (("记者走访了黄泽镇的浙江星耀纺机有限公司。", "浙江星耀纺机有限公司", "黄泽镇"),
                            ("来自舞阳县的河南甲乙新材料有限公司负责人说。", "河南甲乙新材料有限公司", "舞阳县")):
        assert has(graph(text), co, "locatedIn", place), text


def test_provinces_company_with_de_is_not_placed_by_it():
    text = "浙江省的宁波舟山港集团有限公司。"
    assert not any(f.evidence.rule == "place-de" for f in document(text).relations)


def test_caption_opening_with_a_towns_places():
    # 福建: 南安市仑苍镇，X公司车间内一片繁忙 (a photo caption)
    text = "南安市仑苍镇，福建仑海卫浴科技有限公司车间内一片繁忙。"
    assert has(graph(text), "福建仑海卫浴科技有限公司", "locatedIn", "仑苍镇")


def test_sentence_opening_with_a_province_sites_nothing():
    text = "浙江省，宁波舟山港集团有限公司货物吞吐量居全球首位。"
    assert not any(f.evidence.rule == "inside-place" for f in document(text).relations)


# --- a company's short name right after a place (recogniser suffix) ---------------------------------

def test_short_name_after_a_place():
    # 浙江 photo caption, 湖州, 福建 (the tagger glues 南安泓岩), 河南
    for text, co in (("黄泽镇星耀纺机车间 张亮勇 摄", "星耀纺机"), ("湖州南浔区的久立特材正在扩产。", "久立特材"),
                     ("走进南安泓岩石材的展厅，各类石材琳琅满目。", "泓岩石材")):
        assert co in _labels(text, "Company"), text
    assert has(graph("黄泽镇星耀纺机车间 张亮勇 摄"), "星耀纺机", "locatedIn", "黄泽镇")


def test_place_and_trade_is_no_short_name():
    # 嵊州电子商务, 浙江纺织业, 宁波服装产业: a place's trade, no company
    for text in ("嵊州电子商务发展迅速。", "浙江纺织业发达。", "宁波服装产业加快转型。"):
        assert not _labels(text, "Company"), text


def test_project_site_before_the_developer_is_not_the_developers():
    # 剡湖街道|贝达药业…项目: the place sites the project; 舞阳县|鑫禾包装材料有限公司…: the company's legal name
    g = graph("剡湖街道贝达药业创新药产业化基地项目开工。")
    assert not any(f.subject.startswith("Company/") and f.object.endswith("剡湖街道") for f in g.relations("locatedIn"))
