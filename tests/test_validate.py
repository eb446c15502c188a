"""SHACL shapes (ontology/shapes.ttl) through `rikg validate`: the seed graph conforms, and each broken fixture
(tests/fixtures/shapes/, validated together with base.ttl) gives exactly the violation it was written for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rikg import paths
from rikg.shapes import SHAPES_FILE, validate_files, validate_store

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
BASE = FIXTURES / "base.ttl"


def rikg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rikg.cli", *args], capture_output=True, text=True, timeout=300)


def test_seed_graph_has_no_violation(built_store: Path) -> None:
    found = validate_store(built_store)
    assert [v.line() for v in found if v.fatal] == []
    r = rikg("validate", "--store", str(built_store))
    assert r.returncode == 0, r.stderr
    assert "shapes: 0 violation(s)" in r.stderr


def test_base_fixture_conforms() -> None:
    assert validate_files([BASE]) == []


@pytest.mark.parametrize(("fixture", "focus", "path", "message"), [
    ("outcome-without-value", "id:outcome/no-value", "rikg:value", "an Outcome needs exactly one numeric rikg:value"),
    ("role-outside-scheme", "id:participation/p--trained--giz", "rikg:role",
     "a Participation needs exactly one rikg:role, a concept of the scheme rikg:Roles (value: rikg:PeopleTrained)"),
    ("selector-start-not-before-end", "id:doc/t1/m/9-4/pos", "oa:start",
     "oa:start must be less than oa:end (value: 9)"),
    ("actor-without-cyrl-label", "id:org/undp", "rdfs:label", "needs an rdfs:label in @sr-Cyrl"),
    ("quote-without-exact", "id:doc/t1/m/4-7/quote", "oa:exact",
     "a TextQuoteSelector needs one non-empty oa:exact string"),
    ("evidence-without-position-selector", "id:doc/t1/m/4-7", "oa:hasSelector/rdf:type",
     "evidence needs an oa:TextPositionSelector"),
    ("offset-not-an-integer", "id:doc/t1/m/2-8/pos", "oa:start", "oa:start: one integer >= 0 (value: 2.5)"),
])
def test_broken_fixture_gives_its_violation(fixture: str, focus: str, path: str, message: str) -> None:
    r = rikg("validate", str(BASE), str(FIXTURES / f"{fixture}.ttl"))
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert r.stdout.splitlines() == [f"{focus}  {path}  {message}"]
    assert "Traceback" not in r.stderr
    assert "shapes: 1 violation(s), 0 warning(s)" in r.stderr


def test_agreement_without_party_is_a_warning_only() -> None:
    r = rikg("validate", str(BASE), str(FIXTURES / "agreement-without-party.ttl"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "warning: id:agreement/no-party  rikg:party  an Agreement has no rikg:party (the text may not name one)"]


def test_unparsable_file_one_line_with_position_exit_2() -> None:
    r = rikg("validate", str(FIXTURES / "unparsable.ttl"))
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rikg: error:"), r.stderr
    assert "unparsable.ttl" in lines[0] and "line 4 column 16" in lines[0], lines[0]


def test_missing_file_and_unknown_extension_exit_2(tmp_path: Path) -> None:
    r = rikg("validate", str(tmp_path / "absent.ttl"))
    assert r.returncode == 2 and "absent.ttl" in r.stderr, r.stderr
    odd = tmp_path / "graph.xyz"
    odd.write_text("x", encoding="utf-8")
    r = rikg("validate", str(odd))
    assert r.returncode == 2 and "graph.xyz" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_build_reports_the_shapes_count(tmp_path: Path) -> None:
    from rikg.build import build_store

    report = build_store(paths.SOURCES_DIR, tmp_path / "store")
    assert report.shapes.startswith("0 violation(s)")
    assert f"shapes: {report.shapes}" in report.summary()


def test_shapes_file_is_package_data() -> None:
    # pyproject ships "*.ttl" of rikg.ontology; the shapes live beside the ontology so they go with it
    assert SHAPES_FILE.parent == paths.ONTOLOGY_DIR and SHAPES_FILE.suffix == ".ttl"
    import tomllib

    pyproject = tomllib.loads((paths.ONTOLOGY_DIR.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.ttl" in pyproject["tool"]["setuptools"]["package-data"]["rikg.ontology"]
