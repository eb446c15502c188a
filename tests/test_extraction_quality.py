"""Extraction quality on the seed texts and on the development set, scored by `rikg evaluate`.

The thresholds are the issue's acceptance figures; a change to the loaders that drops below them fails here.
Everything these tests need is in the checkout: the seed texts are data/sources, their gold is tests/gold/seeds
(copied from ../shared/gold/seeds), the Wikidata reference is data/reference/wikidata-qids.csv.

When ../shared is laid beside the checkout (as CI does), one more test checks that `rikg evaluate` and the
shared scorer ../shared/tools/score_extraction.py give the same figures on the same graph. It is a
cross-check of the copy, not coverage: the behaviour is covered above and in tests/test_evaluate.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rikg import paths
from rikg.build import build_store
from rikg.store import export, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"
SEEDS = (paths.SOURCES_DIR, ROOT / "tests" / "gold" / "seeds")
DEV = (ROOT / "tests" / "devset" / "texts", ROOT / "tests" / "devset" / "gold")

# The extraction issue: seeds and tests/devset stay at or above actors 0.95, programs 0.95, roles 0.85,
# agreements 0.90, outcomes 0.90.
SEED_MIN = {
    "actors.f1": 0.95, "programs.f1": 0.95, "roles.f1": 0.85, "agreements.f1": 0.90, "outcomes.f1": 0.90,
    "outcomes.attribution": 0.85, "provenance.exact": 1.0, "provenance.evidence": 1.0, "links.wrong": 0,
    "links.recall": 0.95, "coverage.bilingual": 1.0,
}
DEV_MIN = {
    "actors.f1": 0.95, "programs.f1": 0.95, "roles.f1": 0.85, "agreements.f1": 0.90, "outcomes.f1": 0.90,
    "outcomes.attribution": 0.85, "provenance.exact": 1.0, "links.wrong": 0,
}


def rikg_evaluate(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rikg.cli", "evaluate", *map(str, args)], capture_output=True,
                          text=True, timeout=600, cwd=ROOT)


def gates(minimum: dict[str, float]) -> list[str]:
    return [arg for name, value in minimum.items() for arg in ("--min", f"{name}={value}")]


def score(sources: Path, gold: Path, minimum: dict[str, float]) -> str:
    """`rikg evaluate --sources`: a fresh build of the texts, scored and gated; returns the summary line."""
    run = rikg_evaluate("--sources", sources, "--gold", gold, *gates(minimum))
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    return run.stdout.strip().splitlines()[-1]


def test_seed_gold_is_for_the_project_sources() -> None:
    docs = sorted(json.loads(f.read_text(encoding="utf-8"))["doc"] for f in SEEDS[1].glob("*.json"))
    assert docs == sorted(p.name for p in paths.SOURCES_DIR.glob("*.txt"))
    assert len(docs) == 5


def test_seed_texts_meet_the_acceptance_figures() -> None:
    line = score(*SEEDS, SEED_MIN)
    assert "links wrong=0" in line and "provenance=1.00" in line


def test_development_set_meets_the_acceptance_figures() -> None:
    assert len(list(DEV[0].glob("*.txt"))) >= 15
    line = score(*DEV, DEV_MIN)
    assert "links wrong=0" in line


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("seeds") / "store"
    build_store(SEEDS[0], store)
    return store


def test_a_store_scores_with_the_texts_it_records(seed_store: Path, tmp_path: Path) -> None:
    """`--store` without --texts checks offsets against the texts the build recorded: the same figures as
    with the source folder."""
    reports = []
    for extra in ((), ("--texts", SEEDS[0])):
        out = tmp_path / f"report{len(reports)}.json"
        run = rikg_evaluate("--store", seed_store, "--gold", SEEDS[1], "--json", out, *extra)
        assert run.returncode == 0, run.stderr
        reports.append(json.loads(out.read_text(encoding="utf-8")))
    assert reports[0]["metrics"] == reports[1]["metrics"]
    assert reports[0]["provenance"]["checked"] == reports[1]["provenance"]["checked"] > 0


@pytest.mark.skipif(not SCORER.is_file(), reason="cross-check only: ../shared/tools/score_extraction.py is absent")
@pytest.mark.parametrize("which", ["seeds", "dev"])
def test_same_metrics_as_the_shared_scorer(which: str, tmp_path: Path) -> None:
    """One build, exported once: the shared scorer reads the export, `rikg evaluate` the store; every metric
    (all keys of the flat `metrics` object) must be equal. The seeds are scored with the shared gold and
    texts, so this also checks that the copies in the checkout are the same."""
    sources, gold = SEEDS if which == "seeds" else DEV
    shared_sources, shared_gold = ((SHARED / "sources", SHARED / "gold" / "seeds") if which == "seeds"
                                   else (sources, gold))
    store = tmp_path / "store"
    build_store(sources, store)
    graph = tmp_path / "graph.nq"
    with open(graph, "wb") as out:
        export(open_store(store, read_only=True), out, "nq")
    shared = subprocess.run([sys.executable, str(SCORER), "--graph", str(graph), "--gold", str(shared_gold),
                             "--texts", str(shared_sources), "--reference",
                             str(SHARED / "reference" / "wikidata-qids.csv"), "--json", str(tmp_path / "shared.json")],
                            capture_output=True, text=True, timeout=600)
    assert shared.returncode == 0, shared.stderr
    ours = rikg_evaluate("--store", store, "--texts", sources, "--gold", gold, "--json", tmp_path / "ours.json")
    assert ours.returncode == 0, ours.stderr
    theirs = json.loads((tmp_path / "shared.json").read_text(encoding="utf-8"))
    mine = json.loads((tmp_path / "ours.json").read_text(encoding="utf-8"))
    assert list(mine["metrics"]) == list(theirs["metrics"])
    assert mine["metrics"] == theirs["metrics"]
    # rikg adds one detail the shared scorer does not have: the matched outcomes tied to another program
    # ("misattributed", printed by --details as "attrib. wrong"); everything else is the same JSON.
    for d in mine["documents"].values():
        assert isinstance(d["details"]["outcomes"].pop("misattributed"), list)
    for part in ("micro", "documents", "wikidata", "provenance", "coverage", "warnings"):
        assert mine[part] == theirs[part], part
    assert ours.stdout.strip().splitlines()[-1] == shared.stdout.strip().splitlines()[-1]
