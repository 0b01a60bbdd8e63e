//! One regression case per quirk listed in `tests/data/corpus/README.md`.
//!
//! The cases live in `tests/data/quirks/cases.json` (see its `_about` for
//! the check language); this file is a small generic checker. Every case is
//! run and reports its own failures; one `#[test]` per quirk family, named
//! after the case-name prefix, so `cargo test --test quirks ref_` runs the
//! reference cases only.
//!
//! Expected values were taken from the source files, not from the parser:
//! a failing case is a parser bug to fix (or a judgment call to settle in
//! review), never a case to weaken.

use cablescope::{analyze, Hints};
use serde_json::Value;
use std::path::PathBuf;

fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path)
}

/// Decodes an input slice for comparison: Windows-1252 when not UTF-8,
/// CRLF as LF, HTML tags dropped and entities decoded.
fn plain(bytes: &[u8], html: bool) -> String {
    let s = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| cp1252(b)).collect(),
    };
    let s = s.replace("\r\n", "\n");
    if !html {
        return s;
    }
    let mut out = String::new();
    let mut rest = s.as_str();
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(e) = rest.find('>') {
                rest = &rest[e + 1..];
                continue;
            }
        }
        if c == '&' {
            if let Some(e) = rest[..rest.len().min(12)].find(';') {
                let ent = &rest[1..e];
                let ch = match ent {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some(' '),
                    _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                        u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32)
                    }
                    _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                    _ => None,
                };
                if let Some(ch) = ch {
                    out.push(ch);
                    rest = &rest[e + 1..];
                    continue;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Resolves `path` in `v`: a list of values (several after `[*]`), or an error.
fn resolve(v: &Value, path: &str) -> Result<(Value, bool), String> {
    let mut cur = vec![v.clone()];
    let mut many = false;
    for seg in path.split('.') {
        let (name, sel) = match seg.find('[') {
            Some(i) => (&seg[..i], Some(seg[i + 1..].trim_end_matches(']'))),
            None => (seg, None),
        };
        let mut next = Vec::new();
        for c in &cur {
            let field = if name.is_empty() {
                c.clone()
            } else {
                c.get(name).cloned().ok_or_else(|| format!("no field `{name}` in `{path}`"))?
            };
            match sel {
                None => next.push(field),
                Some("*") => {
                    many = true;
                    next.extend(field.as_array().cloned().unwrap_or_default());
                }
                Some(s) => {
                    let arr = field.as_array().ok_or_else(|| format!("`{name}` is not a list (it is {field})"))?;
                    if let Ok(i) = s.parse::<i64>() {
                        let idx = if i < 0 { arr.len() as i64 + i } else { i };
                        let item = arr
                            .get(idx as usize)
                            .filter(|_| idx >= 0)
                            .ok_or_else(|| format!("`{name}` has {} elements, no [{i}]", arr.len()))?;
                        next.push(item.clone());
                    } else if let Some((k, want)) = s.split_once('=') {
                        let item = arr
                            .iter()
                            .find(|x| match &x[k] {
                                Value::String(t) => t == want,
                                other => {
                                    let printed = other.to_string();
                                    printed == want
                                }
                            })
                            .ok_or_else(|| {
                                format!(
                                    "no element of `{name}` with {k}={want} (have {})",
                                    short(&Value::Array(arr.iter().map(|x| x[k].clone()).collect()))
                                )
                            })?;
                        next.push(item.clone());
                    }
                }
            }
        }
        cur = next;
    }
    Ok(if many { (Value::Array(cur), true) } else { (cur.pop().unwrap_or(Value::Null), false) })
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 400 {
        format!("{}...", s.chars().take(400).collect::<String>())
    } else {
        s
    }
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_str().map(String::from).unwrap_or_else(|| x.to_string())).collect())
        .unwrap_or_default()
}

/// Checks one `[path, op, value]`; `Err` describes the failure.
fn check(analysis: &Value, input: &[u8], html: bool, path: &str, op: &str, want: &Value) -> Result<(), String> {
    let (actual, _) = resolve(analysis, path)?;
    let want_s = want.as_str().unwrap_or_default();
    let ok = match op {
        "eq" => actual == *want,
        "eq_ci" => actual.as_str().is_some_and(|a| a.eq_ignore_ascii_case(want_s)),
        "contains" => match &actual {
            Value::String(a) => a.contains(want_s),
            Value::Array(a) => a.contains(want),
            _ => false,
        },
        "not_contains" => match &actual {
            Value::String(a) => !a.contains(want_s),
            Value::Array(a) => !a.contains(want),
            _ => true,
        },
        "starts_with" => actual.as_str().is_some_and(|a| a.starts_with(want_s)),
        "ends_with" => actual.as_str().is_some_and(|a| a.ends_with(want_s)),
        "none_contains" => strs(&actual).iter().all(|a| !a.contains(want_s)),
        "any_contains" => strs(&actual).iter().any(|a| a.contains(want_s)),
        "none_starts_with" => strs(&actual).iter().all(|a| !a.starts_with(want_s)),
        "starts_with_list" => {
            let (a, w) = (actual.as_array().cloned().unwrap_or_default(), want.as_array().cloned().unwrap_or_default());
            a.len() >= w.len() && a[..w.len()] == w[..]
        }
        "len" => actual.as_array().map(|a| a.len() as u64) == want.as_u64(),
        "min_len" => actual.as_array().is_some_and(|a| a.len() as u64 >= want.as_u64().unwrap_or(0)),
        "slice_eq" | "slice_starts" | "slice_contains" => {
            let (Some(s), Some(e)) = (actual["start"].as_u64(), actual["end"].as_u64()) else {
                return Err(format!("{path}: not a span: {}", short(&actual)));
            };
            if s > e || e as usize > input.len() {
                return Err(format!("{path}: span {s}..{e} out of bounds ({} bytes)", input.len()));
            }
            let text = plain(&input[s as usize..e as usize], html);
            let good = match op {
                "slice_eq" => text == want_s,
                "slice_starts" => text.starts_with(want_s),
                _ => text.contains(want_s),
            };
            if !good {
                return Err(format!(
                    "{path} {op} {want}: span {s}..{e} slices to {:?}",
                    text.chars().take(200).collect::<String>()
                ));
            }
            true
        }
        other => return Err(format!("unknown op `{other}`")),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{path} {op} {want}: actual {}", short(&actual)))
    }
}

