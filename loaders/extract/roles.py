"""Roles of actors in a program (Funder, Implementer, Partner) from cue phrases (data/patterns/role_cues.csv).

Each cue says where its actor stands: after the cue (case-marked complements: "uz podršku + GEN", "u saradnji
sa + INS", "od strane + GEN"), before it (the subject of "realizuje"), or both (the relative clause "koji
sprovodi X, a finansira Y": the actor between the relative pronoun and the verb, else the one after the verb).
A cue's scope ends at the next cue; coordination (", i, kao i") extends the actor list; a cue can give the
clause's subject a role of its own. An organisation in the genitive of a program's name owns (funds) it.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from rikg.loaders import patterns, rx
from rikg.loaders.dates import DATELINE_OPENING
from rikg.loaders.extract.base import ACTOR_KINDS, Context, ProgramRef, _heading, _relate
from rikg.loaders.extract.references import _framed
from rikg.loaders.facts import (
    Mention,
    Span,
)
from rikg.loaders.inflection import phrase_case, relative_agrees
from rikg.loaders.morphology import ekavian_variants
from rikg.loaders.normalise import fold
from rikg.loaders.patterns import Cue
from rikg.loaders.recognise.base import NOMINALISATION, WORD_BEFORE, _is_verb_form, _title_words, mostly_capitals
from rikg.loaders.recognise.places import lsg_list_lead_regex
from rikg.loaders.segment import Sentence

# _fix_word leaves words under 8 letters as they are, so only runs of 8+ letters need a call (a shorter
# run of letters cannot match, and a longer run is matched whole from its first letter).
_LONG_WORD = regex.compile(r"\p{L}{8,}")
_FROM_SOURCE = regex.compile(r"\s+(?:(?:je|su|se|će\s+biti)\s+)?iz\s+(?:(?:sredstava|budžeta|fondova)\s+)?", regex.I)
_PREP_BEFORE = regex.compile(
    r"\b(?:u|na|sa|iz|za|kod|ka|putem|posredstvom|pomoću|teritorij\w*|područj\w*)\s+(?:\p{Ll}+\s+){0,2}$", regex.I
)
# "... iz Novog Sada", "u AP Vojvodini" after a member of a list
# a list member's seat: "Udruženje X iz Niša, ...", or the town written bare after a quoted name ("Osnovna škola
# „Jan Čajak“ Bački Petrovac, Osnovna škola ...")
# (a known name inside quotes ends before its closing quote: "„Daje“ iz Beograda, „Ternipe“ ...")
_SEAT = r"(?:\s*[“”\x22»’]{1,2}(?=\s))?\s*(?:(?:(?:iz|u)\s+)?\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)?\s*(?=[,i]))?"
_LINE = regex.compile(r"[^\n]*")
# (the next member's opening quote may stand in the gap: "„A“, „B“ i „Osvit“" where only Osvit's name is known; a
# slash joins two as well: "Donator: Nemačka vlada/GIZ")
_JOINER = r"(?:\s*\([^()\n]{1,25}\))?\s*(?:,|i|,\s*i|и|/|(?:,\s*)?kao i(?:\s+sa?)?|preko)?\s*[„“\"]?"
# between a funder and the programme its money comes through ("Evropska unija kroz Program IPA 2017")
_THROUGH = regex.compile(r"\s*,?\s*(?:kroz|preko|iz|posredstvom)\s+(?:\p{Ll}+\s+){0,2}")
_TO_RELATIVE = regex.compile(r"\s*(?:(?:iz|u|sa sedištem u)\s+\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)?)?\s*[,(]?\s*")
_PREPOSITION_BEFORE = regex.compile(
    r"\b(?:putem|preko|kroz|posredstvom|pomoću|od|uz|do|prema|iz|sa|u|na|za|kod"
    # compound prepositions: "X u okviru Mreže Y sprovodi ...", "u ime opštine"
    r"|u\s+(?:okviru|sklopu|ime|korist)|ispred|između|pri)\s+$",
    regex.I,
)
_IN_BRACKETS_AFTER = regex.compile(r"\(\s*$")
_DA_BEFORE = regex.compile(r"\bda\s+$")
_WHERE_GAP = regex.compile(r"\b(?:na|u)\s+(?:području|teritoriji|gradovima|opštinama|mestima|naseljima)\b", regex.I)
_NEW_CLAUSE = regex.compile(r"[,;]\s*(?:a|dok|ali|pa)\s")  # a clause of its own begins
_BESIDE = regex.compile(r"\b(?:osim|pored)\s+$", regex.I)
# "u okviru akcije „X“", "u sklopu projekta X": the program is the frame of what the sentence says was done
_IN_FRAME = regex.compile(r"\bu\s+(?:okviru|sklopu)\b", regex.I)  # searched in a window around the program
# a program opening its sentence as its frame, up to the program: "Ovim projektom", "Projektom „P“", "U okviru P"
_OPENING_FRAME = regex.compile(
    r"\s*(?:(?:ovim|tim|ovakvim|navedenim)\s+)?(?:projektom|programom|inicijativom)\b|\s*(?:u\s+okviru|u\s+sklopu|kroz)\s",
    regex.I,
)
_GAP = regex.compile(r"[\s,“”\x22»]*")
# what may stand before a sentence's subject: a dateline in capitals, a time ("Danas", "Juče", "Ove godine")
_SENTENCE_OPENING = regex.compile(
    r"\s*(?:\p{Lu}[\p{Lu}\s]*[–—-]\s*)?(?:(?:danas|juče|ove\s+godine|prošle\s+godine|tokom\s+\p{L}+)\s*,?\s*)?",
    regex.I,
)
# the cue ends its sentence but for a colon: "Projekat sprovode:", "Partneri na projektu su:"
_LIST_LEAD = regex.compile(r"[\s\p{Ll}]{0,12}:\s*")
# a line that may be a name nobody recognised: short, capitalised, no full stop at its end
_UNKNOWN_NAME_LINE = regex.compile(r"\s*\p{Lu}[^\n]{0,80}(?<![.!?:])\s*")
_BULLET = regex.compile(r"\s*(?:[•\-–*·▪○●]|\d{1,2}[.)])\s*")
# "za projekat „P“", and a list item's dash: "1. Udruženje X – projekat „P“ – 300.000 dinara"
_FOR_PROJECT = regex.compile(r"(?:\bza|[–—-])\s+(?:projek|program)", regex.I)
_RECIPIENT_KINDS = frozenset({"association", "ngo"})
_RECIPIENT_REACH = 80  # characters between the association and its project
_LATER_PROGRAM_REACH = 600  # characters
_SOURCE = regex.compile(r"\b(?:iz|kroz|preko)\s+(?:sredstava\s+)?$", regex.I)
_APPOSITION = regex.compile(r"\s*[–—-]\s*")
_COMMA = regex.compile(r"\s*,\s*")
_NEXT_LINE = regex.compile(r"\s*\n\s*([^\n]+)")  # the next line that is not empty
_NAME_TAIL = regex.compile(r"[\p{L} ]{0,30}")  # "BIBIJA Romski ženski centar realizuje": the rest of a name
# an auxiliary or a verb right after a name: the name is its clause's subject ("X je/će/su ...", "X podelio")
_PREDICATE_AFTER = regex.compile(r"\s+(?:je|su|će|bi|nije|nisu|\p{Ll}+(?:o|la|li|lo|ju|je|i|e|a)\s+(?:je|su)\b)\b")
_COMMA_BEFORE = regex.compile(r",\s*$")
_WORD_RIGHT_BEFORE = regex.compile(r"(\p{L}+)[^\S\n]+$")  # on the same line, nothing but spaces between
# a plural for local governments in the dative, instrumental or locative right before a list of towns (the towns
# stand in the list, up to the one in question: "namenjen gradovima i opštinama Valjevo, Leskovac")
_OBLIQUE_LIST_LEAD = regex.compile(
    r"\b(?:gradovima|opštinama|lokalnim\s+samoupravama)(?:\s+i\s+(?:gradovima|opštinama))?\s*:?\s+"
    r"(?:\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)?(?:\s*\([^()\n]{0,40}\))?\s*(?:,|\bi\b)\s*)*$",
    regex.I,
)
_RELATIVE = regex.compile(r"\b(?:koji|koja|koje|koju|kojeg|kojega|kojim|kojima|čiji|čija)\b", regex.I)


def _listed_after_lead(w: str, cue_end: int, first: Mention) -> bool:
    """ "učestvuju lokalne samouprave, koje su se prijavile ..., a to su Bela Crkva, Kovin ...": the local
    governments listed after their plural lead are the cue's actors, however long the lead runs."""
    if not first.rule.endswith("#listed-local-government"):
        return False
    lead = lsg_list_lead_regex().search(w[cue_end : first.start].lower())
    return lead is not None and not w[cue_end + lead.end() : first.start].strip(" :")


