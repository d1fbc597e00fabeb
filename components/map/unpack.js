// Reads components.map.wire.pack_layer's rows back into GeoJSON features with the properties
// layer_geojson gives (plus each place's key, "country|level|province|name", as place_key builds it).
function kembarUnpack(codes, packed) {
  var points = packed.places.map(function (r) {
    var level = codes.placeLevels[r[3]];
    return {type: "Feature", geometry: {type: "Point", coordinates: [r[0], r[1]]},
            properties: {place: [r[2], level, r[4], r[5]].join("|"), country: r[2],
                         level: level, province: r[4], name: r[5], name_zh: r[6], count: r[7],
                         radius: Math.round(Math.min(16, 3 + 2.2 * Math.sqrt(r[7])) * 10) / 10}};
  });
  var arcs = packed.arcs.map(function (r) {
    var p = {id: r[0], level: codes.levels[r[1]], stage: codes.stages[r[2]], date: r[3],
             bend: r[4], a: r[5], b: r[6]};
    if (r[7] & 1) { p.disputed = true; }
    if (r[7] & 2) { p.selected = true; }
    if (r[7] & 4) { p.focused = true; }
    return {type: "Feature", properties: p, geometry: {type: "LineString",
            coordinates: [points[r[5]].geometry.coordinates, points[r[6]].geometry.coordinates]}};
  });
  return {type: "FeatureCollection", features: arcs.concat(points)};
}
