// Provinces shaded by their ties: the shapes come from a static file (fetched once per map
// frame and kept by the browser), the counts and labels from each rerun's `cfg`.
// Loaded by components/map/provinces.py; every text goes into the DOM with textContent.
function kembarProvincesLayer(cfg) {
  var shapes = window.kembarProvinceShapes;
  if (!shapes || shapes.url !== cfg.url) {
    shapes = window.kembarProvinceShapes = {url: cfg.url, data: cfg.data ? Promise.resolve(cfg.data)
      : fetch(cfg.url).then(function (r) { return r.json(); })};
  }
  function key(p) { return p.country + "|" + p.name; }
  function entry(p) { return cfg.shapes[key(p)] || {n: 0, c: -1, label: p.name}; }
  function style(f) {
    var e = entry(f.properties), shaded = e.c >= 0;
    return {color: shaded ? "#5A5A5A" : "#9A9A9A", weight: shaded ? 0.7 : 0.5, opacity: 0.8,
            fillColor: shaded ? cfg.colours[e.c] : "#FFFFFF",
            fillOpacity: shaded ? cfg.opacity : 0, dashArray: null};
  }
  function tip(l) {
    var e = entry(l.feature.properties), box = document.createElement("div");
    var head = document.createElement("div"), body = document.createElement("div");
    head.textContent = e.label; head.style.fontWeight = "bold";
    body.textContent = (e.n === 1 ? cfg.text.one : cfg.text.other).replace("{n}", e.n);
    box.appendChild(head); box.appendChild(body);
    (e.parts || []).forEach(function (part) {
      var d = document.createElement("div");
      d.textContent = part[0] + ": " + part[1];
      box.appendChild(d);
    });
    return box;
  }
  var layer = L.geoJson(null, {style: style});
  layer.bindTooltip(tip, {sticky: true});
  var legend = kembarProvincesLegend(cfg), outlined = [];
  function byName(country, name) {
    var found = null, target = country === "ID" && cfg.coveredBy[name] ? cfg.coveredBy[name] : name;
    layer.eachLayer(function (l) {
      var p = l.feature.properties;
      if (p.country === country && p.name === target) { found = l; }
    });
    return found;
  }
  function outline(e) {
    var src = e.propagatedFrom || e.target, p = src && src.feature && src.feature.properties;
    if (!p || p.level !== "province" || !p.id_place || !p.cn_place) { return; }
    [byName("ID", p.id_place.split("|")[2]), byName("CN", p.cn_place.split("|")[2])]
      .forEach(function (l) {
        if (l) { l.setStyle({color: "#111111", weight: 3, opacity: 1}); outlined.push(l); }
      });
  }
  function clear() {
    outlined.forEach(function (l) { layer.resetStyle(l); });
    outlined = [];
  }
  function watch(l) {
    if (l === layer || !l.feature || !l.feature.properties || !("id_place" in l.feature.properties)) {
      return;
    }
    l.on("mouseover", outline); l.on("mouseout", clear);
  }
  function onLayerAdd(e) { watch(e.layer); }
  layer.on("add", function () {
    var map = layer._map;
    legend.addTo(map);
    map.eachLayer(watch);
    map.on("layeradd", onLayerAdd);
    shapes.data.then(function (data) {
      if (!layer._map) { return; }
      layer.addData(data);
      layer.eachLayer(function (l) {  // a click reports the count and the place to focus
        var p = l.feature.properties, e = entry(p);
        p.partnerships = e.n;
        if (e.place) { p.place = e.place; }
      });
      layer.bringToBack();  // under the arcs on the shared canvas, so arcs stay clickable
    });
  });
  layer.on("remove", function () {
    var map = legend._map;
    legend.remove();
    if (map) { map.off("layeradd", onLayerAdd); }
  });
  return layer;
}

// The legend of the shading: one swatch per class with its range of counts.
function kembarProvincesLegend(cfg) {
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function (map) {
    var box = L.DomUtil.create("div", "kembar-provinces-legend"), narrow = map.getSize().x < 520;
    box.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 9px;" +
      "font:12px/1.45 sans-serif;color:#222;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,0.3)";
    var title = L.DomUtil.create("div", "", box);
    title.textContent = cfg.text.title; title.style.fontWeight = "bold";
    cfg.classes.forEach(function (label, i) {
      var row = L.DomUtil.create(narrow ? "span" : "div", "", box);  // one line on a phone
      var swatch = L.DomUtil.create("span", "", row);
      if (narrow) { row.style.marginRight = "6px"; }
      swatch.style.cssText = "display:inline-block;width:18px;height:11px;margin-right:6px;" +
        "vertical-align:middle;border:1px solid #777;opacity:" + cfg.opacity + ";background:" +
        cfg.colours[i];
      row.appendChild(document.createTextNode(label));
    });
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  return legend;
}
