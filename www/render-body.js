// render-body.js — the reading view: headings, numbered paragraphs with portion marks, summary/comment blocks, signer.
import { h, sliceSpan } from "./dom.js";
import { figureMark, locateFigures } from "./figures.js";
import { sentenceCase } from "./textcase.js";

const BLOCK_NAMES = { summary: "Summary", comment: "Comment", note: "Note" };

/** Does span `a` lie within span `b`? */
const within = (a, b) => a && b && a.start >= b.start && a.end <= b.end;

/**
 * `in(span)`: the figures lying within `span`, in list order. Built once per render: a binary search over the
 * figures sorted by start keeps a cable with thousands of paragraphs and figures from taking quadratic time.
 */
function figureIndex(figures) {
  const sorted = figures.map((f, i) => ({ f, i })).filter((x) => x.f.span).sort((a, b) => a.f.span.start - b.f.span.start || a.i - b.i);
  return (span) => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].f.span.start < span.start) lo = mid + 1;
      else hi = mid;
    }
    const out = [];
    for (let k = lo; k < sorted.length && sorted[k].f.span.start < span.end; k++) if (within(sorted[k].f.span, span)) out.push(sorted[k]);
    return out.sort((a, b) => a.i - b.i).map((x) => x.f);
  };
}

/**
 * Renders the body of `cable`. ctx: { text (source_text), sentence, names, card }.
 */
export function renderBody(cable, ctx) {
  const paragraphs = cable.paragraphs ?? [];
  const section = h("section", { class: "card section body", "aria-labelledby": "body-title", "data-testid": "body" },
    h("h2", { id: "body-title", class: "section-title", text: "Text" }),
  );
  if (!paragraphs.length) {
    section.append(
      h("p", { class: "hint", text: "No paragraphs were recognized; the text is shown as written." }),
      h("pre", { class: "raw", tabindex: "0", "aria-label": "Text as written", text: sliceSpan(ctx.text, cable.span) }),
    );
    return section;
  }
  // A block groups the paragraphs it covers; a note inside one paragraph only badges it.
  const covers = (b, p) => within(p.span, b.span) || (b.kind !== "note" && (b.paragraphs ?? []).includes(p.number));
  const blocks = (cable.blocks ?? []).filter((b) => paragraphs.some((p) => covers(b, p)));
  const items = [
    ...paragraphs.map((p) => ({ at: p.span.start, p })),
    ...(cable.headings ?? []).map((hd) => ({ at: hd.span.start, hd })),
  ].sort((a, b) => a.at - b.at);

  let group = null;
  let groupBlock = null;
  const figuresIn = figureIndex(cable.figures ?? []);
  for (const item of items) {
    const block = item.p ? blocks.find((b) => covers(b, item.p)) ?? null : null;
    if (block !== groupBlock) {
      groupBlock = block;
      group = block ? blockBox(block) : null;
      if (group) section.append(group);
    }
    const el = item.p ? paragraph(item.p, cable, ctx, figuresIn(item.p.span)) : heading(item.hd, ctx);
    (group ?? section).append(el);
    if (!item.p) groupBlock = group = null;
  }
  if (cable.signer) {
    section.append(h("p", { class: "signer", "data-testid": "signer" }, h("span", { class: "visually-hidden", text: "Signed: " }), cable.signer.name));
  }
  return section;
}

function blockBox(block) {
  const name = BLOCK_NAMES[block.kind] ?? block.kind;
  return h("div", { class: ["block", `block-${block.kind}`], role: "group", "aria-label": name, "data-testid": `block-${block.kind}` },
    h("p", { class: "block-label" }, name, block.closed ? null : h("span", { class: "muted", text: " (no end marker)" })),
  );
}

function heading(hd, ctx) {
  return h("h3", { class: ["body-heading", `heading-${hd.style}`], "data-testid": "heading" }, ctx.sentence ? sentenceCase(hd.text, ctx.names) : hd.text);
}

function paragraph(p, cable, ctx, figures) {
  const notes = (cable.blocks ?? []).filter((b) => b.kind === "note" && within(b.span, p.span) && !within(p.span, b.span));
  const label = p.number !== null && p.number !== undefined ? String(p.number) : "";
  const repaired = p.printed && label && p.printed !== label;
  return h("article", {
    class: "para", id: label ? `para-${label}` : null, "data-testid": "paragraph",
    dataset: { number: label, start16: p.span.start_utf16, end16: p.span.end_utf16 },
    "aria-label": label ? `Paragraph ${label}` : "Unnumbered paragraph",
  },
    h("div", { class: "para-gutter" },
      label ? h("span", { class: "para-num", "data-testid": "paragraph-number", text: label }) : h("span", { class: "para-num muted", text: "·" }),
      repaired ? h("span", { class: "printed", title: `Printed as ${p.printed} in the cable`, text: `printed ${p.printed}` }) : null,
    ),
    h("div", { class: "para-main" },
      h("p", { class: "para-text" },
        p.marking ? h("span", { class: ["badge", "badge-portion", portionClass(p.marking)], "data-testid": "portion-mark", title: "Portion marking", text: p.marking }) : null,
        notes.length ? h("span", { class: "badge badge-note", text: "Contains a note" }) : null,
        prose(p.text, figures, cable, ctx)),
    ),
  );
}

function portionClass(marking) {
  const m = marking.toUpperCase();
  if (m.startsWith("TS")) return "level-top-secret";
  if (m.startsWith("S") && !m.startsWith("SBU")) return "level-secret";
  if (m.startsWith("C")) return "level-confidential";
  return "level-unclassified";
}

/** The paragraph's clean prose, with figures and redacted runs marked. */
function prose(raw, figures, cable, ctx) {
  const text = ctx.sentence ? sentenceCase(raw, ctx.names) : raw;
  const marks = locateFigures(text, figures).map((m) => ({ ...m, kind: "figure" }));
  if ((cable.redactions ?? []).length) {
    for (const m of text.matchAll(/X{5,}/g)) {
      const r = { start: m.index, end: m.index + m[0].length, kind: "redaction" };
      if (!marks.some((o) => r.start < o.end && o.start < r.end)) marks.push(r);
    }
    marks.sort((a, b) => a.start - b.start);
  }
  const out = [];
  let at = 0;
  for (const m of marks) {
    if (m.start > at) out.push(text.slice(at, m.start));
    const part = text.slice(m.start, m.end);
    out.push(m.kind === "figure"
      ? figureMark(part, m.figure)
      : h("span", { class: "redacted", title: "Redacted in the published cable" }, part));
    at = m.end;
  }
  out.push(text.slice(at));
  return out;
}
