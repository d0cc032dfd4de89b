"""Resolution: a document's mentions → its entities, one per real-world thing, with canonical names.

Short forms become their full name in the document's context (嵊州 → 嵊州市, 省委 → 中共浙江省委),
names nested at the start of longer names become mentions of their own (嵊州市 in 嵊州市人社局,
比亚迪 in 比亚迪项目), and short company names merge with the legal name they abbreviate.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from kg.extract.divisions import Divisions, divisions
from kg.extract.recognise import document_places, drop_bracketed_tail, longest_suffix
from kg.extract.recognise_places import chain_at
from kg.extract.recognise_bodies import AFTER_COMMITTEE, BARE, DISTRIBUTIVE, addressed, full_forms, organs, parent_body, party_committee_name, zone_of
from kg.extract.resources import LEXICON, Resources, read_lines
from kg.records import QUOTES, Document, Entity, EntityKey, Mention, Sentence, entity_key, unquote  # noqa: F401 (QUOTES: re-exported)



def lexicon_words(file: str, use: str | None = None) -> tuple[str, ...]:
    """The words of a lexicon file (data/lexicon/), in file order; with `use`, only those whose
    second field (comma-separated uses) names it.

    >>> lexicon_words("level_words.txt", "level")
    ('省', '市', '县', '区')
    """
    rows = read_lines(LEXICON / file)
    return tuple(r[0] for r in rows if use is None or (len(r) > 1 and use in r[1].split(",")))


def _alt(words: tuple[str, ...]) -> str:
    """A regex alternation of the words, in their order."""
    return "|".join(map(re.escape, words))


def _field(file: str, use: str) -> dict[str, tuple[str, ...]]:
    """word → its third field (comma-separated) for the lines of one use."""
    rows = read_lines(LEXICON / file)
    return {r[0]: tuple(r[2].split(",")) if len(r) > 2 else () for r in rows
            if len(r) > 1 and use in r[1].split(",")}


_TOWNSHIP_ENDS = lexicon_words("level_words.txt", "township")             # 镇 乡 街道
_ADDRESS_ENDS = _TOWNSHIP_ENDS + lexicon_words("level_words.txt", "village")   # … 村 社区
_VILLAGE = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:" + _alt(lexicon_words("level_words.txt", "village")) + ")")
_ISSUER = re.compile("(" + _alt(lexicon_words("level_words.txt", "issuer")) + ")")
_LEVEL_BODY = re.compile("^(" + _alt(lexicon_words("level_words.txt", "level")) + ")(?!"
                         + "|".join(re.escape(w) + "$" for w in lexicon_words("level_words.txt", "own-body"))
                         + r")(.{2,})$")
_LEVEL_PLACES = _field("level_words.txt", "level")     # 市 → (county, city): the place fields it may mean
_NOT_LEVEL = lexicon_words("level_words.txt", "not-level")
_PARTY = lexicon_words("level_words.txt", "party")[0]             # 中共
_NOT_OWNER = frozenset(lexicon_words("organs.txt", "not-after"))   # 委员, 委托: not a level word's body
_UNIVERSITY_AFTER_PLACE = re.compile("(" + _alt(lexicon_words("university_words.txt", "after-place")) + ")")
_UNIVERSITY = re.compile("^(.{2,8}?(?:" + _alt(lexicon_words("university_words.txt", "ends")) + ")|.{1,8}?(?:"
                         + _alt(lexicon_words("university_words.txt", "ends-short")) + "))(?=.{2,})")
_PROJECT_HEADS = lexicon_words("project_words.txt", "head")
_THIS_PROJECT = re.compile("(" + _alt(lexicon_words("project_words.txt", "anaphor")) + ")(?:" + _alt(_PROJECT_HEADS) + ")")
_HONORIFIC = re.compile("(" + _alt(lexicon_words("honorific_endings.txt")) + ")$")
_DEVELOPER = re.compile(r"^(.{2,20}?(?:" + _alt(tuple(r[0] for r in read_lines(LEXICON / "company_suffixes.txt")
                                                       if r[2:3] == ["project"])) + "))")


def _investment_pattern() -> tuple[re.Pattern[str], dict[str, float]]:
    """The regex of an investment amount (investment_words.txt) and each unit's value."""
    def part(p: str) -> str:
        return _alt(lexicon_words("investment_words.txt", p))
    units = _field("investment_words.txt", "unit")
    rx = re.compile(f"(?:(?:{part('plan')}))?(?:{part('total')})?(?:{part('verb')})(?:(?:{part('noun')}))?"
                    f"(?:{part('about')})?" r"\s*([0-9]+(?:\.[0-9]+)?)\s*" f"({part('unit')})?(?:{part('currency')})")
    return rx, {u: float(v[0]) for u, v in units.items()}


_INVESTMENT, _UNIT_VALUE = _investment_pattern()


@dataclass(frozen=True)
class Place:
    """The document's main places, for resolving short forms such as 省委 or 市政府."""
    province: str | None = None
    city: str | None = None
    county: str | None = None
    divisions: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Resolved:
    """A document's resolution, what its relations are found from: its entities (sorted by key),
    every mention (nested ones too) with its entity's key, the names nested at the start of longer
    ones as (outer key, inner key, inner mention), and the document's place."""
    entities: list[Entity]
    mentions: list[tuple[Mention, EntityKey]]
    nested: list[tuple[EntityKey, EntityKey, Mention]] = field(default_factory=list)
    place: Place = Place()


def _trim_brackets(name: str) -> str:
    """Drop brackets left unmatched at either end: (嵊州市委组织部 → 嵊州市委组织部; keep …（高新园区）."""
    while name[:1] in "（(" and name.count(name[0]) > name.count({"（": "）", "(": ")"}[name[0]]):
        name = name[1:]
    while name[-1:] in "）)" and name.count(name[-1]) > name.count({"）": "（", ")": "("}[name[-1]]):
        name = name[:-1]
    return name


