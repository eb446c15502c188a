"""Organisations the gazetteer does not list, and what makes a curated one out of a found one.

By head word (data/patterns/org_heads.csv), in five modes: a quoted name after the head ("Udruženje „X“"),
a capitalised name after it ("Dom zdravlja Bujanovac"), a name before it ("Telenor fondacija"), or the head's
complement ("Centar za socijalni rad Bujanovac"), or adjectives before it with only the first capitalised
("Romskom kulturnom prosvetnom centru"); a name ends at a function word, a verb (lemmagen3 lemma
ending in -ti/-ći) or a capital after lower-case words. Also: a quoted name that opens with a head word
("„Društvo Rom“"), an acronym in parentheses after a name ("... (UNOPS)"), an acronym followed by a town
("MUP Požarevac"), and a name that is a known organisation's but for a typo or two.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from rikg.loaders import gazetteer, patterns, rx
from rikg.loaders.facts import Mention
from rikg.loaders.inflection import phrase_case, phrase_features
from rikg.loaders.morphology import case_forms
from rikg.loaders.normalise import fold
from rikg.loaders.recognise.base import (
    _LINKING,
    _NAMED,
    _RELATIVE_WORDS,
    JOINING_WORDS,
    NOMINALISATION,
    YEAR,
    RecogniserBase,
    _is_verb_form,
    _title_words,
    _token_at,
    first_names,
    to_nominative,
)
from rikg.loaders.recognise.places import _lsg_prefixes
from rikg.loaders.tokens import Token, words_from

# a passive participle and the auxiliary after it: the clause's predicate ("Mreže ... održan je", "realizovani su")
_PREDICATE_PARTICIPLE = regex.compile(r"\p{Ll}{3,}(?:en|an|nut)(?:a|o|i|e)?\s+(?:je|su|će|bi|nije|nisu)\b")
_PARTICIPLE = regex.compile(r"\w{3}(?:en|an|nut)(?:a|o|e|i|u|ih|im|oj|og|om|ima)$")  # a passive participle's ending
# between the items of a list: ", ", " i ", " kao i " (the working copy is Latin)
_LIST_JOIN = regex.compile(r"\s*,\s*|\s+(?:kao\s+)?i\s+")
_SEAT_AFTER = regex.compile(r"\s+(?:u|iz)\s+")
_REMIT = regex.compile(r"\s(?:za|o)\s", regex.I)  # "... za rad, ...": a name that states its remit
# a known name's closing quote right after it ("„Daje“ iz Beograda")
_CLOSING_QUOTE_AFTER = regex.compile(r"\s*(?:[“”\x22»ˮ″]|''|’’)")
# a list member's seat in brackets: "„Ponos“ (Niš), „Romanipen“ (Kragujevac)"
_SEAT_IN_BRACKETS = regex.compile(r"\s*\(\p{Lu}[\p{L} -]{1,30}\)")
# between two quoted names of a list: ", ", " i ", ", i ", " kao i ", " te ", " zatim "
_QUOTED_LIST_JOIN = regex.compile(r"\s*,?\s*(?:(?:kao\s+)?i|te|zatim)\s+|\s*,\s*")
# "„Vuk Karadžić“ u Bajmoku, ...": the seat of a listed name, a town the gazetteer may not know
_LISTED_SEAT = regex.compile(r"\s+(?:u|iz)\s+\p{Lu}\p{Ll}+(?=\s*,|\s+(?:kao\s+)?i\s|\s+te\s|\s+zatim\s|\s*[.;]|$)")
_WORD_AFTER = regex.compile(r"[^\S\n]+(\p{L}+)")  # the next word on the line
_WORD_BEFORE_NAME = regex.compile(r"(\p{L}+)[^\S\n]$")
_TOWN_ADJECTIVE_BEFORE = regex.compile(r"\b\p{Ll}+(?:sk|čk|šk|ck)(?:i|og|om|oga|ome|e|a)\s+$")
_ROMAN = regex.compile(r"[IVXLC]+")
_CASE_ENDING = regex.compile(r"-(?:a|u|om|e|ov[aeiou]?\p{L}*)\b")
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\d]")
# between a cue and its actor only a pronoun, "sa" or a copula ("sprovodi ga", "u saradnji sa", "je")
_ONLY_LINKS = regex.compile(r"\s*(?:(?:ga|ih|je|su|sa|s|i|kao|organizacija|udruženje)\s+)*")
# up to four capitalised words (or numbers) before a company's legal form: "Dometra Ivanjica d.o.o."
_CAPITALISED_RUN = regex.compile(r"(?:(?:\p{Lu}[\p{L}\d&-]*|\d+)[^\S\n]+){1,4}$")
_REMIT_AFTER = regex.compile(r" za \p{Ll}")  # "... Ujedinjenih nacija za ljudska prava": the remit goes on
_ACRONYM_WORD = regex.compile(r"\p{Lu}{2,8}")  # "SODI", "ROSA": a name in capitals
_LIST_OPENS = regex.compile(r"\s*(?:,?\s*(?:i to|a to su|i to su|kao što su)\s*)?:?\s*")  # a plural noun, then its list
# ("tri udruženja i to: „A“, „B“ i „C“", "udruženja, a to su „A“ i „B“")
_SEAT_IN = regex.compile(r"\s+u\s+")
_GENITIVE_LSG = regex.compile(r"(?:opštine|grada|gradske opštine)\s", regex.I)
# Adjective endings: "Braničevskog" (a name word that needs its noun), "Romsko"/"Humanitarna" (before a head).
_GENITIVE_ADJECTIVE = r"(?:sk|čk|ck|šk)(?:og|e|ih)$"
_ADJECTIVE_BEFORE_HEAD = r"(?:sk|čk|ck|šk|n|ov|ev)[oaie]$"
# any case of such an adjective ("Romskim kulturnim centrom", "Internacionalni konzorcijum"), folded
_ADJECTIVE_FORM = r"(?:sk|ck|n|ov|ev)(?:i|a|o|e|og|oj|om|im|ih|u|ima|oga|ome)$"
# an adjective of a name written the Serbian way, only its first word capitalised ("Romskom kulturnom prosvetnom
# centru"): the stem and the case ending, folded (no possessive -ov/-ev: their nominative has no ending)
_NAME_ADJECTIVE = regex.compile(r"^(\p{L}{2,}(?:sk|čk|šk|ck|n))(ima|oga|ome|og|oj|om|im|ih|i|a|o|e|u)$")
_NOMINATIVE_ENDING = {"m": "i", "f": "a", "n": "o"}
_QUOTED_AFTER_PROGRAM_WORD = regex.compile(
    r"\b(?:projek|program|inicijativ|kampanj|akcij)\p{L}*\s*:?\s*[„“\"”«]\s*$", regex.I
)
_TOWN_KINDS = frozenset({"city", "municipality", "city_municipality"})  # the seats of a branch
_SEATED_IN_SERBIA = " u Srbiji"  # the gazetteer's names of bodies seated in Serbia end so
_DASHED_ACRONYM = regex.compile(r"[“”\"»]\s*[-–]\s*(\p{Lu}{2,8})$")
_SEAT_GAP = regex.compile(r"[^\S\n]+u[^\S\n]+")
_SERBIA = "place:srbija"
_QUOTED_ORG_RULES = ("org.head-quoted", "org.quoted-with-head", "org.quoted-in-list")  # a name the quotes delimit
_CLAUSE_WORDS = frozenset({"i", "a", "ili", "te", "kao", "ali", "dok", "pa", "jer", "u"})  # end a name after its head


class OrganisationsMixin(RecogniserBase):
    def _seats_abroad(self, places: dict[int, Mention]) -> None:
        """ "Delegacije Evropske unije u Crnoj Gori", "Misija OEBS-a u BiH": a body the gazetteer knows by its seat in
        Serbia, named by its short form and seated in another country, is that country's body, not Serbia's."""
        drop = set()
        for m in self.mentions:
            if m.kind != "org" or not m.key or not m.name.endswith(_SEATED_IN_SERBIA):
                continue
            gap = _SEAT_GAP.match(self.w, m.end)
            seat = places.get(gap.end()) if gap else None
            if seat is None or seat.key == _SERBIA or seat.subtype != "country":
                continue
            m.end = seat.end
            m.surface = self.w[m.start : m.end]
            m.name, m.key = f"{m.name[: -len(_SEATED_IN_SERBIA)]} {self.w[gap.start() : seat.end].strip()}", None
            drop.add(id(seat))
        self.mentions = [m for m in self.mentions if id(m) not in drop]

    def _misspelt_known_organisations(self) -> None:
        """ "Ministarstvo za ljudska i manjinska prava i drušveni dijalog": a name found by its head word that
        is a known organisation's name but for a typo or two is that organisation."""
        for m in self.mentions:
            if m.kind != "org" or m.key or len(m.name) < 20:
                continue
            entry = _known_organisation_near(fold(m.name))
            if entry is not None:
                m.key, m.name, m.subtype = entry.key, entry.name, entry.subtype
                m.rule += f"#typo-of:{entry.key}"

    def _acronym_seats(self) -> None:
        """ "MUP Požarevac", "NSZ Niš": an organisation's acronym followed by a town names its local branch;
        the town belongs to the mention (the organisation stays the same entity)."""
        places = {m.start: m for m in self.mentions if m.kind == "place"}
        drop = set()
        branches = _branch_keys()
        for m in self.mentions:
            branch = m.kind == "org" and m.key in branches
            if m.kind != "org" or not (branch or (m.surface.isupper() and len(m.surface) <= 8)):
                continue
            seat = places.get(m.end + 1)
            if branch and seat is not None and seat.subtype not in _TOWN_KINDS:
                # "Crveni krst Crne Gore": a country in the genitive after a branch's name is that country's
                # national body (the gazetteer's own national bodies, "Caritas Srbije", are read whole before this),
                # an organisation of its own and no state acting beside it
                if (
                    self.w[m.end] == " "
                    and seat.surface[:1].isupper()
                    and seat.subtype == "country"
                    and ("gen" in phrase_case(seat.surface.split()[-1:]))
                ):
                    m.end = seat.end
                    m.surface = self.w[m.start : m.end]
                    m.name, m.key = f"{m.name} {seat.surface}", None
                    drop.add(id(seat))
                continue  # "Caritas Srbije": a country after a branch's name is the national body, no branch
            if seat is not None and self.w[m.end] == " " and seat.surface[:1].isupper():
                m.end = seat.end
                m.surface = self.w[m.start : m.end]
                drop.add(id(seat))
                if branch:
                    m.name, m.key = f"{m.name} {seat.name}", None
        self.mentions = [m for m in self.mentions if id(m) not in drop]
        self._seats_abroad(places)
        for m in self.mentions:
            # "Danski Crveni krst", "Španskog Crvenog krsta": a country's adjective before a branch's name names that
            # country's national society, no local branch and no state acting beside it
            if m.kind != "org" or m.key not in branches:
                continue
            adjective = _country_adjective_before().search(self.w, max(0, m.start - 25), m.start)
            if adjective is not None and adjective.group(1)[:1].isupper():
                drop |= {id(o) for o in self.mentions if adjective.start(1) <= o.start < m.start}
                m.start, m.surface = adjective.start(1), self.w[adjective.start(1) : m.end]
                m.name, m.key = f"{adjective.group(1)}i {m.name}", None
        self.mentions = [m for m in self.mentions if id(m) not in drop]
        # "Caritas Srbije posvećuje pažnju ... Caritas je ...": a branch's name alone, in a text that names one such
        # body with its seat or country, is that body
        for m in self.mentions:
            if m.kind != "org" or m.key not in branches:
                continue
            prefix = fold(m.surface) + " "
            # (or one of its family in the gazetteer, whatever the case: "Karitasa Švajcarske ... Karitasom")
            # (not when the text names a branch by its town too, "Crvenog krsta Trstenik": the bare name may be it)
            family = f"{m.key}-"
            # (nor when a town's adjective goes before it, "trsteničkog Crvenog krsta": that town's branch)
            branch_named = any(
                o.kind == "org" and o.key is None and o.name.startswith(f"{m.name} ") for o in self.mentions
            ) or bool(_TOWN_ADJECTIVE_BEFORE.search(self.w, max(0, m.start - 30), m.start))
            fuller = {
                (o.key, o.name)
                for o in self.mentions
                if o.kind == "org"
                and (fold(o.surface).startswith(prefix) or (not branch_named and (o.key or "").startswith(family)))
            }
            if len(fuller) == 1:
                m.key, m.name = next(iter(fuller))

    def _seats_in_genitive(self) -> None:
        """ "Centar za socijalni rad „DR Mihajlo Stupar“ opštine Knjaževac": the local government in the genitive
        right after an institution's name says whose institution it is; it is part of that mention, not an actor
        of its own."""
        lsgs = {m.start: m for m in self.mentions if m.kind == "lsg"}
        drop = set()
        for m in self.mentions:
            if m.kind != "org":
                continue
            seat = lsgs.get(m.end + 1)
            if seat is None or self.w[m.end] != " " or not _GENITIVE_LSG.match(seat.surface):
                continue
            m.end = seat.end
            m.surface = self.w[m.start : m.end]
            drop.add(id(seat))
        self.mentions = [m for m in self.mentions if id(m) not in drop]

    def _offices_of_titles(self) -> None:
        """ "pokrajinski sekretar za socijalnu politiku ...", "ministarka građevinarstva": a title with the
        remit of an office names the office (data/patterns/office_titles.csv); the person is its signatory."""
        low = self.w.lower()
        for pattern, office, kind in patterns.office_titles():
            for hit in pattern.finditer(low):
                i = _token_at(self.tokens, hit.end())
                if i >= len(self.tokens) or self.tokens[i].start != hit.end() + 1 or self.tokens[i].is_capitalised:
                    continue  # "ministarku Kostić": a surname, not a remit
                first = self.tokens[i]
                if first.folded != "za" and "gen" not in phrase_case([first.text]):
                    continue  # "uručio je pokrajinski sekretar predstavnicima opština": a dative, no remit
                tail = self._complement(i)
                if tail is None or not self._free(hit.start(), tail.end, {"org", "person", "program", "lsg"}):
                    continue
                name = " ".join(f"{office} {self.w[hit.end() : tail.end]}".split())
                self._add(
                    Mention(
                        "org",
                        hit.start(),
                        tail.end,
                        self.w[hit.start() : tail.end],
                        name,
                        f"org.office-of-title({hit.group()})",
                        None,
                        kind,
                    )
                )

    # -- organisations by head word -------------------------------------------------------------
    def organisations(self) -> None:
        by_first = _org_heads_by_first_word()
        self._inside_names: set[int] = set()  # starts of known names a complement ran through (_complement)
        i = 0
        while i < len(self.tokens):
            t = self.tokens[i]
            if not t.is_word:
                i += 1
                continue
            found = None
            for head_tokens, head, kind, mode in by_first.get(t.folded, ()):
                if mode == "adjectives":
                    continue  # read late, by _adjective_names, once curated and quoted names have their spans
                n = len(head_tokens)
                words = words_from(self.tokens, i, self.w, n)
                if len(words) < n or tuple(w.folded for w in words) != head_tokens:
                    continue
                if mode == "acronym_quoted" and not words[0].is_upper:
                    continue
                found = self._org_after_head(words, head, kind, mode)
                if found:
                    break
            if found:
                # A longer pattern name may hold a curated one ("Tim Saveta Evrope ..."), never repeat it.
                clash = [
                    m
                    for m in self.mentions
                    if m.kind == "org"
                    and m.start < found.end
                    and found.start < m.end
                    and not (
                        found.start <= m.start and m.end <= found.end and (m.end - m.start) < (found.end - found.start)
                    )
                ]
                # ("Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja poziva građane": a known name that
                # holds its own remit is whole; the genitive-looking words after it are the clause's, not the name's)
                known_whole = [
                    m
                    for m in self.mentions
                    if m.kind == "org"
                    and m.key
                    and m.start == found.start
                    and m.end < found.end
                    and _REMIT.search(self.w, m.start, m.end)
                ]
                if not clash and not known_whole:
                    self._curated_core(found)
                    # A pattern name overrides places inside it ("JKP „Kruševac“"), and a curated name that is only
                    # its head ("Koordinaciono telo za inkluziju Roma grada Pančeva" is not the national body
                    # "Koordinaciono telo")
                    self.mentions = [
                        m
                        for m in self.mentions
                        if not (m.kind in ("place", "lsg") and found.start <= m.start < found.end)
                        and not (m.kind == "org" and m.start == found.start and m.end < found.end)
                        and not (m.kind == "org" and m.start in self._inside_names and found.start < m.start)
                    ]
                    self._add(found)
                i = _token_at(self.tokens, found.end)
            else:
                i += 1

    def _utility_name_tail(self, last: Token) -> list[Token]:
        """The small-letter words (over "i") and the seat that go on with a utility's name after its last capital."""
        stops = patterns.word_list("function_words.csv")
        out: list[Token] = []
        for t in words_from(self.tokens, last.index + 1, self.w, 5):
            if self.w[(out[-1] if out else last).end : t.start] != " ":
                break
            seat = next((m for m in self.mentions if m.kind in ("place", "lsg") and m.start == t.start), None)
            if seat is not None:
                out += [x for x in words_from(self.tokens, t.index, self.w, 4) if x.end <= seat.end]
                break  # the seat ends the name
            if t.is_capitalised or (t.folded in stops and t.folded != "i") or _is_verb_form(t.text):
                break
            out.append(t)
        while out and out[-1].folded == "i":
            out.pop()
        return out

    def _country_bodies(self) -> None:
        """ "Japanska vlada je izdvojila ...", "uz podršku Norveške ambasade u Beogradu": a state's government or
        embassy named by the country's adjective (data/patterns/country_adjectives.csv), in either case."""
        low = self.w.lower()
        if "vlad" not in low and "ambasad" not in low:
            return  # (the case-insensitive alternation is the costly part; most texts name neither)
        for hit in _country_body_regex().finditer(self.w):
            s, e = hit.span()
            if s and self.w[s - 1].isalpha():
                continue
            e = self._seat_places(e) if hit.group(2).lower().startswith("ambasad") else e
            if not self._free(s, e, {"org", "person", "program"}):
                continue
            head = "ambasada" if hit.group(2).lower().startswith("ambasad") else "vlada"
            seat = " ".join(self.w[hit.end() : e].split())
            name = " ".join(f"{hit.group(1).capitalize()}a {head} {seat}".split())
            self.mentions = [m for m in self.mentions if not (m.kind in ("place", "lsg") and s <= m.start < e)]
            self._add(Mention("org", s, e, self.w[s:e], name, "org.country-adjective", None, "government_body"))

    def _companies(self) -> None:
        """ "Izvođač radova: Dometra Ivanjica d.o.o.", "„Negal d. o. o.“ i „Jadran d. o. o.“": a company named with its
        legal form (data/patterns/company_forms.csv), the quoted name that ends with it or the capitalised words
        just before it; places inside are part of the name."""
        forms, written = patterns.company_forms()
        stops = patterns.word_list("function_words.csv")
        for hit in forms.finditer(self.w):
            s, e = hit.span()
            if not s or not self.w[s - 1].isspace():
                continue  # a form stands after the name, as a word of its own
            form = next((w for f, w in written if f.fullmatch(hit.group())), hit.group())
            q = next((q for q in self.quotes if q.inner_start < s and e <= q.inner_end + 1 and q.end >= e), None)
            if q is not None:
                start, end, core = q.start, q.end, " ".join(self.w[q.inner_start : s].split())
            else:
                words = _CAPITALISED_RUN.search(self.w, max(0, s - 80), s)
                if words is None:
                    continue
                names = words.group().split()
                while names and fold(names[0]) in stops:
                    names.pop(0)
                if not names:
                    continue
                start, end, core = s - len(words.group()) + words.group().index(names[0]), e, " ".join(names)
            if not core or not core[0].isupper() or not self._free(start, end, {"org", "person", "program"}):
                continue
            self.mentions = [m for m in self.mentions if not (m.kind in ("place", "lsg") and start <= m.start < end)]
            self._add(
                Mention(
                    "org",
                    start,
                    end,
                    self.w[start:end],
                    f"{core} {form}",
                    "org.company-form",
                    None,
                    "company",
                    aliases=[core],
                )
            )

    def _english_names(self) -> None:
        """ "podržao je Civil Rights Defenders", "Hilfswerk Austria International": a foreign organisation under its
        English name, two to six capitalised words of the Latin alphabet (linked by "for", "of", "and"), one of them
        an English word for an organisation (data/patterns/org_heads_english.csv)."""
        heads = patterns.word_list("org_heads_english.csv")
        if not _english_head_in().search(self.w):
            return  # (most texts have none: one search instead of a pass over the tokens)
        i = 0
        while i < len(self.tokens):
            t = self.tokens[i]
            if not (t.is_word and t.is_capitalised and t.text.isascii() and t.text.isalpha()):
                i += 1
                continue
            run = [t]
            j = i + 1
            while j < len(self.tokens) and len(run) < 8:
                x = self.tokens[j]
                if self.w[run[-1].end : x.start] != " " or not (x.is_word and x.text.isascii() and x.text.isalpha()):
                    break
                if not x.is_capitalised and not (
                    x.text in ("for", "of", "and") and j + 1 < len(self.tokens) and self.tokens[j + 1].is_capitalised
                ):
                    break
                run.append(x)
                j += 1
            while run and not run[-1].is_capitalised:
                run.pop()
            words = [x for x in run if x.is_capitalised]
            if 2 <= len(words) <= 6 and any(x.folded in heads for x in words) and not self._alone_on_its_line(run):
                s, e = run[0].start, run[-1].end
                inside = [m for m in self.mentions if m.start < e and s < m.end]
                # a place inside the name is part of it ("Vojvodina Roma Centre for Democracy")
                if all(m.kind in ("place", "lsg") and s <= m.start and m.end <= e for m in inside):
                    self.mentions = [m for m in self.mentions if m not in inside]
                    name = self.w[s:e]
                    self._add(Mention("org", s, e, name, name, "org.english-name", None, "ngo"))
            i = j

    def _alone_on_its_line(self, run: list[Token]) -> bool:
        """A run of English words that is a line of its own (a page's title or menu), not a name in a sentence."""
        ls = self.w.rfind("\n", 0, run[0].start) + 1
        le = self.w.find("\n", run[-1].end)
        line = self.w[ls : le if le >= 0 else len(self.w)]
        return line.strip() == self.w[run[0].start : run[-1].end]

    def _curated_core(self, found: Mention) -> None:
        """ "Ženski Romski centar „Bibija“": a quoted name that is a curated organisation's makes the whole mention
        that organisation (the head and adjectives around it are only how this text calls it)."""
        if not found.rule.startswith("org.head-quoted"):
            return
        inner = {(q.inner_start, q.inner_end) for q in self.quotes if found.start <= q.start and q.end <= found.end}
        core = next((m for m in self.mentions if m.kind == "org" and m.key and (m.start, m.end) in inner), None)
        if core is not None:
            found.key, found.name, found.subtype = core.key, core.name, core.subtype
            found.rule += f"#curated:{core.key}"
            self.mentions.remove(core)

    def _org_after_head(self, words: list[Token], head: str, kind: str, mode: str) -> Mention | None:
        s, head_end = words[0].start, words[-1].end
        lead = self._adjective_before(words[0]) if mode in ("quoted", "named") else None
        head_nom = head if head.isupper() else head[0].upper() + head[1:]
        if lead is not None:
            # "Romsko udruženje žena „RUŽ“": the adjective before the head opens the name.
            s, head_nom = lead.start, f"{self.w[lead.start : words[0].start].strip()} {head}"
        if mode in ("quoted", "acronym_quoted"):
            q = None
            for qq in self.quotes:
                # (a single line break may stand between them: "NVO\n„Inicijative mladih Opova“", a wrapped line)
                gap = self.w[head_end : qq.start]
                if (
                    head_end <= qq.start <= head_end + 25
                    and not rx.search(r"[.;:]|\n[^\S\n]*\n", gap)
                    and ("\n" not in gap or not gap.strip())
                ):
                    q = qq
                    break
            if q is None:
                return None
            if self._not_this_head(words[0], head):
                return None  # "Mesne zajednice „Mužlja“" is a part of a municipality, not an organisation
            inner = self.w[q.inner_start : q.inner_end]
            mid = self.w[head_end : q.start].strip()
            if mid and not rx.fullmatch(r"(?:\p{L}+\s*){0,2}", mid):
                return None
            if any(_is_verb_cue(fold(x)) or fold(x) in _program_head_words() for x in mid.split()):
                return None  # "Romski ženski centar realizuje projekat „X“": the quote names the project
            before = self.tokens[words[0].index - 1] if words[0].index else None
            if (
                before is not None
                and before.folded in _program_head_words()
                and len(inner.split()) > 1
                and NOMINALISATION.search(fold(inner.split()[0]))
            ):
                # "u okviru projekta Fondacije „Podsticanje zapošljavanja mladih Roma“": after a program word, a
                # quoted act names the program; the head says whose it is
                return None
            end = q.end
            tail = rx.match(r"\s*[-–]\s*(\p{Lu}\p{L}+)", self.w[end : end + 40])
            if tail:
                end += tail.end()
            name_core = " ".join(inner.split())
            keep_head = kind not in ("association", "ngo") or mode == "acronym_quoted"
            full = f"{head_nom} {mid + ' ' if mid else ''}{name_core}".strip()
            name = full if keep_head else name_core
            return Mention(
                "org", s, end, self.w[s:end], name, f"org.head-quoted({head})", None, kind, aliases=[full, name_core]
            )
        if mode == "acronym":
            nxt = words_from(self.tokens, words[-1].index + 1, self.w, 1)
            if not nxt or self.w[head_end : nxt[0].start] != " " or not _ACRONYM_WORD.fullmatch(nxt[0].text):
                return None
            if not self._free(nxt[0].start, nxt[0].end):
                return None  # "organizacija UNICEF": a name we know speaks for itself
            after = words_from(self.tokens, nxt[0].index + 1, self.w, 2)
            person = len(after) == 2 and after[0].folded in first_names() and self._capitalised_next(after[0])
            if self._capitalised_next(nxt[0]) and not person:
                return None  # "u organizaciji CIP Centra za interaktivnu pedagogiju": the capitals open a longer name
            end, name = nxt[0].end, nxt[0].text
            return Mention(
                "org",
                s,
                end,
                self.w[s:end],
                name,
                f"org.head-acronym({head})",
                None,
                kind,
                aliases=[f"{head_nom} {name}", name],
            )
        if mode == "named":
            if kind == "school" and not words[0].is_capitalised:
                return None  # "završava osnovnu ili srednju školu": a school in general, none named
            if self._not_this_head(words[0], head):
                return None  # "uz organizaciju Dana Roma": the organising of an event (org_head_not_after.csv)
            nxt = words_from(self.tokens, words[-1].index + 1, self.w, 4)
            name_words = []
            for t in nxt:
                # ("NVO Urban-In": a hyphen joins the parts of one name)
                if name_words and self.w[name_words[-1].end : t.start] not in (" ", "-"):
                    break  # "Centra za socijalni rad Grada Novog Sada, Doma zdravlja": the comma ends the name
                if t.folded in first_names() and (not name_words or self._capitalised_next(t)) and kind != "school":
                    # "Centar za socijalni rad Dragana Ristić", "udruženja IDC Nikola Pešić": a person follows (a
                    # school carries a person's name: "Narodnim univerzitetom Božidar Adžija")
                    break
                if t.is_capitalised and fold(t.text) not in patterns.word_list("function_words.csv"):
                    name_words.append(t)
                else:
                    break
            if not name_words or self.w[head_end : name_words[0].start] != " ":
                return None  # "NVO\n\nPredstavnici ...": a name does not start on the next line
            first = name_words[0]
            if self._is_org_head(first.index):
                # "partnerske organizacije Udruženja X", "Udruženje Društvo Roma": the next words are a body's name
                # with its own head, read whole by the rule of that head
                return None
            known = next((m for m in self.mentions if m.kind == "org" and m.key and m.start == first.start), None)
            if known is not None:
                if words[0].is_upper and len(words) == 1:
                    # ("NVO Praxis": the kind's acronym labels the known name; the mention takes it, so that a list
                    # "A, NVO Praxis, B i C" stays one list)
                    known.start, known.surface = s, self.w[s : known.end]
                return None  # "organizacija UNICEF", "organizacije Caritas Srbije": a known name speaks for itself
            if not words[0].is_capitalised and all(self._name_word(t) for t in name_words):
                return None  # "udruženja Roma": associations of Roma in general, no one named
            after = words_from(self.tokens, name_words[-1].index + 1, self.w, 1)
            if (
                after
                and rx.search(_GENITIVE_ADJECTIVE, name_words[-1].folded)
                and after[0].text.islower()
                and self.w[name_words[-1].end : after[0].start] == " "
                and after[0].folded not in patterns.word_list("function_words.csv")
            ):
                # "Udruženje Roma Braničevskog okruga": a capitalised adjective needs the noun it agrees with.
                name_words.append(after[0])
            elif (
                after
                and all(self._name_word(t) for t in name_words)
                and after[0].text.islower()
                and self.w[name_words[-1].end : after[0].start] == " "
                and after[0].folded not in patterns.word_list("function_words.csv")
            ):
                return None  # "Udruženja Roma braničevskog okruga": a common noun goes on; the complement names it
            if kind == "public_utility":
                # "JKP Vodovod i kanalizacija Novi Pazar", "JP Gradska čistoća": a utility's name goes on in small
                # letters, over "i", to its seat
                name_words += self._utility_name_tail(name_words[-1])
            inner = words_from(self.tokens, name_words[-1].index + 1, self.w, 2)
            if (
                len(inner) == 2
                and inner[0].text.islower()
                and self.w[name_words[-1].end : inner[0].start] == " "
                and self._is_org_head(inner[0].index)
                and inner[1].folded == "za"
            ):
                # "Udruženje građana Romski centar za demokratiju": the name is itself a body's, with its remit
                tail = self._complement(inner[0].index + 1)
                if tail is not None:
                    name_words += [inner[0], tail]
            end = name_words[-1].end
            core = self.w[name_words[0].start : end]
            full = f"{head_nom} {core}"
            # An NGO is known by its own name ("Eneka"); an institution by head and seat ("Dom zdravlja Bujanovac"),
            # and so is an association named by whom it gathers ("Federacija Roma Srbije", not "Roma Srbije").
            # ("Omladinski savet Požarevac": a core that is only a place is the seat, the head stays in the name)
            seat_only = any(
                m.kind in ("place", "lsg") and m.start == name_words[0].start and m.end >= end for m in self.mentions
            )
            own = kind in ("ngo", "association") and not self._name_word(name_words[0]) and not seat_only
            name = core if own else full
            return Mention(
                "org", s, end, self.w[s:end], name, f"org.head-named({head})", None, kind, aliases=[full, core]
            )
        if mode == "before":
            prev = []
            for t in reversed(self.tokens[max(0, words[0].index - 3) : words[0].index]):
                if not t.is_word or self.w[t.end : (prev[0].start if prev else words[0].start)] != " ":
                    break  # "... i Smedereva. Telenor fondacija": a full stop ends the name
                prev.insert(0, t)
            name_words = []
            for t in reversed(prev):
                if t.is_capitalised and fold(t.text) not in patterns.word_list("function_words.csv"):
                    name_words.insert(0, t)
                else:
                    break
            if name_words and any(
                name_words[0].folded.startswith(st) and len(name_words[0].folded) - len(st) <= 3
                for st in _ordinal_stems()
            ):
                # "Prvi Romski kulturni centar u Srbiji ...": an ordinal opening the sentence counts, it names nothing
                name_words = name_words[1:]
            if not name_words:
                return None
            s2 = name_words[0].start
            if _QUOTED_AFTER_PROGRAM_WORD.search(self.w, max(0, s2 - 30), s2):
                return None  # "projekat „Poslovni centar Požarevac: ...“": the quote names the project
            name = f"{self.w[s2 : words[0].start].strip()} {head}"
            # "Edukativni centar Roma iz Subotice": a genitive names carry goes on with the name
            nxt = words_from(self.tokens, words[-1].index + 1, self.w, 1)
            if (
                nxt
                and self.w[head_end : nxt[0].start] == " "
                and nxt[0].is_capitalised
                and nxt[0].folded in patterns.word_list("name_words.csv")
            ):
                head_end, name = nxt[0].end, f"{name} {nxt[0].text}"
            remit = words_from(self.tokens, words[-1].index + 1, self.w, 1)
            if remit and remit[0].folded == "za" and self.w[head_end : remit[0].start] == " " and name_words:
                tail = self._complement(words[-1].index + 1)
                if tail is not None:
                    # "Regionalni centar za razvoj Roma iz Leskovca": the remit after the head is in the name
                    head_end, name = tail.end, f"{name} {' '.join(self.w[head_end : tail.end].split())}"
            seat = next(
                (m for m in self.mentions if m.kind == "place" and m.start == head_end + 1 and self.w[head_end] == " "),
                None,
            )
            if seat is not None and _is_town(seat):
                # "Gerontološki centar Subotica": the seat in the nominative belongs to the name
                head_end, name = seat.end, f"{name} {self.w[seat.start : seat.end]}"
            return Mention("org", s2, head_end, self.w[s2:head_end], name, f"org.name-before({head})", None, kind)
        if mode == "complement":
            if _QUOTED_AFTER_PROGRAM_WORD.search(self.w, max(0, s - 30), s):
                return None  # "projekat „Škola za svako dete“": the quote names the project
            if self._not_this_head(words[0], head):
                return None  # "u sali Skupštine opštine X": the hall it meets in (org_head_not_after.csv)
            seated = head in patterns.word_list("seat_heads.csv")
            # "Lokalno koordinaciono telo za socijalno uključivanje Roma": a capitalised adjective opens the name
            lead = None if words[0].is_capitalised else self._adjective_before(words[0])
            if lead is not None and not self._free(lead.start, words[-1].end, {"org", "program", "person"}):
                return None  # "Evropska unija za ...": a known name the head is part of
            if lead is not None:
                # the adjective in the nominative, agreeing with the head ("Lokalnog koordinacionog tela" -> "Lokalno")
                adj = _NAME_ADJECTIVE.match(lead.text)
                noun = [x for x in head.split() if x != "za"][-1]  # ("koordinaciono telo za": the noun is "telo")
                gender = "f" if noun.endswith("a") else "n" if noun.endswith(("o", "e")) else "m"
                words_before = self.w[lead.start : words[0].start].split()
                if adj is not None and len(words_before) == 1:
                    words_before = [adj.group(1) + _NOMINATIVE_ENDING[gender]]
                s, head_nom = lead.start, f"{' '.join(words_before)} {head}"
            elif not words[0].is_capitalised and not (seated and self._capitalised_next(words[-1])):
                return None
            tail = self._complement(words[-1].index + 1)
            if tail is None and seated and words[0].is_capitalised and head in _seated_alone():
                end = self._seat_places(head_end)  # "Univerzitet u Beogradu": the head and its seat
                if end > head_end:
                    nominative = f"{head_nom} {self.w[head_end:end].strip()}"
                    return Mention(
                        "org",
                        s,
                        end,
                        self.w[s:end],
                        " ".join(nominative.split()),
                        f"org.head-seat({head})",
                        None,
                        kind,
                    )
            if tail is None and (len(words) == 1 or words[-1].folded == "za"):
                return None  # ("Komisija za" with nothing after the preposition names nothing)
            if tail is not None and len(words) == 1:
                # "Tim povodom prikazana je ...": a complement is a genitive ("Tim Vlade") or opens with a
                # preposition; an instrumental ("-om", "-em") makes the head a demonstrative
                first = self.tokens[words[-1].index + 1]
                if (
                    first.is_word
                    and not first.is_capitalised
                    # (an adjective is read with its noun: "životne sredine")
                    and (
                        not ({"gen"} & (phrase_case([first.text]) | phrase_case(self._phrase_from(first.index))))
                        or first.folded.endswith(("om", "em"))
                    )
                ):
                    return None
            end = tail.end if tail else head_end
            # A plain place name is the seat ("Centar za socijalni rad Bujanovac"); "Gradska opština X" is an actor.
            seat = next(
                (m for m in self.mentions if m.kind == "place" and m.start == end + 1 and self.w[end] == " "),
                None,
            )
            if seat is not None:
                # "Centra za socijalni rad Bujanovac": the seat belongs to the institution's name.
                end = seat.end
            if seated:
                end = self._seat_places(end)  # "Ambasada Kanade u Srbiji, Makedoniji i Crnoj Gori"
            surface = self.w[s:end]
            if tail is None and end == head_end and len(words) > 1:
                # "Pokrajinski sekretarijat za socijalnu politiku ... Pokrajinski sekretarijat je objavio": the head
                # alone stands for the body with that head the text named last before it
                fuller = [
                    m
                    for m in self.mentions
                    if m.kind == "org" and m.end <= s and fold(m.name).startswith(fold(head_nom) + " ")
                ]
                if fuller:
                    last = max(fuller, key=lambda m: m.start)
                    return Mention("org", s, end, surface, last.name, "org.head-alone", last.key, last.subtype)
            # The head comes from the data in the nominative; the words after it do not inflect.
            nominative = f"{head_nom} {self.w[head_end:end].strip()}"
            rule = f"org.head-complement({head})" if lead is None else f"org.adjective-head-complement({head})"
            return Mention("org", s, end, surface, " ".join(nominative.split()), rule, None, kind)
        return None

    def _adjective_names(self) -> None:
        """Names of adjectives and a head (org_heads.csv, mode "adjectives"), where no other name stands."""
        by_first = _org_heads_by_first_word()
        for t in self.tokens:
            if not t.is_word:
                continue
            for head_tokens, head, kind, mode in by_first.get(t.folded, ()):
                if mode != "adjectives":
                    continue
                words = words_from(self.tokens, t.index, self.w, len(head_tokens))
                if len(words) < len(head_tokens) or tuple(w.folded for w in words) != head_tokens:
                    continue
                found = self._org_of_adjectives(words, head, kind)
                if found is not None:
                    # a seat or a state inside the name is part of it ("Sportski savez Srbije")
                    self.mentions = [
                        m
                        for m in self.mentions
                        if not (m.kind in ("place", "lsg") and found.start <= m.start < found.end)
                    ]
                    self._add(found)
                    break
        # "Romskom edukativnom centru ... Romskog edukativnog centra u Požarevcu": one body, named with its seat
        found_here = [m for m in self.mentions if m.rule.startswith("org.adjectives") and not m.key]
        for m in found_here:
            longer = [o.name for o in found_here if o.name.startswith(m.name + " ")]
            if len(set(longer)) == 1:
                m.name = longer[0]

    def _org_of_adjectives(self, words: list[Token], head: str, kind: str) -> Mention | None:
        """ "Romskom kulturnom prosvetnom centru", "Regionalna razvojna agencija Srem": a name written the Serbian
        way, its first word capitalised and the rest of the adjectives in lower case, agreeing with the head; the
        genitive or "za ..." after the head, or a seat, goes on with the name."""
        run = self._adjective_run(words[0])
        if run is None:
            return None
        if words[0].is_capitalised and not (len(run) >= 2 and all(t.is_capitalised for t in run if t.is_word)):
            return None  # the head opens the name: the other modes read it (unless a title-case name ends with it)
        stems = patterns.org_head_not_after().get(head, ())
        if any(t.folded.startswith(st) for t in run for st in stems):
            return None  # "Kolektivnog centra Salvatore": housing, no organisation (org_head_not_after.csv)
        # a name is one body: "Romski servisni centri", "tri Romska servisna centra" are institutions of a kind
        if "sing" not in {n for _, _, n in phrase_features([t.text for t in run if t.is_word] + [words[0].text])}:
            return None
        before = rx.search(r"(\S+)\s+$", self.w[max(0, run[0].start - 20) : run[0].start])
        if before is not None and (before.group(1)[0].isdigit() or fold(before.group(1)) in patterns.small_counts()):
            return None
        gender = "f" if head.endswith("a") else "n" if head.endswith(("o", "e")) else "m"
        adjectives = []
        for k, t in enumerate(run):
            m = _NAME_ADJECTIVE.match(t.text)
            # "Preventivno-edukativnom": the first part of a compound does not inflect
            compound = k + 1 < len(run) and run[k + 1].text == "-"
            word = t.text if m is None or compound else m.group(1) + _NOMINATIVE_ENDING[gender]
            # (a name in title case is written the Serbian way: "Regionalna razvojna agencija Srem")
            adjectives.append(word.lower() if adjectives and word[:1].isupper() and t.is_word else word)
        s = run[0].start
        if any(m.kind == "org" and m.end < s and not self.w[m.end : s].strip(" (") for m in self.mentions):
            # "BIBIJA Romski ženski centar realizuje": the words go on with the name before them; "GIZ-a (Nemačka
            # razvojna agencija)": they spell out the name before them
            return None
        end = self._adjective_name_tail(words[-1])
        if end is None or not self._free(s, end, {"org", "person", "program", "lsg"}):
            return None  # a curated or quoted name there speaks for itself
        name = " ".join(
            [
                *" ".join(adjectives).replace(" - ", "-").replace("- ", "-").split(),
                head,
                *self.w[words[-1].end : end].split(),
            ]
        )
        q = self._quote_at(end, 2)
        if (
            q is not None
            and not self.w[end : q.start].strip()
            and self._free(q.start, q.end, {"org", "person", "program"})
        ):
            # "Opštinskoj narodnoj biblioteci „Veljko Petrović“", "Stručnoj školi „Miloš Crnjanski“": the quoted
            # name after the head is the body's own
            name, end = f"{name} {' '.join(self.w[q.inner_start : q.inner_end].split())}", q.end
        # "Romskog edukativnog centra u Požarevcu", "Tehnološkog fakulteta u Novom Sadu": the seat joins the name in
        # the nominative, as such names are written ("Romski edukativni centar Požarevac"); the place stays a place
        seat_at = _SEAT_AFTER.match(self.w, end)
        seat = seat_at and next(
            (m for m in self.mentions if m.kind in ("place", "lsg") and m.start == seat_at.end() and m.key), None
        )
        base = name
        if seat and end == words[-1].end and _is_town(seat):
            name = f"{name} {gazetteer.entries()[seat.key].name if seat.key in gazetteer.entries() else seat.name}"
        found = Mention("org", s, end, self.w[s:end], name, f"org.adjectives({head})", None, kind)
        # "Nacionalni savet" after "Nacionalnog saveta romske nacionalne manjine": the short form of a known name
        # the text already used (before its seat: "BIBIJA Romski ženski centar iz Beograda")
        short = fold(base) + " "
        known = next((m for m in self.mentions if m.kind == "org" and m.key and fold(m.name).startswith(short)), None)
        if known is not None:
            found.key, found.name, found.subtype = known.key, known.name, known.subtype
            found.rule += f"#short:{known.key}"
        return found

    def _adjective_name_tail(self, head: Token) -> int | None:
        """Where a name of adjectives and a head ends: after "za ..." ("Romska inicijativa za održivi razvoj"),
        the genitives names carry ("Svetska organizacija Roma", "Sportski savez Srbije") or a seat right after
        the head ("Romski edukativni centar Požarevac"); else at the head. None where the name runs on in a way
        these do not read ("Nacionalni savet romske nacionalne manjine", "centrom Bibija")."""
        end = head.end
        nxt = words_from(self.tokens, head.index + 1, self.w, 1)
        if not nxt or self.w[head.end : nxt[0].start] != " ":
            return end
        if nxt[0].folded == "za":
            tail = self._complement(head.index + 1)
            if tail is None:
                return None
            # "Gradski zavod za javno zdravlje Beograd": a seat after the complement
            seat = next((m for m in self.mentions if m.kind in ("place", "lsg") and m.start == tail.end + 1), None)
            return seat.end if seat is not None and self.w[tail.end] == " " else tail.end
        if nxt[0].is_capitalised and nxt[0].folded in patterns.word_list("name_words.csv"):
            end = nxt[0].end
        seat = next((m for m in self.mentions if m.kind in ("place", "lsg") and m.start == end + 1), None)
        if seat is not None and self.w[end] == " ":
            return seat.end
        after = words_from(self.tokens, head.index + 1 if end == head.end else nxt[0].index + 1, self.w, 1)
        if after and self.w[end : after[0].start] == " ":
            f = after[0].folded
            ends_it = (
                f in _CLAUSE_WORDS
                or f in _RELATIVE_WORDS
                or f in patterns.word_list("function_words.csv")
                or _is_verb_form(after[0].text)
                or _is_verb_cue(f)
            )
            if after[0].is_capitalised and end == head.end and self._name_word_ends(after[0]):
                return after[0].end  # "Regionalna razvojna agencija Srem,": a seat the gazetteer does not know
            if after[0].is_capitalised or not ends_it:
                return None
        return end

    def _name_word_ends(self, t: Token) -> bool:
        """One capitalised word, no first name, and the clause or the list goes on right after it."""
        if t.folded in first_names() or t.is_upper:
            return False
        rest = self.w[t.end : t.end + 6]
        return rx.match(r"\s*(?:[,.;:)]|(?:i|a|je|su|će)\s)", rest) is not None

    def _adjective_run(self, head: Token) -> list[Token] | None:
        """The adjectives right before a head: lower case back to a capitalised one, which opens the name; all of
        them with one case ending. A capital at a sentence's start is no sign of a name ("Nacionalni savet je ...",
        "Regionalna partnerska organizacija ...")."""
        run: list[Token] = []
        ending = None
        i = head.index - 1
        while i >= 0 and len(run) < 4:
            t = self.tokens[i]
            nxt = run[0] if run else head
            if not t.is_word or self.w[t.end : nxt.start] != " ":
                break
            m = _NAME_ADJECTIVE.match(t.folded)
            if m is None or (ending is not None and m.group(2) != ending) or _PARTICIPLE.search(t.folded):
                break  # ("Izgrađena vodovodna mreža": a participle describes, it names nothing)
            ending = m.group(2)
            run.insert(0, t)
            # "Preventivno-edukativni": a compound's first part, glued with a hyphen
            if i >= 2 and self.tokens[i - 1].text == "-" and self.w[self.tokens[i - 2].end : t.start] == "-":
                run.insert(0, self.tokens[i - 1])
                run.insert(0, self.tokens[i - 2])
                i -= 2
                t = self.tokens[i]
            if t.is_capitalised:
                if fold(t.text) in patterns.word_list("function_words.csv"):
                    return None
                prev = self.tokens[i - 1] if i else None
                prev_m = _NAME_ADJECTIVE.match(prev.folded) if prev is not None and prev.is_word else None
                if (
                    prev is not None
                    and prev.is_capitalised
                    and self.w[prev.end : t.start] == " "
                    and prev_m is not None
                    and prev_m.group(2) == ending
                    and not _PARTICIPLE.search(prev.folded)
                    and fold(prev.text) not in patterns.word_list("function_words.csv")
                ):
                    i -= 1
                    continue  # "Regionalna Razvojna Agencija": a name in title case goes on back
                before = self.w[max(0, t.start - 3) : t.start]
                initial = not before.strip() or rx.search(r"[.!?:\n„“\"]\s*$", before) is not None
                return None if initial else run
            i -= 1
        return None

    def _capitalised_next(self, t: Token) -> bool:
        nxt = words_from(self.tokens, t.index + 1, self.w, 1)
        return bool(nxt) and nxt[0].is_capitalised and self.w[t.end : nxt[0].start] == " "

    def _seat_places(self, end: int) -> int:
        """The end of "u Srbiji", "u Srbiji, Makedoniji i Crnoj Gori" right after `end`, or `end`."""
        places = {m.start: m for m in self.mentions if m.kind in ("place", "lsg")}
        lead = _SEAT_IN.match(self.w, end)
        if lead is None or lead.end() not in places:
            return end
        end = places[lead.end()].end
        while (join := _LIST_JOIN.match(self.w, end)) and join.end() in places:
            end = places[join.end()].end
        return end

    def _not_this_head(self, first: Token, head: str) -> bool:
        """The word before the head makes it something else (data/patterns/org_head_not_after.csv)."""
        stems = patterns.org_head_not_after().get(head)
        if not stems or first.index == 0:
            return False
        prev = self.tokens[first.index - 1]
        # (a stem ending in "$" is a whole word: "u$" for "u organizaciji X", not every word that opens with "u")
        return prev.is_word and any(
            prev.folded == st[:-1] if st.endswith("$") else prev.folded.startswith(st) for st in stems
        )

    def _adjective_before(self, head: Token) -> Token | None:
        """A capitalised adjective right before the head word, inside the sentence ("... i Romsko udruženje")."""
        if head.index == 0:
            return None
        prev = self.tokens[head.index - 1]
        if not prev.is_word or self.w[prev.end : head.start] != " ":
            return None
        if not prev.is_capitalised:
            # "Obrazovno-kulturne zajednice": a hyphenated pair of adjectives, capitalised on the first
            pair = self.tokens[max(0, prev.index - 2) : prev.index]
            if len(pair) < 2 or pair[1].text != "-" or not pair[0].is_capitalised:
                return None
            if not rx.search(_ADJECTIVE_BEFORE_HEAD, prev.folded):
                return None
            prev = pair[0]
        before = self.w[max(0, prev.start - 3) : prev.start]
        if not before.strip() or rx.search(r"[.!?:\n]\s*$", before):
            return None  # sentence-initial: the capital says nothing
        return prev if rx.search(_ADJECTIVE_BEFORE_HEAD, prev.folded) else None

    def _attributive_participle(self, j: int) -> bool:
        """ "Institut za otvoreno društvo", "za raseljena lica": a passive participle right before a noun is its
        adjective, not the verb of a clause."""
        t = self.tokens[j]
        if not _PARTICIPLE.search(t.folded) or j + 1 >= len(self.tokens):
            return False
        nxt = self.tokens[j + 1]
        return (
            nxt.is_word
            and not nxt.is_capitalised
            and self.w[t.end : nxt.start] == " "
            and nxt.folded not in patterns.word_list("function_words.csv")
            and not _is_verb_form(nxt.text)
        )

    def _complement(self, i: int) -> Token | None:
        """The last token of the words that continue an organisation name after its head."""
        last = before_last = None
        count = 0
        j = i
        gaz_starts = {m.start for m in self.mentions if m.kind in ("org", "place", "lsg")}
        while j < len(self.tokens) and count < 14:
            t = self.tokens[j]
            if not t.is_word:
                if (
                    t.text == ","
                    and j + 1 < len(self.tokens)
                    and self.tokens[j + 1].is_word
                    and not self.tokens[j + 1].is_capitalised
                    and self.tokens[j + 1].folded not in patterns.word_list("function_words.csv")
                    and self._comma_list_closes(j + 1)
                ):
                    j += 1
                    continue
                break
            if last is not None and "\n" in self.w[last.end : t.start]:
                break
            f = t.folded
            if YEAR.fullmatch(t.text) or (last is not None and t.text[0].isdigit()):
                # "Vlade AP Vojvodine 2007. godine": a year after the name dates the clause; "od Ministarstva za rad
                # 5 miliona dinara": a number opens the object
                break
            if last is None and f in ("i", "a", "ili"):
                break  # "Vlade i ministarke ...": a conjunction right after the head ends it
            if f in patterns.word_list("function_words.csv") or _is_verb_cue(f):
                break
            if f in patterns.word_list("descriptive_stops.csv") and f not in _LINKING:
                break  # "Kancelarija za inkluziju Roma, zajedno sa ...": an adverb or conjunction ends the name
            if (
                not t.is_capitalised
                and _is_verb_form(t.text)
                and not NOMINALISATION.search(t.folded)
                and not self._attributive_participle(j)
                # ("Ministarstvo zaštite životne sredine": a noun the lemmatiser reads as a verb goes on with the name)
                and t.folded not in patterns.word_list("verb_lookalike_nouns.csv")
            ):
                break  # "Vlada Švajcarske podržava ...": a verb ends the name ("za praćenje i ..." goes on)
            if last is not None and _PREDICATE_PARTICIPLE.match(self.w, t.start):
                break  # "Mreže za romska pitanja održan je ...": a participle before "je" is the clause's predicate
            if t.start in gaz_starts and last is not None:
                inner = self._genitive_org_with_remit(t.start)
                if inner is None:
                    break
                # "Kancelarija visokog komesara Ujedinjenih nacija za ljudska prava": a known organisation in the
                # genitive, with the remit after it, is inside the name
                self._inside_names.add(t.start)
                while j < len(self.tokens) and self.tokens[j].end <= inner:
                    if self.tokens[j].is_word:
                        before_last, last = last, self.tokens[j]
                        count += 1
                    j += 1
                continue
            # "Centar za socijalni rad opštine Stara Pazova": the place after "opštine", "grada" (its name in the
            # nominative or the genitive) ends the name, within it
            if t.is_capitalised and last is not None and (last.folded,) in _lsg_prefixes():
                n = gazetteer.place_words_at(self.tokens, j)
                if n:
                    while n and j < len(self.tokens):
                        if self.tokens[j].is_word:
                            before_last, last = last, self.tokens[j]
                            count += 1
                            n -= 1
                        j += 1
                    break
            # "Kancelarija za ljudska prava Milena Jakšić": a capital after lower-case words ends the name,
            # unless it is one of the words names carry ("Roma", "Republike Srbije").
            if (
                t.is_capitalised
                and last is not None
                and not last.is_capitalised
                and not self._name_word(t)
                and last.folded not in ("za", "i")
            ):
                break
            if t.is_capitalised and f in first_names():
                break
            if last is not None and last.is_capitalised and not t.is_capitalised and "gen" not in phrase_case([t.text]):
                break  # "Podrška Vlade Švajcarske lokalnim zajednicama": a name in the genitive ends at a dative
            if (
                f == "za"
                and last is not None
                and j + 1 < len(self.tokens)
                and self.tokens[j + 1].folded in (_program_words())
            ):
                break  # "od Ambasade Japana za projekat „X“": what the money is for, not the name's remit
            if f == "i" and j + 1 < len(self.tokens):
                nxt = self.tokens[j + 1]
                if nxt.start in gaz_starts or (nxt.is_capitalised and not self._name_word(nxt)):
                    break
                if last is not None and last.is_capitalised and not nxt.is_capitalised:
                    break  # "Vlada Srbije i lokalna samouprava": after a name's capitals "i" joins another phrase
                if nxt.folded in _title_words():
                    break  # "Vlade Republike Srbije i ministarka građevinarstva": a person's title follows
                if self._is_org_head(j + 1):
                    break
                if nxt.text[0].isdigit() or nxt.folded in patterns.number_words():
                    break  # "Centrom za pedagogiju i tri partnerske organizacije": a count opens another phrase
                if nxt.folded in _program_words():
                    break  # "između Ministarstva za ljudska prava i programa Nemačke razvojne saradnje"
            if f in ("u", "o"):
                break  # "Vlada Nemačke o ublažavanju ...": what a program is about, not the organisation's name
            before_last, last = last, t
            count += 1
            j += 1
        if last is not None and last.folded == "i" and before_last is not None and before_last.folded != "za":
            return before_last  # "sekretarijata za privredu i turizam i „Inicijative ...“": the "i" joins the next
        if last is not None and last.folded in ("i", "za"):
            return None
        return last

    def _genitive_org_with_remit(self, start: int) -> int | None:
        """The end of a known organisation's name in the genitive at `start` when "za" and a lower-case word
        follow it, else None."""
        m = next((m for m in self.mentions if m.kind == "org" and m.start == start), None)
        if m is None or "gen" not in phrase_case(m.surface.split()[-1:]):
            return None
        return m.end if _REMIT_AFTER.match(self.w, m.end) else None

    def _phrase_from(self, j: int) -> list[str]:
        """The word at token j, with the next one when that is in lower case right after it (an adjective and its
        noun are read together: "životne sredine")."""
        two = words_from(self.tokens, j, self.w, 2)
        if len(two) == 2 and two[1].text.islower() and self.w[two[0].end : two[1].start] == " ":
            return [two[0].text, two[1].text]
        return [self.tokens[j].text]

    def _comma_list_closes(self, j: int) -> bool:
        """ "za rad, zapošljavanje, boračka i socijalna pitanja": words after a comma continue a name only as
        a list that "i" closes; "Centra za socijalni rad, žene koje ..." starts something else."""
        for t in self.tokens[j : j + 8]:
            if not t.is_word:
                if t.text != ",":
                    return False
                continue
            if t.folded == "i":
                return True
            if t.folded in _title_words():
                return False  # "Vlade Vojvodine, pokrajinski sekretar za ...": a person's title starts
            if t.folded in _RELATIVE_WORDS or t.folded in patterns.word_list("function_words.csv"):
                return False
            if t.is_capitalised or _is_verb_form(t.text):
                return False
        return False

    def _is_org_head(self, i: int) -> bool:
        """Whether a whole head phrase starts at token i ("socijalna zadruga", not "socijalna pitanja")."""
        for head_tokens, _head, _kind, _mode in _org_heads_by_first_word().get(self.tokens[i].folded, ()):
            words = words_from(self.tokens, i, self.w, len(head_tokens))
            if tuple(w.folded for w in words) == head_tokens:
                return True
        return False

    def _quoted_with_head(self) -> None:
        """ "Partner na projektu je i „Društvo Rom“": a quoted name that opens with an organisation's head word
        names that organisation (the head is inside the quotes)."""
        heads = _org_heads_by_first_word()
        for q in self.quotes:
            inner = self.w[q.inner_start : q.inner_end]
            words = inner.split()
            if len(words) < 2 or not self._free(q.start, q.end, _NAMED):
                continue
            if len(words) > 10 or any(_is_verb_form(x) and x.islower() for x in words[2:]):
                continue  # „Romska zajednica nesumnjivo spada među ...“: a quoted sentence, not a name
            options = heads.get(fold(words[0]), ())
            kind = next((k for h, _, k, mode in options if len(h) == 1 and mode in ("quoted", "named")), None)
            if kind is None or not words[1][:1].isupper():
                kind = self._head_after_adjectives(words)
                if kind is None:
                    continue
            name = " ".join(words)
            self._add(Mention("org", q.start, q.end, self.w[q.start : q.end], name, "org.quoted-with-head", None, kind))

    def _coordinated_quoted_orgs(self) -> None:
        """ "Regionalna razvojna agencija Sandžaka „Seda“, „Merhamet Sandžaka“ i „IDC“": bare quoted names joined
        to an organisation by a comma or "i" / "kao i" are organisations of the same list (a quote that is a
        program's name stays the program). A plural noun opens such a list too, with or without a colon, and says
        what the organisations are ("u osnovnim školama: „Đuro Salaj“, „Vuk Karadžić“ u Bajmoku"); a person's
        name that fills a quote of a list is the institution named after the person."""
        orgs = sorted((m for m in self.mentions if m.kind == "org"), key=lambda m: m.start)
        starts = {q.start: q for q in self.quotes}
        places = {m.start: m for m in self.mentions if m.kind in ("place", "lsg")}
        plural = patterns.plural_org_nouns()
        heads: dict[int, str] = {}  # end of a plural noun that opens a list -> the kind it names
        for t in self.tokens:
            if t.is_word and t.folded in plural:
                gap = _LIST_OPENS.match(self.w, t.end)
                if gap and gap.end() in starts:
                    heads[t.end] = plural[t.folded]
        # "OŠ „Sečenji Ištvan“, „Matko Vuković“": the head noun before the first quote names the kind of them all
        kinds = {m.end: m.subtype for m in orgs if m.rule.startswith("org.head-quoted")}
        for end in [m.end for m in orgs] + list(heads):
            kind = heads.get(end) or kinds.get(end) or "ngo"
            first = end in heads
            while True:
                closing = _CLOSING_QUOTE_AFTER.match(self.w, end)
                if closing and any(q.inner_start <= end <= q.inner_end and q.end == closing.end() for q in self.quotes):
                    end = closing.end()  # "„Daje“ iz Beograda, „Ternipe“ ...": a known name inside its quotes
                bracket = _SEAT_IN_BRACKETS.match(self.w, end)
                if bracket:
                    end = bracket.end()  # "„Ponos“ (Niš), „Romanipen“ (Kragujevac)": a seat in brackets
                seat = _SEAT_AFTER.match(self.w, end)
                if seat and seat.end() in places:
                    end = places[seat.end()].end  # „Romani cikna“ iz Kruševca, ...
                elif seat and not first and (unknown := _LISTED_SEAT.match(self.w, end)):
                    end = unknown.end()
                join = _LIST_OPENS.match(self.w, end) if first else _QUOTED_LIST_JOIN.match(self.w, end)
                q = starts.get(join.end()) if join else None
                if q is None:
                    break
                inner = " ".join(self.w[q.inner_start : q.inner_end].split())
                first = False
                if not inner[:1].isupper() or len(inner.split()) > 5:
                    break
                # a person's name that fills a quote of such a list is an institution named after the person
                self.mentions = [
                    m
                    for m in self.mentions
                    if not (m.kind == "person" and q.inner_start <= m.start and m.end <= q.inner_end)
                ]
                if not self._free(q.start, q.end, _NAMED):
                    break
                self._add(
                    Mention("org", q.start, q.end, self.w[q.start : q.end], inner, "org.quoted-in-list", None, kind)
                )
                end = q.end

    def _partner_cues(self) -> list[regex.Match[str]]:
        """The partner cues of the lower-case text (patterns.partner_cue), found once for the rules that read them;
        none looked for where none of their literals stands."""
        if self.partner_cues is None:
            low = self.w.lower()
            cue_rx = patterns.partner_cue()
            self.partner_cues = list(cue_rx.finditer(low)) if rx.may_match(cue_rx, low) else []
        return self.partner_cues

    def _partner_list_items(self) -> None:
        """ "као партнери наводе се Хуманитарна организација швајцарских протестантских цркава, Швајцарска агенција
        за развој и сарадњу, ..., Општина Књажевац": in a list of partners (data/patterns/role_cues.csv) that holds
        a known organisation, the other capitalised items are organisations too, whatever their head."""
        cues = self._partner_cues()
        starts = {m.start: m for m in self.mentions} if cues else {}
        for cue in cues:
            i = _token_at(self.tokens, cue.end())
            skipped = 0  # "navode se", "na projektu bili su", ":" between the cue and the list
            while (
                i < len(self.tokens)
                and skipped <= 4
                and (self.tokens[i].text == ":" or (self.tokens[i].is_word and not self.tokens[i].is_capitalised))
            ):
                if "\n" in self.w[cue.end() : self.tokens[i].start]:
                    break
                i, skipped = i + 1, skipped + 1
            known, unknown = 0, []
            while i < len(self.tokens):
                t = self.tokens[i]
                m = starts.get(t.start)
                if m is not None and m.kind == "place" and not _LIST_JOIN.match(self.w, m.end):
                    m = None  # "Norveška crkvena pomoć": a name that opens with a place
                if m is not None and m.kind in ("org", "lsg", "place"):
                    known += m.kind != "place"
                    end = m.end
                    seat = _SEAT_AFTER.match(self.w, end)
                    if seat and seat.end() in starts and starts[seat.end()].kind in ("place", "lsg"):
                        end = starts[seat.end()].end  # "Savet za integraciju Roma u AP Vojvodini, ..."
                elif t.is_word and t.is_capitalised and (m is None or m.kind == "place"):
                    item = self._list_item(i)
                    if item is None:
                        break
                    unknown.append(item)
                    end = item[-1].end
                else:
                    break
                join = _LIST_JOIN.match(self.w, end)
                if join is None:
                    break
                i = _token_at(self.tokens, join.end())
            # (two items will do right after a plural noun for organisations: "partnerskih organizacija A i B")
            plural = cue.group().split()[-1] in patterns.plural_org_nouns() if cue.group().split() else False
            if not known or not unknown or known + len(unknown) < (2 if plural else 3):
                continue
            for item in unknown:
                s, e = item[0].start, item[-1].end
                surface = self.w[s:e]
                self.mentions = [m for m in self.mentions if not (m.kind == "place" and s <= m.start < e)]
                name = " ".join(surface.split())
                self._add(Mention("org", s, e, surface, name, "org.partner-list-item", None, "other"))

    def _list_item(self, i: int) -> list[Token] | None:
        """The words of one unknown list item from token i (capitalised) to the next comma, "i" or stop; None when
        it does not read as a name (a role or event verb, a number, an organisation or person inside, over 8 words)."""
        words: list[Token] = []
        for t in self.tokens[i:]:
            if not t.is_word:
                break
            nxt = self.tokens[t.index + 1] if t.index + 1 < len(self.tokens) else None
            # ("Inicijativa za razvoj i saradnju IDC": an "i" between lower-case words is inside the name)
            inside = (
                t.folded == "i"
                and len(words) > 1
                and words[-1].text.islower()
                and nxt is not None
                and nxt.is_word
                and nxt.text.islower()
            )
            if words and ((t.folded in ("i", "kao") and not inside) or self.w[words[-1].end : t.start] != " "):
                break
            if _is_verb_cue(t.folded) or any(c.isdigit() for c in t.text) or len(words) == 8:
                return None
            words.append(t)
        while words and words[-1].folded in _LINKING:
            words.pop()
        if not words or not self._free(words[0].start, words[-1].end, {"org", "person", "program", "lsg"}):
            return None
        return words

    def _head_after_adjectives(self, words: list[str]) -> str | None:
        """ "„Internacionalni konzorcijum za solidarnost“", "„Romskim kulturnim centrom“": a quoted name whose head
        word follows one or two adjectives is an organisation of that head's kind."""
        if not words[0][:1].isupper():
            return None
        heads = _org_heads_by_first_word()
        for k in (1, 2):
            if k >= len(words) or not all(rx.search(_ADJECTIVE_FORM, fold(x)) for x in words[:k]):
                return None
            options = heads.get(fold(words[k]), ())
            kind = next((kd for h, _, kd, mode in options if len(h) == 1 and mode in ("quoted", "named")), None)
            if kind is not None:
                return kind
        return None

    def acronyms_in_parentheses(self) -> None:
        """ "Kancelarija Ujedinjenih nacija za projektne usluge (UNOPS)": the name and the acronym are one
        organisation; a curated acronym wins, an unknown one becomes the name's alias for the whole text."""
        orgs = sorted((m for m in self.mentions if m.kind == "org"), key=lambda m: m.start)
        local: dict[str, Mention] = {}
        for m in orgs:
            if m.key is not None:
                continue
            # ("Kancelarijom Ujedinjenih nacija u Beogradu (Unops)": the seat may stand between)
            par = rx.match(
                r"(?:\s+u\s+\p{Lu}\p{L}+)?\s*\((\p{Lu}[\p{Lu}\p{Ll}-]{1,10}(?: \p{Lu}{2,10})?)\)",
                self.w[m.end : m.end + 45],
            )
            if not par:
                # "Udruženje građana „Romski kulturni centar“ – RKC": an acronym after a dash that closes the name
                dashed = _DASHED_ACRONYM.search(m.surface)
                if dashed is not None and m.rule.startswith("org.head-quoted"):
                    local[fold(dashed.group(1))] = m
                    m.aliases.append(dashed.group(1))
                continue
            inner_start = m.end + par.start(1)
            # "(UN OHCHR)": a two-word acronym is the name's own; the known one inside it ("UN") is only a part
            two_words = " " in par.group(1)
            if two_words:
                self.mentions = [x for x in self.mentions if not (inner_start <= x.start < m.end + par.end())]
            inner = None if two_words else next((o for o in orgs if o.start == inner_start and o.key), None)
            if inner is not None:
                m.key, m.name, m.subtype = inner.key, inner.name, inner.subtype
                m.rule += f"+acronym({inner.key})"
                self.mentions = [x for x in self.mentions if x is not inner]
            else:
                local[fold(par.group(1))] = m
                m.aliases.append(par.group(1))
            m.end = m.end + par.end()
            m.surface = self.w[m.start : m.end]
        for o in self.mentions:
            # ("udruženja građana RKC" read by its head: the acronym the text defined names the same body)
            defined = local.get(fold(o.name)) if o.kind == "org" and o.key is None else None
            if defined is not None and defined is not o:
                o.name, o.subtype = defined.name, defined.subtype
        for t in self.tokens:
            m = local.get(t.folded) if t.is_word and t.is_upper else None
            if m is not None and self._free(t.start, t.end):
                self._add(
                    Mention(
                        "org", t.start, t.end, t.text, m.name, f"org.acronym-defined-in-text({t.text})", None, m.subtype
                    )
                )

    def _acronyms_in_actor_positions(self) -> None:
        """ "u saradnji sa ICS-om", "sprovodi ga ICS iz Niša", "ICS realizuje": an unknown name in capitals that
        takes a case ending or stands where a role cue puts its actor is an organisation (an acronym the gazetteer
        does not know). A name in capitals beside a program word is the program's (recognised before this)."""
        for t in self.tokens:
            if not (t.is_word and t.is_upper and _ACRONYM_WORD.fullmatch(t.text)) or not self._free(t.start, t.end):
                continue
            if (
                _ROMAN.fullmatch(t.text)
                or self._caps_neighbour(t)
                or t.folded in patterns.word_list("not_org_acronyms.csv")
            ):
                continue  # "faza II"; "JAVNI KONKURS ZA ...": a headline in capitals; "LAP-a", "MOP-a"
            if self._capitalised_next(t):
                continue  # "u saradnji sa CIP Centrom za interaktivnu pedagogiju": the name follows its acronym
            inflected = _CASE_ENDING.match(self.w, t.end) is not None
            low_before = self.w[max(0, t.start - 40) : t.start].lower()
            cues = list(patterns.any_role_cue().finditer(low_before))
            cue_before = cues[-1] if cues else None  # the last cue before the name
            after = self.w[t.end : t.end + 40].lower()
            cue_after = patterns.role_verb_cue().match(after.lstrip()) if after[:1] == " " else None
            placed = (cue_before is not None and _ONLY_LINKS.fullmatch(low_before[cue_before.end() :])) or cue_after
            if not (inflected or placed):
                continue
            self._add(Mention("org", t.start, t.end, t.text, t.text, "org.acronym-in-actor-position", None, "other"))

    def _names_said_again(self) -> None:
        """ "Udruženje „Ternipe“ iz Pirota ... Projekat realizuju Ternipe i Caritas": a name first given in quotes
        after its head word (or in a quoted list of organisations) names the same organisation when the text says
        it again without the head, bare or in quotes. Only quoted names: the quotes say where the name ends, which a
        bare "Udruženje Romani ..." does not."""
        cores: dict[str, Mention] = {}
        for m in self.mentions:
            if m.kind != "org" or not m.rule.startswith(_QUOTED_ORG_RULES):
                continue
            q = next((q for q in self.quotes if m.start <= q.start and q.end <= m.end), None)
            if q is None:
                continue
            core = " ".join(self.w[q.inner_start : q.inner_end].split())
            if len(core) < 4 or not core[:1].isupper() or core.isupper() or fold(core) in _program_head_words():
                continue  # ("„ROM“": capitals are the acronym pass's; "„Program“" is no name)
            cores.setdefault(core, m)
        for core, m in cores.items():
            for s, e in _whole_words(self.w, core):
                q = self._quote_containing(s, e)
                if q is not None:
                    if " ".join(self.w[q.inner_start : q.inner_end].split()) != core:
                        continue  # part of a longer quoted name („Ternipe za decu“)
                    s, e = q.start, q.end
                if not self._free(s, e):
                    continue
                self._add(
                    Mention(
                        "org",
                        s,
                        e,
                        self.w[s:e],
                        m.name,
                        "org.name-said-again",
                        m.key,
                        m.subtype,
                        aliases=list(m.aliases),
                    )
                )

    def _head_references(self) -> None:
        """ "Ministarstvo za ljudska i manjinska prava raspisalo je konkurs ... Ministarstvo je izdvojilo 3 miliona":
        a head word written with a capital and standing alone (data/patterns/org_head_references.csv) refers to the
        organisation with that head (its first or second word: "Pokrajinski sekretarijat") the text named last
        before it. Not when no such name came before, not when capitals or "za ..." run on after it (a name the
        recognisers could not read), and not at the start of a line (a heading or a label)."""
        forms = _head_reference_forms()
        orgs = sorted((m for m in self.mentions if m.kind == "org"), key=lambda m: m.start)
        if not orgs:
            return
        for t in self.tokens:
            head = forms.get(t.text) if t.is_word else None
            if head is None or not self._free(t.start, t.end):
                continue
            if self._capitalised_next(t) or rx.search(r"(?:^|\n)[ \t]*$", self.w[max(0, t.start - 40) : t.start]):
                continue
            if rx.match(r"\s+(?:za|u|iz)\s", self.w[t.end : t.end + 5]):
                continue  # "Ministarstvo za ...": a name the recognisers could not read, not a reference
            earlier = [m for m in orgs if m.end <= t.start and head in [fold(x) for x in m.name.split()[:2]]]
            if not earlier:
                continue
            m = earlier[-1]
            self._add(
                Mention(
                    "org",
                    t.start,
                    t.end,
                    t.text,
                    m.name,
                    "org.head-reference",
                    m.key,
                    m.subtype,
                    aliases=list(m.aliases),
                )
            )

    def _names_in_actor_positions(self) -> None:
        """ "u partnerskoj saradnji sa Ligom Roma", "u saradnji sa „Romani cikna“": capitalised words no recogniser
        read, right after a partner cue ("u saradnji sa", "partneri su") with nothing between, name an organisation:
        one to four words, the first not a first name nor a program word, none of them inside another name, the name
        ending there (a clause word or punctuation after it, not an adjective last); a quoted name there, too."""
        starts = {q.start: q for q in self.quotes}
        for cue in self._partner_cues():
            # "u saradnji sa „Romani cikna“": a quoted name right after the cue, no program word before it
            q = starts.get(cue.end()) or starts.get(cue.end() + 1)
            if q is not None and self._free(q.start, q.end):
                inner = " ".join(self.w[q.inner_start : q.inner_end].split())
                if inner[:1].isupper() and len(inner.split()) <= 5 and not _is_verb_form(inner.split()[-1]):
                    self._add(
                        Mention(
                            "org",
                            q.start,
                            q.end,
                            self.w[q.start : q.end],
                            inner,
                            "org.quoted-in-actor-position",
                            None,
                            "ngo",
                        )
                    )
                continue
            i = _token_at(self.tokens, cue.end())
            run: list[Token] = []
            for t in self.tokens[i : i + 4]:
                if not t.is_word or not t.is_capitalised or t.is_upper or not self._free(t.start, t.end):
                    break
                if run and self.w[run[-1].end : t.start] != " ":
                    break
                run.append(t)
            if not run or self.w[cue.end() : run[0].start].strip():
                continue
            if run[0].folded in first_names() or fold(run[0].text) in _program_head_words():
                continue
            after = _WORD_AFTER.match(self.w, run[-1].end)
            if after and fold(after.group(1)) not in _CLAUSE_WORDS | {"iz", "sa", "koji", "koja", "koje", "na", "za"}:
                continue  # "Gradski centar za ...", "Preventivno – edukativnim centrom": the name runs on
            if rx.search(_ADJECTIVE_FORM, run[-1].folded):
                continue  # "Muslimanski ...": an adjective needs its noun
            s, e = run[0].start, run[-1].end
            name = (to_nominative(self.w[s:e]) or [self.w[s:e]])[0]
            self._add(Mention("org", s, e, self.w[s:e], name, "org.name-in-actor-position", None, "other"))

    def _drop_names_inside_other_names(self) -> None:
        """ "Agencija Ujedinjenih nacija za rodnu ravnopravnost", "Dečijeg Fonda Ujedinjenih nacija": a known name
        in the genitive right after an organisation's head word is part of another organisation's name, not that
        organisation acting; "„Podrška EU lokalnoj inkluziji Roma“": a donor named inside a program's quoted name
        is part of the name (the text says nothing of its role); "iz država članica EU" speaks of a polity."""
        heads = _org_heads_by_first_word()
        programs = [m for m in self.mentions if m.kind == "program"]
        quotes = [q for q in self.quotes if any(p.start <= q.start and q.end <= p.end for p in programs)]
        keep = []
        for m in self.mentions:
            if m.kind == "org" and m.key:
                if any(o is not m and o.kind == "org" and o.start < m.start and m.end <= o.end for o in self.mentions):
                    continue  # "Kancelarijom Ujedinjenih nacija u Beogradu": inside a longer name, part of it
                prev = _WORD_BEFORE_NAME.search(self.w, max(0, m.start - 30), m.start)
                # (a head of one word: "Skupštini Fonda za obrazovanje Roma" is the Fund's assembly, the Fund named,
                # as "skupština" heads a name only with "opštine" or "grada" after it)
                if (
                    prev
                    and prev.group(1)[:1].isupper()
                    # (an acronym of a kind, "NVO Praxis", "UG Sunce", labels the name after it, no genitive)
                    and not prev.group(1).isupper()
                    and _one_word_head(heads, fold(prev.group(1)))
                    and not any(o.kind == "org" and o.start <= prev.start(1) < o.end for o in self.mentions)
                ):
                    continue
                if any(q.inner_start <= m.start and m.end <= q.inner_end for q in quotes):
                    continue
                if patterns.context_cue("polity").search(self.w[max(0, m.start - 60) : m.start]):
                    continue  # "povratnici iz država članica EU": a polity one comes from or joins
                owned = keep[-1] if keep and keep[-1].kind == "org" and self.w[keep[-1].end : m.start] == " " else None
                if (
                    owned is not None
                    and m.surface[:1].isupper()
                    and m.subtype in ("government_body", "ministry")
                    and "gen" in phrase_case(m.surface.split()[:1])
                    and fold(m.surface.split()[0]) != fold(m.name.split()[0])  # (inflected: "Vlade", not "Vlada")
                ):
                    # "Kancelarija za evropske integracije Vlade Republike Srbije": a government in the genitive right
                    # after a body's name is whose the body is, part of its name, not a second actor
                    owned.end, owned.surface = m.end, self.w[owned.start : m.end]
                    continue
            keep.append(m)
        self.mentions = keep

    def _caps_names_from_body(self) -> None:
        """A name read by its head in a line written in capitals has no small letter to end it ("CENTRA ZA
        SOCIJALNI RAD ODŽACI I KANCELARIJE ZA ROMSKA PITANJA"): it ends where the same body, named in the text's
        ordinary writing, ends ("Centar za socijalni rad Odžaci"), and takes that name. Unmatched, it does not end
        on a conjunction or preposition, and words the text writes in small letters elsewhere ("ORGANIZACIJA
        CIVILNOG DRUŠTVA", "organizacija civilnog društva") are no name."""
        body = [m for m in self.mentions if m.kind in ("org", "lsg") and not m.surface.isupper()]
        drop: list[Mention] = []
        for m in self.mentions:
            if m.kind != "org" or m.key or not m.rule.startswith("org.head-") or not self._in_caps_line(m):
                continue
            toks = [t for t in self.tokens if m.start <= t.start and t.end <= m.end and t.is_word]
            if len(toks) < 2:
                continue
            best: tuple[int, Mention, Token] | None = None
            for n in body:
                for words in {tuple(_WORDS.findall(fold(x))) for x in (n.name, n.surface, *n.aliases)}:
                    # (from the head, or from the name after it: "UDRUŽENJA SIGURAN ŽIVOT" and NVO „Siguran život“)
                    for first in toks[:3] if n.kind == "org" and m.rule.startswith("org.head-named") else toks[:1]:
                        k = self._caps_aligned(first.index, words)
                        if k >= 2 and (k == len(words) or (k >= 3 and self._line_ends_after(first.index, k))):
                            if best is None or k > best[0]:
                                best = (k, n, first)
            if best is not None:
                k, n, first = best
                last = self._nth_word(first.index, k)
                # (a closing quote after the last word stays; a body named further than the head rule read, grows)
                end = m.end if last.end < m.end and not self.w[last.end : m.end].strip(' „“"”»') else last.end
                m.end, m.surface = end, self.w[m.start : end]
                m.name, m.key, m.subtype = n.name, n.key, n.subtype
                m.rule += "#caps-as-body"
                continue
            cut = 0
            while cut < len(toks) - 1 and toks[len(toks) - 1 - cut].folded in JOINING_WORDS:
                cut += 1
            if m.rule.startswith("org.head-named("):
                # the name after the head ends at the first conjunction or preposition ("UDRUŽENJA X I Y")
                n_head = len(m.rule[len("org.head-named(") :].split(")")[0].split())
                stop = next((i for i in range(n_head, len(toks)) if toks[i].folded in JOINING_WORDS), None)
                if stop is not None and stop > n_head:
                    cut = max(cut, len(toks) - stop)
            if cut:
                kept = toks[len(toks) - 1 - cut]
                m.end, m.surface = kept.end, self.w[m.start : kept.end]
                m.name = " ".join(m.name.split()[:-cut])
            tail = tuple(t.folded for t in toks[1 : len(toks) - cut])
            if m.rule.startswith("org.head-named") and tail and self._written_small(tail):
                drop.append(m)  # "ORGANIZACIJA CIVILNOG DRUŠTVA": the words after the head are ordinary words here
        self.mentions = [m for m in self.mentions if m not in drop]

    def _written_small(self, words: tuple[str, ...]) -> bool:
        """The text writes `words`, in this order, starting with a small letter somewhere."""
        for t in self.tokens:
            if t.is_word and t.folded == words[0] and t.text[:1].islower():
                if self._caps_aligned(t.index, words) == len(words):
                    return True
        return False

    def _in_caps_line(self, m: Mention) -> bool:
        """`m` is written in capitals among other words in capitals (a headline, a title line)."""
        if not m.surface.isupper() or not any(c.isalpha() for c in m.surface):
            return False
        words = [t for t in self.tokens if m.start <= t.start and t.end <= m.end and t.is_word]
        return len(words) >= 3 or (bool(words) and self._caps_neighbour(words[-1]))

    def _caps_aligned(self, i: int, words: tuple[str, ...]) -> int:
        """How many of `words` the words from token i repeat, in order and on one line, inflection allowed."""
        k, j, prev = 0, i, None
        while k < len(words) and j < len(self.tokens):
            t = self.tokens[j]
            j += 1
            if not t.is_word:
                if t.text in ("„", "“", '"', "”", "-", "–"):
                    continue
                break
            if prev is not None and "\n" in self.w[prev.end : t.start]:
                break
            if not _same_word(t.folded, words[k]):
                break
            k, prev = k + 1, t
        return k

    def _nth_word(self, i: int, k: int) -> Token:
        j, seen = i, 0
        while True:
            if self.tokens[j].is_word:
                seen += 1
                if seen == k:
                    return self.tokens[j]
            j += 1

    def _line_ends_after(self, i: int, k: int) -> bool:
        last = self._nth_word(i, k)
        return not self.w[last.end :].split("\n", 1)[0].strip(" .,;:!?\u00a0")

    def _caps_neighbour(self, t: Token) -> bool:
        """Another word in capitals right before or after token t on its line."""
        for j in (t.index - 1, t.index + 1):
            if 0 <= j < len(self.tokens):
                x = self.tokens[j]
                if x.is_word and x.is_upper and "\n" not in self.w[min(x.end, t.end) : max(x.start, t.start)]:
                    return True
        return False

    def _keep_head_when_named_like_a_program(self) -> None:
        """An association named like the project that founded it keeps "Udruženje građana" in its name."""
        programs = {fold(m.name) for m in self.mentions if m.kind == "program"}
        # ("Romske mreže prijava" where "Romska mreža prijava je projekat": a name of adjectives and a head the text
        # says is a project is that project, no organisation)
        self.mentions = [
            m
            for m in self.mentions
            if not (m.kind == "org" and m.rule.startswith("org.adjective-head-complement") and fold(m.name) in programs)
        ]
        for m in self.mentions:
            if m.kind == "org" and fold(m.name) in programs and m.aliases:
                # Only the label changes: the association is still keyed by its own name everywhere.
                m.info["key_name"] = m.name
                m.name = m.aliases[0]


