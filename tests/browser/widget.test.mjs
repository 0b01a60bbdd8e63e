// widget.test.mjs — the <cable-scope> widget in headless Chromium: embedded cross-origin in host pages (hostile CSS,
// a strict CSP, several views and tag names on one page), its events and errors, keyboard and axe, its size budget,
// and the versioned build served from an arbitrary path.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, cpSync, existsSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { launch, repoFile, ROOT } from "./helpers.mjs";
import { startServer } from "../../scripts/serve.mjs";
import { measure, BUDGET_BYTES } from "../../scripts/bench-embed.mjs";
import { moduleGraph } from "../../scripts/bundle-embed.mjs";

const SEED = repoFile("tests/data/seeds/05ALMATY4282.txt").toString("utf8");
const AXE = repoFile("node_modules/axe-core/axe.min.js").toString("utf8");
const VERSION = /^version = "(.+)"$/m.exec(repoFile("Cargo.toml").toString("utf8"))[1];

let env; // the app's origin: www/ with the widget
let host; // another origin: the host pages
let dir;
let APP;

before(async () => {
  env = await launch();
  APP = env.url;
  dir = mkdtempSync(join(tmpdir(), "cablescope-widget-"));
  host = await startServer({ root: join(dir, "host"), port: 0 });
  hostFile("record.js", RECORD);
});
after(async () => {
  await env?.close();
  host?.server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Writes a file of the host site (served from another origin than the widget). */
function hostFile(name, body) {
  const path = join(dir, "host", name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, body);
  return `${host?.url ?? ""}${name}`;
}

// The host page's own script: the globals before the widget loads, and every widget event that reaches the document.
const RECORD = `window.__events = [];
window.__before = Object.getOwnPropertyNames(window);
for (const type of ["cable-analyzed", "cable-error"]) {
  document.addEventListener(type, (e) => {
    const d = e.detail;
    window.__events.push({ type, id: e.target.id, bubbles: e.bubbles, composed: e.composed, same: d === e.target.analysis,
      ref: d && typeof d === "object" ? d.reference_id : null, message: typeof d === "string" ? d : null });
  });
}
`;

function hostPage({ head = "", body, csp = null, script = `${APP}embed.js` }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ""}
<title>A host article</title>
<link rel="icon" href="data:,">
${head}
<script src="record.js"></script>
${script ? `<script type="module" src="${script}"></script>` : ""}
</head>
<body>
<main>
<h1>A host article</h1>
<p>Prose of the host page around the cable.</p>
${body}
</main>
</body>
</html>
`;
}

/** Opens `url` and waits for `n` widget events. */
async function openWith(url, n, options) {
  const s = await env.open(options);
  await s.page.goto(url);
  await s.page.waitForFunction((k) => (window.__events?.length ?? 0) >= k, n, { timeout: 20000 });
  return s;
}

const events = (page) => page.evaluate(() => window.__events);
const paths = (requests, origin) => requests.filter((r) => r.startsWith(origin)).map((r) => r.slice(origin.length - 1));

/** What a widget shows, read through its (open) shadow root. */
function shown(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    const root = el.shadowRoot;
    const q = (s) => root.querySelector(s);
    return {
      view: q(".cs")?.dataset.view ?? null,
      ref: q('[data-testid="reference-id"]')?.textContent ?? null,
      subject: q('[data-testid="subject"]')?.textContent.trim() ?? null,
      paragraphs: root.querySelectorAll('[data-testid="paragraph"]').length,
      body: q('[data-testid="body"] .section-title')?.textContent ?? null,
      figures: !!q('[data-testid="figures"]'),
      figureRows: root.querySelectorAll('[data-testid="figure-row"]').length,
      expand: !!q('[part="expand"]'),
      error: q('[part="error"]')?.textContent ?? null,
      errorRole: q('[part="error"]')?.getAttribute("role") ?? null,
      footer: q('[part="footer"]')?.textContent ?? "",
      analysis: el.analysis ? el.analysis.reference_id : null,
    };
  }, id);
}

const PROBES = {
  full: [".cs", ".classbar", ".classbar-label", ".subject", ".refid", ".fact dd", ".chip", ".para", ".para-text", ".para-num", "mark.fig",
    ".badge-portion", ".block", ".section-title", ".figtable", ".figtable td", ".sort", ".chart", ".cs-footer"],
  compact: [".cs", ".subject", ".para-text", ".more"],
};
const PROPS = ["color", "backgroundColor", "display", "position", "fontFamily", "fontSize", "fontStyle", "fontWeight", "textTransform",
  "letterSpacing", "lineHeight", "textAlign", "direction", "whiteSpace", "visibility", "wordSpacing", "borderTopWidth", "paddingLeft"];

/** Computed styles of the widget's insides, and its box. */
function styles(page, id) {
  return page.evaluate(({ id, selectors, props }) => {
    const el = document.getElementById(id);
    const out = { host: getComputedStyle(el).display, height: Math.round(el.getBoundingClientRect().height), width: Math.round(el.getBoundingClientRect().width) };
    for (const s of selectors) {
      const node = el.shadowRoot.querySelector(s);
      if (!node) { out[s] = "missing"; continue; }
      const cs = getComputedStyle(node);
      out[s] = Object.fromEntries(props.map((p) => [p, cs[p]]));
    }
    return out;
  }, { id, selectors: PROBES[id], props: PROPS });
}

const HOSTILE_CSS = `
* {
  color: red !important; display: inline !important; background: yellow !important;
  font: italic 40px/4 cursive !important; text-transform: uppercase !important; letter-spacing: 6px !important;
  word-spacing: 12px !important; text-align: right !important; white-space: nowrap !important; direction: rtl !important;
  visibility: visible !important; writing-mode: horizontal-tb !important;
}
div, section, p, table, td, th, mark, h1, h2, h3, span, button, ul, li, dl, dt, dd, article, svg { display: none !important; border: 9px solid lime !important; padding: 30px !important; }
cable-scope { all: unset; }
`;
const WIDTH_CSS = "cable-scope { width: 900px; margin: 24px 0; }\n";

const TWO_WIDGETS = `<cable-scope id="full" src="${"APP"}seeds/05ALMATY4282.txt"></cable-scope>
<cable-scope id="compact" view="compact" theme="dark"><script type="text/plain">
${SEED}</script></cable-scope>`;

test("size budget: the widget's own JS is under 15 KB gzipped, the shared wasm aside", () => {
  const r = measure();
  assert.ok(r.bundle.gz <= BUDGET_BYTES, `the versioned build's embed.js is ${r.bundle.gz} bytes gzipped (budget ${BUDGET_BYTES})`);
  assert.ok(r.ok);
  assert.deepEqual(r.files.map((f) => f.path).sort(), moduleGraph().sort());
  assert.ok(r.files.some((f) => f.path === "embed.js") && !r.files.some((f) => f.path.startsWith("pkg/")), "embed.js and its imports, not the wasm glue");
  const out = execFileSync(process.execPath, [join(ROOT, "scripts/bench-embed.mjs")], { encoding: "utf8" });
  assert.match(out, /budget 15\.0 KB: OK/);
});

