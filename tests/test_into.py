"""`rikg build --into URL` / `rikg import --into URL`: the graph written into a real `oxigraph serve` (and a
real `rikg serve` for bearer tokens) through the Graph Store HTTP Protocol, on loopback ports.

Bad targets are real servers too: a closed port, a plain file server, and a forwarding proxy (a small
HTTP server in this process, in front of oxigraph serve) that asks for credentials or breaks the
connection at the n-th write, which is how an interrupted load looks to rikg.
"""

from __future__ import annotations

import base64
import http.client
import http.server
import json
import shutil
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import assert_one_line_error, free_port, stop, wait_until_up
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

from rikg.remote import RemoteError, connect, push
from rikg.store import open_store

EX = "https://example.org/"
OTHER = EX + "other"  # a graph that is in the target before the load and must stay as it was
OTHER_NT = f"<{EX}s> <{EX}p> \"kept\" .\n<{EX}s> <{EX}p> <{EX}o> .\n"


def rikg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rikg.cli", *args], capture_output=True, text=True, timeout=300)


# ---------------------------------------------------------------------------------------------
# real servers
# ---------------------------------------------------------------------------------------------

def _oxigraph_binary() -> str:
    # the `oxigraph` package of the test extras puts the binary beside the interpreter
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    assert found, "the oxigraph binary is missing: pip install -e '.[test]'"
    return found


class Oxigraph:
    """`oxigraph serve` on a free loopback port over its own temporary store."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.log = folder / "oxigraph.log"
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen([_oxigraph_binary(), "serve", "--location", str(folder / "data"),
                                          "--bind", f"127.0.0.1:{self.port}"], stdout=out, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        self.store_url = self.base + "/store"
        wait_until_up(self.store_url + "?default", self.proc, log=self.log)

    def select(self, query: str) -> list[dict[str, str]]:
        req = urllib.request.Request(self.base + "/query", data=query.encode(), method="POST", headers={
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            rows = json.load(r)["results"]["bindings"]
        return [{k: v["value"] for k, v in row.items()} for row in rows]

    def graphs(self) -> dict[str, int]:
        """{graph IRI: triples}, empty graphs included."""
        rows = self.select("SELECT ?g (COUNT(?s) AS ?n) WHERE { GRAPH ?g { OPTIONAL { ?s ?p ?o } } } GROUP BY ?g")
        return {r["g"]: int(r["n"]) for r in rows}

    def quads(self) -> int:
        """Quads in the whole dataset: the default graph and every named graph."""
        q = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        return int(self.select(q)[0]["n"])

    def put(self, graph: str, nt: str) -> None:
        req = urllib.request.Request(f"{self.store_url}?graph={urllib.parse.quote(graph, safe='')}",
                                     data=nt.encode(), method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(req, timeout=30).close()

    def reset(self) -> None:
        """An empty target with only OTHER in it."""
        for g in self.graphs():
            req = urllib.request.Request(f"{self.store_url}?graph={urllib.parse.quote(g, safe='')}", method="DELETE")
            urllib.request.urlopen(req, timeout=30).close()
        urllib.request.urlopen(urllib.request.Request(self.store_url + "?default", method="DELETE"), timeout=30).close()
        self.put(OTHER, OTHER_NT)


_VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {isql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = {http}
ServerRoot = {d}
MaxClientConnections = 4
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


class Virtuoso:
    """Debian's virtuoso-opensource on free loopback ports over a fresh database; its Graph Store endpoint
    is /sparql-graph-crud, which refuses writes (403) until the anonymous SPARQL user may update."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("virtuoso-t")
        assert binary, "virtuoso-t is missing: apt-get install virtuoso-opensource (see .ci/run)"
        self.http, self.isql = free_port(), free_port()
        folder.mkdir(parents=True, exist_ok=True)
        ini = folder / "virtuoso.ini"
        ini.write_text(_VIRTUOSO_INI.format(d=folder, isql=self.isql, http=self.http), encoding="utf-8")
        self.log = folder / "out.log"
        with open(self.log, "w") as out:
            self.proc = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder, stdout=out,
                                         stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.http}"
        self.store_url = self.base + "/sparql-graph-crud"
        wait_until_up(self.base + "/sparql?query=ASK%7B%7D", self.proc, seconds=180, log=self.log)

    def allow_updates(self) -> None:
        subprocess.run([shutil.which("isql-vt") or "isql-vt", str(self.isql), "dba", "dba",
                        'exec=GRANT SPARQL_UPDATE TO "SPARQL";'], check=True, capture_output=True, timeout=60)

    def graphs(self, prefix: str) -> dict[str, int]:
        """{graph: triples} of the graphs whose IRI starts with `prefix` (Virtuoso keeps system graphs)."""
        q = (f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }} '
             "GROUP BY ?g")
        url = self.base + "/sparql?" + urllib.parse.urlencode({"query": q})
        req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            rows = json.load(r)["results"]["bindings"]
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Oxigraph]:
    server = Oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    stop([server.proc])


