"""data/places_registry.csv (every Indonesian and Chinese division) as rows and a geopy geocoder.

Asked after the gazetteer: it places what the news reader finds that the dataset does not know
yet. A registry place without a point is unresolved here, never guessed; with
`parent_fallback=True` (off by default, and flagged `approximate` in the answer) it answers with
the point of the division containing it.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

from geopy.adapters import URLLibAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from components import DATA_DIR
from components.models import ID_LEVELS
from components.names import marked_level
from components.places.gazetteer import (
    CN_LEVEL_FALLBACK,
    Gazetteer,
    load_gazetteer,
    name_keys,
    normalise_country,
)

REGISTRY_PATH = DATA_DIR / "places_registry.csv"
SOURCE = "registry"


@dataclass(frozen=True)
class RegistryRow:
    """One division of the registry, as data/PLACES_REGISTRY.md describes its columns."""

    code: str
    country: str
    level: str
    name: str
    name_zh: str
    pinyin: str
    province: str
    parent: str
    lat: float | None
    lon: float | None
    coord_note: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every written form: official name, characters, aliases."""
        return tuple(n for n in (self.name, self.name_zh, *self.aliases) if n)


_ROWS: dict[str, tuple[RegistryRow, ...]] = {}


def load_registry(path: str | Path | None = None) -> tuple[RegistryRow, ...]:
    """The registry's rows (read once per path)."""
    path = Path(path or REGISTRY_PATH)
    if str(path) not in _ROWS:
        with path.open(encoding="utf-8", newline="") as handle:
            _ROWS[str(path)] = tuple(_row(raw) for raw in csv.DictReader(handle))
    return _ROWS[str(path)]


def _row(raw: dict[str, str]) -> RegistryRow:
    number = lambda text: float(text) if text else None
    return RegistryRow(raw["code"], raw["country"], raw["level"], raw["name"], raw["name_zh"],
                       raw["pinyin"], raw["province"], raw["parent"], number(raw["lat"]),
                       number(raw["lon"]), raw["coord_note"],
                       tuple(a for a in raw["aliases"].split(";") if a))


Indexes = tuple[dict[str, list[RegistryRow]], dict[tuple[str, str], RegistryRow]]
_INDEXES: dict[str, Indexes] = {}


def _indexes(path: str | Path | None) -> Indexes:
    """The rows by name key and by (country, code), built once per registry file, like the
    rows: every preparation of a dataset makes a geocoder, and this takes a tenth of a second."""
    path = str(Path(path or REGISTRY_PATH))
    if path not in _INDEXES:
        rows = load_registry(path)
        by_key: dict[str, list[RegistryRow]] = {}
        for row in rows:
            for key in {k for form in row.names for k in name_keys(form)}:
                by_key.setdefault(key, []).append(row)
        _INDEXES[path] = by_key, {(row.country, row.code): row for row in rows}
    return _INDEXES[path]


class RegistryGeocoder(Geocoder):
    """The registry behind geopy's interface, for the chain's one loop."""

    name = SOURCE

    def __init__(self, gazetteer: Gazetteer | None = None, path: str | Path | None = None, *,
                 parent_fallback: bool = False):
        super().__init__(adapter_factory=URLLibAdapter)  # never used: no request leaves
        self.gazetteer = gazetteer or load_gazetteer()
        self.parent_fallback = parent_fallback
        self._path = path  # read when first asked: most datasets never get past the gazetteer

    @property
    def rows(self) -> tuple[RegistryRow, ...]:
        return load_registry(self._path)

    def geocode(self, query: str, *, country: str | None = None, level: str | None = None,
                province: str | None = None, exactly_one: bool = True):
        """A Location for the one matching row with a point (raw = the row), or None."""
        row = self.lookup(query, country=country, level=level, province=province)
        if row is None:
            return None
        raw = asdict(row) | {"source": SOURCE, "approximate": False}
        point = (row.lat, row.lon)
        if row.lat is None:
            parent = _indexes(self._path)[1].get((row.country, row.parent))
            if not self.parent_fallback or parent is None or parent.lat is None:
                return None  # no point of its own: unresolved, never guessed
            point, raw["approximate"] = (parent.lat, parent.lon), True
        location = Location(row.name, point, raw)
        return location if exactly_one else [location]

    def lookup(self, query: str, *, country: str | None = None, level: str | None = None,
               province: str | None = None) -> RegistryRow | None:
        """The one row a name, country, level and province fit; None if none or several."""
        country = normalise_country(country)
        by_key = _indexes(self._path)[0]
        found = {id(r): r for key in name_keys(query) for r in by_key.get(key, ())}
        rows = [r for r in found.values() if country in (None, r.country)]
        marked = marked_level(query)
        if marked in ID_LEVELS:  # "Kota Bogor" is never the regency
            rows = [r for r in rows if r.country != "ID" or r.level == marked]
        if province:
            wanted = self.gazetteer.province_name(country, province)
            rows = [r for r in rows if r.province == wanted] if wanted else []
        if level:
            exact = [r for r in rows if r.level == level]
            rows = exact or ([r for r in rows if r.country == "CN" and r.level in
                              CN_LEVEL_FALLBACK] if level in CN_LEVEL_FALLBACK else [])
        return rows[0] if len(rows) == 1 else None
