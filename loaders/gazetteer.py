"""Curated names (data/gazetteer/) compiled into a matcher over word tokens.

Every case form of every name is generated once (loaders/morphology.py) and folded, so "Нишу",
"Nišu" and "Grada Niša" all reach the entry for Niš.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from rikg.loaders import patterns
from rikg.loaders.morphology import case_forms, ekavian_variants, stem_key
from rikg.loaders.normalise import cyr_to_lat, fold
from rikg.loaders.tokens import Token, words_from
from rikg.paths import GAZETTEER_DIR


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str  # place | org
    subtype: str  # city, municipality, ... / ministry, ngo, ...
    name: str  # nominative, Latin
    cyrillic: str
    english: str
    qid: str
    parent: str = ""
    acronyms: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()  # other names (places: forms_extra; organisations: aliases)


@dataclass(frozen=True)
class Hit:
    entry: Entry
    first: int  # token index of the first word
    last: int  # token index of the last word
    rule: str


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for i, row in enumerate(rows, start=2):
        if None in row:
            raise ValueError(f"{path}: line {i}: too many columns")
    return rows


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


@cache
def entries(folder: Path = GAZETTEER_DIR) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for row in _read(folder / "places.csv"):
        e = Entry(
            f"place:{row['key']}",
            "place",
            row["kind"],
            row["name_sr_latn"],
            row["name_sr_cyrl"],
            row.get("name_en", ""),
            row.get("qid", ""),
            row.get("parent_key", ""),
            variants=tuple(_split(row.get("forms_extra"))),
        )
        out[e.key] = e
    for row in _read(folder / "organisations.csv"):
        e = Entry(
            f"org:{row['key']}",
            "org",
            row["kind"],
            row["name_sr_latn"],
            row["name_sr_cyrl"],
            row.get("name_en", ""),
            row.get("qid", ""),
            "",
            tuple(_split(row.get("acronyms"))),
            tuple(_split(row.get("aliases"))),
        )
        out[e.key] = e
    return out


@cache
def _forms(folder: Path = GAZETTEER_DIR) -> tuple[dict[tuple[str, ...], list[tuple[Entry, str]]], int]:
    table: dict[tuple[str, ...], list[tuple[Entry, str]]] = {}
    all_entries = entries(folder)

    def add(form: str, entry: Entry, rule: str) -> None:
        key = tuple(fold(form).split())
        if key:
            bucket = table.setdefault(key, [])
            if all(b[0].key != entry.key for b in bucket):
                bucket.append((entry, rule))

    for entry in all_entries.values():
        rule = f"gazetteer:{entry.key}"
        # A foreign name the Cyrillic spelling renders by sound ("Праксис" for Praxis, "Кејр" for CARE) reaches
        # the Latin working copy as "Praksis": the transliterated Cyrillic name is one more form.
        spoken = cyr_to_lat(entry.cyrillic) if entry.cyrillic else ""
        extra = [spoken] if spoken and fold(spoken) != fold(entry.name) else []
        for name in [entry.name, *entry.variants, *extra]:
            for form in case_forms(name) | {name}:
                add(form, entry, rule)
        for acr in entry.acronyms:
            if not any(c.isalpha() and "a" <= c.lower() <= "z" for c in acr):
                continue  # Cyrillic acronyms arrive transliterated
            for form in case_forms(acr) | {acr}:
                add(form, entry, rule + "#acronym")
            if entry.kind == "org":
                for form in possessive_forms(acr):
                    add(form, entry, rule + "#possessive")
    longest = max((len(k) for k in table), default=1)
    return table, longest


@cache
def _stem_phrases(folder: Path = GAZETTEER_DIR) -> tuple[dict[tuple[str, ...], Entry], int]:
    """Multi-word names by the stems of their words: catches case-agreement slips in real texts
    ("Nacionalna službe za zapošljavanje") that no generated form covers."""
    out: dict[tuple[str, ...], Entry] = {}
    for e in entries(folder).values():
        for name in [e.name, *e.variants]:
            words = fold(name).split()
            if len(words) >= 2:
                out.setdefault(tuple(stem_key(w) for w in words), e)
    return out, max((len(k) for k in out), default=2)


@cache
def _stems(folder: Path = GAZETTEER_DIR) -> dict[str, Entry]:
    """Single-word place names by stem, for case forms the generator missed."""
    out: dict[str, Entry] = {}
    for e in entries(folder).values():
        if e.kind == "place" and " " not in e.name and len(e.name) >= 5:
            out.setdefault(stem_key(fold(e.name)), e)
    return out


# the endings of a possessive adjective ("Helpov projekat", "Helpovog programa", "Helpovom projektu")
_POSSESSIVE_ENDINGS = ("", "a", "e", "i", "o", "u", "og", "oga", "om", "oj", "im", "ih", "ima")


def possessive_forms(acronym: str) -> set[str]:
    """The possessive adjective of an organisation's short name written as a word, in every case: "Helpovog",
    "Unicefovom" (an acronym in capitals takes a hyphen, "GIZ-ovog": the acronym's own mention is read with the ending
    after it, recognise/programs.py `_possessive_owners`)."""
    stems = {f"{acronym}ov"} if acronym.istitle() else set()
    if acronym.isupper() and len(acronym) >= 5:
        stems.add(f"{acronym[0]}{acronym[1:].lower()}ov")  # "Unicefov", "Unopsovog"
    return {stem + e for stem in stems for e in _POSSESSIVE_ENDINGS}


def place_words_at(tokens: list[Token], i: int, folder: Path = GAZETTEER_DIR) -> int:
    """How many words from token i name a known place as written (a case form or the nominative: "opštine Stara
    Pazova"), the longest of up to three; 0 when none does."""
    table, _ = _forms(folder)
    words: list[Token] = []
    for t in tokens[i : i + 6]:
        if t.is_word:
            words.append(t)
        if len(words) == 3:
            break
    for n in range(len(words), 0, -1):
        if not all(w.is_capitalised for w in words[:n]):
            continue
        if any(e.kind == "place" for e, _ in table.get(tuple(w.folded for w in words[:n]), [])):
            return n
    return 0


def _acceptable(entry: Entry, words: list[Token], rule: str, working: str = "", strict: bool = False) -> bool:
    first = words[0]
    if len(words) > 1 and working:
        gaps = [working[a.end : b.start] for a, b in zip(words, words[1:], strict=False)]
        if rule.endswith("#acronym") and any(g not in ("-", "", "/") for g in gaps):
            return False  # "GIZ-a", "HEKS/EPER" are one acronym; "GIZ, a realizuje" is an acronym and a conjunction
        if not rule.endswith("#acronym") and len(words) < 3 and any(g.strip() not in ("", "-", "/") for g in gaps):
            return False  # a short name does not run across punctuation ("Heks/Eper" is one name)
    if rule.endswith("#acronym"):
        # ("GIZ", "GiZ-a"; a mixed-case acronym only as the organisation writes it: "Help", not "help")
        # ("sa Unopsom", "Unicefa": a long acronym written as a word, capitalised, takes the case endings)
        return (
            sum(c.isupper() for c in first.text) >= 2
            or (len(words) == 1 and first.text in entry.acronyms)
            or (
                len(words) == 1
                and first.is_capitalised
                and any(len(a) >= 5 and a.isupper() for a in entry.acronyms)
                # ("... u Beogradu (Unops)": in parentheses it spells out the name before it, read with that name)
                and working[max(0, first.start - 1) : first.start] != "("
            )
            # ("između Helpa i opštine", "sa Helpom": a short name the organisation writes as a word declines as one)
            or (
                len(words) == 1
                and first.is_capitalised
                and any(len(a) >= 4 and a.istitle() and first.text.startswith(a) for a in entry.acronyms)
            )
        )
    if first.is_capitalised:
        # strict: "Crveni Krst" (a municipality of Niš) is a place, "Crveni krst" (the Red Cross) is not; where
        # a name belongs to two entries the spelling decides ("Vladičin han" alone is still the place)
        name = entry.name.split()
        if (
            strict
            and entry.kind != "org"
            and 1 < len(words) == len(name)
            and any(n[0].isupper() and not w.is_capitalised for n, w in zip(name, words, strict=True))
        ):
            return False
        return True
    # Lower-case mentions of long organisation names do occur ("nemačke razvojne saradnje"), of two-word
    # names whose second word keeps its capital ("pokrajinske Vlade"), and of a ministry by its short name
    # ("predstavnici ministarstva zdravlja": news prose often writes the ministries in lower case).
    # (not when the capital opens a local government's name: "podrške romskoj zajednici Opština Kovin neguje")
    return entry.kind == "org" and (
        len(words) >= 3
        or (
            len(words) == 2
            and (words[1].is_capitalised or entry.subtype == "ministry")
            and (words[1].folded,) not in _lsg_prefix_words()
        )
    )


@cache
def _lsg_prefix_words() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(r["prefix"].split()) for r in patterns.read_rows("lsg_prefixes.csv"))


