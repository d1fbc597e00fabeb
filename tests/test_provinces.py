"""Ties counted by province and the province-to-province grid, over a small hand-built set."""

from __future__ import annotations

import pytest

from components.filters import Filters, apply_filters
from components.history import network_as_of
from components.models import Milestone, Partnership
from components.provinces import (PairCell, build_grid, count_by_province, in_province,
                                  most_connected_pairs, province_pairs, without_partner)


def _p(pid: str, level: str, id_province: str, cn_province: str, stage: str, date: str) -> Partnership:
    return Partnership(id=pid, id_name=f"Kota {pid}", id_level=level, id_province=id_province,
                       cn_name=pid.title(), cn_name_zh="", cn_level="city", cn_province=cn_province,
                       stage=stage, date=date, sources=("https://example.org",))


ROWS = (
    _p("jateng-zhejiang", "province", "Jawa Tengah", "Zhejiang", "agreement", "2010"),
    _p("semarang-hangzhou", "city", "Jawa Tengah", "Zhejiang", "loi", "2021"),
    _p("solo-ningbo", "city", "Jawa Tengah", "Zhejiang", "mou", ""),
    _p("surabaya-guangzhou", "city", "Jawa Timur", "Guangdong", "agreement", "2005"),
    _p("malang-guangzhou", "regency", "Jawa Timur", "Guangdong", "exploration", "2023"),
    _p("tarakan-fuzhou", "city", "Kalimantan Utara", "Fujian", "mou", "2018"),
    _p("jatim-fujian", "province", "Jawa Timur", "Fujian", "loi", "2015"),
)


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), {("ID", "Jawa Tengah"): 3, ("ID", "Jawa Timur"): 3, ("ID", "Kalimantan Utara"): 1,
                 ("CN", "Zhejiang"): 3, ("CN", "Guangdong"): 2, ("CN", "Fujian"): 2}),
    (Filters(levels={"city"}), {("ID", "Jawa Tengah"): 2, ("ID", "Jawa Timur"): 1,
                                ("ID", "Kalimantan Utara"): 1, ("CN", "Zhejiang"): 2,
                                ("CN", "Guangdong"): 1, ("CN", "Fujian"): 1}),
    (Filters(stages={"agreement"}), {("ID", "Jawa Tengah"): 1, ("ID", "Jawa Timur"): 1,
                                     ("CN", "Zhejiang"): 1, ("CN", "Guangdong"): 1}),
    (Filters(cn_provinces={"Fujian"}), {("ID", "Kalimantan Utara"): 1, ("ID", "Jawa Timur"): 1,
                                        ("CN", "Fujian"): 2}),
    (Filters(year_from=2016, include_undated=False), {("ID", "Jawa Tengah"): 1, ("ID", "Jawa Timur"): 1,
                                                      ("ID", "Kalimantan Utara"): 1, ("CN", "Zhejiang"): 1,
                                                      ("CN", "Guangdong"): 1, ("CN", "Fujian"): 1}),
    (Filters(query="nothing matches this"), {}),
])
def test_counts_follow_the_filters(filters, expected):
    assert count_by_province(apply_filters(ROWS, filters)) == expected


@pytest.mark.parametrize(("year", "expected"), [
    (2004, {}),
    (2012, {("ID", "Jawa Tengah"): 2, ("ID", "Jawa Timur"): 1,
            ("CN", "Zhejiang"): 2, ("CN", "Guangdong"): 1}),
    (2019, {("ID", "Jawa Tengah"): 2, ("ID", "Jawa Timur"): 2, ("ID", "Kalimantan Utara"): 1,
            ("CN", "Zhejiang"): 2, ("CN", "Guangdong"): 1, ("CN", "Fujian"): 2}),
])
def test_counts_follow_the_as_of_year(year, expected):
    # semarang-hangzhou began before its 2021 LoI, with a 2011 exploration step.
    steps = {"semarang-hangzhou": (Milestone("semarang-hangzhou", "2011", "exploration"),
                                   Milestone("semarang-hangzhou", "2021", "loi"))}
    as_of = network_as_of(ROWS, steps, year)
    assert count_by_province(as_of.partnerships) == expected


def test_a_province_counts_its_own_ties_and_those_of_its_places():
    ids = [p.id for p in in_province(ROWS, "ID", "Jawa Tengah")]
    assert ids == ["jateng-zhejiang", "semarang-hangzhou", "solo-ningbo"]
    assert [p.id for p in in_province(ROWS, "CN", "Fujian")] == ["tarakan-fuzhou", "jatim-fujian"]
    assert in_province(ROWS, "ID", "Zhejiang") == ()  # a Chinese province is not an Indonesian one
    with pytest.raises(ValueError, match="'XX'"):
        in_province(ROWS, "XX", "Bali")


def test_the_counts_agree_with_the_focus_set():
    counts = count_by_province(ROWS)
    for (country, province), n in counts.items():
        assert len(in_province(ROWS, country, province)) == n


def test_pairs_count_every_level_and_keep_the_highest_stage():
    pairs = province_pairs(ROWS)
    assert pairs[0] == PairCell("Jawa Tengah", "Zhejiang", 3, "agreement",
                                ("jateng-zhejiang", "semarang-hangzhou", "solo-ningbo"))
    assert PairCell("Jawa Timur", "Guangdong", 2, "agreement",
                    ("surabaya-guangzhou", "malang-guangzhou")) in pairs
    assert PairCell("Jawa Timur", "Fujian", 1, "loi", ("jatim-fujian",)) in pairs
    assert [c.count for c in pairs] == sorted((c.count for c in pairs), reverse=True)


def test_grid_rows_and_columns_are_sorted_by_total():
    grid = build_grid(ROWS)
    assert grid.rows == (("Jawa Tengah", 3), ("Jawa Timur", 3), ("Kalimantan Utara", 1))
    assert grid.columns == (("Zhejiang", 3), ("Fujian", 2), ("Guangdong", 2))
    assert sum(c.count for c in grid.cells) == len(ROWS)


def test_grid_with_every_province_adds_empty_rows_and_columns_last():
    grid = build_grid(ROWS, id_provinces=["Aceh", "Jawa Timur"], cn_provinces=["Tibet", "Anhui"])
    assert grid.rows[-1] == ("Aceh", 0)
    assert grid.columns[-2:] == (("Anhui", 0), ("Tibet", 0))
    assert grid.cells == province_pairs(ROWS)  # empty cells are not cells


def test_most_connected_pairs_and_provinces_without_a_partner():
    grid = build_grid(ROWS)
    assert [(c.id_province, c.cn_province) for c in most_connected_pairs(grid)] == [
        ("Jawa Tengah", "Zhejiang"), ("Jawa Timur", "Guangdong")]  # pairs of one are not "most"
    assert without_partner(grid, ["Anhui", "Fujian", "Tibet"], "CN") == ("Anhui", "Tibet")
    assert without_partner(grid, ["Aceh", "Jawa Timur"], "ID") == ("Aceh",)
    single = build_grid(ROWS[-1:])
    assert [c.ids for c in most_connected_pairs(single)] == [("jatim-fujian",)]
    assert most_connected_pairs(build_grid(())) == ()
