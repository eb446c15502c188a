"""Which program a reported number belongs to (outcome attribution), one construction of the genre per test.

The sentences are written for these tests in the phrasing of real texts (docs/phrasing.md); names and numbers
are made up, organisations and places real."""

from __future__ import annotations

import hashlib

from rikg.loaders.facts import DocumentFacts
from rikg.loaders.pipeline import process_text
from rikg.loaders.read import SourceText


def facts(text: str) -> DocumentFacts:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return process_text(SourceText("probe.txt", text, sha, "Latn", {})).facts


def programs(f: DocumentFacts) -> set[str]:
    return {e.name for e in f.entities.values() if e.kind == "program"}


def attributed(f: DocumentFacts) -> list[tuple[float, str | None]]:
    return [(o.value, f.entities[o.program].name if o.program else None) for o in f.outcomes]


def part_of(f: DocumentFacts) -> set[tuple[str, str]]:
    return {(f.entities[r.subject].name, f.entities[r.object].name) for r in f.relations if r.predicate == "partOf"}


def test_phases_named_by_ordinal_and_a_bare_program_word_take_their_own_numbers() -> None:
    f = facts(
        "Druga faza projekta „Krov nad glavom“ započela je 1. aprila 2021. godine, kada je Evropska unija "
        "obezbedila 2,1 milion evra.\n\n"
        "U toku prve faze projekta (od 2016. do 2019. godine) uslovi stanovanja unapređeni su za 64 porodice. "
        "Kupljeno je i 12 seoskih kuća."
    )
    first, second = "Krov nad glavom faza I", "Krov nad glavom faza II"
    assert {first, second} <= programs(f)
    assert attributed(f) == [(2_100_000.0, second), (64.0, first), (12.0, first)]
    assert {(first, "Krov nad glavom"), (second, "Krov nad glavom")} <= part_of(f)


def test_a_paragraph_opening_with_projekat_after_a_phase_speaks_of_the_project() -> None:
    f = facts(
        "Druga faza projekta „Krov nad glavom“ započela je u aprilu, a Evropska unija obezbedila je "
        "2,1 milion evra.\n\n"
        "Projekat je do sada obezbedio stanove za 40 porodica."
    )
    assert attributed(f) == [(2_100_000.0, "Krov nad glavom faza II"), (40.0, "Krov nad glavom")]


def test_a_call_framed_by_its_project_keeps_the_numbers_of_the_following_sentences() -> None:
    f = facts(
        "JAVNI POZIV\n\n"
        "za dodelu subvencija preduzetnicima u okviru projekta „Zajedno do posla“\n\n"
        "Konkurs u okviru projekta „Zajedno do posla“ sprovodi Komisija za dodelu subvencija.\n\n"
        "Bespovratna sredstva iznose ukupno do 30.000 evra, a obezbeđena su u okviru projekta. "
        "Novac će biti upotrebljen za najmanje 10 preduzetnika."
    )
    call = "Javni poziv za dodelu subvencija preduzetnicima"
    assert call in programs(f)
    assert attributed(f) == [(30_000.0, call), (10.0, call)]
    assert (call, "Zajedno do posla") in part_of(f)


def test_numbers_in_a_sentence_framed_by_the_call_go_to_the_call_not_to_the_earlier_program() -> None:
    f = facts(
        "Stalna konferencija gradova i opština raspisala je poziv za dostavljanje predloga projekata koji "
        "finansira Evropska unija kroz Program IPA 2017. "
        "Ukupni iznos koji će u okviru ovog Poziva biti raspodeljen je 1,6 miliona evra. "
        "Najviši iznos jednog granta je 45 hiljada evra."
    )
    got = attributed(f)
    assert [v for v, _ in got] == [1_600_000.0, 45_000.0]
    assert got[0][1] == got[1][1] and got[0][1] is not None and got[0][1].startswith("Poziv za dostavljanje")


