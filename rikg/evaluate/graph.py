"""The system graph: the builder's N-Quads export, merged over all named graphs, with the lookups the
metrics need (instances per class, evidence mentions and their documents, names, Wikidata links).

From score_extraction.py 1.2 (../shared/tools), "The system graph", unchanged but for the error class.
It reads the export file rather than the store on purpose: `rikg evaluate` then judges exactly what a
researcher's `rikg export --format nq` gives the shared scorer.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pyoxigraph

from rikg.evaluate.names import names_to_variants
from rikg.evaluate.terms import (
    DCT_IDENTIFIER,
    LABEL_PREDICATES,
    OA_END,
    OA_EXACT,
    OA_SELECTOR,
    OA_SOURCE,
    OA_START,
    P_AGENT,
    P_EVIDENCE,
    P_PARTICIPATION,
    P_ROLE,
    RDF_TYPE,
    RDFS_LABEL,
    RDFS_SUBCLASS,
    RIKG,
    ROLES,
    SKOS_EXACT,
    WIKIDATA_IRI,
)

P_TEXT = RIKG + "text"   # the source text as the build read it (rikg's own, not in the contract)


class GraphError(ValueError):
    """The export cannot be parsed."""


class Lit(NamedTuple):
    value: str
    lang: str
    datatype: str


RDF_FORMATS = {".nq": "N_QUADS", ".nt": "N_TRIPLES", ".trig": "TRIG", ".ttl": "TURTLE",
               ".jsonld": "JSON_LD", ".rdf": "RDF_XML", ".owl": "RDF_XML", ".xml": "RDF_XML"}


def _term(t: object) -> str | Lit:
    if isinstance(t, pyoxigraph.Literal):
        return Lit(t.value, (t.language or "").lower(), t.datatype.value if t.datatype else "")
    if isinstance(t, pyoxigraph.BlankNode):
        return "_:" + t.value
    if isinstance(t, pyoxigraph.NamedNode):
        return t.value
    return str(t)  # quoted triples (RDF-star) are not used by the contract


@dataclass
class Mention:
    node: str
    docs: list[str]                      # dcterms:identifier of its sources (base names)
    positions: list[tuple[int, int]]     # (oa:start, oa:end) of its selectors
    exacts: list[str]                    # oa:exact of its selectors


class SystemGraph:
    """The builder's export, merged over all named graphs, with the lookups the metrics need."""

    def __init__(self, path: Path) -> None:
        fmt_name = RDF_FORMATS.get(path.suffix.lower(), "N_QUADS")
        self.out: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
        self.quads = 0
        try:
            for q in pyoxigraph.parse(path=str(path), format=getattr(pyoxigraph.RdfFormat, fmt_name)):
                self.quads += 1
                s, p, o = _term(q.subject), q.predicate.value, _term(q.object)
                self.out[s][p][o] = None          # dict as an ordered set
        except (OSError, SyntaxError, ValueError) as exc:
            raise GraphError(f"cannot parse {path}: {exc}") from exc
        self.triples = sum(len(objs) for po in self.out.values() for objs in po.values())

        self.types: dict[str, set[str]] = defaultdict(set)
        for s, po in self.out.items():
            for o in po.get(RDF_TYPE, {}):
                if isinstance(o, str):
                    self.types[s].add(o)
        self.instances: dict[str, list[str]] = defaultdict(list)
        for s in sorted(self.types):
            for c in self.types[s]:
                self.instances[c].append(s)

        self.doc_ids: dict[str, list[str]] = {}
        for s, po in self.out.items():
            ids = [os.path.basename(o.value.strip()) for o in po.get(DCT_IDENTIFIER, {}) if isinstance(o, Lit)]
            if ids:
                self.doc_ids[s] = ids
        self.mentions: dict[str, Mention] = {}
        self.evidence: dict[str, list[str]] = {}
        self._evidence_docs: dict[str, frozenset[str]] = {}
        self._names: dict[tuple[str, str | None], frozenset[str]] = {}
        for s in sorted(self.out):
            ms = self.resources(s, P_EVIDENCE)
            if ms:
                self.evidence[s] = ms
                for m in ms:
                    if m not in self.mentions:
                        self.mentions[m] = self._mention(m)
        self.qids: dict[str, list[str]] = {}
        for s in sorted(self.out):
            qs = sorted({m.group(1) for o in self.resources(s, SKOS_EXACT) if (m := WIKIDATA_IRI.match(o))})
            if qs:
                self.qids[s] = qs

    # -- basic access ------------------------------------------------------------------------
    def objects(self, s: str, p: str) -> list:
        return list(self.out.get(s, {}).get(p, {}))

    def resources(self, s: str, p: str) -> list[str]:
        return sorted(o for o in self.objects(s, p) if isinstance(o, str))

    def literals(self, s: str, p: str) -> list[Lit]:
        return [o for o in self.objects(s, p) if isinstance(o, Lit)]

    def _mention(self, m: str) -> Mention:
        docs = sorted({i for src in self.resources(m, OA_SOURCE) for i in self.doc_ids.get(src, [])})
        positions, exacts = [], []
        for sel in [m, *self.resources(m, OA_SELECTOR)]:
            starts, ends = self.literals(sel, OA_START), self.literals(sel, OA_END)
            for st in starts:
                for en in ends:
                    try:
                        positions.append((int(st.value), int(en.value)))
                    except ValueError:
                        pass
            exacts += [lit.value for lit in self.literals(sel, OA_EXACT)]
        return Mention(m, docs, sorted(set(positions)), sorted(set(exacts)))

    # -- derived views -----------------------------------------------------------------------
    def evidence_docs(self, s: str) -> frozenset[str]:
        """Documents (identifiers) in which s has evidence mentions."""
        if s not in self._evidence_docs:
            self._evidence_docs[s] = frozenset(d for m in self.evidence.get(s, []) for d in self.mentions[m].docs)
        return self._evidence_docs[s]

    def in_doc(self, cls: str, doc: str) -> list[str]:
        """Instances of cls with at least one evidence mention in doc, sorted by IRI."""
        return [s for s in self.instances.get(cls, []) if doc in self.evidence_docs(s)]

    def labels(self, s: str) -> list[str]:
        return sorted({lit.value for p in LABEL_PREDICATES for lit in self.literals(s, p)})

    def quotes(self, s: str, doc: str) -> list[str]:
        return [e for m in self.evidence.get(s, []) if doc in self.mentions[m].docs
                for e in self.mentions[m].exacts]

    def names(self, s: str, doc: str | None = None) -> frozenset[str]:
        """Normalised names: rdfs:label, skos:prefLabel, skos:altLabel, plus (with doc) the
        oa:exact quotes of the resource's evidence mentions in that document."""
        key = (s, doc)
        if key not in self._names:
            self._names[key] = names_to_variants(self.labels(s) + (self.quotes(s, doc) if doc else []))
        return self._names[key]

    def display(self, s: str) -> str:
        """A readable label: rdfs:label@sr-Latn, else any label, else the IRI's last segment."""
        for lang in ("sr-latn", "en", ""):
            found = sorted(lit.value for lit in self.literals(s, RDFS_LABEL) if lit.lang == lang)
            if found:
                return found[0]
        labels = self.labels(s)
        if labels:
            return labels[0]
        return re.split(r"[/#]", s.rstrip("/#"))[-1] or s

    def participation_docs(self, program: str, role: str, actor: str) -> set[str] | None:
        """Documents with evidence for the Participation that backs the shortcut triple
        (program, role, actor); None when no such Participation exists."""
        concept = ROLES[role][1]
        found = None
        for p in self.resources(program, P_PARTICIPATION):
            if actor in self.resources(p, P_AGENT) and concept in self.resources(p, P_ROLE):
                found = (found or set()) | self.evidence_docs(p)
        return found

    def subclass_only(self, cls: str) -> list[str]:
        """Resources typed with a subclass of cls (per rdfs:subClassOf in the graph) but not with
        cls itself: the contract requires the superclass type, so these are not scored."""
        subs, frontier = set(), {cls}
        while frontier:
            nxt = {s for s, po in self.out.items() for o in po.get(RDFS_SUBCLASS, {}) if o in frontier}
            nxt -= subs | {cls}
            subs |= nxt
            frontier = nxt
        return sorted({s for c in subs for s in self.instances.get(c, [])} - set(self.instances.get(cls, [])))



    def recorded_texts(self) -> dict[str, str]:
        """Source texts the store records (`rikg:text` on a SourceDocument), by dcterms:identifier: what
        the build read, so offsets can be checked without the source folder."""
        texts: dict[str, str] = {}
        for s, ids in self.doc_ids.items():
            for lit in self.literals(s, P_TEXT):
                for doc in ids:
                    texts.setdefault(doc, lit.value)
        return texts


def local(iri: str) -> str:
    return re.split(r"[/#]", iri)[-1]
