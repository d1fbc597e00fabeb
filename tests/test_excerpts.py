"""Excerpts: names matched on word boundaries and levels, ranked sentences, spans for highlighting."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.news.articles import Article, load_article, split_sentences
from components.news.excerpts import excerpts_for, find_mentions, fold_text, side_mentions
from components.places.gazetteer import load_gazetteer
from components.models import Partnership

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "seeds" / "2025-09-xinhua-bharata-kota-kembar.txt"
FIXTURE_GAZETTEER = Path(__file__).resolve().parent / "fixtures" / "articles" / "gazetteer.csv"


def pair(pid: str, id_name: str, id_level: str, id_province: str, cn_name: str, cn_zh: str,
         cn_level: str, cn_province: str) -> Partnership:
    return Partnership(pid, id_name, id_level, id_province, cn_name, cn_zh, cn_level,
                       cn_province, "loi")


def article_of(text: str, date: str = "2025-09", name: str = "t.txt") -> Article:
    return Article(Path(name), name, "T", "", date, "", "id", text, split_sentences(text))


@pytest.fixture(scope="module")
def shipped():
    return [load_article(SHIPPED)]


@pytest.fixture(scope="module", params=["real", "fixture"])
def gazetteer(request):
    return load_gazetteer(None if request.param == "real" else FIXTURE_GAZETTEER)


@pytest.mark.parametrize("text, aliases, found", [
    ("Warga menyerang pos itu.", ("Serang", "Kota Serang"), []),
    ("Mereka kembali ke Denpasar.", ("Bali",), []),
    ("Pasukan serang balik.", ("Serang",), []),  # lowercase: the verb, not the city
    ("Kota Serang dan SERANG.", ("Serang", "Kota Serang"), ["Kota Serang", "SERANG"]),
    ("Hubungan Serang-Hangzhou baru.", ("Serang",), ["Serang"]),
    ("Delegasi dari 杭州市 datang.", ("杭州",), ["杭州"]),
    ("杭州和滨州", ("杭州", "滨州"), ["杭州", "滨州"]),
    ("Pulau Bali, Bali-nya indah.", ("Bali",), ["Bali", "Bali"]),
    ("Kota Ürümqi dan Urumqi.", ("Urumqi",), ["Ürümqi", "Urumqi"]),
    ("Kota Xi’an di Shaanxi.", ("Xi'an",), ["Xi’an"]),
    ("Provinsi Jawa\nTengah hadir.", ("Jawa Tengah",), ["Jawa\nTengah"]),
    ("Batu bara dan batu kali.", ("Batu",), ["Batu"]),
    ("Großstadt ﬁx Hangzhou.", ("Hangzhou",), ["Hangzhou"]),  # folding that changes lengths
])
def test_names_match_on_word_boundaries(text, aliases, found):
    folded = fold_text(text)
    assert [text[m.start:m.end] for m in find_mentions(folded, aliases)] == found


@pytest.mark.parametrize("text, level, found", [
    ("Kabupaten Tangerang menandatangani LoI.", "city", []),
    ("Kabupaten Tangerang menandatangani LoI.", "regency", ["Kabupaten Tangerang"]),
    ("Kab. Tangerang menandatangani LoI.", "regency", ["Kab. Tangerang"]),
    ("Kab. Tangerang dan lalu Tangerang lagi.", "city", []),  # bare name means the regency here
    ("Wali Kota Tangerang hadir.", "city", ["Kota Tangerang"]),
    ("Wali Kota Tangerang hadir.", "regency", []),
    ("Bupati Tangerang hadir.", "city", []),
    ("Bupati Tangerang hadir.", "regency", ["Tangerang"]),
    ("Tangerang tumbuh pesat.", "city", ["Tangerang"]),
])
def test_level_words_decide_between_city_and_regency(text, level, found):
    aliases = ("Kota Tangerang", "Tangerang", "Kabupaten Tangerang", "Kab. Tangerang")
    mentions = side_mentions(fold_text(text), aliases, "ID", level)
    assert [text[m.start:m.end] for m in mentions] == found


def test_ibu_kota_does_not_make_a_province_a_city():
    text = "Semarang, ibu kota Jawa Tengah, ramai."
    mentions = side_mentions(fold_text(text), ("Jawa Tengah",), "ID", "province")
    assert [text[m.start:m.end] for m in mentions] == ["Jawa Tengah"]


SHIPPED_EXPECTATIONS = [
    (pair("serang-hangzhou", "Kota Serang", "city", "Banten", "Hangzhou", "杭州市", "city",
          "Zhejiang"), "Pada 5 September 2025, Wali Kota Serang Budi Rustandi", True),
    (pair("kab-tangerang-binzhou", "Kabupaten Tangerang", "regency", "Banten", "Binzhou",
          "滨州市", "city", "Shandong"), "pada Juni lalu menandatangani LoI", True),
    (pair("jawa-tengah-fujian", "Provinsi Jawa Tengah", "province", "Jawa Tengah", "Fujian",
          "福建省", "province", "Fujian"), "lebih dari dua dekade", True),
    (pair("sumatera-utara-guangdong", "Provinsi Sumatera Utara", "province", "Sumatera Utara",
          "Guangdong", "广东省", "province", "Guangdong"), "lebih dari dua dekade", True),
    (pair("jawa-barat-guangxi", "Provinsi Jawa Barat", "province", "Jawa Barat", "Guangxi",
          "广西壮族自治区", "province", "Guangxi"), "Beberapa provinsi lainnya seperti", False),
    (pair("bali-hainan", "Provinsi Bali", "province", "Bali", "Hainan", "海南省", "province",
          "Hainan"), "Beberapa provinsi lainnya seperti", False),
    (pair("nusa-tenggara-barat-zhejiang", "Provinsi Nusa Tenggara Barat", "province",
          "Nusa Tenggara Barat", "Zhejiang", "浙江省", "province", "Zhejiang"),
     "Beberapa provinsi lainnya seperti", False),
]


@pytest.mark.parametrize("partnership, phrase, both", SHIPPED_EXPECTATIONS,
                         ids=[p.id for p, _, _ in SHIPPED_EXPECTATIONS])
def test_the_shipped_article_excerpts(shipped, partnership, phrase, both):
    gazetteer = load_gazetteer()
    excerpts = excerpts_for(partnership, shipped, gazetteer)
    assert excerpts, partnership.id
    assert phrase in excerpts[0].sentence_text
    assert excerpts[0].both is both
    assert all(e.score <= excerpts[0].score for e in excerpts)


def test_serang_hangzhou_ranks_the_sentences_naming_both_first(shipped, gazetteer):
    excerpts = excerpts_for(SHIPPED_EXPECTATIONS[0][0], shipped, gazetteer)
    flags = [e.both for e in excerpts]
    assert flags == sorted(flags, reverse=True) and flags.count(True) >= 3
    best = excerpts[0]
    assert best.sentence_text.startswith("Pada 5 September 2025")
    highlighted = {best.sentence_text[s:e] for s, e in best.spans}
    assert {"Kota Serang", "Hangzhou"} <= highlighted
    assert best.article.text[best.start:best.end] == best.sentence_text


def test_the_tangerang_excerpt_brings_in_the_fields_sentence(shipped, gazetteer):
    (excerpt,) = excerpts_for(SHIPPED_EXPECTATIONS[1][0], shipped, gazetteer)
    assert excerpt.sentence_text.endswith("pengembangan sumber daya manusia (SDM).")
    assert excerpt.both


def test_kota_tangerang_does_not_take_the_regency_sentence(shipped, gazetteer):
    yantai = pair("tangerang-yantai", "Kota Tangerang", "city", "Banten", "Yantai", "烟台市",
                  "city", "Shandong")
    assert excerpts_for(yantai, shipped, gazetteer) == []


def test_a_partnership_the_article_does_not_name_gets_nothing(shipped, gazetteer):
    semarang = pair("semarang-nanjing", "Kota Semarang", "city", "Jawa Tengah", "Nanjing",
                    "南京市", "city", "Jiangsu")
    assert excerpts_for(semarang, shipped, gazetteer) == []


def test_country_words_stand_in_only_for_a_chinese_province(gazetteer):
    text = "Kota Semarang menjalin kerja sama dengan Tiongkok."
    city = pair("semarang-nanjing", "Kota Semarang", "city", "Jawa Tengah", "Nanjing", "南京市",
                "city", "Jiangsu")
    assert excerpts_for(city, [article_of(text)], gazetteer) == []
    province = pair("jawa-tengah-fujian", "Provinsi Jawa Tengah", "province", "Jawa Tengah",
                    "Fujian", "福建省", "province", "Fujian")
    text = "Jawa Tengah menjalin kerja sama dengan Tiongkok."
    (excerpt,) = excerpts_for(province, [article_of(text)], gazetteer)
    assert not excerpt.both and excerpt.spans == ((0, len("Jawa Tengah")),)


def test_characters_and_aliases_from_the_gazetteer(gazetteer):
    text = "Jateng dan 福建 memperbarui nota kesepahaman pada 2024."
    province = pair("jawa-tengah-fujian", "Provinsi Jawa Tengah", "province", "Jawa Tengah",
                    "Fujian", "福建省", "province", "Fujian")
    (excerpt,) = excerpts_for(province, [article_of(text)], gazetteer)
    assert excerpt.both
    assert [text[s:e] for s, e in excerpt.spans] == ["Jateng", "福建"]


def test_a_place_missing_from_the_gazetteer_still_matches_by_its_row_names(gazetteer):
    text = "Kota Ambon dan Kota Xiamen menandatangani MoU."
    row = pair("ambon-xiamen", "Kota Ambon", "city", "Maluku", "Xiamen", "厦门市", "city", "Fujian")
    (excerpt,) = excerpts_for(row, [article_of(text)], gazetteer)
    assert excerpt.both
