"""The W3C SPARQL 1.1 Protocol (34) and Graph Store Protocol (13) tests, read from the manifests in tests/w3c.

Each manifest test runs against a fresh `rikg serve --allow-updates` over a new store holding the
test's ut:graphData. The requests are sent byte for byte as the manifest gives them (method, path,
headers, body in its declared character encoding) over a raw HTTP connection; only the path prefix
is mapped: /sparql/ to our /sparql (queries) or /update (updates), /gsp to /store.
"""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from conftest import launch, stop
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

# Copies of the W3C rdf-tests manifests and data (tests/w3c/LICENSE.md says where from, and the licence)
W3C = Path(__file__).resolve().parent / "w3c"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#"

STATUS_CODES = {"OK": 200, "Created": 201, "Accepted": 202, "NoContent": 204, "NotFound": 404,
                "BadRequest": 400, "MethodNotAllowed": 405, "UnsupportedMediaType": 415}
RESULTS_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                 "text/tab-separated-values"}
RDFLIB_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
                  "application/ld+json": "json-ld", "application/n-quads": "nquads", "application/trig": "trig"}


@dataclass
class Expected:
    statuses: list[str]
    format: str | None = None
    boolean: bool | None = None
    location_var: str | None = None
    content_type: str | None = None
    body: str | None = None


@dataclass
class Request:
    method: str
    path: str
    headers: list[tuple[str, str]]
    body: str | None
    encoding: str
    expected: Expected


@dataclass
class ManifestTest:
    id: str
    name: str
    kind: str  # "protocol" or "gsp"
    requests: list[Request]
    graph_data: list[tuple[Path, str]] = field(default_factory=list)


def _text(g: Graph, s, p) -> str | None:
    v = g.value(s, p)
    return None if v is None else str(v)


def _read_request(g: Graph, node) -> Request:
    headers = []
    hnode = g.value(node, HT.headers)
    if hnode is not None:
        for h in Collection(g, hnode):
            headers.append((str(g.value(h, HT.fieldName)), str(g.value(h, HT.fieldValue))))
    body = g.value(node, HT.body)
    resp = g.value(node, HT.resp)
    expected = Expected(statuses=[str(s) for s in g.objects(resp, MF.expectedStatus)],
                        format=_text(g, resp, MF.expectedFormat),
                        location_var=_text(g, resp, MF.expectedLocation))
    b = g.value(resp, MF.expectedBoolean)
    expected.boolean = None if b is None else bool(b.toPython())
    rh = g.value(resp, HT.headers)
    if rh is not None:
        for h in Collection(g, rh):
            if str(g.value(h, HT.fieldName)).lower() == "content-type":
                expected.content_type = str(g.value(h, HT.fieldValue))
    rbody = g.value(resp, HT.body)
    if rbody is not None:
        expected.body = _text(g, rbody, CNT.chars)
    return Request(
        method=str(g.value(node, HT.methodName)),
        path=str(g.value(node, HT.absolutePath)),
        headers=headers,
        body=None if body is None else _text(g, body, CNT.chars),
        encoding=(_text(g, body, CNT.characterEncoding) if body is not None else None) or "UTF-8",
        expected=expected,
    )


def _manifest_files(path: Path) -> Iterator[tuple[Path, Graph]]:
    g = Graph()
    g.parse(path, format="turtle")
    yield path, g
    for manifest in g.subjects(RDF.type, MF.Manifest):
        include = g.value(manifest, MF.include)
        if include is not None:
            for inc in Collection(g, include):
                yield from _manifest_files(Path(urlsplit(str(inc)).path))


def load_tests(path: Path, kind: str) -> list[ManifestTest]:
    tests = []
    for _file, g in _manifest_files(path):
        for manifest in g.subjects(RDF.type, MF.Manifest):
            entries = g.value(manifest, MF.entries)
            if entries is None:
                continue
            for t in Collection(g, entries):
                action = g.value(t, MF.action)
                reqs = [_read_request(g, r) for r in Collection(g, g.value(action, HT.requests))]
                data = [(Path(urlsplit(str(g.value(d, UT.graph))).path), str(g.value(d, RDFS.label)))
                        for d in g.objects(t, UT.graphData)]
                test_id = str(t).rsplit("#", 1)[-1]
                tests.append(ManifestTest(test_id, _text(g, t, MF.name) or test_id, kind, reqs, data))
    return tests


PROTOCOL_TESTS = load_tests(W3C / "protocol" / "manifest.ttl", "protocol")
GSP_TESTS = load_tests(W3C / "graph-store-protocol" / "manifest.ttl", "gsp")


def test_manifests_have_every_test() -> None:
    assert len(PROTOCOL_TESTS) == 34
    assert len(GSP_TESTS) == 13


# ------------------------------------------------------------------ server per test


@pytest.fixture()
def fresh_server(tmp_path: Path) -> Iterator[callable]:
    """Start `rikg serve --allow-updates` over a new store holding the given graphs; stop it after."""
    procs: list[subprocess.Popen] = []

    def start(graph_data: list[tuple[Path, str]]) -> str:
        from rikg.store import import_files, open_store

        store_dir = tmp_path / "store"
        store = open_store(store_dir, create=True)
        for file, graph in graph_data:
            import_files(store, [file], graph)
        del store  # release the RocksDB lock before the server opens the store
        base, proc = launch(store_dir, "--allow-updates")
        procs.append(proc)
        return base

    yield start
    stop(procs)


