"""`rikg serve` against the engine it wraps: `oxigraph serve-read-only` on a copy of the same store.

    python bench/bench_engine.py [--quads 1000000] [--work DIR] [--seconds 15] [--rounds 3] [--only ...]

One run builds the graph of data/sources, replicates it to about --quads quads (bench/replicate.py),
loads it with `oxigraph load`, copies the store, and starts both servers on free loopback ports. Then,
alternating the two servers so that a neighbour's load on this shared machine hits both alike:

- query mix: the research queries of queries/ that run under a second on 1M quads (MIX), POSTed as
  application/sparql-query with Accept JSON, by 4 and by 16 client threads on keep-alive connections;
- point lookups: `SELECT ?p ?o WHERE { <iri> ?p ?o }` over random subjects, by wrk (8 connections);
- a 200k-row SELECT streamed as JSON (best of 3 wall-clock times to the last byte);
- errors: every non-200 answer or broken connection in all of the above;
- the front end's own ceiling: a bare Flask handler returning an empty SPARQL JSON result under
  waitress, gunicorn and granian (wrk, 8 connections), so that the server stack's limit is known.

Ratios are rikg / oxigraph (for the streamed result: oxigraph time / rikg time, higher is better).
`--work DIR` keeps the replicated store between runs.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from replicate import build_sources_store, factor_for, replicate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# Research queries that answer in well under a second on 1M quads: the rest take seconds each, so a
# mix with them measures four queries, not a server.
MIX = [
    "actors-with-wikidata-links", "agreements-signed-in-2018", "funding-amounts-per-program",
    "persons-with-position-and-affiliation", "program-parts-tree", "program-timelines",
    "programs-implemented-by-giz", "labels-in-all-scripts-by-cyrillic-name",
]
STREAM_QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 200000"
JSON_ACCEPT = "application/sparql-results+json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server {proc.args} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                r.read()
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up in {seconds} s")


def machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) // 1024 // 1024
    return f"nproc {os.cpu_count()}, {cpu}, {mem} GiB RAM, {platform.system()} {platform.release()}"


# -- data -------------------------------------------------------------------------------------------

def prepare(work: Path, quads: int) -> tuple[Path, Path, int]:
    """Two identical stores of about `quads` quads (one per server); reused when already there."""
    a, b, nq = work / "store-rikg", work / "store-oxigraph", work / "big.nq"
    meta = work / "meta.json"
    if meta.exists() and a.exists() and b.exists() and json.loads(meta.read_text()).get("target") == quads:
        return a, b, json.loads(meta.read_text())["quads"]
    for d in (a, b):
        shutil.rmtree(d, ignore_errors=True)
    src = build_sources_store(work)
    n = replicate(src, factor_for(src, quads), nq)
    started = time.perf_counter()
    subprocess.run(["oxigraph", "load", "--location", str(a), "--file", str(nq)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["oxigraph", "optimize", "--location", str(a)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    print(f"loaded {n} quads with `oxigraph load` in {time.perf_counter() - started:.1f} s", flush=True)
    shutil.copytree(a, b)
    nq.unlink()
    meta.write_text(json.dumps({"target": quads, "quads": n}))
    return a, b, n


def subjects(store: Path, n: int = 5000) -> list[str]:
    from pyoxigraph import Store

    s = Store.read_only(str(store))
    q = f"SELECT DISTINCT ?s WHERE {{ ?s a ?c }} LIMIT {n * 4}"
    found = [r["s"].value for r in s.query(q, use_default_graph_as_union=True)]
    del s
    random.Random(7).shuffle(found)
    return found[:n]


# -- servers ----------------------------------------------------------------------------------------

@dataclass
class Server:
    name: str
    base: str  # scheme://host:port
    path: str  # the query endpoint's path
    proc: subprocess.Popen

    @property
    def url(self) -> str:
        return self.base + self.path


def start_rikg(store: Path, log: Path) -> Server:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "rikg.cli", "serve", "--store", str(store), "--host",
                             "127.0.0.1", "--port", str(port), "--timeout", "60"],
                            stdout=open(log, "w"), stderr=subprocess.STDOUT)
    s = Server("rikg serve", f"http://127.0.0.1:{port}", "/sparql", proc)
    wait_up(s.url + "?query=ASK%7B%7D", proc)
    return s


def start_oxigraph(store: Path, log: Path) -> Server:
    port = free_port()
    proc = subprocess.Popen(["oxigraph", "serve-read-only", "--location", str(store), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=open(log, "w"), stderr=subprocess.STDOUT)
    s = Server("oxigraph serve", f"http://127.0.0.1:{port}", "/query", proc)
    wait_up(s.url + "?query=ASK%7B%7D", proc)
    return s


def _tree_cpu(pid: int) -> float:
    """CPU seconds used so far by a process and all its descendants."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue
    return total


