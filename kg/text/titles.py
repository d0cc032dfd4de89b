"""A document's title from its own text: the heading-like line right before the article's first paragraph."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from kg.paths import data_dir

_END = "。！？!?；;…"


@lru_cache(maxsize=1)
def _skip() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(masthead markers, byline markers) from data/text/title_skip.txt."""
    mast, byline = [], []
    for raw in (data_dir() / "text" / "title_skip.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, _, word = raw.partition("\t")
        (mast if kind.strip() == "masthead" else byline).append(word.strip())
    return tuple(mast), tuple(byline)


def is_body(p: str) -> bool:
    """A paragraph of running prose: sentences, not a heading, caption or list line.

    >>> is_body("嵊州市召开常务会议，研究部署营商环境优化提升工作。"), is_body("营商环境优化提升")
    (True, False)
    """
    p = p.strip()
    end = p.rstrip("”’」』）)")   # 浙江制造 “稳进立” is a heading; 他说：“……。” is prose
    return len(p) >= 60 or (len(p) >= 12 and end[-1:] != "" and end[-1] in _END)


def is_masthead(p: str) -> bool:
    """Magazine furniture: 主管主办, 杂志, 第10期 总第745期 半月刊, ISSN/CN numbers.

    >>> is_masthead("2024年第10期 总第745期"), is_masthead("营商环境优化提升")
    (True, False)
    """
    mast, _ = _skip()
    return any(w in p for w in mast) or bool(re.search(r"第\s*\d+\s*期|ISSN|CN\s*\d{2}-\d{4}", p))


def is_contents(p: str) -> bool:
    """A contents-page line: a page number before the title, or a byline or section mark after it.

    >>> is_contents("44激活发展新质生产力/林赛燕"), is_contents("营商环境")
    (True, False)
    """
    return bool(re.match(r"^\d{1,3}\s*\D", p)) or "/" in p or ">>" in p or "……" in p or bool(re.search(r"\.{4,}\s*\d+$", p))


def is_byline(p: str) -> bool:
    """本刊评论员, 本刊记者 袁卫, 阮帅 施展, 记者 王某 通讯员 李某: names and roles, no heading words.

    >>> is_byline("本刊记者 袁卫"), is_byline("阮帅 施展"), is_byline("营商环境优化提升行动")
    (True, True, False)
    """
    _, byline = _skip()
    p = p.strip().lstrip("■●◎□").strip()
    if any(p.startswith(w) for w in byline):
        return True
    tokens = p.split()
    return bool(tokens) and len(tokens) <= 6 and all(1 < len(t) <= 3 for t in tokens) and len(p) <= 20


def is_heading(p: str) -> bool:
    """A line that can be a title: 4 to 60 characters, no sentence end, not furniture, contents or a byline.

    >>> is_heading("营商环境优化提升行动"), is_heading("会议要求抓好落实。")
    (True, False)
    """
    p = p.strip()
    return (4 <= len(p) <= 60 and p[-1] not in _END + "，,、：:" and not is_masthead(p) and not is_contents(p)
            and not is_byline(p) and not re.fullmatch(r"[\d\s.,%年月日\-—:：]+", p))


def title_of(paragraphs: Sequence[str]) -> str | None:
    """The heading nearest before the first body paragraph that has one (bylines in between are skipped).

    A magazine issue opens with its masthead and contents page (003: 中共浙江省委主管主办, 004: page
    lines like 44激活发展新质生产力的“人才引擎”/林赛燕); the article's own title is the heading its first
    paragraph follows.

    >>> title_of(["本刊评论员", "打造一流营商环境", "记者 王某",
    ...           "嵊州市召开常务会议，研究部署营商环境优化提升工作，会议由市长主持。"])
    '打造一流营商环境'
    """
    for i, p in enumerate(paragraphs):
        if not is_body(p):
            continue
        j = i - 1
        while j >= 0 and is_byline(paragraphs[j]):
            j -= 1
        if j >= 0 and is_heading(paragraphs[j]):
            return paragraphs[j].strip()
    return next((p.strip() for p in paragraphs if is_heading(p)), None)