def document_place(mentions: list[Mention], d: Divisions) -> Place:
    """The document's main province, city and county (each when one place dominates its level), and
    every division its place mentions confirm, from its place mentions.

    >>> ms = [Mention(n, 0, 0, "Locality", 0, "test") for n in ("浙江", "绍兴市", "嵊州市", "嵊州")]
    >>> p = document_place(ms, divisions())
    >>> p.province, p.city, p.county
    ('浙江省', '绍兴市', '嵊州市')
    """
    found: set[int] = set()
    counts: Counter[int] = Counter()
    for m in mentions:
        if m.cls != "Locality":
            continue
        for i in d.by_name.get(m.text, ()):
            found.add(i)
        # a province's short name (浙江) is unambiguous: an article may never write 浙江省
        found.update(i for i in d.by_short.get(m.text, ()) if d.items[i].level == "province")
        # so is one written with its level word for one division (红河州, 黔东南州: 自治州 written 州)
        found.update(level_short(m.text, d))
    context = document_places(found, d)
    # short forms the recogniser confirmed by the document's places confirm their division in turn
    # (杭州 → 杭州市 in 浙江省, then 上城 → 上城区 of 杭州市, not 源城区's 上城街道)
    shorts = {m.text for m in mentions if m.cls == "Locality" and m.text in d.by_short and m.text not in d.by_name}
    grown = True
    while grown:
        grown = False
        for name in sorted(shorts):
            inside = [c for c in d.by_short[name] if c in context or d.items[c].parent in context]
            if len(inside) == 1 and inside[0] not in context:
                context.add(inside[0])
                grown = True
    for m in mentions:
        if m.cls != "Locality":
            continue
        cands = [i for i in [*d.by_name.get(m.text, ()), *d.by_short.get(m.text, ())] if i in context]
        for i in cands[:1]:
            counts[i] += 1
            for a in d.ancestors(i):
                counts[a] += 0.5
    best: dict[str, str | None] = {"province": None, "prefecture": None, "county": None}
    for level in best:
        ranked = sorted((c for c in counts if d.items[c].level == level), key=lambda c: (-counts[c], c))
        total = sum(counts[c] for c in ranked)
        # a short form (市委, 县政府) names the document's place only when one place dominates that level
        if ranked and counts[ranked[0]] >= 0.6 * total:
            best[level] = d.items[ranked[0]].name
    return Place(best["province"], best["prefecture"], best["county"], frozenset(context))


def division_of(name: str, place: Place, d: Divisions) -> int | None:
    """The division a full or short name means in this document, or None when unknown or ambiguous.

    >>> d = divisions()
    >>> d.items[division_of("嵊州", Place("浙江省"), d)].name
    '嵊州市'
    >>> division_of("开发区", Place(), d) is None      # a kind of place (generic_places.txt)
    True
    """
    from kg.extract.resources import resources
    generic = resources().generic_places
    i = None if name in generic else _division_of(name, place, d)
    return None if i is None or d.items[i].name in generic else i   # 老城(区), 开发区: kinds of place


def _division_of(name: str, place: Place, d: Divisions) -> int | None:
    exact, short = list(d.by_name.get(name, ())), list(d.by_short.get(name, ()))
    cands = exact or short
    if not cands:
        return None
    # a short form inside the document's places beats an exact name elsewhere (乌镇: 桐乡's 乌镇镇, not 佳县's 乌镇)
    either = list(dict.fromkeys(exact + short))
    inside = [c for c in either if c in place.divisions]
    if len(inside) == 1:
        return inside[0]
    near = [c for c in either if d.items[c].parent in place.divisions]
    if len(near) == 1:
        return near[0]
    if len(cands) == 1:
        c = cands[0]
        far = place.divisions and not (set(d.ancestors(c)) & place.divisions)
        if d.short_township(c, name) and far:
            return None    # a two-character township of another province, in a document about elsewhere
        return c
    top = [c for c in cands if d.items[c].level in ("province", "prefecture")]
    return top[0] if len(top) == 1 else None


def leading_place(name: str, place: Place, d: Divisions, res: Resources) -> str | None:
    """The longest place name (full, or short in context) at the start of `name`, leaving a rest.

    >>> from kg.extract.resources import resources
    >>> d, res = divisions(), resources()
    >>> leading_place("嵊州市人民政府", Place("浙江省"), d, res), leading_place("人民政府", Place(), d, res)
    ('嵊州市', None)
    """
    for L in range(min(len(name) - 1, 12), 1, -1):
        head = name[:L]
        if head in d.by_name:
            if division_of(head, place, d) is not None or any(c in place.divisions for c in d.by_name[head]):
                return head
        elif head in d.by_short:
            i = division_of(head, place, d)
            if i is not None and (i in place.divisions or d.items[i].level in ("province", "prefecture")
                                  or (d.items[i].level == "county" and len(d.by_short[head]) == 1
                                      and set(d.ancestors(i)) & place.divisions)):
                # 海盐良信电器 in a Zhejiang article: a county's only short form, in the document's province
                return head
    return None


def _after_address(name: str, place: Place, d: Divisions, res: Resources) -> str | None:
    """The name after a chain of two or more places that ends in a township or village, or None."""
    pos, n = 0, 0
    while (lead := leading_place(name[pos:], place, d, res)) is not None:
        pos += len(lead)
        n += 1
    if n >= 1 and name[:pos].endswith(_TOWNSHIP_ENDS):
        # a village of that township, which the division list may not index by name (…街道河西村)
        village = _VILLAGE.match(name[pos:])
        if village and len(name) - pos - len(village.group()) >= 4:
            pos += len(village.group())
            n += 1
    if n < 2 or len(name) - pos < 4 or not name[:pos].endswith(_ADDRESS_ENDS):
        return None
    return name[pos:]


def _company_core(name: str, place: Place, d: Divisions, res: Resources) -> str | None:
    """嵊州陌桑高科股份有限公司 → 陌桑高科: the short name a legal name is usually cited by."""
    legal = longest_suffix(name, res.company_legal)
    if not legal:
        return None
    core = name[: -len(legal)]
    for _ in range(2):
        lead = leading_place(core, place, d, res)
        if lead and len(core) - len(lead) >= 2:
            core = core[len(lead):]
    core = re.sub(r"^[（(][^）)]*[）)]", "", core)
    return core if len(core) >= 2 and core != name else None


def _investment(text: str) -> tuple[str, str] | None:
    m = _INVESTMENT.search(text)
    if not m:
        return None
    value = float(m.group(1)) * (_UNIT_VALUE[m.group(2)] if m.group(2) else 1)
    return (f"{value:.0f}", m.group(0))


@dataclass(frozen=True)
class Named:
    """A mention with the entity it names in its document: class, canonical label, aliases and
    attributes (adminLevel, investment …), before mentions of one entity are grouped."""
    mention: Mention
    cls: str
    label: str
    aliases: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Nested:
    """A name nested at the start of a longer one (嵊州市 in 嵊州市人社局): both mentions."""
    outer: Mention
    inner: Mention


@dataclass(frozen=True)
class _Context:
    """What naming a document's mentions needs besides the mention: the document and its places."""
    text: str
    sentences: list[Sentence]
    place: Place
    d: Divisions
    res: Resources
    policy: dict[int, str]                   # id(mention) → the full title it cites
    placed: list[tuple[int, int, int]]       # (start, sentence, division) of the places named


