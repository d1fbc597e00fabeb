"""How the map encodes the data: colours by level, line styles by stage, labels, the legend.

Every visible word passes through `translate`; every text reaches the page as JSON inside a
script and is put into the DOM with `textContent`, so names and notes are never parsed as HTML.
"""

from __future__ import annotations

import json
from typing import Any

import folium
from folium.elements import ElementAddToElement

from branca.element import MacroElement
from folium.template import Template

from components.map.arcs import EARTH_RADIUS_KM, KM_PER_POINT, MAX_POINTS, MIN_POINTS
from components.i18n.translator import N_, Translate, untranslated
from components.map.wire import UNPACK_JS, pack_layer, wire_codes
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
}


def style_config(translate: Translate = untranslated) -> dict[str, Any]:
    """Everything the browser needs to style, label and explain the layer, translated."""
    return {
        "colours": LEVEL_COLOURS,
        "other": OTHER_COLOUR,
        "lines": STAGE_LINES,
        "levels": {key: sentence_case(translate(text)) for key, text in LEVEL_LABELS.items()},
        "stages": {key: sentence_case(translate(text)) for key, text in STAGE_LABELS.items()},
        "text": {key: translate(text) for key, text in TEXT_LABELS.items()},
        "curve": {"km": KM_PER_POINT, "min": MIN_POINTS, "max": MAX_POINTS,
                  "radius": EARTH_RADIUS_KM},
        "codes": wire_codes(),
    }


