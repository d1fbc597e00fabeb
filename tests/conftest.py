"""Fixtures shared by the test modules: a guarded headless browser and the running app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser import NetworkGuard, StreamlitServer, launch_chromium, require_chromium

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
BROWSER_FIXTURES = {"browser", "guarded_page", "app_server"}


def pytest_collection_modifyitems(items):
    """Mark every test that needs Chromium `browser`: those in tests/browser/ and those that use
    the browser fixtures, so `-m "not browser"` runs everything else."""
    for item in items:
        in_folder = BROWSER_DIR in Path(str(item.fspath)).parents
        if in_folder or BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def prepared_cache_outside_the_checkout(tmp_path_factory):
    """Prepared datasets kept on disk (components.prepcache) go to a temporary folder, never
    into data/: the app under test and every server it starts inherit the setting."""
    previous = os.environ.get("KEMBAR_CACHE_DIR")
    os.environ["KEMBAR_CACHE_DIR"] = str(tmp_path_factory.mktemp("kembar-cache"))
    yield
    if previous is None:
        os.environ.pop("KEMBAR_CACHE_DIR", None)
    else:
        os.environ["KEMBAR_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the whole session (skips with a reason if absent)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def guarded_page(browser):
    """A fresh page whose non-loopback requests are aborted; asserts none was attempted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    guard = NetworkGuard()
    guard.attach(context)
    page = context.new_page()
    page.guard = guard
    yield page
    context.close()
    assert guard.blocked == [], f"requests left the machine: {guard.blocked[:5]}"


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """The real app, `streamlit run app.py`, on 127.0.0.1 and a free port."""
    require_chromium()
    server = StreamlitServer().start(tmp_path_factory.mktemp("server"))
    yield server
    server.stop()
