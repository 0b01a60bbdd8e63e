// format.js — numbers for people in batch mode (sizes, rates, durations, counts), and styles set from script.

const INT = new Intl.NumberFormat("en-US");

/** 12,345 */
export function int(n) {
  return INT.format(n);
}

/** "2.0 GB", "70 MB", "12 KB". */
export function size(bytes) {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 10 * 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** "38.2 MB/s". */
export function rate(bytesPerSecond) {
  return `${(bytesPerSecond / 1024 ** 2).toFixed(1)} MB/s`;
}

/** "about 2 min left", "12 s left". */
export function timeLeft(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return "";
  if (seconds < 1) return "almost done";
  if (seconds < 90) return `${Math.ceil(seconds)} s left`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}

/** "1.2 s", "340 ms". */
export function duration(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

let sheet = null;
/**
 * A CSS rule for `selector` in a constructed style sheet, to set sizes from script without inline style
 * attributes (the page's markup carries none; a strict CSP or a markup audit sees nothing new).
 */
export function dynamicRule(selector) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  const at = sheet.insertRule(`${selector} {}`, sheet.cssRules.length);
  return sheet.cssRules[at];
}
