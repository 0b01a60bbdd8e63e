// figures.js — figures: inline marks with a hover/focus card, the sortable table, and the percentages chart (SVG).
import { h, svg, plural } from "./dom.js";
import { QUALIFIERS, FIGURE_KINDS } from "./labels.js";

/** The figure's value as people read it: "more than 70%", "USD 1,200,000", "2005-12-04". */
const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function formatValue(f) {
  const num = (v) => (typeof v === "number" ? NUMBER.format(v) : String(v));
  const unit = (v) => {
    if (f.kind === "percent") return `${num(v)}%`;
    if (f.kind === "money" && /^[A-Z]{3}$/.test(f.unit ?? "")) return `${f.unit} ${num(v)}`;
    return f.unit && f.kind !== "date" && f.kind !== "period" ? `${num(v)} ${f.unit}` : num(v);
  };
  let core;
  if (f.low !== null && f.low !== undefined && f.high !== null && f.high !== undefined && f.low !== f.high) {
    core = f.kind === "percent" ? `${num(f.low)}–${num(f.high)}%` : `${num(f.low)}–${unit(f.high)}`;
  } else if (f.value !== null && f.value !== undefined) {
    core = unit(f.value);
  } else if (f.low ?? f.high) {
    core = unit(f.low ?? f.high);
  } else {
    core = "—";
  }
  const q = f.qualifier && f.qualifier !== "exact" && f.qualifier !== "vague" ? `${QUALIFIERS[f.qualifier] ?? f.qualifier} ` : "";
  return q + core;
}

/** A number to sort and chart by. */
function numeric(f) {
  for (const v of [f.value, f.high, f.low]) if (typeof v === "number") return v;
  if (typeof f.value === "string") return Date.parse(f.value) || 0;
  return Number.NEGATIVE_INFINITY;
}

/**
 * Where each figure stands in a paragraph's clean prose: [{ start, end, figure }] in order.
 * The clean prose joins lines, so the surface form is found with any whitespace between words.
 */
export function locateFigures(text, figures) {
  const out = [];
  let from = 0;
  for (const f of figures) {
    const exact = f.text ? text.indexOf(f.text, from) : -1;
    if (exact >= 0) {
      out.push({ start: exact, end: exact + f.text.length, figure: f });
      from = exact + f.text.length;
      continue;
    }
    const words = String(f.text ?? "").trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    if (!words.length) continue;
    const re = new RegExp(words.join("\\s+"), "g");
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) continue;
    out.push({ start: m.index, end: m.index + m[0].length, figure: f });
    from = m.index + m[0].length;
  }
  return out;
}

/** An inline mark for a figure; the card (see `figureCard`) shows on its hover and focus. */
export function figureMark(text, f) {
  const mark = h("mark", {
    class: ["fig", `fig-${f.kind}`], tabindex: "0", "data-testid": "figure-mark",
    "aria-describedby": "figure-card", dataset: { kind: f.kind },
  }, text);
  mark.cablescopeFigure = f;
  return mark;
}

/**
 * The shared hover/focus card (one element, role="tooltip"), driven by events delegated to `root`
 * (the document, or a widget's shadow root, which events from inside it are not retargeted for).
 */
