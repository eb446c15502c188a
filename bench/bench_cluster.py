"""The cluster build (`rikg build --workers N`, rikg/cluster.py) on a synthetic corpus: time and memory with
1 and 2 worker processes of a Dask LocalCluster, and the speed-up (the issue's target: >= 1.6x on 10k texts).

The corpus: N texts of about 2,000 characters, each a random draw of sentences of data/sources and
tests/devset/texts, with changed names and numbers so that the reduce step has a growing set of entities to
resolve (a capitalised word is given one of a few made-up endings; every number is redrawn, years stay
years). Each configuration runs in its own process, so each peak is its own: the client's (the reduce,
writing the store) and the largest worker's. The baseline of the ratio is the 1-worker run of the same
invocation. Usage:

    python bench/bench_cluster.py --texts 10000 [--workers 1 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_ENDINGS = ("ac", "ovo", "ić", "ina", "ar", "ek", "ska", "ani")
_NAME = re.compile(r"(?<=[a-zčćžšđ,] )([A-ZČĆŽŠĐ][a-zčćžšđ]{3,})")
_NUMBER = re.compile(r"\d+")


def sentences() -> list[str]:
    out: list[str] = []
    for folder in (ROOT / "data" / "sources", ROOT / "tests" / "devset" / "texts"):
        for f in sorted(folder.glob("*.txt")):
            out += [s.strip() + "." for s in f.read_text(encoding="utf-8").split(".") if len(s.strip()) > 20]
    return out


def _number(m: re.Match[str], rng: random.Random) -> str:
    digits = m.group(0)
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return str(rng.randint(2005, 2025))  # a year stays a plausible year
    return str(rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 0, 10 ** len(digits) - 1))


def rewrite(sentence: str, rng: random.Random) -> str:
    """New names (one in three capitalised words inside a sentence) and new numbers."""
    sentence = _NAME.sub(lambda m: m.group(1)[:-2] + rng.choice(_ENDINGS) if rng.random() < 0.33 else m.group(1),
                         sentence)
    return _NUMBER.sub(lambda m: _number(m, rng), sentence)


def make_corpus(n: int, chars: int, out: Path, seed: int = 7) -> None:
    pool = sentences()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < chars:
            parts.append(rewrite(rng.choice(pool), rng))
        (out / f"synthetic_{i:07d}.txt").write_text("\n\n".join(parts), encoding="utf-8")


def run_one(sources: Path, store: Path, workers: int) -> None:
    """One build in this process; prints a JSON line (the parent reads the last line)."""
    from rikg.build import build_store

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(message)s")
    logging.getLogger("rikg.cluster").setLevel(logging.DEBUG)  # the time of each step
    t0 = time.perf_counter()
    report = build_store(sources, store, workers=workers, progress=sys.stderr.isatty())
    seconds = time.perf_counter() - t0
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "workers": workers, "seconds": seconds, "documents": report.documents, "quads": report.triples,
        "client_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # The largest peak of any finished child: a worker process (they end with the LocalCluster).
        "worker_peak_mb": kids.ru_maxrss / 1024,
        # CPU seconds: on a machine others share, wall time alone does not tell the work from the waiting.
        "client_cpu_s": me.ru_utime + me.ru_stime, "workers_cpu_s": kids.ru_utime + kids.ru_stime,
        "store_mb": sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 2**20,
    }), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=2000)
    ap.add_argument("--chars", type=int, default=2000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--keep", type=Path, help="make the corpus here (and reuse it if it is there)")
    ap.add_argument("--one", nargs=3, metavar=("SOURCES", "STORE", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        run_one(Path(args.one[0]), Path(args.one[1]), int(args.one[2]))
        return
    with tempfile.TemporaryDirectory(prefix="rikg-bench-cluster-") as tmp:
        corpus = args.keep or Path(tmp) / "texts"
        if not (corpus.is_dir() and len(list(corpus.glob("*.txt"))) == args.texts):
            t0 = time.perf_counter()
            make_corpus(args.texts, args.chars, corpus)
            print(f"corpus: {args.texts} synthetic texts of ~{args.chars} characters in {corpus} "
                  f"({time.perf_counter() - t0:.0f} s to make)", flush=True)
        rows = []
        for w in args.workers:
            store = Path(tmp) / f"store-{w}"
            load0 = os.getloadavg()[0]
            r = subprocess.run([sys.executable, __file__, "--one", str(corpus), str(store), str(w)],
                               stdout=subprocess.PIPE, text=True, check=True)
            row = json.loads(r.stdout.strip().splitlines()[-1])
            row["load_before"] = load0
            rows.append(row)
            print(f"{w} worker(s): {row['seconds']:8.1f} s  {row['documents'] / row['seconds']:7.1f} texts/s  "
                  f"{row['quads']:,} quads  client peak {row['client_peak_mb']:,.0f} MB  "
                  f"largest worker peak {row['worker_peak_mb']:,.0f} MB  store {row['store_mb']:,.0f} MB  "
                  f"CPU: client {row['client_cpu_s']:.0f} s, workers {row['workers_cpu_s']:.0f} s  "
                  f"(load average before: {load0:.1f})", flush=True)
        base = rows[0]
        for row in rows[1:]:
            print(f"speed-up {base['workers']} -> {row['workers']} workers: {base['seconds'] / row['seconds']:.2f}x")
        print(f"machine: {os.cpu_count()} cores; " + json.dumps(rows))


if __name__ == "__main__":
    main()
