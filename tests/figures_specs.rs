//! Runs the external Recognizers-Text cases (`tests/data/figure-specs/`) through the
//! figures extractor and prints the pass rate per file.
//!
//! A case is "supported" when it carries neither a `NotSupported` nor a
//! `NotSupportedByDesign` flag for any platform (this reproduces the counts in the
//! specs' README: PercentModel 15/20, CurrencyModel 127/180, DateExtractor 125/148,
//! DurationExtractor 56/64). Each case is one `ProseKind::Paragraph`; dates resolve
//! against the case's `ReferenceDateTime` when given, else 2016-11-07 (the date the
//! Recognizers-Text specs assume).
//!
//! A case passes when the figures of the file's kinds (percent; money; date or period;
//! duration; number) have exactly the expected spans, and, for percentages and money,
//! the expected values. Our spans include qualifier words (`about $ 14 million`); the
//! original's do not, so a leading qualifier phrase is allowed before an expected
//! span. Money is normalized to the main unit, so an expected value in cents or pence
//! is divided by 100 before comparing.
//!
//! Deliberate skips are listed with their reasons in
//! `tests/data/figures/spec-skips.txt`; at most 15% of a file's supported cases.
//! The test fails below 90% of the supported, non-skipped cases for PercentModel,
//! CurrencyModel, DateExtractor and DurationExtractor. NumberModel and
//! NumberRangeModel are printed without a threshold.
//!
//! `cargo test --test figures_specs -- --nocapture` prints the table;
//! `FIGURES_SPEC_FAILURES=1` also prints every failing case.

use cablescope::figures::{extract, DateContext, Prose, ProseKind};
use cablescope::mapped::Mapped;
use cablescope::{Figure, FigureKind, FigureValue};
use serde_json::Value;
use std::collections::HashMap;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/figure-specs/");
const SKIPS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/figures/spec-skips.txt");

/// Words a figure's span may carry before the span the specs expect.
const QUALIFIER_PREFIXES: &[&str] = &[
    "about",
    "approximately",
    "roughly",
    "around",
    "nearly",
    "almost",
    "some",
    "an estimated",
    "estimated",
    "more than",
    "less than",
    "fewer than",
    "over",
    "under",
    "above",
    "below",
    "up to",
    "at least",
    "at most",
    "no more than",
    "in excess of",
    "exceeding",
    "within",
    "between",
    "close to",
    "perhaps",
    "on the order of",
    "in the neighborhood of",
    "in the region of",
    "a minimum of",
    "a maximum of",
];

/// How one spec file is compared.
struct Spec {
    file: &'static str,
    kinds: &'static [FigureKind],
    check_value: bool,
    threshold: Option<f64>,
}

const SPECS: &[Spec] = &[
    Spec { file: "PercentModel.json", kinds: &[FigureKind::Percent], check_value: true, threshold: Some(0.9) },
    Spec { file: "CurrencyModel.json", kinds: &[FigureKind::Money], check_value: true, threshold: Some(0.9) },
    Spec {
        file: "DateExtractor.json",
        kinds: &[FigureKind::Date, FigureKind::Period],
        check_value: false,
        threshold: Some(0.9),
    },
    Spec { file: "DurationExtractor.json", kinds: &[FigureKind::Duration], check_value: false, threshold: Some(0.9) },
    Spec { file: "NumberModel.json", kinds: &[FigureKind::Number], check_value: false, threshold: None },
    Spec {
        file: "NumberRangeModel.json",
        kinds: &[FigureKind::Number, FigureKind::Count],
        check_value: false,
        threshold: None,
    },
];

/// An expected result: char span (half-open), and value text.
struct Expected {
    start: usize,
    end: usize,
    value: Option<String>,
    unit: Option<String>,
}

/// Per-file tally.
#[derive(Default)]
struct Tally {
    cases: usize,
    supported: usize,
    skipped: usize,
    passed: usize,
    unsupported_passed: usize,
}

fn load_skips() -> HashMap<(String, String), String> {
    let text = std::fs::read_to_string(SKIPS).expect("spec-skips.txt");
    let mut skips = HashMap::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        let (Some(file), Some(input), Some(reason)) = (parts.next(), parts.next(), parts.next()) else {
            panic!("bad skip line (file<TAB>input<TAB>reason): {line}");
        };
        assert!(!reason.trim().is_empty(), "skip without a reason: {line}");
        skips.insert((file.to_string(), input.to_string()), reason.to_string());
    }
    skips
}

/// The reference date of a case.
fn context(case: &Value) -> DateContext {
    let reference =
        case.get("Context").and_then(|c| c.get("ReferenceDateTime")).and_then(Value::as_str).unwrap_or("2016-11-07");
    let parts: Vec<u32> = reference[..10].split('-').map(|p| p.parse().expect("date")).collect();
    DateContext { date: Some((parts[0] as i32, parts[1], parts[2])), year: None }
}

fn expected(case: &Value) -> Vec<Expected> {
    let mut out = Vec::new();
    for r in case["Results"].as_array().expect("Results") {
        let start = r["Start"].as_u64().expect("Start") as usize;
        let end = match (r.get("End"), r.get("Length")) {
            (Some(e), _) => e.as_u64().expect("End") as usize + 1,
            (None, Some(l)) => start + l.as_u64().expect("Length") as usize,
            _ => panic!("no End or Length"),
        };
        let resolution = r.get("Resolution");
        let value = resolution.and_then(|v| v.get("value")).and_then(Value::as_str).map(str::to_string);
        let unit = resolution.and_then(|v| v.get("unit")).and_then(Value::as_str).map(str::to_string);
        out.push(Expected { start, end, value, unit });
    }
    out.sort_by_key(|e| e.start);
    out
}

