"""Dates as news reports write them, in Indonesian, English and Chinese, resolved against the
article's own date: never later than it, with the precision the text gives.

"Kamis (12/3/2020)", "Rabu (3/7)", "Senin, 9 Maret 2020", "pada Juni lalu", "kemarin",
"pekan lalu", "on Tuesday", "last June", "2025年9月5日", "9月5日", "今年6月", "同年12月".
A weekday that contradicts the date is a warning; the numeric date is kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from components.names import MONTHS as _MONTHS
from components.news.reader.notes import WEEKDAY, Note, note

WEEKDAYS = {  # Monday = 0
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
    "minggu": 6, "ahad": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6, "星期一": 0, "星期二": 1, "星期三": 2, "星期四": 3,
    "星期五": 4, "星期六": 5, "星期日": 6, "星期天": 6, "周一": 0, "周二": 1, "周三": 2,
    "周四": 3, "周五": 4, "周六": 5, "周日": 6,
}
_M = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WD = r"(?:(" + "|".join(w for w in WEEKDAYS if w.isascii()) + r")\W{0,3})?"
_B, _E = r"(?<![\w/])", r"(?![\w/]|[.,]\d)"
# (pattern, kind): the letters name the groups: w weekday, y year, m month, d day; L "last
# year" words; R a relative word; Z a Chinese relative year (今年/去年/同年).
PATTERNS = (
    (_B + r"(\d{4})-(\d{2})-(\d{2})" + _E, "ymd"),
    (_B + _WD + r"\(?(\d{1,2})/(\d{1,2})/(\d{4})\)?" + _E, "wdmy"),
    (_B + _WD + r"\((\d{1,2})/(\d{1,2})\)", "wdm"),
    (_B + _WD + r"(\d{1,2})\s+" + _M + r",?\s+(\d{4})" + _E, "wdmy"),
    (_B + _M + r"\s+(\d{1,2}),\s*(\d{4})" + _E, "mdy"),
    (_B + _WD + r"(\d{1,2})\s+" + _M + r"(?!\s*,?\s*\d)(\s+(?:tahun lalu|last year))?" + _E,
     "wdmL"),
    (_B + _M + r"\s+(\d{4})" + _E, "my"),
    (r"(?<!\w)(?:pada|bulan|sejak|awal|akhir|pertengahan|in|last|since|early|late)\s+" + _M
     + r"(?!\s+\d)(\s+(?:tahun lalu|last year))?" + _E, "mL"),
    (_B + _M + r"\s+(lalu|kemarin|silam|ini)" + _E, "mR"),
    (r"(?<!\w)(kemarin|yesterday|hari ini|today)(?!\w)", "R"),
    ((r"(?<!\w)(pekan lalu|minggu lalu|last week|earlier this week|this week|pekan ini"
     r"|minggu ini|awal pekan ini|bulan ini|bulan lalu|this month|last month)(?!\w)"), "R"),
    (r"(?<!\w)(tahun ini|tahun lalu|this year|last year)(?!\w)", "R"),
    (r"(?<!\w)(?:on|pada|hari)\s+(" + "|".join(w for w in WEEKDAYS if w.isascii()) + r")(?!\w)",
     "w"),
    (_B + r"((?:19|20)\d{2})" + _E, "y"),
    (r"(\d{4})年(\d{1,2})月(\d{1,2})日", "ymd"),
    (r"(?<![年\d])(\d{1,2})月(\d{1,2})日", "md"),
    (r"(\d{4})年(\d{1,2})月(?!\d)", "ym"),
    (r"(今年|去年|同年|前年)(\d{1,2})月(?:(\d{1,2})日)?", "Zmd"),
    (r"(上月|本月|上个月|昨天|昨日|上周|本周|今年|去年)", "R"),
    (r"(\d{4})年(?!\d{1,2}月)", "y"),
)
COMPILED = tuple((re.compile(pattern), kind) for pattern, kind in PATTERNS)
RELATIVE_DAYS = {"kemarin": -1, "yesterday": -1, "昨天": -1, "昨日": -1, "hari ini": 0,
                 "today": 0}
RELATIVE_WEEKS = {"pekan lalu", "minggu lalu", "last week", "上周"}
THIS_WEEK = {"earlier this week", "this week", "pekan ini", "minggu ini", "awal pekan ini", "本周"}
LAST_MONTH = {"bulan lalu", "last month", "上月", "上个月"}
THIS_MONTH = {"bulan ini", "this month", "本月"}
LAST_YEAR = {"tahun lalu", "last year", "去年"}
THIS_YEAR = {"tahun ini", "this year", "今年"}


@dataclass(frozen=True)
class DateRead:
    """A date found in a text: partial ISO, its precision, the words, and any warning."""

    iso: str
    precision: int  # 1 year, 2 month, 3 day
    written: str
    start: int
    warning: Note | None = None
    inferred: bool = False  # from a weekday alone ("on Tuesday")


def read_dates(text: str, article_date: str, context_year: int = 0) -> list[DateRead]:
    """Every date a sentence gives, resolved against the article's date, in text order."""
    folded = text.casefold()
    found = []
    covered = bytearray(len(folded) + 1)  # the precision of a date already read at each char
    for pattern, kind in COMPILED:
        for match in pattern.finditer(folded):
            read = _resolve(match, kind, article_date, context_year)
            if read and covered[match.start()] < read[1]:
                iso, precision, warning = read
                found.append(DateRead(iso, precision, text[match.start():match.end()],
                                      match.start(), warning, kind == "w"))
                for at in range(match.start(), match.end()):
                    covered[at] = max(covered[at], precision)
    return sorted(found, key=lambda d: d.start)


