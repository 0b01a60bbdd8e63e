// view.js — the collection view (#collection): progress and cancel, count, search, facets, charts, the table, skipped files, exports.
import { h, plural } from "../dom.js";
import { createBatch, INDEX_BUDGET } from "./controller.js";
import { createTable } from "./table.js";
import { createFacets } from "./facets.js";
import { renderCharts } from "./charts.js";
import { int, size, rate, timeLeft, duration, dynamicRule } from "./format.js";
import { saveBlob } from "../export.js";

const SEARCH_DEBOUNCE_MS = 200;
const REFRESH_MS = 1000; // while a batch runs, the table, facets and count follow it this often
const CHARTS_MS = 3000;

const $ = (id) => document.getElementById(id);

/**
 * Sets up the collection view. opts: { open(key) (read one cable), show() (bring the view forward),
 * closed() (the collection was closed), announce(message) }.
 * Returns { start(items), batch, refresh() }.
 */
export function setupCollection({ open, show, closed, announce }) {
  const ui = {
    root: $("collection"), count: $("collection-count"), progress: $("batch-progress"), bar: $("batch-bar"), fill: $("batch-fill"),
    text: $("batch-text"), cancel: $("batch-cancel"), search: $("collection-search"), clearFilters: $("clear-filters"),
    scroll: $("collection-scroll"), table: $("collection-table"), empty: $("collection-empty"), facets: $("collection-facets"),
    charts: $("collection-charts"), skipped: $("skipped"), skippedSummary: $("skipped-summary"), skippedList: $("skipped-list"),
    note: $("index-note"), csv: $("export-csv"), jsonl: $("export-jsonl"), close: $("close-collection"),
    panel: $("collection-panel"), summary: $("collection-summary"), showBtn: $("show-collection"),
  };
  const fillRule = dynamicRule("#batch-fill");
  const q = { search: "", filters: { level: [], caveat: [], origin: [], year: [], tag: [] }, sort: { key: "date", desc: false } };
  let stats = null;
  let lastProgress = null;
  let refreshTimer = 0;
  let lastRefresh = 0;
  let querying = false;
  let again = false;
  let resetScroll = false;
  let skippedSig = "";
  let chartsAt = 0;
  let stateTurn = 0;

  const batch = createBatch({
    progress: (p) => { lastProgress = p; paintProgress(p); },
    state: async (s) => {
      const turn = ++stateTurn;
      ui.cancel.hidden = s !== "running";
      if (s === "done" || s === "cancelled") {
        // "done" means the table shows the whole collection: say it once a refresh made after the end has painted.
        await settle();
        if (turn !== stateTurn) return; // a newer state (another batch) came meanwhile
        const p = batch.progress;
        announce(s === "done"
          ? `Collection ready: ${plural(p.cables, "cable")} read from ${size(p.bytes)}.`
          : `Cancelled: the collection keeps the ${plural(p.cables, "cable")} read so far.`);
      }
      document.body.dataset.batch = s;
    },
    added: (s) => { stats = s; soon(); },
    error: (message) => announce(message),
  });
  document.body.dataset.batch = "idle";

  const table = createTable({
    scroller: ui.scroll, table: ui.table, open, busy: () => batch.state === "running",
    fetch: (offset, limit) => batch.query({ ...q, offset, limit }),
    sort: () => q.sort,
    onSort: (key) => {
      q.sort = { key, desc: q.sort.key === key ? !q.sort.desc : key === "paragraphs" || key === "figures" };
      resetScroll = true;
      refresh();
    },
  });
  const renderFacets = createFacets(ui.facets, (facet, value) => {
    const list = q.filters[facet];
    const at = list.indexOf(value);
    if (at >= 0) list.splice(at, 1);
    else list.push(value);
    resetScroll = true;
    refresh();
  });

  /** Runs the query for the current window and paints everything from it; coalesces calls made meanwhile. */
  async function refresh() {
    clearTimeout(refreshTimer);
    refreshTimer = 0;
    if (querying) { again = true; return; }
    querying = true;
    lastRefresh = performance.now();
    try {
      const keep = !resetScroll;
      resetScroll = false;
      const win = keep ? table.window() : { offset: 0, limit: table.window().limit };
      const [res, st] = await Promise.all([batch.query({ ...q, ...win }), batch.request("stats")]);
      stats = st;
      // While a batch runs, the page does as little as it can (the workers share the cores with it): the rows on
      // screen stay until the reader scrolls, sorts or filters, or the batch ends (the table only grows longer);
      // facets and charts are redrawn every few seconds, facet counts updated in place between.
      const running = batch.state === "running";
      if (running && keep && table.total) table.grow(res.total);
      else table.reset(res, win.offset, { keepScroll: keep });
      if (!running || !keep || performance.now() - chartsAt > CHARTS_MS) {
        chartsAt = performance.now();
        // In the frames after the table's, so no one task lays out everything.
        await nextFrame();
        renderFacets(res.facets);
        await nextFrame();
        renderCharts(ui.charts, res.charts);
      } else {
        renderFacets.counts(res.facets);
      }
      paintCount(res.total);
      paintSkipped(res.skipped ?? []);
      ui.empty.hidden = res.total > 0 || batch.state === "running";
      ui.empty.textContent = stats?.entries ? "No cable matches the search and filters." : "No cables were found in these files.";
    } catch (err) {
      console.error(err);
      announce(`The collection could not be queried (${err.message}).`);
    } finally {
      querying = false;
      if (again) { again = false; refresh(); }
    }
  }

  /** Resolves once a refresh started now has painted (waiting out one in flight, and any it coalesced). */
  async function settle() {
    while (querying) await nextFrame();
    await refresh();
    while (querying) await nextFrame();
  }

  /** A refresh soon, at most every REFRESH_MS while the collection grows. */
  function soon() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(refresh, Math.max(0, REFRESH_MS - (performance.now() - lastRefresh)));
  }

  function filtered() {
    return !!q.search.trim() || Object.values(q.filters).some((l) => l.length);
  }

  function paintCount(shown) {
    const all = stats?.entries ?? shown;
    ui.count.textContent = `${int(shown)} of ${int(all)} ${all === 1 ? "cable" : "cables"}`;
    ui.count.dataset.shown = String(shown);
    ui.count.dataset.total = String(all);
    const extra = [];
    if (stats?.duplicates) extra.push(`${plural(stats.duplicates, "duplicate")} merged`);
    if (extra.length) ui.count.append(h("span", { class: "muted", text: ` · ${extra.join(" · ")}` }));
    ui.clearFilters.hidden = !filtered();
    ui.summary.textContent = `${plural(all, "cable")}${skippedCount() ? ` · ${int(skippedCount())} skipped` : ""}`;
    if (stats && stats.indexed_text < stats.entries) {
      ui.note.hidden = false;
      ui.note.textContent = `The search index reached its size limit (${size(stats.index_budget ?? INDEX_BUDGET)}): the text of ${int(stats.indexed_text)} cables is searched; for the other ${int(stats.entries - stats.indexed_text)}, only the subject.`;
    } else {
      ui.note.hidden = true;
    }
  }

  let skippedAll = [];
  function skippedCount() {
    return skippedAll.length;
  }

  function paintSkipped(fromCollection) {
    skippedAll = [...(lastProgress?.skipped ?? []), ...fromCollection];
    const sig = `${skippedAll.length}`;
    if (sig === skippedSig) return;
    skippedSig = sig;
    ui.skipped.hidden = !skippedAll.length;
    ui.skippedSummary.textContent = `${plural(skippedAll.length, "file or part", "files or parts")} skipped`;
    const SHOW = 500;
    ui.skippedList.replaceChildren(
      ...skippedAll.slice(0, SHOW).map((s) => h("li", { "data-testid": "skipped-file", dataset: { name: s.name ?? "" } },
        h("span", { class: "mono skipped-name", text: s.name ?? "(unnamed)" }), " — ", h("span", { class: "skipped-reason", text: s.reason ?? "" }))),
      skippedAll.length > SHOW ? h("li", { class: "muted", text: `and ${int(skippedAll.length - SHOW)} more` }) : null,
    );
  }

  function paintProgress(p) {
    const el = ui.progress;
    el.dataset.cables = String(p.cables);
    el.dataset.bytes = String(p.bytes);
    el.dataset.totalBytes = String(p.totalBytes);
    el.dataset.rate = String(Math.round(p.rate));
    const pct = p.totalBytes ? Math.min(100, (100 * p.bytes) / p.totalBytes) : (p.state === "running" ? 0 : 100);
    fillRule.style.transform = `scaleX(${(pct / 100).toFixed(4)})`;
    ui.bar.setAttribute("aria-valuenow", pct.toFixed(0));
    el.dataset.state = p.state;
    const secs = ((p.endedAt || performance.now()) - p.startedAt);
    const parts = [`${plural(p.cables, "cable")}`, `${size(p.bytes)} of ${size(p.totalBytes)}`];
    if (p.state === "running") {
      if (p.bytes && secs > 300) parts.push(rate(p.rate), timeLeft(p.eta));
      ui.text.textContent = `Reading… ${parts.filter(Boolean).join(" · ")}`;
    } else if (p.state === "cancelled") {
      ui.text.textContent = `Cancelled after ${duration(secs)}, at ${size(p.bytes)} of ${size(p.totalBytes)}. The collection keeps the cables read so far.`;
    } else {
      ui.text.textContent = `Read ${plural(p.cables, "cable")} from ${plural(p.files, "file")} (${size(p.totalBytes)}) in ${duration(secs)}${p.bytes && secs > 300 ? `, ${rate(p.rate)}` : ""}.`;
    }
  }

  let searchTimer = 0;
  ui.search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      q.search = ui.search.value;
      resetScroll = true;
      refresh();
    }, SEARCH_DEBOUNCE_MS);
  });
  ui.clearFilters.addEventListener("click", () => {
    for (const k of Object.keys(q.filters)) q.filters[k] = [];
    q.search = "";
    ui.search.value = "";
    resetScroll = true;
    refresh();
    announce("Filters cleared.");
  });
  for (const [button, panel] of [[ui.skippedSummary, ui.skippedList], [$("charts-toggle"), ui.charts]]) {
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      panel.hidden = !open;
    });
  }
  ui.cancel.addEventListener("click", () => batch.cancel());
  ui.showBtn.addEventListener("click", () => show());
  ui.close.addEventListener("click", async () => {
    await batch.clear();
    stats = null;
    skippedAll = [];
    skippedSig = "";
    lastProgress = null;
    ui.root.hidden = true;
    ui.panel.hidden = true;
    closed();
    announce("The collection was closed.");
  });
  ui.csv.addEventListener("click", async () => {
    const text = await batch.exportCsv(queryAll());
    saveBlob("cablescope-collection.csv", new Blob([text], { type: "text/csv" }));
    announce(`Downloading the CSV of ${plural(table.total, "cable")}.`);
  });
  ui.jsonl.addEventListener("click", async () => {
    const btn = ui.jsonl;
    btn.disabled = true;
    const label = btn.textContent;
    try {
      const out = await batch.exportJsonl(queryAll(), (done, total) => { btn.textContent = `Exporting… ${Math.floor((100 * done) / total)}%`; });
      saveBlob("cablescope-collection.jsonl", out.blob);
      announce(`Downloading JSON Lines: ${plural(out.lines, "cable")}${out.failed ? ` (${out.failed} could not be re-read from their files)` : ""}.`);
    } catch (err) {
      announce(`The export stopped (${err.message}).`);
    } finally {
      btn.disabled = false;
      btn.textContent = label;
    }
  });

  function queryAll() {
    return { search: q.search, filters: q.filters, sort: q.sort };
  }

  return {
    batch,
    refresh,
    /** Starts (or extends) a batch with [{ file, path }] and shows the view. */
    async start(items) {
      ui.root.hidden = false;
      ui.panel.hidden = false;
      show();
      const running = batch.state === "running";
      try {
        await batch.start(items);
      } catch (err) {
        // The collection's worker could not start its reader (no wasm SIMD, a failed download).
        announce(`The collection could not start: ${err.message}.`);
        return;
      }
      if (!running) refresh();
      announce(`Reading ${plural(items.length, "file")} into the collection…`);
    },
  };
}

/** Resolves in a task after the next frame has been drawn. */
function nextFrame() {
  return new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
}

