// Actor network: nodes are actor codes, arrows go actor -> recipient, laid out by a small
// deterministic force simulation (repulsion between all nodes, springs along edges).

import { activate, clear, el, svg } from "./dom.js";

/** Positions in [0,1]^2 for nodes, Fruchterman-Reingold style, same input -> same layout. */
export function layout(nodes, edges, iterations = 250) {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    return [0.5 + 0.35 * Math.cos(angle), 0.5 + 0.35 * Math.sin(angle)];
  });
  if (n < 2) return n ? [[0.5, 0.5]] : [];
  const links = edges
    .map((e) => [index.get(e.source), index.get(e.target)])
    .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
  const k = Math.sqrt(1 / n);
  let temperature = 0.1;
  const disp = pos.map(() => [0, 0]);
  for (let step = 0; step < iterations; step++) {
    for (const d of disp) { d[0] = 0; d[1] = 0; }
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i][0] - pos[j][0];
        let dy = pos[i][1] - pos[j][1];
        let dist = Math.hypot(dx, dy);
        if (dist < 1e-6) { dx = 1e-3 * (i - j); dy = 1e-3; dist = Math.hypot(dx, dy); }
        const force = (k * k) / dist;
        disp[i][0] += (dx / dist) * force; disp[i][1] += (dy / dist) * force;
        disp[j][0] -= (dx / dist) * force; disp[j][1] -= (dy / dist) * force;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a][0] - pos[b][0];
      const dy = pos[a][1] - pos[b][1];
      const dist = Math.max(1e-6, Math.hypot(dx, dy));
      const force = (dist * dist) / k;
      disp[a][0] -= (dx / dist) * force; disp[a][1] -= (dy / dist) * force;
      disp[b][0] += (dx / dist) * force; disp[b][1] += (dy / dist) * force;
    }
    for (let i = 0; i < n; i++) {
      // A pull to the centre keeps unconnected pieces on the canvas.
      disp[i][0] += (0.5 - pos[i][0]) * 0.6;
      disp[i][1] += (0.5 - pos[i][1]) * 0.6;
      const len = Math.max(1e-9, Math.hypot(disp[i][0], disp[i][1]));
      const move = Math.min(len, temperature);
      pos[i][0] += (disp[i][0] / len) * move;
      pos[i][1] += (disp[i][1] / len) * move;
    }
    temperature = Math.max(0.002, temperature * 0.97);
  }
  // Stretch the result to fill the unit square.
  const xs = pos.map((p) => p[0]);
  const ys = pos.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return pos.map(([x, y]) => [
    x1 > x0 ? (x - x0) / (x1 - x0) : 0.5,
    y1 > y0 ? (y - y0) / (y1 - y0) : 0.5,
  ]);
}

function edgeColour(intensity) {
  if (intensity < -0.5) return "#c62828";
  if (intensity > 0.5) return "#2e7d32";
  return "#6b7280";
}

