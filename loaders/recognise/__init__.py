"""Stage 4: find the names in a text: places, local governments, organisations, persons, programs.

Curated names come from the gazetteer; unknown organisations, persons and programs from the
patterns of data/patterns/ (head words, quoted names, first names, program keywords).

One module a kind of name: places.py (gazetteer names, local governments, settlements), organisations.py,
persons.py, programs.py and furniture.py (the publisher's lines dropped); base.py holds what they share.
`Recogniser.run()` calls them in order: a later rule sees, and may not overlap, what an earlier one found.
"""

from __future__ import annotations

from rikg.loaders.facts import Mention
from rikg.loaders.recognise.base import Quote, first_names, leading, mostly_capitals, quotes, to_nominative
from rikg.loaders.recognise.furniture import FurnitureMixin
from rikg.loaders.recognise.organisations import OrganisationsMixin
from rikg.loaders.recognise.persons import PersonsMixin
from rikg.loaders.recognise.places import PlacesMixin
from rikg.loaders.recognise.programs import ProgramsMixin, curated_programs
from rikg.loaders.tokens import Token

__all__ = [
    "Quote",
    "Recogniser",
    "curated_programs",
    "first_names",
    "leading",
    "mostly_capitals",
    "quotes",
    "recognise",
    "to_nominative",
]


class Recogniser(PlacesMixin, OrganisationsMixin, PersonsMixin, ProgramsMixin, FurnitureMixin):
    """Runs every recogniser over one text; `mentions` ends up sorted and free of overlaps."""

    # -- run -----------------------------------------------------------------------------------
    def run(self) -> list[Mention]:
        self.gazetteer_names()
        self._acronym_seats()
        self._country_bodies()
        self.organisations()
        self._companies()
        self._english_names()
        self._offices_of_titles()
        self._misspelt_known_organisations()
        self._quoted_with_head()
        self._seats_in_genitive()
        self.acronyms_in_parentheses()
        self._adjective_names()
        self.acronyms_in_parentheses()  # (again: "Nacionalnog demokratskog instituta (NDI)", a name of adjectives)
        self.settlements()
        self.programs()
        self.persons()
        self._drop_program_quotes_that_are_orgs()
        self._coordinated_quoted_orgs()
        self._partner_list_items()
        self._acronyms_in_actor_positions()
        self._names_said_again()
        self._head_references()
        self._names_in_actor_positions()
        self._drop_names_inside_other_names()
        self._caps_names_from_body()
        self._descriptive_lsg_prefixes()
        self._towns_of_titles()
        self._recipient_lists()
        self._bare_subjects()
        self._town_administrations()
        self._local_government_references()
        self._states_in_actor_lists()
        self._drop_furniture()
        self._footer_program()
        self._headline_program()
        self._lead_program()
        self._goal_program()
        self._keep_head_when_named_like_a_program()
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        return self.mentions


def recognise(working: str, tokens: list[Token]) -> list[Mention]:
    return Recogniser(working, tokens).run()
