"""Small files that inflate to gigabytes, and lines without end: refused with one line, in bounded
memory (issue 23). Real files made by the test, read by the real readers."""
from __future__ import annotations

import os
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

import kg
from kg.text import unpack
from kg.text.inputs import collect_inputs, read_input
from kg.text.read import InputError

MB = 1 << 20


def deflated(size: int, chunk: bytes = b"\0" * MB) -> bytes:
    """`size` bytes of `chunk` repeated, deflated, never held whole."""
    c = zlib.compressobj(9)
    parts = [c.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + c.flush()


def pdf_bomb(path: Path, inflated: int) -> Path:
    """A one-page PDF whose content stream inflates to `inflated` bytes."""
    stream = deflated(inflated, b" " * MB)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def docx_bomb(path: Path, inflated: int) -> Path:
    """A DOCX whose word/document.xml inflates to `inflated` bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b" " * MB
            for _ in range(inflated // MB):
                f.write(chunk)
    return path


def peak_of(fn) -> tuple[object, int]:
    tracemalloc.start()
    try:
        try:
            out: object = fn()
        except Exception as e:  # noqa: BLE001 (the refusal is the result)
            out = e
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_docx_bomb_is_refused_before_inflating(tmp_path):
    p = docx_bomb(tmp_path / "bomb.docx", 300 * MB)
    assert p.stat().st_size < 2 * MB
    (inp,), _ = collect_inputs([p])
    err, peak = peak_of(lambda: read_input(inp))
    assert isinstance(err, InputError) and "inflate to 314,572,898 bytes, over the limit of 268,435,456" in str(err) and "\n" not in str(err), err
    assert peak < 20 * MB, peak


def test_pdf_flate_bomb_is_refused_while_inflating(tmp_path, monkeypatch):
    monkeypatch.setattr(unpack, "MAX_UNPACKED", 16 * MB)
    p = pdf_bomb(tmp_path / "bomb.pdf", 200 * MB)
    (inp,), _ = collect_inputs([p])
    err, peak = peak_of(lambda: read_input(inp))
    assert isinstance(err, InputError), err
    assert "inflate to more than 16,777,216 bytes" in str(err) and "\n" not in str(err), err
    assert peak < 60 * MB, peak
    # the same PDF inflating within the budget is read (no text layer here, so that is its refusal)
    monkeypatch.setattr(unpack, "MAX_UNPACKED", 256 * MB)
    small = pdf_bomb(tmp_path / "small.pdf", 2 * MB)
    (inp,), _ = collect_inputs([small])
    with pytest.raises(InputError, match="no text layer"):
        read_input(inp)


def test_jsonl_line_without_end_is_skipped_in_bounded_memory(tmp_path):
    p = tmp_path / "big.jsonl"
    with open(p, "wb") as f:
        f.write(b'{"id": "a", "text": "\\u5d4a\\u5dde\\u5e02\\u4eba\\u6c11\\u653f\\u5e9c\\u3002"}\n')
        f.write(b'{"id": "b", "text": "')
        f.truncate(1 << 30)  # 1 GB, sparse, and no newline
    (found, skipped), peak = peak_of(lambda: collect_inputs([p], max_bytes=4 * MB))
    assert [i.id for i in found] == ["a"]
    assert skipped == [f"{p} line 2: 1,073,741,752 bytes is over the per-document limit of 4,194,304 "
                       "(raise it with --max-size)"]
    assert peak < 16 * MB, peak


def test_a_bomb_in_a_folder_does_not_stop_the_build(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("嵊州市人民政府印发《嵊州市数字经济发展行动计划》。", encoding="utf-8")
    docx_bomb(d / "bomb.docx", 300 * MB)
    report = kg.BuildReport()
    g = kg.build([d], cache=False, report=report)
    assert [x.source for x in g.input_documents()] == ["a.txt"]
    assert any("bomb.docx: its parts inflate" in s for s in report.skipped), report.skipped
