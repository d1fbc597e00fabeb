"""The view as URL query parameters and back, so a copied link reproduces what its sender saw.

Parameters: `level`, `stage`, `id_province`, `cn_province` (comma-separated), `field`
(semicolon-separated, as in the dataset's `fields` column, since a field name may hold a comma),
`year_from`, `year_to`, `as_of` (four-digit years), `years_on=history` (match the years on any
dated step of a partnership's history, not only its current stage's date), `undated` (`0` leaves
undated partnerships out; `1` keeps them when the years are narrowed, which otherwise leaves them out),
`q` (search text), `selected` (a partnership id), `place` (the focused place, any name
components.focus understands; resolved by the page), `lang` (`id`, `en` or `zh`),
`shade=provinces` (shade the provinces by their ties), `view` (the map's centre and zoom,
`lat,lon,zoom`). A value that is
unknown or malformed is dropped with a plain-text notice naming the parameter and the value;
parsing never raises. Unknown parameter names (tracking tags and the like) are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from components.dates import FIRST_YEAR, LAST_YEAR
from components.filters import YEARS_ON, Filters, Translate, untranslated
from components.models import ID_LEVELS, STAGES, Partnership

LANGUAGES = ("id", "en", "zh")
SHADINGS = ("provinces",)
YEAR_MIN, YEAR_MAX = FIRST_YEAR, LAST_YEAR  # the bounds of every date (components.dates)
MAX_QUERY_LENGTH = 200
_NOTICE_VALUE_LENGTH = 60
_YEAR = re.compile(r"[0-9]{4}")
_TRUE, _FALSE = ("1", "true", "yes"), ("0", "false", "no")

Params = Mapping[str, "str | Sequence[str]"]


@dataclass(frozen=True)
class MapView:
    """Where the map looks: its centre and zoom, so a shared link opens where its author looked."""

    lat: float
    lon: float
    zoom: float

    def __post_init__(self) -> None:
        if not (-85 <= self.lat <= 85 and -180 <= self.lon <= 180 and 0 <= self.zoom <= 18):
            raise ValueError(f"MapView: expected lat in [-85, 85], lon in [-180, 180] and zoom "
                             f"in [0, 18], instead got {self.lat}, {self.lon}, {self.zoom}")
        object.__setattr__(self, "lat", round(self.lat, 4))
        object.__setattr__(self, "lon", round(self.lon, 4))
        object.__setattr__(self, "zoom", round(self.zoom, 2))

    def param(self) -> str:
        """The `view` parameter's text: "lat,lon,zoom" without needless zeros."""
        return ",".join(f"{value:.4f}".rstrip("0").rstrip(".") for value in (self.lat, self.lon, self.zoom))


@dataclass(frozen=True)
class ViewState:
    """Everything a shareable link carries: the filters, the open partnership, the language."""

    filters: Filters = field(default_factory=Filters)
    selected: str | None = None
    lang: str | None = None  # None: not chosen, the app falls back to the browser's language
    place: str | None = None  # the focused place as the link names it; the page resolves it
    shade: bool = False  # provinces shaded by their ties (`shade=provinces`)
    map_view: MapView | None = None  # None: the map fits Indonesia and China


@dataclass(frozen=True)
class Choices:
    """The values a link may name, taken from the loaded dataset."""

    ids: frozenset[str] = frozenset()
    id_provinces: frozenset[str] = frozenset()
    cn_provinces: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    # ids of rows the file holds but that could not be used, with their line: a link to one
    # says the row has a problem, not that the id does not exist
    problem_ids: Mapping[str, int] = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def from_partnerships(cls, partnerships: Iterable[Partnership]) -> "Choices":
        """Collect ids, provinces and cooperation fields present in the dataset."""
        rows = tuple(partnerships)
        return cls(frozenset(p.id for p in rows), frozenset(p.id_province for p in rows),
                   frozenset(p.cn_province for p in rows), frozenset(f for p in rows for f in p.fields))


def _shown_all(value: str) -> str:
    """A user-supplied value without control characters."""
    return "".join(c if unicodedata.category(c)[0] != "C" else " " for c in value)


def _shown(value: str) -> str:
    """A user-supplied value made safe to quote in a one-line notice: no control characters, short."""
    text = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in value)
    return text if len(text) <= _NOTICE_VALUE_LENGTH else text[:_NOTICE_VALUE_LENGTH - 1] + "…"


