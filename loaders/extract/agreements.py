"""Agreements from agreement nouns (data/patterns/agreement_kinds.csv): parties after "između", else the
sentence's actors; the day of signing (only in a sentence that speaks of signing), the place ("u + place"),
and the program it is about. A numbered call is a CallForProposals agreement.

After all sentences: repeats of one agreement are merged, an agreement word with no party and no complement is
dropped, and co-signers of an agreement about a program are its partners unless the text gives them another
role in it.
"""

from __future__ import annotations

import bisect
from functools import cache, lru_cache

import regex

from rikg.loaders import patterns, rx
from rikg.loaders.dates import complete_partial
from rikg.loaders.extract.base import _ORGANISED_BY, _SIGNING, Context, ProgramRef, _heading, _relate
from rikg.loaders.extract.locations import _place_after_u
from rikg.loaders.extract.roles import _coordinated, _outermost, _program_for_cue
from rikg.loaders.facts import (
    Agreement,
    Mention,
    Span,
)
from rikg.loaders.normalise import fold
from rikg.loaders.segment import Sentence

_NUMBERED_OF = regex.compile(r"\b(?:broj|br\.)\s*[\w./-]+\s+od\s*$", regex.I)  # "broj 2108-101-9/2022 od"
_BETWEEN = regex.compile(r"\bizmeđu\b", regex.I)
_REPRESENTED = regex.compile(r",\s*(?:koj\p{L}*|koga)\s+(?:zastupa|predstavlja)\b", regex.I)
# the gap between two parties, each with its representative: ", koju zastupa predsednik opštine Marko Ilić, i "
_REPRESENTED_GAP = regex.compile(
    r"(?:\s*,\s*(?:koj\p{L}*|koga)\s+(?:zastupa|predstavlja)\s+[^,;.]{1,80}?)?\s*(?:,\s*i|,|i)\s*", regex.I
)
_RELATIVE_CLAUSE = regex.compile(r"\b(?:koji|koja|koje|koju|kojim|kojima|kojeg|kojoj)\b", regex.I)
_CLAUSE_JOIN = regex.compile(r",\s+(?:a|dok|ali)\s+|;\s+", regex.I)
_ALSO = regex.compile(r"\b(?:takođe|isto tako)\b", regex.I)
_ON_BEHALF = regex.compile(r"\bu\s+ime\b", regex.I)
_ON_BEHALF_CLAUSE = regex.compile(r",\s+a\s+u\s+ime\b", regex.I)
_ON_BEHALF_OF_LSG = regex.compile(r"\bu\s+ime\s+(?:gradske\s+)?(?:opštine|grada)\b(?!\s+\p{Lu})", regex.I)


@lru_cache(maxsize=1)
def _agreement_first_words() -> frozenset[str]:
    return frozenset(h.split()[0] for h in patterns.agreement_heads())


