"""Wikidata links end to end: the real build from data/sources, the reference data, and the curation
loop through the `rikg links` command with a temporary curated file."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Store

from rikg import links, paths
from rikg.build import build_store
from rikg.loaders.facts import Entity, Mention
from rikg.store import open_store

ID = "https://w3id.org/rikg/id/"
WD = "http://www.wikidata.org/entity/"
SKOS_EXACT = NamedNode("http://www.w3.org/2004/02/skos/core#exactMatch")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
ALT = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
GIZ = ID + "org/giz"
KRUSEVAC = ID + "place/krusevac"
KRUSEVAC_LSG = ID + "lsg/krusevac"


def rikg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rikg.cli", *args], capture_output=True, text=True, timeout=300,
                          check=False)


def qids_of(store: Store, iri: str) -> set[str]:
    return {q.object.value.removeprefix(WD) for q in store.quads_for_pattern(NamedNode(iri), SKOS_EXACT, None, None)}


def all_links(store: Store) -> list[tuple[str, str, str]]:
    return [(q.subject.value, q.object.value, q.graph_name.value)
            for q in store.quads_for_pattern(None, SKOS_EXACT, None, None)]


@pytest.fixture()
def curated(tmp_path: Path) -> Path:
    """A temporary copy of the project's curated file, so the tests never write the real one."""
    path = tmp_path / "curated.csv"
    shutil.copy(paths.CURATED_LINKS, path)
    return path


@pytest.fixture()
def store_dir(tmp_path: Path, curated: Path) -> Path:
    out = tmp_path / "store"
    build_store(paths.SOURCES_DIR, out, curated=curated)
    return out


def _allowed_qids(curated: Path) -> set[str]:
    with open(paths.REFERENCE_QIDS, encoding="utf-8", newline="") as f:
        allowed = {r["qid"] for r in csv.DictReader(f) if r["qid"]}
    with open(curated, encoding="utf-8", newline="") as f:
        allowed |= {r["qid"] for r in csv.DictReader(f) if r["qid"]}
    return allowed


def test_links_come_from_the_reference(store_dir: Path, curated: Path) -> None:
    store = open_store(store_dir, read_only=True)
    assert qids_of(store, KRUSEVAC) == {"Q1538019"}
    assert qids_of(store, KRUSEVAC_LSG) == {"Q1538019"}
    assert qids_of(store, GIZ) == {"Q462763"}
    found = all_links(store)
    assert len(found) > 20
    allowed = _allowed_qids(curated)
    stray = {o for _, o, _ in found if o.removeprefix(WD) not in allowed}
    assert not stray, f"QIDs in the graph that are in neither the reference nor the curated file: {stray}"
    # Every link lives in the links graph, none in the entities graph.
    assert {g for _, _, g in found} == {links.LINKS_GRAPH.value}


def test_linkset_describes_the_links(store_dir: Path) -> None:
    store = open_store(store_dir, read_only=True)
    rows = list(store.query("""
        PREFIX void: <http://rdfs.org/ns/void#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?n WHERE { GRAPH <https://w3id.org/rikg/graph/links> {
          ?ls a void:Linkset ; void:linkPredicate skos:exactMatch ;
              void:subjectsTarget <https://w3id.org/rikg/dataset> ;
              void:objectsTarget <http://www.wikidata.org/> ; void:triples ?n } }"""))
    assert len(rows) == 1
    assert int(rows[0]["n"].value) == len(all_links(store))


