"""What the page says about the filters beyond the sentence above the map: which filter to drop
after an empty result, and a download's file name saying what was filtered."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from components.filters import Filters, apply_filters
from components.models import ID_LEVELS, STAGES, Partnership
from components.names import fold

# What dropping one filter means, for the suggestion after an empty result.
RELAXATIONS = {
    "query": {"query": ""}, "levels": {"levels": frozenset()}, "stages": {"stages": frozenset()},
    "years": {"year_from": None, "year_to": None, "include_undated": True},
    "id_provinces": {"id_provinces": frozenset()}, "cn_provinces": {"cn_provinces": frozenset()},
    "fields": {"fields": frozenset()},
}


def active_filters(filters: Filters) -> list[str]:
    """The names (RELAXATIONS keys) of the filters that restrict the view."""
    default = Filters()
    return [name for name, reset in RELAXATIONS.items()
            if any(getattr(filters, key) != getattr(default, key) for key in reset)]


def suggest_relaxation(partnerships: Sequence[Partnership], filters: Filters,
                       **apply: object) -> tuple[str, int] | None:
    """The one filter whose removal shows the most partnerships, and how many; None if none helps."""
    best = None
    for name in active_filters(filters):
        count = len(apply_filters(partnerships, replace(filters, **RELAXATIONS[name]), **apply))
        if count and (best is None or count > best[1]):
            best = (name, count)
    return best


def download_stem(filters: Filters) -> str:
    """A download's file name, before its extension, saying what was filtered: kembar-city-mou-2020-2025."""
    f = filters
    parts = [*(level for level in ID_LEVELS if level in f.levels),
             *(stage for stage in STAGES if stage in f.stages)]
    if f.narrows_years:
        parts.append(str(f.year_from) if f.year_from == f.year_to else
                     f"from-{f.year_from}" if f.year_to is None else
                     f"to-{f.year_to}" if f.year_from is None else f"{f.year_from}-{f.year_to}")
    if f.years_on == "history" and f.narrows_years:
        parts.append("any-step")
    parts += sorted(f.id_provinces) + sorted(f.cn_provinces) + sorted(f.fields)
    if f.query:
        parts.append(f.query)
    if f.as_of is not None:
        parts.append(f"as-of-{f.as_of}")
    slug = "-".join(re.sub(r"[^\w]+", "-", fold(part)).strip("-") for part in parts)
    slug = re.sub(r"-{2,}", "-", slug)[:80].strip("-")
    return f"kembar-{slug or 'all'}"
