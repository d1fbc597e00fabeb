"""Partial dates and numbers in each language: every precision in every language."""

from __future__ import annotations

import pytest

from components.i18n.formats import format_number, format_partial_date, parse_partial_date


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
    ("2025-13", "'2025-13' is not a real date"),
    ("2025-02-30", "'2025-02-30' is not a real date"),
    ("2025-9-5", "not a partial ISO date .*'2025-9-5'"),
    ("05/09/2025", "not a partial ISO date .*'05/09/2025'"),
    ("25", "not a partial ISO date .*'25'"),
])
def test_bad_dates_are_errors(value, message):
    with pytest.raises(ValueError, match=message):
        format_partial_date(value, "en")


@pytest.mark.parametrize(("value", "precision"), [
    ("2025", "year"), ("2025-06", "month"), ("2025-06-30", "day"),
])
def test_parse_partial_date_keeps_the_precision(value, precision):
    assert parse_partial_date(value)[1] == precision


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
