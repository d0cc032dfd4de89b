"""People: the tagger's persons repaired and checked, bylines and credits, and the mention passes
that drop unsupported people and add the people who open a programme's name.
"""
from __future__ import annotations

import re
from collections import Counter

from kg.extract import words
from kg.extract.recognise_base import (CJK_RE, Context, Token, FUNCTION, make_mention, person_known, alternation,
                                       common_word, has_surname, lexicon, longest_suffix)
from kg.extract.registry import component
from kg.extract.resources import Resources
from kg.records import Mention


# one character the tagger glues to the end of a name: 张德广和, 江泽民图, 郜南摄, 胡德平等, 麦当娜们
_PERSON_TAIL = frozenset(lexicon(FUNCTION, "person-tail"))
_PERSON_JOIN = frozenset(lexicon(FUNCTION, "person-join"))     # of those, the joining ones
_NOT_NAME_END = frozenset(lexicon(FUNCTION, "not-name-end"))


def _dotted_name(name: str, start: int, res) -> tuple[int, int] | None:
    """The span of a foreign name joined by · (理查德·赖尔登) that starts at `start`, or None."""
    stripped = name.strip("·")
    start += len(name) - len(name.lstrip("·"))
    end = start + len(stripped)
    # 江泽民斯洛博丹·米洛舍维奇: the tagger glued a known name to the foreign one
    lead = next((k for k in (stripped[:n] for n in range(4, 1, -1)) if person_known(k, res)), None)
    if lead:
        start += len(lead)
        stripped = stripped[len(lead):]
    parts = stripped.split("·")
    return (start, end) if len(stripped) >= 4 and len(parts) > 1 and all(CJK_RE.match(p) for p in parts) else None


def _dot_between(toks: list[Token], a: int, b: int) -> bool:
    """Are toks[a] and toks[b] persons the tagger split at a · between them (阿不都热依木 · 艾买提)?"""
    return 0 <= a and b < len(toks) and b == a + 2 and toks[a + 1].text == "·" \
        and toks[a].tag == "PER" and toks[b].tag == "PER"


def _titled_without_surname(text: str, start: int, name: str, res) -> bool:
    """书记洛绒泽仁, 县长扎西次仁: a Tibetan or Uyghur name has no surname (or opens with a character that is
    one, 洛), the title before it says it is a name.

    >>> from kg.extract.resources import resources
    >>> _titled_without_surname("巨水村党支部书记格绒多吉说", 8, "格绒多吉", resources())
    True
    """
    return 3 <= len(name) <= 6 and text[:start].rstrip(" \u3000").endswith(res.titles) and not common_word(name) \
        and (len(name) >= 4 or not has_surname(name, res))


