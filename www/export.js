// export.js — the analysis as JSON (the CLI's object: the browser-only UTF-16 offsets removed), downloaded or copied.

/** The cable's analysis as the CLI prints it. */
export function cliJson(cable) {
  return JSON.stringify(cable, (key, value) => (key === "start_utf16" || key === "end_utf16" ? undefined : value), 2);
}

/** Saves `text` as a JSON file named `name`. */
export function download(name, text) {
  saveBlob(name, new Blob([text + "\n"], { type: "application/json" }));
}

/** Saves `blob` as a file named `name` (its object URL lives a minute: long enough for a large download to start). */
export function saveBlob(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** Copies `text`; resolves to false when the clipboard is unavailable. */
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
