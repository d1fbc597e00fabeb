"""The running app in a real headless browser: the map draws, filters redraw it, clicks select.

Starts `streamlit run app.py` on 127.0.0.1 (free port, once for the module); every non-loopback
request is aborted and asserted to be zero by the `guarded_page` fixture. Every expected value
is computed from the dataset with the app's own pure functions, never written down by hand.
Each step waits for the exact expected state (one change can cause several reruns), and each
state is saved as a screenshot under the test's tmp_path.
"""

from __future__ import annotations

import csv
import io
import time

import pytest

from components.news.excerpts import excerpts_for
from components.filters import Filters, describe
from components.focus import partnerships_of_place
from components.history import network_as_of
from components.i18n.translator import get_translator
from components.map.build import place_key
from components.ui.details import pair_title
from components.i18n.vocabulary import LEVEL_LABELS, sentence_case
from tests.browser import MAP_FRAME, download_csv, open_section
from tests.browser.pages import (ARC_IDS, FIND_MAP, MARK_MAP, VIEW, WAIT, details_panel, drawn_ids, filtered,
                                 map_frame, open_app, prepared, shot, summary, url_params, wait_for,
                                 wait_for_arcs, wait_for_param)

# The frame position of a feature's visible point: the middle vertex of an arc, the centre of
# a place marker; null while absent or while that point is covered (legend, controls).
FEATURE_POINT = f"""([kind, key]) => {{
  const map = {FIND_MAP};
  if (!map) return null;
  let found = null;
  map.eachLayer(l => {{
    const p = l.feature && l.feature.properties;
    if (p && ((kind === "arc" && p.id === key) || (kind === "place" && p.place === key))) found = l;
  }});
  if (!found) return null;
  const latlng = kind === "arc"
    ? found.getLatLngs()[Math.floor(found.getLatLngs().length / 2)] : found.getLatLng();
  const point = map.latLngToContainerPoint(latlng);
  const box = map.getContainer().getBoundingClientRect();
  const x = box.left + point.x, y = box.top + point.y;
  const hit = document.elementFromPoint(x, y);
  return {{x: x, y: y, canvas: !!hit && hit.tagName === "CANVAS"}};
}}"""

# The arc, or place marker, whose visible point lies farthest (in pixels) from everything else
# a click there could hit: for an arc, every other arc and marker; for a marker, the other
# markers (markers are drawn over the arcs). Only points over the map canvas count; `excluded`
# keys are never picked.
CLEAREST = f"""([kind, excluded]) => {{
  const map = {FIND_MAP};
  const box = map.getContainer().getBoundingClientRect(), size = map.getSize();
  const arcs = [], places = [];
  map.eachLayer(l => {{
    const type = l.feature && l.feature.geometry.type;
    if (type === "LineString") arcs.push(l);
    if (type === "Point") places.push(l);
  }});
  const px = ll => map.latLngToContainerPoint(ll);
  const lines = arcs.map(l => l.getLatLngs().map(px));
  const dots = places.map(l => ({{c: px(l.getLatLng()), r: l.getRadius()}}));
  function toSegment(p, a, b) {{
    const dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
    const t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
    return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
  }}
  function clearance(p, skipLine, skipDot) {{
    let d = Infinity;
    lines.forEach((line, i) => {{
      if (i === skipLine || skipDot >= 0) return;  // markers are drawn over every arc
      for (let k = 1; k < line.length; k++) d = Math.min(d, toSegment(p, line[k - 1], line[k]));
    }});
    dots.forEach((dot, i) => {{ if (i !== skipDot) d = Math.min(d, p.distanceTo(dot.c) - dot.r); }});
    return d;
  }}
  const candidates = kind === "arc"
    ? lines.map((line, i) => ({{key: arcs[i].feature.properties.id,
                                p: line[Math.floor(line.length / 2)], line: i, dot: -1}}))
    : dots.map((dot, i) => ({{key: places[i].feature.properties.place, p: dot.c, line: -1, dot: i}}));
  let best = null;
  candidates.forEach(c => {{
    if (excluded.includes(c.key)) return;
    if (c.p.x < 40 || c.p.y < 40 || c.p.x > size.x - 40 || c.p.y > size.y - 40) return;
    const hit = document.elementFromPoint(box.left + c.p.x, box.top + c.p.y);
    if (!hit || hit.tagName !== "CANVAS") return;
    const d = clearance(c.p, c.line, c.dot);
    if (!best || d > best.clearance) best = {{key: c.key, clearance: d}};
  }});
  return best;
}}"""


