"""Cache entries are data, never code (issue 23 item 6): JSON of the records, each entry carrying its key
and checked against the document it is read for; a damaged entry is extracted again and counted."""
from __future__ import annotations

import json
import os
import pickle
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import kg
from kg.cache import FILE, Cache, info
from kg.pipeline import BuildReport

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {"a": "浙江省嵊州市人民政府召开常务会议，研究部署营商环境优化提升工作。\n",
         "b": "三界镇党委书记张伟在嵊州市三界镇调研企业发展情况。\n"}


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path, bytes]:
    """Two texts built once into a fresh cache: (input folder, cache folder, the clean graph.nt)."""
    d = tmp_path / "in"
    d.mkdir()
    for name, text in TEXTS.items():
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    kg.build([d], cache=cache).save(tmp_path / "clean")
    return d, cache, (tmp_path / "clean" / "graph.nt").read_bytes()


def rows(cache: Path) -> list[tuple[str, bytes]]:
    with sqlite3.connect(cache / FILE) as db:
        return db.execute("SELECT key, data FROM entry ORDER BY key").fetchall()


def set_entry(cache: Path, key: str, blob: bytes) -> None:
    with sqlite3.connect(cache / FILE) as db:
        db.execute("UPDATE entry SET data = ? WHERE key = ?", (blob, key))


def rebuild(d: Path, cache: Path, out: Path) -> tuple[BuildReport, bytes]:
    r = BuildReport()
    kg.build([d], cache=cache, report=r).save(out)
    return r, (out / "graph.nt").read_bytes()


def test_an_entry_is_json_with_its_key(built):
    _, cache, _ = built
    entries = rows(cache)
    assert len(entries) == 2
    for key, blob in entries:
        entry = json.loads(zlib.decompress(blob))
        assert entry["key"] == key and entry["format"] == 1
        assert entry["graph"][0][2] in {t.strip() for t in TEXTS.values()}    # the document's text


def test_a_pickle_in_the_cache_is_never_run(built, tmp_path):
    d, cache, clean = built
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))
    key = rows(cache)[0][0]
    set_entry(cache, key, zlib.compress(pickle.dumps(Payload())))
    r, nt = rebuild(d, cache, tmp_path / "out")
    assert not marker.exists()
    assert len(r.cached) == 1 and len(r.built) == 2 and nt == clean   # the damaged one extracted again
    assert info(cache).damaged == 1


@pytest.mark.parametrize("damage", ["swapped", "other-key", "not-json", "wrong-shape", "unknown-class"])
def test_a_damaged_entry_is_extracted_again_and_counted(built, tmp_path, damage):
    d, cache, clean = built
    (ka, a), (kb, b) = rows(cache)
    entry = json.loads(zlib.decompress(a))
    if damage == "swapped":          # b's entry under a's key: another key inside
        set_entry(cache, ka, b)
    elif damage == "other-key":      # a's graph, relabelled as the entry of b's key: another document
        entry["key"] = kb
        set_entry(cache, kb, zlib.compress(json.dumps(entry).encode()))
    elif damage == "not-json":
        set_entry(cache, ka, zlib.compress(b"\x80\x04not json"))
    elif damage == "wrong-shape":    # an entity with a field missing
        entry["graph"][1][0] = entry["graph"][1][0][:-1]
        set_entry(cache, ka, zlib.compress(json.dumps(entry).encode()))
    else:                            # an entity key of a class that does not exist
        entry["graph"][1][0][0] = {"k": "Spaceship/嵊州号"}
        set_entry(cache, ka, zlib.compress(json.dumps(entry).encode()))
    r, nt = rebuild(d, cache, tmp_path / "out")
    assert len(r.cached) == 1 and nt == clean
    assert info(cache).damaged == 1
    r, _ = rebuild(d, cache, tmp_path / "out2")   # the entry written again is used
    assert len(r.cached) == 2 and info(cache).damaged == 1


def test_cache_info_reports_damaged_entries(built, tmp_path):
    d, cache, _ = built
    key = rows(cache)[0][0]
    set_entry(cache, key, b"garbage")
    assert Cache(cache).get(key) is None and Cache(cache).get(key) is None   # removed at the first read
    env = {**os.environ, "ZHKG_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-m", "kg", "cache", "info"], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True).stdout
    assert out.startswith(f"{cache}: 1 document,") and "; 1 damaged entry found and extracted again" in out, out


def test_an_older_cache_of_pickles_is_dropped_unread(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    with sqlite3.connect(cache / FILE) as db:
        db.execute("CREATE TABLE graph (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        db.execute("INSERT INTO graph VALUES ('k', ?)", (zlib.compress(pickle.dumps("old")),))
    c = Cache(cache)
    assert c.get("k") is None and not c.has("k")
    c.close()
    with sqlite3.connect(cache / FILE) as db:
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'graph'").fetchall() == []
