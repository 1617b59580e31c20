/* Ingest form (only served with --allow-writes): posts JSON with the token as a Bearer header, so a page on
   another site cannot make the browser write (no cookies, no form posts are accepted). */
(function () {
  "use strict";
  var form = document.getElementById("ingest-form");
  var out = document.getElementById("ingest-result");
  if (!form) { return; }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var f = new FormData(form);
    var body = {};
    ["text", "url", "title", "outlet", "published"].forEach(function (k) {
      var v = (f.get(k) || "").toString();
      if (v.trim()) { body[k] = v; }
    });
    out.textContent = "Analysing… (the first article loads the models and takes a while)";
    fetch("/api/ingest", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + (f.get("token") || "") },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json().then(function (d) { return [r.status, d]; }); }).then(function (res) {
      var d = res[1];
      out.textContent = "";
      if (res[0] !== 200) { out.textContent = "Refused: " + (d.error || res[0]); return; }
      out.appendChild(document.createTextNode(d.outcome + ": " + d.claims + " claims — "));
      if (/^a_[0-9a-f]{16}$/.test(d.article_id)) {
        var a = document.createElement("a");
        a.href = "/articles/" + d.article_id;
        a.textContent = "open the article";
        out.appendChild(a);
      }
    }).catch(function () { out.textContent = "The request failed."; });
  });
})();
