"""Stage 4: find the names in a text: places, local governments, organisations, persons, programs.

Curated names come from the gazetteer; unknown organisations, persons and programs from the
patterns of data/patterns/ (head words, quoted names, first names, program keywords).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from rikg.loaders import gazetteer, patterns, rx
from rikg.loaders.facts import Mention
from rikg.loaders.morphology import case_forms, lemmatize
from rikg.loaders.morphology import to_nominative as _to_nominative
from rikg.loaders.normalise import fold
from rikg.loaders.tokens import Token, words_from
from rikg.paths import GAZETTEER_DIR

_LSG_LABEL = {"city": "Grad", "municipality": "Opština", "city_municipality": "Gradska opština"}
_QUOTED = regex.compile(r"(„|,,|“|\"|«|”|’’)([^\n„“”\"«»]{2,160}?)(“|”|\"|»|''|’’)")
_CALL_ID = regex.compile(r"^\s*(?:br\.?\s*)?(\d{1,5}(?:/\d{1,4})?)")
_NAME_END = regex.compile(r"\s(?:je|su|će|bi|realizovan\p{L}*|sproveden\p{L}*|održan\p{L}*|ima|imaju)\b")
_ALLCAPS = regex.compile(r"^\p{Lu}{4,}$")
_LINKING = ("za", "i", "na", "u", "o", "od", "sa")
_NAMED = {"program", "org", "person"}  # mentions a program name cannot overlap (places can be inside it)
_NON_SPACE = regex.compile(r"[^\s]")
_GENITIVE_END = regex.compile(r"(?:a|e|ih|og|ega|oga)$")  # genitive-looking endings that open a description
_RELATIVE_WORDS = frozenset("koji koja koje koju kojim kojima kojeg kojoj".split())


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
    return out


@cache
def _lsg_prefixes() -> dict[tuple[str, ...], str]:
    return {tuple(r["prefix"].split()): r["kind"] for r in patterns.read_rows("lsg_prefixes.csv")}


@cache
def curated_programs() -> dict[str, tuple[str, str, str]]:
    """Folded spelling -> (name, key, class) from data/gazetteer/programs.csv."""
    out: dict[str, tuple[str, str, str]] = {}
    with open(GAZETTEER_DIR / "programs.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for spelling in [row["name_sr_latn"], *[a for a in row["aliases"].split("|") if a]]:
                out[fold(spelling)] = (row["name_sr_latn"], row["key"], row["kind"])
    return out


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


class Recogniser:
    """Runs every recogniser over one text; `mentions` ends up sorted and free of overlaps."""

    def __init__(self, working: str, tokens: list[Token]) -> None:
        self.w = working
        self.tokens = tokens
        self.quotes = quotes(working)
        self.mentions: list[Mention] = []

    # -- helpers -------------------------------------------------------------------------------
    def _free(self, s: int, e: int, kinds: set[str] | None = None) -> bool:
        return not any(m.start < e and s < m.end and (kinds is None or m.kind in kinds) for m in self.mentions)

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

    # -- gazetteer ------------------------------------------------------------------------------
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
        for m in self.mentions:
            if m.kind != "org" or not m.surface.isupper() or len(m.surface) > 8:
                continue
            seat = places.get(m.end + 1)
            if seat is not None and self.w[m.end] == " " and seat.surface[:1].isupper():
                m.end = seat.end
                m.surface = self.w[m.start : m.end]
                drop.add(id(seat))
        self.mentions = [m for m in self.mentions if id(m) not in drop]

    def gazetteer_names(self) -> None:
        covered_to = -1
        for hit in gazetteer.match(self.tokens, self.w):
            first, last = self.tokens[hit.first], self.tokens[hit.last]
            if first.start < covered_to:
                continue  # the "(GIZ)" after "Nemačka organizacija ... (GIZ)" belongs to that mention
            covered_to = last.end
            e = hit.entry
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
                self._add(
                    Mention("org", first.start, end, self.w[first.start : end], e.name, hit.rule, e.key, e.subtype)
                )
                continue
            prefix = self._lsg_prefix(hit.first)
            if prefix is not None and e.subtype in ("city", "municipality", "city_municipality"):
                p_index, _kind = prefix
                s = self.tokens[p_index].start
                label = f"{_LSG_LABEL.get(e.subtype, 'Opština')} {e.name}"
                self._add(Mention("lsg", s, last.end, self.w[s : last.end], label, hit.rule + "#lsg", e.key, e.subtype))
            else:
                self._add(
                    Mention(
                        "place",
                        first.start,
                        last.end,
                        self.w[first.start : last.end],
                        e.name,
                        hit.rule,
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

    # -- organisations by head word -------------------------------------------------------------
    def organisations(self) -> None:
        by_first = _org_heads_by_first_word()
        i = 0
        while i < len(self.tokens):
            t = self.tokens[i]
            if not t.is_word:
                i += 1
                continue
            found = None
            for head_tokens, head, kind, mode in by_first.get(t.folded, ()):
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
                if not clash:
                    # A pattern name overrides places inside it ("JKP „Kruševac“").
                    self.mentions = [
                        m
                        for m in self.mentions
                        if not (m.kind in ("place", "lsg") and found.start <= m.start < found.end)
                    ]
                    self._add(found)
                i = _token_at(self.tokens, found.end)
            else:
                i += 1

    def _org_after_head(self, words: list[Token], head: str, kind: str, mode: str) -> Mention | None:
        s, head_end = words[0].start, words[-1].end
        head_nom = head if head.isupper() else head[0].upper() + head[1:]
        if mode in ("quoted", "acronym_quoted"):
            q = None
            for qq in self.quotes:
                if head_end <= qq.start <= head_end + 25 and not rx.search(r"[.;:\n]", self.w[head_end : qq.start]):
                    q = qq
                    break
            if q is None:
                return None
            inner = self.w[q.inner_start : q.inner_end]
            mid = self.w[head_end : q.start].strip()
            if mid and not rx.fullmatch(r"(?:\p{L}+\s*){0,2}", mid):
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
        if mode == "named":
            nxt = words_from(self.tokens, words[-1].index + 1, self.w, 4)
            name_words = []
            for t in nxt:
                if name_words and self.w[name_words[-1].end : t.start] != " ":
                    break  # "Centra za socijalni rad Grada Novog Sada, Doma zdravlja": the comma ends the name
                if t.folded in first_names() and not name_words:
                    break  # "Centar za socijalni rad Dragana Ristić": a person follows, not a seat
                if t.is_capitalised and fold(t.text) not in patterns.word_list("function_words.csv"):
                    name_words.append(t)
                else:
                    break
            if not name_words or self.w[head_end : name_words[0].start].strip():
                return None
            end = name_words[-1].end
            core = self.w[name_words[0].start : end]
            full = f"{head_nom} {core}"
            # An NGO is known by its own name ("Eneka"); an institution by head and seat ("Dom zdravlja Bujanovac").
            name = core if kind in ("ngo", "association") else full
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
            if not name_words:
                return None
            s2 = name_words[0].start
            name = f"{self.w[s2 : words[0].start].strip()} {head}"
            return Mention("org", s2, head_end, self.w[s2:head_end], name, f"org.name-before({head})", None, kind)
        if mode == "complement":
            if not words[0].is_capitalised:
                return None
            tail = self._complement(words[-1].index + 1)
            if tail is None and len(words) == 1:
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
            surface = self.w[s:end]
            # The head comes from the data in the nominative; the words after it do not inflect.
            nominative = f"{head_nom} {self.w[head_end:end].strip()}"
            return Mention(
                "org", s, end, surface, " ".join(nominative.split()), f"org.head-complement({head})", None, kind
            )
        return None

    def _complement(self, i: int) -> Token | None:
        """The last token of the words that continue an organisation name after its head."""
        last = None
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
            if last is None and f in ("i", "a", "ili"):
                break  # "Vlade i ministarke ...": a conjunction right after the head ends it
            if f in patterns.word_list("function_words.csv") or _is_verb_cue(f):
                break
            if f in patterns.word_list("descriptive_stops.csv") and f not in _LINKING:
                break  # "Kancelarija za inkluziju Roma, zajedno sa ...": an adverb or conjunction ends the name
            if not t.is_capitalised and _is_verb_form(t.text):
                break  # "Vlada Švajcarske podržava ...": a verb ends the name
            if t.start in gaz_starts and last is not None:
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
            if f == "i" and j + 1 < len(self.tokens):
                nxt = self.tokens[j + 1]
                if nxt.start in gaz_starts or (nxt.is_capitalised and not self._name_word(nxt)):
                    break
                if nxt.folded in _title_words():
                    break  # "Vlade Republike Srbije i ministarka građevinarstva": a person's title follows
                if self._is_org_head(j + 1):
                    break
            if f in ("u", "o"):
                break  # "Vlada Nemačke o ublažavanju ...": what a program is about, not the organisation's name
            last = t
            count += 1
            j += 1
        if last is not None and last.folded in ("i", "za"):
            return None
        return last

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
            if t.folded in _RELATIVE_WORDS or t.folded in patterns.word_list("function_words.csv"):
                return False
            if t.is_capitalised or _is_verb_form(t.text):
                return False
        return False

    def _name_word(self, t: Token) -> bool:
        """Capitalised words that belong inside an organisation name (Roma, Romkinja, Evrope...)."""
        return t.folded in patterns.word_list("name_words.csv")

    def _is_org_head(self, i: int) -> bool:
        return self.tokens[i].folded in _org_heads_by_first_word()

    def _quoted_with_head(self) -> None:
        """ "Partner na projektu je i „Društvo Rom“": a quoted name that opens with an organisation's head word
        names that organisation (the head is inside the quotes)."""
        heads = _org_heads_by_first_word()
        for q in self.quotes:
            inner = self.w[q.inner_start : q.inner_end]
            words = inner.split()
            if len(words) < 2 or not self._free(q.start, q.end, _NAMED):
                continue
            options = heads.get(fold(words[0]), ())
            kind = next((k for h, _, k, mode in options if len(h) == 1 and mode in ("quoted", "named")), None)
            if kind is None or not words[1][:1].isupper():
                continue
            name = " ".join(words)
            self._add(Mention("org", q.start, q.end, self.w[q.start : q.end], name, "org.quoted-with-head", None, kind))

    def acronyms_in_parentheses(self) -> None:
        """ "Kancelarija Ujedinjenih nacija za projektne usluge (UNOPS)": the name and the acronym are one
        organisation; a curated acronym wins, an unknown one becomes the name's alias for the whole text."""
        orgs = sorted((m for m in self.mentions if m.kind == "org"), key=lambda m: m.start)
        local: dict[str, Mention] = {}
        for m in orgs:
            if m.key is not None:
                continue
            par = rx.match(r"\s*\((\p{Lu}[\p{Lu}\p{Ll}-]{1,10})\)", self.w[m.end : m.end + 20])
            if not par:
                continue
            inner_start = m.end + par.start(1)
            inner = next((o for o in orgs if o.start == inner_start and o.key), None)
            if inner is not None:
                m.key, m.name, m.subtype = inner.key, inner.name, inner.subtype
                m.rule += f"+acronym({inner.key})"
                self.mentions = [x for x in self.mentions if x is not inner]
            else:
                local[fold(par.group(1))] = m
                m.aliases.append(par.group(1))
            m.end = m.end + par.end()
            m.surface = self.w[m.start : m.end]
        for t in self.tokens:
            m = local.get(t.folded) if t.is_word and t.is_upper else None
            if m is not None and self._free(t.start, t.end):
                self._add(
                    Mention(
                        "org", t.start, t.end, t.text, m.name, f"org.acronym-defined-in-text({t.text})", None, m.subtype
                    )
                )

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

    # -- persons -------------------------------------------------------------------------------
    def persons(self) -> None:
        self._titled_persons()
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
            if not self._free(t.start, end_tok.end, {"org", "place", "lsg"}):
                continue
            surface = self.w[t.start : end_tok.end]
            name = (to_nominative(surface) or [surface])[0]
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

    def _titled_persons(self) -> None:
        """ "šef Delegacije EU Mateo Rinaldi", "ambasador Andreas Halvorsen": two capitalised words after a
        title (and the organisation it heads) are a person even when the first name is not in our list."""
        for m in _titled_person_regex().finditer(self.w):
            s, e = m.start(1), m.end(2)
            if not (self.w[s].isupper() and self.w[m.start(2)].isupper()) or not self._free(s, e):
                continue
            surface = self.w[s:e]
            name = (to_nominative(surface) or [surface])[0]
            title = m.group().split()[0].lower()
            self._add(
                Mention("person", s, e, surface, name, "person.after-title", None, "person", info={"position": title})
            )

    def _title_near(self, s: int, e: int) -> str | None:
        after_rx, before_rx = _title_regexes()
        m = after_rx.match(self.w[e : e + 60].lower())
        if m:
            return m.group(1)
        m = before_rx.search(self.w[max(0, s - 60) : s].lower())
        return m.group(1) if m else None

    # -- programs ------------------------------------------------------------------------------
    def programs(self) -> None:
        heads = patterns.program_heads()
        folded_heads = _folded_program_heads()
        for i, t in enumerate(self.tokens):
            if not t.is_word or t.folded not in folded_heads:
                continue
            kind = heads.get(t.text.lower()) or heads.get(fold(t.text)) or "Program"
            self._program_after_keyword(i, kind)
        self._allcaps_programs()
        self._quoted_headings()
        self._keyword_headings()
        self._titles_named_as_such()
        self._repeat_known_programs()
        self._short_names_of_long_ones()
        self._descriptive_programs()
        self._action_plans()
        self._phases()

    def _program_after_keyword(self, i: int, kind: str) -> None:
        t = self.tokens[i]
        if any(m.kind == "org" and m.start <= t.start < m.end for m in self.mentions):
            return  # "Udruženje „Inicijativa za razvoj ...“": the word is inside an organisation's name
        rest = self.w[t.end : t.end + 200]
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
            if rx.search(r"[.;:\n()]", gap) or len(gap.split()) > 7:
                break
            prefix = gap.strip()
            if (
                any(fold(x) in patterns.word_list("function_words.csv") for x in prefix.split())
                or len(prefix.split()) > 6
            ):
                break
            if any(m.kind == "org" and m.start <= q.start < m.end for m in self.mentions):
                break  # "javne radove u JKP „Čistoća“": the quoted name is the organisation's
            inner_heads = [x for x in prefix.split() if fold(x) in _folded_program_heads()]
            if kind == "Phase" and inner_heads:
                return  # "Druga faza projekta „X“": the project is named here; the phase comes from _phases

            owners = self._owner_chain(t.end, q.start)
            name = " ".join(self.w[q.inner_start : q.inner_end].split())
            info = {}
            rest = " ".join(self.w[owners[-1].end : q.start].split()) if owners else prefix
            if owners and not rest:
                # "programa Nemačke razvojne saradnje „X“": the organisation owns (funds) the program.
                info["owner_start"] = " ".join(str(o.start) for o in owners)
            elif owners and _ALLCAPS.match(rest):
                # "zajedničkog programa Saveta Evrope i Evropske komisije ROMLOKAL „...“": owners, then the name
                info["owner_start"] = " ".join(str(o.start) for o in owners)
                name = f"{rest} – {name}"
                info["short_name"] = " ".join(self.w[q.inner_start : q.inner_end].split())
            elif prefix and prefix[0].isupper():
                name = f"{prefix} – {name}"
                info["short_name"] = " ".join(self.w[q.inner_start : q.inner_end].split())
            elif prefix and len(prefix.split()) > 3:
                break
            # "ROMACTED PROGRAM „Promovisanje ...“": the quoted words are the long name of ROMACTED.
            prev = [x for x in self.tokens[max(0, i - 3) : i] if x.is_word]
            if not prefix and prev and _ALLCAPS.match(prev[-1].text) and not self._heading_line(prev[-1]):
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
            self._add_program(
                t.start, q.inner_start, q.inner_end, kind, "program.keyword-quoted", name=name, end=q.end, info=info
            )
            return
        # "u okviru projekta Jačanje ekonomske samostalnosti ... u Srbiji“,": the opening quote is missing and
        # only the closing one marks where the name ends.
        if self._heading_line(t):
            return
        nxt = words_from(self.tokens, i + 1, self.w, 1)
        half = rx.match(r" (\p{Lu}[^\n„“”\"«».;:]{8,240}?)\s?[“”\"]", rest)
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
        if loose or named_next:
            words = words_from(self.tokens, i + 1, self.w, 10)
            if (
                words
                and words[0].is_capitalised
                and self.w[t.end : words[0].start] == " "
                and fold(words[0].text) not in patterns.word_list("function_words.csv")
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
                    if not loose and not w.is_capitalised and w.folded not in ("za", "na", "u", "od"):
                        break  # after a lower-case keyword only a capitalised name is a name ("ROMED i ROMAKT": two)
                    if w.start > words[0].start and rx.search(r"[,;:.()–—-]", self.w[name_words[-1].end : w.start]):
                        break
                    name_words.append(w)
                while name_words and name_words[-1].folded in ("za", "i", "na", "u", "od"):
                    name_words.pop()
                if name_words and (len(name_words) >= 2 or (name_words[0].is_upper and loose)):
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
        # "Program obuka za zanimanja ...": a capitalised keyword mid-sentence followed by its complement
        if t.is_capitalised and not self._sentence_start(t):
            words = words_from(self.tokens, i + 1, self.w, 10)
            name_words = []
            for w in words:
                if (
                    w.folded in patterns.word_list("function_words.csv")
                    or w.folded in patterns.word_list("descriptive_stops.csv")
                    or w.folded in patterns.word_list("program_determiners.csv")
                    or w.is_capitalised
                    or _is_verb_form(w.text)
                ):
                    break
                name_words.append(w)
            while name_words and name_words[-1].folded in ("za", "i", "na"):
                name_words.pop()
            content = [x for x in name_words if x.folded not in _LINKING]
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
            head = (to_nominative(t.text) or [t.text])[0]
            if fold(head) == t.folded and t.folded.endswith("i"):
                continue  # "projekti", "programi": many programs, no one name
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
                if not named_elsewhere:
                    self._program_by_relative_clause(t, head, words)
                continue
            phrase = self._description(words)
            if phrase is None:
                continue
            self._add_described(t, head, phrase, {})

    def _description(self, words: list[Token]) -> list[Token] | None:
        """The complement of a program word, or None when it does not open like one."""
        first = words[0]
        stops = patterns.word_list("function_words.csv") | patterns.word_list("descriptive_stops.csv")
        if first.is_capitalised or not self._free(first.start, first.end, {"org", "person", "program"}):
            return None
        if first.folded in patterns.word_list("program_determiners.csv"):
            return None  # "komponenti ovog projekta": a part of a program named elsewhere
        # The complement opens with "za" or a genitive ("podrške", "digitalnog", "romskih"), never a verb.
        if first.folded != "za" and (
            first.folded in stops or _is_verb_form(first.text) or not _GENITIVE_END.search(first.folded)
        ):
            return None
        phrase: list[Token] = []
        for w in words:
            if phrase and _NON_SPACE.search(self.w, phrase[-1].end, w.start):
                break  # punctuation ends the description
            if (w.folded in stops and w.folded not in _LINKING) or (not w.is_capitalised and _is_verb_form(w.text)):
                break
            if any(m.kind in ("org", "person", "program") and m.start <= w.start < m.end for m in self.mentions):
                break
            if not any(c.isalpha() for c in w.text):
                break  # "poziva objavljenog 15. marta": a number ends the description
            if w.is_capitalised and w.folded in first_names():
                break
            phrase.append(w)
        while phrase and (phrase[-1].folded in _LINKING or phrase[-1].folded.startswith("faz")):
            phrase.pop()  # "Inicijative za inkluziju faza 2": the phase is named by _phases
        content = [w for w in phrase if w.folded not in _LINKING]
        return phrase if len(content) >= 2 else None

    def _add_described(self, t: Token, head: str, phrase: list[Token], info: dict[str, str], end: int = 0) -> None:
        rest = " ".join(self.w[phrase[0].start : phrase[-1].end].split())
        end = end or phrase[-1].end
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
            if not rx.fullmatch(r"\s" if not chain else r"\s*(?:,|\bi\b)\s*", gap):
                break
            chain.append(o)
            at = o.end
        return chain

    def _action_plans(self) -> None:
        """ "Lokalnog akcionog plana (LAP) iz pet oblasti", "Lokalni akcioni plan za socijalno uključivanje Roma":
        a local action plan named with a capital and a complement is a program of its local government."""
        for m in _plan_regex().finditer(self.w):
            if not self._free(m.start(), m.end(), {"program", "org"}):
                continue
            if self.w[max(0, m.start() - 1) : m.start()].isalpha():
                continue
            if self._quote_containing(m.start(), m.end()):
                continue  # a quoted title is the quote rules' to read ("okrugli sto „Lokalni akcioni plan ...“")
            before = fold(self.w[max(0, m.start() - 12) : m.start()])
            if any(before == x or before.endswith(" " + x) for x in patterns.word_list("plan_not_after.csv")):
                continue
            end = m.end()
            acronym = rx.match(r"\s*\((\p{Lu}{2,6})\)", self.w[end : end + 12])
            if acronym:
                end += acronym.end()
            i = _token_at(self.tokens, end)
            words = [x for x in words_from(self.tokens, i, self.w, 14) if x.start >= end]
            tail = self._description(words) if words and self.w[end : words[0].start] == " " else None
            if tail:
                end = tail[-1].end
            elif not acronym:
                continue  # "Akcioni plan" alone: which plan is not said
            head = " ".join((to_nominative(m.group()) or [m.group()])[0].split())
            rest = " ".join(self.w[m.end() : end].split())
            self._add_program(
                m.start(),
                m.start(),
                end,
                "Program",
                "program.action-plan",
                name=f"{head} {rest}".strip(),
                info={"descriptive": "yes"},
            )

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
            if not self._free(q.start, q.end, _NAMED) or len(self.w[q.inner_start : q.inner_end].split()) < 2:
                continue
            m = after_title.match(self.w, q.end)
            before = self.w[max(0, q.start - 40) : q.start].lower()
            heads = rx.search(r"(\p{L}+)(?:\s+o\s+\p{L}+)?\s*$", before)
            if m:
                kind = patterns.program_heads().get(m.group(1).lower(), "Project")
                self._add_program(q.start, q.inner_start, q.inner_end, kind, "program.quoted-title-named", end=m.end())
            elif (
                heads
                and heads.group(1) in agreement_first
                and patterns.agreement_heads().get(heads.group(1)) != "Contract"
            ):
                # "Sporazum o saradnji „X“" names what it is about; a contract's quoted name is its own
                self._add_program(
                    q.start, q.inner_start, q.inner_end, "Project", "program.quoted-after-agreement", end=q.end
                )

    def _heading_line(self, t: Token) -> bool:
        """An all-capitals line ("PROJEKTI PROGRAMI KOJI SU REALIZOVANI"): its words are not names."""
        ls = self.w.rfind("\n", 0, t.start) + 1
        le = self.w.find("\n", t.end)
        return mostly_capitals(self.w[ls : le if le >= 0 else len(self.w)])

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
                and len(inner.split()) >= 2
                and self._free(q.start, q.end, _NAMED)
            ):
                self._add_program(q.start, q.inner_start, q.inner_end, "Project", "program.quoted-heading", end=q.end)

    def _sentence_start(self, t: Token) -> bool:
        before = self.w[max(0, t.start - 3) : t.start]
        return t.start == 0 or "\n" in before or rx.search(r"[.!?:]\s*$", before) is not None

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
        ordinal = r"(?:prv|drug|treć|četvrt|pet)\p{L}*"
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
            before = rx.search(
                rf"\b({ordinal})\s+(faz\p{{L}}*)\s+(?:\p{{Ll}}+\s+)?$", self.w[max(0, p.start - 40) : p.start], regex.I
            )
            if before:
                s = p.start - (len(self.w[max(0, p.start - 40) : p.start]) - before.start())
                word = fold(before.group(1))
                # "druga faza programa X" and "X faza II" are one phase: name both the second way.
                roman = {"prv": "I", "dru": "II", "tre": "III", "cet": "IV", "pet": "V"}[word[:3]]
                name = f"{p.name} faza {roman}"
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

    def _allcaps_programs(self) -> None:
        curated = curated_programs()
        for t in self.tokens:
            entry = curated.get(t.folded) if t.is_word and t.is_upper else None
            if entry is not None and self._free(t.start, t.end, {"program", "org"}):
                self._add(
                    Mention(
                        "program", t.start, t.end, t.text, entry[0], f"gazetteer:program:{entry[1]}", None, entry[2]
                    )
                )
        heads = {fold(h) for h in patterns.program_heads()}
        org_acronyms = {a.upper() for e in gazetteer.entries().values() for a in e.acronyms}
        names: set[str] = set()
        for i, t in enumerate(self.tokens):
            if not (t.is_word and _ALLCAPS.match(t.text)) or t.text in org_acronyms or t.folded in heads:
                continue
            near = [x for x in self.tokens[max(0, i - 4) : i + 4] if x.is_word and x.index != i]
            quoted = self._quote_containing(t.start, t.end) is not None
            if any(x.folded in heads for x in near) and (quoted or not self._heading_line(t)):
                names.add(t.text)
        for t in self.tokens:
            if t.is_word and t.text in names and self._free(t.start, t.end, {"program", "org"}):
                self._add(
                    Mention("program", t.start, t.end, t.text, t.text, "program.allcaps-near-keyword", None, "Program")
                )

    def _short_names_of_long_ones(self) -> None:
        """ "ROMLOKAL – Podsticanje dobre uprave ..." and "ROMLOKAL" alone elsewhere: one program, named by its
        full title."""
        long = {m.name.split(" – ", 1)[0]: m.name for m in self.mentions if m.kind == "program" and " – " in m.name}
        for m in self.mentions:
            if m.kind == "program" and m.name in long and m.rule == "program.allcaps-near-keyword":
                m.name = long[m.name]

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

    # -- run -----------------------------------------------------------------------------------
    def run(self) -> list[Mention]:
        self.gazetteer_names()
        self._acronym_seats()
        self.organisations()
        self._misspelt_known_organisations()
        self._quoted_with_head()
        self.acronyms_in_parentheses()
        self.settlements()
        self.programs()
        self.persons()
        self._drop_program_quotes_that_are_orgs()
        self._descriptive_lsg_prefixes()
        self._recipient_lists()
        self._drop_furniture()
        self._headline_program()
        self._keep_head_when_named_like_a_program()
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        return self.mentions

    def _descriptive_lsg_prefixes(self) -> None:
        """ "sa partnerskom opštinom Tutin" names a place; the local government acts only where the text
        writes it as a name ("Grad Kruševac", "Opština Bor") at least once."""
        named = {m.key for m in self.mentions if m.kind == "lsg" and m.surface[:1].isupper()}
        for m in self.mentions:
            if m.kind == "lsg" and m.key not in named and not self._acting_position(m.start):
                m.kind = "place"
                m.name = gazetteer.entries()[m.key].name if m.key in gazetteer.entries() else m.name
                m.rule = m.rule.replace("#lsg", "#descriptive-prefix")

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
        for hit in _lsg_list_lead_regex().finditer(low):
            before = low[max(0, hit.start() - 40) : hit.start()]
            if rx.search(r"\b(?:u|na|iz|po|kroz|širom)\s+(?:\S+\s+){0,2}$", before):
                continue  # "realizovan je u sledećih 30 opština: ...": where, not who
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

    def _headline_program(self) -> None:
        """A text that names no program still reports on one: its headline describes it ("Ministarstvo
        zdravlja angažuje 78 zdravstvenih medijatorki", "ЗА УРЕЂЕЊЕ РОМСКОГ НАСЕЉА 158 ХИЉАДА ЕВРА"). The
        headline becomes a descriptively named program, so that the text's roles and numbers have one."""
        if any(m.kind == "program" for m in self.mentions):
            return
        cues = patterns.word_list("furniture_cues.csv")
        for n, line in enumerate(rx.finditer(r"[^\n]+", self.w)):
            text = line.group().strip()
            words = rx.findall(r"\p{L}+", text)
            if n >= 6:
                return
            if len(words) < 4 or len(text) > 160:
                continue  # menus, datelines, bylines
            if text.endswith((".", ",", ";")) or line.end() >= len(self.w.rstrip()):
                return  # a headline has no full stop and a body after it
            first = rx.match(r"\s*(\p{L}+)\s*:", text)
            if first and fold(first.group(1)) in cues:
                continue
            s = line.start() + (len(line.group()) - len(line.group().lstrip()))
            e = s + len(text.rstrip(" .!"))
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

    def _acting_position(self, start: int) -> bool:
        """ "koji opština Boljevac realizuje", "sa opštinom Gadžin Han": a local government written in lower
        case still acts where it stands as a subject or a party (after a relative pronoun, "sa", "i",
        "između", a comma, at a sentence start); after "u", "na", "iz" or an adjective it is a place."""
        before = rx.search(r"(\p{L}+|[,.!?;:\n])\s*$", self.w[max(0, start - 30) : start])
        if before is None:
            return True
        word = fold(before.group(1))
        # "predsednik opštine Prokuplje": the local government of a titled person acts through them.
        return (
            word in _RELATIVE_WORDS
            or word in patterns.word_list("acting_before.csv")
            or not word.isalpha()
            or word in _title_words()
        )

    def _drop_furniture(self) -> None:
        """ "Izvor: RTS", "Foto: M. P.", "RTS 21.03.2017": the publisher's furniture names no actor."""
        cues = patterns.word_list("furniture_cues.csv")
        keep = []
        for m in self.mentions:
            ls = self.w.rfind("\n", 0, m.start) + 1
            le = self.w.find("\n", m.end)
            line = self.w[ls : le if le >= 0 else len(self.w)]
            first = rx.match(r"\s*(\p{L}+)\s*:", line)
            rest = (line[: m.start - ls] + line[m.end - ls :]).strip()
            media_line = m.kind == "org" and m.subtype == "media" and not rx.search(r"\p{L}{3,}", rest)
            if m.kind in ("org", "person") and ((first and fold(first.group(1)) in cues) or media_line):
                continue
            keep.append(m)
        self.mentions = keep

    def _keep_head_when_named_like_a_program(self) -> None:
        """An association named like the project that founded it keeps "Udruženje građana" in its name."""
        programs = {fold(m.name) for m in self.mentions if m.kind == "program"}
        for m in self.mentions:
            if m.kind == "org" and fold(m.name) in programs and m.aliases:
                # Only the label changes: the association is still keyed by its own name everywhere.
                m.info["key_name"] = m.name
                m.name = m.aliases[0]

    def _drop_program_quotes_that_are_orgs(self) -> None:
        orgs = [m for m in self.mentions if m.kind == "org"]
        keep = []
        for m in self.mentions:
            if m.kind == "program" and any(o.start <= m.start and m.end <= o.end for o in orgs):
                continue
            keep.append(m)
        self.mentions = keep


