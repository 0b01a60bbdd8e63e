//! Figures stated in the prose: percentages, counts, money, dates, periods,
//! durations and rates, with what they measure.
//!
//! (Interface fixed; the extractor is being written.)

use crate::mapped::Mapped;
use crate::model::Figure;

/// Which part of the cable a piece of prose comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProseKind {
    /// The SUBJECT line (figures allowed; `DECEMBER 4, 2005`).
    Subject,
    /// A section heading.
    Heading,
    /// A paragraph's clean text.
    Paragraph,
}

/// One piece of prose to read: clean text mapped back to the input.
#[derive(Debug, Clone, Copy)]
pub struct Prose<'a> {
    /// The text (lines joined, SIPDIS and page breaks removed, label excluded).
    pub text: &'a Mapped,
    /// True paragraph number, if any.
    pub paragraph: Option<u32>,
    /// Where it comes from.
    pub kind: ProseKind,
}

/// What dates are resolved against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateContext {
    /// The cable's own date (year, month, day), when known.
    pub date: Option<(i32, u32, u32)>,
    /// The year of its reference id, when the date is not known.
    pub year: Option<i32>,
}

/// Finds every figure in `prose`, in order of appearance.
pub fn extract(prose: &[Prose<'_>], ctx: &DateContext) -> Vec<Figure> {
    let _ = (prose, ctx);
    Vec::new()
}
