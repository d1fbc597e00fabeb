"""The view between the URL and the widgets: read once per session, written back on each rerun."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from components.i18n.translator import negotiate_language
from components.viewstate import Choices, MapView, ViewState, params_from_view, view_from_params

STARTED = "_kembar_started"
NOTICES = "_kembar_notices"
MAP_VIEW = "_kembar_map_view"  # the centre and zoom the link carries (MapView or None)
LINK_VIEW = "_kembar_link_view"  # the one the session's link opened with: the map starts there
KEPT = "_kembar_kept"  # the view's widget values at the end of the last run, and its language
VIEW_PREFIX = "f_"  # every filter and history widget's key starts with it
VIEW_KEYS = ("selected", "section")  # other view state kept across a language switch (the focus keeps its own)


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


def dismiss_notices() -> None:
    """Forget the link's notices for the rest of the session (the Dismiss button)."""
    st.session_state[NOTICES] = ()


def _view_keys() -> list[str]:
    return [key for key in st.session_state
            if isinstance(key, str) and (key.startswith(VIEW_PREFIX) or key in VIEW_KEYS)]


def keep_view(lang: str) -> None:
    """Remember the view's widget values, as values (not labels), at the end of a run.

    Streamlit's browser side keeps a multiselect's or select box's choice as its *shown label*
    and matches it back against the labels of the next run: when the language changes, "Kota"
    no longer matches "City" and the choice silently disappears. Keeping the values here lets
    `restore_view` put them back before any widget is drawn in the new language.
    """
    st.session_state[KEPT] = (lang, {key: st.session_state[key] for key in _view_keys()})


def restore_view(lang: str) -> None:
    """After a language switch, give every view widget the value it had (before they are drawn)."""
    kept = st.session_state.get(KEPT)
    if not kept or kept[0] == lang:
        return
    for key, value in kept[1].items():
        try:
            st.session_state[key] = value
        except StreamlitAPIException:  # a button or file uploader: it has no value to give back
            continue


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
