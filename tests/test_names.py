"""Name normalisation: folding, bare names, the level a name states, official Indonesian forms."""

import pytest

from components.names import compact, fold, marked_level, official_id_name, strip_prefix


@pytest.mark.parametrize("text, expected", [
    ("Ürümqi", "urumqi"),
    ("Urumqi", "urumqi"),
    ("Xi'an", "xian"),
    ("Xi’an", "xian"),
    ("Nán'ān", "nanan"),
    ("Shǎnxī", "shanxi"),
    ("  Jawa   Tengah ", "jawa tengah"),
    ("Kab. Sleman", "kab sleman"),
    ("D.I. Yogyakarta", "d i yogyakarta"),
    ("Bangka–Belitung", "bangka belitung"),
    ("杭州市", "杭州市"),
    ("ＫＯＴＡ　Bogor", "kota bogor"),
    ("", ""),
])
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("a, b", [
    ("Xi An", "Xian"), ("Xi'an", "XIAN"), ("Pematang Siantar", "Pematangsiantar"),
    ("Deli-Serdang", "Deli Serdang"),
])
def test_compact_meets_spacing_variants(a, b):
    assert compact(a) == compact(b)


@pytest.mark.parametrize("name, bare", [
    ("Kota Serang", "Serang"),
    ("Kabupaten Tangerang", "Tangerang"),
    ("Kab. Sleman", "Sleman"),
    ("Kab Sleman", "Sleman"),
    ("Provinsi Jawa Tengah", "Jawa Tengah"),
    ("Prov. Jawa Tengah", "Jawa Tengah"),
    ("Makassar City", "Makassar"),
    ("City of Surabaya", "Surabaya"),
    ("Badung Regency", "Badung"),
    ("Central Java Province", "Central Java"),
    ("Nanjing County", "Nanjing"),
    ("Songjiang District", "Songjiang"),
    ("Guangxi Zhuang Autonomous Region", "Guangxi"),
    ("Xinjiang Uygur Autonomous Region", "Xinjiang"),
    ("Inner Mongolia Autonomous Region", "Inner Mongolia"),
    ("Hong Kong SAR", "Hong Kong"),
    ("Suzhou Shi", "Suzhou"),
    ("Suzhou (Anhui)", "Suzhou"),
    ("Provinsi DKI Jakarta (now Daerah Khusus Jakarta)", "DKI Jakarta"),
    ("杭州市", "杭州"),
    ("南靖县", "南靖"),
    ("江苏省", "江苏"),
    ("广西壮族自治区", "广西"),
    ("新疆维吾尔自治区", "新疆"),
    ("内蒙古自治区", "内蒙古"),
    ("香港特别行政区", "香港"),
    ("沙市", "沙市"),  # one character left would be no name: keep it whole
    ("Kota", "Kota"),
    ("Xi'an", "Xi'an"),  # "an" is no suffix; one word is never stripped
    ("Kepulauan Riau", "Kepulauan Riau"),
    ("DKI Jakarta", "DKI Jakarta"),
])
def test_strip_prefix(name, bare):
    assert strip_prefix(name) == bare


@pytest.mark.parametrize("name, level", [
    ("Kota Bogor", "city"), ("Kabupaten Bogor", "regency"), ("Kab. Bogor", "regency"),
    ("Bogor Regency", "regency"), ("Makassar City", "city"), ("Provinsi Bali", "province"),
    ("Nanjing County", "county"), ("南沙区", "district"), ("江苏省", "province"), ("Bogor", ""),
])
def test_marked_level(name, level):
    assert marked_level(name) == level


@pytest.mark.parametrize("raw, level, official", [
    ("Kab. Sleman", "regency", "Kabupaten Sleman"),
    ("Kab. Sleman", "", "Kabupaten Sleman"),
    ("Sleman", "regency", "Kabupaten Sleman"),
    ("Sleman Regency", "regency", "Kabupaten Sleman"),
    ("Makassar City", "city", "Kota Makassar"),
    ("Makassar", "city", "Kota Makassar"),
    ("Kota  Makassar", "city", "Kota Makassar"),
    ("Kota Bogor", "regency", "Kota Bogor"),  # the name's own marker wins
    ("Jawa Tengah", "province", "Provinsi Jawa Tengah"),
    ("Provinsi Jawa Tengah", "province", "Provinsi Jawa Tengah"),
    ("Central Java", "province", "Central Java"),  # left for the gazetteer to translate
    ("Riau Islands", "province", "Riau Islands"),
    ("DKI Jakarta", "province", "DKI Jakarta"),
    ("Daerah Istimewa Yogyakarta", "province", "Daerah Istimewa Yogyakarta"),
    ("Papua Barat Daya", "province", "Provinsi Papua Barat Daya"),
    ("Sleman", "", "Sleman"),
])
def test_official_id_name(raw, level, official):
    assert official_id_name(raw, level) == official


def test_every_field_tag_the_finder_knows_has_a_label():
    from components.i18n.vocabulary import FIELD_LABELS, FIELD_TAGS
    assert {tag for tag, _ in FIELD_TAGS} <= set(FIELD_LABELS)


@pytest.mark.parametrize("text, cjk", [
    ("杭州市", True), ("Hangzhou 杭州", True), ("𠀀", True), ("Xi'an", False), ("。", False),
    ("カタカナ", False),
])
def test_one_cjk_test(text, cjk):
    from components.names import is_cjk
    assert is_cjk(text) is cjk


def test_level_words_are_written_once():
    from components.names import ID_LEVEL_WORDS, marked_level
    assert all(marked_level(f"{word} Bogor") == level
               for word, level in ID_LEVEL_WORDS.items() if "." not in word)
