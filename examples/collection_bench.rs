//! Collection benchmark: the 228 corpus cables, summarized once, replicated
//! with distinct ids (`<id>_<copy>`, references renamed alike) to 10,000 and
//! 100,000 entries; times adding, searching and faceting, and prints the
//! index's bytes.
//!
//! `cargo run --release --example collection_bench [-- BUDGET_MB]` (default 64).

use std::time::Instant;

use cablescope::collection::{Collection, Filters, Query, Sort};
use cablescope::summary::{search_text, Summary};
use cablescope::{analyze, Hints};

fn corpus() -> Vec<(Summary, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus");
    let mut out = Vec::new();
    for dir in ["html", "txt"] {
        let mut files: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            let Ok(bytes) = std::fs::read(&f) else { continue };
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
            for a in analyze(&bytes, &Hints { file_name: name, ..Hints::default() }) {
                out.push((Summary::of(&a), search_text(&a)));
            }
        }
    }
    out
}

fn copy(s: &Summary, c: usize) -> Summary {
    let mut s = s.clone();
    if c > 0 {
        s.key = format!("{}_{c}", s.key);
        s.reference_id = s.reference_id.map(|r| format!("{r}_{c}"));
        s.references = s.references.iter().map(|r| format!("{r}_{c}")).collect();
    }
    s
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let budget_mb: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(64);
    let base = corpus();
    let text_bytes: usize = base.iter().map(|(_, t)| t.len()).sum();
    println!(
        "corpus: {} cables, {} KB of search text ({} bytes per cable); index budget {budget_mb} MB",
        base.len(),
        text_bytes / 1024,
        text_bytes / base.len().max(1)
    );
    let mut one = Collection::new(budget_mb << 20);
    for (s, t) in &base {
        one.add_one(s, Some(t));
    }
    let st = one.stats();
    println!(
        "228 distinct cables: index {} bytes = {} bytes per cable",
        st.index_bytes,
        st.index_bytes / st.entries.max(1)
    );
    for n in [10_000usize, 100_000] {
        let copies: Vec<(Summary, &str)> =
            (0..n).map(|i| (copy(&base[i % base.len()].0, i / base.len()), base[i % base.len()].1.as_str())).collect();
        let mut c = Collection::new(budget_mb << 20);
        let t = Instant::now();
        for (s, text) in &copies {
            c.add_one(s, Some(text));
        }
        let add = ms(t);
        let st = c.stats();
        println!(
            "\n{n} entries: add {add:.0} ms ({:.1} µs per cable); index {:.1} MB ({} bytes per cable), text indexed for {}, subject only {}",
            add * 1000.0 / n as f64,
            st.index_bytes as f64 / (1 << 20) as f64,
            st.index_bytes / n,
            st.indexed_text,
            st.indexed_subjects
        );
        let search = |s: &str| Query { search: Some(s.into()), ..Query::default() };
        let queries: Vec<(&str, Query)> = vec![
            ("no search, no filter", Query::default()),
            ("search 'nuclear'", search("nuclear")),
            ("search prefix 'minist'", search("minist")),
            ("search 'president election' (AND)", search("president election")),
            ("search prefix 'a' (worst case)", search("a")),
            ("search 'zzzzq' (no match)", search("zzzzq")),
            (
                "facets: level SECRET + tag PREL",
                Query {
                    filters: Filters { level: vec!["SECRET".into()], tag: vec!["PREL".into()], ..Filters::default() },
                    ..Query::default()
                },
            ),
            (
                "search 'iran' + year 2009 + sort subject",
                Query {
                    search: Some("iran".into()),
                    filters: Filters { year: vec![2009], ..Filters::default() },
                    sort: Some(Sort { key: "subject".into(), desc: false }),
                    ..Query::default()
                },
            ),
            (
                "sort date desc, window 5000..5100",
                Query { sort: Some(Sort { key: "date".into(), desc: true }), offset: Some(5000), ..Query::default() },
            ),
        ];
        for (what, q) in &queries {
            let t = Instant::now();
            let total = c.query(q).total;
            let cold = ms(t);
            let t = Instant::now();
            let _ = c.query(q).total;
            let warm = ms(t);
            println!("  {what:45} {total:>7} hits  first {cold:7.2} ms  again {warm:7.2} ms");
        }
        let t = Instant::now();
        let csv = c.export_csv(&Query::default());
        println!("  export_csv (all): {:.0} ms, {} KB", ms(t), csv.len() / 1024);
    }
}
