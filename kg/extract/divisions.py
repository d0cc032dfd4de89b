"""The official division list (province → village), read from data/divisions/china_location.zip.

The file is jionlp's `dictionary/china_location.zip` (Apache-2.0), shipped in data/ because the jionlp
package pulls in a GPL dependency: a tab-indented tree with province, prefecture and county names,
their 6-digit GB/T 2260 codes and short names, then townships and villages by name.
"""
from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from kg.extract import parsed
from kg.extract.resources import LEXICON, read_lines
from kg.paths import data_dir

LEVELS = ("province", "prefecture", "county", "township", "village")
#: the level words file: the endings dropped for short forms are its lines of use short-form / township-form
ENDINGS_FILE = LEXICON / "level_words.txt"


def _endings(use: str) -> tuple[str, ...]:
    return tuple(r[0] for r in read_lines(ENDINGS_FILE) if len(r) > 1 and use in r[1].split(","))


# a county-level name's short form must not be an everyday word: these suffixes are stripped, in this order
_STRIP = _endings("short-form")
_TOWN_STRIP = _endings("township-form")
#: areas the list lacks, added under their province or city (国家级新区: 贵安新区 under 贵州省)
AREAS_FILE = LEXICON / "new_areas.txt"
#: other written forms: an ending and what replaces it after the short name (自治州 → 州: 黔南州)
FORMS_FILE = LEXICON / "division_forms.txt"
_FORMS = tuple((r[0], r[1]) for r in read_lines(FORMS_FILE) if len(r) > 1)


@dataclass(frozen=True)
class Division:
    """One item of the list: its index in `Divisions.items`, name, level (LEVELS), code, parent's
    index and short form (嵊州市 → 嵊州; level words dropped as level_words.txt says)."""
    index: int
    name: str
    level: str
    code: str | None          # 6-digit code for province/prefecture/county
    parent: int | None
    short: str | None = None


@dataclass
class Divisions:
    """The parsed list: every item, indexes by full name and by short form, and each township's villages."""
    items: list[Division] = field(default_factory=list)
    by_name: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))     # full names (no villages)
    by_short: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))    # short forms
    villages: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))   # township → villages

    def ancestors(self, i: int) -> list[int]:
        """The indexes of the item's parent, grandparent … up to its province.

        >>> d = _parse("浙江省\\t330000\\n\\t绍兴市\\t330600\\n\\t\\t嵊州市\\t330683\\n")
        >>> [d.items[a].name for a in d.ancestors(d.by_name["嵊州市"][0])]
        ['绍兴市', '浙江省']
        """
        out = []
        p = self.items[i].parent
        while p is not None:
            out.append(p)
            p = self.items[p].parent
        return out

    def short_township(self, i: int, name: str) -> bool:
        """A township or village written with two characters (乌镇): such a name recurs across the
        country, so by itself it says nothing about where a document is.

        >>> d = _parse("浙江省\\n\\t嘉兴市\\n\\t\\t桐乡市\\n\\t\\t\\t乌镇镇\\n")
        >>> i = d.by_name["乌镇镇"][0]
        >>> d.short_township(i, "乌镇"), d.short_township(i, "乌镇镇")
        (True, False)
        """
        return len(name) <= 2 and self.items[i].level in ("township", "village")

    def code(self, i: int) -> str | None:
        """The item's own 6-digit code, or None for townships and villages (the list has none).

        >>> d = _parse("浙江省\\t330000\\n\\t绍兴市\\t330600\\n\\t\\t嵊州市\\t330683\\n\\t\\t\\t三界镇\\n")
        >>> d.code(d.by_name["嵊州市"][0]), d.code(d.by_name["三界镇"][0])
        ('330683', None)
        """
        return self.items[i].code


def data_file() -> Path | None:
    """The division list's file: $ZHKG_DIVISIONS, else data/divisions/china_location.zip, else the copy
    inside an installed jionlp; None when there is none.

    >>> data_file().name
    'china_location.zip'
    """
    env = os.environ.get("ZHKG_DIVISIONS")
    if env:
        return Path(env)
    shipped = data_dir() / "divisions" / "china_location.zip"
    if shipped.exists():
        return shipped
    # a copy inside an installed jionlp, for installs without the data folder
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    p = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"
    return p if p.exists() else None




