"""Numbers as the genre writes them: "32", "1.200.000", "2,5 miliona", "dva", "40%", "50 odsto"."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from rikg.loaders import rx
from rikg.loaders.normalise import fold
from rikg.loaders.patterns import context_cue, indicators, number_words, qualifiers, word_list
from rikg.loaders.tokens import Token

_OPENS_BEFORE = r"(?:[.!?:\n]|^[ \t]*[•▪·*–-])\s*$"  # before a word that opens a sentence or a list item
_TENS = frozenset(float(n) for n in range(20, 100, 10))
# ("12.6 miliona evra": a decimal point before a multiplier is no thousands separator; "€ 148,316.40" and
# "1,250,000": English grouping in donors' budget tables, read whole before the Serbian forms)
_DIGITS = regex.compile(
    # ("6,918.352,40 РСД": groups of three split by either mark, the decimals after the last comma)
    r"\d{1,3}(?:,\d{3})+\.\d{3}(?:[.,]\d{3})*,\d{2}(?!\d)"
    r"|\d{1,3}(?:,\d{3})+\.\d{1,2}(?!\d)|\d{1,3}(?:,\d{3}){2,}(?![\d,])"
    r"|\d+\.\d{1,2}(?=\s+(?:milion|milijard|hiljad))"
    # ("1.000. 000 dinara": a stray space after the last thousands dot, before a group of noughts)
    r"|\d{1,3}(?:\.\d{3})*\.\s000(?!\d)"
    r"|\d{1,3}(?:[.\u00a0 ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d+"
)


@dataclass
class Quantity:
    start: int  # first character of the number (or qualifier)
    end: int  # after the number (and multiplier)
    value: float
    qualifier: str  # a concept of rikg:Qualifiers
    number_end_token: int  # index of the last token of the number
    rule: str


def parse_digits(text: str) -> float | None:
    t = text.replace("\u00a0", "").replace(" ", "")
    if rx.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d{3}(?:[.,]\d{3})*,\d{2}", t):
        whole, decimals = t.rsplit(",", 1)
        return float(whole.replace(",", "").replace(".", "") + "." + decimals)
    if rx.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d{1,2}", t):
        return float(t.replace(",", ""))  # "148,316.40": English grouping with decimals
    if rx.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        # "410,000 evra": English thousands (a multiplier after it makes the comma decimal, see find_quantities)
        return float(t.replace(",", ""))
    if rx.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        t = t.replace(".", "").replace(",", ".")
    elif rx.fullmatch(r"\d+,\d+", t):
        t = t.replace(",", ".")
    elif rx.fullmatch(r"\d+\.\d{1,2}", t):
        pass
    elif not t.isdigit():
        return None
    try:
        return float(t)
    except ValueError:
        return None


# the multipliers' singular forms, which alone mean one ("više od milion evra")
_SINGULAR_MULTIPLIERS = frozenset({"milion", "milijun", "milijarda", "milijardu"})


@cache
def _words() -> tuple[dict[str, tuple[int, str]], frozenset[str]]:
    words = {fold(k): v for k, v in number_words().items()}
    return words, frozenset(k for k, (_, kind) in words.items() if kind == "cardinal")


@cache
def _qualifier_regex() -> regex.Pattern[str]:
    """One alternation of every qualifier phrase, longest first, anchored before the number."""
    alts = "|".join(f"(?P<q{i}>{regex.escape(p)})" for i, (p, _) in enumerate(qualifiers()))
    return regex.compile(rf"(?:^|\s)(?:{alts})\s+$")


def find_quantities(working: str, tokens: list[Token]) -> list[Quantity]:
    words, cardinals = _words()
    quals = qualifiers()
    qual_rx = _qualifier_regex()
    out: list[Quantity] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        value: float | None = None
        rule = ""
        last = i
        if t.text[0].isdigit():
            m = _DIGITS.match(working, t.start)
            if m:
                value = parse_digits(m.group())
                rule = "number.digits"
                while last + 1 < len(tokens) and tokens[last + 1].end <= m.end():
                    last += 1
        elif (
            t.folded in cardinals
            and t.text.lower() not in word_list("number_word_lookalikes.csv")
            and not (
                # "okrugli sto" is a round table, not a hundred
                t.folded == "sto" and i and tokens[i - 1].folded.startswith("okrugl")
            )
            and (
                t.text.islower()
                or (
                    t.text[1:].islower()
                    # (or a list item's: "• Sedam edukativnih radionica")
                    and (t.start == 0 or rx.search(_OPENS_BEFORE, working[max(0, t.start - 3) : t.start]))
                )
            )
        ):  # "Jedanaest porodica dobilo je ključeve": a number word may open a sentence
            value = float(words[t.folded][0])
            rule = "number.word"
            if value == 1 and context_cue("indefinite-count").match(working, t.end):
                i += 1  # "jedan broj Roma", "jedan deo sredstava": some, not one
                continue
            # "dvadeset i tri", "trideset pet": tens and units are one number
            if value in _TENS:
                j = last + 1
                if j < len(tokens) and tokens[j].folded == "i":
                    j += 1
                unit = words.get(tokens[j].folded) if j < len(tokens) else None
                # ("trideset jednom gradu": a unit in an oblique case counts only after the tens)
                if unit and unit[1] in ("cardinal", "unit-form") and 1 <= unit[0] <= 9:
                    value += unit[0]
                    last = j
        elif (
            t.text.islower()
            and words.get(t.folded, (0, ""))[1] == "multiplier"
            and (
                (i + 2 < len(tokens) and tokens[i + 1].folded == "i" and tokens[i + 2].folded == "po")
                or (i + 1 < len(tokens) and tokens[i + 1].folded == "ipo")
            )
        ):
            value = float(words[t.folded][0])  # "milion i po evra": the multiplier alone is one of them
            rule = "number.word"
        elif (
            t.text.islower()
            and t.folded in _SINGULAR_MULTIPLIERS
            and t.folded in words
            and i + 1 < len(tokens)
            # (a currency right after it: a noun of data/patterns/indicators.csv counted as an amount of money)
            and indicators().get(tokens[i + 1].text.lower(), ("", ""))[0] == "FundingAmount"
        ):
            value = float(words[t.folded][0])  # "više od milion evra": the multiplier alone is one of them
            rule = "number.word"
        if value is None:
            i += 1
            continue
        # "devet (9) lokalnih samouprava": the digits in parentheses repeat the number word
        if (
            last + 3 < len(tokens)
            and tokens[last + 1].text == "("
            and tokens[last + 3].text == ")"
            and tokens[last + 2].text.isdigit()
            and float(tokens[last + 2].text) == value
        ):
            last += 3
        # "tri i po miliona", "milion i po evra": "i po" adds a half of what it follows
        if last + 2 < len(tokens) and tokens[last + 1].folded == "i" and tokens[last + 2].folded == "po":
            value = value * 1.5 if value >= 1000 and rule == "number.word" else value + 0.5
            last += 2
        elif last + 1 < len(tokens) and tokens[last + 1].folded == "ipo":  # "milion ipo", written as one word
            value = value * 1.5 if value >= 1000 and rule == "number.word" else value + 0.5
            last += 1
        # A multiplier after the number: "2,5 miliona", "15 hiljada"; "3,200 miliona" is decimal after all.
        if last + 1 < len(tokens):
            nxt = tokens[last + 1]
            w = words.get(nxt.folded)
            # ("31 hiljadu kilograma": the cardinal "hiljadu" after digits multiplies them)
            if w and (w[1] == "multiplier" or (w[0] == 1000 and t.text[0].isdigit())):
                raw = working[t.start : tokens[last].end]
                if rx.fullmatch(r"\d+,\d{3}", raw):
                    value = float(raw.replace(",", "."))
                value *= w[0]
                last += 1
                rule += "+multiplier"
                if (
                    len(nxt.folded) <= 4  # an abbreviation ("mil.", "mlrd."), not a word that ends a sentence
                    and last + 1 < len(tokens)
                    and tokens[last + 1].text == "."
                    and tokens[last + 1].start == nxt.end
                ):
                    last += 1  # "1,2 mil. evra": the abbreviation's full stop belongs to it
            else:
                # "od 35 do 65 hiljada evra": the lower bound shares the upper bound's multiplier.
                rng = rx.match(
                    r"\s*(?:do|-|–)\s*\d[\d.,]*\s+(\p{L}+)", working[tokens[last].end : tokens[last].end + 30]
                )
                mult = words.get(fold(rng.group(1))) if rng else None
                if mult and mult[1] == "multiplier":
                    value *= mult[0]
                    rule += "+shared-multiplier"
        start = t.start
        qualifier = "Exact"
        before = working[max(0, t.start - 14) : t.start].lower()
        m = qual_rx.search(before)
        if m:
            index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
            qualifier = quals[index][1]
            start = t.start - (len(before) - m.start()) + (1 if m.group().startswith(" ") else 0)
        out.append(Quantity(start, tokens[last].end, value, qualifier, last, rule))
        i = last + 1
    return out
