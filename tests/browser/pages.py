"""The browser tests' page model: what the app should show (from the dataset) and how to drive it.

Shared by the modules in tests/browser/: the Leaflet probes run inside the map's frame, the
expected arcs come from the app's own pure functions, and every wait polls for an exact state.
"""

from __future__ import annotations

import time
from functools import lru_cache
from urllib.parse import parse_qs

from playwright.sync_api import Error as PlaywrightError

from components.filters import Filters, apply_filters
from components.pipeline import Prepared, prepare
from tests.browser import MAP_FRAME

WAIT = 90_000  # ms: generous; the first run builds the map, and CI machines can be loaded

# The Leaflet map streamlit-folium made (it stores it as window.map), or null while loading.
FIND_MAP = """(typeof L !== "undefined" && window.map instanceof L.Map) ? window.map : null"""

# Counts what Leaflet really holds: the arcs (LineString features) on the map object.
COUNT_ARCS = f"""() => {{
  const map = {FIND_MAP};
  if (!map) return -1;
  let n = 0;
  map.eachLayer(l => {{
    if (l.feature && l.feature.geometry && l.feature.geometry.type === "LineString") n++;
  }});
  return n;
}}"""

# The ids of the arcs drawn, sorted (null while the map is loading).
ARC_IDS = f"""() => {{
  const map = {FIND_MAP};
  if (!map) return null;
  const ids = [];
  map.eachLayer(l => {{
    if (l.feature && l.feature.geometry.type === "LineString") ids.push(l.feature.properties.id);
  }});
  return ids.sort();
}}"""

# Zoom and centre of the map, and whether it is still the object tagged by MARK_MAP.
VIEW = f"""() => {{
  const map = {FIND_MAP};
  if (!map) return null;
  const c = map.getCenter();
  return {{zoom: map.getZoom(), step: map.options.zoomDelta, lat: c.lat, lng: c.lng,
          same: map === window.__kembarProbe}};
}}"""
MARK_MAP = f"""() => {{ window.__kembarProbe = {FIND_MAP}; return !!window.__kembarProbe; }}"""


# --- what the app should show, from the dataset ------------------------------------------------

@lru_cache(maxsize=1)
def prepared() -> Prepared:
    """The dataset as the app prepares it (default data/partnerships.csv, offline)."""
    return prepare(online=False)


def drawn_ids(partnerships) -> list[str]:
    """The ids of those partnerships the map can draw (both places resolved), sorted."""
    drawable = prepared().drawable_ids
    return sorted(p.id for p in partnerships if p.id in drawable)


def filtered(filters: Filters):
    data = prepared()
    return apply_filters(data.partnerships, filters, search_index=data.search_index)


# --- driving the page --------------------------------------------------------------------------

def map_frame(page):
    handle = page.wait_for_selector(MAP_FRAME, state="attached", timeout=WAIT)
    return handle.content_frame()


def open_app(page, server, query: str = ""):
    """Load the app (with a query string) and wait until Leaflet holds the map; the map frame."""
    page.goto(f"{server.url}/{query}", wait_until="domcontentloaded")
    # Streamlit may replace the map's iframe while the first runs settle (the first run sends the
    # map before the sidebar): look the frame up afresh until one holds the map.
    deadline = time.monotonic() + WAIT / 1000
    while True:
        frame = map_frame(page)
        try:
            frame.wait_for_function(f"() => !!({FIND_MAP})", timeout=5_000)
            return frame
        except PlaywrightError:
            if time.monotonic() > deadline:
                raise


def wait_for(read, expected, timeout: float = WAIT / 1000, what: str = "value"):
    """Poll `read()` until it equals `expected` (reruns pass through other values first).

    A read that fails because the page is between renders counts as "not yet", and is quoted
    if it is the last thing seen."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        try:
            value = read()
        except PlaywrightError as error:
            value = f"<{error.message.splitlines()[0]}>"
        if value == expected:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what}: waited {timeout:.0f}s for {expected!r}, last saw {value!r}")


def wait_for_arcs(page, expected_ids: list[str]) -> None:
    """Wait until exactly these arcs are drawn (by id, so the count and the set both hold)."""
    wait_for(lambda: map_frame(page).evaluate(ARC_IDS), expected_ids,
             what=f"arcs drawn (expected {len(expected_ids)})")


def summary(page) -> str:
    return page.locator('[data-testid="stMain"] strong').first.inner_text()


def url_params(page) -> dict[str, list[str]]:
    """The address bar's parameters, read in the page (Playwright's page.url can lag behind
    history.replaceState until the next call into the browser)."""
    return parse_qs(page.evaluate("() => window.location.search").lstrip("?"))


def wait_for_param(page, name: str, value: str, timeout: float = WAIT / 1000) -> None:
    wait_for(lambda: url_params(page).get(name), [value], timeout, what=f"URL parameter {name}")


def details_panel(page):
    """The column right of the map (the one holding the Partnership select box)."""
    return page.locator('[data-testid="stColumn"]').filter(
        has=page.get_by_role("combobox", name="Partnership")).first


def shot(page, tmp_path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=False)
