"""Program names (programs, projects, initiatives, components, phases, calls: data/patterns/program_heads.csv).

- after a program keyword: a quoted name, an owner in the genitive then a quoted name ("program Nemačke
  razvojne saradnje „X“": the owner funds it), a title after a colon, a name with only its closing quote, a
  capitalised unquoted name ("kroz program Swiss DOM"), a capitalised modifier before the keyword, a
  capitalised keyword with its complement; a numbered call ("poziva 757/1");
- curated and ALLCAPS short names near a keyword ("ROMACTED"), quoted headings, a keyword heading with its
  title on the next line, quoted titles the text says are a program's name;
- descriptive names: a referring program word followed by its complement ("projekat digitalnog
  opismenjavanja romskih žena u opštini Vranje"), its owner in the genitive or a relative clause naming who
  carried it out; local action plans;
- phases ("ROMACTED faza II", "druga faza projekta „X“"), other mentions of a program named once, a short
  name that stands for a long one, and, in a text that names no program, its headline.
"""

from __future__ import annotations

import csv
from functools import cache

import regex
from rapidfuzz.distance import Levenshtein

from rikg.loaders import gazetteer, patterns, rx
from rikg.loaders.facts import Mention
from rikg.loaders.inflection import phrase_case
from rikg.loaders.morphology import case_forms
from rikg.loaders.normalise import fold
from rikg.loaders.recognise.base import (
    _LINKING,
    _NAMED,
    _RELATIVE_WORDS,
    JOINING_WORDS,
    YEAR,
    Quote,
    RecogniserBase,
    _is_verb_form,
    _title_words,
    _token_at,
    first_names,
    leading,
    tag_line,
    to_nominative,
)
from rikg.loaders.recognise.organisations import _org_heads_by_first_word
from rikg.loaders.recognise.places import _lsg_prefixes
from rikg.loaders.tokens import Token, words_from
from rikg.paths import GAZETTEER_DIR

# what closes a two-word title in sentence case: a relative clause, a full stop, a copula
# a sentence's opening name said to be a program: "Romska mreža prijava je projekat čiji je cilj ..."
# (the copula and the programme word: every match holds a match of this tail alone, which the engine finds far faster,
# and which most texts lack)
_SAID_TAIL = (
    r" je (?:\p{Ll}+ ){0,2}(projekat|program|inicijativa)\b"
    r"(?=\s*(?:čiji|čija|koji|koja|kojim|kojem|kome|kojoj|kojeg|,|\.))"
)
_SAID_TO_BE_PROGRAM = regex.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(\p{Lu}[\p{L}-]+(?: [\p{L}-]+){1,6})" + _SAID_TAIL, regex.M
)
_SAID_TAIL_RX = regex.compile(_SAID_TAIL, regex.M)
_TWO_WORD_TITLE_END = regex.compile(
    r"[^\S\n]*(?:\n|$|,\s*(?:čiji|čija|čije|koji|koja|koje|kojim|kojem|kome)\b|[.;](?:\s|$)|\s+(?:je|su|će)\s)"
)
_CALL_ID = regex.compile(r"^\s*(?:br\.?\s*)?(\d{1,5}(?:/\d{1,4})?)")
_NAME_END = regex.compile(r"\s(?:je|su|će|bi|realizovan\p{L}*|sproveden\p{L}*|održan\p{L}*|ima|imaju)\b")
_ALLCAPS = regex.compile(r"^\p{Lu}{4,}$")
_FIELD_VALUE = regex.compile(r":\s*\d")
_SPACES = regex.compile(r"[^\S\n]+")
# "UNICEF-ovog projekta", "USAID-ov „", "УНДП-јевог": the possessive suffix after a hyphen, then at most one word
# (the program word) before the program's mention
_POSSESSIVE_BEFORE = regex.compile(r"-(?:ov|ev|jev)\p{Ll}{0,3}\s+(?:\p{Ll}+\s+)?$")
_AFTER_POSSESSIVE = regex.compile(r"\s+(?:\p{Ll}+\s+)?$")  # between a possessive read whole and the program
# "projekat pod nazivom Zajedno do posla": words that only say an unquoted title follows
_UNQUOTED_NAME_INTRO = regex.compile(r"\s+(?:pod\s+(?:nazivom|imenom)|naziva)\s+(?=\p{Lu}\p{Ll})")
_YEAR_RANGE_END = regex.compile(r"\s?[-–]\s?\d{4}\b")  # the second year of a period: "2019-2023", "2019 – 2023"
# a working body and its remit before the plan it drafts: "Radna grupa za izradu (nacrta) Lokalnog akcionog plana ..."
_TO_BEGIN_DRAFTING = regex.compile(r"\b(?:pristup|zapoc|poc)\w*\s+(?:\w+\s+)?(?:izrad|priprem)\w*\s*$")  # folded
_PLURAL_PLAN = regex.compile(r"(?i)plan(?:ov\p{L}*|i)$|akcij\p{L}*$")  # "planova", "planovi", "planovi akcija"
_DRAFTING_BODY = regex.compile(
    r"\b(?:grup\p{L}*|tim\p{L}*|komisij\p{L}*)\s+za\s+(?:izradu|pripremu)\s+(?:nacrta\s+)?$", regex.I
)
# what a programme named by its purpose does to another it names: carry it out (also read by extract/references.py)
_CARRYING_OUT = regex.compile(r"\b(?:sprovođenj|realizacij|primen|implementacij)\w*\s+$", regex.I)
_NEXT_WORD = regex.compile(r"\s+(\p{L}+)")
_FRAME_IN_PREFIX = regex.compile(r"\b(?:u\s+okviru|u\s+sklopu|u\s+toku|povodom)\b", regex.I)
_NAME_IS = regex.compile(r"\s*(?:je|glasi)\s*:?\s*", regex.I)
_NAME_LABEL_BEFORE = regex.compile(r"\b(?:naziv|ime|naslov)\s+$", regex.I)
_NAME_LABEL = regex.compile(r"\s*(?:(?:puni|zvanični|pun)\s+)?(?:naziv|ime|naslov)\s+", regex.I)
_NAME_NUMERAL = regex.compile(r" (II|III|IV|VI|V)(?![\p{L}\d])")
_BULLET_LINE = regex.compile(r"[•\-–*·▪○●]\s")
# an acronym, or the years a programme runs, in brackets between its word and its name ("projekat (2020-2023) pod
# nazivom „X“")
_ACRONYM_IN_PARENTHESES = regex.compile(r"\s*\((?:\p{Lu}{2,10}|(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d)\)")
_ADJECTIVE_END = regex.compile(r"(?:sk|šk|čk|ck|ćk|n|v|ov|ev|in)(?:i|a|o|e|og|om|oj|u|ih|im)$")
_TITLE_SPLIT = regex.compile(r"\s*[-–—:]\s*(?=\p{L})|\s+[-–—]\s*")
_LEAD_REACH = 800  # characters: the lead, where a text says what it reports
# ("od 1. do 4. razreda": the full stop of an ordinal number does not end the phrase)
_LEAD_END = regex.compile(r"[,;:!?](?=\s|$)|(?<!\b\d{1,2})\.(?=\s|$)|[\n(]|\s(?:koj\w+|kako|da|a|ali|dok)\s")
_ACTIVITY_GENITIVE = regex.compile(r"\w{5,}(?:anja|enja|ivanja)$")  # a verbal noun in -nje, genitive
_ALLCAPS_PHRASE = regex.compile(r"[\p{Lu}\d][\p{Lu}\d\s\-–.,!]*")  # a phrase in capitals (digits allowed)
# a capitalised adjective of place right before a name in capitals ("Evropski PROGRES"), and its nominative
_NAME_ADJECTIVE = regex.compile(r"\b(\p{Lu}\p{Ll}+(?:sk|čk)(?:i|a|o|og|oga|om|e|u|im|oj))[^\S\n]$")
_ADJECTIVE_NOMINATIVE = regex.compile(r"((?:sk|čk))(?:i|a|o|og|oga|om|e|u|im|oj)$")
_CALL_LINKING = frozenset({"za", "i", "sa", "u", "na", "od"})
# A line that opens with a few words in capitals and a colon: a project card's label ("NAZIV PROJEKTA:") or a
# headline's kicker ("DODATNIH 9.600 MESTA: Projekat ...", "PAKETI ZA 340 PORODICA: ..."): no name in it.
_LABEL_LINE = regex.compile(r"\s*\p{Lu}{2,}(?:\s+(?:\p{Lu}{2,}|\d[\d.,]*\d|\d)){0,3}\s*:")
_PASSIVE = regex.compile(r"(?:[ae]n|[ae]n[aoie])$")
_ACRONYM = regex.compile(r"\p{Lu}{2,6}")
_NON_SPACE = regex.compile(r"[^\s]")
_WORD_RUN = regex.compile(r"\S+")  # a word with the punctuation glued to it
_NUMERAL_GENITIVE = regex.compile(r"\p{L}+(?:ata|ama|a)$")  # "projekata", "programa" after a quantifier
# the auxiliaries of a clause ("je", "su", "će"): words a title does not hold
_AUXILIARIES = frozenset({"je", "su", "ce", "smo", "ste", "sam", "si", "bi", "bio", "bila", "bili", "bilo"})
_PLURAL_PROGRAM_WORDS = frozenset(
    {"projekata", "projekti", "projektima", "projekte", "programi", "programima", "programe"}
)
_PLURAL_PROGRAM_WORD = regex.compile(rf"^(?:{'|'.join(sorted(_PLURAL_PROGRAM_WORDS))})$")
_GENITIVE_END = regex.compile(r"(?:a|e|ih|og|eg|ega|oga)$")  # genitive-looking endings that open a description

# an agreement's word before a quoted title ("ugovor „X“" names the contract, not a programme)
_AGREEMENT_WORD_BEFORE = regex.compile(r"\b(?:ugovor|sporazum|memorandum|protokol)")
# prepositions that open a place, not a name, after a program word ("AKCIJA U LOZNIČKIM SELIMA")
_PREPOSITIONS = frozenset({"u", "na", "za", "iz", "sa", "od", "do", "po", "kod", "o", "pri", "kroz", "ka"})
# "istoimenog projekta": the project named by the quoted title before it
_NAMESAKE = regex.compile(r"\bistoimen\p{L}*\s+(projek\p{L}*|program\p{L}*|inicijativ\p{L}*|akcij\p{L}*)", regex.I)
# what may stand before a clause's first word: the text's start, a sentence's end, a line, or a fronted phrase's comma
_CLAUSE_OPENING = regex.compile(r"(?:^|[.!?]\s+|\n\s*|,\s+)$")
_AUX_THEN_WORD = regex.compile(r"\s+(?:(?:je|su|će)\s+)?(\w+)")
# a program word in an oblique phrase: "u okviru projekta", "kroz program", "za projekat"
_PREPOSITION_BEFORE_PROGRAM = regex.compile(
    r"\b(?:u\s+okviru|u\s+sklopu|kroz|preko|za|u|na|iz|od|sa|putem|posredstvom)\s+$", regex.I
)


_WORD_RIGHT_BEFORE = regex.compile(r"(\p{L}+) $")  # the word a single space before a position


@cache
def _quoted_program_heads() -> dict[str, str]:
    """Each case form (lower case) of a word of data/patterns/quoted_program_heads.csv -> its program class."""
    rows = patterns.read_rows("quoted_program_heads.csv")
    return {form.lower(): r["kind"] for r in rows for form in case_forms(r["word"])}


