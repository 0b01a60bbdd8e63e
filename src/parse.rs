//! (being written)
use crate::analyze::Hints;
use crate::model::*;

/// Reads the whole input.
pub fn analyze_input(input: &[u8], hints: &Hints) -> Vec<Analysis> {
    let (text, _) = crate::decode::decode(input, hints.base_offset);
    vec![Analysis {
        schema_version: SCHEMA_VERSION,
        source: Source { name: hints.file_name.clone(), row: None, index: 0 },
        format: Format::Text,
        partial: false,
        span: text.full_span(),
        reference_id: None,
        origin: None,
        origin_name: None,
        serial: None,
        date: None,
        dtg: None,
        precedence: None,
        classification: Classification::default(),
        section: None,
        addressees: Addressees::default(),
        executive_order: None,
        classified_by: None,
        tags: vec![],
        subject: None,
        subject_marking: None,
        subject_span: None,
        references: vec![],
        paragraphs: vec![],
        headings: vec![],
        blocks: vec![],
        redactions: vec![],
        signer: None,
        end_marker: None,
        metadata: None,
        figures: vec![],
        regions: vec![],
        diagnostics: vec![],
    }]
}
