"""`regex` module calls with a plain-dict pattern cache.

Why: `regex.match(pattern, ...)` with a pattern string re-checks its own cache through many
branches on each call; in the loaders' inner loops that was a tenth of the time per text. The
functions here take the same arguments and compile each (pattern, flags) pair once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre_constants  # the standard library's parser: the literals a pattern requires
from re import _parser as sre_parser

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


_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}")
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def _required(items: sre_parser.SubPattern | list[tuple[object, object]]) -> frozenset[str] | None:
    """Of a parsed pattern: a set of strings one of which every match contains, or None. A run of literals is
    required as a whole; a group or a repeat of at least one is required if its content is; an alternation
    requires one of its branches' sets. Of the sets found, the one whose shortest string is longest is kept (the
    most selective); anything else (classes, anchors, lookarounds, optional parts) only ends a run."""
    options: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is sre_constants.LITERAL:
            run += chr(av)
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        sub: frozenset[str] | None = None
        if op is sre_constants.SUBPATTERN:
            _group, add_flags, _del_flags, pattern = av
            if add_flags & sre_constants.SRE_FLAG_IGNORECASE:
                return None  # (a literal in a case-blind group is no literal)
            sub = _required(pattern)
        elif op is sre_constants.BRANCH:
            branches = [_required(b) for b in av[1]]
            if all(b is not None for b in branches):
                sub = frozenset().union(*branches)
        elif op in _REPEATS:
            least, _most, pattern = av
            sub = _required(pattern) if least >= 1 else None
        elif op is sre_constants.ATOMIC_GROUP:
            sub = _required(av)
        if sub:
            options.append(sub)
    if run:
        options.append(frozenset({run}))
    return max(map(_minimal, options), key=lambda o: (min(map(len, o)), -len(o))) if options else None


def _minimal(literals: frozenset[str]) -> frozenset[str]:
    """Without the literals that contain another one of the set (where "partnerima" stands, "partner" does)."""
    return frozenset(a for a in literals if not any(b != a and b in a for b in literals))


def required_literals(source: str) -> frozenset[str] | None:
    """Strings one of which every match of the case-sensitive pattern `source` contains, derived from the pattern
    by the standard library's parser (the cues are written in its syntax); None when the parser does not read it
    or nothing is required. Why: most cues cannot match most sentences, and `lit in text` is far cheaper than a
    regex scan, so a cue runs only where one of its literals stands."""
    if "\\\\" in source:
        return None  # (an escaped backslash: the property escapes below are not looked for around one)
    # `regex`'s property classes ("\p{Lu}") are one character of a class to the literals, as "\w" is
    source = _PROPERTY.sub(r"\\w", source)
    try:
        parsed = sre_parser.parse(source)
    except (re.error, RecursionError):
        return None
    if parsed.state.flags & (sre_constants.SRE_FLAG_IGNORECASE | sre_constants.SRE_FLAG_VERBOSE):
        return None
    found = _required(parsed)
    # ("{e<=1}" is fuzzy matching to `regex`, a literal to the standard library's parser)
    if found is None or any("{" in lit or "}" in lit for lit in found):
        return None
    return found


# Letters whose case-blind match is one of the text's letters lower-cased, whatever the letter of the text (checked
# against every code point for `re` and `regex`): the others ("i" matches "İ" and "ı", "s" matches "ſ") are
# handled by _caseless_text, and a literal with any other character is not used case-blind.
_CASELESS_SAFE = frozenset(
    "abcdefghijklmnopqrstuvwxyzšđčćžABCDEFGHIJKLMNOPQRSTUVWXYZŠĐČĆŽ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`|~"
)
_GATES: dict[tuple[str, int], tuple[frozenset[str], bool] | None] = {}


def _caseless_text(text: str) -> str:
    """The text lower-cased so that a case-blind match of a literal of _CASELESS_SAFE characters is a substring
    of it: "ı" and "ſ" as "i" and "s", and "İ" (lower-cased "i" and a combining dot) as "i"."""
    low = text.lower()
    if low.isascii():
        return low
    return low.replace("ı", "i").replace("ſ", "s").replace("\u0307", "")


def _gate(pattern: re.Pattern[str] | regex.Pattern[str]) -> tuple[frozenset[str], bool] | None:
    """(literals one of which a match contains, whether they are to be looked for case-blind), or None."""
    key = (pattern.pattern, int(pattern.flags))
    if key in _GATES:
        return _GATES[key]
    flags = int(pattern.flags)
    caseless = bool(flags & int(regex.IGNORECASE))
    source = pattern.pattern
    gate: tuple[frozenset[str], bool] | None = None
    if isinstance(source, str) and not flags & int(regex.VERBOSE) and not flags & int(regex.FULLCASE):
        found = _caseless(source) if caseless else required_literals(source)
        if found is not None:
            gate = (frozenset(lit.lower() for lit in found) if caseless else found, caseless)
    _GATES[key] = gate
    return gate


def _caseless(source: str) -> frozenset[str] | None:
    """The literals of a case-blind pattern, when every one of their characters is in _CASELESS_SAFE."""
    found = required_literals(source)
    if found is None or not all(set(lit) <= _CASELESS_SAFE for lit in found):
        return None
    return found


_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d*,?\d*\})[?+]?")
_FLAGS_ONLY = re.compile(r"\(\?[a-zA-Z]+\)")


def _items(source: str) -> list[tuple[int, int, bool, bool, bool]] | None:
    """The top-level items of a pattern's source: (start, end, is a group with an alternation inside, may match
    nothing, is a group or quantified), each an atom (a group, a class, an escape, a character) with its quantifier;
    None where the source has an alternation at the top level or a construct a suffix cannot be cut from (a
    back-reference, a condition, a nested set)."""
    if "(?P=" in source or "(?(" in source or "\\g<" in source or re.search(r"\\[1-9]", source):
        return None
    out: list[tuple[int, int, bool, bool, bool]] = []
    i, n = 0, len(source)
    while i < n:
        start, ch = i, source[i]
        alternation = False
        if ch == "|":
            return None
        if ch == "\\":
            i += 2
            if source[i - 1 : i] in ("p", "P", "N") and source[i : i + 1] == "{":
                i = source.find("}", i) + 1
                if i == 0:
                    return None
        elif ch == "[":
            i = _class_end(source, i)
            if i < 0:
                return None
        elif ch == "(":
            depth = 0
            while i < n:
                c = source[i]
                if c == "\\":
                    i += 2
                    continue
                if c == "[":
                    i = _class_end(source, i)
                    if i < 0:
                        return None
                    continue
                if c == "|" and depth == 1:
                    alternation = True
                depth += c == "("
                depth -= c == ")"
                i += 1
                if depth == 0:
                    break
            if depth:
                return None
        else:
            i += 1
        q = _QUANTIFIER.match(source, i)
        optional = False
        if q is not None:
            optional = q.group()[0] in "*?" or q.group().startswith(("{0", "{,"))
            i = q.end()
        out.append((start, i, alternation, optional, ch == "(" or q is not None))
    return out


def _class_end(source: str, i: int) -> int:
    """The end of the character class opening at source[i] ("["), or -1 for a nested set or a POSIX class."""
    i += 1
    if source[i : i + 1] == "^":
        i += 1
    if source[i : i + 1] == "]":
        i += 1
    while i < len(source) and source[i] != "]":
        if source[i] == "[":
            return -1
        i += 2 if source[i] == "\\" else 1
    return i + 1 if i < len(source) else -1


def _tail(pattern: re.Pattern[str] | regex.Pattern[str]) -> regex.Pattern[str] | re.Pattern[str] | None:
    """A suffix of the pattern at its top level, compiled alone with the same flags, that every match of the pattern
    holds a match of: from the first plain character after a group or a quantified item (a scan for the suffix then
    jumps from one such character to the next), else after the first group with an alternation in it (a long one
    tried at every position is what makes a scan slow). None when there is none, or it requires no literal."""
    source = pattern.pattern
    if not isinstance(source, str):
        return None
    items = _items(source)
    if not items:
        return None
    head = ""
    while items and _FLAGS_ONLY.fullmatch(source, items[0][0], items[0][1]):
        head += source[items[0][0] : items[0][1]]  # (global inline flags go with the suffix)
        items = items[1:]
    if any(_FLAGS_ONLY.fullmatch(source, item[0], item[1]) for item in items):
        return None
    costly = [k for k, item in enumerate(items) if item[4]]
    if not costly:
        return None  # (a run of plain characters: the literals said all)
    cut = next(
        (
            k
            for k, (a, b, _alt, optional, _costly) in enumerate(items)
            if k > costly[0] and b - a == 1 and not optional and source[a] not in "^$."
        ),
        None,
    )
    if cut is None:
        cut = next((k + 1 for k, item in enumerate(items[:-1]) if item[2]), None)
    if cut is None:
        return None
    tail = head + source[items[cut][0] :]
    caseless = bool(int(pattern.flags) & int(regex.IGNORECASE))
    if (_caseless(tail) if caseless else required_literals(tail)) is None:
        return None
    try:
        if isinstance(pattern, regex.Pattern):
            return regex.compile(tail, pattern.flags)
        return re.compile(tail, pattern.flags)
    except (re.error, regex.error):
        return None


_TAILS: dict[tuple[str, int], regex.Pattern[str] | re.Pattern[str] | None] = {}


def may_match(pattern: re.Pattern[str] | regex.Pattern[str], text: str) -> bool:
    """False only when `pattern` cannot match anywhere in `text`: none of the literals it requires stands in it.
    Why: most whole-text scans of the loaders find nothing in most texts, and looking for a few literals is far
    cheaper than the regex scan."""
    gate = _gate(pattern)
    if gate is None:
        return True
    literals, caseless = gate
    looked_in = _caseless_text(text) if caseless else text
    if not any(lit in looked_in for lit in literals):
        return False
    # and where the literals stand, a match of the pattern's tail alone (a cheaper scan, when the pattern opens with
    # what is costly to try at every position)
    key = (pattern.pattern, int(pattern.flags))
    if key not in _TAILS:
        _TAILS[key] = _tail(pattern)
    tail = _TAILS[key]
    return tail is None or tail.search(text) is not None
