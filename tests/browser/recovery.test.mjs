// recovery.test.mjs — if the wasm instance ever traps, the page says so, starts a fresh instance, and keeps the
// user's text. Served from a copy of www/ whose pkg/ is the test build (cargo feature `test-trap`, built by
// `make test-e2e` into target/www-test/pkg): there `analyze` traps on inputs holding CABLESCOPE-TEST-TRAP (a bare
// `unreachable`) or CABLESCOPE-TEST-PANIC (a panic, which the panic hook logs before the abort traps).
// The <cable-scope> widget recovers through the same wasm-host.js: tested embedded from another origin (www/ as
// it is, and the versioned build under a host page's CSP), with several widgets on one page and one of them trapping.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, ready, dropFiles, repoFile, ROOT } from "./helpers.mjs";
import { startServer } from "../../scripts/serve.mjs";

const TEST_PKG = join(ROOT, "target/www-test/pkg");
const SEED = repoFile("tests/data/seeds/05ALMATY4282.txt").toString("utf8");
const PARIS = repoFile("tests/data/corpus/txt/09PARIS1007.txt");
const BOGOTA = repoFile("tests/data/corpus/txt/07BOGOTA1232.txt");
const TRAP = "CABLESCOPE-TEST-TRAP";
const PANIC = "CABLESCOPE-TEST-PANIC";
const MAX_RESTARTS = 5; // www/wasm-host.js

let env; // the page with the test package
let host; // another origin: pages embedding the widget
let dir;

before(async () => {
  assert.ok(existsSync(join(TEST_PKG, "cablescope_bg.wasm")),
    `the test package is missing: build it with \`make test-e2e\` or WASM_FEATURES=test-trap WASM_OUT=target/www-test/pkg scripts/build-wasm.sh`);
  dir = mkdtempSync(join(tmpdir(), "cablescope-recovery-"));
  const www = join(dir, "www");
  cpSync(join(ROOT, "www"), www, { recursive: true, filter: (src) => !src.startsWith(join(ROOT, "www", "pkg")) });
  cpSync(TEST_PKG, join(www, "pkg"), { recursive: true });
  process.env.CABLESCOPE_WWW = www;
  env = await launch();
  delete process.env.CABLESCOPE_WWW;
  host = await startServer({ root: join(dir, "host") });
});
after(async () => {
  await env?.close();
  host?.server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the shipped package has no test trap; the test package does", () => {
  const marker = Buffer.from(TRAP);
  assert.equal(readFileSync(join(ROOT, "www/pkg/cablescope_bg.wasm")).indexOf(marker), -1, "www/pkg is built without the test-trap feature");
  assert.ok(readFileSync(join(TEST_PKG, "cablescope_bg.wasm")).indexOf(marker) >= 0, "target/www-test/pkg has it");
  assert.ok(!readFileSync(join(ROOT, "www/pkg/cablescope.js"), "utf8").includes("__trap_for_tests"), "and no trap export in the shipped glue");
});

async function openReady() {
  const s = await env.open({ permissions: ["clipboard-read", "clipboard-write"] });
  assert.equal(await ready(s.page, env.url), "ready");
  assert.equal(await s.page.evaluate(() => document.body.dataset.reader), "ready");
  return s;
}

/** Types `text` into the paste area (a real input event) and waits for its analysis to be shown. */
async function paste(page, text) {
  await page.fill("#paste", text);
  await page.waitForSelector('[data-testid="cable-item"][data-key^="paste"][aria-current="true"]');
}

/** Waits for the `n`-th restart to finish, then checks the trap notice. */
async function expectRecovery(page, n = 1) {
  await page.waitForFunction((n) => document.body.dataset.readerRestarts === String(n) && document.body.dataset.reader === "ready", n, { timeout: 10000 });
  const problem = await page.textContent('[data-testid="problem"]');
  assert.match(problem, /The reader stopped on this input/);
  assert.match(problem, /unreachable/i, `says what happened: ${problem}`);
  assert.match(problem, /your text is kept/);
  assert.match(await page.textContent("#status"), /fresh reader/);
}

/** Console errors other than the expected report of the trap itself. */
const unexpected = (errors) => errors.filter((e) => !/^console: (ReaderTrapped|RuntimeError|.*unreachable|cablescope: panicked)/.test(e));

