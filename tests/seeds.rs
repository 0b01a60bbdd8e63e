//! Seed keys: the complete expected analysis of each seed cable, written by
//! hand from the seed text in `tests/data/expected/<ID>.json`.
//!
//! The expected files are patterns over the analysis JSON (`src/model.rs`).
//! Only the keys they list are checked; spans are written as the text they
//! must slice to, so the files can be reviewed against the seed by eye:
//!
//! - `"key": value` - the field equals the value (objects recurse, arrays
//!   compare element by element and must have the same length);
//! - `"key@": "text"` - `key` is a span; the input bytes it covers equal `text`;
//! - `"key@^"` / `"key@$"` - the slice starts / ends with the text;
//! - `"key@~": [..]` - the slice, with SIPDIS lines dropped and line breaks
//!   joined by single spaces, contains every listed string;
//! - `"key~": [..]` - the string field contains every listed string;
//! - `{"$includes": [..]}` / `{"$excludes": [..]}` in place of an array -
//!   each pattern matches some element / no element matches;
//! - keys starting with `_` are comments.
//!
//! Besides the patterns, every analysis must cover the whole seed and its
//! regions must be ordered and tile it exactly.

use cablescope::{analyze, Analysis, Hints};
use serde_json::Value;
use std::path::PathBuf;

fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path)
}

/// The slice of `input` a span value (`{"start":..,"end":..}`) covers.
fn slice<'a>(input: &'a [u8], span: &Value) -> Result<&'a str, String> {
    let (Some(s), Some(e)) = (span["start"].as_u64(), span["end"].as_u64()) else {
        return Err(format!("is not a span: {span}"));
    };
    if s > e || e as usize > input.len() {
        return Err(format!("span {s}..{e} out of bounds (input is {} bytes)", input.len()));
    }
    std::str::from_utf8(&input[s as usize..e as usize]).map_err(|_| format!("span {s}..{e} does not slice UTF-8"))
}

/// Line breaks joined by single spaces, SIPDIS lines dropped.
fn flatten(s: &str) -> String {
    s.lines().map(str::trim).filter(|l| !l.is_empty() && *l != "SIPDIS").collect::<Vec<_>>().join(" ")
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().map(|x| x.as_str().unwrap_or_default().to_string()).collect(),
        Value::String(s) => vec![s.clone()],
        other => vec![other.to_string()],
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 300 {
        format!("{}...", s.chars().take(300).collect::<String>())
    } else {
        s
    }
}

/// Compares `actual` against the pattern `want`; pushes one message per mismatch.
fn check(input: &[u8], path: &str, want: &Value, actual: &Value, errs: &mut Vec<String>) {
    match want {
        Value::Object(w) if w.contains_key("$includes") || w.contains_key("$excludes") => {
            let Some(items) = actual.as_array() else {
                errs.push(format!("{path}: expected an array, got {}", short(actual)));
                return;
            };
            for p in w.get("$includes").and_then(Value::as_array).into_iter().flatten() {
                if !items.iter().any(|a| matches(input, p, a)) {
                    errs.push(format!("{path}: no element matches {} (elements: {})", short(p), short(actual)));
                }
            }
            for p in w.get("$excludes").and_then(Value::as_array).into_iter().flatten() {
                for a in items.iter().filter(|a| matches(input, p, a)) {
                    errs.push(format!("{path}: unexpected element matching {}: {}", short(p), short(a)));
                }
            }
        }
        Value::Object(w) => {
            if !actual.is_object() {
                errs.push(format!("{path}: expected an object like {}, got {}", short(want), short(actual)));
                return;
            }
            for (k, v) in w {
                if k.starts_with('_') {
                    continue;
                }
                check_key(input, path, k, v, actual, errs);
            }
        }
        Value::Array(w) => {
            let Some(a) = actual.as_array() else {
                errs.push(format!("{path}: expected an array, got {}", short(actual)));
                return;
            };
            if w.len() != a.len() {
                errs.push(format!("{path}: expected {} elements, got {}: {}", w.len(), a.len(), short(actual)));
            }
            for (i, (wi, ai)) in w.iter().zip(a).enumerate() {
                check(input, &format!("{path}[{i}]"), wi, ai, errs);
            }
        }
        _ => {
            if want != actual {
                errs.push(format!("{path}: expected {}, got {}", short(want), short(actual)));
            }
        }
    }
}

