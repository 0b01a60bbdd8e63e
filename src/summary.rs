//! The compact record of one analysed cable that a collection keeps
//! ([`Summary`], `CableSummary` in the published types), and the text a
//! collection indexes for search ([`search_text`]).
//!
//! A summary is built from an [`Analysis`] alone: no I/O, never fails. Its
//! `source` gives the byte range of the cable in its file, so the full
//! analysis can be read again on demand.

use serde::{Deserialize, Serialize};

use crate::model::{Analysis, Severity};

/// The compact record of one analysed cable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CableSummary"))]
pub struct Summary {
    /// Identity in a collection: the reference id, else `text:` and 16 hex
    /// digits (FNV-1a 64 of the paragraphs' text).
    pub key: String,
    /// Canonical id (`05ALMATY4123`).
    pub reference_id: Option<String>,
    /// Originating station as written in ids (`ALMATY`).
    pub origin: Option<String>,
    /// Station name from metadata (`Embassy Almaty`).
    pub origin_name: Option<String>,
    /// Serial number of the cable at its station.
    pub serial: Option<u64>,
    /// Date of the cable (ISO `YYYY-MM-DD`), as in the analysis.
    pub date: Option<String>,
    /// Year: from the date, else from the reference id's two digits.
    pub year: Option<u32>,
    /// Classification level.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::model::Level>"))]
    pub level: Option<String>,
    /// Label as the archives print it (`SECRET//NOFORN`).
    pub label: Option<String>,
    /// Caveat codes, without duplicates.
    pub caveats: Vec<String>,
    /// Subject line.
    pub subject: Option<String>,
    /// TAGS codes, in order (as printed, duplicates included).
    pub tags: Vec<String>,
    /// Ids of the referenced cables (known ids only), without duplicates, in order.
    pub references: Vec<String>,
    /// Number of paragraphs.
    pub paragraphs: u32,
    /// Number of figures.
    pub figures: u32,
    /// Number of references (all of them, ids known or not).
    pub reference_count: u32,
    /// Number of diagnostics.
    pub diagnostics: u32,
    /// Number of error diagnostics.
    pub errors: u32,
    /// The form the cable arrived in.
    #[cfg_attr(feature = "schema", schemars(with = "crate::model::Format"))]
    pub format: String,
    /// True for a "partial extract" record.
    pub partial: bool,
    /// Why the input is not a cable (the first error's message); such a
    /// summary is listed as skipped, not kept as a cable.
    pub problem: Option<String>,
    /// Where the cable is in its file.
    pub source: SummarySource,
}

/// Where a summarized cable is: its file and byte range.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SummarySource {
    /// File name as given, if any.
    pub name: Option<String>,
    /// 1-based row number within a CSV dump.
    pub row: Option<u64>,
    /// First byte of the cable in its file.
    pub start: u64,
    /// One past its last byte.
    pub end: u64,
}

impl Summary {
    /// The summary of one analysis.
    pub fn of(a: &Analysis) -> Summary {
        let mut caveats: Vec<String> = Vec::new();
        for c in &a.classification.caveats {
            if !caveats.contains(&c.code) {
                caveats.push(c.code.clone());
            }
        }
        let mut references: Vec<String> = Vec::new();
        for id in a.references.iter().filter_map(|r| r.id.as_ref()) {
            if !references.contains(id) {
                references.push(id.clone());
            }
        }
        let problem = a
            .diagnostics
            .iter()
            .any(|d| d.code == "not-a-cable")
            .then(|| a.diagnostics.iter().find(|d| d.severity == Severity::Error).map(|d| d.message.clone()))
            .flatten();
        let format = serde_name(&a.format);
        Summary {
            key: key_of(a),
            reference_id: a.reference_id.clone(),
            origin: a.origin.clone(),
            origin_name: a.origin_name.clone(),
            serial: a.serial,
            date: a.date.clone(),
            year: year_of(a.date.as_deref(), a.reference_id.as_deref()),
            level: a.classification.level.map(|l| l.name().to_string()),
            label: a.classification.label.clone(),
            caveats,
            subject: a.subject.clone(),
            tags: a.tags.iter().map(|t| t.code.clone()).collect(),
            references,
            paragraphs: count(a.paragraphs.len()),
            figures: count(a.figures.len()),
            reference_count: count(a.references.len()),
            diagnostics: count(a.diagnostics.len()),
            errors: count(a.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()),
            format,
            partial: a.partial,
            problem,
            source: SummarySource {
                name: a.source.name.clone(),
                row: a.source.row,
                start: a.span.start,
                end: a.span.end,
            },
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The kebab-case name serde gives a format (`viewer-html`).
fn serde_name(f: &crate::model::Format) -> String {
    use crate::model::Format::*;
    match f {
        Extract => "extract",
        Telegram => "telegram",
        ViewerHtml => "viewer-html",
        CsvRow => "csv-row",
        Text => "text",
    }
    .to_string()
}

/// The reference id, else `text:` + FNV-1a 64 of the paragraphs' text.
fn key_of(a: &Analysis) -> String {
    if let Some(id) = &a.reference_id {
        return id.clone();
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in &a.paragraphs {
        for &b in p.text.as_bytes().iter().chain(b"\n") {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("text:{h:016x}")
}

/// The year of a date (`2005-06-01`), else of a reference id (`05ALMATY4123`:
/// 2005; two digits from 50 on are 19xx).
pub fn year_of(date: Option<&str>, reference_id: Option<&str>) -> Option<u32> {
    let digits = |s: &str, n: usize| -> Option<u32> {
        let d = s.as_bytes().get(..n)?;
        if !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        d.iter().try_fold(0u32, |acc, &b| acc.checked_mul(10)?.checked_add(u32::from(b - b'0')))
    };
    if let Some(y) = date.and_then(|d| digits(d, 4)) {
        return Some(y);
    }
    let yy = reference_id.and_then(|r| digits(r, 2))?;
    Some(if yy >= 50 { 1900 + yy } else { 2000 + yy })
}

/// The text a collection searches: the subject and the paragraphs' text,
/// one per line.
pub fn search_text(a: &Analysis) -> String {
    let len = a.subject.as_ref().map_or(0, String::len) + a.paragraphs.iter().map(|p| p.text.len() + 1).sum::<usize>();
    let mut s = String::with_capacity(len + 1);
    if let Some(subject) = &a.subject {
        s.push_str(subject);
    }
    for p in &a.paragraphs {
        s.push('\n');
        s.push_str(&p.text);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(year_of(Some("2005-06-01"), Some("09X1")), Some(2005));
        assert_eq!(year_of(None, Some("05ALMATY4123")), Some(2005));
        assert_eq!(year_of(None, Some("66STATE1")), Some(1966));
        assert_eq!(year_of(Some("x"), None), None);
        assert_eq!(year_of(None, Some("A")), None);
    }

    #[test]
    fn summary_of_a_seed() {
        let text = b"UNCLAS ALMATY 004123\n\nSUBJECT: HELLO\n\n1. (SBU) Hello world.\n";
        let a = &crate::analyze(text, &Default::default())[0];
        let s = Summary::of(a);
        assert_eq!(s.origin.as_deref(), Some("ALMATY"));
        assert!(s.problem.is_none());
        assert!(search_text(a).contains("Hello world."));
        let none = &crate::analyze(b"", &Default::default())[0];
        let s = Summary::of(none);
        assert!(s.problem.is_some());
        assert!(s.key.starts_with("text:"));
    }
}
