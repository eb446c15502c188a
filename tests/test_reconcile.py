"""/reconcile (W3C Reconciliation Service API 0.2) against `rikg serve` over the graph of data/sources.

Every response is validated with jsonschema against the group's 0.2 schemas (tests/reconciliation/
schemas, with the group's valid/invalid examples showing that the validator can fail). The matching
table tests/reconciliation/matching.csv is scored through the service as OpenRefine would use it.
"""

from __future__ import annotations

import csv
import json
import urllib.error
import urllib.parse
import urllib.request
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

HERE = Path(__file__).resolve().parent / "reconciliation"
SCHEMAS = HERE / "schemas"
EXAMPLES = HERE / "examples"
# examples/<message>/ -> the schema its messages follow (the other example folders have no schema here)
MESSAGE_SCHEMAS = {
    "manifest": "manifest.json",
    "reconciliation-query-batch": "reconciliation-query-batch.json",
    "reconciliation-result-batch": "reconciliation-result-batch.json",
    "suggest-entities-response": "suggest-entities-response.json",
    "suggest-types-response": "suggest-types-response.json",
    "suggest-properties-response": "suggest-properties-response.json",
    "data-extension-query": "data-extension-query.json",
    "data-extension-response": "data-extension-response.json",
    "data-extension-property-proposal": "data-extension-property-proposal.json",
}
ID = "https://w3id.org/rikg/id/"


@cache
def registry() -> Registry:
    """Every schema under its $id, so that $refs (type.json, the Swagger security schema) resolve offline."""
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        # "$schema": "http://json-schema.org/schema#" names no draft; the README says Draft 7.
        resources.append((doc["$id"].rstrip("#"), Resource.from_contents(doc, default_specification=DRAFT7)))
    return Registry().with_resources(resources)


def validator(schema_file: str) -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, registry=registry())


