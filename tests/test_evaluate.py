"""`rikg evaluate` on the scorer's hand-worked fixture (tests/fixtures/scorer, from ../shared/tools/testdata),
its name-matching rules, bad gold input and --min gates.

The fixture is a hand-written graph with planted errors; tests/fixtures/scorer/README.md says which, and the
numbers below are the ones worked out by hand for the shared scorer's --self-test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rikg.evaluate.matching import assign, pair_weight
from rikg.evaluate.names import name_variants, names_compatible, normalize
from rikg.evaluate.scoring import METRIC_NAMES
from rikg.evaluate.values import norm_date

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "scorer"

# What the planted errors of the fixture produce (tests/fixtures/scorer/README.md)
EXPECTED: dict[str, Any] = {
    # found: EU, Grad Niš, the person (ц + U+0301 in the text); missed: Council of Europe;
    # spurious: "Lažna organizacija"; "Tim za inkluziju" matches an optional gold actor
    "actors.tp": 3, "actors.fp": 1, "actors.fn": 1, "actors.f1": 0.75,
    # the descriptive-name program is matched through its funder (EU) and location (Niš)
    "programs.tp": 2, "programs.fp": 0, "programs.fn": 0,
    # spurious implementer "Lažna organizacija"; missed partner Council of Europe; the partner "Lažna" backed
    # by a Participation with evidence in other.txt is not charged here; the optional actor "Tim" is ignored
    "roles.tp": 3, "roles.fp": 1, "roles.fn": 1,
    "agreements.tp": 1, "agreements.fp": 0, "agreements.fn": 0,       # one party suffices
    "outcomes.tp": 1, "outcomes.fp": 1, "outcomes.fn": 1, "outcomes.attribution": 1.0,   # 11 != 10
    "events.tp": 1, "events.fp": 1, "events.fn": 0,                   # an extra dated "signing"
    "locations.tp": 2, "locations.fn": 1,                             # Palilula missing
    "links.correct": 1, "links.wrong": 1, "links.unconfirmed": 0,     # Niš carries Kraljevo's QID
    "links.precision": 0.5, "links.recall": 1 / 3,                    # EU yes; Niš, CoE no
    "provenance.exact": 11 / 12,                                      # "10 osoba" shifted by one
    "provenance.evidence": 13 / 14,                                   # "Ministarstvo" has none
    "coverage.bilingual": 0.5,
}
SUMMARY = ("actors F1=0.75 programs F1=1.00 roles F1=0.75 agreements F1=1.00 outcomes F1=0.50 events F1=0.67 "
           "locations R=0.67 links wrong=1 provenance=0.92")


def rikg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rikg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture graph loaded into a real store with `rikg import`."""
    store = tmp_path_factory.mktemp("scorer-fixture") / "store"
    run = rikg("import", FIXTURE / "selftest.nq", "--store", store)
    assert run.returncode == 0, run.stderr
    return store


def evaluate_fixture(store: Path, gold: Path, *extra: str | Path, texts: Path = FIXTURE / "texts"
                     ) -> subprocess.CompletedProcess[str]:
    return rikg("evaluate", "--store", store, "--texts", texts, "--gold", gold,
                "--reference", FIXTURE / "reference.csv", *extra)


def gold_dir(tmp_path: Path, **files: dict[str, Any] | str) -> Path:
    """A gold folder holding the fixture's gold file plus the given ones (dicts as JSON, strings as is)."""
    folder = tmp_path / "gold"
    folder.mkdir()
    shutil.copy(FIXTURE / "gold" / "selftest.json", folder / "selftest.json")
    for name, content in files.items():
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def fixture_gold() -> dict[str, Any]:
    return json.loads((FIXTURE / "gold" / "selftest.json").read_text(encoding="utf-8"))


