"""W3C Reconciliation Service API 0.2 at /reconcile: how OpenRefine links a spreadsheet column to the graph.

    GET  /reconcile                          the manifest
    GET|POST /reconcile  queries={...}       reconciliation queries (a batch of at most MAX_BATCH)
    GET|POST /reconcile  extend={...}        data extension (at most MAX_EXTEND_IDS ids)
    GET  /reconcile/suggest/{entity,type,property}?prefix=   auto-completion
    GET  /reconcile/preview?id=              a small HTML card
    GET  /reconcile/propose_properties?type= properties offered for data extension

Entity ids are IRIs relative to the identifierSpace https://w3id.org/rikg/id/ ("place/krusevac");
full IRIs are accepted too. Types are class names of the ontology ("Municipality"). Names are matched
by rikg/matching.py; property constraints (PROPERTIES) then move a candidate's score: it is
(2 x name score + the score of each property) / (2 + number of properties). Bad input gets 400 with
{"error", "parameter"}; nothing a client sends makes a 5xx.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from rikg.endpoint.common import HttpError, body_text, form_params
from rikg.endpoint.linked_data import mentions_of
from rikg.endpoint.search import (
    DEFAULT_TYPES,
    BadInput,
    label_index,
    positive_int,
    query_text,
    type_iri,
    type_name,
)
from rikg.loaders.normalise import fold
from rikg.matching import Candidate, Entity, LabelIndex, decide
from rikg.vocab import ID_NS, RIKG_NS

blueprint = Blueprint("reconcile", __name__, template_folder="templates")

MAX_BATCH = 100  # queries per request; OpenRefine sends 10 at a time
MAX_LIMIT = 50  # candidates per query
DEFAULT_LIMIT = 5
MAX_PROPERTIES = 10  # property constraints per query
MAX_EXTEND_IDS = 500
MAX_BODY = 1024 * 1024
WIKIDATA = "http://www.wikidata.org/entity/"


@dataclass(frozen=True)
class Prop:
    name: str
    description: str
    kind: str  # label | qid | kind | entity | text
    type: str | None = None  # for entity values: the class of the values
    lang: str | None = None


PROPERTIES: dict[str, Prop] = {
    "label_sr_latn": Prop("Label (Serbian, Latin script)", "rdfs:label@sr-Latn", "label", lang="sr-latn"),
    "label_sr_cyrl": Prop("Label (Serbian, Cyrillic script)", "rdfs:label@sr-Cyrl", "label", lang="sr-cyrl"),
    "label_en": Prop("Label (English)", "rdfs:label@en", "label", lang="en"),
    "wikidata": Prop("Wikidata QID", "skos:exactMatch to a verified Wikidata item (Q…)", "qid"),
    "kind": Prop("Organisation kind", "rikg:organizationKind (city, NGO, donor agency …)", "kind"),
    "programs": Prop("Programs", "programs the entity takes part in (any role), is part of, hosts or is about",
                     "entity", type="Program"),
    "participations": Prop("Programs with role", "each program the actor takes part in, with its role", "text"),
    "municipalities": Prop("Municipalities", "municipalities of its programs, its jurisdiction or signing place",
                           "entity", type="Municipality"),
    "outcomes": Prop("Outcomes", "reported numbers of its programs: value, unit and indicator", "text"),
}
# Constraint ids also accepted under the names of the RDF properties behind them.
ALIASES = {
    "municipality": "municipalities", "program": "programs", "qid": "wikidata",
    "http://www.w3.org/2004/02/skos/core#exactMatch": "wikidata",
    RIKG_NS + "organizationKind": "kind", "rikg:organizationKind": "kind",
    RIKG_NS + "location": "municipalities", "rikg:location": "municipalities",
}
CONSTRAINTS = ("label_sr_latn", "label_sr_cyrl", "label_en", "wikidata", "kind", "programs", "municipalities")

_RELATIONS = {
    "programs": """
  { ?x rikg:participation/rikg:agent ?e } UNION { ?e rikg:partOf ?x } UNION { ?x rikg:location ?e }
  UNION { ?e rikg:about ?x } UNION { ?e rikg:outcomeOf ?x }
  ?x a rikg:Program .""",
    "municipalities": """
  { ?e rikg:location ?x } UNION { ?e rikg:jurisdiction ?x } UNION { ?e rikg:signedIn ?x }
  UNION { ?p rikg:participation/rikg:agent ?e . ?p rikg:location ?x } UNION { ?e rikg:about/rikg:location ?x }
  ?x a rikg:Municipality .""",
}


def _executor() -> Any:
    return current_app.extensions["rikg.executor"]


def _root() -> str:
    return request.url_root


def _cors(resp: Response) -> Response:
    # Reads, all of them (POST only carries a long batch): any origin may reconcile.
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


# ---------------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------------


def _params() -> dict[str, str]:
    """GET parameters and, for a form POST, the body's: one value per name (the first)."""
    pairs = list(request.args.items(multi=True))
    if request.method == "POST":
        ctype = (request.content_type or "").split(";")[0].strip().lower()
        if ctype == "application/x-www-form-urlencoded":
            try:
                pairs += form_params(body_text(MAX_BODY))
            except HttpError as e:
                raise BadInput("body", str(e), e.status if e.status < 500 else 400) from None
        elif ctype == "multipart/form-data":
            pairs += list(request.form.items(multi=True))
        elif ctype:
            raise BadInput("Content-Type", f"unsupported Content-Type {ctype!r}: "
                                           "send a form (application/x-www-form-urlencoded)", 415)
    out: dict[str, str] = {}
    for k, v in pairs:
        out.setdefault(k, v)
    return out


