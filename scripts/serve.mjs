// A tiny static file server for www/ (right MIME types, wasm as application/wasm), local only.
// Usage: node scripts/serve.mjs [port] [root]; tests import { startServer } from it.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ts": "text/plain; charset=utf-8",
};

export const WWW = resolve(fileURLToPath(new URL("../www", import.meta.url)));

/** Starts serving `root` on 127.0.0.1:`port` (0 = any free port); resolves to { server, url, port }. */
export function startServer({ root = WWW, port = 0, log = false } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const done = (status, body = "", type = "text/plain; charset=utf-8") => {
      // CORS for every file: other sites load the widget (embed.js, its modules, css, wasm) and seed cables from here.
      res.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff", "access-control-allow-origin": "*" });
      res.end(req.method === "HEAD" ? undefined : body);
      if (log) console.log(status, req.method, req.url);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return done(405, "method not allowed\n");
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      return done(400, "bad request\n");
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return done(403, "forbidden\n");
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      return done(200, body, TYPES[extname(file).toLowerCase()] ?? "application/octet-stream");
    } catch {
      return done(404, "not found\n");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      const actual = server.address().port;
      ok({ server, port: actual, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const root = process.argv[3] ?? WWW;
  const { url } = await startServer({ root, port, log: true });
  console.log(`cablescope: serving ${root} on ${url} (Ctrl-C to stop)`);
}
