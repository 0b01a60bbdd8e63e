// table.js — the collection table: sortable headers, and rows rendered by windows as it scrolls (virtual scrolling over Collection.query).
import { h, plural } from "../dom.js";
import { LEVELS } from "../labels.js";
import { int } from "./format.js";

const SIG = Symbol("row signature");
export const ROW_H = 40; // px; every row has this height (one line, ellipsis), so a scroll offset is a row number
const OVERSCAN = 6;
const FETCH_MARGIN = 60;
// Rows made in one frame, at most: a frame that builds a whole window of rows (style, layout and paint of some 300
// elements) is a long task on a busy machine, so a window fills over a few frames, the rows on screen first. While
// a batch runs the workers take the cores, so fewer; a frame's cost is mostly fixed, so not much fewer.
const NEW_ROWS_PER_FRAME = { busy: 4, idle: 8 };

export const COLUMNS = [
  { key: "reference_id", label: "Reference", cls: "c-ref" },
  { key: "date", label: "Date", cls: "c-date" },
  { key: "origin", label: "Origin", cls: "c-origin" },
  { key: "level", label: "Classification", cls: "c-level" },
  { key: "subject", label: "Subject", cls: "c-subject" },
  { key: "paragraphs", label: "Paragraphs", short: "¶", cls: "c-num" },
  { key: "figures", label: "Figures", short: "Fig.", cls: "c-num" },
];

/**
 * Wires the table. opts: { scroller, table, fetch(offset, limit) → Promise<{ total, rows }>, open(key),
 * sort() → { key, desc }, onSort(key), busy() → whether a batch is running (rows are then made more slowly) }.
 */
