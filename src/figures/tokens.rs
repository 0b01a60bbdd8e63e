//! Splits prose into words, digit runs, punctuation and symbols in one byte scan.

use super::words::{load_at, lookup, run, table, Key, Table, MAX_LEN, W};
use crate::bytes8::{digit_bytes, letter_bytes, HIGHS, ONES};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum K {
    /// Letters (with inner apostrophes).
    Word,
    /// ASCII digits.
    Digits,
    /// One ASCII punctuation byte.
    Punct(u8),
    /// One non-ASCII character that is neither a letter nor a space (`€`, `“`, `–`).
    Sym(char),
}

/// One token of a prose text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tok {
    /// First byte in the prose text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: K,
    /// The vocabulary word (words only; a possessive `'s` is ignored).
    pub w: W,
    /// The first letter is upper case.
    pub upper: bool,
    /// Every letter is upper case.
    pub caps: bool,
}

impl Tok {
    /// True for a word token.
    pub fn is_word(&self) -> bool {
        self.kind == K::Word
    }

    /// True for the punctuation byte `c`.
    pub fn is_punct(&self, c: u8) -> bool {
        self.kind == K::Punct(c)
    }

    /// True for a dash: `-`, en dash or em dash.
    pub fn is_dash(&self) -> bool {
        matches!(self.kind, K::Punct(b'-') | K::Sym('–') | K::Sym('—'))
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// Fills `out` with the tokens of `text` from byte `from` (a char boundary) to its end,
/// with offsets into `text` (cleared first).
///
/// Never inlined: a loop of its own keeps its state in registers (inlined into
/// [`super::extract`], it ran about 5% more instructions).
#[inline(never)]
pub(super) fn tokenize(text: &str, from: usize, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let vocabulary = table();
    let mut i = from;
    while let Some(&c) = b.get(i) {
        // Most tokens are words: tested first, without the class table.
        if c.is_ascii_alphabetic() {
            i = ascii_word(text, i, out, vocabulary);
            continue;
        }
        match CLASS[usize::from(c)] {
            SPACE => i += 1,
            DIGIT => {
                let j = i + 1 + run(b, i + 1, digit_bytes);
                out.push(tok(i, j, K::Digits));
                i = j;
            }
            PUNCT => {
                out.push(tok(i, i + 1, K::Punct(c)));
                i += 1;
            }
            _ => {
                let ch = text.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
                if ch.is_alphabetic() {
                    i = word(text, i, out);
                } else {
                    if !ch.is_whitespace() {
                        out.push(tok(i, i + ch.len_utf8(), K::Sym(ch)));
                    }
                    i += ch.len_utf8().max(1);
                }
            }
        }
    }
}

/// Byte classes for [`tokenize`] (ASCII letters are told before): ASCII white space.
const SPACE: u8 = 0;
/// ASCII digits.
const DIGIT: u8 = 2;
/// Other ASCII bytes.
const PUNCT: u8 = 3;
/// Non-ASCII bytes.
const OTHER: u8 = 4;

/// The class of every byte.
static CLASS: [u8; 256] = {
    let mut c = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let u = b as u8;
        c[b] = if u >= 0x80 {
            OTHER
        } else if u.is_ascii_whitespace() {
            SPACE
        } else if u.is_ascii_digit() {
            DIGIT
        } else {
            PUNCT
        };
        b += 1;
    }
    c
};

/// Reads the word starting with the ASCII letter at `i`, pushes it and returns where
/// the next token may start: words of ASCII letters only, up to 16 of them, are read
/// eight bytes at a time; others go through [`word`].
#[inline]
fn ascii_word(text: &str, i: usize, out: &mut Vec<Tok>, vocabulary: &Table) -> usize {
    let b = text.as_bytes();
    let lo = load_at(b, i);
    let stops = !letter_bytes(lo) & HIGHS;
    if stops == 0 {
        return long_ascii_word(text, i, lo, out, vocabulary);
    }
    let len = (stops.trailing_zeros() / 8) as usize;
    // The byte after the word (0 past the end of the text).
    let after = (lo >> (len * 8)) as u8;
    if after == b'\'' || after >= 0x80 {
        return word(text, i, out);
    }
    let letters = lo & ((1u64 << (len * 8)) - 1);
    // Up to seven letters: always short enough for a spelling.
    let w = vocabulary.get_letters(Key::letters(letters, 0, len));
    push_ascii_word(out, i, len, w, (lo, letters));
    // Most words end with a space: step over it at once.
    i + len + usize::from(after == b' ')
}

/// [`ascii_word`] for a word of eight letters or more.
fn long_ascii_word(text: &str, i: usize, lo: u64, out: &mut Vec<Tok>, vocabulary: &Table) -> usize {
    let b = text.as_bytes();
    let hi = load_at(b, i + 8);
    let end = !letter_bytes(hi) & HIGHS;
    let len = 8 + (end.trailing_zeros() / 8) as usize;
    if len == 16 || b.get(i + len).is_some_and(|&c| c == b'\'' || c >= 0x80) {
        return word(text, i, out);
    }
    let w = if len <= MAX_LEN { vocabulary.get_letters(Key::letters(lo, hi, len)) } else { W::Other };
    push_ascii_word(out, i, len, w, (lo, lo | (hi & ((1u64 << ((len - 8) * 8)) - 1))));
    i + len + usize::from(b.get(i + len) == Some(&b' '))
}

/// Pushes the word `w` of `len` ASCII letters at `i`, for its case given its first
/// eight bytes and all its letters (eight bytes ORed onto each other, zero past the word).
#[inline]
fn push_ascii_word(out: &mut Vec<Tok>, i: usize, len: usize, w: W, (lo, letters): (u64, u64)) {
    // Bit 5 of a letter is set for lower case: every letter is upper case when none has it.
    let upper = lo & 0x20 == 0;
    let caps = letters & (ONES * 0x20) == 0;
    out.push(Tok { start: i, end: i + len, kind: K::Word, w, upper, caps });
}

fn tok(start: usize, end: usize, kind: K) -> Tok {
    Tok { start, end, kind, w: W::Other, upper: false, caps: false }
}

/// True for a character that continues a word (letters and combining marks).
fn word_char(ch: char) -> bool {
    ch.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&ch) || ('\u{900}'..='\u{dff}').contains(&ch)
}

