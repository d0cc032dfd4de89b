"""Posts: who holds which title in which organisation, read from titles around a person's name."""
from __future__ import annotations

import re

from kg.extract.post_grammar import chain_posts, chain_start, held_by, list_title_after
from kg.extract.relation_context import M, RelationContext
from kg.extract.relation_words import DE
from kg.extract.resolve import body_name, level_place
from kg.records import EntityKey, Evidence, Mention, Post, Sentence

ORGS = ("GovernmentBody", "Company", "Organization", "Locality")     # what a post may be held in
BODIES = ("Company", "GovernmentBody", "Organization")
_CJK = re.compile(r"[\u4e00-\u9fff]")
Span = tuple[int, int]


def posts(ctx: RelationContext) -> list[Post]:
    """Posts people hold: a title before or after a name, with the organisation it names or the one
    the sentence or document gives (rule "title-before-name"), and the titles of bylines ("byline").

    >>> from kg.extract import extract_text
    >>> g = extract_text("嵊州市商务局局长王明说，今年外贸回暖。")
    >>> [(x.person, x.title, x.org) for x in g.posts]
    [('Person/王明', '局长', 'GovernmentBody/嵊州市商务局')]
    """
    out: list[Post] = []
    for si, ms in ctx.by_sentence.items():
        s = ctx.sentences[si]
        last: tuple[M, list[Post]] | None = None      # the person before, with the posts a chain gave
        for p in sorted((x for x in ms if x.cls == "Person"), key=lambda x: x.start):
            found, chained = _posts_of(ctx, s, ms, p)
            if not found and last is not None and ctx.doc.text[last[0].end:p.start] in ctx.cues.title_joiners[:1]:
                # 副省长甲、乙、丙: a list shares the title of its first name
                found = [Post(p.key, x.title, x.org, x.evidence) for x in last[1]]
                chained = bool(found)
            out += found
            last = (p, found) if chained else None
        people = sorted((x for x in ms if x.cls == "Person"), key=lambda x: x.start)
        ev = Evidence(ctx.doc.id, s.text, s.start, s.end, 0.7, "list-title-after")
        out += [Post(p.key, title, org, ev) for p, org, title in list_title_after(ctx, ms, people)]
    return _unique(out + _bylines(ctx))


def _unique(posts: list[Post]) -> list[Post]:
    """One post per person, title and organisation (the first evidence)."""
    seen: dict[tuple[str, str, str], Post] = {}
    for x in posts:
        seen.setdefault((x.person, x.title, x.org), x)
    return list(seen.values())


def _posts_of(ctx: RelationContext, s: Sentence, ms: list[M], p: M) -> tuple[list[Post], bool]:
    """A person's posts in a sentence: the chain of titles before the name, one post per segment
    (rule "title-chain"), with the post the title rules read ("title-before-name"); and whether the
    titles stood right before the name (so a list after it shares them)."""
    old = _post_of(ctx, s, ms, p)
    start, end = chain_start(ctx, s, ms, p)
    segs = chain_posts(ctx, s, ms, start, end) if start < end else []
    ev = Evidence(ctx.doc.id, s.text, s.start, s.end, 0.75, "title-chain")
    held = held_by(ctx, s, ms, p)
    if held is not None:    # 院长由甲担任: a post besides the titles before the name (西安交大教授)
        segs = segs + [held]
    related = ctx.cues.related
    # 企业相关负责人: the company's 负责人; 有关部门相关负责人: no one body's
    chain = [Post(p.key, t.removeprefix(related), o, ev) for o, t in segs
             if o and (not t.startswith(related) or EntityKey.parse(o).cls == "Company")]
    partial = len(chain) < len(segs)       # a title of the chain gave no post: the title rules may read it
    if not chain:
        found = [old] if old is not None else []
    else:
        found = chain + ([old] if old is not None and (len(chain) > 1 or partial)
                         and old.org not in {x.org for x in chain} else [])
    return found, bool(found) and start < end
def _post_of(ctx: RelationContext, s: Sentence, ms: list[M], p: M) -> Post | None:
    """The post of one person of the sentence: the title before or after the name and its organisation."""
    text, c = ctx.doc.text, ctx.cues
    org, span = _org_titles(ctx, ms, p)
    if org is None:
        org, span = _titles_only(ctx, s, ms, p)
    if org is None:
        org, span = _title_after(ctx, ms, p)
    if org is None:
        org, span = _level_post(ctx, s, p)
    if org is None:
        return None
    title = text[span[0]:span[1]]
    org_key = org.key
    # 下王镇党委 + 副书记 → the post is the town's: 党委副书记 in 下王镇
    lead = c.town_body.match(EntityKey.parse(org.key).label)
    if org.cls == "GovernmentBody" and lead:
        locs = [x.key for x in ms if x.cls == "Locality" and EntityKey.parse(x.key).label == lead.group(1)]
        # 广西壮族自治区百色市田阳区那坡镇党委: the place the body's name ends with, not the first one in it
        inner = [k for k, cls in ctx.nested.get(org.key, ()) if cls == "Locality"
                 and lead.group(1).endswith(EntityKey.parse(k).label)]
        target = (locs or inner[-1:] or [None])[0]
        if target:
            org_key = target
            title = lead.group(2) + title
    if title.startswith(c.related):
        if org.cls != "Company":
            return None      # 有关部门相关负责人: no one body
        title = title[len(c.related):]
    return Post(p.key, title, org_key, Evidence(ctx.doc.id, s.text, s.start, s.end, 0.75, "title-before-name"))


