"""The view between the URL and the widgets: read once per session, written back on each rerun."""

from __future__ import annotations

import streamlit as st

from components.i18n.translator import negotiate_language
from components.viewstate import Choices, ViewState, params_from_view, view_from_params

STARTED = "_kembar_started"
NOTICES = "_kembar_notices"


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
