"""Provinces shaded by their ties: shapes from data/provinces.geojson, counts per rerun.

The shapes (360 kB) are served once as a static file and fetched by the browser; each rerun
sends only the count, shade class and label of every shape. A pre-split shape (its `covers`
lists newer provinces, data/PROVINCES.md) is shaded by the sum of the provinces it covers.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import folium
from folium.template import Template

from components import DATA_DIR
from components.filters import NGettext, english_ngettext
from components.i18n.translator import N_, Translate, untranslated
from components.map.elements import render_layer, script_json

PROVINCES_PATH = DATA_DIR / "provinces.geojson"
STATIC_NAME = "provinces.geojson"  # under the map's asset base, /app/static/kembar/
LAYER_JS_PATH = Path(__file__).with_name("provinces.js")
# ColorBrewer YlGnBu, the five darker classes of six (the lightest vanishes on the pale land):
# sequential, colour-blind safe, and readable in greyscale.
SHADE_COLOURS = ("#C7E9B4", "#7FCDBB", "#41B6C4", "#2C7FB8", "#253494")
FILL_OPACITY = 0.72
TEXT = {"title": N_("Partnerships by province")}

Counts = Mapping[tuple[str, str], int]  # (country, province) -> partnerships


@lru_cache(maxsize=2)
def load_province_shapes(path: Path = PROVINCES_PATH) -> dict[str, Any]:
    """The province shapes as data/PROVINCES.md describes them (read once per process)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def shapes_version(path: Path = PROVINCES_PATH) -> str:
    """A short hash of the shapes file, so its URL changes when it does (browser caches)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:10]


def class_breaks(top: int, classes: int = len(SHADE_COLOURS)) -> tuple[int, ...]:
    """The lowest count of each shade class: powers of a base, so classes stay readable
    whether the busiest province has 5 partnerships or 5,000 (1, 2, 4, 8, 16 for ours)."""
    base = 2
    while base ** (classes - 1) * base <= top:
        base += 1
    return tuple(base ** i for i in range(classes))


def shade_class(count: int, breaks: tuple[int, ...]) -> int:
    """The class index of a count (-1 for zero: left unshaded)."""
    return max((i for i, low in enumerate(breaks) if count >= low), default=-1)


def class_labels(breaks: tuple[int, ...]) -> list[str]:
    """"1", "2–3", "4–7", …, "16+" for the legend."""
    labels = []
    for i, low in enumerate(breaks):
        high = breaks[i + 1] - 1 if i + 1 < len(breaks) else None
        labels.append(f"{low}+" if high is None else str(low) if high == low else f"{low}–{high}")
    return labels


def shape_counts(counts: Counts, collection: Mapping[str, Any] | None = None
                 ) -> dict[tuple[str, str], dict[str, int]]:
    """For each shape, (country, name) -> {covered province: count}; the shape's count is
    the sum of the values (data/PROVINCES.md's rule for pre-split shapes)."""
    collection = collection if collection is not None else load_province_shapes()
    result = {}
    for feature in collection["features"]:
        p = feature["properties"]
        result[p["country"], p["name"]] = {name: counts.get((p["country"], name), 0)
                                           for name in p["covers"]}
    return result


def shape_label(properties: Mapping[str, Any], lang: str,
                names_zh: Mapping[tuple[str, str], str], translate: Translate) -> str:
    """A shape's name in the reader's language; a pre-split shape names all it covers."""
    def name(province: str) -> str:
        zh = names_zh.get((properties["country"], province), "")
        return zh if lang == "zh" and zh else province
    names = [name(n) for n in properties["covers"]]
    label = " + ".join(names)
    if len(names) > 1 and properties.get("split_year"):
        label += " " + translate("(boundary before {year})").format(year=properties["split_year"])
    return label


def province_focus_key(country: str, province: str) -> str:
    """The key the focus on a place gives a province ("ID|province|Jawa Tengah|Provinsi Jawa
    Tengah"), named as a province-level partner row names it; a clicked shape reports it as
    its `place`, as a clicked marker reports its own."""
    name = f"Provinsi {province}" if country == "ID" else province
    return "|".join((country, "province", province, name))


def shading_config(counts: Counts, *, top: int, lang: str = "en",
                   names_zh: Mapping[tuple[str, str], str] | None = None,
                   translate: Translate = untranslated, ngettext: NGettext = english_ngettext,
                   url: str = "") -> dict[str, Any]:
    """What one rerun sends: per shape its count, class and label; the scale and its legend.

    `top` is the busiest province's count over the whole dataset, so a colour keeps its
    meaning while filters change.
    """
    collection = load_province_shapes()
    names_zh = names_zh or {}
    breaks = class_breaks(top)
    per_shape = shape_counts(counts, collection)
    shapes = {}
    for feature in collection["features"]:
        p = feature["properties"]
        parts = per_shape[p["country"], p["name"]]
        total = sum(parts.values())
        entry: dict[str, Any] = {"n": total, "c": shade_class(total, breaks),
                                 "label": shape_label(p, lang, names_zh, translate),
                                 "place": province_focus_key(p["country"], p["name"])}
        if len(parts) > 1:
            entry["parts"] = [[names_zh.get((p["country"], k), k) if lang == "zh" else k, v]
                              for k, v in parts.items()]
        shapes[f'{p["country"]}|{p["name"]}'] = entry
    return {"url": url, "shapes": shapes, "colours": list(SHADE_COLOURS), "opacity": FILL_OPACITY,
            "classes": class_labels(breaks), "coveredBy": collection["properties"]["covered_by"],
            "text": {**{k: translate(v) for k, v in TEXT.items()},
                     **{k: ngettext("{n} partnership", "{n} partnerships", n)
                        for k, n in (("one", 1), ("other", 2))}}}


def shaded_features(counts: Counts) -> list[dict[str, Any]]:
    """The shapes as export features: `name` as the dataset writes it and `partnerships`
    (the sum over `covers`), plus each covered province's own count."""
    collection = load_province_shapes()
    per_shape = shape_counts(counts, collection)
    features = []
    for feature in collection["features"]:
        p = feature["properties"]
        parts = per_shape[p["country"], p["name"]]
        properties = {**p, "partnerships": sum(parts.values()), "counts": parts}
        features.append({"type": "Feature", "geometry": feature["geometry"],
                         "properties": properties})
    return features


class ProvincesGeoJson(folium.GeoJson):
    """The shaded provinces as one Leaflet GeoJSON layer built by provinces.js."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.layer_js }}
        var {{ this.get_name() }} = kembarProvincesLayer({{ this.config_json }});
        {% endmacro %}
    """)

    def __init__(self, config: Mapping[str, Any]):
        super().__init__({"type": "FeatureCollection", "features": []}, name="provinces")
        self._name = "ProvincesGeoJson"
        self.layer_js = LAYER_JS_PATH.read_text(encoding="utf-8")
        self.config_json = script_json(config)

    def render(self, **kwargs: Any) -> None:
        """Render without folium's per-feature style machinery (styles are computed in JS)."""
        render_layer(self, **kwargs)


def build_provinces_layer(config: Mapping[str, Any],
                          translate: Translate = untranslated) -> folium.FeatureGroup:
    """The feature group the app hands to st_folium beside the arcs, drawn under them."""
    group = folium.FeatureGroup(name=translate("Partnerships by province"))
    ProvincesGeoJson(config).add_to(group)
    return group
