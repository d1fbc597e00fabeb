"""The reader's word lists, one table per question and language: data, not logic.

Each pattern is matched on folded text (lowercase, no accents); Chinese is matched as written.
Adding a phrasing the reader misses means adding it here, in the right language's row.
"""

from __future__ import annotations

import re
from functools import lru_cache

from components.names import ID_LEVEL_TITLES, ID_LEVEL_WORDS


def _words(*phrases: str) -> str:
    """One alternation of phrases; Latin phrases get word boundaries, Chinese ones none."""
    latin = [p for p in phrases if p.isascii()]
    cjk = [p for p in phrases if not p.isascii()]
    parts = [rf"(?<![\w-])(?:{'|'.join(latin)})(?![\w])"] if latin else []
    return "|".join(parts + cjk)


# --- level words around a place name ------------------------------------------------------------
LEVEL_BEFORE = {  # the Indonesian level words and titles (names.py), and the reader's own
    **{word.rstrip("."): level for word, level in ID_LEVEL_WORDS.items()}, **ID_LEVEL_TITLES,
    "wali kota": "city", "pemko": "city", "city of": "city", "province of": "province",
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

# --- stage: which instrument a sentence reports, per language ---------------------------------
# "future" holds the words of what will happen, is only proposed, or has not happened.
# Indonesian reports use the English loanwords (MoU, LoI, sister city) as often as their own.
STAGE_WORDS = {
    "id": {
        "mou": ("mou", "memorandum(?: of understanding)?", "nota kesepahaman",
                "nota kesepakatan", "memorandum saling pengertian"),
        "loi": ("loi", "letter of intent", "surat minat", "pernyataan kehendak",
                "surat pernyataan kehendak", "pertukaran persahabatan"),
        "agreement": ("sister[- ](?:city|province) agreement", "perjanjian(?: kerja ?sama)?",
                      "resmi menjadi (?:kota|provinsi) (?:kembar|bersaudara)",
                      "resmi menjalin (?:hubungan )?(?:kota|provinsi) (?:kembar|bersaudara)",
                      "piagam (?:kerja ?sama )?(?:kota|provinsi|kabupaten) (?:kembar|bersaudara)"),
        "first_step": ("langkah (?:awal|pertama)", "sebagai awal", "tahap awal"),
        "signed": ("menandatangani", "ditandatangani", "penandatanganan", "teken", "diteken",
                   "meneken", "membubuhkan tanda tangan"),
        "exploration": ("menjajaki", "penjajakan", "jajaki", "membahas", "membicarakan",
                        "pembicaraan", "mengundang", "undangan", "mengusulkan", "usulan",
                        "menawarkan", "kunjungan", "berkunjung", "bertandang", "ajakan"),
        "future": ("akan", "berikutnya", "selanjutnya", "rencana", "direncanakan", "kelak",
                   "mengusulkan", "usulan", "menawarkan", "mengajak", "mengundang",
                   "berharap", "harapan", "target", "ditargetkan", "belum", "tidak", "tak"),
        "partnership": ("kota kembar", "provinsi kembar", "kabupaten kembar", "kota bersaudara",
                        "provinsi bersaudara", "daerah bersaudara", "sister city",
                        "sister province", "kerja ?sama", "kemitraan", "persahabatan",
                        "bermitra"),
        "twin": ("kota kembar", "provinsi kembar", "kabupaten kembar", "kota bersaudara",
                 "provinsi bersaudara", "sister city", "sister province"),
        "established": ("telah berlangsung", "sudah berlangsung", "telah terjalin",
                        "sudah terjalin", "telah menjalin", "sudah menjalin", "resmi menjadi",
                        "resmi menjalin", "memiliki hubungan"),
    },
    "en": {
        "mou": ("mou", "memorandum(?: of understanding)?"),
        "loi": ("loi", "letter of intent", "statement of intent", "friendship exchange"),
        "agreement": ("agreement", "formal(?:ly)? (?:established|relationship)", "twinned with",
                      "twinning", "became sister (?:cities|provinces)",
                      "established (?:a )?(?:formal )?(?:sister|friendship)"),
        "first_step": ("first step", "initial step"),
        "signed": ("signed", "signing", "sign", "inked"),
        "exploration": ("explore", "exploring", "exploratory", "proposed", "proposal",
                        "visited", "visit", "delegation", "talks", "discuss", "discussed",
                        "invite", "invited", "work out"),
        "future": ("will", "would", "next", "plan", "plans", "planned", "future", "hope",
                   "proposed", "proposes", "proposal", "offered", "suggested", "invited",
                   "hopes", "no", "not", "yet"),
        "partnership": ("sister[- ]cit(?:y|ies)", "sister[- ]provinces?", "twin[- ]cit(?:y|ies)",
                        "friendship cit(?:y|ies)", "friendly cit(?:y|ies)", "cooperation",
                        "partnership", "friendship"),
        "twin": ("sister[- ]cit(?:y|ies)", "sister[- ]provinces?", "twin[- ]cit(?:y|ies)",
                 "twinned", "friendship cit(?:y|ies)"),
        "established": ("have been", "has been", "since (?:19|20)\\d\\d", "established",
                        "formali[sz]ed"),
    },
    "zh": {
        "mou": ("备忘录",),
        "loi": ("意向书", "意向协议", "友好交流关系"),
        "agreement": ("缔结", "结为", "结成", "正式确立", "合作协议", "协议书", "结好协议",
                      "友城协议", "建立了?友好"),
        "first_step": ("第一步", "迈向"),
        "signed": ("签署", "签订", "签约", "商签"),
        "exploration": ("访问", "座谈", "会谈", "交流", "来访", "回访", "考察", "推动", "洽谈"),
        "future": ("将", "今后", "下一步", "计划", "拟", "希望", "尚未", "没有", "未", "提议",
                   "建议", "倡议", "邀请"),
        "partnership": ("友好城市", "友好省", "友城", "友好关系", "结好", "合作"),
        "twin": ("友好城市", "友好省", "友城"),
        "established": ("自(?:19|20)\\d\\d年", "以来", "已经"),
    },
}
# Words by which a passage naming no place refers to a pair named before it ("the memorandum",
# "kedua provinsi", "双方"): only such a passage can lend a pair its stage or date.
ANAPHORA = re.compile(_words(
    "itu", "tersebut", "ini", "kedua (?:kota|provinsi|kabupaten|pihak|daerah|pemerintah)",
    "the two", "both", "the (?:memorandum|agreement|letter|document|deal|signing|mou|loi|proposal|visit"
    "|meeting|talks|ceremony)",
    "this", "that") + "|双方|两市|两省|两地|两区|两县|该|此")
LANGUAGES = tuple(STAGE_WORDS)


def stage_cues(language: str) -> dict[str, re.Pattern[str]]:
    """The compiled stage cues of a language (an unknown language reads with all three)."""
    base = language.split("-")[0].casefold()  # "zh-Hans" reads as "zh"
    return _compiled(base if base in STAGE_WORDS else "")


@lru_cache(maxsize=8)
def _compiled(language: str) -> dict[str, re.Pattern[str]]:
    tables = [STAGE_WORDS[language]] if language else list(STAGE_WORDS.values())
    kinds = tables[0].keys()
    return {kind: re.compile(_words(*(w for t in tables for w in t[kind]))) for kind in kinds}


# A partnership is in the air (any language): without one of these an article proposes nothing.
PARTNERSHIP = re.compile("|".join(_words(*t["partnership"], *t["mou"], *t["loi"])
                                  for t in STAGE_WORDS.values()))