def _json_param(params: dict[str, str], name: str) -> Any:
    try:
        return json.loads(params[name])
    except ValueError as e:
        raise BadInput(name, f"{name} is not JSON: {e}") from None


def entity_iri(value: Any, parameter: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadInput(parameter, f"{parameter} must be an entity id such as 'place/krusevac'")
    v = value.strip()
    iri = v if v.startswith(("http://", "https://")) else ID_NS + v.lstrip("/")
    if re.search(r'[\s<>"{}|\\^`]', iri):
        raise BadInput(parameter, f"{parameter} {value!r} is not a valid id")
    return iri


def entity_id(iri: str) -> str:
    return iri[len(ID_NS):] if iri.startswith(ID_NS) else iri


def _types_of(value: Any, index: LabelIndex, parameter: str) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in values):
        raise BadInput(parameter, f"{parameter} must be a type id or a list of type ids")
    return [type_iri(v, index, parameter) for v in values if v.strip()]


def _property_id(pid: Any, parameter: str, allowed: Iterable[str]) -> str:
    if not isinstance(pid, str):
        raise BadInput(parameter, f"{parameter} must be a property id")
    p = ALIASES.get(pid.strip(), pid.strip())
    if p not in allowed:
        raise BadInput(parameter, f"unknown property {pid!r}; known: {', '.join(allowed)}")
    return p


# ---------------------------------------------------------------------------------------------
# The manifest
# ---------------------------------------------------------------------------------------------


def manifest() -> dict[str, Any]:
    root = _root()
    service = root + "reconcile"
    return {
        "versions": ["0.2"],
        "name": "rikg — Roma Inclusion Knowledge Graph",
        "identifierSpace": ID_NS,
        "schemaSpace": RIKG_NS,
        "documentation": root + "search",
        "defaultTypes": [{"id": t, "name": t} for t in DEFAULT_TYPES],
        "view": {"url": root + "id/{{id}}"},
        "preview": {"url": service + "/preview?id={{id}}", "width": 420, "height": 200},
        "suggest": {
            "entity": {"service_url": service, "service_path": "/suggest/entity"},
            "type": {"service_url": service, "service_path": "/suggest/type"},
            "property": {"service_url": service, "service_path": "/suggest/property"},
        },
        "extend": {
            "propose_properties": {"service_url": service, "service_path": "/propose_properties"},
            "property_settings": [],
        },
        "batchSize": MAX_BATCH,
    }


# ---------------------------------------------------------------------------------------------
# Reconciliation queries
# ---------------------------------------------------------------------------------------------


@dataclass
class Query:
    key: str
    text: str | None
    types: list[str]
    strict: str
    limit: int
    constraints: list[tuple[str, list[Any]]]


