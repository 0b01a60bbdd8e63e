//! Quick single-threaded throughput check over the corpus text forms:
//! `cargo run --release --example throughput [ROUNDS]`.

use cablescope::{analyze, Hints};

/// The allocator the native CLI uses (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|r| r.parse().ok()).unwrap_or(50);
    let mut inputs = Vec::new();
    for dir in ["tests/data/corpus/txt", "tests/data/seeds"] {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if let Ok(b) = std::fs::read(e.path()) {
                inputs.push(b);
            }
        }
    }
    let bytes: usize = inputs.iter().map(Vec::len).sum();
    let hints = Hints { skip_figures: std::env::var_os("SKIP_FIGURES").is_some(), ..Hints::default() };
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for i in &inputs {
            n += std::hint::black_box(analyze(i, &hints)).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!("{n} analyses, {:.1} MB/s", (bytes * rounds) as f64 / secs / 1e6);
}
