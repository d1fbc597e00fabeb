"""Focus on a place: which partnerships are a place's, and which place a name means."""

from __future__ import annotations

import pytest

from components.focus import (FocusPlace, PlaceIndex, partnerships_of_place, place_key,
                              province_place, stage_counts)
from components.models import STAGES, PlaceRef
from components.places.gazetteer import load_gazetteer
from tests.samples import PARTNERSHIPS, sample_partnership


def ids(rows) -> list[str]:
    return [p.id for p in rows]


JATENG = province_place("ID", "Jawa Tengah")
FUJIAN = province_place("CN", "Fujian")
SEMARANG = FocusPlace("ID", "city", "Jawa Tengah", "Kota Semarang")
TANGERANG_REGENCY = FocusPlace("ID", "regency", "Banten", "Kabupaten Tangerang")
NANJING = FocusPlace("CN", "city", "Jiangsu", "Nanjing")
BANTEN = province_place("ID", "Banten")  # no province-level tie: only places inside it

FOCUS_CASES = [
    # a province: its own tie first, then the cities and regencies inside it, in input order
    (JATENG, ["jawa-tengah-fujian", "semarang-nanjing", "kab-klaten-nanjing"]),
    (FUJIAN, ["jawa-tengah-fujian", "kab-klaten-nanjing", "surabaya-xiamen"]),
    (BANTEN, ["serang-hangzhou", "kab-tangerang-binzhou", "tangerang-yantai", "kab-tangerang-boxing"]),
    # a city or a regency: its own ties only
    (SEMARANG, ["semarang-nanjing"]),
    (TANGERANG_REGENCY, ["kab-tangerang-binzhou", "kab-tangerang-boxing"]),
    (NANJING, ["semarang-nanjing"]),  # Nanjing County (Fujian) is another place
    (province_place("CN", "Jiangsu"), ["semarang-nanjing"]),
    (province_place("ID", "Papua"), []),
]


@pytest.mark.parametrize(("place", "expected"), FOCUS_CASES)
def test_partnerships_of_place(place, expected):
    assert ids(partnerships_of_place(place, PARTNERSHIPS)) == expected


def test_a_province_counts_the_same_set_whichever_order_the_rows_come_in():
    forward = set(ids(partnerships_of_place(JATENG, PARTNERSHIPS)))
    assert set(ids(partnerships_of_place(JATENG, PARTNERSHIPS[::-1]))) == forward


def test_own_ties_come_first_even_when_listed_last():
    rows = (*PARTNERSHIPS[7:9], PARTNERSHIPS[3])  # Semarang, Klaten, then the province itself
    assert ids(partnerships_of_place(JATENG, rows))[0] == "jawa-tengah-fujian"


def test_stage_counts_keep_every_stage_in_order():
    counts = stage_counts(partnerships_of_place(JATENG, PARTNERSHIPS), STAGES)
    assert counts == {"exploration": 1, "loi": 0, "mou": 1, "agreement": 1}


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex(PARTNERSHIPS, names=load_gazetteer())


RESOLVE_CASES = [
    ("Provinsi Jawa Tengah", [JATENG.key]),  # official name
    ("jawa tengah", [JATENG.key]),  # bare, any case
    ("Jateng", [JATENG.key]),  # gazetteer alias
    ("Central Java", [JATENG.key]),  # English
    ("中爪哇", [JATENG.key]),  # Chinese
    ("杭州", ["CN|city|Zhejiang|Hangzhou"]),  # characters without 市
    ("杭州市", ["CN|city|Zhejiang|Hangzhou"]),
    ("Hangzhou", ["CN|city|Zhejiang|Hangzhou"]),
    ("  HANGZHOU ", ["CN|city|Zhejiang|Hangzhou"]),
    ("Fujian", [FUJIAN.key]),  # a province-level partner is its province
    ("福建省", [FUJIAN.key]),
    ("Kota Semarang", [SEMARANG.key]),
    ("Banten", [BANTEN.key]),  # a province only named as id_province
    ("Zhejiang", ["CN|province|Zhejiang|Zhejiang"]),  # ... or as cn_province
    ("Kabupaten Tangerang", [TANGERANG_REGENCY.key]),
    (SEMARANG.key, [SEMARANG.key]),  # the key itself, as a link may carry it
    (place_key(PlaceRef("CN", "Fujian", "province", "Fujian")), [FUJIAN.key]),
]


@pytest.mark.parametrize(("text", "expected"), RESOLVE_CASES)
def test_resolve_each_kind_of_name(index, text, expected):
    assert [p.key for p in index.resolve(text)] == expected


def test_a_shared_name_is_ambiguous(index):
    found = {p.key for p in index.resolve("Tangerang")}
    assert found == {"ID|city|Banten|Kota Tangerang", TANGERANG_REGENCY.key}


@pytest.mark.parametrize("text", [
    "", "   ", "Atlantis", "Jawa", "<script>alert(1)</script>", "' OR 1=1 --", "\x00\x1b[31m",
    "Hangzhou" * 40, "../../etc/passwd", "ID|city|Banten|Kota Nowhere", None, 42,
])
def test_unknown_or_hostile_text_finds_nothing_and_never_raises(index, text):
    assert index.resolve(text) == ()


def test_names_carry_the_chinese_form_for_the_reader(index):
    assert index.by_key[JATENG.key].label("zh") == "中爪哇"
    assert index.by_key[JATENG.key].label("en") == "Provinsi Jawa Tengah"
    assert index.by_key["CN|city|Zhejiang|Hangzhou"].label("zh") == "杭州市"


def test_link_name_finds_the_same_place_again(index):
    for place in index.places:
        assert index.resolve(index.link_name(place)) == (place,)
    assert index.link_name(index.by_key[SEMARANG.key]) == "Kota Semarang"


def test_every_partner_of_the_data_is_focusable_and_in_its_own_set(index):
    for p in PARTNERSHIPS:
        for ref in (p.id_place, p.cn_place):
            found = index.resolve(place_key(ref))
            assert len(found) == 1 and p in partnerships_of_place(found[0], PARTNERSHIPS)


def test_a_province_holds_every_tie_of_the_places_inside_it():
    rows = PARTNERSHIPS + (sample_partnership("x", "Kota Surakarta", "city", "Jawa Tengah",
                                              "Xi'an", "西安市", "city", "Shaanxi", "mou", "2020"),)
    inside = set(ids(partnerships_of_place(JATENG, rows)))
    for city in (SEMARANG, FocusPlace("ID", "city", "Jawa Tengah", "Kota Surakarta")):
        assert set(ids(partnerships_of_place(city, rows))) <= inside
