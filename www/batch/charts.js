// charts.js — SVG bar charts of the collection (cables per year, per classification, per origin), accessible: role=img, a title, each bar titled.
//
// A chart is described first as plain objects (`h` and `svg` below: tag, attributes, children), which cost little to
// make; the chart shown is then brought to the description in place, and elements are made only where it lacks some
// (the usual case while a collection grows: the same bars, longer, and now and then a new one), a few dozen a frame
// at most: far less work for the page thread than a chart made anew, which is what a busy machine needs.
import { LEVELS } from "../labels.js";
import { int } from "./format.js";
import { label } from "./facets.js";

const LEVEL_ORDER = ["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"];
// Each chart keeps one size whatever its data (the year chart's is fixed; the bar charts have room for every level
// and for the top 20 origins), and so does its placeholder: a chart that changes never moves the rest of the page,
// which would make the page lay out and paint everything below it again.
const W = 300;
const YEAR_H = 150;
const ROW = 16;
const PAD = 4;
const ROWS = { level: LEVEL_ORDER.length + 1, origin: 20 };
const SVG_NS = "http://www.w3.org/2000/svg";
const CHARTS = ["year", "level", "origin"];

// Elements (and text nodes) one step makes at most: a chart of 20 bars is some 100, which in one frame is a long
// task on a busy machine; the rest come in the next frames.
const NEW_PER_STEP = 40;

/**
 * The charts' rendering in three steps, one per chart, for a caller that spreads them over frames. A step does
 * nothing if its chart's data did not change; otherwise the chart shown takes the new one's attributes and texts in
 * place, element by element, and only elements it lacks are made (a growing collection's charts mostly change
 * lengths and numbers). A step returns false if it made no element, true if it made some, and "more" if it made as
 * many as one step may and must be called again (in a later frame) to finish its chart.
 */
export function chartSteps(root, charts) {
  return CHARTS.map((id) => () => {
    const data = charts?.[id] ?? [];
    const sig = JSON.stringify(data);
    const old = root.querySelector(`:scope > figure.cchart-${id}`);
    if (old && old.cablescopeChart === sig) return false;
    const next = id === "year" ? yearChart(data) : id === "level" ? levelChart(data) : originChart(data);
    const budget = { left: NEW_PER_STEP, cut: false };
    let el = old;
    if (el) el = reconcile(el, next, budget);
    else {
      el = make(next, budget);
      root.insertBefore(el, CHARTS.slice(CHARTS.indexOf(id) + 1).map((x) => root.querySelector(`:scope > figure.cchart-${x}`)).find(Boolean) ?? null);
    }
    el.cablescopeChart = budget.cut ? null : sig;
    return budget.cut ? "more" : budget.left < NEW_PER_STEP;
  });
}

/** A described element: attributes as in dom.js (`class` may be a list, `text` is its text; null ones are left out). */
function describe(ns, tag, attrs, children) {
  const list = [];
  const kids = [];
  for (const key in attrs) {
    const value = attrs[key];
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") kids.push(String(value));
    else list.push([key, key === "class" && Array.isArray(value) ? value.filter(Boolean).join(" ") : String(value)]);
  }
  flatten(children, kids);
  return { ns, tag, attrs: list, children: kids };
}

function flatten(children, out) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) flatten(c, out);
    else out.push(c);
  }
}
const h = (tag, attrs, ...children) => describe(null, tag, attrs, children);
const svg = (tag, attrs, ...children) => describe(SVG_NS, tag, attrs, children);

/** The elements of a description, as many as `budget` allows (its children first come first; `cut` says some did not). */
function make(d, budget) {
  budget.left -= 1;
  if (typeof d === "string") return document.createTextNode(d);
  const el = d.ns ? document.createElementNS(d.ns, d.tag) : document.createElement(d.tag);
  for (const [k, v] of d.attrs) el.setAttribute(k, v);
  for (const c of d.children) {
    if (budget.left <= 0) {
      budget.cut = true;
      break;
    }
    el.append(make(c, budget));
  }
  return el;
}

function sameKind(el, d) {
  if (typeof d === "string") return el.nodeType === Node.TEXT_NODE;
  return el.nodeType === Node.ELEMENT_NODE && el.localName === d.tag && el.namespaceURI === (d.ns ?? "http://www.w3.org/1999/xhtml");
}

/**
 * Brings the shown `el` to the description `d`, child by child: attributes and texts that differ are set, children
 * it lacks are made (within `budget`), extra ones removed, and a child of another kind replaced. Returns the element
 * that stands for `d` (`el`, or its replacement).
 */
function reconcile(el, d, budget) {
  if (!sameKind(el, d)) {
    const fresh = make(d, budget);
    el.replaceWith(fresh);
    return fresh;
  }
  if (typeof d === "string") {
    if (el.data !== d) el.data = d;
    return el;
  }
  for (const [k, v] of d.attrs) if (el.getAttribute(k) !== v) el.setAttribute(k, v);
  if (el.attributes.length !== d.attrs.length) {
    const keep = new Set(d.attrs.map(([k]) => k));
    for (const { name } of [...el.attributes]) if (!keep.has(name)) el.removeAttribute(name);
  }
  const kids = el.childNodes;
  while (kids.length > d.children.length) el.lastChild.remove();
  for (let i = 0; i < d.children.length; i++) {
    if (i < kids.length) reconcile(kids[i], d.children[i], budget);
    else if (budget.left > 0) el.append(make(d.children[i], budget));
    else {
      budget.cut = true;
      break;
    }
  }
  return el;
}

