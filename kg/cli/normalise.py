"""`kg normalise FILE`: print the normalised text that evidence offsets refer to."""
from __future__ import annotations

import argparse
import sys

from kg.cli import CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("normalise", aliases=["normalize"], help="print a file's normalised text",
                       description="Print FILE as the build sees it: joined column lines, no duplicates, page "
                                   "furniture or site navigation. A JSON Lines archive prints each record's text "
                                   "after a line ==> SOURCE <==.",
                       epilog="example: kg normalise data/corpus/004_4e43489e28990827.txt --sentences | head")
    p.add_argument("file")
    p.add_argument("--sentences", action="store_true", help="one sentence a line, with its offsets")
    p.set_defaults(func=run)


def run(a: argparse.Namespace) -> int:
    """Print the normalised text of `a.file` (of each record of a JSON Lines archive); the exit code.

    >>> import contextlib, io, json, tempfile; from pathlib import Path
    >>> f = Path(tempfile.mkdtemp()) / "archive.jsonl"
    >>> _ = f.write_text(json.dumps({"id": "a1", "text": "首页 | 新闻 | 联系我们\\n**市政府**印发通知。"}) + "\\n")
    >>> out = io.StringIO()
    >>> with contextlib.redirect_stdout(out):
    ...     status = run(argparse.Namespace(file=str(f), sentences=False))
    >>> print(status); print(out.getvalue(), end="")
    0
    ==> archive.jsonl#id=a1 <==
    **市政府**印发通知。
    """
    from pathlib import Path

    from kg.text.inputs import Input, collect_inputs, read_document
    from kg.text.read import InputError, printable
    from kg.text.sentences import split_sentences

    if Path(a.file).suffix.lower() == ".jsonl" and Path(a.file).is_file():
        inputs, skipped = collect_inputs([a.file])   # one Input per record, as kg build reads them
        for msg in skipped:
            print(f"kg normalise: skipped {printable(msg)}", file=sys.stderr)
        if not inputs:
            raise CliError(f"{printable(a.file)}: no record could be read", 1)
    else:
        inputs = [Input(a.file, a.file, "doc")]   # any format kg build reads
    for n, inp in enumerate(inputs):
        try:
            text = read_document(inp).text
        except InputError as e:
            raise CliError(str(e), 1) from None
        if inp.line:
            sys.stdout.write(f"{chr(10) if n else ''}==> {printable(inp.source)} <==\n")
        if a.sentences:
            for s in split_sentences(text):
                sys.stdout.write(f"{s.start}\t{s.end}\t{s.text}\n")
        else:
            sys.stdout.write(text + "\n")
    return 0
