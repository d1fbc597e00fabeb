"""The page, top to bottom: language, filters, the sentence of what is shown, map, details, tabs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Mapping, Sequence

import folium
import streamlit as st

from babel.lists import format_list

from components.filternotes import download_stem, suggest_relaxation
from components.filters import apply_filters, describe, english_list
from components.history import describe_as_of, network_as_of, timeline
from components.i18n.formats import format_number
from components.i18n.translator import N_, get_translator
from components.map.build import place_key
from components.missing import Shortfall, find_shortfall
from components.models import Partnership, PlaceRef, Problem
from components.pipeline import Prepared
from components.ui import state
from components.ui.details import pick_partnership, show_details
from components.ui.mappanel import clicked_feature, select_from_click, show_map
from components.ui.sidebar import (is_playing, language_selector, schedule_next_frame,
                                   seed_widgets, show_as_of, show_filters)
from components.ui.tabs import (show_articles, show_overview, show_problems, show_table,
                                split_follow_ons)
from components.ui.text import bold, plain
from components.viewstate import ViewState


@dataclass(frozen=True)
class Services:
    """The app's cached builders, handed in so this layer stays free of caching policy."""

    base_map: Callable[[str, bool], folium.Map]
    arcs_layer: Callable[[tuple[str, ...], str, str | None], folium.FeatureGroup]
    excerpts: Callable[[], Mapping[str, Sequence]]
    candidates: Callable[[], Sequence]
    problems: Callable[[str], Sequence[Problem]]  # the input files' problems, in a language
    tiles: bool = False
    shortfall: Callable[[], Shortfall] | None = None  # the file's rows the page cannot show


def list_joiner(t) -> Callable[[Sequence[str]], str]:
    """How the language lists items: Babel's pattern ("kota dan kabupaten", "市和县")."""
    if t.lang == "en":
        return english_list
    return lambda items: format_list(list(items), locale=t.locale)


def _years(prepared: Prepared) -> tuple[int, int]:
    bounds = prepared.year_span
    low, high = bounds if bounds else (2000, 2025)
    return (low, high) if low < high else (low - 1, high)


def render_page(prepared: Prepared, services: Services) -> None:
    """Lay out the whole page for one rerun."""
    lang = state.current_language()
    t = get_translator(lang)
    years = _years(prepared)
    shortfall = (services.shortfall or (lambda: find_shortfall(prepared.dataset, prepared.data_path)))()
    first = state.initial_view(replace(prepared.choices, problem_ids=shortfall.problem_ids), t)
    if first is not None:
        seed_widgets(first, years)
    lang = language_selector(lang)
    state.restore_view(lang)
    t = get_translator(lang)
    st.set_page_config(page_title=t("Kembar — Indonesia–China sister regions"))
    filters = show_filters(t, prepared.choices, years, province_labeller(prepared, lang))
    filters = show_as_of(t, filters, years)
    st.title(t("Kembar — Indonesia–China sister regions"))
    _show_notices(t)
    if prepared.dataset.fatal:
        st.error(plain(t("The dataset could not be loaded: {problem}").format(
            problem=prepared.dataset.problems[0].format(t) if prepared.dataset.problems else "")))
    shown, as_of_note = _shown(prepared, filters, t)
    sentence = describe(filters, len(shown), len(prepared.partnerships), translate=t,
                        number=lambda n: format_number(n, t.lang),
                        ngettext=t.ngettext, join=list_joiner(t),
                        province=province_labeller(prepared, lang))
    st.markdown(bold(sentence))
    if as_of_note:
        st.caption(plain(as_of_note))
    _show_shortfall(t, shortfall)
    if not shown:
        _suggest_relaxation(t, prepared, filters)
    if is_playing() and filters.as_of is not None:
        st.html(PLAYING_YEAR_STYLE + f'<div class="kembar-playing-year" aria-live="polite">'
                f'<span>{filters.as_of}</span></div>')
    _show_map_and_details(t, prepared, services, shown)
    view = ViewState(filters, st.session_state.get("selected"), lang)
    state.write_url(view)
    _show_tabs(t, prepared, services, shown, filters)
    state.keep_view(lang)
    schedule_next_frame()


