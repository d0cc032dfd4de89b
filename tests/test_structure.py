"""The extraction core's shape (issue 19): rules live in data files, functions stay small, every lexicon
file is documented, every public function of extract/export/text shows an example, and the registered
components and the default pipeline agree."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"
IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def _docstring_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def chinese_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string constant holding a CJK ideograph, docstrings left out (comments are not
    constants)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstring_nodes(tree)
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
            and IDEOGRAPH.search(n.value)]


def test_counter_sees_literals_but_not_docstrings(tmp_path):
    p = tmp_path / "m.py"
    p.write_text('"""模块。"""\ndef f():\n    """函数。"""\n    return ["县", "市"]  # 注释\n', encoding="utf-8")
    assert [t for _, t in chinese_literals(p)] == ["县", "市"]


def test_at_most_40_chinese_literals_in_extract():
    found = {p.name: chinese_literals(p) for p in sorted((KG / "extract").glob("*.py"))}
    total = sum(len(v) for v in found.values())
    detail = {k: len(v) for k, v in found.items() if v}
    assert total <= 40, f"{total} Chinese string literals in kg/extract (at most 40): {detail}"


def _long_functions(paths) -> list[str]:
    out = []
    for p in paths:
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > 60:
                out.append(f"{p.relative_to(ROOT)}:{n.lineno} {n.name} ({n.end_lineno - n.lineno + 1} lines)")
    return out


def test_no_function_over_60_lines_in_extract_and_pipeline():
    paths = sorted((KG / "extract").glob("*.py")) + [KG / "pipeline.py"]
    assert _long_functions(paths) == []


def test_every_lexicon_file_is_documented():
    readme = (ROOT / "data" / "lexicon" / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\|\s*`?([\w.-]+\.txt)`?\s*\|", readme, re.M))
    files = {p.name for p in (ROOT / "data" / "lexicon").glob("*.txt")}
    assert files - listed == set(), "lexicon files missing from data/lexicon/README.md"
    assert listed - files == set(), "README rows for files that do not exist"


def test_default_pipeline_names_registered_components():
    from kg.extract.registry import KINDS, Pipeline, registered
    p = Pipeline.default().check()
    assert p.recognisers, "the default pipeline runs recognisers"
    for kind in KINDS:
        for c in registered(kind):
            assert c.summary, f"{kind} {c.name} has no one-line summary (its docstring's first line)"


def test_unknown_component_is_a_clear_error():
    from dataclasses import replace

    from kg.extract.registry import Pipeline
    with pytest.raises(KeyError, match="no recogniser named 'nonesuch'; registered: .*gazetteer"):
        replace(Pipeline.default(), recognisers=("known", "nonesuch")).check()


def _public_functions_without_example(folder: Path) -> list[str]:
    out = []
    for p in sorted(folder.glob("*.py")):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        for node in tree.body:
            funcs = [node] if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                funcs = [m for m in node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]
            out += [f"{p.name}:{f.name}" for f in funcs
                    if not f.name.startswith("_") and ">>>" not in (ast.get_docstring(f) or "")]
    return out


@pytest.mark.parametrize("folder", ["extract", "export", "text"])
def test_public_functions_show_an_example(folder):
    """networkx's style: every public function of kg/extract, kg/export and kg/text has an example that runs
    as a doctest (pyproject's --doctest-modules runs them)."""
    assert _public_functions_without_example(KG / folder) == []