def best_date(text: str, article_date: str, context_year: int = 0) -> DateRead | None:
    """The most precise date of a sentence (the first among equals), or None."""
    found = read_dates(text, article_date, context_year)
    return max(found, key=lambda d: (d.precision, not d.inferred, -d.start)) if found else None


def _resolve(match: re.Match, kind: str, article_date: str, context_year: int):
    """(iso, precision, warning) of one match, or None when it is not a usable date."""
    art = _article(article_date)
    groups = dict(zip(kind, match.groups()))
    if kind == "R":
        return _relative(match.group(1), art)
    if kind == "w":
        return _weekday_only(WEEKDAYS[match.group(1)], art)
    year = _year(groups, art, context_year)
    month = _month(groups.get("m"))
    day = int(groups["d"]) if groups.get("d") else 0
    if year is None or ("m" in groups and not month):
        return None
    if "y" not in groups and "Z" not in groups:
        year = art[0] - 1 if groups.get("L") else _year_before(month, day, art)
    if day and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    iso = "-".join([f"{year:04d}"] + [f"{n:02d}" for n in (month, day) if n])
    if _later(iso, article_date):
        return None  # a report does not date a signing after itself
    return iso, 1 + bool(month) + bool(day), _weekday_warning(groups.get("w"), year, month, day)


def _article(article_date: str) -> list[int]:
    return ([int(part) for part in article_date.split("-")] + [0, 0])[:3]


def _year(groups: dict, art: list[int], context_year: int) -> int | None:
    if groups.get("y"):
        return int(groups["y"])
    word = groups.get("Z")
    if word is None:
        return art[0]
    return {"今年": art[0], "去年": art[0] - 1, "前年": art[0] - 2}.get(word, context_year or None)


def _month(value: str | None) -> int:
    if not value:
        return 0
    month = _MONTHS.get(value, 0) or (int(value) if value.isdigit() else 0)
    return month if 1 <= month <= 12 else 0


def _year_before(month: int, day: int, art: list[int]) -> int:
    """The article's year, or the one before when the month (day) lies after the article's."""
    year, art_month, art_day = art
    later = art_month and (month > art_month or (month == art_month and day and art_day
                                                 and day > art_day))
    return year - 1 if later else year


def _later(iso: str, article_date: str) -> bool:
    """Whether a date lies after the article's (compared at the coarser precision)."""
    size = min(len(iso), len(article_date))
    return iso[:size] > article_date[:size]


def _weekday_warning(word: str | None, year: int, month: int, day: int) -> Note | None:
    """A note when the weekday written contradicts the date (the date is kept)."""
    if not word or not day:
        return None
    actual = dt.date(year, month, day).weekday()
    if WEEKDAYS[word] == actual:
        return None
    names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    return note(WEEKDAY, weekday=word.capitalize(), date=f"{year:04d}-{month:02d}-{day:02d}",
                actual=names[actual])


def _relative(word: str, art: list[int]):
    """ "kemarin", "pekan lalu", "bulan lalu", "tahun ini"... against the article's date."""
    year, month, day = art
    if word in LAST_YEAR or word in THIS_YEAR:
        return f"{year - (word in LAST_YEAR):04d}", 1, None
    if not month:
        return None
    if word in THIS_MONTH or word in LAST_MONTH:
        back = word in LAST_MONTH
        return f"{year - (back and month == 1):04d}-{(month - 1 - back) % 12 + 1:02d}", 2, None
    if not day:
        return None
    today = dt.date(year, month, day)
    if word in RELATIVE_DAYS:
        return (today + dt.timedelta(days=RELATIVE_DAYS[word])).isoformat(), 3, None
    then = today - dt.timedelta(days=7 if word in RELATIVE_WEEKS else 0)
    return then.isoformat()[:7], 2, None  # a week is not a day: the month it fell in


def _weekday_only(weekday: int, art: list[int]):
    """ "on Tuesday": the latest such day on or before the article's date."""
    year, month, day = art
    if not day:
        return None
    today = dt.date(year, month, day)
    then = today - dt.timedelta(days=(today.weekday() - weekday) % 7)
    return then.isoformat(), 3, None
