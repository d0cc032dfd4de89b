"""Sentence tests of the recognition components: each registered recogniser and mention pass on a
short sentence of its own, what it finds and what it must not find."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import recognise as R
from kg.extract.registry import DEFAULT, Pipeline, registered
from kg.records import Mention
from tests.sentence import names, only

DATA = Path(__file__).resolve().parent.parent / "data"


def found(recogniser, text: str) -> set[tuple[str, str]]:
    """(text, class) of what one recogniser finds in the text."""
    return {(m.text, m.cls) for m in recogniser(R.context(text))}


# ---- the registry ---------------------------------------------------------------------------

def test_default_pipeline_names_registered_components():
    DEFAULT.check()
    assert [c.name for c in DEFAULT.components("recogniser")] == list(DEFAULT.recognisers)
    assert DEFAULT.mention_passes[:3] == ("well-formed", "anonymous", "select")


@pytest.mark.parametrize("c", registered("recogniser") + registered("mention-pass"), ids=lambda c: c.name)
def test_components_say_what_they_do_and_read(c):
    assert c.summary.endswith(".")                  # a whole sentence: kg build --rules prints it
    for path in c.data:
        assert (DATA / path).exists() or path.startswith("user/"), path


def test_recognise_runs_the_pipelines_passes():
    text = "三界镇经发办负责人参加。"
    # without the select pass, the place inside the body's name stays as a second mention
    bare = Pipeline(recognisers=("place-bodies", "gazetteer"))
    full = Pipeline(recognisers=("place-bodies", "gazetteer"), mention_passes=("select",))
    doc = R.context(text)
    assert {m.text for m in R.recognise(doc.doc, doc.sentences, doc.res, pipeline=bare)} == {"三界镇经发办", "三界镇"}
    assert {m.text for m in R.recognise(doc.doc, doc.sentences, doc.res, pipeline=full)} == {"三界镇经发办"}


# ---- recognisers --------------------------------------------------------------------------

def test_known():
    got = found(R.known_names, "国务院办公厅和中国人民银行联合发文，中国网报道了内蒙古的消息。")
    assert ("国务院办公厅", "GovernmentBody") in got and ("中国人民银行", "GovernmentBody") in got
    assert not any(t == "中国" for t, _ in got)            # not on the tagger's word boundaries (中国网)


def test_known_abbreviations():
    got = found(R.known_names, "省委召开会议。")
    assert ("省委", "GovernmentBody") in got


def test_programmes():
    got = found(R.programmes, "全市深入实施“两进两回”行动，为“亲清”工坊点赞，他说“这是好事”。")
    assert ("“两进两回”行动", "Programme") in got
    assert ("“亲清”工坊", "Company") in got
    assert not any("好事" in t for t, _ in got)               # a quoted remark is no programme


def test_programmes_framed():
    assert ("“两山”", "Programme") in found(R.programmes, "以“两山”为牵引，推动发展。")
    assert not found(R.programmes, "他以“两山”为题发言。")


def test_programmes_time_limits_are_not_programmes():
    assert not found(R.programmes, "全面推行“2小时、24小时、3天”办结制。")


def test_policy_documents():
    got = found(R.policy_documents, "浙江省人民政府印发《浙江省数字经济促进条例》，大家读了《红楼梦》。")
    assert got == {("《浙江省数字经济促进条例》", "PolicyDocument")}


def test_policy_documents_issued_titles():
    got = found(R.policy_documents, "县里出台农村产权交易管理办法和村级工程项目管理办法。")
    assert got == {("农村产权交易管理办法", "PolicyDocument"), ("村级工程项目管理办法", "PolicyDocument")}
    assert not found(R.policy_documents, "县里研究农村产权交易管理办法。")     # 研究 issues nothing


def test_policy_documents_bare_titles():
    assert found(R.policy_documents, "县里依据浙江省优化营商环境条例开展工作。") == {("浙江省优化营商环境条例", "PolicyDocument")}
    assert not found(R.policy_documents, "浙江省印发优化营商环境促进条例。")      # an issuing verb is no title's part
    # 实施 ends a title's left edge, except in 实施方案
    assert found(R.policy_documents, "嵊州市数字经济发展实施方案正式公布。") == {("嵊州市数字经济发展实施方案", "PolicyDocument")}
    assert not found(R.policy_documents, "嵊州市实施数字经济发展行动方案。")


def test_plain_programmes():
    got = found(R.plain_programmes, "嵊州市深入推进政务服务增值化改革，加快营商环境改革。")
    assert ("政务服务增值化改革", "Programme") in got
    assert not any(t == "营商环境改革" for t, _ in got)         # a topic, not a programme


def test_projects():
    got = found(R.projects, "浙江华源科技新能源电池生产基地项目正式投产，重点项目进展顺利。")
    assert ("浙江华源科技新能源电池生产基地项目", "Project") in got
    assert not any(t.startswith("重点") for t, _ in got)


def test_projects_stop_at_a_clause_verb():
    assert found(R.projects, "嵊州市引进华源科技电池项目。") == {("华源科技电池项目", "Project")}
    assert found(R.projects, "园区拥有华源科技电池项目。") == {("华源科技电池项目", "Project")}


def test_suffix():
    got = found(R.suffix_chunks, "三界镇经济发展办公室联合县卫生健康局开展培训，技能培训学校参加。")
    assert ("三界镇经济发展办公室", "GovernmentBody") in got
    assert not any(t.endswith("学校") for t, _ in got)          # a kind of organisation


def test_suffix_stops_at_relation_words():
    got = found(R.suffix_chunks, "嵊州市旗下浙江华源实业有限公司投产。")
    assert got == {("浙江华源实业有限公司", "Company")}           # not 嵊州市旗下浙江华源实业有限公司


def test_place_bodies():
    got = found(R.place_bodies, "嵊州市人社局和三界镇经发办负责人参加。")
    assert got == {("嵊州市人社局", "GovernmentBody"), ("三界镇经发办", "GovernmentBody")}
    assert found(R.place_bodies, "省防指发布预警。") == {("省防指", "GovernmentBody")}
    assert not found(R.place_bodies, "嵊州市在全省率先推行。")


def test_lists():
    got = found(R.listed_names, "园区拥有昂利康、长鸿生物、康牧药业等重点医药化工企业，种植水稻、小麦、玉米等作物。")
    assert got == {("昂利康", "Company"), ("长鸿生物", "Company"), ("康牧药业", "Company")}
    # 企业家: a list of people, not of companies (list_kinds.txt, field 3)
    assert not found(R.listed_names, "座谈会上，周明远、许晓岚、邓国庆等企业家代表发言。")


def test_tagger():
    got = found(R.tagger_names, "县长王琴英到浙江长鸿生物科技有限公司调研。")
    assert ("王琴英", "Person") in got and ("浙江长鸿生物科技有限公司", "Company") in got
    assert not any(t.startswith("县长") for t, _ in got)


def test_gazetteer():
    got = found(R.gazetteer, "嵊州市三界镇和甘霖镇的干部，在开发区工作。")
    assert {("嵊州市", "Locality"), ("三界镇", "Locality"), ("甘霖镇", "Locality")} <= got
    assert not any(t == "开发区" for t, _ in got)              # a kind of place, not the township


def test_gazetteer_listed_short_forms():
    got = found(R.gazetteer, "德清县新市、钟管等乡镇。")
    assert {("新市", "Locality"), ("钟管", "Locality")} <= got
    assert not found(R.gazetteer, "新市场、新业态不断涌现。")


def test_bylines():
    got = found(R.bylines, "本刊记者 张伟\n今天有德者 前程远\n王芳 摄")
    assert got == {("张伟", "Person"), ("王芳", "Person")}


def test_bylines_through_the_pipeline():
    assert ("Person", "张伟") in names("本刊记者 张伟\n会议召开。", only("bylines"))
    assert not names("他对记者说，会议召开。", only("bylines"))


# ---- mention passes ------------------------------------------------------------------------

def mention(ctx, text: str, cls: str, source: str = "suffix", score: float = 0.7, nth: int = 0) -> Mention:
    """A mention of the nth occurrence of `text` in the context's document."""
    start = -1
    for _ in range(nth + 1):
        start = ctx.doc.text.index(text, start + 1)
    si = next(i for i, s in enumerate(ctx.sentences) if s.start <= start < s.end)
    return Mention(text, start, start + len(text), cls, si, source, score)


