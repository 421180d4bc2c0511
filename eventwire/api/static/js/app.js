// eventwire's analyst UI: filters in the URL, then a timeline, a map, an actor network, an
// event table and an article view with highlighted evidence, all drawn from the local API.

import { getJSON } from "./api.js";
import { drawArticle } from "./article.js";
import { clear, el, widthOf } from "./dom.js";
import { QUADS, TYPES } from "./labels.js";
import { drawMap, loadWorld } from "./map.js";
import { drawNetwork } from "./network.js";
import { FILTER_KEYS, filterKey, filterParams, readState, toSearch } from "./state.js";
import { drawTable, PAGE_SIZE } from "./table.js";
import { drawTimeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const form = $("filters");
const statusLine = $("status");
const dialog = $("article");

let state = readState();
let loaded = { filters: null, table: null, timeline: null, event: null };
const cache = { timeline: null, places: null, network: null, world: null };
let articleDepth = 0; // history entries the open article view added (closing goes back over them)
let returnFocus = null;

function setStatus(message, isError = false) {
  statusLine.textContent = message;
  statusLine.classList.toggle("error", isError);
}

/** Move to a new state: a new history entry (or a replaced one), then draw what changed. */
function go(changes, { replace = false } = {}) {
  state = { ...state, ...changes };
  const url = `${window.location.pathname}${toSearch(state)}`;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  render();
}

function fillForm() {
  for (const key of FILTER_KEYS) {
    const input = form.elements.namedItem(key);
    if (!input) continue;
    if (input.type === "checkbox") input.checked = state[key] === "true";
    else input.value = state[key];
  }
  const active = FILTER_KEYS.filter((key) => state[key]).length;
  $("filter-count").textContent = active ? `(${active} active)` : "";
  $("interval").value = state.interval;
  $("by").value = state.by;
  $("sort").value = state.sort;
}

function formState() {
  const out = {};
  for (const key of FILTER_KEYS) {
    const input = form.elements.namedItem(key);
    if (!input) continue;
    out[key] = input.type === "checkbox" ? (input.checked ? "true" : "") : input.value.trim();
  }
  for (const key of ["actor", "recipient", "country"]) out[key] = out[key].toUpperCase();
  return out;
}

let problems = []; // what went wrong in the current round of loads, shown together

/** Run one load; on failure say so and forget its key, so the same view can be retried. */
async function guarded(what, job, slot = "") {
  const key = slot ? loaded[slot] : null;
  try {
    await job();
  } catch (err) {
    if (slot && loaded[slot] === key) loaded[slot] = null;
    problems.push(`Could not load the ${what}: ${err.message}`);
    setStatus(problems.join(" · "), true);
  }
}

async function loadTable(key) {
  const params = { ...filterParams(state), sort: state.sort, limit: PAGE_SIZE, offset: state.offset };
  const page = await getJSON("/events", params);
  if (loaded.table !== key) return; // a newer state asked for another page meanwhile
  drawTable($("events"), page, state.sort, (sort) => go({ sort, offset: "0" }),
    (record, row) => { returnFocus = row; openEvent(record.id); });
  const offset = Number(state.offset) || 0;
  const shown = page.events.length;
  $("page-info").textContent = page.total
    ? `${offset + 1}–${offset + shown} of ${page.total}` : "0 events";
  $("prev").disabled = offset <= 0;
  $("next").disabled = offset + shown >= page.total;
}

function drawTimelineNow() {
  if (cache.timeline) drawTimeline($("timeline"), cache.timeline, widthOf($("timeline")));
}

function drawMapNow() {
  if (cache.places && cache.world) {
    drawMap($("map"), cache.world, cache.places, widthOf($("map")), showPlace);
  }
}

function drawNetworkNow() {
  if (cache.network) {
    drawNetwork($("network"), cache.network, widthOf($("network")),
      (node) => go({ actor: node.id, offset: "0" }));
  }
}

async function loadTimeline(key) {
  const data = await getJSON("/timeline",
    { ...filterParams(state), interval: state.interval, by: state.by });
  if (loaded.timeline !== key) return;
  cache.timeline = data;
  drawTimelineNow();
}

async function loadPlaces(key) {
  const [world, places] = await Promise.all([
    loadWorld(), getJSON("/places", { ...filterParams(state), limit: 500 }),
  ]);
  if (loaded.filters !== key) return;
  cache.world = world;
  cache.places = places;
  $("place").hidden = true;
  drawMapNow();
}

async function loadNetwork(key) {
  const data = await getJSON("/network", { ...filterParams(state), limit: 60 });
  if (loaded.filters !== key) return;
  cache.network = data;
  drawNetworkNow();
}

/** A marker was picked: list its events (open one from the list) and offer a place filter. */
async function showPlace(feature) {
  const p = feature.properties;
  const box = $("place");
  box.hidden = false;
  $("place-h").textContent = `${p.name || "Place"}${p.country ? `, ${p.country}` : ""}: `
    + `${p.events} event${p.events === 1 ? "" : "s"}`;
  const list = clear($("place-events"));
  $("place-filter").dataset.name = p.name || "";
  $("place-filter").hidden = !p.name;
  for (const id of p.event_ids || []) {
    const button = el("button", { type: "button", class: "link", "data-id": id, text: id });
    button.addEventListener("click", () => { returnFocus = button; openEvent(id); });
    list.append(el("li", {}, button));
  }
  // Replace the ids by their sentences once known.
  await Promise.all([...list.querySelectorAll("button")].map(async (button) => {
    try {
      const data = await getJSON(`/events/${encodeURIComponent(button.dataset.id)}`);
      button.textContent = `${data.event.type} · ${data.event.sentence}`;
    } catch {
      // keep the id
    }
  }));
}

function openEvent(id) {
  articleDepth = dialog.open ? articleDepth + 1 : 1;
  go({ event: id });
}

function closeEvent() {
  if (dialog.open) dialog.close();
}

async function loadEvent(key) {
  const data = await getJSON(`/events/${encodeURIComponent(key)}`);
  if (loaded.event !== key) return;
  const parts = {
    title: $("article-title"), source: $("article-source"), facts: $("article-facts"),
    legend: $("article-legend"), text: $("article-text"), mentions: $("article-mentions"),
    mentionsBox: $("article-mentions-box"),
  };
  const first = drawArticle(parts, data, openEvent);
  if (!dialog.open) dialog.showModal();
  $("article-close").focus();
  if (first) first.scrollIntoView({ block: "center" });
}

/** Fetch and draw whatever the current state needs that is not on screen yet. */
async function render() {
  fillForm();
  problems = [];
  statusLine.classList.remove("error");
  const filters = filterKey(state);
  const tableKey = `${filters}|${state.sort}|${state.offset}`;
  const timelineKey = `${filters}|${state.interval}|${state.by}`;
  const jobs = [];
  if (loaded.table !== tableKey) {
    loaded.table = tableKey;
    jobs.push(guarded("events", () => loadTable(tableKey), "table"));
  }
  if (loaded.timeline !== timelineKey) {
    loaded.timeline = timelineKey;
    jobs.push(guarded("timeline", () => loadTimeline(timelineKey), "timeline"));
  }
  if (loaded.filters !== filters) {
    loaded.filters = filters;
    jobs.push(guarded("map", () => loadPlaces(filters), "filters"),
      guarded("network", () => loadNetwork(filters), "filters"));
  }
  if (state.event && loaded.event !== state.event) {
    loaded.event = state.event;
    jobs.push(guarded("article", () => loadEvent(state.event), "event"));
  } else if (!state.event) {
    loaded.event = null;
    articleDepth = 0;
    closeEvent();
  }
  if (jobs.length) setStatus("Loading…");
  await Promise.all(jobs);
  if (!statusLine.classList.contains("error")) setStatus("");
  document.body.dataset.ready = "true";
}

function setUp() {
  // On a phone the filters fold away so the views come first.
  if (window.matchMedia("(max-width: 720px)").matches) $("filter-box").open = false;
  const typeSelect = form.elements.namedItem("type");
  for (const type of TYPES) typeSelect.append(el("option", { value: type, text: type }));
  const quadSelect = form.elements.namedItem("quad");
  for (const [quad, label] of Object.entries(QUADS)) {
    quadSelect.append(el("option", { value: quad, text: `${quad} ${label}` }));
  }
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    go({ ...formState(), offset: "0", event: "" });
  });
  form.addEventListener("reset", (ev) => {
    ev.preventDefault();
    const empty = Object.fromEntries(FILTER_KEYS.map((k) => [k, ""]));
    go({ ...empty, offset: "0", event: "" });
  });
  $("interval").addEventListener("change", (ev) => go({ interval: ev.target.value }));
  $("by").addEventListener("change", (ev) => go({ by: ev.target.value }));
  $("sort").addEventListener("change", (ev) => go({ sort: ev.target.value, offset: "0" }));
  $("prev").addEventListener("click", () => go({
    offset: String(Math.max(0, (Number(state.offset) || 0) - PAGE_SIZE)) }));
  $("next").addEventListener("click", () => go({
    offset: String((Number(state.offset) || 0) + PAGE_SIZE) }));
  $("place-filter").addEventListener("click", (ev) => {
    const name = ev.currentTarget.dataset.name;
    if (name) go({ near: name, offset: "0" });
  });
  $("article-close").addEventListener("click", closeEvent);
  dialog.addEventListener("close", () => {
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    if (!state.event) return;
    if (articleDepth > 0) window.history.go(-articleDepth);
    else go({ event: "" }, { replace: true });
    articleDepth = 0;
  });
  window.addEventListener("popstate", () => {
    state = readState();
    articleDepth = state.event ? Math.max(0, articleDepth - 1) : 0;
    render();
  });
  let actorTimer = 0;
  const suggest = async (ev) => {
    const q = ev.target.value.trim();
    window.clearTimeout(actorTimer);
    if (q.length < 2) return;
    actorTimer = window.setTimeout(() => guarded("actor list", async () => {
      const { actors } = await getJSON("/actors", { q, limit: 12 });
      const list = clear($("actor-codes"));
      for (const a of actors) {
        list.append(el("option", { value: a.code, text: `${a.name || a.code} (${a.events})` }));
      }
    }), 200);
  };
  form.elements.namedItem("actor").addEventListener("input", suggest);
  form.elements.namedItem("recipient").addEventListener("input", suggest);
  let resizeTimer = 0;
  let lastWidth = window.innerWidth;
  window.addEventListener("resize", () => {
    if (window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => { drawTimelineNow(); drawMapNow(); drawNetworkNow(); }, 150);
  });
  getJSON("/health").then((h) => {
    $("health").textContent = `${h.articles} articles · ${h.events} events · ${h.stories} stories`;
  }).catch(() => { $("health").textContent = "API not reachable"; });
}

setUp();
render();
