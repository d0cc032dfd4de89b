"""The build: read → normalise → sentences → recognise → resolve → relate, per document, then merge."""
from __future__ import annotations

import hashlib
import itertools
import os
import stat
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from kg.graph.knowledge_graph import KnowledgeGraph
from kg.graph.merge import Merge
from kg.paths import data_dir
from kg.budget import DEFAULT_MEMORY, DEFAULT_SECONDS, Budget, OverBudget, rss
from kg.records import Document, DocumentGraph, Entity, Evidence, Post, Relation, Sentence
from kg.text.inputs import Input, collect_inputs, read_document
from kg.text.read import DEFAULT_MAX_BYTES, InputError
from kg.text.sentences import split_sentences
from kg.terms import KGR_IRI

if TYPE_CHECKING:  # pragma: no cover
    from kg.cache import Cache
    from kg.extract.registry import Pipeline

ROOT = Path(__file__).resolve().parent.parent
#: A document longer than this many characters is extracted in pieces of about PIECE characters (see
#: `pieces`): some rules compare every mention of a paragraph or a document with every other, so one
#: 100,000-character line of repeated names took 14 CPU s and 137 MB, and issue 23's 50 MB line (17
#: million characters) was projected at hours. No real article comes near LONG (the corpus's longest:
#: 89,392 characters), so their graphs are unchanged.
LONG = 100_000
PIECE = 20_000
DEFAULT_CORPUS = ROOT / "data" / "corpus"


@dataclass(frozen=True)
class BuildOptions:
    """What a build passes to each worker with its inputs (and what per-document results depend on).

    >>> BuildOptions(jobs=2).pipeline is None     # None: the default pipeline
    True
    """
    jobs: int = 1
    base_iri: str = KGR_IRI
    min_confidence: float = 0.0
    user_dir: Path | None = None
    pipeline: "Pipeline | None" = None       # the extraction's components (kg.extract.registry.Pipeline)
    doc_seconds: float | None = DEFAULT_SECONDS   # per-document budget (kg.budget): time to read and extract
    doc_memory: int | None = DEFAULT_MEMORY       # … and growth of the worker's resident memory, in bytes


@dataclass
class BuildReport:
    """What a build did: the files built, the ones skipped (with the reason) and time per stage."""
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)   # of `built`, the inputs taken from the cache
    warnings: list[str] = field(default_factory=list)   # read with a repair (e.g. invalid bytes replaced)
    characters: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    # every input's cache key, the base IRI and the resources, as one hash; None when an input has no
    # key (read without the cache, an unreadable file). KnowledgeGraph.save keeps
    # exports written from the same build_key.
    build_key: str | None = None


def process_document(inp: Input, options: BuildOptions = BuildOptions()) -> DocumentGraph:
    """Everything for one document: a pure function of the input and the shared resources.
    Raises InputError when the input cannot be read.

    >>> from kg.text.inputs import Input
    >>> g = process_document(Input(str(ROOT / "data/corpus/002_2b029fc627423ae0.txt"), "002.txt", "002"))
    >>> g.document.id, any(e.key == "Locality/嵊州市" for e in g.entities)
    ('002', True)
    """
    label, g, err = process_documents([inp], options)[0]
    if g is None:
        raise InputError(err or label)
    return g