def test_well_formed():
    ctx = R.context("浙江省经信厅联合省教育厅发文，县人社局牵头技师学院开展培训。")
    joined = mention(ctx, "浙江省经信厅联合省教育厅", "GovernmentBody")
    verb = mention(ctx, "县人社局牵头技师学院", "Organization")
    out = R.well_formed_names(ctx, [joined, verb])
    assert [(m.text, m.start) for m in out] == [("省教育厅", joined.start + 8)]


def test_well_formed_government_of_a_place():
    ctx = R.context("嵊州市人民政府推动制造精品政府首购。")
    good, bad = mention(ctx, "嵊州市人民政府", "GovernmentBody"), mention(ctx, "制造精品政府", "GovernmentBody")
    assert R.well_formed_names(ctx, [good, bad]) == [good]


def test_anonymous():
    ctx = R.context("宁波某砂石公司违规开采，砂石公司被处罚，华源公司没有。")
    first, again = mention(ctx, "砂石公司", "Company"), mention(ctx, "砂石公司", "Company", nth=1)
    other = mention(ctx, "华源公司", "Company")
    ctx.recognised = [first, again, other]
    assert R.anonymous_names(ctx, [first, again, other]) == [other]


def test_select():
    ctx = R.context("嵊州市人民政府召开会议。")
    body = mention(ctx, "嵊州市人民政府", "GovernmentBody")
    place = mention(ctx, "嵊州市", "Locality", source="divisions")
    assert R.select_longest(ctx, [place, body]) == [body]
    lac = mention(ctx, "嵊州市", "Organization", source="lac")
    assert R.select_longest(ctx, [lac, place]) == [place]          # equal spans: the more reliable source


