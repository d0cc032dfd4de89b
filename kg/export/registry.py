"""The exporters, registered by format name: each declares the files it writes and its own options.

An exporter is a function registered with `@exporter(format, files=..., options=...)`. It receives an
`ExportJob` (the graph, the folder to write into, what the export set computed once, and the
infrastructure a slow exporter may use) and, when it declares an options class (a frozen dataclass),
an instance of that class holding only its own options. docs/exporters.md shows how to add one.
"""
from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from kg.export.rdf import ExportData
    from kg.graph.knowledge_graph import KnowledgeGraph

#: The modules holding zhkg's own exporters, imported on first use; their registrations run in this
#: order, which is the order the exporters run in. The store comes first so that its load (in a
#: thread) overlaps the Python work of the others.
BUILTIN_MODULES: tuple[str, ...] = ("kg.export.store", "kg.export.rdf", "kg.export.trig", "kg.export.html")


class FormatError(ValueError):
    """An unknown export format, or options an exporter does not take; the message is one line."""


@dataclass
class ExportJob:
    """What every exporter of one export set receives besides its own options."""
    graph: "KnowledgeGraph"
    directory: Path                      # the generation being written: write the declared files here
    data: "ExportData"                   # the triples, statements and document graphs, computed once
    previous: Path | None = None         # the generation in use, untouched since its build (or None)
    defer: Callable[[Callable[[], object]], object] | None = None   # run slow native work in a thread


@dataclass(frozen=True)
class Exporter:
    """A registered exporter: its format name, the files it writes, its function and options class."""
    format: str
    files: tuple[str, ...]
    write: Callable[..., object]
    options: type | None = None

    def run(self, job: ExportJob, options: object = None) -> object:
        """Call the exporter with the job and, when it declares an options class, only its options
        (its defaults when `options` is None).

        >>> import tempfile
        >>> from kg.export.rdf import ExportData
        >>> from kg.extract import extract_text
        >>> from kg.graph.merge import merge
        >>> g = merge([extract_text("浙江省嵊州市。")])
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     lookup(["html"])[0].run(ExportJob(g, Path(tmp), ExportData(g))).name
        'graph.html'
        """
        if self.options is None:
            return self.write(job)
        return self.write(job, options if options is not None else self.options())


_REGISTRY: dict[str, Exporter] = {}
_loaded = False


def exporter(format: str, *, files: Iterable[str], options: type | None = None) -> Callable:
    """Register the decorated function as the exporter of `format`, writing `files`.

    >>> import dataclasses
    >>> @dataclasses.dataclass(frozen=True)
    ... class CountOptions:
    ...     name: str = "count.txt"
    >>> @exporter("count-doctest", files=("count.txt",), options=CountOptions)
    ... def write_count(job, options):
    ...     return [job.directory / options.name]
    >>> lookup(["count-doctest"])[0].files
    ('count.txt',)
    >>> unregister("count-doctest")
    """
    if options is not None and not (dataclasses.is_dataclass(options) and options.__dataclass_params__.frozen):
        raise TypeError(f"exporter {format!r}: options must be a frozen dataclass, not {options!r}")

    def register(write: Callable[..., object]) -> Callable[..., object]:
        if format in _REGISTRY and _REGISTRY[format].write is not write:
            raise ValueError(f"export format {format!r} is registered twice")
        _REGISTRY[format] = Exporter(format, tuple(files), write, options)
        return write
    return register


def unregister(format: str) -> None:
    """Forget a registration (for tests and doctests).

    >>> exporter("gone-doctest", files=())(lambda job: None) and unregister("gone-doctest")
    >>> "gone-doctest" in registered()
    False
    """
    _REGISTRY.pop(format, None)


def registered() -> dict[str, Exporter]:
    """Every registered exporter by format, in the order they run (zhkg's own ones imported first).

    >>> list(registered())
    ['store', 'ttl', 'nt', 'trig', 'html']
    """
    global _loaded
    if not _loaded:
        for module in BUILTIN_MODULES:
            importlib.import_module(module)    # a missing module is an error, never a skipped format
        _loaded = True
    rank = {m: i for i, m in enumerate(BUILTIN_MODULES)}
    order = sorted(_REGISTRY.values(), key=lambda e: rank.get(e.write.__module__, len(rank)))   # stable
    return {e.format: e for e in order}


def lookup(formats: Iterable[str] | None = None) -> list[Exporter]:
    """The exporters of `formats` (None: every registered one), in their running order; FormatError
    (one line) for a format nobody registered or an empty choice.

    >>> [e.format for e in lookup(["html", "ttl"])]
    ['ttl', 'html']
    >>> lookup(["turtle"])
    Traceback (most recent call last):
    kg.export.registry.FormatError: unknown export format 'turtle'; expected some of store, ttl, nt, trig, html
    """
    known = registered()
    if formats is None:
        return list(known.values())
    asked = list(formats)
    for f in asked:
        if f not in known:
            raise FormatError(f"unknown export format {f!r}; expected some of {', '.join(known)}")
    if not asked:
        raise FormatError(f"no export format given; expected some of {', '.join(known)}")
    return [e for name, e in known.items() if name in asked]


def parse_formats(text: str) -> list[str]:
    """Format names from a comma-separated list, as `kg build --format` takes it; "all" is every one.

    >>> parse_formats("ttl, html"), parse_formats("all")[:2]
    (['ttl', 'html'], ['store', 'ttl'])
    """
    names = [n.strip() for n in text.split(",") if n.strip()]
    if names == ["all"]:
        return list(registered())
    lookup(names)
    return names


def resolve_options(chosen: list[Exporter], options: Mapping[str, Any] | None) -> dict[str, object]:
    """Each chosen exporter's options object, from `options` (format → its options object, or a dict
    of its option names); FormatError for options of a format not chosen or an option it lacks.

    >>> html = lookup(["html"])
    >>> resolve_options(html, {"html": {"max_nodes": 50}})["html"].max_nodes
    50
    >>> resolve_options(html, {"html": {"colour": "red"}})
    Traceback (most recent call last):
    kg.export.registry.FormatError: export format 'html' has no option 'colour'; its options: classes, predicates, min_degree, max_nodes, size_by, title
    """
    by_format = {e.format: e for e in chosen}
    out: dict[str, object] = {e.format: e.options() for e in chosen if e.options is not None}
    for name, given in (options or {}).items():
        e = by_format.get(name)
        if e is None or e.options is None:
            raise FormatError(f"options given for export format {name!r}, which "
                              + ("is not written" if e is None else "takes none"))
        if isinstance(given, e.options):
            out[name] = given
            continue
        fields = [f.name for f in dataclasses.fields(e.options)]
        for key in given:
            if key not in fields:
                raise FormatError(f"export format {name!r} has no option {key!r}; its options: {', '.join(fields)}")
        out[name] = e.options(**given)
    return out


def plain_options(options: Mapping[str, object]) -> list[tuple[str, list[tuple[str, object]]]] | None:
    """The options as sorted plain values, for the export key; None when one is not a plain value
    (it cannot be compared across runs).

    >>> plain_options({"html": resolve_options(lookup(["html"]), {"html": {"max_nodes": 9}})["html"]})[0][1][1]
    ('max_nodes', 9)
    """
    plain = (str, int, float, bool, type(None))
    out = []
    for name in sorted(options):
        items = sorted(dataclasses.asdict(options[name]).items())   # type: ignore[call-overload]
        for _, v in items:
            if not isinstance(v, plain) and not (isinstance(v, (tuple, frozenset)) and all(isinstance(x, plain) for x in v)):
                return None
        out.append((name, items))
    return out
