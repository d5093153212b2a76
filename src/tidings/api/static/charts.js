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

// ---------- dyad and actor series ----------

async function loadDyad(a, b, params) {
  const form = document.getElementById("dyad-form");
  const chart = document.getElementById("dyad-chart");
  const summary = await api("/api/summary").catch(() => null);
  const top = document.getElementById("dyad-top");
  top.replaceChildren(...((summary && summary.top_dyads) || []).slice(0, 10).map((d) =>
    el("a", { class: "chip", href: `#/dyad/${d.source}/${d.target}`, text: `${d.source}–${d.target} (${d.n})` })));
  if (!a || !b) {
    chart.replaceChildren(el("p", { class: "empty", text: "Choose two actors (or one, for its own timeline), or a frequent pair above." }));
    document.getElementById("dyad-note").textContent = "";
    return;
  }
  form.a.value = a; form.b.value = b;
  const freq = params.get("freq") || "month";
  form.freq.value = freq;
  const query = filterParams(params); query.set("freq", freq);
  const data = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series?${query}`);
  const drill = (k, period) => {
    const dir = data.directions[k].key.split("->");
    return `#/events?source=${encodeURIComponent(dir[0])}&target=${encodeURIComponent(dir[1])}&since=${period}&until=${period}`;
  };
  drawSeries(chart, data, `${data.a} ↔ ${data.b}`, drill);
  seriesNote(data, freq);
}

async function loadActor(code, params) {
  const form = document.getElementById("dyad-form");
  const chart = document.getElementById("dyad-chart");
  document.getElementById("dyad-top").replaceChildren();
  form.a.value = code; form.b.value = "";
  const freq = params.get("freq") || "month";
  form.freq.value = freq;
  const query = filterParams(params); query.set("freq", freq);
  const data = await api(`/api/actors/${encodeURIComponent(code)}/series?${query}`);
  const drill = (k, period) =>
    `#/events?${k === 0 ? "source" : "target"}=${encodeURIComponent(data.actor)}&since=${period}&until=${period}`;
  drawSeries(chart, data, `${data.actor} as source and as target`, drill);
  seriesNote(data, freq);
}

function seriesNote(data, freq) {
  document.getElementById("dyad-note").textContent =
    `${data.total} events: ${data.directions.map((d) => `${d.key} ${d.total}`).join(", ")}` +
    (data.undated ? `; ${data.undated} not placed (dated less precisely than a ${freq}, or undated)` : "");
}

