// The map's legend as a Leaflet control; every text goes into the DOM with textContent.
function kembarLegend(map, cfg) {
  var legend = L.control({position: "topright"});
  legend.onAdd = function () {
    var box = L.DomUtil.create("div", "kembar-legend");
    box.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 9px;" +
      "font:12px/1.45 sans-serif;color:#222;border-radius:4px;" +
      "box-shadow:0 1px 4px rgba(0,0,0,0.3)";
    var toggle = L.DomUtil.create("button", "kembar-legend-toggle", box);
    toggle.type = "button";
    toggle.style.cssText = "border:0;background:none;font:bold 12px sans-serif;padding:0;" +
      "cursor:pointer;color:#222";
    var body = L.DomUtil.create("div", "kembar-legend-body", box);
    // Collapsed from the start where the map is narrow (a phone), open elsewhere.
    var open = map.getSize().x >= 600;
    function show() {
      body.style.display = open ? "" : "none";
      toggle.textContent = (open ? "\u25BE " : "\u25B8 ") + cfg.text.legend;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    L.DomEvent.on(toggle, "click", function (e) { L.DomEvent.stop(e); open = !open; show(); });
    show();
    function title(text) {
      var d = L.DomUtil.create("div", "", body);
      d.textContent = text; d.style.fontWeight = "bold";
    }
    function entry(text, colour, line) {
      var d = L.DomUtil.create("div", "", body);
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("width", "34"); svg.setAttribute("height", "10");
      svg.style.marginRight = "6px";
      var l = document.createElementNS("http://www.w3.org/2000/svg", "line");
      l.setAttribute("x1", "1"); l.setAttribute("y1", "5");
      l.setAttribute("x2", "33"); l.setAttribute("y2", "5");
      l.setAttribute("stroke", colour); l.setAttribute("stroke-width", line.weight);
      if (line.opacity) { l.setAttribute("stroke-opacity", line.opacity); }
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
    entry(cfg.text.disputed, "#444444", {weight: 3, opacity: 0.55});
    entry(cfg.text.faded, "#444444", {weight: 3, opacity: cfg.faded});
    var note = L.DomUtil.create("div", "", body);
    note.textContent = "\u25CB " + cfg.text.places;
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  legend.addTo(map);
  return legend;
}
