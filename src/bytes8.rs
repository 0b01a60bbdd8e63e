//! Byte classes eight bytes at a time: for a `u64` holding eight bytes, the
//! high bit of every byte that is in a class. Shared by the figures'
//! tokenizer and trigger scan and the search index's word reader.

/// `0x01` in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// `0x80` in every byte.
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `v` that is an ASCII letter.
#[inline]
pub(crate) fn letter_bytes(v: u64) -> u64 {
    let x = (v | (ONES * 0x20)) & !HIGHS;
    // From `a` up, and not from `{` up (no carries: 0x7f + 0x1f < 0x100).
    (x + ONES * 0x1f) & !(x + ONES * 0x05) & !v & HIGHS
}

/// The high bit of every byte of `v` that is an ASCII digit.
#[inline]
pub(crate) fn digit_bytes(v: u64) -> u64 {
    // From `0` up, and not from `:` up (no carries: each byte is below 0x80).
    let x = v & !HIGHS;
    (x + ONES * 0x50) & !(x + ONES * 0x46) & !v & HIGHS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value, at every place in the word, beside bytes of every
    /// kind (a carry or borrow would show in a neighbour).
    #[test]
    fn classes_agree_with_the_byte_tests() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for fill in [0u8, b'a', b'Z', b'5', 0x7f, 0xff, b'@', b'/'] {
                    let mut w = [fill; 8];
                    w[at] = b;
                    let v = u64::from_le_bytes(w);
                    let (letters, digits) = (letter_bytes(v).to_le_bytes(), digit_bytes(v).to_le_bytes());
                    for k in 0..8 {
                        assert_eq!(letters[k] == 0x80, w[k].is_ascii_alphabetic(), "{w:?} letter {k}");
                        assert_eq!(digits[k] == 0x80, w[k].is_ascii_digit(), "{w:?} digit {k}");
                    }
                }
            }
        }
    }
}
