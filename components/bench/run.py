"""The benchmark: Kembar against a naive streamlit-folium peer on synthetic datasets (issue 7).

Server-side figures come from one subprocess per (app, dataset) that drives the page with
Streamlit's AppTest, so peak memory (ru_maxrss) is that app's alone; browser figures come from
`streamlit run` on 127.0.0.1 and headless Chromium with every non-loopback request aborted.
Streamlit is imported only inside those functions: the benchmark drives the UI layer, the
pipeline modules stay free of it.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from components.bench.clicks import median_click_seconds
from components.bench.data import SEED, write_dataset
from components.bench.peer import write_peer
from components.pipeline import DATA_PATH

from components import ROOT
from components.bench.harness import MAP_FRAME, StreamlitServer, launch_chromium, timed_visit
APPS = ("kembar", "peer")
RESTART = "kembar-restart"  # Kembar again in a new process, its on-disk prepared dataset kept
WORKER_TIMEOUT = 1200
FILTER_LEVELS, FILTER_BUDGET = ("city", "regency", "province"), 6.0
MAP_COMPONENT = "streamlit_folium.st_folium"

# What counts as one drawn arc: Kembar's LineString features; the peer's bare PolyLines.
COUNT_JS = {
    "kembar": "l => l.feature && l.feature.geometry && l.feature.geometry.type === 'LineString'",
    "peer": "l => l instanceof L.Polyline && !(l instanceof L.Polygon) && !l.feature",
}
WAIT_JS = """([selector, expected, test]) => {
  const frame = document.querySelector(selector);
  const w = frame && frame.contentWindow;
  if (!w || typeof w.L === "undefined") return false;
  const key = Object.keys(w).find(k => k.startsWith("map_") && w[k] instanceof w.L.Map);
  if (!key) return false;
  const isArc = w.eval("(" + test + ")");
  let n = 0;
  w[key].eachLayer(l => { if (isArc(l)) n++; });
  return n === expected;
}"""


# --- in the worker subprocess -------------------------------------------------------------

def _timed(module: Any, name: str, spent: list[float]) -> None:
    """Replace module.name by a wrapper that adds each call's duration to `spent`."""
    original = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    setattr(module, name, wrapper)


def _load_times(app: str, csv: Path) -> tuple[float, float, int]:
    """(load + validate s, geocoding s, rows loaded) as each app does them."""
    start = time.perf_counter()
    if app == "kembar":
        from components.places.chain import resolve_places
        from components.dataset.partnerships import load_partnerships
        rows = load_partnerships(csv).partnerships
        loaded = time.perf_counter()
        resolve_places(rows, online=False)
    else:
        from components.bench.peer import locate, read_rows
        rows = read_rows(csv)
        loaded = time.perf_counter()
        locate(rows)
    return loaded - start, time.perf_counter() - loaded, len(rows)


def _instrument(app: str) -> list[float]:
    """Time every map build and st_folium call the page makes (patched before the page runs)."""
    import streamlit_folium

    from components.bench import peer as benchpeer
    from components.map import build as mapview

    spent: list[float] = []
    _timed(streamlit_folium, "st_folium", spent)
    for module, name in ((mapview, "build_base_map"), (mapview, "build_arcs_layer"),
                         (benchpeer, "naive_map")):
        _timed(module, name, spent)
    return spent


def _map_element(at: Any) -> Any:
    def walk(node: Any):
        for child in getattr(node, "children", {}).values():
            if getattr(getattr(child, "proto", None), "component_name", "") == MAP_COMPONENT:
                yield child
            yield from walk(child)
    element = next(walk(at._tree), None)
    if element is None:
        raise RuntimeError("the page has no st_folium map")
    return element


def _map_reports_drawn(at: Any) -> None:
    """What the browser does once Kembar's map has drawn: its component reports, and the page
    reruns to add the sidebar (AppTest runs no JavaScript, so the report is set here)."""
    from components.ui.mappanel import FIRST_REPORT, MAP_KEY

    widget_key = _map_element(at).proto.id.split("-", 2)[2]
    at.session_state[widget_key] = at.session_state[MAP_KEY] = FIRST_REPORT
    at.run()


def _run(at: Any, action: Callable[[Any], Any]) -> float:
    start = time.perf_counter()
    action(at)
    seconds = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"the page raised: {at.exception[0].message}")
    return seconds


def _filter_changes(at: Any, app: str) -> list[float]:
    """Seconds of each rerun after a level change to a level not shown before (city, then
    regency, then province, while the total stays under FILTER_BUDGET s): a fresh set of arcs
    each time, because a single sample is noisy and a repeated one could hit a cache."""
    samples: list[float] = []
    for level in FILTER_LEVELS:
        if samples and sum(samples) * 1.5 > FILTER_BUDGET:
            break
        if app == "kembar":
            samples.append(_run(at, lambda a: a.multiselect(key="f_levels").set_value([level]).run()))
        else:
            samples.append(_run(at, lambda a: a.selectbox(key="level").set_value(level).run()))
    return samples


