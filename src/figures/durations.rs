//! Durations and rates: `15-minute`, `within 24 hours`, `an hour and a half`, `a few
//! days`, `twice a week`, `three times a year`; `two months ago` becomes a date.

use super::calendar::{add_months, civil, iso_month, iso_of, iso_year, this_year, today};
use super::numbers::Num;
use super::scan::{Hit, Measure, Quantity, Scan};
use super::tokens::K;
use super::words::W;
use crate::model::{FigureKind, FigureValue, Qualifier};

/// The time unit at `j` (with `business days`), and the token after it.
fn unit_at(s: &Scan<'_>, j: usize) -> Option<(&'static str, usize)> {
    let w = s.w(j);
    if w == W::Business && s.w(j + 1) == W::Day {
        return Some(("day", j + 2));
    }
    let u = w.time_unit()?;
    // "second" after a number must not be the ordinal of a following noun.
    if w == W::Second && s.tok(j + 1).is_some_and(|t| t.is_word() && !t.w.is_function()) {
        return None;
    }
    Some((u, j + 1))
}

/// A duration, rate or relative date after a number: `24 hours`, `15-minute`, `3h`,
/// `two weeks from now`, `three times a week`.
pub(super) fn after(s: &Scan<'_>, q: &Quantity) -> Option<Hit> {
    let p = &q.parsed;
    let mut j = q.end;
    if p.attached {
        let (u, end) = unit_at(s, j)?;
        return Some(finish(s, q, u, end, false));
    }
    // "15-minute debate", "30-minutes"
    let hyphen = s.punct(j, b'-') && s.adj(j - 1, j) && s.adj(j, j + 1);
    if hyphen {
        j += 1;
    }
    if let Some((u, end)) = unit_at(s, j) {
        return Some(finish(s, q, u, end, hyphen));
    }
    if hyphen {
        return None;
    }
    // "three times a week"
    if s.w(j) == W::Times {
        return rate(s, q.first, j + 1, q.low, q.high);
    }
    // "two sundays from now", "two monday later"
    if s.w(j).weekday().is_some() && p.spelled {
        let end = relative_end(s, j + 1)?.1;
        return Some(Hit::date(FigureKind::Date, q.first, end, None, "day"));
    }
    None
}

/// `ago`, `from now`, `later`, `earlier` at `j`: the direction (-1 past, +1 future,
/// 0 unknown) and the token after.
fn relative_end(s: &Scan<'_>, j: usize) -> Option<(i64, usize)> {
    match s.w(j) {
        W::Ago => Some((-1, j + 1)),
        W::From if s.w(j + 1) == W::Now => Some((1, j + 2)),
        W::Later | W::Earlier => Some((0, j + 1)),
        _ => None,
    }
}

/// Builds the duration (or relative date) of `q` units `u` ending at `end`.
fn finish(s: &Scan<'_>, q: &Quantity, u: &'static str, end: usize, hyphen: bool) -> Hit {
    if !hyphen && q.high.is_none() {
        if let Some((dir, e)) = relative_end(s, end) {
            return relative(s, q.first, e, q.low, u, dir);
        }
    }
    let mut h = Hit::quantity(FigureKind::Duration, q, end, 1.0);
    h.unit = Some(u.to_string());
    if hyphen {
        h.measure = Measure::Modifies(end);
    } else if s.w(end) == W::Of {
        h.measure = Measure::Modifies(end + 1);
    }
    h
}

/// A date `n` units before (-1) or after (+1) the cable's date; 0: relative to the story.
fn relative(s: &Scan<'_>, first: usize, end: usize, n: Num, u: &str, dir: i64) -> Hit {
    let count = n.as_int().and_then(|c| i64::try_from(c).ok()).filter(|c| *c <= 100_000);
    let grain = match u {
        "month" => "month",
        "year" | "decade" => "year",
        _ => "day",
    };
    let value = match (count, dir) {
        (Some(c), -1 | 1) => {
            let c = c * dir;
            match u {
                "year" | "decade" => {
                    let k = if u == "decade" { 10 } else { 1 };
                    this_year(s.ctx).and_then(|y| iso_year(y + c * k))
                }
                "month" => today(s.ctx).and_then(|t| {
                    let (y, m, _) = civil(t);
                    let (y, m) = add_months(y, m, c);
                    iso_month(y, m)
                }),
                "day" | "week" | "fortnight" => {
                    let k = match u {
                        "week" => 7,
                        "fortnight" => 14,
                        _ => 1,
                    };
                    today(s.ctx).and_then(|t| iso_of(t + c * k))
                }
                _ => None,
            }
        }
        _ => None,
    };
    let kind = if grain == "day" { FigureKind::Date } else { FigureKind::Period };
    Hit::date(kind, first, end, value, grain)
}

