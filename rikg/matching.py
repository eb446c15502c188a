"""Name matching blind to script, case, diacritics, inflection, acronyms and small typos.

Used by /reconcile and /search (endpoint/reconcile.py, endpoint/search.py) and by the build, which
writes `rikg:foldedLabel` (see `search_label_quads`). There is one implementation of the Serbian
parts, the loaders': `fold` (script, case, diacritics: loaders/normalise.py), `case_forms`,
`to_nominative` and `stem_key` (inflection: loaders/morphology.py) and `name_key` (stems of the
folded words: loaders/resolve.py). This module only decides which keys a label is filed under and
how a query is scored against them.

Scores are 0-100. A candidate is found in tiers, best first; an entity keeps its best tier:

    100  the query folds to a label (rdfs:label)          "krusevac" ~ "Kruševac", "Крушевац"
     97  ... to an altLabel (a surface form seen in a text) "Nacionalne službe za zapošljavanje"
     96  ... to a hiddenLabel (an acronym written by the build: GIZ, NSZ, BMZ)
     95  ... to a generated case form of a label            "Kruševcu", "Novom Sadu"
     92  same stem key (name_key) as a label                "Krusevcu", "Kruševcem"
     90  a nominative of the query (to_nominative) folds to a label
     89  an acronym in brackets in a label, "(GIZ)"; 88 the initials of a label: "NSZ"
     86  the name without its title ("Grad", "Opština", "City of"): "Opština Vrnjačka Banja"
     84  one typo (edit distance 1, a swap of two letters counts one); 78 two; 72 three (long names)
     82  one typo in the stems (inflected and misspelt: "Aleksandrom Popovićem"); 76 two; 70 three
  50-80  every query word is in the label ("Inkluzija Roma" in a longer program name), if one of them
         is rare in the graph (a word in most names, "Roma", says nothing: at most 45 then)
   < 50  some words shared: never returned by /reconcile

`Candidate.match` is decided by `decide`: only a top candidate of at least 90 that leads the next
one by at least 8 points is certain.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad
from rapidfuzz import process
from rapidfuzz.distance import OSA

from rikg.loaders.morphology import case_forms, stem_key, to_nominative
from rikg.loaders.normalise import fold, normalise
from rikg.loaders.resolve import name_key
from rikg.vocab import ID_NS, RDFS, RIKG, SKOS

LABEL = RDFS.label.value
ALT_LABEL = SKOS.altLabel.value
HIDDEN_LABEL = SKOS.hiddenLabel.value
LABEL_PREDICATES = (LABEL, ALT_LABEL, HIDDEN_LABEL)

MATCH_MIN = 90.0  # a certain match scores at least this ...
MATCH_LEAD = 8.0  # ... and leads the second candidate by at least this much
RECONCILE_MIN = 50.0  # /reconcile drops weaker candidates (partial word overlaps)

# Words skipped when the initials of a name are taken: "Nacionalna služba za zapošljavanje" -> NSZ,
# "United Nations Development Programme" -> UNDP. Folded; Serbian, English and German connectors
# (the names of foreign donors are given in their language).
_CONNECTORS = frozenset("i u o a na za sa s od do iz pri po uz of for the and in on de fur und".split())
# Title words before a local government's name in English labels the build writes ("City of Niš");
# the Serbian ones come from data/patterns/lsg_prefixes.csv.
_ENGLISH_TITLES = ("city of", "municipality of", "town of", "city municipality of")
_ACRONYM = re.compile(r"\(([A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ0-9]{2,10})\)")


@lru_cache(maxsize=1)
def title_prefixes() -> tuple[str, ...]:
    """Folded title words, longest first ("gradska opstina" before "grad")."""
    from rikg.loaders.patterns import read_rows

    words = {r["prefix"].strip() for r in read_rows("lsg_prefixes.csv")} | set(_ENGLISH_TITLES)
    return tuple(sorted((w for w in words if w), key=len, reverse=True))


def strip_title(folded: str) -> str:
    """The folded name without a leading title ("grad krusevac" -> "krusevac"), or "" if it has none."""
    for t in title_prefixes():
        if folded.startswith(t + " ") and len(folded) > len(t) + 1:
            return folded[len(t) + 1:]
    for suffix in (" municipality", " city"):
        if folded.endswith(suffix) and len(folded) > len(suffix):
            return folded[: -len(suffix)]
    return ""


def latin(text: str) -> str:
    """Serbian Latin with diacritics (what the morphology works on), from either script."""
    return normalise(text).text


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and " " not in text.strip() and all(c.isupper() for c in letters)


def initials(folded: str) -> str:
    """Initials of a folded name of two or more content words ("nacionalna sluzba za zaposljavanje" -> "nsz")."""
    words = [w for w in folded.split() if w not in _CONNECTORS and not w.isdigit()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


@lru_cache(maxsize=65536)
def _forms(text: str) -> frozenset[str]:
    """Folded case forms of a label (Latin, phrase-aware), without the label itself."""
    lat = latin(text)
    if is_acronym(lat) or len(lat.split()) > 8:
        return frozenset()
    return frozenset(fold(f) for f in case_forms(lat)) - {fold(text)}


@lru_cache(maxsize=16384)
def _nominatives(text: str) -> tuple[str, ...]:
    """Folded nominatives of an inflected query, best first (at most three)."""
    lat = " ".join(latin(text).split())
    if not lat or len(lat.split()) > 8:
        return ()
    out: list[str] = []
    for n in to_nominative(lat)[:3]:
        f = fold(n)
        if f and f not in out:
            out.append(f)
    return tuple(out)


def word_keys(folded: str) -> frozenset[str]:
    """Stem keys of the content words of a folded name (for partial matches)."""
    return frozenset(stem_key(w) for w in folded.split() if w not in _CONNECTORS)


def typo_of(query: str, key: str, dist: int, shortest: int = 4) -> bool:
    """Whether folded `query` may be a misspelling of folded `key` at edit distance `dist`.

    Every word may carry one slip (two in words of nine letters or more), words under `shortest`
    letters none, and numbers none: so "Aleksandar Petrović" is not "Aleksandar Popović", nor
    "faza 3" "faza 2", while "Nacionalna sluzba za zaposljavnje" still finds its name.
    """
    qw, kw = query.split(), key.split()
    if [w for w in qw if w.isdigit()] != [w for w in kw if w.isdigit()]:
        return False
    if len(qw) != len(kw):
        return dist <= 1 and len(query) >= 8  # a space too many or too few ("EKO- AKTIV")
    for a, b in zip(qw, kw, strict=True):
        if a == b:
            continue
        if len(b) < shortest or OSA.distance(a, b) > (1 if len(b) < 9 else 2):
            return False
    return True


# ---------------------------------------------------------------------------------------------
# Entities and candidates
# ---------------------------------------------------------------------------------------------


@dataclass
class Entity:
    """One labelled resource of the graph, as far as matching and previews need it."""

    iri: str
    labels: list[tuple[str, str, str]] = field(default_factory=list)  # (text, lang, predicate IRI)
    types: set[str] = field(default_factory=set)  # class IRIs
    qids: set[str] = field(default_factory=set)  # Q123
    kinds: set[str] = field(default_factory=set)  # rikg:organizationKind IRIs

    @property
    def id(self) -> str:
        """The reconciliation id: the IRI relative to https://w3id.org/rikg/id/."""
        return self.iri[len(ID_NS):] if self.iri.startswith(ID_NS) else self.iri

    def label(self, langs: tuple[str, ...] = ("sr-latn", "en", "sr-cyrl", "")) -> str:
        """The rdfs:label in the first language of `langs` present; else any label; else the id."""
        own = [(t, lang) for t, lang, p in self.labels if p == LABEL]
        for want in langs:
            for t, lang in own:
                if lang.lower() == want:
                    return t
        if own:
            return own[0][0]
        return self.labels[0][0] if self.labels else self.id

    def labels_in(self, lang: str) -> list[str]:
        return sorted({t for t, lg, p in self.labels if p == LABEL and lg.lower() == lang.lower()})


