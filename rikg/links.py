"""Wikidata links (skos:exactMatch) from verified reference data and a human curation file.

Two inputs decide every link, and nothing else may put a QID into the graph:

- data/reference/wikidata-qids.csv: rows whose `qid` was seen paired with the entity in stored public
  data. An entity links to a row when one of its names (canonical, Cyrillic, English, the names its
  mentions resolved to) equals a row label after normalisation (script, case, diacritics, an
  administrative prefix such as "Grad"/"Opština", inflection by word stems), and the row's kind fits
  the entity's kind. Rows without a verified QID never give a link; if such a row matches as well as
  a verified one, the entity stays unlinked, because a wrong link is worse than none.
- data/links/curated.csv (overridable): decisions by people, read in file order, later rows winning.
  `confirm` adds a QID, `reject` removes one (even if the reference would give it), `none` says the
  entity has no Wikidata item at all and removes every link.

The links and their void:Linkset description live in their own named graph, so they can be
exported, replaced or audited apart from the extracted facts.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import logging
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store
from rapidfuzz import fuzz

from rikg import paths
from rikg.loaders import gazetteer
from rikg.loaders.facts import Entity
from rikg.loaders.morphology import stem_key
from rikg.loaders.normalise import fold
from rikg.vocab import ENTITIES_GRAPH, GRAPH_NS, ID_NS, RDF, RDFS, SKOS, VOID, WD, WD_NS, XSD

log = logging.getLogger("rikg.links")

LINKS_GRAPH = NamedNode(GRAPH_NS + "links")
LINKSET = NamedNode(ID_NS + "linkset/wikidata")
DATASET = NamedNode("https://w3id.org/rikg/dataset")
WIKIDATA = NamedNode("http://www.wikidata.org/")
CURATED_ENV = "RIKG_CURATED_LINKS"
CURATED_COLUMNS = ("entity", "qid", "decision", "who", "when", "note")
DECISIONS = ("confirm", "reject", "none")
LABEL_COLUMNS = (("label_sr_latn", "sr-Latn"), ("label_sr_cyrl", "sr-Cyrl"), ("label_en", "en"))
_QID = re.compile(r"^Q[1-9][0-9]*$")
_TAGS = {tag.lower(): tag for _, tag in LABEL_COLUMNS}

# Which reference kinds may describe an entity of ours. A city "place" and its local government both
# link to the local-self-government unit item (the reference has no separate territory items).
_UNIT_KINDS = frozenset({"city", "municipality", "city_municipality", "city_kosovo", "municipality_kosovo"})
_PLACE_KINDS = {"city": _UNIT_KINDS, "municipality": _UNIT_KINDS, "city_municipality": _UNIT_KINDS,
                "district": frozenset({"district", "district_kosovo"}),
                # Kosovo is a "region" in the gazetteer (status-neutral) but a "country" row in the reference.
                "region": frozenset({"district", "district_kosovo", "country"}),
                "country": frozenset({"country"}), "settlement": frozenset({"settlement"})}
_ORG_KINDS = frozenset({"organization"})

# Administrative words that the reference puts around unit names ("Grad Kruševac", "City of Bor",
# "Bor Municipality") but the texts often leave out. Folded, so Cyrillic labels reduce the same way.
_PREFIXES = ("gradska opstina ", "grad ", "opstina ", "city of ", "municipality of ")
_SUFFIXES = (" municipality",)
_PARENS = re.compile(r"\s*\([^)]*\)")
_ACRONYM = re.compile(r"\(([A-ZА-Я]{2,}[a-zа-я]?)\)")


# --------------------------------------------------------------------------------------------------
# Reference and curation data


@dataclass(frozen=True)
class RefRow:
    index: int                 # line in the CSV (header = 1), to cite the row as evidence
    qid: str                   # empty: NOT VERIFIED
    kind: str
    labels: dict[str, str]     # column -> label (non-empty ones only)
    source: str


@dataclass
class Curation:
    """The state the curated file leaves after replaying its rows in order."""

    confirmed: dict[str, list[str]] = field(default_factory=dict)   # entity IRI -> QIDs
    rejected: set[tuple[str, str]] = field(default_factory=set)     # (entity IRI, QID)
    none: set[str] = field(default_factory=set)                     # entity IRIs without an item

    def is_confirmed(self, entity: str, qid: str) -> bool:
        return qid in self.confirmed.get(entity, [])


def curated_path(path: Path | str | None = None) -> Path:
    """The curation file: an explicit path wins, then $RIKG_CURATED_LINKS, then data/links/curated.csv."""
    if path:
        return Path(path)
    env = os.environ.get(CURATED_ENV)
    return Path(env) if env else paths.CURATED_LINKS


@cache
def reference_rows(path: Path = paths.REFERENCE_QIDS) -> tuple[RefRow, ...]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = []
        for i, r in enumerate(csv.DictReader(f), start=2):
            qid = (r.get("qid") or "").strip()
            source = r.get("source") or ""
            if qid and (not _QID.match(qid) or source.startswith("NOT VERIFIED")):
                raise ValueError(f"{path}: line {i}: {qid!r} is not a verified QID")
            labels = {c: r[c].strip() for c, _ in LABEL_COLUMNS if (r.get(c) or "").strip()}
            rows.append(RefRow(i, qid, r.get("kind", ""), labels, source))
    return tuple(rows)


def reference_qids(path: Path = paths.REFERENCE_QIDS) -> frozenset[str]:
    return frozenset(r.qid for r in reference_rows(path) if r.qid)


def read_curation(path: Path) -> Curation:
    """Replays the curated file; a missing file is an empty curation (nothing decided yet)."""
    cur = Curation()
    if not path.is_file():
        return cur
    with open(path, encoding="utf-8", newline="") as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            entity, qid, decision = (r.get(c, "").strip() for c in ("entity", "qid", "decision"))
            if decision not in DECISIONS or not entity or (decision != "none" and not _QID.match(qid)):
                raise ValueError(f"{path}: line {i}: need entity, a QID and a decision in {DECISIONS}")
            if decision == "confirm":
                cur.none.discard(entity)
                cur.rejected.discard((entity, qid))
                if qid not in cur.confirmed.setdefault(entity, []):
                    cur.confirmed[entity].append(qid)
            elif decision == "reject":
                cur.rejected.add((entity, qid))
                if qid in cur.confirmed.get(entity, []):
                    cur.confirmed[entity].remove(qid)
            else:
                cur.none.add(entity)
                cur.confirmed.pop(entity, None)
    return cur


# --------------------------------------------------------------------------------------------------
# Name matching


def _strip_admin(name: str) -> str:
    for p in _PREFIXES:
        if name.startswith(p) and len(name) > len(p):
            name = name[len(p):]
            break
    for s in _SUFFIXES:
        if name.endswith(s) and len(name) > len(s):
            name = name[: -len(s)]
    return name


def variants(name: str) -> dict[str, int]:
    """Matching keys of one name with their strength: 3 the whole folded name, 2 without brackets or
    administrative words, 1 the same by word stems (inflected forms) or an acronym in brackets."""
    out: dict[str, int] = {}

    def put(key: str, strength: int) -> None:
        if key and out.get(key, 0) < strength:
            out[key] = strength

    whole = fold(name)
    put(whole, 3)
    for base in {whole, fold(_PARENS.sub("", name))}:
        stripped = _strip_admin(base)
        put(base, 2)
        put(stripped, 2)
        put("~" + " ".join(stem_key(w) for w in stripped.split()), 1)
    for acr in _ACRONYM.findall(name):
        put(fold(acr), 1)
    return out


@cache
def _index(path: Path = paths.REFERENCE_QIDS) -> dict[str, list[tuple[RefRow, str, int]]]:
    """Matching key -> (row, label column, strength)."""
    idx: dict[str, list[tuple[RefRow, str, int]]] = {}
    for row in reference_rows(path):
        for col, label in row.labels.items():
            for key, strength in variants(label).items():
                idx.setdefault(key, []).append((row, col, strength))
    return idx


def allowed_kinds(ent: Entity) -> frozenset[str]:
    if ent.kind == "lsg":
        return _UNIT_KINDS
    if ent.kind == "place":
        return _PLACE_KINDS.get(ent.subtype, frozenset())
    if ent.kind == "org":
        return _ORG_KINDS
    return frozenset()  # persons and programs: the reference has no verified items for them


def entity_names(ent: Entity) -> list[str]:
    names = [ent.name, ent.cyrillic or "", ent.english or ""]
    names += [m.name for m in ent.mentions] + [m.surface for m in ent.mentions]
    return [n for n in dict.fromkeys(names) if n and n.strip()]


@dataclass(frozen=True)
class Match:
    row: RefRow
    name: str          # our name that matched
    column: str        # reference column it matched
    strength: int


def reference_matches(ent: Entity, ref: Path = paths.REFERENCE_QIDS) -> list[Match]:
    """Kind-compatible reference rows matched by any of the entity's names, strongest first."""
    kinds = allowed_kinds(ent)
    if not kinds:
        return []
    idx = _index(ref)
    best: dict[int, Match] = {}
    for name in entity_names(ent):
        for key, s_ours in variants(name).items():
            for row, col, s_ref in idx.get(key, ()):
                if row.kind not in kinds:
                    continue
                strength = min(s_ours, s_ref)
                if row.index not in best or best[row.index].strength < strength:
                    best[row.index] = Match(row, name, col, strength)
    return sorted(best.values(), key=lambda m: (-m.strength, m.row.index))


