"""Stage 2: a Latin-script, NFC working copy of the text with a map back to the original offsets.

Every later stage matches on the working copy; every evidence span is mapped back through
`Normalised.span`, so quotes are always exact substrings of the file as stored.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
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
# (the line break first, what stands before it looked behind: the engine then jumps from one "\n" to the next, where a
# lookbehind first made it try every position; the same matches, about thirty times faster)
_HARD_WRAP = re.compile(r"\n(?<=(?:[^\W\d_]|,)\n)(?=[^\W\d_])")
_WRAP_WIDTH, _WRAP_MAX = 70, 130  # lines of a text wrapped to a width (a page copied from a PDF)


def _unwrap(m: re.Match[str]) -> str:
    text = m.string
    nxt = text[m.end()]
    line_start = text.rfind("\n", 0, m.start()) + 1
    if text[line_start : m.start()].isupper():
        return "\n"  # a heading in capitals ("JAVNI POZIV\nza dodelu subvencija ...") keeps its line
    if nxt.islower():
        return " "
    # "jačanje\nRomkinja u lokalnim ...": in a text wrapped to a width (both lines about as long) a line goes on
    # in a capitalised word; a headline above a paragraph on one line does not
    next_end = text.find("\n", m.end())
    next_len = (len(text) if next_end < 0 else next_end) - m.end()
    if (
        _WRAP_WIDTH <= m.start() - line_start <= _WRAP_MAX
        and next_len <= _WRAP_MAX
        and m.end() + 1 < len(text)
        and text[m.end() + 1].islower()
    ):
        return " "
    return "\n"


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalise(original: str) -> Normalised:
    if _HTML.search(original) is not None:
        return _without_markup(original)
    return _normalise_text(original)


def _normalise_text(original: str) -> Normalised:
    n = _normalise_fast(original) if _COMBINING.search(original) is None else _normalise_slow(original)
    if "\n" in n.text:
        # "... u sklopu projekta "Sprečavanje dečjih brakova i ekonomsko jačanje\nRomkinja u ..." (a page copied
        # from a PDF): a line that ends inside a sentence goes on in the next one. One character for one, so the
        # offsets stay those of the original.
        joined = _HARD_WRAP.sub(_unwrap, n.text)
        if joined != n.text:
            n = Normalised(original=n.original, text=joined, starts=n.starts)
    return n


# A text saved from a web page may keep its markup: character references ("&bdquo;", "&#8222;", "&nbsp;") and tags
# ("<p>", "<br/>", "<a href=...>"). The working copy reads them as what a browser shows; offsets still map to the
# original, so a quote is the stored text (entities and all).
_HTML = re.compile(
    r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|<(?:script|style)\b[^>]*>.*?</(?:script|style)\s*>"
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>",
    re.S | re.I,
)
_BLOCK_TAGS = frozenset(
    "p br div li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer blockquote hr dt dd".split()
)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")


def _markup_out(m: re.Match[str]) -> str:
    token = m.group()
    if token.startswith("&"):
        text = html.unescape(token)
        return text if text != token else token
    name = _TAG_NAME.match(token)
    if name is None or name.group(1).lower() in ("script", "style"):
        return ""
    return "\n" if name.group(1).lower() in _BLOCK_TAGS else ""


def _without_markup(original: str) -> Normalised:
    """The working copy of a text with markup: references decoded and tags dropped (a block tag ends a line), then
    normalised as any text; each working character maps through both steps to its original offset."""
    text: list[str] = []
    starts: list[int] = []
    pos = 0
    for m in _HTML.finditer(original):
        i, j = m.span()
        rep = _markup_out(m)
        text.append(original[pos:i])
        starts.extend(range(pos, i))
        text.append(rep)
        starts.extend([i] * len(rep))
        pos = j
    text.append(original[pos:])
    starts.extend(range(pos, len(original) + 1))
    decoded = "".join(text)
    inner = _normalise_text(decoded)  # (once: "&amp;lt;" shows as "&lt;", not as "<")
    return Normalised(original=original, text=inner.text, starts=tuple(starts[k] for k in inner.starts))


# str.translate table of the fast path. Only the characters of _UNEVEN (a digraph letter, a zero-width
# character) change the length of the text; between them working offset i is original offset i + shift.
_TRANSLATE = str.maketrans(_FAST_MAP)
_UNEVEN = re.compile("[" + "".join(re.escape(c) for c, r in _FAST_MAP.items() if len(r) != 1) + "]")


def _assemble(
    original: str, special: re.Pattern[str], table: dict[int, str], rep_at: Callable[[int, int], str]
) -> Normalised:
    """The working copy of `original`: each match [i, j) of `special` becomes rep_at(i, j), every character of
    which maps back to i; the stretches between matches map one character to one and go through str.translate
    with `table` in C."""
    text: list[str] = []
    starts: list[int] = []
    pos = 0
    for m in special.finditer(original):
        i, j = m.span()
        rep = rep_at(i, j)
        text.append(original[pos:i].translate(table))
        text.append(rep)
        starts.extend(range(pos, i))
        starts.extend([i] * len(rep))
        pos = j
    text.append(original[pos:].translate(table))
    starts.extend(range(pos, len(original) + 1))
    return Normalised(original=original, text="".join(text), starts=tuple(starts))


def _normalise_fast(original: str) -> Normalised:
    """Text without combining marks (nearly every page): one mapping per character."""
    if _MAPPED.search(original) is None:
        return Normalised(original=original, text=original, starts=tuple(range(len(original) + 1)))  # Latin as is

    def rep_at(i: int, j: int) -> str:
        ch = original[i]
        if ch in _DIGRAPH_UPPER and _is_upper_word_context(original, i):
            return _DIGRAPH_UPPER[ch]
        return _FAST_MAP[ch]

    return _assemble(original, _UNEVEN, _TRANSLATE, rep_at)


# The slow path reads the text as clusters: a character and the combining marks (canonical combining class
# > 0) after it. A character with no mark after it is a cluster of its own whose output depends on that
# character alone (and, for Љ Њ Џ, on its neighbours), so it is worked out once per distinct character.
_SINGLE: dict[str, str] = {}
_IS_MARK: dict[str, bool] = {}


def _cluster_out(original: str, i: int, j: int) -> str:
    """The working-copy text of the cluster original[i:j]."""
    cluster = original[i:j]
    if cluster == "ц\u0301" or cluster == "Ц\u0301":
        # Some pages type "ц" + combining acute as a stand-in for "ћ".
        cluster = "ћ" if cluster[0] == "ц" else "Ћ"
    cluster = unicodedata.normalize("NFC", cluster)
    out: list[str] = []
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
        out.append(rep)
    return "".join(out)


def _single_out(ch: str) -> str | None:
    """The output of `ch` as a cluster of its own, or None when it depends on the context (Љ Њ Џ)."""
    rep = _SINGLE.get(ch)
    if rep is None:
        if any(c in _DIGRAPH_UPPER for c in unicodedata.normalize("NFC", ch)):
            return None
        rep = _SINGLE[ch] = _cluster_out(ch, 0, 1)
    return rep


def _is_mark(ch: str) -> bool:
    is_mark = _IS_MARK.get(ch)
    if is_mark is None:
        is_mark = _IS_MARK[ch] = bool(unicodedata.combining(ch))
    return is_mark


def _normalise_slow(original: str) -> Normalised:
    marks: list[str] = []  # combining marks: they join the character before them
    uneven: list[str] = []  # characters that alone map to other than one character, or depend on the context
    table: dict[int, str] = {}  # the others, one to one
    for ch in set(original):
        if _is_mark(ch):
            marks.append(ch)
            continue
        rep = _single_out(ch)
        if rep is None or len(rep) != 1:
            uneven.append(ch)
        elif rep != ch:
            table[ord(ch)] = rep
    alts = []
    if marks:
        cls = "".join(re.escape(c) for c in sorted(marks))
        alts.append(f"[^{cls}]?[{cls}]+")  # a character with the marks after it, or marks opening the text
    if uneven:
        alts.append("[" + "".join(re.escape(c) for c in sorted(uneven)) + "]")
    special = re.compile("|".join(alts) or "(?!)")

    def rep_at(i: int, j: int) -> str:
        rep = _single_out(original[i]) if j == i + 1 and original[i] not in marks else None
        return _cluster_out(original, i, j) if rep is None else rep

    return _assemble(original, special, table, rep_at)


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
