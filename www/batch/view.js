// view.js — the collection view (#collection): progress and cancel, count, search, facets, charts, the table, skipped files, exports.
import { h, plural } from "../dom.js";
import { createBatch, INDEX_BUDGET } from "./controller.js";
import { createTable } from "./table.js";
import { createFacets } from "./facets.js";
import { chartSteps } from "./charts.js";
import { int, size, rate, timeLeft, duration, dynamicRule } from "./format.js";
import { saveBlob } from "../export.js";

const SEARCH_DEBOUNCE_MS = 200;
const REFRESH_MS = 1000; // while a batch runs, the table, facets and count follow it this often
const CHARTS_MS = 3000; // and the charts this often

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
  let started = 0; // refreshes started
  let painted = 0; // the last refresh whose table and count are on screen (not cut short by a newer one)
  let settled = []; // [{ after, ok }]: resolved once a refresh started after `after` has painted them
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
  const facetSteps = createFacets(ui.facets, (facet, value) => {
    const list = q.filters[facet];
    const at = list.indexOf(value);
    if (at >= 0) list.splice(at, 1);
    else list.push(value);
    resetScroll = true;
    refresh();
  });

  /**
   * Runs the query for the current window and paints everything from it; coalesces calls made meanwhile (a call
   * while one is in flight cuts that one short: the newer one paints). The page thread shares the cores with the
   * workers while a batch runs, so no frame does much: the table's rows come first, a few a frame (table.js); then
   * the count, the facets and each chart get frames of their own, and a facet that makes elements (new values) gets
   * one to itself. Counts and bars that only grew change in place.
   */
  async function refresh() {
    clearTimeout(refreshTimer);
    refreshTimer = 0;
    if (querying) { again = true; return; }
    querying = true;
    const mine = ++started;
    lastRefresh = performance.now();
    try {
      const keep = !resetScroll;
      resetScroll = false;
      // While a batch runs, the rows on screen stay until the reader scrolls, sorts or filters, or the batch ends
      // (the table only grows longer): no rows are asked for then.
      const grow = batch.state === "running" && keep && table.total > 0;
      const win = grow ? { offset: 0, limit: 0 } : keep ? table.window() : { offset: 0, limit: table.window().limit };
      const [res, st] = await Promise.all([batch.query({ ...q, ...win }), batch.request("stats")]);
      if (again) return; // a newer refresh was asked for meanwhile: it paints instead
      stats = st;
      const running = batch.state === "running";
      if (grow && !running) again = true; // the batch ended meanwhile: the final rows are needed, so ask again
      else if (!grow) table.reset(res, win.offset, { keepScroll: keep });
      // Groups of steps, a frame apart; in a group, a step that returns true (it made elements) ends the frame too,
      // and one that returns "more" is called again in the next frame until it is done.
      const groups = [
        [() => {
          if (grow && running) table.grow(res.total);
          paintCount(res.total);
          ui.empty.hidden = res.total > 0 || batch.state === "running";
          ui.empty.textContent = stats?.entries ? "No cable matches the search and filters." : "No cables were found in these files.";
          return paintSkipped(res.skipped ?? []);
        }],
        facetSteps(res.facets),
      ];
      if (!running || !keep || performance.now() - chartsAt > CHARTS_MS) {
        chartsAt = performance.now();
        groups.push(...chartSteps(ui.charts, res.charts).map((step) => [step]));
      }
      // New rows are drawn in the frames after this task; the rest waits for them. Growing, the count goes at once.
      let pause = !grow;
      let cut = false;
      for (const [i, group] of groups.entries()) {
        for (const step of group) {
          let done;
          do {
            if (pause) {
              do await nextFrame(); while (table.busy);
            }
            if (again) { cut = true; break; } // a newer refresh will paint it all
            done = step();
            pause = done === true || done === "more";
          } while (done === "more");
          if (cut) break;
        }
        if (cut) break;
        pause = true;
        if (i === 0) {
          // The rows and the count are on screen once this frame is drawn: whoever waits for them goes on (the
          // facets and charts follow).
          await nextFrame();
          pause = false;
          painted = mine;
          resolveSettled();
        }
      }
    } catch (err) {
      console.error(err);
      announce(`The collection could not be queried (${err.message}).`);
      painted = mine;
    } finally {
      querying = false;
      resolveSettled();
      if (again) { again = false; refresh(); }
    }
  }

  function resolveSettled() {
    settled = settled.filter((w) => (painted > w.after ? (w.ok(), false) : true));
  }

  /**
   * Resolves once a refresh started from now on has painted the table and the count (one in flight is cut short
   * and runs again); its facets and charts follow in the next frames.
   */
  function settle() {
    return new Promise((ok) => {
      settled.push({ after: started, ok });
      refresh();
    });
  }

  /** A refresh soon, at most every REFRESH_MS while the collection grows (it never cuts short one in flight). */
  function soon(delay = Math.max(0, REFRESH_MS - (performance.now() - lastRefresh))) {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = 0;
      if (querying) soon(100);
      else refresh();
    }, delay);
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

  /** The skipped files' list; true when it was made again (new elements). */
  function paintSkipped(fromCollection) {
    skippedAll = [...(lastProgress?.skipped ?? []), ...fromCollection];
    const sig = `${skippedAll.length}`;
    if (sig === skippedSig) return false;
    skippedSig = sig;
    ui.skipped.hidden = !skippedAll.length;
    ui.skippedSummary.textContent = `${plural(skippedAll.length, "file or part", "files or parts")} skipped`;
    const SHOW = 500;
    ui.skippedList.replaceChildren(
      ...skippedAll.slice(0, SHOW).map((s) => h("li", { "data-testid": "skipped-file", dataset: { name: s.name ?? "" } },
        h("span", { class: "mono skipped-name", text: s.name ?? "(unnamed)" }), " — ", h("span", { class: "skipped-reason", text: s.reason ?? "" }))),
      skippedAll.length > SHOW ? h("li", { class: "muted", text: `and ${int(skippedAll.length - SHOW)} more` }) : null,
    );
    return true;
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
      // The view is laid out in a frame of its own before the workers start compiling their readers beside it.
      if (!running) await Promise.race([nextFrame(), new Promise((ok) => setTimeout(ok, 100))]);
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

