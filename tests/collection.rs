//! The collection (batch mode) over the 228 corpus cables: dedupe, facet
//! counts (expected values computed here from the analyses, not from the
//! collection), search (prefix, AND, no match, the index budget), references
//! and back-links, skipped inputs, and the CSV export against the CLI's rows.
#![allow(clippy::unwrap_used)] // test code: failures should be loud

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::process::Command;

use cablescope::collection::index::{words, Indexed};
use cablescope::collection::{Collection, Filters, Query, Sort};
use cablescope::summary::{search_text, Summary};
use cablescope::{analyze, Hints};

/// Every corpus file (relative path, as the CLI is given it), html then txt.
fn files() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["html", "txt"] {
        let mut names: Vec<String> = std::fs::read_dir(format!("tests/data/corpus/{dir}"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        out.extend(names.into_iter().map(|n| format!("tests/data/corpus/{dir}/{n}")));
    }
    out
}

/// Summary and search text of every cable of the corpus, in file order.
fn corpus() -> Vec<(Summary, String)> {
    let mut out = Vec::new();
    for f in files() {
        let bytes = std::fs::read(&f).unwrap();
        for a in analyze(&bytes, &Hints { file_name: Some(f.clone()), ..Hints::default() }) {
            out.push((Summary::of(&a), search_text(&a)));
        }
    }
    out
}

fn collection(cables: &[(Summary, String)], budget: usize) -> Collection {
    let mut c = Collection::new(budget);
    let (s, t): (Vec<Summary>, Vec<String>) = cables.iter().cloned().unzip();
    c.add(&s, &t);
    c
}

/// The first summary of each key, in order (what the collection should keep).
fn distinct(cables: &[(Summary, String)]) -> Vec<&(Summary, String)> {
    let mut seen = HashSet::new();
    cables.iter().filter(|(s, _)| s.problem.is_none() && seen.insert(s.key.clone())).collect()
}

fn search(s: &str) -> Query {
    Query { search: Some(s.into()), ..Query::default() }
}

#[test]
fn the_same_file_twice_is_one_entry_with_one_source() {
    let cables = corpus();
    let mut c = collection(&cables, 64 << 20);
    let entries = c.len();
    let first = &cables[0].0;
    c.add(std::slice::from_ref(first), &[cables[0].1.clone()]);
    assert_eq!(c.len(), entries);
    let d = c.entry(&first.key).unwrap();
    assert_eq!(d.base.sources.len(), 1, "an identical copy is listed once");
    assert_eq!(d.base.duplicate_count, 1);
    assert_eq!(c.stats().duplicates, cables.len() - entries + 1);
}

/// A one-copy synthetic dump of the corpus (`scripts/make-csv-dump.py`): the
/// same cables, with the same ids, as `cables.csv` rows.
fn dump() -> Vec<u8> {
    let out = std::env::temp_dir().join(format!("cablescope-collection-{}.csv", std::process::id()));
    let status = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/make-csv-dump.py"))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("python3 must be installed to build the CSV dump");
    assert!(status.success());
    let bytes = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    bytes
}

#[test]
fn the_same_cable_in_two_forms_is_one_entry_with_both_sources() {
    let cables = corpus();
    let bytes = dump();
    // Summarized in slices of whole rows, as the page's workers do: the
    // sources must be the rows' offsets in the whole file.
    let whole: Vec<Summary> = analyze(&bytes, &Hints { file_name: Some("cables.csv".into()), ..Hints::default() })
        .iter()
        .map(Summary::of)
        .collect();
    let mut sliced: Vec<(Summary, String)> = Vec::new();
    let mut at = 0;
    let mut size = 64 << 10;
    while at < bytes.len() {
        let stop = (at + size).min(bytes.len());
        let chunk = &bytes[at..stop];
        let mut end = 0;
        while let Some(e) = cablescope::csv::row_end(chunk, end) {
            end = e;
        }
        if stop == bytes.len() {
            end = chunk.len(); // the last row needs no line end
        } else if end == 0 {
            size *= 2; // one row longer than the slice: read more
            continue;
        }
        let hints = Hints { file_name: Some("cables.csv".into()), base_offset: at as u64, ..Hints::default() };
        sliced.extend(analyze(&bytes[at..at + end], &hints).iter().map(|a| (Summary::of(a), search_text(a))));
        at += end;
    }
    let ranges = |v: &[Summary]| {
        v.iter().map(|s| (s.key.clone(), s.source.row, s.source.start, s.source.end)).collect::<Vec<_>>()
    };
    let sliced_summaries: Vec<Summary> = sliced.iter().map(|x| x.0.clone()).collect();
    assert_eq!(ranges(&sliced_summaries), ranges(&whole));
    assert_eq!(whole.len(), 228);

    let mut c = collection(&cables, 64 << 20);
    let before = c.len();
    let (s, t): (Vec<Summary>, Vec<String>) = sliced.into_iter().unzip();
    c.add(&s, &t);
    let with_id: Vec<&Summary> = s.iter().filter(|s| s.reference_id.is_some()).collect();
    assert!(with_id.len() > 200);
    let known: HashSet<&str> = cables.iter().map(|x| x.0.key.as_str()).collect();
    let mut both = 0;
    for s in &with_id {
        let d = c.entry(&s.key).unwrap();
        if known.contains(s.key.as_str()) {
            let names: BTreeSet<&str> = d.base.sources.iter().map(|x| x.name.unwrap()).collect();
            assert_eq!(names.len(), 2, "{}: {:?}", s.key, d.base.sources);
            assert!(names.contains("cables.csv"));
            let row = d.base.sources.iter().find(|x| x.name == Some("cables.csv")).unwrap();
            assert_eq!((row.start, row.end), (s.source.start, s.source.end));
            both += 1;
        }
    }
    assert!(both > 200, "most corpus cables are found again in the dump ({both})");
    assert_eq!(
        c.len(),
        before + s.iter().filter(|x| !known.contains(x.key.as_str())).map(|x| &x.key).collect::<HashSet<_>>().len()
    );
}

/// Expected facet counts: every distinct cable passing `keep`, each value once per cable.
fn expected(cables: &[&(Summary, String)], keep: impl Fn(&Summary) -> bool) -> [BTreeMap<String, u32>; 5] {
    let mut out: [BTreeMap<String, u32>; 5] = Default::default();
    for (s, _) in cables.iter().map(|c| (&c.0, &c.1)).filter(|(s, _)| keep(s)) {
        let mut add = |i: usize, v: &str| *out[i].entry(v.to_string()).or_default() += 1;
        if let Some(l) = &s.level {
            add(0, l);
        }
        for c in s.caveats.iter().collect::<BTreeSet<_>>() {
            add(1, c);
        }
        if let Some(o) = &s.origin {
            add(2, o);
        }
        if let Some(y) = s.year {
            add(3, &y.to_string());
        }
        for t in s.tags.iter().collect::<BTreeSet<_>>() {
            add(4, t);
        }
    }
    out
}

/// The facet values the collection lists (at most 200 per facet, the largest)
/// agree with the expected counts.
fn check(got: &[BTreeMap<String, u32>; 5], want: &[BTreeMap<String, u32>; 5]) {
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.len(), w.len().min(cablescope::collection::facets::FACET_TOP), "{g:?}\n{w:?}");
        for (v, n) in g {
            assert_eq!(w.get(v), Some(n), "{v}");
        }
        // The largest counts are the ones listed.
        let least = g.values().min().copied().unwrap_or(0);
        assert!(w.iter().all(|(v, n)| g.contains_key(v) || *n <= least));
    }
}

