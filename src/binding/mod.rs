//! The browser binding: the only module that knows about JavaScript.
//!
//! It exports to JavaScript:
//!
//! - `analyze(input: string | Uint8Array, opts?: { fileName?: string, baseOffset?: number })`
//!   returns `{ schema_version, source_text, cables }`, where `cables` holds
//!   the CLI's per-cable JSON objects and every span also carries
//!   `start_utf16` / `end_utf16`, UTF-16 offsets into `source_text` (the
//!   decoded input), so the page can slice and highlight with JavaScript
//!   string offsets. A string is read as its UTF-8 bytes.
//!   With `baseOffset` (the input's offset in a larger file) every byte
//!   span is shifted by it; the UTF-16 offsets still index `source_text`.
//! - `version()` returns the crate version.
//! - dump rows (`dump.rs`): `isDump`, `rowEnd`.
//! - batch mode (`batch.rs`, cargo feature `batch`, in the batch package
//!   `www/pkg-batch/` only): `summarize` and the `Collection` class.
//!
//! `analyze` never throws: unusable input comes back as an error diagnostic
//! in the analysis. The TypeScript declarations the page ships
//! (`www/cablescope.d.ts`) are generated from the model by
//! `examples/gen_types.rs`.

#[cfg(feature = "batch")]
pub mod batch;
pub mod dump;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::decode::decode;
use crate::mapped::Mapped;
use crate::model::{Analysis, Diagnostic, Severity, SCHEMA_VERSION};
use crate::Hints;

/// What `analyze` returns to JavaScript.
#[derive(Serialize)]
struct Output<'a> {
    schema_version: u32,
    source_text: &'a str,
    cables: &'a [Analysis],
}

/// Installs a panic hook that reports the panic message on the console, so
/// a bug in the core shows its cause instead of a bare `unreachable` trap.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        gloo_console::error!(format!("cablescope: {info}"));
    }));
}

/// The crate version (`0.1.0`).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Analyzes a cable given as a string or as bytes.
///
/// Returns `{ schema_version, source_text, cables }`: the CLI's per-cable
/// objects, with every span also given in UTF-16 offsets into
/// `source_text`. Never throws.
#[wasm_bindgen(js_name = analyze, skip_typescript)]
pub fn analyze_js(input: &JsValue, opts: &JsValue) -> JsValue {
    let hints = Hints { file_name: file_name(opts), base_offset: number(opts, "baseOffset"), ..Hints::default() };
    let (bytes, unsupported) = input_bytes(input);
    #[cfg(feature = "test-trap")]
    test_trap(&bytes);
    let mut cables = crate::analyze(&bytes, &hints);
    if unsupported {
        if let Some(first) = cables.first_mut() {
            first.diagnostics.push(Diagnostic::new(
                Severity::Error,
                "unsupported-input",
                "The input is neither text nor bytes, so there is nothing to read.",
                None,
            ));
        }
    }
    let (text, _) = decode(&bytes, hints.base_offset);
    add_utf16_offsets(&text, &mut cables);
    let output = Output { schema_version: SCHEMA_VERSION, source_text: text.as_str(), cables: &cables };
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    match output.serialize(&serializer) {
        Ok(value) => value,
        Err(err) => fallback(&err.to_string(), &hints),
    }
}

/// Test builds only (feature `test-trap`, never in the shipped package):
/// traps the instance when the input contains `CABLESCOPE-TEST-TRAP` (a bare
/// `unreachable`) or `CABLESCOPE-TEST-PANIC` (a panic: the panic hook logs
/// it, then the wasm profile's `panic = "abort"` traps), so the page's
/// recovery from a dead instance can be tested end to end.
#[cfg(feature = "test-trap")]
fn test_trap(bytes: &[u8]) {
    if memchr::memmem::find(bytes, b"CABLESCOPE-TEST-TRAP").is_some() {
        core::arch::wasm32::unreachable();
    }
    if memchr::memmem::find(bytes, b"CABLESCOPE-TEST-PANIC").is_some() {
        panic!("test-trap: CABLESCOPE-TEST-PANIC in the input");
    }
}

/// Test builds only (feature `test-trap`): traps the instance at once.
#[cfg(feature = "test-trap")]
#[wasm_bindgen(js_name = __trap_for_tests, skip_typescript)]
pub fn trap_for_tests() {
    core::arch::wasm32::unreachable();
}

