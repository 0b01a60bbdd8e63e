//! A synthetic cables.csv dump, built at test time by
//! `scripts/make-csv-dump.py` (one copy of the corpus), read back by
//! `analyze`: one analysis per row, metadata from the columns, `\"` escapes
//! decoded, spans into the raw dump, regions tiling each row, and the same
//! subject / paragraph count / TAGS as the original corpus file.

use cablescope::{analyze, Analysis, Format, Hints};
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the script with `args`; returns the dump's bytes.
fn make_dump(tag: &str, args: &[&str]) -> Vec<u8> {
    let out = std::env::temp_dir().join(format!("cablescope-csv-{}-{tag}.csv", std::process::id()));
    let status = Command::new("python3")
        .arg(root().join("scripts/make-csv-dump.py"))
        .arg("--out")
        .arg(&out)
        .args(args)
        .status()
        .expect("python3 must be installed to build the CSV dump");
    assert!(status.success(), "make-csv-dump.py failed");
    let bytes = std::fs::read(&out).expect("dump written");
    let _ = std::fs::remove_file(&out);
    bytes
}

/// The columns of each row as the script wrote them (a reader for `\`-escaped
/// quoted fields, independent of the parser's).
fn columns(dump: &[u8]) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < dump.len() {
        let mut row = Vec::new();
        loop {
            assert_eq!(dump[i], b'"', "field must be quoted at byte {i}");
            i += 1;
            let mut f = Vec::new();
            while dump[i] != b'"' {
                if dump[i] == b'\\' {
                    i += 1;
                }
                f.push(dump[i]);
                i += 1;
            }
            i += 1;
            row.push(String::from_utf8(f).expect("UTF-8"));
            match dump.get(i) {
                Some(b',') => i += 1,
                _ => {
                    i += 1; // newline
                    break;
                }
            }
        }
        rows.push(row);
    }
    rows
}

fn slice(dump: &[u8], s: cablescope::Span) -> &str {
    std::str::from_utf8(&dump[s.start as usize..s.end as usize]).unwrap_or("<not UTF-8>")
}

#[test]
fn the_script_is_deterministic_and_copies_get_distinct_ids() {
    let a = make_dump("det-a", &[]);
    let b = make_dump("det-b", &[]);
    assert!(a == b, "two runs differ");
    let two = make_dump("two", &["--copies", "2"]);
    let cols = columns(&two);
    assert_eq!(cols.len(), 2 * columns(&a).len());
    let mut ids: Vec<&str> = cols.iter().map(|r| r[2].as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), cols.len(), "every row must be a distinct cable");
    // Copy 1 shifts the serial by 100000 in the id and the banner.
    let first = &cols[0];
    let copy = &cols[cols.len() / 2];
    assert_ne!(first[2], copy[2]);
    let digits: String =
        copy[2].chars().rev().take_while(|c| c.is_ascii_digit()).collect::<Vec<_>>().into_iter().rev().collect();
    assert!(
        copy[7].contains(&format!("{:06}", digits.parse::<u64>().expect("serial"))),
        "banner of copy must carry the shifted serial {digits}"
    );
}

