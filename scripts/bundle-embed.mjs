// bundle-embed.mjs — the widget's module graph, and the one-file embed.js of the versioned build (scripts/build-embed.sh).
// www/ keeps plain ES modules; a site hosting the widget gets one request for all of them. The "bundler" only
// concatenates (dependencies first), drops the relative imports and the dependencies' `export` keywords, and removes
// whole-line comments and indentation. It refuses anything it would not handle exactly (a name declared twice,
// an import with a rename, a multi-line template literal, a line continued with a backslash).
// Usage: node scripts/bundle-embed.mjs OUT_FILE [VERSION]
import { readFileSync, writeFileSync } from "node:fs";
import { join, dirname, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const WWW = resolve(fileURLToPath(new URL("../www", import.meta.url)));
const IMPORT = /(?:^|[\s;])(?:import|export)\s*(?:[\w*{}\s,]+\s*from\s*)?["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;
const STATIC_IMPORT = /^import \{([\w\s,$]+)\} from "(\.\/[\w.-]+\.js)";$/;
const DECLARATION = /^(?:export\s+)?(?:async\s+)?(?:function\*?|class|const|let|var)\s+([\w$]+)/;

/** embed.js and the modules it imports (static and dynamic, transitively), dependencies first; pkg/ (the wasm glue) left out. */
export function moduleGraph(entry = "embed.js", root = WWW) {
  const order = [];
  const visiting = new Set();
  const visit = (rel) => {
    if (order.includes(rel) || visiting.has(rel)) return;
    visiting.add(rel);
    for (const m of readFileSync(join(root, rel), "utf8").matchAll(IMPORT)) {
      const dep = normalize(join(dirname(rel), m[1] ?? m[2]));
      if (!dep.startsWith("pkg/")) visit(dep);
    }
    order.push(rel);
  };
  visit(entry);
  return order;
}

/** The graph as one module: the entry's exports are the bundle's. Throws on input it cannot bundle exactly. */
export function bundle({ entry = "embed.js", root = WWW, banner = "" } = {}) {
  const files = moduleGraph(entry, root);
  const declared = new Map();
  const out = [];
  for (const rel of files) {
    const lines = readFileSync(join(root, rel), "utf8").split("\n");
    const fail = (i, why) => { throw new Error(`bundle-embed: ${rel}:${i + 1}: ${why}`); };
    let block = false;
    lines.forEach((line, i) => {
      if ((line.match(/`/g) ?? []).length % 2) fail(i, "a template literal spans lines");
      if (/\\$/.test(line)) fail(i, "a line is continued with a backslash");
      if (/^(import|export)\b/.test(line) && /\bfrom\b/.test(line)) {
        const m = STATIC_IMPORT.exec(line);
        if (!m || /\bas\b/.test(m[1])) fail(i, "only `import { a, b } from \"./x.js\";` can be bundled");
        return; // the names are top-level declarations of a module placed before this one
      }
      if (/^export\s*(\{|\*|default)/.test(line)) fail(i, "export lists and default exports cannot be bundled");
      const name = DECLARATION.exec(line)?.[1];
      if (name) {
        if (declared.has(name)) fail(i, `\`${name}\` is also declared in ${declared.get(name)}`);
        declared.set(name, rel);
      }
      let trimmed = line.trim();
      if (block || trimmed.startsWith("/*")) {
        // A whole-line block comment goes; code after its end on the same line stays.
        const end = trimmed.indexOf("*/", block ? 0 : 2);
        block = end < 0;
        if (block) return;
        trimmed = trimmed.slice(end + 2).trim();
      }
      if (!trimmed || trimmed.startsWith("//")) return;
      out.push(rel === entry ? trimmed : trimmed.replace(/^export\s+/, ""));
    });
  }
  return `${banner}${out.join("\n")}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, version = ""] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node scripts/bundle-embed.mjs OUT_FILE [VERSION]");
    process.exit(2);
  }
  writeFileSync(file, bundle({ banner: `// cablescope-embed ${version} — <cable-scope>, bundled from www/ (${moduleGraph().join(", ")}). MIT licence.\n` }));
}
