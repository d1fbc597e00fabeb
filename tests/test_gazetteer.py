"""The gazetteer file and its lookups: coverage, validation, name variants, namesakes."""

import csv
from pathlib import Path

import pytest
from geopy.location import Location

from components.places.gazetteer import (
    COLUMNS,
    GazetteerGeocoder,
    load_gazetteer,
    parse_rows,
)
from components.errors import UnusableFile
from components.places.geonames import load_admin1
from components.models import PlaceRef

# Reference coordinates of the research dossier's places (name, country, lat, lon).
PLACES_CSV = Path(__file__).resolve().parent / "fixtures" / "reference_places.csv"

ID_PROVINCES = {
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi",
    "Sumatera Selatan", "Kepulauan Bangka Belitung", "Bengkulu", "Lampung", "Banten",
    "DKI Jakarta", "Jawa Barat", "Jawa Tengah", "Daerah Istimewa Yogyakarta", "Jawa Timur",
    "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat",
    "Kalimantan Tengah", "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara",
    "Sulawesi Utara", "Gorontalo", "Sulawesi Tengah", "Sulawesi Barat", "Sulawesi Selatan",
    "Sulawesi Tenggara", "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya",
    "Papua Selatan", "Papua Tengah", "Papua Pegunungan",
}
CN_PROVINCES = {
    "Beijing", "Tianjin", "Shanghai", "Chongqing", "Hebei", "Shanxi", "Liaoning", "Jilin",
    "Heilongjiang", "Jiangsu", "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong", "Henan",
    "Hubei", "Hunan", "Guangdong", "Hainan", "Sichuan", "Guizhou", "Yunnan", "Shaanxi", "Gansu",
    "Qinghai", "Taiwan", "Inner Mongolia", "Guangxi", "Tibet", "Ningxia", "Xinjiang",
    "Hong Kong", "Macau",
}


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_all_provinces_present(gazetteer):
    provinces = {(e.country, e.province) for e in gazetteer.entries if e.level == "province"}
    assert {p for c, p in provinces if c == "ID"} == ID_PROVINCES
    assert {p for c, p in provinces if c == "CN"} == CN_PROVINCES


def test_geonames_admin1_table_names_our_provinces(gazetteer):
    for (_, _), (country, province) in load_admin1().items():
        assert gazetteer.province_name(country, province) == province


def _reference_places():
    with PLACES_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", _reference_places(), ids=lambda row: row["name"])
def test_every_dossier_place_has_its_sourced_point(gazetteer, row):
    country = "ID" if row["country"] == "Indonesia" else "CN"
    name = row["name"].split(" / ")[0]
    zh = "".join(ch for ch in name if "\u4e00" <= ch <= "\u9fff")
    matches = [e for e in gazetteer.entries if e.country == country and
               ((zh and e.name_zh == zh) or (not zh and e.name == name))]
    assert matches, f"{name} missing"
    assert any(abs(e.lat - float(row["lat"])) < 1e-4 and abs(e.lon - float(row["lon"])) < 1e-4
               for e in matches)


def test_every_name_form_finds_its_own_entry(gazetteer):
    wrong = [(e.name, form) for e in gazetteer.entries for form in e.names
             if gazetteer.lookup(form, country=e.country, level=e.level,
                                 province=e.province) is not e]
    assert wrong == []


DIY = "Daerah Istimewa Yogyakarta"
SULSEL = "Sulawesi Selatan"


