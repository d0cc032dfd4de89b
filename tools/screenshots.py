"""Regenerate the docs' screenshots (docs/graph.png, docs/focus.png, docs/map.png) from a fresh build of
the corpus, in headless Chromium: never by hand, so they show what today's code draws.

    python3 tools/screenshots.py [--corpus data/corpus] [--out docs]

Each picture is stored as an 8-bit palette PNG (a page is mostly flat colour), so it stays small
(< 300 KB); numpy does the palette, the standard library writes the file.
"""
from __future__ import annotations

import argparse
import base64
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from cdp import Browser, Page  # noqa: E402  (tests/cdp.py: the DevTools client the page tests use)

WIDTH, HEIGHT = 1280, 800
# The screenshot, decoded by the browser itself into raw RGBA (no PNG decoder needed here).
RAW = """(async () => {
  const img = await createImageBitmap(await (await fetch("data:image/png;base64,%s")).blob());
  const c = document.createElement("canvas"); c.width = img.width; c.height = img.height;
  const ctx = c.getContext("2d"); ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  let s = ""; for (let k = 0; k < d.length; k += 0x8000) s += String.fromCharCode.apply(null, d.subarray(k, k + 0x8000));
  return [c.width, c.height, btoa(s)];
})()"""


def palette_png(rgb: np.ndarray, colours: int = 256) -> bytes:
    """An 8-bit palette PNG of an H×W×3 uint8 image: the `colours` most frequent colours (after
    dropping each channel's 3 low bits), every pixel mapped to the nearest of them.

    >>> png = palette_png(np.zeros((2, 3, 3), dtype=np.uint8))
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n", struct.unpack(">II", png[16:24])
    (True, (3, 2))
    """
    h, w, _ = rgb.shape
    q = (rgb >> 3).astype(np.int32)
    keys = (q[..., 0] << 10) | (q[..., 1] << 5) | q[..., 2]
    uniq, inverse, counts = np.unique(keys.ravel(), return_inverse=True, return_counts=True)
    top = uniq[np.argsort(-counts, kind="stable")[:colours]]
    def rgb_of(k: np.ndarray) -> np.ndarray:
        return np.stack([(k >> 10) & 31, (k >> 5) & 31, k & 31], -1) * 8 + 4
    pal, cand = rgb_of(top), rgb_of(uniq)
    nearest = np.empty(len(uniq), dtype=np.uint8)
    for s in range(0, len(uniq), 4096):   # bounded memory: 4096 × 256 distances at a time
        d = ((cand[s:s + 4096, None, :] - pal[None, :, :]) ** 2).sum(-1)
        nearest[s:s + 4096] = d.argmin(1)
    index = nearest[inverse].reshape(h, w)
    rows = b"".join(b"\x00" + index[y].tobytes() for y in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 3, 0, 0, 0))
            + chunk(b"PLTE", np.clip(pal, 0, 255).astype(np.uint8).tobytes())
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def shoot(page: Page, decoder: Page, path: Path) -> int:
    """Save what `page` shows to `path` as a palette PNG (decoded in the blank tab `decoder`: the
    pages' own Content-Security-Policy forbids the fetch); its size in bytes."""
    shot = page.send("Page.captureScreenshot", format="png")["data"]
    w, h, raw = decoder.evaluate(RAW % shot, await_promise=True)
    rgba = np.frombuffer(base64.b64decode(raw), dtype=np.uint8).reshape(h, w, 4)
    path.write_bytes(palette_png(rgba[..., :3]))
    return path.stat().st_size


def kg(*args: str) -> None:
    r = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=ROOT)
    if r.returncode:
        sys.exit(f"screenshots: kg {args[0]} failed: {r.stderr.strip()}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT / "data" / "corpus"), help="texts to build (default: data/corpus)")
    ap.add_argument("--out", default=str(ROOT / "docs"), help="folder for the PNGs (default: docs/)")
    a = ap.parse_args(argv)
    out = Path(a.out)
    with tempfile.TemporaryDirectory(prefix="zhkg-shots-") as tmp:
        build = Path(tmp) / "exports"
        kg("build", a.corpus, "-o", str(build), "-j", "2")
        kg("html", "-g", str(build), "--focus", "嵊州", "--hops", "2", "-o", str(Path(tmp) / "focus.html"))
        kg("html", "-g", str(build), "--map", "-o", str(Path(tmp) / "map.html"))
        with Browser(width=WIDTH, height=HEIGHT) as b:
            decoder = b.new_page()
            for name, page, ready in (
                    ("graph.png", build / "graph.html", "zhkg.firstDraw"),
                    ("focus.png", Path(tmp) / "focus.html", "zhkg.selected !== null"),
                    ("map.png", Path(tmp) / "map.html", "zhkg.map && zhkg.map.tab === 'map'")):
                p = b.new_page()
                p.goto(page.as_uri())
                p.wait_for(f"window.zhkg && {ready}", 30)
                if name == "map.png":   # colour the places of the programme most places implement
                    p.evaluate("const i = document.getElementById('map-prog'); i.value = zhkg.data.map.programmes[0][0]; "
                               "i.dispatchEvent(new Event('input')); zhkg.map.fitPlaces(); 1")
                time.sleep(0.8)   # the focus animation and the redraw after it
                print(f"wrote {out / name}: {shoot(p, decoder, out / name) // 1024} KB")
                p.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
