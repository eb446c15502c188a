"""Places and local governments.

Curated names come from the gazetteer (data/gazetteer/) in every case form; settlements the gazetteer cannot
list ("u naseljima Gornja čaršija, Gurinovac i Panađurski trg") each become a place of their own. The gazetteer
pass also makes the curated organisations, with where they sit ("UNICEF u Srbiji", "... AP Vojvodine").

A municipality's name is a place; it is a local government that acts where the text writes it as a name
after a prefix ("Grad Kruševac", "Opština Bor": data/patterns/lsg_prefixes.csv) at least once, where it stands
as a subject or a party ("koji opština Boljevac realizuje", "sa opštinom Gadžin Han"), or where it is listed
as the recipient of funds ("po kome su sredstva dobili Bač, Kula i Apatin"); after "u", "na", "iz" or an
adjective it is a place. In a text that speaks of one town most, "lokalna samouprava" and a capitalised "Grad" or
"Opština" alone stand for that town's local government.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from rikg.loaders import gazetteer, patterns, rx
from rikg.loaders.facts import Mention
from rikg.loaders.morphology import forms_of_case
from rikg.loaders.normalise import fold
from rikg.loaders.recognise.base import (
    _RELATIVE_WORDS,
    WORD_BEFORE,
    RecogniserBase,
    _is_verb_form,
    _title_words,
    leading,
)

_LIST_JOIN = regex.compile(r"\s*(?:,|\bi\b|,\s*kao\s+i\b)\s*")
_AND = regex.compile(r"\s+i\s+")
_QUOTED_NAME = regex.compile(r"[„“\"”]([^„“\"”\n]{2,40}?)[“”\"]")
_QUOTED_SETTLEMENTS = regex.compile(
    r"\bnaselj\p{L}*(?:\s+\p{Ll}+){0,3}\s*((?:[„“\"”][^„“\"”\n]{2,40}?[“”\"](?:\s*,\s*|\s+i\s+)?)+)"
)
_PROVINCE = regex.compile(r"(?:AP|Autonomn\p{L}*\s+[Pp]okrajin\p{L}*)\s")  # a province named as one
# a town's administration, capitalised as a name ("Gradska uprava", "GRADSKE uprave", "Opštinskom upravom"; in lower
# case, "gradske uprave u Srbiji", it is any town's)
_ADMINISTRATION = regex.compile(
    r"\b((?:Gradsk|GRADSK|Opštinsk|OPŠTINSK)(?:a|e|oj|u|om|A|E|OJ|U|OM))\s+(?:[Uu]prav(?:a|e|i|u|om)|UPRAV\p{Lu}*)\b"
)
_REMIT_AFTER = regex.compile(r"\s+(?:za|ZA)\s")
_TOWN_OF = regex.compile(r"\s+(?:[Gg]rada|[Oo]pštine|GRADA|OPŠTINE)\s+")

_LSG_LABEL = {"city": "Grad", "municipality": "Opština", "city_municipality": "Gradska opština"}
# "sve/ostale/15 lokalne samouprave", "lokalne samouprave su ...": local governments in the plural
# ("jedinica lokalne samouprave": any unit of local government, the legal term)
_MANY_BEFORE = regex.compile(
    r"\b(?:sve|ostale|druge|pojedine|mnoge|neke|te|ove|njihove|jedinic\p{L}*|\d+)\s+$", regex.I
)
# (and "Grad:" is the label of a form field, not the institution)
_PLURAL_AFTER = regex.compile(r"\s+(?:su|će\s+\p{L}+ti|koje|iz\s+\p{Lu})\b|\s*:")


@cache
def _lsg_prefixes() -> dict[tuple[str, ...], str]:
    return {tuple(r["prefix"].split()): r["kind"] for r in patterns.read_rows("lsg_prefixes.csv")}


_NEXT_WORD = regex.compile(r" (\p{L}+)")


class PlacesMixin(RecogniserBase):
    # -- gazetteer ------------------------------------------------------------------------------
    def gazetteer_names(self) -> None:
        covered_to = -1
        for hit in gazetteer.match(self.tokens, self.w):
            first, last = self.tokens[hit.first], self.tokens[hit.last]
            if first.start < covered_to:
                continue  # the "(GIZ)" after "Nemačka organizacija ... (GIZ)" belongs to that mention
            e, rule = hit.entry, hit.rule
            surface = self.w[first.start : last.end]
            if rule.endswith("#acronym") and surface.isupper() and surface.isalpha() and surface not in e.acronyms:
                continue  # "(FRSA)": a longer acronym of capitals is another name, not "FRS" in a case without hyphen
            covered_to = last.end
            if e.kind == "org" and self._lsg_prefix(hit.first) is not None:
                # "u gradskoj opštini Crveni krst": after a local government's prefix the name is the town's
                town = gazetteer.entries().get("place:" + e.key.split(":", 1)[1])
                if town is not None and town.subtype in _LSG_LABEL:
                    e, rule = town, f"gazetteer:{town.key}#after-lsg-prefix"
            if e.kind == "org":
                end = last.end
                seat = _seat_suffix().match(self.w, end)
                if seat:
                    end = seat.end()  # "UNICEF u Srbiji", "... AP Vojvodine": where it sits is part of the name
                    covered_to = end

                m = rx.match(r"\s*\(([^()\n]{2,12})\)", self.w[end : end + 20])
                if m and m.group(1).strip().isupper():
                    end += m.end()
                    covered_to = end
                self._add(Mention("org", first.start, end, self.w[first.start : end], e.name, rule, e.key, e.subtype))
                continue
            prefix = self._lsg_prefix(hit.first)
            if prefix is not None and e.subtype in ("city", "municipality", "city_municipality"):
                p_index, _kind = prefix
                s = self.tokens[p_index].start
                label = f"{_LSG_LABEL.get(e.subtype, 'Opština')} {e.name}"
                self._add(Mention("lsg", s, last.end, self.w[s : last.end], label, rule + "#lsg", e.key, e.subtype))
            else:
                self._add(
                    Mention(
                        "place",
                        first.start,
                        last.end,
                        self.w[first.start : last.end],
                        e.name,
                        rule,
                        e.key,
                        e.subtype,
                    )
                )

    def _lsg_prefix(self, i: int) -> tuple[int, str] | None:
        for n in (2, 1):
            j = i - n
            if j < 0:
                continue
            words = tuple(t.folded for t in self.tokens[j:i])
            if words in _lsg_prefixes() and all(t.is_word for t in self.tokens[j:i]):
                return j, _lsg_prefixes()[words]
        return None

    def settlements(self) -> None:
        """ "u naseljima Gornja čaršija, Gurinovac i Panađurski trg": settlements (and Roma settlements) the
        gazetteer cannot list; each becomes a place of its own."""
        name = r"\p{Lu}[\p{L}-]*(?:\s+(?:\p{Lu}[\p{L}-]*|\p{Ll}{3,}(?=\s*(?:,|\si\s|$|\.|;))))?"
        settlements = rx.compiled(
            rf"\b(?:naselj\p{{L}}*|mesn\p{{L}}*\s+zajednic\p{{L}}*)\s+({name}(?:\s*,\s*{name}|\s+i\s+{name})*)"
        )
        for m in settlements.finditer(self.w):
            pos = m.start(1)
            for part in rx.split(r"\s*,\s*|\s+i\s+", m.group(1)):
                start = self.w.find(part, pos)
                end = start + len(part)
                pos = end
                if start < 0 or not part or not self._free(start, end):
                    continue
                key = "place:naselje-" + "-".join(fold(part).split())
                self._add(Mention("place", start, end, part, part, "place.settlement-after-naselje", key, "settlement"))
        # "u dva romska naselja „Zemun polje“ i „Marija Bursać“ i dva naselja socijalnog stanovanja „Dr Ivan Ribar“":
        # quoted names listed after a settlement word and its modifiers are settlements, whatever they look like
        for m in _QUOTED_SETTLEMENTS.finditer(self.w):
            for q in _QUOTED_NAME.finditer(m.group(1)):
                start, end = m.start(1) + q.start(1), m.start(1) + q.end(1)
                if not self._free(start, end, {"org", "lsg", "person", "program"}):
                    continue
                self.mentions = [x for x in self.mentions if not (x.kind == "place" and start <= x.start < end)]
                part = self.w[start:end]
                key = "place:naselje-" + "-".join(fold(part).split())
                self._add(Mention("place", start, end, part, part, "place.settlement-after-naselje", key, "settlement"))

    def _descriptive_lsg_prefixes(self) -> None:
        """ "sa partnerskom opštinom Tutin" names a place; the local government acts only where the text
        writes it as a name ("Grad Kruševac", "Opština Bor") at least once."""
        named = {m.key for m in self.mentions if m.kind == "lsg" and m.surface[:1].isupper()}
        for m in self.mentions:
            if m.kind == "lsg" and m.key not in named and not self._acting_position(m.start):
                m.kind = "place"
                m.name = gazetteer.entries()[m.key].name if m.key in gazetteer.entries() else m.name
                m.rule = m.rule.replace("#lsg", "#descriptive-prefix")

    def _towns_of_titles(self) -> None:
        """ "Gradonačelnik Pirota Nebojša Ranđelović", "zamenik gradonačelnika Valjeva": a town right after the
        title of its official is its local government, which acts through that official; so is one right after the
        budget it pays from ("iz lokalnog budžeta Prokuplja")."""
        for m in self.mentions:
            if m.kind != "place" or m.subtype not in _LSG_LABEL or m.key not in gazetteer.entries():
                continue
            before = rx.search(r"(\p{L}+)\s+$", self.w[max(0, m.start - 30) : m.start])
            if before is not None and fold(before.group(1)) in _title_words():
                m.kind, m.rule = "lsg", m.rule + "#official"
                m.name = f"{_LSG_LABEL[m.subtype]} {gazetteer.entries()[m.key].name}"
            elif before is not None and fold(before.group(1)) in ("budzeta", "budzetom", "budzetu"):
                # "iz lokalnog budžeta Prokuplja", "u budžetu Pančeva": the town whose budget pays is its local
                # government
                m.kind, m.rule = "lsg", m.rule + "#budget"
                m.name = f"{_LSG_LABEL[m.subtype]} {gazetteer.entries()[m.key].name}"

    def _recipient_lists(self) -> None:
        """ "po kome su sredstva dobili Bač, Kula i Apatin": municipality names listed as the recipients of
        funds are local governments that act (they won the grant), not places. The list stands right after
        the cue or right before it; only commas, "i", dashes and a count with "opština/gradova" come between."""
        cue = _recipient_regex()
        lsg_places = (m for m in self.mentions if m.kind == "place" and m.subtype in _LSG_LABEL)
        places = sorted(lsg_places, key=lambda m: m.start)
        if not places:
            return
        low = self.w.lower()
        if len(low) != len(self.w):
            return  # offsets must stay those of the working copy
        local = sorted(
            (m for m in self.mentions if m.kind in ("place", "lsg") and m.subtype in _LSG_LABEL), key=lambda m: m.start
        )
        for hit in lsg_list_lead_regex().finditer(low):
            before = low[max(0, hit.start() - 40) : hit.start()]
            if rx.search(r"\b(?:u|na|iz|po|kroz|širom|poset\w*|obila[sz]\w*)\s+(?:\S+\s+){0,2}$", before):
                continue  # "realizovan je u sledećih 30 opština: ...", "12 poseta opštinama ...": where, not who
            # "opštine Golubac, ...": the first name may already carry the plural noun as its prefix
            first = next((m for m in local if m.start >= hit.start()), None)
            if first is None:
                continue
            if first.start == hit.start():
                listed = [first, *self._list_near(places, first.start, first.end, before_too=False, lead=False)]
            else:
                listed = self._list_near(places, hit.start(), hit.end(), before_too=False)
            if len(listed) >= 2:
                self._act_as_local_governments(listed)
        for hit in cue.finditer(low):
            self._act_as_local_governments(self._list_near(places, hit.start(), hit.end()))

    @staticmethod
    def _act_as_local_governments(listed: list[Mention]) -> None:
        for m in listed:
            if m.kind == "place":
                m.kind = "lsg"
                m.name = f"{_LSG_LABEL[m.subtype]} {m.name}"
                m.rule = m.rule + "#listed-local-government"

    def _list_near(
        self, places: list[Mention], cs: int, ce: int, before_too: bool = True, lead: bool = True
    ) -> list[Mention]:
        glue = r"(?:\s*(?:,|\bi\b|\bи\b|[–—:-])\s*|\s+)"
        opening = r"\s*(?:\d+\s+)?(?:\p{L}*(?:opštin|gradov|grad|samouprav)\p{L}*)?\s*[–—:-]?\s*" if lead else glue
        after = [m for m in places if m.start >= ce]
        out: list[Mention] = []
        if after and rx.fullmatch(opening, self.w[ce : after[0].start]):
            out.append(after[0])
            for m in after[1:]:
                if not rx.fullmatch(glue, self.w[out[-1].end : m.start]):
                    break
                out.append(m)
        before = [m for m in places if m.end <= cs] if before_too else []
        if not out and before and rx.fullmatch(r"\s*(?:su|je|nisu)?\s*", self.w[before[-1].end : cs]):
            out.append(before[-1])
            for m in reversed(before[:-1]):
                if not rx.fullmatch(glue, self.w[m.end : out[-1].start]):
                    break
                out.append(m)
        return out

    def _states_in_actor_lists(self) -> None:
        """ "Finansiraju ga Stalna konferencija gradova i opština, Grad Čačak i Švajcarska": a country listed with
        organisations or local governments acts as a state (a donor), not as a place."""
        ordered = sorted(self.mentions, key=lambda m: m.start)
        for k, m in enumerate(ordered):
            # (a province named as one, "Autonomne Pokrajine Vojvodine", "AP Vojvodina", acts as a state does)
            province = m.kind == "place" and m.subtype == "region" and _PROVINCE.match(m.surface)
            if m.kind != "place" or (m.subtype != "country" and not province):
                continue
            before = ordered[k - 1] if k else None
            after = ordered[k + 1] if k + 1 < len(ordered) else None
            joined_before = (
                before is not None
                and before.kind in ("org", "lsg")
                and _LIST_JOIN.fullmatch(self.w[before.end : m.start])
            )
            # ("... životu Republike Srbije, Nacionalna akademija ...": a comma after the country opens a clause)
            joined_after = (
                after is not None and after.kind in ("org", "lsg") and _AND.fullmatch(self.w[m.end : after.start])
            )
            first = before if joined_before else m
            if rx.search(r"\b(?:u|na|iz|širom|van)\s+$", self.w[max(0, first.start - 8) : first.start]):
                continue  # "najveća manjina u EU i Srbiji": where, not who
            # "uz podršku Kraljevine Norveške", "finansira Švajcarska": a country a funding cue names is a donor
            funded = patterns.funder_cue_before().search(self.w[max(0, m.start - 40) : m.start].lower())
            nxt = _NEXT_WORD.match(self.w, m.end)
            if nxt and nxt.group(1).islower() and nxt.group(1) not in patterns.word_list("function_words.csv"):
                funded = None  # "finansira Nemačka organizacija za tehničku saradnju": the start of a name
            if joined_before or joined_after or funded:
                m.kind, m.subtype, m.key = "org", "government_body", None
                m.rule += "#state"
                if province:
                    m.name = f"AP {m.name}"

    def _bare_subjects(self) -> None:
        """ "Novi Pazar nastavlja sprovođenje projekta", "Bačka Palanka stipendira romske učenike": a town's name
        that opens a sentence and is followed by a role verb (data/patterns/role_cues.csv), or by "je jedan od N
        gradova" (one of the towns a program works with), is its local government acting; a country's name so
        placed ("Švajcarska je poverila ...") is its state."""
        for m in self.mentions:
            if m.kind != "place" or (m.subtype not in _LSG_LABEL and m.subtype != "country"):
                continue
            before = self.w[max(0, m.start - 5) : m.start]
            # ("... Roma. - Leskovac izdvaja ...": a dash after the full stop opens reported speech)
            # (a country may stand after a fronted phrase: "Za projekat „X“ Švajcarska je obezbedila ...")
            fronted = (
                m.subtype == "country"
                and m.start > 0
                and self.w[m.start - 1].isspace()
                and not rx.search(
                    r"\b(?:u|na|iz|za|sa|od|do|kod|prema|ka|ili|i)\s+$", self.w[max(0, m.start - 8) : m.start], regex.I
                )
            )
            if m.start and not fronted and not rx.search(r"(?:^|[.!?\n])\s*(?:[-–—]\s*)?$", before):
                continue
            after = self.w[m.end : m.end + 60].lower()
            cue = patterns.any_role_cue().search(after)
            one_of = patterns.context_cue("one-of-towns").match(self.w, m.end)  # "Vranje je jedan od 13 gradova"
            if not one_of and (cue is None or not rx.fullmatch(r"\s+(?:je\s+|su\s+|će\s+)?", after[: cue.start()])):
                continue
            if m.subtype == "country":
                # "Švajcarska je poverila organizaciji X ...": a country acting is its state, a donor
                if one_of:
                    continue
                m.kind, m.subtype, m.key = "org", "government_body", None
                m.rule += "#state-subject"
                continue
            m.kind = "lsg"
            m.name = f"{_LSG_LABEL[m.subtype]} {m.name}"
            m.rule += "#subject"

    def _town_administrations(self) -> None:
        """ "Gradska uprava grada Pirota", "Gradskom upravom Valjevo", "u saradnji sa Gradskom upravom": a town's
        administration is an organisation of its own (the corpus's gold has it so), of the town written after it,
        else of the town the text speaks of most. Its name follows the usual "Gradska uprava grada X" whatever case
        the text writes it in; its English label is "City Administration of X"."""
        towns = [m for m in self.mentions if m.kind in ("place", "lsg") and m.subtype in _LSG_LABEL and m.key]
        lead = leading([m.key for m in towns])
        by_start = {m.start: m for m in towns}
        for hit in _ADMINISTRATION.finditer(self.w):
            s, e = hit.span()
            if _REMIT_AFTER.match(self.w, e) or not self._free(s, e):
                continue  # "Gradska uprava za socijalnu zaštitu": a department the organisation heads read
            key = lead
            tail = _TOWN_OF.match(self.w, e)
            town = by_start.get(tail.end()) if tail else None
            if town is None:
                town = by_start.get(e + 1) if self.w[e : e + 1] == " " else None
            if town is not None:
                key, e = town.key, town.end
            entry = gazetteer.entries().get(key.split("#")[0]) if key else None
            if entry is None:
                continue
            city = fold(hit.group(1)).startswith("grad")
            gen = sorted(forms_of_case(entry.name, "gen"))[0]
            name = f"Gradska uprava grada {gen}" if city else f"Opštinska uprava opštine {gen}"
            english = f"{'City' if city else 'Municipal'} Administration of {entry.english or entry.name}"
            self.mentions = [m for m in self.mentions if not (m.kind in ("place", "lsg") and s <= m.start < e)]
            self._add(
                Mention(
                    "org",
                    s,
                    e,
                    self.w[s:e],
                    name,
                    "org.town-administration",
                    None,
                    "government_body",
                    info={"english": english},
                )
            )

    def _local_government_references(self) -> None:
        """ "uz podršku lokalne samouprave", "Grad je obezbedio udžbenike", "saradnja sa Opštinom": in a text that
        speaks of one town more than of any other, these words stand for that town's local government, which
        acts (data/patterns/lsg_references.csv)."""
        key = leading(
            [m.key for m in self.mentions if m.kind in ("place", "lsg") and m.subtype in _LSG_LABEL and m.key]
        )
        if key is None:
            return  # no town, or two the text speaks of equally: whose local government is not said
        entry = gazetteer.entries().get(key)
        town = next(m for m in self.mentions if m.key == key)
        if entry is None or town.subtype not in _LSG_LABEL:
            return
        for hit in _lsg_reference_regex().finditer(self.w):
            s, e = hit.span()
            if _MANY_BEFORE.search(self.w, max(0, s - 20), s) or _PLURAL_AFTER.match(self.w, e):
                continue  # "sve lokalne samouprave", "lokalne samouprave su ...": many, not this town's (or a label)
            prev = WORD_BEFORE.search(self.w, max(0, s - 30), s)
            if fold(hit.group()).startswith("lokalne") and prev and _is_verb_form(prev.group(1)):
                continue  # "podržava lokalne samouprave": an object in the plural, not "uz podršku lokalne samouprave"
            if not self._free(s, e):
                continue
            self._add(
                Mention(
                    "lsg",
                    s,
                    e,
                    self.w[s:e],
                    f"{_LSG_LABEL[town.subtype]} {entry.name}",
                    "lsg.reference",
                    key,
                    town.subtype,
                )
            )

    def _acting_position(self, start: int) -> bool:
        """ "koji opština Boljevac realizuje", "sa opštinom Gadžin Han": a local government written in lower
        case still acts where it stands as a subject or a party (after a relative pronoun, "sa", "i",
        "između", a comma, at a sentence start); after "u", "na", "iz" or an adjective it is a place."""
        before = rx.search(r"(\p{L}+|[,.!?;:\n])\s*$", self.w[max(0, start - 30) : start])
        if before is None:
            return True
        word = fold(before.group(1))
        cue = patterns.role_verb_cue().search(self.w[max(0, start - 30) : start].lower())
        # "predsednik opštine Prokuplje": the local government of a titled person acts through them; "realizuje
        # opština Stara Pazova": so does one right after a funding or implementing verb.
        return (
            # ("Nosilac projekta je grad Šabac": a copula may stand between)
            (cue is not None and rx.fullmatch(r"\s*(?:(?:je|su)\s+)?", self.w[max(0, start - 30) : start][cue.end() :]))
            # ("sopstveno učešće opštine Barajevo": the owner of the funds right after them)
            or patterns.owner_cue().search(self.w[max(0, start - 40) : start].lower()) is not None
            or word in _RELATIVE_WORDS
            or word in patterns.word_list("acting_before.csv")
            or not word.isalpha()
            or word in _title_words()
        )


@lru_cache(maxsize=1)
def _lsg_reference_regex() -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{r['regex']})" for r in patterns.read_rows("lsg_references.csv")))


@lru_cache(maxsize=1)
def lsg_list_lead_regex() -> regex.Pattern[str]:
    rows = [r["regex"] for r in patterns.read_rows("lsg_list_leads.csv")]
    return rx.compiled(r"\b(?:" + "|".join(rows) + r")\b")


@lru_cache(maxsize=1)
def _recipient_regex() -> regex.Pattern[str]:
    rows = [r["regex"] for r in patterns.read_rows("recipient_cues.csv")]
    return rx.compiled(r"\b(?:" + "|".join(rows) + r")")


@cache
def _seat_suffix() -> regex.Pattern[str]:
    rows = [r["regex"] for r in patterns.read_rows("org_seat_suffixes.csv")]
    # after a space, or a comma or dash that a row opens with ("NSZ – filijala Pirot, ispostava Bela Palanka")
    return regex.compile(r"(?:\s+|(?=\s*[,–-]))(?:" + "|".join(rows) + r")\b", regex.IGNORECASE)
