// export-worker.js — a module worker for the JSON Lines export: re-reads each cable's bytes by offset, analyzes them, streams lines into a Blob.
//
// Message: {files: {name: File}, items: [[name, start, end, row, referenceId]]}. Posts {type:"progress", done}
// now and then, and at the end {type:"done", blob, lines, failed}. Each line is the CLI's per-cable object
// (`cablescope --format jsonl`): spans are offsets in the file (baseOffset), the browser-only UTF-16 offsets are left out.
import * as cs from "../pkg-batch/cablescope.js";

const PART = 4 * 1024 * 1024; // characters of JSON gathered before they become a Blob part

const strip = (key, value) => (key === "start_utf16" || key === "end_utf16" || key === "source_text" ? undefined : value);

/** The analysis of the cable that sits at [start, end) (a slice holds one cable; pick by id if it held more). */
function pick(result, id) {
  const cables = result?.cables ?? [];
  return (id && cables.find((c) => c.reference_id === id)) || cables[0] || null;
}

self.onmessage = async (e) => {
  const { files, items } = e.data;
  await cs.default();
  const parts = [];
  let buffer = [];
  let size = 0;
  let lines = 0;
  let failed = 0;
  let last = performance.now();
  for (let i = 0; i < items.length; i++) {
    const [name, start, end, row, id] = items[i];
    const file = files[name];
    let cable = null;
    try {
      const bytes = new Uint8Array(await file.slice(start, end).arrayBuffer());
      cable = pick(cs.analyze(bytes, { fileName: name, baseOffset: start }), id);
    } catch {
      cable = null;
    }
    if (!cable) {
      failed += 1;
      continue;
    }
    // Read alone, a dump row would say it is row 1: give it its row in the file, as the command line does.
    if (row !== null && row !== undefined && cable.source) cable.source = { ...cable.source, row };
    const line = JSON.stringify(cable, strip);
    buffer.push(line, "\n");
    size += line.length + 1;
    lines += 1;
    if (size >= PART) {
      parts.push(new Blob(buffer));
      buffer = [];
      size = 0;
    }
    if (performance.now() - last > 200) {
      last = performance.now();
      postMessage({ type: "progress", done: i + 1, total: items.length });
    }
  }
  parts.push(new Blob(buffer));
  postMessage({ type: "done", blob: new Blob(parts, { type: "application/x-ndjson" }), lines, failed });
};