test("a host page on another origin embeds two widgets by script tag; its hostile CSS changes nothing inside them", async () => {
  const body = TWO_WIDGETS.replace("APP", APP);
  assert.ok(!SEED.includes("</script") && !SEED.includes("<!--"));
  hostFile("clean.css", WIDTH_CSS);
  hostFile("hostile.css", HOSTILE_CSS + WIDTH_CSS);
  const clean = hostFile("clean.html", hostPage({ head: '<link rel="stylesheet" href="clean.css">', body }));
  const hostile = hostFile("hostile.html", hostPage({ head: '<link rel="stylesheet" href="hostile.css">', body }));
  assert.notEqual(new URL(APP).origin, new URL(hostile).origin, "the host is another origin");

  const a = await openWith(clean, 2, { viewport: { width: 1100, height: 900 } });
  const b = await openWith(hostile, 2, { viewport: { width: 1100, height: 900 } });
  for (const s of [a, b]) {
    const ev = await events(s.page);
    assert.deepEqual(ev.map((e) => [e.type, e.id, e.ref]).sort(), [["cable-analyzed", "compact", "05ALMATY4282"], ["cable-analyzed", "full", "05ALMATY4282"]]);
    assert.ok(ev.every((e) => e.bubbles && e.composed && e.same), "bubbling, composed, and the detail is the element's analysis");
  }
  const { page } = b;
  // Two views on one page.
  const full = await shown(page, "full");
  const compact = await shown(page, "compact");
  assert.equal(full.view, "full");
  assert.equal(full.ref, "05ALMATY4282");
  assert.equal(full.subject, "SCENESETTER: PRESIDENTIAL ELECTION IN KAZAKHSTAN, DECEMBER 4, 2005");
  assert.equal(full.paragraphs, 11);
  assert.ok(full.figures && full.figureRows > 0, "the figures section");
  assert.match(full.footer, new RegExp(`cablescope ${VERSION.replace(/\./g, "\\.")}`));
  assert.equal(compact.view, "compact");
  assert.equal(compact.body, "Summary");
  assert.equal(compact.paragraphs, 3, "the summary block's three paragraphs");
  assert.ok(!compact.figures && compact.expand);
  // The analysis: the first cable's object, as the CLI prints it, with the UTF-16 offsets.
  const a1 = await page.evaluate(() => {
    const el = document.getElementById("full");
    const before = el.analysis;
    try { el.analysis = null; } catch { /* read-only */ }
    return { same: before === el.analysis, paragraphs: el.analysis.paragraphs.length, u16: typeof el.analysis.span.start_utf16, tags: el.analysis.tags.map((t) => t.code) };
  });
  assert.deepEqual(a1, { same: true, paragraphs: 11, u16: "number", tags: ["PGOV", "KDEM", "KPAO", "KZ"] });
  // Hostile CSS (which does hit the host page: red, and paragraphs gone): the insides compute exactly as on the
  // clean page, and so does the layout.
  assert.deepEqual(await page.evaluate(() => [getComputedStyle(document.querySelector("main")).color, getComputedStyle(document.querySelector("main p")).display]), ["rgb(255, 0, 0)", "none"]);
  for (const id of ["full", "compact"]) {
    const want = await styles(a.page, id);
    const got = await styles(b.page, id);
    assert.equal(got.host, "block", `${id}: the host element stays a block`);
    assert.deepEqual(got, want, `${id}: computed styles and box under hostile CSS`);
  }
  assert.equal((await styles(b.page, "compact"))[".cs"].backgroundColor, "rgb(17, 19, 21)", "theme=dark");
  assert.notEqual((await styles(b.page, "full"))[".cs"].backgroundColor, "rgb(17, 19, 21)", "light by default");
  // The widget's CSS does not leak out: the host's own elements keep the host's styles.
  assert.equal(await a.page.evaluate(() => getComputedStyle(document.querySelector("main p")).fontFamily), await a.page.evaluate(() => getComputedStyle(document.body).fontFamily));
  assert.equal(await a.page.evaluate(() => document.adoptedStyleSheets.length), 0);
  assert.equal(await a.page.evaluate(() => getComputedStyle(document.querySelector("h1")).color), "rgb(0, 0, 0)");
  // No globals, and no request but the module (with its imports), its stylesheet and wasm, and the src.
  for (const s of [a, b]) {
    const added = await s.page.evaluate(() => Object.getOwnPropertyNames(window).filter((k) => !window.__before.includes(k) && !["__before", "__events"].includes(k)));
    assert.deepEqual(added, [], "no globals leaked");
    const appOrigin = new URL(APP).origin + "/";
    const expected = [...moduleGraph(), "embed.css", "pkg/cablescope.js", "pkg/cablescope_bg.wasm", "seeds/05ALMATY4282.txt"].map((p) => `/${p}`);
    assert.deepEqual([...new Set(paths(s.requests, appOrigin))].sort(), expected.sort());
    assert.equal(s.requests.filter((r) => r.endsWith(".wasm")).length, 1, "one wasm download for two widgets");
    const other = s.requests.filter((r) => !r.startsWith(appOrigin) && !r.startsWith(host.url) && !r.startsWith("data:"));
    assert.deepEqual(other, []);
    assert.deepEqual(s.errors, []);
  }
  await a.close();
  await b.close();
});

