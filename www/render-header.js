// render-header.js — the header card: id, date, origin, classification, caveats, addressees, lines, TAGS, subject, references.
import { h } from "./dom.js";
import { LEVELS, caveatInfo, TAG_KINDS, FORMATS } from "./labels.js";
import { sentenceCase } from "./textcase.js";

/**
 * Renders the header card of `cable`.
 * ctx: { title, sentence, names, findCable(id) → entry|null, openCable(entry), markMissing }.
 */
export function renderHeader(cable, ctx) {
  const cls = cable.classification ?? {};
  const level = LEVELS[cls.level] ?? null;
  const label = cls.label ?? cls.level ?? cls.banner ?? null;
  const subject = cable.subject ? (ctx.sentence ? sentenceCase(cable.subject, ctx.names) : cable.subject) : null;

  const card = h("section", { class: "card header-card", "aria-labelledby": "cable-title" },
    h("div", { class: ["classbar", level ? `level-${level.cls}` : "level-none"], "data-testid": "classification" },
      h("span", { class: "classbar-label", text: label ?? "Classification not stated" }),
      level ? h("span", { class: "classbar-level", text: level.short }) : null,
    ),
    h("div", { class: "card-body" },
      h("p", { class: "eyebrow" },
        h("span", { "data-testid": "reference-id", class: "refid", text: cable.reference_id ?? ctx.title }),
        cable.partial ? h("span", { class: "pill", text: "Partial extract" }) : null,
        cable.section ? h("span", { class: "pill", text: `Section ${cable.section.n} of ${cable.section.of}` }) : null,
      ),
      h("h1", { id: "cable-title", class: "subject", "data-testid": "subject" },
        cable.subject_marking ? h("span", { class: "portion", title: "Portion marking", text: `(${cable.subject_marking})` }) : null,
        cable.subject_marking ? " " : null,
        subject ?? h("span", { class: "muted", text: "No subject line found" }),
      ),
      facts(cable),
      caveats(cls.caveats ?? []),
      tags(cable.tags ?? []),
      addressees(cable.addressees ?? {}),
      lines(cable),
      references(cable.references ?? [], ctx),
    ),
  );
  return card;
}

function facts(cable) {
  const origin = [cable.origin_name, cable.origin && cable.origin !== cable.origin_name ? cable.origin : null].filter(Boolean).join(" · ");
  const rows = [
    ["Date", cable.date ? formatDate(cable.date) : null, "date"],
    ["Origin", origin || null, "origin"],
    ["Precedence", cable.precedence, "precedence"],
    ["Sent", cable.dtg ? (cable.dtg.datetime ? `${cable.dtg.raw} (${cable.dtg.datetime})` : cable.dtg.raw) : null, "dtg"],
    ["Signed", cable.signer?.name, "signer"],
    ["Form", FORMATS[cable.format] ?? cable.format, "format"],
  ].filter(([, v]) => v);
  return h("dl", { class: "facts" },
    rows.map(([k, v, id]) => h("div", { class: "fact", "data-testid": `fact-${id}` }, h("dt", { text: k }), h("dd", { text: v }))),
  );
}

const LONG_DATE = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  const long = LONG_DATE.format(d);
  return `${long} (${iso})`;
}

function caveats(list) {
  if (!list.length) return null;
  return h("div", { class: "group" },
    h("h2", { class: "group-title", text: "Handling caveats" }),
    h("ul", { class: "caveats", "data-testid": "caveats" },
      list.map((c) => h("li", { class: "caveat" },
        h("span", { class: "badge badge-caveat", "data-testid": "caveat", text: c.code }),
        h("span", { class: "caveat-info", text: caveatInfo(c.code) }),
      )),
    ),
  );
}

function tags(list) {
  if (!list.length) return null;
  return h("div", { class: "group" },
    h("h2", { class: "group-title", text: "TAGS" }),
    h("ul", { class: "chips", "data-testid": "tags" },
      list.map((t) => h("li", { class: ["chip", `chip-${t.kind}`], "data-testid": "tag", "data-code": t.code },
        h("span", { class: "chip-code", text: t.code }),
        t.name && t.name !== t.code ? h("span", { class: "chip-name", text: t.name }) : null,
        h("span", { class: "visually-hidden", text: ` (${TAG_KINDS[t.kind] ?? t.kind})` }),
      )),
    ),
  );
}

function addressees(a) {
  const roles = [["From", a.from], ["To", a.to], ["Info", a.info], ["Pass to", a.pass_to]].filter(([, l]) => l && l.length);
  if (!roles.length) return null;
  return h("div", { class: "group" },
    h("h2", { class: "group-title", text: "Addressees" }),
    h("dl", { class: "addressees", "data-testid": "addressees" },
      roles.map(([role, list]) => h("div", { class: "addr-row" },
        h("dt", { text: role }),
        h("dd", {}, h("ul", { class: "addr-list" }, list.map((x) => h("li", {},
          h("span", { text: x.text }),
          x.station_name ? h("span", { class: "muted", text: ` — ${x.station_name}` }) : null,
        )))),
      )),
    ),
  );
}

function lines(cable) {
  const eo = cable.executive_order;
  const by = cable.classified_by;
  if (!eo && !by) return null;
  return h("dl", { class: "lines" },
    eo ? h("div", { class: "line", "data-testid": "executive-order" },
      h("dt", { text: "E.O." }),
      h("dd", {}, h("span", { class: "mono", text: eo.raw }),
        eo.order || eo.declassify ? h("span", { class: "muted", text: ` — order ${eo.order ?? "?"}${eo.declassify ? `, declassify: ${eo.declassify}` : ""}` }) : null),
    ) : null,
    by ? h("div", { class: "line", "data-testid": "classified-by" },
      h("dt", { text: "Classified by" }),
      h("dd", {}, h("span", { text: [by.name, by.title].filter(Boolean).join(", ") || by.raw }),
        by.reasons?.length ? h("span", { class: "muted", text: ` — reasons ${by.reasons.join(", ")}` }) : null),
    ) : null,
  );
}

function references(list, ctx) {
  if (!list.length) return null;
  return h("div", { class: "group" },
    h("h2", { class: "group-title", text: "References" }),
    h("ul", { class: "refs", "data-testid": "references" },
      list.map((r) => {
        const target = r.id ? ctx.findCable(r.id) : null;
        const label = r.label ? h("span", { class: "ref-label", text: `${r.label}.` }) : null;
        // A loaded cable is a link (a[data-ref-id]); one not loaded is marked (data-ref-missing), and says so where
        // the reader expects links (ctx.markMissing: a cable opened from a collection).
        const id = r.id
          ? target
            ? h("a", { href: `#ref-${encodeURIComponent(r.id)}`, class: "link mono", text: r.id, "data-testid": "reference-link", "data-ref-id": r.id,
              on: { click: (e) => { e.preventDefault(); ctx.openCable(target); } } })
            : h("span", { class: "ref-missing", "data-ref-missing": r.id, title: "Not loaded: drop this cable in to follow the reference" },
              h("span", { class: "mono", text: r.id }),
              ctx.markMissing ? h("span", { class: "pill pill-missing", text: "not loaded" }) : null)
          : null;
        return h("li", { class: "ref", "data-testid": "reference" }, label, " ", id ?? h("span", { text: r.text }),
          id && r.text && r.text !== r.id ? h("span", { class: "muted", text: ` — “${r.text}”` }) : null);
      }),
    ),
  );
}
