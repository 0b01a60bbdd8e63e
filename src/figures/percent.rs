//! Percentages: `70%`, `70 percent`, `per cent`, `50 to 60 percent`, `percent of 10`,
//! and the vague `a fraction of a percent`.

use super::scan::{Hit, Measure, Quantity, Scan};
use super::tokens::{Tok, K};
use super::words::{starts_with_ignore_case, W};
use crate::model::{FigureKind, Qualifier};

/// A percent sign or word at `j`: the token after it and the unit it implies.
fn sign(s: &Scan<'_>, j: usize) -> Option<(usize, Option<&'static str>)> {
    let t = s.tok(j)?;
    match t.kind {
        K::Punct(b'%') | K::Sym('％') => Some((j + 1, None)),
        K::Word if t.w == W::Percent => {
            if s.w(j + 1) == W::Point && starts_with_ignore_case(s.word(j), "percentage") {
                Some((j + 2, Some("percentage points")))
            } else {
                Some((j + 1, None))
            }
        }
        K::Word if t.w == W::Per && s.w(j + 1) == W::Cent && s.word(j + 1).len() == 4 => Some((j + 2, None)),
        _ => None,
    }
}

/// A percentage after a number or range: `70%`, `50 to 60 percent`, `50%-60%`.
pub(super) fn after(s: &Scan<'_>, q: &Quantity) -> Option<Hit> {
    if q.parsed.attached {
        return None;
    }
    let (end, unit) = sign(s, q.end)?;
    let mut h = Hit::quantity(FigureKind::Percent, q, end, 1.0);
    if q.high.is_none() {
        // "50% to 60%", "50%-60%"
        let conn = s.w(end) == W::To || s.tok(end).is_some_and(Tok::is_dash);
        if conn {
            if let Some(hi) = s.number(end + 1, false) {
                if let Some((e2, _)) = sign(s, hi.end) {
                    if hi.num.value() > q.low.value() {
                        h = Hit::quantity(
                            FigureKind::Percent,
                            &Quantity { high: Some(hi.num), end: hi.end, ..*q },
                            e2,
                            1.0,
                        );
                    }
                }
            }
        }
    }
    h.unit = unit.map(str::to_string);
    h.measure = Measure::Percent;
    Some(h)
}

/// Percentages that start with a word: `percent of 10`, `per cent of twenty-two`,
/// `a fraction of a percent`, `a few percent`.
pub(super) fn at_word(s: &Scan<'_>, i: usize) -> Option<Hit> {
    if let Some((end, unit)) = sign(s, i) {
        if s.w(end) != W::Of {
            return None;
        }
        let n = s.number(end + 1, false)?;
        if n.attached || n.simple && n.num.value() < 2.0 {
            return None;
        }
        let q = Quantity { first: i, low: n.num, high: None, end: n.end, parsed: n };
        let mut h = Hit::quantity(FigureKind::Percent, &q, n.end, 1.0);
        h.unit = unit.map(str::to_string);
        h.measure = Measure::Percent;
        return Some(h);
    }
    vague(s, i)
}

/// `a fraction of a percent`, `a few percent`, `several percentage points`.
fn vague(s: &Scan<'_>, i: usize) -> Option<Hit> {
    let mut j = i;
    if s.w(j) == W::A {
        j += 1;
    }
    let end = match s.w(j) {
        W::Fraction if s.w(j + 1) == W::Of => {
            let k = j + 2;
            let k = if matches!(s.w(k), W::A | W::One) { k + 1 } else { k };
            sign(s, k)?.0
        }
        W::Few | W::Several => sign(s, j + 1)?.0,
        _ => return None,
    };
    let mut h = Hit::new(FigureKind::Percent, i, end);
    h.qualifier = Qualifier::Vague;
    h.qualify = true;
    h.measure = Measure::Percent;
    Some(h)
}
