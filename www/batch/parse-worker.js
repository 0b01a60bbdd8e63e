// parse-worker.js — a module worker that reads files in 4 MB slices, cuts dumps at whole rows and summarizes them in wasm.
//
// Messages from the controller: {type:"init", port} (a MessagePort to the collection worker), {type:"files", jobId,
// items:[{file, name}]} (small files, each read whole), {type:"big", jobId, fileId, file, name} (a large file: a
// cables.csv dump is cut into pieces of whole rows, which go back to the controller to be shared among the workers;
// anything else is read whole up to 16 MB, else skipped unread), {type:"chunk", fileId, name, base, bytes, length}
// (a piece of a dump to summarize: the first `length` bytes of the buffer `bytes`), {type:"credit", fileId} (a piece
// of a dump this worker cut is summarized), {type:"drain", id}.
// Summaries go straight to the collection worker; only small messages go to the page: a piece's "chunk-read" once
// summarized (its cutter's credit), then its "chunk-done" and a file's "progress", with their bytes and cables, once
// the collection has added them.
import * as cs from "../pkg-batch/cablescope.js";
import { startFailure } from "./simd.js";

const SLICE = 4 * 1024 * 1024;
const MAX_WHOLE = 16 * 1024 * 1024; // a file that is not a dump is analyzed in one piece, so this is its limit
const MAX_ROW = 16 * 1024 * 1024; // a dump "row" longer than this means the file is not really a dump
const MAX_INFLIGHT = 6; // pieces of one dump cut but not yet summarized (bounds memory: 6 × 4 MB)
const MAX_UNACKED = 2; // summaries posted to the collection worker and not yet added (keeps its queue, and query latency, short)
const SNIFF = 64 * 1024;

/** Something to wait on: `until(test)` resolves once `test()` holds, tried again at each `wake()`. */
function waitable() {
  let waiters = [];
  return {
    async until(test) {
      while (!test()) await new Promise((ok) => waiters.push(ok));
    },
    wake() {
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    },
  };
}

let port = null;
let unacked = 0;
const acks = waitable();
const added = []; // for each "add" posted and not yet acknowledged, in order: what to call once it is
const credits = new Map(); // fileId → { inflight, freed: waitable() }
// While this worker cuts a dump and may cut further (fewer than MAX_INFLIGHT of its pieces in flight), cutting
// comes first: a piece to summarize waits for the cutter to be held back by its credits (or to finish), so the other
// workers' queues never run dry while a long summary runs here.
let cutterBusy = false;
const cutter = waitable();
const ready = cs.default().then(() => postMessage({ type: "ready" }), (err) => postMessage({ type: "failed", message: startFailure(err) }));

function setCutterBusy(busy) {
  cutterBusy = busy;
  if (!busy) cutter.wake();
}

function onAck() {
  unacked -= 1;
  added.shift()?.();
  acks.wake();
}

function roomForMore(limit) {
  return acks.until(() => unacked < limit);
}

/** Sends packed summaries (Uint8Arrays from `summarize`) to the collection worker, transferring their buffers,
 * waiting while it is behind; `onAdded` runs once the collection has added them (its ack). Progress is reported
 * from there: what the page counts as read is then always in the collection, even after a cancel drops the adds
 * in flight. Returns a promise of that moment. */
async function send(packs, onAdded) {
  if (!packs.length) {
    onAdded();
    return;
  }
  await roomForMore(MAX_UNACKED);
  unacked += 1;
  const done = new Promise((ok) => added.push(() => { onAdded(); ok(); }));
  port.postMessage({ type: "add", packs }, packs.map((p) => p.buffer));
  return { done };
}

/** The reader stopped (a trap): this worker's instance is unusable; the controller replaces the worker. */
class Dead extends Error {}

/** Summarizes `bytes` (which are not needed after): the packed summaries are written over them when they fit, so
 * the tab maps and clears no new buffer for them. */
function summarize(bytes, name, base) {
  try {
    return cs.summarize(bytes, { fileName: name, base, reuse: true });
  } catch (err) {
    throw new Dead(String(err?.message ?? err));
  }
}

async function readAll(file) {
  return new Uint8Array(await file.slice(0, file.size).arrayBuffer());
}

async function smallFiles({ jobId, items }) {
  await readFiles(items);
  postMessage({ type: "job-done", jobId });
}

/** Reads each file whole (each is at most 16 MB) and summarizes it; done once the collection has them all. */
async function readFiles(items) {
  let packs = [];
  let pending = 0;
  let read = { bytes: 0, cables: 0 };
  const report = ({ bytes, cables }) => () => postMessage({ type: "progress", bytes, cables });
  for (const { file, name } of items) {
    let bytes;
    try {
      bytes = await readAll(file);
    } catch (err) {
      postMessage({ type: "skipped", name, reason: `could not be read (${err?.name ?? "error"}: the file may have moved or changed)`, bytes: file.size });
      continue;
    }
    const out = summarize(bytes, name, 0);
    packs.push(out.packed);
    pending += bytes.length;
    read = { bytes: read.bytes + file.size, cables: read.cables + out.good };
    if (pending > SLICE) {
      await send(packs, report(read));
      packs = [];
      pending = 0;
      read = { bytes: 0, cables: 0 };
    }
  }
  await (await send(packs, report(read)))?.done;
}

