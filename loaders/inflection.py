"""Case, gender and number readings of Serbian nouns, adjectives and pronouns (Latin script, NFC).

Why this module exists: the role cues of the extraction rules are marked by case ("uz podršku" +
genitive, "u saradnji sa" + instrumental, "poverila" + dative) and relative clauses attach by
agreement ("projekat koji ...", "organizacija koja ..."). Deciding whether a candidate phrase *can*
be the complement of a cue, or the antecedent of a relative pronoun, needs the possible
(case, gender, number) readings of its words. No statistical tagger runs offline here, so this is a
small layer measured on UD Serbian-SET (bench/bench_morphology.py; figures in docs/extraction.md):

* **hand rules**: nouns by generate-and-test, as `morphology.to_nominative` does for names: the
  paradigm of the word's lemma (lemmagen3, loaded once by `loaders.morphology`) is generated for each
  declension class the lemma allows and the cells whose form is the word are kept. lemmagen3 gives one
  lemma and errs ("rada" -> "rada", "radnici" -> "radnica", "razgovora" -> "razgovorati"), so other
  lemmas the ending allows are added when lemmagen3 itself maps most forms of their paradigm back to
  them (`_supported`). A word no known lemma explains gets every lemma its ending allows (and, as a
  name, the chance that it does not decline). Adjectives, determiners and pronouns are read off their
  ending and a closed lexicon.
* a **fitted suffix table** (data/morphology/suffix_features.csv: gold readings counted by the last
  1-5 letters on the UD dev file only) does two things. It prunes hand readings whose *case* the
  treebank (almost) never shows for that ending (the animate accusative of "grada"), never emptying
  the set. And it says which words may be attributive adjectives in a phrase ("novi", "-ske" yes,
  "-cije" no), which lemmagen3 cannot ("novi" -> "nova"). On the UD test file the pruning takes the
  mean number of cases per token from 2.13 to 1.94 (2.67 to 2.29 without a part-of-speech hint) for
  0.6 points of case recall; the adjective test lifts phrase recall from 0.94 to 0.96.
* `phrase_features` reads a phrase as attributive adjectives + a head noun and intersects their
  readings, taking the longest reading that agrees, so a genitive complement or a name in apposition
  after the head is ignored ("projekat Evropske unije", "Opštinom Bor").

Readings are (case, gender, number) triples: case nom/gen/dat/acc/ins/loc/voc, gender masc/fem/neut,
number sing/plur. The dative and the locative are written alike in Serbian, so a reading with one
always comes with the other (callers may ask for either). The vocative is left out unless asked for
(``vocative=True``): news text has next to none (UD-SET dev and test: zero) and it would add a
reading to most nominatives. Unknown or invalid input gives the full set (no information), never an
exception. Results do not depend on letter case, except that all-capital words are read as acronyms
(GIZ, OEBS-a: any gender, since agreement follows the expanded name; UD-SET tags them masculine) and
that a capitalised phrase head may also be a neuter place in -ovo/-evo (Kosovu).

The relative pronoun "čiji" agrees with the possessed noun, not with the antecedent ("organizacija
čiji je projekat"), and "što" does not inflect for gender, so `relative_agrees` gives no constraint
for them.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import product

from rikg.loaders.morphology import _STOPWORDS, _VOWELS, ekavian_variants, lemmatize
from rikg.paths import DATA_DIR

__all__ = [
    "CASES",
    "GENDERS",
    "NUMBERS",
    "Reading",
    "full_readings",
    "word_features",
    "hand_features",
    "fitted_features",
    "table_from_rows",
    "configure",
    "phrase_features",
    "phrase_case",
    "relative_agrees",
]

Reading = tuple[str, str, str]

CASES: tuple[str, ...] = ("nom", "gen", "dat", "acc", "ins", "loc", "voc")
GENDERS: tuple[str, ...] = ("masc", "fem", "neut")
NUMBERS: tuple[str, ...] = ("sing", "plur")

#: The fitted table (see data/morphology/README.md).
SUFFIX_TABLE = DATA_DIR / "morphology" / "suffix_features.csv"
#: Longest suffix the table keys on (^ marks the word start, so short words are keyed whole).
MAX_SUFFIX = 5
#: Fitted-table parameters, chosen by 2-fold cross-validation inside the dev file
#: (bench/bench_morphology.py --tune): the longest suffix seen at least MIN_COUNT times decides; a
#: hand reading survives if the table gives its case a share above MIN_SHARE; a word may be an
#: attributive adjective if at least ADJ_SHARE of the dev tokens ending like it are adjectives.
MIN_COUNT = 20
MIN_SHARE = 0.02
ADJ_SHARE = 0.1
_TABLE_PATH: str | None = str(SUFFIX_TABLE)

_M, _F, _N = "masc", "fem", "neut"
_SG, _PL = "sing", "plur"
_ALL_G = GENDERS
_MN = (_M, _N)

_Cells = dict[str, set[tuple[str, str]]]  # form -> {(case, number)}


def _readings(cases: Iterable[str], genders: Iterable[str], numbers: Iterable[str]) -> set[Reading]:
    return set(product(cases, genders, numbers))


@lru_cache(maxsize=2)
def full_readings(vocative: bool = False) -> frozenset[Reading]:
    """Every reading: what an unknown word gets."""
    cases = CASES if vocative else CASES[:-1]
    return frozenset(_readings(cases, GENDERS, NUMBERS))


def _finish(rs: Iterable[Reading], vocative: bool) -> frozenset[Reading]:
    """Pair dative with locative and drop the vocative unless asked for."""
    out: set[Reading] = set()
    for c, g, n in rs:
        if c in ("dat", "loc"):
            out.add(("dat", g, n))
            out.add(("loc", g, n))
        elif c != "voc" or vocative:
            out.add((c, g, n))
    return frozenset(out) if out else full_readings(vocative)


# ---------------------------------------------------------------------------------------------
# Sound changes
# ---------------------------------------------------------------------------------------------

_SIB = {"k": "c", "g": "z", "h": "s"}  # sibilarisation before -i: radnik -> radnici, Palanka -> Palanci
_PAL = {"k": "č", "g": "ž", "h": "š", "c": "č", "z": "ž"}  # palatalisation before vocative -e
_JOT = (
    ("st", "šć"),
    ("t", "ć"),
    ("d", "đ"),
    ("l", "lj"),
    ("n", "nj"),
    ("v", "vlj"),
    ("p", "plj"),
    ("b", "blj"),
    ("m", "mlj"),
    ("s", "š"),
    ("z", "ž"),
)  # i-declension instrumental: mladost -> mladošću
_CONS_END_2 = ("lj", "nj", "dž")  # digraphs that count as one consonant


def _sib(stem: str) -> str:
    return stem[:-1] + _SIB[stem[-1]] if stem[-1:] in _SIB else stem


def _pal(stem: str) -> str:
    return stem[:-1] + _PAL[stem[-1]] if stem[-1:] in _PAL else stem


def _jot(stem: str) -> str:
    for a, b in _JOT:
        if stem.endswith(a):
            return stem[: -len(a)] + b
    return stem + "j"


def _last_consonant(stem: str) -> int:
    """Length of the stem's final consonant (2 for lj, nj, dž), 0 after a vowel."""
    if stem.endswith(_CONS_END_2):
        return 2
    return 1 if stem[-1:] and stem[-1] not in _VOWELS else 0