test("under a strict Content Security Policy on the host page (no inline style, trusted types)", async () => {
  const app = new URL(APP).origin;
  const csp = `default-src 'none'; script-src 'self' ${app} 'wasm-unsafe-eval'; connect-src ${app}; style-src 'self'; img-src data:; require-trusted-types-for 'script'; base-uri 'none'`;
  const url = hostFile("csp.html", hostPage({ csp, body: TWO_WIDGETS.replace("APP", APP) }));
  const s = await openWith(url, 2);
  assert.deepEqual((await events(s.page)).map((e) => e.type), ["cable-analyzed", "cable-analyzed"]);
  assert.deepEqual(await s.page.evaluate(() => window.__csp), [], "no CSP violation");
  const st = await styles(s.page, "compact");
  assert.equal(st[".cs"].position, "relative", "the adopted stylesheet applies");
  assert.equal(st[".cs"].backgroundColor, "rgb(17, 19, 21)");
  assert.deepEqual(s.errors, []);
  await s.close();
});

test("a failing src gives cable-error and a readable message inside the widget", async () => {
  const url = hostFile("errors.html", hostPage({ body: `
<cable-scope id="missing" src="${APP}seeds/no-such-cable.txt"></cable-scope>
<cable-scope id="unreachable" src="http://127.0.0.1:9/cable.txt"></cable-scope>
<cable-scope id="empty"></cable-scope>` }));
  const s = await openWith(url, 3);
  const ev = await events(s.page);
  const by = Object.fromEntries(ev.map((e) => [e.id, e]));
  assert.ok(ev.every((e) => e.type === "cable-error" && e.bubbles && e.composed));
  assert.match(by.missing.message, /no-such-cable\.txt could not be loaded: the server answered 404/);
  assert.match(by.unreachable.message, /could not be loaded: the request failed/);
  assert.match(by.empty.message, /no cable to show/i);
  for (const id of ["missing", "unreachable", "empty"]) {
    const w = await shown(s.page, id);
    assert.ok(w.error.includes("This cable cannot be shown") && w.error.includes(by[id].message), `${id}: the message is shown`);
    assert.equal(w.errorRole, "alert");
    assert.equal(w.analysis, null);
    assert.ok(await s.page.isVisible(`#${id} [part="error"]`));
  }
  assert.deepEqual(s.errors.filter((e) => e.startsWith("pageerror")), []);
  await s.close();

  // The reader itself failing to load is an error too, said as plainly.
  const t = await env.open();
  await t.page.route("**/cablescope_bg.wasm", (r) => r.fulfill({ status: 404, body: "gone" }));
  await t.page.goto(hostFile("wasm-fails.html", hostPage({ body: `<cable-scope id="w" src="${APP}seeds/05ALMATY4282.txt"></cable-scope>` })));
  await t.page.waitForFunction(() => window.__events.length >= 1);
  const [e] = await events(t.page);
  assert.equal(e.type, "cable-error");
  assert.match(e.message, /cable reader could not be loaded/);
  assert.match((await shown(t.page, "w")).error, /WebAssembly/);
  await t.close();
});

