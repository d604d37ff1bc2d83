/* iranru-ref: citation targets, the search (Pagefind's, loaded when first opened), the home
   search box, and the network's filters.
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

  /* ---- search: Pagefind's modal in the header (overrides/partials/search.html) ----------
     Its interface is loaded the first time a reader opens search, from the pagefind/ folder
     beside assets/ (where this script is), so reading a page fetches none of it. It then
     fetches only the parts of the index that a query needs. */

  var SITE_ROOT = new URL("..", (document.currentScript && document.currentScript.src) ||
    window.location.href);
  var searchReady = null;

  function searchBox() {
    return document.querySelector(".iranru-search");
  }

  function loadSearch() {
    if (searchReady) return searchReady;
    var box = searchBox();
    var bundle = new URL("pagefind/", SITE_ROOT).href;
    searchReady = new Promise(function (resolve, reject) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = bundle + "pagefind-component-ui.css";
      box.appendChild(style); /* in the header, which instant navigation keeps */
      var script = document.createElement("script");
      script.type = "module";
      script.src = bundle + "pagefind-component-ui.js";
      script.onerror = function () {
        searchReady = null;
        reject(new Error("the search could not be loaded"));
      };
      script.onload = function () {
        customElements.whenDefined("pagefind-modal").then(resolve);
      };
      document.head.appendChild(script);
    });
    return searchReady;
  }

  function searchModal() {
    var box = searchBox();
    return box && box.querySelector("pagefind-modal");
  }

  /* The results are listed RESULTS_STEP at a time; the button under them lists more, until
     other words are searched. Pagefind reports each search, and its results, to the listeners
     of its instance. */
  var RESULTS_STEP = 50;

  function setUpMoreResults(box) {
    var list = box.querySelector("pagefind-results");
    var more = box.querySelector(".iranru-search__more");
    var instance = window.PagefindComponents.getInstanceManager().getInstance("default");
    if (!list || !more || more.dataset.ready) return;
    more.dataset.ready = "1";
    var words = instance.searchTerm;
    instance.on("search", function (term) {
      if (term === words) return;
      words = term;
      if (list.getAttribute("max-results") !== String(RESULTS_STEP)) {
        list.setAttribute("max-results", String(RESULTS_STEP));
      }
    }, more);
    var firstNew = -1; /* after "more", the reader is taken to the first result added */
    instance.on("results", function (found) {
      var listed = parseInt(list.getAttribute("max-results"), 10);
      more.hidden = !(found && found.results && found.results.length > listed);
      var added = firstNew >= 0 && list.querySelectorAll("li.pf-result")[firstNew];
      firstNew = -1;
      if (added) added.scrollIntoView({ block: "start" });
    }, more);
    more.addEventListener("click", function () {
      var listed = parseInt(list.getAttribute("max-results"), 10);
      firstNew = listed;
      list.setAttribute("max-results", String(listed + RESULTS_STEP));
      instance.triggerSearchWithFilters(instance.searchTerm, instance.searchFilters);
    });
  }

  /* Open the search, with `query` typed into it when given. */
  function openSearch(query) {
    if (!searchBox()) return;
    loadSearch().then(function () {
      var modal = searchModal();
      if (!modal.isOpen) modal.open();
      nameFilterButtons(modal);
      setUpMoreResults(searchBox());
      if (query) {
        var input = modal.querySelector("pagefind-input input");
        input.value = query;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  }

  /* A filter's button is a combobox, which takes no name from its text; Pagefind names it only
     while a value is chosen. Its title names it always (the chosen count still overrides it). */
  function nameFilterButtons(modal) {
    modal.querySelectorAll(".pf-dropdown-trigger:not([title])").forEach(function (button) {
      var label = button.querySelector(".pf-dropdown-trigger-label");
      if (label) button.title = label.textContent;
    });
  }

  var leaving = false; /* closed because the reader followed a result */

  function closeSearch() {
    var modal = searchModal();
    if (!modal || !modal.isOpen) return;
    leaving = true;
    modal.close();
  }

  function setUpSearch() {
    var box = searchBox();
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var button = box.querySelector(".iranru-search__button");
    button.addEventListener("click", function () { openSearch(""); });
    /* Closing it returns to the button, as a dialog should, unless a result was followed. */
    box.addEventListener("close", function () {
      if (!leaving) button.focus();
      leaving = false;
    }, true);
    /* `/` or `s` (and `f`, as in Material) opens it from anywhere but a text field. */
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (["/", "s", "f"].indexOf(event.key) < 0) return;
      var active = document.activeElement;
      if (active && (/^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) || active.isContentEditable)) return;
      var modal = searchModal();
      if (modal && modal.isOpen) return;
      event.preventDefault();
      event.stopImmediatePropagation(); /* not Material's own keys as well */
      openSearch("");
    }, true);
    /* Escape in an open filter menu closes that menu, not the whole search: Pagefind's dialog
       takes every Escape before the menu sees it. */
    window.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var menus = box.querySelectorAll("pagefind-filter-dropdown");
      for (var i = 0; i < menus.length; i += 1) {
        if (menus[i].isOpen) {
          event.preventDefault();
          event.stopImmediatePropagation();
          menus[i].close();
          return;
        }
      }
    }, true);
    /* A link to the search with ?q= opens it with the query, as Material's search did. */
    var query = new URLSearchParams(window.location.search).get("q");
    if (query && query.trim()) openSearch(query.trim());
  }

  /* The home page's search box opens the search with what was typed (without JavaScript, the
     form reloads the page with ?q=, which opens it once the script runs). */
  function setUpHomeSearch() {
    var form = document.querySelector("form.home-search");
    if (!form || form.dataset.ready || !searchBox()) return;
    form.dataset.ready = "1";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      openSearch(form.querySelector("input[name=q]").value.trim());
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
    /* A dense network draws its edges as one path, with the ends of each segment in order. */
    var edgePath = container.querySelector(".graph-edges path[data-ends]");
    var segments = edgePath ? edgePath.getAttribute("d").split("M").slice(1) : [];
    var segmentEnds = edgePath ? edgePath.getAttribute("data-ends").split(",") : [];
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
      function bothShown(ends) {
        var pair = ends.split(" ");
        return shown[pair[0]] && shown[pair[1]];
      }
      edges.forEach(function (edge) {
        edge.classList.toggle("is-filtered", !bothShown(edge.getAttribute("data-ends")));
      });
      if (edgePath) {
        var drawn = segments.filter(function (segment, i) {
          return bothShown(segmentEnds[i]);
        }).map(function (segment) { return "M" + segment; }).join("");
        if (drawn !== edgePath.getAttribute("d")) edgePath.setAttribute("d", drawn);
      }
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

  /* Material's page-load bar has no accessible name; give it one. */
  function nameMaterialWidgets() {
    var progress = document.querySelector(".md-progress[role=progressbar]");
    if (progress && !progress.hasAttribute("aria-label")) progress.setAttribute("aria-label", "Loading the page");
  }

  function init() {
    nameMaterialWidgets();
    closeSearch(); /* a result followed under instant navigation lands here with it open */
    setUpSearch();
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
