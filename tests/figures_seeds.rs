//! The figures of the two seed cables against a hand-written key
//! (`tests/data/figures/seed-key.json`), in both directions: every key figure is found
//! with its kind, value, unit, qualifier and measure, and nothing else is found.

use cablescope::figures::{extract, DateContext, Prose, ProseKind};
use cablescope::mapped::Mapped;
use cablescope::{Figure, FigureValue};
use serde_json::Value;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds/");
const KEY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/figures/seed-key.json");

/// One piece of prose cut from a seed.
struct Piece {
    text: Mapped,
    paragraph: Option<u32>,
    kind: ProseKind,
}

/// The label of a numbered paragraph line (`11. (SBU) `): its length.
fn label_len(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !line[digits..].starts_with(". (") {
        return None;
    }
    let close = line.find(") ")?;
    Some(close + 2)
}

/// Cuts a seed into the prose the parser would hand over: the SUBJECT line, headings
/// and numbered paragraphs, lines joined with single spaces, `SIPDIS` lines dropped,
/// every piece mapped to its source bytes.
fn pieces(src: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut current: Option<Piece> = None;
    let mut in_subject = false;
    let mut number = 0;
    let mut offset = 0usize;
    for raw in src.split_inclusive('\n') {
        let at = offset;
        offset += raw.len();
        let line = raw.trim_end();
        let trimmed = line.trim();
        let mut start = at + (line.len() - line.trim_start().len());
        let mut body = trimmed;
        if trimmed.is_empty() {
            if in_subject {
                in_subject = false;
                out.extend(current.take());
            }
            continue;
        }
        if trimmed == "SIPDIS" && current.is_some() {
            continue;
        }
        let new_piece = if let Some(rest) = trimmed.strip_prefix("SUBJECT: ") {
            start += trimmed.len() - rest.len();
            body = rest;
            in_subject = true;
            Some((None, ProseKind::Subject))
        } else if let Some(n) = label_len(trimmed) {
            number += 1;
            start += n;
            body = &trimmed[n..];
            Some((Some(number), ProseKind::Paragraph))
        } else if trimmed.starts_with("-----")
            || trimmed == "ORDWAY"
            || trimmed == "NNNN"
            || trimmed.starts_with("REF:")
        {
            out.extend(current.take());
            continue;
        } else {
            None
        };
        match new_piece {
            Some((paragraph, kind)) => {
                out.extend(current.take());
                current = Some(Piece { text: Mapped::identity(body, start as u64), paragraph, kind });
            }
            None => match current.as_mut() {
                Some(p) => {
                    let end = p.text.src_end(p.text.len());
                    p.text.push_synthetic(" ", end);
                    p.text.push_linear(body, start as u64);
                }
                None => {
                    // A heading between dashed lines.
                    if src[..at].trim_end().ends_with("-----") {
                        out.push(Piece {
                            text: Mapped::identity(body, start as u64),
                            paragraph: None,
                            kind: ProseKind::Heading,
                        });
                    }
                }
            },
        }
    }
    out.extend(current);
    out
}

fn run(name: &str) -> (String, Vec<Figure>) {
    let src = std::fs::read_to_string(format!("{SEEDS}{name}")).expect("seed");
    let pieces = pieces(&src);
    let prose: Vec<Prose<'_>> =
        pieces.iter().map(|p| Prose { text: &p.text, paragraph: p.paragraph, kind: p.kind }).collect();
    let ctx = DateContext { date: None, year: Some(2005) };
    (src.clone(), extract(&prose, &ctx))
}

fn kind_name(f: &Figure) -> String {
    serde_json::to_value(f.kind).expect("kind").as_str().unwrap_or("").to_string()
}

fn qualifier_name(f: &Figure) -> String {
    serde_json::to_value(f.qualifier).expect("qualifier").as_str().unwrap_or("").to_string()
}

