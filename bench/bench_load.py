"""Loading speed and memory: `rikg import` against pyoxigraph's own bulk loader, in the same run.

Makes an N-Quads file of the project's graph replicated to the wanted size (bench/replicate.py: the five
source texts' graph, renamed copies, named graphs kept), then, each in a fresh process on an empty store:
  - the baseline: `Store(path).bulk_load(path=FILE)`, pyoxigraph's fastest path (no progress, no checks),
  - `rikg import FILE --store DIR`: the same bulk loader behind a byte counter, into a backup copy of the
    store that replaces it at the end (all or nothing), and the count of new quads.
Prints wall and CPU time, quads/s, the ratios rikg/baseline, and each process's peak resident memory (wait4);
on a shared machine the CPU ratio is the steadier one.
Targets (issue 10): >= 80k quads/s or >= 0.8x the baseline on 1M quads; peak RSS < 2 GB on 10M quads.

    python bench/bench_load.py                      # 1M quads, best of 3 runs each
    python bench/bench_load.py --quads 10000000 --runs 1 --no-baseline
    python bench/bench_load.py --file big.nq        # an existing N-Quads file
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from replicate import build_sources_store, factor_for, replicate  # noqa: E402

BASELINE = "import sys; from pyoxigraph import Store; Store(sys.argv[1]).bulk_load(path=sys.argv[2])"


def run(cmd: list[str]) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak RSS in MB, stdout) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # wait4 gives this child's own rusage: its peak RSS, not the maximum over every child so far
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.strip()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def measure(commands: dict[str, Callable[[Path], list[str]]], runs: int, work: Path
            ) -> dict[str, tuple[float, float, float, str]]:
    """The fastest of `runs` runs of each command, taken in turns (A B A B) so that a burst of load from
    other work on a shared machine falls on both."""
    results: dict[str, list[tuple[float, float, float, str]]] = {name: [] for name in commands}
    for i in range(runs):
        for name, cmd_for in commands.items():
            store = work / f"store-{name}-{i}"
            shutil.rmtree(store, ignore_errors=True)
            results[name].append(run(cmd_for(store)))
            shutil.rmtree(store, ignore_errors=True)
    return {name: min(rs, key=lambda r: r[0]) for name, rs in results.items()}


def count_lines(path: Path) -> int:
    n = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 24):
            n += block.count(b"\n")
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quads", type=int, default=1_000_000, help="size of the generated file")
    ap.add_argument("--file", type=Path, help="an existing .nq file instead of a generated one")
    ap.add_argument("--runs", type=int, default=3, help="runs of each, the fastest counts (the machine is shared)")
    ap.add_argument("--no-baseline", action="store_true", help="skip pyoxigraph's bulk_load (e.g. for 10M)")
    ap.add_argument("--work", type=Path, help="folder for the file and stores (default: a temporary one)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        work = Path(tmp)
        data = args.file
        if data is None:
            t0 = time.perf_counter()
            source = build_sources_store(work)
            data = work / "bench.nq"
            replicate(source, factor_for(source, args.quads), data)
            print(f"generated {data.stat().st_size / 1e6:,.0f} MB in {time.perf_counter() - t0:.0f} s", flush=True)
        quads = count_lines(data)  # N-Quads: one quad a line (what bulk_load reads, duplicates included)
        print(f"file: {quads:,} quads, {data.stat().st_size / 1e6:,.0f} MB; {os.cpu_count()} CPU(s)", flush=True)
        commands: dict[str, Callable[[Path], list[str]]] = {}
        if not args.no_baseline:
            commands["pyoxigraph bulk_load"] = lambda s: [sys.executable, "-c", BASELINE, str(s), str(data)]
        commands["rikg import"] = lambda s: [sys.executable, "-m", "rikg.cli", "import", str(data), "--store", str(s)]
        got = measure(commands, args.runs, work)
        for name, (wall, cpu, rss, _) in got.items():
            print(f"{name:<22} {wall:7.1f} s  {quads / wall:9,.0f} quads/s  CPU {cpu:6.1f} s  peak RSS {rss:6,.0f} MB")
        print(f"  rikg says: {got['rikg import'][3].strip()}")
        if not args.no_baseline:
            base, mine = got["pyoxigraph bulk_load"], got["rikg import"]
            print(f"ratio rikg/bulk_load: {base[0] / mine[0]:.2f}x wall time, {base[1] / mine[1]:.2f}x CPU time "
                  "(target >= 0.8x, or >= 80,000 quads/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