@pytest.fixture()
def target(oxigraph: Oxigraph) -> Oxigraph:
    oxigraph.reset()
    return oxigraph


class Proxy(http.server.ThreadingHTTPServer):
    """Forwards every request to oxigraph serve. `auth`: the Authorization header it insists on (else 401);
    `break_at`: the n-th write (PUT/POST, from 1) is answered by dropping the connection. `writes` logs
    (method, graph, body length) of the writes that reached oxigraph."""

    def __init__(self, upstream: Oxigraph, *, auth: str | None = None, break_at: int | None = None) -> None:
        self.upstream, self.auth, self.break_at = upstream, auth, break_at
        self.writes: list[tuple[str, str, int]] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Forward)
        threading.Thread(target=self.serve_forever, daemon=True).start()
        self.store_url = f"http://127.0.0.1:{self.server_address[1]}/store"


class _Forward(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Proxy

    def log_message(self, *args: object) -> None:
        pass

    def _handle(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        if self.server.auth and self.headers.get("Authorization") != self.server.auth:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="test"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        graph = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("graph", ["default"])[0]
        if self.command in ("PUT", "POST"):
            with self.server.lock:
                n = len(self.server.writes) + 1
                if n == self.server.break_at:
                    self.connection.close()  # the network went away mid-load
                    self.close_connection = True
                    return
                self.server.writes.append((self.command, graph, len(body)))
        conn = http.client.HTTPConnection("127.0.0.1", self.server.upstream.port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "authorization")}
        conn.request(self.command, self.path, body=body if body else None, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.getheader("Content-Type", "text/plain"))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = _handle  # noqa: N815 - http.server's naming


@pytest.fixture()
def proxy(target: Oxigraph) -> Iterator[Callable[..., Proxy]]:
    made: list[Proxy] = []

    def make(**kw: object) -> Proxy:
        made.append(Proxy(target, **kw))  # type: ignore[arg-type]
        return made[-1]

    yield make
    for p in made:
        p.shutdown()
        p.server_close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, oxigraph: Oxigraph) -> tuple[Path, subprocess.CompletedProcess]:
    """`rikg build --into` the oxigraph target (holding OTHER beforehand), as a user runs it."""
    oxigraph.reset()
    store = tmp_path_factory.mktemp("into") / "store"
    return store, rikg("build", "--store", str(store), "--into", oxigraph.store_url)


def local_graphs(store: Store) -> dict[str, int]:
    return {g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g)) for g in store.named_graphs()}


# ---------------------------------------------------------------------------------------------
# the load
# ---------------------------------------------------------------------------------------------

def test_build_into_oxigraph_leaves_the_same_graphs_and_quads(built: tuple[Path, subprocess.CompletedProcess],
                                                              oxigraph: Oxigraph) -> None:
    path, r = built
    assert r.returncode == 0, r.stderr
    local = open_store(path, read_only=True)
    mine = local_graphs(local)
    assert len(mine) >= 8 and sum(mine.values()) == len(local)  # the build writes named graphs only
    remote = oxigraph.graphs()
    assert remote.pop(OTHER) == 2  # untouched
    assert remote == mine
    assert oxigraph.quads() == 2 + len(local)
    # The report names every graph written, with its triples, then the total.
    for g, n in mine.items():
        assert f"  wrote <{g}>: {n} triples" in r.stdout
    assert f"wrote {len(mine)} graph(s) to {oxigraph.store_url}: {len(local):,} quads in" in r.stdout


def test_build_into_again_replaces_each_graph(built: tuple[Path, subprocess.CompletedProcess],
                                              oxigraph: Oxigraph) -> None:
    # PUT per graph: a second load gives the same graphs, not twice the quads.
    path, _ = built
    local = open_store(path, read_only=True)
    report = push(local, connect(oxigraph.store_url), out=open(Path(path).parent / "log.txt", "w"))
    assert report.quads == len(local)
    remote = oxigraph.graphs()
    assert remote.pop(OTHER) == 2
    assert remote == local_graphs(local)