def person_span(ctx: Context, toks: list[Token], i: int) -> tuple[int, int] | None:
    """The span of a person the tagger marks at toks[i], repaired, or None when it is no person.

    Chinese names need a surname and must not be an everyday word (徐缓, 岑寂); foreign names are
    written with transliteration characters (克林顿) or joined by · (理查德·赖尔登). An over-long span
    loses a title or joining character after the name (乔石委员, 张德广和); a two-character span cut
    before a rare final character regains it when a boundary follows (叶德|撑， → 叶德撑).

    >>> from kg.extract.recognise_base import context
    >>> ctx = context("王琴英出席会议。")
    >>> person_span(ctx, ctx.tokens[0], 0), person_span(ctx, ctx.tokens[0], 1)
    ((0, 3), None)
    """
    res, text, t = ctx.res, ctx.doc.text, toks[i]
    start, end = t.start, t.end
    if _dot_between(toks, i - 2, i) or _dot_between(toks, i, i + 2):
        # 阿不都热依木 · 艾买提: the tagger split a name at its ·; read whole at its first part
        return None if _dot_between(toks, i - 2, i) else _dotted_name(text[start:toks[i + 2].end], start, res)
    name = text[start:end].strip()
    if not CJK_RE.match(name) or _inside_other_name(text, start, end, res) or _DOC_NUMBER.match(text, start):
        return None
    title = longest_suffix(name, res.honorifics)
    if title and len(name) - len(title) >= 2:
        end -= len(title)
    elif title:
        return None             # 邓先生, 毕教授, 周总理: a surname and a title, no name to key on
    elif len(name) >= 3 and name[-1] in _PERSON_TAIL and (len(name) == 4 or name[-1] not in _PERSON_JOIN) \
            and has_surname(name, res) and not person_known(name, res):
        end -= 1
    name = text[start:end]
    if "·" in name:
        return _dotted_name(name, start, res)
    if len(name) == 2 and end == t.end and i + 1 < len(toks):
        nxt = toks[i + 1]
        after = text[nxt.end:nxt.end + 1]
        if len(nxt.text) == 1 and CJK_RE.match(nxt.text) and nxt.text not in _NOT_NAME_END \
                and nxt.tag not in ("c", "p", "u", "r", "m", "q", "f", "xc") and has_surname(name, res) \
                and nxt.text not in res.not_given \
                and (not after or after in _BOUNDARY_CHARS or text.startswith(res.titles + res.person_after, nxt.end)):
            end = nxt.end
            name = text[start:end]
    if person_known(name, res):
        return start, end
    if name in res.titles:
        return None
    if _titled_without_surname(text, start, name, res):
        return start, end
    if has_surname(name, res) and 2 <= len(name) <= 4:
        if len(name) == 4 and name[:2] not in res.surnames:
            return None         # 艾蒲青翠, 胡庆余堂: four characters need a compound surname
        if any(c in res.not_given for c in name[1:]):
            return None         # 危废: 废 is in nobody's given name
        return (start, end) if not common_word(name) else None
    if 3 <= len(name) <= 10 and all(c in res.transliteration for c in name):
        return start, end       # 克林顿, 普里马科夫: a foreign name
    if len(name) == 2 and all(c in res.transliteration for c in name) and words.foreign_name(name):
        return start, end       # 亨特, 休斯: a foreign name jieba knows
    if len(name) == 2 and name in ctx.given_names():
        return start, end       # 炳奎 after 王炳奎: the given name of a person the document names
    return None


# 甘政办发〔2024〕35号, 张政发[2023]3号: a document number's issuer code, whose first character is often a surname
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔［\[【(（]\d{4}[〕］\]】)）]\s*\d+")
_BOUNDARY_CHARS = set(" \t\n，。、：；！？“”（）()/")


def _inside_other_name(text: str, start: int, end: int, res: Resources) -> bool:
    """A tagged person that is really part of something else: a quoted name (“王中王”围棋争霸赛,
    台风“杜苏芮”) or the start of a programme name (云招才计划)."""
    if text[start - 1:start] == "“" and text[end:end + 1] == "”":
        return True
    after = re.match(r"[\u4e00-\u9fff]{0,2}", text[end:end + 8]).group()
    rest = text[end:end + len(after) + 4]
    return any(rest.startswith(after[:n] + h) for n in range(1, len(after) + 1)
               for h in res.programme_heads if len(h) >= 2)


_BYLINE_TOKEN = re.compile(r"^[\u4e00-\u9fff]{2,3}$")


# 本刊记者 沈佳薇, 记者 张三 通讯员 李四: a credit word starting a line or after a space or mark, then
# up to three names, each ending the line or followed by a space, 、 or punctuation (not 记者看到，)
_BYLINE_WORDS = "byline_words.txt"
_PHOTO = lexicon(_BYLINE_WORDS, "photo")
_CREDIT_WORDS = frozenset(lexicon(_BYLINE_WORDS, "credit")) | frozenset(lexicon(_BYLINE_WORDS, "masthead")) \
    | frozenset(lexicon(_BYLINE_WORDS, "role"))
_CREDIT = re.compile(r"(?:^|(?<=[\s■/|（(]))(?:" + alternation(lexicon(_BYLINE_WORDS, "masthead")) + ")?(?:"
                     + alternation(lexicon(_BYLINE_WORDS, "credit")) + r")[ ：:]?"
                     r"([\u4e00-\u9fff]{2,3}(?:[ 、][\u4e00-\u9fff]{2,3}){0,2})(?![\u4e00-\u9fff])")
