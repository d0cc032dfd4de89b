"""Turn the paths given to `kg build` into documents: which files, their ids and kg:source, and reading one."""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kg.records import Document
from kg.text.boilerplate import drop_boilerplate
from kg.text.dates import document_date
from kg.text.formats import READERS, Extracted, iso_date, read_plain
from kg.text.normalise import normalise
from kg.text.read import DEFAULT_MAX_BYTES, InputError, file_kind, printable, read_bytes
from kg.text.titles import title_of

#: Every extension `kg build` reads in a folder.
SUPPORTED = tuple(sorted({*READERS, ".jsonl"}))
#: Old binary Office formats, which are not read: the format to save them as instead.
OLD_OFFICE = {".doc": ".docx", ".wps": ".docx", ".xls": ".xlsx", ".et": ".xlsx", ".ppt": ".pptx", ".dps": ".pptx"}
#: At most this many unsupported files of a folder are named in its one line; the rest are counted.
NAMED_MAX = 10
_SAFE_ID = re.compile(r"[A-Za-z0-9_.\-]{1,80}")


@dataclass(frozen=True)
class Input:
    """One document to build: a file, or one record of a JSON Lines archive (line > 0)."""
    path: str              # the file to read, as found
    source: str            # kg:source: the path relative to the argument it was found under (see docs/inputs.md)
    id: str                # document id, unique in the build: kgr:doc/<id>
    line: int = 0          # JSON Lines: 1-based line number
    offset: int = 0        # JSON Lines: byte offset of that line
    max_bytes: int = DEFAULT_MAX_BYTES
    digest: str = ""       # JSON Lines: SHA-256 of the record's line, its cache identity (kg/pipeline.py)


@dataclass
class _Found:
    arg: Path
    file: Path
    rel: str               # POSIX path relative to the argument (file name for a file argument)
    line: int = 0
    offset: int = 0
    record_id: str | None = None
    digest: str = ""


def _record_source(rel: str, line: int, record_id: str | None = None) -> str:
    """kg:source of a file, or of a record: its `id` when it has one (stable when lines move), else its line.

    >>> _record_source("a.jsonl", 12), _record_source("a.jsonl", 12, "x1"), _record_source("a.txt", 0)
    ('a.jsonl#12', 'a.jsonl#id=x1', 'a.txt')
    """
    if not line:
        return rel
    return f"{rel}#id={record_id}" if record_id is not None else f"{rel}#{line}"