def _owners(ctx: Context, inside: list[Mention]) -> None:
    """ "program Nemačke razvojne saradnje „X“": the organisation in the genitive funds the program (and the one whose
    possessive adjective stands before it: recognise/programs.py `_possessive_owners`)."""
    for m in inside:
        if m.kind == "program" and m.info.get("owner_start"):
            for start in map(int, m.info["owner_start"].split()):
                org = next((o for o in inside if o.kind in ACTOR_KINDS and o.start == start), None)
                if org is not None:
                    _relate(ctx, ctx.key(m), "Funder", ctx.key(org), Span(m.start, m.end, "role.owner-genitive"))


_PARTICIPLE_END = regex.compile(r"(?:o|la|li|le|lo)$")
# a list of programs after a colon: a plural program word, or a count and the paucal ("tri projekta")
_PLURAL_LEAD = regex.compile(r"\b(?:projek(?:ata|te|ti|tima)|program(?:e|i|ima))\b")
_COUNTED_LEAD = regex.compile(r"(\w+)\s+(?:(\w+)\s+)?projekta\b")
_LINE = regex.compile(r"[^\n]+")
_ITEM_NUMBER = regex.compile(r"\s*\d{1,2}[.)]\s")


def _cues_to_try(ctx: Context, sent: Sentence, low: str) -> list[Cue]:
    """The role cues that may match the sentence `low`, in role_cues' order: those one of whose literals (Cue.literals)
    stands in it. Why: a cue runs in a small share of sentences, and a regex scan a cue a sentence was most of the
    time of `_roles`. Where the sentence is a slice of `ctx.cue_text`, the literals are looked up once a text (every
    occurrence, by str.find) and a sentence takes the occurrences that lie inside it."""
    every = patterns.role_cues()
    if len(ctx.cue_text) != len(ctx.working):
        return [c for c in every if c.literals is None or any(lit in low for lit in c.literals)]
    if ctx.role_cue_hits is None:
        ctx.role_cue_hits = patterns.CueHits("role", ctx.cue_text)
    return [every[i] for i in ctx.role_cue_hits.within(sent.start, sent.end) or ()]


