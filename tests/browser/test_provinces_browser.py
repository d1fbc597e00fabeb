"""`?shade=provinces` in a real headless browser: the shaded provinces Leaflet holds, their
counts, colours and legend, the hover label, and the outline of a province-level arc's two
provinces; no request leaves the machine (the `guarded_page` fixture asserts it).

Expected values are computed from the dataset with the app's own pure functions.
"""

from __future__ import annotations

import time

from components.map.provinces import (SHADE_COLOURS, class_breaks, shade_class, shaded_features,
                                      shading_config)
from components.provinces import count_by_province
from components.provinces import province_pairs
from tests.browser import MAP_FRAME, open_section
from tests.browser.pages import (FIND_MAP, MARK_MAP, VIEW, WAIT, drawn_ids, map_frame, open_app, prepared,
                                 wait_for, wait_for_arcs)

# Each province shape Leaflet holds: "country|name" -> [partnerships, fill colour, opacity].
PROVINCES = f"""() => {{
  const map = {FIND_MAP};
  if (!map) return null;
  const out = {{}};
  map.eachLayer(l => {{
    const p = l.feature && l.feature.properties;
    if (p && Array.isArray(p.covers)) {{
      out[p.country + "|" + p.name] = [p.partnerships, l.options.fillColor, l.options.fillOpacity];
    }}
  }});
  return out;
}}"""

LEGEND = """() => {
  const box = document.querySelector(".kembar-provinces-legend");
  return box ? box.textContent : null;
}"""

# A point (page coordinates) inside the named shape, at least 12 px from every arc, marker and
# from its own border, and not under a control (legend, zoom buttons), so that hovering it
# reaches that province and nothing drawn over it.
CLEAR_POINT = f"""(key) => {{
  const map = {FIND_MAP};
  let shape = null;
  const lines = [], dots = [];
  map.eachLayer(l => {{
    const p = l.feature && l.feature.properties;
    if (!p) return;
    if (Array.isArray(p.covers) && p.country + "|" + p.name === key) shape = l;
    if (l.feature.geometry.type === "LineString") lines.push(l._parts.flat());
    if (l.feature.geometry.type === "Point") dots.push([l._point, l._radius]);
  }});
  if (!shape) return null;
  shape._parts.forEach(ring => lines.push(ring.concat([ring[0]])));  // keep off its border too
  function toSegment(p, a, b) {{
    const dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
    const t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
    return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
  }}
  function clear(p) {{
    for (const line of lines) {{
      for (let k = 1; k < line.length; k++) if (toSegment(p, line[k - 1], line[k]) < 12) return false;
    }}
    return dots.every(([c, r]) => p.distanceTo(c) - r >= 12);
  }}
  const b = shape._pxBounds;
  for (let y = b.min.y; y <= b.max.y; y += 4) {{
    for (let x = b.min.x; x <= b.max.x; x += 4) {{
      const p = L.point(x, y);
      if (shape._containsPoint(p) && clear(p)) {{
        const c = map.layerPointToContainerPoint(p), box = map.getContainer().getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + c.x, box.top + c.y);
        if (hit && hit.tagName === "CANVAS") return {{x: box.left + c.x, y: box.top + c.y}};
      }}
    }}
  }}
  return null;
}}"""

# The frame position of the clearest vertex of a province-level arc (its middle half, away from
# the place markers at its ends), and the two provinces its hover should outline.
PROVINCE_ARC = f"""() => {{
  const map = {FIND_MAP};
  const arcs = [];
  map.eachLayer(l => {{ if (l.feature && l.feature.geometry.type === "LineString") arcs.push(l); }});
  const others = a => arcs.filter(b => b !== a).map(b => b._parts.flat());
  let best = null;
  arcs.filter(a => a.feature.properties.level === "province").forEach(a => {{
    const rest = others(a), size = map.getSize();
    const own = a._parts.flat();
    own.slice(Math.floor(own.length / 4), Math.ceil(own.length * 3 / 4)).forEach(p => {{  // off the markers
      const c = map.layerPointToContainerPoint(p);
      if (c.x < 60 || c.y < 60 || c.x > size.x - 60 || c.y > size.y - 60) return;
      let d = Infinity;
      rest.forEach(line => line.forEach(q => {{ d = Math.min(d, p.distanceTo(q)); }}));
      if (!best || d > best.d) best = {{a: a, p: c, d: d}};
    }});
  }});
  if (!best) return null;
  const box = map.getContainer().getBoundingClientRect(), props = best.a.feature.properties;
  return {{x: box.left + best.p.x, y: box.top + best.p.y, clearance: best.d,
          id: props.id_place.split("|")[2], cn: props.cn_place.split("|")[2]}};
}}"""

