/* Reference overlays on the map: an occupied-area snapshot (DeepStateMap GeoJSON polygons) drawn under the
   markers, and the places where the ledger disagrees with it ringed and listed with a link to the evidence
   (the proposition).
   - From a file chosen here: read in the browser only (never sent anywhere), refused above the server's size
     limit, parsed with JSON.parse (data only: nothing in it is ever executed or put into HTML), coordinates
     checked to be numbers; compared with the markers as of the slider's day by the same rule as the server.
   - From the server's dated snapshots (serve --overlay-dir): /api/overlay?as_of=DAY, which follows the slider. */
(function () {
  "use strict";
  var cl = window.claimledger;
  var panel = document.getElementById("overlay-panel");
  if (!cl || !cl.map || !panel) { return; }
  var map = cl.map;
  var el = document.getElementById("map");
  var fileInput = document.getElementById("overlay-file");
  var follow = document.getElementById("overlay-follow");
  var followBox = follow.querySelector("input");
  var statusLine = document.getElementById("overlay-status");
  var list = document.getElementById("overlay-disagreements");
  var maxBytes = 16 * 1024 * 1024;
  var area = null;      // the uploaded snapshot: [[ring, ...], ...] of [lon, lat]
  var drawn = null;     // the polygons' layer
  var rings = L.layerGroup().addTo(map);
  var source = "";      // "file" or "server"

  function holder(c) {  // the same rule as claimledger.web.overlay.ledger_holder
    if (!c || c.status === "denied" || (c.side !== "RU" && c.side !== "UA")) { return null; }
    if (c.kind === "withdrawal") { return c.side === "RU" ? "UA" : "RU"; }
    return c.kind === "control" ? c.side : null;
  }

  function inRings(polyRings, x, y) {  // even-odd over all rings of a polygon (holes included)
    var inside = false;
    polyRings.forEach(function (ring) {
      for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
        if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) { inside = !inside; }
      }
    });
    return inside;
  }
  function contains(polys, lat, lon) {
    return polys.some(function (p) { return inRings(p, lon, lat); });
  }

  function polygonsOf(data) {  // every Polygon / MultiPolygon of a FeatureCollection, Feature or geometry
    var polys = [];
    function num(v) { if (typeof v !== "number" || !isFinite(v)) { throw new Error("a coordinate is not a number"); } return v; }
    function ring(r) {
      if (!Array.isArray(r)) { throw new Error("a ring is not a list"); }
      return r.map(function (pt) { if (!Array.isArray(pt)) { throw new Error("bad point"); } return [num(pt[0]), num(pt[1])]; });
    }
    function geometry(g) {
      if (!g || typeof g !== "object") { return; }
      if (g.type === "Polygon" && Array.isArray(g.coordinates)) { polys.push(g.coordinates.map(ring)); }
      else if (g.type === "MultiPolygon" && Array.isArray(g.coordinates)) {
        g.coordinates.forEach(function (p) { if (Array.isArray(p)) { polys.push(p.map(ring)); } });
      } else if (g.type === "GeometryCollection" && Array.isArray(g.geometries)) { g.geometries.forEach(geometry); }
    }
    if (data && data.type === "FeatureCollection" && Array.isArray(data.features)) {
      data.features.forEach(function (f) { geometry(f && f.geometry); });
    } else if (data && data.type === "Feature") { geometry(data.geometry); } else { geometry(data); }
    return polys;
  }

  function drawPolygons(polys) {
    if (drawn) { map.removeLayer(drawn); }
    var fc = { type: "Feature", properties: {}, geometry: { type: "MultiPolygon", coordinates: polys } };
    drawn = L.geoJSON(fc, {
      interactive: false,
      style: function () { return { className: "overlay-area", color: "#D55E00", weight: 1.2, fillColor: "#D55E00", fillOpacity: 0.18 }; }
    }).addTo(map);
    if (cl.oblasts) { cl.oblasts.bringToFront(); }
  }

  function show(rows, what) {
    rings.clearLayers();
    list.textContent = "";
    document.querySelectorAll("path.place-marker.disagree").forEach(function (p) { p.classList.remove("disagree"); });
    var bad = rows.filter(function (r) { return !r.agree; });
    bad.forEach(function (r) {
      var m = cl.markers[r.place_key];
      var path = m && m.getElement && m.getElement();
      if (path) { path.classList.add("disagree"); }
      L.circleMarker([r.lat, r.lon], { radius: 18, className: "disagree-ring", color: "#000", weight: 3, dashArray: "4 3", fill: false, interactive: false })
        .addTo(rings);
      var li = document.createElement("li");
      li.setAttribute("data-place", r.place_key);
      var name = document.createElement("strong");
      name.textContent = r.name;
      li.appendChild(name);
      li.appendChild(document.createTextNode(": ledger " + r.ledger_holder + " (" + r.status.replace(/_/g, " ") +
        (r.date ? ", " + r.date : "") + "), overlay " + r.overlay_holder + " "));
      var a = document.createElement("a");
      a.href = "/propositions/" + encodeURIComponent(r.proposition) + (cl.asOf ? "?as_of=" + encodeURIComponent(cl.asOf) : "");
      a.className = "evidence";
      a.textContent = "evidence";
      li.appendChild(a);
      list.appendChild(li);
    });
    statusLine.textContent = what + ": " + rows.length + " place(s) compared, " + bad.length + " disagree" +
      (cl.asOf ? " (ledger as of " + cl.asOf + ")" : "") + ".";
    el.setAttribute("data-overlay", source);
    el.setAttribute("data-disagreements", String(bad.length));
  }

  function compareFile() {
    var rows = [];
    (cl.places || []).forEach(function (p) {
      var h = holder(p.latest_control);
      if (!h || p.lat === null || p.lat === undefined) { return; }
      var inside = contains(area.polys, p.lat, p.lon);
      var c = p.latest_control;
      rows.push({ place_key: p.place_key, name: p.name, lat: p.lat, lon: p.lon, ledger_holder: h,
        overlay_holder: inside ? "RU" : "UA", agree: (h === "RU") === inside, proposition: c.proposition,
        status: c.status, date: c.date });
    });
    show(rows, "snapshot " + area.name);
  }

  function loadServer() {
    var day = cl.asOf || "";
    fetch("/api/overlay" + (day ? "?as_of=" + encodeURIComponent(day) : "")).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (d) {
      if (source !== "server") { return; }
      if (!d.snapshot) {
        if (drawn) { map.removeLayer(drawn); drawn = null; }
        show([], "no snapshot on or before " + (day || "today"));
        return;
      }
      drawPolygons(d.polygons.features.length ? d.polygons.features[0].geometry.coordinates : []);
      show(d.places, "server snapshot of " + d.snapshot.date);
    }).catch(function (e) { statusLine.textContent = "overlay failed: " + e.message; });
  }

  fileInput.addEventListener("change", function () {
    var f = fileInput.files && fileInput.files[0];
    if (!f) { return; }
    if (f.size > maxBytes) { statusLine.textContent = "refused: " + f.name + " is larger than " + maxBytes + " bytes"; return; }
    var reader = new FileReader();
    reader.onload = function () {
      try {
        var polys = polygonsOf(JSON.parse(String(reader.result)));
        if (!polys.length) { throw new Error("no Polygon or MultiPolygon in it"); }
        area = { polys: polys, name: f.name };
      } catch (e) {
        statusLine.textContent = "not a GeoJSON snapshot: " + e.message;
        return;
      }
      source = "file";
      followBox.checked = false;
      drawPolygons(area.polys);
      compareFile();
    };
    reader.onerror = function () { statusLine.textContent = "could not read " + f.name; };
    reader.readAsText(f);
  });

  followBox.addEventListener("change", function () {
    if (followBox.checked) { source = "server"; loadServer(); return; }
    source = "";
    if (drawn) { map.removeLayer(drawn); drawn = null; }
    show([], "overlay off");
  });

  document.addEventListener("claimledger:info", function (e) {
    var info = e.detail || {};
    if (info.max_upload_bytes) { maxBytes = info.max_upload_bytes; }
    if (info.snapshots && info.snapshots.length) {
      follow.hidden = false;
      follow.title = info.snapshots.length + " snapshots, " + info.snapshots[0].date + " to " +
        info.snapshots[info.snapshots.length - 1].date;
    }
  });
  // the markers were redrawn (slider moved, zoom changed): compare again
  document.addEventListener("claimledger:places", function () {
    if (source === "file" && area) { compareFile(); } else if (source === "server") { loadServer(); }
  });
})();