def reference_qid(ent: Entity, ref: Path = paths.REFERENCE_QIDS) -> tuple[str | None, str]:
    """The one verified QID the reference gives this entity, or None, with the reason (for logs)."""
    matches = reference_matches(ent, ref)
    if not matches:
        return None, "no reference row"
    # The curated gazetteer names the same row for most entities; when it agrees with a name match we
    # take that row even if weaker matches point elsewhere (Beograd: the city unit, not the settlement).
    gaz_key = ent.place_key if ent.kind == "lsg" else ent.key
    gaz = gazetteer.entries().get(gaz_key or "")
    if gaz and gaz.qid and any(m.row.qid == gaz.qid for m in matches):
        return gaz.qid, "reference row agrees with the gazetteer"
    top = matches[0].strength
    best = [m for m in matches if m.strength == top]
    qids = {m.row.qid for m in best}
    if "" in qids:
        return None, "a NOT VERIFIED reference row matches as well"
    if len(qids) > 1:
        return None, f"ambiguous: {sorted(qids)}"
    qid = qids.pop()
    if gaz and gaz.qid and gaz.qid != qid:
        return None, f"gazetteer says {gaz.qid}, reference names say {qid}"
    return qid, "reference name match"


# --------------------------------------------------------------------------------------------------
# Build: decisions and quads


