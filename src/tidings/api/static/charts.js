// tidings web UI: the actor network and the dyad time series, drawn as SVG without libraries.
// Uses the helpers of app.js (el, svg, api, fillForm, typeChip, TYPE_COLOURS) at call time.
"use strict";

// ---------- network ----------

function layout(nodes, edges, width, height) {
  // Fruchterman-Reingold with gravity, so separate components stay near the centre. Nodes start on a
  // circle (deterministic); the result is scaled to the box by fit().
  const n = nodes.length;
  const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.5;
  const r0 = (k * Math.sqrt(n)) / 2;
  const pos = nodes.map((node, i) => ({ x: Math.cos((2 * Math.PI * i) / Math.max(n, 1)) * r0 + (i % 3),
                                        y: Math.sin((2 * Math.PI * i) / Math.max(n, 1)) * r0 + (i % 5) }));
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const steps = 300;
  for (let step = 0; step < steps && n > 1; step++) {
    const force = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      if (Math.abs(dx) + Math.abs(dy) < 0.01) { dx = 0.1 * (i - j); dy = 0.07 * (j + 1); }
      const d2 = Math.max(dx * dx + dy * dy, 0.01);
      if (d2 > 16 * k * k) continue;   // far nodes do not push: components stay together
      const f = (k * k) / d2;
      force[i].x += dx * f; force[i].y += dy * f; force[j].x -= dx * f; force[j].y -= dy * f;
    }
    for (const e of edges) {
      const i = index.get(e.source), j = index.get(e.target);
      const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y, f = Math.hypot(dx, dy) / k;
      force[i].x -= dx * f; force[i].y -= dy * f; force[j].x += dx * f; force[j].y += dy * f;
    }
    const temp = k * (1 - step / steps) + 0.5;
    for (let i = 0; i < n; i++) {
      const f = force[i];
      f.x -= pos[i].x * 0.03 * (height / width); f.y -= pos[i].y * 0.03;   // weaker sideways: fill a wide box
      const len = Math.max(Math.hypot(f.x, f.y), 1e-9);
      pos[i].x += (f.x / len) * Math.min(len, temp);
      pos[i].y += (f.y / len) * Math.min(len, temp);
    }
  }
  return fit(pos, width, height, 60);
}

// Scale and centre the drawing to fill the box with a margin; x and y scale separately (a wide box),
// but neither stretches more than twice the other.
function fit(pos, width, height, margin) {
  if (!pos.length) return pos;
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let sx = Math.min((width - 2 * margin) / Math.max(x1 - x0, 1), 3);
  let sy = Math.min((height - 2 * margin) / Math.max(y1 - y0, 1), 3);
  sx = Math.min(sx, sy * 2); sy = Math.min(sy, sx * 2);
  return pos.map((p) => ({ x: width / 2 + (p.x - (x0 + x1) / 2) * sx, y: height / 2 + (p.y - (y0 + y1) / 2) * sy }));
}

// Push overlapping circles apart (a few passes), keeping them inside the box.
function separate(pos, radii, width, height) {
  for (let pass = 0; pass < 60; pass++) {
    let moved = false;
    for (let i = 0; i < pos.length; i++) for (let j = i + 1; j < pos.length; j++) {
      const dx = pos[j].x - pos[i].x, dy = pos[j].y - pos[i].y, d = Math.hypot(dx, dy) || 0.01;
      const gap = radii[i] + radii[j] + 6 - d;
      if (gap <= 0) continue;
      const ux = d > 0.01 ? dx / d : 1, uy = d > 0.01 ? dy / d : 0;
      pos[i].x -= (ux * gap) / 2; pos[i].y -= (uy * gap) / 2; pos[j].x += (ux * gap) / 2; pos[j].y += (uy * gap) / 2;
      moved = true;
    }
    for (let i = 0; i < pos.length; i++) {
      pos[i].x = Math.min(width - radii[i] - 4, Math.max(radii[i] + 4, pos[i].x));
      pos[i].y = Math.min(height - radii[i] - 4, Math.max(radii[i] + 4, pos[i].y));
    }
    if (!moved) break;
  }
  return pos;
}