def test_build_into_virtuoso_leaves_the_same_graphs_and_quads(tmp_path: Path) -> None:
    virtuoso = Virtuoso(tmp_path / "virtuoso")
    try:
        store = tmp_path / "store"
        # as installed, Virtuoso's Graph Store takes no anonymous writes: said before the build
        assert_one_line_error(rikg("build", "--store", str(store), "--into", virtuoso.store_url),
                              "403", "--into-token")
        assert not store.exists()
        virtuoso.allow_updates()
        r = rikg("build", "--store", str(store), "--into", virtuoso.store_url)
        assert r.returncode == 0, r.stderr
        local = open_store(store, read_only=True)
        assert virtuoso.graphs("https://w3id.org/rikg/") == local_graphs(local)
        assert sum(local_graphs(local).values()) == len(local)
        assert virtuoso.graphs("urn:uuid:") == {}  # the test graph of the start is gone
    finally:
        stop([virtuoso.proc])


def test_import_into_adds_to_the_named_graphs(target: Oxigraph, tmp_path: Path) -> None:
    trig = tmp_path / "data.trig"
    trig.write_text(f"@prefix ex: <{EX}> .\nex:g1 {{ ex:a ex:p 1 , 2 . }}\nex:g2 {{ ex:b ex:p _:x . _:x ex:q 3 . }}\n"
                    f"ex:d ex:p ex:e .\n", encoding="utf-8")
    ttl = tmp_path / "more.ttl"
    ttl.write_text(f"@prefix ex: <{EX}> .\nex:c ex:p 4 .\n", encoding="utf-8")
    store = tmp_path / "local"
    r = rikg("import", str(trig), "--store", str(store), "--into", target.store_url)
    assert r.returncode == 0, r.stderr
    assert "wrote 3 graph(s)" in r.stdout and "  wrote default graph: 1 triples" in r.stdout
    # added to OTHER (POST), not replacing it, and the local store was not made
    r = rikg("import", str(ttl), "--graph", OTHER, "--store", str(store), "--into", target.store_url)
    assert r.returncode == 0, r.stderr
    assert not store.exists()
    assert target.graphs() == {EX + "g1": 2, EX + "g2": 2, OTHER: 3}
    assert target.quads() == 1 + 2 + 2 + 3
    # the blank node is one node on the target too
    rows = target.select(f"SELECT ?v WHERE {{ GRAPH <{EX}g2> {{ <{EX}b> <{EX}p> ?x . ?x <{EX}q> ?v }} }}")
    assert rows == [{"v": "3"}]


def test_big_graphs_go_in_chunks_but_blank_nodes_stay_whole(proxy: Callable[..., Proxy], target: Oxigraph) -> None:
    store = Store()
    plain, blank = NamedNode(EX + "plain"), NamedNode(EX + "blank")
    store.extend(Quad(NamedNode(f"{EX}s{i}"), NamedNode(EX + "p"), Literal(i), plain) for i in range(3000))
    b = BlankNode("shared")
    store.extend(Quad(b, NamedNode(EX + "p"), Literal(i), blank) for i in range(3000))
    store.add(Quad(NamedNode(EX + "top"), NamedNode(EX + "has"), b, blank))
    p = proxy()
    report = push(store, connect(p.store_url), chunk_bytes=20_000, out=open("/dev/null", "w"))
    assert report.written == [(f"<{EX}blank>", 3001), (f"<{EX}plain>", 3000)]
    blank_writes = [w for w in p.writes if w[1] == EX + "blank"]
    plain_writes = [w for w in p.writes if w[1] == EX + "plain"]
    assert [m for m, _, _ in blank_writes] == ["PUT"]
    assert len(plain_writes) > 5 and plain_writes[0][0] == "PUT" and {m for m, _, _ in plain_writes[1:]} == {"POST"}
    assert all(n <= 20_000 for _, _, n in plain_writes)
    assert target.graphs() == {EX + "blank": 3001, EX + "plain": 3000, OTHER: 2}
    rows = target.select(f"SELECT (COUNT(?v) AS ?n) WHERE {{ GRAPH <{EX}blank> {{ <{EX}top> <{EX}has> ?x . "
                         "?x ?p ?v } }")
    assert rows == [{"n": "3000"}]


