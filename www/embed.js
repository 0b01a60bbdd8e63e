// embed.js — <cable-scope>: one cable, read by the shared WebAssembly reader, rendered in a shadow root.
// Defines the tag on import (or the name given as ?tag=my-name in this module's URL; a name already taken is left
// alone, so loading it twice is harmless); `define(name)` registers it under more names. See README, "Embedding".
import { h, plural } from "./dom.js";
import { renderHeader } from "./render-header.js";
import { renderBody } from "./render-body.js";
import { renderFigures, figureCard } from "./figures.js";
import { renderProblem, blockingErrors } from "./diagnostics.js";
import { namesOf, sentenceCase } from "./textcase.js";
import { LEVELS } from "./labels.js";
import { createHost } from "./wasm-host.js";

const VIEWS = ["full", "compact", "figures"];
const here = (path) => new URL(path, import.meta.url);

// One reader host (wasm-host.js: it starts a fresh instance if one traps) and one stylesheet for every widget of
// the page, both from next to this module. A copy of this module loaded under another URL (embed.js?tag=…; in the
// versioned build each is a whole copy) asks on window for the first copy's host, so every widget shares one
// instance and its restarts; no global is set. The host finds pkg/ next to itself, which is next to this module.
const HOST_EVENT = "cablescope-reader-host";
let host = null;
let styles = null;
function reader() {
  if (!host) {
    const ask = new CustomEvent(HOST_EVENT, { detail: { glue: here("pkg/cablescope.js").href, host: null } });
    dispatchEvent(ask);
    host = ask.detail.host ?? createHost();
    addEventListener(HOST_EVENT, (e) => { if (e.detail?.glue === ask.detail.glue) e.detail.host ??= host; });
  }
  return host;
}
// A constructable sheet needs no inline <style>, so no CSP exception; the text is the fallback.
function loadStyles() {
  return (styles ??= fetch(here("embed.css")).then((r) => (r.ok ? r.text() : "")).catch(() => "").then((css) => {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return sheet;
    } catch {
      return css;
    }
  }));
}

// Elements of the shared render modules that hosts may style with ::part().
const SHADOW_PARTS = [
  [".header-card", "header"], [".classbar", "classification"], [".subject", "subject"], ['[data-testid="body"]', "body"],
  ['[data-testid="figures"]', "figures"], ["mark.fig", "figure"], ['[data-testid="problem"]', "problem"],
];
const inside = (a, b) => a && b && a.start >= b.start && a.end <= b.end;
const messageOf = (err) => String(err?.message ?? err).replace(/\.$/, "");
function fileNameOf(url) {
  try {
    return decodeURIComponent(new URL(url, document.baseURI).pathname.split("/").pop()) || null;
  } catch {
    return null;
  }
}

export class CableScope extends HTMLElement {
  static observedAttributes = ["src", "view", "file-name", "sentence-case", "heading-level"];
  #root = this.attachShadow({ mode: "open" });
  #content = h("div", { class: "cs-content" });
  #footer = h("p", { class: "cs-footer", part: "footer" });
  #cardEl = h("div", { id: "figure-card", class: "figure-card", role: "tooltip", part: "figure-card", hidden: true });
  #box = h("div", { class: "cs", part: "root", role: "region", "aria-label": "Diplomatic cable" }, this.#content, this.#footer, this.#cardEl);
  #card = figureCard(this.#cardEl, this.#root);
  #styled;
  #text = null;
  #result = null;
  #analysis = null;
  #version = "";
  #run = 0;
  #abort = null;
  #queued = false;
  #reload = false;
  #expanded = false;
  #clicked = null;
  #observer = null;

