// The view's state lives in the URL query string, so any view can be shared, reloaded and
// walked with back/forward.

export const FILTER_KEYS = [
  "actor", "recipient", "country", "type", "quad", "since", "until", "text", "near", "stories",
];
const VIEW_DEFAULTS = { sort: "-date", offset: "0", interval: "day", by: "quad", event: "" };

/** Read the state from a query string. */
export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const key of FILTER_KEYS) state[key] = params.get(key) || "";
  for (const [key, fallback] of Object.entries(VIEW_DEFAULTS)) {
    state[key] = params.get(key) || fallback;
  }
  if (state.stories !== "true") state.stories = "";
  return state;
}

/** The query string for a state; defaults are left out to keep shared links short. */
export function toSearch(state) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (state[key]) params.set(key, state[key]);
  for (const [key, fallback] of Object.entries(VIEW_DEFAULTS)) {
    if (state[key] && state[key] !== fallback) params.set(key, state[key]);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

/** Only the filter part, as API query parameters. */
export function filterParams(state) {
  const out = {};
  for (const key of FILTER_KEYS) if (state[key]) out[key] = state[key];
  return out;
}

/** A stable string of the filters, to tell whether data must be fetched again. */
export function filterKey(state) {
  return new URLSearchParams(filterParams(state)).toString();
}
