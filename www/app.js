// app.js — the page shell: loads the WebAssembly reader, takes input (paste, files, drops, permalinks), renders the analysis.
import { h, replace, plural } from "./dom.js";
import { renderHeader } from "./render-header.js";
import { renderBody } from "./render-body.js";
import { renderSource } from "./source-view.js";
import { renderFigures, figureCard } from "./figures.js";
import { renderDiagnostics, renderProblem, blockingErrors } from "./diagnostics.js";
import { encodeFragment, decodeFragment } from "./permalink.js";
import { cliJson, download, copy } from "./export.js";
import { setupTheme } from "./theme.js";
import { renderList } from "./cable-list.js";
import { namesOf } from "./textcase.js";
import { createHost, ReaderTrapped } from "./wasm-host.js";
import { ACCEPT, fromDrop, fromInput, toCollection } from "./batch/intake.js";
import { renderCollectionLinks } from "./batch/links.js";

const SEED = { url: "seeds/05ALMATY4282.txt", name: "05ALMATY4282.txt" };
const DEBOUNCE_MS = 150;
const BENCH = new URLSearchParams(location.search).has("bench");
// The largest file (or pasted text, in characters) the page reads: it is analyzed in this tab, in one piece.
// Bigger files are refused before any of them is read (a cables.csv dump goes to the collection, batch/).
// The reader's working memory is bounded at 160 bytes per input byte (benches/pathological.rs), so even a
// hostile 16 MB file takes at most 2.5 GB of the 4 GB a wasm32 instance can address.
const MAX_INPUT_BYTES = 16 * 1024 * 1024;
const MAX_INPUT_LABEL = "16 MB";
const BATCH_HINT = "a cables.csv dump of any size is read in batch mode (drop it, or its folder); for other files use the command line: cablescope --format jsonl FILE";

const $ = (id) => document.getElementById(id);
const ui = {
  paste: $("paste"), fileInput: $("file-input"), dropzone: $("dropzone"), list: $("cable-list"), count: $("cable-count"),
  clear: $("clear-files"), main: $("cable"), view: $("view"), empty: $("empty"), alert: $("alert"), toolbar: $("toolbar"),
  viewRead: $("view-read"), viewSource: $("view-source"), sentence: $("sentence-case"), status: $("status"), version: $("version"),
  folderInput: $("folder-input"), collection: $("collection"), back: $("back-to-collection"),
  collectionPanel: $("collection-panel"), collectionShow: $("show-collection"),
};
const card = figureCard($("figure-card"));
const reader = createHost({ onState: onReaderState });
let collectionView = null;
/** The collection view (batch/view.js and its modules), loaded with the first batch: the page does not pay for it. */
function collection() {
  return collectionView ??= import("./batch/view.js").then((m) => m.setupCollection({
    open: openFromCollection, show: showCollection, announce,
    closed: () => { state.colDoc = null; state.mode = "cable"; render(); },
  }));
}

/** Everything the page shows derives from this. */
const state = {
  wasm: null, // the reader host (wasm-host.js) once its first instance has loaded
  docs: [], // { id, name, origin: "paste" | "file", result }
  selected: null, // entry key "docId:index"
  view: "read",
  sentence: false,
  pasteName: null, // file-name hint for the pasted text while it is an unedited seed or permalink
  source: null, // the rendered original-text view, for jumping to spans
  mode: "cable", // "collection" while the collection view (batch/view.js) is shown
  colDoc: null, // the cable opened from the collection: { id: "col", name, origin: "collection", result, detail }
};
let nextId = 1;

function announce(message) {
  ui.status.textContent = message;
}

function showAlert(message) {
  ui.alert.hidden = false;
  replace(ui.alert, h("p", { class: "alert-title", text: "cablescope cannot read cables right now" }), h("p", { text: message }));
}