@cache
def _first_words(folder: Path = GAZETTEER_DIR) -> tuple[dict[str, int], dict[str, int]]:
    """Longest form per first word, and per stem of the first word: most tokens start no name at all."""
    table, _ = _forms(folder)
    firsts: dict[str, int] = {}
    for k in table:
        firsts[k[0]] = max(firsts.get(k[0], 0), len(k))
    phrases, _ = _stem_phrases(folder)
    stem_firsts: dict[str, int] = {}
    for k in phrases:
        stem_firsts[k[0]] = max(stem_firsts.get(k[0], 0), len(k))
    return firsts, stem_firsts


def _limit(folded: str, firsts: dict[str, int], stem_firsts: dict[str, int], stems: dict[str, Entry]) -> int:
    """How many words a name starting with this word can have; 0 when no name starts with it."""
    stem_first = stem_key(folded)
    if folded not in firsts and stem_first not in stem_firsts and stem_first not in stems:
        return 0
    return max(firsts.get(folded, 1), stem_firsts.get(stem_first, 1))


# folder -> folded word -> _limit: most words recur, so the stem and three lookups happen once per form
_LIMITS: dict[Path, dict[str, int]] = {}


def match(tokens: list[Token], working: str, folder: Path = GAZETTEER_DIR) -> list[Hit]:
    """Longest gazetteer matches, left to right, no overlaps."""
    table, longest = _forms(folder)
    stems = _stems(folder)
    firsts, stem_firsts = _first_words(folder)
    limits = _LIMITS.setdefault(folder, {})
    if len(limits) > 200_000:
        limits.clear()  # bounded, like the other per-form caches
    hits: list[Hit] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if not t.is_word:
            i += 1
            continue
        limit = limits.get(t.folded, -1)
        if limit == -1:
            limit = limits[t.folded] = _limit(t.folded, firsts, stem_firsts, stems)
        if limit == 0:
            i += 1
            continue
        words = words_from(tokens, i, working, limit)
        folded = tuple(w.folded for w in words)
        found = None
        for n in range(len(words), 0, -1):
            cands = table.get(folded[:n])
            if not cands:
                continue
            # names shared by two entries: the first one the spelling allows ("Crveni Krst" the place,
            # "Crveni krst" the organisation)
            if len(cands) == 1:  # the common case, without the generator below
                entry, rule = cands[0]
                if _acceptable(entry, words[:n], rule, working):
                    found = Hit(entry, words[0].index, words[n - 1].index, rule)
                    break
                continue
            # an acronym in capitals as the organisation writes it ("SIDA") before an inflected place ("Šida")
            ok = next(
                (
                    (e, r)
                    for e, r in cands
                    if r.endswith("#acronym") and n == 1 and words[0].is_upper and words[0].text in e.acronyms
                ),
                None,
            )
            if ok is None:
                ok = next(((e, r) for e, r in cands if _acceptable(e, words[:n], r, working, strict=True)), None)
            if ok is None:
                ok = next(((e, r) for e, r in cands if _acceptable(e, words[:n], r, working)), None)
            if ok is not None:
                found = Hit(ok[0], words[0].index, words[n - 1].index, ok[1])
                break
        if found is None:
            phrases, longest_phrase = _stem_phrases(folder)
            stemmed = tuple(stem_key(f) for f in folded[: min(len(words), longest_phrase)])
            for n in range(len(stemmed), 1, -1):
                entry = phrases.get(stemmed[:n])
                if entry is not None and _acceptable(entry, words[:n], "stem", working):
                    found = Hit(entry, words[0].index, words[n - 1].index, f"gazetteer:{entry.key}#stem-phrase")
                    break
        if found is None and t.is_capitalised and len(t.text) >= 5 and not t.is_upper:
            entry = stems.get(stem_key(t.folded))
            if entry is not None:
                found = Hit(entry, i, i, f"gazetteer:{entry.key}#stem")
        if found:
            hits.append(found)
            i = found.last + 1
        else:
            i += 1
    return _with_misspelt_names(tokens, working, hits, folder)


