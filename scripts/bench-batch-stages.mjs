// bench-batch-stages.mjs — the CPU cost of batch mode's two wasm stages, one core each, in Node (no browser):
//   summarize       what a parse worker does with a piece of a dump (analyze every row, pack the summaries and texts);
//   Collection.add  what the collection worker does with those packs (entries, facets, the search index).
// Batch mode in Chromium runs both at once on the machine's cores (scripts/bench-batch.mjs times the whole tab), so
// their rates say where its CPU goes: per byte of the dump, the collection's share is summarize's rate over the sum.
//
// Usage: node scripts/bench-batch-stages.mjs [--mb N] [--rounds R] [--pkg DIR]
//   --mb N      MiB read from the start of the dump, cut at a row end (default 64); the dump is bench-data/dump-1g.csv,
//               else bench-data/dump-<N>m.csv made by scripts/make-csv-dump.py
//   --rounds R  timed rounds of each stage (default 3; the first of each warms the engine up and is printed too)
//   --pkg DIR   the package to time (default www/pkg-batch: build it with scripts/build-wasm.sh)
import { existsSync, openSync, readFileSync, readSync, statSync, closeSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const MIB = Number(option("--mb", 64));
const ROUNDS = Number(option("--rounds", 3));
const PKG = resolve(option("--pkg", join(ROOT, "www/pkg-batch")));
if (!(MIB > 0) || !(ROUNDS > 0)) {
  console.error("usage: node scripts/bench-batch-stages.mjs [--mb N] [--rounds R] [--pkg DIR]");
  process.exit(2);
}
if (!existsSync(join(PKG, "cablescope_bg.wasm"))) {
  console.error(`${PKG}/cablescope_bg.wasm is missing: run scripts/build-wasm.sh`);
  process.exit(2);
}

/** The dump to read: the 1 GB one if it exists, else one of `--mb` MiB, made once. */
function dumpPath() {
  const big = join(ROOT, "bench-data/dump-1g.csv");
  if (existsSync(big)) return big;
  const path = join(ROOT, `bench-data/dump-${MIB}m.csv`);
  if (!existsSync(path)) {
    const run = spawnSync("python3", [join(ROOT, "scripts/make-csv-dump.py"), "--out", path, "--size", String(MIB)], { stdio: "inherit" });
    if (run.status !== 0) throw new Error("make-csv-dump.py failed");
  }
  return path;
}

const cs = await import(pathToFileURL(join(PKG, "cablescope.js")).href);
cs.initSync({ module: readFileSync(join(PKG, "cablescope_bg.wasm")) });

const path = dumpPath();
const size = statSync(path).size;
const want = Math.min(MIB * 1048576, size);
const bytes = new Uint8Array(want);
const fd = openSync(path, "r");
readSync(fd, bytes, 0, want, 0);
closeSync(fd);

// Pieces of whole rows, as the batch's cutter makes them (4 MB slices cut at a row end).
const pieces = [];
for (let at = 0; at < want;) {
  const slice = bytes.subarray(at, Math.min(want, at + 4 * 1048576));
  // The last slice is whole only at the end of the file; elsewhere its cut-off row is left out.
  const n = at + slice.length >= size ? slice.length : cs.rowEnd(slice);
  if (n === 0) break;
  pieces.push({ base: at, data: bytes.slice(at, at + n) });
  at += n;
}
const total = pieces.reduce((n, p) => n + p.data.length, 0);
console.log(`input: ${(total / 1e6).toFixed(1)} MB of ${path.replace(`${ROOT}/`, "")} in ${pieces.length} pieces; package ${PKG.replace(`${ROOT}/`, "")}`);

const ms = (t) => performance.now() - t;
let packs = [];
let cables = 0;
const rates = { summarize: [], add: [] };
for (let r = 0; r <= ROUNDS; r++) {
  const t = performance.now();
  packs = [];
  cables = 0;
  for (const p of pieces) {
    const out = cs.summarize(p.data, { base: p.base });
    packs.push(out.packed.slice());
    cables += out.count;
  }
  const took = ms(t);
  if (r > 0) rates.summarize.push(total / 1e3 / took);
  console.log(`summarize${r ? "" : " (warm-up)"}: ${cables} cables in ${took.toFixed(0)} ms = ${(total / 1e3 / took).toFixed(1)} MB/s`);
}
for (let r = 0; r <= ROUNDS; r++) {
  const c = new cs.Collection(96 * 1048576);
  const t = performance.now();
  let n = 0;
  for (const p of packs) n = c.add(p);
  const took = ms(t);
  c.free();
  if (r > 0) rates.add.push(total / 1e3 / took);
  console.log(`Collection.add${r ? "" : " (warm-up)"}: ${n} entries in ${took.toFixed(0)} ms = ${(took * 1000 / Math.max(1, n)).toFixed(1)} µs per cable, ${(total / 1e3 / took).toFixed(1)} MB/s of dump`);
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const [s, a] = [median(rates.summarize), median(rates.add)];
console.log(`medians: summarize ${s.toFixed(1)} MB/s, add ${a.toFixed(1)} MB/s per core; the collection takes ${(100 * s / (s + a)).toFixed(0)}% of the CPU the two stages need`);
