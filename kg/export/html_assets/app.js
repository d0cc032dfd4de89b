// zhkg graph page: draws the embedded graph with vis-network; search, filters, highlight, side panel.
// Every text from the graph goes into the DOM as a text node (never innerHTML), so a name or
// sentence can never inject markup; vis-network tooltips get DOM elements for the same reason.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("zhkg-data").textContent);
  const N = D.nodes.length;
  // node row: [label, class, aliases, size, x, y, mentions, admin [code, level], degree, docs, evidence, iri, short label]
  // edge row: [from, to, kind, label, weight, [[sentence, doc, confidence]...]]
  const L = 0, CLS = 1, ALIASES = 2, SIZE = 3, X = 4, Y = 5, MENTIONS = 6, ADMIN = 7, DEGREE = 8, DOCS = 9, EV = 10, IRI = 11, SHORT = 12;
  const classOn = D.classes.map(() => true);
  const kindOn = D.kinds.map(() => true);
  // documents' dates (dcterms:date, "" when unknown): a range set in the side panel keeps the entities
  // mentioned in at least one document of that range
  const docDates = D.docDates || [];
  const dateRange = ["", ""];
  const inRange = (t) => !!t && (!dateRange[0] || t >= dateRange[0]) && (!dateRange[1] || t <= dateRange[1]);
  const dateOk = (i) => (!dateRange[0] && !dateRange[1]) || D.nodes[i][DOCS].some((d) => inRange(docDates[d]));
  const adj = Array.from({ length: N }, () => []);
  D.edges.forEach((e, j) => { adj[e[0]].push(j); adj[e[1]].push(j); });
  const shown = new Uint8Array(N);
  let shownCount = 0;
  const status = document.getElementById("status"), expandAll = document.getElementById("expand-all");

  function el(tag, cls, ...kids) {
    const x = document.createElement(tag);
    if (cls) x.className = cls;
    for (const k of kids) if (k !== null && k !== undefined && k !== "") x.append(k);
    return x;
  }
  const cls = (i) => D.classes[D.nodes[i][CLS]];   // [name, zh, colour, shape, symbol]
  const kind = (j) => D.kinds[D.edges[j][2]];     // [name, zh, colour]
  const kindText = (k) => k[1] + " (" + k[0] + ")";
  const docName = (d) => (d >= 0 ? D.docs[d] + (docDates[d] ? "（" + docDates[d] + "）" : "") : "");

  function evidenceList(evs, limit) {
    const box = el("div");
    for (const [s, d] of evs.slice(0, limit)) {
      box.append(el("div", "ev", D.sentences[s], d >= 0 ? el("span", "doc", " —《" + docName(d) + "》") : null));
    }
    return box;
  }

  // The division list's level (in Chinese: 省/市/县/乡镇/村) and code, one line each.
  function adminLines(n) {
    const [code, level] = n[ADMIN].length ? n[ADMIN] : ["", ""], out = [];
    if (level) out.push(el("div", "admin-level", "行政级别：" + level));
    if (code) out.push(el("div", "admin-code", "行政区划代码：" + code));
    return out;
  }

  function nodeTip(i) {
    const n = D.nodes[i], c = cls(i);
    const tip = el("div", "tip", el("b", null, n[L]), el("div", "muted", c[1] + " · " + c[0]));
    if (n[ALIASES].length) tip.append(el("div", null, "别名：" + n[ALIASES].join("、")));
    tip.append(...adminLines(n));
    tip.append(el("div", null, "提及 " + n[MENTIONS] + " 次 · 关系 " + n[DEGREE] + " 条"));
    if (n[DOCS].length) tip.append(el("div", "muted", "文档：" + n[DOCS].slice(0, 3).map((d) => "《" + docName(d) + "》").join(" ")));
    if (n[EV].length) tip.append(evidenceList(n[EV], 3));
    return tip;
  }

  function edgeTip(j) {
    const e = D.edges[j], k = kind(j);
    const head = D.nodes[e[0]][L] + " — " + (e[3] ? e[3] + " · " : "") + kindText(k) + " → " + D.nodes[e[1]][L];
    const tip = el("div", "tip", el("b", null, head));
    if (k[0] === "relatedTo") tip.append(el("div", "muted", "同句共现 " + e[4] + " 次 (co-occurrence weight)"));
    else tip.append(el("div", "muted", "证据 " + e[4] + " 条"), evidenceList(e[5], 3));
    return tip;
  }

  // A policy document is a small page (a landscape sheet), the same size whatever its title: vis-network's
  // "box" grows with the label and drew every title as a long blank bar at the overview.
  function drawSheet({ ctx, x, y, state, style }) {
    const w = style.size * 1.5, h = style.size * 1.1;
    return {
      drawNode() {
        ctx.beginPath();
        ctx.rect(x - w / 2, y - h / 2, w, h);
        ctx.fillStyle = style.color;
        ctx.fill();
        ctx.lineWidth = state.selected ? 2 : 1;
        ctx.strokeStyle = state.selected ? "#000" : "#8a8b10";
        ctx.stroke();
      },
      nodeDimensions: { width: w, height: h },
    };
  }

  function makeNode(i) {
    const n = D.nodes[i], c = cls(i), colour = c[2], sheet = c[3] === "custom";
    return { id: i, label: n[L], shape: c[3], ctxRenderer: sheet ? drawSheet : undefined,
             size: sheet ? Math.min(n[SIZE], 16) : n[SIZE], x: n[X], y: n[Y], title: nodeTip(i),
             borderWidth: c[0] === "Project" ? 3 : 1,
             color: { background: colour, border: c[0] === "Project" ? "#0b5f69" : colour,
                      highlight: { background: colour, border: "#000" } } };
  }

  function makeEdge(j) {
    const e = D.edges[j], k = kind(j), co = k[0] === "relatedTo";
    return { id: j, from: e[0], to: e[1], title: edgeTip(j),
             label: co ? undefined : e[3] || k[1],
             width: co ? Math.min(0.6 + 0.4 * Math.log2(e[4]), 3) : 1.5,
             arrows: co ? "" : "to",
             color: { color: k[2], highlight: k[2], opacity: co ? 0.7 : 1 }, font: { color: "#555" } };
  }

  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const nodeView = new vis.DataView(nodes, { filter: (n) => classOn[D.nodes[n.id][CLS]] && dateOk(n.id) });
  const edgeView = new vis.DataView(edges, {
    filter: (e) => { const r = D.edges[e.id]; return kindOn[r[2]] && classOn[D.nodes[r[0]][CLS]] && classOn[D.nodes[r[1]][CLS]]
                                                      && dateOk(r[0]) && dateOk(r[1]); },
  });

  // Adds nodes (and the edges between shown nodes) that are not on the page yet.
  function show(list) {
    const newNodes = [], newEdges = [], pending = new Set();
    for (const i of list) if (!shown[i]) { shown[i] = 1; shownCount++; newNodes.push(makeNode(i)); }
    for (const nn of newNodes) {
      for (const j of adj[nn.id]) {
        const e = D.edges[j], other = e[0] === nn.id ? e[1] : e[0];
        if (shown[other] && !pending.has(j) && !edges.get(j)) { pending.add(j); newEdges.push(makeEdge(j)); }
      }
    }
    nodes.add(newNodes);
    edges.add(newEdges);
    updateStatus();
  }

  const neighbours = (i) => adj[i].filter((j) => kindOn[D.edges[j][2]]).map((j) => (D.edges[j][0] === i ? D.edges[j][1] : D.edges[j][0]));
  const expand = (i) => show(neighbours(i));

  const container = document.getElementById("graph");
  show(D.initial);
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    layout: { improvedLayout: false },
    physics: { enabled: false },  // positions are computed (seeded) at build time
    nodes: { font: { face: D.font, size: 14, strokeWidth: 3, strokeColor: "#ffffff" }, scaling: { label: { drawThreshold: 1e9 } } },
    edges: { smooth: false, selectionWidth: 2, arrows: { to: { scaleFactor: 0.5 } },
             font: { face: D.font, size: 10, strokeWidth: 3, strokeColor: "#ffffff", align: "middle" } },
    interaction: { hover: false, tooltipDelay: 150, hideEdgesOnDrag: N > 2000, hideEdgesOnZoom: N > 2000, keyboard: false },
  });

  const zhkg = (window.zhkg = {
    data: D, total: N, network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    firstDraw: null, settled: null, selected: null,
    drawnNodes: () => network.body.nodeIndices.length,
    drawnEdges: () => network.body.edgeIndices.length,
  });
  network.once("afterDrawing", () => {
    // no physics: the first draw is also the settled layout
    zhkg.firstDraw = zhkg.settled = performance.now();
  });

  // ---- highlight and side panel -------------------------------------------------------------
  // Highlighting draws instead of restyling: after vis-network has drawn the graph, a translucent
  // white layer fades it and the neighbourhood is drawn again on top. Restyling every other node
  // through the DataSet took most of a second at 5,000 nodes; this costs only the neighbourhood.
  let focus = null;  // { nodes, edges } of the highlighted neighbourhood
  zhkg.highlighted = [];

  function highlight(i) {
    const es = adj[i].filter((j) => kindOn[D.edges[j][2]]);
    focus = { nodes: [...new Set([i, ...neighbours(i)])], edges: es };
    zhkg.highlighted = focus.nodes;
    network.redraw();
  }

  function clearHighlight() {
    focus = null;
    zhkg.highlighted = [];
    zhkg.selected = null;
    setPanel(false);
    network.redraw();
  }

  // The panel takes room from the graph: resize the canvas now, not at vis-network's next size
  // check a second later, so the view is not stretched and focus() centres in the final frame.
  function setPanel(visible) {
    if (panel.hidden === !visible) return;
    panel.hidden = !visible;
    network.setSize("100%", "100%");
  }

  network.on("afterDrawing", (ctx) => {
    const body = network.body;
    if (focus) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = "rgba(255, 255, 255, 0.82)";
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
      // nodes or edges hidden by a filter are not in body, or not connected
      for (const j of focus.edges) {
        const e = body.edges[j];
        if (e && e.connected) { e.draw(ctx); e.drawArrows(ctx); }
      }
      for (const i of focus.nodes) if (body.nodes[i]) body.nodes[i].draw(ctx);
    }
    markRoot(ctx);
    drawLabels(ctx);
  });

  // ---- labels -------------------------------------------------------------------------------
  // vis-network draws a label on every node or on none (below a zoom threshold), so a whole graph
  // opened as an unlabelled hairball. The page draws the labels itself, in screen pixels, in the
  // page's own order (D.rank: nearest the focus, then most relations and mentions): each where it
  // overlaps no label already drawn, up to a number the window holds. The first view shows the
  // most central entities by name; zooming in makes room for more; the tooltip names every node.
  // With a highlighted neighbourhood, the selected entity comes first, then its neighbours by degree.
  // zhkg.labelBoxes records what was drawn (DOM pixels of the canvas).
  const LABEL_PX = 12, LABEL_GAP = 3;
  const labelWidth = new Float32Array(N);   // measured once per node
  const rankOf = new Uint32Array(N);
  (D.rank || D.nodes.map((_, i) => i)).forEach((i, r) => { rankOf[i] = r; });
  const byRank = (D.rank || D.nodes.map((_, i) => i));
  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  zhkg.labelBoxes = [];

  function labelOrder() {
    if (!focus) return byRank;
    const sel = zhkg.selected, rest = focus.nodes.filter((i) => i !== sel);
    rest.sort((a, b) => D.nodes[b][DEGREE] - D.nodes[a][DEGREE] || rankOf[a] - rankOf[b]);
    return sel === null ? rest : [sel, ...rest];
  }

  function drawLabels(ctx) {
    const body = network.body, canvas = ctx.canvas, ratio = canvas.width / canvas.clientWidth;
    const w = canvas.clientWidth, h = canvas.clientHeight, scale = network.getScale();
    const cap = Math.max(12, Math.min(focus ? 90 : 60, Math.round((w * h) / 18000)));
    const placed = [], boxes = [];
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    for (const i of labelOrder()) {
      if (boxes.length >= cap) break;
      const n = body.nodes[i];
      if (!n) continue;   // not drawn yet, or hidden by a filter
      const strong = i === zhkg.selected || i === D.focus;
      ctx.font = (strong ? "bold " : "") + LABEL_PX + "px " + D.font;
      const tw = strong ? ctx.measureText(D.nodes[i][SHORT]).width
        : labelWidth[i] || (labelWidth[i] = ctx.measureText(D.nodes[i][SHORT]).width);
      const p = network.canvasToDOM({ x: n.x, y: n.y }), r = (n.shape.height || 2 * n.options.size) * scale / 2;
      const box = { left: p.x - tw / 2, top: p.y + r + 1, right: p.x + tw / 2, bottom: p.y + r + 2 + LABEL_PX };
      if (box.right < 0 || box.left > w || box.bottom < 0 || box.top > h) continue;
      const padded = { left: box.left - LABEL_GAP, top: box.top - LABEL_GAP, right: box.right + LABEL_GAP, bottom: box.bottom + LABEL_GAP };
      if (placed.some((q) => overlaps(q, padded))) continue;
      placed.push(padded);
      boxes.push({ id: i, left: box.left, top: box.top, right: box.right, bottom: box.bottom });
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
      ctx.strokeText(D.nodes[i][SHORT], box.left, box.top);
      ctx.fillStyle = strong ? "#000" : "#222";
      ctx.fillText(D.nodes[i][SHORT], box.left, box.top);
    }
    ctx.restore();
    zhkg.labelBoxes = boxes;
  }

  // The entity a --focus page is centred on wears a ring, selected or not.
  function markRoot(ctx) {
    const n = D.focus === null || D.focus === undefined ? null : network.body.nodes[D.focus];
    if (!n) return;
    const r = (n.shape.height || 2 * n.options.size) / 2 + 6;
    ctx.save();
    ctx.beginPath();
    ctx.arc(n.x, n.y, r, 0, 2 * Math.PI);
    ctx.lineWidth = 4 / Math.max(network.getScale(), 0.25);
    ctx.strokeStyle = "#d62728";
    ctx.stroke();
    ctx.restore();
  }

  const panel = document.getElementById("panel");
  function link(i) {
    const a = el("a", null, D.nodes[i][L]);
    a.title = cls(i)[1] + " · " + cls(i)[0];
    a.addEventListener("click", () => focusNode(i));
    return a;
  }

  function showPanel(i) {
    const n = D.nodes[i], c = cls(i);
    panel.replaceChildren(el("h2", null, n[L]), el("div", "muted", c[4] + " " + c[1] + " · " + c[0]));
    if (n[ALIASES].length) panel.append(el("div", null, "别名：" + n[ALIASES].join("、")));
    panel.append(...adminLines(n));
    panel.append(el("div", null, "提及 " + n[MENTIONS] + " 次"));
    if (n[DOCS].length) {
      panel.append(el("h3", null, "文档"));
      const ul = el("ul");
      for (const d of n[DOCS]) ul.append(el("li", null, "《" + docName(d) + "》"));
      panel.append(ul);
    }
    const typed = adj[i].filter((j) => kind(j)[0] !== "relatedTo");
    const co = adj[i].filter((j) => kind(j)[0] === "relatedTo").sort((a, b) => D.edges[b][4] - D.edges[a][4] || a - b);
    if (typed.length) {
      panel.append(el("h3", null, "关系 (" + typed.length + ")"));
      const ul = el("ul");
      for (const j of typed) {
        const e = D.edges[j], k = kind(j), out = e[0] === i;
        const rel = el("span", null, (out ? "→ " : "← ") + (e[3] ? e[3] + " · " : "") + k[1] + " ");
        rel.title = k[0];
        const li = el("li", null, rel, link(out ? e[1] : e[0]), el("span", "muted", " 证据 " + e[4] + " 条"));
        li.append(evidenceList(e[5], 5));
        ul.append(li);
      }
      panel.append(ul);
    }
    if (co.length) {
      panel.append(el("h3", null, "共现 (" + co.length + ")"));
      const ul = el("ul");
      for (const j of co.slice(0, 30)) {
        const e = D.edges[j];
        ul.append(el("li", null, link(e[0] === i ? e[1] : e[0]), el("span", "muted", " ×" + e[4])));
      }
      panel.append(ul);
    }
    const more = neighbours(i).filter((m) => !shown[m]).length;
    if (more) {
      const b = el("button", null, "展开 " + more + " 个邻居");
      b.type = "button";
      b.addEventListener("click", () => { expand(i); showPanel(i); });
      panel.append(el("p", null, b));
    }
    setPanel(true);
  }

  function select(i) {
    zhkg.selected = i;
    network.selectNodes([i]);
    highlight(i);
    showPanel(i);
  }

  function focusNode(i) {
    if (!classOn[D.nodes[i][CLS]]) setClass(D.nodes[i][CLS], true);
    show([i]);
    select(i);
    network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
  }

  network.on("click", (p) => {
    if (p.nodes.length) select(p.nodes[0]);
    else if (!p.edges.length) { network.unselectAll(); clearHighlight(); }
  });
  network.on("doubleClick", (p) => { if (p.nodes.length) { expand(p.nodes[0]); select(p.nodes[0]); } });

  // ---- filters (also the legend) ------------------------------------------------------------
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
  }
  const classBoxes = [];
  function setClass(c, on) {
    classOn[c] = on;
    classBoxes[c].checked = on;
    refresh();
  }
  const classCount = D.classes.map(() => 0);
  D.nodes.forEach((n) => classCount[n[CLS]]++);
  const kindCount = D.kinds.map(() => 0);
  D.edges.forEach((e) => kindCount[e[2]]++);

  function filterRow(box, sample, text, english, count) {
    const row = el("label", null, box, sample, el("span", null, text), el("span", "count", String(count)));
    row.title = english;
    return row;
  }
  const classFilters = document.getElementById("class-filters");
  D.classes.forEach((c, ci) => {
    if (!classCount[ci]) return;
    const box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.cls = c[0];
    box.addEventListener("change", () => setClass(ci, box.checked));
    classBoxes[ci] = box;
    const sym = el("span", "sym", c[4]);
    sym.style.color = c[2];
    classFilters.append(filterRow(box, sym, c[1], c[0], classCount[ci]));
  });
  const kindFilters = document.getElementById("kind-filters");
  D.kinds.forEach((k, ki) => {
    if (!kindCount[ki]) return;
    const box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = k[0];
    box.addEventListener("change", () => { kindOn[ki] = box.checked; refresh(); });
    const line = el("span", "line");
    line.style.background = k[2];
    kindFilters.append(filterRow(box, line, k[1], k[0], kindCount[ki]));
  });

  // ---- date range (shown only when some document has a date) ----------------------------------
  // Text fields, not <input type=date>: that shows the browser's own "mm/dd/yyyy" in a Chinese page.
  // They take 2024-01-05, 2024-1-5, 2024/01/05, 2024年1月5日, or a month or year (its first or last day).
  function parseDay(text, end) {
    const t = text.normalize("NFKC").trim();
    if (!t) return "";
    const m = t.match(/^(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?|\s*月)?)?\s*年?$/);
    if (!m) return null;
    const y = +m[1], mo = m[2] ? +m[2] : end ? 12 : 1;
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const d = m[3] ? +m[3] : end ? last : 1;
    if (mo < 1 || mo > 12 || d < 1 || d > last) return null;
    return m[1] + "-" + String(mo).padStart(2, "0") + "-" + String(d).padStart(2, "0");
  }
  zhkg.parseDay = parseDay;
  const dateFilter = document.getElementById("date-filter");
  if (dateFilter && docDates.some((t) => t)) {
    const from = document.getElementById("date-from"), to = document.getElementById("date-to");
    const known = docDates.filter((t) => t).sort();
    from.placeholder = "起始日期，如 " + known[0];
    to.placeholder = "截止日期，如 " + known[known.length - 1];
    const onDate = () => {
      const a = parseDay(from.value, false), b = parseDay(to.value, true);
      from.classList.toggle("bad", a === null);
      to.classList.toggle("bad", b === null);
      if (a === null || b === null) return;
      dateRange[0] = a; dateRange[1] = b; refresh();
    };
    from.addEventListener("change", onDate);
    to.addEventListener("change", onDate);
    dateFilter.hidden = false;
  }
  zhkg.setDates = (a, b) => { dateRange[0] = a || ""; dateRange[1] = b || ""; refresh(); return nodeView.length; };

  // ---- search by label or alias -------------------------------------------------------------
  const fold = (s) => s.normalize("NFKC").replace(/[\s\u3000“”"'‘’「」『』《》〈〉]/g, "").toLowerCase();
  const names = D.nodes.map((n) => [n[L], ...n[ALIASES]].map(fold));
  function search(q, limit) {
    const f = fold(q);
    if (!f) return [];
    const found = [];
    for (let i = 0; i < N; i++) {
      let rank = 3;
      for (const name of names[i]) {
        rank = Math.min(rank, name === f ? 0 : name.startsWith(f) ? 1 : name.includes(f) ? 2 : 3);
      }
      if (rank < 3) found.push([rank, i]);
    }
    const n = D.nodes;
    found.sort((a, b) => a[0] - b[0] || n[b[1]][DEGREE] - n[a[1]][DEGREE] || n[b[1]][MENTIONS] - n[a[1]][MENTIONS] || a[1] - b[1]);
    return found.slice(0, limit || 12).map((x) => x[1]);
  }
  zhkg.search = search;
  zhkg.openPanel = (i) => { show([i]); select(i); };   // the map tab's places open the same panel
  zhkg.focus = focusNode;
  zhkg.expand = expand;
  zhkg.clear = () => { network.unselectAll(); clearHighlight(); };

  const q = document.getElementById("q"), hits = document.getElementById("hits");
  let results = [], active = 0;
  function renderHits() {
    hits.replaceChildren(...results.map((i, r) => {
      const li = el("li", r === active ? "active" : null, D.nodes[i][L], " ", el("span", "cls", cls(i)[1]));
      const alias = D.nodes[i][ALIASES];
      if (alias.length) li.append(el("div", "cls", alias.slice(0, 4).join("、")));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(i); });
      return li;
    }));
    hits.hidden = results.length === 0;
  }
  function pick(i) {
    hits.hidden = true;
    q.value = D.nodes[i][L];
    focusNode(i);
  }
  q.addEventListener("input", () => { results = search(q.value); active = 0; renderHits(); });
  q.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      active = (active + (ev.key === "ArrowDown" ? 1 : results.length - 1)) % Math.max(results.length, 1);
      renderHits();
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      if (!results.length) results = search(q.value);
      if (results.length) pick(results[active] ?? results[0]);
    } else if (ev.key === "Escape") {
      hits.hidden = true;
    }
  });
  q.addEventListener("blur", () => { hits.hidden = true; });

  // ---- graph.html#IRI: the query page's links open an entity -------------------------------
  const byIri = new Map(D.nodes.map((n, i) => [D.base + n[IRI], i]));
  zhkg.iri = (i) => D.base + D.nodes[i][IRI];
  function openFromHash() {
    const h = location.hash.slice(1);
    if (!h) return;
    let iri;
    try { iri = decodeURIComponent(h); } catch (e) { return; }
    const i = byIri.get(iri);
    if (i === undefined) status.textContent = "此页面没有该实体：" + iri;
    else focusNode(i);
  }
  window.addEventListener("hashchange", openFromHash);
  // a --focus page opens with its entity selected (its neighbourhood highlighted and labelled)
  network.once("afterDrawing", () => setTimeout(() => {
    if (D.focus !== null && D.focus !== undefined && !location.hash) select(D.focus);
    openFromHash();
  }, 0));

  // ---- header -------------------------------------------------------------------------------
  document.getElementById("title").textContent = D.title;
  const note = document.getElementById("note");
  if (note) { note.textContent = D.note || ""; note.hidden = !D.note; }
  function updateStatus() {
    status.textContent = "显示 " + shownCount + " / " + N + " 个实体" + (shownCount < N ? " · 双击节点展开邻居" : "");
    expandAll.hidden = shownCount >= N;
  }
  updateStatus();
  expandAll.addEventListener("click", () => show(D.nodes.map((_, i) => i)));
  document.getElementById("fit").addEventListener("click", () => network.fit({ animation: false }));
})();