class _Reader:
    """Reads one parameter at a time and collects a notice for each value it has to drop."""

    def __init__(self, params: Params, translate: Translate) -> None:
        self.params = params
        self.translate = translate
        self.notices: list[str] = []

    def values(self, name: str) -> list[str]:
        raw = self.params.get(name, ())
        items = [raw] if isinstance(raw, str) else list(raw)
        return [item for item in items if isinstance(item, str)]

    def single(self, name: str) -> str:
        """The last value given for a one-valued parameter, stripped; "" when absent."""
        values = [v.strip() for v in self.values(name) if v.strip()]
        return values[-1] if values else ""

    def note(self, template: str, **values: object) -> None:
        self.notices.append(template.format(**values))

    def several(self, name: str, allowed: Iterable[str], separator: str = ",") -> frozenset[str]:
        """Each listed value matched to an allowed one regardless of case; others reported."""
        canonical = {value.casefold(): value for value in allowed}
        kept = set()
        for item in (part.strip() for raw in self.values(name) for part in raw.split(separator)):
            if item and item.casefold() in canonical:
                kept.add(canonical[item.casefold()])
            elif item:
                self.note(self.translate("Ignored {name}={value}: unknown value."), name=name, value=_shown(item))
        return frozenset(kept)

    def year(self, name: str) -> int | None:
        value = self.single(name)
        if not value:
            return None
        if _YEAR.fullmatch(value) and YEAR_MIN <= int(value) <= YEAR_MAX:
            return int(value)
        self.note(self.translate("Ignored {name}={value}: not a year from {low} to {high}."),
                  name=name, value=_shown(value), low=YEAR_MIN, high=YEAR_MAX)
        return None

    def flag(self, name: str, default: bool) -> bool:
        value = self.single(name).casefold()
        if value in _TRUE or value in _FALSE:
            return value in _TRUE
        if value:
            self.note(self.translate("Ignored {name}={value}: expected 1 or 0."), name=name, value=_shown(value))
        return default

    def one_of(self, name: str, allowed: Iterable[str], template: str) -> str | None:
        value = self.single(name)
        if value and value in set(allowed):
            return value
        if value:
            self.note(template, name=name, value=_shown(value))
        return None

    def place(self, name: str) -> str | None:
        """A place name as given (control characters dropped); too long a name is reported."""
        value = " ".join(_shown_all(self.single(name)).split())
        if len(value) > MAX_QUERY_LENGTH:
            self.note(self.translate("Ignored {name}={value}: too long for a place name."),
                      name=name, value=_shown(value))
            return None
        return value or None

    def query(self, name: str) -> str:
        value = " ".join(" ".join(self.values(name)).split())
        if len(value) > MAX_QUERY_LENGTH:
            self.note(self.translate("Shortened {name} to its first {limit} characters."),
                      name=name, limit=MAX_QUERY_LENGTH)
            value = value[:MAX_QUERY_LENGTH]
        return value


def _map_view(reader: _Reader) -> MapView | None:
    value = reader.single("view")
    if not value:
        return None
    try:
        lat, lon, zoom = (float(part) for part in value.split(","))
        return MapView(lat, lon, zoom)
    except ValueError:
        reader.note(reader.translate("Ignored {name}={value}: expected latitude,longitude,zoom."),
                    name="view", value=_shown(value))
        return None


def _year_range(reader: _Reader) -> tuple[int | None, int | None]:
    start, end = reader.year("year_from"), reader.year("year_to")
    if start is not None and end is not None and start > end:
        reader.note(reader.translate("Swapped year_from={start} and year_to={end}: the range was reversed."),
                    start=start, end=end)
        start, end = end, start
    return start, end


def _filters(reader: _Reader, choices: Choices) -> Filters:
    levels, stages = reader.several("level", ID_LEVELS), reader.several("stage", STAGES)
    year_from, year_to = _year_range(reader)  # read in this order so notices follow the link
    return Filters(
        levels=levels,
        stages=stages,
        year_from=year_from,
        year_to=year_to,
        include_undated=reader.flag("undated", default=year_from is None and year_to is None),
        id_provinces=reader.several("id_province", choices.id_provinces),
        cn_provinces=reader.several("cn_province", choices.cn_provinces),
        fields=reader.several("field", choices.fields, separator=";"),
        query=reader.query("q"),
        as_of=reader.year("as_of"),
        years_on=reader.one_of("years_on", YEARS_ON, reader.translate(
            "Ignored {name}={value}: expected stage or history.")) or "stage",
    )


def _selected(reader: _Reader, choices: Choices) -> str | None:
    """The open partnership; a link to a row with a problem says so, not that the id is unknown."""
    value = reader.single("selected")
    if value in choices.problem_ids:
        reader.note(reader.translate("Cannot open {value}: its row (line {line}) has a problem; "
                                     "see Data problems."),
                    value=_shown(value), line=choices.problem_ids[value])
        return None
    return reader.one_of("selected", choices.ids,
                         reader.translate("Ignored {name}={value}: no partnership has this id."))


def view_from_params(params: Params, *, choices: Choices,
                     translate: Translate = untranslated) -> tuple[ViewState, tuple[str, ...]]:
    """Parse query parameters into a view plus one notice per value ignored; never raises."""
    reader = _Reader(params, translate)
    filters = _filters(reader, choices)
    selected = _selected(reader, choices)
    lang = reader.one_of("lang", LANGUAGES,
                         translate("Ignored {name}={value}: the language must be id, en or zh."))
    place = reader.place("place")
    shade = reader.one_of("shade", SHADINGS,
                          translate("Ignored {name}={value}: the map can only shade provinces."))
    return (ViewState(filters, selected, lang, place, shade=shade == "provinces",
                      map_view=_map_view(reader)), tuple(reader.notices))


def _undated_param(f: Filters) -> str:
    """`undated` only when it differs from its default: kept with all years, left out with fewer."""
    if f.include_undated == (not f.narrows_years):
        return ""
    return "1" if f.include_undated else "0"


def params_from_view(view: ViewState) -> dict[str, str]:
    """The query parameters for a view, only those that differ from the default, in a stable order."""
    f = view.filters
    params = {
        "level": ",".join(level for level in ID_LEVELS if level in f.levels),
        "stage": ",".join(stage for stage in STAGES if stage in f.stages),
        "year_from": "" if f.year_from is None else str(f.year_from),
        "year_to": "" if f.year_to is None else str(f.year_to),
        "years_on": "" if f.years_on == "stage" else f.years_on,
        "undated": _undated_param(f),
        "id_province": ",".join(sorted(f.id_provinces)),
        "cn_province": ",".join(sorted(f.cn_provinces)),
        "field": ";".join(sorted(f.fields)),
        "q": f.query,
        "as_of": "" if f.as_of is None else str(f.as_of),
        "selected": view.selected or "",
        "place": view.place or "",
        "lang": view.lang or "",
        "shade": "provinces" if view.shade else "",
        "view": view.map_view.param() if view.map_view else "",
    }
    return {name: value for name, value in params.items() if value}
