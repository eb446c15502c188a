/* rikg SPARQL UI: wires the editor, the examples, the /sparql endpoint and the result views. */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("rikg-config").textContent);
  var E = window.RikgEditor, V = window.RikgViews;
  var $ = function (id) { return document.getElementById(id); };
  var editor = new E.Editor($("query"), $("highlight"), config.prefixes);
  var last = null;  // { kind, query, vars, rows, triples, focus }
  var runSeq = 0;

  var ACCEPT = {
    select: "application/sparql-results+json",
    graph: "application/n-triples",
  };
  var DOWNLOADS = {
    select: [["CSV", "text/csv", "csv"], ["TSV", "text/tab-separated-values", "tsv"], ["JSON", "application/sparql-results+json", "json"]],
    graph: [["Turtle", "text/turtle", "ttl"], ["N-Triples", "application/n-triples", "nt"], ["JSON-LD", "application/ld+json", "jsonld"]],
  };

  /* SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword outside comments, strings and IRIs. */
  function queryForm(text) {
    var bare = text.replace(/#[^\n]*/g, " ").replace(/<[^<>\s]*>/g, " ").replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, " ");
    var m = /\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(bare);
    return m ? m[1].toUpperCase() : "SELECT";
  }

  function post(query, accept) {
    return fetch(config.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": accept },
      body: "query=" + encodeURIComponent(query),
    }).then(function (resp) {
      if (resp.ok) return resp;
      return resp.text().then(function (body) {
        var err = new Error(body || resp.statusText);
        err.status = resp.status;
        throw err;
      });
    });
  }

  function setStatus(text) { $("status").textContent = text; }

  /* The parser counts lines of the query as sent; point at the user's own lines instead. */
  function userPosition(message, addedLines) {
    if (!addedLines) return message;
    return message.replace(/\b(at |line )?(\d+):(\d+)\b/, function (all, at, line, col) {
      var n = parseInt(line, 10) - addedLines;
      return n >= 1 ? (at || "") + n + ":" + col : all;
    });
  }

  function showError(err, addedLines) {
    var box = $("error");
    box.textContent = (err.status ? "Error " + err.status + ": " : "Error: ") + userPosition(err.message, addedLines);
    box.hidden = false;
  }

  function clearResults() {
    $("error").hidden = true;
    $("tabs").hidden = true;
    ["table", "chart", "graph"].forEach(function (v) { $("view-" + v).hidden = true; $("view-" + v).innerHTML = ""; });
    $("downloads").innerHTML = "";
  }

  /* Best labels of IRIs, for chart bars and graph nodes. Failure only costs prettiness. */
  function fetchLabels(iris) {
    iris = iris.filter(function (i, k) { return iris.indexOf(i) === k && !/[\s<>"{}|^`\\]/.test(i); }).slice(0, 300);
    if (!iris.length) return Promise.resolve({});
    var q = "SELECT ?x ?l WHERE { VALUES ?x { " + iris.map(function (i) { return "<" + i + ">"; }).join(" ") +
      " } ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l }";
    return post(q, ACCEPT.select).then(function (r) { return r.json(); }).then(function (json) {
      var rank = { "sr-latn": 0, "en": 1, "sr-cyrl": 2 }, best = {};
      json.results.bindings.forEach(function (b) {
        var lang = (b.l["xml:lang"] || "").toLowerCase(), r = lang in rank ? rank[lang] : 3, x = b.x.value;
        if (!best[x] || r < best[x].r) best[x] = { r: r, v: b.l.value };
      });
      var out = {};
      Object.keys(best).forEach(function (k) { out[k] = best[k].v; });
      return out;
    }).catch(function () { return {}; });
  }

  function showTab(view) {
    Array.prototype.forEach.call($("tabs").querySelectorAll("button"), function (b) {
      b.classList.toggle("active", b.getAttribute("data-view") === view);
    });
    ["table", "chart", "graph"].forEach(function (v) { $("view-" + v).hidden = v !== view; });
  }

  function enableTabs(available) {
    $("tabs").hidden = false;
    Array.prototype.forEach.call($("tabs").querySelectorAll("button"), function (b) {
      b.disabled = !available[b.getAttribute("data-view")];
    });
  }

  function renderDownloads(kind, query) {
    var box = $("downloads");
    box.innerHTML = "";
    DOWNLOADS[kind].forEach(function (d) {
      var b = V.el("button", { type: "button", "data-format": d[2] }, "⇩ " + d[0]);
      b.addEventListener("click", function () { download(query, d[1], d[2]); });
      box.appendChild(b);
    });
  }

  /* Downloads re-run the query in the chosen format, so the file is the endpoint's own serialisation. */
  function download(query, accept, ext) {
    post(query, accept).then(function (r) { return r.blob(); }).then(function (blob) {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "rikg-results." + ext;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }).catch(showError);
  }

  function showNeighbourhood(iri) {
    var q = "CONSTRUCT { <" + iri + "> ?p ?o . ?s ?q <" + iri + "> } WHERE { { <" + iri + "> ?p ?o } UNION { ?s ?q <" + iri + "> } } LIMIT 300";
    setStatus("Loading the neighbourhood of " + iri + " …");
    post(q, ACCEPT.graph).then(function (r) { return r.text(); }).then(function (nt) {
      var triples = V.parseNTriples(nt);
      return drawGraph(triples, iri).then(function () {
        $("tabs").querySelector('[data-view="graph"]').disabled = false;
        showTab("graph");
        setStatus(triples.length + " triples around " + V.compact(iri, config.prefixes));
      });
    }).catch(showError);
  }

  function drawGraph(triples, focus) {
    var iris = [];
    triples.forEach(function (t) { [t.s, t.o].forEach(function (x) { if (x.type === "uri") iris.push(x.value); }); });
    return fetchLabels(iris).then(function (labels) {
      $("view-graph").hidden = false;  // measure the real width
      V.graph($("view-graph"), triples, config.prefixes, labels, focus);
    });
  }

  function run() {
    var text = editor.value();
    var query = E.withPrefixes(text, config.prefixes);
    var addedLines = query.split("\n").length - text.split("\n").length;
    var form = queryForm(text);
    var kind = form === "CONSTRUCT" || form === "DESCRIBE" ? "graph" : "select";
    var seq = ++runSeq, t0 = performance.now();
    clearResults();
    $("run").disabled = true;
    setStatus("Running …");
    document.body.setAttribute("data-state", "running");
    updateShareLink(text, false);
    post(query, ACCEPT[kind]).then(function (resp) {
      return kind === "graph" ? resp.text() : resp.json();
    }).then(function (data) {
      if (seq !== runSeq) return;
      var ms = Math.round(performance.now() - t0);
      renderDownloads(kind, query);
      if (kind === "graph") return showGraphResult(data, query, ms);
      if (typeof data.boolean === "boolean") {
        last = { kind: "ask", query: query };
        setStatus("ASK answered in " + ms + " ms");
        enableTabs({ table: true });
        $("view-table").innerHTML = "";
        $("view-table").appendChild(V.el("p", { "class": "ask", id: "ask-result" }, data.boolean ? "true" : "false"));
        showTab("table");
        return;
      }
      return showSelectResult(data, query, ms);
    }).catch(function (err) {
      if (seq !== runSeq) return;
      setStatus("");
      showError(err, addedLines);
    }).then(function () {
      if (seq !== runSeq) return;
      $("run").disabled = false;
      document.body.setAttribute("data-state", $("error").hidden ? "done" : "error");
    });
  }

  function showSelectResult(data, query, ms) {
    var vars = data.head.vars || [], rows = data.results.bindings;
    last = { kind: "select", query: query, vars: vars, rows: rows };
    setStatus(rows.length.toLocaleString("en") + " result" + (rows.length === 1 ? "" : "s") + " in " + ms + " ms");
    V.table($("view-table"), vars, rows, config.prefixes, config.rowCap, showNeighbourhood);
    var canChart = V.chartable(vars, rows);
    enableTabs({ table: true, chart: canChart, graph: false });
    showTab("table");
    if (!canChart) return;
    var iris = rows.slice(0, 60).map(function (r) { return r[vars[0]]; }).filter(function (t) { return t && t.type === "uri"; })
      .map(function (t) { return t.value; });
    return fetchLabels(iris).then(function (labels) { V.barChart($("view-chart"), vars, rows, config.prefixes, labels); });
  }

  function showGraphResult(nt, query, ms) {
    var triples = V.parseNTriples(nt);
    var rows = triples.map(function (t) { return { subject: t.s, predicate: t.p, object: t.o }; });
    last = { kind: "graph", query: query, triples: triples };
    setStatus(triples.length.toLocaleString("en") + " triple" + (triples.length === 1 ? "" : "s") + " in " + ms + " ms");
    V.table($("view-table"), ["subject", "predicate", "object"], rows, config.prefixes, config.rowCap, showNeighbourhood);
    enableTabs({ table: true, chart: false, graph: triples.length > 0 });
    // A DESCRIBE of one IRI is centred on it.
    var m = /DESCRIBE\s+<([^>]+)>\s*$/i.exec(editor.value().trim());
    return drawGraph(triples, m ? m[1] : null).then(function () { showTab(triples.length ? "graph" : "table"); });
  }

  /* ---- share links: /#query=<urlencoded> (and ?query= on load) ---- */
  function updateShareLink(text, copy) {
    var url = location.origin + location.pathname + "#query=" + encodeURIComponent(text);
    history.replaceState(null, "", "#query=" + encodeURIComponent(text));
    var box = $("share-link");
    box.value = url;
    if (copy) {
      box.hidden = false;
      box.select();
      if (navigator.clipboard) navigator.clipboard.writeText(url).catch(function () {});
      setStatus("Link copied: it reopens this query.");
    }
  }

  function initialQuery() {
    var hash = new URLSearchParams(location.hash.replace(/^#/, "")), search = new URLSearchParams(location.search);
    var q = hash.get("query") || search.get("query");
    var runNow = (hash.get("run") || search.get("run")) === "1";
    return { query: q, run: runNow };
  }

  /* ---- sidebar: examples and prefixes ---- */
  function renderExamples() {
    var list = $("examples");
    if (!config.examples.length) { $("no-examples").hidden = false; return; }
    config.examples.forEach(function (ex) {
      var li = V.el("li"), b = V.el("button", { type: "button", "data-example": ex.name, title: ex.name + ".rq" });
      b.appendChild(V.el("span", { "class": "question" }, ex.question));
      b.appendChild(V.el("span", { "class": "name" }, ex.name + ".rq"));
      b.addEventListener("click", function () { editor.setValue(ex.query); run(); });
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  function renderPrefixes() {
    var list = $("prefix-list");
    list.style.cssText = "list-style:none;padding:0;font:12px var(--code);";
    Object.keys(config.prefixes).forEach(function (p) {
      var li = V.el("li", { title: config.prefixes[p] }, p + ":");
      list.appendChild(li);
    });
  }

  $("run").addEventListener("click", run);
  $("query").addEventListener("rikg-run", run);
  $("share").addEventListener("click", function () { updateShareLink(editor.value(), true); });
  Array.prototype.forEach.call($("tabs").querySelectorAll("button"), function (b) {
    b.addEventListener("click", function () { if (!b.disabled) showTab(b.getAttribute("data-view")); });
  });
  window.addEventListener("hashchange", function () {
    var init = initialQuery();
    if (init.query !== null && init.query !== editor.value()) editor.setValue(init.query);
  });

  /* Search box: names in any script or grammatical case, via /search (JSON); Enter opens the full page. */
  var searchSeq = 0;
  $("search-q").addEventListener("input", function () {
    var q = $("search-q").value.trim(), seq = ++searchSeq, list = $("search-results");
    if (q.length < 2) { list.textContent = ""; return; }
    fetch("/search?" + new URLSearchParams({ q: q, limit: "8" }), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (body) {
        if (seq !== searchSeq) return;  // a later keystroke has its own answer
        list.textContent = "";
        body.results.forEach(function (r) {
          var a = V.el("a", { href: r.url, title: r.types.join(", ") }, r.name);
          var li = V.el("li", {});
          li.appendChild(a);
          list.appendChild(li);
        });
      });
  });

  renderExamples();
  renderPrefixes();
  var init = initialQuery();
  editor.setValue(init.query !== null ? init.query : config.defaultQuery);
  document.body.setAttribute("data-state", "ready");
  if (init.run) run();

  window.rikgUI = { run: run, editor: editor, last: function () { return last; } };
})();
