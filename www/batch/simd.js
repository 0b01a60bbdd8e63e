// simd.js — whether this browser runs WebAssembly SIMD, which the batch package (pkg-batch) is built with.
//
// The batch workers' reader is compiled with wasm SIMD (simd128) for speed; the page's own reader is not, so a
// browser without SIMD still reads single cables. Every current browser has it (Chrome and Edge 91, Firefox 89,
// Safari 16.4); for an older one, batch mode says so instead of failing with a compile error.

/** A module with one SIMD instruction (`i8x16.popcnt`): it validates only where wasm SIMD is supported. */
const PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** True when WebAssembly SIMD is available. */
export function hasSimd() {
  try {
    return WebAssembly.validate(PROBE);
  } catch {
    return false;
  }
}

/** Why a batch worker's reader could not start: the lack of SIMD if that is the cause, else the error itself. */
export function startFailure(err) {
  if (!hasSimd()) {
    return "this browser cannot run WebAssembly SIMD, which batch mode needs (Chrome or Edge 91+, Firefox 89+, Safari 16.4+); single cables can still be read";
  }
  return String(err?.message ?? err);
}
