"""Every place the reader knows: data/places_registry.csv merged with data/gazetteer.csv.

The registry knows every Indonesian province, regency and city and every Chinese division; the
gazetteer knows the dataset's own places better (their names as the dataset writes them, their
characters, their points), so where both know a place the gazetteer wins. Loaded offline, once.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path

from components import DATA_DIR
from components.names import compact, is_cjk, strip_prefix
from components.places.gazetteer import Gazetteer, load_gazetteer
from components.places.registry import load_registry

EXTRA_NAMES_PATH = DATA_DIR / "reader_names.csv"


@dataclass(frozen=True)
class Place:
    """One place the reader can find in a text, with its parent for containment."""

    key: str  # "ID:32.74", "CN:320500" (registry code) or "gazetteer:<name>"
    country: str
    level: str
    name: str  # as the dataset writes it: "Kota Serang", "Hangzhou"
    name_zh: str
    province: str  # as the dataset writes it
    parent: str  # key of the containing division, "" for a province
    lat: float | None
    lon: float | None
    known: bool  # in data/gazetteer.csv: a place of the dataset or a province
    names: tuple[str, ...]  # every written form: official, bare, English, characters, aliases


class PlaceIndex:
    """The places by key and by written form; forms map to every place that bears them."""

    def __init__(self, places: tuple[Place, ...]):
        self.places = places
        self.by_key = {place.key: place for place in places}
        self.forms: dict[str, list[Place]] = {}
        for place in places:
            for form in {_form_key(name) for name in place.names}:
                if form:
                    self.forms.setdefault(form, []).append(place)
        self.first_words = {k.split()[0] for k in self.forms if k.isascii()}
        self.longest_latin = max((len(k.split()) for k in self.forms if k.isascii()), default=1)
        self.longest_cjk = max((len(k) for k in self.forms if not k.isascii()), default=1)

    def lookup(self, form: str) -> list[Place]:
        """Every place one written form may name."""
        return self.forms.get(_form_key(form), [])

    def ancestors(self, place: Place) -> tuple[Place, ...]:
        """The divisions containing a place, nearest first."""
        found, key = [], place.parent
        while key and key in self.by_key and len(found) < 4:
            found.append(self.by_key[key])
            key = self.by_key[key].parent
        return tuple(found)


def _form_key(name: str) -> str:
    """How a written form is compared: folded words for Latin script, the characters for CJK."""
    from components.news.excerpts import (
        fold_char,  # the finder's one folding of characters
    )
    folded = "".join(fold_char(char) for char in name)
    if is_cjk(folded):
        return "".join(folded.split())
    return " ".join("".join(c if c.isalnum() or c == "'" else " " for c in folded).split())


def _registry_places() -> list[Place]:
    """The registry's rows as places (keys from the official codes)."""
    return [Place(key=f"{row.country}:{row.code}", country=row.country, level=row.level,
                  name=row.name, name_zh=row.name_zh, province=row.province,
                  parent=f"{row.country}:{row.parent}" if row.parent else "",
                  lat=row.lat, lon=row.lon, known=False, names=_with_bare(row.names))
            for row in load_registry()]


def _with_bare(names) -> tuple[str, ...]:
    """The forms and their bare names, without empty or one-letter forms."""
    forms = {f.strip() for name in names if name for f in (name, strip_prefix(name))}
    return tuple(sorted(f for f in forms if len(f) >= 2))


def _merge(places: list[Place], gazetteer: Gazetteer) -> list[Place]:
    """The registry with the gazetteer's places laid over it (the gazetteer wins)."""
    by_ident: dict[tuple, int] = {}
    for index, place in enumerate(places):
        for ident in _idents(place.country, place.level, place.province, place.name,
                             place.name_zh):
            by_ident.setdefault(ident, index)
    merged = list(places)
    for entry in gazetteer.entries:
        idents = _idents(entry.country, entry.level, entry.province, entry.name, entry.name_zh)
        index = next((by_ident[i] for i in idents if i in by_ident), None)
        names = _with_bare([entry.name, entry.name_en, entry.name_zh, *entry.aliases])
        if index is None:
            merged.append(Place(f"gazetteer:{entry.name}", entry.country, entry.level,
                                entry.name, entry.name_zh, entry.province, "", entry.lat,
                                entry.lon, True, names))
            continue
        old = merged[index]
        merged[index] = replace(old, name=entry.name, name_zh=entry.name_zh or old.name_zh,
                                level=entry.level,
                                province=entry.province, lat=entry.lat, lon=entry.lon,
                                known=True, names=_with_bare([*old.names, *names]))
    return merged


def _idents(country: str, level: str, province: str, name: str, name_zh: str) -> list[tuple]:
    """The keys under which a gazetteer row and a registry row are the same place."""
    idents = [(country, province, "zh", name_zh)] if name_zh else []  # levels vary by source
    return idents + [(country, province, compact(name)),
                     (country, level, province, compact(strip_prefix(name)))]


def _extra_names(places: list[Place], path: Path) -> list[Place]:
    """Further written forms (Chinese names of Indonesian places) from data/reader_names.csv."""
    if not path.exists():
        return places
    with path.open(encoding="utf-8", newline="") as handle:
        extra = [row for row in csv.DictReader(handle) if not row["name"].startswith("#")]
    by_name = {(p.country, p.name): i for i, p in enumerate(places)}
    for row in extra:
        index = by_name.get((row["country"], row["name"]))
        if index is not None:
            place = places[index]
            forms = [f for f in row["forms"].split(";") if f]
            places[index] = replace(place, name_zh=place.name_zh or forms[0],
                                    names=_with_bare([*place.names, *forms]))
    return places


_LOADED: dict[int, tuple[Gazetteer, PlaceIndex]] = {}


def load_places(gazetteer: Gazetteer | None = None) -> PlaceIndex:
    """The reader's places: the registry with a gazetteer (default data/gazetteer.csv) over it,
    plus data/reader_names.csv; built once per gazetteer."""
    gazetteer = gazetteer or load_gazetteer()
    if id(gazetteer) not in _LOADED:
        places = _merge(_registry_places(), gazetteer)
        _LOADED[id(gazetteer)] = (gazetteer, PlaceIndex(tuple(_extra_names(places,
                                                                            EXTRA_NAMES_PATH))))
    return _LOADED[id(gazetteer)][1]
