"""Outcomes: numbers (numbers.py, number words) with the noun they count after them
(data/patterns/indicators.csv), qualifiers, sub-counts ("od kojih"), amounts of money without a currency,
the period a number covers and, for persons, the indicator the nearest cue names; the program in focus.
Background statistics are left out (data/patterns/background_cues.csv).
"""

from __future__ import annotations

import bisect
from functools import cache

import regex

from rikg.loaders import patterns, rx
from rikg.loaders.extract.base import Context, ProgramRef
from rikg.loaders.extract.references import _current
from rikg.loaders.facts import (
    Mention,
    Outcome,
    Span,
)
from rikg.loaders.morphology import stem_key
from rikg.loaders.normalise import fold
from rikg.loaders.numbers import Quantity
from rikg.loaders.segment import Sentence

# "čija (je) vrednost", "njegova ukupna vrednost", "njen budžet": a value the pronoun gives its owner
_THEM_BEFORE = regex.compile(r"\bnjih\s+$", regex.I)  # "njih 163"
_THEM_AFTER = regex.compile(r"\s+njih\b", regex.I)  # "11 njih"
_POSSESSIVE_VALUE = rx.compiled(
    r"\b(?:čij|njegov|njen)\p{L}*\s+(?:\p{L}+\s+){0,2}(?:vrednost|budžet|iznos)\p{L}*", regex.I
)
_SUBCOUNT_CUE = regex.compile(
    r"(?:od\s+kojih|od\s+čega|među\s+kojima|uključujući|od\s+toga)(?:\s+\p{L}{1,3})?\s*$", regex.I
)
# a bare number right before a verb in the past (the subject of "pokrenulo", "su dobili")
_BARE_SUBJECT = regex.compile(r"\s+(?:(?:je|su)\s+)?\p{Ll}{3,}(?:lo|la|li|le)\b")
# a count whose noun is left out after the first of a list: "7 porodica iz Bačkog Gračaca, 2 iz Deronja",
# "četiri obuke za manikir, četiri za poslastičarke"
_ELLIPSIS = regex.compile(r"\s+(?:iz|za|na|u)\s+\S")
_PURPOSE_CUE = regex.compile(
    r"\s+za\s+(?:(?:realizacij|sprovođenj|finansiranj|sufinansiranj|implementacij)\p{L}*\s+)?", regex.I
)
_ISO_CODE = regex.compile(r"[A-Z]{3}")
_REPEATED_IN_BRACKETS = regex.compile(r"\(\s*\d+\s*\)")  # "četiri (4)"
_STOPWORDS = frozenset("je su će bi koji koja koje koju kao da se od na kroz iz za sa u i a ali te što kada".split())
# "jedan inovativni projekat": "one" before these nouns reads as an article, not as a reported count
_ARTICLE_LIKE_UNITS = frozenset({"projects", "grants", "contracts", "applications", "settlements", "organisations"})


# where a clause of its own begins: "..., da u naselju živi oko 2.300 ljudi", "..., i da u naselju živi ...", "..., a za
# narednu godinu ...", a full stop with no space after it ("... koje joj pristupaju.Evropska unija izdvojila je ..."),
# a comma before the next count of a list ("Od ukupno 160 porodica, 9 porodica se odlučilo ..., 105 porodica ...")
_CLAUSE_BREAK = regex.compile(r",\s*(?:a|da|i da|dok|ali|što|kao i)\s|;\s|\.(?=\p{Lu})|,\s+(?=\d)")


# a running head in capitals after a page number at the start of a line ("1 REPUBLIKA SRBIJA ZAŠTITNIK GRAĐANA")
_PAGE_HEADER = regex.compile(r"[^\S\n]+\p{Lu}{2,}[^\S\n]+\p{Lu}{2,}")


def _clause(w: str, sent: Sentence, at: int) -> tuple[int, int]:
    """The clause of the sentence that holds the position (a background cue speaks for its own clause only:
    "vrednost projekta iznosi 1,4 miliona evra, da u naselju živi oko 2.300 ljudi")."""
    start, end = sent.start, sent.end
    for m in _CLAUSE_BREAK.finditer(w, sent.start, sent.end):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


