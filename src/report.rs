//! Corpus report: how often each field is filled, and, for inputs that carry
//! metadata, how well what the text alone yields agrees with it.

use crate::model::Analysis;

/// Tells whether a field is filled in an analysis.
pub type Filled = fn(&Analysis) -> bool;

/// Fields counted by the report, with how to tell whether one is filled.
pub const FIELDS: &[(&str, Filled)] = &[
    ("reference_id", |a| a.reference_id.is_some()),
    ("origin", |a| a.origin.is_some()),
    ("serial", |a| a.serial.is_some()),
    ("date", |a| a.date.is_some()),
    ("dtg", |a| a.dtg.is_some()),
    ("classification.level", |a| a.classification.level.is_some()),
    ("classification.banner", |a| a.classification.banner.is_some()),
    ("classification.label", |a| a.classification.label.is_some()),
    ("caveats", |a| !a.classification.caveats.is_empty()),
    ("addressees", |a| {
        let x = &a.addressees;
        !(x.from.is_empty() && x.to.is_empty() && x.info.is_empty())
    }),
    ("executive_order", |a| a.executive_order.is_some()),
    ("classified_by", |a| a.classified_by.is_some()),
    ("tags", |a| !a.tags.is_empty()),
    ("subject", |a| a.subject.is_some()),
    ("references", |a| !a.references.is_empty()),
    ("paragraphs", |a| !a.paragraphs.is_empty()),
    ("numbered paragraphs", |a| a.paragraphs.iter().any(|p| p.number.is_some())),
    ("headings", |a| !a.headings.is_empty()),
    ("blocks", |a| !a.blocks.is_empty()),
    ("signer", |a| a.signer.is_some()),
    ("figures", |a| !a.figures.is_empty()),
];

/// Fill counts per field over `cables`.
pub fn fill_rates(cables: &[Analysis]) -> Vec<(&'static str, usize)> {
    FIELDS.iter().map(|(name, f)| (*name, cables.iter().filter(|a| f(a)).count())).collect()
}

/// Agreement between the text alone (`text_only`, read with metadata
/// ignored) and the metadata of the same input (`with_meta`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Agreement {
    /// Inputs compared.
    pub compared: usize,
    /// Text gave an id / it matched the metadata's.
    pub id: (usize, usize),
    /// Text gave a level / it matched.
    pub level: (usize, usize),
    /// Text gave a date / it matched.
    pub date: (usize, usize),
    /// Ids that differ: (text, metadata).
    pub id_mismatches: Vec<(String, String)>,
    /// Levels that differ: (id, text, metadata).
    pub level_mismatches: Vec<(String, String, String)>,
    /// Dates that differ: (id, text, metadata).
    pub date_mismatches: Vec<(String, String, String)>,
}

impl Agreement {
    /// Adds one input's pair of readings.
    pub fn add(&mut self, text_only: &Analysis, with_meta: &Analysis) {
        let Some(m) = &with_meta.metadata else { return };
        self.compared += 1;
        let id = m.reference_id.clone().unwrap_or_default();
        if let Some(t) = &text_only.reference_id {
            self.id.0 += 1;
            if Some(t) == m.reference_id.as_ref() {
                self.id.1 += 1;
            } else {
                self.id_mismatches.push((t.clone(), id.clone()));
            }
        }
        if let Some(l) = text_only.classification.level {
            self.level.0 += 1;
            let ml = m.classification.as_deref().and_then(crate::markings::level_of_label);
            if ml == Some(l) {
                self.level.1 += 1;
            } else {
                let ms = m.classification.clone().unwrap_or_default();
                self.level_mismatches.push((id.clone(), l.name().to_string(), ms));
            }
        }
        if let Some(d) = &text_only.date {
            self.date.0 += 1;
            let md = m.created.as_deref().and_then(crate::parse::metadata_date);
            if md.as_ref() == Some(d) {
                self.date.1 += 1;
            } else {
                self.date_mismatches.push((id, d.clone(), md.unwrap_or_default()));
            }
        }
    }
}