def resolve(doc: Document, sentences: list[Sentence], mentions: list[Mention], res: Resources) -> Resolved:
    """The document's entities: its mentions named in the document's context (short forms made full,
    names nested at the start of longer names made mentions of their own), grouped by entity and merged
    where one name is another's short form.

    >>> from kg.extract.resources import resources
    >>> from kg.records import Document, Mention, Sentence
    >>> text = "嵊州市位于浙江省。嵊州经济发展良好。"
    >>> doc = Document("d", "d.txt", text)
    >>> sentences = [Sentence("d", 0, 0, 9, text[:9]), Sentence("d", 1, 9, 18, text[9:])]
    >>> ms = [Mention("嵊州市", 0, 3, "Locality", 0, "test"), Mention("浙江省", 5, 8, "Locality", 0, "test"),
    ...       Mention("嵊州", 9, 11, "Locality", 1, "test")]
    >>> r = resolve(doc, sentences, ms, resources())
    >>> [(e.key, e.mentions, e.aliases) for e in r.entities]
    [('Locality/嵊州市', 3, ('嵊州',)), ('Locality/浙江省', 2, ('浙江',))]
    >>> r.place.province, r.place.county
    ('浙江省', '嵊州市')
    """
    d = divisions()
    mentions = [p for m in mentions for p in joint_parts(m)]
    place = document_place(mentions + _body_places(mentions, d, res), d)
    ctx = _Context(doc.text, sentences, place, d, res, _policy_titles(mentions), _placed_mentions(mentions, place, d))
    named: list[Named] = []
    nested: list[Nested] = []
    for m in mentions:
        name = _trim_brackets(m.text.strip())
        n = _named(m, name, ctx)
        if n is None:
            continue     # 《办法》 with no full title in the document: nothing to say which one
        named.append(n)
        nested.extend(_nested_in(m, name, ctx))
    # companies inside project names: 比亚迪新能源…项目, 贝达药业(嵊州)…项目, 浙江纳米抗体技术中心有限公司年产…项目
    nested.extend(_developers(named, ctx))
    # 沧州 of 沧州渤海新区 in a project's name: a nested place's own leading place is named too
    nested.extend(y for x in list(nested) if x.inner.cls == "Locality" for y in _nested_in(x.inner, x.inner.text, ctx))
    for x in nested:
        if x.inner.cls == "Locality":
            named.append(_locality(x.inner, x.inner.text, place, d, res))
        elif x.inner.cls == "GovernmentBody":
            named.append(_named(x.inner, x.inner.text, ctx))
        else:
            named.append(Named(x.inner, x.inner.cls, x.inner.canonical or x.inner.text))
    return _localise(_group(named, nested, place, res, d, doc.text), doc.id, res)


JOINT = "organ-joint"      # the source of the government half of a joint name (沭阳县委县政府 → 县政府)


def joint_parts(m: Mention) -> list[Mention]:
    """A party committee and a government written as one name (沭阳县委县政府, 镇党委镇政府, 市委市政府)
    as the two bodies it names; any other mention as it is.

    >>> [(p.text, p.canonical) for p in joint_parts(Mention("沭阳县委县政府", 0, 7, "GovernmentBody", 0, "suffix"))]
    [('沭阳县委', None), ('县政府', '沭阳县政府')]
    >>> [p.text for p in joint_parts(Mention("沭阳县委组织部", 0, 7, "GovernmentBody", 0, "suffix"))]
    ['沭阳县委组织部']
    """
    o = organs()
    if m.cls != "GovernmentBody":
        return [m]
    name = m.text
    for c in o.pattern.finditer(name):
        if not o.is_kind(c.group(), "committee", "party"):
            continue
        i = c.end()
        level = next((w for w in sorted((*o.levels, *_TOWNSHIP_ENDS), key=len, reverse=True) if name.startswith(w, i)), None)
        state = name[i + len(level):] if level else ""
        if not state or not o.pattern.fullmatch(state) or not o.is_kind(state, "state"):
            continue
        place = name[:c.start()]
        owner = place if place.endswith(level) else (place + level if not place else "")
        return [replace(m, text=name[:i], end=m.start + i),
                replace(m, text=name[i:], start=m.start + i, source=JOINT, canonical=(owner + state) if owner else None)]
    return [m]


def level_short(name: str, d: Divisions) -> tuple[int, ...]:
    """The one prefecture or county a short form written with its level word names (红河州, 黔东南州:
    自治州 written 州), else ().

    >>> [divisions().items[i].name for i in level_short("红河州", divisions())], level_short("红河", divisions())
    (['红河哈尼族彝族自治州'], ())
    """
    if name[-1:] not in organs().levels or name in d.by_name:
        return ()
    large = tuple(i for i in d.by_short.get(name, ()) if d.items[i].level in ("prefecture", "county"))
    return large if len(large) == 1 else ()


def _body_places(mentions: list[Mention], d: Divisions, res: Resources) -> list[Mention]:
    """The places a body's name opens with, written in full (东莞市 of 东莞市发展和改革委员会): they say
    where the document is as much as the places it names by themselves."""
    out = []
    for m in mentions:
        if m.cls != "GovernmentBody":
            continue
        chain = _chain_in(m.text, 0, res)
        out += [Mention(m.text[a:b], m.start + a, m.start + b, "Locality", m.sentence, "nested", 0.8) for a, b in chain]
        pos = chain[-1][1] if chain else 0
        while True:
            lead = next((m.text[pos:pos + n] for n in range(min(10, len(m.text) - pos - 1), 1, -1)
                         if (m.text[pos:pos + n] in d.by_name or level_short(m.text[pos:pos + n], d))
                         and m.text[pos:pos + n] not in res.generic_places), None)
            if lead is None:
                break
            out.append(Mention(lead, m.start + pos, m.start + pos + len(lead), "Locality", m.sentence, "nested", 0.8))
            pos += len(lead)
    return out


def _chain_in(name: str, pos: int, res: Resources) -> list[tuple[int, int]]:
    """The place chain a name holds from `pos` (湘西州凤凰县沱江镇 of …党委), when a name follows it; a
    short form last is the start of that name, not a place (天津滨海高新区, 磐安县安文小学)."""
    chain = chain_at(name, pos, frozenset(res.generic_places))
    while chain and not chain[-1][2]:
        chain.pop()
    return [(a, b) for a, b, _ in chain] if chain and len(name) - chain[-1][1] >= 2 else []


