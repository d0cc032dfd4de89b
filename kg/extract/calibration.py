"""Calibrated confidence: the share of a rule's relations that were right on the development set.

A relation rule states a confidence when it proposes a fact (`Candidate.confidence`); that number is the
rule writer's guess. `tools/calibrate.py` builds the hand-annotated development set
(`../shared/eval`), judges every extracted relation the way the scorer does, and writes, per rule,
predicate and stated confidence, how many were right (`data/calibration/relations.tsv`). `calibrated`
turns a stated confidence into that measured share, smoothed towards the stated value when the rule
fired only a few times, so that of the relations a build gives 0.8, about eight in ten are right.
A rule, predicate or stated value the table does not know keeps its stated confidence.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.paths import data_dir

TABLE = "calibration/relations.tsv"
BANDS = ((0.9, 1.01), (0.8, 0.9), (0.7, 0.8), (0.6, 0.7), (0.0, 0.6))   # the report's confidence bands
PRIOR = 3.0         # weight of the stated confidence, in relations, against the measured share


@dataclass(frozen=True)
class Row:
    """One line of the table: a rule's relations of one predicate (and stated confidence, or "*" for all)."""
    rule: str
    predicate: str
    stated: str          # "0.70", or "*": every stated value of the rule and predicate
    right: int
    total: int
    confidence: float    # the calibrated value


def smoothed(right: int, total: int, stated: float) -> float:
    """The measured share of right relations, pulled towards the stated confidence by PRIOR relations'
    weight, rounded to two decimals.

    >>> smoothed(9, 10, 0.7), smoothed(0, 0, 0.7), smoothed(1, 2, 0.9)
    (0.85, 0.7, 0.74)
    """
    return round((right + PRIOR * stated) / (total + PRIOR), 2)


def band(confidence: float) -> str:
    """The report's name of the band a confidence falls in.

    >>> band(0.95), band(0.85), band(0.6), band(0.3)
    ('≥ 0.9', '0.8–0.9', '0.6–0.7', '< 0.6')
    """
    for lo, hi in BANDS:
        if lo <= confidence < hi:
            return "≥ 0.9" if lo == 0.9 else "< 0.6" if lo == 0.0 else f"{lo:.1f}–{hi:.1f}"
    return "< 0.6"


def read_table(path: Path | None = None) -> dict[tuple[str, str, str], Row]:
    """The calibration table, keyed by (rule, predicate, stated); an absent file is an empty table.

    >>> t = read_table()
    >>> all(0.0 <= r.confidence <= 1.0 and r.right <= r.total for r in t.values())
    True
    """
    path = data_dir() / TABLE if path is None else path
    out: dict[tuple[str, str, str], Row] = {}
    if not path.exists():
        return out
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        f = raw.split("\t")
        if len(f) != 6:
            raise ValueError(f"{path}:{n}: expected 6 TAB-separated fields (rule, predicate, stated, right, total, "
                             f"confidence), got {len(f)}")
        row = Row(f[0], f[1], f[2], int(f[3]), int(f[4]), float(f[5]))
        out[(row.rule, row.predicate, row.stated)] = row
    return out


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str, str], Row]:
    return read_table()


def calibrated(rule: str, predicate: str, stated: float) -> float:
    """The calibrated confidence of a relation a rule proposed with confidence `stated`: the table's
    value for the rule, predicate and stated value, else for the rule and predicate, else `stated`.

    >>> calibrated("no-such-rule", "implements", 0.55)
    0.55
    >>> 0.0 <= calibrated("division-list", "partOf", 1.0) <= 1.0
    True
    """
    t = _table()
    row = t.get((rule, predicate, f"{stated:.2f}")) or t.get((rule, predicate, "*"))
    return row.confidence if row is not None else stated


def dev_bands(table: dict[tuple[str, str, str], Row] | None = None) -> dict[str, tuple[int, int]]:
    """Per confidence band, (right, total) on the development set: the table's rows of one stated
    value, counted in the band of their calibrated confidence. What a band's number means, measured.

    >>> b = dev_bands()
    >>> set(b) <= {"≥ 0.9", "0.8–0.9", "0.7–0.8", "0.6–0.7", "< 0.6"}
    True
    """
    table = _table() if table is None else table
    out: dict[str, tuple[int, int]] = {}
    for row in table.values():
        if row.stated == "*":
            continue
        right, total = out.get(band(row.confidence), (0, 0))
        out[band(row.confidence)] = (right + row.right, total + row.total)
    return out
