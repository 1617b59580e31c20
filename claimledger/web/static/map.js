/* The map page, offline: Natural Earth country outlines and Ukraine's oblasts (geoBoundaries), one circle per
   place (size: activity, fill: status of its latest control claim as of the slider's day, outline: the side
   claimed to hold it), its name as a label, clusters where markers crowd, and an optional online tile layer
   (only when the server was started with --online-tiles; off until ticked).  Untrusted text (place names) only
   ever goes into textContent, never into HTML.
   Shared with overlay.js and slider.js through window.claimledger and the "claimledger:asof" /
   "claimledger:places" events. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  // Okabe-Ito: distinct for the common colour-vision deficiencies (the same values as app.css)
  var STATUS = {
    acknowledged_by_opposing_side: "#009E73", corroborated_by_independent: "#0072B2", disputed: "#E69F00",
    denied: "#999999", claimed_by_one_side: "#CC79A7", none: "#F0E442"
  };
  var SIDE = { RU: "#B2182B", UA: "#2166AC", other: "#555555", unknown: "#555555", none: "#2b2b2b" };
  var CLUSTER_PX = 28;     // markers closer than this on screen are drawn as one cluster ...
  var CLUSTER_MIN = 12;    // ... once the map holds at least this many places
  var map = L.map(el, { worldCopyJump: false, minZoom: 3, maxZoom: 13 }).setView([48.6, 34.5], 6);
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Natural Earth (public domain)");
  map.attributionControl.addAttribution("Oblasts: geoBoundaries; Kartographia/OCHA, CC BY 3.0 IGO");
  var cl = window.claimledger = window.claimledger || {};
  cl.map = map;
  cl.STATUS = STATUS;
  window.claimledgerMap = map;
  var pending = 2;
  function basemapDone() { pending -= 1; if (!pending) { el.setAttribute("data-basemap", "loaded"); } }

  function outlines(url, style, done) {
    fetch(url).then(function (r) { return r.json(); }).then(function (fc) {
      var layer = L.geoJSON(fc, { interactive: false, style: style }).addTo(map);
      layer.bringToBack();
      done(layer);
      basemapDone();
    }).catch(function () { el.setAttribute("data-basemap", "failed"); });
  }
  var countries = null;
  outlines("/static/basemap/countries.geojson", function (f) {
    var ua = f.properties && f.properties.name === "Ukraine";
    return { color: "#9a9a9a", weight: ua ? 1.5 : 0.8, fillColor: ua ? "#fbf7ea" : "#ecebe6", fillOpacity: 1 };
  }, function (layer) { countries = layer; if (cl.oblasts) { cl.oblasts.bringToFront(); } });
  outlines("/static/basemap/ukraine-adm1.geojson", function () {
    return { color: "#8a8170", weight: 0.8, dashArray: "3 3", fill: false, className: "oblast" };
  }, function (layer) { cl.oblasts = layer; if (countries) { layer.bringToFront(); } });

  // the optional online tile layer (only offered when the server allows its origin in the CSP)
  fetch("/api/overlay/info").then(function (r) { return r.json(); }).then(function (info) {
    cl.info = info;
    document.dispatchEvent(new CustomEvent("claimledger:info", { detail: info }));
    var box = document.getElementById("online-tiles");
    if (!info.online_tiles || !box) { return; }
    box.hidden = false;
    var input = box.querySelector("input");
    var tiles = L.tileLayer(info.online_tiles, { maxZoom: 18, attribution: "© OpenStreetMap contributors" });
    input.addEventListener("change", function () {
      if (input.checked) { tiles.addTo(map); } else { map.removeLayer(tiles); }
      el.setAttribute("data-tiles", input.checked ? "on" : "off");
    });
  }).catch(function () { /* the map works without it */ });

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

  function label(text) {
    var s = document.createElement("span");
    s.textContent = text;
    return s;
  }

  /* Greedy screen-space clustering: places sorted by activity, each joins the first cluster whose centre is
     within CLUSTER_PX pixels, else starts one.  Returns [{members: [...], latlng}] (pure: tested in the
     browser through window.claimledger.cluster). */
  function cluster(places, project, radius) {
    var sorted = places.slice().sort(function (a, b) { return (b.n_assertions || 0) - (a.n_assertions || 0); });
    var groups = [];
    sorted.forEach(function (p) {
      var pt = project(p);
      for (var i = 0; i < groups.length; i++) {
        var g = groups[i];
        var dx = g.pt.x - pt.x, dy = g.pt.y - pt.y;
        if (dx * dx + dy * dy <= radius * radius) { g.members.push(p); return; }
      }
      groups.push({ pt: pt, members: [p] });
    });
    return groups;
  }
  cl.cluster = cluster;

  var layer = L.layerGroup().addTo(map);
  cl.markers = {};
  cl.places = [];

  function statusOf(p) { return p.latest_control ? p.latest_control.status : "none"; }

  function placeMarker(p) {
    var c = p.latest_control;
    var st = statusOf(p);
    var side = c ? c.side : "none";
    var marker = L.circleMarker([p.lat, p.lon], {
      radius: Math.min(28, 5 + 3 * Math.sqrt(p.n_assertions || 0)),
      className: "place-marker st-" + st,
      color: SIDE[side] || SIDE.none, weight: 2.5, fillColor: STATUS[st] || STATUS.none, fillOpacity: 0.85
    });
    marker.bindTooltip(tooltip(p), { direction: "top" });
    marker.on("click", function () {
      var day = cl.asOf ? "?as_of=" + encodeURIComponent(cl.asOf) : "";
      window.location.href = "/places/" + encodeURIComponent(p.place_key).replace("%3A", ":") + day;
    });
    marker.addTo(layer);
    var path = marker.getElement && marker.getElement();
    if (path) {
      path.setAttribute("data-place", p.place_key);
      path.setAttribute("data-status", st);
    }
    L.marker([p.lat, p.lon], {
      icon: L.divIcon({ className: "place-label", html: label(p.name), iconSize: null, iconAnchor: [-10, 8] }),
      interactive: false, keyboard: false
    }).addTo(layer);
    cl.markers[p.place_key] = marker;
  }

  function clusterMarker(g) {
    var bounds = L.latLngBounds(g.members.map(function (p) { return [p.lat, p.lon]; }));
    var count = document.createElement("span");
    count.textContent = String(g.members.length);
    var m = L.marker(bounds.getCenter(), {
      icon: L.divIcon({ className: "place-cluster", html: count, iconSize: [30, 30] }),
      title: g.members.map(function (p) { return p.name; }).join(", ")
    });
    m.on("click", function () { map.fitBounds(bounds.pad(0.5), { maxZoom: map.getZoom() + 3 }); });
    m.addTo(layer);
  }

  /* Hide a label that would overlap one already shown (labels come in order of activity). */
  function declutter() {
    var shown = [];
    el.querySelectorAll(".place-label").forEach(function (lab) {
      lab.classList.remove("label-hidden");
      var r = lab.firstChild ? lab.firstChild.getBoundingClientRect() : lab.getBoundingClientRect();
      var hit = shown.some(function (o) { return r.left < o.right && r.right > o.left && r.top < o.bottom && r.bottom > o.top; });
      if (hit) { lab.classList.add("label-hidden"); } else { shown.push(r); }
    });
  }

  function draw() {
    layer.clearLayers();
    cl.markers = {};
    var places = cl.places.filter(function (p) { return p.lat !== null && p.lat !== undefined; });
    var groups = places.length >= CLUSTER_MIN
      ? cluster(places, function (p) { return map.latLngToLayerPoint([p.lat, p.lon]); }, CLUSTER_PX)
      : places.slice().sort(function (a, b) { return (b.n_assertions || 0) - (a.n_assertions || 0); })
          .map(function (p) { return { members: [p] }; });
    groups.forEach(function (g) {
      if (g.members.length === 1) { placeMarker(g.members[0]); } else { clusterMarker(g); }
    });
    declutter();
    el.setAttribute("data-markers", String(places.length));
    el.setAttribute("data-as-of", cl.asOf || "");
    document.dispatchEvent(new CustomEvent("claimledger:places", { detail: { places: cl.places, asOf: cl.asOf } }));
  }
  map.on("zoomend", function () {
    if (cl.places.length >= CLUSTER_MIN) { draw(); } else { window.requestAnimationFrame(declutter); }
  });

  var first = true;
  function load(day) {
    var url = "/api/map" + (day ? "?as_of=" + encodeURIComponent(day) : "");
    el.setAttribute("data-loading", "1");
    return fetch(url).then(function (r) { return r.json(); }).then(function (d) {
      cl.asOf = day || "";
      cl.places = d.places || [];
      draw();
      if (first && cl.places.length) {
        first = false;
        map.fitBounds(cl.places.map(function (p) { return [p.lat, p.lon]; }), { padding: [50, 50], maxZoom: 9, animate: false });
        declutter();
      }
      el.removeAttribute("data-loading");
    }).catch(function () { el.setAttribute("data-markers", "failed"); });
  }
  document.addEventListener("claimledger:asof", function (e) { load(e.detail || ""); });
  load(el.getAttribute("data-initial-as-of") || "");
})();
