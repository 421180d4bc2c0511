// Article view: the whole article text with every evidence span of one event highlighted.
// Built from text nodes only: article text is data, never markup.

import { clear, el } from "./dom.js";
import { QUADS, ROLES } from "./labels.js";

/**
 * The record's offsets count Unicode code points (Python strings); JavaScript strings count
 * UTF-16 units. Return a function mapping one to the other for this text.
 */
export function offsetMapper(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const units = [];
  let unit = 0;
  for (const ch of text) {
    units.push(unit);
    unit += ch.length;
  }
  units.push(unit);
  return (i) => units[Math.min(Math.max(i, 0), units.length - 1)];
}

/** The event's evidence spans as {role, text, start, end} in code points. */
export function spansOf(record) {
  const spans = [];
  const add = (role, part) => {
    if (part && Number.isInteger(part.start) && Number.isInteger(part.end) && part.end > part.start) {
      spans.push({ role, text: part.text, start: part.start, end: part.end });
    }
  };
  add("actor", record.actor);
  add("recipient", record.recipient);
  add("trigger", record.trigger);
  add("date", record.date);
  add("place", record.location);
  for (const q of record.quantities || []) add("quantity", q);
  return spans;
}

const COLOUR = Object.fromEntries(ROLES.map((r) => [r.role, r.colour]));

/** Where the event's sentence sits in the article: the occurrence around the trigger. */
function sentenceRange(text, sentence, near) {
  if (!sentence) return null;
  let found = null;
  let from = 0;
  for (;;) {
    const at = text.indexOf(sentence, from);
    if (at < 0) break;
    found = found || [at, at + sentence.length];
    if (near !== null && at <= near && near <= at + sentence.length) return [at, at + sentence.length];
    from = at + 1;
  }
  return found;
}

/** Fill host with the article text, highlighting the spans; returns the first mark. */
export function renderHighlighted(host, text, record) {
  clear(host);
  const map = offsetMapper(text);
  const spans = spansOf(record).map((s) => ({ ...s, from: map(s.start), to: map(s.end) }));
  const trigger = spans.find((s) => s.role === "trigger");
  const sentence = sentenceRange(text, record.sentence, trigger ? trigger.from : null);
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.from); cuts.add(s.to); }
  if (sentence) { cuts.add(sentence[0]); cuts.add(sentence[1]); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  let first = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const roles = [...new Set(spans.filter((s) => s.from <= a && b <= s.to).map((s) => s.role))];
    const inSentence = sentence && sentence[0] <= a && b <= sentence[1];
    if (roles.length) {
      const mark = el("mark", { class: `hl${inSentence ? " in-sentence" : ""}`,
        "data-roles": roles.join(" "), title: roles.join(", ") });
      mark.textContent = piece;
      const colours = roles.map((r) => COLOUR[r]);
      mark.style.background = colours.length === 1 ? colours[0]
        : `linear-gradient(to bottom, ${colours.map((c, j) => `${c} ${(100 * j) / colours.length}%, `
          + `${c} ${(100 * (j + 1)) / colours.length}%`).join(", ")})`;
      host.append(mark);
      first = first || mark;
    } else if (inSentence) {
      host.append(el("span", { class: "sentence", text: piece }));
    } else {
      host.append(document.createTextNode(piece));
    }
  }
  return first;
}

function fact(list, term, value) {
  if (value === null || value === undefined || value === "") return;
  list.append(el("dt", { text: term }), el("dd", { text: value }));
}

function party(p) {
  if (!p) return null;
  return [p.code, p.name && p.name !== p.code ? p.name : null].filter(Boolean).join(" · ");
}

/**
 * Fill the article dialog's parts from GET /events/{id}.
 * onMention(id) opens another mention of the same story.
 */
export function drawArticle(parts, data, onMention) {
  const { event: record, article } = data;
  parts.title.textContent = article.title || `Article ${article.id}`;
  const source = [article.source, article.published, article.url].filter(Boolean).join(" · ");
  parts.source.textContent = source;
  clear(parts.facts);
  fact(parts.facts, "Type", `${record.type}${record.mode ? ` (${record.mode})` : ""}`);
  fact(parts.facts, "Quad", `${record.quad} ${QUADS[record.quad] || ""}`);
  fact(parts.facts, "CAMEO", record.cameo);
  fact(parts.facts, "Intensity", record.intensity);
  fact(parts.facts, "Actor", party(record.actor));
  fact(parts.facts, "Recipient", party(record.recipient));
  fact(parts.facts, "Date", record.date ? `${record.date.value} (${record.date.precision})` : null);
  if (record.location) {
    const l = record.location;
    const where = [l.name, l.admin1, l.country].filter(Boolean).join(", ");
    fact(parts.facts, "Place", l.lat !== null && l.lat !== undefined
      ? `${where} (${Number(l.lat).toFixed(2)}, ${Number(l.lon).toFixed(2)})` : where);
  }
  if (record.attribution) fact(parts.facts, "Said by", record.attribution.text);
  fact(parts.facts, "Modality", record.modality);
  fact(parts.facts, "Confidence", record.confidence);
  clear(parts.legend);
  const spans = spansOf(record);
  for (const { role, label, colour } of ROLES) {
    const mine = spans.filter((s) => s.role === role);
    const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
    swatch.style.background = colour;
    const what = mine.length ? mine.map((s) => `“${s.text}”`).join(", ") : "—";
    parts.legend.append(el("li", { "data-role": role }, swatch, el("strong", { text: label }), " ", what));
  }
  const first = renderHighlighted(parts.text, article.text, record);
  clear(parts.mentions);
  const others = (data.mentions || []).filter((m) => m.id !== record.id);
  parts.mentionsBox.hidden = !others.length;
  for (const m of others) {
    const button = el("button", { type: "button", class: "link" },
      `${m.published} · ${m.sentence}`);
    button.addEventListener("click", () => onMention(m.id));
    parts.mentions.append(el("li", {}, button));
  }
  return first;
}
