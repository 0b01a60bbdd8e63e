//! Calendar helpers: month names, date-time groups, two-digit years, and the
//! year a cable's own text gives.

use crate::lines::{is_digits, parse_u32};

/// Month number (1-12) for an English month name or its abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // (Compared in place: this runs on every word of dated text.)
    if w.len() > 9 {
        return None;
    }
    let wb = w.as_bytes();
    // Only the months with the word's first letter can match (most words
    // have none): `i` runs over those, in calendar order.
    let candidates: &[usize] = match wb[0].to_ascii_lowercase() {
        b'j' => &[0, 5, 6],
        b'f' => &[1],
        b'm' => &[2, 4],
        b'a' => &[3, 7],
        b's' => &[8],
        b'o' => &[9],
        b'n' => &[10],
        b'd' => &[11],
        _ => return None,
    };
    for &i in candidates {
        let name = NAMES[i];
        if w.eq_ignore_ascii_case(name)
            || (wb.len() == 3 && name.as_bytes().get(..3).is_some_and(|p| p.eq_ignore_ascii_case(wb)))
            || (i == 8 && w.eq_ignore_ascii_case("sept"))
        {
            return Some(i as u32 + 1);
        }
    }
    None
}

/// Number of days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A two-digit year as printed in DTGs and ids (cables run 1966-2010).
pub fn full_year(yy: u32) -> i32 {
    if yy >= 50 {
        1900 + yy as i32
    } else {
        2000 + yy as i32
    }
}

/// A parsed date-time group: `241555Z JUL 09`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DtgValue {
    /// Year.
    pub year: i32,
    /// Month.
    pub month: u32,
    /// Day.
    pub day: u32,
    /// Hour.
    pub hour: u32,
    /// Minute.
    pub minute: u32,
}

impl DtgValue {
    /// ISO date.
    pub fn iso_date(&self) -> String {
        iso_date(self.year, self.month, self.day)
    }

    /// ISO date-time in UTC.
    pub fn iso_datetime(&self) -> String {
        let mut s = self.iso_date();
        s.push('T');
        crate::lines::push_decimal(&mut s, self.hour.into(), 2);
        s.push(':');
        crate::lines::push_decimal(&mut s, self.minute.into(), 2);
        s.push_str(":00Z");
        s
    }
}

/// `YYYY-MM-DD`, as `format!("{y:04}-{m:02}-{d:02}")` writes it.
pub fn iso_date(y: i32, m: u32, d: u32) -> String {
    let mut s = String::with_capacity(10);
    crate::lines::push_signed(&mut s, y.into(), 4);
    s.push('-');
    crate::lines::push_decimal(&mut s, m.into(), 2);
    s.push('-');
    crate::lines::push_decimal(&mut s, d.into(), 2);
    s
}

/// Finds a DTG (`DDHHMMZ MON YY`) in `s`. Returns its byte range and value
/// (`None` for a DTG whose fields are out of range).
pub fn find_dtg(s: &str) -> Option<(usize, usize, Option<DtgValue>)> {
    // Cheap rejection (this runs on header lines): a DTG has its `Z`.
    memchr::memchr2(b'Z', b'z', s.as_bytes())?;
    let words: Vec<(usize, &str)> = crate::lines::words(s).collect();
    for i in 0..words.len().saturating_sub(2) {
        let (at, w) = words[i];
        let w = w.trim_end_matches(',');
        if w.len() == 7 && (w.ends_with('Z') || w.ends_with('z')) && is_digits(&w[..6]) {
            let (m_at, m) = words[i + 1];
            let (y_at, y) = words[i + 2];
            let y = y.trim_end_matches(|c: char| !c.is_ascii_digit());
            let Some(month) = month_number(m).filter(|_| m.len() == 3) else { continue };
            if !(is_digits(y) && (y.len() == 2 || y.len() == 4)) {
                continue;
            }
            let _ = m_at;
            let num = |r: std::ops::Range<usize>| parse_u32(&w[r]).unwrap_or(99);
            let yv = parse_u32(y).unwrap_or(0);
            let year = if y.len() == 2 { full_year(yv) } else { yv as i32 };
            let (day, hour, minute) = (num(0..2), num(2..4), num(4..6));
            let valid = day >= 1 && day <= days_in_month(year, month) && hour < 24 && minute < 60;
            let value = valid.then_some(DtgValue { year, month, day, hour, minute });
            return Some((at, y_at + y.len(), value));
        }
    }
    None
}

