"""The `rikg` command as a user runs it: `python -m rikg.cli ...` in a subprocess, on a real store."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib
from conftest import assert_one_line_error
from pyoxigraph import NamedNode

from rikg import paths
from rikg.store import open_store

COUNT_DOCS = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a rikg:SourceDocument }"
CONSTRUCT_DOCS = "CONSTRUCT { ?d a rikg:SourceDocument } WHERE { ?d a rikg:SourceDocument }"
RIKG = "https://w3id.org/rikg/ontology#"
GRAPH = "https://w3id.org/rikg/graph/doc/"
STEMS = sorted(p.stem for p in Path(paths.SOURCES_DIR).glob("*.txt"))


def rikg(*args: str, input: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rikg.cli", *args], capture_output=True, text=True,
                          input=input, timeout=300, env=env)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    store = tmp_path_factory.mktemp("cli") / "store"
    r = rikg("build", "--store", str(store))
    return store, r


@pytest.fixture(scope="module")
def store(build: tuple[Path, subprocess.CompletedProcess]) -> str:
    return str(build[0])


def test_build_prints_a_summary(build: tuple[Path, subprocess.CompletedProcess]) -> None:
    path, r = build
    assert r.returncode == 0, r.stderr
    assert "5 documents" in r.stdout
    for cls in ("SourceDocument", "Actor", "Place", "Program", "Participation"):
        assert cls in r.stdout
    assert "Traceback" not in r.stderr
    assert len(open_store(path, read_only=True)) > 1000


def test_build_default_store_from_env(tmp_path: Path) -> None:
    env = {**os.environ, "RIKG_STORE": str(tmp_path / "env-store")}
    r = rikg("build", env=env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "env-store").is_dir()
    q = rikg("query", COUNT_DOCS, "--format", "csv", env=env)
    assert q.stdout.split() == ["n", "5"]


# ---------------------------------------------------------------------------------------------
# query
# ---------------------------------------------------------------------------------------------

def test_query_json(store: str) -> None:
    r = rikg("query", "--store", store, COUNT_DOCS, "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["head"]["vars"] == ["n"]
    assert [b["n"]["value"] for b in data["results"]["bindings"]] == ["5"]


def test_query_default_format_is_json(store: str) -> None:
    r = rikg("query", "--store", store, COUNT_DOCS)
    assert json.loads(r.stdout)["results"]["bindings"][0]["n"]["value"] == "5"


def test_query_xml(store: str) -> None:
    r = rikg("query", "--store", store, COUNT_DOCS, "--format", "xml")
    assert r.returncode == 0, r.stderr
    root = ET.fromstring(r.stdout)
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    assert [b.findtext("s:literal", namespaces=ns) for b in root.iterfind(".//s:binding", ns)] == ["5"]


def test_query_csv(store: str) -> None:
    r = rikg("query", "--store", store, COUNT_DOCS, "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert list(csv.reader(io.StringIO(r.stdout))) == [["n"], ["5"]]


def test_query_tsv(store: str) -> None:
    r = rikg("query", "--store", store, COUNT_DOCS, "--format", "tsv")
    assert r.returncode == 0, r.stderr
    rows = [ln.split("\t") for ln in r.stdout.strip().splitlines()]
    assert rows[0] == ["?n"]
    assert rows[1][0] in ("5", '"5"^^<http://www.w3.org/2001/XMLSchema#integer>')


def test_query_from_file(store: str, tmp_path: Path) -> None:
    f = tmp_path / "q.rq"
    f.write_text(COUNT_DOCS, encoding="utf-8")
    r = rikg("query", "--store", store, "--file", str(f), "--format", "csv")
    assert r.stdout.split() == ["n", "5"]


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("ttl", "turtle"), ("nt", "nt")])
def test_query_construct(store: str, fmt: str, rdflib_format: str) -> None:
    r = rikg("query", "--store", store, CONSTRUCT_DOCS, "--format", fmt)
    assert r.returncode == 0, r.stderr
    g = rdflib.Graph().parse(data=r.stdout, format=rdflib_format)
    docs = set(g.subjects(rdflib.RDF.type, rdflib.URIRef(RIKG + "SourceDocument")))
    assert len(g) == 5 and len(docs) == 5
    assert {str(d) for d in docs} == {f"https://w3id.org/rikg/id/doc/{s}" for s in STEMS}


def test_query_ask(store: str) -> None:
    r = rikg("query", "--store", store, "ASK { ?d a rikg:SourceDocument }", "--format", "json")
    assert json.loads(r.stdout)["boolean"] is True


@pytest.mark.parametrize("query", ["SELEC ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { ?x ?p }",
                                   "SELECT ?x WHERE { ?x undefined:p ?o }"])
def test_malformed_query_is_one_line(store: str, query: str) -> None:
    assert_one_line_error(rikg("query", "--store", store, query))


def test_unknown_format_is_one_line(store: str) -> None:
    assert_one_line_error(rikg("query", "--store", store, COUNT_DOCS, "--format", "yaml"), "yaml")


def test_graph_format_for_select_is_one_line(store: str) -> None:
    assert_one_line_error(rikg("query", "--store", store, COUNT_DOCS, "--format", "ttl"))


def test_missing_store_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "no-store"
    line = assert_one_line_error(rikg("query", "--store", str(missing), COUNT_DOCS), str(missing))
    assert "store" in line
    assert not missing.exists()
    assert_one_line_error(rikg("export", "--store", str(missing)), str(missing))
    assert_one_line_error(rikg("explain", "--store", str(missing), "org/giz"), str(missing))


def test_missing_query_file_is_one_line(store: str, tmp_path: Path) -> None:
    assert_one_line_error(rikg("query", "--store", store, "--file", str(tmp_path / "none.rq")), "none.rq")


def test_build_from_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    r = rikg("build", "--sources", str(tmp_path / "no-such-folder"), "--store", str(tmp_path / "store"))
    assert_one_line_error(r, "no-such-folder")
    assert not (tmp_path / "store").exists()


# ---------------------------------------------------------------------------------------------
# export
# ---------------------------------------------------------------------------------------------

@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_export_nq_keeps_one_graph_per_document(store: str, tmp_path: Path) -> None:
    out = tmp_path / "all.nq"
    r = rikg("export", "--store", store, "--format", "nq", "--output", str(out))
    assert r.returncode == 0, r.stderr
    ds = rdflib.Dataset()
    ds.parse(out, format="nquads")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert {GRAPH + s for s in STEMS} <= graphs
    assert sum(1 for g in graphs if g.startswith(GRAPH)) == 5
    for s in STEMS:
        g = ds.graph(rdflib.URIRef(GRAPH + s))
        assert (rdflib.URIRef(f"https://w3id.org/rikg/id/doc/{s}"), rdflib.RDF.type,
                rdflib.URIRef(RIKG + "SourceDocument")) in g
    assert sum(len(ds.graph(rdflib.URIRef(g))) for g in graphs) == len(open_store(Path(store), read_only=True))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_export_trig_keeps_named_graphs(store: str) -> None:
    r = rikg("export", "--store", store, "--format", "trig")
    assert r.returncode == 0, r.stderr
    ds = rdflib.Dataset()
    ds.parse(data=r.stdout, format="trig")
    assert {GRAPH + s for s in STEMS} <= {str(g.identifier) for g in ds.graphs()}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize(("fmt", "rdflib_format"), [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_export_parses_with_rdflib(store: str, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    out = tmp_path / f"all.{fmt}"
    r = rikg("export", "--store", store, "--format", fmt, "--output", str(out))
    assert r.returncode == 0, r.stderr
    if fmt == "jsonld":
        ds = rdflib.Dataset()
        ds.parse(out, format=rdflib_format)
        triples = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    else:
        triples = set(rdflib.Graph().parse(out, format=rdflib_format))
    docs = {s for s, p, o in triples if p == rdflib.RDF.type and o == rdflib.URIRef(RIKG + "SourceDocument")}
    assert len(docs) == 5
    assert (rdflib.URIRef("https://w3id.org/rikg/id/org/giz"), rdflib.RDF.type,
            rdflib.URIRef(RIKG + "Organization")) in triples


def test_export_one_graph(store: str) -> None:
    graph = GRAPH + STEMS[1]
    r = rikg("export", "--store", store, "--format", "nt", "--graph", graph)
    assert r.returncode == 0, r.stderr
    g = rdflib.Graph().parse(data=r.stdout, format="nt")
    docs = set(g.subjects(rdflib.RDF.type, rdflib.URIRef(RIKG + "SourceDocument")))
    assert {str(d) for d in docs} == {f"https://w3id.org/rikg/id/doc/{STEMS[1]}"}
    oxi = open_store(Path(store), read_only=True)
    assert len(g) == len(list(oxi.quads_for_pattern(None, None, None, NamedNode(graph))))
    nq = rikg("export", "--store", store, "--format", "nq", "--graph", graph)
    assert all(line.rstrip().endswith(f"<{graph}> .") for line in nq.stdout.splitlines() if line.strip())


def test_export_unknown_graph_and_format_are_one_line(store: str) -> None:
    assert_one_line_error(rikg("export", "--store", store, "--graph", "https://example.org/none"), "example.org/none")
    assert_one_line_error(rikg("export", "--store", store, "--format", "yaml"), "yaml")


def test_export_to_a_closed_pipe_has_no_traceback(store: str) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "rikg.cli", "export", "--store", store, "--format", "nt"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # as `rikg export | head` does
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err, err


# ---------------------------------------------------------------------------------------------
# import
# ---------------------------------------------------------------------------------------------

@pytest.fixture()
def rw_store(store: str, tmp_path: Path) -> Path:
    """A private copy of the built store, for imports."""
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    return copy


def test_import_ttl_into_a_graph(rw_store: Path, tmp_path: Path) -> None:
    f = tmp_path / "extra.ttl"
    f.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c , ex:d .\n", encoding="utf-8")
    before = len(open_store(rw_store, read_only=True))
    r = rikg("import", str(f), "--graph", "https://example.org/g", "--store", str(rw_store))
    assert r.returncode == 0, r.stderr
    assert "2" in r.stdout
    assert len(open_store(rw_store, read_only=True)) == before + 2
    out = rikg("export", "--store", str(rw_store), "--format", "nq", "--graph", "https://example.org/g")
    assert sorted(out.stdout.strip().splitlines()) == [
        "<https://example.org/a> <https://example.org/b> <https://example.org/c> <https://example.org/g> .",
        "<https://example.org/a> <https://example.org/b> <https://example.org/d> <https://example.org/g> .",
    ]
    q = rikg("query", "--store", str(rw_store), "--format", "csv",
             "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/g> { ?s ?p ?o } }")
    assert q.stdout.split() == ["n", "2"]


BROKEN_TTL = "@prefix ex: <https://example.org/> .\nex:x ex:y ex:z .\nex:d ex:e \"unterminated .\n"


def test_import_broken_ttl_adds_nothing(rw_store: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text(BROKEN_TTL, encoding="utf-8")
    before = len(open_store(rw_store, read_only=True))
    r = rikg("import", str(bad), "--graph", "https://example.org/g", "--store", str(rw_store))
    assert_one_line_error(r, str(bad))
    assert len(open_store(rw_store, read_only=True)) == before


def test_import_with_one_broken_file_among_several_adds_nothing(rw_store: Path, tmp_path: Path) -> None:
    # A command that fails changes nothing, not even the files before the broken one.
    good = tmp_path / "good.ttl"
    good.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\n", encoding="utf-8")
    bad = tmp_path / "broken.ttl"
    bad.write_text(BROKEN_TTL, encoding="utf-8")
    before = len(open_store(rw_store, read_only=True))
    r = rikg("import", str(good), str(bad), "--store", str(rw_store))
    assert_one_line_error(r, str(bad))
    assert len(open_store(rw_store, read_only=True)) == before


def test_import_unknown_extension_and_missing_file(rw_store: Path, tmp_path: Path) -> None:
    f = tmp_path / "data.yaml"
    f.write_text("a: b\n", encoding="utf-8")
    before = len(open_store(rw_store, read_only=True))
    assert_one_line_error(rikg("import", str(f), "--store", str(rw_store)), "data.yaml")
    assert_one_line_error(rikg("import", str(tmp_path / "none.ttl"), "--store", str(rw_store)), "none.ttl")
    assert len(open_store(rw_store, read_only=True)) == before


# ---------------------------------------------------------------------------------------------
# explain
# ---------------------------------------------------------------------------------------------

def test_explain_giz(store: str) -> None:
    r = rikg("explain", "--store", store, "https://w3id.org/rikg/id/org/giz")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "<https://w3id.org/rikg/id/org/giz>"
    rules = [ln.strip() for ln in lines if ln.strip().startswith("rule:")]
    assert rules and any("gazetteer:org:giz" in ln for ln in rules)
    sentences = [ln for ln in lines if "[" in ln and "]:" in ln]
    assert any("GIZ" in ln for ln in sentences)
    assert any("[GiZa]" in ln for ln in sentences)
    # The short form of the IRI works too.
    short = rikg("explain", "--store", store, "org/giz")
    assert short.stdout == r.stdout


def test_explain_unknown_iri_is_one_line(store: str) -> None:
    assert_one_line_error(rikg("explain", "--store", store, "https://w3id.org/rikg/id/org/no-such-org"),
                          "no-such-org")


# ---------------------------------------------------------------------------------------------
# help
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [[], ["build"], ["import"], ["serve"], ["query"], ["export"], ["explain"],
                                     ["links"]])
def test_help(command: list[str]) -> None:
    r = rikg(*command, "--help")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("usage: rikg")
    assert "Traceback" not in r.stderr


def test_no_command_is_a_usage_error() -> None:
    r = rikg()
    assert r.returncode == 2
    assert "usage: rikg" in r.stderr and "Traceback" not in r.stderr