def wait_idle(server: Server, seconds: float = 300) -> None:
    """Wait until the server has finished its start-up work (rikg builds its label index in the
    background): its process tree uses under 5% of a core for 2 s."""
    deadline = time.monotonic() + seconds
    last = _tree_cpu(server.proc.pid)
    while time.monotonic() < deadline:
        time.sleep(2)
        now = _tree_cpu(server.proc.pid)
        if now - last < 0.1:
            return
        last = now
    print(f"  {server.name} still busy after {seconds:.0f} s", flush=True)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


# -- clients ----------------------------------------------------------------------------------------

@dataclass
class Tally:
    done: int = 0
    errors: int = 0
    notes: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, note: str) -> None:
        with self.lock:
            self.errors += 1
            if len(self.notes) < 5:
                self.notes.append(note)


def _post(conn: http.client.HTTPConnection, path: str, query: str) -> tuple[int, bytes]:
    conn.request("POST", path, body=query.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": JSON_ACCEPT})
    r = conn.getresponse()
    return r.status, r.read()


def query_mix(server: Server, queries: list[str], clients: int, seconds: float) -> tuple[float, Tally]:
    """Queries per second of `clients` threads each sending the mix round-robin for `seconds`."""
    host, port = server.base.removeprefix("http://").split(":")
    tally = Tally()
    stop_at = time.monotonic() + seconds

    def client(k: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=120)
        i = k
        while time.monotonic() < stop_at:
            q = queries[i % len(queries)]
            i += 1
            try:
                status, body = _post(conn, server.path, q)
                if status != 200 or not body.startswith(b"{"):
                    tally.error(f"{status} {body[:120]!r}")
                else:
                    with tally.lock:
                        tally.done += 1
            except (OSError, http.client.HTTPException) as e:
                tally.error(repr(e))
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=120)
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally.done / (time.monotonic() - started), tally


WRK_LUA = """
local paths = {}
for line in io.lines("%(file)s") do paths[#paths + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1], {["Accept"] = "%(accept)s"})
end
"""


