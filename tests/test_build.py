"""rikg build: bad source files, atomic replacement, determinism, and the invariants of the built graph."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Quad, Store

from rikg import paths
from rikg.build import build_store
from rikg.loaders.read import SourceError
from rikg.store import open_store, replacing, run_query

SOURCES = Path(paths.SOURCES_DIR)
TEXTS = sorted(SOURCES.glob("*.txt"))
BAD = {
    "bad_encoding.txt": "Dobar dan\nGrad Ni\x9a i GIZ\n".encode("latin-1"),
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01",
}


def _q(store: Store, query: str) -> list:
    return list(run_query(store, query))


def _count(store: Store, query: str) -> int:
    return int(_q(store, query)[0]["n"].value)


def _rikg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rikg.cli", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def mixed_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five texts, their metadata, and three files that cannot be read."""
    folder = tmp_path_factory.mktemp("mixed") / "sources"
    folder.mkdir()
    for f in [*TEXTS, SOURCES / "metadata.csv"]:
        shutil.copy(f, folder / f.name)
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def mixed_build(mixed_sources: Path, tmp_path_factory: pytest.TempPathFactory):
    store = tmp_path_factory.mktemp("mixed-store") / "store"
    return build_store(mixed_sources, store), store


@pytest.fixture(scope="module")
def store(built_store: Path) -> Store:
    return open_store(built_store, read_only=True)


# ---------------------------------------------------------------------------------------------
# bad files
# ---------------------------------------------------------------------------------------------

def test_bad_files_are_reported_and_the_rest_is_built(mixed_build, mixed_sources: Path) -> None:
    report, store_path = mixed_build
    assert report.documents == 5
    assert len(report.failed) == 3
    summary = report.summary()
    assert "5 documents" in summary
    assert f"{mixed_sources / 'bad_encoding.txt'}:2:8: not UTF-8" in summary
    assert f"{mixed_sources / 'empty.txt'}: empty file" in summary
    assert f"{mixed_sources / 'binary.txt'}:3:1: binary file" in summary
    store = open_store(store_path, read_only=True)
    ids = {r["id"].value for r in _q(store, "SELECT ?id WHERE { ?d a rikg:SourceDocument ; dcterms:identifier ?id }")}
    assert ids == {f.name for f in TEXTS}


def test_cli_build_with_bad_files_exits_zero_and_names_them(mixed_sources: Path, tmp_path: Path) -> None:
    r = _rikg("build", "--sources", str(mixed_sources), "--store", str(tmp_path / "store"))
    assert r.returncode == 0, r.stderr
    assert "5 documents" in r.stdout
    for name, reason in (("bad_encoding.txt", "not UTF-8"), ("empty.txt", "empty file"), ("binary.txt", "binary")):
        line = next(ln for ln in r.stdout.splitlines() if name in ln)
        assert reason in line
    assert "Traceback" not in r.stderr


def test_cli_build_strict_fails_with_one_line(mixed_sources: Path, tmp_path: Path) -> None:
    r = _rikg("build", "--sources", str(mixed_sources), "--store", str(tmp_path / "store"), "--strict")
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("rikg: error:")]
    assert len(errors) == 1 and "3" in errors[0]


def test_strict_build_that_fails_leaves_the_previous_store(mixed_sources: Path, tmp_path: Path) -> None:
    # A build that exits non-zero is a failed build: the store must stay as it was.
    two = tmp_path / "two"
    two.mkdir()
    for f in TEXTS[:2]:
        shutil.copy(f, two / f.name)
    store_path = tmp_path / "store"
    assert _rikg("build", "--sources", str(two), "--store", str(store_path)).returncode == 0
    before = len(open_store(store_path, read_only=True))
    r = _rikg("build", "--sources", str(mixed_sources), "--store", str(store_path), "--strict")
    assert r.returncode != 0
    store = open_store(store_path, read_only=True)
    assert len(store) == before
    assert _count(store, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a rikg:SourceDocument }") == 2


# ---------------------------------------------------------------------------------------------
# atomic replacement
# ---------------------------------------------------------------------------------------------