OUTLINED = f"""() => {{
  const map = {FIND_MAP};
  const out = [];
  map.eachLayer(l => {{
    const p = l.feature && l.feature.properties;
    if (p && Array.isArray(p.covers) && l.options.weight === 3) out.push(p.country + "|" + p.name);
  }});
  return out.sort();
}}"""


def stable(read, tries: int = 60):
    """The value `read` gives twice in a row half a second apart: the map has stopped moving
    (it shifts after its first paint while the frame resizes)."""
    last = read()
    for _ in range(tries):
        time.sleep(0.5)
        value = read()
        if value == last:
            return value
        last = value
    raise AssertionError(f"the map kept moving; last read {last!r}")


def tooltip_text(key: str) -> str:
    """A shape's hover text as the page should show it: name(s), count, each covered count."""
    everything = count_by_province(prepared().partnerships)
    entry = shading_config(everything, top=max(everything.values()))["shapes"][key]
    count = f"{entry['n']} partnership{'' if entry['n'] == 1 else 's'}"
    return entry["label"] + count + "".join(f"{name}: {n}" for name, n in entry.get("parts", ()))


def expected_provinces() -> dict[str, list]:
    """Every shape with its count, colour class and opacity, as the app should draw it."""
    everything = count_by_province(prepared().partnerships)
    breaks = class_breaks(max(everything.values()))
    out = {}
    for feature in shaded_features(everything):
        p = feature["properties"]
        c = shade_class(p["partnerships"], breaks)
        out[f'{p["country"]}|{p["name"]}'] = [p["partnerships"], SHADE_COLOURS[c] if c >= 0 else "#FFFFFF",
                                              0.72 if c >= 0 else 0]
    return out


def test_shade_link_draws_the_provinces_with_their_counts(guarded_page, app_server, tmp_path):
    frame = open_app(guarded_page, app_server, "?shade=provinces")
    expected = expected_provinces()
    wait_for(lambda: frame.evaluate(PROVINCES), expected, what="shaded provinces")
    assert len(expected) == 64 and sum(1 for v in expected.values() if v[0]) > 20
    legend = frame.evaluate(LEGEND)
    assert legend and legend.startswith("Partnerships by province") and "16+" in legend
    guarded_page.screenshot(path=tmp_path / "shaded.png")


def test_hover_names_a_province_and_its_count(guarded_page, app_server):
    frame = open_app(guarded_page, app_server, "?shade=provinces")
    wait_for(lambda: len(frame.evaluate(PROVINCES) or {}), 64, what="province shapes")
    offset = guarded_page.query_selector(MAP_FRAME).bounding_box()
    expected = expected_provinces()
    shaded = [key for key, v in expected.items() if v[0]]
    unshaded = [key for key, v in expected.items() if not v[0]]
    for keys in (shaded, unshaded):  # one of each: the first with room to hover in it
        key, point = next(((k, p) for k in keys for p in (stable(lambda: frame.evaluate(CLEAR_POINT, k)),)
                           if p), (None, None))
        assert point, f"no province among {keys} has a point clear of the arcs"
        guarded_page.mouse.move(offset["x"] + point["x"], offset["y"] + point["y"])
        wait_for(lambda: frame.evaluate("() => (document.querySelector('.leaflet-tooltip') || {}).textContent"),
                 tooltip_text(key), what=f"tooltip over {key}")


def test_hovering_a_province_level_arc_outlines_both_provinces(guarded_page, app_server):
    frame = open_app(guarded_page, app_server, "?shade=provinces&level=province")
    wait_for(lambda: len(frame.evaluate(PROVINCES) or {}), 64, what="province shapes")
    target = stable(lambda: frame.evaluate(PROVINCE_ARC))
    assert target and target["clearance"] > 6, target
    offset = guarded_page.query_selector(MAP_FRAME).bounding_box()
    covered = {"Kalimantan Utara": "Kalimantan Timur"}  # data/PROVINCES.md's pre-split shapes
    expected = sorted([f"ID|{covered.get(target['id'], target['id'])}", f"CN|{target['cn']}"])
    guarded_page.mouse.move(offset["x"] + target["x"], offset["y"] + target["y"])
    wait_for(lambda: frame.evaluate(OUTLINED), expected, what="outlined provinces")
    # Away off the map, in steps as a hand moves (Leaflet reads at most one move per 32 ms).
    guarded_page.mouse.move(offset["x"] - 30, offset["y"] - 30, steps=8)
    wait_for(lambda: frame.evaluate(OUTLINED), [], timeout=WAIT / 1000, what="outline cleared")


