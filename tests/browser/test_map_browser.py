"""Selection and focus in a real browser: mouse clicks on drawn arcs and markers, what the panel
says, and what the map's own layer highlights or fades.

Points to click are read from the rendered layer (`layer._parts`, in Leaflet's layer pixels),
converted with `map.layerPointToContainerPoint` and moved by the map frame's offset in the page;
each click is a real `page.mouse.click`. Expected values come from the dataset through the
app's own pure functions. No request leaves the machine (the `guarded_page` fixture).
"""

from __future__ import annotations

import re

import pytest

from components.focus import partnerships_of_place, place_key
from components.map.elements import FADED_PLACE, FOCUSED_PLACE, PLACE_STYLE
from components.ui.details import pair_title
from tests.browser import MAP_FRAME
from tests.browser.pages import WAIT, details_panel, map_frame, prepared, shot, url_params, wait_for

pytestmark = pytest.mark.timeout(300)

# The drawn arcs and markers in container pixels, and a point's distance to an arc: the start of
# both probes below.
GEOMETRY = """  const map = window.map, layer = window.kembarLayer, size = map.getSize();
  const arcs = [], dots = [];
  layer.eachLayer(l => (l.feature.geometry.type === "LineString" ? arcs : dots).push(l));
  function toSegment(p, a, b) {
    const dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
    const t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
    return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
  }
  function toArc(p, l) {
    let d = Infinity;
    (l._parts || []).forEach(part => {
      for (let k = 1; k < part.length; k++) d = Math.min(d, toSegment(p, part[k - 1], part[k]));
    });
    return d;
  }
"""

# Where a click lands on exactly one thing: for each arc (or marker) not excluded, the drawn
# point farthest from every other arc and marker, in container pixels; the best of all.
CLEAR_POINT = "([kind, excluded]) => {\n" + GEOMETRY + """  function clearance(p, self) {  // markers are drawn over the arcs: for them only markers count
    let d = Infinity;
    if (kind === "arc") arcs.forEach(l => { if (l !== self) d = Math.min(d, toArc(p, l)); });
    dots.forEach(l => { if (l !== self) d = Math.min(d, p.distanceTo(l._point) - l._radius); });
    return d;
  }
  function inside(p) {
    const c = map.layerPointToContainerPoint(p);
    return c.x > 60 && c.y > 60 && c.x < size.x - 60 && c.y < size.y - 60 ? c : null;
  }
  let best = null;
  const consider = (l, key, p) => {
    const c = inside(p);
    if (!c || excluded.includes(key)) return;
    const d = clearance(p, l);
    if (!best || d > best.clearance) best = {key: key, x: c.x, y: c.y, clearance: d};
  };
  if (kind === "arc") {
    arcs.forEach(l => (l._parts || []).forEach(part => part.forEach(
      p => consider(l, l.feature.properties.id, p))));
  } else {
    dots.forEach(l => consider(l, l.feature.properties.place, l._point));
  }
  return best;
}"""

# A point in the tangle: on one arc, with another arc 3 to 7 px away and no marker near.
TANGLE_POINT = "() => {\n" + GEOMETRY + """  for (const l of arcs) {
    for (const part of l._parts || []) {
      for (const p of part) {
        const c = map.layerPointToContainerPoint(p);
        if (c.x < 60 || c.y < 60 || c.x > size.x - 60 || c.y > size.y - 60) continue;
        if (dots.some(m => p.distanceTo(m._point) < m._radius + 12)) continue;
        const near = arcs.filter(o => o !== l).map(o => ({id: o.feature.properties.id, d: toArc(p, o)}));
        const reach = near.filter(o => o.d < 8);
        if (reach.length === 1 && reach[0].d >= 3) {
          return {nearest: l.feature.properties.id, other: reach[0].id, x: c.x, y: c.y};
        }
      }
    }
  }
  return null;
}"""

# The arcs the map's current layer draws highlighted (dark, full strength), by id.
HIGHLIGHTED = """() => {
  const ids = [];
  window.kembarLayer.eachLayer(l => {
    if (l.feature.geometry.type === "LineString" && l.options.color === "#111111"
        && l.options.opacity === 1) ids.push(l.feature.properties.id);
  });
  return ids.sort();
}"""

