"""The running app in a real headless browser: the map draws, filters redraw it, clicks select.

Starts `streamlit run app.py` on 127.0.0.1 (free port); every non-loopback request is aborted
and asserted to be zero by the `guarded_page` fixture.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROWS = list(csv.DictReader((ROOT / "data" / "partnerships.csv").open(encoding="utf-8")))
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

# Counts what Leaflet really holds: the arcs (LineString features) on the map object.
COUNT_ARCS = """() => {
  if (typeof L === "undefined") return -1;
  const maps = Object.keys(window).filter(k => k.startsWith("map_") && window[k] instanceof L.Map);
  if (!maps.length) return -1;
  let n = 0;
  window[maps[0]].eachLayer(l => {
    if (l.feature && l.feature.geometry && l.feature.geometry.type === "LineString") n++;
  });
  return n;
}"""

# The page position of the middle of one arc, or null while the map is still settling.
ARC_POINT = """(id) => {
  const key = Object.keys(window).find(k => k.startsWith("map_") && window[k] instanceof L.Map);
  const map = window[key];
  let found = null;
  map.eachLayer(l => { if (l.feature && l.feature.properties && l.feature.properties.id === id) found = l; });
  if (!found) return null;
  const latlngs = found.getLatLngs();
  const middle = latlngs[Math.floor(latlngs.length / 2)];
  const point = map.latLngToContainerPoint(middle);
  const box = map.getContainer().getBoundingClientRect();
  return {x: box.left + point.x, y: box.top + point.y};
}"""


def map_frame(page):
    handle = page.wait_for_selector(MAP_FRAME, state="attached", timeout=60_000)
    return handle.content_frame()


def wait_for_arcs(page, expected: int, timeout: float = 60_000) -> None:
    """Wait for exactly `expected` arcs (several reruns may pass through other counts first)."""
    page.wait_for_function(
        """([selector, expected, count]) => {
             const frame = document.querySelector(selector);
             if (!frame || !frame.contentWindow) return false;
             try { return (new Function("return (" + count + ")()")).call(frame.contentWindow) === expected; }
             catch (e) { return false; }
           }""", arg=[MAP_FRAME, expected, COUNT_ARCS], timeout=timeout)


def arcs_now(page) -> int:
    return map_frame(page).evaluate(COUNT_ARCS)


@pytest.mark.timeout(180)
def test_every_partnership_is_drawn_and_the_level_link_filters(app_server, guarded_page, tmp_path):
    page = guarded_page
    page.goto(app_server.url + "/", wait_until="domcontentloaded")
    frame = map_frame(page)
    frame.wait_for_function("() => typeof L !== 'undefined'", timeout=60_000)
    frame.wait_for_function(f"() => ({COUNT_ARCS})() === {len(ROWS)}", timeout=60_000)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box and box["height"] > 300, "the map iframe collapsed (Leaflet failed to load?)"
    page.screenshot(path=str(tmp_path / "app.png"))

    page.goto(app_server.url + "/?level=city", wait_until="domcontentloaded")
    frame = map_frame(page)
    cities = sum(r["id_level"] == "city" for r in ROWS)
    frame.wait_for_function(f"() => ({COUNT_ARCS})() === {cities}", timeout=60_000)
