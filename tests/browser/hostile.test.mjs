// hostile.test.mjs — issue 7 in the browser: bad files never crash the page, hostile cables never run code or fetch.
//
// Every payload in fixtures/hostile-cable.txt and fixtures/hostile-viewer.html would call window.__pwned(n) (a
// playwright binding, so it is defined in every frame and reports even from a page that navigated away), call
// alert() (a `dialog` event), or fetch http://127.0.0.1:<LEAKPORT>/leak-n (a TCP listener that counts connections,
// on a port nothing else uses) or a same-origin /leak-n path. A test fails on any of these, on any request to a
// /leak URL, on any CSP violation or console error, and if the literal payload is not shown as text. It runs with
// the page's CSP, with the CSP stripped, and with the <cable-scope> widget in a host page that has no CSP; in the
// last two, positive controls prove the tripwire fires when markup really is parsed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { deflateRawSync, createDeflateRaw } from "node:zlib";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { launch, ready, dropFiles, texts, repoFile } from "./helpers.mjs";
import { startServer } from "../../scripts/serve.mjs";

const PARIS = repoFile("tests/data/corpus/txt/09PARIS1007.txt");
const BOGOTA = repoFile("tests/data/corpus/txt/07BOGOTA1232.txt");
const SEED = repoFile("tests/data/seeds/05ALMATY4282.txt").toString("utf8");
const LIMIT_LABEL = "16 MB"; // www/app.js MAX_INPUT_BYTES

let env;
let leak; // { port, hits }
let dir;
let host; // a second origin, for the widget's host page
let CABLE; // the hostile cable text, its leak port filled in
let VIEWER; // the hostile viewer page

