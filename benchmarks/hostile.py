"""Hostile inputs under `--max-size`: make each bomb, build it alone, print time and peak memory.

    python benchmarks/hostile.py [--only NAME ...] [--limit 60] [--keep DIR]

Each bomb is built by a fresh `kg build FILE -o OUT --no-cache -q` (this checkout's code), killed
past `--limit` seconds; its peak RSS comes from the kernel (wait4's ru_maxrss). The promise
(docs/security.md) is that every one is refused with a one-line reason or built, within 60 s and
1 GB. The CPU seconds (user + system, wait4) are printed too: the per-document budget counts CPU
time, so on a loaded machine the clock's time stretches and the CPU time does not. The bombs (issue 23's probe):

- jsonl-no-newline: a 1 GB sparse JSON Lines file with no newline
- docx-bomb: a DOCX of about 1 MB whose document.xml inflates to 1 GB
- pdf-bomb: a PDF of a few MB whose content stream inflates to 1 GB (Flate)
- jsonl-20mb-record: one JSON Lines record of 20 MB of text
- text-50mb-line: a 50 MB text on one line
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
MB = 1 << 20
from hostile_inputs import one_line  # noqa: E402  (tests/ is on the path)


def jsonl_no_newline(d: Path) -> Path:
    p = d / "no-newline.jsonl"
    with open(p, "wb") as f:
        f.write(b'{"id": "a", "text": "')
        f.truncate(1 << 30)
    return p


def docx_bomb(d: Path) -> Path:
    from test_bombs import docx_bomb as make
    return make(d / "bomb.docx", 1 << 30)


def pdf_bomb(d: Path) -> Path:
    from test_bombs import pdf_bomb as make
    return make(d / "bomb.pdf", 1 << 30)


def jsonl_big_record(d: Path) -> Path:
    import json
    p = d / "record.jsonl"
    text = one_line(20 * MB)
    p.write_text(json.dumps({"id": "big", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    return p


def text_one_line(d: Path) -> Path:
    p = d / "line.txt"
    p.write_text(one_line(50 * MB), encoding="utf-8")
    return p


BOMBS = {"jsonl-no-newline": jsonl_no_newline, "docx-bomb": docx_bomb, "pdf-bomb": pdf_bomb,
         "jsonl-20mb-record": jsonl_big_record, "text-50mb-line": text_one_line}


def build(path: Path, out: Path, limit: float) -> tuple[str, float, float, int, str]:
    """(outcome, seconds, CPU seconds, peak RSS bytes, last line of stderr) of one `kg build` of `path`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(path), "-o", str(out), "--no-cache", "-q"],
                                env=env, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        status, rusage, outcome = _wait(proc, limit)
        seconds = time.monotonic() - t0
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    if outcome is None:
        outcome = "built" if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else (
            f"refused (exit {os.WEXITSTATUS(status)})" if os.WIFEXITED(status) else
            f"died ({signal.Signals(os.WTERMSIG(status)).name})")
    cpu = rusage.ru_utime + rusage.ru_stime
    return outcome, seconds, cpu, rusage.ru_maxrss * 1024, (lines[-1] if lines else "")


def _wait(proc: subprocess.Popen, limit: float):
    deadline = time.monotonic() + limit
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = 0
            return status, rusage, None
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, rusage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            return status, rusage, f"killed after {limit:g} s"
        time.sleep(0.1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", choices=sorted(BOMBS), help="these bombs only")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds before a build is killed (default 60)")
    ap.add_argument("--keep", type=Path, help="make the bombs in DIR and keep them")
    a = ap.parse_args()
    work = a.keep or Path(tempfile.mkdtemp(prefix="kg-hostile-"))
    work.mkdir(parents=True, exist_ok=True)
    failed = 0
    print(f"{'bomb':20} {'file':>10} {'outcome':24} {'time':>7} {'CPU':>7} {'peak RSS':>10}  message")
    for name in a.only or list(BOMBS):
        path = BOMBS[name](work)
        outcome, seconds, cpu, peak, message = build(path, work / f"out-{name}", a.limit)
        ok = not outcome.startswith(("killed", "died")) and seconds <= 60 and peak <= 1 << 30
        failed += not ok
        size = os.stat(path).st_blocks * 512
        print(f"{name:20} {size / MB:>8.1f}MB {outcome:24} {seconds:>6.1f}s {cpu:>6.1f}s {peak / MB:>8.0f}MB  "
              f"{message[:120]}{'' if ok else '  (over the promise)'}")
        if not a.keep:
            path.unlink()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