# --- what the app should show, from the dataset ------------------------------------------------

def sentence(filters: Filters, shown: int, lang: str = "en") -> str:
    """The bold sentence above the map, as the app words it."""
    t = get_translator(lang)
    return describe(filters, shown, len(prepared().partnerships), translate=t, ngettext=t.ngettext)


# --- driving the page --------------------------------------------------------------------------

def wait_for_summary(page, expected: str) -> None:
    wait_for(lambda: summary(page), expected, what="sentence above the map")


def stable_point(page, kind: str, key: str) -> dict:
    """The page position of a feature once two reads 300 ms apart agree and it is clickable."""
    def read():
        point = map_frame(page).evaluate(FEATURE_POINT, [kind, key])
        time.sleep(0.3)
        again = map_frame(page).evaluate(FEATURE_POINT, [kind, key])
        return again if point and point == again and point["canvas"] else None

    deadline = time.monotonic() + WAIT / 1000
    while (point := read()) is None:
        assert time.monotonic() < deadline, f"the {kind} {key} never settled on the map canvas"
    box = page.locator(MAP_FRAME).bounding_box()
    return {"x": box["x"] + point["x"], "y": box["y"] + point["y"]}


def click_clearest(page, kind: str, excluded: tuple[str, ...] = ()) -> str:
    """Click the arc or place marker that nothing else crowds; its id or place key."""
    stable_point(page, "arc", map_frame(page).evaluate(ARC_IDS)[0])  # the map has settled
    found = map_frame(page).evaluate(CLEAREST, [kind, list(excluded)])
    assert found and found["clearance"] >= 4, f"no {kind} is clear enough of the others: {found}"
    point = stable_point(page, kind, found["key"])
    page.mouse.click(point["x"], point["y"])
    return found["key"]


def choose_level(page, level: str) -> None:
    """Pick one level in the sidebar's Level multiselect (a React Aria combobox)."""
    page.get_by_role("combobox", name="Level").click()
    page.get_by_role("option", name=sentence_case(LEVEL_LABELS[level]), exact=True).click()
    page.keyboard.press("Escape")


def selected_now(page) -> str | None:
    return (url_params(page).get("selected") or [None])[0]


# --- the tests ---------------------------------------------------------------------------------

@pytest.mark.timeout(180)
def test_every_drawable_partnership_is_drawn_and_the_level_link_filters(app_server, guarded_page,
                                                                        tmp_path):
    page = guarded_page
    open_app(page, app_server)
    wait_for_arcs(page, drawn_ids(prepared().partnerships))
    box = page.locator(MAP_FRAME).bounding_box()
    assert box and box["height"] > 300, "the map iframe collapsed (Leaflet failed to load?)"
    shot(page, tmp_path, "all")

    city = Filters(levels={"city"})
    open_app(page, app_server, "?level=city")
    wait_for_arcs(page, drawn_ids(filtered(city)))
    wait_for_summary(page, sentence(city, len(filtered(city))))
    shot(page, tmp_path, "level-city-link")


@pytest.mark.timeout(180)
def test_the_level_filter_redraws_the_arcs_and_keeps_the_zoom(app_server, guarded_page, tmp_path):
    page = guarded_page
    frame = open_app(page, app_server)
    everything = drawn_ids(prepared().partnerships)
    wait_for_arcs(page, everything)
    start = frame.evaluate(VIEW)
    frame.locator("a.leaflet-control-zoom-in").click()
    wait_for(lambda: frame.evaluate(VIEW)["zoom"], start["zoom"] + start["step"], what="zoom after +")
    assert frame.evaluate(MARK_MAP)
    time.sleep(0.5)  # let the zoom animation and st_folium's debounced report finish
    zoomed = frame.evaluate(VIEW)

    choose_level(page, "city")

    city = Filters(levels={"city"})
    wait_for_arcs(page, drawn_ids(filtered(city)))
    wait_for_summary(page, sentence(city, len(filtered(city))))
    wait_for_param(page, "level", "city")
    after = map_frame(page).evaluate(VIEW)
    shot(page, tmp_path, "level-city-ui")
    assert after["same"], "the map object was replaced: the filter change rebuilt the map"
    assert after["zoom"] == zoomed["zoom"], f"zoom reset: {zoomed['zoom']} -> {after['zoom']}"
    assert after["lat"] == pytest.approx(zoomed["lat"], abs=1e-6)
    assert after["lng"] == pytest.approx(zoomed["lng"], abs=1e-6)