async function bigFile(job) {
  const { jobId, fileId, file, name } = job;
  let head;
  try {
    head = new Uint8Array(await file.slice(0, Math.min(file.size, SNIFF)).arrayBuffer());
  } catch (err) {
    postMessage({ type: "skipped", name, reason: `could not be read (${err?.name ?? "error"})`, bytes: file.size });
    postMessage({ type: "job-done", jobId });
    return;
  }
  let dump = false;
  try {
    dump = !!cs.isDump(head);
  } catch (err) {
    throw new Dead(String(err?.message ?? err));
  }
  if (dump) {
    await cutDump(job);
  } else if (file.size <= MAX_WHOLE) {
    await readFiles([{ file, name }]);
  } else {
    postMessage({
      type: "skipped", name, bytes: file.size,
      reason: `not read: ${Math.round(file.size / 1048576)} MB and not a cables.csv dump (a single file is read in one piece, up to 16 MB; split it, or use the command line: cablescope --format jsonl FILE)`,
    });
  }
  postMessage({ type: "job-done", jobId });
}

/** Cuts a dump into pieces of whole rows; each piece goes to the controller, which hands it to a free worker. */
async function cutDump(job) {
  setCutterBusy(true);
  try {
    await cutPieces(job);
  } finally {
    setCutterBusy(false);
  }
}

/** Each slice is read from a row start and sent as it was read: its whole rows are the piece (the buffer goes with
 * it, no copy), and the next slice starts where they end, so the few bytes of a row cut off are read again rather
 * than carried over by copying. A row longer than the slice makes the slice grow (up to MAX_ROW). */
async function cutPieces({ fileId, file, name }) {
  const slot = { inflight: 0, freed: waitable() };
  credits.set(fileId, slot);
  let pos = 0;
  let size = SLICE;
  while (pos < file.size) {
    const end = Math.min(file.size, pos + size);
    let buf;
    try {
      buf = new Uint8Array(await file.slice(pos, end).arrayBuffer());
    } catch (err) {
      postMessage({ type: "skipped", name, reason: `reading stopped at byte ${pos} (${err?.name ?? "error"})`, bytes: file.size - pos });
      break;
    }
    let n;
    try {
      n = end >= file.size ? buf.length : cs.rowEnd(buf);
    } catch (err) {
      throw new Dead(String(err?.message ?? err));
    }
    if (n === 0) {
      if (buf.length > MAX_ROW) {
        postMessage({ type: "skipped", name, reason: `stopped at byte ${pos}: no row ends within 16 MB, so the rest is not a cables.csv dump`, bytes: file.size - pos });
        break;
      }
      size = Math.min(size * 2, MAX_ROW + 1);
      continue;
    }
    size = SLICE;
    if (slot.inflight >= MAX_INFLIGHT) {
      setCutterBusy(false);
      await slot.freed.until(() => slot.inflight < MAX_INFLIGHT);
      setCutterBusy(true);
    }
    slot.inflight += 1;
    postMessage({ type: "chunk", fileId, name, base: pos, bytes: buf.buffer, length: n }, [buf.buffer]);
    pos += n;
  }
  credits.delete(fileId);
}

async function chunk({ fileId, name, base, bytes, length }) {
  await cutter.until(() => !cutterBusy);
  const data = new Uint8Array(bytes, 0, length);
  const out = summarize(data, name, base);
  // Read (copied into the reader): freed now, not at the next collection, unless it holds the summaries.
  if (out.packed.buffer !== bytes) bytes.transfer?.(0);
  postMessage({ type: "chunk-read", fileId }); // the cutter may cut one more
  await send([out.packed], () => postMessage({ type: "chunk-done", fileId, base, bytes: length, cables: out.good }));
}

const handlers = {
  init(msg) {
    port = msg.port;
    port.onmessage = (e) => { if (e.data?.type === "ack") onAck(); };
  },
  files: smallFiles,
  big: bigFile,
  chunk,
  credit({ fileId }) {
    const slot = credits.get(fileId);
    if (!slot) return;
    slot.inflight -= 1;
    slot.freed.wake();
  },
  async drain({ id }) {
    await roomForMore(1);
    postMessage({ type: "drained", id });
  },
};

self.onmessage = async (e) => {
  const msg = e.data;
  try {
    await ready;
    await handlers[msg.type]?.(msg);
  } catch (err) {
    const name = msg.name ?? msg.items?.map((i) => i.name).join(", ") ?? "?";
    postMessage({ type: "dead", name, jobId: msg.jobId ?? null, fileId: msg.fileId ?? null, bytes: msg.bytes?.byteLength ?? 0, message: String(err?.message ?? err) });
  }
};
