"""Run a read-only SPARQL query on a graph with Oxigraph or rdflib, the contract's prefixes predeclared.

    >>> from kg.query.dataset import from_nquads
    >>> ds = from_nquads('<https://w3id.org/zhkg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "嵊州市"@zh .\\n', "oxigraph")
    >>> run_query(ds, 'SELECT ?l WHERE { ?x rdfs:label ?l }').rows
    [('嵊州市',)]
    >>> run_query(ds, 'SELECT ?l WHERE { ?x rdfs:label ?l ')
    Traceback (most recent call last):
    kg.query.errors.QuerySyntaxError: SPARQL syntax error at line 1, column 36: expected one of ",", ".", ";", "{", "{|", "}", "~", …
"""
from __future__ import annotations

import re
from typing import Any

from kg.query.dataset import ENGINES, open_dataset
from kg.query.errors import QueryError, QueryRefused, QuerySyntaxError
from kg.query.lexer import MAX_DEPTH, MAX_ITEMS, MAX_OPERATORS, Token, item_counts, max_depth, operator_count, tokens
from kg.query.results import QueryResult
from kg.terms import PREFIXES

__all__ = ["run_query", "check_query", "QueryError", "QuerySyntaxError", "QueryRefused", "ENGINES"]

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
#: Keywords that make the engine fetch data from elsewhere (SPARQL 1.1 federation).
FEDERATION_KEYWORDS = {"SERVICE"}
ITEM_NAMES = {"patterns": "triple patterns and ;/, groups", "iris": "IRIs", "binds": "BINDs",
              "filters": "FILTERs", "steps": "path steps", "groups": "{…} groups", "expressions": "AS expressions",
              "graphs": "GRAPH blocks", "members": "collection members (two each)"}


def keywords(query: str) -> list[str]:
    """The query's bare words in upper case (keywords, function names, `a`), in order.

    >>> keywords('PREFIX s: <http://x/SERVICE#> SELECT * { ?s s:SERVICE "SERVICE" } # SERVICE')
    ['PREFIX', 'SELECT']
    """
    return [t.text.upper() for t in tokens(query) if t.kind == "word"]


