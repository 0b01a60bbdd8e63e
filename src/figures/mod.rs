//! Figures stated in the prose: percentages, counts, money, dates, periods,
//! durations and rates, with what they measure.
//!
//! How it reads, module by module:
//!
//! - `sentences`: splits each prose text into sentences; a sentence with no digit,
//!   sign (`$`, `%`, a currency's) or number, date or time word
//!   (`words::first_trigger`, one scan over the text) is skipped, and so is the rest
//!   of a text past its last such byte (a test checks that this loses no figure).
//! - `tokens`: one byte scan splits a sentence into words, digit runs and
//!   punctuation (ASCII words eight bytes at a time); `words` tags every known word
//!   with one hash probe.
//! - `scan`: walks the tokens left to right; a token that can start nothing is
//!   stepped over at once, at any other the recognizers below are tried, the first
//!   match wins and the scan jumps past it (linear time).
//! - `numbers`: numerals, spelled-out numbers, scale words, exact decimals.
//! - `percent`, `money`, `durations`, `dates`, `relative`, `counts`: what
//!   a number (or a word) is, by what surrounds it; `calendar` does date arithmetic.
//! - `qualifiers`: `about`, `at least`, `up to`... before a figure.
//! - `measure`: what a figure measures, from its sentence.
//!
//! Conventions: a range (`50 to 60 percent`) has `low` and `high` and no `value`; a
//! bound (`at least 60%`) has its `value` and `low` (or `high` for `less than`,
//! `up to`, `within`). Money is normalized to the main unit (`50 cents` is 0.5 USD;
//! `$` is USD). Dates written without a year take the year that puts them nearest the
//! cable's date, looking back four times as far as ahead; with no year known at all
//! they keep what is known (`--11-15`). Week periods use ISO weeks (`2005-W48`).

mod calendar;
mod counts;
mod dates;
mod durations;
mod measure;
mod money;
mod numbers;
mod percent;
mod qualifiers;
mod relative;
mod scan;
mod sentences;
mod tokens;
mod words;

use std::collections::HashMap;

use crate::mapped::Mapped;
use crate::model::{Figure, FigureKind, FigureValue, Span};
use scan::{Hit, Scan};

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

/// Sentences that may define named days, at most.
const MAX_DEFINITIONS: usize = 64;

/// Words of a defining sentence looked at, at most.
const MAX_DEFINITION_WORDS: usize = 64;

