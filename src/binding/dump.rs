//! Cutting a `cables.csv` dump into whole rows, for the page (which routes a
//! dump to batch mode) and the batch workers alike.
//!
//! - `isDump(head: Uint8Array) -> boolean`: the bytes start like a dump row.
//! - `rowEnd(bytes: Uint8Array) -> number`: length of the longest prefix made
//!   of whole dump rows (0 if none).

use wasm_bindgen::prelude::*;

use super::input_bytes;

/// True when the bytes start like a `cables.csv` dump row (`"1","12/28/1966 18:48",`).
#[wasm_bindgen(js_name = isDump, skip_typescript)]
pub fn is_dump(head: &JsValue) -> bool {
    crate::csv::looks_like_dump(&input_bytes(head).0)
}

/// Length of the longest prefix of `bytes` made of whole dump rows (0 if none).
#[wasm_bindgen(js_name = rowEnd, skip_typescript)]
pub fn row_end(bytes: &JsValue) -> f64 {
    let (bytes, _) = input_bytes(bytes);
    let mut at = 0;
    while let Some(end) = crate::csv::row_end(&bytes, at) {
        if end <= at {
            break;
        }
        at = end;
    }
    at as f64
}
