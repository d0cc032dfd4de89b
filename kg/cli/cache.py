"""`kg cache`: where the extraction cache is, how big, and clearing it."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add `kg cache info|clear` to the subcommands `sub`.

    >>> p = argparse.ArgumentParser(prog="kg"); register(p.add_subparsers())
    >>> p.parse_args(["cache", "info"]).action
    'info'
    """
    p = sub.add_parser("cache", help="show or clear the extraction cache",
                       description="Each document's extraction is cached so that `kg build` only redoes what changed.",
                       epilog="examples:\n  kg cache info\n  kg cache clear",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", choices=["info", "clear"], help="info: location, documents and size; clear: empty it")
    p.set_defaults(func=run)


def _size(n: int) -> str:
    """
    >>> _size(512), _size(1536), _size(3 * 1024 ** 3)
    ('512 bytes', '1.5 KB', '3.0 GB')
    """
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"   # pragma: no cover


def run(a: argparse.Namespace) -> int:
    """`kg cache info`: where the cache is, its documents, size and damaged entries; `kg cache clear`: empty it.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = run(argparse.Namespace(action="info"))
    >>> status, " document" in out.getvalue()
    (0, True)
    """
    from kg import cache
    from kg.cli import CliError

    if a.action == "info":
        i = cache.info()
        damaged = (f"; {i.damaged:,} damaged entr{'ies' if i.damaged != 1 else 'y'} found and extracted again"
                   if i.damaged else "")
        print(f"{i.path}: {i.entries:,} document{'s' if i.entries != 1 else ''}, {_size(i.bytes)}{damaged}")
        for line in i.data_damaged:
            print(f"{i.path}/{line}; parsed again by the next build")
    else:
        try:
            i = cache.clear()
        except cache.CacheError as e:
            raise CliError(str(e), 1) from None
        print(f"{i.path}: removed {i.entries:,} document{'s' if i.entries != 1 else ''} ({_size(i.bytes)})")
    return 0
