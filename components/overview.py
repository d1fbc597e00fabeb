"""Numbers for the overview: counts by level and stage, by year, and the most-connected places.

The stage counts through the years are `history.stage_counts_by_year` (the history's rule).

Plain dicts and small frozen dataclasses keyed by machine values (level and stage keys,
years), ready for a pandas DataFrame or an Altair chart; the UI translates labels for display.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from components.models import ID_LEVELS, STAGES, Partnership, PlaceRef


@dataclass(frozen=True)
class YearCounts:
    """Partnerships per year of their current stage, every year in the span (zeros included)."""

    per_year: tuple[tuple[int, int], ...]  # (year, count), ascending, no gaps
    undated: int  # partnerships without a date, counted apart


@dataclass(frozen=True)
class PlaceCount:
    """One place and how many partnerships it has on its side."""

    country: str  # "ID" or "CN"
    name: str
    name_zh: str
    level: str
    province: str
    count: int
    ids: tuple[str, ...]  # its partnerships, in input order


def count_by_level_and_stage(partnerships: Iterable[Partnership]) -> list[tuple[str, str, int]]:
    """(level, stage, count) for every combination, zeros included: a stacked bar's rows."""
    counts = Counter((p.id_level, p.stage) for p in partnerships)
    return [(level, stage, counts[level, stage]) for level in ID_LEVELS for stage in STAGES]


def count_by_year(partnerships: Iterable[Partnership]) -> YearCounts:
    """Dated partnerships per year from the first to the last year; undated ones counted apart."""
    rows = tuple(partnerships)
    counts = Counter(p.year for p in rows if p.year is not None)
    undated = sum(1 for p in rows if p.year is None)
    if not counts:
        return YearCounts((), undated)
    span = range(min(counts), max(counts) + 1)
    return YearCounts(tuple((year, counts[year]) for year in span), undated)


def _place_counts(partnerships: Sequence[Partnership], side: str) -> list[PlaceCount]:
    ids: dict[PlaceRef, list[str]] = {}
    for p in partnerships:
        ids.setdefault(p.id_place if side == "ID" else p.cn_place, []).append(p.id)
    return [PlaceCount(ref.country, ref.name, ref.name_zh, ref.level, ref.province, len(found), tuple(found))
            for ref, found in ids.items()]


def most_connected(partnerships: Iterable[Partnership], side: str, top: int = 10) -> tuple[PlaceCount, ...]:
    """The `top` places on one side ("ID" or "CN") with the most partnerships; ties by name.

    A place is a partner as rows name it (name, level, province), so two places that share a
    name in different provinces stay apart.
    """
    if side not in ("ID", "CN"):
        raise ValueError(f"side must be 'ID' or 'CN', instead got {side!r}")
    places = _place_counts(tuple(partnerships), side)
    places.sort(key=lambda place: (-place.count, place.name.casefold(), place.province.casefold(), place.level))
    return tuple(places[:max(top, 0)])