#[test]
fn dump_rows_read_back() {
    let dump = make_dump("one", &[]);
    let cols = columns(&dump);
    let all = analyze(&dump, &Hints { file_name: Some("cables.csv".into()), ..Default::default() });
    let mut failures = Vec::new();
    if all.len() != cols.len() {
        failures.push(format!("{} rows, {} analyses", cols.len(), all.len()));
    }
    let mut at = 0;
    let mut escaped_checked = 0;
    for (a, c) in all.iter().zip(&cols) {
        let id = &c[2];
        let mut fail = |m: String| failures.push(format!("[row {} {id}] {m}", c[0]));
        if a.format != Format::CsvRow {
            fail(format!("format {:?}", a.format));
        }
        if a.source.row != c[0].parse().ok() {
            fail(format!("source.row {:?}", a.source.row));
        }
        if a.reference_id.as_deref() != Some(id.as_str()) {
            fail(format!("reference_id {:?}", a.reference_id));
        }
        match &a.metadata {
            None => fail("no metadata".into()),
            Some(m) => {
                if m.reference_id.as_deref() != Some(id.as_str()) {
                    fail(format!("metadata.reference_id {:?}", m.reference_id));
                }
                if m.origin.as_deref() != Some(c[3].as_str()) {
                    fail(format!("metadata.origin {:?}, column {:?}", m.origin, c[3]));
                }
                if m.classification.as_deref() != Some(c[4].as_str()) {
                    fail(format!("metadata.classification {:?}, column {:?}", m.classification, c[4]));
                }
                if m.created.as_deref() != Some(c[1].as_str()) && !c[1].is_empty() {
                    fail(format!("metadata.created {:?}, column {:?}", m.created, c[1]));
                }
            }
        }
        // Rows tile the dump; regions tile each row.
        if a.span.start != at {
            fail(format!("row starts at {}, expected {at}", a.span.start));
        }
        at = a.span.end;
        let mut r_at = a.span.start;
        for r in &a.regions {
            if r.span.start != r_at {
                fail(format!("region {} starts at {}, expected {r_at}", r.kind, r.span.start));
                break;
            }
            r_at = r.span.end;
        }
        if r_at != a.span.end {
            fail(format!("regions end at {r_at}, row at {}", a.span.end));
        }
        // Text decoded: `\"` is a quote in the text, a span over it slices to `\"`.
        for p in &a.paragraphs {
            if p.text.contains("\\\"") {
                fail(format!("paragraph {:?} text keeps a \\\" escape", p.number));
            }
            let raw = slice(&dump, p.text_span);
            if raw.contains("\\\"") {
                escaped_checked += 1;
                if !p.text.contains('"') {
                    fail(format!("paragraph {:?} spans an escaped quote but its text has none", p.number));
                }
            }
        }
        if let Some(s) = a.subject_span {
            if a.subject.as_deref().is_some_and(|t| t.contains('"')) && !slice(&dump, s).contains("\\\"") {
                fail("subject with a quote: its span should slice to the \\\" escape".into());
            }
        }
    }
    if at != dump.len() as u64 {
        failures.push(format!("rows end at {at}, the dump at {}", dump.len()));
    }
    assert!(escaped_checked > 0, "the dump should hold paragraphs with escaped quotes");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// A multi-line field: the row's paragraphs span several lines of the dump.
#[test]
fn multi_line_fields() {
    let dump = make_dump("ml", &[]);
    let all = analyze(&dump, &Hints::default());
    let a = all.iter().find(|a| a.reference_id.as_deref() == Some("07TBILISI1732")).expect("row 07TBILISI1732");
    assert!(slice(&dump, a.span).matches('\n').count() > 50);
    assert!(a.paragraphs.iter().filter(|p| p.number.is_some()).count() > 10);
    assert!(a.dtg.as_ref().is_some_and(|d| d.raw == "201210Z JUL 07"), "dtg from the header column: {:?}", a.dtg);
}

/// Each row says what analyzing the original corpus file says.
#[test]
fn rows_agree_with_the_corpus_files() {
    let dump = make_dump("agree", &[]);
    let rows = analyze(&dump, &Hints::default());
    let mut failures = Vec::new();
    for dir in ["html", "txt"] {
        let mut names: Vec<_> = std::fs::read_dir(root().join("tests/data/corpus").join(dir))
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .collect();
        names.sort();
        for p in names {
            let id = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
            let input = std::fs::read(&p).expect("read");
            let orig: Vec<Analysis> = analyze(
                &input,
                &Hints { file_name: p.file_name().map(|n| n.to_string_lossy().into_owned()), ..Default::default() },
            );
            let Some(row) = rows.iter().find(|a| a.reference_id.as_deref() == Some(id.as_str())) else {
                failures.push(format!("{id}: no row"));
                continue;
            };
            let o = &orig[0];
            if o.subject != row.subject {
                failures.push(format!("{id}: subject {:?} in the file, {:?} in the row", o.subject, row.subject));
            }
            if o.paragraphs.len() != row.paragraphs.len() {
                failures.push(format!(
                    "{id}: {} paragraphs in the file, {} in the row",
                    o.paragraphs.len(),
                    row.paragraphs.len()
                ));
            }
            let (ta, tb): (Vec<_>, Vec<_>) =
                (o.tags.iter().map(|t| &t.code).collect(), row.tags.iter().map(|t| &t.code).collect());
            if ta != tb {
                failures.push(format!("{id}: tags {ta:?} in the file, {tb:?} in the row"));
            }
        }
    }
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}
