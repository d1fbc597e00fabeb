"""The geocoding cache: atomic writes, recovery from a corrupt file, writers that lose nothing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from geopy.location import Location

from components.places.cache import CacheGeocoder, GeoCache, cache_key, cache_path

ROOT = Path(__file__).resolve().parents[1]
ENTRY = {"lat": -6.87, "lon": 107.54, "label": "Cimahi", "source": "nominatim"}


def test_put_writes_a_file_that_reads_back(tmp_path):
    path = tmp_path / "geocache.json"
    assert GeoCache(path).put("k", ENTRY)
    assert json.loads(path.read_text(encoding="utf-8")) == {"format": 1, "entries": {"k": ENTRY}}
    assert GeoCache(path).get("k") == ENTRY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["geocache.json", "geocache.json.lock"]


def test_a_crash_mid_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "geocache.json"
    GeoCache(path).put("old", ENTRY)
    before = path.read_bytes()

    def crash(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    cache = GeoCache(path)
    assert not cache.put("new", ENTRY)
    assert "disk full" in str(cache.warnings[-1])
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("content, reason", [
    ('{"format": 1, "entries": {"k": ', "invalid JSON"),
    ("[1, 2, 3]", "expected"),
    ('{"format": 1, "entries": {"k": {"lat": "north", "lon": 1}}}', "expected"),
    ('{"format": 1, "entries": {"k": {"lat": 95, "lon": 1}}}', "expected"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
])
def test_a_corrupt_cache_is_set_aside_reported_and_rebuilt(tmp_path, content, reason):
    path = tmp_path / "geocache.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    cache = GeoCache(path)
    assert cache.entries == {}
    assert len(cache.warnings) == 1 and reason in str(cache.warnings[0])
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("geocache.json.corrupt-")]
    assert len(aside) == 1 and not path.exists()
    assert cache.put("k", ENTRY) and GeoCache(path).get("k") == ENTRY


def test_a_folder_that_is_a_file_is_a_warning_not_a_crash(tmp_path):
    (tmp_path / "plain-file").write_text("x")
    cache = GeoCache(tmp_path / "plain-file" / "geocache.json")
    assert cache.entries == {} and "cannot read" in str(cache.warnings[0])
    assert cache.put("k", ENTRY) is False
    assert "cannot write" in str(cache.warnings[-1]) and cache.get("k") == ENTRY


def test_a_read_only_folder_is_a_warning_not_a_crash(tmp_path, monkeypatch):
    # Tests run as root, for whom chmod cannot make a folder read-only: refuse the write instead.
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    path = tmp_path / "geocache.json"
    GeoCache(path).put("old", ENTRY)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    cache = GeoCache(path)
    assert cache.put("new", ENTRY) is False and "Permission denied" in str(cache.warnings[-1])
    assert cache.get("new") == ENTRY and list(GeoCache(path).entries) == ["old"]


def test_a_missing_folder_is_created(tmp_path):
    path = tmp_path / "new" / "geocache.json"
    assert GeoCache(path).put("k", ENTRY) and GeoCache(path).get("k") == ENTRY


WRITER = """
import sys
from components.places.cache import GeoCache
path, name = sys.argv[1], sys.argv[2]
for i in range(25):
    GeoCache(path).put(f"{name}-{i}", {"lat": 1.0, "lon": float(i)})
"""


def test_two_processes_writing_lose_nothing(tmp_path):
    path = tmp_path / "geocache.json"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name], cwd=ROOT)
               for name in ("a", "b")]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    entries = GeoCache(path).entries
    assert len(entries) == 50 and {k.split("-")[0] for k in entries} == {"a", "b"}


def test_the_environment_chooses_the_file(monkeypatch, tmp_path):
    monkeypatch.setenv("KEMBAR_CACHE", str(tmp_path / "elsewhere.json"))
    assert cache_path() == tmp_path / "elsewhere.json"
    assert cache_path(tmp_path / "given.json") == tmp_path / "given.json"
    monkeypatch.delenv("KEMBAR_CACHE")
    assert cache_path().parts[-2:] == ("data", "geocache.json")


@pytest.mark.parametrize("a, b, same", [
    (("Kota Bogor", "ID", "city", "Jawa Barat"), ("kota  bogor", "id", "city", "jawa barat"), True),
    (("Kota Bogor", "ID", "city", "Jawa Barat"), ("Kabupaten Bogor", "ID", "regency", "Jawa Barat"),
     False),
    (("Suzhou", "CN", "city", "Jiangsu"), ("Suzhou", "CN", "city", "Anhui"), False),
])
def test_cache_keys(a, b, same):
    assert (cache_key(*a) == cache_key(*b)) is same


def test_the_cache_geocoder_answers_only_what_was_stored(tmp_path):
    geocoder = CacheGeocoder(GeoCache(tmp_path / "c.json"))
    assert geocoder.geocode("Cimahi", country="ID", level="city", province="Jawa Barat") is None
    location = Location("Cimahi, Jawa Barat", (-6.87, 107.54), {})
    geocoder.store("Cimahi", location, source="nominatim", country="ID", level="city",
                   province="Jawa Barat")
    location = CacheGeocoder(GeoCache(tmp_path / "c.json")).geocode(
        "Cimahi", country="ID", level="city", province="Jawa Barat")
    assert (location.latitude, location.longitude) == (-6.87, 107.54)
    assert location.raw["source"] == "nominatim"
    assert geocoder.geocode("Cimahi", country="ID", level="city", province="Banten") is None
