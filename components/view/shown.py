"""What a view shows, decided once for the page, the picture and the command line.

The partnerships a view keeps (restaged to the as-of year when one is chosen, narrowed to a
place when one is named), the sentence that says what is shown, and the date of the data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from babel.dates import format_date
from babel.lists import format_list

from components.focus import partnerships_of_place
from components.filters import Filters, apply_filters, describe, english_list, search_words
from components.history import describe_as_of, network_as_of, timeline
from components.i18n.formats import format_number
from components.models import Partnership
from components.pipeline import Prepared

@dataclass(frozen=True)
class Shown:
    """The partnerships a view shows and the notice an as-of year adds ("" when none)."""

    partnerships: tuple[Partnership, ...]
    as_of_note: str = ""


def list_joiner(t) -> Callable[[Sequence[str]], str]:
    """How the language lists items: Babel's pattern ("kota dan kabupaten", "市和县")."""
    if t.lang == "en":
        return english_list
    return lambda items: format_list(list(items), locale=t.locale)


def place_partnerships(partnerships: Iterable[Partnership], place: str,
                       prepared: Prepared) -> tuple[Partnership, ...]:
    """The partnerships of the place `place` names, by the focus's one rule
    (components.focus.partnerships_of_place); a name that is not exactly one place falls back
    to the search index (id_name, cn_name, cn_name_zh, the provinces and their aliases)."""
    found = prepared.place_index.resolve(place)
    if len(found) == 1:
        return partnerships_of_place(found[0], partnerships)
    words = search_words(place)
    if not words:
        return tuple(partnerships)
    return tuple(p for p in partnerships if prepared.search_index.matches(p, words))


def step_years(prepared: Prepared) -> Callable[[Partnership], tuple[int, ...]]:
    """Each partnership's dated steps (milestones and its own date), for years_on=history."""
    return lambda p: tuple(step.year for step in timeline(p, prepared.milestones_by_id.get(p.id, ()))
                           if step.year is not None)


def _apply(prepared: Prepared, partnerships, filters: Filters) -> tuple[Partnership, ...]:
    # The search index is built on the first search, not on the first page run.
    index = prepared.search_index if filters.query.strip() else None
    return apply_filters(partnerships, filters, search_index=index, step_years=step_years(prepared))


def shown_partnerships(prepared: Prepared, filters: Filters, t, *, place: str = "") -> Shown:
    """The partnerships the view shows, restaged to the as-of year when one is chosen: one
    decision for the page, the embed, the picture and the command line."""
    if filters.as_of is None:
        shown = _apply(prepared, prepared.partnerships, filters)
        note = ""
    else:
        as_of = network_as_of(prepared.partnerships, prepared.milestones_by_id, filters.as_of)
        shown = _apply(prepared, as_of.partnerships, replace(filters, as_of=None))
        note = describe_as_of(as_of, t, number=lambda n: format_number(n, t.lang))
    if place:
        shown = place_partnerships(shown, place, prepared)
    return Shown(shown, note)


def view_sentence(filters: Filters, shown: int, total: int, t, *, place: str = "") -> str:
    """The sentence above the map, in t's language, with the place when one is named."""
    sentence = describe(filters, shown, total, translate=t, ngettext=t.ngettext,
                        join=list_joiner(t), number=lambda n: format_number(n, t.lang))
    if place:
        sentence += t(", ") + t("around {place}").format(place=place)
    return sentence


def data_date(partnerships: Iterable[Partnership], path: Path) -> datetime.date | None:
    """When the data was last checked: the latest `checked` date of a row, else the file's
    modification day; None when neither is known."""
    checked = [p.checked for p in partnerships if p.checked]
    for value in sorted(checked, reverse=True):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            continue
    try:
        return datetime.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def data_date_text(day: datetime.date | None, t) -> str:
    """ "Data as of 3 December 2026" in t's language; "" when the date is unknown."""
    if day is None:
        return ""
    return t("Data as of {date}").format(date=format_date(day, format="long", locale=t.locale))