@dataclass(frozen=True)
class Candidate:
    entity: Entity
    score: float
    matched: str  # the label (or form) that matched, folded
    how: str  # exact | alt | acronym | form | stem | nominative | title | typo | words
    match: bool = False


def decide(cands: list[Candidate]) -> list[Candidate]:
    """Mark the top candidate certain when it is strong and clearly ahead of the next one."""
    if not cands:
        return cands
    top = cands[0]
    second = cands[1].score if len(cands) > 1 else 0.0
    if top.score >= MATCH_MIN and top.score - second >= MATCH_LEAD:
        cands = [Candidate(top.entity, top.score, top.matched, top.how, True), *cands[1:]]
    return cands


# ---------------------------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------------------------

_Keys = tuple[tuple[tuple[str, str, float, str], ...], str, str, frozenset[str]]


@lru_cache(maxsize=262144)
def _label_keys(text: str, pred: str, place: bool) -> _Keys:
    """The keys one label is filed under: ((kind, key, score, how), ...), its typo key, its stem key
    and its word stems. Cached: a big graph repeats the same few thousand names many times."""
    f = fold(text)
    if not f:
        return (), "", "", frozenset()
    hidden = pred == HIDDEN_LABEL
    own = pred == LABEL
    keys = [("f", f, 100.0 if own else 96.0 if hidden else 97.0, "exact" if own else "acronym" if hidden else "alt")]
    if hidden:
        return tuple(keys), "", "", frozenset()  # acronyms: exact only
    keys += [("f", form, 95.0 if own else 91.0, "form") for form in _forms(text)]
    stem = name_key(text)
    keys.append(("k", stem, 92.0 if own else 89.0, "stem"))
    keys += [("a", fold(acr), 89.0, "acronym") for acr in _ACRONYM.findall(text)]
    if is_acronym(text):
        keys.append(("a", f, 96.0 if own else 93.0, "acronym"))
    elif own and not place and len(initials(f)) >= 3:
        # Initials name organisations and programs ("NSZ"); places are not abbreviated that way,
        # and two-letter initials collide ("BP": Bačka Palanka and Bela Palanka).
        keys.append(("a", initials(f), 88.0, "acronym"))
    core = strip_title(f)
    if core:
        keys.append(("c", name_key(core), 86.0, "title"))
    return tuple(k for k in keys if k[1]), f, stem, word_keys(f)

