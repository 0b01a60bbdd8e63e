//! Inputs that once broke `analyze`, replayed on every test run, and the
//! pathological inputs of `benches/pathological.rs` run once each at 1 MB.
//!
//! Each `tests/data/regressions/*.bin` is a (minimized) fuzz input in the
//! fuzz target's layout: a control byte choosing the hints, then the bytes
//! (see `fuzz/invariants.rs`). The replay runs the fuzz target's own checks:
//! no panic, every span in bounds, regions tiling each analysis, analyses
//! tiling the input, `base_offset` shifting every span.

use std::path::PathBuf;

#[path = "../fuzz/invariants.rs"]
mod invariants;

#[path = "../benches/pathological/inputs.rs"]
mod inputs;

fn regression_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/regressions")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    files.sort();
    files
}

/// Runs `f`, turning a panic into an error naming `what`.
fn guarded(what: &str, f: impl FnOnce() + std::panic::UnwindSafe) -> Result<(), String> {
    std::panic::catch_unwind(f).map_err(|e| {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        format!("{what}: {msg}")
    })
}

#[test]
fn fuzz_findings_stay_fixed() {
    let files = regression_files();
    assert!(!files.is_empty(), "no regression inputs found");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|p| {
            let data = std::fs::read(p).expect("regression input");
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            guarded(&name, move || invariants::run(&data)).err()
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} regression inputs fail:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn pathological_inputs_at_1mb_do_not_panic() {
    let failures: Vec<String> = inputs::all()
        .into_iter()
        .filter_map(|(name, build)| {
            let input = build(1 << 20);
            guarded(name, move || {
                let all = cablescope::analyze(&input, &cablescope::Hints::default());
                invariants::check(&input, 0, &all);
            })
            .err()
        })
        .collect();
    assert!(failures.is_empty(), "pathological inputs fail:\n{}", failures.join("\n"));
}
