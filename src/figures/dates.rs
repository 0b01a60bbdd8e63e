//! Calendar dates and periods written out: `November 15`, `DECEMBER 4, 2005`, `15 june
//! 2016`, `the 4th of march`, `in late September`, `2016-11-07`, `11/07/2016`, years.

use super::calendar::{day_near, iso, iso_day, iso_month, iso_year, month_len, valid, year_for, year_for_month};
use super::numbers::digits_value;
use super::relative;
use super::scan::{Hit, Quantity, Scan};
use super::tokens::{Tok, K};
use super::words::W;
use crate::model::FigureKind;

/// How a day of the month was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// Digits: `15`.
    Numeric,
    /// Digits with a suffix: `15th`.
    OrdNumeric,
    /// An ordinal word: `fifteenth`, `twenty-first`.
    OrdWord,
    /// A cardinal word: `fifteen`, `twenty one`.
    CardWord,
}

/// A day of the month at `j`: its number, the token after it, how it was written.
pub(super) fn day_num(s: &Scan<'_>, j: usize) -> Option<(u32, usize, Form)> {
    let t = s.tok(j)?;
    match t.kind {
        K::Digits => {
            if t.len() > 2 {
                return None;
            }
            let d = u32::try_from(digits_value(s.word(j))?).ok()?;
            if !(1..=31).contains(&d) {
                return None;
            }
            if s.adj(j, j + 1) && matches!(s.w(j + 1), W::St | W::Nd | W::Rd | W::Th) {
                return Some((d, j + 2, Form::OrdNumeric));
            }
            if s.tok(j + 1).is_some_and(|n| n.is_word() && n.start == t.end) {
                return None;
            }
            Some((d, j + 1, Form::Numeric))
        }
        K::Word => {
            if let Some(o) = t.w.ordinal() {
                return Some((o, j + 1, Form::OrdWord));
            }
            let c = t.w.cardinal()?;
            if c == 20 || c == 30 {
                let k = if s.tok(j + 1).is_some_and(Tok::is_dash) { j + 2 } else { j + 1 };
                let nw = s.w(k);
                if let Some(o) = nw.ordinal().filter(|o| *o < 10) {
                    return Some((c + o, k + 1, Form::OrdWord));
                }
                if let Some(u) = nw.cardinal().filter(|u| (1..10).contains(u)) {
                    return (c + u <= 31).then_some((c + u, k + 1, Form::CardWord));
                }
            }
            (1..=31).contains(&c).then_some((c, j + 1, Form::CardWord))
        }
        _ => None,
    }
}

/// A month name at `j` and the token after it (a glued `.` before a number is absorbed).
pub(super) fn month_at(s: &Scan<'_>, j: usize) -> Option<(u32, usize)> {
    let m = s.w(j).month()?;
    if s.punct(j + 1, b'.') && s.adj(j, j + 1) && s.tok(j + 2).is_some_and(|t| t.kind == K::Digits) {
        return Some((m, j + 2));
    }
    Some((m, j + 1))
}

/// A four-digit year at `j` (1000..2999, not part of a bigger number).
pub(super) fn year_at(s: &Scan<'_>, j: usize) -> Option<(i64, usize)> {
    let t = s.tok(j)?;
    if t.kind != K::Digits || t.len() != 4 {
        return None;
    }
    if let Some(n) = s.tok(j + 1) {
        let glued_more = n.start == t.end
            && (n.is_word()
                || (matches!(n.kind, K::Punct(b',' | b'.'))
                    && s.tok(j + 2).is_some_and(|d| d.kind == K::Digits && d.start == n.end)));
        if glued_more {
            return None;
        }
    }
    let y = i64::try_from(digits_value(s.word(j))?).ok()?;
    (1000..3000).contains(&y).then_some((y, j + 1))
}

/// A year after a day: `, 2016`, ` 2016`, ` of 2016`. Returns the year and the token after.
fn year_after(s: &Scan<'_>, j: usize) -> Option<(i64, usize)> {
    if s.punct(j, b',') || s.w(j) == W::Of {
        return year_at(s, j + 1);
    }
    year_at(s, j)
}

/// A day-grain date figure (the year guessed from the context when not written).
pub(super) fn day_hit(s: &Scan<'_>, first: usize, end: usize, y: Option<i64>, m: u32, d: u32) -> Option<Hit> {
    if !valid(y, m, d) {
        return None;
    }
    let y = y.or_else(|| year_for(s.ctx, m, d));
    let value = match y {
        Some(y) if valid(Some(y), m, d) => iso_day(y, m, d),
        Some(_) => None,
        None => Some(iso("--", &[(m.into(), 2), (d.into(), 2)])),
    };
    Some(Hit::date(FigureKind::Date, first, end, value, "day"))
}

