"""Posts: who holds which title in which organisation, read from titles around a person's name."""
from __future__ import annotations

import re

from kg.extract.relation_context import M, RelationContext
from kg.extract.resolve import Resolved, _body, _level_place
from kg.extract.resources import Resources
from kg.records import Document, Evidence, Mention, Post, Sentence

_TITLE_LEAD = re.compile(r"(相关|常务|主要)?")
_TITLE_BODY = re.compile(r"(党委|党工委|政府|办公室|支部|[\u4e00-\u9fff]{1,6}?(?:科|处|室|股|所|队|组))")


def _titles_at(text: str, pos: int, res: Resources) -> int:
    """End of a run of titles starting at pos (党委副书记、镇长), or pos when none."""
    end = pos
    i = pos
    while True:
        m = _TITLE_LEAD.match(text, i)   # match at i, never text[i:]: slicing made long documents quadratic
        j = i + (len(m.group(0)) if m else 0)
        t = next((t for t in res.titles if text.startswith(t, j)), None)
        if t is None:
            # 党委|副书记: a body word followed by a title
            # 发展科|科长, 防汛抗旱处|处长: a section of the body, then its title
            pre = _TITLE_BODY.match(text, j)
            if pre:
                t2 = next((t for t in res.titles if text.startswith(t, j + len(pre.group(0)))), None)
                if t2:
                    t = pre.group(0) + t2
            if t is None:
                return end
        end = j + len(t)
        if text[end:end + 1] in ("、", "兼"):
            i = end + 1
            continue
        return end


def posts(ctx: RelationContext) -> list[Post]:
    """Posts people hold: a title before or after a name, with the organisation it names or the one
    the sentence or document gives (rule "title-before-name"), and the titles of bylines ("byline")."""
    doc, sentences, r, res, by_sentence = ctx.doc, ctx.sentences, ctx.resolved, ctx.res, ctx.by_sentence
    text = doc.text
    out: list[Post] = []
    for si, ms in by_sentence.items():
        s = sentences[si]
        people = [x for x in ms if x.cls == "Person"]
        for p in people:
            # backwards: <org><titles><person>
            orgs = [x for x in ms if x.cls in ("GovernmentBody", "Company", "Organization", "Locality") and x.end <= p.start
                    and p.start - x.end <= 16]
            title_span = None
            org = None
            for o in reversed(orgs):
                t0 = o.end + 1 if text[o.end:o.end + 1] == "的" else o.end     # 工坊的创办人李华英
                end = _titles_at(text, t0, res)
                if end > t0 and end == p.start:
                    org, title_span = o, (t0, end)
                    break
            if org is None:
                # <titles><person> with the sentence's company or body as the organisation: 负责人王肇锋,
                # 吉尔吉斯斯坦籍调解员米卡
                for k in range(max(s.start, p.start - 12), p.start):
                    end = _titles_at(text, k, res)
                    if end != p.start or end == k:
                        continue
                    cands = [x for x in ms if x.cls in ("Company", "GovernmentBody", "Organization") and x.end <= k]
                    if k == s.start or not re.match(r"[\u4e00-\u9fff]", text[k - 1]) or text[k - 1] in "，的、籍":
                        if cands:
                            org, title_span = cands[-1], (k, end)
                        break
                    # 在外调委副主任周垚忠: a short form of a body the sentence named in full
                    short = next((text[j:k] for j in range(max(s.start, k - 5), k - 1)
                                  if re.fullmatch(r"[\u4e00-\u9fff]+", text[j:k])
                                  and any(_short_of(text[j:k], x) for x in cands)), None)
                    if short:
                        org, title_span = next(x for x in cands if _short_of(short, x)), (k, end)
                        break
                    # 企业负责人陈威说: the company the text named last
                    lead = re.search(r"(?:^|[^\u4e00-\u9fff]|[，、])((?:该|这家|此)?(?:企业|公司))$", text[max(s.start, k - 5):k])
                    if lead or (k - s.start in (2, 3) and re.fullmatch(r"(该|这家|此)?(企业|公司)", text[s.start:k])):
                        near = [(m.end, key) for m, key in r.mentions if m.cls == "Company" and m.end <= k and k - m.end <= 300]
                        if near:
                            key = max(near)[1]
                            org, title_span = M(Mention(key.split("/", 1)[1], k, k, "Company", s.index, "context"), key), (k, end)
                    break
            if org is None:
                # title after the name: 孟超峰（下王镇镇长）, 金晓明，浙江省委改革办常务副主任，
                after = [x for x in ms if x.cls in ("GovernmentBody", "Company", "Organization", "Locality")
                         and x.start in (p.end + 1,) and text[p.end] in "（(，,"]
                if after:
                    o = after[0]
                    end = _titles_at(text, o.end, res)
                    close = text[end:end + 1]
                    if end > o.end and (close in "）)" if text[p.end] in "（(" else close in "，,。；"):
                        org, title_span = o, (o.end, end)
            if org is None:
                org, title_span = _level_post(doc, s, p, r, res)
            if org is None:
                continue
            title = text[title_span[0]:title_span[1]]
            org_key = org.key
            # 下王镇党委 + 副书记 → the post is the town's: 党委副书记 in 下王镇
            body = org.key.split("/", 1)[1]
            lead = re.match(r"^(.+?(?:镇|乡|街道|县|市|区|省|村))(党委|党工委|政府|人民政府)$", body)
            if org.cls == "GovernmentBody" and lead:
                locs = [x.key for x in ms if x.cls == "Locality" and x.key.split("/", 1)[1] == lead.group(1)]
                inner = [k for k, c in ctx.nested.get(org.key, ()) if c == "Locality"]
                target = (locs or inner or [None])[0]
                if target:
                    org_key = target
                    title = lead.group(2) + title
            if title.startswith("相关"):
                if org.cls != "Company":
                    continue      # 有关部门相关负责人: no one body
                title = title[2:]
            out.append(Post(p.key, title, org_key, Evidence(doc.id, s.text, s.start, s.end, 0.75, "title-before-name")))
    # bylines: ■金晓明 followed by a line <body><title>
    for si, s in enumerate(sentences):
        if not s.text.startswith("■"):
            continue
        people = [x for x in by_sentence.get(si, []) if x.cls == "Person"]
        # ■ 詹敏 浙江省经信厅党组书记、厅长 (or ■ 詹敏 / …): the title on the byline's own line
        same = [x for x in by_sentence.get(si, []) if len(people) == 1 and x.start > people[0].end
                and x.cls in ("GovernmentBody", "Company", "Organization", "Locality")
                and re.fullmatch(r"\s*[/／|]?\s*", text[people[0].end:x.start]) and x.start > people[0].end]
        if same:
            o = same[0]
            end = _titles_at(text, o.end, res)
            if end > o.end and not text[end:s.end].strip("。 \n"):
                out.append(Post(people[0].key, text[o.end:end], o.key,
                                Evidence(doc.id, s.text, s.start, s.end, 0.7, "byline")))
                continue
        if si + 1 >= len(sentences):
            continue
        nxt = sentences[si + 1]
        nms = by_sentence.get(si + 1, [])
        if len(people) != 1 or not nms or nxt.paragraph == s.paragraph:
            continue
        o = nms[0]
        if o.start != nxt.start or o.cls not in ("GovernmentBody", "Company", "Organization", "Locality"):
            continue
        end = _titles_at(text, o.end, res)
        if end > o.end and end >= nxt.end - 1:
            out.append(Post(people[0].key, text[o.end:end], o.key,
                            Evidence(doc.id, text[s.start:nxt.end], s.start, nxt.end, 0.7, "byline")))
    return out


