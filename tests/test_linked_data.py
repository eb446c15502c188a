"""Linked Data: /id/<path> for every https://w3id.org/rikg/id/<path>, and /ontology, on the real server."""

from __future__ import annotations

import html
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest
from flask import Flask
from pyoxigraph import QueryResultsFormat, RdfFormat, Store
from rdflib import RDFS, Graph, Literal, URIRef

ID_NS = "https://w3id.org/rikg/id/"
RIKG = "https://w3id.org/rikg/ontology#"
PREFIXES = (
    "PREFIX rikg: <https://w3id.org/rikg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX dcterms: <http://purl.org/dc/terms/> "
)


def get(url: str, accept: str | None = None) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def select(base: str, query: str) -> list[dict[str, Any]]:
    url = base + "/sparql?" + urllib.parse.urlencode({"query": PREFIXES + query})
    status, _, body = get(url, "application/sparql-results+json")
    assert status == 200, body
    return json.loads(body)["results"]["bindings"]


def local(iri: str) -> str:
    assert iri.startswith(ID_NS)
    return "/id/" + iri[len(ID_NS):]


@pytest.fixture(scope="module")
def document(server: str) -> str:
    rows = select(server, 'SELECT ?d WHERE { ?d a rikg:SourceDocument ; '
                          'dcterms:identifier "000_49b288c613fb7b68.txt" }')
    assert rows, "the built graph has no rikg:SourceDocument for 000_49b288c613fb7b68.txt"
    return rows[0]["d"]["value"]


@pytest.fixture(scope="module")
def actor(server: str) -> dict[str, str]:
    """An actor with a Serbian Latin label and one evidence quote."""
    rows = select(server, """
        SELECT ?a ?label ?exact WHERE {
          ?a a rikg:Actor ; rdfs:label ?label ; rikg:evidence ?m .
          FILTER(langMatches(lang(?label), "sr-Latn"))
          ?m oa:hasSelector ?q . ?q oa:exact ?exact .
        } ORDER BY ?a LIMIT 1""")
    assert rows, "the built graph has no rikg:Actor with evidence"
    return {k: v["value"] for k, v in rows[0].items()}


