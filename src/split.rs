//! Where cables start in a text that may hold several, and the metadata
//! lines some scrapes put before a cable.

use crate::lines::{is_blank, Line};
use crate::markings::banner_brief;
use crate::model::Metadata;
use crate::parse::Cable;

const NOTICE: &str = "This record is a partial extract";

/// Line indexes where cables start (the first is always 0 when there are lines).
pub fn cable_starts(s: &str, lines: &[Line]) -> Vec<usize> {
    let mut starts = vec![0];
    if lines.is_empty() {
        return starts;
    }
    let mut content = false; // banner or paragraphs seen in the current cable
    let mut after_end = false; // an NNNN marker closed the current cable
    let mut current_serial: Option<u64> = None;
    let mut cur_start = 0;
    for (i, l) in lines.iter().enumerate() {
        let t = l.trimmed(s);
        if t.is_empty() {
            continue;
        }
        let opens = (matches!(t.as_bytes()[0], b'V' | b'T') && (t.starts_with("VZCZC") || t.starts_with(NOTICE)))
            || (after_end && !t.eq_ignore_ascii_case("NNNN"));
        let banner = if t.len() < 120 && t.starts_with(['U', 'C', 'S', 'T', 'u', 'c', 's', 't']) {
            banner_brief(t)
        } else {
            None
        };
        let new_banner = banner
            .as_ref()
            .is_some_and(|b| b.serial.is_some() && current_serial.is_some() && b.serial != current_serial);
        if (opens && content) || (new_banner && content && after_body_started(s, &lines[cur_start..i])) {
            // Blank lines before belong to the previous cable.
            starts.push(i);
            cur_start = i;
            content = false;
            current_serial = None;
        }
        after_end = t.eq_ignore_ascii_case("NNNN") && content;
        if let Some(b) = banner {
            if b.serial.is_some() {
                content = true;
                if current_serial.is_none() {
                    current_serial = b.serial;
                }
            }
        } else if !content && crate::body::paragraph_label(t).is_some() {
            content = true;
        }
    }
    starts
}

fn after_body_started(s: &str, lines: &[Line]) -> bool {
    lines.iter().any(|l| crate::body::paragraph_label(crate::lines::trim_start(&s[l.start..l.end])).is_some())
}

/// Five scrape metadata lines before the cable (id, subject, date,
/// classification, origin), as in alx/cablegate files. Returns the first line
/// after them (0 when there are none).
pub fn scrape_metadata(c: &mut Cable<'_>) -> usize {
    let mut idx = Vec::new();
    for (i, l) in c.lines.iter().enumerate() {
        if !is_blank(&c.s[l.start..l.end]) {
            idx.push(i);
            if idx.len() == 5 {
                break;
            }
        }
    }
    if idx.len() < 5 {
        return 0;
    }
    let get = |k: usize| c.s[c.lines[idx[k]].start..c.lines[idx[k]].end].trim();
    let id = get(0);
    if crate::parse::split_id(id).is_none() || id.contains(' ') {
        return 0;
    }
    let created = get(2);
    if crate::parse::metadata_date(created).is_none() {
        return 0;
    }
    let class = get(3);
    if crate::markings::level_of_label(class).is_none() {
        return 0;
    }
    let first = c.lines[idx[0]];
    let last = c.lines[idx[4]];
    let span = c.t.span(first.start, last.end);
    c.a.metadata = Some(Box::new(Metadata {
        reference_id: Some(id.to_string()),
        created: Some(created.to_string()),
        released: None,
        classification: Some(class.to_string()),
        origin: Some(get(4).to_string()),
        subject: Some(get(1).to_string()),
        references: Vec::new(),
        span,
    }));
    c.region(first.start, last.next, "metadata");
    idx[4] + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    #[test]
    fn splits_concatenated_cables() {
        let s = "UNCLAS ALMATY 000001\n\n1. One.\n\nORDWAY\n\nNNNN\nUNCLAS ALMATY 000002\n\n1. Two.\n";
        let lines = split_lines(s);
        assert_eq!(cable_starts(s, &lines), [0, 7]);
        let s = "UNCLAS ALMATY 000001\n\n1. One.\nUNCLAS ALMATY 000002\n\n1. Two.\n";
        assert_eq!(cable_starts(s, &split_lines(s)), [0, 3]);
        // Sections of one cable stay together.
        let s = "UNCLAS SECTION 01 OF 02 ALMATY 000001\n1. One.\nUNCLAS SECTION 02 OF 02 ALMATY 000001\n2. Two.\n";
        assert_eq!(cable_starts(s, &split_lines(s)), [0]);
    }
}
