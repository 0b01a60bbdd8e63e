//! A collection of summarized cables ([`Collection`]): deduplicated by key,
//! searchable (an inverted word index within a byte budget), filterable by
//! facets (classification level, caveat, origin, year, TAG), sortable, with
//! links between the cables it holds and the CSV export of any filtered set.
//!
//! Pure core: no I/O. The browser binding wraps it for the batch page; the
//! full analysis of a cable is not kept, only its [`Summary`] (interned) and
//! where it is in its file.
//!
//! Modules: `index` (the word index), `query` (filters, search, sort,
//! windows), `facets` (counts and charts), `packed` (summaries packed in one
//! buffer between workers).

pub mod facets;
pub mod index;
#[cfg(any(feature = "batch", feature = "cli"))]
pub mod packed;
pub mod query;

use std::collections::HashMap;

use serde::Serialize;

use crate::flat;
use crate::summary::{Summary, SummarySource};
use index::{Index, Indexed};

pub use query::{Filters, Query, QueryResult, Row, Sort};

/// Index budget used when none is given: 64 MB.
pub const DEFAULT_INDEX_BUDGET: usize = 64 << 20;

/// Levels in order; an entry's level is its position + 1 (0 for none).
pub const LEVELS: [&str; 4] = ["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"];

/// Strings of one kind, each stored once and named by a small number.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

/// "No string" for an interned optional field.
pub const NONE: u32 = u32::MAX;

impl Interner {
    /// The number of `s`, adding it when new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }

    /// The number of an optional string ([`NONE`] for none).
    pub fn intern_opt(&mut self, s: Option<&str>) -> u32 {
        s.map_or(NONE, |s| self.intern(s))
    }

    /// The number of `s` if it was interned.
    pub fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    /// The string of a number (`None` for [`NONE`] or an unknown number).
    pub fn name(&self, id: u32) -> Option<&str> {
        self.names.get(id as usize).map(|s| &**s)
    }

    /// How many strings.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// One copy of a cable: where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Src {
    /// File name (interned in `names`).
    pub name: u32,
    /// Row within a dump.
    pub row: Option<u64>,
    /// Byte range in the file.
    pub start: u64,
    /// End of the byte range.
    pub end: u64,
}

/// One cable of the collection (its first summary, interned).
#[derive(Debug, Clone)]
pub struct Entry {
    /// Identity.
    pub key: Box<str>,
    /// Whether `key` is the reference id.
    pub has_reference_id: bool,
    /// Origin (in `origins`).
    pub origin: u32,
    /// Origin name (in `names`).
    pub origin_name: u32,
    /// Serial.
    pub serial: Option<u64>,
    /// Date.
    pub date: Option<Box<str>>,
    /// Year (0 for none).
    pub year: u32,
    /// Level: index in [`LEVELS`] + 1, 0 for none.
    pub level: u8,
    /// Label (in `labels`).
    pub label: u32,
    /// Caveat codes (in `caveats`).
    pub caveats: Box<[u32]>,
    /// Subject.
    pub subject: Option<Box<str>>,
    /// TAGS codes (in `tags`), as printed.
    pub tags: Box<[u32]>,
    /// Referenced cable ids (in `ids`).
    pub references: Box<[u32]>,
    /// Paragraphs, figures, references, diagnostics, errors.
    pub counts: [u32; 5],
    /// Format (in `names`).
    pub format: u32,
    /// Partial extract.
    pub partial: bool,
    /// Every copy seen, the first first (identical copies once).
    pub sources: Vec<Src>,
    /// Summaries merged into this entry after the first.
    pub duplicates: u32,
    /// What of it is in the search index.
    pub indexed: Indexed,
}

/// A summary that was not kept: its file and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Skipped {
    /// File name, if any.
    pub name: Option<String>,
    /// Why it is not a cable.
    pub reason: String,
}

/// Counts describing the collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CollectionStats"))]
pub struct Stats {
    /// Distinct cables.
    pub entries: usize,
    /// Summaries kept (duplicates included).
    pub cables: usize,
    /// Summaries merged into an entry already present.
    pub duplicates: usize,
    /// Summaries skipped (not cables).
    pub skipped: usize,
    /// Bytes of the search index (term text, postings, a fixed cost per term).
    pub index_bytes: usize,
    /// The index's byte budget.
    pub index_budget: usize,
    /// Entries whose subject and text are indexed.
    pub indexed_text: usize,
    /// Entries indexed by subject only (the budget was reached).
    pub indexed_subjects: usize,
}

