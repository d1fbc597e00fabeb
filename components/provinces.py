"""Ties counted by province: how many shown partnerships each province has, and between which.

One definition serves the shaded map, the province-to-province grid and the focus on a
province: partnership p belongs to Indonesian province X iff `p.id_province == X`, and to
Chinese province Y iff `p.cn_province == Y` (the names as the dataset normalises them), so a
province counts its own ties and those of every city, regency or county inside it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from components.models import STAGES, Partnership

COUNTRIES = ("ID", "CN")


def province_of(p: Partnership, country: str) -> str:
    """The province of p's partner on one side ("ID" or "CN")."""
    if country not in COUNTRIES:
        raise ValueError(f"country must be 'ID' or 'CN', instead got {country!r}")
    return p.id_province if country == "ID" else p.cn_province


def in_province(partnerships: Iterable[Partnership], country: str,
                province: str) -> tuple[Partnership, ...]:
    """The partnerships with a partner in that province (its own ties and its places')."""
    return tuple(p for p in partnerships if province_of(p, country) == province)


def count_by_province(partnerships: Iterable[Partnership]) -> dict[tuple[str, str], int]:
    """Partnerships per (country, province), both sides; provinces without any are absent."""
    counts: Counter[tuple[str, str]] = Counter()
    for p in partnerships:
        counts["ID", p.id_province] += 1
        counts["CN", p.cn_province] += 1
    return dict(counts)


@dataclass(frozen=True)
class PairCell:
    """The partnerships between one Indonesian and one Chinese province."""

    id_province: str
    cn_province: str
    count: int
    stage: str  # the highest stage any of them has reached ("" for an empty cell)
    ids: tuple[str, ...]  # in input order


@dataclass(frozen=True)
class ProvinceGrid:
    """Indonesian provinces (rows) x Chinese provinces (columns), each sorted by its total."""

    rows: tuple[tuple[str, int], ...]  # (province, total), most connected first
    columns: tuple[tuple[str, int], ...]
    cells: tuple[PairCell, ...]  # only the non-empty ones, most partnerships first


def _highest_stage(stages: Iterable[str]) -> str:
    known = [STAGES.index(s) for s in stages if s in STAGES]
    return STAGES[max(known)] if known else ""


def province_pairs(partnerships: Iterable[Partnership]) -> tuple[PairCell, ...]:
    """Every province pair with a tie, most partnerships first, then by names."""
    groups: dict[tuple[str, str], list[Partnership]] = {}
    for p in partnerships:
        groups.setdefault((p.id_province, p.cn_province), []).append(p)
    cells = [PairCell(a, b, len(found), _highest_stage(p.stage for p in found),
                      tuple(p.id for p in found)) for (a, b), found in groups.items()]
    cells.sort(key=lambda c: (-c.count, c.id_province.casefold(), c.cn_province.casefold()))
    return tuple(cells)


def _ranked(totals: Counter[str], every: Iterable[str]) -> tuple[tuple[str, int], ...]:
    names = set(totals) | set(every)
    return tuple(sorted(((name, totals[name]) for name in names),
                        key=lambda item: (-item[1], item[0].casefold())))


def build_grid(partnerships: Iterable[Partnership], *, id_provinces: Iterable[str] = (),
               cn_provinces: Iterable[str] = ()) -> ProvinceGrid:
    """The grid of the given partnerships; `id_provinces` / `cn_provinces` add empty rows and
    columns (all the provinces there are), otherwise only provinces with a tie appear."""
    cells = province_pairs(partnerships)
    rows: Counter[str] = Counter()
    columns: Counter[str] = Counter()
    for cell in cells:
        rows[cell.id_province] += cell.count
        columns[cell.cn_province] += cell.count
    return ProvinceGrid(_ranked(rows, id_provinces), _ranked(columns, cn_provinces), cells)


def most_connected_pairs(grid: ProvinceGrid, top: int = 3) -> tuple[PairCell, ...]:
    """The `top` pairs with the most partnerships (ties broken by names), at least 2 each when
    any pair has 2, so a line naming them says something."""
    if not grid.cells:
        return ()
    floor = 2 if grid.cells[0].count >= 2 else 1
    return tuple(c for c in grid.cells if c.count >= floor)[:max(top, 0)]


def without_partner(grid: ProvinceGrid, provinces: Sequence[str], country: str) -> tuple[str, ...]:
    """The provinces of `provinces` with no tie in the grid, in their given order."""
    totals = dict(grid.rows if country == "ID" else grid.columns)
    return tuple(name for name in provinces if not totals.get(name))
