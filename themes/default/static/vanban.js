/* vanban: small progressive enhancements. Every page is complete without
   this script; with it, lists can be narrowed (state kept in the URL's #…),
   tables sorted, and a citation copied. A classic script: it works from
   file:// as well as over HTTP, and loads nothing else. */
(function () {
  "use strict";

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  /* ---------- Facets: narrow lists by type, issuer level, year, tag ---------- */

  var FACETS = [
    { name: "loai", values: function (row) { return row.dataset.type ? [row.dataset.type] : []; } },
    { name: "cap", values: function (row) { return row.dataset.level ? [row.dataset.level] : []; } },
    { name: "nam", values: function (row) { return row.dataset.year ? [row.dataset.year] : []; } },
    { name: "chu-de", values: function (row) { return row.dataset.tags ? row.dataset.tags.split("|") : []; } }
  ];

  function readHash() {
    var state = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2 && parts[1] !== "") {
        state[decodeURIComponent(parts[0])] = decodeURIComponent(parts[1]);
      }
    });
    return state;
  }

  function writeHash(state) {
    var pairs = [];
    FACETS.forEach(function (facet) {
      if (state[facet.name]) {
        pairs.push(encodeURIComponent(facet.name) + "=" + encodeURIComponent(state[facet.name]));
      }
    });
    var url = location.href.split("#")[0] + (pairs.length ? "#" + pairs.join("&") : "");
    try {
      history.replaceState(null, "", url);
    } catch (e) {
      location.hash = pairs.join("&");
    }
  }

  function levelLabel(form, value) {
    var key = "level" + value.replace(/(^|-)([a-z])/g, function (_, __, c) { return c.toUpperCase(); });
    return form.dataset[key] || value;
  }

  function setUpFacets(form) {
    var scope = form.closest("section") || document.querySelector("main");
    var rows = all(scope, "table.docs tbody tr[data-level]");
    if (rows.length < 2) {
      return;
    }
    var shown = 0;
    FACETS.forEach(function (facet) {
      var select = form.querySelector('select[name="' + facet.name + '"]');
      var seen = {};
      rows.forEach(function (row) {
        facet.values(row).forEach(function (v) { seen[v] = true; });
      });
      var values = Object.keys(seen).sort(function (a, b) { return a.localeCompare(b, "vi"); });
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = facet.name === "cap" ? levelLabel(form, value) : value;
        select.appendChild(option);
      });
      if (values.length < 2) {
        select.closest("label").hidden = true;
      } else {
        shown += 1;
      }
    });
    if (shown === 0) {
      return;
    }
    var count = form.querySelector(".facet-count");

    function apply() {
      var state = readHash();
      var visible = 0;
      FACETS.forEach(function (facet) {
        var select = form.querySelector('select[name="' + facet.name + '"]');
        select.value = state[facet.name] || "";
        if (select.value !== (state[facet.name] || "")) {
          select.value = "";
        }
      });
      rows.forEach(function (row) {
        var match = FACETS.every(function (facet) {
          var wanted = form.querySelector('select[name="' + facet.name + '"]').value;
          return !wanted || facet.values(row).indexOf(wanted) >= 0;
        });
        row.hidden = !match;
        if (match) {
          visible += 1;
        }
      });
      count.textContent = visible + " / " + rows.length + " " + (document.body.dataset.shown || "");
    }

    form.addEventListener("change", function () {
      var state = {};
      FACETS.forEach(function (facet) {
        state[facet.name] = form.querySelector('select[name="' + facet.name + '"]').value;
      });
      writeHash(state);
      apply();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("hashchange", apply);
    form.hidden = false;
    apply();
  }

  /* ---------- Sortable tables ---------- */

  function setUpSorting(table) {
    all(table, "thead th[data-sort]").forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        all(table, "thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.dataset.sort === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].dataset.value || "";
          var y = b.cells[column].dataset.value || "";
          var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "vi");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  /* ---------- Citation: the page's public address, and a copy button ---------- */

  /* An address a reader of an article can open: served over the web, not
     from this computer (file://, or a local preview). */
  function isPublicAddress() {
    return /^https?:$/.test(location.protocol) &&
      !/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(location.hostname);
  }

  function setUpCitation() {
    /* Without base_url the citation names the page's file in words; when the
       archive is served on the web, its real address is better. */
    if (isPublicAddress()) {
      all(document, ".permalink[data-local]").forEach(function (span) {
        span.textContent = location.href.split("#")[0];
      });
    }
    all(document, "button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.dataset.copy);
      var status = button.parentNode.querySelector(".copy-status");
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = source.textContent.replace(/\s+/g, " ").trim();
        function done(ok) {
          status.textContent = ok ? document.body.dataset.copied : document.body.dataset.copyFailed;
        }
        function fallback() {
          var area = document.createElement("textarea");
          area.value = text;
          area.setAttribute("readonly", "");
          area.style.position = "absolute";
          area.style.left = "-9999px";
          document.body.appendChild(area);
          area.select();
          var ok = false;
          try {
            ok = document.execCommand("copy");
          } catch (e) {
            ok = false;
          }
          document.body.removeChild(area);
          done(ok);
        }
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  function start() {
    all(document, "form[data-facets]").forEach(setUpFacets);
    all(document, "table.sortable").forEach(setUpSorting);
    setUpCitation();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
