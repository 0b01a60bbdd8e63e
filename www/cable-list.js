// cable-list.js — the list of loaded cables (one entry per cable; a CSV file may hold many).
import { h, plural } from "./dom.js";
import { LEVELS } from "./labels.js";

/** Renders `entries` ([{ key, doc, cable, index }]) into `ul`; `open(entry)` selects one. */
export function renderList(ul, entries, selectedKey, open) {
  ul.replaceChildren(...entries.map((e) => {
    const c = e.cable;
    const level = LEVELS[c.classification?.level];
    const title = c.reference_id ?? (e.doc.result.cables.length > 1 ? `${e.doc.name} #${e.index + 1}` : e.doc.name);
    const where = e.doc.origin === "paste" ? "Pasted text" : e.doc.name;
    const errors = (c.diagnostics ?? []).filter((d) => d.severity === "error").length;
    return h("li", {},
      h("button", {
        type: "button", class: "cable-item", "data-testid": "cable-item", dataset: { key: e.key, name: e.doc.name },
        "aria-current": e.key === selectedKey ? "true" : null, on: { click: () => open(e) },
      },
        h("span", { class: ["dot", level ? `level-${level.cls}` : "level-none"], "aria-hidden": "true" }),
        h("span", { class: "item-main" },
          h("span", { class: "item-title", text: title }),
          h("span", { class: "item-sub", text: c.subject ?? (errors ? "Could not be read as a cable" : "No subject line") }),
          h("span", { class: "item-meta" },
            [level ? level.short : null, c.date, where !== title ? where : null, errors ? plural(errors, "error") : null].filter(Boolean).join(" · ")),
        ),
      ),
    );
  }));
}
