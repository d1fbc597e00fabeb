"""The page, top to bottom: language, filters, the sentence of what is shown, map, details, tabs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Mapping, Sequence

import folium
import streamlit as st

from components.view.notes import download_stem
from components.filters import Filters, describe
from components.i18n.formats import format_number
from components.i18n.translator import get_translator
from components.focus import partnerships_of_place
from components.map.frame import FrameLabel, ViewInAddress
from components.view.missing import Shortfall, find_shortfall
from components.models import Partnership, PlaceRef, Problem
from components.pipeline import Prepared
from components.view.shown import list_joiner, shown_partnerships, step_years
from components.ui import state
from components.ui.details import pick_partnership, show_details
from components.ui.embed import is_embed, render_embed, style
from components.ui.maplist import show_map_as_list
from components.ui.mappanel import apply_click, pending_click, show_map
from components.ui.portfolio import (current_focus, focus_from_link, pick_place, place_to_follow,
                                     show_portfolio)
from components.ui.notices import show_notices, show_playing_year, show_relaxation, show_shortfall
from components.ui.sidebar import (is_playing, language_selector, schedule_next_frame,
                                   seed_widgets, show_as_of, show_filters, sidebar_to_follow,
                                   year_span)
from components.ui.tabs import (show_articles, show_overview, show_problems, show_table,
                                split_follow_ons)
from components.ui.provinces import SHADE_KEY, provinces_layer, show_map_options
from components.ui.share import SHARE_SELECTOR, fill_picture, fill_share, open_tools
from components.ui.text import bold, plain
from components.viewstate import ViewState


@dataclass(frozen=True)
class Services:
    """The app's cached builders, handed in so this layer stays free of caching policy."""

    base_map: Callable[[str, bool], folium.Map]
    # (shown ids, language, selected id, focused place's key, its shown partnerships' ids)
    arcs_layer: Callable[[tuple[str, ...], str, str | None, str | None, frozenset[str]],
                         folium.FeatureGroup]
    excerpts: Callable[[], Mapping[str, Sequence]]  # every partnership's (the Articles section)
    excerpts_of: Callable[[str], Sequence]  # one partnership's (its details)
    candidates: Callable[[], Sequence]
    problems: Callable[[], Sequence[Problem]]  # the input files' problems (translated where shown)
    tiles: bool = False
    shortfall: Callable[[], Shortfall] | None = None  # the file's rows the page cannot show


def _years(prepared: Prepared) -> tuple[int, int]:
    bounds = prepared.year_span
    low, high = bounds if bounds else (2000, 2025)
    return (low, high) if low < high else (low - 1, high)


def render_page(prepared: Prepared, services: Services) -> bool:
    """Lay out the whole page for one rerun (the map alone when embedded). False when the run
    drew a session's first screen, whose map the browser is still to draw."""
    if is_embed():
        return render_embed(prepared, services)
    style("page")
    lang = state.current_language()
    years = _years(prepared)
    shortfall = (services.shortfall or (lambda: find_shortfall(prepared.dataset, prepared.data_path)))()
    choices = replace(prepared.choices, problem_ids=shortfall.problem_ids)
    first = state.initial_view(choices, get_translator(lang))
    if first is None:
        lang, filters = _show_sidebar(lang, prepared, years)
        _show_main(get_translator(lang), prepared, services, filters, shortfall)
    else:
        # A session's first run is the first screen alone: title, sentence, map and details,
        # drawn from the filters the URL seeds into the widgets. The sidebar and the rest follow
        # in the next run, which the map itself asks for once it has drawn (streamlit-folium
        # reports its first value then), so the browser loads the map before any widget's code.
        seed_widgets(first, years)
        if first.place:
            state.add_notice(focus_from_link(prepared.place_index, first.place,
                                             get_translator(lang)))
        lang = st.session_state.get("lang") or lang
        sidebar_to_follow(get_translator(lang))  # first, so the main area never moves aside
        _show_main(get_translator(lang), prepared, services, _as_seeded(first.filters, years),
                   shortfall, first_screen=True)
    state.keep_view(lang)
    schedule_next_frame()
    return first is None