@cache
def _one_typo_phrases(
    folder: Path = GAZETTEER_DIR,
) -> tuple[dict[tuple[str | None, ...], list[tuple[Entry, str]]], int]:
    """Organisation names of two words or more by their stems with one long word left open, and that word's
    stem: "Macionalna služba za zapošljavanje", "ministastva pravde", "delagacije EU u Srbiji" are the names
    but for one typo (a texts' quirk no generated form covers)."""
    out: dict[tuple[str | None, ...], list[tuple[Entry, str]]] = {}
    for e in entries(folder).values():
        if e.kind != "org":
            continue
        for name in [e.name, *e.variants]:
            stems = [stem_key(w) for w in fold(name).split()]
            if len(stems) < 2:
                continue
            for j, st in enumerate(stems):
                if len(st) >= 5:
                    out.setdefault((*stems[:j], None, *stems[j + 1 :]), []).append((e, st))
    return out, max((len(k) for k in out), default=2)


@cache
def _typo_openers(folder: Path = GAZETTEER_DIR) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]]:
    """The lengths of those names by the stem that opens them, and by the stem second in them where the first is
    the misspelt one: a window whose first word is neither (spelt right) nor followed by the second opens none."""
    table, _ = _one_typo_phrases(folder)
    firsts: dict[str, set[int]] = {}
    seconds: dict[str, set[int]] = {}
    for k in table:
        if k[0]:
            firsts.setdefault(k[0], set()).add(len(k))
        elif len(k[1]) >= 4:  # (a second word too short to tell a name, "za", "eu", lets a misspelt first go)
            seconds.setdefault(k[1], set()).add(len(k))
    return {k: frozenset(v) for k, v in firsts.items()}, {k: frozenset(v) for k, v in seconds.items()}


