"""Confidence filtering, the error report and user corrections, on real corpus text."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import kg

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "data" / "corpus" / "000_a992b1c169855092.txt"


def test_min_confidence_filters_relations():
    full = kg.build([DOC])
    strict = kg.build([DOC], min_confidence=0.7)
    assert 0 < len(strict.relations()) < len(full.relations())
    assert all(e.confidence >= 0.7 for f in strict.relations() for e in f.evidence)
    assert all(0 < e.confidence <= 1 for e in full.entities())


def test_user_names_and_blocks_are_honoured(tmp_path):
    before = kg.build([DOC], user_dir=tmp_path)          # an empty user folder changes nothing
    # (星耀纺机, which a user once had to add, is found since short names after a place are read: 黄泽镇星耀纺机车间;
    # the user's entry still types it and adds its alias)
    assert before.find("巴贝集团")
    (tmp_path / "names.txt").write_text("# added by a reader\nCompany\t星耀纺机\t星耀纺机公司\n", encoding="utf-8")
    (tmp_path / "blocked.txt").write_text("巴贝集团\tCompany\n", encoding="utf-8")
    after = kg.build([DOC], user_dir=tmp_path)
    assert [e.cls for e in after.find("星耀纺机")] == ["Company"]
    assert not after.find("巴贝集团", cls="Company")


def test_report_lists_classes_merges_and_weak_relations(tmp_path):
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(DOC), "-o", str(tmp_path), "--report"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| Locality |" in text and "| Programme |" in text
    assert "**嵊州市** ← 嵊州" in text
    assert "## Relations with confidence below 0.6" in text and "data/user/" in text
    assert (tmp_path / "report.md").stat().st_mode & 0o044, "the report is readable like the other exports"
    before = (tmp_path / "graph.nt").stat().st_mtime_ns
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(DOC), "-o", str(tmp_path), "--report", "x.pdf"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and ".md or .html" in r.stderr
    assert (tmp_path / "graph.nt").stat().st_mtime_ns == before, "a refused option must not rebuild the exports"
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(DOC), "-o", str(tmp_path), "--report", "sub/r.html"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and str(tmp_path / "sub" / "r.html") in r.stdout
    assert "<h2>Entities per class</h2>" in (tmp_path / "sub" / "r.html").read_text(encoding="utf-8")
