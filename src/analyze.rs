//! The entry point: any bytes in, one analysis per cable out.

use crate::model::Analysis;

/// What the caller knows beside the bytes.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// The file name, if the input came from a file (`05ALMATY4123.txt`
    /// gives the year when the text does not).
    pub file_name: Option<String>,
    /// Offset of the first input byte within a larger file (for chunks of a
    /// CSV dump); every span is shifted by it.
    pub base_offset: u64,
    /// Read only the cable's own text, ignoring metadata given beside it
    /// (viewer table, CSV columns); used to measure what the text alone yields.
    pub ignore_metadata: bool,
    /// Skip figure extraction (for measuring what figures cost).
    pub skip_figures: bool,
    /// Read only what a collection keeps of each cable ([`crate::summary::Summary`]
    /// and [`crate::summary::search_text`]), as batch mode does: figures are found
    /// and counted but not described (each keeps its kind and paragraph; no value,
    /// text, span or measure), the routing lines' addressees are not described
    /// (`FM` leaves one empty entry in `addressees.from`), TAGS keep their codes
    /// only (no kind or name), paragraphs have no `heading`, and blocks,
    /// redactions and regions are not read (left empty). Everything else is as in a full
    /// analysis, so the summaries are the same (`tests/properties.rs` checks it);
    /// the full analysis is read again when a cable is opened.
    pub summary_only: bool,
}

/// Reads `input` and returns one analysis per cable found (at least one).
pub fn analyze(input: &[u8], hints: &Hints) -> Vec<Analysis> {
    crate::parse::analyze_input(input, hints)
}