# ---------------------------------------------------------------------------------------------
# interrupted loads and bad targets
# ---------------------------------------------------------------------------------------------

def test_interrupted_load_says_what_was_written(built: tuple[Path, subprocess.CompletedProcess],
                                                 proxy: Callable[..., Proxy], target: Oxigraph,
                                                 tmp_path: Path) -> None:
    path, _ = built
    p = proxy(break_at=5)  # the 1st write is connect()'s test graph, then one per graph
    names = sorted(local_graphs(open_store(path, read_only=True)))
    r = rikg("build", "--store", str(tmp_path / "store"), "--into", p.store_url)
    assert_one_line_error(r, f"stopped at <{names[3]}>", "3 graph(s) written before it",
                                 "other graphs are untouched")
    assert "Traceback" not in r.stderr
    assert [ln.split(">:")[0].strip() for ln in r.stdout.splitlines() if ln.startswith("  wrote")] == [
        f"wrote <{g}" for g in names[:3]]
    remote = target.graphs()
    assert remote.pop(OTHER) == 2
    local = local_graphs(open_store(tmp_path / "store", read_only=True))
    assert remote == {g: local[g] for g in names[:3]}  # the written graphs are whole, nothing else came


def test_into_nothing_listening(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    r = rikg("build", "--store", str(tmp_path / "store"), "--into", url)
    assert_one_line_error(r, url, "connection refused")
    assert not (tmp_path / "store").exists()  # checked before the build


def test_into_a_server_that_is_no_graph_store(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body>hello</body></html>", encoding="utf-8")
    f = tmp_path / "x.nt"
    f.write_text(f"<{EX}a> <{EX}b> <{EX}c> .\n", encoding="utf-8")
    port = free_port()
    web = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                            "--directory", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", web)
        assert_one_line_error(rikg("import", str(f), "--into", f"http://127.0.0.1:{port}/"),
                              "not a SPARQL Graph Store endpoint", "a PUT of a test graph answered 501")
    finally:
        stop([web])
    assert_one_line_error(rikg("import", str(f), "--into", "localhost:7878/store"), "give the Graph Store URL")


def test_into_a_store_that_wants_credentials(proxy: Callable[..., Proxy], target: Oxigraph, tmp_path: Path) -> None:
    f = tmp_path / "x.nt"
    f.write_text(f"<{EX}a> <{EX}b> <{EX}c> .\n", encoding="utf-8")
    p = proxy(auth="Basic " + base64.b64encode(b"ana:s3cret").decode())
    assert_one_line_error(rikg("import", str(f), "--into", p.store_url), "401", "--into-token")
    assert_one_line_error(rikg("import", str(f), "--into", p.store_url, "--into-token", "ana:wrong"),
                          "401", "credentials were refused")
    assert p.writes == []
    r = rikg("import", str(f), "--graph", EX + "g", "--into", p.store_url, "--into-token", "ana:s3cret")
    assert r.returncode == 0, r.stderr
    # credentials in the URL work too, and are never printed
    url = p.store_url.replace("http://", "http://ana:s3cret@")
    r = rikg("import", str(f), "--graph", EX + "g", "--into", url)
    assert r.returncode == 0, r.stderr
    assert "s3cret" not in r.stdout + r.stderr
    assert target.graphs() == {EX + "g": 1, OTHER: 2}


def test_into_rikg_serve_with_a_bearer_token(start_server: Callable[..., str], tmp_path: Path) -> None:
    # rikg's own /store: reads are open but writes need the token, which the test write at the start finds.
    empty = tmp_path / "served"
    open_store(empty, create=True)
    base = start_server(empty, "--allow-updates", "--update-token", "tok")
    f = tmp_path / "x.trig"
    f.write_text(f"<{EX}g> {{ <{EX}a> <{EX}b> <{EX}c> , <{EX}d> . }}\n", encoding="utf-8")
    assert_one_line_error(rikg("import", str(f), "--into", base + "/store"), "401", "--into-token")
    r = rikg("import", str(f), "--into", base + "/store", "--into-token", "tok")
    assert r.returncode == 0, r.stderr
    with urllib.request.urlopen(base + "/sparql?query=" + urllib.parse.quote(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}"), timeout=30) as resp:
        assert json.load(resp)["results"]["bindings"][0]["n"]["value"] == "2"


def test_connect_errors_are_remote_errors() -> None:
    with pytest.raises(RemoteError, match="connection refused"):
        connect(f"http://127.0.0.1:{free_port()}/store")
