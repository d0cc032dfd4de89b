"""Benchmark: load and query times of Oxigraph vs rdflib on the corpus graph and a synthetic graph shaped like ours.

    python3 benchmarks/sparql.py                       # corpus (exports/) + 1M synthetic triples
    python3 benchmarks/sparql.py --triples 200000 --rdflib-cap 20

rdflib is slow on large graphs: each rdflib query runs in a forked child that is killed after
--rdflib-cap seconds (reported as "> cap"). Medians of --repeat warm runs. Not a test.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

# this folder holds other benchmarks (html.py…) that would shadow standard modules: look in the repo instead
sys.path[0] = str(Path(__file__).resolve().parents[1])

from kg.query.dataset import OxigraphDataset, RdflibDataset  # noqa: E402
from kg.vocab import KG_IRI, KGR_IRI, PREFIXES  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RDF_TYPE = PREFIXES["rdf"] + "type"
LABEL = PREFIXES["rdfs"] + "label"
DERIVED = PREFIXES["prov"] + "wasDerivedFrom"

EXTRA_QUERIES = {
    "count per class": "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c ORDER BY ?c",
    "two-hop join": "SELECT (COUNT(*) AS ?n) WHERE { ?c kg:locatedIn ?t . ?t kg:partOf ?county . ?county rdfs:label ?l }",
    "CONTAINS filter": 'SELECT (COUNT(*) AS ?n) WHERE { ?x rdfs:label ?l FILTER CONTAINS(STR(?l), "改革") }',
}


def queries() -> dict[str, str]:
    out = {f.stem: f.read_text(encoding="utf-8") for f in sorted((ROOT / "queries").glob("*.rq"))}
    out.update(EXTRA_QUERIES)
    return out


# ---- a synthetic graph shaped like ours ------------------------------------------------------------
def synthetic(path: Path, n_triples: int, seed: int = 7) -> int:
    """Write an N-Triples file of about n_triples: localities in a 4-level hierarchy, companies located in
    towns, programmes implemented by localities, evidence nodes, mentions, co-occurrences. Returns the count."""
    rnd = random.Random(seed)
    k = lambda local: f"<{KG_IRI}{local}>"  # noqa: E731
    r = lambda kind, i: f"<{KGR_IRI}{kind}/{i:08x}>"  # noqa: E731
    lit = lambda s: f'"{s}"@zh'  # noqa: E731
    integer = lambda n: f'"{n}"^^<http://www.w3.org/2001/XMLSchema#integer>'  # noqa: E731
    scale = max(1, n_triples // 14)   # ~14 triples per "unit" below
    n_docs = max(5, scale // 200)
    lines: list[str] = []
    add = lambda s, p, o: lines.append(f"{s} {p} {o} .\n")  # noqa: E731
    for d in range(n_docs):
        add(r("doc", d), f"<{RDF_TYPE}>", k("Document"))
        add(r("doc", d), k("source"), f'"data/corpus/{d:05d}.txt"')
    levels = [1, 10, 100, max(200, scale // 40)]   # province, prefectures, counties, towns
    locs: list[list[int]] = []
    nid = 0
    names = {0: "浙江省"}
    pending: list[tuple[str, str, str]] = []  # relations whose evidence is written once evidence() exists
    for li, count in enumerate(levels):
        ids = list(range(nid, nid + count))
        nid += count
        locs.append(ids)
        for i in ids:
            name = names.get(i) or ("嵊州市" if li == 2 and i == ids[0] else f"地点{i}{'市县镇'[min(li, 3) - 1] if li else '省'}")
            add(r("locality", i), f"<{RDF_TYPE}>", k("Locality"))
            add(r("locality", i), f"<{LABEL}>", lit(name))
            add(r("locality", i), k("mentionCount"), integer(rnd.randint(1, 50)))
            add(r("locality", i), k("mentionedIn"), r("doc", rnd.randrange(n_docs)))
            if li:
                parent = rnd.choice(locs[li - 1]) if not (li == 3 and i < ids[0] + 20) else locs[2][0]
                add(r("locality", i), k("partOf"), r("locality", parent))
                if li == 3 and parent == locs[2][0]:
                    pending.append((r("locality", i), k("partOf"), r("locality", parent)))
    ev = 0

    def evidence(s: str, p: str, o: str) -> None:
        nonlocal ev
        e = r("evidence", ev)
        ev += 1
        add(e, f"<{RDF_TYPE}>", k("Evidence"))
        add(e, k("subject"), s)
        add(e, k("predicate"), p)
        add(e, k("object"), o)
        add(e, f"<{DERIVED}>", r("doc", rnd.randrange(n_docs)))
        add(e, k("sentence"), lit(f"第{ev}句：合成的证据句子。"))
        add(e, k("charStart"), integer(ev * 20))
        add(e, k("charEnd"), integer(ev * 20 + 12))
    for s, p, o in pending:
        evidence(s, p, o)
    n_prog = max(50, scale // 20)
    for i in range(n_prog):
        add(r("programme", i), f"<{RDF_TYPE}>", k("Programme"))
        add(r("programme", i), f"<{LABEL}>", lit(f"改革工程{i}"))
    i = 0
    while len(lines) < n_triples:
        c = r("company", i)
        add(c, f"<{RDF_TYPE}>", k("Company"))
        add(c, f"<{LABEL}>", lit(f"公司{i}有限公司"))
        add(c, k("mentionedIn"), r("doc", rnd.randrange(n_docs)))
        town = r("locality", rnd.choice(locs[3]))
        add(c, k("locatedIn"), town)
        evidence(c, k("locatedIn"), town)
        if i % 3 == 0:
            loc, prog = r("locality", rnd.choice(locs[2] + locs[3][:50])), r("programme", rnd.randrange(n_prog))
            add(loc, k("implements"), prog)
            evidence(loc, k("implements"), prog)
        i += 1
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


# ---- timing --------------------------------------------------------------------------------------
def timed(fn, repeat: int = 1):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def _child(conn, ds, query, repeat):
    t, r = timed(lambda: ds.query(query), repeat)
    conn.send((t, len(r)))


def rdflib_query(ds: RdflibDataset, query: str, cap: float, repeat: int) -> tuple[float | None, int | None]:
    """Median time of `query` in a forked child (the loaded graph is shared copy-on-write), or None past `cap`."""
    ctx = multiprocessing.get_context("fork")
    a, b = ctx.Pipe()
    p = ctx.Process(target=_child, args=(b, ds, query, repeat))
    p.start()
    if a.poll(cap * repeat):
        t, n = a.recv()
        p.join()
        return t, n
    p.kill()
    p.join()
    return None, None


def run(label: str, nt: Path, cap: float, repeat: int, skip_rdflib: bool) -> None:
    import pyoxigraph as ox
    import rdflib
    n = sum(1 for _ in open(nt, "rb"))
    print(f"\n## {label}: {n:,} triples ({nt})")
    rows = []
    rd_ds = None
    import rdflib.plugins.sparql  # noqa: F401  (imported once here, not in every forked child)
    if not skip_rdflib:
        t_rd, g = timed(lambda: rdflib.Dataset().parse(str(nt), format="nt"))
        rd_ds = RdflibDataset(g)
    else:
        t_rd = None
    t_ox, store = timed(lambda: _ox_load(nt, None))
    with tempfile.TemporaryDirectory() as tmp:
        t_disk, _ = timed(lambda: _ox_load(nt, tmp))
    print(f"load: rdflib {_fmt(t_rd)}  pyoxigraph in memory {_fmt(t_ox)}  pyoxigraph on disk (bulk_load) {_fmt(t_disk)}"
          + (f"  ratio rdflib/oxigraph {t_rd / t_ox:.1f}x" if t_rd else ""))
    ox_ds = OxigraphDataset(store)
    print(f"{'query':28} {'rows':>7} {'oxigraph':>10} {'rdflib':>10} {'ratio':>8}")
    for name, q in queries().items():
        t_o, r = timed(lambda: ox_ds.query(q), repeat)
        t_r, n_r = rdflib_query(rd_ds, q, cap, repeat) if rd_ds else (None, None)
        agree = "" if n_r is None or n_r == len(r) else f"  (rdflib {n_r} rows!)"
        ratio = f"{t_r / t_o:.0f}x" if t_r else (f"> {cap / t_o:.0f}x" if rd_ds else "-")
        shown = _fmt(t_r) if t_r is not None else (f"> {cap:g} s" if rd_ds else "skipped")
        print(f"{name:28} {len(r):>7} {_fmt(t_o):>10} {shown:>10} {ratio:>8}{agree}")
        rows.append((name, t_o, t_r))


def _ox_load(nt: Path, folder: str | None):
    import pyoxigraph as ox
    store = ox.Store(folder) if folder else ox.Store()
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    return store


def _fmt(t: float | None) -> str:
    if t is None:
        return "-"
    return f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "exports"), help="export folder with graph.nt (default exports/)")
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph (default 1,000,000)")
    ap.add_argument("--rdflib-cap", type=float, default=30.0, help="seconds an rdflib query may take (default 30)")
    ap.add_argument("--rdflib-max-triples", type=int, default=2_000_000, help="skip rdflib above this size")
    ap.add_argument("--repeat", type=int, default=3, help="warm runs per query (median)")
    a = ap.parse_args()
    print(f"# SPARQL benchmark: pyoxigraph vs rdflib ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
    corpus_nt = Path(a.corpus) / "graph.nt"
    if corpus_nt.exists():
        run("corpus", corpus_nt, a.rdflib_cap, a.repeat, False)
    else:
        print(f"\n(no {corpus_nt}: run `kg build` to include the corpus)")
    if a.triples > 0:
        with tempfile.TemporaryDirectory() as tmp:
            nt = Path(tmp) / "synthetic.nt"
            t, n = timed(lambda: synthetic(nt, a.triples))
            print(f"\n(generated {n:,} synthetic triples in {t:.1f} s)")
            run("synthetic", nt, a.rdflib_cap, a.repeat, a.triples > a.rdflib_max_triples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