def wrk(url: str, seconds: float, connections: int = 8, script: Path | None = None) -> tuple[float, int]:
    """Requests per second and errors (non-2xx, socket errors) measured by wrk."""
    cmd = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{max(1, round(seconds))}s"]
    if script is not None:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], check=True, capture_output=True, text=True).stdout
    if not re.search(r"Requests/sec", out):
        raise SystemExit(f"wrk said: {out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(x) for x in m.groups())
    return rps, errors


def point_lookups(server: Server, iris_file: Path, seconds: float, work: Path) -> tuple[float, int]:
    paths = work / f"lookups-{server.path.strip('/')}.txt"
    with open(iris_file) as f, open(paths, "w") as out:
        for iri in f.read().split():
            q = urllib.parse.quote(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}", safe="")
            out.write(f"{server.path}?query={q}\n")
    script = work / f"lookups-{server.path.strip('/')}.lua"
    script.write_text(WRK_LUA % {"file": paths, "accept": JSON_ACCEPT})
    return wrk(server.base, seconds, 8, script)


def streamed(server: Server, tries: int = 3) -> tuple[float, int, int]:
    """Best wall-clock seconds to receive the whole 200k-row JSON result; (seconds, bytes, errors)."""
    host, port = server.base.removeprefix("http://").split(":")
    best, size, errors = float("inf"), 0, 0
    for _ in range(tries):
        conn = http.client.HTTPConnection(host, int(port), timeout=300)
        started = time.perf_counter()
        try:
            conn.request("POST", server.path, body=STREAM_QUERY.encode(),
                         headers={"Content-Type": "application/sparql-query", "Accept": JSON_ACCEPT})
            r = conn.getresponse()
            n = 0
            while chunk := r.read(1 << 16):
                n += len(chunk)
            if r.status != 200:
                errors += 1
            best, size = min(best, time.perf_counter() - started), n
        except (OSError, http.client.HTTPException):
            errors += 1
        finally:
            conn.close()
    return best, size, errors


# -- the front end's ceiling ------------------------------------------------------------------------

BARE_APP = '''
from flask import Flask, Response
app = Flask("bare")
EMPTY = b'{"head":{"vars":["p","o"]},"results":{"bindings":[]}}'

@app.route("/sparql", methods=["GET", "POST"])
def sparql():
    return Response(EMPTY, content_type="application/sparql-results+json")
'''

STACKS: dict[str, Callable[[int], list[str]]] = {
    "waitress (8 threads)": lambda port: [sys.executable, "-m", "waitress", "--threads", "8",
                                          f"--listen=127.0.0.1:{port}", "bare_app:app"],
    "gunicorn (2 gthread workers x 4)": lambda port: [sys.executable, "-m", "gunicorn", "-w", "2", "-k", "gthread",
                                                      "--threads", "4", "-b", f"127.0.0.1:{port}", "bare_app:app"],
    "granian (WSGI, 1 worker)": lambda port: [sys.executable, "-m", "granian", "--interface", "wsgi", "--workers",
                                              "1", "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
                                              "bare_app:app"],
    "granian (WSGI, 2 workers)": lambda port: [sys.executable, "-m", "granian", "--interface", "wsgi", "--workers",
                                               "2", "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
                                               "bare_app:app"],
}


def front_end_ceilings(work: Path, seconds: float) -> dict[str, float]:
    folder = work / "bare"
    folder.mkdir(exist_ok=True)
    (folder / "bare_app.py").write_text(textwrap.dedent(BARE_APP))
    out: dict[str, float] = {}
    import importlib.util

    for name, argv in STACKS.items():
        module = argv(0)[2]
        if importlib.util.find_spec(module) is None:
            print(f"  {name}: not installed (pip install {module})", flush=True)
            continue
        port = free_port()
        proc = subprocess.Popen(argv(port), cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_up(f"http://127.0.0.1:{port}/sparql", proc, 30)
            out[name], _ = wrk(f"http://127.0.0.1:{port}/sparql", seconds)
        finally:
            stop(proc)
        print(f"  bare Flask under {name}: {out[name]:,.0f} req/s", flush=True)
    return out


# -- the run ----------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quads", type=int, default=1_000_000)
    ap.add_argument("--work", type=Path, help="keep the stores here between runs (default: a temp folder)")
    ap.add_argument("--seconds", type=float, default=15.0, help="duration of each throughput measurement")
    ap.add_argument("--rounds", type=int, default=3, help="alternating turns per throughput measurement")
    ap.add_argument("--only", nargs="*", choices=["mix", "lookups", "stream", "ceiling"],
                    default=["mix", "lookups", "stream", "ceiling"])
    args = ap.parse_args(argv)
    if shutil.which("oxigraph") is None:
        raise SystemExit("the `oxigraph` command is missing: pip install oxigraph (in the test extras)")
    if shutil.which("wrk") is None and {"lookups", "ceiling"} & set(args.only):
        raise SystemExit("wrk is missing: apt-get install wrk (or pass --only mix stream)")
    tmp = None
    if args.work is None:
        tmp = tempfile.TemporaryDirectory()
        work = Path(tmp.name)
    else:
        work = args.work
        work.mkdir(parents=True, exist_ok=True)
    print(machine(), flush=True)
    store_a, store_b, n = prepare(work, args.quads)
    print(f"store: {n:,} quads", flush=True)
    queries = [(ROOT / "queries" / f"{name}.rq").read_text() for name in MIX]
    iris_file = work / "subjects.txt"
    iris_file.write_text("\n".join(subjects(store_a)) + "\n")

    rikg = start_rikg(store_a, work / "rikg.log")
    oxi = start_oxigraph(store_b, work / "oxigraph.log")
    rows: list[tuple[str, str, str, str]] = []
    errors = 0
    try:
        wait_idle(rikg)
        for s in (rikg, oxi):  # warm both caches alike
            query_mix(s, queries, 4, 4)
        # Throughput is measured in `--rounds` short turns alternating the servers, summed per server,
        # so that a neighbour's burst of load on this shared machine falls on both alike.
        turn = args.seconds / args.rounds
        if "mix" in args.only:
            for clients in (4, 16):
                done = {oxi.name: 0.0, rikg.name: 0.0}
                for _ in range(args.rounds):
                    for s in (oxi, rikg):
                        qps, tally = query_mix(s, queries, clients, turn)
                        done[s.name] += qps / args.rounds
                        errors += tally.errors
                        print(f"  mix {clients} clients {s.name}: {qps:.1f} q/s, {tally.errors} errors "
                              f"{tally.notes}", flush=True)
                rows.append((f"query mix ({len(MIX)} research queries, {clients} clients, POST, JSON)",
                             f"{done['rikg serve']:.1f} q/s", f"{done['oxigraph serve']:.1f} q/s",
                             f"{done['rikg serve'] / done['oxigraph serve']:.2f}"))
        if "lookups" in args.only:
            for s in (oxi, rikg):  # rikg answers lookups on its own handle: warm its cache as the mix warmed oxigraph's
                point_lookups(s, iris_file, 3, work)
            done = {oxi.name: 0.0, rikg.name: 0.0}
            for _ in range(args.rounds):
                for s in (oxi, rikg):
                    rps, e = point_lookups(s, iris_file, turn, work)
                    done[s.name] += rps / args.rounds
                    errors += e
                    print(f"  lookups {s.name}: {rps:,.0f} q/s, {e} errors", flush=True)
            rows.append(("point lookups (wrk, 8 connections, `SELECT ?p ?o WHERE { <iri> ?p ?o }`)",
                         f"{done['rikg serve']:,.0f} q/s", f"{done['oxigraph serve']:,.0f} q/s",
                         f"{done['rikg serve'] / done['oxigraph serve']:.2f}"))
        if "stream" in args.only:
            t = {}
            for s in (oxi, rikg):
                t[s.name], size, e = streamed(s)
                errors += e
                print(f"  200k rows {s.name}: {t[s.name]:.2f} s, {size:,} bytes, {e} errors", flush=True)
            rows.append(("200k-row result, streamed (JSON)", f"{t['rikg serve']:.2f} s",
                         f"{t['oxigraph serve']:.2f} s", f"{t['oxigraph serve'] / t['rikg serve']:.2f}"))
    finally:
        stop(rikg.proc)
        stop(oxi.proc)
    ceilings = front_end_ceilings(work, args.seconds) if "ceiling" in args.only else {}

    print(f"\n{machine()}\nstore: {n:,} quads\n")
    print("| workload | rikg serve | oxigraph serve | ratio |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nerrors: {errors}")
    if ceilings:
        print("\n| bare Flask handler, wrk 8 connections | req/s |\n|---|---|")
        for name, rps in ceilings.items():
            print(f"| {name} | {rps:,.0f} |")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