/// A month-grain period figure.
fn month_hit(s: &Scan<'_>, first: usize, end: usize, y: Option<i64>, m: u32) -> Hit {
    let value = match y.or_else(|| year_for_month(s.ctx, m)) {
        Some(y) => iso_month(y, m),
        None => Some(iso("--", &[(m.into(), 2)])),
    };
    Hit::date(FigureKind::Period, first, end, value, "month")
}

/// True for a word before a month or a bare number that makes it a date.
fn cue(w: W) -> bool {
    matches!(
        w,
        W::In
            | W::On
            | W::Since
            | W::Until
            | W::By
            | W::During
            | W::Of
            | W::From
            | W::Through
            | W::Before
            | W::After
            | W::Early
            | W::Mid
            | W::Late
            | W::Last
            | W::Next
            | W::This
            | W::To
    )
}

/// Dates that start with digits: numeric forms and day-first forms.
pub(super) fn at_digits(s: &Scan<'_>, i: usize) -> Option<Hit> {
    let prev = if i > 0 { s.w(i - 1) } else { W::Other };
    let cued = matches!(prev, W::On | W::In | W::By | W::Until | W::Since | W::From | W::Through);
    numeric(s, i, cued).or_else(|| day_first(s, i)).or_else(|| on_ordinal(s, i, prev))
}

/// An ordinal day alone after `on`, `by`, `until` or `since`: `on 22nd`,
/// `on twenty second?` (the month is the cable's, or the one before).
fn on_ordinal(s: &Scan<'_>, i: usize, prev: W) -> Option<Hit> {
    if !matches!(prev, W::On | W::By | W::Until | W::Since) {
        return None;
    }
    let (d, e, form) = day_num(s, i)?;
    let ok = match form {
        Form::OrdNumeric => true,
        Form::OrdWord => e - i >= 2,
        _ => false,
    };
    let ends = s.tok(e).is_none_or(|t| !t.is_word() || t.w.is_function());
    (ok && ends).then(|| Hit::date(FigureKind::Date, i, e, day_near(s.ctx, d), "day"))
}

/// Dates that start with a word.
pub(super) fn at_word(s: &Scan<'_>, i: usize) -> Option<Hit> {
    let w = s.w(i);
    if w.month().is_some() {
        return month_first(s, i, i);
    }
    if matches!(w, W::Early | W::Mid | W::Late) {
        // "in late September", "mid-2005", "early next year"
        let j = if s.punct(i + 1, b'-') && s.adj(i, i + 1) { i + 2 } else { i + 1 };
        if s.w(j).month().is_some() {
            return month_first(s, j, i);
        }
        if let Some((y, e)) = year_at(s, j) {
            return Some(Hit::date(FigureKind::Period, i, e, iso_year(y), "year"));
        }
        return relative::at_word(s, j).map(|mut h| {
            h.first = i;
            h
        });
    }
    if w.ordinal().is_some() || w == W::Twenty || w == W::Thirty {
        let prev = if i > 0 { s.w(i - 1) } else { W::Other };
        if let Some(h) = day_first(s, i).or_else(|| on_ordinal(s, i, prev)) {
            return Some(h);
        }
    }
    relative::at_word(s, i)
}

/// `November 15`, `DECEMBER 4, 2005`, `jan-1`, `may the eleventh`, `October 2014`,
/// `in October`. `first` is where the figure starts (a modifier such as `late`).
pub(super) fn month_first(s: &Scan<'_>, i: usize, first: usize) -> Option<Hit> {
    let (m, j) = month_at(s, i)?;
    let t = s.tok(i)?;
    let word = s.word(i);
    let abbrev = word.len() <= 4 && !["may", "june", "july"].iter().any(|m| word.eq_ignore_ascii_case(m));
    let ambiguous = matches!(s.w(i), W::May | W::March);
    // The day.
    let mut k = j;
    let glued = (s.punct(k, b'-') || s.punct(k, b'/')) && s.adj(k - 1, k) && s.adj(k, k + 1);
    let mut after_the = false;
    let comma_ordinal = s.punct(k, b',') && matches!(day_num(s, k + 1), Some((_, _, Form::OrdNumeric | Form::OrdWord)));
    if glued || comma_ordinal {
        k += 1;
    } else if s.w(k) == W::The {
        k += 1;
        after_the = true;
    }
    if let Some((d, e, form)) = day_num(s, k) {
        let ok = match form {
            Form::Numeric => numeric_day_ok(s, e),
            Form::OrdNumeric | Form::OrdWord => true,
            Form::CardWord => after_the || e - k >= 2,
        } && !(after_the && s.tok(e).is_some_and(|n| n.is_word() && !n.w.is_function()));
        if ok && valid(None, m, d) {
            let (y, end) = match year_after(s, e) {
                Some((y, end)) => (Some(y), end),
                None => (None, e),
            };
            let (y, end) = match y {
                Some(y) => (Some(y), end),
                None => {
                    // "June 22-26, 2009"
                    let e = day_range_end(s, end, d, m);
                    match year_after(s, e).filter(|_| e > end) {
                        Some((y, e2)) => (Some(y), e2),
                        None => (None, e),
                    }
                }
            };
            return day_hit(s, first, end, y, m, d);
        }
    }
    if glued || after_the {
        return None;
    }
    // Month and year: "October 2014", "Nov. 2016".
    if let Some((y, e)) = year_at(s, j).or_else(|| if s.punct(j, b',') { year_at(s, j + 1) } else { None }) {
        return Some(month_hit(s, first, e, Some(y), m));
    }
    // The month alone.
    if abbrev || s.punct(j, b'-') && s.adj(i, j) {
        return None;
    }
    let prev = if i > 0 { s.w(i - 1) } else { W::Other };
    let cued = cue(prev) || first < i;
    if ambiguous && !(cued && (t.upper || t.caps)) {
        return None;
    }
    Some(month_hit(s, first, j, None, m))
}

