//! Batch mode in the browser (cargo feature `batch`: only the batch
//! package `www/pkg-batch/`, built for speed, carries it; the page's package
//! stays small): summarizing cables for a collection, and the `Collection`
//! class.
//!
//! - `summarize(bytes, opts?: { fileName?, base?, reuse? }) -> { count, good, packed }`:
//!   the cables in `bytes`, `count` of them (`good`: those that are cables),
//!   their `CableSummary` and search text (subject and paragraphs) packed in
//!   one `Uint8Array` (`crate::collection::packed`) for the collection
//!   worker, transferred rather than copied; `base` is the bytes' offset in
//!   their file, so `source.start`/`end` are file offsets; `reuse: true` lets
//!   `packed` be written over `bytes` (a `Uint8Array` the caller is done
//!   with) when it fits. Never throws.
//! - `new Collection(indexBudgetBytes)` with `add(packed)`, `query(q)`,
//!   `entry(key)`, `exportCsv(q)`, `keys(q)`, `clear()`, `stats()`: the core
//!   [`crate::collection::Collection`], values passed as plain JavaScript
//!   objects (serde-wasm-bindgen, JSON-compatible).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{file_name, input_bytes, number};
use crate::collection::{packed, Collection, Query};
use crate::summary::{search_text, Summary};
use crate::Hints;

/// Serializes to a plain JavaScript value (objects, not maps), or null.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

/// Summarizes the cables in `bytes` (whole dump rows, or one whole file).
/// `opts.fileName` names the file, `opts.base` is the bytes' offset in it.
#[wasm_bindgen(skip_typescript)]
pub fn summarize(input: &JsValue, opts: &JsValue) -> JsValue {
    let (bytes, _) = input_bytes(input);
    // Only what the summaries need: the full analysis is read again when a cable is opened.
    let hints =
        Hints { file_name: file_name(opts), base_offset: number(opts, "base"), summary_only: true, ..Hints::default() };
    let analyses = crate::analyze(&bytes, &hints);
    let mut buf = Vec::with_capacity(bytes.len() + 1024 * analyses.len());
    let mut good = 0;
    for a in &analyses {
        let s = Summary::of(a);
        good += u32::from(s.problem.is_none());
        packed::push(&mut buf, &s, &search_text(a));
    }
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &k.into(), v).is_ok();
    set("count", &(analyses.len() as u32).into());
    set("good", &good.into());
    set("packed", &packed_array(input, opts, &buf).into());
    out.into()
}

/// `buf` as a JavaScript array: written over the input array when `opts.reuse`
/// is true and it fits (its bytes were copied in already; a page it reuses is
/// one the tab does not have to map and clear again), else a new array.
fn packed_array(input: &JsValue, opts: &JsValue, buf: &[u8]) -> js_sys::Uint8Array {
    let reuse = opts.is_object() && js_sys::Reflect::get(opts, &"reuse".into()).is_ok_and(|v| v.is_truthy());
    match input.dyn_ref::<js_sys::Uint8Array>() {
        Some(array) if reuse && buf.len() <= array.length() as usize => {
            let view = array.subarray(0, buf.len() as u32);
            view.copy_from(buf);
            view
        }
        _ => js_sys::Uint8Array::from(buf),
    }
}

/// A query from JavaScript (anything unreadable is the empty query).
fn query_of(q: &JsValue) -> Query {
    if q.is_object() {
        serde_wasm_bindgen::from_value(q.clone()).unwrap_or_default()
    } else {
        Query::default()
    }
}

/// A collection of summarized cables: deduplicated, searchable, faceted.
#[wasm_bindgen(js_name = Collection, skip_typescript)]
pub struct JsCollection {
    inner: Collection,
}

#[wasm_bindgen(js_class = Collection)]
impl JsCollection {
    /// An empty collection whose search index stays within `index_budget_bytes`
    /// (not a positive number: the default, 64 MB).
    #[wasm_bindgen(constructor)]
    pub fn new(index_budget_bytes: JsValue) -> JsCollection {
        let budget = index_budget_bytes.as_f64().filter(|b| b.is_finite() && *b >= 0.0);
        let budget = budget.map_or(crate::collection::DEFAULT_INDEX_BUDGET, |b| b.min(u32::MAX as f64) as usize);
        JsCollection { inner: Collection::new(budget) }
    }

    /// Adds a batch from `summarize` (its `packed` bytes); returns the number
    /// of entries. A frame that is not a summary, or anything but bytes, is
    /// listed as skipped.
    pub fn add(&mut self, packed: &JsValue) -> u32 {
        match packed.dyn_ref::<js_sys::Uint8Array>() {
            Some(bytes) => {
                self.inner.add_packed(&bytes.to_vec());
            }
            None => self.inner.skip(None, "not a packed batch of cable summaries".to_string()),
        }
        self.inner.len() as u32
    }

    /// `{ total, rows, facets, charts, skipped }` for a query.
    pub fn query(&mut self, q: &JsValue) -> JsValue {
        let q = query_of(q);
        to_js(&self.inner.query(&q))
    }

    /// The entry with this key, with its links, or null.
    pub fn entry(&self, key: &str) -> JsValue {
        self.inner.entry(key).map_or(JsValue::NULL, |d| to_js(&d))
    }

    /// The flat CSV (the CLI's rows) of the filtered, sorted set.
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&mut self, q: &JsValue) -> String {
        let q = query_of(q);
        self.inner.export_csv(&q)
    }

    /// The keys of the filtered, sorted set.
    pub fn keys(&mut self, q: &JsValue) -> Vec<String> {
        let q = query_of(q);
        self.inner.keys(&q).into_iter().map(str::to_string).collect()
    }

    /// Empties the collection.
    pub fn clear(&mut self) {
        self.inner.clear();
    }

    /// `{ entries, cables, duplicates, skipped, index_bytes, index_budget, indexed_text, indexed_subjects }`.
    pub fn stats(&self) -> JsValue {
        to_js(&self.inner.stats())
    }
}
