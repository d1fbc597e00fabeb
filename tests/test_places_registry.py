"""data/places_registry.csv: every Indonesian and Chinese division the news reader must know."""

import csv
from collections import Counter
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parent.parent / "data" / "places_registry.csv"
COLUMNS = ["code", "country", "level", "name", "name_zh", "pinyin", "province", "parent",
           "lat", "lon", "coord_note", "aliases"]


@pytest.fixture(scope="module")
def rows():
    with PATH.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


@pytest.fixture(scope="module")
def counts(rows):
    return Counter((r["country"], r["level"]) for r in rows)


def by_name(rows, country, name):
    return [r for r in rows if r["country"] == country and r["name"] == name]


def test_indonesia_has_38_provinces_and_500_regencies_and_cities(rows, counts):
    assert counts[("ID", "province")] == 38
    assert counts[("ID", "regency")] + counts[("ID", "city")] >= 500
    provinces = {r["province"] for r in rows if r["country"] == "ID"}
    assert {"Papua Selatan", "Papua Tengah", "Papua Pegunungan", "Papua Barat Daya",
            "DKI Jakarta", "Daerah Istimewa Yogyakarta"} <= provinces


def test_china_has_all_levels(counts):
    assert counts[("CN", "province")] == 34  # 31 mainland + Taiwan, Hong Kong, Macau (GB/T 2260)
    assert counts[("CN", "city")] >= 330
    assert counts[("CN", "county")] + counts[("CN", "district")] >= 2800


def test_codes_unique_and_levels_known(rows):
    codes = Counter(r["code"] for r in rows)
    assert [c for c, n in codes.items() if n > 1] == []
    levels = {"ID": {"province", "regency", "city"}, "CN": {"province", "city", "county", "district"}}
    assert all(r["level"] in levels[r["country"]] for r in rows)


def test_provinces_written_as_the_gazetteer_writes_them(rows):
    gazetteer = Path(__file__).resolve().parent.parent / "data" / "gazetteer.csv"
    with gazetteer.open(encoding="utf-8", newline="") as handle:
        known = {(r["country"], r["province"]) for r in csv.DictReader(handle)}
    assert {(r["country"], r["province"]) for r in rows} <= known


def test_parents_exist_and_share_the_province(rows):
    by_code = {r["code"]: r for r in rows}
    for r in rows:
        if r["level"] == "province":
            assert r["parent"] == ""
            continue
        parent = by_code[r["parent"]]
        assert parent["province"] == r["province"]
        assert parent["level"] in ("province", "city")


def test_kota_and_kabupaten_bogor_are_distinct(rows):
    kota, = by_name(rows, "ID", "Kota Bogor")
    kab, = by_name(rows, "ID", "Kabupaten Bogor")
    assert kota["code"] != kab["code"]
    assert (kota["level"], kab["level"]) == ("city", "regency")
    assert "Bogor" not in kota["aliases"].split(";") + kab["aliases"].split(";")
    assert "Kab. Bogor" in kab["aliases"].split(";")


def test_chinese_homonyms_stay_apart(rows):
    chaoyang = [r for r in rows if r["name_zh"] == "朝阳区"]
    assert len(chaoyang) >= 2
    assert len({(r["code"], r["parent"]) for r in chaoyang}) == len(chaoyang)


def test_chinese_names(rows):
    hangzhou, = [r for r in rows if r["name_zh"] == "杭州市"]
    assert (hangzhou["name"], hangzhou["level"], hangzhou["province"]) == ("Hangzhou", "city", "Zhejiang")
    assert hangzhou["code"] == "330100"
    assert "杭州" in hangzhou["aliases"].split(";")
    assert [r["name"] for r in rows if r["name_zh"] == "长治市"] == ["Changzhi"]
    assert [r["name"] for r in rows if r["name_zh"] == "厦门市"] == ["Xiamen"]


@pytest.mark.parametrize("country,name,lat,lon", [
    ("CN", "Hangzhou", 30.27, 120.16),
    ("ID", "Kota Serang", -6.12, 106.15),
    ("ID", "Kota Surabaya", -7.25, 112.75),
    ("CN", "Guangxi", 22.82, 108.32),
])
def test_spot_coordinates(rows, country, name, lat, lon):
    row, = [r for r in rows if r["country"] == country and r["name"] == name and r["level"] != "county"
            and r["level"] != "district"]
    assert abs(float(row["lat"]) - lat) < 0.5 and abs(float(row["lon"]) - lon) < 0.5


def test_every_empty_point_says_why(rows):
    for r in rows:
        assert bool(r["lat"]) == bool(r["lon"])
        if not r["lat"]:
            assert r["coord_note"].startswith("no point:")