def _roles(
    ctx: Context, sent: Sentence, refs: list[ProgramRef], actors: list[Mention], inside: list[Mention]
) -> dict[str, str]:
    """Roles from cue phrases; returns actor key -> role for the actors given one here."""
    w = ctx.working
    if _heading(w, sent):
        return {}
    if not ctx.cue_text:
        # once a text: the corrector keeps lengths, so a sentence is a slice of it (unless lower-casing changes a
        # length somewhere, "İ" -> "i̇": then sentence by sentence, as the offsets of each stay its own)
        low_all = w.lower()
        ctx.cue_text = _correct_typos(low_all) if len(low_all) == len(w) else "\0"
    low = (
        ctx.cue_text[sent.start : sent.end]
        if len(ctx.cue_text) == len(w)
        else _correct_typos(w[sent.start : sent.end].lower())
    )
    cues = []
    for cue in _cues_to_try(ctx, sent, low):
        for m in cue.pattern.finditer(low):
            cues.append(
                (sent.start + m.start(), sent.start + m.end(), cue.value, cue.where, m.group(), cue.subject_role)
            )
    if not cues or (not patterns.engines_agree(low) and patterns.any_role_cue().search(low) is None):
        # no cue in the sentence, no roles. (Before the literals, the alternation of every cue decided; it matches
        # where a cue does unless its engine, `re`, reads a character of the sentence otherwise than `regex`.)
        return {}
    # the longest cue at a position wins: "podržan od strane X" funds, though "podrža*" alone is shorter and
    # "od strane" alone (an implementer) starts inside it
    cues.sort(key=lambda c: (c[0], -c[1]))
    # drop cues inside names (a program called "Podrška ...", "Centar za ... podršku")
    # (a program named by what its lead says was done is the verb itself: that verb is still a cue)
    names = [m for m in inside if m.kind in ("program", "org") and m.rule != "program.lead-action"]
    cues = [c for c in cues if not any(n.start <= c[0] < n.end for n in names)]
    # "Ugovor o saradnji i finansiranju ...", "ugovor o donaciji": what an agreement is about names no funder.
    inside_agreement = [m.span() for m in _agreement_complements().finditer(low)]
    cues = [c for c in cues if not any(a <= c[0] - sent.start < b for a, b in inside_agreement)]
    dedup = []
    for c in cues:
        if dedup and c[0] < dedup[-1][1]:
            continue
        dedup.append(c)
    cues = dedup
    assigned: dict[str, str] = {}
    # ("Projekat sprovode:" names its actors on the lines below it)
    if not cues or not (actors or _LIST_LEAD.fullmatch(w, cues[-1][1], sent.end)):
        return assigned
    for k, (cs, ce, role, where, _text, subject_role) in enumerate(cues):
        scope_end = cues[k + 1][0] if k + 1 < len(cues) else sent.end
        after = _outermost([a for a in actors if ce <= a.start < scope_end])
        if after and after[0].start - ce > 60 and not _listed_after_lead(w, ce, after[0]):
            after = []
        if where == "next":
            # "Sredstva Evropske unije, u iznosu od ...": the genitive right after the noun is its owner
            after = after if after and not w[ce : after[0].start].strip() else []
            where = "after"
        chosen: list[Mention] = []
        prev_cue_end = cues[k - 1][1] if k > 0 else sent.start
        subject = _relative_subject(w, prev_cue_end, actors, cs) if where == "both" else []
        if where == "both" and after:
            # "koju sprovodi SKGO": the agent follows the verb closely; "sa teritorije grada X" is no agent.
            # The first agent must be close; a list joined to it may run on ("sprovode A, B, C i D"). With none
            # ("UNHCR finansira ovakav projekat u Gradu Subotici") the subject before the verb is the agent.
            # ("USAID finansira, a Udruženje X sprovodi ...": after ", a" another clause has its own subject)
            near = [
                a
                for a in after
                if a.start - ce <= 45
                and (
                    not _PREP_BEFORE.search(w[max(ce, a.start - 20) : a.start])
                    # ("finansiran je iz EU", "finansirana iz budžeta Grada": "iz" names where the money comes from)
                    or (role == "Funder" and _FROM_SOURCE.fullmatch(w, ce, a.start) is not None)
                )
                and not _NEW_CLAUSE.search(w, ce, a.start)
                # ("sprovoditi na području gradova Leskovac i Vranje i opština Vlasotince ...": where, not who)
                and not _WHERE_GAP.search(w, ce, a.start)
            ]
            after = [a for a in after if near and a.start >= near[0].start]
        if subject:
            chosen = subject
        elif where in ("after", "both") and after:
            chosen = _coordinated(w, after)
            if len(chosen) > 1 and k + 1 < len(cues) and _subject_of_next(w, chosen[-2], chosen[-1], cues[k + 1][0]):
                chosen = chosen[:-1]  # "Uz podršku UN Women, Bibija realizuje ...": the comma ends the phrase
        elif where in ("before", "both") and not _reflexive(w, cs, ce) and not _entrusted_clause(w, cues, k):
            prev_end = cues[k - 1][1] if k > 0 else sent.start
            before = [
                a
                for a in _outermost(actors)
                if a.end <= cs
                and ctx.key(a) not in assigned
                and not _RELATIVE.search(w, a.end, cs)
                # "Sekretar SKGO naglasio je da će ova donacija ...": the speaker is not the cue's subject
                and not patterns.reported_speech().search(w, a.end, cs)
            ]
            near = [a for a in before if a.start >= prev_end] or before
            # The subject is in the nominative: "u okviru projekta Saveta Evrope ... sprovodi" is no subject, nor is
            # the object of a preposition ("putem GIZ-a dobila je ...")
            near = [a for a in near if _can_be_subject(a)] or near
            near = [a for a in near if not _PREPOSITION_BEFORE.search(w, max(0, a.start - 25), a.start)]
            if near:
                chosen = _coordinated_back(w, near)
            else:
                # ("koja je uz podršku SKGO-a sprovela ...": the relative pronoun may stand before an earlier cue)
                chosen = _antecedent_subject(w, actors, prev_end, cs) or _antecedent_subject(
                    w, [a for a in actors if ctx.key(a) not in assigned], sent.start, cs
                )
            # (the cue ending on the verb, a past participle: "prijavila se na konkurs Ministarstva" names the call's
            # owner after it, no giver)
            if (
                not chosen
                and where == "before"
                and after
                and not w[ce : after[0].start].strip()
                and (_can_be_subject(after[0]) and _PARTICIPLE_END.search(_text))
            ):
                chosen = after[:1]  # "od čega je 262.400 KM donirao Karitas": no subject before, the one right after
        if k == len(cues) - 1 and where in ("after", "both") and w[sent.start : sent.end].rstrip().endswith(":"):
            # "u saradnji sa X i tri partnerske organizacije:" and a bulleted list: each item opens with one; a list
            # of plain lines only right after the cue ("Projekat sprovode:"; "sredstva za sledeće projekte:" lists
            # what got the money)
            chosen = chosen + _list_items(ctx, sent.end, plain=_LIST_LEAD.fullmatch(w, ce, sent.end) is not None)
        if role == "Partner" and _text in ("zajedno sa", "skupa sa") and _carries_on_running(w, cues, k):
            role = "Implementer"  # "koji sprovodi Ministarstvo za rad, zajedno sa Ministarstvom za ...": both run it
        program = _program_for_cue(ctx, refs, cs, ce, verb=where in ("before", "both"))
        if not any(r.named for r in refs) and list_lead(ctx, sent, role, chosen, cs, ce, program):
            continue  # "RKC je sproveo niz projekata:": the role goes to each program of the list below
        if program is None:
            continue
        if role == "Implementer" and k > 0 and _runs_the_support(w, cues[k - 1], cs, actors):
            # "uz podršku programa Nemačke finansijske saradnje, koji u ime Vlade Nemačke implementira KfW": who runs
            # the supporting programme, and on whose behalf, fund the supported one. When the supporting programme
            # is named ("uz podršku programa „X“ koji realizuje GIZ"), GIZ carries X out and funds the supported one.
            chosen = chosen + _principals(w, [a for a in actors if cues[k - 1][1] <= a.start < scope_end])
            supported = _program_for_cue(ctx, refs, cues[k - 1][0], cues[k - 1][1])
            # ("uz pomoć projekta „P“ koji sprovodi GIZ, X je započeo ...": the supporting programme is named and is
            # the only one; GIZ runs P and the role stays)
            named_here = any(cues[k - 1][1] <= r.start < cs and r.named and r.key == supported == program for r in refs)
            if not named_here and not any(cues[k - 1][1] <= r.start < cs and r.key != supported for r in refs):
                role, program = "Funder", supported or program
            elif not named_here and supported is not None and supported != program:
                for a in chosen:
                    span = Span(min(cs, a.start), max(ce, a.end), "role.runs-support")
                    _relate(ctx, supported, "Funder", ctx.key(a), span)
        if subject_role:
            # "Švajcarska je poverila organizaciji X ...": the clause's subject has a role of its own.
            prev_end = cues[k - 1][1] if k > 0 else sent.start
            # ("Udruženju X Grad Niš je dodelio ...": a fronted dative is the recipient, not the subject)
            subject = [
                a
                for a in _outermost(actors)
                if prev_end <= a.start
                and a.end <= cs
                and ctx.key(a) not in assigned
                and _can_be_subject(a)
                and not _after_common_noun(w, a)
            ]
            # ("Evropska komisija (Generalni direktorat za pravosuđe) poverila je ...": a body named in brackets after
            # the subject says which part of it acts; the subject is the one before the bracket)
            subject = [a for a in subject if not _IN_BRACKETS_AFTER.search(w, max(0, a.start - 3), a.start)] or subject
            for a in _coordinated_back(w, subject) if subject else []:
                assigned[ctx.key(a)] = subject_role
                _relate(ctx, program, subject_role, ctx.key(a), Span(a.start, ce, f"role.subject-of({_text.strip()})"))
        if chosen:
            # "u kojem osim Crvenog krsta učestvuju A i B", "pored X partneri su A i B": the one set beside them
            # shares their role
            chosen = chosen + [a for a in _outermost(actors) if cs <= a.start < ce and _BESIDE.search(w, cs, a.start)]
        for a in chosen:
            key = ctx.key(a)
            if key in assigned and assigned[key] != role:
                continue
            assigned[key] = role
            _relate(ctx, program, role, key, Span(min(cs, a.start), max(ce, a.end), f"role.cue({_text.strip()})"))
            for other in _co_listed(ctx, sent, program):
                _relate(ctx, other, role, key, Span(min(cs, a.start), max(ce, a.end), f"role.cue({_text.strip()})"))
            if role == "Funder":
                _through_programme(ctx, refs, a, program)
    # The subject of "X je sa (svojim) partnerom Y ..." leads the work.
    partner_cues = [c for c in cues if c[2] == "Partner"]
    # ("Ministarstvo je, zajedno sa GIZ-om, pokrenulo program ...": launching gives no role, gold README)
    launched = patterns.context_cue("launched").search(low)
    # (only where the partnership names its partner: "u saradnji sa međunarodnim organizacijama" names none)
    partnered = any(r == "Partner" for r in assigned.values())
    if partner_cues and partnered and not any(r == "Implementer" for r in assigned.values()) and not launched:
        first = partner_cues[0]
        # A subject inside a relative clause ("inicijative koju je pokrenuo UNICEF, u saradnji sa ...") is not
        # the sentence's subject.
        subj = [
            a
            for a in actors
            if a.end <= first[0] and ctx.key(a) not in assigned and not _RELATIVE.search(w, sent.start, a.start)
        ]
        # "Predsednik opštine Knjaževac je, zajedno sa ..., obišao naselje": the office after a title is a genitive,
        # not the subject
        subj = [a for a in subj if not _after_title(w, a)]
        # "Novcem Evropske unije, u saradnji OEBS-a ...", "pod donatorstvom IOM-a i u saradnji sa ...": a genitive
        # is no subject
        subj = [a for a in subj if _can_be_subject(a) and not _attribute_of_noun(w, a)]
        # ("Projekat, namenjen gradovima i opštinama Valjevo, Leskovac ..., doprinosi ... u saradnji sa NSZ": towns
        # listed after a plural in the dative or locative are what the project is for or where, not its subject)
        subj = [a for a in subj if not _OBLIQUE_LIST_LEAD.search(w, max(sent.start, a.start - 60), a.start)]
        if not subj and not w[sent.start : first[0]].strip():
            # "U saradnji sa GIZ-om, Crveni krst Subotice će podeliti ...": after a fronted partnership, the
            # clause's subject follows the comma that closes the partner list
            fronted = [
                a
                for a in _outermost(actors)
                if a.start > first[1]
                and ctx.key(a) not in assigned
                and _COMMA_BEFORE.search(w, max(0, a.start - 3), a.start)
                and _PREDICATE_AFTER.match(w, a.end)
                and _can_be_subject(a)
            ]
            subj = fronted[:1]
        near = bool(subj) and (subj[0].start - sent.start < 60 or subj[0].start > first[1])
        program = _program_for_cue(ctx, refs, first[0], first[1])
        if subj and program and near:
            for a in _coordinated(w, _outermost(subj)):
                assigned[ctx.key(a)] = "Implementer"
                # (the subject may stand after the cue: the evidence spans both, in text order)
                span = Span(min(a.start, first[0]), max(a.end, first[1]), "role.subject-of-partnership")
                _relate(ctx, program, "Implementer", ctx.key(a), span)
    return assigned


