"""Shared, read-only knowledge of the extractors, loaded once a process from data/ (and data/user/)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache, wraps
from pathlib import Path

from kg.paths import data_dir

DATA = data_dir()          # $ZHKG_DATA_DIR or data/ (read when the module is imported)
LEXICON = DATA / "lexicon"
# well-known entities, one file per kind of general knowledge (same format: class, name, aliases)
ENTITY_FILES = ("entities.txt", "central_bodies.txt", "organisations.txt", "leaders.txt", "famous_people.txt",
                "world_places.txt")


def read_lines(path: Path) -> list[list[str]]:
    """Entries of a lexicon file: one a line, TAB-separated fields, `#` comments and blank lines skipped.

    >>> read_lines(LEXICON / "level_words.txt")[0][:2]
    ['特别行政区', 'short-form']
    """
    out = []
    if not path.exists():
        return out
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        out.append([f.strip() for f in line.split("\t")])
    return out


def read_words(name: str, user_dir: Path | None) -> list[list[str]]:
    """The rows of a lexicon file of data/lexicon, followed by those of the same file in the user's directory.

    >>> read_words("level_words.txt", None)[0][:2]
    ['特别行政区', 'short-form']
    >>> import tempfile
    >>> user = Path(tempfile.mkdtemp())
    >>> _ = (user / "level_words.txt").write_text("新区\\tlevel\\n", encoding="utf-8")
    >>> read_words("level_words.txt", user)[-1]
    ['新区', 'level']
    """
    rows = read_lines(LEXICON / name)
    if user_dir is not None:
        rows += read_lines(user_dir / name)
    return rows


@dataclass(frozen=True)
class Resources:
    company_legal: tuple[str, ...]
    company_short: tuple[str, ...]
    body_suffixes: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    zone_suffixes: tuple[str, ...]
    programme_heads: dict[str, str]          # head → "merge" | "kind"
    programme_verbs: tuple[str, ...]
    titles: tuple[str, ...]
    known: dict[str, tuple[str, str]]        # surface → (class, canonical)
    known_aliases: dict[tuple[str, str], tuple[str, ...]]   # (class, canonical) → its listed aliases
    abbreviations: tuple[tuple[str, str, str], ...]
    stop: dict[str, str]                     # surface → class it is blocked for ("" = all)
    surnames: frozenset[str] = frozenset()
    breakers: frozenset[str] = frozenset()   # words that are never inside an organisation's name
    generic_places: frozenset[str] = frozenset()   # division-list names that are ordinary words (开发区)
    person_before: tuple[str, ...] = ()      # words right before a name that show it is a person (负责人)
    person_after: tuple[str, ...] = ()       # words right after one (说, 表示)
    honorifics: tuple[str, ...] = ()         # titles and forms of address after a name (主席, 先生)
    transliteration: frozenset[str] = frozenset()
    not_given: frozenset[str] = frozenset()  # characters no given name uses (废, 毒)   # characters foreign names are written with (克林顿)
    user_dir: Path | None = None
    policy_heads: tuple[str, ...] = ()        # endings of policy document titles, longest first
    policy_bare: tuple[str, ...] = ()         # of those, the ones a title without 《》 may end in
    clause_openers: tuple[str, ...] = ()      # words that open a clause with no subject (推动, 深化, 以)
    connectives: tuple[str, ...] = ()         # words that only link a sentence to the one before (同时)
    policy_binding: tuple[str, ...] = ()      # policy heads that bind the place a title opens with (条例)
    # the relation rules' word files (kg.extract.relation_words): file stem → its rows (fields), in file order
    relation_words: dict[str, tuple[tuple[str, ...], ...]] | None = None

    @cached_property
    def name_endings(self) -> tuple[str, ...]:
        """Every body, organisation and zone ending (derived once from the lists above).

        >>> "人民政府" in resources().name_endings
        True
        """
        return (*self.body_suffixes, *self.org_suffixes, *self.zone_suffixes)

    @cached_property
    def ending_words(self) -> frozenset[str]:
        """The name endings and the legal company endings, as one set: a word that is only an ending.

        >>> "有限公司" in resources().ending_words
        True
        """
        return frozenset((*self.name_endings, *self.company_legal))


def _longest_first(xs: list[str]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(xs), key=lambda s: (-len(s), s)))


def per_resources(build):
    """Decorator: `build(res)` computed once per Resources object (word patterns compiled from its lists),
    for as many objects as `resources()` keeps (edited user folders make new ones). Keyed by identity and
    checked against the object itself, so a recycled id never returns another object's patterns.

    >>> calls = []
    >>> @per_resources
    ... def n_titles(res):
    ...     calls.append(1)
    ...     return len(res.titles)
    >>> n_titles(resources()) == n_titles(resources()) > 0, len(calls)
    (True, 1)
    """
    cache: dict[int, tuple[object, object]] = {}

    @wraps(build)
    def get(res):
        hit = cache.get(id(res))
        if hit is None or hit[0] is not res:
            if len(cache) >= 8:
                cache.pop(next(iter(cache)))
            hit = cache[id(res)] = (res, build(res))
        return hit[1]
    return get


def resources(user_dir: Path | None = None) -> Resources:
    """The resources for a user folder; edited user files are read again (the cache key has their mtimes).

    >>> res = resources(); res is resources(), res.known["中共中央"][0]
    (True, 'GovernmentBody')
    """
    stamp: tuple = ()
    if user_dir is not None and Path(user_dir).is_dir():
        stamp = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in Path(user_dir).glob("*.txt")))
    return _resources(Path(user_dir) if user_dir is not None else None, stamp)


@lru_cache(maxsize=8)
def _resources(user_dir: Path | None, stamp: tuple) -> Resources:
    comp = read_words("company_suffixes.txt", user_dir)
    known: dict[str, tuple[str, str]] = {}
    rows = [r for f in ENTITY_FILES for r in read_lines(LEXICON / f)]
    if user_dir is not None:
        rows += read_lines(user_dir / "entities.txt") + read_lines(user_dir / "names.txt")
    for row in rows:
        if len(row) < 2:
            continue
        cls, canon = row[0], row[1]
        for surface in [canon, *(a for a in (row[2].split("|") if len(row) > 2 else []) if a)]:
            known[surface] = (cls, canon)
            bare = surface.replace("“", "").replace("”", "")
            known.setdefault(bare, (cls, canon))
    known_aliases: dict[tuple[str, str], list[str]] = {}
    for surface, (cls, canon) in known.items():
        if surface != canon:
            known_aliases.setdefault((cls, canon), []).append(surface)
    stop = {}
    for row in read_words("stop_names.txt", user_dir) + read_words("blocked.txt", user_dir):
        stop[row[0]] = row[1] if len(row) > 1 else ""
    return Resources(
        company_legal=_longest_first([r[0] for r in comp if len(r) > 1 and r[1] == "legal"]),
        company_short=_longest_first([r[0] for r in comp if len(r) > 1 and r[1] == "short"]),
        body_suffixes=_longest_first([r[0] for r in read_words("body_suffixes.txt", user_dir)]),
        org_suffixes=_longest_first([r[0] for r in read_words("org_suffixes.txt", user_dir)]),
        zone_suffixes=_longest_first([r[0] for r in read_words("zone_suffixes.txt", user_dir)]),
        programme_heads={r[0]: (r[1] if len(r) > 1 else "kind") for r in read_words("programme_heads.txt", user_dir)},
        programme_verbs=_longest_first([r[0] for r in read_words("programme_verbs.txt", user_dir)]),
        titles=_longest_first([r[0] for r in read_words("titles.txt", user_dir)]),
        known=known,
        known_aliases={k: tuple(sorted(v)) for k, v in known_aliases.items()},
        abbreviations=tuple((r[0], r[1], r[2]) for r in read_words("abbreviations.txt", user_dir) if len(r) >= 3),
        stop=stop,
        surnames=frozenset(w for row in read_words("surnames.txt", user_dir) for f in row for w in f.split()),
        breakers=frozenset(r[0] for r in read_words("name_breakers.txt", user_dir)),
        person_before=_longest_first([r[0] for r in read_words("person_cues.txt", user_dir) if r[1:2] == ["before"]]),
        person_after=_longest_first([r[0] for r in read_words("person_cues.txt", user_dir) if r[1:2] in (["after"], ["address"])]),
        honorifics=_longest_first([r[0] for r in read_words("person_cues.txt", user_dir) if r[1:2] == ["address"]]
                                  + [r[0] for r in read_words("titles.txt", user_dir)]),
        transliteration=frozenset(w for row in read_words("transliteration.txt", user_dir) for f in row for w in f.split()),
        not_given=frozenset(w for row in read_words("not_given_names.txt", user_dir) for f in row for w in f.split()),
        generic_places=frozenset([r[0] for r in read_words("generic_places.txt", user_dir)]
                                 + [r[0] for r in read_words("zone_suffixes.txt", user_dir)]),
        user_dir=user_dir,
        policy_heads=_longest_first([r[0] for r in read_words("policy_heads.txt", user_dir)]),
        policy_bare=_longest_first([r[0] for r in read_words("policy_heads.txt", user_dir) if r[1:2] == ["bare"]]),
        clause_openers=_longest_first([r[0] for r in read_words("clause_openers.txt", user_dir) if len(r) == 1]),
        connectives=_longest_first([r[0] for r in read_words("clause_openers.txt", user_dir) if r[1:2] == ["connective"]]),
        policy_binding=_longest_first([r[0] for r in read_words("policy_binding.txt", user_dir)]),
        relation_words={n: tuple(tuple(r) for r in read_words(n + ".txt", user_dir)) for n in (
            "locatives", "settle_verbs", "company_links", "copulas", "issuing_verbs", "apply_verbs",
            "participation_verbs", "programme_verb_uses", "programme_links", "framing_words", "level_words",
            "university_words", "company_words", "place_anaphora", "pilot_words", "list_words", "post_words",
            "site_words", "issuer_words", "company_groups", "developer_words", "beneficiary_words", "body_levels")},
    )
