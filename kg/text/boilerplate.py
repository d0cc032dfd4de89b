"""Site furniture that is no article text: navigation bars, breadcrumbs, copyright and 主办/承办 lines
(the words are data/text/site_furniture.txt).

trafilatura drops a page's navigation and footer, but a small page (a few lines of article) leaves it
too little to tell them apart, and such lines also come in with text copied from a site. They name
organs and places (首页 | 某某市人民政府办公室 | 联系我们), so they must not reach extraction.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.paths import data_dir

_SEP = re.compile(r"\s*[|｜丨│]\s*")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
#: A line of furniture is short; a paragraph that mentions 版权所有 in passing is prose.
_MAX_LINE = 120
_MAX_ITEM = 16


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, ...]]:
    """The words of data/text/site_furniture.txt by kind (menu, breadcrumb, copyright, runs)."""
    out: dict[str, list[str]] = {}
    for raw in (data_dir() / "text" / "site_furniture.txt").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            kind, _, word = raw.partition("\t")
            out.setdefault(kind.strip(), []).append(word.strip())
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def _opening(kind: str) -> re.Pattern:
    """A line that starts with a word of `kind` and a colon (主办：, 主办单位：, 当前位置：)."""
    words = sorted(_words().get(kind, ()), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + r")(?:单位)?\s*[:：]" if words else r"(?!)")


def _starts(s: str, kind: str) -> bool:
    return _opening(kind).match(s) is not None


def is_navigation(line: str) -> bool:
    """Three or more short items separated by | (a menu), or a breadcrumb (当前位置：首页 > 政务公开).

    >>> is_navigation("首页 | 某某市人民政府办公室 | 联系我们"), is_navigation("当前位置：首页 > 新闻中心")
    (True, True)
    >>> is_navigation("甲方 | 乙方"), is_navigation("项目位于嵊州市|总投资130亿元|预计年产值500亿元。")
    (False, False)
    >>> is_navigation("长乐镇 | 金灵占 | 党委书记")
    False
    """
    s = line.strip()
    if len(s) > _MAX_LINE:
        return False
    if _starts(s, "breadcrumb") or re.match(r"^首页\s*[>＞»›]", s):
        return True
    items = _SEP.split(s)
    if len(items) < 3 or not all(0 < len(t) <= _MAX_ITEM for t in items) or _SENTENCE_END.search(s):
        return False
    # a table typed with bars (长乐镇 | 金灵占 | 党委书记) is data: a menu has a menu word, or many items
    return len(items) >= 5 or any(t in _words()["menu"] for t in items)


def is_boilerplate(line: str) -> bool:
    """A line of site furniture: navigation, copyright, or who runs the site (主办：…, 承办单位：…).

    >>> is_boilerplate("主办：某某市人民政府办公室 承办：某某市大数据中心"), is_boilerplate("版权所有 浙ICP备12345号")
    (True, True)
    >>> is_boilerplate("本次活动由市商务局主办，市贸促会承办。")
    False
    """
    s = line.strip()
    if not s:
        return False
    if is_navigation(s):
        return True
    if len(s) > _MAX_LINE:
        return False
    return any(w.lower() in s.lower() for w in _words()["copyright"]) or _starts(s, "runs")


_OPEN = "【[（(〔［•·●▪ \u3000"
_COLON = "：:"


@lru_cache(maxsize=1)
def _field_pattern() -> re.Pattern:
    """Any field, credit, tool or editing word followed by a colon: where a field of an information line starts."""
    w = _words()
    words = sorted({*w.get("field", ()), *w.get("dated", ()), *w.get("credit", ()), *w.get("tool", ()),
                    *w.get("editing", ())},
                   key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, words)) + r")\s*[：:】\]]") if words else re.compile(r"(?!)")


def _lead(s: str, kind: str, after: str) -> bool:
    """Does the line (brackets skipped) start with a word of `kind` followed by one of `after` or its end?"""
    s = s.lstrip(_OPEN)
    return any(s.startswith(word) and (len(s) == len(word) or s[len(word)] in after) for word in _words().get(kind, ()))


def page_info(line: str) -> tuple[str, ...] | None:
    """What an article page's furniture line keeps: for an information line (发布时间：… 来源：…
    浏览次数：…) its date alone and its credits (作者：孙磊); nothing for a page tool (分享到：…,
    【打印本页】, 上一篇：…) or the editing credits (责任编辑：…); None for any other line.

    >>> page_info("发布时间：2024-05-12 来源：某某市融媒体中心 作者：孙 磊 浏览次数：1024")
    ('2024-05-12', '作者：孙 磊')
    >>> page_info("【打印本页】【关闭窗口】"), page_info("（责任编辑：刘 敏）"), page_info("来源：新华社")
    ((), (), ())
    >>> page_info("【发布日期】2024-03-05"), page_info("• 发文字号:")
    (('2024-03-05',), ())
    >>> page_info("关闭落后产能12家"), page_info("编辑部的同志说，要抓好落实。"), page_info("市政府印发通知。")
    (None, None, None)
    """
    s = line.strip()
    if not s or len(s) > _MAX_LINE or _SENTENCE_END.search(s):
        return None
    if _lead(s, "tool", " \u3000】]）)" + _COLON) or _lead(s, "editing", " \u3000" + _COLON):
        return ()
    if not (_lead(s, "field", " \u3000】]" + _COLON) or _lead(s, "dated", " \u3000】]" + _COLON)):
        return None
    marks = list(_field_pattern().finditer(s))
    if not marks:
        return None
    kept = []
    for k, m in enumerate(marks):
        part = s[m.start():(marks[k + 1].start() if k + 1 < len(marks) else len(s))].strip(" \u3000【】[]（）()|")
        value = part[len(m.group()):].strip(" \u3000【】[]")
        if value and m.group(1) in _words().get("dated", ()):
            kept.insert(0, value)
        elif value and m.group(1) in _words().get("credit", ()):
            kept.append(m.group(1) + "：" + value)
    return tuple(kept)


def drop_boilerplate(paragraphs: list[str] | tuple[str, ...]) -> list[str]:
    """The paragraphs without site furniture; an article page's information line keeps only its credits.

    >>> drop_boilerplate(["首页 | 政务公开 | 联系我们", "市政府印发通知。", "主办：某某市人民政府办公室"])
    ['市政府印发通知。']
    >>> drop_boilerplate(["发布时间：2024-05-12 作者：孙磊", "市政府印发通知。", "分享到：微信 微博"])
    ['2024-05-12', '作者：孙磊', '市政府印发通知。']
    """
    out = []
    for p in paragraphs:
        if is_boilerplate(p):
            continue
        info = page_info(p)
        out.extend((p,) if info is None else info)
    return out
