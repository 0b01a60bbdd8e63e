// bench-embed.mjs — the widget's size budget: its own JS (www/embed.js and every module it imports; the shared wasm
// and its pkg/ glue not counted) must stay under 15 KB gzipped as a site gets it from the versioned build: the one
// file scripts/bundle-embed.mjs makes of them, gzip -9. The unbundled modules of www/ are listed for reference.
// Usage: node scripts/bench-embed.mjs   (exits 1 above the budget)
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { bundle, moduleGraph, WWW } from "./bundle-embed.mjs";

export const BUDGET_BYTES = 15 * 1024;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/** { files: [{ path, bytes, gz }] (www/, one request each), bundle: { bytes, gz }, css, ok } */
export function measure(root = WWW) {
  const files = moduleGraph("embed.js", root).map((path) => {
    const body = readFileSync(join(root, path));
    return { path, bytes: body.length, gz: gz(body) };
  });
  const one = Buffer.from(bundle({ root }));
  return {
    files,
    unbundled: files.reduce((n, f) => n + f.gz, 0),
    bundle: { bytes: one.length, gz: gz(one) },
    css: gz(readFileSync(join(root, "embed.css"))),
    ok: gz(one) <= BUDGET_BYTES,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = measure();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log("The widget's modules in www/ (gzip -9 each, one request each; the shared wasm and pkg/ glue not counted):");
  for (const f of r.files) console.log(`  ${kb(f.gz).padStart(8)}  (${kb(f.bytes)} raw)  ${f.path}`);
  console.log(`  ${kb(r.unbundled).padStart(8)}  in all, unbundled`);
  console.log(`The versioned build's embed.js (all of them in one file): ${kb(r.bundle.gz)} gzipped, ${r.bundle.gz} bytes (${kb(r.bundle.bytes)} raw); budget ${kb(BUDGET_BYTES)}: ${r.ok ? "OK" : "OVER"}`);
  console.log(`Its stylesheet, embed.css (fetched once, not JS): ${kb(r.css)} gzipped`);
  process.exit(r.ok ? 0 : 1);
}