/// Character offset of byte offset `b` in `s`.
fn chars_at(s: &str, b: usize) -> usize {
    s.get(..b).map_or(0, |p| p.chars().count())
}

fn span_ok(input: &str, f: &Figure, e: &Expected) -> bool {
    let (fs, fe) = (chars_at(input, f.span.start as usize), chars_at(input, f.span.end as usize));
    if fe != e.end {
        return false;
    }
    if fs == e.start {
        return true;
    }
    if fs > e.start {
        return false;
    }
    let prefix: String = input.chars().skip(fs).take(e.start - fs).collect();
    let prefix = prefix.trim().to_lowercase();
    QUALIFIER_PREFIXES.contains(&prefix.as_str())
}

fn value_ok(spec: &Spec, f: &Figure, e: &Expected) -> bool {
    if !spec.check_value {
        return true;
    }
    let Some(text) = e.value.as_deref().filter(|v| *v != "null") else {
        return f.value.is_none();
    };
    let Ok(mut want) = text.trim_end_matches('%').parse::<f64>() else {
        return false;
    };
    if matches!(e.unit.as_deref(), Some("Cent" | "Pence" | "Penny")) {
        want /= 100.0;
    }
    match f.value {
        Some(FigureValue::Number(v)) => (v - want).abs() <= 1e-9 * want.abs().max(1.0),
        _ => false,
    }
}

fn case_passes(spec: &Spec, input: &str, case: &Value) -> (bool, Vec<Figure>) {
    let mapped = Mapped::identity(input, 0);
    let prose = [Prose { text: &mapped, paragraph: None, kind: ProseKind::Paragraph }];
    let mut got: Vec<Figure> = extract(&prose, &context(case))
        .into_iter()
        .filter(|f| spec.kinds.contains(&f.kind))
        .filter(|f| spec.file != "NumberRangeModel.json" || f.low.is_some() || f.high.is_some())
        .collect();
    got.sort_by_key(|f| f.span.start);
    let want = expected(case);
    let ok =
        got.len() == want.len() && got.iter().zip(&want).all(|(f, e)| span_ok(input, f, e) && value_ok(spec, f, e));
    (ok, got)
}

#[test]
fn external_specs() {
    let skips = load_skips();
    let verbose = std::env::var_os("FIGURES_SPEC_FAILURES").is_some();
    let mut used_skips = 0;
    let mut failures = Vec::new();
    println!(
        "{:<24} {:>6} {:>9} {:>7} {:>7} {:>8}   (unsupported passed)",
        "file", "cases", "supported", "skipped", "passed", "rate"
    );
    for spec in SPECS {
        let text = std::fs::read_to_string(format!("{DIR}{}", spec.file)).expect("spec file");
        let cases: Vec<Value> = serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("json");
        let mut t = Tally::default();
        for case in &cases {
            t.cases += 1;
            let input = case["Input"].as_str().expect("Input");
            let supported = case.get("NotSupported").is_none() && case.get("NotSupportedByDesign").is_none();
            let skipped = skips.contains_key(&(spec.file.to_string(), input.to_string()));
            if skipped {
                used_skips += 1;
            }
            let (ok, got) = case_passes(spec, input, case);
            if !supported {
                t.unsupported_passed += usize::from(ok);
                continue;
            }
            t.supported += 1;
            if skipped {
                t.skipped += 1;
                continue;
            }
            if ok {
                t.passed += 1;
            } else if verbose {
                let got: Vec<String> = got.iter().map(|f| format!("{:?} {:?} {:?}", f.kind, f.text, f.value)).collect();
                let want: Vec<String> = expected(case)
                    .iter()
                    .map(|e| {
                        format!(
                            "{:?} {:?}",
                            input.chars().skip(e.start).take(e.end - e.start).collect::<String>(),
                            e.value
                        )
                    })
                    .collect();
                println!("FAIL {}: {input:?}\n     want {want:?}\n     got  {got:?}", spec.file);
            }
        }
        let denominator = t.supported - t.skipped;
        let rate = if denominator == 0 { 1.0 } else { t.passed as f64 / denominator as f64 };
        println!(
            "{:<24} {:>6} {:>9} {:>7} {:>7} {:>7.1}%   ({} of {})",
            spec.file,
            t.cases,
            t.supported,
            t.skipped,
            t.passed,
            rate * 100.0,
            t.unsupported_passed,
            t.cases - t.supported
        );
        assert!(
            t.skipped as f64 <= 0.15 * t.supported as f64,
            "{}: {} skips is more than 15% of {} supported cases",
            spec.file,
            t.skipped,
            t.supported
        );
        if let Some(min) = spec.threshold {
            if rate < min {
                failures.push(format!("{}: {:.1}% < {:.0}%", spec.file, rate * 100.0, min * 100.0));
            }
        }
    }
    assert_eq!(used_skips, skips.len(), "spec-skips.txt lists inputs that match no case");
    assert!(failures.is_empty(), "pass rate below threshold: {failures:?}");
}
