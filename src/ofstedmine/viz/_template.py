"""The text of the interactive theme graph page: its stylesheet, its script and the
page around them.

:data:`PAGE` is filled with :meth:`str.format` by
:func:`ofstedmine.viz.graph_html.interactive_graph_html`; every value put into it
is escaped (or trusted markup built there) before it is. :data:`JS` is hashed for
the page's Content-Security-Policy, so any change to it changes the hash.
"""

from __future__ import annotations

__all__ = ["CSS", "JS", "PAGE"]

#: The page's inline stylesheet.
CSS = """
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fff}
header{padding:12px 20px;border-bottom:1px solid #ddd}
header h1{font-size:20px;margin:0 0 4px}
.controls{display:flex;flex-wrap:wrap;gap:16px;align-items:center;padding:8px 20px;background:#f7f7f7;border-bottom:1px solid #ddd}
.controls label{white-space:nowrap}
main{display:flex;align-items:flex-start}
#canvas{flex:1 1 auto;overflow:auto}
#details{flex:0 0 360px;max-height:100vh;overflow:auto;padding:12px 16px;border-left:1px solid #ddd;font-size:13px;position:sticky;top:0}
#details h2{font-size:16px;margin:0 0 8px}
#details blockquote{margin:4px 0 8px;padding:4px 8px;border-left:3px solid #ccc;background:#fafafa}
#details .concern{border-left-color:#c0392b}#details .strength{border-left-color:#2166ac}#details .mixed{border-left-color:#7b3294}
svg text{font-size:10px;fill:#333}
svg text.lane{font-size:12px;font-weight:600}svg text.group{font-size:11px;fill:#777;font-style:italic}
svg text.year{fill:#999}svg line.year{stroke:#eee}svg line.lane{stroke:#ddd}
svg .nlabel,svg .tlabel{text-anchor:middle;pointer-events:none}
svg .node{cursor:pointer}svg .node circle,svg .node rect{stroke:#333;stroke-width:1}
svg .edge{fill:none;opacity:.35}svg line.edge.next{stroke:#888;stroke-width:1.5;opacity:.8}
svg line.edge.quotes{stroke:#444;stroke-dasharray:3 3}
svg .hidden{display:none}svg .faded{opacity:.15}
svg.focus .edge{opacity:.06}svg.focus .node{opacity:.25}
svg.focus .edge.hl{opacity:.9}svg.focus .node.hl{opacity:1}
#tip{position:fixed;pointer-events:none;background:#fff;border:1px solid #999;border-radius:4px;padding:6px 8px;font-size:12px;max-width:340px;box-shadow:0 2px 6px rgba(0,0,0,.2);display:none;z-index:10}
.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;border-radius:50%}
"""

