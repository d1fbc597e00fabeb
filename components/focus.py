"""Focus on one place: which partnerships are "its" ties, and which place a name means.

The one rule, shared by the map's focus, the portfolio and any count per province: a
province's partnerships are its own and those of every city and regency (or Chinese city,
county, district) inside it, matched on `id_province` (Indonesian side) or `cn_province`
(Chinese side); a city's or a regency's are its own. Names are matched the way the gazetteer
folds them, so "Provinsi Jawa Tengah", "Jawa Tengah", "Jateng", "Central Java", "中爪哇",
"Hangzhou" and "杭州" each find their place; a name several places share finds them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Protocol, Sequence

from components.models import Partnership, Place, PlaceRef
from components.names import compact, strip_prefix

MAX_NAME_LENGTH = 200  # longer text is no place name; it is never matched


class PlaceNames(Protocol):
    """Anything that lists every name form of a place (the gazetteer)."""

    def aliases(self, ref: PlaceRef) -> tuple[str, ...]: ...


def place_key(ref: PlaceRef) -> str:
    """A stable text key for a partner place, as the map reports it when its marker is clicked."""
    return "|".join((ref.country, ref.level, ref.province, ref.name))


@dataclass(frozen=True)
class FocusPlace:
    """A place one can focus on: a partner place, or a province of either country."""

    country: str  # "ID" or "CN"
    level: str  # "province", or the partner's own level
    province: str  # the province as the dataset writes id_province / cn_province
    name: str  # "Provinsi Jawa Tengah", "Kota Semarang", "Hangzhou", "Zhejiang"
    name_zh: str = ""

    @property
    def key(self) -> str:
        return "|".join((self.country, self.level, self.province, self.name))

    @property
    def is_province(self) -> bool:
        return self.level == "province"

    def label(self, lang: str) -> str:
        """The place's name in the reader's language: characters in Chinese when known."""
        return (self.name_zh or self.name) if lang == "zh" else self.name


def province_place(country: str, province: str, name_zh: str = "") -> FocusPlace:
    """A province named the way a province-level partner row names it."""
    name = f"Provinsi {province}" if country == "ID" else province
    return FocusPlace(country, "province", province, name, name_zh)


def _side(p: Partnership, country: str) -> PlaceRef:
    return p.id_place if country == "ID" else p.cn_place


def _province_of(p: Partnership, country: str) -> str:
    return p.id_province if country == "ID" else p.cn_province


def is_own_tie(place: FocusPlace, p: Partnership) -> bool:
    """Whether the place itself (not a place inside it) is a partner of `p`."""
    ref = _side(p, place.country)
    if place.is_province:
        return ref.level == "province" and ref.province == place.province
    return (ref.level, ref.province, ref.name) == (place.level, place.province, place.name)


def partnerships_of_place(place: FocusPlace, partnerships: Iterable[Partnership]
                          ) -> tuple[Partnership, ...]:
    """The place's partnerships in input order; for a province its own ties come first."""
    rows = tuple(partnerships)
    own = tuple(p for p in rows if is_own_tie(place, p))
    if not place.is_province:
        return own
    inside = tuple(p for p in rows if _province_of(p, place.country) == place.province
                   and not is_own_tie(place, p))
    return own + inside


def focus_place(ref: PlaceRef, name_zh: str = "") -> FocusPlace:
    """The focus a partner place stands for: a province-level partner is its province."""
    if ref.level == "province":
        return province_place(ref.country, ref.province, name_zh or ref.name_zh)
    return FocusPlace(ref.country, ref.level, ref.province, ref.name, name_zh or ref.name_zh)


class PlaceIndex:
    """Every focusable place of a dataset with every name it goes by, built once per dataset."""

    def __init__(self, partnerships: Iterable[Partnership],
                 places: Mapping[PlaceRef, Place] | None = None,
                 names: PlaceNames | None = None):
        self._forms: dict[str, dict[str, FocusPlace]] = {}
        self.by_key: dict[str, FocusPlace] = {}
        for ref in _refs(partnerships):
            place = (places or {}).get(ref)
            aliases = names.aliases(ref) if names else ()
            chinese = (ref.name_zh or (place.label_zh if place else "")
                       or next((a for a in aliases if _is_chinese(a)), ""))
            forms = [ref.name, ref.name_zh, *aliases]
            self._add(focus_place(ref, chinese), forms, ref)

    def _add(self, found: FocusPlace, forms: Sequence[str], ref: PlaceRef) -> None:
        known = self.by_key.setdefault(found.key, found)
        if not known.name_zh and found.name_zh:
            known = self.by_key[found.key] = found
        forms = [*forms, found.name, found.name_zh, found.key, place_key(ref)]
        for form in forms:
            for text in (form, strip_prefix(form)) if form else ():
                if compact(text):
                    self._forms.setdefault(compact(text), {})[found.key] = known

    @property
    def places(self) -> tuple[FocusPlace, ...]:
        return tuple(self.by_key.values())

    def resolve(self, text: str) -> tuple[FocusPlace, ...]:
        """Every place `text` names: none (unknown), one, or several (ambiguous)."""
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_NAME_LENGTH:
            return ()
        if text in self.by_key:
            return (self.by_key[text],)
        found = self._forms.get(compact(text), {})
        return tuple(self.by_key[key] for key in found)

    def link_name(self, place: FocusPlace) -> str:
        """The shortest name that finds exactly this place again, for the URL."""
        for name in (place.name, place.name_zh):
            if name and self.resolve(name) == (place,):
                return name
        return place.key


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _refs(partnerships: Iterable[Partnership]) -> list[PlaceRef]:
    """Each partner place once, and each province of either side as a province-level ref."""
    refs: dict[PlaceRef, None] = {}
    for p in partnerships:
        for ref in (p.id_place, p.cn_place):
            refs[ref] = None
        refs[PlaceRef("ID", f"Provinsi {p.id_province}", "province", p.id_province)] = None
        refs[PlaceRef("CN", p.cn_province, "province", p.cn_province)] = None
    return list(refs)


def stage_counts(partnerships: Iterable[Partnership], stages: Sequence[str]) -> dict[str, int]:
    """How many partnerships reached each stage, in the order given (zeros kept)."""
    counts = dict.fromkeys(stages, 0)
    for p in partnerships:
        counts[p.stage] = counts.get(p.stage, 0) + 1
    return counts
