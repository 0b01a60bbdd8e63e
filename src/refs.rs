//! REF lists: lettered items, cable ids in their many printed forms
//! (`06 TBILISI 2601`, `2007 MANAGUA 2135`, `09DHAHRAN 201`, `SECSTATE 12`),
//! and items that are not cables.

use crate::lines::{is_digits, parse_u64};
use crate::routes::is_known_station;

/// One item of a REF list, with byte ranges into the text given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefItem {
    /// Letter label (`A`), if any.
    pub label: Option<String>,
    /// Range of the item's text (label excluded).
    pub range: (usize, usize),
    /// Canonical id, when the item names a cable and its year is known.
    pub id: Option<String>,
    /// True when the item names a cable but no year could be found.
    pub needs_year: bool,
}

/// A cable id found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CableId {
    /// Range of the id's words.
    pub range: (usize, usize),
    /// Year as printed (two digits or four), if any.
    pub year: Option<i32>,
    /// Station as in ids.
    pub station: String,
    /// Serial.
    pub serial: u64,
}

impl CableId {
    /// Canonical id, using `default_year` when none is printed.
    pub fn canonical(&self, default_year: Option<i32>) -> Option<String> {
        Some(cable_id(self.year.or(default_year)?, &self.station, self.serial))
    }
}

/// A canonical reference id: two-digit year, station, serial (`05ALMATY4123`).
pub fn cable_id(year: i32, station: &str, serial: u64) -> String {
    let mut id = String::with_capacity(station.len() + 12);
    crate::lines::push_decimal(&mut id, year.rem_euclid(100) as u64, 2);
    id.push_str(station);
    crate::lines::push_decimal(&mut id, serial, 1);
    id
}

/// Words that are never part of a station name in a reference.
const NOT_STATION: &[&str] = &[
    "PAGE",
    "SECTION",
    "PARA",
    "PARAS",
    "PARAGRAPH",
    "NO",
    "NUMBER",
    "AND",
    "THE",
    "OF",
    "DATED",
    "MSG",
    "DTG",
    "EMAIL",
    "E-MAIL",
    "TELCON",
    "MEMCON",
    "OSC",
    "IIR",
    "FBIS",
    "REF",
    "REFTEL",
    "REFS",
    "TO",
    "FROM",
    "ON",
    "IN",
    "AT",
    "FOR",
    "OR",
    "DATE",
    "AUGUST",
    "POINTS",
    "ITEM",
    "ANNEX",
    "TABLE",
    "RES",
    "RESOLUTION",
    "UNSCR",
    "LAW",
    "ARTICLE",
    "A",
    "B",
    "NOTE",
    "CABLE",
    "CABLES",
    "LETTER",
    "YEAR",
    "YEARS",
    "USC",
    "ID",
    "ROOM",
    "BOX",
    "ZIP",
    "TELEGRAM",
];

/// Finds cable ids in `text` (`[YY|YYYY] STATION SERIAL`).
pub fn find_cable_ids(text: &str) -> Vec<CableId> {
    let toks: Vec<(usize, &str)> = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((id, used)) = cable_id_at(text, &toks, i) {
            out.push(id);
            i += used;
        } else {
            i += 1;
        }
    }
    out
}

/// Words of `text`, split at white space and at `;`, `,`, `:` (kept apart).
fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if matches!(b[i], b';' | b',' | b':') {
            i += 1;
        } else {
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b';' | b',' | b':') {
                i += 1;
            }
        }
        out.push((start, &text[start..i]));
    }
    out
}

fn cable_id_at(text: &str, toks: &[(usize, &str)], i: usize) -> Option<(CableId, usize)> {
    let (start, first) = toks[i];
    let mut j = i;
    let mut year = None;
    let mut glued_station = None;
    let first_clean = first.trim_start_matches('(');
    if is_digits(first_clean) && (first_clean.len() == 2 || first_clean.len() == 4) {
        let y = parse_u64(first_clean)? as i32;
        year = Some(if first_clean.len() == 2 { crate::dates::full_year(y as u32) } else { y });
        if first_clean.len() == 4 && !(1960..=2011).contains(&y) {
            return None;
        }
        j += 1;
    } else if first_clean.len() > 4 && first_clean.as_bytes()[..2].iter().all(u8::is_ascii_digit) {
        // Year glued to the station: 09DHAHRAN
        let rest = &first_clean[2..];
        if rest.bytes().all(|b| b.is_ascii_alphabetic()) {
            year = Some(crate::dates::full_year(first_clean[..2].parse().ok()?));
            glued_station = Some(rest.to_ascii_uppercase());
            j += 1;
        }
    }
    // Station: up to four words, then a serial (checked before the
    // station is built: most tokens start no id).
    let station_start = j;
    while j < toks.len() && j < station_start + 4 {
        let w = toks[j].1.trim_start_matches('(');
        if !w.bytes().all(|b| b.is_ascii_alphabetic()) || w.is_empty() {
            break;
        }
        j += 1;
    }
    let serial_tok = toks.get(j)?.1.trim_end_matches(['.', ')']);
    if !is_digits(serial_tok) || serial_tok.len() > 7 {
        return None;
    }
    let mut station = glued_station.unwrap_or_default();
    for t in &toks[station_start..j] {
        station.extend(t.1.trim_start_matches('(').bytes().map(|b| char::from(b.to_ascii_uppercase())));
    }
    let station = crate::markings::normalize_station(&station);
    let words = j - station_start;
    let known = is_known_station(&station);
    let plausible_single = words == 1
        && station.len() >= 4
        && !NOT_STATION.contains(&station.as_str())
        && crate::dates::month_number(&station).is_none();
    if station.is_empty() || !(known || plausible_single) {
        return None;
    }
    let serial = parse_u64(serial_tok)?;
    let end = toks[j].0 + serial_tok.len();
    let _ = text;
    Some((CableId { range: (start, end), year, station, serial }, j + 1 - i))
}