# an adverb made of an adjective, before another adjective ("socijalno ugroženih", "visoko obrazovanih")
_ADVERB_OF_ADJECTIVE = regex.compile(r"\p{Ll}{3,}(?:sk|čk|n|ln|dn|rn|vn|čn)o")
# an amount written the accountant's way: thousands parted by dots and two decimals after a comma
_ACCOUNTING_AMOUNT = regex.compile(r"\d{1,3}(?:\.\d{3})+,\d\d")
# a year right after a name in capitals ("IPA 2016", "EU PRO 2019") and the year itself
_YEAR_OF_NAME = regex.compile(r"\b\p{Lu}{2,}\s+$")
_YEAR = regex.compile(r"(?:19|20)\d\d")


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
        if w[max(0, q.start - 2) : q.start][:1].isdigit() and w[q.start - 1 : q.start] == ":":
            continue  # the minutes of a time ("u 19:05"), no count
        if _PAGE_HEADER.match(w, last_tok.end) and not w[w.rfind("\n", 0, q.start) + 1 : q.start].strip():
            continue  # "1 СЛУЖБЕНИ ЛИСТ ОПШТИНЕ БЕЧЕЈ": a page's number before its running head in capitals
        if _YEAR_OF_NAME.search(w, max(0, q.start - 12), q.start) and _YEAR.fullmatch(w, q.start, last_tok.end):
            continue  # "kroz IPA 2016 direktni grant": the year of a programme's name, no count
        if (
            rx.match(r"\.\s*\p{Ll}", w[last_tok.end : last_tok.end + 3])
            and q.rule == "number.digits"
            and not rx.match(r"\.\d", w[last_tok.end : last_tok.end + 2])
        ):
            continue  # an ordinal: "1. maja", "3. faza"
        cs, ce = _clause(w, sent, q.start)
        if patterns.background_cues().search(w[cs:ce].lower()):
            continue
        subcount = _SUBCOUNT_CUE.search(w[max(sent.start, q.start - 25) : q.start])
        found = _counted_noun(ctx, q, indicators) or _raised_count(ctx, q, indicators)
        prior_total = ctx.doc.outcomes[-1] if ctx.doc.outcomes and len(ctx.doc.outcomes) > first_in_sentence else None
        if (
            found is None
            and prior_total is not None
            and (
                subcount
                or _BARE_SUBJECT.match(w, ctx.tokens[q.number_end_token].end)
                or _ELLIPSIS.match(w, ctx.tokens[q.number_end_token].end)
            )
        ):
            # "35 romskih kuća, od kojih 14 u naselju Podvorce": the part counts what its total counts; "zaposleno
            # je 35 Roma, dok je 12 pokrenulo sopstveni posao": a bare number as a verb's subject counts the same.
            found = (prior_total.indicator, prior_total.unit, ctx.tokens[q.number_end_token].end)
        if found is None and (
            _THEM_BEFORE.search(w, max(sent.start, q.start - 8), q.start) or _THEM_AFTER.match(w, last_tok.end)
        ):
            # "od 200 dece njih 163 dobilo je pribor", "11 njih dolazi povremeno": "them" counts what was counted
            # last (people, unless the text counted something else)
            earlier = ctx.doc.outcomes[-1] if ctx.doc.outcomes else None
            them = (earlier.indicator, earlier.unit) if earlier else ("Beneficiaries", "persons")
            after_them = _THEM_AFTER.match(w, last_tok.end)
            found = (*them, after_them.end() if after_them else last_tok.end)
        if found is None:
            found = _amount_without_currency(ctx, sent, q)
        if found is None or found[0] == "-":
            continue
        indicator, unit, noun_end = found
        if q.rule.startswith("number.word") and q.value == 1 and unit in _ARTICLE_LIKE_UNITS:
            continue  # "jedan inovativni projekat", "jednog paketa": an article more than a count
        # an ISO 4217 code from data/patterns/indicators.csv ("money" is an amount whose currency is not given)
        currency = unit if indicator == "FundingAmount" and _ISO_CODE.fullmatch(unit) else None
        if unit == "persons":
            indicator = _refine_person_indicator(ctx, sent, q, indicator)
            if indicator == "-":
                continue  # "konferenciji je prisustvovalo 50 predstavnika": attendance, not a result
        program = (
            _card_value(ctx, q.start)
            or _purpose(ctx, refs, noun_end)
            or _possessor(ctx, refs, sent, q.start)
            or _current(ctx, refs, q.start)
        )
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
            elif unit == "percent" and not refs:
                # "oko 65 odsto Roma živi ...": a share in a sentence that neither names the program nor counts
                # anything of it is background ("projekat je sufinansirao sa 30%" names it)
                continue
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