def test_actor_page_shows_label_and_highlighted_evidence(server: str, actor: dict[str, str]) -> None:
    status, ctype, body = get(server + local(actor["a"]), "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
    assert status == 200 and ctype.startswith("text/html")
    page = body.decode("utf-8")
    assert f"<title>{html.escape(actor['label'], quote=False)}" in page
    assert f"<mark>{html.escape(actor['exact'], quote=False)}</mark>" in page
    assert 'href="/id/doc/' in page  # the evidence links to its document page
    assert "sr-Cyrl" in page


def test_actor_as_turtle_has_its_labels(server: str, actor: dict[str, str]) -> None:
    status, ctype, body = get(server + local(actor["a"]), "text/turtle")
    assert status == 200 and ctype.startswith("text/turtle")
    g = Graph().parse(data=body.decode("utf-8"), format="turtle")
    subject = URIRef(actor["a"])
    labels = set(g.objects(subject, RDFS.label))
    assert Literal(actor["label"], lang="sr-Latn") in labels
    assert any((lit.language or "").lower() == "sr-cyrl" for lit in labels if isinstance(lit, Literal))
    # The description carries the evidence: mentions and their selectors.
    assert (subject, URIRef(RIKG + "evidence"), None) in g
    assert any(g.triples((None, URIRef("http://www.w3.org/ns/oa#exact"), Literal(actor["exact"]))))


@pytest.mark.parametrize(("suffix", "fmt", "media"), [
    ("ttl", "turtle", "text/turtle"),
    ("nt", "nt", "application/n-triples"),
    ("jsonld", "json-ld", "application/ld+json"),
])
def test_suffixes_give_rdf(server: str, actor: dict[str, str], suffix: str, fmt: str, media: str) -> None:
    status, ctype, body = get(f"{server}{local(actor['a'])}.{suffix}")
    assert status == 200 and ctype.startswith(media)
    g = Graph().parse(data=body.decode("utf-8"), format=fmt)
    assert (URIRef(actor["a"]), RDFS.label, Literal(actor["label"], lang="sr-Latn")) in g


def test_jsonld_by_accept(server: str, actor: dict[str, str]) -> None:
    status, ctype, body = get(server + local(actor["a"]), "application/ld+json")
    assert status == 200 and ctype.startswith("application/ld+json")
    g = Graph().parse(data=body.decode("utf-8"), format="json-ld")
    assert (URIRef(actor["a"]), RDFS.label, None) in g


def test_document_page_shows_text_with_mentions(server: str, document: str) -> None:
    status, _, body = get(server + local(document))
    assert status == 200
    page = body.decode("utf-8")
    assert "000_49b288c613fb7b68.txt" in page
    assert "Crveni Krst" in page or "Црвени Крст" in page  # the full text (Cyrillic in this file)
    assert page.count("<mark>") >= 1
    assert 'class="fulltext"' in page


def test_unknown_resource_is_404(server: str) -> None:
    status, ctype, body = get(server + "/id/org/no-such-organisation-anywhere")
    assert status == 404 and ctype.startswith("text/html")
    assert b"no-such-organisation-anywhere" in body
    assert get(server + "/id/org/no-such-organisation-anywhere.ttl")[0] == 404


def test_ontology_html_and_turtle(server: str) -> None:
    status, ctype, body = get(server + "/ontology")
    assert status == 200 and ctype.startswith("text/html")
    page = body.decode("utf-8")
    assert 'id="Program"' in page and "rikg:Program" in page
    assert 'id="Roles"' in page  # the concept scheme of roles
    for url, accept in ((server + "/ontology", "text/turtle"), (server + "/ontology.ttl", None)):
        status, ctype, body = get(url, accept)
        assert status == 200 and ctype.startswith("text/turtle")
        g = Graph().parse(data=body.decode("utf-8"), format="turtle")
        assert (URIRef(RIKG + "Program"), None, None) in g


# ---- escaping, on a tiny in-process app so that hostile text can be put into the graph ----


class _Executor:
    """The executor interface (select/construct/ask) over an in-memory store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def select(self, query: str) -> list[dict[str, Any]]:
        out = io.BytesIO()
        self.store.query(query, use_default_graph_as_union=True).serialize(out, QueryResultsFormat.JSON)
        return json.loads(out.getvalue())["results"]["bindings"]

    def ask(self, query: str) -> bool:
        return bool(self.store.query(query, use_default_graph_as_union=True))

    def construct(self, query: str, fmt: str) -> bytes:
        out = io.BytesIO()
        formats = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD}
        self.store.query(query, use_default_graph_as_union=True).serialize(out, formats[fmt])
        return out.getvalue()


def test_text_is_escaped() -> None:
    from rikg.endpoint import linked_data

    store = Store()
    text = 'Say <script>alert("x")</script> & Eneka here.'
    start = text.index("Eneka")
    store.load(f"""
        @prefix rikg: <{RIKG}> . @prefix oa: <http://www.w3.org/ns/oa#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <{ID_NS}org/x> a rikg:Actor ; rdfs:label "<b>Evil</b>"@sr-Latn ; rikg:evidence <{ID_NS}m/1> .
        <{ID_NS}m/1> oa:hasSource <{ID_NS}doc/d> ; rikg:rule "<i>rule</i>" ;
            oa:hasSelector [ a oa:TextPositionSelector ; oa:start {start} ; oa:end {start + 5} ],
                           [ a oa:TextQuoteSelector ; oa:exact "Eneka" ] .
        <{ID_NS}doc/d> a rikg:SourceDocument ; rikg:text {json.dumps(text)} .
    """.encode(), RdfFormat.TURTLE)
    app = Flask(__name__)
    app.extensions["rikg.executor"] = _Executor(store)
    app.register_blueprint(linked_data.blueprint)
    client = app.test_client()
    page = client.get("/id/org/x").get_data(as_text=True)
    assert "<b>Evil</b>" not in page and "&lt;b&gt;Evil&lt;/b&gt;" in page
    assert "<script>" not in page and "<mark>Eneka</mark>" in page
    assert "&lt;i&gt;rule&lt;/i&gt;" in page
    doc = client.get("/id/doc/d").get_data(as_text=True)
    assert "<script>" not in doc and "&lt;script&gt;" in doc
    assert 'href="/id/org/x"' in doc  # the mention in the text links to its entity
