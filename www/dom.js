// dom.js — tiny element builders: untrusted text only ever goes in as text nodes, never as HTML.

/**
 * Builds an element. `attrs`: `class`, `text`, `on` (event handlers), `dataset`,
 * `hidden`, and any other key as an attribute (null/false skipped). Children:
 * nodes, strings (text nodes), arrays, null.
 */
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Builds an SVG element, like `h`. */
export function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    else if (key === "text") el.textContent = String(value);
    else if (key === "on") for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (key === "dataset") for (const [k, v] of Object.entries(value)) { if (v !== null && v !== undefined) el.dataset[k] = String(v); }
    else if (key === "hidden") el.hidden = true;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (nodes, strings as text, nested arrays; null skipped). */
export function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Slices `text` by a span's UTF-16 offsets. */
export function sliceSpan(text, span) {
  if (!span) return "";
  return text.slice(span.start_utf16 ?? 0, span.end_utf16 ?? 0);
}

/** A counted noun: plural(3, "figure") → "3 figures". */
export function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

let ids = 0;
/** A fresh element id with a prefix. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}