def process_documents(inputs: list[Input], options: BuildOptions = BuildOptions()
                      ) -> list[tuple[str, DocumentGraph | None, str | None]]:
    """Several documents at once, each result a pure function of its own input: (label, graph, None),
    or (label, None, the reason) for an input that cannot be read.

    The sentences of all of them are tagged in one call: the tagger shares a model call only
    between sentences of equal length, and across documents many more lengths repeat (600 synthetic
    documents: 23.4 CPU s one document at a time, 15.7 s in batches of 32, 14.0 s in batches of 128).
    A sentence's tags do not depend on the sentences tagged with it (checked on 5,958 sentences).

    >>> from kg.text.inputs import Input
    >>> [(label, g is None) for label, g, _ in process_documents([Input("no/such.txt", "such.txt", "x")])]
    [('no/such.txt', True)]
    """
    from kg.extract.recognise import tokenise

    read: list[tuple[int, Document, list[Sentence], dict[str, float], Budget]] = []
    out: dict[int, tuple[str, DocumentGraph | None, str | None]] = {}
    budgeted = options.doc_seconds is not None or options.doc_memory is not None
    for n, inp in enumerate(inputs):
        budget = Budget(_label(inp), options.doc_seconds, options.doc_memory)
        try:
            with budget.alarm():
                doc, sentences, timings = _read(inp)
            if len(doc.text) > LONG:   # extracted alone, in bounded pieces, the budget checked between them
                if budgeted:
                    _warm(options, budget)
                out[n] = (_label(inp), _in_pieces(doc, timings, options, budget), None)
                continue
        except (InputError, OverBudget) as e:
            out[n] = (_label(inp), None, str(e))
            continue
        read.append((n, doc, sentences, timings, budget))
    if read and budgeted:
        _warm(options, read[0][4])
    t0 = time.perf_counter()
    tokens = tokenise([s for _, _, sentences, _, _ in read for s in sentences])
    tagging = time.perf_counter() - t0
    chars = sum(len(doc.text) for _, doc, _, _, _ in read) or 1
    at = 0
    for n, doc, sentences, timings, budget in read:
        timings["tag"] = tagging * len(doc.text) / chars   # the batch's time, shared by length
        own = tokens[at:at + len(sentences)]
        at += len(sentences)
        try:
            with budget.alarm():
                g = _extracted(doc, sentences, own, timings, options)
        except OverBudget as e:
            out[n] = (_label(inputs[n]), None, str(e))
            continue
        out[n] = (_label(inputs[n]), replace(g, timings=tuple(timings.items())), None)
    return [out[n] for n in range(len(inputs))]


_WARM: set[tuple] = set()


def _warm(options: BuildOptions, budget: Budget) -> None:
    """Load what every extraction needs (division list, word table, lexicons, the tagger's model) once per
    process, after the first document is read (a file refused by its reader needs none of it) and
    outside any document's budget: a first document must not pay for them (12 s and more on a loaded
    machine) and be skipped for it. The memory they take is not counted against `budget` either."""
    key = (options.user_dir, options.pipeline)
    if key in _WARM:
        return
    doc = Document("warm-up", "warm-up", "浙江省嵊州市人民政府召开会议。")
    _extracted(doc, split_sentences(doc.text, doc.id), None, {}, replace(options, min_confidence=0.0))
    _WARM.add(key)
    budget.rss0 = max(budget.rss0, rss())


def _read(inp: Input) -> tuple[Document, list[Sentence], dict[str, float]]:
    """Read and normalise one input and split its sentences (InputError when it cannot be read)."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    doc = read_document(inp)
    timings["read+normalise"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    # a long document is split piece by piece (`_in_pieces`), never whole
    sentences = split_sentences(doc.text, doc.id) if len(doc.text) <= LONG else []
    timings["sentences"] = time.perf_counter() - t0
    return doc, sentences, timings


def _extracted(doc: Document, sentences: list[Sentence], tokens: list | None, timings: dict[str, float],
               options: BuildOptions) -> DocumentGraph:
    """One document's (or piece's) graph, filtered by the build's minimum confidence."""
    from kg.extract import extract
    g = extract(doc, sentences, timings=timings, user_dir=options.user_dir, tokens=tokens, pipeline=options.pipeline)
    if options.min_confidence > 0:
        from kg.extract import filter_confidence
        g = filter_confidence(g, options.min_confidence)
    return g


