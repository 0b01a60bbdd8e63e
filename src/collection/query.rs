//! Queries of a collection: search terms (ANDed, each a word prefix),
//! facet filters (values ORed within a facet, facets ANDed), a sort and a
//! window of rows; the entry detail with its links.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::facets::{self, Charts, Counts, Facets, Names, Selected};
use super::index::{words, Bits, Indexed};
use super::{level_name, Collection, Entry, Interner, Skipped, Src, LEVELS};

/// Rows in a window when the query gives no limit.
pub const DEFAULT_LIMIT: usize = 100;

/// A query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CollectionQuery"))]
#[serde(default)]
pub struct Query {
    /// Words to find in subject and text, all of them (each matches the words it begins).
    pub search: Option<String>,
    /// Facet filters.
    pub filters: Filters,
    /// Row order (default: the order cables were added).
    pub sort: Option<Sort>,
    /// First row of the window.
    pub offset: Option<usize>,
    /// Rows in the window (default 100).
    pub limit: Option<usize>,
}

/// Facet filters: an entry passes a facet when it has one of its values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CollectionFilters"))]
#[serde(default)]
pub struct Filters {
    /// Classification levels (`SECRET`).
    pub level: Vec<String>,
    /// Caveat codes (`NOFORN`).
    pub caveat: Vec<String>,
    /// Origins (`PARIS`).
    pub origin: Vec<String>,
    /// Years.
    pub year: Vec<u32>,
    /// TAGS codes (`PGOV`).
    pub tag: Vec<String>,
}

/// Row order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CollectionSort"))]
#[serde(default)]
pub struct Sort {
    /// `reference_id`, `date`, `origin`, `level`, `subject`, `paragraphs` or `figures`
    /// (anything else: the order cables were added). Missing values come last.
    pub key: String,
    /// Descending.
    pub desc: bool,
}

/// Where a copy of a cable is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RowSource<'a> {
    /// File name.
    pub name: Option<&'a str>,
    /// Row within a dump.
    pub row: Option<u64>,
    /// First byte in the file.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
}

/// The fields rows and details share: the summary's, and every copy seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RowBase<'a> {
    /// Identity (reference id, else `text:` + hash).
    pub key: &'a str,
    /// Canonical id.
    pub reference_id: Option<&'a str>,
    /// Origin.
    pub origin: Option<&'a str>,
    /// Station name from metadata.
    pub origin_name: Option<&'a str>,
    /// Serial.
    pub serial: Option<u64>,
    /// Date (`YYYY-MM-DD`).
    pub date: Option<&'a str>,
    /// Year.
    pub year: Option<u32>,
    /// Classification level.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::model::Level>"))]
    pub level: Option<&'static str>,
    /// Archive label.
    pub label: Option<&'a str>,
    /// Caveat codes.
    pub caveats: Vec<&'a str>,
    /// Subject.
    pub subject: Option<&'a str>,
    /// TAGS codes.
    pub tags: Vec<&'a str>,
    /// Paragraphs.
    pub paragraphs: u32,
    /// Figures.
    pub figures: u32,
    /// References (all).
    pub reference_count: u32,
    /// Diagnostics.
    pub diagnostics: u32,
    /// Error diagnostics.
    pub errors: u32,
    /// Format.
    #[cfg_attr(feature = "schema", schemars(with = "crate::model::Format"))]
    pub format: &'a str,
    /// Partial extract.
    pub partial: bool,
    /// Always null for an entry.
    pub problem: Option<&'a str>,
    /// The first copy.
    pub source: RowSource<'a>,
    /// Every copy seen (identical copies once).
    pub sources: Vec<RowSource<'a>>,
    /// Summaries of this cable added after the first.
    pub duplicate_count: u32,
}

/// A row of the collection table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CollectionRow"))]
pub struct Row<'a> {
    /// The summary's fields and the copies.
    #[serde(flatten)]
    pub base: RowBase<'a>,
    /// Ids of the cables it references.
    pub references: Vec<&'a str>,
    /// Number of loaded cables that reference it.
    pub referenced_by: usize,
}