@pytest.mark.timeout(180)
def test_searching_jateng_shows_the_jawa_tengah_pairs(app_server, guarded_page, tmp_path):
    page = guarded_page
    open_app(page, app_server)
    wait_for_arcs(page, drawn_ids(prepared().partnerships))
    search = page.get_by_role("textbox", name="Search names")
    search.fill("Jateng")
    search.press("Enter")

    jateng = Filters(query="Jateng")
    expected = filtered(jateng)
    province = [p.id for p in prepared().partnerships if p.id_province == "Jawa Tengah"]
    assert [p.id for p in expected] == province, "the search for Jateng is not Jawa Tengah"
    wait_for_arcs(page, drawn_ids(expected))
    wait_for_summary(page, sentence(jateng, len(expected)))
    wait_for_param(page, "q", "Jateng")
    shot(page, tmp_path, "search-jateng")


@pytest.mark.timeout(180)
def test_clicking_an_arc_opens_its_details_then_a_place_focuses_it(app_server, guarded_page, tmp_path):
    page = guarded_page
    open_app(page, app_server)
    wait_for_arcs(page, drawn_ids(prepared().partnerships))
    chosen = prepared().by_id[click_clearest(page, "arc")]
    wait_for_param(page, "selected", chosen.id)
    panel = details_panel(page)
    panel.get_by_role("heading", name=pair_title(chosen, "en")).wait_for(timeout=WAIT)
    assert panel.get_by_text("Sources", exact=True).is_visible()
    links = [s for s in chosen.sources if s.startswith("http")]
    for source in links:
        assert panel.locator(f'a[href="{source}"]').count() >= 1, f"source link {source} missing"
    shot(page, tmp_path, "clicked-arc")

    # A place's circle focuses that place (never another place's partnership): the link names it.
    place = click_clearest(page, "place", (place_key(chosen.id_place), place_key(chosen.cn_place)))
    index = prepared().place_index
    focus = index.resolve(place)
    assert len(focus) == 1, f"the marker {place} names no single place: {focus}"
    wait_for_param(page, "place", index.link_name(focus[0]))
    ties = partnerships_of_place(focus[0], prepared().partnerships)
    kept = chosen.id if chosen in ties else None  # another place's tie is closed
    wait_for(lambda: selected_now(page), kept, what="the selection after focusing")
    shot(page, tmp_path, "clicked-place")


@pytest.mark.timeout(180)
def test_clicking_an_arc_again_after_choosing_another_selects_it_again(app_server, guarded_page,
                                                                      tmp_path):
    page = guarded_page
    open_app(page, app_server)
    wait_for_arcs(page, drawn_ids(prepared().partnerships))
    first = click_clearest(page, "arc")
    wait_for_param(page, "selected", first)

    other = next(p for p in prepared().partnerships if p.id != first)
    box = page.get_by_role("combobox", name="Partnership")
    box.click()
    box.fill(other.id_name)
    page.get_by_role("option", name=pair_title(other, "en"), exact=True).click()
    wait_for_param(page, "selected", other.id)

    assert click_clearest(page, "arc") == first
    shot(page, tmp_path, "clicked-again")
    wait_for_param(page, "selected", first, timeout=15)


@pytest.mark.timeout(180)
def test_a_filter_that_hides_the_selected_arc_clears_it_for_good(app_server, guarded_page,
                                                                tmp_path):
    page = guarded_page
    open_app(page, app_server)
    everything = drawn_ids(prepared().partnerships)
    wait_for_arcs(page, everything)
    chosen = prepared().by_id[click_clearest(page, "arc")]
    wait_for_param(page, "selected", chosen.id)

    level = next(level for level in LEVEL_LABELS if level != chosen.id_level
                 and filtered(Filters(levels={level})))
    choose_level(page, level)
    wait_for_arcs(page, drawn_ids(filtered(Filters(levels={level}))))
    wait_for(lambda: selected_now(page), None, what="selection of the hidden arc")
    shot(page, tmp_path, "selection-hidden")

    page.get_by_role("button", name=f"Remove {sentence_case(LEVEL_LABELS[level])}").click()
    wait_for_arcs(page, everything)
    wait_for_summary(page, sentence(Filters(), len(prepared().partnerships)))
    details_panel(page).get_by_text("Click an arc or a place on the map").wait_for(timeout=WAIT)
    assert selected_now(page) is None, "the old click came back when the arc reappeared"


