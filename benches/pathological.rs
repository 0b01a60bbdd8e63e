//! Pathological inputs (benches/pathological/inputs.rs) at 10 KB, 100 KB,
//! 1 MB and 10 MB: prints the time per MB of each, and fails when one takes
//! more than 1 s per MB, or when its time per MB grows more than 3x from
//! 100 KB to 1 MB or 10 MB (super-linear time).
//!
//! `cargo bench --bench pathological [-- NAME...]` runs the inputs whose
//! names contain one of the NAMEs (all without). Under `cargo test` (no
//! `--bench` argument) each input runs once at 10 KB and 100 KB, untimed.
//! Each measurement is the first `analyze` of a fresh child process (the
//! best of three): a warm allocator makes repeated runs on small inputs
//! several times faster than on 10 MB ones, whose allocations are fresh
//! pages every time, and that would read as super-linear time. A child that
//! takes six times the allowed time is killed and counts as a hang.
//!
//! The child also reports the memory `analyze` took beyond its input (peak
//! resident set, `VmHWM`, minus the resident set before the call, from
//! `/proc/self/status`): at 10 MB no input may take more than
//! [`MAX_MEM_PER_BYTE`] bytes per input byte, so a hostile file the page
//! reads in one piece (up to 16 MB) takes at most 2.5 GB of the 4 GB a wasm32
//! instance can address.

use cablescope::{analyze, Hints};
use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "pathological/inputs.rs"]
mod inputs;

const SIZES: [usize; 4] = [10_000, 100_000, 1_000_000, 10_000_000];
/// The most time per MB an input may take.
const MAX_S_PER_MB: f64 = 1.0;
/// The most time per MB may grow from 100 KB to the larger sizes.
const MAX_GROWTH: f64 = 3.0;
/// Below this many seconds per MB (1 GB/s) there is no growth verdict: timer
/// noise.
const NOISE_S_PER_MB: f64 = 0.001;
/// Fresh processes per measurement.
const TRIES: usize = 3;
/// The most memory `analyze` may take at once, per input byte (at 10 MB).
const MAX_MEM_PER_BYTE: f64 = 160.0;

fn builder(name: &str) -> Option<inputs::Build> {
    inputs::all().into_iter().find(|(n, _)| *n == name).map(|(_, b)| b)
}

/// In the child: builds `name` at `size` bytes, prints the seconds one
/// `analyze` takes and the bytes of memory it took beyond its input.
fn child(name: &str, size: usize) {
    let Some(build) = builder(name) else {
        eprintln!("no input named {name}");
        std::process::exit(2);
    };
    let input = build(size);
    let before = status_kb("VmRSS:");
    let t = Instant::now();
    black_box(analyze(black_box(&input), &Hints::default()));
    let secs = t.elapsed().as_secs_f64();
    println!("{secs} {}", status_kb("VmHWM:").saturating_sub(before) * 1024);
}

/// A `kB` field of `/proc/self/status` (0 where there is none).
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Seconds per MB for `name` at `size`: the best of [`TRIES`] children, or
/// `Err` when one does not finish within `limit` or fails.
fn measure(name: &str, size: usize, limit: Duration) -> Result<f64, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut best = f64::INFINITY;
    for _ in 0..TRIES {
        let mut c = Command::new(&exe)
            .args(["--child", name, &size.to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let t = Instant::now();
        loop {
            match c.try_wait().map_err(|e| e.to_string())? {
                Some(_) => break,
                None if t.elapsed() > limit => {
                    let _ = c.kill();
                    let _ = c.wait();
                    return Err(format!("no answer within {limit:?} (killed)"));
                }
                None => std::thread::sleep(Duration::from_millis(5)),
            }
        }
        let out = c.wait_with_output().map_err(|e| e.to_string())?;
        let [s, _] = child_report(&out)?;
        best = best.min(s);
    }
    Ok(best / (size as f64 / 1e6))
}

/// The child's two numbers: seconds, bytes of memory taken.
fn child_report(out: &std::process::Output) -> Result<[f64; 2], String> {
    let text = String::from_utf8_lossy(&out.stdout);
    let mut words = text.split_whitespace().map(str::parse::<f64>);
    match (words.next(), words.next()) {
        (Some(Ok(s)), Some(Ok(heap))) => Ok([s, heap]),
        _ => Err(format!("the child failed ({})", out.status)),
    }
}

/// Bytes of memory per input byte one `analyze` of `name` at `size` takes.
fn heap_per_byte(name: &str, size: usize) -> Result<f64, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(&exe).args(["--child", name, &size.to_string()]).output().map_err(|e| e.to_string())?;
    let [_, heap] = child_report(&out)?;
    Ok(heap / size as f64)
}

