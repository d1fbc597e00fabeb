"""Which partnerships to show: the Filters record, applying it, text search, and one sentence
saying what is shown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Protocol, Sequence

from components.i18n.translator import Translate, untranslated
from components.models import ID_LEVELS, STAGES, Partnership, Place, PlaceRef
from components.names import CJK_CLASS, fold
from components.i18n.vocabulary import LEVEL_LABELS, STAGE_SHORT_LABELS

NGettext = Callable[[str, str, int], str]
StepYears = Callable[[Partnership], "Sequence[int]"]  # the years of a partnership's dated steps

YEARS_ON = ("stage", "history")  # the years measure the current stage's date, or any dated step

_SET_FIELDS = ("levels", "stages", "id_provinces", "cn_provinces", "fields")


def english_ngettext(singular: str, plural: str, n: int) -> str:
    """The default `ngettext`: English plural rule."""
    return singular if n == 1 else plural


def english_list(items: Sequence[str]) -> str:
    """The default list joiner: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


@dataclass(frozen=True)
class Filters:
    """What the user asked to see; an empty set or None means "no restriction"."""

    levels: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    year_from: int | None = None
    year_to: int | None = None
    include_undated: bool = True
    id_provinces: frozenset[str] = frozenset()
    cn_provinces: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    query: str = ""
    as_of: int | None = None
    years_on: str = "stage"  # one of YEARS_ON

    @property
    def narrows_years(self) -> bool:
        return self.year_from is not None or self.year_to is not None

    def __post_init__(self) -> None:
        for name in _SET_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(f"Filters.{name} expects a collection of strings, instead got {value!r}")
            object.__setattr__(self, name, frozenset(value))
        for name, allowed in (("levels", ID_LEVELS), ("stages", STAGES)):
            unknown = sorted(getattr(self, name) - set(allowed))
            if unknown:
                raise ValueError(f"Filters.{name}: unknown value(s) {unknown}, expected some of {allowed}")
        for name in ("year_from", "year_to", "as_of"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise TypeError(f"Filters.{name} expects an int or None, instead got {value!r}")
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise ValueError(f"Filters: year_from {self.year_from} is after year_to {self.year_to}")
        object.__setattr__(self, "query", " ".join(self.query.split()))
        if self.years_on not in YEARS_ON:
            raise ValueError(f"Filters.years_on: expected one of {YEARS_ON}, instead got {self.years_on!r}")


# --- search --------------------------------------------------------------------------------

class AliasSource(Protocol):
    """Anything that lists every name form of a place (the gazetteer)."""

    def aliases(self, ref: PlaceRef) -> tuple[str, ...]: ...


_CJK_RUNS = re.compile(f"([{CJK_CLASS}]+)")


def search_words(text: str) -> tuple[str, ...]:
    """Split text into folded words; a run of CJK characters is a word of its own."""
    return tuple(run for word in fold(text).split() for run in _CJK_RUNS.split(word) if run)


def _is_cjk(word: str) -> bool:
    return bool(_CJK_RUNS.fullmatch(word))


def words_match(query_words: Iterable[str], words: Sequence[str]) -> bool:
    """Every query word must match: CJK anywhere inside a word, others at a word's start."""
    for token in query_words:
        if _is_cjk(token):
            found = any(token in word for word in words)
        else:
            found = any(word.startswith(token) for word in words)
        if not found:
            return False
    return True


@dataclass(frozen=True)
class SearchIndex:
    """For each partnership id, the folded words of every name its two places go by."""

    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def matches(self, partnership: Partnership, query_words: Sequence[str]) -> bool:
        """Whether all query words match this partnership (indexed or not)."""
        words = self.words.get(partnership.id)
        if words is None:
            words = search_words(" ; ".join(_own_names(partnership)))
        return words_match(query_words, words)


def _own_names(p: Partnership) -> list[str]:
    return [p.id, p.id_name, p.id_province, p.cn_name, p.cn_name_zh, p.cn_province]


def _province_ref(country: str, province: str) -> PlaceRef:
    """A province named the way a province-level partner row names it."""
    name = f"Provinsi {province}" if country == "ID" else province
    return PlaceRef(country, name, "province", province)


def _names_of(p: Partnership, places: Mapping[PlaceRef, Place], gazetteer: AliasSource | None) -> list[str]:
    names = _own_names(p)
    for ref in (p.id_place, p.cn_place):
        place = places.get(ref)
        if place is not None:
            names += [place.label, place.label_zh]
    if gazetteer is not None:
        refs = (p.id_place, p.cn_place, _province_ref("ID", p.id_province), _province_ref("CN", p.cn_province))
        for ref in refs:
            names += gazetteer.aliases(ref)
    return names


class _RememberedAliases:
    """A gazetteer's aliases asked once per place: many rows share a place or a province."""

    def __init__(self, gazetteer: AliasSource) -> None:
        self._gazetteer, self._known = gazetteer, {}

    def aliases(self, ref: PlaceRef) -> tuple[str, ...]:
        if ref not in self._known:
            self._known[ref] = tuple(self._gazetteer.aliases(ref))
        return self._known[ref]


def build_search_index(partnerships: Iterable[Partnership], places: Mapping[PlaceRef, Place] | None = None,
                       gazetteer: AliasSource | None = None) -> SearchIndex:
    """Index names, provinces, resolved labels and gazetteer aliases of both sides, once per dataset."""
    words = {}
    gazetteer = _RememberedAliases(gazetteer) if gazetteer is not None else None
    for p in partnerships:
        unique = dict.fromkeys(search_words(" ; ".join(_names_of(p, places or {}, gazetteer))))
        words[p.id] = tuple(unique)
    return SearchIndex(words)


# --- applying ------------------------------------------------------------------------------

def _in_range(year: int, filters: Filters) -> bool:
    return ((filters.year_from is None or year >= filters.year_from)
            and (filters.year_to is None or year <= filters.year_to))


def _years_match(p: Partnership, filters: Filters, step_years: StepYears | None) -> bool:
    """The current stage's year is in range; with years_on="history", any dated step's year."""
    years = [p.year] if p.year is not None else []
    if filters.years_on == "history" and step_years is not None:
        years += list(step_years(p))
    if not years:
        return filters.include_undated
    return any(_in_range(year, filters) for year in years)


def _keeps(p: Partnership, filters: Filters, step_years: StepYears | None = None) -> bool:
    return ((not filters.levels or p.id_level in filters.levels)
            and (not filters.stages or p.stage in filters.stages)
            and _years_match(p, filters, step_years)
            and (not filters.id_provinces or p.id_province in filters.id_provinces)
            and (not filters.cn_provinces or p.cn_province in filters.cn_provinces)
            and (not filters.fields or not filters.fields.isdisjoint(p.fields)))


def apply_filters(partnerships: Iterable[Partnership], filters: Filters, *,
                  search_index: SearchIndex | None = None,
                  step_years: StepYears | None = None) -> tuple[Partnership, ...]:
    """The partnerships the filters keep, in input order.

    Without a `search_index` a query matches only the rows' own names (no aliases). `as_of` is
    not applied here: the as-of view is `history.network_as_of` (each partnership re-staged to
    that year), which the page then filters with `as_of=None`. With `years_on="history"`,
    `step_years` gives each partnership's dated steps (milestones).
    """
    query_words = search_words(filters.query)
    index = search_index if search_index is not None else SearchIndex()
    return tuple(p for p in partnerships
                 if _keeps(p, filters, step_years)
                 and (not query_words or index.matches(p, query_words)))


# --- describing ----------------------------------------------------------------------------

def _levels_phrase(levels: frozenset[str], translate: Translate, join: Callable[[Sequence[str]], str]) -> str:
    if not levels or levels == set(ID_LEVELS):
        return translate("all levels")
    names = [translate(LEVEL_LABELS[level]) for level in ID_LEVELS if level in levels]
    if len(names) == 1:
        # TRANSLATORS: part of the sentence above the map; {level} is "province", "city" or "regency".
        return translate("{level} level").format(level=names[0])
    # TRANSLATORS: {levels} is a list such as "city and regency".
    return translate("{levels} levels").format(levels=join(names))


def _years_phrase(f: Filters, translate: Translate) -> str:
    if f.year_from is None and f.year_to is None:
        return translate("all years") if f.include_undated else translate("all dated years")
    if f.year_from == f.year_to:
        years = str(f.year_from)
    elif f.year_to is None:
        years = translate("from {year}").format(year=f.year_from)
    elif f.year_from is None:
        years = translate("up to {year}").format(year=f.year_to)
    else:
        years = translate("{start}–{end}").format(start=f.year_from, end=f.year_to)
    if f.years_on == "history":
        # TRANSLATORS: {years} is a range like "2000–2025", matched on every dated step of a history.
        years = translate("{years} (any step of the history)").format(years=years)
    # TRANSLATORS: {years} is a range like "2000–2025"; undated partnerships are shown as well.
    return translate("{years} and undated").format(years=years) if f.include_undated else years


def _optional_phrases(f: Filters, translate: Translate, ngettext: NGettext,
                      join: Callable[[Sequence[str]], str],
                      province: Callable[[str, str], str] = lambda country, name: name) -> list[str]:
    phrases = []
    if f.stages:
        names = [translate(STAGE_SHORT_LABELS[stage]) for stage in STAGES if stage in f.stages]
        phrases.append(ngettext("stage {stages}", "stages {stages}", len(names)).format(stages=join(names)))
    if f.id_provinces:
        phrases.append(ngettext("Indonesian province {names}", "Indonesian provinces {names}",
                                len(f.id_provinces)).format(names=join([province("ID", n) for n in sorted(f.id_provinces)])))
    if f.cn_provinces:
        phrases.append(ngettext("Chinese province {names}", "Chinese provinces {names}",
                                len(f.cn_provinces)).format(names=join([province("CN", n) for n in sorted(f.cn_provinces)])))
    if f.fields:
        phrases.append(ngettext("field {names}", "fields {names}", len(f.fields)).format(
            names=join(sorted(f.fields))))
    if f.query:
        phrases.append(translate("matching “{query}”").format(query=f.query))
    if f.as_of is not None:
        phrases.append(translate("as of the end of {year}").format(year=f.as_of))
    return phrases


def describe(filters: Filters, shown: int, total: int, *, translate: Translate = untranslated,
             ngettext: NGettext = english_ngettext, join: Callable[[Sequence[str]], str] = english_list,
             number: Callable[[int], str] = str,
             province: Callable[[str, str], str] = lambda country, name: name) -> str:
    """One plain-text sentence of what is shown: "23 of 64 partnerships — city level, 2000–2025".

    Every fragment is a whole translatable string; `join` lists items ("a, b and c") and
    `number` formats counts, so a locale can supply its own (Babel's format_list, format_decimal).
    """
    count = ngettext("{shown} of {total} partnership", "{shown} of {total} partnerships", total)
    parts = [_levels_phrase(filters.levels, translate, join), _years_phrase(filters, translate)]
    parts += _optional_phrases(filters, translate, ngettext, join, province)
    # TRANSLATORS: separates the parts of the sentence above the map ("city level, 2000–2025").
    details = translate(", ").join(parts)
    # TRANSLATORS: the sentence above the map: "23 of 64 partnerships — city level, 2000–2025".
    return translate("{count} — {details}").format(
        count=count.format(shown=number(shown), total=number(total)), details=details)
