"""Re-run the commands and examples shown in README.md and docs/*.md and paste their fresh output under them.

    python3 tools/readme_outputs.py            # rewrite README.md and docs/*.md in place
    python3 tools/readme_outputs.py --check    # print a unified diff; exit 1 if a file would change
    python3 tools/readme_outputs.py --timings  # also take fresh timings (kept as they were by default)
    python3 tools/readme_outputs.py docs/sparql.md   # only these files (the build still runs once)

CI runs `--check` after `kg build` (.ci/run), so every example shown is its real output. Timings
are kept as they were (see below), and the repository's own path is written relative, so the
check passes on any clone. Standard library only; it runs `kg`, `python3` and the shell.

What it refreshes, in README order:

- ```console blocks: every `$ command` line is run with `sh -c`, stdout and stderr together, and
  the lines up to the next `$` line (or the block's end) become its output. Blank lines that close
  an output are layout and stay. When the old output was cut with a line holding only `…`, the
  new one is cut the same way (as many lines before and after the `…`).
- ```python blocks directly followed by an indented (4-space) block: the code runs as one
  script and its stdout replaces the indented block.
- ```pycon blocks (or ```python with `>>>` prompts): run doctest-style, each `>>>` statement in
  one shared namespace, and the lines after each statement replaced by what it printed or returned.
- `<!-- build-output -->`: the ```console block under it is the build itself (below). README.md has
  one; a docs page may repeat it, and gets the same output (the build runs once).
  `<!-- score-output -->`: the fenced block under it is replaced by the output of SCORE
  (the hand-annotated evaluation in ../shared/eval, built into a second temporary folder).
- An HTML comment on the line before a block steers it:
  `<!-- readme-outputs: skip REASON -->` leaves the block as it is (timing benchmarks, servers,
  inputs the repo does not have, outputs shown elsewhere);
  `<!-- readme-outputs: file NAME -->` saves the block's text as NAME for the commands below it
  (a query the README shows and then runs with `kg query -f NAME`).
  Other comments (`<!-- bench-output -->`…) and fenced blocks of other languages are never touched.

Where the commands run. The README's commands read and write `exports/`, `data/`, `queries/`…
relative to the project root, and some write (`kg build --user my-user` rebuilds `exports/`,
`cp -r data/user my-user`). Rewriting paths inside commands would be fragile, so the commands
run unchanged in a scratch folder that looks like the project: a symlink to every top-level
entry of the repo except `exports/`, and a real `exports/`. The corpus is built once, by running
the build-output block's command (`kg build`) in such a folder; its `exports/` is then copied
(about 15 MB) into a fresh scratch folder for every block, so what one block writes is never
seen by another and nothing is written into the repo. The build is not quiet because its
summary is the build-output; it is run as `kg build data/corpus` (the same documents as `kg build`),
so that the sources recorded, and shown by queries, are relative and the same on every clone.

Old lines that are kept: a line that differs from the new one only in numbers with a time unit
(s, ms, characters/s, chars/s), so a rerun on an idle or busy machine does not churn README.md
(`--timings` takes the new ones); and a line shortened by hand with a closing `…` when the new
line still starts with the text before it. Commands run with COLUMNS set, so rich tables have
the width README's always had. A command running over TIMEOUT seconds is an error: mark its
block `skip`.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
TIMEOUT = 600   # a command; the one that rebuilds the corpus with corrections takes a minute idle
BUILD_TIMEOUT = 900   # the corpus build: a minute on an idle machine, several on a busy one
COLUMNS = 110
SCORE = ("kg build ../shared/eval/texts -o {out} -q && python3 ../shared/eval/score.py"
         " --texts ../shared/eval/texts --gold ../shared/eval/gold --graph {out}/graph.ttl")

FENCE = re.compile(r"^```(\S*)\s*$")
DIRECTIVE = re.compile(r"^<!--\s*(?:readme-outputs:\s*)?([\w-]+)\s*(.*?)\s*-->$")
TIMING = re.compile(r"\d[\d,.]*\s*(?:ms|s|characters/s|chars/s)\b")
PROMPT = (">>> ", "... ")

# Runs in the scratch folder: each >>> statement in "single" mode, as the interactive prompt would.
PYCON_DRIVER = r"""
import contextlib, io, json, sys, traceback
ns, outs = {"__name__": "__main__"}, []
for source in json.load(sys.stdin):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(source, "<README>", "single"), ns)
        except Exception as e:
            print("Traceback (most recent call last):\n  ...\n" + "".join(traceback.format_exception_only(type(e), e)), end="")
    outs.append(buf.getvalue())
