"""Relations on text in the style of other provinces (issue 21, items 3 and 4): companies, projects and
places; issuers. Each sentence is written for these tests; each case names a fact the rule must find and
one it must not."""
from __future__ import annotations

import pytest
from sentence import document

from kg.extract.relations import rules_only
from kg.records import EntityKey


def facts(text: str, *rules: str) -> set[tuple[str, str, str]]:
    """(subject label, predicate, object label) of every relation of the text (only these rules, if given)."""
    lab = lambda k: EntityKey.parse(k).label.split("@")[0]  # noqa: E731
    pipeline = rules_only(*rules) if rules else None
    return {(lab(r.subject), r.predicate, lab(r.object)) for r in document(text, pipeline).relations}


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
    # a body that only applies a document issued by another is no issuer
    ("县政府认真贯彻省政府印发的《湖北省乡村振兴促进条例》。",
     [("湖北省乡村振兴促进条例", "issuedBy", "省政府")], [("湖北省乡村振兴促进条例", "issuedBy", "县政府")]),
]


@pytest.mark.parametrize("text,must,must_not", ISSUERS)
def test_issuers(text, must, must_not):
    got = facts(text, "policies")
    for f in must:
        assert f in got, (f, got)
    for f in must_not:
        assert f not in got, (f, got)
