"""Serbian dates in the forms the genre uses, at the precision the text gives.

Matches on the Latin working copy: "13.11.2020. godine", "29. maja 2018.", "u oktobru 2018",
"do decembra 2020. godine", "od 2017. godine", "od juna do septembra", "u periodu od 2018. do kraja
2021.", and relative words ("juče") against a publication date the text states.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import cache

import regex

from rikg.loaders import rx
from rikg.loaders.facts import DateValue
from rikg.loaders.patterns import (
    month_abbreviations,
    month_number,
    month_regex,
    months,
    publication_cues,
    read_rows,
    relative_dates,
)

_DAY = r"(?P<d>[0-3]?\d)"
_YEAR = r"(?P<y>(?:19|20)\d\d)"


def _compile() -> list[tuple[str, regex.Pattern[str]]]:
    mon = month_regex()
    return [
        ("date.numeric", regex.compile(rf"(?<![\d/])\b{_DAY}\.\s?(?P<m>[01]?\d)\.\s?{_YEAR}\b\.?(?!\d)")),
        ("date.numeric-slash", regex.compile(rf"(?<![\d.])\b{_DAY}/(?P<m>[01]?\d)/{_YEAR}\b")),
        ("date.iso", regex.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
        # ("11032015" alone on its line: a content system's day, month and year run together above the text)
        ("date.compact", regex.compile(r"^[ \t]*(?P<d>[0-3]\d)(?P<m>[01]\d)(?P<y>(?:19|20)\d\d)[ \t]*$", regex.M)),
        # ("14.novembra 2023.": the space after the day's dot may be missing)
        ("date.day-month-year", regex.compile(rf"\b{_DAY}(?:\.\s*|\s+)(?P<mon>{mon})\s+{_YEAR}\b\.?", regex.I)),
        # ("02.Dec.2021", "17Dec2013", "9.dec. 2015", "2. dec. 2021.": a day, a month's abbreviation and a year
        # written close; a photo caption may run the year into the next word, "9.dec. 2015konsultativni sastanak")
        (
            "date.day-abbr-year",
            regex.compile(
                rf"(?<![\d.])\b{_DAY}\.?\s?(?P<abbr>{'|'.join(month_abbreviations())})\.?\s?{_YEAR}(?!\d)", regex.I
            ),
        ),
        # ("June 9, 2020": an English content system's date above a copied text)
        ("date.month-day-year", regex.compile(rf"\b(?P<mon>{mon})\s+{_DAY},\s+{_YEAR}\b", regex.I)),
        ("date.day-month", regex.compile(rf"\b{_DAY}\.\s*(?P<mon>{mon})\b(?!\s+(?:19|20)\d\d)", regex.I)),
        ("date.month-year", regex.compile(rf"\b(?P<mon>{mon})\s+(?:mesec\p{{L}}*\s+)?{_YEAR}\b\.?", regex.I)),
        ("date.year", regex.compile(rf"(?<![\p{{Lu}}\d/.-]\s?)\b{_YEAR}\.?(?:\s*god(?:ine|ina|ini|\.))?(?![\d/-])")),
        ("date.month", regex.compile(rf"\b(?:od|do|u|tokom|krajem|početkom|sredinom)\s+(?P<mon>{mon})\b", regex.I)),
    ]


_PATTERNS = _compile()
_BEFORE_FROM = regex.compile(
    r"(?:\bod|\bpočev od|\bstartova\p{L}*|\bpoče\p{L}*|\bzapoče\p{L}*|\bpokrenut\p{L}*)(?:\s+(?:u|od))?\s*$"
)
_BEFORE_TO = regex.compile(r"(?:\bdo|\bzaključno sa|\bdo kraja|\bzaključno)\s*(?:kraja\s*)?$")


def _value(m: regex.Match[str]) -> str | None:
    g = m.groupdict()
    y = g.get("y")
    mo = int(g["m"]) if g.get("m") else (month_number(g["mon"]) if g.get("mon") else None)
    if g.get("abbr"):
        mo = month_abbreviations()[g["abbr"].lower()]
    d = int(g["d"]) if g.get("d") else None
    try:
        if y and mo and d:
            return dt.date(int(y), mo, d).isoformat()
        if y and mo:
            return f"{int(y):04d}-{mo:02d}"
        if y:
            return f"{int(y):04d}"
        if mo and d:
            return f"--{mo:02d}-{d:02d}"
        if mo:
            return f"--{mo:02d}"
    except ValueError:
        return None
    return None


_DIGIT = re.compile(r"\d")  # a full date (day, month and year) always has digits
_MONTH_DAY_YEAR_HINT = re.compile(r"\d,\s+(?:19|20)\d\d")
_DAY_ABBR_YEAR_HINT = re.compile(r"\d\.? ?[^\W\d_]{3}\.? ?(?:19|20)\d\d")


# The rules whose every match opens with a digit (a day), and those whose every match opens with a month's stem at a
# word's start: _anchored tries them only where such a character or stem stands, as finditer would find them, but
# without the engine trying the pattern at every position (a month alternation under IGNORECASE is the costly part).
_DIGIT_FIRST = frozenset({"date.day-month-year", "date.day-abbr-year"})
_MONTH_FIRST = frozenset({"date.month-day-year", "date.month-year"})
# the rules with a month's name in them (after a space or a day's dot: at a word's start)
_WITH_MONTH = frozenset(
    {"date.day-month-year", "date.month-day-year", "date.day-month", "date.month-year", "date.month"}
)
_ANY_DIGIT = regex.compile(r"\d")


@cache
def _month_start() -> regex.Pattern[str]:
    """A month's stem at a word's start, as the month rules read it (same engine, same flags)."""
    return regex.compile(r"\b(?:" + "|".join(sorted(months(), key=len, reverse=True)) + ")", regex.I)


def _month_positions(working: str) -> list[int]:
    """Where _month_start matches in `working`, in order (every such position: a stem is letters, and no word starts
    inside one). Found by str.find of each stem in the lower-cased text, each hit then tried with the pattern itself:
    a case-blind match of a stem (ASCII letters) is the stem in the lower-cased text unless "ı", "ſ" or a letter whose
    lower case is longer ("İ") stands in the text, and then the pattern scans the text as before."""
    low = working.lower()
    if len(low) != len(working) or "ı" in working or "ſ" in working:
        return [m.start() for m in _month_start().finditer(working)]
    found: set[int] = set()
    for stem in months():
        p = low.find(stem)
        while p >= 0:
            found.add(p)
            p = low.find(stem, p + 1)
    pattern = _month_start()
    return [p for p in sorted(found) if pattern.match(working, p)]


def _anchored(pat: regex.Pattern[str], working: str, starts: list[int]) -> Iterator[regex.Match[str]]:
    """pat.finditer(working) when no match can start but at `starts` (sorted): the first match at or after where
    the last one ended, tried only at those positions."""
    end = 0
    for p in starts:
        if p < end:
            continue
        m = pat.match(working, p)
        if m is not None:
            yield m
            end = m.end() if m.end() > m.start() else m.end() + 1


def find_dates(working: str, excluded: list[tuple[int, int]] | None = None) -> list[DateValue]:
    """Every date expression, longest first, no overlaps; `excluded` spans (e.g. names) are skipped."""
    taken: list[tuple[int, int]] = list(excluded or [])
    out: list[DateValue] = []
    digits: list[int] | None = None
    month_starts: list[int] | None = None
    for rule, pat in _PATTERNS:
        if rule == "date.month-day-year" and not _MONTH_DAY_YEAR_HINT.search(working):
            continue  # (an English date is rare: its month alternation is not scanned for without "9, 2020")
        if rule == "date.day-abbr-year" and not _DAY_ABBR_YEAR_HINT.search(working):
            continue  # (nor "02.Dec.2021" without a day, three letters and a year written close)
        if rule in _WITH_MONTH:
            if month_starts is None:
                month_starts = _month_positions(working)
            if not month_starts:
                continue  # (its month's stem stands at a word's start, as the month-first rules' does: none here)
        if rule in _DIGIT_FIRST:
            if digits is None:
                digits = [m.start() for m in _ANY_DIGIT.finditer(working)]
            matches: Iterable[regex.Match[str]] = _anchored(pat, working, digits)
        elif rule in _MONTH_FIRST:
            if month_starts is None:
                month_starts = _month_positions(working)
            matches = _anchored(pat, working, month_starts)
        else:
            matches = pat.finditer(working)
        for m in matches:
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            value = _value(m)
            if value is None:
                continue
            if rule == "date.year" and not _year_is_date(working, s, e):
                continue
            taken.append((s, e))
            out.append(DateValue(s, e, value, rule, _direction(working, s)))
    out.sort(key=lambda d: d.start)
    _resolve_month_ranges(out)
    out += _range_starts(working, out, taken)
    out.sort(key=lambda d: d.start)
    return out


# "od 23.9. do 25.9.2022.", "od 3. do 9. oktobra 2018.", "19.02. – 20.02.2015.", "19. i 20. februara 2015.",
# "22-23. novembra 2021.": the
# first day of a range (or of two days) written before its full end
_RANGE_START = regex.compile(
    r"(?:\bod\s+|(?<![\d.]))(?P<d>[0-3]?\d)(?:\.\s?(?:(?P<m>[01]?\d)\.)?\s*(?:do|[-–]|i)|[-–])\s*$", regex.I
)


def _range_starts(working: str, dates: list[DateValue], taken: list[tuple[int, int]]) -> list[DateValue]:
    """The start of a range of days takes the month and year its end states."""
    out = []
    for d in dates:
        yearless = len(d.value) == 7 and d.value.startswith("--")  # "od 20. do 22. maja": the year comes later
        if len(d.value) != 10 and not yearless:
            continue
        m = _RANGE_START.search(working, max(0, d.start - 20), d.start)
        if m is None:
            continue
        s, e = m.start("d"), m.end("m") if m.group("m") else m.end("d") + 1
        if any(s < te and ts < e for ts, te in taken):
            continue
        month = int(m.group("m")) if m.group("m") else int(d.value[-5:-3])
        try:
            year = 2000 if yearless else int(d.value[:4])  # (a leap year: "29. februar" stays a day)
            value = dt.date(year, month, int(m.group("d"))).isoformat()
        except ValueError:
            continue
        if yearless:
            value = "--" + value[5:]
        if value <= d.value:
            out.append(DateValue(s, e, value, "date.range-start", "from"))
    return out


def _year_is_date(working: str, s: int, e: int) -> bool:
    """A bare four-digit number is a year only with a date-like context, not "IPA 2016" or "2500 evra"."""
    text = working[s:e]
    before = working[max(0, s - 25) : s].lower()
    if "god" in text or text.endswith("."):
        return not rx.search(r"\p{Lu}{2,}\s*$", working[max(0, s - 8) : s])
    # ("krajem 2020, ukupno 236 domaćinstava": "at the end of", "at the start of" take a year too)
    return bool(
        rx.search(r"\b(?:od|do|u|tokom|za|iz|kraja|početka|sredine|krajem|početkom|sredinom|periodu)\s*$", before)
    )


def _direction(working: str, s: int) -> str:
    head = working[s : s + 3].lower()
    if head.startswith("od "):
        return "from"
    if head.startswith("do "):
        return "to"
    before = working[max(0, s - 30) : s].lower()
    if _BEFORE_TO.search(before):
        return "to"
    if _BEFORE_FROM.search(before):
        return "from"
    return "point"


def _resolve_month_ranges(dates: list[DateValue]) -> None:
    """'od juna do septembra 2021.': the year of the end applies to a bare month before it."""
    for i, d in enumerate(dates):
        if d.value.startswith("--") and i + 1 < len(dates):
            nxt = dates[i + 1]
            if nxt.start - d.end < 12 and not nxt.value.startswith("--"):
                d.value = nxt.value[:4] + d.value[1:]


# a day as a dateline writes it ("13. oktobra 2017. godine", "13.10.2017", "13.-14. oktobar 2017.")
_DAY_WRITTEN = r"\d{1,2}\.\s*(?:[–-]\s*\d{1,2}\.\s*)?(?:\d{1,2}\.?|\p{L}+)\s*(?:(?:19|20)\d\d)?\.?\s*(?:godine\.?)?"
# a news item's dateline opening its first sentence: "Beograd, 13. oktobra 2017. godine – ", "BEOGRAD, 14. oktobra
# 2010. (Beta) – ", "/Vranje, 13.-14. oktobar 2017./ ", "Vranje, 13.10.2017 - ", "11. mart 2015. DRUŠTVO – "
DATELINE_OPENING = regex.compile(
    r"\s*/?\s*(?:"
    r"\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2}\s*,\s*" + _DAY_WRITTEN + r"(?:\s*\([^()\n]{1,40}\))?\s*(?:/|[–—-])"
    r"|" + _DAY_WRITTEN + r"\s*(?:\p{Lu}{2,}\s*)?[–—-]"
    # (the rest of one the segmenter cut after its date: "(Beta) – ", "DRUŠTVO – ")
    r"|(?:\([^()\n]{1,40}\)|\p{Lu}{2,}(?:\s+\p{Lu}{2,})*)\s*[–—-]"
    r")\s*"
)


_HEADLINE_DATELINE = regex.compile(
    r"\s[–—-]\s*\p{Lu}[\p{L}. ]{1,30}?,?\s+(\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d\.?\s*(?:god\p{L}*\.?)?)\s*$"
)


def publication_date(working: str) -> str | None:
    """The date after 'Postavljeno:', 'Objavljeno:' and the like, or a dateline ("Bujanovac, 13.11.2020.")
    among the first lines, if the text states one."""
    cues = publication_cues()
    m = cues.search(working) if rx.may_match(cues, working) else None
    if m:
        line_end = working.find("\n", m.end())
        tail = working[m.end() : line_end if line_end >= 0 else len(working)]
        for d in find_dates(tail):
            if len(d.value) == 10:
                return d.value
    lines = [ln for ln in working.splitlines() if ln.strip()][:6]
    # "Uručenje ugovora ... – Novi Sad 29.08.2023.godine": a headline that ends with its place and date
    if lines:
        tail = _HEADLINE_DATELINE.search(lines[0])
        days = [d for d in find_dates(tail.group(1)) if len(d.value) == 10] if tail else []
        if days:
            return days[-1].value
    for line in lines:
        # "Nova 16.10.2020  |  Autor:Nova", "17. novembar 2021. 10:42 Lokalna samouprava Pirot Plus Online":
        # a short line of furniture around a full date.
        days = [d for d in find_dates(line) if len(d.value) == 10] if _DIGIT.search(line) else []
        if (
            days
            and len(line) <= 90
            and len(rx.findall(r"\p{L}+", line)) <= 8
            and not line.rstrip().endswith(("?", "!"))
        ):
            if not rx.search(r"\b(?:je|su|će|biće|održan\w*)\b", line):
                return days[0].value
        opening = [d for d in days if d.start == len(line) - len(line.lstrip())]
        if opening and rx.match(r"\s*(?:\p{Lu}{2,}\s*)?[–—-]", line[opening[0].end :]):
            return opening[0].value  # "11. mart 2015. DRUŠTVO – U sklopu projekta ...": the dateline opens the lead
        # "BEOGRAD, 14. oktobra 2010. (Beta) – Srbija je ...", "PANČEVO, 19. april 2017. (TV Pančevo) – U ...",
        # "Beograd, 8. april 2019. godine – Ministar ...", "Novi Sad – 16. Decembar 2020. – U plavom salonu ...": a
        # news agency's dateline, the place, then the date (and the agency), opens the lead
        place = rx.match(r"\s*\p{Lu}[\p{L} ]{1,30}?(?:,|\s+[–—-])\s*", line)
        after_place = [d for d in days if place and d.start == place.end()]
        if after_place and rx.match(
            r"\.?\s*(?:godine\b\.?\s*)?(?:\([^()\n]{1,40}\)\s*)?[–—-]", line[after_place[0].end :]
        ):
            return after_place[0].value
        # "Novi magazin 04.04.2019 | Beta", "Danas 08.04.2022 | Piše: M.J.": an outlet's line of furniture
        piped = [d for d in days if rx.match(r"\.?\s*\|", line[d.end :])]
        if piped:
            return piped[0].value
        if len(line) > 60:
            continue
        # "Bujanovac, 13.11.2020.", "среда, 12 септембар 2018 08:41", "14.3.2015. – Potvrđeno partnerstvo"
        if rx.fullmatch(r"\s*(?:\p{Lu}[\p{L} -]*,\s*)?[\d.:,\s\p{L}]*\s*", line) or rx.match(
            r"\s*\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\.?\s*[–—-]", line
        ):
            days = [d for d in find_dates(line) if len(d.value) == 10] if _DIGIT.search(line) else []
            if days and len(line.strip()) - (days[0].end - days[0].start) < 40:
                return days[0].value
    return None


def relative_date_spans(working: str, published: str | None) -> list[DateValue]:
    """'juče', 'u utorak' and the like, resolved against the publication date; nothing without one."""
    if not published or len(published) != 10:
        return []
    base = dt.date.fromisoformat(published)
    out = []
    words = relative_dates()
    for m in rx.finditer(r"\b(" + "|".join(words) + r")\b", working, regex.I):
        if _inside_quotes(working, m.start()):
            continue  # "konferencija „Inkluzija danas“": a word of a title, not a day
        value = (base + dt.timedelta(days=words[m.group(1).lower()])).isoformat()
        out.append(DateValue(m.start(), m.end(), value, f"date.relative({m.group(1).lower()})"))
    days = {r["stem"]: int(r["day"]) for r in read_rows("weekdays.csv")}
    stems = "|".join(sorted(days, key=len, reverse=True))
    # ("U subotu, 26.2.2022. u Vrdniku": a weekday with its date written out is not counted from the dateline)
    # (a weekday is in lower case with a weekday's endings: "u Subotici" is the town, "u sredinu" the middle)
    for m in rx.finditer(
        rf"\b(?i:u|prošl\p{{L}}*)\s+({stems})(?:ak|ka|ku|kom|u|e|a|om)?\b(?!\s*,?\s*\d{{1,2}}\.)", working
    ):
        back = (base.weekday() - days[m.group(1).lower()]) % 7
        value = (base - dt.timedelta(days=back)).isoformat()
        out.append(DateValue(m.start(), m.end(), value, f"date.weekday({m.group(1).lower()})"))
    return out


def _inside_quotes(working: str, pos: int) -> bool:
    """Whether pos stands inside a quotation opened earlier on its line (typographic or straight marks)."""
    seg = working[working.rfind("\n", 0, pos) + 1 : pos]
    opened = seg.count("„") + seg.count(",,") + seg.count("«")
    closed = seg.count("“") + seg.count("”") + seg.count("»") + seg.count("''")
    return opened > closed or seg.count('"') % 2 == 1


def complete_partial(value: str, published: str | None) -> str | None:
    """A day or month with no year takes the year only from a stated publication date."""
    if not value.startswith("--"):
        return value
    if not published:
        return None
    return published[:4] + value[1:]
