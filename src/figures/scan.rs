//! The left-to-right scan: tries each recognizer at each token, keeps the first match and
//! jumps past it, so every token is read a bounded number of times.

use super::numbers::{and_a_half, number_at, Num, Parsed};
use super::tokens::{Tok, K};
use super::words::W;
use super::{counts, dates, durations, money, percent, qualifiers, DateContext};
use crate::model::{FigureKind, FigureValue, Qualifier};

/// One prose text being read.
pub(super) struct Scan<'a> {
    /// The clean text.
    pub text: &'a str,
    /// Its tokens.
    pub toks: &'a [Tok],
    /// What dates resolve against.
    pub ctx: &'a DateContext,
}

impl<'a> Scan<'a> {
    /// Token `i`, if any.
    pub fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// The vocabulary word at `i` ([`W::Other`] for non-words and past the end).
    pub fn w(&self, i: usize) -> W {
        match self.toks.get(i) {
            Some(t) if t.is_word() => t.w,
            _ => W::Other,
        }
    }

    /// True when token `i` is the punctuation byte `c`.
    pub fn punct(&self, i: usize, c: u8) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// True when tokens `i` and `j` touch.
    pub fn adj(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    /// True when the word at `i` ends in `s` (a possessive `'s` aside).
    pub fn is_plural(&self, i: usize) -> bool {
        let w = self.word(i);
        let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("'S")).or_else(|| w.strip_suffix("’s")).unwrap_or(w);
        w.ends_with('s') || w.ends_with('S')
    }

    /// A number at token `i`.
    pub fn number(&self, i: usize, money: bool) -> Option<Parsed> {
        number_at(self.toks, self.text, i, money)
    }
}

/// What a recognizer says about what a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Measure {
    /// Nothing to say.
    None,
    /// A percentage: `of the X` after it, a noun after it, or the clause subject.
    Percent,
    /// A count: the counted noun at this token and a following phrase.
    Count(usize),
    /// Money: `of X`, a noun after it, or the clause subject.
    Money,
    /// A modifier (`15-minute X`, `15 minutes of X`): the noun phrase from this token.
    Modifies(usize),
}

/// A figure found in the tokens, before it becomes a [`crate::model::Figure`].
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Hit {
    /// Kind.
    pub kind: FigureKind,
    /// First token (qualifier words included once applied).
    pub first: usize,
    /// Token after the last.
    pub end: usize,
    /// Value.
    pub value: Option<FigureValue>,
    /// Low end of a range or bound.
    pub low: Option<f64>,
    /// High end of a range or bound.
    pub high: Option<f64>,
    /// Unit.
    pub unit: Option<String>,
    /// Exactness.
    pub qualifier: Qualifier,
    /// Grain of a date or period.
    pub grain: Option<&'static str>,
    /// What it measures.
    pub measure: Measure,
    /// For named days (`Election Day`): the lower-case event word, to resolve later.
    pub named: Option<String>,
    /// True when qualifier words before it may apply.
    pub qualify: bool,
}

impl Hit {
    /// A figure with nothing but its kind and place.
    pub fn new(kind: FigureKind, first: usize, end: usize) -> Hit {
        Hit {
            kind,
            first,
            end,
            value: None,
            low: None,
            high: None,
            unit: None,
            qualifier: Qualifier::Exact,
            grain: None,
            measure: Measure::None,
            named: None,
            qualify: false,
        }
    }

    /// A numeric figure from a quantity (a range sets low and high, no value).
    pub fn quantity(kind: FigureKind, q: &Quantity, end: usize, scale: f64) -> Hit {
        let mut h = Hit::new(kind, q.first, end);
        h.qualify = true;
        match q.high {
            Some(hi) => {
                h.low = Some(round(q.low.value() * scale));
                h.high = Some(round(hi.value() * scale));
            }
            None => h.value = Some(FigureValue::Number(round(q.low.value() * scale))),
        }
        h
    }

    /// A date or period with an ISO value and a grain.
    pub fn date(kind: FigureKind, first: usize, end: usize, value: Option<String>, grain: &'static str) -> Hit {
        let mut h = Hit::new(kind, first, end);
        h.value = value.map(FigureValue::Text);
        h.grain = Some(grain);
        h
    }
}

