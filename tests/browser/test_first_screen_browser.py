"""The first screen in a real browser: the map is drawn before the sidebar arrives, and the
sidebar arrives even when the map never can (issue 16)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser import MAP_FRAME
from tests.browser.pages import WAIT, prepared

# Recorded in the page from its very start: how many arcs the map held at the moment the
# sidebar's first widget (the language box) appeared; -1 when the map did not exist yet.
WATCH_SIDEBAR = f"""
window.__kembarArcsWhenSidebar = null;
new MutationObserver(() => {{
  if (window.__kembarArcsWhenSidebar !== null) return;
  if (!document.querySelector('[data-testid="stSidebar"] [data-testid="stSelectbox"]')) return;
  const frame = document.querySelector('{MAP_FRAME}');
  const w = frame && frame.contentWindow;
  let n = -1;
  if (w && w.L && w.map instanceof w.L.Map) {{
    n = 0;
    w.map.eachLayer(l => {{ if (l.feature && l.feature.geometry.type === "LineString") n++; }});
  }}
  window.__kembarArcsWhenSidebar = n;
}}).observe(document, {{subtree: true, childList: true}});
"""
SIDEBAR_BOX = '[data-testid="stSidebar"] [data-testid="stSelectbox"]'


def test_every_arc_is_drawn_before_the_sidebar_arrives(app_server, guarded_page):
    page = guarded_page
    page.goto(app_server.url + "/")  # a first visit warms the server (data, imports)
    page.wait_for_selector(SIDEBAR_BOX, timeout=WAIT)
    page.add_init_script(WATCH_SIDEBAR)
    page.goto(app_server.url + "/?level=city")
    page.wait_for_selector(SIDEBAR_BOX, timeout=WAIT)
    page.wait_for_function("() => window.__kembarArcsWhenSidebar !== null", timeout=WAIT)
    cities = [p for p in prepared().partnerships
              if p.id_level == "city" and p.id in prepared().drawable_ids]
    assert page.evaluate("window.__kembarArcsWhenSidebar") == len(cities) > 0


def test_the_sidebar_arrives_when_the_map_cannot_draw(app_server, guarded_page):
    """Leaflet refused: the map never reports that it has drawn, and the page asks for the
    sidebar itself (components.ui.sidebar.SIDEBAR_FALLBACK)."""
    page = guarded_page
    refused = []
    page.route("**/leaflet.js", lambda route: (refused.append(route.request.url), route.abort()))
    page.goto(app_server.url + "/?q=Serang")
    page.wait_for_selector(SIDEBAR_BOX, timeout=WAIT)
    assert refused, "the map's Leaflet was never asked for"
    expect(page.locator('input[aria-label="Search names"]')).to_have_value("Serang", timeout=WAIT)
    assert page.evaluate("() => typeof document.querySelector('%s').contentWindow.L" % MAP_FRAME) \
        == "undefined"
