"""Decompressed-size limits for the containers a reader opens: DOCX (a ZIP) and PDF streams.

A file under `--max-size` can still inflate to gigabytes: a 1.1 MB DOCX whose document.xml
inflates to 1 GB, a 3.1 MB PDF with a Flate bomb. Both are refused with one line, before (DOCX) or
while (PDF) the data is inflated, so memory never holds more than the limit.

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("word/document.xml", b"<w/>" * 1000)
    >>> check_zip(buf.getvalue(), "a.docx", limit=100)
    Traceback (most recent call last):
    kg.text.read.InputError: a.docx: its parts inflate to 4,000 bytes, over the limit of 100 for one document (a ZIP bomb?); not read
"""
from __future__ import annotations

import contextlib
import contextvars
import io
import zipfile
import zlib
from typing import Iterator

from kg.text.read import InputError, printable

#: The most bytes the parts of one DOCX, or the streams of one PDF, may inflate to.
MAX_UNPACKED = 256 * 1024 * 1024
_PIECE = 4 * 1024 * 1024  # bytes inflated at a time while a PDF is read


def check_zip(data: bytes, name: str, limit: int | None = None) -> None:
    """Refuse a ZIP whose members add up to more than `limit` bytes once inflated. The sizes are the
    ones the archive declares; Python's zipfile never inflates a member past its declared size (it
    stops there and fails the CRC), so the declared total bounds what any reader can get.

    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("word/document.xml", b"<w/>" * 1000)
    >>> check_zip(buf.getvalue(), "a.docx") is None   # 4,000 bytes: within the default limit
    True
    >>> check_zip(b"not a zip", "a.docx") is None       # left to the reader to refuse
    True
    >>> check_zip(buf.getvalue(), "a.docx", limit=100)
    Traceback (most recent call last):
    kg.text.read.InputError: a.docx: its parts inflate to 4,000 bytes, over the limit of 100 for one document (a ZIP bomb?); not read
    """
    limit = MAX_UNPACKED if limit is None else limit
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a ZIP at all: the reader says so in its own words
    if total > limit:
        raise InputError(f"{printable(name)}: its parts inflate to {total:,} bytes, over the limit of {limit:,} "
                         "for one document (a ZIP bomb?); not read")


# ---- PDF streams: pdfminer inflates with zlib.decompress, whole ----------------------------------
_budget: contextvars.ContextVar[list | None] = contextvars.ContextVar("kg_pdf_budget", default=None)


class TooLarge(InputError):
    """A stream inflated past what is left of the document's budget."""


def _charge(n: int) -> None:
    b = _budget.get()
    if b is None:
        return
    b[0] -= n
    if b[0] < 0:
        raise TooLarge(f"{b[1]}: its compressed streams inflate to more than {b[2]:,} bytes, the limit for one "
                       "document (a decompression bomb?); not read")


class _Decompressor:
    """zlib.decompressobj() with every output counted against the budget."""

    def __init__(self, *a, **k) -> None:
        self._d = zlib.decompressobj(*a, **k)

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        if max_length or _budget.get() is None:
            out = self._d.decompress(data, max_length)
            _charge(len(out))
            return out
        # unbounded, as pdfminer asks: inflate in pieces, each counted, so that a bomb is stopped one
        # piece past the budget instead of after zlib has built (and copied) its whole output
        parts = []
        while True:
            part = self._d.decompress(data, _PIECE)
            _charge(len(part))
            parts.append(part)
            data = self._d.unconsumed_tail
            if self._d.eof or (not data and len(part) < _PIECE):  # a full piece may have more behind it
                break
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def flush(self, *a) -> bytes:
        out = self._d.flush(*a)
        _charge(len(out))
        return out

    def __getattr__(self, name: str):
        return getattr(self._d, name)


class BoundedZlib:
    """What pdfminer sees as `zlib` while a PDF is read: the same functions, counted."""
    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompress(data: bytes, *a) -> bytes:
        """zlib.decompress, its output counted against the budget of the enclosing pdf_budget (if any).

        >>> BoundedZlib.decompress(zlib.compress("市政府印发通知。".encode())).decode()
        '市政府印发通知。'
        """
        d = _Decompressor(*a[:1])
        out = d.decompress(data)
        tail = d.flush()
        return out + tail if tail else out  # no copy of a large output

    @staticmethod
    def decompressobj(*a, **k) -> _Decompressor:
        """zlib.decompressobj, every piece it inflates counted against the budget of the enclosing pdf_budget.

        >>> d = BoundedZlib.decompressobj()
        >>> d.decompress(zlib.compress(b"abc" * 3)) + d.flush(), d.eof
        (b'abcabcabc', True)
        >>> with pdf_budget("a.pdf", limit=100):
        ...     BoundedZlib.decompressobj().decompress(zlib.compress(b" " * 5000))
        Traceback (most recent call last):
        kg.text.unpack.TooLarge: a.pdf: its compressed streams inflate to more than 100 bytes, the limit for one document (a decompression bomb?); not read
        """
        return _Decompressor(*a, **k)

    def __getattr__(self, name: str):
        return getattr(zlib, name)


def _install() -> None:
    import pdfminer.pdftypes as pdftypes
    if not isinstance(pdftypes.zlib, BoundedZlib):
        pdftypes.zlib = BoundedZlib()


@contextlib.contextmanager
def pdf_budget(name: str, limit: int | None = None) -> Iterator[None]:
    """Within the block, pdfminer's Flate streams inflate to at most `limit` bytes in total;
    past it TooLarge (an InputError) is raised from inside the inflating.

    >>> with pdf_budget("a.pdf", limit=1000):
    ...     BoundedZlib.decompress(zlib.compress(b" " * 5000))
    Traceback (most recent call last):
    kg.text.unpack.TooLarge: a.pdf: its compressed streams inflate to more than 1,000 bytes, the limit for one document (a decompression bomb?); not read
    """
    _install()
    limit = MAX_UNPACKED if limit is None else limit
    token = _budget.set([limit, printable(name), limit])
    try:
        yield
    finally:
        _budget.reset(token)
