//! Sentence splitting that knows abbreviations (`U.S.`, `Mr.`, `Dec.`) and initials.

/// Words that end with a period without ending a sentence (lower case, inner dots kept).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "maj", "capt", "cpt", "sgt", "adm", "sen", "rep", "amb", "gov",
    "pres", "prof", "jr", "sr", "inc", "ltd", "co", "corp", "no", "nos", "vol", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "e.g", "i.e", "cf", "vs", "approx", "dept", "govt", "admin", "est", "u.s", "u.n", "u.k", "e.u",
    "a.m", "p.m", "e.o", "ft", "para", "paras", "ref", "op", "art", "sec", "min", "max", "fig", "ave", "blvd", "rd",
    "mt", "ca", "gen", "brig", "cmdr", "ret", "hon", "rev", "messrs", "mme", "dep", "asst", "ass't",
];

/// The sentences of a text as byte ranges (leading and trailing spaces trimmed), found
/// one at a time: the reader stops asking once the rest of a text can hold no figure.
pub(super) struct Sentences<'a> {
    /// The text.
    text: &'a str,
    /// Where the current sentence starts.
    start: usize,
    /// Where to look for the next stop.
    i: usize,
    /// True once the last sentence was given.
    done: bool,
}

impl<'a> Sentences<'a> {
    /// The sentences of `text`.
    pub(super) fn new(text: &'a str) -> Self {
        let start = skip_space(text.as_bytes(), 0);
        Sentences { text, start, i: start, done: false }
    }
}

impl Iterator for Sentences<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.done {
            return None;
        }
        let b = self.text.as_bytes();
        while let Some(at) = next_stop(b, self.i) {
            let mut end = at + 1;
            while end < b.len() && matches!(b[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
                end += 1;
            }
            end = skip_closing_quotes(self.text, end);
            self.i = end;
            let spaced = end >= b.len() || b[end].is_ascii_whitespace();
            if spaced && is_boundary(b, at, end) {
                let start = self.start;
                self.start = skip_space(b, end);
                if end > start {
                    return Some((start, end));
                }
            }
        }
        self.done = true;
        let end = trim_end(b, b.len());
        (end > self.start).then_some((self.start, end))
    }
}

/// The next `.`, `!` or `?` at or after `i`.
fn next_stop(b: &[u8], i: usize) -> Option<usize> {
    memchr::memchr3(b'.', b'!', b'?', b.get(i..)?).map(|k| i + k)
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn trim_end(b: &[u8], mut e: usize) -> usize {
    while e > 0 && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    e
}

/// Skips `”` and `’` right after the punctuation.
fn skip_closing_quotes(text: &str, mut end: usize) -> usize {
    // Both start with the byte 0xE2: most stops are followed by a space.
    if text.as_bytes().get(end) != Some(&0xE2) {
        return end;
    }
    loop {
        let rest = text.get(end..).unwrap_or("");
        if rest.starts_with('”') || rest.starts_with('’') {
            end += '”'.len_utf8();
        } else {
            return end;
        }
    }
}

/// Whether the punctuation at `i` (ending at `end`) ends a sentence.
fn is_boundary(b: &[u8], i: usize, end: usize) -> bool {
    // A lower-case word next continues the sentence ("mr . marous said").
    let next = skip_space(b, end);
    if next < b.len() && b[next].is_ascii_lowercase() {
        return false;
    }
    if b[i] != b'.' {
        return true;
    }
    // The word before the period (at most 12 bytes back).
    let mut s = i;
    while s > 0 && i - s < 12 && (b[s - 1].is_ascii_alphabetic() || b[s - 1] == b'.' || b[s - 1] == b'\'') {
        s -= 1;
    }
    if s > 0 && i - s >= 12 {
        return true;
    }
    let word = &b[s..i];
    if word.is_empty() {
        return true;
    }
    // An initial ("J. Smith") or a spelled abbreviation with inner dots ("U.S.").
    if word.len() == 1 && word[0].is_ascii_uppercase() {
        return false;
    }
    if word.contains(&b'.') {
        return false;
    }
    // "October. 2": a month before a number.
    if next < b.len() && b[next].is_ascii_digit() && super::words::lookup(word).month().is_some() {
        return false;
    }
    // The same key as [`key`], from one load instead of a byte loop.
    !(word.len() <= 8 && ABBREVIATION_KEYS.binary_search(&super::words::fold(super::words::load(word))).is_ok())
}

/// Up to eight bytes, ASCII lower-cased, as a little-endian integer (zero padded):
/// [`super::words::fold`] of [`super::words::load`], for building the table at
/// compile time.
const fn key(word: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < word.len() && i < 8 {
        k |= (word[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    k
}

/// The keys of [`ABBREVIATIONS`] (all at most eight bytes), sorted.
static ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        assert!(ABBREVIATIONS[i].len() <= 8);
        keys[i] = key(ABBREVIATIONS[i].as_bytes());
        // Insertion sort.
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j - 1];
            keys[j - 1] = keys[j];
            keys[j] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
};

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        Sentences::new(text).map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn loaded_keys_match_the_table_keys() {
        let extra = ["U.S", "Ass'T", "MR", "x", "Dec", "abcdefgh", "e.G"];
        for w in ABBREVIATIONS.iter().chain(extra.iter()) {
            let b = w.as_bytes();
            assert_eq!(super::super::words::fold(super::super::words::load(b)), key(b), "{w}");
        }
    }

    /// The loop [`Sentences`] replaces: every sentence at once.
    fn split_slow(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let b = text.as_bytes();
        let mut start = skip_space(b, 0);
        let mut i = start;
        while let Some(at) = next_stop(b, i) {
            let mut end = at + 1;
            while end < b.len() && matches!(b[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
                end += 1;
            }
            end = skip_closing_quotes(text, end);
            let spaced = end >= b.len() || b[end].is_ascii_whitespace();
            if spaced && is_boundary(b, at, end) {
                if end > start {
                    out.push((start, end));
                }
                start = skip_space(b, end);
            }
            i = end;
        }
        let end = trim_end(b, b.len());
        if end > start {
            out.push((start, end));
        }
        out
    }

    #[test]
    fn sentences_one_at_a_time_match_the_loop() {
        let texts = [
            "He met Mr. Smith in the U.S. on Dec. 4. It rained! Then J. Doe left.",
            "a \"quote.\" Next",
            "  ",
            "",
            " One. Two.  Three?! “Four.” Five’s end. ",
            "No stop at all",
            "Ends. . . . then. More.)  (Yes.)",
        ];
        for t in texts {
            assert_eq!(Sentences::new(t).collect::<Vec<_>>(), split_slow(t), "{t:?}");
        }
    }

    #[test]
    fn splits_at_periods_but_not_abbreviations() {
        assert_eq!(
            sentences("He met Mr. Smith in the U.S. on Dec. 4. It rained! Then J. Doe left."),
            ["He met Mr. Smith in the U.S. on Dec. 4.", "It rained!", "Then J. Doe left."]
        );
        assert_eq!(sentences("a \"quote.\" Next"), ["a \"quote.\"", "Next"]);
        assert_eq!(sentences("  "), Vec::<&str>::new());
    }
}
