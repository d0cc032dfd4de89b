"""`kg top|path|profile|programme|communities|diff|near`: the analysis functions as commands, printed as tables or JSON."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Callable

from kg.cli import CliError


def register(sub: argparse._SubParsersAction) -> None:
    def add(name: str, help: str, example: str, run: Callable[[argparse.Namespace], Any]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".",
                           epilog=f"example: {example}", formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("-g", "--graph", default="exports", metavar="GRAPH",
                       help="export folder or .ttl/.nt file (default: exports/)")
        p.add_argument("--json", action="store_true", help="print the result as JSON")
        p.set_defaults(func=lambda a: _show(a, run))
        return p

    from kg.analysis.rank import MEASURES, METHODS
    from kg.records import CLASSES
    p = add("top", "rank entities by centrality", "kg top --by pagerank --class Company -n 10", _top)
    p.add_argument("--by", default="pagerank", choices=MEASURES, help="centrality measure (default: pagerank)")
    p.add_argument("--class", dest="cls", type=_class, metavar="CLASS",
                   help=f"only entities of this class: {' '.join((*CLASSES, 'Official'))} (or 企业 地区 …)")
    p.add_argument("-n", type=int, default=20, metavar="N", help="how many (default: 20)")
    p = add("path", "show how two entities are connected, with the sentence for every hop", "kg path 比亚迪 一号改革工程", _path)
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--max-hops", type=int, default=4, metavar="N", help="longest path (default: 4)")
    p.add_argument("-n", type=int, default=5, metavar="N", help="at most N paths (default: 5)")
    p = add("profile", "profile a locality and its sub-localities", "kg profile 嵊州", _profile)
    p.add_argument("locality")
    p = add("programme", "map a programme: implementers, sub-programmes, participants, localities",
            "kg programme 一号改革工程", _programme)
    p.add_argument("programme")
    p.add_argument("--timeline", action="store_true",
                   help="where and when it spread: per place its first and last dated report, and per month "
                        "(kg programme 一号改革工程 --timeline)")
    p = add("communities", "detect communities of related entities", "kg communities --method leiden -n 10", _communities)
    p.add_argument("--method", default="louvain", choices=METHODS, help="algorithm (default: louvain)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("-n", type=int, default=20, metavar="N", help="show the N largest (default: 20)")
    p = add("near", "list an entity's neighbourhood with evidence", "kg near 下王镇 --hops 2", _near)
    p.add_argument("name")
    p.add_argument("--hops", type=int, default=1, metavar="N", help="steps to walk (default: 1)")
    p.add_argument("--predicate", action="append", metavar="P", help="follow only this predicate (repeatable)")
    p = add("diff", "compare two builds: entities and relations added, removed, changed", "kg diff old-exports/ exports/",
            _diff)
    p.add_argument("old", help="export folder or graph file")
    p.add_argument("new", help="export folder or graph file")


def _class(name: str) -> str:
    from kg.terms import class_name
    try:
        return class_name(name)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _load(path: str) -> Any:
    import kg
    try:
        return kg.load(path)
    except kg.GraphFileError as e:
        raise CliError(str(e), 1) from None


def _show(a: argparse.Namespace, run: Callable[[argparse.Namespace], Any]) -> int:
    import kg
    try:
        result, title = run(a)
    except kg.UnknownEntity as e:
        raise CliError(str(e), 1) from None
    except ValueError as e:
        raise CliError(str(e), 2) from None
    except ImportError as e:   # an optional engine (igraph for Leiden) is not installed
        raise CliError(str(e), 1) from None
    if a.json:
        sys.stdout.write(result.to_json() + "\n")
    elif hasattr(result, "paths") or hasattr(result, "edges"):
        _hops(title, result)
    elif hasattr(result, "month_rows"):    # a diffusion: its heading (too long for a table's title), places, months
        _console().print(title)
        _table("places, by their first dated report", result.rows())
        _table("per month (dated reports only)", result.month_rows(), ": no dated report")
    else:
        # a diff with no rows already says "no differences" in its title
        _table(title, result.rows(), "" if getattr(result, "empty", False) else ": nothing found")
    return 0


#: Width of piped output without $COLUMNS: wide enough that no table or sentence is folded.
PIPED_WIDTH = 10_000


class _Out:
    """rich rendering with every line's trailing padding removed (tables pad titles and cells to their width)."""

    def __init__(self) -> None:
        from rich.console import Console
        tty = sys.stdout.isatty()
        # on a terminal rich uses its width; piped output is not folded at all unless $COLUMNS says so
        width = None if tty or "COLUMNS" in os.environ else PIPED_WIDTH
        self.console = Console(width=width, highlight=False, force_terminal=tty or None)

    def print(self, *items: Any) -> None:
        with self.console.capture() as cap:
            self.console.print(*items)
        sys.stdout.write("".join(line.rstrip() + "\n" for line in cap.get().splitlines()))


