//! The flat CSV form of a cable: one RFC 4180 row per cable, computed from a
//! [`Summary`], shared by the CLI (`--format csv`) and the browser's
//! collection export so both give identical rows.

use crate::summary::Summary;

/// The header line of the flat CSV (no line ending).
pub const CSV_HEADER: &str =
    "source,row,reference_id,date,origin,classification,subject,tags,paragraphs,figures,references,diagnostics";

/// A double-quoted CSV field (quotes doubled).
fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// Appends the flat row of `s` to `out` (no line ending).
pub fn write_row(out: &mut String, s: &Summary) {
    let tags: Vec<&str> = s.tags.iter().map(String::as_str).collect();
    write_fields(
        out,
        &Fields {
            source: s.source.name.as_deref(),
            row: s.source.row,
            reference_id: s.reference_id.as_deref(),
            date: s.date.as_deref(),
            origin: s.origin.as_deref(),
            label: s.label.as_deref(),
            subject: s.subject.as_deref(),
            tags: &tags,
            counts: [s.paragraphs, s.figures, s.reference_count, s.diagnostics],
        },
    );
}

/// The flat row of `s` (no line ending).
pub fn csv_row(s: &Summary) -> String {
    let mut out = String::new();
    write_row(&mut out, s);
    out
}

/// The fields of a flat row, borrowed (the collection keeps them interned).
pub struct Fields<'a> {
    /// File name (`-` when none).
    pub source: Option<&'a str>,
    /// Row number within a dump.
    pub row: Option<u64>,
    /// Reference id.
    pub reference_id: Option<&'a str>,
    /// Date.
    pub date: Option<&'a str>,
    /// Origin.
    pub origin: Option<&'a str>,
    /// Classification label.
    pub label: Option<&'a str>,
    /// Subject.
    pub subject: Option<&'a str>,
    /// TAGS codes.
    pub tags: &'a [&'a str],
    /// Paragraphs, figures, references, diagnostics.
    pub counts: [u32; 4],
}

/// Appends a flat row to `out` (no line ending).
pub fn write_fields(out: &mut String, f: &Fields<'_>) {
    use std::fmt::Write as _;
    quote(out, f.source.unwrap_or("-"));
    out.push(',');
    if let Some(r) = f.row {
        let _ = write!(out, "{r}");
    }
    for field in [f.reference_id, f.date, f.origin, f.label, f.subject] {
        out.push(',');
        quote(out, field.unwrap_or(""));
    }
    out.push(',');
    quote(out, &f.tags.join(" "));
    for n in f.counts {
        let _ = write!(out, ",{n}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_doubled_and_missing_fields_empty() {
        let s = Summary {
            subject: Some("A \"B\", C".into()),
            tags: vec!["PGOV".into(), "KZ".into()],
            ..Default::default()
        };
        assert_eq!(csv_row(&s), "\"-\",,\"\",\"\",\"\",\"\",\"A \"\"B\"\", C\",\"PGOV KZ\",0,0,0,0");
    }
}