_WORDS = regex.compile(r"\p{L}+|\d+")


def _same_word(a: str, b: str) -> bool:
    """Two folded words are one word in two cases: equal, or (5+ letters) sharing max(4, shorter - 2) letters."""
    if a == b:
        return True
    n = min(len(a), len(b))
    return n >= 5 and a[: max(4, n - 2)] == b[: max(4, n - 2)]


@cache
def _head_reference_forms() -> dict[str, str]:
    """Each case form of a referring head word (capitalised) -> the head's folded nominative."""
    out: dict[str, str] = {}
    for word in patterns.word_list("org_head_references.csv"):
        for form in case_forms(word):
            out[form] = fold(word)
    return out


@lru_cache(maxsize=5_000)
def _known_organisation_near(folded: str) -> gazetteer.Entry | None:
    """The gazetteer organisation whose name or variant is within two edits of `folded` (a nominative)."""
    for e in gazetteer.entries().values():
        if e.kind != "org":
            continue
        for name in (e.name, *e.variants):
            other = fold(name)
            if abs(len(other) - len(folded)) <= 2 and Levenshtein.distance(other, folded, score_cutoff=2) <= 2:
                return e
    return None


def _one_word_head(heads: dict[str, list[tuple[tuple[str, ...], str, str, str]]], word: str) -> bool:
    return any(len(h[0]) == 1 for h in heads.get(word, ()))