@cache
def curated_programs() -> dict[str, tuple[str, str, str]]:
    """Folded spelling -> (name, key, class) from data/gazetteer/programs.csv."""
    out: dict[str, tuple[str, str, str]] = {}
    with open(GAZETTEER_DIR / "programs.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for spelling in [row["name_sr_latn"], *[a for a in row["aliases"].split("|") if a]]:
                out[fold(spelling)] = (row["name_sr_latn"], row["key"], row["kind"])
    return out


# the programme word and the colon of _counted_programs_colon: every match of it holds a match of this alone, which
# the engine finds about ten times faster (no alternation of number words tried at every position), and which
# most texts lack
_PROGRAMME_WORD_COLON = r"(?:projekt|program)\p{L}*[^:.!?\n]{0,80}:"
_PROGRAMME_WORD_COLON_RX = regex.compile(_PROGRAMME_WORD_COLON, regex.IGNORECASE)


@cache
def _counted_programs_colon() -> regex.Pattern[str]:
    """ "tri najuspešnija projekta finansirana iz EU i drugih izvora:": a count of two to nine (a number word of
    data/patterns/number_words.csv, or a digit), the programme word, and a colon."""
    words = sorted(
        (w for w, (v, kind) in patterns.number_words().items() if kind == "cardinal" and 2 <= v <= 9),
        key=len,
        reverse=True,
    )
    return regex.compile(
        rf"\b({'|'.join(words)}|[2-9])\s+(?:\p{{Ll}}+\s+){{0,2}}{_PROGRAMME_WORD_COLON}[^\S\n]*",
        regex.IGNORECASE,
    )


class ProgramsMixin(RecogniserBase):
    # -- programs ------------------------------------------------------------------------------
    def programs(self) -> None:
        heads = patterns.program_heads()
        folded_heads = _folded_program_heads()
        for i, t in enumerate(self.tokens):
            if not t.is_word or t.folded not in folded_heads:
                continue
            kind = heads.get(t.text.lower()) or heads.get(fold(t.text)) or "Program"
            if self._name_before_keyword(i, kind):
                continue
            self._program_after_keyword(i, kind)
        self._allcaps_programs()
        self._quoted_after_activity_words()
        self._owned_one_word_names()
        self._quoted_headings()
        self._keyword_headings()
        self._titles_named_as_such()
        self._paragraph_titles_in_apposition()
        self._fronted_titles()
        self._namesakes()
        self._titles_with_a_program_word()
        self._subjects_said_to_be_programs()
        self._scheme_names()
        self._repeat_known_programs()
        self._short_names_of_long_ones()
        self._listed_quoted_programs()
        self._counted_titles_after_a_colon()
        self._descriptive_programs()
        self._agreement_purposes()
        self._action_plans()
        self._phases()
        self._possessive_owners()

    def _possessive_owners(self) -> None:
        """A possessive adjective made of an organisation's name ("UNICEF-ovog projekta „X“", "USAID-ov „Program
        ...“") says whose the program is, as the genitive after a program word does: the owner funds it."""
        orgs = {m.end: m for m in self.mentions if m.kind == "org"}
        # ("Helpovog projekta „X“": a short name written as a word is read whole, ending and all: gazetteer.py)
        whole = {m.end: m for m in self.mentions if m.kind == "org" and m.rule.endswith("#possessive")}
        for m in self.mentions:
            if m.kind != "program" or "owner_start" in m.info:
                continue
            before = _POSSESSIVE_BEFORE.search(self.w, max(0, m.start - 40), m.start)
            owner = orgs.get(before.start()) if before else None
            after_word = _AFTER_POSSESSIVE.search(self.w, max(0, m.start - 30), m.start)
            owner = owner or (whole.get(after_word.start()) if after_word else None)
            if owner is not None:
                m.info["owner_start"] = str(owner.start)

    def _listed_quoted_programs(self) -> None:
        """ "podržao je projekte „RomInklud“ uz podršku Saveta Evrope i „Zajedno protiv diskriminacije“ uz podršku EU",
        "finansira se sprovođenje projekata: „Radionice znanja“ – predlog ..., „Mogu i ja“ – predlog ...": after a
        plural program word, each quoted title its sentence lists (after the word, ", ", " i " or ", kao i ") is a
        program, unless an organisation's name holds the quote."""
        if not self.quotes:
            return
        heads = patterns.program_heads()
        small = patterns.small_counts()
        for t in self.tokens:
            if not t.is_word:
                continue
            if t.folded not in _PLURAL_PROGRAM_WORDS and not (
                # "dva projekta", "oba programa": the paucal after two to four is a plural too
                t.folded in ("projekta", "programa")
                and t.index > 0
                and (self.tokens[t.index - 1].folded in small or self.tokens[t.index - 1].text in ("2", "3", "4"))
            ):
                continue
            # (a full stop before a small letter ends an ordinal or a date, "od marta 2008. do avgusta", not a sentence)
            end = rx.compiled(r"[.!?](?=\s)(?!\s+\p{Ll})|\n").search(self.w, t.end)
            stop = end.start() if end else len(self.w)
            at = t.end
            for q in self.quotes:
                if q.start < t.end or q.start >= stop:
                    continue
                gap = self.w[at : q.start]
                first = at == t.end
                # ("dva projekta ukupne vrednosti oko 815.000 evra „X“ ... i „Y“": the value may stand before the first)
                opening = rx.fullmatch(r"\s*:?\s*", gap) or patterns.context_cue("value-gap").match(gap)
                if not (first and opening) and not rx.search(r"(?:,|\bi|\bkao i)\s*$", gap):
                    at = q.end
                    continue
                inner = " ".join(self.w[q.inner_start : q.inner_end].split())
                if inner[:1].isupper() and self._free(q.start, q.end) and len(inner.split()) <= 12:
                    kind = heads.get(t.text.lower()) or heads.get(fold(t.text)) or "Project"
                    self._add_program(
                        q.start, q.inner_start, q.inner_end, kind, "program.listed-quoted", name=inner, end=q.end
                    )
                at = q.end

    def _counted_titles_after_a_colon(self) -> None:
        """ "predstavljena su tri najuspešnija projekta finansirana iz EU: A, B, C.": after a count of projects and a
        colon, the titles the sentence lists, as many as the count says, each opening with a capital, are those
        projects (the count guards against a list of anything else)."""
        counts = patterns.number_words()
        found = _PROGRAMME_WORD_COLON_RX.search(self.w) is not None
        for m in _counted_programs_colon().finditer(self.w) if found else ():
            word = m.group(1).lower()
            n = int(word) if word.isdigit() else counts[word][0] if word in counts else 0
            end = rx.compiled(r"[.!?](?=\s|$)|\n").search(self.w, m.end())
            stop = end.start() if end else len(self.w)
            items = list(rx.finditer(r"[^,;]+?(?=\s*,\s*|\s+i\s+(?=\p{Lu})|$)", self.w[m.end() : stop]))
            spans = []
            for it in items:
                s, e = m.end() + it.start(), m.end() + it.end()
                while s < e and self.w[s] in " \u00a0":
                    s += 1
                if rx.match(r"i\s+(?=\p{Lu})", self.w[s:e]):
                    s += 2
                if s < e:
                    spans.append((s, e))
            if n < 2 or len(spans) != n:
                continue
            # (an acronym in brackets closing a title is the title's, "Festival ... (FRSA)"; an organisation
            # anywhere else makes the list one of organisations, not of titles)
            bracketed = [
                x
                for x in self.mentions
                if x.kind == "org" and any(rx.fullmatch(r"\s*\([^()]+\)\s*", self.w[x.start - 1 : e]) for _, e in spans)
            ]
            if not all(
                self.w[s].isupper()
                and len(self.w[s:e].split()) <= 14
                and self._free(s, e, {"person", "program", "lsg"})
                and all(x in bracketed for x in self.mentions if x.kind == "org" and s <= x.start < e)
                for s, e in spans
            ):
                continue
            self.mentions = [x for x in self.mentions if x not in bracketed]
            for s, e in spans:
                name = " ".join(self.w[s:e].split())
                self._add_program(s, s, e, "Project", "program.counted-title", name=name)

    def _quoted_after_activity_words(self) -> None:
        """ "u okviru obuke „Liderstvo i komunikacijske veštine“": a quoted name right after a word that names a
        program only so (data/patterns/quoted_program_heads.csv) is that program."""
        heads = _quoted_program_heads()
        for q in self.quotes:
            before = _WORD_RIGHT_BEFORE.search(self.w, max(0, q.start - 30), q.start)
            kind = heads.get(before.group(1).lower()) if before else None
            if kind is None:
                continue
            inner = " ".join(self.w[q.inner_start : q.inner_end].split())
            if not inner[:1].isupper() or len(inner.split()) > 10:
                continue
            # (the word itself stays free: "obuke" is also the event a text may report)
            self._add_program(
                q.start, q.inner_start, q.inner_end, kind, "program.keyword-quoted", name=inner, end=q.end
            )

    def _name_before_keyword(self, i: int, kind: str) -> bool:
        """ "u kojima se realizuje Romkonect program": a name (not an adjective, not a first name, not opening the
        sentence) right before a lower-case program word is the program's name."""
        t = self.tokens[i]
        if t.is_capitalised or i < 2 or not t.folded.startswith(("program", "projek")):
            return False
        # "u „Romakcija“ programu": a quoted name right before the program word
        q = next((q for q in self.quotes if q.end <= t.start and self.w[q.end : t.start] == " "), None)
        if q is not None:
            inner = " ".join(self.w[q.inner_start : q.inner_end].split())
            if inner[:1].isupper() and len(inner.split()) <= 8 and self._free(q.start, t.end):
                # ("„Romalink“ programa Saveta Evrope i Evropske komisije": the owners in the genitive after the word)
                owners = self._owners_after(q.start, t.end)
                info = {"owner_start": " ".join(str(o.start) for o in owners)} if owners else {}
                self._add_program(
                    q.start,
                    q.inner_start,
                    q.inner_end,
                    kind,
                    "program.quoted-before-keyword",
                    name=inner,
                    end=t.end,
                    info=info,
                )
                return True
        if self._adjectives_before_keyword(i, kind):
            return True
        prev = self.tokens[i - 1]
        line_start = self.w.rfind("\n", 0, prev.start) + 1
        if (
            not prev.is_word
            or not prev.is_capitalised
            # "ROMACTED program": _allcaps_programs reads acronyms with their curated spellings; a short unknown one
            # right before the word is the program's name ("preko ACT programa"), a known organisation's is not
            or (
                prev.is_upper
                and not (
                    len(prev.text) <= 3
                    and prev.text not in _org_acronyms()
                    and prev.folded not in patterns.word_list("not_org_acronyms.csv")
                )
            )
            or self.w[prev.end : t.start] != " "
            or self._sentence_start(prev)
            or not rx.search(r"\p{L}", self.w[line_start : prev.start])  # a line's first word ("- Izvođač radova")
            or _ADJECTIVE_END.search(prev.folded)
            or prev.folded in first_names()
            or prev.folded in patterns.word_list("function_words.csv")
            or prev.folded in _title_words()
            or not self._free(prev.start, t.end)
            # "– Nosioc projekta", "Koordinator projekta": a role the words state, not a name
            or patterns.any_role_cue().match(f"{prev.folded} {t.folded}")
        ):
            return False
        # "„Integracija Roma ...“ (IRM projekat)": the short name in brackets after a program's name is that
        # program's, here and wherever it stands again before a program word ("IRM projekat je organizovao ...")
        aliases = self.bracketed_short_names
        named = next(
            (
                m
                for m in self.mentions
                if m.kind == "program" and rx.fullmatch(r"[^\S\n]*\([^\S\n]*", self.w[m.end : prev.start])
            ),
            None,
        )
        if named is not None:
            aliases[prev.text] = named.name
        if prev.text in aliases:
            self._add_program(
                prev.start,
                prev.start,
                prev.end,
                kind,
                "program.short-name-in-brackets",
                name=aliases[prev.text],
                end=t.end,
            )
            return True
        self._add_program(prev.start, prev.start, prev.end, kind, "program.name-before-keyword", end=t.end)
        return True

    def _adjectives_before_keyword(self, i: int, kind: str) -> bool:
        """ "u okviru Regionalnog stambenog programa": a capitalised adjective and one or two more in small letters
        before the program word, inside a sentence, are the program's name (read in the nominative)."""
        words = [x for x in self.tokens[max(0, i - 3) : i] if x.is_word]
        after = rx.match(r"\s+(\S)", self.w[self.tokens[i].end : self.tokens[i].end + 5])
        if after and (after.group(1).isupper() or after.group(1) in '„“"«”'):
            return False  # "Institutovog regionalnog programa Unapređenje ...": the name follows the word
        for n in (3, 2):
            adjs = words[-n:]
            if len(adjs) < n or not all(_ADJECTIVE_END.search(x.folded) for x in adjs):
                continue
            first, rest = adjs[0], adjs[1:]
            if not first.is_capitalised or first.is_upper or any(not x.text.islower() for x in rest):
                continue
            if self._sentence_start(first) or not self._free(first.start, self.tokens[i].end):
                continue
            if any(self.w[a.end : b.start] != " " for a, b in zip(adjs, [*adjs[1:], self.tokens[i]], strict=True)):
                continue
            self._add_program(
                first.start, first.start, self.tokens[i].end, kind, "program.adjectives-before-keyword", nominative=True
            )
            return True
        return False

    def _program_after_keyword(self, i: int, kind: str) -> None:
        t = self.tokens[i]
        if any(m.kind == "org" and m.start <= t.start < m.end for m in self.mentions):
            return  # "Udruženje „Inicijativa za razvoj ...“": the word is inside an organisation's name
        rest = self.w[t.end : t.end + 200]
        intro = _UNQUOTED_NAME_INTRO.match(rest)
        if intro and self._quote_at(t.end + intro.end(), 0) is None:
            # "projekat pod nazivom Zajedno do posla, koji ...": a title in sentence case, not quoted
            title = self._sentence_case_title(_token_at(self.tokens, t.end + intro.end()) - 1)
            if title is not None:
                self._add_program(t.start, title[0].start, title[-1].end, kind, "program.introduced-title")
                return
        # Calls are named by their number: "poziva 757/1".
        if kind == "Call":
            m = _CALL_ID.match(rest)
            if m:
                e = t.end + m.end()
                self._add(
                    Mention(
                        "program",
                        t.start,
                        e,
                        self.w[t.start : e],
                        f"Poziv {m.group(1)}",
                        "program.call-number",
                        None,
                        "Call",
                    )
                )
                return
        # "Projekat: Lokalne inicijative ..." as a heading; "Komponenta 2 – „Stipendije ...“".
        m = rx.match(r"\s*(?:\d{1,2}|[IVX]{1,4})?\s*[:–—-]\s*[„“\"]?(\p{L}[^\n„“”\"]{4,200})", rest)
        line_start = self.w.rfind("\n", 0, t.start) + 1
        label = self.w[line_start : t.start]
        if m and ":" in rest[: m.start(1)] and rx.search(r"\p{L}", label) and not _NAME_LABEL.fullmatch(label):
            # a label opens its line ("Projekat: ..."); "Izvođač radova: Dometra d.o.o." is no program, but
            # "Naziv projekta: X" on a project card is its name
            m = None
        if m and (m.group(1)[0].isupper() or rx.match(r"\s*(?:\d{1,2}|[IVX]{1,4})\s*[–—-]", rest)):
            title = m.group(1)
            cut = _NAME_END.search(title)
            if cut:
                title = title[: cut.start()]
            title = rx.split(r"[.;:]\s", title)[0].rstrip(" .,;")
            s = t.end + m.start(1)
            name = " ".join(title.split())
            self._add_program(
                t.start, s, s + len(title), kind, "program.keyword-colon-title", name=name[0].upper() + name[1:]
            )
            return
        # keyword + (owner or name prefix) + quoted name
        for q in self.quotes:
            if q.start < t.end or q.start > t.end + 120:
                continue
            gap = self.w[t.end : q.start]
            mention_start = t.start
            intro = patterns.context_cue("name-introducer").search(gap)
            before_name = q.start
            if _NAME_IS.fullmatch(gap) and _NAME_LABEL_BEFORE.search(self.w, max(0, t.start - 24), t.start):
                # "Naziv projekta je „X“", "Puni naziv projekta glasi: „X.“": the sentence gives the name
                gap, before_name = " ", t.end
            if intro is not None and intro.end() == len(gap):
                # "projekat (2019-2022) pod nazivom: „X“": the words only say that the name follows
                gap = gap[: intro.start()] + " "
                before_name = t.end + intro.start()
            elif patterns.context_cue("value-gap").match(gap):
                # "dva projekta ukupne vrednosti oko 815.000 evra „X“": the value stands between word and name (and
                # stays outside the name's mention: it is the program's amount)
                gap, before_name, mention_start = " ", t.end, q.start
            # ("Program ИПА (IPA) 2015 „...“": an acronym repeated in another script, in parentheses, says nothing)
            gap = _ACRONYM_IN_PARENTHESES.sub("", gap)
            if rx.search(r"[.;:\n()]", gap) or len(gap.split()) > 7:
                break
            prefix = gap.strip()
            if (
                any(fold(x) in patterns.word_list("function_words.csv") for x in prefix.split())
                or len(prefix.split()) > 6
                # "Projekat Caritasa Valjevo predstavljen u okviru “XXIII susreta“": the quote names the frame of
                # what the sentence says of the project, not the project
                or _FRAME_IN_PREFIX.search(prefix)
            ):
                break
            org = next((m for m in self.mentions if m.kind == "org" and m.start <= q.start < m.end), None)
            if org is not None and not prefix and org.rule == "org.quoted-with-head" and org.start == q.start:
                # "za projekat „Romski centar za posao“": the program word right before the quote says what the
                # quote names, though it opens with an organisation's head word
                self.mentions.remove(org)
            elif org is not None:
                break  # "javne radove u JKP „Čistoća“": the quoted name is the organisation's
            inner_heads = [x for x in prefix.split() if fold(x) in _folded_program_heads()]
            referring = {fold(h) for h in patterns.referring_program_heads()}
            if (kind == "Phase" and inner_heads) or any(fold(x) in referring for x in inner_heads):
                # "Druga faza projekta „X“", "Konkurs u okviru projekta „X“", "Komponente 3 Programa „X“": the
                # quoted name is the nearer program word's; the phase comes from _phases, the call or component
                # stays a reference. ("program javnih radova „X“" is one program named with both words.)
                return

            owners = self._owner_chain(t.end, before_name)
            if not owners and len(prefix.split()) == 1 and fold(prefix) in _single_org_heads():
                prefix = ""  # "projekta Fondacije „X“": the head alone points at an organisation named elsewhere
            name = " ".join(self.w[q.inner_start : q.inner_end].split())
            info = {}
            rest = " ".join(self.w[owners[-1].end : before_name].split()) if owners else prefix
            if owners and not rest:
                # "programa Nemačke razvojne saradnje „X“": the organisation owns (funds) the program.
                info["owner_start"] = " ".join(str(o.start) for o in owners)
            elif owners and _ALLCAPS.match(rest):
                # "zajedničkog programa Saveta Evrope i Evropske komisije ROMLOKAL „...“": owners, then the name
                info["owner_start"] = " ".join(str(o.start) for o in owners)
                name = f"{rest} – {name}"
                info["short_name"] = " ".join(self.w[q.inner_start : q.inner_end].split())
                info["short_span"] = f"{q.inner_start} {q.inner_end}"
            elif prefix and prefix[0].isupper():
                name = f"{prefix} – {name}"
                info["short_name"] = " ".join(self.w[q.inner_start : q.inner_end].split())
                info["short_span"] = f"{q.inner_start} {q.inner_end}"
            elif prefix and len(prefix.split()) > 3:
                break
            # "ROMACTED PROGRAM „Promovisanje ...“": the quoted words are the long name of ROMACTED.
            prev = [x for x in self.tokens[max(0, i - 3) : i] if x.is_word]
            if (
                not prefix
                and prev
                and _ALLCAPS.match(prev[-1].text)
                and not self._heading_line(prev[-1])
                and not self.w[prev[-1].end : t.start].strip()  # "(SKGO).\n\nProjekat „X“": another sentence's
                and "\n\n" not in self.w[prev[-1].end : t.start]  # "UVOD\n\nProjekat „X“": a heading above it
                and prev[-1].folded not in patterns.word_list("caps_words_not_names.csv")
                and self._free(prev[-1].start, prev[-1].end, {"org", "lsg"})  # "preko SKGO projekat „X“": who runs it
            ):
                info["long_name"] = name
                self._add_program(
                    prev[-1].start,
                    prev[-1].start,
                    prev[-1].end,
                    kind,
                    "program.allcaps-keyword-quoted",
                    name=prev[-1].text,
                    end=q.end,
                    info=info,
                )
                return
            if "owner_start" not in info:
                after = self._owners_after(t.start, q.end)
                if after:
                    # "projekta „Dostojan dom“ Ekumenske humanitarne organizacije": the owner after the name
                    info["owner_start"] = " ".join(str(o.start) for o in after)
            self._add_program(
                mention_start,
                q.inner_start,
                q.inner_end,
                kind,
                "program.keyword-quoted",
                name=name.rstrip("."),
                end=q.end,
                info=info,
            )
            return
        # "u okviru projekta Jačanje ekonomske samostalnosti ... u Srbiji“,": the opening quote is missing and
        # only the closing one marks where the name ends.
        if self._heading_line(t):
            return
        nxt = words_from(self.tokens, i + 1, self.w, 1)
        # (a mark followed by a letter opens a quotation: 'Program IPA 2015 "EU podrška ..."')
        half = rx.match(r" (\p{Lu}[^\n„“”\"«».;:]{8,240}?)\s?[“”\"](?!\p{L})", rest)
        line_start = self.w.rfind("\n", 0, t.start) + 1
        opened = len(rx.findall(r"„|,,|«", self.w[line_start : t.start]))
        closed = len(rx.findall(r"[“”»]|''", self.w[line_start : t.start]))
        if (
            half
            and opened <= closed  # inside a quotation the closing mark ends the quotation ("... faza II nam daje ...“)
            and not rx.search(r"\b(?:je|su|će|bi|da)\b", half.group(1))  # a clause, not a name
            and nxt
            and nxt[0].start == t.end + 1
            and self._free(nxt[0].start, nxt[0].end)
        ):
            s = t.end + half.start(1)
            e = t.end + half.end(1)
            self._add_program(t.start, s, e, kind, "program.keyword-name-closing-quote", end=t.end + half.end())
            return
        # "komponente Zajedno za Zajednicu –", "kroz program Swiss DOM": a capitalised unquoted name after the
        # keyword, unless that word opens the name of an organisation or place (the program's owner or place).
        # "koordinator projekta Marija Nikolić" names a person, not the project.
        named_next = (
            bool(nxt)
            and nxt[0].is_capitalised
            and self._free(nxt[0].start, nxt[0].end)
            and nxt[0].folded not in first_names()
        )
        loose = kind in ("Component", "Phase", "Initiative") or (
            t.is_capitalised and i > 0 and not self._sentence_start(t)
        )
        # "Projekat Ekonomsko jačanje Romkinja: razvoj kapaciteta ... zahvaljujući kome ...", "sprovodi projekat
        # Jačanje romskih NVO za saradnju sa medijima koji ...": a title in sentence case after the program word
        # (a name, not an owner or a place)
        titled = (
            named_next
            and self.w[t.end : nxt[0].start] == " "
            and not nxt[0].is_upper
            and (not t.is_capitalised or self._sentence_start(t))
            # a name stands in the nominative; "konkurs Helpa za dodelu grantova" names its owner in the genitive
            # (an adjective is read with its noun: "Socijalna inkluzija Roma" alone is no genitive)
            and ("nom" in phrase_case([nxt[0].text]) or "nom" in phrase_case(self._adjective_and_noun(i + 1)))
        )
        if titled:
            title = self._sentence_case_title(i)
            if title is not None:
                self._add_program(t.start, title[0].start, title[-1].end, kind, "program.keyword-sentence-case-title")
                return
        if (loose or named_next) and kind != "Phase":  # "prvu fazu ROMAGORA programa": _phases names it
            words = words_from(self.tokens, i + 1, self.w, 10)
            if (
                words
                and words[0].is_capitalised
                and self.w[t.end : words[0].start] == " "
                and fold(words[0].text) not in patterns.word_list("function_words.csv")
                # ("AKCIJA U LOZNIČKIM SELIMA: ...": a preposition opens a place, not a name)
                and fold(words[0].text) not in _PREPOSITIONS
                and not rx.fullmatch(r"[IVX]+|\d+", words[0].text)
            ):
                name_words = []
                for w in words:
                    if w.folded in patterns.word_list("function_words.csv") and w.folded not in (
                        "za",
                        "i",
                        "na",
                        "u",
                        "od",
                    ):
                        break
                    if name_words and not self._free(w.start, w.end):
                        break  # "program Swiss DOM Vlada Švajcarske ...": the name ends where an actor begins
                    if w.folded in _folded_program_heads():
                        break  # "fazu ROMAGORA programa": the next program word is not part of the name
                    # after a lower-case keyword only a capitalised name is a name ("ROMED i ROMAKT": two), and a
                    # year inside it ("programa IPA 2009 RSEDP II")
                    if (
                        not loose
                        and not w.is_capitalised
                        and w.folded not in ("za", "na", "u", "od")
                        and not (name_words and YEAR.fullmatch(w.text))
                    ):
                        break
                    gap = self.w[name_words[-1].end : w.start] if name_words else ""
                    # ("MEDIA-ROM Training Path": a hyphen inside a compound goes on with the name)
                    if w.start > words[0].start and gap != "-" and rx.search(r"[,;:.()–—-]", gap):
                        break
                    name_words.append(w)
                while name_words and name_words[-1].folded in ("za", "i", "na", "u", "od"):
                    name_words.pop()
                if name_words and all(patterns.month_number(w.text) or YEAR.fullmatch(w.text) for w in name_words):
                    name_words = []  # "Opis akcije Maj 2014.": a date after the keyword, no name
                if name_words and (
                    len(name_words) >= 2
                    or (name_words[0].is_upper and loose and self._caps_run(name_words[0].index) < 4)
                    or self._one_word_name(name_words[0])
                ):
                    # a lone acronym after a lower-case keyword is left to _allcaps_programs (curated spellings)
                    self._add_program(
                        t.start, name_words[0].start, name_words[-1].end, kind, "program.keyword-capitalised-name"
                    )
                    return
        # "Komisija za sprovođenje Javnog poziva za podršku ...": a capitalised modifier before the keyword.
        prev = self.tokens[i - 1] if i else None
        if (
            prev is not None
            and prev.is_word
            and prev.is_capitalised
            and not prev.is_upper
            and not t.is_capitalised
            and not self._sentence_start(prev)
            and self.w[prev.end : t.start] == " "
            and prev.folded in patterns.word_list("program_modifiers.csv")
        ):
            words = words_from(self.tokens, i + 1, self.w, 16)
            name_words = []
            for w in words:
                if not w.is_capitalised and (_is_verb_form(w.text) or any(c.isdigit() for c in w.text)):
                    break  # "Javni poziv objavljen 17.06.2022.": a participle or a number ends the name
                if w.folded in patterns.word_list("function_words.csv") or (
                    w.is_capitalised and not self._name_word(w) and w.folded != "opstini"
                ):
                    if name_words and name_words[-1].folded == "u" and w.is_capitalised:
                        name_words.append(w)
                        continue
                    break
                name_words.append(w)
            while name_words and name_words[-1].folded in ("za", "i", "na", "u"):
                name_words.pop()
            if len(name_words) >= 2:
                head = (to_nominative(self.w[prev.start : t.end]) or [self.w[prev.start : t.end]])[0]
                rest = self.w[name_words[0].start : name_words[-1].end]
                self._add_program(
                    prev.start,
                    prev.start,
                    name_words[-1].end,
                    kind,
                    "program.modifier-keyword-phrase",
                    name=f"{head[0].upper()}{head[1:]} {rest}",
                )
                return
        # "Program obuka za zanimanja ...": a capitalised keyword mid-sentence followed by its complement; a
        # plural ("sprovođenja Projekata za poboljšanje položaja Roma") names a kind of projects, not one
        after_colon = rx.search(r":\s*$", self.w[max(0, t.start - 3) : t.start]) is not None
        if kind == "Call" and t.is_capitalised and (after_colon or not self._sentence_start(t)):
            # "tri konkursa: Konkursa za dodelu bespovratnih sredstava gradovima i opštinama sa područja AP
            # Vojvodine za sufinansiranje ...": a call is named by its whole purpose, over "i", "sa" and places
            title = self._call_title(i)
            if title is not None:
                self._add_program(t.start, t.start, title[-1].end, kind, "program.call-title", nominative=True)
                return
        if t.is_capitalised and not self._sentence_start(t) and not _PLURAL_PROGRAM_WORD.match(t.folded):
            words = words_from(self.tokens, i + 1, self.w, 10)
            name_words = []
            for w in words:
                if (
                    w.folded in patterns.word_list("function_words.csv")
                    or w.folded in patterns.word_list("descriptive_stops.csv")
                    or w.folded in patterns.word_list("program_determiners.csv")
                    or (w.is_capitalised and not self._name_word(w))  # ("usavršavanja Roma" goes on)
                    or _is_verb_form(w.text)
                ):
                    break
                name_words.append(w)
            while name_words and name_words[-1].folded in ("za", "i", "na"):
                name_words.pop()
            content = [x for x in name_words if x.folded not in _LINKING]
            if content and not _opens_genitive(name_words):
                return  # "Projekta ukupna sredstva": the complement of a program word is a genitive
            if len(content) >= 2 and self.w[t.end : name_words[0].start] == " ":
                self._add_program(
                    t.start, t.start, name_words[-1].end, kind, "program.capitalised-keyword-phrase", nominative=True
                )

    def _descriptive_programs(self) -> None:
        """A program the text names only by what it does or whose it is. After a referring program word
        (not preceded by a determiner: "ovog projekta" refers back):
        - its complement, "za" + accusative or a genitive: "projekat digitalnog opismenjavanja romskih žena u
          opštini Vranje", "пројекат општине Врање за запошљавање Рома";
        - an organisation in the genitive: "u okviru projekta Ekumenske humanitarne organizacije" (the program
          of X, owned by X), only in a text that names no program otherwise;
        - a relative clause: "pројектом који је спровео МУП Пожаревац", only in such a text too.
        The description runs to a stop word, a verb, punctuation, a number or an organisation."""
        refers = {fold(f) for f in patterns.referring_program_heads()}
        determiners = patterns.word_list("program_determiners.csv")
        named_elsewhere = any(m.kind == "program" for m in self.mentions)
        for i, t in enumerate(self.tokens):
            if not t.is_word or t.folded not in refers or not self._free(t.start, t.end):
                continue
            if t.is_upper or self._heading_line(t):
                continue
            prev = next((x for x in reversed(self.tokens[max(0, i - 2) : i]) if x.is_word), None)
            if prev is not None and (prev.folded in determiners or _ALLCAPS.match(prev.text)):
                continue
            counted = self.tokens[i - 1] if i and self.tokens[i - 1].end + 1 == t.start else None
            if counted is not None and (
                counted.text.isdigit()
                or patterns.number_words().get(counted.folded, (1, ""))[0] > 1  # "jedan projekat" is an article
                or (_NUMERAL_GENITIVE.match(t.folded) and counted.folded in ("vise", "nekoliko", "mnogo"))
            ):
                continue  # "Podržano je 19 projekata koji će biti sprovedeni ...": a count of projects, not a name
            head = (to_nominative(t.text) or [t.text])[0]
            if (fold(head) == t.folded and t.folded.endswith("i")) or _PLURAL_PROGRAM_WORD.match(t.folded):
                continue  # "projekti", "programi", "Projekata za ...": many programs, no one name
            words = words_from(self.tokens, i + 1, self.w, 14)
            if not words or self.w[t.end : words[0].start] != " ":
                continue
            first = words[0]
            owner = next((m for m in self.mentions if m.kind in ("org", "lsg") and m.start == first.start), None)
            if owner is not None:
                if not named_elsewhere:
                    self._owned_program(t, head, owner)
                continue
            if first.folded in _RELATIVE_WORDS:
                # ("dopuna programa koje romska deca pohađaju": "koje", "koja", "koju" do not agree with a masculine
                # word in the singular; the clause speaks of many programs, no one name)
                masculine = not fold(head).endswith(("a", "e", "o"))
                if not named_elsewhere and not (masculine and first.folded in ("koje", "koja", "koju")):
                    self._program_by_relative_clause(t, head, words)
                continue
            participle = first.folded.startswith(tuple(patterns.word_list("descriptive_participles.csv")))
            if participle and not named_elsewhere and len(words) > 1:
                # "programa namenjenog žrtvama nacističkog terora", "projekat usmeren na zapošljavanje Roma": the
                # participle and its complement (a dative, or "na" + accusative) describe the program
                rest = self._description(words[1:], any_case=True)
                phrase = [first, *rest] if rest is not None else None
            else:
                phrase = self._description(words)
            if phrase is None:
                continue
            # "na konferenciji „Smernice za institucionalizaciju programa mentorske podrške“": an event's title
            q = self._quote_containing(t.start, t.end)
            if q is not None and patterns.any_event_kind().search(self.w[max(0, q.start - 40) : q.start].lower()):
                continue
            self._add_described(t, head, phrase, {})

    def _call_title(self, i: int) -> list[Token] | None:
        """The words of a call's name after its program word at token i (see `_program_after_keyword`)."""
        stops = patterns.word_list("function_words.csv") | patterns.word_list("descriptive_stops.csv")
        # a kind of institution the call is for ("Centrima za socijalni rad") is part of its name, not an actor
        generic = [
            m
            for m in self.mentions
            if m.kind == "org" and m.rule.startswith("org.head") and not any(x[0].isupper() for x in m.name.split()[1:])
        ]
        places = [m for m in self.mentions if m.kind in ("place", "lsg")] + generic
        out: list[Token] = []
        for w in words_from(self.tokens, i + 1, self.w, 32):
            if out and self.w[out[-1].end : w.start].strip():
                break  # punctuation ends the name
            in_place = any(m.start <= w.start < m.end for m in places)
            if w.folded in stops and w.folded not in _CALL_LINKING:
                break
            if not any(c.isalpha() for c in w.text) or (not w.is_capitalised and _is_verb_form(w.text)):
                break
            if w.is_capitalised and not (in_place or self._name_word(w) or w.is_upper):
                break
            if not in_place and not self._free(w.start, w.end, {"org", "person", "program"}):
                break
            out.append(w)
        while out and out[-1].folded in _CALL_LINKING:
            out.pop()
        if len(out) < 4 or out[0].folded != "za":
            return None
        self.mentions = [m for m in self.mentions if not (m in generic and out[0].start <= m.start < out[-1].end)]
        return out

    def _adjective_and_noun(self, i: int) -> list[str]:
        """The first two words from token i when the second is in lower case ("Socijalna inkluzija"), else none."""
        two = words_from(self.tokens, i, self.w, 2)
        if len(two) < 2 or not two[1].text.islower() or self.w[two[0].end : two[1].start] != " ":
            return []
        return [two[0].text, two[1].text]

    def _sentence_case_title(self, i: int) -> list[Token] | None:
        """The words of a title after the program word at token i: lower-case words after a capitalised first one,
        over a colon that opens a subtitle, up to a verb, a stop word, other punctuation or another name."""
        stops = patterns.word_list("function_words.csv") | patterns.word_list("descriptive_stops.csv")
        out: list[Token] = []
        for w in self.tokens[i + 1 : i + 25]:
            if not w.is_word:
                continue
            if w.text[0].isdigit():
                break  # a count ends the title
            if out:
                gap = self.w[out[-1].end : w.start]
                if "\n" in gap or (gap.strip() and not (gap.strip() == ":" and not w.is_capitalised)):
                    break
                if w.is_capitalised and not self._name_word(w) and not (w.is_upper and len(w.text) <= 5):
                    break  # (an acronym goes on: "Jačanje romskih NVO za saradnju sa medijima")
                if (w.folded in stops and w.folded not in _LINKING) or (
                    _is_verb_form(w.text) and w.folded not in patterns.word_list("verb_lookalike_nouns.csv")
                ):
                    break
                if not self._free(w.start, w.end, {"org", "person", "program"}):
                    break
            out.append(w)
        while out and out[-1].folded in _LINKING:
            out.pop()
        if len(out) == 2 and _TWO_WORD_TITLE_END.match(self.w, out[-1].end):
            return out  # "projekat Romski glas, čiji je cilj ...": a short title the clause closes
        return out if len(out) >= 3 else None

    def _agreement_purposes(self) -> None:
        """ "Memorandum o podršci zapošljavanju visokoobrazovanih Roma u lokalnim samoupravama": an agreement about
        a support it describes is about that program (data/patterns/agreement_purposes.csv)."""
        purposes = patterns.agreement_purposes()
        agreement_words = _agreement_words()
        for i, t in enumerate(self.tokens[2:], start=2):
            head = purposes.get(t.folded)
            if head is None or self.tokens[i - 1].folded != "o" or self.tokens[i - 2].folded not in agreement_words:
                continue
            words = words_from(self.tokens, i + 1, self.w, 14)
            phrase = self._description(words, any_case=True) if words else None
            if phrase is not None:
                self._add_described(t, head, phrase, {})

    def _description(self, words: list[Token], any_case: bool = False) -> list[Token] | None:
        """The complement of a program word, or None when it does not open like one (`any_case`: the complement
        of "podršci", which may be a dative: "podršci zapošljavanju Roma")."""
        first = words[0]
        stops = patterns.word_list("function_words.csv") | patterns.word_list("descriptive_stops.csv")
        if first.is_capitalised or not self._free(first.start, first.end, {"org", "person", "program"}):
            return None
        if first.folded in patterns.word_list("program_determiners.csv"):
            return None  # "komponenti ovog projekta": a part of a program named elsewhere
        # The complement opens with "za" or a genitive ("podrške", "digitalnog", "romskih"), never a verb.
        if (
            not any_case
            and first.folded != "za"
            and (first.folded in stops or _is_verb_form(first.text) or not _GENITIVE_END.search(first.folded))
        ):
            return None
        if not any_case and first.folded != "za" and not _opens_genitive(words):
            return None  # "Projekta ukupna sredstva": an adjective and its noun in the nominative are no complement
        phrase: list[Token] = []
        counting = False  # "izgradnje 16 kuća", "polaganja više od dva kilometra mreže": a counted object goes on
        for k, w in enumerate(words):
            if phrase and _NON_SPACE.search(self.w, phrase[-1].end, w.start):
                break  # punctuation ends the description
            if (
                phrase
                and (counting or (phrase[-1].folded not in _LINKING and "gen" in phrase_case([phrase[-1].text])))
                and self._counted_object(words, k, stops)
            ):
                counting = True
                phrase.append(w)
                continue
            counting = False
            if (w.folded in stops and w.folded not in _LINKING) or (
                # (a participle declined as an adjective goes on: "visoko obrazovanih Roma"; so does a noun the
                # lemmatiser takes for a verb: "stomatološke zaštite")
                not w.is_capitalised
                and _is_verb_form(w.text)
                and not w.folded.endswith(("ih", "og", "oj"))
                and w.folded not in patterns.word_list("verb_lookalike_nouns.csv")
            ):
                break
            if any(m.kind in ("org", "person", "program") and m.start <= w.start < m.end for m in self.mentions):
                break
            if (
                phrase
                and w.is_capitalised
                and w.folded in ("grad", "opstina", "gradska")
                and any(m.kind == "lsg" and m.start == w.start for m in self.mentions)
            ):
                break  # "U okviru Akcionog plana za Rome Grad Pančevo je ...": a town in the nominative is a subject
            if not any(c.isalpha() for c in w.text) or w.folded in patterns.number_words():
                break  # "poziva objavljenog 15. marta", "produženje projekta za dva meseca": a number ends it
            if w.is_capitalised and w.folded in first_names():
                break
            phrase.append(w)
        while phrase and (phrase[-1].folded in _LINKING or phrase[-1].folded.startswith(("faz", "period"))):
            # "Inicijative za inkluziju faza 2": the phase is named by _phases; "... za period od 2023.": the period
            # whose years a number ends the name with is no part of it
            phrase.pop()
        content = [w for w in phrase if w.folded not in _LINKING]
        if len(content) == 1 and phrase == content and _ACTIVITY_GENITIVE.search(content[0].folded):
            # "program samozapošljavanja", "projekta vodosnabdevanja": one activity in the genitive is a name
            # (one noun of any other kind is not: "projekti udruženja", "program opštine")
            # (not inside an agreement's title: "Sporazum o ... u realizaciji programa zapošljavanja" is what
            # agreements of the kind are about, no program of this text)
            before = self.w[max(0, first.start - 200) : first.start]
            if content[0].folded not in patterns.word_list("thing_nouns_in_nje.csv") and not (
                _agreement_title_before().search(before)
            ):
                return phrase
        return phrase if len(content) >= 2 else None

    def _counted_object(self, words: list[Token], k: int, stops: frozenset[str]) -> bool:
        """Word k opens a count of the description's object: a number (or "više od", "oko" before one) followed by a
        lower-case noun ("16 kuća", "više od dva kilometra"), not a date or a period ("15. marta", "za dva meseca")."""
        kinds = _count_words()
        j = k
        while j < len(words) and kinds.get(words[j].folded) == "quantifier":
            j += 1
        if j >= len(words) - 1 or not (words[j].text.isdigit() or words[j].folded in patterns.number_words()):
            return False
        noun = words[j + 1]
        if rx.match(r"\.\s", self.w[words[j].end : words[j].end + 2]):
            return False  # an ordinal ("15. marta")
        return (
            not noun.is_capitalised
            and noun.folded not in stops
            and kinds.get(noun.folded) not in ("time", "share")
            and not _is_verb_form(noun.text)
        )

    def _add_described(self, t: Token, head: str, phrase: list[Token], info: dict[str, str], end: int = 0) -> None:
        rest = " ".join(self.w[phrase[0].start : phrase[-1].end].split())
        end = end or phrase[-1].end
        before = self.tokens[t.index - 1] if t.index else None
        if t.is_capitalised and before is not None and before.folded in patterns.plural_org_nouns():
            return  # "partnerskih organizacija Inicijativa za razvoj i saradnju IDC": an organisation's name
        # "poziva za dodelu subvencija ..." repeats a program named in full elsewhere ("Javni poziv za ...").
        opening = " ".join(fold(rest).split()[:4])
        if any(m.kind == "program" and opening in fold(m.name) for m in self.mentions):
            return
        heads = patterns.program_heads()
        self._add_program(
            t.start,
            t.start,
            end,
            heads.get(fold(head), heads.get(head.lower(), "Program")),
            "program.descriptive-name",
            name=f"{head[0].upper()}{head[1:].lower()} {rest}",
            info={"descriptive": "yes", **info},
        )

    def _owned_one_word_names(self) -> None:
        """ "Zajednički program Evropske unije – Saveta Evrope Romavia": one capitalised word after a program word
        and its owners in the genitive is the program's name, and the owners fund it."""
        heads = _folded_program_heads()
        for t in self.tokens:
            if not t.is_word or t.folded not in heads or not self._free(t.start, t.end, {"program"}):
                continue
            chain = self._owner_chain(t.end, min(len(self.w), t.end + 160))
            if not chain:
                continue
            nxt = words_from(self.tokens, _token_at(self.tokens, chain[-1].end), self.w, 1)
            if not nxt or self.w[chain[-1].end : nxt[0].start] != " " or not nxt[0].is_capitalised:
                continue
            w = nxt[0]
            if w.is_upper or not self._one_word_name(w):
                continue  # (acronyms are _allcaps_programs')
            info = {"owner_start": " ".join(str(o.start) for o in chain)}
            rule = "program.owned-one-word-name"
            self._add(Mention("program", w.start, w.end, w.text, w.text, rule, None, "Program", info=info))

    def _one_word_name(self, w: Token) -> bool:
        """ "programu Romavia", "projekat Romakcija": one capitalised word after a program word is its name when it
        is nothing else (no organisation, place or person, no first name, not a title or function word) and ends
        its phrase."""
        if len(w.text) < 5 or w.is_upper or not self._free(w.start, w.end):
            return False
        if w.folded in first_names() or w.folded in patterns.word_list("function_words.csv"):
            return False
        if w.folded in _title_words() or _is_verb_form(w.text) or w.folded in _org_heads_by_first_word():
            return False
        before = [x for x in self.tokens[max(0, w.index - 3) : w.index - 1] if x.is_word]
        if before and before[-1].folded in patterns.word_list("program_determiners.csv"):
            return False  # "pored tog programa Sekretarijat ima ...": the program is referred to, not named
        cases = phrase_case([w.text])
        if "gen" in cases and "nom" not in cases:
            return False  # "konkurs Helpa": an owner in the genitive
        if any(m.kind == "program" and fold(m.name).startswith(w.folded + " ") for m in self.mentions):
            return False  # "projekta Detinjstvo, a ne brak": the first word of a name found in full
        nxt = words_from(self.tokens, w.index + 1, self.w, 1)
        return not nxt or not nxt[0].is_capitalised or self.w[w.end : nxt[0].start] != " "

    def _owners_after(self, start: int, end: int) -> list[Mention]:
        """Organisations in the genitive right after a program's quoted name ("projekat „X“ Misije OEBS-a u Srbiji"),
        unless they open a clause of their own: after a prepositional phrase ("U okviru projekta „X“ Udruženje Y je
        organizovalo ...") a name before a verb is the clause's subject."""
        chain = self._owner_chain(end, end + 160)
        if not chain or "gen" not in phrase_case(chain[0].surface.split()[:1]):
            return []
        if any(o.subtype in ("association", "ngo") for o in chain):
            return []  # "za projekat „X“ Udruženja Y dodeljeno je ...": an association's project is the one it runs
        nxt = rx.match(r"\s+(\p{Ll}+)", self.w[chain[-1].end : chain[-1].end + 30])
        oblique = _PREPOSITION_BEFORE_PROGRAM.search(self.w, max(0, start - 20), start) is not None
        if oblique and nxt and (nxt.group(1) in ("je", "su", "će") or _is_verb_form(nxt.group(1))):
            return []
        return chain

    def _owner_chain(self, start: int, end: int) -> list[Mention]:
        """Organisations right after a program word, joined by "i" or commas ("programa Saveta Evrope i
        Evropske komisije"): the program's owners."""
        orgs = sorted(
            (m for m in self.mentions if m.kind == "org" and start <= m.start and m.end <= end), key=lambda m: m.start
        )
        chain: list[Mention] = []
        at = start
        for o in orgs:
            gap = self.w[at : o.start]
            # (an acronym right after an owner stands beside it: "programa Nemačke razvojne saradnje GIZ „X“")
            joined = r"\s*(?:,|\bi\b|[–—/-])\s*" + ("|\\s" if o.surface.isupper() else "")
            if not rx.fullmatch(r"\s" if not chain else joined, gap):
                break
            chain.append(o)
            at = o.end
        return chain

    def _action_plans(self) -> None:
        """ "Lokalnog akcionog plana (LAP) iz pet oblasti", "Lokalni akcioni plan za socijalno uključivanje Roma":
        a local action plan named with a capital and a complement is a program of its local government."""
        for m in _plan_regex().finditer(self.w):
            if self._free(m.start(), m.end(), {"program", "org"}):
                self._action_plan(m)
                continue
            # "Javni poziv za raspodelu sredstava za sprovođenje Lokalnog akcionog plana za Rome": the plan a
            # program described by its purpose carries out is a program of its own, inside that name
            outer = [x for x in self.mentions if x.kind == "program" and x.start < m.start() < x.end]
            if (
                len(outer) == 1
                and outer[0].rule == "program.descriptive-name"
                and _CARRYING_OUT.search(self.w, outer[0].start, m.start())
                and self._free(m.start(), m.end(), {"org"})
            ):
                self.mentions.remove(outer[0])
                self._action_plan(m)
                self.mentions.append(outer[0])

    def _action_plan(self, m: regex.Match[str]) -> None:
        """One local action plan found by `_plan_regex` at m (see `_action_plans`)."""
        if self.w[max(0, m.start() - 1) : m.start()].isalpha():
            return
        if self._quote_containing(m.start(), m.end()):
            return  # a quoted title is the quote rules' to read ("okrugli sto „Lokalni akcioni plan ...“")
        before = fold(self.w[max(0, m.start() - 12) : m.start()])
        # (the plan a working body is set up to draft is named as the program it will be: "Radna grupa za izradu
        # Lokalnog akcionog plana za ...")
        drafted_by_body = _DRAFTING_BODY.search(self.w, max(0, m.start() - 45), m.start()) is not None
        # (one plan being drafted is the program it will be: "javna rasprava o nacrtu Lokalnog akcionog plana"; the
        # gold conventions count a municipality's plan whatever stage the text reports. Many plans are not one:
        # "sufinansiranje pripreme lokalnih akcionih planova"; nor is one whose drafting is only to begin,
        # "pristupiće izradi Lokalnog akcionog plana", or one an agreement is signed to draft, "Sporazum o saradnji
        # na izradi Lokalnog akcionog plana")
        one_drafted = (
            not _PLURAL_PLAN.search(m.group())
            and not _TO_BEGIN_DRAFTING.search(fold(self.w[max(0, m.start() - 40) : m.start()]))
            and not _agreement_title_before().search(self.w[max(0, m.start() - 200) : m.start()])
        )
        if not drafted_by_body and any(
            (before == x or before.endswith(" " + x)) and not (drafting and one_drafted)
            for x, drafting in patterns.plan_not_after().items()
        ):
            return
        end = m.end()
        acronym = rx.match(r"\s*\((\p{Lu}{2,6})\)", self.w[end : end + 12])
        if acronym:
            end += acronym.end()
        i = _token_at(self.tokens, end)
        words = [x for x in words_from(self.tokens, i, self.w, 14) if x.start >= end]
        spaced = bool(words) and _SPACES.fullmatch(self.w, end, words[0].start) is not None
        tail = self._description(words) if spaced else None
        if tail is None and spaced:
            # "Lokalni akcioni plan za Rome", "Lokalnog akcionog plana Roma": the people it is for name it
            k = 1 if words[0].folded == "za" and len(words) > 1 else 0
            if self._name_word(words[k]):
                tail = words[: k + 1]
            # "Lokalni akcioni plan Opštine Apatin", "Lokalni akcioni plan grada Smedereva": the local government
            # whose plan it is
            lsg = next((x for x in self.mentions if x.kind == "lsg" and x.start == words[0].start), None)
            prefixed = (words[0].folded,) in _lsg_prefixes()  # (in lower case: "grada Smedereva")
            if lsg is None and len(words) > 1 and prefixed:
                lsg = next((x for x in self.mentions if x.kind in ("lsg", "place") and x.start == words[1].start), None)
            if tail is None and lsg is not None and (words[0].is_capitalised or prefixed):
                tail = [x for x in words if x.end <= lsg.end]
        if tail:
            end = tail[-1].end
        elif not acronym and not (m.group().startswith("Lokaln") and self._one_town()):
            # "Akcioni plan" alone: which plan is not said; "Lokalni akcioni plan" in a text about one town is
            # that town's plan
            return
        period = _YEAR_RANGE_END.match(self.w, end) if rx.search(r"\b\d{4}$", self.w[:end]) else None
        if period:
            end = period.end()  # "... Roma i Romkinja 2019-2023": the plan's period is in its name
        head = " ".join((to_nominative(m.group()) or [m.group()])[0].split())
        # ("Lokalni akcioni plan (LAP) za obrazovanje Roma" is the plan named later without its acronym: the
        # acronym between head and complement is no part of the name)
        rest = " ".join(self.w[m.end() + (acronym.end() if acronym and tail else 0) : end].split())
        self._add_program(
            m.start(),
            m.start(),
            end,
            "Program",
            "program.action-plan",
            name=f"{head[0].upper()}{head[1:]} {rest}".strip(),
            info={"descriptive": "yes"},
        )

    def _one_town(self) -> bool:
        """The text speaks of one town more than of any other."""
        return leading([m.key for m in self.mentions if m.kind in ("place", "lsg") and m.key]) is not None

    def _owned_program(self, t: Token, head: str, owner: Mention) -> None:
        """ "projekta Ekumenske humanitarne organizacije (za ...)": the program of X; X funds it."""
        after = words_from(self.tokens, _token_at(self.tokens, owner.end), self.w, 14)
        after = [w for w in after if w.start >= owner.end]
        tail = (
            self._description(after)
            if after and after[0].folded == "za" and self.w[owner.end : after[0].start] == " "
            else None
        )
        end = tail[-1].end if tail else owner.end
        phrase = [x for x in self.tokens if t.end < x.start and x.end <= end and x.is_word]
        if phrase:
            self._add_described(t, head, phrase, {"owner_start": str(owner.start)}, end)

    def _program_by_relative_clause(self, t: Token, head: str, words: list[Token]) -> None:
        """ "пројектом који је спровео МУП Пожаревац": named by the clause that says who carried it out."""
        end = words[0].end
        for w in words[1:]:
            if _NON_SPACE.search(self.w, end, w.start):
                break
            end = w.end
        phrase = [w for w in words if w.end <= end]
        # "projekat koji finansira Vlada Nemačke o ublažavanju posledica pandemije ...": the clause is put
        # between the program word and what the program is about; the name is the word and that complement.
        actor = next((m for m in self.mentions if m.kind in ("org", "lsg") and words[0].end < m.start < end), None)
        if actor is not None:
            tail = [w for w in phrase if w.start >= actor.end]
            if len(tail) >= 3 and tail[0].folded in ("o", "za") and self.w[actor.end : tail[0].start] == " ":
                about = self._description(tail[1:]) if tail[0].folded == "za" else tail[1:]
                if about:
                    about_end = self._through_number_suffix(about[-1].end)
                    rest = [w for w in tail if w.end <= about_end]
                    info = {"descriptive": "yes"}
                    name = f"{head[0].upper()}{head[1:].lower()} {' '.join(self.w[rest[0].start : about_end].split())}"
                    self._add_program(
                        t.start, t.start, t.end, "Project", "program.descriptive-name", name=name, info=info
                    )
                    return
        if len(phrase) >= 3:
            # The mention is the program word alone: the clause's verb and actor stay free for the role rules.
            self._add_described(t, head, phrase, {}, t.end)

    def _through_number_suffix(self, end: int) -> int:
        """ "COVID-19", "IPA 2019": a hyphenated number stays with the word before it."""
        m = rx.match(r"-\d+", self.w[end : end + 6])
        return end + m.end() if m else end

    def _titles_named_as_such(self) -> None:
        """ "„X“, tako glasi naziv projekta", "Sporazum o saradnji „X“": a quoted title the text says is a
        program's name, or that an agreement is made under."""
        after_title = patterns.context_cue("title-named")
        agreement_first = {h.split()[0] for h in patterns.agreement_heads()}
        for q in self.quotes:
            m = after_title.match(self.w, q.end)
            # (one word is a title only where the text says it is one: "„Osnaženi“ je projekat ...")
            if not self._free_title(q) or len(self.w[q.inner_start : q.inner_end].split()) < (1 if m else 2):
                continue
            before = self.w[max(0, q.start - 40) : q.start].lower()
            heads = rx.search(r"(\p{L}+)(?:\s+o\s+\p{L}+)?\s*$", before)
            if m:
                kind = patterns.program_heads().get(m.group(1).lower(), "Project")
                # "„X“ je projekat Ekumenske humanitarne organizacije": the organisation after the word owns it
                owner = next((o for o in self.mentions if o.kind == "org" and o.start == m.end() + 1), None)
                info = {"owner_start": str(owner.start)} if owner is not None else {}
                end = owner.end if owner is not None else m.end()
                self._drop_orgs_inside(q)
                # ("„Osnaženi“ je projekat Misije OEBS-a": the program word names the title, not a program of its own)
                self.mentions = [x for x in self.mentions if not (x.kind == "program" and m.start(1) <= x.start < end)]
                self._add_program(
                    q.start, q.inner_start, q.inner_end, kind, "program.quoted-title-named", end=end, info=info
                )
            elif (
                heads
                and heads.group(1) in agreement_first
                and patterns.agreement_heads().get(heads.group(1)) != "Contract"
            ):
                # "Sporazum o saradnji „X“" names what it is about; a contract's quoted name is its own
                self._add_program(
                    q.start, q.inner_start, q.inner_end, "Project", "program.quoted-after-agreement", end=q.end
                )

    def _paragraph_titles_in_apposition(self) -> None:
        """ "Priprema nacrta Zakona o ozakonjenju romskih naselja u Srbiji, projekat finansiran od strane Fondacije
        ...": on a page that lists an organisation's projects, a paragraph opens with a project's title in sentence
        case and says after a comma, in apposition, that it is a project: the title is its name."""
        stops = patterns.word_list("function_words.csv")
        apposed = patterns.context_cue("apposed-title")
        for m in apposed.finditer(self.w) if rx.may_match(apposed, self.w) else ():
            s, e = m.span(1)
            title = " ".join(m.group(1).split())
            words = title.split()
            if not title[0].isupper() or not 3 <= len(words) <= 25 or fold(words[0]) in stops:
                continue
            if _main_clause_auxiliary(words):
                continue  # "Grad je tokom godine ..., projekat koji ...": a clause, not a title
            if not self._free(s, e, {"program", "person"}):
                continue  # (places and organisations may stand inside a title: "... Lige Roma ...", "... u Srbiji")
            kind = patterns.program_heads().get(m.group(2).lower(), "Project")
            self._add_program(s, s, e, kind, "program.title-in-apposition", name=title)

    def _free_title(self, q: Quote) -> bool:
        """Whether a quoted title is free for a program: nothing named overlaps it but organisations inside its
        words ("„Podrška EU inkluzivnom društvu“"), which are dropped when it is taken."""
        # (an organisation that fills the quote is what the quote names: "predlog „Udruženja Roma Doroslovo“")
        span = len(self.w[q.inner_start : q.inner_end].strip())
        inner = [
            m
            for m in self.mentions
            if m.kind == "org" and q.inner_start <= m.start and m.end <= q.inner_end and m.end - m.start < span - 3
        ]
        return all(not (m.start < q.end and q.start < m.end and m.kind in _NAMED) or m in inner for m in self.mentions)

    def _drop_orgs_inside(self, q: Quote) -> None:
        self.mentions = [
            m for m in self.mentions if not (m.kind == "org" and q.inner_start <= m.start and m.end <= q.inner_end)
        ]

    def _titles_with_a_program_word(self) -> None:
        """ "u okviru „Regionalnog stambenog programa“": a quoted title whose own words say it is a program (a
        program word among them) names one, in the nominative; not an event's title ("konferencija „Program ...“")."""
        heads = _folded_program_heads()
        for q in self.quotes:
            words = [fold(x).strip(".,") for x in self.w[q.inner_start : q.inner_end].split()]
            if len(words) < 2 or len(words) > 12 or not any(x in heads for x in words):
                continue
            if not self.w[q.inner_start : q.inner_end][:1].isupper() or not self._free_title(q):
                continue
            before = self.w[max(0, q.start - 40) : q.start].lower()
            if patterns.any_event_kind().search(before) or _AGREEMENT_WORD_BEFORE.search(before):
                continue
            self._drop_orgs_inside(q)
            self._add_program(
                q.start,
                q.inner_start,
                q.inner_end,
                "Program",
                "program.quoted-title-with-program-word",
                end=q.end,
                nominative=True,
            )

    def _namesakes(self) -> None:
        """ "„Klub za zapošljavanje Roma“ otvoren je u okviru istoimenog projekta": the project of the same name is
        named by the quoted title before it in the sentence."""
        for hit in _NAMESAKE.finditer(self.w):
            start = hit.start()
            before = [q for q in self.quotes if q.end <= start and not rx.search(r"[.!?\n]", self.w[q.end : start])]
            if not before or not self._free_title(before[-1]):
                continue
            q = before[-1]
            kind = patterns.program_heads().get(hit.group(1).lower(), "Project")
            self._drop_orgs_inside(q)
            self._add_program(q.start, q.inner_start, q.inner_end, kind, "program.namesake", end=q.end)

    def _fronted_titles(self) -> None:
        """ "„Korak napred“ realizuje opština Kovin ...", "„Bolji život“ finansira Evropska unija": a quoted title that
        opens a clause, right before a funding or implementing verb whose agent follows, is the program the clause
        is about (with a program word after the verb, "„Daje“ realizuje projekat ...", the quote names the agent)."""
        low = self.w.lower()
        if len(low) != len(self.w):
            return
        heads = _folded_program_heads()
        for q in self.quotes:
            if not self._free(q.start, q.end, _NAMED) or not self.w[q.inner_start : q.inner_end][:1].isupper():
                continue
            if not _CLAUSE_OPENING.search(self.w, max(0, q.start - 3), q.start) and q.start:
                continue
            verb = _AUX_THEN_WORD.match(low, q.end)
            if verb is None or patterns.role_verb_cue().fullmatch(verb.group(1)) is None:
                continue
            following = low[verb.end() : verb.end() + 40].split()[:2]
            if not following or any(fold(x).strip(",.") in heads for x in following):
                continue
            self._add_program(q.start, q.inner_start, q.inner_end, "Project", "program.fronted-title", end=q.end)

    def _subjects_said_to_be_programs(self) -> None:
        """ "Romska mreža prijava je projekat čiji je cilj ...": a name in sentence case that opens a sentence and
        is said to be a project, a program or an initiative (a relative clause or the sentence's end after the word)."""
        for m in _SAID_TO_BE_PROGRAM.finditer(self.w) if _SAID_TAIL_RX.search(self.w) else ():
            s, e = m.start(1), m.end(1)
            if fold(self.w[s:e].split()[0]) in patterns.word_list("program_determiners.csv"):
                continue  # "Ovo je projekat koji ...": a pointer, no name
            # (a name of adjectives and a head read as an organisation is the project the sentence says it is)
            self.mentions = [
                x
                for x in self.mentions
                if not (x.rule.startswith("org.adjective-head-complement") and s <= x.start and x.end <= e)
            ]
            if not self._free(s, e, {"org", "person", "program", "lsg"}):
                continue
            kind = patterns.program_heads().get(m.group(2).lower(), "Project")
            self._add_program(s, s, e, kind, "program.said-to-be-a-program", end=m.end(2))

    def _scheme_names(self) -> None:
        """ "Grant šema je ukupno vredna 2,3 miliona evra", "Javnim radovima će biti obuhvaćeno 210 lica": a generic
        scheme or measure (data/patterns/scheme_names.csv) the text gives no proper name is a program by that
        name, and each of its mentions names it. Where the words are once followed by a quoted or capitalised
        name ("program javnih radova „Čista Palilula“") they are that program's keyword, and their bare mentions
        speak of that program: no program of their own."""
        for pattern, name, kind in patterns.scheme_names():
            matches = list(pattern.finditer(self.w))
            named = [
                p
                for m in matches
                if rx.match(r"\s*[„“\"«]|\s*,,|\s+\p{Lu}", self.w[m.end() : m.end() + 3])
                for p in self.mentions
                if p.kind == "program" and p.start < m.end() + 3 and p.end > m.start()
            ]
            if named:
                # "program javnih radova „Čista Palilula“": the text's public works are that program; the bare
                # words elsewhere ("Javni radovi za 25 Roma") speak of it, and the program in focus carries them
                continue
            for m in matches:
                if rx.match(r"\s*[„“\"«]|\s*,,|\s+\p{Lu}", self.w[m.end() : m.end() + 3]):
                    continue
                if rx.search(r"\bkroz\s+$", self.w[max(0, m.start() - 6) : m.start()].lower()):
                    continue  # "Kroz javne radove posao je dobilo 23 Roma": the means of the program in focus
                ls = self.w.rfind("\n", 0, m.start()) + 1
                le = self.w.find("\n", m.end())
                if self.w[ls : le if le >= 0 else len(self.w)].strip(" \t.:") == m.group():
                    continue  # a section heading "Javni radovi" over a paragraph about a named program
                if not self._free(m.start(), m.end()):
                    continue
                self._add(
                    Mention(
                        "program",
                        m.start(),
                        m.end(),
                        self.w[m.start() : m.end()],
                        name,
                        "program.scheme-name",
                        None,
                        kind,
                        info={"descriptive": "yes"},
                    )
                )

    def _keyword_headings(self) -> None:
        """A call announced as "JAVNI POZIV" on one line and "za dodelu subvencija ..." on the next."""
        heads = _folded_program_heads()
        for m in rx.finditer(
            r"(?m)^[ \t]*(\p{Lu}[\p{Lu} ]{2,40}?)[ \t]*\n(?:[ \t]*\n){0,2}[ \t]*(za [^\n]{5,400})$", self.w
        ):
            words = fold(m.group(1)).split()
            if not words or words[-1] not in heads or len(words) > 3:
                continue
            kind = patterns.program_heads().get(words[-1], "Program")
            # "... preduzećima u okviru projekta „X“": the call's title ends where the program it belongs to starts
            end = m.end(2)
            inner = next((x for x in self.mentions if x.kind == "program" and m.start(2) <= x.start < end), None)
            if inner is not None:
                cut = rx.search(r"[\s,]+(?:u okviru|u sklopu|kroz|iz)?\s*$", self.w[m.start(2) : inner.start])
                end = m.start(2) + (cut.start() if cut else inner.start - m.start(2))
            body = self.w[m.start(2) : end].strip().rstrip(".,")
            title = f"{m.group(1).strip().capitalize()} {body}"
            if self._free(m.start(1), end):
                self._add(
                    Mention(
                        "program",
                        m.start(1),
                        end,
                        self.w[m.start(1) : end],
                        title,
                        "program.keyword-heading-and-next-line",
                        None,
                        kind,
                    )
                )

    def _quoted_headings(self) -> None:
        """A line that is nothing but a quoted title names a program (a project page's heading)."""
        for q in self.quotes:
            ls = self.w.rfind("\n", 0, q.start) + 1
            le = self.w.find("\n", q.end)
            line = self.w[ls : le if le >= 0 else len(self.w)]
            inner = self.w[q.inner_start : q.inner_end]
            if (
                line.strip() == self.w[q.start : q.end].strip()
                and 2 <= len(inner.split()) <= 20
                # ("„Deca su vakcinisana sva do jednog, trudnice redovno idu na preglede ...“": a quoted
                # sentence on its own line is what someone said, not a title)
                and not inner.endswith((".", "!", "?"))
                # (nor a long one with an auxiliary, a pull quote: "„Uglavnom radimo bez rukavica ... i život je
                # stvarno težak“")
                and not (len(inner.split()) > 8 and _main_clause_auxiliary(inner.split()))
                and self._free(q.start, q.end, _NAMED)
            ):
                self._add_program(q.start, q.inner_start, q.inner_end, "Project", "program.quoted-heading", end=q.end)

    def _add_program(
        self,
        kw_start: int,
        s: int,
        e: int,
        kind: str,
        rule: str,
        *,
        name: str | None = None,
        end: int | None = None,
        info: dict[str, str] | None = None,
        nominative: bool = False,
    ) -> None:
        end = end if end is not None else e
        if not self._free(kw_start, end, {"program"}):
            return
        text = " ".join(self.w[s:e].split())
        if nominative:
            text = (to_nominative(text) or [text])[0]
        name = name or text
        if len(name) < 3:
            return
        kind = _kind_from_name(name, kind)
        # Names of organisations in the quotes are not programs ("udruženje građana „Klub ...“").
        self._add(Mention("program", kw_start, end, self.w[kw_start:end], name, rule, None, kind, info=info or {}))

    def _phases(self) -> None:
        """ "ROMACTED faza II", "druga faza projekta „Digitalni start“", "u okviru druge faze programa X":
        a phase is a program of its own, part of the one it divides."""
        ordinal = _ordinal_regex()
        number = r"(?:\d{1,2}|[IVX]{1,4})"
        programs = [m for m in self.mentions if m.kind == "program" and m.subtype != "Phase"]
        for p in programs:
            after = rx.match(rf"\s*[-–—]?\s*(faz\p{{L}}*)\s+({number})\b", self.w[p.end : p.end + 30])
            if after:
                e = p.end + after.end()
                if self._free(p.end, e):
                    name = f"{p.name} faza {after.group(2)}"
                    self._add(
                        Mention(
                            "program",
                            p.start,
                            e,
                            self.w[p.start : e],
                            name,
                            "program.phase-after-name",
                            None,
                            "Phase",
                            info={"parent": p.name},
                        )
                    )
                continue
            window = self.w[max(0, p.start - 40) : p.start]
            before = rx.search(
                rf"\b({ordinal})[^\S\n]+(faz\p{{L}}*)[^\S\n]+(?:\p{{Ll}}+[^\S\n]+)?$", window, regex.I
            ) or rx.search(rf"\b(faz\p{{L}}*)[^\S\n]+({number})[^\S\n]+$", window, regex.I)  # "fazu 2 X programa"
            # "sprovođenja I faze programa ROMATERRA": a Roman numeral before the phase word
            before = before or rx.search(_ROMAN_PHASE_BEFORE, window)
            if before:
                s = p.start - (len(window) - before.start())
                if before.group(1).lower().startswith("faz"):
                    numeral = before.group(2)
                elif regex.fullmatch(r"[IVX]{1,4}", before.group(1)):
                    numeral = before.group(1)
                else:
                    # "druga faza programa X" and "X faza II" are one phase: name both the second way.
                    numeral = _phase_numeral(fold(before.group(1)))
                name = f"{p.name} faza {numeral}"
                if any(m.name == f"{p.name} {numeral}" for m in programs):
                    name = f"{p.name} {numeral}"  # "Druga faza programa ROMATERRA" is the text's "ROMATERRA II"
                self._add(
                    Mention(
                        "program",
                        s,
                        p.end,
                        self.w[s : p.end],
                        name,
                        "program.ordinal-phase-of-name",
                        None,
                        "Phase",
                        info={"parent": p.name},
                    )
                )
        self._phases_of_referred_programs(ordinal, programs)

    def _phases_of_referred_programs(self, ordinal: str, programs: list[Mention]) -> None:
        """ "U toku prve faze projekta (od 2012. do 2015.), ... 96 porodica": a phase named by its ordinal and a
        bare program word is a phase of the program that word refers to, the nearest one named before (else
        the first named after: a lead may open with the phase)."""
        for m in rx.finditer(rf"\b({ordinal})\s+faz\p{{L}}*\s+(projekt\p{{L}}*|program\p{{L}}*)\b", self.w, regex.I):
            if not self._free(m.start(), m.end()):
                continue
            if rx.match(r"\s*[„“\"]|\s+\p{Lu}", self.w[m.end() : m.end() + 3]):
                continue  # "prve faze projekta „X“", "faze programa Swiss DOM": the name rules read it
            before = [p for p in programs if p.end <= m.start()]
            after = [p for p in programs if p.start >= m.end()]
            parent = before[-1] if before else (after[0] if after else None)
            if parent is None:
                continue
            roman = _phase_numeral(fold(m.group(1)))
            self._add(
                Mention(
                    "program",
                    m.start(),
                    m.end(),
                    self.w[m.start() : m.end()],
                    f"{parent.name} faza {roman}",
                    "program.ordinal-phase-of-referred-program",
                    None,
                    "Phase",
                    info={"parent": parent.name},
                )
            )

    def _allcaps_programs(self) -> None:
        curated = curated_programs()
        heads = _folded_program_heads()
        for i, t in enumerate(self.tokens):
            entry = curated.get(t.folded) if t.is_word and t.is_upper else None
            if entry is not None and self._free(t.start, t.end, {"program", "org"}):
                # "Zajednički program Evropske unije – Saveta Evrope ROMACT": the owners before a known name fund it
                owned = self._owners_before(i, heads)
                info = {"owner_start": " ".join(str(o.start) for o in owned)} if owned else {}
                self._add(
                    Mention(
                        "program",
                        t.start,
                        t.end,
                        t.text,
                        entry[0],
                        f"gazetteer:program:{entry[1]}",
                        None,
                        entry[2],
                        info=info,
                    )
                )
        org_acronyms = _org_acronyms()
        names: set[str] = set()
        owners: dict[int, list[Mention]] = {}
        for i, t in enumerate(self.tokens):
            # (is_upper first: every token has it computed, and a word all in capitals is one)
            if not (t.is_word and t.is_upper and _ALLCAPS.match(t.text)) or t.text in org_acronyms or t.folded in heads:
                continue
            if t.folded in patterns.word_list("caps_words_not_names.csv"):
                continue  # "UVOD", "LOGO", "da PRODUŽI ROK": a heading, furniture or a stressed word, no name
            if _LABEL_LINE.match(self.w, self.w.rfind("\n", 0, t.start) + 1):
                continue  # "NAZIV PROJEKTA:", "VREDNOST PROJEKTA:": the labels of a project card
            if self._caps_run(i) >= 4:
                continue  # "...: JOŠ JEDAN EVROPSKI PROJEKAT UDRUŽENJA": a headline in capitals, not a name
            verb = _NEXT_WORD.match(self.w, t.end)
            if verb and patterns.role_verb_cue().fullmatch(verb.group(1).lower()):
                continue  # "Mreža ... CHRIS sprovodi projekat „P“": who carries the program out, not its name
            # the program word on the same line ("Bolnica VITA Novi Sad" above "Projekat ..." is an advert)
            near = [
                x
                for x in self.tokens[max(0, i - 4) : i + 4]
                if x.is_word and x.index != i and "\n" not in self.w[min(x.end, t.end) : max(x.start, t.start)]
            ]
            q = self._quote_containing(t.start, t.end)
            quoted = q is not None
            if q is not None and len(self.w[q.inner_start : q.inner_end].split()) > 1:
                # „ZAJEDNIČKI ISKORAK“ Projekat ...: a quoted name in capitals is one name, the quote's (see
                # `_quoted_caps_names`), not one a word
                continue
            if any(x.folded in heads for x in near) and (quoted or not self._heading_line(t)):
                names.add(t.text)
            owned = self._owners_before(i, heads)
            if owned:
                # "zajedničkog programa Evropske unije i Saveta Evrope ROMNET": the owners fund it
                names.add(t.text)
                owners[t.start] = owned
        self._quoted_caps_names(heads)
        for t in self.tokens:
            if t.is_word and t.text in names and self._free(t.start, t.end, {"program", "org"}):
                rule = "program.allcaps-near-keyword"
                s = t.start
                prefix = self._acronym_prefix(t)
                if prefix is not None:
                    # "program EU PLUS", "EU PRO": a donor's short acronym glued before the name belongs to it (the
                    # name, not an owner in the genitive)
                    s = prefix.start
                    self.mentions.remove(prefix)
                    owners.pop(t.start, None)
                info = {"owner_start": " ".join(str(o.start) for o in owners[t.start])} if t.start in owners else {}
                # "Evropski PODSTICAJ je program ...", "Evropskog PROSPER-a": the adjective before the capitals is
                # the name's first word (named in the nominative)
                adjective = _NAME_ADJECTIVE.search(self.w, max(0, s - 20), s)
                lead = ""
                if adjective and prefix is None and self._free(adjective.start(), s, {"org", "program"}):
                    s = adjective.start()
                    lead = _ADJECTIVE_NOMINATIVE.sub(r"\1i", adjective.group(1)) + " "
                # "ROMATERRA II": a Roman numeral right after the name is part of it (the second
                # programme of that name, not a phase of the first: the text says "faza" when it is one)
                numeral = _NAME_NUMERAL.match(self.w, t.end)
                e = numeral.end(1) if numeral else t.end
                name = lead + self.w[t.start : e] if lead else self.w[s:e]
                self._add(Mention("program", s, e, self.w[s:e], name, rule, None, "Program", info=info))

    def _quoted_caps_names(self, heads: frozenset[str]) -> None:
        """ "„ZAJEDNIČKI ISKORAK“ Projekat Centra ...": a quoted name of several words in capitals next to a program
        word (within four words, on its line) is a program's name, wherever the text repeats it in quotes."""
        found: set[str] = set()
        for q in self.quotes:
            inner = self.w[q.inner_start : q.inner_end].strip()
            if len(inner.split()) < 2 or not _ALLCAPS_PHRASE.fullmatch(inner):
                continue
            i = _token_at(self.tokens, q.start)
            near = [
                x
                for x in self.tokens[max(0, i - 4) : i + 4 + len(inner.split()) + 2]
                if x.is_word
                and (x.end <= q.start or x.start >= q.end)
                and "\n" not in self.w[min(x.end, q.end) : max(x.start, q.start)]
            ]
            if any(x.folded in heads for x in near):
                found.add(inner)
        for q in self.quotes:
            inner = self.w[q.inner_start : q.inner_end].strip()
            if inner in found and self._free(q.start, q.end, {"program", "org"}):
                name = " ".join(inner.split())
                self._add(
                    Mention(
                        "program",
                        q.start,
                        q.end,
                        self.w[q.start : q.end],
                        name,
                        "program.quoted-capitals",
                        None,
                        "Project",
                    )
                )

    def _acronym_prefix(self, t: Token) -> Mention | None:
        """An organisation's all-caps acronym of two or three letters right before token t ("EU" in "EU PLUS")."""
        if t.index == 0:
            return None
        prev = self.tokens[t.index - 1]
        if not (prev.is_word and prev.is_upper and len(prev.text) <= 3 and self.w[prev.end : t.start] == " "):
            return None
        return next((m for m in self.mentions if m.kind == "org" and m.start == prev.start and m.end == prev.end), None)

    def _caps_run(self, i: int) -> int:
        """How many all-capitals words in a row (on one line) token i stands in."""
        n = 1
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(self.tokens):
                x = self.tokens[j]
                if "\n" in self.w[min(x.end, self.tokens[j - step].end) : max(x.start, self.tokens[j - step].start)]:
                    break
                if x.is_word:
                    if not x.is_upper and not (len(x.text) == 1 and x.text.isupper()):
                        break
                    n += 1
                j += step
        return n

    def _owners_before(self, i: int, heads: set[str]) -> list[Mention]:
        """The organisations between a program word and the acronym at token i, if they fill the gap."""
        t = self.tokens[i]
        for j in range(i - 1, max(-1, i - 14), -1):
            kw = self.tokens[j]
            if kw.is_word and kw.folded in heads:
                chain = self._owner_chain(kw.end, t.start)
                gap = self.w[chain[-1].end : t.start] if chain else ""
                # "programa Evropske unije i Saveta Evrope pod imenom ROMASTEP": the words only say a name follows
                if chain and (not gap.strip() or patterns.context_cue("name-introducer").fullmatch(gap)):
                    return chain
                return []
        return []

    def _short_names_of_long_ones(self) -> None:
        """ "ROMLOKAL – Podsticanje dobre uprave ..." and "ROMLOKAL" alone elsewhere: one program, named by its
        full title."""
        long = {
            fold(m.name.split(" – ", 1)[0]): m.name for m in self.mentions if m.kind == "program" and " – " in m.name
        }
        # "„Jačanje dobre uprave ...“" alone (a headline) is the quoted long name of "ROMAGORA – Jačanje ..."
        quoted_long = {
            fold(m.info["short_name"]): m.name
            for m in self.mentions
            if m.kind == "program" and "short_name" in m.info and " – " in m.name
        }
        for m in self.mentions:
            if m.kind == "program" and " – " not in m.name and fold(m.name) in quoted_long:
                m.name = quoted_long[fold(m.name)]
        for m in self.mentions:
            # also a headline in capitals that gives only the first part ("... – PODRŠKA EU ZAPOŠLJAVANJU ROMA")
            if (
                m.kind == "program"
                and fold(m.name) in long
                and (m.rule == "program.allcaps-near-keyword" or m.name.isupper())
            ):
                m.name = long[fold(m.name)]
        # "projekta „Zajedno od prvog koraka“" and "projekta „Zajedno od prvog koraka -Pružimo im oslonac- ...“": a
        # name that goes on after another's with a dash or colon is that program's full title
        names = {m.name for m in self.mentions if m.kind == "program"}
        for m in self.mentions:
            if m.kind != "program":
                continue
            head, *tail = _TITLE_SPLIT.split(m.name, maxsplit=1)
            # ("Inicijativa za inkluziju – faza 2" is a phase of its own: a subtitle is longer)
            if tail and head.strip() in names and len(head.split()) >= 2 and len(tail[0].split()) >= 3:
                head = head.strip()
                m.aliases.append(m.name)
                m.name = head
        # "„... sa visokim obrazovanjem ...“" and later "„... sa visko obrazovanjem ...“": one word misspelt in a long
        # name is the same name
        seen: list[list[str]] = []
        for m in self.mentions:
            if m.kind != "program":
                continue
            words = m.name.split()
            twin = next((o for o in seen if _one_word_misspelt(o, words)), None) if len(words) >= 3 else None
            if twin is not None:
                m.name = " ".join(twin)
            else:
                seen.append(words)
        # "„Bolji posao za Rome u AP Vojvodini”" in the headline, "„Bolji posao za Rome u APV“" in the body: the
        # same name with its last words given by their capitals.
        spelled = [m for m in self.mentions if m.kind == "program"]
        for m in spelled:
            *head, last = m.name.split()
            if not head or not _ACRONYM.fullmatch(last):
                continue
            for other in spelled:
                words = other.name.split()
                if len(words) > len(head) + 1 and words[: len(head)] == head:
                    tail = words[len(head) :]
                    if "".join(c for w in tail for c in w if c.isupper()) == last:
                        m.name = other.name
                        break

    def _repeat_known_programs(self) -> None:
        """Other mentions of a program named once in the text, inflected or not."""
        known = {}
        for m in self.mentions:
            if m.kind == "program" and len(m.name.split()) >= 2:
                known.setdefault(m.name, m)
                if m.info.get("short_name"):
                    known.setdefault(m.info["short_name"], m)
        table: dict[tuple[str, ...], Mention] = {}
        for name, m in known.items():
            for form in case_forms(name) | {name}:
                table.setdefault(tuple(fold(form).split()), m)
        if not table:
            return
        firsts: dict[str, int] = {}
        for k in table:
            firsts[k[0]] = max(firsts.get(k[0], 0), len(k))
        i = 0
        while i < len(self.tokens):
            if self.tokens[i].folded not in firsts:
                i += 1
                continue
            words = words_from(self.tokens, i, self.w, firsts[self.tokens[i].folded])
            hit = None
            for n in range(len(words), 1, -1):
                m = table.get(tuple(w.folded for w in words[:n]))
                if m is not None:
                    hit = (words[0], words[n - 1], m)
                    break
            if hit and self._free(hit[0].start, hit[1].end, {"program"}):
                a, b, m = hit
                self._add(
                    Mention(
                        "program",
                        a.start,
                        b.end,
                        self.w[a.start : b.end],
                        m.name,
                        "program.repeat-of-known-name",
                        None,
                        m.subtype,
                        info=dict(m.info),
                    )
                )
                i = b.index + 1
            else:
                i += 1

    def _headline_program(self) -> None:
        """A text that names no program still reports on one: its headline describes it ("Ministarstvo
        zdravlja angažuje 78 zdravstvenih medijatorki", "ЗА УРЕЂЕЊЕ РОМСКОГ НАСЕЉА 158 ХИЉАДА ЕВРА"). The
        headline becomes a descriptively named program, so that the text's roles and numbers have one."""
        if any(m.kind == "program" for m in self.mentions):
            return
        cues = patterns.word_list("furniture_cues.csv")
        n = 0  # lines that could be the headline so far (a site's menu of short lines and bullets is not counted)
        for line in rx.finditer(r"[^\n]+", self.w):
            text = line.group().strip()
            words = rx.findall(r"\p{L}+", text)
            if n >= 6:
                return
            if patterns.page_chrome().search(text.lower()):
                continue  # "Skip to main content", "Opština X zvanična prezentacija opštine": the page, not the news
            if len(words) < 4 or _BULLET_LINE.match(text):
                continue  # a menu's items ("Odaberi grad", "• Novi Sad"), a label
            n += 1
            if tag_line(text) or _FIELD_VALUE.search(text):
                # menus, datelines, bylines, tags ("Društvo Jablanički okrug Jug Srbije Vesti"), bullets, the fields
                # of a form ("Ukupan broj stanovnika - muškaraca: 35412")
                continue
            if text.endswith(":"):
                continue  # "Starosna struktura stanovnika romske nacionalnosti:": a label over a table or list
            if fold(text.split()[-1]) in JOINING_WORDS:
                continue  # "KANCELARIJE EVROPSKE UNIJE NA": a line wrapped in a letterhead, no headline ends on "na"
            if text.endswith((".", ",", ";")) or len(text) > 160 or line.end() >= len(self.w.rstrip()):
                # a headline has no full stop and a body after it; once the body has begun, a short line further
                # down is a subheading ("Nastupila i ambasadorova supruga"), not what the text reports
                return
            first = rx.match(r"\s*(\p{L}+)(?:\s+\p{L}+)?\s*:", text)
            if first and (fold(first.group(1)) in cues or fold(first.group(1)) in _card_fields()):
                continue  # "Foto: ...", and a project card's fields ("Donator: ...", "Period: ...", "Budžet: ...")
            if any(len(w) > 25 for w in words):
                continue  # "strategija lpotp lapzm lapizblapromilapromkinje...": a page's tags run together
            if rx.search(r"\p{Lu}\p{L}+(?:,\s*\p{Lu}\p{L}+){3,}\s*(?:[-–|]|$)", text):
                continue  # "Južne vesti - Leskovac, Niš, Pirot, Vranje - vesti iz ...": a site tagline lists towns
            if len(words) <= 6 and all(w[0].isupper() for w in words) and not text.isupper():
                continue  # "Swiss Cooperation Office Serbia": all words capitalised, a name (the site's), no headline
            ls = line.start() + (len(line.group()) - len(line.group().lstrip()))
            if any(m.kind == "org" and m.start <= ls and ls + len(text) <= m.end + 1 for m in self.mentions):
                continue  # "Pokrajinski sekretarijat za socijalnu politiku, ...": the publisher's name, no headline
            # ("Radulović: Medijatorke su most ...", "Beočin: Podeljen pribor": the speaker or the place before the
            # colon is not part of what the headline says)
            speaker = rx.match(r"(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*){0,2})\s*:\s+", text)
            observed = patterns.context_cue("headline-observance").search(text[speaker.end() if speaker else 0 :])
            if patterns.context_cue("headline-visit").search(text) or observed:
                # "Održan šesti sastanak Mreže ...", "Delegacija ... obišla Kulturni centar", "Svetski dan Roma obeležen
                # ...": a visit, a meeting, a day observed
                return
            signed = patterns.context_cue("signed").search(" ".join(words[:5]))
            if signed and any(fold(x) in _agreement_words() for x in words[:7]):
                # "Zaključen sporazum o saradnji sa X", "Potpisani ugovori ...", "U Kragujevcu potpisan sporazum o
                # saradnji ...": the headline is an agreement
                return
            s = line.start() + (len(line.group()) - len(line.group().lstrip()))
            e = s + len(text.rstrip(" .!"))
            if speaker:
                s += speaker.end()  # (the speaker or the place before the colon, above)
            name = self.w[s:e]
            if name.isupper():
                name = name[0] + name[1:].lower()
            self._add(
                Mention(
                    "program",
                    s,
                    e,
                    self.w[s:e],
                    " ".join(name.split()),
                    "program.headline",
                    None,
                    "Project",
                    info={"descriptive": "yes"},
                )
            )
            return

    def _lead_program(self) -> None:
        """A text with no program and no headline ("Kako bi podržala Rome ..., Evropska unija je ... donirala 2.460
        paketa pomoći vrednih 91.000 evra, koji ..."): what the first sentence with a funding or implementing verb
        says was done is the program its roles and numbers belong to, named by the verb and its object."""
        if any(m.kind == "program" for m in self.mentions):
            return
        low = self.w[:_LEAD_REACH].lower()
        for cue in patterns.role_verb_cue().finditer(low):
            if rx.search(r"\b(?:kako|da)\s+bi\s+(?:se\s+)?$", low[max(0, cue.start() - 20) : cue.start()]):
                continue  # "Kako bi podržala Rome ...": a purpose, not what was done
            if _PASSIVE.search(cue.group()):
                continue  # "Podržan od pokrajinske Vlade ...": a passive says who, not what was done
            if not self._free(cue.start(), cue.end(), {"org"}):
                continue  # "Sektor za ugovaranje i finansiranje programa ...": the verb is part of a name
            before = rx.search(r"(\p{L}+)\s+$", low[max(0, cue.start() - 20) : cue.start()])
            if before and fold(before.group(1)) in _folded_program_heads():
                continue  # "Projekat finansira Delegacija EU": what follows the verb is who, the program is unnamed
            if patterns.context_cue("refers-back").match(low, cue.end()):
                continue  # "zadužen je za sprovođenje njegovih aktivnosti": the project named elsewhere
            about = rx.search(r"(\p{L}+)\s+o\s+$", low[max(0, cue.start() - 30) : cue.start()])
            if about and fold(about.group(1)) in _agreement_words():
                continue  # "Aneks ugovora o donaciji potpisan je ...": what an agreement is about, no action done
            end = _LEAD_END.search(self.w, cue.start(), min(len(self.w), cue.start() + 160))
            stop = end.start() if end else min(len(self.w), cue.start() + 160)
            words = self.w[cue.start() : stop].split()
            if len(words) < 3:
                continue
            phrase = " ".join(words[:12])
            # the mention is the verb alone: the numbers of its object stay the program's outcomes
            self._add(
                Mention(
                    "program",
                    cue.start(),
                    cue.end(),
                    self.w[cue.start() : cue.end()],
                    phrase[0].upper() + phrase[1:],
                    "program.lead-action",
                    None,
                    "Project",
                    info={"descriptive": "yes"},
                )
            )
            return

    def _footer_program(self) -> None:
        """A project's own site signs its pages with the project's name: "© Dom za sve nas, 2015. Sva prava
        zadržana." In a text that names no program otherwise, the name after the sign is the program's, unless it
        is an organisation's (an association's site signs with the association) or a web address."""
        if any(m.kind == "program" for m in self.mentions):
            return
        cue = patterns.context_cue("footer-name")
        for line in rx.finditer(r"[^\n]+", self.w):
            m = cue.match(line.group())
            if m is None:
                continue
            s, e = line.start() + m.start(1), line.start() + m.end(1)
            name = " ".join(self.w[s:e].split())
            words = name.split()
            if not name[0].isupper() or not 2 <= len(words) <= 8 or any(len(w) > 25 for w in words):
                continue
            if any(x.kind in ("org", "lsg", "place", "person") and x.start < e and s < x.end for x in self.mentions):
                continue
            self._add(Mention("program", s, e, self.w[s:e], name, "program.footer-name", None, "Project"))
            return

    def _goal_program(self) -> None:
        """A project card with no title, no headline and no lead action ("Period: ...", "Donator: ...", then "Opšti
        cilj projekta je uređivanje migracija i pomoć pri povratku ..."): the goal it states names its program."""
        if any(m.kind == "program" for m in self.mentions):
            return
        goal = patterns.context_cue("program-goal").search(self.w.lower())
        if goal is None:
            return
        s = goal.end()
        end = _LEAD_END.search(self.w, s, min(len(self.w), s + 160))
        words = list(_WORD_RUN.finditer(self.w, s, end.start() if end else min(len(self.w), s + 160)))[:12]
        if len(words) < 3 or fold(words[0].group()) in ("da", "u", "na"):
            return  # "cilj projekta je da ...": a clause, not a name
        e = words[-1].end()
        phrase = " ".join(w.group() for w in words)
        self._add(
            Mention(
                "program",
                s,
                e,
                self.w[s:e],
                phrase[0].upper() + phrase[1:],
                "program.goal",
                None,
                "Project",
                info={"descriptive": "yes"},
            )
        )

    def _drop_program_quotes_that_are_orgs(self) -> None:
        orgs = [m for m in self.mentions if m.kind == "org"]
        # "Udruženje „Inicijativa za razvoj romskog preduzetništva“" once, the quoted name alone elsewhere (a
        # headline): a name an organisation carries in this text is that organisation, not a program.
        # (a name of adjectives and a head read as an organisation is weak: the program the text says it is wins)
        org_names = {
            fold(n)
            for o in orgs
            if not o.rule.startswith("org.adjective-head-complement")
            for n in (o.name, *o.aliases)
            if len(n.split()) >= 3
        }
        keep = []
        for m in self.mentions:
            if m.kind == "program" and any(o.start <= m.start and m.end <= o.end for o in orgs):
                continue
            if m.kind == "program" and fold(m.name) in org_names and not m.rule.startswith("program.keyword"):
                continue  # ("projekat „Klub za zapošljavanje Roma“" stays a project beside the club)
            keep.append(m)
        self.mentions = keep


def _main_clause_auxiliary(words: list[str]) -> bool:
    """An auxiliary ("je", "su") not right after a relative pronoun: the words are a clause ("... i život je stvarno
    težak"), not a title ("Osamostaljivanje Romkinja koje su izašle iz nasilja")."""
    folded = [fold(x.strip(",;")) for x in words]
    return any(x in _AUXILIARIES and (i == 0 or folded[i - 1] not in _RELATIVE_WORDS) for i, x in enumerate(folded))


@cache
def _single_org_heads() -> frozenset[str]:
    """Every case form of the one-word organisation heads of data/patterns/org_heads.csv ("fondacije"), folded."""
    return frozenset(forms[0] for forms, _head, _kind, _mode in patterns.org_heads() if len(forms) == 1)


@cache
def _card_fields() -> frozenset[str]:
    """The words that open a project card's fields (data/patterns/card_fields.csv) and its role labels."""
    return patterns.word_list("card_fields.csv") | frozenset(fold(label) for label in patterns.card_labels())


@cache
def _plan_regex() -> regex.Pattern[str]:
    return rx.compiled("|".join(f"(?:{r['regex']})" for r in patterns.read_rows("plan_heads.csv")))


def _opens_genitive(words: list[Token]) -> bool:
    """The first two content words of a program word's complement can be a genitive ("digitalnog opismenjavanja",
    not "ukupna sredstva")."""
    content = [w.text for w in words[:2] if w.folded not in _LINKING and not w.text[0].isdigit()]
    return "gen" in phrase_case(content)  # ("izgradnje 16 kuća": a count is no word of the phrase's case)


@cache
def _count_words() -> dict[str, str]:
    """Quantifiers and units of time around a count in a description (data/patterns/count_words.csv)."""
    return {r["word"]: r["kind"] for r in patterns.read_rows("count_words.csv")}


@cache
def _org_acronyms() -> frozenset[str]:
    """The curated organisations' acronyms, upper case ("GIZ", "UNDP"): such an all-caps word names no program."""
    return frozenset(a.upper() for e in gazetteer.entries().values() for a in e.acronyms)


@cache
def _folded_program_heads() -> frozenset[str]:
    return frozenset(fold(h) for h in patterns.program_heads())


def _kind_from_name(name: str, kind: str) -> str:
    f = fold(name)
    if rx.search(r"\bfaz\w*\s+(\d+|[ivx]+|prv\w*|drug\w*|treć\w*|trec\w*)\b", f) or rx.search(
        r"\b(prv|drug|treć|trec)\w*\s+faz", f
    ):
        return "Phase"
    return kind


def _one_word_misspelt(a: list[str], b: list[str]) -> bool:
    if len(a) != len(b):
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differ) != 1 or min(len(differ[0][0]), len(differ[0][1])) < 4:
        return False
    if len(a) == 3:
        # a short name: one letter in a long word ("Korak ka uključivanju" / "Korak ka uklučivanju")
        return (
            min(len(differ[0][0]), len(differ[0][1])) >= 8
            and Levenshtein.distance(fold(differ[0][0]), fold(differ[0][1])) <= 1
        )
    # one edit in a short word; in a long name a word may lose more ("visokim" / "visko" in six others)
    allowed = 3 if len(a) >= 6 else 2
    return Levenshtein.distance(fold(differ[0][0]), fold(differ[0][1])) <= allowed