def test_reference_labels_one_per_language(store_dir: Path) -> None:
    store = open_store(store_dir, read_only=True)

    def labels(iri: str, pred: NamedNode = RDFS_LABEL) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for q in store.quads_for_pattern(NamedNode(iri), pred, None, None):
            out.setdefault(q.object.language.lower(), set()).add(q.object.value)
        return out

    place = labels(KRUSEVAC)
    # The place is named as a place; the reference's names of the city unit are kept as altLabels.
    assert place == {"sr-latn": {"Kruševac"}, "sr-cyrl": {"Крушевац"}, "en": {"Kruševac"}}
    alt = labels(KRUSEVAC, ALT)
    assert "Grad Kruševac" in alt["sr-latn"] and "Град Крушевац" in alt["sr-cyrl"] and "City of Kruševac" in alt["en"]
    giz = labels(GIZ)
    assert all(len(v) == 1 for v in giz.values())
    assert giz["sr-latn"] == {"Nemačka organizacija za međunarodnu saradnju"}  # organisations keep ours
    assert "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)" in labels(GIZ, ALT)["en"]
    # A query in Cyrillic finds the place by its label and by the reference label.
    for pred, text in ((RDFS_LABEL, "Крушевац"), (ALT, "Град Крушевац")):
        hits = {q.subject.value for q in store.quads_for_pattern(None, pred, Literal(text, language="sr-Cyrl"), None)}
        assert KRUSEVAC in hits


def _entity(key: str, kind: str, name: str, subtype: str = "", **kw: str) -> Entity:
    return Entity(key, kind, name, subtype, **kw)


@pytest.mark.parametrize(("ent", "qid"), [
    (_entity("place:t1", "place", "Kruševca", "city"), "Q1538019"),             # inflected
    (_entity("place:t2", "place", "Крушевац", "city"), "Q1538019"),             # Cyrillic
    (_entity("lsg:t3", "lsg", "Grad Kruševac", "city"), "Q1538019"),
    (_entity("org:t4", "org", "Савет Европе", "international_org"), "Q8908"),  # not a gazetteer key
    (_entity("org:t5", "org", "Stalna konferencija gradova i opština", "association"), None),  # NOT VERIFIED
    (_entity("place:t6", "place", "Leskovac", "city"), None),                  # NOT VERIFIED row
    (_entity("person:t7", "person", "Kruševac"), None),                         # persons never link
    (_entity("place:t8", "place", "Beograd", "city"), "Q2074197"),              # the unit, not the settlement
])
def test_reference_matching(ent: Entity, qid: str | None) -> None:
    assert links.reference_qid(ent)[0] == qid


def test_mention_surfaces_count() -> None:
    ent = _entity("org:t9", "org", "Neko ime", "ngo")
    ent.mentions.append(Mention("org", 0, 14, "Савета Европе", "Savet Evrope", "test"))
    assert links.reference_qid(ent)[0] == "Q8908"