def parse_batch(batch: Any, index: LabelIndex) -> list[Query]:
    if not isinstance(batch, dict):
        raise BadInput("queries", "queries must be a JSON object of named queries: {\"q0\": {\"query\": ...}}")
    if not batch:
        raise BadInput("queries", "queries is an empty batch")
    if len(batch) > MAX_BATCH:
        raise BadInput("queries", f"a batch of {len(batch)} queries is over the maximum of {MAX_BATCH}; "
                                  "send them in smaller batches")
    out = []
    for key, q in batch.items():
        where = f"queries.{key}"
        if not isinstance(q, dict):
            raise BadInput(where, f"{where} must be an object")
        text = query_text(q["query"], f"{where}.query") if "query" in q else None
        props = q.get("properties", [])
        if not isinstance(props, list):
            raise BadInput(f"{where}.properties", f"{where}.properties must be a list")
        if text is None and not props:
            raise BadInput(f"{where}.query", f"{where} needs a query string or at least one property")
        if len(props) > MAX_PROPERTIES:
            raise BadInput(f"{where}.properties", f"at most {MAX_PROPERTIES} properties per query")
        constraints = []
        for i, p in enumerate(props):
            pw = f"{where}.properties[{i}]"
            if not isinstance(p, dict) or "pid" not in p or "v" not in p:
                raise BadInput(pw, f"{pw} must be an object with 'pid' and 'v'")
            pid = _property_id(p["pid"], f"{pw}.pid", CONSTRAINTS)
            values = p["v"] if isinstance(p["v"], list) else [p["v"]]
            for v in values:
                ok = isinstance(v, (str, int, float)) or (isinstance(v, dict) and isinstance(v.get("id"), str))
                if not ok or isinstance(v, bool):
                    raise BadInput(f"{pw}.v", f"{pw}.v must be a string, a number or {{\"id\": ...}}")
                if isinstance(v, str) and len(v) > 500:
                    raise BadInput(f"{pw}.v", f"{pw}.v is longer than 500 characters")
            constraints.append((pid, values))
        strict = q.get("type_strict", "any")
        if strict not in ("any", "all", "should"):
            raise BadInput(f"{where}.type_strict", "type_strict must be any, all or should")
        limit = positive_int(q.get("limit", DEFAULT_LIMIT), f"{where}.limit", MAX_LIMIT)
        out.append(Query(str(key), text, _types_of(q.get("type"), index, f"{where}.type"), strict, limit,
                         constraints))
    return out


def _relations(iris: Iterable[str], which: Iterable[str]) -> dict[str, dict[str, set[str]]]:
    """{relation: {entity IRI: related IRIs}} for "programs" / "municipalities"."""
    out: dict[str, dict[str, set[str]]] = {w: defaultdict(set) for w in which}
    iris = sorted(set(iris))
    for name in out:
        for chunk in range(0, len(iris), 400):
            values = " ".join(f"<{i}>" for i in iris[chunk:chunk + 400])
            rows = _executor().select(f"PREFIX rikg: <{RIKG_NS}> SELECT DISTINCT ?e ?x WHERE {{ "
                                      f"VALUES ?e {{ {values} }} {_RELATIONS[name]} }}")
            for r in rows:
                out[name][r["e"]["value"]].add(r["x"]["value"])
    return out


def _kind_labels() -> dict[str, set[str]]:
    rows = _executor().select(f"PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?k ?l WHERE {{ "
                              f"?k skos:inScheme <{RIKG_NS}OrganizationKinds> ; skos:prefLabel|skos:altLabel ?l }}")
    out: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        k = r["k"]["value"]
        out[k] |= {fold(r["l"]["value"]), fold(k[len(RIKG_NS):].removeprefix("Kind"))}
    return out


class Scorer:
    """Scores of property constraints for a set of candidates (relations read once per batch)."""

    def __init__(self, index: LabelIndex, queries: list[Query], candidates: Iterable[Entity]) -> None:
        self.index = index
        used = {pid for q in queries for pid, _ in q.constraints}
        self.rel = _relations((e.iri for e in candidates), [p for p in ("programs", "municipalities") if p in used])
        self.kinds = _kind_labels() if "kind" in used else {}
        self._names: dict[tuple[str, str], dict[str, float]] = {}

    def _named(self, value: str, cls: str) -> dict[str, float]:
        key = (value, cls)
        if key not in self._names:
            cands = self.index.match(value, types=[RIKG_NS + cls], limit=50, minimum=70.0)
            self._names[key] = {c.entity.iri: c.score for c in cands}
        return self._names[key]

    def score(self, e: Entity, pid: str, values: list[Any]) -> float:
        return max((self._one(e, pid, v) for v in values), default=0.0)

    def _one(self, e: Entity, pid: str, v: Any) -> float:
        prop = PROPERTIES[pid]
        text = str(v["id"] if isinstance(v, dict) else v).strip()
        if prop.kind == "qid":
            return 100.0 if text.rsplit("/", 1)[-1].upper() in e.qids else 0.0
        if prop.kind == "label":
            return 100.0 if fold(text) in {fold(t) for t, lang, _ in e.labels if lang.lower() == prop.lang} else 0.0
        if prop.kind == "kind":
            f = fold(text.rsplit("#", 1)[-1].removeprefix("rikg:").removeprefix("Kind"))
            return 100.0 if any(f in self.kinds.get(k, set()) for k in e.kinds) else 0.0
        related = self.rel.get(pid, {}).get(e.iri, set())
        if isinstance(v, dict):
            return 100.0 if entity_iri(v["id"], "v") in related else 0.0
        named = self._named(text, prop.type or "Program")
        return max((s for iri, s in named.items() if iri in related), default=0.0)


