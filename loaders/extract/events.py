"""Events from event nouns and ceremonies (data/patterns/event_kinds.csv) with a date in the sentence (dates,
datelines, "juče", weekdays) or a word saying something was held; the place after "u", the organiser after
"u organizaciji". A signing is an agreement, and an event only where the text describes a ceremony.
"""

from __future__ import annotations

from rikg.loaders import patterns, rx
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
from rikg.loaders.normalise import fold
from rikg.loaders.segment import Sentence

# what may stand around a dateline on its own line: spaces, a time, the breaks down to the first sentence
# a clause of its own begins: ", a", "; "
_CLAUSE_BREAK = rx.compiled(r",\s*a\s|;\s")
_DATE_LINE_REST = rx.compiled(r"[\s|,–-]*(?:\d{1,2}[:.]\d\d(?:h)?)?\s*")


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
    if ctx.event_hits is None:
        low_all = w.lower()
        ctx.event_hits = patterns.CueHits("event", low_all if len(low_all) == len(w) else None)
    # the event kinds one of whose literals stands in the sentence (the others cannot match it)
    kinds = ctx.event_hits.within(sent.start, sent.end)
    if kinds == [] or patterns.any_event_kind().search(low) is None:
        return  # most sentences name no event: one scan instead of one a kind
    held = patterns.context_cue("held").search(low)
    # Days as written or completed with the dateline's year ("19. decembra"); a month only where the text
    # says something was held then ("u junu je održana tribina").
    published = ctx.doc.publication_date
    completed = [(d, complete_partial(d.value, published)) for d in ctx.dates if sent.start <= d.start < sent.end]
    day_dates = [d for d, v in completed if v and len(v) == 10]
    day_values = {id(d): v for d, v in completed}
    # "03. april 2018. DRUŠTVO – Savez ... priređuje u nedelju, 8. aprila, ... proslavu": the dateline that opens the
    # sentence's line dates the news; a day the sentence names dates the event
    named = [
        d
        for d in day_dates
        if not (day_values[id(d)] == published and not w[w.rfind("\n", 0, d.start) + 1 : d.start].strip())
    ]
    day_dates = named or day_dates
    # "Dnevnik 26.10.2018 | ... održan je juče", "Beograd, 29. januara 2009. – Sastanak je održan 20. januara": the
    # publication's own day beside another day names when the news appeared, the other when the event was
    other = [d for d in day_dates if day_values[id(d)] != published]
    if other and len(other) < len(day_dates) and other[0].start > day_dates[0].start:
        day_dates = other
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
        # (the dateline on a line of its own, "11032015", "12.03.2015. 10:45", then the first sentence: the same)
        elif any(
            d.end <= sent.start
            and complete_partial(d.value, published) == published
            and _DATE_LINE_REST.fullmatch(w, w.rfind("\n", 0, d.start) + 1, d.start)
            and _DATE_LINE_REST.fullmatch(w, d.end, sent.start)
            for d in ctx.dates
        ):
            lead_date = published
    every = patterns.event_kinds()
    for cue in every if kinds is None else [every[i] for i in kinds]:
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
        starts = _each_of_counted(w, sent, m.start(), day_dates)
        if starts:
            # "dve dvodnevne radionice, u Šapcu 19.02. – 20.02.2015. i Sarajevu 05.03.-06.03.2015.": one event a day
            # the count announces, each in the place named before its day
            previous_end = sent.start
            for d in starts:
                here = [p for p in places if previous_end <= p.start and p.end <= d.start]
                day_place = _place_after_u(ctx, here[-1:], here[-1].start, here[-1].end) if here else None
                day_place = day_place or (here and _place_key(ctx, here[-1])) or place
                # (each its own evidence, the noun for the first, the place and day for the others: an event's IRI
                # is minted from where its evidence starts)
                first = previous_end == sent.start
                at = start if first else (here[-1].start if here else d.start)
                span = Span(at, sent.start + m.end() if first else d.end, f"event.{cue.value}.each-of-counted")
                ctx.doc.events.append(Event(cue.value, span, day_values[id(d)], day_place, program, organisers))
                previous_end = d.end
            break
        ctx.doc.events.append(
            Event(cue.value, Span(start, sent.start + m.end(), f"event.{cue.value}"), date, place, program, organisers)
        )
        _later_clauses(ctx, sent, refs, day_dates, day_values, date)
        break


def _later_clauses(
    ctx: Context, sent: Sentence, refs: list[ProgramRef], day_dates: list, day_values: dict, first_date: str | None
) -> None:
    """ "Sastanak je održan 26. maja, a drugi skup organizovan je 6. juna": a clause of its own (after ", a" or ";")
    with its own event noun and its own day is another event."""
    w = ctx.working
    for brk in _CLAUSE_BREAK.finditer(w, sent.start, sent.end):
        nxt = _CLAUSE_BREAK.search(w, brk.end(), sent.end)
        cs, ce = brk.end(), nxt.start() if nxt else sent.end
        days = [d for d in day_dates if cs <= d.start < ce and day_values[id(d)] != first_date]
        if not days:
            continue
        low = w[cs:ce].lower()
        for cue in patterns.event_kinds():
            m = cue.pattern.search(low) if cue.value != "Signing" else None
            names = (n for n in ctx.mentions if n.kind in ("program", "org"))
            if m is None or any(n.start <= cs + m.start() < n.end for n in names):
                continue
            date = day_values[id(days[0])]
            if not any(e.kind == cue.value and e.date == date for e in ctx.doc.events):
                span = Span(cs + m.start(), cs + m.end(), f"event.{cue.value}.later-clause")
                ctx.doc.events.append(Event(cue.value, span, date, None, _current(ctx, refs, cs + m.start()), []))
            break


def _place_key(ctx: Context, p: Mention) -> str | None:
    return ctx.key(p) if p.kind == "place" else (p.key and f"place:{p.key.split(':', 1)[1]}")


def _each_of_counted(w: str, sent: Sentence, cue_at: int, day_dates: list) -> list:
    """The first days of the events a count word before the event noun announces ("dve radionice ... 19.02. i
    05.03."), where the sentence gives exactly as many first days; else none."""
    before = w[max(sent.start, sent.start + cue_at - 40) : sent.start + cue_at]
    count = rx.search(r"\b(\p{L}+)\s+(?:\p{L}+\s+)?$", before)
    n = patterns.small_counts().get(fold(count.group(1))) if count else None
    if n is None:
        return []
    ranges = [d for d in day_dates if d.rule == "date.range-start"]
    starts = ranges or day_dates
    return starts if len(starts) == n else []
