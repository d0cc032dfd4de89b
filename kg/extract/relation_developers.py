"""Developers of projects beyond the pattern of the rule `companies` (kg.extract.relation_rules), which
calls the functions here: a clause that names its company by a word pointing back (公司今年还在X村投资建设了
Y项目: rule "developer-anaphor") and two companies that build together (A与B合作，在C建设D项目: rule
"partners"), one that invests an amount and then builds (X公司投资5亿元，在C建设D项目: rule "invests-builds").
The words are in data/lexicon/developer_words.txt (uses verb, particle, anaphor, partner, together, investor,
continues)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from kg.extract.relation_context import Candidate, M, RelationContext, clause_start
from kg.extract.relation_words import alt, words
from kg.extract.resources import Resources, per_resources
from kg.records import Sentence

_GAP = "[^，。；,;]"


@dataclass(frozen=True)
class DevWords:
    """The compiled patterns of the functions here (one set per `Resources`)."""
    anaphor: re.Pattern    # 公司今年还在X村投资建设了: the word pointing back, the verb (to the clause's project)
    partner: re.Pattern    # 与位于北京经开区的: between the first partner and the second
    builds: re.Pattern     # 合作，在廊坊经开区建设: after the second partner, to the project
    invests: re.Pattern    # 投资5亿元，在长春汽开区建设: after the company, an amount invested, then the clause that builds
    by: str                # 由, before the first partner of 项目由A与B共同投资建设
    passive: re.Pattern    # 共同投资建设。: after the second partner of 项目由A与B…, the verb ending the clause
    continues: re.Pattern  # ，将在: a comma after the company, then a word that goes on with it as the subject


@per_resources
def dev_words(res: Resources) -> DevWords:
    """The patterns of these resources, compiled once per resources object.

    >>> from kg.extract.resources import resources
    >>> bool(dev_words(resources()).anaphor.match("公司今年还在桦树沟村投资建设了"))
    True
    """
    def w(use: str) -> str:
        return alt(tuple(sorted(words(res, "developer_words", use), key=len, reverse=True)))
    verb = w("verb") + w("particle") + "?$"
    return DevWords(anaphor=re.compile(w("anaphor") + _GAP + "{0,14}?" + verb),
                    partner=re.compile(w("partner") + _GAP + "{0,16}$"),
                    builds=re.compile(w("together") + "?[，,]?" + _GAP + "{0,16}?" + verb),
                    invests=re.compile(w("investor") + _GAP + "{1,12}[，,]" + _GAP + "{0,16}?" + verb),
                    by=words(res, "developer_words", "by")[0],
                    passive=re.compile(w("together") + "?" + w("verb") + "[，。；,;]"),
                    continues=re.compile("[，,]" + w("continues")))


def anaphor_builds(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """…茶业有限公司总经理胡某说，公司今年还在X村投资建设了Y项目: a clause opening with 公司 (or 该企业…) and
    a developer's verb right before a project: the company named last before the clause (in this sentence or
    the one before, in the paragraph) develops it.

    >>> ctx = RelationContext.of_text("湖南甲乙茶业有限公司负责人说，公司今年在丙丁村投资建设了年产500吨茶叶生产线项目。")
    >>> [(c.subject, c.object) for c in anaphor_builds(ctx, ctx.sentences[0], ctx.by_sentence[0])]
    [('Company/湖南甲乙茶业有限公司', 'Project/年产500吨茶叶生产线项目')]
    """
    text, p, r = ctx.doc.text, dev_words(ctx.res), ctx.resolved
    for x in ms:
        if x.cls != "Project":
            continue
        cs = clause_start(ctx.doc, s, x.start)
        if not p.anaphor.match(text, cs, x.start) or any(o.cls == "Company" and cs <= o.start < x.start for o in ms):
            continue
        prev = sorted((m.end, m.start, k) for m, k in r.mentions if m.cls == "Company" and m.end <= cs
                      and s.index - 1 <= m.sentence <= s.index and ctx.sentences[m.sentence].paragraph == s.paragraph)
        if prev and not (len(prev) > 1 and p.partner.match(text, prev[-2][0], prev[-1][1])):
            yield Candidate(prev[-1][2], "develops", x.key, s.index, 0.6, "developer-anaphor")   # (A与B…。该公司: which?)


def invests_and_builds(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """X公司投资5亿元，在长春市汽开区建设Y项目: the company that invests an amount develops the project the
    next clause builds (no other company between).

    >>> ctx = RelationContext.of_text("吉林甲乙汽车零部件有限公司投资5亿元，在长春市汽开区建设年产50万套汽车座椅项目。")
    >>> [(c.subject, c.object) for c in invests_and_builds(ctx, ctx.sentences[0], ctx.by_sentence[0])]
    [('Company/吉林甲乙汽车零部件有限公司', 'Project/年产50万套汽车座椅项目')]
    """
    text, p = ctx.doc.text, dev_words(ctx.res)
    for i, co in enumerate(ms):
        if co.cls != "Company":
            continue
        x = next((o for o in ms[i + 1:] if o.cls in ("Project", "Company")), None)
        if x is not None and x.cls == "Project" and p.invests.match(text, co.end, x.start):
            yield Candidate(co.key, "develops", x.key, s.index, 0.6, "invests-builds")


def partners(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """A与B合作，在C建设D项目; A联合B投资建设D项目; D项目由A与B共同投资建设: both companies develop the
    project the clause after the second one builds (the verb right before it), or the one named before 由.

    >>> ctx = RelationContext.of_text("河南甲乙股份有限公司与丙丁科技有限公司合作，在郑州市中牟县建设年产10万台智能装备项目。")
    >>> sorted(c.subject for c in partners(ctx, ctx.sentences[0], ctx.by_sentence[0]))
    ['Company/丙丁科技有限公司', 'Company/河南甲乙股份有限公司']
    """
    text, p = ctx.doc.text, dev_words(ctx.res)
    comps = [x for x in ms if x.cls == "Company"]
    for a, b in zip(comps, comps[1:]):
        if a.key == b.key or not p.partner.match(text, a.end, b.start):
            continue
        x = next((o for o in ms if o.start >= b.end and o.cls in ("Project", "Company")), None)
        if not (x is not None and x.cls == "Project" and p.builds.match(text, b.end, x.start)):
            # 该项目由A与B共同投资建设。: the project named last before
            by = text[a.start - len(p.by):a.start] == p.by and p.passive.match(text, b.end, s.end)
            x = next((o for o in reversed(ms) if o.cls == "Project" and o.end <= a.start), None) if by else None
        if x is not None:
            yield Candidate(a.key, "develops", x.key, s.index, 0.6, "partners")
            yield Candidate(b.key, "develops", x.key, s.index, 0.6, "partners")


def subject_gap(ctx: RelationContext, gap: str) -> str:
    """The words between a company and a project with a comma the company's clause goes on after removed
    (X科技有限公司，将在Y建设: the company is the subject of 将在Y建设); else the gap as it is.

    >>> from kg.extract.resources import resources
    >>> ctx = RelationContext.of_text("甲。")
    >>> subject_gap(ctx, "，将在天津滨海高新区建设"), subject_gap(ctx, "，滨海高新区建设")
    ('将在天津滨海高新区建设', '，滨海高新区建设')
    """
    return gap[1:] if dev_words(ctx.res).continues.match(gap) else gap
