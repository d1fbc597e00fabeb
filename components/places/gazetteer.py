"""The offline gazetteer: data/gazetteer.csv as validated entries, indexes and a geopy geocoder."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

from geopy.adapters import URLLibAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from components import DATA_DIR
from components.errors import UnusableFile
from components.models import CN_LEVELS, ID_LEVELS, PlaceRef, Problem
from components.names import compact, marked_level, strip_prefix

DEFAULT_PATH = DATA_DIR / "gazetteer.csv"
COLUMNS = ("name", "country", "level", "province", "lat", "lon", "point", "name_zh", "name_en",
           "aliases", "source")
POINTS = ("city centre", "regency seat", "district government", "provincial capital", "centroid")
LEVELS = {"ID": ID_LEVELS, "CN": CN_LEVELS}
# Rough bounding boxes (lat, lon ranges), wide enough for Taiwan, Hong Kong, Macau and Papua.
BOUNDS = {"ID": ((-11.5, 6.5), (94.0, 141.5)), "CN": ((17.0, 54.0), (73.0, 135.5))}
# Chinese county-level cities are filed as cities or counties; districts were often counties.
CN_LEVEL_FALLBACK = ("city", "county", "district")
COUNTRY_NAMES = {"id": "ID", "indonesia": "ID", "cn": "CN", "china": "CN", "prc": "CN"}


@dataclass(frozen=True)
class GazetteerEntry:
    """One place the gazetteer knows, with where its point comes from."""

    name: str
    country: str
    level: str
    province: str
    lat: float
    lon: float
    point: str
    name_zh: str = ""
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every form of the name: official, bare, English, characters, aliases."""
        forms = [self.name, self.name_en, self.name_zh, *self.aliases]
        return tuple(dict.fromkeys(f for form in forms if form for f in (form, strip_prefix(form))))


def normalise_country(country: str | None) -> str | None:
    """"Indonesia"/"id" -> "ID", "China"/"cn" -> "CN"; None or "" stays None."""
    if not country:
        return None
    return COUNTRY_NAMES.get(country.strip().casefold(), country.strip().upper())


def name_keys(text: str) -> set[str]:
    """The lookup keys of one name form: the whole form and its bare name."""
    return {key for key in (compact(text), compact(strip_prefix(text))) if key}


class Gazetteer:
    """Entries indexed by every folded name form, with province names resolved through aliases."""

    def __init__(self, entries: tuple[GazetteerEntry, ...]):
        self.entries = entries
        self._by_key: dict[str, list[GazetteerEntry]] = {}
        self._provinces: dict[tuple[str, str], str] = {}
        for entry in entries:
            for key in {k for form in entry.names for k in name_keys(form)}:
                self._by_key.setdefault(key, []).append(entry)
            if entry.level == "province":
                for key in {k for form in entry.names for k in name_keys(form)}:
                    self._provinces[(entry.country, key)] = entry.province

    def province_name(self, country: str | None, text: str) -> str | None:
        """The canonical province for any of its names ("Jateng" -> "Jawa Tengah"), or None."""
        countries = [normalise_country(country)] if country else list(LEVELS)
        for code in countries:
            for key in name_keys(text):
                if (code, key) in self._provinces:
                    return self._provinces[(code, key)]
        return None

    def same_province(self, country: str | None, expected: str, found: str) -> bool:
        """Whether two province names (any alias, any script) name the same province."""
        canonical = self.province_name(country, expected)
        return canonical is not None and canonical == self.province_name(country, found)

    def lookup(self, query: str, *, country: str | None = None, level: str | None = None,
               province: str | None = None) -> GazetteerEntry | None:
        """The one entry matching name, country, level and province; None if none or ambiguous."""
        country = normalise_country(country)
        candidates = {id(e): e for key in name_keys(query) for e in self._by_key.get(key, ())}
        found = [e for e in candidates.values() if country in (None, e.country)]
        marked = marked_level(query)  # "Kota Bogor" is never the regency, whatever the level says
        if marked in ID_LEVELS:
            found = [e for e in found if e.country != "ID" or e.level == marked]
        if province:
            wanted = self.province_name(country, province)
            found = [e for e in found if e.province == wanted] if wanted else []
        return _single(_filter_level(found, level))

    def find(self, ref: PlaceRef) -> GazetteerEntry | None:
        """The entry for a partner as a row names it, trying its name then its characters."""
        for query in dict.fromkeys(q for q in (ref.name, ref.name_zh) if q):
            entry = self.lookup(query, country=ref.country, level=ref.level, province=ref.province)
            if entry:
                return entry
        return None

    def aliases(self, ref: PlaceRef) -> tuple[str, ...]:
        """Every name form of the place; for an unknown place, the forms the row itself gives."""
        entry = self.find(ref)
        if entry:
            return entry.names
        forms = (ref.name, strip_prefix(ref.name), ref.name_zh, strip_prefix(ref.name_zh))
        return tuple(dict.fromkeys(f for f in forms if f))


def _filter_level(entries: list[GazetteerEntry], level: str | None) -> list[GazetteerEntry]:
    if not level:
        return entries
    exact = [e for e in entries if e.level == level]
    if exact or level not in CN_LEVEL_FALLBACK:
        return exact
    return [e for e in entries if e.country == "CN" and e.level in CN_LEVEL_FALLBACK]


def _single(entries: list[GazetteerEntry]) -> GazetteerEntry | None:
    """One entry, or several at the same point (Beijing the province and the city); else None."""
    if entries and len({(e.lat, e.lon) for e in entries}) == 1:
        return entries[0]
    return None


