"""/search (JSON and HTML), the UI's search box, rikg:foldedLabel in the store, and the label index's
rebuild after a write."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from rikg.loaders.normalise import fold
from rikg.matching import Entity, LabelIndex, index_from, store_select, typo_of
from rikg.store import open_store, run_query
from rikg.vocab import RIKG_NS

ID = "https://w3id.org/rikg/id/"


def get(base: str, path: str, accept: str = "application/json") -> tuple[int, str, str]:
    req = urllib.request.Request(base + path, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode()


def search(base: str, **params: str) -> dict:
    status, ctype, body = get(base, "/search?" + urllib.parse.urlencode(params))
    assert status == 200 and ctype.startswith("application/json"), body[:300]
    return json.loads(body)


# ---------------------------------------------------------------------------------------------------
# /search over HTTP
# ---------------------------------------------------------------------------------------------------


def test_search_json_is_blind_to_script_and_case(server: str) -> None:
    for q in ("Крушевцу", "kruševcem", "KRUSEVAC"):
        top = search(server, q=q)["results"][0]
        assert top["id"] == ID + "place/krusevac", q
        assert top["labels"]["sr-Cyrl"] == ["Крушевац"] and top["wikidata"] == ["Q1538019"]
        assert top["url"] == "/id/place/krusevac"


def test_search_type_filter(server: str) -> None:
    body = search(server, q="Kruševac", type="Organization")
    assert body["types"] == ["Organization"]
    assert body["results"][0]["id"] == ID + "lsg/krusevac"
    assert all("Organization" in r["types"] for r in body["results"])


def test_search_shows_partial_names_to_people(server: str) -> None:
    # Words of a longer name: weaker than a match, but listed (the search floor is lower than /reconcile's).
    results = search(server, q="Klub za zapošljavanje", limit="5")["results"]
    ids = [r["id"] for r in results]
    assert ID + "program/klub-za-zaposljavanje-roma" in ids
    assert all(not r["match"] for r in results)


def test_search_html_by_accept(server: str) -> None:
    status, ctype, body = get(server, "/search?q=%D0%9D%D0%A1%D0%97", accept="text/html")  # НСЗ
    assert status == 200 and ctype.startswith("text/html")
    assert '<a href="/id/org/nsz">Nacionalna služba za zapošljavanje</a>' in body
    assert 'name="q" value="НСЗ"' in body
    status, _, form = get(server, "/search", accept="text/html")
    assert status == 200 and '<form class="search" action="/search"' in form


def test_search_format_parameter_wins(server: str) -> None:
    status, ctype, _ = get(server, "/search?q=Ni%C5%A1&format=json", accept="text/html")
    assert status == 200 and ctype.startswith("application/json")


@pytest.mark.parametrize(("path", "parameter"), [
    ("/search", "q"),
    ("/search?q=", "q"),
    ("/search?q=%20%20", "q"),
    ("/search?q=" + "x" * 10_000, "q"),
    ("/search?q=Ni%C5%A1&type=Planet", "type"),
    ("/search?q=Ni%C5%A1&limit=0", "limit"),
    ("/search?q=Ni%C5%A1&limit=many", "limit"),
])
def test_search_bad_input(server: str, path: str, parameter: str) -> None:
    status, ctype, body = get(server, path)
    assert status == 400 and ctype.startswith("application/json"), body[:300]
    assert json.loads(body)["parameter"] == parameter


def test_ui_has_a_search_box(server: str) -> None:
    status, _, body = get(server, "/", accept="text/html")
    assert status == 200
    assert 'id="search-form"' in body and 'action="/search"' in body and 'id="search-results"' in body
    status, _, js = get(server, "/static/ui/app.js", accept="*/*")
    assert status == 200 and "/search?" in js


def test_index_follows_writes(rw_server: str) -> None:
    """The label index is built once per store generation: a write makes the next search see it."""
    assert search(rw_server, q="Aranđelovac")["results"] == []
    update = ('PREFIX rikg: <https://w3id.org/rikg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '
              'INSERT DATA { <https://w3id.org/rikg/id/place/arandjelovac> a rikg:Place, rikg:Municipality ; '
              'rdfs:label "Aranđelovac"@sr-Latn, "Аранђеловац"@sr-Cyrl }')
    req = urllib.request.Request(rw_server + "/update", data=update.encode(),
                                 headers={"Content-Type": "application/sparql-update"})
    with urllib.request.urlopen(req, timeout=60) as r:
        assert r.status in (200, 204)
    top = search(rw_server, q="Аранђеловцу")["results"][0]
    assert top["id"] == ID + "place/arandjelovac" and top["match"] is True


# ---------------------------------------------------------------------------------------------------
# The matcher and the materialised folded labels, on the built store
# ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(built_store: Path):  # noqa: ANN201 - a pyoxigraph Store
    return open_store(built_store, read_only=True)


def test_every_labelled_entity_has_folded_labels(store) -> None:  # noqa: ANN001
    rows = run_query(store, f"""SELECT ?e ?l WHERE {{ ?e rdfs:label|skos:altLabel|skos:hiddenLabel ?l
        FILTER(STRSTARTS(STR(?e), "{ID}")) }}""")
    folded = {(r["e"].value, r["f"].value) for r in run_query(store, "SELECT ?e ?f WHERE { ?e rikg:foldedLabel ?f }")}
    missing = {(r["e"].value, fold(r["l"].value)) for r in rows} - folded
    assert not missing, sorted(missing)[:5]
    assert (ID + "place/krusevac", "krusevac") in folded
    assert (ID + "org/giz", "nemacka organizacija za medjunarodnu saradnju") in folded


def test_gazetteer_acronyms_are_hidden_labels(store) -> None:  # noqa: ANN001
    rows = run_query(store, f"SELECT ?a WHERE {{ <{ID}org/nsz> skos:hiddenLabel ?a }} ORDER BY ?a")
    assert [r["a"].value for r in rows] == ["NSZ", "НСЗ"]


def test_folded_label_is_declared_in_the_ontology(store) -> None:  # noqa: ANN001
    rows = run_query(store, "SELECT ?lang WHERE { rikg:foldedLabel a owl:DatatypeProperty ; rdfs:label ?l ; "
                            "rdfs:comment ?c BIND(lang(?l) AS ?lang) } ORDER BY ?lang")
    assert {r["lang"].value for r in rows} == {"en", "sr-cyrl", "sr-latn"}


def test_index_from_store(store) -> None:  # noqa: ANN001
    index = index_from(store_select(store))
    assert len(index) > 100
    krusevac = index.by_iri[ID + "place/krusevac"]
    assert {RIKG_NS + "Municipality", RIKG_NS + "Place"} <= krusevac.types and krusevac.qids == {"Q1538019"}
    assert [c.entity.id for c in index.match("Novom Sadu", limit=1)] == ["place/novi-sad"]
    assert [e.id for e in index.prefixed("Novi B")] == ["place/novi-becej", "place/novi-beograd"]


def test_typo_rules() -> None:
    assert typo_of("subotcia", "subotica", 1)
    assert not typo_of("aleksandar petrovic", "aleksandar popovic", 3)
    assert not typo_of("inicijativa za inkluziju faza 3", "inicijativa za inkluziju faza 2", 1)
    assert not typo_of("bar", "bor", 1)


def test_match_is_only_certain_with_a_lead() -> None:
    a = Entity(ID + "place/a", [("Kraljevo", "sr-latn", "http://www.w3.org/2000/01/rdf-schema#label")])
    b = Entity(ID + "place/b", [("Kraljevo", "sr-latn", "http://www.w3.org/2000/01/rdf-schema#label")])
    one = LabelIndex([a]).match("Kraljevu")
    assert one[0].match and one[0].score >= 90
    two = LabelIndex([a, b]).match("Kraljevu")
    assert [c.match for c in two] == [False, False]  # namesakes: the service cannot know which one