def check_query(query: str) -> None:
    """Refuse what a read-only, local graph must not run: updates (and LOAD), SERVICE, an empty query,
    and nesting, operator chains or repetition big enough to crash the engine.

    >>> check_query("SELECT * { ex:a\\\\' SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kg.query.errors.QueryRefused: SERVICE (federated query) is not allowed: queries run on the local graph only
    >>> check_query("SELECT * { SERVICESILENT<http://127.0.0.1:1/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    kg.query.errors.QueryRefused: SERVICE (federated query) is not allowed: queries run on the local graph only
    """
    toks = list(tokens(query))
    if not toks:
        raise QuerySyntaxError("the query is empty: write a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    words = [t.text.upper() for t in toks if t.kind == "word"]
    first = next((w for w in words if w not in ("BASE", "PREFIX")), "")
    if first in UPDATE_KEYWORDS:
        raise QueryRefused(f"SPARQL updates ({first}) are not allowed: the graph is read-only; rebuild it with `kg build`")
    _check_size(query, toks)
    if reads_service(query, toks):
        raise QueryRefused("SERVICE (federated query) is not allowed: queries run on the local graph only")


def _check_size(query: str, toks: list[Token]) -> None:
    """Refuse nesting, operator chains and flat repetition past the limits the engine survives."""
    depth, where = max_depth(toks)
    if depth > MAX_DEPTH:
        line = query.count("\n", 0, where) + 1
        raise QueryRefused(f"the query nests brackets {depth} deep (at line {line}); the limit is {MAX_DEPTH}")
    ops = operator_count(toks)
    if ops > MAX_OPERATORS:
        raise QueryRefused(f"the query chains {ops} operators; the limit is {MAX_OPERATORS}")
    counts = item_counts(toks)
    total = sum(counts.values())
    if total > MAX_ITEMS:
        shown = ", ".join(f"{n:,} {ITEM_NAMES[k]}" for k, n in counts.items() if n)
        raise QueryRefused(f"the query holds {total:,} items ({shown}); the limit is {MAX_ITEMS:,}: "
                           "split it, or put long lists of values in a VALUES block")


def reads_service(query: str, toks: list[Token] | None = None) -> bool:
    """Whether the engine may read a SERVICE clause in the query: decided on the parsed query.

    Oxigraph matches keywords case-insensitively and needs no word boundary after them, so a name
    that merely starts with SERVICE can be the keyword glued to what follows (`SERVICESILENT<…>`,
    `SERVICEex:a`, `SERVICE:x`). A bare word can be nothing else and is refused at once. A prefixed
    name starting with SERVICE is read by a real SPARQL parser (rdflib's): it is allowed only when
    the query parses, the parse tree holds no SERVICE, and the name's prefix is declared, which is
    when Oxigraph, which tries a triple before a SERVICE clause, reads it as a term too.

    >>> reads_service("SELECT * { servicesilent<http://127.0.0.1:1/> { ?s ?p ?o } }")
    True
    >>> reads_service("PREFIX service: <http://x/> SELECT * { service:a ?p ?o }")
    False
    """
    toks = list(tokens(query)) if toks is None else toks
    glued = [t for t in toks if t.kind in ("word", "name", "pname") and t.text.upper().startswith("SERVICE")]
    if not glued:
        return False
    if any(t.kind != "pname" for t in glued):
        return True
    declared = set(PREFIXES) | _declared_prefixes(toks)
    if any(t.text.split(":", 1)[0] not in declared for t in glued):
        return True
    return _parsed_service(query)


def _declared_prefixes(toks: list[Token]) -> set[str]:
    return {toks[i + 1].text[:-1] for i, t in enumerate(toks[:-1])
            if t.kind == "word" and t.text.upper() == "PREFIX" and toks[i + 1].kind == "pname"
            and toks[i + 1].text.endswith(":")}


def _parsed_service(query: str) -> bool:
    """True when rdflib's SPARQL parser finds a SERVICE clause, or cannot parse the query (fail closed)."""
    from rdflib.plugins.sparql.parser import parseQuery
    try:
        tree = parseQuery(query)
    except Exception:  # noqa: BLE001 (any failure of the parser refuses)
        return True
    return _has_service(tree)


def _has_service(node: Any) -> bool:
    stack = [node]
    while stack:
        n = stack.pop()
        if getattr(n, "name", None) == "ServiceGraphPattern":
            return True
        if isinstance(n, dict):  # rdflib's CompValue
            stack.extend(dict.values(n))
        elif not isinstance(n, (str, bytes)) and hasattr(n, "__iter__"):  # lists, pyparsing's ParseResults
            stack.extend(list(n))
    return False


def run_query(source: Any, query: str, engine: str = "oxigraph", *, max_rows: int | None = None,
              max_bytes: int | None = None,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None) -> QueryResult:
    """Answer a SELECT, ASK, CONSTRUCT or DESCRIBE query.

    Parameters
    ----------
    source: a KnowledgeGraph, an export folder (its store/ is used when present), a store folder,
        a .ttl/.nt/.trig/.nq file, a pyoxigraph.Store, an rdflib Graph/Dataset, or an opened dataset.
    query: SPARQL 1.1; the prefixes of kg.vocab.PREFIXES are predeclared, the query's own PREFIX lines win.
    engine: "oxigraph" (fast) or "rdflib".
    max_rows: raise ResultTooLarge when the result has more rows (or triples) than this.
    max_bytes: raise ResultTooLarge as soon as the result's terms add up to more bytes than this.

    Returns
    -------
    QueryResult; raises QuerySyntaxError (with line and column), QueryRefused, GraphNotFound or QueryError.
    """
    check_query(query)
    ds = open_dataset(source, engine)
    try:
        return ds.query(query, max_rows=max_rows, max_bytes=max_bytes, default_graph=default_graph, named_graphs=named_graphs)
    except QueryError:
        raise
    except SyntaxError as e:  # pyoxigraph: "error at LINE:COL: detail"
        raise _oxigraph_syntax_error(str(e), query) from None
    except Exception as e:
        if type(e).__name__ == "ParseException":  # pyparsing, under rdflib
            raise QuerySyntaxError(f"SPARQL syntax error at line {e.lineno}, column {e.col}: {_short(e.msg)}",
                                   e.lineno, e.col) from None
        raise QueryError(f"the query failed ({engine}): {_short(str(e) or type(e).__name__)}") from None


def _oxigraph_syntax_error(message: str, query: str) -> QuerySyntaxError:
    m = re.match(r"error at (\d+):(\d+)(?:-\d+:\d+)?: (.*)", message, re.S)
    if not m:
        return QuerySyntaxError(f"SPARQL syntax error: {_short(message)}")
    line, col, detail = int(m.group(1)), int(m.group(2)), m.group(3)
    lines = query.split("\n")
    before = lines[line - 1][: col - 1] if 0 < line <= len(lines) else ""
    return QuerySyntaxError(f"SPARQL syntax error at line {line}, column {col}: {_explain(detail, before)}", line, col)


def _explain(detail: str, before: str) -> str:
    # Oxigraph lists every acceptable character class; people need the gist
    if "Prefix not found" in detail:
        p = re.search(r"([\w.-]*):[\w.-]*$", before)
        name = p.group(1) if p else ""
        return f"unknown prefix {name}: (declare it with PREFIX {name}: <…>)"
    if detail.startswith("expected one of") or detail.startswith("expected "):
        bare = re.sub(r"\[[^\]]*\]", "", detail)  # character classes such as ['A' ..= 'Z']
        items = re.findall(r'"((?:[^"\\]|\\.)*)"', bare) + re.findall(r"(?<![\w'\"])([A-Z][A-Z]+)(?![\w'\"])", bare)
        if items:
            shown = ", ".join(f'"{i}"' if not i.isalpha() else i for i in items[:8])
            more = len(items) > 8 or "[" in detail
            return ("expected " if len(items) == 1 and not more else "expected one of ") + shown + (", …" if more else "")
    return _short(detail)


def _short(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"
