// Names and colours shared by the views.

export const QUADS = {
  0: "Statement",
  1: "Verbal cooperation",
  2: "Material cooperation",
  3: "Verbal conflict",
  4: "Material conflict",
};

export const QUAD_COLOURS = {
  0: "#7a7f87", 1: "#7fbf5f", 2: "#2e7d32", 3: "#f0a030", 4: "#c62828",
};

export const TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

// Sixteen distinguishable hues, cooperative types cool, conflictual types warm.
const TYPE_PALETTE = [
  "#1f77b4", "#4e9fd6", "#17becf", "#2ca02c", "#98c94f", "#006d5b", "#8c9fb0", "#9467bd",
  "#e377c2", "#bcbd22", "#ff9f1c", "#8c564b", "#d6a03a", "#ff7f0e", "#d62728", "#7f0000",
];

/** Colour of a timeline series key (a quad number or a PLOVER type). */
export function seriesColour(by, key, index) {
  if (by === "quad" && key in QUAD_COLOURS) return QUAD_COLOURS[key];
  const at = TYPES.indexOf(key);
  return TYPE_PALETTE[(at >= 0 ? at : index) % TYPE_PALETTE.length];
}

/** Label of a series key. */
export function seriesLabel(by, key) {
  return by === "quad" && key in QUADS ? `${key} ${QUADS[key]}` : String(key);
}

// Evidence roles in the article view: key in the record, label, highlight colour.
export const ROLES = [
  { role: "actor", label: "Actor", colour: "#bcd7ff" },
  { role: "recipient", label: "Recipient", colour: "#e2c8ff" },
  { role: "trigger", label: "Trigger", colour: "#ffc2b8" },
  { role: "date", label: "Date", colour: "#c4efbd" },
  { role: "place", label: "Place", colour: "#b5ece8" },
  { role: "quantity", label: "Quantity", colour: "#ffe58f" },
];