def _named(m: Mention, name: str, ctx: _Context) -> Named | None:
    """The entity one mention names (None for a short policy citation of no title in the document)."""
    place, d, res = ctx.place, ctx.d, ctx.res
    if m.cls == "PolicyDocument":
        title = ctx.policy.get(id(m))
        if title is None:
            return None
        return Named(m, "PolicyDocument", title, (unquote(name),) if unquote(name) != title else ())
    if m.cls == "Locality":
        return _locality(m, name, place, d, res)
    if m.cls == "GovernmentBody":
        if name.startswith(DISTRIBUTIVE) or addressed(ctx.text, m.start, _sentence_start(m, ctx)):
            return None          # 各乡镇人民政府, 各县、区人民政府: the addressees of a notice, a class of bodies
        # a department named after its committee's title (市委常委、组织部部长) is read by its full name (市委组织部)
        written = m.canonical if m.source in (AFTER_COMMITTEE, JOINT) and m.canonical else name
        if m.source == BARE or (m.source not in _OWN_NAME and _bare_organ(name, res)):
            owner = bare_place(name, place, Counter(d.items[i].name for _, _, i in ctx.placed))
            if owner is None and m.source == BARE:
                return None      # 市场监管局 in an article naming no one place of its level: no body to name
            written = owner + name if owner else written
        return Named(m, "GovernmentBody", *body_name(written, _nearby_place(m, place, ctx.placed, ctx.sentences, d), res))
    if m.cls == "Person":
        label = _HONORIFIC.sub("", name) if len(name) > 3 else name
        return Named(m, "Person", m.canonical or label, (name,) if label != name else ())
    if m.cls == "Programme":
        return Named(m, "Programme", *_programme(m, name, res))
    if m.cls == "Project":
        return _project(m, name, ctx)
    if m.cls == "Organization" and (rest := _after_address(name, place, d, res)):
        # 江北区甬江街道河西村梅竹路幼儿园: an address of two or more places before the name is where
        # it is, not part of its name
        return Named(m, "Organization", rest, (name,))
    if m.cls == "Company" and dict(m.attrs).get("core"):
        return Named(m, "Company", unquote(name), (dict(m.attrs)["core"],))
    return Named(m, m.cls, m.canonical or name)


def _sentence_start(m: Mention, ctx: _Context) -> int:
    return ctx.sentences[m.sentence].start if 0 <= m.sentence < len(ctx.sentences) else 0


def _project(m: Mention, name: str, ctx: _Context) -> Named:
    """A project, named without the full place name it opens with, and its investment amount."""
    lead = leading_place(name, ctx.place, ctx.d, ctx.res)
    if lead and lead not in ctx.d.by_name:
        lead = None     # 浙江纳米抗体技术中心… keeps its province: only full place names are stripped
    if lead and len(name) - len(lead) >= 4:
        label, aliases = name[len(lead):], (name,)
    else:
        label, aliases = name, ()
    sentences = ctx.sentences
    inv = _investment(ctx.text[m.end:sentences[m.sentence].end])
    nxt = sentences[m.sentence + 1].text if m.sentence + 1 < len(sentences) else ""
    if inv is None and _THIS_PROJECT.search(nxt[:16]):
        inv = _investment(nxt)
    if inv is None:
        inv = _investment(sentences[m.sentence].text)
    attrs = (("investment", inv[0]), ("investmentText", inv[1])) if inv else ()
    return Named(m, "Project", label, aliases, attrs)


_NESTING = ("GovernmentBody", "Organization", "Company", "Project", "Programme", "Locality", "PolicyDocument")


def _nested_in(m: Mention, name: str, ctx: _Context) -> list[Nested]:
    """Names nested at the start of this one: a chain of places (嵊州市三界镇政府, each a mention, the
    last the most specific) and, in an organisation's name, its university."""
    if m.cls not in _NESTING:
        return []
    out = []
    inner_name = unquote(name)
    off = m.text.find(inner_name[:1]) if inner_name else 0
    # 中共舞阳县委, 政协某某县委员会, 中国人民银行肇庆市分行: the places come after the organ's opening name
    pos = next((len(c) for c in organs().central if m.cls == "GovernmentBody" and inner_name.startswith(c)), 0)
    # 湘西州凤凰县沱江镇党委: a chain of the division list, each a child of the one before, whatever
    # the document's other places (the town's name alone is ambiguous)
    chain = _chain_in(inner_name, pos, ctx.res) if m.cls != "Locality" else []
    for a, b in chain:
        out.append(Nested(m, Mention(inner_name[a:b], m.start + off + a, m.start + off + b, "Locality",
                                     m.sentence, "nested", 0.8)))
    pos = chain[-1][1] if chain else pos
    while True:
        lead = leading_place(inner_name[pos:], ctx.place, ctx.d, ctx.res)
        if not lead or (m.cls == "Locality" and pos + len(lead) >= len(inner_name)):
            break
        if _UNIVERSITY_AFTER_PLACE.match(inner_name[pos + len(lead):]):
            break       # 苏州大学, 西安交大: part of the university's name, not a place mention
        out.append(Nested(m, Mention(lead, m.start + off + pos, m.start + off + pos + len(lead), "Locality",
                                     m.sentence, "nested", 0.8)))
        pos += len(lead)
    zone = zone_of(inner_name) if m.cls == "GovernmentBody" else None
    if zone and zone not in ctx.res.generic_places:
        # 天津滨海高新区管委会: the zone it administers is a place of its own, inside the places before it
        out.append(Nested(m, Mention(zone, m.start + off, m.start + off + len(zone), "Locality", m.sentence,
                                     "nested", 0.75)))
    parent = parent_body(inner_name) if m.cls == "GovernmentBody" else None
    if parent:
        # 南安市人民政府办公室, 浙江省应急厅防汛抗旱处: the body a sub-unit belongs to is named too
        out.append(Nested(m, Mention(parent, m.start + off, m.start + off + len(parent), "GovernmentBody",
                                     m.sentence, "nested", 0.75)))
    for at, body in (_title_bodies(inner_name, ctx.res) if m.cls == "PolicyDocument" else []):
        # 《中共中央 国务院关于…的意见》: the central bodies its title opens with are named (its issuers)
        out.append(Nested(m, Mention(body, m.start + off + at, m.start + off + at + len(body), "GovernmentBody",
                                     m.sentence, "nested", 0.75)))
    parent = _branch_parent(inner_name, ctx.res) if m.cls == "Company" else None
    if parent:
        # 中国电信股份有限公司常州分公司: the company it is a branch of is named too
        out.append(Nested(m, Mention(parent, m.start + off, m.start + off + len(parent), "Company", m.sentence,
                                     "nested", 0.75)))
    if m.cls == "Organization":
        mm = _UNIVERSITY.match(name)
        if mm:
            out.append(Nested(m, Mention(mm.group(1), m.start, m.start + len(mm.group(1)), "Organization",
                                         m.sentence, "nested", 0.75, ctx.res.known.get(mm.group(1), (None, None))[1])))
    return out


_BRANCH = lexicon_words("company_groups.txt", "branch")
_ABOUT = lexicon_words("issuer_words.txt", "about")
_TITLE_JOINTS = lexicon_words("issuer_words.txt", "title-joint") + (" ", "\u3000")


