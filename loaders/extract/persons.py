"""A person's affiliation: the organisation after "ispred", "iz", "u ime" or "predstavnik" that follows the
person's name.
"""

from __future__ import annotations

from rikg.loaders import rx
from rikg.loaders.extract.base import ACTOR_KINDS, Context, _relate
from rikg.loaders.facts import (
    Mention,
    Span,
)
from rikg.loaders.segment import Sentence


def _persons(ctx: Context, sent: Sentence, inside: list[Mention]) -> None:
    w = ctx.working
    for m in inside:
        if m.kind != "person":
            continue
        after = w[m.end : min(sent.end, m.end + 80)]
        cue = rx.search(r"\b(?:ispred|iz|predstavni\p{L}*|u ime)\s+$|\b(?:ispred|iz|u ime)\b", after)
        if not cue:
            continue
        orgs = [
            o for o in inside if o.kind in ACTOR_KINDS and o.start >= m.end + cue.end() - 1 and o.start < m.end + 90
        ]
        if orgs:
            _relate(
                ctx,
                ctx.key(m),
                "affiliation",
                ctx.key(orgs[0]),
                Span(m.start, orgs[0].end, "person.affiliation(" + cue.group().strip() + ")"),
            )
