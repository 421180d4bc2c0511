// Timeline: stacked bars of event counts per day or week, one colour per quad or type.

import { clear, el, svg } from "./dom.js";
import { seriesColour, seriesLabel } from "./labels.js";

const DAY = 86400000;

function parseDay(text) {
  return Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10));
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Draw data from GET /timeline into host at the given width. */
export function drawTimeline(host, data, width) {
  clear(host);
  const series = data.series || [];
  const step = data.interval === "week" ? 7 * DAY : DAY;
  const buckets = new Map(); // day ms -> [{key, count}]
  series.forEach((s) => {
    for (const p of s.points) {
      const at = parseDay(p.date);
      if (!buckets.has(at)) buckets.set(at, []);
      buckets.get(at).push({ key: s.key, count: p.count });
    }
  });
  if (!buckets.size) {
    host.append(el("p", { class: "empty", text: "No dated events for these filters." }));
    return;
  }
  const height = 200;
  const pad = { left: 34, right: 8, top: 10, bottom: 26 };
  const days = [...buckets.keys()].sort((a, b) => a - b);
  const first = days[0];
  const last = days[days.length - 1];
  const slots = Math.round((last - first) / step) + 1;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slotW = plotW / slots;
  const barW = Math.max(3, Math.min(40, slotW * 0.8));
  let max = 1;
  for (const parts of buckets.values()) max = Math.max(max, parts.reduce((n, p) => n + p.count, 0));
  const y = (v) => pad.top + plotH - (v / max) * plotH;
  const x = (ms) => pad.left + ((ms - first) / step) * slotW + (slotW - barW) / 2;
  const total = [...buckets.values()].flat().reduce((n, p) => n + p.count, 0);
  const chart = svg("svg", {
    width, height, viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart",
    "aria-label": `${total} events over ${days.length} ${data.interval === "week" ? "weeks" : "days"}`
      + ` from ${isoDay(first)} to ${isoDay(last)}`,
  });
  const axis = svg("g", { class: "axis" });
  const ticks = Math.min(4, max);
  for (let i = 0; i <= ticks; i++) {
    const v = Math.round((max * i) / ticks);
    axis.append(
      svg("line", { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: "grid" }),
      svg("text", { x: pad.left - 4, y: y(v) + 4, "text-anchor": "end", text: v }),
    );
  }
  // Date labels evenly spaced in time (snapped to a bucket), the outer ones flush to the ends.
  const labels = first === last ? 1 : Math.max(2, Math.min(5, Math.floor(plotW / 110)));
  for (let i = 0; i < labels; i++) {
    const at = first + Math.round((i * (slots - 1)) / Math.max(1, labels - 1)) * step;
    const anchor = labels === 1 ? "middle" : i === 0 ? "start" : i === labels - 1 ? "end" : "middle";
    const lx = anchor === "start" ? pad.left : anchor === "end" ? width - pad.right
      : x(at) + barW / 2;
    axis.append(svg("text", { x: lx, y: height - 8, "text-anchor": anchor, text: isoDay(at) }));
  }
  chart.append(axis);
  const keys = series.map((s) => s.key);
  const bars = svg("g", { class: "bars" });
  for (const at of days) {
    let base = 0;
    const parts = buckets.get(at).sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key));
    for (const part of parts) {
      const colour = seriesColour(data.by, part.key, keys.indexOf(part.key));
      const rect = svg("rect", {
        x: x(at), y: y(base + part.count), width: barW,
        height: Math.max(1, y(base) - y(base + part.count)), fill: colour,
        "data-key": part.key, "data-date": isoDay(at),
      });
      rect.append(svg("title", {
        text: `${isoDay(at)} · ${seriesLabel(data.by, part.key)}: ${part.count}`,
      }));
      bars.append(rect);
      base += part.count;
    }
  }
  chart.append(bars);
  host.append(chart);
  const legend = el("ul", { class: "legend" });
  series.forEach((s, i) => {
    const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
    swatch.style.background = seriesColour(data.by, s.key, i);
    const count = s.points.reduce((n, p) => n + p.count, 0);
    legend.append(el("li", {}, swatch, `${seriesLabel(data.by, s.key)} (${count})`));
  });
  host.append(legend);
}