def _title_bodies(title: str, res: Resources) -> list[tuple[int, str]]:
    """《中共中央 国务院关于…》 → 中共中央, 国务院: the known bodies (entities.txt, central_bodies.txt) a
    title opens with before 关于, when its head is those bodies only; [] otherwise."""
    at = min((i for i in (title.find(w) for w in _ABOUT) if i > 0), default=-1)
    pos, out = 0, []
    while 0 <= pos < at:
        joint = next((j for j in _TITLE_JOINTS if title.startswith(j, pos)), None)
        if joint:
            pos += len(joint)
            continue
        n = max((L for L in range(2, at - pos + 1) if res.known.get(title[pos:pos + L], ("",))[0] == "GovernmentBody"),
                default=0)
        if not n:
            return []
        out.append((pos, title[pos:pos + n]))
        pos += n
    return out


def _branch_parent(name: str, res: Resources) -> str | None:
    """中国电信股份有限公司常州分公司 → 中国电信股份有限公司: the legal name a branch's name opens with, then a
    place of two to eight characters and the branch word."""
    branch = next((b for b in _BRANCH if name.endswith(b)), None)
    if branch is None:
        return None
    for legal in sorted(res.company_legal, key=len, reverse=True):
        at = name.find(legal, 2)
        rest = len(name) - len(branch) - (at + len(legal))
        if at >= 2 and 2 <= rest <= 8:
            return name[:at + len(legal)]
    return None


def _developers(named: list[Named], ctx: _Context) -> list[Nested]:
    """The company at the start of each project's name: a company of the document or a known one,
    a name with its place in brackets (贝达药业(嵊州)…), or one ending in a legal or trade word."""
    res, d = ctx.res, ctx.d
    companies = {n.mention.text for n in named if n.cls == "Company"} | {
        k for k, (c, _) in res.known.items() if c == "Company"}
    out = []
    for n in named:
        if n.cls != "Project":
            continue
        m, body = n.mention, n.label
        off = m.text.find(body) if body in m.text else 0
        hit = next((c for c in sorted(companies, key=len, reverse=True) if body.startswith(c) and len(body) > len(c) + 1), None)
        if hit is None:
            paren = re.match(r"^([\u4e00-\u9fff]{2,6})[（(]([\u4e00-\u9fff]{2,6})[）)]", body)
            if paren and (paren.group(2) in d.by_name or paren.group(2) in d.by_short):
                hit = paren.group(1)
        if hit is None:
            legal = _DEVELOPER.match(body)
            short = re.match(r"^([^\d０-９]{2,6}?(?:" + "|".join(map(re.escape, res.company_short)) + "))", body)
            if short and not legal and not _trade_named(short.group(1), res, body[short.end():]):
                short = None    # 智能网联汽车, 宝鸡钛谷新材料: common or place words before an industry word
            hit = legal.group(1) if legal else short.group(1) if short else None
            if legal and off > 0 and m.text[:off] + hit == m.text[:off + len(hit)]:
                # 舞阳县鑫禾包装材料有限公司…项目: a legal name keeps the place it is registered under
                hit, off = m.text[:off] + hit, 0
        if hit:
            out.append(Nested(m, Mention(hit, m.start + off, m.start + off + len(hit), "Company", m.sentence, "nested", 0.7,
                                         res.known.get(hit, (None, None))[1])))
    return out


def _trade_named(name: str, res: Resources, after: str = "") -> bool:
    """Does a short company name (trade word + industry word) open with a trade name (鑫磊新能源), not
    common or place words (智能网联汽车, 宝鸡钛谷新材料|产业园)? A place before the trade name counts when
    an annual capacity follows the company in the project's name (海宁晶科能源|年产…项目).

    >>> from kg.extract.resources import resources
    >>> _trade_named("鑫磊新能源", resources()), _trade_named("智能网联汽车", resources())
    (True, False)
    >>> _trade_named("海宁晶科能源", resources(), "年产11GW高效电池项目"), _trade_named("宝鸡钛谷新材料", resources(), "产业园")
    (True, False)
    """
    from kg.extract.recognise_base import is_place
    from kg.extract.recognise_projects import CAPACITY, trade_word
    end = longest_suffix(name, res.company_short)
    if not end:
        return False
    trade = name[:-len(end)]
    if trade_word(trade):
        return True
    return after.startswith(CAPACITY) and any(is_place(trade[:n]) and trade_word(trade[n:]) for n in (2, 3))


# 县委, 市政府, 县经信局, 镇党委: names whose place only the document's context gives
LEVEL_WORD = re.compile("^(" + _alt(lexicon_words("level_words.txt", "local")) + ")")


def context_dependent(name: str, res: Resources) -> bool:
    """Is this body name a short form that means a different body in every document (县委, 县经信局)?

    >>> from kg.extract.resources import resources
    >>> context_dependent("县经信局", resources()), context_dependent("市场监管局", resources())
    (True, False)
    """
    if any(cls == "GovernmentBody" and name == short for cls, short, _ in res.abbreviations):
        return True
    return bool(LEVEL_WORD.match(name)) and name not in res.known and not name.startswith(_NOT_LEVEL)


def _localise(r: Resolved, doc_id: str, res: Resources) -> Resolved:
    """A short form the document gave no place for (县委 in an article naming no county) stays an entity of
    this document: its key carries the document id, so no other document's 县委 merges with it."""
    moves = {e.key: EntityKey(e.cls, f"{EntityKey.parse(e.key).label}@{doc_id}") for e in r.entities
             if e.cls in ("GovernmentBody", "Organization") and context_dependent(e.label, res)}
    if not moves:
        return r
    entities = [Entity(moves[e.key], e.cls, e.label, e.aliases, e.mentions, e.confidence,
                       tuple(sorted({**dict(e.attrs), "local": doc_id}.items())))
                if e.key in moves else e for e in r.entities]
    mentions = [(m, moves.get(k, k)) for m, k in r.mentions]
    nested = [(moves.get(a, a), moves.get(b, b), m) for a, b, m in r.nested]
    return Resolved(sorted(entities, key=lambda e: e.key), mentions, nested, r.place)


def _placed_mentions(mentions: list[Mention], place: Place, d: Divisions) -> list[tuple[int, int, int]]:
    """(start, sentence, division) of each place mention the division list knows, in text order."""
    out = []
    for m in mentions:
        if m.cls == "Locality":
            i = division_of(m.text, place, d)
            if i is not None and d.items[i].level in ("province", "prefecture", "county"):
                out.append((m.start, m.sentence, i))
    out.sort()
    return out


def _nearby_place(m: Mention, place: Place, placed: list[tuple[int, int, int]], sentences: list[Sentence],
                  d: Divisions) -> Place:
    """The document's place, with the levels it leaves open filled from the places named just before
    the mention in its paragraph (德清县…县委 in an article about several counties)."""
    if place.province and place.city and place.county:
        return place
    para = sentences[m.sentence].paragraph
    found: dict[str, str] = {}
    # `placed` is in text order: walk back from the mention and stop at the paragraph's start or once
    # every level is known (the nearest place of each level wins), so a long document stays linear
    for start, si, i in reversed(placed[:bisect.bisect_left(placed, (m.start,))]):
        if sentences[si].paragraph != para or len(found) == 3:
            break
        item = d.items[i]
        level = {"province": "province", "prefecture": "city", "county": "county"}[item.level]
        found.setdefault(level, item.name)
        for a in d.ancestors(i):
            al = {"province": "province", "prefecture": "city", "county": "county"}.get(d.items[a].level)
            if al:
                found.setdefault(al, d.items[a].name)
    if not found:
        return place
    return Place(place.province or found.get("province"), place.city or found.get("city"),
                 place.county or found.get("county"), place.divisions)


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


