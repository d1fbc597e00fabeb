"""Online geocoding when Nominatim misbehaves: the command and the app finish, warn, and stop asking.

Five local stand-ins on 127.0.0.1 (never the real service): one that accepts and never
answers, one that answers 429 with Retry-After, one 500, one invalid JSON, and a port that
refuses connections. A synthetic dataset names five places no offline source knows, so the
service is really asked, and one place only the cache knows. Each run must finish in bounded
time with the offline answers, warn clearly, ask at most MAX_FAILURES times (the circuit
breaker), and leave the cache exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from components.places.cache import cache_key
from components.places.nominatim import MAX_FAILURES, TIMEOUT
from tests.apptest import run_app as open_app
from tests.jsonserver import JSONHandler

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "data" / "partnerships.csv"
UNKNOWN = ("Kota Atlantisia", "Kota Lemuriana", "Kota Avalonia", "Kota Xanaduwa", "Kota Utopiana")
CACHED = "Kota Cachedia"
CACHED_AT = (-8.5, 115.25)
MODES = ("hang", "429", "500", "garbage", "refused")
# Never answering costs one timeout per request until the breaker opens; the rest is start-up.
BOUND = {"hang": MAX_FAILURES * TIMEOUT + 25}
FAST_BOUND = 30  # a hang guard (e.g. no sleeping out a long Retry-After), not a speed target
CLI_START = 20  # five commands start at once on two cores: Python and the imports, per process

pytestmark = pytest.mark.timeout(120)


# --- the stand-ins ------------------------------------------------------------------------------

class Answers(JSONHandler):
    """`server.mode`: ok (a plausible answer for the asked name), 429, 500 or garbage."""

    def do_GET(self):
        self.server.requests.append(self.path)
        mode = self.server.mode
        try:
            if mode == "429":
                self._send(429, b'{"error": "slow down"}', {"Retry-After": "3600"})
            elif mode == "500":
                self._send(500, b"Internal Server Error")
            elif mode == "garbage":
                self._send(200, b'[{"lat": "1", "lon": ')
            else:
                self._send(200, json.dumps(ok_answer(self.path)).encode())
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first


def point_for(name: str) -> tuple[float, float]:
    """A deterministic point inside Bali for a name, so each cached answer can be checked."""
    spread = sum(map(ord, name)) % 100 / 1000
    return -8.4 - spread, 115.1 + spread


def ok_answer(path: str) -> list[dict]:
    query = parse_qs(urlsplit(path).query).get("q", [""])[0]
    name = query.split(",")[0].strip()
    lat, lon = point_for(name)
    return [{"lat": str(lat), "lon": str(lon), "display_name": f"{name}, Bali, Indonesia",
             "address": {"city": name, "state": "Bali", "country_code": "id"}}]


class HTTPStandIn:
    """A ThreadingHTTPServer on a free loopback port, counting requests."""

    def __init__(self, mode: str):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
        self.httpd.daemon_threads = True
        self.httpd.mode, self.httpd.requests = mode, []
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def requests(self) -> int:
        return len(self.httpd.requests)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class SilentStandIn:
    """Accepts every connection and never sends a byte: the worst kind of outage."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections: list[socket.socket] = []
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                connection, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.connections.append(connection)

    @property
    def requests(self) -> int:
        return len(self.connections)

    def stop(self) -> None:
        self.running = False
        self.thread.join(timeout=5)
        for connection in self.connections:
            connection.close()
        self.sock.close()


class Refused:
    """A loopback port nobody listens on."""

    requests = 0

    def __init__(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"

    def stop(self) -> None:
        pass


def stand_in(mode: str):
    if mode == "hang":
        return SilentStandIn()
    if mode == "refused":
        return Refused()
    return HTTPStandIn(mode)


# --- the synthetic dataset and cache ------------------------------------------------------------

def write_dataset(folder: Path, names=UNKNOWN + (CACHED,)) -> Path:
    """The dataset's first two rows plus one row per (unknown) Balinese city paired with Hangzhou."""
    with DATASET.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))[:3]
    template = dict(zip(header, rows[0]))
    for name in names:
        slug = name.split()[-1].lower()
        rows.append([{**template, "id": f"{slug}-hangzhou", "id_name": name,
                      "id_province": "Bali"}[column] for column in header])
    path = folder / "partnerships.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def write_cache(path: Path, names=(CACHED,)) -> bytes:
    """A valid cache holding good answers for these names; returns its bytes."""
    entries = {cache_key(name, "ID", "city", "Bali"): {
        "lat": CACHED_AT[0], "lon": CACHED_AT[1], "label": name, "source": "nominatim",
        "stored": "2025-01-01T00:00:00+00:00"} for name in names}
    path.write_text(json.dumps({"format": 1, "entries": entries}, indent=1), encoding="utf-8")
    return path.read_bytes()


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
