// How the map takes the pointer: the mouse wheel scrolls the page until the map is clicked
// or focused (then it zooms); on a touch screen one finger scrolls the page and two move the
// map; a button brings back the first view.
function kembarMapControls(map, cfg) {
  // The first view fits the region without the zoom animation: an animation would end after
  // the arcs are added and make Leaflet work out every arc's pixels a second time.
  if (cfg.fit) { map.fitBounds(cfg.region, {animate: false}); }
  map.scrollWheelZoom.disable();
  var container = map.getContainer();
  function wheelOn() { map.scrollWheelZoom.enable(); }
  function wheelOff() { map.scrollWheelZoom.disable(); }
  map.on("click focus", wheelOn);
  L.DomEvent.on(container, "mousedown", wheelOn);
  L.DomEvent.on(container, "mouseleave", wheelOff);
  map.on("blur", wheelOff);
  // Leaflet focuses the map on mousedown for its keyboard handler. When the map's frame reaches
  // below the fold, that focus scrolls the page under the pointer and the click lands beside
  // what was aimed at: focus without scrolling. (The handler binds its listener when enabled,
  // so it is switched off and on around the change.)
  if (map.keyboard) {
    map.keyboard.disable();
    map.keyboard._onMouseDown = function () {
      if (!this._focused) { this._map.getContainer().focus({preventScroll: true}); }
    };
    map.keyboard.enable();
  }
  if (L.Browser.mobile || (L.Browser.touch && !window.matchMedia("(pointer: fine)").matches)) {
    map.dragging.disable();  // two-finger pinch (touchZoom) still moves and zooms the map
  }
  var reset = L.control({position: "topleft"});
  reset.onAdd = function () {
    var bar = L.DomUtil.create("div", "leaflet-bar kembar-reset");
    var button = L.DomUtil.create("a", "", bar);
    button.href = "#"; button.setAttribute("role", "button");
    button.title = cfg.text.reset; button.setAttribute("aria-label", cfg.text.reset);
    button.textContent = "\u27F2"; button.style.fontSize = "18px";
    L.DomEvent.on(button, "click", function (e) {
      L.DomEvent.stop(e);
      map.fitBounds(cfg.region);
    });
    L.DomEvent.disableClickPropagation(bar);
    return bar;
  };
  reset.addTo(map);
}
