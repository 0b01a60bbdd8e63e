//! Lines of a text and small byte-level scanners shared by the parsers.

/// One line: `start..end` is its content without the line ending,
/// `next` is where the following line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// First byte of the line.
    pub start: usize,
    /// End of the content (before `\r\n` or `\n`).
    pub end: usize,
    /// Start of the next line (after the line ending).
    pub next: usize,
    /// Start of the content without leading white space (as [`trim`]).
    pub t_start: usize,
    /// End of the content without trailing white space (as [`trim`]);
    /// `t_start == t_end` for a blank line.
    pub t_end: usize,
}

impl Line {
    /// The line's content, trimmed as [`trim`] does, within `s` (the text
    /// the line was split from).
    #[inline]
    pub fn trimmed<'s>(&self, s: &'s str) -> &'s str {
        s.get(self.t_start..self.t_end).unwrap_or("")
    }

    /// Where the line's text lies without white space at either end.
    pub fn trimmed_range(&self) -> (usize, usize) {
        (self.t_start, self.t_end)
    }
}

/// Splits `text` into lines (`\n`, `\r\n` or a lone `\r` at end of line).
pub fn split_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 32 + 1);
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', bytes) {
        lines.push(line_at(text, start, nl, nl + 1));
        start = nl + 1;
    }
    if start < bytes.len() {
        lines.push(line_at(text, start, bytes.len(), bytes.len()));
    }
    lines
}

/// The line of `text` at `start..end` (`end` before the `\n`, if any).
#[inline(always)]
fn line_at(text: &str, start: usize, end: usize, next: usize) -> Line {
    let bytes = text.as_bytes();
    let content_end = if end > start && bytes[end - 1] == b'\r' { end - 1 } else { end };
    // [`trim`] on bytes: only a non-ASCII end needs the `str` (and its checks).
    let b = bytes.get(start..content_end).unwrap_or_default();
    let (mut i, mut j) = (0, b.len());
    while i < j && is_ascii_space(b[i]) {
        i += 1;
    }
    while j > i && is_ascii_space(b[j - 1]) {
        j -= 1;
    }
    if i < j && (b[i] >= 0x80 || b[j - 1] >= 0x80) {
        let content = text.get(start..content_end).unwrap_or("");
        let t = trim(content);
        let t_start = start + (t.as_ptr() as usize - content.as_ptr() as usize);
        return Line { start, end: content_end, next, t_start, t_end: t_start + t.len() };
    }
    Line { start, end: content_end, next, t_start: start + i, t_end: start + j }
}

/// True when `s` holds nothing but white space (including NBSP).
pub fn is_blank(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\x0c')) || s.chars().all(char::is_whitespace)
}

/// `s` with leading white space removed, and how many bytes were removed.
pub fn trim_start_count(s: &str) -> (&str, usize) {
    let t = trim_start(s);
    (t, s.len() - t.len())
}

/// ASCII bytes that `char::is_whitespace` accepts.
#[inline]
pub fn is_ascii_space(b: u8) -> bool {
    // One compare rejects every byte above the space (nearly all of them).
    b <= b' ' && matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// Same as `str::trim`, fast when both ends are ASCII (this runs on every
/// line; `str::trim` decodes chars). Unicode white space (NBSP, em space)
/// at an end is still trimmed, by the slow path.
#[inline]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let (mut i, mut j) = (0, b.len());
    while i < j && is_ascii_space(b[i]) {
        i += 1;
    }
    while j > i && is_ascii_space(b[j - 1]) {
        j -= 1;
    }
    let t = s.get(i..j).unwrap_or("");
    if t.as_bytes().first().is_some_and(|&c| c >= 0x80) || t.as_bytes().last().is_some_and(|&c| c >= 0x80) {
        // Trimming what is already white space changes nothing.
        t.trim()
    } else {
        t
    }
}

/// Same as `str::trim_start`, fast when the first non-space byte is ASCII.
pub fn trim_start(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && is_ascii_space(b[i]) {
        i += 1;
    }
    let t = &s[i..];
    if t.as_bytes().first().is_some_and(|&c| c >= 0x80) {
        t.trim_start()
    } else {
        t
    }
}

/// Same as `str::trim_end`, fast when the last non-space byte is ASCII.
pub fn trim_end(s: &str) -> &str {
    let b = s.as_bytes();
    let mut j = b.len();
    while j > 0 && is_ascii_space(b[j - 1]) {
        j -= 1;
    }
    let t = &s[..j];
    if t.as_bytes().last().is_some_and(|&c| c >= 0x80) {
        t.trim_end()
    } else {
        t
    }
}

/// ASCII case-insensitive prefix test.
pub fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// First position of `needle` in `hay`: `str::find` with a `&str`, without
/// building a two-way searcher per call (memchr on the needle's first byte
/// that is not a space, a rarer byte in text).
pub fn find_str(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let k = usize::from(n.len() > 1 && n[0] == b' ');
    let Some(&c) = n.get(k) else { return Some(0) };
    let mut from = k;
    while from < h.len() {
        let p = from + memchr::memchr(c, &h[from..])?;
        // Candidates come in order, so the first match is the first occurrence.
        if h.get(p - k..p - k + n.len()) == Some(n) {
            return Some(p - k);
        }
        from = p + 1;
    }
    None
}

