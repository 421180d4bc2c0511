// Map: country outlines (world.json, built offline by scripts/build_world.py) in an
// equirectangular projection, with one circle per place sized by its event count.

import { activate, clear, el, svg } from "./dom.js";

let worldPromise = null;

/** Load the outlines once; rings come delta-encoded in tenths of a degree. */
export function loadWorld() {
  if (!worldPromise) {
    worldPromise = fetch("/static/world.json")
      .then((r) => {
        if (!r.ok) throw new Error(`world.json: ${r.status}`);
        return r.json();
      })
      .then((doc) => doc.countries.map((c) => ({
        id: c.id,
        name: c.name,
        polygons: c.rings.map((poly) => poly.map((flat) => {
          const ring = [];
          let lon = 0;
          let lat = 0;
          for (let i = 0; i < flat.length; i += 2) {
            lon += flat[i];
            lat += flat[i + 1];
            ring.push([lon / 10, lat / 10]);
          }
          return ring;
        })),
      })))
      .catch((err) => {
        worldPromise = null; // let the next draw try again
        throw err;
      });
  }
  return worldPromise;
}

const WORLD = { west: -180, east: 180, south: -58, north: 84 };

/** The lon/lat window to show: the markers' extent with a margin, or the whole world. */
function extent(points, aspect) {
  let box = { ...WORLD };
  if (points.length) {
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    box = {
      west: Math.min(...lons), east: Math.max(...lons),
      south: Math.min(...lats), north: Math.max(...lats),
    };
    const padLon = Math.max(8, (box.east - box.west) * 0.2);
    const padLat = Math.max(6, (box.north - box.south) * 0.2);
    box = {
      west: box.west - padLon, east: box.east + padLon,
      south: box.south - padLat, north: box.north + padLat,
    };
  }
  // Widen the short side so the window has the drawing's aspect ratio.
  let spanLon = box.east - box.west;
  let spanLat = box.north - box.south;
  if (spanLon / spanLat < aspect) spanLon = spanLat * aspect;
  else spanLat = spanLon / aspect;
  const midLon = (box.east + box.west) / 2;
  const midLat = (box.north + box.south) / 2;
  // Keep the window off the empty poles where the markers allow it.
  let north = Math.min(midLat + spanLat / 2, WORLD.north + 4);
  north = Math.max(north, Math.min(WORLD.north + 4, WORLD.south - 4 + spanLat));
  return { west: midLon - spanLon / 2, north, spanLon, spanLat };
}

/**
 * Draw places (GeoJSON from GET /places) over the world at the given width.
 * onPick(place) is called when a marker is clicked or activated with the keyboard.
 */
export function drawMap(host, world, places, width, onPick) {
  clear(host);
  const height = Math.round(width * 0.56);
  const located = (places.features || []).filter((f) => f.geometry && f.geometry.coordinates);
  const box = extent(located.map((f) => f.geometry.coordinates), width / height);
  const k = width / box.spanLon;
  const px = (lon) => (lon - box.west) * k;
  const py = (lat) => (box.north - lat) * k;
  const total = located.reduce((n, f) => n + (f.properties.events || 0), 0);
  const chart = svg("svg", {
    width, height, viewBox: `0 0 ${width} ${height}`, class: "chart map", role: "group",
    "aria-label": `Map of ${located.length} places with ${total} located events`,
  });
  chart.append(svg("rect", { x: 0, y: 0, width, height, class: "sea" }));
  const land = svg("g", { class: "land" });
  for (const country of world) {
    let d = "";
    for (const polygon of country.polygons) {
      for (const ring of polygon) {
        // Rings crossing the antimeridian pass +-180: draw them once more on the other side.
        const lons = ring.map((p) => p[0]);
        const shifts = [0];
        if (Math.max(...lons) > 180) shifts.push(-360);
        if (Math.min(...lons) < -180) shifts.push(360);
        for (const shift of shifts) {
          d += `M${ring.map(([lon, lat]) => `${px(lon + shift).toFixed(1)},${py(lat).toFixed(1)}`)
            .join("L")}Z`;
        }
      }
    }
    const path = svg("path", { d });
    if (country.name) path.append(svg("title", { text: country.name }));
    land.append(path);
  }
  chart.append(land);
  const markers = svg("g", { class: "markers" });
  const sorted = [...located].sort((a, b) => b.properties.events - a.properties.events);
  for (const feature of sorted) {
    const [lon, lat] = feature.geometry.coordinates;
    const p = feature.properties;
    const n = p.events || 1;
    const label = `${p.name || "place"}${p.country ? `, ${p.country}` : ""}: ${n} event${n === 1 ? "" : "s"}`;
    const dot = svg("circle", {
      cx: px(lon).toFixed(1), cy: py(lat).toFixed(1), r: (4 + 3 * Math.sqrt(n)).toFixed(1),
      class: "marker", tabindex: 0, role: "button", "aria-label": label,
      "data-name": p.name || "", "data-events": n,
    });
    dot.append(svg("title", { text: label }));
    activate(dot, () => onPick(feature));
    markers.append(dot);
  }
  chart.append(markers);
  host.append(chart);
  if (!located.length) {
    host.append(el("p", { class: "empty", text: "No located events for these filters." }));
  }
}
