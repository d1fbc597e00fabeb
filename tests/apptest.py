"""Running the app under Streamlit's AppTest, and reading and clicking it, as the AppTest modules share it."""

from __future__ import annotations

import csv
from pathlib import Path

from streamlit.testing.v1 import AppTest

from components.ui.mappanel import FIRST_REPORT, MAP_KEY

APP = str(Path(__file__).resolve().parent.parent / "app.py")
ROOT = Path(__file__).resolve().parent.parent
ROWS = list(csv.DictReader((ROOT / "data" / "partnerships.csv").open(encoding="utf-8")))
TOTAL = len(ROWS)


def summary(at: AppTest) -> str:
    """The one-sentence description above the map."""
    return next(m.value for m in at.markdown if " — " in m.value and m.value.startswith("**"))


def shown_count(at: AppTest) -> int:
    return int(summary(at).strip("*").split()[0])


def map_element(at: AppTest):
    """The st_folium element (AppTest knows it only as an UnknownElement)."""
    def walk(node):
        for child in getattr(node, "children", {}).values():
            if getattr(getattr(child, "proto", None), "component_name", "") == "streamlit_folium.st_folium":
                yield child
            yield from walk(child)
    return next(walk(at._tree), None)


def click_on_map(at: AppTest, properties: dict) -> None:
    """Make st_folium return a click on a feature with these properties, as the browser would."""
    map_reports(at, {"last_active_drawing": {"type": "Feature", "properties": properties}})


def map_reports(at: AppTest, value: dict) -> None:
    """The map's component sends `value`, as the browser does, and the app reruns."""
    element = map_element(at)
    widget_key = element.proto.id.split("-", 2)[2]
    at.session_state[widget_key] = value
    # streamlit-folium's on_change copies the new value under the user's key (MAP_KEY) before
    # the rerun, which is where the app reads a click; AppTest runs no callbacks, so do it here.
    at.session_state[MAP_KEY] = value
    at.run()


def first_screen(timeout: float = 60, **params: str) -> AppTest:
    """The session's first run with these query parameters (the map and details, no sidebar
    yet); it must not raise."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def run_app(timeout: float = 60, **params: str) -> AppTest:
    """The app as a visitor has it once the map has drawn: the first run, then the run the
    map's first report asks for, which adds the sidebar and the rest; neither may raise."""
    at = first_screen(timeout, **params)
    map_reports(at, FIRST_REPORT)
    assert not at.exception, at.exception
    return at


SECTIONS = ("table", "overview", "articles", "problems")


def open_section(at: AppTest, section: str) -> AppTest:
    """Open one of the sections below the map (table, overview, articles, problems) and rerun."""
    at.segmented_control(key="section").set_value(section).run()
    assert not at.exception, at.exception
    return at
