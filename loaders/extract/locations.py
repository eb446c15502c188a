"""Where a program happens: a place in its name, after "u", "na teritoriji", "širom", or in a list of places;
the place after "u" or "na" for an agreement or event. After all sentences a program's places are also
places of the program it is part of, a role-holding local government's territory is a place of the
program, and a program still without a place takes the place the text speaks of most.
"""

from __future__ import annotations

from rikg.loaders import gazetteer, rx
from rikg.loaders.extract.base import Context, ProgramRef, _relate
from rikg.loaders.extract.references import _current
from rikg.loaders.facts import (
    Mention,
    Relation,
    Span,
)
from rikg.loaders.recognise import leading
from rikg.loaders.segment import Sentence

_COUNTRY = "place:srbija"  # the country a national body works in

_LISTED_LSG = "#listed-local-government"


def _place_after_u(ctx: Context, places: list[Mention], s: int, e: int) -> str | None:
    for p in places:
        if s <= p.start < e and rx.search(r"\b(?:u|na)\s+$", ctx.working[max(0, p.start - 4) : p.start]):
            return ctx.key(p) if p.kind == "place" else (p.key and f"place:{p.key.split(':', 1)[1]}")
    return None


def _locations(
    ctx: Context, sent: Sentence, refs: list[ProgramRef], places: list[Mention], inside: list[Mention]
) -> None:
    w = ctx.working
    if not places:
        return
    program_spans = [(m.start, m.end, ctx.key(m)) for m in inside if m.kind == "program"]
    # (a town named through its official, "gradonačelnik Leskovca", still counts as a listed place)
    # (and one a list of local governments names: "lokalne samouprave, a to su Bela Crkva, Kovin, ...")
    listed = len([p for p in places if p.kind == "place" or p.rule.endswith(("#official", _LISTED_LSG))]) >= 3
    for p in places:
        place_key = ctx.key(p) if p.kind == "place" else (f"place:{p.key.split(':', 1)[1]}" if p.key else None)
        if place_key is None:
            continue
        in_name = next((k for s, e, k in program_spans if s <= p.start < e), None)
        if in_name:
            _relate(ctx, in_name, "location", place_key, Span(p.start, p.end, "location.in-program-name"))
            continue
        near = rx.search(
            r"\b(?:u|(?:na|sa|s)\s+(?:teritorij|područj)\p{L}*|širom|iz)\s+(?:\p{L}+\s+){0,2}$",
            w[max(sent.start, p.start - 30) : p.start],
        )
        if not (listed or near):
            continue
        program = _current(ctx, refs, p.start)
        if program is None or not refs and not listed:
            continue
        _relate(
            ctx,
            program,
            "location",
            place_key,
            Span(p.start, p.end, "location.place-list" if listed else "location.u-place"),
        )


def _propagate_locations(ctx: Context) -> None:
    """A program's places are places of the program it is part of; a role-holding local government's
    territory is a place of the program."""
    rels = ctx.doc.relations
    for r in list(rels):
        if r.predicate in ("Implementer", "Partner", "Funder") and r.object.startswith("lsg:"):
            _relate(
                ctx,
                r.subject,
                "location",
                "place:" + r.object.split(":", 1)[1],
                Span(r.evidence.start, r.evidence.end, "location.role-of-local-government"),
            )
    for o in ctx.doc.outcomes:
        if o.program and o.place:
            _relate(
                ctx, o.program, "location", o.place, Span(o.evidence.start, o.evidence.end, "location.outcome-place")
            )
    changed = True
    while changed:
        changed = False
        parents = [(r.subject, r.object) for r in rels if r.predicate == "partOf"]
        for child, parent in parents:
            for loc in [r for r in rels if r.predicate == "location" and r.subject == child]:
                if not any(x.subject == parent and x.predicate == "location" and x.object == loc.object for x in rels):
                    rels.append(
                        Relation(
                            parent,
                            "location",
                            loc.object,
                            Span(loc.evidence.start, loc.evidence.end, "location.from-part"),
                        )
                    )
                    changed = True


def _main_place(ctx: Context) -> None:
    """A program the text gives no place still happens somewhere: a local news item or a municipal page reports
    what goes on in the town it speaks of most. When one place is named more often than any other, a program
    with no place of its own takes it (rule location.main-place, the evidence is the place's first mention)."""
    places = [m for m in ctx.mentions if m.kind in ("place", "lsg")]
    keyed = [(m, ctx.key(m) if m.kind == "place" else (m.key and f"place:{m.key.split(':', 1)[1]}")) for m in places]
    top = leading([k for _, k in keyed if k])
    if top is None and not places:
        _national_place(ctx)
        return
    if top is None:
        return  # two places spoken of equally
    first = next(m for m, k in keyed if k == top)
    located = {r.subject for r in ctx.doc.relations if r.predicate == "location"}
    for e in ctx.doc.entities.values():
        if e.kind != "program" or e.key in located:
            continue
        _relate(ctx, e.key, "location", top, Span(first.start, first.end, "location.main-place"))


def _national_place(ctx: Context) -> None:
    """A text that names no place at all and speaks of a ministry reports on the country's programs ("Ministarstvo
    prosvete je isplatilo stipendije ..."): its programs take Serbia, with the ministry's first mention as the
    evidence (rule location.national-body)."""
    ministry = next(
        (m for m in ctx.mentions if m.kind == "org" and ctx.doc.entities[ctx.key(m)].subtype == "ministry"), None
    )
    if ministry is None or _COUNTRY not in gazetteer.entries():
        return
    for e in list(ctx.doc.entities.values()):
        if e.kind == "program":
            _relate(ctx, e.key, "location", _COUNTRY, Span(ministry.start, ministry.end, "location.national-body"))
