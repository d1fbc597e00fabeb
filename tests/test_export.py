"""Exports: the GeoJSON's content, the standalone page's self-containment, the command's exits."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from components.__main__ import main
from components.map.export import export_geojson, standalone_html
from tests.samples import XSS, sample

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "partnerships.csv"
GOOD_ROWS = 3  # first data rows of the real file, all with known places


def test_geojson_has_lines_with_every_attribute_and_points():
    rows, places = sample()
    collection = export_geojson(rows, places)
    lines = [f for f in collection["features"] if f["geometry"]["type"] == "LineString"]
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    assert len(lines) == 5 and len(points) == 8
    first = lines[0]["properties"]
    assert first["id"] == "serang-hangzhou" and first["notes"] == XSS
    assert first["cn_name_zh"] == "杭州市" and first["date"] == "2025-09-05"


def test_standalone_page_inlines_everything():
    rows, places = sample()
    page = standalone_html(rows, places, tiles=None)
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert "kembarOutlines" in page and '"Indonesia"' in page
    assert "<img src=x" not in page  # hostile text is inside JSON, escaped


def test_standalone_page_keeps_tiles_as_an_online_bonus():
    rows, places = sample()
    assert "tile.openstreetmap.org" in standalone_html(rows, places)


def small_csv(tmp_path, extra_lines=()):
    lines = DATA.read_text(encoding="utf-8").splitlines()[: 1 + GOOD_ROWS]
    path = tmp_path / "partnerships.csv"
    path.write_text("\n".join([*lines, *extra_lines]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def no_online(monkeypatch):
    monkeypatch.delenv("KEMBAR_ONLINE", raising=False)


def test_command_writes_both_files(tmp_path, no_online, capsys):
    html, geojson = tmp_path / "map.html", tmp_path / "map.geojson"
    status = main(["export", str(small_csv(tmp_path)), "--html", str(html),
                   "--geojson", str(geojson), "--no-tiles"])
    assert status == 0, capsys.readouterr().err
    lines = [f for f in json.loads(geojson.read_text(encoding="utf-8"))["features"]
             if f["geometry"]["type"] == "LineString"]
    assert len(lines) == GOOD_ROWS
    assert "kembarArcsLayer" in html.read_text(encoding="utf-8")
    assert "openstreetmap" not in html.read_text(encoding="utf-8")


@pytest.mark.parametrize("extra, expected", [
    # a row with a problem: still writes the good ones, exit 1
    (("bad-row,Kota Nowhere,city,Banten,,,city,Zhejiang,maybe,2025,,,,",), 1),
    # a valid row whose Chinese place no gazetteer knows: unresolved, exit 1
    (("serang-atlantis,Kota Serang,city,Banten,Atlantisshi,,city,Zhejiang,loi,2025,"
      "https://example.org/x,,,",), 1),
])
def test_command_reports_problems_with_exit_1_but_writes(tmp_path, no_online, extra, expected):
    out = tmp_path / "map.geojson"
    assert main(["export", str(small_csv(tmp_path, extra)), "--geojson", str(out)]) == expected
    lines = [f for f in json.loads(out.read_text(encoding="utf-8"))["features"]
             if f["geometry"]["type"] == "LineString"]
    assert len(lines) == GOOD_ROWS


@pytest.mark.parametrize("arguments", [
    ["export", "{tmp}/missing.csv", "--html", "{tmp}/x.html"],
    ["export", "{csv}"],  # nothing to write
    ["export", "{csv}", "--geojson", "{tmp}/no/such/dir/x.geojson"],
])
def test_command_exit_2_when_unusable(tmp_path, no_online, arguments):
    csv = small_csv(tmp_path)
    argv = [a.format(tmp=tmp_path, csv=csv) for a in arguments]
    assert main(argv) == 2


def test_default_csv_is_the_projects_data(tmp_path, no_online):
    if not DATA.exists():
        pytest.fail("data/partnerships.csv is missing")
    out = tmp_path / "all.geojson"
    status = main(["export", "--geojson", str(out)])
    assert status in (0, 1)
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