export function figureCard(el, root = document) {
  let owner = null;
  const hide = (from) => {
    if (from && from !== owner) return;
    owner = null;
    el.hidden = true;
  };
  const show = (anchor, f) => {
    owner = anchor;
    el.replaceChildren(
      h("p", { class: "fc-value", text: formatValue(f) }),
      h("dl", { class: "fc-facts" },
        row("Measures", f.measure ?? "not stated"),
        row("Kind", FIGURE_KINDS[f.kind] ?? f.kind),
        f.unit ? row("Unit", f.unit) : null,
        row("Exactness", QUALIFIERS[f.qualifier] ?? f.qualifier),
        f.grain ? row("Precision", f.grain) : null,
        row("Where", f.paragraph !== null && f.paragraph !== undefined ? `paragraph ${f.paragraph}` : "subject or unnumbered text"),
      ),
      h("p", { class: "fc-text", text: `“${f.text}”` }),
    );
    el.hidden = false;
    const r = anchor.getBoundingClientRect();
    const w = el.offsetWidth;
    // Positioned against the document, or against a positioned ancestor (the widget's root).
    const parent = el.offsetParent && el.offsetParent !== document.body ? el.offsetParent.getBoundingClientRect() : null;
    const x0 = parent ? -parent.left : window.scrollX, y0 = parent ? -parent.top : window.scrollY;
    const left = Math.max(8, Math.min(x0 + r.left, x0 + document.documentElement.clientWidth - w - 8));
    const below = r.bottom + el.offsetHeight + 8 < window.innerHeight;
    el.style.left = `${left}px`;
    el.style.top = `${y0 + (below ? r.bottom + 6 : r.top - el.offsetHeight - 6)}px`;
  };
  const markOf = (e) => e.target instanceof Element ? e.target.closest("mark.fig") : null;
  const enter = (e) => { const m = markOf(e); if (m?.cablescopeFigure && m !== owner) show(m, m.cablescopeFigure); };
  const leave = (e) => { const m = markOf(e); if (m && !m.contains(e.relatedTarget)) hide(m); };
  root.addEventListener("mouseover", enter);
  root.addEventListener("focusin", enter);
  root.addEventListener("mouseout", leave);
  root.addEventListener("focusout", leave);
  root.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
  return { hide, show };
}

function row(k, v) {
  return h("div", {}, h("dt", { text: k }), h("dd", { text: v }));
}

const COLUMNS = [
  { key: "paragraph", label: "¶", get: (f) => f.paragraph ?? -1, show: (f) => (f.paragraph ?? "—") },
  { key: "text", label: "As written", get: (f) => f.text.toLowerCase(), show: null },
  { key: "value", label: "Value", get: numeric, show: formatValue },
  { key: "kind", label: "Kind", get: (f) => f.kind, show: (f) => FIGURE_KINDS[f.kind] ?? f.kind },
  { key: "measure", label: "What it measures", get: (f) => (f.measure ?? "~").toLowerCase(), show: (f) => f.measure ?? "—" },
];

/** The figures section: chart and sortable table. `jump(figure)` shows a figure in the text. */
export function renderFigures(cable, jump) {
  const figures = cable.figures ?? [];
  const section = h("section", { class: "card section", "aria-labelledby": "figures-title", "data-testid": "figures" },
    h("h2", { id: "figures-title", class: "section-title" }, "Figures ", h("span", { class: "count", text: figures.length ? String(figures.length) : "" })),
  );
  if (!figures.length) {
    section.append(h("p", { class: "muted", text: "No figures found in the prose." }));
    return section;
  }
  section.append(chart(cable), table(figures, jump));
  return section;
}

const FIRST_ROWS = 20;

