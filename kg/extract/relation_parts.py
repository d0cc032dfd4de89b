"""Parts of programmes (kg:subProgrammeOf): the relation rule `parts` and the relation pass `numbered-parts`.

A programme is part of another when the text says so: 作为A的重要内容，B; A是B的重要抓手; 以A、B为抓手，深入
实施C; a list before or after a counted name (A、B、C“五大活动”; “三大行动”，即A、B和C); the numbered items
of an announced count (提标工程将重点实施四项子行动 … 一是开展A。二是实施B。); a system named by a coded
formula and another programme's stem (“1+6”全员人才政策体系 of “全员人才”计划). The words are in
data/lexicon/programme_links.txt (their uses are listed at the end of that file).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterator

from kg.extract.registry import component
from kg.extract.relation_context import Candidate, M, RelationContext, clause_start
from kg.extract.relation_words import DE, alt, words
from kg.extract.resources import Resources, per_resources
from kg.records import EntityKey, Sentence

Key = tuple[str, str, str]
_DATA = ("lexicon/programme_links.txt", "lexicon/list_words.txt", "lexicon/programme_verbs.txt")
_STOP = "，。；,;"


@dataclass(frozen=True)
class PartWords:
    """The compiled patterns of the two components (one set per `Resources`)."""
    as_lead: re.Pattern        # 作为 before A (a few words between: 作为全省…)
    as_anaphor: re.Pattern     # 作为试点的重要内容，: a programme named before by its head word
    as_part: re.Pattern        # after A: 的重要内容，
    this_head: re.Pattern      # 这项改革 opening a sentence (after a few words of time)
    listed_as: re.Pattern      # after a list: 等一批创新性举措
    this_part: re.Pattern      # before B: 作为其中重要一环的
    copula: re.Pattern         # between A and B: 是推进
    into: re.Pattern           # between A and B: 纳入
    after_part: re.Pattern     # after B: 建设的重要抓手
    support: re.Pattern        # 以 … 为抓手
    list_gap: re.Pattern       # between two items of a list
    counted: re.Pattern        # a counted name: 三大行动, 五项举措
    counted_in: re.Pattern     # a count inside a name: 乡村振兴六大行动
    intro: re.Pattern          # between a counted name and its items: ，即
    include: re.Pattern        # between any programme and its items: 包括
    within: re.Pattern         # between A and B of A中的B
    one_of: re.Pattern         # after a “1+N” system or its “1”: 中的“1”, 这个“1”
    made: re.Pattern           # before a document made inside a numbered item: 制定
    etc: re.Pattern            # between the items and their counted name: 等
    announce: re.Pattern       # 四项子行动 (ending where a hint ends)
    announce_hint: re.Pattern  # 项子行动: a fast first look for an announcement
    ordinals: tuple[tuple[str, ...], ...]  # the series of numbers: (一是, 二是, …), (（一）, （二）, …), …
    verbs: re.Pattern          # a programme verb
    formula: re.Pattern        # a coded formula in a name: 1+6, 1+N, 2+12+X
    heads: tuple[str, ...]     # programme head words, longest first (政策体系, 体系, 计划)
    guide: tuple[str, ...]     # 为牵引 right after A of 以A为牵引，推行B: no part (rule nests)
    among: re.Pattern          # between a counted name (or one with a kind head: 行动) and an item: ，其中
    kinds: tuple[str, ...]     # the head words that make a distinct programme (行动, 工程, 战略: programme_heads kind)
    refer: re.Pattern          # 该行动主要包括: a head word pointing back before 包括
    as_its: re.Pattern         # after B: 作为其重要内容 (B is part of the programme named before)




def part_words(res: Resources) -> PartWords:
    """The patterns of these resources, compiled once per resources object.

    >>> from kg.extract.resources import resources
    >>> p = part_words(resources())
    >>> p is part_words(resources()), bool(p.counted.match("三大行动")), bool(p.counted.match("一网通办"))
    (True, True, False)
    """
    return _compile(res)


@per_resources
def _compile(res: Resources) -> PartWords:
    def w(use: str) -> tuple[str, ...]:
        return tuple(sorted(words(res, "programme_links", use), key=len, reverse=True))

    def chars(use: str) -> str:        # one-character words as a character class (much faster than an alternation)
        return "[" + "".join(map(re.escape, w(use))) + "]"

    as_word = words(res, "programme_links", "as")[0]
    part = alt(w("as-part"))
    number = "(?:" + chars("numeral") + "+|[0-9]+)"
    stop = "[^" + _STOP + "“”]"
    return PartWords(
        as_lead=re.compile(as_word + stop + "{0,4}$"),
        as_anaphor=re.compile(as_word + alt(w("this")) + "?(?P<head>[\u4e00-\u9fff]{2,4}?)" + DE + stop + "{0,4}?" + part
                              + "[，,]"),
        as_part=re.compile(stop + "{0,6}?" + DE + part + "[，,]"),
        this_head=re.compile("[^" + _STOP + "]{0,6}[，,]?" + alt(w("this")) + "(?P<head>[\u4e00-\u9fff]{2})"),
        listed_as=re.compile(alt(w("etc")) + stop + "{0,8}?" + part),
        this_part=re.compile(as_word + alt(w("this")) + stop + "{0,4}?" + part + DE + "$"),
        into=re.compile(alt(w("into"))),
        copula=re.compile("^" + alt(w("copula")) + stop + "{0,6}$"),
        after_part=re.compile(stop + "{0,4}?" + DE + part),
        support=re.compile(alt(w("support-open")) + "(?P<items>[^" + _STOP + "]{2,80}?)" + alt(w("support-copula"))
                           + "(?:" + alt(w("support")) + "|(?P<content>" + "|".join(w("content")) + ")" + DE + ")"),
        list_gap=re.compile(r"\s*(?:" + "|".join(map(re.escape, words(res, "list_words"))) + r")\s*"),
        counted_in=re.compile(number + chars("counted")),
        counted=re.compile("^(?:" + number + chars("counted") + "|" + chars("counts-alone") + ")"),
        intro=re.compile("[，,：:]?" + alt(w("intro")) + "[：:]?$"),
        include=re.compile("[，,：:]?" + alt(w("include")) + "[：:]?$"),
        within=re.compile(alt(w("within")) + "$"),
        one_of=re.compile(alt(w("one")) + "[“\"]?1[”\"]"),
        made=re.compile(alt(w("made")) + "$"),
        etc=re.compile(alt(w("etc")) + "?$"),
        announce=re.compile("(?:" + number + chars("counted") + "|" + chars("counts-alone") + ")" + alt(w("sub-count"))
                            + "$"),
        announce_hint=re.compile("[" + "".join(map(re.escape, w("counted") + w("counts-alone"))) + "]"
                                 + alt(w("sub-count"))),
        ordinals=tuple(words(res, "programme_links", u) for u in ("ordinal", "ordinal-bracket", "ordinal-heading",
                                                                  "ordinal-first", "ordinal-number")),
        verbs=re.compile(alt(res.programme_verbs)),
        formula=re.compile(r"[0-9NnXx]+(?:\+[0-9NnXx]+)+"),
        heads=tuple(sorted(res.programme_heads, key=len, reverse=True)),
        guide=w("guide"),
        kinds=tuple(h for h, k in res.programme_heads.items() if k == "kind"),
        among=re.compile("[，,]" + alt(w("among")) + "[，,]?"),
        as_its=re.compile(as_word + alt(w("this")) + stop + "{0,4}?" + part),
        refer=re.compile(alt(w("refer")) + "(?P<head>[\u4e00-\u9fff]{2})" + stop + "{0,3}?" + alt(w("include"))
                         + "[：:]?"),
    )


@component("relation-rule", "parts", data=_DATA + ("lexicon/programme_heads.txt",))
def parts(ctx: RelationContext, s: Sentence, ms: list[M]) -> Iterator[Candidate]:
    """Parts of programmes a sentence states: 作为A的重要内容，B; 作为其中一环的B; A是B的重要抓手;
    以A、B为抓手，实施C; A、B“两大行动”; “三大行动”，即A、B和C; 把A纳入B; “1+6”全员人才政策体系 of “全员人才”计划
    (rules "as-part", "support", "counted", "formula").

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> g = extract_text("作为“放管服”改革的重要内容，“一网通办”改革全面推开。", pipeline=rules_only("parts"))
    >>> [(x.subject, x.predicate, x.object, x.evidence.rule) for x in g.relations]
    [('Programme/一网通办改革', 'subProgrammeOf', 'Programme/放管服改革', 'as-part')]
    """
    progs = [x for x in ms if x.cls == "Programme"]
    if not progs:
        return
    p = part_words(ctx.res)
    yield from _as_part(ctx, s, progs, p)
    yield from _copula_part(ctx, s, [x for x in ms if x.cls in ("Programme", "PolicyDocument")], p)
    yield from _support(ctx, s, progs, p)
    yield from _counted(ctx, s, progs, p)
    yield from _this_list(ctx, s, progs, p)
    yield from _the_one(ctx, s, ms, progs, p)
    yield from _formula_system(ctx, s, progs, p)
    yield from _referred_parts(ctx, s, progs, p)
    yield from _its_part(ctx, s, progs, p)


def _its_part(ctx: RelationContext, s: Sentence, progs: list[M], p: PartWords) -> Iterator[Candidate]:
    """“放管服”改革深入推进，“证照分离”改革作为其重要内容全面推开: B, followed by 作为其…内容, is part of the
    programme named last before it (this sentence or the one before; rule "as-part")."""
    text = ctx.doc.text
    for b in progs:
        if p.as_its.match(text, b.end, s.end):
            whole = _named_before(ctx, b.start, lambda label: True, s.index, 200, 1)
            if whole is not None and whole != b.key:
                yield Candidate(b.key, "subProgrammeOf", whole, s.index, 0.65, "as-part")


def _referred_parts(ctx: RelationContext, s: Sentence, progs: list[M], p: PartWords) -> Iterator[Candidate]:
    """推出“十大工程”，其中“南宁都市圈建设”工程…: an item after a counted name (or one ending with a kind
    head word: “智改数转网联”行动) and 其中 is its part; 该行动主要
    包括A和B: the items after a head word pointing back and 包括 are parts of the programme named last before
    with that head word (rule "counted")."""
    text = ctx.doc.text
    for c, x in zip(progs, progs[1:]):
        whole = p.counted.match(_label(c.key)) or _label(c.key).endswith(p.kinds)
        if whole and p.among.fullmatch(text, c.end, x.start) and x.key != c.key:
            yield Candidate(x.key, "subProgrammeOf", c.key, s.index, 0.65, "counted")
    for mm in p.refer.finditer(text, s.start, s.end):
        items = [x for x in progs if 0 <= x.start - mm.end() <= 1]
        head = mm.group("head")
        whole = _named_before(ctx, mm.start(), lambda label: label.endswith(head), s.index) if items else None
        for x in _run(text, [x for x in progs if x.start >= items[0].start], p) if whole else ():
            if x.key != whole:
                yield Candidate(x.key, "subProgrammeOf", whole, s.index, 0.65, "counted")


def _formula_system(ctx: RelationContext, s: Sentence, progs: list[M], p: PartWords) -> Iterator[Candidate]:
    """“1+6”全员人才政策体系 in a text naming “全员人才”计划 (乡村振兴“1+N”政策体系 and 乡村振兴战略): a system
    named by a coded formula, the stem of another programme of the text and a head word is that programme's
    part (rule "formula"). Names merely holding one another are no parts (浙江制造天工鼎, 一件事改革)."""
    for x in progs:
        label = _label(x.key)
        mm = p.formula.search(label) if "+" in label else None
        if mm is None:
            continue
        stem = _headless(label[:mm.start()] + label[mm.end():], p.heads)
        if len(stem) < 2 or stem == label:
            continue
        for e in ctx.resolved.entities:
            if e.cls == "Programme" and e.key != x.key and not p.formula.search(e.label) \
                    and any(n.startswith(stem) and _headless(n, p.heads) == stem for n in (e.label, *e.aliases)):
                yield Candidate(x.key, "subProgrammeOf", e.key, s.index, 0.6, "formula")
                break


def _headless(name: str, heads: tuple[str, ...]) -> str:
    """The name without the programme head word it ends with (its stem).

    >>> _headless("全员人才政策体系", ("政策体系", "体系")), _headless("全员人才", ("计划",))
    ('全员人才', '全员人才')
    """
    head = next((h for h in heads if name.endswith(h) and len(name) > len(h)), "")
    return name[:len(name) - len(head)]


def _the_one(ctx: RelationContext, s: Sentence, ms: list[M], progs: list[M], p: PartWords) -> Iterator[Candidate]:
    """The “1” of a “1+N” system: 《A》是…“1+N”政策体系中的“1” (the sentence's subject), 在《A》这个“1”的基础上
    (the document or programme right before, the system named before it in the sentence)."""
    text = ctx.doc.text
    systems = [x for x in progs if _label(x.key).startswith("1+")]
    if not systems:
        return
    first = ms[0]
    for c in systems:
        if p.one_of.match(text, c.end) and first.cls in ("Programme", "PolicyDocument") and first.start - s.start <= 1 \
                and first.key != c.key:
            yield Candidate(first.key, "subProgrammeOf", c.key, s.index, 0.6, "counted")
    for x in ms:
        if x.cls in ("Programme", "PolicyDocument") and p.one_of.match(text, x.end):
            c = next((c for c in reversed(systems) if c.end <= x.start and c.key != x.key), None)
            if c is not None:
                yield Candidate(x.key, "subProgrammeOf", c.key, s.index, 0.6, "counted")


def _this_list(ctx: RelationContext, s: Sentence, progs: list[M], p: PartWords) -> Iterator[Candidate]:
    """这项改革…形成了A、B、C等一批创新性举措: a list closed by 等…举措 in a sentence about 这项改革 is made of
    parts of the programme named last before whose name ends with the head word."""
    text = ctx.doc.text
    mm = p.this_head.match(text, s.start, s.end)
    if not mm:
        return
    whole = _named_before(ctx, s.start, lambda label: label.endswith(mm.group("head")), s.index, 600)
    for i, x in enumerate(progs):
        if whole is not None and p.listed_as.match(text, x.end, s.end):
            for y in _run(text, progs[:i + 1][::-1], p):
                if y.key != whole:
                    yield Candidate(y.key, "subProgrammeOf", whole, s.index, 0.6, "as-part")
    for mm in p.listed_as.finditer(text, s.start, s.end) if whole is not None else ():
        for y in _listed_with(ctx, s, progs, mm.start(), p):
            if y.key != whole:
                yield Candidate(y.key, "subProgrammeOf", whole, s.index, 0.6, "as-part")


def _listed_with(ctx: RelationContext, s: Sentence, progs: list[M], pos: int, p: PartWords) -> list[M]:
    """The programmes of a list that ends at `pos` (before 等) among other items (形成了企业综合服务中心、
    “政策计算器”、涉企问题…机制等): those of the clause each followed by a list word, no programme verb between
    them and the list's end."""
    text, cs = ctx.doc.text, clause_start(ctx.doc, s, pos)
    return [y for y in progs if cs <= y.start and y.end < pos and (mm := p.list_gap.match(text, y.end))
            and mm.end() > y.end and not p.verbs.search(text, y.end, pos)]


def _label(key: str) -> str:
    """The label of an entity key (EntityKey.parse(key).label, without building the key).

    >>> _label("Programme/1+N政策体系")
    '1+N政策体系'
    """
    return key.partition("/")[2]


def _clause_end(text: str, pos: int, end: int) -> int:
    """Where the clause holding `pos` ends (the next ，。；, or `end`)."""
    stop = re.compile("[" + _STOP + "]").search(text, pos, end)
    return stop.start() if stop else end


def _as_part(ctx: RelationContext, s: Sentence, progs: list[M], p: PartWords) -> Iterator[Candidate]:
    """作为A的重要内容，B…: B (the first programme of the next clause) is part of A; 作为其中一环的B: of the
    programme named last before; 作为试点的重要内容，B: of the last programme named with that head word."""
    text = ctx.doc.text
    for a in progs:
        cs = clause_start(ctx.doc, s, a.start)
        mm = p.as_part.match(text, a.end)
        if mm and p.as_lead.search(text, cs, a.start):
            b = _first_in_clause(text, progs, mm.end(), s.end)
            if b is not None and b.key != a.key:
                yield Candidate(b.key, "subProgrammeOf", a.key, s.index, 0.7, "as-part")
        if p.this_part.search(text, max(cs, a.start - 12), a.start):
            whole = _named_before(ctx, cs, lambda label: True, s.index, 200, 1)
            if whole is not None and whole != a.key:
                yield Candidate(a.key, "subProgrammeOf", whole, s.index, 0.65, "as-part")
    for mm in p.as_anaphor.finditer(text, s.start, s.end):
        if any(x.start < mm.end("head") and mm.start("head") < x.end for x in progs):
            continue           # 作为“万企融合”…的: a name, not a head word
        head = mm.group("head")
        whole = _named_before(ctx, mm.start(), lambda label: label.endswith(head), s.index)
        b = _first_in_clause(text, progs, mm.end(), s.end)
        if whole is not None and b is not None and b.key != whole:
            yield Candidate(b.key, "subProgrammeOf", whole, s.index, 0.6, "as-part")


def _first_in_clause(text: str, progs: list[M], pos: int, end: int) -> M | None:
    """The first programme of the clause that starts at `pos`."""
    stop = _clause_end(text, pos, end)
    return next((x for x in progs if pos <= x.start < stop), None)


def _named_before(ctx: RelationContext, pos: int, fits, si: int, window: int = 400, back: int = 2) -> str | None:
    """The programme named last before `pos` (in this sentence or the `back` before, within `window`
    characters) whose label fits."""
    prev = [(m.end, k) for m, k in ctx.resolved.mentions if m.cls == "Programme" and m.end <= pos
            and pos - m.end <= window and si - back <= m.sentence <= si and fits(_label(k))]
    return max(prev)[1] if prev else None


def _copula_part(ctx: RelationContext, s: Sentence, progs: list[M], p: PartWords) -> Iterator[Candidate]:
    """“六链五群”产业布局是推进京津冀协同发展的重要抓手, 《A》是B的重要组成部分, 把A纳入B: A (a programme
    or a document) is part of the programme B."""
    text = ctx.doc.text
    for a, b in zip(progs, progs[1:]):
        if b.cls != "Programme":
            continue
        if a.key != b.key and p.copula.match(text[a.end:b.start]) and p.after_part.match(text, b.end, s.end):
            yield Candidate(a.key, "subProgrammeOf", b.key, s.index, 0.7, "as-part")
        elif a.key != b.key and p.into.fullmatch(text, a.end, b.start):
            yield Candidate(a.key, "subProgrammeOf", b.key, s.index, 0.65, "as-part")


def _support(ctx: RelationContext, s: Sentence, progs: list[M], p: PartWords) -> Iterator[Candidate]:
    """以A、B、C为抓手，深入实施D / 深入实施D，以A、B为抓手 / 以A、B为主要内容的“D”: the frame's programmes
    are parts of D."""
    text = ctx.doc.text
    for mm in p.support.finditer(text, s.start, s.end):
        items = [x for x in progs if mm.start("items") <= x.start and x.end <= mm.end("items")]
        if not items:
            continue
        if mm.group("content"):     # 以A、B为主要内容的“D”: D, right after
            target = next((x for x in progs if 0 <= x.start - mm.end() <= 1), None)
        else:
            target = _supported(ctx, s, progs, mm, p)
        for x in items:
            if target is not None and x.key != target.key:
                yield Candidate(x.key, "subProgrammeOf", target.key, s.index, 0.65, "support")


def _supported(ctx: RelationContext, s: Sentence, progs: list[M], mm: re.Match, p: PartWords) -> M | None:
    """The programme a 以…为抓手 frame serves: the first one carried out (a programme verb before it) in the
    clause after the frame, else the last one of the clause before it."""
    text = ctx.doc.text
    nxt = _clause_end(text, mm.end(), s.end) + 1
    after = [x for x in progs if nxt <= x.start < _clause_end(text, nxt, s.end) and p.verbs.search(text, nxt, x.start)]
    cs = clause_start(ctx.doc, s, mm.start())
    before = [x for x in progs if cs > s.start and clause_start(ctx.doc, s, cs - 1) <= x.start and x.end < cs]
    return after[0] if after else before[-1] if before else None


def _counted(ctx: RelationContext, s: Sentence, progs: list[M], p: PartWords) -> Iterator[Candidate]:
    """A、B、C“五大活动” and “三大行动”，即A、B和C: the items listed with a counted name are its parts; so are
    those after 包括 (A包括B、C) and B of A中的B."""
    text = ctx.doc.text
    for i, c in enumerate(progs):
        if i + 1 < len(progs) and p.include.fullmatch(text[c.end:progs[i + 1].start]):
            for x in _run(text, progs[i + 1:], p):
                yield Candidate(x.key, "subProgrammeOf", c.key, s.index, 0.65, "counted")
        if i + 1 < len(progs) and p.within.fullmatch(text[c.end:progs[i + 1].start]):
            yield Candidate(progs[i + 1].key, "subProgrammeOf", c.key, s.index, 0.65, "counted")
        if not p.counted.match(_label(c.key)):
            continue
        items: list[M] = []
        gap = text[progs[i - 1].end:c.start] if i > 0 else None
        if gap is not None and p.etc.fullmatch(gap):
            items = _run(text, progs[:i][::-1], p)
            if not gap and len(items) < 2:
                items = []     # 三个“一号工程”“十项重大工程”: two names side by side, not an item and its count
        if i + 1 < len(progs) and p.intro.fullmatch(text[c.end:progs[i + 1].start]):
            items += _run(text, progs[i + 1:], p)
        if any(p.counted.match(lab) or p.counted_in.search(lab) for lab in (_label(x.key) for x in items)):
            continue           # “六大行动”“九大工程”等: counted names side by side are peers
        for x in items:
            if x.key != c.key:
                yield Candidate(x.key, "subProgrammeOf", c.key, s.index, 0.7, "counted")


def _run(text: str, seq: list[M], p: PartWords) -> list[M]:
    """The first programme of `seq` and those listed with it (`seq` in either direction)."""
    run = seq[:1]
    for x in seq[1:]:
        a, b = (run[-1], x) if x.start > run[-1].start else (x, run[-1])
        if not p.list_gap.fullmatch(text[a.end:b.start]):
            break
        run.append(x)
    return run


@component("relation-pass", "numbered-parts", data=_DATA, keep="not-reversed")
def numbered_parts(ctx: RelationContext, best: dict[Key, Candidate]) -> Iterator[Candidate]:
    """提标工程将重点实施四项子行动 … 一是深入开展A。… 二是实施B。: the programme each numbered item opens
    with is part of the programme that announced them (named there, or by the end of its name: 提标工程);
    the documents made in an item's paragraph are part of its programme, the companies named there take part
    in it (rule "numbered", kept when not stated the other way round).

    >>> from kg.extract import extract_text
    >>> from kg.extract.relations import rules_only
    >>> t = "省里实施“数字强省”工程。数字强省工程将实施两项子行动。一是开展“上云”行动。二是实施“智改”行动。"
    >>> g = extract_text(t, pipeline=rules_only(passes=("numbered-parts",)))
    >>> sorted((x.subject, x.object) for x in g.relations)
    [('Programme/上云行动', 'Programme/数字强省工程'), ('Programme/智改行动', 'Programme/数字强省工程')]
    """
    p = part_words(ctx.res)
    starts = [s.start for s in ctx.sentences]
    text = ctx.doc.text
    for hint in p.announce_hint.finditer(text):
        mm = p.announce.search(text, max(0, hint.start() - 8), hint.end())
        if mm is None:
            continue
        si = bisect_right(starts, mm.start()) - 1
        s = ctx.sentences[si] if si >= 0 else None
        if s is not None and mm.end() <= s.end:
            head = _announcer(ctx, s, mm.start(), mm.end())
            if head is None:
                continue
            for item in _items(ctx, si, mm.end(), p):
                if item.key != head:
                    yield Candidate(item.key, "subProgrammeOf", head, item.m.sentence, 0.6, "numbered")
                for x in _in_item(ctx, item, p):
                    if x.cls == "PolicyDocument" and p.made.search(text, max(0, x.start - 4), x.start):
                        yield Candidate(x.key, "subProgrammeOf", item.key, x.m.sentence, 0.5, "numbered")
                    elif x.cls == "Company":
                        yield Candidate(x.key, "participatesIn", item.key, x.m.sentence, 0.45, "numbered")


def _in_item(ctx: RelationContext, item: M, p: PartWords) -> Iterator[M]:
    """The names of a numbered item's paragraph after its programme, before the next number: the documents
    made there (制定《…》) are the item's rules, the companies named there take part in it."""
    text, para = ctx.doc.text, ctx.sentences[item.m.sentence].paragraph
    for sj in range(item.m.sentence, len(ctx.sentences)):
        if ctx.sentences[sj].paragraph != para:
            return
        for x in ctx.by_sentence.get(sj, []):
            if x.start < item.end:
                continue
            if any(o in text[item.end:x.start] for series in p.ordinals for o in series):
                return
            yield x


def _announcer(ctx: RelationContext, s: Sentence, pos: int, end: int) -> str | None:
    """The programme that announces the items: the counted name (“八大行动”), the last one the sentence names
    before the count, or a
    programme named before whose name ends with four or more characters the clause holds (提标工程 of
    “制造业数字化转型提标”工程)."""
    cs = clause_start(ctx.doc, s, pos)
    ms = [x for x in ctx.by_sentence.get(s.index, []) if x.cls == "Programme"]
    counted = next((x for x in ms if x.start <= pos and end <= x.end), None)
    if counted is not None:
        return counted.key      # 实施…“八大行动”：the counted programme itself
    named = [x for x in ms if x.end <= pos]
    if named:
        return named[-1].key
    clause = ctx.doc.text[cs:pos]
    prev = [(m.end, k) for m, k in ctx.resolved.mentions if m.cls == "Programme" and m.end <= cs
            and _tail_in(EntityKey.parse(k).label, clause)]
    return max(prev)[1] if prev else None


def _tail_in(label: str, clause: str) -> bool:
    """Does the clause hold the last four or more characters of the label (not the whole of a short one)?

    >>> _tail_in("制造业数字化转型提标工程", "今年，提标工程将"), _tail_in("千万工程", "千万工程将")
    (True, False)
    """
    return len(label) > 4 and label[-4:] in clause


def _items(ctx: RelationContext, si: int, pos: int, p: PartWords, reach: int = 40) -> Iterator[M]:
    """The programme of each numbered item's first clause after `pos` (一是…, 二是… or another series, in order;
    the items open a sentence or a clause after ：or ；), up to a gap of eight sentences without the next number."""
    text, k, last, series = ctx.doc.text, 0, si, ()
    for sj in range(si, min(len(ctx.sentences), si + reach)):
        if (series and k >= len(series)) or sj - last > 8:
            return
        s = ctx.sentences[sj]
        starts = [s.start] + [i + 1 for i in range(s.start, s.end) if text[i] in "：；:;"]
        for st in (x for x in starts if x >= pos):
            st += len(text[st:s.end]) - len(text[st:s.end].lstrip())
            if not series:
                series = next((o for o in p.ordinals if o and text.startswith(o[0], st)), ())
            if k < len(series) and text.startswith(series[k], st):
                body = st + len(series[k])
                k, last = k + 1, sj
                # the item's programme is in its first clause (（二）坚持精准施策，脱贫攻坚…: a section, no item)
                end = min(_clause_end(text, body, s.end), body + 20)
                first = next((x for x in ctx.by_sentence.get(sj, []) if x.cls == "Programme" and body <= x.start < end),
                             None)
                if first is not None:
                    yield first
