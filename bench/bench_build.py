"""Loader speed and memory: texts per second on one core, peak memory, and the parallel build.

Makes a corpus of N texts of about 2,000 characters from the sentences of the project's own texts
(data/sources and tests/devset), then times
  - a baseline pass measured in the same run (read + Unicode NFC + tokenise: the least any loader does),
  - the full loader pipeline per text on one core (rikg.loaders.pipeline.process_text),
  - `build_store` on the whole corpus with one worker and with all cores.
Prints texts/s, the ratio to the baseline, and peak resident memory. Usage:
    python bench/bench_build.py [--texts 400] [--chars 2000]
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
import unicodedata
from pathlib import Path

from rikg.build import build_store
from rikg.loaders.pipeline import process_text
from rikg.loaders.read import read_source
from rikg.loaders.tokens import tokenize

ROOT = Path(__file__).resolve().parents[1]


def corpus(n: int, chars: int, out: Path) -> list[Path]:
    sentences: list[str] = []
    for folder in (ROOT / "data" / "sources", ROOT / "tests" / "devset" / "texts"):
        for f in sorted(folder.glob("*.txt")):
            sentences += [s.strip() + "." for s in f.read_text(encoding="utf-8").split(".") if len(s.strip()) > 20]
    rng = random.Random(7)
    files = []
    for i in range(n):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < chars:
            parts.append(rng.choice(sentences))
        f = out / f"bench_{i:05d}.txt"
        f.write_text("\n\n".join(parts), encoding="utf-8")
        files.append(f)
    return files


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=400)
    ap.add_argument("--chars", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        files = corpus(args.texts, args.chars, folder)
        sources = [read_source(f) for f in files]
        process_text(sources[0])  # load gazetteers and patterns once, outside the timing

        t0 = time.perf_counter()
        for s in sources:
            tokenize(unicodedata.normalize("NFC", s.text))
        base = time.perf_counter() - t0

        t0 = time.perf_counter()
        for s in sources:
            process_text(s)
        loaders = time.perf_counter() - t0
        mem_loaders = peak_mb()

        t0 = time.perf_counter()
        build_store(folder, Path(tmp) / "store1", workers=1)
        one = time.perf_counter() - t0
        t0 = time.perf_counter()
        build_store(folder, Path(tmp) / "storeN", workers=0)
        many = time.perf_counter() - t0

    n = len(files)
    print(f"corpus: {n} texts of ~{args.chars} characters")
    print(f"baseline (NFC + tokenise)   {n / base:10.0f} texts/s")
    print(f"loaders, one core           {n / loaders:10.0f} texts/s   ratio to baseline {base / loaders:.3f}")
    print(f"build_store, 1 worker       {n / one:10.0f} texts/s")
    print(f"build_store, all cores      {n / many:10.0f} texts/s   speed-up {one / many:.2f}x")
    print(f"peak memory after loaders   {mem_loaders:10.0f} MB (whole process)")


if __name__ == "__main__":
    main()