def _card_value(ctx: Context, at: int) -> str | None:
    """A project card ("Naziv projekta: / P / ... / Vrednost investicije: / Sredstva ... iznose 8.700.000 evra"): a
    number in the value of a card's field belongs to the card's program (the first the text names), whatever program
    the card's other fields spoke of last. A card is a text with a role label on a line of its own ("Donator",
    "Nosilac projekta": data/patterns/card_labels.csv)."""
    w = ctx.working
    if ctx.card_program is None:
        if ctx.card_labels is None:
            ctx.card_labels = patterns.card_label_matches(w)
        labelled = bool(ctx.card_labels)
        firsts = [m for m in ctx.mentions if m.kind == "program"]
        ctx.card_program = ctx.key(min(firsts, key=lambda m: m.start)) if labelled and firsts else ""
    if not ctx.card_program:
        return None
    line_start = w.rfind("\n", 0, at) + 1
    if _card_field().match(w, line_start, at):
        return ctx.card_program  # "Budžet projekta: 2.318.000 CHF"
    prev_end = line_start - 1
    while prev_end > 0 and not w[w.rfind("\n", 0, prev_end) + 1 : prev_end].strip():
        prev_end = w.rfind("\n", 0, prev_end)  # skip empty lines
    prev = w[w.rfind("\n", 0, prev_end) + 1 : prev_end] if prev_end > 0 else ""
    return ctx.card_program if _card_field().fullmatch(prev.strip()) else None


@cache
def _card_field() -> regex.Pattern[str]:
    """A card's field: a field word (data/patterns/card_fields.csv) and up to three more words on its line before a
    colon ("Vrednost investicije:", "Budžet projekta:")."""
    words = "|".join(sorted(patterns.word_list("card_fields.csv"), key=len, reverse=True))
    return regex.compile(rf"[^\S\n]*(?:{words})\p{{L}}*(?:[^\S\n]+\p{{L}}+){{0,3}}[^\S\n]*:", regex.I)


def _possessor(ctx: Context, refs: list[ProgramRef], sent: Sentence, at: int) -> str | None:
    """ "u okviru programa „X“, koji sprovodi ministarstvo, a njegova ukupna vrednost je 23 miliona evra", "projekat
    Y, čija vrednost iznosi 720 hiljada evra": a possessive before the value points to the program named last."""
    found = list(_POSSESSIVE_VALUE.finditer(ctx.working, sent.start, at))
    pron = found[-1] if found else None
    if pron is None or at - pron.end() > 30:
        return None
    before = [r for r in refs if r.start < pron.start()]
    return before[-1].key if before else None


def _purpose(ctx: Context, refs: list[ProgramRef], end: int) -> str | None:
    """ "obezbeđeno je dodatnih 2,7 miliona evra za realizaciju programa „X“": an amount given for a program
    named right after it belongs to that program, whatever program the sentence named before."""
    nxt = next((r for r in refs if r.start >= end), None)
    if nxt is None or nxt.start - end > 40:
        return None
    return nxt.key if _PURPOSE_CUE.fullmatch(ctx.working[end : nxt.start]) else None


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
    # A currency before the number: "€ 45.000", "RSD 1.200.000" (only the word right before it: "40 € 239,888.19",
    # two amounts in a row of a table)
    prev = w[max(0, q.start - 5) : q.start].split()[-1:]
    prev = prev[0] if prev else ""
    if prev in indicators and indicators[prev][0] == "FundingAmount" and _ISO_CODE.fullmatch(indicators[prev][1]):
        ind, unit = indicators[prev]
        return ind, unit, ctx.tokens[q.number_end_token].end
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
            repeat = _REPEATED_IN_BRACKETS.match(w, t.start) if t.text == "(" else None
            if repeat is not None:
                # "četiri (4) centra za socijalni rad": the number again in digits, the style of official texts
                j = bisect.bisect_left(ctx.token_starts, repeat.end())
                continue
            if t.text in ".;:!?()":
                return None
            j += 1
            continue
        nxt = ctx.tokens[j + 1] if j + 1 < len(ctx.tokens) else None
        two = f"{t.text.lower()} {nxt.text.lower()}" if nxt is not None else ""
        for cand, end in ((two, nxt.end if nxt is not None else 0), (t.text, t.end), (t.text.lower(), t.end)):
            if cand and cand in indicators:
                ind, unit = indicators[cand]
                return ind, unit, end
        if t.folded in ("i", "ili") and seen and nxt is not None and nxt.is_word and nxt.text.islower():
            j += 1  # "24 mikro i mala preduzeća": adjectives joined before the noun
            continue
        if _ADVERB_OF_ADJECTIVE.fullmatch(t.text) and nxt is not None and nxt.is_word and nxt.text.islower():
            j += 1  # "četiri socijalno ugrožena meštanina": an adverb says how of the adjective after it
            continue
        if t.folded in _STOPWORDS or (t.is_capitalised and not t.is_upper):
            return None
        seen += 1
        j += 1
    return None


