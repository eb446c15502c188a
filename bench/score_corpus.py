"""Score the loaders on one split of tests/corpus (dev or test) with `rikg evaluate`.

    python bench/score_corpus.py dev [--details] [--json FILE]

The split is the `split` column of tests/corpus/SOURCES.csv (fixed once by a hash of the file name).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def split_files(split: str) -> list[str]:
    with open(CORPUS / "SOURCES.csv", encoding="utf-8", newline="") as f:
        return [r["file"] for r in csv.DictReader(f) if split in ("all", r["split"])]


def stage(split: str, into: Path) -> tuple[Path, Path]:
    """Copy the split's texts and gold into `into`; returns (texts, gold)."""
    texts, gold = into / "texts", into / "gold"
    texts.mkdir(parents=True)
    gold.mkdir()
    for name in split_files(split):
        shutil.copy(CORPUS / "texts" / name, texts / name)
        shutil.copy(CORPUS / "gold" / (Path(name).stem + ".json"), gold)
    return texts, gold


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("dev", "test", "all"):
        print("usage: score_corpus.py dev|test|all [rikg evaluate options]", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        texts, gold = stage(argv[0], Path(tmp))
        cmd = [sys.executable, "-m", "rikg.cli", "evaluate", "--gold", str(gold), "--sources", str(texts), *argv[1:]]
        return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