def decide(entities: dict[str, Entity], iris: dict[str, NamedNode], *, curated: Path | str | None = None,
           ref: Path = paths.REFERENCE_QIDS) -> dict[str, list[str]]:
    """Entity key -> its Wikidata QIDs: the reference's, minus rejected pairs, plus confirmed ones;
    nothing for entities curated as `none`."""
    cur = read_curation(curated_path(curated))
    by_iri = {iri.value: key for key, iri in iris.items()}
    for iri in {*cur.confirmed, *cur.none, *(e for e, _ in cur.rejected)} - by_iri.keys():
        log.info("curated links: %s is not in this build", iri)
    out: dict[str, list[str]] = {}
    for key, ent in sorted(entities.items()):
        iri = iris[key].value
        if iri in cur.none:
            continue
        qids: list[str] = []
        qid, why = reference_qid(ent, ref)
        if qid and (iri, qid) not in cur.rejected:
            qids.append(qid)
        elif not qid and allowed_kinds(ent):
            log.debug("no link for %s: %s", key, why)
        qids += [q for q in cur.confirmed.get(iri, []) if q not in qids]
        if qids:
            out[key] = qids
    return out


def _row_for(qid: str, ent: Entity, ref: Path) -> RefRow | None:
    kinds = allowed_kinds(ent)
    rows = [r for r in reference_rows(ref) if r.qid == qid]
    return next((r for r in rows if r.kind in kinds), rows[0] if rows else None)


