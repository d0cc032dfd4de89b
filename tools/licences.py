"""The licence of every distribution `pip install .` (optionally with extras) installs, and whether any
is GPL or AGPL only (the project's rule: nothing GPL/AGPL in the default install).

    python3 tools/licences.py            # the default install
    python3 tools/licences.py test       # with the test extra

Reads the metadata of the environment it runs in (License-Expression, else License, else the
classifiers). A licence choice such as "MPL-1.1 OR GPL-2.0-only" is fine: one branch is not
copyleft. LGPL is not GPL. Exits 1 when a distribution is GPL/AGPL only.
"""
from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from install_size import closure  # noqa: E402

# GPL or AGPL (any version), but not LGPL
_GPL = re.compile(r"(?<![Ll])(?:\bA?GPL\b|GNU (?:Affero )?General Public License)", re.I)


def licence(name: str) -> str:
    md = metadata.metadata(name)
    text = (md.get("License-Expression") or "").strip()
    if not text:
        first = (md.get("License") or "").strip().splitlines()
        text = first[0].strip() if first and len(first[0]) < 80 else ""
    classifiers = [c.split("::")[-1].strip() for c in md.get_all("Classifier") or [] if c.startswith("License ::")]
    if not text or text.upper() in {"UNKNOWN", "OTHER"}:
        text = " OR ".join(classifiers) or "unknown"
    return text


def copyleft_only(text: str) -> bool:
    """True when every alternative of the licence text is GPL or AGPL."""
    branches = re.split(r"\s+OR\s+|\s*/\s*", text)
    return all(_GPL.search(b) for b in branches)


def main(argv: list[str]) -> int:
    extras = set(argv)
    names = sorted(closure("zhkg", extras) - {"zhkg"})
    bad = []
    for n in names:
        text = licence(n)
        flag = copyleft_only(text)
        bad += [n] if flag else []
        print(f"{'GPL ' if flag else '    '}{n:28} {text}")
    label = "zhkg" + (f"[{','.join(sorted(extras))}]" if extras else "")
    if bad:
        print(f"{label}: {len(bad)} of {len(names)} distributions are GPL/AGPL only: {', '.join(bad)}", file=sys.stderr)
        return 1
    print(f"{label}: {len(names)} distributions, none GPL/AGPL only")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
