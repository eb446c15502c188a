"""Persons: a first name (data/gazetteer/first_names.csv, every case form) followed by a capitalised surname
("Gordana M. Ristić" with a middle initial), or two capitalised words after a title and the organisation it
heads ("šef Delegacije EU Mateo Rinaldi", "ambasador Andreas Halvorsen") even when the first name is not in
our list, and so are two capitalised words a title follows after a comma ("Iljana Dudić, menadžerka projekta") or
a verb of saying precedes ("rekao je Zorbek Hadžić"), and those listed right after a person found ("Ksenija Vujić,
Egzon Rašiti i Fljorim Ajdini"). A title next to the name (data/patterns/titles.csv) is kept as the person's
position.
"""

from __future__ import annotations

from functools import cache

import regex

from rikg.loaders import patterns, rx
from rikg.loaders.facts import Mention
from rikg.loaders.normalise import fold
from rikg.loaders.recognise.base import RecogniserBase, _title_words, first_names, to_nominative
from rikg.loaders.tokens import words_from

# two capitalised words, neither in capitals nor glued to a dot: "Zorbek Hadžić"
_TWO_CAPITALISED = regex.compile(r"(?<![\p{L}.\-])(\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}{2,})(?![\p{L}\-])")
# the next member of a list of persons: ", Egzon Rašiti", " i Fljorim Ajdini"
_LISTED_NAME = regex.compile(
    r"(?:\s*,\s*|\s+i\s+)(?P<name>(?P<first>\p{Lu}\p{Ll}+) (?P<last>\p{Lu}\p{Ll}{2,}))(?![\p{L}\-])"
)


