"""Online geocoding when Nominatim misbehaves: the command and the app finish, warn, and stop asking.

Five local stand-ins on 127.0.0.1 (tests/standins.py; never the real service): one that
accepts and never answers, one that answers 429 with Retry-After, one 500, one invalid JSON,
and a port that refuses connections. A synthetic dataset names five places no offline source knows, so the
service is really asked, and one place only the cache knows. Each run must finish in bounded
time with the offline answers, warn clearly, ask at most MAX_FAILURES times (the circuit
breaker), and leave the cache exactly as it was.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.places.nominatim import MAX_FAILURES, TIMEOUT
from tests.apptest import run_app as open_app
from tests.standins import CACHED, UNKNOWN, stand_in, write_cache, write_dataset

ROOT = Path(__file__).resolve().parent.parent
MODES = ("hang", "429", "500", "garbage", "refused")
# Never answering costs one timeout per request until the breaker opens; the rest is start-up.
BOUND = {"hang": MAX_FAILURES * TIMEOUT + 25}
FAST_BOUND = 30  # a hang guard (e.g. no sleeping out a long Retry-After), not a speed target
CLI_START = 20  # five commands start at once on two cores: Python and the imports, per process

pytestmark = pytest.mark.timeout(120)


def assert_cache_untouched(cache: Path, before: bytes) -> None:
    assert cache.read_bytes() == before
    assert sorted(p.name for p in cache.parent.iterdir() if p.name.startswith(cache.name[:8])
                  and p.name != cache.name and not p.name.endswith(".lock")) == []


# --- the command ------------------------------------------------------------------------------

@pytest.fixture(scope="module", autouse=True)
def cli_runs(tmp_path_factory):
    """Start `geocode --online` against every stand-in at once, so the slow cases overlap."""
    runs = {}
    for mode in MODES:
        folder = tmp_path_factory.mktemp(f"cli-{mode}")
        server = stand_in(mode)
        cache = folder / "geocache.json"
        before = write_cache(cache)
        env = {**os.environ, "KEMBAR_NOMINATIM_URL": server.url, "KEMBAR_CACHE": str(cache)}
        env.pop("KEMBAR_ONLINE", None)
        process = subprocess.Popen(
            [sys.executable, "-m", "components", "geocode", str(write_dataset(folder)), "--online"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        run = {"server": server, "process": process, "started": time.monotonic(),
               "cache": cache, "before": before}
        run["waiter"] = threading.Thread(target=_finish, args=(run,), daemon=True)
        run["waiter"].start()
        runs[mode] = run
    yield runs
    for run in runs.values():
        if run["process"].poll() is None:
            run["process"].kill()
            run["process"].wait(timeout=10)
        run["server"].stop()


def _finish(run: dict) -> None:
    """Collect the output and the moment the command ended (its own elapsed time)."""
    run["out"], run["err"] = run["process"].communicate(timeout=BOUND["hang"] + 60)
    run["elapsed"] = time.monotonic() - run["started"]


# --- the app ------------------------------------------------------------------------------------

def run_app(monkeypatch, folder: Path, url: str, cache: Path) -> tuple[AppTest, float]:
    monkeypatch.setenv("KEMBAR_DATA", str(write_dataset(folder)))
    monkeypatch.setenv("KEMBAR_ONLINE", "1")
    monkeypatch.setenv("KEMBAR_NOMINATIM_URL", url)
    monkeypatch.setenv("KEMBAR_CACHE", str(cache))
    started = time.monotonic()
    at = open_app(timeout=90)
    return at, time.monotonic() - started


def problems_tab(at: AppTest):
    """The page with its Data problems section opened (the only one that warns in these runs)."""
    at.segmented_control(key="section").set_value("problems").run()
    return at


def unescaped(elements) -> list[str]:
    return [element.value.replace("\\", "") for element in elements]


@pytest.mark.parametrize("mode", MODES)
def test_the_app_falls_back_warns_and_stops_asking(monkeypatch, tmp_path, mode):
    server = stand_in(mode)
    cache = tmp_path / "geocache.json"
    before = write_cache(cache)
    try:
        at, elapsed = run_app(monkeypatch, tmp_path, server.url, cache)
    finally:
        server.stop()
    assert not at.exception, at.exception
    assert elapsed < BOUND.get(mode, FAST_BOUND), f"{mode}: the app took {elapsed:.1f}s"
    assert server.requests <= MAX_FAILURES
    total = 2 + len(UNKNOWN) + 1
    summary = next(m.value for m in at.markdown if m.value.startswith("**") and " — " in m.value)
    assert summary.startswith(f"**{total} ")  # every row is shown; the offline answers are kept
    tab = problems_tab(at)
    warnings = " ".join(unescaped(tab.warning))
    assert "nominatim: 'Kota Atlantisia'" in warnings
    assert f"stopped after {MAX_FAILURES} failures" in warnings
    errors = " ".join(unescaped(tab.error))
    assert all(f"Not placed on the map: {name}" in errors for name in UNKNOWN)
    assert CACHED not in errors  # the cached answer is used
    assert_cache_untouched(cache, before)


# --- the command, checked last so it ran alongside the app tests -------------------------------

@pytest.mark.parametrize("mode", MODES)
def test_the_command_falls_back_warns_and_stops_asking(cli_runs, mode):
    run = cli_runs[mode]
    run["waiter"].join(timeout=BOUND["hang"] + 60)
    out, err, elapsed = run["out"], run["err"], run["elapsed"]
    assert run["process"].returncode == 1, err  # some places unresolved, nothing worse
    assert elapsed < BOUND.get(mode, FAST_BOUND) + CLI_START, f"{mode}: the command took {elapsed:.1f}s"
    assert "Traceback" not in err
    assert run["server"].requests <= MAX_FAILURES
    rows = {(r["id"], r["side"]): r for r in csv.DictReader(io.StringIO(out))}
    assert rows[("serang-hangzhou", "id")]["resolved_by"] == "gazetteer"
    assert rows[("cachedia-hangzhou", "id")]["resolved_by"] == "cache"
    assert all(rows[(f"{n.split()[-1].lower()}-hangzhou", "id")]["resolved_by"] == "unresolved"
               for n in UNKNOWN)
    assert "warning: nominatim: 'Kota Atlantisia'" in err
    assert f"stopped after {MAX_FAILURES} failures" in err
    assert_cache_untouched(run["cache"], run["before"])