#: The page's only script: tooltips, the evidence panel, the time slider and filters.
#: It writes text with ``textContent`` only and links only ``http(s)`` URLs.
JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var svg = document.getElementById("graph");
  var tip = document.getElementById("tip");
  var panel = document.getElementById("details");
  var slider = document.getElementById("time");
  var sliderLabel = document.getElementById("time-label");
  var authSel = document.getElementById("authority");
  var polBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-polarity]"));
  var nodes = {}, edges = {}, nodeEls = {}, adj = {};
  data.nodes.forEach(function (n) { nodes[n.id] = n; adj[n.id] = []; });
  data.edges.forEach(function (e) {
    edges[e.id] = e;
    if (adj[e.source]) adj[e.source].push(e);
    if (adj[e.target]) adj[e.target].push(e);
  });
  Array.prototype.forEach.call(svg.querySelectorAll("[data-node]"), function (el) {
    nodeEls[el.getAttribute("data-node")] = el;
  });
  var edgeEls = Array.prototype.slice.call(svg.querySelectorAll("[data-edge]"));

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = String(text);
    if (cls) x.className = cls;
    return x;
  }
  function safeHref(url) { return /^https?:\/\//i.test(url || "") ? url : null; }
  function describe(n) {
    var lines = [n.label];
    if (n.type === "theme") {
      if (n.group) lines.push("group: " + n.group);
      lines.push("raised in " + (n.n_documents || 0) + " document(s)");
    } else {
      lines.push((n.kind || "") + (n.date ? ", " + n.date : ""));
      if (n.overall) lines.push("overall: " + n.overall.replace(/_/g, " "));
      lines.push(n.text_held ? "text held" : "date only: no text held");
    }
    return lines;
  }
  function update() {
    var cutoff = data.dates.length ? data.dates[+slider.value] : null;
    sliderLabel.textContent = cutoff ? "up to " + cutoff : "";
    var auth = authSel ? authSel.value : "";
    var pols = {};
    polBoxes.forEach(function (b) { pols[b.getAttribute("data-polarity")] = b.checked; });
    var vis = {};
    data.nodes.forEach(function (n) {
      var ok = true;
      if (n.type !== "theme") {
        if (auth && n.authority !== auth) ok = false;
        if (cutoff && n.date && n.date > cutoff) ok = false;
      }
      vis[n.id] = ok;
    });
    var live = {};
    edgeEls.forEach(function (x) {
      var e = edges[x.getAttribute("data-edge")];
      var show = !!(vis[e.source] && vis[e.target]);
      if (e.type === "raises") {
        show = show && pols[e.lean] !== false;
        if (show) live[e.target] = true;
      }
      x.classList.toggle("hidden", !show);
    });
    data.nodes.forEach(function (n) {
      var x = nodeEls[n.id];
      if (!x) return;
      if (n.type === "theme") x.classList.toggle("faded", !live[n.id]);
      else x.classList.toggle("hidden", !vis[n.id]);
    });
  }
  function highlight(id) {
    svg.classList.add("focus");
    nodeEls[id].classList.add("hl");
    adj[id].forEach(function (e) {
      var x = svg.querySelector('[data-edge="' + e.id + '"]');
      if (x) x.classList.add("hl");
      [e.source, e.target].forEach(function (m) { if (nodeEls[m]) nodeEls[m].classList.add("hl"); });
    });
  }
  function unhighlight() {
    svg.classList.remove("focus");
    Array.prototype.forEach.call(svg.querySelectorAll(".hl"), function (x) { x.classList.remove("hl"); });
  }
  function evidenceList(parent, e) {
    (e.evidence || []).forEach(function (ev) {
      var q = el("blockquote", null, ev.polarity || "");
      q.appendChild(el("span", ev.quote));
      var meta = el("div", null, "meta");
      meta.appendChild(el("small", (ev.polarity || "") + (ev.source === "recommendation" ? " (recommendation)" : "") + " "));
      if (ev.page) {
        var href = safeHref(ev.href);
        if (href) {
          var a = el("a", "p. " + ev.page);
          a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
          meta.appendChild(a);
        } else meta.appendChild(el("small", "p. " + ev.page));
      }
      q.appendChild(meta);
      parent.appendChild(q);
    });
    if (e.more) parent.appendChild(el("p", "… and " + e.more + " more"));
  }
  function show(id) {
    var n = nodes[id];
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    panel.appendChild(el("h2", n.label));
    describe(n).slice(1).forEach(function (l) { panel.appendChild(el("div", l)); });
    if (n.note) panel.appendChild(el("p", n.note));
    if (n.themes && n.themes.length) panel.appendChild(el("p", "themes: " + n.themes.join("; ")));
    var href = safeHref(n.url);
    if (href) {
      var a = el("a", "source");
      a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
      panel.appendChild(a);
    }
    var raises = adj[id].filter(function (e) { return e.type === "raises"; });
    raises.sort(function (a, b) {
      var da = (nodes[a.source].date || ""), db = (nodes[b.source].date || "");
      return da < db ? -1 : da > db ? 1 : 0;
    });
    raises.forEach(function (e) {
      var other = nodes[n.type === "theme" ? e.source : e.target];
      var h = el("h3", other.label + " (" + (e.concern || 0) + " concern, " + (e.strength || 0) + " strength, " + (e.count || 0) + " finding(s), " + (e.recommendations || 0) + " recommendation(s))");
      h.style.fontSize = "13px";
      panel.appendChild(h);
      evidenceList(panel, e);
    });
  }
  Object.keys(nodeEls).forEach(function (id) {
    var x = nodeEls[id];
    x.addEventListener("mouseenter", function (ev) {
      while (tip.firstChild) tip.removeChild(tip.firstChild);
      describe(nodes[id]).forEach(function (l, i) { tip.appendChild(el(i ? "div" : "strong", l)); });
      tip.style.display = "block";
      tip.style.left = (ev.clientX + 14) + "px";
      tip.style.top = (ev.clientY + 14) + "px";
      highlight(id);
    });
    x.addEventListener("mouseleave", function () { tip.style.display = "none"; unhighlight(); });
    x.addEventListener("click", function () { show(id); });
    x.addEventListener("keydown", function (ev) { if (ev.key === "Enter") show(id); });
  });
  slider.addEventListener("input", update);
  if (authSel) authSel.addEventListener("change", update);
  polBoxes.forEach(function (b) { b.addEventListener("change", update); });
  update();
  document.body.setAttribute("data-ready", "1");
})();
"""

#: The page, with the fields ``csp``, ``heading`` (escaped), ``css``, ``n_docs``,
#: ``n_events``, ``n_themes``, ``grades``, ``time_max``, ``auth_control``,
#: ``pol_controls``, ``svg``, ``data`` (JSON safe inside ``<script>``) and ``script``.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ofstedmine">
<title>{heading}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{heading}</h1>
<div>{n_docs} documents (circles, coloured by overall grade), {n_events} dated events with no
text held (hollow diamonds), {n_themes} themes (below, by group, placed under the years they
were raised as concerns). Edges from red (only concern) through purple (both) to blue (only
strength). Hover for details; click for the evidence with page links.
<span class="legend">{grades}</span></div>
<div><small>Source documents: Ofsted, Crown copyright, Open Government Licence v3.0.</small></div>
</header>
<div class="controls">
<label>time <input id="time" type="range" min="0" max="{time_max}" value="{time_max}" step="1"></label>
<span id="time-label"></span>
{auth_control}
{pol_controls}
</div>
<main>
<div id="canvas">{svg}</div>
<aside id="details"><h2>Details</h2><p>Click a document, event or theme.</p></aside>
</main>
<div id="tip"></div>
<script type="application/json" id="graph-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
