// tidings web UI: plain JavaScript over the JSON API, no build step, no network beyond this server.
"use strict";

const TYPE_COLOURS = {
  AGREE: "#2e7d32", CONSULT: "#558b2f", SUPPORT: "#00897b", CONCEDE: "#43a047",
  COOPERATE: "#1e88e5", AID: "#039be5", RETREAT: "#7cb342", REQUEST: "#5e35b1",
  ACCUSE: "#f9a825", REJECT: "#fb8c00", THREATEN: "#ef6c00", PROTEST: "#8e24aa",
  SANCTION: "#6d4c41", MOBILIZE: "#d81b60", COERCE: "#c62828", ASSAULT: "#b71c1c",
};
const PAGE = 50;
const state = { meta: null, eventsOffset: 0, docsOffset: 0, doc: null };

// ---------- helpers ----------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "style") node.setAttribute("style", value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) if (child) node.append(child);
  return node;
}

async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error : `${response.status} ${response.statusText}`;
    throw new Error(message);
  }
  return body;
}

function flash(message, kind) {
  const box = document.getElementById("flash");
  box.textContent = message;
  box.className = `flash ${kind || "error"}`;
  box.hidden = !message;
}

function typeChip(type) {
  return el("span", { class: "type-chip", style: `background:${TYPE_COLOURS[type] || "#607d8b"}`, text: type });
}

function factBadge(value) {
  return el("span", { class: `badge fact-${value || "asserted"}`, text: value || "asserted" });
}

function actorLabel(country, sector, text) {
  const code = [country, sector].filter(Boolean).join(" ");
  return el("span", { class: "actor", title: text || "" }, code || (text ? `“${text}”` : "–"));
}

function formToParams(form) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value === "string" && value.trim() !== "") params.set(key, value.trim());
  }
  return params;
}

function fillForm(form, params) {
  for (const field of form.elements) {
    if (field.name && params.has(field.name)) field.value = params.get(field.name);
  }
}

