"""Stage 3: paragraphs and sentences of the working copy, as offset ranges."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from rikg.loaders import patterns, rx

# Abbreviations after which a full stop does not end a sentence (Latin working copy, lower case).
_ABBREVIATIONS = frozenset(
    "dr prof mr tj itd npr br st god sl str ul tzv gosp gđa gđ min mil mlrd ing dipl mag sv resp tel".split()
)
# (a full stop glued to the next sentence, "rekao je Vener.Dodao je ...", "(GIZ).Taj projekat": a word of two
# small letters or a parenthesis before it, a capitalised word after it; not a web address, "www.Romi.rs")
_BOUNDARY = regex.compile(
    r"[.!?…]+[\"“”»’']?(?=\s+[\"„“«(]?[\p{Lu}\d•])|[;:](?=\s*\n)|(?<=\p{Ll}{2}|\))(?<!www)\.(?=\p{Lu}\p{Ll})(?!\p{L}+\.\p{Ll}{2,4}\b)"
)

# a line, or lines a hard wrap broke inside a sentence: a line that ends in a word or a comma goes on when the next
# line opens in lower case ("... u\nsaradnji sa ...", "... koji\nsprovodi ...") with no blank line between
_LINE = regex.compile(r"[^\n]+(?:(?<=[\w,])\n(?=[„“\"]?\p{Ll})[^\n]+)*")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    index: int

    def text(self, working: str) -> str:
        return working[self.start : self.end]


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    m = rx.search(r"(?<!\p{L})(\p{L}+)\.$", text[max(0, dot - 12) : dot + 1])
    if not m:
        return False
    # "Gordana M. Ristić", "M. P.": a single capital with a dot is an initial, not a sentence end
    return m.group(1).lower() in _ABBREVIATIONS or (len(m.group(1)) == 1 and m.group(1).isupper())


def _ends_with_ordinal(text: str, dot: int, nxt: int) -> bool:
    """'29. maja', '1. jun' or '13.11.2020. godine' continue; '2017. Predviđeno' ends a sentence."""
    before = text[max(0, dot - 4) : dot]
    if not rx.search(r"\d$", before):
        return False
    following = text[nxt : nxt + 12].lstrip()
    # "16. Decembar 2020.": a month name stays with its day, capitalised or not
    return bool(following) and (following[0].islower() or following.lower().startswith(_month_stems()))


@cache
def _month_stems() -> tuple[str, ...]:
    return tuple(patterns.months())


def sentences(working: str) -> list[Sentence]:
    out: list[Sentence] = []
    para = 0
    for pm in _LINE.finditer(working):
        # A blank line starts a new paragraph; a single line break inside a list keeps it.
        if pm.start() > 0 and working[max(0, pm.start() - 2) : pm.start()].count("\n") >= 2:
            para += 1
        start = pm.start()
        line = pm.group()
        for bm in _BOUNDARY.finditer(line):
            dot = pm.start() + bm.start()
            if _ends_with_abbreviation(working, dot) or _ends_with_ordinal(working, dot, pm.start() + bm.end()):
                continue
            end = pm.start() + bm.end()
            _add(out, working, start, end, para)
            start = end
        _add(out, working, start, pm.end(), para)
    return out


def _add(out: list[Sentence], working: str, start: int, end: int, para: int) -> None:
    while start < end and working[start].isspace():
        start += 1
    while end > start and working[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, para, len(out)))