@pytest.fixture()
def previous_store(tmp_path: Path) -> tuple[Path, int]:
    store_path = tmp_path / "store"
    report = build_store(SOURCES, store_path)
    return store_path, report.triples


def test_failed_block_leaves_the_previous_store(previous_store: tuple[Path, int]) -> None:
    store_path, n = previous_store
    assert len(open_store(store_path, read_only=True)) == n
    with pytest.raises(RuntimeError, match="boom"):
        with replacing(store_path) as new:
            new.bulk_extend([Quad(q.subject, q.predicate, q.object, q.graph_name)
                             for q in open_store(store_path, read_only=True).quads_for_pattern(None, None, None)][:10])
            raise RuntimeError("boom")
    store = open_store(store_path, read_only=True)
    assert len(store) == n
    assert _count(store, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a rikg:SourceDocument }") == 5
    # No staging or retired copies are left beside it.
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["store"]


def test_build_from_a_missing_folder_leaves_the_previous_store(previous_store: tuple[Path, int],
                                                               tmp_path: Path) -> None:
    store_path, n = previous_store
    with pytest.raises(SourceError, match="no such folder"):
        build_store(tmp_path / "no-such-folder", store_path)
    assert len(open_store(store_path, read_only=True)) == n


def test_successful_build_replaces_the_store(previous_store: tuple[Path, int], tmp_path: Path) -> None:
    store_path, n = previous_store
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(TEXTS[0], one / TEXTS[0].name)
    report = build_store(one, store_path)
    assert report.documents == 1 and report.triples < n
    store = open_store(store_path, read_only=True)
    assert len(store) == report.triples
    assert _count(store, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a rikg:SourceDocument }") == 1
    assert sorted(p.name for p in store_path.parent.iterdir()) == ["one", "store"]


# ---------------------------------------------------------------------------------------------
# determinism
# ---------------------------------------------------------------------------------------------

def _iris(store: Store) -> tuple[set[str], set[str]]:
    subjects = {q.subject.value for q in store.quads_for_pattern(None, None, None) if hasattr(q.subject, "value")
                and q.subject.value.startswith("https://w3id.org/rikg/")}
    objects = {q.object.value for q in store.quads_for_pattern(None, None, None)
               if type(q.object).__name__ == "NamedNode" and q.object.value.startswith("https://w3id.org/rikg/id/")}
    return subjects, objects


def test_building_twice_gives_the_same_iris(built_store: Path, tmp_path: Path) -> None:
    build_store(SOURCES, tmp_path / "again")
    first = open_store(built_store, read_only=True)
    second = open_store(tmp_path / "again", read_only=True)
    assert _iris(first) == _iris(second)
    assert len(first) == len(second)
    assert {str(q) for q in first} == {str(q) for q in second}


# ---------------------------------------------------------------------------------------------
# invariants of the built graph
# ---------------------------------------------------------------------------------------------

def test_five_source_documents_with_their_file_names(store: Store) -> None:
    rows = _q(store, "SELECT ?d ?id WHERE { ?d a rikg:SourceDocument ; dcterms:identifier ?id }")
    assert sorted(r["id"].value for r in rows) == [f.name for f in TEXTS]
    for r in rows:
        assert r["d"].value == "https://w3id.org/rikg/id/doc/" + r["id"].value.removesuffix(".txt")


def test_every_quote_equals_the_file_text_between_its_offsets(store: Store) -> None:
    texts = {}
    for f in TEXTS:
        with open(f, encoding="utf-8", newline="") as fh:
            texts[f.name] = fh.read()
    rows = _q(store, """SELECT ?m ?id ?s ?e ?t WHERE {
        ?m oa:hasSource ?d ; oa:hasSelector ?pos, ?q .
        ?d a rikg:SourceDocument ; dcterms:identifier ?id .
        ?pos a oa:TextPositionSelector ; oa:start ?s ; oa:end ?e .
        ?q a oa:TextQuoteSelector ; oa:exact ?t }""")
    assert len(rows) > 200
    mentions = set()
    for r in rows:
        text = texts[r["id"].value]
        s, e = int(r["s"].value), int(r["e"].value)
        assert 0 <= s < e <= len(text), (r["m"].value, s, e)
        assert text[s:e] == r["t"].value, (r["m"].value, text[s:e], r["t"].value)
        assert r["t"].value.strip() == r["t"].value, r["t"].value
        mentions.add(r["m"].value)
    # One position and one quote per mention.
    assert len(mentions) == len(rows)
    all_mentions = {r["m"].value for r in _q(store, "SELECT DISTINCT ?m WHERE { ?x rikg:evidence ?m }")}
    assert all_mentions == mentions


