"""Programmes on text in the style of other provinces (issue 21): pilots named by their kind, quoted
numbered formulas, short references to a programme named in full. Each sentence is written for these
tests; each case names what the rule must find and what it must not."""
from __future__ import annotations

import pytest
from sentence import document


def programmes(text: str) -> set[str]:
    """The labels and aliases of the programmes found in the text (quote marks dropped)."""
    g = document(text)
    out = set()
    for e in g.entities:
        if e.cls == "Programme":
            out |= {n.split("@")[0].replace("“", "").replace("”", "") for n in (e.label, *e.aliases)}
    return out


PILOTS = [
    # 被…确定为: the pilot's name, without the scope word and the kind of site after it
    ("通渭县被省商务厅确定为全省县域商业体系建设试点县。", ["县域商业体系建设试点"], ["全省县域商业体系建设试点县"]),
    ("郫都区被列为全国首批数字乡村试点地区，探索数字赋能乡村治理。", ["数字乡村试点"], ["首批数字乡村试点"]),
    ("今年，封开县成功入选第二批全国农村综合性改革试点试验县。", ["农村综合性改革试点"], []),
    ("信阳市作为全省唯一城乡融合发展试点，率先探索。", ["城乡融合发展试点"], []),
    ("平遥县作为全省首批开展农村宅基地制度改革试点县，积极探索。", ["农村宅基地制度改革试点"], ["开展农村宅基地制度改革试点"]),
    # 等 closing the list of a pilot's sites; a verb inside: the name starts after it
    ("浙江布局杭州上城友好城区、海盐澉浦友好乡镇等生物多样性友好试点。", ["生物多样性友好试点"], []),
    ("四川在成都、绵阳、德阳等地开展数字经济创新发展试点。", ["数字经济创新发展试点"], ["地开展数字经济创新发展试点"]),
    # a clause, not a name: 的, 和 inside; nothing before the pilot word
    ("该镇作为推进乡村振兴的试点，成效明显。", [], ["推进乡村振兴的试点"]),
    ("全县确定10个村作为试点村。", [], ["试点村"]),
    ("作为试点单位，学校和医院同步推进。", [], ["试点单位"]),
]



FORMULAS = [
    # a follow word after the quote, or a formula verb shortly before it
    ("省委对全面加强“三支队伍”建设作出部署。", ["三支队伍"], []),
    ("“一核一带一区”区域发展格局加快形成，“一核一带一区”战略深入实施。", ["一核一带一区"], []),
    ("成渝两地共同推动“六张网”建设。", ["六张网"], []),
    ("全省推动“十大产业”加快集聚发展。", ["十大产业"], []),
    ("甘肃省提出了“四强”行动的创新举措。", ["四强行动"], []),
    # political formulas and sizes are not programmes: no follow word, no formula verb
    ("要增强“四个意识”、坚定“四个自信”、做到“两个维护”。", [], ["四个意识", "四个自信", "两个维护"]),
    ("全县种植面积达“万亩千亩”级规模。", [], ["万亩千亩"]),
    ("他说，这是“三句话”的道理。", [], ["三句话"]),
]



def programme_spans(text: str) -> dict[str, set[str]]:
    """Each programme's label (quote marks dropped) with the surface forms of its mentions."""
    g = document(text)
    out = {}
    for e in g.entities:
        if e.cls == "Programme":
            out[e.label.replace("“", "").replace("”", "")] = {n.replace("“", "").replace("”", "") for n in e.aliases}
    return out


REFERENCES = [
    # the last words of the core and the head, after a boundary: the same programme
    ("四川省全面实施“天府粮仓建设提质”行动。今年是提质行动的关键之年，各地把提质行动与乡村振兴结合起来。",
     "天府粮仓建设提质行动", "提质行动"),
    ("甘肃省深入实施“强科技提能级”工程。推进提能级工程，全省新增高新技术企业300家。",
     "强科技提能级工程", "提能级工程"),
]


@pytest.mark.parametrize("text,full,short", REFERENCES)
def test_short_references(text, full, short):
    got = programme_spans(text)
    assert full in got and short in got[full], got
    assert short not in got, got


