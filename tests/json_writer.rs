//! The CLI's JSON writer (`cablescope::json`) writes exactly what
//! `serde_json` writes, compact and pretty, for every fixture; and every key
//! of the schema is plain snake_case, which the writer copies unescaped.

use cablescope::{analyze, Hints};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        "tests/data/corpus/txt",
        "tests/data/corpus/html",
        "tests/data/seeds",
        "tests/data/quirks",
        "tests/data/regressions",
    ] {
        for e in std::fs::read_dir(root().join(dir)).expect("fixture dir").flatten() {
            files.push(e.path());
        }
    }
    files.sort();
    files
}

#[test]
fn every_fixture_is_written_as_serde_json_writes_it() {
    let files = fixtures();
    assert!(files.len() > 200, "fixtures missing: {}", files.len());
    let mut cables = 0;
    for path in files {
        let bytes = std::fs::read(&path).expect("read fixture");
        let hints = Hints { file_name: Some(path.display().to_string()), base_offset: 7, ..Hints::default() };
        for a in analyze(&bytes, &hints) {
            let mut compact = Vec::new();
            cablescope::json::to_vec(&mut compact, &a).expect("writes");
            assert_eq!(String::from_utf8(compact).unwrap(), serde_json::to_string(&a).unwrap(), "{}", path.display());
            let mut pretty = Vec::new();
            cablescope::json::to_vec_pretty(&mut pretty, &a).expect("writes");
            assert_eq!(
                String::from_utf8(pretty).unwrap(),
                serde_json::to_string_pretty(&a).unwrap(),
                "{}",
                path.display()
            );
            cables += 1;
        }
    }
    assert!(cables > 200);
}

/// Collects every property name under `v`.
fn property_names(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                out.extend(props.keys().cloned());
            }
            map.values().for_each(|x| property_names(x, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|x| property_names(x, out)),
        _ => {}
    }
}

#[test]
fn every_schema_key_is_plain() {
    let text = std::fs::read_to_string(root().join("schema/analysis.schema.json")).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    let mut names = Vec::new();
    property_names(&schema, &mut names);
    assert!(names.len() > 50, "{names:?}");
    for n in names {
        assert!(
            n.len() <= 28 && n.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_'),
            "key {n:?} is not plain snake_case: cablescope::json copies keys unescaped"
        );
    }
}