def _console() -> Any:
    return _Out()


def _hops(title: str, result: Any) -> None:
    """Paths and neighbourhoods: one line per hop with its sentence below, since sentences don't fit in a table."""
    from rich.padding import Padding
    from rich.text import Text

    console = _console()
    console.print(title)
    groups = ([(f"path {i + 1} ({p.length} hops): " + " → ".join(p.labels), p.hops) for i, p in enumerate(result.paths)]
              if hasattr(result, "paths") else [("", result.edges)])
    if not any(hops for _, hops in groups):
        console.print("nothing found")
    for head, hops in groups:
        if head:
            console.print(Text(head, style="bold"))
        for h in hops:
            what = h.predicate + (f" ({h.title})" if h.title else "")
            console.print(Padding(Text(f"{h.subject_label} —{what}→ {h.object_label}"), (0, 0, 0, 2)))
            if h.sentence:
                console.print(Padding(Text(f"{h.sentence} [{h.doc_id}]", style="dim"), (0, 0, 0, 6)))
            elif h.predicate == "relatedTo":
                console.print(Padding(Text(f"together in {h.evidence} sentence(s)", style="dim"), (0, 0, 0, 6)))


def _table(title: str, rows: list[dict[str, Any]], when_empty: str = ": nothing found") -> None:
    from rich.table import Table

    console = _console()
    if not rows:
        console.print(title + when_empty)
        return
    t = Table(title=title, title_justify="left")
    for col in rows[0]:
        t.add_column(col, overflow="fold", justify="right" if isinstance(rows[0][col], (int, float)) else "left")
    for r in rows:
        t.add_row(*("" if v is None else f"{v:.6g}" if isinstance(v, float) else str(v) for v in r.values()))
    console.print(t)


# ---- one function per command: (result, title) --------------------------------------------
def _top(a: argparse.Namespace) -> tuple[Any, str]:
    from kg.analysis import centrality
    r = centrality(_load(a.graph), a.by, cls=a.cls, n=a.n)
    return r, f"top {a.n} {a.cls or 'entities'} by {a.by} ({r.engine})"


def _path(a: argparse.Namespace) -> tuple[Any, str]:
    from kg.analysis import paths
    r = paths(_load(a.graph), a.a, a.b, max_hops=a.max_hops, n=a.n)
    return r, f"paths from {a.a} to {a.b} (at most {a.max_hops} hops)"


def _profile(a: argparse.Namespace) -> tuple[Any, str]:
    from kg.analysis import locality_profile
    r = locality_profile(_load(a.graph), a.locality)
    money = f"; investment {r.investment_total / 1e8:,.2f} 亿元" if r.investment_total else ""
    where = f" ({r.attrs['adminPath']})" if "adminPath" in r.attrs else ""
    return r, f"{r.label}{where}: " + ", ".join(f"{k} {n}" for k, n in r.counts.items()) + money


def _programme(a: argparse.Namespace) -> tuple[Any, str]:
    if a.timeline:
        return _timeline(a)
    from kg.analysis import programme_map
    r = programme_map(_load(a.graph), a.programme)
    return r, f"{r.label}: " + ", ".join(f"{k} {n}" for k, n in r.counts.items())


def _timeline(a: argparse.Namespace) -> tuple[Any, str]:
    from kg.analysis import diffusion
    r = diffusion(_load(a.graph), a.programme)
    dated = sum(1 for p in r.places if p.first.date)
    span = f", {r.months[0].month} to {r.months[-1].month}" if r.months else ""
    return r, f"{r.label}: implemented in {len(r.places)} places, {dated} of them in dated reports{span}"


def _communities(a: argparse.Namespace) -> tuple[Any, str]:
    from dataclasses import replace

    from kg.analysis import communities
    r = communities(_load(a.graph), a.method, seed=a.seed)
    shown = replace(r, communities=r.communities[: a.n])
    return shown, (f"{len(r.communities)} communities by {a.method} ({r.engine}), modularity {r.modularity}; "
                   f"the {len(shown.communities)} largest")


def _near(a: argparse.Namespace) -> tuple[Any, str]:
    from kg.analysis import neighbourhood
    r = neighbourhood(_load(a.graph), a.name, hops=a.hops, predicates=a.predicate)
    return r, f"within {a.hops} hop(s) of {r.centre}: {len(r.nodes)} entities, {len(r.edges)} edges"


def _diff(a: argparse.Namespace) -> tuple[Any, str]:
    from kg.analysis import compare
    r = compare(_load(a.old), _load(a.new))
    if r.empty:
        return r, f"{a.old} → {a.new}: no differences"
    return r, f"{a.old} → {a.new}: " + ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in r.counts.items())
