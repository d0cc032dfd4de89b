// zhkg map tab: China drawn from the page's own county points (no tiles, no network), the graph's
// places as circles sized by mentions, coloured by a chosen programme; a slider plays the reports in
// order; a click opens the graph page's side panel. Positions come projected (Albers, km) from the
// page data; this file only scales them to the canvas and draws.
"use strict";
(function () {
  const Z = window.zhkg, D = Z && Z.data, M = D && D.map;
  if (!M) return;   // no place with a point: the page has no map tab
  const NODE = 0, PX = 1, PY = 2, MENT = 3, APPROX = 4, PROGS = 5, PDOCS = 6;
  const P = M.places, n = P.length;
  const $ = (id) => document.getElementById(id);
  const box = $("map"), graphBox = $("graph"), canvas = $("map-canvas"), ctx = canvas.getContext("2d");
  const radius = P.map((p) => Math.min(2.5 + 1.7 * Math.sqrt(p[MENT]), 24));
  // draw big circles first so small ones stay clickable on top
  const order = P.map((_, i) => i).sort((a, b) => radius[b] - radius[a] || a - b);
  const label = (i) => D.nodes[P[i][NODE]][12] || D.nodes[P[i][NODE]][0];   // the short label (app.js SHORT)
  let s = 1, ox = 0, oy = 0, W = 0, H = 0, dpr = 1;
  let chosen = null;                 // Uint8Array over places implementing the chosen programme(s), or null
  let step = M.docOrder.length;      // documents 0..step-1 of docOrder are "published"
  const seen = new Uint16Array(n);   // per place: the earliest step (1-based) it is mentioned at
  const rankDoc = new Map(M.docOrder.map((d, k) => [d, k + 1]));
  // a place only in documents outside the slider (the division list) is there from the start
  P.forEach((p, i) => { seen[i] = p[PDOCS].length ? Math.min(...p[PDOCS].map((d) => rankDoc.get(d) || 1)) : 1; });
  const visible = (i) => seen[i] <= step;

  const sx = (x) => x * s + ox, sy = (y) => -y * s + oy;
  function fitTo(xs, ys, pad) {
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    s = Math.min((W - 2 * pad) / Math.max(x1 - x0, 50), (H - 2 * pad) / Math.max(y1 - y0, 50));
    ox = W / 2 - s * (x0 + x1) / 2;
    oy = H / 2 + s * (y0 + y1) / 2;
  }
  const cx = M.counties.filter((_, k) => k % 2 === 0), cy = M.counties.filter((_, k) => k % 2 === 1);
  const fitChina = () => fitTo(cx, cy, 20);
  const fitPlaces = () => fitTo(P.map((p) => p[PX]), P.map((p) => p[PY]), 60);

  function resize() {
    dpr = window.devicePixelRatio || 1;
    const r = canvas.getBoundingClientRect();
    const first = !W;
    // keep the centre of the view where it was when the side panel takes or gives back room
    if (!first && r.width && r.height) { ox += (r.width - W) / 2; oy += (r.height - H) / 2; }
    W = r.width; H = r.height;
    canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);
    if (first && W) fitChina();
    const i = Z.mapSelected;   // the place just clicked stays in view when the panel opens
    if (i !== undefined && i !== null && i >= 0 && (sx(P[i][PX]) < 20 || sx(P[i][PX]) > W - 20 || sy(P[i][PY]) < 20 || sy(P[i][PY]) > H - 20)) {
      ox += W / 2 - sx(P[i][PX]); oy += H / 2 - sy(P[i][PY]);
    }
    draw();
  }

  function draw() {
    if (!W) return;
    const t0 = performance.now();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, W, H);
    ctx.fillStyle = "#9ea8b3";   // the country: every county a faint dot
    const c = M.counties, d = Math.max(2, Math.min(3, s * 6));
    for (let k = 0; k < c.length; k += 2) ctx.fillRect(sx(c[k]) - d / 2, sy(c[k + 1]) - d / 2, d, d);
    let shown = 0, hit = 0;
    // the places implementing the chosen programme are drawn last, over the others
    for (const i of chosen ? [...order.filter((k) => !chosen[k]), ...order.filter((k) => chosen[k])] : order) {
      if (!visible(i)) continue;
      shown++;
      const on = chosen && chosen[i];
      if (on) hit++;
      ctx.beginPath();
      ctx.arc(sx(P[i][PX]), sy(P[i][PY]), radius[i], 0, 2 * Math.PI);
      ctx.fillStyle = on ? "rgba(255, 127, 14, 0.85)" : chosen ? "rgba(31, 119, 180, 0.25)" : "rgba(31, 119, 180, 0.6)";
      ctx.fill();
      ctx.setLineDash(P[i][APPROX] ? [2, 2] : []);   // a township drawn at its county's point
      ctx.lineWidth = i === Z.mapSelected ? 3 : 1;
      ctx.strokeStyle = i === Z.mapSelected ? "#000" : "#fff";
      ctx.stroke();
    }
    ctx.setLineDash([]);
    drawLabels();
    api.drawTime = performance.now() - t0;
    api.shown = shown;
    api.coloured = hit;
    $("map-status").textContent = "地图显示 " + shown + " 个地区" + (chosen ? "，其中 " + hit + " 个实施所选政策项目" : "")
      + (M.unplaced ? "；" + M.unplaced + " 个地区无坐标，未画出" : "") + " · 灰点：全国各县";
  }

  // the biggest places by mentions are named, each where it overlaps no name already drawn
  function drawLabels() {
    ctx.font = "12px " + D.font;
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    const placed = [];
    for (const i of order) {
      if (placed.length >= 30) break;
      if (!visible(i)) continue;
      const t = label(i), w = ctx.measureText(t).width, x = sx(P[i][PX]) - w / 2, y = sy(P[i][PY]) + radius[i] + 1;
      const b = { l: x - 2, t: y - 2, r: x + w + 2, b: y + 14 };
      if (b.r < 0 || b.l > W || b.b < 0 || b.t > H || placed.some((q) => q.l < b.r && b.l < q.r && q.t < b.b && b.t < q.b)) continue;
      placed.push(b);
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,.9)"; ctx.strokeText(t, x, y);
      ctx.fillStyle = "#222"; ctx.fillText(t, x, y);
    }
    api.labels = placed.length;
  }

  function placeAt(mx, my) {
    const top = chosen ? [...order.filter((k) => !chosen[k]), ...order.filter((k) => chosen[k])] : order;
    for (let k = top.length - 1; k >= 0; k--) {
      const i = top[k];
      if (visible(i) && Math.hypot(sx(P[i][PX]) - mx, sy(P[i][PY]) - my) <= radius[i] + 2) return i;
    }
    return -1;
  }

  // ---- programme, slider, play ------------------------------------------------------------------
  const progInput = $("map-prog"), list = $("map-progs");
  for (const [name, count] of M.programmes) { const o = document.createElement("option"); o.value = name; o.label = count + " 个地区"; list.append(o); }
  function choose(text) {
    const t = (text || "").trim();
    if (!t) { chosen = null; draw(); return 0; }
    const exact = M.programmes.findIndex((pr) => pr[0] === t);
    const match = new Set(exact >= 0 ? [exact] : M.programmes.map((pr, k) => (pr[0].includes(t) ? k : -1)).filter((k) => k >= 0));
    chosen = new Uint8Array(n);
    P.forEach((p, i) => { if (p[PROGS].some((k) => match.has(k))) chosen[i] = 1; });
    draw();
    return match.size;
  }
  progInput.addEventListener("input", () => choose(progInput.value));

  const slider = $("map-step"), when = $("map-when"), play = $("map-play");
  slider.max = String(Math.max(M.docOrder.length, 1));
  slider.value = String(step);
  function setStep(k) {
    step = Math.max(1, Math.min(k, M.docOrder.length || 1));
    slider.value = String(step);
    const d = M.docOrder[step - 1];
    when.textContent = d === undefined ? "" : "第 " + step + "/" + M.docOrder.length + " 篇：《" + D.docs[d] + "》" + (D.docDates[d] ? "（" + D.docDates[d] + "）" : "");
    draw();
  }
  slider.addEventListener("input", () => setStep(Number(slider.value)));
  let timer = null;
  play.addEventListener("click", () => {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "▶ 播放"; return; }
    play.textContent = "⏸ 暂停";
    setStep(1);
    timer = setInterval(() => {
      if (step >= M.docOrder.length) { clearInterval(timer); timer = null; play.textContent = "▶ 播放"; return; }
      setStep(step + 1);
    }, 900);
  });

  // ---- pan, zoom, click ------------------------------------------------------------------------
  let drag = null;
  canvas.addEventListener("mousedown", (e) => { drag = { x: e.offsetX, y: e.offsetY, moved: false }; });
  canvas.addEventListener("mousemove", (e) => {
    if (drag) {
      const dx = e.offsetX - drag.x, dy = e.offsetY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
      if (drag.moved) { ox += dx; oy += dy; drag.x = e.offsetX; drag.y = e.offsetY; draw(); }
      return;
    }
    const i = placeAt(e.offsetX, e.offsetY);
    canvas.title = i < 0 ? "" : D.nodes[P[i][NODE]][0] + "：提及 " + P[i][MENT] + " 次" + (P[i][APPROX] ? "（位置取上级行政区）" : "");
  });
  window.addEventListener("mouseup", (e) => {
    if (drag && !drag.moved && e.target === canvas) {
      const i = placeAt(e.offsetX, e.offsetY);
      if (i >= 0) { Z.mapSelected = i; Z.openPanel(P[i][NODE]); draw(); }
    }
    drag = null;
  });
  canvas.addEventListener("wheel", (e) => {
    e.preventDefault();
    const f = Math.exp(-e.deltaY * 0.0015);
    ox = e.offsetX - (e.offsetX - ox) * f; oy = e.offsetY - (e.offsetY - oy) * f; s *= f;
    draw();
  }, { passive: false });
  $("map-fit").addEventListener("click", () => { fitPlaces(); draw(); });

  // ---- tabs ------------------------------------------------------------------------------------
  function setTab(name) {
    const map = name === "map";
    box.hidden = !map;
    graphBox.hidden = map;
    $("tab-map").classList.toggle("on", map);
    $("tab-graph").classList.toggle("on", !map);
    if (map) resize(); else { Z.network.setSize("100%", "100%"); Z.network.redraw(); }
    api.tab = name;
  }
  $("tabs").hidden = false;
  $("tab-map").addEventListener("click", () => setTab("map"));
  $("tab-graph").addEventListener("click", () => setTab("graph"));
  new ResizeObserver(() => { if (!box.hidden) resize(); }).observe(box);

  const api = (Z.map = {
    places: n, tab: "graph", drawTime: null, shown: 0, coloured: 0, labels: 0,
    setTab: setTab, choose: choose, setStep: setStep, draw: draw, fitPlaces: () => { fitPlaces(); draw(); },
    // a place's centre in page coordinates (for tests and clicks)
    at: (i) => { const r = canvas.getBoundingClientRect(); return [r.x + sx(P[i][PX]), r.y + sy(P[i][PY])]; },
    placeOf: (node) => P.findIndex((p) => p[NODE] === node),
  });
  setStep(step);
  // the graph draws first (vis-network needs its container's size), then a --map page shows the map
  const open = () => (Z.firstDraw ? setTab("map") : requestAnimationFrame(open));
  if (D.tab === "map") open();
})();
