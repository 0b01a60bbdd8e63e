//! Properties of `analyze` on any bytes: it never panics, returns at least
//! one analysis, every span is in bounds, regions are ordered and tile each
//! analysis's span, the analyses tile the whole input (for a CSV dump: the
//! rows do), `base_offset` shifts every span, and reading with `summary_only`
//! gives the same collection summaries and search text. Inputs: random bytes and
//! mutations of seed / corpus snippets (non-ASCII insertions, truncation,
//! CRLF/LF/CR soup, HTML fragments, CSV quote/backslash soup). A plain test
//! runs the same invariants over every corpus file.

use cablescope::summary::{search_text, Summary};
use cablescope::{analyze, Analysis, Format, Hints, Span};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(path)
}

fn corpus_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["corpus/html", "corpus/txt", "seeds"] {
        for e in std::fs::read_dir(data(dir)).expect("corpus dir").flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "html" || x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Snippet sources for mutation: the seeds and a few corpus files of each form.
fn sources() -> &'static Vec<Vec<u8>> {
    static S: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    S.get_or_init(|| {
        [
            "seeds/05ALMATY4123.txt",
            "seeds/05ALMATY4282.txt",
            "corpus/html/07TBILISI1732.html",
            "corpus/html/08STATE15220.html",
            "corpus/html/07BERN881.html",
            "corpus/txt/09PARIS1007.txt",
            "corpus/txt/02ANKARA8852.txt",
        ]
        .iter()
        .map(|p| std::fs::read(data(p)).expect("source file"))
        .collect()
    })
}

fn all_spans(a: &Analysis) -> Vec<Span> {
    let mut v = Vec::new();
    a.clone().for_each_span_mut(&mut |s| v.push(*s));
    v
}

/// The invariants; `Err` names the first broken one.
fn invariants(input: &[u8], base: u64, all: &[Analysis]) -> Result<(), String> {
    if all.is_empty() {
        return Err("no analysis".into());
    }
    let end = base + input.len() as u64;
    for (i, a) in all.iter().enumerate() {
        for s in all_spans(a) {
            if s.start > s.end || s.start < base || s.end > end {
                return Err(format!("analysis[{i}]: span {}..{} outside {base}..{end}", s.start, s.end));
            }
        }
        let mut at = a.span.start;
        for (j, r) in a.regions.iter().enumerate() {
            if r.span.start != at {
                return Err(format!(
                    "analysis[{i}].regions[{j}] ({}) starts at {}, expected {at}",
                    r.kind, r.span.start
                ));
            }
            at = r.span.end;
        }
        if at != a.span.end {
            return Err(format!("analysis[{i}]: regions end at {at}, the span at {}", a.span.end));
        }
    }
    // The analyses (or the CSV rows) tile the whole input, in order.
    let mut at = base;
    for (i, a) in all.iter().enumerate() {
        if a.span.start != at {
            let what = if a.format == Format::CsvRow { "row" } else { "analysis" };
            return Err(format!("{what} [{i}] starts at {}, expected {at} (gap or overlap)", a.span.start));
        }
        at = a.span.end;
    }
    if at != end {
        return Err(format!("analyses end at {at}, the input at {end}"));
    }
    Ok(())
}

fn run(input: &[u8], base: u64) -> Result<(), String> {
    let hints = Hints { base_offset: base, ..Default::default() };
    let all = analyze(input, &hints);
    invariants(input, base, &all)?;
    same_summaries(input, &hints, &all)?;
    if base > 0 {
        // base_offset shifts every span and changes nothing else.
        let zero = analyze(input, &Hints::default());
        if zero.len() != all.len() {
            return Err(format!("{} analyses at base 0, {} at base {base}", zero.len(), all.len()));
        }
        for (a, b) in zero.iter().zip(&all) {
            let (sa, sb) = (all_spans(a), all_spans(b));
            if sa.len() != sb.len() {
                return Err("span count changes with base_offset".into());
            }
            for (x, y) in sa.iter().zip(&sb) {
                if x.start + base != y.start || x.end + base != y.end {
                    return Err(format!("span {}..{} became {}..{} with base {base}", x.start, x.end, y.start, y.end));
                }
            }
        }
    }
    Ok(())
}