function yearChart(data) {
  const years = [...data].filter((d) => d.value !== null).sort((a, b) => a.value - b.value);
  return figure("year", "Cables per year", columns(years, "year"));
}

function levelChart(data) {
  return figure("level", "Cables per classification", bars([...data].sort((a, b) => rank(a.value) - rank(b.value)), "level"));
}

function originChart(data) {
  const origins = data.slice(0, 20);
  return figure("origin", `Cables per origin${origins.length >= 20 ? " (top 20)" : ""}`, bars(origins, "origin"));
}

function figure(id, title, body) {
  return h("figure", { class: ["cchart", `cchart-${id}`] },
    h("figcaption", { class: "cchart-title", text: title }),
    body ? body(id, title) : empty(id, title),
  );
}

/** The place of a chart without data yet: its size, and a note. */
function empty(id, title) {
  const H = id === "year" ? YEAR_H : PAD * 2 + ROWS[id] * ROW;
  return svg("svg", { class: "cchart-svg", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${title}: nothing to chart yet.`, "data-testid": `chart-${id}` },
    svg("text", { class: "axis", x: W / 2, y: Math.min(H / 2, 40), "text-anchor": "middle", text: "Nothing to chart yet." }),
  );
}

function rank(v) {
  const i = LEVEL_ORDER.indexOf(v);
  return i < 0 ? 99 : i;
}

function summary(data, facet) {
  return data.map((d) => `${label(facet, d.value)}: ${int(d.count)}`).join("; ");
}

/** Vertical bars along a time axis (years). */
function columns(data, facet) {
  if (!data.length) return null;
  return (id, title) => {
    // Years without cables between the first and the last get an empty slot, so the axis is time.
    const first = data[0].value, lastYear = data[data.length - 1].value;
    const span = lastYear - first + 1;
    const slots = span <= 80 ? Array.from({ length: span }, (_, i) => first + i) : data.map((d) => d.value);
    const byYear = new Map(data.map((d) => [d.value, d.count]));
    const max = Math.max(...data.map((d) => d.count));
    const ticks = niceTicks(max);
    // Room at the left for the longest tick label (about 6 units a character at the axis's font size).
    const L = Math.max(30, 8 + 6 * Math.max(...ticks.map((v) => int(v).length)));
    const H = YEAR_H, R = 4, T = 8, B = 22;
    const bw = (W - L - R) / slots.length;
    const y = (v) => T + (H - T - B) * (1 - v / max);
    const every = Math.max(1, Math.ceil(slots.length / 8));
    return svg("svg", { class: "cchart-svg", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${title}. ${summary(data, facet)}`, "data-testid": `chart-${id}` },
      svg("title", { text: title }),
      ticks.map((v) => [
        svg("line", { class: "grid", x1: L, x2: W - R, y1: y(v), y2: y(v) }),
        svg("text", { class: "axis", x: L - 5, y: y(v) + 3.5, "text-anchor": "end", text: int(v) }),
      ]),
      slots.map((yr, i) => {
        const n = byYear.get(yr) ?? 0;
        const x = L + i * bw;
        return svg("g", { class: "bar" },
          n ? svg("rect", { x: x + Math.min(1, bw * 0.1), y: y(n), width: Math.max(1, bw - Math.min(2, bw * 0.2)), height: H - B - y(n), rx: 1.5 },
            svg("title", { text: `${yr}: ${int(n)} ${n === 1 ? "cable" : "cables"}` })) : null,
          i % every === 0 ? svg("text", { class: "axis", x: x + bw / 2, y: H - 8, "text-anchor": "middle", text: String(yr) }) : null,
        );
      }),
    );
  };
}

/** Horizontal bars, one row per value (classifications, origins). */
function bars(data, facet) {
  if (!data.length) return null;
  return (id, title) => {
    const max = Math.max(...data.map((d) => d.count));
    const row = ROW, L = 92, R = 34, T = PAD;
    const H = T * 2 + Math.max(ROWS[facet] ?? 0, data.length) * row;
    const x = (v) => ((W - L - R) * v) / max;
    return svg("svg", { class: "cchart-svg", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${title}. ${summary(data, facet)}`, "data-testid": `chart-${id}` },
      svg("title", { text: title }),
      data.map((d, i) => {
        const yy = T + i * row;
        const name = label(facet, d.value);
        const cls = facet === "level" ? `level-${LEVELS[d.value]?.cls ?? "none"}` : null;
        return svg("g", { class: ["bar", cls] },
          svg("text", { class: "axis", x: L - 6, y: yy + row / 2 + 3.5, "text-anchor": "end", text: name.length > 15 ? `${name.slice(0, 14)}…` : name }),
          svg("rect", { x: L, y: yy + 2, width: Math.max(1, x(d.count)), height: row - 5, rx: 1.5 },
            svg("title", { text: `${name}: ${int(d.count)} ${d.count === 1 ? "cable" : "cables"}` })),
          svg("text", { class: "axis value", x: L + x(d.count) + 4, y: yy + row / 2 + 3.5, text: int(d.count) }),
        );
      }),
    );
  };
}

function niceTicks(max) {
  const step = Math.pow(10, Math.floor(Math.log10(Math.max(1, max))));
  const unit = max / step > 5 ? step * 2 : max / step > 2 ? step : Math.max(1, step / 2);
  const out = [];
  for (let v = 0; v <= max; v += unit) out.push(Math.round(v));
  return out;
}
