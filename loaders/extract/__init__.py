"""Stage 5: facts from the recognised names, sentence by sentence.

Relations come from cue phrases of data/patterns/ (role_cues, agreement_kinds, event_kinds,
indicators); which program a fact belongs to is the nearest program named or referred to
("ovog projekta", "Program") in the sentence, else the program the text last spoke about.

One module a kind of fact: references.py (the program in focus, partOf, phases, program dates), roles.py,
agreements.py, events.py, outcomes.py, locations.py, persons.py; base.py holds the shared `Context`.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from rikg.loaders import patterns, rx
from rikg.loaders.dates import find_dates, publication_date, relative_date_spans
from rikg.loaders.extract.agreements import (
    _agreements,
    _cosigners_are_partners,
    _drop_bare_agreements,
    _drop_cosigners_with_a_role,
    _merge_repeated_agreements,
)
from rikg.loaders.extract.base import ACTOR_KINDS, Context, ProgramRef
from rikg.loaders.extract.events import _events
from rikg.loaders.extract.locations import _locations, _main_place, _propagate_locations
from rikg.loaders.extract.outcomes import _merge_repeated_outcomes, _outcomes
from rikg.loaders.extract.persons import _persons
from rikg.loaders.extract.references import (
    _drop_idle_descriptions,
    _part_of,
    _phases,
    _program_dates,
    _program_refs,
    _remember,
)
from rikg.loaders.extract.roles import (
    _owners,
    _roles,
    card_roles,
    frame_subjects,
    grant_recipients,
    listed_programs,
    own_budgets,
)
from rikg.loaders.facts import DocumentFacts, Mention
from rikg.loaders.numbers import find_quantities
from rikg.loaders.segment import Sentence
from rikg.loaders.tokens import Token

__all__ = ["ACTOR_KINDS", "Context", "ProgramRef", "extract"]

_URL = regex.compile(r"(?:https?://|www\.)\S+", regex.I)


def _short_lines(working: str) -> list[tuple[int, int]]:
    """The lines short enough to be a page's chrome (1 to 80 characters), as (start, end): what
    regex.finditer(r"^[^\n]{1,80}$", working, regex.M) finds, without the engine trying every position."""
    out = []
    start = 0
    for line in working.split("\n"):
        if 0 < len(line) <= 80:
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def extract(
    doc: DocumentFacts,
    working: str,
    tokens: list[Token],
    sentences: list[Sentence],
    mentions: list[Mention],
    keys: dict[int, str],
    metadata_date: str | None = None,
) -> DocumentFacts:
    blocked = [(m.start, m.end) for m in mentions if m.kind in ("program", "org")]
    # a program named by what it does counts in its own words ("projekat izgradnje 16 kuća"): its numbers are
    # outcomes, though no number inside a title is
    counted = [
        (m.start, m.end)
        for m in mentions
        if m.kind == "org" or (m.kind == "program" and m.info.get("descriptive") != "yes")
    ]
    published = publication_date(working) or metadata_date
    doc.publication_date = published
    dates = find_dates(working, blocked) + relative_date_spans(working, published)
    dates.sort(key=lambda d: d.start)
    # (the numbers on a page's short chrome lines count nothing of a program: "Visits 281473")
    chrome = [(s, e) for s, e in _short_lines(working) if patterns.page_chrome().search(working[s:e].lower())]
    # (nor do the numbers of a web address: "...%20%-%Rasprava.pdf")
    urls = [(m.start(), m.end()) for m in _URL.finditer(working)] if rx.may_match(_URL, working) else []
    excluded = [(d.start, d.end) for d in dates] + counted + chrome + urls
    quantities = [
        q for q in find_quantities(working, tokens) if not any(s <= q.start < e or s < q.end <= e for s, e in excluded)
    ]
    ctx = Context(doc, working, tokens, mentions, keys, dates, quantities, token_starts=[t.start for t in tokens])
    starts = [m.start for m in mentions]
    if all(a <= b for a, b in zip(starts, starts[1:], strict=False)):
        ctx.mention_starts = starts  # (sorted: a sentence's mentions are found by bisection, not by a scan)
    for m in mentions:
        if m.kind == "program":
            ctx.program_class.setdefault(ctx.key(m), m.subtype or "Program")
    for sent in sentences:
        _sentence(ctx, sent, published)
    card_roles(ctx)
    listed_programs(ctx)
    _phases(ctx)
    _merge_repeated_agreements(ctx)
    _drop_bare_agreements(ctx)
    _drop_cosigners_with_a_role(ctx)
    _merge_repeated_outcomes(ctx)
    _drop_idle_descriptions(ctx)
    _propagate_locations(ctx)
    _main_place(ctx)
    return doc


# -- per sentence -----------------------------------------------------------------------------
def _sentence(ctx: Context, sent: Sentence, published: str | None) -> None:
    if ctx.mention_starts or not ctx.mentions:
        lo, hi = bisect_left(ctx.mention_starts, sent.start), bisect_left(ctx.mention_starts, sent.end)
        inside = [m for m in ctx.mentions[lo:hi] if m.end <= sent.end]
    else:
        inside = [m for m in ctx.mentions if sent.start <= m.start and m.end <= sent.end]
    refs = _program_refs(ctx, sent, inside)
    # An organisation inside a program's name ("Podrška Evropske unije ...") is not acting in the sentence.
    names = [m for m in inside if m.kind == "program"]
    actors = [m for m in inside if m.kind in ACTOR_KINDS and not any(n.start <= m.start < n.end for n in names)]
    places = [m for m in inside if m.kind in ("place", "lsg")]
    _part_of(ctx, sent, refs)
    _owners(ctx, inside)
    assigned = _roles(ctx, sent, refs, actors, inside)
    grant_recipients(ctx, sent, refs, actors, assigned)
    own_budgets(ctx, sent, refs, assigned)
    frame_subjects(ctx, sent, refs, actors, assigned)
    agreements = _agreements(ctx, sent, refs, actors, places, published)
    if agreements:
        _cosigners_are_partners(ctx, agreements, assigned)
    _events(ctx, sent, refs, actors, places, agreements)
    _program_dates(ctx, sent, refs)
    _outcomes(ctx, sent, refs, places)
    _locations(ctx, sent, refs, places, inside)
    _persons(ctx, sent, inside)
    _remember(ctx, refs)
