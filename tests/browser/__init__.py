"""The browser tests' side of the shared plumbing (components.bench.harness): skips and downloads.

The page model the browser tests share (Leaflet probes, expected arcs, waits) is tests/browser/pages.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from components import settings
from components.bench.harness import (  # noqa: F401  (re-exported for the tests)
    CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, NetworkGuard, StreamlitServer, chromium_missing,
    free_port, is_loopback, launch_chromium,
)


def require_chromium() -> None:
    """Skip (with the reason) when no browser is installed, unless CI demands one."""
    message = chromium_missing()
    if message is None:
        return
    if settings.current().require_browser:
        pytest.fail(message)
    pytest.skip(message)


def open_section(page, name: str, timeout: float = 90_000) -> None:
    """Open a section below the map ("Table and downloads", "Data problems (2)"…) by its button."""
    button = page.get_by_role("radio", name=name)
    button.scroll_into_view_if_needed(timeout=timeout)
    if button.get_attribute("aria-checked") != "true":
        button.click()


def download_csv(page, folder: Path, timeout: float = 90_000) -> str:
    """Open the table section, click its "Download CSV" button and return the file's text."""
    open_section(page, "Table and downloads", timeout)
    button = page.get_by_role("button", name="Download CSV", exact=True)
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=timeout) as info:
        button.click()
    path = folder / "download.csv"
    info.value.save_as(path)
    return path.read_text(encoding="utf-8-sig")