export function createTable({ scroller, table, fetch, open, sort, onSort, busy = () => false }) {
  const tbody = table.tBodies[0] ?? table.appendChild(h("tbody"));
  const heads = COLUMNS.map((c) => h("th", { scope: "col", class: c.cls, dataset: { key: c.key } },
    h("button", { type: "button", class: "sort", on: { click: () => { onSort(c.key); headers(); } } },
      c.short ? [h("span", { "aria-hidden": "true", text: c.short }), h("span", { class: "visually-hidden", text: c.label })] : c.label),
  ));
  table.tHead.replaceChildren(h("tr", { "aria-rowindex": "1" }, heads));
  let total = 0;
  let cache = { offset: 0, rows: [] };
  let generation = 0;
  let inflight = null;
  let frame = 0;
  let lastKey = "";

  function headers() {
    const s = sort();
    for (const th of heads) {
      const value = th.dataset.key === s.key ? (s.desc ? "descending" : "ascending") : "none";
      if (th.getAttribute("aria-sort") !== value) th.setAttribute("aria-sort", value);
    }
  }

  // The scroll position and height, read when they change (a scroll event, a resize) rather than after DOM
  // changes, where reading them would force a layout in the middle of a frame.
  const metrics = { top: 0, height: 600 };
  function measure() {
    metrics.top = scroller.scrollTop;
    metrics.height = scroller.clientHeight || metrics.height;
  }
  new ResizeObserver(() => { measure(); schedule(); }).observe(scroller);

  /** The rows to draw: those on screen, and while no batch runs a few more above and below, for scrolling. */
  function range() {
    const over = busy() ? 0 : OVERSCAN;
    const first = Math.max(0, Math.floor(metrics.top / ROW_H) - over);
    const count = Math.ceil(metrics.height / ROW_H) + 2 * over;
    return { first, last: Math.min(total, first + count) };
  }

  function covered({ first, last }) {
    return first >= cache.offset && last <= cache.offset + cache.rows.length;
  }

  // Rows are kept by key between draws: a refresh that brings the same rows (the usual case while a batch runs)
  // changes nothing in the DOM, and scrolling only adds and removes the rows at the edges. The spacers' heights are
  // their cells' height attributes: changing a style sheet's rule instead costs every frame a style update.
  const topSpacer = h("tr", { class: "spacer spacer-top", "aria-hidden": "true" }, h("td", { colspan: COLUMNS.length }));
  const bottomSpacer = h("tr", { class: "spacer spacer-bottom", "aria-hidden": "true" }, h("td", { colspan: COLUMNS.length }));
  const topCell = topSpacer.firstChild;
  const bottomCell = bottomSpacer.firstChild;
  tbody.replaceChildren(topSpacer, bottomSpacer);
  let shown = []; // [{ sig, el }] in order

  function draw() {
    frame = 0;
    headers();
    if (table.getAttribute("aria-rowcount") !== String(total + 1)) table.setAttribute("aria-rowcount", String(total + 1));
    const r = range();
    if (!covered(r)) {
      want(r);
      if (!cache.rows.length && total) return;
    }
    const first = Math.min(Math.max(r.first, cache.offset), total);
    const last = Math.max(first, Math.min(r.last, cache.offset + cache.rows.length, total));
    const key = `${generation}:${first}:${last}:${total}`;
    if (key === lastKey) return;
    const old = new Map(shown.map((x) => [x.sig, x.el]));
    const sigOf = (i) => {
      const data = cache.rows[i - cache.offset];
      // Kept on the row: the same rows are drawn again and again while a batch runs.
      return data ? (data[SIG] ??= `${data.key}\u0000${data.sources?.length ?? 1}\u0000${data.subject ?? ""}`) : null;
    };
    // The rows to draw now: those on screen from the top, then the overscan below and above, while at most
    // NEW_ROWS_PER_FRAME of them are new; the rest come in the next frames.
    const top = Math.min(Math.max(first, Math.floor(metrics.top / ROW_H)), last);
    const budget = busy() ? NEW_ROWS_PER_FRAME.busy : NEW_ROWS_PER_FRAME.idle;
    let made = 0;
    const fits = (i) => {
      const sig = sigOf(i);
      if (sig === null) return false;
      if (old.has(sig)) return true;
      if (made >= budget) return false;
      made += 1;
      return true;
    };
    let a = top;
    let b = top;
    while (b < last && fits(b)) b += 1;
    if (b === last) while (a > first && fits(a - 1)) a -= 1;
    const next = [];
    for (let i = a; i < b; i++) {
      const sig = sigOf(i);
      const el = old.get(sig) ?? row(cache.rows[i - cache.offset]);
      old.delete(sig);
      const index = String(i + 2);
      if (el.getAttribute("aria-rowindex") !== index) el.setAttribute("aria-rowindex", index);
      next.push({ sig, el });
    }
    for (const el of old.values()) el.remove(); // rows that left the window, before any is moved
    let cursor = topSpacer.nextSibling;
    for (const { el } of next) {
      if (el === cursor) cursor = cursor.nextSibling;
      else tbody.insertBefore(el, cursor);
    }
    while (cursor && cursor !== bottomSpacer) {
      const after = cursor.nextSibling;
      cursor.remove();
      cursor = after;
    }
    shown = next;
    const above = String(a * ROW_H);
    const below = String(Math.max(0, (total - a - next.length) * ROW_H));
    if (topCell.getAttribute("height") !== above) topCell.setAttribute("height", above);
    if (bottomCell.getAttribute("height") !== below) bottomCell.setAttribute("height", below);
    if (a === first && b === last) lastKey = key;
    else if (made >= budget) schedule(); // the rest of the window in the next frame
  }

  function want({ first, last }) {
    const offset = Math.max(0, first - FETCH_MARGIN);
    const limit = last - first + 2 * FETCH_MARGIN;
    if (inflight && inflight.offset === offset && inflight.gen === generation) return;
    const gen = generation;
    inflight = { offset, gen };
    fetch(offset, limit).then((res) => {
      if (gen !== generation) return;
      inflight = null;
      total = res.total;
      cache = { offset, rows: res.rows };
      lastKey = "";
      schedule();
    }, () => { inflight = null; });
  }

  function schedule() {
    frame ||= requestAnimationFrame(draw);
  }

  function row(r) {
    const level = LEVELS[r.level];
    const copies = r.sources?.length ?? 1;
    const title = r.reference_id ?? (r.source?.name ? `${r.source.name}${r.source.row ? ` row ${r.source.row}` : ""}` : r.key);
    const origin = r.origin ?? r.origin_name ?? "";
    return h("tr", { "data-testid": "collection-row", dataset: { key: r.key }, class: copies > 1 ? "dup" : null },
      h("td", { class: "c-ref" },
        h("button", { type: "button", class: ["link", "mono", r.reference_id ? null : "noid"], text: title, "data-open": r.key, title: "Open this cable" }),
        copies > 1 ? h("span", {
          class: "pill pill-dup", "data-testid": "sources", tabindex: "0",
          title: `The same cable was found ${copies} times:\n${r.sources.map((s) => `${s.name}${s.row ? ` (row ${s.row})` : ""}`).join("\n")}`,
          text: plural(copies, "source"),
        }) : null,
      ),
      h("td", { class: "c-date", text: r.date ?? (r.year ? String(r.year) : "") }),
      h("td", { class: "c-origin", text: origin, title: r.origin_name && r.origin_name !== origin ? r.origin_name : null }),
      // The level's dot is the cell's ::before (style.css): two elements fewer a row.
      h("td", { class: ["c-level", level ? `level-${level.cls}` : "level-none"], text: level?.short ?? "Not stated" }),
      h("td", { class: "c-subject", text: r.subject ?? "", title: r.subject ?? null }),
      h("td", { class: "c-num", text: int(r.paragraphs ?? 0) }),
      h("td", { class: "c-num", text: int(r.figures ?? 0) }),
    );
  }

  tbody.addEventListener("click", (e) => {
    const tr = e.target instanceof Element ? e.target.closest("tr[data-key]") : null;
    if (!tr || (e.target.closest("[data-testid=sources]"))) return;
    open(tr.dataset.key);
  });
  scroller.addEventListener("scroll", () => { measure(); schedule(); }, { passive: true });

  return {
    /** New results (a new query, or the collection grew): the first window and the total. */
    reset(res, offset, { keepScroll = true } = {}) {
      generation += 1;
      inflight = null;
      total = res.total;
      cache = { offset, rows: res.rows };
      lastKey = "";
      if (!keepScroll && metrics.top) {
        scroller.scrollTop = 0;
        metrics.top = 0;
      }
      schedule();
    },
    /** The collection grew (a batch is running): the same rows stay on screen; the table gets longer. */
    grow(newTotal) {
      if (newTotal === total) return;
      total = newTotal;
      lastKey = "";
      schedule();
    },
    /** The window a fresh query should ask for, around what is on screen now. */
    window() {
      const first = Math.max(0, Math.floor(metrics.top / ROW_H) - OVERSCAN);
      const count = Math.ceil(metrics.height / ROW_H) + 2 * OVERSCAN;
      return { offset: Math.max(0, first - FETCH_MARGIN), limit: count + 2 * FETCH_MARGIN };
    },
    get total() { return total; },
    /** Rows are still being drawn (a frame is due). */
    get busy() { return frame !== 0; },
  };
}
