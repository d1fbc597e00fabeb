"""Partial dates (components.dates) and how each language writes them and numbers."""

from __future__ import annotations

import datetime

import pytest

from components import dates
from components.i18n.formats import format_number, format_partial_date


@pytest.mark.parametrize("value, expected", [
    ("2016", dates.PartialDate(2016)), ("2016-10", dates.PartialDate(2016, 10)),
    ("2016-10-23", dates.PartialDate(2016, 10, 23)), ("2024-02-29", dates.PartialDate(2024, 2, 29)),
    (" 2016 ", dates.PartialDate(2016)),
])
def test_parse(value, expected):
    assert dates.parse(value) == expected


@pytest.mark.parametrize("value", ["16", "2016-1", "2016/10", "2016-13", "2023-02-29",
                                   "circa 2010", "２０１０", "1949", "2101", ""])
def test_parse_rejects_with_the_value(value):
    with pytest.raises(ValueError, match=repr(value)):
        dates.parse(value)


TODAY = datetime.date(2026, 11, 30)


@pytest.mark.parametrize("value, today, expected", [
    ("2016", TODAY, None), ("2026-11-30", TODAY, None), ("1950", TODAY, None),
    ("2100", None, None),
    ("2016-1", TODAY, "not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("１９９９", TODAY, "not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("1025", TODAY, "year 1025 is before 1950"),
    ("2101", None, "year 2101 is after 2100"),
    ("2016-13", TODAY, "month 13 does not exist"),
    ("2023-02-29", TODAY, "day 29 does not exist: 2023-02 has 28 days"),
    ("2026-12", TODAY, "date is in the future (today is 2026-11-30)"),
    ("2027", None, None),  # without today, the future is not checked
])
def test_check(value, today, expected):
    problem = dates.check(value, today)
    assert (problem.text() if problem else None) == expected


def test_check_keeps_the_template_for_translation():
    problem = dates.check("2016-13")
    assert problem.template == "month {month} does not exist"
    assert problem.text(lambda template: f"<{template}>") == "<month 13 does not exist>"


def test_partial_dates_sort_less_precise_first_and_undated_last():
    values = ["", "2016-10-23", "2017", "2016-10", "2016", "2016-02-01", "2015-12-31"]
    assert sorted(values, key=dates.date_key) == [
        "2015-12-31", "2016", "2016-02-01", "2016-10", "2016-10-23", "2017", ""]


@pytest.mark.parametrize("value, expected", [
    ("2016", datetime.date(2016, 7, 1)), ("2016-10", datetime.date(2016, 10, 15)),
    ("2016-10-23", datetime.date(2016, 10, 23)),
])
def test_midpoint(value, expected):
    assert dates.parse(value).midpoint == expected


@pytest.mark.parametrize(("value", "lang", "expected"), [
    ("2025-09-05", "id", "5 September 2025"),
    ("2025-09-05", "en", "5 Sep 2025"),
    ("2025-09-05", "zh", "2025年9月5日"),
    ("2002-12-17", "id", "17 Desember 2002"),
    ("2002-12-17", "en", "17 Dec 2002"),
    ("2002-12-17", "zh", "2002年12月17日"),
    ("2025-06", "id", "Juni 2025"),
    ("2025-06", "en", "Jun 2025"),
    ("2025-06", "zh", "2025年6月"),
    ("2017-05", "id", "Mei 2017"),
    ("2017-05", "en", "May 2017"),
    ("2017-05", "zh", "2017年5月"),
    ("2003", "id", "2003"),
    ("2003", "en", "2003"),
    ("2003", "zh", "2003年"),
    ("", "id", "tanpa tanggal"),
    ("", "en", "undated"),
    ("", "zh", "日期不详"),
    (" 2025-06 ", "en", "Jun 2025"),
])
def test_format_partial_date(value, lang, expected):
    assert format_partial_date(value, lang) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("2025-13", "'2025-13': month 13 does not exist"),
    ("2025-02-30", "'2025-02-30': day 30 does not exist"),
    ("2025-9-5", "'2025-9-5': not a date"),
    ("05/09/2025", "'05/09/2025': not a date"),
    ("25", "'25': not a date"),
])
def test_bad_dates_are_errors(value, message):
    with pytest.raises(ValueError, match=message):
        format_partial_date(value, "en")


@pytest.mark.parametrize(("value", "precision"), [
    ("2025", "year"), ("2025-06", "month"), ("2025-06-30", "day"),
])
def test_parse_keeps_the_precision(value, precision):
    assert dates.parse(value).precision == precision


@pytest.mark.parametrize(("n", "lang", "expected"), [
    (76, "id", "76"),
    (12345, "id", "12.345"),
    (12345, "en", "12,345"),
    (12345, "zh", "12,345"),
    (1234.5, "id", "1.234,5"),
    (1234.5, "en", "1,234.5"),
    (0.25, "zh", "0.25"),
])
def test_format_number(n, lang, expected):
    assert format_number(n, lang) == expected
