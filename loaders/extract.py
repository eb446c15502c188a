"""Stage 5: facts from the recognised names, sentence by sentence.

Relations come from cue phrases of data/patterns/ (role_cues, agreement_kinds, event_kinds,
indicators); which program a fact belongs to is the nearest program named or referred to
("ovog projekta", "Program") in the sentence, else the program the text last spoke about.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from rikg.loaders import patterns, rx
from rikg.loaders.dates import complete_partial, find_dates, publication_date, relative_date_spans
from rikg.loaders.facts import (
    Agreement,
    DateValue,
    DocumentFacts,
    Event,
    Mention,
    Outcome,
    ProgramDate,
    Relation,
    Span,
)
from rikg.loaders.normalise import fold
from rikg.loaders.numbers import Quantity, find_quantities
from rikg.loaders.recognise import mostly_capitals
from rikg.loaders.segment import Sentence
from rikg.loaders.tokens import Token

ACTOR_KINDS = ("org", "lsg")
_PARENT_CUE = regex.compile(
    r"\b(?:u okviru|u sklopu|deo|dio|delom|sastavni deo|uz podršku)\s+(?:\p{L}+\s+){0,1}$", regex.I
)
_SUBCOUNT_CUE = regex.compile(
    r"(?:od\s+kojih|od\s+čega|među\s+kojima|uključujući|od\s+toga)(?:\s+\p{L}{1,3})?\s*$", regex.I
)
_PROGRAM_DATE_CONTEXT = regex.compile(
    r"program|projek|inicijativ|sprovod|sprove|realizuj|realizova|realizacij|traj|započe|poče|pokrenut|predviđen|"
    r"aktivnost|implementir|odvija",
    regex.I,
)
_HELD = regex.compile(r"\b(?:održan\w*|održa\w*|organizova\w*|održava\w*|održće|biće održan\w*)\b", regex.I)
_BETWEEN = regex.compile(r"\bizmeđu\b", regex.I)
_WORD = regex.compile(r"\p{L}+")
_NOMINALISATION = regex.compile(r"(?:[ae]nj[aeiu]?|cij[aeiu]|đenj\w*)$")
_STOPWORDS = frozenset("je su će bi koji koja koje koju kao da se od na kroz iz za sa u i a ali te što kada".split())
_PREP_BEFORE = regex.compile(r"\b(?:u|na|sa|iz|za|kod|ka|teritorij\w*|područj\w*)\s+(?:\p{Ll}+\s+)?$", regex.I)
_RELATIVE = regex.compile(r"\b(?:koji|koja|koje|koju|kojeg|kojega|kojim|kojima|čiji|čija)\b", regex.I)
_ORGANISED_BY = regex.compile(r"\bu organizaciji\b", regex.I)
# "jedan inovativni projekat": "one" before these nouns reads as an article, not as a reported count
_ARTICLE_LIKE_UNITS = frozenset({"projects", "grants", "contracts", "applications", "settlements", "organisations"})
_SIGNING = regex.compile(r"\bpotpis\w*", regex.I)


# What a reference word can point to: "projekat" also names a phase or component of a project.
_COMPATIBLE = {
    "Program": {"Program"},
    "Project": {"Project", "Phase", "Component"},
    "Initiative": {"Initiative"},
    "Component": {"Component"},
    "Phase": {"Phase"},
    "Call": {"Call"},
}


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

    def key(self, m: Mention) -> str:
        return self.keys[id(m)]


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
    published = publication_date(working) or metadata_date
    doc.publication_date = published
    dates = find_dates(working, blocked) + relative_date_spans(working, published)
    dates.sort(key=lambda d: d.start)
    excluded = [(d.start, d.end) for d in dates] + blocked
    quantities = [
        q for q in find_quantities(working, tokens) if not any(s <= q.start < e or s < q.end <= e for s, e in excluded)
    ]
    ctx = Context(doc, working, tokens, mentions, keys, dates, quantities, token_starts=[t.start for t in tokens])
    for m in mentions:
        if m.kind == "program":
            ctx.program_class.setdefault(ctx.key(m), m.subtype or "Program")
    for sent in sentences:
        _sentence(ctx, sent, published)
    _phases(ctx)
    _merge_repeated_agreements(ctx)
    _drop_bare_agreements(ctx)
    _drop_cosigners_with_a_role(ctx)
    _propagate_locations(ctx)
    return doc


# -- per sentence -----------------------------------------------------------------------------
def _sentence(ctx: Context, sent: Sentence, published: str | None) -> None:
    inside = [m for m in ctx.mentions if sent.start <= m.start and m.end <= sent.end]
    refs = _program_refs(ctx, sent, inside)
    # An organisation inside a program's name ("Podrška Evropske unije ...") is not acting in the sentence.
    names = [m for m in inside if m.kind == "program"]
    actors = [m for m in inside if m.kind in ACTOR_KINDS and not any(n.start <= m.start < n.end for n in names)]
    places = [m for m in inside if m.kind in ("place", "lsg")]
    _part_of(ctx, sent, refs)
    _owners(ctx, inside)
    assigned = _roles(ctx, sent, refs, actors)
    agreements = _agreements(ctx, sent, refs, actors, places, published)
    if agreements:
        _cosigners_are_partners(ctx, agreements, assigned)
    _events(ctx, sent, refs, actors, places, agreements)
    _program_dates(ctx, sent, refs)
    _outcomes(ctx, sent, refs, places)
    _locations(ctx, sent, refs, places, inside)
    _persons(ctx, sent, inside)
    if refs:
        ctx.history.extend(refs)


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
    if same:
        return same[0].key
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


def _current(ctx: Context, refs: list[ProgramRef], pos: int) -> str | None:
    before = [r for r in refs if r.start <= pos]
    if before:
        return before[-1].key
    if refs:
        return refs[0].key
    if ctx.history:
        return ctx.history[-1].key
    # A headline or lead that gives a number before the text names its program: the first program named later.
    later = next((m for m in ctx.mentions if m.kind == "program" and m.start > pos), None)
    return ctx.key(later) if later is not None else None


def _part_of(ctx: Context, sent: Sentence, refs: list[ProgramRef]) -> None:
    w = ctx.working
    for i, r in enumerate(refs):
        before = w[max(sent.start, r.start - 30) : r.start]
        cue = _PARENT_CUE.search(before)
        if cue:
            # "Y ... u okviru X" / "u okviru X, a u okviru Y": the other named program is the part.
            others = [o for o in refs if o.key != r.key and o.named]
            later = [
                o
                for o in others
                if o.start > r.start and _PARENT_CUE.search(w[max(sent.start, o.start - 30) : o.start])
            ]
            child = later[0] if later else next((o for o in reversed(others) if o.start < r.start), None)
            if child is None:
                child = next((o for o in others if o.start > r.start), None)
            if child is not None and child.key != r.key:
                s = min(child.start, r.start - len(before) + cue.start())
                e = max(child.end, r.end)
                _relate(ctx, child.key, "partOf", r.key, Span(s, e, "partOf.cue(" + cue.group().strip() + ")"))
            continue
        # A program named right before another in the genitive: "poziva 757/1 programa Podrška ...".
        if i > 0 and refs[i - 1].named and r.named and 0 <= r.start - refs[i - 1].end <= 2:
            prev = refs[i - 1]
            if ctx.program_class.get(prev.key) in ("Call", "Component", "Phase", "Project") and prev.key != r.key:
                _relate(ctx, prev.key, "partOf", r.key, Span(prev.start, r.end, "partOf.genitive-chain"))


def _owners(ctx: Context, inside: list[Mention]) -> None:
    """ "program Nemačke razvojne saradnje „X“": the organisation in the genitive funds the program."""
    for m in inside:
        if m.kind == "program" and m.info.get("owner_start"):
            for start in map(int, m.info["owner_start"].split()):
                org = next((o for o in inside if o.kind in ACTOR_KINDS and o.start == start), None)
                if org is not None:
                    _relate(ctx, ctx.key(m), "Funder", ctx.key(org), Span(m.start, m.end, "role.owner-genitive"))


def _relate(ctx: Context, s: str, p: str, o: str, span: Span) -> None:
    for rel in ctx.doc.relations:
        if rel.subject == s and rel.predicate == p and rel.object == o:
            return
    ctx.doc.relations.append(Relation(s, p, o, span))


def _roles(ctx: Context, sent: Sentence, refs: list[ProgramRef], actors: list[Mention]) -> dict[str, str]:
    """Roles from cue phrases; returns actor key -> role for the actors given one here."""
    w = ctx.working
    if _heading(w, sent):
        return {}
    low = _correct_typos(w[sent.start : sent.end].lower())
    cues = []
    for cue in patterns.role_cues():
        for m in cue.pattern.finditer(low):
            cues.append(
                (sent.start + m.start(), sent.start + m.end(), cue.value, cue.where, m.group(), cue.subject_role)
            )
    cues.sort()
    # drop cues inside names (a program called "Podrška ...", "Centar za ... podršku")
    names = [m for m in ctx.mentions if sent.start <= m.start and m.end <= sent.end and m.kind in ("program", "org")]
    cues = [c for c in cues if not any(n.start <= c[0] < n.end for n in names)]
    dedup = []
    for c in cues:
        if dedup and c[0] < dedup[-1][1]:
            continue
        dedup.append(c)
    cues = dedup
    assigned: dict[str, str] = {}
    if not cues or not actors:
        return assigned
    for k, (cs, ce, role, where, _text, subject_role) in enumerate(cues):
        scope_end = cues[k + 1][0] if k + 1 < len(cues) else sent.end
        after = _outermost([a for a in actors if ce <= a.start < scope_end])
        if after and after[0].start - ce > 60:
            after = []
        chosen: list[Mention] = []
        prev_cue_end = cues[k - 1][1] if k > 0 else sent.start
        subject = _relative_subject(w, prev_cue_end, actors, cs) if where == "both" else []
        if subject:
            chosen = subject
        elif where in ("after", "both") and after:
            if where == "both":
                # "koju sprovodi SKGO": the agent follows the verb closely; "sa teritorije grada X" is no agent.
                # The first agent must be close; a list joined to it may run on ("sprovode A, B, C i D").
                near = [
                    a
                    for a in after
                    if a.start - ce <= 45 and not _PREP_BEFORE.search(w[max(ce, a.start - 20) : a.start])
                ]
                after = [a for a in after if near and a.start >= near[0].start]
            chosen = _coordinated(w, after) if after else []
        elif where in ("before", "both"):
            prev_end = cues[k - 1][1] if k > 0 else sent.start
            before = [
                a
                for a in _outermost(actors)
                if a.end <= cs and ctx.key(a) not in assigned and not _RELATIVE.search(w, a.end, cs)
            ]
            near = [a for a in before if a.start >= prev_end] or before
            if near:
                chosen = _coordinated_back(w, near)
        program = _program_for_cue(ctx, refs, cs, ce)
        if program is None:
            continue
        if subject_role:
            # "Švajcarska je poverila organizaciji X ...": the clause's subject has a role of its own.
            prev_end = cues[k - 1][1] if k > 0 else sent.start
            subject = [
                a for a in _outermost(actors) if prev_end <= a.start and a.end <= cs and ctx.key(a) not in assigned
            ]
            for a in _coordinated_back(w, subject) if subject else []:
                assigned[ctx.key(a)] = subject_role
                _relate(ctx, program, subject_role, ctx.key(a), Span(a.start, ce, f"role.subject-of({_text.strip()})"))
        for a in chosen:
            key = ctx.key(a)
            if key in assigned and assigned[key] != role:
                continue
            assigned[key] = role
            _relate(ctx, program, role, key, Span(min(cs, a.start), max(ce, a.end), f"role.cue({_text.strip()})"))
    # The subject of "X je sa (svojim) partnerom Y ..." leads the work.
    partner_cues = [c for c in cues if c[2] == "Partner"]
    if partner_cues and not any(r == "Implementer" for r in assigned.values()):
        first = partner_cues[0]
        # A subject inside a relative clause ("inicijative koju je pokrenuo UNICEF, u saradnji sa ...") is not
        # the sentence's subject.
        subj = [
            a
            for a in actors
            if a.end <= first[0] and ctx.key(a) not in assigned and not _RELATIVE.search(w, sent.start, a.start)
        ]
        program = _program_for_cue(ctx, refs, first[0], first[1])
        if subj and program and subj[0].start - sent.start < 60:
            for a in _coordinated(w, _outermost(subj)):
                assigned[ctx.key(a)] = "Implementer"
                _relate(ctx, program, "Implementer", ctx.key(a), Span(a.start, first[1], "role.subject-of-partnership"))
    return assigned


@lru_cache(maxsize=1)
def _agreement_first_words() -> frozenset[str]:
    return frozenset(h.split()[0] for h in patterns.agreement_heads())


def _heading(w: str, sent: Sentence) -> bool:
    return mostly_capitals(w[sent.start : sent.end])


def _headline(w: str, sent: Sentence) -> bool:
    """A title line: the whole line, no closing punctuation, a blank line after it."""
    line_start = w.rfind("\n", 0, sent.start) + 1
    line_end = w.find("\n", sent.end)
    line_end = len(w) if line_end < 0 else line_end
    line = w[line_start:line_end].strip()
    if w[line_start : sent.start].strip() or w[sent.end : line_end].strip() or not line or len(line) > 150:
        return False
    return line[-1] not in ".!?:;" and (w[line_end : line_end + 2] == "\n\n" or line_start == 0)


def _correct_typos(low: str) -> str:
    """Cue verbs with one letter too many, missing or swapped ("sporovodi" for "sprovodi"), spelled right;
    every word keeps its length so offsets stay valid."""
    return _WORD.sub(lambda m: _fix_word(m.group()), low)


@lru_cache(maxsize=50_000)
def _fix_word(word: str) -> str:
    stems = [st for st in patterns.cue_stems() if len(st) >= 7]
    if len(word) < 8 or any(word.startswith(st) for st in stems) or _NOMINALISATION.search(word):
        return word  # "sprovođenje" is the act, not who does it
    for st in stems:
        for cut in (len(st) + 1, len(st)):
            if Levenshtein.distance(word[:cut], st) <= 1 and abs(cut - len(st)) <= 1:
                fixed = (st + word[cut:])[: len(word)]
                return fixed.ljust(len(word))
    return word


def _outermost(actors: list[Mention]) -> list[Mention]:
    """Drop actors nested in another ("Saveta Evrope" inside "Tim Saveta Evrope za Rome")."""
    return [a for a in actors if not any(o is not a and o.start <= a.start and a.end <= o.end for o in actors)]


def _relative_subject(w: str, from_pos: int, actors: list[Mention], cue_start: int) -> list[Mention]:
    """ "... koji Grad Novi Sad realizuje", "koji je GIZ sprovela": the actor between the relative pronoun
    and the verb is its subject."""
    rel = None
    for m in _RELATIVE.finditer(w, from_pos, cue_start):
        rel = m
    if rel is None:
        return []
    between = _outermost([a for a in actors if rel.end() <= a.start and a.end <= cue_start])
    return _coordinated(w, between) if between else []


def _coordinated(w: str, actors: list[Mention]) -> list[Mention]:
    """The first actor and those joined to it by commas or "i"."""
    out = [actors[0]]
    joined = 0  # conjunctions or commas so far (a bare space joins an apposition: "organizacija ... GIZ")
    for a in actors[1:]:
        gap = w[out[-1].end : a.start]
        if rx.fullmatch(r"\s*,\s*i\s*", gap) and not joined:
            break  # "A, koji realizuje B, i C potpisali su": the comma closes an inserted clause; C joins A
        if rx.fullmatch(r"\s*(?:,|i|,\s*i|и|kao i|preko)?\s*", gap):
            out.append(a)
            joined += bool(gap.strip())
        else:
            break
    return out


def _coordinated_back(w: str, actors: list[Mention]) -> list[Mention]:
    out = [actors[-1]]
    for a in reversed(actors[:-1]):
        gap = w[a.end : out[0].start]
        if rx.fullmatch(r"\s*(?:,|i|,\s*i)?\s*", gap):
            out.insert(0, a)
        else:
            break
    return out


def _program_for_cue(ctx: Context, refs: list[ProgramRef], cs: int, ce: int) -> str | None:
    inside = [r for r in refs if cs <= r.start < ce]
    if inside:
        return inside[0].key  # "nosilac projekta"
    before = [r for r in refs if r.end <= cs]
    if before:
        return before[-1].key
    after = [r for r in refs if r.start >= ce]
    if after:
        return after[0].key
    if ctx.history:
        return ctx.history[-1].key
    # A project page that lists its partners before it names the project.
    later = [m for m in ctx.mentions if m.kind == "program" and m.start >= ce]
    return ctx.key(later[0]) if later else None


def _agreements(
    ctx: Context,
    sent: Sentence,
    refs: list[ProgramRef],
    actors: list[Mention],
    places: list[Mention],
    published: str | None,
) -> list[Agreement]:
    w = ctx.working
    heads = patterns.agreement_heads()
    out: list[Agreement] = []
    lo = bisect.bisect_left(ctx.token_starts, sent.start)
    hi = bisect.bisect_left(ctx.token_starts, sent.end)
    sent_tokens = [t for t in ctx.tokens[lo:hi] if t.end <= sent.end and t.is_word]
    i = 0
    while i < len(sent_tokens):
        t = sent_tokens[i]
        kind = None
        span_end = t.end
        named = False
        first_words = _agreement_first_words()
        for n in (3, 2, 1) if t.text.lower() in first_words else ():
            phrase = " ".join(x.text.lower() for x in sent_tokens[i : i + n])
            if phrase in heads:
                if phrase in patterns.agreement_heads_signed_only() and not _SIGNING.search(w, sent.start, sent.end):
                    break  # "predlog projekta" is an agreement only once signed
                kind = heads[phrase]
                span_end = sent_tokens[min(i + n, len(sent_tokens)) - 1].end
                named = n >= 2
                break
        if kind is not None and (_heading(w, sent) or _headline(w, sent)):
            kind = None  # a headline repeats what the body says
        if kind is None or any(m.start <= t.start < m.end for m in ctx.mentions if m.kind in ("program", "org")):
            i += 1
            continue
        m_obj = rx.match(r"\s+o\s+(\p{L}+)", w[span_end : span_end + 60])
        previous = [a for a in ctx.doc.agreements if a.kind == kind]
        if not (m_obj or named) and previous and not _BETWEEN.search(w, t.start, sent.end):
            # "Memorandum su potpisali ...": the one just named, not a new agreement.
            i += 1
            continue
        name_end = span_end + (m_obj.end() if m_obj else 0)
        name = w[t.start : name_end]
        parties = _parties(ctx, sent, t.start, actors)
        # The day of signing: only a sentence that speaks of signing or concluding gives one ("Projekat ...
        # trajaće do 30. septembra, a Memorandum obuhvata ..." dates the project, not the memorandum).
        date = None
        if patterns.context_cue("signed").search(w, sent.start, sent.end):
            date = _first_date(ctx, t.start, sent.end, published) or _first_date(ctx, sent.start, t.start, published)
        place = _place_after_u(ctx, places, t.start, sent.end)
        about = _named_program_after(ctx, refs, span_end, sent.end) or _program_for_cue(ctx, refs, t.start, t.end)
        ag = Agreement(
            kind,
            _nominative_agreement(name),
            Span(t.start, name_end, f"agreement.head({t.text.lower()})"),
            parties,
            date,
            place,
            about,
        )
        out.append(ag)
        ctx.doc.agreements.append(ag)
        i += 1
    # A call published under a reference number ("poziv 757/1") is a legal instrument of its own: an
    # agreement of kind CallForProposals. A call named only by its title is a program, not also an agreement.
    for r in refs:
        if not (r.named and ctx.program_class.get(r.key) == "Call" and rx.search(r"\d", w[r.start : r.end])):
            continue
        if any(a.about == r.key and a.kind == "CallForProposals" for a in ctx.doc.agreements):
            continue
        ag = Agreement(
            "CallForProposals",
            "",
            Span(r.start, r.end, "agreement.call"),
            [ctx.key(a) for a in actors],
            None,
            None,
            r.key,
        )
        ctx.doc.agreements.append(ag)
    return out


def _named_program_after(ctx: Context, refs: list[ProgramRef], head_end: int, sent_end: int) -> str | None:
    """ "ugovor o realizaciji projekta „X“", "predlog projekta „X“": a program named in the agreement's own
    complement is what it is about, before any program named earlier in the text."""
    for r in refs:
        if r.named and head_end <= r.start <= min(sent_end, head_end + 80):
            if rx.search(r"[.;:!?()]", ctx.working[head_end : r.start]):
                return None
            return r.key
    return None


def _nominative_agreement(name: str) -> str:
    from rikg.loaders.morphology import to_nominative

    nom = (to_nominative(name) or [name])[0]
    return nom[0].upper() + nom[1:]


def _parties(ctx: Context, sent: Sentence, head: int, actors: list[Mention]) -> list[str]:
    w = ctx.working
    between = _BETWEEN.search(w, head, sent.end)
    if between:
        after = [a for a in actors if a.start >= between.end()]
        chosen = _coordinated(w, after) if after else []
        if chosen:
            return list(dict.fromkeys(ctx.key(a) for a in chosen))
    organised = _ORGANISED_BY.search(w, sent.start, sent.end)
    keys = [
        ctx.key(a)
        for a in _outermost(actors)
        if not (organised and a.start > organised.end() and a.start - organised.end() < 5)
    ]
    return list(dict.fromkeys(keys))


_SAME_DAY = regex.compile(r"\bistog\s+dana\b|\btog\s+dana\b|\btom\s+prilikom\b", regex.I)


def _first_date(ctx: Context, s: int, e: int, published: str | None) -> str | None:
    same = _SAME_DAY.search(ctx.working, s - 200 if s > 200 else 0, e)
    if same and same.start() >= s - 200 and not any(s <= d.start < e for d in ctx.dates):
        # "tom prilikom" is the occasion the text last described: its event's day, else the last day named.
        held = [ev for ev in ctx.doc.events if ev.date and len(ev.date) == 10 and ev.evidence.end <= same.start()]
        if held:
            return held[-1].date
        earlier = [d for d in ctx.dates if d.end <= same.start() and len(d.value) == 10]
        if earlier:
            return earlier[-1].value
    for d in ctx.dates:
        if s <= d.start < e:
            if rx.match(r"\s*[–—-]\s*\d", ctx.working[d.end : d.end + 4]) or rx.search(
                r"(?:period\w*|\d\s*[–—-])\s*$", ctx.working[max(0, d.start - 12) : d.start]
            ):
                continue  # "za period 2022–2025": a span, not the day of signing
            v = complete_partial(d.value, published) if not d.rule.startswith("date.relative") else d.value
            if v and len(v) >= 4:
                return v
    return None


def _place_after_u(ctx: Context, places: list[Mention], s: int, e: int) -> str | None:
    for p in places:
        if s <= p.start < e and rx.search(r"\b(?:u|na)\s+$", ctx.working[max(0, p.start - 4) : p.start]):
            return ctx.key(p) if p.kind == "place" else (p.key and f"place:{p.key.split(':', 1)[1]}")
    return None


def _merge_repeated_agreements(ctx: Context) -> None:
    """ "Memorandum o saradnji ... Memorandum o razumevanju obuhvata ...": a text names the agreement it
    reports on several times. A later one of the same kind is the same agreement unless its day or its
    parties say otherwise; its parties, day, place and program complete the first one."""
    kept: list[Agreement] = []
    for ag in ctx.doc.agreements:
        same = next(
            (
                k
                for k in kept
                if k.kind == ag.kind
                and k.kind != "CallForProposals"
                and (not k.date or not ag.date or k.date == ag.date)
                and (
                    not k.parties
                    or not ag.parties
                    or set(ag.parties) <= set(k.parties)
                    # "Grad Vranje potpisao je Ugovor ... Ugovor između Grada Vranja i SKGO": the repeat names
                    # more parties; two dated mentions with more parties are two signings the same day
                    or (set(k.parties) <= set(ag.parties) and not (k.date and ag.date))
                )
            ),
            None,
        )
        if same is None:
            kept.append(ag)
            continue
        same.parties.extend(p for p in ag.parties if p not in same.parties)
        same.date = same.date or ag.date
        same.place = same.place or ag.place
        same.about = same.about or ag.about
    ctx.doc.agreements = kept


def _drop_bare_agreements(ctx: Context) -> None:
    """ "posle potpisivanja ugovora oni će početi da rade": an agreement word with no party and no complement
    saying what it is about names no particular agreement."""
    ctx.doc.agreements = [
        a for a in ctx.doc.agreements if a.parties or a.kind == "CallForProposals" or len(a.name.split()) > 1
    ]


def _drop_cosigners_with_a_role(ctx: Context) -> None:
    """A co-signer that the text gives a role of its own in the program (funder, implementer) is that, not
    also a partner; the role may be stated after the signing."""
    roles = {(r.subject, r.object) for r in ctx.doc.relations if r.predicate in ("Funder", "Implementer")}
    ctx.doc.relations = [
        r for r in ctx.doc.relations if not (r.evidence.rule == "role.co-signer" and (r.subject, r.object) in roles)
    ]


def _cosigners_are_partners(ctx: Context, agreements: list[Agreement], assigned: dict[str, str]) -> None:
    # Co-signing an agreement about a program makes a partner in it, whatever the agreement's kind.
    for ag in agreements:
        if not ag.about:
            continue
        have = {
            r.object
            for r in ctx.doc.relations
            if r.subject == ag.about and r.predicate in ("Implementer", "Funder", "Partner")
        }
        for party in ag.parties:
            if party not in have and party not in assigned:
                _relate(ctx, ag.about, "Partner", party, Span(ag.evidence.start, ag.evidence.end, "role.co-signer"))


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
    held = _HELD.search(low)
    # Days as written or completed with the dateline's year ("19. decembra"); a month only where the text
    # says something was held then ("u junu je održana tribina").
    published = ctx.doc.publication_date
    completed = [(d, complete_partial(d.value, published)) for d in ctx.dates if sent.start <= d.start < sent.end]
    day_dates = [d for d, v in completed if v and len(v) == 10]
    day_values = {id(d): v for d, v in completed}
    if not day_dates and held:
        day_dates = [d for d, v in completed if v and len(v) == 7 and d.rule in ("date.month", "date.month-year")]
    for cue in patterns.event_kinds():
        if cue.value == "Signing":
            continue
        m = cue.pattern.search(low)
        if not m:
            continue
        if not (held or day_dates):
            break
        start = sent.start + m.start()
        if any(n.start <= start < n.end for n in ctx.mentions if n.kind in ("program", "org")):
            continue
        date = day_values[id(day_dates[0])] if day_dates else None
        place = _place_after_u(ctx, places, sent.start, sent.end)
        program = _current(ctx, refs, start)
        organisers = []
        org = _ORGANISED_BY.search(w, sent.start, sent.end)
        if org:
            organisers = [ctx.key(a) for a in actors if a.start >= org.end()][:1]
        ctx.doc.events.append(
            Event(cue.value, Span(start, sent.start + m.end(), f"event.{cue.value}"), date, place, program, organisers)
        )
        break


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


def _outcomes(ctx: Context, sent: Sentence, refs: list[ProgramRef], places: list[Mention]) -> None:
    w = ctx.working
    indicators = patterns.indicators()
    first_in_sentence = len(ctx.doc.outcomes)
    for q in ctx.quantities:
        if not (sent.start <= q.start < sent.end):
            continue
        last_tok = ctx.tokens[q.number_end_token]
        after_text = w[last_tok.end : last_tok.end + 2]
        before_text = w[max(0, q.start - 1) : q.start]
        if after_text.startswith("/") or before_text == "/" or after_text.startswith("-") or before_text == "-":
            continue
        if (
            rx.match(r"\.\s*\p{Ll}", w[last_tok.end : last_tok.end + 3])
            and q.rule == "number.digits"
            and not rx.match(r"\.\d", w[last_tok.end : last_tok.end + 2])
        ):
            continue  # an ordinal: "1. maja", "3. faza"
        if patterns.background_cues().search(w[sent.start : sent.end].lower()):
            continue
        subcount = _SUBCOUNT_CUE.search(w[max(sent.start, q.start - 25) : q.start])
        found = _counted_noun(ctx, q, indicators)
        prior_total = ctx.doc.outcomes[-1] if ctx.doc.outcomes and len(ctx.doc.outcomes) > first_in_sentence else None
        if found is None and subcount and prior_total is not None:
            # "35 romskih kuća, od kojih 14 u naselju Podvorce": the part counts what its total counts.
            found = (prior_total.indicator, prior_total.unit, ctx.tokens[q.number_end_token].end)
        if found is None:
            found = _amount_without_currency(ctx, sent, q)
        if found is None or found[0] == "-":
            continue
        indicator, unit, noun_end = found
        if q.rule.startswith("number.word") and q.value == 1 and unit in _ARTICLE_LIKE_UNITS:
            continue  # "jedan inovativni projekat", "jednog paketa": an article more than a count
        currency = unit if unit in ("EUR", "RSD", "USD") else None
        if unit == "persons":
            indicator = _refine_person_indicator(ctx, sent, q, indicator)
        program = _current(ctx, refs, q.start)
        if program is None:
            continue  # an Outcome is a number of a program (the contract's shapes): a text that names none has none
        place = None
        for p in places:
            if p.kind == "lsg" or rx.search(
                r"\b(?:u|na teritoriji|iz|za)\s+(?:\p{L}+\s+)?$", w[max(0, p.start - 25) : p.start]
            ):
                place = ctx.key(p) if p.kind == "place" else f"place:{p.key.split(':', 1)[1]}" if p.key else None
                break
        sub_of = None
        if subcount or unit == "percent":
            prior = [
                i for i in range(first_in_sentence, len(ctx.doc.outcomes)) if ctx.doc.outcomes[i].unit != "percent"
            ]
            if prior:
                sub_of = prior[-1]
        span = Span(q.start, noun_end, f"outcome.number+noun({w[last_tok.end : noun_end].strip().lower()})")
        start_date, end_date = _period(ctx, sent)
        ctx.doc.outcomes.append(
            Outcome(
                q.value,
                indicator,
                unit,
                span,
                q.qualifier,
                currency,
                program,
                place,
                sub_of,
                w[q.start : noun_end],
                start_date,
                end_date,
            )
        )


def _period(ctx: Context, sent: Sentence) -> tuple[str | None, str | None]:
    """ "od juna do septembra 2021. angažovano je 18 osoba": the period a number covers, where stated."""
    start = end = None
    for d in ctx.dates:
        if sent.start <= d.start < sent.end and not d.value.startswith("--"):
            if d.role == "from" and start is None:
                start = d.value
            elif d.role == "to" and end is None:
                end = d.value
    return start, end


def _counted_noun(ctx: Context, q: Quantity, indicators: dict[str, tuple[str, str]]) -> tuple[str, str, int] | None:
    """What the number counts: the first known noun within a few words ("2 okrugla stola", "30 mladih Roma").
    A function word or a capitalised name before it means the number counts nothing we know."""
    w = ctx.working
    j = q.number_end_token + 1
    seen = 0
    limit = 2 if q.rule.startswith("number.word") else 4
    if q.rule.startswith("number.word") and rx.match(
        r"\s+od\b", w[ctx.tokens[q.number_end_token].end : ctx.tokens[q.number_end_token].end + 6]
    ):
        return None  # "jedan od napora": one of, not a count
    while j < len(ctx.tokens) and seen < limit:
        t = ctx.tokens[j]
        if t.text in ("%", "€"):
            return indicators[t.text][0], indicators[t.text][1], t.end
        if not t.is_word:
            if t.text in ".;:!?()":
                return None
            j += 1
            continue
        nxt = ctx.tokens[j + 1] if j + 1 < len(ctx.tokens) else None
        two = f"{t.text.lower()} {nxt.text.lower()}" if nxt is not None else ""
        for cand, end in ((two, nxt.end if nxt is not None else 0), (t.text.lower(), t.end), (t.text, t.end)):
            if cand and cand in indicators:
                ind, unit = indicators[cand]
                return ind, unit, end
        if t.folded in _STOPWORDS or (t.is_capitalised and not t.is_upper):
            return None
        seen += 1
        j += 1
    # A currency before the number: "€ 45.000", "RSD 1.200.000".
    prev = w[max(0, q.start - 5) : q.start].strip()
    if prev in ("€", "EUR", "RSD"):
        ind, unit = indicators[prev]
        return ind, unit, ctx.tokens[q.number_end_token].end
    return None


def _amount_without_currency(ctx: Context, sent: Sentence, q: Quantity) -> tuple[str, str, int] | None:
    """ "Projekat je vredan 3,2 miliona", "Grad je izdvojio oko 24 miliona, a republika oko 15 miliona": a
    number with a multiplier and no counted noun, in a clause about value or funds, is an amount of money."""
    words = patterns.word_list("multiplier_words.csv")
    last = ctx.tokens[q.number_end_token]
    if last.folded not in words:
        return None
    money = patterns.money_cues().search(ctx.working[sent.start : sent.end].lower())
    if money is None:
        return None
    return "FundingAmount", "money", last.end


def _refine_person_indicator(ctx: Context, sent: Sentence, q: Quantity, indicator: str) -> str:
    low = ctx.working[sent.start : sent.end].lower()
    pos = q.start - sent.start
    best = None
    for cue in patterns.indicator_cues():
        for m in cue.pattern.finditer(low):
            d = abs(m.start() - pos)
            if best is None or d < best[0]:
                best = (d, cue.value)
    if best and best[0] < 80:
        return best[1]
    return indicator


def _locations(
    ctx: Context, sent: Sentence, refs: list[ProgramRef], places: list[Mention], inside: list[Mention]
) -> None:
    w = ctx.working
    if not places:
        return
    program_spans = [(m.start, m.end, ctx.key(m)) for m in inside if m.kind == "program"]
    listed = len([p for p in places if p.kind == "place"]) >= 3
    for p in places:
        place_key = ctx.key(p) if p.kind == "place" else (f"place:{p.key.split(':', 1)[1]}" if p.key else None)
        if place_key is None:
            continue
        in_name = next((k for s, e, k in program_spans if s <= p.start < e), None)
        if in_name:
            _relate(ctx, in_name, "location", place_key, Span(p.start, p.end, "location.in-program-name"))
            continue
        near = rx.search(
            r"\b(?:u|na teritoriji|na području|širom|iz)\s+(?:\p{L}+\s+){0,2}$",
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