/// Rounds away binary noise (`0.1 * 3`), keeping 12 significant digits.
pub(super) fn round(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    let mag = v.abs().log10().floor() as i32;
    let digits = 12 - mag;
    if !(-300..=300).contains(&digits) {
        return v;
    }
    if digits >= 0 {
        let p = 10f64.powi(digits);
        let r = (v * p).round() / p;
        if r.is_finite() {
            r
        } else {
            v
        }
    } else {
        let p = 10f64.powi(-digits);
        (v / p).round() * p
    }
}

/// A number or a range of two numbers (`50 to 60`, `between 3,000 and 5,000`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Quantity {
    /// First token (`between` included).
    pub first: usize,
    /// The number, or the low end.
    pub low: Num,
    /// The high end of a range.
    pub high: Option<Num>,
    /// Token after the last number.
    pub end: usize,
    /// How the (low) number was written.
    pub parsed: Parsed,
}

/// What the scan does at a token.
pub(super) enum Step {
    /// A figure.
    Hit(Hit),
    /// No figure: continue at this token.
    Skip(usize),
}

/// Finds the figures of one prose text, in order.
pub(super) fn scan(s: &Scan<'_>, out: &mut Vec<Hit>) {
    let mut i = 0;
    let mut floor = 0;
    while i < s.toks.len() {
        if inert_at(s.toks, i) {
            i += 1;
            continue;
        }
        match at(s, i) {
            Step::Hit(mut h) => {
                if h.qualify {
                    qualifiers::apply(s, &mut h, floor);
                }
                i = h.end.max(i + 1);
                floor = i;
                out.push(h);
            }
            Step::Skip(j) => i = j.max(i + 1),
        }
    }
}

/// True when no figure can start at token `i`: [`at`] would find nothing there and
/// skip it (a word that starts nothing, `the` or `a` before a word that makes nothing
/// of them, punctuation other than `$` and `-`, a symbol other than a currency's).
fn inert_at(toks: &[Tok], i: usize) -> bool {
    let Some(t) = toks.get(i) else { return true };
    let next = toks.get(i + 1);
    // Most tokens are words that start nothing, followed by a word other than `day`:
    // told first (`the` and `a` are not inert words).
    if t.kind == K::Word && super::words::inert(t.w) {
        return !next.is_some_and(|n| word_may_lead(t, n));
    }
    match t.kind {
        // `the` starts only `the day before yesterday`, `the next day`, `the last few
        // days`, `the first friday of july` and `the 27th` forms (relative.rs).
        K::Word if t.w == W::The => !next.is_some_and(the_may_lead),
        // `a`/`an` starts only `a day` (and named days), `A$`, `a fraction of a
        // percent`, `a few ...`, `a (half, full) week`, `a business day`, `a dozen`,
        // `a million`.
        K::Word if t.w == W::A => !next.is_some_and(a_may_lead),
        K::Word => false,
        K::Punct(c) => c != b'$' && c != b'-',
        K::Sym(c) => !money::is_symbol(c),
        K::Digits => false,
    }
}

/// True when the inert word `t` may still start a figure because of the token `n`
/// after it: a named day (`Election Day`) or a currency prefix (`C$`, `U.S. $`).
fn word_may_lead(t: &Tok, n: &Tok) -> bool {
    match n.kind {
        K::Punct(b'$') => true,
        K::Punct(b'.') => t.len() == 1,
        K::Word => n.w == W::Day,
        _ => false,
    }
}

/// Tries every recognizer at token `i`.
fn at(s: &Scan<'_>, i: usize) -> Step {
    let Some(t) = s.tok(i) else {
        return Step::Skip(i + 1);
    };
    if t.kind == K::Word && super::words::inert(t.w) {
        // Most words start nothing; only a named day ("Election Day") or a currency
        // prefix ("C$", "U.S. $") can begin with a word outside the vocabulary.
        if !s.tok(i + 1).is_some_and(|n| word_may_lead(t, n)) {
            return Step::Skip(i + 1);
        }
    }
    let found = match t.kind {
        K::Digits => dates::at_digits(s, i),
        K::Word => dates::at_word(s, i)
            .or_else(|| money::at(s, i))
            .or_else(|| percent::at_word(s, i))
            .or_else(|| durations::at_word(s, i)),
        K::Punct(_) | K::Sym(_) => money::at(s, i),
    };
    if let Some(h) = found {
        return Step::Hit(h);
    }
    match quantity(s, i) {
        Some(q) => after_quantity(s, &q),
        None if t.kind == K::Digits => Step::Skip(counts::skip_chain(s, i)),
        None => Step::Skip(i + 1),
    }
}