def _org_titles(ctx: RelationContext, ms: list[M], p: M) -> tuple[M | None, Span | None]:
    """<org><titles><person>: 嵊州市商务局局长王明, 工坊的创办人李华英."""
    text = ctx.doc.text
    orgs = [x for x in ms if x.cls in ORGS and x.end <= p.start and p.start - x.end <= 16]
    for o in reversed(orgs):
        t0 = o.end + 1 if text[o.end:o.end + 1] == DE else o.end     # 工坊的创办人李华英
        end = titles_at(ctx, t0)
        if end > t0 and end == p.start:
            return o, (t0, end)
    return None, None


def _titles_only(ctx: RelationContext, s: Sentence, ms: list[M], p: M) -> tuple[M | None, Span | None]:
    """<titles><person> with the sentence's company or body as the organisation: 负责人王肇锋,
    吉尔吉斯斯坦籍调解员米卡; a short form of a body named in full; 企业负责人: the company named last."""
    text = ctx.doc.text
    for k in range(max(s.start, p.start - 12), p.start):
        end = titles_at(ctx, k)
        if end != p.start or end == k:
            continue
        cands = [x for x in ms if x.cls in BODIES and x.end <= k]
        if k == s.start or not _CJK.match(text[k - 1]) or text[k - 1] in ctx.cues.before_title:
            return (cands[-1], (k, end)) if cands else (None, None)
        # 在外调委副主任周垚忠: a short form of a body the sentence named in full
        short = next((text[j:k] for j in range(max(s.start, k - 5), k - 1)
                      if re.fullmatch(r"[\u4e00-\u9fff]+", text[j:k])
                      and any(short_of(ctx, text[j:k], x) for x in cands)), None)
        if short:
            return next(x for x in cands if short_of(ctx, short, x)), (k, end)
        return _company_named_last(ctx, s, k, end)
    return None, None


def _company_named_last(ctx: RelationContext, s: Sentence, k: int, end: int) -> tuple[M | None, Span | None]:
    """企业负责人陈威说: the company the text named last holds the post."""
    text, c = ctx.doc.text, ctx.cues
    lead = c.company_this_after.search(text[max(s.start, k - 5):k])
    if lead or (k - s.start in (2, 3) and c.company_this.fullmatch(text[s.start:k])):
        near = [(m.end, key) for m, key in ctx.resolved.mentions if m.cls == "Company" and m.end <= k
                and k - m.end <= 300]
        if near:
            key = max(near)[1]
            return M(Mention(EntityKey.parse(key).label, k, k, "Company", s.index, "context"), key), (k, end)
    return None, None


def _title_after(ctx: RelationContext, ms: list[M], p: M) -> tuple[M | None, Span | None]:
    """A title after the name: 孟超峰（下王镇镇长）, 金晓明，浙江省委改革办常务副主任，"""
    text = ctx.doc.text
    after = [x for x in ms if x.cls in ORGS and x.start in (p.end + 1,) and text[p.end] in "（(，,"]
    if after:
        o = after[0]
        end = titles_at(ctx, o.end)
        close = text[end:end + 1]
        if end > o.end and (close in "）)" if text[p.end] in "（(" else close in "，,。；"):
            return o, (o.end, end)
    return None, None


def _bylines(ctx: RelationContext) -> list[Post]:
    """Bylines: a line that is only a name (■金晓明, 宋启明) followed by a line of body and titles, one post
    per body the titles name; or the title on the byline's own line (■ 詹敏 浙江省经信厅党组书记、厅长)."""
    text, sentences = ctx.doc.text, ctx.sentences
    out: list[Post] = []
    for si, s in enumerate(sentences):
        people = [x for x in ctx.by_sentence.get(si, []) if x.cls == "Person"]
        if len(people) != 1 or not (s.text.startswith("■") or s.text.strip() == text[people[0].start:people[0].end]):
            continue
        same = _byline_same_line(ctx, s, people[0]) if s.text.startswith("■") else None
        if same is not None:
            out.append(same)
            continue
        if si + 1 >= len(sentences) or sentences[si + 1].paragraph == s.paragraph:
            continue
        nxt = sentences[si + 1]
        nms = ctx.by_sentence.get(si + 1, [])
        end = nxt.start + len(nxt.text.rstrip("。 \n\u3000"))
        ev = Evidence(ctx.doc.id, text[s.start:nxt.end], s.start, nxt.end, 0.7, "byline")
        if nms and nms[0].start == nxt.start and nms[0].cls in ORGS:
            segs = chain_posts(ctx, nxt, nms, nxt.start, end, whole=True)
            out += [Post(people[0].key, t, o, ev) for o, t in segs]
    return out


