//! Counts (`120 reports`, `four opponents`, `between 3,000 and 5,000 demonstrators`),
//! bare numbers, and the numbers that are not figures: serials (`Almaty 4281`),
//! identifiers (`Resolution 1441`, `F-16`), classification reasons (`1.4 (b)`).

use super::dates;
use super::scan::{Hit, Measure, Quantity, Scan, Step};
use super::tokens::K;
use super::words::{ends_with_ignore_case, W};
use crate::model::FigureKind;

/// What a number is when no unit, currency or percent follows it.
pub(super) fn after(s: &Scan<'_>, q: &Quantity) -> Step {
    let p = &q.parsed;
    if identifier(s, q) {
        return Step::Skip(skip_list(s, skip_chain(s, q.end.saturating_sub(1))));
    }
    if let Some(h) = dates::year(s, q) {
        return Step::Hit(h);
    }
    if p.attached {
        // "21st", "1990s", "3x"
        return Step::Skip(q.end + 1);
    }
    if let Some((noun, end)) = noun(s, q.end, p.num.value()) {
        if !(p.spelled && p.num.as_int() == Some(1)) {
            let mut h = Hit::quantity(FigureKind::Count, q, end, 1.0);
            h.unit = Some(unit_text(s, noun, end));
            h.measure = Measure::Count(noun);
            return Step::Hit(h);
        }
    }
    if p.spelled && (p.simple || !p.scaled && q.high.is_none() && p.end - p.first < 2) {
        return Step::Skip(q.end);
    }
    if !p.spelled && serial(s, q) {
        return Step::Skip(q.end);
    }
    Step::Hit(Hit::quantity(FigureKind::Number, q, q.end, 1.0))
}

/// The counted noun after a number, allowing two modifiers before it
/// (`28,000 activists`, `15 uncensored time blocs`, `Two print-runs`): its first
/// token and the token after it.
fn noun(s: &Scan<'_>, j: usize, value: f64) -> Option<(usize, usize)> {
    let mut k = j;
    for _ in 0..3 {
        let t = s.tok(k)?;
        if !t.is_word() || t.w.is_function() || !countable(t.w) {
            return None;
        }
        // Hyphenated compounds: "print-runs", "door-to-door".
        let mut e = k + 1;
        while s.punct(e, b'-') && s.adj(e - 1, e) && s.adj(e, e + 1) && s.tok(e + 1).is_some_and(|t| t.is_word()) {
            e += 2;
        }
        let last = e - 1;
        if s.w(last) == W::Plural || plural_noun(s.word(last)) || (value == 1.0 && k == j) {
            return Some((k, e));
        }
        k = e;
    }
    None
}

/// True for a word that may be (or modify) a counted noun.
fn countable(w: W) -> bool {
    w.month().is_none()
        && w.weekday().is_none()
        && w.cardinal().is_none()
        && w.ordinal().is_none()
        && w.scale().is_none()
        && !matches!(w, W::Percent | W::Per | W::Cent | W::IdWord | W::Dozen | W::Half | W::Quarter)
}

/// A plural-looking English word (`reports`, not `this`, `status` or `press`).
fn plural_noun(word: &str) -> bool {
    let w = word.strip_suffix("'s").unwrap_or(word);
    let ends = |suffix| ends_with_ignore_case(w, suffix);
    w.len() > 2 && ends("s") && !ends("ss") && !ends("us") && !ends("is") && !ends("'s")
}

/// The unit of a count: its noun, lower case.
fn unit_text(s: &Scan<'_>, first: usize, end: usize) -> String {
    let a = s.tok(end - 1).map_or(0, |t| t.start);
    let a = (first..end)
        .rev()
        .take_while(|&k| k == end - 1 || s.adj(k, k + 1))
        .last()
        .and_then(|k| s.tok(k))
        .map_or(a, |t| t.start);
    let b = s.tok(end - 1).map_or(a, |t| t.end);
    s.text.get(a..b).unwrap_or("").to_lowercase()
}

