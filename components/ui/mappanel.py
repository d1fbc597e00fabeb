"""The map: a base map that is built once, and an arcs layer swapped in on every filter change."""

from __future__ import annotations

from typing import Any, Callable

import folium
import streamlit as st
from streamlit_folium import st_folium

MAP_KEY = "map"
LAST_CLICK = "_kembar_last_click"
RETURNED = ["last_active_drawing", "last_object_clicked_count"]


def show_map(base_map: folium.Map, arcs_layer: folium.FeatureGroup, *, height: int = 620,
             view: Any = None, key: str = MAP_KEY) -> Any:
    """Draw the map; only the arcs layer changes between reruns, so zoom and position stay.

    `view` (a MapView, from the link) moves the map there without rebuilding it.
    """
    center, zoom = ((view.lat, view.lon), view.zoom) if view is not None else (None, None)
    return st_folium(base_map, key=key, height=height, use_container_width=True,
                     feature_group_to_add=arcs_layer, center=center, zoom=zoom,
                     returned_objects=RETURNED)


def clicked_feature(result: Any) -> dict[str, Any] | None:
    """The properties of a feature the user has just clicked, once per click (None otherwise).

    streamlit-folium keeps returning the last click on every rerun, even after a filter hid that
    arc; remembering what was already handled turns it into a one-off event.
    """
    drawing = (result or {}).get("last_active_drawing") if isinstance(result, dict) else None
    properties = (drawing or {}).get("properties") if isinstance(drawing, dict) else None
    if not isinstance(properties, dict):
        return None
    # The click counter tells a second click on the same arc from a rerun that repeats the first.
    fingerprint = repr((result.get("last_object_clicked_count"),
                        sorted((k, str(v)) for k, v in properties.items())))
    if st.session_state.get(LAST_CLICK) == fingerprint:
        return None
    st.session_state[LAST_CLICK] = fingerprint
    return properties


def select_from_click(properties: dict[str, Any] | None, known_ids: frozenset[str],
                      partnerships_at: Callable[[str], list[str]]) -> None:
    """A clicked arc selects its partnership; a clicked place selects its first partnership."""
    if not properties:
        return
    chosen = properties.get("id")
    if chosen not in known_ids and properties.get("place"):
        at_place = partnerships_at(str(properties["place"]))
        chosen = at_place[0] if at_place else None
        st.session_state["place_clicked"] = str(properties["place"])
    if chosen in known_ids:
        st.session_state["selected"] = chosen