/** An analysis holding only an error (the reader failed, or the input was refused). */
function errorResult(text, name, code, message) {
  return { schema_version: 0, source_text: text, cables: [{
    source: { name, row: null, index: 0 }, span: { start: 0, end: 0, start_utf16: 0, end_utf16: text.length },
    classification: { caveats: [] }, addressees: {}, tags: [], references: [], paragraphs: [], headings: [], blocks: [],
    redactions: [], figures: [], regions: [], partial: false, format: "text",
    diagnostics: [{ severity: "error", code, message, span: null }],
  }] };
}

/** Runs the reader; never throws (the binding does not, and a trap in it becomes an error result). */
function read(input, name) {
  try {
    return reader.analyze(input, name ? { fileName: name } : {});
  } catch (err) {
    console.error(err);
    const text = typeof input === "string" ? input : new TextDecoder().decode(input);
    const why = err instanceof ReaderTrapped ? (err.cause?.message ?? err.message) : (err?.message ?? err);
    const message = reader.failed
      ? `The reader stopped on this input (${why}) and could not be restarted: your text is kept; copy it if you need it, then reload the page.`
      : `The reader stopped on this input (${why}) and is being restarted. Nothing else was lost: your text is kept, and other cables can still be read.`;
    return errorResult(text, name, "reader-failed", message);
  }
}

/** The reader host's state, on the page: `body[data-reader]`, the status line, and an alert if it is lost for good. */
function onReaderState(phase, detail) {
  document.body.dataset.reader = phase;
  document.body.dataset.readerRestarts = String(reader.restarts);
  if (phase === "restarting") announce("The reader stopped on this input; a fresh one is starting. Your text is kept.");
  if (phase === "ready" && reader.restarts) announce("A fresh reader is running: edit the text or load files to read again.");
  if (phase === "failed" && state.wasm) {
    console.error(detail);
    showAlert("The reader stopped and could not be restarted. Copy your text if you need it, then reload the page.");
  }
}

/** All cables of all documents, in list order. */
function entries() {
  return state.docs.flatMap((doc) => doc.result.cables.map((cable, index) => ({ key: `${doc.id}:${index}`, doc, cable, index })));
}

function findEntry(key) {
  if (key?.startsWith("col:") && state.colDoc) {
    const index = Number(key.slice(4));
    const cable = state.colDoc.result.cables[index];
    return cable ? { key, doc: state.colDoc, cable, index } : null;
  }
  return entries().find((e) => e.key === key) ?? null;
}

function findCable(id) {
  return entries().find((e) => e.cable.reference_id === id) ?? null;
}

function select(entry, { focus = false } = {}) {
  state.selected = entry?.key ?? null;
  state.mode = "cable";
  render();
  if (focus) ui.main.focus();
}

/** Re-reads the paste area (debounced while typing). */
function analyzePaste() {
  const text = ui.paste.value;
  const at = state.docs.findIndex((d) => d.origin === "paste");
  if (text && !reader.ready) {
    // Restarting after a trap: read the text once the fresh reader is up.
    reader.whenReady().then(analyzePaste, () => {});
    return;
  }
  if (!text.trim()) {
    if (at >= 0) state.docs.splice(at, 1);
    if (state.selected?.startsWith("paste")) state.selected = entries()[0]?.key ?? null;
    render();
    return;
  }
  performance.mark("cs:paste-start");
  const result = text.length > MAX_INPUT_BYTES
    ? errorResult("", state.pasteName, "too-large", `This text is too long to read here (${(text.length / 1048576).toFixed(0)} million characters; the limit is ${MAX_INPUT_LABEL}): save it as a file and ${BATCH_HINT}.`)
    : read(text, state.pasteName);
  const doc = { id: "paste", name: state.pasteName ?? "Pasted text", origin: "paste", result };
  if (at >= 0) state.docs[at] = doc;
  else state.docs.unshift(doc);
  state.selected = "paste:0";
  state.mode = "cable";
  render();
  if (BENCH) ui.main.getBoundingClientRect(); // include style and layout in the benchmark's measure
  performance.mark("cs:paste-end");
  const m = performance.measure("cs:paste-to-render", "cs:paste-start", "cs:paste-end");
  ui.version.dataset.lastMs = m.duration.toFixed(2);
}

