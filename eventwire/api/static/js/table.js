// Event table: one focusable row per event; Enter or a click opens the article view.

import { activate, el } from "./dom.js";
import { QUADS } from "./labels.js";

export const PAGE_SIZE = 25;

const COLUMNS = [
  { key: "date", label: "Date", sort: "date" },
  { key: "actor", label: "Actor" },
  { key: "type", label: "Type / quad", sort: "type" },
  { key: "recipient", label: "Recipient" },
  { key: "place", label: "Place" },
  { key: "sentence", label: "Sentence" },
];

function who(party) {
  if (!party) return "";
  return party.code || party.name || party.text || "";
}

function cell(column, record) {
  switch (column) {
    case "date": return record.date ? record.date.value : record.published;
    case "actor": return who(record.actor);
    case "recipient": return who(record.recipient);
    case "place": return record.location ? record.location.name || record.location.text : "";
    case "sentence": return record.sentence;
    default: return "";
  }
}

/**
 * Draw one page of GET /events into the table. sort is the current sort key,
 * onSort(key) and onOpen(record, row) are the callbacks.
 */
export function drawTable(table, page, sort, onSort, onOpen) {
  for (const part of table.querySelectorAll("thead, tbody")) part.remove();
  const head = el("tr");
  for (const column of COLUMNS) {
    const th = el("th", { scope: "col", class: `col-${column.key}` });
    if (column.sort) {
      const active = sort.replace(/^-/, "") === column.sort;
      const descending = sort.startsWith("-");
      th.setAttribute("aria-sort", active ? (descending ? "descending" : "ascending") : "none");
      const next = active && descending ? column.sort : `-${column.sort}`;
      const button = el("button", {
        type: "button", class: "sort", "data-sort": column.sort,
        "aria-label": `Sort by ${column.label.toLowerCase()}`,
      }, column.label, el("span", {
        "aria-hidden": "true", text: active ? (descending ? " ▼" : " ▲") : " ↕",
      }));
      button.addEventListener("click", () => onSort(next));
      th.append(button);
    } else {
      th.textContent = column.label;
    }
    head.append(th);
  }
  table.append(el("thead", {}, head));
  const body = el("tbody");
  for (const record of page.events) {
    const row = el("tr", { tabindex: 0, class: "event-row", "data-id": record.id });
    for (const column of COLUMNS) {
      const td = el("td", { class: `col-${column.key}`, "data-label": column.label });
      if (column.key === "type") {
        const badge = el("span", { class: `quad q${record.quad}`, title: QUADS[record.quad] || "",
          text: record.quad });
        td.append(record.type, " ", badge);
      } else {
        td.textContent = cell(column.key, record);
        const party = record[column.key];
        if (party && party.name && (column.key === "actor" || column.key === "recipient")) {
          td.title = party.name;
        }
      }
      row.append(td);
    }
    activate(row, () => onOpen(record, row));
    body.append(row);
  }
  if (!page.events.length) {
    body.append(el("tr", {}, el("td", { colspan: COLUMNS.length, class: "empty",
      text: "No events match these filters." })));
  }
  table.append(body);
}
