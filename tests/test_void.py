"""/.well-known/void: an HTML page for browsers, content negotiation for every other client."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from test_endpoint import RIKG, VOID, http

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def test_browser_gets_the_dataset_page(server: str) -> None:
    status, headers, body = http(server + "/.well-known/void", headers={"Accept": BROWSER_ACCEPT})
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["vary"] == "Accept"
    page = body.decode("utf-8")
    assert "<h1>Roma Inclusion Knowledge Graph</h1>" in page
    # The same numbers as the RDF description, and its classes linked to the ontology documentation.
    _, _, ttl = http(server + "/.well-known/void", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=ttl, format="turtle")
    ds = URIRef(server + "/.well-known/void#dataset")
    triples = g.value(ds, VOID.triples).toPython()
    assert f"<tr><th>triples</th><td>{triples}</td></tr>" in page
    assert re.search(r'<a href="/ontology#SourceDocument">rikg:SourceDocument</a></td><td>5</td>', page)
    assert 'href="/dump.nq"' in page
    # The Wikidata linkset, with the same link count as in the RDF.
    linkset = next(s for s in g.objects(ds, VOID.subset) if (s, RDF.type, VOID.Linkset) in g)
    assert f"{g.value(linkset, VOID.triples).toPython()} links to" in page


@pytest.mark.parametrize("accept,media,rdflib_format", [
    (None, "text/turtle", "turtle"),  # no Accept: Turtle, the default
    ("*/*", "text/turtle", "turtle"),
    ("text/turtle", "text/turtle", "turtle"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("text/html;q=0.5, text/turtle", "text/turtle", "turtle"),  # q-values still rank
])
def test_other_clients_negotiate_rdf(server: str, accept: str | None, media: str, rdflib_format: str) -> None:
    status, headers, body = http(server + "/.well-known/void", headers={"Accept": accept} if accept else {})
    assert status == 200
    assert headers["content-type"].split(";")[0] == media
    g = Graph().parse(data=body, format=rdflib_format)
    ds = URIRef(server + "/.well-known/void#dataset")
    assert (ds, RDF.type, VOID.Dataset) in g
    partitions = {g.value(p, VOID["class"]): g.value(p, VOID.entities).toPython()
                  for p in g.objects(ds, VOID.classPartition)}
    assert partitions[RIKG.SourceDocument] == 5


def test_format_parameter_beats_a_browser_accept(server: str) -> None:
    status, headers, body = http(server + "/.well-known/void?format=ttl", headers={"Accept": BROWSER_ACCEPT})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert b"void:Dataset" in body


def test_unproducible_media_type_is_406(server: str) -> None:
    status, headers, body = http(server + "/.well-known/void", headers={"Accept": "image/png"})
    assert status == 406
    assert b"text/turtle" in body and b"text/html" in body
