"""The SPARQL endpoint as researchers use it: SPARQLWrapper, rdflib's SPARQLStore and curl against a real
`rikg serve` over the graph built from the five source texts; plus the safety limits (timeout, SERVICE
allow-list, body size, read-only, tokens) and the self-description (service description, VoID)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from http.client import HTTPConnection, RemoteDisconnected
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

RIKG = Namespace("https://w3id.org/rikg/ontology#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
DOC_ID = "000_49b288c613fb7b68.txt"
PREFIXES = ("PREFIX rikg: <https://w3id.org/rikg/ontology#>\n"
            "PREFIX dcterms: <http://purl.org/dc/terms/>\n")
COUNT_DOCS = PREFIXES + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a rikg:SourceDocument }"
ASK_DOC = PREFIXES + f'ASK {{ ?d a rikg:SourceDocument ; dcterms:identifier "{DOC_ID}" }}'
CONSTRUCT_DOCS = PREFIXES + ("CONSTRUCT { ?d a rikg:SourceDocument ; dcterms:identifier ?id } "
                             "WHERE { ?d a rikg:SourceDocument ; dcterms:identifier ?id }")
SRX = "{http://www.w3.org/2005/sparql-results#}"


def http(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def get_query(base: str, query: str, accept: str | None = None, **params: str) -> tuple[int, dict[str, str], bytes]:
    qs = urllib.parse.urlencode({"query": query, **params})
    return http(f"{base}/sparql?{qs}", headers={"Accept": accept} if accept else {})


def sparqlwrapper(base: str, query: str, fmt: str, method: str = "GET"):
    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw.query()


# ------------------------------------------------------------------ SPARQLWrapper, every format


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(server: str, method: str) -> None:
    result = sparqlwrapper(server, COUNT_DOCS, JSON, method).convert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) == 5


def test_sparqlwrapper_select_xml(server: str) -> None:
    doc = sparqlwrapper(server, COUNT_DOCS, XML).convert()  # an xml.dom document
    values = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert [int(v) for v in values] == [5]


@pytest.mark.parametrize("fmt,delimiter", [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_select_csv_tsv(server: str, fmt: str, delimiter: str) -> None:
    raw = sparqlwrapper(server, COUNT_DOCS, fmt).convert()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8")), delimiter=delimiter))
    assert rows[0] == (["n"] if fmt == CSV else ["?n"])
    value = rows[1][0]
    assert value in ("5", '"5"^^<http://www.w3.org/2001/XMLSchema#integer>') or value.startswith("5")


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(server: str, fmt: str) -> None:
    result = sparqlwrapper(server, ASK_DOC, fmt).convert()
    if fmt == JSON:
        assert result["boolean"] is True
    else:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    missing = ASK_DOC.replace(DOC_ID, "no-such-file.txt")
    assert sparqlwrapper(server, missing, JSON).convert()["boolean"] is False


def _doc_graph_ok(g: Graph) -> None:
    docs = set(g.subjects(RDF.type, RIKG.SourceDocument))
    assert len(docs) == 5
    assert Literal(DOC_ID) in set(g.objects(None, URIRef("http://purl.org/dc/terms/identifier")))


@pytest.mark.parametrize("fmt,rdflib_format", [(TURTLE, "turtle"), (N3, "turtle"), (RDFXML, None),
                                               (XML, None), (JSONLD, None)])
def test_sparqlwrapper_construct(server: str, fmt: str, rdflib_format: str | None) -> None:
    result = sparqlwrapper(server, CONSTRUCT_DOCS, fmt).convert()
    if isinstance(result, bytes):
        g = Graph().parse(data=result, format=rdflib_format)
    else:
        g = result  # SPARQLWrapper already parsed RDF/XML and JSON-LD into an rdflib Graph
    _doc_graph_ok(g)


def test_sparqlwrapper_describe(server: str) -> None:
    doc = sparqlwrapper(server, PREFIXES + f'SELECT ?d WHERE {{ ?d dcterms:identifier "{DOC_ID}" }}', JSON)
    iri = doc.convert()["results"]["bindings"][0]["d"]["value"]
    g = Graph().parse(data=sparqlwrapper(server, f"DESCRIBE <{iri}>", TURTLE).convert(), format="turtle")
    assert (URIRef(iri), RDF.type, RIKG.SourceDocument) in g


# ------------------------------------------------------------------ rdflib's SPARQLStore


def test_rdflib_sparqlstore(server: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(server + "/sparql")
    g = Graph(store=store)
    rows = list(g.query(COUNT_DOCS))
    assert int(rows[0][0]) == 5
    assert g.query(ASK_DOC).askAnswer is True
    constructed = g.query(CONSTRUCT_DOCS).graph
    _doc_graph_ok(constructed)
    # triple pattern access goes through SELECT queries as well
    assert len(list(g.triples((None, RDF.type, RIKG.SourceDocument)))) == 5


# ------------------------------------------------------------------ curl with the conformance suite's headers


def curl(*args: str, timeout: float = 30) -> tuple[int, str, bytes]:
    out = subprocess.run(["curl", "-s", "-S", "-o", "-", "-w", "\n%{http_code} %{content_type}", *args],
                         capture_output=True, timeout=timeout, check=True).stdout
    body, _, tail = out.rpartition(b"\n")
    status, _, ctype = tail.decode().partition(" ")
    return int(status), ctype, body


@pytest.mark.parametrize("accept,media", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+json;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
    ("application/*", "application/sparql-results+json"),
])
def test_curl_select_accept(server: str, accept: str, media: str) -> None:
    status, ctype, body = curl("-G", server + "/sparql", "--data-urlencode", f"query={COUNT_DOCS}",
                               "-H", f"Accept: {accept}")
    assert status == 200 and ctype.split(";")[0] == media, (status, ctype, body)
    assert b"5" in body


@pytest.mark.parametrize("accept,media,rdflib_format", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml, text/turtle;q=0.9, application/n-triples;q=0.8", "application/rdf+xml", "xml"),
])
def test_curl_construct_accept(server: str, accept: str, media: str, rdflib_format: str) -> None:
    status, ctype, body = curl(server + "/sparql", "-H", "Content-Type: application/sparql-query",
                               "-H", f"Accept: {accept}", "--data-binary", CONSTRUCT_DOCS)
    assert status == 200 and ctype.split(";")[0] == media, (status, ctype, body[:200])
    _doc_graph_ok(Graph().parse(data=body, format=rdflib_format))


def test_curl_post_form_and_format_parameter(server: str) -> None:
    status, ctype, body = curl(server + "/sparql?format=csv", "--data-urlencode", f"query={COUNT_DOCS}")
    assert status == 200 and ctype.startswith("text/csv"), (status, ctype)
    assert body.decode().splitlines() == ["n", "5"]


def test_not_acceptable(server: str) -> None:
    status, _, body = get_query(server, COUNT_DOCS, "image/png")
    assert status == 406 and b"application/sparql-results+json" in body


def test_html_results_are_capped(server: str) -> None:
    status, headers, body = get_query(server, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "text/html")
    assert status == 200 and headers["content-type"].startswith("text/html")
    html = body.decode()
    assert html.count("<tr>") == 1001  # header row + the 1000-row cap
    assert "capped" in html


# ------------------------------------------------------------------ errors and limits


def test_syntax_error_is_400_with_parser_message(server: str) -> None:
    status, headers, body = get_query(server, "SELECT * WHERE { ?s ?p ")
    assert status == 400
    assert headers["content-type"].startswith("text/plain")
    assert b"error at 1:" in body and b"expected" in body


def test_update_refused_on_read_only_server(server: str) -> None:
    status, _, body = http(server + "/update", data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                           headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    status, _, _ = http(server + "/store?graph=urn:x", data=b"<urn:a> <urn:b> <urn:c> .",
                        headers={"Content-Type": "application/n-triples"}, method="PUT")
    assert status == 403


def test_service_outside_allow_list_refused_fast(server: str) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    started = time.monotonic()
    status, _, body = get_query(server, query)
    assert time.monotonic() - started < 2
    assert status == 400 and b"not allowed" in body and b"https://query.wikidata.org/sparql" in body
    # a prefixed name or a variable does not get around the check
    status, _, _ = get_query(server, "PREFIX x: <http://127.0.0.1:1/> SELECT * { SERVICE SILENT x:sparql {} }")
    assert status == 400
    status, _, _ = get_query(server, "SELECT * { BIND(<http://127.0.0.1:1/> AS ?e) SERVICE ?e {} }")
    assert status == 400


def test_request_body_over_limit_is_413(server: str) -> None:
    big = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * (1024 * 1024 + 10)).encode()
    # The server may answer 413 and close before the client has sent the whole body (it need not read what it
    # refuses): the client then reads the answer after a broken send, as a browser would.
    statuses = []
    for _ in range(3):
        url = urllib.parse.urlsplit(server)
        conn = HTTPConnection(url.hostname, url.port, timeout=30)
        try:
            conn.putrequest("POST", "/sparql")
            conn.putheader("Content-Type", "application/sparql-query")
            conn.putheader("Content-Length", str(len(big)))
            conn.endheaders()
            try:
                for i in range(0, len(big), 65536):
                    conn.send(big[i : i + 65536])
            except (BrokenPipeError, ConnectionResetError):
                pass
            try:
                statuses.append(conn.getresponse().status)
            except (ConnectionResetError, RemoteDisconnected):
                continue  # the close overtook the answer on this connection; ask again
            break
        finally:
            conn.close()
    assert statuses == [413]


def test_cors(server: str) -> None:
    status, headers, _ = get_query(server, ASK_DOC)
    assert status == 200 and headers.get("access-control-allow-origin") == "*"
    status, headers, _ = http(server + "/sparql", method="OPTIONS",
                              headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                                       "Access-Control-Request-Headers": "Content-Type"})
    assert status in (200, 204)
    assert headers.get("access-control-allow-origin") == "*"
    assert "POST" in headers.get("access-control-allow-methods", "")


def test_query_timeout_stops_the_query_and_others_keep_working(built_store: Path,
                                                               start_server: Callable[..., str]) -> None:
    base = start_server(built_store, "--timeout", "2")
    heavy = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    result: dict[str, object] = {}

    def run_heavy() -> None:
        started = time.monotonic()
        result["status"], _, result["body"] = get_query(base, heavy)
        result["seconds"] = time.monotonic() - started

    t = threading.Thread(target=run_heavy)
    t.start()
    time.sleep(0.3)
    started = time.monotonic()
    status, _, body = get_query(base, ASK_DOC, "application/sparql-results+json")
    ask_seconds = time.monotonic() - started
    t.join(timeout=10)
    assert status == 200 and json.loads(body)["boolean"] is True
    assert ask_seconds < 1.5, ask_seconds
    assert result["status"] in (503, 504), result
    assert result["seconds"] < 4, result
    assert b"timed out" in result["body"]
    # the killed worker is replaced: the server keeps answering
    status, _, body = get_query(base, COUNT_DOCS, "application/sparql-results+json")
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "5"


# ------------------------------------------------------------------ updates with a token


@pytest.fixture()
def token_server(tmp_path: Path, start_server: Callable[..., str]) -> str:
    from rikg.store import open_store

    open_store(tmp_path / "store", create=True)
    return start_server(tmp_path / "store", "--allow-updates", "--update-token", "T")


def test_update_needs_token_and_is_seen_by_next_query(token_server: str) -> None:
    update = b'INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> "v" } }'
    ask = 'ASK { <urn:s> <urn:p> "v" }'
    headers = {"Content-Type": "application/sparql-update"}
    status, h, _ = http(token_server + "/update", data=update, headers=headers)
    assert status == 401 and "Bearer" in h.get("www-authenticate", "")
    status, _, _ = http(token_server + "/update", data=update, headers={**headers, "Authorization": "Bearer X"})
    assert status == 401
    _, _, body = get_query(token_server, ask, "application/sparql-results+json")
    assert json.loads(body)["boolean"] is False
    status, _, _ = http(token_server + "/update", data=update, headers={**headers, "Authorization": "Bearer T"})
    assert status in (200, 204)
    _, _, body = get_query(token_server, ask, "application/sparql-results+json")
    assert json.loads(body)["boolean"] is True  # the union default graph sees the named graph
    # form-encoded updates and Graph Store writes take the same token
    form = urllib.parse.urlencode({"update": "DELETE DATA { GRAPH <urn:g> { <urn:s> <urn:p> \"v\" } }"}).encode()
    status, _, _ = http(token_server + "/update", data=form, headers={"Authorization": "Bearer T"})
    assert status in (200, 204)
    _, _, body = get_query(token_server, ask, "application/sparql-results+json")
    assert json.loads(body)["boolean"] is False
    status, _, _ = http(token_server + "/store?graph=urn:h", data=b"<urn:a> <urn:b> <urn:c> .",
                        headers={"Content-Type": "application/n-triples"}, method="PUT")
    assert status == 401
    status, _, _ = http(token_server + "/store?graph=urn:h", data=b"<urn:a> <urn:b> <urn:c> .",
                        headers={"Content-Type": "application/n-triples", "Authorization": "Bearer T"},
                        method="PUT")
    assert status == 201
    status, _, body = http(token_server + "/store?graph=urn:h", headers={"Accept": "application/n-triples"})
    assert status == 200 and body.strip() == b"<urn:a> <urn:b> <urn:c> ."
    # the service description now changes with the data (no stale statistics)
    status, _, body = http(token_server + "/.well-known/void", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=body, format="turtle")
    assert Literal(1) in set(g.objects(None, VOID.triples))


# ------------------------------------------------------------------ self-description


@pytest.mark.parametrize("accept,rdflib_format", [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                                                  ("application/ld+json", "json-ld")])
def test_service_description(server: str, accept: str, rdflib_format: str) -> None:
    status, headers, body = http(server + "/sparql", headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(accept)
    g = Graph().parse(data=body, format=rdflib_format)
    service = next(g.subjects(RDF.type, SD.Service))
    assert (service, SD.endpoint, URIRef(server + "/sparql")) in g
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    formats = set(g.objects(service, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    assert URIRef("http://www.w3.org/ns/formats/Turtle") in formats
    default_graph = g.value(g.value(service, SD.defaultDataset), SD.defaultGraph)
    assert g.value(default_graph, VOID.triples).toPython() > 0
    assert list(g.objects(default_graph, VOID.classPartition))


def test_service_description_html_for_browsers(server: str) -> None:
    status, headers, body = http(server + "/sparql", headers={
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"/sparql" in body


def _count(base: str, query: str) -> int:
    _, _, body = get_query(base, query, "application/sparql-results+json")
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_void_counts_agree_with_queries(server: str) -> None:
    status, headers, body = http(server + "/.well-known/void", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    ds = next(s for s in g.subjects(RDF.type, VOID.Dataset) if str(s).endswith("/.well-known/void#dataset"))
    assert (ds, RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")) in g
    assert g.value(ds, VOID.triples).toPython() == _count(server, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    partitions = {g.value(p, VOID["class"]): g.value(p, VOID.entities).toPython()
                  for p in g.objects(ds, VOID.classPartition)}
    assert partitions[RIKG.SourceDocument] == 5
    props = {g.value(p, VOID.property): g.value(p, VOID.triples).toPython()
             for p in g.objects(ds, VOID.propertyPartition)}
    assert props[RDF.type] == _count(server, "SELECT (COUNT(*) AS ?n) { ?s a ?o }")
    dumps = {str(u) for u in g.objects(ds, VOID.dataDump)}
    assert server + "/dump.nq" in dumps
    # The Wikidata links are a void:Linkset subset whose count is the number of skos:exactMatch triples.
    linksets = [s for s in g.objects(ds, VOID.subset) if (s, RDF.type, VOID.Linkset) in g]
    assert len(linksets) == 1
    ls = linksets[0]
    assert g.value(ls, VOID.linkPredicate) == URIRef("http://www.w3.org/2004/02/skos/core#exactMatch")
    assert g.value(ls, VOID.objectsTarget) == URIRef("http://www.wikidata.org/")
    assert g.value(ls, VOID.triples).toPython() == _count(
        server, "SELECT (COUNT(*) AS ?n) { ?s <http://www.w3.org/2004/02/skos/core#exactMatch> ?o }")


def test_dumps(server: str) -> None:
    status, headers, body = http(server + "/dump.nq")
    assert status == 200 and headers["content-type"].startswith("application/n-quads")
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=body, format="nquads")
    assert len(ds) > 0 or sum(len(c) for c in ds.contexts()) > 0
    status, headers, body = http(server + "/export?format=ttl")
    assert status == 200
    g = Graph().parse(data=body, format="turtle")
    assert len(set(g.subjects(RDF.type, RIKG.SourceDocument))) == 5


def test_graph_store_read(server: str) -> None:
    status, _, _ = http(server + "/store?graph=" + urllib.parse.quote("urn:no-such-graph", safe=""))
    assert status == 404
    status, headers, _ = http(server + "/store?default", method="HEAD")
    assert status == 200 and headers["content-type"].startswith("text/turtle")


def test_xml_results_parse(server: str) -> None:
    status, _, body = get_query(server, COUNT_DOCS, "application/sparql-results+xml")
    root = ET.fromstring(body)
    assert root.find(f"{SRX}results/{SRX}result/{SRX}binding/{SRX}literal").text == "5"

