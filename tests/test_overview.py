"""Overview numbers over the hand-built set: every level, stage and year counted, zeros included."""

from __future__ import annotations

import pytest

from components.overview import PlaceCount, count_by_level_and_stage, count_by_year, most_connected
from tests.samples import PARTNERSHIPS

CITY_ONLY = tuple(p for p in PARTNERSHIPS if p.id_level == "city")


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