def link_quads(entities: dict[str, Entity], iris: dict[str, NamedNode], links: dict[str, list[str]]) -> list[Quad]:
    """skos:exactMatch triples, all in the links graph (never in the entities graph)."""
    return [Quad(iris[key], SKOS.exactMatch, WD[q], LINKS_GRAPH) for key in sorted(links) for q in links[key]]


def relabel(quads: Iterable[Quad], entities: dict[str, Entity], iris: dict[str, NamedNode],
            links: dict[str, list[str]], ref: Path = paths.REFERENCE_QIDS) -> list[Quad]:
    """Adds the reference labels of linked places and organisations, one rdfs:label per language tag.

    Our label stays the rdfs:label (a place is "Kruševac", not the reference's descriptive "Grad Kruševac");
    the reference label is added as rdfs:label where we have none in that language, else as skos:altLabel
    where it differs. Either way every name stays searchable in every script.
    """
    wanted: dict[NamedNode, tuple[bool, dict[str, str]]] = {}
    for key, qids in links.items():
        ent = entities[key]
        row = _row_for(qids[0], ent, ref) if ent.kind in ("place", "lsg", "org") else None
        if row is not None:
            tags = {tag: row.labels[col] for col, tag in LABEL_COLUMNS if col in row.labels}
            wanted[iris[key]] = (False, tags)
    out: list[Quad] = []
    ours: dict[tuple[NamedNode, str], tuple[str, NamedNode]] = {}  # (node, tag) -> (label, graph)
    for q in quads:
        info = wanted.get(q.subject) if q.predicate == RDFS.label and isinstance(q.object, Literal) else None
        # pyoxigraph keeps language tags lower-cased ("sr-latn"); map them back to the reference's tags.
        tag = _TAGS.get((q.object.language or "").lower()) if info else None
        if info and tag in info[1]:
            ours[(q.subject, tag)] = (q.object.value, q.graph_name)
            if info[0] and q.object.value != info[1][tag]:
                q = Quad(q.subject, SKOS.altLabel, q.object, q.graph_name)  # the reference label wins
        out.append(q)
    for node in sorted(wanted, key=lambda n: n.value):
        is_place, tags = wanted[node]
        for tag, text in tags.items():
            have, graph = ours.get((node, tag), (None, ENTITIES_GRAPH))
            if have == text:
                continue
            pred = RDFS.label if (is_place or have is None) else SKOS.altLabel
            out.append(Quad(node, pred, Literal(text, language=tag), graph))
    return out


def linkset_quads(links: dict[str, list[str]]) -> list[Quad]:
    """The void:Linkset that describes the links, in the links graph."""
    g = LINKS_GRAPH
    n = sum(len(q) for q in links.values())
    return [
        Quad(LINKSET, RDF.type, VOID.Linkset, g),
        Quad(LINKSET, RDFS.label, Literal("rikg to Wikidata links", language="en"), g),
        Quad(LINKSET, VOID.linkPredicate, SKOS.exactMatch, g),
        Quad(LINKSET, VOID.subjectsTarget, DATASET, g),
        Quad(LINKSET, VOID.objectsTarget, WIKIDATA, g),
        Quad(LINKSET, VOID.triples, Literal(str(n), datatype=XSD.integer), g),
        Quad(WIKIDATA, RDF.type, VOID.Dataset, g),
        Quad(WIKIDATA, VOID.uriSpace, Literal(WD_NS), g),
    ]


def build_link_quads(entity_quads: Iterable[Quad], entities: dict[str, Entity], iris: dict[str, NamedNode],
                     curated: Path | str | None = None) -> list[Quad]:
    """Everything the build needs: entity quads relabelled, links and the linkset."""
    links = decide(entities, iris, curated=curated)
    return relabel(entity_quads, entities, iris, links) + link_quads(entities, iris, links) + linkset_quads(links)


# --------------------------------------------------------------------------------------------------
# `rikg links`: list | candidates | confirm | reject | none


def _entity_iri(text: str) -> str:
    """Accept a full IRI, <IRI>, id:place/x or place/x."""
    text = text.strip().strip("<>")
    if text.startswith("id:"):
        text = text[3:]
    if not text.startswith(("http://", "https://")):
        text = ID_NS + text.lstrip("/")
    return text