/// The input's bytes, and whether the input was of an unsupported type
/// (read as empty then). Strings give their UTF-8 bytes; `Uint8Array`,
/// `ArrayBuffer` and other typed-array views give their bytes.
pub(crate) fn input_bytes(input: &JsValue) -> (Vec<u8>, bool) {
    if let Some(s) = input.as_string() {
        return (s.into_bytes(), false);
    }
    if let Some(array) = input.dyn_ref::<js_sys::Uint8Array>() {
        return (array.to_vec(), false);
    }
    if let Some(buffer) = input.dyn_ref::<js_sys::ArrayBuffer>() {
        return (js_sys::Uint8Array::new(buffer).to_vec(), false);
    }
    if js_sys::ArrayBuffer::is_view(input) {
        let view: &js_sys::Object = input.unchecked_ref();
        let get = |key: &str| js_sys::Reflect::get(view, &JsValue::from_str(key)).ok();
        if let (Some(buffer), Some(offset), Some(len)) = (get("buffer"), get("byteOffset"), get("byteLength")) {
            if let (Some(buffer), Some(offset), Some(len)) =
                (buffer.dyn_ref::<js_sys::ArrayBuffer>(), offset.as_f64(), len.as_f64())
            {
                let bytes = js_sys::Uint8Array::new_with_byte_offset_and_length(buffer, offset as u32, len as u32);
                return (bytes.to_vec(), false);
            }
        }
    }
    (Vec::new(), true)
}

/// `opts.fileName` when it is a string.
pub(crate) fn file_name(opts: &JsValue) -> Option<String> {
    if !opts.is_object() {
        return None;
    }
    js_sys::Reflect::get(opts, &JsValue::from_str("fileName")).ok().and_then(|v| v.as_string())
}

/// `opts[key]` when it is a finite number >= 0 (whole part, at most 2^53 - 1), else 0.
pub(crate) fn number(opts: &JsValue, key: &str) -> u64 {
    if !opts.is_object() {
        return 0;
    }
    let v = js_sys::Reflect::get(opts, &JsValue::from_str(key)).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    if v.is_finite() && v > 0.0 {
        v.min(9_007_199_254_740_991.0) as u64
    } else {
        0
    }
}

/// Fills `start_utf16` / `end_utf16` of every span of every cable.
///
/// Spans are source byte offsets. The decoded text is walked once, char by
/// char, against the sorted list of distinct offsets in use, so the cost is
/// linear in the text plus `k log k` in the number of offsets. An offset
/// inside a character maps to the next character boundary.
fn add_utf16_offsets(text: &Mapped, cables: &mut [Analysis]) {
    let mut offsets: Vec<u64> = Vec::new();
    for cable in cables.iter_mut() {
        cable.for_each_span_mut(&mut |s| offsets.extend([s.start, s.end]));
    }
    offsets.sort_unstable();
    offsets.dedup();
    let units = utf16_positions(text, &offsets);
    // wasm32 memory holds less than 4 GiB of text: every offset fits in 32 bits.
    let lookup = |byte: u64| {
        let units = offsets.binary_search(&byte).ok().and_then(|i| units.get(i).copied()).unwrap_or(0);
        u32::try_from(units).unwrap_or(u32::MAX)
    };
    for cable in cables.iter_mut() {
        cable.for_each_span_mut(&mut |s| {
            s.start_utf16 = Some(lookup(s.start));
            s.end_utf16 = Some(lookup(s.end));
        });
    }
}

/// For each of the sorted source byte `offsets`, the UTF-16 offset in
/// `text` of the first character whose source bytes start at or after it
/// (the text's UTF-16 length for offsets past its last character).
fn utf16_positions(text: &Mapped, offsets: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(offsets.len());
    let mut next = offsets.iter().peekable();
    let mut units: u64 = 0;
    for (pos, c) in text.as_str().char_indices() {
        let src = text.src_start(pos);
        while let Some(&&offset) = next.peek() {
            if offset > src {
                break;
            }
            out.push(units);
            next.next();
        }
        if next.peek().is_none() {
            break;
        }
        units += c.len_utf16() as u64;
    }
    out.resize(offsets.len(), units);
    out
}

/// What `analyze` returns when serialization itself fails (a bug): the
/// analysis of nothing, carrying the reason as an error diagnostic.
fn fallback(reason: &str, hints: &Hints) -> JsValue {
    let mut cables = crate::analyze(b"", hints);
    if let Some(first) = cables.first_mut() {
        first.diagnostics.push(Diagnostic::new(
            Severity::Error,
            "internal-error",
            format!("The analysis could not be handed to the page: {reason}"),
            None,
        ));
    }
    let output = Output { schema_version: SCHEMA_VERSION, source_text: "", cables: &cables };
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    output.serialize(&serializer).unwrap_or(JsValue::NULL)
}
