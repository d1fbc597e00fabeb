"""The map builder, checked as objects and GeoJSON (never as HTML snapshots)."""

from __future__ import annotations

import json
import re

import folium
import pytest

from components.map.arcs import DIGITS
from components.map.elements import ArcsGeoJson, IconImagePath, Legend, OutlinesLayer, TileLayer
from components.map.build import (arc_bends, arcs_geojson, build_arcs_layer, build_base_map,
                                build_full_map, drawable, layer_geojson, place_key)
from tests.samples import (BINZHOU, COORDS, EVIL, GUANGDONG, GUANGXI, HANGZHOU, JABAR, SERANG,
                           TANGERANG, XSS, sample)

def rounded(place_ref):
    lat, lon = COORDS[place_ref]
    return [round(lon, DIGITS), round(lat, DIGITS)]


def split(collection):
    lines = [f for f in collection["features"] if f["geometry"]["type"] == "LineString"]
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    return lines, points


def test_only_partnerships_with_both_places_resolved_are_drawable():
    rows, places = sample()
    assert [p.id for p in drawable(rows, places)] == [p.id for p in rows[:5]]


def test_arcs_geojson_has_one_line_per_drawable_partnership_ending_at_its_places():
    rows, places = sample()
    lines, points = split(arcs_geojson(rows, places))
    assert [f["properties"]["id"] for f in lines] == [p.id for p in rows[:5]]
    for feature, row in zip(lines, rows):
        coordinates = feature["geometry"]["coordinates"]
        assert coordinates[0] == rounded(row.id_place)
        assert coordinates[-1] == rounded(row.cn_place)
        assert len(coordinates) >= 8  # a curve, not a straight segment
    assert {f["properties"]["place"] for f in points} == \
        {place_key(r) for r in (SERANG, HANGZHOU, JABAR, GUANGXI, GUANGDONG, TANGERANG,
                                BINZHOU, EVIL)}
    assert all(f["geometry"]["coordinates"] == rounded_by_key(f) for f in points)


def rounded_by_key(feature):
    return next(rounded(r) for r in COORDS if place_key(r) == feature["properties"]["place"])


@pytest.mark.parametrize("pid, key, value", [
    ("serang-hangzhou", "cn_name_zh", "杭州市"),
    ("serang-hangzhou", "id_name", "Kota Serang"),
    ("serang-hangzhou", "stage", "loi"),
    ("serang-hangzhou", "date", "2025-09-05"),
    ("serang-hangzhou", "level", "city"),
    ("jawa-barat-guangdong", "disputed", True),
    ("jawa-barat-guangxi", "disputed", False),
    ("serang-evil", "cn_name", "</script>" + XSS),  # data stays data: escaping is the page's job
])
def test_arc_properties(pid, key, value):
    rows, places = sample()
    lines, _ = split(arcs_geojson(rows, places))
    assert next(f for f in lines if f["properties"]["id"] == pid)["properties"][key] == value


def test_attributes_option_carries_every_column():
    rows, places = sample()
    lines, _ = split(arcs_geojson(rows, places, attributes=True))
    first = lines[0]["properties"]
    assert first["notes"] == XSS and first["cn_province"] == "Zhejiang"
    assert {"sources", "fields", "confidence", "id_province", "cn_level"} <= set(first)


@pytest.mark.parametrize("place, count", [(SERANG, 2), (JABAR, 2), (HANGZHOU, 1)])
def test_markers_count_partnerships_and_grow_with_them(place, count):
    rows, places = sample()
    _, points = split(arcs_geojson(rows, places))
    by_key = {f["properties"]["place"]: f["properties"] for f in points}
    assert by_key[place_key(place)]["count"] == count
    assert by_key[place_key(SERANG)]["radius"] > by_key[place_key(HANGZHOU)]["radius"]


def test_layer_payload_sends_endpoints_bends_and_place_indices():
    rows, places = sample()
    lines, points = split(layer_geojson(rows, places, selected="jawa-barat-guangxi"))
    assert len(lines) == 5 and len(points) == 8
    for feature, row in zip(lines, rows):
        properties, coordinates = feature["properties"], feature["geometry"]["coordinates"]
        assert coordinates == [rounded(row.id_place), rounded(row.cn_place)]
        assert points[properties["a"]]["properties"]["place"] == place_key(row.id_place)
        assert points[properties["b"]]["properties"]["place"] == place_key(row.cn_place)
        assert properties.get("selected", False) == (row.id == "jawa-barat-guangxi")
    jabar_bends = [f["properties"]["bend"] for f in lines if f["properties"]["a"] ==
                   lines[1]["properties"]["a"]]
    assert len(set(jabar_bends)) == len(jabar_bends) == 2


def test_bends_computed_over_everything_survive_filtering():
    rows, places = sample()
    bends = arc_bends(rows, places)
    lines, _ = split(layer_geojson(rows[2:3], places, bends=bends))
    assert lines[0]["properties"]["bend"] == round(bends["jawa-barat-guangdong"], 4)


