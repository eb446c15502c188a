"""Word tokens of the working copy, with offsets and a folded form for matching."""

from __future__ import annotations

import re

import regex

from rikg.loaders.normalise import fold

# "13gradova" (a space lost in publishing): the number and the word are two tokens
_TOKEN = regex.compile(r"\p{N}+(?=\p{Ll}{3})|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]")
# The same tokens, found by the standard library's engine (about twice as fast): letters and digits (str.isalnum,
# which is \p{L} and \p{N}), else one character that is neither space nor letter nor digit; a number glued to
# three lower-case letters is split afterwards (_GLUED), as the first branch of _TOKEN does.
_TOKEN_FAST = re.compile(r"[^\W_]+|[^\s\w]|_")
_GLUED = regex.compile(r"(\p{N}+)(?=\p{Ll}{3})")
# "opštinaZvezdara", "konkursaPokrajinskog" (a space lost in publishing): three small letters, then a capital and a
# small one start a second word
_CAMEL = regex.compile(r"(?<=\p{Ll}{3})(?=\p{Lu}\p{Ll})")
# Punctuation a multi-word name may span ("rad, zapošljavanje", "„EKO- AKTIV“"); a full stop,
# colon, semicolon, bracket or line break ends it.
SOFT_PUNCT = frozenset(",-–—„“”\"'’‘«»/")


class Token:
    """A word or punctuation token; the tests every stage asks of it are computed once, here."""

    __slots__ = ("start", "end", "text", "folded", "index", "is_word", "is_capitalised", "is_upper")

    def __init__(self, start: int, end: int, text: str, form: tuple[str, bool, bool, bool], index: int) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.index = index
        self.folded, self.is_word, self.is_capitalised, self.is_upper = form

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


def _form(text: str) -> tuple[str, bool, bool, bool]:
    """(folded, is_word, is_capitalised, is_upper) of a token text."""
    letters = [c for c in text if c.isalpha()]
    is_upper = len(letters) >= 2 and all(c.isupper() for c in letters)
    return fold(text) or text, text[0].isalnum(), text[0].isupper(), is_upper


# Word forms repeat across a corpus (a 2,000-character text has ~400 tokens, ~200 distinct), so what a token text
# becomes is worked out once per distinct text: the parts it splits into ("13gradova", "opštinaZvezdara"), each
# with its offsets in the text and its form (folded, is_word, is_capitalised, is_upper). A plain dict (one lookup
# per token), emptied when it grows past _FORMS_MAX so memory stays bounded.
_Parts = tuple[tuple[int, int, str, tuple[str, bool, bool, bool]], ...]
_PARTS: dict[str, _Parts] = {}
_FORMS_MAX = 200_000


def _parts(text: str) -> _Parts:
    """The tokens a match of _TOKEN_FAST makes: (start, end within the text, part, form)."""
    if text[0].isnumeric() and not text.isnumeric():
        glued = _GLUED.match(text)
        if glued:  # "13gradova": the number and the word are two tokens (as _TOKEN says)
            k = glued.end(1)
            return ((0, k, text[:k], _form(text[:k])), (k, len(text), text[k:], _form(text[k:])))
    if not text.islower() and not text.isupper() and _CAMEL.search(text, 1):
        cut = [0, *(m.start() for m in _CAMEL.finditer(text, 1)), len(text)]
        return tuple((a, b, text[a:b], _form(text[a:b])) for a, b in zip(cut, cut[1:], strict=False))
    return ((0, len(text), text, _form(text)),)


def tokenize(working: str) -> list[Token]:
    out: list[Token] = []
    cache = _PARTS
    if len(cache) > _FORMS_MAX:
        cache.clear()
    get = cache.get
    append = out.append
    for m in _TOKEN_FAST.finditer(working):
        text = m.group()
        parts = get(text)
        if parts is None:
            parts = cache[text] = _parts(text)
        s = m.start()
        if len(parts) == 1:
            append(Token(s, m.end(), text, parts[0][3], len(out)))
            continue
        for a, b, part, form in parts:
            append(Token(s + a, s + b, part, form, len(out)))
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
