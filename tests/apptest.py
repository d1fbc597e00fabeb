"""Running the app under Streamlit's AppTest, the way the AppTest modules share it."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_app(**params: str) -> AppTest:
    """The app run once with these query parameters; it must not raise."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


SECTIONS = ("table", "overview", "articles", "problems")


def open_section(at: AppTest, section: str) -> AppTest:
    """Open one of the sections below the map (table, overview, articles, problems) and rerun."""
    at.segmented_control(key="section").set_value(section).run()
    assert not at.exception, at.exception
    return at
