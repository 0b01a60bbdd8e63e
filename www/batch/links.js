// links.js — for a cable opened from the collection: where it was found (its sources) and the loaded cables that cite it.
import { h, plural } from "../dom.js";

/** A link to a cable of the collection (an `a[data-ref-id]`); `open(key)` reads it. */
export function refLink(id, open, text = id) {
  return h("a", {
    href: `#ref-${encodeURIComponent(id)}`, class: "link mono", "data-ref-id": id, "data-testid": "reference-link", text,
    on: { click: (e) => { e.preventDefault(); open(id); } },
  });
}

/** The "In this collection" card: sources, and "Referenced by" with links. */
export function renderCollectionLinks(detail, open) {
  const sources = detail.sources?.length ? detail.sources : [detail.source].filter(Boolean);
  const by = detail.referenced_by ?? [];
  const refs = detail.references ?? [];
  const missing = refs.filter((r) => !r.loaded).length;
  return h("section", { class: "card section links-card", "aria-labelledby": "links-title", "data-testid": "collection-links" },
    h("h2", { id: "links-title", class: "section-title", text: "In this collection" }),
    h("div", { class: "links-grid" },
      h("div", { class: "links-col" },
        h("h3", { class: "group-title", text: sources.length > 1 ? `Found ${sources.length} times` : "Source" }),
        h("ul", { class: "refs", "data-testid": "cable-sources" }, sources.map((s) => h("li", {},
          h("span", { class: "mono", text: s.name ?? "(unnamed)" }),
          h("span", { class: "muted", text: `${s.row ? ` · row ${s.row}` : ""} · bytes ${s.start}–${s.end}` })))),
      ),
      h("div", { class: "links-col" },
        h("h3", { class: "group-title", text: "Referenced by" }),
        by.length
          ? h("ul", { class: "refs", "data-testid": "referenced-by" }, by.map((id) => h("li", {}, refLink(id, open, id.startsWith("text:") ? "a cable without a reference id" : id))))
          : h("p", { class: "muted links-none", "data-testid": "referenced-by", text: "No loaded cable cites this one." }),
      ),
      h("div", { class: "links-col" },
        h("h3", { class: "group-title", text: "References" }),
        h("p", { class: "muted links-none", text: refs.length
          ? `${refs.length - missing} of ${plural(refs.length, "reference")} ${refs.length - missing === 1 ? "is" : "are"} to cables loaded here${missing ? `; ${missing} not loaded` : ""}.`
          : "This cable cites no other cable." }),
      ),
    ),
  );
}
