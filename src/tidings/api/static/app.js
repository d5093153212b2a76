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

const VIEWS = ["events", "documents", "document", "map", "network", "dyad", "ingest"];

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
    else if (view === "map") { show("map"); await loadMap(params); }
    else if (view === "network") { show("network"); await loadNetwork(params); }
    else if (view === "dyad") { show("dyad"); await loadDyad(parts[1], parts[2], params); }
    else if (view === "actor" && parts[1]) { show("dyad"); await loadActor(decodeURIComponent(parts[1]), params); }
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
  const sort = params.get("sort") || "event_date", order = params.get("order") || "asc";
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.classList.toggle("sorted", th.dataset.sort === sort);
    th.dataset.order = th.dataset.sort === sort ? order : "";
    th.onclick = () => {
      const p = new URLSearchParams(params);
      p.set("sort", th.dataset.sort);
      p.set("order", th.dataset.sort === sort && order === "asc" ? "desc" : "asc");
      p.delete("offset");
      location.hash = `#/events?${p}`;
    };
  }
  const [page] = await Promise.all([api(`/api/events?${query}`), loadFacets(params)]);
  const body = document.querySelector("#events-table tbody");
  body.replaceChildren(...page.items.map(eventRow));
  if (!page.items.length) {
    body.append(el("tr", {}, el("td", { colspan: 12, class: "empty", text: "No events match these filters." })));
  }
  activeFilters(params);
  pager("events-pager", page, (next) => {
    const p = new URLSearchParams(params); p.set("offset", next); location.hash = `#/events?${p}`;
  });
}

// The sentence with the event's source, verb and target spans marked (offsets are into the document).
function markedSentence(ev) {
  const text = ev.sentence_text || "", base = ev.char_start || 0;
  const spans = [];
  for (const side of ["source", "verb", "target"]) {
    const start = ev[`${side}_start`], end = ev[`${side}_end`];
    if (start != null && end != null && start - base >= 0 && end - base <= text.length && end > start) {
      spans.push([start - base, end - base, side]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const parts = [];
  let at = 0;
  for (const [start, end, side] of spans) {
    if (start < at) continue;   // overlapping spans: keep the first
    parts.push(text.slice(at, start), el("mark", { class: `hl-${side}`, title: side, text: text.slice(start, end) }));
    at = end;
  }
  parts.push(text.slice(at));
  return parts;
}

function reviewBadge(verdict) {
  if (!verdict) return el("span", { class: "muted small", text: "–" });
  return el("span", { class: `badge review-${verdict}`, text: verdict === "right" ? "✓ right" : "✗ wrong" });
}

function eventRow(ev) {
  const place = [ev.location_name, ev.location_country].filter(Boolean).join(" ");
  const row = el("tr", { class: "event-row", "data-event": ev.event_id, tabindex: 0 },
    el("td", { class: "mono small", title: ev.event_id, text: ev.event_id.slice(0, 8) }),
    el("td", { class: "nowrap", text: ev.event_date || "–" }),
    el("td", {}, typeChip(ev.event_type)),
    el("td", {}, actorLabel(ev.source_country, ev.source_sector, ev.source_text)),
    el("td", {}, actorLabel(ev.target_country, ev.target_sector, ev.target_text)),
    el("td", { class: "claimant", text: ev.claimant_text || "" }),
    el("td", { class: "place", text: place }),
    el("td", {}, factBadge(ev.factuality)),
    el("td", { class: "num", text: ev.confidence == null ? "" : Number(ev.confidence).toFixed(2) }),
    el("td", { class: "sentence" }, markedSentence(ev)),
    el("td", { class: "review-cell" }, reviewBadge(ev.review)),
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
    ["Factuality", factBadge(ev.factuality)], ["Claimant", ev.claimant_text || "–"], ["Event id", ev.event_id],
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
  panel.insertBefore(reviewSection(ev), panel.querySelector("dl"));
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

// ---------- facets ----------

const FACETS = [["event_type", "Type"], ["source_country", "Source"], ["target_country", "Target"],
  ["factuality", "Factuality"], ["month", "Month"], ["location_country", "Place"]];
const FILTER_NAMES = ["type", "actor", "actor_name", "source", "target", "dyad", "since", "until", "month", "factuality",
  "min_confidence", "doc_id", "location", "place", "q"];

function filterParams(params) {
  const out = new URLSearchParams();
  for (const name of FILTER_NAMES) if (params.get(name)) out.set(name, params.get(name));
  return out;
}

async function loadFacets(params) {
  const box = document.getElementById("facets");
  const base = filterParams(params);
  const lists = await Promise.all(FACETS.map(([field]) => {
    const q = new URLSearchParams(base); q.set("field", field); q.set("limit", 12);
    return api(`/api/facets?${q}`);
  }));
  box.replaceChildren(...lists.map((data, i) => {
    const [field, label] = FACETS[i];
    return el("section", { class: "facet", "data-field": field }, el("h3", { text: label }),
      data.items.length ? el("ul", {}, data.items.map((item) => {
        const active = params.get(item.filter) === String(item.value);
        const next = new URLSearchParams(params);
        next.delete("offset");
        if (active) next.delete(item.filter); else next.set(item.filter, item.value);
        return el("li", { class: active ? "active" : null },
          el("a", { href: `#/events?${next}`, "data-value": item.value, "data-filter": item.filter },
            field === "event_type" ? typeChip(item.value) : String(item.value)),
          el("span", { class: "count", text: item.n }));
      })) : el("p", { class: "muted small", text: "none" }));
  }));
}

function activeFilters(params) {
  const box = document.getElementById("active-filters");
  const chips = [];
  for (const name of FILTER_NAMES) {
    if (!params.get(name)) continue;
    const next = new URLSearchParams(params); next.delete(name); next.delete("offset");
    chips.push(el("a", { class: "chip", href: `#/events?${next}`, title: "remove this filter", text: `${name}: ${params.get(name)} ×` }));
  }
  box.replaceChildren(...chips);
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
      el("div", { class: "muted small", text: `${ev.verb_text || ""}${ev.event_date ? ` · ${ev.event_date}` : ""}${ev.location_name ? ` · ${ev.location_name}` : ""}${ev.claimant_text ? ` · according to ${ev.claimant_text}` : ""}` }),
      ev.review ? reviewBadge(ev.review) : null);
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
    const a = encodeURIComponent(dyad.a.value.trim().toUpperCase()), b = encodeURIComponent(dyad.b.value.trim().toUpperCase());
    location.hash = b ? `#/dyad/${a}/${b}?freq=${dyad.freq.value}` : `#/actor/${a}?freq=${dyad.freq.value}`;
  });
  const mapForm = document.getElementById("map-filters");
  mapForm.addEventListener("submit", (e) => { e.preventDefault(); location.hash = `#/map?${formToParams(mapForm)}`; });
  if (meta.read_only) document.querySelector('#nav a[data-view="ingest"]').hidden = true;
  setupIngest();
  window.addEventListener("hashchange", route);
  await route();
  document.body.dataset.ready = "1";
}

start();
