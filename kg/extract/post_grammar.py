"""Posts by grammar: the chain of titles before a person's name, read segment by segment.

A chain is what stands between the clause's start and the name: segments joined by 、, each
[body] title (嵊州市商务局局长), [place] level organ title (县委常委, 陶家河乡党委书记, 村委会主任) or
[deputy] level head (县长, 常务副州长), or a bare title that stays in the body of the segment before
(浙江省公安厅党委副书记、常务副厅长). One post per segment, so a chain naming several bodies
(甲市委常委、乙县委书记 丙) gives one post per body. A level whose body the text never names takes
the place of that level: the one named in the chain or before it in the sentence, else the document's
(县委书记 in a county's news is the county's). The words are in data/lexicon/post_grammar.txt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.relation_context import M, RelationContext
from kg.extract.relation_words import words
from kg.extract.resources import LEXICON, Resources, per_resources, read_lines
from kg.records import EntityKey, Mention, Sentence

ORGS = ("GovernmentBody", "Company", "Organization", "Locality")
_BREAK = "，。；：,;:！？!?（()）“”\"《》\n"      # what ends the clause a chain is read from
_NOTE = re.compile(r"[（(][\u4e00-\u9fff]{1,6}[）)]$")     # a short bracketed note right before a name
Seg = tuple[str, str]                              # (organisation key, title)


@dataclass(frozen=True)
class Grammar:
    """The post grammar's words, compiled: level words with their place level, organs, heads, deputies."""
    levels: dict[str, str]
    organs: dict[str, str]
    organ_segment: re.Pattern          # [place] level organ title
    head_segment: re.Pattern           # [place] [deputy] level head
    party: str
    list_ends: tuple[str, ...] = ()
    held_by: tuple[str, ...] = ()
    holds: tuple[str, ...] = ()
    level_title: re.Pattern | None = None   # [place] level + a title held in the place itself (镇武装部长)




def grammar(res: Resources) -> Grammar:
    """The grammar for a set of resources (the data file and the titles of titles.txt), built once.

    >>> from kg.extract.resources import resources
    >>> g = grammar(resources())
    >>> g is grammar(resources()), g.party, g.levels["省"], g.held_by
    (True, '中共', 'province', ('由',))
    """
    return _build(res)


@per_resources
def _build(res: Resources) -> Grammar:
    rows = read_lines(LEXICON / "post_grammar.txt")
    if res.user_dir is not None:
        rows += read_lines(res.user_dir / "post_grammar.txt")
    use = {u: [r for r in rows if r[1:2] == [u]] for u in ("level", "organ", "head", "deputy", "party", "place-title")}

    def alt(ws) -> str:
        return "(?:" + "|".join(map(re.escape, sorted(ws, key=len, reverse=True))) + ")"
    levels = {r[0]: r[2] for r in use["level"]}
    organs = {r[0]: r[2] for r in use["organ"]}
    title = alt(words(res, "post_words", "title-lead")) + "?" + alt(res.titles)
    lvl, dep, head = alt(levels), alt(r[0] for r in use["deputy"]), alt(r[0] for r in use["head"])
    return Grammar(levels, organs,
                   re.compile(f"(?P<pre>.*?)(?P<lvl>{lvl})(?P<organ>{alt(organs)})(?P<title>{title})"),
                   re.compile(f"(?P<pre>.*?)(?P<dep>{dep})?(?P<lvl>{lvl})(?P<head>{head})"),
                   use["party"][0][0] if use["party"] else "",
                   tuple(r[0] for r in rows if r[1:2] == ["list-end"]),
                   tuple(r[0] for r in rows if r[1:2] == ["held-by"]),
                   tuple(r[0] for r in rows if r[1:2] == ["holds"]),
                   re.compile(f"(?P<pre>.*?)(?P<lvl>{lvl})(?P<title>{alt(r[0] for r in use['place-title'])})")
                   if use["place-title"] else None)


def chain_start(ctx: RelationContext, s: Sentence, ms: list[M], p: M) -> tuple[int, int]:
    """(start, end) of the chain before a name: from the clause's start, or the end of the person named
    before it in a list (甲、乡长乙), to the name, spaces before the name skipped (省委书记 易炼红).

    >>> ctx = RelationContext.of_text("嵊州市委书记张三出席会议。")
    >>> s, ms = ctx.sentences[0], ctx.by_sentence[0]
    >>> a, b = chain_start(ctx, s, ms, ms[-1])
    >>> a, b, ctx.doc.text[a:b]
    (0, 6, '嵊州市委书记')
    """
    text = ctx.doc.text
    end = p.start
    while end > s.start and text[end - 1] in " \u3000\t":
        end -= 1
    note = _NOTE.search(text, max(s.start, end - 10), end)
    if note and any(text.endswith(t, s.start, note.start()) for t in ctx.res.titles):
        end = note.start()          # 副县长（挂职）王东明, 副局长（正处级）刘刚: a note between the title and the name
    start = end
    while start > s.start and text[start - 1] not in _BREAK:
        start -= 1
    for q in ms:
        if q.cls == "Person" and start <= q.start and q.end <= end and q is not p:
            start = q.end
    while start < end and text[start] in "、 \u3000■":
        start += 1
    return start, end


