/* The "as of" date slider: one step per day from the ledger's first to its last publication day, and "now" at
   the right end.  On the map (data-mode="event") moving it re-colours the markers in place (map.js listens to
   "claimledger:asof"); on the place and propositions pages (data-mode="navigate") it reloads the page with
   ?as_of=DAY, where the server computes every status from the claims published by then. */
(function () {
  "use strict";
  var form = document.getElementById("as-of");
  if (!form) { return; }
  var range = form.querySelector("input[type=range]");
  var out = form.querySelector("output");
  var now = form.querySelector(".as-of-now");
  var mode = form.getAttribute("data-mode") || "navigate";
  var DAY = 86400000;
  var first = null, n = 0;

  function toDay(i) {
    if (first === null || i >= n) { return ""; }
    return new Date(first + i * DAY).toISOString().slice(0, 10);
  }
  function toIndex(day) {
    if (!day || first === null) { return n; }
    var i = Math.round((Date.parse(day + "T00:00:00Z") - first) / DAY);
    return Math.max(0, Math.min(n, i));
  }
  function show() {
    var day = toDay(Number(range.value));
    out.textContent = day || "now";
    form.setAttribute("data-day", day);
  }
  function apply() {
    var day = toDay(Number(range.value));
    show();
    var params = new URLSearchParams(window.location.search);
    if (day) { params.set("as_of", day); } else { params.delete("as_of"); }
    params.delete("page");
    params.delete("cpage");
    var qs = params.toString();
    var url = window.location.pathname + (qs ? "?" + qs : "");
    if (mode === "event") {
      window.history.replaceState(null, "", url);
      document.dispatchEvent(new CustomEvent("claimledger:asof", { detail: day }));
    } else {
      window.location.href = url;
    }
  }

  fetch("/api/overlay/info").then(function (r) { return r.json(); }).then(function (info) {
    var d = info.dates || {};
    if (!d.first || !d.last) { form.hidden = true; return; }
    first = Date.parse(d.first + "T00:00:00Z");
    n = Math.round((Date.parse(d.last + "T00:00:00Z") - first) / DAY) + 1;  // n: "now"
    range.min = "0";
    range.max = String(n);
    range.value = String(toIndex(form.getAttribute("data-as-of") || ""));
    range.disabled = false;
    form.querySelector(".as-of-first").textContent = d.first;
    form.querySelector(".as-of-last").textContent = d.last;
    show();
    form.setAttribute("data-ready", "1");
  }).catch(function () { form.hidden = true; });

  range.addEventListener("input", show);
  range.addEventListener("change", apply);
  if (now) {
    now.addEventListener("click", function () { range.value = String(n); apply(); });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
})();
