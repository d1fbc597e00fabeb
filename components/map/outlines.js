// Country outlines in a pane under the tiles (z-index 200): online the tiles cover them,
// offline they are the map's only background.
function kembarOutlines(map, data) {
  map.createPane("kembarOutlines").style.zIndex = 150;
  return L.geoJson(data, {
    interactive: false, pane: "kembarOutlines",
    renderer: L.svg({padding: 0.5, pane: "kembarOutlines"}),
    style: {color: "#8A8A8A", weight: 0.8, fillColor: "#EFEDE6", fillOpacity: 1}
  });
}