def chain_posts(ctx: RelationContext, s: Sentence, ms: list[M], start: int, end: int,
                whole: bool = False) -> list[Seg]:
    """The posts a chain of titles names, one per segment; [] when its last segment is no title. A title
    whose body is unknown is kept with "" as its organisation (no post, but the chain is not whole).
    `whole`: every segment must parse (a byline's title line), else only the last one must.

    >>> ctx = RelationContext.of_text("嵊州市委书记张三出席会议。")
    >>> s, ms = ctx.sentences[0], ctx.by_sentence[0]
    >>> chain_posts(ctx, s, ms, *chain_start(ctx, s, ms, ms[-1]))
    [('GovernmentBody/中共嵊州市委', '书记')]
    """
    text = ctx.doc.text
    cuts = [start] + [i + 1 for i in range(start, end) if text[i] == "、" or _another_body(ctx, ms, i)] + [end + 1]
    out: list[Seg] = []
    prev: str | None = None
    for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
        seg = _segment(ctx, s, ms, a, b - 1, prev, first=k == 0)
        if seg is None:
            if whole:
                return []
            if not any(text.endswith(t, a, b - 1) for t in ctx.res.titles):
                out, prev = [], None      # a chain restarts after what is no post (考察、县委书记甲)
            elif out:
                out.append(("", text[a:b - 1]))   # 市委常委、政法委书记: a title of a body not known, no post
            continue
        if out and out[-1][0] == seg[0] and seg[0]:     # 党组书记、厅长: one post per body, its titles joined
            out[-1] = (seg[0], out[-1][1] + text[a - 1] + seg[1])
        else:
            out.append(seg)
        prev = seg[0]
    return out


def _another_body(ctx: RelationContext, ms: list[M], i: int) -> bool:
    """Is text[i] a joiner of titles (兼) before the titles of another body, a level word's or one named
    (副市长兼市公安局局长: two posts), not before a second title of the same body (党组书记兼局长)?"""
    text = ctx.doc.text
    if text[i] == "、" or text[i] not in ctx.cues.title_joiners:
        return False
    return any(text.startswith(w, i + 1) for w in grammar(ctx.res).levels) \
        or any(m.start == i + 1 and m.cls in ORGS for m in ms)


def _segment(ctx: RelationContext, s: Sentence, ms: list[M], a: int, b: int, prev: str | None,
             first: bool) -> Seg | None:
    """One segment of a chain: (organisation key, title), or None."""
    from kg.extract.posts import titles_at
    text = ctx.doc.text
    if b <= a:
        return None
    # [body] title: an organisation named in the segment, its titles running to the segment's end
    for o in sorted((x for x in ms if x.cls in ORGS and a <= x.start and x.end < b), key=lambda x: -x.end):
        if (first or o.start == a) and titles_at(ctx, o.end) >= b and _plain_titles(ctx, o.end, b):
            return o.key, text[o.end:b]
    g = grammar(ctx.res)
    seg = text[a:b]
    m = g.organ_segment.fullmatch(seg) or g.head_segment.fullmatch(seg) \
        or (g.level_title.fullmatch(seg) if g.level_title else None)
    if m:
        place = _level_place(ctx, s, ms, a, m, prev)
        if place is None:
            return None
        if "organ" in m.groupdict():
            body = _organ_body(ctx, place, m.group("lvl") + m.group("organ"), m.group("organ"))
            if body is not None:
                return body, m.group("title")
        return place, seg[len(m.group("pre")):]
    if prev is not None and seg in ctx.res.titles or prev is not None and _plain_titles(ctx, a, b):
        return prev, seg
    return (_named_before(ctx, a, b) or _company_short(ctx, a, b)) if first or prev is None else None


def _plain_titles(ctx: RelationContext, a: int, b: int) -> bool:
    """Is text[a:b] one title or titles joined by 兼 (no 、: the chain splits there)?"""
    from kg.extract.posts import titles_at
    return a < b and titles_at(ctx, a) >= b and "、" not in ctx.doc.text[a:b]


