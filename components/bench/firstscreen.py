"""The first screen on the real data (issue 16): opening the page until every arc is drawn.

Three servers run side by side on the same data: the floor (a one-line Streamlit page,
`floor.py`, timed until its title shows), Kembar and the naive peer (timed until Leaflet holds
every arc). Each visit is a fresh browser context (an empty browser cache, as a first-time
visitor has). "Cold" is each server's first visit after its start; "warm" is the median of
`rounds` further visits, taken in turns (floor, peer, Kembar, floor, …) so that a load spike on
this shared machine falls on all three alike, with a pause after each visit (a closing page's
last work must not fall on the next one). Loopback only: any other request fails the run.
"""

from __future__ import annotations

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


def _visit(browser: Any, url: str, ready: Callable[[Any], None]) -> float:
    """Seconds from opening `url` in a fresh 1440×900 context until `ready` returns."""
    seconds = timed_visit(browser, url, ready)
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
    """Cold and warm seconds to the first screen for the floor, the peer and Kembar."""
    from playwright.sync_api import sync_playwright

    arcs = _arc_counts(csv)
    servers = _servers(csv, peer_script, log_dir)
    samples: dict[str, list[float]] = {app: [] for app in ORDER}
    cold: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                for app in ORDER:
                    cold[app] = _visit(browser, servers[app].url + "/", _ready(app, arcs))
                for _ in range(rounds):
                    for app in ORDER:
                        samples[app].append(_visit(browser, servers[app].url + "/", _ready(app, arcs)))
            finally:
                browser.close()
    finally:
        for server in servers.values():
            server.stop()
    return {"arcs": arcs, "rounds": rounds, "cold_s": cold, "warm_samples_s": samples,
            "warm_s": {app: statistics.median(values) for app, values in samples.items()}}