before(async () => {
  leak = await leakCatcher();
  const fill = (s) => s.replaceAll("LEAKPORT", String(leak.port));
  CABLE = fill(repoFile("tests/browser/fixtures/hostile-cable.txt").toString("utf8"));
  VIEWER = fill(repoFile("tests/browser/fixtures/hostile-viewer.html").toString("utf8"));
  env = await launch();
  dir = mkdtempSync(join(tmpdir(), "cablescope-hostile-"));
  mkdirSync(join(dir, "host"));
  host = await startServer({ root: join(dir, "host"), port: 0 });
});
after(async () => {
  await env?.close();
  host?.server.close();
  leak?.server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A TCP listener on a port the app never uses: every connection to it is a leak. */
function leakCatcher() {
  const hits = [];
  const server = createServer((sock) => {
    hits.push(sock.remoteAddress);
    sock.on("error", () => {});
    sock.end("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ server, hits, port: server.address().port })));
}

/**
 * A fresh page with the tripwires armed before anything loads: the __pwned binding, dialogs, every request of the
 * context (all pages and frames), page errors, console errors and CSP violations (helpers.mjs records those two).
 */
async function armed(options) {
  const s = await env.open(options);
  const ctx = s.page.context();
  s.pwned = [];
  s.dialogs = [];
  s.all = [];
  await ctx.exposeBinding("__pwned", (_source, n) => { s.pwned.push(String(n)); });
  ctx.on("request", (r) => s.all.push(r.url()));
  s.pages = [];
  s.own = new Set([s.page]); // pages the test opened itself
  ctx.on("page", (p) => s.pages.push(p));
  s.page.on("dialog", (d) => { s.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  return s;
}

/** Lets late handlers run (image errors, iframe loads, meta refresh, style loads). */
const settle = (page) => page.waitForTimeout(600);

/** Fails if anything fired, fetched, navigated, was blocked by the CSP or logged an error. */
async function assertInert(s, label, { url } = {}) {
  assert.deepEqual(s.pwned.filter((n) => !n.includes("control")), [], `${label}: no payload ran`);
  assert.deepEqual(s.dialogs, [], `${label}: no dialog`);
  assert.deepEqual(s.pages.filter((p) => !s.own.has(p)).map((p) => p.url()), [], `${label}: no popup or new window`);
  assert.deepEqual(s.all.filter((r) => /leak/i.test(r.split("#")[0])), [], `${label}: no request to a /leak URL`);
  assert.deepEqual(leak.hits, [], `${label}: nothing connected to the leak port`);
  const foreign = s.all.filter((r) => !r.startsWith(env.url) && !(host && r.startsWith(host.url)) && !/^(data|blob|about):/.test(r));
  assert.deepEqual(foreign, [], `${label}: no request to another origin`);
  assert.deepEqual(await s.page.evaluate(() => window.__csp ?? []), [], `${label}: no CSP violation (a blocked payload is a failure too)`);
  assert.deepEqual(s.errors, [], `${label}: no page error or console error`);
  if (url) assert.equal(s.page.url().split("#")[0], url, `${label}: the page did not navigate away`);
  const hidden = await s.page.evaluate(() => getComputedStyle(document.body).display === "none" || getComputedStyle(document.body).visibility === "hidden");
  assert.equal(hidden, false, `${label}: the page is still displayed (no injected CSS)`);
}

/**
 * Elements and attributes that only injected markup could have made, anywhere in the document and in open shadow
 * roots: event handlers, URL-bearing attributes other than the app's own, embedding and styling elements.
 */
function strayMarkup(page) {
  return page.evaluate(() => {
    const bad = [];
    const appScript = (el) => el.type === "module" && /\/(app|embed)\.js(\?.*)?$/.test(el.src);
    const check = (el, inShadow) => {
      const tag = el.localName;
      if (["iframe", "frame", "frameset", "object", "embed", "base", "form", "video", "audio", "source", "img", "image", "math",
        "template", "details", "marquee", "style", "applet", "portal", "noscript", "foreignobject"].includes(tag)) bad.push(`<${tag}>`);
      if (tag === "script" && !appScript(el) && !/\/record\.js$/.test(el.src)) bad.push(`<script src="${el.src}">${el.textContent.slice(0, 40)}`);
      if (tag === "meta" && el.httpEquiv && el.httpEquiv.toLowerCase() !== "content-security-policy") bad.push(`<meta http-equiv=${el.httpEquiv}>`);
      if (tag === "link" && !(el.rel === "stylesheet" && /\/(style|embed-demo)\.css$/.test(el.href)) && !(el.rel === "icon" && el.getAttribute("href") === "data:,")) bad.push(`<link ${el.rel} ${el.href}>`);
      // The app's own links: the skip link, and links between loaded cables (#ref-<id>, with data-ref-id).
      if (tag === "a" && el.getAttribute("href") !== "#cable" && !(el.dataset.refId && el.getAttribute("href") === `#ref-${encodeURIComponent(el.dataset.refId)}`)) bad.push(`<a href=${el.getAttribute("href")}>`);
      if (tag === "input" && !["file-input", "folder-input", "collection-search", "sentence-case"].includes(el.id)) bad.push(`<input ${el.outerHTML.slice(0, 60)}>`);
      if (tag === "svg" && !el.classList.contains("chart") && !el.classList.contains("cchart-svg")) bad.push("<svg> that is not the figures chart or a collection chart");
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        if (name.startsWith("on")) bad.push(`${tag}[${name}]`);
        if (["src", "srcdoc", "action", "formaction", "data", "xlink:href", "background", "poster", "ping", "srcset", "content"].includes(name) && !(tag === "script" && name === "src") && !(tag === "meta") && !(tag === "cable-scope" && name === "src")) bad.push(`${tag}[${name}=${a.value.slice(0, 40)}]`);
        if (name === "href" && !["a", "link"].includes(tag)) bad.push(`${tag}[href=${a.value.slice(0, 40)}]`);
        if (name === "style" && !(el.id === "figure-card" && !/url|expression|@import/i.test(a.value))) bad.push(`${tag}[style=${a.value.slice(0, 40)}]`);
        if (/javascript:/i.test(a.value) && name !== "data-name" && !name.startsWith("aria-") && name !== "title" && name !== "data-code") {
          if (["href", "src", "action", "formaction", "xlink:href", "data"].includes(name)) bad.push(`${tag}[${name}=javascript:]`);
        }
      }
      if (el.shadowRoot) walk(el.shadowRoot, true);
      void inShadow;
    };
    const walk = (root, inShadow) => { for (const el of root.querySelectorAll("*")) check(el, inShadow); };
    walk(document, false);
    return bad;
  });
}

/** Proves the tripwire works where markup is parsed (CSP off): an injected handler and inline script do fire. */
async function positiveControls(s, { cspOn }) {
  await s.page.evaluate(() => {
    const d = document.createElement("div");
    d.innerHTML = '<img src="data:," onerror="__pwned(\'control-handler\')"><img src="x:" onerror="__pwned(\'control-handler\')">';
    document.body.append(d);
    const sc = document.createElement("script");
    sc.textContent = "__pwned('control-inline')";
    document.body.append(sc);
  });
  await settle(s.page);
  if (cspOn) {
    assert.ok(!s.pwned.includes("control-inline"), "with the CSP, an inline script is blocked");
  } else {
    assert.ok(s.pwned.includes("control-handler"), "control: an injected onerror handler is caught by the tripwire");
    assert.ok(s.pwned.includes("control-inline"), "control: without a CSP an inline script runs, so the page really had none");
  }
}

/**
 * The rendered text (innerText: what is on screen, not markup) of the cable view or a widget's shadow root. Sections
 * and paragraphs use `content-visibility: auto`, so each is scrolled into view and painted before it is read.
 */
function viewText(page, widgetId = null) {
  return page.evaluate(async (id) => {
    const root = id ? document.getElementById(id).shadowRoot.querySelector(".cs") : document.querySelector("#view");
    const frame = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const out = [];
    const blocks = [...root.querySelectorAll(".header-card, .para, .block-label, [data-testid='figures'], [data-testid='problem'], pre, .cs-footer")];
    for (const el of blocks) {
      el.scrollIntoView({ block: "center" });
      await frame();
      out.push(el.innerText);
    }
    return out.join("\n");
  }, widgetId);
}

function assertShows(text, needles, label) {
  for (const n of needles) assert.ok(text.includes(n), `${label}: the literal ${JSON.stringify(n)} is shown as text`);
}

const CABLE_NEEDLES = [
  "<script>__pwned(30)</script>",
  '<a href="javascript:__pwned(33)">here</a>',
  "javascript:__pwned(34)",
  '<iframe srcdoc="<script>parent.__pwned(35)</script>"></iframe>',
  '<iframe src="/leak-36"></iframe>',
  "</style><style>body{display:none}</style>",
  "{{constructor.constructor('__pwned(38)')()}}",
  "${__pwned(39)}",
  "<%= __pwned(41) %>",
  "<link rel=stylesheet href=/leak-42>",
  '<meta http-equiv="refresh" content="0;url=/leak-45">',
  "<details open ontoggle=__pwned(47)>x</details>",
  "<math><mtext><table><mglyph><style><img src=x onerror=__pwned(53)>",
  "&lt;script&gt;__pwned(58)&lt;/script&gt;",
];
const SUBJECT = "<script>__pwned(1)</script><img src=x onerror=__pwned(2)> <svg onload=__pwned(3)> ${__pwned(4)} {{7*7}} javascript:__pwned(5) </style><style>body{display:none}</style>";

/** Pastes the hostile cable, checks each field shows its payload as text, then walks every view and control. */
async function exerciseCable(s) {
  const { page } = s;
  await page.fill("#paste", CABLE);
  await page.waitForFunction(() => document.querySelector('[data-testid="reference-id"]')?.textContent === "05ALMATY4283", null, { timeout: 10000 });
  assert.equal((await page.textContent('[data-testid="subject"]')).trim(), SUBJECT, "subject shown literally");
  const tags = await texts(page, '[data-testid="tag"] .chip-code');
  assert.ok(tags.includes("<img src=x onerror=__pwned(10)>"), `a TAGS item shown literally (got ${tags.join(" | ")})`);
  assert.ok(tags.includes("{{constructor.constructor('__pwned(11)')()}}"), "a template TAGS item shown literally");
  const refs = (await texts(page, '[data-testid="reference"]')).join("\n");
  assertShows(refs, ['<a href="javascript:__pwned(20)">ref</a>', '<iframe srcdoc="<script>parent.__pwned(21)</script>"></iframe>', `<img src="http://127.0.0.1:${leak.port}/leak-22">`, "${__pwned(23)}"], "REF items");
  const header = await page.evaluate(() => document.querySelector(".header-card").innerText);
  assertShows(header, ["AMEMBASSY ALMATY <img src=x onerror=__pwned(60)>", "<script>__pwned(63)</script>", "<img src=/leak-64 onerror=__pwned(64)>"], "header lines");
  assertShows(await viewText(page), CABLE_NEEDLES, "paragraphs");
  // Figures: every mark's card, and the table's "what it measures" column, hold payload fragments.
  const marks = await page.$$('[data-testid="figure-mark"]');
  assert.ok(marks.length >= 5, "figures are marked in the prose");
  for (const m of marks) await m.focus();
  await page.locator('[data-testid="figure-mark"]', { hasText: "exceeding 70 percent" }).first().focus();
  assert.match(await page.textContent("#figure-card"), /<\/script> Support/, "a figure's measure with markup shown literally on its card");
  await page.keyboard.press("Escape");
  const more = await page.$("#view .more:not([hidden])");
  if (more) await more.click();
  assert.ok((await texts(page, '[data-testid="figure-row"]')).some((t) => t.includes("</script> Support")), "figure table shows the measure literally");
  const rowButtons = page.locator('[data-testid="figure-row"] button');
  for (let i = 0; i < await rowButtons.count(); i++) await rowButtons.nth(i).press("Enter");
  // Every other control: sentence case, the original text, reference links, diagnostics.
  await page.click("#sentence-case");
  await page.click("#sentence-case");
  await page.click("#view-source");
  const source = await page.textContent('[data-testid="source-text"]');
  assert.equal(source, CABLE, "the original-text view shows the input exactly, as text");
  await page.click("#view-read");
  const controls = page.locator('[data-testid="reference-link"], [data-testid="diagnostic"] button');
  for (let i = 0; i < await controls.count(); i++) {
    await page.click("#view-read");
    await controls.nth(i).click({ timeout: 5000 }).catch(() => {}); // a click may re-render the list it came from
  }
  await page.click("#view-read");
}

/** Drops the hostile cable and viewer page under hostile file names; both are listed and shown as text. */
async function exerciseFiles(s) {
  const { page } = s;
  const names = ['"><img src=x onerror=__pwned(90)>.txt', "<svg onload=__pwned(91)>.html", "<img src=x onerror=__pwned(92)>.png"];
  await dropFiles(page, "#dropzone", [
    { name: names[0], bytes: Buffer.from(CABLE) },
    { name: names[1], bytes: Buffer.from(VIEWER), type: "text/html" },
    { name: names[2], bytes: Buffer.from([137, 80, 78, 71]) },
  ]);
  await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid="cable-item"]')].some((e) => e.dataset.name === n), names[1]);
  const listed = await page.$$eval('[data-testid="cable-item"]', (els) => els.map((e) => e.dataset.name));
  assert.ok(listed.includes(names[0]) && listed.includes(names[1]), "hostile file names are listed as they are");
  assert.ok((await page.evaluate(() => document.querySelector("#cable-list").innerText)).includes(names[0]), "a hostile file name is shown as text");
  assert.ok((await page.textContent("#dropzone .flash")).includes(names[2]), "a skipped hostile file name is shown as text");
  await page.click(`[data-testid="cable-item"][data-name="${names[1].replace(/"/g, '\\"')}"]`);
  await page.waitForFunction(() => document.querySelector('[data-testid="reference-id"]')?.textContent === "05ALMATY4284");
  assert.equal((await page.textContent('[data-testid="subject"]')).trim(),
    "<script>__pwned(121)</script><img src=x onerror=__pwned(122)> ${__pwned(123)} {{constructor.constructor('__pwned(124)')()}} </style><style>body{display:none}</style>",
    "viewer page: entity-escaped markup in the subject is shown literally");
  assertShows(await viewText(page), ["Embassy Almaty <svg onload=__pwned(119)>", "<img src=x onerror=__pwned(120)>", '<a href="javascript:__pwned(125)">ref</a>',
    "<script>__pwned(127)</script>", '<iframe src="/leak-136"></iframe>', "&lt;b&gt;", "${__pwned(137)}", "javascript:__pwned(139)"], "viewer page");
  await page.click("#view-source");
  assert.ok((await page.textContent('[data-testid="source-text"]')).includes("<script>__pwned(103)</script>"), "the viewer page's own markup is shown as text in the original-text view");
  await page.click("#view-read");
}

/** Opens a permalink carrying the hostile cable under a hostile name, in a new page of the same context. */
async function exercisePermalink(s) {
  const name = "<img src=x onerror=__pwned(93)>.txt";
  const link = `${env.url}#t=${deflateRawSync(Buffer.from(CABLE)).toString("base64url")}&n=${encodeURIComponent(name)}`;
  const page = await s.page.context().newPage();
  s.own.add(page);
  page.on("dialog", (d) => { s.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on("pageerror", (e) => s.errors.push(`pageerror: ${e.message}`));
  await page.goto(link);
  await page.waitForSelector('body[data-state="ready"]');
  assert.equal(await page.inputValue("#paste"), CABLE, "the permalink's text is restored as text");
  assert.equal(await page.getAttribute('[data-testid="cable-item"][data-key^="paste"]', "data-name"), name, "the permalink's hostile name is kept as an inert attribute value");
  assert.deepEqual(await strayMarkup(page), [], "permalink page: no markup came from the link");
  await settle(page);
  await page.close();
}

async function runPage(label, { stripCsp }) {
  const s = await armed({ acceptDownloads: true, permissions: ["clipboard-read", "clipboard-write"] });
  const { page } = s;
  if (stripCsp) {
    await page.route((u) => u.pathname === "/" || u.pathname === "/index.html", async (route) => {
      const res = await route.fetch();
      const html = (await res.text()).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, "");
      await route.fulfill({ response: res, body: html });
    });
  }
  assert.equal(await ready(page, env.url), "ready");
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null);
  if (stripCsp) assert.equal(csp, null, "the CSP is really gone");
  else {
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(csp, /object-src 'none'/);
  }
  await exerciseCable(s);
  await exerciseFiles(s);
  // Exports with the hostile cable selected.
  await page.click('[data-testid="cable-item"][data-key^="paste"]');
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
  assert.match(download.suggestedFilename(), /\.json$/);
  await page.click("#copy-json");
  await page.click("#permalink");
  await page.waitForFunction(() => location.hash.startsWith("#t="));
  await exercisePermalink(s);
  await settle(page);
  assert.deepEqual(await strayMarkup(page), [], `${label}: no markup came from the cable`);
  await assertInert(s, label, { url: env.url });
  await positiveControls(s, { cspOn: !stripCsp });
  await s.close();
}

test("hostile cable and viewer page: inert text, nothing runs or loads — under the page's CSP", async () => {
  await runPage("with CSP", { stripCsp: false });
});

test("hostile cable and viewer page: inert text, nothing runs or loads — with the CSP removed", async () => {
  await runPage("without CSP", { stripCsp: true });
});

test("hostile cable in the <cable-scope> widget, on a host page with no CSP: inert text, nothing runs or loads", async () => {
  const write = (name, body) => { const p = join(dir, "host", name); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, body); };
  write("hostile-viewer.html", VIEWER);
  write("record.js", `window.__events = [];
for (const type of ["cable-analyzed", "cable-error"]) document.addEventListener(type, (e) => window.__events.push({ type, id: e.target.id }));
`);
  write("article.html", `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host article, no CSP</title><link rel="icon" href="data:,">
<script src="record.js"></script>
<script type="module" src="${env.url}embed.js"></script>
</head><body><main><h1>Host</h1>
<cable-scope id="w-full" view="full" file-name="&lt;img src=x onerror=__pwned(94)&gt;.txt"></cable-scope>
<cable-scope id="w-compact" view="compact" src="hostile-viewer.html"></cable-scope>
<cable-scope id="w-figures" view="figures"></cable-scope>
</main></body></html>
`);
  const s = await armed();
  const { page } = s;
  const url = `${host.url}article.html`;
  await page.goto(url);
  assert.equal(await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')), null, "the host page has no CSP");
  await page.waitForFunction(() => customElements.get("cable-scope"), null, { timeout: 20000 });
  // Two widgets start empty (a cable-error each: nothing to show) and get the hostile text from script.
  await page.waitForFunction(() => window.__events.length >= 3, null, { timeout: 20000 });
  await page.evaluate((text) => { window.__events = []; for (const id of ["w-full", "w-figures"]) document.getElementById(id).text = text; }, CABLE);
  await page.waitForFunction(() => window.__events.filter((e) => e.type === "cable-analyzed").length >= 2, null, { timeout: 20000 });
  assert.deepEqual(await page.evaluate(() => window.__events.filter((e) => e.type === "cable-error")), [], "no widget failed");
  for (const id of ["w-full", "w-compact", "w-figures"]) {
    assert.equal(await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('[part="error"]'), id), null, `${id} shows its cable`);
  }
  const shadowText = (id) => viewText(page, id);
  const full = await shadowText("w-full");
  assertShows(full, [SUBJECT, "<img src=x onerror=__pwned(10)>", '<a href="javascript:__pwned(20)">ref</a>', ...CABLE_NEEDLES], "widget, full view");
  // The compact view opens in place; the figures view shows each row's card.
  await page.locator("#w-compact").locator('[part="expand"]').click();
  assertShows(await shadowText("w-compact"), ["<script>__pwned(121)</script><img src=x onerror=__pwned(122)>", "<script>__pwned(127)</script>", '<iframe src="/leak-136"></iframe>'], "widget, viewer page");
  const rows = page.locator("#w-figures").locator('[data-testid="figure-row"] button');
  for (let i = 0; i < Math.min(await rows.count(), 20); i++) await rows.nth(i).press("Enter");
  assertShows(await shadowText("w-figures"), ["</script> Support"], "widget, figures view");
  for (const m of await page.locator("#w-full").locator('[data-testid="figure-mark"]').all()) await m.focus();
  await settle(page);
  assert.deepEqual(await strayMarkup(page), [], "no markup came from the cables inside the widgets");
  await assertInert(s, "widget without CSP", { url });
  await positiveControls(s, { cspOn: false });
  await s.close();
});

// ---- Bad files -------------------------------------------------------------------------------------------------

function utf16le(text, bom) {
  const body = Buffer.from(text, "utf16le");
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

/** Opens the page with reads of file contents recorded (Blob/File arrayBuffer, text, stream, slice; FileReader). */
async function openInstrumented() {
  const s = await armed();
  await s.page.addInitScript(() => {
    window.__reads = [];
    for (const m of ["arrayBuffer", "text", "stream", "bytes", "slice"]) {
      const orig = Blob.prototype[m];
      if (!orig) continue;
      Blob.prototype[m] = function (...args) { window.__reads.push({ m, size: this.size, name: this.name ?? null }); return orig.apply(this, args); };
    }
    for (const m of ["readAsArrayBuffer", "readAsText", "readAsBinaryString", "readAsDataURL"]) {
      const orig = FileReader.prototype[m];
      FileReader.prototype[m] = function (blob, ...args) { window.__reads.push({ m, size: blob.size, name: blob.name ?? null }); return orig.call(this, blob, ...args); };
    }
    // A heartbeat: the longest gap between 50 ms ticks shows whether the main thread was ever blocked.
    window.__beat = { n: 0, last: performance.now(), maxGap: 0 };
    setInterval(() => { const t = performance.now(); window.__beat.maxGap = Math.max(window.__beat.maxGap, t - window.__beat.last); window.__beat.last = t; window.__beat.n++; }, 50);
  });
  assert.equal(await ready(s.page, env.url), "ready");
  return s;
}

/** A page.evaluate round trip, in ms. */
async function roundTrip(page) {
  const t0 = Date.now();
  await page.evaluate(() => 1);
  return Date.now() - t0;
}

/** Selects a listed file and returns what the page shows for it. */
async function showFile(page, name) {
  await page.click(`[data-testid="cable-item"][data-name="${name}"]`);
  await page.waitForSelector(`[data-testid="cable-item"][data-name="${name}"][aria-current="true"]`);
  return {
    problem: (await page.$('[data-testid="problem"]')) ? (await page.textContent('[data-testid="problem"]')) : null,
    ref: await page.textContent('[data-testid="reference-id"]'),
    subject: (await page.textContent('[data-testid="subject"]')).trim(),
    notes: await texts(page, '[data-testid="diagnostic"]'),
  };
}

test("bad files dropped with two good ones: each gets a clear message, the good ones render, the tab stays responsive", async () => {
  const s = await openInstrumented();
  const { page } = s;
  const bogotaUtf16 = new TextDecoder("windows-1252").decode(BOGOTA);
  const bad = [
    { name: "photo.txt", bytes: Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "latin1"), Buffer.alloc(4000, 7)]) },
    { name: "scan.txt", bytes: Buffer.from("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1") },
    { name: "archive.txt", bytes: Buffer.concat([Buffer.from("PK\x03\x04\x14\0\0\0\x08\0", "latin1"), Buffer.alloc(2000, 0)]) },
    { name: "empty.txt", bytes: Buffer.alloc(0) },
    { name: "ff.txt", bytes: Buffer.alloc(65536, 0xff) },
    { name: "utf16-bom.txt", bytes: utf16le(bogotaUtf16, true) },
    { name: "utf16-nobom.txt", bytes: utf16le(bogotaUtf16, false) },
    { name: "photo.png", bytes: Buffer.from("\x89PNG\r\n\x1a\n", "latin1") },
  ];
  const good = [{ name: "09PARIS1007.txt", bytes: PARIS }, { name: "07BOGOTA1232.txt", bytes: BOGOTA }];
  // Good files first, last and in between: one bad file must not stop the rest of the batch.
  await dropFiles(page, "#dropzone", [good[0], ...bad.slice(0, 4), good[1], ...bad.slice(4)]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="cable-item"][data-key^="f"]').length >= 9, null, { timeout: 20000 });
  assert.ok(await roundTrip(page) < 1000, "the page answers at once after the drop");

  for (const g of [["09PARIS1007.txt", "09PARIS1007"], ["07BOGOTA1232.txt", "07BOGOTA1232"]]) {
    const shown = await showFile(page, g[0]);
    assert.equal(shown.ref, g[1], `${g[0]} renders`);
    assert.equal(shown.problem, null, `${g[0]} has no problem notice`);
    assert.ok(await page.isVisible('[data-testid="body"]'));
  }
  for (const [name, why] of [["photo.txt", /PNG image/], ["scan.txt", /PDF document/], ["archive.txt", /ZIP archive/], ["empty.txt", /empty/]]) {
    const shown = await showFile(page, name);
    assert.ok(shown.problem, `${name}: a visible notice`);
    assert.match(shown.problem, /does not look like a diplomatic cable/, `${name}: the not-a-cable message`);
    assert.match(shown.problem, why, `${name}: says why`);
  }
  // UTF-16 with a byte-order mark is decoded and read like the original.
  const u16 = await showFile(page, "utf16-bom.txt");
  assert.equal(u16.ref, "07BOGOTA1232", "UTF-16 with BOM is read");
  assert.ok(u16.notes.some((t) => /UTF-16LE/.test(t)), "and the page notes the decoding");
  // So is UTF-16 saved without one (recognized by its NUL bytes).
  const u16nobom = await showFile(page, "utf16-nobom.txt");
  assert.equal(u16nobom.ref, "07BOGOTA1232", "UTF-16 without BOM is read");
  assert.ok(u16nobom.notes.some((t) => /UTF-16LE/.test(t)), "and the page notes the decoding");
  // 64 KB of 0xFF is valid Windows-1252 ("ÿÿÿ…"): not flagged as binary by the core, but never a crash; the page
  // says how it read it.
  const ff = await showFile(page, "ff.txt");
  assert.ok(ff.problem || ff.notes.some((t) => /Windows-1252|not UTF-8/.test(t)), `ff.txt: a message on the page (${ff.notes.join(" | ")})`);
  assert.match(await page.textContent("#dropzone .flash"), /Skipped photo\.png: only \.txt, \.html and \.csv/);
  const beat = await page.evaluate(() => window.__beat);
  assert.ok(beat.maxGap < 2000, `the main thread was never blocked for long (longest gap ${Math.round(beat.maxGap)} ms)`);
  await assertInert(s, "bad files");
  await s.close();
});

test("a 2 GB file picked with a good one: refused before it is read, pointing to batch mode; the good one renders; memory stays bounded", async () => {
  const big = join(dir, "cables-2gb.csv");
  execFileSync("truncate", ["-s", "2G", big]);
  const paris = join(dir, "09PARIS1007.txt");
  writeFileSync(paris, PARIS);
  const s = await openInstrumented();
  const { page } = s;
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    const u = await cdp.send("Runtime.getHeapUsage");
    return { js: u.usedSize, buffers: u.backingStorageSize ?? 0, perf: await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0) };
  };
  const before = await heap();
  await page.evaluate(() => { window.__beat.maxGap = 0; });
  await page.setInputFiles("#file-input", [big, paris]);
  await page.waitForSelector('[data-testid="cable-item"][data-name="09PARIS1007.txt"][aria-current="true"]', { timeout: 20000 });
  const flash = await page.textContent("#dropzone .flash");
  assert.match(flash, /cables-2gb\.csv \(2\.0 GB\)/, `names the file and its size: ${flash}`);
  assert.match(flash, /too large for this page/);
  assert.ok(flash.includes(`the limit is ${LIMIT_LABEL}`), "states the limit");
  assert.match(flash, /batch mode/, "points to the command line's batch mode");
  assert.equal(await page.textContent('[data-testid="reference-id"]'), "09PARIS1007", "the good file of the same pick renders");
  const reads = await page.evaluate(() => window.__reads);
  // slice() reads nothing (the page slices the file's first 64 KB to see whether it is a dump; that read is recorded).
  assert.ok(reads.filter((r) => r.m !== "slice").every((r) => r.size <= 16 * 1024 * 1024), `no file over the limit was read: ${JSON.stringify(reads)}`);
  assert.ok(reads.some((r) => r.name === "09PARIS1007.txt"), "the good file was read");
  // Responsive: round trips stay fast and the heartbeat kept ticking.
  const trips = [];
  for (let i = 0; i < 5; i++) trips.push(await roundTrip(page));
  assert.ok(Math.max(...trips) < 500, `page.evaluate round trips stay fast (${trips.join(", ")} ms)`);
  await page.waitForTimeout(300);
  const beat = await page.evaluate(() => window.__beat);
  assert.ok(beat.maxGap < 1000, `a 50 ms timer kept firing (longest gap ${Math.round(beat.maxGap)} ms)`);
  // Memory: the JS heap and the array-buffer backing stores (wasm memory included) grew by far less than the file.
  const afterPick = await heap();
  const grew = { js: afterPick.js - before.js, buffers: afterPick.buffers - before.buffers, perf: afterPick.perf - before.perf };
  const BOUND = 64 * 1024 * 1024;
  assert.ok(grew.js < BOUND && grew.perf < BOUND, `JS heap grew ${JSON.stringify(grew)} bytes (bound ${BOUND})`);
  assert.ok(grew.buffers < BOUND, `array-buffer backing stores grew ${grew.buffers} bytes (bound ${BOUND})`);
  assert.ok(afterPick.buffers < 256 * 1024 * 1024, `array buffers in all: ${afterPick.buffers} bytes`);
  await assertInert(s, "2 GB pick");
  await s.close();
});

