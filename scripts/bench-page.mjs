// bench-page.mjs — checks the page budgets in Chromium: bytes downloaded (gzipped) and paste-to-render main-thread time.
// Usage: node scripts/bench-page.mjs [runs]   (build first: scripts/build-wasm.sh). Exits 1 when a budget is not met.
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

const BUDGET_KB = 250;
const BUDGET_MS = 16;
const RUNS = Number(process.argv[2] ?? 21);
const CABLE = new URL("../tests/data/corpus/txt/07KUALALUMPUR1403.txt", import.meta.url); // a 10 KB cable

const { server, url } = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const downloads = [];
  page.on("response", async (res) => {
    try {
      const body = await res.body();
      downloads.push({ url: res.url(), bytes: body.length, gz: gzipSync(body, { level: 9 }).length });
    } catch { /* redirects have no body */ }
  });
  await page.goto(`${url}?bench`);
  await page.waitForSelector('body[data-state="ready"]');
  await page.waitForLoadState("networkidle");

  // 1. Everything the page downloads, gzipped.
  const origin = new URL(url).origin;
  const foreign = downloads.filter((d) => !d.url.startsWith(origin));
  downloads.sort((a, b) => b.gz - a.gz);
  const total = downloads.reduce((n, d) => n + d.gz, 0);
  console.log("Downloads (gzip -9 of each response):");
  for (const d of downloads) console.log(`  ${(d.gz / 1024).toFixed(1).padStart(7)} KB  (${(d.bytes / 1024).toFixed(1)} KB raw)  ${d.url.replace(origin, "")}`);
  const kb = total / 1024;
  const sizeOk = kb <= BUDGET_KB && foreign.length === 0;
  console.log(`Total downloaded, gzipped: ${kb.toFixed(1)} KB (budget ${BUDGET_KB} KB) ${sizeOk ? "OK" : "OVER"}${foreign.length ? `; foreign requests: ${foreign.map((d) => d.url).join(", ")}` : ""}`);

  // 2. Paste to rendered result for a 10 KB cable: analyze + render (+ style and layout, forced in bench mode).
  const bytes = readFileSync(CABLE);
  const text = new TextDecoder("windows-1252").decode(bytes);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const before = await page.evaluate(() => performance.getEntriesByName("cs:paste-to-render").length);
    await page.fill("#paste", i % 2 ? `${text}\n` : text);
    await page.waitForFunction((n) => performance.getEntriesByName("cs:paste-to-render").length > n, before);
    times.push(await page.evaluate(() => performance.getEntriesByName("cs:paste-to-render").at(-1).duration));
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)];
  const timeOk = median < BUDGET_MS;
  console.log(`Paste to render, ${(bytes.length / 1024).toFixed(1)} KB cable (${CABLE.pathname.split("/").pop()}), ${warm.length} warm runs:`);
  console.log(`  median ${median.toFixed(2)} ms, min ${warm[0].toFixed(2)} ms, max ${warm.at(-1).toFixed(2)} ms (budget < ${BUDGET_MS} ms) ${timeOk ? "OK" : "OVER"}`);
  failed = !sizeOk || !timeOk;
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