@cache
def _agreement_words() -> frozenset[str]:
    """The first words of the agreement phrases (memorandum, sporazum, ugovor, protokol) in every case form."""
    return frozenset(fold(h.split()[0]) for h in patterns.agreement_heads())


@cache
def _ordinals() -> dict[str, str]:
    return {r["stem"]: r["roman"] for r in patterns.read_rows("phase_ordinals.csv")}


@cache
def _ordinal_regex() -> str:
    """The ordinal words of data/patterns/phase_ordinals.csv in any case form, on the working (Latin) text."""
    stems = sorted(_ordinals(), key=len, reverse=True)
    # the stems are folded (c, s, z for č/ć, š, ž): match either spelling
    spelled = [regex.sub("[csz]", lambda m: {"c": "[cčć]", "s": "[sš]", "z": "[zž]"}[m.group()], st) for st in stems]
    return "(?:" + "|".join(spelled) + r")\p{L}*"


# "I faze programa X": a Roman numeral, the phase word and the program word right before a program's name
_ROMAN_PHASE_BEFORE = regex.compile(r"(?<![\p{L}\d])([IVX]{1,4})[^\S\n]+(faz\p{Ll}*)[^\S\n]+(?:\p{Ll}+[^\S\n]+)?$")


def _phase_numeral(word: str) -> str:
    return next(roman for stem, roman in _ordinals().items() if word.startswith(stem))


@cache
def _agreement_title_before() -> regex.Pattern[str]:
    """An agreement noun and its "o ..." complement running, within the sentence, up to the end of a window."""
    nouns = patterns.agreement_about_nouns()
    return regex.compile(r"\b(?:" + "|".join(map(regex.escape, nouns)) + r")\w*\s+o\s+[^.!?\n]*$", regex.I)
