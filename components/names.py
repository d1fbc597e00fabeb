"""Place-name normalisation shared by records, geocoding, search and the news: one way to compare
names, and the domain's word lists written once (Indonesian level words, month names, what counts
as CJK, which characters are apostrophes)."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable, TypeVar

# Every character written for an apostrophe (Xi'an, Nan’an): fold() drops them so "Xi'an" and
# "Xian" compare equal; the news matcher turns each into "'".
APOSTROPHES = "'’‘`´ʼʻ"
_APOSTROPHES = re.compile(f"[{APOSTROPHES}]")
# CJK ideographs (unified, extension A, compatibility, the supplementary planes): the one test
# of "is this Chinese characters?" for names, search words and news patterns.
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_CJK = re.compile(f"[{CJK_CLASS}]")

# Indonesian words that name a level (folded, with the abbreviations' dots): the level each
# names. Office holders' titles name the level of the region they head.
ID_LEVEL_WORDS = {
    "kabupaten": "regency", "kab.": "regency", "kab": "regency", "pemkab": "regency",
    "kota": "city", "kotamadya": "city", "pemkot": "city",
    "provinsi": "province", "propinsi": "province", "prov.": "province", "prov": "province",
    "pemprov": "province",
}
ID_LEVEL_TITLES = {"bupati": "regency", "walikota": "city", "gubernur": "province"}

# Month names in Indonesian (with old spellings) and English, folded, and their numbers.
MONTHS = {
    "januari": 1, "january": 1, "februari": 2, "pebruari": 2, "february": 2, "maret": 3,
    "march": 3, "april": 4, "mei": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7,
    "agustus": 8, "august": 8, "september": 9, "sept": 9, "oktober": 10, "october": 10,
    "november": 11, "nopember": 11, "desember": 12, "december": 12,
}
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)
_PARENTHETICAL = re.compile(r"\s*[(（][^)）]*[)）]\s*")

# Indonesian prefixes (longest first) and what level each one names.
_ID_PREFIXES = (
    ("kabupaten administrasi", "regency"), ("kota administrasi", "city"),
    ("pemerintah kabupaten", "regency"), ("pemerintah kota", "city"),
    ("pemerintah provinsi", "province"), ("city of", "city"),
    *sorted(((word, level) for word, level in ID_LEVEL_WORDS.items() if "." not in word),
            key=lambda item: -len(item[0])),
)
# English and pinyin suffixes, longest first, with the level they name ("" when unclear).
_SUFFIXES = (
    ("special administrative region", "province"), ("autonomous region", "province"),
    ("autonomous prefecture", "city"), ("autonomous county", "county"),
    ("municipality", "city"), ("prefecture", "city"), ("province", "province"),
    ("regency", "regency"), ("district", "district"), ("county", "county"),
    ("city", "city"), ("sar", "province"), ("sheng", "province"), ("shi", "city"),
    ("xian", "county"), ("qu", "district"),
)
# Each marker with its number of words, for _split_marker.
_ID_PREFIX_SIZES = tuple((text, level, len(text.split())) for text, level in _ID_PREFIXES)
_SUFFIX_SIZES = tuple((text, level, len(text.split())) for text, level in _SUFFIXES)
_MARKER_SIZES = sorted({size for *_, size in (*_ID_PREFIX_SIZES, *_SUFFIX_SIZES)})
_ETHNIC_AR = ("zhuang", "hui", "uygur", "uyghur", "uighur")
_ZH_SUFFIXES = (
    "壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区",
    "自治区", "自治州", "自治县", "省", "市", "县", "区",
)
_ID_OFFICIAL_PREFIX = {"province": "Provinsi", "city": "Kota", "regency": "Kabupaten"}
# Words that mark an English province name, left for the gazetteer to translate.
_ENGLISH_WORDS = frozenset(
    "north south east west central southeast southwest highland special region islands "
    "capital island".split()
)


_Result = TypeVar("_Result")
# Texts up to this length are names, which repeat across rows, places and indexes: their
# results are remembered (a bounded number of them). Longer texts (articles) are not.
_MEMO_LENGTH = 200
_MEMO_SIZE = 1 << 16


def _memo_names(function: Callable[[str], _Result]) -> Callable[[str], _Result]:
    """Remember a pure function of a name: 30,000 rows name a few thousand places."""
    remembered = functools.lru_cache(maxsize=_MEMO_SIZE)(function)

    @functools.wraps(function)
    def call(text: str) -> _Result:
        return remembered(text) if len(text) <= _MEMO_LENGTH else function(text)
    return call


@_memo_names
def fold(text: str) -> str:
    """Casefold, drop accents and tone marks, remove apostrophes, collapse punctuation to spaces."""
    if text.isascii():  # nothing to normalise, no accents; casefold is lower (the common case)
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text)
    return " ".join(_SEPARATORS.sub(" ", text).split())


@_memo_names
def compact(text: str) -> str:
    """fold() without spaces: the lookup key, so "Xi An", "Xi'an" and "Xian" meet."""
    return fold(text).replace(" ", "")


@_memo_names
def _split_marker(name: str) -> tuple[str, str]:
    """Return (bare name, level named by the stripped prefix or suffix, or "")."""
    text = _PARENTHETICAL.sub(" ", name).strip()
    if is_cjk(text):
        return _strip_zh(text)
    words = text.split()
    if len(words) < 2:  # a marker always leaves a name beside it
        return text, ""
    folded = [fold(w) for w in words]
    # The first and last one to three words, folded, each joined once for all the comparisons.
    heads = {size: " ".join(folded[:size]) for size in _MARKER_SIZES if len(words) > size}
    for prefix, level, size in _ID_PREFIX_SIZES:
        if heads.get(size) == prefix:
            return " ".join(words[size:]), level
    tails = {size: " ".join(folded[-size:]) for size in _MARKER_SIZES if len(words) > size}
    for suffix, level, size in _SUFFIX_SIZES:
        if tails.get(size) == suffix:
            rest = words[:-size]
            if suffix == "autonomous region" and fold(rest[-1]) in _ETHNIC_AR and len(rest) > 1:
                rest = rest[:-1]
            return " ".join(rest), level
    return text, ""


def is_cjk(text: str) -> bool:
    """Whether a text holds any CJK ideograph (see `CJK_CLASS`)."""
    return bool(_CJK.search(text))


def _strip_zh(text: str) -> tuple[str, str]:
    text = "".join(text.split())
    for suffix in _ZH_SUFFIXES:
        if text.endswith(suffix) and len(text) - len(suffix) >= 2:
            level = {"省": "province", "市": "city", "县": "county", "区": "district"}
            return text[: -len(suffix)], level.get(suffix, "province" if "区" in suffix else "")
    return text, ""


def strip_prefix(name: str) -> str:
    """The bare name: "Kab. Sleman" -> "Sleman", "杭州市" -> "杭州", "Kota X" -> "X"."""
    return _split_marker(name)[0]


def marked_level(name: str) -> str:
    """The level a name's own prefix or suffix states ("Kota Bogor" -> "city"), or ""."""
    return _split_marker(name)[1]


def official_id_name(raw: str, level: str) -> str:
    """The official Indonesian form: "Bogor City" -> "Kota Bogor".

    The name's own marker wins over `level`. English province names ("Central Java") are
    returned bare, for the gazetteer to translate.
    """
    bare, marked = _split_marker(raw.strip())
    level = marked if marked in _ID_OFFICIAL_PREFIX else level
    if level not in _ID_OFFICIAL_PREFIX or not bare:
        return " ".join(raw.split())
    english = bool(_ENGLISH_WORDS & set(fold(bare).split()))
    if level == "province" and (english or _is_special_region(bare)):
        return bare
    return f"{_ID_OFFICIAL_PREFIX[level]} {bare}"


def _is_special_region(bare: str) -> bool:
    """DKI Jakarta and Daerah Istimewa Yogyakarta carry no "Provinsi" in their official form."""
    return fold(bare).startswith(("dki ", "daerah khusus", "daerah istimewa", "di "))
