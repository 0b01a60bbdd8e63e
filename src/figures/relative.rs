//! Dates relative to the cable's own date or to the story: `last year`, `yesterday`,
//! `next week on friday`, `this friday`, `the 27th`, `the first friday of july`,
//! `the last few days`, and named days (`Election Day`, resolved later).

use super::calendar::{
    add_months, civil, day_near, days, iso_day, iso_month, iso_of, iso_week, iso_year, month_len, this_year, today,
    valid, weekday, year_for_month,
};
use super::dates::{day_first, day_num, month_at, month_first, numeric, Form};
use super::scan::{Hit, Scan};
use super::words::{ends_with_ignore_case, W};
use crate::model::{FigureKind, Qualifier};

/// Relative dates that start with a word at `i`.
pub(super) fn at_word(s: &Scan<'_>, i: usize) -> Option<Hit> {
    match s.w(i) {
        W::Today => Some(offset_day(s, i, i + 1, 0)),
        W::Tomorrow => Some(offset_day(s, i, i + 1, 1)),
        W::Yesterday => Some(offset_day(s, i, i + 1, -1)),
        W::The => the(s, i),
        W::Next | W::Last | W::Past | W::This | W::Coming | W::Previous | W::Following => shifted(s, i),
        w if w.weekday().is_some() => weekday_first(s, i, i, None),
        w if w.ordinal().is_some_and(|o| o <= 5) => nth_weekday(s, i, i),
        _ => named_day(s, i),
    }
}

/// The cable's date moved by `n` days.
fn offset_day(s: &Scan<'_>, first: usize, end: usize, n: i64) -> Hit {
    let value = today(s.ctx).and_then(|t| iso_of(t + n));
    Hit::date(FigureKind::Date, first, end, value, "day")
}

/// A day the story defines (`the next day`): no value.
fn story_day(first: usize, end: usize) -> Hit {
    Hit::date(FigureKind::Date, first, end, None, "day")
}

/// True when token `j` ends the phrase: the end, punctuation, or a function word.
fn phrase_ends(s: &Scan<'_>, j: usize) -> bool {
    s.tok(j).is_none_or(|t| !t.is_word() || t.w.is_function())
}

/// Forms after `the`: `the day before yesterday`, `the next day`, `the last few days`,
/// `the 27th`, `the twenty second`, `the 4th of march`, `the first friday of july`.
fn the(s: &Scan<'_>, i: usize) -> Option<Hit> {
    let j = i + 1;
    match s.w(j) {
        W::Day => {
            let dir = match (s.w(j + 1), s.w(j + 2)) {
                (W::Before, W::Yesterday) => -2,
                (W::After, W::Tomorrow) => 2,
                _ => return None,
            };
            return Some(offset_day(s, i, j + 3, dir));
        }
        W::Next | W::Following | W::Previous | W::Last | W::Past => {
            if s.w(j + 1) == W::Day && !s.is_plural(j + 1) {
                return Some(story_day(i, j + 2));
            }
            if s.w(j + 1) == W::Few {
                return few(s, i, j + 2);
            }
            return None;
        }
        _ => {}
    }
    if s.w(j).ordinal().is_some_and(|o| o <= 5) && s.w(j + 1).weekday().is_some() {
        return nth_weekday(s, j, i);
    }
    let (d, e, form) = day_num(s, j)?;
    if s.w(e) == W::Of {
        return day_first(s, j).map(|mut h| {
            h.first = i;
            h
        });
    }
    let prev = if i > 0 { s.w(i - 1) } else { W::Other };
    let terminal = s.tok(e).is_none_or(|t| matches!(t.kind, super::tokens::K::Punct(b'.' | b'!' | b'?' | b';')));
    let ok = match form {
        Form::OrdNumeric => phrase_ends(s, e),
        Form::OrdWord if e - j >= 2 || d >= 20 => phrase_ends(s, e),
        Form::OrdWord => prev == W::On && terminal,
        Form::Numeric => matches!(prev, W::For | W::On | W::By | W::Until | W::Since) && terminal,
        Form::CardWord => false,
    };
    ok.then(|| Hit::date(FigureKind::Date, i, e, day_near(s.ctx, d), "day"))
}

/// `few days` after `the last`: a vague period.
fn few(s: &Scan<'_>, first: usize, j: usize) -> Option<Hit> {
    let u = s.w(j).time_unit()?;
    if !s.is_plural(j) {
        return None;
    }
    let grain = match u {
        "month" => "month",
        "year" | "decade" => "year",
        _ => "day",
    };
    let mut h = Hit::date(FigureKind::Period, first, j + 1, None, grain);
    h.qualifier = Qualifier::Vague;
    h.unit = Some(u.to_string());
    Some(h)
}