/// The collection.
#[derive(Debug, Clone)]
pub struct Collection {
    entries: Vec<Entry>,
    by_key: HashMap<Box<str>, u32>,
    origins: Interner,
    labels: Interner,
    caveats: Interner,
    tags: Interner,
    ids: Interner,
    names: Interner,
    /// For each cable id (in `ids`), the entries that cite it.
    cited_by: HashMap<u32, Vec<u32>>,
    index: Index,
    skipped: Vec<Skipped>,
    cables: usize,
    duplicates: usize,
    cache: query::Cache,
}

impl Default for Collection {
    fn default() -> Self {
        Collection::new(DEFAULT_INDEX_BUDGET)
    }
}

impl Collection {
    /// An empty collection whose search index stays within `index_budget` bytes.
    pub fn new(index_budget: usize) -> Collection {
        Collection {
            entries: Vec::new(),
            by_key: HashMap::new(),
            origins: Interner::default(),
            labels: Interner::default(),
            caveats: Interner::default(),
            tags: Interner::default(),
            ids: Interner::default(),
            names: Interner::default(),
            cited_by: HashMap::new(),
            index: Index::new(index_budget),
            skipped: Vec::new(),
            cables: 0,
            duplicates: 0,
            cache: query::Cache::default(),
        }
    }

    /// Empties the collection (the budget stays).
    pub fn clear(&mut self) {
        *self = Collection::new(self.index.budget());
    }

    /// Number of distinct cables.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when it holds no cable.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in the order they were added.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The summaries skipped so far.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// Adds summaries, each with its search text (`texts[i]` for
    /// `cables[i]`; a missing text indexes the subject only). A summary whose
    /// key is present adds its source to that entry; one with a `problem` is
    /// listed as skipped. Returns the number of entries.
    pub fn add(&mut self, cables: &[Summary], texts: &[String]) -> usize {
        for (i, s) in cables.iter().enumerate() {
            self.add_one(s, texts.get(i).map(String::as_str));
        }
        self.entries.len()
    }

    /// Adds a batch packed by [`packed::push`]; a frame that cannot be read
    /// is listed as skipped. Returns the number of entries.
    #[cfg(any(feature = "batch", feature = "cli"))]
    pub fn add_packed(&mut self, bytes: &[u8]) -> usize {
        for frame in packed::frames(bytes) {
            match frame {
                Ok((s, text)) => self.add_one(&s, Some(text)),
                Err(reason) => self.skip(None, reason),
            }
        }
        self.entries.len()
    }

    /// Lists an input as skipped.
    pub fn skip(&mut self, name: Option<String>, reason: String) {
        self.skipped.push(Skipped { name, reason });
    }

    /// Adds one summary with its search text.
    pub fn add_one(&mut self, s: &Summary, text: Option<&str>) {
        if let Some(reason) = &s.problem {
            self.skipped.push(Skipped { name: s.source.name.clone(), reason: reason.clone() });
            return;
        }
        self.cables += 1;
        let src = Src {
            name: self.names.intern_opt(s.source.name.as_deref()),
            row: s.source.row,
            start: s.source.start,
            end: s.source.end,
        };
        if let Some(&e) = self.by_key.get(s.key.as_str()) {
            self.duplicates += 1;
            if let Some(entry) = self.entries.get_mut(e as usize) {
                entry.duplicates += 1;
                if !entry.sources.contains(&src) {
                    entry.sources.push(src);
                }
            }
            return;
        }
        let doc = self.entries.len() as u32;
        let mut refs: Vec<u32> = Vec::with_capacity(s.references.len());
        for r in &s.references {
            let id = self.ids.intern(r);
            if !refs.contains(&id) && r.as_str() != s.key {
                refs.push(id);
                self.cited_by.entry(id).or_default().push(doc);
            }
        }
        let level = s.level.as_deref().and_then(|l| LEVELS.iter().position(|x| *x == l)).map_or(0, |p| p as u8 + 1);
        let indexed = self.index.add(doc, s.subject.as_deref().unwrap_or(""), text);
        let entry = Entry {
            key: s.key.as_str().into(),
            has_reference_id: s.reference_id.as_deref() == Some(s.key.as_str()),
            origin: self.origins.intern_opt(s.origin.as_deref()),
            origin_name: self.names.intern_opt(s.origin_name.as_deref()),
            serial: s.serial,
            date: s.date.as_deref().map(Into::into),
            year: s.year.unwrap_or(0),
            level,
            label: self.labels.intern_opt(s.label.as_deref()),
            caveats: s.caveats.iter().map(|c| self.caveats.intern(c)).collect(),
            subject: s.subject.as_deref().map(Into::into),
            tags: s.tags.iter().map(|t| self.tags.intern(t)).collect(),
            references: refs.into(),
            counts: [s.paragraphs, s.figures, s.reference_count, s.diagnostics, s.errors],
            format: self.names.intern(&s.format),
            partial: s.partial,
            sources: vec![src],
            duplicates: 0,
            indexed,
        };
        self.by_key.insert(s.key.as_str().into(), doc);
        self.entries.push(entry);
    }

