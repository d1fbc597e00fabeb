"""Dates as news text gives them: "5 September 2025", "pada Juni lalu", "tahun lalu".

Indonesian and English month names; a date without a year, or a relative one, is resolved
against the article's own date ("Juni lalu" in an article of 2025-09 is 2025-06).
"""

from __future__ import annotations

import calendar
import re

from components.names import MONTHS as _MONTHS

_M = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_B, _E = r"(?<![\w.,])", r"(?![\w]|[.,]\d)"
# (pattern, its groups): y year, m month (a name or a number), d day; relative forms: "M-" a
# month of last year ("Juni tahun lalu"), "B" this/last month, "T" this/last year.
DATE_PATTERNS = (
    (re.compile(_B + r"(\d{4})-(\d{2})-(\d{2})" + _E), "ymd"),
    (re.compile(_B + r"(\d{1,2})\s+" + _M + r",?\s+(\d{4})" + _E), "dmy"),
    (re.compile(_B + _M + r"\s+(\d{1,2}),\s*(\d{4})" + _E), "mdy"),
    (re.compile(_B + r"(\d{1,2})/(\d{1,2})/(\d{4})" + _E), "dmy"),
    (re.compile(_B + _M + r"\s+(\d{4})" + _E), "my"),
    (re.compile(_B + r"(\d{1,2})\s+" + _M + r"(?!\s*,?\s*\d)" + _E), "dm"),
    (re.compile(_B + _M + r"\s+tahun lalu" + _E), "M-"),
    (re.compile(_B + _M + r"\s+(?:lalu|kemarin|silam|ini)" + _E), "m"),
    (re.compile(r"(?<!\w)(?:pada|bulan|sejak|awal|akhir|pertengahan)\s+" + _M + _E
                + r"(?!\s+tahun lalu)"), "m"),
    (re.compile(r"(?<!\w)bulan (ini|lalu)(?!\w)"), "B"),
    (re.compile(r"(?<!\w)tahun (ini|lalu)(?!\w)"), "T"),
    (re.compile(_B + r"((?:19|20)\d{2})" + _E), "y"),
)


def resolve_date(folded: str, article_date: str) -> tuple[str, int]:
    """The most precise date a (folded) sentence gives, as partial ISO, and its precision."""
    best = ("", 0, len(folded))
    for pattern, kind in DATE_PATTERNS:
        for match in pattern.finditer(folded):
            value = _date_value(match.groups(), kind, article_date)
            if value and (len(value), -match.start()) > (len(best[0]), -best[2]):
                best = (value, 0, match.start())
    return best[0], {0: 0, 4: 1, 7: 2, 10: 3}[len(best[0])]


def _date_value(groups: tuple[str, ...], kind: str, article_date: str) -> str:
    """One date match as partial ISO, a missing year taken from the article's date; "" if none."""
    art = [int(part) for part in article_date.split("-")] + [0, 0]
    if kind in ("B", "T"):
        return _relative(kind, groups[0], art)
    parts = dict(zip(kind.lower().replace("-", ""), groups))
    month = _MONTHS.get(parts.get("m", ""), 0) or int(parts.get("m") or 0)
    day = int(parts.get("d") or 0)
    year = int(parts["y"]) if "y" in parts else _year_before(month, day, art)
    if kind == "M-":
        year = art[0] - 1
    if "m" in kind.lower() and not 1 <= month <= 12:
        return ""
    if day and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return ""
    return "-".join([f"{year:04d}"] + [f"{n:02d}" for n in (month, day) if n])


def _year_before(month: int, day: int, art: list[int]) -> int:
    """The article's year, or the one before when the month (day) lies after the article's."""
    year, art_month, art_day = art[:3]
    later = art_month and (month > art_month or (month == art_month and day and art_day
                                                 and day > art_day))
    return year - 1 if later else year


def _relative(kind: str, word: str, art: list[int]) -> str:
    """ "bulan ini/lalu" and "tahun ini/lalu" against the article's date."""
    year, month = art[0], art[1]
    if kind == "T":
        return f"{year - (word == 'lalu'):04d}"
    if not month:
        return ""
    if word == "ini":
        return f"{year:04d}-{month:02d}"
    return f"{year - (month == 1):04d}-{(month - 2) % 12 + 1:02d}"