/// `a week`, `per day`, `every month` at `j` after a count of times: a rate.
fn rate(s: &Scan<'_>, first: usize, j: usize, n: Num, high: Option<Num>) -> Option<Hit> {
    if !matches!(s.w(j), W::A | W::Per | W::Every) {
        return None;
    }
    let (u, end) = unit_at(s, j + 1)?;
    let mut h = Hit::new(FigureKind::Rate, first, end);
    match high {
        Some(hi) => {
            h.low = Some(n.value());
            h.high = Some(hi.value());
        }
        None => h.value = Some(FigureValue::Number(n.value())),
    }
    h.unit = Some(u.to_string());
    h.qualify = true;
    Some(h)
}

/// Durations and rates that start with a word: `an hour`, `half an hour`, `all day`,
/// `a few minutes`, `another week`, `twice a week`.
pub(super) fn at_word(s: &Scan<'_>, i: usize) -> Option<Hit> {
    let w = s.w(i);
    match w {
        W::Once | W::Twice | W::Thrice => {
            let n = match w {
                W::Once => 1,
                W::Twice => 2,
                _ => 3,
            };
            rate(s, i, i + 1, Num::int(n), None)
        }
        W::A if s.w(i + 1) == W::Few => vague(s, i, i + 2),
        W::A | W::One | W::Another => one_unit(s, i),
        W::Half => half(s, i),
        W::All | W::Full => {
            // "all day", "all-day", "full week"
            let j = if s.punct(i + 1, b'-') && s.adj(i, i + 1) { i + 2 } else { i + 1 };
            let (u, end) = unit_at(s, j)?;
            if !matches!(u, "day" | "week" | "month" | "year") || s.word(j).ends_with('s') {
                return None;
            }
            Some(duration(i, end, Some(1.0), u))
        }
        W::Few | W::Several | W::SomeOf => vague(s, i, i + 1),
        _ => None,
    }
}

/// `a few minutes`, `several days`, `some years`: a duration with no number.
fn vague(s: &Scan<'_>, first: usize, j: usize) -> Option<Hit> {
    let (u, end) = unit_at(s, j)?;
    if !s.is_plural(j) {
        return None;
    }
    let mut h = duration(first, end, None, u);
    h.qualifier = Qualifier::Vague;
    Some(h)
}

/// A plain duration figure.
fn duration(first: usize, end: usize, v: Option<f64>, u: &str) -> Hit {
    let mut h = Hit::new(FigureKind::Duration, first, end);
    h.value = v.map(FigureValue::Number);
    h.unit = Some(u.to_string());
    h.qualify = true;
    h
}

/// `a week`, `an hour and a half`, `a half hour`, `one day`, `another month`, `a year ago`.
fn one_unit(s: &Scan<'_>, i: usize) -> Option<Hit> {
    // A rate's "a week" or the "a day" of "24 hours a day" is not a duration.
    if i > 0 {
        let prev = s.w(i - 1);
        let after_amount = s.tok(i - 1).is_some_and(|t| matches!(t.kind, K::Digits | K::Punct(b'%')));
        if matches!(prev, W::Times | W::Once | W::Twice | W::Thrice) || prev.time_unit().is_some() || after_amount {
            return None;
        }
    }
    let mut j = i + 1;
    let mut v = 1.0;
    if s.w(i) == W::A && s.w(j) == W::Half {
        v = 0.5;
        j += 1;
    } else if s.w(i) == W::A && s.w(j) == W::Full {
        j += 1;
    }
    let (u, mut end) = unit_at(s, j)?;
    if s.is_plural(j) && u != "second" {
        return None;
    }
    // "a second look", "a day trip": a unit used as an adjective.
    if s.tok(end).is_some_and(|t| t.is_word() && !t.w.is_function() && t.w.time_unit().is_none()) {
        return None;
    }
    if v == 1.0 && s.w(end) == W::And && s.w(end + 1) == W::A && s.w(end + 2) == W::Half {
        v = 1.5;
        end += 3;
    } else if v == 1.0 && s.w(end) == W::And && s.w(end + 1) == W::Half {
        v = 1.5;
        end += 2;
    }
    if v == 1.0 && s.w(i) != W::Another {
        if let Some((dir, e)) = relative_end(s, end) {
            return Some(relative(s, i, e, Num::int(1), u, dir));
        }
    }
    Some(duration(i, end, Some(v), u))
}

/// `half an hour`, `half a day`, `half year`.
fn half(s: &Scan<'_>, i: usize) -> Option<Hit> {
    let j = if s.w(i + 1) == W::A { i + 2 } else { i + 1 };
    let (u, end) = unit_at(s, j)?;
    if s.is_plural(j) {
        return None;
    }
    Some(duration(i, end, Some(0.5), u))
}
