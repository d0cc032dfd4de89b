"""Each relation rule and pass alone on a short text of its own (kg.extract.extract_text with a Pipeline
that runs only that rule or pass): the fact it must find, and one it must not. The texts are written
for these tests in the patterns of government news; no corpus build."""
from __future__ import annotations

import pytest
from sentence import document, without

from kg.extract.registry import Pipeline, get
from kg.extract.relation_context import Candidate, RelationContext
from kg.extract.relation_passes import list_siblings, prune
from kg.extract.relations import rules_only
from kg.records import EntityKey


def facts(text: str, pipeline: Pipeline | None = None) -> set[tuple[str, str, str]]:
    """(subject label, predicate, object label) of every relation of the text."""
    lab = lambda k: EntityKey.parse(k).label  # noqa: E731
    return {(lab(r.subject), r.predicate, lab(r.object)) for r in document(text, pipeline).relations}


RULES = [
    # rule, text, a fact it finds, a fact it must not find
    ("names", "嵊州市人社局召开会议。",
     ("嵊州市人力资源和社会保障局", "locatedIn", "嵊州市"), ("嵊州市", "locatedIn", "嵊州市人力资源和社会保障局")),
    ("names", "嵊州市签约贝达(嵊州)创新药产业化基地项目。",
     ("贝达", "develops", "贝达(嵊州)创新药产业化基地项目"), ("嵊州市", "develops", "贝达(嵊州)创新药产业化基地项目")),
    ("adjacent", "嵊州市三界镇召开会议。",
     ("三界镇", "partOf", "嵊州市"), ("嵊州市", "partOf", "三界镇")),
    ("sited", "浙江星耀纺机有限公司落户嵊州市。",
     ("浙江星耀纺机有限公司", "locatedIn", "嵊州市"), ("浙江星耀纺机有限公司", "locatedIn", "浙江省")),
    ("sited", "浙江甲乙半导体科技有限公司是诸暨市引进的重点企业。",
     ("浙江甲乙半导体科技有限公司", "locatedIn", "诸暨市"), ("浙江甲乙半导体科技有限公司", "locatedIn", "浙江省")),
    ("acts", "嵊州市深入实施“千万工程”。",
     ("嵊州市", "implements", "千万工程"), ("千万工程", "implements", "嵊州市")),
    ("nests", "嵊州市以“数字化改革”牵引“共同富裕示范区建设”。",
     ("数字化改革", "subProgrammeOf", "共同富裕示范区建设"), ("共同富裕示范区建设", "subProgrammeOf", "数字化改革")),
    ("companies", "浙江甲乙科技有限公司的母公司是浙江丙丁集团有限公司。",
     ("浙江甲乙科技有限公司", "subsidiaryOf", "浙江丙丁集团有限公司"),
     ("浙江丙丁集团有限公司", "subsidiaryOf", "浙江甲乙科技有限公司")),
    ("companies", "浙江丙丁集团有限公司旗下浙江甲乙科技有限公司实现投产。",
     ("浙江甲乙科技有限公司", "subsidiaryOf", "浙江丙丁集团有限公司"),
     ("浙江丙丁集团有限公司", "subsidiaryOf", "浙江甲乙科技有限公司")),
    ("policies", "嵊州市人民政府印发《嵊州市营商环境优化提升行动方案》。",
     ("嵊州市营商环境优化提升行动方案", "issuedBy", "嵊州市人民政府"),
     ("嵊州市人民政府", "implements", "嵊州市营商环境优化提升行动方案")),
    ("policies", "嵊州市贯彻落实《浙江省营商环境优化提升行动方案》。",
     ("嵊州市", "implements", "浙江省营商环境优化提升行动方案"),
     ("浙江省营商环境优化提升行动方案", "issuedBy", "嵊州市")),
    ("pilots", "磐安县作为全国“千万工程”试点，成效明显。",
     ("磐安县", "implements", "千万工程"), ("千万工程", "implements", "磐安县")),
]


@pytest.mark.parametrize("rule, text, found, absent", RULES, ids=[f"{r[0]}-{i}" for i, r in enumerate(RULES)])
def test_rule_alone(rule, text, found, absent):
    alone = facts(text, rules_only(rule))
    assert found in alone, alone
    assert absent not in alone
    assert found not in facts(text, rules_only())          # no rule, no fact


