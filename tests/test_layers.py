"""The package's import graph: no cycles among module-level imports, and the graph core below the rest."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"
CORE = {"kg.records", "kg.terms", "kg.graph", "kg.graph.knowledge_graph", "kg.graph.merge"}


def _modules() -> dict[str, Path]:
    out = {}
    for p in KG.rglob("*.py"):
        parts = p.relative_to(KG.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return out


def _module_level_imports(path: Path, name: str, known: set[str]) -> set[str]:
    """kg modules imported when `name` is imported: module-level statements, not functions or TYPE_CHECKING."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(nodes):
        for n in nodes:
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test):
                visit(n.orelse)
                continue
            if isinstance(n, ast.Import):
                found.update(a.name for a in n.names)
            elif isinstance(n, ast.ImportFrom):
                base = n.module or ""
                if n.level:
                    up = package.split(".")[: len(package.split(".")) - n.level + 1]
                    base = ".".join(up + ([base] if base else []))
                for a in n.names:
                    found.add(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base)
            if isinstance(n, ast.ClassDef):
                visit(n.body)   # class bodies run at import; their methods do not
            elif hasattr(n, "body") and not isinstance(n, ast.ClassDef):
                visit(getattr(n, "body", []))
                visit(getattr(n, "orelse", []))
                visit(getattr(n, "finalbody", []))
                for h in getattr(n, "handlers", []):
                    visit(h.body)
    visit(tree.body)
    return {m for m in found if m in known and m != name}


@pytest.fixture(scope="module")
def imports() -> dict[str, set[str]]:
    mods = _modules()
    return {name: _module_level_imports(path, name, set(mods)) for name, path in mods.items()}


def test_no_import_cycles(imports):
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(imports.get(m, ())):
            if state.get(n) == 1:
                raise AssertionError("import cycle: " + " → ".join(stack[stack.index(n):] + [n]))
            if n not in state:
                dfs(n)
        stack.pop()
        state[m] = 2
    for m in sorted(imports):
        if m not in state:
            dfs(m)


def test_graph_core_imports_only_the_core(imports):
    for m in sorted(CORE):
        assert imports[m] <= CORE, f"{m} imports {sorted(imports[m] - CORE)} at module level"


def test_the_checker_sees_a_cycle(tmp_path):
    # the checker itself must be able to fail: a two-module cycle written on disk
    (tmp_path / "a.py").write_text("from kg.b import x\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("import kg.a\ndef f():\n    import kg.c\n", encoding="utf-8")
    known = {"kg.a", "kg.b", "kg.c"}
    assert _module_level_imports(tmp_path / "a.py", "kg.a", known) == {"kg.b"}
    assert _module_level_imports(tmp_path / "b.py", "kg.b", known) == {"kg.a"}


def test_public_api_still_answers():
    import kg
    from kg.graph.knowledge_graph import KnowledgeGraph
    from kg.graph.merge import merge
    from kg.records import Document, DocumentGraph, Entity

    assert kg.KnowledgeGraph is KnowledgeGraph
    doc = Document("a", "a.txt", "嵊州市。")
    g = merge([DocumentGraph(doc, (Entity("Locality/嵊州市", "Locality", "嵊州市", mentions=1),), (), ())])
    assert g.resolve("嵊州市").key == "Locality/嵊州市"
    assert "嵊州市" in g.to_ntriples()


def test_the_plain_terms_are_the_vocabularys_and_building_needs_no_rdflib():
    import subprocess
    import sys

    from kg import terms, vocab
    assert terms.PREFIXES["org"] == str(vocab.ORG) and terms.PREFIXES["prov"] == str(vocab.PROV)
    assert terms.PREFIXES["schema"] == str(vocab.SCHEMA) and terms.KG_IRI == str(vocab.KG)
    assert vocab.PREFIXES is terms.PREFIXES and str(vocab.KG.partOf) == terms.KG_IRI + "partOf"
    # building and exporting write RDF as text: importing them must not load rdflib (0.2 s a command)
    code = "import sys, kg, kg.pipeline, kg.export.rdf, kg.export.trig, kg.cli.build; print('rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