def _headline(w: str, sent: Sentence) -> bool:
    """A title line: the whole line, no closing punctuation, a blank line after it."""
    line_start = w.rfind("\n", 0, sent.start) + 1
    line_end = w.find("\n", sent.end)
    line_end = len(w) if line_end < 0 else line_end
    line = w[line_start:line_end].strip()
    if w[line_start : sent.start].strip() or w[sent.end : line_end].strip() or not line or len(line) > 150:
        return False
    return line[-1] not in ".!?:;" and (w[line_end : line_end + 2] == "\n\n" or line_start == 0)


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
    first_words = _agreement_first_words()
    # (most sentences name no agreement: one look at the words before the loop below)
    if not any(t.text.lower() in first_words for t in ctx.tokens[lo:hi] if t.is_word):
        sent_tokens = []
    else:
        sent_tokens = [t for t in ctx.tokens[lo:hi] if t.end <= sent.end and t.is_word]
    i = 0
    while i < len(sent_tokens):
        t = sent_tokens[i]
        kind = None
        span_end = t.end
        named = False
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
        # The generic word ("sporazum") may refer back to an agreement first named more precisely ("protokol").
        previous = [a for a in ctx.doc.agreements if a.kind == kind or kind == "GeneralAgreement"]
        if not (m_obj or named) and previous and not _BETWEEN.search(w, t.start, sent.end):
            # "Memorandum su potpisali ...": the one just named, not a new agreement; "U ime opštine Zemun
            # ugovor je primio predsednik ...": who signs or receives it here is a party of it.
            signs = patterns.context_cue("signed").search(w, sent.start, sent.end)
            if signs or _ON_BEHALF.search(w, sent.start, sent.end):
                last = previous[-1]
                last.parties.extend(p for p in _parties(ctx, sent, t.start, actors) if p not in last.parties)
            i += 1
            continue
        if i > 0 and sent_tokens[i - 1].folded in patterns.word_list("program_determiners.csv") and ctx.doc.agreements:
            # "koncept ovog sporazuma o saradnji": a determiner points back to an agreement already named
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
        if date is None:
            # "Sporazuma o ... broj 2108-101-9/2022 od 14.06.2022.": the reference of a concluded act dates it
            date = next(
                (
                    d.value
                    for d in ctx.dates
                    if t.end < d.start < min(sent.end, t.start + 300)
                    and len(d.value) == 10
                    and _NUMBERED_OF.search(w, max(t.end, d.start - 40), d.start)
                ),
                None,
            )
        if date is None and ctx.doc.agreements and _ALSO.search(w, sent.start, t.start):
            # "Sekretar će takođe potpisati i ugovore o ...": the same occasion as the signing reported before
            date = ctx.doc.agreements[-1].date
        place = _place_after_u(ctx, places, t.start, sent.end)
        # "Memorandum o podršci zapošljavanju Roma ...": a program its own complement describes comes first
        inside = next((r.key for r in refs if t.end <= r.start < name_end), None)
        about = inside or _named_program_after(ctx, refs, span_end, sent.end)
        if about is None:
            # "Memorandum o saradnji u ime opštine potpisala je ...": a repeat of an agreement named before is
            # about what that one is about, not about the program in focus now
            earlier = next((k for k in ctx.doc.agreements if k.kind == kind and k.about and _repeats(k, parties)), None)
            about = earlier.about if earlier else _program_for_cue(ctx, refs, t.start, t.end)
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
        if not (r.named and ctx.program_class.get(r.key) == "Call"):
            continue
        # (a year is no reference number: "Javni poziv „Podrška udruženjima za 2023. godinu“" is a title)
        if not rx.search(r"\d", rx.sub(r"\b(?:19|20)\d\d\b", "", w[r.start : r.end])):
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


@lru_cache(maxsize=20_000)
def _nominative_agreement(name: str) -> str:
    """(Memoised, as recognise/base.py's to_nominative: the lemmatiser is the costly part, and an agreement's name
    recurs within a text and across texts.)"""
    from rikg.loaders.morphology import to_nominative

    # ("ugovore o sufinansiranju" -> "Ugovori o sufinansiranju", not "Ugovora": of the readings the one whose first
    # word is an agreement word's nominative, singular or plural)
    heads = _agreement_nominatives()
    readings = to_nominative(name) or [name]
    nom = next((r for r in readings if fold(r.split()[0]) in heads), readings[0])
    return nom[0].upper() + nom[1:]


@cache
def _agreement_nominatives() -> frozenset[str]:
    words = {fold(r["head"].split()[0]) for r in patterns.read_rows("agreement_kinds.csv")}
    return frozenset(words | {w + "i" for w in words if not w.endswith(("a", "e", "i", "o"))})


