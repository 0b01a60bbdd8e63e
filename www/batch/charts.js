// charts.js — SVG bar charts of the collection (cables per year, per classification, per origin), accessible: role=img, a title, each bar titled.
import { h, svg } from "../dom.js";
import { LEVELS } from "../labels.js";
import { int } from "./format.js";
import { label } from "./facets.js";

const LEVEL_ORDER = ["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"];

/** Renders the three charts from a query's `charts` ({ year, level, origin }) into `root`. */
export function renderCharts(root, charts) {
  const sig = JSON.stringify(charts ?? null);
  if (root.cablescopeCharts === sig) return;
  root.cablescopeCharts = sig;
  const years = [...(charts?.year ?? [])].filter((d) => d.value !== null).sort((a, b) => a.value - b.value);
  const levels = [...(charts?.level ?? [])].sort((a, b) => rank(a.value) - rank(b.value));
  const origins = [...(charts?.origin ?? [])].slice(0, 20);
  root.replaceChildren(
    figure("year", "Cables per year", columns(years, "year")),
    figure("level", "Cables per classification", bars(levels, "level")),
    figure("origin", `Cables per origin${origins.length >= 20 ? " (top 20)" : ""}`, bars(origins, "origin")),
  );
  function figure(id, title, body) {
    return h("figure", { class: ["cchart", `cchart-${id}`] },
      h("figcaption", { class: "cchart-title", text: title }),
      body ? body(id, title) : h("p", { class: "hint", text: "Nothing to chart yet." }),
    );
  }
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
    const W = 300, H = 150, L = 30, R = 4, T = 8, B = 22;
    const bw = (W - L - R) / slots.length;
    const y = (v) => T + (H - T - B) * (1 - v / max);
    const ticks = niceTicks(max);
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
    const row = 16, W = 300, L = 92, R = 34, T = 4;
    const H = T * 2 + data.length * row;
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