/// Runs every case whose name starts with `prefix`; panics listing all failures.
fn run_family(prefix: &str) {
    let doc: Value = serde_json::from_slice(&std::fs::read(data("quirks/cases.json")).expect("cases.json"))
        .expect("cases.json is JSON");
    let mut ran = 0;
    let mut failures = Vec::new();
    for case in doc["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().unwrap_or("?");
        if !name.starts_with(prefix) {
            continue;
        }
        ran += 1;
        let file = case["file"].as_str().expect("file");
        let input = std::fs::read(data(file)).unwrap_or_else(|e| panic!("{name}: cannot read {file}: {e}"));
        let hints = Hints {
            file_name: case["hints"]["file_name"]
                .as_str()
                .map(String::from)
                .or_else(|| file.rsplit('/').next().map(String::from)),
            base_offset: 0,
            ignore_metadata: case["hints"]["ignore_metadata"].as_bool().unwrap_or(false),
            ..Default::default()
        };
        let all = analyze(&input, &hints);
        let index = case["index"].as_u64().unwrap_or(0) as usize;
        let Some(a) = all.get(index) else {
            failures.push(format!("[{name}] ({file}) no analysis #{index}, got {}", all.len()));
            continue;
        };
        let v = serde_json::to_value(a).expect("analysis serializes");
        for c in case["checks"].as_array().expect("checks") {
            let (path, op, want) = (c[0].as_str().unwrap_or(""), c[1].as_str().unwrap_or(""), &c[2]);
            if let Err(e) = check(&v, &input, file.ends_with(".html"), path, op, want) {
                failures.push(format!("[{name}] ({file}) {e}"));
            }
        }
    }
    assert!(ran > 0, "no case named {prefix}*");
    assert!(failures.is_empty(), "{} failed checks in {prefix}* cases:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn banner_() {
    run_family("banner-");
}
#[test]
fn unclas_sensitive() {
    run_family("unclas-");
}
#[test]
fn caveat_() {
    run_family("caveat-");
}
#[test]
fn eo_() {
    run_family("eo-");
}
#[test]
fn tags_() {
    run_family("tags-");
}
#[test]
fn subject_() {
    run_family("subject-");
}
#[test]
fn ref_() {
    run_family("ref-");
}
#[test]
fn classified_by_() {
    run_family("classified-by-");
}
#[test]
fn paragraph_() {
    run_family("paragraph-");
}
#[test]
fn mark_() {
    run_family("mark-");
}
#[test]
fn heading_() {
    run_family("heading-");
}
#[test]
fn block_() {
    run_family("block-");
}
#[test]
fn page_break_() {
    run_family("page-break-");
}
#[test]
fn signer_() {
    run_family("signer-");
}
#[test]
fn apostrophe_() {
    run_family("apostrophe-");
}
#[test]
fn viewer_() {
    run_family("viewer-");
}
#[test]
fn pm_paul_mathieu_txt() {
    run_family("pm-");
}
#[test]
fn alx_txt() {
    run_family("alx-");
}

#[test]
fn addressee_() {
    run_family("addressee-");
}

#[test]
fn notice_() {
    run_family("notice-");
}

/// Every case belongs to a family above (a new prefix needs a new test).
#[test]
fn every_case_has_a_family() {
    let doc: Value =
        serde_json::from_slice(&std::fs::read(data("quirks/cases.json")).expect("cases.json")).expect("JSON");
    let families = [
        "banner-",
        "unclas-",
        "caveat-",
        "eo-",
        "tags-",
        "subject-",
        "ref-",
        "classified-by-",
        "paragraph-",
        "mark-",
        "heading-",
        "block-",
        "page-break-",
        "signer-",
        "apostrophe-",
        "viewer-",
        "pm-",
        "alx-",
        "addressee-",
        "notice-",
    ];
    for c in doc["cases"].as_array().expect("cases") {
        let n = c["name"].as_str().unwrap_or("");
        assert!(families.iter().any(|f| n.starts_with(f)), "case {n} has no family test");
    }
}