def reconcile(queries: list[Query], index: LabelIndex) -> dict[str, Any]:
    pools: dict[str, list[Candidate]] = {}
    for q in queries:
        types = q.types if q.strict != "should" else []
        if q.text is not None:
            wanted = q.limit if not q.constraints else max(3 * q.limit, 30)
            cands = index.match(q.text, types=types or None, limit=wanted)
            if q.strict == "all" and len(types) > 1:
                cands = [c for c in cands if set(types) <= c.entity.types]
        else:
            # Properties alone: every entity of the types is a candidate (bounded).
            pool = [e for e in index.entities if not types or e.types & set(types)][:2000]
            cands = [Candidate(e, 0.0, "", "properties") for e in pool]
        pools[q.key] = cands
    scorer = Scorer(index, queries, (c.entity for cs in pools.values() for c in cs))
    out: dict[str, Any] = {}
    for q in queries:
        scored = []
        for c in pools[q.key]:
            if q.constraints:
                props = [scorer.score(c.entity, pid, values) for pid, values in q.constraints]
                name_part = [c.score, c.score] if q.text is not None else []
                total = round(sum(name_part + props) / len(name_part + props), 1)
                if q.text is None and total == 0:
                    continue
                c = Candidate(c.entity, total, c.matched, c.how)
            scored.append(c)
        scored.sort(key=lambda c: (-c.score, c.entity.label(), c.entity.iri))
        out[q.key] = {"result": [candidate_json(c) for c in decide(scored[:q.limit])]}
    return out


def candidate_json(c: Candidate) -> dict[str, Any]:
    e = c.entity
    types = sorted(type_name(t) for t in e.types)
    desc = " · ".join([*e.labels_in("sr-Cyrl")[:1], *e.labels_in("en")[:1], *(f"Wikidata {q}" for q in sorted(e.qids))])
    return {
        "id": e.id,
        "name": e.label(),
        "description": desc,
        "score": c.score,
        "match": c.match,
        "type": [{"id": t, "name": t} for t in types],
        "features": [{"id": "name_score", "value": c.score}],
    }


# ---------------------------------------------------------------------------------------------
# Data extension
# ---------------------------------------------------------------------------------------------


def _extend_rows(iris: list[str], pid: str, index: LabelIndex) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in iris}
    prop = PROPERTIES[pid]
    if prop.kind in ("label", "qid", "kind"):
        kinds = _kind_labels_en() if prop.kind == "kind" else {}
        for iri in iris:
            e = index.by_iri.get(iri)
            if e is None:
                continue
            if prop.kind == "label":
                out[iri] = [{"str": t} for t in e.labels_in(prop.lang or "")]
            elif prop.kind == "qid":
                out[iri] = [{"str": q} for q in sorted(e.qids)]
            else:
                out[iri] = [{"str": kinds.get(k, k[len(RIKG_NS):])} for k in sorted(e.kinds)]
        return out
    if prop.kind == "entity":
        rel = _relations(iris, [pid])[pid]
        for iri in iris:
            related = [index.by_iri.get(x) for x in sorted(rel.get(iri, ()))]
            out[iri] = [{"id": x.id, "name": x.label()} for x in related if x is not None]
        return out
    values = " ".join(f"<{i}>" for i in iris)
    if pid == "participations":
        query = f"""PREFIX rikg: <{RIKG_NS}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?x ?role WHERE {{ VALUES ?e {{ {values} }}
  ?x rikg:participation ?pa . ?pa rikg:agent ?e ; rikg:role ?r .
  ?r skos:prefLabel ?role FILTER(lang(?role) = "en") }}"""
        for r in _executor().select(query):
            prog = index.by_iri.get(r["x"]["value"])
            name = prog.label() if prog else entity_id(r["x"]["value"])
            out[r["e"]["value"]].append({"str": f"{name} ({r['role']['value']})"})
    else:  # outcomes: of the entity itself (a program) or of the programs an actor takes part in
        query = f"""PREFIX rikg: <{RIKG_NS}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?o ?v ?unit ?ind WHERE {{ VALUES ?e {{ {values} }}
  {{ ?o rikg:outcomeOf ?e }} UNION {{ ?p rikg:participation/rikg:agent ?e . ?o rikg:outcomeOf ?p }}
  ?o rikg:value ?v . OPTIONAL {{ ?o rikg:unit ?unit }}
  OPTIONAL {{ ?o rikg:indicator/skos:prefLabel ?ind FILTER(lang(?ind) = "en") }} }} ORDER BY ?e ?o"""
        for r in _executor().select(query):
            parts = [r["v"]["value"], r.get("unit", {}).get("value", "")]
            ind = r.get("ind", {}).get("value")
            text = " ".join(p for p in parts if p) + (f" ({ind})" if ind else "")
            out[r["e"]["value"]].append({"str": text})
    for iri in iris:
        out[iri] = sorted({json.dumps(v, sort_keys=True): v for v in out[iri]}.values(), key=lambda v: v["str"])
    return out


