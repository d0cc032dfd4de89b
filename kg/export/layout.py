"""The page's layout: seeded force-directed placement of each connected component (numpy), the
components packed in rings around the largest. Computed when the page is written, so the page draws
at once, with physics off, identically every time."""
from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

LAYOUT_SEED = 20240601


def layout(n: int, pairs: list[tuple[int, int, float]], seed: int = LAYOUT_SEED, spacing: float = 90.0) -> np.ndarray:
    """Integer positions (n×2) for nodes 0..n-1 joined by weighted `pairs`: each connected component is
    laid out by force-directed placement, then components are packed in rings around the largest.
    Seeded and computed here so the page draws at once, with physics off, identically every time.

    >>> pos = layout(3, [(0, 1, 1.0)])
    >>> pos.shape, pos.tolist() == layout(3, [(0, 1, 1.0)]).tolist()
    ((3, 2), True)
    """
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for a, b, _ in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[find(i)].append(i)
    comps = sorted(members.values(), key=lambda m: (-len(m), m[0]))
    local = {i: (j, c) for c, m in enumerate(comps) for j, i in enumerate(m)}
    comp_pairs: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for a, b, w in pairs:
        ja, c = local[a]
        comp_pairs[c].append((ja, local[b][0], w))
    pos = np.zeros((n, 2))
    rng = np.random.default_rng(seed)
    placed: list[tuple[np.ndarray, float]] = []
    ring = _Rings(spacing * 0.5)
    for c, m in enumerate(comps):
        p = (_force_layout(len(m), comp_pairs[c], rng, iterations=80 if len(m) > 30 else 30)
             if len(m) > 1 else np.zeros((1, 2)))
        # a disc whose area gives each node about spacing² of room
        radius = spacing * math.sqrt(len(m) / math.pi) if len(m) > 2 else spacing * 0.5 * (len(m) - 1)
        # scale by a high percentile, not the maximum, so one stray leaf does not shrink the rest
        extent = float(np.percentile(np.sqrt((p * p).sum(1)), 95)) if len(m) > 2 else float(np.abs(p).max())
        p = p / (extent or 1.0) * radius
        centre = ring.place(max(radius, spacing * 0.3))
        pos[m] = p + centre
        placed.append((centre, radius))
    return np.rint(pos).astype(int)


class _Rings:
    """Places discs on concentric rings around the first (largest) one."""

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self.inner = -1.0        # radius of the central disc, once placed
        self.ring_r = 0.0        # centre line of the current ring
        self.ring_w = 0.0        # widest disc on the current ring
        self.angle = 0.0

    def place(self, r: float) -> np.ndarray:
        if self.inner < 0:
            self.inner = r
            return np.zeros(2)
        if self.angle == 0.0:
            self.ring_r = self.inner + self.gap + r
        step = (2 * r + self.gap) / self.ring_r
        if self.angle + step > 2 * math.pi:
            self.inner = self.ring_r + self.ring_w
            self.ring_r = self.inner + self.gap + r
            self.ring_w, self.angle = r, 0.0
            step = (2 * r + self.gap) / self.ring_r
        a = self.angle + step / 2
        self.angle += step
        self.ring_w = max(self.ring_w, r)
        return np.array([self.ring_r * math.cos(a), self.ring_r * math.sin(a)])


def _force_layout(n: int, pairs: list[tuple[int, int, float]], rng: np.random.Generator,
                  iterations: int = 80, pivots: int = 1000) -> np.ndarray:
    """Fruchterman–Reingold in numpy. Repulsion is exact up to `pivots` nodes; past that it is
    estimated from a seeded sample of pivot nodes, so cost grows as n·pivots instead of n²."""
    pos = rng.random((n, 2)) - 0.5
    k = 1.0 / math.sqrt(n)
    src = np.array([a for a, _, _ in pairs])
    dst = np.array([b for _, b, _ in pairs])
    w = np.array([wt for _, _, wt in pairs], dtype=float)
    sample = np.arange(n) if n <= pivots else np.sort(rng.choice(n, pivots, replace=False))
    scale = n / len(sample)
    t = 0.1
    cooling = t / (iterations + 1)
    chunk = max(1, 2_000_000 // len(sample))
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        # float32 and x, y apart: the n×pivots repulsion arrays are the whole cost of the layout
        p32 = pos.astype(np.float32)
        px, py = p32[sample, 0], p32[sample, 1]
        for s in range(0, n, chunk):
            dx = p32[s:s + chunk, 0, None] - px
            dy = p32[s:s + chunk, 1, None] - py
            f = np.float32(k * k * scale) / np.maximum(dx * dx + dy * dy, np.float32(1e-6))
            disp[s:s + chunk, 0] = (dx * f).sum(1)
            disp[s:s + chunk, 1] = (dy * f).sum(1)
        d = pos[src] - pos[dst]
        f = d * (np.sqrt((d * d).sum(-1)) * w / k)[:, None]
        np.add.at(disp, src, -f)
        np.add.at(disp, dst, f)
        # a weak pull to the centre keeps loosely tied leaves from drifting off
        disp -= pos * (0.05 * k * n)
        length = np.maximum(np.sqrt((disp * disp).sum(-1)), 1e-9)
        pos += disp * (np.minimum(length, t) / length)[:, None]
        t -= cooling
    return pos - pos.mean(0)