/// A reference of an entry, and whether the cable is loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefLink<'a> {
    /// Cable id.
    pub id: &'a str,
    /// True when the collection holds it.
    pub loaded: bool,
}

/// One entry in full, with its links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CollectionDetail"))]
pub struct Detail<'a> {
    /// The summary's fields and the copies.
    #[serde(flatten)]
    pub base: RowBase<'a>,
    /// The cables it references, each marked loaded or not.
    pub references: Vec<RefLink<'a>>,
    /// Keys of the loaded cables that reference it.
    pub referenced_by: Vec<&'a str>,
}

/// What a query gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CollectionResult"))]
pub struct QueryResult<'a> {
    /// Entries passing the search and every filter.
    pub total: usize,
    /// The window `offset..offset+limit` of them, sorted.
    pub rows: Vec<Row<'a>>,
    /// Facet counts, each with every filter but its own.
    pub facets: Facets,
    /// Charts of the filtered set.
    pub charts: Charts,
    /// Inputs skipped as not cables.
    pub skipped: &'a [Skipped],
}

/// Results kept between queries (cleared when entries are added).
#[derive(Debug, Clone, Default)]
pub struct Cache {
    /// The last search: its words, the entry count then, the matches.
    search: Option<(Vec<String>, usize, Bits)>,
    /// The last sort: key, desc, entry count then, the order.
    sort: Option<(String, bool, usize, Vec<u32>)>,
}

/// The filter values resolved to interned numbers.
struct Resolved {
    active: u8,
    level: [bool; 5],
    caveat: Vec<bool>,
    origin: Vec<bool>,
    year: Vec<u32>,
    tag: Vec<bool>,
}

fn resolve(values: &[String], names: &Interner) -> Vec<bool> {
    let mut out = vec![false; names.len()];
    for v in values {
        if let Some(slot) = names.get(v).and_then(|i| out.get_mut(i as usize)) {
            *slot = true;
        }
    }
    out
}

fn any_in(values: &[u32], set: &[bool]) -> bool {
    values.iter().any(|&v| set.get(v as usize).copied().unwrap_or(false))
}

impl Resolved {
    /// The facets whose filter `e` fails.
    fn fails(&self, e: &Entry) -> u8 {
        let mut m = 0;
        if self.active & facets::LEVEL != 0 && !self.level.get(e.level as usize).copied().unwrap_or(false) {
            m |= facets::LEVEL;
        }
        if self.active & facets::CAVEAT != 0 && !any_in(&e.caveats, &self.caveat) {
            m |= facets::CAVEAT;
        }
        if self.active & facets::ORIGIN != 0 && !any_in(&[e.origin], &self.origin) {
            m |= facets::ORIGIN;
        }
        if self.active & facets::YEAR != 0 && (e.year == 0 || !self.year.contains(&e.year)) {
            m |= facets::YEAR;
        }
        if self.active & facets::TAG != 0 && !any_in(&e.tags, &self.tag) {
            m |= facets::TAG;
        }
        m
    }
}

