/* The map page: offline country outlines, one circle per place (size: activity, fill: status of the latest
   control claim, outline: the side claimed to control it).  Untrusted text (place names) only ever goes into
   textContent, never into HTML. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var STATUS = {
    acknowledged_by_opposing_side: "#1b7837", corroborated_by_independent: "#5aae61", disputed: "#e08214",
    denied: "#8c8c8c", claimed_by_one_party: "#c51b7d", none: "#4393c3"
  };
  var SIDE = { RU: "#b2182b", UA: "#2166ac", other: "#555555", unknown: "#555555", none: "#2b2b2b" };
  var map = L.map(el, { worldCopyJump: false, minZoom: 3, maxZoom: 13 }).setView([48.6, 34.5], 6);
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Natural Earth (public domain)");
  window.claimledgerMap = map;

  fetch("/static/basemap/countries.geojson").then(function (r) { return r.json(); }).then(function (fc) {
    var layer = L.geoJSON(fc, {
      interactive: false,
      style: function (f) {
        var ua = f.properties && f.properties.name === "Ukraine";
        return { color: "#9a9a9a", weight: ua ? 1.5 : 0.8, fillColor: ua ? "#fbf7ea" : "#ecebe6", fillOpacity: 1 };
      }
    }).addTo(map);
    layer.bringToBack();
    el.setAttribute("data-basemap", "loaded");
  }).catch(function () { el.setAttribute("data-basemap", "failed"); });

  function tooltip(p) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = p.name;
    box.appendChild(name);
    var line = document.createElement("div");
    var c = p.latest_control;
    line.textContent = c ? ("latest: " + c.side + " " + c.kind + " " + (c.date || "undated") + " — " + c.status.replace(/_/g, " "))
                         : "no control claim";
    box.appendChild(line);
    var act = document.createElement("div");
    act.textContent = p.n_assertions + " assertions · " + p.n_articles + " articles · " + p.n_propositions + " propositions";
    box.appendChild(act);
    return box;
  }

  fetch("/api/map").then(function (r) { return r.json(); }).then(function (d) {
    var pts = [];
    d.places.forEach(function (p) {
      var c = p.latest_control;
      var st = c ? c.status : "none";
      var side = c ? c.side : "none";
      var marker = L.circleMarker([p.lat, p.lon], {
        radius: Math.min(28, 5 + 3 * Math.sqrt(p.n_assertions || 0)),
        className: "place-marker st-" + st,
        color: SIDE[side] || SIDE.none, weight: 2.5, fillColor: STATUS[st] || STATUS.none, fillOpacity: 0.8
      });
      marker.bindTooltip(tooltip(p), { direction: "top" });
      marker.on("click", function () {
        window.location.href = "/places/" + encodeURIComponent(p.place_key).replace("%3A", ":");
      });
      marker.addTo(map);
      var path = marker.getElement && marker.getElement();
      if (path) { path.setAttribute("data-place", p.place_key); }
      pts.push([p.lat, p.lon]);
    });
    if (pts.length) { map.fitBounds(pts, { padding: [50, 50], maxZoom: 9 }); }
    el.setAttribute("data-markers", String(pts.length));
  }).catch(function () { el.setAttribute("data-markers", "failed"); });
})();
