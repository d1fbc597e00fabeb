"""`?embed=1`: the map alone for another site's <iframe>, with the URL's filters and language,
its legend, and a small link that opens the full view in Kembar."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from components.focus import partnerships_of_place
from components.i18n.translator import get_translator
from components.map.frame import FillFrame, FrameLabel
from components.pipeline import Prepared
from components.view.shown import shown_partnerships
from components.ui import state
from components.ui.mappanel import show_map
from components.ui.provinces import provinces_layer
from components.ui.share import view_link
from components.ui.text import plain
from components.viewstate import view_from_params

CSS_DIR = Path(__file__).resolve().parent / "css"
SHOWN = "_kembar_embed_shown"  # the session has drawn its map once


def style(name: str) -> None:
    """Add one of our stylesheets (components/ui/css/NAME.css) to the page."""
    st.html(f"<style>{(CSS_DIR / f'{name}.css').read_text(encoding='utf-8')}</style>")


def _reserved_embed_values() -> list[str]:
    """The values of `embed` in the address. Streamlit reserves that name (its own `embed=true`
    hides its toolbar) and leaves it out of st.query_params, so it is read from the session's
    query parameters underneath; Streamlit is pinned exactly, and a browser test opens ?embed=1."""
    from streamlit.runtime.state.session_state_proxy import get_session_state

    with get_session_state().query_params() as params:
        raw = getattr(params, "_query_params", {}).get("embed", [])
    return [raw] if isinstance(raw, str) else list(raw)


def is_embed() -> bool:
    """Whether the page was opened as an embed: `?embed=1` (or Streamlit's own `embed=true`)."""
    if st.context.is_embedded:
        return True
    return any(value.strip().lower() in ("1", "true", "yes") for value in _reserved_embed_values())


def render_embed(prepared: Prepared, services) -> bool:
    """The map alone: no sidebar, title or tabs; the view comes from the URL only. True from the
    session's second run on (its map has been sent before)."""
    lang = state.current_language()
    t = get_translator(lang)
    view, _ = view_from_params(state.url_params(), choices=prepared.choices, translate=t)
    style("embed")
    shown = shown_partnerships(prepared, view.filters, t).partnerships
    ids = tuple(p.id for p in shown if p.id in prepared.drawable_ids)
    label = plain(t("Open in Kembar"))
    with st.container(key="embed_link"):
        st.markdown(f"[{label} ↗]({view_link(replace(view, lang=lang))})")
    base = services.base_map(t.lang, services.tiles)
    FillFrame().add_to(base)
    FrameLabel(t("Map of the Indonesia–China sister-region partnerships")).add_to(base)
    found = prepared.place_index.resolve(view.place) if view.place else ()
    focus = found[0] if len(found) == 1 else None
    ties = frozenset(p.id for p in partnerships_of_place(focus, shown)) if focus else frozenset()
    under = [provinces_layer(t, shown, prepared)] if view.shade else []
    show_map(base, services.arcs_layer(ids, t.lang, view.selected, focus.key if focus else None,
                                       ties),
             under=under, height=560, view=view.map_view, key="embed_map")
    shown_before = st.session_state.get(SHOWN, False)
    st.session_state[SHOWN] = True
    return shown_before