def _level_place(ctx: RelationContext, s: Sentence, ms: list[M], a: int, m: re.Match, prev: str | None):
    """The Locality key a level word stands for in a segment: the place the segment names (陶家河乡党委),
    else one of that level named in the chain or earlier in the sentence, else the document's."""
    g = grammar(ctx.res)
    lvl = m.group("lvl")
    pre_end = a + len(m.group("pre"))
    lvl_end = a + m.start("lvl") + len(lvl)
    if m.group("pre"):
        # 呼伦贝尔市扎兰屯市委: a chain of places from the segment's start to the level word
        pos, last = a, None
        for x in sorted((x for x in ms if x.cls == "Locality" and a <= x.start < lvl_end), key=lambda x: x.start):
            if x.start == pos and x.end <= lvl_end:
                pos, last = x.end, x
        if last is not None and pos in (pre_end, lvl_end) and _of_level(last.key, lvl):
            return last.key
        # 舞阳县委书记: the tagger kept the place inside the title; a place the document names elsewhere
        name = m.group("pre") + (lvl if m.string[m.start("lvl") - len(lvl):m.start("lvl")] != lvl else "")
        return next((e.key for e in ctx.resolved.entities if e.cls == "Locality" and e.label == name), None)
    level = g.levels[lvl]
    # places of the level named before in the sentence, alone or inside a body's name (五华区委…，区委常委)
    before = [(x.end, k) for x in ms if x.end <= a
              for k in ([x.key] if x.cls == "Locality" else [k for k, c in ctx.nested.get(x.key, ()) if c == "Locality"])
              if _of_level(k, lvl)]
    before = [k for _, k in sorted(before)]
    if prev is not None:
        inner = [k for k, cls in ctx.nested.get(prev, ()) if cls == "Locality" and _of_level(k, lvl)] \
            or places_in_name(ctx, prev, lvl)
        if inner or _of_level(prev, lvl):
            return (inner or [prev])[-1]
    near = [(m2.end, key) for m2, key in ctx.resolved.mentions
            if m2.cls == "Locality" and m2.end <= a and a - m2.end <= 400 and _of_level(str(key), lvl)]
    if level in ("town", "village"):
        return before[-1] if before else max(near)[1] if near else None
    # a county's or city's level word: the document's place, else one named before in the sentence,
    # else the last one of that level named shortly before (盐池县召开会议。县委书记…、县长…)
    return _doc_place(ctx, level, lvl) or (before[-1] if before else max(near)[1] if near else None)


def places_in_name(ctx: RelationContext, key: str, lvl: str) -> list[str]:
    """The document's places of a level (by its level word) whose names are inside an organisation's
    name, in the order the name gives them: 中共盐池县委 → the Locality 盐池县.

    >>> ctx = RelationContext.of_text("盐池县召开会议。县委书记张三出席。")
    >>> places_in_name(ctx, "GovernmentBody/中共盐池县委", "县")
    ['Locality/盐池县']
    """
    name = EntityKey.parse(key).label
    hits = [(name.rfind(e.label), e.key) for e in ctx.resolved.entities
            if e.cls == "Locality" and e.label in name and _of_level(e.key, lvl)]
    return [k for _, k in sorted(hits)]


def _of_level(key: str, lvl: str) -> bool:
    k = EntityKey.parse(str(key))
    return k.cls == "Locality" and k.label.endswith(lvl)


def _doc_place(ctx: RelationContext, level: str, lvl: str) -> str | None:
    """The document's place of a level (province, city, county) whose name ends with the level word."""
    place = ctx.resolved.place
    # a city's 市长 is the county's when the county is a city (南安市 under 泉州市)
    names = [getattr(place, f, None) for f in (("county", "city") if level == "city" else (level,))]
    for name in names:
        if name and name.endswith(lvl):
            e = next((e for e in ctx.resolved.entities if e.cls == "Locality" and e.label == name), None)
            if e is not None:
                return e.key
    return None


def _organ_body(ctx: RelationContext, place: str, short: str, organ: str) -> str | None:
    """The document's body a level's organ names (县委 in 舞阳县: 中共舞阳县委 or 县委), if it has one."""
    label = EntityKey.parse(place).label
    g = grammar(ctx.res)
    names = {short, label + organ}
    if g.organs.get(organ) == "party":
        names |= {g.party + label + organ}
    for e in ctx.resolved.entities:
        # 区委 in 五华区: 中共五华区委, 五华区委, or a body named with the place's parents (云南省昆明市五华区委)
        if e.cls == "GovernmentBody" and (e.label in names or names & set(e.aliases) or e.label.endswith(label + organ)):
            return e.key
    return None