function hashParams() {
  const hash = location.hash.replace(/^#/, "");
  const [path, query] = hash.split("?");
  return { parts: (path || "/events").split("/").filter(Boolean), params: new URLSearchParams(query || "") };
}

// ---------- routing ----------

const VIEWS = ["events", "documents", "document", "network", "dyad", "ingest"];

function show(view) {
  for (const name of VIEWS) document.getElementById(`view-${name}`).hidden = name !== view;
  const navName = view === "document" ? "documents" : view;
  for (const link of document.querySelectorAll("#nav a")) {
    link.classList.toggle("active", link.dataset.view === navName);
  }
}

async function route() {
  const { parts, params } = hashParams();
  const view = parts[0] || "events";
  flash("");
  document.getElementById("event-detail").hidden = true;
  try {
    if (view === "doc" && parts[1]) { show("document"); await loadDocument(decodeURIComponent(parts[1]), params.get("event")); }
    else if (view === "documents") { show("documents"); await loadDocuments(Number(params.get("offset") || 0)); }
    else if (view === "network") { show("network"); await loadNetwork(params); }
    else if (view === "dyad") { show("dyad"); await loadDyad(parts[1], parts[2], params); }
    else if (view === "ingest") { show("ingest"); }
    else { show("events"); await loadEvents(params); }
  } catch (err) {
    flash(err.message);
  }
}

// ---------- events ----------

async function loadEvents(params) {
  const form = document.getElementById("event-filters");
  form.reset();
  fillForm(form, params);
  const offset = Number(params.get("offset") || 0);
  const query = new URLSearchParams(params);
  query.set("limit", PAGE);
  query.set("offset", offset);
  const exportQuery = new URLSearchParams(params);
  exportQuery.delete("offset"); exportQuery.delete("sort"); exportQuery.delete("order");
  for (const fmt of ["csv", "jsonl", "parquet"]) {
    exportQuery.set("format", fmt);
    document.getElementById(`export-${fmt}`).href = `/api/export?${exportQuery}`;
  }
  const page = await api(`/api/events?${query}`);
  const body = document.querySelector("#events-table tbody");
  body.replaceChildren(...page.items.map(eventRow));
  if (!page.items.length) {
    body.append(el("tr", {}, el("td", { colspan: 9, class: "empty", text: "No events match these filters." })));
  }
  pager("events-pager", page, (next) => {
    const p = new URLSearchParams(params); p.set("offset", next); location.hash = `#/events?${p}`;
  });
}

function eventRow(ev) {
  const row = el("tr", { class: "event-row", "data-event": ev.event_id, tabindex: 0 },
    el("td", { class: "nowrap", text: ev.event_date || "–" }),
    el("td", {}, typeChip(ev.event_type)),
    el("td", {}, actorLabel(ev.source_country, ev.source_sector, ev.source_text)),
    el("td", { text: ev.verb_text || "" }),
    el("td", {}, actorLabel(ev.target_country, ev.target_sector, ev.target_text)),
    el("td", {}, factBadge(ev.factuality)),
    el("td", { class: "num", text: ev.confidence == null ? "" : Number(ev.confidence).toFixed(2) }),
    el("td", { class: "sentence", text: ev.sentence_text || "" }),
    el("td", { class: "doc-cell" }, el("a", { href: `#/doc/${encodeURIComponent(ev.doc_id)}?event=${encodeURIComponent(ev.event_id)}`,
                           text: ev.doc_title || ev.doc_id.slice(0, 8), title: ev.doc_title || ev.doc_id,
                           onclick: (e) => e.stopPropagation() })),
  );
  const open = () => showEventDetail(ev.event_id).catch((err) => flash(err.message));
  row.addEventListener("click", open);
  row.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
  return row;
}

async function showEventDetail(eventId) {
  const panel = document.getElementById("event-detail");
  const ev = await api(`/api/events/${encodeURIComponent(eventId)}`);
  const rows = [
    ["Type", typeChip(ev.event_type)], ["Mode / context", [ev.event_mode, ev.event_context].filter(Boolean).join(" / ") || "–"],
    ["CAMEO", ev.cameo_code || "–"],
    ["Source", `${ev.source_text || "–"} (${[ev.source_country, ev.source_sector, ev.source_actor_id].filter(Boolean).join(" ") || "?"})`],
    ["Verb", ev.verb_text || "–"],
    ["Target", `${ev.target_text || "–"} (${[ev.target_country, ev.target_sector, ev.target_actor_id].filter(Boolean).join(" ") || "?"})`],
    ["Date", `${ev.event_date || "–"} (${ev.date_precision}${ev.date_text ? `, “${ev.date_text}”` : ""})`],
    ["Place", ev.location_name ? `${ev.location_name} ${ev.location_country || ""}` : "–"],
    ["Factuality", factBadge(ev.factuality)], ["Claimant", ev.claimant_text || "–"],
    ["Confidence", ev.confidence], ["Rule", ev.rule || "–"],
  ];
  panel.replaceChildren(
    el("button", { class: "close", type: "button", "aria-label": "close", text: "×", onclick: () => { panel.hidden = true; } }),
    el("h2", { text: "Why this event" }),
    el("blockquote", { text: ev.sentence_text }),
    el("dl", {}, rows.map(([k, v]) => [el("dt", { text: k }), el("dd", {}, v)])),
    ev.why ? el("pre", { class: "why", text: ev.why }) : null,
    el("details", { open: ev.why ? null : "open" }, el("summary", { text: "Trace (JSON)" }),
       el("pre", { class: "trace", text: JSON.stringify(ev.trace, null, 2) })),
    el("p", {}, el("a", { href: `#/doc/${encodeURIComponent(ev.doc_id)}?event=${encodeURIComponent(ev.event_id)}`, text: "Open in document →" })),
  );
  panel.hidden = false;
}

function pager(id, page, go) {
  const box = document.getElementById(id);
  const [prev, next] = box.querySelectorAll("button");
  const end = Math.min(page.offset + page.items.length, page.total);
  box.querySelector(".pager-info").textContent =
    page.total ? `${page.offset + 1}–${end} of ${page.total}` : "0 of 0";
  prev.disabled = page.offset <= 0;
  next.disabled = end >= page.total;
  prev.onclick = () => go(Math.max(0, page.offset - page.limit));
  next.onclick = () => go(page.offset + page.limit);
}

// ---------- documents ----------

async function loadDocuments(offset) {
  const page = await api(`/api/documents?limit=${PAGE}&offset=${offset}`);
  const body = document.querySelector("#documents-table tbody");
  body.replaceChildren(...page.items.map((d) => el("tr", {},
    el("td", { class: "nowrap", text: d.published || "–" }),
    el("td", {}, d.error ? (d.title || d.source || "(unreadable)")
      : el("a", { href: `#/doc/${encodeURIComponent(d.doc_id)}`, text: d.title || d.doc_id })),
    el("td", { class: "muted", text: d.source || "" }),
    el("td", { class: "num", text: d.n_events ?? "" }),
    el("td", { class: "num", text: d.n_sentences ?? "" }),
    el("td", {}, d.error ? el("span", { class: "badge fact-negated", title: d.error, text: "failed" }) : el("span", { class: "badge ok", text: "coded" })),
  )));
  if (!page.items.length) body.append(el("tr", {}, el("td", { colspan: 6, class: "empty", text: "No documents yet: use Ingest." })));
  pager("documents-pager", page, (next) => { location.hash = `#/documents?offset=${next}`; });
}

function findIn(text, needle, from, to) {
  if (!needle) return null;
  const at = text.slice(from, to).indexOf(needle);
  return at < 0 ? null : [from + at, from + at + needle.length];
}

// Every highlighted range of the document: [start, end, class, tag]; tags let clicks find segments.
function documentSpans(doc) {
  const spans = [];
  const text = doc.text || "";
  for (const s of doc.sentences || []) spans.push([s.start, s.end, null, `s${s.idx}`]);
  for (const m of doc.mentions || []) spans.push([m.start, m.end, "hl-mention", null]);
  for (const q of doc.quotes || []) spans.push([q.start, q.end, "hl-quote", `q-${q.quote_id}`]);
  for (const c of doc.claims || []) spans.push([c.start, c.end, "hl-claim", `c-${c.claim_id}`]);
  for (const ev of doc.events || []) {
    const tag = `e-${ev.event_id}`;
    for (const side of ["source", "verb", "target"]) {
      const start = ev[`${side}_start`], end = ev[`${side}_end`];
      if (start != null && end != null && end > start) spans.push([start, end, `hl-${side}`, tag]);
    }
    // Dates and places carry text, not offsets: find them inside the event's sentence.
    const date = findIn(text, ev.date_text, ev.char_start, ev.char_end);
    if (date) spans.push([date[0], date[1], "hl-date", tag]);
    const place = findIn(text, ev.location_name, ev.char_start, ev.char_end);
    if (place) spans.push([place[0], place[1], "hl-place", tag]);
  }
  return spans.filter(([s, e]) => s >= 0 && e <= text.length && e > s);
}

function renderHighlighted(container, text, spans) {
  const cuts = new Set([0, text.length]);
  for (const [s, e] of spans) { cuts.add(s); cuts.add(e); }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const classes = new Set(), tags = new Set();
    for (const [s, e, cls, tag] of spans) {
      if (s <= from && e >= to) { if (cls) classes.add(cls); if (tag) tags.add(tag); }
    }
    const piece = text.slice(from, to);
    if (!classes.size && !tags.size) { pieces.push(document.createTextNode(piece)); continue; }
    pieces.push(el("span", { class: [...classes].join(" ") || null, "data-tags": [...tags].join(" ") }, piece));
  }
  container.replaceChildren(...pieces);
}

