"""`rikg serve --upstream URL`: the front end over a remote SPARQL engine instead of the local store.

Real engines on loopback: `oxigraph serve` (the oxigraph package of the test extras) and Virtuoso
(Debian's virtuoso-opensource, installed by .ci/run), each loaded with the seed graph (`rikg export
--format nq`, then the engine's own loader) and the W3C protocol tests' data in its named graphs.
The W3C protocol query tests (every test of the manifest that is not an update) run through rikg.
"""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port, launch, stop
from pyoxigraph import RdfFormat, parse
from test_w3c_protocol import PROTOCOL_TESTS, ManifestTest, _is_update, run_test

from rikg import paths

W3C_DATA = Path(__file__).resolve().parent / "w3c" / "protocol"
QUERY_TESTS = [t for t in PROTOCOL_TESTS if not any(_is_update(t, r) for r in t.requests)]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JSON_RESULTS = "application/sparql-results+json"


def _graph_data() -> dict[Path, str]:
    """Every data file of the query tests with its graph name (the same in every test that uses it)."""
    data: dict[Path, str] = {}
    for t in QUERY_TESTS:
        for file, graph in t.graph_data:
            assert data.setdefault(file, graph) == graph
    return data


def _export_seed(store: Path, out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "rikg.cli", "export", "--store", str(store), "--format", "nq",
                    "--output", str(out)], check=True)
    return out


