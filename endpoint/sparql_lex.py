"""A small SPARQL tokenizer: enough to see what a request does before any store or network touches it.

pyoxigraph exposes no algebra, so the server learns a query's form (SELECT/ASK/...), its dataset
clauses (FROM, USING, WITH), its SERVICE targets and LOAD operations from the tokens. The token rules
follow the SPARQL 1.1 grammar for the parts that can hide text (IRIREF with UCHAR escapes, the four
string forms, comments), so a SERVICE keyword cannot hide from this scan yet be seen by the parser.
Anything the tokenizer cannot classify becomes a one-character token, which only makes the scan more
suspicious, never less.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
             | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
             | '(?:[^'\\\r\n]|\\.)*'
             | "(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+)
  | (?P<pname>(?:[^\W\d_][\w.\-\u00B7]*)?:(?:[\w\-:%\u00B7]|\\[_~.\-!$&'()*+,;=/?\#@%]|\.(?=[\w\-:%]))*)
  | (?P<word>[^\W\d][\w\-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LOCAL_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Token:
    kind: str  # iri, var, pname, word, string, other
    text: str
    start: int
    end: int

    @property
    def keyword(self) -> str:
        """Upper-cased text for words (SPARQL keywords are case-insensitive), '' otherwise."""
        return self.text.upper() if self.kind == "word" else ""


def tokenize(text: str) -> list[Token]:
    """The significant tokens of a query or update (whitespace and comments dropped)."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        tokens.append(Token(kind, m.group(), m.start(), m.end()))
    return tokens


def _iri_value(token_text: str) -> str:
    inner = token_text[1:-1]
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), inner)


@dataclass
class Analysis:
    """What the tokens say about a request."""

    form: str | None = None  # SELECT, ASK, CONSTRUCT, DESCRIBE (queries only)
    has_dataset: bool = False  # FROM / FROM NAMED
    has_using_or_with: bool = False  # USING / USING NAMED / WITH (updates)
    base: str | None = None
    services: list[str | None] = field(default_factory=list)  # None: a target we cannot resolve
    loads: list[str | None] = field(default_factory=list)  # LOAD sources (updates)


def _resolve(tok: Token, prefixes: dict[str, str]) -> str | None:
    """The absolute IRI a token names, or None if it is a variable, relative or has an unknown prefix."""
    if tok.kind == "iri":
        value = _iri_value(tok.text)
    elif tok.kind == "pname":
        prefix, _, local = tok.text.partition(":")
        if prefix not in prefixes:
            return None
        value = prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)
    else:
        return None
    # Only absolute IRIs are judged; resolving relative ones here could disagree with the engine.
    return value if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", value) else None


def analyse(text: str, prefixes: dict[str, str] | None = None) -> Analysis:
    """Scan a query or update: form, dataset clauses, SERVICE and LOAD targets."""
    known = dict(prefixes or {})
    toks = tokenize(text)
    out = Analysis()
    depth = 0
    for i, tok in enumerate(toks):
        if tok.kind == "other":
            if tok.text == "{":
                depth += 1
            elif tok.text == "}":
                depth -= 1
            continue
        kw = tok.keyword
        if not kw:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if kw == "PREFIX" and nxt is not None and nxt.kind == "pname" and i + 2 < len(toks):
            target = toks[i + 2]
            if target.kind == "iri":
                known[nxt.text[:-1]] = _iri_value(target.text)
        elif kw == "BASE" and nxt is not None and nxt.kind == "iri":
            out.base = _iri_value(nxt.text)
        elif kw in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and depth == 0 and out.form is None:
            out.form = kw
        elif kw == "FROM" and depth == 0:
            out.has_dataset = True
        elif kw in ("USING", "WITH") and depth == 0:
            out.has_using_or_with = True
        elif kw == "SERVICE":
            j = i + 1
            if j < len(toks) and toks[j].keyword == "SILENT":
                j += 1
            out.services.append(_resolve(toks[j], known) if j < len(toks) else None)
        elif kw == "LOAD":
            j = i + 1
            if j < len(toks) and toks[j].keyword == "SILENT":
                j += 1
            out.loads.append(_resolve(toks[j], known) if j < len(toks) else None)
    return out


def add_using(update: str, default_graphs: list[str], named_graphs: list[str]) -> str:
    """Apply the protocol's using-graph-uri / using-named-graph-uri to every DELETE/INSERT ... WHERE.

    pyoxigraph's update API takes no dataset, so the clauses are written into the text, before each
    top-level WHERE of a Modify operation (the grammar puts USING right before WHERE). The shorthand
    `DELETE WHERE` takes no USING and is left as it is.
    """
    clauses = "".join(f" USING <{g}>" for g in default_graphs)
    clauses += "".join(f" USING NAMED <{g}>" for g in named_graphs)
    if not clauses:
        return update
    toks = tokenize(update)
    inserts: list[int] = []
    depth = 0
    prev: Token | None = None
    for tok in toks:
        if tok.kind == "other" and tok.text in "{}":
            depth += 1 if tok.text == "{" else -1
        elif tok.keyword == "WHERE" and depth == 0 and not (prev is not None and prev.keyword == "DELETE"):
            inserts.append(tok.start)
        prev = tok
    for pos in reversed(inserts):
        update = update[:pos] + clauses.strip() + " " + update[pos:]
    return update