def _store_query(store: Store, query: str) -> list[tuple[str, ...]]:
    rows = []
    # Links, labels and types sit in different named graphs: query their union, as `rikg query` does.
    for sol in store.query(query, use_default_graph_as_union=True):
        rows.append(tuple(v.value if v is not None else "" for v in sol))
    return rows


def list_links(store: Store, cur: Curation) -> list[tuple[str, str, str, str]]:
    """(entity IRI, label, QID, source) of every link in the store."""
    rows = _store_query(store, f"""
        PREFIX skos: <{SKOS.base}> PREFIX rdfs: <{RDFS.base}>
        SELECT ?e ?q (SAMPLE(?l) AS ?label) WHERE {{
          ?e skos:exactMatch ?q .
          OPTIONAL {{ ?e rdfs:label ?l FILTER(langMatches(lang(?l), "sr-Latn")) }}
        }} GROUP BY ?e ?q ORDER BY ?e ?q""")
    out = []
    for e, q, label in rows:
        qid = q.removeprefix(WD_NS)
        out.append((e, label, qid, "curated" if cur.is_confirmed(e, qid) else "reference"))
    return out


@dataclass(frozen=True)
class Candidate:
    qid: str
    score: float
    ours: str          # our label that matched
    theirs: str        # the reference label
    column: str
    row: RefRow


def rank(labels: Iterable[str], ref: Path = paths.REFERENCE_QIDS, *, limit: int = 3,
         threshold: float = 80.0) -> list[Candidate]:
    """Reference rows ranked by the best fuzzy score of any of our labels against any of theirs."""
    ours = [(lab, _strip_admin(fold(_PARENS.sub("", lab)))) for lab in labels if fold(lab)]
    best: dict[int, Candidate] = {}
    for row in reference_rows(ref):
        for col, theirs in row.labels.items():
            t = _strip_admin(fold(_PARENS.sub("", theirs)))
            acr = {fold(a) for a in _ACRONYM.findall(theirs)}
            for lab, o in ours:
                score = 100.0 if o in acr else fuzz.token_sort_ratio(o, t)
                if score >= threshold and (row.index not in best or best[row.index].score < score):
                    best[row.index] = Candidate(row.qid, score, lab, theirs, col, row)
    return sorted(best.values(), key=lambda c: (-c.score, c.row.index))[:limit]


def unlinked(store: Store) -> dict[str, list[str]]:
    """Actors and places without a link, with all their labels."""
    rows = _store_query(store, f"""
        PREFIX skos: <{SKOS.base}> PREFIX rdfs: <{RDFS.base}> PREFIX rikg: <https://w3id.org/rikg/ontology#>
        SELECT DISTINCT ?e ?l WHERE {{
          {{ ?e a rikg:Actor }} UNION {{ ?e a rikg:Place }}
          FILTER NOT EXISTS {{ ?e skos:exactMatch ?any }}
          ?e rdfs:label|skos:altLabel ?l .
        }} ORDER BY ?e ?l""")
    out: dict[str, list[str]] = {}
    for e, label in rows:
        out.setdefault(e, []).append(label)
    return out


def candidates(store: Store, cur: Curation, ref: Path = paths.REFERENCE_QIDS, *, limit: int = 3,
               threshold: float = 80.0) -> list[tuple[str, list[Candidate]]]:
    """Unlinked actors and places with their best reference rows; rejected pairs never come back."""
    out = []
    for iri, labels in unlinked(store).items():
        if iri in cur.none:
            continue  # a person decided this entity has no Wikidata item
        ranked = rank(labels, ref, limit=limit + 10, threshold=threshold)
        cands = [c for c in ranked if not c.qid or (iri, c.qid) not in cur.rejected][:limit]
        if cands:
            out.append((iri, cands))
    return out


def record(path: Path, entity: str, qid: str, decision: str, who: str, note: str) -> dict[str, str]:
    """Append one decision to the curated file (creating it with its header)."""
    if decision not in DECISIONS:
        raise ValueError(decision)
    if decision != "none" and not _QID.match(qid):
        raise ValueError(f"{qid!r} is not a Wikidata QID (Q followed by digits)")
    row = {"entity": entity, "qid": qid, "decision": decision, "who": who,
           "when": datetime.now(UTC).isoformat(timespec="seconds"), "note": note}
    new = not path.is_file() or path.stat().st_size == 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=CURATED_COLUMNS, lineterminator="\n")
        if new:
            w.writeheader()
        w.writerow(row)
    return row


