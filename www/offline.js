// offline.js — makes the page work offline after the first visit: registers the service worker (sw.js) that keeps a
// copy of the app's own files. Only the page (app.js) calls this; the <cable-scope> widget never does, so a site
// embedding it gets no service worker from cablescope.
//
// The worker is registered as `sw.js?v=<version>`: a new version is a new worker script, whose install re-caches
// the app under a new cache name and drops the old one. Needs a secure context (https, or http on localhost /
// 127.0.0.1); elsewhere, or where the browser has no service workers, the page simply works online only.
// Under the page's CSP the worker script is allowed by `script-src 'self'` (the fallback for worker-src).

/**
 * Registers the offline copy for `version` (the wasm's crate version). Resolves to the registration, or null when
 * service workers are unavailable or registration fails (never rejects: offline is a bonus, not a requirement).
 * Sets `document.documentElement.dataset.offline` to "ready" once a worker controls the page.
 */
export async function registerOffline(version) {
  const sw = globalThis.navigator?.serviceWorker;
  if (!sw || !globalThis.isSecureContext) return null;
  const script = new URL("./sw.js", import.meta.url);
  script.searchParams.set("v", String(version || "dev"));
  const mark = () => { if (sw.controller) document.documentElement.dataset.offline = "ready"; };
  sw.addEventListener("controllerchange", mark);
  mark();
  try {
    return await sw.register(script.href, { scope: new URL("./", import.meta.url).href, updateViaCache: "none" });
  } catch (err) {
    console.warn("cablescope: the offline copy is not available:", err?.message ?? err);
    return null;
  }
}
