"""The field's terms (stages, levels, events, confidence) as English msgids marked for translation.

Values are lower-case nouns, as they read inside a sentence; pass them through `translate`
where shown, and through `sentence_case` when one starts a label or a table cell.
"""

from __future__ import annotations

import re

from components.i18n.translator import N_

STAGE_LABELS = {
    "exploration": N_("exploration"),
    "loi": N_("letter of intent (LoI)"),
    "mou": N_("memorandum of understanding (MoU)"),
    "agreement": N_("agreement"),
}

# Short forms for legends and narrow columns.
STAGE_SHORT_LABELS = {
    "exploration": N_("exploration"),
    "loi": N_("LoI"),
    "mou": N_("MoU"),
    "agreement": N_("agreement"),
}

LEVEL_LABELS = {
    "province": N_("province"),
    "city": N_("city"),
    # TRANSLATORS: Indonesian kabupaten.
    "regency": N_("regency"),
}

CN_LEVEL_LABELS = {
    "province": N_("province"),
    "city": N_("city"),
    # TRANSLATORS: Chinese 县.
    "county": N_("county"),
    # TRANSLATORS: Chinese 区 (an urban district).
    "district": N_("district"),
}

# What the tie is called, by the Indonesian partner's level.
PARTNERSHIP_LABELS = {
    "province": N_("sister province"),
    "city": N_("sister city"),
    "regency": N_("sister city"),
}

EVENT_LABELS = {
    # TRANSLATORS: an event in a partnership's history: a first visit, call or letter.
    "contact": N_("contact"),
    "exploration": N_("exploration"),
    "loi": N_("letter of intent (LoI)"),
    "mou": N_("memorandum of understanding (MoU)"),
    "agreement": N_("agreement"),
    # TRANSLATORS: an event: an agreement or MoU renewed or extended.
    "renewal": N_("renewal"),
    # TRANSLATORS: an event of another kind.
    "other": N_("other"),
}

# The dataset's cooperation-field tags (data/README.md lists them); an unknown tag shows as it is.
FIELD_LABELS = {
    "agriculture": N_("agriculture"),
    "creative-economy": N_("creative economy"),
    "culture": N_("culture"),
    "economy": N_("economy"),
    "education": N_("education"),
    "energy": N_("energy"),
    "environment": N_("environment"),
    "fisheries": N_("fisheries"),
    "food-security": N_("food security"),
    "health": N_("health"),
    "human-resources": N_("human resources"),
    "industry": N_("industry"),
    "infrastructure": N_("infrastructure"),
    "investment": N_("investment"),
    "maritime": N_("maritime affairs"),
    "media": N_("media"),
    "sport": N_("sport"),
    "technology": N_("technology"),
    "tourism": N_("tourism"),
    "trade": N_("trade"),
    "transport": N_("transport"),
    "youth": N_("youth"),
}

# The words (folded, as regex alternatives) that name each field tag in an article's list of
# fields, for the candidate finder; every tag here has a label above.
FIELD_TAGS = tuple((tag, re.compile(rf"(?<![\w-])(?:{words})")) for tag, words in (
    ("tourism", "pariwisata|wisata|touris"), ("culture", "budaya|kebudayaan|seni|cultur"),
    ("creative-economy", "ekonomi kreatif|creative.econom"), ("economy", "ekonomi|econom|umkm"),
    ("human-resources", "sumber daya manusia|sdm|human resource"),
    ("education", "pendidikan|educat|pelajar|mahasiswa"), ("investment", "investasi|invest"),
    ("trade", "perdagangan|trade|ekspor|export"), ("agriculture", "pertanian|agricultur"),
    ("technology", "teknologi|technolog|digital|e-commerce|kecerdasan buatan"),
    ("industry", "industri|industr"), ("health", "kesehatan|health"),
    ("sport", "olahraga|sport"), ("transport", "transportasi|perhubungan|transport"),
    ("fisheries", "perikanan|fisher"), ("maritime", "kelautan|maritim"),
    ("infrastructure", "infrastruktur|infrastructur"), ("energy", "energi|energy"),
    ("youth", "pemuda|kepemudaan|youth"), ("food-security", "ketahanan pangan|food security"),
    ("environment", "lingkungan hidup|environment"),
))

CONFIDENCE_LABELS = {
    "confirmed": N_("confirmed"),
    "reported": N_("reported"),
    # TRANSLATORS: confidence in a record: the sources contradict each other.
    "disputed": N_("disputed"),
    # TRANSLATORS: confidence in a record that nobody has rated.
    "": N_("not assessed"),
}

COUNTRY_LABELS = {
    "ID": N_("Indonesia"),
    "CN": N_("China"),
}


def sentence_case(text: str) -> str:
    """Capitalise only the first letter ("letter of intent (LoI)" -> "Letter of intent (LoI)")."""
    return text[:1].upper() + text[1:]


def field_label(translate, tag: str) -> str:
    """A cooperation-field tag in the reader's language; an unknown tag as it is written."""
    return translate(FIELD_LABELS[tag]) if tag in FIELD_LABELS else tag
