// Country outlines in a pane under the tiles (z-index 200): online the tiles cover them,
// offline they are the map's only background. With a `url` the outlines come from that static
// file (sent once, kept by the browser) instead of `data` inlined in the map's script; `style`
// is components.map.elements.OUTLINE_STYLE, shared with the picture.
function kembarOutlines(map, data, url, style) {
  map.createPane("kembarOutlines").style.zIndex = 150;
  var layer = L.geoJson(data, {
    interactive: false, pane: "kembarOutlines",
    renderer: L.svg({padding: 0.5, pane: "kembarOutlines"}),
    style: style
  });
  if (url) {
    fetch(url).then(function (r) { return r.json(); })
      .then(function (fetched) { layer.addData(fetched); });
  }
  return layer;
}