  constructor() {
    super();
    // The button a click came from: in the figures view a table row shows its figure's card beside it.
    this.#root.addEventListener("click", (e) => {
      this.#clicked = e.target instanceof Element ? e.target.closest("button") : null;
      if (!this.#clicked?.closest("tbody")) this.#card.hide();
    }, true);
    this.#styled = loadStyles().then((s) => {
      if (typeof s === "string") this.#root.append(h("style", { text: s }));
      else this.#root.adoptedStyleSheets = [s];
      this.#root.append(this.#box);
    });
  }

  connectedCallback() {
    // A property set before the element was defined sits on the instance: pass it through the setter.
    for (const prop of ["text", "src", "view", "theme"]) {
      if (Object.hasOwn(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }
    this.#observer ??= new MutationObserver(() => { if (this.#text === null && !this.hasAttribute("src")) this.#schedule(true); });
    this.#observer.observe(this, { childList: true, characterData: true, subtree: true });
    this.#schedule(!this.#result || this.#reload);
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#card.hide();
    if (this.#abort) {
      this.#abort.abort(); // fetched again when the element is put back
      this.#reload = true;
    }
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === "view") this.#expanded = false;
    this.#schedule(name === "src" || name === "file-name");
  }

  /** The cable's text, from script: it comes before `src` and the element's content. `null` unsets it. */
  get text() { return this.#text; }
  set text(value) {
    this.#text = value == null ? null : String(value);
    this.#schedule(true);
  }
  /** The first cable's analysis (the CLI's per-cable object, with UTF-16 span offsets), or null. */
  get analysis() { return this.#analysis; }
  get src() { return this.getAttribute("src") ?? ""; }
  set src(value) { this.setAttribute("src", value); }
  get view() { return VIEWS.includes(this.getAttribute("view")) ? this.getAttribute("view") : "full"; }
  set view(value) { this.setAttribute("view", value); }
  get theme() { return ["dark", "auto"].includes(this.getAttribute("theme")) ? this.getAttribute("theme") : "light"; }
  set theme(value) { this.setAttribute("theme", value); }

  /** Changes made in one task give one load, or one render. */
  #schedule(reload) {
    this.#reload ||= reload;
    if (this.#queued || !this.isConnected) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (!this.isConnected) return;
      if (this.#reload || !this.#result) this.#load();
      else this.#render();
      this.#reload = false;
    });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  async #load() {
    const run = ++this.#run;
    const stale = () => run !== this.#run;
    this.#abort?.abort();
    const host = reader();
    // Start loading while the input is fetched.
    host.load().catch(() => {});
    await this.#styled;
    if (stale()) return;
    this.#box.setAttribute("aria-busy", "true");
    if (!this.#result) this.#content.replaceChildren(h("p", { class: "cs-status", part: "status", text: "Loading the cable…" }));
    let input = null;
    try {
      input = await this.#input(stale);
      if (stale()) return;
      // Another widget's input may trap the instance between the wait and the call: then wait for the fresh one.
      while (!host.ready) {
        await host.load().catch((err) => {
          throw new Error(err?.name === "ReaderTrapped"
            ? "The cable reader is unavailable: it stopped too many times on this page; reload the page to read cables again"
            : `The cable reader could not be loaded (${messageOf(err)}). This browser may block WebAssembly, or the page's security policy may not allow it`);
        });
        if (stale()) return;
      }
      if (!input) throw new Error("There is no cable to show: give this element a src attribute, the cable's text inside it, or a text property");
      const result = host.analyze(input.data, input.name ? { fileName: input.name } : {});
      if (!result?.cables?.length) throw new Error("The reader found nothing to show in this input");
      this.#result = result;
      this.#analysis = result.cables[0];
      this.#version = host.version();
      this.#expanded = false;
      this.#render();
      this.#emit("cable-analyzed", this.#analysis);
    } catch (err) {
      if (stale() || err?.name === "AbortError") return;
      let title = "This cable cannot be shown";
      let message = `${messageOf(err)}.`;
      let text = null;
      if (err?.name === "ReaderTrapped") {
        // The instance trapped on this input (and is never called again): say whether a fresh one took over, and
        // keep the cable's text readable. The same input would trap again, so it is not read again by itself.
        const restarted = await host.whenReady().then(() => true, () => false);
        if (stale()) return;
        title = "The reader stopped on this cable";
        const then = restarted ? "was restarted: other cables are read as before" : "could not be restarted: the cable reader is unavailable until the page is reloaded";
        message = `The reader stopped on this cable (${err.cause ?? err}) and ${then}. The text is kept below.`;
        text = typeof input.data === "string" ? input.data : new TextDecoder().decode(input.data);
      }
      this.#result = this.#analysis = null;
      this.#box.setAttribute("aria-label", "Diplomatic cable");
      this.#footer.textContent = "";
      this.#content.replaceChildren(h("div", { class: "cs-error", role: "alert", part: "error" },
        h("p", { class: "cs-error-title", text: title }),
        h("p", { class: "cs-error-message", text: message })));
      if (text !== null) this.#content.append(h("pre", { class: "raw", part: "body", tabindex: "0", "aria-label": "Text as written", text }));
      this.#emit("cable-error", message);
    } finally {
      if (!stale()) this.#box.removeAttribute("aria-busy");
    }
  }

  /** What to read: the text property, else the src, else the element's own text. { data, name } or null. */
  async #input(stale) {
    const name = this.getAttribute("file-name");
    if (this.#text !== null) return this.#text ? { data: this.#text, name } : null;
    const src = this.getAttribute("src");
    if (src) {
      const url = new URL(src, document.baseURI);
      const abort = (this.#abort = new AbortController());
      let res;
      try {
        res = await fetch(url, { signal: abort.signal });
      } catch (err) {
        if (err?.name === "AbortError") throw err;
        throw new Error(`The cable at ${url.href} could not be loaded: the request failed (the address may be unreachable, or its server may not let other sites read it)`);
      } finally {
        if (this.#abort === abort) this.#abort = null;
      }
      if (!res.ok) throw new Error(`The cable at ${url.href} could not be loaded: the server answered ${res.status} ${res.statusText}`.trim());
      return { data: new Uint8Array(await res.arrayBuffer()), name: name ?? fileNameOf(url) };
    }
    if (!this.#ownText() && document.readyState === "loading") {
      // Still being parsed: the text may be in the rest of the document.
      await new Promise((ok) => document.addEventListener("DOMContentLoaded", ok, { once: true }));
      if (stale()) return null;
    }
    const text = this.#ownText();
    return text ? { data: text, name } : null;
  }

  /** The element's content, always as text: an inner <script type="text/plain">, else all of it. */
  #ownText() {
    const text = (this.querySelector(':scope > script[type="text/plain"]') ?? this).textContent;
    return text.trim() ? text.replace(/^\r?\n/, "") : "";
  }

  #render() {
    const cable = this.#analysis;
    if (!cable) return;
    const view = this.#expanded ? "full" : this.view;
    const sentence = this.hasAttribute("sentence-case");
    const src = this.#text === null && this.getAttribute("src");
    const title = this.getAttribute("file-name") ?? (src && fileNameOf(src)) ?? "Cable";
    const ctx = {
      text: this.#result.source_text, card: this.#card, sentence, names: sentence ? namesOf(cable) : new Set(), title,
      findCable: () => null, openCable() {},
    };
    const count = this.#result.cables.length;
    const errors = blockingErrors(cable);
    const jump = (f) => this.#jump(f);
    const out = [
      count > 1 ? h("p", { class: "cs-notice", part: "notice", text: `This input holds ${plural(count, "cable")}; this shows the first.` }) : null,
      errors.length ? renderProblem(errors) : null,
    ];
    if (view === "figures") {
      const figures = renderFigures(cable, jump);
      figures.prepend(caption(cable, ctx));
      out.push(figures);
    } else {
      out.push(renderHeader(cable, ctx), view === "compact" ? this.#summary(cable, ctx) : renderBody(cable, ctx));
      if (view === "full") out.push(renderFigures(cable, jump));
    }
    this.#card.hide();
    this.#content.replaceChildren(...out.filter(Boolean));
    for (const [selector, part] of SHADOW_PARTS) for (const el of this.#content.querySelectorAll(selector)) el.setAttribute("part", part);
    // Headings join the host page's outline: the subject at heading-level (2 unless set), sections below it.
    const level = Number(this.getAttribute("heading-level")) || 2;
    for (const el of this.#content.querySelectorAll("h1, h2, h3")) el.setAttribute("aria-level", String(Math.min(6, Math.max(1, level) + Number(el.tagName[1]) - 1)));
    this.#box.dataset.view = view;
    this.#box.setAttribute("aria-label", `Diplomatic cable ${cable.reference_id ?? title}`);
    this.#footer.textContent = `Read by cablescope ${this.#version}`;
  }

  /** The compact view's text: the cable's summary, else its first paragraph; a button opens the rest. */
  #summary(cable, ctx) {
    const paragraphs = cable.paragraphs ?? [];
    const block = (cable.blocks ?? []).find((b) => b.kind === "summary");
    let shown = block ? paragraphs.filter((p) => inside(p.span, block.span) || (block.paragraphs ?? []).includes(p.number)) : [];
    const label = shown.length ? "Summary" : "Opening paragraph";
    if (!shown.length) shown = paragraphs.slice(0, 1);
    const section = renderBody({ ...cable, paragraphs: shown, headings: [], blocks: [], signer: null }, ctx);
    if (shown.length) section.querySelector(".section-title").textContent = label;
    if (paragraphs.length > shown.length) {
      section.append(h("button", { type: "button", class: "btn btn-small more", part: "expand", on: { click: () => this.#expand() } },
        `Read the whole cable (${plural(paragraphs.length, "paragraph")})`));
    }
    return section;
  }

  #expand() {
    this.#expanded = true;
    this.#render();
    const body = this.#root.querySelector('[data-testid="body"]');
    body.tabIndex = -1;
    body.focus();
  }

  /** From the figures table: the figure's mark in the text, else (figures view) its card beside the row. */
  #jump(f) {
    const mark = [...this.#root.querySelectorAll("mark.fig")].find((m) => m.cablescopeFigure === f);
    if (mark) {
      mark.scrollIntoView({ block: "center" });
      mark.focus();
    } else if (this.#clicked) {
      this.#card.show(this.#clicked, f);
    }
  }
}

/** The figures view's caption: reference, level, date and subject. */
function caption(cable, ctx) {
  const level = LEVELS[cable.classification?.level];
  const subject = cable.subject && (ctx.sentence ? sentenceCase(cable.subject, ctx.names) : cable.subject);
  return h("header", { class: "caption" },
    h("p", { class: "eyebrow" },
      h("span", { class: "refid", "data-testid": "reference-id", text: cable.reference_id ?? ctx.title }),
      level ? h("span", { class: ["badge", "badge-level", `level-${level.cls}`], text: level.short }) : null,
      cable.date ? h("span", { class: "muted", text: cable.date }) : null),
    h("h1", { class: "subject caption-subject", "data-testid": "subject", text: subject || "No subject line found" }));
}

/** Registers the element under `name`; a name already taken is left as it is. Returns the name's class. */
export function define(name = "cable-scope") {
  if (!customElements.get(name)) customElements.define(name, class extends CableScope {});
  return customElements.get(name);
}

define(new URL(import.meta.url).searchParams.get("tag") || "cable-scope");
