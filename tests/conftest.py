"""Shared fixtures of tests/. The session's cache folder and the corpus build (`corpus_exports`,
`corpus_graph`) are in the repository's conftest.py, which the doctests of kg/ share."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def isolated_cache() -> Path:
    """The session's own extraction cache (ZHKG_CACHE_DIR), set by the repository's conftest.py before
    collection: a test that finds the user's cache folder in use fails here, before it writes there."""
    folder = Path(os.environ.get("ZHKG_CACHE_DIR", ""))
    assert folder.name.startswith("zhkg-test-cache-") and folder.is_relative_to(tempfile.gettempdir()), folder
    return folder


@pytest.fixture(scope="module")
def browser(chromium):
    """One headless Chromium per test module (tests/cdp.py), closed after the module's tests."""
    from cdp import Browser
    with Browser(chromium) as b:
        yield b


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
