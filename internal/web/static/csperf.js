// csperf: small progressive enhancements. Every page works without them.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // The authority switcher opens the chosen authority as soon as it changes.
  document.querySelectorAll("form[data-la-switch] select").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });

  // Sortable tables: click (or Enter/Space on) a header to sort by that column.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.setAttribute("data-sort", "");
      th.tabIndex = 0;
      var sort = function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a.cells[col]), y = cellKey(b.cells[col]);
          var c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });

  // Keyboard navigation of data rows: ArrowDown / ArrowUp move between the rows' first links.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") { return; }
    var row = document.activeElement && document.activeElement.closest("tr[data-row]");
    if (!row) { return; }
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-row]"));
    var i = rows.indexOf(row) + (e.key === "ArrowDown" ? 1 : -1);
    if (i < 0 || i >= rows.length) { return; }
    var link = rows[i].querySelector("a, button, [tabindex]");
    if (link) { e.preventDefault(); link.focus(); }
  });

  // Filters: an input with data-filter="TABLE-ID" hides rows that do not contain its text.
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    if (!table) { return; }
    input.addEventListener("input", function () {
      var q = input.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
});

function cellKey(cell) {
  if (!cell) { return ""; }
  var t = cell.textContent.trim();
  var n = parseFloat(t.replace(/,/g, "").replace(/%$/, ""));
  return isNaN(n) ? t : n;
}

// Uploads (upload.go): send the form with a progress bar, then poll the job's status page.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-upload]");
  if (form && window.XMLHttpRequest && window.FormData) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var box = form.querySelector("[data-upload-progress]");
      var bar = box && box.querySelector("progress");
      var pct = box && box.querySelector("[data-upload-percent]");
      if (box) { box.hidden = false; }
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.addEventListener("progress", function (ev) {
        if (!ev.lengthComputable) { return; }
        var p = Math.floor(ev.loaded * 100 / ev.total);
        if (bar) { bar.value = p; }
        if (pct) { pct.textContent = p + "% of " + Math.ceil(ev.total / 1048576) + " MB sent"; }
      });
      xhr.addEventListener("load", function () {
        if (xhr.status < 400 && xhr.responseURL) { window.location.assign(xhr.responseURL); return; }
        var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
        var main = doc.getElementById("main"), here = document.getElementById("main");
        if (main && here) { here.replaceWith(document.importNode(main, true)); }
        else { document.body.textContent = xhr.responseText; }
      });
      xhr.addEventListener("error", function () {
        if (pct) { pct.textContent = "The upload failed: check the connection and send it again."; }
        if (button) { button.disabled = false; }
      });
      xhr.send(new FormData(form));
    });
  }

  var status = document.querySelector("[data-upload-status]");
  if (status && status.getAttribute("data-finished") !== "true" && window.fetch) {
    var url = status.getAttribute("data-upload-status");
    var poll = function () {
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" }).then(function (res) {
        return res.ok ? res.json() : null;
      }).then(function (job) {
        if (!job) { return; }
        if (job.finished) { window.location.reload(); return; }
        var state = status.querySelector("[data-upload-state]");
        if (state) { state.textContent = job.state_text; state.setAttribute("data-upload-state", job.state); }
        var bytes = status.querySelector("[data-upload-bytes]");
        if (bytes && job.bytes_total) { bytes.textContent = "Read " + job.bytes_read + " of " + job.bytes_total + " bytes (" + job.percent + "%)."; }
        var meter = status.querySelector("[data-upload-meter]");
        if (meter) { meter.value = job.percent; }
        window.setTimeout(poll, 1000);
      }).catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 500);
  }
});
