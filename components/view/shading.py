"""The province shading of a view, one computation for the app's map and the picture: the shown
partnerships counted by province (components.provinces), on a scale fixed by the whole dataset."""

from __future__ import annotations

from typing import Any, Sequence

from components.map.provinces import shading_config
from components.models import Partnership
from components.pipeline import Prepared
from components.provinces import count_by_province


def province_names_zh(prepared: Prepared) -> dict[tuple[str, str], str]:
    """(country, province) -> its name in characters, from the gazetteer's province rows."""
    return {(e.country, e.province): e.name_zh for e in prepared.gazetteer.entries
            if e.level == "province" and e.name_zh}


def view_shading(t, shown: Sequence[Partnership], prepared: Prepared, url: str = "") -> dict[str, Any]:
    """map.provinces.shading_config for what is shown, in t's language; `url` is where the
    browser fetches the shapes (the picture reads them from disk and needs none)."""
    everything = count_by_province(prepared.partnerships)
    return shading_config(count_by_province(shown), top=max(everything.values(), default=1),
                          lang=t.lang, names_zh=province_names_zh(prepared), translate=t,
                          ngettext=t.ngettext, url=url)
