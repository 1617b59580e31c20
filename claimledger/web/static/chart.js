/* The place page's control chart, drawn in the browser over the full width of its box (the server's SVG stays as
   the picture without script).  One row per control / withdrawal proposition, grouped in lanes by the side said
   to hold the place; along each row a band coloured by the proposition's status over time (from its status
   history, /api/propositions/{id}?as_of=), a ▼ at each status change linked to the claim that caused it, and
   the proposition's mark (● control, ■ withdrawal) at the date of the event.  The axis adapts to the span:
   days, weeks, months or years.  All text goes in through textContent. */
(function () {
  "use strict";
  var fig = document.getElementById("control-chart");
  if (!fig) { return; }
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var LANES = ["RU", "UA", "other", "unknown"];
  var MAX_PROPS = 40;

  function t(day) { return Date.parse(day + "T00:00:00Z"); }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function label(text) { return String(text || "").replace(/_/g, " "); }

  /* Ticks for [lo, hi] (ms) on `width` pixels: the finest unit whose ticks stay >= minPx apart. */
  function ticks(lo, hi, width, minPx) {
    minPx = minPx || 70;
    var span = Math.max(hi - lo, DAY);
    var perPx = span / Math.max(width, 1);
    var units = [
      { unit: "day", step: 1 }, { unit: "day", step: 2 }, { unit: "week", step: 1 }, { unit: "week", step: 2 },
      { unit: "month", step: 1 }, { unit: "month", step: 2 }, { unit: "month", step: 3 }, { unit: "month", step: 6 },
      { unit: "year", step: 1 }, { unit: "year", step: 2 }, { unit: "year", step: 5 }
    ];
    var approx = { day: DAY, week: 7 * DAY, month: 30.44 * DAY, year: 365.25 * DAY };
    var u = units[units.length - 1];
    for (var i = 0; i < units.length; i++) {
      if (approx[units[i].unit] * units[i].step / perPx >= minPx) { u = units[i]; break; }
    }
    var out = [];
    var d = new Date(lo);
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    if (u.unit === "week") { while (d.getUTCDay() !== 1) { d = new Date(d.getTime() + DAY); } }
    if (u.unit === "month" || u.unit === "year") {
      d = new Date(Date.UTC(d.getUTCFullYear(), u.unit === "year" ? 0 : d.getUTCMonth(), 1));
      if (d.getTime() < lo) {
        d = u.unit === "year" ? new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1)) : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      }
    }
    var guard = 0;
    while (d.getTime() <= hi && guard++ < 400) {
      var text;
      if (u.unit === "day" || u.unit === "week") { text = d.getUTCDate() + " " + MONTHS[d.getUTCMonth()]; }
      else if (u.unit === "month") { text = MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear(); }
      else { text = String(d.getUTCFullYear()); }
      if (u.unit === "month" && d.getUTCMonth() % u.step !== 0) { text = null; }
      if (u.unit === "year" && d.getUTCFullYear() % u.step !== 0) { text = null; }
      if (text !== null) { out.push({ t: d.getTime(), label: text }); }
      if (u.unit === "day") { d = new Date(d.getTime() + u.step * DAY); }
      else if (u.unit === "week") { d = new Date(d.getTime() + 7 * u.step * DAY); }
      else if (u.unit === "month") { d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)); }
      else { d = new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1)); }
    }
    return { unit: u.unit, step: u.step, ticks: out };
  }
  window.claimledgerChart = { ticks: ticks };

  function node(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function title(parent, text) { node("title", {}, parent).textContent = text; }

  var rows = [];
  var asOf = fig.getAttribute("data-as-of") || "";

  function draw() {
    var cs = window.getComputedStyle(fig);
    var inner = fig.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    var width = Math.max(280, Math.floor(inner));
    var left = width < 500 ? 54 : 92, right = 16, top = 14, rowH = 30, laneGap = 10, axisH = 34;
    var lanes = LANES.filter(function (s) { return rows.some(function (r) { return r.side === s; }); });
    var days = [];
    rows.forEach(function (r) {
      if (r.date) { days.push(t(r.date)); }
      r.history.forEach(function (h) { if (h.date) { days.push(t(h.date)); } });
    });
    if (!days.length) { return; }
    var end = asOf ? t(asOf) : Math.max.apply(null, days);
    days.push(end);
    var lo = Math.min.apply(null, days), hi = Math.max.apply(null, days);
    var pad = Math.max(DAY, (hi - lo) / 25);
    lo -= pad; hi += pad;
    var plotW = width - left - right;
    function x(ms) { return left + plotW * (ms - lo) / (hi - lo); }

    var y = top, layout = [];
    lanes.forEach(function (s) {
      var mine = rows.filter(function (r) { return r.side === s; });
      layout.push({ side: s, y0: y, h: mine.length * rowH, rows: mine });
      y += mine.length * rowH + laneGap;
    });
    var height = y + axisH;
    var svg = node("svg", { id: "timeline-chart", viewBox: "0 0 " + width + " " + height, width: width, height: height,
      role: "img", "class": "control-chart" });
    title(svg, "Control timeline: status of each proposition over time");
    var axis = ticks(lo, hi, plotW);
    svg.setAttribute("data-unit", axis.unit);
    var axisY = y - laneGap + 6;
    axis.ticks.forEach(function (k) {
      node("line", { "class": "grid", x1: x(k.t), x2: x(k.t), y1: top, y2: axisY }, svg);
      node("line", { "class": "tick", x1: x(k.t), x2: x(k.t), y1: axisY, y2: axisY + 5 }, svg);
      var tl = node("text", { "class": "tick-label", x: x(k.t), y: axisY + 19, "text-anchor": "middle" }, svg);
      tl.textContent = k.label;
    });
    node("line", { "class": "axis", x1: left, x2: width - right, y1: axisY, y2: axisY }, svg);

    layout.forEach(function (lane) {
      node("rect", { "class": "lane", x: left, y: lane.y0, width: plotW, height: lane.h }, svg);
      var ll = node("text", { "class": "lane-label side-" + lane.side, x: 6, y: lane.y0 + 16 }, svg);
      ll.textContent = lane.side + (width < 500 ? "" : " holds");
      lane.rows.forEach(function (r, i) {
        var cy = lane.y0 + i * rowH + rowH / 2;
        var g = node("g", { "class": "prop-row", "data-proposition": r.proposition }, svg);
        title(g, r.text);
        // the status band: one segment per status, from its change to the next (or to the day shown)
        var hist = r.history.filter(function (h) { return h.date; });
        hist.forEach(function (h, j) {
          var x0 = x(t(h.date)), x1 = x(j + 1 < hist.length ? t(hist[j + 1].date) : end);
          var seg = node("rect", { "class": "band st-" + h.status, x: x0, y: cy - 4, width: Math.max(2, x1 - x0), height: 8 }, g);
          title(seg, h.date + " → " + (j + 1 < hist.length ? hist[j + 1].date : (asOf || "now")) + ": " + label(h.status));
        });
        // each status change, linked to the claim that caused it
        hist.forEach(function (h) {
          var a = node("a", { "class": "change", href: "/articles/" + encodeURIComponent(h.article_id) + "#claim-" + encodeURIComponent(h.claim_id) }, g);
          a.setAttribute("data-status", h.status);
          title(a, h.date + ": " + (h.previous ? label(h.previous) + " → " : "") + label(h.status) + " — " +
            (h.speaker || h.origin || "?") + " (" + (h.speaker_side || "?") + ", " + (h.stance || "") + ")" +
            (h.outlet ? ", " + h.outlet : "") + ": claim " + h.claim_id + (h.title ? " in “" + h.title + "”" : ""));
          var cx = x(t(h.date));
          node("path", { "class": "chg st-" + h.status, d: "M" + (cx - 5) + " " + (cy - 13) + " h10 l-5 8 z" }, a);
        });
        // the event itself
        if (r.date) {
          var m = node("a", { href: "/propositions/" + encodeURIComponent(r.proposition) + (asOf ? "?as_of=" + asOf : ""), "class": "mark" }, g);
          title(m, r.date + (r.date_is_claim_date ? " (claimed)" : "") + ": " + r.text + " — " + label(r.status));
          var cls = "pt st-" + r.status + (r.date_is_claim_date ? " hollow" : "");
          var ex = x(t(r.date));
          if (r.kind === "withdrawal") { node("rect", { "class": cls, x: ex - 6, y: cy - 6, width: 12, height: 12 }, m); }
          else { node("circle", { "class": cls, cx: ex, cy: cy, r: 6.5 }, m); }
        }
      });
    });
    var old = document.getElementById("timeline-chart");
    if (old) { old.parentNode.replaceChild(svg, old); } else { fig.insertBefore(svg, fig.firstChild); }
    fig.setAttribute("data-drawn", String(rows.length));
  }

  var key = fig.getAttribute("data-place");
  var q = asOf ? "?as_of=" + encodeURIComponent(asOf) : "";
  fetch("/api/places/" + encodeURIComponent(key).replace("%3A", ":") + q).then(function (r) { return r.json(); }).then(function (d) {
    var timeline = (d.timeline || []).slice(0, MAX_PROPS);
    return Promise.all(timeline.map(function (row) {
      return fetch("/api/propositions/" + encodeURIComponent(row.proposition) + q)
        .then(function (r) { return r.ok ? r.json() : { history: [] }; })
        .then(function (p) { row.history = p.history || []; return row; });
    }));
  }).then(function (all) {
    rows = all;
    draw();
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) { window.clearTimeout(pending); }
      pending = window.setTimeout(draw, 150);
    });
  }).catch(function () { fig.setAttribute("data-drawn", "failed"); });
})();