def list_lead(
    ctx: Context, sent: Sentence, role: str, chosen: list[Mention], cs: int, ce: int, program: str | None
) -> bool:
    """ "U svom dosadašnjem radu RKC je sproveo niz projekata:", "SKRUG učestvuje u sprovođenju tri projekta:": a
    sentence that ends on a colon after a plural or counted program word introduces a list of programs; its role
    goes to each program of the list (`listed_programs`), not to a program spoken of before. Returns whether the
    sentence is such a lead (and records it, with the program the cue would otherwise go to: when no list follows,
    the role goes there after all)."""
    w = ctx.working
    # (the colon ends the sentence, or the line after a short tail: "... u periodu: 2000. – 2009. godina")
    colon = w.rfind(":", cs, sent.end)
    if not chosen or colon < 0 or len(w[colon + 1 : sent.end].strip()) > 30 or "\n" in w[colon : sent.end].strip():
        return False
    low = w[sent.start : colon].lower()
    plural = _PLURAL_LEAD.search(low)
    count = None
    counted = _COUNTED_LEAD.search(low)
    if counted is not None:
        numbers = patterns.number_words()
        for word in counted.group(1, 2):
            if word and (word.isdigit() or fold(word) in numbers):
                count = int(word) if word.isdigit() else int(numbers[fold(word)][0])
    if plural is None and count is None:
        return False
    span = Span(cs, ce, f"role.list-lead({w[cs:ce]})")
    ctx.list_leads.append((sent.end, role, [ctx.key(a) for a in chosen], span, count, program))
    return True


def listed_programs(ctx: Context) -> None:
    """The programs a list lead introduces (`list_lead`): the items are the lines after it that open with a number
    ("1. Projekat „X“ ...") or, after a count ("tri projekta:"), that many lines opening with a program's name;
    each item's program takes the lead's role from the lead's actors."""
    w = ctx.working
    programs = sorted((m for m in ctx.mentions if m.kind == "program"), key=lambda m: m.start)
    for n, (lead_end, role, actors, span, count, fallback) in enumerate(ctx.list_leads):
        stop = ctx.list_leads[n + 1][0] if n + 1 < len(ctx.list_leads) else len(w)
        items: list[Mention] = []
        numbered: list[Mention] = []
        for line in _LINE.finditer(w, lead_end, stop):
            first = next((m for m in programs if line.start() <= m.start < line.end()), None)
            if first is None or first.start - line.start() > 30:
                continue
            before = w[line.start() : first.start]
            if any(m.kind in ("org", "lsg", "person") and line.start() <= m.start < first.start for m in ctx.mentions):
                continue
            if _ITEM_NUMBER.match(before):
                numbered.append(first)
            elif not before.strip(" \t\u00a0•-–*"):
                items.append(first)
        chosen = numbered if len(numbered) >= 2 else items[:count] if count and len(items) >= count else []
        for p in chosen:
            for a in actors:
                _relate(ctx, ctx.key(p), role, a, Span(p.start, p.end, span.rule))
        if not chosen and fallback is not None:
            # ("... sledeću rang listu sa predlogom budžeta projekata:" and a table: no programs listed)
            for a in actors:
                _relate(ctx, fallback, role, a, Span(span.start, span.end, span.rule.replace("list-lead", "cue")))