@lru_cache(maxsize=100_000)
def _stem(folded: str) -> str:
    return stem_key(folded)


@cache
def _typo_vocabulary(folder: Path = GAZETTEER_DIR) -> tuple[frozenset[str], frozenset[str]]:
    """Every stem of those names, and those with every stem with one letter left out: a word one edit away from
    a name's word shares one of them (a letter missing, one too many, one changed), so a text's words are
    screened without comparing them to every name."""
    table, _ = _one_typo_phrases(folder)
    stems = frozenset(st for k in table for st in k if st)
    deletes = frozenset(st[:k] + st[k + 1 :] for st in stems if len(st) >= 5 for k in range(len(st)))
    return stems, stems | deletes


# gazetteer folder -> folded word -> whether it may be a name's word misspelt (words repeat across texts: decided
# once each; a table a folder, so a text looks its folder up once and each word in a dict keyed by the word alone)
_SUSPECT: dict[Path, dict[str, bool]] = {}


@cache
def _common_words() -> frozenset[str]:
    """Words of the genre's own vocabulary (program words, counted nouns, function words): no typo of a name."""
    return (
        frozenset(fold(h) for h in patterns.program_heads())
        | frozenset(fold(w) for w in patterns.indicators())
        | patterns.word_list("function_words.csv")
        | patterns.word_list("descriptive_stops.csv")
    )


def _suspect(folded: str, folder: Path) -> bool:
    stems, near = _typo_vocabulary(folder)
    st = _stem(folded)
    return (
        len(st) >= 5
        and folded not in _common_words()
        and st not in stems
        and (st in near or any(st[:k] + st[k + 1 :] in near for k in range(len(st))))
    )


def _suspects(tokens: list[Token], hit_at: dict[int, Hit], folder: Path) -> list[int]:
    """The words no hit holds that may be a name's word misspelt."""
    decided = _SUSPECT.setdefault(folder, {})
    if len(decided) > 200_000:
        decided.clear()
    out: list[int] = []
    for t in tokens:
        if t.is_word and t.index not in hit_at:
            known = decided.get(t.folded)
            if known is None:
                known = decided[t.folded] = _suspect(t.folded, folder)
            if known:
                out.append(t.index)
    return out