def _policy_titles(mentions: list[Mention]) -> dict[int, str]:
    """The full title each policy-document mention cites: its own, or for a short citation
    (《若干措施》, 《办法》) the nearest full title of the document it abbreviates, preferring one
    cited before it. A short citation that matches none is left out (absent from the result)."""
    cites = [m for m in mentions if m.cls == "PolicyDocument"]
    titles = [(m.start, (m.canonical or m.text).strip("《》")) for m in cites]
    out: dict[int, str] = {}
    for m, (pos, t) in zip(cites, titles):
        fuller = [(p, f) for p, f in titles if len(t) <= 8 and len(f) > len(t) and f[-1] == t[-1] and (f.endswith(t) or _subsequence(t, f))]
        if fuller:
            before = [x for x in fuller if x[0] < pos]
            out[id(m)] = (max(before) if before else min(fuller, key=lambda x: (x[0] - pos, x[1])))[1]
        elif len(t) > 6 or _ISSUER.search(t):
            out[id(m)] = t     # a full title, or one that names its issuer's place
    return out


def _locality(m: Mention, name: str, place: Place, d: Divisions, res: Resources) -> Named:
    """A place: the division it means in the document (with its level, path and code), else its name
    without a bracketed tail or the place it opens with before a zone ending."""
    i = division_of(name, place, d)
    if i is not None:
        item = d.items[i]
        attrs = {"adminLevel": item.level,
                 "adminPath": "/".join([d.items[a].name for a in reversed(d.ancestors(i))] + [item.name])}
        if item.code:
            attrs["adminCode"] = item.code
        return Named(m, "Locality", item.name, ((name,) if name != item.name else ()), tuple(attrs.items()))
    aliases = []
    label = name
    plain = drop_bracketed_tail(name)
    if plain != name and len(plain) >= 3:
        aliases.append(name)
        label = plain
    lead = leading_place(label, place, d, res)
    z = longest_suffix(label, res.zone_suffixes)
    if lead and z and len(label) - len(lead) - len(z) >= 2:
        aliases.append(label)
        label = label[len(lead):]
    return Named(m, "Locality", label, tuple(a for a in aliases if a != label))


def body_name(name: str, place: Place, res: Resources) -> tuple[str, tuple[str, ...]]:
    """A government body's full name in a document about `place`, and the written form as its alias
    when that differs: a context-dependent short form (abbreviations.txt), a known body, or a level
    word standing for the document's place of that level.

    >>> from kg.extract.resources import resources
    >>> body_name("市人社局", Place("浙江省", "绍兴市", "嵊州市"), resources())
    ('嵊州市人力资源和社会保障局', ('市人社局', '嵊州市人社局'))
    >>> body_name("县人社局", Place("浙江省", "绍兴市"), resources())
    ('县人社局', ())
    >>> [body_name(n, Place("福建省", "泉州市", "南安市"), resources())[0] for n in ("市委", "县委", "省委")]
    ['中共南安市委', '县委', '中共福建省委']
    """
    single = _short_place_in_full(undoubled(name))
    label, aliases = _placed_body_name(single, place, res)
    if single != name:
        aliases = tuple(dict.fromkeys((*aliases, name)))
    full = full_forms(label) if _placed(label, res) and not context_dependent(label, res) else ()
    if len(full) == 1 and full[0] != label:
        # 市发改委 → 肇庆市发改委 → 肇庆市发展和改革委员会: the official name, every written form an alias
        return full[0], tuple(dict.fromkeys((*aliases, label)))
    return label, aliases


def undoubled(name: str) -> str:
    """A body's name with the level word after a place that already ends in it written once: 嵩县县委
    → 嵩县委, 泾县县政府 → 泾县政府 (the standard way of naming the organs of a one-character county).

    >>> undoubled("嵩县县委"), undoubled("泾县县人民政府"), undoubled("嘉兴市市场监管局"), undoubled("县委")
    ('嵩县委', '泾县人民政府', '嘉兴市市场监管局', '县委')
    """
    d, o = divisions(), organs()
    for n in range(min(len(name) - 2, 10), 1, -1):
        word = name[n]
        if name[n - 1] == word and word in o.levels and name[:n] in d.by_name \
                and o.pattern.match(name, n + 1) and not o.pattern.match(name, n):
            return name[:n] + name[n + 1:]
    return name


def _short_place_in_full(name: str) -> str:
    """A body's name with the short form it opens with (a division's, written with its level word)
    written in full: 红河州委 → 红河哈尼族彝族自治州委, as 州委 in its news resolves."""
    d, o = divisions(), organs()
    # after a province written in full, too (贵州省黔东南州委)
    for lead in (0, *(k for k in range(2, min(len(name) - 3, 8) + 1) if name[:k] in d.by_name)):
        for n in range(min(len(name) - 1, lead + 10), lead + 2, -1):
            one = level_short(name[lead:n], d)
            if one and o.pattern.match(name, n):
                return name[:lead] + d.items[one[0]].name + name[n:]
    return name


def _placed(name: str, res: Resources) -> bool:
    """Does a body's name open with a division's full name, 中共 or a central organ (a name its full
    form may be read from: not 浙江法院, the province's courts, nor 高新区管委会, a kind of place's)?"""
    d = divisions()
    return name.startswith((_PARTY, *organs().central)) or \
        any(name[:n] in d.by_name and name[:n] not in res.generic_places for n in range(2, min(len(name), 12)))


