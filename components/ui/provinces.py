"""The map's province shading: its sidebar option, its layer, and a click on a province."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import folium
import streamlit as st

from components.i18n.translator import Translator
from components.map.build import ASSET_BASE
from components.map.provinces import (STATIC_NAME, build_provinces_layer, shading_config,
                                      shapes_version)
from components.models import Partnership
from components.provinces import count_by_province

SHADE_KEY = "shade_provinces"  # the checkbox's state; `shade=provinces` in the URL
FOCUS_KEY = "place"  # the focused place (issue 17 §1); a clicked province is put here
PENDING_FOCUS = "_kembar_pending_province"


def show_map_options(t: Translator) -> bool:
    """The sidebar's map section: whether to shade the provinces by their ties."""
    st.sidebar.header(t("Map"))
    return st.sidebar.checkbox(t("Shade provinces by their ties"), key=SHADE_KEY,
                               help=t("Colour each province by the number of shown partnerships "
                                      "with a partner in it, its cities and regencies included."))


@st.cache_data(show_spinner=False, max_entries=1)
def _version() -> str:
    return shapes_version()


def province_names_zh(prepared) -> dict[tuple[str, str], str]:
    """(country, province) -> its name in characters, from the gazetteer's province rows."""
    return {(e.country, e.province): e.name_zh for e in prepared.gazetteer.entries
            if e.level == "province" and e.name_zh}


def provinces_layer(t: Translator, shown: Sequence[Partnership], prepared) -> folium.FeatureGroup:
    """The shaded provinces for what is shown, on a scale fixed by the whole dataset."""
    everything = count_by_province(prepared.partnerships)
    config = shading_config(count_by_province(shown), top=max(everything.values(), default=1),
                            lang=t.lang, names_zh=province_names_zh(prepared), translate=t,
                            ngettext=t.ngettext,
                            url=f"{ASSET_BASE}/{STATIC_NAME}?v={_version()}")
    return build_provinces_layer(config, translate=t)


def is_province(properties: Mapping[str, Any] | None) -> bool:
    """Whether a clicked map feature is a province shape (it lists the provinces it covers)."""
    return bool(properties) and isinstance(properties.get("covers"), list)


def focus_clicked_province(properties: Mapping[str, Any] | None) -> bool:
    """Hook for the focus on a place: a clicked province becomes the focus on the next run.

    The province's name is the dataset's (`Jawa Tengah`, `Zhejiang`), which the place search
    understands; it is kept under PENDING_FOCUS and handed to FOCUS_KEY by
    `apply_pending_focus` before any widget is drawn.
    """
    if not is_province(properties):
        return False
    st.session_state[PENDING_FOCUS] = str(properties["name"])
    st.rerun()
    return True


def apply_pending_focus() -> str | None:
    """Call before the widgets: the province clicked on the previous run, now the focus."""
    name = st.session_state.pop(PENDING_FOCUS, None)
    if name:
        st.session_state[FOCUS_KEY] = name
    return name
