"""Measure how often each relation rule is right on the development set and write the calibration table.

    python3 tools/calibrate.py                 # rewrite data/calibration/relations.tsv
    python3 tools/calibrate.py --check         # print the bands; exit 1 if one is off by more than 0.10

It builds `../shared/eval/texts` with the table left out (so every relation keeps the confidence its
rule stated), judges every extracted relation the way `../shared/eval/score.py` judges precision (a
relation of a document is right when a gold relation of that document has the same predicate and its
subject and object match by name), and counts, per rule, predicate and stated confidence, how many
were right. `kg.extract.calibration.calibrated` then maps a stated confidence to that share, so that
the confidence bands of the build report mean what they say. Re-run it whenever a rule changes; the
test `tests/test_calibration.py` fails when the bands drift more than 0.10 from their range.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.calibration import BANDS, TABLE, band, read_table, smoothed  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
KGNS = "https://w3id.org/zhkg/ontology#"
PROV = "http://www.w3.org/ns/prov#"
Judged = tuple[str, str, float, bool]   # rule, predicate, confidence, right


def scorer(eval_dir: Path = EVAL):
    """The shared scorer as a module (its Extracted class and matching rules)."""
    spec = importlib.util.spec_from_file_location("zhkg_eval_score", eval_dir / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build(texts: Path, out: Path, calibrated: bool) -> Path:
    """Build the texts into `out` with this checkout's code, without the cache; without the calibration
    table unless `calibrated` (a copy of data/ without it, through ZHKG_DATA_DIR)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if not calibrated:
        data = out.parent / "data-raw"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("corpus"))
        (data / TABLE).unlink(missing_ok=True)
        env["ZHKG_DATA_DIR"] = str(data)
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(texts), "-o", str(out), "-q", "--no-cache"],
                       env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"build failed: {r.stderr[-2000:]}")
    return out / "graph.ttl"


def judge(graph: Path, gold_dir: Path, eval_dir: Path = EVAL) -> list[Judged]:
    """Every relation evidence of every gold document, with its rule, predicate, confidence and whether
    the scorer would count it as right."""
    sc = scorer(eval_dir)
    x = sc.Extracted(sc.load_graph(graph))
    g, out = x.g, []
    from rdflib import URIRef
    K = lambda n: URIRef(KGNS + n)  # noqa: E731
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = x.docs.get(gold["text"])
        if doc is None:
            continue
        gents = {e["id"]: {sc.norm(n) for n in e["names"]} for e in gold["entities"]}
        grel = [(r["s"], r["p"], r["o"]) for r in gold["relations"] if r["s"] in gents and r["o"] in gents]
        for ev in g.subjects(URIRef(PROV + "wasDerivedFrom"), doc):
            p, s, o = g.value(ev, K("predicate")), g.value(ev, K("subject")), g.value(ev, K("object"))
            if p is None or s is None or o is None or not str(p).startswith(KGNS):
                continue
            pred = str(p)[len(KGNS):]
            if pred not in sc.PREDICATES:
                continue
            right = any(pred == gp and x.names[s] & gents[gs] and x.names[o] & gents[go] for gs, gp, go in grel)
            out.append((str(g.value(ev, K("rule")) or ""), pred, float(g.value(ev, K("confidence"))), right))
    return out


def table_rows(judged: list[Judged]) -> list[str]:
    """The table's lines: per (rule, predicate, stated) and per (rule, predicate, "*")."""
    groups: dict[tuple[str, str, str], list[Judged]] = defaultdict(list)
    for j in judged:
        groups[(j[0], j[1], f"{j[2]:.2f}")].append(j)
        groups[(j[0], j[1], "*")].append(j)
    lines = []
    for (rule, pred, stated), js in sorted(groups.items()):
        right = sum(j[3] for j in js)
        mean = sum(j[2] for j in js) / len(js)
        lines.append(f"{rule}\t{pred}\t{stated}\t{right}\t{len(js)}\t{smoothed(right, len(js), mean):.2f}")
    return lines


def bands(judged: list[Judged]) -> list[tuple[str, int, int, float]]:
    """Per confidence band: (band, right, total, distance of the precision from the band's range)."""
    out = []
    for lo, hi in BANDS:
        js = [j for j in judged if lo <= j[2] < hi]
        right = sum(j[3] for j in js)
        p = right / len(js) if js else 0.0
        dist = max(lo - p, p - min(hi, 1.0), 0.0) if js else 0.0
        out.append((band(lo if lo else 0.0), right, len(js), round(dist, 3)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only print the bands of a calibrated build")
    ap.add_argument("--eval", type=Path, default=EVAL, help="the evaluation folder (texts/, gold/, score.py)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="zhkg-calibrate-") as tmp:
        graph = build(a.eval / "texts", Path(tmp) / "out", calibrated=a.check)
        judged = judge(graph, a.eval / "gold", a.eval)
    if not a.check:
        head = ["# Calibration of relation confidences on the development set (../shared/eval, "
                f"{len(judged)} relations judged).",
                "# Written by tools/calibrate.py; do not edit by hand. Fields: rule, predicate, stated confidence",
                "# (or * for all), right, total, calibrated confidence (kg.extract.calibration.smoothed).",
                "# rule\tpredicate\tstated\tright\ttotal\tconfidence"]
        path = ROOT / "data" / TABLE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(head + table_rows(judged)) + "\n", encoding="utf-8")
        read_table(path)
        print(f"wrote {path.relative_to(ROOT)}: {len(judged)} relations judged")
    worst = 0.0
    print("band      right/total  precision  off by")
    for name, right, total, dist in bands(judged):
        worst = max(worst, dist if total >= 10 else 0.0)
        print(f"{name:9} {right:5}/{total:<5}  {right / total if total else 0:.3f}      {dist:.3f}")
    return 1 if a.check and worst > 0.10 else 0


if __name__ == "__main__":
    sys.exit(main())