def test_quotes_are_in_the_script_of_the_file(store: Store) -> None:
    quotes = {r["t"].value for r in _q(store, "SELECT ?t WHERE { ?q oa:exact ?t }")}
    assert "Нишу" in quotes and "GiZa" in quotes


@pytest.mark.parametrize("cls", ["Actor", "Program", "Agreement", "Outcome", "Event", "Participation"])
def test_every_fact_has_evidence(store: Store, cls: str) -> None:
    assert _count(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a rikg:{cls} }}") > 0
    missing = _q(store, f"""SELECT ?x WHERE {{ ?x a rikg:{cls}
        FILTER NOT EXISTS {{ ?x rikg:evidence ?m . ?m oa:hasSource ?d . ?d a rikg:SourceDocument .
                             ?m oa:hasSelector ?p . ?p oa:start ?s ; oa:end ?e .
                             ?m oa:hasSelector ?q . ?q oa:exact ?t }} }}""")
    assert [r["x"].value for r in missing] == []


@pytest.mark.parametrize("cls", ["Actor", "Place", "Program"])
@pytest.mark.parametrize("lang", ["sr-latn", "sr-cyrl"])
def test_every_actor_place_program_has_both_script_labels(store: Store, cls: str, lang: str) -> None:
    missing = _q(store, f"""SELECT ?x WHERE {{ ?x a rikg:{cls}
        FILTER NOT EXISTS {{ ?x rdfs:label ?l FILTER(LCASE(LANG(?l)) = "{lang}") }} }}""")
    assert [r["x"].value for r in missing] == []


def test_labels_are_in_their_script(store: Store) -> None:
    import regex

    rows = _q(store, """SELECT ?x ?l WHERE { { ?x a rikg:Actor } UNION { ?x a rikg:Place } UNION { ?x a rikg:Program }
        ?x rdfs:label ?l }""")
    for r in rows:
        lang, value = (r["l"].language or "").lower(), r["l"].value
        if lang == "sr-latn":
            assert not regex.search(r"\p{Cyrillic}", value), (r["x"].value, value)
        elif lang == "sr-cyrl":
            # Acronyms and foreign names stay Latin in Serbian Cyrillic; Serbian words do not.
            assert not regex.search(r"[čćšžđ]|\b[a-z]{3,}\b", value), (r["x"].value, value)


@pytest.mark.parametrize(("sub", "sup"), [("Organization", "Actor"), ("Person", "Actor"),
                                          ("LocalSelfGovernment", "Actor"), ("Municipality", "Place"),
                                          ("Project", "Program")])
def test_subclasses_carry_their_superclass(store: Store, sub: str, sup: str) -> None:
    assert _count(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a rikg:{sub} }}") > 0
    missing = _q(store, f"SELECT ?x WHERE {{ ?x a rikg:{sub} FILTER NOT EXISTS {{ ?x a rikg:{sup} }} }}")
    assert [r["x"].value for r in missing] == []


def test_every_ontology_subclass_instance_has_every_superclass(store: Store) -> None:
    rows = _q(store, """SELECT ?x ?sub ?sup WHERE {
        ?sub rdfs:subClassOf+ ?sup . FILTER(isIRI(?sup) && STRSTARTS(STR(?sup), STR(rikg:)))
        ?x a ?sub FILTER NOT EXISTS { ?x a ?sup } }""")
    assert [(r["x"].value, r["sub"].value, r["sup"].value) for r in rows] == []


