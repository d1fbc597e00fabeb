"""Partial dates and numbers in the reader's locale, never inventing a missing day or month.

Reading and checking a partial date is `components.dates`; this module only writes it.
"""

from __future__ import annotations

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from components.dates import parse
from components.i18n.translator import N_, get_translator

UNDATED = N_("undated")

# How each language writes a date of each precision: a CLDR skeleton (the locale picks the
# order and words), a named CLDR format, or an explicit pattern where CLDR's default differs
# from what readers expect (English: "5 Sep 2025", as in the press, not "Sep 5, 2025").
DATE_STYLES: dict[str, dict[str, tuple[str, str]]] = {
    "id": {"day": ("format", "long"), "month": ("skeleton", "yMMMM"), "year": ("skeleton", "y")},
    "en": {"day": ("pattern", "d MMM y"), "month": ("skeleton", "yMMM"), "year": ("skeleton", "y")},
    "zh": {"day": ("format", "long"), "month": ("skeleton", "yMMM"), "year": ("skeleton", "y")},
}


def format_partial_date(value: str, lang: str) -> str:
    """A partial ISO date as the language writes it, at the precision given ("" -> "undated")."""
    translator = get_translator(lang)
    if not value.strip():
        return translator.gettext(UNDATED)
    partial = parse(value)
    date = partial.first_day
    kind, style = DATE_STYLES[lang][partial.precision]
    if kind == "skeleton":
        return format_skeleton(style, date, locale=translator.locale)
    return format_date(date, style, locale=translator.locale)


def format_number(n: int | float, lang: str) -> str:
    """A count or measure with the language's digit grouping and decimal sign (not for years)."""
    return format_decimal(n, locale=get_translator(lang).locale)
