//! Throughput of `analyze` over the corpus: text forms (telegrams, extracts,
//! seeds) and viewer pages apart, each with and without figure extraction.
//! `cargo bench --bench parse`; the target is 200 MB/s on text forms.

use cablescope::{analyze, Hints};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// The allocator the native CLI uses (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn load(dir: &str, ext: &str) -> Vec<Vec<u8>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == ext)).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn bench(c: &mut Criterion) {
    let mut text = load("tests/data/corpus/txt", "txt");
    text.extend(load("tests/data/seeds", "txt"));
    let pages = load("tests/data/corpus/html", "html");
    for (name, set) in [("text-forms", &text), ("viewer-pages", &pages)] {
        let bytes: usize = set.iter().map(Vec::len).sum();
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::BytesDecimal(bytes as u64));
        for (label, skip_figures) in [("parse+figures", false), ("parse-only", true)] {
            let hints = Hints { skip_figures, ..Hints::default() };
            g.bench_function(label, |b| {
                b.iter(|| {
                    for input in set {
                        black_box(analyze(black_box(input), &hints));
                    }
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