def _kind_labels_en() -> dict[str, str]:
    rows = _executor().select(f"PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?k ?l WHERE {{ "
                              f"?k skos:inScheme <{RIKG_NS}OrganizationKinds> ; skos:prefLabel ?l "
                              f"FILTER(lang(?l) = \"en\") }}")
    return {r["k"]["value"]: r["l"]["value"] for r in rows}


def extend(request_: Any, index: LabelIndex) -> dict[str, Any]:
    if not isinstance(request_, dict):
        raise BadInput("extend", "extend must be a JSON object {\"ids\": [...], \"properties\": [{\"id\": ...}]}")
    ids = request_.get("ids")
    props = request_.get("properties")
    if not isinstance(ids, list) or not ids:
        raise BadInput("extend.ids", "extend.ids must be a non-empty list of entity ids")
    if len(ids) > MAX_EXTEND_IDS:
        raise BadInput("extend.ids", f"{len(ids)} ids are over the maximum of {MAX_EXTEND_IDS} per request")
    if not isinstance(props, list) or not props:
        raise BadInput("extend.properties", "extend.properties must be a non-empty list of {\"id\": ...}")
    pids = []
    for i, p in enumerate(props):
        if not isinstance(p, dict):
            raise BadInput(f"extend.properties[{i}]", "each property must be an object with an id")
        pids.append(_property_id(p.get("id"), f"extend.properties[{i}].id", PROPERTIES))
    iris = [entity_iri(x, f"extend.ids[{i}]") for i, x in enumerate(ids)]
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {entity_id(i): {} for i in iris}
    for pid in dict.fromkeys(pids):
        values = _extend_rows(iris, pid, index)
        for iri in iris:
            rows[entity_id(iri)][pid] = values.get(iri, [])
    meta = []
    for pid in dict.fromkeys(pids):
        prop = PROPERTIES[pid]
        m: dict[str, Any] = {"id": pid, "name": prop.name}
        if prop.type:
            m["type"] = {"id": prop.type, "name": prop.type}
        meta.append(m)
    return {"meta": meta, "rows": rows}


def _proposals(type_: str | None) -> list[dict[str, str]]:
    entity_props = ("label_sr_latn", "label_sr_cyrl", "label_en", "wikidata")
    by_type = {
        "Program": (*entity_props, "municipalities", "outcomes", "programs"),
        "Municipality": (*entity_props, "programs"),
        "Place": (*entity_props, "programs"),
    }
    ids = by_type.get(type_ or "", tuple(PROPERTIES))
    return [{"id": p, "name": PROPERTIES[p].name, "description": PROPERTIES[p].description} for p in ids]


# ---------------------------------------------------------------------------------------------
# Routes
# ---------------------------------------------------------------------------------------------


