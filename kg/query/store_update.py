"""Make a store as a copy of a previous one plus a difference of quads (see kg.query.store.write_store).

    python store_update.py OLD_STORE OLD_QUADS_SNAPSHOT TARGET_STORE  < the new quads as N-Quads

Run by path in a process of its own, it imports nothing of zhkg (start-up is part of the cost). It
reads the old quads while the caller is still making the new ones, then the new ones from stdin.
Exit 0: TARGET_STORE holds exactly the new quads. Exit 3: not worth it (the difference is over a
quarter of the quads). Any other failure: a traceback and another code. The caller then bulk-loads
every quad instead.
"""
from __future__ import annotations

import os
import shutil
import sys
import zlib
from pathlib import Path


def update(old_store: Path, snapshot: Path, target: Path, new_text) -> bool:
    import pyoxigraph as ox

    old = set(zlib.decompress(snapshot.read_bytes()).split(b"\n"))
    new = set(new_text().split(b"\n"))
    old.discard(b"")
    new.discard(b"")
    removed, added = old - new, new - old
    if 4 * (len(removed) + len(added)) > len(new):
        return False
    target.mkdir()
    for f in old_store.iterdir():
        if f.name == "LOCK" or not f.is_file():
            continue
        # an SST file never changes once written, so a link is a copy; the manifest, logs and options change
        (os.link if f.suffix == ".sst" else shutil.copy2)(f, target / f.name)
    store = ox.Store(str(target))
    for q in ox.parse(input=b"\n".join(sorted(removed)), format=ox.RdfFormat.N_QUADS):
        store.remove(q)
    if added:
        store.load(input=b"\n".join(sorted(added)), format=ox.RdfFormat.N_QUADS)
    store.flush()
    return True


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    old_store, snapshot, target = map(Path, sys.argv[1:])
    return 0 if update(old_store, snapshot, target, sys.stdin.buffer.read) else 3


if __name__ == "__main__":
    sys.exit(main())