/// First position of `needle` in `hay`, ASCII case-insensitively.
pub fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    find_ci_from(hay, needle, 0)
}

/// First position at or after `from` of `needle` in `hay`, ASCII case-insensitively.
pub fn find_ci_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut i = from;
    while i + n.len() <= h.len() {
        let rel = memchr::memchr2(lo, up, &h[i..=h.len() - n.len()])?;
        i += rel;
        if h[i + 1..i + n.len()].eq_ignore_ascii_case(&n[1..]) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Splits `s` into white-space separated words with their byte offsets.
pub fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_ascii_whitespace().map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// The first 8 bytes of `s`, big-endian, padded with zeros: for strings
/// without NUL bytes, ordering by this key and then by the strings is the
/// strings' order, with most comparisons made on the keys alone (sorting the
/// lookup tables).
#[inline]
pub fn prefix_key(s: &str) -> u64 {
    let mut k = [0u8; 8];
    for (d, b) in k.iter_mut().zip(s.bytes()) {
        *d = b;
    }
    u64::from_be_bytes(k)
}

/// True for a non-empty ASCII digit string.
pub fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Appends `n` in decimal, zero-padded to `width` digits: what
/// `format!("{n:0width$}")` gives, without the formatting machinery (ids
/// and dates are written for every cable).
pub fn push_decimal(out: &mut String, n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    let mut v = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for _ in buf.len() - i..width {
        out.push('0');
    }
    out.extend(buf[i..].iter().map(|&d| d as char));
}

/// Appends `v` in decimal, zero-padded to `width` characters, a minus sign
/// included: what `format!("{v:0width$}")` gives.
pub fn push_signed(out: &mut String, v: i64, width: usize) {
    if v < 0 {
        out.push('-');
    }
    push_decimal(out, v.unsigned_abs(), if v < 0 { width.saturating_sub(1) } else { width });
}

/// Parses a short digit string (at most 9 digits).
pub fn parse_u32(s: &str) -> Option<u32> {
    if is_digits(s) && s.len() <= 9 {
        s.parse().ok()
    } else {
        None
    }
}

/// Parses a digit string of at most 18 digits.
pub fn parse_u64(s: &str) -> Option<u64> {
    if is_digits(s) && s.len() <= 18 {
        s.parse().ok()
    } else {
        None
    }
}

/// The largest char boundary of `s` at or below `i`.
pub fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_str_is_find() {
        let hays = [
            "",
            " ",
            "A",
            "STATE PLEASE PASS TO USAID",
            "A AND B AND C",
            "REFS: A. REF: B",
            "  FOR  FOR ",
            "xx-00-00",
            "é REF: é",
        ];
        for hay in hays {
            for needle in
                ["", " ", " PASS TO ", " FOR ", " AND ", "REF:", "REFS:", "-00", "; reason", " reason", "1.4", "é"]
            {
                assert_eq!(find_str(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            }
        }
    }

    #[test]
    fn push_decimal_writes_what_format_writes() {
        for n in [0u64, 5, 9, 10, 99, 100, 2009, 123_456_789, u64::MAX] {
            for width in 0..5 {
                let mut s = String::from("x");
                push_decimal(&mut s, n, width);
                assert_eq!(s, format!("x{n:0width$}"));
            }
        }
        for v in [0i64, 7, -7, 42, -42, 2009, -2009, i64::MIN, i64::MAX] {
            for width in 0..6 {
                let mut s = String::new();
                push_signed(&mut s, v, width);
                assert_eq!(s, format!("{v:0width$}"));
            }
        }
    }

    #[test]
    fn lines_handle_crlf_and_missing_final_newline() {
        let l = split_lines("a\r\nbc\n\nd");
        assert_eq!(l.len(), 4);
        assert_eq!((l[0].start, l[0].end, l[0].next), (0, 1, 3));
        assert_eq!((l[3].start, l[3].end, l[3].next), (7, 8, 8));
    }

    #[test]
    fn fast_trims_match_std() {
        for s in ["", " ", "  a b \r", "\x0b x\x0c", "\u{a0}x\u{a0}", " \u{2003} x \u{a0} ", "\u{a0}", "é ", " ¶1. x"]
        {
            assert_eq!(trim(s), s.trim(), "{s:?}");
            assert_eq!(trim_start(s), s.trim_start(), "{s:?}");
            assert_eq!(trim_end(s), s.trim_end(), "{s:?}");
        }
    }

    #[test]
    fn case_insensitive_find() {
        assert_eq!(find_ci("abc End Summary.", "end summary"), Some(4));
        assert_eq!(find_ci("abc", "abcd"), None);
        assert_eq!(find_ci("", "x"), None);
    }
}