/// `next`, `last`, `this`, `past`, `coming`, `previous`, `following` + weekday, week,
/// month, year, day or `few days`.
fn shifted(s: &Scan<'_>, i: usize) -> Option<Hit> {
    let w = s.w(i);
    let j = i + 1;
    let dir: i64 = match w {
        W::Next | W::Coming | W::Following => 1,
        W::This => 0,
        _ => -1,
    };
    let target = s.w(j);
    let plural = s.is_plural(j);
    if target.weekday().is_some() && !plural {
        return weekday_first(s, j, i, Some(dir));
    }
    if plural {
        return if target == W::Few { few(s, i, j + 1) } else { None };
    }
    if let Some(m) =
        target.month().filter(|_| !matches!(target, W::May | W::March) || s.tok(j).is_some_and(|t| t.upper))
    {
        // "last January", "this coming March", "next June"
        let value = today(s.ctx).and_then(|t| {
            let (y, rm, _) = civil(t);
            let y = match dir {
                0 => y,
                d if d > 0 => {
                    if m > rm {
                        y
                    } else {
                        y + 1
                    }
                }
                _ => {
                    if m < rm {
                        y
                    } else {
                        y - 1
                    }
                }
            };
            iso_month(y, m)
        });
        return Some(Hit::date(FigureKind::Period, i, j + 1, value, "month"));
    }
    match target {
        W::Few => few(s, i, j + 1),
        W::Week if w != W::Past => {
            let k = if s.w(j + 1) == W::On { j + 2 } else { j + 1 };
            if let Some(wd) = s.w(k).weekday() {
                if !s.is_plural(k) {
                    return Some(Hit::date(FigureKind::Date, i, k + 1, week_day(s, dir, wd), "day"));
                }
            }
            let value = today(s.ctx).and_then(|t| iso_week(t + 7 * dir));
            Some(Hit::date(FigureKind::Period, i, j + 1, value, "week"))
        }
        W::Month if w != W::Past => {
            let value = today(s.ctx).and_then(|t| {
                let (y, m, _) = civil(t);
                let (y, m) = add_months(y, m, dir);
                iso_month(y, m)
            });
            Some(Hit::date(FigureKind::Period, i, j + 1, value, "month"))
        }
        W::Year if w != W::Past => {
            let value = this_year(s.ctx).and_then(|y| iso_year(y + dir));
            Some(Hit::date(FigureKind::Period, i, j + 1, value, "year"))
        }
        W::Day if w != W::This && w != W::Past => Some(story_day(i, j + 1)),
        _ => None,
    }
}

/// Weekday `wd` of the week `dir` weeks from the cable's.
fn week_day(s: &Scan<'_>, dir: i64, wd: u32) -> Option<String> {
    let t = today(s.ctx)?;
    let monday = t - i64::from(weekday(t));
    iso_of(monday + 7 * dir + i64::from(wd))
}

/// A weekday at `i`, alone or with its date (`monday january 12th, 2016`, `friday 7/6`,
/// `friday (jun-15)`, `saturday the second`, `friday of next week`). `shift` is the
/// direction of a preceding `next` (1), `this` (0) or `last` (-1).
pub(super) fn weekday_first(s: &Scan<'_>, i: usize, first: usize, shift: Option<i64>) -> Option<Hit> {
    let wd = s.w(i).weekday()?;
    let word = s.word(i);
    if word.len() > 6 && ends_with_ignore_case(word, "days") {
        return None;
    }
    let k = i + 1;
    let widen = |mut h: Hit| {
        h.first = first;
        h
    };
    // With a written date.
    let kk = if s.punct(k, b',') { k + 1 } else { k };
    let dated = if s.w(kk).month().is_some() {
        month_first(s, kk, kk).filter(|h| h.grain == Some("day"))
    } else if s.tok(kk).is_some_and(|t| t.kind == super::tokens::K::Digits) {
        numeric(s, kk, true).or_else(|| day_first(s, kk))
    } else {
        None
    };
    if let Some(h) = dated {
        return Some(widen(h));
    }
    if s.punct(k, b'-') && s.adj(i, k) {
        if let Some(h) = month_first(s, k + 1, k + 1).filter(|h| h.grain == Some("day")) {
            return Some(widen(h));
        }
    }
    if s.punct(k, b'(') {
        let inner = month_first(s, k + 1, k + 1).filter(|h| h.grain == Some("day")).or_else(|| numeric(s, k + 1, true));
        if let Some(mut h) = inner {
            if s.punct(h.end, b')') {
                h.end += 1;
                return Some(widen(h));
            }
        }
    }
    if s.w(k) == W::The {
        if let Some((d, e, _)) = day_num(s, k + 1) {
            if phrase_ends(s, e) {
                return Some(Hit::date(FigureKind::Date, first, e, day_near(s.ctx, d), "day"));
            }
        }
    }
    // "friday this week", "tuesday of next week", "friday next week"
    let kw = if s.w(k) == W::Of { k + 1 } else { k };
    if matches!(s.w(kw), W::This | W::Next | W::Last) && s.w(kw + 1) == W::Week {
        let dir = match s.w(kw) {
            W::Next => 1,
            W::This => 0,
            _ => -1,
        };
        return Some(Hit::date(FigureKind::Date, first, kw + 2, week_day(s, dir, wd), "day"));
    }
    if shift.is_none() && ["sun", "sat", "wed", "mon"].iter().any(|d| word.eq_ignore_ascii_case(d)) {
        return None;
    }
    let value = today(s.ctx).and_then(|t| {
        let now = i64::from(weekday(t));
        let wd = i64::from(wd);
        let z = match shift {
            // Alone: the last such day up to the cable's date (a report looks back).
            None => t - (now - wd).rem_euclid(7),
            Some(0) => t - now + wd,
            Some(d) if d > 0 => t + (wd - now - 1).rem_euclid(7) + 1,
            Some(_) => t - (now - wd - 1).rem_euclid(7) - 1,
        };
        iso_of(z)
    });
    Some(Hit::date(FigureKind::Date, first, k, value, "day"))
}

