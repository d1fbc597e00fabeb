"""Standalone exports of the map: one HTML file that works offline, and GeoJSON.

The HTML inlines Leaflet (from XStatic-Leaflet) and the country outlines, so it opens from
disk with no network; tiles, if kept, are only a bonus when the reader is online.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any, Mapping, Sequence

from branca.element import Element

from components.map.assets import leaflet_inline
from components.map.elements import Translate, untranslated
from components.map.build import DEFAULT_TILES, arcs_geojson, build_full_map
from components.map.provinces import build_provinces_layer, load_province_shapes
from components.models import Partnership, Place, PlaceRef


def export_geojson(partnerships: Sequence[Partnership],
                   places: Mapping[PlaceRef, Place]) -> dict[str, Any]:
    """A LineString per drawable partnership with all its attributes, a Point per place."""
    return arcs_geojson(partnerships, places, attributes=True)


def standalone_html(partnerships: Sequence[Partnership], places: Mapping[PlaceRef, Place], *,
                    translate: Translate = untranslated, tiles: str | None = DEFAULT_TILES,
                    provinces: Mapping[str, Any] | None = None) -> str:
    """The full map as one HTML page with Leaflet inlined: no CDN, no local server.

    `provinces` (map.provinces.shading_config) shades the provinces, their shapes inlined.
    """
    m = build_full_map(partnerships, places, translate=translate, asset_base=".", tiles=tiles)
    if provinces is not None:
        inline = {**provinces, "url": "", "data": load_province_shapes()}
        build_provinces_layer(inline, translate=translate).add_to(m)
    m.default_js = []
    m.default_css = []
    script, style = leaflet_inline()
    root = m.get_root()
    title = html.escape(translate("Kembar: Indonesia–China sister regions"))
    root.header.add_child(Element(f"<title>{title}</title>"), name="kembar_title", index=0)
    root.header.add_child(Element(f"<style>{style}</style>"), name="leaflet_css_inline", index=1)
    root.header.add_child(Element(f"<script>{script}</script>"), name="leaflet_js_inline", index=2)
    return root.render()


def write_html(path: Path, partnerships: Sequence[Partnership],
               places: Mapping[PlaceRef, Place], **options: Any) -> None:
    """Write standalone_html(...) to `path` as UTF-8."""
    Path(path).write_text(standalone_html(partnerships, places, **options), encoding="utf-8")


def write_geojson(path: Path, partnerships: Sequence[Partnership],
                  places: Mapping[PlaceRef, Place]) -> None:
    """Write export_geojson(...) to `path` as UTF-8 JSON (characters kept readable)."""
    text = json.dumps(export_geojson(partnerships, places), ensure_ascii=False, indent=1)
    Path(path).write_text(text + "\n", encoding="utf-8")
