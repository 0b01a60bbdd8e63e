//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, and
//! otherwise Windows-1252 with the WHATWG mapping, keeping a map to the bytes.

use crate::mapped::Mapped;

/// The encoding the input was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a BOM, if any, is skipped).
    Utf8,
    /// Windows-1252, as the WHATWG Encoding Standard defines it.
    Windows1252,
    /// UTF-16 little-endian, announced by a BOM.
    Utf16Le,
    /// UTF-16 big-endian, announced by a BOM.
    Utf16Be,
}

/// WHATWG windows-1252 code points for bytes 0x80..=0x9F.
const C1: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{02C6}',
    '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}',
    '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}',
    '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Decodes `bytes`, whose first byte is at source offset `base`.
pub fn decode(bytes: &[u8], base: u64) -> (Mapped, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(s) = std::str::from_utf8(rest) {
            return (Mapped::identity(s, base + 3), Encoding::Utf8);
        }
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (utf16(rest, base + 2, u16::from_le_bytes), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (utf16(rest, base + 2, u16::from_be_bytes), Encoding::Utf16Be);
    }
    match utf16_without_bom(bytes) {
        Some(Encoding::Utf16Le) => return (utf16(bytes, base, u16::from_le_bytes), Encoding::Utf16Le),
        Some(_) => return (utf16(bytes, base, u16::from_be_bytes), Encoding::Utf16Be),
        None => {}
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Mapped::identity(s, base), Encoding::Utf8),
        Err(_) => (windows_1252(bytes, base), Encoding::Windows1252),
    }
}

/// Appends the decoding of `bytes` (first byte at source offset `base`) to
/// `out`: what [`decode`] gives, without building a separate text when the
/// bytes are plain UTF-8 (no byte-order mark, not UTF-16), as nearly all are.
pub fn decode_into(bytes: &[u8], base: u64, out: &mut Mapped) {
    let marked = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"].iter().any(|bom| bytes.starts_with(bom));
    if !marked && utf16_without_bom(bytes).is_none() {
        if let Ok(s) = std::str::from_utf8(bytes) {
            out.push_linear(s, base);
            return;
        }
    }
    let (m, _) = decode(bytes, base);
    out.push_slice(&m, 0..m.len());
}

/// UTF-16 text saved without a byte-order mark: mostly ASCII, so one byte of
/// each pair is NUL, on the same side throughout the first 4 KB.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let n = bytes.len().min(4096) & !1;
    // Text without a NUL (nearly every input) is settled by one fast scan.
    if n < 8 || memchr::memchr(0, &bytes[..n]).is_none() {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in bytes[..n].iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let pairs = n / 2;
    if odd * 10 >= pairs * 7 && even * 20 < pairs {
        Some(Encoding::Utf16Le)
    } else if even * 10 >= pairs * 7 && odd * 20 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// The character windows-1252 byte `b` stands for.
pub fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => C1[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

fn windows_1252(bytes: &[u8], base: u64) -> Mapped {
    // The text as bytes, validated once at the end; a run per ASCII stretch
    // (linear) and per other byte (atomic: its character stands for it).
    let mut text: Vec<u8> = Vec::with_capacity(bytes.len() + bytes.len() / 8);
    let mut runs: Vec<(usize, u64, Option<u64>)> = Vec::with_capacity(16);
    let mut i = 0;
    let mut buf = [0u8; 4];
    while i < bytes.len() {
        let run = ascii_len(bytes.get(i..).unwrap_or_default());
        if run > 0 {
            runs.push((text.len(), base + i as u64, None));
            text.extend_from_slice(bytes.get(i..i + run).unwrap_or_default());
            i += run;
        }
        if let Some(&b) = bytes.get(i) {
            runs.push((text.len(), base + i as u64, Some(1)));
            text.extend_from_slice(cp1252_char(b).encode_utf8(&mut buf).as_bytes());
            i += 1;
        }
    }
    // ASCII bytes and encoded characters: always valid.
    let text = String::from_utf8(text).unwrap_or_default();
    Mapped::from_runs(text, &runs)
}

/// Length of the ASCII bytes `b` starts with: 32 bytes at a time, by an OR
/// over the block that the compiler turns into a few vector instructions.
fn ascii_len(b: &[u8]) -> usize {
    let mut blocks = b.chunks_exact(32);
    let mut i = 0;
    for block in &mut blocks {
        if block.iter().fold(0u8, |acc, &c| acc | c) >= 0x80 {
            break;
        }
        i += 32;
    }
    i + b[i..].iter().position(|c| !c.is_ascii()).unwrap_or(b.len() - i)
}

fn utf16(bytes: &[u8], base: u64, read: fn([u8; 2]) -> u16) -> Mapped {
    let units = bytes.chunks_exact(2).map(|c| read([c[0], c[1]]));
    let mut m = Mapped::with_capacity(bytes.len() / 2, bytes.len() / 2);
    let mut at = base;
    let mut buf = [0u8; 4];
    for r in char::decode_utf16(units) {
        let (c, len) = match r {
            Ok(c) => (c, c.len_utf16() as u64 * 2),
            Err(_) => (char::REPLACEMENT_CHARACTER, 2),
        };
        m.push_atomic(c.encode_utf8(&mut buf), at, len);
        at += len;
    }
    if m.is_empty() {
        // A byte-order mark alone: the empty text stands after it, not at 0.
        m = Mapped::identity("", base);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn windows_1252_maps_each_byte() {
        let (m, enc) = decode(b"a\xB61. \x93x\x94", 0);
        assert_eq!(enc, Encoding::Windows1252);
        assert_eq!(m.as_str(), "a\u{b6}1. \u{201c}x\u{201d}");
        // the pilcrow is 2 UTF-8 bytes standing for source byte 1
        assert_eq!(m.span(1, 3), Span::new(1, 2));
        assert_eq!(m.span(3, 4), Span::new(2, 3));
    }

    #[test]
    fn ascii_len_finds_the_first_non_ascii_byte_in_blocks_and_tails() {
        for len in [0, 1, 31, 32, 33, 64, 70, 100] {
            for at in 0..=len {
                let mut b = vec![b'a'; len];
                if at < len {
                    b[at] = 0x93;
                }
                assert_eq!(ascii_len(&b), at, "non-ASCII at {at} of {len}");
            }
        }
    }

    #[test]
    fn utf8_bom_is_skipped() {
        let (m, enc) = decode(b"\xEF\xBB\xBFabc", 0);
        assert_eq!((m.as_str(), enc), ("abc", Encoding::Utf8));
        assert_eq!(m.span(0, 1), Span::new(3, 4));
    }

    #[test]
    fn utf16_without_bom_is_recognized() {
        let le: Vec<u8> = "UNCLAS ALMATY 004123".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (m, enc) = decode(&le, 0);
        assert_eq!((m.as_str(), enc), ("UNCLAS ALMATY 004123", Encoding::Utf16Le));
        let be: Vec<u8> = "UNCLAS ALMATY 004123".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be, 0).1, Encoding::Utf16Be);
        assert_eq!(utf16_without_bom(b"\x00\x00\x00\x00\x00\x00\x00\x00"), None);
    }

    #[test]
    fn utf16_with_bom() {
        let (m, enc) = decode(b"\xFF\xFEh\x00i\x00", 0);
        assert_eq!((m.as_str(), enc), ("hi", Encoding::Utf16Le));
        assert_eq!(m.span(1, 2), Span::new(4, 6));
    }
}
