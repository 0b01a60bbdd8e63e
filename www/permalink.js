// permalink.js — the text in the URL fragment, deflate-raw compressed and base64url encoded; never sent to a server.

const PREFIX = "#t=";

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
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
    const bytes = await pipe(fromBase64Url(packed), new DecompressionStream("deflate-raw"));
    return { text: new TextDecoder().decode(bytes), name: params.get("n") };
  } catch {
    return { error: "This permalink is damaged: its text could not be unpacked." };
  }
}
