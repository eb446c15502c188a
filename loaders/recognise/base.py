"""What every kind of name shares: the working copy, its tokens and quotes, the mentions found so far, and
helpers more than one kind uses (quotes, token positions, first names, titles, nominatives, verb forms).

A rule adds a mention only where `_free` finds no mention of the kinds it cannot overlap, so the order in
which `Recogniser.run()` calls the rules decides which name wins; `mentions` ends up sorted and free of
overlaps.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from rikg.loaders import patterns, rx
from rikg.loaders.facts import Mention
from rikg.loaders.morphology import case_forms, lemmatize
from rikg.loaders.morphology import to_nominative as _to_nominative
from rikg.loaders.normalise import fold
from rikg.loaders.tokens import Token
from rikg.paths import GAZETTEER_DIR

# ″ (a double prime) stands for a quotation mark in some texts: ″MR Luna″
# (a modifier letter "ˮ" stands in for a closing quote on some pages: „ПРО5 ...ˮ)
# (two single quotes stand for a double one: ''X'', ’’X’’, and ‘’X’’ as a word processor turns them)
# (and a name opened with “ and a capital may close with „, the marks turned round: "“Uvažavanje različitosti„";
# not "A“ i „B“", a closing mark, a word and an opening one)
_QUOTED = regex.compile(
    r"(„|,,|“|\"|«|”|‘’|‘‘|’’|''|″)([^\n„“”\"«»″ˮ]{2,240}?)(“|”|\"|»|''|’’|″|ˮ|„(?<=“\p{Lu}[^\n„“”]{1,240}„))"
)
_OPENING = regex.compile(r"„|,,")
YEAR = regex.compile(r"(?:19|20)\d\d")  # a year written as a word of its own ("2007", in "Vlade AP Vojvodine 2007.")
WORD_BEFORE = regex.compile(r"(\p{L}+)\s+$")  # the word right before a position (searched up to it)
_CLOSING = regex.compile(r"[“”\"»ˮ]|''|’’")
_CLAUSE_END = regex.compile(r"[.;,](?:\s|$)|\s(?:a|dok|koji|koja|koje|kojim|kako)\s")
_LINKING = ("za", "i", "na", "u", "o", "od", "sa")
_NAMED = {"program", "org", "person"}  # mentions a program name cannot overlap (places can be inside it)
_RELATIVE_WORDS = frozenset("koji koja koje koju kojim kojima kojeg kojoj".split())
# conjunctions and prepositions (folded): no name or headline ends on one; in a line of capitals they are the only
# sign of where a name ends ("UDRUŽENJA SIGURAN ŽIVOT I ...", a letterhead wrapped after "NA")
JOINING_WORDS = frozenset({"i", "ili", "a", "u", "za", "na", "o", "sa", "od", "do", "iz", "kod", "po", "ka"})


@dataclass(frozen=True)
class Quote:
    start: int  # opening quote
    end: int  # after the closing quote
    inner_start: int
    inner_end: int


def quotes(working: str) -> list[Quote]:
    out = []
    for m in _QUOTED.finditer(working):
        inner = m.group(2)
        lead = len(inner) - len(inner.lstrip())
        trail = len(inner) - len(inner.rstrip())
        out.append(Quote(m.start(), m.end(), m.start(2) + lead, m.end(2) - trail))
    # "u okviru Programa „EU za lokalnu inkluziju Roma – Jačanje mehanizama." and no closing mark on the line:
    # the name runs to the end of its clause
    for m in _OPENING.finditer(working):
        if any(q.start <= m.start() < q.end for q in out):
            continue
        line_end = working.find("\n", m.end())
        line_end = len(working) if line_end < 0 else line_end
        if _CLOSING.search(working, m.end(), line_end):
            continue
        end = _CLAUSE_END.search(working, m.end(), min(line_end, m.end() + 160))
        stop = end.start() if end else min(line_end, m.end() + 160)
        if end is not None and stop - m.end() >= 8:
            out.append(Quote(m.start(), stop, m.end(), stop))
    out.sort(key=lambda q: q.start)
    return out


# A verbal noun ("sprovođenje", "implementaciju", "realizacija"): the act, not a verb form.
NOMINALISATION = regex.compile(r"(?:[ae]nj[aeiu]?|cij[aeiu]|đenj\w*)$")


# (the working copy is Latin)
_CAPITALISED_FUNCTION_WORDS = frozenset({"za", "iz", "u", "na", "i", "od", "sa", "do", "o", "po", "kroz"})


def tag_line(line: str) -> bool:
    """ "Društvo Jablanički okrug Jug Srbije Leskovac Srbija Vesti" above a headline: a page's tags or sections,
    five words or more, nearly every one capitalised, no punctuation; a headline or a list of names ("OŠ „Vuk
    Karadžić“, OŠ „Sveti Sava“") has lower-case words, commas or quotes."""
    if rx.search(r"[,;„“”\"«».:()]", line):
        return False
    words = rx.findall(r"\p{L}+", line)
    if line.isupper() and any(w.lower() in _CAPITALISED_FUNCTION_WORDS for w in words):
        return False  # "24 MILIONA DINARA ZA 76 PROJEKATA IZ ...": a headline in capitals, its "za" and "iz" too
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


@lru_cache(maxsize=20_000)
def to_nominative(phrase: str) -> list[str]:
    return _to_nominative(phrase)


@cache
def first_names() -> frozenset[str]:
    path = GAZETTEER_DIR / "first_names.csv"
    with open(path, encoding="utf-8", newline="") as f:
        names = [row["name"] for row in csv.DictReader(f)]
    forms: set[str] = set()
    for n in names:
        forms |= {fold(x) for x in case_forms(n)}
        forms.add(fold(n))
    return frozenset(forms)


def _token_at(tokens: list[Token], offset: int) -> int:
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


class RecogniserBase:
    """The text, its tokens and quotes, and the mentions the rules have found so far."""

    def __init__(self, working: str, tokens: list[Token]) -> None:
        self.w = working
        self.tokens = tokens
        self.quotes = quotes(working)
        self.mentions: list[Mention] = []
        # short names given in brackets after a program's name ("„P“ (IRM projekat)") -> that program's name
        self.bracketed_short_names: dict[str, str] = {}
        self.partner_cues: list[regex.Match[str]] | None = None  # (organisations.py `_partner_cues`)

    # -- helpers -------------------------------------------------------------------------------
    def _free(self, s: int, e: int, kinds: set[str] | None = None) -> bool:
        # (a plain loop: the rules call this tens of thousands of times a corpus, and a generator costs twice as much)
        for m in self.mentions:
            if m.start < e and s < m.end and (kinds is None or m.kind in kinds):
                return False
        return True

    def _add(self, m: Mention) -> None:
        self.mentions.append(m)

    def _quote_at(self, offset: int, slack: int = 2) -> Quote | None:
        for q in self.quotes:
            if offset <= q.start <= offset + slack:
                return q
        return None

    def _quote_containing(self, s: int, e: int) -> Quote | None:
        for q in self.quotes:
            if q.inner_start <= s and e <= q.inner_end:
                return q
        return None

    def _name_word(self, t: Token) -> bool:
        """Capitalised words that belong inside an organisation name (Roma, Romkinja, Evrope...)."""
        return t.folded in patterns.word_list("name_words.csv")

    def _heading_line(self, t: Token) -> bool:
        """An all-capitals line ("PROJEKTI PROGRAMI KOJI SU REALIZOVANI"): its words are not names."""
        ls = self.w.rfind("\n", 0, t.start) + 1
        le = self.w.find("\n", t.end)
        return mostly_capitals(self.w[ls : le if le >= 0 else len(self.w)])

    def _sentence_start(self, t: Token) -> bool:
        before = self.w[max(0, t.start - 5) : t.start]
        # ("... Hilfsverk. - Svrha projekta je ...": a dash after a full stop opens the next sentence)
        # (and an opening quote: "... u Prnjavoru. “Namjera projekta je ...")
        return t.start == 0 or "\n" in before[-3:] or rx.search(r"[.!?:]\s*(?:[-–—]\s*)?[„“\"«»]?$", before) is not None


def leading(keys: list[str]) -> str | None:
    """The key named more often than any other ("the town the text speaks of most"), or None when there is none or
    two lead equally."""
    ranked = Counter(keys).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


@lru_cache(maxsize=20_000)
def mostly_capitals(text: str) -> bool:
    """An all-capitals line or sentence (a heading): at least 6 letters, over 90% of them capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.9


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """The last word of every case form of every title ("predsednik", "predsednica", "gradonačelnika")."""
    return frozenset(fold(t.split()[-1]) for t in patterns.titles())


@lru_cache(maxsize=20_000)
def _is_verb_form(word: str) -> bool:
    """A verb or participle by its lemma ("predstavlja" -> predstavljati, "realizovana" -> realizovati);
    verbal nouns ("zapošljavanja" -> zapošljavanje) are not."""
    lemma = lemmatize(word.lower())
    return lemma.endswith(("ti", "ći")) and not lemma.endswith("osti")
