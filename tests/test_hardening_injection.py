"""Hostile text everywhere it can enter, checked in the real browser: shown as text, runs nothing.

The running app (`streamlit run app.py` on 127.0.0.1) reads a hostile dataset from a temporary
folder (KEMBAR_DATA): HTML and script in names, notes, fields, sources, extra columns and
milestones. Every payload sets `window.__pwned` or opens a dialog if it ever runs; the tests
assert neither happens, in the page and inside the map's iframe (tooltips included), and in
the exported HTML. Also: query parameters, spreadsheet formulas in the CSV download, and path
traversal against the static folder and the seeds/ sources.
"""

from __future__ import annotations

import csv
import html
import io
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from components.map.assets import STATIC_DATA, STATIC_SUBDIR, leaflet_sources, outlines_name
from components.dataset.writer import FORMULA_STARTS
from components.map.export import standalone_html
from components.pipeline import prepare
from components.ui.text import highlighted
from tests.browser import MAP_FRAME, NetworkGuard, StreamlitServer, download_csv, open_section

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "data" / "partnerships.csv"
WAIT = 60_000

IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
SCRIPT = "</script><script>window.__pwned=2;alert(2)</script>"
SVG = "<svg/onload=window.__pwned=3>"
LINK = "[click me](javascript:window.__pwned=4)"
URL = 'https://example.org/a"><img/src=x/onerror=window.__pwned=5>'
HTML_CHUNK = f"{IMG} {SCRIPT} {SVG} {LINK}"
FORMULAS = ('=HYPERLINK("http://127.0.0.1/x","y")', "+1+1", "-2+3", "@SUM(A1)")
TRAVERSAL_SOURCE = "seeds/../app.py"

pytestmark = pytest.mark.timeout(180)

# Everything a payload could have left behind if the browser had parsed it as HTML.
TRACES = """() => ({pwned: window.__pwned === undefined ? null : window.__pwned,
  elements: document.querySelectorAll('[onerror], [onload], img[src="x"]').length,
  links: document.querySelectorAll('a[href^="javascript"]').length})"""


# --- the hostile dataset -------------------------------------------------------------------------