json.dump(outs, sys.__stdout__)
"""


#: one empty extraction cache per run of this tool, so "N from the cache" in a build summary is the
#: same on every machine whatever the user's own cache holds (set in main())
CACHE_DIR: str | None = None


def environment() -> dict[str, str]:
    # stdout and stderr interleaved as on a terminal; rich tables (kg top, kg profile…) as wide as README's
    env = dict(os.environ, PYTHONUNBUFFERED="1", COLUMNS=str(COLUMNS))
    if CACHE_DIR:
        env["ZHKG_CACHE_DIR"] = CACHE_DIR
    return env


class Workspace:
    """Scratch folders that look like the project root, each with its own copy of the built exports."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.files: dict[str, str] = {}   # saved by `file NAME` directives
        self.count = 0
        self.built = self.folder(with_exports=False)   # `kg build` writes its exports/

    def folder(self, with_exports: bool = True) -> Path:
        self.count += 1
        d = self.tmp / f"cwd{self.count}"
        d.mkdir()
        for entry in ROOT.iterdir():
            if entry.name not in ("exports", ".git"):
                (d / entry.name).symlink_to(entry)
        if with_exports:
            shutil.copytree(self.built / "exports", d / "exports")
        for name, text in self.files.items():
            (d / name).write_text(text, encoding="utf-8")
        return d

    def run(self, command: str, cwd: Path, timeout: float = TIMEOUT) -> list[str]:
        if cwd == self.built and command.strip() == "kg build":
            # the corpus by a relative path: sources in query results then read data/corpus/… on any clone
            command = "kg build data/corpus"
        try:
            p = subprocess.run(command, shell=True, cwd=cwd, env=environment(), text=True, timeout=timeout,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            sys.exit(f"readme_outputs: `{command}` ran over {timeout} s; mark its block <!-- readme-outputs: skip -->")
        if p.returncode:
            print(f"note: `{command}` exited {p.returncode}", file=sys.stderr)
        return clean(relative(p.stdout.replace(str(cwd) + "/", "")))


def relative(text: str) -> str:
    """The repository's absolute path (in sources the build records) made relative, as wide as it was:
    the padding keeps table columns aligned, and the output is the same on every clone."""
    root = str(ROOT) + "/"
    return re.sub(re.escape(root) + r"(\S*)", lambda m: m.group(1) + " " * len(root), text)


#: progress lines a build prints every few seconds when stderr is not a terminal: timing, not output
PROGRESS = re.compile(r"^kg build: \d+/\d+ documents, ")


def clean(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines() if not PROGRESS.match(line)]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def split_trailing_blanks(lines: list[str]) -> tuple[list[str], list[str]]:
    n = len(lines)
    while n and not lines[n - 1].strip():
        n -= 1
    return lines[:n], lines[n:]


def fit(new: list[str], old: list[str], keep_timings: bool) -> list[str]:
    """The new output, cut like the old one was, keeping old lines that were shortened by hand or differ in timings."""
    if "…" in old:
        head, tail = old.index("…"), len(old) - old.index("…") - 1
        if len(new) > head + tail + 1:
            new = new[:head] + ["…"] + (new[-tail:] if tail else [])

    def keep(o: str, n: str) -> bool:
        return (o.endswith("…") and len(o) > 1 and n.startswith(o[:-1]) or
                keep_timings and TIMING.sub("#", o) == TIMING.sub("#", n))
    return [old[i] if i < len(old) and keep(old[i], line) else line for i, line in enumerate(new)]


def refresh_console(lines: list[str], ws: Workspace, cwd: Path, keep_timings: bool,
                    timeout: float = TIMEOUT) -> list[str]:
    out, i = [], 0
    while i < len(lines):
        if not lines[i].startswith("$ "):   # text before the first command
            out.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].startswith("$ "):
            j += 1
        old, blanks = split_trailing_blanks(lines[i + 1:j])
        out += [lines[i]] + fit(ws.run(lines[i][2:], cwd, timeout), old, keep_timings) + blanks
        i = j
    return out


def python(args: list[str], cwd: Path, stdin: str) -> str:
    """Stdout of a Python example; an example that fails stops the tool (its traceback is no output to paste)."""
    p = subprocess.run([sys.executable, *args], cwd=cwd, env=environment(), text=True, input=stdin,
                       capture_output=True, timeout=TIMEOUT)
    if p.returncode:
        sys.exit(f"readme_outputs: a Python example failed:\n{p.stderr}")
    return p.stdout


def refresh_pycon(lines: list[str], cwd: Path) -> list[str]:
    groups: list[tuple[list[str], list[str]]] = []   # (prompt lines, the lines after them)
    for line in lines:
        if line.startswith(PROMPT) or line in (">>>", "..."):
            if line.startswith(">>>"):
                groups.append(([], []))
            groups[-1][0].append(line)
        elif groups:
            groups[-1][1].append(line)
    sources = ["\n".join(line[4:] for line in prompts) + "\n" for prompts, _ in groups]
    printed = json.loads(python(["-c", PYCON_DRIVER], cwd, json.dumps(sources)))
    out = lines[:len(lines) - sum(len(a) + len(b) for a, b in groups)]   # text before the first prompt
    for (prompts, after), text in zip(groups, printed):
        out += prompts + clean(text) + split_trailing_blanks(after)[1]
    return out