/// Years that full dates in `s` state (`December 4, 2005`, `4 December 2005`,
/// `DEC. 9-10 2002`), bounded to the Cablegate era.
pub fn stated_years(s: &str, out: &mut Vec<i32>) {
    // `s.split(|c: char| c.is_whitespace() || c == ',')`, empty words left
    // out, reading ASCII bytes without decoding them.
    let mut words: Vec<&str> = Vec::with_capacity(s.len() / 6 + 1);
    let b = s.as_bytes();
    let (mut i, mut start) = (0, 0);
    while i < b.len() {
        let c = b[i];
        let (sep, len) = if c < 0x80 {
            (matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | b','), 1)
        } else {
            let ch = s.get(i..).and_then(|r| r.chars().next()).unwrap_or('\0');
            (ch.is_whitespace(), ch.len_utf8())
        };
        if sep {
            if i > start {
                words.push(&s[start..i]);
            }
            start = i + len;
        }
        i += len;
    }
    if start < b.len() {
        words.push(&s[start..]);
    }
    for (i, w) in words.iter().enumerate() {
        if w.len() < 3 || month_number(w).is_none() {
            continue;
        }
        // Month [day] year, or day Month year.
        for j in [i + 1, i + 2] {
            if let Some(y) = words.get(j).map(|y| y.trim_end_matches(['.', ';', ':', ')'])) {
                if y.len() == 4 && is_digits(y) {
                    if let Some(y) = parse_u32(y).filter(|y| (1960..=2011).contains(y)) {
                        out.push(y as i32);
                    }
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_and_abbreviations() {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september"];
        let more = ["october", "november", "december"];
        for (i, name) in names.iter().chain(more.iter()).enumerate() {
            let n = Some(i as u32 + 1);
            assert_eq!(month_number(name), n);
            assert_eq!(month_number(&name.to_uppercase()), n);
            assert_eq!(month_number(&format!("{}.", &name[..3])), n);
        }
        assert_eq!(month_number("Sept."), Some(9));
        for w in ["jun", "JUL", "Mar", "aUg"] {
            assert!(month_number(w).is_some(), "{w}");
        }
        for w in ["june2", "ma", "the", "mayor", "decembers", "junk", "sep.t", "octopus"] {
            assert_eq!(month_number(w), None, "{w}");
        }
    }

    #[test]
    fn iso_dates_as_format_writes_them() {
        for (y, m, d) in [(2009, 7, 24), (5, 1, 2), (-3, 12, 31), (-2024, 2, 29), (12345, 10, 1)] {
            assert_eq!(iso_date(y, m, d), format!("{y:04}-{m:02}-{d:02}"));
        }
        let v = DtgValue { year: 2009, month: 7, day: 24, hour: 5, minute: 0 };
        assert_eq!(v.iso_datetime(), "2009-07-24T05:00:00Z");
    }

    #[test]
    fn dtg() {
        let (a, b, v) = find_dtg("O 241555Z JUL 09").unwrap();
        assert_eq!((a, b), (2, 16));
        assert_eq!(v.unwrap().iso_datetime(), "2009-07-24T15:55:00Z");
        assert_eq!(find_dtg("P R 281848Z DEC 66").unwrap().2.unwrap().iso_date(), "1966-12-28");
        assert!(find_dtg("R 321550Z AUG 09").unwrap().2.is_none());
    }

    #[test]
    fn years_stated_in_text() {
        let mut v = vec![];
        stated_years("PRESIDENTIAL ELECTION IN KAZAKHSTAN, DECEMBER 4, 2005", &mut v);
        assert_eq!(v, [2005]);
        v.clear();
        stated_years("in May 2007 and 12 June 2008", &mut v);
        let text = "On\u{a0}May 5,2006 and\u{2003}June\t7 ,  2007; DEC. 9-10 2002 \u{e9}t\u{e9} January 2001.";
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        stated_years(text, &mut fast);
        let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
        for (i, w) in words.iter().enumerate() {
            if month_number(w).is_some() && w.len() >= 3 {
                for j in [i + 1, i + 2] {
                    if let Some(y) = words.get(j).map(|y| y.trim_end_matches(['.', ';', ':', ')'])) {
                        if y.len() == 4 && is_digits(y) {
                            slow.extend(parse_u32(y).filter(|y| (1960..=2011).contains(y)).map(|y| y as i32));
                            break;
                        }
                    }
                }
            }
        }
        assert_eq!(fast, slow);
        assert_eq!(v, [2007, 2008]);
    }
}