let timer = 0;
function onPasteInput() {
  state.pasteName = null;
  clearTimeout(timer);
  timer = setTimeout(analyzePaste, DEBOUNCE_MS);
}

/** Reads dropped or picked files; each becomes one document (a CSV may hold many cables). */
async function loadFiles(fileList) {
  if (!state.wasm) return;
  const files = [...fileList];
  const skipped = files.filter((f) => !ACCEPT.test(f.name));
  // Checked before anything is read: a multi-gigabyte file must never be loaded into the tab.
  const tooLarge = files.filter((f) => ACCEPT.test(f.name) && !(f.size <= MAX_INPUT_BYTES));
  let first = null;
  let cables = 0;
  for (const file of files.filter((f) => ACCEPT.test(f.name) && f.size <= MAX_INPUT_BYTES)) {
    try {
      await reader.whenReady(); // after a trap, the rest of the batch waits for the fresh reader
    } catch {
      break; // the reader is lost for good; the page's alert says so
    }
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      skipped.push(file);
      continue;
    }
    const doc = { id: `f${nextId++}`, name: file.name, origin: "file", result: read(bytes, file.name) };
    state.docs.push(doc);
    cables += doc.result.cables.length;
    first ??= `${doc.id}:0`;
  }
  if (first) { state.selected = first; state.mode = "cable"; }
  render();
  const parts = [];
  if (cables) parts.push(`Loaded ${plural(cables, "cable")} from ${plural(files.length - skipped.length - tooLarge.length, "file")}.`);
  if (skipped.length) parts.push(`Skipped ${skipped.map((f) => f.name).join(", ")}: only .txt, .html and .csv files can be read.`);
  if (tooLarge.length) {
    parts.push(`Not read: ${tooLarge.map((f) => `${f.name} (${formatSize(f.size)})`).join(", ")}: too large for this page (the limit is ${MAX_INPUT_LABEL} per file); ${BATCH_HINT}.`);
  }
  announce(parts.join(" "));
  if (skipped.length || tooLarge.length) flash(parts.join(" "));
}

/** A file size for people: "2.0 GB", "70 MB", "12 KB". */
function formatSize(bytes) {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** A visible, dismissing note under the drop zone (for skipped files). */
function flash(message) {
  let note = ui.dropzone.querySelector(".flash");
  if (!note) ui.dropzone.append(note = h("p", { class: "flash", role: "status" }));
  note.textContent = message;
}

function setupDrop() {
  const zone = ui.dropzone;
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes("Files");
  let depth = 0;
  zone.addEventListener("dragenter", (e) => { if (!hasFiles(e)) return; e.preventDefault(); depth++; zone.classList.add("dragging"); });
  zone.addEventListener("dragover", (e) => { if (!hasFiles(e)) return; e.preventDefault(); e.dataTransfer.dropEffect = "copy"; });
  zone.addEventListener("dragleave", () => { depth = Math.max(0, depth - 1); if (!depth) zone.classList.remove("dragging"); });
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    e.stopPropagation();
    depth = 0;
    zone.classList.remove("dragging");
    intake(fromDrop(e.dataTransfer));
  });
  // A file dropped anywhere else is read too, instead of the browser navigating away to it.
  window.addEventListener("dragover", (e) => { if (hasFiles(e)) e.preventDefault(); });
  window.addEventListener("drop", (e) => { if (!hasFiles(e)) return; e.preventDefault(); intake(fromDrop(e.dataTransfer)); });
  ui.fileInput.addEventListener("change", () => { intake({ items: fromInput(ui.fileInput), directory: false }); ui.fileInput.value = ""; });
  ui.folderInput.addEventListener("change", () => { intake({ items: fromInput(ui.folderInput), directory: true }); ui.folderInput.value = ""; });
}

