"""The error report: what a build extracted per class, what it merged, and the sentences behind its
least certain relations, so that a user can check it and correct it through data/user/ files."""
from __future__ import annotations

import html
import os
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from kg.records import CLASSES

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.knowledge_graph import KnowledgeGraph

HOW_TO_CORRECT = """\
## How to correct the next build

Write corrections in `data/user/` (or the folder given with `kg build --user DIR`), one entry a line,
TAB-separated, `#` for comments; the next build honours them:

- `names.txt`: `Class<TAB>canonical name<TAB>alias|alias` adds a name the extractor missed, or merges
  surface forms into one entity (`Company	星耀纺机	星耀纺机公司`).
- `blocked.txt`: `surface form[<TAB>Class]` stops a name from being extracted (for one class, or all).
"""


def _md_escape(s: str) -> str:
    """Text from the corpus as inert Markdown: markup (HTML runs in many Markdown previews), links,
    emphasis, table bars and control characters are shown, never interpreted.

    >>> _md_escape('<script>alert(1)</script> [x](javascript:y) *a*|b')
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\[x\\\\](javascript:y) \\\\*a\\\\*\\\\|b'
    """
    s = html.escape(s, quote=False)
    s = "".join(" " if c in "\r\n\t" else "\ufffd" if (ord(c) < 32 or 0x7f <= ord(c) < 0xa0) else
                "\\" + c if c in "\\`*_[]|" else c for c in s)
    return s


def report_markdown(g: "KnowledgeGraph", low: float = 0.6, limit: int = 200) -> str:
    """The error report as Markdown: entities per class, what was merged, the relations below `low`
    confidence with their sentences, the entities mentioned once, and how to correct the next build.

    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> md = report_markdown(g)
    >>> md.splitlines()[0], "| Locality | 2 |" in md
    ('# zhkg build report', True)
    """
    s = g.summary()
    docs = g.input_documents()
    out = ["# zhkg build report", "",
           f"{len(docs)} documents; {sum(s['entities'].values())} entities; "
           f"{sum(s['relations'].values())} typed relations; {s['posts']} posts.", ""]
    out += _per_class(g)
    out += _merged(g, limit)
    out += _confidence_bands(g)
    out += _weak_relations(g, low, limit)
    out += _mentioned_once(g, limit)
    out.append(HOW_TO_CORRECT)
    return "\n".join(out)


def _per_class(g: "KnowledgeGraph") -> list[str]:
    out = ["## Entities per class", "", "| class | entities | merged (with aliases) | mentions |", "|---|---:|---:|---:|"]
    for c in CLASSES:
        es = g.entities(c)
        out.append(f"| {c} | {len(es)} | {sum(1 for e in es if e.aliases)} | {sum(e.mentions for e in es)} |")
    out.append("")
    return out


def _merged(g: "KnowledgeGraph", limit: int) -> list[str]:
    out = ["## What was merged into what", "",
           "Each entity with the other surface forms it absorbed (check that they are the same thing).", ""]
    for c in CLASSES:
        merged = [e for e in g.entities(c) if e.aliases]
        if not merged:
            continue
        out.append(f"### {c}")
        out.append("")
        for e in merged[:limit]:
            out.append(f"- **{_md_escape(e.label)}** ← {'、'.join(_md_escape(a) for a in e.aliases)}")
        if len(merged) > limit:
            out.append(f"- … and {len(merged) - limit} more")
        out.append("")
    return out


def _confidence_bands(g: "KnowledgeGraph") -> list[str]:
    """This build's relations per confidence band, beside the share that was right on the development
    set in that band (kg.extract.calibration: confidences are calibrated there)."""
    from kg.extract.calibration import BANDS, band, dev_bands
    dev = dev_bands()
    here: dict[str, int] = defaultdict(int)
    for f in g.relations():
        here[band(f.confidence)] += 1
    out = ["## Relations by confidence", "",
           "Confidences are calibrated: on the hand-annotated development set, the share of relations that were",
           "right in each band is shown beside it (`tools/calibrate.py`). `kg build --min-confidence X` keeps only",
           "what is at or above X.", "",
           "| confidence | relations in this build | right on the development set |", "|---|---:|---:|"]
    for lo, _ in BANDS:
        name = band(lo)
        right, total = dev.get(name, (0, 0))
        measured = f"{right / total:.2f} ({right} of {total})" if total else "—"
        out.append(f"| {name} | {here[name]} | {measured} |")
    out.append("")
    return out


def _weak_relations(g: "KnowledgeGraph", low: float, limit: int) -> list[str]:
    out = [f"## Relations with confidence below {low}", ""]
    weak = [f for f in g.relations() if f.confidence < low]
    weak.sort(key=lambda f: (f.confidence, f.subject, f.predicate, f.object))
    if not weak:
        out.append("None.")
    for f in weak[:limit]:
        ev = f.evidence[0]
        src = g.documents[ev.doc_id].source if ev.doc_id in g.documents else ev.doc_id
        out.append(f"- {f.confidence:.2f} **{_md_escape(g.entity(f.subject).label)}** {f.predicate} "
                   f"**{_md_escape(g.entity(f.object).label)}** ({ev.rule}) — {_md_escape(ev.sentence)} "
                   f"[{_md_escape(Path(src).name)}:{ev.start}–{ev.end}]")
    if len(weak) > limit:
        out.append(f"- … and {len(weak) - limit} more")
    out.append("")
    return out


def _mentioned_once(g: "KnowledgeGraph", limit: int) -> list[str]:
    out = ["## Entities mentioned once, by class", ""]
    once = defaultdict(list)
    for e in g.entities():
        if e.mentions == 1:
            once[e.cls].append(e.label)
    for c in CLASSES:
        if once[c]:
            out.append(f"- {c}: {'、'.join(_md_escape(x) for x in once[c][:limit])}")
    out.append("")
    return out


REPORT_STYLE = ("body{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;max-width:60em;"
                "margin:2em auto;padding:0 1em;line-height:1.5}table{border-collapse:collapse}"
                "td,th{border:1px solid #ccc;padding:.15em .6em}th{background:#f3f3f3}")


def report_html(markdown: str) -> str:
    """The Markdown report as an HTML page: headings, tables and lists as HTML, not text in <pre>.

    markdown-it-py (MIT) comes with rich; raw HTML in the text is escaped ("html": False), so a
    sentence holding `<script>` stays text.

    >>> page = report_html("# report\\n\\n<script>x</script>")
    >>> "<h1>report</h1>" in page, "&lt;script&gt;" in page
    (True, True)
    """
    from markdown_it import MarkdownIt
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    return ('<!doctype html>\n<html lang="zh"><head><meta charset="utf-8"><title>zhkg build report</title>'
            f"<style>{REPORT_STYLE}</style></head><body>\n{body}</body></html>\n")


def write_report(g: "KnowledgeGraph", path: Path, low: float = 0.6) -> Path:
    """Write report.md (or report.html when `path` ends in .html) atomically.

    >>> import tempfile
    >>> from kg.extract import extract_text
    >>> from kg.graph.merge import merge
    >>> g = merge([extract_text("浙江省嵊州市。")])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_report(g, Path(tmp) / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    True
    """
    text = report_markdown(g, low)
    if path.suffix == ".html":
        text = report_html(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".report-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)   # mkstemp makes it private; a report is an ordinary file
    os.replace(tmp, path)
    return path