// Two directions on one continuous time axis: the first direction's bars go up, the second's down (stacked
// by event type); the summed Goldstein score of each direction is a line on the right-hand axis.
function drawSeries(box, data, title, drill) {
  const periods = data.periods;
  if (!periods.length) { box.replaceChildren(el("p", { class: "empty", text: "No dated events for this selection." })); return; }
  const width = Math.max(box.clientWidth || 900, 600), height = 420, left = 48, right = 210, top = 28, bottom = 64;
  const plotW = width - left - right, plotH = height - top - bottom, mid = top + plotH / 2;
  const dirs = data.directions;
  const maxN = Math.max(1, ...periods.map((_, i) => Math.max(dirs[0].counts[i], dirs[1].counts[i])));
  const maxG = Math.max(1, ...dirs.flatMap((d) => d.goldstein.map(Math.abs)));
  const yN = (v) => (v / maxN) * (plotH / 2 - 4);
  const yG = (v) => mid - (v / maxG) * (plotH / 2 - 4);
  const band = plotW / periods.length, barW = Math.max(Math.min(band * 0.8, 40), 1);
  const xOf = (i) => left + band * i + band / 2;
  const types = Object.keys(data.series);
  const parts = [svg("text", { x: left, y: 16, class: "axis title", text: `${title}, events per ${data.freq}` })];
  for (const f of [1, 0.5]) {
    const v = Math.round(maxN * f);
    for (const sign of [-1, 1]) {
      parts.push(svg("line", { x1: left, x2: left + plotW, y1: mid + sign * yN(v), y2: mid + sign * yN(v), class: "grid" }),
        svg("text", { x: left - 6, y: mid + sign * yN(v), dy: "0.35em", "text-anchor": "end", class: "axis", text: v }));
    }
    const g = Math.round(maxG * f * 10) / 10;
    parts.push(svg("text", { x: left + plotW + 6, y: yG(g), dy: "0.35em", class: "axis goldstein-tick", text: `+${g}` }),
      svg("text", { x: left + plotW + 6, y: yG(-g), dy: "0.35em", class: "axis goldstein-tick", text: `−${g}` }));
  }
  parts.push(svg("line", { x1: left, x2: left + plotW, y1: mid, y2: mid, class: "zero" }));
  parts.push(svg("text", { x: left + 4, y: top + 10, class: "axis dir-label", text: `▲ ${dirs[0].key}` }),
    svg("text", { x: left + 4, y: top + plotH - 4, class: "axis dir-label", text: `▼ ${dirs[1].key}` }));
  const every = Math.max(1, Math.ceil(periods.length / Math.max(1, Math.floor(plotW / 64))));
  periods.forEach((period, i) => {
    const group = svg("g", { class: "period", "data-period": period });
    dirs.forEach((d, k) => {
      let acc = 0;
      for (const t of types) {
        const v = (d.by_type[t] || [])[i] || 0;
        if (!v) continue;
        const y0 = yN(acc), y1 = yN(acc + v);
        group.append(svg("rect", { class: "bar", x: xOf(i) - barW / 2, width: barW, height: y1 - y0,
          y: k === 0 ? mid - y1 : mid + y0, fill: TYPE_COLOURS[t] || "#607d8b", "data-type": t, "data-direction": d.key,
          "data-period": period, onclick: () => { location.hash = drill(k, period); } },
          svg("title", { text: `${period} ${d.key} ${t}: ${v}` })));
        acc += v;
      }
    });
    parts.push(group);
    if (i % every === 0) {
      parts.push(svg("line", { x1: xOf(i), x2: xOf(i), y1: top + plotH, y2: top + plotH + 4, class: "grid" }),
        svg("text", { x: xOf(i), y: top + plotH + 18, "text-anchor": "middle", class: "axis tick", text: period }));
    }
  });
  const lineStyles = [["#0d47a1", null], ["#b71c1c", "5 3"]];
  dirs.forEach((d, k) => {
    const points = d.goldstein.map((g, i) => `${xOf(i)},${yG(g)}`).join(" ");
    parts.push(svg("polyline", { class: "goldstein", points, fill: "none", stroke: lineStyles[k][0], "stroke-width": 2,
      "stroke-dasharray": lineStyles[k][1], "data-direction": d.key }, svg("title", { text: `${d.key}: summed Goldstein score` })));
  });
  const legendX = width - right + 44;
  types.forEach((t, i) => parts.push(
    svg("rect", { x: legendX, y: top + i * 18, width: 12, height: 12, fill: TYPE_COLOURS[t] || "#607d8b" }),
    svg("text", { x: legendX + 18, y: top + i * 18 + 10, class: "axis", text: t })));
  dirs.forEach((d, k) => {
    const y = top + types.length * 18 + 12 + k * 18;
    parts.push(svg("line", { x1: legendX, x2: legendX + 12, y1: y + 6, y2: y + 6, stroke: lineStyles[k][0], "stroke-width": 2,
      "stroke-dasharray": lineStyles[k][1] }), svg("text", { x: legendX + 18, y: y + 10, class: "axis", text: `Goldstein ${d.key}` }));
  });
  parts.push(svg("text", { x: left, y: height - 8, class: "axis", text: "bars: events (left axis); lines: summed Goldstein score, −10 conflict … +10 cooperation (right axis)" }));
  box.replaceChildren(svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": "time series" }, parts));
}
