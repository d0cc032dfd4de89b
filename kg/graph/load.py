"""Read a graph exported by `kg build` (graph.nt or graph.ttl) back into a KnowledgeGraph."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from kg.generations import resolve_export
from kg.graph.knowledge_graph import KnowledgeGraph
from kg.records import CLASSES, PREDICATES, DocumentInfo, Entity, EntityKey, Evidence, unquote
from kg.terms import KG_IRI, PREFIXES

# the IRIs of rdf:type and the kg vocabulary
T = PREFIXES["rdf"] + "type"
K = KG_IRI


class GraphFileError(ValueError):
    """The file is missing or is not a graph written in the zhkg contract."""


def _locate(path: Path) -> tuple[Path, str]:
    if path.is_dir():
        path = resolve_export(path)
        for name, fmt in (("graph.nt", "application/n-triples"), ("graph.ttl", "text/turtle")):
            if (path / name).exists():
                return path / name, fmt
        raise GraphFileError(f"{path}: no graph.nt or graph.ttl in this folder (run `kg build` first)")
    fmts = {".nt": "application/n-triples", ".ttl": "text/turtle", ".trig": "application/trig",
            ".nq": "application/n-quads"}
    if not path.exists():
        raise GraphFileError(f"{path}: no such file (run `kg build` first)")
    if path.suffix not in fmts:
        raise GraphFileError(f"{path}: unknown graph format {path.suffix!r}; use .nt, .ttl, .trig or .nq")
    return path, fmts[path.suffix]


def load(path: str | Path) -> KnowledgeGraph:
    """Load the graph in `path` (an export folder or a graph file); GraphFileError (one line naming
    the file) when it is missing, not RDF (with line and column), or lacks triples of the contract."""
    file, _ = _locate(Path(path))
    try:
        return _load(path)
    except GraphFileError:
        raise
    except KeyError as e:
        name = str(e.args[0]).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if e.args else "?"
        raise GraphFileError(f"{file}: incomplete zhkg export: a node lacks its {name} ({e.args[0] if e.args else ''}); "
                             "lines may be missing: rebuild it with `kg build`") from None
    except (IndexError, ValueError, TypeError, AttributeError) as e:
        raise GraphFileError(f"{file}: not a complete zhkg export ({type(e).__name__}: {e}); "
                             "rebuild it with `kg build`") from None


def _load(path: str | Path) -> KnowledgeGraph:
    file, fmt = _locate(Path(path))
    sp = _subjects(file, fmt)
    docs = {s for s, po in sp.items() if any(o.value == K + "Document" for o in po.get(T, []))}
    if not docs:
        raise GraphFileError(f"{file}: no kg:Document in this graph; is it a zhkg export?")
    base = min(docs).rsplit("doc/", 1)[0]
    g = KnowledgeGraph(base)
    doc_id = _documents(g, sp, docs, base)
    keys = _entities(g, sp, doc_id)
    _evidence(g, sp, keys, doc_id)
    return g


def _subjects(file: Path, fmt: str) -> dict[str, dict[str, list]]:
    """The graph's named subjects → predicate → objects."""
    import pyoxigraph as ox

    try:
        quads = list(ox.parse(path=str(file), format=ox.RdfFormat.from_media_type(fmt)))
    except (SyntaxError, ValueError, OSError) as e:
        raise GraphFileError(f"{file}: not readable as RDF: {e}") from None
    sp: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for q in quads:
        if isinstance(q.subject, ox.NamedNode):
            sp[q.subject.value][q.predicate.value].append(q.object)
    return sp


def _documents(g: KnowledgeGraph, sp: dict[str, dict[str, list]], docs: set[str], base: str) -> dict[str, str]:
    """Add the documents and reference sources to `g`; returns IRI → document id."""
    doc_id = {d: d[len(base) + 4:] for d in docs}
    refs = {s for s, po in sp.items() if any(o.value == K + "ReferenceSource" for o in po.get(T, []))}
    doc_id.update({r: r.rsplit("/", 1)[-1] for r in refs})
    for d in sorted(docs | refs):
        po = sp[d]
        title = po.get(PREFIXES["rdfs"] + "label")
        def first(p: str) -> str | None:
            v = po.get(p)
            return v[0].value if v else None
        g.documents[doc_id[d]] = DocumentInfo(doc_id[d], po[K + "source"][0].value, title[0].value if title else None,
                                              kind="reference" if d in refs else "document",
                                              date=first(PREFIXES["dcterms"] + "date"),
                                              publisher=first(PREFIXES["dcterms"] + "publisher"),
                                              url=first(PREFIXES["schema"] + "url"),
                                              meta_title=first(PREFIXES["dcterms"] + "title"),
                                              date_source=first(K + "dateSource"))
    return doc_id