# ------------------------------------------------------------------ running requests


def _is_update(test: ManifestTest, req: Request) -> bool:
    """Whether a /sparql/ request of the protocol manifest is an update (our /update) or a query."""
    ctype = dict((k.lower(), v) for k, v in req.headers).get("content-type", "").lower()
    query_string = urlsplit(req.path).query
    params = [k for k, _ in parse_qsl(query_string, keep_blank_values=True)]
    if req.body and "=" in req.body and "\n" not in req.body:
        params += [k for k, _ in parse_qsl(req.body, keep_blank_values=True)]
    if ctype.startswith("application/sparql-update") or "update" in params:
        return True
    if ctype.startswith("application/sparql-query") or "query" in params:
        return False
    return "update" in test.id


def map_path(test: ManifestTest, req: Request, variables: dict[str, str]) -> str:
    path = req.path
    for var, value in variables.items():
        path = path.replace(var, value)
    if test.kind == "gsp":
        assert path.startswith("/gsp"), path
        return "/store" + path[len("/gsp"):]
    assert path.startswith("/sparql/"), path
    rest = path[len("/sparql/"):]
    return ("/update" if _is_update(test, req) else "/sparql") + rest


def _status_ok(status: int, expected: list[str]) -> bool:
    for iri in expected:
        local = iri[len(HTS):] if iri.startswith(HTS) else iri
        m = re.fullmatch(r"StatusCode(\d)xx", local)
        if m and status // 100 == int(m.group(1)):
            return True
        if STATUS_CODES.get(local) == status:
            return True
    return False


def _media(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _boolean(ctype: str, body: bytes) -> bool:
    media = _media(ctype)
    if media in ("application/sparql-results+json", "application/json"):
        return bool(json.loads(body)["boolean"])
    if media in ("application/sparql-results+xml", "application/xml"):
        root = ET.fromstring(body)
        el = root.find("{http://www.w3.org/2005/sparql-results#}boolean")
        assert el is not None, body
        return el.text.strip() == "true"
    raise AssertionError(f"boolean result in unexpected media type {ctype}")


def _check_format(fmt: str, ctype: str, body: bytes) -> None:
    media = _media(ctype)
    if fmt == "boolean":
        _boolean(ctype, body)
    elif fmt == "tabular":
        assert media in RESULTS_TYPES, ctype
        if media == "application/sparql-results+json":
            assert "results" in json.loads(body)
        elif media == "application/sparql-results+xml":
            ET.fromstring(body)
    elif fmt == "RDF":
        assert media in RDFLIB_FORMATS, ctype
        Graph().parse(data=body, format=RDFLIB_FORMATS[media])
    else:
        raise AssertionError(f"unknown expected format {fmt}")


def send(base: str, method: str, path: str, headers: list[tuple[str, str]],
         body: bytes | None) -> tuple[int, dict[str, str], bytes]:
    host = urlsplit(base)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for k, v in headers:
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
    finally:
        conn.close()


def run_test(base: str, test: ManifestTest) -> None:
    variables: dict[str, str] = {}
    for i, req in enumerate(test.requests, 1):
        path = map_path(test, req, variables)
        body = req.body
        if body is not None:
            for var, value in variables.items():
                body = body.replace(var, value)
        encoded = None if body is None else body.encode(req.encoding)
        status, headers, data = send(base, req.method, path, req.headers, encoded)
        where = f"request {i} ({req.method} {path}) answered {status} {headers.get('content-type')}: {data[:300]!r}"
        exp = req.expected
        assert _status_ok(status, exp.statuses), f"unexpected status; {where}"
        if exp.location_var:
            assert "location" in headers, f"no Location header; {where}"
            variables[exp.location_var] = headers["location"]
        if exp.format:
            _check_format(exp.format, headers.get("content-type", ""), data)
        if exp.boolean is not None:
            assert _boolean(headers.get("content-type", ""), data) is exp.boolean, where
        if exp.content_type:
            assert _media(headers.get("content-type")) == _media(exp.content_type), where
        if exp.body is not None:
            expected = Graph().parse(data=exp.body, format=RDFLIB_FORMATS[_media(exp.content_type or "text/turtle")])
            actual = Graph().parse(data=data, format=RDFLIB_FORMATS[_media(headers.get("content-type"))])
            assert isomorphic(expected, actual), (
                f"graphs differ; {where}\nexpected:\n{expected.serialize(format='nt')}\n"
                f"actual:\n{actual.serialize(format='nt')}")


@pytest.mark.parametrize("test", PROTOCOL_TESTS, ids=[t.id for t in PROTOCOL_TESTS])
def test_protocol(test: ManifestTest, fresh_server) -> None:
    run_test(fresh_server(test.graph_data), test)


@pytest.mark.parametrize("test", GSP_TESTS, ids=[t.id for t in GSP_TESTS])
def test_graph_store_protocol(test: ManifestTest, fresh_server) -> None:
    run_test(fresh_server(test.graph_data), test)


def test_graph_data_reaches_named_graphs() -> None:
    # the runner itself: every ut:graphData names an existing file and a graph IRI
    for t in PROTOCOL_TESTS:
        for file, graph in t.graph_data:
            assert file.is_file(), file
            assert URIRef(graph).startswith("http://"), graph