/// What a collection keeps of each cable is the same whether the input is read in
/// full or with `summary_only` (batch mode).
fn same_summaries(input: &[u8], hints: &Hints, all: &[Analysis]) -> Result<(), String> {
    let quick = analyze(input, &Hints { summary_only: true, ..hints.clone() });
    if quick.len() != all.len() {
        return Err(format!("{} analyses in full, {} with summary_only", all.len(), quick.len()));
    }
    for (k, (a, q)) in all.iter().zip(&quick).enumerate() {
        let (sa, sq) = (Summary::of(a), Summary::of(q));
        if sa != sq {
            return Err(format!("cable {k}: summary in full {sa:?}\nwith summary_only {sq:?}"));
        }
        if search_text(a) != search_text(q) {
            return Err(format!("cable {k}: search text differs with summary_only"));
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, Vec<u8>),
    Truncate(usize),
    LineEnds(u8),
    Delete(usize, usize),
}

fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // Non-ASCII: valid multi-byte UTF-8, stray continuation bytes, cp1252 pilcrow.
        Just("¶".as_bytes().to_vec()),
        Just("’“é中😀".as_bytes().to_vec()),
        Just(vec![0xB6]),
        Just(vec![0x80, 0xBF, 0xC3]),
        Just(vec![0xEF, 0xBB, 0xBF]),
        // HTML fragments.
        Just(b"<code><pre>".to_vec()),
        Just(b"</pre></code>".to_vec()),
        Just(b"&#x000A;".to_vec()),
        Just(b"<a id='par3' href='#par3'>\xC2\xB6</a>3. ".to_vec()),
        Just(b"&amp;&#8217;&#xZZ;&".to_vec()),
        Just(b"<table class='cable'><tr><td><a href='x'>".to_vec()),
        // CSV quote/backslash soup.
        Just(b"\"1\",\"12/28/1966 18:48\",\"".to_vec()),
        Just(b"\\\"".to_vec()),
        Just(b"\",\"".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"\"\"".to_vec()),
        // Cable syntax.
        Just(b"\nSIPDIS\n".to_vec()),
        Just(b"\n110. (SBU) ".to_vec()),
        Just(b"\nNNNN\n".to_vec()),
        Just(b"\nREF: A. ".to_vec()),
        Just(b"\nVZCZC".to_vec()),
        Just(b"\r".to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), fragment()).prop_map(|(i, f)| Mutation::Insert(i, f)),
        any::<usize>().prop_map(Mutation::Truncate),
        (0u8..3).prop_map(Mutation::LineEnds),
        (any::<usize>(), 0usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
    ]
}

fn mutate(mut b: Vec<u8>, ms: &[Mutation]) -> Vec<u8> {
    for m in ms {
        match m {
            Mutation::Insert(i, f) => {
                let at = i % (b.len() + 1);
                b.splice(at..at, f.iter().copied());
            }
            Mutation::Truncate(i) => b.truncate(i % (b.len() + 1)),
            Mutation::Delete(i, n) => {
                let at = i % (b.len() + 1);
                let e = (at + n).min(b.len());
                b.drain(at..e);
            }
            Mutation::LineEnds(k) => {
                let nl: &[u8] = match k {
                    0 => b"\r\n",
                    1 => b"\r",
                    _ => b"\n",
                };
                let mut out = Vec::with_capacity(b.len());
                for &x in &b {
                    if x == b'\n' {
                        out.extend_from_slice(nl);
                    } else if x != b'\r' {
                        out.push(x);
                    }
                }
                b = out;
            }
        }
    }
    b
}

/// A snippet of a source: a window of it, so runs stay fast.
fn snippet() -> impl Strategy<Value = Vec<u8>> {
    (0..7usize, any::<usize>(), 0usize..3000).prop_map(|(k, at, len)| {
        let s = &sources()[k];
        let start = if at % 3 == 0 { 0 } else { at % s.len() };
        let end = (start + len).min(s.len());
        s[start..end].to_vec()
    })
}

fn csv_soup() -> impl Strategy<Value = Vec<u8>> {
    (1u64..4, prop::collection::vec(fragment(), 0..6), snippet()).prop_map(|(rows, frags, body)| {
        let mut out = Vec::new();
        for r in 1..=rows {
            out.extend_from_slice(format!("\"{r}\",\"2/25/1972 9:30\",\"72TEHRAN{r}\",\"Embassy Tehran\",\"UNCLASSIFIED\",\"\",\"R 250930Z FEB 72\nFM AMEMBASSY TEHRAN\",\"").as_bytes());
            for f in &frags {
                out.extend_from_slice(f);
            }
            out.extend(body.iter().map(|&b| if b == b'"' { b'\'' } else { b }));
            out.extend_from_slice(b"\"\n");
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(input in prop::collection::vec(any::<u8>(), 0..2000), base in prop_oneof![Just(0u64), 1u64..1_000_000]) {
        prop_assert_eq!(run(&input, base), Ok(()));
    }

    #[test]
    fn mutated_snippets(s in snippet(), ms in prop::collection::vec(mutation(), 0..6), base in prop_oneof![Just(0u64), 1u64..1_000_000]) {
        let input = mutate(s, &ms);
        prop_assert_eq!(run(&input, base), Ok(()));
    }

    #[test]
    fn csv_dumps(input in csv_soup(), ms in prop::collection::vec(mutation(), 0..3), base in prop_oneof![Just(0u64), 1u64..1_000_000]) {
        let input = mutate(input, &ms);
        prop_assert_eq!(run(&input, base), Ok(()));
    }
}

#[test]
fn empty_input() {
    assert_eq!(run(b"", 0), Ok(()));
    assert_eq!(run(b"", 7), Ok(()));
}

#[test]
fn every_corpus_file_keeps_the_invariants() {
    let mut failures = Vec::new();
    for p in corpus_files() {
        let input = std::fs::read(&p).expect("read");
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
        let all = analyze(&input, &Hints { file_name: name.clone(), ..Default::default() });
        if let Err(e) = invariants(&input, 0, &all) {
            failures.push(format!("{}: {e}", name.unwrap_or_default()));
        }
        if let Err(e) = run(&input, 12_345) {
            failures.push(format!("{} (base 12345): {e}", p.display()));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
