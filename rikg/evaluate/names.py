"""Name normalisation and matching: when a system name and a gold name denote the same thing.

From score_extraction.py 1.2 (../shared/tools), "Name normalisation and matching", unchanged: the
rules are those of docs/gold-format.md ("Name matching"), and any change here would make
`rikg evaluate` disagree with the shared scorer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

# Serbian Cyrillic -> Latin (the official one-to-one mapping; digraphs lj, nj, dž).
CYR2LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "č", "џ": "dž", "ш": "š",
}
# Administrative prefixes removed to form an extra name variant ("Grad Niš" -> "niš").
ADMIN_PREFIXES = ("gradska opstina", "city municipality of", "municipality of", "city of", "opstina", "grad")
ACRONYM = re.compile(r"[A-Z\u0400-\u042F]{2,8}")  # "(UNDP)", "(УНДП)" -> extra variant
# Tokens that distinguish otherwise similar names (phase 1 / phase 2, prva / druga faza).
ORDINALS = frozenset("prva prvi prve prvoj prvu druga drugi druge drugoj drugu treca treci trece trecoj trecu "
                     "cetvrta cetvrti first second third fourth ii iii iv".split())
FUZZY_THRESHOLD = 92      # rapidfuzz token_set_ratio threshold (names of >= 2 words)
MAX_WORD_RATIO = 3        # containment / token-set only when the longer name has <= 3x the words


def normalize(text: str) -> str:
    """Normalise a name for comparison.

    NFC; Cyrillic 'ц' + combining acute (U+0301) -> 'ћ' (004 writes ћ that way); case folding;
    Serbian Cyrillic -> Latin (љ->lj, њ->nj, џ->dž, ђ->đ, ћ->ć, ...); đ -> dj; diacritics removed
    (č ć -> c, š -> s, ž -> z); every character that is not a letter or digit (quotes, dashes,
    punctuation, NBSP) becomes a space; runs of spaces collapse.
    """
    s = unicodedata.normalize("NFC", text)
    s = s.replace("ц\u0301", "ћ").replace("Ц\u0301", "Ћ")
    s = s.casefold()
    s = "".join(CYR2LAT.get(ch, ch) for ch in s)
    s = s.replace("đ", "dj")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = "".join(ch if ch.isalnum() else " " for ch in s)
    return " ".join(s.split())


def name_variants(raw: str) -> set[str]:
    """All normalised forms of one name: the name itself, the name without parenthesised parts,
    an all-capitals acronym given in parentheses, and the name without an administrative prefix
    ("Grad", "Opština", "Gradska opština", "City of", "Municipality of") or the suffix
    "Municipality"."""
    variants: set[str] = set()
    base = normalize(raw)
    if base:
        variants.add(base)
    if "(" in raw:
        outside = normalize(re.sub(r"\([^()]*\)", " ", raw))
        if outside:
            variants.add(outside)
        for inner in re.findall(r"\(([^()]*)\)", raw):
            if ACRONYM.fullmatch(inner.strip()):
                variants.add(normalize(inner))
    for v in list(variants):
        for prefix in ADMIN_PREFIXES:
            if v.startswith(prefix + " "):
                variants.add(v[len(prefix) + 1:])
        if v.endswith(" municipality") and len(v) > len(" municipality"):
            variants.add(v[: -len(" municipality")])
    return variants


def names_to_variants(names: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for n in names:
        if n:
            out |= name_variants(n)
    return frozenset(out)


def _stem_equal(a: str, b: str) -> bool:
    """Two words are equal, or both have >= 5 letters and share their first max(4, len-2)
    characters, len being the shorter word's length (Serbian case endings: Kruševac/Kruševca)."""
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5:
        return False
    k = max(4, min(len(a), len(b)) - 2)
    return a[:k] == b[:k]


def _markers(words: list[str]) -> frozenset[str]:
    return frozenset(w for w in words if any(ch.isdigit() for ch in w) or w in ORDINALS)


@lru_cache(maxsize=1_000_000)
def names_compatible(a: str, b: str) -> bool:
    """Whether two normalised names denote the same thing (the rules of README.md, metric 1).

    - equal; or
    - same number of words and every word pair is stem-equal (inflection: "Evropske unije" ~
      "Evropska unija", "Kruševca" ~ "Kruševac"); or
    - one contains the other as whole words, the shorter having >= 2 words; or
    - rapidfuzz token_set_ratio >= 92, both names having >= 2 words.
    Guards: the containment and token-set rules need the longer name to have at most 3x the words
    of the shorter (a sentence-long quote must not match every name inside it), and names whose
    number/ordinal tokens differ (faza 1 / faza 2, prva / druga faza) only match when equal.
    """
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    ma, mb = _markers(wa), _markers(wb)
    if ma and mb and ma != mb:
        return False
    if len(wa) == len(wb) and all(_stem_equal(x, y) for x, y in zip(wa, wb, strict=True)):
        return True
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) < 2 or len(long_) > MAX_WORD_RATIO * len(short):
        return False
    if f" {' '.join(short)} " in f" {' '.join(long_)} ":
        return True
    return fuzz.token_set_ratio(a, b) >= FUZZY_THRESHOLD


@lru_cache(maxsize=1_000_000)
def _pair_score(a: str, b: str) -> float:
    return 100.0 if a == b else 50.0 + min(99.0, fuzz.ratio(a, b)) / 2.0


def name_score(sys_names: frozenset[str], gold_names: frozenset[str]) -> float | None:
    """Best score over all compatible name pairs, or None if no pair is compatible.
    Exact equality scores 100; other compatible pairs 50..99.5 (by plain edit similarity), so
    that the assignment prefers exact names."""
    if sys_names & gold_names:
        return 100.0
    best = None
    for a in sorted(sys_names):
        for b in sorted(gold_names):
            if names_compatible(a, b):
                s = _pair_score(a, b)
                if best is None or s > best:
                    best = s
    return best

