"""Stage 2: a Latin-script, NFC working copy of the text with a map back to the original offsets.

Every later stage matches on the working copy; every evidence span is mapped back through
`Normalised.span`, so quotes are always exact substrings of the file as stored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_CYR = "абвгдђежзијклмнопрстћуфхцчшљњџ"
_LAT = [
    "a",
    "b",
    "v",
    "g",
    "d",
    "đ",
    "e",
    "ž",
    "z",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "r",
    "s",
    "t",
    "ć",
    "u",
    "f",
    "h",
    "c",
    "č",
    "š",
    "lj",
    "nj",
    "dž",
]
CYR_TO_LAT: dict[str, str] = dict(zip(_CYR, _LAT, strict=True))
CYR_TO_LAT.update({c.upper(): v.capitalize() for c, v in zip(_CYR, _LAT, strict=True)})
# Letters borrowed from Russian/Macedonian that appear in real pages.
CYR_TO_LAT.update(
    {
        "ѓ": "đ",
        "ќ": "ć",
        "ѕ": "dz",
        "й": "j",
        "ы": "i",
        "э": "e",
        "ю": "ju",
        "я": "ja",
        "Ѓ": "Đ",
        "Ќ": "Ć",
        "Ѕ": "Dz",
        "Й": "J",
        "Ы": "I",
        "Э": "E",
        "Ю": "Ju",
        "Я": "Ja",
    }
)
_DIGRAPH_UPPER = {"Љ": "LJ", "Њ": "NJ", "Џ": "DŽ"}
_SPACES = {"\u00a0", "\u2007", "\u202f", "\u2009", "\u200a", "\u2002", "\u2003"}
_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}


@dataclass(frozen=True)
class Normalised:
    original: str
    text: str  # Latin, NFC, spaces unified, same line structure
    starts: tuple[int, ...]  # starts[i]: original offset of working char i; starts[len] = len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the working-copy span [start, end)."""
        if end <= start:
            o = self.starts[start]
            return o, o
        return self.starts[start], self._orig_end(end - 1)

    def _orig_end(self, i: int) -> int:
        # The original end of working char i is where the next original cluster starts.
        o = self.starts[i]
        j = i + 1
        while j < len(self.text) and self.starts[j] == o:
            j += 1
        return self.starts[j]

    def quote(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.original[s:e]


def _is_upper_word_context(text: str, i: int) -> bool:
    """An all-caps Cyrillic word: Љ inside ЉУБЉАНА becomes LJ, not Lj."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return (prev.isalpha() and prev.isupper()) or (nxt.isalpha() and nxt.isupper())


def cyr_to_lat(s: str) -> str:
    return normalise(s).text


_FAST_MAP: dict[str, str] = {**CYR_TO_LAT, **{c: " " for c in _SPACES}, **{c: "" for c in _ZERO_WIDTH}}


# Characters the fast path changes; a text with none of them is its own working copy.
_MAPPED = re.compile("[" + "".join(re.escape(c) for c in _FAST_MAP) + "]")
_DIGRAPH_CHARS = re.compile("[" + "".join(re.escape(c) for c in _DIGRAPH_UPPER) + "]")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalise(original: str) -> Normalised:
    if _COMBINING.search(original) is None:
        return _normalise_fast(original)
    return _normalise_slow(original)


def _normalise_fast(original: str) -> Normalised:
    """Text without combining marks (nearly every page): one mapping per character."""
    n = len(original)
    if _MAPPED.search(original) is None:
        return Normalised(original=original, text=original, starts=tuple(range(n + 1)))  # Latin text as it is
    get = _FAST_MAP.get
    reps = [get(ch, ch) for ch in original]
    for m in _DIGRAPH_CHARS.finditer(original):
        i = m.start()
        if _is_upper_word_context(original, i):
            reps[i] = _DIGRAPH_UPPER[original[i]]
    if any(len(r) != 1 for r in reps):
        starts = [i for i, r in enumerate(reps) for _ in r]
        starts.append(n)
    else:
        starts = list(range(n + 1))
    return Normalised(original=original, text="".join(reps), starts=tuple(starts))


def _normalise_slow(original: str) -> Normalised:
    out: list[str] = []
    starts: list[int] = []
    i, n = 0, len(original)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(original[j]):
            j += 1
        cluster = original[i:j]
        if cluster == "ц\u0301" or cluster == "Ц\u0301":
            # Some pages type "ц" + combining acute as a stand-in for "ћ".
            cluster = "ћ" if cluster[0] == "ц" else "Ћ"
        cluster = unicodedata.normalize("NFC", cluster)
        for ch in cluster:
            if ch in _ZERO_WIDTH:
                continue
            if ch in _SPACES:
                rep = " "
            elif ch in _DIGRAPH_UPPER and _is_upper_word_context(original, i):
                rep = _DIGRAPH_UPPER[ch]
            elif ch in CYR_TO_LAT:
                rep = CYR_TO_LAT[ch]
            elif unicodedata.combining(ch):
                continue
            else:
                rep = ch
            for r in rep:
                out.append(r)
                starts.append(i)
        i = j
    starts.append(n)
    return Normalised(original=original, text="".join(out), starts=tuple(starts))


@lru_cache(maxsize=200_000)
def fold(s: str) -> str:
    """Matching key: Latin, lower case, no diacritics (đ -> dj), single spaces, plain quotes removed."""
    if not s.isascii():
        s = normalise(s).text
    s = s.lower().replace("đ", "dj")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    out = []
    for c in s:
        out.append(c if c.isalnum() else " ")
    return " ".join("".join(out).split())


_LAT_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ", "Lj": "Љ", "Nj": "Њ", "Dž": "Џ", "LJ": "Љ", "NJ": "Њ", "DŽ": "Џ"}
_LAT_SINGLE = {v: k for k, v in CYR_TO_LAT.items() if len(v) == 1 and k in _CYR + _CYR.upper()}
_LAT_RX = re.compile("|".join(sorted(_LAT_DIGRAPHS, key=len, reverse=True)))
_FOREIGN = re.compile(r"\b(?:[A-Z]{2,}[a-z]?|[A-Za-z]*[qwxyQWXY][A-Za-z]*)\b")


def lat_to_cyr(s: str) -> str:
    """Serbian Latin to Cyrillic for labels. Acronyms and foreign words (ROMACTED, GIZ, Telenor with w/x/y/q)
    stay in Latin, as Serbian Cyrillic pages write them."""
    s = unicodedata.normalize("NFC", s)
    out = []
    pos = 0
    for m in _FOREIGN.finditer(s):
        out.append(_plain_lat_to_cyr(s[pos : m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(_plain_lat_to_cyr(s[pos:]))
    return "".join(out)


def _plain_lat_to_cyr(s: str) -> str:
    s = _LAT_RX.sub(lambda m: _LAT_DIGRAPHS[m.group()], s)
    return "".join(_LAT_SINGLE.get(c, c) for c in s)