/// Reads the word starting at `i`, pushes it and returns where it ends.
fn word(text: &str, i: usize, out: &mut Vec<Tok>) -> usize {
    let b = text.as_bytes();
    let mut j = i;
    let (mut any_upper, mut any_lower) = (false, false);
    while j < b.len() {
        let c = b[j];
        if c.is_ascii_alphabetic() {
            // ASCII letters: bit 5 is set for lower case.
            let (mut or, mut and) = (0u8, 0xffu8);
            while j < b.len() && b[j].is_ascii_alphabetic() {
                or |= b[j];
                and &= b[j];
                j += 1;
            }
            any_lower |= or & 0x20 != 0;
            any_upper |= and & 0x20 == 0;
        } else if c == b'\'' && j > i && b.get(j + 1).is_some_and(u8::is_ascii_alphabetic) {
            j += 1;
        } else if c >= 0x80 {
            let ch = text[j..].chars().next().unwrap_or(' ');
            if word_char(ch) {
                any_upper |= ch.is_uppercase();
                any_lower |= ch.is_lowercase();
                j += ch.len_utf8();
            } else if ch == '’' && j > i && b.get(j + 3).is_some_and(u8::is_ascii_alphabetic) {
                j += ch.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    let j = j.max(i + 1);
    let bytes = &b[i..j];
    let first_upper =
        if b[i] < 0x80 { b[i].is_ascii_uppercase() } else { text[i..].chars().next().is_some_and(char::is_uppercase) };
    out.push(Tok {
        start: i,
        end: j,
        kind: K::Word,
        w: lookup(strip_possessive(bytes)),
        upper: first_upper,
        caps: any_upper && !any_lower,
    });
    j
}

/// `year's` → `year`.
fn strip_possessive(bytes: &[u8]) -> &[u8] {
    if bytes.len() > 2 && (bytes.ends_with(b"'s") || bytes.ends_with(b"'S")) {
        return &bytes[..bytes.len() - 2];
    }
    if bytes.len() > 4 && (bytes.ends_with("’s".as_bytes()) || bytes.ends_with("’S".as_bytes())) {
        return &bytes[..bytes.len() - 4];
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokenize(text, 0, &mut v);
        v.iter().map(|t| text[t.start..t.end].to_string()).collect()
    }

    #[test]
    fn splits_words_digits_and_punctuation() {
        assert_eq!(kinds("roughly 28,000 activists."), ["roughly", "28", ",", "000", "activists", "."]);
        assert_eq!(kinds("Nazarbayev's 70%"), ["Nazarbayev's", "70", "%"]);
        assert_eq!(kinds("€5 100元 ரூ"), ["€", "5", "100", "元", "ரூ"]);
        assert_eq!(kinds("15-minute"), ["15", "-", "minute"]);
    }

    /// The byte loop [`tokenize`] replaces: every word through [`word`].
    fn tokenize_slow(text: &str, out: &mut Vec<Tok>) {
        out.clear();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                out.push(tok(i, j, K::Digits));
                i = j;
            } else if c.is_ascii_alphabetic() {
                i = word(text, i, out);
            } else if c < 0x80 {
                if !c.is_ascii_whitespace() {
                    out.push(tok(i, i + 1, K::Punct(c)));
                }
                i += 1;
            } else {
                let ch = text[i..].chars().next().unwrap_or(' ');
                if ch.is_alphabetic() {
                    i = word(text, i, out);
                } else {
                    if !ch.is_whitespace() {
                        out.push(tok(i, i + ch.len_utf8(), K::Sym(ch)));
                    }
                    i += ch.len_utf8().max(1);
                }
            }
        }
    }

    #[test]
    fn word_fast_path_matches_the_byte_loop() {
        let words = [
            "a",
            "A",
            "Percent",
            "PERCENT",
            "percentage",
            "Approximately",
            "APPROXIMATELY",
            "approximatelyx",
            "Nazarbayev's",
            "year's",
            "YEAR'S",
            "one's",
            "Müller",
            "caféx",
            "l’année",
            "DeCember",
            "mAY",
            "x",
            "internationalization",
            "abcdefgh",
            "ABCDEFGH",
            "abcdefghi",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "2005",
            "12345678901234567890",
            "U.S.",
            "C$5",
            "元",
            "ரூ",
            "don't",
            "rock'n'roll",
            "Hong",
            "Kong",
        ];
        let mut texts = Vec::new();
        for w in words {
            for pad in 0..9 {
                texts.push(format!("{}{w}", " ".repeat(pad)));
                texts.push(format!("{}{w}, and", "x ".repeat(pad)));
                texts.push(format!("{w}-{w}.{w}'"));
            }
        }
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        for t in &texts {
            tokenize(t, 0, &mut fast);
            tokenize_slow(t, &mut slow);
            assert_eq!(fast, slow, "{t:?}");
        }
    }

    #[test]
    fn possessives_keep_their_word() {
        let mut v = Vec::new();
        tokenize("last year's", 0, &mut v);
        assert_eq!(v[1].w, W::Year);
    }
}
