"""`rikg release`: byte-identical releases of the same sources, dumps that load into pyoxigraph and rdflib
with the store's counts, checksums that match, spreadsheet tables with the known rows, and the refusals
(non-empty folder, SHACL violations, interruption) that leave nothing half-written under the target name."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import RdfFormat, Store

from rikg import paths
from rikg.release import release
from rikg.release_tables import TABLES
from rikg.store import import_files, open_store

ID = "https://w3id.org/rikg/id/"
RIKG = "https://w3id.org/rikg/ontology#"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def rikg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rikg.cli", *args], capture_output=True, text=True, timeout=300)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def released(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("release") / "rikg-1.0"
    r = rikg("release", str(folder), "--store", str(built_store), "--version", "1.0")
    assert r.returncode == 0, r.stderr
    assert "released" in r.stdout
    return folder


def test_same_sources_give_byte_identical_releases(released: Path, tmp_path: Path) -> None:
    # A second, independent build of the same sources, released with the same version.
    from rikg.build import build_store

    build_store(paths.SOURCES_DIR, tmp_path / "store")
    release(tmp_path / "again", tmp_path / "store", version="1.0")
    first, second = files_of(released), files_of(tmp_path / "again")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert {"rikg.nq", "rikg.nq.gz", "rikg.trig", "rikg.trig.gz", "rikg.ttl", "rikg.ttl.gz", "rikg.jsonld",
            "rikg.jsonld.gz", "ontology/rikg.ttl", "ontology/index.html", "description.ttl", "README.md",
            "CITATION.cff", "tables/csv-metadata.json", "tables/programs.csv", "tables/actors.csv",
            "tables/roles.csv", "tables/agreements.csv", "tables/outcomes.csv"} <= set(first)


def test_dumps_load_with_the_store_counts(released: Path, built_store: Path) -> None:
    store = open_store(built_store, read_only=True)
    quads = len(store)
    triples = len({q.triple for q in store})
    for name, fmt in (("rikg.nq", RdfFormat.N_QUADS), ("rikg.trig", RdfFormat.TRIG),
                      ("rikg.jsonld", RdfFormat.JSON_LD)):
        loaded = Store()
        loaded.load(path=str(released / name), format=fmt)
        assert len(loaded) == quads, name
    union = Store()
    union.load(path=str(released / "rikg.ttl"), format=RdfFormat.TURTLE)
    assert len(union) == triples
    ds = rdflib.Dataset()
    ds.parse(released / "rikg.trig", format="trig")
    assert len(list(ds.quads((None, None, None, None)))) == quads
    assert len(rdflib.Graph().parse(released / "rikg.ttl", format="turtle")) == triples
    nq = (released / "rikg.nq").read_text(encoding="utf-8").splitlines()
    assert len(nq) == quads  # one line per quad
    assert "_:" not in (released / "rikg.nq").read_text(encoding="utf-8")


def test_gzip_copies_are_the_plain_files(released: Path) -> None:
    for gz in released.glob("*.gz"):
        raw = gz.read_bytes()
        assert raw[4:8] == b"\0\0\0\0", gz  # mtime 0
        assert gzip.decompress(raw) == (released / gz.name.removesuffix(".gz")).read_bytes()


def _description(released: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(released / "description.ttl", format="turtle")


def test_checksums_and_sizes_match_the_files(released: Path) -> None:
    g = _description(released)
    described = {}
    for dist in g.subjects(rdflib.RDF.type, DCAT.Distribution):
        name = str(g.value(dist, DCT.identifier))
        checksum = g.value(dist, SPDX.checksum)
        described[name] = (str(g.value(checksum, SPDX.checksumValue)), int(g.value(dist, DCAT.byteSize)))
    on_disk = {name: (hashlib.sha256(data).hexdigest(), len(data))
               for name, data in files_of(released).items() if name != "description.ttl"}
    assert described == on_disk


def test_description_dataset_provenance_and_void(released: Path, built_store: Path) -> None:
    g = _description(released)
    ds = rdflib.URIRef("https://w3id.org/rikg/release/1.0")
    assert (ds, rdflib.RDF.type, DCAT.Dataset) in g and (ds, rdflib.RDF.type, VOID.Dataset) in g
    assert str(g.value(ds, DCT.issued)) == "2023-03-30"  # the newest date in data/sources/metadata.csv
    assert str(g.value(ds, DCT.license)) == "https://creativecommons.org/licenses/by/4.0/"
    assert str(g.value(ds, DCAT.version)) == "1.0"
    activity = g.value(ds, PROV.wasGeneratedBy)
    used = {str(g.value(doc, DCT.identifier)): str(g.value(g.value(doc, SPDX.checksum), SPDX.checksumValue))
            for doc in g.objects(activity, PROV.used)}
    expected = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths.SOURCES_DIR.glob("*.txt")}
    assert used == expected
    store = open_store(built_store, read_only=True)
    for graph in store.named_graphs():
        n = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        assert int(g.value(rdflib.URIRef(graph.value), VOID.triples)) == n, graph
    assert int(g.value(ds, VOID.triples)) == len({q.triple for q in store})
    assert (ds, VOID.subset, rdflib.URIRef("https://w3id.org/rikg/graph/links")) in g
    assert "_:" not in (released / "description.ttl").read_text(encoding="utf-8")


def read_table(released: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(released / "tables" / f"{name}.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def test_tables_columns_and_known_rows(released: Path) -> None:
    for table in TABLES:
        header, rows = read_table(released, table.name)
        assert header == [c.name for c in table.columns], table.name
        assert rows, table.name
    _, roles = read_table(released, "roles")
    giz = [r for r in roles if r["actor"] == ID + "org/giz" and r["role"] == RIKG + "Implementer"]
    assert ID + "program/inkluzija-roma-i-drugih-marginalizovanih-grupa-u-srbiji" in {r["program"] for r in giz}
    _, programs = read_table(released, "programs")
    program = next(r for r in programs if r["iri"].endswith("/inkluzija-roma-i-drugih-marginalizovanih-grupa-u-srbiji"))
    assert program["label_sr_latn"] == "Inkluzija Roma i drugih marginalizovanih grupa u Srbiji"
    assert program["label_sr_cyrl"] == "Инклузија Рома и других маргинализованих група у Србији"
    assert ID + "org/giz" in program["implementers"].split(";")
    _, actors = read_table(released, "actors")
    assert all(a["label_sr_latn"] and a["label_sr_cyrl"] for a in actors)


def test_evidence_quotes_are_the_source_text(released: Path) -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in paths.SOURCES_DIR.glob("*.txt")}
    checked = 0
    for table in TABLES:
        for row in read_table(released, table.name)[1]:
            if row["evidence_file"]:
                text = texts[row["evidence_file"]]
                assert text[int(row["evidence_start"]):int(row["evidence_end"])] == row["evidence_quote"], row
                checked += 1
    assert checked > 100


def test_csvw_metadata_describes_the_tables(released: Path) -> None:
    meta = json.loads((released / "tables" / "csv-metadata.json").read_text(encoding="utf-8"))
    assert meta["@context"][0] == "http://www.w3.org/ns/csvw" and meta["@type"] == "TableGroup"
    for table in meta["tables"]:
        header, _ = read_table(released, table["url"].removesuffix(".csv"))
        assert [c["name"] for c in table["tableSchema"]["columns"]] == header
        assert all(c["datatype"] in {"string", "anyURI", "integer", "decimal"} for c in table["tableSchema"]["columns"])


def test_readme_citation_and_ontology_page(released: Path) -> None:
    readme = (released / "README.md").read_text(encoding="utf-8")
    for tool in ("Oxigraph", "Fuseki", "Virtuoso", "rdflib"):
        assert tool in readme
    cff = (released / "CITATION.cff").read_text(encoding="utf-8")
    assert 'version: "1.0"' in cff and 'date-released: "2023-03-30"' in cff and "license: CC-BY-4.0" in cff
    assert (released / "ontology" / "rikg.ttl").read_bytes() == paths.ONTOLOGY_FILE.read_bytes()
    html = (released / "ontology" / "index.html").read_text(encoding="utf-8")
    assert 'id="Participation"' in html or 'id="Actor"' in html
    assert 'href="/' not in html  # server paths rewritten for a folder on disk


def test_non_empty_folder_refused_then_force(built_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "rel"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    r = rikg("release", str(target), "--store", str(built_store))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [f"rikg: error: {target}: folder exists and is not empty "
                                             "(use --force to replace it)"]
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    r = rikg("release", str(target), "--store", str(built_store), "--force")
    assert r.returncode == 0, r.stderr
    assert not (target / "notes.txt").exists() and (target / "rikg.nq").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rel"]  # no staging or retired folder left


def test_graph_with_violations_is_refused(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store", create=True)
    import_files(store, [SHAPES / "base.ttl", SHAPES / "outcome-without-value.ttl"])
    del store
    r = rikg("release", str(tmp_path / "rel"), "--store", str(tmp_path / "store"), "--date", "2024-01-01")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines[0] == "id:outcome/no-value  rikg:value  an Outcome needs exactly one numeric rikg:value"
    assert lines[-1].startswith("rikg: error: release refused: 1 SHACL violation(s)")
    assert not (tmp_path / "rel").exists()


def test_blank_nodes_become_the_same_skolem_iris(tmp_path: Path) -> None:
    # Parsers name blank nodes at random: two stores loaded from one file must still release identically.
    data = tmp_path / "extra.ttl"
    data.write_text('<https://example.org/a> <https://example.org/p> [ <https://example.org/q> "x" ; '
                    '<https://example.org/r> [ <https://example.org/q> "y" ] ] .\n', encoding="utf-8")
    out = []
    for name in ("one", "two"):
        store = open_store(tmp_path / name, create=True)
        import_files(store, [data], "https://example.org/graph")
        del store
        release(tmp_path / f"rel-{name}", tmp_path / name, version="t", date="2024-01-01")
        out.append(files_of(tmp_path / f"rel-{name}"))
    assert out[0] == out[1]
    nq = out[0]["rikg.nq"].decode()
    assert "_:" not in nq and nq.count("https://w3id.org/rikg/.well-known/genid/") == 5


def test_bad_date_refused(built_store: Path, tmp_path: Path) -> None:
    r = rikg("release", str(tmp_path / "rel"), "--store", str(built_store), "--date", "30.03.2023")
    assert r.returncode == 1 and "--date" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "rel").exists()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_release_leaves_no_folder_under_the_target_name(built_store: Path, tmp_path: Path,
                                                                   sig: signal.Signals) -> None:
    target = tmp_path / "rel"
    proc = subprocess.Popen([sys.executable, "-m", "rikg.cli", "release", str(target), "--store", str(built_store)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    staged = None
    while time.monotonic() < deadline and staged is None:
        # interrupt once the staging folder has its first dump: mid-way through writing
        staged = next((p for p in tmp_path.glob(".rel.partial-*") if (p / "rikg.nq").exists()), None)
        time.sleep(0.02)
    assert staged is not None, "the release never started writing"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert not target.exists()
    if sig == signal.SIGINT:  # Ctrl-C: the release removes its own staging folder
        assert list(tmp_path.iterdir()) == []
    else:  # SIGKILL cannot be caught: the next release to that target clears the dead staging folder
        release(target, built_store, version="after-kill")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["rel"]
