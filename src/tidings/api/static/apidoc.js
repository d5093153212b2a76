// The API reference page: renders /openapi.json without Swagger UI (which would need a CDN).
"use strict";

function node(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
}

// Docstrings are written in reST for Sphinx; the page shows them as plain text: roles (:func:`x`),
// literals (``x``) and Google-style section headers become readable words.
function plainText(text) {
  return String(text || "")
    .replace(/:[a-z]+:`~?([^`]+)`/g, (_, name) => name.split(".").slice(-1)[0])
    .replace(/``([^`]+)``/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/\n\s*\n/g, "\n")
    .trim();
}

function typeOf(schema) {
  if (!schema) return "";
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t !== "null").join(" | ");
  if (schema.enum) return schema.enum.join(" | ");
  let text = schema.type || (schema.$ref ? schema.$ref.split("/").pop() : "");
  const bounds = [];
  if (schema.minimum !== undefined) bounds.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) bounds.push(`≤ ${schema.maximum}`);
  if (bounds.length) text += ` (${bounds.join(", ")})`;
  return text;
}

function endpoint(method, path, op) {
  const box = node("section", "endpoint");
  const head = node("h2");
  head.append(node("span", `method method-${method}`, method.toUpperCase()), " ", node("code", null, path));
  box.append(head, node("p", null, plainText(op.summary)));
  if (op.description) box.append(node("p", "muted description", plainText(op.description)));
  const params = op.parameters || [];
  if (params.length) {
    const table = node("table", "data");
    const headRow = node("tr");
    for (const title of ["parameter", "in", "type", "default", "description"]) headRow.append(node("th", null, title));
    table.append(headRow);
    for (const p of params) {
      const row = node("tr");
      const schema = p.schema || {};
      row.append(node("td", null, p.name + (p.required ? " *" : "")), node("td", "muted", p.in), node("td", null, typeOf(schema)),
        node("td", null, schema.default === undefined ? "" : String(schema.default)), node("td", null, plainText(p.description || schema.description || "")));
      table.append(row);
    }
    box.append(table);
  }
  const body = op.requestBody && op.requestBody.content;
  if (body) box.append(node("p", "muted", `Request body: ${Object.keys(body).join(" or ")}`));
  const codes = Object.keys(op.responses || {});
  if (codes.length) box.append(node("p", "muted", `Responses: ${codes.join(", ")}`));
  return box;
}

async function main() {
  const spec = await (await fetch("/openapi.json")).json();
  const out = document.getElementById("endpoints");
  document.title = `${spec.info.title} ${spec.info.version} API`;
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) out.append(endpoint(method, path, op));
  }
  document.body.dataset.ready = "1";
}

main();