def write_hostile(folder: Path) -> Path:
    """partnerships.csv and milestones.csv with a payload in every text column."""
    with DATASET.open(encoding="utf-8", newline="") as handle:
        header, first = list(csv.reader(handle))[:2]
    header = header + ["comment"]
    base = dict(zip(header, first + [""]))
    rows = [
        {**base, "notes": f"Notes {HTML_CHUNK}", "fields": f"trade;{SVG}", "comment": FORMULAS[0]},
        {**base, "id": "evil-zh", "id_name": "Kota Semarang", "id_province": "Jawa Tengah",
         "cn_name_zh": f"{SCRIPT}{IMG}", "stage": "mou", "notes": FORMULAS[1],
         "comment": FORMULAS[3], "sources": URL},
        {**base, "id": "evil-name", "id_name": f"Kota {SVG}", "cn_name": f"Hangzhou {IMG}",
         "cn_name_zh": "", "notes": FORMULAS[2], "fields": LINK},
        {**base, "id": "evil-seed", "id_name": "Kota Cilegon", "sources": TRAVERSAL_SOURCE},
    ]
    path = folder / "partnerships.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([row[column] for column in header] for row in rows)
    with (folder / "milestones.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ("partnership", "date", "event", "sources", "notes"),
            ("serang-hangzhou", "2025-09-05", "loi", URL, f"Milestone {HTML_CHUNK}"),
        ])
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return write_hostile(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def server(hostile, tmp_path_factory):
    env = {"KEMBAR_DATA": str(hostile), "KEMBAR_ONLINE": "0",
           "KEMBAR_CACHE": str(hostile.parent / "geocache.json")}
    running = StreamlitServer(env=env).start(tmp_path_factory.mktemp("server"))
    yield running
    running.stop()


@pytest.fixture
def context(browser):
    """A guarded browser context; its pages record every dialog (a dialog means a payload ran)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    guard = NetworkGuard()
    guard.attach(context)
    yield context
    context.close()
    assert guard.blocked == [], f"requests left the machine: {guard.blocked[:5]}"


def new_page(context):
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    return page


@pytest.fixture
def page(context):
    return new_page(context)


def open_pages(context, server, queries: list[str]) -> list:
    """Open several links at once (the server works on them together), then wait for each map."""
    pages = [new_page(context) for _ in queries]
    for page, query in zip(pages, queries):
        page.goto(f"{server.url}/{query}", wait_until="commit")
    for page in pages:
        page.frame_locator(MAP_FRAME).locator(".leaflet-container").wait_for(timeout=WAIT)
    return pages


def assert_nothing_ran(page) -> None:
    assert page.dialogs == []
    for frame in page.frames:
        traces = frame.evaluate(TRACES)
        assert traces == {"pwned": None, "elements": 0, "links": 0}, (frame.url, traces)


def body_text(page) -> str:
    return page.inner_text("body")


# --- the running app -----------------------------------------------------------------------------

def test_the_canary_catches_a_payload_that_runs(page):
    page.set_content(f"<p>{IMG}</p>")
    page.wait_for_timeout(300)
    with pytest.raises(AssertionError):
        assert_nothing_ran(page)


@pytest.fixture(scope="module")
def hostile_pages(browser, server):
    """The three hostile partnerships' links, opened once for the tests that only read them."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    guard = NetworkGuard()
    guard.attach(context)
    pages = open_pages(context, server, ["?selected=serang-hangzhou", "?selected=evil-zh",
                                         "?selected=evil-name"])
    yield dict(zip(("notes", "zh", "name"), pages))
    context.close()
    assert guard.blocked == [], f"requests left the machine: {guard.blocked[:5]}"


def test_hostile_dataset_text_is_shown_as_text(hostile_pages, tmp_path):
    notes, zh, name = hostile_pages["notes"], hostile_pages["zh"], hostile_pages["name"]
    notes.get_by_text("Notes <img src=x", exact=False).filter(visible=True).first.wait_for(timeout=WAIT)
    notes.get_by_text("Milestone <img src=x", exact=False).filter(visible=True).first.wait_for(timeout=WAIT)
    text = body_text(notes)
    assert IMG in text and SVG in text and LINK in text
    zh.get_by_text(f"{SCRIPT}{IMG}", exact=False).filter(visible=True).first.wait_for(timeout=WAIT)
    name.get_by_text(f"Kota {SVG}", exact=False).filter(visible=True).first.wait_for(timeout=WAIT)
    assert f"Hangzhou {IMG}" in body_text(name)
    open_section(name, "Data problems")
    name.get_by_text("Not placed on the map: Kota", exact=False).filter(visible=True).first.wait_for(timeout=WAIT)
    name.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    for page in (notes, zh, name):
        assert_nothing_ran(page)


# Every arc's and place's tooltip content, built as Leaflet builds it on hover, put in the page.
ALL_TOOLTIPS = """() => {
  const name = Object.keys(window).find(k => k.startsWith("map_") && window[k] instanceof L.Map);
  const texts = [];
  window[name].eachLayer(layer => {
    if (!layer.feature) return;
    const parent = Object.values(layer._eventParents || {})[0];
    const tooltip = parent && parent.getTooltip && parent.getTooltip();
    if (!tooltip) return;
    const box = tooltip._content(layer);
    document.body.appendChild(box);
    texts.push(box.textContent);
  });
  return texts;
}"""

ARC_POINTS = """(id) => {
  const name = Object.keys(window).find(k => k.startsWith("map_") && window[k] instanceof L.Map);
  const map = window[name];
  let found = null;
  map.eachLayer(l => { if (l.feature && l.feature.properties.id === id) found = l; });
  if (!found) return null;
  const line = found.getLatLngs();
  return [0.5, 0.4, 0.6, 0.3, 0.7].map(f => map.latLngToContainerPoint(line[Math.floor(line.length * f)]));
}"""


def test_map_tooltips_show_hostile_names_as_text(hostile_pages):
    page = hostile_pages["zh"]
    frame = page.frame(url=lambda url: "st_folium" in url) or page.wait_for_selector(
        MAP_FRAME).content_frame()
    frame.wait_for_function(f"() => ({ARC_POINTS})('evil-zh') !== null", timeout=WAIT)
    page.wait_for_timeout(1500)  # the iframe settles (resize, re-layout) before hovering
    box = page.locator(MAP_FRAME).bounding_box()
    shown = ""
    for point in frame.evaluate(ARC_POINTS, "evil-zh"):
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        try:
            frame.wait_for_selector(".leaflet-tooltip", timeout=2000)
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: try the next point
            continue
        shown = frame.inner_text(".leaflet-tooltip")
        if "onerror" in shown:
            break
    assert SCRIPT in shown and IMG in shown, shown
    texts = frame.evaluate(ALL_TOOLTIPS)
    assert any(SCRIPT in t and IMG in t for t in texts)
    page.wait_for_timeout(300)  # an <img onerror> would have fired by now
    assert_nothing_ran(page)


QUERIES = [
    {"q": "<script>window.__pwned=1;alert(1)</script>"},
    {"selected": IMG, "level": SVG, "lang": IMG, "year_from": SCRIPT},
    {"selected": "../../etc/passwd", "field": "../../app.py", "q": LINK},
]


def test_query_parameters_are_text(server, context):
    pages = open_pages(context, server, ["?" + urllib.parse.urlencode(q) for q in QUERIES])
    for page, query in zip(pages, QUERIES):
        if "selected" in query:
            page.get_by_text("selected", exact=False).first.wait_for(timeout=WAIT)
        if "q" in query:
            # The box first renders empty and then takes the value the link seeded: wait for it.
            expect(page.locator('input[aria-label="Search names"]')).to_have_value(query["q"],
                                                                                timeout=WAIT)
        text = body_text(page)
        assert "root:x:0:0" not in text and "st.set_page_config" not in text
    pages[0].wait_for_timeout(500)
    for page in pages:
        assert_nothing_ran(page)


def test_the_csv_download_neutralises_formulas(hostile_pages, tmp_path):
    page = hostile_pages["notes"]
    rows = list(csv.reader(io.StringIO(download_csv(page, tmp_path, WAIT))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    for formula in FORMULAS:
        assert "'" + formula in cells  # kept, as text a spreadsheet will not run



# --- the export --------------------------------------------------------------------------------

def test_the_exported_html_runs_nothing(hostile, page, tmp_path):
    prepared = prepare(hostile, online=False, cache_path=tmp_path / "geocache.json")
    html_path = tmp_path / "kembar-map.html"
    html_path.write_text(standalone_html(prepared.partnerships, prepared.places, tiles=None),
                         encoding="utf-8")
    page.goto(html_path.as_uri())
    page.wait_for_function("() => Object.keys(window).some(k => /^map_[0-9a-f]+$/.test(k))")
    texts = page.evaluate(ALL_TOOLTIPS)
    assert any(SCRIPT in t and IMG in t for t in texts)
    page.wait_for_timeout(300)
    assert_nothing_ran(page)


def test_the_first_screens_stand_in_boxes_show_names_as_text(hostile, monkeypatch):
    """The first screen draws the Partnership box's look in HTML (components/ui/standin.py):
    the chosen partnership's names in it are escaped."""
    from tests.apptest import first_screen

    monkeypatch.setenv("KEMBAR_DATA", str(hostile))
    monkeypatch.setenv("KEMBAR_CACHE", str(hostile.parent / "geocache.json"))
    at = first_screen(selected="evil-name")
    boxes = [e.proto.body for e in at.main.get("html") if "kembar-to-follow" in e.proto.body]
    assert len(boxes) == 2
    assert html.escape(f"Kota {SVG} — Hangzhou {IMG}") in boxes[1]
    assert "<img" not in boxes[1] and "<svg" not in boxes[1]


def test_article_excerpts_are_escaped_in_the_browser(page):
    # The app reads articles only from the project's seeds/ folder, so the excerpt renderer is
    # fed hostile article text directly; its HTML is what st.html puts in the page.
    text = f"Kota Serang {HTML_CHUNK} dan Hangzhou."
    start = text.index("Hangzhou")
    markup = highlighted(text, ((0, 11), (start, start + 8), (5, 40)))
    page.set_content(f"<blockquote>{markup}</blockquote>")
    assert page.inner_text("blockquote") == text
    assert page.locator("mark").all_inner_texts() == ["Kota Serang", "Hangzhou"]
    page.wait_for_timeout(200)
    assert_nothing_ran(page)


# --- path traversal --------------------------------------------------------------------------------

SECRETS = {
    "app.py": (ROOT / "app.py").read_text(encoding="utf-8")[:200],
    "partnerships.csv": DATASET.read_text(encoding="utf-8")[:200],
    "passwd": "root:x:0:0",
}


def fetch(url: str) -> tuple[int, str]:
    request = urllib.request.Request(url)
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.read(2_000_000).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read(2_000_000).decode("utf-8", "replace")


@pytest.mark.parametrize("path", [
    "/app/static/../app.py",
    "/app/static/kembar/../../data/partnerships.csv",
    "/app/static/kembar/../../app.py",
    "/app/static/%2e%2e/app.py",
    "/app/static/%2e%2e/%2e%2e/etc/passwd",
    "/app/static/..%2f..%2fapp.py",
    "/app/static/kembar/leaflet/..%2f..%2f..%2fdata%2fpartnerships.csv",
    "/app/static//etc/passwd",
    "/app/static/%2fetc%2fpasswd",
    "/app/static/kembar%5c..%5c..%5capp.py",
    "/component/streamlit_folium.st_folium/../../../../app.py",
    "/component/streamlit_folium.st_folium/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/media/../app.py",
    "/app.py",
    "/data/partnerships.csv",
    "/seeds/2025-09-xinhua-bharata-kota-kembar.txt",
])
def test_no_url_serves_code_or_data(server, path):
    # http.client sends the path exactly as written: no client-side dot-segment removal.
    status, body = fetch(server.url + path)
    leaked = [name for name, secret in SECRETS.items() if secret in body]
    assert leaked == [], f"{path} -> {status} served {leaked}"


def test_the_static_folder_holds_only_leaflet_the_outlines_and_the_provinces():
    static = ROOT / "static"
    allowed = {STATIC_SUBDIR / "leaflet" / relative for _, relative in leaflet_sources()}
    allowed.add(STATIC_SUBDIR / outlines_name())
    allowed.update(STATIC_SUBDIR / name for name in STATIC_DATA)
    present = {p.relative_to(ROOT) for p in static.rglob("*") if p.is_file()}
    assert present <= allowed, sorted(map(str, present - allowed))
    assert all(p.suffix in (".js", ".css", ".png", ".geojson") for p in present)


def test_leaflet_is_served_from_static(server):
    status, body = fetch(server.url + "/app/static/kembar/leaflet/leaflet.js")
    assert status == 200 and "Leaflet" in body[:2000]


def test_a_source_leaving_seeds_is_a_problem_and_not_read(hostile, tmp_path):
    prepared = prepare(hostile, online=False, cache_path=tmp_path / "geocache.json")
    problems = [p for p in prepared.dataset.problems if p.value == TRAVERSAL_SOURCE]
    assert problems and "leaves the seeds/ folder" in problems[0].message
    assert "evil-seed" not in {p.id for p in prepared.partnerships}
    assert all(a.path.resolve().is_relative_to((ROOT / "seeds").resolve()) for a in prepared.articles)
