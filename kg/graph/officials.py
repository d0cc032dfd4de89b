"""Who is a kg:Official: a person holding a public post (party, state, judicial, people's congress, CPPCC,
mass organisation). Company, academic and masthead roles are posts too, of a plain kg:Person.

A post is public when its title names a public post (书记, 县长, 检察长: the kinds in
data/lexicon/titles.txt) and it is not held in a company, or when a general title (主任, 委员, 院长) is
held in a government body, a place or a mass organisation (the `mass` endings of
data/lexicon/post_grammar.txt). Every official is also typed kg:Person in the exports.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from kg.extract.resources import LEXICON, read_lines
from kg.records import EntityKey

if TYPE_CHECKING:
    from kg.graph.knowledge_graph import KnowledgeGraph

PUBLIC_KINDS = frozenset({"party", "state", "judicial", "congress", "cppcc", "mass", "foreign"})
PUBLIC_PLACES = ("GovernmentBody", "Locality")


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...]]:
    """(title, kind) longest first; mass organisations' endings; what joins two titles (、 兼)."""
    titles = sorted(((r[0], r[1] if len(r) > 1 else "general") for r in read_lines(LEXICON / "titles.txt")),
                    key=lambda x: -len(x[0]))
    mass = tuple(r[0] for r in read_lines(LEXICON / "post_grammar.txt") if r[1:2] == ["mass"])
    joiners = ("、",) + tuple(r[0] for r in read_lines(LEXICON / "post_words.txt") if r[1:2] == ["joiner"])
    return tuple(titles), mass, joiners


def title_kinds(title: str) -> set[str]:
    """The kinds of the titles a post's title is made of (党委副书记、常务副厅长 → party, state).

    >>> sorted(title_kinds("县委常委、常务副县长")), sorted(title_kinds("董事长"))
    (['party', 'state'], ['company'])
    """
    titles, _, joiners = _words()
    parts = [title]
    for j in joiners:
        parts = [x for p in parts for x in p.split(j)]
    return {next((k for t, k in titles if p.endswith(t)), "general") for p in parts if p}


def public_post(title: str, org: str) -> bool:
    """Is a post of this title in this organisation (an entity key) a public post?

    >>> public_post("书记", "GovernmentBody/中共舞阳县委"), public_post("主任", "Locality/舞阳县")
    (True, True)
    >>> public_post("董事长", "Company/某某有限公司"), public_post("教授", "Organization/某某大学")
    (False, False)
    """
    key = EntityKey.parse(org)
    if key.cls == "Company":
        return False
    if key.cls in PUBLIC_PLACES:
        return True
    kinds = title_kinds(title)
    mass = any(key.label.split("@")[0].endswith(m) for m in _words()[1])
    return bool(kinds & PUBLIC_KINDS) or (mass and "general" in kinds)


def officials(posts: Iterable) -> set[str]:
    """The persons (keys) holding a public post among posts with `person`, `title` and `org`."""
    return {p.person for p in posts if public_post(p.title, p.org)}


def graph_officials(g: "KnowledgeGraph") -> set[str]:
    """The officials of a merged graph."""
    return officials(g.posts())
