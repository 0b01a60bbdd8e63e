// controller.js — runs a batch: hands files and dump pieces to the parse workers, tracks progress, cancels, talks to the collection worker.
//
// The page thread only moves File handles and small messages: files are read, cut and summarized in the parse
// workers (parse-worker.js), and kept, indexed and queried in the collection worker (collection-worker.js).
import { ACCEPT } from "./intake.js";

const SMALL = 4 * 1024 * 1024; // files up to this size go to the workers in groups, each read whole
const GROUP_FILES = 32;
const CAP = 2; // tasks given to one parse worker at a time
const SLICE_MS = 8; // the longest stretch of planning (files sized and grouped) before the page thread is given back
const PROGRESS_MS = 500; // progress goes to the page at most this often (in an animation frame)
export const INDEX_BUDGET = 96 * 1024 * 1024; // the search index's limit (vocabulary + postings), in bytes

/** How many parse workers: navigator.hardwareConcurrency clamped to 1..4 (2 if unknown). */
export function workerCount() {
  const n = Number(navigator.hardwareConcurrency) || 2;
  return Math.max(1, Math.min(4, n));
}

/**
 * A batch controller. `on`: { progress(p), state(s), added(stats), error(message) }.
 * State: "idle" | "running" | "done" | "cancelled".
 */