def worker(app: str, csv: Path, script: Path) -> dict[str, Any]:
    """Every server-side figure of one app on one dataset (run in a fresh process)."""
    os.environ["KEMBAR_DATA"] = str(csv)
    if app == RESTART:  # a fresh server on files prepared before: the first page run alone
        from streamlit.testing.v1 import AppTest

        return {"first_run_s": _run(AppTest.from_file(str(script), default_timeout=WORKER_TIMEOUT),
                                    lambda a: a.run())}
    load_s, geocode_s, rows = _load_times(app, csv)
    spent = _instrument(app)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=WORKER_TIMEOUT)
    first_s = _run(at, lambda a: a.run())
    first, map_s = _map_element(at).proto, sum(spent)
    second_s = _run(at, _map_reports_drawn) if app == "kembar" else None
    spent.clear()
    samples = _filter_changes(at, app)
    after = _map_element(at).proto
    return {
        "rows": rows, "load_s": load_s, "geocode_s": geocode_s, "first_run_s": first_s,
        "sidebar_run_s": second_s, "map_build_s": map_s, "map_bytes": len(first.json_args.encode()),
        "filter_s": statistics.median(samples), "filter_samples_s": samples,
        "filter_map_s": sum(spent) / len(samples),
        "filter_map_bytes": len(after.json_args.encode()), "map_kept": first.id == after.id,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# --- in the benchmark process --------------------------------------------------------------

def measure_app(app: str, csv: Path, script: Path, cache: Path) -> dict[str, Any]:
    """Run `worker` in a subprocess (cwd = the project; `cache` its KEMBAR_CACHE_DIR)."""
    command = [sys.executable, "-m", "components.bench.run", app, str(csv), str(script)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KEMBAR_CACHE_DIR": str(cache)}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                          timeout=WORKER_TIMEOUT, env=env)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{app} on {csv.name} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def _draw_seconds(browser: Any, url: str, app: str, expected: int) -> float:
    """Seconds from opening the page until Leaflet holds every arc; no request leaves."""
    return timed_visit(browser, url, lambda page: page.wait_for_function(
        WAIT_JS, arg=[MAP_FRAME, expected, COUNT_JS[app]], polling=100, timeout=300_000),
        viewport=(1400, 1000))


def _peak_rss_mb(pid: int) -> float:
    """The server process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure_browser(app: str, csv: Path, script: Path, expected: int,
                    log_dir: Path) -> dict[str, Any]:
    """Time to draw every arc on a cold server (first visit, files never prepared before) and a
    warm one (second visit); for Kembar, then the median time from a click on an arc until its
    details show."""
    from playwright.sync_api import sync_playwright

    env = {"KEMBAR_DATA": str(csv), "KEMBAR_CACHE_DIR": tempfile.mkdtemp(dir=log_dir)}
    app_script = ROOT / "app.py" if app == "kembar" else script
    server = StreamlitServer(env=env, script=app_script).start(log_dir, timeout=120)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                cold = _draw_seconds(browser, server.url + "/", app, expected)
                warm = _draw_seconds(browser, server.url + "/", app, expected)
                # The peer's click opens a popup in the browser, with no round trip to time.
                click = median_click_seconds(browser, server.url + "/") if app == "kembar" else None
            finally:
                browser.close()
        figures = {"browser_cold_s": cold, "browser_warm_s": warm,
                   "server_rss_mb": _peak_rss_mb(server.process.pid)}
        return figures | ({"click_s": click} if click is not None else {})
    finally:
        server.stop()


def _measure_dataset(label: str, csv: Path, script: Path, apps: tuple[str, ...],
                     browser: bool, log: Callable[[str], None]) -> dict[str, Any]:
    row: dict[str, Any] = {"size": label}
    for app in apps:
        log(f"{label}: {app}, server side…")
        cache = Path(tempfile.mkdtemp(prefix="cache-", dir=script.parent))  # empty: files never seen
        row[app] = measure_app(app, csv, script if app == "peer" else ROOT / "app.py", cache)
        if app == "kembar":
            again = measure_app(RESTART, csv, ROOT / "app.py", cache)
            row[app]["restart_first_run_s"] = again["first_run_s"]
        if browser:
            log(f"{label}: {app}, in the browser…")
            row[app].update(measure_browser(app, csv, script, row[app]["rows"], script.parent))
    return row


def run_bench(sizes: list[int], *, browser: bool = True, scale: list[int] | None = None,
              seed: int = SEED, rounds: int = 5,
              log: Callable[[str], None] = print) -> dict[str, Any]:
    """Measure the real dataset and each synthetic size (both apps), then the scale sizes
    (Kembar only, server side only)."""
    results, first_screen, load_before = [], None, os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="kembar-bench-") as directory:
        script = write_peer(directory)
        if browser:
            from components.bench.firstscreen import measure_first_screen

            log("real: first screen, floor / peer / Kembar side by side in the browser…")
            first_screen = measure_first_screen(DATA_PATH, script, Path(directory), rounds)
        results.append(_measure_dataset("real", DATA_PATH, script, APPS, browser, log))
        for size in sizes:
            csv = write_dataset(size, directory, seed)
            results.append(_measure_dataset(str(size), csv, script, APPS, browser, log))
        for size in scale or ():
            csv = write_dataset(size, directory, seed)
            results.append(_measure_dataset(str(size), csv, script, ("kembar",), False, log))
    return {"seed": seed, "cpus": os.cpu_count(), "python": sys.version.split()[0],
            "load_average": [load_before, os.getloadavg()], "first_screen": first_screen, "results": results}


if __name__ == "__main__":
    print(json.dumps(worker(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))))
