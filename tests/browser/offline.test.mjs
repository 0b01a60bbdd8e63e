// offline.test.mjs — after the first visit the app works with the network off (www/sw.js, registered by
// www/offline.js): the page reloads, reads a pasted cable and a dropped file; the offline copy holds only the app's
// own files (same origin, no query, no cable text); a rebuilt app is picked up on the next online load and its
// offline copy follows; a new version replaces the old cache; the <cable-scope> widget registers nothing.
// Served from a temporary copy of www/ (the rebuild test edits files) by a server this file stops and restarts on
// the same port (a service worker belongs to one origin).
//
// Playwright reports a service worker's own requests, and applies context.setOffline() to them, only with this
// switch (read when the browser context meets the worker); it is set for this file's process only.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";
import { ARGS, CHROMIUM, ROOT, dropFiles, repoFile } from "./helpers.mjs";

const CANARY = "OFFLINECANARY5D1E";
const PARIS = repoFile("tests/data/corpus/txt/09PARIS1007.txt").toString("latin1").replace("SUBJECT:", `SUBJECT: ${CANARY}`);
const AMMAN = repoFile("tests/data/corpus/html/04AMMAN1288.html");

let dir; // the served copy of www/
let port;
let server = null;
let url;
let browser;
let ctx; // one browser context for the whole file: the service worker lives in it
let page;
const errors = [];
const swRequests = []; // requests the service worker made itself

async function serve() {
  ({ server, port, url } = await startServer({ root: dir, port: port ?? 0 }));
}

/** The network is gone: the context is offline and the server is stopped (both, so nothing can get through). */
async function cutNetwork() {
  await ctx.setOffline(true);
  await new Promise((ok) => { server.close(ok); server.closeAllConnections(); });
  server = null;
}

async function restoreNetwork() {
  await serve();
  await ctx.setOffline(false);
}

/** Every cache of the origin: { name: [{ url, text }] } (bodies as latin1 text, for searching). */
function cacheContents(p = page) {
  return p.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = [];
      for (const req of await cache.keys()) {
        const buf = new Uint8Array(await (await cache.match(req)).arrayBuffer());
        let text = "";
        for (let i = 0; i < buf.length; i += 8192) text += String.fromCharCode(...buf.subarray(i, i + 8192));
        out[name].push({ url: req.url, text });
      }
    }
    return out;
  });
}

async function waitReady(p = page) {
  await p.waitForSelector("body[data-state]", { timeout: 20000 });
  assert.equal(await p.evaluate(() => document.body.dataset.state), "ready", "the reader loaded");
}

/** Waits until a service worker controls the page (the first visit is claimed once the app is cached). */
async function waitControlled(p = page) {
  await p.waitForFunction(() => navigator.serviceWorker.controller !== null && document.documentElement.dataset.offline === "ready", null, { timeout: 30000 });
}

/** A dropped file's cable is shown: in the list of loaded cables, or (batch mode) in the collection table. */
async function waitDropped(p, name, id) {
  await p.waitForFunction(({ name, id }) => {
    if ([...document.querySelectorAll('[data-testid="cable-item"]')].some((e) => e.dataset.name === name)) return true;
    return [...document.querySelectorAll('#collection-table [data-testid="collection-row"]')].some((r) => r.textContent.includes(id));
  }, { name, id }, { timeout: 20000 });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "cablescope-offline-"));
  cpSync(process.env.CABLESCOPE_WWW ?? join(ROOT, "www"), dir, { recursive: true });
  assert.ok(existsSync(join(dir, "pkg/cablescope_bg.wasm")), "build the wasm first (scripts/build-wasm.sh)");
  await serve();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  ctx = await browser.newContext();
  ctx.on("request", (r) => { if (r.serviceWorker()) swRequests.push(r.url()); });
  ctx.on("page", (p) => {
    p.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    p.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  });
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page = await ctx.newPage();
});