/** deflate-raw of `chunk` repeated `times`, base64url; streamed so the gigabyte never exists in the test. */
async function deflateRawStream(chunk, times) {
  const d = createDeflateRaw({ level: 9 });
  const parts = [];
  d.on("data", (c) => parts.push(c));
  const done = new Promise((ok, fail) => { d.on("end", ok); d.on("error", fail); });
  for (let i = 0; i < times; i++) if (!d.write(chunk)) await new Promise((ok) => d.once("drain", ok));
  d.end();
  await done;
  return Buffer.concat(parts).toString("base64url");
}

test("a decompression-bomb permalink (1 GB of text in a 1.4 MB link) is refused quickly, with a message, in bounded memory", async () => {
  const packed = await deflateRawStream(Buffer.alloc(1 << 20, 0x41), 1024);
  const s = await armed();
  const { page } = s;
  const t0 = Date.now();
  await page.goto(`${env.url}#t=${packed}`);
  await page.waitForSelector("body[data-state]", { timeout: 20000 });
  const ms = Date.now() - t0;
  assert.match(await page.textContent("#dropzone .flash"), /permalink was not opened/);
  assert.equal(await page.inputValue("#paste"), SEED, "the seed is shown instead");
  assert.ok(ms < 8000, `handled in ${ms} ms`);
  const used = await page.evaluate(() => performance.memory.usedJSHeapSize);
  assert.ok(used < 256 * 1024 * 1024, `JS heap ${used} bytes after the bomb`);
  await assertInert(s, "permalink bomb");
  await s.close();
});