def _two_consonants(stem: str) -> bool:
    k = _last_consonant(stem)
    return bool(k) and len(stem) > k + 1 and stem[-k - 1] not in _VOWELS


def _inserted_a(stem: str) -> str:
    """Genitive plural with an inserted a: sredstv -> sredstava, pism -> pisama, zemlj -> zemalja."""
    k = _last_consonant(stem)
    return stem[:-k] + "a" + stem[-k:] + "a"


# ---------------------------------------------------------------------------------------------
# Noun paradigms: lemma -> {form: {(case, number)}}
# ---------------------------------------------------------------------------------------------


def _add(p: _Cells, form: str, *cells: tuple[str, str]) -> None:
    p.setdefault(form, set()).update(cells)


def _masc_stems(lemma: str) -> list[str]:
    """Oblique stems of a consonant-final masculine noun, with a fleeting a where it may drop.

    -ac always loses it (Kruševac -> Kruševc-, with b devoiced: Šabac -> Šapc-), -kat too
    (projekat -> projekt-); -ak, -am, -an, -ar, -al, -at may or may not (sastanak -> sastank-, but
    Senjak -> Senjak-; pojam -> pojm-, but program -> program-), so both stems are kept: a form
    made from the wrong one never occurs in text.
    """
    n = len(lemma)
    if n >= 4 and lemma[-2] == "a" and lemma[-3] not in _VOWELS and any(ch in _VOWELS for ch in lemma[:-3]):
        short = lemma[:-2] + lemma[-1]
        if lemma.endswith("bac"):
            return [lemma[:-3] + "pc", short]
        if lemma.endswith("ac") or lemma.endswith("kat"):
            return [short]
        if lemma[-1] in "kmnrlt":
            return [short, lemma]
    return [lemma]


def _masc_plural(p: _Cells, stem: str, gen_base: str | None) -> None:
    """Plural of a masculine noun, with and without -ov-/-ev- (grad -> gradovi; zakon -> zakoni)."""
    if gen_base:
        _add(p, gen_base + "a", ("gen", _PL))  # gen. pl. keeps the fleeting a: Kruševaca, projekata
    for q, ext in ((stem, False), (stem + "ov", True), (stem + "ev", True)):
        for s in {q, _sib(q)}:
            _add(p, s + "i", ("nom", _PL), ("voc", _PL))
            _add(p, s + "ima", ("dat", _PL), ("ins", _PL))
        _add(p, q + "e", ("acc", _PL))
        if ext:
            _add(p, q + "a", ("gen", _PL))


def _masc_cons(lemma: str) -> _Cells:
    p: _Cells = {}
    _add(p, lemma, ("nom", _SG), ("acc", _SG))
    for s in _masc_stems(lemma):
        _add(p, s + "a", ("gen", _SG), ("acc", _SG))  # animate accusative = genitive
        _add(p, s + "u", ("dat", _SG), ("voc", _SG))
        _add(p, s + "om", ("ins", _SG))
        _add(p, s + "em", ("ins", _SG))
        _add(p, _pal(s) + "e", ("voc", _SG))
        _masc_plural(p, s, lemma)
    if lemma in _GEN_PL_I:
        _add(p, lemma + "i", ("gen", _PL))  # meseci, sati
    if lemma in ("gost", "prst"):
        _add(p, lemma + "iju", ("gen", _PL))  # gostiju
    return p


def _masc_o(lemma: str) -> _Cells:
    """Masculine nouns in -o/-e: posao -> posla, pepeo -> pepela, Marko -> Marka, Đorđe -> Đorđa."""
    p: _Cells = {}
    if lemma.endswith(("ao", "eo")) and len(lemma) >= 3:
        stems = [lemma[:-2] + ("l" if lemma.endswith("ao") else "el")]  # posao -> posl-, deo -> del-
    else:
        stems = [lemma[:-1], lemma]  # evro -> evra; nivo -> nivoa
    _add(p, lemma, ("nom", _SG), ("acc", _SG), ("voc", _SG))
    for s in stems:
        _add(p, s + "a", ("gen", _SG), ("acc", _SG), ("gen", _PL))
        _add(p, s + "u", ("dat", _SG))
        _add(p, s + "om", ("ins", _SG))
        _add(p, s + "em", ("ins", _SG))
        _masc_plural(p, s, None)
    return p


def _neut(lemma: str) -> _Cells:
    p: _Cells = {}
    _add(p, lemma, ("nom", _SG), ("acc", _SG), ("voc", _SG))
    stems = [lemma[:-1]]
    if lemma.endswith("me") and len(lemma) >= 4:
        stems.append(lemma + "n")  # ime -> imena, vreme -> vremena
    if lemma.endswith("e") and len(lemma) <= 6:
        stems.append(lemma + "t")  # dete -> deteta, tele -> teleta
    for s in stems:
        _add(p, s + "a", ("gen", _SG), ("nom", _PL), ("gen", _PL), ("acc", _PL), ("voc", _PL))
        _add(p, s + "u", ("dat", _SG))
        _add(p, s + "om", ("ins", _SG))
        _add(p, s + "em", ("ins", _SG))
        _add(p, s + "ima", ("dat", _PL), ("ins", _PL))
        if _two_consonants(s):
            _add(p, _inserted_a(s), ("gen", _PL))
    return p


