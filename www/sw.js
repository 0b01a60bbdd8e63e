// sw.js — the app, offline: a service worker (registered by offline.js as `sw.js?v=<version>`) that keeps a copy of
// the app's own files and serves them when the network is gone. It keeps nothing else: only the files the app itself
// names (below), fetched with GET from this origin under its scope, keyed without query string or fragment; any other
// request passes through untouched. The user's text never reaches it: pasted and dropped input is read in the tab
// (File objects, never fetched), and a permalink's text rides in the URL fragment, which no request carries.
//
// - Install: a crawl from the page: index.html, then every same-origin file its HTML, JS and CSS name (imports,
//   `new URL("./x.js", import.meta.url)`, workers, `seeds/…`), so the list is never written by hand and follows
//   whatever modules exist. The files the app cannot start without must all arrive or the install fails.
// - The cache is named after the version (`cablescope-<v>`); activating a new version deletes every other one.
// - Fetch, for those files: network first, so a rebuilt app is picked up on the next load; each fresh copy replaces
//   the cached one, and if one came back changed (a rebuild under the same version), every file is re-cached in the
//   background, so the offline copy never mixes two builds. The cache answers only when the network fails (or hangs).
"use strict";

const VERSION = new URL(self.location.href).searchParams.get("v") || "dev";
const PREFIX = "cablescope-";
const CACHE = PREFIX + VERSION.replace(/[^\w.+-]/g, "_");
const SCOPE = new URL(self.registration.scope);
/** Without these the app cannot start: the install fails unless every one is cached. */
const REQUIRED = ["./", "app.js", "style.css", "pkg/cablescope.js", "pkg/cablescope_bg.wasm"];
/** The app's own file types (a path ending in `/` is its index.html). */
const APP_FILE = /\.(?:html|js|mjs|css|wasm|txt)$/i;
/** Files the crawl reads for more references. */
const CRAWLED = /\.(?:html|js|mjs|css)$/i;
/** Bounds on the crawl (a stray reference must not make it download a site). */
const MAX_FILES = 200;
/** How long a request waits for the network's headers before a cached copy answers instead. */
const NETWORK_TIMEOUT_MS = 5000;

/** The cache key of an app URL: same origin, under the scope, app file type; else null (not ours, never cached). */
function appKey(input) {
  let url;
  try {
    url = new URL(input, SCOPE);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== SCOPE.origin) return null;
  if (!url.pathname.startsWith(SCOPE.pathname)) return null;
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  if (!APP_FILE.test(url.pathname) || url.pathname === new URL("sw.js", SCOPE).pathname) return null;
  return url.href;
}

/** A response worth keeping: a whole, same-origin, non-redirected 200. */
function keepable(res) {
  return !!res && res.status === 200 && res.type === "basic" && !res.redirected && !res.headers.has("content-range");
}