def _as_seeded(filters: Filters, years: tuple[int, int]) -> Filters:
    """The filters the sidebar will report once seeded with these (years kept within bounds)."""
    low, high = years
    year_from, year_to = year_span(filters, years)
    as_of = None if filters.as_of is None else min(high, max(low, filters.as_of))
    return replace(filters, year_from=None if year_from <= low else year_from,
                   year_to=None if year_to >= high else year_to, as_of=as_of)


def _show_sidebar(lang: str, prepared: Prepared, years: tuple[int, int]) -> tuple[str, Filters]:
    """The language and the filters, as the sidebar's widgets say."""
    lang = language_selector(lang)
    state.restore_view(lang)
    t = get_translator(lang)
    filters = show_filters(t, prepared.choices, years, province_labeller(prepared, lang))
    filters = show_as_of(t, filters, years)
    show_map_options(t)  # read through its state: the first run draws the map before it
    return lang, filters


def _show_main(t, prepared: Prepared, services: Services, filters: Filters, shortfall: Shortfall,
               first_screen: bool = False) -> None:
    """Title, notices, the sentence of what is shown, the map and details, then (after the first
    screen) what the Share and Picture buttons hold and the sections below the map."""
    st.set_page_config(page_title=t("Kembar — Indonesia–China sister regions"))
    st.title(t("Kembar — Indonesia–China sister regions"))
    with st.container():  # one slot, whatever it holds: the map below keeps its place (and zoom)
        show_notices(t)
    if prepared.dataset.fatal:
        st.error(plain(t("The dataset could not be loaded: {problem}").format(
            problem=prepared.dataset.problems[0].format(t) if prepared.dataset.problems else "")))
    shown, as_of_note = _shown(prepared, filters, t)
    sentence = describe(filters, len(shown), len(prepared.partnerships), translate=t,
                        number=lambda n: format_number(n, t.lang),
                        ngettext=t.ngettext, join=list_joiner(t),
                        province=province_labeller(prepared, t.lang))
    st.markdown(bold(sentence))
    with st.container():  # likewise: these come and go, the map's place in the page does not
        if as_of_note:
            st.caption(plain(as_of_note))
        show_shortfall(t, shortfall)
        if not shown:
            show_relaxation(t, prepared, filters, step_years(prepared))
        show_playing_year(filters.as_of if is_playing() else None)
    shade = bool(st.session_state.get(SHADE_KEY))
    share, picture = open_tools(t)
    _show_map_and_details(t, prepared, services, shown, sentence, shade, first_screen)
    focus = current_focus(lambda: prepared.place_index)
    view = ViewState(filters, st.session_state.get("selected"), t.lang,
                     prepared.place_index.link_name(focus) if focus else None, shade=shade,
                     map_view=state.map_view())
    state.write_url(view)
    if first_screen:
        return
    fill_share(t, share, view)
    fill_picture(t, picture, prepared, view)
    _show_tabs(t, prepared, services, shown, filters, shade)


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


def _shown(prepared: Prepared, filters, t) -> tuple[tuple[Partnership, ...], str]:
    """The partnerships to show, restaged to the as-of year when one is chosen."""
    shown = shown_partnerships(prepared, filters, t)
    return shown.partnerships, shown.as_of_note