# a state's own bodies: another state has bodies of the same name (an international organisation spelt ijekavian,
# "Savjet Evrope", is still the one body)
_STATE_BODIES = frozenset({"ministry", "government_body"})


def _abroad_after(tokens: list[Token], last: int, hits: list[Hit]) -> bool:
    """The name goes on to a country other than Serbia in the genitive, over small words, commas and "i" only
    ("Ministarstvo prosvjete, nauke i inovacija Crne Gore")."""
    j = last + 1
    while j < len(tokens) and j <= last + 12:
        t = tokens[j]
        country = next((h for h in hits if h.first == j), None)
        if country is not None:
            e = country.entry
            return e.kind == "place" and e.subtype == "country" and e.key != "place:srbija"
        if t.is_word and t.text[:1].islower() or t.text in (",", " "):
            j += 1
            continue
        return False
    return False


def _with_misspelt_names(tokens: list[Token], working: str, hits: list[Hit], folder: Path) -> list[Hit]:
    """The hits, and the organisation names misspelt in one word where no hit stands."""
    table, longest = _one_typo_phrases(folder)
    hit_at = {i: h for h in hits for i in range(h.first, h.last + 1)}
    extra: list[Hit] = []
    inside: set[int] = set()  # the hits a longer misspelt name holds ("delagacije EU u Srbiji" holds "EU")
    firsts, seconds = _typo_openers(folder)
    vocabulary, _near = _typo_vocabulary(folder)
    # most texts have no word that may be a misspelt name's: then nothing else is done
    suspects = _suspects(tokens, hit_at, folder)
    if not suspects:
        return hits
    # the windows that can hold a suspect: they start at most a name's length (in tokens, punctuation counted
    # twice over) before it; each start's first word (spelt right) or second word (the first misspelt) must open
    # a name of the gazetteer
    word_at = [t.index for t in tokens if t.is_word]
    next_word = dict(zip(word_at, word_at[1:], strict=False))
    starts = sorted({i for j in suspects for i in range(max(0, j - 2 * longest), j + 1)})
    none: frozenset[int] = frozenset()
    done_to = -1
    for i in starts:
        if i <= done_to or not tokens[i].is_word or i in hit_at:
            continue
        nxt = next_word.get(i)
        if nxt is None:
            continue
        lengths = firsts.get(_stem(tokens[i].folded), none)
        second = seconds.get(_stem(tokens[nxt].folded))
        if second:
            lengths = lengths | second
        if not lengths:
            continue
        words = words_from(tokens, i, working, max(lengths))
        stems = [_stem(w.folded) for w in words]
        found = None
        for n in sorted((n for n in lengths if n <= len(words)), reverse=True):
            held = {id(hit_at[w.index]) for w in words[:n] if w.index in hit_at}
            if any(h.last > words[n - 1].index for h in hits if id(h) in held):
                continue
            # (the misspelt word is one no name of the gazetteer has: only such a word is tried as the typo)
            for j in (j for j in range(n) if stems[j] not in vocabulary and len(stems[j]) >= 5):
                for entry, expected in table.get((*stems[:j], None, *stems[j + 1 : n]), ()):
                    typo = stems[j]
                    # (a typo keeps the word's length but for a letter: "ambasador" is another word than "ambasada")
                    if (
                        typo != expected
                        and not (
                            entry.subtype in _STATE_BODIES
                            and expected in ekavian_variants(typo)
                            and _abroad_after(tokens, words[n - 1].index, hits)
                        )
                        and len(typo) >= 5
                        and abs(len(typo) - len(expected)) <= 1
                        and Levenshtein.distance(typo, expected) <= (2 if len(expected) >= 8 else 1)
                    ):
                        if _acceptable(entry, words[:n], "typo", working):
                            found = Hit(entry, words[0].index, words[n - 1].index, f"gazetteer:{entry.key}#typo")
                            break
                if found:
                    break
            if found:
                break
        if found:
            extra.append(found)
            inside |= {id(h) for h in hits if found.first <= h.first and h.last <= found.last}
            done_to = found.last
    if not extra:
        return hits
    return sorted([h for h in hits if id(h) not in inside] + extra, key=lambda h: h.first)
