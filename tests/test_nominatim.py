"""The Nominatim adapter against a local stand-in on 127.0.0.1: answers, failures, the breaker."""

import json
import socket
import threading
import time
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from components.places.chain import resolve_refs
from components.models import PlaceRef
from components.places.nominatim import NominatimGeocoder, endpoint
from tests.jsonserver import JSONHandler

pytestmark = pytest.mark.timeout(20)

CIMAHI = PlaceRef("ID", "Kabupaten Pangandaran", "regency", "Jawa Barat")  # not in GeoNames 15000


def answer(state="West Java", country_code="id", lat="-6.8722", lon="107.5425"):
    return [{"lat": lat, "lon": lon, "display_name": f"Cimahi, {state}, Indonesia",
             "address": {"city": "Cimahi", "state": state, "country_code": country_code}}]


class StandIn(JSONHandler):
    """Speaks just enough Nominatim JSON; `server.mode` picks the behaviour."""

    def do_GET(self):
        self.server.requests.append((time.monotonic(), self.path, self.headers.get("User-Agent")))
        mode = self.server.mode
        try:
            if mode == "slow":
                time.sleep(1.5)
            if mode in ("429", "403", "500"):
                self._send(int(mode), b"{}", {"Retry-After": "3600"} if mode == "429" else {})
            elif mode == "garbage":
                self._send(200, b"<html>not json")
            elif mode == "not-a-list":
                self._send(200, b'"hello"')
            else:
                self._send(200, json.dumps(self.server.answer).encode())
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first, as it should after its timeout


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    httpd.daemon_threads = True
    httpd.mode, httpd.answer, httpd.requests = "ok", answer(), []
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def geocoder(url, **options):
    return NominatimGeocoder(url=url, timeout=options.pop("timeout", 0.5),
                             min_delay_seconds=options.pop("min_delay_seconds", 0), **options)


def ask(nominatim, ref=CIMAHI):
    return nominatim.geocode(ref.name, country=ref.country, level=ref.level, province=ref.province)


def test_an_answer_in_the_right_province_is_accepted(server):
    nominatim = geocoder(server.url)
    location = ask(nominatim)
    assert (location.latitude, location.longitude) == (-6.8722, 107.5425)
    assert nominatim.warnings == []
    _, path, agent = server.requests[0]
    query = parse_qs(urlsplit(path).query)
    assert agent.startswith("Kembar/") and "Indonesia-China" in agent
    assert query["q"] == ["Kabupaten Pangandaran, Jawa Barat"] and query["countrycodes"] == ["id"]
    assert query["addressdetails"] == ["1"] and query["format"] == ["json"]


@pytest.mark.parametrize("reply, reason", [
    (answer(state="East Java"), "another province"),
    (answer(country_code="my"), "another country"),
    ([{"lat": "1", "lon": "2", "display_name": "x"}], "no address"),
])
def test_candidates_outside_the_expected_place_are_rejected(server, reply, reason):
    server.answer = reply
    nominatim = geocoder(server.url)
    assert ask(nominatim) is None, reason
    assert "rejected" in str(nominatim.warnings[0]) and nominatim.failures == 0


@pytest.mark.parametrize("mode, error", [
    ("slow", "GeocoderTimedOut"),
    ("429", "GeocoderRateLimited"),
    ("403", "GeocoderInsufficientPrivileges"),
    ("500", "Geocoder"),
    ("garbage", "GeocoderParseError"),
    ("not-a-list", ""),
    ("refused", "GeocoderUnavailable"),
])
def test_failures_return_quickly_with_a_warning(server, mode, error):
    url = server.url
    if mode == "refused":
        url = f"http://127.0.0.1:{_closed_port()}"
    server.mode = mode
    nominatim = geocoder(url)
    start = time.monotonic()
    assert ask(nominatim) is None
    assert time.monotonic() - start < 1.4  # the 0.5 s timeout; no retry, no Retry-After sleep
    assert len(nominatim.warnings) == 1 and error in str(nominatim.warnings[0])
    assert nominatim.failures == 1
    assert len(server.requests) <= 1  # never retried


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_breaker_stops_after_three_failures_in_a_row(server):
    server.mode = "500"
    nominatim = geocoder(server.url)
    for _ in range(5):
        assert ask(nominatim) is None
    assert len(server.requests) == 3 and nominatim.stopped and nominatim.skipped == 2
    assert "stopped after 3 failures" in str(nominatim.warnings[-1])


def test_a_success_resets_the_breaker(server):
    nominatim = geocoder(server.url)
    for mode in ("500", "500", "ok", "500", "500"):
        server.mode = mode
        ask(nominatim)
    assert not nominatim.stopped and len(server.requests) == 5


def test_requests_are_spaced_by_the_rate_limiter(server):
    nominatim = geocoder(server.url, min_delay_seconds=0.4)
    ask(nominatim)
    ask(nominatim)
    (first, _, _), (second, _, _) = server.requests
    assert second - first >= 0.35


@pytest.mark.parametrize("url, expected", [
    ("http://127.0.0.1:8080", ("http", "127.0.0.1:8080")),
    ("https://example.org/nominatim/", ("https", "example.org/nominatim")),
    ("example.org", ("https", "example.org")),
])
def test_endpoint(url, expected):
    assert endpoint(url) == expected


def test_endpoint_from_the_environment(monkeypatch):
    monkeypatch.setenv("KEMBAR_NOMINATIM_URL", "http://127.0.0.1:9")
    assert endpoint() == ("http", "127.0.0.1:9")
    monkeypatch.delenv("KEMBAR_NOMINATIM_URL")
    assert endpoint() == ("https", "nominatim.openstreetmap.org")


def test_online_answers_are_cached_and_reused(server, tmp_path):
    cache = tmp_path / "geocache.json"
    first = resolve_refs([CIMAHI], online=True, cache_path=cache, nominatim_url=server.url)
    assert first.places[CIMAHI].resolved_by == "nominatim" and first.warnings == ()
    stored = json.loads(cache.read_text(encoding="utf-8"))["entries"]
    assert [entry["source"] for entry in stored.values()] == ["nominatim"]
    second = resolve_refs([CIMAHI], online=True, cache_path=cache, nominatim_url=server.url)
    place = second.places[CIMAHI]
    assert (place.resolved_by, place.lat, place.lon) == ("cache", -6.8722, 107.5425)
    assert len(server.requests) == 1


@pytest.mark.parametrize("mode", ["500", "garbage", "429"])
def test_online_failures_fall_back_and_write_nothing(server, tmp_path, mode):
    server.mode = mode
    cache = tmp_path / "geocache.json"
    known = PlaceRef("ID", "Kota Serang", "city", "Banten")
    resolution = resolve_refs([known, CIMAHI], online=True, cache_path=cache,
                              nominatim_url=server.url)
    assert resolution.places[known].resolved_by == "gazetteer"
    assert resolution.places[CIMAHI].resolved_by == "unresolved"
    assert any(str(w).startswith("nominatim:") for w in resolution.warnings)
    assert not cache.exists() and len(server.requests) == 1  # the known place was never asked


def test_offline_never_asks(server, tmp_path):
    resolution = resolve_refs([CIMAHI], online=False, cache_path=tmp_path / "c.json",
                              nominatim_url=server.url)
    assert resolution.places[CIMAHI].resolved_by == "unresolved" and server.requests == []