fn got(c: &mut Collection, q: &Query) -> [BTreeMap<String, u32>; 5] {
    let r = c.query(q);
    let m = |items: &[cablescope::collection::facets::FacetItem]| {
        items.iter().filter(|i| i.count > 0).map(|i| (i.value.clone(), i.count)).collect()
    };
    [
        m(&r.facets.level),
        m(&r.facets.caveat),
        m(&r.facets.origin),
        r.facets.year.iter().filter(|i| i.count > 0).map(|i| (i.value.to_string(), i.count)).collect(),
        m(&r.facets.tag),
    ]
}

#[test]
fn facet_counts_over_the_corpus() {
    let cables = corpus();
    let d = distinct(&cables);
    let mut c = collection(&cables, 64 << 20);
    let all = expected(&d, |_| true);
    check(&got(&mut c, &Query::default()), &all);
    assert_eq!(c.query(&Query::default()).total, d.len());
    assert!(all[0].len() >= 3 && all[2].len() > 50 && all[4].len() > 50, "the corpus spreads over many values");

    // One filter: its own facet keeps every count, the others count the filtered set.
    let secret = Query { filters: Filters { level: vec!["SECRET".into()], ..Filters::default() }, ..Query::default() };
    let is_secret = |s: &Summary| s.level.as_deref() == Some("SECRET");
    let e = expected(&d, is_secret);
    let g = got(&mut c, &secret);
    check(&g, &[all[0].clone(), e[1].clone(), e[2].clone(), e[3].clone(), e[4].clone()]);
    let r = c.query(&secret);
    assert_eq!(r.total, d.iter().filter(|x| is_secret(&x.0)).count());
    assert!(r.facets.level.iter().any(|i| i.value == "SECRET" && i.selected));

    // OR within a facet, AND across facets.
    let q = Query {
        filters: Filters {
            level: vec!["SECRET".into(), "CONFIDENTIAL".into()],
            tag: vec!["PREL".into(), "PGOV".into()],
            ..Filters::default()
        },
        ..Query::default()
    };
    let lv = |s: &Summary| matches!(s.level.as_deref(), Some("SECRET" | "CONFIDENTIAL"));
    let tg = |s: &Summary| s.tags.iter().any(|t| t == "PREL" || t == "PGOV");
    let g = got(&mut c, &q);
    let both = expected(&d, |s| lv(s) && tg(s));
    // The level facet counts with the tag filter only, the tag facet with the level filter only.
    let want =
        [expected(&d, tg)[0].clone(), both[1].clone(), both[2].clone(), both[3].clone(), expected(&d, lv)[4].clone()];
    check(&g, &want);
    assert_eq!(c.query(&q).total, d.iter().filter(|x| lv(&x.0) && tg(&x.0)).count());
    let charts = c.query(&q).charts;
    let years: u32 = charts.year.iter().map(|b| b.count).sum();
    assert_eq!(years as usize, d.iter().filter(|x| lv(&x.0) && tg(&x.0) && x.0.year.is_some()).count());
    assert!(charts.year.windows(2).all(|w| w[0].value < w[1].value));
    assert!(charts.origin.len() <= 20);

    // An unknown value selects nothing but is listed as selected.
    let q = Query { filters: Filters { origin: vec!["NOWHERE".into()], ..Filters::default() }, ..Query::default() };
    let r = c.query(&q);
    assert_eq!(r.total, 0);
    assert!(r.facets.origin.iter().any(|i| i.value == "NOWHERE" && i.selected && i.count == 0));
}