def add_parser(sub: argparse._SubParsersAction, store_arg) -> None:
    """`rikg links ...`; store_arg adds the shared --store option."""
    p = sub.add_parser("links", help="Wikidata links: list, candidates, confirm/reject/none (curation)")
    lsub = p.add_subparsers(dest="links_command", required=True)

    def common(q: argparse.ArgumentParser) -> None:
        store_arg(q)
        q.add_argument("--curated", type=Path, default=None,
                       help=f"curated links file (default: ${CURATED_ENV} or {paths.CURATED_LINKS})")

    q = lsub.add_parser("list", help="linked entities: IRI, label, QID, source")
    common(q)
    q = lsub.add_parser("candidates", help="unlinked actors and places with ranked reference candidates")
    common(q)
    q.add_argument("--limit", type=int, default=3, help="candidates per entity")
    q.add_argument("--min-score", type=float, default=85.0, help="lowest fuzzy score shown (0-100)")
    for name, helptext in (("confirm", "this entity is this Wikidata item"),
                           ("reject", "this entity is not this Wikidata item"),
                           ("none", "this entity has no Wikidata item")):
        q = lsub.add_parser(name, help=helptext)
        q.add_argument("entity", help="entity IRI (or id:place/x, place/x)")
        if name != "none":
            q.add_argument("qid")
        q.add_argument("--who", default=None, help="who decides (default: the login name)")
        q.add_argument("--note", default="", help="why")
        common(q)
    p.set_defaults(func=cmd_links)


def cmd_links(args: argparse.Namespace) -> int:
    from rikg.cli import CliError
    from rikg.store import exists, open_store

    path = curated_path(args.curated)
    try:
        cur = read_curation(path)
    except ValueError as e:
        raise CliError(str(e)) from None
    store_dir = args.store if args.store is not None else paths.default_store()
    action = args.links_command

    if action in ("confirm", "reject", "none"):
        entity = _entity_iri(args.entity)
        qid = "" if action == "none" else args.qid.strip().upper()
        if action != "none" and not _QID.match(qid):
            raise CliError(f"{args.qid!r} is not a Wikidata QID (Q followed by digits)")
        if exists(store_dir):
            store = open_store(store_dir, read_only=True)
            if not any(True for _ in store.quads_for_pattern(NamedNode(entity), RDF.type, None, None)):
                print(f"warning: {entity} is not in the store at {store_dir}", file=sys.stderr)
        if action == "confirm" and qid not in reference_qids():
            print(f"note: {qid} is not in the reference data; it will come from the curated file only",
                  file=sys.stderr)
        who = args.who or os.environ.get("RIKG_CURATOR") or _login()
        record(path, entity, qid, action, who, args.note)
        print(f"{action} {entity} {qid}".rstrip() + f" -> {path} (takes effect at the next build)")
        return 0

    if not exists(store_dir):
        raise CliError(f"no store at {store_dir}: run `rikg build` first")
    store = open_store(store_dir, read_only=True)
    if action == "list":
        rows = list_links(store, cur)
        print("entity\tlabel\tqid\tsource")
        for r in rows:
            print("\t".join(r))
        print(f"{len(rows)} link(s)", file=sys.stderr)
        return 0
    found = 0
    for iri, cands in candidates(store, cur, limit=args.limit, threshold=args.min_score):
        found += 1
        print(iri)
        for c in cands:
            qid = c.qid or "(no verified QID: consider `rikg links none`)"
            print(f"  {qid}\tscore {c.score:.0f}\t{c.ours!r} ~ {c.column} {c.theirs!r} "
                  f"(reference line {c.row.index}, {c.row.kind}; source: {c.row.source[:80]})")
    print(f"{found} unlinked entit{'y' if found == 1 else 'ies'} with candidates", file=sys.stderr)
    return 0


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers; the decision is still worth keeping
        return "unknown"