def _placed_body_name(name: str, place: Place, res: Resources) -> tuple[str, tuple[str, ...]]:
    """A body's name with the document's place filled in for a level word or a listed short form."""
    values = {"province": place.province, "city": place.city, "county": place.county}
    for cls, short, pattern in res.abbreviations:
        if cls == "GovernmentBody" and name == short:
            keys = re.findall(r"{(\w+)}", pattern)
            vals = dict(values)
            # the level word decides the place, as for 市人社局: 市委 in 南安市's news is 南安市's committee
            # (a county-level city's), not 泉州市's; 县委 in 宁乡市's news is not 宁乡市's
            word = next((w for w in _LEVEL_PLACES if name.startswith(w)), None)
            if word and len(keys) == 1:
                vals[keys[0]] = level_place(word, place)
            if all(vals.get(k) for k in keys):
                return pattern.format(**vals), (name,)
    if name in res.known and res.known[name][0] == "GovernmentBody":
        canon = res.known[name][1]
        return canon, ((name,) if canon != name else ())
    # 省经信厅, 市人社局, 县委组织部: the level word stands for the document's place of that level
    level = _LEVEL_BODY.match(name)
    zone_organ = level and (o := organs().pattern.match(level.group(2))) and organs().is_kind(o.group(), "zone")
    if level and not zone_organ:      # 区党工委 (开发区|区党工委): a zone's organ, no county's
        owner = level_place(level.group(1), place)
        if owner:
            return owner + level.group(2), (name,)
    owner = _organ_level(name, place)
    if owner:
        return owner[0] + name[owner[1]:], (name,)
    party = party_committee_name(name)        # 南安市委 → 中共南安市委, as 市委 resolves
    return (party, (name,)) if party else (name, ())


def bare_place(organ: str, place: Place, named: Counter[str] | None = None) -> str | None:
    """The place a department written with no place belongs to, from the document's places and how
    often each is `named`: its province for a 厅; its county when the document has one county and one
    prefecture and names the county at least as often as the prefecture; else its prefecture when it
    names the prefecture at least as often as all counties together; else None.

    >>> bare_place("市场监管局", Place("浙江省", "台州市", "三门县")), bare_place("工信厅", Place("四川省"))
    ('三门县', '四川省')
    >>> bare_place("市场监管局", Place("浙江省", None, "德清县")), bare_place("市场监管局", Place("广东省", "肇庆市"))
    (None, '肇庆市')
    >>> bare_place("市场监管局", Place("广东省", "肇庆市", "高要区"), Counter({"肇庆市": 5, "高要区": 1}))
    '肇庆市'
    """
    tier = next((t for e, t in organs().tiers.items() if organ.endswith(e)), None)
    if tier is not None:
        return getattr(place, _PLACE_FIELD[tier])
    named = named or Counter()
    if place.county and place.city and named[place.county] >= named[place.city]:
        return place.county
    counties = sum(n for name, n in named.items() if name != place.city and name != place.province)
    return place.city if place.city and counties <= named[place.city] else None


_PLACE_FIELD = {"province": "province", "prefecture": "city", "county": "county"}
_OWN_NAME = ("lexicon", "abbreviation", "quote", "title")     # sources whose name is the body's own


def _bare_organ(name: str, res: Resources) -> bool:
    """Is the name a department of organs.txt alone, no place, no level word (市场监管局, 工信厅)?"""
    o = organs()
    return len(name) >= 3 and name not in res.known and bool(o.pattern.fullmatch(name)) and o.is_kind(name, "department")


def _organ_level(name: str, place: Place) -> tuple[str, int] | None:
    """(the place, the length of the level word) when a body's name opens with a level word of
    organs.txt the document's place gives (州农业农村局 → 甘孜藏族自治州, 区委 → 武进区, 旗委)."""
    for word, fields in organs().levels.items():
        organ = organs().pattern.match(name, len(word)) if name.startswith(word) else None
        if organ is None or name.startswith(_NOT_LEVEL) or name[len(word):len(word) + 1] in _NOT_OWNER \
                or organs().is_kind(organ.group(), "zone"):
            continue     # 区党工委, 区管委会: a zone's organs (开发区|区党工委), no county's
        for f in fields:
            value = getattr(place, f, None) if f != "ends" else None
            if value and ("ends" not in fields or value.endswith(word)):
                return value, len(word)
    return None


def level_place(word: str, place: Place) -> str | None:
    """The place a level word (省/市/县/区, level_words.txt) refers to in this document: 市 is the
    county-level city when there is one, 县 and 区 only a county of that kind.

    >>> p = Place("浙江省", "绍兴市", "嵊州市")
    >>> level_place("省", p), level_place("市", p), level_place("县", p)
    ('浙江省', '嵊州市', None)
    """
    for field_name in _LEVEL_PLACES.get(word, ()):
        value = getattr(place, field_name)
        if field_name != "county" or (value and value.endswith(word)):
            return value
    return None



def _programme(m: Mention, name: str, res: Resources) -> tuple[str, tuple[str, ...]]:
    if m.canonical:
        return m.canonical, (name, unquote(name))
    attrs = dict(m.attrs)
    core, head = attrs.get("core"), attrs.get("head")
    aliases = [unquote(name)]
    if core and head and res.programme_heads.get(head) == "merge" and name.startswith("“") and not attrs.get("modifier"):
        # “民情日记”平台 is the programme 民情日记
        return f"“{core}”", (name, unquote(name), core)
    if core:
        aliases.append(core)
        if head:
            aliases.append(core + head)
    return name, tuple(dict.fromkeys(a for a in aliases if a and a != name))


@dataclass(frozen=True)
class _Group:
    """The mentions of one entity key in a document: its written labels (and how often), aliases,
    first value of each attribute, mention count and combined score. The merges (`_merges`) add
    aliases to `aliases` and `attrs` of the groups they fold in."""
    cls: str
    labels: Counter[str]
    aliases: set[str]
    attrs: dict[str, str]
    mentions: int
    score: float


def _group(named: list[Named], nested: list[Nested], place: Place, res: Resources, d: Divisions,
           text: str) -> Resolved:
    """Group the named mentions by class and quote-free label, merge the groups that are one entity,
    and make the entities."""
    groups, mention_keys = _groups(named, res, text)
    moves = _merges(groups, place, res, d)
    final = {k: _follow(moves, k) for k in groups}
    merged = _merged(groups, final)
    entities = [_entity(k, g) for k, g in sorted(merged.items())]
    mentions = [(m, final[k]) for m, k in mention_keys]
    by_mention = {id(m): k for m, k in mentions}
    nested_keys = [(by_mention[id(x.outer)], by_mention[id(x.inner)], x.inner) for x in nested]
    return Resolved(entities, mentions, nested_keys, place)


def _groups(named: list[Named], res: Resources, text: str) -> tuple[dict[EntityKey, _Group], list[tuple[Mention, EntityKey]]]:
    """The group of each key (in order of first mention), and each mention's key."""
    by_key: dict[EntityKey, list[Named]] = {}
    mention_keys: list[tuple[Mention, EntityKey]] = []
    for n in named:
        k = entity_key(n.cls, unquote(n.label))
        by_key.setdefault(k, []).append(n)
        mention_keys.append((n.mention, k))
    return {k: _group_of(ns, res, text) for k, ns in by_key.items()}, mention_keys