def test_unsupported_people():
    ctx = R.context("步履徐缓，四周岑寂。王琴英说，项目已开工。")
    word = mention(ctx, "徐缓", "Person", source="lac", score=0.6)
    person = mention(ctx, "王琴英", "Person", source="lac", score=0.8)
    assert R.unsupported_people(ctx, [word, person]) == [person]


def test_people_inside_names():
    ctx = R.context("坚持以邓小平理论为指导。")
    programme = mention(ctx, "邓小平理论", "Programme", source="quote")
    out = R.people_in_programmes(ctx, [programme])
    assert out[0] == programme
    assert [(m.text, m.cls) for m in out[1:]] == [("邓小平", "Person")]
    assert R.people_in_programmes(ctx, [mention(ctx, "邓小平理论", "Company")])[1:] == []


def test_repeated_programmes():
    ctx = R.context("嵊州创新打造“企情日记”品牌。企业为“企情日记”点赞，“好日子”来了。")
    first = mention(ctx, "“企情日记”", "Programme", source="quote")
    out = R.repeated_programmes(ctx, [first])
    assert [(m.text, m.start) for m in out] == [("“企情日记”", first.start),
                                                ("“企情日记”", ctx.doc.text.index("“企情日记”", first.end))]
    assert not any(m.text == "“好日子”" for m in out)


def test_a_specialised_cooperative_is_a_company_and_a_development_zone_abbreviation_a_place():
    # 专业合作社 is a legal form of enterprise (company_suffixes.txt); 经开区 the usual short form of
    # 经济技术开发区 (zone_suffixes.txt)
    got = names("黄冈市罗田县三里畈镇青山茶叶专业合作社带动农户增收。")
    assert ("Company", "黄冈市罗田县三里畈镇青山茶叶专业合作社") in got
    assert ("Locality", "漯河经开区") in names("漯河经开区党工委召开会议。")
