// The arcs layer's behaviour, written once instead of one Python style per feature.
// The page carries each arc as its two endpoints, its fan-out bend and its places' indices;
// the browser draws the same great circle as components.map.arcs.arc_points (slerp plus a
// sideways lift) and copies the places' names into each arc's properties, so a click
// reports a complete feature while the payload carries every name only once.
function kembarArcsLayer(cfg, packed, view) {
  var RAD = Math.PI / 180, data = kembarUnpack(cfg.codes, packed);
  function latLng(c) { return L.latLng(c[1], c[0]); }
  // The great circle from c0 to c1 ([lon, lat]), lifted sideways by `bend`, as Leaflet points.
  // Written out coordinate by coordinate: at thousands of arcs this runs for every point.
  function curve(c0, c1, bend) {
    var la0 = c0[1] * RAD, lo0 = c0[0] * RAD, la1 = c1[1] * RAD, lo1 = c1[0] * RAD;
    var ax = Math.cos(la0) * Math.cos(lo0), ay = Math.cos(la0) * Math.sin(lo0), az = Math.sin(la0);
    var bx = Math.cos(la1) * Math.cos(lo1), by = Math.cos(la1) * Math.sin(lo1), bz = Math.sin(la1);
    var h = Math.pow(Math.sin((c1[1] - c0[1]) * RAD / 2), 2) + Math.cos(c0[1] * RAD) *
      Math.cos(c1[1] * RAD) * Math.pow(Math.sin((c1[0] - c0[0]) * RAD / 2), 2);
    var w = 2 * Math.asin(Math.min(1, Math.sqrt(h)));
    if (w < 1e-9 || Math.PI - w < 1e-6) { return [latLng(c0), latLng(c1)]; }
    var nx = ay * bz - az * by, ny = az * bx - ax * bz, nz = ax * by - ay * bx;
    var len = Math.sqrt(nx * nx + ny * ny + nz * nz);
    var count = Math.max(cfg.curve.min, Math.min(cfg.curve.max,
      Math.round(cfg.curve.radius * w / cfg.curve.km) + 1));
    var out = [latLng(c0)], sinW = Math.sin(w);
    for (var i = 1; i < count - 1; i++) {
      var t = i / (count - 1), sa = Math.sin((1 - t) * w) / sinW;
      var sb = Math.sin(t * w) / sinW, lift = Math.tan(bend * w * Math.sin(Math.PI * t));
      var x = sa * ax + sb * bx + lift * nx / len, y = sa * ay + sb * by + lift * ny / len;
      var z = sa * az + sb * bz + lift * nz / len;
      out.push(L.latLng(Math.atan2(z, Math.hypot(x, y)) / RAD, Math.atan2(y, x) / RAD));
    }
    out.push(latLng(c1));
    return out;
  }
  var points = data.features.filter(function (f) { return f.geometry.type === "Point"; });
  data.features.forEach(function (f) {
    var p = f.properties;
    if (f.geometry.type !== "LineString") { return; }
    var from = points[p.a].properties, to = points[p.b].properties;
    p.id_name = from.name; p.cn_name = to.name; p.cn_name_zh = to.name_zh;
    p.id_place = from.place; p.cn_place = to.place;
  });
  view = view || {};
  function colour(p) { return cfg.colours[p.level] || cfg.other; }
  // With a focus, the focused place's arcs are drawn at full strength and the others faded.
  function arcOpacity(p) {
    if (p.selected) { return cfg.opacity.selected; }
    if (view.focus) { return p.focused ? 1 : cfg.faded; }
    return cfg.opacity[p.disputed ? "disputed" : "shown"];
  }
  function style(f) {
    var p = f.properties, line = cfg.lines[p.stage] || cfg.lines.exploration;
    if (f.geometry.type === "Point") {
      var dim = view.focus && !p.focused;
      return Object.assign({}, cfg.place, {radius: p.radius},
        p.place === view.focus ? cfg.focusedPlace : {}, dim ? cfg.fadedPlace : {});
    }
    return {color: p.selected ? cfg.selected.color : colour(p),
            weight: line.weight + (p.selected ? cfg.selected.extraWeight : (view.focus && p.focused ? 1 : 0)),
            dashArray: line.dashArray, opacity: arcOpacity(p), lineCap: "round"};
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
    row(box, p.id_name + " \u2013 " + names([p.cn_name_zh, p.cn_name]), true);
    row(box, cfg.text.stage + ": " + (cfg.stages[p.stage] || p.stage), false);
    row(box, cfg.text.date + ": " + (p.date || cfg.text.undated), false);
    if (p.disputed) { row(box, cfg.text.disputed, false); }
    return box;
  }
  // Points on a focused arc count as focused too (their markers stay bright).
  data.features.forEach(function (f) {
    var p = f.properties;
    if (p.focused && f.geometry.type === "LineString") {
      points[p.a].properties.focused = true; points[p.b].properties.focused = true;
    }
  });
  var layer = L.geoJson(null, {style: style});  // its style, for resetStyle
  layer.bindTooltip(tip, {sticky: true});
  layer.kembarStyle = style;
  // Each feature becomes its layer here rather than through addData, the arcs straight from
  // their curve's points. The canvas draws layers in the order they are added (bringToFront
  // does nothing before the layer is on a map): the other arcs, the focused place's arcs, the
  // place circles, and the selected arc on top.
  function rank(f) {
    if (f.geometry.type === "Point") { return 2; }
    return f.properties.selected ? 3 : (f.properties.focused ? 1 : 0);
  }
  var ranked = [[], [], [], []];
  data.features.forEach(function (f) { ranked[rank(f)].push(f); });
  ranked.forEach(function (features) {
    features.forEach(function (f) {
      var c = f.geometry.coordinates, l = f.geometry.type === "Point"
        ? L.circleMarker(latLng(c), style(f)) : L.polyline(curve(c[0], c[1], f.properties.bend), style(f));
      l.feature = f; l.defaultOptions = l.options;  // as addData leaves them, for resetStyle
      layer.addLayer(l);
    });
  });
  kembarPicking(layer, cfg, view);
  kembarLayerView(layer, cfg, view);
  return layer;
}
