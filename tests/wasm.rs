//! Tests of the browser binding, run in headless Chromium with
//! wasm-bindgen-test (`make test-wasm`). They call the exported `analyze`
//! and check the object JavaScript receives: the CLI's JSON per cable, the
//! decoded `source_text`, and UTF-16 offsets that slice `source_text` to
//! exactly the bytes each span covers.
#![cfg(target_arch = "wasm32")]
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use cablescope::binding::{analyze_js, version};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("data/seeds/05ALMATY4282.txt");
const PARIS: &[u8] = include_bytes!("data/corpus/txt/09PARIS1007.txt");

/// Calls the binding as JavaScript would and reads the result back as JSON.
fn call(input: &JsValue, file_name: Option<&str>) -> Value {
    let opts = js_sys::Object::new();
    if let Some(name) = file_name {
        js_sys::Reflect::set(&opts, &"fileName".into(), &name.into()).unwrap();
    }
    let out = analyze_js(input, &opts);
    assert!(out.is_object(), "analyze returned a non-object");
    serde_wasm_bindgen::from_value(out).expect("result is plain JSON data")
}

fn bytes(b: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(b).into()
}

/// Every span object in `v` (anything with numeric `start` and `end`).
fn spans(v: &Value, out: &mut Vec<serde_json::Map<String, Value>>) {
    match v {
        Value::Object(m) => {
            if m.get("start").is_some_and(Value::is_u64) && m.get("end").is_some_and(Value::is_u64) {
                out.push(m.clone());
            }
            m.values().for_each(|x| spans(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| spans(x, out)),
        _ => {}
    }
}

/// Checks that every span's UTF-16 range slices `source_text` to the text
/// its byte range decodes to (`decode_bytes` decodes one byte range).
fn check_utf16(out: &Value, input: &[u8], decode_bytes: &dyn Fn(&[u8]) -> String) -> usize {
    let text = out["source_text"].as_str().expect("source_text");
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut all = Vec::new();
    spans(&out["cables"], &mut all);
    assert!(!all.is_empty());
    for s in &all {
        let get =
            |k: &str| s.get(k).and_then(Value::as_u64).unwrap_or_else(|| panic!("span without {k}: {s:?}")) as usize;
        let (start, end, su, eu) = (get("start"), get("end"), get("start_utf16"), get("end_utf16"));
        assert!(start <= end && end <= input.len(), "span out of input: {s:?}");
        assert!(su <= eu && eu <= units.len(), "utf16 span out of text: {s:?}");
        let sliced = String::from_utf16(&units[su..eu]).expect("slice on char boundaries");
        assert_eq!(sliced, decode_bytes(&input[start..end]), "span {s:?}");
    }
    all.len()
}

/// Drops the binding-only fields and makes every number a float, so the
/// binding's object compares with the CLI's serde_json output.
fn normalize(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| *k != "start_utf16" && *k != "end_utf16")
                .map(|(k, x)| (k.clone(), normalize(x)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(normalize).collect()),
        Value::Number(n) => n.as_f64().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number),
        x => x.clone(),
    }
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn seed_string_gives_the_cli_object() {
    let out = call(&JsValue::from_str(SEED), Some("05ALMATY4282.txt"));
    assert_eq!(out["schema_version"], cablescope::SCHEMA_VERSION);
    assert_eq!(out["source_text"], SEED);
    let hints = cablescope::Hints { file_name: Some("05ALMATY4282.txt".into()), ..Default::default() };
    let native = serde_json::to_value(cablescope::analyze(SEED.as_bytes(), &hints)).unwrap();
    assert_eq!(normalize(&out["cables"]), normalize(&native));
    assert_eq!(out["cables"][0]["source"]["name"], "05ALMATY4282.txt");
    let first = &out["cables"][0]["span"];
    assert_eq!(first["start_utf16"], 0);
    assert_eq!(first["end_utf16"].as_u64(), Some(SEED.encode_utf16().count() as u64));
    check_utf16(&out, SEED.as_bytes(), &|b| String::from_utf8(b.to_vec()).unwrap());
}

#[wasm_bindgen_test]
fn seed_bytes_equal_seed_string() {
    let a = call(&JsValue::from_str(SEED), None);
    let b = call(&bytes(SEED.as_bytes()), None);
    assert_eq!(a, b);
}

#[wasm_bindgen_test]
fn utf16_offsets_on_non_ascii_utf8() {
    // ¶ and curly quotes are one UTF-16 unit but 2-3 UTF-8 bytes; the emoji is two units.
    let text = SEED
        .replacen("SUMMARY:", "SUMMARY \u{b6} \u{201c}Caf\u{e9}\u{201d} \u{1F600}:", 1)
        .replace("Nazarbayev", "Nazarb\u{e1}yev");
    let out = call(&JsValue::from_str(&text), None);
    assert_eq!(out["source_text"].as_str(), Some(text.as_str()));
    check_utf16(&out, text.as_bytes(), &|b| String::from_utf8(b.to_vec()).unwrap());
}

#[wasm_bindgen_test]
fn utf16_offsets_on_windows_1252_bytes() {
    let out = call(&bytes(PARIS), Some("09PARIS1007.txt"));
    let text = out["source_text"].as_str().unwrap();
    assert!(text.contains('\u{b6}'), "the pilcrow byte decodes to ¶");
    assert_eq!(text.encode_utf16().count(), PARIS.len(), "one unit per byte");
    check_utf16(&out, PARIS, &|b| b.iter().map(|&c| cablescope::decode::cp1252_char(c)).collect());
}

#[wasm_bindgen_test]
fn bad_input_does_not_throw() {
    for input in [JsValue::from_f64(42.0), JsValue::NULL, JsValue::UNDEFINED, js_sys::Object::new().into()] {
        let out = call(&input, None);
        let diags = out["cables"][0]["diagnostics"].as_array().unwrap();
        assert!(diags.iter().any(|d| d["code"] == "unsupported-input" && d["severity"] == "error"));
    }
    for input in [bytes(b""), bytes(b"\xff\xfe\x00"), bytes(&[0u8, 159, 146, 150, 0xC3]), JsValue::from_str("")] {
        let out = call(&input, None);
        assert!(out["cables"].as_array().is_some_and(|c| !c.is_empty()));
    }
}

#[wasm_bindgen_test]
fn options_are_optional() {
    let out = analyze_js(&JsValue::from_str(SEED), &JsValue::UNDEFINED);
    let out: Value = serde_wasm_bindgen::from_value(out).unwrap();
    assert_eq!(out["cables"][0]["source"]["name"], Value::Null);
}

// Batch mode: summarize, the dump helpers and the Collection class.

use cablescope::binding::batch::{summarize, JsCollection};
use cablescope::binding::dump::{is_dump, row_end};

fn opts(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn json(v: JsValue) -> Value {
    serde_wasm_bindgen::from_value(v).expect("plain JSON data")
}

fn get(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &k.into()).unwrap()
}

/// The summaries and texts in `summarize`'s packed bytes.
fn unpack(out: &JsValue) -> Vec<(cablescope::summary::Summary, String)> {
    let bytes = js_sys::Uint8Array::new(&get(out, "packed")).to_vec();
    cablescope::collection::packed::frames(&bytes).map(|f| f.map(|(s, t)| (s, t.to_string())).unwrap()).collect()
}

#[wasm_bindgen_test]
fn summarize_packs_summaries_and_texts_with_file_offsets() {
    let out = summarize(&bytes(PARIS), &opts(&[("fileName", "09PARIS1007.txt".into()), ("base", 1000.0.into())]));
    assert_eq!(get(&out, "count").as_f64(), Some(1.0));
    assert_eq!(get(&out, "good").as_f64(), Some(1.0));
    let cables = unpack(&out);
    assert_eq!(cables.len(), 1);
    let hints =
        cablescope::Hints { file_name: Some("09PARIS1007.txt".into()), base_offset: 1000, ..Default::default() };
    let native = &cablescope::analyze(PARIS, &hints)[0];
    assert_eq!(cables[0].0, cablescope::summary::Summary::of(native));
    assert_eq!(cables[0].0.key, "09PARIS1007");
    assert_eq!(cables[0].0.source.start, 1000);
    assert_eq!(cables[0].0.source.end, 1000 + PARIS.len() as u64);
    assert_eq!(cables[0].1, cablescope::summary::search_text(native));
    // Never throws; what is not a cable is counted, not good.
    for input in [JsValue::NULL, JsValue::from_f64(1.0), bytes(b"\x89PNG\r\n\x1a\n")] {
        let out = summarize(&input, &JsValue::UNDEFINED);
        assert_eq!(get(&out, "good").as_f64(), Some(0.0));
        assert!(unpack(&out)[0].0.problem.is_some());
    }
}

#[wasm_bindgen_test]
fn summarize_writes_over_its_input_when_asked_and_it_fits() {
    let plain = summarize(&bytes(PARIS), &JsValue::UNDEFINED);
    let input = bytes(PARIS);
    let input_buffer = input.unchecked_ref::<js_sys::Uint8Array>().buffer();
    let reused = summarize(&input, &opts(&[("reuse", true.into())]));
    let packed = get(&reused, "packed").unchecked_into::<js_sys::Uint8Array>();
    assert!(js_sys::Object::is(&packed.buffer(), &input_buffer), "the packed bytes are in the input's buffer");
    assert_eq!(packed.byte_offset(), 0);
    assert_eq!(unpack(&reused), unpack(&plain), "the same summaries either way");
    // Without the option, or when the output does not fit, a new buffer.
    let kept = bytes(PARIS);
    let out = get(&summarize(&kept, &JsValue::UNDEFINED), "packed").unchecked_into::<js_sys::Uint8Array>();
    assert!(!js_sys::Object::is(&out.buffer(), &kept.unchecked_ref::<js_sys::Uint8Array>().buffer()));
    assert_eq!(kept.unchecked_ref::<js_sys::Uint8Array>().to_vec(), PARIS, "the input is left as it was");
    let tiny = bytes(b"\x89PNG");
    let out = summarize(&tiny, &opts(&[("reuse", true.into())]));
    let packed = get(&out, "packed").unchecked_into::<js_sys::Uint8Array>();
    assert!(
        packed.length() > 5
            && !js_sys::Object::is(&packed.buffer(), &tiny.unchecked_ref::<js_sys::Uint8Array>().buffer())
    );
    assert!(unpack(&out)[0].0.problem.is_some());
}

#[wasm_bindgen_test]
fn dump_helpers() {
    let dump = b"\"1\",\"12/28/1966 18:48\",\"66X1\",\"X\",\"UNCLASSIFIED\",\"\",\"h\",\"b\"\n\"2\",\"12/28";
    assert!(is_dump(&bytes(dump)));
    assert!(!is_dump(&bytes(b"UNCLAS ALMATY 004123")));
    assert_eq!(row_end(&bytes(dump)), 60.0);
    assert_eq!(row_end(&bytes(b"\"1\",\"open")), 0.0);
}

#[wasm_bindgen_test]
fn analyze_shifts_spans_by_base_offset() {
    let out = json(analyze_js(&bytes(PARIS), &opts(&[("baseOffset", 5000.0.into())])));
    assert_eq!(out["cables"][0]["span"]["start"], 5000);
    assert_eq!(out["cables"][0]["span"]["start_utf16"], 0);
    assert_eq!(out["cables"][0]["span"]["end_utf16"].as_u64(), Some(PARIS.len() as u64));
}

#[wasm_bindgen_test]
fn collection_round_trip() {
    let seed = summarize(&bytes(SEED.as_bytes()), &opts(&[("fileName", "05ALMATY4282.txt".into())]));
    let paris = summarize(&bytes(PARIS), &opts(&[("fileName", "09PARIS1007.txt".into())]));
    let png = summarize(&bytes(b"\x89PNG\r\n\x1a\n"), &opts(&[("fileName", "x.png".into())]));
    let mut c = JsCollection::new(JsValue::from_f64(1e6));
    for s in [&seed, &paris, &seed, &png] {
        c.add(&get(s, "packed"));
    }
    let stats = json(c.stats());
    assert_eq!(stats["entries"], 2);
    assert_eq!(stats["duplicates"], 1);
    assert_eq!(stats["skipped"], 1);
    let q = opts(&[("search", "kazakh".into())]);
    let r = json(c.query(&q));
    assert_eq!(r["total"], 1);
    assert_eq!(r["rows"][0]["key"], "05ALMATY4282");
    assert_eq!(r["rows"][0]["duplicate_count"], 1);
    assert_eq!(r["skipped"][0]["name"], "x.png");
    assert!(r["facets"]["tag"].as_array().unwrap().iter().any(|t| t["value"] == "KZ"));
    assert_eq!(c.keys(&JsValue::UNDEFINED), ["05ALMATY4282", "09PARIS1007"]);
    let csv = c.export_csv(&JsValue::NULL);
    assert_eq!(csv.lines().count(), 3);
    let d = json(c.entry("09PARIS1007"));
    assert_eq!(d["key"], "09PARIS1007");
    assert!(d["references"].is_array() && d["referenced_by"].is_array());
    assert!(c.entry("nope").is_null());
    // A malformed query is the empty query; a malformed batch is skipped.
    assert_eq!(json(c.query(&JsValue::from_f64(3.0)))["total"], 2);
    c.add(&js_sys::Array::of1(&JsValue::from_f64(1.0)).into());
    c.add(&js_sys::Uint8Array::from(&[9u8, 0, 0, 0, 1][..]).into());
    assert_eq!(json(c.stats())["skipped"], 3);
    c.clear();
    assert_eq!(json(c.stats())["entries"], 0);
}

#[wasm_bindgen_test]
fn collection_query_on_10000_cables_is_fast() {
    let paris = unpack(&summarize(&bytes(PARIS), &JsValue::UNDEFINED)).remove(0);
    let seed = unpack(&summarize(&bytes(SEED.as_bytes()), &JsValue::UNDEFINED)).remove(0);
    let mut c = cablescope::collection::Collection::new(64 << 20);
    let t0 = js_sys::Date::now();
    for i in 0..10_000 {
        let src = if i % 2 == 0 { &paris } else { &seed };
        let mut s = src.0.clone();
        s.key = format!("{}_{i}", s.key);
        c.add_one(&s, Some(&src.1));
    }
    let t1 = js_sys::Date::now();
    let q = cablescope::collection::Query {
        search: Some("the gov".into()),
        filters: cablescope::collection::Filters { tag: vec!["PGOV".into()], ..Default::default() },
        sort: Some(cablescope::collection::Sort { key: "subject".into(), desc: false }),
        ..Default::default()
    };
    let total = c.query(&q).total;
    let t2 = js_sys::Date::now();
    web_sys::console::log_1(
        &format!("wasm: add 10,000: {:.0} ms; search+facet+sort query: {:.1} ms ({total} hits)", t1 - t0, t2 - t1)
            .into(),
    );
    assert!(total > 0);
    // The test profile is unoptimized: the shipped (optimized) build is several times faster.
    assert!(t2 - t1 < 500.0, "query took {} ms", t2 - t1);
}
