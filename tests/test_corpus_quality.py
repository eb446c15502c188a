"""Extraction on tests/corpus, the rewrites of real published texts, scored by `rikg evaluate` per split.

The floors are the figures measured when the rules were last changed (a little below them), so that a change
that loses ground on real phrasing fails here. The issue's targets (roles 0.70 and more on the test split) are
higher; the README reports where the loaders stand. The split is fixed in tests/corpus/SOURCES.csv.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"

FLOORS = {
    # 953 texts since the round c138 (637 in this split): measured 0.933 / 0.832 / 0.712 / 0.884 / 0.905, attribution
    # 0.740, events 0.870 (the loaders of before the seventeenth session's changes, same texts: 0.929 / 0.818 / 0.696 /
    # 0.889 / 0.903, 0.733, 0.870). The blind rounds c106-c138 brought dev texts both loaders read less well.
    "dev": {"actors.f1": 0.93, "programs.f1": 0.82, "roles.f1": 0.71, "agreements.f1": 0.88, "outcomes.f1": 0.90,
            "outcomes.attribution": 0.72, "events.f1": 0.86, "provenance.exact": 1.0, "links.wrong": 0},
    # 316 texts in this split: measured 0.879 / 0.731 / 0.506 / 0.644 / 0.839, attribution 0.651, events 0.810
    # (before the seventeenth session's changes, same texts: 0.876 / 0.723 / 0.502 / 0.644 / 0.838, 0.646, 0.810).
    # The rounds c106-c138 added seventy-three texts here, scored blind, on which both loaders do worse than on the
    # rest, hence the lower floors.
    "test": {"actors.f1": 0.86, "programs.f1": 0.72, "roles.f1": 0.50, "agreements.f1": 0.64, "outcomes.f1": 0.81,
             "outcomes.attribution": 0.61, "events.f1": 0.79, "provenance.exact": 1.0, "links.wrong": 0},
}


def rows() -> list[dict[str, str]]:
    with open(CORPUS / "SOURCES.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_corpus_make_up() -> None:
    r = rows()
    assert len(r) >= 45
    assert sum(x["script"] == "Cyrillic" for x in r) >= 15
    assert len({x["publisher"] for x in r}) >= 10
    for x in r:
        assert (CORPUS / "texts" / x["file"]).is_file()
        gold = json.loads((CORPUS / "gold" / (Path(x["file"]).stem + ".json")).read_text(encoding="utf-8"))
        assert gold["doc"] == x["file"]
        assert x["url"].startswith("http")


def test_split_is_the_hash_of_the_file_name() -> None:
    for x in rows():
        expected = "test" if int(hashlib.sha256(x["file"].encode()).hexdigest(), 16) % 3 == 0 else "dev"
        assert x["split"] == expected, x["file"]


@pytest.mark.parametrize("split", ["dev", "test"])
def test_split_stays_above_its_floor(split: str, tmp_path: Path) -> None:
    texts, gold = tmp_path / "texts", tmp_path / "gold"
    texts.mkdir()
    gold.mkdir()
    for x in rows():
        if x["split"] == split:
            shutil.copy(CORPUS / "texts" / x["file"], texts)
            shutil.copy(CORPUS / "gold" / (Path(x["file"]).stem + ".json"), gold)
    gates = [a for k, v in FLOORS[split].items() for a in ("--min", f"{k}={v}")]
    run = subprocess.run([sys.executable, "-m", "rikg.cli", "evaluate", "--sources", str(texts), "--gold", str(gold),
                          *gates], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
