"""The map's province shading: its sidebar option, its layer, and a click on a province."""

from __future__ import annotations

from typing import Any, Sequence

import folium
import streamlit as st

from components.i18n.translator import Translator
from components.map.build import ASSET_BASE
from components.map.provinces import STATIC_NAME, build_provinces_layer, shapes_version
from components.models import Partnership
from components.view.shading import view_shading

SHADE_KEY = "shade_provinces"  # the checkbox's state; `shade=provinces` in the URL


def show_map_options(t: Translator) -> bool:
    """The sidebar's map section: whether to shade the provinces by their ties."""
    st.sidebar.header(t("Map"))
    return st.sidebar.checkbox(t("Shade provinces by their ties"), key=SHADE_KEY,
                               help=t("Colour each province by the number of shown partnerships "
                                      "with a partner in it, its cities and regencies included."))


@st.cache_data(show_spinner=False, max_entries=1)
def _version() -> str:
    return shapes_version()


def province_shading(t: Translator, shown: Sequence[Partnership], prepared) -> dict[str, Any]:
    """What the shading layer needs for what is shown, on a scale fixed by the whole dataset."""
    return view_shading(t, shown, prepared, url=f"{ASSET_BASE}/{STATIC_NAME}?v={_version()}")


def provinces_layer(t: Translator, shown: Sequence[Partnership], prepared) -> folium.FeatureGroup:
    """The shaded provinces for what is shown, as a layer to draw under the arcs."""
    return build_provinces_layer(province_shading(t, shown, prepared), translate=t)
