"""Resolve every partner to a point: cache, gazetteer, registry, GeoNames, Nominatim (opt-in),
in one loop."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from geopy.location import Location

from components import settings
from components.places.gazetteer import Gazetteer, GazetteerGeocoder, load_gazetteer
from components.places.cache import CacheGeocoder, GeoCache
from components.places.geonames import GeonamesGeocoder
from components.places.registry import RegistryGeocoder
from components.models import Message, Partnership, Place, PlaceRef
from components.places.nominatim import NominatimGeocoder

UNRESOLVED = "unresolved"


@dataclass(frozen=True)
class Resolution:
    """Where each partner is, and everything worth telling the user about how that went."""

    places: dict[PlaceRef, Place]
    warnings: tuple[Message, ...] = ()  # translated where shown

    @property
    def unresolved(self) -> tuple[PlaceRef, ...]:
        return tuple(ref for ref, place in self.places.items() if not place.resolved)

    def counts(self) -> Counter:
        """How many places each source resolved ("unresolved" included)."""
        return Counter(place.resolved_by for place in self.places.values())


def online_from_env() -> bool:
    """KEMBAR_ONLINE (1, true, yes or on) turns online geocoding on; see components.settings."""
    return settings.current().online


def place_refs(partnerships: Iterable[Partnership]) -> list[PlaceRef]:
    """Each distinct partner place, Indonesian then Chinese, in the order the rows name them."""
    refs = (ref for p in partnerships for ref in (p.id_place, p.cn_place))
    return list(dict.fromkeys(refs))


def build_chain(gazetteer: Gazetteer, cache: GeoCache, *, online: bool,
                nominatim_url: str | None = None) -> list:
    """The geocoders in the order they are asked; Nominatim only when online."""
    chain = [CacheGeocoder(cache), GazetteerGeocoder(gazetteer), RegistryGeocoder(gazetteer),
             GeonamesGeocoder(gazetteer)]
    if online:
        chain.append(NominatimGeocoder(gazetteer, url=nominatim_url))
    return chain


def resolve_places(partnerships: Iterable[Partnership], *, online: bool | None = None,
                   cache_path: str | Path | None = None, gazetteer: Gazetteer | None = None,
                   nominatim_url: str | None = None) -> Resolution:
    """Resolve both partners of every partnership; unresolved places are reported, never guessed."""
    return resolve_refs(place_refs(partnerships), online=online, cache_path=cache_path,
                        gazetteer=gazetteer, nominatim_url=nominatim_url)


def resolve_refs(refs: Iterable[PlaceRef], *, online: bool | None = None,
                 cache_path: str | Path | None = None, gazetteer: Gazetteer | None = None,
                 nominatim_url: str | None = None) -> Resolution:
    """resolve_places for PlaceRefs directly (a user's new row, a test)."""
    online = online_from_env() if online is None else online
    gazetteer = gazetteer or load_gazetteer()
    cache = GeoCache(cache_path)
    chain = build_chain(gazetteer, cache, online=online, nominatim_url=nominatim_url)
    places, notes = {}, []
    for ref in dict.fromkeys(refs):
        places[ref], note = resolve_one(ref, chain, gazetteer)
        notes += [note] if note else []
    return Resolution(places, tuple(_warnings(chain, notes)))


def resolve_one(ref: PlaceRef, chain: list, gazetteer: Gazetteer) -> tuple[Place, Message | None]:
    """Ask each geocoder in turn with each name form; the first answer wins."""
    forms = list(dict.fromkeys(form for form in (ref.name, ref.name_zh) if form))
    for geocoder in chain:
        for form in forms:
            location = geocoder.geocode(form, country=ref.country, level=ref.level,
                                        province=ref.province)
            if location is not None:
                _remember(chain[0], geocoder, form, ref, location)
                return _place(ref, geocoder.name, location, gazetteer), _note(ref, geocoder.name)
    where = f" ({ref.province})" if ref.province else ""
    message = Message("unresolved: {country} {level} {name}{where}", country=ref.country,
                      level=ref.level, name=repr(ref.name or ref.name_zh), where=where)
    return Place(ref, None, None, UNRESOLVED), message


def _remember(cache: CacheGeocoder, geocoder, form: str, ref: PlaceRef, location: Location) -> None:
    """Only online answers are cached: the offline sources are already on disk."""
    if geocoder.name == "nominatim":
        cache.store(form, location, source=geocoder.name, country=ref.country, level=ref.level,
                    province=ref.province)


def _place(ref: PlaceRef, source: str, location: Location, gazetteer: Gazetteer) -> Place:
    """A Place with the gazetteer's official name and characters when it knows the place."""
    raw = location.raw if isinstance(location.raw, dict) else {}
    if source in ("gazetteer", "registry"):
        label, label_zh = raw.get("name", ref.name), raw.get("name_zh") or ref.name_zh
    else:
        label = raw.get("name") or raw.get("label") or (location.address or "").split(",")[0]
        label_zh = ref.name_zh
    return Place(ref, location.latitude, location.longitude, source, label or ref.name, label_zh)


def _note(ref: PlaceRef, source: str) -> Message | None:
    if source == "geonames" and ref.country == "ID" and ref.level == "regency":
        return Message("{name}: placed at the GeoNames town of that name; the regency seat may "
                       "lie elsewhere", name=ref.name)
    return None


def _warnings(chain: list, notes: list[Message]) -> list[Message]:
    collected = [w for geocoder in chain for w in getattr(geocoder, "warnings", ())]
    skipped = sum(getattr(geocoder, "skipped", 0) for geocoder in chain)
    if skipped:
        collected.append(Message("nominatim: {count} place(s) not asked online after it stopped",
                                 count=skipped))
    return list(dict.fromkeys(collected + notes))
