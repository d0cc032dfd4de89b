"""Spaced layouts (issue 20): names and headings spaced out character by character in text pulled from
a PDF or a page's layout, joined before they are read."""
from __future__ import annotations

from kg.text.normalise import collapse_spaced_names


def test_a_spaced_phrase_is_not_read_as_pairs_of_names():
    # a column header spaced out, its last characters glued (a magazine co-run with a department)
    assert collapse_spaced_names("浙 江 省 文 化 广 电 和 旅 游 厅联办") == "浙江省文化广电和旅游厅联办"
    assert collapse_spaced_names("四 川 省 农 业 农 村 厅主办") == "四川省农业农村厅主办"


def test_spaced_names_are_still_paired():
    assert collapse_spaced_names("记者 袁 卫 通讯员 王 强") == "记者 袁卫 通讯员 王强"
    assert collapse_spaced_names("出席的有：袁 卫 王 强、李 明") == "出席的有：袁卫 王强、李明"