function focusTag(tag, extraTag) {
  const text = document.getElementById("doc-text");
  for (const node of text.querySelectorAll(".sent-active, .ev-active")) node.classList.remove("sent-active", "ev-active");
  for (const item of document.querySelectorAll(".side-list li.active")) item.classList.remove("active");
  const first = [];
  for (const node of text.querySelectorAll(`[data-tags~="${CSS.escape(tag)}"]`)) { node.classList.add("sent-active"); first.push(node); }
  if (extraTag) for (const node of text.querySelectorAll(`[data-tags~="${CSS.escape(extraTag)}"]`)) node.classList.add("ev-active");
  if (first.length) first[0].scrollIntoView({ block: "center", behavior: "smooth" });
}

async function loadDocument(docId, eventId) {
  const doc = await api(`/api/documents/${encodeURIComponent(docId)}`);
  state.doc = doc;
  document.getElementById("doc-title").textContent = doc.title || doc.doc_id;
  document.getElementById("doc-meta").textContent = [doc.published && `published ${doc.published}`, doc.author,
    doc.source, doc.url, `id ${doc.doc_id}`].filter(Boolean).join(" · ");
  renderHighlighted(document.getElementById("doc-text"), doc.text || "", documentSpans(doc));

  const sentenceOf = (ev) => {
    const s = (doc.sentences || []).find((x) => x.start <= ev.char_start && x.end >= ev.char_end);
    return s ? `s${s.idx}` : `e-${ev.event_id}`;
  };
  const selectEvent = (ev, item) => {
    focusTag(sentenceOf(ev), `e-${ev.event_id}`);
    item.classList.add("active");
  };
  const list = document.getElementById("doc-events");
  list.replaceChildren(...(doc.events || []).map((ev) => {
    const item = el("li", { "data-event": ev.event_id, tabindex: 0 },
      typeChip(ev.event_type), " ", actorLabel(ev.source_country, ev.source_sector, ev.source_text),
      " → ", actorLabel(ev.target_country, ev.target_sector, ev.target_text), " ", factBadge(ev.factuality),
      el("div", { class: "muted small", text: `${ev.verb_text || ""}${ev.event_date ? ` · ${ev.event_date}` : ""}${ev.location_name ? ` · ${ev.location_name}` : ""}` }));
    item.append(el("button", { type: "button", class: "why-link", text: "why?",
      onclick: (e) => { e.stopPropagation(); showEventDetail(ev.event_id).catch((err) => flash(err.message)); } }));
    item.addEventListener("click", () => selectEvent(ev, item));
    return item;
  }));
  document.getElementById("doc-n-events").textContent = `(${(doc.events || []).length})`;

  const quoteList = document.getElementById("doc-quotes");
  quoteList.replaceChildren(...(doc.quotes || []).map((q) => {
    const item = el("li", {}, el("q", { text: q.text }), el("div", { class: "muted small",
      text: `${q.kind}${q.speaker_text ? ` · ${q.speaker_text}` : ""}${q.speaker_country ? ` (${q.speaker_country})` : ""}${q.cue ? ` · ${q.cue}` : ""}` }));
    item.addEventListener("click", () => { focusTag(`q-${q.quote_id}`); item.classList.add("active"); });
    return item;
  }));
  document.getElementById("doc-n-quotes").textContent = `(${(doc.quotes || []).length})`;

  const claimList = document.getElementById("doc-claims");
  claimList.replaceChildren(...(doc.claims || []).map((c) => {
    const value = c.value == null ? "" : ` = ${c.value}${c.value_max != null ? `–${c.value_max}` : ""}${c.unit && c.unit !== "count" ? ` ${c.unit}` : ""}`;
    const item = el("li", {}, el("strong", { text: c.text }), value,
      el("div", { class: "muted small", text: [c.kind, c.counted, c.stated_by && `by ${c.stated_by}`].filter(Boolean).join(" · ") }));
    item.addEventListener("click", () => { focusTag(`c-${c.claim_id}`); item.classList.add("active"); });
    return item;
  }));
  document.getElementById("doc-n-claims").textContent = `(${(doc.claims || []).length})`;

  if (eventId) {
    const ev = (doc.events || []).find((x) => x.event_id === eventId);
    const item = list.querySelector(`[data-event="${CSS.escape(eventId)}"]`);
    if (ev && item) selectEvent(ev, item);
  }
}

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

