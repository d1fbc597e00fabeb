"""The first screen on the real data (issue 16): opening the page until every arc is drawn.

Three servers run side by side on the same data: the floor (a one-line Streamlit page,
`floor.py`, timed until its title shows), Kembar and the naive peer (timed until Leaflet holds
every arc). Each visit is a fresh browser context (an empty browser cache, as a first-time
visitor has). "Cold" is each server's first visit after its start; "warm" is the median of
`rounds` further visits, taken in turns (floor, peer, Kembar, floor, …) so that a load spike on
this shared machine falls on all three alike, with a pause after each visit (a closing page's
last work must not fall on the next one). Loopback only: any other request fails the run.

Each visit also takes times on the page's own clock (from navigation, `performance.now()`):
when its title showed and when the map's frame (streamlit-folium's iframe) was created, both
noted the moment the element is added (a MutationObserver, no polling), and when the check saw
every arc (read after the visit's time is taken). They show where the time goes: until the
frame exists, none of the map's own code can run.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from components import ROOT
from components.bench.harness import MAP_FRAME, StreamlitServer, launch_chromium, timed_visit

FLOOR = ROOT / "components" / "bench" / "floor.py"
ORDER = ("floor", "peer", "kembar")
TIMEOUT_MS = 300_000
# In the top document only: the page-clock time its first <h1> and the map's frame were added.
MARKS_JS = """(() => {
  if (window !== window.top) { return; }
  const marks = window.__benchMarks = {};
  new MutationObserver(() => {
    if (marks.title === undefined && document.querySelector("h1")) { marks.title = performance.now(); }
    if (marks.frame === undefined && document.querySelector(%s)) { marks.frame = performance.now(); }
  }).observe(document, {subtree: true, childList: true});
})();""" % json.dumps(MAP_FRAME)
SEEN_JS = "() => Object.assign({seen: performance.now()}, window.__benchMarks)"


def _arc_counts(csv: Path) -> dict[str, int]:
    """How many arcs each app draws for this file (Kembar: the drawable rows; peer: the placed)."""
    from components.bench.peer import locate, read_rows
    from components.pipeline import prepare

    return {"kembar": len(prepare(csv, online=False).drawable_ids), "peer": len(locate(read_rows(csv)))}


def _ready(app: str, arcs: dict[str, int]) -> Callable[[Any], None]:
    """What 'shown' means for each app: the floor's title, or every arc of the others."""
    from components.bench.run import COUNT_JS, WAIT_JS

    if app == "floor":  # polled as often as the arcs below (a selector wait backs off to 0.5 s)
        return lambda page: page.wait_for_function("() => !!document.querySelector('h1')",
                                                   polling=50, timeout=TIMEOUT_MS)
    return lambda page: page.wait_for_function(WAIT_JS, arg=[MAP_FRAME, arcs[app], COUNT_JS[app]],
                                               polling=50, timeout=TIMEOUT_MS)


SETTLE_S = 1.0  # after each visit, so one page's teardown never falls on the next one's load


def _visit(browser: Any, url: str, ready: Callable[[Any], None],
           marks: list[dict[str, float]] | None = None) -> float:
    """Seconds from opening `url` in a fresh 1440×900 context until `ready` returns; the
    visit's page-clock times (milliseconds) are added to `marks`."""
    after = (lambda page: marks.append(page.evaluate(SEEN_JS))) if marks is not None else None
    seconds = timed_visit(browser, url, ready, init_script=MARKS_JS, after=after)
    time.sleep(SETTLE_S)
    return seconds


def _servers(csv: Path, peer_script: Path, log_dir: Path) -> dict[str, StreamlitServer]:
    scripts = {"floor": FLOOR, "peer": peer_script, "kembar": ROOT / "app.py"}
    env = {"KEMBAR_DATA": str(csv), "KEMBAR_CACHE_DIR": tempfile.mkdtemp(dir=log_dir)}  # cold: empty
    servers: dict[str, StreamlitServer] = {}
    try:
        for app in ORDER:
            servers[app] = StreamlitServer(env=env, script=scripts[app])
            servers[app].start(log_dir, timeout=120)
    except BaseException:
        for server in servers.values():
            server.stop()
        raise
    return servers


def measure_first_screen(csv: Path, peer_script: Path, log_dir: Path,
                         rounds: int = 5) -> dict[str, Any]:
    """Cold and warm seconds to the first screen for the floor, the peer and Kembar, and the
    warm visits' page-clock times (median seconds: title shown, map frame created, arcs seen)."""
    from playwright.sync_api import sync_playwright

    arcs = _arc_counts(csv)
    servers = _servers(csv, peer_script, log_dir)
    samples: dict[str, list[float]] = {app: [] for app in ORDER}
    marks: dict[str, list[dict[str, float]]] = {app: [] for app in ORDER}
    cold: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                for app in ORDER:
                    cold[app] = _visit(browser, servers[app].url + "/", _ready(app, arcs))
                for _ in range(rounds):
                    for app in ORDER:
                        samples[app].append(_visit(browser, servers[app].url + "/",
                                                   _ready(app, arcs), marks[app]))
            finally:
                browser.close()
    finally:
        for server in servers.values():
            server.stop()
    return {"arcs": arcs, "rounds": rounds, "cold_s": cold, "warm_samples_s": samples,
            "warm_s": {app: statistics.median(values) for app, values in samples.items()},
            "warm_marks_s": {app: _median_marks(visits) for app, visits in marks.items()}}


def _median_marks(visits: list[dict[str, float]]) -> dict[str, float]:
    """Each page-clock time's median over the visits that took it, in seconds."""
    names = sorted({name for visit in visits for name in visit})
    return {name: statistics.median(v[name] for v in visits if name in v) / 1000 for name in names}
