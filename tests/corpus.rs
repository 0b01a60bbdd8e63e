//! Every corpus file: read without panic, output valid against the JSON
//! Schema, and the fill-rate and agreement gates of the corpus report.
#![allow(clippy::unwrap_used)] // test helpers: a missing fixture should fail loudly

use cablescope::report::{fill_rates, Agreement};
use cablescope::{analyze, Analysis, Hints};
use std::path::PathBuf;

fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["tests/data/corpus/html", "tests/data/corpus/txt", "tests/data/seeds"] {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            files.push(e.path());
        }
    }
    files.sort();
    assert_eq!(files.len(), 230, "228 corpus cables and 2 seeds");
    files
}

fn read(path: &PathBuf, ignore_metadata: bool) -> Vec<Analysis> {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    analyze(&bytes, &Hints { file_name: name, ignore_metadata, ..Hints::default() })
}

#[test]
fn every_corpus_file_validates_against_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("schema/analysis.schema.json").unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let mut failures = Vec::new();
    for path in corpus_files() {
        let cables = read(&path, false);
        assert!(!cables.is_empty());
        for a in cables {
            let json = serde_json::to_value(&a).unwrap();
            for e in validator.iter_errors(&json).take(3) {
                failures.push(format!("{}: {} at {}", path.display(), e, e.instance_path()));
            }
        }
    }
    assert!(failures.is_empty(), "schema violations:\n{}", failures.join("\n"));
}

/// Text alone (metadata ignored) against the viewer table: the date and
/// level the text gives agree with the metadata, and so does the reference
/// id, except where its year had to be inferred from dates in the prose (a
/// partial record with no DTG), or the page is one of the malformed ones.
#[test]
fn text_alone_agrees_with_viewer_metadata() {
    // 09CHISINAU694 is one of heuer/cablemap's malformed pages: its body
    // holds another cable's dump row (09ULAANBAATAR234).
    let malformed = ["09CHISINAU694"];
    // WikiLeaks' table says SECRET//NOFORN; the cable's own banner says CONFIDENTIAL.
    let level_disputed = ["09TBILISI1123"];
    let mut agree = Agreement::default();
    let mut unexplained = Vec::new();
    for path in corpus_files().iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        for (t, m) in read(path, true).iter().zip(read(path, false).iter()) {
            agree.add(t, m);
            let meta_id = m.metadata.as_ref().and_then(|x| x.reference_id.clone()).unwrap_or_default();
            let inferred = t.diagnostics.iter().any(|d| d.code == "year-from-text");
            if t.reference_id.as_ref().is_some_and(|id| *id != meta_id)
                && !inferred
                && !malformed.contains(&meta_id.as_str())
            {
                unexplained.push((t.reference_id.clone(), meta_id));
            }
        }
    }
    println!("id {:?} level {:?} date {:?} of {}", agree.id, agree.level, agree.date, agree.compared);
    assert!(unexplained.is_empty(), "reference ids differ: {unexplained:?}");
    assert_eq!(agree.date.0, agree.date.1, "dates differ: {:?}", agree.date_mismatches);
    let levels: Vec<_> = agree.level_mismatches.iter().filter(|m| !level_disputed.contains(&m.0.as_str())).collect();
    assert!(levels.is_empty(), "levels differ: {levels:?}");
    // The text alone gives a level for every page with a banner, and a date
    // for every page with a DTG.
    assert!(agree.level.0 >= agree.compared - 2, "levels read: {:?}", agree.level);
}

/// Reference id, level, subject and paragraphs are filled wherever the cable
/// has them: on this corpus, every cable has all four.
#[test]
fn fill_rate_gates() {
    let mut all = Vec::new();
    for path in corpus_files() {
        all.extend(read(&path, false));
    }
    let rates = fill_rates(&all);
    for (name, n) in &rates {
        println!("{name:<24} {n:>4}/{}", all.len());
    }
    let rate = |f: &str| rates.iter().find(|(n, _)| *n == f).map(|r| r.1).unwrap();
    for field in ["reference_id", "classification.level"] {
        assert_eq!(rate(field), all.len(), "{field} must be filled in every cable");
    }
    // Paragraphs: every cable but the one page whose body WikiLeaks cut off
    // before its first paragraph (`REF: 09 DUSHANBE 406` then a page break).
    let no_paragraphs: Vec<&str> =
        all.iter().filter(|a| a.paragraphs.is_empty()).filter_map(|a| a.source.name.as_deref()).collect();
    assert_eq!(no_paragraphs, ["09DUSHANBE575.html"]);
    // The subject: every cable whose text has a SUBJECT line.
    for path in corpus_files() {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).to_ascii_uppercase();
        if text.contains("SUBJECT:") || text.contains("SUBJ:") {
            for a in read(&path, true) {
                assert!(a.subject.is_some(), "{} has a SUBJECT line but no subject was read", path.display());
            }
        }
    }
}

/// No figure inside a header line, a reference list or a paragraph label:
/// every figure lies in the subject, a heading or a paragraph's prose.
#[test]
fn figures_stay_in_the_prose() {
    let mut bad = Vec::new();
    let mut total = 0;
    for path in corpus_files() {
        for a in read(&path, false) {
            let prose: Vec<cablescope::Span> = a
                .paragraphs
                .iter()
                .map(|p| p.text_span)
                .chain(a.subject_span)
                .chain(a.headings.iter().map(|h| h.span))
                .collect();
            for f in &a.figures {
                total += 1;
                if !prose.iter().any(|s| s.start <= f.span.start && f.span.end <= s.end) {
                    bad.push(format!("{}: {:?} {}..{}", path.display(), f.text, f.span.start, f.span.end));
                }
            }
        }
    }
    println!("{total} figures in the corpus");
    assert!(total > 1000, "the corpus states figures: {total}");
    assert!(bad.is_empty(), "figures outside the prose:\n{}", bad.join("\n"));
}