// ---------- ingest ----------

let droppedFile = null;

function setupIngest() {
  const form = document.getElementById("ingest-form");
  const zone = document.getElementById("drop-zone");
  const picker = document.getElementById("ingest-file");
  const pick = (file) => { droppedFile = file; document.getElementById("drop-name").textContent = file ? ` ${file.name} (${file.size} bytes)` : ""; };
  picker.addEventListener("change", () => pick(picker.files[0] || null));
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => { e.preventDefault(); zone.classList.remove("over"); if (e.dataTransfer.files.length) pick(e.dataTransfer.files[0]); });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const status = document.getElementById("ingest-status");
    const button = document.getElementById("ingest-submit");
    const text = form.text.value, title = form.title.value.trim(), published = form.published.value.trim();
    let options;
    if (droppedFile) {
      const data = new FormData();
      data.append("file", droppedFile);
      options = { method: "POST", body: data };
    } else if (text.trim()) {
      const payload = { text };
      if (title) payload.title = title;
      if (published) payload.published = published;
      options = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) };
    } else { status.textContent = "Paste some text or choose a file first."; return; }
    button.disabled = true;
    status.textContent = "Coding… (the first run loads the language model)";
    try {
      const result = await api("/api/ingest", options);
      status.textContent = `Done: ${result.doc_ids.length} document(s), ${result.errors.length} error(s).`;
      document.getElementById("ingest-result").replaceChildren(el("ul", { class: "side-list" }, result.documents.map((d) =>
        el("li", {}, d.error ? el("span", { class: "badge fact-negated", text: "failed" }) : el("span", { class: "badge ok", text: d.new ? "new" : "already stored" }),
          " ", d.error ? `${d.source}: ${d.error}` : el("a", { href: `#/doc/${d.doc_id}`, text: d.title || d.doc_id }),
          d.error ? "" : ` — ${d.events} events, ${d.quotes} quotes, ${d.claims} claims`))));
      pick(null); picker.value = "";
      refreshCounts();
      const first = result.documents.find((d) => !d.error);
      if (first) location.hash = `#/doc/${first.doc_id}`;
    } catch (err) {
      status.textContent = "";
      flash(`Ingest failed: ${err.message}`);
    } finally {
      button.disabled = false;
    }
  });
}