def test_curation_replay_order(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    e = ID + "org/x"
    links.record(path, e, "Q1", "confirm", "t", "")
    links.record(path, e, "Q2", "confirm", "t", "")
    links.record(path, e, "Q1", "reject", "t", "")
    cur = links.read_curation(path)
    assert cur.confirmed[e] == ["Q2"] and (e, "Q1") in cur.rejected
    links.record(path, e, "", "none", "t", "")
    cur = links.read_curation(path)
    assert e in cur.none and e not in cur.confirmed
    links.record(path, e, "Q1", "confirm", "t", "changed my mind")
    cur = links.read_curation(path)
    assert e not in cur.none and cur.confirmed[e] == ["Q1"] and (e, "Q1") not in cur.rejected
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(links.CURATED_COLUMNS) and rows[-1]["note"] == "changed my mind"
    assert rows[0]["when"].startswith("20")


def test_curation_loop_through_the_cli(tmp_path: Path, curated: Path) -> None:
    store = tmp_path / "loop-store"

    def build() -> Store:
        r = rikg("build", "--store", str(store), "--curated", str(curated))
        assert r.returncode == 0, r.stderr
        return open_store(store, read_only=True)

    s = build()
    assert qids_of(s, GIZ) == {"Q462763"}
    del s
    r = rikg("links", "list", "--store", str(store), "--curated", str(curated))
    assert r.returncode == 0, r.stderr
    assert f"{GIZ}\t" in r.stdout and "Q462763\treference" in r.stdout

    # reject: the link is gone and is not proposed again
    r = rikg("links", "reject", GIZ, "Q462763", "--store", str(store), "--curated", str(curated),
             "--who", "tester", "--note", "test rejection")
    assert r.returncode == 0, r.stderr
    s = build()
    assert qids_of(s, GIZ) == set()
    del s
    r = rikg("links", "candidates", "--store", str(store), "--curated", str(curated), "--min-score", "0")
    assert r.returncode == 0, r.stderr
    block = _candidate_block(r.stdout, GIZ)
    assert "Q462763" not in block

    # confirm again: back, and listed as curated
    r = rikg("links", "confirm", "org/giz", "Q462763", "--store", str(store), "--curated", str(curated))
    assert r.returncode == 0, r.stderr
    s = build()
    assert qids_of(s, GIZ) == {"Q462763"}
    del s
    r = rikg("links", "list", "--store", str(store), "--curated", str(curated))
    assert "Q462763\tcurated" in r.stdout

    # none on a place removes its links (the LSG actor of the same town keeps its own)
    r = rikg("links", "none", KRUSEVAC, "--store", str(store), "--curated", str(curated), "--who", "tester")
    assert r.returncode == 0, r.stderr
    s = build()
    assert qids_of(s, KRUSEVAC) == set()
    assert qids_of(s, KRUSEVAC_LSG) == {"Q1538019"}
    del s
    r = rikg("links", "candidates", "--store", str(store), "--curated", str(curated))
    assert KRUSEVAC + "\n" not in r.stdout     # decided: no item, so no longer proposed

    with open(curated, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["entity"], r["qid"], r["decision"]) for r in rows] == [
        (GIZ, "Q462763", "reject"), (GIZ, "Q462763", "confirm"), (KRUSEVAC, "", "none")]
    assert rows[0]["who"] == "tester" and rows[0]["note"] == "test rejection"


def test_candidates_show_evidence(tmp_path: Path, curated: Path) -> None:
    """An unlinked entity gets ranked reference rows with the label pair and the reference column."""
    store = tmp_path / "cand-store"
    links.record(curated, GIZ, "Q462763", "reject", "t", "")
    build_store(paths.SOURCES_DIR, store, curated=curated)
    links.record(curated, GIZ, "Q462763", "confirm", "t", "")   # no rebuild: the store still lacks it
    r = rikg("links", "candidates", "--store", str(store), "--curated", str(curated))
    assert r.returncode == 0, r.stderr
    block = _candidate_block(r.stdout, GIZ)
    assert "Q462763" in block and "label_en" in block and "score" in block and "reference line" in block


def test_bad_input_is_a_one_line_error(tmp_path: Path, curated: Path) -> None:
    r = rikg("links", "confirm", GIZ, "462763", "--curated", str(curated), "--store", str(tmp_path / "none"))
    assert r.returncode != 0 and "QID" in r.stderr
    r = rikg("links", "list", "--curated", str(curated), "--store", str(tmp_path / "none"))
    assert r.returncode != 0 and "rikg build" in r.stderr


def _candidate_block(out: str, iri: str) -> str:
    lines = out.splitlines()
    if iri not in lines:
        return ""
    i = lines.index(iri) + 1
    block = []
    while i < len(lines) and lines[i].startswith("  "):
        block.append(lines[i])
        i += 1
    return "\n".join(block)


def test_default_build_links_only_reference_or_curated_qids(built_store: Path) -> None:
    """The session build uses the project's own curated file (data/links/curated.csv)."""
    store = open_store(built_store, read_only=True)
    allowed = _allowed_qids(paths.CURATED_LINKS)
    found = all_links(store)
    assert found and all(o.removeprefix(WD) in allowed for _, o, _ in found)


def test_curated_file_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(links.CURATED_ENV, raising=False)
    assert links.curated_path() == paths.CURATED_LINKS
    monkeypatch.setenv(links.CURATED_ENV, str(tmp_path / "env.csv"))
    assert links.curated_path() == tmp_path / "env.csv"
    assert links.curated_path(tmp_path / "arg.csv") == tmp_path / "arg.csv"   # an explicit file wins