/** Draw data from GET /network; onPick(node) runs when a node is clicked or activated. */
export function drawNetwork(host, data, width, onPick) {
  clear(host);
  const nodes = data.nodes || [];
  const edges = data.edges || [];
  if (!nodes.length) {
    host.append(el("p", { class: "empty", text: "No actor-to-recipient events for these filters." }));
    return;
  }
  const height = Math.max(220, Math.round(width * 0.62));
  const margin = 48;
  const spots = layout(nodes, edges);
  const at = new Map(nodes.map((node, i) => [node.id, [
    margin + spots[i][0] * (width - 2 * margin),
    margin + spots[i][1] * (height - 2 * margin),
  ]]));
  const radius = (node) => 5 + 2.2 * Math.sqrt(node.events || 1);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const chart = svg("svg", {
    width, height, viewBox: `0 0 ${width} ${height}`, class: "chart network", role: "group",
    "aria-label": `Actor network: ${nodes.length} actors, ${edges.length} links`,
  });
  const defs = svg("defs");
  for (const colour of ["#c62828", "#2e7d32", "#6b7280"]) {
    const marker = svg("marker", {
      id: `arrow-${colour.slice(1)}`, viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto",
    });
    marker.append(svg("path", { d: "M0,0L10,5L0,10z", fill: colour }));
    defs.append(marker);
  }
  chart.append(defs);
  const lines = svg("g", { class: "edges" });
  const maxCount = Math.max(1, ...edges.map((e) => e.count));
  for (const edge of edges) {
    const a = at.get(edge.source);
    const b = at.get(edge.target);
    if (!a || !b || edge.source === edge.target) continue;
    const dist = Math.max(1, Math.hypot(b[0] - a[0], b[1] - a[1]));
    const rb = radius(byId.get(edge.target)) + 2;
    const ra = radius(byId.get(edge.source));
    const colour = edgeColour(edge.mean_intensity);
    const line = svg("line", {
      x1: a[0] + ((b[0] - a[0]) * ra) / dist, y1: a[1] + ((b[1] - a[1]) * ra) / dist,
      x2: b[0] - ((b[0] - a[0]) * rb) / dist, y2: b[1] - ((b[1] - a[1]) * rb) / dist,
      stroke: colour, "stroke-width": (1 + 3 * (edge.count / maxCount)).toFixed(1),
      "marker-end": `url(#arrow-${colour.slice(1)})`,
      "data-source": edge.source, "data-target": edge.target,
    });
    line.append(svg("title", {
      text: `${edge.source} → ${edge.target}: ${edge.count} event${edge.count === 1 ? "" : "s"},`
        + ` mean intensity ${Number(edge.mean_intensity).toFixed(1)}`,
    }));
    lines.append(line);
  }
  chart.append(lines);
  // Labels go on the side away from a node's neighbours (or from the centre), off the edges.
  const neighbours = new Map(nodes.map((node) => [node.id, []]));
  for (const edge of edges) {
    if (edge.source === edge.target) continue;
    neighbours.get(edge.source)?.push(at.get(edge.target));
    neighbours.get(edge.target)?.push(at.get(edge.source));
  }
  const dots = svg("g", { class: "nodes" });
  for (const node of nodes) {
    const [x, y] = at.get(node.id);
    const others = neighbours.get(node.id).filter(Boolean);
    const [cx, cy] = others.length
      ? [others.reduce((t, p) => t + p[0], 0) / others.length,
        others.reduce((t, p) => t + p[1], 0) / others.length]
      : [width / 2, height / 2];
    const [dx, dy] = [x - cx, y - cy];
    const r = radius(node);
    let label = { x, y: y - r - 4, "text-anchor": "middle" };
    if (Math.abs(dx) > Math.abs(dy)) {
      label = { x: x + Math.sign(dx) * (r + 3), y: y + 4, "text-anchor": dx > 0 ? "start" : "end" };
    } else if (dy > 0) {
      label = { x, y: y + r + 12, "text-anchor": "middle" };
    }
    // Keep side labels inside the drawing (about 6.5 px per character at 10.5 px).
    const textW = 6.5 * node.id.length;
    if (label["text-anchor"] === "start" && label.x + textW > width) {
      label = { x: x - r - 3, y: y + 4, "text-anchor": "end" };
    } else if (label["text-anchor"] === "end" && label.x - textW < 0) {
      label = { x: x + r + 3, y: y + 4, "text-anchor": "start" };
    }
    const title = `${node.id}${node.name ? ` (${node.name})` : ""}: ${node.events} events`;
    const group = svg("g", {
      class: "node", tabindex: 0, role: "button", "aria-label": `${title}; filter by this actor`,
      "data-id": node.id,
    });
    group.append(
      svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1) }),
      svg("text", { x: label.x.toFixed(1), y: label.y.toFixed(1),
        "text-anchor": label["text-anchor"], text: node.id }),
      svg("title", { text: title }),
    );
    activate(group, () => onPick(node));
    dots.append(group);
  }
  chart.append(dots);
  host.append(chart);
}
