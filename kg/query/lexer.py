"""SPARQL 1.1's terminals, tokenised exactly and in linear time, for the checks run before a query reaches the engine.

The checks (no update, no SERVICE, nesting depth) look at tokens, never at raw text: an escape
such as `ex:a\\'` is part of a prefixed name, not the start of a string, exactly as the grammar
(and Oxigraph) reads it.

    >>> [t.text for t in tokens("SELECT ?x { ex:a\\\\' SERVICE <x> 'SERVICE' } # SERVICE")]
    ['SELECT', '?x', '{', "ex:a\\\\'", 'SERVICE', '<x>', "'SERVICE'", '}']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from kg.query.errors import QuerySyntaxError

#: Deeper nesting than this is refused: Oxigraph's recursive parser overflows the stack (a crash,
#: not an error) somewhere below 5,000 levels, and no query a person writes nests 100 deep.
MAX_DEPTH = 100

# PN_CHARS of the grammar, approximated by \w (letters, digits, _) plus the combining ranges
_PN = r"\-\w\u00b7\u0300-\u036f\u203f\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
# Each alternative is anchored where the scanner stands and consumes at least one character. A run
# of name characters is taken whole (possessively) unless a ":" follows, so no position is scanned
# again by the next token: tokenising is linear in the query's length.
_TOKEN = re.compile(rf"""
    (?P<ws>[ \t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:'{{0,2}}(?:[^'\\]|\\.))*'''|\"\"\"(?:\"{{0,2}}(?:[^"\\]|\\.))*\"\"\"
              |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<open_string>'''|\"\"\"|'|")
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][{_PN}]+)
  | (?P<bnode>_:(?:[{_PN}.])*)
  | (?P<junk>_++)
  | (?P<run>[^\W\d_][{_PN}.]*+(?!:))
  | (?P<pname>(?:[^\W\d_](?:[{_PN}.])*)?:(?:[{_PN}:.]|{_PLX})*)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|<<|>>|\{{\||\|\}}|.)
""", re.X | re.S)

#: Operators whose chains Oxigraph parses and evaluates recursively (10,000 `1 + ` crash it).
MAX_OPERATORS = 1000
OPERATORS = {"||", "&&", "!", "=", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "|", "^"}
OPERATOR_WORDS = {"UNION", "OPTIONAL", "MINUS"}
OPENERS = {"(": ")", "{": "}", "[": "]", "<<": ">>", "{|": "|}"}


@dataclass(frozen=True)
class Token:
    kind: str   # comment, string, iri, var, bnode, pname, word, langtag, number, punct
    text: str
    offset: int


def tokens(query: str) -> Iterator[Token]:
    """The query's tokens (whitespace and comments left out); QuerySyntaxError on an unterminated string."""
    pos, n = 0, len(query)
    while pos < n:
        m = _TOKEN.match(query, pos)
        kind, text = m.lastgroup, m.group()
        if kind == "open_string":
            line = query.count("\n", 0, pos) + 1
            col = pos - (query.rfind("\n", 0, pos) + 1) + 1
            raise QuerySyntaxError(f"SPARQL syntax error at line {line}, column {col}: a string is never closed",
                                   line, col)
        if kind in ("pname", "bnode", "run") and text.endswith("."):
            text = text.rstrip(".")  # a local name cannot end with ".": it is the triple's full stop
        if kind == "run":  # a bare name: a keyword or function when ASCII, else nothing SPARQL knows
            kind = "word" if text.isascii() and text.replace("_", "").isalnum() and text[0].isalpha() else "name"
        pos += len(text)
        if kind not in ("ws", "comment"):
            yield Token(kind, text, pos - len(text))


def max_depth(toks: list[Token]) -> tuple[int, int]:
    """(deepest nesting of (), {}, [] and << >>, offset where it is reached)."""
    depth = best = where = 0
    for t in toks:
        if t.kind != "punct":
            continue
        if t.text in OPENERS:
            depth += 1
            if depth > best:
                best, where = depth, t.offset
        elif t.text in (")", "}", "]", ">>", "|}"):
            depth = max(0, depth - 1)
    return best, where


def operator_count(toks: list[Token]) -> int:
    """How many operators (and UNION, OPTIONAL, MINUS) the query chains."""
    return sum(1 for t in toks if (t.kind == "punct" and t.text in OPERATORS)
               or (t.kind == "word" and t.text.upper() in OPERATOR_WORDS))


