//! What the fuzz target checks on every input, shared with
//! `tests/regressions.rs` (which replays saved inputs through [`run`]).
//!
//! Input layout: one control byte, then optional hint fields, then the bytes
//! given to `analyze`. Control bits:
//! - `0x01` `ignore_metadata`
//! - `0x02` a file name follows: one length byte (mod 32), then that many bytes
//! - `0x04` a base offset follows: 5 bytes, little endian (below 2^40)
//! - `0x08` `skip_figures`
//!
//! An empty input is read as empty bytes with the default hints.

use cablescope::{analyze, Analysis, Format, Hints, Span};

/// Splits a fuzz input into hints and the bytes to analyze.
pub fn split_hints(data: &[u8]) -> (Hints, &[u8]) {
    let mut hints = Hints::default();
    let Some((&control, mut rest)) = data.split_first() else {
        return (hints, data);
    };
    hints.ignore_metadata = control & 0x01 != 0;
    hints.skip_figures = control & 0x08 != 0;
    if control & 0x02 != 0 {
        if let Some((&n, r)) = rest.split_first() {
            let n = (n as usize % 32).min(r.len());
            hints.file_name = Some(String::from_utf8_lossy(&r[..n]).into_owned());
            rest = &r[n..];
        }
    }
    if control & 0x04 != 0 && rest.len() >= 5 {
        let mut b = [0u8; 8];
        b[..5].copy_from_slice(&rest[..5]);
        hints.base_offset = u64::from_le_bytes(b);
        rest = &rest[5..];
    }
    (hints, rest)
}

fn spans(a: &Analysis) -> Vec<Span> {
    let mut v = Vec::new();
    a.clone().for_each_span_mut(&mut |s| v.push(*s));
    v
}

/// Panics (with what broke) unless `all` keeps the span invariants for
/// `input` read at offset `base`.
pub fn check(input: &[u8], base: u64, all: &[Analysis]) {
    assert!(!all.is_empty(), "no analysis");
    let end = base + input.len() as u64;
    for (i, a) in all.iter().enumerate() {
        for s in spans(a) {
            assert!(
                s.start <= s.end && s.start >= base && s.end <= end,
                "analysis[{i}]: span {}..{} outside {base}..{end}",
                s.start,
                s.end
            );
        }
        let mut at = a.span.start;
        for (j, r) in a.regions.iter().enumerate() {
            assert_eq!(
                r.span.start, at,
                "analysis[{i}].regions[{j}] ({}) does not start where the previous ended",
                r.kind
            );
            at = r.span.end;
        }
        assert_eq!(at, a.span.end, "analysis[{i}]: the regions do not end at the span's end");
    }
    // The analyses (the rows of a CSV dump) tile the whole input, in order.
    let mut at = base;
    for (i, a) in all.iter().enumerate() {
        let what = if a.format == Format::CsvRow { "row" } else { "analysis" };
        assert_eq!(a.span.start, at, "{what}[{i}] leaves a gap or overlaps");
        at = a.span.end;
    }
    assert_eq!(at, end, "the analyses do not end at the input's end");
}

/// Analyzes one fuzz input and checks the invariants; with a base offset,
/// also checks that it shifts every span and changes nothing else.
pub fn run(data: &[u8]) {
    let (hints, input) = split_hints(data);
    let all = analyze(input, &hints);
    check(input, hints.base_offset, &all);
    if hints.base_offset != 0 {
        let zero = analyze(input, &Hints { base_offset: 0, ..hints.clone() });
        assert_eq!(zero.len(), all.len(), "base_offset changed the number of analyses");
        for (a, b) in zero.iter().zip(&all) {
            let (sa, sb) = (spans(a), spans(b));
            assert_eq!(sa.len(), sb.len(), "base_offset changed the number of spans");
            for (x, y) in sa.iter().zip(&sb) {
                assert_eq!(
                    (x.start + hints.base_offset, x.end + hints.base_offset),
                    (y.start, y.end),
                    "base_offset did not shift a span"
                );
            }
        }
    }
}
