// source-view.js — the original text with the parsed parts highlighted from their UTF-16 spans.
import { h } from "./dom.js";
import { PARTS } from "./labels.js";
import { formatValue } from "./figures.js";

/** The top-level parts of a cable: [{ kind, span, label }]. */
function parts(cable) {
  const out = [];
  const add = (kind, span, label) => { if (span && span.end_utf16 > span.start_utf16) out.push({ kind, span, label }); };
  const cls = cable.classification ?? {};
  add("banner", cls.banner_span, cls.banner);
  for (const c of cls.caveats ?? []) add("caveat", c.span, c.code);
  add("dtg", cable.dtg?.span, cable.dtg?.raw);
  for (const [role, list] of Object.entries(cable.addressees ?? {})) for (const a of list ?? []) add("addressee", a.span, `${role.replace("_", " ")}: ${a.text}`);
  add("executive_order", cable.executive_order?.span);
  add("classified_by", cable.classified_by?.span);
  for (const t of cable.tags ?? []) add("tag", t.span, t.name ? `${t.code} — ${t.name}` : t.code);
  add("subject", cable.subject_span);
  for (const r of cable.references ?? []) add("reference", r.span, r.id ?? r.text);
  for (const hd of cable.headings ?? []) add("heading", hd.span, hd.text);
  for (const p of cable.paragraphs ?? []) add("paragraph", p.span, p.number !== null && p.number !== undefined ? `paragraph ${p.number}` : "unnumbered paragraph");
  add("signer", cable.signer?.span, cable.signer?.name);
  add("end_marker", cable.end_marker?.span);
  add("metadata", cable.metadata?.span);
  return nonOverlapping(out);
}

/** Sorted by start; a part overlapping an earlier kept one is dropped. */
function nonOverlapping(list) {
  list.sort((a, b) => a.span.start_utf16 - b.span.start_utf16 || b.span.end_utf16 - a.span.end_utf16);
  const kept = [];
  let end = -1;
  for (const x of list) {
    if (x.span.start_utf16 < end) continue;
    kept.push(x);
    end = x.span.end_utf16;
  }
  return kept;
}

function dataOf(span) {
  return { start: span.start, end: span.end, start16: span.start_utf16, end16: span.end_utf16 };
}

/** Renders text[from, to) with `marks` (sorted, non-overlapping, within the range) as child elements. */
function paint(text, from, to, marks, make) {
  const out = [];
  let at = from;
  for (const m of marks) {
    const s = Math.max(m.span.start_utf16, at), e = Math.min(m.span.end_utf16, to);
    if (e <= s) continue;
    if (s > at) out.push(text.slice(at, s));
    out.push(make(m, text.slice(s, e)));
    at = e;
  }
  if (to > at) out.push(text.slice(at, to));
  return out;
}

/**
 * Renders the original-text view of `cable` within `text` (the whole source_text).
 * Returns { element, focusSpan(span) } — focusSpan highlights and scrolls to a span.
 */
export function renderSource(cable, text) {
  const top = parts(cable);
  const inner = nonOverlapping([
    ...(cable.figures ?? []).map((f) => ({ kind: "figure", span: f.span, label: `${f.text}: ${formatValue(f)}` })),
    ...(cable.redactions ?? []).map((r) => ({ kind: "redaction", span: r.span, label: "redacted" })),
  ].filter((m) => m.span && m.span.end_utf16 > m.span.start_utf16));
  const from = cable.span.start_utf16, to = cable.span.end_utf16;
  // `inner` is sorted by start and `top` too, both without overlaps: binary searches keep this linear-ish
  // (a cable with thousands of parts and figures must not take quadratic time).
  const firstAt = (list, s) => {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].span.start_utf16 < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const innerOf = (s, e) => {
    const out = [];
    for (let k = firstAt(inner, s); k < inner.length && inner[k].span.start_utf16 < e; k++) if (inner[k].span.end_utf16 <= e) out.push(inner[k]);
    return out;
  };
  const inTop = (m) => {
    const k = firstAt(top, m.span.start_utf16 + 1) - 1; // the last part starting at or before m
    return k >= 0 && m.span.start_utf16 >= top[k].span.start_utf16 && m.span.end_utf16 <= top[k].span.end_utf16;
  };
  const makeInner = (m, t) => h("span", { class: ["src", `src-${m.kind}`], title: m.label, dataset: { kind: m.kind, ...dataOf(m.span) } }, t);
  const makeTop = (m, t) => h("span", {
    class: ["src", `src-${m.kind}`], title: `${PARTS[m.kind] ?? m.kind}${m.label ? `: ${m.label}` : ""}`,
    "data-testid": "source-part", dataset: { kind: m.kind, ...dataOf(m.span) },
  }, paint(text, m.span.start_utf16, m.span.end_utf16, innerOf(m.span.start_utf16, m.span.end_utf16), makeInner));
  // Inner marks outside every part (a figure in an unrecognized line) are painted at top level.
  const loose = inner.filter((m) => !inTop(m));
  const all = [...top.map((m) => ({ ...m, top: true })), ...loose].sort((a, b) => a.span.start_utf16 - b.span.start_utf16);
  const pre = h("pre", { class: "source", tabindex: "0", "aria-label": "Original text, parsed parts highlighted", "data-testid": "source-text" },
    paint(text, from, to, nonOverlapping(all), (m, t) => (m.top ? makeTop(m, t) : makeInner(m, t))));

  const kinds = [...new Set([...top, ...inner].map((m) => m.kind))];
  const legend = kinds.length
    ? h("ul", { class: "legend", "aria-label": "Highlight colours" }, kinds.map((k) => h("li", {}, h("span", { class: ["swatch", `src-${k}`], "aria-hidden": "true" }), PARTS[k] ?? k)))
    : h("p", { class: "hint", text: "No parts were recognized yet; the text is shown as written." });

  const element = h("section", { class: "card section", "aria-labelledby": "source-title", "data-testid": "source-view" },
    h("h2", { id: "source-title", class: "section-title", text: "Original text" }),
    legend,
    pre,
  );

  return {
    element,
    focusSpan(span) {
      const range = rangeAt(pre, span.start_utf16 - from, span.end_utf16 - from);
      if (!range) return false;
      if (globalThis.CSS?.highlights && globalThis.Highlight) {
        CSS.highlights.set("cs-target", new Highlight(range));
      } else {
        const sel = getSelection();
        sel?.removeAllRanges();
        sel?.addRange(range);
      }
      pre.focus({ preventScroll: true });
      const r = range.getBoundingClientRect();
      window.scrollTo({ top: window.scrollY + r.top - window.innerHeight / 3, behavior: "instant" });
      return true;
    },
  };
}

/** A DOM Range over text offsets [s, e) of `root`'s text content. */
function rangeAt(root, s, e) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let at = 0, started = false;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const len = n.data.length;
    if (!started && s <= at + len) { range.setStart(n, Math.max(0, s - at)); started = true; }
    if (started && e <= at + len) { range.setEnd(n, Math.max(0, e - at)); return range; }
    at += len;
  }
  return started ? range : null;
}
