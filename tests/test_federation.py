"""Federated queries (queries/federated-*.rq) through our endpoint, with Wikidata replaced by a local
`oxigraph serve` loaded with tests/fixtures/wikidata-standin.ttl (made-up values, Wikidata's shape).

The query text's SERVICE IRI is rewritten to the stand-in, and our server is started with the stand-in
on its SERVICE allow-list, so the test exercises the same path as a real federated query: our
endpoint checks the target, then the query engine calls the remote SPARQL endpoint and joins on our
skos:exactMatch links. Any other SERVICE target, loopback included, must be refused with a 4xx.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import free_port, stop, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "wikidata-standin.ttl"
QUERIES = ROOT / "queries"
WDQS = "<https://query.wikidata.org/sparql>"
WD = "http://www.wikidata.org/entity/"
FEDERATED = ["federated-population-of-program-municipalities.rq", "federated-coordinates-for-map.rq"]


@pytest.fixture(scope="module")
def standin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Wikidata stand-in: `oxigraph serve` on a free loopback port; yields its SPARQL query URL."""
    assert shutil.which("oxigraph"), "the oxigraph server binary is missing: pip install '.[test]' brings it"
    location = tmp_path_factory.mktemp("wikidata-standin")
    subprocess.run(["oxigraph", "load", "--location", str(location), "--file", str(FIXTURE)],
                   check=True, capture_output=True, timeout=60)
    port = free_port()
    proc = subprocess.Popen(["oxigraph", "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_until_up(url + "?query=" + urllib.parse.quote("ASK {}"), proc)
        yield url
    finally:
        stop([proc])


@pytest.fixture(scope="module")
def fed_server(built_store: Path, start_server: Callable[..., str], standin: str) -> str:
    """Our endpoint over the built graph, allowed to call the stand-in (and nothing else)."""
    return start_server(built_store, "--allow-service", standin)


def post_query(base: str, query: str) -> tuple[int, dict | str]:
    req = urllib.request.Request(base + "/sparql", data=query.encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/sparql-query",
                                          "Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def rows(result: dict) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]


def federated_text(name: str, standin: str) -> str:
    text = (QUERIES / name).read_text(encoding="utf-8")
    assert WDQS in text, f"{name} must call Wikidata through SERVICE"
    return text.replace(WDQS, f"<{standin}>")


@pytest.mark.parametrize("name", FEDERATED)
def test_federated_query_is_documented(name: str) -> None:
    lines = (QUERIES / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Question: ") and lines[0].rstrip().endswith("?")
    text = "\n".join(lines)
    assert "skos:exactMatch ?item" in text and "ORDER BY" in text


def test_population_of_program_municipalities(fed_server: str, standin: str) -> None:
    status, result = post_query(fed_server, federated_text(FEDERATED[0], standin))
    assert status == 200, result
    got = {r["item"].removeprefix(WD): r for r in rows(result)}
    # Fixture values, joined on our links: Kruševac, Belgrade and Kraljevo are program municipalities.
    assert got["Q1538019"]["population"] == "111111"
    assert got["Q2074197"]["population"] == "222222"
    assert got["Q2041718"]["population"] == "333333"
    assert got["Q1538019"]["municipality"] == "https://w3id.org/rikg/id/place/krusevac"
    assert int(got["Q1538019"]["programs"]) >= 1
    assert "Q2500635" not in got          # no population in the stand-in
    assert "Q999999001" not in got        # not linked by our graph


def test_coordinates_for_map(fed_server: str, standin: str) -> None:
    status, result = post_query(fed_server, federated_text(FEDERATED[1], standin))
    assert status == 200, result
    got = {r["item"].removeprefix(WD): r for r in rows(result)}
    assert got["Q1538019"]["coord"] == "Point(21.3 43.6)"
    assert got["Q1538019"]["label"] == "Kruševac"
    assert {"Q2074197", "Q2041718"} <= got.keys()
    assert "Q2500635" not in got and "Q999999001" not in got
    # Deterministic order: most programs first.
    counts = [int(r["programs"]) for r in rows(result)]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{port}/sparql",          # loopback, but not on the allow-list
    "http://localhost:{port}/query",
    "https://example.org/sparql",
    "https://query.wikidata.org/sparql",       # not allowed on this server: only the stand-in is
])
def test_service_outside_the_allow_list_is_refused(fed_server: str, target: str) -> None:
    url = target.format(port=free_port())
    query = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} LIMIT 1"
    status, body = post_query(fed_server, query)
    assert 400 <= status < 500, (status, body)
    assert "not allowed" in str(body) and url in str(body)


def test_service_with_a_variable_is_refused(fed_server: str) -> None:
    query = "SELECT * WHERE { BIND(<http://127.0.0.1:1/> AS ?e) SERVICE ?e { ?s ?p ?o } }"
    status, body = post_query(fed_server, query)
    assert 400 <= status < 500, (status, body)
    assert "SERVICE" in str(body)


def test_oxigraph_federates_into_our_endpoint(standin: str, server: str) -> None:
    """The other direction: a separate `oxigraph serve` answers a query whose SERVICE clause calls /sparql."""
    query = f"""SELECT ?id WHERE {{ SERVICE <{server}/sparql> {{
        ?doc a <https://w3id.org/rikg/ontology#SourceDocument> ; <http://purl.org/dc/terms/identifier> ?id }} }}
        ORDER BY ?id"""
    req = urllib.request.Request(standin + "?query=" + urllib.parse.quote(query),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        got = [row["id"] for row in rows(json.loads(r.read().decode("utf-8")))]
    assert got == sorted(p.name for p in (ROOT / "data" / "sources").glob("*.txt"))