def _wait(url: str, proc: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up in {seconds} s")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def oxigraph_endpoint(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`oxigraph serve` loaded by `oxigraph load` with the seed graph and the W3C tests' graphs."""
    work = tmp_path_factory.mktemp("oxigraph-upstream")
    db = work / "db"
    seed = _export_seed(built_store, work / "seed.nq")
    subprocess.run(["oxigraph", "load", "--location", str(db), "--file", str(seed)], check=True,
                   capture_output=True)
    for file, graph in _graph_data().items():
        subprocess.run(["oxigraph", "load", "--location", str(db), "--file", str(file), "--graph", graph],
                       check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen(["oxigraph", "serve", "--location", str(db), "--bind", f"127.0.0.1:{port}",
                             "--timeout-s", "10"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        _wait(url + "?query=ASK%7B%7D", proc, 30)
        yield url
    finally:
        _stop(proc)


VIRTUOSO_INI = """
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 10
"""


@pytest.fixture(scope="module")
def virtuoso_endpoint(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Virtuoso as a user process on free ports with a temporary database, loaded through isql."""
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        pytest.fail("Virtuoso is missing: apt-get install -y virtuoso-opensource (.ci/run does)")
    d = tmp_path_factory.mktemp("virtuoso")
    sql, port = free_port(), free_port()
    (d / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=d, sql=sql, http=port))
    proc = subprocess.Popen(["virtuoso-t", "-f", "-c", str(d / "virtuoso.ini")], cwd=d,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        _wait(url + "?query=ASK%7B%7D", proc, 120)
        seed = _export_seed(built_store, d / "seed.nq")
        loads = [f"DB.DBA.TTLP_MT(file_to_string_output('{seed}'), '', 'urn:rikg:unused', 512);"]
        for i, (file, graph) in enumerate(_graph_data().items()):
            shutil.copy(file, d / f"w3c-{i}.nt")
            loads.append(f"DB.DBA.TTLP_MT(file_to_string_output('{d}/w3c-{i}.nt'), '', '{graph}', 0);")
        subprocess.run(["isql-vt", f"127.0.0.1:{sql}", "dba", "dba", "exec=" + " ".join([*loads, "checkpoint;"])],
                       check=True, capture_output=True, timeout=120)
        yield url
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def over_oxigraph(oxigraph_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("rikg-upstream") / "serve.log"
    base, proc = launch(Path("/nonexistent-store"), "--upstream", oxigraph_endpoint, "--timeout", "3", log=log)
    yield base
    stop([proc])


@pytest.fixture(scope="module")
def over_virtuoso(virtuoso_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("rikg-virtuoso") / "serve.log"
    base, proc = launch(Path("/nonexistent-store"), "--upstream", virtuoso_endpoint, "--timeout", "3", log=log)
    yield base
    stop([proc])


def get(base: str, path: str, accept: str = JSON_RESULTS, timeout: float = 30) -> tuple[int, str, bytes]:
    req = urllib.request.Request(base + path, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def sparql(base: str, query: str, accept: str = JSON_RESULTS, timeout: float = 30) -> tuple[int, str, bytes]:
    return get(base, "/sparql?" + urllib.parse.urlencode({"query": query}), accept, timeout)


# -- the W3C protocol query tests through rikg -----------------------------------------------------

@pytest.mark.parametrize("test", QUERY_TESTS, ids=[t.id for t in QUERY_TESTS])
def test_w3c_protocol_over_oxigraph(test: ManifestTest, over_oxigraph: str) -> None:
    run_test(over_oxigraph, test)


@pytest.mark.parametrize("test", QUERY_TESTS, ids=[t.id for t in QUERY_TESTS])
def test_w3c_protocol_over_virtuoso(test: ManifestTest, over_virtuoso: str) -> None:
    run_test(over_virtuoso, test)


# -- the rest of the front end over an upstream -----------------------------------------------------

DOCS = ("SELECT ?id WHERE { ?d a rikg:SourceDocument ; dcterms:identifier ?id } ORDER BY ?id")


@pytest.mark.parametrize("which", ["over_oxigraph", "over_virtuoso"])
def test_front_end_over_upstream(which: str, request: pytest.FixtureRequest) -> None:
    base = request.getfixturevalue(which)
    # predeclared prefixes and the union of all graphs, as on a local store
    status, _, body = sparql(base, DOCS)
    assert status == 200, body
    ids = [b["id"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert ids == sorted(p.name for p in paths.SOURCES_DIR.glob("*.txt"))
    # a Linked Data page of the first document, as HTML and as Turtle
    status, _, body = sparql(base, f'SELECT ?d WHERE {{ ?d dcterms:identifier "{ids[0]}" }}')
    doc = json.loads(body)["results"]["bindings"][0]["d"]["value"]
    path = "/id/" + doc.removeprefix("https://w3id.org/rikg/id/")
    status, ctype, body = get(base, path, accept="text/html")
    assert status == 200 and ctype.startswith("text/html") and ids[0].encode() in body
    status, ctype, body = get(base, path, accept="text/turtle")
    assert status == 200 and ctype.startswith("text/turtle") and ids[0].encode() in body
    # the dataset description, with statistics counted at the upstream
    status, _, body = get(base, "/.well-known/void", accept="text/turtle")
    assert status == 200 and b"void:triples" in body
    # Graph Store reads: one named graph, a missing one, and the whole dataset as N-Quads
    data1 = "http://kasei.us/2009/09/sparql/data/data1.rdf"
    status, ctype, body = get(base, "/store?" + urllib.parse.urlencode({"graph": data1}),
                              accept="application/n-triples")
    assert status == 200 and ctype.startswith("application/n-triples"), body
    expected = set(parse(path=W3C_DATA / "data1.nt", format=RdfFormat.N_TRIPLES))
    assert set(parse(body, RdfFormat.N_TRIPLES)) == expected
    status, _, _ = get(base, "/store?graph=http%3A%2F%2Fexample.org%2Fnone", accept="text/turtle")
    assert status == 404
    status, _, body = get(base, "/store", accept="application/n-quads")
    assert status == 200 and f"<{data1}> .".encode() in body and ids[0].encode() in body
    # the UI page
    status, ctype, _ = get(base, "/", accept="text/html")
    assert status == 200 and ctype.startswith("text/html")
    # the SERVICE allow-list is checked before anything reaches the upstream
    status, _, body = sparql(base, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert status == 400 and b"not allowed" in body
    # writes are refused: the upstream is served read-only
    req = urllib.request.Request(base + "/update", data=b"CLEAR ALL", method="POST",
                                 headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=10)
    assert e.value.code == 403


def test_timeout_over_upstream(over_oxigraph: str) -> None:
    status, _, body = sparql(over_oxigraph, "ASK { ?s ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True
    started = time.monotonic()
    status, _, body = sparql(over_oxigraph, RUNAWAY, timeout=20)
    assert status == 503 and b"timed out" in body, body
    assert time.monotonic() - started < 4.5


# -- bad upstreams ------------------------------------------------------------------------------------

class _Fake(http.server.BaseHTTPRequestHandler):
    """A server that is not (or not quite) a SPARQL endpoint; `mode` says how it answers."""

    mode = "html"

    def log_message(self, *args: object) -> None:
        pass

    def _reply(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        if self.mode == "html":
            self._reply(200, "text/html", b"<html><body>a web page</body></html>")
        elif self.mode == "401":
            self._reply(401, "text/plain", b"credentials needed")
        elif "".join(form.get("query", [""])[0].split()).endswith("ASK{}"):  # a probe (after rikg's BASE line)
            self._reply(200, JSON_RESULTS, b'{"head":{},"boolean":true}')
        else:
            self._reply(500, "text/plain", b"engine on fire")

    do_GET = do_POST  # noqa: N815


@pytest.fixture()
def fake_upstream() -> Iterator[callable]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(mode: str) -> str:
        handler = type("Handler", (_Fake,), {"mode": mode})
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}/sparql"

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()


def _serve_fails(upstream: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "rikg.cli", "serve", "--upstream", upstream, "--port",
                           str(free_port())], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rikg: error: "), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    return lines[0]


def test_upstream_pointing_at_nothing() -> None:
    line = _serve_fails(f"http://127.0.0.1:{free_port()}/sparql")
    assert "cannot reach the upstream SPARQL endpoint" in line and "refused" in line.lower()


def test_upstream_that_is_not_sparql(fake_upstream) -> None:
    line = _serve_fails(fake_upstream("html"))
    assert "is not a SPARQL query endpoint" in line and "text/html" in line


def test_upstream_that_answers_401(fake_upstream) -> None:
    line = _serve_fails(fake_upstream("401"))
    assert "answered 401" in line


def test_upstream_not_a_url() -> None:
    line = _serve_fails("ftp://example.org/sparql")
    assert "not an http(s) URL" in line


def test_query_the_upstream_fails_is_502(fake_upstream, tmp_path: Path) -> None:
    base, proc = launch(tmp_path / "unused", "--upstream", fake_upstream("failing"), log=tmp_path / "serve.log")
    try:
        status, _, body = sparql(base, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        assert status == 502 and b"500" in body and b"engine on fire" in body, body
    finally:
        stop([proc])