def _fem_a(lemma: str) -> _Cells:
    """The -a declension (žena; also masculine sudija, Nikola)."""
    p: _Cells = {}
    s = lemma[:-1]
    _add(p, lemma, ("nom", _SG), ("voc", _SG), ("gen", _PL))
    _add(p, s + "e", ("gen", _SG), ("nom", _PL), ("acc", _PL), ("voc", _PL))
    for t in {s, _sib(s)}:
        _add(p, t + "i", ("dat", _SG))
    _add(p, s + "u", ("acc", _SG))
    _add(p, s + "om", ("ins", _SG))
    _add(p, s + "o", ("voc", _SG))
    _add(p, s + "ama", ("dat", _PL), ("ins", _PL))
    if _two_consonants(s):
        _add(p, s + "i", ("gen", _PL))  # pritužbi, borbi
        _add(p, _inserted_a(s), ("gen", _PL))  # devojaka, banaka
    return p


def _fem_cons(lemma: str) -> _Cells:
    """The -i declension: stvar, mladost, ljubav."""
    p: _Cells = {}
    _add(p, lemma, ("nom", _SG), ("acc", _SG))
    _add(
        p,
        lemma + "i",
        ("gen", _SG),
        ("dat", _SG),
        ("voc", _SG),
        ("ins", _SG),
        ("nom", _PL),
        ("gen", _PL),
        ("acc", _PL),
        ("voc", _PL),
    )
    _add(p, lemma + "ju", ("ins", _SG))
    _add(p, _jot(lemma) + "u", ("ins", _SG))
    _add(p, lemma + "ima", ("dat", _PL), ("ins", _PL))
    return p


def _plural_i(lemma: str) -> _Cells:
    """Masculine plurals as lemma: Odžaci -> Odžaka, Karlovci -> Karlovaca, novci."""
    p: _Cells = {}
    s = lemma[:-1]
    _add(p, lemma, ("nom", _PL), ("voc", _PL))
    _add(p, s + "e", ("acc", _PL))
    _add(p, s + "ima", ("dat", _PL), ("ins", _PL))
    _add(p, s + "a", ("gen", _PL))
    if s.endswith("c"):
        _add(p, s[:-1] + "ka", ("gen", _PL))
        _add(p, s[:-1] + "ke", ("acc", _PL))
        if len(s) >= 3 and s[-2] not in _VOWELS:
            _add(p, s[:-1] + "aca", ("gen", _PL))
    return p


def _collective(forms: str, gender: str, number: str) -> dict[str, set[Reading]]:
    """Suppletive plurals declined like -a nouns: deca (dete), braća (brat), gospoda (gospodin)."""
    cases = ("nom", "gen", "dat", "acc", "ins")
    return {form: {(case, gender, number)} for form, case in zip(forms.split(), cases, strict=True)}


# Lemma -> extra forms (suppletive plurals). lemmagen3 lemmatises "ljudi" to "čovek", "deca" to "dete".
_SUPPLETIVE: dict[str, dict[str, set[Reading]]] = {
    "dete": _collective("deca dece deci decu decom", _N, _PL),
    "brat": _collective("braća braće braći braću braćom", _M, _PL),
    "gospodin": _collective("gospoda gospode gospodi gospodu gospodom", _M, _PL),
    "čovek": {
        "ljudi": {("nom", _M, _PL), ("gen", _M, _PL), ("voc", _M, _PL)},
        "ljudima": {("dat", _M, _PL), ("ins", _M, _PL)},
        "ljude": {("acc", _M, _PL)},
    },
}

# Feminine nouns of the -i declension (consonant-final); -ost nouns are feminine unless listed.
_FEM_CONS = frozenset(
    """stvar reč noć pomoć moć vlast smrt ljubav so kćer misao čast korist glad vest svest povest
    savest zapovest pamet krv kost jesen zver ćud mast čađ oblast površ nit laž propast""".split()
)
_MASC_OST = frozenset("most gost post rast prost host".split())
# Masculine nouns of the -a declension.
_MASC_A = frozenset(
    """sudija kolega vođa sluga gazda papa tata deda komšija delija starešina zanatlija ekonomista
    turista aktivista specijalista sportista nikola luka ilija andrija sava saša mića pera
    toma jova laza đura steva vanja mata""".split()
)
# Masculine nouns in -o (besides -ao/-eo: posao, deo, which `_masc_o` handles by their ending).
_MASC_O = frozenset("nivo evro euro radio studio auto video metro duo biro kakao torzo moto kilo".split())
# Masculine nouns whose genitive plural ends in -i.
_GEN_PL_I = frozenset("mesec sat prst nokat zub".split())
# Nouns in -ista/-ica/-a that are masculine *or* feminine depending on the person meant.
_EITHER_A = frozenset("izbeglica ubica pijanica varalica".split())


def _noun_classes(lemma: str) -> list[tuple[str, _Cells]]:
    """(gender, paradigm) for each declension class a lemma allows."""
    out: list[tuple[str, _Cells]] = []
    if len(lemma) < 2 or not lemma.isalpha():
        return out
    end = lemma[-1]
    if lemma in _FEM_CONS and end in _VOWELS:  # so, misao
        out.append((_F, _fem_cons(lemma)))
    elif end not in _VOWELS:
        if lemma in _FEM_CONS or (lemma.endswith("ost") and lemma not in _MASC_OST):
            out.append((_F, _fem_cons(lemma)))
        else:
            out.append((_M, _masc_cons(lemma)))
    elif end == "a":
        if lemma in _MASC_A or lemma in _EITHER_A:
            out.append((_M, _fem_a(lemma)))
        if lemma not in _MASC_A:
            out.append((_F, _fem_a(lemma)))
    elif end == "o":
        if (lemma.endswith(("ao", "eo")) and len(lemma) >= 3) or lemma in _MASC_O:
            out.append((_M, _masc_o(lemma)))
        else:
            out.append((_N, _neut(lemma)))
    elif end == "e":
        out.append((_N, _neut(lemma)))
    elif end == "i":
        out.append((_M, _plural_i(lemma)))
    return out


