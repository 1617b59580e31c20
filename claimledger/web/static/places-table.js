/* The map page's table of places follows the date slider like the markers: map.js fires "claimledger:places"
   with the places as of the slider's day (from /api/map?as_of=DAY), and the table body is rebuilt from them
   (the server-rendered table is the same table as of the day the page was loaded, and stays without script).
   Untrusted text (place names) only ever goes into textContent. */
(function () {
  "use strict";
  var table = document.getElementById("map-places");
  if (!table) { return; }
  var body = table.querySelector("tbody");
  var count = document.getElementById("map-places-count");
  var asOfNote = document.getElementById("map-places-as-of");
  var labels = {};
  try { labels = JSON.parse(table.getAttribute("data-status-labels") || "{}"); } catch (e) { labels = {}; }

  function cell(row, text) {
    var td = document.createElement("td");
    if (text !== undefined) { td.textContent = text; }
    row.appendChild(td);
    return td;
  }

  function placeRow(p, asOf) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-place", p.place_key);
    var a = document.createElement("a");
    a.className = "place-link";
    a.href = "/places/" + encodeURIComponent(p.place_key).replace("%3A", ":") +
      (asOf ? "?as_of=" + encodeURIComponent(asOf) : "");
    var bdi = document.createElement("bdi");
    bdi.textContent = p.name;
    a.appendChild(bdi);
    cell(tr).appendChild(a);
    var c = p.latest_control;
    cell(tr, c ? (c.side + " " + c.kind + " · " + (c.date || "undated")) : "—");
    var st = cell(tr);
    st.className = "status-cell";
    if (c) {
      st.setAttribute("data-status", c.status);
      var badge = document.createElement("span");
      badge.className = "status st-" + String(c.status).replace(/[^a-z_]/g, "");
      badge.title = c.status;
      badge.textContent = labels[c.status] || String(c.status).replace(/_/g, " ");
      st.appendChild(badge);
    }
    cell(tr, String(p.n_propositions));
    cell(tr, String(p.n_assertions));
    cell(tr, String(p.n_articles));
    return tr;
  }

  var shown = null;
  document.addEventListener("claimledger:places", function (e) {
    var d = e.detail || {};
    if (d.places === shown) { return; }  // a redraw on zoom: the same places
    shown = d.places;
    var places = d.places || [];
    var rows = document.createDocumentFragment();
    places.forEach(function (p) { rows.appendChild(placeRow(p, d.asOf || "")); });
    if (!places.length) {
      var tr = document.createElement("tr");
      var td = cell(tr, d.asOf ? "No place had claims by " + d.asOf + "." : "No places yet.");
      td.colSpan = 6;
      rows.appendChild(tr);
    }
    body.replaceChildren(rows);
    if (count) { count.textContent = String(places.length); }
    if (asOfNote) { asOfNote.textContent = d.asOf ? "as of " + d.asOf : ""; }
    table.setAttribute("data-as-of", d.asOf || "");
  });
})();
