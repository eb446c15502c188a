"""Word tokens of the working copy, with offsets and a folded form for matching."""

from __future__ import annotations

from functools import lru_cache

import regex

from rikg.loaders.normalise import fold

_TOKEN = regex.compile(r"[\p{L}\p{N}]+|[^\s\p{L}\p{N}]")
# Punctuation a multi-word name may span ("rad, zapošljavanje", "„EKO- AKTIV“"); a full stop,
# colon, semicolon, bracket or line break ends it.
SOFT_PUNCT = frozenset(",-–—„“”\"'’‘«»")


class Token:
    """A word or punctuation token; the tests every stage asks of it are computed once, here."""

    __slots__ = ("start", "end", "text", "folded", "index", "is_word", "is_capitalised", "is_upper")

    def __init__(self, start: int, end: int, text: str, folded: str, index: int) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.folded = folded
        self.index = index
        self.is_word, self.is_capitalised, self.is_upper = _shape(text)

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


# Word forms repeat across a corpus (a 2,000-character text has ~400 tokens, ~200 distinct), so the
# folded form and the shape tests are computed once per distinct form.
@lru_cache(maxsize=65536)
def _shape(text: str) -> tuple[bool, bool, bool]:
    letters = [c for c in text if c.isalpha()]
    return text[0].isalnum(), text[0].isupper(), len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return fold(text) or text


def tokenize(working: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(working):
        text = m.group()
        s, e = m.span()
        out.append(Token(s, e, text, _folded(text), len(out)))
    return out


def words_from(tokens: list[Token], i: int, working: str, limit: int) -> list[Token]:
    """Up to `limit` word tokens from token i on, skipping soft punctuation but not crossing a hard stop."""
    out: list[Token] = []
    j = i
    while j < len(tokens) and len(out) < limit:
        t = tokens[j]
        if t.is_word:
            if out and "\n" in working[out[-1].end : t.start]:
                break
            out.append(t)
        elif t.text not in SOFT_PUNCT:
            break
        j += 1
    return out
