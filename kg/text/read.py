"""Read input files: UTF-8 first, then GB18030 (a superset of GBK/GB2312) or what charset-normalizer detects."""
from __future__ import annotations

from pathlib import Path


class InputError(ValueError):
    """An input file that cannot be used; the message names the file and says why."""


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding). Raises InputError for binary or undecodable data."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return data.decode("utf-16"), "utf-16"
        raise InputError(f"{name}: binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _looks_chinese(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"{name}: not text in UTF-8, GB18030/GBK or another known encoding")
    return str(best), best.encoding


def _looks_chinese(text: str) -> bool:
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk >= max(1, len(text.strip()) // 10)


def read_text(path: str | Path) -> tuple[str, str]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{p}: is a folder, expected a .txt file") from None
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as e:
        raise InputError(f"{p}: cannot read: {e.strerror or e}") from None
    text, enc = decode(data, str(p))
    if not text.strip():
        raise InputError(f"{p}: empty file")
    return text, enc


def collect(paths: list[str | Path]) -> tuple[list[Path], list[str]]:
    """Expand files and folders into the .txt files to build, and errors for paths that don't exist."""
    files: list[Path] = []
    errors: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*.txt") if q.is_file())
            if not found:
                errors.append(f"{p}: folder has no .txt files")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            errors.append(f"{p}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for f in files:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique, errors
