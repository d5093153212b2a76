// tidings web UI: reviewing an event (right / wrong, corrections) and adding a phrase to the user actor
// dictionary. Uses the helpers of app.js (el, api, flash, reviewBadge, state) at call time.
"use strict";

const CORRECTABLE = [["event_type", "Type"], ["source_country", "Source country"], ["source_sector", "Source sector"],
  ["target_country", "Target country"], ["target_sector", "Target sector"], ["factuality", "Factuality"]];

async function postJson(path, payload) {
  return api(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
}

function correctionField(ev, name, label) {
  const meta = state.meta || { types: [], factuality: [] };
  if (name === "event_type" || name === "factuality") {
    const values = name === "event_type" ? meta.types : meta.factuality;
    return el("label", {}, label, el("select", { name }, values.map((v) =>
      el("option", { value: v, text: v, selected: v === ev[name] ? "selected" : null }))));
  }
  return el("label", {}, label, el("input", { name, size: 6, value: ev[name] || "", placeholder: "code" }));
}

function reviewSection(ev) {
  const status = el("p", { class: "muted small", id: "review-status" });
  const current = el("span", { id: "review-current" }, reviewBadge(ev.review));
  const markRow = (verdict) => {
    const cell = document.querySelector(`#events-table tr[data-event="${CSS.escape(ev.event_id)}"] .review-cell`);
    if (cell) cell.replaceChildren(reviewBadge(verdict));
    current.replaceChildren(reviewBadge(verdict));
  };
  const send = async (verdict, corrections, note) => {
    try {
      const saved = await postJson(`/api/events/${encodeURIComponent(ev.event_id)}/review`, { verdict, corrections, note });
      const fixed = Object.entries(saved.corrections || {}).map(([k, v]) => `${k}=${v}`).join(", ");
      status.textContent = `Saved: ${saved.verdict}${fixed ? ` (${fixed})` : ""}.`;
      markRow(saved.verdict);
    } catch (err) { flash(`Review failed: ${err.message}`); }
  };
  const form = el("form", { id: "review-form", class: "review-form" },
    CORRECTABLE.map(([name, label]) => correctionField(ev, name, label)),
    el("label", { class: "block" }, "Note", el("input", { name: "note", size: 30, placeholder: "why (optional)" })),
    el("button", { type: "submit", text: "Save correction" }));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const corrections = {};
    for (const [name] of CORRECTABLE) {
      const value = form.elements[name].value.trim();
      if (value && value !== (ev[name] || "")) corrections[name] = value;
    }
    send("wrong", corrections, form.elements.note.value.trim() || null);
  });
  const actorForm = el("form", { id: "actor-form", class: "review-form" },
    el("label", { class: "block" }, "Phrase", el("input", { name: "phrase", size: 28, value: ev.source_text || "" })),
    el("label", {}, "Country", el("input", { name: "country", size: 5, value: ev.source_country || "" })),
    el("label", {}, "Sector", el("input", { name: "sector", size: 5, value: ev.source_sector || "" })),
    el("button", { type: "submit", text: "Add to my actors" }));
  actorForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const payload = {};
    for (const name of ["phrase", "country", "sector"]) {
      const value = actorForm.elements[name].value.trim();
      if (value) payload[name] = value;
    }
    try {
      const saved = await postJson("/api/actors/dictionary", payload);
      status.textContent = `Added ${saved.entry.id} to ${saved.file}; the next ingest uses it.`;
    } catch (err) { flash(`Could not add the actor: ${err.message}`); }
  });
  const readOnly = state.meta && state.meta.read_only;
  return el("section", { class: "review", id: "review-box" },
    el("h3", {}, "Review ", current),
    readOnly ? el("p", { class: "muted small", text: "Read-only server: reviews are off." }) : [
      el("div", { class: "review-buttons" },
        el("button", { type: "button", id: "review-right", class: "ok", text: "✓ Right", onclick: () => send("right", {}, null) }),
        el("button", { type: "button", id: "review-wrong", class: "bad", text: "✗ Wrong", onclick: () => send("wrong", {}, null) })),
      el("details", { id: "review-edit" }, el("summary", { text: "Correct the event" }), form),
      el("details", { id: "actor-add" }, el("summary", { text: "Add this phrase to my actor dictionary" }), actorForm),
    ],
    status);
}
