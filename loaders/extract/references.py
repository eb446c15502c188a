"""Which program a fact belongs to, and what the text says of programs themselves.

The program in focus is the nearest program named or referred to ("ovog projekta", "Program") in the
sentence, else the program the text last spoke about; a reference resolves to the last compatible program
(data/patterns/program_heads.csv says which word refers to which class). Also here: a program as part of
another ("u okviru X", a genitive chain, "X - faza 2") and a program's start and end dates.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

import regex

from rikg.loaders import patterns, rx
from rikg.loaders.extract.base import Context, ProgramRef, _relate
from rikg.loaders.facts import (
    Mention,
    ProgramDate,
    Span,
)
from rikg.loaders.normalise import fold
from rikg.loaders.recognise.programs import _CARRYING_OUT
from rikg.loaders.segment import Sentence

_PARENT_CUE = regex.compile(
    r"\b(?:u okviru|u sklopu|deo|dio|delom|sastavni deo|uz podršku)\s+(?:je\s+)?(?:\p{L}+\s+){0,1}$", regex.I
)
_THIS_ACTIVITY = regex.compile(
    r"\b(?:ova|ovaj|ovo|ove|ovi|ta|taj|to)\s+(?:aktivnost|projekat|projekt|program|inicijativa|obuka|akcija)\s+"
    r"(?:je|su|čini)\s+$",
    regex.I,
)
_COPULA_GAP = regex.compile(r"\s*(?:(?:je|su|će biti|bio je|bila je|bilo je)\s*)?")
_FRAME_CUE = regex.compile(
    r"\b(?:u okviru|u sklopu|iz sredstava|iz|uz pomoć|uz podršku|(?:sastavni\s+)?deo)\s+(?:\p{L}+\s+){0,1}$", regex.I
)
_PROGRAM_DATE_CONTEXT = regex.compile(
    r"program|projek|inicijativ|sprovod|sprove|realizuj|realizova|realizacij|traj|započe|poče|pokrenut|predviđen|"
    r"aktivnost|implementir|odvija",
    regex.I,
)
# What a reference word can point to: "projekat" also names a phase or component of a project.
_COMPATIBLE = {
    "Program": {"Program"},
    "Project": {"Project", "Phase", "Component"},
    "Initiative": {"Initiative"},
    "Component": {"Component"},
    "Phase": {"Phase"},
    "Call": {"Call"},
}


def _program_refs(ctx: Context, sent: Sentence, inside: list[Mention]) -> list[ProgramRef]:
    """Programs named in the sentence, and references like "ovog projekta" resolved to earlier ones."""
    out = [ProgramRef(ctx.key(m), m.start, m.end, True, m.subtype or "Program") for m in inside if m.kind == "program"]
    taken = [(m.start, m.end) for m in inside]
    heads = _folded_heads()
    lo = bisect.bisect_left(ctx.token_starts, sent.start)
    hi = bisect.bisect_left(ctx.token_starts, sent.end)
    for t in ctx.tokens[lo:hi]:
        # A program word outside any name ("ovog projekta", "Program je ...") points back at a program;
        # its class comes from data/patterns/program_heads.csv.
        cls = heads.get(t.folded) if t.is_word else None
        if cls is None or any(s <= t.start < e for s, e in taken):
            continue
        target = _resolve_reference(ctx, cls, out, t.start)
        if target:
            out.append(ProgramRef(target, t.start, t.end, False, cls))
    out.sort(key=lambda r: r.start)
    return out


@lru_cache(maxsize=1)
def _folded_heads() -> dict[str, str]:
    return {fold(form): cls for form, cls in patterns.referring_program_heads().items() if " " not in form}


def _resolve_reference(ctx: Context, cls: str, earlier_here: list[ProgramRef], pos: int) -> str | None:
    candidates = [r for r in earlier_here if r.start < pos][::-1] + list(reversed(ctx.history))
    same = [r for r in candidates if ctx.program_class.get(r.key) in _COMPATIBLE[cls]]
    if cls == "Project" and rx.search(r"(?:^|\n)\s*$", ctx.working[max(0, pos - 5) : pos]):
        # A paragraph that opens with "Projekat ..." after one about a phase speaks of the whole project again.
        whole = [r for r in same if ctx.program_class.get(r.key) == "Project"]
        same = whole or same
    if same:
        return same[0].key
    # A heading that runs over two lines ("JAVNI POZIV / za dodelu subvencija ...") lies in no one sentence and
    # is in no sentence's history, but it is named before the reference.
    earlier = [
        m
        for m in ctx.mentions
        if m.kind == "program" and m.start < pos and (m.subtype or "Program") in _COMPATIBLE[cls]
    ]
    if earlier:
        return ctx.key(earlier[-1])
    if cls == "Program":
        # "program" in running text names the umbrella; a project is not referred to as "program".
        broad = [r for r in candidates if ctx.program_class.get(r.key) in ("Program", "Initiative")]
        if broad:
            return broad[0].key
    # "nosilac projekta" before the project is named: the first such program later in the text.
    later = [
        m
        for m in ctx.mentions
        if m.kind == "program" and m.start > pos and (m.subtype or "Program") in _COMPATIBLE[cls]
    ]
    if later:
        return ctx.key(later[0])
    return candidates[0].key if candidates else None


def _framed(ctx: Context, r: ProgramRef) -> bool:
    """ "Konkurs u okviru projekta X", "sredstva obezbeđena u okviru projekta": a program named as the frame
    of what the sentence speaks about is not its subject."""
    return _FRAME_CUE.search(ctx.working[max(0, r.start - 30) : r.start]) is not None


def _opening_frame(ctx: Context, r: ProgramRef) -> bool:
    """ "Takođe, u okviru programa sprovedene su i brojne obuke ...": a frame that opens its sentence turns the
    text to that program; only a frame inside the sentence leaves the program in focus."""
    w = ctx.working
    cue = _FRAME_CUE.search(w[max(0, r.start - 30) : r.start])
    if cue is None:
        return False
    cue_start = max(0, r.start - 30) + cue.start()
    boundary = max(w.rfind(c, 0, cue_start) for c in ".!?\n")
    return len(w[boundary + 1 : cue_start].strip()) <= 12


def _keeps_focus(ctx: Context, focus: str, refs: list[ProgramRef]) -> bool:
    return all(_framed(ctx, r) and not _opening_frame(ctx, r) and _within(ctx, focus, r.key) for r in refs)


def _nested(r: ProgramRef, refs: list[ProgramRef]) -> bool:
    """ "Druga faza projekta „X“": the project's name inside the phase's mention is part of that mention."""
    return any(o is not r and o.start <= r.start and r.end <= o.end and o.end - o.start > r.end - r.start for o in refs)


def _current(ctx: Context, refs: list[ProgramRef], pos: int) -> str | None:
    before = [r for r in refs if r.start <= pos and not _nested(r, refs)]
    if before:
        # "Konkurs u okviru projekta X raspisan je za 8 preduzetnika": the call, not its frame
        subjects = [r for r in before if not _framed(ctx, r)]
        return (subjects or before)[-1].key
    if refs:
        if ctx.history and _keeps_focus(ctx, ctx.history[-1].key, refs):
            # "Sredstva iznose 24.000 evra, a obezbeđena su u okviru projekta": the sentence goes on about the
            # program in focus; the project after the number is only its frame
            return ctx.history[-1].key
        return refs[0].key
    if ctx.history:
        return ctx.history[-1].key
    # A headline or lead that gives a number before the text names its program: the first program named later.
    later = next((m for m in ctx.mentions if m.kind == "program" and m.start > pos), None)
    return ctx.key(later) if later is not None else None


def _remember(ctx: Context, refs: list[ProgramRef]) -> None:
    """The programs a sentence spoke about, its subject last: a frame ("u okviru projekta X") and a name
    inside another's mention come before the program they frame or hold. A sentence that names programs
    only as frames keeps the program in focus ("..., a obezbeđena su u okviru projekta. Novac ... za 8 lica")."""
    if not refs:
        return
    focus = ctx.history[-1] if ctx.history else None
    ordered = sorted(refs, key=lambda r: (not (_framed(ctx, r) or _nested(r, refs)), r.start))
    ctx.history.extend(ordered)
    if focus is not None and _keeps_focus(ctx, focus.key, refs):
        ctx.history.append(focus)


def _within(ctx: Context, part: str, whole: str) -> bool:
    """Whether `part` is `whole` or (through partOf relations found so far) a part of it."""
    seen = {part}
    todo = [part]
    while todo:
        k = todo.pop()
        if k == whole:
            return True
        for rel in ctx.doc.relations:
            if rel.predicate == "partOf" and rel.subject == k and rel.object not in seen:
                seen.add(rel.object)
                todo.append(rel.object)
    return False


def _part_of(ctx: Context, sent: Sentence, refs: list[ProgramRef]) -> None:
    w = ctx.working
    for i, r in enumerate(refs):
        before = w[max(sent.start, r.start - 30) : r.start]
        cue = _PARENT_CUE.search(before)
        if cue:
            # "Y ... u okviru X" / "u okviru X, a u okviru Y": the other named program is the part.
            # "u okviru Komponente 3 Programa „X“": a program right after in the genitive is the whole, not a part
            others = [
                o
                for o in refs
                if o.key != r.key
                and o.named
                and not (o.start > r.start and rx.fullmatch(r"[\s\d]*", w[r.end : o.start]))
            ]
            later = [
                o
                for o in others
                if o.start > r.start and _PARENT_CUE.search(w[max(sent.start, o.start - 30) : o.start])
            ]
            child = later[0] if later else next((o for o in reversed(others) if o.start < r.start), None)
            if child is None:
                child = next((o for o in others if o.start > r.start), None)
            if child is None:
                # "Konkurs u okviru projekta „X“": the reference right before the cue names the part
                cue_start = r.start - len(before) + cue.start()
                # ("Projekat je deo programa „X“": a copula may stand between)
                child = next(
                    (o for o in refs if o.key != r.key and not o.named and _COPULA_GAP.fullmatch(w, o.end, cue_start)),
                    None,
                )
            cue_at = r.start - len(before) + cue.start()
            if child is None and ctx.history and _THIS_ACTIVITY.search(w, sent.start, cue_at):
                # "Ova aktivnost je sastavni deo projekta „X“": what the text speaks about is a part of X
                child = ctx.history[-1]
            if child is not None and child.key != r.key and not _within(ctx, r.key, child.key):
                s = min(child.start, r.start - len(before) + cue.start())
                e = max(child.end, r.end)
                _relate(ctx, child.key, "partOf", r.key, Span(s, e, "partOf.cue(" + cue.group().strip() + ")"))
            continue
        # "Javni poziv za ... sprovođenje Lokalnog akcionog plana za Rome": a program named by its purpose, which
        # is to carry out another named inside its name, is part of that other.
        outer = next((o for o in refs if o.key != r.key and o.start < r.start and r.end <= o.end), None)
        if outer is not None and _CARRYING_OUT.search(w, outer.start, r.start):
            _relate(ctx, outer.key, "partOf", r.key, Span(outer.start, outer.end, "partOf.carries-out"))
            continue
        # A program named right before another in the genitive: "poziva 757/1 programa Podrška ...".
        if i > 0 and refs[i - 1].named and r.named and 0 <= r.start - refs[i - 1].end <= 2:
            prev = refs[i - 1]
            if ctx.program_class.get(prev.key) in ("Call", "Component", "Phase", "Project") and prev.key != r.key:
                _relate(ctx, prev.key, "partOf", r.key, Span(prev.start, r.end, "partOf.genitive-chain"))


def _program_dates(ctx: Context, sent: Sentence, refs: list[ProgramRef]) -> None:
    w = ctx.working
    for d in ctx.dates:
        if not (sent.start <= d.start < sent.end) or d.role not in ("from", "to") or d.value.startswith("--"):
            continue
        window = w[max(sent.start, d.start - 70) : d.start]
        if not _PROGRAM_DATE_CONTEXT.search(window) and not refs:
            continue
        if rx.search(r"strategij\w*|plan\w*|period\w* od", window, regex.I) and not _PROGRAM_DATE_CONTEXT.search(
            window.split("trategij")[-1]
        ):
            continue
        program = _current(ctx, refs, d.start)
        if program is None:
            continue
        which = "start" if d.role == "from" else "end"
        if any(x.program == program and x.which == which for x in ctx.doc.dates):
            continue
        ctx.doc.dates.append(ProgramDate(program, which, d.value, Span(d.start, d.end, d.rule + f"#{which}")))


def _phases(ctx: Context) -> None:
    """'X - faza 2' is part of X when X is named in the same text."""
    names = {}
    for m in ctx.mentions:
        if m.kind == "program":
            names.setdefault(fold(m.name), (ctx.key(m), m))
    for m in ctx.mentions:
        parent = names.get(fold(m.info.get("parent", ""))) if m.kind == "program" else None
        if parent and parent[0] != ctx.key(m):
            _relate(ctx, ctx.key(m), "partOf", parent[0], Span(m.start, m.end, "partOf.phase"))
    for folded, (key, m) in names.items():
        base = rx.sub(r"\s*(?:faza|faze)\s+(?:\d+|[ivx]+)\s*$", "", folded)
        if base != folded and base in names and names[base][0] != key:
            _relate(ctx, key, "partOf", names[base][0], Span(m.start, m.end, "partOf.phase-of-named-program"))


_QUOTED_NAME_RULES = ("program.keyword-quoted", "program.quoted")
_STAND_IN_RULES = ("program.headline", "program.lead-action")  # a program made for a text that names none


def _drop_idle_descriptions(ctx: Context) -> None:
    """A program named only by a description ("Program zapošljavanja", "Projekat za inkluziju Roma"), in a text that
    names a program by its quoted name, of which the text says nothing (no role, no number, no agreement, no event,
    no part) speaks of the named one or of programs in general: it is dropped (17 of 24 such on the dev split were
    no program of the gold). So is a headline or a lead's action made a program for a text that names none, when the
    text then says nothing of it (7 of 8 on the dev split were none)."""
    doc = ctx.doc
    programs = [e for e in doc.entities.values() if e.kind == "program"]
    busy = {r.subject for r in doc.relations if r.predicate != "location"} | {
        r.object for r in doc.relations if r.predicate == "partOf"
    }
    busy |= {o.program for o in doc.outcomes} | {a.about for a in doc.agreements} | {v.program for v in doc.events}
    named = any(e.mentions and e.mentions[0].rule.startswith(_QUOTED_NAME_RULES) for e in programs)
    idle = {
        e.key
        for e in programs
        if e.key not in busy
        and e.mentions
        and (
            (named and all(m.rule == "program.descriptive-name" for m in e.mentions))
            or all(m.rule in _STAND_IN_RULES for m in e.mentions)
        )
    }
    if not idle:
        return
    for key in idle:
        del doc.entities[key]
    doc.relations = [r for r in doc.relations if r.subject not in idle and r.object not in idle]
    doc.dates = [d for d in doc.dates if d.program not in idle]