NOT_REFERENCES = [
    # a generic last word (建设), or a word right before the short form that is not a boundary
    ("河南省实施“豫见乡村建设”工程。县里的水利建设工程进展顺利。", "建设工程"),
    ("广东省推进“产业园区提速”工程。某企业完成设备提速工程改造。", "提速工程"),
]


@pytest.mark.parametrize("text,short", NOT_REFERENCES)
def test_no_short_reference(text, short):
    got = programme_spans(text)
    assert all(short not in forms for forms in got.values()) and short not in got, got


ENUMERATIONS = [
    # a verb every item opens with is part of the names; one only the first item opens with is not
    ("成都市启动“三大攻坚行动”，即提升营商环境攻坚行动、提升城市能级攻坚行动和提升生态品质攻坚行动。",
     ["提升营商环境攻坚行动", "提升城市能级攻坚行动", "提升生态品质攻坚行动"], []),
    ("南宁市实施“两大工程”，即实施城乡供水一体化工程和农村公路提档升级工程，惠及群众。",
     ["城乡供水一体化工程", "农村公路提档升级工程"], ["实施城乡供水一体化工程"]),
    ("兰州市推进“四项改革”，包括：国企混合所有制改革、要素市场化配置改革、投融资体制改革及科技成果转化改革。",
     ["国企混合所有制改革", "要素市场化配置改革", "科技成果转化改革"], []),
    # items with no head word are not programmes
    ("郑州市聚焦“三个重点”，即产业、人才和环境，持续发力。", [], ["产业", "人才"]),
]



PLAIN_WORDS = [
    # a count of plain things, a formula of everyday words, a short 化 word, a predicate made an attribute
    ("县里建立“5张清单”，明确责任。", [], ["5张清单"]),
    ("市政务服务中心推行“线上+线下”融合办理。", [], ["线上+线下"]),
    ("佛山市推进重点项目审批“便利化”、服务“精准化”。", [], ["便利化", "精准化"]),
    ("绵阳市打造“群众满意”的政务服务环境。", [], ["群众满意"]),
    # a noun before 的 is a programme's possessor, not an attribute: still a programme
    ("宜宾市扩大“企情直通车”的服务范围。", ["企情直通车"], []),
    ("开封市推行“一码通办”，方便群众。", ["一码通办"], []),
]



MISTAGGED = [
    # a coined name the tagger cut into a person or a place that is none
    ("全省扎实开展和美乡村建设行动。", ["和美乡村建设行动"], []),
    ("近年来，宝鸡依托秦创原创新驱动平台，推动钛产业向高端化迈进。", ["秦创原创新驱动平台"], []),
    # a zone the tagger found is a place, not a piece of a name
    ("甘肃省依托兰州新区平台，推进产业集聚。", [], ["兰州新区平台"]),
]



PLAIN = [
    # a head the tagger took for a verb (强省会|行动/v) ends the item all the same
    ("甘肃省全面实施强科技行动、强工业行动、强省会行动、强县域行动。",
     ["强科技行动", "强工业行动", "强省会行动", "强县域行动"], []),
    # a body's strategy: the name starts after the body (服务省委|人才强省战略)
    ("打出一套组合拳，服务省委人才强省战略。", ["人才强省战略"], ["省委人才强省战略"]),
    ("全面落实县委工业强县战略，推动高质量发展。", ["工业强县战略"], []),
    # one or two verbs right before the head belong to the name, even a clause verb (提升)
    ("全市扎实推进农村人居环境整治提升五年行动。", ["农村人居环境整治提升五年行动"], []),
    ("推进城乡供水一体化，实施农村饮水安全巩固提升工程。", ["农村饮水安全巩固提升工程"], []),
    # a special campaign named by its quote (programme_heads.txt 专项整治, 专项治理)
    ("市场监管局开展“铁拳”专项整治，查处违法案件50起。", ["铁拳专项整治"], []),
    # 新一轮 may open a name
    ("山东省实施新一轮技术改造升级工程，推动企业设备更新。", ["新一轮技术改造升级工程"], []),
    ("四川省实施新一轮农村人居环境整治提升行动。", ["新一轮农村人居环境整治提升行动"], []),
]



