// bench-batch.mjs — issue 5's batch budgets, on a synthetic cables.csv dump (scripts/make-csv-dump.py):
//   1. the page in headless Chromium: the dump picked in #file-input (the collection view reads it in workers),
//      timed from setInputFiles to body[data-batch="done"] with #collection-count filled: >= 50 MB/s end to end,
//      the tab's memory sampled every 500 ms throughout: < 500 MB at its peak, and the page thread's long tasks
//      (PerformanceObserver "longtask") from the pick until the table is filled: each < 50 ms (the issue's "no
//      main-thread task over 50 ms while a batch runs"); the longest are printed with the scripts that ran in their
//      frames (Long Animation Frames), to find the culprit;
//   2. the native CLI on the same file (`cablescope --format jsonl DUMP > /dev/null`): >= 200 MB/s.
// MB = 10^6 bytes. Exits 1 when a budget is not met (or a run fails), 0 when all pass.
//
// Usage: node scripts/bench-batch.mjs [--mb N] [--cli-runs N] [--no-cli] [--no-browser] [--no-build] [--no-memory] [--profile] [--timeout S]
//   --mb N       size of the dump in MiB (default 1024: bench-data/dump-1g.csv; else bench-data/dump-<N>m.csv).
//                An existing dump of that size is reused; bench-data/ is gitignored.
//   --cli-runs N run the CLI N times (default 3) and judge its median run.
//   --no-build   do not run `cargo build --release` first (the page's wasm is never built here: run
//                scripts/build-wasm.sh, or `make bench-batch`, which does).
//   --no-memory  time the page without sampling its memory (the samples cost a little CPU; the budget on memory
//                is then not checked).
//   --profile    run V8's sampling profiler (1 ms) in the page thread (from the pick) and in every worker (from its
//                start), and print each thread's busy and idle time with the functions that took the most of it. Wasm
//                functions are named when the package keeps its name section: `WASM_NAMES=1 scripts/build-wasm.sh`.
//                The profiler costs a little speed: the budgets are still printed, not meant to be judged from it.
//   --timeout S  give up on the page after S seconds (default 900).
//
// What "the tab's memory" counts, per sample, summed over the page and each of its dedicated workers (attached
// through a raw CDP connection with Target.setAutoAttach, flattened; service workers are not part of the tab):
//   JS heap       Runtime.getHeapUsage usedSize (live V8 heap)
//   array buffers Runtime.getHeapUsage backingStorageSize (ArrayBuffers, e.g. file slices, and external strings;
//                 V8 keeps them outside its heap)
//   wasm          byteLength of the memory of every wasm instance created in that context (a script evaluated
//                 before the page's scripts, and in each worker while it is paused at start, wraps
//                 WebAssembly.instantiate/instantiateStreaming/Instance to list them: no heap walk, no forced GC).
//                 Wasm memory is counted in neither of the two above.
// The budget is checked on their sum. For context, the peak resident set (VmRSS, /proc) of the largest renderer
// process is printed too: it adds Chromium's own memory (DOM, layout, compiled code, allocator slack).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BUDGET_PAGE_MBS = 50;
const BUDGET_MEMORY_MB = 500;
const BUDGET_CLI_MBS = 200;
const BUDGET_TASK_MS = 50;
const SAMPLE_MS = 500;
const MB = 1e6;
const ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
];

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(name);
const SIZE_MIB = Number(option("--mb", 1024));
const TIMEOUT_S = Number(option("--timeout", 900));
const CLI_RUNS = Number(option("--cli-runs", 3));
if (!(SIZE_MIB > 0) || !(TIMEOUT_S > 0) || !(Number.isInteger(CLI_RUNS) && CLI_RUNS > 0)) {
  console.error("usage: node scripts/bench-batch.mjs [--mb N] [--cli-runs N] [--no-cli] [--no-browser] [--no-build] [--no-memory] [--profile] [--timeout S]");
  process.exit(2);
}

const fmt = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const verdict = (ok) => (ok ? "PASS" : "FAIL");
const results = []; // { name, ok }

// ---------------------------------------------------------------------------------------------------------------
// 1. The dump.

