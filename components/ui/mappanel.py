"""The map: a base map that is built once, and an arcs layer swapped in on every filter change.

A click is read from the component's state BEFORE the arcs layer is built, so the layer drawn
in this rerun already highlights what the details panel describes (reading st_folium's return
value after drawing made the highlight lag one click behind).
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import folium
import streamlit as st
from streamlit_folium import st_folium

MAP_KEY = "map"
LAST_CLICK = "_kembar_last_click"
# The focused place's key (components.focus.FocusPlace.key) or None. Kept apart from the Place
# box's own state: a widget whose label changes (a language switch) starts afresh.
PLACE_KEY = "_kembar_place"
RETURNED = ["last_active_drawing", "last_object_clicked_count"]
# What the map's component sends once it has drawn, before any click: the rerun it causes is
# the one that adds the sidebar (components.ui.page).
FIRST_REPORT = {"last_object_clicked_count": 0, "last_active_drawing": None}


def show_map(base_map: folium.Map, arcs_layer: folium.FeatureGroup, *, height: int = 620,
             under: Sequence[folium.FeatureGroup] = (), view: Any = None,
             key: str = MAP_KEY) -> Any:
    """Draw the map; only the arcs layer (and the layers `under` it) change between reruns,
    so zoom and position stay.

    `view` (a MapView, from the link) moves the map there without rebuilding it.
    """
    center, zoom = ((view.lat, view.lon), view.zoom) if view is not None else (None, None)
    return st_folium(base_map, key=key, height=height, use_container_width=True,
                     feature_group_to_add=[*under, arcs_layer] if under else arcs_layer,
                     center=center, zoom=zoom, returned_objects=RETURNED)


def pending_click() -> dict[str, Any] | None:
    """The feature clicked since the last rerun, read from the map's state before drawing."""
    return clicked_feature(st.session_state.get(MAP_KEY))


def clicked_feature(result: Any) -> dict[str, Any] | None:
    """The properties of a feature the user has just clicked, once per click (None otherwise).

    streamlit-folium keeps returning the last click on every rerun, even after a filter hid that
    arc; remembering what was already handled turns it into a one-off event. The map's script
    stamps each click (`kembar_click`), so a second click on the same arc is a new event.
    """
    drawing = (result or {}).get("last_active_drawing") if isinstance(result, dict) else None
    properties = (drawing or {}).get("properties") if isinstance(drawing, dict) else None
    if not isinstance(properties, dict):
        return None
    stamp = properties.get("kembar_click") or result.get("last_object_clicked_count")
    fingerprint = repr((stamp, properties.get("id"), properties.get("place")))
    if st.session_state.get(LAST_CLICK) == fingerprint:
        return None
    st.session_state[LAST_CLICK] = fingerprint
    return properties


def apply_click(properties: dict[str, Any] | None, known_ids: frozenset[str],
                focus_of: Callable[[str], str | None]) -> None:
    """A clicked arc selects its partnership; a clicked place focuses that place.

    `focus_of` turns a marker's place key into the key of the place to focus (a
    province-level partner focuses its province), or None when it is unknown.
    """
    if not properties:
        return
    if properties.get("id") in known_ids:
        st.session_state["selected"] = properties["id"]
        return
    if properties.get("place"):
        focus = focus_of(str(properties["place"]))
        if focus is not None:
            st.session_state[PLACE_KEY] = focus
