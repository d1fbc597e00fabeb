"""Partial dates `YYYY[-MM[-DD]]`: the one parser, checker and sort key, with one set of bounds.

Every module that reads a date from a file or compares two dates uses these functions: the
dataset checks, the articles' `Date:` header, the history's timelines and the milestones'
latest-step rule; `components.i18n.formats` writes them in the reader's language.

Conventions, decided here once:

* a date is four ASCII digits of year, optionally `-MM`, optionally `-DD`; it must exist;
* years run from `FIRST_YEAR` (1950: Indonesia and the People's Republic of China established
  relations that year, so no partnership step is older and an earlier year is a typo such as
  "0205") to `LAST_YEAR`; the same bounds limit the years a URL may ask for;
* partial dates sort by (year, month or 0, day or 0), so a date known only to the year sorts
  before every more precise date in it (2016 < 2016-01 < 2016-10 < 2016-10-23); undated last.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

from components.models import Message

FIRST_YEAR = 1950
LAST_YEAR = 2100
PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

DateKey = tuple[int, int, int, int]  # (undated flag, year, month or 0, day or 0)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day; 0 stands for an unknown month or day."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> str:
        """"day", "month" or "year": how much of the date is known."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first_day(self) -> datetime.date:
        """The earliest day the date can stand for (for comparing with today, for formatting)."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def midpoint(self) -> datetime.date:
        """The date as one day for measuring: a year alone is 1 July, a month its 15th."""
        if not self.month:
            return datetime.date(self.year, 7, 1)
        return datetime.date(self.year, self.month, self.day or 15)


# Rows share their dates (30,000 rows hold a few thousand): the checks and the sort keys of
# one value are worked out once. Both are pure; messages and keys are immutable.
@functools.lru_cache(maxsize=8192)
def check(value: str, today: datetime.date | None = None) -> Message | None:
    """What is wrong with a partial date (a message to translate where shown), or None.

    With `today`, a date after it is a problem too (a step cannot have happened yet).
    """
    match = PATTERN.fullmatch(value)
    if not match:
        return Message("not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    if year < FIRST_YEAR:
        return Message("year {year} is before {minimum}", year=year, minimum=FIRST_YEAR)
    if year > LAST_YEAR:
        return Message("year {year} is after {maximum}", year=year, maximum=LAST_YEAR)
    if month is not None and not 1 <= month <= 12:
        return Message("month {month} does not exist", month=month)
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return Message("day {day} does not exist: {year}-{month:02d} has {last} days",
                           day=day, year=year, month=month, last=last)
    if today is not None and datetime.date(year, month or 1, day or 1) > today:
        return Message("date is in the future (today is {today})", today=today.isoformat())
    return None


def parse(value: str) -> PartialDate:
    """The partial date a string holds; ValueError (naming the value and why) when it is not one."""
    problem = check(value.strip())
    if problem is not None:
        raise ValueError(f"date {value!r}: {problem.text()}")
    year, month, day = (int(part) if part else 0 for part in PATTERN.fullmatch(value.strip()).groups())
    return PartialDate(year, month, day)


def parse_or_none(value: str) -> PartialDate | None:
    """parse() for a value that may be empty: None stands for an unknown date."""
    return parse(value) if value.strip() else None


@functools.lru_cache(maxsize=8192)
def date_key(value: str) -> DateKey:
    """The sort key of a partial date: less precise first within a period, undated last."""
    date = parse_or_none(value)
    return (1, 0, 0, 0) if date is None else (0, date.year, date.month, date.day)
