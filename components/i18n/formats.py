"""Partial dates and numbers in the reader's locale, never inventing a missing day or month."""

from __future__ import annotations

import datetime
import re

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from components.i18n.translator import N_, get_translator

UNDATED = N_("undated")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# How each language writes a date of each precision: a CLDR skeleton (the locale picks the
# order and words), a named CLDR format, or an explicit pattern where CLDR's default differs
# from what readers expect (English: "5 Sep 2025", as in the press, not "Sep 5, 2025").
DATE_STYLES: dict[str, dict[str, tuple[str, str]]] = {
    "id": {"day": ("format", "long"), "month": ("skeleton", "yMMMM"), "year": ("skeleton", "y")},
    "en": {"day": ("pattern", "d MMM y"), "month": ("skeleton", "yMMM"), "year": ("skeleton", "y")},
    "zh": {"day": ("format", "long"), "month": ("skeleton", "yMMM"), "year": ("skeleton", "y")},
}


def parse_partial_date(value: str) -> tuple[datetime.date, str]:
    """Split "YYYY", "YYYY-MM" or "YYYY-MM-DD" into a date and its precision (year/month/day)."""
    match = _PARTIAL_DATE.fullmatch(value.strip())
    if not match:
        raise ValueError(f"not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = match.groups()
    precision = "day" if day else "month" if month else "year"
    try:
        return datetime.date(int(year), int(month or 1), int(day or 1)), precision
    except ValueError as error:
        raise ValueError(f"{value!r} is not a real date: {error}") from error


def format_partial_date(value: str, lang: str) -> str:
    """A partial ISO date as the language writes it, at the precision given ("" -> "undated")."""
    translator = get_translator(lang)
    if not value.strip():
        return translator.gettext(UNDATED)
    date, precision = parse_partial_date(value)
    kind, style = DATE_STYLES[lang][precision]
    if kind == "skeleton":
        return format_skeleton(style, date, locale=translator.locale)
    return format_date(date, style, locale=translator.locale)


def format_number(n: int | float, lang: str) -> str:
    """A count or measure with the language's digit grouping and decimal sign (not for years)."""
    return format_decimal(n, locale=get_translator(lang).locale)