def _show_notices(t) -> None:
    """What a link asked for that cannot be shown: one message, dismissed with one click."""
    found = state.notices()
    if not found:
        return
    text = plain(found[0]) if len(found) == 1 else "\n".join(f"- {plain(n)}" for n in found)
    message, close = st.columns([0.84, 0.16], vertical_alignment="center")
    message.warning(text, icon=":material/link_off:")
    close.button(t("Dismiss"), key="dismiss_notices", on_click=state.dismiss_notices,
                 icon=":material/close:", help=t("Hide this message"))


def _show_shortfall(t, shortfall: Shortfall) -> None:
    """Say above the map what the file holds that the map cannot show."""
    if shortfall.unused:
        st.warning(plain(t(
            "{n} of the {total} rows of {file} could not be used — see Data problems below the map."
            ).format(n=shortfall.unused, total=shortfall.rows, file=shortfall.file)),
            icon=":material/error:")
    if shortfall.flagged:
        st.info(plain(t.ngettext(
            "{n} row of {file} is shown with a problem flagged — see Data problems below the map.",
            "{n} rows of {file} are shown with a problem flagged — see Data problems below the map.",
            shortfall.flagged).format(n=shortfall.flagged, file=shortfall.file)), icon=":material/flag:")
    if shortfall.milestones_missing:
        st.info(plain(t("There is no milestones.csv beside {file}: the partnerships' histories are "
                        "missing.").format(file=shortfall.file)), icon=":material/history:")


def province_labeller(prepared: Prepared, lang: str) -> Callable[[str, str], str]:
    """A province as the filter lists it: in Chinese, its name in characters from the gazetteer."""
    if lang != "zh":
        return lambda country, name: name

    def label(country: str, name: str) -> str:
        ref = PlaceRef(country, f"Provinsi {name}" if country == "ID" else name, "province", name)
        entry = prepared.gazetteer.find(ref)
        if entry is None or not entry.name_zh:
            return name
        return entry.name_zh if country == "CN" else f"{entry.name_zh} · {name}"
    return label


def _step_years(prepared: Prepared) -> Callable[[Partnership], tuple[int, ...]]:
    """Each partnership's dated steps (milestones and its own date), for years_on=history."""
    return lambda p: tuple(step.year for step in timeline(p, prepared.milestones_by_id.get(p.id, ()))
                           if step.year is not None)


def _apply(prepared: Prepared, partnerships, filters) -> tuple[Partnership, ...]:
    return apply_filters(partnerships, filters, search_index=prepared.search_index,
                         step_years=_step_years(prepared))


def _shown(prepared: Prepared, filters, t) -> tuple[tuple[Partnership, ...], str]:
    """The partnerships to show, restaged to the as-of year when one is chosen."""
    if filters.as_of is None:
        return _apply(prepared, prepared.partnerships, filters), ""
    as_of = network_as_of(prepared.partnerships, prepared.milestones_by_id, filters.as_of)
    shown = _apply(prepared, as_of.partnerships, replace(filters, as_of=None))
    return shown, describe_as_of(as_of, t, number=lambda n: format_number(n, t.lang))


# The year being played, written over the map's top-left corner (beside the zoom buttons).
PLAYING_YEAR_STYLE = """<style>
.kembar-playing-year { position: relative; height: 0; z-index: 1000; pointer-events: none; }
.kembar-playing-year span { position: absolute; top: 1.6rem; left: 3.6rem; padding: 0 .3em;
  font-size: 2.4rem; font-weight: 700; line-height: 1.2; color: #1a1a1a;
  background: rgba(255, 255, 255, .85); border-radius: 4px; }
</style>"""

