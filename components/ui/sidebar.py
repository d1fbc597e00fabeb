"""The sidebar: language, filters and the as-of year, as widgets whose state is the view."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

import streamlit as st

from components.filters import Filters
from components.i18n.translator import LANGUAGES, Translator
from components.models import ID_LEVELS, STAGES
from components.viewstate import ViewState
from components.i18n.vocabulary import LEVEL_LABELS, STAGE_LABELS, field_label, sentence_case

PLAY_DELAY = 1.2  # seconds between years while playing
PLAYING, TICK, ARMED = "playing", "_kembar_tick", "_kembar_tick_armed"
# The sidebar comes in the run the map asks for once drawn; should the map never ask (its code
# failed to load), the page asks itself after this many seconds.
SIDEBAR_FALLBACK = 5.0
FALLBACK_ARMED = "_kembar_sidebar_armed"


def year_span(filters: Filters, years: tuple[int, int]) -> tuple[int, int]:
    """The (from, to) the year widgets can show for these filters: within the data's years,
    in order (a link may ask for years beyond them, or give them the wrong way round)."""
    low, high = years
    start = min(high, max(low, filters.year_from or low))
    end = max(low, min(high, filters.year_to or high))
    return (start, end) if start <= end else (end, start)


def _filter_values(view: ViewState, years: tuple[int, int]) -> dict[str, object]:
    """Each filter widget's value for a view (the defaults for an empty one)."""
    f = view.filters
    start, end = year_span(f, years)
    return {"f_levels": [level for level in ID_LEVELS if level in f.levels],
            "f_stages": [stage for stage in STAGES if stage in f.stages],
            "f_years": (start, end), "f_year_from": start, "f_year_to": end,
            "f_years_on": f.years_on, "f_undated": f.include_undated,
            "f_id_provinces": sorted(f.id_provinces), "f_cn_provinces": sorted(f.cn_provinces),
            "f_fields": sorted(f.fields), "f_q": f.query}


def seed_widgets(view: ViewState, years: tuple[int, int]) -> None:
    """Give each widget the value the URL asked for (first run of a session only)."""
    low, high = years
    state = st.session_state
    state.update(_filter_values(view, years))
    state["f_asof_on"] = view.filters.as_of is not None
    state["f_asof"] = min(high, max(low, view.filters.as_of or high))
    state["shade_provinces"] = view.shade
    if view.lang:
        state["lang"] = view.lang
    if view.selected:
        state["selected"] = view.selected


def reset_filters(years: tuple[int, int]) -> None:
    """The Reset button: every filter back to showing everything (the history view stays)."""
    st.session_state.update(_filter_values(ViewState(), years))


def language_selector(lang: str) -> str:
    """The language picker, first in the sidebar; its value lives in the URL as `lang`."""
    st.session_state.setdefault("lang", lang)
    return st.sidebar.selectbox("Language / Bahasa / 语言", options=list(LANGUAGES),
                                format_func=LANGUAGES.get, key="lang")


def _narrowing(before: tuple[int, int], after: tuple[int, int], years: tuple[int, int]) -> None:
    """Narrowing the years leaves undated partnerships out; widening to all years brings them back."""
    state = st.session_state
    if before == years and after != years:
        state["f_undated"] = False
    elif after == years and before != years:
        state["f_undated"] = True


def _years_from_slider(years: tuple[int, int]) -> None:
    state = st.session_state
    before = (state.get("f_year_from", years[0]), state.get("f_year_to", years[1]))
    state["f_year_from"], state["f_year_to"] = state["f_years"]
    _narrowing(before, tuple(state["f_years"]), years)


def _years_from_inputs(years: tuple[int, int]) -> None:
    state = st.session_state
    before = tuple(state.get("f_years", years))
    start, end = state["f_year_from"], state["f_year_to"]
    start, end = (start, end) if start <= end else (end, start)
    state["f_year_from"], state["f_year_to"] = start, end
    state["f_years"] = (start, end)
    _narrowing(before, (start, end), years)


def _show_years(t: Translator, years: tuple[int, int]) -> tuple[int, int, str, bool]:
    """The year range as a slider and as two exact inputs, what they measure, and undated."""
    side, (low, high) = st.sidebar, years
    side.slider(t("Years"), min_value=low, max_value=high, key="f_years", on_change=_years_from_slider,
                args=(years,), help=t("The year of the current stage's date (when the instrument that "
                                      "set the stage was signed)."))
    left, right = side.columns(2)
    left.number_input(t("From"), min_value=low, max_value=high, step=1, key="f_year_from",
                      on_change=_years_from_inputs, args=(years,))
    right.number_input(t("To"), min_value=low, max_value=high, step=1, key="f_year_to",
                       on_change=_years_from_inputs, args=(years,))
    labels = {"stage": t("the current stage's date"), "history": t("any dated step of the history")}
    years_on = side.radio(t("The years match"), list(labels), key="f_years_on", format_func=labels.get,
                          help=t("Any step finds a 2025 document of an older partnership."))
    undated = side.checkbox(t("Include undated partnerships"), key="f_undated",
                            help=t("Partnerships with no known date. Narrowing the years leaves them "
                                   "out unless this is ticked."))
    start, end = st.session_state["f_years"]
    return start, end, years_on, undated