test("a trap while reading pasted text: the page says so, restarts the reader, keeps the text, and reads again", async () => {
  const s = await openReady();
  const { page } = s;
  const text = `${SEED}\n${TRAP}\n`;
  await page.fill("#paste", text);
  await expectRecovery(page);
  assert.equal(await page.inputValue("#paste"), text, "the paste area keeps the user's text");
  assert.equal(await page.isVisible("#alert"), false, "no fatal alert: the reader is back");
  // Re-analysis works on the fresh instance: edit the text (drop the marker) and it is read.
  await page.fill("#paste", `${SEED}\n`);
  await page.waitForFunction(() => document.querySelector('[data-testid="reference-id"]')?.textContent === "05ALMATY4282");
  assert.equal(await page.$('[data-testid="problem"]'), null, "no notice for the good text");
  assert.ok(await page.isVisible('[data-testid="body"]'));
  assert.match(await page.textContent("#version"), /^\d+\.\d+\.\d+/);
  assert.deepEqual(s.errors.filter((e) => e.startsWith("pageerror")), [], "no uncaught error");
  assert.deepEqual(unexpected(s.errors), []);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], "re-importing the glue breaks no CSP rule");
  // Recovery fetched only app files: the glue again under ?instance=1, the compiled wasm reused.
  const origin = new URL(env.url).origin;
  const paths = s.requests.filter((r) => !/^(data|blob):/.test(r)).map((r) => { const u = new URL(r); assert.equal(u.origin, origin); return u.pathname + u.search; });
  assert.ok(paths.includes("/pkg/cablescope.js?instance=1"), `a fresh copy of the glue (${paths.join(" ")})`);
  assert.equal(paths.filter((p) => p.startsWith("/pkg/cablescope_bg.wasm")).length, 1, "the wasm is downloaded once");
  await s.close();
});

test("a panic in the core (logged by the panic hook, then a trap) is recovered from the same way", async () => {
  const s = await openReady();
  const { page } = s;
  await page.fill("#paste", `${PANIC}\n${SEED}`);
  await expectRecovery(page);
  assert.ok(s.errors.some((e) => /cablescope: panicked.*CABLESCOPE-TEST-PANIC/s.test(e)), `the panic message reached the console: ${s.errors.join(" | ")}`);
  await paste(page, SEED);
  await page.waitForFunction(() => document.querySelector('[data-testid="reference-id"]')?.textContent === "05ALMATY4282");
  assert.deepEqual(unexpected(s.errors), []);
  await s.close();
});

test("a trap on one file of a drop: the rest of the batch is read by the fresh instance", async () => {
  const s = await openReady();
  const { page } = s;
  await dropFiles(page, "#dropzone", [
    { name: "09PARIS1007.txt", bytes: PARIS },
    { name: "trap.txt", bytes: Buffer.from(`${SEED}\n${TRAP}\n`) },
    { name: "07BOGOTA1232.txt", bytes: BOGOTA },
  ]);
  await page.waitForSelector('[data-testid="cable-item"][data-name="07BOGOTA1232.txt"]', { timeout: 20000 });
  for (const [name, ref] of [["09PARIS1007.txt", "09PARIS1007"], ["07BOGOTA1232.txt", "07BOGOTA1232"]]) {
    await page.click(`[data-testid="cable-item"][data-name="${name}"]`);
    assert.equal(await page.textContent('[data-testid="reference-id"]'), ref, `${name} was read`);
    assert.equal(await page.$('[data-testid="problem"]'), null);
  }
  await page.click('[data-testid="cable-item"][data-name="trap.txt"]');
  assert.match(await page.textContent('[data-testid="problem"]'), /The reader stopped on this input/);
  await page.click("#view-source");
  assert.ok((await page.textContent('[data-testid="source-text"]')).includes(TRAP), "the trapped file's text is still shown");
  assert.equal(await page.evaluate(() => document.body.dataset.reader), "ready");
  assert.deepEqual(unexpected(s.errors), []);
  await s.close();
});

test(`after ${MAX_RESTARTS} restarts the page stops restarting and asks for a reload, keeping the text`, async () => {
  const s = await openReady();
  const { page } = s;
  for (let i = 1; i <= MAX_RESTARTS; i++) {
    await page.fill("#paste", `${TRAP} ${i}`);
    await expectRecovery(page, i);
  }
  const last = `${TRAP} last`;
  await page.fill("#paste", last);
  await page.waitForFunction(() => document.body.dataset.reader === "failed");
  assert.ok(await page.isVisible("#alert"));
  assert.match(await page.textContent("#alert"), /could not be restarted.*reload the page/is);
  assert.match(await page.textContent('[data-testid="problem"]'), /could not be restarted/);
  assert.equal(await page.inputValue("#paste"), last, "the text is still there to copy");
  // The page stays usable: no uncaught error, typing does not throw.
  await page.fill("#paste", SEED);
  await page.waitForTimeout(300);
  assert.deepEqual(s.errors.filter((e) => e.startsWith("pageerror")), []);
  await s.close();
});

