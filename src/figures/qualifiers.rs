//! Qualifier words before a figure: approximate (`about`, `in the neighborhood of`),
//! lower bounds (`at least`, `better than`), upper bounds (`up to`, `less than`).

use super::scan::{Hit, Scan};
use super::words::W;
use crate::model::{FigureValue, Qualifier};

/// Qualifier phrases, longest first within each starting word.
const PHRASES: &[(&[W], Qualifier)] = &[
    (&[W::In, W::The, W::Neighborhood, W::Of], Qualifier::Approximately),
    (&[W::In, W::The, W::Region, W::Of], Qualifier::Approximately),
    (&[W::On, W::The, W::Order, W::Of], Qualifier::Approximately),
    (&[W::A, W::Minimum, W::Of], Qualifier::AtLeast),
    (&[W::A, W::Maximum, W::Of], Qualifier::AtMost),
    (&[W::No, W::Less, W::Than], Qualifier::AtLeast),
    (&[W::Not, W::Less, W::Than], Qualifier::AtLeast),
    (&[W::No, W::Fewer, W::Than], Qualifier::AtLeast),
    (&[W::Not, W::Fewer, W::Than], Qualifier::AtLeast),
    (&[W::No, W::More, W::Than], Qualifier::AtMost),
    (&[W::Not, W::More, W::Than], Qualifier::AtMost),
    (&[W::As, W::Much, W::As], Qualifier::AtMost),
    (&[W::As, W::Many, W::As], Qualifier::AtMost),
    (&[W::As, W::Few, W::As], Qualifier::AtLeast),
    (&[W::In, W::Excess, W::Of], Qualifier::MoreThan),
    (&[W::A, W::Estimated], Qualifier::Approximately),
    (&[W::Close, W::To], Qualifier::Approximately),
    (&[W::At, W::Least], Qualifier::AtLeast),
    (&[W::Minimum, W::Of], Qualifier::AtLeast),
    (&[W::At, W::Most], Qualifier::AtMost),
    (&[W::Up, W::To], Qualifier::AtMost),
    (&[W::Maximum, W::Of], Qualifier::AtMost),
    (&[W::More, W::Than], Qualifier::MoreThan),
    (&[W::Better, W::Than], Qualifier::MoreThan),
    (&[W::Greater, W::Than], Qualifier::MoreThan),
    (&[W::Upwards, W::Of], Qualifier::MoreThan),
    (&[W::Less, W::Than], Qualifier::LessThan),
    (&[W::Fewer, W::Than], Qualifier::LessThan),
    (&[W::About], Qualifier::Approximately),
    (&[W::Approximately], Qualifier::Approximately),
    (&[W::Roughly], Qualifier::Approximately),
    (&[W::Around], Qualifier::Approximately),
    (&[W::Nearly], Qualifier::Approximately),
    (&[W::Almost], Qualifier::Approximately),
    (&[W::Perhaps], Qualifier::Approximately),
    (&[W::Estimated], Qualifier::Approximately),
    (&[W::Circa], Qualifier::Approximately),
    (&[W::SomeOf], Qualifier::Approximately),
    (&[W::Exceeding], Qualifier::MoreThan),
    (&[W::Over], Qualifier::MoreThan),
    (&[W::Above], Qualifier::MoreThan),
    (&[W::Within], Qualifier::AtMost),
    (&[W::Under], Qualifier::LessThan),
    (&[W::Below], Qualifier::LessThan),
];

/// Looks for a qualifier phrase right before `h` (not before token `floor`) and
/// applies it: widens the figure over the phrase and sets low or high.
pub(super) fn apply(s: &Scan<'_>, h: &mut Hit, floor: usize) {
    let Some((q, start)) = find(s, h.first, floor) else {
        return;
    };
    h.first = start;
    if h.qualifier == Qualifier::Vague {
        return;
    }
    h.qualifier = q;
    let v = match h.value {
        Some(FigureValue::Number(v)) => v,
        _ => return,
    };
    match q {
        Qualifier::AtLeast | Qualifier::MoreThan => h.low = Some(v),
        Qualifier::AtMost | Qualifier::LessThan => h.high = Some(v),
        _ => {}
    }
}

/// The qualifier phrase ending right before token `first`, and where it starts.
fn find(s: &Scan<'_>, first: usize, floor: usize) -> Option<(Qualifier, usize)> {
    // Every phrase ends right before the figure, with one of a few words.
    let last = first.checked_sub(1).filter(|&k| k >= floor)?;
    if !ends_phrase(s.w(last)) {
        return None;
    }
    for (words, q) in PHRASES {
        let n = words.len();
        if first < n || first - n < floor {
            continue;
        }
        let start = first - n;
        if words.iter().enumerate().all(|(k, w)| s.w(start + k) == *w) {
            // An intensifier before the phrase belongs to it ("well over", "just under").
            let start = if start > floor && matches!(s.w(start - 1), W::Well | W::Just | W::Slightly) {
                start - 1
            } else {
                start
            };
            return Some((*q, start));
        }
    }
    None
}

/// True for a word that ends some phrase of [`PHRASES`] (a test checks they agree).
fn ends_phrase(w: W) -> bool {
    use W::*;
    matches!(
        w,
        Of | Than
            | As
            | Estimated
            | To
            | Least
            | Most
            | About
            | Approximately
            | Roughly
            | Around
            | Nearly
            | Almost
            | Perhaps
            | Circa
            | SomeOf
            | Exceeding
            | Over
            | Above
            | Within
            | Under
            | Below
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_ends_are_listed() {
        for (words, _) in PHRASES {
            assert!(words.last().is_some_and(|&w| ends_phrase(w)), "{words:?}");
        }
    }
}