#: The most items (triple patterns and `;`/`,` groups, BINDs, FILTERs, IRIs and prefixed names, path
#: steps, `{…}` groups, GRAPH blocks, `(… AS ?v)` expressions) one query may hold. Oxigraph builds
#: and walks flat repetition recursively: 3,000 BINDs, 3,000 DESCRIBE IRIs, 10,000 FILTERs or
#: triple patterns, 20,000 `;`/`,` groups, 4,000 `(1 AS ?v)` in SELECT, 4,000 `GRAPH ?g {}` crashed
#: it (SIGSEGV); 2,000 of any one kind ran. The data of a VALUES block does not count (20,000 ran).
MAX_ITEMS = 2000
_SEPARATORS = {".", ";", ","}
_STEPS = {"/", "|", "^"}
_COUNTED_WORDS = {"BIND": "binds", "FILTER": "filters", "AS": "expressions", "GRAPH": "graphs"}


def _values_spans(toks: list[Token]) -> set[int]:
    """Indexes of the tokens inside VALUES blocks (their data), which Oxigraph reads iteratively."""
    inside: set[int] = set()
    i, n = 0, len(toks)
    while i < n:
        if toks[i].kind == "word" and toks[i].text.upper() == "VALUES":
            j = i + 1
            while j < n and toks[j].text != "{":
                j += 1
            depth, k = 0, j
            while k < n:
                depth += {"{": 1, "}": -1}.get(toks[k].text, 0) if toks[k].kind == "punct" else 0
                inside.add(k)
                if depth == 0:
                    break
                k += 1
            i = k
        i += 1
    return inside


_TERMS = {"iri", "pname", "var", "bnode", "string", "number"}


def _collection_members(toks: list[Token], skip: set[int]) -> int:
    """How many members the query's RDF collections `( … )` hold: Oxigraph expands each into two
    triple patterns (rdf:first, rdf:rest), so 10,000 members crash it as 20,000 patterns would.

    A `(` opens a collection in a triples context (a group, a `[ … ]` or another collection) unless
    it follows a word (FILTER, BIND, a function name) or is a function call after FILTER."""
    stack: list[str] = []
    members = 0
    for i, t in enumerate(toks):
        if i in skip or t.kind not in ("punct", *_TERMS):
            continue
        if t.kind in _TERMS:
            members += bool(stack) and stack[-1] == "coll"
        elif t.text in ("{", "["):
            members += t.text == "[" and bool(stack) and stack[-1] == "coll"
            stack.append("triples")
        elif t.text == "(":
            members += bool(stack) and stack[-1] == "coll"
            prev = toks[i - 1] if i else None
            call = prev is not None and (prev.kind == "word" or (
                prev.kind in ("pname", "iri") and i > 1 and toks[i - 2].text.upper() == "FILTER"))
            stack.append("coll" if stack and stack[-1] in ("triples", "coll") and not call else "expr")
        elif t.text in (")", "}", "]") and stack:
            stack.pop()
    return members


def item_counts(toks: list[Token]) -> dict[str, int]:
    """How many of each repeated item the query holds (VALUES data and PREFIX/BASE lines left out).

    >>> item_counts(list(tokens("PREFIX e: <x#> SELECT * { ?s e:p ?o ; e:q/e:r 1, 2 . BIND(1 AS ?b) FILTER(?b) VALUES ?v { e:a e:b } }")))
    {'patterns': 3, 'iris': 3, 'binds': 1, 'filters': 1, 'steps': 1, 'groups': 1, 'expressions': 1, 'graphs': 0, 'members': 0}
    >>> item_counts(list(tokens("SELECT * { ?s e:p (1 2 3) FILTER e:f(?s, 1) }")))["members"]
    6
    """
    skip = _values_spans(toks)
    counts = dict.fromkeys(("patterns", "iris", "binds", "filters", "steps", "groups", "expressions", "graphs"), 0)
    counts["members"] = 2 * _collection_members(toks, skip)
    declaring = 0  # tokens still belonging to a PREFIX or BASE declaration
    for i, t in enumerate(toks):
        if i in skip:
            continue
        if t.kind == "word" and t.text.upper() in ("PREFIX", "BASE"):
            declaring = 2 if t.text.upper() == "PREFIX" else 1
            continue
        if declaring:
            declaring -= 1
            continue
        if t.kind in ("iri", "pname"):
            counts["iris"] += 1
        elif t.kind == "word" and t.text.upper() in _COUNTED_WORDS:
            counts[_COUNTED_WORDS[t.text.upper()]] += 1
        elif t.kind == "punct" and t.text == "{":
            counts["groups"] += 1
        elif t.kind == "punct" and t.text in _SEPARATORS:
            counts["patterns"] += 1
        elif t.kind == "punct" and t.text in _STEPS:
            counts["steps"] += 1
    return counts