def _raised_count(ctx: Context, q: Quantity, indicators: dict[str, tuple[str, str]]) -> tuple[str, str, int] | None:
    """ "Broj zdravstvenih medijatorki povećan je na 90": a number a count was raised to counts the noun after
    "broj" (data/patterns/context_cues.csv, count-raised)."""
    raised = patterns.context_cue("count-raised").search(ctx.working, max(0, q.start - 100), q.start)
    if raised is None:
        return None
    words = raised.group(1).lower().split()
    for cand in [" ".join(words[i : i + 2]) for i in range(len(words) - 1)] + words:
        if cand in indicators:
            ind, unit = indicators[cand]
            return ind, unit, ctx.tokens[q.number_end_token].end
    return None


def _amount_without_currency(ctx: Context, sent: Sentence, q: Quantity) -> tuple[str, str, int] | None:
    """ "Projekat je vredan 3,2 miliona", "Grad je izdvojio oko 24 miliona, a republika oko 15 miliona": a
    number with a multiplier and no counted noun, in a clause about value or funds, is an amount of money."""
    words = patterns.word_list("multiplier_words.csv")
    last = ctx.tokens[q.number_end_token]
    if _ACCOUNTING_AMOUNT.fullmatch(ctx.working, q.start, last.end):
        # "u iznosu od 1.240.600,00", "tražena sredstva: 396.400,00": thousands and two decimals write money
        return "FundingAmount", "money", last.end
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
        if not rx.may_match(cue.pattern, low):
            continue  # (none of the literals the cue requires stands in the sentence)
        for m in cue.pattern.finditer(low):
            d = abs(m.start() - pos)
            if best is None or d < best[0]:
                best = (d, cue.value)
    if best and best[0] < 80:
        return best[1]
    return indicator


def _merge_repeated_outcomes(ctx: Context) -> None:
    """A number a text repeats ("Još 158 pedagoških asistenata" in the headline, "158 pedagoških asistenata" in the
    body) is one result: the same value counting the same noun (unit, currency, place, period) is kept once. The
    body's statement stays, since the program in focus there is the one the number belongs to; a headline's is
    dropped. Sub-counts and their totals are left as they are."""
    outs = ctx.doc.outcomes
    totals = {o.sub_count_of for o in outs if o.sub_count_of is not None}
    drop: set[int] = set()
    for j, later in enumerate(outs):
        if later.sub_count_of is not None or j in totals:
            continue
        for i in range(j):
            first = outs[i]
            if i in drop or first.sub_count_of is not None or i in totals:
                continue
            # (not the indicator: a person count's is refined by the cues of its own sentence)
            same = (first.value, first.unit, first.currency, first.place, first.start_date, first.end_date) == (
                later.value,
                later.unit,
                later.currency,
                later.place,
                later.start_date,
                later.end_date,
            )
            # the same noun counted ("78 medijatorki" / "78 zdravstvenih medijatorki"), in another sentence: a list
            # in one sentence ("450.000 dinara za A i 450.000 dinara za B") counts different things
            # (a headline may count with another word than the body: "PAKETI ZA 340 PORODICA" / "340 domaćinstava")
            headline = _in_headline(ctx.working, first.evidence.start)
            later_headline = _in_headline(ctx.working, later.evidence.start)
            if (
                same
                and (_counted_word(first) == _counted_word(later) or headline or later_headline)
                and not _same_sentence(ctx.working, first, later)
            ):
                drop.add(i if headline or not later_headline else j)
                break
    if not drop:
        return
    keep = [i for i in range(len(outs)) if i not in drop]
    new_index = {old: new for new, old in enumerate(keep)}
    merged = []
    for i in keep:
        o = outs[i]
        if o.sub_count_of is not None:
            o.sub_count_of = new_index[o.sub_count_of]
        merged.append(o)
    ctx.doc.outcomes[:] = merged


def _in_headline(w: str, pos: int) -> bool:
    """The line holding pos is a headline: short, with no full stop at its end, before the body."""
    start = w.rfind("\n", 0, pos) + 1
    end = w.find("\n", pos)
    line = w[start : end if end >= 0 else len(w)].strip()
    return len(line) <= 160 and not line.endswith((".", "!", "?", ":")) and start < len(w) // 2


def _counted_word(o: Outcome) -> str:
    words = rx.findall(r"\p{L}+", o.what.lower())
    return stem_key(fold(words[-1])) if words else ""


def _same_sentence(w: str, a: Outcome, b: Outcome) -> bool:
    lo, hi = sorted((a.evidence.start, b.evidence.start))
    return not rx.search(r"[.!?]\s|\n", w[lo:hi])