/// `first sunday`, `the third tuesday of july`, `the first friday in this month`.
fn nth_weekday(s: &Scan<'_>, i: usize, first: usize) -> Option<Hit> {
    let n = s.w(i).ordinal().filter(|n| (1..=5).contains(n))?;
    let wd = s.w(i + 1).weekday()?;
    if ends_with_ignore_case(s.word(i + 1), "days") {
        return None;
    }
    let mut end = i + 2;
    let mut month: Option<(i64, u32)> = None;
    if matches!(s.w(end), W::Of | W::In) {
        let k = end + 1;
        if let Some((m, e)) = month_at(s, k) {
            month = year_for_month(s.ctx, m).map(|y| (y, m));
            end = e;
        } else if matches!(s.w(k), W::This | W::Next | W::Last) && s.w(k + 1) == W::Month {
            let dir = match s.w(k) {
                W::Next => 1,
                W::This => 0,
                _ => -1,
            };
            month = today(s.ctx).map(|t| {
                let (y, m, _) = civil(t);
                add_months(y, m, dir)
            });
            end = k + 2;
        }
    }
    let value = month.and_then(|(y, m)| {
        let first_day = days(y, m, 1);
        let offset = (i64::from(wd) - i64::from(weekday(first_day))).rem_euclid(7);
        let d = 1 + offset + 7 * (i64::from(n) - 1);
        let d = u32::try_from(d).ok()?;
        (d <= month_len(Some(y), m)).then(|| iso_day(y, m, d)).flatten()
    });
    Some(Hit::date(FigureKind::Date, first, end, value, "day"))
}

/// `20th of next month`, `31st of this month`: the day `d` of a month relative to the
/// cable's; `end` is the token after `month`.
pub(super) fn day_of_month(s: &Scan<'_>, first: usize, end: usize, d: u32, which: W) -> Option<Hit> {
    let dir = match which {
        W::Next => 1,
        W::This => 0,
        _ => -1,
    };
    let value = today(s.ctx).and_then(|t| {
        let (y, m, _) = civil(t);
        let (y, m) = add_months(y, m, dir);
        valid(Some(y), m, d).then(|| iso_day(y, m, d)).flatten()
    });
    Some(Hit::date(FigureKind::Date, first, end, value, "day"))
}

/// `Election Day`, `Independence Day`: a day the cable may define elsewhere. The value
/// is filled in after all prose is read.
fn named_day(s: &Scan<'_>, i: usize) -> Option<Hit> {
    let t = s.tok(i)?;
    let day = s.tok(i + 1)?;
    if !t.is_word() || s.w(i + 1) != W::Day || s.word(i + 1).len() != 3 {
        return None;
    }
    let w = t.w;
    let glued_on = s.tok(i + 2).is_some_and(|n| n.start == day.end && n.is_dash());
    let caps_text = t.caps && day.caps;
    let named = !glued_on
        && (w == W::EventNoun
            || (!caps_text && t.upper && day.upper && w == W::Other && s.word(i).chars().all(char::is_alphabetic)));
    if !named {
        return None;
    }
    let mut h = Hit::date(FigureKind::Date, i, i + 2, None, "day");
    h.named = Some(s.word(i).to_lowercase());
    Some(h)
}