def script_json(value: Any) -> str:
    """JSON that is safe inside an inline <script>: no `</script>`, no HTML-active characters."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("'", "\\u0027"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


# The layer's behaviour, written once in JavaScript instead of one Python style per feature.
# The page carries each arc as its two endpoints, its fan-out bend and its places' indices;
# the browser draws the same great circle as components.map.arcs.arc_points (slerp plus a
# sideways lift) and copies the places' names into each arc's properties, so a click
# reports a complete feature while the payload carries every name only once.
LAYER_JS = """
function kembarArcsLayer(cfg, packed) {
  var RAD = Math.PI / 180, data = kembarUnpack(cfg.codes, packed);
  function vec(c) {
    var la = c[1] * RAD, lo = c[0] * RAD;
    return [Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la)];
  }
  function curve(c0, c1, bend) {
    var a = vec(c0), b = vec(c1);
    var h = Math.pow(Math.sin((c1[1] - c0[1]) * RAD / 2), 2) + Math.cos(c0[1] * RAD) *
      Math.cos(c1[1] * RAD) * Math.pow(Math.sin((c1[0] - c0[0]) * RAD / 2), 2);
    var w = 2 * Math.asin(Math.min(1, Math.sqrt(h)));
    if (w < 1e-9 || Math.PI - w < 1e-6) { return [c0, c1]; }
    var n = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
    var len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    var count = Math.max(cfg.curve.min, Math.min(cfg.curve.max,
      Math.round(cfg.curve.radius * w / cfg.curve.km) + 1));
    var out = [c0];
    for (var i = 1; i < count - 1; i++) {
      var t = i / (count - 1), sa = Math.sin((1 - t) * w) / Math.sin(w);
      var sb = Math.sin(t * w) / Math.sin(w), lift = Math.tan(bend * w * Math.sin(Math.PI * t));
      var p = [0, 1, 2].map(function (k) { return sa * a[k] + sb * b[k] + lift * n[k] / len; });
      out.push([Math.atan2(p[1], p[0]) / RAD, Math.atan2(p[2], Math.hypot(p[0], p[1])) / RAD]);
    }
    out.push(c1);
    return out;
  }
  var points = data.features.filter(function (f) { return f.geometry.type === "Point"; });
  data.features.forEach(function (f) {
    var p = f.properties;
    if (f.geometry.type !== "LineString") { return; }
    var from = points[p.a].properties, to = points[p.b].properties;
    p.id_name = from.name; p.cn_name = to.name; p.cn_name_zh = to.name_zh;
    p.id_place = from.place; p.cn_place = to.place;
    f.geometry.coordinates = curve(f.geometry.coordinates[0], f.geometry.coordinates[1], p.bend);
  });
  function colour(p) { return cfg.colours[p.level] || cfg.other; }
  function style(f) {
    var p = f.properties, line = cfg.lines[p.stage] || cfg.lines.exploration;
    if (f.geometry.type === "Point") {
      return {radius: p.radius, color: "#333333", weight: 1, fillColor: "#FFFFFF",
              fillOpacity: 0.9, opacity: 0.9};
    }
    return {color: p.selected ? "#111111" : colour(p), weight: line.weight + (p.selected ? 3 : 0),
            dashArray: line.dashArray, opacity: p.selected ? 1 : (p.disputed ? 0.55 : 0.85),
            lineCap: "round"};
  }
  function row(box, text, bold) {
    var div = document.createElement("div");
    div.textContent = text;
    if (bold) { div.style.fontWeight = "bold"; }
    box.appendChild(div);
  }
  function names(list) {
    return list.filter(function (x, i) { return x && list.indexOf(x) === i; }).join(" ");
  }
  function tip(layer) {
    var p = layer.feature.properties, box = document.createElement("div");
    if (layer.feature.geometry.type === "Point") {
      row(box, names([p.name, p.name_zh]), true);
      row(box, p.count + " " + (p.count === 1 ? cfg.text.partnership : cfg.text.partnerships), false);
      return box;
    }
    row(box, p.id_name + " \\u2013 " + names([p.cn_name_zh, p.cn_name]), true);
    row(box, cfg.text.stage + ": " + (cfg.stages[p.stage] || p.stage), false);
    row(box, cfg.text.date + ": " + (p.date || cfg.text.undated), false);
    if (p.disputed) { row(box, cfg.text.disputed, false); }
    return box;
  }
  var layer = L.geoJson(null, {
    style: style,
    pointToLayer: function (f, latlng) { return L.circleMarker(latlng, style(f)); }
  });
  layer.bindTooltip(tip, {sticky: true});
  layer.addData(data);
  layer.eachLayer(function (l) { if (l.feature.properties.selected) { l.bringToFront(); } });
  return layer;
}
"""


class Legend(MacroElement):
    """The map's legend as a Leaflet control, built in the map's own script with textContent."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
          var cfg = {{ this.config_json }};
          var legend = L.control({position: "topright"});
          legend.onAdd = function () {
            var box = L.DomUtil.create("div", "kembar-legend");
            box.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 9px;" +
              "font:12px/1.45 sans-serif;color:#222;border-radius:4px;" +
              "box-shadow:0 1px 4px rgba(0,0,0,0.3)";
            function title(text) {
              var d = L.DomUtil.create("div", "", box);
              d.textContent = text; d.style.fontWeight = "bold";
            }
            function entry(text, colour, line) {
              var d = L.DomUtil.create("div", "", box);
              var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
              svg.setAttribute("width", "34"); svg.setAttribute("height", "10");
              svg.style.marginRight = "6px";
              var l = document.createElementNS("http://www.w3.org/2000/svg", "line");
              l.setAttribute("x1", "1"); l.setAttribute("y1", "5");
              l.setAttribute("x2", "33"); l.setAttribute("y2", "5");
              l.setAttribute("stroke", colour); l.setAttribute("stroke-width", line.weight);
              if (line.dashArray) { l.setAttribute("stroke-dasharray", line.dashArray); }
              l.setAttribute("stroke-linecap", "round");
              svg.appendChild(l); d.appendChild(svg);
              d.appendChild(document.createTextNode(text));
            }
            title(cfg.text.level);
            Object.keys(cfg.levels).forEach(function (k) {
              entry(cfg.levels[k], cfg.colours[k], {weight: 4});
            });
            title(cfg.text.stage);
            Object.keys(cfg.stages).forEach(function (k) {
              entry(cfg.stages[k], "#444444", cfg.lines[k]);
            });
            var note = L.DomUtil.create("div", "", box);
            note.textContent = "\\u25CB " + cfg.text.places;
            L.DomEvent.disableClickPropagation(box);
            return box;
          };
          legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, translate: Translate = untranslated):
        super().__init__()
        self._name = "Legend"
        self.config_json = script_json(style_config(translate))


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
        var {{ this.get_name() }} = kembarArcsLayer({{ this.config_json }}, {{ this.data_json }});
        {% endmacro %}
    """)

    def __init__(self, data: dict[str, Any], translate: Translate = untranslated):
        super().__init__(data, name="arcs")
        self._name = "ArcsGeoJson"
        self.layer_js = UNPACK_JS + LAYER_JS
        self.config_json = script_json(style_config(translate))
        self.data_json = script_json(pack_layer(data))

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
        // A pane under the tiles (z-index 200): online the tiles cover it, offline it shows.
        {{ this._parent.get_name() }}.createPane("kembarOutlines").style.zIndex = 150;
        var {{ this.get_name() }} = L.geoJson({{ "null" if this.url else this.data_json }}, {
          interactive: false, pane: "kembarOutlines",
          renderer: L.svg({padding: 0.5, pane: "kembarOutlines"}),
          style: {color: "#8A8A8A", weight: 0.8, fillColor: "#EFEDE6", fillOpacity: 1}
        });
        {% if this.url %}
        fetch({{ this.url_json }}).then(function (r) { return r.json(); })
          .then(function (data) { {{ this.get_name() }}.addData(data); });
        {% endif %}
        {% endmacro %}
    """)

    def __init__(self, data: dict[str, Any], url: str | None = None):
        super().__init__(data, name="outlines", control=False)
        self._name = "OutlinesLayer"
        self.url = url
        self.url_json = script_json(url)
        self.data_json = "" if url else script_json(data)

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