/** Routes dropped or picked files: a folder, many files, big files or a dump go to the collection; a few small files to the list. */
async function intake(gathered) {
  if (!state.wasm) return;
  const { items, directory } = await gathered;
  if (!items.length) return;
  if (await toCollection(items, { folder: directory })) (await collection()).start(items);
  else loadFiles(items.map((i) => i.file));
}

/** Brings the collection view forward. */
function showCollection() {
  state.mode = "collection";
  render();
}

/** Reads one cable of the collection again from its file (by byte offset) and shows it in the cable view. */
async function openFromCollection(key) {
  const { batch } = await collection();
  const detail = await batch.entry(key);
  if (!detail) return announce("That cable is not in the collection.");
  const source = detail.sources?.[0] ?? detail.source;
  let bytes;
  try {
    bytes = await batch.readSource(source);
  } catch (err) {
    return announce(`The cable could not be read again from ${source?.name ?? "its file"} (${err.message}).`);
  }
  const result = read(bytes, source.name);
  const index = Math.max(0, result.cables.findIndex((c) => detail.reference_id && c.reference_id === detail.reference_id));
  state.colDoc = { id: "col", name: source.name, origin: "collection", result, detail };
  state.selected = `col:${index}`;
  state.mode = "cable";
  render();
  ui.main.focus({ preventScroll: true });
  window.scrollTo({ top: 0 });
  announce(`Showing ${detail.reference_id ?? source.name}.`);
}

function setView(view) {
  state.view = view;
  render();
}

/** Shows a diagnostic's (or any) span in the original text. */
function gotoSpan(span, what) {
  if (state.view !== "source") setView("source");
  if (state.source?.focusSpan(span)) announce(`Showing ${what} in the original text.`);
}

function render() {
  const all = entries();
  const entry = findEntry(state.selected) ?? all[0] ?? null;
  state.selected = entry?.key ?? null;
  renderList(ui.list, all, state.selected, (e) => select(e, { focus: true }));
  ui.count.textContent = all.length ? String(all.length) : "";
  ui.clear.hidden = !state.docs.some((d) => d.origin === "file");
  const hasCollection = !ui.collectionPanel.hidden;
  const inCollection = state.mode === "collection" && hasCollection;
  ui.collection.hidden = !inCollection;
  document.body.dataset.view = inCollection ? "collection" : "cable";
  ui.back.hidden = !hasCollection;
  ui.collectionShow.setAttribute("aria-pressed", String(inCollection));
  ui.toolbar.hidden = !entry || inCollection;
  ui.empty.hidden = !!entry || inCollection;
  if (inCollection) {
    card.hide();
    state.source = null;
    ui.view.replaceChildren();
    return;
  }
  ui.empty.textContent = state.wasm ? "Paste a cable or drop files to begin." : ui.empty.textContent;
  ui.viewRead.setAttribute("aria-pressed", String(state.view === "read"));
  ui.viewSource.setAttribute("aria-pressed", String(state.view === "source"));
  card.hide();
  state.source = null;
  if (!entry) {
    ui.view.replaceChildren();
    return;
  }
  const { cable, doc } = entry;
  const text = doc.result.source_text;
  const detail = doc.origin === "collection" ? doc.detail : null;
  const loaded = new Set((detail?.references ?? []).filter((r) => r.loaded).map((r) => r.id));
  const ctx = {
    text, card, sentence: state.sentence, names: state.sentence ? namesOf(cable) : new Set(),
    title: doc.result.cables.length > 1 ? `${doc.name} #${entry.index + 1}` : doc.name,
    findCable, openCable: (e) => select(e, { focus: true }),
    ...(detail ? { findCable: (id) => (loaded.has(id) ? { id } : null), openCable: (t) => openFromCollection(t.id), markMissing: true } : {}),
  };
  const errors = blockingErrors(cable);
  let main;
  if (state.view === "source") {
    state.source = renderSource(cable, text);
    main = state.source.element;
  } else {
    main = renderBody(cable, ctx);
  }
  ui.view.replaceChildren(...[
    errors.length ? renderProblem(errors) : null,
    renderHeader(cable, ctx),
    detail ? renderCollectionLinks(detail, openFromCollection) : null,
    renderDiagnostics(cable, (d) => gotoSpan(d.span, `“${d.message}”`)),
    main,
    renderFigures(cable, (f) => jumpToFigure(f)),
  ].filter(Boolean));
}

