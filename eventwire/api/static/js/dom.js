// DOM helpers. Text is only ever set through text nodes / textContent, never parsed as HTML,
// so article text, sentences and names from the store cannot inject markup or scripts.

const SVG_NS = "http://www.w3.org/2000/svg";

/** Create an HTML element; attrs are set as attributes (or properties for on*-free keys). */
export function el(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** Create an SVG element in the SVG namespace. */
export function svg(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

/** Append children: nodes as they are, strings and numbers as text nodes. */
export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Remove every child of a node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Run fn on click and on Enter/Space, so SVG shapes and rows work from the keyboard. */
export function activate(node, fn) {
  node.addEventListener("click", fn);
  node.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      fn(ev);
    }
  });
}

/** Width available to a chart inside its container (at least a phone's width). */
export function widthOf(node, fallback = 360) {
  const w = Math.floor(node.getBoundingClientRect().width);
  return w > 0 ? w : fallback;
}
