//! One sentence per example of the figures specification, and negative cases, read
//! from `tests/data/figures/cases.json`: every case must yield exactly the figures
//! it lists (only the fields it gives are compared).

use cablescope::figures::{extract, DateContext, Prose, ProseKind};
use cablescope::mapped::Mapped;
use cablescope::{Figure, FigureValue};
use serde_json::Value;

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/figures/cases.json");

fn context(case: &Value) -> DateContext {
    match case.get("date").and_then(Value::as_str) {
        Some("none") => DateContext::default(),
        Some(d) => {
            let p: Vec<u32> = d.split('-').map(|x| x.parse().expect("date")).collect();
            DateContext { date: Some((p[0] as i32, p[1], p[2])), year: None }
        }
        None => DateContext { date: None, year: Some(2005) },
    }
}

fn name<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).expect("json").as_str().unwrap_or("").to_string()
}

/// Differences between an expected figure and a found one.
fn diff(want: &Value, f: &Figure) -> Vec<String> {
    let mut out = Vec::new();
    let obj = want.as_object().expect("object");
    for (field, w) in obj {
        let ok = match field.as_str() {
            "text" => w.as_str() == Some(f.text.as_str()),
            "kind" => w.as_str() == Some(name(f.kind).as_str()),
            "qualifier" => w.as_str() == Some(name(f.qualifier).as_str()),
            "unit" => w.as_str() == f.unit.as_deref(),
            "grain" => w.as_str() == f.grain.as_deref(),
            "low" => w.as_f64() == f.low,
            "high" => w.as_f64() == f.high,
            "measure" => match (w.as_str(), f.measure.as_deref()) {
                (Some(a), Some(b)) => b.to_lowercase().contains(&a.to_lowercase()),
                (None, None) => true,
                _ => false,
            },
            "value" => match (w, &f.value) {
                (Value::Null, None) => true,
                (Value::Number(n), Some(FigureValue::Number(v))) => n.as_f64() == Some(*v),
                (Value::String(s), Some(FigureValue::Text(t))) => s == t,
                _ => false,
            },
            other => panic!("unknown field {other}"),
        };
        if !ok {
            let got = serde_json::to_value(f).expect("json");
            out.push(format!("{field}: want {w}, got {}", got.get(field).unwrap_or(&Value::Null)));
        }
    }
    out
}

#[test]
fn every_specification_example() {
    let all: Value = serde_json::from_str(&std::fs::read_to_string(CASES).expect("cases")).expect("json");
    let mut problems = Vec::new();
    for case in all["cases"].as_array().expect("cases") {
        let input = case["input"].as_str().expect("input");
        let body = Mapped::identity(input, 1000);
        let subject = case.get("subject").and_then(Value::as_str).map(|s| Mapped::identity(s, 0));
        let mut prose = Vec::new();
        if let Some(s) = &subject {
            prose.push(Prose { text: s, paragraph: None, kind: ProseKind::Subject });
        }
        prose.push(Prose { text: &body, paragraph: Some(1), kind: ProseKind::Paragraph });
        let got = extract(&prose, &context(case));
        let want = case["expect"].as_array().expect("expect");
        if got.len() != want.len() {
            let texts: Vec<String> = got.iter().map(|f| format!("{} {:?}", name(f.kind), f.text)).collect();
            problems.push(format!("{input:?}: want {} figures, got {texts:?}", want.len()));
            continue;
        }
        for (w, f) in want.iter().zip(&got) {
            let d = diff(w, f);
            if !d.is_empty() {
                problems.push(format!("{input:?} {:?}: {}", f.text, d.join("; ")));
            }
            // Spans point into the source the prose came from.
            if f.paragraph == Some(1) {
                let (a, b) = (f.span.start as usize - 1000, f.span.end as usize - 1000);
                assert_eq!(&input[a..b], f.text, "span of {:?}", f.text);
            }
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}
