//! Calendar arithmetic: day numbers, weekdays, month lengths, ISO text, and picking the
//! year of a date written without one.

use super::DateContext;

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(super) fn days(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number.
pub(super) fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Weekday of a day number (0 = Monday).
pub(super) fn weekday(z: i64) -> u32 {
    (z + 3).rem_euclid(7) as u32
}

/// True for a leap year.
fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month (29 for February of an unknown year).
pub(super) fn month_len(y: Option<i64>, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match y {
            Some(y) if !leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

/// True when the day exists in that month.
pub(super) fn valid(y: Option<i64>, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= month_len(y, m)
}

/// `YYYY-MM-DD`, for years 1..=9999.
pub(super) fn iso_day(y: i64, m: u32, d: u32) -> Option<String> {
    (1..=9999).contains(&y).then(|| iso("", &[(y, 4), (m.into(), 2), (d.into(), 2)]))
}

/// `YYYY-MM`, for years 1..=9999.
pub(super) fn iso_month(y: i64, m: u32) -> Option<String> {
    (1..=9999).contains(&y).then(|| iso("", &[(y, 4), (m.into(), 2)]))
}

/// `YYYY`, for years 1..=9999.
pub(super) fn iso_year(y: i64) -> Option<String> {
    (1..=9999).contains(&y).then(|| iso("", &[(y, 4)]))
}

/// `prefix`, then each number zero-padded to its width, joined by `-`: what
/// `format!` writes for `{y:04}-{m:02}`, without its machinery (dates are made by
/// the thousand, and formatting was most of their cost).
pub(super) fn iso(prefix: &str, fields: &[(i64, usize)]) -> String {
    let mut out = String::with_capacity(prefix.len() + 11);
    out.push_str(prefix);
    for (k, &(v, width)) in fields.iter().enumerate() {
        if k > 0 {
            out.push('-');
        }
        crate::lines::push_signed(&mut out, v, width);
    }
    out
}

/// `YYYY-MM-DD` of a day number.
pub(super) fn iso_of(z: i64) -> Option<String> {
    let (y, m, d) = civil(z);
    iso_day(y, m, d)
}

/// The reference day number, when the cable's full date is known.
pub(super) fn today(ctx: &DateContext) -> Option<i64> {
    let (y, m, d) = ctx.date?;
    valid(Some(i64::from(y)), m, d).then(|| days(i64::from(y), m, d))
}

/// The reference year: the cable's date, else its reference id's year.
pub(super) fn this_year(ctx: &DateContext) -> Option<i64> {
    ctx.date.map(|d| i64::from(d.0)).or(ctx.year.map(i64::from))
}

/// The year of a month and day written without one. A report mostly looks back:
/// of the years around the reference date, pick the closest, counting days ahead
/// four times as far as days behind. Without a full date, the known year.
pub(super) fn year_for(ctx: &DateContext, m: u32, d: u32) -> Option<i64> {
    let Some(t) = today(ctx) else {
        return this_year(ctx);
    };
    let (ty, _, _) = civil(t);
    let mut best: Option<(i64, i64)> = None;
    for y in [ty - 1, ty, ty + 1] {
        if !valid(Some(y), m, d) {
            continue;
        }
        let delta = days(y, m, d) - t;
        let cost = if delta <= 0 { -delta } else { delta * 4 };
        if best.is_none_or(|(c, _)| cost < c) {
            best = Some((cost, y));
        }
    }
    best.map(|(_, y)| y)
}

/// The year of a month written without one (same rule as [`year_for`], by months).
pub(super) fn year_for_month(ctx: &DateContext, m: u32) -> Option<i64> {
    let Some((y, rm, _)) = ctx.date else {
        return this_year(ctx);
    };
    let (y, m, rm) = (i64::from(y), i64::from(m), i64::from(rm));
    let mut best: Option<(i64, i64)> = None;
    for cy in [y - 1, y, y + 1] {
        let delta = (cy * 12 + m) - (y * 12 + rm);
        let cost = if delta <= 0 { -delta } else { delta * 4 };
        if best.is_none_or(|(c, _)| cost < c) {
            best = Some((cost, cy));
        }
    }
    best.map(|(_, y)| y)
}

/// ISO week of a day number (`2005-W48`).
pub(super) fn iso_week(z: i64) -> Option<String> {
    let thursday = z - i64::from(weekday(z)) + 3;
    let (y, _, _) = civil(thursday);
    let week = (thursday - days(y, 1, 1)) / 7 + 1;
    (1..=9999).contains(&y).then(|| {
        let mut iso = iso("", &[(y, 4)]);
        iso.push_str("-W");
        crate::lines::push_signed(&mut iso, week, 2);
        iso
    })
}

/// The day `d` of the current month when it is not after the reference day, else of
/// the month before (a report looks back).
pub(super) fn day_near(ctx: &DateContext, d: u32) -> Option<String> {
    let t = today(ctx)?;
    let (y, m, td) = civil(t);
    let (y, m) = if d <= td { (y, m) } else { add_months(y, m, -1) };
    if valid(Some(y), m, d) {
        iso_day(y, m, d)
    } else {
        None
    }
}

/// `(y, m)` moved by `n` months.
pub(super) fn add_months(y: i64, m: u32, n: i64) -> (i64, u32) {
    let idx = y * 12 + i64::from(m) - 1 + n;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_pads_like_format() {
        for v in [0, 1, 7, 9, 10, 12, 99, 100, 999, 2005, 9999, 12345, -1, -12, -123, i64::MIN, i64::MAX] {
            assert_eq!(iso("", &[(v, 4)]), format!("{v:04}"));
            assert_eq!(iso("--", &[(v, 2), (v, 2)]), format!("--{v:02}-{v:02}"));
        }
        assert_eq!(iso_day(2005, 12, 4).as_deref(), Some("2005-12-04"));
        assert_eq!(iso_month(33, 1).as_deref(), Some("0033-01"));
        assert_eq!(iso_week(days(2005, 12, 1)).as_deref(), Some("2005-W48"));
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(civil(days(2005, 12, 4)), (2005, 12, 4));
        assert_eq!(weekday(days(2016, 11, 7)), 0);
        assert_eq!(weekday(days(2005, 12, 4)), 6);
        assert_eq!(iso_week(days(2016, 11, 7)).as_deref(), Some("2016-W45"));
        assert_eq!(iso_week(days(2005, 1, 1)).as_deref(), Some("2004-W53"));
    }

    #[test]
    fn years_are_read_toward_the_past() {
        let ctx = DateContext { date: Some((2005, 11, 29)), year: None };
        assert_eq!(year_for(&ctx, 11, 15), Some(2005));
        assert_eq!(year_for(&ctx, 12, 4), Some(2005));
        assert_eq!(year_for(&ctx, 6, 1), Some(2005));
        let jan = DateContext { date: Some((2006, 1, 10)), year: None };
        assert_eq!(year_for(&jan, 11, 15), Some(2005));
        assert_eq!(year_for_month(&jan, 10), Some(2005));
    }
}
