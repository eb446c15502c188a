"""Requests per second of a simple SELECT over HTTP, against a direct in-process pyoxigraph baseline.

    python bench/bench_endpoint.py [--store DIR] [--requests N] [--clients C]

Both are measured in the same run on the same store: the baseline parses, evaluates and serialises
the query to SPARQL JSON in this process; the endpoint run sends the same query to `rikg serve` over
keep-alive HTTP connections from C client threads. The ratio is the cost of the HTTP layer, the
process isolation and the content negotiation.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

QUERY = ("PREFIX rikg: <https://w3id.org/rikg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
         "SELECT ?d ?id WHERE { ?d a rikg:SourceDocument ; dcterms:identifier ?id } ORDER BY ?id")


def baseline(store_path: Path, n: int) -> float:
    from pyoxigraph import QueryResultsFormat, Store

    store = Store.read_only(str(store_path))
    started = time.perf_counter()
    for _ in range(n):
        store.query(QUERY, use_default_graph_as_union=True).serialize(format=QueryResultsFormat.JSON)
    return n / (time.perf_counter() - started)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def endpoint(store_path: Path, n: int, clients: int) -> float:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "rikg.cli", "serve", "--store", str(store_path),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    path = "/sparql?" + urllib.parse.urlencode({"query": QUERY})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", path)
                c.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        per_client = n // clients
        errors: list[str] = []

        def client() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            for _ in range(per_client):
                conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                r = conn.getresponse()
                r.read()
                if r.status != 200:
                    errors.append(str(r.status))

        threads = [threading.Thread(target=client) for _ in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        if errors:
            raise RuntimeError(f"{len(errors)} failed requests: {errors[:5]}")
        return per_client * clients / elapsed
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, help="an existing store (default: build one from data/sources)")
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--clients", type=int, default=4)
    args = p.parse_args()
    store = args.store
    if store is None:
        from rikg import paths
        from rikg.build import build_store

        store = Path(tempfile.mkdtemp(prefix="rikg-bench-")) / "store"
        build_store(paths.SOURCES_DIR, store)
    base = baseline(store, args.requests)
    http_rps = endpoint(store, args.requests, args.clients)
    print(f"direct pyoxigraph (in process): {base:8.0f} queries/s")
    print(f"rikg serve /sparql ({args.clients} clients): {http_rps:8.0f} requests/s")
    print(f"ratio endpoint/direct: {http_rps / base:.3f}")


if __name__ == "__main__":
    main()