# -- the hand-worked fixture ------------------------------------------------------------------------------
def test_fixture_reproduces_the_hand_worked_numbers(fixture_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    run = evaluate_fixture(fixture_store, FIXTURE / "gold", "--json", out)
    assert run.returncode == 0, run.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    for name, want in EXPECTED.items():
        assert report["metrics"][name] == pytest.approx(want), name
    assert report["provenance"]["status"]["no_text"] == 1   # the mention in other.txt, not in --texts
    assert run.stdout.strip().splitlines()[-1] == SUMMARY
    # the table: P/R/F1 and TP/FP/FN per metric, attribution, links, provenance, coverage
    assert "  actors           3     1     1    1   0.750   0.750   0.750" in run.stdout
    assert "  events           1     1     0    0   0.500   1.000   0.667" in run.stdout
    assert "outcome attribution: 1.000 (1/1" in run.stdout
    assert "links 2: correct 1, wrong 1, unconfirmed 0" in run.stdout
    assert "exact quote at offsets: 11 (0.917)" in run.stdout
    assert "bilingual (Actor/Place/Program with both Serbian labels): 0.500 of 8" in run.stdout


def test_json_metrics_use_exactly_the_scorer_metric_names(fixture_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert evaluate_fixture(fixture_store, FIXTURE / "gold", "--json", out).returncode == 0
    metrics = json.loads(out.read_text(encoding="utf-8"))["metrics"]
    assert tuple(metrics) == METRIC_NAMES
    assert len(METRIC_NAMES) == 49
    assert {"outcomes.attribution", "locations.recall", "links.wrong", "links.recall", "provenance.exact",
            "provenance.evidence", "coverage.bilingual", "roles.f1", "events.fp"} <= set(metrics)


def test_details_list_missed_and_spurious_items(fixture_store: Path) -> None:
    run = evaluate_fixture(fixture_store, FIXTURE / "gold", "--details")
    assert run.returncode == 0
    assert "    actors     missed    Savet Evrope" in run.stdout
    assert "    actors     spurious  Lažna organizacija" in run.stdout
    assert "    roles      spurious  Zajedno za Niš | implementer | Lažna organizacija" in run.stdout
    assert "    locations  missed    Zajedno za Niš | Palilula" in run.stdout
    assert "    wikidata   missed    Niš (expected Q129259)" in run.stdout


def test_without_a_reference_the_link_metrics_are_n_a(fixture_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    run = rikg("evaluate", "--store", fixture_store, "--texts", FIXTURE / "texts", "--gold", FIXTURE / "gold",
               "--reference", tmp_path / "absent.csv")
    assert run.returncode == 2 and "absent.csv: no such reference file" in run.stderr
    assert not out.exists()


# -- --min gates --------------------------------------------------------------------------------------------
def test_min_gates_exit_1_and_list_the_failing_ones(fixture_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    run = evaluate_fixture(fixture_store, FIXTURE / "gold", "--json", out, "--min", "actors.f1=0.5",
                           "--min", "links.wrong=0", "--min", "provenance.exact=1")
    assert run.returncode == 1
    assert "  ok   actors.f1 = 0.750 (required >= 0.5)" in run.stdout
    assert "  FAIL links.wrong = 1 (required <= 0)" in run.stdout
    assert "  FAIL provenance.exact = 0.917 (required >= 1)" in run.stdout
    assert run.stdout.strip().splitlines()[-1] == SUMMARY
    assert run.stderr.splitlines() == ["rikg: threshold failed: links.wrong = 1 (required <= 0)",
                                       "rikg: threshold failed: provenance.exact = 0.917 (required >= 1)"]
    gates = json.loads(out.read_text(encoding="utf-8"))["thresholds"]
    assert [g["ok"] for g in gates] == [True, False, False]


def test_min_gates_that_hold_exit_0(fixture_store: Path) -> None:
    # short leaf names and the wikidata. alias, as the shared scorer accepts them
    run = evaluate_fixture(fixture_store, FIXTURE / "gold", "--min", "actors.f=0.75", "--min", "roles.fn=1",
                           "--min", "wikidata.correct=1")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr


def test_an_unknown_metric_is_refused_before_scoring(fixture_store: Path) -> None:
    run = evaluate_fixture(fixture_store, FIXTURE / "gold", "--min", "actors.fscore=0.9")
    assert run.returncode == 2
    assert run.stdout == ""
    assert len(run.stderr.splitlines()) == 1 and "unknown metric or bad spec 'actors.fscore=0.9'" in run.stderr


# -- bad gold input -----------------------------------------------------------------------------------------
def test_invalid_json_names_the_file_and_the_position(fixture_store: Path, tmp_path: Path) -> None:
    gold = gold_dir(tmp_path, **{"broken.json": '{"doc": "selftest.txt",\n  "actors": [}\n'})
    run = evaluate_fixture(fixture_store, gold)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.splitlines() == [f"rikg: error: {gold / 'broken.json'}: line 2 column 14: not valid JSON "
                                       "(Expecting value)"]


def test_a_missing_text_names_the_file_and_the_doc_field(fixture_store: Path, tmp_path: Path) -> None:
    gold = gold_dir(tmp_path, **{"absent.json": {"doc": "absent.txt", "actors": []}})
    run = evaluate_fixture(fixture_store, gold)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"rikg: error: {gold / 'absent.json'}: doc: text 'absent.txt' is not in "
                                       f"{FIXTURE / 'texts'}"]


def test_an_undefined_funder_names_the_file_and_the_field(fixture_store: Path, tmp_path: Path) -> None:
    bad = fixture_gold()
    bad["programs"][0]["funders"] = ["Evropska unija", "Fond koji ne postoji"]
    gold = gold_dir(tmp_path)
    (gold / "selftest.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    run = evaluate_fixture(fixture_store, gold)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"rikg: error: {gold / 'selftest.json'}: programs[0].funders: "
                                       "'Fond koji ne postoji' is not among the actors"]


@pytest.mark.parametrize(("field", "change", "message"), [
    ("agreements[0].parties", lambda g: g["agreements"][0]["parties"].append("Niko"), "'Niko' is not among the actors"),
    ("agreements[0].about", lambda g: g["agreements"][0].update(about="Drugi projekat"),
     "'Drugi projekat' is not among the programs"),
    ("outcomes[1].program", lambda g: g["outcomes"][1].update(program="Drugi projekat"),
     "'Drugi projekat' is not among the programs"),
    ("actors", lambda g: g.update(actors={"name": "EU"}), "must be a list, got dict"),
])
def test_other_undefined_references_name_their_field(fixture_store: Path, tmp_path: Path, field: str,
                                                      change: Any, message: str) -> None:
    bad = fixture_gold()
    change(bad)
    gold = gold_dir(tmp_path)
    (gold / "selftest.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    run = evaluate_fixture(fixture_store, gold)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"rikg: error: {gold / 'selftest.json'}: {field}: {message}"]


def test_keep_going_reports_bad_files_and_scores_the_others(fixture_store: Path, tmp_path: Path) -> None:
    undefined = {"doc": "selftest.txt", "actors": [], "programs": [{"name": "X", "funders": ["Y"]}]}
    gold = gold_dir(tmp_path, **{"a-broken.json": "{nope", "b-absent.json": {"doc": "absent.txt"},
                                 "c-undefined.json": undefined})
    out = tmp_path / "report.json"
    run = evaluate_fixture(fixture_store, gold, "--keep-going", "--json", out)
    assert run.returncode == 2   # scored, but the run is not clean
    assert run.stderr.splitlines() == [
        f"rikg: error: {gold / 'a-broken.json'}: line 1 column 2: not valid JSON "
        "(Expecting property name enclosed in double quotes)",
        f"rikg: error: {gold / 'b-absent.json'}: doc: text 'absent.txt' is not in {FIXTURE / 'texts'}",
        f"rikg: error: {gold / 'c-undefined.json'}: programs[0].funders: 'Y' is not among the actors",
    ]
    assert run.stdout.strip().splitlines()[-1] == SUMMARY    # selftest.json is scored as if alone
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["inputs"]["gold_documents"] == 1
    assert len(report["rejected"]) == 3
    for name, want in EXPECTED.items():
        assert report["metrics"][name] == pytest.approx(want), name


def test_keep_going_with_nothing_left_to_score(fixture_store: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "broken.json").write_text("[", encoding="utf-8")
    run = evaluate_fixture(fixture_store, gold, "--keep-going")
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1].startswith("rikg: error: no gold file left to score")


def test_an_unreadable_text_is_reported_and_skipped_as_build_does(fixture_store: Path, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    shutil.copytree(FIXTURE / "texts", texts)
    (texts / "latin1.txt").write_bytes("Opština Niš i Savet Evrope".encode("cp1250"))
    gold = gold_dir(tmp_path, **{"latin1.json": {"doc": "latin1.txt", "actors": [{"name": "Savet Evrope"}]}})
    out = tmp_path / "report.json"
    run = evaluate_fixture(fixture_store, gold, "--json", out, texts=texts)
    assert run.returncode == 0, run.stderr
    assert f"  skipped: {texts / 'latin1.txt'}:1:3: not UTF-8 (byte 0x9a at offset 2)" in run.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["inputs"]["gold_documents"] == 1 and report["metrics"]["actors.fn"] == 1
    assert run.stdout.strip().splitlines()[-1] == SUMMARY


def test_a_store_without_recorded_texts_needs_texts(fixture_store: Path) -> None:
    run = rikg("evaluate", "--store", fixture_store, "--gold", FIXTURE / "gold",
               "--reference", FIXTURE / "reference.csv")
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"rikg: error: the store at {fixture_store} records no source texts: "
                                       "give --texts DIR"]


def test_sources_or_store_is_required() -> None:
    run = rikg("evaluate", "--gold", FIXTURE / "gold")
    assert run.returncode == 2 and "one of the arguments --sources --store is required" in run.stderr


# -- the matching rules (the shared scorer's self-test checks) ------------------------------------------------
@pytest.mark.parametrize(("raw", "normal"), [
    ("Љубав, Њива, Џеп, Ђак, Ћуприја, Шабац, Жабаљ, Чачак", "ljubav njiva dzep djak cuprija sabac zabalj cacak"),
    ("ц\u0301е прац\u0301ењу", "ce pracenju"),            # ц + combining acute is ћ
    ("„ЕКО- АКТИВ“-\u00a0Ниш", "eko aktiv nis"),           # quotes, NBSP, dashes
])
def test_normalisation(raw: str, normal: str) -> None:
    assert normalize(raw) == normal


def test_name_variants() -> None:
    assert "nis" in name_variants("Grad Niš")
    assert "undp" in name_variants("United Nations Development Programme (UNDP)")


@pytest.mark.parametrize(("a", "b", "same"), [
    (normalize("Evropske unije"), normalize("Evropska unija"), True),     # inflection, word by word
    ("krusevca", "krusevac", True),
    ("nisu", "nis", False),                                               # short words need equality
    ("crveni krst", "gradska opstina crveni krst", True),                 # containment
    ("beograd", "novi beograd", False),                                   # containment needs two words
    ("inicijativa za inkluziju faza 1", "inicijativa za inkluziju faza 2", False),
    (normalize("Sagradimo dom zajedno – prva faza"), normalize("Sagradimo dom zajedno – druga faza"), False),
    ("savet evrope", normalize("Program sprovode Savet Evrope i Evropska unija u jedanaest opština Srbije"), False),
])
def test_names_compatible(a: str, b: str, same: bool) -> None:
    assert names_compatible(a, b) is same


def test_assignment_and_weights() -> None:
    assert assign({(0, 0): 5, (0, 1): 9, (1, 1): 5}, 2, 2) == [(0, 0), (1, 1)]   # as many pairs as possible
    assert pair_weight(100, False) > pair_weight(99.5, True)     # the better name first
    assert pair_weight(80, True) > pair_weight(80, False)        # then required over optional
    assert norm_date("2018-05-29T00:00:00Z") == "2018-05-29"


def test_the_documented_example_is_valid_gold(tmp_path: Path) -> None:
    """docs/gold-format.md's example, text and gold, scored with a fresh build (--sources)."""
    import re

    doc = (ROOT / "docs" / "gold-format.md").read_text(encoding="utf-8")
    text = re.search(r"for the text `leskovac-paketi.txt`: \*\"(.+?)\"\*", doc, re.S)
    example = re.search(r"```json\n(.+?)```", doc, re.S)
    assert text and example
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "texts" / "leskovac-paketi.txt").write_text(text.group(1).replace("\n", " ") + "\n",
                                                             encoding="utf-8")
    (tmp_path / "gold" / "leskovac-paketi.json").write_text(example.group(1), encoding="utf-8")
    out = tmp_path / "report.json"
    run = rikg("evaluate", "--sources", tmp_path / "texts", "--gold", tmp_path / "gold", "--json", out)
    assert run.returncode == 0, run.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["rejected"] == [] and report["skipped"] == [] and report["warnings"] == []
    m = report["metrics"]
    assert (m["actors.tp"] + m["actors.fn"], m["programs.tp"] + m["programs.fn"]) == (3, 1)
    assert m["outcomes.tp"] + m["outcomes.fn"] == 2 and m["provenance.exact"] == 1.0