def show_filters(t: Translator, choices, years: tuple[int, int],
                 province_label: Callable[[str, str], str] = lambda country, name: name) -> Filters:
    """Every filter widget; returns the Filters they describe."""
    side = st.sidebar
    heading, reset = side.columns([0.45, 0.55], vertical_alignment="bottom")
    heading.header(t("Filters"))
    reset.button(t("Reset filters"), key="reset_filters", on_click=reset_filters, args=(years,),
                 icon=":material/restart_alt:", type="tertiary")
    query = side.text_input(t("Search names"), key="f_q",
                            placeholder=t("Serang, 杭州, Guangxi, Jateng…"),
                            help=t("Indonesian, English, pinyin or Chinese names and aliases."))
    levels = side.multiselect(t("Level"), ID_LEVELS, key="f_levels", select_all=False,
                              format_func=lambda v: sentence_case(t(LEVEL_LABELS[v])),
                              placeholder=t("All levels"))
    stages = side.multiselect(t("Stage"), STAGES, key="f_stages", select_all=False,
                              format_func=lambda v: sentence_case(t(STAGE_LABELS[v])),
                              placeholder=t("All stages"))
    start, end, years_on, undated = _show_years(t, years)
    id_provinces = side.multiselect(t("Indonesian province"), sorted(choices.id_provinces),
                                    key="f_id_provinces", placeholder=t("All provinces"), select_all=False,
                                    format_func=lambda v: province_label("ID", v))
    cn_provinces = side.multiselect(t("Chinese province"), sorted(choices.cn_provinces),
                                    key="f_cn_provinces", placeholder=t("All provinces"), select_all=False,
                                    format_func=lambda v: province_label("CN", v))
    fields = side.multiselect(t("Cooperation field"), sorted(choices.fields), key="f_fields",
                              format_func=lambda v: sentence_case(field_label(t, v)),
                              placeholder=t("All fields"), select_all=False)
    low, high = years
    return Filters(levels=frozenset(levels), stages=frozenset(stages),
                   year_from=None if start <= low else start, year_to=None if end >= high else end,
                   include_undated=undated, id_provinces=frozenset(id_provinces),
                   cn_provinces=frozenset(cn_provinces), fields=frozenset(fields), query=query,
                   years_on=years_on)


def show_as_of(t: Translator, filters: Filters, years: tuple[int, int]) -> Filters:
    """The network as it stood at the end of a year, with a play control through the years."""
    side = st.sidebar
    side.header(t("History"))
    on = side.toggle(t("Show the network as of a year"), key="f_asof_on")
    if not on:
        st.session_state[PLAYING] = False
        return filters
    low, high = years
    _advance_play(low, high)
    year = side.slider(t("As of the end of"), min_value=low, max_value=high, key="f_asof")
    playing = st.session_state.get(PLAYING, False)
    side.button(t("Pause") if playing else t("Play through the years"), key="play",
                icon=":material/pause:" if playing else ":material/play_arrow:",
                on_click=_toggle_play, args=(year, low, high))
    return replace(filters, as_of=year)


def _toggle_play(year: int, low: int, high: int) -> None:
    """Play from the shown year (from the first if at the end); Pause stops on the year shown."""
    state = st.session_state
    state[PLAYING] = not state.get(PLAYING, False)
    state[TICK] = False
    if state[PLAYING] and year >= high:
        state["f_asof"] = low


def _advance_play(low: int, high: int) -> None:
    """On a tick while playing, step the as-of slider one year (before the slider is drawn)."""
    state = st.session_state
    if not state.pop(TICK, False) or not state.get(PLAYING):
        return
    if state.get("f_asof", high) >= high:
        state[PLAYING] = False
        return
    state["f_asof"] = state.get("f_asof", low) + 1
    if state["f_asof"] >= high:
        state[PLAYING] = False


def is_playing() -> bool:
    return bool(st.session_state.get(PLAYING))


def _fired(armed_key: str) -> bool:
    """Whether a timed fragment's call is its timer firing: its first call, inside the full run
    that sets it up (with `armed_key` False), only arms it."""
    if st.session_state.get(armed_key):
        return True
    st.session_state[armed_key] = True
    return False


@st.fragment(run_every=PLAY_DELAY)
def _ticker() -> None:
    """While playing, ask for the next year every PLAY_DELAY seconds without blocking the script,
    so a click on Pause is handled at once and no queued step can start the animation again."""
    if _fired(ARMED) and st.session_state.get(PLAYING):
        st.session_state[TICK] = True
        st.rerun(scope="app")


def schedule_next_frame() -> None:
    """Called at the very end of a run: while playing, start the ticker for the next year."""
    if st.session_state.get(PLAYING):
        st.session_state[ARMED] = False
        _ticker()


def sidebar_to_follow(t: Translator) -> None:
    """The sidebar on a session's first run: a line saying the filters are coming, and a timer
    that asks for them should the map never report that it has drawn."""
    st.sidebar.caption(t("Loading the filters…"))
    st.session_state[FALLBACK_ARMED] = False
    with st.sidebar:
        _sidebar_fallback()


@st.fragment(run_every=SIDEBAR_FALLBACK)
def _sidebar_fallback() -> None:
    """Once armed, a full run: it draws the sidebar (a full run after the first always does)."""
    if _fired(FALLBACK_ARMED):
        st.rerun(scope="app")
