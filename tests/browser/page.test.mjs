// page.test.mjs — the page end to end in headless Chromium: seed, paste, drops, highlights, exports, permalinks, CSP, accessibility.
// Tests marked [parser] check what the finished parser produces for the seed; they fail until it lands.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, ready, dropFiles, texts, repoFile, ROOT } from "./helpers.mjs";

const SEED = repoFile("tests/data/seeds/05ALMATY4282.txt").toString("utf8");
const PARIS = repoFile("tests/data/corpus/txt/09PARIS1007.txt");
const AXE = repoFile("node_modules/axe-core/axe.min.js").toString("utf8");

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/** Opens the page on a fresh context and waits for the reader. */
async function openReady(options) {
  const s = await env.open(options);
  assert.equal(await ready(s.page, env.url), "ready", "the reader loaded");
  return s;
}

/** Clears the paste area, pastes `text` and waits for its analysis to render. */
async function paste(page, text) {
  await page.fill("#paste", "");
  await page.waitForFunction(() => !document.querySelector('[data-testid="cable-item"][data-key^="paste"]'));
  await page.fill("#paste", text);
  await page.waitForSelector('[data-testid="cable-item"][data-key^="paste"][aria-current="true"]');
}

function assertClean(s) {
  assert.deepEqual(s.errors, [], "no page errors or console errors");
}

async function cspViolations(page) {
  return page.evaluate(() => window.__csp);
}

test("first visit loads the seed cable, under the Content Security Policy", async () => {
  const s = await openReady();
  const { page } = s;
  assert.equal(await page.inputValue("#paste"), SEED);
  assert.equal((await texts(page, '[data-testid="cable-item"]')).length, 1);
  assert.ok(await page.isVisible('[data-testid="classification"]'));
  assert.ok(await page.isVisible('[data-testid="body"]'));
  assert.match(await page.textContent("#version"), /^\d+\.\d+\.\d+/);
  assert.deepEqual(await cspViolations(page), []);
  assertClean(s);
  await s.close();
});

test("[parser] pasting 05ALMATY4282 fills the header card, paragraphs and figures", async () => {
  const s = await openReady();
  const { page } = s;
  await paste(page, SEED);
  assert.equal(await page.textContent('[data-testid="reference-id"]'), "05ALMATY4282");
  assert.equal((await page.textContent('[data-testid="classification"] .classbar-label')).trim(), "UNCLASSIFIED//FOR OFFICIAL USE ONLY");
  assert.ok(await page.$('[data-testid="classification"].level-unclassified'), "green unclassified bar");
  assert.deepEqual(await texts(page, '[data-testid="caveat"]'), ["SIPDIS", "SENSITIVE"]);
  assert.deepEqual(await page.$$eval('[data-testid="tag"]', (els) => els.map((e) => e.dataset.code)), ["PGOV", "KDEM", "KPAO", "KZ"]);
  assert.equal((await page.textContent('[data-testid="subject"]')).trim(), "SCENESETTER: PRESIDENTIAL ELECTION IN KAZAKHSTAN, DECEMBER 4, 2005");
  assert.ok((await texts(page, '[data-testid="reference"]')).some((t) => t.includes("05ALMATY4281")), "reference 05ALMATY4281");
  assert.deepEqual(await texts(page, '[data-testid="paragraph-number"]'), ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
  const marks = await texts(page, '[data-testid="portion-mark"]');
  assert.equal(marks.length, 11);
  assert.ok(marks.every((m) => m === "SBU"), "every paragraph is marked SBU");
  assert.equal((await page.textContent('[data-testid="signer"]')).replace("Signed:", "").trim(), "ORDWAY");
  const figures = await texts(page, '[data-testid="figure-mark"]');
  assert.ok(figures.includes("exceeding 70 percent"), `figure "exceeding 70 percent" is highlighted (got ${figures.join(" | ")})`);
  assert.ok((await texts(page, '[data-testid="figure-row"]')).some((t) => t.includes("exceeding 70 percent")));
  assert.ok(await page.isVisible('[data-testid="chart"]'), "percentages chart");
  assertClean(s);
  await s.close();
});

test("[parser] a figure shows its card on focus, and the figures table sorts", async () => {
  const s = await openReady();
  const { page } = s;
  await page.focus('[data-testid="figure-mark"]');
  assert.ok(await page.isVisible("#figure-card"));
  assert.match(await page.textContent("#figure-card"), /Measures/);
  await page.keyboard.press("Escape");
  assert.ok(await page.isHidden("#figure-card"));
  await page.click('th[data-key="value"] button');
  assert.equal(await page.getAttribute('th[data-key="value"]', "aria-sort"), "ascending");
  await s.close();
});

test("dropping several corpus files lists every one", async () => {
  const s = await openReady();
  const { page } = s;
  const names = ["txt/09PARIS1007.txt", "txt/07BOGOTA1232.txt", "txt/02VATICAN5607.txt", "html/04AMMAN1288.html"];
  const files = names.map((n) => ({ name: n.split("/")[1], bytes: repoFile(`tests/data/corpus/${n}`), type: n.endsWith(".html") ? "text/html" : "text/plain" }));
  await dropFiles(page, "#dropzone", files);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="cable-item"]').length >= n, files.length + 1);
  const listed = await page.$$eval('[data-testid="cable-item"]', (els) => els.map((e) => e.dataset.name));
  for (const f of files) assert.ok(listed.includes(f.name), `${f.name} is listed`);
  assert.equal(await page.getAttribute(`[data-testid="cable-item"][data-name="${files[0].name}"]`, "aria-current"), "true", "the first dropped cable is shown");
  // A file that is not a cable format is refused with a visible note.
  await dropFiles(page, "#dropzone", [{ name: "photo.png", bytes: Buffer.from([137, 80, 78, 71]) }]);
  assert.match(await page.textContent("#dropzone .flash"), /photo\.png/);
  assertClean(s);
  await s.close();
});

