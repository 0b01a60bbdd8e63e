// helpers.mjs — shared set-up for the end-to-end tests: a local server on a free port and Debian's Chromium via playwright-core.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
];

/** Reads a file under the repository root. */
export function repoFile(rel) {
  return readFileSync(join(ROOT, rel));
}

/**
 * Starts the server and a headless Chromium; `close()` stops both. playwright-core gives each
 * launch a fresh temporary profile, and each `open()` a fresh context (no storage carried over).
 */
export async function launch() {
  const { server, url, port } = await startServer({ root: process.env.CABLESCOPE_WWW ?? join(ROOT, "www") });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  return {
    url, port,
    /** A fresh page; records every request and every page error / CSP violation. */
    async open(options = {}) {
      const ctx = await browser.newContext(options);
      const page = await ctx.newPage();
      const requests = [];
      const errors = [];
      page.on("request", (r) => requests.push(r.url()));
      page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
      page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
      await page.addInitScript(() => {
        window.__csp = [];
        document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      return { page, requests, errors, close: () => ctx.close() };
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/** Waits until the page has loaded the reader (or failed to). */
export async function ready(page, url) {
  await page.goto(url);
  await page.waitForSelector("body[data-state]", { timeout: 20000 });
  return page.evaluate(() => document.body.dataset.state);
}

/** Dispatches dragenter, dragover and drop with real File objects on `selector`. */
export async function dropFiles(page, selector, files) {
  const payload = files.map((f) => ({ name: f.name, type: f.type ?? "text/plain", b64: Buffer.from(f.bytes).toString("base64") }));
  await page.evaluate(({ selector, payload }) => {
    const dt = new DataTransfer();
    for (const f of payload) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const target = document.querySelector(selector);
    for (const type of ["dragenter", "dragover", "drop"]) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, { selector, payload });
}

/** Texts of all elements matching `selector`. */
export function texts(page, selector) {
  return page.$$eval(selector, (els) => els.map((e) => e.textContent.trim()));
}
