"""One reader per input format (plain text, Markdown, HTML, PDF, DOCX) behind one interface: bytes → Extracted."""
from __future__ import annotations

import io
import re
import logging
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable

from kg.text.dates import FILE_CREATED, TEXT
from kg.text.read import InputError, decode, printable

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u2e80-\u2fdf"


@dataclass(frozen=True)
class Extracted:
    """What a reader gives: the document's text (paragraphs one a line) and the metadata it carries."""
    text: str
    title: str | None = None
    date: str | None = None        # ISO yyyy-mm-dd, only a whole date
    publisher: str | None = None
    url: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)
    # what `date` is (kg.text.dates): None for publication metadata, FILE_CREATED for a file's creation date
    date_source: str | None = field(default=None, repr=False)


def iso_date(value: object) -> str | None:
    """A whole calendar date from the shapes metadata comes in (2024-03-05, 2024年3月5日, D:20240305…, datetime).

    >>> iso_date("2024年3月5日"), iso_date("D:20240305120000+08'00'"), iso_date(datetime(2024, 3, 5, 9, 30))
    ('2024-03-05', '2024-03-05', '2024-03-05')
    >>> iso_date("2024年3月"), iso_date("2024-02-30"), iso_date(None)
    (None, None, None)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    m = (re.match(r"^D?:?(\d{4})(\d{2})(\d{2})", s)
         or re.match(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", s))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _clean(s: object) -> str | None:
    if s is None:
        return None
    s = re.sub(r"\s+", " ", str(s)).strip()
    return s or None


# ---- plain text and Markdown ------------------------------------------------------------------
def read_plain(data: bytes, name: str) -> Extracted:
    """Plain text in whichever encoding kg.text.read.decode finds; no metadata.

    >>> read_plain("市政府印发通知。".encode("gbk"), "a.txt")
    Extracted(text='市政府印发通知。', title=None, date=None, publisher=None, url=None, encoding='gb18030', warnings=())
    """
    text, enc, warnings = decode(data, name)
    return Extracted(text, encoding=enc, warnings=tuple(warnings))


def _md_inline(children) -> str:
    """The text of one inline run: markup gone, links keep their text, images and inline HTML dropped;
    a soft line break joins (with a space only between Latin letters or digits), a hard one stays."""
    out = []
    for c in children:
        if c.type in ("text", "code_inline"):
            out.append(c.content)
        elif c.type == "softbreak":
            out.append("\0")
        elif c.type == "hardbreak":
            out.append("\n")
    s = _CJK_EMPHASIS.sub(r"\2", "".join(out))
    return re.sub(r"(?<=[A-Za-z0-9,.;:!?])\0(?=[A-Za-z0-9])", " ", s).replace("\0", "")


#: Emphasis CommonMark leaves as text next to CJK punctuation (推进*“最多跑一次”改革*: an opening * after a
#: letter and before “ is not left-flanking): markers around text with a CJK character are dropped too.
_CJK_EMPHASIS = re.compile(rf"(\*{{1,3}}|_{{2,3}}|~~)(?=[^\s*_~])([^*_~\n]*?[{_CJK}][^*_~\n]*?)(?<=[^\s*_~])\1")


def _md_blocks(text: str) -> tuple[list[str], str | None]:
    """(lines, first heading) of a Markdown text parsed by markdown-it-py (CommonMark, tables, ~~strike~~):
    a paragraph, heading or list item a line, a table row a line (cells joined by a space), code and
    HTML blocks kept as their text."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    lines: list[str] = []
    heading: str | None = None
    row: list[str] | None = None
    in_heading = False
    for t in md.parse(text):
        if t.type == "tr_open":
            row = []
        elif t.type == "tr_close" and row is not None:
            lines.append(" ".join(c for c in row if c))
            row = None
        elif t.type in ("heading_open", "heading_close"):
            in_heading = t.type == "heading_open"
        elif t.type == "inline":
            s = _md_inline(t.children or [])
            if row is not None:
                row.append(s.strip())
                continue
            if in_heading and heading is None and s.strip():
                heading = s.strip()
            lines.extend(s.split("\n"))
        elif t.type in ("fence", "code_block"):
            lines.extend(t.content.splitlines())
        elif t.type == "html_block":
            lines.extend(l for l in re.sub(r"<[^>\n]*>|<!--.*?-->", "", t.content, flags=re.S).splitlines() if l.strip())
    return lines, heading


