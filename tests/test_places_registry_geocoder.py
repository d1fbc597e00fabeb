"""The registry geocoder: every Indonesian and Chinese division, homonyms apart, no guessed points."""

from __future__ import annotations

import pytest

from components.places.registry import RegistryGeocoder

GEOCODER = RegistryGeocoder()


@pytest.mark.parametrize("query, country, level, province, expected_zh_or_name", [
    ("Suzhou", "CN", "city", "Anhui", "宿州市"),  # homonyms told apart by province
    ("Suzhou", "CN", "city", "Jiangsu", "苏州市"),
    ("宿州市", "CN", None, None, "宿州市"),
    ("Kota Cirebon", "ID", "city", "Jawa Barat", "Kota Cirebon"),
    ("Nanjing", "CN", "county", "Fujian", "南靖县"),
    ("Hohhot", "CN", "city", "Inner Mongolia", "呼和浩特市"),
])
def test_divisions_are_found_with_their_context(query, country, level, province,
                                                expected_zh_or_name):
    row = GEOCODER.lookup(query, country=country, level=level, province=province)
    assert row is not None and expected_zh_or_name in (row.name_zh, row.name)


@pytest.mark.parametrize("query, country, level, province", [
    ("Suzhou", "CN", "city", None),  # two cities: ambiguous without a province
    ("Kota Malang", "ID", "regency", "Jawa Timur"),  # "Kota" is never a regency
    ("Kabupaten Atlantis", "ID", "regency", "Bali"),
    ("Hangzhou", "CN", "city", "Anhui"),  # wrong province
])
def test_no_match_or_an_ambiguous_one_is_none(query, country, level, province):
    assert GEOCODER.lookup(query, country=country, level=level, province=province) is None


def test_a_place_without_a_point_is_unresolved_unless_the_parent_fallback_is_asked():
    ref = {"country": "ID", "level": "regency", "province": "Daerah Istimewa Yogyakarta"}
    row = GEOCODER.lookup("Kabupaten Kulon Progo", **ref)
    assert row is not None and row.lat is None
    assert GEOCODER.geocode("Kabupaten Kulon Progo", **ref) is None
    approximate = RegistryGeocoder(parent_fallback=True).geocode("Kabupaten Kulon Progo", **ref)
    assert approximate is not None and approximate.raw["approximate"] is True
    assert approximate.point[:2] == pytest.approx((-7.80139, 110.36472))  # DIY's point


def test_a_place_with_a_point_answers_with_the_row():
    location = GEOCODER.geocode("Xiangyang", country="CN", level="city", province="Hubei")
    assert location is not None and location.raw["name_zh"] == "襄阳市"
    assert location.raw["source"] == "registry" and location.raw["approximate"] is False


def test_a_candidate_row_for_places_new_to_the_dataset_geocodes_offline(tmp_path):
    from pathlib import Path

    from components.news.articles import Article, split_sentences
    from components.news.candidates import find_candidates
    from components.places.chain import resolve_places
    from components.places.gazetteer import load_gazetteer

    text = ("Pemerintah Kota Bitung dan Pemerintah Kota Zhanjiang, Provinsi Guangdong, "
            "menandatangani letter of intent kota kembar, Kamis (12/6/2025).")
    article = Article(Path("t.txt"), "t.txt", "T", "", "2025-06-13", "", "id", text,
                      split_sentences(text))
    found = find_candidates([article], [], load_gazetteer())
    assert [(c.partnership.id_name, c.partnership.cn_name_zh) for c in found] == [
        ("Kota Bitung", "湛江市")]
    resolution = resolve_places([found[0].partnership], online=False,
                                cache_path=tmp_path / "c.json")
    assert {place.resolved_by for place in resolution.places.values()} == {"registry"}
