"""What every fact rule shares: the document's `Context` (the working copy, its tokens, the mentions and their
entity keys, the dates and numbers found in it, the programs spoken about so far), a `ProgramRef` (a program
named or referred to in a sentence), the actor kinds, cues more than one kind of fact reads, and `_relate`,
which adds a relation once with the span and rule that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from rikg.loaders.facts import (
    DateValue,
    DocumentFacts,
    Mention,
    Relation,
    Span,
)
from rikg.loaders.numbers import Quantity
from rikg.loaders.patterns import CueHits
from rikg.loaders.recognise import mostly_capitals
from rikg.loaders.segment import Sentence
from rikg.loaders.tokens import Token

ACTOR_KINDS = ("org", "lsg")
_ORGANISED_BY = regex.compile(r"\bu organizaciji\b", regex.I)
_SIGNING = regex.compile(r"\bpotpis\w*", regex.I)


@dataclass
class ProgramRef:
    key: str
    start: int
    end: int
    named: bool
    cls: str


@dataclass
class Context:
    doc: DocumentFacts
    working: str
    tokens: list[Token]
    mentions: list[Mention]
    keys: dict[int, str]  # id(mention) -> entity key
    dates: list[DateValue]
    quantities: list[Quantity]
    program_class: dict[str, str] = field(default_factory=dict)
    history: list[ProgramRef] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)
    card_program: str | None = None  # the program of a project card, "" when the text is no card (outcomes.py)
    cue_text: str = ""  # the lower-case working text with cue typos corrected (extract/roles.py), made once
    mention_starts: list[int] = field(default_factory=list)  # of `mentions`, when they are sorted by start
    # leads of lists of programs ("X je sproveo niz projekata:"): (end, role, actor keys, span, count, the program the
    # cue goes to when no list follows) (roles.py)
    list_leads: list[tuple[int, str, list[str], Span, int | None, str | None]] = field(default_factory=list)
    card_labels: list[regex.Match[str]] | None = None  # the card labels' lines (patterns.card_label_matches), once
    role_cue_hits: CueHits | None = None  # where the role cues' literals stand in `cue_text` (roles.py), found once
    # where the event kinds' literals stand in the lower-case working text (events.py), found once; None where
    # lower-casing changes the text's length (a sentence's lower case is then no slice of the text's)
    event_hits: CueHits | None = None

    def key(self, m: Mention) -> str:
        return self.keys[id(m)]


def _relate(ctx: Context, s: str, p: str, o: str, span: Span) -> None:
    for rel in ctx.doc.relations:
        if rel.subject == s and rel.predicate == p and rel.object == o:
            return
    ctx.doc.relations.append(Relation(s, p, o, span))


def _heading(w: str, sent: Sentence) -> bool:
    return mostly_capitals(w[sent.start : sent.end])
