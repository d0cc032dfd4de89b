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


def test_bare_organisation_between_boundaries_is_a_company():
    # corpus 003: the tagger marks 雅戈尔 and 中大力德 as organisations with no ending
    assert "雅戈尔" in names("服装业“常青树”雅戈尔，融合应用5G、MEC、数字孪生技术。", "Company")
    assert "中大力德" in names("机器人藏着智昌科技的控制驱动技术、中大力德的减速技术。", "Company")


def test_bare_office_word_is_no_company():
    # corpus 000: 发改局、科技局 are offices with no place, not companies
    found = mentions_of("在这里，已入驻嵊州经济开发区（高新园区）、发改局、科技局、税务局等15个部门。")
    assert ("发改局", "Company") not in found


def test_ending_split_by_the_tagger():
    # corpus 003: 机器人|创新|中心: the ending 创新中心 spans two words; a proper word must open the name
    assert "浙江人形机器人创新中心" in names("近日，浙江人形机器人创新中心落户宁波。", "Organization")
    assert not names("石墨烯创新中心成为全省首家国家制造业创新中心。", "Organization") & {"国家制造业创新中心",
                                                                           "制造业创新中心"}


def test_township_after_its_county():
    # corpus 001: 浦口街道 is missing from the division list, but follows its county's official name
    assert "浦口街道" in names("记者来到位于嵊州市浦口街道的电商产业园。", "Locality")


def test_village_of_the_documents_county():
    # corpus 004: 塘民村 (庄桥街道, 江北区) in an article about 江北区, glued to 村民 by the tagger
    text = "宁波市江北区推行农村集体资产智管家。“非常方便。”塘民村村民王大妈说。"
    assert "塘民村" in names(text, "Locality")


def test_nature_reserve_is_a_place():
    assert "大盘山自然保护区" in {n.removeprefix("磐安") for n in
                            names("在磐安大盘山自然保护区，一个覆盖全域的监测网络已经建成。", "Locality")}


def mentions_of(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.cls) for m in _doc(text)[2]}


def programmes_in(text: str) -> set[str]:
    return {n.replace("“", "").replace("”", "") for n in names(text, "Programme")}


def test_quoted_items_of_a_list_a_programme_verb_opens():
    # corpus 004: the verb 整合 opens a list; each quoted item is a programme
    text = "全面整合上级交办、“四下基层”、“亲清直通车·政企恳谈会”、12345“湖商通”营商环境投诉专线等12个问题反馈渠道。"
    found = programmes_in(text)
    assert "四下基层" in found
    assert any(n.startswith("亲清直通车") for n in found)


def test_quote_inside_a_title_is_no_list_item():
    # corpus 002: “剡溪·越”你申… is part of an event's title, not an item of the list
    text = "组织开展高校引才专列、人才夜市、“剡溪·越”你申‘嵊’不息”上海高校招才引智等系列活动。"
    assert "剡溪·越" not in programmes_in(text)


def test_column_break_inside_a_sentence_is_no_cue_for_a_person():
    # corpus 004: 全过⏎⏎程民主决策 (a magazine column broken inside 过程): 程民主 is no person
    text = "依法推动农村产权交易全过\n\n程民主决策，江北区努力做到事前“一会过审”。"
    assert "程民主" not in names(text, "Person")


def test_address_before_an_organisation_is_not_its_name():
    # corpus 004: the kindergarten is 梅竹路幼儿园; 江北区甬江街道河西村 is where it is
    text = "宁波市江北区推行智管家。不久前，江北区甬江街道河西村梅竹路幼儿园旁一块空置土地完成了租赁权交易。"
    assert "梅竹路幼儿园" in labels(text, "Organization")


def test_quoted_kind_is_named_by_the_event_before_it():
    # corpus 004 and 003: “一件事”/“一类事” reforms are named by what they bundle
    assert "执行一件事综合集成改革" in programmes_in("执行“一件事”综合集成改革不仅让企业胜诉权益更快兑现。")
    found = programmes_in("2023年以来，金华市大力探索外国人创业无忧“一类事”集成改革，通过多部门联动。")
    # the clause verb 探索 is not part of the name
    assert "外国人创业无忧一类事集成改革" in found


def test_application_is_a_programme():
    # corpus 004: 开发“活查封”管理应用
    assert any("活查封" in n for n in programmes_in("开发“活查封”管理应用，以视频电子监管取代传统查封。"))


def test_time_limits_are_no_programme():
    # corpus 004: quoted time limits after a programme verb
    text = "推行“2小时、24小时、3天、7天和10天”分级响应。"
    assert not any("小时" in n for n in programmes_in(text))
    # a quoted number with no unit is still a programme's name (“4173”专项行动, corpus 000)
    assert any("4173" in n for n in programmes_in("实施先进制造业强市建设“4173”专项行动。"))


def test_plain_programme_ends_where_its_noun_phrase_ends():
    # corpus 004: 电力接入工程 is only the start of 电力接入工程费用分担机制改革
    assert "电力接入工程" not in programmes_in("率先推行电力接入工程费用分担机制改革。")


def test_counted_documents_are_a_kind():
    # corpus 004: 发布重点产业合规指引14部: fourteen guidelines, not one title
    assert not names("指导各地制定发布重点产业合规指引14部，数量全省第一。", "PolicyDocument")


def test_county_short_form_opening_a_company_name():
    # corpus 003: 海盐良信电器 in a Zhejiang article: 海盐 is 海盐县, the only county of that short name
    text = "浙江奋力推进制造业高质量发展。\n\n海盐良信电器未来工厂\n\n奋力推进新型工业化。"
    assert "海盐县" in labels(text, "Locality")


def test_university_abbreviation_opening_an_institute():
    # corpus 003: 西工大宁波研究院 is an institute of 西工大
    assert "西工大" in labels("中科院宁波材料所、甬江实验室、西工大宁波研究院等30多家科研机构落户。", "Organization")


def test_platform_after_a_programme_verb():
    # corpus 003: 打造国际贸易风险预警处置平台
    assert "国际贸易风险预警处置平台" in programmes_in("义乌市公安局打造国际贸易风险预警处置平台，全力护航国际贸易。")


def test_everyday_word_that_is_also_a_division_does_not_make_a_zone():
    # corpus 002: 创新 is a township's short name too, but 产业创新园区 is a kind of park
    text = "加上剡溪两岸多个不同功能的产业创新园区，形成了全流域协同发展的格局。"
    assert "产业创新园区" not in names(text, "Locality")


def test_head_after_a_six_character_modifier():
    # corpus 004: “湖商通”营商环境投诉专线: the head 专线 comes after six characters of modifier
    found = programmes_in("湖州整合12345“湖商通”营商环境投诉专线等12个问题反馈渠道。")
    assert any("湖商通" in n and n.endswith("专线") for n in found)


def test_township_short_forms_in_an_article_about_their_county():
    # issue 10: 新市, 钟管 in a 德清 article are 德清县's townships (钟管 is not marked by the tagger)
    text = "德清县持续优化营商环境。今年以来，新市、钟管等乡镇的企业纷纷扩产。"
    assert {"新市镇", "钟管镇"} <= labels(text, "Locality")
    # in an article about another county they are nothing
    assert not {"新市", "钟管"} & names(text.replace("德清县", "长兴县"), "Locality")