def read_markdown(data: bytes, name: str) -> Extracted:
    """Markdown as text (markdown-it-py): markup dropped, the first heading as title, front matter as metadata.

    >>> md = ("---\\ntitle: 通知\\ndate: 2024-03-05\\n---\\n# 关于开展*工作*的通知\\n\\n**各区**：请[点此](http://x)查看，"
    ...       "*务必*落实。\\n\\n| 项目 | 金额 |\\n|---|---|\\n| 甲 | 1 |\\n")
    >>> read_markdown(md.encode(), "a.md")
    Extracted(text='关于开展工作的通知\\n\\n各区：请点此查看，务必落实。\\n\\n项目 金额\\n\\n甲 1', title='通知', date='2024-03-05', publisher=None, url=None, encoding='utf-8', warnings=())
    >>> read_markdown("# 标题\\n第一行，\\n第二行*“最多跑一次”改革*。\\n".encode(), "b.md").text   # a soft break joins
    '标题\\n\\n第一行，第二行“最多跑一次”改革。'
    """
    text, enc, warnings = decode(data, name)
    text = text.replace("\r\n", "\n")
    meta: dict[str, str] = {}
    fm = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    if fm:
        for line in fm.group(1).splitlines():
            k, _, v = line.partition(":")
            meta[k.strip().lower()] = v.strip().strip("'\"")
        text = text[fm.end():]
    lines, heading = _md_blocks(text)
    # a blank line between blocks: normalise() must not take short paragraphs for a column's lines and join them
    return Extracted("\n\n".join(l for l in lines if l.strip()), _clean(meta.get("title") or heading), iso_date(meta.get("date")),
                     _clean(meta.get("publisher")), _clean(meta.get("url")), enc, tuple(warnings))


# ---- HTML --------------------------------------------------------------------------------------
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CHARSETS = {"gbk": "gb18030", "gb2312": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030",
             "big5": "big5", "big5-hkscs": "big5hkscs", "utf-8": "utf-8", "utf8": "utf-8"}


