// labels.js — words for people: classification levels, caveat explanations, figure qualifiers, part names.

/** CSS modifier and reading for each classification level. */
export const LEVELS = {
  UNCLASSIFIED: { cls: "unclassified", short: "Unclassified" },
  CONFIDENTIAL: { cls: "confidential", short: "Confidential" },
  SECRET: { cls: "secret", short: "Secret" },
  "TOP SECRET": { cls: "top-secret", short: "Top secret" },
};

/** One-line explanations of handling caveats, by normalized code. */
export const CAVEATS = {
  SIPDIS: "SIPRNet distribution: the cable was cleared for the State Department's secret network, where many agencies could read it.",
  SENSITIVE: "Sensitive but unclassified (SBU): not classified, but not for public release.",
  SBU: "Sensitive but unclassified: not classified, but not for public release.",
  NOFORN: "Not releasable to foreign nationals or governments.",
  EXDIS: "Exclusive distribution: only officers with an essential need to know.",
  NODIS: "No distribution beyond the addressees without the originator's approval; the most restricted State caveat.",
  LIMDIS: "Limited distribution within the receiving posts.",
  STADIS: "State Department distribution only: not passed to other agencies.",
  ORCON: "Originator controlled: further dissemination needs the originator's consent.",
  FOUO: "For official use only.",
  "FOR OFFICIAL USE ONLY": "For official use only.",
  CHEROKEE: "Restricted to the Secretary and named senior officials.",
  ROGER: "Restricted intelligence-related channel.",
  TERREP: "Terrorism reporting: distributed to counterterrorism offices.",
  NOCONTRACT: "Not releasable to contractors.",
  PROPIN: "Contains proprietary information.",
  "REL TO": "Releasable only to the countries named.",
  "US OFFICIALS ONLY": "Only for US government officials.",
};

/** The explanation for a caveat, or a neutral line. */
export function caveatInfo(code) {
  const key = String(code ?? "").toUpperCase();
  if (CAVEATS[key]) return CAVEATS[key];
  if (key.startsWith("REL TO")) return CAVEATS["REL TO"];
  return "Handling caveat printed on the cable.";
}

/** How a qualifier reads before a value. */
export const QUALIFIERS = {
  exact: "exactly",
  approximately: "about",
  at_least: "at least",
  more_than: "more than",
  at_most: "at most",
  less_than: "less than",
  vague: "no number stated",
};

/** Names of figure kinds. */
export const FIGURE_KINDS = {
  percent: "Percentage",
  count: "Count",
  money: "Money",
  date: "Date",
  period: "Period",
  duration: "Duration",
  rate: "Rate",
  number: "Number",
};

/** Names of the parsed parts shown in the original-text view. */
export const PARTS = {
  banner: "Classification banner",
  caveat: "Caveat",
  addressee: "Addressee",
  executive_order: "E.O. line",
  classified_by: "Classified by",
  tag: "TAGS",
  subject: "Subject",
  reference: "Reference",
  heading: "Heading",
  paragraph: "Paragraph",
  signer: "Signer",
  end_marker: "End marker",
  metadata: "Metadata",
  dtg: "Date-time group",
  figure: "Figure",
  redaction: "Redaction",
};

/** Names of tag kinds. */
export const TAG_KINDS = {
  subject: "Subject",
  program: "Program",
  organization: "Organization",
  "geo-country": "Country",
  "geo-region": "Region",
  "free-text": "Name",
  unknown: "Unknown tag",
};

/** Names of input formats. */
export const FORMATS = {
  extract: "Web extract",
  telegram: "Telegram",
  "viewer-html": "Cable viewer page",
  "csv-row": "CSV row",
  text: "Plain text",
};
