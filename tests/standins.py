"""Stand-in Nominatim services on 127.0.0.1, and the synthetic dataset and cache they are asked about.

The hardening tests share them: one stand-in answers plausibly, or 429, 500 or invalid JSON;
one accepts and never answers; one port refuses. The dataset names five places no offline source
knows (so the service is really asked) and one only the cache knows.
"""

from __future__ import annotations

import csv
import json
import socket
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from components import DATA_DIR
from components.places.cache import cache_key
from tests.jsonserver import JSONHandler

DATASET = DATA_DIR / "partnerships.csv"
UNKNOWN = ("Kota Atlantisia", "Kota Lemuriana", "Kota Avalonia", "Kota Xanaduwa", "Kota Utopiana")
CACHED = "Kota Cachedia"
CACHED_AT = (-8.5, 115.25)


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
