"""Nothing GPL or AGPL in the default install (nor in the test extra CI installs): tools/licences.py reads
the installed distributions' metadata."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from licences import copyleft_only  # noqa: E402


@pytest.mark.parametrize("text, gpl", [
    ("GNU General Public License (GPL)", True),          # igraph's metadata
    ("GPL-3.0-or-later", True),                          # jiojio, which jionlp pulled in
    ("AGPL-3.0-only", True),
    ("MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-or-later", False),   # tld (trafilatura): a choice
    ("LGPL-2.1-or-later", False),
    ("BSD-3-Clause", False),
    ("MIT OR Apache-2.0", False),
])
def test_copyleft_only(text, gpl):
    assert copyleft_only(text) is gpl


@pytest.mark.parametrize("extras", [[], ["test"]])
def test_installed_closure_has_no_gpl(extras):
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "licences.py"), *extras],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "none GPL/AGPL only" in r.stdout
    names = {line.split()[0] for line in r.stdout.splitlines()[:-1]}
    assert {"rdflib", "jieba", "networkx", "pyvis", "pyoxigraph"} <= names   # it read the real closure