@pytest.mark.parametrize("ref, name, province", [
    (PlaceRef("ID", "Kab. Sleman", "regency", "DIY"), "Kabupaten Sleman", DIY),
    (PlaceRef("ID", "Makassar City", "city", "South Sulawesi"), "Kota Makassar", SULSEL),
    (PlaceRef("ID", "South Sulawesi", "province", "Sulsel"), "Provinsi Sulawesi Selatan", SULSEL),
    (PlaceRef("ID", "Central Java", "province", "Jateng"), "Provinsi Jawa Tengah", "Jawa Tengah"),
    (PlaceRef("ID", "Sumatra Utara", "province", "Sumut"), "Provinsi Sumatera Utara",
     "Sumatera Utara"),
    (PlaceRef("ID", "Daerah Khusus Jakarta", "province", "Jakarta"), "DKI Jakarta", "DKI Jakarta"),
    (PlaceRef("ID", "NTB", "province", "NTB"), "Provinsi Nusa Tenggara Barat",
     "Nusa Tenggara Barat"),
    (PlaceRef("ID", "Solo", "city", "Jawa Tengah"), "Kota Surakarta", "Jawa Tengah"),
    (PlaceRef("CN", "苏州市", "city", "江苏省"), "Suzhou", "Jiangsu"),
    (PlaceRef("CN", "Suzhou", "city", "Anhui", name_zh="宿州市"), "Suzhou", "Anhui"),
    (PlaceRef("CN", "Urumqi", "city", "Xinjiang Uygur Autonomous Region"), "Ürümqi", "Xinjiang"),
    (PlaceRef("CN", "Ürümqi", "city", "新疆"), "Ürümqi", "Xinjiang"),
    (PlaceRef("CN", "Wulumuqi", "city", "Xinjiang"), "Ürümqi", "Xinjiang"),
    (PlaceRef("CN", "Xian", "city", "Shaanxi"), "Xi'an", "Shaanxi"),
    (PlaceRef("CN", "Xi An", "city", "陕西"), "Xi'an", "Shaanxi"),
    (PlaceRef("CN", "Tibet", "province", "Xizang"), "Tibet", "Tibet"),
    (PlaceRef("CN", "内蒙古", "province", "Nei Mongol"), "Inner Mongolia", "Inner Mongolia"),
    (PlaceRef("CN", "Guangxi Zhuang Autonomous Region", "province", "广西壮族自治区"),
     "Guangxi", "Guangxi"),
    (PlaceRef("CN", "", "city", "Zhejiang", name_zh="杭州"), "Hangzhou", "Zhejiang"),
    (PlaceRef("CN", "Fuqing", "county", "Fujian"), "Fuqing", "Fujian"),  # county-level city
    (PlaceRef("CN", "Beijing", "city", "Beijing"), "Beijing", "Beijing"),
])
def test_name_variants(gazetteer, ref, name, province):
    entry = gazetteer.find(ref)
    assert entry is not None and (entry.name, entry.province) == (name, province)


@pytest.mark.parametrize("ref, name_zh, lat", [
    (PlaceRef("CN", "Suzhou", "city", "Jiangsu"), "苏州市", 31.30),
    (PlaceRef("CN", "Suzhou", "city", "Anhui"), "宿州市", 33.64),
    (PlaceRef("CN", "Fuzhou", "city", "Fujian"), "福州市", 26.06),
    (PlaceRef("CN", "Fuzhou", "city", "Jiangxi"), "抚州市", 27.96),
    (PlaceRef("CN", "Taizhou", "city", "Zhejiang"), "台州市", 28.66),
    (PlaceRef("CN", "Taizhou", "city", "Jiangsu"), "泰州市", 32.49),
    (PlaceRef("CN", "Yichun", "city", "Jiangxi"), "宜春市", 27.83),
    (PlaceRef("CN", "Yichun", "city", "Heilongjiang"), "伊春市", 47.72),
    (PlaceRef("CN", "Nanjing", "county", "Fujian"), "南靖县", 24.51),
    (PlaceRef("CN", "Nanjing", "city", "Jiangsu"), "南京市", 32.06),
    (PlaceRef("CN", "Shanxi", "province", "Shanxi"), "山西省", 37.87),
    (PlaceRef("CN", "Shaanxi", "province", "Shaanxi"), "陕西省", 34.26),
])
def test_chinese_namesakes(gazetteer, ref, name_zh, lat):
    entry = gazetteer.find(ref)
    assert entry.name_zh == name_zh and abs(entry.lat - lat) < 0.01


@pytest.mark.parametrize("ref, name, lat", [
    (PlaceRef("ID", "Bogor", "regency", "Jawa Barat"), "Kabupaten Bogor", -6.48),
    (PlaceRef("ID", "Kabupaten Bogor", "regency", "Jawa Barat"), "Kabupaten Bogor", -6.48),
    (PlaceRef("ID", "Bogor", "city", "Jawa Barat"), "Kota Bogor", -6.59),
    (PlaceRef("ID", "Tangerang", "regency", "Banten"), "Kabupaten Tangerang", -6.20),
    (PlaceRef("ID", "Tangerang", "city", "Banten"), "Kota Tangerang", -6.17),
    (PlaceRef("ID", "Depok", "city", "Jawa Barat"), "Kota Depok", -6.40),
    (PlaceRef("ID", "Malang", "regency", "Jawa Timur"), "Kabupaten Malang", -8.13),
])
def test_indonesian_namesakes(gazetteer, ref, name, lat):
    entry = gazetteer.find(ref)
    assert entry.name == name and abs(entry.lat - lat) < 0.01


