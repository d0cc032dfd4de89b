"""Test-session set-up for every test, the doctests of kg/ included (tests/conftest.py only reaches tests/).

- The extraction cache is a temporary folder of this session (ZHKG_CACHE_DIR, set before anything is
  collected or built, so subprocesses inherit it): tests never read or write the user's cache.
- The corpus is built once a session (`corpus_exports`, `corpus_graph`; once for all pytest-xdist
  workers: pyproject.toml runs the tests on two, `-n 0` runs them in one process), and the doctests of
  kg.analysis run on that build, not on whatever ``exports/`` holds (kg.analysis.example_graph
  would load it when present).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

try:
    import fcntl
except ImportError:   # Windows: each xdist worker builds its own corpus
    fcntl = None

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "data" / "corpus"
_SAVED = "_zhkg_saved_environ"


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):   # a pytest-xdist worker: it inherited the controller's folder
        return
    folder = Path(tempfile.mkdtemp(prefix="zhkg-test-cache-"))
    setattr(config, _SAVED, (folder, os.environ.get("ZHKG_CACHE_DIR")))
    os.environ["ZHKG_CACHE_DIR"] = str(folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    saved = getattr(config, _SAVED, None)
    if saved is None:
        return
    folder, before = saved
    if before is None:
        os.environ.pop("ZHKG_CACHE_DIR", None)
    else:
        os.environ["ZHKG_CACHE_DIR"] = before
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def corpus_exports(tmp_path_factory) -> Path:
    """A folder with every export of the default corpus, written by the real `kg build`, once a session:
    pytest-xdist's workers share one build (the first to ask builds it, the others wait for it)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER") and fcntl is not None:
        base = base.parent               # the session's folder, above each worker's own
    out = base / "corpus-exports"
    with open(base / "corpus-exports.lock", "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / ".built").exists():
            r = subprocess.run([sys.executable, "-m", "kg", "build", str(CORPUS), "-o", str(out), "-j", "2"],
                               capture_output=True, text=True, cwd=ROOT)
            assert r.returncode == 0, r.stderr
            (out / ".built").write_text(r.stdout, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def corpus_graph(corpus_exports):
    """The corpus graph read back with kg.load (a KnowledgeGraph), once a test file (0.3 s): what one
    file's tests leave in it (a query's cached store, which deepcopy cannot copy) never reaches another
    file's, whichever pytest-xdist worker runs them and in whatever order."""
    import kg
    return kg.load(corpus_exports)


@pytest.fixture(autouse=True)
def _example_graph_of_this_session(request):
    """kg.analysis's doctests run on `example_graph()`: made here from this session's corpus build."""
    path = getattr(request.node, "path", None)
    if type(request.node).__name__ != "DoctestItem" or path is None or "analysis" not in path.parts:
        return
    import kg
    from kg.analysis import sample
    if sample.example_graph.cache_info().currsize:
        return
    exports = request.getfixturevalue("corpus_exports")
    load = kg.load
    with pytest.MonkeyPatch.context() as m:
        # example_graph() loads ROOT/exports when it exists: here it loads this session's build instead
        m.setattr(kg, "load", lambda *_a, **_k: load(exports))
        sample.example_graph()
