//! Facet counts and charts of a query: each facet counted with every filter
//! but its own, the charts over the filtered set.

use serde::Serialize;

use super::{level_name, Entry, Interner, LEVELS};

/// At most this many values per facet (by count), plus the selected ones.
pub const FACET_TOP: usize = 200;
/// At most this many origins in the origin chart.
pub const CHART_ORIGINS: usize = 20;
/// Years counted: below this.
const YEARS: usize = 10_000;

/// One value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FacetItem {
    /// The value (`SECRET`, `NOFORN`, `PARIS`, `PGOV`).
    pub value: String,
    /// Entries with it, counted with every filter but this facet's.
    pub count: u32,
    /// Whether the filter selects it.
    pub selected: bool,
}

/// One year of the year facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct YearItem {
    /// The year.
    pub value: u32,
    /// Entries of that year, counted with every filter but the year's.
    pub count: u32,
    /// Whether the filter selects it.
    pub selected: bool,
}

/// The facets of a query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Facets {
    /// Classification levels.
    pub level: Vec<FacetItem>,
    /// Caveat codes.
    pub caveat: Vec<FacetItem>,
    /// Origins.
    pub origin: Vec<FacetItem>,
    /// Years.
    pub year: Vec<YearItem>,
    /// TAGS codes.
    pub tag: Vec<FacetItem>,
}

/// A bar of a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Bar {
    /// The value.
    pub value: String,
    /// Entries of the filtered set with it.
    pub count: u32,
}

/// A bar of the year chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct YearBar {
    /// The year.
    pub value: u32,
    /// Entries of the filtered set of that year.
    pub count: u32,
}

/// Charts of the filtered set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Charts {
    /// Every year, ascending.
    pub year: Vec<YearBar>,
    /// Every level, in level order.
    pub level: Vec<Bar>,
    /// The largest origins (at most 20), largest first.
    pub origin: Vec<Bar>,
}

/// Facet bits in a filter mask.
pub const LEVEL: u8 = 1;
/// Caveat facet bit.
pub const CAVEAT: u8 = 2;
/// Origin facet bit.
pub const ORIGIN: u8 = 4;
/// Year facet bit.
pub const YEAR: u8 = 8;
/// Tag facet bit.
pub const TAG: u8 = 16;

/// Counters of one query.
pub struct Counts {
    level: [u32; 5],
    caveat: Vec<u32>,
    origin: Vec<u32>,
    year: Vec<u32>,
    tag: Vec<u32>,
    chart_level: [u32; 5],
    chart_origin: Vec<u32>,
    chart_year: Vec<u32>,
}

fn bump(v: &mut [u32], i: u32) {
    if let Some(x) = v.get_mut(i as usize) {
        *x += 1;
    }
}

/// Adds one to each distinct value of `values`.
fn bump_distinct(v: &mut [u32], values: &[u32]) {
    for (i, &x) in values.iter().enumerate() {
        if !values[..i].contains(&x) {
            bump(v, x);
        }
    }
}

impl Counts {
    /// Counters sized for the interned values.
    pub fn new(caveats: usize, origins: usize, tags: usize) -> Counts {
        Counts {
            level: [0; 5],
            caveat: vec![0; caveats],
            origin: vec![0; origins],
            year: vec![0; YEARS],
            tag: vec![0; tags],
            chart_level: [0; 5],
            chart_origin: vec![0; origins],
            chart_year: vec![0; YEARS],
        }
    }

    /// Counts an entry that fails the filters of `mask` (none, or one facet).
    pub fn count(&mut self, e: &Entry, mask: u8) {
        if mask == 0 {
            bump(&mut self.chart_level, u32::from(e.level));
            bump(&mut self.chart_origin, e.origin);
            bump(&mut self.chart_year, e.year);
        }
        if mask & !LEVEL == 0 {
            bump(&mut self.level, u32::from(e.level));
        }
        if mask & !CAVEAT == 0 {
            bump_distinct(&mut self.caveat, &e.caveats);
        }
        if mask & !ORIGIN == 0 {
            bump(&mut self.origin, e.origin);
        }
        if mask & !YEAR == 0 {
            bump(&mut self.year, e.year);
        }
        if mask & !TAG == 0 {
            bump_distinct(&mut self.tag, &e.tags);
        }
    }

