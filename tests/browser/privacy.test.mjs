// privacy.test.mjs — nothing leaves the machine: every request the page makes while it is used (paste, drops, views,
// exports, a permalink opened) is a GET of one of the app's own files, and none carries cable text or file names.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, ready, dropFiles, repoFile, ROOT } from "./helpers.mjs";

const CANARY = "PRIVACYCANARY7F3A9C";
const SEED = repoFile("tests/data/seeds/05ALMATY4282.txt").toString("utf8");
const PASTED = SEED.replace("SUBJECT: SCENESETTER", `SUBJECT: ${CANARY} SCENESETTER`);
const PARIS = Buffer.concat([repoFile("tests/data/corpus/txt/09PARIS1007.txt"), Buffer.from(`\n${CANARY}-in-a-file\n`)]);
const AMMAN = repoFile("tests/data/corpus/html/04AMMAN1288.html");

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/**
 * The app's own files: the page, its modules (batch mode's under batch/) and stylesheet, the wasm packages (the
 * page's, and the batch workers'), the seed, a favicon.
 */
function appFile(path) {
  if (path === "/" || path === "/index.html" || path === "/style.css" || path === "/favicon.ico") return true;
  if (/^\/(batch\/)?[a-z0-9-]+\.js$/.test(path) || /^\/pkg(-batch)?\/cablescope(\.js|_bg\.wasm)$/.test(path) || /^\/seeds\/[\w.-]+\.txt$/.test(path)) {
    return existsSync(join(ROOT, "www", path)); // a known file of www/, not just any name of that shape
  }
  return false;
}

/** Every request of the context (all its pages), with method, body, headers and type. */
async function recorded(options) {
  const s = await env.open(options);
  s.log = [];
  s.sockets = [];
  const ctx = s.page.context();
  ctx.on("request", (r) => s.log.push({ url: r.url(), method: r.method(), body: r.postData(), type: r.resourceType(), headers: r.headers() }));
  ctx.on("page", (p) => p.on("websocket", (w) => s.sockets.push(w.url())));
  s.page.on("websocket", (w) => s.sockets.push(w.url()));
  return s;
}

function assertOnlyAppFiles(s, label) {
  const origin = new URL(env.url).origin;
  const secrets = [CANARY, "SCENESETTER", "Nazarbayev", "ALMATY 004282", "09PARIS1007.txt", "04AMMAN1288", "Sarkozy"];
  assert.deepEqual(s.sockets, [], `${label}: no WebSocket`);
  assert.ok(s.log.length >= 5, `${label}: requests were recorded (${s.log.length})`);
  for (const r of s.log) {
    if (/^(data|about):/.test(r.url)) continue;
    if (r.url.startsWith(`blob:${origin}/`)) continue; // the JSON download: a local object URL, never on the network
    const u = new URL(r.url);
    assert.equal(u.origin, origin, `${label}: same origin only: ${r.url}`);
    assert.equal(r.method, "GET", `${label}: only GET: ${r.method} ${r.url}`);
    assert.equal(r.body ?? null, null, `${label}: no request body: ${r.url}`);
    assert.ok(appFile(u.pathname), `${label}: one of the app's own files: ${u.pathname}`);
    assert.ok(u.search === "" || (u.pathname === "/pkg/cablescope.js" && /^\?instance=\d+$/.test(u.search)), `${label}: no query string: ${r.url}`);
    const sent = decodeURIComponent(`${u.pathname}${u.search}`) + JSON.stringify(r.headers);
    for (const secret of secrets) {
      if (secret === "ALMATY 004282" || !u.pathname.startsWith("/seeds/")) assert.ok(!sent.includes(secret), `${label}: "${secret}" is not sent (${r.url})`);
    }
    assert.ok(!/[?&#]t=/.test(sent), `${label}: the permalink's text is not sent`);
  }
}

test("using the page (paste, drops, views, exports, permalink) requests only the app's own files, and sends no text", async () => {
  const s = await recorded({ acceptDownloads: true, permissions: ["clipboard-read", "clipboard-write"] });
  const { page } = s;
  assert.equal(await ready(page, env.url), "ready");
  await page.fill("#paste", PASTED);
  await page.waitForFunction((c) => document.querySelector('[data-testid="subject"]')?.textContent.includes(c), CANARY);
  await dropFiles(page, "#dropzone", [
    { name: `${CANARY}-09PARIS1007.txt`, bytes: PARIS },
    { name: "04AMMAN1288.html", bytes: AMMAN, type: "text/html" },
  ]);
  await page.waitForSelector('[data-testid="cable-item"][data-name="04AMMAN1288.html"]');
  // Every list entry, both views, sentence case, the theme, figure cards and rows, diagnostics.
  const items = page.locator('[data-testid="cable-item"]');
  for (let i = 0; i < await items.count(); i++) {
    await items.nth(i).click();
    await page.click("#view-source");
    await page.click("#view-read");
    await page.click("#sentence-case");
    await page.click("#sentence-case");
    const mark = page.locator('[data-testid="figure-mark"]').first();
    if (await mark.count()) await mark.focus();
    const row = page.locator('[data-testid="figure-row"] button').first();
    if (await row.count()) await row.press("Enter");
    const diag = page.locator('[data-testid="diagnostic"] button').first();
    if (await diag.count()) await diag.click();
  }
  await page.click("#theme-toggle");
  // Exports of the pasted cable: download, copy JSON, copy permalink.
  await page.click('[data-testid="cable-item"][data-key^="paste"]');
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
  assert.match(readFileSync(await download.path(), "utf8"), new RegExp(CANARY), "the download holds the text (locally)");
  await page.click("#copy-json");
  await page.waitForFunction(() => /copied as JSON/.test(document.getElementById("status").textContent));
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), new RegExp(CANARY), "the clipboard holds the JSON");
  await page.click("#permalink");
  await page.waitForFunction(() => location.hash.startsWith("#t="));
  const link = await page.evaluate(() => location.href);
  // Open the permalink in a second page of the same context.
  const other = await page.context().newPage();
  await other.goto(link);
  await other.waitForSelector('body[data-state="ready"]');
  assert.equal(await other.inputValue("#paste"), PASTED, "the permalink restores the text");
  await other.click("#view-source");
  await page.waitForTimeout(500);
  assertOnlyAppFiles(s, "page in use");
  // The permalink page asked for the page and its files, not the seed: the text came from the link alone.
  const afterLink = s.log.filter((r) => r.type === "document").length;
  assert.equal(afterLink, 2, "two page loads in all: the first visit and the permalink");
  assert.deepEqual(s.errors, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  await other.close();
  await s.close();
});

test("the page's own CSP limits connections to its origin (connect-src 'self', default-src 'self')", async () => {
  const s = await recorded();
  const { page } = s;
  assert.equal(await ready(page, env.url), "ready");
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  assert.match(csp, /form-action 'none'/);
  // A fetch to another origin from the page is refused by the browser before it is made.
  const outcome = await page.evaluate(() => fetch("http://127.0.0.1:9/leak").then(() => "sent", () => "refused"));
  assert.equal(outcome, "refused");
  assert.ok((await page.evaluate(() => window.__csp)).some((v) => v.startsWith("connect-src")), "as a CSP violation");
  await s.close();
});