def _from_paradigms(word: str, lemma: str, proper: bool = False) -> set[Reading]:
    out: set[Reading] = set()
    for gender, p in _noun_classes(lemma):
        for case, number in p.get(word, ()):
            out.add((case, gender, number))
    extra = _SUPPLETIVE.get(lemma)
    if extra and word in extra:
        out |= extra[word]
    if proper and lemma[-1:] in "oe" and not lemma.endswith(("vo", "lje", "nje", "šte", "će", "ce")):
        # Masculine names in -o/-e (Marko, Barozo, Đorđe) next to neuter places (Kosovo, Skoplje).
        for case, number in _masc_o(lemma).get(word, ()):
            out.add((case, _M, number))
    if proper and lemma.endswith("a"):
        # A man's name or surname in -a (Beriša, Nikola) declines like žena but is masculine.
        for case, number in _fem_a(lemma).get(word, ()):
            out.add((case, _M, number))
    return out


# Endings a noun form may have, and the lemma endings they may come from (before sound changes).
_NOUN_ENDINGS = (
    "ovima",
    "evima",
    "ima",
    "ama",
    "ova",
    "eva",
    "ovi",
    "evi",
    "ove",
    "eve",
    "om",
    "em",
    "ju",
    "a",
    "e",
    "i",
    "o",
    "u",
    "",
)
_LEMMA_ENDINGS = ("", "a", "o", "e", "i")
_UNSIB = {"c": "k", "z": "g", "s": "h"}
_UNJOT = (
    ("šć", "st"),
    ("ć", "t"),
    ("đ", "d"),
    ("lj", "l"),
    ("nj", "n"),
    ("vlj", "v"),
    ("plj", "p"),
    ("blj", "b"),
    ("mlj", "m"),
)


def _candidate_lemmas(word: str) -> set[str]:
    """Every lemma the word's ending allows, before generate-and-test."""
    cands: set[str] = set()
    for e in _NOUN_ENDINGS:
        if not word.endswith(e) or len(word) - len(e) < 2:
            continue
        base = word[: len(word) - len(e)] if e else word
        bases = {base}
        if base[-1] in _UNSIB:
            bases.add(base[:-1] + _UNSIB[base[-1]])
        if e == "u":
            for a, b in _UNJOT:
                if base.endswith(a):
                    bases.add(base[: -len(a)] + b)
        if len(base) >= 3 and base[-1] not in _VOWELS and base[-2] not in _VOWELS:
            bases.add(base[:-1] + "a" + base[-1])  # fleeting a: Kruševc -> Kruševac
            if base.endswith("pc"):
                bases.add(base[:-2] + "bac")
        if base.endswith("l") and len(base) >= 3:
            bases.add(base[:-1] + "ao")  # posl -> posao
        if base.endswith(("men", "et")):
            bases.add(base[:-1])  # imen -> ime, detet -> dete
        for b in bases:
            for le in _LEMMA_ENDINGS:
                cands.add(b + le)
    return cands


def _ekavian(s: str) -> str:
    """lemmagen3's Serbian model writes lemmas ekavian ("premijerka" -> "premerka"); compare so."""
    return s.replace("ije", "e")


@lru_cache(maxsize=65536)
def _supported(cand: str) -> bool:
    """Whether lemmagen3 knows `cand` as a lemma: more forms of its paradigm lemmatise to it than to
    any other lemma (a tie is not enough: "grada" for "gradu" ties with "grad" and "graditi").

    lemmagen3 returns unknown strings unchanged and strips endings it knows, so a single probe
    accepts anything ("organizacij" for "organizacije": "organizacijem" -> "organizacij"); over the
    whole paradigm the real lemma wins ("organizacija", "organizacijom", "organizaciji" ->
    "organizacija").
    """
    target = _ekavian(cand)
    for _, p in _noun_classes(cand):
        forms = [f for f in p if f != cand]
        if not forms:
            continue
        votes = Counter(_ekavian(lemmatize(f)) for f in forms)
        rival = max((v for k, v in votes.items() if k != target), default=0)
        if votes[target] >= 2 and votes[target] > rival:
            return True
    return False


def _place_o(word: str) -> set[Reading]:
    """Kosova, Kosovu, Kosovom: a neuter place in -ovo/-evo (Kraljevo, Sarajevo), which lemmagen3
    reads as a masculine -ov/-ev."""
    if word.endswith(("ova", "ovu", "ovom", "eva", "evu", "evom")) and len(word) >= 5:
        stem = word[: -2 if word.endswith("m") else -1]
        return {(c, _N, n) for c, n in _neut(stem + "o").get(word, ())}
    return set()


def _indeclinable(genders: Iterable[str]) -> set[Reading]:
    return _readings(CASES, genders, (_SG,))


@lru_cache(maxsize=65536)
def _noun_readings(word: str, proper: bool) -> tuple[frozenset[Reading], bool]:
    """Readings of a noun form and whether a known lemma explained it.

    lemmagen3's lemma comes first; other lemmas the ending allows are added when lemmagen3 knows them
    as lemmas (`_supported`): "rada" is lemmatised "rada" but is the genitive of "rad"; "radnici" is
    lemmatised "radnica" but is also the plural of "radnik". If no known lemma explains the word, every
    lemma its ending allows is tried, and a name may be a foreign one that does not decline (Sejdiu).
    """
    lemma = lemmatize(word)
    rs = _from_paradigms(word, lemma, proper)
    if not rs and lemma != word:
        # lemmagen3 gives an ijekavian form its ekavian lemma ("prosvjete" -> "prosveta"): the form is read as
        # the ekavian one it stands for ("prosvete"), the writing of Bosnia and Herzegovina and Montenegro
        for ekavian in ekavian_variants(word):
            rs = _from_paradigms(ekavian, lemma, proper)
            if rs:
                break
    if proper and word[-1:] in "aoe" and word != lemma:
        rs |= _from_paradigms(word, word, proper)  # the name as its own nominative: Beriša, Barozo, Blace
    if proper:
        rs |= _place_o(word)
    found = {c: _from_paradigms(word, c, proper) for c in _candidate_lemmas(word) - {lemma}}
    for cand, cand_rs in found.items():
        # The word itself is a lemma only if lemmagen3 says so (it would have returned it).
        if cand_rs and (proper or cand != word) and _supported(cand):
            rs |= cand_rs
    if rs:
        return frozenset(rs), True
    for cand_rs in found.values():
        rs |= cand_rs
    if proper:
        rs |= _indeclinable((_M, _F))
    return frozenset(rs), False


