"""`kg normalise FILE`: print the normalised text that evidence offsets refer to."""
from __future__ import annotations

import argparse
import sys

from kg.cli import CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("normalise", aliases=["normalize"], help="print a file's normalised text",
                       description="Print FILE as the build sees it: joined column lines, no duplicates or page furniture.",
                       epilog="example: kg normalise data/corpus/004_4e43489e28990827.txt --sentences | head")
    p.add_argument("file")
    p.add_argument("--sentences", action="store_true", help="one sentence a line, with its offsets")
    p.set_defaults(func=run)


def run(a: argparse.Namespace) -> int:
    from kg.text.normalise import normalise
    from kg.text.inputs import Input, read_input
    from kg.text.read import InputError
    from kg.text.sentences import split_sentences

    try:
        raw = read_input(Input(a.file, a.file, "doc")).text   # any format kg build reads
    except InputError as e:
        raise CliError(str(e), 1) from None
    text = normalise(raw).text
    if a.sentences:
        for s in split_sentences(text):
            sys.stdout.write(f"{s.start}\t{s.end}\t{s.text}\n")
    else:
        sys.stdout.write(text + "\n")
    return 0
