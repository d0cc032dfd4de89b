"""Resolution: a document's mentions → its entities, one per real-world thing, with canonical names.

Short forms become their full name in the document's context (嵊州 → 嵊州市, 省委 → 中共浙江省委),
names nested at the start of longer names become mentions of their own (嵊州市 in 嵊州市人社局,
比亚迪 in 比亚迪项目), and short company names merge with the legal name they abbreviate.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.extract.divisions import Divisions, divisions
from kg.extract.recognise import document_places, drop_bracketed_tail, longest_suffix
from kg.extract.resources import LEXICON, Resources, read_lines
from kg.records import Document, Entity, EntityKey, Mention, Sentence, entity_key

QUOTES = "“”\"‘’「」『』《》"


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
    entities: list[Entity]
    mentions: list[tuple[Mention, str]]            # every mention (nested ones too) with its entity key
    nested: list[tuple[str, str, Mention]] = field(default_factory=list)   # (outer key, inner key, inner mention)
    place: Place = Place()


def _trim_brackets(name: str) -> str:
    """Drop brackets left unmatched at either end: (嵊州市委组织部 → 嵊州市委组织部; keep …（高新园区）."""
    while name[:1] in "（(" and name.count(name[0]) > name.count({"（": "）", "(": ")"}[name[0]]):
        name = name[1:]
    while name[-1:] in "）)" and name.count(name[-1]) > name.count({"）": "（", ")": "("}[name[-1]]):
        name = name[:-1]
    return name


def unquote(s: str) -> str:
    return "".join(ch for ch in s if ch not in QUOTES)


def document_place(mentions: list[Mention], d: Divisions) -> Place:
    found: set[int] = set()
    counts: Counter[int] = Counter()
    for m in mentions:
        if m.cls != "Locality":
            continue
        for i in d.by_name.get(m.text, ()):
            found.add(i)
        # a province's short name (浙江) is unambiguous: an article may never write 浙江省
        found.update(i for i in d.by_short.get(m.text, ()) if d.items[i].level == "province")
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
    """The division a full or short name means in this document, or None when unknown or ambiguous."""
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


def _leading_place(name: str, place: Place, d: Divisions, res: Resources) -> str | None:
    """The longest place name (full, or short in context) at the start of `name`, leaving a rest."""
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
    while (lead := _leading_place(name[pos:], place, d, res)) is not None:
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
        lead = _leading_place(core, place, d, res)
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


def resolve(doc: Document, sentences: list[Sentence], mentions: list[Mention], res: Resources) -> Resolved:
    d = divisions()
    place = document_place(mentions, d)
    text = doc.text
    canon: list[tuple[Mention, str, str, tuple[str, ...], dict[str, str]]] = []   # mention, cls, label, aliases, attrs
    nested: list[tuple[int, Mention]] = []   # (index of outer in canon, inner mention)

    def add(m: Mention, cls: str, label: str, aliases: tuple[str, ...] = (), attrs: dict[str, str] | None = None) -> int:
        canon.append((m, cls, label, aliases, attrs or {}))
        return len(canon) - 1

    policy = _policy_titles(mentions)
    placed = _placed_mentions(mentions, place, d)
    for m in mentions:
        name = _trim_brackets(m.text.strip())
        if m.cls == "PolicyDocument":
            title = policy.get(id(m))
            if title is None:
                continue     # 《办法》 with no full title in the document: nothing to say which one
            idx = add(m, "PolicyDocument", title, (unquote(name),) if unquote(name) != title else ())
        elif m.cls == "Locality":
            idx = add(m, *_locality(m, name, place, d, res))
        elif m.cls == "GovernmentBody":
            idx = add(m, "GovernmentBody", *_body(name, _nearby_place(m, place, placed, sentences, d), res))
        elif m.cls == "Person":
            label = _HONORIFIC.sub("", name) if len(name) > 3 else name
            idx = add(m, "Person", m.canonical or label, (name,) if label != name else ())
        elif m.cls == "Programme":
            idx = add(m, "Programme", *_programme(m, name, res))
        elif m.cls == "Project":
            lead = _leading_place(name, place, d, res)
            if lead and lead not in d.by_name:
                lead = None     # 浙江纳米抗体技术中心… keeps its province: only full place names are stripped
            if lead and len(name) - len(lead) >= 4:
                idx = add(m, "Project", name[len(lead):], (name,))
            else:
                idx = add(m, "Project", name)
            inv = _investment(text[m.end:sentences[m.sentence].end])
            nxt = sentences[m.sentence + 1].text if m.sentence + 1 < len(sentences) else ""
            if inv is None and _THIS_PROJECT.search(nxt[:16]):
                inv = _investment(nxt)
            if inv is None:
                inv = _investment(sentences[m.sentence].text)
            if inv:
                canon[idx][4].update(investment=inv[0], investmentText=inv[1])
        elif m.cls == "Organization" and (rest := _after_address(name, place, d, res)):
            # 江北区甬江街道河西村梅竹路幼儿园: an address of two or more places before the name is where
            # it is, not part of its name
            idx = add(m, "Organization", rest, (name,))
        elif m.cls == "Company" and dict(m.attrs).get("core"):
            core = dict(m.attrs)["core"]
            idx = add(m, "Company", unquote(name), (core,))
        else:
            idx = add(m, m.cls, m.canonical or name)
        # names nested at the start of this one: a place, a parent organisation, a developer
        if m.cls in ("GovernmentBody", "Organization", "Company", "Project", "Programme", "Locality", "PolicyDocument"):
            inner_name = unquote(name)
            off = m.text.find(inner_name[:1]) if inner_name else 0
            # a chain of places (嵊州市三界镇政府): each becomes a mention; the last is the most specific
            pos = 0
            while m.cls != "Person":
                lead = _leading_place(inner_name[pos:], place, d, res)
                if not lead or (m.cls == "Locality" and pos + len(lead) >= len(inner_name)):
                    break
                if _UNIVERSITY_AFTER_PLACE.match(inner_name[pos + len(lead):]):
                    break       # 苏州大学, 西安交大: part of the university's name, not a place mention
                nested.append((idx, Mention(lead, m.start + off + pos, m.start + off + pos + len(lead), "Locality",
                                            m.sentence, "nested", 0.8)))
                pos += len(lead)
            if m.cls == "Organization":
                mm = _UNIVERSITY.match(name)
                if mm:
                    nested.append((idx, Mention(mm.group(1), m.start, m.start + len(mm.group(1)), "Organization",
                                                m.sentence, "nested", 0.75, res.known.get(mm.group(1), (None, None))[1])))
    # companies inside project names: 比亚迪新能源…项目, 贝达药业(嵊州)…项目, 浙江纳米抗体技术中心有限公司年产…项目
    companies = {m.text for m, cls, *_ in canon if cls == "Company"} | {n for n, (c, _) in res.known.items() if c == "Company"}
    for idx, (m, cls, label, aliases, attrs) in enumerate(list(canon)):
        if cls != "Project":
            continue
        body = label
        off = m.text.find(body) if body in m.text else 0
        hit = next((c for c in sorted(companies, key=len, reverse=True) if body.startswith(c) and len(body) > len(c) + 1), None)
        if hit is None:
            paren = re.match(r"^([\u4e00-\u9fff]{2,6})[（(]([\u4e00-\u9fff]{2,6})[）)]", body)
            if paren and (paren.group(2) in d.by_name or paren.group(2) in d.by_short):
                hit = paren.group(1)
        if hit is None:
            legal = _DEVELOPER.match(body)
            short = re.match(r"^(.{2,6}?(?:" + "|".join(map(re.escape, res.company_short)) + "))", body)
            hit = legal.group(1) if legal else short.group(1) if short else None
        if hit:
            nested.append((idx, Mention(hit, m.start + off, m.start + off + len(hit), "Company", m.sentence, "nested", 0.7,
                                        res.known.get(hit, (None, None))[1])))
    for outer, inner in nested:
        if inner.cls == "Locality":
            canon.append((inner, *_locality(inner, inner.text, place, d, res)))
        else:
            canon.append((inner, inner.cls, inner.canonical or inner.text, (), {}))
    return _localise(_group(canon, nested, place, res, d, text), doc.id, res)


# 县委, 市政府, 县经信局, 镇党委: names whose place only the document's context gives
LEVEL_WORD = re.compile("^(" + _alt(lexicon_words("level_words.txt", "local")) + ")")
_LEVEL_WORD = LEVEL_WORD     # alias for relations.py until it imports the public name


def context_dependent(name: str, res: Resources) -> bool:
    """Is this body name a short form that means a different body in every document (县委, 县经信局)?"""
    if any(cls == "GovernmentBody" and name == short for cls, short, _ in res.abbreviations):
        return True
    return bool(_LEVEL_WORD.match(name)) and name not in res.known and not name.startswith(_NOT_LEVEL)


def _localise(r: Resolved, doc_id: str, res: Resources) -> Resolved:
    """A short form the document gave no place for (县委 in an article naming no county) stays an entity of
    this document: its key carries the document id, so no other document's 县委 merges with it."""
    moves = {e.key: f"{e.key}@{doc_id}" for e in r.entities
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


def _locality(m: Mention, name: str, place: Place, d: Divisions, res: Resources) -> tuple[str, str, tuple[str, ...], dict[str, str]]:
    i = division_of(name, place, d)
    if i is not None:
        item = d.items[i]
        attrs = {"adminLevel": item.level,
                 "adminPath": "/".join([d.items[a].name for a in reversed(d.ancestors(i))] + [item.name])}
        if item.code:
            attrs["adminCode"] = item.code
        return "Locality", item.name, ((name,) if name != item.name else ()), attrs
    aliases = []
    label = name
    plain = drop_bracketed_tail(name)
    if plain != name and len(plain) >= 3:
        aliases.append(name)
        label = plain
    lead = _leading_place(label, place, d, res)
    z = longest_suffix(label, res.zone_suffixes)
    if lead and z and len(label) - len(lead) - len(z) >= 2:
        aliases.append(label)
        label = label[len(lead):]
    return "Locality", label, tuple(a for a in aliases if a != label), {}


def _body(name: str, place: Place, res: Resources) -> tuple[str, tuple[str, ...]]:
    values = {"province": place.province, "city": place.city, "county": place.county}
    for cls, short, pattern in res.abbreviations:
        if cls == "GovernmentBody" and name == short:
            keys = re.findall(r"{(\w+)}", pattern)
            if all(values.get(k) for k in keys):
                return pattern.format(**values), (name,)
    if name in res.known and res.known[name][0] == "GovernmentBody":
        canon = res.known[name][1]
        return canon, ((name,) if canon != name else ())
    # 省经信厅, 市人社局, 县委组织部: the level word stands for the document's place of that level
    level = _LEVEL_BODY.match(name)
    if level:
        owner = _level_place(level.group(1), place)
        if owner:
            return owner + level.group(2), (name,)
    return name, ()


def _level_place(word: str, place: Place) -> str | None:
    """The place 省/市/县/区 refers to in this document (市 is the county-level city when there is one)."""
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


def _group(canon, nested, place: Place, res: Resources, d: Divisions, text: str) -> Resolved:
    # key by class and quote-free label
    groups: dict[str, dict] = {}
    mention_keys: list[tuple[Mention, str]] = []
    for m, cls, label, aliases, attrs in canon:
        k = entity_key(cls, unquote(label))
        g = groups.setdefault(k, {"cls": cls, "labels": Counter(), "aliases": set(), "attrs": {}, "mentions": 0,
                                  "score": 0.0})
        g["labels"][label] += 1
        g["aliases"].update(aliases)
        # a listed alias is kept only where this document writes it (altLabels are forms seen)
        g["aliases"].update(a for a in res.known_aliases.get((cls, label), ()) if a in text)
        g["aliases"].add(m.text.strip())
        for a, v in attrs.items():
            g["attrs"].setdefault(a, v)
        g["mentions"] += 1
        g["score"] = 1 - (1 - g["score"]) * (1 - m.score)
        mention_keys.append((m, k))
    moves = _merges(groups, place, res, d)
    final: dict[str, str] = {k: _follow(moves, k) for k in groups}
    merged: dict[str, dict] = {}
    for k, g in groups.items():
        t = final[k]
        if t == k:
            merged.setdefault(k, {"cls": g["cls"], "labels": Counter(), "aliases": set(), "attrs": {}, "mentions": 0, "score": 0.0})
    for k, g in groups.items():
        t = merged[final[k]]
        t["labels"].update(g["labels"] if final[k] == k else Counter())
        t["aliases"].update(g["aliases"])
        if final[k] != k:
            t["aliases"].update(g["labels"])
        for a, v in g["attrs"].items():
            t["attrs"].setdefault(a, v)
        t["mentions"] += g["mentions"]
        t["score"] = max(t["score"], g["score"])
    entities = []
    for k, g in sorted(merged.items()):
        label = k.split("/", 1)[1]
        # the label is the most frequent written form (quotes kept: “最多跑一次”改革)
        written = max(g["labels"].items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0] if g["labels"] else label
        if unquote(written) == label:
            label_out = written
        else:
            label_out = label
        aliases = sorted(a for a in g["aliases"] if a and a != label_out)
        entities.append(Entity(k, g["cls"], label_out, tuple(aliases), g["mentions"], round(min(g["score"], 0.99), 3),
                               tuple(sorted(g["attrs"].items()))))
    keys = {k: final[k] for k in groups}
    mentions = [(m, keys[k]) for m, k in mention_keys]
    nested_keys = []
    by_mention = {id(m): k for m, k in mentions}
    for outer_idx, inner in nested:
        outer_m = canon[outer_idx][0]
        nested_keys.append((by_mention[id(outer_m)], by_mention[id(inner)], inner))
    return Resolved(entities, mentions, nested_keys, place)


def _follow(moves: dict[str, str], k: str) -> str:
    seen = set()
    while k in moves and k not in seen:
        seen.add(k)
        k = moves[k]
    return k


def _merges(groups: dict[str, dict], place: Place, res: Resources, d: Divisions) -> dict[str, str]:
    """Which entity keys fold into which: short company names into legal names, a programme's
    shorter forms into its full name, a name into the entity that has it as an alias."""
    moves: dict[str, str] = {}
    by_cls: dict[str, list[str]] = defaultdict(list)
    for k, g in groups.items():
        by_cls[g["cls"]].append(k)
    # companies: 陌桑高科 → 嵊州陌桑高科股份有限公司
    for k in by_cls["Company"]:
        core = _company_core(k.split("/", 1)[1], place, d, res)
        if core and entity_key("Company", core) in groups:
            moves[entity_key("Company", core)] = k
            groups[k]["aliases"].add(core)
    # companies cited without their place: 越鲜食品有限公司 → 嵊州市越鲜食品有限公司
    for k in by_cls["Company"]:
        n = k.split("/", 1)[1]
        lead = _leading_place(n, place, d, res)
        rest = entity_key("Company", n[len(lead):]) if lead else None
        if rest and rest != k and rest in groups and rest not in moves and len(n) - len(lead) >= 4:
            moves[rest] = k
            groups[k]["aliases"].add(n[len(lead):])
    # programmes: “2+1+X”改革 → 政务服务增值化“2+1+X”改革; “1+9+X” → “1+9+X”政策体系
    progs = sorted(by_cls["Programme"], key=lambda k: -len(k))
    names = {k: k.split("/", 1)[1] for k in progs}
    for k in progs:
        n = names[k]
        longer = [o for o in progs if o != k and len(names[o]) > len(n) and names[o].endswith(n) and o not in moves]
        if len(longer) == 1:
            moves[k] = longer[0]
            continue
        owners = [o for o in progs if o != k and o not in moves and n in groups[o]["aliases"]]
        if len(owners) == 1:
            moves[k] = owners[0]
    # projects: 比亚迪项目 → the one other project of 比亚迪 the document names
    projects = by_cls["Project"]
    for k in projects:
        n = k.split("/", 1)[1]
        head = next((h for h in _PROJECT_HEADS if n.endswith(h)), None)
        if head and len(n) <= 10:
            owner = n[:-len(head)]
            others = [o for o in projects if o != k and o.split("/", 1)[1].startswith(owner)]
            if len(others) == 1:
                moves[k] = others[0]
    # any class: a name that is exactly one other entity's alias
    for cls, keys in by_cls.items():
        if cls in ("Company", "Programme"):
            continue
        for k in keys:
            n = k.split("/", 1)[1]
            owners = [o for o in keys if o != k and n in groups[o]["aliases"] and o not in moves]
            if len(owners) == 1 and k not in moves:
                moves[k] = owners[0]
    # a programme core claimed by two programmes (“4173”产业集群, “4173”专项行动) is nobody's alias
    core_owners: dict[str, list[str]] = defaultdict(list)
    for k in progs:
        if k in moves:
            continue
        for a in groups[k]["aliases"]:
            core_owners[unquote(a)].append(k)
    for a, owners in core_owners.items():
        if len(set(owners)) > 1:
            for o in set(owners):
                groups[o]["aliases"].discard(a)
    return moves