/// True when the number names something instead of counting it: an identifier word
/// before it (`Resolution 1441`, `para 5`, `E.O. 12958`), letters glued to it
/// (`F-16`, `A320`), a leading zero (`004123`), or a classification reason (`1.4 (b)`).
fn identifier(s: &Scan<'_>, q: &Quantity) -> bool {
    let p = &q.parsed;
    let i = q.first;
    if p.spelled {
        return false;
    }
    if p.leading_zero {
        return true;
    }
    if i > 0 {
        let prev = s.tok(i - 1);
        let glued_to = |t: &super::tokens::Tok| {
            t.is_word()
                || matches!(
                    t.kind,
                    K::Punct(b'-' | b'/' | b'#' | b'+' | b'.' | b':' | b',' | b'?' | b'!' | b';' | b')')
                )
        };
        if s.adj(i - 1, i) && prev.is_some_and(glued_to) {
            return true;
        }
        if s.w(i - 1) == W::IdWord {
            return true;
        }
        // "No. 5", "E.O. 12958"
        if s.punct(i - 1, b'.')
            && i > 1
            && s.tok(i - 2).is_some_and(|t| t.is_word() && (t.len() <= 2 || t.w == W::IdWord))
        {
            return true;
        }
    }
    // "1.4 (b)", "1.4(d)", "1.4 (B, D)", "1.5 (b /d)"
    if s.punct(q.end, b'(') && reason_letters(s, q.end + 1) {
        return true;
    }
    // Times and other chains: "10:30", "7-727-250".
    if s.tok(q.end).is_some_and(|t| matches!(t.kind, K::Punct(b':' | b'/')) && s.adj(q.end - 1, q.end))
        && s.tok(q.end + 1).is_some_and(|t| t.kind == K::Digits)
    {
        return true;
    }
    // "10 a.m."
    if matches!(s.word(q.end), "a" | "p" | "A" | "P") && s.punct(q.end + 1, b'.') && s.adj(q.end, q.end + 1) {
        return true;
    }
    false
}

/// Letters of classification reasons up to `)`: `b)`, `B, D)`, `b /d)`.
fn reason_letters(s: &Scan<'_>, mut j: usize) -> bool {
    let mut letters = 0;
    for _ in 0..12 {
        let Some(t) = s.tok(j) else { return false };
        match t.kind {
            K::Word if t.len() == 1 => letters += 1,
            K::Punct(b',' | b'/') => {}
            K::Word if t.w == W::And => {}
            K::Punct(b')') => return letters > 0,
            _ => return false,
        }
        j += 1;
    }
    false
}

/// After an identifier, the rest of its list: `paras 2 and 20`, `1.4 (b), (d)`.
fn skip_list(s: &Scan<'_>, mut j: usize) -> usize {
    for _ in 0..64 {
        let sep = s.punct(j, b',') || matches!(s.w(j), W::And | W::Or) || s.tok(j).is_some_and(|t| t.is_dash());
        if !sep {
            break;
        }
        let k = j + 1;
        if s.tok(k).is_some_and(|t| t.kind == K::Digits) {
            j = skip_chain(s, k);
        } else if s.punct(k, b'(') && reason_letters(s, k + 1) {
            j = k + 2;
            while !s.punct(j - 1, b')') && j < s.toks.len() {
                j += 1;
            }
        } else {
            break;
        }
    }
    j
}

/// True for a station serial or other number named by a proper noun before it
/// (`Almaty 4281`, `ALMATY 004123`): three or more plain digits after a capitalized
/// word that is not a function word.
fn serial(s: &Scan<'_>, q: &Quantity) -> bool {
    let p = &q.parsed;
    if p.grouped || p.decimal || p.scaled || p.int_digits < 3 || q.first == 0 {
        return false;
    }
    s.tok(q.first - 1).is_some_and(|t| t.is_word() && (t.upper || t.caps) && !t.w.is_function() && t.w == W::Other)
}

/// The token after a chain of digit groups glued by `.`, `,`, `:`, `/` or `-` that
/// starts at token `i` (a phone number, an address, a very long numeral).
pub(super) fn skip_chain(s: &Scan<'_>, i: usize) -> usize {
    let mut j = i + 1;
    while let (Some(sep), Some(next)) = (s.tok(j), s.tok(j + 1)) {
        let glued = s.adj(j - 1, j) && s.adj(j, j + 1);
        if glued && matches!(sep.kind, K::Punct(b'.' | b',' | b':' | b'/' | b'-')) && next.kind == K::Digits {
            j += 2;
        } else {
            break;
        }
    }
    j
}
