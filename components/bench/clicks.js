// What the benchmark's clicks read in the map's frame and in the page (components/bench/clicks.py).
(function () {
  // The heading of the details beside the map ("" before any partnership is shown).
  function heading() {
    var h = document.querySelector(".st-key-kembar_details h3");
    return h ? h.innerText : "";
  }
  return {
    // The frame's pixel at the middle of the index-th drawn arc, or null when it is off the map.
    arcPoint: function (index) {
      var map = window.map, arcs = [];
      window.kembarLayer.eachLayer(function (l) {
        if (l.feature.geometry.type === "LineString") { arcs.push(l); }
      });
      var points = arcs[index % arcs.length].getLatLngs();
      var p = map.latLngToContainerPoint(points[Math.floor(points.length / 2)]), size = map.getSize();
      return p.x > 8 && p.y > 8 && p.x < size.x - 8 && p.y < size.y - 8 ? {x: p.x, y: p.y} : null;
    },
    // The id of the arc the map shows selected (its click handler marks it at once), or null.
    highlighted: function () {
      var id = null;
      window.kembarLayer.eachLayer(function (l) {
        if (l.feature.properties.selected) { id = l.feature.properties.id; }
      });
      return id;
    },
    heading: heading,
    changed: function (before) {
      var shown = heading();
      return shown !== "" && shown !== before;
    },
    // The list of other arcs within reach, left open by a click, would cover the next one.
    closeList: function () { window.map.closePopup(); }
  };
})()