def _group_of(named: list[Named], res: Resources, text: str) -> _Group:
    labels: Counter[str] = Counter()
    aliases: set[str] = set()
    attrs: dict[str, str] = {}
    score = 0.0
    for n in named:
        labels[n.label] += 1
        aliases.update(n.aliases)
        # a listed alias is kept only where this document writes it (altLabels are forms seen)
        aliases.update(a for a in res.known_aliases.get((n.cls, n.label), ()) if a in text)
        aliases.add(n.mention.text.strip())
        for a, v in n.attrs:
            attrs.setdefault(a, v)
        score = 1 - (1 - score) * (1 - n.mention.score)
    return _Group(named[0].cls, labels, aliases, attrs, len(named), score)


def _merged(groups: dict[EntityKey, _Group], final: dict[EntityKey, EntityKey]) -> dict[EntityKey, _Group]:
    """The groups folded into the ones they merge with: labels of the target only, the others' labels
    as aliases, attributes first come first kept, mentions summed, the best score."""
    members: dict[EntityKey, list[EntityKey]] = {k: [] for k in groups if final[k] == k}
    for k in groups:
        members[final[k]].append(k)
    out = {}
    for t, keys in members.items():
        labels: Counter[str] = Counter()
        aliases: set[str] = set()
        attrs: dict[str, str] = {}
        score = 0.0
        for k in keys:
            g = groups[k]
            if k == t:
                labels.update(g.labels)
            aliases.update(g.aliases)
            if k != t:
                aliases.update(g.labels)
            for a, v in g.attrs.items():
                attrs.setdefault(a, v)
            score = max(score, g.score)
        out[t] = _Group(groups[t].cls, labels, aliases, attrs, sum(groups[k].mentions for k in keys), score)
    return out


def _entity(k: EntityKey, g: _Group) -> Entity:
    """The entity of a merged group; its label is the most frequent written form (quotes kept:
    “最多跑一次”改革) when that is the key's label."""
    label = k.label
    written = max(g.labels.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0] if g.labels else label
    label_out = written if unquote(written) == label else label
    aliases = sorted(a for a in g.aliases if a and a != label_out)
    return Entity(k, g.cls, label_out, tuple(aliases), g.mentions, round(min(g.score, 0.99), 3),
                  tuple(sorted(g.attrs.items())))


def _follow(moves: dict[EntityKey, EntityKey], k: EntityKey) -> EntityKey:
    seen = set()
    while k in moves and k not in seen:
        seen.add(k)
        k = moves[k]
    return k


def _merges(groups: dict[EntityKey, _Group], place: Place, res: Resources, d: Divisions) -> dict[EntityKey, EntityKey]:
    """Which entity keys fold into which: short company names into legal names, a programme's
    shorter forms into its full name, a name into the entity that has it as an alias."""
    moves: dict[EntityKey, EntityKey] = {}
    by_cls: dict[str, list[EntityKey]] = defaultdict(list)
    for k, g in groups.items():
        by_cls[g.cls].append(k)
    _merge_companies(moves, groups, by_cls["Company"], place, res, d)
    progs = sorted(by_cls["Programme"], key=lambda k: -len(k))
    _merge_programmes(moves, groups, progs)
    _merge_projects(moves, by_cls["Project"])
    _merge_bodies(moves, groups, by_cls["GovernmentBody"])
    # any class: a name that is exactly one other entity's alias
    for cls, keys in by_cls.items():
        if cls in ("Company", "Programme"):
            continue
        for k in keys:
            owners = [o for o in keys if o != k and k.label in groups[o].aliases and o not in moves]
            if len(owners) == 1 and k not in moves:
                moves[k] = owners[0]
    _drop_shared_cores(moves, groups, progs)
    return moves


def _merge_companies(moves: dict[EntityKey, EntityKey], groups: dict[EntityKey, _Group], companies: list[EntityKey],
                     place: Place, res: Resources, d: Divisions) -> None:
    # companies: 陌桑高科 → 嵊州陌桑高科股份有限公司
    for k in companies:
        core = _company_core(k.label, place, d, res)
        if core and entity_key("Company", core) in groups:
            moves[entity_key("Company", core)] = k
            groups[k].aliases.add(core)
    # companies cited without their place: 越鲜食品有限公司 → 嵊州市越鲜食品有限公司
    for k in companies:
        n = k.label
        lead = leading_place(n, place, d, res)
        rest = entity_key("Company", n[len(lead):]) if lead else None
        if rest and rest != k and rest in groups and rest not in moves and len(n) - len(lead) >= 4:
            moves[rest] = k
            groups[k].aliases.add(n[len(lead):])


def _merge_bodies(moves: dict[EntityKey, EntityKey], groups: dict[EntityKey, _Group], bodies: list[EntityKey]) -> None:
    """A body written with its organ's short form merges into the body the document names in full
    (舞阳县发改委 → 舞阳县发展和改革委员会, 省工信厅 → 山东省工业和信息化厅; organs.txt), a party
    committee written without 中共 into the one written with it (筠连县委 → 中共筠连县委)."""
    for k in bodies:
        fulls = [entity_key("GovernmentBody", f) for f in (*full_forms(k.label), _PARTY + k.label)]
        owners = list(dict.fromkeys(f for f in fulls if f in groups and f != k))
        if len(owners) == 1 and k not in moves:
            moves[k] = owners[0]
            groups[owners[0]].aliases.add(k.label)


def _merge_programmes(moves: dict[EntityKey, EntityKey], groups: dict[EntityKey, _Group], progs: list[EntityKey]) -> None:
    # programmes: “2+1+X”改革 → 政务服务增值化“2+1+X”改革; “1+9+X” → “1+9+X”政策体系
    for k in progs:
        n = k.label
        longer = [o for o in progs if o != k and len(o.label) > len(n) and o.label.endswith(n) and o not in moves]
        if len(longer) == 1:
            moves[k] = longer[0]
            continue
        owners = [o for o in progs if o != k and o not in moves and n in groups[o].aliases]
        if len(owners) == 1:
            moves[k] = owners[0]


def _merge_projects(moves: dict[EntityKey, EntityKey], projects: list[EntityKey]) -> None:
    # projects: 比亚迪项目 → the one other project of 比亚迪 the document names
    for k in projects:
        n = k.label
        head = next((h for h in _PROJECT_HEADS if n.endswith(h)), None)
        if head and len(n) <= 10:
            owner = n[:-len(head)]
            others = [o for o in projects if o != k and o.label.startswith(owner)]
            if len(others) == 1:
                moves[k] = others[0]


def _drop_shared_cores(moves: dict[EntityKey, EntityKey], groups: dict[EntityKey, _Group], progs: list[EntityKey]) -> None:
    # a programme core claimed by two programmes (“4173”产业集群, “4173”专项行动) is nobody's alias
    core_owners: dict[str, list[EntityKey]] = defaultdict(list)
    for k in progs:
        if k in moves:
            continue
        for a in groups[k].aliases:
            core_owners[unquote(a)].append(k)
    for a, owners in core_owners.items():
        if len(set(owners)) > 1:
            for o in set(owners):
                groups[o].aliases.discard(a)