// ---- The <cable-scope> widget --------------------------------------------------------------------------------

const PARIS_TEXT = PARIS.toString("utf8");
const BOGOTA_TEXT = BOGOTA.toString("utf8");

// The host page's own script (an external file, for CSP): every widget event that reaches the document.
const RECORD = `window.__events = [];
for (const type of ["cable-analyzed", "cable-error"]) {
  document.addEventListener(type, (e) => {
    window.__events.push({ type, id: e.target.id, message: typeof e.detail === "string" ? e.detail : null,
      ref: e.detail && typeof e.detail === "object" ? e.detail.reference_id : null, same: e.detail === e.target.analysis });
  });
}
`;

/** Writes a file under `root` (default: the host origin's) and returns its path. */
function writeSite(root, name, body) {
  const path = join(root, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, body);
  return path;
}

function hostPage({ scripts, body, csp = null }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ""}
<title>An article embedding cables</title>
<link rel="icon" href="data:,">
<script src="record.js"></script>
${scripts.map((src) => `<script type="module" src="${src}"></script>`).join("\n")}
</head>
<body>
<main>
<h1>An article embedding cables</h1>
${body}
</main>
</body>
</html>
`;
}

/** A widget with its text in an inner <script type="text/plain">. */
const widget = (id, text, tag = "cable-scope") => `<${tag} id="${id}"><script type="text/plain">\n${text}</script></${tag}>`;

/** Opens `url` and waits for `n` widget events. */
async function openHost(url, n) {
  const s = await env.open();
  await s.page.goto(url);
  await waitEvents(s.page, n);
  return s;
}
const waitEvents = (page, n) => page.waitForFunction((k) => (window.__events?.length ?? 0) >= k, n, { timeout: 20000 });
const events = (page) => page.evaluate(() => window.__events);

/** Sets a widget's text property and returns the event it answers with. */
async function setText(page, id, text) {
  const n = await page.evaluate(() => window.__events.length);
  await page.evaluate(({ id, text }) => { document.getElementById(id).text = text; }, { id, text });
  await waitEvents(page, n + 1);
  const ev = (await events(page)).slice(n);
  assert.equal(ev.length, 1, `one event: ${JSON.stringify(ev)}`);
  assert.equal(ev[0].id, id);
  return ev[0];
}

/** What a widget shows, through its open shadow root. */
function shown(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    const q = (s) => el.shadowRoot.querySelector(s);
    return {
      ref: q('[data-testid="reference-id"]')?.textContent ?? null,
      error: q('[part="error"]')?.textContent ?? null,
      errorTitle: q(".cs-error-title")?.textContent ?? null,
      errorRole: q('[part="error"]')?.getAttribute("role") ?? null,
      kept: q('[part="error"] ~ pre')?.textContent ?? null,
      footer: q('[part="footer"]')?.textContent ?? "",
      analysis: el.analysis?.reference_id ?? null,
    };
  }, id);
}

/** Checks a widget after the trap: its message (in its error box), its text kept, no analysis. */
async function expectWidgetTrap(page, id, ev, text, { restarted = true } = {}) {
  assert.equal(ev.type, "cable-error", `${id}: cable-error (${JSON.stringify(ev)})`);
  const re = restarted
    ? /^The reader stopped on this cable \(RuntimeError: unreachable\) and was restarted: other cables are read as before\. The text is kept below\.$/
    : /^The reader stopped on this cable \(RuntimeError: unreachable\) and could not be restarted: the cable reader is unavailable until the page is reloaded\. The text is kept below\.$/;
  assert.match(ev.message, re);
  const w = await shown(page, id);
  assert.equal(w.errorTitle, "The reader stopped on this cable");
  assert.ok(w.error.includes(ev.message), `${id}: the event's message is the one shown`);
  assert.equal(w.errorRole, "alert");
  assert.equal(w.kept, text, `${id}: the text is kept, as text`);
  assert.equal(w.analysis, null);
  assert.equal(w.footer, "");
  assert.ok(await page.isVisible(`#${id} [part="error"]`));
}

