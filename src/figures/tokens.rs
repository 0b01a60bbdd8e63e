//! Splits prose into words, digit runs, punctuation and symbols in one byte scan.

use super::words::{lookup, W};

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
pub(super) fn tokenize(text: &str, from: usize, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = from;
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

    #[test]
    fn possessives_keep_their_word() {
        let mut v = Vec::new();
        tokenize("last year's", 0, &mut v);
        assert_eq!(v[1].w, W::Year);
    }
}
