"""Serbian name morphology (loaders/morphology.py) and the gazetteer CSVs it is used with."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from loaders.morphology import case_forms, stem_key, to_nominative

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "data" / "gazetteer"
REFERENCE = ROOT / "data" / "reference" / "wikidata-qids.csv"

CASE_FORMS = {
    "Odžaci": ["Odžaka", "Odžacima"],
    "Sremski Karlovci": ["Sremskih Karlovaca", "Sremskim Karlovcima"],
    "Kruševac": ["Kruševca", "Kruševcu", "Kruševcem"],
    "Čačak": ["Čačka", "Čačku"],
    "Kragujevac": ["Kragujevca", "Kragujevcu"],
    "Niš": ["Niša", "Nišu", "Nišom"],
    "Beograd": ["Beograda", "Beogradu"],
    "Zaječar": ["Zaječara", "Zaječaru"],
    "Kraljevo": ["Kraljeva", "Kraljevu"],
    "Prokuplje": ["Prokuplja", "Prokuplju"],
    "Vranje": ["Vranja", "Vranju"],
    "Užice": ["Užica", "Užicu"],
    "Subotica": ["Subotice", "Subotici"],
    "Bačka Palanka": ["Bačke Palanke", "Bačkoj Palanci"],
    "Zvezdara": ["Zvezdari"],
    "Banja": ["Banji"],
    "Novi Sad": ["Novog Sada", "Novom Sadu", "Novim Sadom"],
    "Novi Pazar": ["Novog Pazara", "Novom Pazaru"],
    "Crveni Krst": ["Crvenog Krsta", "Crvenom Krstu"],
    "Vrnjačka Banja": ["Vrnjačke Banje", "Vrnjačkoj Banji"],
    "Bela Palanka": ["Bele Palanke", "Beloj Palanci"],
    "Novi Beograd": ["Novog Beograda", "Novom Beogradu"],
    "Stara Pazova": ["Staroj Pazovi"],
    "Sremska Mitrovica": ["Sremskoj Mitrovici"],
    "Veliko Gradište": ["Velikom Gradištu", "Velikog Gradišta"],
    "Petrovac na Mlavi": ["Petrovcu na Mlavi"],
    "Bosna i Hercegovina": ["Bosni i Hercegovini"],
    "Nemačka organizacija za međunarodnu saradnju": [
        "Nemačke organizacije za međunarodnu saradnju",
        "Nemačkom organizacijom za međunarodnu saradnju",
    ],
    "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja": [
        "Ministarstvom za rad, zapošljavanje, boračka i socijalna pitanja",
    ],
    "Stalna konferencija gradova i opština": ["Stalnoj konferenciji gradova i opština"],
    "Nacionalna služba za zapošljavanje": ["Nacionalne službe za zapošljavanje"],
    "Savet Evrope": ["Saveta Evrope"],
    "Evropska unija": ["Evropske unije", "Evropskoj uniji"],
    "Razvojni program Ujedinjenih nacija": ["Razvojnog programa Ujedinjenih nacija"],
    "Udruženje građana Romsko srce": ["Udruženja građana Romsko srce", "Udruženjem građana Romsko srce"],
    "GIZ": ["GIZ-a", "GIZ-u", "GIZ-om", "GIZa", "GIZu"],
    "OEBS": ["OEBS-a"],
    "UNDP": ["UNDP-a"],
    "Miroslav Milutinović": ["Miroslava Milutinovića", "Miroslavu Milutinoviću"],
    "Ivana Miljanović": ["Ivane Miljanović", "Ivani Miljanović"],
    "Grad Kruševac": ["Grada Kruševca"],
    "Republika Srbija": ["Republike Srbije", "Republici Srbiji"],
    "FYR Makedonija": ["FYR Makedoniji"],
}


@pytest.mark.parametrize("name,expected", sorted(CASE_FORMS.items()))
def test_case_forms_contains(name: str, expected: list[str]) -> None:
    forms = case_forms(name)
    assert name in forms
    for form in expected:
        assert form in forms, (name, form, sorted(forms))


def test_case_forms_do_not_break_agreement_or_decline_complements() -> None:
    assert "Novog Sad" not in case_forms("Novi Sad")
    assert "Novi Sada" not in case_forms("Novi Sad")
    assert "Saveta Evrope" in case_forms("Savet Evrope")
    assert not any("Evropi" in f for f in case_forms("Savet Evrope"))
    assert "Ivani Miljanoviću" not in case_forms("Ivana Miljanović")  # women's -ić surnames stay
    assert not any(f.startswith("Crvenog krsta") for f in case_forms("Crveni krst Srbije") if "Srbiji" in f)
    # Mixed-case acronym spellings are not generated: matching is case-insensitive anyway.
    assert "GiZa" not in case_forms("GIZ")


TO_NOMINATIVE = {
    "Nemačkom organizacijom za međunarodnu saradnju": "Nemačka organizacija za međunarodnu saradnju",
    "Nemačke organizacije za međunarodnu saradnju": "Nemačka organizacija za međunarodnu saradnju",
    "Grada Kruševca": "Grad Kruševac",
    "Ministarstvom za ljudska i manjinska prava i društveni dijalog":
        "Ministarstvo za ljudska i manjinska prava i društveni dijalog",
    "Ministarstvom za rad, zapošljavanje, boračka i socijalna pitanja":
        "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja",
    "Udruženjem građana": "Udruženje građana",
    "Stalnoj konferenciji gradova i opština": "Stalna konferencija gradova i opština",
    "Miroslavu Milutinoviću": "Miroslav Milutinović",
    "Tima Saveta Evrope za Rome i Putnike": "Tim Saveta Evrope za Rome i Putnike",
    "Koordinacionim telom za praćenje realizacije strategije":
        "Koordinaciono telo za praćenje realizacije strategije",
    "Koordinacionom telu": "Koordinaciono telo",
    "Beogradu": "Beograd",
    "Novom Sadu": "Novi Sad",
    "Nišu": "Niš",
    "Niš": "Niš",
    "Kruševca": "Kruševac",
    "Kragujevcu": "Kragujevac",
    "Čačku": "Čačak",
    "Vranju": "Vranje",
    "Kraljevu": "Kraljevo",
    "Zaječaru": "Zaječar",
    "Subotici": "Subotica",
    "Subotica": "Subotica",
    "Bačkoj Palanci": "Bačka Palanka",
    "Vrnjačkoj Banji": "Vrnjačka Banja",
    "Zvezdari": "Zvezdara",
    "Odžacima": "Odžaci",
    "Sremskih Karlovaca": "Sremski Karlovci",
    "Velikom Gradištu": "Veliko Gradište",
    "Crvenom Krstu": "Crveni Krst",
    "Gradskoj opštini Crveni Krst": "Gradska opština Crveni Krst",
    "Bosni i Hercegovini": "Bosna i Hercegovina",
    "Republici Srbiji": "Republika Srbija",
    "Srbiji": "Srbija",
    "Evropskoj uniji": "Evropska unija",
    "Saveta Evrope": "Savet Evrope",
    "Razvojnog programa Ujedinjenih nacija": "Razvojni program Ujedinjenih nacija",
    "Vladi Republike Srbije": "Vlada Republike Srbije",
    "Nacionalne službe za zapošljavanje": "Nacionalna služba za zapošljavanje",
    "Ivani Miljanović": "Ivana Miljanović",
    "GIZ-a": "GIZ",
    "GiZa": "GIZ",
    "OEBS-om": "OEBS",
}


@pytest.mark.parametrize("phrase,expected", sorted(TO_NOMINATIVE.items()))
def test_to_nominative_best_first(phrase: str, expected: str) -> None:
    got = to_nominative(phrase)
    assert got and got[0] == expected, got[:5]


def test_to_nominative_keeps_possible_nominative_and_empty() -> None:
    assert "Subotica" in to_nominative("Subotica")
    assert "Nemačka organizacija za međunarodnu saradnju" in to_nominative(
        "Nemačka organizacija za međunarodnu saradnju")
    assert to_nominative("  ") == []


def test_stem_key_groups_inflected_forms() -> None:
    groups = [
        ["Kruševac", "kruševca", "Kruševcu", "Kruševcem"],
        ["Niš", "niša", "Nišu", "Nišom"],
        ["Subotica", "subotici", "Subotice"],
        ["Čačak", "Čačka", "Čačku"],
        ["Odžaci", "Odžaka", "Odžacima"],
        ["Beograd", "Beogradu", "Beogradom"],
        ["Vranje", "Vranju"],
        ["Palanka", "Palanci"],
        ["Milutinović", "Milutinoviću"],
    ]
    for g in groups:
        assert len({stem_key(w) for w in g}) == 1, [(w, stem_key(w)) for w in g]
    assert stem_key("Beograd") != stem_key("Kragujevac")
    assert stem_key("Niš") != stem_key("Novi")
    assert stem_key("Ub") == "ub"  # short words are left alone


def test_stem_key_speed() -> None:
    words = (ROOT / "data" / "sources" / "001_b2e3f2047bc51af4.txt").read_text(encoding="utf-8").split()
    stem_key.cache_clear()
    batch = [f"{w}{i % 97}x" for i in range(60) for w in words]  # mostly distinct: no cache help
    t = time.perf_counter()
    for w in batch:
        stem_key(w)
    rate = len(batch) / (time.perf_counter() - t)
    assert rate > 50_000, rate


# --- gazetteer files -------------------------------------------------------------------------

PLACE_COLUMNS = ["key", "name_sr_latn", "name_sr_cyrl", "name_en", "kind", "parent_key", "qid", "source",
                 "forms_extra"]
ORG_COLUMNS = ["key", "name_sr_latn", "name_sr_cyrl", "name_en", "acronyms", "aliases", "kind", "qid", "source"]
ORG_KINDS = {"city", "municipality", "city_municipality", "ministry", "government_body", "international_org",
             "donor_agency", "ngo", "association", "cooperative", "company", "public_utility", "school",
             "media", "other"}
PLACE_KINDS = {"city", "municipality", "city_municipality", "district", "region", "country"}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _reference() -> dict[str, dict[str, str]]:
    _, rows = _read(REFERENCE)
    return {r["qid"]: r for r in rows if r["qid"]}


def _strip_unit_prefix(label: str) -> str:
    for prefix in ("Gradska opština ", "Grad ", "Opština "):
        if label.startswith(prefix):
            return label[len(prefix):]
    return label.replace(" upravni okrug", " okrug")


def test_places_csv() -> None:
    cols, rows = _read(GAZ / "places.csv")
    assert cols == PLACE_COLUMNS
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys))
    ref = _reference()
    for r in rows:
        assert r["kind"] in PLACE_KINDS, r
        assert r["key"].isascii() and r["key"] == r["key"].lower(), r
        assert not r["parent_key"] or r["parent_key"] in keys, r
        if r["qid"]:
            assert r["qid"] in ref, r
            assert _strip_unit_prefix(ref[r["qid"]]["label_sr_latn"]).lower() == r["name_sr_latn"].lower(), r
            assert r["source"] == "shared/reference/wikidata-qids.csv"
    by_key = {r["key"]: r for r in rows}
    assert by_key["beograd"]["qid"] == "Q2074197"
    assert by_key["krusevac"]["name_sr_cyrl"] == "Крушевац"
    assert by_key["palilula-beograd"]["parent_key"] == "beograd"
    assert by_key["palilula-nis"]["parent_key"] == "nis"
    assert by_key["crveni-krst"]["parent_key"] == "nis"
    assert by_key["kosovo"]["kind"] == "region"
    assert sum(r["kind"] == "district" and r["parent_key"] == "srbija" for r in rows) == 24
    assert [r["key"] for r in rows if r["name_sr_latn"] == "Novi Sad"] == ["novi-sad"]


def test_organisations_csv() -> None:
    cols, rows = _read(GAZ / "organisations.csv")
    assert cols == ORG_COLUMNS
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys))
    assert 60 <= len(rows) <= 150  # a curated list, not a dump: each row is checked by hand
    ref = _reference()
    for r in rows:
        assert r["kind"] in ORG_KINDS, r
        assert r["name_sr_latn"] and r["name_sr_cyrl"] and r["source"], r
        if r["qid"]:
            assert r["qid"] in ref and ref[r["qid"]]["kind"] == "organization", r
        for acr in filter(None, r["acronyms"].split("|")):
            assert len(acr) >= 2, r
    names = {r["name_sr_latn"] for r in rows}
    assert "Crveni Krst" not in names  # the city municipality of Niš, not the Red Cross
    by_key = {r["key"]: r for r in rows}
    assert by_key["giz"]["qid"] == "Q462763"
    assert "GIZ" in by_key["giz"]["acronyms"].split("|")


def test_first_names_csv() -> None:
    cols, rows = _read(GAZ / "first_names.csv")
    assert cols == ["name", "gender"]
    assert len(rows) >= 350
    assert all(r["gender"] in ("m", "f") for r in rows)
    assert len({r["name"] for r in rows}) == len(rows)