# Each arc's opacity in the current layer, by id.
OPACITIES = """() => {
  const out = {};
  window.kembarLayer.eachLayer(l => {
    if (l.feature.geometry.type === "LineString") out[l.feature.properties.id] = l.options.opacity;
  });
  return out;
}"""


class Frame:
    """The map frame, looked up afresh for each call: the first reruns may replace the iframe."""

    def __init__(self, page):
        self.page = page

    def evaluate(self, script: str, arg=None):
        return map_frame(self.page).evaluate(script, arg)

    def wait_for_function(self, script: str, timeout: float = WAIT) -> None:
        wait_for(lambda: bool(self.evaluate(script)), True, timeout / 1000, what=script)

    def get_by_role(self, *args, **kwargs):
        return map_frame(self.page).get_by_role(*args, **kwargs)


def ready(page) -> Frame:
    """The map frame once its arcs layer is drawn and its position has settled."""
    frame = Frame(page)
    frame.wait_for_function("() => !!(window.map && window.kembarLayer)")
    box = lambda: page.locator(MAP_FRAME).bounding_box()  # noqa: E731
    wait_for(lambda: (box(), box())[0] == box(), True, what="the map frame to stop moving")
    return frame


def open_map(page, server, query: str = "") -> Frame:
    """Load the app with a query string; the map frame once its layer is drawn and settled."""
    page.goto(f"{server.url}/{query}", wait_until="domcontentloaded")
    return ready(page)


def click_at(page, point: dict) -> None:
    """A real mouse click at a point given in the map frame's own pixels."""
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def mark_layer(frame) -> None:
    frame.evaluate("() => { window.__before = window.kembarLayer; }")


def wait_for_new_layer(frame) -> None:
    """Until the app's rerun has replaced the layer (what it drew, not the browser's preview)."""
    frame.wait_for_function("() => !!window.kembarLayer && window.kembarLayer !== window.__before")


def heading_in_panel(page, text: str) -> None:
    details_panel(page).get_by_role("heading", name=text).wait_for(timeout=WAIT)


def test_three_clicks_on_three_arcs_select_and_highlight_each_at_once(app_server, guarded_page,
                                                                    tmp_path):
    page = guarded_page
    frame = open_map(page, app_server)
    clicked: list[str] = []
    for round_ in range(3):
        point = frame.evaluate(CLEAR_POINT, ["arc", clicked])
        assert point and point["clearance"] >= 6, f"no arc clear of the others: {point}"
        mark_layer(frame)
        click_at(page, point)
        clicked.append(point["key"])
        wait_for(lambda: url_params(page).get("selected"), [point["key"]], what="selected in URL")
        heading_in_panel(page, pair_title(prepared().by_id[point["key"]], "en"))
        wait_for_new_layer(frame)
        wait_for(lambda: frame.evaluate(HIGHLIGHTED), [point["key"]],
                 what=f"click {round_ + 1}: the highlighted arc")
        shot(page, tmp_path, f"click-{round_ + 1}")
    assert len(set(clicked)) == 3


# Every value the map's component sends the app, and whether Kembar's immediate report sent it.
RECORD_SENT = """() => {
  const streamlit = window.Streamlit, send = streamlit.setComponentValue.bind(streamlit);
  window.__sent = [];
  streamlit.setComponentValue = (value) => {
    window.__sent.push({value: value, now: new Error().stack.includes("kembarReportClick")});
    return send(value);
  };
}"""
# Resolves once a timer set now has fired: after st_folium's 250 ms debounce set at the click.
LATER_TIMERS_FIRED = "() => new Promise((done) => setTimeout(done, 1000))"