fn check_key(input: &[u8], path: &str, key: &str, want: &Value, obj: &Value, errs: &mut Vec<String>) {
    let ops = ["@^", "@$", "@~", "@", "~"];
    let (name, op) = ops.iter().find_map(|op| key.strip_suffix(op).map(|n| (n, *op))).unwrap_or((key, ""));
    let here = format!("{path}.{name}");
    let Some(actual) = obj.get(name) else {
        errs.push(format!("{here}: no such field"));
        return;
    };
    if op.is_empty() {
        return check(input, &here, want, actual, errs);
    }
    if op == "~" {
        let Some(s) = actual.as_str() else {
            errs.push(format!("{here}: expected a string containing {}, got {}", short(want), short(actual)));
            return;
        };
        for w in strings(want) {
            if !s.contains(&w) {
                errs.push(format!("{here}: expected to contain {w:?}, got {:?}", s));
            }
        }
        return;
    }
    let text = match slice(input, actual) {
        Ok(t) => t,
        Err(e) => {
            errs.push(format!("{here}: {e}"));
            return;
        }
    };
    let w = strings(want);
    let ok = |cond: bool, what: &str, w: &str, errs: &mut Vec<String>| {
        if !cond {
            errs.push(format!("{here}: slice should {what} {w:?}, but slices to {text:?}"));
        }
    };
    match op {
        "@" => ok(text == w[0], "equal", &w[0], errs),
        "@^" => ok(text.starts_with(&w[0]), "start with", &w[0], errs),
        "@$" => ok(text.trim_end().ends_with(&w[0]), "end with", &w[0], errs),
        _ => {
            let flat = flatten(text);
            for x in &w {
                ok(flat.contains(x.as_str()), "contain", x, errs);
            }
        }
    }
}

fn matches(input: &[u8], want: &Value, actual: &Value) -> bool {
    let mut e = Vec::new();
    check(input, "", want, actual, &mut e);
    e.is_empty()
}

/// Regions ordered and tiling the analysis span; analyses tiling the input.
fn structure(input: &[u8], all: &[Analysis], errs: &mut Vec<String>) {
    let mut at = 0;
    for (i, a) in all.iter().enumerate() {
        if a.span.start != at {
            errs.push(format!("analysis[{i}].span starts at {}, expected {at}", a.span.start));
        }
        at = a.span.end;
        let mut r_at = a.span.start;
        for (j, r) in a.regions.iter().enumerate() {
            if r.span.start != r_at || r.span.end < r.span.start {
                errs.push(format!(
                    "analysis[{i}].regions[{j}] ({}) spans {}..{}, expected to start at {r_at}",
                    r.kind, r.span.start, r.span.end
                ));
            }
            r_at = r.span.end;
        }
        if r_at != a.span.end {
            errs.push(format!("analysis[{i}].regions end at {r_at}, the analysis at {}", a.span.end));
        }
    }
    if at != input.len() as u64 {
        errs.push(format!("analyses end at {at}, the input is {} bytes", input.len()));
    }
}

fn run_seed(id: &str) {
    let doc: Value =
        serde_json::from_slice(&std::fs::read(data(&format!("expected/{id}.json"))).expect("expected file"))
            .expect("expected file is JSON");
    let seed = doc["seed"].as_str().expect("seed");
    let input = std::fs::read(data(&format!("seeds/{seed}"))).expect("seed file");
    let mut failures = Vec::new();
    for case in doc["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().unwrap_or("?");
        let hints = Hints { file_name: case["hints"]["file_name"].as_str().map(String::from), ..Default::default() };
        let all = analyze(&input, &hints);
        let mut errs = Vec::new();
        if all.len() != 1 {
            errs.push(format!("expected one analysis, got {}", all.len()));
        }
        structure(&input, &all, &mut errs);
        let actual = serde_json::to_value(&all[0]).expect("analysis serializes");
        check(&input, "analysis", &case["expect"], &actual, &mut errs);
        for e in errs {
            failures.push(format!("[{seed} / {name}] {e}"));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn seed_05almaty4123() {
    run_seed("05ALMATY4123");
}

#[test]
fn seed_05almaty4282() {
    run_seed("05ALMATY4282");
}

/// The checker itself must be able to fail: a wrong expectation is reported.
#[test]
fn checker_reports_mismatches() {
    let input = b"UNCLAS ALMATY 004123\n";
    let actual = serde_json::json!({"banner": "UNCLAS", "banner_span": {"start": 0, "end": 6}, "list": [1, 2]});
    let mut errs = Vec::new();
    check(input, "a", &serde_json::json!({"banner_span@": "UNCLAS", "list": {"$includes": [2]}}), &actual, &mut errs);
    assert!(errs.is_empty(), "{errs:?}");
    check(
        input,
        "a",
        &serde_json::json!({"banner": "SECRET", "banner_span@^": "ALMATY", "list": [1], "nope": 1}),
        &actual,
        &mut errs,
    );
    assert_eq!(errs.len(), 4, "{errs:?}");
}