/// Case-insensitive (ASCII) order of two strings.
fn cmp_fold(a: &str, b: &str) -> Ordering {
    a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Missing values last in both directions.
fn cmp_opt<T: Ord>(a: Option<T>, b: Option<T>, desc: bool, by: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if desc => by(&b, &a),
        (Some(a), Some(b)) => by(&a, &b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl Collection {
    fn resolve(&self, f: &Filters) -> Resolved {
        let mut active = 0;
        for (bit, on) in [
            (facets::LEVEL, !f.level.is_empty()),
            (facets::CAVEAT, !f.caveat.is_empty()),
            (facets::ORIGIN, !f.origin.is_empty()),
            (facets::YEAR, !f.year.is_empty()),
            (facets::TAG, !f.tag.is_empty()),
        ] {
            if on {
                active |= bit;
            }
        }
        let mut level = [false; 5];
        for l in &f.level {
            if let Some(i) = LEVELS.iter().position(|x| x == l) {
                level[i + 1] = true;
            }
        }
        Resolved {
            active,
            level,
            caveat: resolve(&f.caveat, &self.caveats),
            origin: resolve(&f.origin, &self.origins),
            year: f.year.clone(),
            tag: resolve(&f.tag, &self.tags),
        }
    }

    /// The entries matching every word of `search` (`None`: no words, all match).
    fn search(&mut self, search: Option<&str>) -> Option<Bits> {
        let mut terms: Vec<String> = Vec::new();
        words(search.unwrap_or(""), |w| terms.push(w.to_string()));
        terms.sort_unstable();
        terms.dedup();
        // A word that another begins with adds nothing.
        let all = terms.clone();
        terms.retain(|t| !all.iter().any(|o| o != t && o.starts_with(t.as_str())));
        if terms.is_empty() {
            return None;
        }
        let n = self.entries.len();
        if let Some((t, count, bits)) = &self.cache.search {
            if *t == terms && *count == n {
                return Some(bits.clone());
            }
        }
        // Entries not in the index at all are searched through their subject.
        let unindexed: Vec<u32> = (0..n as u32)
            .filter(|&i| self.entries.get(i as usize).is_some_and(|e| e.indexed == Indexed::Nothing))
            .collect();
        let mut result: Option<Bits> = None;
        for t in &terms {
            let mut bits = Bits::new(n);
            self.index.search(t, &mut bits);
            for &i in &unindexed {
                let subject = self.entries.get(i as usize).and_then(|e| e.subject.as_deref()).unwrap_or("");
                let mut hit = false;
                words(subject, |w| hit |= w.starts_with(t.as_str()));
                if hit {
                    bits.set(i);
                }
            }
            match &mut result {
                Some(r) => r.and(&bits),
                None => result = Some(bits),
            }
        }
        let bits = result.unwrap_or_else(|| Bits::new(n));
        self.cache.search = Some((terms, n, bits.clone()));
        Some(bits)
    }

    /// Every entry number in the order of `sort`.
    fn order(&mut self, sort: Option<&Sort>) -> Vec<u32> {
        let n = self.entries.len();
        let Some(sort) = sort.filter(|s| {
            matches!(
                s.key.as_str(),
                "reference_id" | "date" | "origin" | "level" | "subject" | "paragraphs" | "figures"
            )
        }) else {
            return (0..n as u32).collect();
        };
        if let Some((key, desc, count, order)) = &self.cache.sort {
            if *key == sort.key && *desc == sort.desc && *count == n {
                return order.clone();
            }
        }
        let mut order: Vec<u32> = (0..n as u32).collect();
        let desc = sort.desc;
        let es = &self.entries;
        let origins = &self.origins;
        let get = |i: &u32| es.get(*i as usize);
        order.sort_by(|a, b| {
            let (Some(a), Some(b)) = (get(a), get(b)) else { return Ordering::Equal };
            match sort.key.as_str() {
                "reference_id" => cmp_opt(
                    a.has_reference_id.then_some(&*a.key),
                    b.has_reference_id.then_some(&*b.key),
                    desc,
                    |x, y| x.cmp(y),
                ),
                "date" => cmp_opt(a.date.as_deref(), b.date.as_deref(), desc, |x, y| x.cmp(y)),
                "origin" => cmp_opt(origins.name(a.origin), origins.name(b.origin), desc, |x, y| x.cmp(y)),
                "level" => cmp_opt((a.level > 0).then_some(a.level), (b.level > 0).then_some(b.level), desc, u8::cmp),
                "subject" => cmp_opt(a.subject.as_deref(), b.subject.as_deref(), desc, |x, y| cmp_fold(x, y)),
                "paragraphs" => cmp_opt(Some(a.counts[0]), Some(b.counts[0]), desc, u32::cmp),
                _ => cmp_opt(Some(a.counts[1]), Some(b.counts[1]), desc, u32::cmp),
            }
        });
        self.cache.sort = Some((sort.key.clone(), desc, n, order.clone()));
        order
    }

    /// The entry numbers of the filtered, sorted set of `q` (no window).
    pub fn select(&mut self, q: &Query) -> Vec<u32> {
        let found = self.search(q.search.as_deref());
        let r = self.resolve(&q.filters);
        let order = self.order(q.sort.as_ref());
        order
            .into_iter()
            .filter(|&i| {
                found.as_ref().is_none_or(|b| b.get(i)) && self.entries.get(i as usize).is_some_and(|e| r.fails(e) == 0)
            })
            .collect()
    }

    /// Answers a query: total, the window of rows, facets, charts, skipped.
    pub fn query(&mut self, q: &Query) -> QueryResult<'_> {
        let found = self.search(q.search.as_deref());
        let r = self.resolve(&q.filters);
        let mut counts = Counts::new(self.caveats.len(), self.origins.len(), self.tags.len());
        let mut pass = Bits::new(self.entries.len());
        let mut total = 0;
        for (i, e) in self.entries.iter().enumerate() {
            let i = i as u32;
            if found.as_ref().is_some_and(|b| !b.get(i)) {
                continue;
            }
            let mask = r.fails(e);
            if mask == 0 {
                total += 1;
                pass.set(i);
            }
            if mask.count_ones() <= 1 {
                counts.count(e, mask);
            }
        }
        let offset = q.offset.unwrap_or(0);
        let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
        let window: Vec<u32> = if q.sort.is_none() {
            (0..self.entries.len() as u32).filter(|&i| pass.get(i)).skip(offset).take(limit).collect()
        } else {
            self.order(q.sort.as_ref()).into_iter().filter(|&i| pass.get(i)).skip(offset).take(limit).collect()
        };
        let this = &*self;
        let rows = window
            .iter()
            .filter_map(|&i| this.entries.get(i as usize))
            .map(|e| Row {
                base: this.row_base(e),
                references: e.references.iter().filter_map(|&id| this.ids.name(id)).collect(),
                referenced_by: this.referenced_by_count(&e.key),
            })
            .collect();
        let names = Names { caveats: &this.caveats, origins: &this.origins, tags: &this.tags };
        let f = &q.filters;
        let sel = Selected { level: &f.level, caveat: &f.caveat, origin: &f.origin, year: &f.year, tag: &f.tag };
        QueryResult {
            total,
            rows,
            facets: counts.facets(names, &sel),
            charts: counts.charts(&this.origins),
            skipped: &this.skipped,
        }
    }

    /// The entry with key `key`, with its references (loaded or not) and the
    /// loaded cables that reference it.
    pub fn entry(&self, key: &str) -> Option<Detail<'_>> {
        let e = self.get(key)?;
        let references = e
            .references
            .iter()
            .filter_map(|&id| self.ids.name(id))
            .map(|id| RefLink { id, loaded: self.by_key.contains_key(id) })
            .collect();
        Some(Detail { base: self.row_base(e), references, referenced_by: self.referenced_by(key) })
    }

    fn row_source(&self, s: &Src) -> RowSource<'_> {
        RowSource { name: self.names.name(s.name), row: s.row, start: s.start, end: s.end }
    }

    fn row_base<'a>(&'a self, e: &'a Entry) -> RowBase<'a> {
        let first = e.sources.first().copied().unwrap_or(Src { name: super::NONE, row: None, start: 0, end: 0 });
        RowBase {
            key: &e.key,
            reference_id: e.has_reference_id.then_some(&*e.key),
            origin: self.origins.name(e.origin),
            origin_name: self.names.name(e.origin_name),
            serial: e.serial,
            date: e.date.as_deref(),
            year: (e.year != 0).then_some(e.year),
            level: level_name(e.level),
            label: self.labels.name(e.label),
            caveats: e.caveats.iter().filter_map(|&c| self.caveats.name(c)).collect(),
            subject: e.subject.as_deref(),
            tags: e.tags.iter().filter_map(|&t| self.tags.name(t)).collect(),
            paragraphs: e.counts[0],
            figures: e.counts[1],
            reference_count: e.counts[2],
            diagnostics: e.counts[3],
            errors: e.counts[4],
            format: self.names.name(e.format).unwrap_or_default(),
            partial: e.partial,
            problem: None,
            source: self.row_source(&first),
            sources: e.sources.iter().map(|s| self.row_source(s)).collect(),
            duplicate_count: e.duplicates,
        }
    }
}
