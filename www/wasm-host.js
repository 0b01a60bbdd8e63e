// wasm-host.js — owns the WebAssembly reader: loads it, and if an instance ever traps, starts a fresh one.
//
// The core never panics by design; this is the last line of defence. A trap (`unreachable`, running out of
// memory, or anything else thrown out of `analyze`) leaves that instance in an unknown state, so it is never
// called again. wasm-bindgen's glue caches its instance in module scope, so a fresh instance needs a fresh copy
// of the glue: the same file imported again under a query (`pkg/cablescope.js?instance=N`) — same origin, so the
// page's CSP (`script-src 'self'`) allows it. The wasm itself is fetched and compiled once and reused.
// Loaded cross-origin (the <cable-scope> widget on another site), the re-import is a CORS module fetch like the
// first one, and a host page's CSP that allows the widget's origin in script-src allows it too.
// A dead instance's memory cannot be freed (the browser keeps every imported module for the page's lifetime), so
// after MAX_RESTARTS traps the host gives up and the page (or widget) says the reader is unavailable.
// One host serves every user of the page: app.js makes one; embed.js shares one among all its widgets.

const MAX_RESTARTS = 5;

/** Thrown by `analyze` when the instance trapped; a fresh one is being started (see `whenReady`). */
export class ReaderTrapped extends Error {
  constructor(cause) {
    super(`the reader stopped (${cause?.name ?? "Error"}: ${cause?.message ?? cause})`, { cause });
    this.name = "ReaderTrapped";
  }
}

/**
 * A reader host. `onState(state, detail)` is told "loading", "ready", "restarting" (detail: the trap)
 * or "failed" (detail: the error). `glue` and `wasm` default to ./pkg next to this module.
 */
export function createHost({ glue = new URL("./pkg/cablescope.js", import.meta.url), wasm = new URL("./pkg/cablescope_bg.wasm", import.meta.url), onState = () => {} } = {}) {
  // The compiled WebAssembly.Module (shared by every instance), the live instance's glue module ({ analyze,
  // version }), the instance being started; `gaveUp`: MAX_RESTARTS reached, no instance is ever started again.
  let module = null;
  let api = null;
  let pending = null;
  let instances = 0;
  let restarts = 0;
  let failed = null;
  let gaveUp = false;

  async function compile() {
    const res = await fetch(wasm);
    if (!res.ok) throw new Error(`failed to fetch Wasm: ${res.status} ${res.statusText} fetching '${res.url}'`);
    return WebAssembly.compile(await res.arrayBuffer());
  }

  async function instantiate() {
    module ??= await compile();
    const url = new URL(glue);
    if (instances > 0) url.searchParams.set("instance", String(instances));
    const glueModule = await import(url.href);
    await glueModule.default({ module_or_path: module });
    instances += 1;
    return glueModule;
  }

  function begin(phase, detail) {
    onState(phase, detail);
    pending = instantiate().then((m) => {
      api = m;
      pending = null;
      failed = null;
      onState("ready");
      return m;
    }, (err) => {
      pending = null;
      failed = err;
      onState("failed", err);
      throw err;
    });
    return pending;
  }

  return {
    /**
     * Resolves once an instance is live, loading the first one if needed (and trying again if an earlier load
     * failed); rejects when the WebAssembly cannot be loaded, or once the host has given up after traps.
     */
    load() {
      if (gaveUp) return Promise.reject(failed);
      return api ? Promise.resolve(api) : pending ?? begin("loading");
    },
    /** Resolves once an instance is live (at once if one is); rejects if none can be started. */
    whenReady() {
      if (api) return Promise.resolve(api);
      if (pending) return pending;
      return Promise.reject(failed ?? new Error("the reader is not loaded"));
    },
    /** Is an instance live right now? */
    get ready() {
      return api !== null;
    },
    /** Has the host given up (the first load failed, or too many traps)? */
    get failed() {
      return failed !== null;
    },
    /** How many times a trapped instance was replaced. */
    get restarts() {
      return restarts;
    },
    version() {
      return api ? api.version() : "";
    },
    /**
     * `analyze` on the live instance. Throws ReaderTrapped if it traps (and starts a fresh instance),
     * or an Error if no instance is live (loading, restarting or failed).
     */
    analyze(input, opts) {
      if (!api) throw new Error(pending ? "the reader is restarting" : "the reader is not loaded");
      try {
        return api.analyze(input, opts);
      } catch (err) {
        api = null;
        const trap = new ReaderTrapped(err);
        if (restarts >= MAX_RESTARTS) {
          failed = trap;
          gaveUp = true;
          onState("failed", trap);
        } else {
          restarts += 1;
          // A failed restart is reported through onState("failed").
          begin("restarting", trap).catch(() => {});
        }
        throw trap;
      }
    },
  };
}
