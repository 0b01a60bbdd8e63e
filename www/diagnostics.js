// diagnostics.js — repairs made and doubts raised, listed plainly; each one jumps to its place in the text.
import { h } from "./dom.js";

const SEVERITY = { error: "Error", warning: "Warning", info: "Note" };
const ORDER = { error: 0, warning: 1, info: 2 };

/** Errors that mean the input is not something we can read as a cable. */
export function blockingErrors(cable) {
  return (cable.diagnostics ?? []).filter((d) => d.severity === "error");
}

/** The diagnostics section. `goto(diagnostic)` shows its span in the original text. */
export function renderDiagnostics(cable, goto) {
  const list = [...(cable.diagnostics ?? [])].sort((a, b) => (ORDER[a.severity] ?? 3) - (ORDER[b.severity] ?? 3));
  const section = h("section", { class: "card section", "aria-labelledby": "diag-title", "data-testid": "diagnostics" },
    h("h2", { id: "diag-title", class: "section-title" }, "Reading notes ", h("span", { class: "count", text: list.length ? String(list.length) : "" })),
  );
  if (!list.length) {
    section.append(h("p", { class: "muted", text: "Nothing to report: no repairs were needed." }));
    return section;
  }
  section.append(h("ul", { class: "diags" }, list.map((d) => h("li", { class: ["diag", `diag-${d.severity}`], "data-testid": "diagnostic", dataset: { code: d.code } },
    h("span", { class: ["sev", `sev-${d.severity}`], text: SEVERITY[d.severity] ?? d.severity }),
    d.span
      ? h("button", { type: "button", class: "diag-msg link", title: "Show this place in the original text", text: d.message, on: { click: () => goto(d) } })
      : h("span", { class: "diag-msg", text: d.message }),
    h("code", { class: "diag-code", text: d.code }),
  ))));
  return section;
}

/** A clear notice for input that could not be read as a cable. */
export function renderProblem(errors) {
  const notACable = errors.some((d) => d.code === "not-a-cable");
  const crashed = errors.some((d) => d.code === "reader-failed");
  const tooLarge = errors.some((d) => d.code === "too-large");
  return h("div", { class: "problem", role: "alert", "data-testid": "problem" },
    h("p", { class: "problem-title", text: crashed ? "The reader stopped on this input."
      : tooLarge ? "This input is too large for the page."
      : notACable ? "This does not look like a diplomatic cable." : "Part of this input could not be read." }),
    h("ul", {}, errors.map((d) => h("li", { text: d.message }))),
    h("p", { class: "hint", text: crashed
      ? "This is a bug in cablescope, not in your input. A fresh reader replaces the stopped one; edit the text or load files to read again."
      : tooLarge ? "Nothing of it was read."
      : notACable
      ? "cablescope reads Cablegate cables: plain text (.txt), cable viewer pages (.html) or rows of cables.csv. Check that you pasted the whole cable, from its classification line to its signature."
      : "What could be read is shown below." }),
  );
}
