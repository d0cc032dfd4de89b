"""Open a graph for querying with either engine: a KnowledgeGraph, an export folder, a store or a file."""
from __future__ import annotations

import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Protocol

from kg.generations import resolve_export
from kg.query.errors import GraphNotFound, QueryError, ResultTooLarge
from kg.query.results import QueryResult, Term
from kg.query.store import STORE_DIR, is_store, open_store
from kg.terms import PREFIXES

ENGINES = ("oxigraph", "rdflib")
XSD_STRING = PREFIXES["xsd"] + "string"
FILE_FORMATS = {".trig": "application/trig", ".nq": "application/n-quads", ".nt": "application/n-triples",
                ".ttl": "text/turtle"}
#: Files of an export folder each engine reads, best first (Oxigraph prefers store/ to all of them).
FOLDER_FILES = ("graph.trig", "graph.nq", "graph.nt", "graph.ttl")
HINT = "run `kg build` first, or pass -g an export folder, a store folder or a .ttl/.nt/.trig/.nq file"


@dataclass(frozen=True)
class Location:
    """Where a graph lives on disk: an Oxigraph store folder, or an RDF file with its media type."""
    kind: str          # "store" or "file"
    path: Path
    media_type: str = ""


def locate(path: str | Path, engine: str = "oxigraph") -> Location:
    """Resolve an export folder, a store folder or a graph file to what `engine` should read."""
    given = Path(path)
    if not given.exists():
        raise GraphNotFound(f"no graph at {given}: {HINT}")
    # one build's files only: the export folder's current generation, links resolved once
    p = resolve_export(given).resolve() if given.is_dir() else given
    if p.is_dir():
        if is_store(p):
            return Location("store", p)
        if engine == "oxigraph" and is_store(p / STORE_DIR):
            return Location("store", p / STORE_DIR)
        for name in FOLDER_FILES:
            if (p / name).is_file():
                return Location("file", p / name, FILE_FORMATS[Path(name).suffix])
        if is_store(p / STORE_DIR):  # rdflib reads a store only when nothing else is there
            return Location("store", p / STORE_DIR)
        raise GraphNotFound(f"no graph in {given}/: {HINT}")
    if p.suffix not in FILE_FORMATS:
        raise GraphNotFound(f"{p}: unknown graph format {p.suffix!r}; use .ttl, .nt, .trig or .nq")
    return Location("file", p.resolve(), FILE_FORMATS[p.suffix])


class Dataset(Protocol):
    engine: str
    name: str

    def query(self, query: str, *, max_rows: int | None = None, max_bytes: int | None = None,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None) -> QueryResult: ...