/// Reads a number or a range at `i`.
pub(super) fn quantity(s: &Scan<'_>, i: usize) -> Option<Quantity> {
    let low = s.number(i, false)?;
    let (low_num, end) = and_a_half(s.toks, &low).unwrap_or((low.num, low.end));
    let mut q = Quantity { first: i, low: low_num, high: None, end, parsed: low };
    let conn = s.w(end);
    let dash = s.tok(end).is_some_and(Tok::is_dash);
    let between = i > 0 && s.w(i - 1) == W::Between;
    let is_range = match conn {
        W::To | W::Or => true,
        W::And => between,
        _ => dash,
    };
    if is_range {
        if let Some(high) = s.number(end + 1, false) {
            let hv = high.num.value();
            let lv = low_num.value();
            let ok = (low.spelled == high.spelled || conn != W::Other) && (hv > lv || conn == W::Or) && !high.attached;
            if ok {
                let mut lo = low_num;
                // "3 to 5 million": the low end takes the high end's scale.
                if high.scale > 0 && low.scale == 0 {
                    lo = lo.scaled(high.scale);
                }
                q.low = lo;
                q.high = Some(high.num);
                q.end = high.end;
                if between {
                    q.first = i - 1;
                }
            }
        }
    }
    Some(q)
}

/// Decides what a number is by what follows it.
fn after_quantity(s: &Scan<'_>, q: &Quantity) -> Step {
    if let Some(h) = percent::after(s, q).or_else(|| money::after(s, q)).or_else(|| durations::after(s, q)) {
        return Step::Hit(h);
    }
    counts::after(s, q)
}

/// True when `the` followed by `n` may start a figure.
fn the_may_lead(n: &Tok) -> bool {
    n.kind == K::Digits
        || (n.is_word()
            && (matches!(n.w, W::Day | W::Next | W::Following | W::Previous | W::Last | W::Past)
                || n.w.ordinal().is_some()
                || n.w.cardinal().is_some()))
}

/// True when `a` (or `an`) followed by `n` may start a figure.
fn a_may_lead(n: &Tok) -> bool {
    n.is_punct(b'$')
        || (n.is_word()
            && (matches!(n.w, W::Day | W::Fraction | W::Few | W::Several | W::Half | W::Full | W::Business | W::Dozen)
                || n.w.time_unit().is_some()
                || n.w.scale().is_some()))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    /// [`inert_at`] as it read before inert words were told first: one match on the kind.
    fn inert_at_slow(toks: &[Tok], i: usize) -> bool {
        let Some(t) = toks.get(i) else { return true };
        let next = toks.get(i + 1);
        match t.kind {
            K::Word if t.w == W::The => !next.is_some_and(the_may_lead),
            K::Word if t.w == W::A => !next.is_some_and(a_may_lead),
            K::Word => {
                super::super::words::inert(t.w)
                    && !next.is_some_and(|n| {
                        n.is_punct(b'$') || (n.is_punct(b'.') && t.len() == 1) || (n.is_word() && n.w == W::Day)
                    })
            }
            K::Punct(c) => c != b'$' && c != b'-',
            K::Sym(c) => !money::is_symbol(c),
            K::Digits => false,
        }
    }

    /// Telling inert words first changes no answer: every pair of sample tokens, in
    /// both orders.
    #[test]
    fn inert_words_first_agree_with_one_match() {
        assert!(!super::super::words::inert(W::The) && !super::super::words::inert(W::A));
        let samples = "the The a an A day Day days $ . - % , € “ 5 2005 x C U S election Election about of \
            and next first five dozen few fraction half week million may percent us dollars ago is para people \
            business full last following previous past twenty several é mid st";
        let mut toks = Vec::new();
        for a in samples.split_whitespace() {
            for b in samples.split_whitespace() {
                for sep in ["", " "] {
                    let text = format!("{a}{sep}{b}");
                    tokenize(&text, 0, &mut toks);
                    for i in 0..=toks.len() {
                        assert_eq!(inert_at(&toks, i), inert_at_slow(&toks, i), "{text:?} at {i}");
                    }
                }
            }
        }
    }
}