# 王五 摄, 王五 赵六摄: names before the photo credit at a line's end
_PHOTO_CREDIT = re.compile(r"(?:(?<=\s)|^)((?:[\u4e00-\u9fff]{2,3} ){0,2}[\u4e00-\u9fff]{2,3}) ?(?:"
                           + alternation(_PHOTO) + ")$")


_TITLED: dict[tuple[str, ...], re.Pattern] = {}


def _titled(res: Resources) -> re.Pattern:
    p = _TITLED.get(res.titles)
    if p is None:
        alt = "|".join(map(re.escape, res.titles))
        p = _TITLED[res.titles] = re.compile(rf"(?:{alt})[ \u3000]+([\u4e00-\u9fff]{{2,3}})(?=$|[\s，。、；：,;:])")
    return p


def _name_like(word: str, res: Resources) -> bool:
    """有德者 前程远 is a slogan, not two names: each needs a surname and no everyday word."""
    return has_surname(word, res) and not common_word(word) and not any(c in res.not_given for c in word[1:])


@component("recogniser", "bylines",
           data=("lexicon/byline_words.txt", "lexicon/surnames.txt", "lexicon/titles.txt", "lexicon/not_given_names.txt",
                 "lexicon/stop_names.txt"))
def bylines(ctx: Context) -> list[Mention]:
    """Authors and photographers: a line of 2–4 names, ■names, 本刊记者 X, X 摄, /X in contents.

    >>> from kg.extract.recognise import context
    >>> [m.text for m in bylines(context("本刊记者 张伟\\n王芳 摄"))]
    ['张伟', '王芳']
    """
    out = []
    text = ctx.doc.text
    for si, s in enumerate(ctx.sentences):
        line = s.text
        spans: list[tuple[int, int]] = []
        body = line.lstrip("■ ")
        off = len(line) - len(body)
        parts = body.split(" ")
        # a line of names (阮帅 施展) needs at least half of them to look like names (有德者 前程远 is a slogan)
        if 1 <= len(parts) <= 4 and all(_BYLINE_TOKEN.match(p) for p in parts) \
                and 2 * sum(_name_like(p, ctx.res) for p in parts) >= len(parts) and (len(parts) > 1 or line.startswith("■")):
            pos = off
            for p in parts:
                spans.append((pos, pos + len(p)))
                pos += len(p) + 1
        for m in _CREDIT.finditer(line):
            for n in re.finditer(r"[\u4e00-\u9fff]{2,3}", m.group(1)):
                # 记者 刘晓峰 通讯员 郑文博: the second credit word is no name; 记者：下一步，… is a question
                if has_surname(n.group(0), ctx.res) and n.group(0) not in _CREDIT_WORDS:
                    spans.append((m.start(1) + n.start(), m.start(1) + n.end()))
        for m in _PHOTO_CREDIT.finditer(line):
            for n in re.finditer(r"[\u4e00-\u9fff]{2,3}", m.group(1)):
                spans.append((m.start(1) + n.start(), m.start(1) + n.end()))
        for m in _titled(ctx.res).finditer(line):
            # 中共浙江省委书记 易炼红: a title, a space, a name (headline and signature layout)
            if _name_like(m.group(1), ctx.res):
                spans.append((m.start(1), m.end(1)))
        for m in re.finditer(r"/([\u4e00-\u9fff]{2,3}(?: [\u4e00-\u9fff]{2,3}){0,2})$", line):
            for n in re.finditer(r"[\u4e00-\u9fff]{2,3}", m.group(1)):
                spans.append((m.start(1) + n.start(), m.start(1) + n.end()))
        for a, b in spans:
            name = line[a:b]
            if name.endswith(_PHOTO) or name in ctx.res.stop or name in ctx.res.titles or name in _CREDIT_WORDS:
                continue
            out.append(Mention(name, s.start + a, s.start + b, "Person", si, "byline", 0.7))
    del text
    return out


