//! Quick single-threaded throughput check over the corpus text forms:
//! `cargo run --release --example throughput [ROUNDS]`. `SKIP_FIGURES=1`
//! leaves figure extraction out; `SUMMARY_ONLY=1` reads as batch mode does
//! (`Hints::summary_only`). `PER_FILE=1` times each file on its own,
//! ROUNDS times in a row (warm caches and branch predictors), slowest first:
//! the gap between their total and the mixed run is what switching between
//! files costs.

use cablescope::{analyze, Hints};
use std::time::Instant;

/// The allocator the native CLI uses (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|r| r.parse().ok()).unwrap_or(50);
    let mut inputs = Vec::new();
    for dir in ["tests/data/corpus/txt", "tests/data/seeds"] {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if let Ok(b) = std::fs::read(e.path()) {
                inputs.push((e.file_name().to_string_lossy().into_owned(), b));
            }
        }
    }
    let bytes: usize = inputs.iter().map(|i| i.1.len()).sum();
    let hints = Hints {
        skip_figures: std::env::var_os("SKIP_FIGURES").is_some(),
        summary_only: std::env::var_os("SUMMARY_ONLY").is_some(),
        ..Hints::default()
    };
    if std::env::var_os("PER_FILE").is_some() {
        per_file(&inputs, rounds, &hints);
        return;
    }
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for (_, i) in &inputs {
            n += std::hint::black_box(analyze(i, &hints)).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!("{n} analyses, {:.1} MB/s", (bytes * rounds) as f64 / secs / 1e6);
}

/// Times each input alone, `rounds` times in a row.
fn per_file(inputs: &[(String, Vec<u8>)], rounds: usize, hints: &Hints) {
    let mut rows = Vec::new();
    for (name, input) in inputs {
        let t = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(analyze(input, hints));
        }
        rows.push((t.elapsed().as_secs_f64() / rounds as f64, input.len(), name));
    }
    rows.sort_by(|a, b| (a.1 as f64 / a.0).total_cmp(&(b.1 as f64 / b.0)));
    for (secs, len, name) in &rows {
        println!("{:7.1} MB/s {len:7} B {:8.1} us  {name}", *len as f64 / secs / 1e6, secs * 1e6);
    }
    let (secs, len) = rows.iter().fold((0.0, 0), |(s, l), r| (s + r.0, l + r.1));
    println!("all files, each warm: {:.1} MB/s", len as f64 / secs / 1e6);
}