# ---------------------------------------------------------------------------------------------
# Adjectives, determiners, pronouns
# ---------------------------------------------------------------------------------------------


def _adj_table() -> list[tuple[str, frozenset[Reading]]]:
    r = _readings
    pl_all = r(("dat", "ins"), _ALL_G, (_PL,))
    rows: list[tuple[str, set[Reading]]] = [
        ("ima", pl_all),
        ("ega", r(("gen",), _MN, (_SG,)) | r(("acc",), (_M,), (_SG,))),
        ("oga", r(("gen",), _MN, (_SG,)) | r(("acc",), (_M,), (_SG,))),
        ("emu", r(("dat",), _MN, (_SG,))),
        ("omu", r(("dat",), _MN, (_SG,))),
        ("ome", r(("dat",), _MN, (_SG,))),
        ("eg", r(("gen",), _MN, (_SG,)) | r(("acc",), (_M,), (_SG,))),
        ("og", r(("gen",), _MN, (_SG,)) | r(("acc",), (_M,), (_SG,))),
        ("em", r(("dat",), _MN, (_SG,))),
        ("om", r(("dat",), _MN, (_SG,)) | r(("ins",), (_F,), (_SG,))),
        ("im", r(("ins",), _MN, (_SG,)) | pl_all),
        ("ih", r(("gen",), _ALL_G, (_PL,))),
        ("oj", r(("dat",), (_F,), (_SG,))),
        ("u", r(("acc",), (_F,), (_SG,))),
        ("a", r(("nom", "voc"), (_F,), (_SG,)) | r(("nom", "acc", "voc"), (_N,), (_PL,))),
        ("e", r(("gen",), (_F,), (_SG,)) | r(("nom", "acc", "voc"), (_F,), (_PL,)) | r(("acc",), (_M,), (_PL,))),
        ("o", r(("nom", "acc", "voc"), (_N,), (_SG,))),
        ("i", r(("nom", "acc", "voc"), (_M,), (_SG,)) | r(("nom", "voc"), (_M,), (_PL,))),
    ]
    return [(e, frozenset(s)) for e, s in rows]


_ADJ_ENDINGS = _adj_table()
_ADJ_CONS = frozenset(_readings(("nom", "acc"), (_M,), (_SG,)))  # short masculine: nov, čest, njegov
_NEUT_SOFT_E = frozenset(_readings(("nom", "acc", "voc"), (_N,), (_SG,)))  # naše, srednje, sledeće
_SOFT_FINAL = ("j", "ć", "č", "š", "ž", "đ")


def _adj_readings(word: str) -> set[Reading]:
    """Readings of an adjective or pronominal adjective from its ending alone."""
    if len(word) < 2:
        return set()
    for e, rs in _ADJ_ENDINGS:
        if word.endswith(e) and len(word) > len(e):
            out = set(rs)
            stem = word[: -len(e)]
            if e == "e" and stem.endswith(_SOFT_FINAL):
                out |= _NEUT_SOFT_E
            if e == "a" and stem.endswith(("ov", "ev", "in")) and len(stem) > 3:
                out |= _readings(("acc",), (_M,), (_SG,))  # short possessive: Markova
            return out
    if word[-1] not in _VOWELS:
        return set(_ADJ_CONS)
    return set()


def _lex(spec: str) -> dict[str, frozenset[Reading]]:
    """Parse "form form: case,case gender,gender number; ..." lines of the pronoun lexicon."""
    g_map = {"m": _M, "f": _F, "n": _N, "*": None}
    n_map = {"s": _SG, "p": _PL, "*": None}
    out: dict[str, set[Reading]] = {}
    for line in spec.strip().splitlines():
        forms, _, rest = line.partition(":")
        for part in rest.split(";"):
            if not part.strip():
                continue
            cases, genders, numbers = part.split()
            gs = [g_map[g] for g in genders.split(",")]
            ns = [n_map[n] for n in numbers.split(",")]
            rs = _readings(
                cases.split(","),
                _ALL_G if None in gs else gs,
                NUMBERS if None in ns else ns,
            )
            for f in forms.split():
                out.setdefault(f, set()).update(rs)
    return {k: frozenset(v) for k, v in out.items()}


