"""Place-name normalisation shared by records, geocoding and search: one way to compare names."""

from __future__ import annotations

import re
import unicodedata

# Apostrophes (Xi'an, Nan'an) vanish so "Xi'an" and "Xian" compare equal.
_APOSTROPHES = re.compile(r"['’‘`´ʼʻ]")
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)
_PARENTHETICAL = re.compile(r"\s*[(（][^)）]*[)）]\s*")

# Indonesian prefixes (longest first) and what level each one names.
_ID_PREFIXES = (
    ("kabupaten administrasi", "regency"), ("kota administrasi", "city"),
    ("pemerintah kabupaten", "regency"), ("pemerintah kota", "city"),
    ("pemerintah provinsi", "province"), ("kotamadya", "city"), ("kabupaten", "regency"),
    ("pemkab", "regency"), ("pemkot", "city"), ("pemprov", "province"),
    ("provinsi", "province"), ("propinsi", "province"), ("kab", "regency"),
    ("kota", "city"), ("prov", "province"), ("city of", "city"),
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


def fold(text: str) -> str:
    """Casefold, drop accents and tone marks, remove apostrophes, collapse punctuation to spaces."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.casefold())
    return " ".join(_SEPARATORS.sub(" ", text).split())


def compact(text: str) -> str:
    """fold() without spaces: the lookup key, so "Xi An", "Xi'an" and "Xian" meet."""
    return fold(text).replace(" ", "")


def _split_marker(name: str) -> tuple[str, str]:
    """Return (bare name, level named by the stripped prefix or suffix, or "")."""
    text = _PARENTHETICAL.sub(" ", name).strip()
    if _is_chinese(text):
        return _strip_zh(text)
    words = text.split()
    folded = [fold(w) for w in words]
    for prefix, level in _ID_PREFIXES:
        size = len(prefix.split())
        if " ".join(folded[:size]) == prefix and len(words) > size:
            return " ".join(words[size:]), level
    for suffix, level in _SUFFIXES:
        size = len(suffix.split())
        if " ".join(folded[-size:]) == suffix and len(words) > size:
            rest = words[:-size]
            if suffix == "autonomous region" and fold(rest[-1]) in _ETHNIC_AR and len(rest) > 1:
                rest = rest[:-1]
            return " ".join(rest), level
    return text, ""


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


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