    /// The facets, given the interned values and the selections.
    pub fn facets(&self, names: Names<'_>, sel: &Selected<'_>) -> Facets {
        let level_values: Vec<(String, u32, bool)> = LEVELS
            .iter()
            .enumerate()
            .map(|(i, l)| {
                (l.to_string(), self.level.get(i + 1).copied().unwrap_or(0), sel.level.contains(&l.to_string()))
            })
            .filter(|(_, c, s)| *c > 0 || *s)
            .collect();
        let mut level = top(level_values);
        level.sort_by_key(|f| LEVELS.iter().position(|l| *l == f.value));
        Facets {
            level,
            caveat: top(interned(names.caveats, &self.caveat, sel.caveat)),
            origin: top(interned(names.origins, &self.origin, sel.origin)),
            year: {
                let mut items: Vec<YearItem> = self
                    .year
                    .iter()
                    .enumerate()
                    .skip(1)
                    .filter_map(|(y, &c)| {
                        let y = y as u32;
                        let selected = sel.year.contains(&y);
                        (c > 0 || selected).then_some(YearItem { value: y, count: c, selected })
                    })
                    .collect();
                for &y in sel.year {
                    if !items.iter().any(|i| i.value == y) {
                        items.push(YearItem { value: y, count: 0, selected: true });
                    }
                }
                items.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
                let mut n = 0;
                items.retain(|i| {
                    n += 1;
                    n <= FACET_TOP || i.selected
                });
                items
            },
            tag: top(interned(names.tags, &self.tag, sel.tag)),
        }
    }

    /// The charts of the filtered set.
    pub fn charts(&self, origins: &Interner) -> Charts {
        let year = self
            .chart_year
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, &c)| c > 0)
            .map(|(y, &c)| YearBar { value: y as u32, count: c })
            .collect();
        let level = (1..=LEVELS.len())
            .filter_map(|i| {
                let count = self.chart_level.get(i).copied().unwrap_or(0);
                (count > 0).then(|| Bar { value: level_name(i as u8).unwrap_or_default().to_string(), count })
            })
            .collect();
        let mut origin: Vec<Bar> = self
            .chart_origin
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(i, &count)| Bar { value: origins.name(i as u32).unwrap_or_default().to_string(), count })
            .collect();
        origin.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        origin.truncate(CHART_ORIGINS);
        Charts { year, level, origin }
    }
}

/// The interned values of the facets.
#[derive(Clone, Copy)]
pub struct Names<'a> {
    /// Caveat codes.
    pub caveats: &'a Interner,
    /// Origins.
    pub origins: &'a Interner,
    /// TAGS codes.
    pub tags: &'a Interner,
}

/// The values a query selects, as given.
pub struct Selected<'a> {
    /// Levels.
    pub level: &'a [String],
    /// Caveats.
    pub caveat: &'a [String],
    /// Origins.
    pub origin: &'a [String],
    /// Years.
    pub year: &'a [u32],
    /// Tags.
    pub tag: &'a [String],
}

/// (value, count, selected) of the interned values counted or selected.
fn interned(names: &Interner, counts: &[u32], selected: &[String]) -> Vec<(String, u32, bool)> {
    let mut out: Vec<(String, u32, bool)> = counts
        .iter()
        .enumerate()
        .filter(|(_, &c)| c > 0)
        .filter_map(|(i, &c)| {
            let name = names.name(i as u32)?;
            Some((name.to_string(), c, selected.iter().any(|s| s == name)))
        })
        .collect();
    for s in selected {
        if !out.iter().any(|(v, _, _)| v == s) {
            out.push((s.clone(), 0, true));
        }
    }
    out
}

/// The largest [`FACET_TOP`] values plus the selected ones, largest first.
fn top(mut values: Vec<(String, u32, bool)>) -> Vec<FacetItem> {
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values
        .into_iter()
        .enumerate()
        .filter(|(i, v)| *i < FACET_TOP || v.2)
        .map(|(_, (value, count, selected))| FacetItem { value, count, selected })
        .collect()
}
