"""Dates and numbers as the scorer compares them (gold quantities, rikg:value, rikg:date).

From score_extraction.py 1.2 (../shared/tools): norm_date, qualifier_numbers, to_number,
number_text and numbers_equal, unchanged.
"""

from __future__ import annotations

import re

_DATE = re.compile(r"^\s*(-?\d{4}(?:-\d{2}(?:-\d{2})?)?)")


def norm_date(value: str | None) -> str | None:
    """The date part of an xsd:date / gYearMonth / gYear / dateTime lexical form ("2018-05-29",
    "2018-05", "2018"); timezones and times are dropped. Dates compare by equality."""
    if not value:
        return None
    m = _DATE.match(str(value))
    return m.group(1) if m else str(value).strip()




_QUALIFIER_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,\s\u00a0]\d{3})+|\d+(?:[.,]\d+)?)(?!\w)")
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,\s\u00a0]\d{3})+")


def qualifier_numbers(text: object) -> list[float]:
    """Numbers written in a gold qualifier ("of which 157 women", "1.500 EUR"), years left out."""
    if not isinstance(text, str):
        return []
    out = []
    for m in _QUALIFIER_NUMBER.finditer(text):
        raw = m.group(1)
        raw = re.sub(r"[.,\s\u00a0]", "", raw) if _THOUSANDS.fullmatch(raw) else raw.replace(",", ".")
        try:
            v = float(raw)
        except ValueError:
            continue
        if not (v.is_integer() and 1900 <= v <= 2100):
            out.append(v)
    return out



def to_number(text: str) -> float | None:
    try:
        return float(text.strip())
    except ValueError:
        return None


def number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def numbers_equal(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))

