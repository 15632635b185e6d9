/* vanban: small progressive enhancements. Every page is complete without
   this script; with it, lists can be narrowed (state kept in the URL's #…;
   a list split into parts is narrowed whole, from its data file),
   tables sorted, and a citation copied. A classic script: it works from
   file:// as well as over HTTP, and loads nothing but a list's data file. */
(function () {
  "use strict";

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  /* ---------- Filters: narrow a list by type, issuer level, year, tag and dates ---------- */

  /* The keys and values are the search page's too: slugs (loai=chi-thi) and
     ISO dates (tu, den: inclusive), kept in the URL's #…; `trang` is the part
     of a filtered list on screen. A list split into parts is filtered whole:
     its rows come from its data file (danh-sach.js, loaded by <script src>
     when a filter is first used, so it works from file:// too). */
  var SELECTS = ["loai", "cap", "nam", "chu-de"];
  var KEYS = SELECTS.concat(["tu", "den"]);
  var PART = 500;
  var ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

  function readHash() {
    var state = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length === 2 && parts[1] !== "") {
        try {
          state[decodeURIComponent(parts[0])] = decodeURIComponent(parts[1]);
        } catch (e) {
          /* A malformed pair is left out. */
        }
      }
    });
    return state;
  }

  function hashOf(state) {
    var pairs = [];
    KEYS.concat(["trang"]).forEach(function (key) {
      if (state[key]) {
        pairs.push(encodeURIComponent(key) + "=" + encodeURIComponent(state[key]));
      }
    });
    return pairs.length ? "#" + pairs.join("&") : "";
  }

  function writeHash(state) {
    var url = location.href.split("#")[0] + hashOf(state);
    try {
      history.replaceState(null, "", url);
    } catch (e) {
      location.hash = hashOf(state);
    }
  }

  function isActive(state) {
    return KEYS.some(function (key) { return !!state[key]; });
  }

  /* Whether a directive with these facts passes the filter. A date known
     only to the month or the year is in a range when all of it is. */
  function matches(state, facts) {
    if (state.loai && facts.type !== state.loai) { return false; }
    if (state.cap && facts.level !== state.cap) { return false; }
    if (state.nam && facts.year !== state.nam) { return false; }
    if (state["chu-de"] && facts.tags.indexOf(state["chu-de"]) < 0) { return false; }
    var from = ISO_DAY.test(state.tu || "") ? state.tu : "";
    var to = ISO_DAY.test(state.den || "") ? state.den : "";
    if (from || to) {
      var date = facts.date;
      if (!date) { return false; }
      var first = (date + "-01-01").slice(0, 10);
      var last = date.length === 4 ? date + "-12-31" : date.length === 7 ? date + "-31" : date;
      if ((from && first < from) || (to && last > to)) { return false; }
    }
    return true;
  }

  function rowFacts(row) {
    var time = row.cells[0] && row.cells[0].querySelector("time");
    return {
      type: row.dataset.type || "",
      level: row.dataset.level || "",
      year: row.dataset.year || "",
      tags: row.dataset.tags ? row.dataset.tags.split("|") : [],
      date: time ? time.getAttribute("datetime") : ""
    };
  }

  function element(name, text, attributes) {
    var node = document.createElement(name);
    if (text !== undefined && text !== null) { node.textContent = text; }
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  /* A split list's rows, from its data file, as the page's rows show them. */
  function dataRows(data) {
    return data.rows.map(function (r) {
      var type = r[6] === null ? null : data.types[r[6]];
      return {
        href: "van-ban/" + r[0] + "/index.html",
        date: r[1], iso: r[2] || "", number: r[3],
        province: typeof r[4] === "number" ? data.provinces[r[4]] : null,
        place: typeof r[4] === "number" ? "tinh" : r[4],
        title: r[5], typeName: type ? type[1] : "", days: r[9], notBefore: r[10],
        facts: {
          type: type ? type[0] : "",
          level: r[7],
          year: r[2] ? r[2].slice(0, 4) : "",
          tags: r[8].map(function (t) { return data.tags[t][0]; }),
          date: r[2] || ""
        }
      };
    });
  }

  var listData = { rows: null, waiting: [] };

  /* Loads the data file once; `done(rows)` or, when it cannot be read, `done(null)`. */
  function loadList(src, done) {
    if (listData.rows) { done(listData.rows); return; }
    listData.waiting.push(done);
    if (listData.waiting.length > 1) { return; }
    var script = document.createElement("script");
    function finish() {
      listData.rows = window.vanbanList ? dataRows(window.vanbanList) : null;
      var waiting = listData.waiting;
      listData.waiting = [];
      waiting.forEach(function (callback) { callback(listData.rows); });
    }
    script.onload = finish;
    script.onerror = finish;
    script.src = src;
    document.head.appendChild(script);
  }

  function setUpFilters(form) {
    var scope = form.closest("section") || document.querySelector("main");
    var rows = all(scope, "table.doc-list tbody tr[data-level]");
    var total = Number(form.dataset.total) || rows.length;
    var words = form.dataset;
    var root = form.dataset.root || "";
    var count = form.querySelector(".facet-count");
    var controls = KEYS.map(function (key) { return form.elements[key]; }).filter(Boolean);
    var yearCounts = all(document, ".year-counts li[data-year]");
    yearCounts.forEach(function (li) {
      var span = li.querySelector(".count");
      li.dataset.whole = span.textContent;
    });
    /* The page's own list: its tables, the sections around them, its parts' navigation. */
    var listSections = all(scope, "section").filter(function (s) {
      return !s.contains(form) && s.querySelector("table.doc-list, ul.issued");
    });
    var loose = all(scope, "table.doc-list").filter(function (t) {
      return !listSections.some(function (s) { return s.contains(t); });
    });
    var statics = listSections.concat(loose).concat(all(document, "main nav.pagination"));
    var template = scope.querySelector("table.doc-list");
    var filtered = null;
    var shownPart = null;

    function showYearCounts(counts) {
      yearCounts.forEach(function (li) {
        var span = li.querySelector(".count");
        if (counts) {
          var n = counts[li.dataset.year] || 0;
          span.textContent = "(" + n + ")";
          li.hidden = n === 0;
        } else {
          span.textContent = li.dataset.whole;
          li.hidden = false;
        }
      });
    }

    function countText(visible) {
      count.textContent = visible + " / " + total + " " + (document.body.dataset.shown || "");
    }

    function setControls(state) {
      controls.forEach(function (control) {
        var wanted = state[control.name] || "";
        if (control.tagName === "SELECT" && wanted &&
            !all(control, "option").some(function (o) { return o.value === wanted; })) {
          /* A shared link's value this list does not have: kept, and shown as it is. */
          control.appendChild(element("option", wanted, { value: wanted }));
        }
        control.value = wanted;
      });
    }

    /* Filters the rows on the page (a list in one part, or no data file). */
    function filterInPage(state) {
      var active = isActive(state);
      var visible = 0;
      var years = {};
      rows.forEach(function (row) {
        var facts = rowFacts(row);
        var match = !active || matches(state, facts);
        row.hidden = !match;
        if (match) {
          visible += 1;
          var year = facts.year || "khong-ro";
          years[year] = (years[year] || 0) + 1;
        }
      });
      listSections.forEach(function (section) {
        var table = section.querySelector("table.doc-list");
        section.hidden = active && !!table && !all(table, "tbody tr").some(function (r) { return !r.hidden; });
      });
      if (form.dataset.list) {
        /* Only a part is on the page: the whole list's counts stay. */
        showYearCounts(null);
        count.textContent = active ? visible + " / " + rows.length + " " + (document.body.dataset.shown || "") : "";
      } else {
        showYearCounts(active ? years : null);
        countText(visible);
      }
    }

    function showStatics(shown) {
      statics.forEach(function (node) { node.hidden = !shown; });
      if (filtered) { filtered.hidden = shown; }
    }

    function cell(row, content) {
      var td = document.createElement("td");
      if (typeof content === "string") { td.textContent = content; } else { td.appendChild(content); }
      row.appendChild(td);
      return td;
    }

    function tableRow(r, withDays) {
      var tr = element("tr", null, {
        "data-type": r.facts.type, "data-level": r.facts.level, "data-year": r.facts.year, "data-tags": r.facts.tags.join("|")
      });
      if (r.date) {
        cell(tr, element("time", r.date, { datetime: r.iso }));
      } else {
        cell(tr, words.undated + (r.notBefore ? " (" + words.notBefore + " " + r.notBefore + ")" : ""));
      }
      cell(tr, r.number ? r.number : element("span", words.unknown, { "class": "unknown" }));
      if (r.province) {
        cell(tr, element("a", r.province[0], { href: root + "tinh/" + r.province[1] + "/index.html" }));
      } else {
        cell(tr, r.place === "tinh-khong-ro" ? words.provinceUnknown : r.place === "trung-uong" ? words.central : words.unknown);
      }
      cell(tr, element("a", (r.typeName ? r.typeName + ": " : "") + r.title, { href: root + r.href }));
      if (withDays) {
        var td = cell(tr, typeof r.days === "number" && r.days < 0
          ? element("span", r.days + ": " + words.citedBefore, { "class": "date-conflict" })
          : typeof r.days === "number" ? String(r.days) : "–");
        td.className = "num";
      }
      return tr;
    }

    function table(list) {
      var copy = template.cloneNode(false);
      copy.hidden = false;
      copy.appendChild(template.tHead.cloneNode(true));
      var withDays = template.tHead.rows[0].cells.length > 4;
      var body = document.createElement("tbody");
      list.forEach(function (r) { body.appendChild(tableRow(r, withDays)); });
      copy.appendChild(body);
      return copy;
    }

    function pager(state, part, parts, label) {
      var nav = element("nav", null, { "class": "pagination", "aria-label": label });
      nav.appendChild(element("span", words.page + " " + part + "/" + parts + ":"));
      function link(n, text, rel) {
        var next = {};
        KEYS.forEach(function (key) { next[key] = state[key]; });
        next.trang = n > 1 ? String(n) : "";
        var a = element("a", text, { href: hashOf(next) || "#" });
        if (rel) { a.setAttribute("rel", rel); }
        nav.appendChild(document.createTextNode(" "));
        nav.appendChild(a);
      }
      if (part > 1) { link(part - 1, "← " + words.previous, "prev"); }
      for (var n = 1; n <= parts; n++) {
        if (n === part) {
          nav.appendChild(document.createTextNode(" "));
          nav.appendChild(element("span", String(n), { "aria-current": "page" }));
        } else {
          link(n, String(n));
        }
      }
      if (part < parts) { link(part + 1, words.next + " →", "next"); }
      return nav;
    }

    /* The whole list, filtered, with its own parts. */
    function renderFiltered(state, list) {
      var matching = list.filter(function (r) { return matches(state, r.facts); });
      var parts = Math.max(1, Math.ceil(matching.length / PART));
      var part = Math.min(Math.max(parseInt(state.trang, 10) || 1, 1), parts);
      var shown = matching.slice((part - 1) * PART, part * PART);
      if (!filtered) {
        filtered = element("div", null, { "class": "filtered-list" });
        form.parentNode.insertBefore(filtered, form.nextSibling);
        if (yearCounts.length) {
          var years = form.closest("main").querySelector(".year-counts").closest("section");
          years.parentNode.insertBefore(filtered, years.nextSibling);
        }
      }
      filtered.textContent = "";
      if (parts > 1) { filtered.appendChild(pager(state, part, parts, words.pages)); }
      if (form.dataset.group === "year") {
        var groups = [];
        shown.forEach(function (r) {
          var year = r.facts.year || "";
          if (!groups.length || groups[groups.length - 1].year !== year) { groups.push({ year: year, rows: [] }); }
          groups[groups.length - 1].rows.push(r);
        });
        groups.forEach(function (g) {
          var section = document.createElement("section");
          var heading = element("h2");
          heading.appendChild(g.year
            ? element("a", g.year, { href: root + "thoi-gian/" + g.year + "/index.html" })
            : document.createTextNode(words.undated));
          section.appendChild(heading);
          section.appendChild(table(g.rows));
          filtered.appendChild(section);
        });
      } else {
        filtered.appendChild(table(shown));
      }
      if (parts > 1) { filtered.appendChild(pager(state, part, parts, words.pagesBelow)); }
      var years = {};
      matching.forEach(function (r) {
        var year = r.facts.year || "khong-ro";
        years[year] = (years[year] || 0) + 1;
      });
      showYearCounts(years);
      showStatics(false);
      countText(matching.length);
      if (shownPart !== null && shownPart !== part) { filtered.scrollIntoView(); }
      shownPart = part;
    }

    function apply() {
      var state = readHash();
      setControls(state);
      if (form.dataset.list && isActive(state)) {
        loadList(form.dataset.list, function (list) {
          var now = readHash();
          if (!isActive(now)) { return; }
          if (list) {
            renderFiltered(now, list);
          } else {
            filterInPage(now);
          }
        });
        return;
      }
      showStatics(true);
      shownPart = null;
      filterInPage(state);
    }

    form.addEventListener("change", function () {
      var state = {};
      controls.forEach(function (control) { state[control.name] = control.value; });
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
    all(document, "form[data-facets]").forEach(setUpFilters);
    all(document, "table.sortable").forEach(setUpSorting);
    setUpCitation();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
