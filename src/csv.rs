//! Rows of the `cables.csv` dump: eight double-quoted columns (row number,
//! created, id, origin, classification, references, header, body) with `\"`
//! escapes and raw newlines; one cable per row.

use crate::mapped::Mapped;
use crate::model::{Metadata, Span};

/// One row of the dump.
#[derive(Debug, Clone)]
pub struct Row {
    /// The row number column.
    pub number: Option<u64>,
    /// Header and body columns, unescaped, one after the other.
    pub text: Mapped,
    /// The other columns.
    pub metadata: Metadata,
    /// The whole row, line ending included.
    pub span: Span,
}

/// True when the input starts like a dump row: `"1","12/28/1966 18:48",`.
pub fn looks_like_dump(input: &[u8]) -> bool {
    let t = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let Some(rest) = t.strip_prefix(b"\"") else { return false };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && rest[digits..].starts_with(b"\",\"") && rest.get(digits + 3).is_some_and(|b| b.is_ascii_digit())
}

/// The rows of `input`, whose first byte is at offset `base`.
pub fn rows(input: &[u8], base: u64) -> Rows<'_> {
    let start = if input.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    Rows { input, at: start, base }
}

/// Iterator over dump rows.
pub struct Rows<'a> {
    input: &'a [u8],
    at: usize,
    base: u64,
}

impl Iterator for Rows<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        let b = self.input;
        // Blank lines between rows belong to the row after them.
        let row_start = self.at;
        while self.at < b.len() && matches!(b[self.at], b'\n' | b'\r') {
            self.at += 1;
        }
        if self.at >= b.len() {
            return None;
        }
        let mut fields: Vec<(usize, usize)> = Vec::with_capacity(8);
        let mut i = self.at;
        let first = self.at;
        loop {
            if i < b.len() && b[i] == b'"' {
                let s = i + 1;
                let mut j = s;
                while let Some(k) = b.get(j..).and_then(|rest| memchr::memchr2(b'"', b'\\', rest)) {
                    j += k;
                    if b[j] == b'"' {
                        break;
                    }
                    j += 2;
                }
                if j > b.len() || b.get(j) != Some(&b'"') {
                    j = b.len();
                }
                let e = j.min(b.len());
                fields.push((s, e));
                i = (e + 1).min(b.len());
            } else {
                // Unquoted field: up to the next comma or line end.
                let s = i;
                while i < b.len() && !matches!(b[i], b',' | b'\n') {
                    i += 1;
                }
                fields.push((s, i));
            }
            match b.get(i) {
                Some(b',') => i += 1,
                Some(b'\r') if b.get(i + 1) == Some(&b'\n') => {
                    i += 2;
                    break;
                }
                Some(b'\n') => {
                    i += 1;
                    break;
                }
                None => break,
                Some(_) => {
                    // Stray bytes after a closing quote: skip to the line end.
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                    i = (i + 1).min(b.len());
                    break;
                }
            }
        }
        self.at = i.max(first + 1);
        Some(self.build(&fields, row_start, self.at))
    }
}

impl Rows<'_> {
    fn build(&self, fields: &[(usize, usize)], start: usize, end: usize) -> Row {
        let field = |k: usize| -> String {
            fields.get(k).map_or_else(String::new, |&(s, e)| unescape(self.input, s, e, self.base).as_str().to_string())
        };
        let meta_end = fields.get(5).map_or(start, |f| f.1 + 1);
        // An empty text (a row cut before its header column) stands at the
        // metadata's end, not at offset 0.
        let mut text = Mapped::identity("", self.base + meta_end.min(end) as u64);
        // Room for both columns (and a piece per escape, roughly), so the text is not regrown as it is filled.
        let room = |k: usize| fields.get(k).map_or(0, |&(s, e)| e.saturating_sub(s));
        text.reserve(room(6) + room(7) + 1, 8);
        for k in [6, 7] {
            if let Some(&(s, e)) = fields.get(k) {
                if !text.is_empty() {
                    text.push_synthetic("\n", self.base + s as u64);
                }
                unescape_into(self.input, s, e, self.base, &mut text);
            }
        }
        let some = |s: String| Some(s).filter(|s| !s.is_empty());
        let refs = field(5);
        Row {
            number: field(0).parse().ok(),
            metadata: Metadata {
                reference_id: some(field(2)),
                created: some(field(1)),
                released: None,
                classification: some(field(4)),
                origin: some(field(3)),
                subject: None,
                references: refs.split('|').map(str::trim).filter(|r| !r.is_empty()).map(str::to_string).collect(),
                span: Span::new(self.base + start as u64, self.base + meta_end.min(end) as u64),
            },
            text,
            span: Span::new(self.base + start as u64, self.base + end as u64),
        }
    }
}

