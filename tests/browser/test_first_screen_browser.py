"""The first screen in a real browser: the map is drawn before the sidebar arrives, and the
sidebar arrives even when the map never can (issue 16)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from components.bench.harness import NetworkGuard

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


# Where each element of the details column sits: the first screen draws the Place and
# Partnership boxes' look (components/ui/standin.py), and the real boxes then take their place.
DETAILS_LAYOUT = """() => [...document.querySelectorAll(
    '.st-key-kembar_details [data-testid="stElementContainer"]')]
  .map(e => e.getBoundingClientRect()).filter(r => r.height > 0).slice(0, 4)
  .map(r => [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)])"""
STAND_IN = ".st-key-kembar_details .kembar-to-follow"
DETAILS_BOX = '.st-key-kembar_details [data-testid="stSelectbox"]'


def test_the_details_do_not_move_when_their_boxes_arrive(app_server, guarded_page):
    """The first screen's stand-ins have the boxes' size and show their values; when the run the
    map asks for brings the real boxes, nothing in the details column moves."""
    page = guarded_page
    page.goto(app_server.url + "/")  # warms the server
    page.wait_for_selector(SIDEBAR_BOX, timeout=WAIT)
    page.goto(app_server.url + "/?selected=serang-hangzhou", wait_until="commit")
    page.wait_for_function(f"() => document.querySelectorAll('{STAND_IN}').length === 2",
                           polling=10, timeout=WAIT)
    before = page.evaluate(DETAILS_LAYOUT)
    values = page.locator(STAND_IN).all_inner_texts()
    page.wait_for_selector(DETAILS_BOX, timeout=WAIT)
    page.wait_for_timeout(300)  # let the column settle
    assert page.locator(f"{STAND_IN}:visible").count() == 0  # kept, hidden (standin.with_look)
    assert page.evaluate(DETAILS_LAYOUT) == before
    assert [v.split("\n") for v in values] == [["Place", "All places"],
                                               ["Partnership", "Kota Serang — Hangzhou (杭州市)"]]
    expect(page.locator(f"{DETAILS_BOX} input").nth(1)).to_have_value("Kota Serang — Hangzhou (杭州市)")


# On a phone the details sit under the map. The top of the details column, recorded at each
# change from the moment the page's own style applies (its phone rule makes the title 20 px).
WATCH_DETAILS_TOP = """
window.__kembarDetailsTops = [];
new MutationObserver(() => {
  const title = document.querySelector('h1'), details = document.querySelector('.st-key-kembar_details');
  if (!title || !details || getComputedStyle(title).fontSize !== '20px') return;
  const top = Math.round(details.getBoundingClientRect().top + window.scrollY);
  const tops = window.__kembarDetailsTops;
  if (tops[tops.length - 1] !== top) tops.push(top);
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


def test_on_a_phone_the_details_stay_put_while_the_map_loads(browser, app_server):
    """The map's place is as tall as its frame will be from the start (68 % of the screen), so
    the details under it do not jump when the frame comes or when the sidebar's run arrives."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    guard = NetworkGuard()
    guard.attach(context)
    try:
        page = context.new_page()
        page.goto(app_server.url + "/")  # warms the server
        page.wait_for_selector(SIDEBAR_BOX, state="attached", timeout=WAIT)
        page.add_init_script(WATCH_DETAILS_TOP)
        page.goto(app_server.url + "/", wait_until="commit")
        page.wait_for_selector(SIDEBAR_BOX, state="attached", timeout=WAIT)
        page.wait_for_timeout(500)  # the real boxes and the rest of the column settle
        tops = page.evaluate("window.__kembarDetailsTops")
        frame_height = page.locator(MAP_FRAME).bounding_box()["height"]
        assert frame_height == pytest.approx(0.68 * 844, abs=1)
        assert len(tops) == 1, f"the details moved: tops {tops}"
    finally:
        context.close()
    assert guard.blocked == [], f"requests left the machine: {guard.blocked[:5]}"


# On a wide screen "Map as a list" sits under the map. Its top, recorded at each change from the
# moment the page's own style applies (the Place box's look is then 68 px tall, as the box).
WATCH_LIST_TOP = """
window.__kembarListTops = [];
new MutationObserver(() => {
  const look = document.querySelector('.st-key-kembar_details .kembar-to-follow');
  const tops = window.__kembarListTops;
  if (!tops.length && !(look && Math.round(look.getBoundingClientRect().height) === 68)) return;
  const list = document.querySelector('.st-key-map_column [data-testid="stExpander"]');
  const top = list ? Math.round(list.getBoundingClientRect().top + window.scrollY) : null;
  if (tops[tops.length - 1] !== top) tops.push(top);
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


def test_what_is_under_the_map_stays_put_while_the_map_loads(app_server, guarded_page):
    """The map's place is 620 px tall from the first screen on: while the component's code
    loads, and in the frame's first moments, before the map inside gives the frame its height
    (the list under the map used to jump up 14 px and then down 600)."""
    page = guarded_page
    page.goto(app_server.url + "/")  # warms the server
    page.wait_for_selector(SIDEBAR_BOX, timeout=WAIT)
    page.add_init_script(WATCH_LIST_TOP)
    page.goto(app_server.url + "/", wait_until="commit")
    page.wait_for_selector(SIDEBAR_BOX, timeout=WAIT)
    page.wait_for_timeout(500)  # the rest of the page settles
    tops = page.evaluate("window.__kembarListTops")
    frame = page.locator(MAP_FRAME).bounding_box()
    assert frame["height"] == 620
    assert len(tops) == 1, f"the list under the map moved: tops {tops}"
    assert tops[0] >= frame["y"] + 620


# Every layout the details column takes (each visible element's top and height), recorded from
# the moment the page's style applies (the Place box's look is then 68 px tall, as the box).
WATCH_DETAILS_LAYOUT = """
window.__kembarDetailsLayouts = [];
new MutationObserver(() => {
  const look = document.querySelector('.st-key-kembar_details .kembar-to-follow');
  const styled = window.__kembarDetailsLayouts.length > 0
    || (look && Math.round(look.getBoundingClientRect().height) === 68);
  const details = document.querySelector('.st-key-kembar_details');
  if (!styled || !details) return;
  const layout = [...details.querySelectorAll('[data-testid="stElementContainer"]')]
    .map(e => e.getBoundingClientRect()).filter(r => r.height > 0)
    .map(r => `${Math.round(r.top)}:${Math.round(r.height)}`).join(" ");
  const seen = window.__kembarDetailsLayouts;
  if (seen[seen.length - 1] !== layout) seen.push(layout);
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


@pytest.mark.parametrize("query", ["?selected=serang-hangzhou", "?place=Bali"])
def test_the_details_never_flicker_while_their_widgets_arrive(app_server, guarded_page, query):
    """From the first screen's looks to the real boxes and buttons of the next run, the details
    column keeps one layout: no grey loading bar takes a look's place meanwhile."""
    page = guarded_page
    page.goto(app_server.url + "/")  # warms the server; the widgets' code is loaded afresh below
    page.wait_for_selector(SIDEBAR_BOX, timeout=WAIT)
    page.add_init_script(WATCH_DETAILS_LAYOUT)
    page.goto(app_server.url + "/" + query, wait_until="commit")
    page.wait_for_selector(SIDEBAR_BOX, timeout=WAIT)
    page.wait_for_selector(DETAILS_BOX, timeout=WAIT)
    page.wait_for_timeout(500)  # the widgets' code comes and the column settles
    layouts = page.evaluate("window.__kembarDetailsLayouts")
    assert layouts, "the details column was never seen styled"
    assert len(layouts) == 1, "the details column moved:\n" + "\n".join(layouts)
    if "place" in query:
        expect(page.locator(".st-key-kembar_portfolio").get_by_role("button").first).to_be_visible()
