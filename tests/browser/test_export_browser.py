"""The standalone export in headless Chromium: one arc per partnership, offline, text stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.map.arcs import arc_lonlats
from components.map.export import write_html
from components.map.build import arc_bends, drawable
from tests.browser import NetworkGuard
from tests.samples import XSS, sample

SCREENSHOT = Path("/tmp/kembar-export-test.png")

COUNT_LAYERS = """() => {
  const name = Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k));
  const counts = {lines: 0, points: 0, outlines: 0};
  window[name].eachLayer(l => {
    if (!l.feature) return;
    const type = l.feature.geometry.type;
    if (type === "LineString") counts.lines++;
    else if (type === "Point") counts.points++;
    else counts.outlines++;
  });
  return counts;
}"""

ARC = """(id) => {
  const name = Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k));
  let found = null;
  window[name].eachLayer(l => {
    if (l.feature && l.feature.properties.id === id && l.feature.geometry.type === "LineString")
      found = l;
  });
  const group = Object.values(found._eventParents)[0];
  const tip = group.getTooltip()._content(found);
  return {latlngs: found.getLatLngs().map(p => [p.lng, p.lat]),
          feature: found.toGeoJSON(), tipText: tip.textContent, tipHtml: tip.innerHTML};
}"""


@pytest.fixture(scope="module")
def export_file(tmp_path_factory):
    rows, places = sample()
    path = tmp_path_factory.mktemp("export") / "map.html"
    write_html(path, rows, places, tiles=None)
    return path


def open_map(page, path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("() => Object.keys(window).some(k => /^map_[0-9a-f]+$/.test(k))")
    return dialogs


def test_export_draws_one_arc_per_partnership_offline(guarded_page, export_file):
    rows, places = sample()
    dialogs = open_map(guarded_page, export_file)
    counts = guarded_page.evaluate(COUNT_LAYERS)
    assert counts["lines"] == len(drawable(rows, places)) == 5
    assert counts["points"] == 8
    assert counts["outlines"] > 20  # the offline base map is there
    guarded_page.wait_for_timeout(300)
    guarded_page.screenshot(path=str(SCREENSHOT))
    assert dialogs == []  # the hostile text ran nothing
    assert guarded_page.locator("img[src='x']").count() == 0


def test_browser_draws_the_same_curve_as_python(guarded_page, export_file):
    rows, places = sample()
    open_map(guarded_page, export_file)
    bends = arc_bends(rows, places)
    for row in drawable(rows, places)[:3]:
        start, end = places[row.id_place], places[row.cn_place]
        expected = arc_lonlats((round(start.lat, 3), round(start.lon, 3)),
                               (round(end.lat, 3), round(end.lon, 3)), bend=bends[row.id])
        drawn = guarded_page.evaluate(ARC, row.id)["latlngs"]
        assert len(drawn) == len(expected)
        for (lon1, lat1), (lon2, lat2) in zip(drawn, expected):
            assert lon1 == pytest.approx(lon2, abs=2e-3) and lat1 == pytest.approx(lat2, abs=2e-3)


def test_clicked_feature_carries_id_names_and_an_escaped_tooltip(guarded_page, export_file):
    open_map(guarded_page, export_file)
    arc = guarded_page.evaluate(ARC, "serang-evil")
    properties = arc["feature"]["properties"]
    assert properties["id"] == "serang-evil"
    assert properties["id_name"] == "Kota Serang"
    assert properties["cn_name"] == "</script>" + XSS
    assert XSS in arc["tipText"]
    assert "&lt;img" in arc["tipHtml"] and "<img" not in arc["tipHtml"]
    plain = guarded_page.evaluate(ARC, "serang-hangzhou")
    assert "Kota Serang" in plain["tipText"] and "杭州市" in plain["tipText"]
    assert "Letter of intent" in plain["tipText"] and "2025-09-05" in plain["tipText"]


def test_with_tiles_only_tile_requests_leave_and_the_map_still_draws(browser, tmp_path):
    rows, places = sample()
    path = tmp_path / "tiles.html"
    write_html(path, rows, places)
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    guard = NetworkGuard()
    guard.attach(context)
    try:
        page = context.new_page()
        open_map(page, path)
        page.wait_for_timeout(300)
        assert page.evaluate(COUNT_LAYERS)["lines"] == 5
    finally:
        context.close()
    assert guard.blocked, "expected the (blocked) tile requests of the online base map"
    assert all(url.startswith("https://tile.openstreetmap.org/") for url in guard.blocked)
