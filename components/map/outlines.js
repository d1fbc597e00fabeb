// Country outlines in a pane under the tiles (z-index 200): online the tiles cover them,
// offline they are the map's only background. With a `url` the outlines come from that static
// file (sent once, kept by the browser) instead of `data` inlined in the map's script.
function kembarOutlines(map, data, url) {
  map.createPane("kembarOutlines").style.zIndex = 150;
  var layer = L.geoJson(data, {
    interactive: false, pane: "kembarOutlines",
    renderer: L.svg({padding: 0.5, pane: "kembarOutlines"}),
    style: {color: "#8A8A8A", weight: 0.8, fillColor: "#EFEDE6", fillOpacity: 1}
  });
  if (url) {
    fetch(url).then(function (r) { return r.json(); })
      .then(function (fetched) { layer.addData(fetched); });
  }
  return layer;
}