    /// The entry with this key.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.by_key.get(key).and_then(|&i| self.entries.get(i as usize))
    }

    /// The summary an entry was made from (its first source).
    pub fn summary(&self, e: &Entry) -> Summary {
        let s = |i: &Interner, id: u32| i.name(id).map(str::to_string);
        let src = e.sources.first().copied().unwrap_or(Src { name: NONE, row: None, start: 0, end: 0 });
        Summary {
            key: e.key.to_string(),
            reference_id: e.has_reference_id.then(|| e.key.to_string()),
            origin: s(&self.origins, e.origin),
            origin_name: s(&self.names, e.origin_name),
            serial: e.serial,
            date: e.date.as_deref().map(str::to_string),
            year: (e.year != 0).then_some(e.year),
            level: level_name(e.level).map(str::to_string),
            label: s(&self.labels, e.label),
            caveats: e.caveats.iter().filter_map(|&c| s(&self.caveats, c)).collect(),
            subject: e.subject.as_deref().map(str::to_string),
            tags: e.tags.iter().filter_map(|&t| s(&self.tags, t)).collect(),
            references: e.references.iter().filter_map(|&r| s(&self.ids, r)).collect(),
            paragraphs: e.counts[0],
            figures: e.counts[1],
            reference_count: e.counts[2],
            diagnostics: e.counts[3],
            errors: e.counts[4],
            format: s(&self.names, e.format).unwrap_or_default(),
            partial: e.partial,
            problem: None,
            source: SummarySource { name: s(&self.names, src.name), row: src.row, start: src.start, end: src.end },
        }
    }

    /// Number of loaded entries that cite the entry with key `key`.
    pub fn referenced_by_count(&self, key: &str) -> usize {
        self.ids.get(key).and_then(|id| self.cited_by.get(&id)).map_or(0, Vec::len)
    }

    /// Keys of the loaded entries that cite the entry with key `key`.
    pub fn referenced_by(&self, key: &str) -> Vec<&str> {
        let citing = self.ids.get(key).and_then(|id| self.cited_by.get(&id));
        citing.into_iter().flatten().filter_map(|&e| self.entries.get(e as usize)).map(|e| &*e.key).collect()
    }

    /// The collection's counts.
    pub fn stats(&self) -> Stats {
        let count = |what: Indexed| self.entries.iter().filter(|e| e.indexed == what).count();
        Stats {
            entries: self.entries.len(),
            cables: self.cables,
            duplicates: self.duplicates,
            skipped: self.skipped.len(),
            index_bytes: self.index.bytes(),
            index_budget: self.index.budget(),
            indexed_text: count(Indexed::Text),
            indexed_subjects: count(Indexed::Subject),
        }
    }

    /// The flat CSV (the CLI's `--format csv`: header, then one row per
    /// entry, each line ending in `\n`) of the filtered, sorted set of `q`
    /// (its window ignored).
    pub fn export_csv(&mut self, q: &Query) -> String {
        let order = self.select(q);
        let mut out = String::with_capacity(64 + order.len() * 160);
        out.push_str(flat::CSV_HEADER);
        out.push('\n');
        for i in order {
            if let Some(e) = self.entries.get(i as usize) {
                self.write_csv_row(&mut out, e);
                out.push('\n');
            }
        }
        out
    }

    /// Appends the flat CSV row of an entry (its first source).
    pub fn write_csv_row(&self, out: &mut String, e: &Entry) {
        let src = e.sources.first().copied().unwrap_or(Src { name: NONE, row: None, start: 0, end: 0 });
        let tags: Vec<&str> = e.tags.iter().filter_map(|&t| self.tags.name(t)).collect();
        flat::write_fields(
            out,
            &flat::Fields {
                source: self.names.name(src.name),
                row: src.row,
                reference_id: e.has_reference_id.then_some(&*e.key),
                date: e.date.as_deref(),
                origin: self.origins.name(e.origin),
                label: self.labels.name(e.label),
                subject: e.subject.as_deref(),
                tags: &tags,
                counts: [e.counts[0], e.counts[1], e.counts[2], e.counts[3]],
            },
        );
    }

    /// Keys of the filtered, sorted set of `q` (its window ignored).
    pub fn keys(&mut self, q: &Query) -> Vec<&str> {
        let order = self.select(q);
        order.into_iter().filter_map(|i| self.entries.get(i as usize)).map(|e| &*e.key).collect()
    }
}

/// The name of a level number (0 for none).
pub fn level_name(level: u8) -> Option<&'static str> {
    LEVELS.get((level as usize).checked_sub(1)?).copied()
}