test("loading the script twice is harmless; other tag names; all widgets share one wasm instance", async () => {
  hostFile("define.js", `import { define, CableScope } from "${APP}embed.js";\nconst C = define("my-cable");\nwindow.__sub = C.prototype instanceof CableScope;\n`);
  const url = hostFile("twice.html", hostPage({
    head: `<script type="module" src="${APP}embed.js"></script>\n<script type="module" src="${APP}embed.js?tag=wiki-cable"></script>\n<script type="module" src="define.js"></script>`,
    body: `<cable-scope id="a" view="figures" src="${APP}seeds/05ALMATY4282.txt"></cable-scope>
<wiki-cable id="b" view="compact" src="${APP}seeds/05ALMATY4282.txt"></wiki-cable>
<my-cable id="c" src="${APP}seeds/05ALMATY4282.txt"></my-cable>`,
  }));
  const s = await openWith(url, 3);
  assert.deepEqual((await events(s.page)).map((e) => `${e.type} ${e.id}`).sort(), ["cable-analyzed a", "cable-analyzed b", "cable-analyzed c"]);
  assert.deepEqual((await Promise.all(["a", "b", "c"].map((id) => shown(s.page, id)))).map((w) => w.view), ["figures", "compact", "full"]);
  assert.ok(await s.page.evaluate(() => window.__sub));
  assert.ok(await s.page.evaluate(() => ["cable-scope", "wiki-cable", "my-cable"].every((n) => customElements.get(n))));
  assert.equal(s.requests.filter((r) => r.endsWith("/pkg/cablescope_bg.wasm")).length, 1, "one wasm download");
  assert.equal(s.requests.filter((r) => r.endsWith("/pkg/cablescope.js")).length, 1, "one wasm glue module, so one instance");
  assert.equal(s.requests.filter((r) => r === `${APP}embed.js`).length, 1);
  assert.deepEqual(s.errors, []);
  await s.close();
});