def test_every_participation_has_its_shortcut(store: Store) -> None:
    rows = _q(store, """SELECT ?s ?p ?a ?role WHERE { ?s rikg:participation ?p .
        ?p a rikg:Participation ; rikg:agent ?a ; rikg:role ?role }""")
    assert rows
    shortcut = {"Funder": "fundedBy", "Implementer": "implementedBy", "Partner": "partner",
                "Organizer": "organizedBy", "Participant": "participant"}
    for r in rows:
        role = r["role"].value.rsplit("#", 1)[-1]
        assert role in shortcut, role
        assert bool(run_query(store, f"ASK {{ <{r['s'].value}> rikg:{shortcut[role]} <{r['a'].value}> }}")), \
            (r["s"].value, role, r["a"].value)
    # and the other way round: every program shortcut of the contract has its participation
    for role, prop in (("Funder", "fundedBy"), ("Implementer", "implementedBy"), ("Partner", "partner")):
        missing = _q(store, f"""SELECT ?s ?a WHERE {{ ?s rikg:{prop} ?a FILTER NOT EXISTS {{
            ?s rikg:participation ?p . ?p rikg:agent ?a ; rikg:role rikg:{role} }} }}""")
        assert [(r["s"].value, r["a"].value) for r in missing] == [], prop


def test_every_participation_is_well_formed(store: Store) -> None:
    n = _count(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a rikg:Participation }")
    assert n > 0
    ok = _count(store, """SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a rikg:Participation .
        { SELECT ?p WHERE { ?p rikg:agent ?a } GROUP BY ?p HAVING (COUNT(DISTINCT ?a) = 1) }
        { SELECT ?p WHERE { ?p rikg:role ?r } GROUP BY ?p HAVING (COUNT(DISTINCT ?r) = 1) }
        ?p rikg:agent ?a . ?a a rikg:Actor . ?p rikg:role ?r . ?r a skos:Concept ; skos:inScheme rikg:Roles .
        ?s rikg:participation ?p . { ?s a rikg:Program } UNION { ?s a rikg:Event } }""")
    assert ok == n


def test_summary_counts_classes(built_store: Path, tmp_path: Path) -> None:
    report = build_store(SOURCES, tmp_path / "store")
    store = open_store(tmp_path / "store", read_only=True)
    assert report.documents == 5 and not report.failed
    assert report.triples == len(store)
    for cls in ("Actor", "Place", "Program", "Participation", "SourceDocument"):
        assert report.per_class[cls] == _count(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a rikg:{cls} }}")
        assert f"{cls}" in report.summary()


def test_a_page_saved_with_its_markup_is_read_and_quoted_as_stored(tmp_path: Path) -> None:
    # A researcher's folder may hold pages saved with their markup: the graph has the program and its roles, and
    # every quote is the stored text between its offsets (character references and all).
    sources = tmp_path / "sources"
    sources.mkdir()
    text = ("<h1>Nove kuće za romske porodice</h1>\n<p>Projekat &bdquo;Siguran krov&ldquo; finansira Evropska unija,"
            "&nbsp;a sprovodi ga Grad Ni&scaron;.</p>\n")
    (sources / "page.txt").write_text(text, encoding="utf-8")
    build_store(sources, tmp_path / "store", workers=-1)
    store = open_store(tmp_path / "store", read_only=True)
    roles = {(r["p"].value, r["a"].value) for r in _q(store, """SELECT ?p ?a WHERE {
        ?x a rikg:Program ; rdfs:label ?p ; rikg:fundedBy|rikg:implementedBy ?y . ?y rdfs:label ?a
        FILTER(lang(?p) = "sr-latn" && lang(?a) = "sr-latn") }""")}
    assert roles == {("Siguran krov", "Evropska unija"), ("Siguran krov", "Grad Niš")}
    quotes = [(int(r["s"].value), int(r["e"].value), r["t"].value) for r in _q(store, """SELECT ?s ?e ?t WHERE {
        ?m oa:hasSelector ?pos, ?q . ?pos oa:start ?s ; oa:end ?e . ?q oa:exact ?t }""")]
    assert quotes and all(text[s:e] == t for s, e, t in quotes)
    assert {"Projekat &bdquo;Siguran krov&ldquo;", "Grad Ni&scaron;"} <= {t for _, _, t in quotes}