/// Finds every figure in `prose`, in order of appearance.
pub fn extract(prose: &[Prose<'_>], ctx: &DateContext) -> Vec<Figure> {
    find::<true>(prose, ctx, true)
}

/// The figures [`extract`] finds, each with only its kind and paragraph (what
/// counting them needs, see [`crate::Hints::summary_only`]): no value, text, spans
/// or measure.
pub fn extract_bare(prose: &[Prose<'_>], ctx: &DateContext) -> Vec<Figure> {
    find::<true>(prose, ctx, false)
}

/// [`extract`], or [`extract_bare`] without `describe`. Without `FILTER` (tests
/// only), every sentence is read, as if each held a trigger: the figures must be
/// the same.
fn find<const FILTER: bool>(prose: &[Prose<'_>], ctx: &DateContext, describe: bool) -> Vec<Figure> {
    let mut figures = Vec::new();
    // Sized for most sentences, so that they seldom grow.
    let mut toks = Vec::with_capacity(128);
    let mut hits = Vec::with_capacity(16);
    // Named days to resolve, and the sentences with full dates that may define them
    // (subject line first).
    let mut named: Vec<(usize, String)> = Vec::new();
    let mut candidates: Vec<(bool, &str, String)> = Vec::new();
    for p in prose {
        let text = p.text.as_str();
        // Most sentences hold no digit, symbol or number, date or time word: the first
        // byte that may begin a figure is found by one scan over the text, and every
        // sentence ending before it is skipped. A text with none is not even split.
        let first = if FILTER { words::first_trigger(text.as_bytes(), 0) } else { Some(0) };
        let Some(mut next) = first else {
            continue;
        };
        // Figures come in ascending order: source spans are found from the last one.
        let mut hint = 0;
        for sent in sentences::Sentences::new(text) {
            if FILTER && next < sent.0 {
                // The scan starts at a word start: a sentence starts after a space.
                match words::first_trigger(text.as_bytes(), sent.0) {
                    Some(at) => next = at,
                    None => break,
                }
            }
            if next >= sent.1 {
                continue;
            }
            let Some(piece) = text.get(sent.0..sent.1) else {
                continue;
            };
            tokens::tokenize(&text[..sent.1], sent.0, &mut toks);
            let s = Scan { text, toks: &toks, ctx };
            hits.clear();
            scan::scan(&s, &mut hits);
            if !describe {
                figures.extend(hits.iter().map(|h| bare(h.kind, p.paragraph)));
                continue;
            }
            let sentence = match hits.first() {
                Some(_) => p.text.span_near(sent.0, sent.1, &mut hint),
                None => continue,
            };
            for k in 0..hits.len() {
                let Some(h) = hits.get(k) else { break };
                let (Some(a), Some(b)) = (toks.get(h.first), toks.get(h.end.saturating_sub(1))) else {
                    continue;
                };
                let (a, b) = (a.start, b.end.max(a.start));
                let mut value = None;
                if let Some(word) = &h.named {
                    // "Election Day on December 4": the date right after it.
                    let next = hits.get(k + 1).filter(|n| {
                        n.first >= h.end
                            && n.first - h.end <= 1
                            && (h.end..n.first).all(|j| s.w(j) == words::W::On || s.punct(j, b',') || s.punct(j, b'('))
                    });
                    match next.and_then(full_date) {
                        Some(iso) => value = Some(FigureValue::Text(iso.to_string())),
                        None => named.push((figures.len(), word.clone())),
                    }
                } else if let Some(iso) = full_date(h).filter(|_| candidates.len() < MAX_DEFINITIONS) {
                    // Kept until a named day needs it (most cables have none).
                    candidates.push((p.kind == ProseKind::Subject, piece, iso.to_string()));
                }
                // The hit is read for the last time: its value and unit move out.
                let Some(h) = hits.get_mut(k) else { break };
                let place = Place { span: p.text.span_near(a, b, &mut hint), sentence };
                let mut f = figure(&s, p, h, (a, b), sent, place);
                if value.is_some() {
                    f.value = value;
                }
                figures.push(f);
            }
        }
    }
    if named.is_empty() {
        return figures;
    }
    let mut defs: [HashMap<String, Option<String>>; 2] = [HashMap::new(), HashMap::new()];
    for (subject, sentence, iso) in &candidates {
        define(&mut defs[usize::from(!subject)], sentence, iso);
    }
    for (at, word) in named {
        let key = singular(&word);
        let iso = defs[0].get(key).or_else(|| defs[1].get(key)).and_then(Option::as_ref);
        if let (Some(iso), Some(f)) = (iso, figures.get_mut(at)) {
            f.value = Some(FigureValue::Text(iso.clone()));
        }
    }
    figures
}

/// A figure with nothing but its kind and paragraph.
fn bare(kind: FigureKind, paragraph: Option<u32>) -> Figure {
    Figure {
        kind,
        value: None,
        low: None,
        high: None,
        unit: None,
        qualifier: crate::model::Qualifier::Exact,
        grain: None,
        text: String::new(),
        span: Span::default(),
        paragraph,
        sentence: Span::default(),
        measure: None,
    }
}

/// The ISO date of a day-grain date with a full value.
fn full_date(h: &Hit) -> Option<&str> {
    match (&h.kind, &h.value, h.grain) {
        (FigureKind::Date, Some(FigureValue::Text(v)), Some("day")) if v.len() == 10 && !v.starts_with('-') => Some(v),
        _ => None,
    }
}

/// Records every word of a sentence holding the full date `iso`; a word seen with two
/// different dates defines nothing.
fn define(map: &mut HashMap<String, Option<String>>, sentence: &str, iso: &str) {
    for word in sentence.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() > 2).take(MAX_DEFINITION_WORDS) {
        let lower = word.to_lowercase();
        let key = singular(&lower).to_string();
        let entry = map.entry(key).or_insert_with(|| Some(iso.to_string()));
        if entry.as_deref().is_some_and(|v| v != iso) {
            *entry = None;
        }
    }
}

/// `elections` → `election`.
fn singular(word: &str) -> &str {
    word.strip_suffix('s').filter(|w| w.len() > 2).unwrap_or(word)
}

/// Where a figure stands in the input: its own source span and its sentence's.
struct Place {
    /// The figure's source span.
    span: Span,
    /// Its sentence's source span.
    sentence: Span,
}

/// The public figure for a hit covering text bytes `a..b` in sentence `sent`, at
/// `place` in the input (its value and unit are moved out).
fn figure(
    s: &Scan<'_>,
    p: &Prose<'_>,
    h: &mut Hit,
    (a, b): (usize, usize),
    sent: (usize, usize),
    place: Place,
) -> Figure {
    let text = p.text.as_str();
    Figure {
        kind: h.kind,
        value: h.value.take(),
        low: h.low,
        high: h.high,
        unit: h.unit.take(),
        qualifier: h.qualifier,
        grain: h.grain.map(str::to_string),
        text: text.get(a..b).unwrap_or("").to_string(),
        span: place.span,
        paragraph: p.paragraph,
        sentence: place.sentence,
        measure: measure::find(s, h, sent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figures of `text` as a paragraph, with and without the trigger filter.
    fn both(text: &str) -> (Vec<Figure>, Vec<Figure>) {
        let m = Mapped::identity(text, 0);
        let prose = [Prose { text: &m, paragraph: Some(1), kind: ProseKind::Paragraph }];
        let ctx = DateContext { date: Some((2005, 12, 4)), year: Some(2005) };
        (find::<true>(&prose, &ctx, true), find::<false>(&prose, &ctx, true))
    }

    /// Skipping the sentences with no trigger (`words::first_trigger`) loses no figure:
    /// every paragraph of the corpus (whose viewer pages are full of curly quotes and
    /// dashes), and sentences of vocabulary words among non-ASCII characters.
    #[test]
    fn the_trigger_filter_loses_no_figure() {
        let mut texts = Vec::new();
        for dir in ["tests/data/corpus/txt", "tests/data/corpus/html", "tests/data/corpus/csv", "tests/data/seeds"] {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let Ok(bytes) = std::fs::read(e.path()) else { continue };
                for a in crate::analyze(&bytes, &crate::Hints::default()) {
                    texts.extend(a.paragraphs.into_iter().map(|p| p.text));
                }
            }
        }
        assert!(texts.len() > 2000, "the corpus is read ({} paragraphs)", texts.len());
        // (No-break space apart: the others are split at spaces.)
        let mut pieces: Vec<&str> = concat!(
            "five May the a day percent € £ ¢ ’ “ ” — – é Élysée o’clock year’s twenty‑five C $ US ",
            "Election next week half dozen million ½ ５ ％ 3 . , - ( tonight ago several months at least ",
            "may march March MARCH mAY Mar in late early the 5th fifth of next last"
        )
        .split(' ')
        .collect();
        pieces.push("\u{a0}");
        // Every pair and some triples, in sentences of their own.
        for &a in &pieces {
            for &b in &pieces {
                texts.push(format!("He said {a} {b}. {b}{a} then. {a}{b}"));
                texts.push(format!("{a} {b} {a}. Words only here. {b} {a}{b} x."));
            }
        }
        for t in &texts {
            let (filtered, all) = both(t);
            assert_eq!(filtered, all, "{t:?}");
        }
    }
}
