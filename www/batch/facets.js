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

/**
 * Sets up the facets in `root`; `toggle(facet, value)` flips a filter. Returns `steps(facets)`: one function per
 * facet bringing it up to date, for a caller that spreads them over frames (a step returns true when it added, moved
 * or removed elements, false when it changed at most texts and attributes). Items are kept by value between renders:
 * a growing collection changes counts in place, and only a value new to the list makes elements. "Show all" state is
 * kept.
 */
export function createFacets(root, toggle) {
  const expanded = new Set();
  const sections = new Map(); // facet key → its section's elements and items
  let latest = null;

  function sectionOf(f) {
    let s = sections.get(f.key);
    if (s) return s;
    const selected = h("span", { class: "facet-sel", hidden: true });
    const list = h("ul", { class: "facet-list", hidden: true });
    const none = h("p", { class: "hint", text: "None", hidden: true });
    const more = h("button", {
      type: "button", class: "link facet-more", hidden: true,
      on: { click: () => { if (expanded.has(f.key)) expanded.delete(f.key); else expanded.add(f.key); update(f, latest); } },
    });
    const el = h("section", { class: "facet", "data-testid": "facet", "data-facet": f.key, "aria-labelledby": `facet-${f.key}` },
      h("h3", { class: "facet-title", id: `facet-${f.key}` }, f.label, selected), list, none, more);
    s = { el, selected, list, none, more, items: new Map(), sig: null };
    sections.set(f.key, s);
    // Sections keep the order of FACETS, whichever is drawn first.
    const after = FACETS.slice(FACETS.indexOf(f) + 1).map((x) => sections.get(x.key)?.el).find(Boolean) ?? null;
    root.insertBefore(el, after);
    return s;
  }

  function item(f, v) {
    const count = h("span", { class: "facet-count", text: int(v.count) });
    const button = h("button", {
      type: "button", class: "facet-item", "data-testid": "facet-item", "aria-pressed": String(!!v.selected),
      dataset: { value: String(v.value), count: String(v.count) },
      title: f.key === "caveat" ? caveatInfo(v.value) : null,
      on: { click: () => toggle(f.key, v.value) },
    },
      f.key === "level" ? h("span", { class: ["dot", `level-${LEVELS[v.value]?.cls ?? "none"}`], "aria-hidden": "true" }) : null,
      h("span", { class: "facet-value", text: label(f.key, v.value) }),
      count,
    );
    return { li: h("li", {}, button), button, count };
  }

  /** Brings one facet's section up to `facets`, touching only what changed; true if elements came, moved or went. */
  function update(f, facets) {
    let values = [...(facets?.[f.key] ?? [])];
    if (f.key === "level") values.sort((a, b) => LEVEL_ORDER.indexOf(a.value) - LEVEL_ORDER.indexOf(b.value));
    if (f.key === "year") values.sort((a, b) => b.value - a.value);
    const all = expanded.has(f.key);
    const shown = all ? values : values.slice(0, FIRST).concat(values.slice(FIRST).filter((v) => v.selected));
    const sig = `${values.length}|${all}|${shown.map((v) => `${v.value}:${v.count}:${v.selected ? 1 : 0}`).join()}`;
    const fresh = !sections.has(f.key);
    const s = sectionOf(f);
    if (sig === s.sig) return fresh;
    s.sig = sig;
    let moved = fresh;
    const selected = values.filter((v) => v.selected).length;
    s.selected.hidden = !selected;
    s.selected.textContent = selected ? ` · ${selected} selected` : "";
    s.list.hidden = !values.length;
    s.none.hidden = !!values.length;
    const keep = new Set();
    let cursor = s.list.firstChild;
    for (const v of shown) {
      const key = String(v.value);
      keep.add(key);
      let it = s.items.get(key);
      if (!it) s.items.set(key, it = item(f, v));
      const pressed = String(!!v.selected);
      if (it.button.getAttribute("aria-pressed") !== pressed) it.button.setAttribute("aria-pressed", pressed);
      if (it.button.dataset.count !== String(v.count)) {
        it.button.dataset.count = String(v.count);
        it.count.textContent = int(v.count);
      }
      if (it.li === cursor) cursor = cursor.nextSibling;
      else {
        s.list.insertBefore(it.li, cursor);
        moved = true;
      }
    }
    for (const [key, it] of s.items) {
      if (keep.has(key)) continue;
      it.li.remove();
      s.items.delete(key);
      moved = true;
    }
    s.more.hidden = values.length <= FIRST;
    if (values.length > FIRST) {
      s.more.setAttribute("aria-expanded", String(all));
      s.more.textContent = all ? "Show fewer" : `Show all ${int(values.length)}`;
    }
    return moved;
  }

  return function steps(facets) {
    latest = facets;
    return FACETS.map((f) => () => update(f, facets));
  };
}

/** A facet value for people. */
export function label(facet, value) {
  if (value === null || value === undefined || value === "") return "Not stated";
  if (facet === "level") return LEVELS[value]?.short ?? String(value);
  return String(value);
}