def _record_id(value: object) -> str | None:
    """A record's `id` fit to name it: a string or integer, printable, at most 200 characters.

    >>> _record_id(12), _record_id("a/1"), _record_id(""), _record_id("x\\ny"), _record_id(True)
    ('12', 'a/1', None, None, None)
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    s = str(value).strip()
    return s if s and len(s) <= 200 and s.isprintable() else None


def _line_digest(raw: bytes) -> str:
    return hashlib.sha256(raw.rstrip(b"\r\n")).hexdigest()


def _jsonl_records(arg: Path, f: Path, rel: str, max_bytes: int, skipped: list[str]) -> list[_Found]:
    """Index the records of a JSON Lines archive; a line that is not a usable record is skipped with its number."""
    out: list[_Found] = []
    name = printable(f)
    try:
        st = os.stat(f)
        if not stat.S_ISREG(st.st_mode):
            skipped.append(f"{name}: {file_kind(st.st_mode)}, not a regular file; only regular files are read")
            return out
        fh = open(f, "rb")
    except OSError as e:
        skipped.append(f"{name}: cannot read: {e.strerror or e}")
        return out
    with fh:
        for number, here, raw, size in _lines(fh, max_bytes):
            if raw is None:
                skipped.append(f"{name} line {number}: {size:,} bytes is over the per-document limit "
                               f"of {max_bytes:,} (raise it with --max-size)")
                continue
            if not raw.strip():
                continue
            record, why = _parse_record(raw)
            if record is None:
                skipped.append(f"{name} line {number}: {why}")
                continue
            out.append(_Found(arg, f, rel, number, here, _record_id(record.get("id")), _line_digest(raw)))
    _unique_record_ids(out)
    if not out and not any(s.startswith(f"{name} line") for s in skipped):
        skipped.append(f"{name}: no records")
    return out


def _unique_record_ids(found: list[_Found]) -> None:
    """Records of one archive sharing an `id` are named by their lines instead: an id names one record."""
    counts = Counter(f.record_id for f in found if f.record_id is not None)
    for f in found:
        if f.record_id is not None and counts[f.record_id] > 1:
            f.record_id = None


#: Bytes read at a time while skipping the rest of a line over the limit.
_SKIP_CHUNK = 1 << 20


def _lines(fh, max_bytes: int):
    """(number, offset, line, size) of each line of a binary file, holding at most `max_bytes + 1`
    bytes of one line in memory: a longer line is skipped in chunks and given as None with its size.

    >>> import io
    >>> [(n, o, l, s) for n, o, l, s in _lines(io.BytesIO(b'{"a":1}\\n' + b"x" * 30 + b"\\n{}"), 10)]
    [(1, 0, b'{"a":1}\\n', 8), (2, 8, None, 31), (3, 39, b'{}', 2)]
    """
    offset, number = 0, 0
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        here, size = offset, len(raw)
        if size > max_bytes and not raw.endswith(b"\n"):
            while True:  # the rest of the line, never held whole
                chunk = fh.readline(_SKIP_CHUNK)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            raw = None
        elif size > max_bytes:
            raw = None
        offset += size
        yield number, here, raw, size


def _parse_record(raw: bytes) -> tuple[dict | None, str]:
    try:
        record = json.loads(raw.rstrip(b"\r\n").decode("utf-8"))
    except UnicodeDecodeError as e:
        return None, f"not UTF-8 (byte {e.start})"
    except json.JSONDecodeError as e:
        at = "" if e.msg.endswith(" at") else " at"   # "Unterminated string starting at" already ends so
        return None, f"not JSON ({e.msg}{at} column {e.colno})"
    except RecursionError:
        return None, "not JSON (nested too deeply)"
    if not isinstance(record, dict):
        return None, "not a JSON object"
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        return None, 'no "text" string'
    return record, ""


def _walk(arg: Path) -> list[Path]:
    # sorted and not following folder symlinks: the same folder gives the same documents in the same order
    found = []
    for root, dirs, files in os.walk(arg):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / n for n in sorted(files) if not n.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(arg).as_posix())


def collect_inputs(paths: list[str | Path], max_bytes: int = DEFAULT_MAX_BYTES,
                   follow_links: bool = False) -> tuple[list[Input], list[str]]:
    """The documents to build from files and folders, and one line for each thing skipped.

    In a folder, files are chosen by extension (SUPPORTED); the others are counted and listed in one
    line. A file named on its own is read by its extension, as plain text when the extension is unknown.
    A symbolic link inside a folder that points outside it is skipped with a one-line note unless
    `follow_links` (`kg build --follow-links`).

    >>> import tempfile; d = Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text("市政府印发通知。")
    >>> (d / "b.txt").symlink_to("/etc/hostname"); found, notes = collect_inputs([d])
    >>> [i.source for i in found], notes[0].endswith("outside the folder; skipped (kg build --follow-links reads it)")
    (['a.txt'], True)
    """
    found: list[_Found] = []
    skipped: list[str] = []
    for raw in paths:
        arg = Path(raw)
        try:
            st = os.stat(arg)
        except OSError:
            skipped.append(f"{printable(arg)}: no such file or folder")
            continue
        if stat.S_ISDIR(st.st_mode):
            _collect_folder(arg, max_bytes, follow_links, found, skipped)
        elif arg.suffix.lower() == ".jsonl" and stat.S_ISREG(st.st_mode):
            found.extend(_jsonl_records(arg, arg, arg.name, max_bytes, skipped))
        else:
            found.append(_Found(arg, arg, arg.name))   # FIFOs and devices are refused when read, with one line
    return _identify(found, max_bytes), skipped


def _outside_link(arg: Path, f: Path) -> str | None:
    """Where `f` leads when it is a symbolic link (or under one) pointing outside the folder `arg`."""
    try:
        target = f.resolve()
        inside = target.is_relative_to(arg.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return str(f)
    return None if inside else str(target)


def _collect_folder(arg: Path, max_bytes: int, follow_links: bool, found: list[_Found], skipped: list[str]) -> None:
    """The files of one folder argument, by extension; notes for what is skipped."""
    other: list[str] = []
    n_before = len(found)
    for f in _walk(arg):
        rel = f.relative_to(arg).as_posix()
        ext = f.suffix.lower()
        try:
            fst = os.stat(f)
        except OSError:
            continue   # a dangling symlink
        target = None if follow_links or not f.is_symlink() else _outside_link(arg, f)
        if target is not None:
            skipped.append(f"{printable(f)}: a symbolic link to {printable(target)}, outside the folder; "
                           "skipped (kg build --follow-links reads it)")
        elif not stat.S_ISREG(fst.st_mode):
            skipped.append(f"{printable(f)}: {file_kind(fst.st_mode)}, not a regular file; "
                           "only regular files are read")
        elif ext == ".jsonl":
            found.extend(_jsonl_records(arg, f, rel, max_bytes, skipped))
        elif ext in READERS:
            found.append(_Found(arg, f, rel))
        else:
            other.append(rel)
    if other:
        skipped.append(_unsupported_line(arg, other))
    if len(found) == n_before and not other:
        skipped.append(f"{printable(arg)}: folder has no files to read")


def _unsupported_line(arg: Path, names: list[str]) -> str:
    """One line naming a folder's files of unsupported types (the first NAMED_MAX), with what to save
    an old Office file as.

    >>> _unsupported_line(Path("news"), ["b.xls", "a.doc", "c.pptx"])
    'news: 3 files of unsupported types, not read: a.doc, b.xls, c.pptx (save .doc as .docx, .xls as .xlsx; read: .docx .htm .html .jsonl .markdown .md .pdf .text .txt .xhtml)'
    """
    names = sorted(names)
    shown = ", ".join(printable(n) for n in names[:NAMED_MAX]) + (
        f" and {len(names) - NAMED_MAX} more" if len(names) > NAMED_MAX else "")
    old = sorted({Path(n).suffix.lower() for n in names} & set(OLD_OFFICE))
    hint = "".join(f"{', ' if i else 'save '}{e} as {OLD_OFFICE[e]}" for i, e in enumerate(old))
    n = len(names)
    return (f"{printable(arg)}: {n} file{'s' if n > 1 else ''} of unsupported types, not read: {shown} "
            f"({hint + '; ' if hint else ''}read: {' '.join(SUPPORTED)})")


def _identify(found: list[_Found], max_bytes: int) -> list[Input]:
    """Sources and ids unique in the build, independent of how the arguments were spelt."""
    seen: set[tuple[str, int]] = set()
    unique: list[_Found] = []
    for f in found:
        try:
            key = (str(f.file.resolve()), f.line)
        except OSError:
            key = (str(f.file.absolute()), f.line)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    # a/1.txt and b/1.txt given as `kg build a b` are both "1.txt": prefix the argument's own folder
    # names, as many as it takes, until the sources differ
    rels = {id(f): f.rel for f in unique}
    for depth in range(1, 64):
        groups: dict[str, list[_Found]] = defaultdict(list)
        for f in unique:
            groups[_record_source(rels[id(f)], f.line, f.record_id)].append(f)
        clashes = [g for g in groups.values() if len(g) > 1]
        if not clashes:
            break
        for g in clashes:
            for f in g:
                parts = f.arg.resolve().parts if f.arg.is_dir() else f.arg.resolve().parent.parts
                prefix = "/".join(p for p in parts[-depth:] if p != "/")
                rels[id(f)] = f"{prefix}/{f.rel}" if prefix else f.rel
    sources = [_record_source(rels[id(f)], f.line, f.record_id) for f in unique]
    candidates = []
    for f, src in zip(unique, sources):
        stem = PurePosixPath(f.rel).stem
        if f.line and f.record_id is not None:
            # an id that is no IRI segment (a URL, Chinese) still names the record, hashed
            first = f.record_id if _SAFE_ID.fullmatch(f.record_id) else \
                f"{stem}-{hashlib.sha1(f.record_id.encode('utf-8')).hexdigest()[:12]}"
        elif f.line:
            first = f"{stem}-{f.line}"
        else:
            first = stem
        slug = re.sub(r"[^A-Za-z0-9_.\-]", "_", src.rsplit(".", 1)[0] if not f.line else src)
        candidates.append([c for c in (first, slug) if _SAFE_ID.fullmatch(c)])
    # the file's stem (or the record's own id) when unique, else the source as a slug, else a hash of it
    firsts = Counter(c[0] for c in candidates if c)
    chosen: list[str] = [c[0] if c and firsts[c[0]] == 1 else "" for c in candidates]
    seconds = Counter(c[1] for c, i in zip(candidates, chosen) if not i and len(c) > 1)
    final: list[str] = []
    used = set(chosen)
    for c, src, i in zip(candidates, sources, chosen):
        if not i and len(c) > 1 and seconds[c[1]] == 1 and c[1] not in used:
            i = c[1]
        if not i:
            i = "d" + hashlib.sha1(src.encode("utf-8")).hexdigest()[:16]
        used.add(i)
        final.append(i)
    return [Input(str(f.file), src, i, f.line, f.offset, max_bytes, f.digest)
            for f, src, i in zip(unique, sources, final)]


def read_input(inp: Input) -> Extracted:
    """The text and metadata of one input, by its format.

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.md").write_text("# 关于开展工作的通知\\n\\n市政府印发通知。\\n")
    >>> _ = (d / "b.jsonl").write_text('{"id": "x1", "text": "市政府印发通知。", "title": "通知", "date": "2024年3月5日"}\\n')
    >>> md, record = collect_inputs([d])[0]
    >>> read_input(md)
    Extracted(text='关于开展工作的通知\\n\\n市政府印发通知。', title='关于开展工作的通知', date=None, publisher=None, url=None, encoding='utf-8', warnings=())
    >>> read_input(record)
    Extracted(text='市政府印发通知。', title='通知', date='2024-03-05', publisher=None, url=None, encoding='utf-8', warnings=())
    >>> _ = (d / "c.doc").write_bytes(b"x"); read_input(Input(str(d / "c.doc"), "c.doc", "c"))
    Traceback (most recent call last):
    kg.text.read.InputError: ...c.doc: an old binary Office file (.doc), not read; save it as .docx and build again
    """
    name = f"{inp.path} line {inp.line}" if inp.line else inp.path
    if inp.line:
        return _read_record(inp, name)
    ext = Path(inp.path).suffix.lower()
    if ext in OLD_OFFICE:
        raise InputError(f"{printable(name)}: an old binary Office file ({ext}), not read; "
                         f"save it as {OLD_OFFICE[ext]} and build again")
    data = read_bytes(inp.path, inp.max_bytes)
    reader = READERS.get(ext, read_plain)
    return reader(data, inp.path)


def _read_record(inp: Input, name: str) -> Extracted:
    try:
        with open(inp.path, "rb") as fh:
            fh.seek(inp.offset)
            raw = fh.readline(inp.max_bytes + 1)
    except OSError as e:
        raise InputError(f"{printable(name)}: cannot read: {e.strerror or e}") from None
    if inp.digest and _line_digest(raw) != inp.digest:
        # the cache knows this record by the bytes it had when the archive was indexed
        raise InputError(f"{printable(name)}: the archive changed while it was being built; build again")
    record, why = _parse_record(raw)
    if record is None:
        raise InputError(f"{printable(name)}: {why}")

    def s(key: str) -> str | None:
        v = record.get(key)
        return re.sub(r"\s+", " ", v).strip() or None if isinstance(v, str) else None
    url = s("url")
    return Extracted(record["text"], s("title"), iso_date(record.get("date")), s("publisher"),
                     url if url and re.match(r"^https?://\S+$", url) else None, "utf-8")


def read_document(inp: Input) -> Document:
    """Read, normalise and title one input, dropping site furniture (kg.text.boilerplate) and dating it
    (kg.text.dates): a pure function of the input's bytes.

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.md").write_text("# 关于开展工作的通知\\n\\n市政府印发通知。\\n")
    >>> read_document(collect_inputs([d])[0][0])
    Document(id='a', source='a.md', text='关于开展工作的通知\\n市政府印发通知。', title='关于开展工作的通知', raw_chars=19, date=None, publisher=None, url=None, meta_title='关于开展工作的通知', warnings=(), date_source=None)
    """
    got = read_input(inp)
    paragraphs = drop_boilerplate(normalise(got.text).paragraphs)
    text = "\n".join(paragraphs)
    name = f"{inp.path} line {inp.line}" if inp.line else inp.path
    if not text.strip():
        raise InputError(f"{printable(name)}: no text left after normalisation")
    day, day_source = document_date(got.date, got.date_source, paragraphs)
    return Document(inp.id, inp.source, text, got.title or title_of(paragraphs), len(got.text),
                    date=day, publisher=got.publisher, url=got.url, meta_title=got.title,
                    warnings=got.warnings, date_source=day_source)
