//! Fuzzes `cablescope::analyze`: it must never panic, and its output must
//! keep the span invariants whatever the bytes and hints. The input layout
//! (a control byte choosing the hints, then the bytes) and the checks are in
//! `fuzz/invariants.rs`, shared with `tests/regressions.rs`.
//!
//! `scripts/fuzz.sh` seeds the corpus with `\0` + each corpus file, so the
//! seeds are read with the default hints.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| invariants::run(data));