# Personal, reflexive and interrogative pronouns, and pronominal adjectives whose ending misleads the
# adjective table ("svoj" is not a feminine dative; "kom" is not an instrumental).
_PRONOUNS = _lex(
    """
    ja: nom * s
    mene me: gen,acc * s
    meni: dat * s
    mi: dat * s; nom * p
    mnom mnome: ins * s
    ti: nom * s; nom,voc m p
    tebe: gen,acc * s
    te: gen,acc * s; gen f s; nom,acc f p; acc m p
    tebi: dat * s
    tobom: ins * s
    on: nom m s
    ono: nom,acc n s
    ona: nom f s; nom,acc n p
    oni: nom m p
    one: nom,acc f p; acc m p
    njega ga: gen,acc m,n s
    njemu mu: dat m,n s
    njim njime: ins m,n s
    nje: gen f s
    je: gen,acc f s
    nju ju: acc f s
    njoj joj: dat f s
    njom njome: ins f s
    njih ih: gen,acc * p
    njima: dat,ins * p
    im: dat * p
    nas: gen,acc * p
    nama: dat,ins * p
    nam: dat * p
    vi: nom * p
    vas: gen,acc * p
    vama: dat,ins * p
    vam: dat * p
    sebe se: gen,acc * *
    sebi si: dat * *
    sobom: ins * *
    ko neko niko iko: nom m *
    svako: nom m *; nom,acc n s
    koga nekoga nikoga ikoga svakoga: gen,acc m,n *
    kome nekome nikome ikome svakome: dat m,n *
    kim kime: ins m,n *
    nekim nikim svakim: ins m,n s; dat,ins * p
    tim time ovim ovime onim onime svim svime: ins m,n s; dat,ins * p
    što šta nešto ništa išta svašta: nom,acc n *
    čega nečega ničega ičega: gen n *
    čemu nečemu ničemu: dat n *
    čime ničim ničime nečim: ins n *
    moj tvoj svoj: nom,acc m s
    sav: nom,acc m s
    sve: nom,acc n s; gen f s; nom,acc f p; acc m p
    svi: nom m p
    svega: gen m,n s
    svemu: dat m,n s
    kog: gen,acc m s; gen n s
    kom: dat m,n s
    ovaj taj onaj: nom,acc m s
    """
)
# "svoj" is also the feminine dative of "sav" (u svoj Srbiji).
_PRONOUNS = {**_PRONOUNS, "svoj": _PRONOUNS["svoj"] | frozenset(_readings(("dat",), (_F,), (_SG,)))}
_RELATIVE_STEMS = ("koj", "kakv", "kolik")
_RELATIVE_FORMS = frozenset({"kog", "koga", "kom", "kome", "kakav", "kolik"})
_NO_AGREEMENT = frozenset("što šta gde kad kada kuda odakle dokle kako".split())


def _pronoun_readings(word: str) -> set[Reading]:
    if word in _PRONOUNS:
        return set(_PRONOUNS[word])
    return set()


# ---------------------------------------------------------------------------------------------
# Hand rules
# ---------------------------------------------------------------------------------------------

# upos hint -> (part of speech for the hand rules, group of the fitted table)
_HINTS = {
    "NOUN": ("NOUN", "N"),
    "PROPN": ("PROPN", "N"),
    "ADJ": ("ADJ", "A"),
    "DET": ("ADJ", "A"),
    "NUM": ("ADJ", "A"),
    "PRON": ("PRON", "P"),
}
_ADJ_ONLY = ("og", "eg", "oga", "ega", "oj", "ih", "emu", "omu", "ome", "im")
_ADJ_LEMMA = ("ski", "čki", "ški", "ska", "čka", "ška")


def _acronym_readings(word: str, original_upper: bool) -> set[Reading] | None:
    """GIZ, OEBS-a, NATO-u: all cases when bare, the suffix's case when hyphenated. The gender follows
    the expanded name (EU is feminine in agreement, UD-SET tags every acronym masculine), so any."""
    base, sep, suf = word.partition("-")
    if sep and original_upper and base and suf in ("a", "u", "om", "em", "e", "ov", "ova"):
        case = {"a": ("gen", "acc"), "u": ("dat",), "om": ("ins",), "em": ("ins",), "e": ("acc",)}.get(suf)
        if case is None:
            return _readings(("nom", "acc"), (_M,), (_SG,))
        return _readings(case, _ALL_G, (_SG,))
    if original_upper and not sep:
        return _readings(CASES, _ALL_G, (_SG,))
    return None


def _adjectival(word: str) -> bool:
    """Whether a word may be an adjective: an adjective-only ending or an adjective-like lemma."""
    lem = lemmatize(word)
    return word.endswith(_ADJ_ONLY) or lem.endswith(_ADJ_LEMMA) or (lem.endswith("i") and len(lem) > 3)


@lru_cache(maxsize=65536)
def _hand(word: str, pos: str, upper: bool) -> frozenset[Reading]:
    """Hand-rule readings of a lower-case word (vocative included; `_finish` decides); empty if none."""
    if not word or not word.replace("-", "").isalpha():
        return frozenset()
    acr = _acronym_readings(word, upper)
    if acr is not None:
        return frozenset(acr)
    if "-" in word:
        word = word.rsplit("-", 1)[1]  # 25-metarskim, zemlja-vazduh: the last part inflects
        if not word:
            return frozenset()
    pron = _pronoun_readings(word)
    if pos in ("ADJ", "PRON"):
        return frozenset(pron or _adj_readings(word))
    if pos in ("NOUN", "PROPN"):
        nouns, known = _noun_readings(word, pos == "PROPN")
        adj = _adj_readings(word) if _adjectival(word) else set()
        if adj and not known:
            return frozenset(adj)  # a substantivised adjective: Švajcarskoj, predsedavajući, zaposlenih
        return frozenset(nouns | adj)
    if pron:
        return frozenset(pron)
    # Without a hint every word may also be an adjective: lemmagen3's lemma does not tell them apart
    # ("novi" -> "nova"), and leaving adjectives out loses 5 points of recall on UD dev.
    return frozenset(_noun_readings(word, False)[0] | _adj_readings(word))


# ---------------------------------------------------------------------------------------------
# Fitted table
# ---------------------------------------------------------------------------------------------


def _suffixes(word: str, longest: int = MAX_SUFFIX) -> list[str]:
    """^word-anchored suffixes, longest first: 'kojoj' -> ['kojoj', 'ojoj', ...]; '^on' for short words."""
    w = "^" + word
    return [w[-k:] for k in range(min(longest, len(w)), 0, -1)]


def table_from_rows(rows: Iterable[dict[str, str]]) -> dict[tuple[str, str], dict[Reading, float]]:
    """(group, suffix) -> {reading: tokens} from rows of the fitted table's CSV; a '*' gender or number
    spreads one token over all values; the locative is counted as the dative."""
    table: dict[tuple[str, str], dict[Reading, float]] = {}
    for row in rows:
        dist = table.setdefault((row["group"], row["suffix"]), {})
        gs = GENDERS if row["gender"] == "*" else (row["gender"],)
        ns = NUMBERS if row["number"] == "*" else (row["number"],)
        case = "dat" if row["case"] == "loc" else row["case"]
        share = float(row["count"]) / (len(gs) * len(ns))
        for g, n in product(gs, ns):
            dist[(case, g, n)] = dist.get((case, g, n), 0.0) + share
    return table