test("the text property, view changes and the keyboard", async () => {
  const url = hostFile("script.html", hostPage({ body: '<button id="before" type="button">Before the widget</button><div id="slot"></div>' }));
  const s = await env.open({ viewport: { width: 1000, height: 800 } });
  const { page } = s;
  await page.goto(url);
  await page.waitForFunction(() => customElements.get("cable-scope"));
  await page.evaluate((seed) => {
    const el = document.createElement("cable-scope");
    el.id = "js";
    el.setAttribute("view", "compact");
    el.text = seed;
    document.getElementById("slot").append(el);
  }, SEED);
  await page.waitForFunction(() => window.__events.length >= 1);
  assert.equal((await shown(page, "js")).paragraphs, 3);
  // Changing the view renders again without reading again.
  await page.evaluate(() => document.getElementById("js").setAttribute("view", "full"));
  await page.waitForFunction(() => document.getElementById("js").shadowRoot.querySelectorAll('[data-testid="paragraph"]').length === 11);
  assert.equal((await events(page)).length, 1);
  await page.evaluate(() => { document.getElementById("js").view = "compact"; });
  await page.waitForFunction(() => document.getElementById("js").shadowRoot.querySelector('[part="expand"]'));
  // Keyboard: from the host's button into the widget, to a figure (its card opens), Escape, then the expand button.
  await page.focus("#before");
  await page.keyboard.press("Tab");
  const active = () => page.evaluate(() => {
    const a = document.getElementById("js").shadowRoot.activeElement;
    return a ? { tag: a.localName, part: a.getAttribute("part"), text: a.textContent } : null;
  });
  assert.deepEqual(await active(), { tag: "mark", part: "figure", text: "exceeding 70 percent" });
  assert.ok(await page.isVisible("#js .figure-card"), "the figure's card shows on focus");
  assert.match(await page.textContent("#js .figure-card"), /Measures/);
  const described = await page.evaluate(() => {
    const root = document.getElementById("js").shadowRoot;
    return root.getElementById(root.activeElement.getAttribute("aria-describedby"))?.getAttribute("role");
  });
  assert.equal(described, "tooltip", "the mark is described by the card, inside the widget");
  await page.keyboard.press("Escape");
  assert.ok(await page.isHidden("#js .figure-card"));
  for (let i = 0; i < 20 && (await active())?.part !== "expand"; i++) await page.keyboard.press("Tab");
  assert.equal((await active())?.part, "expand");
  await page.keyboard.press("Enter");
  assert.equal((await shown(page, "js")).paragraphs, 11, "the whole cable, in place");
  assert.equal((await active())?.part, "body", "focus moves to the text");
  // Untrusted text is text: markup in the input never becomes elements; not-a-cable is shown as such.
  await page.evaluate(() => { document.getElementById("js").text = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'; });
  await page.waitForFunction(() => window.__events.length >= 2);
  assert.equal(await page.evaluate(() => document.getElementById("js").shadowRoot.querySelector("img, script")), null);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.match(await page.evaluate(() => document.getElementById("js").shadowRoot.textContent), /<img src=x onerror=/);
  await page.evaluate(() => { document.getElementById("js").text = "hello"; });
  await page.waitForFunction(() => window.__events.length >= 3);
  assert.match(await page.textContent('#js [part="problem"]'), /does not look like a diplomatic cable/);
  // Several cables in one input: the first is shown, and the count said.
  await page.evaluate((text) => { document.getElementById("js").text = text; }, `${SEED}\n\n${repoFile("tests/data/seeds/05ALMATY4123.txt")}`);
  await page.waitForFunction(() => window.__events.length >= 4);
  assert.equal(await page.textContent('#js [part="notice"]'), "This input holds 2 cables; this shows the first.");
  assert.equal(await page.evaluate(() => document.getElementById("js").analysis.reference_id), "05ALMATY4282");
  // `hidden` hides it, whatever the host's CSS says about display.
  await page.evaluate(() => { document.getElementById("js").hidden = true; });
  assert.ok(await page.isHidden("#js"));
  assert.deepEqual(s.errors, []);
  await s.close();
});

test("accessibility: the demo page, each view, light and dark and narrow, has no serious or critical axe violation", async () => {
  for (const [theme, width] of [["light", 1200], ["dark", 1200], ["light", 390]]) {
    const s = await env.open({ viewport: { width, height: 900 } });
    const { page } = s;
    await page.goto(`${APP}embed-demo.html?theme=${theme}`);
    await page.waitForFunction(() => document.querySelectorAll("#event-log li").length >= 3, null, { timeout: 20000 });
    const views = await page.$$eval("cable-scope", (els) => els.map((e) => `${e.shadowRoot.querySelector(".cs").dataset.view}:${e.getAttribute("theme")}`));
    assert.deepEqual(views, ["full", "compact", "figures"].map((v) => `${v}:${theme}`));
    await page.evaluate(AXE);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${theme} ${width}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(", ")}`), []);
    if (width < 500) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at phone width (${overflow}px)`);
    }
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(s.errors, []);
    await s.close();
  }
});

