"""Shared fixtures: the corpus is built once per test session, into a temporary folder."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"


@pytest.fixture(scope="session")
def corpus_exports(tmp_path_factory) -> Path:
    """A folder with every export of the default corpus, written by the real `kg build`."""
    out = tmp_path_factory.mktemp("exports")
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(CORPUS), "-o", str(out), "-j", "2"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="session")
def corpus_graph(corpus_exports):
    """The corpus graph read back with kg.load (a KnowledgeGraph)."""
    import kg
    return kg.load(corpus_exports)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The browser for page tests. Absent, the tests are skipped with how to enable them, except where
    ZHKG_REQUIRE_BROWSER=1 (CI installs Chromium and must run them)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from cdp import BROWSER_ENV, CHROMIUM, HOW_TO_ENABLE
    if CHROMIUM is None:
        if os.environ.get("ZHKG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"ZHKG_REQUIRE_BROWSER=1 but no browser found on PATH or in ${BROWSER_ENV}: " + HOW_TO_ENABLE)
        pytest.skip(HOW_TO_ENABLE)
    return CHROMIUM