/// A numeric day after a month must not be the start of a quantity ("May 5 percent").
fn numeric_day_ok(s: &Scan<'_>, e: usize) -> bool {
    let Some(n) = s.tok(e) else {
        return true;
    };
    if n.is_punct(b'%')
        || (n.is_punct(b',') && s.tok(e + 1).is_some_and(|d| d.kind == K::Digits && d.len() == 3 && d.start == n.end))
    {
        return false;
    }
    if n.is_punct(b'.') && s.tok(e + 1).is_some_and(|d| d.kind == K::Digits && d.start == n.end) {
        return false;
    }
    !(n.is_word() && (n.w == W::Percent || n.w.scale().is_some() || n.w.time_unit().is_some()))
}

/// Absorbs the end of a day range (`November 15-17`) after a date.
fn day_range_end(s: &Scan<'_>, end: usize, d: u32, m: u32) -> usize {
    if s.tok(end).is_some_and(Tok::is_dash) {
        if let Some((d2, e2, Form::Numeric | Form::OrdNumeric)) = day_num(s, end + 1) {
            if d2 > d && d2 <= month_len(None, m) {
                return e2;
            }
        }
    }
    end
}

/// `15 june 2016`, `1st jan`, `28-nov`, `4th of march`, `fourth of may`,
/// `twenty second of june`, `16. nov. 2016`, `20th of next month`.
pub(super) fn day_first(s: &Scan<'_>, i: usize) -> Option<Hit> {
    let (d, j, form) = day_num(s, i)?;
    if form == Form::CardWord {
        return None;
    }
    let mut k = j;
    let mut of = false;
    let glued = (s.punct(k, b'-') || s.punct(k, b'/')) && s.adj(k - 1, k) && s.adj(k, k + 1);
    let dotted = s.punct(k, b'.') && s.adj(k - 1, k) && form == Form::Numeric;
    if glued || dotted {
        k += 1;
    } else if s.w(k) == W::Of {
        k += 1;
        of = true;
    }
    if form == Form::OrdWord && !of {
        return None;
    }
    if of && matches!(s.w(k), W::Next | W::This | W::Last) && s.w(k + 1) == W::Month {
        return relative::day_of_month(s, i, k + 2, d, s.w(k));
    }
    let (m, e) = month_at(s, k)?;
    let (y, end) = match year_after(s, e) {
        Some((y, end)) => (Some(y), end),
        None => (None, e),
    };
    // "5 may be": May after a number needs a year or the end of the phrase.
    if s.w(k) == W::May && y.is_none() && s.tok(end).is_some_and(|t| t.is_word() && !of) {
        return None;
    }
    day_hit(s, i, end, y, m, d)
}

/// The separator between numeric date parts.
fn sep(t: &Tok) -> Option<u8> {
    match t.kind {
        K::Punct(c @ (b'/' | b'-' | b'.')) => Some(c),
        _ => None,
    }
}

