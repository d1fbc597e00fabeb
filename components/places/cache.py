"""The persistent geocoding cache (data/geocache.json): online answers kept, each asked once."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import filelock
from geopy.adapters import URLLibAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from components import settings
from components.models import Message
from components.places.gazetteer import normalise_country
from components.names import compact

DEFAULT_PATH = settings.DEFAULT_CACHE
SOURCE = "cache"
FORMAT = 1
LOCK_TIMEOUT = 5.0


def cache_path(path: str | Path | None = None) -> Path:
    """The cache file: the argument, else $KEMBAR_CACHE, else data/geocache.json."""
    return Path(path or settings.current().cache)


def cache_key(query: str, country: str | None, level: str | None, province: str | None) -> str:
    """One key per place as asked: country, level, province and name, folded."""
    return "|".join((normalise_country(country) or "", level or "", compact(province or ""),
                     compact(query)))


def _valid_entry(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    lat, lon = value.get("lat"), value.get("lon")
    return (isinstance(lat, (int, float)) and isinstance(lon, (int, float))
            and -90 <= lat <= 90 and -180 <= lon <= 180)


class GeoCache:
    """The cache file as a dict of entries; reads never fail, writes are atomic and merged."""

    def __init__(self, path: str | Path | None = None):
        self.path = cache_path(path)
        self.warnings: list[Message] = []
        self.unreadable = False  # the file exists but cannot be read: never write over it
        self.entries: dict[str, dict] = self._read()

    def _read(self) -> dict[str, dict]:
        """The entries on disk; a corrupt file is moved aside and reported, never fatal."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as error:
            if not isinstance(error, UnicodeDecodeError):
                self.warnings.append(Message(
                    "geocache: cannot read {path}: {error}; using no cache and leaving the file "
                    "as it is", path=str(self.path), error=str(error)))
                self.unreadable = True
                return {}
            return self._set_aside(f"not UTF-8 text ({error})")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            return self._set_aside(f"invalid JSON at line {error.lineno} column {error.colno}")
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, dict) or not all(map(_valid_entry, entries.values())):
            return self._set_aside('expected {"format": 1, "entries": {key: {"lat", "lon", ...}}}')
        return entries

    def _set_aside(self, reason: str) -> dict[str, dict]:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.replace(self.path, aside)
            self.warnings.append(Message(
                "geocache: {path} was corrupt ({reason}); moved to {aside}, starting a new cache",
                path=str(self.path), reason=reason, aside=aside.name))
        except OSError as error:
            self.warnings.append(Message(
                "geocache: {path} is corrupt ({reason}) and could not be moved aside ({error}); "
                "ignoring it", path=str(self.path), reason=reason, error=str(error)))
        return {}

    def get(self, key: str) -> dict | None:
        return self.entries.get(key)

    def put(self, key: str, entry: dict) -> bool:
        """Keep an entry and write the file now; False (with a warning) if it cannot be written."""
        self.entries[key] = entry
        if self.unreadable:
            self.warnings.append(Message(
                "geocache: cannot write {path}: it could not be read, so it is not written over; "
                "the answer is kept for this run only", path=str(self.path)))
            return False
        try:
            with filelock.FileLock(f"{self.path}.lock", timeout=LOCK_TIMEOUT):
                on_disk = self._read()  # merge: another process may have written meanwhile
                if self.unreadable:
                    raise OSError(f"{self.path} became unreadable")
                self.entries = {**on_disk, **self.entries}
                self._write_atomically()
        except (OSError, filelock.Timeout) as error:
            self.warnings.append(Message(
                "geocache: cannot write {path}: {error}; the answer is kept for this run only",
                path=str(self.path), error=str(error)))
            return False
        return True

    def _write_atomically(self) -> None:
        """Write a temporary file beside the cache, then rename it over: never half-written."""
        payload = json.dumps({"format": FORMAT, "entries": self.entries}, ensure_ascii=False,
                             indent=1, sort_keys=True)
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent,
                                             prefix=f".{self.path.name}.", suffix=".tmp",
                                             delete=False)
        try:
            with handle:
                handle.write(payload + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(handle.name, self.path)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise


class CacheGeocoder(Geocoder):
    """The cache as the first geocoder of the chain; `store` keeps a successful online answer."""

    name = SOURCE

    def __init__(self, cache: GeoCache):
        super().__init__(adapter_factory=URLLibAdapter)  # never used: no request leaves
        self.cache = cache

    @property
    def warnings(self) -> list[Message]:
        return self.cache.warnings

    def geocode(self, query: str, *, country: str | None = None, level: str | None = None,
                province: str | None = None, exactly_one: bool = True):
        """The cached Location for this exact question, or None."""
        entry = self.cache.get(cache_key(query, country, level, province))
        if entry is None:
            return None
        location = Location(entry.get("label", query), (entry["lat"], entry["lon"]), entry)
        return location if exactly_one else [location]

    def store(self, query: str, location: Location, *, source: str, country: str | None = None,
              level: str | None = None, province: str | None = None) -> bool:
        """Keep an online answer for next time."""
        entry = {"lat": location.latitude, "lon": location.longitude,
                 "label": location.address or query, "source": source,
                 "stored": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        return self.cache.put(cache_key(query, country, level, province), entry)
