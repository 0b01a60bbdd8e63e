// permalink.js — the text in the URL fragment, deflate-raw compressed and base64url encoded; never sent to a server.

const PREFIX = "#t=";
// A permalink's text unpacked is at most this long: a link of a few kilobytes can inflate to gigabytes
// (a "zip bomb"), so unpacking stops here instead of filling the tab's memory.
const MAX_UNPACKED = 16 * 1024 * 1024;

class TooLarge extends Error {}

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/**
 * Inflates deflate-raw `bytes`, failing with TooLarge past `limit` bytes of output. The input goes in a
 * kilobyte at a time (one kilobyte inflates to at most about a megabyte), so the output held at any time stays
 * near the limit: piping it all in at once lets the stream inflate everything before the first read.
 */
async function inflate(bytes, limit) {
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const parts = [];
  let total = 0;
  const drain = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.length;
      if (total > limit) throw new TooLarge();
      parts.push(value);
    }
  })();
  const feed = (async () => {
    for (let at = 0; at < bytes.length; at += 1024) await writer.write(bytes.subarray(at, at + 1024));
    await writer.close();
  })();
  try {
    await Promise.all([drain, feed]);
  } catch (err) {
    parts.length = 0;
    reader.cancel().catch(() => {});
    writer.abort().catch(() => {});
    feed.catch(() => {});
    drain.catch(() => {});
    throw err;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

function toBase64Url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The permalink fragment (`#t=…`) for `text`, plus an optional file name. */
export async function encodeFragment(text, name) {
  const packed = toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw")));
  return `${PREFIX}${packed}${name ? `&n=${encodeURIComponent(name)}` : ""}`;
}

/** The text and name in a permalink fragment, or null when `hash` holds none (or is damaged). */
export async function decodeFragment(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  const [packed, ...rest] = hash.slice(PREFIX.length).split("&");
  const params = new URLSearchParams(rest.join("&"));
  try {
    const bytes = await inflate(fromBase64Url(packed), MAX_UNPACKED);
    return { text: new TextDecoder().decode(bytes), name: params.get("n") };
  } catch (err) {
    if (err instanceof TooLarge) return { error: `This permalink was not opened: its text unpacks to more than ${MAX_UNPACKED / 1048576} MB, more than a permalink can hold.` };
    return { error: "This permalink is damaged: its text could not be unpacked." };
  }
}
