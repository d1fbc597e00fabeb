"""A click on an arc until the details beside the map describe it, with the real mouse.

Kembar's map highlights a clicked arc in the browser at once; the details need a rerun of the
page, which the map's component asks for. This times that round trip as a reader sees it.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from components.bench.harness import MAP_FRAME, guarded_context

PROBES = Path(__file__).with_name("clicks.js").read_text(encoding="utf-8")
TIMEOUT_MS = 60_000


def _probe(name: str) -> str:
    return f"{PROBES}.{name}"


def click_seconds(browser: Any, url: str, clicks: int = 5,
                  viewport: tuple[int, int] = (1440, 900)) -> list[float]:
    """Seconds from each of `clicks` mouse clicks on different arcs until the details' heading
    names a new partnership; raises when a request tried to leave the machine."""
    seconds: list[float] = []
    with guarded_context(browser, viewport) as context:
        page = context.new_page()
        page.goto(url)
        # The second run (the sidebar's) has come: the map's first report has been answered.
        page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stSelectbox"]',
                               timeout=TIMEOUT_MS)
        frame = page.wait_for_selector(MAP_FRAME, timeout=TIMEOUT_MS).content_frame()
        frame.wait_for_function("() => !!window.kembarLayer", timeout=TIMEOUT_MS)
        index = 0
        while len(seconds) < clicks and index < 20 * clicks:
            point, index = frame.evaluate(_probe("arcPoint"), index * 7), index + 1
            if point is None:
                continue
            before, shown = page.evaluate(_probe("heading")), frame.evaluate(_probe("highlighted"))
            box = page.locator(MAP_FRAME).bounding_box()
            start = time.perf_counter()
            page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
            picked = frame.evaluate(_probe("highlighted"))
            if picked is not None and picked != shown:
                page.wait_for_function(_probe("changed"), arg=before, polling="raf",
                                       timeout=TIMEOUT_MS)
                seconds.append(time.perf_counter() - start)
            frame.evaluate(_probe("closeList"))
            page.wait_for_timeout(1000)  # the rerun's map has settled before the next click
    return seconds


def median_click_seconds(browser: Any, url: str, clicks: int = 5) -> float | None:
    """The median of click_seconds, or None when no click landed on a new arc."""
    found = click_seconds(browser, url, clicks)
    return statistics.median(found) if found else None
