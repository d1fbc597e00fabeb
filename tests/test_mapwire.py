"""The packed arcs layer: rows of values that the browser turns back into the same GeoJSON."""

from __future__ import annotations

import json

from components.map.build import layer_geojson, marker_radius
from components.map.elements import SCRIPTS
from components.map.wire import pack_layer, wire_codes
from tests.samples import sample

UNPACK_JS = SCRIPTS["unpack.js"]


def test_packing_keeps_every_arc_and_place_in_order():
    rows, places = sample()
    collection = layer_geojson(rows, places, selected="jawa-barat-guangxi")
    packed = pack_layer(collection)
    lines = [f for f in collection["features"] if f["geometry"]["type"] == "LineString"]
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    assert [arc[0] for arc in packed["arcs"]] == [f["properties"]["id"] for f in lines]
    assert [place[5] for place in packed["places"]] == [f["properties"]["name"] for f in points]
    flags = {arc[0]: arc[7] for arc in packed["arcs"]}
    assert flags["jawa-barat-guangxi"] & 2 and not any(v & 2 for k, v in flags.items()
                                                      if k != "jawa-barat-guangxi")


def test_packed_is_smaller_than_the_geojson_it_stands_for():
    rows, places = sample()
    collection = layer_geojson(rows, places)
    assert len(json.dumps(pack_layer(collection))) < len(json.dumps(collection)) / 2


def test_the_browser_unpacks_exactly_the_layer_geojson(guarded_page):
    rows, places = sample()
    collection = layer_geojson(rows, places, selected="jawa-barat-guangxi")
    guarded_page.set_content(f"<script>{UNPACK_JS}</script>")
    unpacked = guarded_page.evaluate("([codes, packed]) => kembarUnpack(codes, packed)",
                                     [wire_codes(), pack_layer(collection)])
    expected = json.loads(json.dumps(collection))  # tuples to lists, as the browser sees them
    for feature in expected["features"]:
        if feature["geometry"]["type"] == "Point":
            feature["properties"]["radius"] = marker_radius(feature["properties"]["count"])
    assert unpacked == expected