def pieces(text: str, size: int = 0) -> list[tuple[int, int]]:
    """A long text cut into consecutive spans of at most about `size` characters (default PIECE), each
    ending at a paragraph's end or, failing one in the last quarter of the span, a sentence's end
    (。！？；), else where the size runs out. The spans cover the text exactly.

    >>> pieces("甲乙。丙丁。\\n戊己。庚辛。", 8)
    [(0, 7), (7, 13)]
    >>> pieces("一二三四五六七八九十", 4)
    [(0, 4), (4, 8), (8, 10)]
    """
    size = size or PIECE
    out: list[tuple[int, int]] = []
    a = 0
    while len(text) - a > size:
        b = a + size
        cut = text.rfind("\n", b - size // 4, b)
        if cut < 0:
            cut = max(text.rfind(ch, b - size // 4, b) for ch in "。！？；")
        cut = cut + 1 if cut >= 0 else b
        out.append((a, cut))
        a = cut
    out.append((a, len(text)))
    return out


def _in_pieces(doc: Document, timings: dict[str, float], options: BuildOptions, budget: Budget) -> DocumentGraph:
    """A long document's graph: its text extracted piece by piece (each piece a document of its own,
    with the same id), the pieces' graphs joined with their offsets moved back into the whole text.
    Time and memory grow with the length, not its square; the budget is checked between pieces."""
    from kg.extract.recognise import tokenise

    parts: list[tuple[int, DocumentGraph]] = []
    for a, b in pieces(doc.text):
        budget.check()
        sub = replace(doc, text=doc.text[a:b], warnings=())
        with budget.alarm():
            sentences = split_sentences(sub.text, doc.id)
            t0 = time.perf_counter()
            tokens = tokenise(sentences)
            timings["tag"] = timings.get("tag", 0.0) + time.perf_counter() - t0
            own: dict[str, float] = {}
            g = _extracted(sub, sentences, tokens, own, options)
        for stage, sec in own.items():
            timings[stage] = timings.get(stage, 0.0) + sec
        parts.append((a, g))
    budget.check()
    return replace(join_pieces(doc, parts), timings=tuple(timings.items()))


def join_pieces(doc: Document, parts: list[tuple[int, DocumentGraph]]) -> DocumentGraph:
    """One graph of `doc` from its pieces' graphs, each with the offset its piece starts at in
    `doc.text`: entities merged by key (mentions added, aliases and attributes joined, the highest
    confidence), relations and posts with their evidence moved by the offset, co-occurrences added.

    >>> from kg.records import Entity, Evidence, Relation
    >>> e = Entity("Locality/嵊州市", "Locality", "嵊州市", mentions=1)
    >>> r = Relation(e.key, "partOf", "Locality/绍兴市", Evidence("d", "嵊州市。", 0, 3))
    >>> part = DocumentGraph(Document("d", "d.txt", "嵊州市。"), (e,), (r,), ())
    >>> g = join_pieces(Document("d", "d.txt", "嵊州市。嵊州市。"), [(0, part), (4, part)])
    >>> g.entities[0].mentions, [(x.evidence.start, x.evidence.end) for x in g.relations]
    (2, [(0, 3), (4, 7)])
    """
    entities: dict[str, Entity] = {}
    relations: list[Relation] = []
    posts: list[Post] = []
    cooc: dict[tuple[str, str], int] = {}
    for at, g in parts:
        for e in g.entities:
            first = entities.get(e.key)
            if first is None:
                entities[e.key] = e
                continue
            attrs = dict(first.attrs)
            attrs.update((n, v) for n, v in e.attrs if n not in attrs)
            entities[e.key] = replace(first, aliases=tuple(sorted(set(first.aliases) | set(e.aliases))),
                                      mentions=first.mentions + e.mentions,
                                      confidence=max(first.confidence, e.confidence), attrs=tuple(attrs.items()))
        relations.extend(replace(r, evidence=_moved(r.evidence, at)) for r in g.relations)
        posts.extend(replace(p, evidence=_moved(p.evidence, at)) for p in g.posts)
        for x, y, w in g.cooccurrences:
            cooc[(x, y)] = cooc.get((x, y), 0) + w
    return DocumentGraph(doc, tuple(entities.values()), tuple(relations), tuple(posts),
                         tuple((x, y, w) for (x, y), w in sorted(cooc.items())))


def _moved(ev: Evidence, at: int) -> Evidence:
    return replace(ev, start=ev.start + at, end=ev.end + at) if at else ev


def _worker(args: tuple[list[Input], BuildOptions]) -> list[tuple[str, DocumentGraph | None, str | None]]:
    inputs, options = args
    return process_documents(inputs, options)


def batches(items: list[Input], sizes: list[int], workers: int, most: int = 128, least: int = 16,
            most_bytes: int = 1 << 20) -> list[list[Input]]:
    """Consecutive inputs grouped for process_documents, at most `most` documents and about
    `most_bytes` of input each. With several workers the batches shrink as the work runs out (each
    about a quarter of what is left per worker, down to `least`), so no worker is left with a big
    batch while the others idle at the end.

    >>> [len(b) for b in batches(list(range(300)), [10] * 300, 1)]
    [128, 128, 44]
    >>> [len(b) for b in batches(list(range(300)), [10] * 300, 2)][:4]
    [38, 33, 29, 25]
    """
    out: list[list[Input]] = []
    size = 0
    left = len(items)
    per = most
    for inp, b in zip(items, sizes):
        if not out or len(out[-1]) >= per or (size + b > most_bytes and out[-1]):
            out.append([])
            size = 0
            if workers > 1:
                per = max(1, min(most, max(least, -(-left // (4 * workers))), -(-left // workers)))
        out[-1].append(inp)
        size += b
        left -= 1
    return out


def _label(inp: Input) -> str:
    """How BuildReport names an input: the file as found (and the line of a JSON Lines record)."""
    return f"{inp.path}#{inp.line}" if inp.line else inp.path


@dataclass(frozen=True)
class Progress:
    """How far a build is, passed to the `progress` callback after each document (and once at 0)."""
    done: int            # inputs finished (built, skipped or taken from the cache)
    total: int
    characters: int      # normalised characters of the documents built so far
    bytes_done: int      # input bytes finished, against bytes_total: the measure of time left
    bytes_total: int
    cached: int          # of `done`, how many came from the cache
    seconds: float


def build(paths: Iterable[str | Path] | None = None, *, jobs: int = 1, base_iri: str = KGR_IRI,
          min_confidence: float = 0.0, user_dir: str | Path | None = None,
          report: BuildReport | None = None, on_skip: Callable[[str], None] | None = None,
          progress: Callable[[Progress], None] | None = None, cache: bool | str | Path = True,
          dask: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
          on_warning: Callable[[str], None] | None = None, pipeline: "Pipeline | None" = None,
          follow_links: bool = False, doc_seconds: float | None = DEFAULT_SECONDS,
          doc_memory: int | None = DEFAULT_MEMORY) -> KnowledgeGraph:
    """Build a KnowledgeGraph from files and folders (default: the shipped corpus).

    Formats by extension: .txt .md .html .htm .pdf .docx .jsonl (docs/inputs.md); `max_bytes`
    limits each document's size.

    A file that cannot be read is skipped and reported through `on_skip` (and `report.skipped`);
    when no file can be built at all, InputError is raised. `progress` is called with a
    :class:`Progress` as documents finish. Each document's extraction is cached (`cache`: True for
    the platform's cache folder, a folder, or False for none). `dask` runs the extraction on a Dask
    cluster: a scheduler's address, or "local" for a local cluster of `jobs` workers. `pipeline`
    names the extraction's components (kg.extract.registry.Pipeline; None: the default ones). A symbolic
    link inside a folder that leads outside it is skipped unless `follow_links`. Each document may take
    `doc_seconds` to read and extract and add `doc_memory` bytes to its worker's resident memory (None: no
    limit); past either it is skipped with a one-line reason (kg.budget).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "a.txt").write_text("浙江省嵊州市召开会议。", encoding="utf-8")
    ...     g = build([d], cache=False)
    >>> g.resolve("嵊州").label
    '嵊州市'
    """
    t_start = time.perf_counter()
    report = report if report is not None else BuildReport()
    given = [Path(p) for p in paths] if paths else [DEFAULT_CORPUS]
    inputs, errors = collect_inputs(given, max_bytes, follow_links=follow_links)
    col = _Collector(report, Merge(base_iri), t_start, on_skip, on_warning, progress)
    for e in errors:
        col.skipped(e)
    if user_dir is None and (data_dir() / "user").is_dir():
        user_dir = data_dir() / "user"
    options = BuildOptions(jobs=jobs, base_iri=base_iri, min_confidence=min_confidence,
                           user_dir=Path(user_dir) if user_dir else None, pipeline=pipeline,
                           doc_seconds=doc_seconds, doc_memory=doc_memory)
    col.start({_label(inp): _size(Path(inp.path)) if not inp.line else 0 for inp in inputs})
    look = _CacheLookup.open(cache, options) if cache is not False else None
    work, hits = look.split(inputs) if look is not None else (list(inputs), [])
    _extract_and_merge(work, hits, look, col, options, dask)
    if look is not None and len(look.keys) == len(inputs):
        report.build_key = look.build_key(base_iri)
    if not report.built:
        # what on_skip was told is not repeated: a CLI prints each skip once
        n = len(report.skipped)
        raise InputError("no input could be built: " + (
            "no files given" if not n else f"{n} input{'s' if n > 1 else ''} skipped" if on_skip
            else "; ".join(report.skipped)))
    return _finish(col, user_dir)


@dataclass
class _Collector:
    """What a build gathers as documents finish: the streaming merge, the report and the progress shown."""
    report: BuildReport
    merger: Merge
    t_start: float
    on_skip: Callable[[str], None] | None = None
    on_warning: Callable[[str], None] | None = None
    progress: Callable[[Progress], None] | None = None
    sizes: dict[str, int] = field(default_factory=dict)   # input bytes by label (0 for a JSON Lines record)
    state: Progress | None = None

    def start(self, sizes: dict[str, int]) -> None:
        """The inputs are known: progress at 0 of them."""
        self.sizes = sizes
        self.state = Progress(0, len(sizes), 0, 0, sum(sizes.values()), 0, 0.0)
        if self.progress:
            self.progress(self.state)

    def skipped(self, msg: str) -> None:
        """An input that cannot be built: reported, the build goes on."""
        self.report.skipped.append(msg)
        if self.on_skip:
            self.on_skip(msg)

    def advance(self, path: str, chars: int, hit: bool) -> None:
        """One more input finished (built, skipped or taken from the cache)."""
        s = self.state
        self.state = replace(s, done=s.done + 1, characters=s.characters + chars,
                             bytes_done=s.bytes_done + self.sizes.get(path, 0), cached=s.cached + hit,
                             seconds=time.perf_counter() - self.t_start)
        if self.progress:
            self.progress(self.state)

    def take(self, path: str, g: DocumentGraph, hit: bool) -> None:
        """Merge one document's graph (`hit`: from the cache) and count it in the report."""
        report = self.report
        t0 = time.perf_counter()
        self.merger.add(g)
        report.stages["merge"] = report.stages.get("merge", 0.0) + time.perf_counter() - t0
        report.built.append(path)
        for w in g.document.warnings:
            report.warnings.append(w)
            if self.on_warning:
                self.on_warning(w)
        report.characters += len(g.document.text)
        if not hit:
            for stage, sec in g.timings:
                report.stages[stage] = report.stages.get(stage, 0.0) + sec
        self.advance(path, len(g.document.text), hit)


@dataclass
class _CacheLookup:
    """The build's cache: its store, the fingerprint of everything but the inputs, each input's key."""
    store: "Cache"
    fingerprint: str
    t0: float                                              # when the lookup began (the "cache" stage)
    keys: dict[str, str] = field(default_factory=dict)     # label → key, for the inputs that have one

    @classmethod
    def open(cls, cache: bool | str | Path, options: BuildOptions) -> "_CacheLookup":
        """The store `cache` names (True: the platform's cache folder) and the build's fingerprint."""
        from kg.cache import Cache, resources_fingerprint
        t0 = time.perf_counter()
        store = Cache(None if cache is True else cache)
        return cls(store, resources_fingerprint(options.user_dir, options.min_confidence, options.pipeline), t0)

    def split(self, inputs: list[Input]) -> tuple[list[Input], list[tuple[Input, str]]]:
        """The inputs to extract, and the ones the cache has (with their key)."""
        from kg.cache import document_key
        work: list[Input] = []
        hits: list[tuple[Input, str]] = []
        for inp in inputs:
            k = None
            if inp.digest:   # a JSON Lines record: keyed by its own line's bytes (kg.text.inputs), not its archive's
                self.keys[_label(inp)] = k = hashlib.sha256(
                    f"{self.fingerprint}\0{inp.path}\0{inp.source}\0{inp.id}\0{inp.max_bytes}\0{inp.digest}".encode()
                ).hexdigest()
            # only whole regular files within the limit: hashing must not open a FIFO or read a device
            elif not inp.line and _regular_within(Path(inp.path), inp.max_bytes):
                try:
                    self.keys[_label(inp)] = k = document_key(self.fingerprint, Path(inp.path),
                                                             f"{inp.source}\0{inp.id}\0{inp.max_bytes}")
                except OSError:   # unreadable: the worker reports it with the reader's message
                    k = None
            if k and self.store.has(k):
                hits.append((inp, k))
                continue
            work.append(inp)
        return work, hits

    def build_key(self, base_iri: str) -> str:
        """The build's key (kg.cache.build_key) from every input's key."""
        from kg.cache import build_key
        return build_key(self.fingerprint, base_iri, self.keys)


def _extract_and_merge(work: list[Input], hits: list[tuple[Input, str]], look: _CacheLookup | None,
                       col: _Collector, options: BuildOptions, dask: str | None) -> None:
    """Extract `work` on workers while the cached `hits` are merged, then merge what the workers return
    (storing it in the cache). A cached entry found damaged is extracted after the rest."""
    from kg.executors import InProcess, executor
    pool = None

    def extract(items: list[Input]) -> Iterable[tuple[str, DocumentGraph | None, str | None]]:
        """Start extracting `items` now (on workers, the first batches are submitted at once)."""
        nonlocal pool
        if pool is None:
            # with cached documents to merge meanwhile, even one job runs in a worker process beside
            pool = executor(options.jobs, dask, len(items), beside=bool(hits))
        groups = batches(items, [col.sizes[_label(inp)] for inp in items], pool.workers)
        return (r for rs in pool.map_unordered(_worker, [(g, options) for g in groups]) for r in rs)
    try:
        results = extract(work) if work else iter(())
        late = _merge_cached(hits, look, col) if look is not None else []
        if look is not None:
            col.report.stages["cache"] = time.perf_counter() - look.t0
        if late:
            results = itertools.chain(results, extract(late))
        if pool is not None and not isinstance(pool, InProcess):
            _prepare()   # this process would only wait for the workers' first results
        _merge_extracted(results, look, col)
    finally:
        if pool is not None:
            pool.close()
        if look is not None:
            look.store.close()


def _merge_cached(hits: list[tuple[Input, str]], look: _CacheLookup, col: _Collector) -> list[Input]:
    """Merge the cached documents; returns the ones whose entry was damaged since it was found."""
    late = []
    for inp, k in hits:   # merged here while the workers extract the rest
        g = look.store.get(k, inp.id)
        if g is None:     # damaged since it was found: extracted again
            late.append(inp)
            continue
        col.report.cached.append(_label(inp))
        col.take(_label(inp), g, True)
    return late


def _merge_extracted(results: Iterable[tuple[str, DocumentGraph | None, str | None]], look: _CacheLookup | None,
                     col: _Collector) -> None:
    """Merge the workers' results as they come (each stored in the cache), skipping the unreadable inputs."""
    for path, g, err in results:
        if g is None:
            col.skipped(err or path)
            col.advance(path, 0, False)
            continue
        if look is not None and path in look.keys:
            look.store.put(look.keys[path], g)
        col.take(path, g, False)


def _finish(col: _Collector, user_dir: str | Path | None) -> KnowledgeGraph:
    """The merged graph, its short names merged and its place hierarchy completed; the report's times."""
    report = col.report
    t0 = time.perf_counter()
    from kg.graph.ground import complete_hierarchy, merge_short_names
    kg = col.merger.finish()
    merge_short_names(kg, user_dir)
    report.stages["merge"] = report.stages.get("merge", 0.0) + time.perf_counter() - t0
    t0 = time.perf_counter()
    complete_hierarchy(kg)
    report.stages["ground"] = time.perf_counter() - t0
    report.built.sort()
    report.seconds = time.perf_counter() - col.t_start
    return kg


def _prepare() -> None:
    """Load what the grounding and the exports will need (the division list, the exporters' modules)
    while the workers extract: an incremental build's merge of the cached documents is done before
    its one new document is, and this would otherwise wait."""
    try:
        from kg.extract.divisions import divisions
        divisions()
        from kg.export.registry import registered
        registered()     # imports every exporter's module
    except Exception:   # only a head start: the grounding and the exports report their own errors
        pass


def _regular_within(p: Path, max_bytes: int) -> bool:
    try:
        st = os.stat(p)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size <= max_bytes


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0