function jumpToFigure(f) {
  if (state.view === "source") return gotoSpan(f.span, `the figure “${f.text}”`);
  const mark = [...ui.view.querySelectorAll("mark.fig")].find((m) => m.cablescopeFigure === f);
  if (mark) {
    mark.scrollIntoView({ block: "center" });
    mark.focus();
  } else {
    gotoSpan(f.span, `the figure “${f.text}”`);
  }
}

function current() {
  return findEntry(state.selected);
}

function fileBase(entry) {
  return (entry.cable.reference_id ?? entry.doc.name.replace(/\.[^.]+$/, "")).replace(/[^\w.-]+/g, "_") || "cable";
}

function setupToolbar() {
  ui.back.addEventListener("click", () => { showCollection(); document.getElementById("collection-search").focus(); });
  ui.viewRead.addEventListener("click", () => setView("read"));
  ui.viewSource.addEventListener("click", () => setView("source"));
  ui.sentence.addEventListener("change", () => { state.sentence = ui.sentence.checked; render(); });
  $("copy-json").addEventListener("click", async () => {
    const e = current();
    if (e) announce((await copy(cliJson(e.cable))) ? "The analysis was copied as JSON." : "The clipboard is not available here; use Download JSON.");
  });
  $("download-json").addEventListener("click", () => {
    const e = current();
    if (e) { download(`${fileBase(e)}.json`, cliJson(e.cable)); announce(`Downloading ${fileBase(e)}.json.`); }
  });
  $("permalink").addEventListener("click", async () => {
    const e = current();
    if (!e) return;
    const fragment = await encodeFragment(e.doc.result.source_text, e.doc.origin === "file" ? e.doc.name : state.pasteName);
    history.replaceState(null, "", fragment);
    const copied = await copy(location.href);
    announce(`${copied ? "Permalink copied" : "Permalink is in the address bar"}: the text travels inside the link (${plural(fragment.length, "character")}) and is never sent to a server.`);
  });
  ui.clear.addEventListener("click", () => {
    state.docs = state.docs.filter((d) => d.origin !== "file");
    render();
    announce("Files cleared.");
  });
}

/** First visit: the permalink's text if there is one, else the seed cable. */
async function initialText() {
  const link = await decodeFragment(location.hash);
  if (link?.error) flash(link.error);
  if (link?.text !== undefined) return { text: link.text, name: link.name };
  try {
    const res = await fetch(SEED.url);
    if (res.ok) return { text: await res.text(), name: SEED.name };
  } catch { /* offline file view: start empty */ }
  return { text: "", name: null };
}

async function start() {
  setupTheme($("theme-toggle"));
  setupDrop();
  setupToolbar();
  ui.paste.addEventListener("input", onPasteInput);
  try {
    await reader.load();
    state.wasm = reader;
    ui.version.textContent = reader.version();
  } catch (err) {
    console.error(err);
    ui.empty.textContent = "Nothing can be read until the reader loads.";
    showAlert("Its WebAssembly module failed to load. Reload the page; if this keeps happening, this browser may block WebAssembly (it needs a current Chrome, Firefox, Safari or Edge).");
    document.body.dataset.state = "failed";
    return;
  }
  const first = await initialText();
  ui.paste.value = first.text;
  state.pasteName = first.name;
  analyzePaste();
  document.body.dataset.state = "ready";
  import("./offline.js").then((m) => m.registerOffline(reader.version()), () => {}); // offline copy (sw.js)
}

start();
