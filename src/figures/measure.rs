//! What a figure measures, as a short phrase taken from its sentence: `the vote` in
//! `70 percent of the vote`, `Nazarbayev's rating` in `Nazarbayev's rating is close to
//! 70%`, `activists in the field` in `28,000 activists in the field`.

use std::borrow::Cow;

use super::scan::{Hit, Measure, Scan};
use super::tokens::{Tok, K};
use super::words::W;

/// At most this many words.
const MAX_WORDS: usize = 6;

/// The measure of `h` in the sentence spanning bytes `sent`.
pub(super) fn find(s: &Scan<'_>, h: &Hit, sent: (usize, usize)) -> Option<String> {
    match h.measure {
        Measure::None => None,
        Measure::Percent | Measure::Money => {
            of_phrase(s, h.end, sent).or_else(|| phrase(s, h.end, sent, false)).or_else(|| subject(s, h.first, sent))
        }
        Measure::Count(noun) => {
            let mut words = Vec::new();
            push_word_range(s, noun, h.end, &mut words);
            // One prepositional phrase after the noun: "activists in the field".
            if matches!(s.w(h.end), W::Of | W::In | W::On | W::At | W::From | W::For)
                || s.word(h.end).eq_ignore_ascii_case("with")
            {
                let mut more = Vec::new();
                np(s, h.end + 1, sent, true, &mut more);
                if !more.is_empty() && words.len() + 1 + more.len() <= MAX_WORDS {
                    words.push(Cow::Borrowed(s.word(h.end)));
                    words.extend(more);
                }
            }
            join(words)
        }
        Measure::Modifies(k) => phrase(s, k, sent, true),
    }
}

/// `of the X` at `j`: the X.
fn of_phrase(s: &Scan<'_>, j: usize, sent: (usize, usize)) -> Option<String> {
    if s.w(j) != W::Of {
        return None;
    }
    phrase(s, j + 1, sent, true)
}

/// The noun phrase starting at `j`, as text.
fn phrase(s: &Scan<'_>, j: usize, sent: (usize, usize), determiners: bool) -> Option<String> {
    let mut words = Vec::new();
    np(s, j, sent, determiners, &mut words);
    join(words)
}

/// Joins words with single spaces; none when empty or only a pronoun.
fn join(words: Vec<Cow<'_, str>>) -> Option<String> {
    if words.is_empty() {
        return None;
    }
    if words.len() == 1 && super::words::lookup(words[0].as_bytes()) == W::Pron {
        return None;
    }
    Some(words.join(" "))
}

/// True for a token inside the sentence.
fn inside(t: &Tok, sent: (usize, usize)) -> bool {
    t.start >= sent.0 && t.end <= sent.1
}

/// True for a quote mark (skipped, never copied).
fn quote(t: &Tok) -> bool {
    matches!(t.kind, K::Punct(b'"') | K::Sym('“' | '”' | '‘' | '’'))
}

/// Collects the words of a noun phrase from `j`: optional determiners, then words up to
/// a function word, punctuation, or a verb-looking word after the first noun.
fn np<'a>(s: &Scan<'a>, mut j: usize, sent: (usize, usize), determiners: bool, out: &mut Vec<Cow<'a, str>>) {
    let mut content = 0;
    while out.len() < MAX_WORDS {
        let Some(t) = s.tok(j) else { break };
        if !inside(t, sent) {
            break;
        }
        if quote(t) {
            j += 1;
            continue;
        }
        if t.kind != K::Word {
            break;
        }
        let word = s.word(j);
        let determiner = matches!(t.w, W::The | W::A) || (t.w == W::Pron && possessive_pronoun(word));
        if determiner {
            if !determiners || content > 0 {
                break;
            }
        } else if t.w.is_function() || t.w.month().is_some() || (content > 0 && verbish(word)) {
            break;
        } else {
            content += 1;
        }
        // Keep hyphenated compounds whole.
        let mut e = j + 1;
        while s.punct(e, b'-') && s.adj(e - 1, e) && s.adj(e, e + 1) && s.tok(e + 1).is_some_and(Tok::is_word) {
            e += 2;
        }
        push_word_range(s, j, e, out);
        j = e;
    }
    // A phrase may not end on a determiner.
    while out.last().is_some_and(|w| matches!(super::words::lookup(w.as_bytes()), W::The | W::A)) {
        out.pop();
    }
    if content == 0 {
        out.clear();
    }
}