def assert_valid(schema_file: str, instance: Any) -> None:
    errors = sorted(validator(schema_file).iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, f"{schema_file}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def request(base: str, path: str, data: dict[str, str] | None = None,
            accept: str = "application/json") -> tuple[int, str, bytes]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(base + path, data=body, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def get_json(base: str, path: str, data: dict[str, str] | None = None) -> Any:
    status, ctype, body = request(base, path, data)
    assert status == 200, body[:500]
    assert ctype.startswith("application/json"), ctype
    return json.loads(body)


def reconcile(base: str, queries: dict[str, Any]) -> dict[str, Any]:
    result = get_json(base, "/reconcile", {"queries": json.dumps(queries)})
    assert_valid("reconciliation-result-batch.json", result)
    return result


# ---------------------------------------------------------------------------------------------------
# The validator itself: the group's examples
# ---------------------------------------------------------------------------------------------------


def _examples(kind: str) -> list[tuple[str, str, Path]]:
    return [(message, kind, p) for message in sorted(MESSAGE_SCHEMAS)
            for p in sorted((EXAMPLES / message / kind).glob("*.json"))]


@pytest.mark.parametrize(("message", "kind", "path"), _examples("valid"), ids=lambda v: getattr(v, "name", v))
def test_group_valid_examples_validate(message: str, kind: str, path: Path) -> None:
    assert_valid(MESSAGE_SCHEMAS[message], json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("message", "kind", "path"), _examples("invalid"), ids=lambda v: getattr(v, "name", v))
def test_group_invalid_examples_are_rejected(message: str, kind: str, path: Path) -> None:
    instance = json.loads(path.read_text(encoding="utf-8"))
    assert list(validator(MESSAGE_SCHEMAS[message]).iter_errors(instance)), f"{path.name} should be invalid"


def test_examples_cover_both_sides() -> None:
    assert len(_examples("valid")) >= 20 and len(_examples("invalid")) >= 12


# ---------------------------------------------------------------------------------------------------
# Manifest, queries, suggest, preview, extend
# ---------------------------------------------------------------------------------------------------


def test_manifest(server: str) -> None:
    m = get_json(server, "/reconcile")
    assert_valid("manifest.json", m)
    assert m["versions"] == ["0.2"]
    assert m["identifierSpace"] == ID
    assert m["schemaSpace"] == "https://w3id.org/rikg/ontology#"
    assert [t["id"] for t in m["defaultTypes"]] == ["Municipality", "Place", "Organization", "Person", "Program",
                                                    "Agreement"]
    assert m["view"]["url"] == server + "/id/{{id}}"
    assert set(m["suggest"]) == {"entity", "type", "property"}
    assert m["extend"]["propose_properties"]["service_path"] == "/propose_properties"
    assert m["batchSize"] == 100


def test_queries_by_get_and_post_agree(server: str) -> None:
    queries = {"q0": {"query": "Крушевцу"}, "q1": {"query": "НСЗ", "type": "Organization"}}
    posted = reconcile(server, queries)
    status, _, body = request(server, "/reconcile?" + urllib.parse.urlencode({"queries": json.dumps(queries)}))
    assert status == 200 and json.loads(body) == posted
    top = posted["q0"]["result"][0]
    assert (top["id"], top["name"], top["match"]) == ("place/krusevac", "Kruševac", True)
    assert 0 <= top["score"] <= 100
    assert {"id": "Municipality", "name": "Municipality"} in top["type"]
    assert posted["q1"]["result"][0]["id"] == "org/nsz" and posted["q1"]["result"][0]["match"] is True


def test_the_issue_examples_find_the_city_of_krusevac(server: str) -> None:
    names = ["Krusevac", "Kruševcu", "Крушевцу", "Grad Kruševac"]
    result = reconcile(server, {f"q{i}": {"query": n} for i, n in enumerate(names)})
    tops = [result[f"q{i}"]["result"][0]["id"] for i in range(len(names))]
    # The municipality for the bare name; the city as an actor (the local government) for "Grad Kruševac".
    assert tops == ["place/krusevac", "place/krusevac", "place/krusevac", "lsg/krusevac"]
    both = {c["id"] for c in result["q3"]["result"]}
    assert {"place/krusevac", "lsg/krusevac"} <= both
    assert result["q3"]["result"][0]["match"] is False  # two close candidates: nothing is certain


def test_acronyms_and_expansions_find_each_other(server: str) -> None:
    names = ["NSZ", "Nacionalna služba za zapošljavanje", "НСЗ", "GIZ", "Nemačka organizacija za međunarodnu saradnju"]
    result = reconcile(server, {f"q{i}": {"query": n, "type": "Organization"} for i, n in enumerate(names)})
    assert [result[f"q{i}"]["result"][0]["id"] for i in range(5)] == ["org/nsz"] * 3 + ["org/giz"] * 2


def test_type_filter_changes_the_answer(server: str) -> None:
    result = reconcile(server, {"m": {"query": "Kruševac", "type": "Municipality"},
                                "o": {"query": "Kruševac", "type": ["rikg:Organization"]},
                                "p": {"query": "Kruševac", "type": "https://w3id.org/rikg/ontology#Person"}})
    assert [c["id"] for c in result["m"]["result"]] == ["place/krusevac"]
    assert result["o"]["result"][0]["id"] == "lsg/krusevac"
    assert result["p"]["result"] == []


def test_property_constraints(server: str) -> None:
    result = reconcile(server, {
        # A program by a few of its words, with one of its municipalities: the GIZ program in Kruševac.
        "prog": {"query": "Inkluzija Roma i drugih marginalizovanih grupa", "type": "Program",
                 "properties": [{"pid": "municipalities", "v": "Kruševac"}]},
        # The same words, with a municipality none of these programs has: scores drop.
        "wrong": {"query": "Inkluzija Roma i drugih marginalizovanih grupa", "type": "Program",
                  "properties": [{"pid": "municipalities", "v": "Zaječar"}]},
        "qid": {"query": "Kruševac", "properties": [{"pid": "wikidata", "v": "Q1538019"}]},
        "kind": {"query": "Kruševac", "type": "Organization", "properties": [{"pid": "kind", "v": "city"}]},
        "kind_wrong": {"query": "Kruševac", "type": "Organization", "properties": [{"pid": "kind", "v": "NGO"}]},
        "only_qid": {"properties": [{"pid": "wikidata", "v": "Q462763"}]},
    })
    prog = result["prog"]["result"][0]
    assert prog["id"] == "program/inkluzija-roma-i-drugih-marginalizovanih-grupa-u-srbiji"
    assert prog["score"] > max(c["score"] for c in result["wrong"]["result"])
    # Both Kruševac entities carry Q1538019; the municipality keeps its lead from the name.
    assert [c["id"] for c in result["qid"]["result"][:2]] == ["place/krusevac", "lsg/krusevac"]
    assert result["qid"]["result"][0]["score"] == 100.0
    assert result["kind"]["result"][0]["id"] == "lsg/krusevac"
    assert result["kind"]["result"][0]["score"] > result["kind_wrong"]["result"][0]["score"]
    assert [c["id"] for c in result["only_qid"]["result"]] == ["org/giz"]


def test_suggest_services(server: str) -> None:
    entity = get_json(server, "/reconcile/suggest/entity?prefix=kru%C5%A1")  # kruš
    assert_valid("suggest-entities-response.json", entity)
    assert entity["result"][0]["id"] == "place/krusevac"
    query = urllib.parse.urlencode({"prefix": "Круш", "type": "Organization"})
    cyr = get_json(server, "/reconcile/suggest/entity?" + query)
    assert {r["id"] for r in cyr["result"]} >= {"lsg/krusevac", "org/jkp-krusevac"}
    types = get_json(server, "/reconcile/suggest/type?prefix=mun")
    assert_valid("suggest-types-response.json", types)
    assert types["result"] == [{"id": "Municipality", "name": "Municipality"}]
    props = get_json(server, "/reconcile/suggest/property?prefix=wiki")
    assert_valid("suggest-properties-response.json", props)
    assert [p["id"] for p in props["result"]] == ["wikidata"]
    proposal = get_json(server, "/reconcile/propose_properties?type=Program&limit=5")
    assert_valid("data-extension-property-proposal.json", proposal)
    assert proposal["type"] == "Program" and len(proposal["properties"]) == 5


def test_preview_is_a_small_card(server: str) -> None:
    status, ctype, body = request(server, "/reconcile/preview?id=org/giz", accept="text/html")
    text = body.decode()
    assert status == 200 and ctype.startswith("text/html")
    for part in ("Nemačka organizacija za međunarodnu saradnju", "Немачка организација за међународну сарадњу",
                 "Donor agency", "Q462763", "<mark>"):
        assert part in text, part
    assert len(text) < 6000


def test_extend(server: str) -> None:
    ext = {"ids": ["org/giz", "lsg/krusevac", "program/inkluzija-roma-i-drugih-marginalizovanih-grupa-u-srbiji"],
           "properties": [{"id": p} for p in ("label_sr_latn", "label_sr_cyrl", "label_en", "wikidata", "kind",
                                               "programs", "participations", "municipalities", "outcomes")]}
    assert_valid("data-extension-query.json", ext)
    body = get_json(server, "/reconcile", {"extend": json.dumps(ext)})
    assert_valid("data-extension-response.json", body)
    assert [m["id"] for m in body["meta"]][:2] == ["label_sr_latn", "label_sr_cyrl"]
    giz = body["rows"]["org/giz"]
    assert giz["label_sr_cyrl"] == [{"str": "Немачка организација за међународну сарадњу"}]
    assert giz["wikidata"] == [{"str": "Q462763"}]
    assert giz["kind"] == [{"str": "Donor agency"}]
    assert {"id": "program/inkluzija-roma-i-drugih-marginalizovanih-grupa-u-srbiji",
            "name": "Inkluzija Roma i drugih marginalizovanih grupa u Srbiji"} in giz["programs"]
    assert any(v["str"].endswith("(Implementer)") for v in giz["participations"])
    city = body["rows"]["lsg/krusevac"]
    assert city["kind"] == [{"str": "City"}]
    assert {"id": "place/krusevac", "name": "Kruševac"} in city["municipalities"]
    program = body["rows"]["program/inkluzija-roma-i-drugih-marginalizovanih-grupa-u-srbiji"]
    assert {"id": "place/krusevac", "name": "Kruševac"} in program["municipalities"]
    assert any("trained" in v["str"] or "30" in v["str"] for v in program["outcomes"]), program["outcomes"]


# ---------------------------------------------------------------------------------------------------
# Bad input: 400 with a JSON error naming the parameter, never a 5xx
# ---------------------------------------------------------------------------------------------------

BAD = [
    ({"queries": "{not json"}, "queries", "not JSON"),
    ({"queries": "[1, 2]"}, "queries", "JSON object"),
    ({"queries": "{}"}, "queries", "empty batch"),
    ({"queries": json.dumps({"q0": {"query": "Niš", "type": "Municipio"}})}, "queries.q0.type", "unknown type"),
    ({"queries": json.dumps({"q0": {"query": "Niš", "properties": [{"pid": "population", "v": 1}]}})},
     "queries.q0.properties[0].pid", "unknown property"),
    ({"queries": json.dumps({"q0": {"query": "Niš", "limit": 0}})}, "queries.q0.limit", "positive integer"),
    ({"queries": json.dumps({"q0": {"query": "Niš", "limit": -3}})}, "queries.q0.limit", "positive integer"),
    ({"queries": json.dumps({"q0": {"query": "Niš", "limit": "ten"}})}, "queries.q0.limit", "positive integer"),
    ({"queries": json.dumps({"q0": {"query": "Niš", "limit": 2.5}})}, "queries.q0.limit", "positive integer"),
    ({"queries": json.dumps({"q0": {"query": ""}})}, "queries.q0.query", "empty"),
    ({"queries": json.dumps({"q0": {"query": "   "}})}, "queries.q0.query", "empty"),
    ({"queries": json.dumps({"q0": {"query": 5}})}, "queries.q0.query", "string"),
    ({"queries": json.dumps({"q0": {"query": "x" * 10_000}})}, "queries.q0.query", "at most 500"),
    ({"queries": json.dumps({f"q{i}": {"query": "Niš"} for i in range(10_000)})}, "queries", "maximum of 100"),
    ({"queries": json.dumps({"q0": {"limit": 1}})}, "queries.q0.query", "needs a query"),
    ({"queries": json.dumps({"q0": {"query": "Niš", "type_strict": "maybe"}})}, "queries.q0.type_strict", "any"),
    ({"extend": "nope"}, "extend", "not JSON"),
    ({"extend": json.dumps({"ids": [], "properties": [{"id": "wikidata"}]})}, "extend.ids", "non-empty"),
    ({"extend": json.dumps({"ids": ["org/giz"], "properties": [{"id": "shoe_size"}]})},
     "extend.properties[0].id", "unknown property"),
    ({"extend": json.dumps({"ids": ["org/giz"] * 501, "properties": [{"id": "wikidata"}]})}, "extend.ids", "maximum"),
]


@pytest.mark.parametrize(("data", "parameter", "says"), BAD, ids=[b[1] + ":" + b[2] for b in BAD])
def test_bad_input_is_a_400_naming_the_parameter(server: str, data: dict[str, str], parameter: str,
                                                 says: str) -> None:
    status, ctype, body = request(server, "/reconcile", data)
    assert status == 400, body[:300]
    assert ctype.startswith("application/json")
    err = json.loads(body)
    assert err["parameter"] == parameter and says in err["error"], err


@pytest.mark.parametrize(("path", "parameter", "status"), [
    ("/reconcile/suggest/entity", "prefix", 400),
    ("/reconcile/suggest/entity?prefix=Ni%C5%A1&limit=x", "limit", 400),
    ("/reconcile/suggest/entity?prefix=Ni%C5%A1&type=Planet", "type", 400),
    ("/reconcile/suggest/type?prefix=" + "a" * 600, "prefix", 400),
    ("/reconcile/preview", "id", 400),
    ("/reconcile/preview?id=place/atlantis", "id", 404),
    ("/reconcile/propose_properties?type=Planet", "type", 400),
])
def test_bad_get_parameters(server: str, path: str, parameter: str, status: int) -> None:
    got, ctype, body = request(server, path)
    assert got == status and ctype.startswith("application/json"), body[:300]
    assert json.loads(body)["parameter"] == parameter


# ---------------------------------------------------------------------------------------------------
# The matching table: precision and recall of the top candidate
# ---------------------------------------------------------------------------------------------------


def table() -> list[dict[str, str]]:
    with open(HERE / "matching.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def test_matching_table_is_large_and_varied() -> None:
    rows = table()
    assert len(rows) >= 150
    cats = {r["category"] for r in rows}
    cases = {"nominative", "genitive", "dative", "accusative", "vocative", "instrumental", "locative"}
    assert cases <= cats and {"cyrillic", "no-diacritics", "acronym", "typo", "must-not-match"} <= cats
    assert sum(1 for r in rows if not r["expected"]) >= 20


def test_matching_precision_and_recall(server: str) -> None:
    rows = table()
    answered = correct = wrong_matches = 0
    misses: list[str] = []
    for start in range(0, len(rows), 50):
        chunk = rows[start:start + 50]
        queries = {f"q{i}": {"query": r["query"], **({"type": r["type"]} if r["type"] else {})}
                   for i, r in enumerate(chunk)}
        result = reconcile(server, queries)
        for i, r in enumerate(chunk):
            cands = result[f"q{i}"]["result"]
            top = cands[0] if cands else None
            if top is not None:
                answered += 1
                correct += top["id"] == r["expected"]
                wrong_matches += top["match"] and top["id"] != r["expected"]
            if (top["id"] if top else "") != r["expected"]:
                misses.append(f"{r['query']!r} -> {top and top['id']} (expected {r['expected'] or 'nothing'})")
    expected = sum(1 for r in rows if r["expected"])
    precision, recall = correct / answered, correct / expected
    print(f"matching table: {len(rows)} rows, precision {precision:.3f}, recall {recall:.3f}, "
          f"wrong match:true {wrong_matches}")
    assert precision >= 0.98 and recall >= 0.95, misses
    assert wrong_matches == 0, misses


# ---------------------------------------------------------------------------------------------------
# OpenRefine's way through the service
# ---------------------------------------------------------------------------------------------------


def test_openrefine_session(server: str) -> None:
    """What OpenRefine does with a column of municipalities and a column of organisations: read the
    manifest, reconcile in batches of 10 with a type and a property, let the user pick a type and an
    entity by suggest, preview, then fetch new columns by data extension."""
    m = get_json(server, "/reconcile")
    assert_valid("manifest.json", m)
    service = m["suggest"]["entity"]["service_url"]
    assert service == server + "/reconcile"
    column = ["Kruševac", "Beogradu", "Нишу", "Opština Vrnjačka Banja", "Subotcia", "Smederevo", "Novom Sadu",
              "Zvezdara", "Čukarica", "Valjevo", "Kraljevo", "Pančevo"]
    ids: list[str] = []
    for start in range(0, len(column), 10):  # OpenRefine's default batch size
        batch = {f"q{i}": {"query": v, "type": m["defaultTypes"][0]["id"], "type_strict": "should", "limit": 3,
                           "properties": [{"pid": "programs", "v": "ROMACTED"}]}
                 for i, v in enumerate(column[start:start + 10])}
        assert_valid("reconciliation-query-batch.json", batch)
        result = reconcile(server, batch)
        ids += [result[f"q{i}"]["result"][0]["id"] for i in range(len(batch))]
    assert ids[:4] == ["place/krusevac", "place/beograd", "place/nis", "place/vrnjacka-banja"]
    assert ids[4] == "place/subotica"
    suggest_type = m["suggest"]["type"]
    types = get_json("", suggest_type["service_url"] + suggest_type["service_path"] + "?prefix=Org")
    assert_valid("suggest-types-response.json", types)
    assert {"id": "Organization", "name": "Organization"} in types["result"]
    picked = get_json(server, "/reconcile/suggest/entity?" + urllib.parse.urlencode({"prefix": "Nacionalna",
                                                                                      "type": "Organization"}))
    assert_valid("suggest-entities-response.json", picked)
    assert picked["result"][0]["id"] == "org/nsz"
    preview_url = m["preview"]["url"].replace("{{id}}", urllib.parse.quote(picked["result"][0]["id"], safe=""))
    status, _, body = request("", preview_url, accept="text/html")
    assert status == 200 and "Nacionalna služba za zapošljavanje" in body.decode()
    proposal = get_json(server, "/reconcile/propose_properties?type=Municipality")
    assert_valid("data-extension-property-proposal.json", proposal)
    wanted = [p["id"] for p in proposal["properties"] if p["id"] in ("label_sr_cyrl", "wikidata", "programs")]
    extend = {"ids": ids[:3], "properties": [{"id": p} for p in wanted]}
    ext = get_json(server, "/reconcile", {"extend": json.dumps(extend)})
    assert_valid("data-extension-response.json", ext)
    assert ext["rows"]["place/krusevac"]["label_sr_cyrl"] == [{"str": "Крушевац"}]
    assert ext["rows"]["place/krusevac"]["wikidata"] == [{"str": "Q1538019"}]
    assert any(p["id"] == "program/romacted" for p in ext["rows"]["place/beograd"]["programs"])