def grant_recipients(
    ctx: Context, sent: Sentence, refs: list[ProgramRef], actors: list[Mention], assigned: dict[str, str]
) -> None:
    """ "Najveći iznos dobilo je Udruženje X za projekat „P“", "Komisija je udruženju Y za projekat „Q“ dodelila
    960.000 dinara": in a sentence that gives money "za projekat „P“", the association or NGO beside that program
    won the grant for it, and the actor that won a grant is its implementer (gold README). Each is paired with the
    nearest such program."""
    w = ctx.working
    won = patterns.context_cue("grant-won").search(w, sent.start, sent.end)
    if not (patterns.context_cue("amount").search(w, sent.start, sent.end) or won):
        return
    projects = [r for r in refs if r.named and _FOR_PROJECT.search(w, max(sent.start, r.start - 4), r.start + 8)]
    if not projects:
        return
    for a in _outermost(actors):
        if a.kind != "org" or a.subtype not in _RECIPIENT_KINDS or ctx.key(a) in assigned:
            continue
        nearest = min(projects, key=lambda r: min(abs(r.start - a.end), abs(a.start - r.end)))
        if min(abs(nearest.start - a.end), abs(a.start - nearest.end)) > _RECIPIENT_REACH:
            continue
        assigned[ctx.key(a)] = "Implementer"
        s, e = min(a.start, nearest.start), max(a.end, nearest.end)
        _relate(ctx, nearest.key, "Implementer", ctx.key(a), Span(s, e, "role.grant-recipient"))


def frame_subjects(
    ctx: Context, sent: Sentence, refs: list[ProgramRef], actors: list[Mention], assigned: dict[str, str]
) -> None:
    """ "Udruženje „Sunce“ je u okviru akcije „Knjiga za svakog“ podelilo udžbenike", "Crveni krst Bor podelio je
    pakete u okviru akcije „Zima“": the subject that opens a sentence and does something within a program the
    sentence names as its frame carries that program out (unless the verb is one of taking part, visiting,
    receiving, saying or organising an event: data/patterns/frame_subject_verbs.csv)."""
    w = ctx.working
    if not actors or not refs or _heading(w, sent):
        return
    a = min(actors, key=lambda m: m.start)
    if ctx.key(a) in assigned:
        return
    # "Ovim projektom Grad Smederevo će unaprediti ...", "Пројектом „Сигуран пут“ Град Лесковац ће побољшати ...", "U
    # okviru projekta „Solidarnost“ GIZ je podelio pakete": a program that opens the sentence as its frame (in the
    # instrumental, or after "u okviru", "kroz"), the subject right after it
    dateline = DATELINE_OPENING.match(w, sent.start, sent.end)
    body = dateline.end() if dateline else sent.start
    lead = _OPENING_FRAME.match(w, body, sent.end)
    opening = [
        r
        for r in refs
        if lead
        and lead.end() <= r.end <= a.start
        and _GAP.fullmatch(w, r.end, a.start)
        # ("Kroz ovaj projekat X ...": a determiner may stand before the program word, and adjectives: "U sklopu
        # dvomesečnog edukativnog programa „P“, X ...")
        and (
            r.start <= lead.end() + 2
            or _determiners_only(w[lead.end() : r.start])
            or _modifiers_only(w[lead.end() : r.start])
        )
    ]
    if opening:
        frames = opening[:1]
    else:
        frames = [r for r in refs if r.named and _IN_FRAME.search(w, max(sent.start, r.start - 25), r.start + 12)]
        if not frames or a.start > frames[0].start or not _SENTENCE_OPENING.fullmatch(w, body, a.start):
            return
    if not _can_be_subject(a):
        return  # (checked last: the case of a name costs more than the frame)
    # the verb of the clause: the first verb form after the subject, outside names
    names = [m for m in ctx.mentions if sent.start <= m.start < sent.end]
    verb = None
    for t in regex.finditer(r"\p{L}+", w[a.end : sent.end]):
        word = t.group()
        pos = a.end + t.start()
        if any(n.start <= pos < n.end for n in names) or word in ("je", "su", "će", "se"):
            continue
        if _RELATIVE.fullmatch(word):
            return
        if word.islower() and len(word) > 3 and _is_verb_form(word):
            verb = fold(word.lower())
            break
    if verb is None or _frame_subject_verbs().fullmatch(verb):
        return
    r = frames[0]
    # ("X i Y održali su seminar": subjects joined by "i" run it together)
    for subj in _coordinated(w, sorted((m for m in actors if m.start >= a.start), key=lambda m: m.start)):
        if ctx.key(subj) in assigned:
            continue
        assigned[ctx.key(subj)] = "Implementer"
        span = Span(subj.start, max(subj.end, r.end), "role.subject-in-frame")
        _relate(ctx, r.key, "Implementer", ctx.key(subj), span)


def _determiners_only(words: str) -> bool:
    found = words.split()
    return bool(found) and all(fold(x.lower()) in patterns.word_list("program_determiners.csv") for x in found)


def _modifiers_only(words: str) -> bool:
    """Up to three lower-case adjectives or adverbs ("dvomesečnog informativno edukativnog"), no verb, no
    function word."""
    found = words.split()
    stops = patterns.word_list("function_words.csv")
    return 0 < len(found) <= 3 and all(
        x.isalpha() and x.islower() and fold(x) not in stops and not _is_verb_form(x) for x in found
    )


@lru_cache(maxsize=1)
def _frame_subject_verbs() -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{r['regex']})" for r in patterns.read_rows("frame_subject_verbs.csv")))


def own_budgets(ctx: Context, sent: Sentence, refs: list[ProgramRef], assigned: dict[str, str]) -> None:
    """ "Ove godine iz gradskog budžeta je izdvojeno 4,8 miliona dinara za LAP": a budget named by an adjective is the
    budget of the local government the text speaks of (the last one named before it, else the first of the text),
    which funds the program the money goes to."""
    if _heading(ctx.working, sent):
        return
    cue = patterns.context_cue("own-budget").search(ctx.working, sent.start, sent.end)
    if cue is None:
        return
    lsgs = [m for m in ctx.mentions if m.kind == "lsg"]
    before = [m for m in lsgs if m.end <= cue.start()]
    # (mentions are not always in text order: the nearest by position)
    town = max(before, key=lambda m: m.start) if before else min(lsgs, key=lambda m: m.start, default=None)
    program = _program_for_cue(ctx, refs, cue.start(), cue.end())
    if town is None or program is None or ctx.key(town) in assigned:
        return
    _relate(ctx, program, "Funder", ctx.key(town), Span(cue.start(), cue.end(), "role.own-budget"))


