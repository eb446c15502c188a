"""Latency of /search and /reconcile on a ~1M-quad graph, against plain SPARQL label lookups measured in
the same run on the same server.

    python bench/bench_search.py [--quads 1000000] [--rounds 5] [--keep DIR | --store DIR]

The graph is the five source texts replicated to about --quads quads (bench/replicate.py, as in the
performance issue), bulk-loaded into a fresh store in a temporary folder. Then `rikg serve` runs on it
and each name of NAMES (exact, inflected, Cyrillic, misspelt, acronyms) is sent --rounds times:

- search:   GET /search?q=NAME (JSON) - script, case, inflection, acronyms and typos, ranked;
- baseline: GET /sparql with  ?e rdfs:label "NAME"@sr-Latn  - an exact-literal lookup the store answers
            from its index (finds only the exact nominative Latin spelling);
- regex:    GET /sparql with  FILTER(REGEX(?l, "^NAME", "i"))  over every label - what a researcher
            writes today to find a name in any case ending (a scan; fewer rounds);
- reconcile: POST /reconcile with a batch of 10 queries with a type, as OpenRefine sends them.

Printed: median and p95 per kind, and the ratios to the baseline. The server builds its label index in
the background when it starts (and again after a write); the wait of the first /search for it is
printed separately.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from replicate import build_sources_store, factor_for, replicate  # noqa: E402 - the bench helper beside this file

NAMES = ["Kruševac", "Kruševcu", "Крушевцу", "Grad Kruševac", "Novom Sadu", "Beograd", "Нишу", "NSZ", "GIZ",
         "Nacionalna služba za zapošljavanje", "Subotcia", "Opština Vrnjačka Banja", "Aleksandra Popovića",
         "Zajedno za zajednicu", "ROMACTED", "Kruševo", "Marko Popović", "Evropskoj uniji", "Smedrevo", "UNDP"]
PREFIXES = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "


def build_big_store(workdir: Path, quads: int) -> tuple[Path, int]:
    sources = build_sources_store(workdir)
    factor = factor_for(sources, quads)
    nq = workdir / "big.nq"
    n = replicate(sources, factor, nq)
    from pyoxigraph import RdfFormat, Store

    store_path = workdir / "big-store"
    store = Store(str(store_path))
    store.bulk_load(path=str(nq), format=RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    nq.unlink()
    return store_path, n


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def get(self, path: str, accept: str = "application/json") -> tuple[int, bytes, float]:
        t = time.perf_counter()
        self.conn.request("GET", path, headers={"Accept": accept})
        r = self.conn.getresponse()
        body = r.read()
        return r.status, body, time.perf_counter() - t

    def post(self, path: str, form: dict[str, str]) -> tuple[int, bytes, float]:
        t = time.perf_counter()
        self.conn.request("POST", path, body=urllib.parse.urlencode(form),
                          headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
        r = self.conn.getresponse()
        body = r.read()
        return r.status, body, time.perf_counter() - t


def sparql(client: Client, query: str) -> tuple[int, bytes, float]:
    return client.get("/sparql?" + urllib.parse.urlencode({"query": PREFIXES + query}),
                      "application/sparql-results+json")


def summary(name: str, seconds: list[float], baseline: float | None = None) -> str:
    ms = sorted(s * 1000 for s in seconds)
    median = statistics.median(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    ratio = f"  ({median / baseline:.1f}x the baseline median)" if baseline else ""
    return f"{name:<34} n={len(ms):<4} median {median:8.1f} ms   p95 {p95:8.1f} ms{ratio}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quads", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="build the store in this folder and keep it")
    ap.add_argument("--store", type=Path, help="use this store (made by an earlier --keep) instead of building one")
    args = ap.parse_args(argv)
    tmp = tempfile.TemporaryDirectory()
    workdir = args.keep or Path(tmp.name)
    workdir.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    if args.store:
        from pyoxigraph import Store

        store, n = args.store, len(Store.read_only(str(args.store)))
    else:
        store, n = build_big_store(workdir, args.quads)
    print(f"store: {n} quads ({time.perf_counter() - t:.0f} s to build and load)")
    port = _free_port()
    log = open(workdir / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "rikg.cli", "serve", "--store", str(store), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                client = Client(port)
                if client.get("/sparql?query=ASK%7B%7D")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit(f"server did not start; see {workdir / 'serve.log'}")
            time.sleep(0.3)
        status, body, first = client.get("/search?q=Kru%C5%A1evac")
        assert status == 200, body[:300]
        print(f"first /search after start (waits for the label index built in the background): {first:.1f} s")
        search, exact, regex, recon = [], [], [], []
        for _ in range(args.rounds):
            for name in NAMES:
                status, body, s = client.get("/search?" + urllib.parse.urlencode({"q": name, "limit": "10"}))
                assert status == 200, body[:300]
                search.append(s)
                literal = json.dumps(name)
                status, body, s = sparql(client, f"SELECT ?e WHERE {{ ?e rdfs:label {literal}@sr-Latn }} LIMIT 10")
                assert status == 200, body[:300]
                exact.append(s)
        for name in NAMES[:5]:
            pattern = json.dumps("^" + name[:5])
            status, body, s = sparql(client, f"SELECT ?e ?l WHERE {{ ?e rdfs:label ?l "
                                             f"FILTER(REGEX(STR(?l), {pattern}, \"i\")) }} LIMIT 10")
            assert status == 200, body[:300]
            regex.append(s)
        for _ in range(args.rounds):
            batch = {f"q{i}": {"query": name, "type": "Organization" if name.isupper() else "Place", "limit": 3}
                     for i, name in enumerate(NAMES[:10])}
            status, body, s = client.post("/reconcile", {"queries": json.dumps(batch)})
            assert status == 200, body[:300]
            recon.append(s)
        base = statistics.median(exact) * 1000
        print(summary("baseline: SPARQL exact label", exact))
        print(summary("search: GET /search", search, base))
        print(summary("SPARQL REGEX over labels", regex, base))
        print(summary("reconcile: batch of 10 queries", recon, base))
        print(f"search median {statistics.median(search) * 1000:.1f} ms (target: under 50 ms)")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