/// Keys whose searched text (text, or subject for subject-only entries) has,
/// for every query word, a word it begins.
fn brute(c: &Collection, cables: &[&(Summary, String)], q: &str) -> BTreeSet<String> {
    let mut terms = Vec::new();
    words(q, |w| terms.push(w.to_string()));
    cables
        .iter()
        .filter(|(s, text)| {
            let e = c.get(&s.key).unwrap();
            let searched = match e.indexed {
                Indexed::Text => text.as_str(),
                _ => s.subject.as_deref().unwrap_or(""),
            };
            let mut ws = Vec::new();
            words(searched, |w| ws.push(w.to_string()));
            terms.iter().all(|t| ws.iter().any(|w| w.starts_with(t.as_str())))
        })
        .map(|(s, _)| s.key.clone())
        .collect()
}

#[test]
fn search_prefix_and_no_match() {
    let cables = corpus();
    let d = distinct(&cables);
    let mut c = collection(&cables, 64 << 20);
    assert_eq!(c.stats().indexed_text, d.len());
    for q in ["nuclear", "minist", "President election", "IRAN nucl", "zzzzqx", "2009", "kazakh", "a b c"] {
        let got: BTreeSet<String> = c.keys(&search(q)).into_iter().map(str::to_string).collect();
        assert_eq!(got, brute(&c, &d, q), "search {q:?}");
        if q == "zzzzqx" {
            assert!(got.is_empty());
        } else if q != "a b c" {
            assert!(!got.is_empty(), "{q:?} finds something");
        }
    }
    let n = c.keys(&search("minist")).len();
    let m = c.keys(&search("ministry")).len();
    assert!(n > m, "a prefix finds more than the word");
    let both = c.keys(&search("president election")).len();
    let one = c.keys(&search("president")).len();
    assert!(both < one);
}