/// `his`, `her`, `its`, `their`, `our` (any case).
fn possessive_pronoun(word: &str) -> bool {
    ["his", "her", "its", "their", "our"].iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// True when `word` ends with the lower-case ASCII `suffix`, in any case.
fn ends_with_folded(word: &str, suffix: &str) -> bool {
    word.len() >= suffix.len()
        && word.as_bytes().get(word.len() - suffix.len()..).is_some_and(|e| e.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// Words that look like verbs (`intended`, `supporting`) end a noun phrase (any case).
fn verbish(word: &str) -> bool {
    (word.len() > 4 && (ends_with_folded(word, "ed") || ends_with_folded(word, "ing")))
        || super::words::lookup(word.as_bytes()) == W::Aux
}

/// Pushes the text of tokens `a..b` as words (glued tokens form one word; quotes
/// dropped). A word is borrowed from the text unless a dropped quote splits it.
fn push_word_range<'a>(s: &Scan<'a>, a: usize, b: usize, out: &mut Vec<Cow<'a, str>>) {
    let mut cur: Cow<'a, str> = Cow::Borrowed("");
    // Where `cur` ends in the text, while it is borrowed.
    let mut cur_end = 0;
    let mut k = a;
    while k < b {
        let Some(t) = s.tok(k) else { break };
        if !quote(t) {
            if !cur.is_empty() && !s.adj(k - 1, k) {
                out.push(std::mem::replace(&mut cur, Cow::Borrowed("")));
            }
            let word = s.word(k);
            cur = match cur {
                Cow::Borrowed("") => Cow::Borrowed(word),
                Cow::Borrowed(c) if cur_end == t.start && !word.is_empty() => {
                    // The token continues the borrowed word in the text.
                    match s.text.get(t.start - c.len()..t.end) {
                        Some(w) => Cow::Borrowed(w),
                        None => Cow::Owned(format!("{c}{word}")),
                    }
                }
                mut c => {
                    c.to_mut().push_str(word);
                    c
                }
            };
            cur_end = t.end;
        }
        k += 1;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
}

/// The subject of the clause holding the figure that starts at `first`: the words at
/// the start of the clause up to its first auxiliary or copula (`his poll ratings` in
/// `his poll ratings have remained consistent at around 70 percent`).
fn subject(s: &Scan<'_>, first: usize, sent: (usize, usize)) -> Option<String> {
    let mut k = first;
    let mut steps = 0;
    while k > 0 && steps < 24 {
        let t = s.tok(k - 1)?;
        if !inside(t, sent) {
            break;
        }
        let boundary = match t.kind {
            K::Punct(c) => matches!(c, b',' | b';' | b':' | b'(' | b')' | b'"'),
            K::Sym(c) => matches!(c, '“' | '”' | '—' | '–'),
            K::Word => t.w.opens_clause(),
            K::Digits => false,
        };
        if boundary {
            break;
        }
        k -= 1;
        steps += 1;
    }
    if steps >= 24 {
        return None;
    }
    // The clause runs from k to first; its subject ends at the first auxiliary.
    let aux = (k..first).find(|&j| s.w(j) == W::Aux)?;
    if aux == k {
        return None;
    }
    let start = aux.saturating_sub(MAX_WORDS).max(k);
    let mut words = Vec::new();
    push_word_range(s, start, aux, &mut words);
    // Drop leading function words and adverbs ("Nonetheless", "also").
    while words.first().is_some_and(|w| {
        let lw = super::words::lookup(w.as_bytes());
        lw.is_function() && !matches!(lw, W::The | W::A) && !(lw == W::Pron && possessive_pronoun(w))
    }) {
        words.remove(0);
    }
    join(words)
}