# TRANSLATORS: each fills {filter} in "Without {filter}, 5 partnerships would be shown."
RELAXATION_LABELS = {"query": N_("the search"), "levels": N_("the level filter"),
                     "stages": N_("the stage filter"), "years": N_("the year range"),
                     "id_provinces": N_("the Indonesian province filter"),
                     "cn_provinces": N_("the Chinese province filter"),
                     "fields": N_("the cooperation field filter")}


def _suggest_relaxation(t, prepared: Prepared, filters) -> None:
    """After an empty result, name the one filter whose removal shows the most."""
    source = (prepared.partnerships if filters.as_of is None else
              network_as_of(prepared.partnerships, prepared.milestones_by_id, filters.as_of).partnerships)
    found = suggest_relaxation(source, replace(filters, as_of=None), search_index=prepared.search_index,
                               step_years=_step_years(prepared))
    if found is None:
        st.info(plain(t("Nothing matches these filters. Reset the filters to see every partnership.")),
                icon=":material/filter_alt_off:")
        return
    name, count = found
    st.info(plain(t.ngettext("Nothing matches these filters. Without {filter}, {n} partnership would be shown.",
                             "Nothing matches these filters. Without {filter}, {n} partnerships would be shown.",
                             count).format(filter=t(RELAXATION_LABELS[name]), n=count)),
            icon=":material/filter_alt_off:")


def _show_map_and_details(t, prepared: Prepared, services: Services, shown) -> None:
    map_column, details_column = st.columns([0.68, 0.32], gap="medium")
    drawable = prepared.drawable_ids
    ids = tuple(p.id for p in shown if p.id in drawable)
    with map_column:
        selected = st.session_state.get("selected")
        layer = services.arcs_layer(ids, t.lang, selected)
        result = show_map(services.base_map(t.lang, services.tiles), layer)
        select_from_click(clicked_feature(result), frozenset(p.id for p in shown),
                          lambda key: [p.id for p in shown if key in (place_key(p.id_place), place_key(p.cn_place))])
        hidden = len(shown) - len(ids)
        if hidden:
            st.caption(plain(t("{n} of the shown partnerships have a place that could not be put on the map; "
                               "see Data problems.").format(n=format_number(hidden, t.lang))))
    with details_column:
        chosen = pick_partnership(t, shown, t.lang)
        if chosen:
            p = prepared.by_id[chosen]
            _show_row_problems(t, prepared, p)
            show_details(t, next((s for s in shown if s.id == chosen), p), prepared.places,
                         services.excerpts().get(chosen, ()), prepared.milestones_by_id.get(chosen, ()),
                         articles={a.source: a for a in prepared.articles})
        else:
            st.caption(plain(t("Click an arc or a place on the map, or choose a partnership above, "
                               "to read its sources, history and news.")))


def _show_row_problems(t, prepared: Prepared, p: Partnership) -> None:
    """A partnership shown although its row has a problem says so, above its details."""
    own = p.problems
    if own:
        st.warning(plain(t("Row {line} of {file} has a problem; the value is treated as unknown:").format(
            line=p.line, file=prepared.data_path.name)) + "\n" + "\n".join(
            f"- {plain(x.column)}: {plain(x.text(t))}" for x in own), icon=":material/flag:")


def _show_tabs(t, prepared: Prepared, services: Services, shown, filters) -> None:
    problems = services.problems(t.lang)
    unresolved = prepared.unresolved
    count = len(split_follow_ons(problems)[0]) + len(unresolved)
    names = [t("Table and downloads"), t("Overview"), t("Articles"),
             t("Data problems ({n})").format(n=format_number(count, t.lang))]
    table, overview, articles, problems_tab = st.tabs(names)
    with table:
        show_table(t, shown, prepared, prepared.dataset.columns, download_stem(filters))
    with overview:
        show_overview(t, shown, prepared)
    with articles:
        show_articles(t, prepared, services.excerpts(), services.candidates())
    with problems_tab:
        show_problems(t, problems, unresolved, prepared.geocoding_warnings)