/** Checks every highlighted part of the original-text view against the source bytes. */
async function checkHighlights(page, bytes, decode) {
  await page.click("#view-source");
  await page.waitForSelector('[data-testid="source-text"]');
  const text = decode(bytes);
  const shown = await page.textContent('[data-testid="source-text"]');
  assert.equal(shown, text, "the original-text view shows the decoded input exactly");
  const parts = await page.$$eval('[data-testid="source-part"], [data-testid="source-text"] [data-kind]', (els) => els.map((e) => ({
    kind: e.dataset.kind, text: e.textContent, start: +e.dataset.start, end: +e.dataset.end, start16: +e.dataset.start16, end16: +e.dataset.end16,
  })));
  for (const p of parts) {
    assert.equal(p.text, text.slice(p.start16, p.end16), `${p.kind} highlight matches its UTF-16 span`);
    assert.equal(p.text, decode(bytes.subarray(p.start, p.end)), `${p.kind} highlight matches its byte span`);
  }
  return parts;
}

test("[parser] highlights sit exactly on their spans in a Windows-1252 cable with ¶", async () => {
  const s = await openReady();
  const { page } = s;
  await dropFiles(page, "#dropzone", [{ name: "09PARIS1007.txt", bytes: PARIS }]);
  await page.waitForSelector('[data-testid="cable-item"][data-name="09PARIS1007.txt"][aria-current="true"]');
  const cp1252 = new TextDecoder("windows-1252");
  const parts = await checkHighlights(page, PARIS, (b) => cp1252.decode(b));
  const paras = parts.filter((p) => p.kind === "paragraph");
  assert.ok(paras.length >= 5, `paragraphs are highlighted (got ${paras.length})`);
  assert.ok(paras[0].text.startsWith("\u00b61."), "the first paragraph starts at its pilcrow");
  assertClean(s);
  await s.close();
});

