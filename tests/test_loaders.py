"""Unit tests of the loader stages: normalise (offset map, transliteration), dates, numbers, reading,
and entity resolution across documents and scripts on small texts written for the tests."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Store

from rikg import paths
from rikg.loaders.dates import complete_partial, find_dates, publication_date, relative_date_spans
from rikg.loaders.normalise import fold, normalise
from rikg.loaders.numbers import find_quantities
from rikg.loaders.pipeline import process_file
from rikg.loaders.read import SourceError, read_source
from rikg.loaders.tokens import tokenize
from rikg.store import run_query

ID = "https://w3id.org/rikg/id/"
SOURCE_FILES = sorted(Path(paths.SOURCES_DIR).glob("*.txt"))


def _original(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


# ---------------------------------------------------------------------------------------------
# normalise: Latin working copy with an exact map back to the original code points
# ---------------------------------------------------------------------------------------------

def test_there_are_five_source_texts() -> None:
    assert len(SOURCE_FILES) == 5


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.name)
def test_offset_map_is_monotonic_and_complete(path: Path) -> None:
    original = _original(path)
    norm = normalise(original)
    assert norm.original == original
    assert len(norm.starts) == len(norm.text) + 1
    assert norm.starts[0] == 0
    assert norm.starts[-1] == len(original)
    assert all(a <= b for a, b in zip(norm.starts, norm.starts[1:], strict=False))
    assert norm.span(0, len(norm.text)) == (0, len(original))
    assert norm.quote(0, len(norm.text)) == original
    assert "\n" in norm.text and norm.text.count("\n") == original.count("\n")


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.name)
def test_random_spans_map_back_to_the_original(path: Path) -> None:
    original = _original(path)
    norm = normalise(original)
    work = norm.text
    # Working offsets where an original cluster begins (a span may only start/end there).
    bounds = [i for i in range(len(work) + 1) if i == 0 or i == len(work) or norm.starts[i] != norm.starts[i - 1]]
    rng = random.Random(path.name)
    for _ in range(400):
        a, b = sorted(rng.sample(bounds, 2))
        s, e = norm.span(a, b)
        assert 0 <= s <= e <= len(original)
        assert norm.quote(a, b) == original[s:e]
        # Normalising the quoted original gives back the working span (case aside: Љ is LJ or Lj by context).
        assert normalise(original[s:e]).text.lower() == work[a:b].lower()
    # Single working characters: their quote is one original cluster that normalises to them.
    for _ in range(400):
        i = rng.randrange(len(work))
        s, e = norm.span(i, i + 1)
        assert e > s
        assert work[i].lower() in normalise(original[s:e]).text.lower()


def test_a_page_saved_with_its_markup_reads_as_a_browser_shows_it() -> None:
    # character references and tags of a saved web page: decoded and dropped in the working copy, every working
    # character still maps to its original offset, so quotes are the stored text
    original = "<h1>Нове куће</h1><p>Пројекат &#8222;Кров&#8220; финансира Град Ни&scaron;,&nbsp;а <b>ЕУ</b>.</p>"
    norm = normalise(original)
    assert norm.text == "\nNove kuće\n\nProjekat „Krov“ finansira Grad Niš, a EU.\n"
    assert norm.starts[-1] == len(original)
    assert all(a <= b for a, b in zip(norm.starts, norm.starts[1:], strict=False))
    i = norm.text.index("„Krov“")
    assert norm.quote(i, i + len("„Krov“")) == "&#8222;Кров&#8220;"
    i = norm.text.index("Niš")
    assert norm.quote(i, i + 3) == "Ни&scaron;"
    # decoded once: "&amp;lt;" shows as "&lt;"; an unknown reference stays as written
    assert normalise("a &amp;lt; b &foo; c").text == "a &lt; b &foo; c"


def test_combining_acute_stand_in_becomes_c_acute() -> None:
    original = "у прац\u0301ењу и повец\u0301ању"
    norm = normalise(original)
    assert norm.text == "u praćenju i povećanju"
    i = norm.text.index("ć")
    assert norm.span(i, i + 1) == (5, 7)
    assert norm.quote(i, i + 1) == "ц\u0301"
    w0 = norm.text.index("praćenju")
    assert norm.quote(w0, w0 + len("praćenju")) == "прац\u0301ењу"
    assert normalise("Ц\u0301уприја").text == "Ćuprija"


def test_combining_stand_in_in_the_real_source() -> None:
    path = next(p for p in SOURCE_FILES if p.name.startswith("004_"))
    original = _original(path)
    assert "ц\u0301" in original
    norm = normalise(original)
    assert "\u0301" not in norm.text and "praćenju" in norm.text and "povećanje" in norm.text
    w = norm.text.index("praćenju")
    s, e = norm.span(w, w + len("praćenju"))
    assert original[s:e] == "прац\u0301ењу"


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("ЉУБЉАНА", "LJUBLJANA"),
    ("Љубљана", "Ljubljana"),
    ("ЊЕГОШ", "NJEGOŠ"),
    ("Његош", "Njegoš"),
    ("ЏАМИЈА", "DŽAMIJA"),
    ("Ђорђе Ћирић, Џеп, Жабаљ, Шабац, Чачак", "Đorđe Ćirić, Džep, Žabalj, Šabac, Čačak"),
    ("Градска општина Црвени Крст", "Gradska opština Crveni Krst"),
    ("абвгдђежзијклљмнњопрстћуфхцчџш", "abvgdđežzijklljmnnjoprstćufhcčdžš"),
])
def test_cyrillic_to_latin(cyrillic: str, latin: str) -> None:
    norm = normalise(cyrillic)
    assert norm.text == latin
    assert norm.quote(0, len(norm.text)) == cyrillic


def test_uppercase_digraph_offsets() -> None:
    norm = normalise("у ЉУБЉАНИ")
    assert norm.text == "u LJUBLJANI"
    assert norm.span(2, 11) == (2, 9)
    # "LJ" are two working characters of one original letter.
    assert norm.span(2, 3) == (2, 3) and norm.span(2, 4) == (2, 3)
    assert norm.quote(2, 4) == "Љ"


def test_nbsp_becomes_space_and_offsets_stay() -> None:
    original = "Grad\u00a0Niš\u202fi\u00a0GIZ"
    norm = normalise(original)
    assert norm.text == "Grad Niš i GIZ"
    assert norm.starts[:-1] == tuple(range(len(original)))
    assert norm.quote(5, 8) == "Niš"


def test_zero_width_characters_are_dropped_with_exact_offsets() -> None:
    original = "Ro\u00admi i GI\u200bZ"
    norm = normalise(original)
    assert norm.text == "Romi i GIZ"
    w = norm.text.index("GIZ")
    assert norm.quote(w, w + 3) == "GI\u200bZ"
    assert norm.quote(0, 4) == "Ro\u00admi"


def test_fold_is_script_and_case_blind() -> None:
    assert fold("Нишу") == fold("nišu") == "nisu"
    assert fold("Đorđe") == "djordje"
    assert fold("„Klub za zapošljavanje Roma“") == fold("„КЛУБ ЗА ЗАПОШЉАВАЊЕ РОМА“")


# ---------------------------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------------------------

def _dates(text: str) -> list[tuple[str, str, str]]:
    w = normalise(text).text
    return [(d.value, d.role, w[d.start:d.end]) for d in find_dates(w)]


def test_numeric_date_with_godine_cyrillic() -> None:
    assert _dates("конференцију дана 13.11.2020. године преко ЗООМ платформе") == [
        ("2020-11-13", "point", "13.11.2020.")]


def test_day_month_name_year_cyrillic() -> None:
    assert _dates("потписивањем Протокола о сарадњи 29. маја 2018. године у Београду") == [
        ("2018-05-29", "point", "29. maja 2018.")]


def test_day_month_name_year_latin() -> None:
    assert [v for v, _, _ in _dates("potpisan 1. maja 2017. godine")] == ["2017-05-01"]


def test_month_range_without_year_stays_month_precision() -> None:
    assert _dates("od juna do septembra angažovana su 32 lica") == [
        ("--06", "from", "od juna"), ("--09", "to", "do septembra")]
    # Cyrillic likewise.
    assert [(v, r) for v, r, _ in _dates("од јуна до септембра")] == [("--06", "from"), ("--09", "to")]
    # A year is only taken from a stated publication date.
    assert complete_partial("--06", "2023-03-30") == "2023-06"
    assert complete_partial("--06", None) is None


def test_month_range_takes_the_year_of_its_end() -> None:
    assert [(v, r) for v, r, _ in _dates("od juna do septembra 2021. godine")] == [
        ("2021-06", "from"), ("2021-09", "to")]


def test_a_range_of_days_takes_the_month_and_year_of_its_end() -> None:
    assert [(v, r) for v, r, _ in _dates("od 23.9. do 25.9.2022. održan je sastanak")] == [
        ("2022-09-23", "from"), ("2022-09-25", "to")]
    assert [(v, r) for v, r, _ in _dates("у периоду од 3. до 9. октобра 2018. године")] == [
        ("2018-10-03", "from"), ("2018-10-09", "to")]
    # a start after the end is no range start
    assert [(v, r) for v, r, _ in _dates("od 15. do 3. aprila 2020")] == [("2020-04-03", "to")]


def test_a_weekday_with_its_date_written_out_is_not_counted_from_the_dateline() -> None:
    assert [d.value for d in relative_date_spans("U subotu, 26.2.2022. održan je seminar", "2022-03-07")] == []
    assert [d.value for d in relative_date_spans("U subotu je održan seminar", "2022-03-07")] == ["2022-03-05"]


def test_a_day_glued_to_its_month_name() -> None:
    assert [(v, r) for v, r, _ in _dates("U utorak, 14.novembra 2023. godine potpisani su ugovori")] == [
        ("2023-11-14", "point")]


def test_a_headline_ending_with_its_place_and_date_is_the_dateline() -> None:
    text = ("Uručenje ugovora koordinatorima – Novi Sad 29.08.2023.godine\n\nposted in: Vesti\n\n"
            "Sekretar je danas uručio ugovore.")
    assert publication_date(text) == "2023-08-29"


def test_until_month_year() -> None:
    assert [(v, r) for v, r, _ in _dates("Planirane aktivnosti su do decembra 2020. godine")] == [("2020-12", "to")]


def test_period_from_year_to_end_of_year() -> None:
    assert [(v, r) for v, r, _ in _dates("u periodu od 2018. do kraja 2021. godine")] == [
        ("2018", "from"), ("2021", "to")]


@pytest.mark.parametrize(("text", "value"), [
    ("u oktobru 2018", "2018-10"),
    ("od 2017. godine", "2017"),
    ("28/02/2019", "2019-02-28"),
    ("2019-02-28", "2019-02-28"),
])
def test_precision_as_given(text: str, value: str) -> None:
    assert [v for v, _, _ in _dates(text)] == [value]


@pytest.mark.parametrize("text", ["kroz IPA 2016 program", "iznos od 2500 evra", "32.11.2020."])
def test_not_dates(text: str) -> None:
    assert _dates(text) == []


def test_publication_date_and_relative_juce() -> None:
    w = normalise("Kruševac dobitnik zahvalnice\n\nPostavljeno: 30.03.2023\n\nJuče je u Beogradu održana "
                  "konferencija.").text
    assert publication_date(w) == "2023-03-30"
    rel = relative_date_spans(w, "2023-03-30")
    assert [(d.value, w[d.start:d.end]) for d in rel] == [("2023-03-29", "Juče")]
    assert rel[0].rule.startswith("date.relative")


def test_relative_date_cyrillic_and_dateline() -> None:
    w = normalise("Бујановац, 13.11.2020.\n\nЈуче је одржан састанак.").text
    assert publication_date(w) == "2020-11-13"
    assert [d.value for d in relative_date_spans(w, publication_date(w))] == ["2020-11-12"]


def test_relative_date_needs_a_publication_date() -> None:
    w = "Juče je održana konferencija."
    assert publication_date(w) is None
    assert relative_date_spans(w, None) == []
    assert relative_date_spans(w, "2023") == []


# ---------------------------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------------------------

def _quantities(text: str) -> list[tuple[float, str, str]]:
    w = normalise(text).text
    return [(q.value, q.qualifier, w[q.start:q.end]) for q in find_quantities(w, tokenize(w))]


@pytest.mark.parametrize(("text", "expected"), [
    ("podrška iznosila je oko 2,5 miliona evra", [(2_500_000, "Approximately", "oko 2,5 miliona")]),
    ("zapošljavanje više od 300 osoba", [(300, "MoreThan", "više od 300")]),
    ("budžet od 1.200.000 RSD", [(1_200_000, "Exact", "1.200.000")]),
    ("nabavljena su dva laptopa", [(2, "Exact", "dva")]),
    ("најмање 50 општина", [(50, "AtLeast", "najmanje 50")]),
    ("15 hiljada dinara", [(15_000, "Exact", "15 hiljada")]),
    ("Укупно 40 полазника", [(40, "Exact", "40")]),
])
def test_numbers(text: str, expected: list[tuple[float, str, str]]) -> None:
    assert _quantities(text) == expected


# ---------------------------------------------------------------------------------------------
# read
# ---------------------------------------------------------------------------------------------

def test_read_non_utf8_names_file_line_and_column(tmp_path: Path) -> None:
    f = tmp_path / "cp1250.txt"
    f.write_bytes(b"Dobar dan\n" + b"Grad Ni\x9a je\n")
    with pytest.raises(SourceError) as e:
        read_source(f)
    msg = str(e.value)
    assert msg.startswith(f"{f}:2:8:")
    assert "not UTF-8" in msg


@pytest.mark.parametrize("content", [b"", b"  \n\n\t "])
def test_read_empty_file(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    with pytest.raises(SourceError, match="empty file") as e:
        read_source(f)
    assert str(f) in str(e.value)


def test_read_binary_file(tmp_path: Path) -> None:
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(SourceError, match="binary") as e:
        read_source(f)
    assert str(e.value).startswith(f"{f}:3:1:")  # the NUL after "\r\n\x1a\n"


def test_read_keeps_the_text_exactly(tmp_path: Path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes("\ufeffГрад Ниш\r\nGrad Niš\r\n".encode())
    src = read_source(f, {"date": "2020-01-01"})
    assert src.text == "\ufeffГрад Ниш\r\nGrad Niš\r\n"
    assert src.doc_id == "crlf.txt" and src.stem == "crlf"
    assert src.metadata == {"date": "2020-01-01"}
    assert src.script == "mixed"
    assert read_source(SOURCE_FILES[0]).script == "Cyrl"
    assert read_source(SOURCE_FILES[1]).script == "Latn"


# ---------------------------------------------------------------------------------------------
# resolution across documents and scripts
# ---------------------------------------------------------------------------------------------

TEXTS = {
    "a_latin.txt": (
        "Grad Niš i GIZ potpisali memorandum\n\n"
        "Postavljeno: 12.05.2021\n\n"
        "Grad Niš i Nemačka organizacija za međunarodnu saradnju (GIZ) potpisali su juče Memorandum o "
        "razumevanju o sprovođenju projekta „Klub za zapošljavanje Roma“. Projekat finansira GIZ, a realizuje "
        "Udruženje građana „Klub za zapošljavanje Roma“ iz Niša. Direktna podrška GiZa iznosila je oko 2,5 "
        "miliona evra.\n\n"
        "Program ROMACTED nastao je na osnovu iskustva programa ROMED i ROMACT. Sastanci su održani u "
        "Beogradu i na Novom Beogradu.\n"
    ),
    "b_cyrillic.txt": (
        "Пројекат у Нишу\n\n"
        "Градска општина Црвени Крст у Нишу је у сарадњи са Немачком организацијом за међународну сарадњу "
        "спровела пројекат „Клуб за запошљавање Рома“ од јуна до септембра 2020. године. Чланови удружења "
        "„Клуб за запошљавање Рома“ прошли су обуке. Програм РОМАКТ спроводи Савет Европе, а Град Ниш је "
        "партнер.\n"
    ),
    "c_latin.txt": (
        "Nemačka organizacija za međunarodnu saradnju podržala je udruženje građana „Klub za zapošljavanje "
        "Roma“ iz Niša. Sa GIZ-om sarađuje i Grad Niš.\n"
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from rikg.build import build_store, corpus_quads

    folder = tmp_path_factory.mktemp("resolution")
    src = folder / "sources"
    src.mkdir()
    for name, text in TEXTS.items():
        (src / name).write_text(text, encoding="utf-8", newline="")
    processed = {name: process_file(src / name) for name in TEXTS}
    mem = Store()
    mem.bulk_extend(corpus_quads(list(processed.values())))
    report = build_store(src, folder / "store")
    return {"processed": processed, "store": mem, "report": report, "disk": folder / "store", "src": src}


def _q(store: Store, query: str) -> list:
    return list(run_query(store, query))


def _ask(store: Store, query: str) -> bool:
    return bool(run_query(store, query))


def _evidence(store: Store, iri: str) -> list[tuple[str, str]]:
    """(document identifier, oa:exact) of every evidence mention of `iri`."""
    rows = _q(store, f"""SELECT ?id ?t WHERE {{ <{iri}> rikg:evidence ?m . ?m oa:hasSource ?d ;
                        oa:hasSelector ?q . ?q oa:exact ?t . ?d dcterms:identifier ?id }}""")
    return sorted((r["id"].value, r["t"].value) for r in rows)


def _types(store: Store, iri: str) -> set[str]:
    return {r["c"].value.rsplit("#", 1)[-1] for r in _q(store, f"SELECT ?c WHERE {{ <{iri}> a ?c }}")}


def test_resolution_build_matches_corpus_quads(corpus: dict) -> None:
    from rikg.store import open_store

    assert corpus["report"].documents == 3 and not corpus["report"].failed
    disk = open_store(corpus["disk"], read_only=True)
    query = "SELECT DISTINCT ?s WHERE { ?s a ?c FILTER(STRSTARTS(STR(?s), 'https://w3id.org/rikg/id/')) }"
    assert {r["s"].value for r in _q(disk, query)} == {r["s"].value for r in _q(corpus["store"], query)}


def test_giz_forms_share_one_key_within_a_text(corpus: dict) -> None:
    facts = corpus["processed"]["a_latin.txt"].facts
    giz = facts.entities["org:giz"]
    surfaces = {m.surface for m in giz.mentions}
    assert "GIZ" in surfaces and "GiZa" in surfaces
    assert any(s.startswith("Nemačka organizacija za međunarodnu saradnju") for s in surfaces)
    others = [m.surface for k, e in facts.entities.items() if k != "org:giz" for m in e.mentions
              if "giz" in fold(m.surface).split() or "nemacka organizacija" in fold(m.surface)]
    assert others == []


def test_giz_one_iri_across_texts_and_scripts(corpus: dict) -> None:
    store = corpus["store"]
    giz = ID + "org/giz"
    quotes = _evidence(store, giz)
    docs = {d for d, _ in quotes}
    assert docs == {"a_latin.txt", "b_cyrillic.txt", "c_latin.txt"}
    texts = {t for _, t in quotes}
    assert {"GIZ", "GiZa", "GIZ-om"} <= texts
    assert "Nemačka organizacija za međunarodnu saradnju" in texts
    assert any(t.startswith("Немачком организацијом за међународну сарадњу") for t in texts)
    # No other resource carries a GIZ surface form.
    rows = _q(store, """SELECT DISTINCT ?x WHERE { ?x skos:altLabel ?l
                        FILTER(REGEX(?l, "GIZ|GiZ|Nemačk\\\\w* organizacij|Немачк\\\\w* организациј", "i")) }""")
    assert {r["x"].value for r in rows} == {giz}
    assert {"Actor", "Organization"} <= _types(store, giz)


def test_acronym_case_form_does_not_swallow_a_comma(corpus: dict) -> None:
    # "finansira GIZ, a realizuje ...": the mention is "GIZ", not "GIZ, a" (the genitive GIZ-a folds alike).
    texts = {t for _, t in _evidence(corpus["store"], ID + "org/giz")}
    assert "GIZ, a" not in texts
    labels = {r["l"].value for r in _q(corpus["store"], f"SELECT ?l WHERE {{ <{ID}org/giz> skos:altLabel ?l }}")}
    assert not any("," in label for label in labels)


def test_nis_in_cyrillic_and_latin_is_one_place(corpus: dict) -> None:
    store = corpus["store"]
    place, lsg = ID + "place/nis", ID + "lsg/nis"
    quotes = _evidence(store, place)
    assert ("b_cyrillic.txt", "Нишу") in quotes
    assert ("a_latin.txt", "Niša") in quotes
    assert "Place" in _types(store, place) and "Municipality" in _types(store, place)
    # "Grad Niš" (Latin) and "Град Ниш" (Cyrillic) are the local government, whose territory is the place.
    lsg_quotes = _evidence(store, lsg)
    assert ("a_latin.txt", "Grad Niš") in lsg_quotes
    assert ("b_cyrillic.txt", "Град Ниш") in lsg_quotes
    assert ("c_latin.txt", "Grad Niš") in lsg_quotes
    assert {"Actor", "Organization", "LocalSelfGovernment"} <= _types(store, lsg)
    assert _ask(store, f"ASK {{ <{lsg}> rikg:jurisdiction <{place}> }}")
    # No second Niš anywhere.
    rows = _q(store, """SELECT DISTINCT ?x WHERE { ?x skos:altLabel ?l
                        FILTER(REGEX(?l, "^((Grad|Град)\\\\w* )?(Niš|Ниш)\\\\w*$", "i")) }""")
    assert {r["x"].value for r in rows} == {place, lsg}


def test_project_and_association_of_the_same_name_stay_apart(corpus: dict) -> None:
    store = corpus["store"]
    program = ID + "program/klub-za-zaposljavanje-roma"
    assert "Program" in _types(store, program)
    assert "Actor" not in _types(store, program)
    assert {d for d, _ in _evidence(store, program)} == {"a_latin.txt", "b_cyrillic.txt"}
    orgs = {r["x"].value for r in _q(store, """SELECT DISTINCT ?x WHERE { ?x a rikg:Organization ; skos:altLabel ?l
                        FILTER(CONTAINS(LCASE(?l), "klub za zapošljavanje") || CONTAINS(LCASE(?l), "клуб за"))}""")}
    assert orgs, "the association was not recognised"
    assert program not in orgs
    for org in orgs:
        assert "Program" not in _types(store, org)


def test_association_is_one_iri_whatever_its_head_and_case(corpus: dict) -> None:
    # "Udruženje građana „Klub…“" (a, beside the project), "udruženja „Клуб…“" (b, beside the project) and
    # "udruženje građana „Klub…“" (c, alone) are the same association.
    store = corpus["store"]
    rows = _q(store, """SELECT DISTINCT ?x WHERE { ?x a rikg:Organization ; skos:altLabel ?l
                        FILTER(CONTAINS(LCASE(?l), "klub za zapošljavanje") || CONTAINS(LCASE(?l), "клуб за"))}""")
    orgs = sorted(r["x"].value for r in rows)
    assert len(orgs) == 1, orgs
    assert {d for d, _ in _evidence(store, orgs[0])} == {"a_latin.txt", "b_cyrillic.txt", "c_latin.txt"}


def test_romacted_romact_romed_are_three_programs(corpus: dict) -> None:
    store = corpus["store"]
    iris = {name: ID + f"program/{name}" for name in ("romacted", "romact", "romed")}
    for name, iri in iris.items():
        assert "Program" in _types(store, iri), name
        assert ("a_latin.txt", name.upper()) in _evidence(store, iri)
    labels = {r["x"].value: r["l"].value for r in _q(store, """SELECT ?x ?l WHERE { ?x a rikg:Program ;
                        rdfs:label ?l FILTER(LANG(?l) = "sr-latn" || LANG(?l) = "sr-Latn") }""")}
    assert [labels[iris[n]] for n in ("romacted", "romact", "romed")] == ["ROMACTED", "ROMACT", "ROMED"]


def test_romact_in_cyrillic_is_the_same_program(corpus: dict) -> None:
    # "РОМАКТ" is how Serbian Cyrillic writes ROMACT (as РОМЕД is ROMED): one program, not a "ROMAKT".
    store = corpus["store"]
    assert ("b_cyrillic.txt", "РОМАКТ") in _evidence(store, ID + "program/romact")
    assert not _ask(store, f"ASK {{ <{ID}program/romakt> ?p ?o }}")


def test_beograd_and_novi_beograd_are_two_places(corpus: dict) -> None:
    store = corpus["store"]
    bg, nbg = ID + "place/beograd", ID + "place/novi-beograd"
    assert _evidence(store, bg) == [("a_latin.txt", "Beogradu")]
    assert _evidence(store, nbg) == [("a_latin.txt", "Novom Beogradu")]
    assert "Place" in _types(store, bg) and "Place" in _types(store, nbg)
    assert _ask(store, f"ASK {{ <{nbg}> rikg:locatedIn <{bg}> }}")
    assert not _ask(store, f"ASK {{ <{nbg}> owl:sameAs|skos:exactMatch <{bg}> }}")


def test_relative_date_reaches_the_graph(corpus: dict) -> None:
    # "Postavljeno: 12.05.2021" … "potpisali su juče Memorandum" -> signed on 2021-05-11.
    store = corpus["store"]
    rows = _q(store, f"""SELECT ?a ?d WHERE {{ ?a a rikg:Agreement ; rikg:signedOn ?d ;
                         rikg:about <{ID}program/klub-za-zaposljavanje-roma> }}""")
    assert [r["d"] for r in rows] == [Literal("2021-05-11", datatype=NamedNode(
        "http://www.w3.org/2001/XMLSchema#date"))]
    doc = _q(store, f"SELECT ?d WHERE {{ <{ID}doc/a_latin> rikg:publicationDate ?d }}")
    assert [r["d"].value for r in doc] == ["2021-05-12"]


def test_program_dates_at_month_precision(corpus: dict) -> None:
    store = corpus["store"]
    rows = _q(store, f"""SELECT ?s ?e WHERE {{ <{ID}program/klub-za-zaposljavanje-roma> rikg:startDate ?s ;
                         rikg:endDate ?e }}""")
    assert [(r["s"].value, r["e"].value) for r in rows] == [("2020-06", "2020-09")]
    assert rows[0]["s"].datatype.value.endswith("#gYearMonth")


def test_close_names_are_candidates_not_merges() -> None:
    """Two spellings that differ in a real word stay two entities, recorded as a candidate with a confidence."""
    from rikg.loaders.facts import DocumentFacts, Entity
    from rikg.loaders.resolve import merge_corpus, name_key

    names = ["Udruženje Romski edukativni centar", "Udruženje Romski edukacioni centar",
             "Inicijativa za inkluziju faza 2"]
    docs = []
    for i, name in enumerate(names):
        doc = DocumentFacts(f"d{i}.txt")
        kind = "program" if "faza" in name else "org"
        key = f"{kind}:{name_key(name)}"
        doc.entities[key] = Entity(key, kind, name)
        docs.append(doc)
    merged, candidates = merge_corpus(docs)
    assert len(merged) == 3
    assert len(candidates) == 1
    c = candidates[0]
    assert {merged[c.a].name, merged[c.b].name} == set(names[:2])
    assert 0.88 <= c.confidence < 1.0


def test_the_fast_tokeniser_finds_the_tokens_of_the_reference_pattern() -> None:
    # tokenize() scans with the standard library's engine and splits glued numbers itself; the tokens must be
    # those of the reference pattern _TOKEN on every kind of character the genre has
    from rikg.loaders import tokens

    sample = (
        "U 13gradova, 2021.godine: „Projekat“ (IPA 2016) — 1a2bcd 12abc34def ab12cde x_y ²³ 5½ á\u0301 İstanbul "
        "12ČAS 12čas Нишу 7домаћинстава 1.200.000,00 din. 50% e-mail: info@skgo.org\u00a0…"
    )
    found = [(t.start, t.end, t.text) for t in tokens.tokenize(sample)]
    assert found == [(m.start(), m.end(), m.group()) for m in tokens._TOKEN.finditer(sample)]
    assert ("13", "gradova") == (found[1][2], found[2][2])


def test_the_quoted_name_after_a_prefix_is_a_label_of_the_program(tmp_path: Path) -> None:
    # 'Програм ИПА 2015 „ЕУ подршка ...“' names the program "IPA 2015 – EU podrška ..."; the quoted words alone,
    # as the text writes them, are an altLabel too (how the program is called without its prefix)
    from rikg.build import corpus_quads

    src = tmp_path / "ipa.txt"
    src.write_text("Програм ИПА 2015 „ЕУ подршка за Роме – Јаче општине“ финансира Европска унија.\n", encoding="utf-8")
    store = Store()
    store.bulk_extend(corpus_quads([process_file(src)]))
    rows = _q(store, """SELECT ?l WHERE { ?p a rikg:Program ; skos:altLabel ?l }""")
    assert "ЕУ подршка за Роме – Јаче општине" in {r["l"].value for r in rows}


def test_the_cue_prefilters_stay_in_the_standard_library_engine() -> None:
    # A cue in `regex`-only syntax (a variable-width lookbehind, which loose spaces make of "radove izvod") moves the
    # whole alternation to the `regex` engine, about three times slower on every sentence (patterns._alternation).
    import re

    from rikg.loaders import patterns

    assert isinstance(patterns.any_role_cue(), re.Pattern)
    assert isinstance(patterns.partner_cue(), re.Pattern)
