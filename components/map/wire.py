"""The arcs layer as the page receives it: rows of values instead of GeoJSON features.

At thousands of partnerships the GeoJSON keys ("type", "properties", "coordinates"...) repeated
in every feature, escaped once more inside streamlit-folium's arguments, make up most of the
bytes sent. `pack_layer` writes each place and each arc as one short array; `unpack.js`
(read by components.map.elements) turns them back into the same GeoJSON FeatureCollection in
the browser, so styles, tooltips and clicks see exactly the features `layer_geojson` describes.
"""

from __future__ import annotations

from typing import Any, Mapping

from components.models import CN_LEVELS, ID_LEVELS, STAGES

PLACE_LEVELS = tuple(dict.fromkeys(ID_LEVELS + CN_LEVELS))
DISPUTED, SELECTED, FOCUSED = 1, 2, 4  # bits of an arc's flags


def wire_codes() -> dict[str, Any]:
    """The code tables the browser needs to read packed rows back."""
    return {"levels": list(ID_LEVELS), "stages": list(STAGES), "placeLevels": list(PLACE_LEVELS)}


def _code(table: tuple[str, ...], value: str) -> int:
    return table.index(value) if value in table else -1


def pack_layer(collection: Mapping[str, Any]) -> dict[str, list[list[Any]]]:
    """Pack map.build.layer_geojson's FeatureCollection: places first, then arcs, as rows.

    place: [lon, lat, country, level code, province, name, name_zh, count]
    arc:   [id, level code, stage code, date, bend, place index a, place index b, flags]
    """
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    places = [[*f["geometry"]["coordinates"], p["country"], _code(PLACE_LEVELS, p["level"]),
               p["province"], p["name"], p["name_zh"], p["count"]]
              for f in points for p in (f["properties"],)]
    arcs = []
    for feature in collection["features"]:
        if feature["geometry"]["type"] != "LineString":
            continue
        p = feature["properties"]
        flags = ((DISPUTED if p.get("disputed") else 0) | (SELECTED if p.get("selected") else 0)
                 | (FOCUSED if p.get("focused") else 0))
        arcs.append([p["id"], _code(ID_LEVELS, p["level"]), _code(STAGES, p["stage"]), p["date"],
                     p["bend"], p["a"], p["b"], flags])
    return {"places": places, "arcs": arcs}