def test_a_click_reaches_the_app_at_once_and_only_once(app_server, guarded_page):
    """st_folium would send the click after its 250 ms debounce; Kembar sends it at once and
    st_folium's delayed call then finds nothing new."""
    page = guarded_page
    frame = open_map(page, app_server)
    frame.evaluate(RECORD_SENT)
    point = frame.evaluate(CLEAR_POINT, ["arc", []])
    assert point and point["clearance"] >= 6, f"no arc clear of the others: {point}"
    click_at(page, point)
    wait_for(lambda: url_params(page).get("selected"), [point["key"]], what="selected in URL")
    frame.evaluate(LATER_TIMERS_FIRED)
    sent = frame.evaluate("() => window.__sent")
    assert len(sent) == 1, sent
    assert sent[0]["now"], "the click was sent by st_folium's debounce, not at once"
    assert sent[0]["value"]["last_active_drawing"]["properties"]["id"] == point["key"]


def test_a_click_in_the_tangle_takes_the_nearest_arc_and_offers_the_other(app_server,
                                                                       guarded_page, tmp_path):
    page = guarded_page
    frame = open_map(page, app_server)
    spot = frame.evaluate(TANGLE_POINT)
    assert spot, "no point where two arcs lie within reach of each other"
    click_at(page, spot)
    wait_for(lambda: url_params(page).get("selected"), [spot["nearest"]], what="the nearest arc")
    other = prepared().by_id[spot["other"]]
    label = f"{other.id_name} \u2013 {other.cn_name or other.cn_name_zh}"  # as the list names it
    choice = frame.get_by_role("button", name=label, exact=True)
    choice.first.wait_for(timeout=WAIT)
    shot(page, tmp_path, "tangle-choice")
    choice.first.click()
    wait_for(lambda: url_params(page).get("selected"), [other.id], what="the arc chosen in the list")
    heading_in_panel(page, pair_title(other, "en"))
    wait_for(lambda: frame.evaluate(HIGHLIGHTED), [other.id], what="the highlight of the choice")


def test_a_click_on_a_place_circle_focuses_that_place(app_server, guarded_page, tmp_path):
    page = guarded_page
    frame = open_map(page, app_server, "?selected=serang-hangzhou")
    point = frame.evaluate(CLEAR_POINT, ["place", []])
    assert point and point["clearance"] >= 3, f"no marker clear of the others: {point}"
    index = prepared().place_index
    place = index.resolve(point["key"])[0]
    click_at(page, point)
    wait_for(lambda: url_params(page).get("place"), [index.link_name(place)], what="place in URL")
    ties = {p.id for p in partnerships_of_place(place, prepared().partnerships)}
    assert set(url_params(page).get("selected", [])) <= ties  # never another place's tie
    details_panel(page).get_by_role("heading", name=place.label("en")).wait_for(timeout=WAIT)
    shot(page, tmp_path, "place-focus")


def test_a_province_link_emphasises_exactly_its_arcs_and_fades_the_rest(app_server, guarded_page,
                                                                      tmp_path):
    page = guarded_page
    frame = open_map(page, app_server, "?place=Provinsi%20Jawa%20Tengah")
    data = prepared()
    focus = data.place_index.resolve("Provinsi Jawa Tengah")[0]
    expected = {p.id for p in partnerships_of_place(focus, data.partnerships)} & data.drawable_ids
    assert expected
    wait_for(lambda: {k for k, v in frame.evaluate(OPACITIES).items() if v == 1}, expected,
             what="the arcs at full strength")
    faded = {k: v for k, v in frame.evaluate(OPACITIES).items() if k not in expected}
    assert faded and all(v <= 0.25 for v in faded.values()), faded
    shot(page, tmp_path, "jawa-tengah")


# The arcs layer as the canvas paints it, bottom first: "a" an arc, "f" an arc of the focused
# place, "p" a place circle, "s" the selected arc.
PAINT_ORDER = """() => {
  const layer = window.kembarLayer, out = [];
  for (let o = Object.values(layer._layers)[0]._renderer._drawFirst; o; o = o.next) {
    if (!layer.hasLayer(o.layer)) continue;
    const f = o.layer.feature, p = f.properties;
    out.push(f.geometry.type === "Point" ? "p" : p.selected ? "s" : p.focused ? "f" : "a");
  }
  return out.join("");
}"""