// ---------- start ----------

async function refreshCounts() {
  const meta = await api("/api/meta");
  state.meta = meta;
  const c = meta.counts;
  document.getElementById("counts").textContent =
    `${c.documents} documents · ${c.events} events · ${c.quotes} quotes · ${c.claims} claims${c.errors ? ` · ${c.errors} errors` : ""}${meta.read_only ? " · read-only" : ""}`;
  return meta;
}

async function start() {
  let meta;
  try { meta = await refreshCounts(); } catch (err) { flash(`Cannot reach the API: ${err.message}`); return; }
  const form = document.getElementById("event-filters");
  form.type.append(...meta.types.map((t) => el("option", { value: t, text: t })));
  form.factuality.append(...meta.factuality.map((f) => el("option", { value: f, text: f })));
  form.sort.append(...meta.sortable.map((s) => el("option", { value: s, text: s.replace(/_/g, " ") })));
  form.addEventListener("submit", (e) => { e.preventDefault(); location.hash = `#/events?${formToParams(form)}`; });
  document.getElementById("reset-filters").addEventListener("click", () => { location.hash = "#/events"; });
  const net = document.getElementById("network-filters");
  net.addEventListener("submit", (e) => { e.preventDefault(); location.hash = `#/network?${formToParams(net)}`; });
  const dyad = document.getElementById("dyad-form");
  dyad.addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = `#/dyad/${encodeURIComponent(dyad.a.value.trim().toUpperCase())}/${encodeURIComponent(dyad.b.value.trim().toUpperCase())}?freq=${dyad.freq.value}`;
  });
  if (meta.read_only) document.querySelector('#nav a[data-view="ingest"]').hidden = true;
  setupIngest();
  window.addEventListener("hashchange", route);
  await route();
  document.body.dataset.ready = "1";
}

start();
