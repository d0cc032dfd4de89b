"""What the relation rules and passes share: a mention with its entity key (`M`), a candidate fact
(`Candidate`), the document's `RelationContext`, and the clause helpers the rules use."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from kg.extract.relation_words import DE, Cues, cues
from kg.extract.resolve import Resolved
from kg.extract.resources import Resources
from kg.records import Document, EntityKey, Mention, Sentence

ACTORS = ("Locality", "GovernmentBody")
PARTICIPANTS = ("Company", "Organization", "Person")
SITED = ("Company", "GovernmentBody", "Organization", "Project")


@dataclass(frozen=True)
class M:
    """A mention with its entity key, as the rules see it (`cls`, `start` and `end` are the mention's).

    >>> x = RelationContext.of_text("嵊州市召开会议。").by_sentence[0][0]
    >>> x.key, x.cls, x.start, x.end
    ('Locality/嵊州市', 'Locality', 0, 3)
    """
    m: Mention
    key: str

    @property
    def cls(self) -> str:
        """The mention's class.

        >>> RelationContext.of_text("嵊州市召开会议。").by_sentence[0][0].cls
        'Locality'
        """
        return self.m.cls

    @property
    def start(self) -> int:
        """Where the mention starts in the document's text.

        >>> RelationContext.of_text("会议在嵊州市召开。").by_sentence[0][0].start
        3
        """
        return self.m.start

    @property
    def end(self) -> int:
        """Where the mention ends in the document's text.

        >>> RelationContext.of_text("会议在嵊州市召开。").by_sentence[0][0].end
        6
        """
        return self.m.end


@dataclass(frozen=True)
class Candidate:
    """A fact a rule or pass proposes, with the sentence it was read from, its confidence and the rule's
    name (the evidence's `rule`).

    >>> Candidate("Locality/三界镇", "partOf", "Locality/嵊州市", 0, 0.8, "adjacent").fact
    ('Locality/三界镇', 'partOf', 'Locality/嵊州市')
    """
    subject: str
    predicate: str
    object: str
    sentence: int
    confidence: float
    rule: str

    @property
    def fact(self) -> tuple[str, str, str]:
        """(subject, predicate, object): what `relate` keeps the best evidence of.

        >>> Candidate("Locality/三界镇", "partOf", "Locality/嵊州市", 0, 0.8, "adjacent").fact
        ('Locality/三界镇', 'partOf', 'Locality/嵊州市')
        """
        return (self.subject, self.predicate, self.object)


def text_between(doc: Document, a: M, b: M) -> str:
    """The document's text between two mentions (from the end of `a` to the start of `b`).

    >>> ctx = RelationContext.of_text("会议在嵊州市召开，三界镇将建设园区。")
    >>> a, b = ctx.by_sentence[0]
    >>> text_between(ctx.doc, a, b)
    '召开，'
    """
    return doc.text[a.end:b.start]


def clause_start(doc: Document, s: Sentence, pos: int) -> int:
    """Where the clause holding `pos` starts: after the last ，；：, before it in the sentence, else the sentence's start.

    >>> ctx = RelationContext.of_text("会议在嵊州市召开，三界镇将建设园区。")
    >>> s = ctx.sentences[0]
    >>> clause_start(ctx.doc, s, 10), clause_start(ctx.doc, s, 4)
    (9, 0)
    """
    i = max(doc.text.rfind(c, s.start, pos) for c in "，；：,")
    return i + 1 if i >= 0 else s.start


def is_subject(ctx: "RelationContext", s: Sentence, x: M) -> bool:
    """Does this mention open its clause as its subject (嵊州还…, 黄泽镇将…), not a locative (在嵊州…)?

    >>> ctx = RelationContext.of_text("会议在嵊州市召开，三界镇将建设园区。")
    >>> [(x.key, is_subject(ctx, ctx.sentences[0], x)) for x in ctx.by_sentence[0]]
    [('Locality/嵊州市', False), ('Locality/三界镇', True)]
    """
    cs = clause_start(ctx.doc, s, x.start)
    lead = ctx.doc.text[cs:x.start]
    prev = previous(ctx, s, x)
    if prev is not None and prev.start >= cs and ctx.cues.locative_list.match(ctx.doc.text[prev.end:x.start]):
        return is_subject(ctx, s, prev)     # 在淄博、潍坊…: as the list's first item
    # (推动市科技局与…, 青德镇以仲德村…, 乡里选取桦树沟村: a name after a word that makes it an object)
    return len(lead) <= 4 and not ctx.cues.locative_before.search(lead) and DE not in lead \
        and not modifier(ctx, x) \
        and not lead.endswith(ctx.cues.causative + ctx.cues.object_markers)


def modifier(ctx: "RelationContext", x: M, p: M | None = None) -> bool:
    """Does a particle of possession follow the name closely (这个泉州下辖的县级市, 嵊州的企业), other
    than right before `p` (宁波的“361”产业集群: the owner of the programme)?

    >>> ctx = RelationContext.of_text("这个泉州下辖的县级市推行改革。")
    >>> modifier(ctx, ctx.by_sentence[0][0])
    True
    """
    at = ctx.doc.text.find(DE, x.end, x.end + 3)
    return at >= 0 and (p is None or at + len(DE) != p.start) \
        and not re.search("[，。；：,]", ctx.doc.text[x.end:at])


def previous(ctx: "RelationContext", s: Sentence, x: M) -> M | None:
    """The sentence's mention right before `x` (found by bisection: the mentions are in text order).

    >>> ctx = RelationContext.of_text("青德镇以仲德村为试点。")
    >>> a, b = ctx.by_sentence[0]
    >>> previous(ctx, ctx.sentences[0], b) is a, previous(ctx, ctx.sentences[0], a)
    (True, None)
    """
    ms = ctx.by_sentence.get(s.index, [])
    i = bisect_left(ms, (x.start, x.end), key=lambda y: (y.start, y.end))
    return ms[i - 1] if i > 0 else None


def place_key(name: str, ms: list[M], r: Resolved) -> str | None:
    """The document's Locality entity a place name (full or short) refers to.

    >>> ctx = RelationContext.of_text("会议在嵊州市召开。")
    >>> ms = ctx.by_sentence[0]
    >>> place_key("嵊州", ms, ctx.resolved), place_key("嵊州市", ms, ctx.resolved), place_key("杭州", ms, ctx.resolved)
    ('Locality/嵊州市', 'Locality/嵊州市', None)
    """
    for e in r.entities:
        if e.cls == "Locality" and (e.label == name or name in e.aliases):
            return e.key
    return None


def last_zone(r: Resolved, head: str, pos: int, window: int = 1200) -> str | None:
    """The zone a bare 园区 refers to: the last one named in the preceding text.

    >>> ctx = RelationContext.of_text("嵊州经济开发区召开会议。园区将建设新厂房。")
    >>> last_zone(ctx.resolved, "开发区", ctx.doc.text.rindex("园区"))
    'Locality/嵊州经济开发区'
    >>> last_zone(ctx.resolved, "开发区", 0) is None
    True
    """
    best = None
    for m, key in r.mentions:
        if m.cls == "Locality" and m.end <= pos and pos - m.end <= window and key.endswith(head):
            if best is None or m.end > best[0]:
                best = (m.end, key)
    return best[1] if best else None


def after_locative(ctx: "RelationContext", s: Sentence, a: M, ms: list[M]) -> bool:
    """Is `a` (or the chain of places it ends: 嵊州市剡湖街道) introduced by 位于 or 在?

    >>> ctx = RelationContext.of_text("会议在嵊州市召开，三界镇将建设园区。")
    >>> ms = ctx.by_sentence[0]
    >>> [(x.key, after_locative(ctx, ctx.sentences[0], x, ms)) for x in ms]
    [('Locality/嵊州市', True), ('Locality/三界镇', False)]
    """
    start = a.start
    for x in reversed([x for x in ms if x.cls == "Locality" and x.end <= a.start]):
        if x.end == start:
            start = x.start
    return ctx.doc.text[max(s.start, start - 2):start].endswith(ctx.cues.site_locatives)


def whole_key(ctx: "RelationContext", level: str, pos: int) -> str | None:
    """The place 全 + a level word (全省, 全县) means at `pos`: the document's place of that level (省: its
    province), else the place of that level named last before `pos`.

    >>> ctx = RelationContext.of_text("甘孜藏族自治州召开会议。全州上下推进乡村振兴。")
    >>> whole_key(ctx, "州", ctx.doc.text.index("全州"))
    'Locality/甘孜藏族自治州'
    """
    from kg.extract.resolve import level_place
    r = ctx.resolved
    name = level_place(level, r.place)
    key = place_key(name, [], r) if name else None
    if key is None:
        ending = ctx.cues.whole_ending.get(level, level)
        near = [(m.end, k) for m, k in r.mentions if m.cls == "Locality" and m.end <= pos
                and EntityKey.parse(k).label.split("@")[0].endswith(ending)]
        key = max(near)[1] if near else None
    return key


def document_place(ctx: "RelationContext") -> str | None:
    """The place the document is about: of its province, city and county (`Resolved.place`), the one
    named most often (on a tie, the lower level).

    >>> document_place(RelationContext.of_text("山东省召开会议。山东将推进改革。济南市参加。"))
    'Locality/山东省'
    """
    r = ctx.resolved
    counts: dict[str, int] = {}
    for m, k in r.mentions:
        if m.cls == "Locality":
            counts[k] = counts.get(k, 0) + 1
    best: tuple[int, int, str] | None = None
    for rank, name in enumerate((r.place.province, r.place.city, r.place.county)):
        key = next((e.key for e in r.entities if e.cls == "Locality" and name and e.label.split("@")[0] == name), None)
        if key is not None and (best is None or (counts.get(key, 0), rank) > best[:2]):
            best = (counts.get(key, 0), rank, key)
    # (a magazine's round of cities names each more often than its own: no place it is about)
    return best[2] if best and best[0] >= max(counts.values()) else None


def r_nested(r: Resolved) -> dict[str, list[tuple[str, str]]]:
    """The names nested in each name: outer key → [(inner key, inner class)], in the resolver's order.

    >>> r_nested(RelationContext.of_text("嵊州市人社局召开会议。").resolved)["GovernmentBody/嵊州市人力资源和社会保障局"]
    [('Locality/嵊州市', 'Locality')]
    """
    out: dict[str, list[tuple[str, str]]] = {}
    for outer, inner, m in r.nested:
        out.setdefault(outer, []).append((inner, m.cls))
    return out


@dataclass(frozen=True)
class RelationContext:
    """One document as the relation rules and passes see it: its text and sentences, the resolved
    entities, the resources, the names nested in each name, and each sentence's mentions (outermost
    names only, in text order)."""
    doc: Document
    sentences: list[Sentence]
    resolved: Resolved
    res: Resources
    nested: dict[str, list[tuple[str, str]]]
    by_sentence: dict[int, list[M]]
    cues: Cues

    @classmethod
    def of(cls, doc: Document, sentences: list[Sentence], r: Resolved, res: Resources) -> "RelationContext":
        """The context of a resolved document (`kg.extract.resolve.resolve`); `of_text` makes one from a text.

        >>> ctx = RelationContext.of_text("嵊州市三界镇召开会议。")
        >>> [x.key for x in ctx.by_sentence[0]], ctx.cues.settle_before
        (['Locality/嵊州市', 'Locality/三界镇'], ('新厂房',))
        """
        nested_mentions = {id(m) for _, _, m in r.nested}
        by_sentence: dict[int, list[M]] = {}
        for m, key in r.mentions:
            if id(m) in nested_mentions:
                continue
            by_sentence.setdefault(m.sentence, []).append(M(m, key))
        for ms in by_sentence.values():
            ms.sort(key=lambda x: (x.start, x.end))
        return cls(doc, sentences, r, res, r_nested(r), by_sentence, cues(res))

    @classmethod
    def of_text(cls, text: str) -> "RelationContext":
        """The context of one short text, recognised and resolved as `kg.extract.extract_text` does:
        for examples and tests of one rule or pass.

        >>> ctx = RelationContext.of_text("嵊州市推出“企情日记”。")
        >>> [x.key for x in ctx.by_sentence[0]]
        ['Locality/嵊州市', 'Programme/企情日记']
        """
        from kg.extract.recognise import recognise
        from kg.extract.resolve import resolve
        from kg.extract.resources import resources
        from kg.text.normalise import normalise
        from kg.text.sentences import split_sentences

        doc = Document("text", "text.txt", normalise(text).text)
        sentences = split_sentences(doc.text, doc.id)
        res = resources()
        return cls.of(doc, sentences, resolve(doc, sentences, recognise(doc, sentences, res), res), res)