def _byline_same_line(ctx: RelationContext, s: Sentence, person: M) -> Post | None:
    """■ 詹敏 浙江省经信厅党组书记、厅长 (or ■ 詹敏 / …): the title on the byline's own line."""
    text = ctx.doc.text
    same = [x for x in ctx.by_sentence.get(s.index, []) if x.start > person.end
            and x.cls in ORGS and re.fullmatch(r"\s*[/／|]?\s*", text[person.end:x.start])]
    if same:
        o = same[0]
        end = titles_at(ctx, o.end)
        if end > o.end and not text[end:s.end].strip("。 \n"):
            return Post(person.key, text[o.end:end], o.key, Evidence(ctx.doc.id, s.text, s.start, s.end, 0.7, "byline"))
    return None


def titles_at(ctx: RelationContext, pos: int) -> int:
    """End of a run of titles starting at pos (党委副书记、镇长), or pos when none.

    >>> ctx = RelationContext.of_text("党委副书记、镇长张三出席。")
    >>> end = titles_at(ctx, 0)
    >>> end, ctx.doc.text[:end], titles_at(ctx, end)
    (8, '党委副书记、镇长', 8)
    """
    text, titles, c = ctx.doc.text, ctx.res.titles, ctx.cues
    end = pos
    i = pos
    while True:
        m = c.title_lead.match(text, i)   # match at i, never text[i:]: slicing made long documents quadratic
        j = i + (len(m.group(0)) if m else 0)
        t = next((t for t in titles if text.startswith(t, j)), None)
        if t is None:
            # 党委|副书记: a body word followed by a title
            # 发展科|科长, 防汛抗旱处|处长: a section of the body, then its title
            pre = c.title_body.match(text, j)
            if pre:
                t2 = next((t for t in titles if text.startswith(t, j + len(pre.group(0)))), None)
                if t2:
                    t = pre.group(0) + t2
            if t is None:
                return end
        end = j + len(t)
        if text[end:end + 1] in c.title_joiners:
            i = end + 1
            continue
        return end


def short_of(ctx: RelationContext, short: str, x: M) -> bool:
    """Is `short` (外调委) a short form of the body `x` names (义乌市涉外纠纷人民调解委员会)? Its characters
    appear in order in the name, it ends like the name's head and is much shorter.

    >>> ctx = RelationContext.of_text("义乌市涉外纠纷人民调解委员会成立。")
    >>> x = ctx.by_sentence[0][0]
    >>> short_of(ctx, "外调委", x), short_of(ctx, "义乌市", x)
    (True, False)
    """
    full = EntityKey.parse(x.key).label.split("@")[0]
    it = iter(full)
    return (len(short) >= 3 and len(full) >= len(short) + 4 and short[-1] in ctx.cues.short_ends
            and short[-1] in full[-4:] and all(ch in it for ch in short) and not full.startswith(short))


def _level_post(ctx: RelationContext, s: Sentence, p: M) -> tuple[M | None, Span | None]:
    """县长王琴英, 县委书记项乐民 with no body named: 县长 holds a post in the document's county,
    县委书记 in the document's 县委 (中共X县委, or its document-local 县委)."""
    text, c = ctx.doc.text, ctx.cues
    for k in range(max(s.start, p.start - 12), p.start):
        if k > s.start and _CJK.match(text[k - 1]) and text[k - 1] not in c.not_before_title:
            continue
        mm = c.level_head.match(text, k + (text[k] == c.deputies[0]))
        if not mm:
            continue
        level, body = mm.group(1), mm.group(2)
        if body:
            end = titles_at(ctx, mm.end())
            if end != p.start or end == mm.end():
                continue
            target, span = _level_body(ctx, level, body), (mm.end(), end)
        else:
            heads = (level + c.head,) + tuple(d + level + c.head for d in c.deputies)
            if text[k:p.start] not in heads:
                continue
            target, span = _level_locality(ctx, level), (k, p.start)
        if target is None:
            return None, None
        return M(Mention(target.label, k, k, target.cls, s.index, "context"), target.key), span
    return None, None


def _level_body(ctx: RelationContext, level: str, body: str):
    """The document's body a level's short name (县委) stands for: 中共X县委 or the document's own 县委."""
    r, res = ctx.resolved, ctx.res
    short = level + body
    owner = level_place(level, r.place)
    names = {short, body_name(short, r.place, res)[0]} | ({owner + body, ctx.cues.party + owner + body} if owner else set())
    return next((e for e in r.entities if e.cls == "GovernmentBody" and (e.label in names or short in e.aliases)), None)


def _level_locality(ctx: RelationContext, level: str):
    """The document's place of a level (县长: the county): a city's is the county when that is a city."""
    place = ctx.resolved.place
    where = ctx.cues.level_places.get(level)
    if where == "city":
        name = place.county if (place.county or "").endswith(level) else place.city
    else:
        name = getattr(place, where) if where else None
    return next((e for e in ctx.resolved.entities if e.cls == "Locality" and name and e.label == name), None)