def _short_of(short: str, x: M) -> bool:
    """Is `short` (外调委) a short form of the body `x` names (义乌市涉外纠纷人民调解委员会)? Its characters
    appear in order in the name, it ends like the name's head and is much shorter."""
    full = x.key.split("/", 1)[1].split("@")[0]
    it = iter(full)
    return (len(short) >= 3 and len(full) >= len(short) + 4 and short[-1] in "委办会院局所站"
            and short[-1] in full[-4:] and all(ch in it for ch in short) and not full.startswith(short))


_LEVEL_HEAD = re.compile(r"(省|市|县|区|镇|乡)(委|政府|党委|人大常委会|政协)?")


def _level_post(doc: Document, s: Sentence, p: M, r: Resolved, res: Resources) -> tuple[M | None, tuple[int, int] | None]:
    """县长王琴英, 县委书记项乐民 with no body named: 县长 holds a post in the document's county,
    县委书记 in the document's 县委 (中共X县委, or its document-local 县委)."""
    text = doc.text
    for k in range(max(s.start, p.start - 12), p.start):
        if k > s.start and re.match(r"[\u4e00-\u9fff]", text[k - 1]) and text[k - 1] not in "的、和及与":
            continue
        mm = _LEVEL_HEAD.match(text, k + (text[k] == "副"))
        if not mm:
            continue
        level, body = mm.group(1), mm.group(2)
        if body:
            end = _titles_at(text, mm.end(), res)
            if end != p.start or end == mm.end():
                continue
            short = level + body
            owner = _level_place(level, r.place)
            names = {short, _body(short, r.place, res)[0]} | ({owner + body, "中共" + owner + body} if owner else set())
            target = next((e for e in r.entities if e.cls == "GovernmentBody"
                           and (e.label in names or short in e.aliases)), None)
            span = (mm.end(), end)
        else:
            if text[k:p.start] not in (level + "长", "副" + level + "长", "常务副" + level + "长"):
                continue
            name = {"省": r.place.province, "市": r.place.county if (r.place.county or "").endswith("市") else r.place.city,
                    "县": r.place.county, "区": r.place.county}.get(level)
            target = next((e for e in r.entities if e.cls == "Locality" and name and e.label == name), None)
            span = (k, p.start)
        if target is None:
            return None, None
        return M(Mention(target.label, k, k, target.cls, s.index, "context"), target.key), span
    return None, None