after(async () => {
  await browser?.close();
  if (server) await new Promise((ok) => { server.close(ok); server.closeAllConnections(); });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the first visit registers the service worker under the page's CSP and caches the app's own files", async () => {
  const loaded = [];
  page.on("request", (r) => loaded.push(r.url()));
  await page.goto(url);
  await waitReady();
  await waitControlled();
  const version = await page.textContent("#version");
  assert.match(version, /^\d+\.\d+\.\d+/);
  const reg = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return { scope: r.scope, script: r.active.scriptURL };
  });
  assert.equal(reg.scope, url);
  assert.equal(reg.script, `${url}sw.js?v=${version}`, "registered with the app's version");
  const caches = await cacheContents();
  assert.deepEqual(Object.keys(caches), [`cablescope-${version}`], "one cache, named after the version");
  const cached = new Set(caches[`cablescope-${version}`].map((e) => e.url));
  // Everything the first visit loaded (the page, modules, stylesheet, glue, wasm, seed) is in the offline copy,
  // even what was loaded before the worker existed.
  for (const u of loaded) {
    const clean = new URL(u);
    if (clean.origin !== new URL(url).origin) continue;
    clean.search = "";
    if (clean.pathname === "/") clean.pathname = "/index.html";
    assert.ok(cached.has(clean.href), `cached: ${clean.pathname}`);
  }
  for (const f of ["index.html", "app.js", "style.css", "offline.js", "pkg/cablescope.js", "pkg/cablescope_bg.wasm", "seeds/05ALMATY4282.txt"]) {
    assert.ok(cached.has(`${url}${f}`), `cached: ${f}`);
  }
  // The batch workers (www/batch/*-worker.js, loaded only when a batch runs) are cached too, found by the crawl.
  if (existsSync(join(dir, "batch"))) {
    for (const name of readdirSync(join(dir, "batch")).filter((n) => n.endsWith("-worker.js"))) {
      assert.ok(cached.has(`${url}batch/${name}`), `cached: batch/${name}`);
    }
  }
  assert.deepEqual(await page.evaluate(() => window.__csp), [], "no CSP violation (worker-src falls back to script-src 'self')");
});

test("with the network off, the page reloads and reads a pasted cable and a dropped file", async (t) => {
  await cutNetwork();
  await page.reload();
  await waitReady();
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "served by the service worker");
  await page.waitForSelector('[data-testid="cable-item"][data-key^="paste"]');
  assert.equal(await page.textContent('[data-testid="reference-id"]'), "05ALMATY4282", "the seed came from the offline copy");

  await page.fill("#paste", PARIS);
  await page.waitForFunction((c) => document.querySelector('[data-testid="subject"]')?.textContent.includes(c), CANARY);
  assert.equal(await page.textContent('[data-testid="reference-id"]'), "09PARIS1007");

  await dropFiles(page, "#dropzone", [{ name: `${CANARY}-04AMMAN1288.html`, bytes: AMMAN, type: "text/html" }]);
  await waitDropped(page, `${CANARY}-04AMMAN1288.html`, "04AMMAN1288");

  // Batch mode (when this build has it): a folder goes to the collection, read by module workers (www/batch/)
  // that the page never loaded online: they come from the offline copy too.
  if (await page.$("#folder-input") && readFileSync(join(dir, "pkg/cablescope.js"), "utf8").includes("summarize")) {
    await page.setInputFiles("#folder-input", join(ROOT, "tests/data/corpus/txt"));
    await page.waitForSelector('body[data-batch="done"]', { timeout: 30000 });
    await page.waitForFunction(() => document.querySelectorAll('#collection-table [data-testid="collection-row"]').length > 0
      && /[1-9]/.test(document.getElementById("collection-count").textContent));
    const count = await page.textContent("#collection-count");
    t.diagnostic(`offline, a folder went to the collection: ${count.trim()}`);
  }

  // A new tab, opened while offline, loads too.
  const other = await ctx.newPage();
  await other.goto(url);
  await waitReady(other);
  await other.waitForSelector('[data-testid="cable-item"][data-key^="paste"]');
  await other.close();

  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, [], "no page or console errors");
  await restoreNetwork();
});