test("[parser] highlights sit exactly on their spans in UTF-8 text where bytes and UTF-16 differ", async () => {
  const s = await openReady();
  const { page } = s;
  const utf8 = Buffer.from(new TextDecoder("windows-1252").decode(PARIS).replace(/Sarkozy,s/g, "Sarkozy’s").replace("Elysee", "Élysée"), "utf8");
  await dropFiles(page, "#dropzone", [{ name: "09PARIS1007.txt", bytes: utf8 }]);
  await page.waitForSelector('[data-testid="cable-item"][data-name="09PARIS1007.txt"][aria-current="true"]');
  const dec = new TextDecoder("utf-8");
  const parts = await checkHighlights(page, utf8, (b) => dec.decode(b));
  assert.ok(parts.some((p) => p.kind === "paragraph" && p.start !== p.start16), "some paragraph's byte offset differs from its UTF-16 offset");
  await s.close();
});

test("the original-text view is exact for a non-ASCII input even before anything is recognized", async () => {
  const s = await openReady();
  const { page } = s;
  await dropFiles(page, "#dropzone", [{ name: "09PARIS1007.txt", bytes: PARIS }]);
  await page.waitForSelector('[data-testid="cable-item"][data-name="09PARIS1007.txt"][aria-current="true"]');
  await page.click("#view-source");
  assert.equal(await page.textContent('[data-testid="source-text"]'), new TextDecoder("windows-1252").decode(PARIS));
  assert.equal(await page.getAttribute("#view-source", "aria-pressed"), "true");
  await s.close();
});

test("[parser] each diagnostic with a span jumps to its place in the original text", async () => {
  const s = await openReady();
  const { page } = s;
  const buttons = await page.$$('[data-testid="diagnostic"] button');
  assert.ok(buttons.length > 0, "the seed has diagnostics with spans (paragraph numbers repaired)");
  assert.ok((await texts(page, '[data-testid="diagnostic"]')).some((t) => /paragraph/i.test(t)));
  await buttons[0].click();
  assert.equal(await page.getAttribute("#view-source", "aria-pressed"), "true");
  assert.ok(await page.evaluate(() => CSS.highlights.has("cs-target")), "the place is highlighted");
  await s.close();
});

test("[parser] input that is not a cable gets a clear message on the page", async () => {
  const s = await openReady();
  const { page } = s;
  // A PDF saved under a .txt name, dropped in.
  await dropFiles(page, "#dropzone", [{ name: "scan.txt", bytes: Buffer.from("%PDF-1.4\n%\xE2\xE3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1") }]);
  await page.waitForSelector('[data-testid="cable-item"][data-name="scan.txt"][aria-current="true"]');
  assert.ok(await page.isVisible('[data-testid="problem"]'), "a visible notice");
  assert.match(await page.textContent('[data-testid="problem"]'), /does not look like a diplomatic cable/);
  assert.match(await page.textContent('[data-testid="problem"]'), /PDF/);
  // Binary junk pasted in.
  await paste(page, "\u0000\u0001\u0002 \u0000garbage\u0000");
  assert.match(await page.textContent('[data-testid="problem"]'), /does not look like a diplomatic cable/);
  assertClean(s);
  await s.close();
});

test("garbage input never breaks the page", async () => {
  const s = await openReady();
  const { page } = s;
  for (const junk of ["\u0000\u0001\u0002", "<script>alert(1)</script><img src=x onerror=alert(2)>", "😀".repeat(500), "1.\n2.\n".repeat(200)]) {
    await paste(page, junk);
    assert.ok(await page.isVisible('[data-testid="classification"]'));
  }
  assert.equal(await page.$("img[src=x]"), null, "untrusted text is never parsed as HTML");
  assert.equal(await page.$("#view script"), null);
  assertClean(s);
  await s.close();
});

test("when the WebAssembly fails to load, the page says so", async () => {
  const s = await env.open();
  const { page } = s;
  await page.route("**/cablescope_bg.wasm", (r) => r.fulfill({ status: 404, body: "gone" }));
  assert.equal(await ready(page, env.url), "failed");
  assert.ok(await page.isVisible("#alert"));
  assert.match(await page.textContent("#alert"), /WebAssembly/);
  await s.close();
});