@cache
def _org_heads_by_first_word() -> dict[str, list[tuple[tuple[str, ...], str, str, str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str, str, str]]] = {}
    for h in patterns.org_heads():  # already longest first
        out.setdefault(h[0][0], []).append(h)
    return out


@cache
def _program_head_words() -> frozenset[str]:
    return frozenset(fold(h) for h in patterns.program_heads())


@cache
def _verb_cue_regex() -> regex.Pattern[str]:
    alts = [c.pattern.pattern for c in patterns.role_cues()] + [r"\bpotpis\w*", r"\bodrž\w*", r"\buruč\w*"]
    return regex.compile("|".join(alts))


@cache
def _ordinal_stems() -> tuple[str, ...]:
    """Stems of the ordinals ("prvi", "druga", data/patterns/phase_ordinals.csv), "novi" and "jedini"."""
    return tuple(r["stem"] for r in patterns.read_rows("phase_ordinals.csv") if len(r["stem"]) >= 3) + ("nov", "jedin")


@cache
def _seated_alone() -> frozenset[str]:
    return frozenset(r["word"] for r in patterns.read_rows("seat_heads.csv") if r["alone"] == "yes")


@cache
def _country_body_regex() -> regex.Pattern[str]:
    stems = sorted((r["stem"] for r in patterns.read_rows("country_adjectives.csv")), key=len, reverse=True)
    return regex.compile(
        rf"\b({'|'.join(stems)})(?:a|e|oj|u|om)\s+(vlad(?:a|e|i|u|om)|ambasad(?:a|e|i|u|om))\b", regex.I
    )


