"""`kg`: the command line. A thin layer: every command calls a public function of the package.

Commands live one per module in this folder; each module defines `register(subparsers)`
which adds its parser and sets `func` (returning an exit code).
"""
from __future__ import annotations

import argparse
import importlib
import sys

#: Command modules, in the order `kg --help` lists them. Missing modules are skipped.
COMMANDS = ["build", "normalise", "query", "html", "serve", "push", "analysis", "cache", "export"]

EPILOG = """examples:
  kg build                          build data/corpus/ into exports/
  kg build news/ -o out/ -j 2       build a folder with two processes
  kg query 'SELECT ?l WHERE { ?x a kg:Locality ; rdfs:label ?l }'
  kg normalise data/corpus/004_4e43489e28990827.txt
"""


def printable(message: str) -> str:
    """`message` with control characters escaped, so a file name holding terminal escapes cannot
    drive the user's terminal.

    >>> printable("no such file: a\\x1b[2Jb\\nc.txt")
    'no such file: a\\\\x1b[2Jb\\\\nc.txt'
    """
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in message)


class CliError(Exception):
    """A one-line message for the user; the command exits with `code`."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The `kg` parser; with `only`, just that command module's commands (the others' imports, such as
    networkx for the analysis commands, cost a second of start-up that `kg build` does not need)."""
    p = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese policy and government news.",
                                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    from kg import __version__
    p.add_argument("--version", action="version", version=f"zhkg {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if only is not None and name != only:
            continue
        try:
            mod = importlib.import_module(f"kg.cli.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"kg.cli.{name}":
                continue
            raise
        mod.register(sub)
    return p


def main(argv: list[str] | None = None, *, standalone: bool = False) -> int:
    """Run one command. `standalone` says the process is the `kg` command itself (not a test or a
    notebook calling main), so a command may lock the whole process down, as `kg query` takes the
    network away before running the user's query."""
    argv = sys.argv[1:] if argv is None else list(argv)
    # a command named like its module (kg build …) needs only that module's parser
    p = parser(argv[0] if argv and argv[0] in COMMANDS and argv[0] != "analysis" else None)
    args = p.parse_args(argv)
    args.standalone = standalone
    if not getattr(args, "func", None):
        p.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CliError as e:
        print(f"kg {args.command}: {printable(str(e))}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def console() -> int:
    """The `kg` console script."""
    return main(standalone=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(console())
