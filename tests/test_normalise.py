"""Normalisation and sentence splitting on the corpus's real layout problems."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.text.normalise import collapse_spaced_names, normalise, unify_widths
from kg.text.read import InputError, decode, read_text
from kg.text.sentences import split_sentences

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


def text_of(name: str) -> str:
    return normalise(read_text(CORPUS / name)[0]).text


@pytest.mark.parametrize("line, expected", [
    ("阮 帅", "阮帅"),
    ("阮帅 施展", "阮帅 施展"),                      # two names, not one
    ("■杨 晨 蔡建军 赵长伟", "■杨晨 蔡建军 赵长伟"),
    (" ■袁 卫 夏 靓", " ■袁卫 夏靓"),
    ("54 传统中医搭上“数字快车”/叶 慧 林 莉", "54 传统中医搭上“数字快车”/叶慧 林莉"),
    ("高 层 要 论", "高层要论"),                     # a spaced-out heading
])
def test_spaced_names(line, expected):
    assert collapse_spaced_names(line) == expected


def test_widths():
    assert unify_widths("ＡＢＣ１２３") == "ABC123"
    assert unify_widths("嵊州:拼经济勇争先") == "嵊州：拼经济勇争先"
    assert unify_widths("12:30 与 3,000") == "12:30 与 3,000"


def test_column_lines_are_joined():
    raw = read_text(CORPUS / "004_4e43489e28990827.txt")[0]
    assert "习\n\n近平" in raw or "一号改革工\n\n程" in raw          # the problem is real
    n = normalise(raw)
    assert n.column_width and 12 <= n.column_width <= 18
    text = n.text
    assert "营商环境优化提升“一号改革工程”" in text
    assert "浙江历届省委、省政府坚定不移沿着习近平总书记指引的路子走下去" in text
    # a byline and its title line stay separate paragraphs
    assert "\n■金晓明\n浙江省委改革办常务副主任\n" in text
    assert "袁卫" in text and "杨晨 蔡建军" in text


def test_duplicate_paragraphs_dropped():
    raw = read_text(CORPUS / "000_a992b1c169855092.txt")[0]
    para = next(p.strip() for p in raw.split("\n") if len(p.strip()) > 30 and raw.count(p.strip()) > 1)
    n = normalise(raw)
    assert n.dropped_duplicates >= 1
    assert n.text.count(para) == 1


def test_page_break_mid_sentence_is_joined():
    text = text_of("000_a992b1c169855092.txt")
    assert "陌桑高科的母公司巴贝集团" in text


def test_page_furniture_removed():
    body = "\n".join(f"第{i}段正文内容，讲述嵊州的改革故事和发展成就。" for i in range(6))
    raw = "\n".join(["今日浙江 2024年第10期", body, "- 12 -", "今日浙江 2024年第10期", body.replace("段", "节"),
                     "13", "今日浙江 2024年第10期", "结尾。"])
    n = normalise(raw)
    assert "- 12 -" not in n.text and "\n13\n" not in n.text
    assert n.text.count("今日浙江2024年第10期") == 1     # the first stays: it may be the title


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_sentence_offsets_point_into_text(name):
    text = text_of(name)
    sents = split_sentences(text)
    assert len(sents) > 10
    for s in sents:
        assert text[s.start:s.end] == s.text
        assert len(s.text) <= 300


def test_decoding():
    s = "嵊州市剡湖街道"
    assert decode(s.encode("gb18030"))[0] == s
    assert decode(s.encode("utf-8"))[1] == "utf-8"
    with pytest.raises(InputError, match="empty"):
        decode(b"  \n")
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02abc")