const noPageErrors = (s) => assert.deepEqual(s.errors.filter((e) => e.startsWith("pageerror")), [], "no uncaught error");

test("widget, cross-origin: two widgets, one traps; it says so and keeps its text, the other keeps working, both read again", async () => {
  const root = join(dir, "host");
  writeSite(root, "record.js", RECORD);
  writeSite(root, "two.html", hostPage({ scripts: [`${env.url}embed.js`], body: `${widget("good", SEED)}\n${widget("bad", PARIS_TEXT)}` }));
  const s = await openHost(`${host.url}two.html`, 2);
  const { page } = s;
  assert.notEqual(new URL(env.url).origin, new URL(host.url).origin, "the widget comes from another origin");
  assert.deepEqual((await events(page)).map((e) => `${e.type} ${e.id} ${e.ref}`).sort(), ["cable-analyzed bad 09PARIS1007", "cable-analyzed good 05ALMATY4282"]);

  // The trap, on one widget's input.
  const trapText = `${SEED}\n${TRAP}\n`;
  const ev = await setText(page, "bad", trapText);
  await expectWidgetTrap(page, "bad", ev, trapText);
  assert.equal(await page.evaluate(() => document.getElementById("bad").text), trapText, "the text property keeps the text");
  await page.evaluate(repoFile("node_modules/axe-core/axe.min.js").toString("utf8"));
  const axe = await page.evaluate(() => window.axe.run(document.getElementById("bad"), { resultTypes: ["violations"] }));
  assert.deepEqual(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id), [], "the trap message passes axe");
  // The other widget is untouched, and reads again on the fresh instance.
  assert.equal((await shown(page, "good")).ref, "05ALMATY4282");
  const again = await setText(page, "good", BOGOTA_TEXT);
  assert.deepEqual([again.type, again.ref, again.same], ["cable-analyzed", "07BOGOTA1232", true]);
  assert.match((await shown(page, "good")).footer, /^Read by cablescope \d+\.\d+\.\d+/);
  // The trapped widget reads again too, when given another text.
  const back = await setText(page, "bad", SEED);
  assert.deepEqual([back.type, back.ref], ["cable-analyzed", "05ALMATY4282"]);
  const w = await shown(page, "bad");
  assert.deepEqual([w.ref, w.error, w.kept, w.analysis], ["05ALMATY4282", null, null, "05ALMATY4282"]);
  // A widget added after the trap is read by the fresh instance.
  await page.evaluate((text) => {
    const el = document.createElement("cable-scope");
    el.id = "late";
    el.text = text;
    document.querySelector("main").append(el);
  }, PARIS_TEXT);
  await page.waitForFunction(() => window.__events.some((e) => e.id === "late"));
  assert.equal((await events(page)).find((e) => e.id === "late").ref, "09PARIS1007");

  // Recovery fetched the glue again from the widget's origin (CORS), under ?instance=1; the wasm once.
  const app = new URL(env.url).origin;
  const fromApp = s.requests.filter((r) => r.startsWith(app)).map((r) => r.slice(app.length));
  assert.deepEqual(fromApp.filter((p) => p.startsWith("/pkg/")).sort(), ["/pkg/cablescope.js", "/pkg/cablescope.js?instance=1", "/pkg/cablescope_bg.wasm"]);
  assert.ok(fromApp.includes("/wasm-host.js"), "the widget uses the page's wasm-host.js");
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  noPageErrors(s);
  assert.deepEqual(unexpected(s.errors), []);
  await s.close();
});

test("widget, cross-origin: a panic on the first read of one of two widgets loading together", async () => {
  const root = join(dir, "host");
  writeSite(root, "record.js", RECORD);
  const panicText = `${PANIC}\n${SEED}\n`;
  writeSite(root, "panic.html", hostPage({ scripts: [`${env.url}embed.js`], body: `${widget("bad", panicText)}\n${widget("good", SEED)}\n${widget("other", BOGOTA_TEXT)}` }));
  const s = await openHost(`${host.url}panic.html`, 3);
  const { page } = s;
  const by = Object.fromEntries((await events(page)).map((e) => [e.id, e]));
  // Whatever the order the widgets were read in, the good ones were read, before the trap or by the fresh instance.
  assert.equal(by.good.type, "cable-analyzed");
  assert.equal(by.good.ref, "05ALMATY4282");
  assert.equal(by.other.ref, "07BOGOTA1232");
  await expectWidgetTrap(page, "bad", by.bad, panicText);
  assert.ok(s.errors.some((e) => /cablescope: panicked.*CABLESCOPE-TEST-PANIC/s.test(e)), `the panic message reached the console: ${s.errors.join(" | ")}`);
  const back = await setText(page, "bad", PARIS_TEXT);
  assert.equal(back.ref, "09PARIS1007");
  noPageErrors(s);
  assert.deepEqual(unexpected(s.errors), []);
  await s.close();
});

