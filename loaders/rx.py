"""`regex` module calls with a plain-dict pattern cache.

Why: `regex.match(pattern, ...)` with a pattern string re-checks its own cache through many
branches on each call; in the loaders' inner loops that was a tenth of the time per text. The
functions here take the same arguments and compile each (pattern, flags) pair once.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

_CACHE: dict[tuple[str, int], regex.Pattern[str]] = {}


def compiled(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    key = (pattern, int(flags))
    p = _CACHE.get(key)
    if p is None:
        p = _CACHE[key] = regex.compile(pattern, flags)
    return p


def match(pattern: str, string: str, flags: int = 0) -> regex.Match[str] | None:
    return compiled(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> regex.Match[str] | None:
    return compiled(pattern, flags).fullmatch(string)


def search(pattern: str, string: str, flags: int = 0) -> regex.Match[str] | None:
    return compiled(pattern, flags).search(string)


def sub(pattern: str, repl: str, string: str, flags: int = 0) -> str:
    return compiled(pattern, flags).sub(repl, string)


def split(pattern: str, string: str, flags: int = 0) -> list[str]:
    return compiled(pattern, flags).split(string)


def findall(pattern: str, string: str, flags: int = 0) -> list[str]:
    return compiled(pattern, flags).findall(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Iterator[regex.Match[str]]:
    return compiled(pattern, flags).finditer(string)
