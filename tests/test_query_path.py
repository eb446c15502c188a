"""The query path of `rikg serve`: persistent query workers with a timeout, and cheap queries answered
in the server process (endpoint/executor.py, endpoint/worker.py, endpoint/server.py).

Real servers on loopback over the graph built from data/sources; a runaway query is a cross product
of the whole graph with itself three times (5,000^3 rows), which no engine finishes in seconds.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from pyoxigraph import QueryResultsFormat, Store

from rikg.endpoint.executor import CHEAP_DEGREE, cheap_subject, simple_subject
from rikg.vocab import PREFIXES

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JSON_RESULTS = "application/sparql-results+json"


def get(base: str, query: str, *, accept: str = JSON_RESULTS, timeout: float = 30,
        **params: str) -> tuple[int, bytes, float]:
    """(status, body, seconds) of a GET /sparql."""
    url = base + "/sparql?" + urllib.parse.urlencode({"query": query, **params})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=timeout) as r:
            return r.status, r.read(), time.monotonic() - started
    except urllib.error.HTTPError as e:
        return e.code, e.read(), time.monotonic() - started


def post(base: str, query: str, *, accept: str = JSON_RESULTS) -> tuple[int, bytes]:
    req = urllib.request.Request(base + "/sparql", data=query.encode(), method="POST",
                                 headers={"Content-Type": "application/sparql-query", "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.fixture(scope="module")
def doc_iri(built_store: Path) -> str:
    s = Store.read_only(str(built_store))
    q = "SELECT ?d WHERE { ?d a rikg:SourceDocument } ORDER BY ?d LIMIT 1"
    iri = next(iter(s.query(q, use_default_graph_as_union=True, prefixes=PREFIXES)))["d"].value
    del s
    return iri


@pytest.fixture(scope="module")
def slow_server(built_store: Path, start_server: Callable[..., str]) -> str:
    return start_server(built_store, "--timeout", "3")


def _engine(built_store: Path, query: str, fmt: QueryResultsFormat = QueryResultsFormat.JSON) -> bytes:
    s = Store.read_only(str(built_store))
    try:
        return s.query(query, use_default_graph_as_union=True, prefixes=PREFIXES).serialize(format=fmt)
    finally:
        del s


# -- which queries are proven cheap -------------------------------------------------------------------

@pytest.mark.parametrize("query, subject", [
    ("SELECT ?p ?o WHERE { <https://w3id.org/rikg/id/x> ?p ?o }", "https://w3id.org/rikg/id/x"),
    ("select * { <http://e/a> a ?c . }", "http://e/a"),
    ("SELECT DISTINCT ?o WHERE { id:x rdfs:label ?o } LIMIT 10 OFFSET 2", "https://w3id.org/rikg/id/x"),
    ("PREFIX ex: <http://e/> ASK { ex:a ex:b \"x\"@sr-Latn }", "http://e/a"),
    ("ASK WHERE { <http://e/a> <http://e/b> \"1\"^^xsd:integer }", "http://e/a"),
    ("SELECT ?p ?o WHERE { <http://e/a> ?p ?o } # a comment with a brace }", "http://e/a"),
])
def test_single_subject_lookups_are_proven_cheap(query: str, subject: str) -> None:
    assert cheap_subject(query, PREFIXES) == subject


@pytest.mark.parametrize("query", [
    "SELECT ?p ?o WHERE { <relative> ?p ?o }",  # resolved against a base: left to the engine
    "SELECT ?p ?o FROM <http://e/g> WHERE { <http://e/a> ?p ?o }",
    "SELECT ?p ?o WHERE { <http://e/a> ?p ?o . ?o ?q ?r }",
    "ASK { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { <http://e/a> ?p ?o }",
    "SELECT ?p WHERE { <http://e/a> ?p ?o } ORDER BY ?p",
    "SELECT ?p WHERE { <http://e/a> ?p ?o FILTER(?o > 1) }",
    "SELECT ?p WHERE { nope:a ?p ?o }",
    "BASE <http://e/> SELECT ?p WHERE { <a> ?p ?o }",
    "CONSTRUCT WHERE { <http://e/a> ?p ?o }",
    "SELECT ?o WHERE { SERVICE <http://e/sparql> { <http://e/a> ?p ?o } }",
])
def test_anything_else_goes_to_a_worker(query: str) -> None:
    assert cheap_subject(query, PREFIXES) is None
    assert simple_subject(query) is None


# -- answers of the in-process path equal the engine's ------------------------------------------------

def test_point_lookup_answers_as_the_engine(server: str, built_store: Path, doc_iri: str) -> None:
    query = f"SELECT ?p ?o WHERE {{ <{doc_iri}> ?p ?o }}"
    expected = json.loads(_engine(built_store, query))
    assert len(expected["results"]["bindings"]) >= 3
    status, body, _ = get(server, query)
    assert status == 200 and json.loads(body) == expected
    status, body = post(server, query)
    assert status == 200 and json.loads(body) == expected
    # the same lookup with the predeclared prefix, and as CSV
    local = doc_iri.removeprefix(PREFIXES["id"]).replace("/", "\\/")  # PN_LOCAL escapes a slash
    status, body, _ = get(server, f"SELECT ?p ?o WHERE {{ id:{local} ?p ?o }}", accept="text/csv")
    assert status == 200 and body == _engine(built_store, query, QueryResultsFormat.CSV)


def test_bound_ask_answers_true_and_false(server: str, doc_iri: str) -> None:
    status, body, _ = get(server, f"ASK {{ <{doc_iri}> a rikg:SourceDocument }}")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, body, _ = get(server, f"ASK {{ <{doc_iri}> a rikg:Program }}")
    assert status == 200 and json.loads(body)["boolean"] is False


def test_cheap_query_errors_are_the_protocols(server: str) -> None:
    # an IRI the engine refuses: the request goes on to the app, which answers 400 as for any query
    status, body, _ = get(server, "SELECT ?p ?o WHERE { <http://e/a b> ?p ?o }")
    assert status == 400, body
    # a lookup asking for HTML gets the app's table page, not the fast path's JSON
    status, body, _ = get(server, "SELECT ?p ?o WHERE { <http://e/a> ?p ?o }", accept="text/html")
    assert status == 200 and body.lstrip().lower().startswith(b"<!doctype html")


def test_degree_cap_is_large_enough_for_real_subjects(built_store: Path) -> None:
    # the subject with the most quads in the graph is still answered in process
    top = json.loads(_engine(built_store, "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s "
                                          "ORDER BY DESC(?n) LIMIT 1"))
    assert int(top["results"]["bindings"][0]["n"]["value"]) < CHEAP_DEGREE


# -- the timeout ---------------------------------------------------------------------------------------

def test_runaway_query_503_within_timeout_while_ask_answers(slow_server: str, doc_iri: str) -> None:
    # warm both granian workers' query workers so that nothing below waits for a process to start
    for _ in range(4):
        assert get(slow_server, "ASK { ?d a rikg:SourceDocument }")[0] == 200
    runaway: dict[str, object] = {}

    def send_runaway() -> None:
        runaway["status"], runaway["body"], runaway["seconds"] = get(slow_server, RUNAWAY, timeout=20)

    t = threading.Thread(target=send_runaway)
    t.start()
    time.sleep(0.5)
    # an ASK with bound terms (answered in process) and an ASK with a pattern (needs a free worker)
    status, body, seconds = get(slow_server, f"ASK {{ <{doc_iri}> a rikg:SourceDocument }}")
    assert status == 200 and json.loads(body)["boolean"] is True and seconds < 1.0, (status, seconds)
    status, body, seconds = get(slow_server, "ASK { ?d a rikg:SourceDocument ; dcterms:identifier ?id }")
    assert status == 200 and json.loads(body)["boolean"] is True and seconds < 1.0, (status, seconds)
    t.join(timeout=20)
    assert runaway["status"] == 503, runaway
    assert runaway["seconds"] < 4.0, runaway
    assert b"timed out" in runaway["body"]
    # the killed worker was replaced: the server keeps answering queries that need workers
    for _ in range(4):
        assert get(slow_server, "SELECT (COUNT(*) AS ?n) WHERE { ?d a rikg:SourceDocument }")[0] == 200


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except FileNotFoundError:
        return out  # the process has exited
    for task in tasks:
        try:
            text = (task / "children").read_text().split()
        except FileNotFoundError:
            continue  # a thread that ended between the listing and the read
        out += [int(c) for c in text]
    return out


def _query_workers(server_pid: int) -> list[int]:
    """Query worker processes under a `rikg serve` (the spawned multiprocessing children)."""
    found, todo = [], [server_pid]
    while todo:
        pid = todo.pop()
        for child in _children(pid):
            todo.append(child)
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in cmdline:
                found.append(child)
    return found


def test_pool_survives_killed_workers(built_store: Path, tmp_path: Path) -> None:
    from conftest import launch, stop

    base, proc = launch(built_store, "--timeout", "10", log=tmp_path / "serve.log")
    try:
        query = "SELECT ?id WHERE { ?d a rikg:SourceDocument ; dcterms:identifier ?id } ORDER BY ?id"
        status, expected, _ = get(base, query)
        assert status == 200 and len(json.loads(expected)["results"]["bindings"]) == 5
        deadline = time.monotonic() + 20
        while len(workers := _query_workers(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(workers) >= 2, workers
        for pid in workers:  # every query worker of every granian worker, killed at once
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.3)
        for _ in range(6):
            status, body, _ = get(base, query)
            assert status == 200 and body == expected
        assert proc.poll() is None
        fresh = _query_workers(proc.pid)
        assert fresh and not set(fresh) & set(workers)
    finally:
        stop([proc])