class GazetteerGeocoder(Geocoder):
    """The gazetteer behind geopy's interface, so the resolving chain is one loop."""

    name = "gazetteer"

    def __init__(self, gazetteer: Gazetteer | None = None):
        super().__init__(adapter_factory=URLLibAdapter)  # never used: no request leaves
        self.gazetteer = gazetteer or load_gazetteer()

    def geocode(self, query: str, *, country: str | None = None, level: str | None = None,
                province: str | None = None, exactly_one: bool = True):
        """A Location for the entry (raw = the entry as a dict), or None."""
        entry = self.gazetteer.lookup(query, country=country, level=level, province=province)
        if entry is None:
            return None
        location = Location(entry.name, (entry.lat, entry.lon), asdict(entry))
        return location if exactly_one else [location]


_LOADED: dict[tuple[str, float], Gazetteer] = {}


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read and validate the gazetteer (default data/gazetteer.csv); UnusableFile lists all."""
    path = Path(path) if path else DEFAULT_PATH
    try:
        stamp = (str(path.resolve()), path.stat().st_mtime)
        if stamp in _LOADED:
            return _LOADED[stamp]
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UnusableFile((Problem(0, "", str(path), f"cannot read: {error}", str(path)),))
    entries, problems = parse_rows(rows, str(path))
    if problems:
        raise UnusableFile(tuple(problems))
    _LOADED[stamp] = Gazetteer(tuple(entries))
    return _LOADED[stamp]


def parse_rows(rows: list[list[str]], file: str = "") -> tuple[list[GazetteerEntry], list[Problem]]:
    """Turn CSV rows (header first) into entries, collecting every problem with line and column."""
    if not rows or tuple(c.strip() for c in rows[0]) != COLUMNS:
        got = ",".join(rows[0]) if rows else ""
        return [], [Problem(1, "", got, f"header must be: {','.join(COLUMNS)}", file)]
    numbered, problems = [], []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        entry, row_problems = parse_row(row, line, file)
        problems += row_problems
        if entry:
            numbered.append((line, entry))
    problems += check_consistency(numbered, file)
    return [entry for _, entry in numbered], problems


def parse_row(row: list[str], line: int,
              file: str = "") -> tuple[GazetteerEntry | None, list[Problem]]:
    """One row -> entry, or None with the problems found in it."""
    if len(row) != len(COLUMNS):
        message = f"expected {len(COLUMNS)} fields, got {len(row)}"
        return None, [Problem(line, "", ",".join(row), message, file)]
    cells = dict(zip(COLUMNS, (cell.strip() for cell in row)))
    problems = [Problem(line, column, "", "must not be empty", file)
                for column in ("name", "country", "level", "province", "point", "source")
                if not cells[column]]
    if cells["country"] not in LEVELS:
        problems.append(Problem(line, "country", cells["country"], "must be ID or CN", file))
    elif cells["level"] not in LEVELS[cells["country"]]:
        allowed = ", ".join(LEVELS[cells["country"]])
        problems.append(Problem(line, "level", cells["level"], f"must be one of: {allowed}", file))
    if cells["point"] and cells["point"] not in POINTS:
        message = f"must be one of: {', '.join(POINTS)}"
        problems.append(Problem(line, "point", cells["point"], message, file))
    coords = [_parse_coordinate(cells, column, line, file) for column in ("lat", "lon")]
    problems += [p for p in coords if isinstance(p, Problem)]
    if problems:
        return None, problems
    lat, lon = coords
    (lat_lo, lat_hi), (lon_lo, lon_hi) = BOUNDS[cells["country"]]
    if not (lat_lo <= lat <= lat_hi and lon_lo <= lon <= lon_hi):
        value = f"{lat},{lon}"
        return None, [Problem(line, "lat", value, f"point lies outside {cells['country']}", file)]
    aliases = tuple(a.strip() for a in cells["aliases"].split(";") if a.strip())
    return GazetteerEntry(cells["name"], cells["country"], cells["level"], cells["province"], lat,
                          lon, cells["point"], cells["name_zh"], cells["name_en"], aliases,
                          cells["source"]), []


def _parse_coordinate(cells: dict[str, str], column: str, line: int, file: str) -> float | Problem:
    limit = 90.0 if column == "lat" else 180.0
    try:
        value = float(cells[column])
    except ValueError:
        return Problem(line, column, cells[column], "not a number", file)
    if not -limit <= value <= limit:
        message = f"must lie between -{limit:g} and {limit:g}"
        return Problem(line, column, cells[column], message, file)
    return value


def check_consistency(numbered: list[tuple[int, GazetteerEntry]], file: str = "") -> list[Problem]:
    """Across rows: no duplicate place, known provinces, each province name meaning one province."""
    problems, seen, province_keys = [], {}, {}
    for line, entry in ((n, e) for n, e in numbered if e.level == "province"):
        for key in {k for form in entry.names for k in name_keys(form)}:
            other = province_keys.setdefault((entry.country, key), entry.province)
            if other != entry.province:
                problems.append(Problem(line, "aliases", key,
                                        f"also names the province {other}", file))
    for line, entry in numbered:
        ident = (entry.country, entry.level, entry.province, compact(entry.name), entry.name_zh)
        if ident in seen:
            problems.append(Problem(line, "name", entry.name,
                                    f"duplicate of line {seen[ident]}", file))
        seen.setdefault(ident, line)
        if not any(key in province_keys for key in
                   ((entry.country, k) for k in name_keys(entry.province))):
            problems.append(Problem(line, "province", entry.province,
                                    f"no province of {entry.country} has this name", file))
    return problems

