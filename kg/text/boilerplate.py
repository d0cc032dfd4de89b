"""Site furniture that is no article text: navigation bars, breadcrumbs, copyright and 主办/承办 lines.

trafilatura drops a page's navigation and footer, but a small page (a few lines of article) leaves it
too little to tell them apart, and such lines also come in with text copied from a site. They name
organs and places (首页 | 某某市人民政府办公室 | 联系我们), so they must not reach extraction.
"""
from __future__ import annotations

import re

_SEP = re.compile(r"\s*[|｜丨│]\s*")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_BREADCRUMB = re.compile(r"^(当前位置|您的位置|您现在的位置|所在位置|位置)\s*[:：]|^首页\s*[>＞»›/]")
_COPYRIGHT = re.compile(r"版权所有|Copyright|©|ICP\s*备|ICP\s*证|公网安备|网站标识码|网站识别码", re.I)
_SPONSOR = re.compile(r"^(主办|承办|协办|主管|技术支持|运行维护|运维|维护|网站维护|联系我们)(单位)?\s*[:：]")
#: A line of furniture is short; a paragraph that mentions 版权所有 in passing is prose.
_MAX_LINE = 120
_MAX_ITEM = 16


def is_navigation(line: str) -> bool:
    """Three or more short items separated by | (a menu), or a breadcrumb (当前位置：首页 > 政务公开).

    >>> is_navigation("首页 | 某某市人民政府办公室 | 联系我们"), is_navigation("当前位置：首页 > 新闻中心")
    (True, True)
    >>> is_navigation("甲方 | 乙方"), is_navigation("项目位于嵊州市|总投资130亿元|预计年产值500亿元。")
    (False, False)
    """
    s = line.strip()
    if _BREADCRUMB.match(s):
        return len(s) <= _MAX_LINE
    items = [t for t in _SEP.split(s)]
    return (len(items) >= 3 and all(0 < len(t) <= _MAX_ITEM for t in items)
            and not _SENTENCE_END.search(s))


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
    return bool(_COPYRIGHT.search(s) or _SPONSOR.match(s))


def drop_boilerplate(paragraphs: list[str] | tuple[str, ...]) -> list[str]:
    """The paragraphs without site furniture.

    >>> drop_boilerplate(["首页 | 政务公开 | 联系我们", "市政府印发通知。", "主办：某某市人民政府办公室"])
    ['市政府印发通知。']
    """
    return [p for p in paragraphs if not is_boilerplate(p)]
