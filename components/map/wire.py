"""The arcs layer as the page receives it: rows of values instead of GeoJSON features.

At thousands of partnerships the GeoJSON keys ("type", "properties", "coordinates"...) repeated
in every feature, escaped once more inside streamlit-folium's arguments, make up most of the
bytes sent. `pack_layer` writes each place and each arc as one short array; `UNPACK_JS`
turns them back into the same GeoJSON FeatureCollection in the browser, so styles, tooltips
and clicks see exactly the features `map.build.layer_geojson` describes.
"""

from __future__ import annotations

from typing import Any, Mapping

from components.models import CN_LEVELS, ID_LEVELS, STAGES

PLACE_LEVELS = tuple(dict.fromkeys(ID_LEVELS + CN_LEVELS))
DISPUTED, SELECTED = 1, 2  # bits of an arc's flags


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
        flags = (DISPUTED if p.get("disputed") else 0) | (SELECTED if p.get("selected") else 0)
        arcs.append([p["id"], _code(ID_LEVELS, p["level"]), _code(STAGES, p["stage"]), p["date"],
                     p["bend"], p["a"], p["b"], flags])
    return {"places": places, "arcs": arcs}


# Reads pack_layer's rows back into GeoJSON features with the properties layer_geojson gives
# (plus each place's key, "country|level|province|name", as map.build.place_key builds it).
UNPACK_JS = """
function kembarUnpack(codes, packed) {
  var points = packed.places.map(function (r) {
    var level = codes.placeLevels[r[3]];
    return {type: "Feature", geometry: {type: "Point", coordinates: [r[0], r[1]]},
            properties: {place: [r[2], level, r[4], r[5]].join("|"), country: r[2],
                         level: level, province: r[4], name: r[5], name_zh: r[6], count: r[7],
                         radius: Math.round(Math.min(16, 3 + 2.2 * Math.sqrt(r[7])) * 10) / 10}};
  });
  var arcs = packed.arcs.map(function (r) {
    var p = {id: r[0], level: codes.levels[r[1]], stage: codes.stages[r[2]], date: r[3],
             bend: r[4], a: r[5], b: r[6]};
    if (r[7] & 1) { p.disputed = true; }
    if (r[7] & 2) { p.selected = true; }
    return {type: "Feature", properties: p, geometry: {type: "LineString",
            coordinates: [points[r[5]].geometry.coordinates, points[r[6]].geometry.coordinates]}};
  });
  return {type: "FeatureCollection", features: arcs.concat(points)};
}
"""
