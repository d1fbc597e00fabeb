"""A load test of the running app: one server, N browser sessions changing filters at once.

Starts `streamlit run app.py` on 127.0.0.1 (a free port, offline geocoding), opens N pages in
one headless Chromium, each on a different shareable link, and has each page alternate between
two texts in the "Search names" box until the time is up. After every change the page must
show exactly the number of arcs the filters predict (counted on the Leaflet map object in the
map's iframe). Every request that would leave the machine is aborted and counted as an error.
Reports errors, the server's resident memory (after one warm-up page, peak, growth per
session) and the p50/p95 time of a filter change. Loopback only, bounded in time.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from components.bench.harness import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, StreamlitServer
from components.filters import apply_filters
from components import DATA_PATH
from components.pipeline import Prepared, prepare
from components.viewstate import view_from_params

EXTRA_CHROMIUM_ARGS = ("--disable-background-timer-throttling", "--disable-renderer-backgrounding")
LINKS = ("", "?level=city", "?stage=loi", "?level=province&year_from=2010", "?q=Jawa",
         "?level=regency", "?stage=mou,agreement", "?cn_province=Zhejiang",
         "?id_province=Jawa%20Tengah", "?year_from=2000&year_to=2015", "?lang=id&level=city",
         "?undated=0&stage=exploration,loi")
SEARCHES = ("Jawa", "Banten", "Guangxi", "Kabupaten", "Zhejiang", "Sumatera", "Bali", "Kota", "")
SEARCH_BOX = ".st-key-f_q input"  # by widget key: the label is translated under ?lang=
COUNT_ARCS = """() => {
  if (typeof L === "undefined") return -1;
  const key = Object.keys(window).find(k => k.startsWith("map_") && window[k] instanceof L.Map);
  if (!key) return -1;
  let n = 0;
  window[key].eachLayer(l => { if (l.feature && l.feature.geometry.type === "LineString") n++; });
  return n;
}"""
WAIT_SECONDS = 60.0  # for one page load or one filter change, before it counts as an error


@dataclass(frozen=True)
class Scenario:
    """One session's link and the two search texts it alternates between, with their arc counts."""

    link: str
    searches: tuple[str, str]
    expected: tuple[int, int]


@dataclass
class Measurements:
    """What one run collected: each session, the server's memory and CPU, blocked requests."""

    results: list
    rss_warm: int  # KiB, after the warm-up page
    rss_samples: list[int]  # KiB, every 0.25 s while the sessions ran
    server_cpu: float  # seconds of CPU the server used while the sessions ran
    blocked: list[str]


@dataclass
class SessionResult:
    link: str
    load_seconds: float | None = None
    changes: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def expected_arcs(prepared: Prepared, link: str, search: str | None = None) -> int:
    """The arcs the map draws for a link (and a search text typed over the link's own)."""
    params = parse_qs(urlsplit(link).query, keep_blank_values=True)
    view, _ = view_from_params(params, choices=prepared.choices)
    filters = view.filters if search is None else replace(view.filters, query=search)
    shown = apply_filters(prepared.partnerships, filters, search_index=prepared.search_index)
    drawable = prepared.drawable_ids
    return sum(p.id in drawable for p in shown)


def build_scenarios(prepared: Prepared, sessions: int) -> list[Scenario]:
    """One scenario per session, cycling through LINKS; the second search changes the count."""
    scenarios = []
    for number in range(sessions):
        link = LINKS[number % len(LINKS)]
        own = parse_qs(urlsplit(link).query).get("q", [""])[-1]
        first = expected_arcs(prepared, link, own)
        other = next((s for s in SEARCHES if s != own and expected_arcs(prepared, link, s) != first),
                     None)
        if other is None:
            raise ValueError(f"no search text changes the arc count of link {link!r}")
        scenarios.append(Scenario(link, (own, other), (first, expected_arcs(prepared, link, other))))
    return scenarios


# --- the server ----------------------------------------------------------------------------------

def start_server(data_path: Path, log_dir: Path, timeout: float = 90) -> StreamlitServer:
    """`streamlit run app.py` on 127.0.0.1, offline; returned once it is healthy."""
    env = {"KEMBAR_DATA": str(data_path), "KEMBAR_ONLINE": "0", "KEMBAR_TILES": "0"}
    return StreamlitServer(env=env).start(log_dir, timeout=timeout)


def rss_kib(pid: int) -> int:
    """Resident memory of a process in KiB, from /proc (0 once it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far, from /proc (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- the sessions --------------------------------------------------------------------------------

async def _arcs(page) -> int:
    """The arcs on the page's map now; -1 while the map (or its iframe) is not there."""
    handle = await page.query_selector(MAP_FRAME)
    frame = await handle.content_frame() if handle else None
    if frame is None:
        return -1
    try:
        return await frame.evaluate(COUNT_ARCS)
    except Exception:  # noqa: BLE001 - the iframe was replaced mid-call: not there yet
        return -1


