"""How the map encodes the data: colours by level, line styles by stage, labels, the legend.

Every visible word passes through `translate`; every text reaches the page as JSON inside a
script and is put into the DOM with `textContent`, so names and notes are never parsed as HTML.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import folium
from folium.elements import ElementAddToElement

from branca.element import MacroElement
from folium.template import Template

from components.map.arcs import EARTH_RADIUS_KM, KM_PER_POINT, MAX_POINTS, MIN_POINTS
from components.i18n.translator import N_, Translate, untranslated
from components.map.wire import pack_layer, wire_codes
from components.i18n.vocabulary import LEVEL_LABELS, STAGE_LABELS, sentence_case

# Okabe & Ito (2008), a palette that colour-blind readers can tell apart.
LEVEL_COLOURS = {"province": "#0072B2", "city": "#D55E00", "regency": "#009E73"}
OTHER_COLOUR = "#6B6B6B"
# Weight and dash pattern by stage: the firmer the tie, the bolder and more solid the line.
STAGE_LINES = {
    "exploration": {"weight": 2.0, "dashArray": "8 6"},
    "loi": {"weight": 1.8, "dashArray": "1 5"},
    "mou": {"weight": 3.0, "dashArray": None},
    "agreement": {"weight": 4.5, "dashArray": None},
}
# Opacity of an arc by state, the open partnership's emphasis, place markers and outlines:
# shared by the browser map (through style_config) and the printed picture (map/picture.py).
ARC_OPACITY = {"shown": 0.85, "disputed": 0.55, "selected": 1.0}
SELECTED_ARC = {"color": "#111111", "extraWeight": 3}
PLACE_STYLE = {"color": "#333333", "weight": 1, "fillColor": "#FFFFFF", "fillOpacity": 0.9,
               "opacity": 0.9}
# With a place in focus: its own marker ringed like the open partnership, and the markers of
# places that are not among its ties dimmed.
FOCUSED_PLACE = {"color": SELECTED_ARC["color"], "weight": 3}
FADED_PLACE = {"fillOpacity": 0.4, "opacity": 0.4}
OUTLINE_STYLE = {"color": "#8A8A8A", "weight": 0.8, "fillColor": "#EFEDE6", "fillOpacity": 1}
LEGEND_LINE_COLOUR = "#444444"  # stage samples in the legend: the dash, not the colour, matters
TEXT_LABELS = {
    "level": N_("Level (Indonesian side)"),
    "stage": N_("Stage"),
    "date": N_("Date"),
    "undated": N_("date unknown"),
    "disputed": N_("disputed: the sources disagree"),
    # TRANSLATORS: after a count of one, in a place's tooltip ("1 partnership").
    "partnership": N_("partnership"),
    "partnerships": N_("partnerships"),
    "places": N_("Partner place (size: number of partnerships)"),
    "faded": N_("faded: not a tie of the focused place"),
    "legend": N_("Legend"),
    "also": N_("Also here:"),
    "reset": N_("Reset view"),
}
FADED_OPACITY = 0.2  # arcs outside a focus: still there for context, clearly behind
LABEL_MIN_PARTNERSHIPS = 3  # places labelled at the first zoom


# The layer's, legend's and outlines' JavaScript lives in .js files beside this module (where
# a linter sees it), read once at import.
SCRIPTS = {name: files("components.map").joinpath(name).read_text(encoding="utf-8")
           for name in ("unpack.js", "arcs_layer.js", "pick.js", "layer_view.js", "legend.js",
                        "outlines.js", "map_controls.js")}


def style_config(translate: Translate = untranslated) -> dict[str, Any]:
    """Everything the browser needs to style, label and explain the layer, translated."""
    return {
        "colours": LEVEL_COLOURS,
        "other": OTHER_COLOUR,
        "lines": STAGE_LINES,
        "opacity": ARC_OPACITY,
        "selected": SELECTED_ARC,
        "place": PLACE_STYLE,
        "focusedPlace": FOCUSED_PLACE,
        "fadedPlace": FADED_PLACE,
        "legendLine": LEGEND_LINE_COLOUR,
        "levels": {key: sentence_case(translate(text)) for key, text in LEVEL_LABELS.items()},
        "stages": {key: sentence_case(translate(text)) for key, text in STAGE_LABELS.items()},
        "text": {key: translate(text) for key, text in TEXT_LABELS.items()},
        "curve": {"km": KM_PER_POINT, "min": MIN_POINTS, "max": MAX_POINTS,
                  "radius": EARTH_RADIUS_KM},
        "codes": wire_codes(),
        "faded": FADED_OPACITY,
        "labelMin": LABEL_MIN_PARTNERSHIPS,
        "lang": getattr(translate, "lang", "en"),
    }


def script_json(value: Any) -> str:
    """JSON that is safe inside an inline <script>: no `</script>`, no HTML-active characters."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("'", "\\u0027"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