/// Numeric dates: `2016-11-07`, `11/07/2016`, `21/04/16`, `13.5.2015`, `11/12,2016`,
/// `2019-sep-1`, and, after a cue word (`on`, a weekday), `4/22`, `4-22`, `4.22`.
pub(super) fn numeric(s: &Scan<'_>, i: usize, cued: bool) -> Option<Hit> {
    let t0 = s.tok(i)?;
    let s1 = s.tok(i + 1).and_then(sep)?;
    if !s.adj(i, i + 1) || !s.adj(i + 1, i + 2) {
        return None;
    }
    let g0 = digits_value(s.word(i))?;
    let l0 = t0.len();
    // The middle part: digits, or a month name ("2019-sep-1").
    let (g1, l1, month_word) = match s.tok(i + 2)?.kind {
        K::Digits => (digits_value(s.word(i + 2))?, s.tok(i + 2)?.len(), false),
        K::Word => (u64::from(s.w(i + 2).month()?), 2, true),
        _ => return None,
    };
    if l0 > 4 || l1 > 2 {
        return None;
    }
    // A third part.
    let third = s.tok(i + 3).and_then(|t| match t.kind {
        K::Punct(c) if (Some(c) == Some(s1) || (c == b',' && s1 == b'/')) && s.adj(i + 2, i + 3) => Some(c),
        _ => None,
    });
    if let Some(c3) = third {
        let t2 = s.tok(i + 4).filter(|t| t.kind == K::Digits && s.adj(i + 3, i + 4))?;
        // A fourth part makes it an address or a version number.
        if s.tok(i + 5).and_then(sep).is_some()
            && s.adj(i + 4, i + 5)
            && s.tok(i + 6).is_some_and(|t| t.kind == K::Digits)
        {
            return None;
        }
        if s.tok(i + 5).is_some_and(|t| t.start == t2.end && (t.is_word() || t.kind == K::Digits)) {
            return None;
        }
        let g2 = digits_value(s.word(i + 4))?;
        let l2 = t2.len();
        let (y, m, d) = if l0 == 4 && c3 != b',' {
            (g0 as i64, g1 as u32, u32::try_from(g2).ok()?)
        } else if l2 == 4 || l2 == 2 {
            let y = if l2 == 2 { pivot(g2) } else { g2 as i64 };
            if month_word {
                return None;
            }
            let (a, b) = (u32::try_from(g0).ok()?, g1 as u32);
            // US order unless impossible; dotted dates are day first.
            if s1 == b'.' && b <= 12 && a <= 31 {
                (y, b, a)
            } else if a <= 12 && b <= 31 {
                (y, a, b)
            } else {
                (y, b, a)
            }
        } else {
            return None;
        };
        if !valid(Some(y), m, d) {
            return None;
        }
        return day_hit(s, i, i + 5, Some(y), m, d);
    }
    if month_word || l0 > 2 {
        return None;
    }
    // Two parts: month and day without a year.
    let (a, b) = (u32::try_from(g0).ok()?, g1 as u32);
    let end = i + 3;
    if s1 == b'/' && a == 9 && b == 11 && l1 == 2 {
        return day_hit(s, i, end, Some(2001), 9, 11);
    }
    if let Some(n) = s.tok(end) {
        let glued = n.start == s.tok(end - 1)?.end && (n.kind == K::Digits || n.is_word() || sep(n).is_some());
        let quantity = n.is_punct(b'%') || (n.is_word() && !n.w.is_function());
        if glued || quantity {
            return None;
        }
    }
    let fraction = s1 == b'/' && a < b && b <= 10;
    let spaced_before = i == 0 || !s.adj(i - 1, i);
    if !spaced_before || !(cued || (s1 == b'/' && !fraction)) {
        return None;
    }
    let (m, d) = if a <= 12 && valid(None, a, b) { (a, b) } else { (b, a) };
    if !valid(None, m, d) {
        return None;
    }
    day_hit(s, i, end, None, m, d)
}

/// A two-digit year: 00..49 → 2000s, 50..99 → 1900s.
fn pivot(y: u64) -> i64 {
    let y = y as i64;
    if y < 50 {
        2000 + y
    } else {
        1900 + y
    }
}

/// A year (or a range of years) after a quantity: `in 2004`, `2004-2005`. A four-digit
/// number between 1900 and 2099 written without separators is read as a year;
/// other four-digit numbers only after `in`, `since`... .
pub(super) fn year(s: &Scan<'_>, q: &Quantity) -> Option<Hit> {
    let p = &q.parsed;
    if p.spelled || p.grouped || p.decimal || p.scaled || p.attached || p.leading_zero || p.int_digits != 4 || p.num.neg
    {
        return None;
    }
    let y = i64::try_from(p.num.as_int()?).ok()?;
    let prev = if q.first > 0 { s.w(q.first - 1) } else { W::Other };
    if !((1900..2100).contains(&y) || (1000..3000).contains(&y) && cue(prev)) {
        return None;
    }
    let mut h = Hit::date(FigureKind::Period, q.first, q.end, None, "year");
    match q.high {
        Some(hi) => {
            let hy = hi.as_int()?;
            // "2004-05": the high end abbreviates the century.
            let hy = if hy < 100 { (y / 100) * 100 + hy as i64 } else { hy as i64 };
            if hy <= y || hy - y > 100 {
                return None;
            }
            h.low = Some(y as f64);
            h.high = Some(hy as f64);
        }
        None => h.value = iso_year(y).map(crate::model::FigureValue::Text),
    }
    Some(h)
}