/// A quoted field's content with `\x` escapes resolved, mapped to the input.
fn unescape(input: &[u8], s: usize, e: usize, base: u64) -> Mapped {
    let mut out = Mapped::with_capacity(e.min(input.len()).saturating_sub(s), 1);
    unescape_into(input, s, e, base, &mut out);
    out
}

/// [`unescape`], appended to `out`.
fn unescape_into(input: &[u8], s: usize, e: usize, base: u64, out: &mut Mapped) {
    let e = e.min(input.len());
    let mut run = s;
    let mut i = s;
    let mut buf = [0u8; 4];
    while let Some(k) = input.get(i..e).and_then(|rest| memchr::memchr(b'\\', rest)) {
        i += k;
        if i + 1 >= e {
            break;
        }
        push_bytes(input, run, i, base, out);
        let ch = crate::decode::cp1252_char(input[i + 1]);
        let ch = if input[i + 1].is_ascii() { ch } else { '\u{FFFD}' };
        out.push_atomic(ch.encode_utf8(&mut buf), base + i as u64, 2);
        i += 2;
        run = i;
    }
    push_bytes(input, run, e, base, out);
}

/// Appends `input[s..e]`, decoded on its own as [`crate::decode::decode`]
/// decodes a whole input (so a run may be UTF-8 or Windows-1252).
fn push_bytes(input: &[u8], s: usize, e: usize, base: u64, out: &mut Mapped) {
    if let Some(bytes) = input.get(s..e) {
        crate::decode::decode_into(bytes, base + s as u64, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_with_escapes_and_newlines() {
        let dump = b"\"1\",\"12/28/1966 18:48\",\"66BUENOSAIRES2481\",\"Embassy Buenos Aires\",\"UNCLASSIFIED\",\"\",\"P R 281848Z DEC 66\nFM X\",\"UNCLAS BUENOS AIRES 2481\n1. He said \\\"no\\\".\"\n\"2\",\"2/25/1972 9:30\",\"72TEHRAN1164\",\"Embassy Tehran\",\"UNCLASSIFIED\",\"72MOSCOW1603|72TEHRAN263\",\"R 250930Z FEB 72\",\"body\"\n";
        assert!(looks_like_dump(dump));
        let rows: Vec<Row> = rows(dump, 0).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].text.as_str(), "P R 281848Z DEC 66\nFM X\nUNCLAS BUENOS AIRES 2481\n1. He said \"no\".");
        assert_eq!(rows[1].metadata.references, ["72MOSCOW1603", "72TEHRAN263"]);
        let q = rows[0].text.as_str().find('"').unwrap();
        let sp = rows[0].text.span(q, q + 1);
        assert_eq!(&dump[sp.start as usize..sp.end as usize], b"\\\"");
        assert_eq!(rows[1].span.start, rows[0].span.end);
    }
}

/// End of the row that starts at `from` (after its line ending), or `None`
/// when the row does not end within `buf` (its closing quote or line end is
/// still to come). The same grammar as [`rows`], without building anything:
/// used to cut a dump into whole rows for streaming.
pub fn row_end(buf: &[u8], from: usize) -> Option<usize> {
    let b = buf;
    let mut i = from;
    while i < b.len() && matches!(b[i], b'\n' | b'\r') {
        i += 1;
    }
    if i >= b.len() {
        return None;
    }
    loop {
        if b.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let k = memchr::memchr2(b'"', b'\\', &b[i.min(b.len())..])? + i;
                if b[k] == b'\\' {
                    i = k + 2;
                    if i > b.len() {
                        return None;
                    }
                } else {
                    i = k + 1;
                    break;
                }
            }
        } else {
            while i < b.len() && !matches!(b[i], b',' | b'\n') {
                i += 1;
            }
        }
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b'\r') if b.get(i + 1) == Some(&b'\n') => return Some(i + 2),
            Some(b'\r') => return None,
            Some(b'\n') => return Some(i + 1),
            None => return None,
            Some(_) => return memchr::memchr(b'\n', &b[i..]).map(|k| i + k + 1),
        }
    }
}

#[cfg(test)]
mod row_end_tests {
    use super::*;

    #[test]
    fn row_ends_agree_with_the_parser() {
        let dump = b"\"1\",\"a\",\"x\\\"\ny\"\n\n\"2\",\"b\",\"z\"\n\"3\",\"c";
        let e1 = row_end(dump, 0).unwrap();
        assert_eq!(&dump[..e1], b"\"1\",\"a\",\"x\\\"\ny\"\n");
        let e2 = row_end(dump, e1).unwrap();
        assert_eq!(&dump[e1..e2], b"\n\"2\",\"b\",\"z\"\n");
        assert_eq!(row_end(dump, e2), None, "the last row is cut off");
        let spans: Vec<Span> = rows(&dump[..e2], 0).map(|r| r.span).collect();
        assert_eq!(spans, [Span::new(0, e1 as u64), Span::new(e1 as u64, e2 as u64)]);
    }
}
