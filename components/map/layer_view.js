// What the map shows around the arcs layer: the view follows a new focus or selection once,
// and place labels appear for the most connected places, or for all when zoomed in.
function kembarLayerView(layer, cfg, view) {
  // Only the labels shown are made and put on the map: at thousands of places, an element for
  // each (hidden or not) would cost the first draw a tenth of a second.
  var labels = L.layerGroup(), places = [], ALL_LABELS_ZOOM = 6;
  function arcs(test) {
    var found = [];
    layer.eachLayer(function (l) {
      if (l.feature.geometry.type === "LineString" && test(l.feature.properties)) { found.push(l); }
    });
    return found;
  }
  function bounds(list) {
    var b = L.latLngBounds([]);
    list.forEach(function (l) { b.extend(l.getBounds()); });
    return b;
  }
  function follow(map) {
    var state = window.kembarViewState || (window.kembarViewState = {focus: null, selected: null});
    var selected = arcs(function (p) { return p.selected; })[0];
    var selectedId = selected ? selected.feature.properties.id : null;
    var focused = arcs(function (p) { return p.focused; });
    // Keep clear of the legend (top right) when it is open.
    var legend = map.getContainer().querySelector(".kembar-legend-body");
    var right = legend && legend.style.display !== "none" ? legend.offsetWidth + 30 : 30;
    var fit = {paddingTopLeft: [30, 30], paddingBottomRight: [right, 30], maxZoom: 8};
    if (view.focus && state.focus !== view.focus && focused.length) {
      map.fitBounds(bounds(focused), fit);
    } else if (!view.focus && state.focus && view.region) {
      map.fitBounds(view.region);
    } else if (selected && state.selected !== selectedId &&
               !map.getBounds().contains(selected.getBounds())) {
      fit.maxZoom = Math.max(map.getZoom(), 5);
      map.fitBounds(selected.getBounds(), fit);
    }
    state.focus = view.focus || null;
    state.selected = selectedId;
  }
  function name(p) { return cfg.lang === "zh" ? (p.name_zh || p.name) : p.name; }
  // A place's label, made the first time it is to be shown.
  function labelOf(place) {
    if (place.kembarLabel) { return place.kembarLabel; }
    var p = place.feature.properties, span = document.createElement("span");
    span.textContent = name(p);
    span.style.cssText = "font:11px/1.2 sans-serif;color:#222;white-space:nowrap;" +
      "text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff;pointer-events:none";
    place.kembarLabel = L.marker(place.getLatLng(), {interactive: false, keyboard: false,
      icon: L.divIcon({className: "kembar-label", html: span, iconSize: null,
                       iconAnchor: [-(p.radius + 3), 7]})});
    return place.kembarLabel;
  }
  function hideLabel(place) {
    if (place.kembarLabel) { labels.removeLayer(place.kembarLabel); }
  }
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  // A label's box in the map's pixels, worked out rather than measured, so that it holds
  // whether or not the frame has been laid out yet (11px text, as the label's style says).
  var ruler = document.createElement("canvas").getContext("2d");
  ruler.font = "11px sans-serif";
  function box(map, place) {
    var p = place.feature.properties, at = map.latLngToLayerPoint(place.getLatLng());
    var left = at.x + p.radius + 3;
    var right = left + ruler.measureText(name(p)).width;
    return {left: left, right: right, top: at.y - 7, bottom: at.y + 7};
  }
  // The wanted labels, the most connected first; one that would cover a label already placed
  // stays hidden (in central Java a dozen places sit within a few pixels of each other).
  function showLabels() {
    var map = layer._map;
    if (!map) { return; }
    var zoomedIn = map.getZoom() >= ALL_LABELS_ZOOM, wanted = [], placed = [];
    places.forEach(function (place) {
      var p = place.feature.properties;
      if (zoomedIn || (view.focus ? p.focused : p.count >= cfg.labelMin)) { wanted.push(place); }
      else { hideLabel(place); }
    });
    var count = function (place) { return place.feature.properties.count; };
    wanted.sort(function (a, b) { return count(b) - count(a); });
    wanted.forEach(function (place) {
      var b = box(map, place), free = !placed.some(function (other) { return overlaps(b, other); });
      if (free) { placed.push(b); labels.addLayer(labelOf(place)); } else { hideLabel(place); }
    });
  }
  layer.on("add", function () {
    var map = layer._map;
    places = [];
    layer.eachLayer(function (l) { if (l.feature.geometry.type === "Point") { places.push(l); } });
    labels.addTo(map);
    map.on("zoomend", showLabels);
    showLabels();
    // Re-measure once, when the map first gets its layer (the frame may have been resized
    // since Leaflet measured it); on later swaps it would nudge the reader's view.
    setTimeout(function () {
      if (!layer._map) { return; }
      if (!map.kembarMeasured) { map.invalidateSize(); map.kembarMeasured = true; }
      follow(map);
    }, 0);
  });
  layer.on("remove", function (e) {
    var map = e.target._map || window.map;
    if (map) { map.off("zoomend", showLabels); map.removeLayer(labels); }
    labels.clearLayers();
    places.forEach(function (place) { place.kembarLabel = null; });
    places = [];
  });
}