async function loadNetwork(params) {
  const form = document.getElementById("network-filters");
  fillForm(form, params);
  const data = await api(`/api/graph?${params}`);
  const box = document.getElementById("network-chart");
  const width = Math.max(box.clientWidth || 900, 500), height = 560;
  if (!data.nodes.length) { box.replaceChildren(el("p", { class: "empty", text: "No actor pairs to draw yet." })); return; }
  const index = new Map(data.nodes.map((node, i) => [node.id, i]));
  const maxW = Math.max(...data.edges.map((e) => e.weight), 1);
  const maxN = Math.max(...data.nodes.map((node) => node.weight), 1);
  const nodeR = (node) => 12 + 14 * Math.sqrt(node.weight / maxN);
  const pos = separate(layout(data.nodes, data.edges, width, height), data.nodes.map(nodeR), width, height);
  const defs = svg("defs", {}, Object.entries(TYPE_COLOURS).map(([type, colour]) =>
    svg("marker", { id: `arrow-${type}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 14, markerHeight: 14,
      markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
      svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour }))));
  const pairs = new Set(data.edges.map((e) => `${e.source}|${e.target}`));
  const edges = data.edges.map((e) => {
    const a = pos[index.get(e.source)], b = pos[index.get(e.target)];
    const rb = nodeR(data.nodes[index.get(e.target)]), ra = nodeR(data.nodes[index.get(e.source)]);
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1);
    const bend = pairs.has(`${e.target}|${e.source}`) ? 0.18 : 0.06;   // pull apart A->B and B->A
    const mx = (a.x + b.x) / 2 - dy * bend, my = (a.y + b.y) / 2 + dx * bend;
    const sx = a.x + (dx / d) * ra, sy = a.y + (dy / d) * ra, tx = b.x - (dx / d) * (rb + 2), ty = b.y - (dy / d) * (rb + 2);
    const colour = TYPE_COLOURS[e.top_type] || "#607d8b";
    const types = Object.entries(e.types).map(([t, c]) => `${t} ${c}`).join(", ");
    return svg("path", { class: "edge", d: `M${sx},${sy} Q${mx},${my} ${tx},${ty}`, stroke: colour, fill: "none",
      "stroke-width": 1.5 + 6 * (e.weight / maxW), "marker-end": `url(#arrow-${e.top_type})`,
      "data-source": e.source, "data-target": e.target,
      onclick: () => { location.hash = `#/dyad/${e.source}/${e.target}`; } },
      svg("title", { text: `${e.source} → ${e.target}: ${e.weight} events (${types})` }));
  });
  const nodes = data.nodes.map((node, i) => svg("g", { class: "node", transform: `translate(${pos[i].x},${pos[i].y})`,
      onclick: () => { location.hash = `#/events?actor=${encodeURIComponent(node.id)}`; } },
    svg("circle", { r: nodeR(node) }),
    svg("text", { "text-anchor": "middle", dy: "0.35em", text: node.id }),
    svg("title", { text: `${node.id}: ${node.out} as source, ${node.in} as target` })));
  box.replaceChildren(svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": "actor network" },
    defs, svg("g", {}, edges), svg("g", {}, nodes)));
  const used = [...new Set(data.edges.map((e) => e.top_type))];
  document.getElementById("network-legend").replaceChildren(...used.map(typeChip));
}

// ---------- dyad series ----------

async function loadDyad(a, b, params) {
  const form = document.getElementById("dyad-form");
  const chart = document.getElementById("dyad-chart");
  const summary = await api("/api/summary").catch(() => null);
  const top = document.getElementById("dyad-top");
  top.replaceChildren(...((summary && summary.top_dyads) || []).slice(0, 10).map((d) =>
    el("a", { class: "chip", href: `#/dyad/${d.source}/${d.target}`, text: `${d.source}–${d.target} (${d.n})` })));
  if (!a || !b) { chart.replaceChildren(el("p", { class: "empty", text: "Choose two actors, or a frequent pair above." })); return; }
  form.a.value = a; form.b.value = b;
  const freq = params.get("freq") || "month";
  form.freq.value = freq;
  const data = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series?freq=${freq}`);
  drawSeries(chart, data);
  document.getElementById("dyad-note").textContent =
    `${data.total} events: ${Object.entries(data.directed).map(([k, v]) => `${k} ${v}`).join(", ")}` +
    (data.undated ? `; ${data.undated} not placed (date coarser than a ${freq} or missing)` : "");
}

function drawSeries(box, data) {
  const types = Object.keys(data.series);
  if (!data.periods.length) { box.replaceChildren(el("p", { class: "empty", text: `No dated events between ${data.a} and ${data.b}.` })); return; }
  const width = Math.max(box.clientWidth || 900, 500), height = 340, left = 40, bottom = 60, top = 14, right = 160;
  const totals = data.periods.map((_, i) => types.reduce((sum, t) => sum + data.series[t][i], 0));
  const maxY = Math.max(...totals, 1);
  const plotW = width - left - right, plotH = height - top - bottom;
  const band = plotW / data.periods.length, barW = Math.max(Math.min(band * 0.7, 60), 2);
  const y = (v) => top + plotH - (v / maxY) * plotH;
  const parts = [];
  const ticks = Math.min(maxY, 5);
  for (let i = 0; i <= ticks; i++) {
    const v = Math.round((maxY * i) / ticks);
    parts.push(svg("line", { x1: left, x2: left + plotW, y1: y(v), y2: y(v), class: "grid" }),
      svg("text", { x: left - 6, y: y(v), dy: "0.35em", "text-anchor": "end", class: "axis", text: v }));
  }
  data.periods.forEach((period, i) => {
    let acc = 0;
    const x = left + band * i + (band - barW) / 2;
    for (const t of types) {
      const v = data.series[t][i];
      if (!v) continue;
      parts.push(svg("rect", { class: "bar", x, width: barW, y: y(acc + v), height: y(acc) - y(acc + v), fill: TYPE_COLOURS[t] || "#607d8b",
        "data-type": t, "data-period": period,
        onclick: () => { location.hash = `#/events?dyad=${data.a}-${data.b}&type=${t}&since=${period}&until=${period}`; } },
        svg("title", { text: `${period} ${t}: ${v}` })));
      acc += v;
    }
    const every = Math.ceil(data.periods.length / Math.floor(plotW / 60));
    if (i % every === 0) parts.push(svg("text", { x: x + barW / 2, y: top + plotH + 16, "text-anchor": "middle", class: "axis", text: period }));
  });
  types.forEach((t, i) => parts.push(
    svg("rect", { x: width - right + 16, y: top + i * 18, width: 12, height: 12, fill: TYPE_COLOURS[t] || "#607d8b" }),
    svg("text", { x: width - right + 34, y: top + i * 18 + 10, class: "axis", text: t })));
  parts.push(svg("text", { x: left, y: height - 16, class: "axis", text: `${data.a} ↔ ${data.b}, events per ${data.freq}` }));
  box.replaceChildren(svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": "dyad time series" }, parts));
}