#[test]
fn the_budget_is_kept_and_later_cables_are_searched_by_subject() {
    let cables = corpus();
    let d = distinct(&cables);
    let budget = 300_000;
    let mut c = collection(&cables, budget);
    let st = c.stats();
    assert!(st.index_bytes <= budget, "{} > {budget}", st.index_bytes);
    assert!(st.indexed_text > 0 && st.indexed_subjects > 0, "{st:?}");
    assert_eq!(
        st.indexed_text + st.indexed_subjects + c.entries().iter().filter(|e| e.indexed == Indexed::Nothing).count(),
        d.len()
    );
    // Once full, every later entry is subject-only.
    let first_subject = c.entries().iter().position(|e| e.indexed != Indexed::Text).unwrap();
    assert!(c.entries()[first_subject..].iter().all(|e| e.indexed != Indexed::Text));
    for q in ["nuclear", "minist", "embassy", "iran", "zzzzqx"] {
        let got: BTreeSet<String> = c.keys(&search(q)).into_iter().map(str::to_string).collect();
        assert_eq!(got, brute(&c, &d, q), "search {q:?}");
    }
    // A word of a subject-only entry's subject is found; one only in its text is not.
    let e = &c.entries()[c.entries().len() - 1];
    let key = e.key.to_string();
    let (s, text) = d.iter().find(|x| x.0.key == key).map(|x| (&x.0, &x.1)).unwrap();
    let mut sw = HashSet::new();
    words(s.subject.as_deref().unwrap_or(""), |w| {
        sw.insert(w.to_string());
    });
    if let Some(w) = sw.iter().next() {
        assert!(c.keys(&search(w)).contains(&key.as_str()));
    }
    let mut only_text = None;
    words(text, |w| {
        if only_text.is_none() && !sw.iter().any(|s| s.starts_with(w)) {
            only_text = Some(w.to_string());
        }
    });
    let w = only_text.unwrap();
    assert!(!c.keys(&search(&w)).contains(&key.as_str()), "{w} is only in the text");
}

