"""The view between the URL and the widgets: read once per session, written back on each rerun."""

from __future__ import annotations

import streamlit as st

from components.i18n.translator import negotiate_language
from components.viewstate import Choices, MapView, ViewState, params_from_view, view_from_params

STARTED = "_kembar_started"
NOTICES = "_kembar_notices"
MAP_VIEW = "_kembar_map_view"  # the centre and zoom the link carries (MapView or None)
LINK_VIEW = "_kembar_link_view"  # the one the session's link opened with: the map starts there


def url_params() -> dict[str, list[str]]:
    """The page's query parameters, every value of each."""
    return {name: st.query_params.get_all(name) for name in st.query_params.keys()}


def initial_view(choices: Choices, translate) -> ViewState | None:
    """The view the URL asks for, on a session's first run only (None afterwards)."""
    if st.session_state.get(STARTED):
        return None
    view, notices = view_from_params(url_params(), choices=choices, translate=translate)
    st.session_state[STARTED] = True
    st.session_state[NOTICES] = notices
    st.session_state[MAP_VIEW] = st.session_state[LINK_VIEW] = view.map_view
    return view


def current_language() -> str:
    """The language: the selector once used, else ?lang=, else the browser's, else English."""
    chosen = st.session_state.get("lang")
    if chosen:
        return chosen
    url_lang = st.query_params.get("lang")
    browser = getattr(st.context, "locale", None)
    return negotiate_language(url_lang, browser)


def write_url(view: ViewState) -> None:
    """Keep the address bar in step with the view, so a copied link reproduces it."""
    wanted = params_from_view(view)
    if url_params() != {name: [value] for name, value in wanted.items()}:
        st.query_params.from_dict(wanted)


def notices() -> tuple[str, ...]:
    return st.session_state.get(NOTICES, ())


def add_notice(notice: str | None) -> None:
    """One more notice about the link, shown with the others (None adds nothing)."""
    if notice:
        st.session_state[NOTICES] = (*st.session_state.get(NOTICES, ()), notice)


def map_view() -> MapView | None:
    """The map's centre and zoom for the link: as the map last wrote it into the address
    (components.map.frame.ViewInAddress), else as the session's link gave it."""
    written = st.query_params.get("view")
    if written:
        view, notices = view_from_params({"view": written}, choices=Choices())
        if not notices and view.map_view is not None:
            st.session_state[MAP_VIEW] = view.map_view
    return st.session_state.get(MAP_VIEW)


def link_view() -> MapView | None:
    """The centre and zoom the session's link asked for (where the map first opens)."""
    return st.session_state.get(LINK_VIEW)