class PersonsMixin(RecogniserBase):
    # -- persons -------------------------------------------------------------------------------
    def persons(self) -> None:
        self._titled_persons()
        self._apposed_persons()
        names = first_names()
        for i, t in enumerate(self.tokens[:-1]):
            if not (t.is_word and t.is_capitalised and not t.is_upper and t.folded in names):
                continue
            nxt = words_from(self.tokens, i + 1, self.w, 2)
            # "Gordana M. Ristić": a middle initial between the names
            initial = rx.match(r" \p{Lu}\. (?=\p{Lu})", self.w[t.end : t.end + 5])
            if initial and len(nxt) == 2 and len(nxt[0].text) == 1:
                nxt = nxt[1:]
            elif not nxt or self.w[t.end : nxt[0].start] != " ":
                continue
            if not nxt or not nxt[0].is_capitalised or nxt[0].is_upper or len(nxt[0].text) < 3:
                continue
            end_tok = nxt[0]
            # ("Vesna Kovačić": a surname a place's stem happens to match is the surname, after a known first name)
            by_stem = [
                m
                for m in self.mentions
                if m.kind == "place" and m.rule.endswith("#stem") and m.start == end_tok.start and m.end == end_tok.end
            ]
            if by_stem and self._free(t.start, t.end, {"org", "place", "lsg"}):
                for m in by_stem:
                    self.mentions.remove(m)
            if not self._free(t.start, end_tok.end, {"org", "place", "lsg"}):
                continue
            surface = self.w[t.start : end_tok.end]
            # the best nominative whose first name is one we know ("Drita Bajrami" is not a genitive of *Drit)
            name = next((c for c in to_nominative(surface) if fold(c.split()[0]) in names), surface)
            info = {}
            title = self._title_near(t.start, end_tok.end)
            if title:
                info["position"] = title
            self._add(
                Mention(
                    "person",
                    t.start,
                    end_tok.end,
                    surface,
                    name,
                    "person.first-name+surname",
                    None,
                    "person",
                    info=info,
                )
            )
        self._listed_persons()

    def _titled_persons(self) -> None:
        """ "šef Delegacije EU Mateo Rinaldi", "ambasador Andreas Halvorsen": two capitalised words after a
        title (and the organisation it heads) are a person even when the first name is not in our list."""
        # The title's first word is looked up per token (a set), and the pattern only tried where one stands:
        # one scan of the whole text with the alternation of every title cost more than all the rest here.
        firsts = _title_first_words()
        pattern = _titled_person_regex()
        taken_until = 0
        for tok in self.tokens:
            if tok.start < taken_until or not tok.is_word or tok.text.lower() not in firsts:
                continue
            m = pattern.match(self.w, tok.start)
            if m is None:
                continue
            taken_until = m.end()
            s, e = m.start(1), m.end(2)
            if not (self.w[s].isupper() and self.w[m.start(2)].isupper()) or not self._free(s, e):
                continue
            body_words = patterns.word_list("name_words.csv")
            if fold(m.group(1)) in body_words or fold(m.group(2)) in body_words:
                continue  # "koordinator Dekade Roma": words the names of bodies carry, not a person's
            surface = self.w[s:e]
            name = (to_nominative(surface) or [surface])[0]
            title = m.group().split()[0].lower()
            self._add(
                Mention("person", s, e, surface, name, "person.after-title", None, "person", info={"position": title})
            )

    def _apposed_persons(self) -> None:
        """ "Zorbek Hadžić, koordinator projekta", "rekao je Iljana Dudić": two capitalised words with a title after
        them (after a comma) or a verb of saying right before them name a person, even when the first name is not
        in our list."""
        after_rx, _ = _title_regexes()
        stops = patterns.word_list("function_words.csv")
        for m in _TWO_CAPITALISED.finditer(self.w):
            s, e = m.span()
            if fold(m.group(1)) in stops or fold(m.group(2)) in stops or not self._free(s, e):
                continue
            if fold(m.group(1)) in _title_words():
                continue  # "Ministarka Vasiljević": a title and a surname (the titled-person rule reads those)
            title = after_rx.match(self.w[e : e + 60].lower())
            said = patterns.speech_verb_before().search(self.w[max(0, s - 30) : s].lower())
            if title is None and said is None:
                continue
            info = {"position": title.group(1)} if title else {}
            self._add(Mention("person", s, e, self.w[s:e], m.group(), "person.apposed", None, "person", info=info))

    def _listed_persons(self) -> None:
        """ "prisustvovali su Ksenija Vujić, Egzon Rašiti i Fljorim Ajdini": two capitalised words listed right after
        a person we found name a person too, whatever the first name (the list goes on from the first found)."""
        stops = patterns.word_list("function_words.csv")
        for p in sorted((m for m in self.mentions if m.kind == "person"), key=lambda m: m.start):
            at = p.end
            while (nxt := _LISTED_NAME.match(self.w, at)) is not None:
                s, e = nxt.span("name")
                first, last = nxt.group("first"), nxt.group("last")
                if fold(first) in stops or fold(last) in stops or fold(first) in _title_words():
                    break
                if not self._free(s, e):
                    break
                self._add(Mention("person", s, e, self.w[s:e], nxt.group("name"), "person.listed", None, "person"))
                at = e

    def _title_near(self, s: int, e: int) -> str | None:
        after_rx, before_rx = _title_regexes()
        m = after_rx.match(self.w[e : e + 60].lower())
        if m:
            return m.group(1)
        m = before_rx.search(self.w[max(0, s - 60) : s].lower())
        return m.group(1) if m else None


@cache
def _title_regexes() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    alts = "|".join(regex.escape(t) for t in patterns.titles())
    return regex.compile(rf"\s*,\s*({alts})\b"), regex.compile(rf"\b({alts})\.?\s*$")


@cache
def _title_first_words() -> frozenset[str]:
    return frozenset(t.split()[0].lower() for t in patterns.titles() if len(t) > 3)


@cache
def _titled_person_regex() -> regex.Pattern[str]:
    alts = "|".join(regex.escape(t) for t in patterns.titles() if len(t) > 3)
    # Only the title is case-insensitive; the name is two capitalised words not followed by a third.
    return regex.compile(
        rf"\b(?i:{alts})\b(?:\s+[\p{{L}}.-]+){{0,5}}?\s+(\p{{Lu}}\p{{Ll}}+)\s+(\p{{Lu}}\p{{Ll}}+)\b"
        rf"(?!\s+\p{{Lu}})"
    )
