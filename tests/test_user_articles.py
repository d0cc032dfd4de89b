"""A user's own articles end to end (issue 22): true dates, incremental JSON Lines feeds, Markdown,
PDF headings, site furniture and `kg normalise` of an archive. Real files, real builds, real Chromium."""
from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.pipeline import BuildReport
from kg.text.inputs import collect_inputs, read_document
from test_inputs import ARTICLE, labels, print_pdf

ROOT = Path(__file__).resolve().parent.parent
DATES = ("PREFIX dcterms: <http://purl.org/dc/terms/>\n"
         "SELECT ?source ?date ?from WHERE { ?d a kg:Document ; kg:source ?source . "
         "OPTIONAL { ?d dcterms:date ?date } OPTIONAL { ?d kg:dateSource ?from } } ORDER BY ?source")


def dates(g) -> dict[str, tuple[str | None, str | None]]:
    return {str(s): (d and str(d), f and str(f)) for s, d, f in g.sparql(DATES).rows}


def kg_cli(*args: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZHKG_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=600)


# ---- dates --------------------------------------------------------------------------------------------
NOTICE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>通知</title>
<style>body{{font-family:"Noto Serif CJK SC",serif;width:420px;margin:40px auto}}
h1{{text-align:center;font-size:28px;line-height:40px}} p{{font-size:16px;line-height:28px;text-indent:2em}}</style></head>
<body><h1>嵊州市人民政府关于印发《嵊州市促进民营经济高质量发展若干措施》的通知</h1>
{dateline}<p>{body}</p></body></html>"""


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    """Two pages printed to PDF today: one says in its opening that it is of 2024-03-22, one gives no date."""
    d = tmp_path_factory.mktemp("printed")
    for name, dateline in (("dated", '<p style="text-align:right">2024年3月22日</p>'), ("undated", "")):
        html = d / f"{name}.html"
        html.write_text(NOTICE.format(dateline=dateline, body="".join(ARTICLE)), encoding="utf-8")
        print_pdf(html, d / f"{name}.pdf")
        html.unlink()
    return d


def test_a_date_in_the_text_wins_over_a_printed_pdfs_creation_date(printed):
    from kg.text.formats import read_pdf
    today = datetime.date.today().isoformat()
    got = read_pdf((printed / "dated.pdf").read_bytes(), "dated.pdf")
    assert (got.date, got.date_source) == (today, "file-created")   # Chromium stamps the day it printed
    g = kg.build([printed], cache=False)
    assert dates(g) == {"dated.pdf": ("2024-03-22", "text"), "undated.pdf": (today, "file-created")}


def test_a_pdf_heading_wrapped_over_lines_is_one_paragraph(printed):
    doc = read_document(collect_inputs([printed / "undated.pdf"])[0][0])
    first = doc.text.split("\n")[0]
    assert first == "嵊州市人民政府关于印发《嵊州市促进民营经济高质量发展若干措施》的通知", doc.text[:200]


def test_publication_metadata_wins_and_text_dates_fill_in(tmp_path):
    import docx
    page = ("<html><head><meta charset='utf-8'><title>嵊州市推进改革攻坚</title>"
            "<meta name='PubDate' content='2024-01-15 09:30'></head><body><article><h1>嵊州市推进改革攻坚</h1>"
            "<p>2024年3月22日</p>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</article></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    # no date in the head: trafilatura still finds the one written in the text, which is no metadata
    (tmp_path / "bare.html").write_text(page.replace("<meta name='PubDate' content='2024-01-15 09:30'>", "")
                                        .replace("<p>2024年3月22日</p>", "<p>发布时间：2024-03-22</p>"), encoding="utf-8")
    d = docx.Document()
    d.core_properties.created = datetime.datetime(2024, 2, 1, 8, 0)
    d.add_paragraph("2024年3月22日")
    d.add_paragraph(ARTICLE[0])
    d.save(tmp_path / "notice.docx")
    rows = [{"id": "m", "date": "2024-02-02", "text": "2024-03-22\n" + ARTICLE[1]},
            {"id": "t", "text": "来源：嵊州市人民政府 发布时间：2024-03-22 10:30\n" + ARTICLE[1]},
            {"id": "none", "text": "".join(ARTICLE) * 3 + "\n2024年3月22日"}]   # after the opening: not used
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    (tmp_path / "plain.txt").write_text("嵊州推进改革\n二〇二四年三月二十二日\n" + ARTICLE[0], encoding="utf-8")
    g = kg.build([tmp_path], cache=False)
    assert dates(g) == {"page.html": ("2024-01-15", "metadata"), "bare.html": ("2024-03-22", "text"),
                        "notice.docx": ("2024-02-01", "metadata"),
                        "feed.jsonl#id=m": ("2024-02-02", "metadata"), "feed.jsonl#id=t": ("2024-03-22", "text"),
                        "feed.jsonl#id=none": (None, None), "plain.txt": ("2024-03-22", "text")}


# ---- JSON Lines feeds: cached per record ------------------------------------------------------------------
FEED = [{"id": f"n{i}", "title": f"第{i}篇", "text": t} for i, t in enumerate(ARTICLE + [
    "长乐镇党委书记金灵占出席签约仪式。", "三界镇召开会议，推进“最多跑一次”改革。",
    "绍兴市人民政府印发《关于加快安全应急产业高质量发展的实施意见》。"])]


def write_feed(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_a_feed_rebuilt_unchanged_keeps_its_exports(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    write_feed(news / "archive.jsonl", FEED)
    first = kg_cli("build", str(news), "-o", str(tmp_path / "out"), cache=tmp_path / "cache")
    assert first.returncode == 0 and "\nwrote " in first.stdout, first.stderr
    again = kg_cli("build", str(news), "-o", str(tmp_path / "out"), cache=tmp_path / "cache")
    assert again.returncode == 0, again.stderr
    assert "6 from the cache" in again.stdout and "\nkept " in again.stdout, again.stdout


def test_adding_one_article_extracts_that_article_only(tmp_path):
    feed, cache = tmp_path / "archive.jsonl", tmp_path / "cache"
    write_feed(feed, FEED)
    first = kg.build([feed], cache=cache)
    ids = {d.id: d.source for d in first.input_documents()}
    assert set(ids) == {f"n{i}" for i in range(6)}
    # the newest article first, as feeds often put it: every other line moves down by one
    new = {"id": "n6", "text": "嵊州市人力资源和社会保障局推出引才政策，剡湖街道积极参与。"}
    write_feed(feed, [new] + FEED)
    report = BuildReport()
    second = kg.build([feed], cache=cache, report=report)
    assert sorted(report.cached) == sorted(f"{feed}#{n}" for n in range(2, 8))
    assert sorted(set(report.built) - set(report.cached)) == [f"{feed}#1"]
    assert {d.id: d.source for d in second.input_documents()} == {**ids, "n6": "archive.jsonl#id=n6"}
    assert "嵊州市人力资源和社会保障局" in labels(second, "GovernmentBody")


def test_records_without_an_id_are_named_by_their_line(tmp_path):
    feed = tmp_path / "archive.jsonl"
    rows = [{"text": ARTICLE[0]}, {"id": "dup", "text": ARTICLE[1]}, {"id": "dup", "text": ARTICLE[2]},
            {"id": "https://example.gov.cn/a/1.html", "text": FEED[3]["text"]}]
    write_feed(feed, rows)
    docs = {d.source: d.id for d in kg.build([feed], cache=False).input_documents()}
    url = "https://example.gov.cn/a/1.html"   # names the record, but is no IRI segment: hashed
    assert docs == {"archive.jsonl#1": "archive-1", "archive.jsonl#2": "archive-2", "archive.jsonl#3": "archive-3",
                    f"archive.jsonl#id={url}": "archive-" + hashlib.sha1(url.encode()).hexdigest()[:12]}


def test_a_record_changed_after_indexing_is_refused(tmp_path):
    feed = tmp_path / "archive.jsonl"
    write_feed(feed, FEED[:1])
    inp = collect_inputs([feed])[0][0]
    write_feed(feed, [{**FEED[0], "text": ARTICLE[2]}])
    with pytest.raises(kg.InputError, match="changed while it was being built"):
        read_document(inp)


# ---- Markdown, site furniture, kg normalise ----------------------------------------------------------------
def test_markdown_markup_never_reaches_the_text(tmp_path):
    (tmp_path / "a.md").write_text("# 嵊州推进*改革*\n\n嵊州市**人民政府**召开会议，推进*“最多跑一次”改革*，"
                                   "详见[通知](https://x.example/a)。\n\n- 三界镇`落实`\n- 剡湖街道~~落实~~\n\n"
                                   "| 镇 | 书记 |\n|---|---|\n| 长乐镇 | 金灵占 |\n", encoding="utf-8")
    doc = read_document(collect_inputs([tmp_path / "a.md"])[0][0])
    assert doc.text == ("嵊州推进改革\n嵊州市人民政府召开会议，推进“最多跑一次”改革，详见通知。\n三界镇落实\n剡湖街道落实\n"
                        "镇 书记\n长乐镇 金灵占")
    assert doc.title == "嵊州推进改革"


def test_site_furniture_never_reaches_extraction(tmp_path):
    furniture = ["首页 | 湖州市人民政府办公室 | 联系我们", "当前位置：首页 > 政务公开 > 杭州市财政局",
                 "主办：衢州市人民政府办公室 承办：衢州市大数据中心", "版权所有 丽水市人民政府 浙ICP备12345号"]
    (tmp_path / "page.txt").write_text("\n".join([furniture[0], furniture[1], *ARTICLE, *furniture[2:]]),
                                       encoding="utf-8")
    # the same names written as prose are found: the test can fail
    (tmp_path / "prose.txt").write_text("湖州市人民政府办公室、杭州市财政局、衢州市人民政府办公室和丽水市人民政府召开会议。",
                                        encoding="utf-8")
    g = kg.build([tmp_path / "page.txt"], cache=False)
    prose = kg.build([tmp_path / "prose.txt"], cache=False)
    names = {"湖州市人民政府办公室", "杭州市财政局", "衢州市人民政府办公室", "丽水市人民政府"}
    assert names <= labels(prose, "GovernmentBody")
    assert not names & labels(g, "GovernmentBody") and "嵊州市" in labels(g, "Locality")
    doc = read_document(collect_inputs([tmp_path / "page.txt"])[0][0])
    assert doc.text == "\n".join(ARTICLE)


def test_kg_normalise_prints_each_records_text(tmp_path):
    feed = tmp_path / "archive.jsonl"
    write_feed(feed, [FEED[0], {"text": "首页 | 新闻 | 联系我们\n" + ARTICLE[1]}])
    with feed.open("a", encoding="utf-8") as f:
        f.write('{"id": "broken\n')
    r = kg_cli("normalise", str(feed), cache=tmp_path / "cache")
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"==> archive.jsonl#id=n0 <==\n{ARTICLE[0]}\n\n==> archive.jsonl#2 <==\n{ARTICLE[1]}\n"
    assert r.stderr.count("\n") == 1 and f"{feed} line 3: not JSON" in r.stderr
    assert "{" not in r.stdout


def test_every_skipped_file_is_named_once(tmp_path):
    for name, data in (("a.doc", b"x"), ("b.pdf", b"not a pdf"), ("c.ppt", b"x")):
        (tmp_path / name).write_bytes(data)
    r = kg_cli("build", str(tmp_path), "-o", str(tmp_path / "out"), cache=tmp_path / "cache")
    assert r.returncode == 1
    for name in ("a.doc", "b.pdf", "c.ppt"):
        assert r.stderr.count(name) == 1, r.stderr
    assert "save .doc as .docx, .ppt as .pptx" in r.stderr


# ---- docs that match the code (the lexicon README: tests/test_structure.py) ----------------------------------
def test_docs_build_describes_every_option_of_kg_build():
    import argparse

    from kg.cli import build as cli_build
    parser = argparse.ArgumentParser(prog="kg")
    cli_build.register(parser.add_subparsers())
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices["build"]
    options = [a.option_strings for a in sub._actions if a.option_strings and "--help" not in a.option_strings]
    doc = (ROOT / "docs" / "build.md").read_text(encoding="utf-8")
    table = "\n".join(line for line in doc.splitlines() if line.startswith("| `-"))
    missing = [o[-1] for o in options if not any(re.search(rf"`{re.escape(s)}[ `]", table) for s in o)]
    assert not missing, f"docs/build.md's options table does not describe {missing}"
