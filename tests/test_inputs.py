"""Inputs as users have them: HTML, PDF, DOCX, JSON Lines, odd encodings and odd files, ids and titles."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import kg
from cdp import CHROMIUM, FLAGS
from kg.text.inputs import SUPPORTED, Input, collect_inputs, read_document
from kg.text.read import InputError, decode, read_bytes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
PREFIX = "PREFIX dcterms: <http://purl.org/dc/terms/>\nPREFIX schema: <https://schema.org/>\n"

ARTICLE = [
    "嵊州市人民政府与浙江省发展和改革委员会签署合作协议，推进新能源汽车零部件产业集群建设。嵊州市委书记王勇吉表示，将全力支持重点项目落地。",
    "比亚迪新能源动力电池生产基地项目位于嵊州经济开发区，总投资130亿元。三界镇和剡湖街道的企业积极参与，共同推进项目建设。",
    "人才是城市发展的源动力。嵊州市人力资源和社会保障局推出引才政策，吸引高校毕业生来嵊就业创业。",
]


def kg_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)


def labels(g, cls: str) -> set[str]:
    return {e.label for e in g.entities() if e.cls == cls}


def sentences(g) -> list[str]:
    out = [ev.sentence for f in g.relations() for ev in f.evidence]
    out += [ev.sentence for p in g.posts() for ev in p.evidence]
    return out


def doc_meta(g) -> dict[str, str]:
    r = g.sparql(PREFIX + "SELECT ?p ?o WHERE { ?d a kg:Document ; ?p ?o . "
                 "FILTER(?p IN (dcterms:title, dcterms:date, dcterms:publisher, schema:url)) }")
    return {str(p).rsplit("/", 1)[-1]: str(o) for p, o in r.rows}


def print_pdf(html: Path, pdf: Path) -> None:
    """Headless Chromium prints the page (with its header and footer lines) to PDF, as a user would."""
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.skip("Chromium not found (tests/cdp.py CHROMIUM); install chromium to run the PDF tests")
    profile = tempfile.mkdtemp(prefix="zhkg-chromium-")
    try:
        subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
                        html.as_uri()], capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), "chromium printed no PDF"


# ---- HTML -----------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>嵊州市推进改革攻坚_绍兴市人民政府</title><meta property="og:title" content="嵊州市推进改革攻坚">
<meta name="PubDate" content="2024-03-05 09:30"><link rel="canonical" href="https://www.sx.gov.cn/art/2024/3/5/art_1.html">
<meta property="og:site_name" content="绍兴市人民政府"><script>var x = "<p>湖州市财政局召开会议。</p>";</script>
<style>p{color:red}</style></head>
<body><nav><ul><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li><li><a href="/x">杭州市人民政府</a></li></ul></nav>
<div class="article"><h1>嵊州市推进改革攻坚</h1>%s</div>
<footer><p>主办：绍兴市人民政府办公室 版权所有 浙ICP备12345号</p></footer></body></html>"""


@pytest.fixture(scope="module")
def html_graph(tmp_path_factory):
    d = tmp_path_factory.mktemp("html")
    page = d / "page.html"
    page.write_bytes((PAGE % "".join(f"<p>{p}</p>" for p in ARTICLE)).encode("gbk"))
    return kg.build([page])


def test_html_body_only_with_metadata(html_graph):
    g = html_graph
    places = labels(g, "Locality")
    assert {"嵊州市", "三界镇", "剡湖街道"} <= places
    assert "王勇吉" in labels(g, "Person")
    everything = {e.label for e in g.entities()}
    # navigation, footer and script never reach extraction
    assert not everything & {"杭州市人民政府", "杭州市", "绍兴市人民政府办公室", "湖州市财政局", "湖州市"}
    sents = sentences(g)
    assert sents and not any(re.search(r"[<>]|charset|&[a-z]+;", s) for s in sents)
    assert doc_meta(g) == {"title": "嵊州市推进改革攻坚", "date": "2024-03-05", "publisher": "绍兴市人民政府",
                           "url": "https://www.sx.gov.cn/art/2024/3/5/art_1.html"}
    d = next(iter(g.input_documents()))
    assert d.title == "嵊州市推进改革攻坚" and d.source == "page.html"


