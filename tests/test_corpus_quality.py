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
    # 601 texts since the round c78 (403 in this split): measured 0.942 / 0.841 / 0.745 / 0.908 / 0.910, attribution
    # 0.731, events 0.874 (the loaders of before the twelfth session's changes, same texts: 0.939 / 0.837 / 0.735 /
    # 0.908 / 0.904, 0.732, 0.867). The blind rounds c76-c78 brought dev texts whose events and agreements both
    # loaders miss (events 0.881 -> 0.867 on the split for either loader), hence the lower events floor.
    "dev": {"actors.f1": 0.93, "programs.f1": 0.83, "roles.f1": 0.73, "agreements.f1": 0.90, "outcomes.f1": 0.89,
            "outcomes.attribution": 0.72, "events.f1": 0.86, "provenance.exact": 1.0, "links.wrong": 0},
    # 198 texts in this split: measured 0.865 / 0.750 / 0.539 / 0.652 / 0.845, attribution 0.664, events 0.767
    # (before the twelfth session's changes: 0.865 / 0.750 / 0.530 / 0.652 / 0.840, 0.672, 0.746; before the
    # eleventh session's, on 583 texts: 0.865 / 0.747 / 0.526 / 0.667 / 0.841, 0.678, 0.746). The round c78 added
    # three texts here (a loan programme, an anti-discrimination project, a guarantee contract), scored blind.
    "test": {"actors.f1": 0.85, "programs.f1": 0.74, "roles.f1": 0.53, "agreements.f1": 0.64, "outcomes.f1": 0.83,
             "outcomes.attribution": 0.66, "events.f1": 0.72, "provenance.exact": 1.0, "links.wrong": 0},
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