test(`widget, versioned build, cross-origin under a host page's CSP: two copies (two tags) share one reader; after ${MAX_RESTARTS} restarts it is unavailable`, async () => {
  // The versioned build, with the test package's wasm and glue in its pkg/, on an origin of its own.
  const out = join(dir, "build");
  const VERSION = /^version = "(.+)"$/m.exec(repoFile("Cargo.toml").toString("utf8"))[1];
  execFileSync("bash", [join(ROOT, "scripts/build-embed.sh")], { env: { ...process.env, EMBED_OUT: out }, stdio: "pipe" });
  const vendorRoot = join(dir, "vendor");
  cpSync(join(out, `cablescope-embed-${VERSION}`), join(vendorRoot, "lib", "cs"), { recursive: true });
  for (const f of ["cablescope.js", "cablescope_bg.wasm"]) cpSync(join(TEST_PKG, f), join(vendorRoot, "lib", "cs", "pkg", f));
  const vendor = await startServer({ root: vendorRoot });
  try {
    const W = new URL(vendor.url).origin;
    const csp = `default-src 'none'; script-src 'self' ${W} 'wasm-unsafe-eval'; connect-src ${W}; style-src 'self'; img-src data:; require-trusted-types-for 'script'; base-uri 'none'`;
    const root = join(dir, "host");
    writeSite(root, "record.js", RECORD);
    writeSite(root, "versioned.html", hostPage({
      csp,
      scripts: [`${W}/lib/cs/embed.js`, `${W}/lib/cs/embed.js?tag=wiki-cable`],
      body: `${widget("a", SEED)}\n${widget("b", PARIS_TEXT, "wiki-cable")}`,
    }));
    const s = await openHost(`${host.url}versioned.html`, 2);
    const { page } = s;
    assert.deepEqual((await events(page)).map((e) => `${e.type} ${e.id}`).sort(), ["cable-analyzed a", "cable-analyzed b"]);
    // Traps alternate between the two copies of the module: they count against one host, one instance at a time.
    for (let i = 1; i <= MAX_RESTARTS; i++) {
      const [id, other, good] = i % 2 ? ["b", "a", BOGOTA_TEXT] : ["a", "b", PARIS_TEXT];
      const text = `${TRAP} ${i}\n${SEED}`;
      await expectWidgetTrap(page, id, await setText(page, id, text), text);
      const ok = await setText(page, other, good);
      assert.equal(ok.type, "cable-analyzed", `restart ${i}: the other widget reads on the fresh instance`);
    }
    const glue = s.requests.filter((r) => r.includes("/pkg/cablescope.js")).map((r) => new URL(r).search).sort();
    assert.deepEqual(glue, ["", ...Array.from({ length: MAX_RESTARTS }, (_, i) => `?instance=${i + 1}`)].sort(), "one glue copy per instance, shared by both tags");
    assert.equal(s.requests.filter((r) => r.endsWith("/pkg/cablescope_bg.wasm")).length, 1, "the wasm is downloaded once");
    // One trap more: the reader is given up, in every widget of the page; each keeps what it shows or its text.
    const last = `${TRAP} last\n${SEED}`;
    await expectWidgetTrap(page, "a", await setText(page, "a", last), last, { restarted: false });
    const refused = await setText(page, "b", SEED);
    assert.equal(refused.type, "cable-error");
    assert.match(refused.message, /^The cable reader is unavailable: it stopped too many times on this page; reload the page to read cables again\.$/);
    assert.ok((await shown(page, "b")).error.includes(refused.message));
    assert.equal(glue.length, s.requests.filter((r) => r.includes("/pkg/cablescope.js")).length, "no instance is started after giving up");
    assert.deepEqual(await page.evaluate(() => window.__csp), [], "no CSP violation: the glue's re-import is allowed by script-src");
    assert.ok(s.requests.every((r) => r.startsWith(host.url) || r.startsWith(`${W}/lib/cs/`) || r.startsWith("data:")), "only the widget's own files");
    noPageErrors(s);
    assert.deepEqual(unexpected(s.errors), []);
    await s.close();
  } finally {
    vendor.server.close();
  }
});