def _through_programme(ctx: Context, refs: list[ProgramRef], a: Mention, program: str) -> None:
    """ "koji finansira Evropska unija kroz Program IPA 2017", "opredelila je Evropska unija iz programa IPA 2013": the
    funder funds the programme its money comes through as well."""
    for r in refs:
        if r.key != program and a.end < r.start <= a.end + 40 and _THROUGH.fullmatch(ctx.working, a.end, r.start):
            _relate(ctx, r.key, "Funder", ctx.key(a), Span(a.start, r.end, "role.funds-through-programme"))
            return


def _carries_on_running(w: str, cues: list[tuple], k: int) -> bool:
    """ "sprovodi X, zajedno sa Y", "koji Grad X realizuje od 2018. godine, zajedno sa Y": "together with" right
    after a clause that says who runs the program adds to who runs it."""
    if k == 0 or cues[k - 1][2] != "Implementer" or cues[k - 1][3] not in ("both", "before"):
        return False
    gap = w[cues[k - 1][1] : cues[k][0]]
    return len(gap) <= 250 and "." not in gap.replace(". godine", "") and not _NEW_CLAUSE.search(gap)


def _list_items(ctx: Context, pos: int, plain: bool = False) -> list[Mention]:
    """The actor each item of a bulleted or numbered list after `pos` opens with (items up to the first line that
    is not one)."""
    w = ctx.working
    out: list[Mention] = []
    bulleted: bool | None = None  # a list is bulleted or plain throughout
    for line in _LINE.finditer(w, pos):
        text = line.group()
        if not text.strip():
            continue
        bullet = _BULLET.match(text)
        if bulleted is None:
            bulleted = bullet is not None
            if not bulleted and not plain:
                break
        if bulleted != (bullet is not None):
            break
        if bullet is None:
            # "Projekat sprovode:" and one name a line, no bullets: a line that is a name and nothing more
            named = _name_line(ctx, line.start(), line.end())
            if named is not None:
                out.append(named)
                continue
            if _UNKNOWN_NAME_LINE.fullmatch(text.strip()) and not mostly_capitals(text):
                continue  # a name of the list that no recogniser knows ("Solidaritätsdienst-international e. V.")
            break
        start = line.start() + bullet.end()
        opening = (m for m in ctx.mentions if m.kind in ACTOR_KINDS and start <= m.start <= start + 3)
        first = next((m for m in opening if m.end <= line.end()), None)
        if first is not None:
            out.append(first)
    return out


def _name_line(ctx: Context, start: int, end: int) -> Mention | None:
    """The actor a line names when the line holds nothing else: beside the name only an acronym in brackets, a
    seat ("iz Beograda") or a legal form's short words ("e. V.")."""
    inside = [m for m in ctx.mentions if start <= m.start and m.end <= end]
    actors = [m for m in inside if m.kind in ACTOR_KINDS]
    if not actors or len(actors) > 2 or end - start > 120:
        return None
    rest = ctx.working[start:end]
    for m in sorted(inside, key=lambda m: -m.start):
        rest = rest[: m.start - start] + rest[m.end - start :]
    rest = regex.sub(r"\([^()]*\)|[,.;:„“”\"–-]", " ", rest)
    if len([x for x in rest.split() if x not in ("iz", "u", "sa", "e", "V", "d", "o")]) > 1:
        return None
    return actors[0]


@lru_cache(maxsize=1)
def _agreement_complements() -> regex.Pattern[str]:
    """An agreement noun's "o ..." complement: up to four lower-case words joined by "i"."""
    nouns = patterns.agreement_about_nouns()
    return regex.compile(r"\b(?:" + "|".join(map(regex.escape, nouns)) + r")\w*\s+o\s+(?:\p{Ll}+(?:\s+i)?\s*){1,4}")


# "X (je) jedna od N opština (u Srbiji)," before a relative pronoun
_ONE_OF = regex.compile(
    r"\s+(?:je\s+)?jed(?:an|na|no)\s+(?:je\s+)?od\s+(?:\d+|\p{L}+)\s+\p{L}+(?:\s+\p{L}+)?(?:\s+u\s+\p{Lu}\p{L}+)?\s*,?\s*$"
)
_SUBJECT_RELATIVE = regex.compile(r"\b(?:koji|koja|koje)\b", regex.I)


def _antecedent_subject(w: str, actors: list[Mention], from_pos: int, cue_start: int) -> list[Mention]:
    """ "... sa opštinom Gadžin Han koja je već uplatila 4,1 milion": a subject relative pronoun right after an
    actor it agrees with makes that actor the subject of the clause's verb."""
    rel = None
    for m in _SUBJECT_RELATIVE.finditer(w, from_pos, cue_start):
        rel = m
    if rel is None or any(rel.end() <= a.start < cue_start for a in actors):
        return []
    # ("udruženje „Praksis“ (koje realizuje program UNHCR-a)": the clause may open a parenthesis)
    # ("Udruženje „Sunce“ iz Vranja, koje sprovodi ...": a seat may stand between the actor and the pronoun)
    ante = [a for a in _outermost(actors) if a.end <= rel.start() and _TO_RELATIVE.fullmatch(w, a.end, rel.start())]
    if ante and relative_agrees(rel.group().lower(), ante[-1].surface.split()):
        return ante[-1:]
    # "Opština Palilula jedna je od šest opština u Srbiji koja je ...": the one of many is the clause's subject
    one_of = _ONE_OF.search(w, max(0, rel.start() - 80), rel.start())
    if one_of is not None:
        return [a for a in _outermost(actors) if a.end <= one_of.start() and not w[a.end : one_of.start()].strip()][-1:]
    return []


def _runs_the_support(w: str, prev_cue: tuple, cs: int, actors: list[Mention]) -> bool:
    """The cue at cs is the verb of a relative clause on a supporting programme named after "uz podršku", or on the
    supporter itself when the clause's subject acts on someone's behalf ("uz podršku Nemačke razvojne saradnje,
    koji implementira KfW u ime Vlade Nemačke": who carries out the supporter's support funds the supported;
    "uz podršku SIDA koju realizuje Misija OEBS-a" stays the work's implementer)."""
    _s, prev_end, prev_role, prev_where, _text, _subject_role = prev_cue
    supporter = next((a for a in actors if prev_end <= a.start <= prev_end + 2), None)
    if supporter is not None and not _principals(w, [a for a in actors if cs < a.start < cs + 120]):
        supporter = None
    return (
        prev_role == "Funder"
        and prev_where == "after"
        and (patterns.context_cue("support-source").match(w, prev_end) is not None or supporter is not None)
        and _RELATIVE.search(w, prev_end, cs) is not None
    )


