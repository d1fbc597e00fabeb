"""The sidebar: language, filters and the as-of year, as widgets whose state is the view."""

from __future__ import annotations

import time
from dataclasses import replace

import streamlit as st

from components.filters import Filters
from components.i18n.translator import LANGUAGES, Translator
from components.models import ID_LEVELS, STAGES
from components.viewstate import ViewState
from components.i18n.vocabulary import LEVEL_LABELS, STAGE_LABELS, field_label, sentence_case

PLAY_DELAY = 1.2  # seconds between years while playing


def seed_widgets(view: ViewState, years: tuple[int, int]) -> None:
    """Give each widget the value the URL asked for (first run of a session only)."""
    f = view.filters
    low, high = years
    state = st.session_state
    state["f_levels"] = [level for level in ID_LEVELS if level in f.levels]
    state["f_stages"] = [stage for stage in STAGES if stage in f.stages]
    state["f_years"] = (max(low, f.year_from or low), min(high, f.year_to or high))
    state["f_undated"] = f.include_undated
    state["f_id_provinces"] = sorted(f.id_provinces)
    state["f_cn_provinces"] = sorted(f.cn_provinces)
    state["f_fields"] = sorted(f.fields)
    state["f_q"] = f.query
    state["f_asof_on"] = f.as_of is not None
    state["f_asof"] = min(high, max(low, f.as_of or high))
    state["shade_provinces"] = view.shade
    if view.lang:
        state["lang"] = view.lang
    if view.selected:
        state["selected"] = view.selected


def language_selector(lang: str) -> str:
    """The language picker, first in the sidebar; its value lives in the URL as `lang`."""
    st.session_state.setdefault("lang", lang)
    return st.sidebar.selectbox("Language / Bahasa / 语言", options=list(LANGUAGES),
                                format_func=LANGUAGES.get, key="lang")


def show_filters(t: Translator, choices, years: tuple[int, int]) -> Filters:
    """Every filter widget; returns the Filters they describe."""
    side = st.sidebar
    side.header(t("Filters"))
    query = side.text_input(t("Search names"), key="f_q",
                            placeholder=t("Serang, 杭州, Guangxi, Jateng…"),
                            help=t("Indonesian, English, pinyin or Chinese names and aliases."))
    levels = side.multiselect(t("Level"), ID_LEVELS, key="f_levels",
                              format_func=lambda v: sentence_case(t(LEVEL_LABELS[v])),
                              placeholder=t("All levels"))
    stages = side.multiselect(t("Stage"), STAGES, key="f_stages",
                              format_func=lambda v: sentence_case(t(STAGE_LABELS[v])),
                              placeholder=t("All stages"))
    low, high = years
    year_from, year_to = side.slider(t("Years"), min_value=low, max_value=high, key="f_years")
    undated = side.checkbox(t("Include undated partnerships"), key="f_undated")
    id_provinces = side.multiselect(t("Indonesian province"), sorted(choices.id_provinces),
                                    key="f_id_provinces", placeholder=t("All provinces"))
    cn_provinces = side.multiselect(t("Chinese province"), sorted(choices.cn_provinces),
                                    key="f_cn_provinces", placeholder=t("All provinces"))
    fields = side.multiselect(t("Cooperation field"), sorted(choices.fields), key="f_fields",
                              format_func=lambda v: sentence_case(field_label(t, v)),
                              placeholder=t("All fields"))
    return Filters(levels=frozenset(levels), stages=frozenset(stages),
                   year_from=None if year_from <= low else year_from,
                   year_to=None if year_to >= high else year_to,
                   include_undated=undated, id_provinces=frozenset(id_provinces),
                   cn_provinces=frozenset(cn_provinces), fields=frozenset(fields), query=query)


def show_as_of(t: Translator, filters: Filters, years: tuple[int, int]) -> Filters:
    """The network as it stood at the end of a year, with a play control through the years."""
    side = st.sidebar
    side.header(t("History"))
    on = side.toggle(t("Show the network as of a year"), key="f_asof_on")
    if not on:
        st.session_state["playing"] = False
        return filters
    low, high = years
    _advance_play(low, high)
    year = side.slider(t("As of the end of"), min_value=low, max_value=high, key="f_asof")
    playing = st.session_state.get("playing", False)
    label = t("Pause") if playing else t("Play through the years")
    if side.button(label, key="play", icon=":material/pause:" if playing else ":material/play_arrow:"):
        st.session_state["playing"] = not playing
        if not playing and year >= high:
            st.session_state["restart_play"] = True
        st.rerun()
    return replace(filters, as_of=year)


def _advance_play(low: int, high: int) -> None:
    """While playing, step the as-of slider one year per run (before the slider is drawn)."""
    state = st.session_state
    if state.pop("restart_play", False):
        state["f_asof"] = low
        return
    if not state.get("playing"):
        return
    if state.get("f_asof", high) >= high:
        state["playing"] = False
        return
    state["f_asof"] = state.get("f_asof", low) + 1


def schedule_next_frame() -> None:
    """Called at the very end of a run: while playing, wait a moment and go on to the next year."""
    if st.session_state.get("playing"):
        time.sleep(PLAY_DELAY)
        st.rerun()