test("JSON export downloads the CLI object without the browser-only offsets", async () => {
  const s = await openReady({ acceptDownloads: true });
  const { page } = s;
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
  assert.match(download.suggestedFilename(), /\.json$/);
  const path = await download.path();
  const json = JSON.parse(readFileSync(path, "utf8"));
  assert.equal(json.schema_version, 2);
  assert.ok(json.span && json.span.start_utf16 === undefined, "no start_utf16 in the export");
  assert.ok(Array.isArray(json.paragraphs) && Array.isArray(json.diagnostics));
  await s.close();
});

test("a permalink carries the text in the fragment and restores it", async () => {
  const s = await openReady({ permissions: ["clipboard-read", "clipboard-write"] });
  const { page } = s;
  const text = `${SEED}\nÉté “quoted” ¶ — ${"x".repeat(50)}`;
  await paste(page, text);
  await page.click("#permalink");
  await page.waitForFunction(() => location.hash.startsWith("#t="));
  const link = await page.evaluate(() => location.href);
  assert.ok(link.length < text.length, "the text is compressed");
  const t = await env.open();
  await t.page.goto(link);
  await t.page.waitForSelector('body[data-state="ready"]');
  assert.equal(await t.page.inputValue("#paste"), text);
  for (const r of [...s.requests, ...t.requests]) assert.ok(!r.includes("t="), `the text is never sent: ${r}`);
  await t.close();
  await s.close();
});

test("keyboard alone: skip link, view toggle, sentence case", async () => {
  const s = await openReady();
  const { page } = s;
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "cable");
  await page.focus("#view-source");
  await page.keyboard.press("Space");
  assert.ok(await page.isVisible('[data-testid="source-view"]'));
  await page.focus("#view-read");
  await page.keyboard.press("Enter");
  assert.ok(await page.isVisible('[data-testid="body"]'));
  await page.focus("#sentence-case");
  await page.keyboard.press("Space");
  assert.ok(await page.isChecked("#sentence-case"));
  await s.close();
});

test("nothing is requested from any other host", async () => {
  const s = await openReady();
  const { page } = s;
  await paste(page, SEED);
  await dropFiles(page, "#dropzone", [{ name: "04AMMAN1288.html", bytes: repoFile("tests/data/corpus/html/04AMMAN1288.html"), type: "text/html" }]);
  await page.waitForSelector('[data-testid="cable-item"][data-name="04AMMAN1288.html"]');
  await page.click("#view-source");
  await page.click("#theme-toggle");
  await page.waitForTimeout(300);
  const origin = new URL(env.url).origin;
  const foreign = s.requests.filter((r) => !r.startsWith(origin) && !r.startsWith("data:") && !r.startsWith("blob:"));
  assert.deepEqual(foreign, []);
  assert.ok(s.requests.length > 3);
  assert.deepEqual(await cspViolations(page), []);
  await s.close();
});

async function axeScan(page, label) {
  // Colours change with short transitions (the theme toggle): scan once they have settled, not mid-way.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`), []);
}

test("accessibility: no serious or critical axe violations in both themes and at phone width", async () => {
  for (const [label, options, dark, view] of [
    ["light", { viewport: { width: 1280, height: 900 }, colorScheme: "light" }, false, "read"],
    ["dark", { viewport: { width: 1280, height: 900 }, colorScheme: "light" }, true, "read"],
    ["dark original text", { viewport: { width: 1280, height: 900 }, colorScheme: "dark" }, false, "source"],
    ["phone", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, false, "read"],
  ]) {
    const s = await openReady(options);
    const { page } = s;
    if (dark) await page.click("#theme-toggle");
    if (view === "source") await page.click("#view-source");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), dark || label.startsWith("dark") ? "dark" : "light");
    await axeScan(page, label);
    if (label === "phone") {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at phone width (overflow ${overflow}px)`);
    }
    await s.close();
  }
});

test("screenshot of the loaded seed for the README (docs/screenshot.png)", async () => {
  const s = await openReady({ viewport: { width: 1280, height: 960 }, colorScheme: "light", deviceScaleFactor: 1 });
  mkdirSync(join(ROOT, "docs"), { recursive: true });
  await s.page.screenshot({ path: join(ROOT, "docs/screenshot.png") });
  await s.close();
});
