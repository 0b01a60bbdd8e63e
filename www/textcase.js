// textcase.js — a reading aid: sentence case for ALL-CAPS subjects, headings and telegram prose.

const MONTHS = "JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY JAN FEB MAR APR JUN JUL AUG SEP SEPT OCT NOV DEC";
const ACRONYMS = "USG U.S. UN EU OSCE NATO IMF WTO USAID GOK GOI GOT DOD DOS NGO NGOS CEC MFA MOD MOI FBI CIA DCM CDA POL ECON PAO RSO OSCE/ODIHR ODIHR IRI NDI OAS AU ASEAN SCO CIS GDP HIV AIDS OPEC IAEA UNSC UNGA EUR SCA NEA WHA AF EAP DRL PRM INL ISN PM IO OES USTR TIP";
const KEEP_UPPER = new Set(ACRONYMS.split(" "));
const CAPITALIZE = new Set((MONTHS + " I WASHINGTON").split(" "));
// Two-letter words that are plain English; other two-letter words are kept as acronyms (AK, PM, EU).
const SHORT_WORDS = new Set("A AN OF IN ON TO AT BY AS IS IT BE WE HE NO UP SO IF DO US MY ME OR GO AM OH OK".split(" "));
// Titles: the word after one is taken for a name (MSGR. LINGUA, AMBASSADOR QUINTANA).
const TITLES = new Set("MR MRS MS DR MSGR AMB AMBASSADOR PRESIDENT MINISTER FM PM CARDINAL ARCHBISHOP BISHOP GENERAL GEN COL SENATOR SEN KING QUEEN PRINCE SHEIKH".split(" "));

/** True when `text` has letters and (almost) all of them are capitals. */
export function isShouting(text) {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 4) return false;
  const upper = letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length;
  return upper / letters.length > 0.85;
}

/**
 * Sentence case for ALL-CAPS text; other text is returned unchanged.
 * `names` are words to keep capitalized (stations, countries from TAGS, the signer).
 */
export function sentenceCase(text, names = new Set()) {
  if (!text || !isShouting(text)) return text;
  let start = true;
  let title = false;
  return text.replace(/[\p{L}\p{N}][\p{L}\p{N}.'’/-]*|[.!?:;]+/gu, (word) => {
    if (/^[.!?:;]+$/.test(word)) {
      if (/[.!?:]/.test(word)) start = true;
      title = false;
      return word;
    }
    const bare = word.replace(/[.'’]+$/, "");
    const acronym = bare.length === 2 && /^[A-Z]+$/.test(bare) && !SHORT_WORDS.has(bare);
    const named = names.has(bare) || [...names].some((n) => n.length >= 5 && bare.startsWith(n));
    let out;
    const initials = /^(\p{Lu}\.)+\p{Lu}?\.?$/u.test(word);
    if (KEEP_UPPER.has(bare) || initials || acronym || /\d/.test(word) || !/[AEIOUY]/.test(bare)) out = word;
    else if (start || CAPITALIZE.has(bare) || named || (title && !SHORT_WORDS.has(bare))) out = word[0] + word.slice(1).toLowerCase();
    else out = word.toLowerCase();
    title = TITLES.has(bare);
    // A full stop ends a sentence unless it closes an initial or a title (R., MSGR.) or sits inside an abbreviation (U.S.).
    start = /[.!?:]$/.test(word) && !title && bare.length > 1 && !bare.includes(".");
    return out;
  });
}

/** Words worth keeping capitalized, taken from the analysis itself. */
export function namesOf(cable) {
  const names = new Set();
  const add = (s) => { for (const w of String(s ?? "").toUpperCase().split(/[^\p{L}]+/u)) if (w.length > 1) names.add(w); };
  add(cable.origin); add(cable.origin_name); add(cable.signer?.name);
  for (const t of cable.tags ?? []) if (t.kind?.startsWith("geo") || t.kind === "free-text") add(t.name ?? t.code);
  for (const list of Object.values(cable.addressees ?? {})) for (const a of list ?? []) add(a.station);
  for (const w of ["SECSTATE", "WASHDC", "AMEMBASSY", "STATE", "DEPARTMENT", "WASHINGTON"]) names.delete(w);
  return names;
}
