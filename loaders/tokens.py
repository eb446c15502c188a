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


# Word forms repeat across a corpus (a 2,000-character text has ~400 tokens, ~200 distinct), so the
# folded form and the shape tests are computed once per distinct form: a plain dict (one lookup per token,
# cheaper than two lru_cache calls), emptied when it grows past _FORMS_MAX so memory stays bounded.
_FORMS: dict[str, tuple[str, bool, bool, bool]] = {}
_FORMS_MAX = 200_000


def tokenize(working: str) -> list[Token]:
    out: list[Token] = []
    forms = _FORMS
    if len(forms) > _FORMS_MAX:
        forms.clear()
    get = forms.get
    for m in _TOKEN_FAST.finditer(working):
        text = m.group()
        s, e = m.span()
        if text[0].isnumeric() and not text.isnumeric():
            glued = _GLUED.match(text)
            if glued:  # "13gradova": the number and the word are two tokens (as _TOKEN says)
                k = glued.end(1)
                for ts, te, tt in ((s, s + k, text[:k]), (s + k, e, text[k:])):
                    form = get(tt)
                    if form is None:
                        form = forms[tt] = _form(tt)
                    out.append(Token(ts, te, tt, form, len(out)))
                continue
        if not text.islower() and not text.isupper() and _CAMEL.search(text, 1):
            cut = [0, *(m.start() for m in _CAMEL.finditer(text, 1)), len(text)]
            for a, b in zip(cut, cut[1:], strict=False):
                part = text[a:b]
                form = get(part)
                if form is None:
                    form = forms[part] = _form(part)
                out.append(Token(s + a, s + b, part, form, len(out)))
            continue
        form = get(text)
        if form is None:
            form = forms[text] = _form(text)
        out.append(Token(s, e, text, form, len(out)))
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
