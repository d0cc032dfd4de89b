"""Measure what `pip install .` (optionally with extras) puts into site-packages: the installed
distributions zhkg needs, transitively, and the size of the files each one's RECORD lists.

    python3 tools/install_size.py            # the default install
    python3 tools/install_size.py test       # with the test extra

It reads the environment it runs in, so the numbers are those of the versions installed there.
"""
from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path


def closure(root: str, extras: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = [(root, extras)]
    while todo:
        name, ex = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(key)
        for req in dist.requires or []:
            spec, _, marker = req.partition(";")
            m = re.search(r'extra\s*==\s*"([^"]+)"', marker)
            if m and m.group(1) not in ex:
                continue
            if marker.strip() and not m and "python_version" not in marker and "platform" not in marker \
                    and "sys_platform" not in marker:
                continue
            todo.append((re.match(r"[A-Za-z0-9_.\-]+", spec.strip()).group(0), set()))
    return seen


def size(name: str) -> int:
    dist = metadata.distribution(name)
    total = 0
    for f in dist.files or []:
        p = Path(dist.locate_file(f))
        if p.is_file() and "__pycache__" not in p.parts:
            total += p.stat().st_size
    return total


def main() -> None:
    extras = set(sys.argv[1:])
    names = sorted(closure("zhkg", extras) - {"zhkg"})
    sizes = sorted(((size(n), n) for n in names), reverse=True)
    total = sum(s for s, _ in sizes)
    print(f"zhkg{'[' + ','.join(sorted(extras)) + ']' if extras else ''}: {len(names)} distributions, "
          f"{total / 1e6:,.0f} MB (without .pyc files)")
    for s, n in sizes[:8]:
        print(f"  {n:24} {s / 1e6:7,.0f} MB")


if __name__ == "__main__":
    main()