def _short(name: str, level: str) -> str | None:
    if level in ("province", "prefecture", "county"):
        for s in _STRIP:
            if name.endswith(s) and len(name) - len(s) >= 2:
                return name[: -len(s)]
        return None
    if level == "township":
        for s in _TOWN_STRIP:
            if name.endswith(s) and len(name) - len(s) >= 2:
                return name[: -len(s)]
    return None


def _written_forms(name: str, short: str | None) -> tuple[str, ...]:
    """The other usual written forms of a name (division_forms.txt): 黔南布依族苗族自治州 → 黔南州.

    >>> _written_forms("黔南布依族苗族自治州", "黔南"), _written_forms("嵊州市", "嵊州")
    (('黔南州',), ())
    """
    if not short:
        return ()
    return tuple(short + kept for ending, kept in _FORMS if name.endswith(ending) and short + kept != name)


def _parse(text: str) -> Divisions:
    d = Divisions()
    stack: list[int] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        name = fields[0]
        if depth >= 4:                          # villages: keep by township, not indexed by name
            if len(stack) >= 4:
                d.villages[stack[3]].append(name)
            continue
        level = LEVELS[depth]
        code = fields[1] if len(fields) > 1 and fields[1].isdigit() else None
        short = fields[2] if len(fields) > 2 and fields[2] and fields[2] != name else _short(name, level)
        del stack[depth:]
        # the list repeats a municipality as its own prefecture (上海市 / 上海市): keep one node
        if stack and d.items[stack[-1]].name == name:
            stack.append(stack[-1])
            continue
        parent = stack[-1] if stack else None
        item = Division(len(d.items), name, level, code, parent, short)
        d.items.append(item)
        d.by_name[name].append(item.index)
        for form in (short, *_written_forms(name, short)):
            if form and form != name:
                d.by_short[form].append(item.index)
        stack.append(item.index)
    return d


def _add_areas(d: Divisions, rows: list[list[str]]) -> None:
    """Add the areas of new_areas.txt under their parent (a province or a prefecture of the list):
    a prefecture-level item under a province, a county-level one under a city.

    >>> d = _parse("贵州省\\t520000\\n\\t贵阳市\\t520100\\n")
    >>> _add_areas(d, [["贵安新区", "贵州省", "贵安"]])
    >>> i = d.by_name["贵安新区"][0]
    >>> d.items[i].level, d.items[d.items[i].parent].name, d.by_short["贵安"] == [i]
    ('prefecture', '贵州省', True)
    """
    for row in rows:
        name, parent = row[0], row[1]
        above = [i for i in d.by_name.get(parent, ()) if d.items[i].level in ("province", "prefecture")]
        if len(above) != 1 or name in d.by_name:
            continue
        level = "prefecture" if d.items[above[0]].level == "province" else "county"
        forms = [f for f in (row[2].split("|") if len(row) > 2 else ()) if f]
        item = Division(len(d.items), name, level, None, above[0], forms[0] if forms else None)
        d.items.append(item)
        d.by_name[name].append(item.index)
        for f in forms:
            d.by_short[f].append(item.index)


class _Villages(Mapping):
    """Township index → its villages, read the first time they are asked for: most of the parsed
    list is villages, and a build whose documents all come from the cache never needs them."""

    def __init__(self, path: Path, key: str, src: Path) -> None:
        self._path, self._key, self._src = path, key, src
        self._data: dict[int, list[str]] | None = None

    def _load(self) -> dict[int, list[str]]:
        if self._data is None:
            try:
                self._data = _villages_from(parsed.load(self._path, self._key))
            except (parsed.Damaged, ValueError, TypeError):   # damaged or foreign: parsed again
                self._data = None
            if self._data is None:     # removed (kg cache clear) or damaged: parse the list again
                self._data = dict(_parse(_read(self._src)).villages)
                parsed.save(self._path, self._key, [[k, v] for k, v in self._data.items()])
        return self._data

    def __getitem__(self, township: int) -> list[str]:
        return self._load()[township]

    def __iter__(self) -> Iterator[int]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