def _html_text(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode a page by its declared charset (GBK is common on government sites), else by detection."""
    m = _META_CHARSET.search(data[:8192])
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        enc = _CHARSETS.get(declared, declared)
        try:
            return data.decode(enc), enc, []
        except (LookupError, UnicodeDecodeError):
            pass   # a wrong declaration is common too: fall back to detection
    return decode(data, name)


def read_html(data: bytes, name: str) -> Extracted:
    """The article body of a page (trafilatura: no navigation, footer, scripts) and its title, date, URL, site.

    >>> page = ("<html><head><title>关于开展工作的通知</title></head><body><article><h1>关于开展工作的通知</h1>"
    ...         "<p>各区人民政府：为进一步推进产业发展，市政府决定开展专项工作。请认真贯彻落实。</p></article></body></html>")
    >>> got = read_html(page.encode(), "a.html")
    >>> got.title, got.encoding
    ('关于开展工作的通知', 'utf-8')
    >>> print(got.text)
    关于开展工作的通知
    各区人民政府：为进一步推进产业发展，市政府决定开展专项工作。请认真贯彻落实。
    >>> read_html(b"<html><body><nav>\\xe9\\xa6\\x96\\xe9\\xa1\\xb5</nav></body></html>", "a.html")
    Traceback (most recent call last):
    kg.text.read.InputError: a.html: no main text found in the page (navigation or scripts only?)
    """
    import trafilatura

    html, enc, warnings = _html_text(data, name)
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)   # lxml refuses str input with an encoding declaration
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                      include_images=False, include_links=False, deduplicate=False,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    # trafilatura falls back to any text it finds (a menu's 首页): too little to be an article is none
    if len(re.sub(r"\s", "", text)) < 20:
        raise InputError(f"{printable(name)}: no main text found in the page (navigation or scripts only?)")
    canonical = getattr(doc, "url", None)
    day = iso_date(getattr(doc, "date", None))
    return Extracted(text, _clean(getattr(doc, "title", None)), day, _clean(getattr(doc, "sitename", None)),
                     canonical if canonical and re.match(r"^https?://\S+$", canonical) else None,
                     enc, tuple(warnings), date_source=_html_date_source(html, day))


def _html_date_source(html: str, day: str | None) -> str | None:
    """None (metadata) when the page's head gives `day`; TEXT when only its body does: trafilatura's
    date search (htmldate) also reads dates written in the text (发布时间：2024-03-22).

    >>> head = "<html><head><meta name='PubDate' content='2024-03-22'></head>"
    >>> _html_date_source(head + "<body><p>2024-03-22</p></body></html>", "2024-03-22")
    >>> _html_date_source("<html><head></head><body><p>发布时间：2024-03-22</p></body></html>", "2024-03-22")
    'text'
    """
    from htmldate import find_date

    if day is None:
        return None
    body = re.search(r"<body[\s>]", html, re.I)
    if body is None:
        return None
    try:
        in_head = find_date(html[:body.start()] + "<body></body></html>", extensive_search=False, original_date=True)
    except Exception:   # htmldate on a damaged head: the date is then not known to be metadata
        in_head = None
    return None if iso_date(in_head) == day else TEXT


# ---- DOCX --------------------------------------------------------------------------------------
def read_docx(data: bytes, name: str) -> Extracted:
    """Paragraphs and table cells in document order; title and creation date from the core properties.

    >>> import docx
    >>> d = docx.Document(); _ = d.add_paragraph("市政府印发通知。"); d.core_properties.title = "通知"
    >>> t = d.add_table(rows=1, cols=2); t.cell(0, 0).text = "项目"; t.cell(0, 1).text = "金额"
    >>> buf = io.BytesIO(); d.save(buf)
    >>> got = read_docx(buf.getvalue(), "a.docx")
    >>> got.text, got.title, got.date
    ('市政府印发通知。\\n项目 金额', '通知', None)
    >>> read_docx(b"not a docx", "a.docx")
    Traceback (most recent call last):
    kg.text.read.InputError: a.docx: not a readable DOCX file (BadZipFile)
    """
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    from kg.text.unpack import check_zip

    check_zip(data, name)  # before python-docx inflates anything
    try:
        d = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError(f"{printable(name)}: not a readable DOCX file ({type(e).__name__})") from None
    except Exception as e:   # python-docx surfaces lxml and zip errors of damaged files in many types
        raise InputError(f"{printable(name)}: not a readable DOCX file ({type(e).__name__})") from None
    lines: list[str] = []
    for block in d.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = []
                for c in row.cells:
                    t = c.text.strip()
                    if t and (not cells or cells[-1] != t):   # merged cells repeat their text
                        cells.append(t)
                if cells:
                    lines.append(" ".join(cells))
        else:
            lines.append(block.text)
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(f"{printable(name)}: the DOCX file has no text")
    cp = d.core_properties
    created = cp.created
    # python-docx's blank template carries this creation time: it dates the template, not the document
    if created is not None and created.replace(tzinfo=None) == datetime(2013, 12, 23, 23, 15):
        created = None
    return Extracted(text, _clean(cp.title), iso_date(created), None, None, None)


# ---- PDF ---------------------------------------------------------------------------------------
_PAGE_MARK = re.compile(r"^[\s\-—–·•]*(第\s*)?\d{1,4}(\s*/\s*\d{1,4})?(\s*页)?[\s\-—–·•]*$")


@dataclass
class _Line:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _pdf_line_text(raw: str) -> str:
    s = raw.replace("\n", "").strip()
    tokens = s.split()
    # justified CJK lines come out letter-spaced (产 业 集 群): close the gaps when nearly every token is one character
    if len(tokens) >= 4 and sum(len(t) == 1 for t in tokens) >= 0.8 * len(tokens):
        s = re.sub(f"(?<=[{_CJK}，。、；：！？“”（）《》])\\s+(?=[{_CJK}，。、；：！？“”（）《》])", "", s)
    return s


def _columns(lines: list[_Line], left: float, right: float) -> list[tuple[float, float]]:
    """Column extents: x ranges covered by lines, separated by gutters that no narrow line crosses."""
    narrow = [l for l in lines if l.x1 - l.x0 < 0.6 * (right - left)] or lines
    spans = sorted((l.x0, l.x1) for l in narrow)
    cols: list[list[float]] = []
    for a, b in spans:
        if cols and a <= cols[-1][1] + 2:
            cols[-1][1] = max(cols[-1][1], b)
        else:
            cols.append([a, b])
    return [(a, b) for a, b in cols]


def _page_order(lines: list[_Line]) -> list[tuple[_Line, int, float]]:
    """Lines of one page in reading order, each with its column number and the column's right edge.

    Full-width lines (titles across columns) cut the page into bands; inside a band, columns are
    read left to right and lines top to bottom.
    """
    if not lines:
        return []
    left = min(l.x0 for l in lines)
    right = max(l.x1 for l in lines)
    cols = _columns(lines, left, right)
    if len(cols) <= 1:
        edge = right
        return [(l, 0, edge) for l in sorted(lines, key=lambda l: (-l.y1, l.x0))]

    def col_of(l: _Line) -> int | None:
        for i, (a, b) in enumerate(cols):
            if l.x0 >= a - 2 and l.x1 <= b + 2:
                return i
        return None   # spans a gutter
    out: list[tuple[_Line, int, float]] = []
    band: list[_Line] = []

    def flush() -> None:
        for l in sorted(band, key=lambda l: (col_of(l), -l.y1, l.x0)):
            i = col_of(l)
            out.append((l, i, cols[i][1]))
        band.clear()
    for l in sorted(lines, key=lambda l: -l.y1):
        if col_of(l) is None:
            flush()
            out.append((l, -1, right))
        else:
            band.append(l)
    flush()
    return out


def read_pdf(data: bytes, name: str) -> Extracted:
    """Text in reading order (column by column), paragraph lines joined, page furniture dropped.

    Uses pdfminer.six's character positions; the radicals some fonts map to (⼈ for 人) are
    unified later by normalise(). Compressed streams may inflate to at most
    kg.text.unpack.MAX_UNPACKED bytes in all (a decompression bomb is refused with one line).

    A one-page PDF made by hand (pdfminer finds the objects without a cross-reference table):

    >>> objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    ...         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R"
    ...         b" /Resources << /Font << /F1 5 0 R >> >> >>",
    ...         b"<< /Length 45 >>\\nstream\\nBT /F1 12 Tf 50 100 Td (Policy notice.) Tj ET\\nendstream",
    ...         b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ...         b"<< /Title (Notice) /CreationDate (D:20240305120000) >>"]
    >>> pdf = b"%PDF-1.4\\n" + b"".join(b"%d 0 obj\\n%s\\nendobj\\n" % (n, o) for n, o in enumerate(objs, 1))
    >>> read_pdf(pdf + b"trailer\\n<< /Root 1 0 R /Info 6 0 R >>\\n%%EOF\\n", "a.pdf")
    Extracted(text='Policy notice.', title='Notice', date='2024-03-05', publisher=None, url=None, encoding=None, warnings=())
    >>> _.date_source     # a creation date: a date written in the text's opening is preferred (kg.text.dates)
    'file-created'
    >>> read_pdf(b"not a pdf", "a.pdf")
    Traceback (most recent call last):
    kg.text.read.InputError: a.pdf: not a readable PDF (PDFSyntaxError)
    """
    from kg.text.unpack import pdf_budget

    label = printable(name)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)   # font warnings of every Chromium PDF, not ours to fix
    with pdf_budget(name):
        info = _pdf_info(data, label)
        pages = _pdf_pages(data, label)
    text = "\n".join(_pdf_paragraphs(pages))
    if not text.strip():
        raise InputError(f"{label}: no text layer (a scanned PDF?); OCR is not supported, not read")
    # Author is the writer, not the publisher: it is not mapped to dcterms:publisher. CreationDate is
    # when the file was made (a page printed to PDF: the day of printing), so a date in the text wins
    return Extracted(text, _clean(_pdf_meta(info, "Title")), iso_date(_pdf_meta(info, "CreationDate")), None, None, None,
                     date_source=FILE_CREATED)


def _pdf_info(data: bytes, label: str) -> dict:
    """The document information dictionary; InputError for an encrypted or damaged file."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        return doc.info[0] if doc.info else {}
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"{label}: encrypted PDF (a password is needed); not read") from None
    except InputError:
        raise
    except Exception as e:   # pdfminer raises many types (PSEOF, PDFSyntaxError, KeyError…) on damaged files
        raise InputError(f"{label}: not a readable PDF ({type(e).__name__})") from None