@blueprint.route("/reconcile", methods=["GET", "POST"])
def service() -> Response:
    params = _params()
    if "queries" in params:
        index = label_index()
        body = reconcile(parse_batch(_json_param(params, "queries"), index), index)
    elif "extend" in params:
        index = label_index()
        body = extend(_json_param(params, "extend"), index)
    else:
        body = manifest()
    resp = jsonify(body)
    callback = params.get("callback")
    if callback and request.method == "GET":
        # JSONP, which older reconciliation clients use for GET
        if not re.fullmatch(r"[A-Za-z_$][\w$.]{0,63}", callback):
            raise BadInput("callback", "callback must be a JavaScript identifier")
        resp = Response(f"{callback}({resp.get_data(as_text=True)});", content_type="application/javascript")
    return _cors(resp)


def _prefix_and_limit() -> tuple[str, int, int]:
    prefix = query_text(request.args.get("prefix", ""), "prefix")
    cursor = request.args.get("cursor", "0")
    if not cursor.isdigit():
        raise BadInput("cursor", "cursor must be a non-negative integer")
    limit = positive_int(request.args.get("limit", 10), "limit", MAX_LIMIT)
    return prefix, int(cursor), limit


@blueprint.get("/reconcile/suggest/entity")
def suggest_entity() -> Response:
    prefix, cursor, limit = _prefix_and_limit()
    index = label_index()
    types = _types_of(request.args.getlist("type") or None, index, "type")
    want = cursor + limit
    found = index.prefixed(prefix, types=types or None, limit=want)
    if len(found) < want:
        seen = {e.iri for e in found}
        found += [c.entity for c in index.match(prefix, types=types or None, limit=want)
                  if c.entity.iri not in seen][: want - len(found)]
    result = []
    for e in found[cursor:want]:
        item: dict[str, Any] = {"id": e.id, "name": e.label(),
                                "notable": [{"id": type_name(t), "name": type_name(t)} for t in sorted(e.types)]}
        desc = " · ".join(e.labels_in("sr-Cyrl")[:1] + e.labels_in("en")[:1])
        if desc:
            item["description"] = desc
        result.append(item)
    return _cors(jsonify({"result": result}))


@blueprint.get("/reconcile/suggest/type")
def suggest_type() -> Response:
    prefix, cursor, limit = _prefix_and_limit()
    from rikg.endpoint.search import known_types

    names = sorted({type_name(t) for t in known_types(label_index()) if t.startswith(RIKG_NS)})
    f = fold(prefix)
    hits = sorted((n for n in names if f in fold(n)), key=lambda n: (not fold(n).startswith(f), n))
    return _cors(jsonify({"result": [{"id": n, "name": n} for n in hits[cursor:cursor + limit]]}))


@blueprint.get("/reconcile/suggest/property")
def suggest_property() -> Response:
    prefix, cursor, limit = _prefix_and_limit()
    f = fold(prefix)
    hits = [(pid, p) for pid, p in PROPERTIES.items() if f in fold(pid.replace("_", " ")) or f in fold(p.name)]
    return _cors(jsonify({"result": [{"id": pid, "name": p.name, "description": p.description}
                                     for pid, p in hits[cursor:cursor + limit]]}))


@blueprint.get("/reconcile/propose_properties")
def propose_properties() -> Response:
    index = label_index()
    type_ = request.args.get("type")
    if type_ is not None:
        type_ = type_name(type_iri(type_, index))
    limit = positive_int(request.args.get("limit", len(PROPERTIES)), "limit", len(PROPERTIES))
    body: dict[str, Any] = {"properties": _proposals(type_)[:limit], "limit": limit}
    if type_:
        body["type"] = type_
    return _cors(jsonify(body))


@blueprint.get("/reconcile/preview")
def preview() -> Response | tuple[str, int]:
    iri = entity_iri(request.args.get("id", ""), "id")
    index = label_index()
    e = index.by_iri.get(iri)
    if e is None:
        raise BadInput("id", f"no entity {entity_id(iri)!r} in this graph", 404)
    kinds = _kind_labels_en()
    evidence = None
    for m in mentions_of(iri)[:1]:
        evidence = {"before": m.before, "quote": m.quote, "after": m.after, "doc": m.doc.label}
    labels = [(t, lang) for t, lang, p in e.labels if p.endswith("#label")]
    html = render_template("reconcile/preview.html", name=e.label(), view=_root() + "id/" + e.id, labels=labels,
                           types=sorted(type_name(t) for t in e.types if t.startswith(RIKG_NS)),
                           kinds=[kinds.get(k, type_name(k)) for k in sorted(e.kinds)], qids=sorted(e.qids),
                           evidence=evidence)
    return _cors(Response(html, content_type="text/html; charset=utf-8"))