# ---- Oxigraph ---------------------------------------------------------------------------------
def _ox_term(t: Any) -> Term:
    import pyoxigraph as ox
    if isinstance(t, ox.NamedNode):
        return Term("uri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    if isinstance(t, ox.Literal):
        lang = t.language
        dt = None if lang or t.datatype.value == XSD_STRING else t.datatype.value
        return Term("literal", t.value, dt, lang)
    return Term("triple", str(t))


def _limit(items: Iterable[Any], max_rows: int | None, noun: str, max_bytes: int | None = None,
           size: Any = None) -> list[Any]:
    """The items, read one at a time and stopped as soon as there are too many rows or bytes, so a
    huge result is refused before it is held in memory."""
    out = []
    total = 0
    for item in items:
        out.append(item)
        if max_rows is not None and len(out) > max_rows:
            raise ResultTooLarge(f"the result has more than {max_rows:,} {noun}, the limit here; add a LIMIT to the query")
        if max_bytes is not None:
            total += size(item)
            if total > max_bytes:
                raise ResultTooLarge(f"the result is larger than {max_bytes:,} bytes, the limit here; "
                                     "add a LIMIT to the query or select fewer or shorter values")
    return out


def _ox_size(item: Any) -> int:
    # N-Triples form of each term: close to (and at most a few bytes under) what any format writes
    if hasattr(item, "subject"):
        return len(str(item).encode("utf-8"))
    return sum(len(str(t).encode("utf-8")) + 2 for t in item)


def _rdflib_size(item: Any) -> int:
    terms = item if isinstance(item, tuple) else tuple(item)
    return sum(len(t.n3().encode("utf-8")) + 2 for t in terms if t is not None)


class OxigraphDataset:
    """A pyoxigraph Store (in memory, or on disk opened read-only)."""
    engine = "oxigraph"

    def __init__(self, store: Any, name: str = "") -> None:
        self.store = store
        self.name = name

    def query(self, query: str, *, max_rows: int | None = None, max_bytes: int | None = None,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None) -> QueryResult:
        import pyoxigraph as ox
        kw: dict[str, Any] = {"prefixes": dict(PREFIXES)}
        if default_graph:
            kw["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs:
            kw["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        r = self.store.query(query, **kw)
        if isinstance(r, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(r), engine=self.engine)
        if isinstance(r, ox.QuerySolutions):
            names = tuple(v.value for v in r.variables)
            idx = range(len(names))
            rows = _limit(r, max_rows, "rows", max_bytes, _ox_size)
            return QueryResult("select", names, tuple(tuple(None if (t := sol[i]) is None else _ox_term(t)
                                                            for i in idx) for sol in rows), engine=self.engine)
        triples = _limit(r, max_rows, "triples", max_bytes, _ox_size)
        return QueryResult("graph", triples=tuple(sorted({(_ox_term(t.subject), _ox_term(t.predicate), _ox_term(t.object))
                                                          for t in triples})), engine=self.engine)


# ---- rdflib -------------------------------------------------------------------------------------
def _rdflib_term(t: Any) -> Term:
    from rdflib import BNode, Literal, URIRef
    if isinstance(t, URIRef):
        return Term("uri", str(t))
    if isinstance(t, BNode):
        return Term("bnode", str(t))
    if isinstance(t, Literal):
        dt = None if t.language or t.datatype is None or str(t.datatype) == XSD_STRING else str(t.datatype)
        return Term("literal", str(t), dt, t.language)
    return Term("triple", t.n3())


_RDFLIB_LOCK = threading.Lock()


class RdflibDataset:
    """An rdflib Dataset; queries see its default graph, and GRAPH reaches the named graphs."""
    engine = "rdflib"

    def __init__(self, ds: Any, name: str = "") -> None:
        self.ds = ds
        self.name = name

    def query(self, query: str, *, max_rows: int | None = None, max_bytes: int | None = None,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None) -> QueryResult:
        import rdflib.plugins.sparql as rsparql
        if default_graph or named_graphs:
            raise QueryError("default-graph-uri and named-graph-uri are supported by the oxigraph engine only")
        # rdflib would otherwise fetch FROM <url> over the network: queries stay on the local graph
        rsparql.SPARQL_LOAD_GRAPHS = False
        # rdflib's evaluator is not documented as thread-safe; its own calls to its deprecated names
        # warn once per triple, which costs more than the query when warnings are recorded
        with _RDFLIB_LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            r = self.ds.query(query, initNs=dict(PREFIXES))
            if r.type == "ASK":
                return QueryResult("ask", boolean=bool(r.askAnswer), engine=self.engine)
            if r.type == "SELECT":
                names = tuple(str(v) for v in r.vars)
                rows = _limit(r, max_rows, "rows", max_bytes, _rdflib_size)
                return QueryResult("select", names, tuple(tuple(None if t is None else _rdflib_term(t) for t in row)
                                                          for row in rows), engine=self.engine)
            triples = _limit(r.graph, max_rows, "triples", max_bytes, _rdflib_size)
        return QueryResult("graph", triples=tuple(sorted({(_rdflib_term(s), _rdflib_term(p), _rdflib_term(o))
                                                          for s, p, o in triples})), engine=self.engine)


# ---- opening ------------------------------------------------------------------------------------
def _ox_from(loc: Location) -> OxigraphDataset:
    import pyoxigraph as ox
    if loc.kind == "store":
        return OxigraphDataset(open_store(loc.path), str(loc.path))
    store = ox.Store()
    try:
        store.bulk_load(path=str(loc.path), format=ox.RdfFormat.from_media_type(loc.media_type))
    except (SyntaxError, ValueError) as e:
        raise GraphNotFound(f"{loc.path}: not readable as RDF: {e}") from None
    return OxigraphDataset(store, str(loc.path))


def _rdflib_from(loc: Location) -> RdflibDataset:
    import pyoxigraph as ox
    import rdflib
    ds = rdflib.Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        _rdflib_parse(ds, loc)
    return RdflibDataset(ds, str(loc.path))


def _rdflib_parse(ds: Any, loc: Location) -> None:
    import pyoxigraph as ox
    if loc.kind == "store":
        data = open_store(loc.path).dump(format=ox.RdfFormat.N_QUADS)
        ds.parse(data=data.decode("utf-8"), format="nquads")
    else:
        fmt = {"application/trig": "trig", "application/n-quads": "nquads", "application/n-triples": "nt",
               "text/turtle": "turtle"}[loc.media_type]
        try:
            ds.parse(str(loc.path), format=fmt)
        except Exception as e:  # rdflib's parsers raise many unrelated types
            raise GraphNotFound(f"{loc.path}: not readable as RDF: {e}") from None


def from_nquads(nquads: str, engine: str, name: str = "") -> Dataset:
    """A dataset in memory holding `nquads`."""
    if engine == "oxigraph":
        import pyoxigraph as ox
        store = ox.Store()
        store.bulk_load(input=nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        return OxigraphDataset(store, name)
    import rdflib
    ds = rdflib.Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=nquads, format="nquads")
    return RdflibDataset(ds, name)


_CACHE: OrderedDict[tuple, Dataset] = OrderedDict()
_CACHE_SIZE = 4
_CACHE_LOCK = threading.Lock()


def _signature(loc: Location) -> tuple:
    # a rebuild replaces the file or the store folder, which changes inode or mtime
    probe = loc.path / "CURRENT" if loc.kind == "store" else loc.path
    st = probe.stat()
    return (str(loc.path.resolve()), st.st_ino, st.st_mtime_ns, st.st_size)


def open_dataset(source: Any, engine: str = "oxigraph") -> Dataset:
    """A queryable dataset for `source`: KnowledgeGraph, path, pyoxigraph.Store, rdflib Graph or a Dataset.

    Paths are opened once and cached (a rebuilt graph is noticed and reopened).
    """
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}; use {' or '.join(ENGINES)}")
    if isinstance(source, (OxigraphDataset, RdflibDataset)):
        if source.engine != engine:
            raise QueryError(f"this dataset is opened with {source.engine}, not {engine}")
        return source
    from kg.graph.knowledge_graph import KnowledgeGraph
    if isinstance(source, KnowledgeGraph):
        return _for_graph(source, engine)
    if isinstance(source, (str, Path)):
        loc = locate(source, engine)
        key = (engine, *_signature(loc))
        with _CACHE_LOCK:
            if key in _CACHE:
                _CACHE.move_to_end(key)
                return _CACHE[key]
        ds = _ox_from(loc) if engine == "oxigraph" else _rdflib_from(loc)
        with _CACHE_LOCK:
            _CACHE[key] = ds
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
        return ds
    import pyoxigraph as ox
    import rdflib
    if isinstance(source, ox.Store) and engine == "oxigraph":
        return OxigraphDataset(source)
    if isinstance(source, rdflib.Graph) and engine == "rdflib":
        return RdflibDataset(source)
    raise QueryError(f"cannot query a {type(source).__name__} with the {engine} engine")


def _for_graph(g: Any, engine: str) -> Dataset:
    # KnowledgeGraph._store is reset whenever the graph changes, so the cache cannot go stale
    if not isinstance(g._store, dict):
        g._store = {}
    if engine not in g._store:
        from kg.export.trig import to_nquads
        g._store[engine] = from_nquads(to_nquads(g), engine, repr(g))
    return g._store[engine]