def test_a_linked_selection_is_painted_over_the_focus_over_the_rest(app_server, guarded_page):
    frame = open_map(guarded_page, app_server, "?place=Bali&selected=bali-hainan")
    data = prepared()
    bali = data.place_index.resolve("Bali")[0]
    ties = {p.id for p in partnerships_of_place(bali, data.partnerships)} & data.drawable_ids
    assert "bali-hainan" in ties and len(ties) > 1
    order = frame.evaluate(PAINT_ORDER)
    # The other arcs, then Bali's, then the places (clickable over any arc), the selection last.
    assert re.fullmatch(r"a+f+p+s", order), order
    assert order.count("f") == len(ties) - 1  # every other tie of Bali's, none of the rest


# Each place circle's look: its key -> [stroke colour, weight, stroke and fill opacity].
MARKER_STYLES = """() => {
  const out = {};
  window.kembarLayer.eachLayer(l => { const f = l.feature, o = l.options;
    if (f.geometry.type === "Point") out[f.properties.place] = [o.color, o.weight, o.opacity, o.fillOpacity]; });
  return out;
}"""


def test_a_focus_rings_its_place_and_dims_the_places_outside_its_ties(app_server, guarded_page):
    """As the picture draws it (map.picture): the focused place's circle takes the selection's
    colour and a 3 px ring; the ends of its ties stay as they are; every other place dims."""
    frame = open_map(guarded_page, app_server, "?place=Bali")
    data = prepared()
    bali = data.place_index.resolve("Bali")[0]
    ties = [p for p in partnerships_of_place(bali, data.partnerships) if p.id in data.drawable_ids]
    ends = {place_key(ref) for p in ties for ref in (p.id_place, p.cn_place)}
    styles = frame.evaluate(MARKER_STYLES)
    assert bali.key in styles and set(styles) - ends
    plain = [PLACE_STYLE["color"], PLACE_STYLE["weight"], PLACE_STYLE["opacity"], PLACE_STYLE["fillOpacity"]]
    for key, look in styles.items():
        expected = list(plain)
        if key == bali.key:
            expected[:2] = [FOCUSED_PLACE["color"], FOCUSED_PLACE["weight"]]
        if key not in ends:
            expected[2:] = [FADED_PLACE["opacity"], FADED_PLACE["fillOpacity"]]
        assert look == expected, key


def test_a_chinese_place_link_lists_hangzhous_partners(app_server, guarded_page, tmp_path):
    page = guarded_page
    open_map(page, app_server, "?place=%E6%9D%AD%E5%B7%9E")
    data = prepared()
    hangzhou = data.place_index.resolve("杭州")[0]
    ties = partnerships_of_place(hangzhou, data.partnerships)
    assert ties
    panel = page.locator(".st-key-kembar_details")
    panel.get_by_role("heading", name=hangzhou.label("en")).wait_for(timeout=WAIT)
    for p in ties:
        panel.get_by_role("button", name=p.id_name).first.wait_for(timeout=WAIT)
    shot(page, tmp_path, "hangzhou")


# The place labels shown (only those shown are on the map), as boxes in the frame's pixels.
SHOWN_LABELS = """() => [...document.querySelectorAll('.kembar-label')]
  .map(el => { const r = el.firstChild.getBoundingClientRect();
               return {text: el.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })"""


def covering(labels: list[dict]) -> list[str]:
    """Each pair of shown labels whose boxes intersect, as "A covers B"."""
    found = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = (a["right"] <= b["left"] or b["right"] <= a["left"]
                     or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])
            if not apart:
                found.append(f"{a['text']} covers {b['text']}")
    return found


@pytest.mark.parametrize("query", ["", "?view=-7.3,110.6,7"])  # the whole region; central Java
def test_place_labels_never_cover_one_another(app_server, guarded_page, query):
    frame = open_map(guarded_page, app_server, query)
    if query:
        frame.wait_for_function("() => window.map.getZoom() >= 7")
    # The labels are placed once the frame is laid out after the view changes: wait for that.
    wait_for(lambda: covering(frame.evaluate(SHOWN_LABELS)), [], what="labels that cover others")
    assert frame.evaluate(SHOWN_LABELS), "no place label shown"