/// A letter label at token `t` (`A.`, `B)`, `(C)`, `¶D.`), and the letter.
fn label_of(t: &str) -> Option<(String, usize)> {
    let t2 = t.trim_start_matches('¶');
    let skip = t.len() - t2.len();
    let b = t2.as_bytes();
    let letter_ok = |c: u8| c.is_ascii_uppercase();
    match b {
        [l, b'.' | b')', ..] if letter_ok(*l) && (b.len() == 2) => Some(((*l as char).to_string(), skip + 2)),
        [b'(', l, b')', ..] if letter_ok(*l) => Some(((*l as char).to_string(), skip + 3)),
        _ => None,
    }
}

/// Reads a REF list's text (after `REF:`). `year` is the citing cable's year,
/// used when an item prints none.
pub fn read_refs(text: &str, year: Option<i32>) -> Vec<RefItem> {
    // Find labels: a token that is a letter label, or `(A)` glued to a word.
    let mut labels: Vec<(usize, usize, String)> = Vec::new(); // (label start, text start, letter)
    for (at, t) in crate::lines::words(text) {
        if let Some((letter, used)) = label_of(t) {
            // Doubled bullets (`A. A) BRASILIA 236`): keep the first.
            if let Some(last) = labels.last_mut() {
                if text[last.1..at].trim().is_empty() && last.2 == letter {
                    last.1 = at + used;
                    continue;
                }
            }
            labels.push((at, at + used, letter));
        }
    }
    let mut items = Vec::new();
    if labels.is_empty() {
        // Unlabeled: every cable id is an item; other text forms its own item.
        let ids = find_cable_ids(text);
        let mut at = 0;
        for id in &ids {
            push_other(text, at, id.range.0, &mut items);
            items.push(RefItem {
                label: None,
                range: id.range,
                id: id.canonical(year),
                needs_year: id.year.or(year).is_none(),
            });
            at = id.range.1;
        }
        push_other(text, at, text.len(), &mut items);
        return items;
    }
    push_other(text, 0, labels[0].0, &mut items);
    for (k, (_, start, letter)) in labels.iter().enumerate() {
        let end = labels.get(k + 1).map_or(text.len(), |l| l.0);
        let (s, e) = trim_range(text, *start, end);
        let ids = find_cable_ids(&text[s..e]);
        let first = ids.first();
        items.push(RefItem {
            label: Some(letter.clone()),
            range: (s, e),
            id: first.and_then(|c| c.canonical(year)),
            needs_year: first.is_some_and(|c| c.year.or(year).is_none()),
        });
    }
    items
}

fn trim_range(text: &str, s: usize, e: usize) -> (usize, usize) {
    let part = &text[s..e];
    let t = part.trim_start();
    let s2 = s + part.len() - t.len();
    let t = t.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ':');
    (s2, s2 + t.len())
}

fn push_other(text: &str, s: usize, e: usize, items: &mut Vec<RefItem>) {
    let (s, e) = trim_range(text, s, e);
    let t = text[s..e].trim_matches(|c: char| !c.is_alphanumeric());
    if t.is_empty() || t.eq_ignore_ascii_case("and") {
        return;
    }
    items.push(RefItem { label: None, range: (s, e), id: None, needs_year: false });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str, y: Option<i32>) -> Vec<Option<String>> {
        read_refs(s, y).into_iter().map(|r| r.id).collect()
    }

    #[test]
    fn reference_forms() {
        assert_eq!(ids("Almaty 4281", Some(2005)), [Some("05ALMATY4281".into())]);
        assert_eq!(ids("Almaty 4281", None), [None]);
        assert_eq!(
            ids("A. TBILISI 1605  B. 06 TBILISI 2601  C. 06 STATE 80908", Some(2007)),
            [Some("07TBILISI1605".into()), Some("06TBILISI2601".into()), Some("06STATE80908".into())]
        );
        assert_eq!(
            ids("A. A) BRASILIA 236 B) 2007 MANAGUA 2135", Some(2008)),
            [Some("08BRASILIA236".into()), Some("07MANAGUA2135".into())]
        );
        assert_eq!(
            ids("(A)STATE 071143 (B) 09DHAHRAN 201", Some(2009)),
            [Some("09STATE71143".into()), Some("09DHAHRAN201".into())]
        );
        assert_eq!(
            ids("TEHRAN 1091: TEHRAN 263", Some(1972)),
            [Some("72TEHRAN1091".into()), Some("72TEHRAN263".into())]
        );
        assert_eq!(
            ids("A. LA PAZ 123 B. SECSTATE 4", Some(2006)),
            [Some("06LAPAZ123".into()), Some("06STATE4".into())]
        );
        assert_eq!(ids("A. PARIS POINTS JULY 15 B. SECDEF MSG DTG 301601z SEP 08", Some(2008)), [None, None]);
        let r = read_refs("A. PARIS POINTS JULY 15", Some(2008));
        assert_eq!(r[0].label.as_deref(), Some("A"));
    }
}
