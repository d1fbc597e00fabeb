"""Storage faults at the level of the pipeline and the app: nothing is lost, the dataset is never written.

tests/test_geocache.py covers the cache class itself; here the whole `prepare(...)` and the
running app meet a corrupt, unreadable or unwritable cache, and several processes filling one
cache at once, with online answers from a local stand-in (127.0.0.1).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from components.places.cache import GeoCache, cache_key
from components.pipeline import prepare
from tests.apptest import run_app
from tests.standins import CACHED, CACHED_AT, HTTPStandIn, point_for, write_cache, write_dataset

ROOT = Path(__file__).resolve().parent.parent
ASKED = "Kota Atlantisia"

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def answers(monkeypatch):
    """A stand-in Nominatim that places every asked name in Bali; the pipeline reads it from env."""
    server = HTTPStandIn("ok")
    monkeypatch.setenv("KEMBAR_NOMINATIM_URL", server.url)
    yield server
    server.stop()


def prepared(tmp_path: Path, cache: Path, names=(ASKED, CACHED)):
    return prepare(write_dataset(tmp_path, names), online=True, cache_path=cache)


def place_of(result, name: str):
    return next(place for ref, place in result.places.items() if ref.name == name)


def entry_point(cache: Path, name: str) -> tuple[float, float]:
    entry = json.loads(cache.read_text(encoding="utf-8"))["entries"][cache_key(name, "ID", "city", "Bali")]
    return entry["lat"], entry["lon"]


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write left behind (a half-written cache would show up here)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- a corrupt cache ---------------------------------------------------------------------------

@pytest.mark.parametrize("content, reason", [
    (b'{"format": 1, "entries": {"k": {"lat": 1', "invalid JSON"),
    (b"\xff\xfe garbage", "not UTF-8"),
    (b'{"format": 1, "entries": {"k": {"lat": 999, "lon": 0}}}', "expected"),
    (b'[1, 2, 3]', "expected"),
    (b"", "invalid JSON"),
])
def test_a_corrupt_cache_is_set_aside_kept_and_rebuilt(tmp_path, answers, content, reason):
    cache = tmp_path / "geocache.json"
    cache.write_bytes(content)
    result = prepared(tmp_path, cache)
    warnings = " ".join(map(str, result.geocoding_warnings))
    assert "was corrupt" in warnings and reason in warnings
    (aside,) = [p for p in tmp_path.iterdir() if p.name.startswith("geocache.json.corrupt-")]
    assert aside.read_bytes() == content  # the damaged file is kept for a human, byte for byte
    assert place_of(result, ASKED).resolved_by == "nominatim"
    assert entry_point(cache, ASKED) == pytest.approx(point_for(ASKED))
    assert leftovers(tmp_path) == []


# --- a cache that cannot be read or written ----------------------------------------------------

def test_a_cache_path_that_is_a_folder_warns_and_keeps_answers_for_the_run(tmp_path, answers):
    cache = tmp_path / "geocache.json"
    cache.mkdir()
    (cache / "keep.txt").write_text("untouched")
    result = prepared(tmp_path, cache)
    warnings = " ".join(map(str, result.geocoding_warnings))
    assert "cannot read" in warnings and "cannot write" in warnings
    assert place_of(result, ASKED).resolved_by == "nominatim"  # kept for this run only
    assert [p.name for p in cache.iterdir()] == ["keep.txt"]
    assert leftovers(tmp_path) == []


def test_an_unreadable_cache_is_not_overwritten(tmp_path, answers, monkeypatch):
    # Root reads any file whatever its mode, so refuse the read the way the kernel would.
    cache = tmp_path / "geocache.json"
    before = write_cache(cache, (CACHED, "Kota Lama"))
    real_read_text = Path.read_text

    def refuse(self, *args, **kwargs):
        if self == cache:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)
    result = prepared(tmp_path, cache)
    assert "cannot read" in " ".join(map(str, result.geocoding_warnings))
    assert place_of(result, ASKED).resolved_by == "nominatim"  # the run still gets its answer
    monkeypatch.setattr(Path, "read_text", real_read_text)
    entries = json.loads(cache.read_text(encoding="utf-8"))["entries"]
    assert cache_key("Kota Lama", "ID", "city", "Bali") in entries, "a good entry was lost"
    assert cache.read_bytes() == before or len(entries) >= 3


def test_a_read_only_folder_keeps_the_old_cache_whole(tmp_path, answers, monkeypatch):
    cache = tmp_path / "geocache.json"
    before = write_cache(cache)

    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system", str(tmp_path))

    monkeypatch.setattr("components.places.cache.tempfile.NamedTemporaryFile", read_only)
    result = prepared(tmp_path, cache)
    assert "Read-only file system" in " ".join(map(str, result.geocoding_warnings))
    assert place_of(result, ASKED).resolved_by == "nominatim"
    assert place_of(result, CACHED).resolved_by == "cache"
    assert cache.read_bytes() == before and leftovers(tmp_path) == []


def test_the_app_runs_when_the_cache_folder_cannot_exist(tmp_path, answers, monkeypatch):
    blocker = tmp_path / "plain-file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("KEMBAR_DATA", str(write_dataset(tmp_path, (ASKED,))))
    monkeypatch.setenv("KEMBAR_ONLINE", "1")
    monkeypatch.setenv("KEMBAR_CACHE", str(blocker / "geocache.json"))
    at = run_app()
    assert not at.exception, at.exception
    tab = at.segmented_control(key="section").set_value("problems").run()  # the Data problems section
    assert not at.exception, at.exception
    warnings = " ".join(w.value.replace("\\", "") for w in tab.warning)
    assert "cannot write" in warnings
    assert not any(ASKED in e.value for e in tab.error)  # placed from the online answer
    assert blocker.read_text() == "a file where the cache folder should be"


# --- several processes filling one cache --------------------------------------------------------

PREPARE = """
import sys
from components.pipeline import prepare
result = prepare(sys.argv[1], online=True, cache_path=sys.argv[2])
bad = [p.ref.name for p in result.places.values() if p.resolved_by not in ("nominatim", "cache", "gazetteer")]
sys.exit(3 if bad else 0)
"""


def test_processes_preparing_at_once_lose_no_entry(tmp_path, answers):
    cache = tmp_path / "geocache.json"
    write_cache(cache)
    names = {n: [f"Kota Proses{n}x{i}" for i in range(3)] for n in "ab"}
    env = {**os.environ, "KEMBAR_NOMINATIM_URL": answers.url}
    workers = []
    for n, own in names.items():
        folder = tmp_path / n
        folder.mkdir()
        workers.append(subprocess.Popen(
            [sys.executable, "-c", PREPARE, str(write_dataset(folder, (*own, CACHED))), str(cache)],
            cwd=ROOT, env=env))
    assert [w.wait(timeout=60) for w in workers] == [0] * len(workers)
    entries = GeoCache(cache).entries
    expected = {cache_key(name, "ID", "city", "Bali"): point_for(name)
                for own in names.values() for name in own}
    assert set(entries) == {*expected, cache_key(CACHED, "ID", "city", "Bali")}
    assert all((entries[k]["lat"], entries[k]["lon"]) == pytest.approx(v) for k, v in expected.items())
    assert (entries[cache_key(CACHED, "ID", "city", "Bali")]["lat"],) == (CACHED_AT[0],)
    assert answers.requests == 6  # each place asked once, by the one process that needed it
    assert leftovers(tmp_path) == []


# --- the dataset file is read, never written ----------------------------------------------------

def test_the_app_never_writes_the_dataset(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("partnerships.csv", "milestones.csv"):
        shutil.copy2(ROOT / "data" / name, data / name)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in data.iterdir()}
    monkeypatch.setenv("KEMBAR_DATA", str(data / "partnerships.csv"))
    monkeypatch.setenv("KEMBAR_CACHE", str(tmp_path / "cache" / "geocache.json"))
    monkeypatch.delenv("KEMBAR_ONLINE", raising=False)
    at = run_app()
    steps = [
        lambda: at.multiselect(key="f_levels").set_value(["city"]),
        lambda: at.text_input(key="f_q").set_value("Jawa"),
        lambda: at.text_input(key="f_q").set_value(""),
        lambda: at.selectbox(key="selected").set_value("serang-hangzhou"),
        lambda: at.toggle(key="f_asof_on").set_value(True),
    ]
    for step in steps:
        step().run()
        assert not at.exception, at.exception
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in data.iterdir()}
    assert after == before
