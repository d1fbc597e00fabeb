"""The reader's word lists, one table per question and language: data, not logic.

Each pattern is matched on folded text (lowercase, no accents); Chinese is matched as written.
Adding a phrasing the reader misses means adding it here, in the right language's row.
"""

from __future__ import annotations

import re


def _words(*phrases: str) -> str:
    """One alternation of phrases; Latin phrases get word boundaries, Chinese ones none."""
    latin = [p for p in phrases if p.isascii()]
    cjk = [p for p in phrases if not p.isascii()]
    parts = [rf"(?<![\w-])(?:{'|'.join(latin)})(?![\w])"] if latin else []
    return "|".join(parts + cjk)


# --- level words around a place name ------------------------------------------------------------
LEVEL_BEFORE = {  # longest first: "wali kota" before "kota"
    "wakil wali kota": "city", "wali kota": "city", "walikota": "city", "pemerintah kota": "city",
    "pemerintah kabupaten": "regency", "pemerintah provinsi": "province", "kabupaten": "regency",
    "kab": "regency", "kota": "city", "provinsi": "province", "propinsi": "province",
    "pemkot": "city", "pemko": "city", "pemkab": "regency", "pemprov": "province",
    "bupati": "regency", "gubernur": "province", "city of": "city", "province of": "province",
}
LEVEL_AFTER = {"city": "city", "regency": "regency", "province": "province",
               "county": "county", "district": "district", "prefecture": "city",
               "mayor": "city", "vice-mayor": "city"}
LEVEL_WORDS = frozenset(w for phrase in (*LEVEL_BEFORE, *LEVEL_AFTER) for w in phrase.split())
ZH_LEVEL_CHARS = {"省": "province", "市": "city", "县": "county", "区": "district"}
NEGATION = re.compile(_words("confused with", "not the", "bukan", "instead of", "rather than",
                             "selain") + "|而非|并非|而不是|不是")

# --- roles: what a place named in these words is (not a partner) --------------------------------
# The seat of an office: the words before "di/in/驻 <place>".
OFFICE = re.compile(
    r"(?:" + _words("konsul(?:at)? jenderal", "konjen", "kedutaan(?: besar)?", "kedubes",
                    "duta besar", "dubes", "consul(?:ate)?(?: general)?", "embassy",
                    "ambassador") + r")[^.;]{0,60}?(?<!\w)(?:di|in|at)\s+$"
    r"|(?:驻|驻华|驻印尼)$")
# A place in these words names where something happened or lies: venue or containing place.
VENUE_BEFORE = re.compile(r"(?<!\w)(?:di|in|at|near|within|menuju|ibu kota"
                          r"|capital(?:,)?|beribu ?kota|di bawah|under)\s+(?:the\s+)?$"
                          r"|(?:在|于|位于|赴|首府为|首府)$")
# Words between "di" and the place that keep it a venue ("di Hotel X, Harbin", "di Kantor ...").
VENUE_LEADING = re.compile(r"(?<!\w)(?:di|in|at)\s+(?:[A-Z][\w'-]*\.?,?\s+){1,5}$")
WITNESS = re.compile(_words("disaksikan", "menyaksikan", "witnessed by", "in the presence of")
                     + "|见证")
CAPITAL_OF = re.compile(r"^\s*,?\s*(?:the\s+)?(?:ibu ?kota|capital|provincial capital)(?!\w)"
                        r"|^(?:的首府|首府)")
DATELINE = re.compile(r"^\s*([^\n]{2,40}?)\s*(?:[-–—]\s|\(\w+\)\s*[-–—]|讯|电)")

# --- stage: which instrument a sentence reports --------------------------------------------------
STAGE_CUES = {  # stage -> pattern; a sentence's highest achieved stage wins
    "mou": _words("mou", "memorandum(?: of understanding)?", "nota kesepahaman",
                  "nota kesepakatan", "memorandum saling pengertian") + "|备忘录",
    "loi": _words("loi", "letter of intent", "statement of intent", "surat minat",
                  "pernyataan kehendak", "surat pernyataan kehendak", "pertukaran persahabatan",
                  "friendship exchange") + "|意向书|意向协议|友好交流关系",
    "agreement": _words("sister[- ](?:city|province|cities|provinces) agreement",
                        "agreement", "perjanjian(?: kerja ?sama)?", "resmi menjadi",
                        "resmi menjalin", "formal(?:ly)? (?:established|relationship)",
                        "established (?:a )?(?:formal )?(?:sister|friendship)")
                 + "|缔结|结为|结成|正式确立|合作协议|建立了?友好",
}
FIRST_STEP = re.compile(_words("langkah (?:awal|pertama)", "sebagai awal", "awal",
                               "first step", "initial step") + "|第一步|迈向")
SIGNED = re.compile(_words("menandatangani", "ditandatangani", "penandatanganan", "teken",
                           "diteken", "meneken", "membubuhkan tanda tangan", "signed", "signing",
                           "sign", "inked") + "|签署|签订|签约|商签")
EXPLORATION = re.compile(_words(
    "menjajaki", "penjajakan", "jajaki", "membahas", "membicarakan", "pembicaraan", "mengundang",
    "undangan", "mengusulkan", "usulan", "menawarkan", "kunjungan", "berkunjung", "bertandang",
    "explore", "exploring", "exploratory", "proposed", "proposal", "visited", "visit",
    "delegation", "talks", "discuss", "invite", "invited", "work out", "sister city",
    "sister-city", "kota kembar", "provinsi kembar", "provinsi bersaudara", "kota bersaudara",
    "sister province", "sister-province", "twin city", "twin-city")
    + "|访问|座谈|会谈|交流|来访|回访|考察|推动|友好城市|友城|友好省|结好")
# A sentence about what will (or did not) happen sets no stage beyond exploration.
FUTURE = re.compile(_words(
    "akan", "berikutnya", "selanjutnya", "rencana", "direncanakan", "kelak", "berharap",
    "harapan", "target", "ditargetkan", "will", "would", "next", "plan", "plans", "planned",
    "future", "hope", "hopes", "belum", "no", "not", "tidak", "tak", "yet")
    + "|将|今后|下一步|计划|拟|希望|尚未|没有|未")
# A partnership is in the air: without one of these an article proposes nothing.
PARTNERSHIP = re.compile(STAGE_CUES["mou"] + "|" + STAGE_CUES["loi"] + "|" + _words(
    "kota kembar", "provinsi kembar", "kabupaten kembar", "kota bersaudara",
    "provinsi bersaudara", "daerah bersaudara", "sister city", "sister cities", "sister-city",
    "sister province", "sister-province", "twin city", "twin-city", "twin cities",
    "friendship city", "friendship cities", "friendly cities", "sister cities", "kerja ?sama",
    "kemitraan", "cooperation", "partnership", "persahabatan", "friendship")
    + "|友好城市|友好省|友城|友好关系|结好|合作")
