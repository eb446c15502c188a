"""Word tokens of the working copy, with offsets and a folded form for matching."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from rikg.loaders.normalise import fold

_TOKEN = regex.compile(r"[\p{L}\p{N}]+|[^\s\p{L}\p{N}]")
# Punctuation a multi-word name may span ("rad, zapošljavanje", "„EKO- AKTIV“"); a full stop,
# colon, semicolon, bracket or line break ends it.
SOFT_PUNCT = frozenset(",-–—„“”\"'’‘«»")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    folded: str
    index: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


def tokenize(working: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(working):
        out.append(Token(m.start(), m.end(), m.group(), fold(m.group()) or m.group(), len(out)))
    return out


def words_from(tokens: list[Token], i: int, working: str, limit: int) -> list[Token]:
    """Up to `limit` word tokens from token i on, skipping soft punctuation but not crossing a hard stop."""
    out: list[Token] = []
    j = i
    while j < len(tokens) and len(out) < limit:
        t = tokens[j]
        if t.is_word:
            if out and "\n" in working[out[-1].end:t.start]:
                break
            out.append(t)
        elif t.text not in SOFT_PUNCT:
            break
        j += 1
    return out
