"""jieba's dictionary as a table of known words: word → part of speech, for the words it has seen
at least five times (and its foreign names, `nrt`, however rare).

Recognition asks jieba's dictionary whether a candidate is an everyday word (公平, 来宾) rather
than a name; it never runs jieba's segmenter. Initialising jieba for that took 2–3 s per process
(its prefix dictionary of every word and every prefix, then the part-of-speech table parsed from
dict.txt), about as long as a whole incremental rebuild's merge. Here dict.txt is read once into
the small table the questions need (about 140k of its 349k words), which is kept in the user's
cache folder as JSON keyed by the dictionary file and this module (kg.extract.parsed: data only,
checked against its key and checksum), and loads in a fraction of a second. The answers are jieba's own: same file, same last-line-wins for repeats.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from kg.extract import parsed

FREQUENT = 5      # how often jieba must have seen a word to call it known


def _dictionary() -> Path:
    """jieba's dict.txt, found without importing jieba (its import alone takes 0.4 s: pkg_resources)."""
    from importlib.util import find_spec
    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jieba is not installed: pip install jieba")
    return Path(next(iter(spec.submodule_search_locations))).resolve() / "dict.txt"


def _parse(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3:
                continue
            word, freq, tag = parts
            if int(freq) >= FREQUENT:
                table[word] = tag
            elif tag == "nrt":
                table[word] = "nrt<"          # a rare foreign name: known as one, not frequent
            else:
                table.pop(word, None)         # a later line for the same word wins, as in jieba
    return table


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """jieba's dictionary as word → part of speech ("<" appended for words seen fewer than five times),
    parsed once and kept as JSON in the cache folder.

    >>> table()["上海"]
    'ns'
    """
    src = _dictionary()
    st = src.stat()
    me = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:10]
    key = f"{st.st_size}-{st.st_mtime_ns}-{me}"
    cached = parsed.folder() / f"jieba-words-{key}{parsed.SUFFIX}"
    try:
        data = parsed.load(cached, key)
        if isinstance(data, dict) and all(type(k) is str and type(v) is str for k, v in data.items()):
            return data
    except parsed.Damaged:   # damaged or foreign: parsed again and rewritten
        pass
    data = _parse(src)
    parsed.save(cached, key, data)
    return data


def known_tag(word: str) -> str | None:
    """jieba's part of speech of a word it has seen at least five times (公平 → a, 上海 → ns), else None.

    >>> known_tag("上海"), known_tag("嵊州陌桑高科")
    ('ns', None)
    """
    tag = table().get(word)
    return None if tag is None or tag.endswith("<") else tag


def foreign_name(word: str) -> bool:
    """Does jieba list this as a foreign person's name (nrt: 亨特, 休斯), at any frequency?

    >>> foreign_name("休斯"), foreign_name("嵊州")
    (True, False)
    """
    return table().get(word, "")[:3] == "nrt"
