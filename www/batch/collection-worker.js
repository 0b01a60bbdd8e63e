// collection-worker.js — a module worker that owns the wasm Collection: adds summaries from the parse workers, answers queries.
//
// From the controller: {type:"init", budget}, {type:"port", port} (one per parse worker; "add" messages arrive on
// it and are acknowledged on it, which paces the parse workers), and requests {id, type, ...} answered with
// {id, result} or {id, error}: query, entry, exportCsv, sources, stats, clear, closePorts (a cancel: the parse
// workers' ports are closed, so adds they posted but this worker has not taken are dropped). After each add it tells the page
// how many entries there are ({type:"added"}), at most every 100 ms.
import * as cs from "../pkg-batch/cablescope.js";
import { startFailure } from "./simd.js";

let collection = null;
const ports = new Set();
let budget = 96 * 1024 * 1024;
let lastNote = 0;
let noteTimer = 0;
const ready = cs.default().then(() => postMessage({ type: "ready" }), (err) => postMessage({ type: "failed", message: startFailure(err) }));

function col() {
  collection ??= new cs.Collection(budget);
  return collection;
}

function note() {
  const now = performance.now();
  const send = () => {
    noteTimer = 0;
    lastNote = performance.now();
    postMessage({ type: "added", stats: col().stats() });
  };
  if (now - lastNote >= 100) send();
  else noteTimer ||= setTimeout(send, 100 - (now - lastNote));
}

/** Frees a buffer the reader has copied from now rather than at the next collection (a dump's pieces and
 * summaries are garbage as soon as they are read, and hundreds of MB of them would wait for one). */
function release(buffer) {
  buffer.transfer?.(0);
}

function add(port, { packs }) {
  try {
    for (const p of packs) {
      col().add(p);
      release(p.buffer);
    }
  } catch (err) {
    postMessage({ type: "error", message: `the collection could not take a batch of cables (${err?.message ?? err})` });
  }
  port.postMessage({ type: "ack" });
  note();
}

const requests = {
  query: ({ q }) => col().query(q),
  entry: ({ key }) => col().entry(key),
  exportCsv: ({ q }) => col().exportCsv(q),
  stats: () => col().stats(),
  clear: () => { col().clear(); return col().stats(); },
  closePorts: () => {
    for (const port of ports) port.close();
    ports.clear();
    return col().stats();
  },
  /** The first source of every entry of the filtered, sorted set, for the JSON Lines export: [name, start, end, row]. */
  sources: ({ q }) => {
    const total = col().query({ ...q, offset: 0, limit: 0 }).total;
    const out = [];
    const PAGE = 5000;
    for (let offset = 0; offset < total; offset += PAGE) {
      for (const r of col().query({ ...q, offset, limit: PAGE }).rows) {
        const s = r.sources?.[0] ?? r.source;
        out.push([s.name, s.start, s.end, s.row ?? null, r.reference_id ?? null]);
      }
    }
    return out;
  },
};

self.onmessage = async (e) => {
  const msg = e.data;
  if (msg.type === "port") {
    // Listened to at once, even before the reader is ready: the adds then queue up (in order) ahead of a cancel's
    // closePorts that comes after them, so summaries a parse worker posted before it was stopped are kept.
    const port = msg.port;
    ports.add(port);
    port.onmessage = async (ev) => {
      if (ev.data?.type !== "add") return;
      await ready;
      if (ports.has(port)) add(port, ev.data);
    };
    return;
  }
  await ready;
  if (msg.type === "init") {
    budget = msg.budget ?? budget;
    return;
  }
  const fn = requests[msg.type];
  if (!fn) return;
  try {
    postMessage({ id: msg.id, result: fn(msg) });
  } catch (err) {
    postMessage({ id: msg.id, error: String(err?.message ?? err) });
  }
};
