"""What the map does in the page around it: fill an embed's frame, write its view into the
page's address, and name its frame for screen readers."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from components.map.elements import script_json


class FillFrame(MacroElement):
    """Makes the map as tall as the frame it is drawn in, and keeps it so when the frame resizes.

    streamlit-folium fixes its map's height in pixels; in an embed the frame's height is the
    host page's choice, so the map takes the window's height and tells Leaflet to re-measure.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
          function fill() {
            var box = document.getElementById("map_div");
            if (box) { box.style.height = window.innerHeight + "px"; }
            map.getContainer().style.height = window.innerHeight + "px";
            map.invalidateSize();
          }
          window.addEventListener("resize", fill);
          setTimeout(fill, 0);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "FillFrame"


class ViewInAddress(MacroElement):
    """Writes the map's centre and zoom into the page's address (`view=lat,lon,zoom`) after
    the reader moves it, so a copied address opens there.

    Done in the browser, with no round trip: asking streamlit-folium to return the centre
    would rerun the whole page on every pan. Streamlit sends its own copy of the query string
    with each rerun, so only when the reader opens the control matched by `sync_selector`
    (the Share popover) is the new address handed to Streamlit (a `popstate`, which reruns
    once). Only moves the reader made count: the map's first fit leaves the address alone.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, selector) {
          var touched = false, moved = false, box = map.getContainer(), host = window.parent;
          // Capture phase: Leaflet stops some of these events before they would bubble up.
          ["pointerdown", "mousedown", "touchstart", "wheel", "keydown", "dblclick"].forEach(
            function (name) {
              box.addEventListener(name, function () { touched = true; },
                                   {capture: true, passive: true});
            });
          map.on("moveend", function () {
            if (!touched) { return; }
            try {
              var url = new URL(host.location.href), c = map.getCenter();
              var lng = ((c.lng + 540) % 360) - 180;
              url.searchParams.set("view", [+c.lat.toFixed(4), +lng.toFixed(4),
                                            +map.getZoom().toFixed(2)].join(","));
              host.history.replaceState(host.history.state, "", url.toString());
              moved = true;
            } catch (error) { /* another origin: the address is not ours to change */ }
          });
          try {
            host.document.addEventListener("click", function (event) {
              if (moved && event.target.closest && event.target.closest(selector)) {
                moved = false;
                host.dispatchEvent(new host.PopStateEvent("popstate"));
              }
            }, true);
          } catch (error) { /* another origin */ }
        })({{ this._parent.get_name() }}, {{ this.selector_json }});
        {% endmacro %}
    """)

    def __init__(self, sync_selector: str) -> None:
        super().__init__()
        self._name = "ViewInAddress"
        self.selector_json = script_json(sync_selector)


class FrameLabel(MacroElement):
    """Names the map's frame for screen readers (aria-label), pointing to its text alternative."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        try {
          if (window.frameElement) {
            window.frameElement.setAttribute("aria-label", {{ this.label_json }});
          }
        } catch (error) { /* another origin: not ours to label */ }
        {% endmacro %}
    """)

    def __init__(self, label: str) -> None:
        super().__init__()
        self._name = "FrameLabel"
        self.label_json = script_json(label)
