"""Relation confidences mean what they say: on the hand-annotated development set (../shared/eval), the
share of right relations in each confidence band is within 0.10 of the band (issue 21, item 5).

The table behind the calibration (data/calibration/relations.tsv) is written by tools/calibrate.py;
when a rule changes and the table is not re-made, a band drifts and this test says which."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract.calibration import band, calibrated, read_table, smoothed

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def _tool():
    spec = importlib.util.spec_from_file_location("zhkg_calibrate", ROOT / "tools" / "calibrate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    if not (EVAL / "score.py").exists():
        pytest.skip("the development set ../shared/eval is not beside this checkout")
    tool = _tool()
    out = tmp_path_factory.mktemp("dev") / "out"
    return tool.judge(tool.build(EVAL / "texts", out, calibrated=True), EVAL / "gold", EVAL)


def test_every_band_is_calibrated_on_the_development_set(judged):
    tool = _tool()
    rows = tool.bands(judged)
    print("\n".join(f"{name}: {right}/{total} off by {dist}" for name, right, total, dist in rows))
    assert sum(total for _, _, total, _ in rows) > 300            # the build judged real relations
    for name, right, total, dist in rows:
        if total >= 10:                                          # a band of a handful says nothing
            assert dist <= 0.10, f"band {name}: {right}/{total} right, {dist} outside the band"


def test_the_table_covers_the_rules_that_fired(judged):
    table = read_table()
    fired = {(rule, pred) for rule, pred, _, _ in judged}
    known = {(r.rule, r.predicate) for r in table.values()}
    missing = fired - known
    assert not missing, f"rules with no calibration (run tools/calibrate.py): {sorted(missing)}"


def test_a_calibrated_value_is_the_measured_share_pulled_to_the_stated_one():
    assert smoothed(30, 30, 0.5) > 0.9 > smoothed(3, 3, 0.5) > 0.5   # many right ones outweigh the guess
    assert smoothed(0, 20, 0.8) < 0.2
    assert calibrated("a-rule-nobody-wrote", "implements", 0.42) == 0.42
    assert band(0.9) == "≥ 0.9" and band(0.8999) == "0.8–0.9" and band(0.0) == "< 0.6"


def test_a_broken_table_is_a_clear_error(tmp_path):
    bad = tmp_path / "relations.tsv"
    bad.write_text("name\tpartOf\t0.85\t3\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"relations.tsv:1: expected 6 TAB-separated fields"):
        read_table(bad)


def test_min_confidence_keeps_only_what_users_trust(tmp_path):
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(next((ROOT / "data" / "corpus").glob("000_*"))), "-o", str(out), "-q",
                        "--min-confidence", "0.9", "--report"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## Relations by confidence" in report
    table = report.split("## Relations by confidence", 1)[1]
    assert "| 0.7–0.8 | 0 |" in table and "| < 0.6 | 0 |" in table   # nothing below 0.9 survived
    assert "| ≥ 0.9 | 0 |" not in table
