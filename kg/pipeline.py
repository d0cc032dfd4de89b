"""The build: read → normalise → sentences → recognise → resolve → relate, per document, then merge."""
from __future__ import annotations

import hashlib
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from kg.graph.knowledge_graph import KnowledgeGraph
from kg.graph.merge import Merge
from kg.records import Document, DocumentGraph
from kg.text.normalise import normalise
from kg.text.read import InputError, collect, read_text
from kg.text.sentences import split_sentences
from kg.vocab import KGR_IRI

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "data" / "corpus"


@dataclass(frozen=True)
class BuildOptions:
    jobs: int = 1
    base_iri: str = KGR_IRI
    min_confidence: float = 0.0
    user_dir: Path | None = None


@dataclass
class BuildReport:
    """What a build did: the files built, the ones skipped (with the reason) and time per stage."""
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    characters: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)


def document_id(path: Path) -> str:
    stem = path.stem
    if re.fullmatch(r"[A-Za-z0-9_.\-]{1,80}", stem):
        return stem
    return "d" + hashlib.sha1(path.name.encode("utf-8")).hexdigest()[:16]


def title_of(paragraphs: Iterable[str]) -> str | None:
    for p in paragraphs:
        p = p.strip()
        if 4 <= len(p) <= 60 and not p.endswith(("。", "；")):
            return p
    return None


def read_document(path: Path, source: str | None = None) -> Document:
    t0 = time.perf_counter()
    raw, _ = read_text(path)
    n = normalise(raw)
    if not n.text.strip():
        raise InputError(f"{path}: no text left after normalisation")
    return Document(document_id(path), source or str(path), n.text, title_of(n.paragraphs), len(raw))


def process_document(path: Path, source: str | None = None, options: BuildOptions = BuildOptions()) -> DocumentGraph:
    """Everything for one document: a pure function of the file and the shared resources."""
    from kg.extract import extract

    timings = {}
    t0 = time.perf_counter()
    doc = read_document(path, source)
    timings["read+normalise"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    sentences = split_sentences(doc.text, doc.id)
    timings["sentences"] = time.perf_counter() - t0
    g = extract(doc, sentences, timings=timings, user_dir=options.user_dir)
    if options.min_confidence > 0:
        from kg.extract import filter_confidence
        g = filter_confidence(g, options.min_confidence)
    return replace(g, timings=tuple(timings.items()))


def _worker(args: tuple[str, str, BuildOptions]) -> tuple[str, DocumentGraph | None, str | None]:
    path, source, options = args
    try:
        return path, process_document(Path(path), source, options), None
    except InputError as e:
        return path, None, str(e)


def build(paths: Iterable[str | Path] | None = None, *, jobs: int = 1, base_iri: str = KGR_IRI,
          min_confidence: float = 0.0, user_dir: str | Path | None = None,
          report: BuildReport | None = None, on_skip: Callable[[str], None] | None = None) -> KnowledgeGraph:
    """Build a KnowledgeGraph from .txt files and folders (default: the shipped corpus).

    A file that cannot be read is skipped and reported through `on_skip` (and `report.skipped`);
    when no file can be built at all, InputError is raised.
    """
    t_start = time.perf_counter()
    report = report if report is not None else BuildReport()
    given = [Path(p) for p in paths] if paths else [DEFAULT_CORPUS]
    files, errors = collect(given)
    for e in errors:
        report.skipped.append(e)
        if on_skip:
            on_skip(e)
    if user_dir is None and (ROOT / "data" / "user").is_dir():
        user_dir = ROOT / "data" / "user"
    options = BuildOptions(jobs=jobs, base_iri=base_iri, min_confidence=min_confidence,
                           user_dir=Path(user_dir) if user_dir else None)
    work = [(str(f), str(f), options) for f in files]
    merger = Merge(base_iri)
    if jobs > 1 and len(work) > 1:
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(work), os.cpu_count() or 1))
        outcomes: Iterable = pool.map(_worker, work)
    else:
        pool = None
        outcomes = map(_worker, work)
    try:
        for path, g, err in outcomes:
            if g is None:
                report.skipped.append(err or path)
                if on_skip:
                    on_skip(err or path)
                continue
            t0 = time.perf_counter()
            merger.add(g)
            report.stages["merge"] = report.stages.get("merge", 0.0) + time.perf_counter() - t0
            report.built.append(path)
            report.characters += len(g.document.text)
            for stage, sec in g.timings:
                report.stages[stage] = report.stages.get(stage, 0.0) + sec
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if not report.built:
        raise InputError("no input could be built: " + ("; ".join(report.skipped) or "no .txt files given"))
    t0 = time.perf_counter()
    from kg.extract.ground import complete_hierarchy, merge_short_names
    kg = merger.finish()
    merge_short_names(kg, user_dir)
    report.stages["merge"] += time.perf_counter() - t0
    t0 = time.perf_counter()
    complete_hierarchy(kg)
    report.stages["ground"] = time.perf_counter() - t0
    report.seconds = time.perf_counter() - t_start
    return kg