test("the offline copy holds only the app's own files: same origin, no query string, no cable text", async () => {
  // Other requests in scope pass through and are not kept: files the page does not name, a query, a 404.
  const statuses = await page.evaluate((c) => Promise.all(["embed.css", "embed-demo.html", `notes-${c}.txt?q=${c}`].map((u) => fetch(u).then((r) => r.status))), CANARY);
  assert.deepEqual(statuses, [200, 200, 404]);
  await page.waitForTimeout(300);
  const all = await cacheContents();
  for (const name of ["embed.css", "embed-demo.html", `notes-${CANARY}.txt`]) {
    assert.ok(!Object.values(all).flat().some((e) => e.url === `${url}${name}`), `not kept: ${name}`);
  }
  const origin = new URL(url).origin;
  const entries = Object.values(all).flat();
  assert.ok(entries.length >= 10);
  for (const { url: u, text } of entries) {
    const parsed = new URL(u);
    assert.equal(parsed.origin, origin, `same origin: ${u}`);
    assert.equal(parsed.search, "", `no query string: ${u}`);
    assert.ok(existsSync(join(dir, parsed.pathname)), `one of the app's files: ${parsed.pathname}`);
    assert.ok(!text.includes(CANARY), `no pasted or dropped text in ${parsed.pathname}`);
  }
  // The worker itself asked only for the app's files, on its own origin.
  assert.ok(swRequests.length >= 5, `the worker's requests were recorded (${swRequests.length})`);
  for (const u of swRequests) assert.equal(new URL(u).origin, origin, `the worker stays on its origin: ${u}`);
});

test("after a rebuild, the next online load gets the new files, and the offline copy follows (lazy modules too)", async () => {
  // The rebuild: the page, a module it imports, and a new module it only names (as batch workers are named).
  writeFileSync(join(dir, "index.html"), readFileSync(join(dir, "index.html"), "utf8").replace("<title>", '<meta name="cablescope-build" content="rebuilt">\n<title>'));
  writeFileSync(join(dir, "labels.js"), `${readFileSync(join(dir, "labels.js"), "utf8")}\nglobalThis.__build = "rebuilt"; // new URL("./lazy-probe.js", import.meta.url)\n`);
  writeFileSync(join(dir, "lazy-probe.js"), 'export const probe = "lazy";\n');
  await page.reload();
  await waitReady();
  assert.equal(await page.getAttribute('meta[name="cablescope-build"]', "content"), "rebuilt", "the new index.html, not the cached one");
  assert.equal(await page.evaluate(() => globalThis.__build), "rebuilt", "the new module");
  // The changed files make the worker re-cache the whole app in the background; wait for it to finish.
  await page.waitForFunction(async () => {
    const names = await caches.keys();
    if (names.some((n) => n.endsWith("~refresh"))) return false;
    const c = await caches.open(names[0]);
    return !!(await c.match("lazy-probe.js")) && (await (await c.match("labels.js")).text()).includes("rebuilt");
  }, null, { timeout: 30000, polling: 250 });

  await cutNetwork();
  await page.reload();
  await waitReady();
  assert.equal(await page.getAttribute('meta[name="cablescope-build"]', "content"), "rebuilt", "offline: the new build");
  assert.equal(await page.evaluate(() => globalThis.__build), "rebuilt");
  assert.equal(await page.evaluate(() => import("./lazy-probe.js").then((m) => m.probe)), "lazy", "offline: a module never loaded online");
  await restoreNetwork();
});

test("a new version installs a new worker whose cache replaces the old one", async () => {
  const before = Object.keys(await cacheContents());
  assert.equal(before.length, 1);
  const scriptURL = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.register("sw.js?v=99.0.0-test", { scope: "./", updateViaCache: "none" });
    await new Promise((ok) => {
      const check = () => (reg.active?.scriptURL.includes("v=99.0.0-test") && reg.active.state === "activated" ? ok() : setTimeout(check, 100));
      check();
    });
    return navigator.serviceWorker.controller?.scriptURL;
  });
  assert.match(scriptURL, /sw\.js\?v=99\.0\.0-test$/, "the new worker controls the page");
  await page.waitForFunction(async () => (await caches.keys()).join() === "cablescope-99.0.0-test", null, { timeout: 10000 });
  // And it works offline straight away.
  await cutNetwork();
  await page.reload();
  await waitReady();
  await restoreNetwork();
});

test("the <cable-scope> widget registers no service worker", async () => {
  assert.ok(!/navigator\.serviceWorker|["'][./]*offline\.js["']/.test(readFileSync(join(ROOT, "www/embed.js"), "utf8")), "embed.js neither registers a worker nor imports offline.js");
  const other = await browser.newContext(); // a fresh origin state: nothing registered yet
  const p = await other.newPage();
  await p.goto(`${url}embed-demo.html`);
  await p.waitForFunction(() => document.querySelector("cable-scope")?.analysis, null, { timeout: 20000 });
  await p.waitForTimeout(500);
  assert.deepEqual(await p.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  assert.equal(await p.evaluate(() => navigator.serviceWorker.controller), null);
  await other.close();
});