LISTS = [
    # a list a kind of digital application closes: every item; the first after the word that bounds it
    ("成都市上线天府蓉易办、蓉e行等政务数字应用，方便群众办事。", ["天府蓉易办", "蓉e行"], ["上线天府蓉易办"]),
    ("广东省推出粤省事、粤商通、粤政易等小程序，服务企业群众。", ["粤省事", "粤商通", "粤政易"], []),
    # examples after a kind
    ("报告分析了多个数字应用，如贵州政务服务网、黔系列小程序、贵商易等。", ["贵州政务服务网", "黔系列小程序", "贵商易"], []),
    # a kind of measure or platform: only the quoted items; zones and plain items stay out
    ("郑州市形成了企业服务中心、“郑好办”、“企业吹哨”等一批创新举措。", ["郑好办", "企业吹哨"], ["企业服务中心"]),
    ("提升高新区、经开区等平台能级，推进产业集聚。", [], ["高新区", "经开区", "提升高新区"]),
    # 应用 alone is the use of a technology: its list names technologies, not programmes
    ("推动人工智能、大数据、区块链等新技术应用，赋能传统产业。", [], ["人工智能", "大数据", "区块链"]),
    ("新技术应用，如人工智能、大数据等。", [], ["人工智能", "大数据"]),
    # a kind of a noun phrase with 的 in between is no list of names (拓展钛材在A、B等领域的应用)
    ("拓展钛材在医疗器械、消费电子、海洋工程等领域的应用。", [], ["消费电子", "海洋工程"]),
]



MORE = [
    # a period between the quote and the head belongs to the name
    ("遵义市开展“强省会”五年行动，推动城市能级提升。", ["强省会五年行动"], []),
    # 其中包括 introduces the items of a counted programme too
    ("我市深入实施“十大工程”，其中包括城市更新提质工程、乡村振兴示范工程。", ["城市更新提质工程", "乡村振兴示范工程"], []),
]



def test_unquoted_repeat_of_a_name_quoted_whole():
    from kg.extract.recognise import recognise
    from kg.extract.resources import resources
    from kg.records import Document
    from kg.text.sentences import split_sentences
    text = "湛江市扎实推进“百千万工程”，今年是百千万工程的攻坚之年。县里的水利工程进展顺利。"
    ms = recognise(Document("d", "d.txt", text), split_sentences(text, "d"), resources())
    got = [(m.text, m.canonical) for m in ms if m.cls == "Programme"]
    assert ("百千万工程", "“百千万工程”") in got, got
    assert not any(t == "水利工程" for t, _ in got), got


GUARDS = [
    # political formulas after 聚焦/围绕 are no programmes
    ("要聚焦“两个维护”加强党的政治建设，围绕“两个确立”抓好落实。", [], ["两个维护", "两个确立"]),
    # “16”即…: a code explained by a count or a clause, not items named in full
    ("“16”即新一轮16项专项行动，“7”即7个专项小组对应领域的重点改革。", [], ["新一轮16项专项行动", "7个专项小组对应领域的重点改革"]),
    # the first item of a list starts after the place and verb before it
    ("据悉，贵州建设黔医云服务、名医数字孪生机器人等数字应用。", ["黔医云服务", "名医数字孪生机器人"], ["贵州建设黔医云服务"]),
]


# every table above, by its kind: one test reads them all (each case: text, names found, names not found)
TABLES = {"pilots": PILOTS, "formulas": FORMULAS, "enumerations": ENUMERATIONS, "plain_words": PLAIN_WORDS,
          "mistagged": MISTAGGED, "plain": PLAIN, "lists": LISTS, "more": MORE, "guards": GUARDS}


@pytest.mark.parametrize("text,found,absent", [pytest.param(*case, id=f"{kind}-{i}")
                                               for kind, cases in TABLES.items() for i, case in enumerate(cases)])
def test_programmes_found_and_not(text, found, absent):
    """Each case: the programme names the recognisers must find in the text, and those they must not."""
    got = programmes(text)
    for name in found:
        assert name in got, (name, got)
    for name in absent:
        assert name not in got, (name, got)