@pytest.mark.timeout(120)
def test_a_selected_link_shows_the_article_excerpt_with_names_marked(app_server, guarded_page,
                                                                   tmp_path):
    page = guarded_page
    open_app(page, app_server, "?selected=serang-hangzhou")
    p = prepared().by_id["serang-hangzhou"]
    panel = details_panel(page)
    panel.get_by_role("heading", name=pair_title(p, "en")).wait_for(timeout=WAIT)
    news = panel.get_by_text("In the news", exact=True)
    news.wait_for(timeout=WAIT)
    # The quotes after the "In the news" heading (the History section may quote it as well).
    quote = news.locator("xpath=following::blockquote").filter(has_text="5 September 2025")
    quote.first.wait_for(timeout=WAIT)
    excerpt = next(e for e in excerpts_for(p, prepared().articles, prepared().gazetteer)
                   if "5 September 2025" in e.sentence_text)
    marked = [excerpt.sentence_text[a:b] for a, b in sorted(excerpt.spans)]
    assert quote.first.locator("mark").all_inner_texts() == marked
    quote.first.scroll_into_view_if_needed()
    shot(page, tmp_path, "selected-serang-hangzhou")


@pytest.mark.timeout(120)
@pytest.mark.parametrize("lang", ["zh", "id"])
def test_a_language_link_translates_the_sidebar(app_server, guarded_page, tmp_path, lang):
    t = get_translator(lang)
    page = guarded_page
    open_app(page, app_server, f"?lang={lang}")
    sidebar = page.locator('[data-testid="stSidebar"]')
    for english in ("Filters", "History"):
        sidebar.get_by_role("heading", name=t.gettext(english), exact=True).wait_for(timeout=WAIT)
    for english, role in (("Level", "combobox"), ("Stage", "combobox"),
                          ("Search names", "textbox")):
        widget = sidebar.get_by_role(role, name=t.gettext(english), exact=True)
        widget.first.wait_for(timeout=WAIT)  # widgets are skeletons for a while after the headings
        assert widget.count() == 1, f"{lang}: {widget.count()} {role}s labelled {t.gettext(english)!r}"
    shot(page, tmp_path, f"lang-{lang}")
    untranslated = [s for s in ("Filters", "History", "Level", "Stage", "Search names")
                    if t.gettext(s) == s]
    assert not untranslated, f"{lang}: the sidebar still shows English for {untranslated}"


@pytest.mark.timeout(120)
@pytest.mark.parametrize("lang", ["zh", "id"])
def test_a_language_link_translates_the_partnership_prompt(app_server, guarded_page, lang):
    t = get_translator(lang)
    page = guarded_page
    open_app(page, app_server, f"?lang={lang}")
    picker = page.get_by_role("combobox", name=t.gettext("Partnership"), exact=True)
    picker.wait_for(timeout=WAIT)
    shown = picker.input_value() or picker.get_attribute("placeholder")
    assert shown == t.gettext("Choose a partnership…"), f"{lang}: the picker says {shown!r}"


@pytest.mark.timeout(120)
def test_an_as_of_link_draws_the_network_of_that_year(app_server, guarded_page, tmp_path):
    page = guarded_page
    open_app(page, app_server, "?as_of=2010")
    data = prepared()
    as_of = network_as_of(data.partnerships, data.milestones_by_id, 2010)
    wait_for_arcs(page, drawn_ids(as_of.partnerships))
    wait_for_summary(page, sentence(Filters(as_of=2010), len(as_of.partnerships)))
    assert page.get_by_role("switch", name="Show the network as of a year").is_checked()
    shot(page, tmp_path, "as-of-2010")


@pytest.mark.timeout(120)
def test_the_csv_download_holds_exactly_the_shown_partnerships(app_server, guarded_page, tmp_path):
    page = guarded_page
    open_app(page, app_server, "?level=city")
    city = Filters(levels={"city"})
    wait_for_arcs(page, drawn_ids(filtered(city)))
    rows = list(csv.DictReader(io.StringIO(download_csv(page, tmp_path, WAIT))))
    assert [r["id"] for r in rows] == [p.id for p in filtered(city)]
    assert list(rows[0]) == list(prepared().dataset.columns)
    shot(page, tmp_path, "download")


@pytest.mark.timeout(180)
def test_choosing_a_partnership_in_the_articles_view_opens_it(app_server, guarded_page):
    page = guarded_page
    open_app(page, app_server)
    p = prepared().by_id["bali-hainan"]
    open_section(page, "Articles")
    page.get_by_role("radio", name=pair_title(p, "en")).click()
    wait_for(lambda: url_params(page).get("selected"), ["bali-hainan"], what="selected in the URL")
    heading = page.get_by_role("heading", level=3, name=pair_title(p, "en"))
    heading.wait_for(timeout=WAIT)
