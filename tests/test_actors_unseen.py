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