def test_html_without_main_text_is_skipped(tmp_path):
    (tmp_path / "empty.html").write_text("<html><head><title>x</title><script>var a=1;</script></head>"
                                         "<body><nav><a href='/'>首页</a></nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.html: no main text"):
        read_document(collect_inputs([tmp_path / "empty.html"])[0][0])


# ---- PDF ------------------------------------------------------------------------------------------
# 18 characters a line, 144 characters in balanced columns of 4 lines: 王勇|吉 (characters 71–73) sit on the column line.
COLUMNS = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>嵊州推进改革攻坚</title>
<style>body{margin:0;font-family:"Noto Sans CJK SC","Noto Serif CJK SC",sans-serif}
h1{font-size:24px} .cols{columns:2;column-gap:48px;column-fill:balance;width:624px}
p{font-size:16px;line-height:24px;margin:0;text-align:left;word-break:break-all}</style></head>
<body><h1>嵊州推进改革攻坚</h1><div class="cols"><p>%s</p></div></body></html>"""
WRAP = ("嵊州市人民政府与浙江省发展和改革委员会签署合作协议推进新能源汽车零部件产业集群建设在嵊州经济开发区召开三界镇和剡湖街道的企业参会嵊州市委书记王勇"
        "吉表示将全力支持重点项目落地，比亚迪新能源动力电池生产基地项目位于嵊州经济开发区长乐镇党委书记金灵占出席签约仪式各方代表共同见证合作协议的签署。")


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("pdf")
    assert WRAP.index("王勇吉") == 70, "the name must straddle the column line"
    html = d / "cols.html"
    html.write_text(COLUMNS % WRAP, encoding="utf-8")
    pdf = d / "cols.pdf"
    print_pdf(html, pdf)
    return pdf


def test_pdf_name_across_a_column_line_comes_out_whole(pdf_file):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer
    lines = [(el.x0, el.get_text().strip()) for page in extract_pages(str(pdf_file)) for el in page
             if isinstance(el, LTTextContainer)]
    # the test is real: the text layer breaks the name at the column line (王勇 ends the left column,
    # 吉 opens the right one) and writes radicals (⼈ for 人)
    left = [x for x, t in lines if t.endswith("王勇")]
    right = [x for x, t in lines if t.startswith("吉")]
    assert left and right and right[0] > left[0] + 100, lines
    assert any(re.search("[\u2e80-\u2fdf]", t) for _, t in lines)
    doc = read_document(collect_inputs([pdf_file])[0][0])
    assert "嵊州市委书记王勇吉表示" in doc.text
    assert not re.search("[\u2e80-\u2fdf]", doc.text), "Kangxi/CJK radicals left in the text"
    assert "cols.html" not in doc.text and "1/1" not in doc.text, "page header or footer kept"
    assert doc.title == "嵊州推进改革攻坚"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date or "")


def test_pdf_build_finds_the_wrapped_name(pdf_file):
    g = kg.build([pdf_file])
    assert "王勇吉" in labels(g, "Person") and "王勇" not in labels(g, "Person")
    assert {"嵊州市", "三界镇", "剡湖街道"} <= labels(g, "Locality")
    assert all("\n" not in s and "<" not in s for s in sentences(g))
    assert doc_meta(g)["title"] == "嵊州推进改革攻坚"


def test_corrupt_and_scanned_pdfs_are_skipped_with_one_line(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>\nthis is not a pdf\n")
    ins, _ = collect_inputs([tmp_path / "broken.pdf"])
    with pytest.raises(InputError, match=r"broken\.pdf: not a readable PDF|broken\.pdf: no text layer"):
        read_document(ins[0])



@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_encrypted_pdf_is_skipped_with_one_line_or_read_when_no_password_is_needed(pdf_file, tmp_path, algorithm):
    """A PDF locked with a user password is refused with one line naming it; one with only an owner
    password (opens without a password, as most "protected" PDFs do) is read like any other."""
    import pypdf
    for user, name in (("s3cret", "locked.pdf"), ("", "owner_only.pdf")):
        w = pypdf.PdfWriter(clone_from=str(pdf_file))
        w.encrypt(user_password=user, owner_password="owner", algorithm=algorithm)
        with open(tmp_path / name, "wb") as f:
            w.write(f)
    assert b"/Encrypt" in (tmp_path / "locked.pdf").read_bytes()
    ins, _ = collect_inputs([tmp_path / "locked.pdf"])
    with pytest.raises(InputError) as e:
        read_document(ins[0])
    assert str(e.value) == f"{tmp_path / 'locked.pdf'}: encrypted PDF (a password is needed); not read"
    plain = read_document(collect_inputs([pdf_file])[0][0])
    opened = read_document(collect_inputs([tmp_path / "owner_only.pdf"])[0][0])
    assert opened.text == plain.text and "王勇吉" in opened.text.replace("\n", "")
    # in a folder, the locked file is skipped with its reason and the rest is built
    skipped = []
    g = kg.build([tmp_path], on_skip=skipped.append)
    assert [s for s in skipped if "locked.pdf" in s] == [f"{tmp_path / 'locked.pdf'}: encrypted PDF (a password is needed); not read"]
    assert [d.title for d in g.documents.values() if d.kind == "document"] == ["嵊州推进改革攻坚"]

# ---- DOCX -----------------------------------------------------------------------------------------
def test_docx_paragraphs_tables_and_properties(tmp_path):
    import datetime

    import docx
    d = docx.Document()
    d.core_properties.title = "嵊州市推进改革攻坚"
    d.core_properties.created = datetime.datetime(2024, 3, 5, 8, 0)
    d.add_heading("嵊州市推进改革攻坚", 1)
    for p in ARTICLE:
        d.add_paragraph(p)
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "长乐镇"
    t.cell(0, 1).text = "长乐镇党委书记金灵占出席仪式。"
    d.save(tmp_path / "notice.docx")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    skipped: list[str] = []
    g = kg.build([tmp_path], on_skip=skipped.append)
    assert skipped == [f"{tmp_path / 'broken.docx'}: not a readable DOCX file (BadZipFile)"]
    assert {"嵊州市", "三界镇"} <= labels(g, "Locality") and "王勇吉" in labels(g, "Person")
    assert doc_meta(g) == {"title": "嵊州市推进改革攻坚", "date": "2024-03-05"}
    assert not any("<" in s for s in sentences(g))


# ---- JSON Lines -----------------------------------------------------------------------------------
def test_jsonl_records_with_a_bad_line(tmp_path):
    rows = [
        json.dumps({"id": "a1", "text": "\n".join(ARTICLE[:2]), "title": "嵊州签署合作协议", "date": "2024年3月5日",
                    "url": "https://example.gov.cn/a1.html", "publisher": "嵊州市人民政府"}, ensure_ascii=False),
        '{"id": "a2", "text": "broken',
        json.dumps({"text": ARTICLE[2]}, ensure_ascii=False),
        json.dumps({"id": "a4", "title": "no text"}),
    ]
    (tmp_path / "archive.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    skipped: list[str] = []
    g = kg.build([tmp_path / "archive.jsonl"], on_skip=skipped.append)
    name = tmp_path / "archive.jsonl"
    assert [s.split(": ")[0] for s in skipped] == [f"{name} line 2", f"{name} line 4"]
    assert skipped[0].startswith(f"{name} line 2: not JSON (") and skipped[1] == f'{name} line 4: no "text" string'
    docs = {d.id: d for d in g.input_documents()}
    assert set(docs) == {"a1", "archive-3"}
    assert docs["a1"].source == "archive.jsonl#id=a1" and docs["archive-3"].source == "archive.jsonl#3"
    assert "王勇吉" in labels(g, "Person")
    r = g.sparql(PREFIX + 'SELECT ?date ?url ?pub WHERE { ?d kg:source "archive.jsonl#id=a1" ; dcterms:date ?date ; '
                          'schema:url ?url ; dcterms:publisher ?pub }')
    assert [tuple(map(str, row)) for row in r.rows] == [("2024-03-05", "https://example.gov.cn/a1.html", "嵊州市人民政府")]


# ---- the same article in every format ---------------------------------------------------------------
def test_accuracy_is_format_independent(tmp_path):
    """Corpus article 002 as .txt, .html, .pdf and .docx: the same entities and relations."""
    import docx
    from kg.text.normalise import normalise
    paragraphs = normalise((CORPUS / "002_2b029fc627423ae0.txt").read_text(encoding="utf-8")).paragraphs
    (tmp_path / "a.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    (tmp_path / "a.html").write_text(
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>打造强磁场</title>'
        f'<style>body{{font-family:"Noto Sans CJK SC",sans-serif;font-size:14px}} p{{margin:0 0 1em}}</style>'
        f'</head><body><nav><a href="/">首页</a></nav><article>{body}</article></body></html>', encoding="utf-8")
    # the PDF is printed from the page without its menu (a printed magazine has none)
    (tmp_path / "print.html").write_text((tmp_path / "a.html").read_text(encoding="utf-8")
                                         .replace('<nav><a href="/">首页</a></nav>', ""), encoding="utf-8")
    print_pdf(tmp_path / "print.html", tmp_path / "a.pdf")
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(tmp_path / "a.docx")
    results = {}
    for ext in ("txt", "html", "pdf", "docx"):
        g = kg.build([tmp_path / f"a.{ext}"])
        results[ext] = ({e.key for e in g.entities()},
                        {(f.subject, f.predicate, f.object) for f in g.relations()})
    ents, rels = results["txt"]
    assert len(ents) > 20 and len(rels) > 5
    for ext in ("html", "pdf", "docx"):
        assert results[ext][0] == ents, (ext, results[ext][0] ^ ents)
        assert results[ext][1] == rels, (ext, results[ext][1] ^ rels)


# ---- files, ids, sources ------------------------------------------------------------------------------
def test_same_file_name_in_two_folders_gives_two_documents(tmp_path):
    for sub, text in (("a", ARTICLE[0]), ("b", ARTICLE[1])):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "1.txt").write_text(text, encoding="utf-8")
    ins, skipped = collect_inputs([tmp_path / "a", tmp_path / "b"])
    assert not skipped
    assert [i.source for i in ins] == ["a/1.txt", "b/1.txt"]
    assert len({i.id for i in ins}) == 2 and all(re.fullmatch(r"[A-Za-z0-9_.\-]+", i.id) for i in ins)
    # stable across runs and spellings
    again, _ = collect_inputs([str(tmp_path / "a") + "/", tmp_path / "b" / ".." / "b"])
    assert [(i.id, i.source) for i in again] == [(i.id, i.source) for i in ins]


def test_source_does_not_depend_on_how_the_path_is_spelt(tmp_path):
    rel = os.path.relpath(CORPUS, Path.cwd())
    spellings = [CORPUS, Path(rel), Path(str(CORPUS) + "/"), CORPUS / ".." / "corpus"]
    seen = {tuple((i.id, i.source) for i in collect_inputs([p])[0]) for p in spellings}
    assert len(seen) == 1
    assert ("002_2b029fc627423ae0", "002_2b029fc627423ae0.txt") in next(iter(seen))


def test_unsupported_types_listed_once(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE[0], encoding="utf-8")
    for n in ("b.xls", "c.xls", "d.pptx"):
        (tmp_path / n).write_bytes(b"\xd0\xcf\x11\xe0 binary")
    ins, skipped = collect_inputs([tmp_path])
    assert [i.source for i in ins] == ["a.txt"]
    assert skipped == [f"{tmp_path}: 3 files of unsupported types, not read: b.xls, c.xls, d.pptx "
                       f"(save .xls as .xlsx; read: {' '.join(SUPPORTED)})"]
    for i in range(12):
        (tmp_path / f"x{i:02}.bin").write_bytes(b"\0")
    _, skipped = collect_inputs([tmp_path])
    assert "x06.bin and 5 more (save .xls as .xlsx;" in skipped[0]    # ten named, the rest counted


def test_old_office_file_named_gets_what_to_save_it_as(tmp_path):
    doc = tmp_path / "通知.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    report = kg.BuildReport()
    with pytest.raises(kg.InputError):
        kg.build([doc], cache=False, report=report)
    assert report.skipped == [f"{doc}: an old binary Office file (.doc), not read; save it as .docx and build again"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_and_device_refused_with_one_line(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    r = kg_cli("build", str(fifo), "/dev/zero", "-o", str(tmp_path / "out"), timeout=120)
    assert r.returncode == 1
    assert "pipe.txt: a FIFO (named pipe), not a regular file" in r.stderr
    assert "/dev/zero: a character device, not a regular file" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "out" / "graph.nt").exists()


def test_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE[0] * 200, encoding="utf-8")
    with pytest.raises(InputError, match=r"big\.txt: [\d,]+ bytes is over the per-document limit of 1,000 "
                                         r"\(raise it with --max-size\)"):
        read_bytes(big, max_bytes=1000)
    r = kg_cli("build", str(big), "--max-size", "0.001", "-o", str(tmp_path / "out"), timeout=120)
    assert r.returncode == 1 and "over the per-document limit" in r.stderr and "Traceback" not in r.stderr


# ---- encodings ---------------------------------------------------------------------------------------
def test_bad_byte_is_replaced_and_reported_not_the_article_dropped(tmp_path):
    data = ARTICLE[0].encode("utf-8")
    bad = data[:30] + b"\xff" + data[30:]
    text, enc, warnings = decode(bad, "a.txt")
    assert enc == "utf-8" and "\ufffd" in text and text.replace("\ufffd", "") == ARTICLE[0]
    assert warnings == ["a.txt: 1 invalid UTF-8 byte sequence replaced with U+FFFD (byte 30)"]
    (tmp_path / "a.txt").write_bytes(bad)
    got: list[str] = []
    g = kg.build([tmp_path / "a.txt"], on_warning=got.append)
    assert got == [f"{tmp_path / 'a.txt'}: 1 invalid UTF-8 byte sequence replaced with U+FFFD (byte 30)"]
    assert "嵊州市" in labels(g, "Locality")


def test_big5_and_bomless_utf16_are_detected():
    traditional = "嵊州市人民政府與浙江省發展和改革委員會簽署合作協議，推進新能源汽車零部件產業集群建設。"
    assert decode(traditional.encode("big5"), "t.txt")[:2] == (traditional, "big5")
    simplified = "\n".join(ARTICLE)
    assert decode(simplified.encode("gbk"), "s.txt")[:2] == (simplified, "gb18030")
    for enc in ("utf-16-le", "utf-16-be"):
        assert decode(simplified.encode(enc), "u.txt")[:2] == (simplified, enc)
        assert decode(("Report 2024\n" + simplified).encode(enc), "u.txt")[0] == "Report 2024\n" + simplified
    with pytest.raises(InputError, match=r"x\.bin: binary file"):
        decode(bytes(range(256)) * 20, "x.bin")


# ---- titles ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, title", [
    ("003_93257fffc3be4eeb.txt", "开创全球先进制造业基地建设新局面"),
    ("004_4e43489e28990827.txt", "建设具有全球竞争力的科技创新开放环境"),
    ("001_0200fec696dfc031.txt", "嵊州：拼经济勇争先 抢速度抓“胜势”"),
])
def test_titles_come_from_the_article_not_the_masthead_or_contents(name, title):
    inp = next(i for i in collect_inputs([CORPUS / name])[0])
    doc = read_document(inp)
    assert doc.title == title
    assert doc.title not in ("中共浙江省委主管主办",) and not re.match(r"^\d", doc.title)


# ---- dates: the analysis API, the example query and the graph page -----------------------------------
@pytest.fixture(scope="module")
def dated_graph(tmp_path_factory):
    d = tmp_path_factory.mktemp("dated")
    rows = [{"id": "jan", "date": "2024-01-15", "title": "一月",
             "text": "嵊州市深入推进“最多跑一次”改革。三界镇积极落实“最多跑一次”改革，群众办事更方便。"},
            {"id": "may", "date": "2024-05-20", "title": "五月",
             "text": "长乐镇全力实施“千万工程”，建设美丽乡村。长乐镇党委书记金灵占表示，将持续推进“千万工程”。"},
            {"id": "nodate", "text": "剡湖街道推进“千万工程”和“最多跑一次”改革。"}]
    (d / "news.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return kg.build([d / "news.jsonl"])


def test_dates_in_the_analysis_api(dated_graph):
    from kg.analysis import documents, timeline
    g = dated_graph
    assert [x.id for x in documents(g).documents] == ["jan", "may"]
    assert [x.id for x in documents(g, since="2024-01", until="2024-03").documents] == ["jan"]
    assert [x.id for x in documents(g, undated=True).documents] == ["jan", "may", "nodate"]
    rows = timeline(g, "Programme").rows()
    assert {(r["month"], r["label"]) for r in rows} >= {("2024-01", "“最多跑一次”改革"), ("2024-05", "“千万工程”")}
    assert not any(r["month"] == "2024-01" and "千万工程" in r["label"] for r in rows)
    with pytest.raises(ValueError, match="2024-03-05"):
        documents(g, since="March")


def test_programmes_by_month_query(dated_graph):
    q = (ROOT / "queries" / "programmes_by_month.rq").read_text(encoding="utf-8")
    rows = [tuple(map(str, r)) for r in dated_graph.sparql(q).rows]
    assert rows and all(r[0] == "2024-01" for r in rows)
    assert any("最多跑一次" in r[1] for r in rows)


def test_graph_page_shows_and_filters_dates(dated_graph, tmp_path):
    from cdp import Browser
    from kg.export.html import save_html
    save_html(dated_graph, tmp_path / "graph.html")
    html = (tmp_path / "graph.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="zhkg-data">(.*?)</script>', html, re.S).group(1))
    assert sorted(t for t in data["docDates"] if t) == ["2024-01-15", "2024-05-20"]   # others: undated, divisions
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.skip("Chromium not found (tests/cdp.py CHROMIUM)")
    with Browser() as b:
        page = b.new_page()
        page.goto((tmp_path / "graph.html").as_uri())
        page.wait_for("window.zhkg && window.zhkg.firstDraw", timeout=20)
        assert page.evaluate('!document.getElementById("date-filter").hidden')
        everything = page.evaluate("zhkg.setDates('', '')")
        january = page.evaluate("zhkg.setDates('2024-01-01', '2024-03-31')")
        assert 0 < january < everything
        assert page.evaluate("zhkg.setDates('2025-01-01', '')") == 0
        page.close()


def test_document_metadata_conforms_to_the_shapes(dated_graph, tmp_path):
    """dcterms:title/date/publisher and schema:url as kgsh:DocumentShape wants them; a wrong datatype fails."""
    from rdflib import Graph
    from test_schema import conforms
    from kg.export.rdf import to_ntriples
    nt = to_ntriples(dated_graph)
    g = Graph().parse(data=nt, format="nt")
    ok, _, text = conforms(g, consistency=False)
    assert ok, text
    bad = Graph().parse(data=nt.replace('"2024-01-15"^^<http://www.w3.org/2001/XMLSchema#date>', '"2024-01-15"'),
                        format="nt")
    assert not conforms(bad, consistency=False)[0]


# ---- symbolic links (issue 23) -------------------------------------------------------------------
def test_link_to_a_file_outside_the_folder_is_skipped_with_one_line(tmp_path):
    inside, outside = tmp_path / "in", tmp_path / "secret"
    inside.mkdir()
    outside.mkdir()
    (outside / "passwd.txt").write_text("机密：市政府内部名单。", encoding="utf-8")
    (inside / "a.txt").write_text(ARTICLE[0], encoding="utf-8")
    (inside / "b.txt").write_text(ARTICLE[1], encoding="utf-8")
    (inside / "passwd.txt").symlink_to(outside / "passwd.txt")
    (inside / "same.txt").symlink_to(inside / "b.txt")          # a link inside the folder is read
    (inside / "sub").symlink_to(outside, target_is_directory=True)  # folder links are not followed
    found, notes = collect_inputs([inside])
    assert sorted(i.source for i in found) == ["a.txt", "b.txt"]
    assert [n for n in notes if "passwd" in n] == [
        f"{inside / 'passwd.txt'}: a symbolic link to {outside / 'passwd.txt'}, outside the folder; "
        "skipped (kg build --follow-links reads it)"]
    followed, notes = collect_inputs([inside], follow_links=True)
    assert sorted(i.source for i in followed) == ["a.txt", "b.txt", "passwd.txt"]
    assert not [n for n in notes if "passwd" in n]
    # the whole build: the secret is neither read nor published
    report = kg.BuildReport()
    g = kg.build([inside], cache=False, report=report)
    assert sorted(d.source for d in g.input_documents()) == ["a.txt", "b.txt"]
    assert any("passwd.txt: a symbolic link" in n for n in report.skipped)
    # the command: skipped with one line by default, read with --follow-links
    import subprocess
    import sys
    for flag, sources in (([], ["a.txt", "b.txt"]), (["--follow-links"], ["a.txt", "b.txt", "passwd.txt"])):
        out = tmp_path / f"out{len(flag)}"
        r = subprocess.run([sys.executable, "-m", "kg", "build", str(inside), "-o", str(out), "-q", "--no-cache",
                            "--format", "nt", *flag], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert ("passwd.txt: a symbolic link" in r.stderr) == (not flag)
        assert sorted(d.source for d in kg.load(out).input_documents()) == sources
    assert "机密" not in g.to_ntriples()
