"""The province shading layer: scale classes, per-shape counts (pre-split shapes sum what they
cover), labels in the reader's language, the folium layer and the GeoJSON export features."""

from __future__ import annotations

import json
import re

import pytest

from components.map.provinces import (SHADE_COLOURS, build_provinces_layer, class_breaks,
                                      class_labels, load_province_shapes, shade_class,
                                      shaded_features, shading_config, shape_counts)

COUNTS = {("ID", "Jawa Tengah"): 8, ("ID", "Kalimantan Timur"): 2, ("ID", "Kalimantan Utara"): 1,
          ("ID", "Papua Selatan"): 1, ("ID", "Papua Pegunungan"): 2, ("CN", "Zhejiang"): 17,
          ("CN", "Hong Kong"): 4}
NAMES_ZH = {("ID", "Kalimantan Timur"): "东加里曼丹", ("ID", "Kalimantan Utara"): "北加里曼丹",
            ("CN", "Zhejiang"): "浙江"}


@pytest.mark.parametrize(("top", "breaks"), [
    (1, (1, 2, 4, 8, 16)), (18, (1, 2, 4, 8, 16)), (31, (1, 2, 4, 8, 16)),
    (32, (1, 3, 9, 27, 81)), (5000, (1, 6, 36, 216, 1296)),
])
def test_class_breaks_grow_with_the_busiest_province(top, breaks):
    assert class_breaks(top) == breaks
    assert shade_class(top, breaks) >= 0


@pytest.mark.parametrize(("count", "expected"), [(0, -1), (1, 0), (2, 1), (3, 1), (7, 2), (8, 3),
                                                 (15, 3), (16, 4), (400, 4)])
def test_shade_class(count, expected):
    assert shade_class(count, (1, 2, 4, 8, 16)) == expected


def test_class_labels():
    assert class_labels((1, 2, 4, 8, 16)) == ["1", "2–3", "4–7", "8–15", "16+"]
    assert class_labels((1, 3, 9, 27, 81)) == ["1–2", "3–8", "9–26", "27–80", "81+"]


def test_a_pre_split_shape_sums_the_provinces_it_covers():
    per_shape = shape_counts(COUNTS)
    assert per_shape["ID", "Kalimantan Timur"] == {"Kalimantan Timur": 2, "Kalimantan Utara": 1}
    assert sum(per_shape["ID", "Papua"].values()) == 3
    assert per_shape["ID", "Jawa Tengah"] == {"Jawa Tengah": 8}
    assert per_shape["ID", "Aceh"] == {"Aceh": 0}
    assert ("CN", "Hong Kong") not in per_shape  # no shape: listed, never drawn
    assert len(per_shape) == len(load_province_shapes()["features"])


def test_shading_config_per_shape_count_class_and_label():
    config = shading_config(COUNTS, top=18, url="/app/static/kembar/provinces.geojson")
    shapes = config["shapes"]
    assert shapes["ID|Jawa Tengah"] == {"n": 8, "c": 3, "label": "Jawa Tengah",
                                        "place": "ID|province|Jawa Tengah|Provinsi Jawa Tengah"}
    assert shapes["ID|Aceh"] == {"n": 0, "c": -1, "label": "Aceh",
                                 "place": "ID|province|Aceh|Provinsi Aceh"}
    assert shapes["CN|Zhejiang"]["place"] == "CN|province|Zhejiang|Zhejiang"
    kaltim = shapes["ID|Kalimantan Timur"]
    assert (kaltim["n"], kaltim["c"]) == (3, 1)
    assert kaltim["label"] == "Kalimantan Timur + Kalimantan Utara (boundary before 2012)"
    assert kaltim["parts"] == [["Kalimantan Timur", 2], ["Kalimantan Utara", 1]]
    assert shapes["CN|Zhejiang"]["c"] == 4
    assert config["colours"] == list(SHADE_COLOURS)
    assert config["classes"] == ["1", "2–3", "4–7", "8–15", "16+"]
    assert config["coveredBy"]["Kalimantan Utara"] == "Kalimantan Timur"
    assert (config["text"]["one"], config["text"]["other"]) == ("{n} partnership", "{n} partnerships")


def test_labels_in_chinese_use_the_characters():
    config = shading_config(COUNTS, top=18, lang="zh", names_zh=NAMES_ZH,
                            translate=lambda s: s.replace("boundary before", "边界早于"))
    assert config["shapes"]["CN|Zhejiang"]["label"] == "浙江"
    assert config["shapes"]["ID|Kalimantan Timur"]["label"] == "东加里曼丹 + 北加里曼丹 (边界早于 2012)"
    assert config["shapes"]["ID|Jawa Tengah"]["label"] == "Jawa Tengah"  # no characters known


def test_the_layer_carries_the_counts_and_not_the_shapes():
    config = shading_config(COUNTS, top=18, url="/app/static/kembar/provinces.geojson?v=1")
    group = build_provinces_layer(config)
    layer = next(iter(group._children.values()))
    sent = json.loads(layer.config_json.replace("\\u003c", "<").replace("\\u003e", ">")
                      .replace("\\u0026", "&").replace("\\u0027", "'"))
    assert sent == config
    assert "coordinates" not in layer.config_json  # the shapes come from the static file
    assert re.search(r"function kembarProvincesLayer\(cfg\)", layer.layer_js)


def test_export_features_carry_name_and_partnerships():
    features = shaded_features(COUNTS)
    by_name = {(f["properties"]["country"], f["properties"]["name"]): f["properties"] for f in features}
    assert by_name["ID", "Jawa Tengah"]["partnerships"] == 8
    assert by_name["ID", "Kalimantan Timur"]["partnerships"] == 3
    assert by_name["ID", "Kalimantan Timur"]["counts"] == {"Kalimantan Timur": 2, "Kalimantan Utara": 1}
    assert by_name["CN", "Tibet"]["partnerships"] == 0
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in features)
