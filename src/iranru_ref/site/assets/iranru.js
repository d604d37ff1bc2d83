/* iranru-ref: citation targets, the home search box, and the network's filters.
   Runs on every page load, including Material's instant navigation (document$), where :target
   does not update. Every page stays readable without it; the graphs are drawn when the site is
   built, so nothing here lays out or draws one. No dependency. */
(function () {
  "use strict";

  /* ---- data scripts under instant navigation ------------------------------------------ */

  /* Material's instant navigation fetches the next page, parses it with DOMParser, swaps in its
     content and re-creates every inline <script> of the content *without its type*, so the
     JSON-LD of entity and download pages would run as JavaScript ("Unexpected token ':'") and
     abort the page swap. Data scripts of a fetched page are moved to its <head> before that
     happens; Material merges the head by content, so each page's JSON-LD still ends up in the
     live document. A full page load (what crawlers see) is untouched. */
  var DATA_SCRIPTS = "[data-md-component=container] script[type]:not([type='text/javascript'])" +
    ":not([type='module']):not([type='application/javascript'])";
  if (window.DOMParser && !DOMParser.prototype.iranruPatched) {
    var parseFromString = DOMParser.prototype.parseFromString;
    DOMParser.prototype.parseFromString = function (text, type) {
      var parsed = parseFromString.call(this, text, type);
      if (type === "text/html" && parsed && parsed.head) {
        parsed.querySelectorAll(DATA_SCRIPTS).forEach(function (script) {
          parsed.head.appendChild(script);
        });
      }
      return parsed;
    };
    DOMParser.prototype.iranruPatched = true;
  }

  /* ---- citation targets -------------------------------------------------------------- */

  function highlightTarget() {
    document.querySelectorAll(".is-target").forEach(function (el) {
      el.classList.remove("is-target");
    });
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return;
    }
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    var paragraph = target.closest(".paragraph");
    if (target.classList.contains("cite-target")) {
      document.querySelectorAll("mark.cited").forEach(function (mark) {
        if ((mark.getAttribute("data-cites") || "").split(" ").indexOf(id) >= 0) {
          mark.classList.add("is-target");
        }
      });
    }
    var shown = paragraph || target.closest(".claim") || target;
    shown.classList.add("is-target");
    if (paragraph) {
      var citing = paragraph.querySelector("details.citing");
      if (citing) citing.open = true;
    }
    /* After Material's own scroll to the anchor (which puts it under the header), centre it. */
    window.requestAnimationFrame(function () {
      shown.scrollIntoView({ block: "center" });
    });
  }

  /* ---- the home page's search box opens Material's search ---------------------------- */

  function setUpHomeSearch() {
    var form = document.querySelector("form.home-search");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    form.addEventListener("submit", function (event) {
      var toggle = document.querySelector("[data-md-toggle=search]");
      var input = document.querySelector("input.md-search__input");
      if (!toggle || !input) return; /* no search: let the form load ?q=, Material reads it */
      event.preventDefault();
      var query = form.querySelector("input[name=q]").value.trim();
      if (!toggle.checked) {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
      }
      input.value = query;
      input.focus();
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  }

  /* ---- the network's filters: hide the nodes of unticked types or without the chosen tag,
     and the edges that touch them ---------------------------------------------------------- */

  function setUpNetworkFilters() {
    var container = document.getElementById("network-graph");
    if (!container || container.dataset.ready) return;
    container.dataset.ready = "1";
    var nodes = container.querySelectorAll(".graph-node[data-id]");
    var edges = container.querySelectorAll(".graph-edges line[data-ends]");
    var status = container.querySelector(".network-status");
    container.querySelectorAll(".network-filter").forEach(function (f) { f.hidden = false; });
    function applyFilters() {
      var types = Array.prototype.map.call(
        container.querySelectorAll("input[name=type]:checked"), function (i) { return i.value; });
      var tag = container.querySelector("select[name=tag]").value;
      var shown = {};
      var count = 0;
      nodes.forEach(function (node) {
        var show = types.indexOf(node.getAttribute("data-type")) >= 0 &&
          (!tag || node.getAttribute("data-tags").split(" ").indexOf(tag) >= 0);
        node.classList.toggle("is-filtered", !show);
        if (show) {
          shown[node.getAttribute("data-id")] = true;
          count += 1;
        }
      });
      edges.forEach(function (edge) {
        var ends = edge.getAttribute("data-ends").split(" ");
        edge.classList.toggle("is-filtered", !(shown[ends[0]] && shown[ends[1]]));
      });
      if (status) {
        status.textContent = count === nodes.length ? "Showing all " + count + " entities."
          : "Showing " + count + " of " + nodes.length + " entities.";
      }
    }
    container.addEventListener("change", applyFilters);
    applyFilters();
  }

  /* ---- printing: show the claims under each source paragraph ---------------------------- */

  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(
      document.querySelectorAll("details.citing:not([open])"), function (d) { d.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });

  /* Material's search dialog and page-load bar have no accessible name; give them one. */
  function nameMaterialWidgets() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
    var progress = document.querySelector(".md-progress[role=progressbar]");
    if (progress && !progress.hasAttribute("aria-label")) progress.setAttribute("aria-label", "Loading the page");
  }

  function init() {
    nameMaterialWidgets();
    setUpHomeSearch();
    setUpNetworkFilters();
    highlightTarget();
    document.body.dataset.iranruReady = "1"; /* for the browser tests: this page's setup ran */
  }

  /* A link to another part of the same page, under instant navigation, changes the address
     with history.pushState: no hashchange event, no :target. Material's location$ reports it. */
  var shownPath = window.location.pathname;
  window.addEventListener("hashchange", highlightTarget);
  if (window.location$ && typeof window.location$.subscribe === "function") {
    window.location$.subscribe(function (url) {
      if (url && url.pathname === shownPath) window.setTimeout(highlightTarget, 0);
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      shownPath = window.location.pathname;
      init();
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
