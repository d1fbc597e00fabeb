// Clicks on the arcs layer. Canvas hit-testing takes the topmost arc within its tolerance,
// which in the tangle is rarely the one under the pointer: instead the place circle under the
// pointer, else the arc geometrically nearest to it, is the one clicked, and the others in
// reach are offered as a short list. st_folium reports `e.layer` from its own click handler,
// bound on this layer after ours, so setting `e.layer` here decides what the app receives.
function kembarPicking(layer, cfg, view) {
  var REACH = 9;  // pixels from the pointer to an arc's centre line
  window.kembarLayer = layer;  // the current layer, for choices made in an open list
  function isArc(l) { return l.feature.geometry.type === "LineString"; }
  function distance(l, point) {
    var best = Infinity;
    (l._parts || []).forEach(function (part) {
      for (var i = 1; i < part.length; i++) {
        best = Math.min(best, L.LineUtil.pointToSegmentDistance(point, part[i - 1], part[i]));
      }
    });
    return best;
  }
  // Everything within reach of a layer point, nearest first: places before arcs, and in a
  // focus the focused arcs before the faded ones.
  function within(point) {
    var places = [], arcs = [];
    layer.eachLayer(function (l) {
      if (!isArc(l)) {
        var d = point.distanceTo(l._point);
        if (d <= l._radius + 3) { places.push({layer: l, d: d}); }
        return;
      }
      var dist = distance(l, point);
      if (dist <= REACH) { arcs.push({layer: l, d: dist}); }
    });
    var byDistance = function (x, y) { return x.d - y.d; };
    if (places.length) { return places.sort(byDistance); }
    var focused = arcs.filter(function (x) { return x.layer.feature.properties.focused; });
    return (view.focus && focused.length ? focused : arcs).sort(byDistance);
  }
  var counter = 0;
  function stamp(l) {
    if (l && l.feature) { l.feature.properties.kembar_click = Date.now() + "." + (++counter); }
  }
  function highlight(chosen) {
    if (!isArc(chosen)) { return; }
    layer.eachLayer(function (l) {
      if (!isArc(l)) { return; }
      l.feature.properties.selected = l === chosen;
      l.setStyle(layer.kembarStyle(l.feature));
    });
    chosen.bringToFront();
  }
  function label(l) {
    var p = l.feature.properties;
    if (!isArc(l)) { return cfg.lang === "zh" ? (p.name_zh || p.name) : p.name; }
    var chinese = cfg.lang === "zh" ? (p.cn_name_zh || p.cn_name) : (p.cn_name || p.cn_name_zh);
    return cfg.lang === "zh" ? chinese + " \u2013 " + p.id_name : p.id_name + " \u2013 " + chinese;
  }
  function identity(l) { return l.feature.properties.id || l.feature.properties.place; }
  function choose(key, latlng) {
    var current = window.kembarLayer, found = null;
    current.eachLayer(function (l) { if (identity(l) === key) { found = l; } });
    if (found) { current.fire("click", {latlng: latlng, layer: found, kembarChosen: true}); }
  }
  function offer(map, latlng, others) {
    var box = L.DomUtil.create("div", "kembar-choice");
    var head = L.DomUtil.create("div", "", box);
    head.textContent = cfg.text.also; head.style.fontWeight = "bold";
    others.slice(0, 8).forEach(function (x) {
      var button = L.DomUtil.create("button", "", box), key = identity(x.layer);
      button.type = "button"; button.textContent = label(x.layer);
      button.style.cssText = "display:block;margin:3px 0;text-align:left;cursor:pointer;" +
        "background:#fff;border:1px solid #bbb;border-radius:3px;padding:2px 6px;font:12px sans-serif";
      L.DomEvent.on(button, "click", function (ev) {
        L.DomEvent.stop(ev); map.closePopup(); choose(key, latlng);
      });
    });
    L.DomEvent.disableClickPropagation(box);
    L.popup({autoPan: false, maxWidth: 320}).setLatLng(latlng).setContent(box).openOn(map);
  }
  // On a phone: the tooltip a tap opened goes away, and the details below the map come up.
  function afterTap(e) {
    var touch = e.originalEvent && (e.originalEvent.pointerType === "touch" ||
                                   e.originalEvent.sourceCapabilities &&
                                   e.originalEvent.sourceCapabilities.firesTouchEvents);
    if (touch || L.Browser.mobile) { setTimeout(function () { layer.closeTooltip(); }, 1200); }
    try {
      if (window.parent !== window && window.parent.innerWidth < 700) {
        setTimeout(function () {
          var box = window.parent.document.querySelector(".st-key-kembar_details");
          if (box) { box.scrollIntoView({behavior: "smooth", block: "start"}); }
        }, 1500);
      }
    } catch (error) { /* another origin: leave the page where it is */ }
  }
  layer.on("click", function (e) {
    setTimeout(kembarReportClick, 0);  // once st_folium's own handler, bound after this, has run
    if (e.kembarChosen) { stamp(e.layer); highlight(e.layer); afterTap(e); return; }
    var found = e.layerPoint ? within(e.layerPoint) : [];
    var chosen = found.length ? found[0].layer : e.layer;
    e.layer = chosen;
    stamp(chosen);
    if (!chosen) { return; }
    highlight(chosen);
    var others = found.slice(1).filter(function (x) { return identity(x.layer) !== identity(chosen); });
    if (others.length && layer._map) { offer(layer._map, e.latlng, others); }
    afterTap(e);
  });
}

// st_folium sends the app a click only after 250 ms without another event (a debounce meant for
// pans and zooms), so the details beside the map followed a click a quarter of a second late.
// Once its click handler has recorded the click, the value it is going to send is sent now and
// kept as the last sent, so that its delayed call finds nothing new and sends nothing. Only when
// the map returns exactly the click's two values (what Kembar asks for); otherwise st_folium
// sends as it always does.
var KEMBAR_CLICK_VALUES = ["last_object_clicked_count", "last_active_drawing"];  // its key order
function kembarReportClick() {
  var data = window.__GLOBAL_DATA__, streamlit = window.Streamlit;
  if (!data || !streamlit || !data.returned_objects ||
      data.returned_objects.length !== KEMBAR_CLICK_VALUES.length ||
      !KEMBAR_CLICK_VALUES.every(function (k) { return data.returned_objects.indexOf(k) >= 0; })) {
    return;
  }
  var value = {};
  KEMBAR_CLICK_VALUES.forEach(function (k) { value[k] = data[k]; });
  if (JSON.stringify(value) === JSON.stringify(data.previous_data)) { return; }
  data.previous_data = value;
  streamlit.setComponentValue(value);
}
