// The arcs layer's behaviour, written once instead of one Python style per feature.
// The page carries each arc as its two endpoints, its fan-out bend and its places' indices;
// the browser draws the same great circle as components.map.arcs.arc_points (slerp plus a
// sideways lift) and copies the places' names into each arc's properties, so a click
// reports a complete feature while the payload carries every name only once.
function kembarArcsLayer(cfg, packed, view) {
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
        p.place === view.focus ? {color: cfg.selected.color, weight: 3} : {},
        dim ? {fillOpacity: 0.4, opacity: 0.4} : {});
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
  var layer = L.geoJson(null, {
    style: style,
    pointToLayer: function (f, latlng) { return L.circleMarker(latlng, style(f)); }
  });
  layer.bindTooltip(tip, {sticky: true});
  layer.addData(data);
  layer.kembarStyle = style;
  var order = function (test) {
    layer.eachLayer(function (l) { if (test(l.feature)) { l.bringToFront(); } });
  };
  order(function (f) { return f.properties.focused && f.geometry.type === "LineString"; });
  order(function (f) { return f.geometry.type === "Point"; });
  order(function (f) { return f.properties.selected; });
  kembarPicking(layer, cfg, view);
  kembarLayerView(layer, cfg, view);
  return layer;
}