@lru_cache(maxsize=20_000)
def mostly_capitals(text: str) -> bool:
    """An all-capitals line or sentence (a heading): at least 6 letters, over 90% of them capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.9


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


@cache
def _plan_regex() -> regex.Pattern[str]:
    return rx.compiled("|".join(f"(?:{r['regex']})" for r in patterns.read_rows("plan_heads.csv")))


@lru_cache(maxsize=1)
def _lsg_list_lead_regex() -> regex.Pattern[str]:
    rows = [r["regex"] for r in patterns.read_rows("lsg_list_leads.csv")]
    return rx.compiled(r"\b(?:" + "|".join(rows) + r")\b")


@lru_cache(maxsize=1)
def _recipient_regex() -> regex.Pattern[str]:
    rows = [r["regex"] for r in patterns.read_rows("recipient_cues.csv")]
    return rx.compiled(r"\b(?:" + "|".join(rows) + r")")


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """The last word of every case form of every title ("predsednik", "predsednica", "gradonačelnika")."""
    return frozenset(fold(t.split()[-1]) for t in patterns.titles())


@cache
def _seat_suffix() -> regex.Pattern[str]:
    rows = [r["regex"] for r in patterns.read_rows("org_seat_suffixes.csv")]
    return regex.compile(r"\s+(?:" + "|".join(rows) + r")\b", regex.IGNORECASE)


@lru_cache(maxsize=20_000)
def _is_verb_form(word: str) -> bool:
    """A verb or participle by its lemma ("predstavlja" -> predstavljati, "realizovana" -> realizovati);
    verbal nouns ("zapošljavanja" -> zapošljavanje) are not."""
    lemma = lemmatize(word.lower())
    return lemma.endswith(("ti", "ći")) and not lemma.endswith("osti")


@cache
def _folded_program_heads() -> frozenset[str]:
    return frozenset(fold(h) for h in patterns.program_heads())


@cache
def _org_heads_by_first_word() -> dict[str, list[tuple[tuple[str, ...], str, str, str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str, str, str]]] = {}
    for h in patterns.org_heads():  # already longest first
        out.setdefault(h[0][0], []).append(h)
    return out


@cache
def _title_regexes() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    alts = "|".join(regex.escape(t) for t in patterns.titles())
    return regex.compile(rf"\s*,\s*({alts})\b"), regex.compile(rf"\b({alts})\.?\s*$")


@cache
def _titled_person_regex() -> regex.Pattern[str]:
    alts = "|".join(regex.escape(t) for t in patterns.titles() if len(t) > 3)
    # Only the title is case-insensitive; the name is two capitalised words not followed by a third.
    return regex.compile(
        rf"\b(?i:{alts})\b(?:\s+[\p{{L}}.-]+){{0,5}}?\s+(\p{{Lu}}\p{{Ll}}+)\s+(\p{{Lu}}\p{{Ll}}+)\b"
        rf"(?!\s+\p{{Lu}})"
    )


@cache
def _verb_cue_regex() -> regex.Pattern[str]:
    alts = [c.pattern.pattern for c in patterns.role_cues()] + [r"\bpotpis\w*", r"\bodrž\w*", r"\buruč\w*"]
    return regex.compile("|".join(alts))


def _is_verb_cue(folded: str) -> bool:
    """Verbs that end a name ("Ministarstvo prosvete sufinansira ..."): the role and event cue words."""
    return len(folded) > 4 and _verb_cue_regex().fullmatch(folded) is not None


def _kind_from_name(name: str, kind: str) -> str:
    f = fold(name)
    if rx.search(r"\bfaz\w*\s+(\d+|[ivx]+|prv\w*|drug\w*|treć\w*|trec\w*)\b", f) or rx.search(
        r"\b(prv|drug|treć|trec)\w*\s+faz", f
    ):
        return "Phase"
    return kind


def recognise(working: str, tokens: list[Token]) -> list[Mention]:
    return Recogniser(working, tokens).run()