def refresh_script_output(code: list[str], cwd: Path, keep_timings: bool, old: list[str]) -> list[str]:
    new = clean(python(["-"], cwd, "\n".join(code) + "\n"))
    return ["    " + line if line else "" for line in fit(new, [o[4:] for o in old], keep_timings)]


def blocks(lines: list[str]):
    """(directive, its argument, language, first content line, closing fence line) for every fenced block."""
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m or not m.group(1):
            i += 1
            continue
        end = i + 1
        while not lines[end].startswith("```"):
            end += 1
        k = i - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        d = DIRECTIVE.match(lines[k]) if k >= 0 else None
        yield (d.group(1) if d else None), (d.group(2) if d else ""), m.group(1), i + 1, end
        i = end + 1


def indented_after(lines: list[str], end: int) -> tuple[int, int] | None:
    """The indented block right after the fence closing at `end`, as (start, stop), if there is one."""
    start = end + 1
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == end + 1 or start >= len(lines) or not lines[start].startswith("    "):
        return None
    stop = start
    while stop < len(lines) and (lines[stop].startswith("    ") or not lines[stop].strip()):
        stop += 1
    while not lines[stop - 1].strip():
        stop -= 1
    return start, stop


def build(ws: Workspace, readme: str, keep_timings: bool) -> list[str]:
    """Run README's build-output block once (it builds the corpus every other block reads): its new lines."""
    lines = readme.split("\n")
    found = [b for b in blocks(lines) if b[0] == "build-output"]
    if len(found) != 1 or not lines[found[0][3]].startswith("$ "):
        sys.exit("readme_outputs: README.md needs one <!-- build-output --> block starting with `$ kg build`")
    _, _, _, start, end = found[0]
    print("building the corpus…", file=sys.stderr)
    return refresh_console(lines[start:end], ws, ws.built, keep_timings, BUILD_TIMEOUT)


def refresh(text: str, ws: Workspace, built: list[str], name: str, keep_timings: bool) -> tuple[str, dict[str, int]]:
    lines = text.split("\n")
    found = list(blocks(lines))
    counts = {"refreshed": 0, "skipped": 0}
    edits: list[tuple[int, int, list[str]]] = []   # (start, stop, new lines), applied from the end
    ws.files = {}   # `file NAME` directives hold within one page
    for directive, arg, lang, start, end in found:
        body = lines[start:end]
        if directive == "build-output":
            edits.append((start, end, built))
            counts["refreshed"] += 1
            continue
        if directive == "skip":
            counts["skipped"] += 1
            continue
        if directive == "file":
            ws.files[arg] = "\n".join(body) + "\n"
            continue
        if directive == "score-output":
            if not (ROOT.parent / "shared" / "eval").is_dir():   # the gold data lives outside the repo
                print(f"{name}:{start + 1}: no ../shared/eval here; score-output left as it is", file=sys.stderr)
                counts["skipped"] += 1
                continue
            new = ws.run(SCORE.format(out=ws.tmp / "score"), ROOT)
        elif lang == "console":
            new = refresh_console(body, ws, ws.folder(), keep_timings)
        elif lang == "pycon" or (lang == "python" and any(line.startswith(">>>") for line in body)):
            new = refresh_pycon(body, ws.folder())
        elif lang == "python" and (after := indented_after(lines, end)):
            start, end = after
            new = refresh_script_output(body, ws.folder(), keep_timings, lines[start:end])
        else:
            continue
        print(f"refreshed {name}:{start + 1}", file=sys.stderr)
        edits.append((start, end, new))
        counts["refreshed"] += 1
    for start, stop, new in sorted(edits, reverse=True):
        lines[start:stop] = new
    return "\n".join(lines), counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="pages to refresh (default: README.md and docs/*.md)")
    ap.add_argument("--check", action="store_true", help="print a diff and exit 1 if a page would change")
    ap.add_argument("--timings", action="store_true", help="take fresh timings too")
    a = ap.parse_args()
    pages = [f.resolve() for f in a.files] or [README, *sorted(DOCS.glob("*.md"))]
    changed = 0
    global CACHE_DIR
    with tempfile.TemporaryDirectory(prefix="readme-outputs-") as tmp:
        CACHE_DIR = str(Path(tmp) / "cache")
        ws = Workspace(Path(tmp))
        built = build(ws, README.read_text(encoding="utf-8"), keep_timings=not a.timings)
        for page in pages:
            name = str(page.relative_to(ROOT))
            old = page.read_text(encoding="utf-8")
            new, counts = refresh(old, ws, built, name, keep_timings=not a.timings)
            print(f"{name}: {counts['refreshed']} blocks refreshed, {counts['skipped']} skipped", file=sys.stderr)
            if new == old:
                continue
            changed += 1
            if a.check:
                sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                                           name, f"{name} (refreshed)"))
            else:
                page.write_text(new, encoding="utf-8")
    return 1 if a.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