def _villages_from(rows: object) -> dict[int, list[str]] | None:
    """The villages as saved ([[township, [village, …]], …]), checked; None when nothing was saved."""
    if rows is None:
        return None
    if type(rows) is not list:
        raise ValueError("not a list of villages")
    out: dict[int, list[str]] = {}
    for row in rows:
        if type(row) is not list or len(row) != 2 or type(row[0]) is not int or type(row[1]) is not list \
                or not all(type(v) is str for v in row[1]):
            raise ValueError("not a township's villages")
        out[row[0]] = row[1]
    return out


def _saved(d: Divisions) -> dict:
    """The list as JSON values (the villages apart): items as [name, level, code, parent, short]."""
    return {"items": [[i.name, i.level, i.code, i.parent, i.short] for i in d.items],
            "by_name": d.by_name, "by_short": d.by_short}


def _from_saved(data: object) -> Divisions:
    """The list from `_saved`'s values, checked field by field (ValueError when they are not that)."""
    if type(data) is not dict or set(data) != {"items", "by_name", "by_short"}:
        raise ValueError("not a division list")
    items = []
    str_or_none = (str, type(None))
    for n, row in enumerate(data["items"]):
        if type(row) is not list or len(row) != 5 or type(row[0]) is not str or row[1] not in LEVELS \
                or type(row[2]) not in str_or_none or type(row[3]) not in (int, type(None)) \
                or type(row[4]) not in str_or_none or (row[3] is not None and not 0 <= row[3] < n):
            raise ValueError(f"item {n} is not a division")
        items.append(Division(n, *row))
    index = {}
    for name in ("by_name", "by_short"):
        table = data[name]
        if type(table) is not dict or not all(type(v) is list and all(type(i) is int and 0 <= i < len(items)
                                                                     for i in v) for v in table.values()):
            raise ValueError(f"{name} is not an index of the items")
        index[name] = table
    return Divisions(items, index["by_name"], index["by_short"])


def _read(src: Path) -> str:
    with zipfile.ZipFile(src) as z:
        name = next(n for n in z.namelist() if n.endswith(".txt"))
        return io.TextIOWrapper(z.open(name), encoding="utf-8").read()


@lru_cache(maxsize=1)
def divisions() -> Divisions:
    """The parsed list. Parsing takes about a second, so the result is kept as JSON in the user's cache
    folder (~/.cache/zhkg; kg.extract.parsed: data only, checked against its key and checksum), keyed
    by the data file's size and time and by this parser's own source; the villages have their own
    file, read only when a document needs them.

    >>> d = divisions()
    >>> i = d.by_name["嵊州市"][0]
    >>> d.items[i].level, d.items[i].short, d.items[d.items[i].parent].name
    ('county', '嵊州', '绍兴市')
    """
    src = data_file()
    if src is None:
        raise RuntimeError("the official division list was not found: data/divisions/china_location.zip is "
                           "missing; set ZHKG_DIVISIONS to a china_location.zip")
    cache_dir = parsed.folder()
    st = src.stat()
    # a changed parser or list of endings never reads an old file
    parser = hashlib.sha1(Path(__file__).read_bytes() + ENDINGS_FILE.read_bytes()
                          + FORMS_FILE.read_bytes() + AREAS_FILE.read_bytes()).hexdigest()[:10]
    key = f"{st.st_size}-{int(st.st_mtime)}-{parser}"
    cache = cache_dir / f"divisions-{key}{parsed.SUFFIX}"
    villages = cache_dir / f"divisions-{key}-villages{parsed.SUFFIX}"
    try:
        saved = parsed.load(cache, key)
        if saved is not None and villages.exists():
            d = _from_saved(saved)
            d.villages = _Villages(villages, key, src)
            return d
    except (parsed.Damaged, ValueError, TypeError, KeyError):   # damaged or foreign: parsed again
        pass
    d = _parse(_read(src))
    _add_areas(d, read_lines(AREAS_FILE))
    d.by_name = dict(d.by_name)
    d.by_short = dict(d.by_short)
    d.villages = dict(d.villages)
    parsed.save(villages, key, [[k, v] for k, v in d.villages.items()])    # the villages first
    parsed.save(cache, key, _saved(d))
    return d