def _principals(w: str, actors: list[Mention]) -> list[Mention]:
    """ "u ime Vlade Republike Nemačke – Ministarstva za ekonomsku saradnju": the actors on whose behalf the
    clause's subject acts, with an apposition after a dash."""
    out: list[Mention] = []
    for a in actors:
        if patterns.context_cue("on-behalf").search(w, max(0, a.start - 10), a.start) or (
            out and _APPOSITION.fullmatch(w, out[-1].end, a.start)
        ):
            out.append(a)
    return out


def _reflexive(w: str, cs: int, ce: int) -> bool:
    """ "Program X realizuje se od 2016.": a reflexive passive has no subject that acts."""
    return bool(
        patterns.context_cue("reflexive-after").match(w, ce)
        or patterns.context_cue("reflexive-before").search(w, max(0, cs - 4), cs)
    )


def _subject_of_next(w: str, prev: Mention, last: Mention, next_cue: int) -> bool:
    """The last actor of a comma list stands right before the next cue verb: it is that verb's subject."""
    return bool(_COMMA.fullmatch(w, prev.end, last.start)) and _NAME_TAIL.fullmatch(w, last.end, next_cue) is not None


def _after_title(w: str, a: Mention) -> bool:
    """ "predsednik opštine Knjaževac", "direktorka Doma zdravlja": the actor is the complement of a title before it."""
    prev = WORD_BEFORE.search(w, max(0, a.start - 30), a.start)
    return prev is not None and fold(prev.group(1)) in _title_words()


def _can_be_subject(a: Mention) -> bool:
    return "nom" in phrase_case(a.surface.split())


def _after_common_noun(w: str, a: Mention) -> bool:
    """ "aplicirao je na javni poziv Ministarstva za rad i dobio sredstva": a name right after a common noun is
    that noun's genitive attribute, not the clause's subject."""
    before = _WORD_RIGHT_BEFORE.search(w, max(0, a.start - 30), a.start)
    if before is None or not before.group(1).islower():
        return False
    word = before.group(1)
    return fold(word) not in patterns.word_list("function_words.csv") and not _is_verb_form(word)


def _attribute_of_noun(w: str, a: Mention) -> bool:
    """ "Novcem Evropske unije", "donatorstvom IOM-a": a name right after a noun in an oblique case is that noun's
    genitive attribute, not a clause's subject."""
    before = _WORD_RIGHT_BEFORE.search(w, max(0, a.start - 30), a.start)
    if before is None or fold(before.group(1)) in patterns.word_list("function_words.csv"):
        return False
    return bool(phrase_case([before.group(1)])) and not phrase_case([before.group(1)]) & {"nom", "acc", "gen"}


def _correct_typos(low: str) -> str:
    """Cue verbs with one letter too many or missing inside the stem ("sporovodi", "finasira"), spelled right;
    every word keeps its length so offsets stay valid."""
    # Most sentences have no typo: look first (no Python call per word), substitute only when one is found.
    if all(_fix_word(word) == word for word in _LONG_WORD.findall(low)):
        return low
    return _LONG_WORD.sub(lambda m: _fix_word(m.group()), low)


@lru_cache(maxsize=1)
def _long_cue_stems() -> tuple[str, ...]:
    """The cue stems a typo is corrected towards (7 letters or more), in cue_stems' order."""
    return tuple(st for st in patterns.cue_stems() if len(st) >= 7)


@lru_cache(maxsize=1)
def _long_cue_stems_by_letter() -> dict[str, tuple[str, ...]]:
    """The long cue stems by their first letter, each group in cue_stems' order (a typo keeps the first letter)."""
    out: dict[str, list[str]] = {}
    for st in _long_cue_stems():
        out.setdefault(st[0], []).append(st)
    return {letter: tuple(group) for letter, group in out.items()}


@lru_cache(maxsize=1)
def _ijekavian_cue_stems() -> tuple[str, ...]:
    """The cue stems an ijekavian spelling is read towards (6 letters or more: "dodeli", "opredeli")."""
    return tuple(st for st in patterns.cue_stems() if len(st) >= 6)


@lru_cache(maxsize=1)
def _cue_lookalikes() -> tuple[str, ...]:
    return tuple(patterns.word_list("cue_lookalikes.csv"))


@lru_cache(maxsize=50_000)
def _fix_word(word: str) -> str:
    # (the stems and look-alikes are built once, not once a word: most words of a text are new to this cache)
    if len(word) < 8 or word.startswith(_long_cue_stems()) or NOMINALISATION.search(word):
        return word  # "sprovođenje" is the act, not who does it
    if word.startswith(_cue_lookalikes()):
        return word  # "konkursa" is a call, not "konkurisa" missing a letter
    # "opredijelilo", "obezbijedila": the ijekavian spelling of a cue verb reads as the ekavian one (a reflex in the
    # stem, within its first ten letters)
    for ekavian in ekavian_variants(word, within=10):
        if ekavian.startswith(_ijekavian_cue_stems()):
            return ekavian.ljust(len(word))
    for st in _long_cue_stems_by_letter().get(word[0], ()):
        # A letter too many or missing inside the stem, never a changed one or a first one: those turn real
        # words into cues ("finansijsku" -> "finansir-", "održavale" -> "podržava-").
        for cut in (len(st) + 1, len(st) - 1):
            head = word[:cut]
            if len(word) < cut or st.startswith(head):
                continue  # ("finansijsku" is "finansi-" + j, not "finansir-" missing its r)
            if Levenshtein.distance(head, st) == 1:
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
    principals = _principals(w, between)  # "koji u ime Vlade X – Ministarstva Y implementira Z": Z is the subject
    between = [a for a in between if a not in principals]
    return _coordinated(w, between) if between else []


def _coordinated(w: str, actors: list[Mention]) -> list[Mention]:
    """The first actor and those joined to it by commas or "i"."""
    out = [actors[0]]
    joined = 0  # conjunctions or commas so far (a bare space joins an apposition: "organizacija ... GIZ")
    # "sprovode: Caritas Srbije; Praxis; Udruženje X": after a colon, semicolons part the list's members
    colon = w[max(0, out[0].start - 3) : out[0].start].rstrip().endswith(":")
    for a in actors[1:]:
        gap = w[out[-1].end : a.start]
        if colon and rx.fullmatch(r"\s*;\s*", gap):
            out.append(a)
            joined += 1
            continue
        if rx.fullmatch(r"\s*,\s*i\s*", gap) and not joined:
            break  # "A, koji realizuje B, i C potpisali su": the comma closes an inserted clause; C joins A
        # "Udruženje romskih studenata iz Novog Sada i ...": a seat after a list member does not end the list.
        if rx.fullmatch(_SEAT + r"\s*,\s*", gap) and _PREDICATE_AFTER.match(w, a.end) and _can_be_subject(a):
            break  # "U saradnji sa GIZ-om, Crveni krst Subotice će podeliti ...": the clause's subject, after a comma
        # "... Vlade Republike Srbije (SIPRU) i lokalnim samoupravama", "..., kao i sa Timom ...": an acronym in
        # brackets after a member, and "kao i sa" before the next, keep the list going
        if rx.fullmatch(_SEAT + _JOINER, gap) or _titled_member(gap) or _lsg_members_after(gap, a):
            out.append(a)
            joined += bool(gap.strip())
        else:
            break
    return out


