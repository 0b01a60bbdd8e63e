// intake.js — gathers dropped or picked files (folders walked recursively) and decides whether they go to the collection or the list.
/** The files batch mode and the list read: text, HTML pages, CSV dumps. */
export const ACCEPT = /\.(txt|html?|csv)$/i;

/** More files than this, a folder, a file over 8 MB, or a cables.csv dump of 1 MB or more: the collection. */
export const LIST_MAX_FILES = 16;
const BIG = 8 * 1024 * 1024;
const LIMIT = 16 * 1024 * 1024;
const DUMP_MIN = 1024 * 1024;
const SNIFF = 64 * 1024;

/** [{ file, path }] from a file input (a folder picker gives each file's path inside the folder). */
export function fromInput(input) {
  return [...(input.files ?? [])].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

/**
 * The files of a drop, folders walked recursively: resolves to { items: [{ file, path }], directory }.
 * Must be called in the drop event itself (the entries are only available during it).
 */
export function fromDrop(dataTransfer) {
  const list = [...(dataTransfer?.items ?? [])].filter((i) => i.kind === "file");
  const entries = list.map((i) => (typeof i.webkitGetAsEntry === "function" ? i.webkitGetAsEntry() : null));
  const plain = () => ({ items: [...(dataTransfer?.files ?? [])].map((file) => ({ file, path: file.name })), directory: false });
  if (!entries.length || entries.some((e) => !e) || !entries.some((e) => e.isDirectory)) return Promise.resolve(plain());
  return (async () => {
    const items = [];
    for (const entry of entries) await walk(entry, items);
    return { items, directory: true };
  })();
}

async function walk(entry, out) {
  if (entry.isFile) {
    try {
      const file = await new Promise((ok, fail) => entry.file(ok, fail));
      out.push({ file, path: entry.fullPath.replace(/^\//, "") || file.name });
    } catch { /* a file that vanished while the folder was read */ }
    return;
  }
  if (!entry.isDirectory) return;
  const reader = entry.createReader();
  for (;;) {
    // readEntries answers in batches (100 in Chromium) until it answers with none.
    const batch = await new Promise((ok) => reader.readEntries(ok, () => ok([])));
    if (!batch.length) break;
    for (const child of batch) await walk(child, out);
  }
}

let glue = null;
/** Does the file start like a cables.csv dump row? (wasm's isDump on its first 64 KB; false if it cannot tell.) */
async function looksLikeDump(file) {
  try {
    glue ??= await import("../pkg/cablescope.js");
    if (typeof glue.isDump !== "function") return false;
    const head = new Uint8Array(await file.slice(0, SNIFF).arrayBuffer());
    return !!glue.isDump(head);
  } catch {
    return false;
  }
}

/**
 * Whether `items` go to the collection: a folder, more than 16 files, a file between 8 and 16 MB, or a dump of
 * 1 MB or more. A few small files (and a huge file that is not a dump, which the list refuses unread) keep the list.
 */
export async function toCollection(items, { folder = false } = {}) {
  if (folder || items.length > LIST_MAX_FILES) return true;
  const readable = items.filter(({ file }) => ACCEPT.test(file.name));
  if (readable.some(({ file }) => file.size > BIG && file.size <= LIMIT)) return true;
  for (const { file } of readable) if (file.size >= DUMP_MIN && await looksLikeDump(file)) return true;
  return false;
}
