"""Every KEMBAR_* environment variable, read in this one place with one truthiness rule.

The README's Settings table documents them. A switch is on when its value is `1`, `true`,
`yes` or `on` (any case, spaces ignored) and off otherwise. The environment is read when
`current()` is called, so a test or a server can change it between runs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from components import DATA_DIR, DATA_PATH

DATA = "KEMBAR_DATA"
ONLINE = "KEMBAR_ONLINE"
NOMINATIM_URL = "KEMBAR_NOMINATIM_URL"
CACHE = "KEMBAR_CACHE"
CACHE_DIR = "KEMBAR_CACHE_DIR"
TILES = "KEMBAR_TILES"
REQUIRE_BROWSER = "KEMBAR_REQUIRE_BROWSER"

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
DEFAULT_NOMINATIM_URL = "https://nominatim.openstreetmap.org"
DEFAULT_CACHE = DATA_DIR / "geocache.json"


def is_on(value: str | None) -> bool:
    """The one truthiness rule of every KEMBAR_* switch: 1, true, yes or on."""
    return (value or "").strip().casefold() in TRUE_WORDS


@dataclass(frozen=True)
class Settings:
    """The app's and the command line's configuration, as the environment gives it."""

    data: Path = DATA_PATH  # the partnerships file (its milestones.csv beside it)
    online: bool = False  # ask Nominatim for places the offline sources cannot find
    nominatim_url: str = DEFAULT_NOMINATIM_URL
    cache: Path = DEFAULT_CACHE  # where online geocoding answers are kept
    cache_dir: Path | None = None  # where compiled catalogs go when the checkout is read-only
    tiles: bool = False  # draw OpenStreetMap tiles under the outlines (needs internet)
    require_browser: bool = False  # tests fail, rather than skip, without Chromium

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Read every variable once; an empty value counts as unset."""
        env = os.environ if environ is None else environ
        return cls(
            data=Path(env.get(DATA) or DATA_PATH),
            online=is_on(env.get(ONLINE)),
            nominatim_url=env.get(NOMINATIM_URL) or DEFAULT_NOMINATIM_URL,
            cache=Path(env.get(CACHE) or DEFAULT_CACHE),
            cache_dir=Path(env[CACHE_DIR]) if env.get(CACHE_DIR) else None,
            tiles=is_on(env.get(TILES)),
            require_browser=is_on(env.get(REQUIRE_BROWSER)),
        )


def current() -> Settings:
    """The settings as the environment holds them now."""
    return Settings.from_env()