/// Differences between a key entry and an extracted figure (empty when they agree).
fn compare(key: &Value, f: &Figure) -> Vec<String> {
    let mut diffs = Vec::new();
    let want_value = &key["value"];
    let value_ok = match (&f.value, want_value) {
        (None, Value::Null) => true,
        (Some(FigureValue::Number(v)), Value::Number(n)) => n.as_f64().is_some_and(|n| (n - v).abs() < 1e-9),
        (Some(FigureValue::Text(t)), Value::String(s)) => t == s,
        _ => false,
    };
    if !value_ok {
        diffs.push(format!("value {:?} != {want_value}", f.value));
    }
    for (field, got) in [("low", f.low), ("high", f.high)] {
        let want = key.get(field).and_then(Value::as_f64);
        if want != got {
            diffs.push(format!("{field} {got:?} != {want:?}"));
        }
    }
    if key["unit"].as_str() != f.unit.as_deref() {
        diffs.push(format!("unit {:?} != {}", f.unit, key["unit"]));
    }
    if key["qualifier"].as_str() != Some(qualifier_name(f).as_str()) {
        diffs.push(format!("qualifier {} != {}", qualifier_name(f), key["qualifier"]));
    }
    if let Some(grain) = key.get("grain") {
        if grain.as_str() != f.grain.as_deref() {
            diffs.push(format!("grain {:?} != {grain}", f.grain));
        }
    }
    let measure_ok = match (key["measure"].as_str(), f.measure.as_deref()) {
        (None, None) => true,
        (Some(want), Some(got)) => got.to_lowercase().contains(&want.to_lowercase()),
        _ => false,
    };
    if !measure_ok {
        diffs.push(format!("measure {:?} != {}", f.measure, key["measure"]));
    }
    diffs
}

fn check(name: &str) {
    let key: Value = serde_json::from_str(&std::fs::read_to_string(KEY).expect("key")).expect("json");
    let key = &key[name];
    let (src, figures) = run(name);
    let mut problems = Vec::new();
    let mut used = vec![false; figures.len()];
    for k in key["figures"].as_array().expect("figures") {
        let paragraph = k["paragraph"].as_u64().map(|p| p as u32);
        let text = k["text"].as_str().expect("text");
        let kind = k["kind"].as_str().expect("kind");
        let found = figures
            .iter()
            .enumerate()
            .find(|(i, f)| !used[*i] && f.paragraph == paragraph && f.text == text && kind_name(f) == kind);
        match found {
            None => problems.push(format!("missing: paragraph {paragraph:?} {kind} {text:?}")),
            Some((i, f)) => {
                used[i] = true;
                let diffs = compare(k, f);
                if !diffs.is_empty() {
                    problems.push(format!("paragraph {paragraph:?} {text:?}: {}", diffs.join("; ")));
                }
                // The span points at the same words in the source.
                let in_source = &src[f.span.start as usize..f.span.end as usize];
                let squeezed: Vec<&str> = in_source.split_whitespace().filter(|w| *w != "SIPDIS").collect();
                if squeezed.join(" ") != f.text {
                    problems.push(format!("span of {text:?} covers {in_source:?}"));
                }
                let sentence = &src[f.sentence.start as usize..f.sentence.end as usize];
                if !(f.sentence.start <= f.span.start && f.span.end <= f.sentence.end)
                    || sentence.len() < in_source.len()
                {
                    problems.push(format!("sentence of {text:?} is {sentence:?}"));
                }
            }
        }
    }
    for (f, used) in figures.iter().zip(&used) {
        if !used {
            problems.push(format!(
                "extra: paragraph {:?} {} {:?} value {:?}",
                f.paragraph,
                kind_name(f),
                f.text,
                f.value
            ));
        }
    }
    for not in key["not_figures"].as_array().expect("not_figures") {
        let not = not.as_str().expect("string");
        let mut from = 0;
        let mut seen = false;
        while let Some(at) = src[from..].find(not) {
            let (a, b) = ((from + at) as u64, (from + at + not.len()) as u64);
            seen = true;
            for f in &figures {
                if f.span.start < b && a < f.span.end {
                    problems.push(format!("{not:?} became a figure: {:?}", f.text));
                }
            }
            from += at + not.len();
        }
        assert!(seen, "not_figures entry {not:?} does not occur in {name}");
    }
    assert!(problems.is_empty(), "{name}:\n  {}", problems.join("\n  "));
}

#[test]
fn seed_4123_matches_its_key() {
    check("05ALMATY4123.txt");
}

#[test]
fn seed_4282_matches_its_key() {
    check("05ALMATY4282.txt");
}

#[test]
fn seed_prose_is_cut_like_the_parser_cuts_it() {
    let src = std::fs::read_to_string(format!("{SEEDS}05ALMATY4282.txt")).expect("seed");
    let pieces = pieces(&src);
    let numbers: Vec<Option<u32>> =
        pieces.iter().filter(|p| p.kind == ProseKind::Paragraph).map(|p| p.paragraph).collect();
    assert_eq!(numbers, (1..=11).map(Some).collect::<Vec<_>>());
    let p4 = pieces.iter().find(|p| p.paragraph == Some(4)).expect("paragraph 4");
    assert!(p4.text.as_str().contains("strategy was to stay in his office"));
    let subject = pieces.iter().find(|p| p.kind == ProseKind::Subject).expect("subject");
    assert_eq!(subject.text.as_str(), "SCENESETTER: PRESIDENTIAL ELECTION IN KAZAKHSTAN, DECEMBER 4, 2005");
}
