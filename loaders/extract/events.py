"""Events from event nouns and ceremonies (data/patterns/event_kinds.csv) with a date in the sentence (dates,
datelines, "juče", weekdays) or a word saying something was held; the place after "u", the organiser after
"u organizaciji". A signing is an agreement, and an event only where the text describes a ceremony.
"""

from __future__ import annotations

from rikg.loaders import patterns
from rikg.loaders.dates import complete_partial
from rikg.loaders.extract.base import _ORGANISED_BY, _SIGNING, Context, ProgramRef
from rikg.loaders.extract.locations import _place_after_u
from rikg.loaders.extract.references import _current
from rikg.loaders.facts import (
    Agreement,
    Event,
    Mention,
    Span,
)
from rikg.loaders.segment import Sentence


def _events(
    ctx: Context,
    sent: Sentence,
    refs: list[ProgramRef],
    actors: list[Mention],
    places: list[Mention],
    agreements: list[Agreement],
) -> None:
    w = ctx.working
    low = w[sent.start : sent.end].lower()
    # A signing is an agreement; it is also an event only where the text describes a ceremony.
    for ag in agreements:
        if (
            ag.date
            and _SIGNING.search(w, sent.start, sent.end)
            and patterns.context_cue("ceremony").search(w, sent.start, sent.end)
        ):
            ctx.doc.events.append(Event("Signing", ag.evidence, ag.date, ag.place, ag.about, [], list(ag.parties)))
    if patterns.any_event_kind().search(low) is None:
        return  # most sentences name no event: one scan instead of one a kind
    held = patterns.context_cue("held").search(low)
    # Days as written or completed with the dateline's year ("19. decembra"); a month only where the text
    # says something was held then ("u junu je održana tribina").
    published = ctx.doc.publication_date
    completed = [(d, complete_partial(d.value, published)) for d in ctx.dates if sent.start <= d.start < sent.end]
    day_dates = [d for d, v in completed if v and len(v) == 10]
    day_values = {id(d): v for d, v in completed}
    if not day_dates and held:
        day_dates = [d for d, v in completed if v and len(v) == 7 and d.rule in ("date.month", "date.month-year")]
    lead_date = None
    if not day_dates and published and len(published) == 10:
        # "PANČEVO, 19. april 2017. (TV Pančevo) – U Gradskoj upravi obeležen je dan Roma okruglim stolom": the
        # sentence that goes on from the dateline's line reports that day's news
        line_start = w.rfind("\n", 0, sent.start) + 1
        if any(
            line_start <= d.start < sent.start and complete_partial(d.value, published) == published for d in ctx.dates
        ):
            lead_date = published
    for cue in patterns.event_kinds():
        if cue.value == "Signing":
            continue
        m = cue.pattern.search(low)
        if not m:
            continue
        if not (held or day_dates or lead_date):
            break
        start = sent.start + m.start()
        if any(n.start <= start < n.end for n in ctx.mentions if n.kind in ("program", "org")):
            continue
        date = day_values[id(day_dates[0])] if day_dates else lead_date
        place = _place_after_u(ctx, places, sent.start, sent.end)
        program = _current(ctx, refs, start)
        organisers = []
        org = _ORGANISED_BY.search(w, sent.start, sent.end)
        if org:
            organisers = [ctx.key(a) for a in actors if a.start >= org.end()][:1]
        same = next((e for e in ctx.doc.events if date and e.kind == cue.value and e.date == date), None)
        if same is not None:
            # the headline's "Uručenje ugovora", then "uručio je ugovore" and "uručeni su": one event told again
            same.place = same.place or place
            same.program = same.program or program
            same.organizers = same.organizers or organisers
            break
        ctx.doc.events.append(
            Event(cue.value, Span(start, sent.start + m.end(), f"event.{cue.value}"), date, place, program, organisers)
        )
        break
