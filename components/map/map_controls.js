// How the map takes the pointer: the mouse wheel scrolls the page until the map is clicked
// or focused (then it zooms); on a touch screen one finger scrolls the page and two move the
// map; a button brings back the first view.
function kembarMapControls(map, cfg) {
  map.scrollWheelZoom.disable();
  var container = map.getContainer();
  function wheelOn() { map.scrollWheelZoom.enable(); }
  function wheelOff() { map.scrollWheelZoom.disable(); }
  map.on("click focus", wheelOn);
  L.DomEvent.on(container, "mousedown", wheelOn);
  L.DomEvent.on(container, "mouseleave", wheelOff);
  map.on("blur", wheelOff);
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