/// Seconds per MB of `name` at each of [`SIZES`]; after a failure, or once
/// 1 MB is already super-linear, the larger sizes are not run (`Err("-")`).
fn measure_row(name: &str) -> Vec<Result<f64, String>> {
    let mut row: Vec<Result<f64, String>> = Vec::new();
    let mut stop = false;
    for size in SIZES {
        if stop {
            row.push(Err("not run".into()));
            continue;
        }
        let limit = Duration::from_secs_f64(6.0 * MAX_S_PER_MB * size as f64 / 1e6 + 2.0);
        let r = measure(name, size, limit).map_err(|e| format!("{name} at {size} bytes: {e}"));
        match &r {
            Ok(s) if *s > MAX_S_PER_MB => stop = true,
            Ok(s) if row.get(1).is_some_and(|small| small.as_ref().is_ok_and(|small| *s > MAX_GROWTH * small)) => {
                stop = true
            }
            Err(_) => stop = true,
            _ => {}
        }
        row.push(r);
    }
    row
}

/// What is wrong with `row` (empty when nothing).
fn judge(name: &str, row: &[Result<f64, String>]) -> Vec<String> {
    let mut out = Vec::new();
    for (size, r) in SIZES.iter().zip(row) {
        match r {
            Ok(s) if *s > MAX_S_PER_MB => {
                out.push(format!("{name} at {size} bytes: {s:.3} s/MB > {MAX_S_PER_MB} s/MB"))
            }
            Err(e) if e != "not run" => out.push(e.clone()),
            _ => {}
        }
    }
    if let Ok(small) = row[1] {
        for (size, r) in SIZES.iter().zip(row).skip(2) {
            if let Ok(s) = r {
                if *s > MAX_GROWTH * small && *s > NOISE_S_PER_MB {
                    out.push(format!(
                        "{name}: time per MB grows {:.1}x from 100 KB to {size} bytes (super-linear)",
                        s / small
                    ));
                }
            }
        }
    }
    out
}

/// The faster of two measurements of one cell.
fn better(a: &Result<f64, String>, b: &Result<f64, String>) -> Result<f64, String> {
    match (a, b) {
        (Ok(x), Ok(y)) => Ok(x.min(*y)),
        (Ok(x), Err(_)) | (Err(_), Ok(x)) => Ok(*x),
        (Err(_), Err(e)) => Err(e.clone()),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, name, size] = &args[..] {
        if flag == "--child" {
            child(name, size.parse().unwrap_or(0));
            return;
        }
    }
    let benching = args.iter().any(|a| a == "--bench");
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let selected: Vec<_> = inputs::all()
        .into_iter()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())))
        .collect();
    if !benching {
        // `cargo test --benches`: prove the bench runs, without timing.
        for (name, build) in selected {
            for size in [10_000, 100_000] {
                black_box(analyze(&build(size), &Hints::default()));
            }
            println!("pathological {name}: ok");
        }
        return;
    }
    println!(
        "seconds per MB (first analyze in a fresh process, best of {TRIES}); limits: {MAX_S_PER_MB} s/MB, growth {MAX_GROWTH}x over 100 KB"
    );
    println!(
        "{:<22} {:>8} {:>8} {:>8} {:>8} {:>7} {:>9}",
        "input", "10 KB", "100 KB", "1 MB", "10 MB", "growth", "mem B/B"
    );
    let mut failures = Vec::new();
    for (name, _) in selected {
        let mut row = measure_row(name);
        let mut verdict = judge(name, &row);
        if !verdict.is_empty() {
            // The machine may be busy: measure again, keep the better times.
            let again = measure_row(name);
            row = row.iter().zip(&again).map(|(a, b)| better(a, b)).collect();
            verdict = judge(name, &row);
        }
        failures.extend(verdict);
        let small = row[1].as_ref().ok().copied().unwrap_or(f64::NAN);
        let growth = row[2..].iter().flatten().map(|&s| s / small).fold(0.0, f64::max);
        let cell = |v: &Result<f64, String>| v.as_ref().map_or("-".to_string(), |s| format!("{s:.4}"));
        let big = SIZES[SIZES.len() - 1];
        let heap = heap_per_byte(name, big);
        match &heap {
            Ok(h) if *h > MAX_MEM_PER_BYTE => failures
                .push(format!("{name} at {big} bytes: {h:.1} bytes of memory per input byte > {MAX_MEM_PER_BYTE}")),
            Err(e) => failures.push(format!("{name} at {big} bytes (memory): {e}")),
            _ => {}
        }
        println!(
            "{:<22} {:>8} {:>8} {:>8} {:>8} {:>6.1}x {:>9}",
            name,
            cell(&row[0]),
            cell(&row[1]),
            cell(&row[2]),
            cell(&row[3]),
            growth,
            heap.as_ref().map_or("-".to_string(), |h| format!("{h:.1}"))
        );
    }
    if !failures.is_empty() {
        eprintln!("\npathological: FAILED");
        for f in &failures {
            eprintln!("  {f}");
        }
        std::process::exit(1);
    }
    println!(
        "\npathological: all inputs linear, under {MAX_S_PER_MB} s/MB and under {MAX_MEM_PER_BYTE} bytes of memory per input byte"
    );
}