@component("mention-pass", "unsupported-people", data=("lexicon/person_cues.txt", "lexicon/titles.txt"))
def unsupported_people(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """Drop people only the tagger found, once, with nothing around them that a name has.

    A person only the tagger found, once in the document, needs something around it that a name
    has: a role or title before it (负责人, 摄影师, 镇长), a word after it (说, 表示, 先生),
    punctuation or a space or the line's start before it. 隋唐至宋元明清, 减少文来文往 are not people.

    >>> from kg.extract.recognise import context
    >>> unsupported_people(context("步履徐缓，四周岑寂。"), [Mention("徐缓", 2, 4, "Person", 0, "lac", 0.6)])
    []
    """
    res, text = ctx.res, ctx.doc.text
    seen = Counter(m.text for m in mentions if m.cls == "Person")
    out = []
    for m in mentions:
        if m.cls == "Person" and m.source == "lac" and m.score < 0.7 and seen[m.text] == 1:
            # 步履徐缓，四周岑寂: an everyday word needs a word for people around it, punctuation is not enough
            before, after = text[max(0, m.start - 8):m.start].rstrip(), text[m.end:m.end + 4]
            strong = tuple(w for w in res.person_before + res.titles + res.person_after if len(w) >= 2)
            if not (before.endswith(strong) or after.startswith(strong)):
                continue
        if m.cls == "Person" and m.source == "lac" and seen[m.text] == 1:
            before, after = text[max(0, m.start - 8):m.start], text[m.end:m.end + 4]
            if _wrapped(before, after):
                before = before.rstrip()      # 全过⏎⏎程民主决策: a column break inside a sentence is no boundary
            cue = (not before or not _wordlike(before[-1]) or before.endswith(res.person_before)
                   or before.endswith(res.titles) or m.text.endswith(res.titles + res.person_before) or not after
                   or after[0] in " \t\n，。、：；“”）)" or after.startswith(res.person_after)
                   or after.startswith(res.titles))          # 江泽民主席: a title after the name
            if not cue:
                continue
        out.append(m)
    return out


def _wrapped(before: str, after: str) -> bool:
    """Does a line break right before a name only wrap a sentence (a word before it, a word after the
    name, no punctuation), as in magazine columns broken every few characters?"""
    gap = before[len(before.rstrip()):]
    return "\n" in gap and bool(before.strip()) and CJK_RE.match(before.rstrip()[-1]) is not None \
        and bool(after) and CJK_RE.match(after[0]) is not None


def _wordlike(ch: str) -> bool:
    """A character that can continue a word (CJK, letters), unlike punctuation, numbers, marks and
    spaces ((１)卡比拉, ①霍华德)."""
    return ch.isalpha()


@component("mention-pass", "people-inside-names",
           data=("lexicon/leaders.txt", "lexicon/famous_people.txt", "lexicon/surnames.txt", "lexicon/person_cues.txt"))
def people_in_programmes(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """People who open a programme's name (邓小平理论) are added as mentions (`people_inside_names`).

    >>> from kg.extract.recognise import context
    >>> programme = Mention("邓小平理论", 3, 8, "Programme", 0, "quote", 0.8)
    >>> [m.text for m in people_in_programmes(context("坚持以邓小平理论为指导。"), [programme])]
    ['邓小平理论', '邓小平']
    """
    return mentions + people_inside_names(ctx, mentions)


def people_inside_names(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """A person who opens a programme's name (邓小平理论, 毛泽东思想) is also mentioned there, when
    the tagger marks that person or the person is well known.

    >>> from kg.extract.recognise import context
    >>> programme = Mention("邓小平理论", 3, 8, "Programme", 0, "quote", 0.8)
    >>> [(m.text, m.cls) for m in people_inside_names(context("坚持以邓小平理论为指导。"), [programme])]
    [('邓小平', 'Person')]
    """
    out = []
    for m in mentions:
        if m.cls != "Programme":
            continue
        for t in ctx.tokens[m.sentence]:
            if t.start == m.start and t.end < m.end and (t.tag == "PER" or person_known(t.text, ctx.res)):
                span = person_span(ctx, [t], 0)
                if span and span[1] == t.end:
                    out.append(make_mention(ctx, m.sentence, *span, "Person", "nested", 0.7))
    return out