_Hits = dict[int, tuple[float, str, str]]  # entity number -> (score, matched key, how)


class LabelIndex:
    """Every label of the graph filed under its match keys; built once per store generation."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities: list[Entity] = list(entities)
        self.by_iri: dict[str, Entity] = {e.iri: e for e in self.entities}
        self._types: set[str] | None = None
        self._keys: dict[str, dict[int, tuple[float, str]]] = {}  # "kind:key" -> entity -> (score, how)
        self._words: dict[str, set[int]] = {}  # word stem -> entities
        self._word_sets: dict[int, list[frozenset[str]]] = {}  # entity -> word keys of each label
        self._fuzzy: dict[str, set[int]] = {}  # folded label -> entities (typo search)
        self._fuzzy_stems: dict[str, set[int]] = {}  # name_key of a label -> entities (typo search)
        for i, e in enumerate(self.entities):
            self._file(i, e)
        self._fuzzy_choices = list(self._fuzzy)
        self._fuzzy_stem_choices = list(self._fuzzy_stems)
        # A word is rare when few entities carry it (relative, so a replicated graph behaves alike).
        self._rare = max(3, len(self.entities) // 100)

    def __len__(self) -> int:
        return len(self.entities)

    @property
    def types(self) -> set[str]:
        """Every class of an indexed entity."""
        if self._types is None:
            self._types = {t for e in self.entities for t in e.types}
        return self._types

    def _put(self, kind: str, key: str, i: int, score: float, how: str) -> None:
        if not key:
            return
        slot = self._keys.setdefault(f"{kind}:{key}", {})
        if i not in slot or slot[i][0] < score:
            slot[i] = (score, how)

    def _file(self, i: int, e: Entity) -> None:
        place = any(t.endswith("#Place") for t in e.types)
        for text, _lang, pred in e.labels:
            keys, f, stem, words = _label_keys(text, pred, place)
            for kind, key, score, how in keys:
                self._put(kind, key, i, score, how)
            if f:
                self._fuzzy.setdefault(f, set()).add(i)
            if stem:
                self._fuzzy_stems.setdefault(stem, set()).add(i)
            if words:
                self._word_sets.setdefault(i, []).append(words)
                for w in words:
                    self._words.setdefault(w, set()).add(i)

    # -- queries --------------------------------------------------------------------------------

    def _take(self, hits: _Hits, kind: str, key: str, cap: float | None = None, how: str | None = None) -> None:
        for i, (score, h) in self._keys.get(f"{kind}:{key}", {}).items():
            s = min(score, cap) if cap is not None else score
            if i not in hits or hits[i][0] < s:
                hits[i] = (s, key, how or h)

    def _hits(self, query: str, allowed: Callable[[int], bool]) -> _Hits:
        hits: _Hits = {}
        qf = fold(query)
        if not qf:
            return hits
        self._take(hits, "f", qf)
        qk = name_key(query)
        self._take(hits, "k", qk)
        single = " " not in qf
        if single:
            self._take(hits, "a", qf)
        for n in _nominatives(query):
            if n != qf:
                self._take(hits, "f", n, cap=90.0, how="nominative")
                self._take(hits, "k", name_key(n), cap=90.0, how="nominative")
                if " " not in n:
                    self._take(hits, "a", n, cap=90.0, how="acronym")
        core = strip_title(qf)
        if core:
            # "Opština Vrnjačka Banja", "Grad Kruševac": the name without the title, both ways.
            self._take(hits, "f", core, cap=86.0, how="title")
            self._take(hits, "k", name_key(core), cap=86.0, how="title")
            self._take(hits, "c", name_key(core), cap=87.0, how="title")
        self._take(hits, "c", qk, cap=86.0)
        # Weaker tiers only when the stronger ones found nothing of the wanted types.
        best = max((h[0] for i, h in hits.items() if allowed(i)), default=0.0)
        if best < 90.0 and len(qf) >= 5:
            self._typos(qf, hits, self._fuzzy_choices, self._fuzzy, 0.0, 4)
            # Stems are shorter than words: a slip in a short stem is another name (Kruševo, Kruševac).
            self._typos(qk, hits, self._fuzzy_stem_choices, self._fuzzy_stems, 2.0, 8)
        if best < 80.0:
            self._partial(qf, hits)
        return hits

    def _typos(self, qf: str, hits: _Hits, choices: list[str], owners: dict[str, set[int]], malus: float,
               shortest: int) -> None:
        # Short names differ from each other by one letter (Bor/Bar, Pirot/Pirou): the allowance grows
        # with the length, and names under five letters get none.
        if len(qf) < 5:
            return
        allowed = 1 if len(qf) < 9 else 2 if len(qf) < 16 else 3
        found = process.extract(qf, choices, scorer=OSA.distance, score_cutoff=allowed, limit=50)
        for key, dist, _ in found:
            if dist == 0 or not typo_of(qf, key, int(dist), shortest):
                continue
            s = {1: 84.0, 2: 78.0}.get(int(dist), 72.0) - malus
            for i in owners[key]:
                if i not in hits or hits[i][0] < s:
                    hits[i] = (s, key, "typo")

    def _partial(self, qf: str, hits: _Hits, cap: int = 2000) -> None:
        q = word_keys(qf)
        if not q:
            return
        # Rarest word first, so that a common word ("roma") does not flood the candidates.
        postings = sorted((self._words.get(w, set()) for w in q), key=len)
        seen: set[int] = set()
        for p in postings:
            seen |= p
            if len(seen) >= cap:
                break
        for i in seen:
            best = 0.0
            for words in self._word_sets.get(i, []):
                common = len(q & words)
                if not common:
                    continue
                if q <= words:
                    s = 50.0 + 30.0 * len(q) / len(words)
                    if not self._specific(q, words):
                        s = min(s, 45.0)
                elif words <= q:
                    s = 40.0 * len(words) / len(q)
                else:
                    s = 30.0 * common / len(q | words)
                best = max(best, s)
            if best and (i not in hits or hits[i][0] < best):
                hits[i] = (round(best, 1), qf, "words")

    def _specific(self, q: frozenset[str], words: frozenset[str]) -> bool:
        return any(len(self._words.get(w, ())) <= self._rare for w in q & words)

    def match(self, query: str, *, types: Collection[str] | None = None, limit: int = 10,
              minimum: float = RECONCILE_MIN, accept: Callable[[Entity], bool] | None = None) -> list[Candidate]:
        """Candidates for `query`, best first; `types` keeps entities with one of these class IRIs."""
        wanted = set(types or ())

        def allowed(i: int) -> bool:
            e = self.entities[i]
            return (not wanted or bool(e.types & wanted)) and (accept is None or accept(e))

        out: list[Candidate] = []
        for i, (score, key, how) in self._hits(query, allowed).items():
            if score >= minimum and allowed(i):
                out.append(Candidate(self.entities[i], score, key, how))
        out.sort(key=lambda c: (-c.score, c.entity.label(), c.entity.iri))
        return decide(out[:limit]) if limit > 0 else []

    def prefixed(self, prefix: str, *, types: Collection[str] | None = None, limit: int = 10) -> list[Entity]:
        """Entities with a label starting with `prefix` (folded): auto-completion for suggest."""
        p = fold(prefix)
        if not p:
            return []
        out: list[tuple[int, str, Entity]] = []
        for e in self.entities:
            if types and not (e.types & set(types)):
                continue
            folded = [fold(t) for t, _, pred in e.labels if pred != HIDDEN_LABEL]
            if any(f.startswith(p) for f in folded):
                out.append((0, e.label(), e))
            elif any(f" {p}" in f" {f}" for f in folded):
                out.append((1, e.label(), e))
        out.sort(key=lambda x: (x[0], len(x[1]), x[1]))
        return [e for _, _, e in out[:limit]]


# ---------------------------------------------------------------------------------------------
# Building the index from query results, once per store generation
# ---------------------------------------------------------------------------------------------

ENTITY_QUERIES = {
    # Plain patterns: filtering by namespace in SPARQL costs more than skipping rows in Python.
    "labels": f"""SELECT DISTINCT ?e ?p ?l WHERE {{
  VALUES ?p {{ <{LABEL}> <{ALT_LABEL}> <{HIDDEN_LABEL}> }} ?e ?p ?l
}}""",
    # The ontology's classes only: every mention and selector has a type too, five times the rows.
    "types": "SELECT DISTINCT ?e ?t WHERE {{ VALUES ?t {{ {classes} }} ?e a ?t }}",
    "qids": f"""SELECT DISTINCT ?e ?w WHERE {{
  ?e <{SKOS.exactMatch.value}> ?w . FILTER(STRSTARTS(STR(?e), "{ID_NS}")
    && STRSTARTS(STR(?w), "http://www.wikidata.org/entity/Q"))
}}""",
    "kinds": f"""SELECT DISTINCT ?e ?k WHERE {{
  ?e <{RIKG.organizationKind.value}> ?k . FILTER(STRSTARTS(STR(?e), "{ID_NS}"))
}}""",
}

Select = Callable[[str], list[dict[str, dict[str, str]]]]  # a query -> SPARQL JSON bindings


@lru_cache(maxsize=1)
def ontology_classes() -> tuple[str, ...]:
    """IRIs of the rikg: classes of ontology/rikg.ttl."""
    from pyoxigraph import RdfFormat, parse

    from rikg.paths import ONTOLOGY_FILE
    from rikg.vocab import OWL, RDF

    with open(ONTOLOGY_FILE, "rb") as f:
        return tuple(sorted({t.subject.value for t in parse(f, RdfFormat.TURTLE, base_iri=RIKG.base.rstrip("#"))
                             if t.predicate == RDF.type and t.object == OWL.Class
                             and t.subject.value.startswith(RIKG.base)}))


def index_from(select: Select) -> LabelIndex:
    """Read every labelled resource with `select` (the endpoint's executor, or a store) and index it."""
    ents: dict[str, Entity] = {}
    for b in select(ENTITY_QUERIES["labels"]):
        iri = b["e"]["value"]
        if not iri.startswith(ID_NS) or b["l"].get("type", "literal") != "literal":
            continue
        ent = ents.get(iri) or ents.setdefault(iri, Entity(iri))
        ent.labels.append((b["l"]["value"], b["l"].get("xml:lang", ""), b["p"]["value"]))
    classes = " ".join(f"<{c}>" for c in ontology_classes())
    for name, var in (("types", "t"), ("qids", "w"), ("kinds", "k")):
        for b in select(ENTITY_QUERIES[name].format(classes=classes) if name == "types" else ENTITY_QUERIES[name]):
            ent = ents.get(b["e"]["value"])
            if ent is None:
                continue
            value = b[var]["value"]
            if name == "types":
                if value.startswith(RIKG.base):
                    ent.types.add(value)
            elif name == "qids":
                ent.qids.add(value.rsplit("/", 1)[-1])
            else:
                ent.kinds.add(value)
    for ent in ents.values():
        ent.labels.sort()
    return LabelIndex(sorted(ents.values(), key=lambda e: e.iri))


def store_select(store: Any) -> Select:
    """A `Select` over a pyoxigraph store opened in this process (tests, bench, scripts)."""
    from pyoxigraph import Literal as Lit

    from rikg.store import run_query

    def select(query: str) -> list[dict[str, dict[str, str]]]:
        result = run_query(store, query)
        names = [v.value for v in result.variables]  # type: ignore[union-attr]
        rows = []
        for solution in result:  # type: ignore[union-attr]
            row = {}
            for n in names:
                t = solution[n]
                if t is None:
                    continue
                row[n] = {"type": "literal" if isinstance(t, Lit) else "uri", "value": t.value}
                if isinstance(t, Lit) and t.language:
                    row[n]["xml:lang"] = t.language
            rows.append(row)
        return rows

    return select


class IndexCache:
    """The index of one store generation; a write or a rebuilt store makes the next call rebuild it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation: object = None
        self._index: LabelIndex | None = None

    def get(self, generation: object, select: Select) -> LabelIndex:
        with self._lock:  # one build at a time; waiting requests then reuse it
            if self._index is None or generation != self._generation:
                self._index = index_from(select)
                self._generation = generation
            return self._index


# ---------------------------------------------------------------------------------------------
# Materialised labels for SPARQL (written by rikg build)
# ---------------------------------------------------------------------------------------------


def search_label_quads(quads: Iterable[Quad], acronyms: dict[str, Iterable[str]] | None = None) -> list[Quad]:
    """Quads that make every label searchable from SPARQL, for the build to add to its own.

    - `rikg:foldedLabel`: `fold` of every rdfs:label, skos:altLabel and skos:hiddenLabel of an entity
      (Latin script, lower case, no diacritics, đ as dj), in the graph of the label, once per value;
    - `skos:hiddenLabel`: the acronyms of `acronyms` (entity IRI -> acronyms, from the gazetteer), in
      the graph of the entity's rdfs:label, for entities the build has made.
    """
    quads = list(quads)
    out: list[Quad] = []
    seen: set[tuple[str, str, str]] = set()
    label_graph: dict[str, object] = {}
    labelled: list[tuple[NamedNode, str, object]] = []
    for q in quads:
        if q.predicate.value in LABEL_PREDICATES and isinstance(q.subject, NamedNode) \
                and q.subject.value.startswith(ID_NS) and isinstance(q.object, Literal):
            labelled.append((q.subject, q.object.value, q.graph_name))
            if q.predicate.value == LABEL:
                label_graph.setdefault(q.subject.value, q.graph_name)
    have = {(s.value, t) for s, t, _ in labelled}
    for iri, names in (acronyms or {}).items():
        graph = label_graph.get(iri)
        if graph is None:
            continue
        for a in names:
            if (iri, a) not in have:
                have.add((iri, a))
                out.append(Quad(NamedNode(iri), SKOS.hiddenLabel, Literal(a), graph))  # type: ignore[arg-type]
                labelled.append((NamedNode(iri), a, graph))
    for subject, text, graph in labelled:
        f = fold(text)
        key = (subject.value, f, str(graph))
        if f and key not in seen:
            seen.add(key)
            out.append(Quad(subject, RIKG.foldedLabel, Literal(f), graph))  # type: ignore[arg-type]
    return out


def gazetteer_acronyms() -> dict[str, tuple[str, ...]]:
    """Entity IRI -> the acronyms the gazetteer knows for it (GIZ, NSZ, BMZ ...).

    The IRI is the one loaders/to_rdf.py `entity_iri` gives a curated organisation or place
    (id/<kind>/<key>); `search_label_quads` writes them only for IRIs the build has labelled.
    """
    from rikg.loaders import gazetteer

    out: dict[str, tuple[str, ...]] = {}
    for key, entry in gazetteer.entries().items():
        kind, _, rest = key.partition(":")
        if entry.acronyms and kind in ("org", "place", "lsg"):
            out[f"{ID_NS}{kind}/{rest}"] = tuple(entry.acronyms)
    return out