def test_a_grant_scheme_without_a_proper_name_is_a_program_and_takes_its_numbers() -> None:
    f = facts(
        "Počela grant šema u okviru programa „Zajedno za inkluziju“\n\n"
        "Stalna konferencija gradova i opština uručila je 21 ugovor opštinama kojima su odobreni grantovi u okviru "
        "Komponente 2 Programa „Zajedno za inkluziju“. Grant šema je ukupno vredna 1,5 miliona evra."
    )
    assert programs(f) == {"Grant šema", "Zajedno za inkluziju"}
    assert attributed(f) == [(21.0, "Grant šema"), (1_500_000.0, "Grant šema")]
    assert part_of(f) == {("Grant šema", "Zajedno za inkluziju")}


def test_a_measure_named_only_generically_is_a_program() -> None:
    f = facts(
        "Ministarstvo prosvete održalo je sastanak povodom sprovođenja afirmativnih mera u školskoj godini. "
        "Putem afirmativne mere upisano je 1450 učenika."
    )
    assert programs(f) == {"Afirmativne mere"}
    assert attributed(f) == [(1450.0, "Afirmativne mere")]


def test_a_count_of_projects_is_no_program_and_its_numbers_wait_for_the_call_named_later() -> None:
    f = facts(
        "Udruženja su potpisala ugovore sa Sekretarijatom za privredu u ukupnom iznosu od tri miliona dinara. "
        "Podržano je 14 projekata koji će biti sprovedeni u brojnim mestima u pokrajini. "
        "To je peti konkurs koji je Sekretarijat raspisao za ovu svrhu."
    )
    assert not any(name.startswith("Projekat") for name in programs(f))
    call = next(name for name in programs(f) if name.startswith("Konkurs"))
    assert attributed(f) == [(3_000_000.0, call), (14.0, call)]


def test_public_works_named_once_carry_the_bare_mentions_and_a_section_heading() -> None:
    f = facts(
        "Javni radovi za 30 Roma u Vranju\n\n"
        "Grad Vranje sprovodi program javnih radova „Čist grad“ u saradnji sa Nacionalnom službom za "
        "zapošljavanje. Kroz javne radove biće angažovano 30 nezaposlenih lica.\n\n"
        "Javni radovi\n\n"
        "Posle javnih radova 6 učesnika dobiće stalni posao."
    )
    assert programs(f) == {"Čist grad"}
    assert {p for _, p in attributed(f)} == {"Čist grad"}


def test_a_plural_program_word_names_no_program_and_the_count_stays_with_the_project_in_focus() -> None:
    f = facts(
        "Završna konferencija o Regionalnom projektu jačanja lokalne podrške Romima održana je u Beogradu. "
        "Koordinatori su radili na sprovođenju Projekata za poboljšanje položaja Roma u lokalnim samoupravama. "
        "Kao rezultat njihovog rada realizovano je 25 mikro-grant projekata."
    )
    assert programs(f) == {"Projekt jačanja lokalne podrške Romima"}
    assert attributed(f) == [(25.0, "Projekt jačanja lokalne podrške Romima")]


def test_an_amount_given_for_a_program_named_right_after_it_is_that_programs() -> None:
    f = facts(
        "Nakon programa uređenja komunalne infrastrukture za Rome vrednog 5,1 milion evra, potpisan je ugovor "
        "kojim je obezbeđeno dodatnih 1,9 miliona evra za realizaciju programa „Bolji uslovi za život“."
    )
    described = "Program uređenja komunalne infrastrukture za Rome"
    assert programs(f) == {described, "Bolji uslovi za život"}
    assert attributed(f) == [(5_100_000.0, described), (1_900_000.0, "Bolji uslovi za život")]


def test_a_frame_that_opens_its_sentence_turns_the_text_to_that_program() -> None:
    f = facts(
        "Program „Inkluzija Roma“ sprovodi GIZ. U okviru programa realizuje se projekat „Manje ranjivosti“ "
        "u 18 opština.\n\nTakođe, u okviru programa sprovedene su i brojne obuke. Obuku je prošlo 30 lica."
    )
    by_value = {o.value: f.entities[o.program].name for o in f.outcomes}
    assert by_value[30.0] == "Inkluzija Roma"
