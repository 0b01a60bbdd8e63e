// facets.js — the facet filters (classification, caveat, origin, year, TAG): values with counts, toggled on and off.
import { h } from "../dom.js";
import { LEVELS, caveatInfo } from "../labels.js";
import { int } from "./format.js";

export const FACETS = [
  { key: "level", label: "Classification" },
  { key: "caveat", label: "Caveat" },
  { key: "year", label: "Year" },
  { key: "origin", label: "Origin" },
  { key: "tag", label: "TAGS" },
];
const FIRST = 8; // values shown before "Show all"
const LEVEL_ORDER = ["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"];

/** Renders the facets of a query result into `root`; `toggle(facet, value)` flips a filter. Keeps "show all" state. */
export function createFacets(root, toggle) {
  const expanded = new Set();
  let last = "";
  let shape = "";

  /** Values, order and selection of each facet, without counts. */
  function shapeOf(facets) {
    return FACETS.map((f) => (facets?.[f.key] ?? []).map((v) => `${v.value}:${v.selected ? 1 : 0}`).join()).join("|") + [...expanded].join();
  }

  /** When only counts changed (a growing collection), updates them in place: no rebuild, little layout. */
  function updateCounts(facets) {
    if (!shape || shapeOf(facets) !== shape) return false;
    for (const f of FACETS) {
      const counts = new Map((facets?.[f.key] ?? []).map((v) => [String(v.value), v.count]));
      for (const item of root.querySelectorAll(`[data-facet="${f.key}"] [data-testid=facet-item]`)) {
        const n = counts.get(item.dataset.value);
        if (n === undefined || item.dataset.count === String(n)) continue;
        item.dataset.count = String(n);
        item.querySelector(".facet-count").textContent = int(n);
      }
    }
    return true;
  }
  render.counts = (facets) => updateCounts(facets);
  return render;
  function render(facets) {
    const sig = JSON.stringify(facets) + [...expanded].join();
    if (sig === last) return;
    last = sig;
    if (updateCounts(facets)) return;
    const focused = document.activeElement?.closest?.("[data-testid=facet-item]");
    const refocus = focused && root.contains(focused) ? [focused.closest("[data-facet]").dataset.facet, focused.dataset.value] : null;
    root.replaceChildren(...FACETS.map((f) => {
      let values = [...(facets?.[f.key] ?? [])];
      if (f.key === "level") values.sort((a, b) => LEVEL_ORDER.indexOf(a.value) - LEVEL_ORDER.indexOf(b.value));
      if (f.key === "year") values.sort((a, b) => b.value - a.value);
      const all = expanded.has(f.key);
      const shown = all ? values : values.slice(0, FIRST).concat(values.slice(FIRST).filter((v) => v.selected));
      const selected = values.filter((v) => v.selected).length;
      return h("section", { class: "facet", "data-testid": "facet", "data-facet": f.key, "aria-labelledby": `facet-${f.key}` },
        h("h3", { class: "facet-title", id: `facet-${f.key}` }, f.label, selected ? h("span", { class: "facet-sel", text: ` · ${selected} selected` }) : null),
        values.length
          ? h("ul", { class: "facet-list" }, shown.map((v) => h("li", {},
            h("button", {
              type: "button", class: "facet-item", "data-testid": "facet-item", "aria-pressed": String(!!v.selected),
              dataset: { value: String(v.value), count: String(v.count) },
              title: f.key === "caveat" ? caveatInfo(v.value) : null,
              on: { click: () => toggle(f.key, v.value) },
            },
              f.key === "level" ? h("span", { class: ["dot", `level-${LEVELS[v.value]?.cls ?? "none"}`], "aria-hidden": "true" }) : null,
              h("span", { class: "facet-value", text: label(f.key, v.value) }),
              h("span", { class: "facet-count", text: int(v.count) }),
            ))))
          : h("p", { class: "hint", text: "None" }),
        values.length > FIRST ? h("button", {
          type: "button", class: "link facet-more", "aria-expanded": String(all),
          text: all ? "Show fewer" : `Show all ${int(values.length)}`,
          on: { click: () => { if (all) expanded.delete(f.key); else expanded.add(f.key); render(facets); } },
        }) : null,
      );
    }));
    shape = shapeOf(facets);
    if (refocus) root.querySelector(`[data-facet="${refocus[0]}"] [data-testid=facet-item][data-value="${CSS.escape(refocus[1])}"]`)?.focus();
  }
}

/** A facet value for people. */
export function label(facet, value) {
  if (value === null || value === undefined || value === "") return "Not stated";
  if (facet === "level") return LEVELS[value]?.short ?? String(value);
  return String(value);
}
