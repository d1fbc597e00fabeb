"""Overview numbers over the hand-built set: every level, stage and year counted, zeros included."""

from __future__ import annotations

import pytest

from components.models import Milestone
from components.overview import (
    PlaceCount, count_by_level, count_by_level_and_stage, count_by_stage, count_by_year, most_connected,
    stage_through_years,
)
from tests.test_filters import PARTNERSHIPS

CITY_ONLY = tuple(p for p in PARTNERSHIPS if p.id_level == "city")


@pytest.mark.parametrize(("rows", "expected"), [
    (PARTNERSHIPS, {"province": 4, "city": 7, "regency": 3}),
    (CITY_ONLY, {"province": 0, "city": 7, "regency": 0}),
    ((), {"province": 0, "city": 0, "regency": 0}),
])
def test_count_by_level(rows, expected):
    counts = count_by_level(rows)
    assert counts == expected
    assert list(counts) == ["province", "city", "regency"]


@pytest.mark.parametrize(("rows", "expected"), [
    (PARTNERSHIPS, {"exploration": 2, "loi": 3, "mou": 3, "agreement": 6}),
    (CITY_ONLY, {"exploration": 0, "loi": 2, "mou": 1, "agreement": 4}),
    ((), {"exploration": 0, "loi": 0, "mou": 0, "agreement": 0}),
])
def test_count_by_stage(rows, expected):
    counts = count_by_stage(rows)
    assert counts == expected
    assert list(counts) == ["exploration", "loi", "mou", "agreement"]


def test_count_by_level_and_stage_has_every_combination():
    rows = count_by_level_and_stage(PARTNERSHIPS)
    assert len(rows) == 12
    assert sum(count for _, _, count in rows) == len(PARTNERSHIPS)
    assert ("regency", "exploration", 2) in rows
    assert ("province", "loi", 0) in rows
    assert ("city", "agreement", 4) in rows


def test_count_by_year_fills_gaps_and_counts_undated_apart():
    years = count_by_year(PARTNERSHIPS)
    assert years.undated == 2
    assert years.per_year[0] == (2002, 2) and years.per_year[-1] == (2025, 2)
    assert [year for year, _ in years.per_year] == list(range(2002, 2026))
    assert dict(years.per_year)[2004] == 0
    assert dict(years.per_year)[2024] == 2
    assert sum(count for _, count in years.per_year) + years.undated == len(PARTNERSHIPS)


@pytest.mark.parametrize(("rows", "expected"), [
    ((), ((), 0)),
    ((PARTNERSHIPS[8],), ((), 1)),  # undated only
    ((PARTNERSHIPS[0],), (((2025, 1),), 0)),
])
def test_count_by_year_edges(rows, expected):
    years = count_by_year(rows)
    assert (years.per_year, years.undated) == expected


def test_most_connected_indonesian_side_breaks_ties_by_name():
    top = most_connected(PARTNERSHIPS, "ID", top=4)
    assert [(p.name, p.count) for p in top] == [
        ("Kabupaten Tangerang", 2), ("Kota Surabaya", 2), ("Kabupaten Klaten", 1), ("Kota Bandung", 1)]
    assert top[0] == PlaceCount("ID", "Kabupaten Tangerang", "", "regency", "Banten", 2,
                                ("kab-tangerang-binzhou", "kab-tangerang-boxing"))


def test_most_connected_chinese_side_keeps_same_names_apart():
    top = most_connected(PARTNERSHIPS, "CN", top=20)
    names = [p.name for p in top]
    assert len(top) == len(PARTNERSHIPS)  # every Chinese partner appears once
    assert names[:3] == ["Binzhou", "Boxing County", "Chengdu"]
    assert "Nanjing" in names and "Nanjing County" in names
    assert top[names.index("Hangzhou")].name_zh == "杭州市"


@pytest.mark.parametrize(("top", "size"), [(0, 0), (1, 1), (3, 3), (100, 12)])  # 12 distinct Indonesian places
def test_most_connected_respects_top(top, size):
    assert len(most_connected(PARTNERSHIPS, "ID", top=top)) == size


def test_most_connected_rejects_an_unknown_side():
    with pytest.raises(ValueError, match="'XX'"):
        most_connected(PARTNERSHIPS, "XX")


def test_stage_through_years_without_milestones_uses_each_rows_own_stage():
    rows = stage_through_years(PARTNERSHIPS, years=[2001, 2005])
    counts = {(year, stage): count for year, stage, count in rows}
    assert len(rows) == 8
    assert counts[2001, "agreement"] == 0
    assert counts[2005, "agreement"] == 4  # Sumatera Utara, Jawa Tengah, Medan, Bandung


def test_stage_through_years_follows_milestones():
    """The issue's table: LoI 2016, MoU 2018 is absent in 2015, LoI in 2017, MoU in 2019."""
    nanjing = next(p for p in PARTNERSHIPS if p.id == "semarang-nanjing")
    milestones = (Milestone("semarang-nanjing", "2016-10-23", "loi"),
                  Milestone("semarang-nanjing", "2018-10-24", "mou"))
    rows = stage_through_years([nanjing], milestones, years=[2015, 2017, 2019])
    present = [(year, stage) for year, stage, count in rows if count]
    assert present == [(2017, "loi"), (2019, "mou")]


def test_stage_through_years_default_span():
    rows = stage_through_years(PARTNERSHIPS)
    years = sorted({year for year, _, _ in rows})
    assert years == list(range(2002, 2026))
