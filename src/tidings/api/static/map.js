// tidings web UI: the offline event map. Country outlines are Natural Earth 1:110m (public domain), shipped as
// /static/world-110m.json (built by scripts/build_world_map.py); no tiles, no network. Plate carrée projection
// drawn as SVG in degrees (x = longitude, y = -latitude). Uses the helpers of app.js at call time.
"use strict";

let worldCache = null;

async function worldOutlines() {
  if (!worldCache) worldCache = await api("/static/world-110m.json");
  return worldCache;
}

function ringPath(ring) {
  return ring.map(([lon, lat], i) => `${i ? "L" : "M"}${lon},${-lat}`).join("") + "Z";
}

// The box to show: the points with a margin (at least 40 x 24 degrees), else the whole world.
function mapBounds(points, aspect) {
  if (!points.length) return [-180, -85, 360, 170];
  const lons = points.map((p) => p.lon), lats = points.map((p) => p.lat);
  let [x0, x1, y0, y1] = [Math.min(...lons) - 12, Math.max(...lons) + 12, Math.min(...lats) - 8, Math.max(...lats) + 8];
  let w = Math.max(x1 - x0, 40), h = Math.max(y1 - y0, 24);
  if (w / h < aspect) w = h * aspect; else h = w / aspect;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  w = Math.min(w, 360); h = Math.min(h, 170);
  return [Math.max(-180, Math.min(cx - w / 2, 180 - w)), Math.max(-85, Math.min(cy - h / 2, 85 - h)), w, h];
}

async function loadMap(params) {
  const form = document.getElementById("map-filters");
  form.reset();
  fillForm(form, params);
  const [world, data] = await Promise.all([worldOutlines(), api(`/api/map?${filterParams(params)}`)]);
  const box = document.getElementById("map-chart");
  const width = Math.max(box.clientWidth || 900, 600), height = 520;
  const [x0, y0, w, h] = mapBounds(data.points, width / height);
  const perPx = w / width;
  const countries = world.features.map((f) => svg("path", { class: "country", "data-iso3": f.properties.iso3 || "",
      d: f.geometry.coordinates.map((poly) => poly.map(ringPath).join("")).join(""), "fill-rule": "evenodd" },
    svg("title", { text: f.properties.name })));
  const maxN = Math.max(1, ...data.points.map((p) => p.n));
  const dots = data.points.map((p) => {
    const types = Object.entries(p.types).map(([t, n]) => `${t} ${n}`).join(", ");
    const next = filterParams(params);
    if (p.name) next.set("place", p.name);
    if (p.country) next.set("location", p.country);
    return svg("circle", { class: "place-dot", cx: p.lon, cy: -p.lat, r: (4 + 14 * Math.sqrt(p.n / maxN)) * perPx,
      fill: TYPE_COLOURS[p.top_type] || "#607d8b", "data-place": p.name || "", "data-n": p.n,
      onclick: () => { location.hash = `#/events?${next}`; } },
      svg("title", { text: `${p.name || "?"} ${p.country || ""}: ${p.n} events (${types})` }));
  });
  // y runs from -north to -south: the viewBox starts at minus the top latitude.
  const view = `${x0} ${-(y0 + h)} ${w} ${h}`;
  box.replaceChildren(svg("svg", { viewBox: view, width, height, role: "img", "aria-label": "event map",
    preserveAspectRatio: "xMidYMid meet", class: "map" },
    svg("rect", { x: x0, y: -(y0 + h), width: w, height: h, class: "sea" }), svg("g", {}, countries), svg("g", {}, dots)));
  document.getElementById("map-note").textContent = data.points.length
    ? `${data.total} of ${data.events} matching events have coordinates, at ${data.points.length} places.`
    : `None of the ${data.events} matching events has coordinates.`;
  const used = [...new Set(data.points.map((p) => p.top_type))];
  document.getElementById("map-legend").replaceChildren(...used.map(typeChip));
}
