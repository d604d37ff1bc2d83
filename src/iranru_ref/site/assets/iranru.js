/* iranru-ref: citation targets, the home search box, tag filters and graphs. Runs on every page
   load, including Material's instant navigation (document$), where :target does not update.
   Every page stays readable without it. No dependency apart from cytoscape. */
(function () {
  "use strict";

  /* Largest zoom a fitted graph may reach: a graph of three nodes is not blown up to fill
     its box, so its labels stay at reading size. */
  var FIT_ZOOM_CAP = 1.1;

  var colorProbe = null;

  /* A CSS colour as [r, g, b, a], via a canvas, which understands every CSS colour syntax. */
  function rgba(color) {
    if (!colorProbe) colorProbe = document.createElement("canvas").getContext("2d");
    if (!colorProbe) return [128, 128, 128, 1];
    colorProbe.fillStyle = "#808080";
    colorProbe.fillStyle = color;
    var value = colorProbe.fillStyle;
    if (value.charAt(0) === "#") {
      return [parseInt(value.slice(1, 3), 16), parseInt(value.slice(3, 5), 16),
        parseInt(value.slice(5, 7), 16), 1];
    }
    var parts = value.replace(/[^\d.,]/g, "").split(",").map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  }

  /* Cytoscape takes only opaque #rrggbb colours: blend a translucent one onto the page. */
  function opaque(color, background) {
    var fg = rgba(color);
    var bg = background ? rgba(background) : [255, 255, 255, 1];
    return "#" + [0, 1, 2].map(function (i) {
      var channel = Math.round(fg[i] * fg[3] + bg[i] * (1 - fg[3]));
      return ("0" + channel.toString(16)).slice(-2);
    }).join("");
  }

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.body).getPropertyValue(name).trim();
    return value || fallback;
  }


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

  /* ---- tag filters (timeline) --------------------------------------------------------- */

  function setUpTagFilters() {
    document.querySelectorAll(".tag-filter").forEach(function (bar) {
      if (bar.dataset.ready) return;
      var list = document.querySelector(bar.getAttribute("data-filter-target"));
      if (!list) return;
      bar.dataset.ready = "1";
      bar.hidden = false;
      var status = bar.querySelector(".filter-status");
      var scope = bar.hasAttribute("data-filter-scope") ? " " + bar.getAttribute("data-filter-scope") : "";
      bar.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-tag]");
        if (!button) return;
        var tag = button.getAttribute("data-tag");
        bar.querySelectorAll("button[data-tag]").forEach(function (b) {
          b.setAttribute("aria-pressed", String(b === button));
        });
        var shown = 0;
        var items = list.querySelectorAll("[data-tags]");
        items.forEach(function (item) {
          var tags = item.getAttribute("data-tags").split(" ");
          item.hidden = Boolean(tag) && tags.indexOf(tag) < 0;
          if (!item.hidden) shown += 1;
        });
        if (status) {
          status.textContent = tag ? "Showing " + shown + " of " + items.length + " entries" + scope + " tagged " + tag
            : "Showing all " + items.length + " entries" + scope;
        }
      });
    });
  }

  /* ---- graphs -------------------------------------------------------------------------- */

  function readGraph(container) {
    /* In an attribute, not a <script>: instant navigation re-runs inline scripts as JavaScript. */
    var json = container.getAttribute("data-graph");
    return json ? JSON.parse(json) : null;
  }

  /* Nodes carry their number of distinct neighbours ("degree"), and start on a circle grouped
     by type, so the force layout is the same on every load. */
  function elementsOf(data) {
    var neighbours = {};
    data.nodes.forEach(function (n) { neighbours[n.id] = {}; });
    data.edges.forEach(function (e) {
      if (neighbours[e.source]) neighbours[e.source][e.target] = true;
      if (neighbours[e.target]) neighbours[e.target][e.source] = true;
    });
    var order = data.nodes.slice().sort(function (a, b) {
      return a.type < b.type ? -1 : a.type > b.type ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    var radius = 40 * Math.max(order.length, 4);
    var start = {};
    order.forEach(function (n, i) {
      var angle = 2 * Math.PI * i / order.length;
      start[n.id] = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
    });
    var nodes = data.nodes.map(function (n) {
      return { group: "nodes", position: start[n.id], data: { id: n.id, name: n.name,
        type: n.type, href: n.href, tags: n.tags || [],
        degree: Object.keys(neighbours[n.id]).length } };
    });
    var edges = data.edges.map(function (e, i) {
      return { group: "edges", data: { id: "e" + i, source: e.source, target: e.target,
        label: e.label } };
    });
    return nodes.concat(edges);
  }

  function graphStyle(options) {
    var bg = opaque(cssVar("--md-default-bg-color", "#fff"));
    var fg = opaque(cssVar("--md-default-fg-color", "#222"), bg);
    var edge = opaque(cssVar("--iranru-edge", "#9e9e9e"), bg);
    var colors = {};
    function typeColor(type) {
      if (!colors[type]) colors[type] = opaque(cssVar("--iranru-type-" + type, "#757575"), bg);
      return colors[type];
    }
    var style = [
      { selector: "node", style: {
        "background-color": function (node) { return typeColor(node.data("type")); },
        "label": options.labels ? "data(name)" : "", "color": fg,
        "font-size": options.fontSize || 11, "min-zoomed-font-size": options.minFont || 0,
        "text-valign": "bottom", "text-margin-y": 3, "text-wrap": options.wrap ? "wrap" : "ellipsis",
        "text-max-width": options.wrap ? 160 : 140, "text-background-color": bg, "text-background-opacity": 0.7,
        "text-background-padding": 1, "width": 14, "height": 14 } },
      { selector: "node[degree >= 0]", style: options.scaled ? {
        "width": "mapData(degree, 0, 30, 10, 30)", "height": "mapData(degree, 0, 30, 10, 30)",
        "font-size": "mapData(degree, 0, 30, 11, 20)" } : {} },
      { selector: "node.center", style: { "width": 22, "height": 22, "label": "data(name)",
        "font-weight": "bold" } },
      { selector: "node.hover", style: { "label": "data(name)", "z-index": 10,
        "min-zoomed-font-size": 0, "border-width": 2, "border-color": fg } },
      { selector: "edge", style: { "width": 1, "line-color": edge, "target-arrow-color": edge,
        "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.6,
        "opacity": 0.7 } },
      { selector: "edge.hover", style: { "label": "data(label)", "font-size": 10,
        "color": fg, "text-rotation": "autorotate", "text-background-color": bg,
        "text-background-opacity": 0.8, "opacity": 1, "width": 2 } },
      { selector: ".hidden", style: { "display": "none" } }
    ];
    return style;
  }

  function capZoom(cy) {
    if (cy.zoom() > FIT_ZOOM_CAP) {
      cy.zoom(FIT_ZOOM_CAP);
      cy.center();
    }
  }

  /* A ring of many nodes fills a wide box as an ellipse, so its labels overlap less. */
  function stretchToBox(cy, padding) {
    var box = cy.nodes().boundingBox();
    var drawn = cy.elements().renderedBoundingBox();
    var ratio = Math.min(2, (cy.width() - 2 * padding) / Math.max(drawn.w, 1));
    if (ratio <= 1.05 || box.w === 0) return;
    var cx = box.x1 + box.w / 2;
    cy.nodes().positions(function (node) {
      var p = node.position();
      return { x: cx + (p.x - cx) * ratio, y: p.y };
    });
    cy.fit(undefined, padding);
  }

  /* Open a page the way a link would, so Material's instant navigation handles it. */
  function navigate(href) {
    var link = document.createElement("a");
    link.href = href;
    link.hidden = true;
    (document.querySelector(".md-content") || document.body).appendChild(link);
    link.click();
    link.remove();
  }

  var graphs = [];

  function drawGraph(canvas, data, options) {
    if (typeof window.cytoscape !== "function") return null;
    var cy = window.cytoscape({
      container: canvas,
      elements: elementsOf(data),
      style: graphStyle(options),
      layout: { name: "preset" },
      minZoom: 0.1,
      maxZoom: 3
    });
    if (options.center) cy.$id(options.center).addClass("center");
    var layout = cy.layout(options.layout);
    layout.one("layoutstop", function () {
      if (options.stretch) stretchToBox(cy, options.layout.padding || 30);
      capZoom(cy);
    });
    layout.run();
    cy.on("mouseover", "node, edge", function (event) {
      event.target.addClass("hover");
      if (event.target.isNode()) event.target.connectedEdges().addClass("hover");
      canvas.title = event.target.isNode() ? event.target.data("name") : event.target.data("label");
      canvas.style.cursor = event.target.isNode() ? "pointer" : "";
    });
    cy.on("mouseout", "node, edge", function (event) {
      event.target.removeClass("hover");
      if (event.target.isNode()) event.target.connectedEdges().removeClass("hover");
      canvas.title = "";
      canvas.style.cursor = "";
    });
    cy.on("tap", "node", function (event) {
      var href = event.target.data("href");
      if (href && event.target.id() !== options.center) navigate(href);
    });
    graphs.push({ cy: cy, options: options });
    return cy;
  }

  function restyleGraphs() {
    graphs = graphs.filter(function (g) { return !g.cy.destroyed() && document.body.contains(g.cy.container()); });
    graphs.forEach(function (g) { g.cy.style(graphStyle(g.options)); });
  }

  function setUpEntityGraphs() {
    document.querySelectorAll(".entity-graph").forEach(function (container) {
      if (container.dataset.drawn) return;
      var data = readGraph(container);
      if (!data || data.nodes.length < 2) return;
      container.dataset.drawn = "1";
      var canvas = document.createElement("div");
      canvas.className = "entity-graph-canvas";
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", container.getAttribute("data-label") || "Graph");
      container.appendChild(canvas);
      var count = data.nodes.length;
      var many = count > 16;
      canvas.classList.add(many ? "is-large" : count <= 6 ? "is-small" : "is-medium");
      window.iranruEntityGraph = drawGraph(canvas, data, { labels: true, center: data.center,
        fontSize: many ? 10 : 11, minFont: many ? 6 : 0, wrap: !many, stretch: many,
        layout: { name: "concentric", concentric: function (n) {
          return n.id() === data.center ? 2 : 1; }, levelWidth: function () { return 1; },
          minNodeSpacing: many ? 22 : count <= 4 ? 120 : 70, animate: false, padding: 30 } });
    });
  }

  function setUpNetwork() {
    var container = document.getElementById("network-graph");
    if (!container || container.dataset.drawn) return;
    var data = readGraph(container);
    if (!data) return;
    var canvas = container.querySelector(".network-canvas");
    container.classList.add("is-drawn"); /* the canvas needs its size before cytoscape draws */
    /* Zoomed out, only the better connected entities are labelled (cytoscape compares
       font size × zoom, rounded up to a power of two, with min-zoomed-font-size). */
    var cy = drawGraph(canvas, data, { labels: true, fontSize: 11, minFont: 12, scaled: true,
      stretch: true,
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 60000,
        nodeOverlap: 20, idealEdgeLength: 60, edgeElasticity: 100, gravity: 30,
        componentSpacing: 80, numIter: 2500, padding: 20 } });
    if (!cy) {
      container.classList.remove("is-drawn");
      return;
    }
    container.dataset.drawn = "1";
    window.iranruNetwork = cy;
    container.querySelectorAll(".network-filter").forEach(function (f) { f.hidden = false; });
    var status = container.querySelector(".network-status");
    function applyFilters() {
      var types = Array.prototype.map.call(
        container.querySelectorAll("input[name=type]:checked"), function (i) { return i.value; });
      var tag = container.querySelector("select[name=tag]").value;
      var shown = 0;
      cy.nodes().forEach(function (node) {
        var show = types.indexOf(node.data("type")) >= 0 &&
          (!tag || node.data("tags").indexOf(tag) >= 0);
        node.toggleClass("hidden", !show);
        if (show) shown += 1;
      });
      if (status) {
        status.textContent = shown === cy.nodes().length ? "Showing all " + shown + " entities."
          : "Showing " + shown + " of " + cy.nodes().length + " entities.";
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

  /* ---- palette switch: redraw graph colours --------------------------------------------- */

  new MutationObserver(restyleGraphs).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"]
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
    setUpTagFilters();
    setUpEntityGraphs();
    setUpNetwork();
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