@pytest.mark.parametrize("rule, text, absent", [
    ("sited", "浙江星耀纺机有限公司离开嵊州市。", ("浙江星耀纺机有限公司", "locatedIn", "嵊州市")),   # no settling verb
    ("acts", "来自嵊州市的专家介绍了“千万工程”。", ("嵊州市", "implements", "千万工程")),    # a locative, no subject
    ("pilots", "磐安县介绍“千万工程”经验。", ("磐安县", "implements", "千万工程")),           # no 作为…试点
    ("names", "苏州大学嵊州研究院召开会议。", ("苏州大学嵊州研究院", "locatedIn", "嵊州市")),  # the university's name
])
def test_rule_does_not_fire(rule, text, absent):
    assert absent not in facts(text, rules_only(rule))


PASSES = [
    # pass, rules run before it, text, a fact it finds, a fact it must not find
    ("hierarchy", (), "嵊州市和绍兴市召开会议。",
     ("嵊州市", "partOf", "绍兴市"), ("绍兴市", "partOf", "嵊州市")),
    ("enumerations", (), "实施“产业提升行动”，推动发展。\n\n举办“百场万企”活动。打响“浙江制造”品牌。",
     ("百场万企", "subProgrammeOf", "产业提升行动"), ("浙江制造", "subProgrammeOf", "产业提升行动")),
    ("topic-subjects", (), "嵊州市召开会议。深入实施“千万工程”。",
     ("嵊州市", "implements", "千万工程"), ("千万工程", "implements", "嵊州市")),
]


@pytest.mark.parametrize("name, rules, text, found, absent", PASSES, ids=[p[0] for p in PASSES])
def test_pass_alone(name, rules, text, found, absent):
    alone = facts(text, rules_only(*rules, passes=(name,)))
    assert found in alone, alone
    assert absent not in alone
    assert found not in facts(text, rules_only(*rules))


def test_hierarchy_needs_one_sentence_naming_both():
    assert ("嵊州市", "partOf", "绍兴市") not in facts("嵊州市召开会议。绍兴市召开会议。", rules_only(passes=("hierarchy",)))


def test_topic_is_no_company():
    """A company that opens the paragraph is no topic for the subject-less sentence after it."""
    found = facts("浙江甲乙科技有限公司召开会议。深入实施“千万工程”。", rules_only(passes=("topic-subjects",)))
    assert not any(p == "implements" for _, p, _ in found)


def test_list_siblings_extends_a_fact_to_the_list():
    ctx = RelationContext.of_text("嵊州市推出“企情日记”、“民情日记”等服务。")
    one = Candidate("Locality/嵊州市", "implements", "Programme/企情日记", 0, 0.7, "subject-verb")
    made = [(c.subject, c.predicate, c.object, c.rule) for c in list_siblings(ctx, {one.fact: one})]
    assert made == [("Locality/嵊州市", "implements", "Programme/民情日记", "list")]
    # a programme that is not listed with it gets nothing
    ctx = RelationContext.of_text("嵊州市推出“企情日记”，又发布“民情日记”。")
    assert list(list_siblings(ctx, {one.fact: one})) == []


def test_prune_keeps_the_most_specific_place():
    c = lambda s, p, o: Candidate(s, p, o, 0, 0.8, "example")  # noqa: E731
    best = {x.fact: x for x in (c("X", "locatedIn", "三界镇"), c("X", "locatedIn", "嵊州市"), c("三界镇", "partOf", "嵊州市"))}
    assert set(prune(best)) == {("X", "locatedIn", "三界镇"), ("三界镇", "partOf", "嵊州市")}


def test_passes_state_their_keep_condition():
    keeps = {name: get("relation-pass", name).keep for name in Pipeline.default().relation_passes}
    assert keeps == {"hierarchy": "not-implied", "enumerations": "not-reversed", "topic-subjects": "new",
                     "list-siblings": "new", "numbered-parts": "not-reversed"}


def test_default_pipeline_runs_every_rule_in_order():
    d = Pipeline.default()
    assert d.relation_rules == ("names", "adjacent", "sited", "acts", "nests", "companies", "policies", "pilots",
                                "parts")
    assert [c.kind for c in d.components("relation-rule")] == ["relation-rule"] * 9
    assert all(c.data for c in d.components("relation-rule"))      # each names the data files it reads


def test_posts():
    g = document("嵊州市商务局发展科科长李强说，外贸回暖。")
    assert [(p.person, p.title, p.org) for p in g.posts] == [("Person/李强", "发展科科长", "GovernmentBody/嵊州市商务局")]