def _parties(ctx: Context, sent: Sentence, head: int, actors: list[Mention]) -> list[str]:
    w = ctx.working
    bare = _ON_BEHALF_OF_LSG.search(w, sent.start, sent.end)
    if bare and not any(a.start >= bare.end() and a.start - bare.end() < 3 for a in actors):
        # "potpisao je, u ime opštine, zamenik predsednika": the municipality the text is about
        lsgs = [m for m in ctx.mentions if m.kind == "lsg" and m.end <= sent.start]
        if lsgs:
            actors = [*actors, lsgs[-1]]
    between = _BETWEEN.search(w, head, sent.end)
    if between:
        after = [a for a in actors if a.start >= between.end()]
        if _REPRESENTED.search(w, between.end(), sent.end):
            # "između opštine Kovin, koju zastupa predsednik X, i Crvenog krsta, koga zastupa Y": the signatories
            # named in each party's clause are no parties, and their clauses join the list
            after = [a for a in after if a.kind != "person"]
            chosen = after[:1]
            for a in after[1:]:
                gap = w[chosen[-1].end : a.start]
                if not _REPRESENTED_GAP.fullmatch(gap):
                    break
                chosen.append(a)
        else:
            chosen = _coordinated(w, after) if after else []
        if chosen:
            return list(dict.fromkeys(ctx.key(a) for a in chosen))
    # "EU je obezbedila 4 miliona evra, a 11 opština potpisalo je ugovore": parties sign in the agreement's
    # own clause; ", a" / ", dok" / ";" join clauses with subjects of their own.
    cuts = [
        m.start()
        for m in _CLAUSE_JOIN.finditer(w, sent.start, sent.end)
        # "projekta, koji finansira EU, a realizuje SKGO": the relative clause goes on, no new subject
        if not _RELATIVE_CLAUSE.search(w, max(sent.start, w.rfind(",", sent.start, m.start())), m.start())
    ]
    lo = max([c for c in cuts if c < head], default=sent.start)
    hi = min([c for c in cuts if c > head], default=sent.end)
    if cuts:
        # "U ime opštine ugovor je potpisao predsednik X, a u ime UNOPS-a direktor Y": a clause that only says on
        # whose behalf the other signatory signed names the other party
        while hi < sent.end and _ON_BEHALF_CLAUSE.match(w, hi):
            hi = min([c for c in cuts if c > hi], default=sent.end)
        actors = [a for a in actors if lo <= a.start < hi]
    organised = _ORGANISED_BY.search(w, sent.start, sent.end)
    signed_at = patterns.context_cue("signed-at")
    keys = [
        ctx.key(a)
        for a in _outermost(actors)
        if not (organised and a.start > organised.end() and a.start - organised.end() < 5)
        # "Ugovor ... potpisan je u Vladi Srbije": where it was signed, not who signed it
        and not signed_at.search(w[max(0, a.start - 60) : a.start])
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


def _repeats(earlier: Agreement, parties: list[str]) -> bool:
    return earlier.kind != "CallForProposals" and (
        not parties or not earlier.parties or set(parties) <= set(earlier.parties)
    )


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
        if same is None and not ag.date and kept:
            # "Današnjim potpisivanjem Protokola o saradnji ..." in a quote after "zaključili su Sporazum o
            # saradnji": a mention with no day and no party the first one lacks speaks of the agreement reported
            same = next(
                (
                    k
                    for k in reversed(kept)
                    if "CallForProposals" not in (k.kind, ag.kind) and set(ag.parties) <= set(k.parties)
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
    saying what it is about names no particular agreement; "po sporazumu o readmisiji" names a treaty in the
    background (data/patterns/agreement_background.csv)."""
    background = _background_agreements()
    ctx.doc.agreements = [
        a
        for a in ctx.doc.agreements
        if (a.parties or a.kind == "CallForProposals" or len(a.name.split()) > 1 or _signed_here(ctx.working, a))
        # (a treaty in the background stays one whoever the sentence also names: "povratnici po sporazumu o
        # readmisiji" in a sentence about the town that houses them)
        and not background.search(a.name.lower())
    ]


_SIGNED_PASSIVE_BEFORE = regex.compile(r"\bpotpisan[aoi]?\s+(?:je|su)\s+(?:\p{L}+\s+)?$", regex.I)
_SIGNED_PASSIVE_AFTER = regex.compile(r"[^.;!?]{0,30}?\b(?:je|su)\s+potpisan[aoi]?\b", regex.I)


def _signed_here(w: str, a: Agreement) -> bool:
    """ "potpisan je ugovor kojim je obezbeđeno ...", "Ugovor sa izvođačem je potpisan": a sentence that reports
    the signing itself speaks of one particular agreement, even with no party named."""
    return bool(
        _SIGNED_PASSIVE_BEFORE.search(w, max(0, a.evidence.start - 40), a.evidence.start)
        or _SIGNED_PASSIVE_AFTER.match(w, a.evidence.end)
    )


@cache
def _background_agreements() -> regex.Pattern[str]:
    return regex.compile("|".join(r["regex"] for r in patterns.read_rows("agreement_background.csv")))


def _drop_cosigners_with_a_role(ctx: Context) -> None:
    """A co-signer that the text gives a role of its own in the program (funder, implementer) is that, not
    also a partner; the role may be stated after the signing."""
    roles = {(r.subject, r.object) for r in ctx.doc.relations if r.predicate in ("Funder", "Implementer")}
    ctx.doc.relations = [
        r for r in ctx.doc.relations if not (r.evidence.rule == "role.co-signer" and (r.subject, r.object) in roles)
    ]


def _cosigners_are_partners(ctx: Context, agreements: list[Agreement], assigned: dict[str, str]) -> None:
    # Co-signing an agreement about a program makes a partner in it, whatever the agreement's kind; a contract
    # that hands out the program's money ("ugovori o dodeli sredstava", "o stipendiranju") is signed by the one
    # who gives and the one who gets it, not by partners.
    for ag in agreements:
        grant = ag.kind == "Contract" and patterns.context_cue("grant-contract").match(ctx.working, ag.evidence.start)
        if not ag.about or grant:
            continue
        have = {
            r.object
            for r in ctx.doc.relations
            if r.subject == ag.about and r.predicate in ("Implementer", "Funder", "Partner")
        }
        for party in ag.parties:
            if party not in have and party not in assigned:
                _relate(ctx, ag.about, "Partner", party, Span(ag.evidence.start, ag.evidence.end, "role.co-signer"))
