"""The field's terms (stages, levels, events, confidence) as English msgids marked for translation.

Values are lower-case nouns, as they read inside a sentence; pass them through `translate`
where shown, and through `sentence_case` when one starts a label or a table cell.
"""

from __future__ import annotations

from components.i18n import N_

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