def test_the_dataset_wide_bends_keep_an_arcs_shape_in_the_layer():
    rows, places = sample()
    from_bends = build_arcs_layer(rows[2:3], places, bends=arc_bends(rows, places))
    alone = build_arcs_layer(rows[2:3], places)
    data = [next(iter(g._children.values())).data["features"][0]["properties"]["bend"]
            for g in (from_bends, alone)]
    assert data[0] == round(arc_bends(rows, places)["jawa-barat-guangdong"], 4) != data[1]


def test_arcs_layer_is_one_feature_group_with_one_geojson():
    rows, places = sample()
    group = build_arcs_layer(rows, places)
    assert isinstance(group, folium.FeatureGroup)
    children = list(group._children.values())
    assert len(children) == 1 and isinstance(children[0], folium.GeoJson)
    lines, points = split(children[0].data)
    assert len(lines) == 5 and len(points) == 8


def _script(element):
    return element._template.module.script(element)


def test_hostile_text_never_reaches_the_page_as_markup():
    rows, places = sample()
    layer = next(iter(build_arcs_layer(rows, places)._children.values()))
    script = _script(layer)
    assert "<img" not in script and "</script" not in script and "<b>" not in script
    payload = re.search(r"kembarArcsLayer\((\{.*?\}), (\{.*\}), (\{.*?\})\);", script, re.S)
    data = json.loads(payload.group(2))
    assert any(place[5] == "</script>" + XSS for place in data["places"])  # pack_layer's name


def test_legend_and_labels_go_through_translate_and_are_escaped():
    def shout(text):
        return "<i>" + text.upper() + "</i>"

    legend = Legend(shout)
    legend.add_to(folium.Map(tiles=None))
    script = _script(legend)
    assert "<i>" not in script
    config = json.loads(re.search(r"kembarLegend\([^,]+, (\{.*?\})\);\n", script, re.S).group(1))
    assert config["stages"]["loi"] == "<i>LETTER OF INTENT (LOI)</i>"
    assert config["text"]["level"].startswith("<i>LEVEL")


def test_base_map_loads_only_local_leaflet_and_leaves_folium_globals_alone():
    before = (list(folium.Map.default_js), list(folium.Map.default_css))
    m = build_base_map(asset_base="/app/static/kembar")
    assert m.default_js == [("leaflet", "/app/static/kembar/leaflet/leaflet.js")]
    assert m.default_css == [("leaflet_css", "/app/static/kembar/leaflet/leaflet.css")]
    assert (folium.Map.default_js, folium.Map.default_css) == before
    html = m.get_root().render()
    links = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    assert links and all(link.startswith("/app/static/kembar/") for link in links)


def test_base_map_layers_in_order_outlines_then_tiles_then_legend():
    kinds = [type(c) for c in build_base_map()._children.values()]
    assert kinds.index(OutlinesLayer) < kinds.index(TileLayer) < kinds.index(Legend)
    assert IconImagePath in kinds
    outlines = next(c for c in build_base_map()._children.values() if isinstance(c, OutlinesLayer))
    names = {f["properties"]["name"] for f in outlines.data["features"]}
    assert {"Indonesia", "China", "Malaysia", "Vietnam"} <= names


def test_image_path_is_set_inside_the_map_script():
    m = build_base_map(asset_base="/x")
    script = _script(next(c for c in m._children.values() if isinstance(c, IconImagePath)))
    assert 'L.Icon.Default.imagePath = "/x/leaflet/images/"' in script


def test_no_tiles_means_no_tile_layer():
    assert not any(isinstance(c, folium.TileLayer)
                   for c in build_base_map(tiles=None)._children.values())


def test_full_map_holds_base_and_arcs_and_fits_them():
    rows, places = sample()
    m = build_full_map(rows, places, tiles=None)
    groups = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    assert len(groups) == 1
    assert isinstance(next(iter(groups[0]._children.values())), ArcsGeoJson)
    assert "fitBounds" in m.get_root().render()


def tree_script(element):
    """The map's JavaScript gathered from the element tree, as streamlit-folium gathers it."""
    parts = [element._template.module.script(element)] if hasattr(
        element._template.module, "script") else []
    return "\n".join(parts + [tree_script(c) for c in element._children.values()])


def test_rendering_a_renamed_map_again_adds_no_second_add_to():
    """streamlit-folium renames variables on its first call; a re-render must not add a layer
    twice (that changed the script's hash and rebuilt the map iframe on the first rerun)."""
    m = build_base_map()
    m.render()
    first = tree_script(m)
    for child in m._children.values():
        child._id = "div_" + child._id[:4]  # what streamlit-folium does to every element
    m.render()
    second = tree_script(m)
    assert second.count(".addTo(") == first.count(".addTo(") >= 3


def test_the_first_view_fits_the_region_at_once():
    """The base map fits the region from its own script without Leaflet's zoom animation (an
    animation ending after the arcs are added made Leaflet project every arc twice)."""
    from components.map.build import REGION
    from components.map.elements import MapControls

    m = build_base_map(tiles=None)
    assert not any(isinstance(c, folium.map.FitBounds) for c in m._children.values())
    controls = next(c for c in m._children.values() if isinstance(c, MapControls))
    config = json.loads(controls.config_json)
    assert config["fit"] is True and config["region"] == [list(REGION[0]), list(REGION[1])]
    assert "map.fitBounds(cfg.region, {animate: false})" in controls.controls_js
