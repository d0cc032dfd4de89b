"""Query results independent of the engine: RDF terms, their Python values, and the result object."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Iterator

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                               "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
                               "unsignedShort", "unsignedByte")}


class IRI(str):
    """An IRI as a Python value: a str, but distinguishable from a literal string."""
    __slots__ = ()

    def __repr__(self) -> str:
        return f"IRI({str.__repr__(self)})"


class BNode(str):
    """A blank node label as a Python value (labels are local to one result)."""
    __slots__ = ()

    def __repr__(self) -> str:
        return f"BNode({str.__repr__(self)})"


@dataclass(frozen=True, order=True)
class Term:
    """One RDF term as the engines return it: kind is "uri", "bnode", "literal" or "triple".

    `datatype` is None for plain strings and language-tagged strings, whichever engine answered.
    """
    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def to_python(self) -> Any:
        """IRI/BNode for nodes; int, Decimal, float, bool, date, datetime or str for literals.

        >>> Term("literal", "42", XSD + "integer").to_python()
        42
        >>> Term("uri", "https://w3id.org/zhkg/id/doc/x").to_python()
        IRI('https://w3id.org/zhkg/id/doc/x')
        """
        if self.kind == "uri":
            return IRI(self.value)
        if self.kind == "bnode":
            return BNode(self.value)
        if self.kind != "literal" or self.datatype is None:
            return self.value
        dt, v = self.datatype, self.value
        try:
            if dt in _INTEGERS:
                return int(v)
            if dt == XSD + "decimal":
                return Decimal(v)
            if dt in (XSD + "double", XSD + "float"):
                return float(v)
            if dt == XSD + "boolean":
                return v.strip() in ("true", "1")
            if dt == XSD + "date":
                return datetime.date.fromisoformat(v)
            if dt == XSD + "dateTime":
                return datetime.datetime.fromisoformat(v.replace("Z", "+00:00"))
        except (ValueError, InvalidOperation):
            pass  # an ill-typed literal keeps its lexical form rather than failing the whole result
        return v

    def n3(self) -> str:
        """The term in N-Triples syntax (also valid in Turtle, SPARQL and SPARQL TSV results)."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        if self.kind == "triple":
            return self.value  # engines give quoted triples already in N-Triples-star syntax
        out = '"' + _escape(self.value) + '"'
        if self.lang:
            return f"{out}@{self.lang}"
        if self.datatype:
            return f"{out}^^<{self.datatype}>"
        return out


def _escape(s: str) -> str:
    return (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t"))


Triple = tuple[Term, Term, Term]


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query.

    kind is "select" (`vars` and `bindings`: one tuple of Term-or-None per row), "ask" (`boolean`)
    or "graph" for CONSTRUCT and DESCRIBE (`triples`, sorted and deduplicated).
    `rows` gives the bindings as Python values; `format()` renders any kind as text.
    """
    kind: str
    vars: tuple[str, ...] = ()
    bindings: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()
    engine: str = ""

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        """SELECT rows as Python values (None where a variable is unbound)."""
        return [tuple(None if t is None else t.to_python() for t in row) for row in self.bindings]

    def dicts(self) -> list[dict[str, Any]]:
        """SELECT rows as {variable: Python value}, leaving out unbound variables."""
        return [{v: t.to_python() for v, t in zip(self.vars, row) if t is not None} for row in self.bindings]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.triples if self.kind == "graph" else self.rows)

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.bindings)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else len(self) > 0

    def format(self, fmt: str = "table") -> str:
        """Render as table, csv, tsv, json or xml; graph results also as nt, ttl or jsonld."""
        from kg.query.formats import render
        return render(self, fmt)

    def __str__(self) -> str:
        return self.format("table")
