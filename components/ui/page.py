"""The page, top to bottom: language, filters, the sentence of what is shown, map, details, tabs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Mapping, Sequence

import folium
import streamlit as st

from babel.lists import format_list

from components.filters import apply_filters, describe, english_list
from components.history import describe_as_of, network_as_of
from components.i18n.translator import get_translator
from components.map.build import place_key
from components.missing import Shortfall, find_shortfall
from components.models import Partnership, Problem
from components.pipeline import Prepared
from components.ui import state
from components.ui.details import pick_partnership, show_details
from components.ui.mappanel import clicked_feature, select_from_click, show_map
from components.ui.sidebar import (language_selector, schedule_next_frame, seed_widgets,
                                   show_as_of, show_filters)
from components.ui.tabs import show_articles, show_overview, show_problems, show_table
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
    filters = show_filters(t, prepared.choices, years)
    filters = show_as_of(t, filters, years)
    st.title(t("Kembar — Indonesia–China sister regions"))
    _show_notices(t)
    if prepared.dataset.fatal:
        st.error(plain(t("The dataset could not be loaded: {problem}").format(
            problem=prepared.dataset.problems[0] if prepared.dataset.problems else "")))
    shown, as_of_note = _shown(prepared, filters, t)
    sentence = describe(filters, len(shown), len(prepared.partnerships), translate=t,
                        ngettext=t.ngettext, join=list_joiner(t))
    st.markdown(bold(sentence))
    if as_of_note:
        st.caption(plain(as_of_note))
    _show_shortfall(t, shortfall)
    _show_map_and_details(t, prepared, services, shown)
    view = ViewState(filters, st.session_state.get("selected"), lang)
    state.write_url(view)
    _show_tabs(t, prepared, services, shown)
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


def _shown(prepared: Prepared, filters, t) -> tuple[tuple[Partnership, ...], str]:
    """The partnerships to show, restaged to the as-of year when one is chosen."""
    if filters.as_of is None:
        return apply_filters(prepared.partnerships, filters, search_index=prepared.search_index), ""
    as_of = network_as_of(prepared.partnerships, prepared.milestones_by_id, filters.as_of)
    shown = apply_filters(as_of.partnerships, replace(filters, as_of=None),
                          search_index=prepared.search_index)
    return shown, describe_as_of(as_of, t)


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
                               "see Data problems.").format(n=hidden)))
    with details_column:
        chosen = pick_partnership(t, shown, t.lang)
        if chosen:
            p = prepared.by_id[chosen]
            show_details(t, next((s for s in shown if s.id == chosen), p), prepared.places,
                         services.excerpts().get(chosen, ()), prepared.milestones_by_id.get(chosen, ()))
        else:
            st.caption(plain(t("Click an arc or a place on the map, or choose a partnership above, "
                               "to read its sources, history and news.")))


def _show_tabs(t, prepared: Prepared, services: Services, shown) -> None:
    problems = services.problems(t.lang)
    unresolved = prepared.unresolved
    count = len(problems) + len(unresolved)
    names = [t("Table and downloads"), t("Overview"), t("Articles"),
             t("Data problems ({n})").format(n=count)]
    table, overview, articles, problems_tab = st.tabs(names)
    with table:
        show_table(t, shown, prepared, prepared.dataset.columns)
    with overview:
        show_overview(t, shown, prepared)
    with articles:
        show_articles(t, prepared, services.excerpts(), services.candidates())
    with problems_tab:
        show_problems(t, problems, unresolved, prepared.geocoding_warnings)