function table(figures, jump) {
  let sort = { key: "paragraph", dir: 1 };
  let all = figures.length <= FIRST_ROWS + 5;
  const tbody = h("tbody");
  const more = h("button", { type: "button", class: "btn btn-secondary btn-small more", on: { click: () => { all = true; fill(); } } });
  const heads = COLUMNS.map((c) => {
    const btn = h("button", { type: "button", class: "sort", text: c.label, on: { click: () => {
      sort = { key: c.key, dir: sort.key === c.key ? -sort.dir : 1 };
      fill();
    } } });
    return h("th", { scope: "col", dataset: { key: c.key } }, btn);
  });
  let shown = [];
  const fill = () => {
    const col = COLUMNS.find((c) => c.key === sort.key);
    const rows = figures.map((f, i) => ({ f, i })).sort((a, b) => {
      const x = col.get(a.f), y = col.get(b.f);
      return (x < y ? -1 : x > y ? 1 : a.i - b.i) * sort.dir;
    });
    for (const th of heads) {
      th.setAttribute("aria-sort", th.dataset.key === sort.key ? (sort.dir > 0 ? "ascending" : "descending") : "none");
    }
    shown = (all ? rows : rows.slice(0, FIRST_ROWS)).map((r) => r.f);
    tbody.replaceChildren(...shown.map((f, i) => h("tr", { "data-testid": "figure-row" },
      COLUMNS.map((c) => c.key === "text"
        ? h("td", {}, h("button", { type: "button", class: "link", text: f.text, title: "Show in the text", dataset: { row: i } }))
        : h("td", { class: c.key === "value" || c.key === "paragraph" ? "num" : null, text: String(c.show(f)) })),
    )));
    more.hidden = all;
    more.textContent = `Show all ${figures.length} figures`;
  };
  tbody.addEventListener("click", (e) => {
    const b = e.target instanceof Element ? e.target.closest("button[data-row]") : null;
    if (b) jump(shown[Number(b.dataset.row)]);
  });
  fill();
  return h("div", { class: "table-wrap" },
    h("table", { class: "figtable" },
      h("caption", { class: "visually-hidden", text: "Figures in the prose; sortable by column" }),
      h("thead", {}, h("tr", {}, heads)),
      tbody,
    ),
    more,
  );
}

/** Percentages by paragraph as a lollipop chart; paragraphs without one still get a tick. */
function chart(cable) {
  const points = (cable.figures ?? [])
    .filter((f) => f.kind === "percent" && typeof numeric(f) === "number" && Number.isFinite(numeric(f)))
    .map((f) => ({ f, p: f.paragraph, v: Math.max(0, Math.min(100, numeric(f))) }));
  const title = "Percentages by paragraph";
  if (!points.length) return h("p", { class: "muted", text: "No percentages to chart." });
  const paras = [...new Set([...(cable.paragraphs ?? []).map((p) => p.number), ...points.map((x) => x.p)].filter((n) => n !== null && n !== undefined))].sort((a, b) => a - b);
  const slots = paras.length ? paras : [null];
  const slotOf = new Map(slots.map((p, i) => [p, i]));
  const W = 640, H = 200, L = 40, R = 12, T = 14, B = 30;
  const x = (p) => {
    const i = slotOf.get(p ?? null) ?? 0;
    return L + (slots.length === 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (slots.length - 1));
  };
  const y = (v) => T + (H - T - B) * (1 - v / 100);
  const seen = new Map();
  const summary = points.map(({ f, p }) => `${p === null || p === undefined ? "unnumbered" : `¶${p}`}: ${formatValue(f)}${f.measure ? ` (${f.measure})` : ""}`).join("; ");
  const s = svg("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${title}. ${summary}`, "data-testid": "chart" },
    svg("title", { text: title }),
    [0, 25, 50, 75, 100].map((v) => [
      svg("line", { class: "grid", x1: L, x2: W - R, y1: y(v), y2: y(v) }),
      svg("text", { class: "axis", x: L - 6, y: y(v) + 4, "text-anchor": "end", text: `${v}%` }),
    ]),
    slots.map((p) => svg("text", { class: "axis", x: x(p), y: H - 10, "text-anchor": "middle", text: p === null ? "—" : `¶${p}` })),
    points.map(({ f, p, v }) => {
      // The n-th percentage of a paragraph sits n × 6 px to the right (counted, not searched: O(n) in all).
      const n = seen.get(p) ?? 0;
      seen.set(p, n + 1);
      const dx = n * 6;
      return svg("g", { class: "pt" },
        svg("line", { class: "stem", x1: x(p) + dx, x2: x(p) + dx, y1: y(0), y2: y(v) }),
        svg("circle", { class: "dot", cx: x(p) + dx, cy: y(v), r: 4.5 }, svg("title", { text: `¶${p ?? "—"}: ${formatValue(f)} — ${f.text}` })),
      );
    }),
  );
  return h("figure", { class: "chart-wrap" }, s, h("figcaption", { class: "hint", text: `${title}: ${plural(points.length, "percentage")} across ${plural(slots.length, "paragraph")}.` }));
}
