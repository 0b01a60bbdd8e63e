// recovery.test.mjs — if the wasm instance ever traps, the page says so, starts a fresh instance, and keeps the
// user's text. Served from a copy of www/ whose pkg/ is the test build (cargo feature `test-trap`, built by
// `make test-e2e` into target/www-test/pkg): there `analyze` traps on inputs holding CABLESCOPE-TEST-TRAP (a bare
// `unreachable`) or CABLESCOPE-TEST-PANIC (a panic, which the panic hook logs before the abort traps).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, ready, dropFiles, repoFile, ROOT } from "./helpers.mjs";

const TEST_PKG = join(ROOT, "target/www-test/pkg");
const SEED = repoFile("tests/data/seeds/05ALMATY4282.txt").toString("utf8");
const PARIS = repoFile("tests/data/corpus/txt/09PARIS1007.txt");
const BOGOTA = repoFile("tests/data/corpus/txt/07BOGOTA1232.txt");
const TRAP = "CABLESCOPE-TEST-TRAP";
const PANIC = "CABLESCOPE-TEST-PANIC";
const MAX_RESTARTS = 5; // www/wasm-host.js

let env; // the page with the test package
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
});
after(async () => {
  await env?.close();
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
