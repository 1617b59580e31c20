/* The article page: clicking a highlighted claim opens its panel (the panels are server-rendered and shown by
   the CSS :target rule, so links work without this script too) and marks every segment of that claim. */
(function () {
  "use strict";
  var body = document.getElementById("article-text");
  if (!body) { return; }

  function mark(id) {
    var segs = body.querySelectorAll("[data-claims], .marker");
    for (var i = 0; i < segs.length; i++) {
      var ids = (segs[i].getAttribute("data-claims") || segs[i].getAttribute("data-claim") || "").split(" ");
      segs[i].classList.toggle("active", ids.indexOf(id) >= 0);
    }
    var hint = document.getElementById("claim-hint");
    if (hint) { hint.hidden = !!id; }
  }

  function sync() {
    var h = decodeURIComponent(window.location.hash || "");
    mark(h.indexOf("#claim-") === 0 ? h.slice(7) : "");
  }

  body.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { return; }
    if (t.closest("a")) { return; }  /* place links and markers navigate themselves */
    var seg = t.closest("[data-claim]");
    if (seg) { window.location.hash = "claim-" + seg.getAttribute("data-claim"); }
  });
  window.addEventListener("hashchange", sync);
  sync();
})();
