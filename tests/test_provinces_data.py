"""data/provinces.geojson matches the gazetteer and data/PROVINCES.md (no browser, no network)."""

import csv
import json

import pytest

from components import ROOT

GEOJSON = ROOT / "data" / "provinces.geojson"
GAZETTEER = ROOT / "data" / "gazetteer.csv"

# Documented in data/PROVINCES.md: newer provinces counted in an older shape, and no shape at all.
COVERED_BY = {
    "Kalimantan Utara": "Kalimantan Timur",
    "Papua Selatan": "Papua",
    "Papua Tengah": "Papua",
    "Papua Pegunungan": "Papua",
    "Papua Barat Daya": "Papua Barat",
}
NO_SHAPE = {"Hong Kong", "Macau", "Taiwan"}
BOXES = {"ID": (94.0, -12.0, 142.0, 7.0), "CN": (73.0, 17.0, 136.0, 54.0)}


@pytest.fixture(scope="module")
def collection():
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def provinces():
    with GAZETTEER.open(encoding="utf-8", newline="") as fh:
        return {
            (r["country"], r["province"]): r
            for r in csv.DictReader(fh)
            if r["level"] == "province" and r["country"] in ("ID", "CN")
        }


def _rings(feature):
    geom = feature["geometry"]
    assert geom["type"] in ("Polygon", "MultiPolygon")
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return [ring for poly in polys for ring in poly]


def test_loads_as_feature_collection(collection):
    assert collection["type"] == "FeatureCollection"
    assert collection["features"]
    for f in collection["features"]:
        assert f["type"] == "Feature"
        assert set(f["properties"]) >= {"name", "country", "name_zh", "name_en", "covers", "split_year"}
        for ring in _rings(f):
            assert len(ring) >= 4 and ring[0] == ring[-1]


def test_every_shape_is_one_gazetteer_province(collection, provinces):
    keys = [(f["properties"]["country"], f["properties"]["name"]) for f in collection["features"]]
    assert len(keys) == len(set(keys)), "a province has two features"
    for f in collection["features"]:
        p = f["properties"]
        row = provinces.get((p["country"], p["name"]))
        assert row is not None, f"{p['name']} is not a gazetteer province"
        assert p["name"] == row["province"]
        assert (p["name_zh"], p["name_en"]) == (row["name_zh"], row["name_en"])


def test_missing_provinces_are_exactly_the_documented_ones(collection, provinces):
    drawn = {(f["properties"]["country"], f["properties"]["name"]) for f in collection["features"]}
    missing = {name for (country, name) in provinces if (country, name) not in drawn}
    assert missing == set(COVERED_BY) | NO_SHAPE
    assert all(("ID", n) in provinces for n in COVERED_BY)
    assert all(("CN", n) in provinces for n in NO_SHAPE)
    assert collection["properties"]["covered_by"] == COVERED_BY
    assert set(collection["properties"]["no_shape"]) == NO_SHAPE


def test_covers_every_drawn_or_covered_province_once(collection, provinces):
    covered = {}
    for f in collection["features"]:
        p = f["properties"]
        assert p["covers"][0] == p["name"]
        for name in p["covers"]:
            assert (p["country"], name) not in covered, f"{name} is covered twice"
            covered[(p["country"], name)] = p["name"]
        assert (p["split_year"] is None) == (len(p["covers"]) == 1)
    assert set(covered) == set(provinces) - {("CN", n) for n in NO_SHAPE}
    for new, old in COVERED_BY.items():
        assert covered[("ID", new)] == old


def test_old_names_are_mapped(collection):
    names = {f["properties"]["name"] for f in collection["features"]}
    for old in ("Jakarta Raya", "Yogyakarta", "Irian Jaya Barat", "Bangka-Belitung", "Inner Mongol",
                "Xizang", "Paracel Islands", None):
        assert old not in names
    assert {"DKI Jakarta", "Daerah Istimewa Yogyakarta", "Papua Barat", "Kepulauan Bangka Belitung",
            "Inner Mongolia", "Tibet"} <= names


def test_coordinates_inside_the_region(collection):
    for f in collection["features"]:
        west, south, east, north = BOXES[f["properties"]["country"]]
        for ring in _rings(f):
            for x, y in ring:
                assert west <= x <= east and south <= y <= north, (f["properties"]["name"], x, y)
                assert round(x, 3) == x and round(y, 3) == y


def test_file_size_bound():
    assert 100_000 < GEOJSON.stat().st_size <= 420_000
