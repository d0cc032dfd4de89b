"""Checks of the IRIs a user gives (the base of entity IRIs), so a bad one fails with one line
before a build instead of inside an exporter."""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_FORBIDDEN = set(' <>"{}|^`\\')
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


class BadIRI(ValueError):
    """An IRI unfit as a base: the message says why."""


def check_base_iri(base: str) -> str:
    """`base` unchanged if it is an absolute IRI ending in "/" or "#" with no control characters,
    spaces, characters IRIs exclude or broken %-escapes; else BadIRI.

    >>> check_base_iri("https://w3id.org/zhkg/id/")
    'https://w3id.org/zhkg/id/'
    >>> check_base_iri("http://example.org/kg")
    Traceback (most recent call last):
    kg.iri.BadIRI: 'http://example.org/kg' must end with "/" or "#" (IRIs are made by appending, as in http://example.org/kgcompany/…); did you mean 'http://example.org/kg/'?
    """
    shown = repr(base)
    if not _SCHEME.match(base):
        raise BadIRI(f"{shown} is not an absolute IRI (it needs a scheme such as https:)")
    bad = next((c for c in base if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Zs") or c in _FORBIDDEN), None)
    if bad is not None:
        raise BadIRI(f"{shown} contains {bad!r} (U+{ord(bad):04X}), which an IRI cannot hold")
    m = _BAD_PERCENT.search(base)
    if m:
        raise BadIRI(f"{shown} has a % at position {m.start()} not followed by two hexadecimal digits")
    scheme = base.split(":", 1)[0].lower()
    if scheme in ("http", "https"):
        try:
            u = urlsplit(base)
            u.port  # noqa: B018 (raises on a bad port)
        except ValueError as e:
            raise BadIRI(f"{shown} is not a valid {scheme} IRI: {e}") from None
        if not u.hostname:
            raise BadIRI(f"{shown} has no host name")
    if not base.endswith(("/", "#")):
        raise BadIRI(f'{shown} must end with "/" or "#" (IRIs are made by appending, as in {base}company/…); '
                     f"did you mean {base + '/'!r}?")
    try:
        import pyoxigraph as ox
        ox.NamedNode(base + "x")
    except ValueError as e:  # the exporters' own check, with its reason
        raise BadIRI(f"{shown} is not a valid IRI: {e}") from None
    return base