class Legend(MacroElement):
    """The map's legend as a Leaflet control, built in the map's own script with textContent."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.legend_js }}
        kembarLegend({{ this._parent.get_name() }}, {{ this.config_json }});
        {% endmacro %}
    """)

    def __init__(self, translate: Translate = untranslated):
        super().__init__()
        self._name = "Legend"
        self.legend_js = SCRIPTS["legend.js"]
        self.config_json = script_json(style_config(translate))


class MapControls(MacroElement):
    """Wheel and touch handling and a "reset view" button, from inside the map script."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.controls_js }}
        kembarMapControls({{ this._parent.get_name() }}, {{ this.config_json }});
        {% endmacro %}
    """)

    def __init__(self, region: Any, translate: Translate = untranslated, fit: bool = False):
        """`fit`: the first view fits `region` (at once, before any layer is drawn)."""
        super().__init__()
        self._name = "MapControls"
        self.controls_js = SCRIPTS["map_controls.js"]
        label = TEXT_LABELS["reset"]
        self.config_json = script_json({"region": region, "fit": fit,
                                        "text": {"reset": translate(label)}})


class IconImagePath(MacroElement):
    """Sets L.Icon.Default.imagePath from inside the map script (header scripts never run)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.Icon.Default.imagePath = {{ this.path_json }};
        {% endmacro %}
    """)

    def __init__(self, path: str):
        super().__init__()
        self._name = "IconImagePath"
        self.path_json = script_json(path)


class ArcsGeoJson(folium.GeoJson):
    """One GeoJSON layer for all arcs and markers, styled in the browser from properties."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.layer_js }}
        var {{ this.get_name() }} = kembarArcsLayer({{ this.config_json }}, {{ this.data_json }}, {{ this.view_json }});
        {% endmacro %}
    """)

    def __init__(self, data: dict[str, Any], translate: Translate = untranslated,
                 view: dict[str, Any] | None = None):
        """`view`: {"focus": the focused place's key or None, "region": [[s, w], [n, e]]}."""
        super().__init__(data, name="arcs")
        self._name = "ArcsGeoJson"
        self.layer_js = "\n".join(SCRIPTS[name] for name in
                                  ("unpack.js", "pick.js", "layer_view.js", "arcs_layer.js"))
        self.config_json = script_json(style_config(translate))
        self.data_json = script_json(pack_layer(data))
        self.view_json = script_json(view or {})

    def render(self, **kwargs: Any) -> None:
        """Render without folium's per-feature style machinery (styles are computed in JS)."""
        render_layer(self, **kwargs)


class OutlinesLayer(folium.GeoJson):
    """Country outlines drawn under everything, so the map is never blank offline.

    With `url` the map fetches them from that static file (sent once, kept by the browser,
    and left out of the script Streamlit sends on every rerun); without, they are inlined
    (the standalone export)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.outlines_js }}
        var {{ this.get_name() }} = kembarOutlines({{ this._parent.get_name() }},
            {{ "null" if this.url else this.data_json }}, {{ this.url_json }}, {{ this.style_json }});
        {% endmacro %}
    """)

    def __init__(self, data: dict[str, Any], url: str | None = None):
        super().__init__(data, name="outlines", control=False)
        self._name = "OutlinesLayer"
        self.outlines_js = SCRIPTS["outlines.js"]
        self.url = url
        self.url_json = script_json(url)
        self.data_json = "" if url else script_json(data)
        self.style_json = script_json(OUTLINE_STYLE)

    def render(self, **kwargs: Any) -> None:
        """Add to the map like any layer; there is no per-feature style to compute."""
        render_layer(self, **kwargs)


class TileLayer(folium.TileLayer):
    """folium's TileLayer, rendered so that rendering a cached map again adds nothing."""

    def render(self, **kwargs: Any) -> None:
        """See render_layer."""
        render_layer(self, **kwargs)


def render_layer(layer: folium.map.Layer, **kwargs: Any) -> None:
    """Render a layer with its `addTo(parent)` kept under one fixed child name.

    folium names that child after the layer's current variable name; streamlit-folium renames
    variables on its first call, so a cached map rendered again gained a second `addTo` and a
    new script hash, and the map iframe was rebuilt (zoom lost) on the first rerun.
    """
    if layer.show:
        layer.add_child(ElementAddToElement(element_name=layer.get_name(),
                                            element_parent_name=layer._parent.get_name()),
                        name="kembar_add_to_parent")
    super(folium.map.Layer, layer).render(**kwargs)