async def _wait_for(page, expected: int, limit: float = WAIT_SECONDS) -> float:
    """Seconds until the map shows exactly `expected` arcs; TimeoutError past the limit."""
    started = time.monotonic()
    seen = -1
    while time.monotonic() - started < limit:
        seen = await _arcs(page)
        if seen == expected:
            return time.monotonic() - started
        await asyncio.sleep(0.05)
    raise TimeoutError(f"expected {expected} arcs, still {seen} after {limit:.0f}s")


async def run_session(context, url: str, scenario: Scenario, seconds: float) -> SessionResult:
    """Open the link, then alternate the search text for `seconds`; every change is timed."""
    result = SessionResult(scenario.link)
    page = await context.new_page()
    page.on("pageerror", lambda error: result.errors.append(f"page error: {error}"))
    try:
        await page.goto(url + "/" + scenario.link, wait_until="commit")
        result.load_seconds = await _wait_for(page, scenario.expected[0], WAIT_SECONDS * 2)
        stop_at, turn = time.monotonic() + seconds, 1
        while time.monotonic() < stop_at:
            box = page.locator(SEARCH_BOX)
            await box.fill(scenario.searches[turn])
            await box.press("Enter")
            result.changes.append(await _wait_for(page, scenario.expected[turn]))
            turn = 1 - turn
        if await page.locator('[data-testid="stException"]').count():
            result.errors.append("the page shows an exception")
    except Exception as error:  # noqa: BLE001 - any failure of a session is reported, not raised
        result.errors.append(f"{type(error).__name__}: {error}")
    finally:
        await page.close()
    return result


async def _watch_memory(pid: int, samples: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(rss_kib(pid))
        try:
            await asyncio.wait_for(stop.wait(), 0.25)
        except asyncio.TimeoutError:
            pass


async def drive(url: str, pid: int, scenarios: list[Scenario], seconds: float) -> Measurements:
    """All sessions at once in one Chromium, after one warm-up page (the first run loads the
    dataset and builds the caches, which is not growth per session)."""
    from playwright.async_api import async_playwright

    blocked: list[str] = []

    async def guard(route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost"):
            await route.continue_()
        else:
            blocked.append(route.request.url)
            await route.abort()

    samples: list[int] = []
    stop = asyncio.Event()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *EXTRA_CHROMIUM_ARGS])
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        await context.route("**/*", guard)
        warm = await run_session(context, url, scenarios[0], 0)
        if warm.errors:
            raise RuntimeError(f"the warm-up page failed: {warm.errors[0]}")
        baseline, cpu = rss_kib(pid), cpu_seconds(pid)
        watcher = asyncio.create_task(_watch_memory(pid, samples, stop))
        results = await asyncio.gather(*(run_session(context, url, s, seconds) for s in scenarios))
        stop.set()
        await watcher
        cpu = cpu_seconds(pid) - cpu
        await browser.close()
    return Measurements(list(results), baseline, samples, round(cpu, 1), blocked)


# --- the report ----------------------------------------------------------------------------------

def percentile(values: list[float], fraction: float) -> float | None:
    """The value below which `fraction` of the values lie (nearest rank); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def summarise(m: Measurements, sessions: int, seconds: float) -> dict:
    """Everything the run measured, as plain data for the JSON file and the table."""
    results, samples, baseline, blocked = m.results, m.rss_samples, m.rss_warm, m.blocked
    changes = [c for r in results for c in r.changes]
    peak = max(samples + [baseline])
    return {
        "sessions": sessions, "seconds": seconds,
        "errors": sum(len(r.errors) for r in results) + len(blocked),
        "blocked_requests": blocked[:20],
        "filter_changes": len(changes),
        "change_p50_s": percentile(changes, 0.5), "change_p95_s": percentile(changes, 0.95),
        "change_max_s": max(changes) if changes else None,
        "load_p95_s": percentile([r.load_seconds for r in results if r.load_seconds], 0.95),
        "rss_warm_mib": round(baseline / 1024, 1), "rss_peak_mib": round(peak / 1024, 1),
        "rss_end_mib": round((samples[-1] if samples else baseline) / 1024, 1),
        "rss_growth_per_session_mib": round((peak - baseline) / 1024 / max(sessions, 1), 2),
        "server_cpu_s": m.server_cpu,
        "results": [asdict(r) for r in results],
    }


def run_loadtest(sessions: int = 12, seconds: float = 60, *, data_path: Path | str = DATA_PATH,
                 log_dir: Path | str | None = None) -> dict:
    """Start the server, run every session for `seconds`, stop everything; return the summary."""
    data_path = Path(data_path)
    scenarios = build_scenarios(prepare(data_path, online=False), sessions)
    log_dir = Path(log_dir or os.environ.get("TMPDIR", "/tmp"))
    server = start_server(data_path, log_dir)
    process, url = server.process, server.url
    try:
        # A thread of its own: the caller may already run an event loop (Playwright's sync API).
        with ThreadPoolExecutor(max_workers=1) as pool:
            measured = pool.submit(asyncio.run, drive(url, process.pid, scenarios, seconds)).result()
    finally:
        server.stop()
    return summarise(measured, sessions, seconds)