@cache
def _country_adjective_before() -> regex.Pattern[str]:
    """A country's adjective in a masculine case (data/patterns/country_adjectives.csv) right before a position."""
    stems = sorted((r["stem"] for r in patterns.read_rows("country_adjectives.csv")), key=len, reverse=True)
    words = "|".join(f"[{x[0].upper()}{x[0]}]{x[1:]}" for x in stems)
    return regex.compile(rf"(?<!\p{{L}})({words})(?:i|og|oga|om|ome|im)\s+$")


def _is_town(m: Mention) -> bool:
    """A town or municipality, not a country or region ("u Srbiji" is no seat of a centre's name)."""
    return m.subtype in ("city", "municipality", "city_municipality")


@lru_cache(maxsize=50_000)
def _is_verb_cue(folded: str) -> bool:
    """Verbs that end a name ("Ministarstvo prosvete sufinansira ..."): the role and event cue words. (Memoised: a
    word form recurs in a text and across texts, and the alternation of every cue is costly to run on each.)"""
    return len(folded) > 4 and _verb_cue_regex().fullmatch(folded) is not None


@cache
def _branch_keys() -> frozenset[str]:
    return frozenset(f"org:{r['key']}" for r in patterns.read_rows("org_branches.csv"))


@cache
def _program_words() -> frozenset[str]:
    return frozenset(fold(h) for h in patterns.program_heads())


@cache
def _english_head_in() -> re.Pattern[str]:
    """Any of the English organisation words, capitalised (the prefilter of `_english_names`)."""
    words = sorted(patterns.word_list("org_heads_english.csv"))
    return re.compile(r"\b(?:" + "|".join(w.capitalize() for w in words) + r")\b")


def _whole_words(text: str, name: str) -> Iterator[tuple[int, int]]:
    """The spans where `name` stands with no letter or digit touching it, left to right and not overlapping, as
    `finditer` finds the escaped name between a lookbehind and a lookahead of no letter or digit. str.find, not a
    pattern: the names differ from text to text, and compiling a pattern a name cost more than the search."""
    pos = text.find(name)
    while pos >= 0:
        end = pos + len(name)
        if (pos == 0 or not _LETTER_OR_DIGIT.match(text, pos - 1)) and not _LETTER_OR_DIGIT.match(text, end):
            yield pos, end
            pos = text.find(name, end)
        else:
            pos = text.find(name, pos + 1)
