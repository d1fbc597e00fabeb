"""The embed, the shared view and the phone layout in headless Chromium, offline.

`?embed=1` must show the map alone filling the frame with every arc of the link's view; a
phone (390×844) must get the map at full width and most of the height, with the details and
the map as a list right under it; moving the map must reach the Share link. Every page runs
in a context whose non-loopback requests are aborted and asserted to be none.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from components.filters import Filters, apply_filters
from components.pipeline import prepare
from tests.browser import MAP_FRAME, NetworkGuard
from tests.browser.pages import COUNT_ARCS, WAIT


@pytest.fixture(scope="module")
def prepared():
    return prepare()


@pytest.fixture
def sized_page(browser):
    """Open a guarded page of a given size; asserts afterwards that nothing left the machine."""
    contexts = []

    def open_page(width: int, height: int):
        context = browser.new_context(viewport={"width": width, "height": height})
        guard = NetworkGuard()
        guard.attach(context)
        contexts.append((context, guard))
        return context.new_page()

    yield open_page
    for context, guard in contexts:
        context.close()
        assert guard.blocked == [], f"requests left the machine: {guard.blocked[:5]}"


def map_frame(page):
    """The map's frame once its Leaflet map exists."""
    page.wait_for_selector(MAP_FRAME, timeout=WAIT)
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator(".leaflet-container").wait_for(timeout=WAIT)
    return next(f for f in page.frames if f.url and "streamlit_folium" in f.url)


def wait_for_arcs(page, expected: int):
    frame = map_frame(page)
    deadline = time.monotonic() + WAIT / 1000
    while time.monotonic() < deadline:
        if frame.evaluate(COUNT_ARCS) == expected:
            return frame
        time.sleep(0.3)
    raise AssertionError(f"expected {expected} arcs, the map has {frame.evaluate(COUNT_ARCS)}")


def settled(read):
    """What `read()` returns once two readings a quarter of a second apart agree."""
    last = None
    for _ in range(40):
        value = read()
        if value is not None and value == last:
            return value
        last = value
        time.sleep(0.25)
    return last


def settled_box(page, selector: str):
    """An element's box once it stops changing (Streamlit re-lays out after the first paint)."""
    return settled(lambda: page.locator(selector).first.bounding_box())


def drawn_count(prepared, filters: Filters) -> int:
    shown = apply_filters(prepared.partnerships, filters, search_index=prepared.search_index)
    return sum(p.id in prepared.drawable_ids for p in shown)


def test_embed_shows_the_map_alone_filling_the_frame(app_server, sized_page, prepared, tmp_path):
    page = sized_page(800, 500)
    page.goto(f"{app_server.url}/?embed=1&lang=zh&level=city")
    frame = wait_for_arcs(page, drawn_count(prepared, Filters(levels={"city"})))
    box = settled_box(page, MAP_FRAME)
    page.screenshot(path=str(tmp_path / "embed.png"))
    assert box["width"] >= 0.98 * 800 and box["height"] >= 0.95 * 500
    assert frame.evaluate("() => window.map.getSize().y") >= 0.95 * 500  # Leaflet fills it too
    assert page.locator("h1").count() == 0
    assert page.locator('[data-testid="stSidebar"]').count() == 0
    assert page.locator('[data-testid="stTabs"]').count() == 0
    assert frame.locator(".kembar-legend").count() == 1
    link = page.get_by_role("link", name="在 Kembar 中打开")
    params = parse_qs(urlsplit(link.get_attribute("href")).query)
    assert params["level"] == ["city"] and params["lang"] == ["zh"] and "embed" not in params


def test_a_moved_map_reaches_the_share_link(app_server, sized_page, prepared, tmp_path):
    page = sized_page(1400, 1000)
    page.goto(f"{app_server.url}/?lang=en")
    wait_for_arcs(page, len(prepared.drawable_ids))
    box = settled_box(page, MAP_FRAME)
    x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.7
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 150, y - 100, steps=10)
    page.mouse.up()
    page.wait_for_function("() => location.search.includes('view=')", timeout=WAIT)
    written = parse_qs(urlsplit(page.url).query)["view"][0]
    page.get_by_role("button", name="Share / embed", exact=True).click()
    code = page.locator('[data-testid="stCode"]').first
    code.wait_for(timeout=WAIT)
    page.wait_for_function("(v) => [...document.querySelectorAll('[data-testid=stCode]')]"
                           ".some(e => e.innerText.includes('view=' + v))", arg=written, timeout=WAIT)
    page.screenshot(path=str(tmp_path / "share.png"))
    lat, lon, zoom = (float(v) for v in written.split(","))
    opened = sized_page(1400, 1000)
    opened.goto(f"{app_server.url}/?lang=en&view={written}")
    frame = wait_for_arcs(opened, len(prepared.drawable_ids))
    # Where the link's centre is drawn, in the frame's pixels from its middle. Leaflet pans by
    # whole pixels, so at the region's zoom (≈ 8 px a degree) "within a pixel" is as close as a
    # map can be, and as close as a reader can see; degrees would ask for sub-pixel panning.
    off = settled(lambda: frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]);"
        " const s = window.map.getSize(); return [p.x - s.x / 2, p.y - s.y / 2]; }", [lat, lon]))
    assert abs(off[0]) <= 1 and abs(off[1]) <= 1, f"the link's centre is drawn {off} px from the middle"
    assert frame.evaluate("() => window.map.getZoom()") == zoom


def test_phone_gets_a_wide_tall_map_with_details_under_it(app_server, sized_page, prepared, tmp_path):
    page = sized_page(390, 844)
    page.goto(f"{app_server.url}/?lang=id")
    wait_for_arcs(page, len(prepared.drawable_ids))
    box = settled_box(page, MAP_FRAME)
    page.screenshot(path=str(tmp_path / "phone.png"))
    assert box["width"] >= 0.95 * 390
    assert box["height"] >= 0.6 * 844
    title = page.locator("h1").first.bounding_box()
    assert title["height"] <= 0.12 * 844  # a compact header, not a third of the screen
    details = page.locator(".st-key-selected").first  # the Partnership box, also a list to pick from
    details.scroll_into_view_if_needed()
    below, box = details.bounding_box(), page.locator(MAP_FRAME).first.bounding_box()
    assert below["y"] >= box["y"] + box["height"] - 1  # right under the map, not beside it
    assert below["y"] - (box["y"] + box["height"]) <= 0.3 * 844
    as_list = page.get_by_text("Peta sebagai daftar")
    assert as_list.count() == 1
    label = page.locator(MAP_FRAME).first.get_attribute("aria-label")  # for screen readers
    assert label and "Peta sebagai daftar" in label


def test_picture_button_downloads_the_view_as_png(app_server, sized_page, prepared, tmp_path):
    page = sized_page(1400, 1000)
    page.goto(f"{app_server.url}/?lang=en&level=regency")
    wait_for_arcs(page, drawn_count(prepared, Filters(levels={"regency"})))
    page.get_by_role("button", name="Picture", exact=True).click()
    button = page.get_by_role("button", name="Picture: PNG")
    button.wait_for(timeout=WAIT)
    with page.expect_download(timeout=WAIT) as info:
        button.click()
    path = tmp_path / "picture.png"
    info.value.save_as(path)
    data = path.read_bytes()
    assert info.value.suggested_filename == "kembar-map.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") >= 1600