def _named_before(ctx: RelationContext, a: int, b: int) -> Seg | None:
    """北京市经济和信息化局局长: a body or company the document names elsewhere (the tagger missed it
    here), its full name or one of its other names, then titles."""
    text = ctx.doc.text
    for k in range(a + 2, b):
        if _plain_titles(ctx, k, b):
            name = text[a:k]
            hit = next((e.key for e in ctx.resolved.entities if e.cls in ORGS[:3]
                        and (e.label == name or name in e.aliases)), None)
            return (hit, text[k:b]) if hit else None
    return None


def _company_short(ctx: RelationContext, a: int, b: int) -> Seg | None:
    """鑫禾包装总经理: a company of the document named by part of its name, then titles."""
    from kg.extract.posts import titles_at
    text = ctx.doc.text
    for k in range(a + 2, b):
        if titles_at(ctx, k) >= b:
            short = text[a:k]
            hits = [e.key for e in ctx.resolved.entities if e.cls == "Company" and short in e.label]
            if len(short) >= 3 and len(hits) == 1:
                return hits[0], text[k:b]
            return None
    return None


def as_mention(key: str, s: Sentence, at: int) -> M:
    """An organisation key as the mention a post is read against (the sentence's, at `at`).

    >>> s = RelationContext.of_text("嵊州市召开会议。").sentences[0]
    >>> x = as_mention("Locality/嵊州市", s, 5)
    >>> x.key, x.m.text, x.start, x.end, x.m.source
    ('Locality/嵊州市', '嵊州市', 5, 5, 'context')
    """
    k = EntityKey.parse(key)
    return M(Mention(k.label, at, at, k.cls, s.index, "context"), key)


def list_title_after(ctx: RelationContext, ms: list[M], people: list[M]) -> list[tuple[M, str, str]]:
    """西安交大材料学院的甲、乙、丙等教授: a list of names between an organisation (and 的) and the title they
    share; (person, organisation key, title) for each name.

    >>> ctx = RelationContext.of_text("浙江大学的王琴英、刘振华等教授出席。")
    >>> ms = ctx.by_sentence[0]
    >>> [(p.key, org, title) for p, org, title in list_title_after(ctx, ms, [x for x in ms if x.cls == "Person"])]
    [('Person/王琴英', 'Organization/浙江大学', '教授'), ('Person/刘振华', 'Organization/浙江大学', '教授')]
    """
    from kg.extract.posts import titles_at
    from kg.extract.relation_words import DE
    text = ctx.doc.text
    out: list[tuple[M, str, str]] = []
    i = 0
    while i < len(people):
        j = i
        while j + 1 < len(people) and text[people[j].end:people[j + 1].start] == "、":
            j += 1
        run, i = people[i:j + 1], j + 1
        if len(run) < 2:
            continue
        at = run[-1].end
        at += next((len(w) for w in grammar(ctx.res).list_ends if text.startswith(w, at)), 0)
        end = titles_at(ctx, at)
        lead = run[0].start - (text[run[0].start - 1:run[0].start] == DE)
        org = next((x for x in ms if x.cls in ORGS[:3] and x.end == lead), None)
        if org is not None and end > at:
            out += [(p, org.key, text[at:end]) for p in run]
    return out


def held_by(ctx: RelationContext, s: Sentence, ms: list[M], p: M) -> tuple[str, str] | None:
    """院长由西安交大教授刘振华担任: (organisation key, title) of a title held by the name after 由, in the
    organisation the sentence is about (its first body, or a short form of one named before: 研究院).

    >>> ctx = RelationContext.of_text("嵊州市人民医院院长由浙江大学教授张三担任。")
    >>> ms = ctx.by_sentence[0]
    >>> held_by(ctx, ctx.sentences[0], ms, ms[-1])
    ('Organization/嵊州市人民医院', '院长')
    """
    from kg.extract.posts import short_of, titles_at
    g, text = grammar(ctx.res), ctx.doc.text
    if not any(text.startswith(v, p.end) for v in g.holds):
        return None
    cs = max([s.start] + [i + 1 for i in range(s.start, p.start) if text[i] in _BREAK])
    for word in g.held_by:
        k = text.find(word, cs, p.start)
        if k < 0:
            continue
        t0 = next((i for i in range(cs, k) if titles_at(ctx, i) == k), None)
        if t0 is None:
            return None
        first = next((x for x in ms if x.start == s.start and x.cls in ORGS[:3]), None)
        if first is not None:
            return first.key, text[t0:k]
        for n in range(5, 1, -1):
            short = text[s.start:s.start + n]
            named = [(m.end, str(key)) for m, key in ctx.resolved.mentions if m.end <= s.start and m.cls in ORGS[:3]]
            hits = sorted(x for x in named if short_of(ctx, short, M(Mention(short, 0, 0, "", 0, ""), x[1])))
            if hits:
                return hits[-1][1], text[t0:k]
    return None