#[test]
fn references_and_back_links() {
    let cables = corpus();
    let d = distinct(&cables);
    let c = collection(&cables, 64 << 20);
    let keys: HashSet<&str> = d.iter().map(|x| x.0.key.as_str()).collect();
    let mut cited: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let mut links = 0;
    for (s, _) in d.iter().map(|x| (&x.0, &x.1)) {
        let detail = c.entry(&s.key).unwrap();
        let want: Vec<(&str, bool)> =
            s.references.iter().filter(|r| **r != s.key).map(|r| (r.as_str(), keys.contains(r.as_str()))).collect();
        let have: Vec<(&str, bool)> = detail.references.iter().map(|r| (r.id, r.loaded)).collect();
        assert_eq!(have, want, "{}", s.key);
        for r in &s.references {
            if keys.contains(r.as_str()) && *r != s.key {
                cited.entry(r.as_str()).or_default().insert(&s.key);
                links += 1;
            }
        }
    }
    assert!(links > 0, "some corpus cables reference others in the corpus");
    for (s, _) in d.iter().map(|x| (&x.0, &x.1)) {
        let want: BTreeSet<&str> = cited.get(s.key.as_str()).cloned().unwrap_or_default();
        let have: BTreeSet<&str> = c.entry(&s.key).unwrap().referenced_by.into_iter().collect();
        assert_eq!(have, want, "referenced_by of {}", s.key);
    }
    assert!(c.entry("99NOWHERE1").is_none());
}

#[test]
fn non_cables_are_skipped_with_their_reason() {
    let mut c = Collection::default();
    let png = analyze(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &Hints { file_name: Some("x.png".into()), ..Hints::default() });
    let empty = analyze(b"", &Hints { file_name: Some("empty.txt".into()), ..Hints::default() });
    let s: Vec<Summary> = png.iter().chain(&empty).map(Summary::of).collect();
    assert_eq!(c.add(&s, &[]), 0);
    let r = c.query(&Query::default());
    assert_eq!(r.total, 0);
    let names: Vec<&str> = r.skipped.iter().map(|k| k.name.as_deref().unwrap()).collect();
    assert_eq!(names, ["x.png", "empty.txt"]);
    assert!(r.skipped.iter().all(|k| k.reason.contains("not look like a cable")));
    assert_eq!(c.stats().skipped, 2);
    c.clear();
    assert_eq!(c.stats().skipped, 0);
}

#[test]
fn sort_and_window() {
    let cables = corpus();
    let mut c = collection(&cables, 64 << 20);
    let q = Query {
        sort: Some(Sort { key: "date".into(), desc: true }),
        offset: Some(10),
        limit: Some(25),
        ..Query::default()
    };
    let r = c.query(&q);
    assert_eq!(r.rows.len(), 25);
    let dates: Vec<Option<&str>> = r.rows.iter().map(|x| x.base.date).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1] || w[1].is_none()), "{dates:?}");
    let window: Vec<String> = r.rows.iter().map(|x| x.base.key.to_string()).collect();
    let all = c.keys(&Query { sort: q.sort.clone(), ..Query::default() });
    assert_eq!(window, all[10..35]);
    for key in ["paragraphs", "figures", "subject", "origin", "level", "reference_id"] {
        let q = Query { sort: Some(Sort { key: key.into(), desc: false }), limit: Some(1000), ..Query::default() };
        assert_eq!(c.query(&q).rows.len(), c.len(), "{key}");
    }
    let q = Query { offset: Some(100_000), ..Query::default() };
    assert!(c.query(&q).rows.is_empty());
}

#[test]
fn export_csv_is_the_clis_rows() {
    let cables = corpus();
    let mut c = collection(&cables, 64 << 20);
    let out = Command::new(env!("CARGO_BIN_EXE_cablescope")).arg("--format").arg("csv").args(files()).output().unwrap();
    assert!(out.status.success());
    let cli = String::from_utf8(out.stdout).unwrap();
    let mut lines = cli.lines();
    let mut want = String::new();
    want.push_str(lines.next().unwrap());
    want.push('\n');
    let mut seen = HashSet::new();
    for ((s, _), line) in cables.iter().zip(lines) {
        if s.problem.is_none() && seen.insert(&s.key) {
            want.push_str(line);
            want.push('\n');
        }
    }
    assert_eq!(c.export_csv(&Query::default()), want);
    assert_eq!(cablescope::flat::CSV_HEADER, cli.lines().next().unwrap());
    // The filtered set only.
    let q = search("nuclear");
    let n = c.keys(&q).len();
    assert_eq!(c.export_csv(&q).lines().count(), n + 1);
}