/** Same-origin references named in a file's text, resolved against the file and against the scope. */
function references(text, base) {
  const found = new Set();
  const add = (ref) => {
    if (!ref || /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref)) return; // absolute URLs (other origins, data:, blob:) and fragments
    // "./x", "../x" (imports, new URL(…, import.meta.url)) are relative to the file; a bare "x/y.txt" may be
    // either (fetch() resolves against the page): both are tried, and what does not exist is skipped.
    for (const from of /^\.\.?\//.test(ref) ? [base] : [base, SCOPE.href]) {
      const key = appKey(new URL(ref, from));
      if (key) found.add(key);
    }
  };
  // HTML attributes, CSS url(), and quoted paths in JS and CSS (imports, workers, fetches, new URL(…)).
  for (const m of text.matchAll(/\b(?:src|href)\s*=\s*["']([^"'?#]+)/gi)) add(m[1]);
  for (const m of text.matchAll(/url\(\s*["']?([^"')?#]+)/gi)) add(m[1]);
  for (const m of text.matchAll(/["'`]((?:\.{0,2}\/)?[\w@.\/-]+\.(?:html|js|mjs|css|wasm|txt))(?:\?[^"'`]*)?["'`]/gi)) add(m[1]);
  return found;
}

/** Fetches an app file from the network, bypassing the HTTP cache's stale copies. */
function fetchFresh(key) {
  return fetch(key, { cache: "no-cache", credentials: "same-origin", redirect: "follow" });
}

/** Downloads the app into `cacheName`, following references from the page; rejects if a required file is missing. */
async function crawl(cacheName) {
  const cache = await caches.open(cacheName);
  const required = new Set(REQUIRED.map((p) => appKey(p)));
  const seen = new Set();
  let wave = [...required];
  while (wave.length && seen.size < MAX_FILES) {
    wave = [...new Set(wave)].filter((k) => !seen.has(k)).slice(0, MAX_FILES - seen.size);
    wave.forEach((k) => seen.add(k));
    const next = await Promise.all(wave.map(async (key) => {
      let res = null;
      try {
        res = await fetchFresh(key);
      } catch { /* offline or gone: an error below if required */ }
      if (!keepable(res)) {
        res?.body?.cancel().catch(() => {}); // release the connection
        if (required.has(key)) throw new Error(`offline copy: ${key} could not be fetched (${res ? res.status : "network error"})`);
        return [];
      }
      const text = CRAWLED.test(new URL(key).pathname) ? await res.clone().text() : null;
      await cache.put(key, res);
      return text === null ? [] : [...references(text, key)];
    }));
    wave = next.flat();
  }
  return seen.size;
}

let refreshing = null;

/** Re-caches the whole app in the background (a file changed under the same version: a rebuild). */
function refreshAll() {
  refreshing ??= (async () => {
    const fresh = `${CACHE}~refresh`;
    await caches.delete(fresh);
    try {
      await crawl(fresh);
      // Copy the complete new set over the live cache (never leaving it half-updated), then drop files it no longer has.
      const [from, to] = await Promise.all([caches.open(fresh), caches.open(CACHE)]);
      const keys = await from.keys();
      for (const req of keys) await to.put(req, await from.match(req));
      const wanted = new Set(keys.map((r) => r.url));
      for (const req of await to.keys()) if (!wanted.has(req.url)) await to.delete(req);
    } catch { /* the network went away mid-way: keep the copy we had */ } finally {
      await caches.delete(fresh);
      refreshing = null;
    }
  })();
  return refreshing;
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Keeps a fresh network copy; if it differs from the cached one, the app was rebuilt: re-cache all of it. */
async function store(key, res) {
  const cache = await caches.open(CACHE);
  const old = await cache.match(key);
  const changed = old ? !sameBytes(await old.arrayBuffer(), await res.clone().arrayBuffer()) : false;
  await cache.put(key, res);
  if (changed) await refreshAll();
}

/**
 * One of the app's files (a key the crawl cached, or the page itself): network first, the cached copy when the
 * network fails or has not answered within NETWORK_TIMEOUT_MS. Anything else in scope is passed through, not kept.
 */
async function respond(event, key) {
  const cache = await caches.open(CACHE);
  const known = await cache.match(key);
  const page = event.request.mode === "navigate" && key === appKey("./");
  if (!known && !page) return fetch(event.request);
  const network = fetch(event.request);
  // Keep the fresh copy (cloned before the page reads the body), even if the cache answered first.
  event.waitUntil(network.then((res) => (keepable(res) ? store(key, res.clone()) : null)).catch(() => {}));
  let timer;
  const slow = new Promise((resolve) => { timer = setTimeout(() => resolve(known), NETWORK_TIMEOUT_MS); });
  try {
    return (await Promise.race([network, slow])) ?? (await network); // slow, and nothing cached: keep waiting
  } catch (err) {
    if (known) return known;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(crawl(CACHE).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || req.headers.has("range")) return;
  const key = appKey(req.url);
  if (!key) return; // another origin, or not an app file type: the browser handles it, nothing is kept
  event.respondWith(respond(event, key));
});