def _entrusted_clause(w: str, cues: list[tuple], k: int) -> bool:
    """ "poverila je Konzorcijumu da sprovedu projekat": the verb after "da" is the dative's, whom the work was
    entrusted to; the subject of "poveriti" does not carry it out."""
    return k > 0 and cues[k - 1][4].startswith("pover") and _DA_BEFORE.search(w, max(0, cues[k][0] - 5), cues[k][0])


def _lsg_members_after(gap: str, a: Mention) -> bool:
    """ "u partnerstvu sa Centrom X i opštinama Lajkovac, Ljig i Mionica": a plural noun for local governments
    (lsg_list_leads.csv) after "i" goes on with the list, its members the local governments named after it."""
    m = rx.fullmatch(r"\s*[“”\x22»]?\s*(?:,\s*)?(?:i|kao i)\s+(\p{L}+(?:\s+\p{L}+){0,2})\s+", gap)
    return a.kind == "lsg" and m is not None and lsg_list_lead_regex().fullmatch(m.group(1).lower()) is not None


def _titled_member(gap: str) -> bool:
    """ "ministarka za ljudska prava i gradonačelnik Leskovca": a list member named by its head's title (the office
    in the genitive after it is the actor)."""
    m = rx.fullmatch(r"\s*(?:,\s*i|,|i|kao i)\s+(\p{L}+)\s*", gap)
    return m is not None and fold(m.group(1)) in _title_words()


def _coordinated_back(w: str, actors: list[Mention]) -> list[Mention]:
    out = [actors[-1]]
    for a in reversed(actors[:-1]):
        gap = w[a.end : out[0].start]
        if rx.fullmatch(_SEAT + r"(?:,|i|,\s*i)?\s*", gap):
            out.insert(0, a)
        else:
            break
    return out


_LISTED_RULES = ("program.listed-quoted", "program.counted-title")


def _co_listed(ctx: Context, sent: Sentence, program: str) -> list[str]:
    """ "finansirali su dva projekta „A“ ... i „B“", "tri projekta finansirana iz EU: A, B, C": the programs listed
    after one plural program word (rules program.listed-quoted and program.counted-title, recognise/programs.py)
    share what the sentence says of the list's first."""
    here = [m for m in ctx.mentions if m.kind == "program" and sent.start <= m.start < sent.end]
    first = next((m for m in here if ctx.key(m) == program), None)
    if first is None:
        return []
    return [ctx.key(m) for m in here if m.rule in _LISTED_RULES and m.start >= first.end and ctx.key(m) != program]


_WITH_PROJECT = regex.compile(r"\b(?:projekt|program)om\b", regex.IGNORECASE)


def _program_for_cue(ctx: Context, refs: list[ProgramRef], cs: int, ce: int, verb: bool = False) -> str | None:
    inside = [r for r in refs if cs <= r.start < ce]
    if inside:
        return inside[0].key  # "nosilac projekta"
    # "X je aplicirao na programu „P“, sa projektom „Q“", "konkurisalo je projektom „Q“": the project one applies
    # with (a programme word in the instrumental) is what the applicant carries out, not the programme applied to
    if patterns.context_cue("applied").match(ctx.working, cs):
        with_ = next(
            (r for r in refs if r.start >= ce and _WITH_PROJECT.search(ctx.working, max(ce, r.start - 45), r.end)), None
        )
        if with_ is not None:
            return with_.key
    # "Grad Niš u okviru Programa „X“, sprovodi projekat „Y“": the program right after a verb is its object, the one
    # it carries out or funds, whatever program the sentence named before ("uz podršku programa „Z“" names the
    # supporter, not the supported: only a verb has an object)
    obj = next((r for r in refs if ce <= r.start <= ce + 1), None) if verb else None
    if obj is not None:
        return obj.key
    before = [r for r in refs if r.end <= cs]
    # "Sredstva za projekat je odredila EU iz programa IPA 2013, a Ministarstvo je odredilo sufinansiranje": a
    # program the money comes out of is the source, not what the clause funds
    before = [r for r in before if not _SOURCE.search(ctx.working, max(0, r.start - 20), r.start)] or before
    if before and _framed(ctx, before[-1]) and not _RELATIVE.search(ctx.working, before[-1].end, cs):
        # "navedeni projekat u okviru IPA programa ... provode X": the frame is not what the verb speaks of (a
        # relative clause right after the frame is: "u okviru programa X, koji finansira EU")
        before = [r for r in before if not _framed(ctx, r)] or before
    if before:
        return before[-1].key
    after = [r for r in refs if r.start >= ce]
    if after:
        return after[0].key
    if ctx.history:
        return ctx.history[-1].key
    # A project page that lists its partners before it names the project (close by: a program named
    # paragraphs later is another subject, "Potpisani sporazumi ... Program usavršavanja organizovala je ...")
    later = [m for m in ctx.mentions if m.kind == "program" and ce <= m.start <= ce + _LATER_PROGRAM_REACH]
    return ctx.key(later[0]) if later else None


def card_roles(ctx: Context) -> None:
    """A project card: a label on a line of its own ("Donator", "Partneri", data/patterns/card_labels.csv) and the
    actors on the next line that is not empty have that role in the card's program (the first program the text
    names)."""
    w = ctx.working
    labels = patterns.card_labels()
    if ctx.card_labels is None:
        ctx.card_labels = patterns.card_label_matches(w)
    found = ctx.card_labels
    programs = [m for m in ctx.mentions if m.kind == "program"] if found else []
    if not programs:
        return
    program = ctx.key(programs[0])
    for line in found:
        role = labels[line.group(1).lower()]
        value = _NEXT_LINE.match(w, line.end())
        if value is None or value.group(1).strip().rstrip(":").strip().lower() in labels:
            continue  # ("Donator" / "Partneri" / ...: a label with its value displaced is left alone)
        actors = [m for m in ctx.mentions if m.kind in ACTOR_KINDS and value.start(1) <= m.start < value.end(1)]
        # ("Nosilac projekta:" / "Ministarstvo X" / "Agencija Y": a value may run over several lines, a name a line)
        more = _NEXT_LINE.match(w, value.end())
        while more is not None and (named := _name_line(ctx, more.start(1), more.end(1))) is not None:
            actors.append(named)
            more = _NEXT_LINE.match(w, more.end())
        for a in _outermost(actors):
            _relate(ctx, program, role, ctx.key(a), Span(a.start, a.end, f"role.card-label({line.group(1)})"))
