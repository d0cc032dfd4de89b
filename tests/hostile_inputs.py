"""Inputs of hostile size for the build: shared by tests/test_hostile_build.py and benchmarks/hostile.py."""
from __future__ import annotations

SENTENCE = "嵊州市人民政府印发《嵊州市数字经济发展行动计划》，推进重点项目建设。"


def one_line(nbytes: int) -> str:
    """About `nbytes` of UTF-8 text on one line: SENTENCE numbered (a line that repeats itself exactly
    is halved by normalisation, as a PDF's doubled text is; numbered sentences are not).

    >>> len(one_line(1000).encode("utf-8")) >= 1000, "\\n" in one_line(1000)
    (True, False)
    """
    out, size, i = [], 0, 0
    while size < nbytes:
        s = f"{SENTENCE[:-1]}第{i}批。"
        out.append(s)
        size += len(s.encode("utf-8"))
        i += 1
    return "".join(out)