def test_the_shading_checkbox_keeps_the_map_and_its_zoom(guarded_page, app_server):
    frame = open_app(guarded_page, app_server)
    assert stable(lambda: frame.evaluate(PROVINCES)) == {}
    frame.locator("a.leaflet-control-zoom-in").click()
    start = stable(lambda: frame.evaluate(VIEW))
    assert frame.evaluate(MARK_MAP)
    label = guarded_page.locator(".st-key-shade_provinces label")
    label.scroll_into_view_if_needed()
    label.click()  # as a user does: on the words
    wait_for(lambda: map_frame(guarded_page).evaluate(PROVINCES), expected_provinces(),
             what="shaded provinces after the checkbox")
    after = map_frame(guarded_page).evaluate(VIEW)
    assert after["same"], "the map object was replaced: turning the shading on rebuilt the map"
    assert after["zoom"] == start["zoom"]
    assert "shade=provinces" in guarded_page.url


# The page position of the grid cell Vega drew for a pair (its SVG path's aria label names it),
# scrolled to the middle of the window so that a click there reaches it.
GRID_CELL = """([row, column]) => {
  const cells = document.querySelectorAll(".st-key-province_grid .mark-rect path");
  for (const cell of cells) {
    const label = cell.getAttribute("aria-label") || "";
    if (label.includes("Indonesian province: " + row + ";") && label.includes("Chinese province: " + column + ";")) {
      cell.scrollIntoView({block: "center"});
      const r = cell.getBoundingClientRect();
      return {x: r.left + r.width / 2, y: r.top + r.height / 2};
    }
  }
  return null;
}"""


def test_clicking_a_grid_cell_filters_the_map_to_that_pair(guarded_page, app_server):
    page = guarded_page
    open_app(page, app_server)
    wait_for_arcs(page, drawn_ids(prepared().partnerships))
    top = province_pairs(prepared().partnerships)[0]
    open_section(page, "Overview")
    page.locator(".st-key-province_grid").scroll_into_view_if_needed()
    pair = [top.id_province, top.cn_province]
    wait_for(lambda: page.evaluate(GRID_CELL, pair) is not None, True, what="the grid drawn")
    cell = stable(lambda: page.evaluate(GRID_CELL, pair))
    assert cell, f"no grid cell for {top.id_province} – {top.cn_province}"
    page.mouse.click(cell["x"], cell["y"])
    wait_for_arcs(page, drawn_ids([prepared().by_id[i] for i in top.ids]))
    assert "id_province=" in page.url and "cn_province=" in page.url


def test_the_exported_map_carries_the_shading_offline(guarded_page, tmp_path):
    from components.map.export import standalone_html

    data = prepared()
    shown = [p for p in data.partnerships if p.id_level == "city"]
    counts = count_by_province(shown)
    everything = count_by_province(data.partnerships)
    config = shading_config(counts, top=max(everything.values()), url="/app/static/never-fetched")
    path = tmp_path / "map.html"
    path.write_text(standalone_html(shown, data.places, tiles=None, provinces=config), encoding="utf-8")
    guarded_page.goto(path.as_uri())
    found = """() => { const k = Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k));
                       if (!k) return null; window.map = window[k]; return true; }"""
    wait_for(lambda: guarded_page.evaluate(found), True, what="the exported map")
    expected = {f'{f["properties"]["country"]}|{f["properties"]["name"]}': f["properties"]["partnerships"]
                for f in shaded_features(counts)}
    wait_for(lambda: {k: v[0] for k, v in (guarded_page.evaluate(PROVINCES) or {}).items()}, expected,
             what="shaded provinces in the export")
    assert guarded_page.evaluate(LEGEND).startswith("Partnerships by province")


def test_on_a_phone_the_grid_scrolls_sideways_instead_of_being_cut_off(browser, app_server):
    from tests.browser import NetworkGuard

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    guard = NetworkGuard()
    guard.attach(context)
    try:
        page = context.new_page()
        open_app(page, app_server)
        open_section(page, "Overview")
        grid = page.locator(".st-key-province_grid")
        grid.scroll_into_view_if_needed(timeout=WAIT)
        wait_for(lambda: page.evaluate(GRID_CELL, ["Jawa Timur", "Fujian"]) is not None, True,
                 what="the grid drawn")
        width, shown = grid.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert shown <= 390 < width  # wider than the phone, and the box can scroll to all of it
        grid.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        assert grid.evaluate("el => el.scrollLeft") == width - shown
    finally:
        context.close()
    assert guard.blocked == []
