/* rikg result views: table, bar chart (SVG), neighbourhood graph (SVG). Exposes window.RikgViews.
 * Everything is built with DOM APIs and textContent, so result values can never inject markup. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var ID_NS = "https://w3id.org/rikg/id/";
  var ONT_NS = "https://w3id.org/rikg/ontology#";
  var NUMERIC = /#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsignedInt|unsignedLong|unsignedShort|unsignedByte)$/;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* Where the browser should go for an IRI: our Linked Data pages for our own IRIs. */
  function hrefFor(iri) {
    if (iri.indexOf(ID_NS) === 0) return "/id/" + iri.slice(ID_NS.length);
    if (iri.indexOf(ONT_NS) === 0) return "/ontology#" + iri.slice(ONT_NS.length);
    if (iri === "https://w3id.org/rikg/ontology") return "/ontology";
    return iri;
  }

  function compact(iri, prefixes) {
    var best = null;
    Object.keys(prefixes).forEach(function (p) {
      var ns = prefixes[p];
      if (iri.indexOf(ns) === 0 && /^[\w.-]*$/.test(iri.slice(ns.length)) && (!best || ns.length > best.ns.length)) {
        best = { p: p, ns: ns };
      }
    });
    return best ? best.p + ":" + iri.slice(best.ns.length) : iri;
  }

  function isNumeric(term) {
    return term && term.type !== "uri" && term.type !== "bnode" &&
      ((term.datatype && NUMERIC.test(term.datatype)) || (!term.datatype && !term["xml:lang"] && /^-?\d+(\.\d+)?$/.test(term.value)));
  }

  /* One table cell for one SPARQL JSON term. */
  function termNode(term, prefixes, onGraph) {
    var span = el("span");
    if (!term) return span;
    if (term.type === "uri") {
      var a = el("a", { href: hrefFor(term.value), title: term.value, "class": "iri" }, compact(term.value, prefixes));
      span.appendChild(a);
      if (onGraph) {
        // The glyph comes from CSS so that the cell's text stays the IRI alone (copy, tests).
        var g = el("button", { type: "button", "class": "nbh", title: "show the 1-hop neighbourhood as a graph",
          "aria-label": "neighbourhood graph" });
        g.addEventListener("click", function () { onGraph(term.value); });
        span.appendChild(g);
      }
    } else if (term.type === "bnode") {
      span.textContent = "_:" + term.value;
      span.className = "bnode";
    } else {
      span.textContent = term.value;
      if (term["xml:lang"]) span.appendChild(el("span", { "class": "lang" }, " @" + term["xml:lang"]));
    }
    return span;
  }

  /* Results table; at most `cap` rows, with a message saying how many were left out. */
  function table(container, vars, rows, prefixes, cap, onGraph) {
    container.innerHTML = "";
    if (rows.length > cap) {
      container.appendChild(el("div", { "class": "cap-msg", id: "cap-msg" },
        "Showing the first " + cap.toLocaleString("en") + " of " + rows.length.toLocaleString("en") +
        " rows. Download the results to get them all."));
    }
    var t = el("table", { "class": "results", id: "results-table" });
    var head = el("tr");
    head.appendChild(el("th", {}, "#"));
    vars.forEach(function (v) { head.appendChild(el("th", {}, "?" + v)); });
    t.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    rows.slice(0, cap).forEach(function (row, i) {
      var tr = el("tr");
      tr.appendChild(el("td", { "class": "num" }, String(i + 1)));
      vars.forEach(function (v) {
        var td = el("td", isNumeric(row[v]) ? { "class": "num" } : {});
        td.appendChild(termNode(row[v], prefixes, onGraph));
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    container.appendChild(t);
    if (!rows.length) container.appendChild(el("p", { "class": "none" }, "No results."));
  }

  /* A bar chart fits two-column results whose second column is numeric throughout. */
  function chartable(vars, rows) {
    return vars.length === 2 && rows.length > 0 && rows.every(function (r) { return isNumeric(r[vars[1]]); });
  }

  function barChart(container, vars, rows, prefixes, labels) {
    container.innerHTML = "";
    var data = rows.slice(0, 60).map(function (r) {
      var k = r[vars[0]], name = !k ? "(none)" : k.type === "uri" ? (labels[k.value] || compact(k.value, prefixes)) : k.value;
      return { name: name, value: parseFloat(r[vars[1]].value), term: k };
    });
    var max = Math.max.apply(null, data.map(function (d) { return d.value; }).concat([0]));
    var labelW = 260, barW = 520, rowH = 24, top = 30, width = labelW + barW + 90;
    var s = svg("svg", { width: width, height: top + rowH * data.length + 10, id: "chart-svg",
      role: "img", "aria-label": "bar chart of ?" + vars[1] + " by ?" + vars[0] });
    s.appendChild(svg("text", { x: labelW, y: 18, "font-size": 13, fill: "#5b6670" }, "?" + vars[1] + " by ?" + vars[0]));
    data.forEach(function (d, i) {
      var y = top + i * rowH, w = max > 0 ? Math.max(1, (d.value / max) * barW) : 1;
      var g = svg("g", { "class": "bar" });
      var name = d.name.length > 38 ? d.name.slice(0, 37) + "…" : d.name;
      var label = svg("text", { x: labelW - 8, y: y + 16, "text-anchor": "end", "font-size": 12 }, name);
      if (d.term && d.term.type === "uri") {
        var a = svg("a", { href: hrefFor(d.term.value) });
        a.appendChild(label);
        g.appendChild(a);
      } else g.appendChild(label);
      var rect = svg("rect", { x: labelW, y: y + 3, width: w, height: rowH - 6, fill: "#0b6e4f", rx: 2 });
      rect.appendChild(svg("title", {}, d.name + ": " + d.value));
      g.appendChild(rect);
      g.appendChild(svg("text", { x: labelW + w + 6, y: y + 16, "font-size": 12 }, String(d.value)));
      s.appendChild(g);
    });
    container.appendChild(s);
    if (rows.length > data.length) container.appendChild(el("p", { "class": "cap-msg" }, "Chart shows the first " + data.length + " rows."));
  }

  /* Parse N-Triples (what we ask the endpoint for on CONSTRUCT/DESCRIBE) into SPARQL-JSON-like terms. */
  function parseNTriples(text) {
    var triples = [];
    var term = /\s*(<[^>]*>|_:[^\s]+|"(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^<[^>]*>)?)/g;
    text.split("\n").forEach(function (line) {
      line = line.trim();
      if (!line || line.charAt(0) === "#") return;
      term.lastIndex = 0;
      var parts = [], m;
      while (parts.length < 3 && (m = term.exec(line)) !== null) parts.push(toTerm(m[1]));
      if (parts.length === 3) triples.push({ s: parts[0], p: parts[1], o: parts[2] });
    });
    return triples;
  }

  function unescapeNt(s) {
    return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})|\\(.)/g, function (_, u4, u8, c) {
      if (u4) return String.fromCharCode(parseInt(u4, 16));
      if (u8) return String.fromCodePoint(parseInt(u8, 16));
      return { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" }[c] || c;
    });
  }

  function toTerm(tok) {
    if (tok.charAt(0) === "<") return { type: "uri", value: unescapeNt(tok.slice(1, -1)) };
    if (tok.indexOf("_:") === 0) return { type: "bnode", value: tok.slice(2) };
    var end = tok.lastIndexOf('"'), t = { type: "literal", value: unescapeNt(tok.slice(1, end)) }, rest = tok.slice(end + 1);
    if (rest.charAt(0) === "@") t["xml:lang"] = rest.slice(1);
    else if (rest.indexOf("^^") === 0) t.datatype = rest.slice(3, -1);
    return t;
  }

  /* Force-directed layout, run to rest before drawing: simple, deterministic, no animation loop. */
  function layout(nodes, edges, width, height) {
    var n = nodes.length, cx = width / 2, cy = height / 2;
    nodes.forEach(function (d, i) {
      var a = (2 * Math.PI * i) / Math.max(1, n);
      d.x = cx + (width / 3) * Math.cos(a);
      d.y = cy + (height / 3) * Math.sin(a);
    });
    var k = Math.sqrt((width * height) / Math.max(1, n)) * 0.6;
    for (var it = 0; it < 300; it++) {
      var temp = (1 - it / 300) * 30;
      nodes.forEach(function (d) { d.dx = 0; d.dy = 0; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, dist = Math.sqrt(dx * dx + dy * dy) || 0.01;
          var f = (k * k) / dist;
          a.dx += (dx / dist) * f; a.dy += (dy / dist) * f;
          b.dx -= (dx / dist) * f; b.dy -= (dy / dist) * f;
        }
      }
      edges.forEach(function (e) {
        var dx = e.source.x - e.target.x, dy = e.source.y - e.target.y, dist = Math.sqrt(dx * dx + dy * dy) || 0.01;
        var f = (dist * dist) / k;
        e.source.dx -= (dx / dist) * f; e.source.dy -= (dy / dist) * f;
        e.target.dx += (dx / dist) * f; e.target.dy += (dy / dist) * f;
      });
      nodes.forEach(function (d) {
        d.dx += (cx - d.x) * 0.02 * k / 10; d.dy += (cy - d.y) * 0.02 * k / 10;  // gentle pull to the centre
        var len = Math.sqrt(d.dx * d.dx + d.dy * d.dy) || 0.01;
        d.x += (d.dx / len) * Math.min(len, temp);
        d.y += (d.dy / len) * Math.min(len, temp);
        d.x = Math.max(40, Math.min(width - 40, d.x));
        d.y = Math.max(20, Math.min(height - 20, d.y));
      });
    }
  }

  var CLASS_COLOURS = { Actor: "#b5473a", Organization: "#b5473a", Person: "#d9822b", Place: "#1f7a8c",
    Municipality: "#1f7a8c", Program: "#0b6e4f", Agreement: "#7a2b9e", Outcome: "#9a6700", Event: "#5a5fb0",
    SourceDocument: "#6b7177", Participation: "#a0a7ad" };

  /* Graph of triples (SPARQL-JSON terms). Literals become small leaf nodes; at most maxNodes nodes. */
  function graph(container, triples, prefixes, labels, focus) {
    container.innerHTML = "";
    var maxNodes = 120, nodes = [], byKey = {}, edges = [], types = {};
    triples.forEach(function (t) {
      if (t.p.value === "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" && t.o.type === "uri" && t.o.value.indexOf(ONT_NS) === 0) {
        types[t.s.value] = t.o.value.slice(ONT_NS.length);
      }
    });
    function node(term) {
      var key = term.type === "literal" ? "lit:" + edges.length + ":" + term.value : term.type + ":" + term.value;
      if (byKey[key]) return byKey[key];
      if (nodes.length >= maxNodes) return null;
      var label = term.type === "uri" ? (labels[term.value] || compact(term.value, prefixes)) : term.type === "bnode" ? "_:" + term.value.slice(0, 6) : term.value;
      var d = { key: key, term: term, label: label.length > 32 ? label.slice(0, 31) + "…" : label, full: label };
      byKey[key] = d;
      nodes.push(d);
      return d;
    }
    if (focus) node({ type: "uri", value: focus });
    triples.forEach(function (t) {
      // rdfs:label and altLabel literals clutter the picture; the node already shows its label.
      if (t.o.type === "literal" && /label$|altLabel$|#text$/i.test(t.p.value)) return;
      var s = node(t.s), o = node(t.o);
      if (s && o) edges.push({ source: s, target: o, label: compact(t.p.value, prefixes) });
    });
    if (!nodes.length) { container.appendChild(el("p", { "class": "none" }, "Nothing to draw.")); return; }
    var width = Math.max(700, Math.min(1200, container.clientWidth - 20 || 900)), height = Math.max(420, Math.min(900, 160 + nodes.length * 14));
    layout(nodes, edges, width, height);
    var s = svg("svg", { width: width, height: height, id: "graph-svg", viewBox: "0 0 " + width + " " + height });
    var defs = svg("defs");
    var marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 18, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" });
    marker.appendChild(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#9aa5ad" }));
    defs.appendChild(marker);
    s.appendChild(defs);
    edges.forEach(function (e) {
      var g = svg("g", { "class": "graph-edge" });
      g.appendChild(svg("line", { x1: e.source.x, y1: e.source.y, x2: e.target.x, y2: e.target.y, "marker-end": "url(#arrow)" }));
      if (edges.length <= 60) {
        g.appendChild(svg("text", { x: (e.source.x + e.target.x) / 2, y: (e.source.y + e.target.y) / 2 - 3, "text-anchor": "middle" }, e.label));
      }
      s.appendChild(g);
    });
    nodes.forEach(function (d) {
      var g = svg("g", { "class": "graph-node" }), lit = d.term.type === "literal";
      var colour = lit ? "#c9ced2" : CLASS_COLOURS[types[d.term.value]] || "#4b6f8c";
      var r = d.term.value === focus ? 11 : lit ? 4 : 7;
      g.appendChild(svg("circle", { cx: d.x, cy: d.y, r: r, fill: colour }));
      var text = svg("text", { x: d.x + r + 3, y: d.y + 4, fill: lit ? "#5b6670" : "#1d232a" }, d.label);
      g.appendChild(svg("title", {}, d.full + (d.term.type === "uri" ? "\n" + d.term.value : "")));
      if (d.term.type === "uri") {
        var a = svg("a", { href: hrefFor(d.term.value) });
        a.appendChild(text);
        g.appendChild(a);
      } else g.appendChild(text);
      s.appendChild(g);
    });
    container.appendChild(s);
    if (nodes.length >= maxNodes) container.appendChild(el("p", { "class": "cap-msg" }, "Graph shows the first " + maxNodes + " nodes."));
  }

  window.RikgViews = {
    table: table, chartable: chartable, barChart: barChart, graph: graph,
    parseNTriples: parseNTriples, compact: compact, hrefFor: hrefFor, el: el,
  };
})();