def _pdf_meta(info: dict, key: str) -> str | None:
    from pdfminer.utils import decode_text
    v = info.get(key)
    if hasattr(v, "resolve"):
        v = v.resolve()
    if isinstance(v, bytes):
        try:
            return decode_text(v)
        except Exception:
            return None
    return str(v) if v is not None else None


def _pdf_pages(data: bytes, label: str) -> list[tuple[float, float, list[_Line]]]:
    """(bottom, top, text lines) of each page."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    # word_margin 0.5: justified Chinese spreads letters apart; only real word gaps become spaces
    params = LAParams(word_margin=0.5, line_margin=0.3)
    pages: list[tuple[float, float, list[_Line]]] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=params):
            lines: list[_Line] = []
            for el in page:
                if isinstance(el, LTTextContainer):
                    for line in (el if not isinstance(el, LTTextLine) else [el]):
                        if isinstance(line, LTTextLine):
                            t = _pdf_line_text(line.get_text())
                            if t:
                                lines.append(_Line(line.x0, line.y0, line.x1, line.y1, t))
            pages.append((page.bbox[1], page.bbox[3], lines))
    except InputError:
        raise
    except Exception as e:
        raise InputError(f"{label}: not a readable PDF ({type(e).__name__})") from None
    return pages


def _pdf_body(pages: list[tuple[float, float, list[_Line]]]) -> list[list[_Line]]:
    """Each page's lines without running headers and footers: in the outer tenth of the page, a page
    number, a URL, or a line that repeats (digits aside) on another page; or anything in the
    outermost 3.5 % (print margins)."""
    outer: Counter[str] = Counter()
    for y0, y1, lines in pages:
        h = y1 - y0
        for k in {re.sub(r"\d+", "#", l.text) for l in lines if l.y0 > y1 - 0.1 * h or l.y1 < y0 + 0.1 * h}:
            outer[k] += 1
    bodies = []
    for y0, y1, lines in pages:
        h = y1 - y0

        def furniture(l: _Line) -> bool:
            if l.y0 > y1 - 0.035 * h or l.y1 < y0 + 0.035 * h:
                return True
            if not (l.y0 > y1 - 0.1 * h or l.y1 < y0 + 0.1 * h):
                return False
            return bool(_PAGE_MARK.match(l.text) or re.match(r"^(https?|file)://", l.text)
                        or (len(pages) > 1 and outer[re.sub(r"\d+", "#", l.text)] > 1))
        bodies.append([l for l in lines if not furniture(l)])
    return bodies


def _joins(prev: tuple[_Line, int, float, float], line: _Line, col: int, lefts: dict[int, float]) -> bool:
    """Whether `line` continues the paragraph whose last line is `prev` (line, column, edge, pitch)."""
    size = line.y1 - line.y0
    pl, pcol, pedge, ppitch = prev
    full = pl.x1 >= pedge - 3 * (pl.y1 - pl.y0)     # the line runs to the column edge
    indented = line.x0 > lefts[col] + 1.5 * size   # a new paragraph's first-line indent
    same_col = pcol == col and pl.y1 > line.y1
    close = same_col and ppitch > 0 and (pl.y1 - line.y1) <= 1.35 * ppitch
    # next column or page: the paragraph goes on unless the last line ended a sentence
    moved = not same_col and col >= 0 and pl.text[-1] not in "。！？!?"
    return (full and not indented and (close or moved)) or _heading_goes_on(pl, line, same_col, lefts[col], pedge)


def _heading_goes_on(pl: _Line, line: _Line, same_col: bool, left: float, edge: float) -> bool:
    """A centred heading wrapped over lines (《…若干措 / 施》的通知): the line above is as large, nearly
    as wide as the column, both are centred, and the gap between them is less than a line.

    >>> head = _Line(40, 700, 560, 728, "嵊州市人民政府关于印发《嵊州市促进民营经")
    >>> _heading_goes_on(head, _Line(160, 660, 440, 688, "济高质量发展若干措施》的通知"), True, 40, 560)
    True
    >>> _heading_goes_on(head, _Line(160, 660, 440, 676, "嵊政发〔2024〕12号"), True, 40, 560)   # smaller
    False
    """
    size, psize = line.y1 - line.y0, pl.y1 - pl.y0
    if not same_col or psize <= 0 or abs(size - psize) > 0.1 * psize or pl.text[-1] in "。！？!?；;：:，,":
        return False
    width, middle = edge - left, (left + edge) / 2

    def centred(l: _Line) -> bool:
        return abs((l.x0 + l.x1) / 2 - middle) <= max(psize, 0.05 * width)
    return (centred(pl) and centred(line) and pl.x1 - pl.x0 >= 0.75 * width
            and 0 <= pl.y0 - line.y1 <= 0.8 * psize)


def _pdf_paragraphs(pages: list[tuple[float, float, list[_Line]]]) -> list[str]:
    """The pages' body lines in reading order, joined into paragraphs."""
    paragraphs: list[str] = []
    buf = ""
    prev: tuple[_Line, int, float, float] | None = None
    for body in _pdf_body(pages):
        ordered = _page_order(body)
        lefts: dict[int, float] = {}
        for l, col, _ in ordered:
            lefts[col] = min(lefts.get(col, l.x0), l.x0)
        pitches = [a[0].y1 - b[0].y1 for a, b in zip(ordered, ordered[1:]) if a[1] == b[1] and a[0].y1 > b[0].y1]
        pitch = statistics.median(pitches) if pitches else 0.0
        for line, col, edge in ordered:
            if buf and prev is not None:
                if _joins(prev, line, col, lefts):
                    pl = prev[0]
                    sep = " " if re.match(r"[A-Za-z0-9]", pl.text[-1]) and re.match(r"[A-Za-z0-9]", line.text) else ""
                    buf += sep + line.text
                    prev = (line, col, edge, pitch)
                    continue
                paragraphs.append(buf)
            buf = line.text
            prev = (line, col, edge, pitch)
    if buf:
        paragraphs.append(buf)
    return paragraphs


#: Readers by file extension (lower case). JSON Lines is expanded into records before reading (kg/text/inputs.py).
READERS: dict[str, Callable[[bytes, str], Extracted]] = {
    ".txt": read_plain, ".text": read_plain, ".md": read_markdown, ".markdown": read_markdown,
    ".html": read_html, ".htm": read_html, ".xhtml": read_html, ".pdf": read_pdf, ".docx": read_docx,
}
