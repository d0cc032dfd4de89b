"""`kg build`: corpus → exports."""
from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from kg.cli import CliError, printable

if TYPE_CHECKING:  # pragma: no cover
    from kg.export import Written
    from kg.pipeline import BuildReport


def register(sub: argparse._SubParsersAction) -> None:
    """Add `kg build` and its options to the subcommands `sub`.

    >>> p = argparse.ArgumentParser(prog="kg"); register(p.add_subparsers())
    >>> a = p.parse_args(["build", "in/", "-j", "2"]); a.paths, a.jobs, a.rules
    (['in/'], 2, False)
    """
    p = sub.add_parser("build", help="build the graph from files and folders (.txt .md .html .pdf .docx .jsonl)",
                       description="Build the knowledge graph and write graph.ttl, graph.nt (and the other exports) into DIR.",
                       epilog="example: kg build data/corpus/ -o exports/ -j 2",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", help="files or folders: .txt .md .html .htm .pdf .docx .jsonl (default: data/corpus/)")
    p.add_argument("-o", "--output", default="exports", metavar="DIR", help="export folder (default: exports/)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="documents processed in N processes")
    p.add_argument("--base-iri", default=None, metavar="IRI", help="base IRI of entities (default https://w3id.org/zhkg/id/)")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X", help="drop relations below this confidence")
    p.add_argument("--report", nargs="?", const="report.md", default=None, metavar="FILE",
                   help="also write an error report (report.md, or FILE .md/.html) into the export folder")
    p.add_argument("--user", default=None, metavar="DIR",
                   help="folder of user corrections (names.txt, blocked.txt; default data/user/)")
    p.add_argument("--no-cache", action="store_true",
                   help="extract every document again and leave the cache alone (see `kg cache info`)")
    p.add_argument("--dask", default=None, metavar="ADDRESS",
                   help="run the extraction on a Dask cluster: a scheduler (tcp://host:8786) or 'local'")
    p.add_argument("--max-size", type=float, default=64, metavar="MB",
                   help="skip a document larger than this many megabytes (default 64)")
    p.add_argument("--doc-time", type=float, default=30, metavar="S",
                   help="skip a document whose reading and extraction take more than S CPU seconds (default 30; 0: no limit)")
    p.add_argument("--doc-memory", type=float, default=512, metavar="MB",
                   help="skip a document whose extraction adds more than MB megabytes of memory (default 512; 0: no limit)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors (no progress either)")
    p.add_argument("--format", default="all", metavar="LIST",
                   help="export formats to write, comma-separated, e.g. ttl,html (default: all = store,ttl,nt,trig,html)")
    p.add_argument("--wait", action="store_true",
                   help="if another build is writing into DIR, wait for it to finish (default: exit at once)")
    p.add_argument("--follow-links", action="store_true",
                   help="read symbolic links in an input folder that lead outside it (skipped by default)")
    p.add_argument("--rules", action="store_true",
                   help="list every registered extraction component (kind, name, summary, data files) and exit")
    p.set_defaults(func=run)


def rule_line(c) -> str:
    """One component as `kg build --rules` lists it: kind, name, summary and data files, TAB-separated
    (control characters escaped; "-" for an empty field).

    >>> from kg.extract.registry import component
    >>> @component("recogniser", "example", data=("lexicon/titles.txt",), register=False)
    ... def example(ctx):
    ...     '''Finds nothing.'''
    ...     return []
    >>> rule_line(example.component).split("\\t")
    ['recogniser', 'example', 'Finds nothing.', 'lexicon/titles.txt']
    """
    return "\t".join(printable(f) for f in (c.kind, c.name, c.summary or "-", ", ".join(c.data) or "-"))


def print_rules() -> int:
    """`kg build --rules`: every registered component (kg.extract.registry.registered()), one a line; 0.

    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = print_rules()
    >>> status, all(len(line.split("\\t")) == 4 for line in out.getvalue().splitlines())
    (0, True)
    """
    from kg.extract.registry import registered

    for c in registered():
        sys.stdout.write(rule_line(c) + "\n")
    return 0


def _checked_base(a: argparse.Namespace) -> str:
    """The options checked before anything is built (CliError names the first bad one); the base IRI."""
    from kg.terms import KGR_IRI

    if a.jobs < 1:
        raise CliError("-j must be 1 or more")
    if not 0.0 <= a.min_confidence <= 1.0:
        raise CliError("--min-confidence must be between 0 and 1")
    base = a.base_iri or KGR_IRI
    from kg.iri import BadIRI, check_base_iri
    try:
        check_base_iri(base)
    except BadIRI as e:
        raise CliError(f"--base-iri {e}") from None
    if not (a.doc_time >= 0 and a.doc_memory >= 0):
        raise CliError("--doc-time and --doc-memory must be 0 (no limit) or positive")
    if not a.max_size > 0:
        raise CliError("--max-size must be a positive number of megabytes")
    if a.report and (Path(a.report).is_absolute() or ".." in Path(a.report).parts):
        raise CliError(f"--report {a.report}: the report is written inside the export folder; "
                       "give a file name or a path under it", 2)
    if a.report and Path(a.report).suffix not in (".md", ".html"):
        raise CliError(f"--report {a.report}: the report is .md or .html", 2)   # before anything is built
    return base


def run(a: argparse.Namespace) -> int:
    """Run `kg build` with the parsed options `a`; the exit code (CliError for a bad option or input).

    >>> import contextlib, io
    >>> p = argparse.ArgumentParser(prog="kg"); register(p.add_subparsers())
    >>> with contextlib.redirect_stdout(io.StringIO()):
    ...     status = run(p.parse_args(["build", "--rules"]))
    >>> status
    0
    """
    if a.rules:
        return print_rules()
    base = _checked_base(a)
    formats = _formats(a.format)
    out = Path(a.output)
    with _locked(out, a.wait):
        return _build_and_save(a, base, formats, out)


@contextmanager
def _locked(out: Path, wait: bool) -> Iterator[None]:
    """Hold the export folder's lock for the whole build (made first if missing): a second build into
    it exits at once with one line naming the running one, or waits for it with `wait`."""
    from kg.generations import FolderBusy, folder_lock

    if out.exists() and not out.is_dir():
        raise CliError(f"{out}: exists and is not a folder", 1)
    created = not out.exists()
    with ExitStack() as held:
        try:
            out.mkdir(parents=True, exist_ok=True)
            held.enter_context(folder_lock(out, wait=wait, on_wait=lambda pid: print(
                f"kg build: {printable(str(out))}: waiting for the build (pid {pid}) writing into this folder",
                file=sys.stderr)))
        except FolderBusy as e:
            raise CliError(printable(str(e)), 1) from None
        except OSError as e:
            raise CliError(f"{printable(str(out))}: cannot write the exports: {e.strerror or e}", 1) from None
        try:
            yield
        except BaseException:
            if created:   # nothing was built: the folder made for the lock goes again
                from kg.generations import LOCK
                (out / LOCK).unlink(missing_ok=True)
                try:
                    out.rmdir()
                except OSError:
                    pass
            raise


def _build_and_save(a: argparse.Namespace, base: str, formats: list[str] | None, out: Path) -> int:
    """Build, write the exports (and the report) into `out`; the exit code."""
    from kg.pipeline import BuildReport

    report = BuildReport()
    g = _built(a, base, report)
    if a.min_confidence > 0 and not g.entities():
        # an empty graph would silently replace the previous exports
        raise CliError(f"--min-confidence {a.min_confidence:g} left no entity (entities and relations below it are "
                       f"dropped); nothing written to {out}. Try a lower value such as 0.8", 1)
    from kg.export import ExportError
    try:
        written = g.save(out, build_key=report.build_key, formats=formats)
    except ExportError as e:
        raise CliError(str(e), 1) from None
    if a.report:
        from kg.export.report import write_report
        target = out / a.report
        written[str(Path(a.report))] = write_report(g, target)
    if not a.quiet:
        print(format_summary(g, report, out, written, a.min_confidence))
    return 1 if report.skipped and not report.built else 0


def _formats(text: str) -> list[str] | None:
    """The --format list (None: every format), checked before anything is built; CliError (exit 2) else."""
    if text.strip() == "all":
        return None
    from kg.export import FormatError, parse_formats
    try:
        return parse_formats(text)
    except FormatError as e:
        raise CliError(f"--format {text}: {e}", 2) from None


def _built(a: argparse.Namespace, base: str, report: "BuildReport"):
    """The graph of `kg build`'s inputs (skips and warnings on stderr, progress unless -q); CliError when
    nothing can be built."""
    import kg
    from kg.cli.progress import ProgressDisplay
    from kg.executors import ExecutorError
    from kg.pipeline import DEFAULT_CORPUS

    def skip(msg: str) -> None:
        print(f"kg build: skipped {printable(msg)}", file=sys.stderr)

    def warn(msg: str) -> None:
        print(f"kg build: warning: {printable(msg)}", file=sys.stderr)
    shown = None if a.quiet else ProgressDisplay()
    try:
        if a.user and not Path(a.user).is_dir():
            raise CliError(f"--user {a.user}: no such folder", 1)
        return kg.build(a.paths or [str(DEFAULT_CORPUS)], jobs=a.jobs, base_iri=base, min_confidence=a.min_confidence,
                        report=report, on_skip=skip, user_dir=a.user, progress=shown, cache=not a.no_cache,
                        dask=a.dask, max_bytes=int(a.max_size * 1024 * 1024), on_warning=warn,
                        follow_links=a.follow_links, doc_seconds=a.doc_time or None,
                        doc_memory=int(a.doc_memory * (1 << 20)) or None)
    except (kg.InputError, ExecutorError) as e:
        raise CliError(str(e), 1) from None
    finally:
        if shown is not None:
            shown.close()


def format_summary(g, report, out: Path, written: "Written", min_confidence: float = 0.0) -> str:
    """What `kg build` prints: documents and time, entities and relations by class, the files written.

    >>> from kg.export import Written
    >>> from kg.graph.merge import merge
    >>> from kg.pipeline import BuildReport
    >>> from kg.records import Document, DocumentGraph, Entity
    >>> e = Entity("Locality/嵊州市", "Locality", "嵊州市", mentions=1)
    >>> g = merge([DocumentGraph(Document("a", "a.txt", "嵊州市。"), (e,), (), ())])
    >>> w = Written(); w["graph.nt"] = Path("out/graph.nt")
    >>> print(format_summary(g, BuildReport(built=["a.txt"], characters=4, seconds=0.5), Path("out"), w))
    ... # doctest: +ELLIPSIS
    built 1 document (4 characters) in 0.5 s
    entities: Locality 1, Programme 0, ... (officials 0; total 1)
    relations: partOf 0, ... (total 0); posts 0; co-occurrences 0
    wrote out/graph.nt
    """
    s = g.summary()
    n = len(report.built)
    lines = [f"built {n} document{'s' if n != 1 else ''} ({report.characters:,} characters) in {report.seconds:.1f} s"
             + (f", {len(report.cached)} from the cache" if report.cached else "")
             + (f"; skipped {len(report.skipped)}" if report.skipped else "")]
    lines.append("entities: " + ", ".join(f"{c} {n}" for c, n in s["entities"].items())
                 + f" (officials {s['officials']}; total {sum(s['entities'].values())})")
    lines.append("relations: " + ", ".join(f"{p} {n}" for p, n in s["relations"].items())
                 + f" (total {sum(s['relations'].values())}); posts {s['posts']}; co-occurrences {s['cooccurrences']}")
    if min_confidence > 0:
        lines.append(f"kept only entities and relations with confidence ≥ {min_confidence:g}")
    if written.unchanged:
        lines.append("kept " + ", ".join(str(out / n) for n in sorted(written))
                     + ": built from the same inputs, unchanged since")
    else:
        lines.append("wrote " + ", ".join(str(out / n) for n in sorted(written)))
    return "\n".join(lines)