/** Makes (or reuses) the dump; returns { path, bytes, rows } (rows: null when reused without its record). */
function dump() {
  const dir = join(ROOT, "bench-data");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, SIZE_MIB === 1024 ? "dump-1g.csv" : `dump-${SIZE_MIB}m.csv`);
  const record = `${path}.json`; // { bytes, rows } as make-csv-dump.py reported them
  const wanted = SIZE_MIB * 1024 * 1024;
  if (existsSync(path) && Math.abs(statSync(path).size - wanted) <= wanted * 0.02) {
    let rows = null;
    try {
      const r = JSON.parse(readFileSync(record, "utf8"));
      if (r.bytes === statSync(path).size) rows = r.rows;
    } catch { /* no record: the row count is not checked */ }
    console.log(`dump: reusing ${path} (${fmt(statSync(path).size)}${rows ? `, ${rows} rows` : ""})`);
    return { path, bytes: statSync(path).size, rows };
  }
  console.log(`dump: writing ${path} (${SIZE_MIB} MiB) with scripts/make-csv-dump.py …`);
  const t = performance.now();
  const run = spawnSync("python3", [join(ROOT, "scripts/make-csv-dump.py"), "--out", path, "--size", String(SIZE_MIB)], { encoding: "utf8", stdio: ["ignore", "inherit", "pipe"] });
  if (run.status !== 0) {
    console.error(run.stderr);
    throw new Error("make-csv-dump.py failed");
  }
  const m = /(\d+) rows, \d+ copies, (\d+) bytes/.exec(run.stderr);
  const bytes = statSync(path).size;
  const rows = m && Number(m[2]) === bytes ? Number(m[1]) : null;
  writeFileSync(record, `${JSON.stringify({ bytes, rows })}\n`);
  console.log(`dump: ${fmt(bytes)}, ${rows ?? "?"} rows, in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { path, bytes, rows };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. The native CLI.

async function benchCli(d) {
  if (!flag("--no-build")) {
    console.log("cli: cargo build --release …");
    const build = spawnSync("cargo", ["build", "--release", "--bin", "cablescope"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    if (build.status !== 0) {
      console.log("cli: FAIL (the build failed)");
      results.push({ name: "cli", ok: false });
      return;
    }
  }
  const bin = join(ROOT, "target/release/cablescope");
  console.log(`cli: target/release/cablescope --format jsonl ${d.path.replace(`${ROOT}/`, "")} > /dev/null, ${CLI_RUNS} runs`);
  const rates = [];
  let code = 0;
  for (let run = 1; run <= CLI_RUNS && code === 0; run++) {
    const out = openSync("/dev/null", "w");
    const t = performance.now();
    code = await new Promise((ok) => {
      const child = spawn(bin, ["--format", "jsonl", d.path], { stdio: ["ignore", out, "inherit"] });
      child.on("exit", (c, sig) => ok(sig ? sig : c));
      child.on("error", (e) => { console.error(`cli: ${e.message}`); ok(-1); });
    });
    const secs = (performance.now() - t) / 1000;
    closeSync(out);
    rates.push(d.bytes / MB / secs);
    console.log(`cli: run ${run}: ${fmt(d.bytes)} in ${secs.toFixed(2)} s = ${rates.at(-1).toFixed(1)} MB/s${code === 0 ? "" : ` (exit ${code})`}`);
  }
  // The median run: this machine's speed drifts by a fifth from minute to minute, and one run catches a slow spell.
  const sorted = [...rates].sort((a, b) => a - b);
  const rate = sorted[Math.floor((sorted.length - 1) / 2)];
  const ok = code === 0 && rate >= BUDGET_CLI_MBS;
  console.log(`cli: median ${rate.toFixed(1)} MB/s (runs ${sorted[0].toFixed(1)}–${sorted.at(-1).toFixed(1)}; budget >= ${BUDGET_CLI_MBS} MB/s) ${verdict(ok)}${code === 0 ? "" : ` (exit ${code})`}`);
  results.push({ name: "cli", ok });
}

// ---------------------------------------------------------------------------------------------------------------
// 3. The page. A raw CDP connection (a second client beside Playwright's pipe) reaches the workers' heaps.

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

/** A minimal flattened-session CDP client over the browser's WebSocket endpoint. */
async function cdpConnect(endpoint) {
  const require = createRequire(import.meta.url);
  const WebSocket = globalThis.WebSocket ?? require("playwright-core/lib/utilsBundle").ws;
  const sock = new WebSocket(endpoint, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  await new Promise((ok, fail) => {
    sock.addEventListener("open", ok, { once: true });
    sock.addEventListener("error", (e) => fail(e.error ?? new Error("CDP connection failed")), { once: true });
  });
  let next = 0;
  const waiting = new Map();
  const listeners = [];
  sock.addEventListener("message", (ev) => {
    const m = JSON.parse(typeof ev.data === "string" ? ev.data : ev.data.toString());
    if (m.id !== undefined) {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (w) (m.error ? w.fail(new Error(`${w.method}: ${m.error.message}`)) : w.ok(m.result));
    } else {
      for (const l of listeners) l(m);
    }
  });
  return {
    send(method, params = {}, sessionId = undefined, timeoutMs = 5000) {
      const id = ++next;
      sock.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      return new Promise((ok, fail) => {
        const timer = setTimeout(() => { waiting.delete(id); fail(new Error(`${method}: timed out`)); }, timeoutMs);
        waiting.set(id, { method, ok: (r) => { clearTimeout(timer); ok(r); }, fail: (e) => { clearTimeout(timer); fail(e); } });
      });
    },
    on(listener) { listeners.push(listener); },
    close() { sock.close(); },
  };
}

/**
 * Evaluated in the page (before its scripts) and in each dedicated worker (before it runs): keeps a list of the
 * memory of every wasm instance created there, wrapping WebAssembly.instantiate, instantiateStreaming and Instance
 * (results unchanged), so each sample can read their sizes without a heap walk.
 */
const TRACK_WASM = `(() => {
  if (globalThis.__benchWasm) return;
  const seen = [];
  Object.defineProperty(globalThis, "__benchWasm", { value: seen });
  const W = WebAssembly;
  const { instantiate, instantiateStreaming, Instance } = W;
  const keep = (instance) => {
    const m = instance && instance.exports && instance.exports.memory;
    if (m instanceof W.Memory && !seen.includes(m)) seen.push(m);
  };
  W.instantiate = function (...args) {
    return instantiate.apply(this, args).then((r) => { keep(r instanceof Instance ? r : r.instance); return r; });
  };
  if (instantiateStreaming) W.instantiateStreaming = function (...args) {
    return instantiateStreaming.apply(this, args).then((r) => { keep(r.instance); return r; });
  };
  W.Instance = new Proxy(Instance, { construct(target, args, newTarget) { const i = Reflect.construct(target, args, newTarget); keep(i); return i; } });
})()`;
const WASM_BYTES = "(globalThis.__benchWasm || []).reduce((n, m) => n + m.buffer.byteLength, 0)";

/** Starts V8's sampling profiler (one sample a millisecond) in the context of session `sid`. */
async function startProfiler(cdp, sid) {
  await cdp.send("Profiler.enable", {}, sid);
  await cdp.send("Profiler.setSamplingInterval", { interval: 1000 }, sid);
  await cdp.send("Profiler.start", {}, sid);
}

/** Prints a thread's busy and idle time and the functions with the most self time (Rust hashes and crate ids cut). */
function printProfile(thread, p) {
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  p.samples.forEach((id, k) => {
    const us = p.timeDeltas[k] ?? 0;
    total += us;
    const f = nodes.get(id)?.callFrame;
    const name = (f?.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "");
    const where = f?.url ? ` ${f.url.split("/").pop()}${f.lineNumber >= 0 && !f.url.endsWith(".wasm") ? `:${f.lineNumber + 1}` : ""}` : "";
    self.set(name + where, (self.get(name + where) ?? 0) + us);
  });
  const idle = (self.get("(idle)") ?? 0) + (self.get("(program)") ?? 0);
  const s = (us) => `${(us / 1e6).toFixed(2)} s`;
  console.log(`profile: ${thread}: ${s(total)} sampled, busy ${s(total - idle)}, idle ${s(idle)}`);
  const top = [...self].filter(([k]) => k !== "(idle)" && k !== "(program)").sort((a, b) => b[1] - a[1]).slice(0, 10);
  for (const [k, us] of top) console.log(`profile:   ${s(us).padStart(7)} ${(100 * us / Math.max(1, total)).toFixed(1).padStart(5)}%  ${k}`);
}

/**
 * Samples the memory of the page and its dedicated workers (see the header for what is counted). `sample()`
 * returns the current totals; `peak` keeps the largest sum seen and its breakdown.
 */
async function memorySampler(cdp, { profile = false } = {}) {
  const targets = new Map(); // sessionId -> { type, url, heap, buffers, wasm }
  const profiled = []; // [sessionId, url] of the workers profiled (--profile), the page first once the pick starts it
  let pageSid = null;
  let pageReady;
  const pageSeen = new Promise((ok) => { pageReady = ok; });
  cdp.on(async (m) => {
    if (m.method === "Target.attachedToTarget") {
      const { sessionId: sid, targetInfo, waitingForDebugger } = m.params;
      const ours = targetInfo.type === "page" || targetInfo.type === "worker"; // service workers are not the tab's
      if (ours) targets.set(sid, { type: targetInfo.type, url: targetInfo.url, heap: 0, buffers: 0, wasm: 0 });
      try {
        if (targetInfo.type === "page") {
          pageSid = sid;
          await cdp.send("Page.enable", {}, sid);
          await cdp.send("Page.addScriptToEvaluateOnNewDocument", { source: TRACK_WASM, runImmediately: true }, sid);
          // A page's dedicated workers attach to its session (flattened), paused until tracked.
          await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sid);
          pageReady();
        } else if (targetInfo.type === "worker") {
          await cdp.send("Runtime.evaluate", { expression: TRACK_WASM }, sid);
          if (profile) await startProfiler(cdp, sid).then(() => profiled.push([sid, targetInfo.url]));
        }
      } catch { /* gone already */ } finally {
        if (waitingForDebugger) cdp.send("Runtime.runIfWaitingForDebugger", {}, sid).catch(() => {});
      }
    } else if (m.method === "Target.detachedFromTarget") {
      targets.delete(m.params.sessionId);
    }
  });
  await cdp.send("Target.setAutoAttach", {
    autoAttach: true, waitForDebuggerOnStart: false, flatten: true,
    filter: [{ type: "page" }, { type: "browser", exclude: true }, { type: "tab", exclude: true }, { type: "service_worker", exclude: true }],
  });

  async function wasmBytes(sid) {
    const r = await cdp.send("Runtime.evaluate", { expression: WASM_BYTES, returnByValue: true }, sid);
    return Number(r.result.value) || 0;
  }

  const peak = { total: 0, heap: 0, buffers: 0, wasm: 0, targets: 0, at: 0 };
  let rssPeak = 0;
  /** VmRSS of the largest renderer process (from /proc; 0 where there is none). */
  async function rss() {
    let largest = 0;
    try {
      const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
      for (const p of processInfo.filter((p) => p.type === "renderer")) {
        const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, "utf8"));
        if (kb) largest = Math.max(largest, Number(kb[1]) * 1024);
      }
    } catch { /* no /proc (not Linux) or the process ended */ }
    rssPeak = Math.max(rssPeak, largest);
    return largest;
  }
  let t0 = performance.now();
  return {
    peak,
    /** Resolves once the tab's page is attached and tracked (navigate only after this). */
    pageSeen,
    get rssPeak() { return rssPeak; },
    /** Without sampling the contexts (--no-memory: the throughput undisturbed by CDP); the RSS is still read. */
    async peek() { return { total: 0, heap: 0, buffers: 0, wasm: 0, targets: targets.size, rss: await rss() }; },
    /** Times are counted from now on (the pick); with --profile, the page thread's profile starts here. */
    async start() {
      t0 = performance.now();
      if (profile && pageSid) await startProfiler(cdp, pageSid).then(() => profiled.unshift([pageSid, "page"])).catch(() => {});
    },
    /** Stops the profilers (--profile) and prints what each thread spent its time on. */
    async printProfiles() {
      for (const [sid, url] of profiled) {
        try {
          const { profile: p } = await cdp.send("Profiler.stop", {}, sid, 60000);
          printProfile(url === "page" ? "page thread" : url.split("/").pop(), p);
        } catch (err) {
          console.log(`profile: ${url.split("/").pop()}: not read (${err.message})`);
        }
      }
    },
    async sample() {
      const now = performance.now();
      await Promise.all([...targets].map(async ([sid, t]) => {
        try {
          const u = await cdp.send("Runtime.getHeapUsage", {}, sid);
          t.heap = u.usedSize;
          t.buffers = u.backingStorageSize ?? 0;
        } catch { /* busy or gone: keep its last value */ }
        try {
          t.wasm = await wasmBytes(sid);
        } catch { /* busy or gone: keep its last value */ }
      }));
      const live = [...targets.values()];
      const s = {
        heap: live.reduce((n, t) => n + t.heap, 0),
        buffers: live.reduce((n, t) => n + t.buffers, 0),
        wasm: live.reduce((n, t) => n + t.wasm, 0),
        targets: live.length,
      };
      s.total = s.heap + s.buffers + s.wasm;
      if (s.total > peak.total) Object.assign(peak, s, { at: (now - t0) / 1000 });
      s.rss = await rss();
      return s;
    },
  };
}

async function benchPage(d) {
  const www = join(ROOT, "www");
  if (!existsSync(join(www, "pkg/cablescope_bg.wasm"))) throw new Error("www/pkg is missing: run scripts/build-wasm.sh");
  const { server, url } = await startServer({ root: www });
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true,
    args: [...ARGS, `--remote-debugging-port=${port}`, "--remote-debugging-address=127.0.0.1"],
  });
  let cdp = null;
  try {
    const version = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
    cdp = await cdpConnect(version.webSocketDebuggerUrl);
    const mem = await memorySampler(cdp, { profile: flag("--profile") });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await Promise.race([mem.pageSeen, new Promise((ok) => setTimeout(ok, 5000))]);
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    let crashed = false;
    page.on("crash", () => { crashed = true; console.log("page: the renderer crashed"); });
    await page.goto(url);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30000 });
    if (await page.$("#collection") === null) throw new Error("this page has no collection view (#collection): batch mode is not built yet");
    // Let the first visit's service worker finish caching the app, so it does not run during the measure.
    await page.waitForFunction(() => document.documentElement.dataset.offline === "ready", null, { timeout: 15000 }).catch(() => {});
    await mem.sample();
    const idle = { ...(await mem.sample()) };
    console.log(`page: idle before the drop: ${fmt(idle.total)} (JS heap ${fmt(idle.heap)}, array buffers ${fmt(idle.buffers)}, wasm ${fmt(idle.wasm)}; ${idle.targets} contexts)`);

    // In-page timestamps: data-batch becoming "done", and every change of #collection-count (the table is filled
    // when the count has settled: it can still grow for a moment after data-batch changes). And the page thread's
    // long tasks from now on, with the long animation frames (their scripts) to explain them.
    await page.evaluate(() => {
      const bench = window.__bench = { done: null, changed: null, count: "", long: [], frames: [] };
      new PerformanceObserver((list) => { for (const e of list.getEntries()) bench.long.push({ start: e.startTime, duration: e.duration }); })
        .observe({ type: "longtask" });
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (e.duration <= 50) continue;
            bench.frames.push({
              start: e.startTime, duration: e.duration, render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
              scripts: e.scripts.map((x) => `${x.invoker} ${x.sourceURL.split("/").pop()}${x.sourceFunctionName ? ` ${x.sourceFunctionName}` : ""} ${Math.round(x.duration)} ms`),
            });
          }
        }).observe({ type: "long-animation-frame" });
      } catch { /* no Long Animation Frames API: the tasks are still timed */ }
      const count = document.getElementById("collection-count");
      const watch = new MutationObserver(() => {
        const now = performance.now();
        const text = count?.textContent.trim() ?? "";
        if (text !== bench.count) { bench.count = text; bench.changed = now; }
        if (bench.done === null && document.body.dataset.batch === "done") { bench.done = now; bench.countAtDone = text; }
      });
      watch.observe(document.body, { attributes: true, attributeFilter: ["data-batch"] });
      if (count) watch.observe(count, { childList: true, subtree: true, characterData: true });
    });
    let sampling = true;
    let last = 0;
    const sampler = (async () => {
      while (sampling) {
        const started = performance.now();
        const s = flag("--no-memory") ? await mem.peek() : await mem.sample();
        if (crashed) break;
        if (started - last >= 5000) {
          last = started;
          const p = await page.evaluate(() => {
            const el = document.getElementById("batch-progress");
            return { batch: document.body.dataset.batch, bytes: Number(el?.dataset.bytes ?? 0), cables: Number(el?.dataset.cables ?? 0) };
          }).catch(() => ({}));
          const memory = (flag("--no-memory") ? "" : `; memory ${fmt(s.total)} (heap ${fmt(s.heap)}, buffers ${fmt(s.buffers)}, wasm ${fmt(s.wasm)}, ${s.targets} contexts)`)
            + `; renderer RSS ${fmt(s.rss)}`;
          console.log(`  ${p.batch ?? "?"}: ${fmt(p.bytes ?? 0)} of ${fmt(d.bytes)}, ${p.cables ?? 0} cables${memory}`);
        }
        await new Promise((ok) => setTimeout(ok, Math.max(0, SAMPLE_MS - (performance.now() - started))));
      }
    })();

    const start = await page.evaluate(() => performance.now());
    const t = performance.now();
    await mem.start();
    await page.setInputFiles("#file-input", d.path);
    let outcome = "done";
    const SETTLE_MS = 1500;
    try {
      await page.waitForFunction(({ settle }) => {
        const b = window.__bench;
        if (document.body.dataset.batch === "cancelled") return true;
        return b.done !== null && /[1-9]/.test(b.count) && performance.now() - Math.max(b.done, b.changed ?? 0) >= settle;
      }, { settle: SETTLE_MS }, { timeout: TIMEOUT_S * 1000, polling: 250 });
      if (await page.evaluate(() => window.__bench.done === null)) outcome = "cancelled";
    } catch {
      outcome = crashed ? "crashed" : "timeout";
    }
    const wall = (performance.now() - t) / 1000;
    sampling = false;
    await sampler;
    if (crashed) {
      console.log(`page: the tab crashed ${wall.toFixed(1)} s after the pick; counted memory peaked at ${fmt(mem.peak.total)} (JS heap ${fmt(mem.peak.heap)} + array buffers ${fmt(mem.peak.buffers)} + wasm ${fmt(mem.peak.wasm)}), the largest renderer at ${fmt(mem.rssPeak)} resident`);
      console.log(`page: speed FAIL, memory FAIL, long tasks FAIL (the tab crashed)`);
      results.push({ name: "page speed", ok: false }, { name: "page memory", ok: false }, { name: "page long tasks", ok: false });
      return;
    }
    if (!flag("--no-memory")) await mem.sample();
    if (flag("--profile")) await mem.printProfiles();
    const bench = await page.evaluate(() => window.__bench);
    const pickedAt = start;
    // The end: data-batch "done" or the count's last change, whichever came later.
    const secs = outcome === "done" ? (Math.max(bench.done, bench.changed ?? 0) - start) / 1000 : wall;
    const countAtDone = bench.countAtDone ?? "";
    const shown = await page.evaluate(() => ({
      count: document.getElementById("collection-count")?.textContent.trim() ?? "",
      rows: document.querySelectorAll('#collection-table [data-testid="collection-row"]').length,
      skipped: document.querySelectorAll('[data-testid="skipped-file"]').length,
    }));
    // "shown of total cables" (or "shown/total"): the last number is the total.
    const total = Number(([...shown.count.matchAll(/\d[\d,]*/g)].at(-1)?.[0] ?? "0").replace(/,/g, ""));
    const filled = outcome === "done" && total > 0 && shown.rows > 0;
    const rate = d.bytes / MB / secs;
    const speedOk = filled && rate >= BUDGET_PAGE_MBS;
    const memOk = flag("--no-memory") || (mem.peak.total < BUDGET_MEMORY_MB * MB && mem.peak.total > 0);
    console.log(`page: #file-input <- ${d.path.replace(`${ROOT}/`, "")}: ${outcome} after ${secs.toFixed(2)} s; #collection-count "${shown.count}"${countAtDone && countAtDone !== shown.count ? ` (when data-batch became done it showed "${countAtDone}"; the last change came ${((bench.changed - bench.done) / 1000).toFixed(2)} s later)` : ""}, ${shown.rows} rows drawn${d.rows ? ` (the dump has ${d.rows} rows)` : ""}${shown.skipped ? `, ${shown.skipped} skipped` : ""}`);
    if (errors.length) console.log(`page: errors: ${errors.join(" | ")}`);
    console.log(`page: ${fmt(d.bytes)} in ${secs.toFixed(2)} s = ${rate.toFixed(1)} MB/s end to end (budget >= ${BUDGET_PAGE_MBS} MB/s) ${verdict(speedOk)}`);
    if (flag("--no-memory")) console.log("page: memory not sampled (--no-memory)");
    else console.log(`page: peak memory ${fmt(mem.peak.total)} at ${mem.peak.at.toFixed(1)} s after the pick = JS heap ${fmt(mem.peak.heap)} + array buffers ${fmt(mem.peak.buffers)} + wasm ${fmt(mem.peak.wasm)} over ${mem.peak.targets} contexts (budget < ${BUDGET_MEMORY_MB} MB) ${verdict(memOk)}`);
    if (mem.rssPeak) console.log(`page: for context, the largest renderer process peaked at ${fmt(mem.rssPeak)} resident (VmRSS: Chromium's own memory included)`);
    // Long tasks from the pick until the table was filled (the end measured above).
    const until = outcome === "done" ? Math.max(bench.done, bench.changed ?? 0) : Infinity;
    const long = bench.long.filter((t) => t.start + t.duration >= pickedAt && t.start <= until);
    const longest = Math.max(0, ...long.map((t) => t.duration));
    const tasksOk = outcome === "done" && longest < BUDGET_TASK_MS;
    const over = long.filter((t) => t.duration >= BUDGET_TASK_MS).sort((a, b) => b.duration - a.duration);
    console.log(`page: longest main-thread task ${long.length ? `${longest.toFixed(0)} ms` : "under 50 ms"}; ${long.length} long tasks (over 50 ms, PerformanceObserver "longtask") from the pick until the table was filled${over.length ? `: ${over.slice(0, 12).map((t) => `${t.duration.toFixed(0)} ms at ${((t.start - pickedAt) / 1000).toFixed(1)} s`).join(", ")}${over.length > 12 ? ", …" : ""}` : ""} (budget: each < ${BUDGET_TASK_MS} ms) ${verdict(tasksOk)}`);
    for (const f of bench.frames.filter((x) => x.start + x.duration >= pickedAt && x.start <= until).sort((a, b) => b.duration - a.duration).slice(0, 5)) {
      console.log(`page:   long animation frame ${f.duration.toFixed(0)} ms at ${((f.start - pickedAt) / 1000).toFixed(1)} s: rendering ${f.render.toFixed(0)} ms; scripts over 5 ms: ${f.scripts.join("; ") || "none"}`);
    }
    results.push({ name: "page speed", ok: speedOk });
    if (!flag("--no-memory")) results.push({ name: "page memory", ok: memOk });
    results.push({ name: "page long tasks", ok: tasksOk });
  } finally {
    cdp?.close();
    await browser.close();
    server.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------

let crashed = false;
try {
  const d = dump();
  if (!flag("--no-cli")) await benchCli(d);
  if (!flag("--no-browser")) await benchPage(d);
} catch (err) {
  console.error(`bench-batch: ${err.message}`);
  crashed = true;
}
const failed = crashed || results.some((r) => !r.ok);
console.log(`bench-batch: ${results.map((r) => `${r.name} ${verdict(r.ok)}`).join(", ") || "nothing measured"}${crashed ? " (a run failed)" : ""}`);
process.exit(failed ? 1 : 0);