@pytest.mark.parametrize("ref", [
    PlaceRef("CN", "Suzhou", "city", ""),  # two Suzhous and no province: never guessed
    PlaceRef("CN", "Suzhou", "city", "Guangdong"),
    PlaceRef("CN", "Shanxi", "province", "Shaanxi"),
    PlaceRef("ID", "Kota Bogor", "regency", "Jawa Barat"),  # the name says city
    PlaceRef("ID", "Bogor", "regency", "Jawa Tengah"),
    PlaceRef("ID", "Serang", "city", "Provinsi Atlantis"),
    PlaceRef("ID", "Hangzhou", "city", "Zhejiang"),
    PlaceRef("CN", "Jawa Tengah", "province", "Jawa Tengah"),
])
def test_no_guessing(gazetteer, ref):
    assert gazetteer.find(ref) is None


def test_aliases_list_every_form(gazetteer):
    forms = gazetteer.aliases(PlaceRef("CN", "Guangxi", "province", "Guangxi"))
    for form in ("Guangxi", "广西壮族自治区", "广西", "Guangxi Zhuang Autonomous Region"):
        assert form in forms
    forms = gazetteer.aliases(PlaceRef("ID", "Provinsi Jawa Tengah", "province", "Jawa Tengah"))
    for form in ("Provinsi Jawa Tengah", "Jawa Tengah", "Central Java", "Jateng", "中爪哇"):
        assert form in forms
    unknown = PlaceRef("ID", "Kota Atlantis", "city", "Bali")
    assert gazetteer.aliases(unknown) == ("Kota Atlantis", "Atlantis")


def test_geocoder_returns_a_location_with_the_entry(gazetteer):
    location = GazetteerGeocoder(gazetteer).geocode("Jateng", country="ID", level="province")
    assert isinstance(location, Location)
    assert location.raw["name"] == "Provinsi Jawa Tengah" and location.raw["name_zh"] == "中爪哇"
    assert (location.latitude, location.longitude) == (-6.99306, 110.42083)
    assert GazetteerGeocoder(gazetteer).geocode("Atlantis") is None


GOOD = ["Kota Serang", "ID", "city", "Banten", "-6.1", "106.1", "city centre", "", "", "", "test"]
PROVINCE = ["Provinsi Banten", "ID", "province", "Banten", "-6.1", "106.1", "provincial capital",
            "", "", "", "test"]


def _with(**changes):
    row = dict(zip(COLUMNS, GOOD))
    row.update(changes)
    return list(row.values())


@pytest.mark.parametrize("rows, line, column, message", [
    ([PROVINCE, _with(country="MY")], 3, "country", "must be ID or CN"),
    ([PROVINCE, _with(level="county")], 3, "level", "must be one of"),
    ([PROVINCE, _with(lat="south")], 3, "lat", "not a number"),
    ([PROVINCE, _with(lon="200")], 3, "lon", "between"),
    ([PROVINCE, _with(lat="31.2", lon="121.4")], 3, "lat", "outside ID"),
    ([PROVINCE, _with(point="somewhere")], 3, "point", "must be one of"),
    ([PROVINCE, _with(source="")], 3, "source", "must not be empty"),
    ([PROVINCE, _with(province="Atlantis")], 3, "province", "no province of ID"),
    ([PROVINCE, GOOD[:5]], 3, "", "expected 11 fields"),
    ([GOOD, GOOD, PROVINCE], 3, "name", "duplicate of line 2"),
    ([PROVINCE, ["Provinsi Jakarta", "ID", "province", "Jakarta", "-6.2", "106.8",
                 "provincial capital", "", "", "Banten", "test"]],
     3, "aliases", "also names the province"),
])
def test_validation_reports_line_and_column(rows, line, column, message):
    _, problems = parse_rows([list(COLUMNS), *rows], "g.csv")
    assert any(p.line == line and p.column == column and message in p.message
               and p.file == "g.csv" for p in problems), problems


def test_a_good_file_has_no_problems():
    entries, problems = parse_rows([list(COLUMNS), PROVINCE, GOOD], "g.csv")
    assert problems == [] and [e.name for e in entries] == ["Provinsi Banten", "Kota Serang"]


def test_bad_header_and_unreadable_file(tmp_path):
    _, problems = parse_rows([["name", "lat"]], "g.csv")
    assert problems[0].line == 1 and "header must be" in problems[0].message
    with pytest.raises(UnusableFile) as raised:
        load_gazetteer(tmp_path / "missing.csv")
    assert "cannot read" in str(raised.value)
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(COLUMNS) + "\n" + ",".join(_with(lat="x")) + "\n", encoding="utf-8")
    with pytest.raises(UnusableFile) as raised:
        load_gazetteer(bad)
    assert raised.value.problems[0].line == 2 and raised.value.problems[0].column == "lat"