@lru_cache(maxsize=4)
def _load_table(path: str) -> dict[tuple[str, str], dict[Reading, float]]:
    """The fitted table; empty (hand rules alone) when the file is missing or unreadable."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return table_from_rows(csv.DictReader(ln for ln in f if not ln.startswith("#")))
    except (OSError, KeyError, ValueError):
        return {}


def _table() -> dict[tuple[str, str], dict[Reading, float]]:
    return _load_table(_TABLE_PATH) if _TABLE_PATH else {}


def configure(
    table_path: str | None = str(SUFFIX_TABLE), *, min_count: int | None = None, min_share: float | None = None
) -> None:
    """Use another fitted table (None: hand rules alone) or parameters; for the benchmark and tests."""
    global _TABLE_PATH, MIN_COUNT, MIN_SHARE
    _TABLE_PATH = str(table_path) if table_path else None
    if min_count is not None:
        MIN_COUNT = min_count
    if min_share is not None:
        MIN_SHARE = min_share
    for f in (_combined, _modifier, _head):
        f.cache_clear()


def _fitted_dist(
    word: str, group: str, table: dict[tuple[str, str], dict[Reading, float]], min_count: int | None = None
) -> dict[Reading, float]:
    """Shares of the readings under the longest suffix seen at least `min_count` (MIN_COUNT) times, else {}."""
    min_count = MIN_COUNT if min_count is None else min_count
    for suf in _suffixes(word):
        dist = table.get((group, suf))
        if dist:
            total = sum(dist.values())
            if total >= min_count:
                return {r: v / total for r, v in dist.items()}
    return {}


def _pos(upos_hint: str | None) -> tuple[str, str]:
    return _HINTS.get((upos_hint or "").upper(), ("", "*"))


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def _prepare(word: str) -> tuple[str, bool] | None:
    if not isinstance(word, str):
        return None
    w = unicodedata.normalize("NFC", word).strip().strip(".,;:!?()[]\"'„“”‘’«»")
    if not w:
        return None
    letters = [c for c in w.split("-")[0] if c.isalpha()]
    upper = len(letters) >= 2 and all(c.isupper() for c in letters) and len(w.split("-")[0]) <= 8
    return w.lower(), upper


def hand_features(word: str, upos_hint: str | None = None, *, vocative: bool = False) -> frozenset[Reading]:
    """Readings from the hand rules alone (the benchmark compares them with the fitted table)."""
    prep = _prepare(word)
    if prep is None:
        return full_readings(vocative)
    return _finish(_hand(prep[0], _pos(upos_hint)[0], prep[1]), vocative)


def fitted_features(
    word: str,
    upos_hint: str | None = None,
    *,
    vocative: bool = False,
    min_share: float = 0.0,
    table_path: str | None = None,
) -> frozenset[Reading]:
    """Readings from the fitted suffix table alone (shares above min_share); the full set when unknown."""
    prep = _prepare(word)
    if prep is None:
        return full_readings(vocative)
    dist = _fitted_dist(prep[0], _pos(upos_hint)[1], _load_table(table_path) if table_path else _table())
    return _finish((r for r, p in dist.items() if p > min_share), vocative)


def _prune(hand: frozenset[Reading], dist: dict[Reading, float], min_share: float) -> frozenset[Reading]:
    """Hand readings whose *case* the fitted table gives more than `min_share` for this ending.

    Only the case is pruned: 11k tokens are too few to trust the table on gender and number within a
    case ("-ih" is a genitive plural of any gender, though the table may have seen two of them).
    """
    if not dist:
        return hand
    cases: dict[str, float] = {}
    for (c, _, _), v in dist.items():
        cases[c] = cases.get(c, 0.0) + v
    keep = frozenset(r for r in hand if cases.get("dat" if r[0] == "loc" else r[0], 0.0) > min_share)
    return keep or hand


@lru_cache(maxsize=131072)
def _combined(word: str, upos_hint: str, upper: bool, vocative: bool) -> frozenset[Reading]:
    pos, group = _pos(upos_hint)
    hand = _finish(_hand(word, pos, upper), vocative)
    if upper:  # acronyms: the table has seen too few of each
        return hand
    return _prune(hand, _fitted_dist(word, group, _table()), MIN_SHARE)


def word_features(word: str, upos_hint: str | None = None, *, vocative: bool = False) -> frozenset[Reading]:
    """The possible (case, gender, number) readings of one noun, adjective, pronoun or name token.

    `upos_hint` (NOUN, PROPN, ADJ, DET, PRON) narrows the analysis to that part of speech; without it
    noun and adjective readings are both proposed. Dative and locative always come together.
    Unknown or invalid input gives `full_readings()`.
    """
    prep = _prepare(word)
    if prep is None:
        return full_readings(vocative)
    return _combined(prep[0], (upos_hint or "").upper(), prep[1], vocative)


_OPENING_QUOTES = ("„", "“", '"', "«", "‘", "'", "(")


def _phrase_words(words: Iterable[str]) -> list[str]:
    """The words of the leading noun phrase: leading prepositions skipped, cut at a stop word, a
    quoted title, a number or punctuation; a word ending in a comma is the last."""
    toks = [t for w in words if isinstance(w, str) for t in w.split()]
    out: list[str] = []
    for t in toks:
        core = t.strip(".,;:!?()[]\"'„“”‘’«»")
        if not out and core.lower() in _STOPWORDS:
            continue
        if (
            not core
            or t.startswith(_OPENING_QUOTES)
            and out
            or core.lower() in _STOPWORDS
            or not core.replace("-", "").isalpha()
        ):
            break
        out.append(core)
        if t.endswith((",", ";", ":", ")")):
            break
    return out


def _adjective_like(word: str) -> bool:
    """Whether a word may stand before a noun as an attributive adjective: a pronominal adjective, an
    adjective-only ending (-og, -oj, -ih, -im), an adjective-like lemma (evropski), dev tokens ending
    alike being adjectives often enough, or a lemma that is a short adjective the word extends
    (nacionalan -> nacionaln-e, nov -> nov-e, naj-nov-ij-e)."""
    if word in _PRONOUNS or word.startswith(_RELATIVE_STEMS) or _adjectival(word):
        return True
    if _adjective_share(word) >= ADJ_SHARE:
        return True
    lem = lemmatize(word)
    if lem[-1:] in _VOWELS or len(lem) < 3 or word == lem:
        return False
    base = word[3:] if word.startswith("naj") and not lem.startswith("naj") else word  # najnovije: nov
    for st in [*_masc_stems(lem), lem]:
        rest = base[len(st) :] if base.startswith(st) else None
        if rest is not None and (rest in _ADJ_SUFFIXES or (rest[:2] == "ij" and rest[2:] in _ADJ_SUFFIXES)):
            return True  # nov-e, nacionaln-e, nov-ij-e (comparative)
    return False


_ADJ_SUFFIXES = frozenset(e for e, _ in _ADJ_ENDINGS) | {"i"}


def _adjective_share(word: str) -> float:
    """Share of adjectives/determiners among the dev tokens ending like `word` (longest suffix seen
    at least MIN_COUNT times as either): "novi", "nove", "-ske" are adjectives, "-cije" nouns."""
    table = _table()
    for suf in _suffixes(word):
        a = sum(table.get(("A", suf), {}).values())
        n = sum(table.get(("N", suf), {}).values())
        if a + n >= MIN_COUNT:
            return a / (a + n)
    return 0.0


@lru_cache(maxsize=65536)
def _modifier(word: str, upper: bool) -> frozenset[Reading]:
    """Readings of a word as an attributive adjective (empty if it cannot be one)."""
    if upper or not _adjective_like(word):
        return frozenset()
    short = not any(word.endswith(e) and len(word) > len(e) for e, _ in _ADJ_ENDINGS)
    if short and word not in _PRONOUNS and not word.endswith(("ov", "ev", "in")):
        return frozenset()  # short forms (nov, čest) are predicative; possessives (Markov) attributive
    return _combined(word, "ADJ", upper, False)


@lru_cache(maxsize=65536)
def _head(word: str, upper: bool, capital: bool) -> frozenset[Reading]:
    """Readings of a word as the head of a noun phrase: a pronoun, a common noun if a known lemma
    explains it (capitalised ones too: "Grada", "Vladi", "Ministarstvu" head most names here), else a
    name. A capitalised word may also be a neuter place in -ovo/-evo (Kosovu, Kraljeva)."""
    if word in _PRONOUNS:
        return _combined(word, "PRON", upper, False)
    known = _noun_readings(word, False)[1] or (_adjectival(word) and bool(_adj_readings(word)))
    rs = _combined(word, "NOUN" if known and not upper else "PROPN", upper, False)
    place = _place_o(word) if capital and not upper else set()
    return rs | _finish(place, False) if place else rs


def phrase_features(words: list[str]) -> frozenset[Reading]:
    """Readings of a noun phrase (adjectives + head noun): the intersection of its agreeing words.

    The phrase is read as attributive adjectives followed by a head noun, taking the longest such
    reading whose words share a reading; whatever follows the head (a genitive complement, "projekat
    Evropske unije"; a name in apposition, "opštinom Bor") is ignored, as is everything after a
    preposition or conjunction. An empty or unreadable phrase gives the full set.
    """
    ws = _phrase_words(words)
    if not ws:
        return full_readings()
    best: frozenset[Reading] = frozenset()
    acc: frozenset[Reading] | None = None  # readings the adjectives so far share
    for w in ws:
        prep = _prepare(w)
        if prep is None:
            break
        head = _head(prep[0], prep[1], w[:1].isupper())
        cand = head if acc is None else acc & head
        if cand:
            best = cand
        mod = _modifier(*prep)
        acc = mod if acc is None else acc & mod
        if not acc:
            break
    if best:
        return best
    return word_features(ws[0])


def phrase_case(words: list[str]) -> set[str]:
    """The cases a noun phrase can be in (dative and locative together)."""
    return {c for c, _, _ in phrase_features(words)}


def _gender_number(rs: Iterable[Reading]) -> set[tuple[str, str]]:
    return {(g, n) for _, g, n in rs}


def _conjuncts(words: list[str]) -> list[list[str]]:
    """Split "Grad i opština", "opština, grad ili udruženje" into conjuncts (before any preposition)."""
    parts: list[list[str]] = [[]]
    for w in (t for x in words if isinstance(x, str) for t in x.split()):
        core = w.strip(".,;:!?").lower()
        if core in ("i", "ili", "te"):
            if parts[-1]:
                parts.append([])
            continue
        if core in _STOPWORDS:
            break
        parts[-1].append(w)
        if w.endswith(","):
            parts.append([])
    return [p for p in parts if p]


def relative_agrees(pronoun: str, words: list[str]) -> bool:
    """Whether a relative pronoun form (koji, koja, koje, kojeg, kojoj, kojima, ...) can agree in gender
    and number with the noun phrase `words` (its case is the clause's business, not the antecedent's).

    "čiji" agrees with the possessed noun and "što", "gde", "kad" do not inflect, so they (and any
    other or unreadable word) agree with everything. A coordinated antecedent ("grad i opština") agrees
    with a plural of any gender and with its first or last conjunct.
    """
    prep = _prepare(pronoun) if isinstance(pronoun, str) else None
    if prep is None:
        return True
    p = prep[0]
    if p in _NO_AGREEMENT or p.startswith("či") or not (p.startswith(_RELATIVE_STEMS) or p in _RELATIVE_FORMS):
        return True
    pr = _gender_number(_finish(_pronoun_readings(p) or _adj_readings(p), False))
    if not words:
        return True
    ante = _gender_number(phrase_features(words))
    parts = _conjuncts(words)
    if len(parts) > 1:
        ante |= {(g, _PL) for g in GENDERS}
        ante |= _gender_number(phrase_features(parts[-1]))
    return bool(pr & ante)