test("the versioned build works as it is from an arbitrary path of another site", async () => {
  const out = join(dir, "build");
  execFileSync("bash", [join(ROOT, "scripts/build-embed.sh")], { env: { ...process.env, EMBED_OUT: out }, stdio: "pipe" });
  const name = `cablescope-embed-${VERSION}`;
  assert.ok(existsSync(join(out, `${name}.tar.gz`)));
  assert.deepEqual(readdirSync(join(out, name)).sort(), ["LICENSE", "NOTICE", "README.md", "cablescope.d.ts", "embed.css", "embed.js", "pkg"]);
  assert.deepEqual(readdirSync(join(out, name, "pkg")).sort(), ["cablescope.js", "cablescope_bg.wasm"]);
  const site = join(dir, "site");
  cpSync(join(out, name), join(site, "vendor", "cs"), { recursive: true });
  mkdirSync(join(site, "cables"), { recursive: true });
  writeFileSync(join(site, "cables", "05ALMATY4282.txt"), SEED);
  mkdirSync(join(site, "article"), { recursive: true });
  writeFileSync(join(site, "article", "record.js"), RECORD);
  writeFileSync(join(site, "article", "index.html"), hostPage({
    script: "/vendor/cs/embed.js",
    csp: "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src data:",
    body: '<cable-scope id="v" view="figures" src="/cables/05ALMATY4282.txt"></cable-scope>\n<cable-scope id="w" view="compact" theme="auto"></cable-scope>',
  }));
  const { server, url } = await startServer({ root: site });
  try {
    const s = await env.open();
    await s.page.goto(`${url}article/`);
    await s.page.waitForFunction(() => window.__events.length >= 2, null, { timeout: 20000 });
    const ev = await events(s.page);
    assert.deepEqual(ev.map((e) => `${e.type} ${e.id}`).sort(), ["cable-analyzed v", "cable-error w"]);
    const v = await shown(s.page, "v");
    assert.equal(v.view, "figures");
    assert.equal(v.subject, "SCENESETTER: PRESIDENTIAL ELECTION IN KAZAKHSTAN, DECEMBER 4, 2005");
    assert.ok(v.figureRows > 0);
    assert.match(v.footer, new RegExp(VERSION.replace(/\./g, "\\.")));
    const vendor = [...new Set(s.requests.filter((r) => r.includes("/vendor/")).map((r) => new URL(r).pathname))].sort();
    assert.deepEqual(vendor, ["/vendor/cs/embed.css", "/vendor/cs/embed.js", "/vendor/cs/pkg/cablescope.js", "/vendor/cs/pkg/cablescope_bg.wasm"], "one module file, found from its own path");
    assert.ok(s.requests.every((r) => r.startsWith(url) || r.startsWith("data:")));
    assert.deepEqual(await s.page.evaluate(() => window.__csp), []);
    assert.deepEqual(s.errors, []);
    await s.close();
  } finally {
    server.close();
  }
});