def _entities(g: KnowledgeGraph, sp: dict[str, dict[str, list]], doc_id: dict[str, str]) -> dict[str, EntityKey]:
    """Add the entities to `g`; returns IRI → entity key (places sharing a label keep their
    path-qualified keys, document-local entities their document's)."""
    keys: dict[str, EntityKey] = {}
    seen_labels: dict[tuple[str, str], int] = defaultdict(int)
    for s, po in sp.items():
        for o in po.get(T, []):
            if o.value == K + "Locality" and PREFIXES["rdfs"] + "label" in po:
                seen_labels[("Locality", po[PREFIXES["rdfs"] + "label"][0].value)] += 1
    homonyms = {k for k, n in seen_labels.items() if n > 1}
    for s, po in sp.items():
        types = [o.value[len(K):] for o in po.get(T, []) if o.value.startswith(K)]
        cls = next((c for c in types if c in CLASSES or c == "Official"), None)
        if cls is None:
            continue
        cls = "Person" if cls == "Official" else cls
        label = po[PREFIXES["rdfs"] + "label"][0].value
        key = EntityKey(cls, label)
        if (cls, label) in homonyms and K + "adminPath" in po:
            parts = po[K + "adminPath"][0].value.split("/")
            key = EntityKey(cls, f"{label}@{parts[-2]}") if len(parts) > 1 else key
        mentioned = [doc_id[o.value] for o in po.get(K + "mentionedIn", []) if o.value in doc_id]
        keys[s] = key = _key_of(g, s, key, mentioned)
        g._entities[key] = _entity(key, cls, label, po)
        g.entity_docs[key] = {doc_id[o.value] for o in po.get(K + "mentionedIn", []) if o.value in doc_id}
    return keys


def _key_of(g: KnowledgeGraph, iri: str, key: EntityKey, mentioned: list[str]) -> EntityKey:
    """The key the build gave the entity at `iri`: its label as written, else without quotation marks
    (“最多跑一次”改革 is keyed 最多跑一次改革), else document-local (县委 of an article naming no county),
    so that `g.iri(key)` gives back the exported IRI."""
    plain = EntityKey(key.cls, unquote(key.label))
    candidates = [key, plain]
    if len(mentioned) == 1:
        candidates += [EntityKey(key.cls, f"{k.label}@{mentioned[0]}") for k in (key, plain)]
    return next((k for k in candidates if g.iri(k) == iri), key)


def _entity(key: EntityKey, cls: str, label: str, po: dict[str, list]) -> Entity:
    attrs = {}
    for a in ("adminCode", "adminLevel", "adminPath", "investment", "investmentText"):
        if K + a in po:
            attrs[a] = po[K + a][0].value
    conf = po.get(K + "confidence")
    return Entity(key, cls, label, tuple(sorted(o.value for o in po.get(PREFIXES["skos"] + "altLabel", []))),
                  int(po[K + "mentionCount"][0].value) if K + "mentionCount" in po else 0,
                  float(conf[0].value) if conf else 0.8, tuple(sorted(attrs.items())))


def _evidence(g: KnowledgeGraph, sp: dict[str, dict[str, list]], keys: dict[str, EntityKey],
              doc_id: dict[str, str]) -> None:
    """Add the facts, posts and co-occurrences to `g`."""
    post_of: dict[str, tuple[str, str]] = {}
    for s, po in sp.items():
        if any(o.value == PREFIXES["org"] + "Post" for o in po.get(T, [])):
            post_of[s] = (po[PREFIXES["rdfs"] + "label"][0].value, keys.get(po[PREFIXES["org"] + "postIn"][0].value, ""))
    for s, po in sp.items():
        if not any(o.value == K + "Evidence" for o in po.get(T, [])):
            if any(o.value == K + "Cooccurrence" for o in po.get(T, [])):
                a, b = keys.get(po[K + "subject"][0].value), keys.get(po[K + "object"][0].value)
                if a and b:
                    g.cooccurrence[(a, b)] = int(po[K + "weight"][0].value)
            continue
        subj, pred, obj = (po[K + x][0].value for x in ("subject", "predicate", "object"))
        src = po[PREFIXES["prov"] + "wasDerivedFrom"][0].value
        has_text = K + "sentence" in po
        ev = Evidence(doc_id.get(src, src), po[K + "sentence"][0].value if has_text else "",
                      int(po[K + "charStart"][0].value) if has_text else 0,
                      int(po[K + "charEnd"][0].value) if has_text else 0,
                      float(po[K + "confidence"][0].value) if K + "confidence" in po else 0.8,
                      po[K + "rule"][0].value if K + "rule" in po else "")
        if pred.startswith(K) and pred[len(K):] in PREDICATES and subj in keys and obj in keys:
            g._facts[(keys[subj], pred[len(K):], keys[obj])].append(ev)
        elif pred == PREFIXES["org"] + "holds" and subj in keys and obj in post_of:
            title, org = post_of[obj]
            if org:
                g._posts[(keys[subj], title, org)].append(ev)
