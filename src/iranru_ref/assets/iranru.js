/* iranru-ref: citation targets, tag filters and graphs. Runs on every page load, including
   Material's instant navigation (document$). Pages stay readable without it. */
(function () {
  "use strict";

  var TYPE_COLORS = {
    person: "#3949ab", organization: "#00897b", treaty: "#8e24aa", project: "#ef6c00",
    place: "#2e7d32", event: "#c62828", figure: "#6d4c41"
  };

  function highlightTarget() {
    document.querySelectorAll(".is-target").forEach(function (el) {
      el.classList.remove("is-target");
    });
    var id = decodeURIComponent(window.location.hash.slice(1));
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
    shown.scrollIntoView({ block: "center" });
  }

  function setUpTagFilters() {
    document.querySelectorAll(".tag-filter").forEach(function (bar) {
      var list = document.querySelector(bar.getAttribute("data-filter-target"));
      if (!list) return;
      bar.hidden = false;
      bar.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-tag]");
        if (!button) return;
        var tag = button.getAttribute("data-tag");
        bar.querySelectorAll("button").forEach(function (b) {
          b.setAttribute("aria-pressed", String(b === button));
        });
        list.querySelectorAll("[data-tags]").forEach(function (item) {
          var tags = item.getAttribute("data-tags").split(" ");
          item.hidden = Boolean(tag) && tags.indexOf(tag) < 0;
        });
      });
    });
  }

  function readGraph(container) {
    var script = container.querySelector("script.graph-data");
    return script ? JSON.parse(script.textContent) : null;
  }

  function foreground() {
    var style = getComputedStyle(document.body);
    return style.getPropertyValue("--md-default-fg-color").trim() || "#222";
  }

  function elementsOf(data) {
    var nodes = data.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, name: n.name, type: n.type, href: n.href,
        tags: n.tags, color: TYPE_COLORS[n.type] || "#555" } };
    });
    var edges = data.edges.map(function (e, i) {
      return { group: "edges", data: { id: "e" + i, source: e.source, target: e.target,
        label: e.label } };
    });
    return nodes.concat(edges);
  }

  function drawGraph(container, data, options) {
    if (typeof window.cytoscape !== "function") return null;
    var canvas = options.canvas || container;
    var cy = window.cytoscape({
      container: canvas,
      elements: elementsOf(data),
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        { selector: "node", style: {
          "background-color": "data(color)", "label": options.labels ? "data(name)" : "",
          "color": foreground(), "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
          "width": 14, "height": 14, "text-wrap": "ellipsis", "text-max-width": 120 } },
        { selector: "node.center", style: { "width": 24, "height": 24, "label": "data(name)",
          "font-weight": "bold" } },
        { selector: "node.hover", style: { "label": "data(name)", "z-index": 10,
          "border-width": 2, "border-color": foreground() } },
        { selector: "edge", style: { "width": 1, "line-color": "#9e9e9e",
          "target-arrow-color": "#9e9e9e", "target-arrow-shape": "triangle",
          "curve-style": "bezier", "arrow-scale": 0.6, "opacity": 0.7 } },
        { selector: "edge.hover", style: { "label": "data(label)", "font-size": 9,
          "color": foreground(), "text-rotation": "autorotate", "opacity": 1 } },
        { selector: ".hidden", style: { "display": "none" } }
      ],
      layout: options.layout
    });
    if (options.center) cy.$id(options.center).addClass("center");
    cy.on("mouseover", "node, edge", function (event) {
      event.target.addClass("hover");
      if (event.target.isNode()) event.target.connectedEdges().addClass("hover");
      canvas.title = event.target.isNode() ? event.target.data("name") : event.target.data("label");
    });
    cy.on("mouseout", "node, edge", function (event) {
      event.target.removeClass("hover");
      if (event.target.isNode()) event.target.connectedEdges().removeClass("hover");
      canvas.title = "";
    });
    cy.on("tap", "node", function (event) {
      var href = event.target.data("href");
      if (href && event.target.id() !== options.center) window.location.assign(href);
    });
    return cy;
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
      canvas.setAttribute("aria-label", container.getAttribute("aria-label") || "Graph");
      container.appendChild(canvas);
      drawGraph(container, data, { canvas: canvas, labels: true, center: data.center,
        layout: { name: "concentric", concentric: function (n) {
          return n.id() === data.center ? 2 : 1; }, levelWidth: function () { return 1; },
          minNodeSpacing: 30, animate: false } });
    });
  }

  function setUpNetwork() {
    var container = document.getElementById("network");
    if (!container || container.dataset.drawn) return;
    var data = readGraph(container);
    if (!data) return;
    container.dataset.drawn = "1";
    var canvas = container.querySelector(".network-canvas");
    var cy = drawGraph(container, data, { canvas: canvas, labels: data.nodes.length <= 150,
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000,
        idealEdgeLength: 70, numIter: 1500 } });
    if (!cy) return;
    window.iranruNetwork = cy;
    container.classList.add("is-drawn");
    container.querySelectorAll(".network-filter").forEach(function (f) { f.hidden = false; });
    function applyFilters() {
      var types = Array.prototype.map.call(
        container.querySelectorAll("input[name=type]:checked"), function (i) { return i.value; });
      var tag = container.querySelector("select[name=tag]").value;
      cy.nodes().forEach(function (node) {
        var show = types.indexOf(node.data("type")) >= 0 &&
          (!tag || (node.data("tags") || []).indexOf(tag) >= 0);
        node.toggleClass("hidden", !show);
      });
    }
    container.addEventListener("change", applyFilters);
  }

  function init() {
    highlightTarget();
    setUpTagFilters();
    setUpEntityGraphs();
    setUpNetwork();
  }

  window.addEventListener("hashchange", highlightTarget);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