def _show_map_and_details(t, prepared: Prepared, services: Services, shown, sentence: str,
                          shade: bool, first_screen: bool) -> None:
    map_column, details_column = st.columns([0.68, 0.32], gap="medium")
    def index():  # built when first needed: a first screen with no place in focus needs none
        return prepared.place_index

    # The click is read first, so the layer drawn below shows what the panel will describe.
    apply_click(pending_click(), frozenset(p.id for p in shown),
                lambda key: getattr(index().by_key.get(key) or _only(index().resolve(key)), "key", None))
    focus = current_focus(index)
    ties = partnerships_of_place(focus, shown) if focus else ()
    if focus and st.session_state.get("selected") not in {p.id for p in ties}:
        st.session_state["selected"] = None  # a place's click never leaves another's tie open
    drawable = prepared.drawable_ids
    ids = tuple(p.id for p in shown if p.id in drawable)
    def draw_map() -> None:
        with map_column, st.container(key="map_column"):
            layer = services.arcs_layer(ids, t.lang, st.session_state.get("selected"),
                                        focus.key if focus else None, frozenset(p.id for p in ties))
            under = [provinces_layer(t, shown, prepared)] if shade else []
            base = services.base_map(t.lang, services.tiles)
            ViewInAddress(SHARE_SELECTOR).add_to(base)  # pans reach the link, no rerun per pan
            FrameLabel(t("Map of the partnerships shown; the same in words under “Map as a list”.")).add_to(base)
            show_map(base, layer, under=under, view=state.link_view())
            hidden = len(shown) - len(ids)
            if hidden:
                st.caption(plain(t("{n} of the shown partnerships have a place that could not be put on the map; "
                                   "see Data problems.").format(n=format_number(hidden, t.lang))))
            show_map_as_list(t, sentence, shown, filled=not first_screen)

    def draw_details() -> None:
        with details_column, st.container(key="kembar_details"):
            if first_screen:
                place_to_follow(t, focus, index)
            else:
                pick_place(t, index())
            if focus:
                every = partnerships_of_place(focus, prepared.partnerships)
                show_portfolio(t, index(), focus, ties, len(every) - len(ties), to_follow=first_screen)
            _show_partnership(t, prepared, services, ties if focus else shown, first_screen)

    # A first screen sends the map first, so the browser starts the map's frame soonest;
    # later runs send the details first, so they show before the browser redraws the arcs
    # (at 8,000 arcs that redraw holds the page's main thread for about a second).
    for draw in (draw_map, draw_details) if first_screen else (draw_details, draw_map):
        draw()


def _only(found):
    return found[0] if len(found) == 1 else None


def _show_partnership(t, prepared: Prepared, services: Services, options,
                      first_screen: bool = False) -> None:
    chosen = pick_partnership(t, options, t.lang, to_follow=first_screen)
    if chosen:
        p = prepared.by_id[chosen]
        _show_row_problems(t, prepared, p)
        show_details(t, next((s for s in options if s.id == chosen), p), prepared.places,
                     services.excerpts_of(chosen), prepared.milestones_by_id.get(chosen, ()),
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


SECTIONS = ("table", "overview", "articles", "problems")
SECTION_KEY = "section"
DETAILS_DRAWN = "_kembar_details_drawn"  # the selection the details beside the map show


def _show_tabs(t, prepared: Prepared, services: Services, shown, filters: Filters, shade: bool) -> None:
    """The views below the map, behind a row of buttons: none is built until it is opened, so
    the first screen sends only the map and its details."""
    st.session_state[DETAILS_DRAWN] = st.session_state.get("selected")
    _sections(t, prepared, services, shown, download_stem(filters), shade)


@st.fragment
def _sections(t, prepared: Prepared, services: Services, shown, file_stem: str, shade: bool) -> None:
    """The chosen section alone; opening another reruns this fragment, never the map."""
    problems = services.problems()
    unresolved = prepared.unresolved
    count = format_number(len(split_follow_ons(problems)[0]) + len(unresolved), t.lang)
    names = {"table": t("Table and downloads"), "overview": t("Overview"), "articles": t("Articles"),
             "problems": t("Data problems ({n})").format(n=count)}
    chosen = st.segmented_control(t("Below the map"), SECTIONS, format_func=names.__getitem__,
                                  key=SECTION_KEY, label_visibility="collapsed", width="stretch")
    if chosen == "table":
        show_table(t, shown, prepared, prepared.dataset.columns, file_stem, shade=shade)
    elif chosen == "overview":
        show_overview(t, shown, prepared)
    elif chosen == "articles":
        show_articles(t, prepared, services.excerpts(), services.candidates())
    elif chosen == "problems":
        show_problems(t, problems, unresolved, prepared.geocoding_warnings)
    if st.session_state.get("selected") != st.session_state.get(DETAILS_DRAWN):
        st.rerun()  # a partnership picked among an article's: the details beside the map follow