export function createBatch(on = {}) {
  const emit = (name, ...args) => on[name]?.(...args);
  const files = new Map(); // source name → File (the texts are never kept: a cable is re-read by offset when opened)
  let collection = null;
  let collectionReady = null;
  let requestId = 0;
  const waiting = new Map();
  let workers = [];
  let state = "idle";
  let queue = []; // jobs not yet given to a worker
  let chunks = []; // dump pieces waiting for a worker
  let nextJob = 1;
  let nextFile = 1;
  const cutters = new Map(); // fileId → worker that cuts it
  let progress = fresh();
  let finishing = false;
  let planning = 0; // calls of start() still sizing and grouping their files
  let run = 0; // bumped by cancel and clear: a start() planning for an older run stops

  function fresh() {
    return { cables: 0, bytes: 0, totalBytes: 0, files: 0, startedAt: 0, endedAt: 0, skipped: [] };
  }

  function setState(s) {
    state = s;
    emit("state", s);
  }

  function startCollection() {
    if (collection) return collectionReady;
    collection = new Worker(new URL("./collection-worker.js", import.meta.url), { type: "module", name: "cablescope-collection" });
    collectionReady = new Promise((ok, fail) => {
      collection.onmessage = (e) => {
        const m = e.data;
        if (m.type === "ready") return ok();
        if (m.type === "failed") return fail(new Error(m.message));
        if (m.type === "added") return emit("added", m.stats);
        if (m.type === "error") return emit("error", m.message);
        const w = waiting.get(m.id);
        if (!w) return;
        waiting.delete(m.id);
        if (m.error) w.fail(new Error(m.error));
        else w.ok(m.result);
      };
      collection.onerror = (e) => fail(new Error(e.message || "the collection worker did not start"));
    });
    collection.postMessage({ type: "init", budget: INDEX_BUDGET });
    return collectionReady;
  }

  /** A request to the collection worker: query, entry, exportCsv, sources, stats, clear, closePorts. */
  async function request(type, payload = {}) {
    await startCollection();
    const id = ++requestId;
    return new Promise((ok, fail) => {
      waiting.set(id, { ok, fail });
      collection.postMessage({ id, type, ...payload });
    });
  }

  function spawn() {
    const worker = new Worker(new URL("./parse-worker.js", import.meta.url), { type: "module", name: "cablescope-parse" });
    const w = { worker, load: 0, tasks: new Map(), ready: false };
    const channel = new MessageChannel();
    collection.postMessage({ type: "port", port: channel.port2 }, [channel.port2]);
    worker.postMessage({ type: "init", port: channel.port1 }, [channel.port1]);
    worker.onmessage = (e) => onWorker(w, e.data);
    worker.onerror = (e) => { e.preventDefault?.(); onWorker(w, { type: "dead", name: null, message: e.message || "the worker stopped" }); };
    return w;
  }

  function taskKey(t) {
    return t.type === "chunk" ? `c${t.fileId}:${t.base}` : `j${t.jobId}`;
  }

  function give(w, task) {
    w.load += task.type === "big" ? 0.5 : 1;
    w.tasks.set(taskKey(task), task);
    if (task.type === "chunk") w.worker.postMessage(task, [task.bytes]);
    else w.worker.postMessage(task);
  }

  function done(w, key) {
    const t = w.tasks.get(key);
    if (!t) return;
    w.tasks.delete(key);
    w.load -= t.type === "big" ? 0.5 : 1;
  }

  /** Gives waiting pieces, then waiting jobs, to the least busy workers. */
  function pump() {
    if (state !== "running") return;
    for (;;) {
      const task = chunks.length ? chunks[0] : queue[0];
      if (!task) break;
      // A dump's pieces go to a worker at once, however busy (the least): they wait in its queue, not here. The
      // cutter's limit of pieces in flight bounds them; held here, each 4 MB buffer would outlive the page
      // thread's young-generation collections and make it run full ones.
      const cap = task.type === "chunk" ? Infinity : CAP;
      const w = workers.filter((x) => x.load < cap).sort((a, b) => a.load - b.load)[0];
      if (!w) break;
      if (task === chunks[0]) chunks.shift();
      else queue.shift();
      if (task.type === "big") cutters.set(task.fileId, w);
      give(w, task);
    }
    maybeFinish();
  }

  function skip(name, reason, bytes = 0) {
    progress.skipped.push({ name, reason });
    progress.bytes += bytes;
    tick();
  }

  function onWorker(w, m) {
    if (!workers.includes(w)) return; // a message from a worker already cancelled or replaced
    switch (m.type) {
      case "ready": w.ready = true; break;
      case "failed": emit("error", `a reader worker could not start (${m.message})`); cancel("failed"); break;
      case "progress": progress.bytes += m.bytes; progress.cables += m.cables; tick(); break;
      case "skipped": skip(m.name, m.reason, m.bytes ?? 0); break;
      case "chunk":
        chunks.push({ type: "chunk", fileId: m.fileId, name: m.name, base: m.base, bytes: m.bytes, length: m.length, size: m.length });
        break;
      case "chunk-done": {
        // The piece's cables are in the collection: counted now (a worker lost before this skips the piece).
        progress.bytes += m.bytes;
        progress.cables += m.cables;
        done(w, `c${m.fileId}:${m.base}`);
        tick();
        break;
      }
      case "chunk-read": cutters.get(m.fileId)?.worker.postMessage({ type: "credit", fileId: m.fileId }); break;
      case "job-done": if (m.jobId !== null) done(w, `j${m.jobId}`); break;
      case "dead": onDead(w, m); return;
      default: return;
    }
    pump();
  }

  /** A worker's reader trapped: skip what it was reading, re-queue the rest of its tasks, start a fresh worker. */
  function onDead(w, m) {
    w.worker.terminate();
    workers = workers.filter((x) => x !== w);
    const why = `the reader stopped on it (${m.message})`;
    for (const t of w.tasks.values()) {
      const failedHere = m.jobId !== null && m.jobId !== undefined && t.jobId === m.jobId;
      // A dump piece's bytes went to the worker with it: they are lost with it (the rest of the file goes on).
      if (t.type === "chunk") skip(t.name, `rows in bytes ${t.base}–${t.base + t.size}: ${why}`, t.size);
      // A file being cut: what was not cut yet is not read.
      else if (t.type === "big") skip(t.name, why, failedHere ? t.size : 0);
      else if (failedHere) for (const it of t.items) skip(it.name, why, it.size);
      else queue.unshift(t);
    }
    if (state === "running") workers.push(spawn());
    pump();
  }

  async function maybeFinish() {
    if (state !== "running" || finishing || planning) return;
    if (queue.length || chunks.length || workers.some((w) => w.tasks.size)) return;
    finishing = true;
    // Every summary posted to the collection worker has been added once each worker has no unacknowledged ones.
    await Promise.all(workers.map((w) => new Promise((ok) => {
      const prev = w.worker.onmessage;
      w.worker.onmessage = (e) => { if (e.data?.type === "drained") { w.worker.onmessage = prev; ok(); } else prev(e); };
      w.worker.postMessage({ type: "drain", id: 0 });
    })));
    finishing = false;
    if (state !== "running") return;
    if (planning || queue.length || chunks.length || workers.some((w) => w.tasks.size)) return pump();
    progress.endedAt = performance.now();
    setState("done");
    tick(true);
  }

  let frame = 0;
  let timer = 0;
  let shown = 0;
  /** Progress goes to the page at most every PROGRESS_MS, in an animation frame (`now`: at once). Each paint is a
   * frame of style, layout and paint on the page thread, which shares the cores with the workers: two a second say
   * as much as sixty. The bar steps; a transition between paints would keep the compositor drawing sixty frames a
   * second for the whole batch. */
  function tick(now = false) {
    if (now) {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      frame = timer = 0;
      paint();
      return;
    }
    if (frame || timer) return;
    const wait = PROGRESS_MS - (performance.now() - shown);
    if (wait > 0) timer = setTimeout(() => { timer = 0; frame = requestAnimationFrame(paint); }, wait);
    else frame = requestAnimationFrame(paint);
  }

  function paint() {
    frame = 0;
    shown = performance.now();
    emit("progress", snapshot());
  }

  function snapshot() {
    const end = progress.endedAt || performance.now();
    const secs = Math.max(0.001, (end - progress.startedAt) / 1000);
    const rate = progress.bytes / secs;
    const left = progress.totalBytes - progress.bytes;
    return { ...progress, skipped: progress.skipped.slice(), rate, eta: rate > 0 ? left / rate : Infinity, state };
  }

  /** A name unique in this collection: the path, with " (2)" before the extension if another file had it. */
  function register(file, path) {
    let name = path || file.name;
    if (files.has(name) && files.get(name) !== file) {
      const dot = name.lastIndexOf(".");
      const [stem, ext] = dot > name.lastIndexOf("/") + 1 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
      let n = 2;
      while (files.has(`${stem} (${n})${ext}`)) n += 1;
      name = `${stem} (${n})${ext}`;
    }
    files.set(name, file);
    return name;
  }

  /**
   * Starts (or adds to) a batch: `items` are [{ file, path }]. Files are sized and grouped in slices of at most
   * SLICE_MS, the page thread given back between them: each `file.size` of a picked file asks the browser process
   * (a synchronous round trip, slow when the cores are busy), so a folder of thousands of files is planned over many
   * short tasks. The workers start on the first jobs meanwhile.
   */
  async function start(items) {
    await startCollection();
    const mine = run;
    if (state !== "running") {
      progress = fresh();
      progress.startedAt = performance.now();
      setState("running");
      const n = workerCount();
      while (workers.length < n) workers.push(spawn());
    }
    planning += 1;
    const group = [];
    let groupBytes = 0;
    const flush = () => {
      if (group.length) queue.push({ type: "files", jobId: nextJob++, items: group.splice(0) });
      groupBytes = 0;
    };
    try {
      let sliceStart = performance.now();
      for (const { file, path } of items) {
        if (performance.now() - sliceStart > SLICE_MS) {
          flush();
          tick();
          pump();
          await nextTask();
          if (mine !== run) return; // cancelled or cleared meanwhile
          sliceStart = performance.now();
        }
        const label = path || file.name;
        const size = file.size; // once: every read of it is a round trip to the browser process
        progress.files += 1;
        progress.totalBytes += size;
        if (!ACCEPT.test(file.name)) {
          progress.skipped.push({ name: label, reason: "not read: only .txt, .html and .csv files hold cables" });
          progress.bytes += size;
          continue;
        }
        const name = register(file, path);
        if (size > SMALL) {
          queue.push({ type: "big", jobId: nextJob++, fileId: nextFile++, file, name, size });
          continue;
        }
        if (group.length >= GROUP_FILES || groupBytes + size > SMALL) flush();
        group.push({ file, name, size });
        groupBytes += size;
      }
      flush();
    } finally {
      planning -= 1;
    }
    tick(true);
    pump();
  }

  /** Stops at once: the parse workers are terminated; what the collection holds stays. */
  function cancel(why = "cancelled") {
    if (state !== "running") return;
    run += 1;
    for (const w of workers) w.worker.terminate();
    workers = [];
    queue = [];
    chunks = [];
    cutters.clear();
    finishing = false;
    progress.endedAt = performance.now();
    const final = why === "failed" ? "done" : "cancelled";
    state = final; // nothing more is handed out from here
    tick(true);
    // Summaries the stopped workers posted that the collection has not taken yet are dropped with their ports: once
    // the collection answers, it holds all it ever will of this batch, and the page is told.
    request("closePorts").catch(() => {}).then(() => { if (state === final) emit("state", final); });
  }

  /** Empties the collection and forgets the files. */
  async function clear() {
    cancel();
    run += 1;
    files.clear();
    progress = fresh();
    await request("clear");
    setState("idle");
  }

  /** The bytes of one source of a cable, re-read from its file. */
  async function readSource(source) {
    const file = files.get(source.name);
    if (!file) throw new Error(`the file ${source.name} is no longer available`);
    return new Uint8Array(await file.slice(source.start, source.end).arrayBuffer());
  }

  /** JSON Lines of the filtered, sorted set, made in a worker: resolves to { blob, lines, failed }. */
  async function exportJsonl(q, onStep = () => {}) {
    const items = await request("sources", { q });
    const needed = {};
    for (const [name] of items) if (files.has(name)) needed[name] = files.get(name);
    const worker = new Worker(new URL("./export-worker.js", import.meta.url), { type: "module", name: "cablescope-export" });
    try {
      return await new Promise((ok, fail) => {
        worker.onmessage = (e) => {
          if (e.data.type === "progress") onStep(e.data.done, e.data.total);
          if (e.data.type === "done") ok(e.data);
        };
        worker.onerror = (e) => fail(new Error(e.message || "the export stopped"));
        worker.postMessage({ files: needed, items });
      });
    } finally {
      worker.terminate();
    }
  }

  return {
    start, cancel, clear, request, readSource, exportJsonl,
    query: (q) => request("query", { q }),
    entry: (key) => request("entry", { key }),
    exportCsv: (q) => request("exportCsv", { q }),
    hasFile: (name) => files.has(name),
    get state() { return state; },
    get progress() { return snapshot(); },
  };
}

/** Resolves in a new task (a message to itself: no timer clamping), so the page can run what waits meanwhile. */
function nextTask() {
  return new Promise((ok) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => { port1.close(); ok(); };
    port2.postMessage(null);
  });
}
